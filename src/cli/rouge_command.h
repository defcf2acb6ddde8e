// `precis rouge`: the ROUGE-1.5.5.pl command line, plus JSONL input.
//
// The flags follow the script's Getopt::Std rules (bundling as in -am,
// values attached or separate as in -n2 / -n 2, options end at the first
// argument that is not one), which CLI11 does not model; that is why this
// subcommand parses its own arguments. Long options (--jsonl, --threads,
// --format, --exceptions, --label, --help) are precis extensions and may
// appear anywhere.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "precis/rouge.h"

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
  std::vector<std::string> warnings;            // for standard error
};

// Thrown for a command line that cannot be run; the message says why.
struct UsageError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

RougeInvocation ParseRougeArgs(const std::vector<std::string>& args);

std::string RougeUsage(bool full);

// Runs the command; returns the exit status (0 ok, 1 bad input, 2 bad usage).
int RunRouge(const std::vector<std::string>& args);

}  // namespace precis::cli
