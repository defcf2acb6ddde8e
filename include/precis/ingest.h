// precis::ingest — reading articles and stories from files, directories,
// standard input and JSONL.
//
// Ingest reads; it does not judge. Articles come out as read: a text
// article's lines as they were (CRLF and lone CR turned into LF, a BOM
// dropped, NUL and other control characters turned into spaces, UTF-16 files
// converted to UTF-8), an HTML page as its markup in Document::html. Finding the title,
// extracting pages and removing junk is the clean stage's work (pipeline.h).
//
// Contract:
// - ReadInputBytes(): a file's bytes, gunzipped when they start with the gzip
//   magic; "-" reads standard input. Reading (and decompression) stops as
//   soon as the result would pass `max_bytes`: InputTooLarge, naming the
//   file and the limit, so a gzip bomb never fills memory.
// - ReadArticleFile(): one file (gzip too), one Document (id = file name).
//   HTML (LooksLikeHtml) goes to `html`, anything else to `text`, which must
//   be valid UTF-8. Throws Error "path: ..." when the file cannot be read, its
//   gzip data is broken or its text is not valid UTF-8 (naming the line).
// - ReadDirectoryStory(): the regular files of a directory (not recursive;
//   hidden files, README files and .json files, such as labels, skipped),
//   sorted by name, as one Story; `max_bytes` bounds all its files together.
// - SplitArticles(): text holding several articles separated by lines that
//   hold only "---" (the stdin format), or end in exactly "---" (a file
//   without a final newline before the separator); blank articles are
//   dropped.
// - ParseStoryJson(): one JSONL line in the benchmark format
//   {"id", "query", "docs": [{"id","title","date","source","url","text"|"html"}],
//   "refs"}. Each doc needs "text" or "html" (a non-empty "html" wins);
//   a doc may also be a bare string (its text). "query" (optional) is
//   normalised by NormalizeQuestion(). Throws Error "name:line: reason".
// - JsonlReader: streams a JSONL file one line at a time (memory bounded by
//   the line limit); blank lines are skipped, line numbers are kept. A line
//   over the limit is consumed and reported by LineTooLong, after which
//   reading can go on with the next line.
// - LooksLikeJsonl(): true when the first non-blank byte of a file is '{';
//   HoldsJsonl(): the rule every reader uses to tell a JSONL input.
// - ReadArticles(): inputs of any kind as articles, one at a time: the one
//   way in of every reader (precis summarize, precis cluster, the story
//   directories above).
// Errors always name the file (and line when known); nothing is printed.
#pragma once

#include <cstddef>
#include <filesystem>
#include <fstream>
#include <functional>
#include <istream>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "precis/document.h"
#include "precis/error.h"

namespace precis::ingest {

inline constexpr std::size_t kNoSizeLimit = static_cast<std::size_t>(-1);

// An input larger than the limit its reader was given; the message names
// the input and the limit (the CLI adds the flag that raises it).
class InputTooLarge : public Error {
 public:
  using Error::Error;
};

std::string ReadInputBytes(const std::string& path, std::size_t max_bytes = kNoSizeLimit);
// The same for the rest of a stream called `name` in messages; `head`: bytes
// already taken from it (to sniff its format), which come first.
std::string ReadStreamBytes(std::istream& in, const std::string& name, std::size_t max_bytes = kNoSizeLimit,
                            std::string head = {});

// "UTF-16LE" / "UTF-16BE" when `bytes` look like UTF-16 text: a byte order
// mark, or NUL bytes in most odd (LE) or even (BE) positions of the start,
// as ASCII-range text encoded in UTF-16 has. Empty otherwise.
std::string_view Utf16Encoding(std::string_view bytes);
// UTF-16 text in `encoding` converted to UTF-8 (a byte order mark is
// dropped, unpaired surrogates become U+FFFD). Throws Error naming `name`
// past 2 GiB, the most the converter takes.
std::string Utf16ToUtf8(std::string_view bytes, std::string_view encoding, const std::string& name);
// The message refusing JSONL in UTF-16 from `name` ("<stdin>" or a file).
std::string Utf16JsonlMessage(const std::string& name);

// True when `bytes` look like an HTML page: by the file name's extension
// (.html, .htm, .xhtml, .shtml, also before .gz; .txt, .md, .json and .jsonl
// say no) or, failing that, by content (a doctype, <html>, <head>, <body>,
// <meta> or <title> in the first kilobyte).
bool LooksLikeHtml(std::string_view bytes, std::string_view file_name = {});

// One article from its bytes, as ReadArticleFile() reads a file's: `id` is
// its file name (also used to tell HTML by extension), `where` names it in
// errors.
Document ArticleFromBytes(std::string bytes, const std::string& id, const std::string& where);

Document ReadArticleFile(const std::filesystem::path& path, std::size_t max_bytes = kNoSizeLimit);
Story ReadDirectoryStory(const std::filesystem::path& dir, std::size_t max_bytes = kNoSizeLimit);
// `name` is used in error messages (e.g. "<stdin>").
Story SplitArticles(std::string_view text, const std::string& name);
Story ParseStoryJson(std::string_view line, const std::string& name, std::size_t line_number);

// A question as the summarizer and the outputs take it: every run of
// whitespace and control characters (line ends included) becomes one space,
// and the ends are trimmed, so a question is one line and a blank one is
// empty (no question). `question` must be valid UTF-8.
std::string NormalizeQuestion(std::string_view question);

// "PATH: REASON" for a path that cannot be opened, as the system gives the
// reason ("no such file or directory", "permission denied", "too many levels
// of symbolic links"); `open_errno`, the errno of the failed open, is used
// when the path itself can be reached.
std::string PathProblem(const std::string& path, int open_errno = 0);

// Throws Error naming `name` and the line of the first invalid byte.
void CheckUtf8(std::string_view text, const std::string& name, std::size_t first_line = 1);

// Reading stops as at the end of the input once `stop` returns true, checked
// between blocks of 64 KiB: a program that turns signals into a flag
// (precis' commands do) passes a function reading it, so that reading an
// endless input (a device, a line that never ends) still ends at a signal;
// the caller then checks its flag. Process-wide, as signals are; nullptr
// (the default): never. `stop` must be safe to call from any thread.
// Returns the function set before (to restore it).
using ReadCancellation = bool (*)();
ReadCancellation SetReadCancellation(ReadCancellation stop);

// A JSONL line longer than the reader's limit (the line has been skipped).
class LineTooLong : public Error {
 public:
  using Error::Error;
};

class JsonlReader {
 public:
  static constexpr std::size_t kDefaultMaxLineBytes = std::size_t{1} << 30;  // 1 GiB

