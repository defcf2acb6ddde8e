// Reading a stream of articles (precis cluster, and any front end that takes
// articles one at a time): files, directories, standard input and JSONL of
// articles or of stories, through the same readers a story is read with.
#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>
#include <iostream>
#include <memory>
#include <string>
#include <system_error>
#include <utility>
#include <vector>

#include "precis/error.h"
#include "precis/ingest.h"

namespace precis::ingest {
namespace {

namespace fs = std::filesystem;

// Streams a JSONL input; false when reading stopped (at a sink's word).
bool ReadJsonlArticles(JsonlReader& reader, const ArticleSink& sink) {
  std::string line;
  std::size_t number = 0;
  while (true) {
    try {
      if (!reader.Next(&line, &number)) return true;
    } catch (const LineTooLong& e) {
      if (!sink.problem(std::string(e.what()) + " (--max-line-bytes)")) return false;
      continue;
    }
    std::vector<Document> docs;
    try {
      docs = ParseArticleLine(line, reader.name(), number);
    } catch (const Error& e) {
      if (!sink.problem(e.what())) return false;
      continue;
    }
    for (Document& doc : docs) {
      if (!sink.article(std::move(doc), WhereMessage(reader.name(), number, ""))) return false;
    }
  }
}

// One article file; a file that cannot be read is a problem of the input.
bool ReadArticle(const fs::path& path, const ArticleLimits& limits, const ArticleSink& sink) {
  Document doc;
  try {
    doc = ReadArticleFile(path, limits.max_article_bytes);
  } catch (const InputTooLarge& e) {
    return sink.problem(std::string(e.what()) + " (--max-article-bytes)");
  } catch (const Error& e) {
    return sink.problem(e.what());
  }
  return sink.article(std::move(doc), path.string());
}

// A directory's articles, one per file, in name order (hidden files, README
// files and .json files skipped, as ReadDirectoryStory skips them).
bool ReadDirectoryArticles(const std::string& dir, const ArticleLimits& limits, const ArticleSink& sink) {
  std::vector<fs::path> files;
  for (const fs::directory_entry& entry : fs::directory_iterator(dir)) {
    const std::string name = entry.path().filename().string();
    if (!entry.is_regular_file() || name.starts_with(".") || name.starts_with("README") ||
        entry.path().extension() == ".json") {
      continue;
    }
    files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  for (const fs::path& file : files) {
    if (!ReadArticle(file, limits, sink)) return false;
  }
  return true;
}

// Standard input: JSONL, else articles separated by "---" lines or one page.
bool ReadStdinArticles(std::istream& in, const ArticleLimits& limits, const ArticleSink& sink) {
  std::string head;
  int c = 0;
  while ((c = in.get()) != std::char_traits<char>::eof() && (c == ' ' || c == '\t' || c == '\r' || c == '\n')) {
    head.push_back(static_cast<char>(c));
  }
  if (c == std::char_traits<char>::eof()) return true;
  head.push_back(static_cast<char>(c));
  if (c == '{') {
    JsonlReader reader(in, "<stdin>", std::move(head));
    reader.set_max_line_bytes(limits.max_line_bytes);
    return ReadJsonlArticles(reader, sink);
  }
  std::string text = ReadStreamBytes(in, "<stdin>", limits.max_article_bytes, std::move(head));
  if (const std::string_view encoding = Utf16Encoding(text); !encoding.empty()) {
    text = Utf16ToUtf8(text, encoding, "<stdin>");
  }
  if (LooksLikeHtml(text)) return sink.article(ArticleFromBytes(std::move(text), "stdin", "<stdin>"), "<stdin>");
  Story story = SplitArticles(text, "<stdin>");
  for (Document& doc : story.docs) {
    if (!sink.article(std::move(doc), "<stdin>")) return false;
  }
  return true;
}

// A file named on the command line: JSONL (gzip too, inflated as it is
// read), else one article.
bool ReadFileArticles(const std::string& path, const ArticleLimits& limits, const ArticleSink& sink) {
  std::unique_ptr<InputStream> source;
  try {
    source = std::make_unique<InputStream>(path, std::cin, limits.max_article_bytes);
  } catch (const InputTooLarge& e) {
    return sink.problem(std::string(e.what()) + " (--max-article-bytes)");
  } catch (const Error& e) {
    return sink.problem(e.what());
  }
  if (!HoldsJsonl(source->head(), fs::path(path).filename().string())) {
    source.reset();
    return ReadArticle(path, limits, sink);
  }
  JsonlReader reader(source->rest(), path, source->TakeHead());
  reader.set_max_line_bytes(limits.max_line_bytes);
  return ReadJsonlArticles(reader, sink);
}

}  // namespace

std::vector<Document> ParseArticleLine(const std::string& line, const std::string& name, std::size_t number) {
  const std::size_t first = line.find_first_not_of(" \t\r");
  if (first == std::string::npos || line[first] != '{') {
    throw Error(WhereMessage(name, number, "an article must be a JSON object"));
  }
  Story story;
  try {
    // An article is parsed as a one-document story, so that its fields,
    // newlines and error messages are those of a story's documents.
    story = ParseStoryJson("{\"docs\":[" + line + "]}", name, number);
  } catch (const Error& e) {
    // Not an article: a story, or a bad line (told as the user wrote it).
    nlohmann::json j;
    try {
      j = nlohmann::json::parse(line);
    } catch (const nlohmann::json::parse_error& parse) {
      std::string reason = parse.what();
      if (const std::size_t cut = reason.find("] "); cut != std::string::npos) reason.erase(0, cut + 2);
      throw Error(WhereMessage(name, number, "invalid JSON: " + reason));
    }
    if (j.is_object() && j.contains("docs")) return ParseStoryJson(line, name, number).docs;
    std::string message = e.what();
    if (const std::size_t at = message.find("docs[0]: "); at != std::string::npos) message.erase(at, 9);
    throw Error(message);
  }
  Document doc = std::move(story.docs.front());
  // A story numbers a document without an id by its place in it; an
  // article of a stream is numbered by its line.
  if (doc.id == "1" && !nlohmann::json::parse(line, nullptr, false).contains("id")) doc.id = std::to_string(number);
  return {std::move(doc)};
}

void ReadArticles(const std::vector<std::string>& inputs, std::istream& in, const ArticleLimits& limits,
                  const ArticleSink& sink) {
  for (const std::string& input : inputs) {
    std::error_code ec;
    bool go_on = true;
    if (input == "-") {
      go_on = ReadStdinArticles(in, limits, sink);
    } else if (fs::is_directory(input, ec)) {
      go_on = ReadDirectoryArticles(input, limits, sink);
    } else if (!fs::exists(input, ec)) {
      go_on = sink.problem(PathProblem(input));
    } else {
      go_on = ReadFileArticles(input, limits, sink);
    }
    if (!go_on) return;
  }
}

}  // namespace precis::ingest
