// precis::bench — summarizers side by side: ROUGE quality and speed on a set
// of stories with reference summaries (what `precis bench` prints).
//
// Contract:
// - A Preset fixes the summary length (words, counted as the summarizer and
//   ROUGE -l count them: whitespace-separated fields) and the ROUGE-1.5.5
//   flags; `flags` is the exact flag string, so any figure can be reproduced
//   with `precis rouge <flags>`. Summaries are scored with precis' own
//   ROUGE-1.5.5 scorer (rouge.h) against the story's `refs`, each reference
//   split into sentences by precis' splitter (text.h), the same for every
//   method.
// - Methods: summarizer methods (summarize.h; "default" is DefaultMethod()),
//   "oracle" (the greedy extractive upper bound, see GreedyOracle) and
//   external commands (run through /bin/sh once per run; story JSONL on their
//   standard input, without the references; `{"id", "summary": [sentences]}`
//   lines on their standard output).
// - Speed: summarizer and oracle runs are timed by the CPU time of the
//   threads that summarize (summed over threads; scoring is not included;
//   each thread first summarizes the first story once, untimed, so one-time
//   costs do not fall on the first method);
//   external runs by the wall time of the command. Peak memory is the
//   process's maximum resident set size (getrusage; process-wide, so it
//   includes the loaded stories and the earlier methods), or for external
//   runs the largest child process's.
// - Deterministic: the figures (not the times) do not depend on the thread
//   count.
// Thread safety: RunBench() may be called from several threads on different
// inputs. A GreedyOracle keeps per-thread state (splitter, token table): use
// one per thread. Presets, StorySet and BenchResult are plain values.
// Errors: bad input (a story without references, a duplicate id, an unknown
// method or preset, a failing or misbehaving external command) throws
// precis::Error naming the file and line, or the method and output line.
#pragma once

#include <cstddef>
#include <filesystem>
#include <functional>
#include <iosfwd>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "precis/document.h"
#include "precis/rouge.h"
#include "precis/summarize.h"

namespace precis::bench {

struct Preset {
  std::string name;         // "duc", "multinews", "tac"
  std::size_t words = 0;    // summary budget and ROUGE -l
  std::string flags;        // the ROUGE-1.5.5 flags, exactly as they are passed to `precis rouge`
  rouge::Options rouge;     // the same flags as options
  bool recall = false;      // the figure reported: recall (true) or F-measure
};

const std::vector<std::string>& PresetNames();
// Throws Error for an unknown name (the message lists the known ones).
const Preset& GetPreset(std::string_view name);

struct MethodSpec {
  enum class Kind { kSummarizer, kOracle, kExternal };
  Kind kind = Kind::kSummarizer;
  std::string name;     // the label in the results ("default", "lead", ..., or the external's name)
  std::string method;   // kSummarizer: summarize method (resolved: never empty)
  std::string params;   // kSummarizer: method parameters (summarize::Options::params)
  std::string command;  // kExternal: the shell command
};

// "default,lead,oracle" -> specs, in order. Throws Error for an unknown or
// repeated name.
std::vector<MethodSpec> ParseMethods(std::string_view list);
// "NAME=COMMAND" -> an external spec. NAME: letters, digits, '-', '_', '.'
// (it names a file with --save-cases). Throws Error when malformed.
MethodSpec ParseExternal(std::string_view spec);

// The stories of a JSONL file, all in memory (every method reads them).
struct StorySet {
  std::string name;                // the file name without directory and extension
  std::string file;                // the file name as given, for messages
  std::vector<Story> stories;
  std::vector<std::size_t> lines;  // the input line of each story
  std::string queries;             // the file AttachQueries() read, empty when none
};

// Reads at most `limit` stories (0: all). Throws Error "file:line: ..." for
// bad JSON, a story without references or a repeated story id.
StorySet LoadStories(const std::filesystem::path& path, std::size_t limit = 0);

// Gives every story of `set` the question of the same id in `path`, a JSONL
// file of {"id", "query"} or {"id", "title", "narrative"} lines (the DUC
// topic format: the question is the title, then the narrative); it replaces
// a story's own "query". Lines for stories not in the set are ignored (the
// set may hold the first stories only). Throws Error "file:line: ..." for bad
// JSON, a line without id or question, a repeated id, or a story left
// without a question.
void AttachQueries(const std::filesystem::path& path, StorySet* set);

// THE step that turns a story into the summary the bench scores for a
// summarizer method: what `precis summarize` runs (the clean stage of
// pipeline.h, then the summarizer), timed as a whole. One function, so the
// pipeline it runs is chosen in one place. Thread-safe (per-thread state).
summarize::Summary SummarizeStory(const Story& story, const summarize::Options& options);

// The greedy extractive oracle: starting from nothing, repeatedly appends the
// source sentence (precis' splitter, on each document's text) that most
// raises ROUGE-1 + ROUGE-2 against the references (recall when the preset
// reports recall, else F-measure), while it raises it and fits the word
// budget. Counting is the scorer's: its tokenizer, stemmer and -l cut of the
// references, n-grams over the summary's joined token stream (so the bigram
// across the boundary of two appended sentences counts), hits clipped per
// reference and pooled (-f A). Each candidate is scored incrementally from
// the n-gram counts of the summary so far, which gives the same R and F as
// scoring the whole candidate summary (before the script's 5-decimal
// rounding). Sentences are returned in the order chosen.
class GreedyOracle {
 public:
  GreedyOracle(const Preset& preset, std::shared_ptr<const rouge::Lexicon> lexicon);
  ~GreedyOracle();
  GreedyOracle(GreedyOracle&&) noexcept;
  GreedyOracle& operator=(GreedyOracle&&) noexcept;