  // Reads from `in` (not owned), calling it `name` in messages.
  // `already_read`: bytes taken from `in` before (to sniff its format) that
  // come first.
  JsonlReader(std::istream& in, std::string name, std::string already_read = {});
  // Opens `path`; throws Error when it cannot.
  explicit JsonlReader(const std::filesystem::path& path);

  // The next non-blank line (without its LF or CRLF) and its 1-based number;
  // false at the end. Throws LineTooLong for a line over the limit (then
  // Next() may be called again) and Error on a read failure.
  bool Next(std::string* line, std::size_t* line_number);
  const std::string& name() const { return name_; }
  void set_max_line_bytes(std::size_t limit) { max_line_bytes_ = limit; }

 private:
  // Moves bytes up to the next LF (or the end) into `line`; false when the
  // input is exhausted. A line reaching max_line_bytes_ returns at once with
  // `*too_long` (the rest of it is dropped by the next call).
  bool ReadLine(std::string* line, bool* too_long);
  // The next block of input into buffer_; false at the end or when reading
  // was cancelled (SetReadCancellation).
  bool Fill();
  // Drops input up to and including the next LF; false at the end.
  bool SkipRestOfLine();

  std::unique_ptr<std::ifstream> owned_;
  std::istream* in_;
  std::string name_;
  std::size_t line_ = 0;
  std::size_t max_line_bytes_ = kDefaultMaxLineBytes;
  std::string buffer_;     // bytes read from in_ and not yet handed out
  std::size_t buffer_pos_ = 0;
  bool at_end_ = false;
  bool cancelled_ = false;     // reading stopped at SetReadCancellation's check
  bool in_long_line_ = false;  // a line over the limit was refused before its end
  bool encoding_checked_ = false;  // the first bytes were checked for UTF-16
};

bool LooksLikeJsonl(const std::filesystem::path& path);

// One input opened for streaming: the one way a reader opens a file or
// standard input ("-") to tell its format and read it on. Its bytes are
// gunzipped as they are read when they begin with the gzip magic (members
// in turn). head() holds its first block, and more while that is blank (at
// most `max_head_bytes`, else InputTooLarge), decompressed; rest() reads
// on after the head. Throws Error "path: ..." when the file cannot be
// opened; broken gzip data throws Error naming the input from rest()'s reads.
// Not copyable; `standard_input` is borrowed and must outlive it.
class InputStream {
 public:
  InputStream(const std::string& path, std::istream& standard_input, std::size_t max_head_bytes = kNoSizeLimit);
  // An input already open (borrowed, must outlive it), called `name` in
  // messages; `already_read`: its first bytes, taken from `in` before (to
  // sniff it), which come first.
  InputStream(std::istream& in, std::string name, std::size_t max_head_bytes = kNoSizeLimit,
              std::string already_read = {});
  ~InputStream();
  InputStream(const InputStream&) = delete;
  InputStream& operator=(const InputStream&) = delete;

  const std::string& name() const { return name_; }  // the path, or "<stdin>"
  bool gzip() const { return gunzip_ != nullptr; }
  const std::string& head() const { return head_; }
  std::string TakeHead() { return std::move(head_); }
  std::istream& rest() { return *rest_; }
  // The message of an input whose decompressed data passes `limit`.
  static std::string DecompressedTooLarge(const std::string& name, std::size_t limit);

