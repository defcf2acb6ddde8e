// precis::run — a summarize run, from inputs to formatted briefs: the one
// way in for the command line, the Python module and any other front end.
//
//   OpenInputs()  files, directories, "-" (standard input), or one JSONL
//                 file of stories -> the articles of one story, or a stream
//                 of stories
//   RunStory()    one story: limits checked, cleaned, summarized, formatted,
//                 with the notes the user should hear
//   RunStream()   every story of a stream, in input order, on
//                 RunOptions::threads threads, with RunOptions::on_error
//
// Contract:
// - Thread safety: RunStory is reentrant; a Summarizer keeps per-thread
//   buffers, so give each thread its own. RunStream calls `deliver` on one
//   thread at a time, in input order (common/ordered_executor.h); the
//   output never depends on the thread count.
// - Ownership: results are plain values. A StoryInput owns the reader of a
//   JSONL file it opened; standard input (`in`) is borrowed and must outlive
//   the StoryInput.
// - Errors: a story that cannot be summarized (bad JSON, invalid UTF-8,
//   over a limit, no text) is a value, StoryResult::error, naming the input
//   and line as "name:line: reason"; it is never thrown. OpenInputs throws
//   InputMisuse for inputs that cannot go together (a usage problem),
//   ingest::InputTooLarge past RunOptions::limits.max_story_bytes, and
//   precis::Error for an input that cannot be read. An empty brief (no
//   sentence fits the budget) is no error: StoryResult::empty, with a note.
// - Messages name the command-line flag that changes a limit
//   (--max-docs, ...), which is also the Python module's keyword.
#pragma once

#include <cstddef>
#include <functional>
#include <iosfwd>
#include <memory>
#include <string>
#include <vector>

#include "precis/document.h"
#include "precis/error.h"
#include "precis/ingest.h"
#include "precis/output.h"
#include "precis/run_options.h"
#include "precis/summarize.h"

namespace precis::run {

// Inputs that cannot go together: a JSONL file with other inputs, JSONL on
// standard input with other inputs.
using InputMisuse = ingest::InputMisuse;

// What the inputs of one run hold: the articles of one story (files, a
// directory, articles on standard input, in the order given), or a stream
// of JSONL stories (batch mode).
struct StoryInput {
  Story story;                                   // articles mode
  std::unique_ptr<ingest::InputStream> source;   // batch mode: what `stories` reads
  std::unique_ptr<ingest::JsonlReader> stories;  // batch mode: not null
  bool batch() const { return stories != nullptr; }
};

// Reads `inputs` as `precis summarize` takes them: one JSONL file (by
// ingest::HoldsJsonl: its .jsonl or .jsonl.gz name, or its first byte '{'
// once gunzipped; gzip is inflated as it is read) or JSONL on "-" is a
// stream, read as it is run; anything else is read at once into one story
// (ingest::ReadArticles), at most `limits.max_story_bytes` in all (a gzip
// bomb is not inflated past it). Standard input holds JSONL (gzip too), one
// HTML page, or text articles separated by lines "---"; UTF-16 is
// converted, and JSONL in UTF-16 refused.
StoryInput OpenInputs(const std::vector<std::string>& inputs, std::istream& in, const StoryLimits& limits);

// What became of one story.
struct StoryResult {
  std::size_t number = 0;  // its line in a JSONL input (0: articles mode)
  std::string story_id;
  std::string output;  // the formatted brief (a JSON line with "note" when empty)
  // What the user should hear, one message each: articles that are not
  // prose, sentences cut, an unanswered question, articles that look like
  // several stories (RunStory only), and last why a brief is empty. In a
  // stream each names its input and line.
  std::vector<std::string> notes;
  std::string error;          // empty: summarized
  bool read_failure = false;  // the input could not be read any further
  bool empty = false;         // the brief holds no sentence (not an error)
  // Articles read, and how many of them hold text once cleaned (set once
  // cleaning ran, also when the story then fails for want of text).
  std::size_t articles = 0, articles_with_text = 0;
  bool ok() const { return error.empty(); }
};

// One story read in articles mode (OpenInputs): checked against the
// limits, cleaned (unless options.clean is false), given options.query,
// summarized and formatted.
StoryResult RunStory(const Story& story, const RunOptions& options, output::Format format,
                     summarize::Summarizer& summarizer);

// One JSONL story (line `number` of the input called `name`), as a stream
// runs it: the same as RunStory, with messages naming `name:number`.
StoryResult RunJsonlStory(const std::string& line, const std::string& name, std::size_t number,
                          const RunOptions& options, output::Format format, summarize::Summarizer& summarizer);

// What a stream run did. Nothing is dropped silently: every story read was
// either summarized or failed.
struct RunSummary {
  std::size_t summarized = 0, failed = 0, empty_briefs = 0;
  bool stopped = false;   // at a failure (OnError::kStop)
  bool complete = false;  // no stop and no read error (a cancelled run is complete up to where it ended)
  std::size_t threads_asked = 0, threads_ran = 0;  // fewer ran when the system refused some
  std::size_t read() const { return summarized + failed; }
};

// Gets each story's result in input order, the failed ones too; false
// stops the run (nothing is delivered after).
using ResultSink = std::function<bool(std::size_t index, StoryResult&& result)>;

// Runs every story of `stories` (limited to options.limits.max_line_bytes a
// line) on options.threads threads (0: one per core). A failed story stops
// the run with OnError::kStop and is delivered all the same; with kSkip the
// run goes on, except after a read error or, with kStop, a line over the
// limit. `cancelled` (optional), asked before each story is read, ends the
// input there when it returns true (a signal).
RunSummary RunStream(ingest::JsonlReader& stories, const RunOptions& options, output::Format format,
                     const ResultSink& deliver, const std::function<bool()>& cancelled = {});

}  // namespace precis::run
