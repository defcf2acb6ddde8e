// precis::CleanDocument / CleanStory: junk lines out of scraped article text.
//
// Scraped text carries page furniture: cookie notices, sidebars of unrelated
// headlines, "See also" links, runs of icon names, share prompts, photo
// captions, source lines, the headline printed twice, the site's own date.
// Cleaning decides line by line from signals, never from a list of whole
// phrases: a line's shape (sentence-like or not, length, a trailing ellipsis,
// a run of tokens without punctuation or function words), its position
// (leading and trailing blocks around the article), repetition (the headline
// again; a line recurring across articles of one outlet) and a small lexicon
// of page-chrome words kept in data/clean/<language>.lexicon.
//
// What survives is returned as paragraphs, each marked body or heading:
// headings are structure for the reader and must never be selected as summary
// sentences. Every removed line comes back with the reason, for --explain.
//
// Thread safety: all functions are reentrant; the built-in lexicons are
// immutable once loaded (loading is thread-safe). Results are plain values.
// Errors: a lexicon file that cannot be read throws precis::Error naming it.
// Bad text (invalid UTF-8, huge lines, empty input) never throws: invalid
// bytes are treated as letters, an empty document cleans to no paragraphs.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "precis/document.h"

namespace precis {

enum class ParagraphKind {
  kBody,     // article text: may be summarized
  kHeading,  // a heading inside the article: kept for structure, never selected
};

struct Paragraph {
  std::string text;
  ParagraphKind kind = ParagraphKind::kBody;
  std::size_t line = 0;  // 1-based line in Document::text (0 when not from a line)
};

struct RemovedLine {
  std::string text;
  std::size_t line = 0;  // 1-based line in Document::text
  std::string reason;    // one human-readable sentence
};

struct CleanedDocument {
  // The input's metadata, completed with what cleaning found (title, date,
  // author from a byline); `text` holds the surviving paragraphs, one per line.
  Document doc;
  std::vector<Paragraph> paragraphs;
  std::vector<RemovedLine> removed;
  std::size_t title_line = 0;  // line taken as the headline (0: none)
  std::size_t date_line = 0;   // line taken as the publication date (0: none)
  // Where doc.source, the outlet, came from: "metadata" (given with the
  // article, or the page's), "source line at line N", "dateline at line N",
  // "title's site suffix", "URL's domain"; empty when nothing named it.
  std::string source_signal;
};

struct CleanOptions {
  // Language of the lexicon ("en"); unknown languages fall back to English.
  std::string language = "en";
  // A lexicon file to use instead of the built-in one (same format as
  // data/clean/en.lexicon).
  std::string lexicon_file;
  // CleanStory only: a line found in at least this many articles of the same
  // outlet (and in at least half of them) is page chrome of that outlet.
  std::size_t outlet_repeat_min = 2;
};

// Cleaning also names the outlet (doc.source) when the metadata did not:
// from a source line it removes ("Source: Al Jazeera and news agencies"),
// a dateline ("MOSCOW (AA) - ..."), the title's site suffix or the URL's
// domain, in that order; and cuts site suffixes off the title ("... - News",
// "... | Reuters"). See src/clean/outlet.h.

// Cleans one article. Signals that need other articles (outlet repetition)
// are only used by CleanStory.
CleanedDocument CleanDocument(const Document& doc, const CleanOptions& options = {});

// As CleanDocument, for text that arrives already split into paragraphs
// whose kinds are known (an HTML <h2> is a heading whatever its shape).
// Paragraph::line numbers the paragraphs in the output (1-based).
CleanedDocument CleanParagraphs(const Document& metadata, const std::vector<Paragraph>& paragraphs,
                                const CleanOptions& options = {});

// Cleans every article of a story, adding the cross-article signal: lines
// that recur across articles of the same outlet (Document::source, else the
// host of Document::url). Output is in input order.
std::vector<CleanedDocument> CleanStory(const Story& story, const CleanOptions& options = {});

// Cleans the given articles together, as CleanStory cleans a story's (the
// outlet signal counts over all of them). Output is in input order.
std::vector<CleanedDocument> CleanDocuments(const std::vector<const Document*>& docs, const CleanOptions& options = {});

// Cleans the stories of a batch (a JSONL file) together: an outlet's chrome
// recurs across its articles on different stories. Output mirrors the input.
std::vector<std::vector<CleanedDocument>> CleanBatch(const std::vector<Story>& stories,
                                                     const CleanOptions& options = {});

// The paragraphs of `cleaned` that a summarizer may select (kBody only).
std::vector<std::string> BodyParagraphs(const CleanedDocument& cleaned);

}  // namespace precis
