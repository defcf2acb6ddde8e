// The page-chrome lexicon of one language (data/clean/<lang>.lexicon).
// Immutable after construction; safe to share between threads.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "clean/text_util.h"
#include "common/dense_ids.h"

namespace precis::clean_internal {

class Lexicon {
 public:
  // Parses the lexicon format; `name` is used in error messages.
  static Lexicon Parse(std::string_view text, const std::string& name);
  // The built-in lexicon for `language` (English when there is none).
  static const Lexicon& BuiltIn(const std::string& language);
  // Movable, not copyable: word entries point into the phrase maps.
  Lexicon(Lexicon&&) = default;
  Lexicon& operator=(Lexicon&&) = default;
  Lexicon(const Lexicon&) = delete;
  Lexicon& operator=(const Lexicon&) = delete;
  // A lexicon file from disk; throws precis::Error naming it when unreadable.
  static Lexicon FromFile(const std::string& path);

  // Appends the phrases of [chrome] found in `tokens` (lowercase words), in
  // order, to *chrome_hits; returns how many tokens are function words. One
  // lookup per token answers both.
  std::size_t ScanLine(const WordList& tokens, std::vector<std::string>* chrome_hits) const;
  // How many of `tokens` are function words (ScanLine's count alone).
  std::size_t FunctionWords(const WordList& tokens) const;
  // The [lead] phrase `tokens` start with, or "".
  std::string LeadPhrase(const WordList& tokens) const;
  bool IsCredit(std::string_view token) const { return Info(token).credit; }
  bool IsFunctionWord(std::string_view token) const { return Info(token).function; }
  bool IsDateWord(std::string_view token) const { return Info(token).date_word; }
  // 1..12 for a month name, else 0.
  int Month(std::string_view token) const { return Info(token).month; }

 private:
  Lexicon() = default;
  using Phrase = std::vector<std::string>;
  using Phrases = std::vector<Phrase>;  // longest first
  // All the lexicon knows of one word, found with one probe: the clean
  // stage asks about every word of every line.
  struct WordInfo {
    bool credit = false;
    bool function = false;
    bool date_word = false;
    int month = 0;
    const Phrases* chrome = nullptr;  // the phrases it starts, into chrome_
    const Phrases* lead = nullptr;    // into lead_
  };
  const WordInfo& Info(std::string_view word) const {
    static const WordInfo kNone;
    const std::int64_t id = ids_.Find(word);
    return id < 0 ? kNone : info_[static_cast<std::size_t>(id)];
  }
  WordInfo& Add(const std::string& word);
  static std::size_t MatchAt(const Phrases* phrases, const WordList& tokens, std::size_t at,
                             std::string* matched);
  // Phrases by first word. Node-based maps: WordInfo points at their values,
  // which stay put when the lexicon is moved.
  std::unordered_map<std::string, Phrases> chrome_, lead_;
  internal::DenseStringIds ids_;
  std::vector<WordInfo> info_;
};

}  // namespace precis::clean_internal