  // `references`: each reference as a list of sentences.
  std::vector<std::string> Summarize(const Story& story,
                                     const std::vector<std::vector<std::string>>& references);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// One metric's average over the stories (fractions in [0, 1]), with the
// bootstrap confidence bounds of rouge::AverageScores.
struct MetricResult {
  std::string name;  // "ROUGE-1", "ROUGE-2", "ROUGE-L", "ROUGE-SU4", ...
  rouge::Average average;
  // The reported figure (recall or F per the preset) and its bounds.
  double value = 0, low = 0, high = 0;
  // The reported figure of each story (the script's per-case figure), in
  // the set's order: what paired comparisons resample.
  std::vector<double> per_story;
};

// A method against the reference method on the same stories, for one
// metric: the mean per-story difference (reference minus method) and its
// confidence bounds from a paired bootstrap (stories resampled with
// replacement, the same draw for both methods), so the spread that comes
// from the stories themselves cancels out. `significant` when the bounds
// exclude 0. Deterministic: a fixed seed.
struct PairedDifference {
  std::string metric;
  double mean = 0, low = 0, high = 0;
  std::size_t reference_better = 0, method_better = 0;  // stories, ties not counted
  bool significant = false;
};

// `confidence` in percent (e.g. 95), `resamples` draws. Throws Error when the
// two have different story counts or none.
PairedDifference ComparePaired(const MetricResult& reference, const MetricResult& method, double confidence,
                               int resamples);

struct MethodResult {
  MethodSpec spec;
  std::vector<MetricResult> metrics;  // in rouge::MetricsFor order
  double average_words = 0;           // per summary, as produced (before the ROUGE cut)
  double seconds = 0;                 // thread CPU time (summed) or, for external commands, wall time
  double wall_seconds = 0;            // wall time of the summarizing step
  bool cpu_time = true;               // what `seconds` is
  double stories_per_second = 0;      // stories / seconds
  long peak_rss_kb = 0;               // process max RSS after this method (children's for external)
  std::vector<std::vector<std::string>> summaries;  // per story, the sentences scored
  // Against BenchResult::reference, one per metric (empty for the reference).
  std::vector<PairedDifference> versus_reference;
};

struct BenchResult {
  Preset preset;
  std::string set_name;
  std::string queries;  // StorySet::queries: the stories' questions came from this file
  std::size_t stories_with_question = 0;  // stories with a Story::query (from the file or their own)
  std::size_t stories = 0;
  int threads = 1;  // summarizing threads
  std::vector<MethodResult> methods;
  // The method the others are compared with, pair by pair: "default" when
  // it was run, else the first method.
  std::string reference;
  long peak_rss_kb = 0;  // the process's, at the end
  // Where the figures come from (speeds depend on the machine): precis'
  // version, when the run ended (UTC, "2026-01-31 14:05 UTC") and the
  // machine ("x86_64, 2 cores, <CPU model>, Linux 6.1"; no host name).
  std::string version, date, machine;
  std::vector<std::string> story_ids;
  std::vector<std::vector<std::vector<std::string>>> references;  // [story][reference][sentence]
};

struct BenchOptions {
  std::string preset = "multinews";
  std::vector<MethodSpec> methods;
  int threads = 0;  // 0: all cores
  // Called with (method name, stories done, total) while a method runs, from
  // the calling thread or a worker thread (never concurrently).
  std::function<void(const std::string&, std::size_t, std::size_t)> progress;
};

BenchResult RunBench(const StorySet& set, const BenchOptions& options);

// An external command's summaries: runs `command` through /bin/sh, writes
// every story (without refs) as one JSON line to its standard input while
// reading its standard output, waits for it, and matches the output lines to
// the stories by id. Throws Error naming the method (and output line) when
// the command fails, exits non-zero, or its output is malformed, misses a
// story or names an unknown or repeated one. `*wall_seconds` gets its wall
// time and `*child_rss_kb` the largest child's max RSS.
std::vector<std::vector<std::string>> RunExternal(const MethodSpec& spec, const StorySet& set,
                                                  double* wall_seconds, long* child_rss_kb);

// Reports. Text: the table with the preset, the flags and notes on the
// timing and memory columns. JSON: one document (schema in the README).
// HTML: a self-contained page (no scripts, no external resources) with the
// table and an SVG chart of ROUGE-2 against stories per second (log scale).
void WriteText(std::ostream& out, const BenchResult& result);
void WriteJson(std::ostream& out, const BenchResult& result);
void WriteHtml(std::ostream& out, const BenchResult& result);
// Markdown: a heading line, the table and the paired comparison, as GitHub
// renders them (the README's Benchmarks tables are this output).
void WriteMarkdown(std::ostream& out, const BenchResult& result);
// The cases of one method (index into result.methods) as `precis rouge
// --jsonl` reads them: {"id", "peer_id", "peer", "models"} per line.
void WriteCases(std::ostream& out, const BenchResult& result, std::size_t method);

}  // namespace precis::bench
