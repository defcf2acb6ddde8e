#include "precis/pipeline.h"

#include <filesystem>
#include <iostream>
#include <sstream>

#include "clean/off_story.h"
#include "precis/error.h"
#include "precis/html.h"
#include "precis/ingest.h"

namespace precis {
namespace {

namespace fs = std::filesystem;

// What --no-clean keeps of a text article: every non-blank line.
CleanedDocument KeepEveryLine(const Document& doc) {
  CleanedDocument out;
  out.doc = doc;
  std::size_t number = 0, start = 0;
  const std::string& text = doc.text;
  while (start <= text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    ++number;
    if (text.find_first_not_of(" \t\r", start) < end) {
      out.paragraphs.push_back({text.substr(start, end - start), ParagraphKind::kBody, number});
    }
    start = end + 1;
  }
  return out;
}

CleanedDocument CleanPage(const Document& doc, const CleanOptions& options, bool clean) {
  ExtractOptions extract;
  extract.known = doc;
  extract.known.html.clear();
  extract.known.text.clear();
  ExtractedArticle article = ExtractArticleWithStructure(doc.html, extract);
  if (clean) return CleanParagraphs(article.doc, article.paragraphs, options);
  CleanedDocument out;
  out.doc = std::move(article.doc);
  out.paragraphs = std::move(article.paragraphs);
  return out;
}

// CleanBatchInput over pointers, so that one story is cleaned without a copy.
std::vector<std::vector<CleanedDocument>> CleanStories(const std::vector<const Story*>& stories,
                                                       const CleanOptions& options, bool clean) {
  // Text articles of all stories are cleaned together (outlet repetition);
  // pages one by one, after extraction.
  std::vector<const Document*> text_docs;
  for (const Story* story : stories) {
    for (const Document& doc : story->docs) {
      if (doc.html.empty()) text_docs.push_back(&doc);
    }
  }
  std::vector<CleanedDocument> cleaned_text;
  if (clean) cleaned_text = CleanDocuments(text_docs, options);
  std::vector<std::vector<CleanedDocument>> out(stories.size());
  std::size_t next_text = 0;
  for (std::size_t s = 0; s < stories.size(); ++s) {
    for (const Document& doc : stories[s]->docs) {
      if (!doc.html.empty()) {
        out[s].push_back(CleanPage(doc, options, clean));
      } else if (clean) {
        out[s].push_back(std::move(cleaned_text[next_text++]));
      } else {
        out[s].push_back(KeepEveryLine(doc));
      }
    }
  }
  return out;
}

}  // namespace

std::vector<std::vector<CleanedDocument>> CleanBatchInput(const std::vector<Story>& stories,
                                                          const CleanOptions& options, bool clean) {
  std::vector<const Story*> pointers;
  for (const Story& story : stories) pointers.push_back(&story);
  return CleanStories(pointers, options, clean);
}

std::vector<CleanedDocument> CleanStoryInput(const Story& story, const CleanOptions& options, bool clean) {
  return std::move(CleanStories({&story}, options, clean).front());
}

Story SummarizerInput(const Story& story, const std::vector<CleanedDocument>& cleaned) {
  Story out;
  out.id = story.id;
  out.refs = story.refs;
  out.query = story.query;
  out.docs.reserve(cleaned.size());
  const std::vector<std::vector<bool>> off_story = clean_internal::OffStorySections(cleaned);
  for (std::size_t d = 0; d < cleaned.size(); ++d) {
    const CleanedDocument& c = cleaned[d];
    Document doc = c.doc;
    doc.html.clear();
    // The body paragraphs of this story, one per line (BodyParagraphs()
    // joined, without its copies).
    doc.text.clear();
    for (std::size_t i = 0; i < c.paragraphs.size(); ++i) {
      const Paragraph& p = c.paragraphs[i];
      if (p.kind != ParagraphKind::kBody || off_story[d][i]) continue;
      if (!doc.text.empty()) doc.text += '\n';
      doc.text += p.text;
    }
    out.docs.push_back(std::move(doc));
  }
  return out;
}

std::vector<CleanedInput> ReadAndClean(const std::vector<std::string>& paths, const CleanOptions& options,
                                       bool clean, const ReadOptions& read) {
  const std::size_t max_input_bytes = read.max_input_bytes;
  std::vector<CleanedInput> out;
  auto add_stories = [&](const std::vector<Story>& stories, const std::vector<std::string>& names) {
    auto cleaned = CleanBatchInput(stories, options, clean);
    for (std::size_t i = 0; i < stories.size(); ++i) out.push_back({names[i], std::move(cleaned[i])});
  };
  auto add_jsonl = [&](std::istream& in, const std::string& name) {
    ingest::JsonlReader reader(in, name);
    std::vector<Story> stories;
    std::vector<std::string> names;
    std::string line;
    std::size_t number = 0;
    while (reader.Next(&line, &number)) {
      try {
        stories.push_back(ingest::ParseStoryJson(line, name, number));
      } catch (const Error& e) {
        if (!read.on_bad_story) throw;
        read.on_bad_story(e);
        continue;
      }
      names.push_back(name + ":" + std::to_string(number) +
                      (stories.back().id.empty() ? "" : " (" + stories.back().id + ")"));
    }
    add_stories(stories, names);
  };
  for (const std::string& path : paths) {
    std::error_code ec;
    if (path != "-" && fs::is_directory(path, ec)) {
      add_stories({ingest::ReadDirectoryStory(path, max_input_bytes)}, {path});
      continue;
    }
    std::string bytes = ingest::ReadInputBytes(path, max_input_bytes);
    const std::string name = path == "-" ? "<stdin>" : path;
    const std::string base = path == "-" ? "stdin" : fs::path(path).filename().string();
    // UTF-16 text and pages (standard input too) are converted as ingest
    // converts files; JSONL in UTF-16 is refused as the JSONL reader refuses it.
    if (const std::string_view encoding = ingest::Utf16Encoding(bytes); !encoding.empty()) {
      bytes = ingest::Utf16ToUtf8(bytes, encoding, name);
      const std::size_t start = bytes.find_first_not_of(" \t\r\n");
      if (start != std::string::npos && bytes[start] == '{') throw Error(ingest::Utf16JsonlMessage(name));
    }
    const std::size_t first = bytes.find_first_not_of(" \t\r\n");
    std::string lower = base;
    for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    const bool jsonl = lower.ends_with(".jsonl") || lower.ends_with(".jsonl.gz") ||
                       (first != std::string::npos && bytes[first] == '{' && !ingest::LooksLikeHtml(bytes, base));
    if (jsonl) {
      std::istringstream in(std::move(bytes));
      add_jsonl(in, name);
    } else if (path == "-" && !ingest::LooksLikeHtml(bytes)) {
      add_stories({ingest::SplitArticles(bytes, name)}, {name});
    } else {
      Story story;
      story.id = base;
      story.docs.push_back(ingest::ArticleFromBytes(std::move(bytes), base, name));
      add_stories({story}, {name});
    }
  }
  return out;
}

}  // namespace precis
