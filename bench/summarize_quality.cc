// summarize_quality: ROUGE of every summarization method on a JSONL set of
// stories, side by side, scored by precis' own ROUGE-1.5.5 scorer.
//
//   summarize_quality STORIES.jsonl [--preset multinews|tac] [--methods a,b,...]
//                     [--params "k=v,..."]... [--threads N] [--clean yes|no]
//
// Presets (the length is also the summary budget, in words):
//   multinews: -n 2 -2 4 -u -m -a -l 300 -c 95 -r 1000 -f A -p 0.5 -t 0
//   tac:       -n 2 -m -a -l 250 -x -c 95 -r 1000 -f A -p 0.5 -t 0
// Reference summaries are split into sentences by precis' splitter.
// Several --params give one row each for the default method (tuning).
#include <cstdio>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "precis/error.h"
#include "precis/ingest.h"
#include "precis/pipeline.h"
#include "precis/rouge.h"
#include "precis/rouge_io.h"
#include "precis/summarize.h"
#include "precis/text.h"

namespace {

std::vector<std::string> SplitComma(const std::string& s) {
  std::vector<std::string> out;
  std::stringstream in(s);
  std::string item;
  while (std::getline(in, item, ',')) {
    if (!item.empty()) out.push_back(item);
  }
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  using namespace precis;
  if (argc < 2) {
    std::cerr << "usage: summarize_quality STORIES.jsonl [--preset multinews|tac] [--methods a,b] "
                 "[--params k=v,...]... [--threads N]\n";
    return 2;
  }
  std::string path = argv[1], preset = "multinews";
  std::vector<std::string> methods = summarize::MethodNames();
  std::vector<std::string> params;
  int threads = 0;
  bool clean = true;
  for (int i = 2; i + 1 < argc; i += 2) {
    const std::string flag = argv[i], value = argv[i + 1];
    if (flag == "--preset") preset = value;
    else if (flag == "--methods") methods = SplitComma(value);
    else if (flag == "--params") params.push_back(value);
    else if (flag == "--threads") threads = std::stoi(value);
    else if (flag == "--clean") clean = value != "no";
    else {
      std::cerr << "unknown flag " << flag << "\n";
      return 2;
    }
  }
  rouge::Options ro;
  ro.max_ngram = 2;
  ro.stem = true;
  ro.formula = rouge::Formula::kModelAverage;
  ro.alpha = 0.5;
  ro.confidence = 95;
  ro.resamples = 1000;
  if (preset == "multinews") {
    ro.skip_distance = 4;
    ro.skip_distance_text = std::to_string(4);
    ro.skip_unigrams = true;
    ro.word_limit = 300;
  } else if (preset == "tac") {
    ro.word_limit = 250;
    ro.lcs = false;
  } else {
    std::cerr << "unknown preset " << preset << "\n";
    return 2;
  }
  try {
    std::vector<Story> stories;
    ingest::JsonlReader reader{std::filesystem::path(path)};
    std::string line;
    std::size_t number = 0;
    // What `precis summarize` reads: each story through the clean stage.
    while (reader.Next(&line, &number)) {
      const Story raw = ingest::ParseStoryJson(line, path, number);
      stories.push_back(SummarizerInput(raw, CleanStoryInput(raw, CleanOptions{}, clean)));
    }
    text::SentenceSplitter splitter;
    std::vector<std::vector<std::vector<std::string>>> models(stories.size());
    for (std::size_t s = 0; s < stories.size(); ++s) {
      for (const std::string& ref : stories[s].refs) {
        std::vector<std::string> sentences;
        for (auto& sent : splitter.Split(ref)) sentences.push_back(std::move(sent.text));
        models[s].push_back(std::move(sentences));
      }
    }
    const auto lexicon = rouge::Lexicon::Builtin();
    const auto metrics = rouge::MetricsFor(ro);
    struct Run {
      std::string method, params;
    };
    std::vector<Run> runs;
    for (const auto& m : methods) runs.push_back({m, ""});
    for (const auto& p : params) runs.push_back({std::string(summarize::DefaultMethod()), p});
    std::printf("%-10s %-40s %8s %8s %8s %19s %19s\n", "method", "params", "words", "R-1 F", "R-2 F", "R-1 95% CI",
                "R-2 95% CI");
    summarize::Summarizer summarizer;
    for (const Run& run : runs) {
      summarize::Options so;
      so.method = run.method;
      so.params = run.params;
      so.budget = {summarize::BudgetKind::kWords, static_cast<std::size_t>(ro.word_limit)};
      std::vector<rouge::Case> cases;
      double words = 0;
      for (std::size_t s = 0; s < stories.size(); ++s) {
        const summarize::Summary summary = summarizer.Summarize(stories[s], so);
        rouge::Case c;
        c.id = stories[s].id.empty() ? std::to_string(s) : stories[s].id;
        for (const auto& sent : summary.sentences) c.peer.push_back(sent.text);
        c.models = models[s];
        words += static_cast<double>(summary.words);
        cases.push_back(std::move(c));
      }
      const rouge::PeerResults r = rouge::Evaluate(run.method, std::move(cases), ro, *lexicon, threads);
      double f1 = 0, f2 = 0, l1 = 0, h1 = 0, l2 = 0, h2 = 0;
      for (std::size_t m = 0; m < metrics.size(); ++m) {
        if (metrics[m].name == "ROUGE-1") { f1 = r.averages[m].f; l1 = r.averages[m].f_low; h1 = r.averages[m].f_high; }
        if (metrics[m].name == "ROUGE-2") { f2 = r.averages[m].f; l2 = r.averages[m].f_low; h2 = r.averages[m].f_high; }
      }
      std::printf("%-10s %-40s %8.1f %8.2f %8.2f   [%6.2f, %6.2f]   [%6.2f, %6.2f]\n", run.method.c_str(),
                  run.params.c_str(), words / static_cast<double>(stories.size()), 100 * f1, 100 * f2, 100 * l1,
                  100 * h1, 100 * l2, 100 * h2);
      std::fflush(stdout);
    }
  } catch (const Error& e) {
    std::cerr << "summarize_quality: " << e.what() << "\n";
    return 1;
  }
  return 0;
}
