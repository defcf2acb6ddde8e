// `precis rouge`: the ROUGE-1.5.5.pl command line, plus JSONL input.
//
// The flags follow the script's Getopt::Std rules (bundling as in -am,
// values attached or separate as in -n2 / -n 2, options end at the first
// argument that is not one), which CLI11 does not model; that is why this
// subcommand parses its own arguments. Long options (--jsonl, --threads,
// --format, --exceptions, --label, --make-home, --help) are precis
// extensions and may appear anywhere, as may -o FILE (not a flag of the
// script). --make-home DIR writes a ROUGE home whose ROUGE-1.5.5.pl runs
// this precis (rouge_io.h: WriteRougeHome), for pyrouge-style callers.
//
// Exit status (kExit* in output_target.h): 0 every case scored; 1 bad input
// (each named on standard error; with --on-error skip the other cases were
// scored and written); 2 bad usage; 3 the output could not be written;
// 128 + signal number when interrupted. Results are written only once every
// case is scored; with -o FILE, FILE appears only then.
#pragma once

#include <cstddef>
#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

#include "precis/rouge_io.h"

namespace precis::cli {

struct RougeInvocation {
  rouge::Options options;
  bool all_peers = false;  // -a
  bool per_case = false;   // -d
  bool verbose = false;    // -v
  bool usage = false;      // -h, --help
  bool full_usage = false; // -H
  std::optional<std::string> file_list_format;  // -z FORMAT
  std::vector<std::string> positional;          // CONFIG [SYSTEM-ID]
  std::optional<std::string> jsonl;             // --jsonl FILE
  int threads = 0;                              // --threads N (0: all cores)
  std::string format;                           // --format text|json|jsonl ("": by mode)
  std::optional<std::string> exceptions;        // --exceptions FILE
  std::string label;                            // --label NAME
  std::string output;                           // -o / --output FILE ("": standard output)
  std::string on_error = "stop";                // --on-error stop|skip
  std::size_t max_line_bytes = rouge::kDefaultMaxCaseLineBytes;  // --max-line-bytes N
  std::optional<std::string> make_home;         // --make-home DIR
  std::vector<std::string> warnings;            // for standard error
};

// Thrown for a command line that cannot be run; the message says why.
struct UsageError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

RougeInvocation ParseRougeArgs(const std::vector<std::string>& args);

std::string RougeUsage(bool full);

// Runs the command; returns the exit status. `in` is read for --jsonl -.
int RunRouge(const std::vector<std::string>& args, std::istream& in, std::ostream& out, std::ostream& err);

}  // namespace precis::cli
