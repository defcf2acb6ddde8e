// one_story_bench: how often the "not one story" check (precis/story_check.h)
// fires on real stories, and on stories made by mixing real ones.
//
//   one_story_bench STORIES.jsonl... [--shares 0.02,0.03,0.04,0.05,0.06]
//
// Each story goes through the clean stage as in `precis summarize`. For each
// link cosine ("share") it prints, per file: the stories it calls several (false
// alarms), and how many it catches of: each story mixed with the next one
// (all their articles), one article of each of three consecutive stories,
// and each story with the first article of the next added (one stray).
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "precis/ingest.h"
#include "precis/pipeline.h"
#include "precis/story_check.h"

namespace {

std::vector<precis::Story> Load(const std::string& path) {
  precis::ingest::JsonlReader reader{std::filesystem::path(path)};
  std::vector<precis::Story> out;
  std::string line;
  std::size_t number = 0;
  while (reader.Next(&line, &number)) {
    const precis::Story raw = precis::ingest::ParseStoryJson(line, path, number);
    precis::Story story = precis::SummarizerInput(raw, precis::CleanStoryInput(raw, precis::CleanOptions{}));
    out.push_back(std::move(story));
  }
  return out;
}

precis::Story Mix(const std::vector<const precis::Story*>& parts, bool first_only) {
  precis::Story out;
  for (const precis::Story* p : parts) {
    for (const precis::Document& d : p->docs) {
      out.docs.push_back(d);
      if (first_only) break;
    }
  }
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> files;
  std::vector<double> shares = {0.02, 0.03, 0.04, 0.05, 0.06};
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "--shares" && i + 1 < argc) {
      shares.clear();
      std::stringstream in(argv[++i]);
      for (std::string s; std::getline(in, s, ',');) shares.push_back(std::atof(s.c_str()));
    } else {
      files.push_back(a);
    }
  }
  if (files.empty()) {
    std::cerr << "usage: one_story_bench STORIES.jsonl... [--shares LIST]\n";
    return 2;
  }
  std::printf("%-28s %6s %8s %16s %16s %16s %16s\n", "set", "share", "stories", "false alarms", "pairs caught",
              "three caught", "stray caught");
  for (const std::string& file : files) {
    const std::vector<precis::Story> stories = Load(file);
    const std::size_t n = stories.size();
    std::string name = std::filesystem::path(file).stem().string();
    for (const double share : shares) {
      std::size_t alarms = 0, pairs = 0, threes = 0, strays = 0;
      for (std::size_t i = 0; i < n; ++i) {
        const precis::Story& a = stories[i];
        const precis::Story& b = stories[(i + 1) % n];
        const precis::Story& c = stories[(i + 2) % n];
        alarms += precis::summarize::GroupArticles(a, share).several_stories;
        pairs += precis::summarize::GroupArticles(Mix({&a, &b}, false), share).several_stories;
        threes += precis::summarize::GroupArticles(Mix({&a, &b, &c}, true), share).several_stories;
        precis::Story stray = a;
        stray.docs.push_back(b.docs.front());
        strays += precis::summarize::GroupArticles(stray, share).several_stories;
      }
      auto pct = [&](std::size_t k) {
        return std::to_string(k) + " (" + std::to_string(static_cast<int>(100.0 * k / n + 0.5)) + "%)";
      };
      std::printf("%-28s %6.2f %8zu %16s %16s %16s %16s\n", name.c_str(), share, n, pct(alarms).c_str(),
                  pct(pairs).c_str(), pct(threes).c_str(), pct(strays).c_str());
    }
  }
  return 0;
}
