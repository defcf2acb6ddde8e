#include "cli/cluster_command.h"

#include "cli/numbers.h"
#include "cli/output_target.h"

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <functional>
#include <iostream>
#include <map>
#include <thread>

#include "common/threads.h"
#include "precis/cluster_stream.h"
#include "precis/error.h"
#include "precis/ingest.h"
#include "precis/pipeline.h"

namespace precis::cli {
namespace {

constexpr std::size_t kMaxThreads = 4096;
// Articles cleaned and analysed together (on the worker threads) before
// they are clustered one by one.
constexpr std::size_t kBlock = 256;

using Item = cluster::StreamArticle;

// --- output ----------------------------------------------------------------

using Counts = cluster::StreamClusterer::Counts;

// `assignments`: the output is one line per article (no story is written).
std::string ClosingLine(const Counts& c, bool kept, bool stopped, bool assignments) {
  std::string line = "precis cluster: articles: " + std::to_string(c.read) + " read, " + std::to_string(c.clustered) +
                     " clustered (" + std::to_string(c.copies) + (c.copies == 1 ? " copy" : " copies") + "), " +
                     std::to_string(c.failed) + " failed; stories: " + std::to_string(c.stories);
  if (!assignments) line += ", " + std::to_string(kept ? c.written : 0) + " written";
  if (c.small > 0) {
    line += ", " + std::to_string(c.small) + " smaller than --min-size not written (" +
            std::to_string(c.small_articles) + (c.small_articles == 1 ? " article)" : " articles)");
  }
  if (!kept && c.written > 0) line += " (output not kept)";
  if (stopped) line += " (stopped at the first failure; --on-error skip goes on)";
  return line + "\n";
}

// The clustering of a run (the library's stream clusterer): articles in,
// in date order (through its reorder buffer), lines out as stories close or
// assignments become due.
class Run {
 public:
  Run(const ClusterInvocation& inv, std::ostream& out, std::ostream& err)
      : inv_(inv), out_(out), err_(err), stream_(StreamOptionsOf(inv)), assignments_(inv.format == "assignments") {}

  // Takes a prepared block in input order; false when the run must stop.
  bool Take(std::vector<Item>& block) {
    for (Item& item : block) {
      if (!item.error.empty()) {
        const bool skip = inv_.on_error == "skip";
        err_ << "precis cluster: " << item.error << (skip ? " (skipped)" : "") << "\n";
        if (assignments_) lines_[item.seq] = "";
        stream_.Add(std::move(item));
        if (!skip) return false;
        continue;
      }
      stream_.Add(std::move(item));
      Drain();
    }
    FlushAssignments();
    return true;
  }

  void Finish() {
    stream_.Finish();
    Drain();
    FlushAssignments();
  }

  const Counts& counts() const { return stream_.counts(); }
  std::size_t open_stories() const { return stream_.open_stories(); }

  static cluster::StreamOptions StreamOptionsOf(const ClusterInvocation& inv) {
    cluster::StreamOptions options;
    options.options = inv.options;
    options.min_size = inv.min_size;
    options.reorder = inv.reorder;
    options.clean = inv.clean;
    options.keep_docs = inv.format != "assignments";
    return options;
  }

 private:
  void Drain() {
    for (const cluster::StreamClusterer::Placed& p : stream_.TakePlaced()) {
      if (!assignments_) continue;
      nlohmann::json j{{"id", p.id}, {"story", cluster::StoryName(p.story)}};
      if (p.copy_of) j["copy_of"] = *p.copy_of;
      lines_[p.seq] = j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
    }
    for (const cluster::StreamClusterer::StoryDocs& story : stream_.TakeStories()) {
      out_ << "{\"id\":\"" << cluster::StoryName(story.id) << "\",\"docs\":[";
      for (std::size_t i = 0; i < story.docs.size(); ++i) out_ << (i > 0 ? "," : "") << story.docs[i];
      out_ << "]}\n";
    }
  }

  // Assignment lines go out in input order, as soon as all before are known.
  void FlushAssignments() {
    while (!lines_.empty() && lines_.begin()->first == next_line_) {
      out_ << lines_.begin()->second;
      lines_.erase(lines_.begin());
      ++next_line_;
    }
  }

