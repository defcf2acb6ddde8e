// The ROUGE-1.5.5.pl command line, parsed: what `precis rouge` and the
// Python module's rouge() take. The flags follow the script's Getopt::Std
// rules (bundling as in -am, values attached or separate as in -n2 / -n 2,
// options end at the first argument that is not one); long options
// (--jsonl, --threads, --format, --exceptions, --label, --make-home,
// --on-error, --max-line-bytes, --help) and -o FILE are precis extensions
// and may appear anywhere.
// Errors: ParseCommandLine throws ArgumentError saying what is wrong (an
// unknown flag, a missing or out-of-range value, -l with -b).
// Thread safety: plain values; parsing is reentrant.
#pragma once

#include <cstddef>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "precis/rouge.h"
#include "precis/rouge_io.h"

namespace precis::rouge {

struct CommandLine {
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
struct ArgumentError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

CommandLine ParseCommandLine(const std::vector<std::string>& args);

}  // namespace precis::rouge
