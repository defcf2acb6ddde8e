// `precis clean`: what precis sees of each article once junk is removed.
//
// Inputs are processed one at a time, in order; with --on-error skip a bad
// JSONL line is skipped and the file's other stories cleaned. Exit status (kExit* in
// output_target.h): 0 every input cleaned; 1 some input could not be read
// (each named on standard error; with --on-error stop, the default, the run
// stops there, with skip the others are still written); 2 bad usage; 3 the
// output could not be written; 128 + signal number when interrupted. With
// --output FILE, FILE is written only when the run completes (exit 0, or 1
// with --on-error skip); otherwise it is left as it was.
#pragma once

#include <cstddef>
#include <iosfwd>
#include <string>
#include <vector>

#include "precis/run_options.h"

namespace CLI {
class App;
}

namespace precis::cli {

struct CleanInvocation {
  std::vector<std::string> inputs;
  std::string format = "text";  // text | json
  bool explain = false;         // list removed lines with reasons
  bool no_clean = false;        // show lines as read (HTML is still extracted)
  std::string language = "en";
  std::string lexicon;          // a lexicon file instead of the built-in one
  std::string output;           // --output FILE; empty: standard output
  std::string on_error = "stop";
  // `precis summarize`'s defaults (--max-story-bytes, --max-line-bytes).
  std::size_t max_input_bytes = StoryLimits{}.max_story_bytes;  // one input (not JSONL), once decompressed
  std::size_t max_line_bytes = StoryLimits{}.max_line_bytes;    // one JSONL line
};

// Registers the subcommand and its flags on `app`, filling `invocation`.
CLI::App* AddCleanCommand(CLI::App& app, CleanInvocation* invocation);

// Runs it; returns the exit status.
int RunClean(const CleanInvocation& invocation, std::ostream& out, std::ostream& err);

}  // namespace precis::cli
