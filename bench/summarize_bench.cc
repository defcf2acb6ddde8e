// summarize_bench: speed of `precis summarize` on a JSONL set of stories.
//
//   summarize_bench STORIES.jsonl [--words N] [--method NAME] [--params k=v,...] [--rounds R]
//                   [--threads N] [--clean yes|no]
//
// Runs what `precis summarize` runs on a JSONL batch. Reports, on one core:
// the time per stage (parse = JSON to Story, clean = junk lines out, as
// pipeline.h's CleanStoryInput + SummarizerInput, segment =
// sentences + tokens + stems + vectors, score, select = budgeted selection,
// ordering and citations, format = JSON output), stories/second and MB/s of
// input, and the CPU time of summarizing alone per story (mean, median, 90th
// percentile, max: the figure that holds on a busy machine), and its mean in
// each round (the first starts with the summarizer's caches empty, as a
// batch does; the best round is the figure least disturbed by other work on
// the machine); then the same end to end on N threads (default: all cores). The
// input is read into memory first, so disk speed is not measured.
#include <algorithm>
#include <chrono>
#include <ctime>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <string>
#include <thread>
#include <vector>

#include "common/ordered_executor.h"
#include "precis/error.h"
#include "precis/ingest.h"
#include "precis/output.h"
#include "precis/pipeline.h"
#include "precis/summarize.h"

namespace {
using Clock = std::chrono::steady_clock;
double Seconds(Clock::time_point a, Clock::time_point b) { return std::chrono::duration<double>(b - a).count(); }
// CPU time of the calling thread: on a busy machine, wall time also counts
// the time other processes held the core.
double ThreadCpuSeconds() {
  timespec t{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) + 1e-9 * static_cast<double>(t.tv_nsec);
}
}  // namespace

