// The article and story values that flow through the pipeline:
// ingest -> clean -> text -> summarize -> output.
//
// Plain values, safe to copy and to move between threads. Text is UTF-8.
#pragma once

#include <string>
#include <vector>

namespace precis {

// One article as read from a file, a JSONL line or an HTML page.
struct Document {
  std::string id;        // file name, JSONL doc id, or "1", "2", ... when none
  std::string title;     // empty when unknown
  std::string date;      // as found (ISO 8601 when it could be normalised), or empty
  std::string source;    // outlet name, when known
  std::string url;       // canonical URL, when known
  std::string author;    // when known
  std::string language;  // BCP 47 tag, when known
  std::string text;      // the body: paragraphs separated by newlines
  // The page's markup when the article arrived as HTML and has not been
  // extracted yet (the clean stage turns it into `text`); empty otherwise.
  std::string html;
};

// The articles of one story, and (for benchmarks) its reference summaries.
struct Story {
  std::string id;
  std::vector<Document> docs;
  std::vector<std::string> refs;
  // The question the summary should answer ("query" in story JSON), for a
  // query-focused summary; empty: a generic one.
  std::string query;
};

}  // namespace precis
