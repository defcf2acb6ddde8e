#include "precis/ingest.h"

#include <nlohmann/json.hpp>
#include <simdjson.h>

#include <unicode/unistr.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <atomic>
#include <cstring>
#include <iostream>
#include <iterator>
#include <sstream>
#include <vector>

#include "precis/error.h"
#include "precis/text.h"

namespace precis::ingest {
namespace {

// Line ends to LF (CRLF and lone CR), a leading UTF-8 byte order mark
// dropped, and control characters other than tab and LF (NUL bytes from
// broken exports, form feeds, ...) turned into spaces: they are not text and
// would reach the output otherwise.
std::string NormalizeNewlines(std::string text) {
  if (text.size() >= 3 && text.compare(0, 3, "\xEF\xBB\xBF") == 0) text.erase(0, 3);
  const bool any_control = std::any_of(text.begin(), text.end(), [](char c) {
    return static_cast<unsigned char>(c) < 0x20 && c != '\n' && c != '\t';
  });
  if (!any_control) return text;
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '\r') {
      out += '\n';
      if (i + 1 < text.size() && text[i + 1] == '\n') ++i;
    } else if (static_cast<unsigned char>(c) < 0x20 && c != '\n' && c != '\t') {
      out += ' ';
    } else {
      out += c;
    }
  }
  return out;
}

std::string StringField(const nlohmann::json& object, const char* key, const std::string& where) {
  const auto it = object.find(key);
  if (it == object.end() || it->is_null()) return {};
  if (it->is_string()) return it->get<std::string>();
  if (it->is_number()) return it->dump();
  throw Error(where + "\"" + key + "\" must be a string");
}

constexpr std::size_t kChunk = std::size_t{1} << 16;

std::string TooLargeMessage(const std::string& name, std::size_t max_bytes, bool compressed) {
  if (compressed) {
    return name + ": the decompressed data passes the limit of " + std::to_string(max_bytes) +
           " bytes; decompression stopped there";
  }
  return name + ": larger than the limit of " + std::to_string(max_bytes) + " bytes";
}

// Reads up to kChunk more bytes of `in` into `chunk`; false at the end.
bool ReadChunk(std::istream& in, std::string* chunk, const std::string& name) {
  chunk->resize(kChunk);
  in.read(chunk->data(), static_cast<std::streamsize>(chunk->size()));
  chunk->resize(static_cast<std::size_t>(in.gcount()));
  if (in.bad()) throw Error(name + ": read error");
  return !chunk->empty();
}

// The rest of `in` after `head`, as read, refused past `max_bytes`.
std::string ReadPlain(std::istream& in, std::string head, const std::string& name, std::size_t max_bytes) {
  std::string out = std::move(head), chunk;
  if (out.size() > max_bytes) throw InputTooLarge(TooLargeMessage(name, max_bytes, false));
  for (;;) {
    if (!ReadChunk(in, &chunk, name)) return out;
    // Checked before the bytes are added: the string is not doubled past the limit.
    if (chunk.size() > max_bytes - out.size()) throw InputTooLarge(TooLargeMessage(name, max_bytes, false));
    out += chunk;
  }
}

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

// Files of a story directory that are not articles: notes and labels.
bool IsArticleFileName(const std::string& name) {
  if (name.empty() || name.front() == '.') return false;
  const std::string lower = Lower(name);
  return lower.rfind("readme", 0) != 0 && !EndsWith(lower, ".json");
}

}  // namespace

// "UTF-16LE" / "UTF-16BE" when `bytes` look like UTF-16 text: a byte order
// mark, or NUL bytes in most odd (LE) or even (BE) positions of the start,
// as ASCII-range text encoded in UTF-16 has. Empty otherwise.
std::string_view Utf16Encoding(std::string_view bytes) {
  if (bytes.size() >= 2) {
    const auto b0 = static_cast<unsigned char>(bytes[0]), b1 = static_cast<unsigned char>(bytes[1]);
    if (b0 == 0xFF && b1 == 0xFE) return "UTF-16LE";
    if (b0 == 0xFE && b1 == 0xFF) return "UTF-16BE";
  }
  const std::size_t n = std::min<std::size_t>(bytes.size(), 512) & ~std::size_t{1};
  if (n < 8) return {};
  std::size_t odd = 0, even = 0;
  for (std::size_t i = 0; i < n; i += 2) {
    even += bytes[i] == '\0' ? 1 : 0;
    odd += bytes[i + 1] == '\0' ? 1 : 0;
  }
  const std::size_t pairs = n / 2;
  if (odd * 10 >= pairs * 7 && even * 10 < pairs) return "UTF-16LE";
  if (even * 10 >= pairs * 7 && odd * 10 < pairs) return "UTF-16BE";
  return {};
}