int main(int argc, char** argv) {
  using namespace precis;
  if (argc < 2) {
    std::cerr << "usage: summarize_bench STORIES.jsonl [--words N] [--method NAME] [--params k=v,...] [--rounds R] "
                 "[--threads N] [--clean yes|no]\n";
    return 2;
  }
  const std::string path = argv[1];
  summarize::Options options;
  int rounds = 3;
  unsigned threads = std::thread::hardware_concurrency();
  bool clean = true;
  for (int i = 2; i + 1 < argc; i += 2) {
    const std::string flag = argv[i], value = argv[i + 1];
    if (flag == "--words") options.budget = {summarize::BudgetKind::kWords, std::stoul(value)};
    else if (flag == "--method") options.method = value;
    else if (flag == "--params") options.params = value;
    else if (flag == "--rounds") rounds = std::stoi(value);
    else if (flag == "--threads") threads = static_cast<unsigned>(std::stoul(value));
    else if (flag == "--clean") clean = value != "no";
    else {
      std::cerr << "unknown flag " << flag << "\n";
      return 2;
    }
  }
  if (threads == 0) threads = 1;
  try {
    std::vector<std::string> lines;
    double bytes = 0;
    {
      ingest::JsonlReader reader{std::filesystem::path(path)};
      std::string line;
      std::size_t number = 0;
      while (reader.Next(&line, &number)) {
        bytes += static_cast<double>(line.size());
        lines.push_back(line);
      }
    }
    const double n = static_cast<double>(lines.size()) * rounds;
    const double mb = bytes * rounds / 1e6;

    // One core, per stage.
    summarize::Summarizer summarizer;
    summarize::StageTimes times;
    summarizer.set_stage_times(&times);
    double parse = 0, clean_time = 0, format = 0, summarize_cpu = 0;
    std::vector<double> story_cpu;  // per story and round: CPU seconds of Summarize
    std::vector<double> round_cpu(static_cast<std::size_t>(rounds), 0.0);  // per round: the sum of story_cpu
    std::size_t sink = 0;
    const auto start = Clock::now();
    for (int r = 0; r < rounds; ++r) {
      for (std::size_t i = 0; i < lines.size(); ++i) {
        const auto t0 = Clock::now();
        const Story raw = ingest::ParseStoryJson(lines[i], path, i + 1);
        const auto t1 = Clock::now();
        const Story story = SummarizerInput(raw, CleanStoryInput(raw, CleanOptions{}, clean));
        const auto t2 = Clock::now();
        const double c0 = ThreadCpuSeconds();
        const summarize::Summary summary = summarizer.Summarize(story, options);
        const double c1 = ThreadCpuSeconds();
        const auto t3 = Clock::now();
        summarize_cpu += c1 - c0;
        story_cpu.push_back(c1 - c0);
        round_cpu[static_cast<std::size_t>(r)] += c1 - c0;
        sink += output::FormatSummary(story, summary, output::Format::kJson).size();
        const auto t4 = Clock::now();
        parse += Seconds(t0, t1);
        clean_time += Seconds(t1, t2);
        format += Seconds(t3, t4);
      }
    }
    const double total = Seconds(start, Clock::now());
    std::printf("%s: %zu stories x %d rounds, %.1f MB per round, method %s, budget %zu words, clean %s\n",
                path.c_str(), lines.size(), rounds, bytes / 1e6,
                options.method.empty() ? std::string(summarize::DefaultMethod()).c_str() : options.method.c_str(),
                options.budget.limit, clean ? "yes" : "no");
    std::printf("1 thread : %8.0f stories/s  %7.1f MB/s  %7.3f ms/story\n", n / total, mb / total, 1e3 * total / n);
    std::printf("  per story (ms): parse %.3f  clean %.3f  segment %.3f  score %.3f  select %.3f  format %.3f\n",
                1e3 * parse / n, 1e3 * clean_time / n, 1e-6 * times.segment_ns / n, 1e-6 * times.score_ns / n,
                1e-6 * times.select_ns / n, 1e3 * format / n);

    std::sort(story_cpu.begin(), story_cpu.end());
    if (!story_cpu.empty()) std::printf("  summarize alone, CPU time of the thread (ms/story): mean %.3f  median %.3f  90th percentile %.3f  max %.3f\n",
                1e3 * summarize_cpu / n, 1e3 * story_cpu[story_cpu.size() / 2],
                1e3 * story_cpu[story_cpu.size() * 9 / 10], 1e3 * story_cpu.back());
    if (!lines.empty() && !round_cpu.empty()) {
      std::printf("  summarize alone, mean per round (ms/story):");
      for (const double c : round_cpu) std::printf(" %.3f", 1e3 * c / static_cast<double>(lines.size()));
      std::printf("  best %.3f\n", 1e3 * *std::min_element(round_cpu.begin(), round_cpu.end()) / static_cast<double>(lines.size()));
    }

    // All cores, end to end.
    std::size_t sink2 = 0;
    const std::size_t jobs = lines.size() * static_cast<std::size_t>(rounds);
    const auto pstart = Clock::now();
    const std::size_t ran = RunIndexed(
        jobs, threads, [] { return summarize::Summarizer(); },
        [&](summarize::Summarizer& s, std::size_t j) {
          const std::string& line = lines[j % lines.size()];
          const Story raw = ingest::ParseStoryJson(line, path, j % lines.size() + 1);
          const Story story = SummarizerInput(raw, CleanStoryInput(raw, CleanOptions{}, clean));
          return output::FormatSummary(story, s.Summarize(story, options), output::Format::kJson).size();
        },
        [&](std::size_t, std::size_t bytes) {
          sink2 += bytes;
          return true;
        }).threads_ran;
    const double ptotal = Seconds(pstart, Clock::now());
    std::printf("%zu threads: %8.0f stories/s  %7.1f MB/s  (%zu output bytes)\n", ran, n / ptotal, mb / ptotal,
                sink + sink2);
  } catch (const Error& e) {
    std::cerr << "summarize_bench: " << e.what() << "\n";
    return 1;
  }
  return 0;
}
