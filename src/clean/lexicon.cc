#include "clean/lexicon.h"

#include <algorithm>
#include <charconv>
#include <fstream>
#include <map>
#include <memory>
#include <mutex>
#include <sstream>

#include "precis/error.h"

namespace precis::embedded {
extern const unsigned char clean_lexicon_en[];
extern const std::size_t clean_lexicon_en_size;
}  // namespace precis::embedded

namespace precis::clean_internal {
namespace {

std::vector<std::string> Words(std::string_view line) {
  std::vector<std::string> words;
  std::string current;
  for (const char c : line) {
    if (c == ' ' || c == '\t' || c == '\r') {
      if (!current.empty()) words.push_back(std::move(current));
      current.clear();
    } else {
      current.push_back(c);
    }
  }
  if (!current.empty()) words.push_back(std::move(current));
  return words;
}

}  // namespace

Lexicon Lexicon::Parse(std::string_view text, const std::string& name) {
  Lexicon lexicon;
  std::string section;
  std::size_t line_number = 0;
  while (!text.empty()) {
    const std::size_t end = text.find('\n');
    std::string_view line = text.substr(0, end);
    text = end == std::string_view::npos ? std::string_view() : text.substr(end + 1);
    ++line_number;
    if (const std::size_t hash = line.find('#'); hash != std::string_view::npos) line = line.substr(0, hash);
    std::vector<std::string> words = Words(line);
    if (words.empty()) continue;
    if (words.size() == 1 && words[0].size() > 2 && words[0].front() == '[' && words[0].back() == ']') {
      section = words[0].substr(1, words[0].size() - 2);
      continue;
    }
    if (section == "chrome" || section == "lead") {
      auto& phrases = section == "chrome" ? lexicon.chrome_ : lexicon.lead_;
      phrases[words[0]].push_back(words);
    } else if (section == "credit") {
      lexicon.Add(words[0]).credit = true;
    } else if (section == "function") {
      lexicon.Add(words[0]).function = true;
    } else if (section == "dateword") {
      lexicon.Add(words[0]).date_word = true;
    } else if (section == "month") {
      int month = 0;
      if (words.size() != 2 ||
          std::from_chars(words[1].data(), words[1].data() + words[1].size(), month).ec != std::errc() ||
          month < 1 || month > 12) {
        throw Error(WhereMessage(name, line_number, "expected \"<month name> <1-12>\""));
      }
      lexicon.Add(words[0]).month = month;
    } else {
      throw Error(WhereMessage(name, line_number, "entry outside a known [section]"));
    }
  }
  // Longest phrases first, so "see also" wins over "see".
  for (auto* phrases : {&lexicon.chrome_, &lexicon.lead_}) {
    for (auto& [first, list] : *phrases) {
      std::stable_sort(list.begin(), list.end(), [](const auto& a, const auto& b) { return a.size() > b.size(); });
    }
  }
  for (auto& [first, list] : lexicon.chrome_) lexicon.Add(first).chrome = &list;
  for (auto& [first, list] : lexicon.lead_) lexicon.Add(first).lead = &list;
  return lexicon;
}

Lexicon::WordInfo& Lexicon::Add(const std::string& word) {
  bool inserted = false;
  const std::uint32_t id = ids_.Insert(word, &inserted);
  if (inserted) info_.emplace_back();
  return info_[id];
}

const Lexicon& Lexicon::BuiltIn(const std::string& language) {
  // Only English is built in so far; other languages add a data file and a line here.
  (void)language;
  static const Lexicon english = Parse(
      std::string_view(reinterpret_cast<const char*>(embedded::clean_lexicon_en), embedded::clean_lexicon_en_size),
      "data/clean/en.lexicon");
  return english;
}

Lexicon Lexicon::FromFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error(WhereMessage(path, 0, "cannot read lexicon file"));
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return Parse(buffer.str(), path);
}

std::size_t Lexicon::MatchAt(const Phrases* phrases, const WordList& tokens, std::size_t at,
                             std::string* matched) {
  if (phrases == nullptr) return 0;
  for (const auto& phrase : *phrases) {
    if (at + phrase.size() > tokens.size()) continue;
    bool same = true;
    for (std::size_t k = 1; k < phrase.size() && same; ++k) same = tokens[at + k] == phrase[k];
    if (!same) continue;
    if (matched != nullptr) {
      matched->clear();
      for (std::size_t k = 0; k < phrase.size(); ++k) {
        if (k > 0) matched->push_back(' ');
        matched->append(phrase[k]);
      }
    }
    return phrase.size();
  }
  return 0;
}

std::size_t Lexicon::ScanLine(const WordList& tokens, std::vector<std::string>* chrome_hits) const {
  std::size_t function_words = 0;
  std::size_t covered_until = 0;  // tokens before this belong to a phrase found
  std::string matched;
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    const WordInfo& info = Info(tokens[i]);
    function_words += info.function ? 1 : 0;
    if (i < covered_until) continue;
    const std::size_t length = MatchAt(info.chrome, tokens, i, &matched);
    if (length == 0) continue;
    chrome_hits->push_back(matched);
    covered_until = i + length;
  }
  return function_words;
}

std::size_t Lexicon::FunctionWords(const WordList& tokens) const {
  std::size_t function_words = 0;
  for (std::size_t i = 0; i < tokens.size(); ++i) function_words += Info(tokens[i]).function ? 1 : 0;
  return function_words;
}

std::string Lexicon::LeadPhrase(const WordList& tokens) const {
  std::string matched;
  if (tokens.empty() || MatchAt(Info(tokens[0]).lead, tokens, 0, &matched) == 0) return {};
  return matched;
}

}  // namespace precis::clean_internal