// UTF-16 text converted to UTF-8 (ICU's converter; a byte order mark is
// dropped, unpaired surrogates become U+FFFD).
std::string Utf16ToUtf8(std::string_view bytes, std::string_view encoding, const std::string& name) {
  std::size_t skip = 0;
  if (bytes.size() >= 2 && ((bytes[0] == '\xFF' && bytes[1] == '\xFE') || (bytes[0] == '\xFE' && bytes[1] == '\xFF'))) {
    skip = 2;
  }
  // ICU takes an int32_t length: refused rather than cut short.
  if (bytes.size() - skip > static_cast<std::size_t>(INT32_MAX)) {
    throw Error(name + ": UTF-16 text over 2 GiB cannot be converted (convert it first, e.g. with iconv)");
  }
  const std::string converter(encoding);
  const icu::UnicodeString text(bytes.data() + skip, static_cast<int32_t>(bytes.size() - skip), converter.c_str());
  std::string out;
  text.toUTF8String(out);
  return out;
}

void CheckUtf8(std::string_view text, const std::string& name, std::size_t first_line) {
  std::size_t bad = 0;
  if (text::IsValidUtf8(text, &bad)) return;
  const std::size_t line = first_line + static_cast<std::size_t>(std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(bad), '\n'));
  throw Error(WhereMessage(name, line, "invalid UTF-8 at byte " + std::to_string(bad)));
}

namespace {

// All of `source` (head and rest), refused past `max_bytes`; for gzip the
// message says the decompressed data passed it.
std::string ReadAll(InputStream& source, std::size_t max_bytes) {
  try {
    return ReadPlain(source.rest(), source.TakeHead(), source.name(), max_bytes);
  } catch (const InputTooLarge&) {
    if (!source.gzip()) throw;
    throw InputTooLarge(InputStream::DecompressedTooLarge(source.name(), max_bytes));
  }
}

}  // namespace

std::string ReadStreamBytes(std::istream& in, const std::string& name, std::size_t max_bytes, std::string head) {
  InputStream source(in, name, max_bytes, std::move(head));
  return ReadAll(source, max_bytes);
}

std::string PathProblem(const std::string& path, int open_errno) {
  std::error_code ec;
  (void)std::filesystem::status(path, ec);
  std::string reason = ec ? ec.message() : open_errno != 0 ? std::string(std::strerror(open_errno)) : "cannot be read";
  if (!reason.empty()) reason[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(reason[0])));
  return path + ": " + reason;
}

std::string ReadInputBytes(const std::string& path, std::size_t max_bytes) {
  if (path == "-") return ReadStreamBytes(std::cin, "<stdin>", max_bytes);
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) throw Error(path + ": is a directory, not a file");
  errno = 0;
  std::ifstream file(path, std::ios::binary);
  if (!file) throw Error(PathProblem(path, errno));
  return ReadStreamBytes(file, path, max_bytes);
}

std::string Utf16JsonlMessage(const std::string& name) {
  return name + (name == "<stdin>" ? ": the input" : ": the file") +
         " is UTF-16 text; JSONL must be UTF-8 (convert it first, e.g. with iconv -f UTF-16 -t UTF-8)";
}

bool LooksLikeHtml(std::string_view bytes, std::string_view file_name) {
  std::string name = Lower(file_name);
  if (EndsWith(name, ".gz")) name.resize(name.size() - 3);
  for (const char* ext : {".html", ".htm", ".xhtml", ".shtml"}) {
    if (EndsWith(name, ext)) return true;
  }
  for (const char* ext : {".txt", ".text", ".md", ".jsonl", ".json"}) {
    if (EndsWith(name, ext)) return false;
  }
  const std::string head = Lower(bytes.substr(0, 1024));
  for (const char* marker : {"<!doctype html", "<html", "<head", "<body", "<meta ", "<title"}) {
    if (head.find(marker) != std::string::npos) return true;
  }
  return false;
}

