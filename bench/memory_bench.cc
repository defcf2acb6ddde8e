// memory_bench: peak memory of `precis clean` and of every summarize method
// against the size of one story.
//
//   memory_bench [SIZES] [--articles N] [--methods LIST] [--precis PATH]
//
// SIZES (default 1M,4M,16M; suffixes K, M, G) are story sizes in bytes of
// text. For each, it generates in a temporary directory a story of N
// articles (default 2) of invented sentences (a vocabulary of 3,000 made-up
// words and a few function words; a fifth of the sentences shared between
// articles, so concepts recur), and a JSONL file of the same size made of
// small stories (2-4 articles of 20 sentences). It then runs, one process at
// a time:
//   precis clean ARTICLE...                     (the story's files)
//   precis clean STORIES.jsonl                  (streamed a story at a time)
//   precis summarize ARTICLE... --method M      (every method of LIST)
// and prints each run's exit status, wall and CPU time and peak RSS (getrusage of
// the child, measured from this small process) with its ratio to the input
// size. The files are deleted at the end.

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "child_process.h"
#include "common/lcg.h"

namespace fs = std::filesystem;
namespace bench = precis::bench;

namespace {

using precis::Lcg;

const char* const kSyllables[] = {"ka", "lo", "ri", "ten", "mar", "sol", "vi", "den",
                                  "por", "lu", "ga", "bre", "sta", "min", "que", "far"};
const char* const kFunctionWords[] = {"the", "a", "of", "on", "in", "and", "to", "for", "with", "that", "was", "said"};

std::vector<std::string> Vocabulary(std::size_t size) {
  Lcg rng(7);
  std::vector<std::string> words;
  for (std::size_t i = 0; i < size; ++i) {
    std::string w;
    const std::uint32_t syllables = 2 + rng.Next(2);
    for (std::uint32_t s = 0; s < syllables; ++s) w += kSyllables[rng.Next(16)];
    words.push_back(std::move(w));
  }
  return words;
}

void AppendSentence(Lcg& rng, const std::vector<std::string>& vocabulary, std::string* out) {
  const std::uint32_t n = 8 + rng.Next(18);
  for (std::uint32_t i = 0; i < n; ++i) {
    std::string w = rng.Next(10) < 7 ? vocabulary[rng.Next(static_cast<std::uint32_t>(vocabulary.size()))]
                                     : kFunctionWords[rng.Next(12)];
    if (i == 0) w[0] = static_cast<char>(w[0] - 'a' + 'A');
    if (i > 0) *out += ' ';
    *out += w;
  }
  *out += '.';
}

// An article of about `bytes` bytes: sentences, a fifth of them from
// `shared`, a paragraph break after every fifth.
std::string Article(Lcg& rng, const std::vector<std::string>& vocabulary, const std::vector<std::string>& shared,
                    std::uint64_t bytes, const char* paragraph_break) {
  std::string text;
  while (text.size() < bytes) {
    if (rng.Next(5) == 0) {
      text += shared[rng.Next(static_cast<std::uint32_t>(shared.size()))];
    } else {
      AppendSentence(rng, vocabulary, &text);
    }
    text += rng.Next(5) == 0 ? paragraph_break : " ";
  }
  return text;
}

void Write(const fs::path& path, const std::string& data) {
  std::ofstream out(path, std::ios::binary);
  out << data;
  if (!out) {
    std::cerr << "memory_bench: cannot write " << path << " (disk full?)\n";
    std::exit(1);
  }
}

std::vector<fs::path> GenerateStory(const fs::path& dir, std::uint64_t bytes, std::uint32_t articles,
                                    const std::vector<std::string>& vocabulary) {
  Lcg rng(bytes);
  std::vector<std::string> shared(2000);
  for (auto& s : shared) AppendSentence(rng, vocabulary, &s);
  std::vector<fs::path> files;
  for (std::uint32_t a = 0; a < articles; ++a) {
    files.push_back(dir / ("article" + std::to_string(a + 1) + ".txt"));
    Write(files.back(), Article(rng, vocabulary, shared, bytes / articles, "\n"));
  }
  return files;
}

fs::path GenerateStories(const fs::path& dir, std::uint64_t bytes, const std::vector<std::string>& vocabulary) {
  Lcg rng(bytes + 1);
  const fs::path path = dir / "stories.jsonl";
  std::ofstream out(path, std::ios::binary);
  std::uint64_t written = 0;
  std::vector<std::string> shared(4);
  for (std::uint64_t n = 0; written < bytes; ++n) {
    for (auto& s : shared) {
      s.clear();
      AppendSentence(rng, vocabulary, &s);
    }
    std::string line = "{\"id\": \"s" + std::to_string(n) + "\", \"docs\": [";
    const std::uint32_t docs = 2 + rng.Next(3);
    for (std::uint32_t d = 0; d < docs; ++d) {
      line += d > 0 ? ", " : "";
      line += "{\"text\": \"" + Article(rng, vocabulary, shared, 2000, "\\n") + "\"}";
    }
    line += "]}\n";
    out << line;
    written += line.size();
  }
  if (!out) {
    std::cerr << "memory_bench: cannot write " << path << " (disk full?)\n";
    std::exit(1);
  }
  return path;
}

std::vector<std::string> SplitCommas(const std::string& list) {
  std::vector<std::string> out;
  std::stringstream in(list);
  for (std::string item; std::getline(in, item, ',');) {
    if (!item.empty()) out.push_back(item);
  }
  return out;
}


void PrintRow(std::uint64_t bytes, const std::string& what, const bench::RunResult& r) {
  const double mb = static_cast<double>(bytes) / 1e6;
  const double rss_mb = static_cast<double>(r.max_rss_kb) * 1024.0 / 1e6;
  std::printf("%9.1f  %-28s %6d %8.2f %8.2f %11.1f %9.1fx\n", mb, what.c_str(), r.status, r.seconds, r.cpu_seconds,
              rss_mb, rss_mb / mb);
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::uint64_t> sizes;
  std::uint32_t articles = 2;
  std::vector<std::string> methods = {"precis", "lead", "centroid", "lexrank", "textrank", "concepts"};
  std::string precis = PRECIS_BINARY;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    auto value = [&]() -> std::string {
      if (i + 1 >= argc) {
        std::cerr << "memory_bench: " << a << " needs a value\n";
        std::exit(2);
      }
      return argv[++i];
    };
    if (a == "--articles") {
      articles = static_cast<std::uint32_t>(std::max(1, std::atoi(value().c_str())));
    } else if (a == "--methods") {
      methods = SplitCommas(value());
    } else if (a == "--precis") {
      precis = value();
    } else if (a == "-h" || a == "--help") {
      std::cout << "usage: memory_bench [SIZES, e.g. 1M,4M,16M] [--articles N] [--methods LIST] [--precis PATH]\n";
      return 0;
    } else {
      for (const std::string& s : SplitCommas(a)) sizes.push_back(bench::ParseSize(s, "memory_bench"));
    }
  }
  if (sizes.empty()) sizes = {1'000'000, 4'000'000, 16'000'000};

