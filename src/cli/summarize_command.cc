#include "cli/summarize_command.h"

#include <CLI/CLI.hpp>
#include <unistd.h>

#include <condition_variable>
#include <filesystem>
#include <iostream>
#include <mutex>
#include <sstream>
#include <thread>

#include "precis/error.h"
#include "precis/ingest.h"
#include "precis/output.h"
#include "precis/pipeline.h"
#include "precis/summarize.h"

namespace precis::cli {
namespace {

namespace fs = std::filesystem;

struct UsageProblem : std::runtime_error {
  using std::runtime_error::runtime_error;
};

summarize::Options MakeOptions(const SummarizeInvocation& inv) {
  summarize::Options o;
  o.method = inv.method;
  o.params = inv.params;
  o.citation_threshold = inv.citation_threshold;
  const int given = (inv.words ? 1 : 0) + (inv.bytes ? 1 : 0) + (inv.sentences ? 1 : 0);
  if (given > 1) throw UsageProblem("give only one of --words, --bytes, --sentences");
  if (inv.bytes) {
    o.budget = {summarize::BudgetKind::kBytes, *inv.bytes};
  } else if (inv.sentences) {
    o.budget = {summarize::BudgetKind::kSentences, *inv.sentences};
  } else {
    o.budget = {summarize::BudgetKind::kWords, inv.words.value_or(100)};
  }
  if (o.budget.limit == 0) throw UsageProblem("the length budget must be at least 1");
  if (!o.method.empty()) {
    const auto& names = summarize::MethodNames();
    if (std::find(names.begin(), names.end(), o.method) == names.end()) {
      std::string known;
      for (const auto& n : names) known += (known.empty() ? "" : ", ") + n;
      throw UsageProblem("unknown method \"" + o.method + "\" (known: " + known + ")");
    }
  }
  // Validates the method parameters (an empty story is summarized at once).
  try {
    summarize::Summarizer().Summarize(Story{}, o);
  } catch (const Error& e) {
    throw UsageProblem(e.what());
  }
  return o;
}

// The clean stage: what the summarizer reads of a story as ingest read it.
Story Prepare(const Story& raw, bool clean) {
  return SummarizerInput(raw, CleanStoryInput(raw, CleanOptions{}, clean));
}

// One story in batch mode: parse, clean, summarize, format as one JSON line.
std::string ProcessLine(const std::string& line, const std::string& name, std::size_t number,
                        summarize::Summarizer& summarizer, const summarize::Options& options, bool clean) {
  const Story raw = ingest::ParseStoryJson(line, name, number);
  if (raw.docs.empty()) throw Error(WhereMessage(name, number, "the story has no documents"));
  const Story story = Prepare(raw, clean);
  const summarize::Summary summary = summarizer.Summarize(story, options);
  return output::FormatSummary(story, summary, output::Format::kJson);
}

int RunBatch(ingest::JsonlReader& reader, const SummarizeInvocation& inv, const summarize::Options& options,
             std::ostream& out, std::ostream& err) {
  unsigned threads = inv.threads > 0 ? static_cast<unsigned>(inv.threads) : std::thread::hardware_concurrency();
  if (threads == 0) threads = 1;
  const bool skip = inv.on_error == "skip";
  const bool progress = inv.progress && ::isatty(2) != 0;

  std::mutex read_mutex, write_mutex;
  std::condition_variable turn;
  std::size_t next_index = 0;   // stories handed out (guarded by read_mutex)
  std::size_t next_write = 0;   // stories written or skipped (guarded by write_mutex)
  bool stop = false;            // an error with --on-error stop (guarded by write_mutex)
  bool eof = false;             // guarded by read_mutex
  std::size_t written = 0, skipped = 0;
  int status = 0;

  auto worker = [&] {
    summarize::Summarizer summarizer;
    std::string line;
    for (;;) {
      std::size_t index = 0, number = 0;
      std::string error;
      {
        std::lock_guard<std::mutex> lock(read_mutex);
        if (eof) return;
        {
          std::lock_guard<std::mutex> wlock(write_mutex);
          if (stop) return;
        }
        try {
          if (!reader.Next(&line, &number)) {
            eof = true;
            return;
          }
        } catch (const Error& e) {
          eof = true;
          error = e.what();
        }
        index = next_index++;
      }
      std::string result;
      if (error.empty()) {
        try {
          result = ProcessLine(line, reader.name(), number, summarizer, options, inv.clean);
        } catch (const Error& e) {
          error = e.what();
        } catch (const std::exception& e) {
          error = WhereMessage(reader.name(), number, e.what());
        }
      }
      std::unique_lock<std::mutex> lock(write_mutex);
      turn.wait(lock, [&] { return next_write == index; });
      if (!stop) {
        if (error.empty()) {
          out << result;
          ++written;
        } else {
          err << "precis summarize: " << error << (skip ? " (skipped)" : "") << "\n";
          ++skipped;
          if (!skip) {
            stop = true;
            status = 1;
          }
        }
        if (progress && (written + skipped) % 64 == 0) {
          err << "\rprecis summarize: " << written << " stories" << std::flush;
        }
      }
      ++next_write;
      turn.notify_all();
    }
  };
  std::vector<std::thread> pool;
  for (unsigned t = 1; t < threads; ++t) pool.emplace_back(worker);
  worker();
  for (auto& t : pool) t.join();
  out.flush();
  if (progress) err << "\rprecis summarize: " << written << " stories\n";
  if (skip && skipped > 0) err << "precis summarize: " << skipped << " story(ies) skipped\n";
  if (!out) {
    err << "precis summarize: cannot write to standard output\n";
    return 1;
  }
  return status;
}

}  // namespace

CLI::App* AddSummarizeCommand(CLI::App& app, SummarizeInvocation* inv) {
  CLI::App* cmd = app.add_subcommand(
      "summarize",
      "Summarize one story (several articles) into a short brief whose sentences cite their sources.\n"
      "INPUT: article files (text or HTML, gzip too), a directory of articles, - (stdin: articles\n"
      "separated by a line ---, or one HTML page), or a JSONL file of stories (batch mode: one JSON\n"
      "summary per line, in input order; docs with \"text\" or \"html\").\n"
      "Articles are cleaned first (as precis clean shows them): page junk is removed, HTML pages are\n"
      "reduced to their article, headings are never selected.");
  cmd->add_option("inputs", inv->inputs, "Article files, a directory, -, or one JSONL file of stories");
  auto* words = cmd->add_option("--words", inv->words, "Length budget in words, as ROUGE -l counts them (default 100)");
  auto* bytes = cmd->add_option("--bytes", inv->bytes, "Length budget in bytes of the summary text");
  auto* sentences = cmd->add_option("--sentences", inv->sentences, "Length budget in sentences");
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
  cmd->add_option("--method", inv->method,
                  "Algorithm: precis (default), lead, centroid, lexrank, textrank");
  cmd->add_option("--threads", inv->threads, "Worker threads in batch mode (default: all cores)")
      ->check(CLI::NonNegativeNumber);
  cmd->add_option("--on-error", inv->on_error,
                  "Batch mode, on a bad story: stop (default; exit 1) or skip (report it and go on)")
      ->check(CLI::IsMember({"stop", "skip"}));
  cmd->add_option("--citation-threshold", inv->citation_threshold,
                  "Similarity from which another article's sentence counts as the same content (default 0.5)")
      ->check(CLI::Range(0.0, 1.0));
  cmd->add_option("--params", inv->params, "Method parameters key=value,... (for tuning)");
  cmd->add_flag("!--no-progress", inv->progress, "No progress line on standard error in batch mode");
  cmd->add_flag("!--no-clean", inv->clean,
                "Keep every line of text articles as read (no junk removal; HTML pages are still extracted)");
  return cmd;
}

int RunSummarize(const SummarizeInvocation& inv, std::istream& in, std::ostream& out, std::ostream& err) {
  summarize::Options options;
  output::Format format = output::Format::kText;
  try {
    options = MakeOptions(inv);
    format = output::ParseFormat(inv.format);
  } catch (const UsageProblem& e) {
    err << "precis summarize: " << e.what() << "\n";
    return 2;
  } catch (const Error& e) {
    err << "precis summarize: " << e.what() << "\n";
    return 2;
  }
  if (inv.inputs.empty()) {
    err << "precis summarize: give article files, a directory, - (standard input) or a JSONL file "
           "(see precis summarize --help)\n";
    return 2;
  }
  try {
    // Batch mode: one JSONL file, or JSONL on standard input.
    const bool one = inv.inputs.size() == 1;
    if (one && inv.inputs[0] != "-" && fs::is_regular_file(inv.inputs[0]) &&
        (fs::path(inv.inputs[0]).extension() == ".jsonl" || ingest::LooksLikeJsonl(inv.inputs[0]))) {
      if (inv.format_given && format != output::Format::kJson) {
        err << "precis summarize: batch mode (JSONL input) writes JSON lines only\n";
        return 2;
      }
      ingest::JsonlReader reader{fs::path(inv.inputs[0])};
      return RunBatch(reader, inv, options, out, err);
    }
    Story story;
    std::string stdin_text;
    for (const std::string& input : inv.inputs) {
      if (input == "-") {
        std::ostringstream buffer;
        buffer << in.rdbuf();
        stdin_text = buffer.str();
        const std::size_t first = stdin_text.find_first_not_of(" \t\r\n");
        if (first != std::string::npos && stdin_text[first] == '{') {
          if (!one) {
            err << "precis summarize: JSONL on standard input cannot be mixed with other inputs\n";
            return 2;
          }
          if (inv.format_given && format != output::Format::kJson) {
            err << "precis summarize: batch mode (JSONL input) writes JSON lines only\n";
            return 2;
          }
          std::istringstream lines(stdin_text);
          ingest::JsonlReader reader(lines, "<stdin>");
          return RunBatch(reader, inv, options, out, err);
        }
        if (ingest::LooksLikeHtml(stdin_text)) {
          story.docs.push_back(ingest::ArticleFromBytes(std::move(stdin_text), "stdin", "<stdin>"));
        } else {
          Story part = ingest::SplitArticles(stdin_text, "<stdin>");
          for (auto& d : part.docs) story.docs.push_back(std::move(d));
        }
        if (story.id.empty()) story.id = "stdin";
        continue;
      }
      std::error_code ec;
      if (fs::is_directory(input, ec)) {
        Story part = ingest::ReadDirectoryStory(input);
        if (story.id.empty()) story.id = part.id;
        for (auto& d : part.docs) story.docs.push_back(std::move(d));
      } else if (fs::exists(input, ec)) {
        if (fs::path(input).extension() == ".jsonl") {
          err << "precis summarize: a JSONL file of stories must be the only input (" << input << ")\n";
          return 2;
        }
        story.docs.push_back(ingest::ReadArticleFile(input));
        if (story.id.empty()) story.id = fs::path(input).stem().string();
      } else {
        throw Error(input + ": no such file or directory");
      }
    }
    if (story.docs.empty()) throw Error("no articles to summarize");
    story = Prepare(story, inv.clean);
    summarize::Summarizer summarizer;
    const summarize::Summary summary = summarizer.Summarize(story, options);
    const std::string text = output::FormatSummary(story, summary, format);
    out << text << std::flush;
    if (!out) {
      err << "precis summarize: cannot write to standard output\n";
      return 1;
    }
    if (summary.sentences.empty()) {
      err << "precis summarize: no sentence fits the budget of " << options.budget.limit << " "
          << summarize::BudgetKindName(options.budget.kind) << "\n";
    }
    return 0;
  } catch (const Error& e) {
    err << "precis summarize: " << e.what() << "\n";
    return 1;
  }
}

}  // namespace precis::cli
