// Reading inputs as articles, one at a time: the one way in for files,
// directories, standard input and JSONL (precis summarize's story, precis
// cluster's stream, ReadDirectoryStory).
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
      if (!sink.problem(e)) return false;
      continue;
    }
    std::vector<Document> docs;
    try {
      docs = ParseArticleLine(line, reader.name(), number);
    } catch (const Error& e) {
      if (!sink.problem(e)) return false;
      continue;
    }
    for (Document& doc : docs) {
      if (!sink.article(std::move(doc), WhereMessage(reader.name(), number, ""))) return false;
    }
  }
}

// What is left of the limit on all articles together after `used` bytes.
std::size_t TotalRoom(const ArticleLimits& limits, std::size_t used) {
  return limits.max_total_bytes - std::min(used, limits.max_total_bytes);
}

// A directory's articles, one per file, in name order (ArticleFilesOf).
// When the files together pass max_total_bytes the directory is named, as
// the story it is, and its other files are left.
bool ReadDirectoryArticles(const std::string& dir, const ArticleLimits& limits, const ArticleSink& sink,
                           std::size_t* used) {
  std::vector<fs::path> files;
  try {
    files = ArticleFilesOf(dir);
  } catch (const Error& e) {
    return sink.problem(e);
  }
  if (files.empty()) return sink.problem(Error(dir + ": the directory holds no article files"));
  for (const fs::path& file : files) {
    const std::size_t total_room = TotalRoom(limits, *used);
    std::string bytes;
    try {
      bytes = ReadInputBytes(file.string(), std::min(limits.max_article_bytes, total_room));
    } catch (const InputTooLarge& e) {
      if (total_room >= limits.max_article_bytes) {
        if (!sink.problem(e)) return false;
        continue;
      }
      return sink.problem(InputTooLarge(dir + ": its files pass the limit of " + std::to_string(limits.max_total_bytes) +
                                        " bytes (at " + file.filename().string() + ")"));
    } catch (const Error& e) {
      if (!sink.problem(e)) return false;
      continue;
    }
    // Bytes as read (once decompressed) count, whatever UTF-16 conversion
    // or line-end normalisation does next.
    *used += bytes.size();
    Document doc;
    try {
      doc = ArticleFromBytes(std::move(bytes), file.filename().string(), file.string());
    } catch (const Error& e) {
      if (!sink.problem(e)) return false;
      continue;
    }
    if (!sink.article(std::move(doc), file.string())) return false;
  }
  return true;
}

// A file named on the command line, or standard input ("-"): JSONL (gzip
// too, inflated as it is read; handed to sink.jsonl when set), else its
// articles (ReadSourceArticles).
bool ReadNamedInput(const std::string& input, std::istream& in, const ArticleLimits& limits, const ArticleSink& sink,
                    std::size_t* used) {
  const std::size_t total_room = TotalRoom(limits, *used);
  const std::size_t room = std::min(limits.max_article_bytes, total_room);
  // Over a limit that the inputs before this one shared: the message names
  // that limit, not what was left of it.
  const auto problem = [&](const Error& e) {
    if (dynamic_cast<const InputTooLarge*>(&e) == nullptr || *used == 0 || total_room >= limits.max_article_bytes) {
      return sink.problem(e);
    }
    const std::string name = input == "-" ? "<stdin>" : input;
    return sink.problem(InputTooLarge(name + ": with the inputs before it, passes the limit of " +
                                      std::to_string(limits.max_total_bytes) + " bytes"));
  };
  std::unique_ptr<InputStream> source;
  try {
    source = std::make_unique<InputStream>(input, in, room);
  } catch (const Error& e) {
    return problem(e);
  }
  if (HoldsJsonl(source->head(), input == "-" ? "" : fs::path(input).filename().string())) {
    if (sink.jsonl) return sink.jsonl(std::move(source));
    JsonlReader reader(source->rest(), source->name(), source->TakeHead());
    reader.set_max_line_bytes(limits.max_line_bytes);
    return ReadJsonlArticles(reader, sink);
  }
  std::vector<Document> docs;
  std::size_t bytes_read = 0;
  try {
    docs = ReadSourceArticles(*source, room, &bytes_read);
  } catch (const Error& e) {
    return problem(e);
  }
  *used += bytes_read;
  for (Document& doc : docs) {
    if (!sink.article(std::move(doc), source->name())) return false;
  }
  return true;
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
  std::size_t used = 0;  // bytes read, against limits.max_total_bytes
  for (const std::string& input : inputs) {
    std::error_code ec;
    bool go_on = true;
    if (input != "-" && fs::is_directory(input, ec)) {
      go_on = ReadDirectoryArticles(input, limits, sink, &used);
    } else if (input != "-" && !fs::exists(input, ec)) {
      go_on = sink.problem(Error(PathProblem(input)));
    } else {
      go_on = ReadNamedInput(input, in, limits, sink, &used);
    }
    if (!go_on) return;
  }
}

}  // namespace precis::ingest