Document ArticleFromBytes(std::string bytes, const std::string& id, const std::string& where) {
  Document doc;
  doc.id = id;
  // UTF-16 files (saved by some Windows tools) are converted, not refused;
  // pages too, whose charset declaration the extractor then reads as UTF-8.
  if (const std::string_view encoding = Utf16Encoding(bytes); !encoding.empty()) bytes = Utf16ToUtf8(bytes, encoding, where);
  if (LooksLikeHtml(bytes, id)) {
    // The extractor decodes the page's declared charset itself.
    doc.html = std::move(bytes);
    return doc;
  }
  doc.text = NormalizeNewlines(std::move(bytes));
  CheckUtf8(doc.text, where);
  return doc;
}

Document ReadArticleFile(const std::filesystem::path& path, std::size_t max_bytes) {
  return ArticleFromBytes(ReadInputBytes(path.string(), max_bytes), path.filename().string(), path.string());
}

Story ReadDirectoryStory(const std::filesystem::path& dir, std::size_t max_bytes) {
  Story story;
  story.id = StoryIdOf(dir.string());
  ArticleSink sink;
  sink.article = [&story](Document doc, const std::string&) {
    story.docs.push_back(std::move(doc));
    return true;
  };
  sink.problem = ThrowProblem;
  ArticleLimits limits;
  limits.max_total_bytes = max_bytes;
  ReadArticles({dir.string()}, std::cin, limits, sink);
  return story;
}

std::string StoryIdOf(const std::string& input) {
  if (input == "-") return "stdin";
  const std::filesystem::path path(input);
  std::error_code ec;
  if (!std::filesystem::is_directory(path, ec)) return path.stem().string();
  // "dir/" names the directory too.
  return path.filename().empty() ? path.parent_path().filename().string() : path.filename().string();
}

std::vector<std::filesystem::path> ArticleFilesOf(const std::filesystem::path& dir) {
  std::error_code ec;
  std::vector<std::filesystem::path> files;
  for (std::filesystem::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    if (IsArticleFileName(it->path().filename().string()) && it->is_regular_file(ec)) files.push_back(it->path());
  }
  if (ec) throw Error(dir.string() + ": cannot read the directory: " + ec.message());
  std::sort(files.begin(), files.end());
  return files;
}

std::vector<Document> ReadSourceArticles(InputStream& source, std::size_t max_bytes, std::size_t* bytes_read) {
  const std::string& name = source.name();
  std::string bytes = ReadAll(source, max_bytes);
  if (bytes_read != nullptr) *bytes_read = bytes.size();
  if (const std::string_view encoding = Utf16Encoding(bytes); !encoding.empty()) {
    bytes = Utf16ToUtf8(bytes, encoding, name);
    const std::size_t first = bytes.find_first_not_of(" \t\r\n");
    if (first != std::string::npos && bytes[first] == '{') throw Error(Utf16JsonlMessage(name));
  }
  const bool standard_input = name == "<stdin>";
  if (standard_input && !LooksLikeHtml(bytes)) return SplitArticles(bytes, name).docs;
  std::vector<Document> docs;
  docs.push_back(ArticleFromBytes(std::move(bytes), standard_input ? "stdin" : std::filesystem::path(name).filename().string(), name));
  return docs;
}

bool ThrowProblem(const Error& problem) {
  if (dynamic_cast<const InputTooLarge*>(&problem) != nullptr) throw InputTooLarge(problem.what());
  throw Error(problem.what());
}

