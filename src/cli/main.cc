// precis: the command line. A thin layer: each subcommand parses its
// arguments and calls the library.
#include <CLI/CLI.hpp>

#include <iostream>
#include <string>
#include <vector>

#include "cli/bench_command.h"
#include "cli/clean_command.h"
#include "cli/rouge_command.h"
#include "cli/summarize_command.h"

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
  precis::cli::BenchInvocation bench_invocation;
  CLI::App* bench = precis::cli::AddBenchCommand(app, &bench_invocation);

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
  if (bench->parsed()) return precis::cli::RunBench(bench_invocation, std::cout, std::cerr);
  return 2;
}
