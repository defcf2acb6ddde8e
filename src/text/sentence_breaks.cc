// ICU's English sentence breaks for plain ASCII lines (sentence_breaks.h).
#include "text/sentence_breaks.h"

#include <unicode/unistr.h>
#include <unicode/ures.h>
#include <unicode/utypes.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <string>
#include <utility>

#include "common/swar.h"

namespace precis::text {
namespace {

using internal::AnyBelow;
using internal::AnyEqual;
using internal::kHighs;
using internal::Load8;

// The sentence-break classes (UAX #29) that ASCII bytes fall into. Tab and
// space are Sp; other control bytes, which hold line and paragraph
// separators, are left to ICU.
enum Class : std::uint8_t { kOther, kSp, kLower, kUpper, kNumeric, kATerm, kSTerm, kClose, kSContinue };

constexpr std::array<Class, 128> MakeClasses() {
  std::array<Class, 128> c{};
  c['\t'] = kSp;
  c[' '] = kSp;
  for (int b = 'a'; b <= 'z'; ++b) c[static_cast<std::size_t>(b)] = kLower;
  for (int b = 'A'; b <= 'Z'; ++b) c[static_cast<std::size_t>(b)] = kUpper;
  for (int b = '0'; b <= '9'; ++b) c[static_cast<std::size_t>(b)] = kNumeric;
  c['.'] = kATerm;
  c['!'] = kSTerm;
  c['?'] = kSTerm;
  for (char b : {'"', '\'', '(', ')', '[', ']', '{', '}'}) c[static_cast<unsigned char>(b)] = kClose;
  for (char b : {',', '-', ':'}) c[static_cast<unsigned char>(b)] = kSContinue;
  return c;
}
constexpr std::array<Class, 128> kClasses = MakeClasses();

Class ClassOf(char b) { return kClasses[static_cast<unsigned char>(b) & 0x7F]; }
bool IsLetter(Class c) { return c == kLower || c == kUpper; }
bool IsTerm(Class c) { return c == kATerm || c == kSTerm; }

// True when every byte of `s` is printable ASCII or a tab.
bool PlainAscii(std::string_view s) {
  std::size_t i = 0;
  for (; i + 8 <= s.size(); i += 8) {
    const std::uint64_t v = Load8(s.data() + i);
    if (((v & kHighs) | AnyBelow(v, 0x20) | AnyEqual(v, 0x7F)) != 0) break;
  }
  for (; i < s.size(); ++i) {
    const auto b = static_cast<unsigned char>(s[i]);
    if (b >= 0x7F || (b < 0x20 && b != '\t')) return false;
  }
  return true;
}

// A character trie as ICU walks its tries of abbreviations: a step either
// fails, or lands on a node that may hold a value and may go on.
class Trie {
 public:
  static constexpr int kNone = -1;
  // False when `s` already has a value (ICU's trie builder refuses that).
  bool Add(std::string_view s, int value) {
    std::size_t node = 0;
    for (const char c : s) {
      const int next = Step(node, c);
      if (next != kNone) {
        node = static_cast<std::size_t>(next);
        continue;
      }
      nodes_[node].next.emplace_back(c, static_cast<int>(nodes_.size()));
      node = nodes_.size();
      nodes_.emplace_back();
    }
    if (nodes_[node].value != kNone) return false;
    nodes_[node].value = value;
    return true;
  }
  int Step(std::size_t node, char c) const {
    for (const auto& [ch, to] : nodes_[node].next) {
      if (ch == c) return to;
    }
    return kNone;
  }
  int Value(std::size_t node) const { return nodes_[node].value; }
  bool GoesOn(std::size_t node) const { return !nodes_[node].next.empty(); }
  bool Empty() const { return nodes_.size() == 1; }

 private:
  struct Node {
    std::vector<std::pair<char, int>> next;
    int value = kNone;
  };
  std::vector<Node> nodes_{1};
};

// The abbreviations after which ICU's "ss=standard" filter suppresses a
// sentence break, arranged as its filter arranges them. An abbreviation
// with an inner full stop ("Ph.D.", "U.S.") is found in two steps: its part
// up to the first full stop, read backwards from the break, then the whole,
// read forwards from there; every abbreviation that starts with such a part
// ("U." with "U.S.") is then only read forwards. The others are read
// backwards, whole.
class Abbreviations {
 public:
  Abbreviations() {
    std::vector<std::string> words = ReadFromIcu();
    std::sort(words.begin(), words.end());
    words.erase(std::unique(words.begin(), words.end()), words.end());
    std::vector<std::string> parts;
    for (const std::string& w : words) {
      const std::size_t dot = w.find('.');
      if (dot != std::string::npos && dot + 1 != w.size()) parts.push_back(w.substr(0, dot + 1));
    }
    std::sort(parts.begin(), parts.end());
    parts.erase(std::unique(parts.begin(), parts.end()), parts.end());
    bool ok = !words.empty();
    for (const std::string& part : parts) ok = backward_.Add(std::string(part.rbegin(), part.rend()), kPart) && ok;
    for (const std::string& w : words) {
      const bool in_two_steps = std::any_of(parts.begin(), parts.end(), [&](const std::string& part) {
        return w.compare(0, part.size(), part) == 0;
      });
      ok = (in_two_steps ? forward_.Add(w, kWhole) : backward_.Add(std::string(w.rbegin(), w.rend()), kWhole)) && ok;
    }
    usable_ = ok;
  }
  bool usable() const { return usable_; }