Story SplitArticles(std::string_view raw, const std::string& name) {
  const std::string text = NormalizeNewlines(std::string(raw));
  CheckUtf8(text, name);
  Story story;
  story.id = name;
  std::string current;
  auto flush = [&] {
    if (current.find_first_not_of(" \t\n") != std::string::npos) {
      Document doc;
      doc.id = std::to_string(story.docs.size() + 1);
      doc.text = std::move(current);
      story.docs.push_back(std::move(doc));
    }
    current.clear();
  };
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    std::string_view line(text.data() + start, end - start);
    start = end + 1;
    std::string_view trimmed = line;
    while (!trimmed.empty() && (trimmed.back() == ' ' || trimmed.back() == '\t')) trimmed.remove_suffix(1);
    while (!trimmed.empty() && (trimmed.front() == ' ' || trimmed.front() == '\t')) trimmed.remove_prefix(1);
    if (trimmed == "---") {
      flush();
      continue;
    }
    // "cat a.txt; echo ---; cat b.txt" with a.txt not ending in a newline
    // glues the separator to a.txt's last line: still a separator (exactly
    // three dashes, so a "----" rule or an em dash "--" is not one).
    if (trimmed.size() > 3 && trimmed.ends_with("---") && trimmed[trimmed.size() - 4] != '-') {
      current.append(line.substr(0, line.rfind("---")));
      current += '\n';
      flush();
      continue;
    }
    current.append(line);
    current += '\n';
  }
  flush();
  return story;
}

namespace {

// A string or null field (null reads as empty); false for any other type.
bool FastTextField(simdjson::dom::element value, std::string* out) {
  if (value.is_null()) {
    out->clear();
    return true;
  }
  std::string_view text;
  if (value.get_string().get(text) != simdjson::SUCCESS) return false;
  out->assign(text);
  return true;
}

// One document object of the fast path; false when it needs the full path.
bool FastDocument(simdjson::dom::object object, std::size_t index, Document* doc) {
  static constexpr std::string_view kKeys[] = {"id", "title", "date", "source", "url", "author", "language", "html", "text"};
  std::string* const fields[] = {&doc->id, &doc->title, &doc->date, &doc->source, &doc->url,
                                 &doc->author, &doc->language, &doc->html, &doc->text};
  unsigned seen = 0;
  bool has_text = false;
  for (const simdjson::dom::key_value_pair field : object) {
    for (std::size_t k = 0; k < std::size(kKeys); ++k) {
      if (field.key != kKeys[k]) continue;
      // A repeated key: which one counts is the full parser's call.
      if ((seen & (1u << k)) != 0 || !FastTextField(field.value, fields[k])) return false;
      seen |= 1u << k;
      if (kKeys[k] == "text") has_text = !field.value.is_null();
    }
  }
  if (doc->html.empty()) {
    // A missing or null text is an error, which the full path reports.
    if (!has_text) return false;
    doc->text = NormalizeNewlines(std::move(doc->text));
  } else {
    doc->text.clear();
  }
  if (doc->id.empty()) doc->id = std::to_string(index + 1);
  return true;
}

// ParseStoryJson's common case with simdjson, several times faster than
// nlohmann::json on news stories. Returns false for anything out of the
// ordinary (invalid JSON, a field of another type, a number where text
// belongs, a repeated key, a missing text): the nlohmann path then parses
// the line, so results and error messages stay those of one parser.
bool ParseStoryFast(std::string_view line, std::size_t line_number, Story* story) {
  simdjson::dom::parser parser;
  simdjson::dom::element root;
  simdjson::dom::object object;
  if (parser.parse(line.data(), line.size()).get(root) != simdjson::SUCCESS ||
      root.get_object().get(object) != simdjson::SUCCESS) {
    return false;
  }
  bool id = false, docs = false, refs = false, query = false;
  for (const simdjson::dom::key_value_pair field : object) {
    if (field.key == "id") {
      if (id || !FastTextField(field.value, &story->id)) return false;
      id = true;
    } else if (field.key == "query") {
      if (query || !FastTextField(field.value, &story->query)) return false;
      query = true;
    } else if (field.key == "docs") {
      simdjson::dom::array array;
      if (docs || field.value.get_array().get(array) != simdjson::SUCCESS) return false;
      docs = true;
      for (const simdjson::dom::element d : array) {
        Document& doc = story->docs.emplace_back();
        std::string_view text;
        simdjson::dom::object doc_object;
        if (d.get_string().get(text) == simdjson::SUCCESS) {
          doc.id = std::to_string(story->docs.size());
          doc.text = NormalizeNewlines(std::string(text));
        } else if (d.get_object().get(doc_object) != simdjson::SUCCESS ||
                   !FastDocument(doc_object, story->docs.size() - 1, &doc)) {
          return false;
        }
      }
    } else if (field.key == "refs") {
      if (refs) return false;
      refs = true;
      simdjson::dom::array array;
      if (field.value.get_array().get(array) != simdjson::SUCCESS) continue;
      for (const simdjson::dom::element r : array) {
        std::string_view text;
        if (r.get_string().get(text) == simdjson::SUCCESS) story->refs.emplace_back(text);
      }
    }
  }
  if (!docs) return false;
  if (story->id.empty()) story->id = std::to_string(line_number);
  return true;
}

}  // namespace

