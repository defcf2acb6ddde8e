// precis::ingest — reading articles and stories from files, directories,
// standard input and JSONL.
//
// Contract:
// - ReadArticleFile(): one file, one Document (id = file name, text = the
//   file's bytes with CRLF turned into LF). Throws Error "path: ..." when the
//   file cannot be read or is not valid UTF-8 (naming the line).
// - ReadDirectoryStory(): every regular file of a directory (not recursive,
//   hidden files skipped), sorted by name, as one Story.
// - SplitArticles(): text holding several articles separated by lines that
//   hold only "---" (the stdin format); blank articles are dropped.
// - ParseStoryJson(): one JSONL line in the benchmark format
//   {"id", "docs": [{"id","title","date","source","url","text"}], "refs"}.
//   Only docs[].text is required. Throws Error "name:line: reason".
// - JsonlReader: streams a JSONL file one line at a time (memory bounded by
//   the longest line); blank lines are skipped, line numbers are kept.
// - LooksLikeJsonl(): true when the first non-blank byte of a file is '{'.
// Errors always name the file (and line when known); nothing is printed.
#pragma once

#include <cstddef>
#include <filesystem>
#include <fstream>
#include <istream>
#include <memory>
#include <string>
#include <string_view>

#include "precis/document.h"

namespace precis::ingest {

Document ReadArticleFile(const std::filesystem::path& path);
Story ReadDirectoryStory(const std::filesystem::path& dir);
// `name` is used in error messages (e.g. "<stdin>").
Story SplitArticles(std::string_view text, const std::string& name);
Story ParseStoryJson(std::string_view line, const std::string& name, std::size_t line_number);

// Throws Error naming `name` and the line of the first invalid byte.
void CheckUtf8(std::string_view text, const std::string& name, std::size_t first_line = 1);

class JsonlReader {
 public:
  // Reads from `in` (not owned), calling it `name` in messages.
  JsonlReader(std::istream& in, std::string name);
  // Opens `path`; throws Error when it cannot.
  explicit JsonlReader(const std::filesystem::path& path);

  // The next non-blank line and its 1-based number; false at the end.
  // Throws Error on a read failure.
  bool Next(std::string* line, std::size_t* line_number);
  const std::string& name() const { return name_; }

 private:
  std::unique_ptr<std::ifstream> owned_;
  std::istream* in_;
  std::string name_;
  std::size_t line_ = 0;
};

bool LooksLikeJsonl(const std::filesystem::path& path);

}  // namespace precis::ingest