  std::string pattern = (fs::temp_directory_path() / "precis-memory-bench-XXXXXX").string();
  if (::mkdtemp(pattern.data()) == nullptr) {
    std::perror("mkdtemp");
    return 1;
  }
  const fs::path dir = pattern;
  struct Cleanup {
    fs::path dir;
    ~Cleanup() {
      std::error_code ec;
      fs::remove_all(dir, ec);
    }
  } cleanup{dir};

  const std::vector<std::string> vocabulary = Vocabulary(3000);
  std::printf("peak RSS of precis against input size: a story of %u articles; a JSONL file of small stories "
              "(load average %s)\n",
              articles, bench::LoadAverage().c_str());
  std::printf("%9s  %-28s %6s %8s %8s %11s %10s\n", "input MB", "command", "status", "wall s", "CPU s",
              "peak RSS MB", "RSS/input");
  int status = 0;
  for (const std::uint64_t size : sizes) {
    const std::vector<fs::path> files = GenerateStory(dir, size, articles, vocabulary);
    std::uint64_t bytes = 0;
    for (const fs::path& f : files) bytes += fs::file_size(f);
    std::vector<std::string> clean = {precis, "clean"};
    for (const fs::path& f : files) clean.push_back(f.string());
    bench::RunResult r = bench::RunChild(clean, true);
    PrintRow(bytes, "clean (story files)", r);
    status |= r.status != 0;

    const fs::path jsonl = GenerateStories(dir, size, vocabulary);
    r = bench::RunChild({precis, "clean", jsonl.string(), "--format", "json"}, true);
    PrintRow(fs::file_size(jsonl), "clean (JSONL stories)", r);
    status |= r.status != 0;
    fs::remove(jsonl);

    for (const std::string& method : methods) {
      std::vector<std::string> summarize = {precis, "summarize"};
      for (const fs::path& f : files) summarize.push_back(f.string());
      summarize.insert(summarize.end(), {"--method", method});
      r = bench::RunChild(summarize, true);
      PrintRow(bytes, "summarize --method " + method, r);
      status |= r.status != 0;
    }
    for (const fs::path& f : files) fs::remove(f);
  }
  if (status != 0) std::fprintf(stderr, "memory_bench: some run failed (see the status column)\n");
  return status;
}
