#include "precis/page_input.h"

#include <zlib.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <nlohmann/json.hpp>
#include <sstream>

#include "precis/error.h"
#include "precis/html.h"

namespace precis {
namespace {

namespace fs = std::filesystem;

std::string Gunzip(const std::string& bytes, const std::string& name) {
  z_stream stream{};
  // 16 + MAX_WBITS: gzip framing; concatenated members are read in turn.
  if (inflateInit2(&stream, 16 + MAX_WBITS) != Z_OK) throw Error(WhereMessage(name, 0, "cannot start gzip decoder"));
  std::string out;
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(bytes.data()));
  stream.avail_in = static_cast<uInt>(std::min<std::size_t>(bytes.size(), UINT32_MAX));
  char buffer[1 << 16];
  int status = Z_OK;
  while (true) {
    stream.next_out = reinterpret_cast<Bytef*>(buffer);
    stream.avail_out = sizeof buffer;
    status = inflate(&stream, Z_NO_FLUSH);
    out.append(buffer, sizeof buffer - stream.avail_out);
    if (status == Z_STREAM_END) {
      if (stream.avail_in == 0) break;
      inflateReset(&stream);
      continue;
    }
    if (status != Z_OK) break;
  }
  inflateEnd(&stream);
  if (status != Z_STREAM_END) throw Error(WhereMessage(name, 0, "broken gzip data"));
  return out;
}

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

Document TextDocument(std::string id, std::string text) {
  Document doc;
  doc.id = std::move(id);
  doc.text = std::move(text);
  return doc;
}

// A line cleaner result that keeps every line: for --no-clean.
CleanedDocument Unclean(const Document& doc) {
  CleanedDocument out;
  out.doc = doc;
  std::size_t number = 0, start = 0;
  const std::string& text = doc.text;
  while (start <= text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    ++number;
    std::string line = text.substr(start, end - start);
    if (line.find_first_not_of(" \t\r") != std::string::npos) out.paragraphs.push_back({line, ParagraphKind::kBody, number});
    start = end + 1;
  }
  return out;
}

// One story: its documents, each either text or an extracted page.
struct PendingStory {
  std::string name;
  std::vector<Document> docs;                 // text documents (and extracted pages' metadata)
  std::vector<std::vector<Paragraph>> pages;  // for extracted pages: their paragraphs; empty = text
  std::vector<bool> is_page;
};

void AddFile(const std::string& path, const std::string& id, PendingStory* story) {
  const std::string bytes = ReadInputBytes(path);
  if (LooksLikeHtml(bytes, path)) {
    ExtractOptions options;
    options.known.id = id;
    ExtractedArticle article = ExtractArticleWithStructure(bytes, options);
    story->docs.push_back(std::move(article.doc));
    story->pages.push_back(std::move(article.paragraphs));
    story->is_page.push_back(true);
  } else {
    story->docs.push_back(TextDocument(id, bytes));
    story->pages.emplace_back();
    story->is_page.push_back(false);
  }
}

std::string JsonString(const nlohmann::json& j, const char* key) {
  if (!j.contains(key)) return {};
  const auto& v = j[key];
  if (v.is_string()) return v.get<std::string>();
  if (v.is_number()) return v.dump();
  return {};
}

// Cleans the stories read from one input. Text articles are cleaned
// together, across all its stories (an outlet's chrome recurs across its
// articles in a batch); pages one by one, with the structure their markup
// declares.
std::vector<CleanedInput> Finish(std::vector<PendingStory> stories, const CleanOptions& options, bool clean) {
  std::vector<CleanedInput> out(stories.size());
  std::vector<Story> text_stories(stories.size());
  for (std::size_t s = 0; s < stories.size(); ++s) {
    for (std::size_t i = 0; i < stories[s].docs.size(); ++i) {
      if (!stories[s].is_page[i]) text_stories[s].docs.push_back(stories[s].docs[i]);
    }
  }
  std::vector<std::vector<CleanedDocument>> text_cleaned;
  if (clean) text_cleaned = CleanBatch(text_stories, options);
  for (std::size_t s = 0; s < stories.size(); ++s) {
    PendingStory& story = stories[s];
    out[s].name = std::move(story.name);
    std::size_t next_text = 0;
    for (std::size_t i = 0; i < story.docs.size(); ++i) {
      if (story.is_page[i]) {
        if (clean) {
          out[s].docs.push_back(CleanParagraphs(story.docs[i], story.pages[i], options));
        } else {
          CleanedDocument page;
          page.doc = story.docs[i];
          page.paragraphs = story.pages[i];
          out[s].docs.push_back(std::move(page));
        }
      } else if (clean) {
        out[s].docs.push_back(std::move(text_cleaned[s][next_text++]));
      } else {
        out[s].docs.push_back(Unclean(story.docs[i]));
      }
    }
  }
  return out;
}

std::vector<CleanedInput> FinishOne(PendingStory story, const CleanOptions& options, bool clean) {
  std::vector<PendingStory> stories;
  stories.push_back(std::move(story));
  return Finish(std::move(stories), options, clean);
}

void ReadJsonl(const std::string& path, const std::string& bytes, const CleanOptions& options, bool clean,
               std::vector<CleanedInput>* out) {
  std::istringstream in(bytes);
  std::string line;
  std::size_t number = 0;
  std::vector<PendingStory> stories;
  while (std::getline(in, line)) {
    ++number;
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    const nlohmann::json j = nlohmann::json::parse(line, nullptr, false);
    if (j.is_discarded()) throw Error(WhereMessage(path, number, "invalid JSON"));
    if (!j.is_object() || !j.contains("docs") || !j["docs"].is_array()) {
      throw Error(WhereMessage(path, number, "expected an object with a \"docs\" array"));
    }
    PendingStory story;
    story.name = path + ":" + std::to_string(number);
    const std::string story_id = JsonString(j, "id");
    if (!story_id.empty()) story.name += " (" + story_id + ")";
    std::size_t k = 0;
    for (const auto& d : j["docs"]) {
      ++k;
      if (!d.is_object()) throw Error(WhereMessage(path, number, "doc " + std::to_string(k) + " is not an object"));
      Document known;
      known.id = JsonString(d, "id");
      if (known.id.empty()) known.id = std::to_string(k);
      known.title = JsonString(d, "title");
      known.date = JsonString(d, "date");
      known.source = JsonString(d, "source");
      known.url = JsonString(d, "url");
      const std::string html = JsonString(d, "html");
      if (!html.empty()) {
        ExtractOptions extract;
        extract.known = known;
        ExtractedArticle article = ExtractArticleWithStructure(html, extract);
        story.docs.push_back(std::move(article.doc));
        story.pages.push_back(std::move(article.paragraphs));
        story.is_page.push_back(true);
      } else if (d.contains("text") && d["text"].is_string()) {
        known.text = d["text"].get<std::string>();
        story.docs.push_back(std::move(known));
        story.pages.emplace_back();
        story.is_page.push_back(false);
      } else {
        throw Error(WhereMessage(path, number, "doc " + std::to_string(k) + " has neither \"text\" nor \"html\""));
      }
    }
    stories.push_back(std::move(story));
  }
  for (CleanedInput& input : Finish(std::move(stories), options, clean)) out->push_back(std::move(input));
}

}  // namespace

