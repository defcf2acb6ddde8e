// precis::text — sentences, tokens, stems and stopwords of English news text.
//
// Contract:
// - SplitSentences() cuts UTF-8 text into sentences with ICU's sentence break
//   iterator (locale "en@ss=standard", which suppresses breaks after common
//   abbreviations such as "Mr.") and precis' own rules on top: dotted
//   initialisms ("U.S.", "U.N.", "a.m."), months and titles before numbers or
//   names, "?"/"!" followed by a lower-case word, missing spaces after a full
//   stop in machine-translated text ("said.The"), bullets and datelines.
//   Every line break ends a sentence (news headlines carry no full stop).
//   Each sentence is returned with its whitespace collapsed to single spaces,
//   leading bullets removed; its byte range in the input is kept.
// - Analyzer::Tokens() gives lower-cased word tokens (letters and digits,
//   inner apostrophes/hyphens split), with their Snowball English stems and
//   a stopword flag from the built-in list (data/text/stopwords-en.txt).
// - Invalid UTF-8 never crashes: bytes are passed through (see ingest.h for
//   validation with error messages).
// Thread safety: a SentenceSplitter or Analyzer is not thread-safe (ICU break
// iterators and Snowball stemmers keep state); make one per thread. They are
// cheap to create (a few microseconds) and meant to be reused across stories.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace precis::text {

struct Sentence {
  std::string text;          // whitespace collapsed, bullet/dateline removed
  std::size_t words = 0;     // CountWords(text)
  std::size_t begin = 0;     // byte range of the sentence in the input
  std::size_t end = 0;
  bool paragraph_start = false;  // first sentence of its line
};

class SentenceSplitter {
 public:
  SentenceSplitter();
  ~SentenceSplitter();
  SentenceSplitter(SentenceSplitter&&) noexcept;
  SentenceSplitter& operator=(SentenceSplitter&&) noexcept;

  // Appends the sentences of `text` to `out`. Empty sentences are dropped.
  // A sentence longer than `max_bytes` (0: no limit) is cut into pieces of at
  // most `max_bytes`, at spaces (at a character boundary where a stretch has
  // none); only its first piece is a paragraph start. Returns how many
  // sentences were cut.
  std::size_t Split(std::string_view text, std::vector<Sentence>* out, std::size_t max_bytes = 0);
  std::vector<Sentence> Split(std::string_view text) {
    std::vector<Sentence> out;
    Split(text, &out);
    return out;
  }

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

struct Token {
  std::string_view surface;  // view into the analysed text
  // Snowball English stem of the lower-cased token: a view into the
  // analyzer's cache, valid until its next Tokens() or Stem() call.
  std::string_view stem;
  // The stem's number in the analyzer: equal stems get equal numbers, below
  // Analyzer::stem_count(). Valid, like `stem`, until the analyzer drops its
  // cache (see Analyzer::cache_resets()).
  std::uint32_t stem_id = 0;
  bool stopword = false;
  bool numeric = false;      // only digits (and . , inside)
};

class Analyzer {
 public:
  Analyzer();
  ~Analyzer();
  Analyzer(Analyzer&&) noexcept;
  Analyzer& operator=(Analyzer&&) noexcept;

  // The word tokens of `text`, in order. Views point into `text`.
  void Tokens(std::string_view text, std::vector<Token>* out);
  std::vector<Token> Tokens(std::string_view text) {
    std::vector<Token> out;
    Tokens(text, &out);
    return out;
  }
  // The stem of one lower-case word (cached); valid, like Token::stem,
  // until the next Tokens() or Stem() call.
  std::string_view Stem(std::string_view lower_word);
  bool IsStopword(std::string_view lower_word) const;
  // How many distinct stems the cache numbers (stem ids are below this).
  std::size_t stem_count() const;
  // How many times the cache was dropped to bound its memory; stem views
  // and stem ids handed out before a drop are invalid after it. A drop only
  // happens at the start of Tokens() or Stem().
  std::size_t cache_resets() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// Number of whitespace-separated fields, as ROUGE-1.5.5 counts words for -l.
std::size_t CountWords(std::string_view text);

// True when `text` is valid UTF-8. On failure *bad_offset is the offset of
// the first bad byte.
bool IsValidUtf8(std::string_view text, std::size_t* bad_offset = nullptr);

}  // namespace precis::text
