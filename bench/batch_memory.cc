// batch_memory: peak memory and throughput of `precis summarize` in batch
// mode against the size of the input.
//
//   batch_memory [SIZE] [--small SIZE] [--threads N] [--precis PATH]
//   batch_memory SIZE --generate FILE
//
// Generates a JSONL file of synthetic stories of SIZE bytes (default 2G;
// suffixes K, M, G) in a temporary directory, and a small one (default 50M)
// from the same generator, runs `precis summarize FILE --threads N` on each
// (output to /dev/null) and reports, for both, the wall time, throughput
// (MB/s and stories/s) and the child's peak RSS (getrusage). The files are
// deleted at the end. Memory should not grow with the input (the batch path
// streams) and throughput should stay within a few percent of the small run.
// With --generate, only writes the stories of SIZE bytes to FILE (the input
// of bench/dask_bench.py) and says how many.

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

#include "child_process.h"
#include "common/lcg.h"

namespace fs = std::filesystem;
namespace bench = precis::bench;

namespace {

using precis::Lcg;

const char* const kWords[] = {
    "council", "bridge", "ferry",   "storm",    "harbour",  "mayor",   "engineers", "repairs", "budget",  "voted",
    "closed",  "opened", "Monday",  "Tuesday",  "million",  "people",  "police",    "said",    "new",     "old",
    "city",    "river",  "report",  "workers",  "school",   "water",   "power",     "minister", "company", "court",
    "the",     "a",      "of",      "on",       "in",       "after",   "before",    "and",     "will",    "was",
    "to",      "for",    "with",    "that",     "from",     "by",      "more",      "than",    "year",    "week"};
constexpr std::uint32_t kWordCount = sizeof kWords / sizeof kWords[0];

void AppendSentence(Lcg& rng, std::string* out) {
  const std::uint32_t n = 8 + rng.Next(18);
  for (std::uint32_t i = 0; i < n; ++i) {
    const char* w = kWords[rng.Next(kWordCount)];
    if (i > 0) *out += ' ';
    if (i == 0) {
      *out += static_cast<char>(w[0] >= 'a' && w[0] <= 'z' ? w[0] - 'a' + 'A' : w[0]);
      *out += w + 1;
    } else {
      *out += w;
    }
  }
  if (rng.Next(4) == 0) {
    *out += ' ';
    *out += std::to_string(rng.Next(100000));
  }
  *out += '.';
}

// One story per line: 3-10 articles of 6-30 sentences, sharing a few
// sentences (so citations span articles). ~2-12 KB per story.
struct Generated {
  std::uint64_t bytes = 0;
  std::uint64_t stories = 0;
};

Generated Generate(const fs::path& path, std::uint64_t target_bytes, std::uint64_t seed) {
  std::ofstream out(path, std::ios::binary);
  if (!out) {
    std::cerr << "batch_memory: cannot write " << path << "\n";
    std::exit(1);
  }
  Lcg rng(seed);
  Generated g;
  std::string line, shared[4];
  while (g.bytes < target_bytes) {
    for (auto& s : shared) {
      s.clear();
      AppendSentence(rng, &s);
    }
    line = "{\"id\": \"s" + std::to_string(g.stories) + "\", \"docs\": [";
    const std::uint32_t docs = 3 + rng.Next(8);
    for (std::uint32_t d = 0; d < docs; ++d) {
      if (d > 0) line += ", ";
      line += "{\"id\": \"" + std::to_string(d + 1) + "\", \"source\": \"Outlet " + std::to_string(rng.Next(20)) +
              "\", \"text\": \"";
      const std::uint32_t sentences = 6 + rng.Next(25);
      for (std::uint32_t i = 0; i < sentences; ++i) {
        if (rng.Next(4) == 0) {
          line += shared[rng.Next(4)];
        } else {
          AppendSentence(rng, &line);
        }
        line += rng.Next(5) == 0 ? "\\n" : " ";
      }
      line += "\"}";
    }
    line += "]}\n";
    out << line;
    g.bytes += line.size();
    ++g.stories;
  }
  out.close();
  if (!out) {
    std::cerr << "batch_memory: cannot write " << path << " (disk full?)\n";
    std::exit(1);
  }
  return g;
}

bench::RunResult Summarize(const std::string& precis, const fs::path& input, int threads) {
  return bench::RunChild({precis, "summarize", input.string(), "--threads", std::to_string(threads), "--no-progress"},
                         false);
}

}  // namespace

