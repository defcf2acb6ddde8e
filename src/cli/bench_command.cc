#include "cli/bench_command.h"

#include "cli/numbers.h"
#include "cli/output_target.h"

#include <CLI/CLI.hpp>
#include <unistd.h>

#include <filesystem>
#include <iostream>
#include <sstream>

#include "precis/bench.h"
#include "precis/error.h"
#include "precis/run_options.h"

namespace precis::cli {
namespace {

// Writes one finished output file whole or not at all, by the mechanism all
// commands share (OutputTarget); a signal while it is written leaves
// nothing behind. Returns kExitOk, or 128 + the signal.
int WriteWholeFile(const std::string& path, const std::string& content, std::ostream& out, std::ostream& err) {
  const InterruptGuard interrupt_guard;
  OutputTarget target(path, out);
  target.stream() << content;
  if (InterruptGuard::Received() != 0) return ReportInterrupted("precis bench", err, target);
  target.Commit();
  return kExitOk;
}

}  // namespace

CLI::App* AddBenchCommand(CLI::App& app, BenchInvocation* inv) {
  CLI::App* cmd = app.add_subcommand(
      "bench",
      "Quality (ROUGE against the stories' references) and speed of summarization methods, side by side.\n"
      "STORIES.jsonl: one story per line, {\"id\", \"docs\": [{\"text\", ...}], \"refs\": [...]}.");
  cmd->add_option("input", inv->input, "JSONL file of stories with reference summaries")->required();
  cmd->add_option("--preset", inv->preset,
                  "Length and ROUGE flags: duc (100 words, recall), multinews (300 words, F), tac (250 words, F)")
      ->required()
      ->check(CLI::IsMember(bench::PresetNames()));
  cmd->add_option("--methods", inv->methods,
                  "Comma-separated: default, lead, centroid, lexrank, textrank, concepts, oracle (default: all of them)");
  cmd->add_option("--external", inv->externals,
                  "NAME=COMMAND: a summarizer run through /bin/sh, story JSONL on its standard input, "
                  "{\"id\",\"summary\":[sentences]} lines on its standard output (repeatable)");
  cmd->add_option("--queries", inv->queries,
                  "JSONL file of questions, {\"id\", \"query\"} or {\"id\", \"title\", \"narrative\"} per story: "
                  "query-focused summaries (every story needs one)");
  cmd->add_option("--format", inv->format, "Output: text (default), json, or markdown (the tables, as in the README)")
      ->check(CLI::IsMember({"text", "json", "markdown"}));
  cmd->add_option("--report", inv->report, "Also write a self-contained HTML report (table and chart) to this file");
  cmd->add_option("--save-cases", inv->save_cases,
                  "Write each method's ROUGE cases to DIR/METHOD.jsonl (input of precis rouge --jsonl)");
  AddCountOption(cmd, "--threads", &inv->threads, 0, kMaxThreads,
                 "Summarizing and scoring threads (default, or 0: all cores); when the system refuses some, the "
                 "run goes on with those it gave");
  AddCountOption(cmd, "--limit", &inv->limit, 1, kNoBound, "Only the first N stories (at least 1)");
  cmd->add_flag_callback("--no-progress", [inv] { inv->progress = false; }, "No progress line on standard error");
  return cmd;
}

int RunBench(const BenchInvocation& inv, std::ostream& out, std::ostream& err) {
  bench::BenchOptions options;
  try {
    options.preset = bench::GetPreset(inv.preset).name;
    options.methods = bench::ParseMethods(inv.methods);
    for (const std::string& e : inv.externals) {
      bench::MethodSpec spec = bench::ParseExternal(e);
      for (const auto& m : options.methods) {
        if (m.name == spec.name) throw Error("method \"" + spec.name + "\" is listed twice");
      }
      options.methods.push_back(std::move(spec));
    }
    if (options.methods.empty()) throw Error("no methods to run (see --methods and --external)");
  } catch (const Error& e) {
    err << "precis bench: " << e.what() << "\n";
    return kExitUsage;
  }
  options.threads = inv.threads;
  const bool progress = inv.progress && ::isatty(2) != 0;
  if (progress) {
    options.progress = [&err](const std::string& method, std::size_t done, std::size_t total) {
      if (done == 0 || done == total || done % 16 == 0) {
        err << "\rprecis bench: " << method << " " << done << "/" << total << "   " << std::flush;
      }
    };
  }
  try {
    bench::StorySet set = bench::LoadStories(inv.input, inv.limit);
    if (!inv.queries.empty()) bench::AttachQueries(inv.queries, &set);
    const bench::BenchResult result = bench::RunBench(set, options);
    if (progress) err << "\r" << std::string(60, ' ') << "\r" << std::flush;
    if (!inv.save_cases.empty()) {
      // The directory is output: a failure to make it is exit 3, not bad input.
      std::error_code ec;
      std::filesystem::create_directories(inv.save_cases, ec);
      if (ec || !std::filesystem::is_directory(inv.save_cases)) {
        throw OutputProblem(inv.save_cases + ": cannot create the directory for --save-cases: " +
                            (ec ? ec.message() : std::string("a file of that name exists")));
      }
      for (std::size_t m = 0; m < result.methods.size(); ++m) {
        std::ostringstream cases;
        bench::WriteCases(cases, result, m);
        const std::string path =
            (std::filesystem::path(inv.save_cases) / (result.methods[m].spec.name + ".jsonl")).string();
        if (const int status = WriteWholeFile(path, cases.str(), out, err); status != kExitOk) return status;
      }
    }
    if (!inv.report.empty()) {
      std::ostringstream html;
      bench::WriteHtml(html, result);
      if (const int status = WriteWholeFile(inv.report, html.str(), out, err); status != kExitOk) return status;
    }
    if (inv.format == "json") {
      bench::WriteJson(out, result);
    } else if (inv.format == "markdown") {
      bench::WriteMarkdown(out, result);
    } else {
      bench::WriteText(out, result);
    }
    out.flush();
    if (!out) {
      err << "precis bench: cannot write to standard output\n";
      return kExitOutput;
    }
    return kExitOk;
  } catch (const OutputProblem& e) {
    err << "precis bench: " << e.what() << "\n";
    return kExitOutput;
  } catch (const Error& e) {
    if (progress) err << "\n";
    err << "precis bench: " << e.what() << "\n";
    return kExitBadInput;
  } catch (const std::filesystem::filesystem_error& e) {
    if (progress) err << "\n";
    err << "precis bench: " << e.what() << "\n";
    return kExitBadInput;
  }
}

}  // namespace precis::cli
