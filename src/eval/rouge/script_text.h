// How ROUGE-1.5.5.pl turns summary units into tokens, byte for byte.
//
// The script works on bytes: it lowercases ASCII only, applies the -l/-b cut
// to the raw lines (counting Perl's split(/\s+/) fields, or bytes), then keeps
// runs of [a-z0-9] as tokens; every other byte separates tokens ("café" ->
// "caf"). It cuts twice, differently: once for the joined text that n-gram
// and skip-bigram counts use (readText) and once per unit for LCS
// (readText_LCS, whose byte cut never accumulates: a script quirk kept here).
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace precis::rouge::detail {

// Perl's \s without Unicode rules: space, \t, \n, \r, \f, \v.
bool IsPerlSpace(char c);

// The fields of Perl's split(/\s+/, s): a leading empty field when s starts
// with whitespace, trailing empty fields dropped.
std::vector<std::string_view> PerlSplitWhitespace(std::string_view s);

struct LengthLimit {
  long words = 0;  // -l
  long bytes = 0;  // -b
};

// readText: the units joined by one space, cut to the limit.
std::string CutJoined(const std::vector<std::string>& units, LengthLimit limit);

// readText_LCS: the units, cut to the limit.
std::vector<std::string> CutUnits(const std::vector<std::string>& units, LengthLimit limit);

// Calls f(std::string_view token) for each run of [A-Za-z0-9] in `text`,
// lowercased (the tokens the script's tr/A-Z/a-z/ and substitutions leave;
// "-" tokens are dropped by the script before counting, so they are not
// produced here). Cutting before lowercasing is safe: tr keeps every length.
template <typename F>
void ForEachScriptToken(std::string_view text, F&& f) {
  auto word_byte = [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); };
  std::string lowered;
  std::size_t i = 0;
  const std::size_t n = text.size();
  while (i < n) {
    while (i < n && !word_byte(text[i])) ++i;
    const std::size_t start = i;
    bool has_upper = false;
    while (i < n && word_byte(text[i])) has_upper |= (text[i++] <= 'Z' && text[i - 1] >= 'A');
    if (i == start) continue;
    const std::string_view token = text.substr(start, i - start);
    if (!has_upper) {
      f(token);
      continue;
    }
    lowered.assign(token);
    for (char& c : lowered) {
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
    f(std::string_view(lowered));
  }
}

}  // namespace precis::rouge::detail
