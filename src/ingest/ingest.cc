#include "precis/ingest.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <sstream>
#include <vector>

#include "precis/error.h"
#include "precis/text.h"

namespace precis::ingest {
namespace {

std::string NormalizeNewlines(std::string text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\r') {
      out += '\n';
      if (i + 1 < text.size() && text[i + 1] == '\n') ++i;
      continue;
    }
    out += text[i];
  }
  // A UTF-8 byte order mark is not text.
  if (out.size() >= 3 && out.compare(0, 3, "\xEF\xBB\xBF") == 0) out.erase(0, 3);
  return out;
}

std::string StringField(const nlohmann::json& object, const char* key, const std::string& where) {
  const auto it = object.find(key);
  if (it == object.end() || it->is_null()) return {};
  if (it->is_string()) return it->get<std::string>();
  if (it->is_number()) return it->dump();
  throw Error(where + "\"" + key + "\" must be a string");
}

bool EndsLikeSentence(std::string_view line) {
  while (!line.empty() && (line.back() == '"' || line.back() == '\'' || line.back() == ')' || line.back() == ' ')) {
    line.remove_suffix(1);
  }
  if (line.size() >= 3 && (line.substr(line.size() - 3) == "\xE2\x80\x9D" || line.substr(line.size() - 3) == "\xE2\x80\x99")) {
    line.remove_suffix(3);
  }
  return !line.empty() && (line.back() == '.' || line.back() == '!' || line.back() == '?' || line.back() == ':' ||
                           line.back() == ';' || line.back() == ',');
}

// A plain-text article often opens with its headline: a short first line
// without a full stop, followed by more text. It becomes the title.
void ExtractTitle(Document* doc) {
  if (!doc->title.empty()) return;
  const std::size_t begin = doc->text.find_first_not_of(" \t\n");
  if (begin == std::string::npos) return;
  std::size_t end = doc->text.find('\n', begin);
  if (end == std::string::npos) return;  // nothing after it
  std::string_view line(doc->text.data() + begin, end - begin);
  while (!line.empty() && (line.back() == ' ' || line.back() == '\t')) line.remove_suffix(1);
  // Navigation bars and notices ("Accept all | Manage settings") are not headlines.
  if (line.empty() || EndsLikeSentence(line) || text::CountWords(line) > 20 || line.find('|') != std::string_view::npos) return;
  if (doc->text.find_first_not_of(" \t\n", end) == std::string::npos) return;
  doc->title = std::string(line);
  doc->text.erase(0, end + 1);
}

}  // namespace

void CheckUtf8(std::string_view text, const std::string& name, std::size_t first_line) {
  std::size_t bad = 0;
  if (text::IsValidUtf8(text, &bad)) return;
  const std::size_t line = first_line + static_cast<std::size_t>(std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(bad), '\n'));
  throw Error(WhereMessage(name, line, "invalid UTF-8 at byte " + std::to_string(bad)));
}

Document ReadArticleFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error(path.string() + ": cannot open the file");
  std::ostringstream buffer;
  buffer << in.rdbuf();
  if (in.bad()) throw Error(path.string() + ": cannot read the file");
  std::string text = NormalizeNewlines(buffer.str());
  CheckUtf8(text, path.string());
  Document doc;
  doc.id = path.filename().string();
  doc.text = std::move(text);
  ExtractTitle(&doc);
  return doc;
}

Story ReadDirectoryStory(const std::filesystem::path& dir) {
  std::error_code ec;
  std::vector<std::filesystem::path> files;
  for (std::filesystem::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    const std::string name = it->path().filename().string();
    if (name.empty() || name.front() == '.') continue;
    if (it->is_regular_file(ec)) files.push_back(it->path());
  }
  if (ec) throw Error(dir.string() + ": cannot read the directory: " + ec.message());
  std::sort(files.begin(), files.end());
  Story story;
  story.id = dir.filename().string();
  if (story.id.empty()) story.id = dir.parent_path().filename().string();
  for (const auto& f : files) story.docs.push_back(ReadArticleFile(f));
  if (story.docs.empty()) throw Error(dir.string() + ": the directory holds no article files");
  return story;
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
      ExtractTitle(&doc);
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
    current.append(line);
    current += '\n';
  }
  flush();
  return story;
}

Story ParseStoryJson(std::string_view line, const std::string& name, std::size_t line_number) {
  const std::string where = WhereMessage(name, line_number, "");
  CheckUtf8(line, name, line_number);
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
      doc.text = d.get<std::string>();
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
    if (d.contains("text") && !d["text"].is_null()) {
      doc.text = StringField(d, "text", dwhere);
    } else if (d.contains("html") && d["html"].is_string()) {
      // HTML extraction belongs to the clean stage; until it is wired in,
      // the markup is kept as text and the tags are ignored by the tokenizer.
      doc.text = d["html"].get<std::string>();
    } else {
      throw Error(dwhere + "missing \"text\"");
    }
    doc.text = NormalizeNewlines(std::move(doc.text));
    story.docs.push_back(std::move(doc));
  }
  if (const auto refs = j.find("refs"); refs != j.end() && refs->is_array()) {
    for (const auto& r : *refs) {
      if (r.is_string()) story.refs.push_back(r.get<std::string>());
    }
  }
  return story;
}

JsonlReader::JsonlReader(std::istream& in, std::string name) : in_(&in), name_(std::move(name)) {}

JsonlReader::JsonlReader(const std::filesystem::path& path)
    : owned_(std::make_unique<std::ifstream>(path, std::ios::binary)), in_(owned_.get()), name_(path.string()) {
  if (!*owned_) throw Error(name_ + ": cannot open the file");
}

bool JsonlReader::Next(std::string* line, std::size_t* line_number) {
  while (std::getline(*in_, *line)) {
    ++line_;
    if (!line->empty() && line->back() == '\r') line->pop_back();
    if (line->find_first_not_of(" \t") == std::string::npos) continue;
    *line_number = line_;
    return true;
  }
  if (in_->bad()) throw Error(WhereMessage(name_, line_ + 1, "read error"));
  return false;
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
