// The page-chrome lexicon of one language (data/clean/<lang>.lexicon).
// Immutable after construction; safe to share between threads.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace precis::clean_internal {

class Lexicon {
 public:
  // Parses the lexicon format; `name` is used in error messages.
  static Lexicon Parse(std::string_view text, const std::string& name);
  // The built-in lexicon for `language` (English when there is none).
  static const Lexicon& BuiltIn(const std::string& language);
  // A lexicon file from disk; throws precis::Error naming it when unreadable.
  static Lexicon FromFile(const std::string& path);

  // Phrases of [chrome] found in `tokens` (lowercase words), in order.
  std::vector<std::string> ChromeHits(const std::vector<std::string>& tokens) const;
  // The [lead] phrase `tokens` start with, or "".
  std::string LeadPhrase(const std::vector<std::string>& tokens) const;
  bool IsCredit(const std::string& token) const { return credit_.count(token) > 0; }
  bool IsFunctionWord(const std::string& token) const { return function_.count(token) > 0; }
  bool IsDateWord(const std::string& token) const { return date_words_.count(token) > 0; }
  // 1..12 for a month name, else 0.
  int Month(const std::string& token) const {
    const auto it = months_.find(token);
    return it == months_.end() ? 0 : it->second;
  }

 private:
  using Phrases = std::unordered_map<std::string, std::vector<std::vector<std::string>>>;  // by first word
  static std::size_t MatchAt(const Phrases& phrases, const std::vector<std::string>& tokens, std::size_t at,
                             std::string* matched);
  Phrases chrome_, lead_;
  std::unordered_set<std::string> credit_, function_, date_words_;
  std::unordered_map<std::string, int> months_;
};

}  // namespace precis::clean_internal
