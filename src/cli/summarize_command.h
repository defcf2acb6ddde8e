// `precis summarize`: articles in, one cited brief out; JSONL stories in,
// one JSON summary per line out (batch mode), or with --format text or
// markdown one brief per story (headed "Story N: id" when there are several).
//
// Inputs: files (one article each; text or HTML, gzip too), directories
// (their files are the story), "-" (standard input: articles separated by a
// line "---", one HTML page, or JSONL stories), or one JSONL file of stories
// (batch mode). Every story goes through the clean stage (pipeline.h) first
// unless --no-clean. Batch mode streams:
// at most one story per worker thread is held in memory, and the output
// keeps input order whatever the thread count.
// Exit status (kExit* in output_target.h): 0 every story summarized; 1 some input was bad
// (each named on standard error with file:line; with --on-error skip the
// others were still written); 2 bad usage; 3 the output could not be
// written; 4 every story was summarized but some brief holds no sentence
// (none fits the budget; noted, and in JSON as "note"); 128 + signal number
// when interrupted (SIGINT 130, SIGTERM 143).
// With --output FILE, FILE is written only when the run completes (exit 0,
// or 1 with --on-error skip); otherwise it is left as it was.
#pragma once

#include <iosfwd>
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "precis/output.h"
#include "precis/run_options.h"

namespace CLI {
class App;
}

namespace precis::cli {

struct SummarizeInvocation {
  std::vector<std::string> inputs;
  // What the library runs: method, citation threshold, limits, threads,
  // --on-error, --no-clean, --query. Its defaults are the flags' defaults.
  RunOptions run;
  // The budget flags, at most one given; none: run.summarize.budget.
  std::optional<std::size_t> words, bytes, sentences;
  std::string format = "text";
  bool format_given = false;
  bool progress = true;    // on standard error, when it is a terminal
  bool verbose = false;    // --verbose: how many articles went in, on standard error
  std::string output;      // --output FILE; empty: standard output
};

// Declares the subcommand's flags on `app`, storing them in `inv`.
CLI::App* AddSummarizeCommand(CLI::App& app, SummarizeInvocation* inv);

// Runs the command. `in` is standard input (for "-").
int RunSummarize(const SummarizeInvocation& inv, std::istream& in, std::ostream& out, std::ostream& err);

}  // namespace precis::cli
