#include "precis/pipeline.h"

#include <filesystem>
#include <iostream>
#include <string_view>

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


// A JSONL input, one story (line) at a time: each is cleaned on its own, as
// `precis summarize` cleans it, and handed on before the next is read.
void ReadJsonl(std::istream& in, std::string head, const std::string& name, const CleanOptions& options, bool clean,
               const ReadOptions& read, const CleanedInputSink& emit) {
  ingest::JsonlReader reader(in, name, std::move(head));
  reader.set_max_line_bytes(read.max_line_bytes);
  std::string line;
  std::size_t number = 0;
  for (;;) {
    try {
      if (!reader.Next(&line, &number)) return;
    } catch (const ingest::LineTooLong& e) {
      if (!read.on_bad_story) throw;
      read.on_bad_story(e);
      continue;
    }  // a read error ends the input: it is thrown
    Story story;
    try {
      story = ingest::ParseStoryJson(line, name, number);
    } catch (const Error& e) {
      if (!read.on_bad_story) throw;
      read.on_bad_story(e);
      continue;
    }
    if (line.capacity() > (std::size_t{1} << 20)) {  // a long line is not kept past its story
      line.clear();
      line.shrink_to_fit();
    }
    std::string input_name = name + ":" + std::to_string(number) + (story.id.empty() ? "" : " (" + story.id + ")");
    emit({std::move(input_name), CleanStoryInput(story, options, clean)});
  }
}

// One input that is not a directory, opened and its head read.
void ReadStream(ingest::InputStream& input, const std::string& path, const CleanOptions& options, bool clean,
                const ReadOptions& read, const CleanedInputSink& emit) {
  const std::string& name = input.name();
  if (ingest::HoldsJsonl(input.head(), path == "-" ? "" : fs::path(path).filename().string())) {
    ReadJsonl(input.rest(), input.TakeHead(), name, options, clean, read, emit);
    return;
  }
  Story story;
  story.id = ingest::StoryIdOf(path);
  story.docs = ingest::ReadSourceArticles(input, read.max_input_bytes);
  emit({name, CleanStoryInput(story, options, clean)});
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

void ReadAndCleanEach(const std::vector<std::string>& paths, const CleanOptions& options, bool clean,
                      const ReadOptions& read, const CleanedInputSink& emit) {
  for (const std::string& path : paths) {
    std::error_code ec;
    if (path != "-" && fs::is_directory(path, ec)) {
      const Story story = ingest::ReadDirectoryStory(path, read.max_input_bytes);
      emit({path, CleanStoryInput(story, options, clean)});
      continue;
    }
    ingest::InputStream input(path, std::cin, read.max_input_bytes);
    try {
      ReadStream(input, path, options, clean, read, emit);
    } catch (const ingest::InputTooLarge&) {
      if (!input.gzip()) throw;
      throw ingest::InputTooLarge(ingest::InputStream::DecompressedTooLarge(input.name(), read.max_input_bytes));
    }
  }
}

std::vector<CleanedInput> ReadAndClean(const std::vector<std::string>& paths, const CleanOptions& options,
                                       bool clean, const ReadOptions& read) {
  std::vector<CleanedInput> out;
  ReadAndCleanEach(paths, options, clean, read, [&](CleanedInput&& input) { out.push_back(std::move(input)); });
  return out;
}

}  // namespace precis