  // Whether the filter drops the break ICU's rules put at `at` in `s`.
  bool Suppress(std::string_view s, std::size_t at) const {
    // One space before the break is passed over ("Mr. |Smith").
    std::size_t pos = at > 0 && s[at - 1] == ' ' ? at - 1 : at;
    std::size_t node = 0;
    std::size_t best = std::string_view::npos;
    int best_value = Trie::kNone;
    while (pos > 0) {
      const int next = backward_.Step(node, s[--pos]);
      if (next == Trie::kNone) break;
      node = static_cast<std::size_t>(next);
      if (backward_.Value(node) != Trie::kNone) {
        best = pos;
        best_value = backward_.Value(node);
      }
      if (!backward_.GoesOn(node)) break;
    }
    if (best == std::string_view::npos) return false;
    if (best_value == kWhole) return true;
    if (forward_.Empty()) return false;
    // Forwards from the part's start: suppressed unless a byte leaves the
    // trie, or the walk stops at a whole abbreviation that could go on.
    node = 0;
    for (std::size_t p = best; p < s.size(); ++p) {
      const int next = forward_.Step(node, s[p]);
      if (next == Trie::kNone) return false;
      node = static_cast<std::size_t>(next);
      if (!forward_.GoesOn(node)) return true;
    }
    return true;
  }

 private:
  static constexpr int kWhole = 1;
  static constexpr int kPart = 2;

  static std::vector<std::string> ReadFromIcu() {
    std::vector<std::string> out;
    UErrorCode status = U_ZERO_ERROR;
    UResourceBundle* bundle = ures_open(U_ICUDATA_NAME "-brkitr", "en", &status);
    UResourceBundle* exceptions = ures_getByKey(bundle, "exceptions", nullptr, &status);
    UResourceBundle* list = ures_getByKey(exceptions, "SentenceBreak", nullptr, &status);
    while (U_SUCCESS(status) && ures_hasNext(list)) {
      std::int32_t length = 0;
      const UChar* s = ures_getNextString(list, &length, nullptr, &status);
      if (U_FAILURE(status)) break;
      std::string utf8;
      icu::UnicodeString(false, s, length).toUTF8String(utf8);
      out.push_back(std::move(utf8));
    }
    if (U_FAILURE(status)) out.clear();
    ures_close(list);
    ures_close(exceptions);
    ures_close(bundle);
    return out;
  }

  Trie backward_, forward_;
  bool usable_ = false;
};

const Abbreviations& TheAbbreviations() {
  static const Abbreviations abbreviations;
  return abbreviations;
}

// Whether the rules (UAX #29, SB6 to SB11) break after the terminator at
// `term`, its closing marks and spaces, at `at` (< s.size()).
bool RulesBreak(std::string_view s, std::size_t term, std::size_t at) {
  const Class after = ClassOf(s[at]);
  if (s[term] == '.') {
    // "3.5" and "U.S" go on (SB6, SB7).
    if (at == term + 1 && (after == kNumeric || (term > 0 && IsLetter(ClassOf(s[term - 1])) && after == kUpper))) {
      return false;
    }
    // Nothing but lower case follows before the next letter or terminator (SB8).
    std::size_t p = at;
    while (p < s.size() && !IsLetter(ClassOf(s[p])) && !IsTerm(ClassOf(s[p]))) ++p;
    if (p < s.size() && ClassOf(s[p]) == kLower) return false;
  }
  // A comma, dash or colon, or another terminator (SB8a).
  return after != kSContinue && !IsTerm(after);
}

}  // namespace

bool AsciiSentenceBreaks(std::string_view s, std::vector<std::size_t>* out) {
  const Abbreviations& abbreviations = TheAbbreviations();
  if (!abbreviations.usable() || !PlainAscii(s)) return false;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (i + 8 <= s.size()) {
      const std::uint64_t v = Load8(s.data() + i);
      if ((AnyEqual(v, '.') | AnyEqual(v, '?') | AnyEqual(v, '!')) == 0) {
        i += 7;  // no terminator among the eight
        continue;
      }
    }
    if (!IsTerm(ClassOf(s[i]))) continue;
    std::size_t at = i + 1;
    while (at < s.size() && ClassOf(s[at]) == kClose) ++at;
    while (at < s.size() && ClassOf(s[at]) == kSp) ++at;
    if (at == s.size()) break;  // only closing marks and spaces are left
    if (RulesBreak(s, i, at) && !abbreviations.Suppress(s, at)) out->push_back(at);
  }
  return true;
}

}  // namespace precis::text
