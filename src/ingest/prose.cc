#include <string_view>

#include "precis/ingest.h"

namespace precis::ingest {
namespace {

bool IsAsciiLetter(unsigned char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

// A word of running text: a letter (any non-ASCII byte counts as one), then
// lower-case letters and sentence punctuation; "root:x:0:0", "/bin/bash",
// "0x1f" and "CamelCaseIdentifier" are not.
bool IsProseWord(std::string_view word) {
  const auto first = static_cast<unsigned char>(word.front());
  if (!IsAsciiLetter(first) && first < 0x80) return false;
  for (std::size_t i = 1; i < word.size(); ++i) {
    const auto c = static_cast<unsigned char>(word[i]);
    if ((c >= 'a' && c <= 'z') || c >= 0x80) continue;
    if (std::string_view("'.,;:!?\")-").find(static_cast<char>(c)) != std::string_view::npos) continue;
    return false;
  }
  return true;
}

// A line of eight words or more, at least half of them words of running text;
// or, for scripts written without spaces, 40 bytes or more of non-ASCII text.
bool IsProseLine(std::string_view line) {
  std::size_t words = 0, prose = 0, non_ascii = 0;
  std::size_t i = 0;
  while (i < line.size()) {
    while (i < line.size() && (line[i] == ' ' || line[i] == '\t')) ++i;
    const std::size_t start = i;
    while (i < line.size() && line[i] != ' ' && line[i] != '\t') {
      if (static_cast<unsigned char>(line[i]) >= 0x80) ++non_ascii;
      ++i;
    }
    if (i == start) break;
    ++words;
    if (IsProseWord(line.substr(start, i - start))) ++prose;
  }
  return (words >= 8 && 2 * prose >= words) || non_ascii >= 40;
}

}  // namespace

bool LooksLikeProse(std::string_view text) {
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    if (IsProseLine(text.substr(start, end - start))) return true;
    start = end + 1;
  }
  return false;
}

}  // namespace precis::ingest
