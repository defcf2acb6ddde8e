// The clean stage between ingest and the summarizer, and the reading that
// `precis clean` and `precis summarize` share:
//
//   ingest (Story as read: text, or HTML in Document::html)
//     -> CleanStoryInput(): pages through main-content extraction, then every
//        article through line cleaning (CleanStory / CleanParagraphs)
//     -> SummarizerInput(): the story the summarizer reads, body paragraphs
//        only (headings and removed lines can never be selected).
//
// Thread safety: reentrant. Ownership: results are plain values.
// Errors: reading a missing or unreadable file, broken gzip data, invalid
// UTF-8 text or a JSONL line that is not a story throws precis::Error naming
// the file (and line). Cleaning itself never throws on bad text.
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <vector>

#include "precis/clean.h"
#include "precis/document.h"
#include "precis/error.h"

namespace precis {

// Cleans one story as ingest read it: documents with `html` are extracted
// (ExtractArticleWithStructure) and cleaned with the structure their markup
// declares (CleanParagraphs); text documents are cleaned together
// (CleanStory: outlet repetition). With `clean` false nothing is removed:
// text lines are kept as read and pages as extracted. Output mirrors
// story.docs, one CleanedDocument each (an article that was all junk has no
// paragraphs).
std::vector<CleanedDocument> CleanStoryInput(const Story& story, const CleanOptions& options, bool clean = true);

// The same for the stories of a batch, cleaned together: an outlet's page
// chrome also recurs across its articles on different stories.
std::vector<std::vector<CleanedDocument>> CleanBatchInput(const std::vector<Story>& stories,
                                                          const CleanOptions& options, bool clean = true);

// The story the summarizer reads: each document's metadata as cleaning
// completed it (title, date, author found in the text or page), its text the
// body paragraphs only, one per line; id, refs and query from `story`.
Story SummarizerInput(const Story& story, const std::vector<CleanedDocument>& cleaned);

// One input of `precis clean`, read and cleaned.
struct CleanedInput {
  std::string name;  // file name, or "file.jsonl:LINE (id)" for a JSONL story
  std::vector<CleanedDocument> docs;
};

// How ReadAndClean reads.
struct ReadOptions {
  // What one path may hold (a gzip input stops being inflated there;
  // ingest::InputTooLarge names it); a directory's files share it. A JSONL
  // input is streamed instead: each line is bounded by max_line_bytes.
  std::size_t max_input_bytes = static_cast<std::size_t>(-1);
  // The longest JSONL line (one story); a longer one is refused as soon as
  // reading reaches the limit (ingest::LineTooLong, a bad story).
  std::size_t max_line_bytes = static_cast<std::size_t>(-1);
  // Told about a JSONL line that is not a story, or is too long (its error
  // names the file and line); the line is left out and reading goes on.
  // Unset: thrown.
  std::function<void(const Error&)> on_bad_story;
};

// Receives each input as soon as it is cleaned.
using CleanedInputSink = std::function<void(CleanedInput&&)>;

// Reads each path (a text or HTML file, gzip too; a directory = one story of
// its files; a JSONL file, gzip too = one story per line; "-" = standard
// input: JSONL, one HTML page, or articles separated by "---" lines) and
// cleans it with CleanStoryInput, handing each input (each JSONL story) to
// `emit` before the next is read. A JSONL input is streamed, one line at a
// time, and each of its stories cleaned on its own, as `precis summarize`
// cleans it: memory is bounded by the longest story, not by the file.
void ReadAndCleanEach(const std::vector<std::string>& paths, const CleanOptions& options, bool clean,
                      const ReadOptions& read, const CleanedInputSink& emit);

// The same, every input collected.
std::vector<CleanedInput> ReadAndClean(const std::vector<std::string>& paths, const CleanOptions& options,
                                       bool clean = true, const ReadOptions& read = {});

}  // namespace precis