std::string NormalizeQuestion(std::string_view question) {
  std::string out;
  out.reserve(question.size());
  bool space = false;
  for (const char c : question) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte <= 0x20 || byte == 0x7F) {
      space = true;
      continue;
    }
    if (space && !out.empty()) out += ' ';
    space = false;
    out += c;
  }
  return out;
}

Story ParseStoryJson(std::string_view line, const std::string& name, std::size_t line_number) {
  const std::string where = WhereMessage(name, line_number, "");
  CheckUtf8(line, name, line_number);
  if (Story story; ParseStoryFast(line, line_number, &story)) {
    story.query = NormalizeQuestion(story.query);
    return story;
  }
  nlohmann::json j;
  try {
    j = nlohmann::json::parse(line.begin(), line.end());
  } catch (const nlohmann::json::exception& e) {  // parse_error, or out_of_range for a number like 1e999
    std::string reason = e.what();
    if (const std::size_t p = reason.find("parse error"); p != std::string::npos) reason = reason.substr(p);
    throw Error(WhereMessage(name, line_number, "invalid JSON: " + reason));
  }
  if (!j.is_object()) throw Error(WhereMessage(name, line_number, "a story must be a JSON object"));
  Story story;
  story.id = StringField(j, "id", where);
  if (story.id.empty()) story.id = std::to_string(line_number);
  story.query = NormalizeQuestion(StringField(j, "query", where));
  const auto docs = j.find("docs");
  if (docs == j.end() || !docs->is_array()) {
    throw Error(WhereMessage(name, line_number, "\"docs\" must be an array of documents"));
  }
  for (std::size_t i = 0; i < docs->size(); ++i) {
    const nlohmann::json& d = (*docs)[i];
    const std::string dwhere = where + "docs[" + std::to_string(i) + "]: ";
    if (d.is_string()) {
      Document doc;
      doc.id = std::to_string(i + 1);
      doc.text = NormalizeNewlines(d.get<std::string>());
      story.docs.push_back(std::move(doc));
      continue;
    }
    if (!d.is_object()) throw Error(dwhere + "a document must be an object");
    Document doc;
    doc.id = StringField(d, "id", dwhere);
    if (doc.id.empty()) doc.id = std::to_string(i + 1);
    doc.title = StringField(d, "title", dwhere);
    doc.date = StringField(d, "date", dwhere);
    doc.source = StringField(d, "source", dwhere);
    doc.url = StringField(d, "url", dwhere);
    doc.author = StringField(d, "author", dwhere);
    doc.language = StringField(d, "language", dwhere);
    doc.html = StringField(d, "html", dwhere);
    if (doc.html.empty()) {
      if (!d.contains("text") || d["text"].is_null()) throw Error(dwhere + "missing \"text\" (or \"html\")");
      doc.text = NormalizeNewlines(StringField(d, "text", dwhere));
    }
    story.docs.push_back(std::move(doc));
  }
  if (const auto refs = j.find("refs"); refs != j.end() && refs->is_array()) {
    for (const auto& r : *refs) {
      if (r.is_string()) story.refs.push_back(r.get<std::string>());
    }
  }
  return story;
}

JsonlReader::JsonlReader(std::istream& in, std::string name, std::string already_read)
    : in_(&in), name_(std::move(name)), buffer_(std::move(already_read)) {}

JsonlReader::JsonlReader(const std::filesystem::path& path)
    : owned_(std::make_unique<std::ifstream>(path, std::ios::binary)), in_(owned_.get()), name_(path.string()) {
  if (!*owned_) throw Error(PathProblem(name_, errno));
}

namespace {
std::atomic<ReadCancellation> g_stop_reading{nullptr};
}  // namespace

ReadCancellation SetReadCancellation(ReadCancellation stop) { return g_stop_reading.exchange(stop); }

