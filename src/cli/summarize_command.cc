#include "cli/summarize_command.h"

#include "cli/numbers.h"
#include "cli/output_target.h"

#include <CLI/CLI.hpp>
#include <unistd.h>

#include <iostream>

#include "precis/error.h"
#include "precis/ingest.h"
#include "precis/output.h"
#include "precis/run.h"
#include "precis/summarize.h"
#include "precis/text.h"

namespace precis::cli {
namespace {

struct UsageProblem : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// The run's options from the flags: the budget flag given, then every
// option checked by the library.
RunOptions MakeOptions(const SummarizeInvocation& inv) {
  RunOptions o = inv.run;
  const int given = (inv.words ? 1 : 0) + (inv.bytes ? 1 : 0) + (inv.sentences ? 1 : 0);
  if (given > 1) throw UsageProblem("give only one of --words, --bytes, --sentences");
  if (inv.bytes) {
    o.summarize.budget = {summarize::BudgetKind::kBytes, *inv.bytes};
  } else if (inv.sentences) {
    o.summarize.budget = {summarize::BudgetKind::kSentences, *inv.sentences};
  } else if (inv.words) {
    o.summarize.budget = {summarize::BudgetKind::kWords, *inv.words};
  }
  try {
    ValidateRunOptions(o);
  } catch (const Error& e) {
    throw UsageProblem(e.what());
  }
  return o;
}

// "3 articles read, 3 with text once cleaned": what went into a story (three
// files glued into one article on standard input show here).
std::string ArticleCount(const run::StoryResult& r) {
  return std::to_string(r.articles) + (r.articles == 1 ? " article" : " articles") + " read, " +
         std::to_string(r.articles_with_text) + " with text once cleaned";
}

void WriteNotes(const run::StoryResult& r, std::ostream& err) {
  for (const std::string& note : r.notes) err << "precis summarize: " << note << "\n";
}

// The heading of one brief among several in text or Markdown batch output:
// its number in the input and its id, else where it was read.
std::string BlockHeading(output::Format format, std::size_t index, const std::string& story_id,
                         const std::string& where) {
  const std::string name = "Story " + std::to_string(index + 1) + ": " + (story_id.empty() ? where : story_id);
  return format == output::Format::kMarkdown ? "## " + name + "\n\n" : "=== " + name + " ===\n\n";
}

// Batch mode's closing line. `kept`: the summaries reached their
// destination (false when the output file was not written).
std::string ClosingLine(const run::RunSummary& r, bool kept) {
  std::string line = "precis summarize: stories: " + std::to_string(r.read()) + " read, " +
                     std::to_string(kept ? r.summarized : 0) + " written";
  if (!kept && r.summarized > 0) line += " (" + std::to_string(r.summarized) + " summarized, not kept)";
  line += ", " + std::to_string(r.failed) + " failed";
  if (r.empty_briefs > 0) {
    line += ", " + std::to_string(r.empty_briefs) + (r.empty_briefs == 1 ? " brief" : " briefs") +
            " empty (no sentence within the budget)";
  }
  if (r.stopped) line += " (stopped at the first failure; --on-error skip goes on)";
  return line + "\n";
}

// Batch mode: runs every story, writing the summaries to `out` in input
// order; the closing line is the caller's.
// In text or Markdown (`format` given explicitly), a file of one story gets
// the brief any other input would; several stories get one brief each under
// a heading that names the story ("=== Story 2: id ===", "## Story 2: id"),
// separated by a blank line. Whether there are several is known when the
// second story is read: only the first brief is held until then, so the
// input is still streamed.
run::RunSummary RunBatch(ingest::JsonlReader& reader, const RunOptions& options, bool progress_line,
                         output::Format format, std::ostream& out, std::ostream& err) {
  const bool skip = options.on_error == OnError::kSkip;
  const bool progress = progress_line && ::isatty(2) != 0;
  std::size_t written = 0, seen = 0;
  // Text and Markdown: the first brief and its heading, until a second story
  // says whether headings are needed.
  const bool blocks = format != output::Format::kJson;
  bool several = false, holding = false;
  std::string held_heading, held;
  const auto deliver = [&](std::size_t index, run::StoryResult&& r) {
    if (blocks && index > 0 && !several) {
      several = true;
      if (holding) out << held_heading << held;
      holding = false;
    }
    if (r.ok()) {
      if (!blocks) {
        out << r.output;
      } else if (const std::string heading =
                     BlockHeading(format, index, r.story_id, reader.name() + ":" + std::to_string(r.number));
                 index == 0) {
        held_heading = heading;
        held = std::move(r.output);
        holding = true;
      } else {
        out << (written > 0 ? "\n" : "") << heading << r.output;
      }
      ++written;
      WriteNotes(r, err);
    } else {
      err << "precis summarize: " << r.error << (skip && !r.read_failure ? " (skipped)" : "") << "\n";
    }
    if (progress && ++seen % 64 == 0) err << "\rprecis summarize: " << written << " stories" << std::flush;
    return true;
  };
  const run::RunSummary summary =
      run::RunStream(reader, options, format, deliver, [] { return InterruptGuard::Received() != 0; });
  // One story: its brief as any other input gets it, without a heading.
  if (holding) out << held;
  if (progress) err << "\r";
  if (summary.threads_ran < summary.threads_asked) {
    err << "precis summarize: the system refused more threads: ran on " << summary.threads_ran << " of the "
        << summary.threads_asked << " asked (--threads)\n";
  }
  return summary;
}

// The methods, each with its parameters and their defaults, as the
// registry declares them.
std::string MethodsHelp() {
  std::string help = "Methods (--method NAME) and their parameters (--params KEY=VALUE,...), with defaults:\n";
  for (const summarize::MethodInfo& method : summarize::Methods()) {
    help += "  " + std::string(method.name) + (method.name == summarize::DefaultMethod() ? " (default)" : "") + ": " +
            std::string(method.description) + "\n";
    std::string line;
    for (const summarize::MethodParameter& p : method.parameters) {
      const std::string item = std::string(p.name) + "=" + Plain(p.default_value);
      if (!line.empty() && line.size() + 1 + item.size() > 100) {
        help += "      " + line + "\n";
        line.clear();
      }
      line += (line.empty() ? "" : " ") + item;
    }
    if (!line.empty()) help += "      " + line + "\n";
  }
  return help + "\n";
}

// "256 MiB" for a whole number of MiB, else "8192 bytes": the help's way
// of giving a size.
std::string Size(std::size_t bytes) {
  constexpr std::size_t kMiB = std::size_t{1} << 20;
  return bytes % kMiB == 0 ? std::to_string(bytes / kMiB) + " MiB" : std::to_string(bytes) + " bytes";
}

}  // namespace

CLI::App* AddSummarizeCommand(CLI::App& app, SummarizeInvocation* inv) {
  // The help states the defaults the library has.
  const RunOptions defaults;
  const summarize::Budget& budget = defaults.summarize.budget;
  const StoryLimits& limits = defaults.limits;
  CLI::App* cmd = app.add_subcommand(
      "summarize",
      "Summarize one story (several articles) into a short brief whose sentences cite their sources.\n"
      "INPUT: article files (text or HTML, gzip too), a directory of articles, - (stdin: articles\n"
      "separated by a line ---, or one HTML page), or a JSONL file of stories, gzip too (batch mode: one\n"
      "JSON summary per line, in input order; docs with \"text\" or \"html\"; with --format text or\n"
      "markdown, one brief per story, under a heading \"Story N: id\" when there are several).\n"
      "Articles are cleaned first (as precis clean shows them): page junk is removed, HTML pages are\n"
      "reduced to their article, headings are never selected.");
  cmd->add_option("inputs", inv->inputs, "Article files, a directory, -, or one JSONL file of stories");
  const auto default_of = [&](summarize::BudgetKind kind) {
    return budget.kind == kind ? " (default " + std::to_string(budget.limit) + ")" : std::string();
  };
  using summarize::BudgetKind;
  auto* words = AddCountOption(cmd, "--words", &inv->words, 1, kMaxBudget,
                               "Length budget in words, as ROUGE -l counts them" + default_of(BudgetKind::kWords));
  auto* bytes = AddCountOption(cmd, "--bytes", &inv->bytes, 1, kMaxBudget,
                               "Length budget in bytes of the summary text" + default_of(BudgetKind::kBytes));
  auto* sentences = AddCountOption(cmd, "--sentences", &inv->sentences, 1, kMaxBudget,
                                   "Length budget in sentences" + default_of(BudgetKind::kSentences));
  words->excludes(bytes)->excludes(sentences);
  bytes->excludes(sentences);
  cmd->add_option_function<std::string>(
         "--format",
         [inv](const std::string& f) {
           inv->format = f;
           inv->format_given = true;
         },
         "Output format: text (default), markdown, json")
      ->check(CLI::IsMember({"text", "markdown", "md", "json"}));
  std::string methods;
  for (const std::string& name : summarize::MethodNames()) {
    methods += (methods.empty() ? "" : ", ") + name + (name == summarize::DefaultMethod() ? " (default)" : "");
  }
  cmd->add_option("--method", inv->run.summarize.method,
                  "Algorithm, one of: " + methods + " (each described below, with its parameters)")
      ->type_name("NAME");
  cmd->add_option("--query", inv->run.query,
                  "A question the brief should answer: sentences about what it asks are preferred (a "
                  "query-focused summary, by the default method); text and markdown print it first, JSON as "
                  "\"query\". In batch mode it replaces each story's own \"query\"; --query '' asks for generic "
                  "briefs");
  AddCountOption(cmd, "--threads", &inv->run.threads, 0, kMaxThreads,
                 "Worker threads in batch mode (" +
                     (defaults.threads == 0 ? std::string("default, or 0: all cores")
                                            : "default " + std::to_string(defaults.threads) + "; 0: all cores") +
                     "); when the system refuses some, the run goes on with those it gave, and says so");
  const auto marked = [&](OnError mode) { return defaults.on_error == mode ? "default; " : ""; };
  cmd->add_option_function<std::string>(
         "--on-error", [inv](const std::string& mode) { inv->run.on_error = mode == "skip" ? OnError::kSkip : OnError::kStop; },
         std::string("Batch mode, on a bad story: stop (") + marked(OnError::kStop) + "exit 1) or skip (" +
             marked(OnError::kSkip) + "report it and go on)")
      ->check(CLI::IsMember({"stop", "skip"}));
  AddRealOption(cmd, "--citation-threshold", &inv->run.summarize.citation_threshold, 0.0, 1.0,
                "Coverage (0-1) of a sentence's fact keys from which another article reports it (from 0.8 of it: "
                "reports it partly) (default " + Plain(defaults.summarize.citation_threshold) + ")");
  cmd->add_option("--params", inv->run.summarize.params,
                  "Method parameters key=value,... (for tuning; each method's, with their defaults, below)");
  // Callbacks rather than negated flags, which --help shows as "--no-progress{false}".
  cmd->add_flag_callback("--no-progress", [inv] { inv->progress = false; },
                         "No progress line on standard error in batch mode");
  cmd->add_flag_callback("--no-clean", [inv] { inv->run.clean = false; },
                         "Keep every line of text articles as read (no junk removal; HTML pages are still extracted)");
  cmd->add_flag("--verbose", inv->verbose,
                "Say on standard error how many articles went into the story (and how many hold text once cleaned)");
  cmd->add_option("-o,--output", inv->output,
                  "Write to FILE instead of standard output; FILE appears only when the run completes");
  AddCountOption(cmd, "--max-line-bytes", &inv->run.limits.max_line_bytes, 1, kNoBound,
                 "Longest JSONL line accepted (default " + Size(limits.max_line_bytes) +
                     "); a longer one is refused when reading reaches the limit");
  AddCountOption(cmd, "--max-docs", &inv->run.limits.max_docs, 1, kNoBound,
                 "Most documents in one story (default " + std::to_string(limits.max_docs) + ")");
  AddCountOption(cmd, "--max-sentence-bytes", &inv->run.summarize.max_sentence_bytes, 1, kNoBound,
                 "Longest sentence taken whole (default " + Size(defaults.summarize.max_sentence_bytes) +
                     "); a longer one (a table or list run into one line) is cut at spaces into pieces, with a "
                     "note on standard error");
  AddCountOption(cmd, "--max-story-bytes", &inv->run.limits.max_story_bytes, 1, kNoBound,
                 "Most bytes of text (or HTML) in one story (default " + Size(limits.max_story_bytes) +
                     "); files are read, and gzip data inflated, only up to it");
  cmd->footer(
      MethodsHelp() +
      "Exit status: 0 ok; 1 bad input (named on standard error; with --on-error skip the other stories\n"
      "were written); 2 bad usage; 3 the output could not be written; 4 some brief is empty (no sentence\n"
      "fits the budget; noted on standard error and as \"note\" in JSON); 130/143 interrupted (SIGINT/SIGTERM).\n"
      "Batch mode ends with a line on standard error: stories read, written, failed (and empty briefs).");
  return cmd;
}

int RunSummarize(const SummarizeInvocation& inv, std::istream& in, std::ostream& out, std::ostream& err) {
  RunOptions options;
  output::Format format = output::Format::kText;
  try {
    options = MakeOptions(inv);
    format = output::ParseFormat(inv.format);
    if (std::size_t bad = 0; options.query && !text::IsValidUtf8(*options.query, &bad)) {
      throw UsageProblem("--query: the question is not valid UTF-8 (at byte " + std::to_string(bad) + ")");
    }
  } catch (const std::exception& e) {
    err << "precis summarize: " << e.what() << "\n";
    return kExitUsage;
  }
  if (inv.inputs.empty()) {
    err << "precis summarize: give article files, a directory, - (standard input) or a JSONL file "
           "(see precis summarize --help)\n";
    return kExitUsage;
  }
  const InterruptGuard interrupt_guard;
  try {
    run::StoryInput input = run::OpenInputs(inv.inputs, in, options.limits);
    OutputTarget target(inv.output, out);
    if (input.batch()) {
      // JSON lines unless a format is asked for (text or Markdown briefs).
      const output::Format batch_format = inv.format_given ? format : output::Format::kJson;
      const run::RunSummary r = RunBatch(*input.stories, options, inv.progress, batch_format, target.stream(), err);
      // What became of the output is said before the closing line, which
      // counts only the summaries that were kept.
      if (InterruptGuard::Received() != 0) {
        const int status = ReportInterrupted("precis summarize", err, target);
        err << ClosingLine(r, !target.is_file());
        return status;
      }
      const int status = r.failed > 0 ? kExitBadInput : r.empty_briefs > 0 ? kExitEmptyBrief : kExitOk;
      // A run stopped at a bad story, or cut by a read error, leaves no half
      // output file behind.
      if (!r.complete && target.is_file()) {
        err << "precis summarize: " << target.path() << " was not written\n" << ClosingLine(r, false);
        return status;
      }
      try {
        target.Commit();
      } catch (const OutputProblem& e) {
        err << "precis summarize: " << e.what() << "\n" << ClosingLine(r, false);
        return kExitOutput;
      }
      err << ClosingLine(r, true);
      return status;
    }
    // A read of standard input cut by a signal ends as at its end (EINTR is
    // no read error): say so rather than summarize what may be cut short.
    if (InterruptGuard::Received() != 0) return ReportInterrupted("precis summarize", err, target);
    summarize::Summarizer summarizer;
    const run::StoryResult r = run::RunStory(input.story, options, format, summarizer);
    if (inv.verbose && r.articles > 0) err << "precis summarize: " << ArticleCount(r) << "\n";
    if (!r.ok()) throw Error(r.error);
    // Interrupted before anything was written: nothing is written.
    if (InterruptGuard::Received() != 0) return ReportInterrupted("precis summarize", err, target);
    target.stream() << r.output;
    target.Commit();
    WriteNotes(r, err);
    return r.empty ? kExitEmptyBrief : kExitOk;
  } catch (const run::InputMisuse& e) {
    err << "precis summarize: " << e.what() << "\n";
    return kExitUsage;
  } catch (const OutputProblem& e) {
    err << "precis summarize: " << e.what() << "\n";
    return kExitOutput;
  } catch (const std::exception& e) {
    // An open or read cut by a signal (a FIFO without a writer) fails as a
    // read error: say what happened instead.
    if (const int signal_number = InterruptGuard::Received(); signal_number != 0) {
      err << "precis summarize: interrupted by signal " << signal_number << "; nothing was written\n";
      return kExitSignalBase + signal_number;
    }
    if (dynamic_cast<const ingest::InputTooLarge*>(&e) != nullptr) {
      err << "precis summarize: " << e.what() << " (--max-story-bytes)\n";
    } else {
      // Bad input, and file system and allocation failures: still a message
      // and a status.
      err << "precis summarize: " << e.what() << "\n";
    }
    return kExitBadInput;
  }
}

}  // namespace precis::cli
