#include "cli/rouge_command.h"

#include "cli/output_target.h"

#include <filesystem>
#include <cmath>
#include <limits>
#include <iostream>
#include <map>
#include <set>
#include <sstream>

#include "precis/error.h"
#include "precis/ingest.h"
#include "precis/rouge_io.h"
#include "precis/run_options.h"

namespace precis::cli {

std::string RougeUsage(bool full) {
  std::string text =
      "Usage: precis rouge [FLAGS] CONFIG.xml [SYSTEM-ID]     (drop-in for ROUGE-1.5.5.pl)\n"
      "       precis rouge --jsonl CASES.jsonl [FLAGS]         (cases as JSON lines)\n"
      "\n"
      "Scores summaries with exactly the figures of ROUGE-1.5.5.pl. The stopword list and\n"
      "WordNet exception table are built in.\n"
      "\n"
      "ROUGE-1.5.5 flags (same meaning, same output):\n"
      "  -a          evaluate every system in CONFIG          -d          print per-case scores\n"
      "  -n N        ROUGE-1 .. ROUGE-N                       -x          no ROUGE-L\n"
      "  -m          stem (Porter + WordNet exceptions)       -s          remove stopwords\n"
      "  -l N        cut summaries to N words                 -b N        cut summaries to N bytes\n"
      "  -2 D        skip-bigrams, max gap D (<0: any)        -u / -U     add unigrams (SU) / also S\n"
      "  -w W        ROUGE-W with weight W                    -f A|B      average models / best model\n"
      "  -p ALPHA    F = 1/(ALPHA/P + (1-ALPHA)/R)            -t 0|1|2    average by case / token / counts\n"
      "  -c CF       confidence interval (percent)            -r N        bootstrap resamples\n"
      "  -z FORMAT   CONFIG is a file list (SPL, SEE, ISI)    -e DIR      accepted; data is built in\n"
      "  -v          details on standard error                -h / -H     this help\n"
      "\n"
      "precis extensions:\n"
      "  --jsonl FILE        read cases {\"id\", \"peer\": [sentences], \"models\": [[sentences]]}\n"
      "                      (\"-\" for standard input; gzip is read too); writes one JSON\n"
      "                      row per case and metric\n"
      "  --format FORMAT     text (the script's lines), json (one document) or jsonl (rows)\n"
      "  --threads N         score cases on N threads (default: all cores)\n"
      "  --exceptions FILE   use another WordNet exception table (word<TAB>base per line)\n"
      "  --label NAME        add \"options\": NAME to each JSONL row\n"
      "  -o, --output FILE   write to FILE instead of standard output; FILE appears only when\n"
      "                      every case is scored (written whole or not at all)\n"
      "  --on-error MODE     on a bad case (a JSONL line; a missing, unreadable or non-regular\n"
      "                      summary file): stop (default; nothing is written) or skip (report\n"
      "                      it, score the others)\n"
      "  --max-line-bytes N  longest JSONL line accepted (default 256 MiB)\n"
      "  --make-home DIR     write a ROUGE home for callers of ROUGE-1.5.5.pl such as pyrouge:\n"
      "                      DIR/ROUGE-1.5.5.pl (a shell script running this precis rouge)\n"
      "                      and DIR/data/; then give DIR as the ROUGE home\n"
      "\n"
      "Standard error ends with a line: cases read, scored, failed.\n"
      "Exit status: 0 success; 1 bad input (each named with its file and line or EVAL; with\n"
      "--on-error skip the other cases were scored); 2 bad usage; 3 the output could not be\n"
      "written; 130/143 interrupted (SIGINT/SIGTERM; nothing is written).\n";
  if (full) {
    text +=
        "\n"
        "Defaults as in ROUGE-1.5.5: ROUGE-L on, 95% confidence, 1000 resamples, no stemming,\n"
        "stopwords kept, -f A, alpha 0.5, averages over cases (-t 0). Averages are the mean of\n"
        "the bootstrap resample means, drawn with Perl's seeded generator, so they match the\n"
        "script's printed figures digit for digit.\n";
  }
  return text;
}

namespace {

// Thrown by the bad-case handler with --on-error stop: the error has been
// reported, the run ends.
struct StopAtFailure {};

using Groups = std::vector<std::pair<std::string, std::vector<rouge::Case>>>;

// The cases, grouped by peer in the order the script evaluates peers.
Groups ReadCases(const RougeInvocation& inv, std::istream& in, const rouge::BadCaseHandler& on_bad,
                 std::ostream& err) {
  Groups groups;
  if (inv.jsonl) {
    std::map<std::string, std::vector<rouge::Case>> by_peer;
    std::vector<rouge::Case> cases = *inv.jsonl == "-"
                                         ? rouge::ReadJsonlCases(in, "<stdin>", on_bad, inv.max_line_bytes)
                                         : rouge::ReadJsonlCases(*inv.jsonl, on_bad, inv.max_line_bytes);
    for (rouge::Case& c : cases) by_peer[c.peer_id].push_back(std::move(c));
    for (auto& [peer, peer_cases] : by_peer) groups.emplace_back(peer, std::move(peer_cases));
    return groups;
  }
  rouge::Config config;
  std::vector<std::string> peers;
  if (inv.file_list_format) {
    const std::string system = inv.positional.size() > 1 ? inv.positional[1] : "X";
    config = rouge::ReadFileList(inv.positional[0], rouge::ParseInputFormat(*inv.file_list_format), system);
    peers = {system};
  } else {
    config = rouge::ReadXmlConfig(inv.positional[0]);
    peers = inv.all_peers ? config.peer_ids : std::vector<std::string>{inv.positional[1]};
  }
  std::set<std::string> warned;  // a file shared by the peers' cases is named once
  for (const std::string& peer : peers) {
    std::vector<std::string> warnings;
    groups.emplace_back(peer, rouge::LoadCases(config, peer, &warnings, on_bad));
    for (const std::string& w : warnings) {
      if (warned.insert(w).second) err << w << "\n";
    }
  }
  return groups;
}

void WriteResults(const std::vector<rouge::PeerResults>& results, const RougeInvocation& inv,
                  const std::string& format, std::ostream& out) {
  if (format == "json") {
    rouge::WriteJsonDocument(out, results, inv.options);
    return;
  }
  for (const auto& r : results) {
    if (format == "text") {
      rouge::WriteScriptReport(out, r, inv.options, inv.per_case);
    } else {
      rouge::WriteJsonRows(out, r, inv.options, inv.label);
    }
  }
}

// Checks the arguments that only make sense together; "" when they do.
std::string ModeProblem(const RougeInvocation& inv) {
  const bool jsonl_mode = inv.jsonl.has_value();
  if (jsonl_mode && !inv.positional.empty()) return "--jsonl takes no CONFIG argument";
  if (!jsonl_mode && inv.positional.empty()) return "give a CONFIG file or --jsonl FILE (see precis rouge --help)";
  if (inv.positional.size() > 2) return "too many arguments after " + inv.positional[0];
  if (!jsonl_mode && !inv.file_list_format && !inv.all_peers && inv.positional.size() < 2) {
    return "give a SYSTEM-ID to evaluate, or -a to evaluate all systems";
  }
  return {};
}

// --make-home DIR: the home's script runs this very executable.
int MakeHome(const RougeInvocation& inv, std::ostream& err) {
  if (inv.jsonl || !inv.positional.empty()) {
    err << "precis rouge: --make-home DIR takes no CONFIG or --jsonl\n";
    return kExitUsage;
  }
  std::error_code ec;
  const std::filesystem::path self = std::filesystem::read_symlink("/proc/self/exe", ec);
  if (ec) {
    err << "precis rouge: cannot tell where this precis is (/proc/self/exe: " << ec.message() << ")\n";
    return kExitOutput;
  }
  try {
    const std::string script = rouge::WriteRougeHome(*inv.make_home, self.string());
    err << "precis rouge: wrote " << script << " (it runs " << self.string() << " rouge) and "
        << (std::filesystem::path(*inv.make_home) / "data").string() << "/; give " << *inv.make_home
        << " as the ROUGE home (pyrouge: Rouge155(\"" << *inv.make_home << "\"))\n";
    return kExitOk;
  } catch (const Error& e) {
    err << "precis rouge: " << e.what() << "\n";
    return kExitOutput;
  }
}

}  // namespace

int RunRouge(const std::vector<std::string>& args, std::istream& in, std::ostream& out, std::ostream& err) {
  RougeInvocation inv;
  try {
    inv = ParseRougeArgs(args);
  } catch (const UsageError& e) {
    err << "precis rouge: " << e.what() << "\n";
    return kExitUsage;
  }
  for (const std::string& w : inv.warnings) err << "precis rouge: warning: " << w << "\n";
  if (inv.usage || inv.full_usage) {
    out << RougeUsage(inv.full_usage);
    return kExitOk;
  }
  if (inv.make_home) return MakeHome(inv, err);
  if (const std::string problem = ModeProblem(inv); !problem.empty()) {
    err << "precis rouge: " << problem << "\n";
    return kExitUsage;
  }
  const std::string format = !inv.format.empty() ? inv.format : inv.jsonl ? "jsonl" : "text";
  const bool skip = inv.on_error == "skip";
  const InterruptGuard interrupt_guard;
  std::size_t read = 0, failed = 0;
  auto summary = [&](std::size_t scored) {
    err << "precis rouge: cases: " << read << " read, " << scored << " scored, " << failed << " failed\n";
  };
  try {
    const std::shared_ptr<const rouge::Lexicon> lexicon =
        inv.exceptions ? rouge::Lexicon::WithExceptionsFile(*inv.exceptions) : rouge::Lexicon::Builtin();
    OutputTarget target(inv.output, out);
    const rouge::BadCaseHandler on_bad = [&](const Error& e) {
      const bool too_long = dynamic_cast<const ingest::LineTooLong*>(&e) != nullptr;
      err << "precis rouge: " << e.what() << (too_long ? " (--max-line-bytes)" : "") << (skip ? " (skipped)" : "")
          << "\n";
      ++failed;
      if (!skip) throw StopAtFailure{};
    };
    Groups groups;
    try {
      groups = ReadCases(inv, in, on_bad, err);
    } catch (const StopAtFailure&) {
      if (InterruptGuard::Received() != 0) return ReportInterrupted("precis rouge", err, target);
      err << "precis rouge: stopped at the first bad case, nothing was scored (--on-error skip scores the others)"
          << (target.is_file() ? "; " + target.path() + " was not written" : std::string()) << "\n";
      read += failed;  // the cases read before the bad one went with the stop: not counted
      summary(0);
      return kExitBadInput;
    }
    for (const auto& [peer, cases] : groups) read += cases.size();
    read += failed;
    std::vector<rouge::PeerResults> results;
    std::size_t scored = 0;
    for (auto& [peer, cases] : groups) {
      // A signal stops the run between peers (a second one ends it at once).
      if (InterruptGuard::Received() != 0) return ReportInterrupted("precis rouge", err, target);
      // A peer whose every case was bad has nothing to average.
      if (cases.empty() && failed > 0) continue;
      if (inv.verbose) err << "precis rouge: peer " << peer << ": " << cases.size() << " case(s)\n";
      scored += cases.size();
      results.push_back(rouge::Evaluate(peer, std::move(cases), inv.options, *lexicon, inv.threads));
    }
    if (InterruptGuard::Received() != 0) return ReportInterrupted("precis rouge", err, target);
    WriteResults(results, inv, format, target.stream());
    target.Commit();
    summary(scored);
    return failed > 0 ? kExitBadInput : kExitOk;
  } catch (const OutputProblem& e) {
    err << "precis rouge: " << e.what() << "\n";
    return kExitOutput;
  } catch (const std::exception& e) {
    // Error (bad input) and file system or allocation failures alike. A read
    // cut by a signal fails as a read error: say what happened instead.
    if (InterruptGuard::Received() != 0) {
      err << "precis rouge: interrupted by signal " << InterruptGuard::Received() << "; nothing was written\n";
      return kExitSignalBase + InterruptGuard::Received();
    }
    err << "precis rouge: " << e.what() << "\n";
    summary(0);
    return kExitBadInput;
  }
}

}  // namespace precis::cli
