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
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "common/lcg.h"

namespace fs = std::filesystem;

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

struct RunResult {
  double seconds = 0;
  double cpu_seconds = 0;  // user + system: the wall time depends on what else runs
  long max_rss_kb = 0;
  int status = -1;
};

RunResult Run(const std::vector<std::string>& args) {
  std::fflush(stdout);  // the child must not inherit buffered lines
  const auto start = std::chrono::steady_clock::now();
  const pid_t pid = ::fork();
  if (pid < 0) {
    std::perror("fork");
    std::exit(1);
  }
  if (pid == 0) {
    if (std::freopen("/dev/null", "w", stdout) == nullptr || std::freopen("/dev/null", "w", stderr) == nullptr) {
      ::_exit(127);
    }
    std::vector<char*> argv;
    for (const std::string& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    ::execv(argv[0], argv.data());
    ::_exit(127);
  }
  int status = 0;
  rusage usage{};
  if (::wait4(pid, &status, 0, &usage) < 0) {
    std::perror("wait4");
    std::exit(1);
  }
  RunResult r;
  r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  r.max_rss_kb = usage.ru_maxrss;
  r.cpu_seconds = static_cast<double>(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) +
                  static_cast<double>(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
  r.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return r;
}

std::uint64_t ParseSize(const std::string& text) {
  char* end = nullptr;
  const double value = std::strtod(text.c_str(), &end);
  double unit = 1;
  if (end != nullptr && *end != '\0') {
    switch (*end) {
      case 'k': case 'K': unit = 1e3; break;
      case 'm': case 'M': unit = 1e6; break;
      case 'g': case 'G': unit = 1e9; break;
      default:
        std::cerr << "memory_bench: bad size " << text << "\n";
        std::exit(2);
    }
  }
  if (!(value > 0)) {
    std::cerr << "memory_bench: bad size " << text << "\n";
    std::exit(2);
  }
  return static_cast<std::uint64_t>(value * unit);
}

std::vector<std::string> SplitCommas(const std::string& list) {
  std::vector<std::string> out;
  std::stringstream in(list);
  for (std::string item; std::getline(in, item, ',');) {
    if (!item.empty()) out.push_back(item);
  }
  return out;
}

std::string LoadAverage() {
  std::ifstream in("/proc/loadavg");
  std::string first;
  in >> first;
  return first.empty() ? "?" : first;
}

void PrintRow(std::uint64_t bytes, const std::string& what, const RunResult& r) {
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
      for (const std::string& s : SplitCommas(a)) sizes.push_back(ParseSize(s));
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
              articles, LoadAverage().c_str());
  std::printf("%9s  %-28s %6s %8s %8s %11s %10s\n", "input MB", "command", "status", "wall s", "CPU s",
              "peak RSS MB", "RSS/input");
  int status = 0;
  for (const std::uint64_t size : sizes) {
    const std::vector<fs::path> files = GenerateStory(dir, size, articles, vocabulary);
    std::uint64_t bytes = 0;
    for (const fs::path& f : files) bytes += fs::file_size(f);
    std::vector<std::string> clean = {precis, "clean"};
    for (const fs::path& f : files) clean.push_back(f.string());
    RunResult r = Run(clean);
    PrintRow(bytes, "clean (story files)", r);
    status |= r.status != 0;

    const fs::path jsonl = GenerateStories(dir, size, vocabulary);
    r = Run({precis, "clean", jsonl.string(), "--format", "json"});
    PrintRow(fs::file_size(jsonl), "clean (JSONL stories)", r);
    status |= r.status != 0;
    fs::remove(jsonl);

    for (const std::string& method : methods) {
      std::vector<std::string> summarize = {precis, "summarize"};
      for (const fs::path& f : files) summarize.push_back(f.string());
      summarize.insert(summarize.end(), {"--method", method});
      r = Run(summarize);
      PrintRow(bytes, "summarize --method " + method, r);
      status |= r.status != 0;
    }
    for (const fs::path& f : files) fs::remove(f);
  }
  if (status != 0) std::fprintf(stderr, "memory_bench: some run failed (see the status column)\n");
  return status;
}