std::string ReadInputBytes(const std::string& path) {
  std::string bytes;
  if (path == "-") {
    bytes.assign(std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>());
  } else {
    std::error_code ec;
    if (fs::is_directory(path, ec)) throw Error(WhereMessage(path, 0, "is a directory, not a file"));
    std::ifstream in(path, std::ios::binary);
    if (!in) throw Error(WhereMessage(path, 0, fs::exists(path, ec) ? "cannot read file" : "no such file"));
    std::ostringstream buffer;
    buffer << in.rdbuf();
    bytes = buffer.str();
  }
  if (bytes.size() >= 2 && static_cast<unsigned char>(bytes[0]) == 0x1f && static_cast<unsigned char>(bytes[1]) == 0x8b) {
    return Gunzip(bytes, path);
  }
  return bytes;
}

bool LooksLikeHtml(std::string_view bytes, std::string_view file_name) {
  std::string name = Lower(std::string(file_name));
  if (EndsWith(name, ".gz")) name.resize(name.size() - 3);
  for (const char* ext : {".html", ".htm", ".xhtml", ".shtml"}) {
    if (EndsWith(name, ext)) return true;
  }
  for (const char* ext : {".txt", ".text", ".md", ".jsonl", ".json"}) {
    if (EndsWith(name, ext)) return false;
  }
  // Content sniffing: markup near the start (after a BOM and whitespace).
  const std::string head = Lower(std::string(bytes.substr(0, 1024)));
  for (const char* marker : {"<!doctype html", "<html", "<head", "<body", "<meta ", "<title"}) {
    if (head.find(marker) != std::string::npos) return true;
  }
  return false;
}

std::vector<CleanedInput> ReadAndClean(const std::vector<std::string>& paths, const CleanOptions& options, bool clean) {
  std::vector<CleanedInput> out;
  for (const std::string& path : paths) {
    std::error_code ec;
    if (path != "-" && fs::is_directory(path, ec)) {
      std::vector<fs::path> files;
      for (const auto& entry : fs::directory_iterator(path)) {
        const std::string file_name = entry.path().filename().string();
        if (entry.is_regular_file() && !file_name.empty() && file_name[0] != '.' && Lower(file_name) != "readme.md" &&
            !EndsWith(Lower(file_name), ".json")) {
          files.push_back(entry.path());
        }
      }
      std::sort(files.begin(), files.end());
      PendingStory story;
      story.name = path;
      for (const auto& file : files) AddFile(file.string(), file.filename().string(), &story);
      for (CleanedInput& input : FinishOne(std::move(story), options, clean)) out.push_back(std::move(input));
      continue;
    }
    std::string lower = Lower(path);
    if (EndsWith(lower, ".gz")) lower.resize(lower.size() - 3);
    if (EndsWith(lower, ".jsonl")) {
      ReadJsonl(path, ReadInputBytes(path), options, clean, &out);
      continue;
    }
    PendingStory story;
    story.name = path;
    AddFile(path, path == "-" ? "stdin" : fs::path(path).filename().string(), &story);
    for (CleanedInput& input : FinishOne(std::move(story), options, clean)) out.push_back(std::move(input));
  }
  return out;
}

}  // namespace precis