int main(int argc, char** argv) {
  std::uint64_t size = 2'000'000'000ULL, small = 50'000'000ULL;
  int threads = 0;
  std::string precis = PRECIS_BINARY;
  std::string generate;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    auto value = [&]() -> std::string {
      if (i + 1 >= argc) {
        std::cerr << "batch_memory: " << a << " needs a value\n";
        std::exit(2);
      }
      return argv[++i];
    };
    if (a == "--small") {
      small = bench::ParseSize(value(), "batch_memory");
    } else if (a == "--threads") {
      threads = std::atoi(value().c_str());
    } else if (a == "--precis") {
      precis = value();
    } else if (a == "--generate") {
      generate = value();
    } else if (a == "-h" || a == "--help") {
      std::cout << "usage: batch_memory [SIZE] [--small SIZE] [--threads N] [--precis PATH]\n"
                   "       batch_memory SIZE --generate FILE\n";
      return 0;
    } else {
      size = bench::ParseSize(a, "batch_memory");
    }
  }
  if (!generate.empty()) {
    const Generated g = Generate(generate, size, 1);
    std::printf("%s: %llu stories, %llu bytes\n", generate.c_str(), static_cast<unsigned long long>(g.stories),
                static_cast<unsigned long long>(g.bytes));
    return 0;
  }
  if (threads <= 0) threads = static_cast<int>(std::max(1L, ::sysconf(_SC_NPROCESSORS_ONLN)));

  std::string pattern = (fs::temp_directory_path() / "precis-batch-memory-XXXXXX").string();
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

  std::printf("precis summarize batch: %d thread(s), %ld core(s)\n", threads, ::sysconf(_SC_NPROCESSORS_ONLN));
  std::printf("%-8s %12s %10s %9s %9s %11s %13s\n", "run", "input MB", "stories", "seconds", "MB/s", "stories/s",
              "peak RSS MB");
  double small_rate = 0;
  int status = 0;
  for (const auto& [name, bytes] : {std::pair<const char*, std::uint64_t>{"small", small}, {"large", size}}) {
    const fs::path file = dir / (std::string(name) + ".jsonl");
    const auto gen_start = std::chrono::steady_clock::now();
    const Generated g = Generate(file, bytes, 1);
    const double gen_seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - gen_start).count();
    const bench::RunResult r = Summarize(precis, file, threads);
    if (r.status != 0) {
      std::fprintf(stderr, "batch_memory: precis exited with status %d on %s\n", r.status, name);
      status = 1;
    }
    const double mb = static_cast<double>(g.bytes) / 1e6;
    const double rate = mb / r.seconds;
    std::printf("%-8s %12.1f %10llu %9.1f %9.2f %11.0f %13.1f   (load average %s)\n", name, mb,
                static_cast<unsigned long long>(g.stories), r.seconds, rate,
                static_cast<double>(g.stories) / r.seconds, static_cast<double>(r.max_rss_kb) / 1024.0,
                bench::LoadAverage().c_str());
    std::fflush(stdout);
    if (std::string(name) == "small") {
      small_rate = rate;
    } else {
      std::printf("large/small: throughput %.1f%%, input %.0fx (generation took %.0f s, not counted)\n",
                  100.0 * rate / small_rate, static_cast<double>(g.bytes) / static_cast<double>(small),
                  gen_seconds);
    }
    fs::remove(file);
  }
  return status;
}