bool JsonlReader::Fill() {
  if (at_end_) return false;
  // Checked between blocks: an endless input (a device, a pipe that never
  // ends its line) still ends at a signal.
  if (const ReadCancellation stop = g_stop_reading.load(); stop != nullptr && stop()) {
    at_end_ = true;
    cancelled_ = true;
    return false;
  }
  buffer_.resize(1 << 16);
  in_->read(buffer_.data(), static_cast<std::streamsize>(buffer_.size()));
  buffer_.resize(static_cast<std::size_t>(in_->gcount()));
  buffer_pos_ = 0;
  if (in_->bad()) throw Error(WhereMessage(name_, line_ + 1, "read error"));
  if (!*in_) at_end_ = true;
  return !buffer_.empty();
}

bool JsonlReader::SkipRestOfLine() {
  for (;;) {
    if (buffer_pos_ == buffer_.size() && !Fill()) return false;
    const char* begin = buffer_.data() + buffer_pos_;
    if (const void* newline = std::memchr(begin, '\n', buffer_.size() - buffer_pos_); newline != nullptr) {
      buffer_pos_ += static_cast<std::size_t>(static_cast<const char*>(newline) - begin) + 1;
      return true;
    }
    buffer_pos_ = buffer_.size();
  }
}

bool JsonlReader::ReadLine(std::string* line, bool* too_long) {
  line->clear();
  *too_long = false;
  if (in_long_line_) {
    in_long_line_ = false;
    if (!SkipRestOfLine()) return false;
  }
  bool any = false;
  for (;;) {
    if (buffer_pos_ == buffer_.size() && !Fill()) return any && !cancelled_;
    if (!encoding_checked_) {
      // The first bytes, read here or handed in by whoever told the format.
      encoding_checked_ = true;
      if (!Utf16Encoding(std::string_view(buffer_).substr(buffer_pos_)).empty()) throw Error(Utf16JsonlMessage(name_));
    }
    any = true;
    const char* begin = buffer_.data() + buffer_pos_;
    const std::size_t available = buffer_.size() - buffer_pos_;
    const void* newline = std::memchr(begin, '\n', available);
    const std::size_t take = newline == nullptr ? available : static_cast<std::size_t>(static_cast<const char*>(newline) - begin);
    // At the limit the line is refused at once; the rest of it is dropped
    // by the next call, without being held (memory stays bounded, and a line
    // that never ends is refused all the same).
    if (line->size() + take > max_line_bytes_) {
      *too_long = true;
      line->clear();
      buffer_pos_ += take;
      if (newline != nullptr) {
        ++buffer_pos_;
      } else {
        in_long_line_ = true;
      }
      return true;
    }
    line->append(begin, take);
    buffer_pos_ += take;
    if (newline != nullptr) {
      ++buffer_pos_;
      return true;
    }
  }
}

bool JsonlReader::Next(std::string* line, std::size_t* line_number) {
  bool too_long = false;
  while (ReadLine(line, &too_long)) {
    ++line_;
    if (too_long) {
      throw LineTooLong(WhereMessage(name_, line_, "the line is longer than the limit of " +
                                                       std::to_string(max_line_bytes_) + " bytes"));
    }
    if (!line->empty() && line->back() == '\r') line->pop_back();
    if (line->find_first_not_of(" \t") == std::string::npos) continue;
    *line_number = line_;
    return true;
  }
  return false;
}

bool HoldsJsonl(std::string_view head, std::string_view file_name) {
  const std::string name = Lower(file_name);
  if (EndsWith(name, ".jsonl") || EndsWith(name, ".jsonl.gz")) return true;
  std::size_t i = 0;
  while (i < head.size() && (head[i] == ' ' || head[i] == '\t' || head[i] == '\r' || head[i] == '\n')) ++i;
  if (head.substr(i, 3) == "\xEF\xBB\xBF") i += 3;
  // By name only: a JSON story may hold a page's markup in its first kilobyte.
  return i < head.size() && head[i] == '{' && !LooksLikeHtml({}, name);
}

bool LooksLikeJsonl(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  char c = 0;
  std::size_t seen = 0;
  while (in.get(c) && seen < 4096) {
    ++seen;
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n') continue;
    if (static_cast<unsigned char>(c) == 0xEF) continue;  // BOM bytes
    if (static_cast<unsigned char>(c) == 0xBB || static_cast<unsigned char>(c) == 0xBF) continue;
    return c == '{';
  }
  return false;
}

}  // namespace precis::ingest
