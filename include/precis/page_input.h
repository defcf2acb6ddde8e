// Reading the inputs of `precis clean`: text files, HTML files (also
// gzip-compressed), JSONL stories whose docs carry "text" or "html", and
// directories of such files.
//
// Thread safety: reentrant. Ownership: results are plain values.
// Errors: a missing or unreadable file, a broken gzip stream or a JSONL line
// that is not valid JSON throws precis::Error naming the file (and line).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "precis/clean.h"
#include "precis/document.h"

namespace precis {

// The bytes of a file, gunzipped when they start with the gzip magic.
// "-" reads standard input.
std::string ReadInputBytes(const std::string& path);

// True when `bytes` look like an HTML page: by the file name's extension
// (.html, .htm, .xhtml, also before .gz) or, failing that, by content
// (a doctype, <html>, <head> or <body> near the start).
bool LooksLikeHtml(std::string_view bytes, std::string_view file_name = {});

// One article or story as read from the command line, already cleaned.
struct CleanedInput {
  std::string name;  // file name, or "file.jsonl:LINE" for a JSONL story
  std::vector<CleanedDocument> docs;
};

// Reads each path (a file, a directory = one story of its files, a JSONL
// file = one story per line, "-" = standard input) and cleans it: HTML goes
// through ExtractArticle first; articles of one story are cleaned together
// (CleanStory) unless `clean` is false, in which case lines are kept as read.
std::vector<CleanedInput> ReadAndClean(const std::vector<std::string>& paths, const CleanOptions& options,
                                       bool clean = true);

}  // namespace precis
