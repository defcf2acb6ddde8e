// Small UTF-8 helpers shared by cleaning and HTML extraction.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace precis::clean_internal {

// Words of `text`: maximal runs of letters and digits (Unicode), lowercased.
std::vector<std::string> LowerWords(std::string_view text);

// The words joined by single spaces: equal keys mean "the same line" up to
// case, punctuation, dashes and spacing ("A - B" == "A – B").
std::string Key(std::string_view text);
// The same from the words LowerWords() gave.
std::string KeyOfWords(const std::vector<std::string>& words);

// Trims ASCII whitespace, no-break and zero-width spaces, and a BOM.
std::string_view TrimSpace(std::string_view text);

bool IsValidUtf8(std::string_view text);

// `text` with every invalid UTF-8 sequence replaced by U+FFFD.
std::string ValidUtf8(std::string_view text);

// Collapses runs of whitespace (including no-break spaces) to one space and trims.
std::string CollapseSpace(std::string_view text);

}  // namespace precis::clean_internal
