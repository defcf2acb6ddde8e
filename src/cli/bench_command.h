// `precis bench`: every method on every story of a JSONL set, scored with
// precis' ROUGE-1.5.5 against the stories' references, with speed and
// memory; a text table, a JSON document, an HTML report (see bench.h).
// Exit status: 0 ok, 1 bad input or a failing method (the message names the
// file and line, or the method and output line), 2 bad usage, 3 an output
// file could not be written, 128 + signal when interrupted while writing one.
#pragma once

#include <iosfwd>
#include <string>
#include <vector>

namespace CLI {
class App;
}

namespace precis::cli {

struct BenchInvocation {
  std::string input;
  std::string preset;
  std::string methods = "default,lead,centroid,lexrank,textrank,concepts,oracle";
  std::vector<std::string> externals;  // NAME=COMMAND
  std::string format = "text";
  std::string report;                  // FILE.html
  std::string queries;                 // questions per story id (JSONL)
  std::string save_cases;              // DIR
  int threads = 0;
  std::size_t limit = 0;
  bool progress = true;
};

CLI::App* AddBenchCommand(CLI::App& app, BenchInvocation* inv);

int RunBench(const BenchInvocation& inv, std::ostream& out, std::ostream& err);

}  // namespace precis::cli