  const ClusterInvocation& inv_;
  std::ostream& out_;
  std::ostream& err_;
  cluster::StreamClusterer stream_;
  bool assignments_;
  std::map<std::size_t, std::string> lines_;  // seq -> assignment line ("" for none)
  std::size_t next_line_ = 0;
};

}  // namespace

CLI::App* AddClusterCommand(CLI::App& app, ClusterInvocation* inv) {
  CLI::App* cmd = app.add_subcommand(
      "cluster",
      "Sort a stream of articles into stories, online, in order of their dates.\n"
      "INPUT: JSONL files of articles, gzip too ({\"id\",\"title\",\"date\",\"source\",\"url\",\"text\"|\"html\"} per line),\n"
      "article files (text or HTML, gzip too), directories (one article per file), or - (stdin).\n"
      "Writes story JSONL ({\"id\",\"docs\":[...]}, which precis summarize - reads) as stories close,\n"
      "or with --format assignments one {\"id\",\"story\"} line per article in input order. Copies\n"
      "are marked \"copy_of\". Example: precis cluster articles.jsonl | precis summarize -");
  cmd->add_option("inputs", inv->inputs, "JSONL files of articles, article files, directories, or -");
  cmd->add_option("--format", inv->format, "Output: stories (default: story JSONL) or assignments")
      ->check(CLI::IsMember({"stories", "assignments"}));
  AddRealOption(cmd, "--threshold", &inv->options.threshold, 0.0, 1.0,
                "Similarity (0-1) from which an article joins a story (default 0.18); lower: fewer, larger "
                "stories");
  AddRealOption(cmd, "--window", &inv->options.window_days, 0.001, 1e6,
                "Days a story stays open without a new article (default 365); memory grows with it");
  AddCountOption(cmd, "--min-size", &inv->min_size, 1, kNoBound,
                 "Smallest story written, in articles (default 1: every story); smaller ones are counted on "
                 "standard error (stories output only)");
  AddCountOption(cmd, "--threads", &inv->threads, 0, kMaxThreads,
                 "Threads cleaning and analysing articles (default, or 0: all cores); clustering itself is one "
                 "sequence, and the output is the same for any number");
  cmd->add_option("--on-error", inv->on_error,
                  "On a bad article: stop (default; exit 1) or skip (report it and go on)")
      ->check(CLI::IsMember({"stop", "skip"}));
  AddCountOption(cmd, "--reorder", &inv->reorder, 1, kNoBound,
                 "Articles held back to be taken in date order (default 1000); an article later in the input "
                 "by more than this is taken when it comes");
  cmd->add_flag_callback("--no-progress", [inv] { inv->progress = false; }, "No progress line on standard error");
  cmd->add_flag_callback("--no-clean", [inv] { inv->clean = false; },
                         "Read every line of text articles (no junk removal; HTML pages are still extracted)");
  cmd->add_option("-o,--output", inv->output,
                  "Write to FILE instead of standard output; FILE appears only when the run completes");
  AddCountOption(cmd, "--max-line-bytes", &inv->max_line_bytes, 1, kNoBound,
                 "Longest JSONL line accepted (default 256 MiB)");
  AddCountOption(cmd, "--max-article-bytes", &inv->max_article_bytes, 1, kNoBound,
                 "Most bytes read of one article file or of standard input (default 64 MiB)");
  cmd->footer(
      "Exit status: 0 ok; 1 bad input (named on standard error; with --on-error skip the rest was\n"
      "written); 2 bad usage; 3 the output could not be written; 130/143 interrupted (SIGINT/SIGTERM).\n"
      "Ends with a line on standard error: articles read, clustered, failed; stories found and written.");
  return cmd;
}

int RunCluster(const ClusterInvocation& inv, std::istream& in, std::ostream& out, std::ostream& err) {
  if (inv.inputs.empty()) {
    err << "precis cluster: give JSONL files of articles, article files, directories or - (standard input) "
           "(see precis cluster --help)\n";
    return kExitUsage;
  }
  try {
    cluster::StreamClusterer check(Run::StreamOptionsOf(inv));
  } catch (const Error& e) {
    err << "precis cluster: " << e.what() << "\n";
    return kExitUsage;
  }
  const InterruptGuard interrupt_guard;
  const bool progress = inv.progress && ::isatty(2) != 0;
  const bool assignments = inv.format == "assignments";
  const unsigned threads =
      inv.threads > 0 ? static_cast<unsigned>(inv.threads) : std::max(1u, std::thread::hardware_concurrency());
  std::vector<cluster::ArticleAnalyzer> analyzers;
  for (unsigned t = 0; t < threads; ++t) analyzers.emplace_back(inv.options);
  try {
    OutputTarget target(inv.output, out);
    Run run(inv, target.stream(), err);
    std::vector<Item> block;
    std::size_t seq = 0;
    bool stopped = false;
    const auto flush_block = [&] {
      cluster::PrepareArticles(block, inv.clean, analyzers);
      const bool go_on = run.Take(block);
      block.clear();
      if (progress) {
        err << "\rprecis cluster: " << run.counts().clustered << " articles, " << run.open_stories()
            << " stories open" << std::flush;
      }
      if (!go_on) stopped = true;
      return go_on && InterruptGuard::Received() == 0;
    };
    ingest::ArticleSink sink;
    sink.article = [&](Document doc, std::string where) {
      Item& item = block.emplace_back();
      item.seq = seq++;
      item.where = where.empty() ? "" : where + (where.ends_with(": ") ? "" : ": ");
      item.doc = std::move(doc);
      return block.size() < kBlock || flush_block();
    };
    sink.problem = [&](const Error& problem) {
      // Articles read before the problem are clustered before it is told.
      if (!block.empty() && !flush_block()) return false;
      Item& item = block.emplace_back();
      item.seq = seq++;
      item.error = problem.what();
      if (dynamic_cast<const ingest::InputTooLarge*>(&problem) != nullptr) item.error += " (--max-article-bytes)";
      if (dynamic_cast<const ingest::LineTooLong*>(&problem) != nullptr) item.error += " (--max-line-bytes)";
      return flush_block();
    };
    ingest::ArticleLimits limits;
    limits.max_article_bytes = inv.max_article_bytes;
    limits.max_line_bytes = inv.max_line_bytes;
    ingest::ReadArticles(inv.inputs, in, limits, sink);
    if (!stopped && !block.empty() && InterruptGuard::Received() == 0) flush_block();
    if (progress) err << "\r" << std::string(60, ' ') << "\r" << std::flush;
    if (InterruptGuard::Received() != 0) {
      const int status = ReportInterrupted("precis cluster", err, target);
      err << ClosingLine(run.counts(), !target.is_file(), false, assignments);
      return status;
    }
    if (!stopped) run.Finish();
    if (stopped && target.is_file()) {
      err << "precis cluster: " << target.path() << " was not written\n" << ClosingLine(run.counts(), false, true, assignments);
      return kExitBadInput;
    }
    try {
      target.Commit();
    } catch (const OutputProblem& e) {
      err << "precis cluster: " << e.what() << "\n" << ClosingLine(run.counts(), false, stopped, assignments);
      return kExitOutput;
    }
    err << ClosingLine(run.counts(), true, stopped, assignments);
    return run.counts().failed > 0 ? kExitBadInput : kExitOk;
  } catch (const ingest::InputMisuse& e) {
    err << "precis cluster: " << e.what() << "\n";
    return kExitUsage;
  } catch (const OutputProblem& e) {
    err << "precis cluster: " << e.what() << "\n";
    return kExitOutput;
  } catch (const std::exception& e) {
    if (const int signal_number = InterruptGuard::Received(); signal_number != 0) {
      err << "precis cluster: interrupted by signal " << signal_number << "; nothing was written\n";
      return kExitSignalBase + signal_number;
    }
    err << "precis cluster: " << e.what() << "\n";
    return kExitBadInput;
  }
}

}  // namespace precis::cli
