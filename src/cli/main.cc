// precis: the command line. A thin layer: each subcommand parses its
// arguments and calls the library.
#include <CLI/CLI.hpp>

#include <algorithm>
#include <functional>
#include <iostream>
#include <utility>
#include <string>
#include <vector>

#include "cli/bench_command.h"
#include "cli/clean_command.h"
#include "cli/cluster_command.h"
#include "cli/rouge_command.h"
#include "cli/serve_command.h"
#include "cli/summarize_command.h"

// Under ThreadSanitizer (the CI's TSan build): Debian's cpp-httplib, which
// precis serve runs on, is a library built without it, so the
// synchronisation it does inside itself is invisible and its worker threads
// are reported racing on its own data (and in the std::regex code it runs).
// Those reports are dropped, as in the serve tests; the store and the
// server's handlers, compiled here, are still checked.
#if defined(__SANITIZE_THREAD__)
extern "C" const char* __tsan_default_suppressions() {
  return "called_from_lib:libcpp-httplib.so\nrace:std::__detail::_BracketMatcher\n";
}
#endif

namespace {

// Edit distance (insertions, deletions, substitutions), for suggestions.
std::size_t Distance(const std::string& a, const std::string& b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[b.size()];
}

// The message for a first argument that is no subcommand (CLI11 would say
// only that one is required), suggesting the nearest when it is near.
std::string UnknownCommandMessage(const std::string& given, const std::vector<std::string>& commands) {
  std::string nearest, list;
  std::size_t best = given.size() / 2 + 1;  // farther than this is no typo
  for (const std::string& c : commands) {
    list += (list.empty() ? "" : ", ") + c;
    if (const std::size_t d = Distance(given, c); d < best) {
      best = d;
      nearest = c;
    }
  }
  return "precis: unknown command \"" + given + "\"" + (nearest.empty() ? "" : "; did you mean \"" + nearest + "\"?") +
         " (commands: " + list + "; see precis --help)\n";
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"precis: many news articles on one story in, one short cited brief out.\n"
               "Run `precis SUBCOMMAND --help` for the flags of a subcommand."};
  app.set_version_flag("--version", std::string("precis ") + PRECIS_VERSION);
  app.require_subcommand(1);

  CLI::App* rouge = app.add_subcommand("rouge", "ROUGE-1.5.5 scores, exactly as the Perl script prints them");
  // ROUGE-1.5.5's flags follow Perl's Getopt::Std; the subcommand parses them itself.
  rouge->prefix_command();
  rouge->set_help_flag();
  rouge->allow_extras();

  precis::cli::SummarizeInvocation summarize_args;
  CLI::App* summarize = precis::cli::AddSummarizeCommand(app, &summarize_args);
  precis::cli::CleanInvocation clean_invocation;
  CLI::App* clean = precis::cli::AddCleanCommand(app, &clean_invocation);
  precis::cli::ClusterInvocation cluster_invocation;
  CLI::App* cluster = precis::cli::AddClusterCommand(app, &cluster_invocation);
  precis::cli::BenchInvocation bench_invocation;
  CLI::App* bench = precis::cli::AddBenchCommand(app, &bench_invocation);
  precis::cli::ServeInvocation serve_invocation;
  CLI::App* serve = precis::cli::AddServeCommand(app, &serve_invocation);

  if (argc > 1 && argv[1][0] != '-') {
    std::vector<std::string> commands;
    const std::function<bool(const CLI::App*)> all;
    for (const CLI::App* sub : std::as_const(app).get_subcommands(all)) commands.push_back(sub->get_name());
    if (std::find(commands.begin(), commands.end(), argv[1]) == commands.end()) {
      std::cerr << UnknownCommandMessage(argv[1], commands);
      return 2;
    }
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    // Help and version exit 0; any other command line problem is bad usage.
    const int code = app.exit(e);
    return code == 0 ? 0 : 2;
  }
  if (summarize->parsed()) return precis::cli::RunSummarize(summarize_args, std::cin, std::cout, std::cerr);
  if (rouge->parsed()) return precis::cli::RunRouge(rouge->remaining(), std::cin, std::cout, std::cerr);
  if (clean->parsed()) return precis::cli::RunClean(clean_invocation, std::cout, std::cerr);
  if (cluster->parsed()) return precis::cli::RunCluster(cluster_invocation, std::cin, std::cout, std::cerr);
  if (bench->parsed()) return precis::cli::RunBench(bench_invocation, std::cout, std::cerr);
  if (serve->parsed()) return precis::cli::RunServe(serve_invocation, std::cout, std::cerr);
  return 2;
}
