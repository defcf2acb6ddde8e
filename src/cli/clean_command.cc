#include "cli/clean_command.h"

#include "cli/numbers.h"
#include "cli/output_target.h"

#include <CLI/CLI.hpp>

#include <iostream>
#include <nlohmann/json.hpp>

#include "precis/error.h"
#include "precis/ingest.h"
#include "precis/pipeline.h"

namespace precis::cli {
namespace {

// "dir" for "dir/" (a directory as typed), so a header reads "dir / a.txt".
std::string WithoutTrailingSlashes(std::string name) {
  while (name.size() > 1 && name.back() == '/') name.pop_back();
  return name;
}

void PrintText(const CleanedInput& input, bool explain, std::ostream& out) {
  for (const CleanedDocument& cleaned : input.docs) {
    const Document& d = cleaned.doc;
    const bool name_doc = input.docs.size() > 1 || d.id.empty();
    out << "=== " << (name_doc ? WithoutTrailingSlashes(input.name) + " / " + d.id : input.name) << "\n";
    if (!d.title.empty()) out << "title: " << d.title << "\n";
    if (!d.date.empty()) out << "date: " << d.date << "\n";
    if (!d.author.empty()) out << "author: " << d.author << "\n";
    if (!d.source.empty()) out << "source: " << d.source << "\n";
    if (!d.url.empty()) out << "url: " << d.url << "\n";
    if (!d.language.empty()) out << "language: " << d.language << "\n";
    out << "\n";
    for (const Paragraph& p : cleaned.paragraphs) {
      out << (p.kind == ParagraphKind::kHeading ? "## " : "") << p.text << "\n\n";
    }
    if (explain) {
      out << "--- removed: " << cleaned.removed.size() << " line" << (cleaned.removed.size() == 1 ? "" : "s") << "\n";
      for (const RemovedLine& r : cleaned.removed) {
        out << "line " << r.line << ": " << r.reason << "\n    " << r.text << "\n";
      }
      if (cleaned.title_line != 0) out << "line " << cleaned.title_line << ": taken as the title\n";
      if (cleaned.date_line != 0) out << "line " << cleaned.date_line << ": taken as the date\n";
      if (!cleaned.source_signal.empty()) out << "source: from the " << cleaned.source_signal << "\n";
      out << "\n";
    }
  }
}

nlohmann::json ToJson(const CleanedInput& input) {
  nlohmann::json docs = nlohmann::json::array();
  for (const CleanedDocument& cleaned : input.docs) {
    const Document& d = cleaned.doc;
    nlohmann::json paragraphs = nlohmann::json::array();
    for (const Paragraph& p : cleaned.paragraphs) {
      paragraphs.push_back({{"text", p.text}, {"kind", p.kind == ParagraphKind::kHeading ? "heading" : "body"},
                            {"line", p.line}});
    }
    nlohmann::json removed = nlohmann::json::array();
    for (const RemovedLine& r : cleaned.removed) {
      removed.push_back({{"line", r.line}, {"text", r.text}, {"reason", r.reason}});
    }
    docs.push_back({{"id", d.id}, {"title", d.title}, {"date", d.date}, {"author", d.author},
                    {"source", d.source}, {"url", d.url}, {"language", d.language},
                    {"title_line", cleaned.title_line}, {"date_line", cleaned.date_line},
                    {"paragraphs", paragraphs}, {"removed", removed}});
  }
  return {{"input", input.name}, {"docs", docs}};
}

void Print(const CleanedInput& input, const CleanInvocation& inv, std::ostream& out) {
  if (inv.format == "json") {
    out << ToJson(input).dump() << "\n";
  } else {
    PrintText(input, inv.explain, out);
  }
}

// Thrown out of the reading when a signal arrives between inputs.
struct Interrupted {};

// An input (or JSONL story) with no article in it is no failure, but
// nothing of it is written: say so rather than print an empty result.
void WarnEmpty(const std::string& name, std::ostream& err) {
  err << "precis clean: " << name << ": no article or story in it; nothing written\n";
}

// The message for an input that failed, naming it.
std::string FailureMessage(const std::string& path) {
  try {
    throw;
  } catch (const ingest::InputTooLarge& e) {
    return std::string(e.what()) + " (--max-input-bytes)";
  } catch (const ingest::LineTooLong& e) {
    return std::string(e.what()) + " (--max-line-bytes)";
  } catch (const Error& e) {
    return e.what();
  } catch (const std::exception& e) {
    // File system and allocation failures carry no file name.
    return path + ": " + e.what();
  } catch (...) {
    return path + ": failed";
  }
}

}  // namespace

CLI::App* AddCleanCommand(CLI::App& app, CleanInvocation* inv) {
  CLI::App* cmd = app.add_subcommand(
      "clean",
      "Show the article text precis sees: title, date and body paragraphs, with junk removed.\n"
      "INPUT is a text file (one article), an HTML page (.html/.htm, gzip too, or sniffed),\n"
      "a directory (its files are one story), a JSONL file (one story per line, docs with\n"
      "\"text\" or \"html\") or - for standard input.");
  cmd->add_option("INPUT", inv->inputs, "files, directories or - to read")->required();
  cmd->add_option("--format", inv->format,
                  "text: readable, headings marked \"## \"; json: one JSON object per input and line, "
                  "with title, date, author, url, language, paragraphs (text, kind, line) and removed lines")
      ->check(CLI::IsMember({"text", "json"}))
      ->capture_default_str();
  cmd->add_flag("--explain", inv->explain, "also list each removed line with the reason (text format)");
  cmd->add_flag("--no-clean", inv->no_clean, "keep every line as read (HTML pages are still extracted)");
  // Only English lexicon data exists: another language would silently be
  // cleaned with the English lexicon.
  cmd->add_option("--language", inv->language, "language of the page-chrome lexicon (only en so far)")
      ->capture_default_str()
      ->check(CLI::Validator(
          [](const std::string& value) {
            return value == "en" ? std::string()
                                 : "only English (en) lexicon data exists; give --lexicon FILE for another language";
          },
          "en"));
  cmd->add_option("--lexicon", inv->lexicon, "a lexicon file to use instead of the built-in one")
      ->check(CLI::ExistingFile);
  cmd->add_option("-o,--output", inv->output,
                  "write to FILE instead of standard output; FILE appears only when the run completes");
  cmd->add_option("--on-error", inv->on_error,
                  "on an input (or JSONL line) that cannot be read: stop (default; exit 1) or skip (report it and go "
                  "on)")
      ->check(CLI::IsMember({"stop", "skip"}));
  AddCountOption(cmd, "--max-input-bytes", &inv->max_input_bytes, 1, kNoBound,
                 "most bytes of one input (a file, a directory's files together, standard input), once "
                 "decompressed (default 64 MiB); reading stops there");
  AddCountOption(cmd, "--max-line-bytes", &inv->max_line_bytes, 1, kNoBound,
                 "longest JSONL line, one story (default 256 MiB); JSONL is streamed, a story at a time, and a "
                 "longer line is refused when reading reaches the limit");
  cmd->footer(
      "Exit status: 0 ok; 1 an input could not be read (named on standard error; with --on-error skip\n"
      "the others were written); 2 bad usage; 3 the output could not be written; 130/143 interrupted\n"
      "(SIGINT/SIGTERM). With more than one input (a JSONL story counts as one), the run ends with a\n"
      "line on standard error: inputs read, written, failed.");
  return cmd;
}

int RunClean(const CleanInvocation& inv, std::ostream& out, std::ostream& err) {
  CleanOptions options;
  options.language = inv.language;
  options.lexicon_file = inv.lexicon;
  const bool skip = inv.on_error == "skip";
  const InterruptGuard interrupt_guard;
  // Counted: inputs, and each story (or bad line) of a JSONL input; an input
  // with nothing in it is read but not written.
  std::size_t read_count = 0, written = 0, failed = 0;
  ReadOptions read;
  read.max_input_bytes = inv.max_input_bytes;
  read.max_line_bytes = inv.max_line_bytes;
  if (skip) {
    read.on_bad_story = [&](const Error& e) {
      const bool too_long = dynamic_cast<const ingest::LineTooLong*>(&e) != nullptr;
      err << "precis clean: " << e.what() << (too_long ? " (--max-line-bytes)" : "") << " (skipped)\n";
      ++read_count;
      ++failed;
    };
  }
  try {
    OutputTarget target(inv.output, out);
    bool stopped = false;
    for (std::size_t i = 0; i < inv.inputs.size() && !stopped; ++i) {
      if (InterruptGuard::Received() != 0) return ReportInterrupted("precis clean", err, target);
      const std::string& path = inv.inputs[i];
      const std::size_t read_before = read_count;
      try {
        // Each input on its own, so one missing file does not hide the
        // others; each is written as soon as it is cleaned (a JSONL file
        // story by story), so memory stays bounded by one story.
        ReadAndCleanEach({path}, options, !inv.no_clean, read, [&](CleanedInput&& input) {
          // A read cut by a signal ends as at the end of the input (EINTR
          // is no read error): what was read may be cut short, so not printed.
          if (InterruptGuard::Received() != 0) throw Interrupted();
          ++read_count;
          if (input.docs.empty()) {
            WarnEmpty(input.name, err);
            return;
          }
          Print(input, inv, target.stream());
          ++written;
        });
        if (InterruptGuard::Received() != 0) return ReportInterrupted("precis clean", err, target);
        if (read_count == read_before) {  // a JSONL input of blank lines
          ++read_count;
          WarnEmpty(path == "-" ? "<stdin>" : path, err);
        }
      } catch (const Interrupted&) {
        return ReportInterrupted("precis clean", err, target);
      } catch (...) {
        // A read cut by a signal fails as a read error: say what happened.
        if (InterruptGuard::Received() != 0) return ReportInterrupted("precis clean", err, target);
        err << "precis clean: " << FailureMessage(path) << (skip ? " (skipped)" : "") << "\n";
        ++read_count;
        ++failed;
        stopped = !skip && i + 1 < inv.inputs.size();
        if (!skip) break;
      }
    }
    // What became of the output file is said first; the closing line then
    // counts as written only what was kept.
    const auto closing_line = [&](bool kept) {
      if (inv.inputs.size() <= 1 && read_count <= 1) return;
      err << "precis clean: inputs: " << read_count << " read, " << (kept ? written : 0) << " written"
          << (!kept && written > 0 ? " (" + std::to_string(written) + " cleaned, not kept)" : std::string()) << ", "
          << failed << " failed" << (stopped ? " (stopped at the first failure; --on-error skip goes on)" : "")
          << "\n";
    };
    if (InterruptGuard::Received() != 0) {
      const int status = ReportInterrupted("precis clean", err, target);
      closing_line(!target.is_file());
      return status;
    }
    if (failed > 0 && !skip && target.is_file()) {
      err << "precis clean: " << target.path() << " was not written\n";
      closing_line(false);
      return kExitBadInput;
    }
    try {
      target.Commit();
    } catch (const OutputProblem&) {
      closing_line(false);
      throw;
    }
    closing_line(true);
    return failed > 0 ? kExitBadInput : kExitOk;
  } catch (const OutputProblem& e) {
    err << "precis clean: " << e.what() << "\n";
    return kExitOutput;
  }
}

}  // namespace precis::cli