 private:
  class Gunzip;
  void Open(std::istream& in, std::size_t max_head_bytes, std::string already_read);
  std::string name_;
  std::unique_ptr<std::ifstream> file_;
  std::unique_ptr<Gunzip> gunzip_;
  std::unique_ptr<std::istream> unzipped_;
  std::istream* rest_ = nullptr;
  std::string head_;
};

// Inputs that cannot be read together (a usage problem): a JSONL file of
// stories among other inputs of one story.
class InputMisuse : public Error {
 public:
  using Error::Error;
};

// --- a stream of articles ---------------------------------------------------

struct ArticleLimits {
  std::size_t max_article_bytes = kNoSizeLimit;  // per article file, or text on standard input
  // All the articles read together (one story): each input may use what
  // the ones before it left. Bytes count as read (once decompressed).
  std::size_t max_total_bytes = kNoSizeLimit;
  std::size_t max_line_bytes = JsonlReader::kDefaultMaxLineBytes;
};

// Receives ReadArticles()'s articles (with where they were read: a file,
// "<stdin>", or "file:line: ") and the problems that are an input's fault: a
// file that cannot be read, a bad JSONL line (LineTooLong when over the
// line limit), an article over a limit (InputTooLarge), an empty directory.
// Each names its input (and line); the caller names the flag that raises a
// limit. Returning false from either stops reading; so does throwing, which
// goes through to ReadArticles' caller (ThrowProblem).
struct ArticleSink {
  std::function<bool(Document doc, std::string where)> article;
  std::function<bool(const Error& problem)> problem;
  // Set: an input that holds JSONL (HoldsJsonl) is handed over here, opened
  // and unread, instead of being read as articles (precis summarize reads it
  // as a stream of stories, or refuses it among other inputs by throwing).
  std::function<bool(std::unique_ptr<InputStream> source)> jsonl;
};

// A problem handler that throws the problem (an InputTooLarge as one), so
// that reading stops at the first: for readers of one story.
[[noreturn]] bool ThrowProblem(const Error& problem);

// Reads `inputs` in order as articles, one at a time: the one way in of
// precis summarize (one story), precis cluster (a stream) and
// ReadDirectoryStory(). A directory gives one article per file
// (ArticleFilesOf); a JSONL file (HoldsJsonl) one article per line, or the
// articles of a line that holds a story ("docs"), unless sink.jsonl takes
// it; "-" reads `in` the same way (JSONL, else ReadSourceArticles: articles
// separated by lines "---", or one HTML page); any other file is one
// article. Gzip is inflated as it is read. Memory holds one article or one
// line at a time. Problems go to the sink (see ArticleSink); only
// what sink.jsonl throws, and InputMisuse, escape.
void ReadArticles(const std::vector<std::string>& inputs, std::istream& in, const ArticleLimits& limits,
                  const ArticleSink& sink);

// The articles of one input opened as `source` that holds no JSONL:
// standard input ("<stdin>") holds articles separated by "---" lines
// (SplitArticles) or one page; a file is one article, its id its file name
// (ArticleFromBytes). UTF-16 is converted, and UTF-16 JSONL refused
// (Utf16JsonlMessage). Reading stops past `max_bytes`: InputTooLarge naming
// the input (for gzip, its decompressed data). `bytes_read`: the bytes read.
std::vector<Document> ReadSourceArticles(InputStream& source, std::size_t max_bytes = kNoSizeLimit,
                                         std::size_t* bytes_read = nullptr);

// The article files of a directory, sorted by name: its regular files (not
// recursive) but hidden files, README files and .json files (labels,
// notes). Throws Error when the directory cannot be read.
std::vector<std::filesystem::path> ArticleFilesOf(const std::filesystem::path& dir);

// The id of the story read from `input`: "stdin" for "-", a directory's
// name ("dir/" too), a file's name without its extension.
std::string StoryIdOf(const std::string& input);

// The articles of one JSONL line: an article (an id-less one is numbered
// by its line), or every document of a story. Throws Error "name:line: ...".
std::vector<Document> ParseArticleLine(const std::string& line, const std::string& name, std::size_t number);

// Whether an input holds JSONL stories, from its first bytes `head` (at
// least up to its first non-blank byte) and its file name (empty for
// standard input): the name ends in .jsonl or .jsonl.gz (any case), or the
// first byte after blanks and a UTF-8 byte order mark is '{' and the name
// does not say HTML (.html, .htm, ...). The one rule of every reader
// (precis summarize, precis clean): page markup inside a JSON story does
// not make it a page. UTF-16 bytes are no JSONL here; readers convert them
// and refuse UTF-16 JSONL (Utf16JsonlMessage).
bool HoldsJsonl(std::string_view head, std::string_view file_name);

// Whether `text` holds running text: a line of eight words or more, at least
// half of them plain words (a letter, then lower-case letters and sentence
// punctuation), or a line of 40+ bytes of non-ASCII text. A password file, a
// log, a CSV table or source code does not; of the 2,610 documents of the
// shared benchmark sets, cleaned, two do not (both page junk).
bool LooksLikeProse(std::string_view text);

}  // namespace precis::ingest
