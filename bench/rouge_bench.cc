// precis rouge benchmark: scores the shared conformance cases under each
// flag set and prints cases/second on one thread and on all cores.
//
// When PRECIS_ROUGE_PL names a ROUGE-1.5.5.pl (its data directory taken from
// ROUGE_EVAL_HOME, else the "data" folder beside the script), the same cases
// are written as SPL files with an XML config, and both the Perl script and
// the `precis rouge` binary are run on them as processes: CPU time, wall time
// and peak memory of each, their ratio, and whether the outputs are
// byte-identical.
//
//   rouge_bench [--vectors DIR] [--repeat N]
#include <sys/resource.h>
#include <sys/wait.h>
#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "cli/rouge_command.h"
#include "precis/rouge_io.h"

namespace fs = std::filesystem;
using precis::rouge::Case;

namespace {

std::vector<std::string> SplitFlags(const std::string& flags) {
  std::istringstream in(flags);
  std::vector<std::string> out;
  for (std::string f; in >> f;) out.push_back(f);
  return out;
}

double SecondsToScore(const std::vector<Case>& cases, const precis::rouge::Options& options,
                      const precis::rouge::Lexicon& lexicon, int threads, int repeat) {
  double best = 1e30;
  for (int r = 0; r < repeat; ++r) {
    const auto start = std::chrono::steady_clock::now();
    const auto results = precis::rouge::Evaluate("sys", cases, options, lexicon, threads);
    const std::chrono::duration<double> took = std::chrono::steady_clock::now() - start;
    if (results.averages.empty() && options.max_ngram > 0) std::abort();  // keep the work observable
    best = std::min(best, took.count());
  }
  return best;
}

struct ProcessRun {
  bool ok = false;
  double wall = 0, cpu = 0;
  long max_rss_kb = 0;
  std::string output;
};

// Runs argv with stdout captured to a file and stderr discarded.
ProcessRun Run(const std::vector<std::string>& argv, const fs::path& dir) {
  ProcessRun run;
  const fs::path out_path = dir / "stdout.txt";
  const auto start = std::chrono::steady_clock::now();
  const pid_t pid = fork();
  if (pid == 0) {
    if (chdir(dir.c_str()) != 0) _exit(127);
    const int out = open(out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    const int null = open("/dev/null", O_WRONLY);
    dup2(out, 1);
    dup2(null, 2);
    std::vector<char*> args;
    for (const std::string& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    execvp(args[0], args.data());
    _exit(127);
  }
  int status = 0;
  struct rusage usage {};
  wait4(pid, &status, 0, &usage);
  run.wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  run.cpu = static_cast<double>(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) +
            static_cast<double>(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
  run.max_rss_kb = usage.ru_maxrss;
  run.ok = WIFEXITED(status) && WEXITSTATUS(status) == 0;
  std::ifstream in(out_path);
  std::ostringstream text;
  text << in.rdbuf();
  run.output = text.str();
  return run;
}

void WriteSpl(const fs::path& path, const std::vector<std::string>& units) {
  std::ofstream out(path);
  for (const std::string& u : units) out << u << "\n";
}

// The cases as ROUGE-1.5.5 input: SPL files and an XML config.
void WriteScriptInput(const std::vector<Case>& cases, const fs::path& dir) {
  fs::create_directories(dir / "peers");
  fs::create_directories(dir / "models");
  std::ofstream config(dir / "config.xml");
  config << "<ROUGE_EVAL version=\"1.5.5\">\n";
  for (const Case& c : cases) {
    WriteSpl(dir / "peers" / (c.id + ".spl"), c.peer);
    config << "<EVAL ID=\"" << c.id << "\">\n<PEER-ROOT>peers</PEER-ROOT>\n<MODEL-ROOT>models</MODEL-ROOT>\n"
           << "<INPUT-FORMAT TYPE=\"SPL\"></INPUT-FORMAT>\n<PEERS>\n<P ID=\"" << c.peer_id << "\">" << c.id
           << ".spl</P>\n</PEERS>\n<MODELS>\n";
    for (std::size_t m = 0; m < c.models.size(); ++m) {
      const std::string name = c.id + "." + std::to_string(m) + ".spl";
      WriteSpl(dir / "models" / name, c.models[m]);
      config << "<M ID=\"" << m << "\">" << name << "</M>\n";
    }
    config << "</MODELS>\n</EVAL>\n";
  }
  config << "</ROUGE_EVAL>\n";
}

}  // namespace

int main(int argc, char** argv) {
  fs::path vectors = fs::path(PRECIS_SHARED_DIR) / "data" / "rouge-vectors";
  if (const char* env = std::getenv("PRECIS_SHARED"); env != nullptr && *env) vectors = fs::path(env) / "data" / "rouge-vectors";
  int repeat = 20;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--vectors" && i + 1 < argc) {
      vectors = argv[++i];
    } else if (arg == "--repeat" && i + 1 < argc) {
      repeat = std::max(1, std::atoi(argv[++i]));
    } else {
      std::cerr << "usage: rouge_bench [--vectors DIR] [--repeat N]\n";
      return 2;
    }
  }
  if (!fs::exists(vectors / "cases.jsonl")) {
    std::cerr << "rouge_bench: no cases.jsonl in " << vectors << " (the shared ROUGE vectors)\n";
    return 1;
  }
  const std::vector<Case> cases = precis::rouge::ReadJsonlCases((vectors / "cases.jsonl").string());
  std::ifstream options_file(vectors / "options.json");
  const nlohmann::ordered_json flag_sets = nlohmann::ordered_json::parse(options_file);
  const auto lexicon = precis::rouge::Lexicon::Builtin();
  const int cores = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));

  std::printf("precis rouge: %zu cases, best of %d runs, in-process scoring (all metrics, bootstrap included)\n",
              cases.size(), repeat);
  std::printf("%-20s %14s %14s   %s\n", "flag set", "1 thread", "all cores", "flags");
  for (const auto& [label, flags] : flag_sets.items()) {
    const auto inv = precis::cli::ParseRougeArgs(SplitFlags(flags.get<std::string>()));
    const double one = SecondsToScore(cases, inv.options, *lexicon, 1, repeat);
    const double all = SecondsToScore(cases, inv.options, *lexicon, cores, repeat);
    std::printf("%-20s %9.0f c/s %9.0f c/s   %s\n", label.c_str(), static_cast<double>(cases.size()) / one,
                static_cast<double>(cases.size()) / all, flags.get<std::string>().c_str());
  }

  const char* script = std::getenv("PRECIS_ROUGE_PL");
  if (script == nullptr || *script == '\0') {
    std::printf("\nSet PRECIS_ROUGE_PL to a ROUGE-1.5.5.pl to compare with the Perl script on the same input.\n");
    return 0;
  }
  fs::path data = fs::path(script).parent_path() / "data";
  if (const char* home = std::getenv("ROUGE_EVAL_HOME"); home != nullptr && *home) data = home;
  const fs::path dir = fs::temp_directory_path() / ("precis-rouge-bench-" + std::to_string(getpid()));
  WriteScriptInput(cases, dir);
  std::printf("\nAs processes on the same SPL files and XML config (-a, all metrics; precis on 1 thread and on all cores):\n");
  std::printf("%-20s %10s %10s %9s | %10s %9s %9s | %8s %8s | %s\n", "flag set", "perl cpu", "precis cpu", "cpu ratio",
              "perl wall", "wall 1t", "wall all", "perl RSS", "precis", "output");
  bool all_identical = true;
  for (const auto& [label, flags] : flag_sets.items()) {
    std::vector<std::string> perl = {"perl", fs::absolute(script).string(), "-e", fs::absolute(data).string()};
    std::vector<std::string> precis1 = {PRECIS_BINARY, "rouge", "--threads", "1"};
    std::vector<std::string> precis_all = {PRECIS_BINARY, "rouge"};
    for (const std::string& f : SplitFlags(flags.get<std::string>())) {
      perl.push_back(f);
      precis1.push_back(f);
      precis_all.push_back(f);
    }
    for (auto* argv_list : {&perl, &precis1, &precis_all}) argv_list->push_back("config.xml");
    const ProcessRun p = Run(perl, dir);
    ProcessRun best1, best_all;
    for (int r = 0; r < std::min(repeat, 5); ++r) {
      ProcessRun a = Run(precis1, dir), b = Run(precis_all, dir);
      if (r == 0 || a.cpu < best1.cpu) best1 = a;
      if (r == 0 || b.wall < best_all.wall) best_all = b;
    }
    const bool identical = p.ok && best1.ok && p.output == best1.output && p.output == best_all.output;
    all_identical = all_identical && identical;
    std::printf("%-20s %9.2fs %9.3fs %8.0fx | %9.2fs %8.3fs %8.3fs | %6ld MB %6ld MB | %s\n", label.c_str(), p.cpu,
                best1.cpu, p.cpu / std::max(best1.cpu, 1e-6), p.wall, best1.wall, best_all.wall, p.max_rss_kb / 1024,
                best1.max_rss_kb / 1024, !p.ok ? "perl failed" : identical ? "identical" : "DIFFERENT");
  }
  fs::remove_all(dir);
  return all_identical ? 0 : 1;
}
