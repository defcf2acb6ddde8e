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

#include "precis/rouge_args.h"
#include "precis/rouge_io.h"

namespace precis::cli {

// The command line as the library parses it (precis/rouge_args.h).
using RougeInvocation = rouge::CommandLine;
using UsageError = rouge::ArgumentError;
inline RougeInvocation ParseRougeArgs(const std::vector<std::string>& args) { return rouge::ParseCommandLine(args); }

std::string RougeUsage(bool full);

// Runs the command; returns the exit status. `in` is read for --jsonl -.
int RunRouge(const std::vector<std::string>& args, std::istream& in, std::ostream& out, std::ostream& err);

}  // namespace precis::cli
