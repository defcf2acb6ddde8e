#include "eval/rouge/porter_stemmer.h"

#include <array>
#include <utility>

namespace precis::rouge::detail {
namespace {

// The script builds its tests from two character classes:
//   C = [^aeiou][^aeiouy]*   (a consonant run; its first letter may be 'y')
//   V = [aeiouy][aeiou]*     (a vowel run; its first letter may be 'y')
//   v = [aeiouy]             (one vowel)
// and matches them with Perl's backtracking regex engine. Patterns here are
// sequences of such atoms, matched with the same existential semantics.
bool IsVowelClass(char c) { return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u'; }
bool InC1(char c) { return !IsVowelClass(c); }                 // [^aeiou]
bool InCRest(char c) { return !IsVowelClass(c) && c != 'y'; }  // [^aeiouy]
bool InV1(char c) { return IsVowelClass(c) || c == 'y'; }      // [aeiouy]
bool InVRest(char c) { return IsVowelClass(c); }               // [aeiou]

enum class Atom { kConsonants, kVowels, kOptConsonants, kOptVowels, kOneVowel, kCvcTail };

// Can `atoms` match s[pos..] (to the end of s when `anchored_end`)?
bool MatchFrom(std::string_view s, std::size_t pos, const Atom* atoms, std::size_t count,
               bool anchored_end) {
  if (count == 0) return !anchored_end || pos == s.size();
  const Atom atom = atoms[0];
  auto run = [&](bool (*first)(char), bool (*rest)(char), bool optional) {
    if (optional && MatchFrom(s, pos, atoms + 1, count - 1, anchored_end)) return true;
    if (pos >= s.size() || !first(s[pos])) return false;
    std::size_t end = pos + 1;
    while (end < s.size() && rest(s[end])) ++end;
    // Greedy first, then shorter runs, as a backtracking engine would try.
    for (std::size_t stop = end; stop > pos; --stop) {
      if (MatchFrom(s, stop, atoms + 1, count - 1, anchored_end)) return true;
    }
    return false;
  };
  switch (atom) {
    case Atom::kConsonants: return run(InC1, InCRest, false);
    case Atom::kVowels: return run(InV1, InVRest, false);
    case Atom::kOptConsonants: return run(InC1, InCRest, true);
    case Atom::kOptVowels: return run(InV1, InVRest, true);
    case Atom::kOneVowel:
      return pos < s.size() && InV1(s[pos]) && MatchFrom(s, pos + 1, atoms + 1, count - 1, anchored_end);
    case Atom::kCvcTail: {  // [^aeiouwxy]
      if (pos >= s.size()) return false;
      const char c = s[pos];
      const bool ok = !IsVowelClass(c) && c != 'w' && c != 'x' && c != 'y';
      return ok && MatchFrom(s, pos + 1, atoms + 1, count - 1, anchored_end);
    }
  }
  return false;
}

template <std::size_t N>
bool Matches(std::string_view s, const std::array<Atom, N>& atoms, bool anchored_end) {
  return MatchFrom(s, 0, atoms.data(), N, anchored_end);
}

// $mgr0 = ^(C)?VC          measure > 0
bool MeasureAbove0(std::string_view s) {
  static constexpr std::array kAtoms{Atom::kOptConsonants, Atom::kVowels, Atom::kConsonants};
  return Matches(s, kAtoms, false);
}
// $mgr1 = ^(C)?VCVC        measure > 1
bool MeasureAbove1(std::string_view s) {
  static constexpr std::array kAtoms{Atom::kOptConsonants, Atom::kVowels, Atom::kConsonants,
                                     Atom::kVowels, Atom::kConsonants};
  return Matches(s, kAtoms, false);
}
// $meq1 = ^(C)?VC(V)?$     measure == 1
bool MeasureIs1(std::string_view s) {
  static constexpr std::array kAtoms{Atom::kOptConsonants, Atom::kVowels, Atom::kConsonants,
                                     Atom::kOptVowels};
  return Matches(s, kAtoms, true);
}
// $_v = ^(C)?v             contains a vowel
bool HasVowel(std::string_view s) {
  static constexpr std::array kAtoms{Atom::kOptConsonants, Atom::kOneVowel};
  return Matches(s, kAtoms, false);
}
// ^C v [^aeiouwxy]$        consonant-vowel-consonant word
bool IsCvc(std::string_view s) {
  static constexpr std::array kAtoms{Atom::kConsonants, Atom::kOneVowel, Atom::kCvcTail};
  return Matches(s, kAtoms, true);
}

bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

using SuffixRule = std::pair<std::string_view, std::string_view>;

constexpr SuffixRule kStep2[] = {
    {"ational", "ate"}, {"tional", "tion"}, {"enci", "ence"},  {"anci", "ance"},    {"izer", "ize"},
    {"bli", "ble"},     {"alli", "al"},     {"entli", "ent"},  {"eli", "e"},        {"ousli", "ous"},
    {"ization", "ize"}, {"ation", "ate"},   {"ator", "ate"},   {"alism", "al"},     {"iveness", "ive"},
    {"fulness", "ful"}, {"ousness", "ous"}, {"aliti", "al"},   {"iviti", "ive"},    {"biliti", "ble"},
    {"logi", "log"}};
constexpr SuffixRule kStep3[] = {{"icate", "ic"}, {"ative", ""}, {"alize", "al"}, {"iciti", "ic"},
                                 {"ical", "ic"},  {"ful", ""},   {"ness", ""}};
constexpr SuffixRule kStep4[] = {{"al", ""},  {"ance", ""}, {"ence", ""}, {"er", ""},  {"ic", ""},   {"able", ""},
                                 {"ible", ""}, {"ant", ""},  {"ement", ""}, {"ou", ""}, {"ism", ""},  {"ate", ""},
                                 {"iti", ""},  {"ous", ""},  {"ive", ""},  {"ize", ""}};

// An alternation anchored at the end matches at its leftmost start, i.e. the
// longest listed suffix that the word ends with.
template <std::size_t N>
const SuffixRule* LongestSuffix(std::string_view w, const SuffixRule (&rules)[N]) {
  const SuffixRule* best = nullptr;
  for (const SuffixRule& rule : rules) {
    if (w.empty() || rule.first.back() != w.back()) continue;  // cheap first test
    if (EndsWith(w, rule.first) && (best == nullptr || rule.first.size() > best->first.size())) {
      best = &rule;
    }
  }
  return best;
}

std::string_view Before(std::string_view w, std::size_t suffix_size) {
  return w.substr(0, w.size() - suffix_size);
}

}  // namespace

std::string ScriptPorterStem(std::string_view word) {
  if (word.size() < 3) return std::string(word);
  std::string w(word);
  const bool initial_y = w[0] == 'y';
  if (initial_y) w[0] = 'Y';  // ucfirst: an initial y counts as a consonant

  // Step 1a: /(ss|i)es$/ -> drop "es"; elsif /([^s])s$/ -> drop "s".
  if (EndsWith(w, "sses") || EndsWith(w, "ies")) {
    w.resize(w.size() - 2);
  } else if (w.size() >= 2 && w.back() == 's' && w[w.size() - 2] != 's') {
    w.pop_back();
  }

  // Step 1b.
  if (EndsWith(w, "eed")) {
    if (MeasureAbove0(Before(w, 3))) w.pop_back();
  } else if (EndsWith(w, "ed") || EndsWith(w, "ing")) {
    const std::size_t cut = EndsWith(w, "ed") ? 2 : 3;
    const std::string_view stem = Before(w, cut);
    if (HasVowel(stem)) {
      w.resize(stem.size());
      const std::size_t n = w.size();
      const bool doubled = n >= 2 && w[n - 1] == w[n - 2] &&
                           std::string_view("aeiouylsz").find(w[n - 1]) == std::string_view::npos;
      if (EndsWith(w, "at") || EndsWith(w, "bl") || EndsWith(w, "iz")) {
        w += 'e';
      } else if (doubled) {
        w.pop_back();
      } else if (IsCvc(w)) {
        w += 'e';
      }
    }
  }

  // Step 1c: /y$/ with a vowel before -> i.
  if (EndsWith(w, "y") && HasVowel(Before(w, 1))) w.back() = 'i';

  // Step 2.
  if (const SuffixRule* rule = LongestSuffix(w, kStep2)) {
    const std::string_view stem = Before(w, rule->first.size());
    if (MeasureAbove0(stem)) w = std::string(stem) + std::string(rule->second);
  }

  // Step 3.
  if (const SuffixRule* rule = LongestSuffix(w, kStep3)) {
    const std::string_view stem = Before(w, rule->first.size());
    if (MeasureAbove0(stem)) w = std::string(stem) + std::string(rule->second);
  }

  // Step 4, in the script's order: the list, then "ment", then "ent" or
  // "(s|t)ion" — three separate tests, unlike the published algorithm.
  if (const SuffixRule* rule = LongestSuffix(w, kStep4)) {
    const std::string_view stem = Before(w, rule->first.size());
    if (MeasureAbove1(stem)) w.resize(stem.size());
  }
  if (EndsWith(w, "ment")) {
    const std::string_view stem = Before(w, 4);
    if (MeasureAbove1(stem)) w.resize(stem.size());
  }
  if (EndsWith(w, "ent")) {
    const std::string_view stem = Before(w, 3);
    if (MeasureAbove1(stem)) w.resize(stem.size());
  } else if (EndsWith(w, "sion") || EndsWith(w, "tion")) {
    const std::string_view stem = Before(w, 3);  // keeps the s or t
    if (MeasureAbove1(stem)) w.resize(stem.size());
  }

  // Step 5.
  if (EndsWith(w, "e")) {
    const std::string_view stem = Before(w, 1);
    if (MeasureAbove1(stem) || (MeasureIs1(stem) && !IsCvc(stem))) w.resize(stem.size());
  }
  if (EndsWith(w, "ll") && MeasureAbove1(w)) w.pop_back();

  if (initial_y && !w.empty()) w[0] = 'y';  // lcfirst
  return w;
}

}  // namespace precis::rouge::detail
