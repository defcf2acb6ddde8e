// precis::ExtractArticle: the article out of an HTML page.
//
// Parses the page with libxml2's HTML parser (error-recovering: broken
// markup, unclosed tags and stray bytes never fail), reads the metadata
// (title, publication date, author, canonical URL, language) from meta tags,
// JSON-LD and <time> elements, and finds the main content by scoring DOM
// containers on text density, link density, paragraph shape and the tag and
// class names of page furniture (nav, footer, aside, comments, share, ...).
// The body comes back as paragraphs, each marked body or heading.
//
// Thread safety: ExtractArticle is reentrant and may run on many threads at
// once (libxml2 is initialised once, thread-safely, on first use).
// Ownership: results are plain values; nothing refers to the input.
// Errors: none for bad HTML; a page without article text gives an article
// with no paragraphs. Invalid UTF-8 is replaced by U+FFFD before parsing.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "precis/clean.h"
#include "precis/document.h"

namespace precis {

struct ExtractOptions {
  // Metadata known from elsewhere (a JSONL doc's id, title, date, source,
  // url): non-empty fields win over what the page says.
  Document known;
};

struct ExtractedArticle {
  Document doc;                       // metadata; text = paragraphs, one per line
  std::vector<Paragraph> paragraphs;  // in page order; line = index + 1
};

ExtractedArticle ExtractArticleWithStructure(std::string_view html, const ExtractOptions& options = {});

// The same, flattened to a Document (headings become lines of `text`).
Document ExtractArticle(std::string_view html, const ExtractOptions& options = {});

// Extraction, then line cleaning (CleanParagraphs) with the headings the
// markup declares: what `precis clean page.html` shows.
CleanedDocument ExtractAndClean(std::string_view html, const ExtractOptions& options = {},
                                const CleanOptions& clean_options = {});

}  // namespace precis
