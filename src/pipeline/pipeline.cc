#include "precis/pipeline.h"

#include <zlib.h>

#include <cerrno>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <streambuf>
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


// The first block of an input (to tell its format), and more while it is
// blank: up to `max_bytes`.
std::string ReadHead(std::istream& in, const std::string& name, std::size_t max_bytes) {
  std::string head;
  char block[1 << 16];
  for (;;) {
    in.read(block, sizeof block);
    if (in.bad()) throw Error(name + ": read error");
    head.append(block, static_cast<std::size_t>(in.gcount()));
    if (!in || head.find_first_not_of(" \t\r\n") != std::string::npos) return head;
    if (head.size() > max_bytes) {
      throw ingest::InputTooLarge(name + ": larger than the limit of " + std::to_string(max_bytes) + " bytes");
    }
  }
}

bool IsGzip(std::string_view head) {
  return head.size() >= 2 && static_cast<unsigned char>(head[0]) == 0x1f && static_cast<unsigned char>(head[1]) == 0x8b;
}

// The decompressed bytes of gzip data (concatenated members in turn),
// inflated as they are asked for: JSONL in gzip is streamed like plain
// JSONL, and a page or article stops at the reader's limit as it is
// inflated. Broken or truncated data throws Error naming the input.
class GunzipBuffer : public std::streambuf {
 public:
  GunzipBuffer(std::istream& in, std::string head, std::string name)
      : in_(in), name_(std::move(name)), input_(std::move(head)) {
    // 16 + MAX_WBITS: gzip framing.
    if (inflateInit2(&stream_, 16 + MAX_WBITS) != Z_OK) throw Error(name_ + ": cannot start the gzip decoder");
    Give();
  }
  ~GunzipBuffer() override { inflateEnd(&stream_); }
  GunzipBuffer(const GunzipBuffer&) = delete;
  GunzipBuffer& operator=(const GunzipBuffer&) = delete;

 protected:
  int_type underflow() override {
    while (gptr() == egptr() && !finished_) Inflate();
    return gptr() == egptr() ? traits_type::eof() : traits_type::to_int_type(*gptr());
  }

 private:
  void Give() {
    stream_.next_in = reinterpret_cast<Bytef*>(input_.data());
    stream_.avail_in = static_cast<uInt>(input_.size());
  }
  // More compressed input once the decoder has taken all it had.
  void Refill() {
    if (stream_.avail_in != 0 || input_done_) return;
    input_.resize(1 << 16);
    in_.read(input_.data(), static_cast<std::streamsize>(input_.size()));
    if (in_.bad()) throw Error(name_ + ": read error");
    input_.resize(static_cast<std::size_t>(in_.gcount()));
    input_done_ = input_.empty();
    Give();
  }
  void Inflate() {
    Refill();
    stream_.next_out = reinterpret_cast<Bytef*>(out_);
    stream_.avail_out = sizeof out_;
    const int status = inflate(&stream_, Z_NO_FLUSH);
    setg(out_, out_, out_ + (sizeof out_ - stream_.avail_out));
    if (status == Z_STREAM_END) {
      Refill();
      if (stream_.avail_in == 0) {
        finished_ = true;
      } else {
        earlier_members_ += stream_.total_in;  // inflateReset zeroes it
        inflateReset(&stream_);
      }
    } else if (status != Z_OK) {
      // Z_BUF_ERROR here: the input ended mid-stream.
      throw Error(name_ + ": broken or truncated gzip data (at byte " +
                  std::to_string(earlier_members_ + stream_.total_in) + " of the compressed data)");
    }
  }

  std::istream& in_;
  std::string name_;
  std::string input_;  // compressed bytes given to the decoder
  bool input_done_ = false;
  bool finished_ = false;
  z_stream stream_{};
  std::size_t earlier_members_ = 0;
  char out_[1 << 16];
};

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

// One input that is not a directory, from its first bytes `head` on.
void ReadStream(std::istream& in, std::string head, const std::string& path, const CleanOptions& options, bool clean,
                const ReadOptions& read, const CleanedInputSink& emit) {
  const std::string name = path == "-" ? "<stdin>" : path;
  const std::string base = path == "-" ? "stdin" : fs::path(path).filename().string();
  const bool utf16 = !ingest::Utf16Encoding(head).empty();
  const bool jsonl = !utf16 && ingest::HoldsJsonl(head, path == "-" ? "" : base);
  if (jsonl) {
    ReadJsonl(in, std::move(head), name, options, clean, read, emit);
    return;
  }
  std::string bytes = ingest::ReadStreamBytes(in, name, read.max_input_bytes, std::move(head));
  // UTF-16 text and pages (standard input too) are converted as ingest
  // converts files; JSONL in UTF-16 is refused as the JSONL reader refuses it.
  if (const std::string_view encoding = ingest::Utf16Encoding(bytes); !encoding.empty()) {
    bytes = ingest::Utf16ToUtf8(bytes, encoding, name);
    const std::size_t start = bytes.find_first_not_of(" \t\r\n");
    if (start != std::string::npos && bytes[start] == '{') throw Error(ingest::Utf16JsonlMessage(name));
  }
  Story story;
  if (path == "-" && !ingest::LooksLikeHtml(bytes)) {
    story = ingest::SplitArticles(bytes, name);
  } else {
    story.id = base;
    story.docs.push_back(ingest::ArticleFromBytes(std::move(bytes), base, name));
  }
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
    const std::string name = path == "-" ? "<stdin>" : path;
    std::ifstream file;
    if (path != "-") {
      errno = 0;
      file.open(path, std::ios::binary);
      if (!file) throw Error(ingest::PathProblem(path, errno));
    }
    std::istream& in = path == "-" ? std::cin : file;
    std::string head = ReadHead(in, name, read.max_input_bytes);
    if (IsGzip(head)) {
      GunzipBuffer inflated(in, std::move(head), name);
      std::istream unzipped(&inflated);
      // Broken gzip data throws from the buffer: let the Error through.
      unzipped.exceptions(std::ios::badbit);
      try {
        ReadStream(unzipped, ReadHead(unzipped, name, read.max_input_bytes), path, options, clean, read, emit);
      } catch (const ingest::InputTooLarge&) {
        throw ingest::InputTooLarge(name + ": the decompressed data passes the limit of " +
                                    std::to_string(read.max_input_bytes) + " bytes; decompression stopped there");
      }
    } else {
      ReadStream(in, std::move(head), path, options, clean, read, emit);
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
