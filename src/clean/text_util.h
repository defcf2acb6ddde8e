// Small UTF-8 helpers shared by cleaning and HTML extraction.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace precis::clean_internal {

// Words of a text: maximal runs of letters and digits (Unicode), lowercased.
// They are kept end to end in their key, with the offset of each: the clean
// stage splits every line into words, and a string per word cost an
// allocation or a 32-byte copy each. Offsets rather than views, so that a
// moved WordList (its key perhaps in the small-string buffer) stays valid.
class WordList {
 public:
  WordList() = default;
  explicit WordList(std::string_view text);

  std::size_t size() const { return starts_.size(); }
  bool empty() const { return starts_.empty(); }
  std::string_view operator[](std::size_t i) const {
    const std::size_t end = i + 1 < starts_.size() ? starts_[i + 1] - 1 : key_.size();
    return std::string_view(key_).substr(starts_[i], end - starts_[i]);
  }
  // The words joined by single spaces: equal keys mean "the same line" up to
  // case, punctuation, dashes and spacing ("A - B" == "A – B").
  const std::string& key() const { return key_; }

 private:
  std::string key_;
  std::vector<std::size_t> starts_;  // per word: its offset in key_
};

// WordList(text).key().
std::string Key(std::string_view text);

// Trims ASCII whitespace, no-break and zero-width spaces, and a BOM.
std::string_view TrimSpace(std::string_view text);

bool IsValidUtf8(std::string_view text);

// `text` with every invalid UTF-8 sequence replaced by U+FFFD.
std::string ValidUtf8(std::string_view text);

// Collapses runs of whitespace (including no-break spaces) to one space and trims.
std::string CollapseSpace(std::string_view text);
// `text` without the typesetting codes of news-service wire copy ("&QL;",
// "&UR;", "&HT;": two capitals between '&' and ';', which no HTML entity is
// but "&GT;" and "&LT;"); each code becomes a space. As given when there is
// none.
std::string StripWireCodes(std::string_view text);

}  // namespace precis::clean_internal
