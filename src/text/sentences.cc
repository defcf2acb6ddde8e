// Sentence splitting: ICU's UAX #29 sentence breaks with the "ss=standard"
// suppressions, then precis' own rules, which only ever remove a break ICU
// made (initialisms, titles, months, "?" + lower case) or add one ICU misses
// (a missing space after a full stop, common in machine-translated text).
#include <unicode/brkiter.h>
#include <unicode/locid.h>
#include <unicode/utext.h>
#include <unicode/utf16.h>
#include <unicode/utf8.h>

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "common/swar.h"
#include "precis/text.h"
#include "text/sentence_breaks.h"

namespace precis::text {
namespace {

bool IsAsciiSpace(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v'; }
bool IsUpper(char c) { return c >= 'A' && c <= 'Z'; }
bool IsLower(char c) { return c >= 'a' && c <= 'z'; }
bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsAlpha(char c) { return IsUpper(c) || IsLower(c); }

using internal::AnyEqual;
using internal::kHighs;
using internal::Load8;

std::string_view Trim(std::string_view s) {
  while (!s.empty() && IsAsciiSpace(s.front())) s.remove_prefix(1);
  while (!s.empty() && IsAsciiSpace(s.back())) s.remove_suffix(1);
  return s;
}

// Strips closing quotes and brackets (ASCII and the common UTF-8 ones).
std::string_view StripClosers(std::string_view s) {
  for (;;) {
    if (!s.empty() && (s.back() == '"' || s.back() == '\'' || s.back() == ')' || s.back() == ']')) {
      s.remove_suffix(1);
      continue;
    }
    if (s.size() >= 3 && (s.substr(s.size() - 3) == "\xE2\x80\x9D" || s.substr(s.size() - 3) == "\xE2\x80\x99")) {
      s.remove_suffix(3);
      continue;
    }
    return s;
  }
}

std::string_view StripOpeners(std::string_view s) {
  for (;;) {
    if (!s.empty() && (s.front() == '"' || s.front() == '\'' || s.front() == '(' || s.front() == '[')) {
      s.remove_prefix(1);
      continue;
    }
    if (s.size() >= 3 && (s.substr(0, 3) == "\xE2\x80\x9C" || s.substr(0, 3) == "\xE2\x80\x98")) {
      s.remove_prefix(3);
      continue;
    }
    return s;
  }
}

std::string_view LastWord(std::string_view s) {
  s = Trim(s);
  const std::size_t space = s.find_last_of(" \t\r\n\f\v");
  return space == std::string_view::npos ? s : s.substr(space + 1);
}

std::string_view FirstWord(std::string_view s) {
  s = StripOpeners(Trim(s));
  std::size_t n = 0;
  while (n < s.size() && !IsAsciiSpace(s[n])) ++n;
  return s.substr(0, n);
}

// "U.S.", "a.m.", "D.C.", "U.N.": two or more single letters each followed by a dot.
bool IsDottedInitialism(std::string_view w) {
  if (w.size() < 4 || w.size() % 2 != 0) return false;
  for (std::size_t i = 0; i < w.size(); i += 2) {
    if (!IsAlpha(w[i]) || w[i + 1] != '.') return false;
  }
  return true;
}


// Titles that precede a name: never end a sentence.
constexpr std::string_view kTitles[] = {"Mr.", "Mrs.", "Ms.", "Dr.", "Prof.", "Gen.", "Sen.", "Rep.", "Gov.", "Lt.",
                                   "Col.", "Sgt.", "Capt.", "Cmdr.", "Adm.", "Maj.", "Rev.", "Pres.", "Supt.",
                                   "Mt.", "Ft.", "St.", "Sens.", "Reps.", "Messrs.", "Hon.", "Atty.", "Gens.",
                                   "Spc.", "Pvt.", "Pfc.", "Cpl.", "Cpt.", "Brig.", "Ens.", "Insp.", "Det.", "Amb."};
// Abbreviations that end a sentence only when a typical sentence opener follows.
constexpr std::string_view kSoftAbbrevs[] = {"Inc.", "Corp.", "Ltd.", "Co.", "Jr.", "Sr.", "Bros.", "Dept.", "Univ.",
                                        "Assn.", "Ave.", "Blvd.", "Rd.", "approx.", "est.", "vs.", "etc.",
                                        "e.g.", "i.e.", "Calif.", "Fla.", "Ill.", "Mass.", "Mich.", "Penn.",
                                        "Conn.", "Ariz.", "Colo.", "Wash.", "Tenn.", "Ky.", "Va.", "Md.", "Ga.",
                                        "Ala.", "Okla.", "Ore.", "Wis.", "Minn.", "Nev.", "Neb.", "Ark.", "La.",
                                        "Miss.", "Mo.", "Kan.", "Del.", "Vt.", "Wyo.", "Ind.", "Pa.", "Tex."};
// Before a number: "Nov. 3", "No. 1", "Art. 5".
constexpr std::string_view kBeforeNumber[] = {"Jan.", "Feb.", "Mar.", "Apr.", "Jun.", "Jul.", "Aug.", "Sep.", "Sept.",
                                         "Oct.", "Nov.", "Dec.", "No.", "Nos.", "Art.", "Vol.", "p.", "pp.",
                                         "Fig.", "Ch.", "Sec.", "Para.", "approx.", "ca.", "Rs.", "Nr."};
// Words that typically open a sentence; after "U.S." they mean a new one.
constexpr std::string_view kOpeners[] = {"The", "A", "An", "He", "She", "It", "They", "We", "I", "You", "But", "And",
                                    "In", "On", "At", "This", "That", "These", "Those", "There", "His", "Her",
                                    "Their", "Its", "Our", "Officials", "According", "After", "As", "When",
                                    "While", "If", "However", "Meanwhile", "Some", "Many", "Most", "Police",
                                    "Authorities", "So", "Yet", "Still", "Now", "Then", "Also", "For", "Last",
                                    "Earlier", "Later", "Since", "Although", "Despite", "What", "Who", "Why",
                                    "How", "No", "Not", "One", "Two", "Both", "Each", "Such", "Under", "With"};

// The lists are string_views, not C strings: no strlen per comparison.
template <std::size_t N>
bool In(std::string_view w, const std::string_view (&list)[N]) {
  for (std::string_view entry : list) {
    if (w == entry) return true;
  }
  return false;
}

// Should the break between `before` and `after` (both raw text) be removed?
bool ShouldMerge(std::string_view before, std::string_view after) {
  const std::string_view last = StripOpeners(LastWord(before));
  const std::string_view first = FirstWord(after);
  if (last.empty() || first.empty()) return false;
  const bool next_lower = IsLower(first.front());
  const bool next_digit = IsDigit(first.front());
  const bool next_opener = In(first, kOpeners) || In(StripClosers(first), kOpeners);
  const std::string_view bare = StripClosers(last);
  if (bare.size() >= 1 && (bare.back() == '?' || bare.back() == '!')) {
    // "Is it over?" she asked.
    return next_lower;
  }
  if (last.back() != '.') return false;  // closers after the dot: a real end
  if (next_lower) return true;            // a sentence never starts in lower case here
  if (In(last, kTitles)) return true;
  if (In(last, kBeforeNumber) && next_digit) return true;
  if (IsDottedInitialism(last) || In(last, kSoftAbbrevs)) return !next_opener;
  // A middle initial: "George W. Bush".
  if (last.size() == 2 && IsUpper(last[0]) && !next_opener) return true;
  return false;
}

// Positions after a '.', '?' or '!' glued to the next sentence ("said.The").
void GluedBreaks(std::string_view s, std::size_t base, std::vector<std::size_t>* out) {
  for (std::size_t i = 2; i + 2 < s.size(); ++i) {
    if (i + 8 <= s.size()) {
      const std::uint64_t v = Load8(s.data() + i);
      if ((AnyEqual(v, '.') | AnyEqual(v, '?') | AnyEqual(v, '!')) == 0) {
        i += 7;  // none of the eight ends a sentence
        continue;
      }
    }
    const char c = s[i];
    if (c != '.' && c != '?' && c != '!') continue;
    if (!IsLower(s[i - 1]) || !IsLower(s[i - 2])) continue;
    std::size_t j = i + 1;
    if (s[j] == '"') ++j;
    if (j + 1 >= s.size()) continue;
    if (!IsUpper(s[j]) || !IsLower(s[j + 1])) continue;
    // Skip web addresses and file names ("example.Com" is rare; "www." is not).
    const std::size_t start = s.find_last_of(" \t", i);
    const std::string_view word = s.substr(start == std::string_view::npos ? 0 : start + 1, i - (start == std::string_view::npos ? 0 : start + 1));
    if (word.find("www") != std::string_view::npos || word.find('/') != std::string_view::npos ||
        word.find('@') != std::string_view::npos || word.find('.') != std::string_view::npos) {
      continue;
    }
    out->push_back(base + j);
  }
}

// Length of a leading bullet marker ("• ", "- ", "* ", "· ", "– ", and
// the "_ " of older wire copy) or 0.
std::size_t BulletLength(std::string_view s) {
  static constexpr std::array<std::string_view, 9> kBullets = {"\xE2\x80\xA2", "\xC2\xB7", "\xE2\x96\xAA", "\xE2\x80\x93",
                                                               "\xE2\x80\x94", "-", "*", "\xE2\x96\xBA", "_"};
  for (std::string_view b : kBullets) {
    if (s.size() > b.size() && s.substr(0, b.size()) == b && IsAsciiSpace(s[b.size()])) {
      std::size_t n = b.size();
      while (n < s.size() && IsAsciiSpace(s[n])) ++n;
      return n;
    }
  }
  return 0;
}

// Length of a leading dateline ("MOSCOW (AA) – ", "WASHINGTON, D.C. -- ",
// "(CNN) — ", and the underscore older AP copy used: "BERLIN (AP) _ ") or 0.
// The prefix must start with an upper-case word or a parenthesised source,
// hold no lower-case word, and end with a dash.
std::size_t DatelineLength(std::string_view s) {
  static constexpr std::array<std::string_view, 5> kDashes = {" \xE2\x80\x93 ", " \xE2\x80\x94 ", " -- ", " - ", " _ "};
  // The first dash within the first 80 bytes: one pass over its spaces (the
  // dashes all start with one) rather than a search per dash.
  const std::string_view head = s.substr(0, std::min<std::size_t>(s.size(), 80));
  std::size_t dash = std::string_view::npos, dash_len = 0;
  for (std::size_t p = head.find(' '); p != std::string_view::npos && dash_len == 0; p = head.find(' ', p + 1)) {
    if (p + 1 >= head.size() || (head[p + 1] != '-' && head[p + 1] != '\xE2' && head[p + 1] != '_')) continue;
    for (std::string_view d : kDashes) {
      if (head.substr(p, d.size()) == d) {
        dash = p;
        dash_len = d.size();
        break;
      }
    }
  }
  if (dash == std::string_view::npos || dash == 0) return 0;
  const std::string_view prefix = s.substr(0, dash);
  // The first word: all capitals (2+ letters), or "(Source)".
  std::string_view first = prefix.substr(0, prefix.find(' '));
  bool ok = false;
  if (first.front() == '(') {
    ok = true;
  } else {
    std::size_t letters = 0;
    ok = true;
    for (char c : StripClosers(first)) {
      if (c == ',' || c == '.') continue;
      if (!IsUpper(c)) { ok = false; break; }
      ++letters;
    }
    ok = ok && letters >= 2;
  }
  if (!ok) return 0;
  // No word of the prefix outside parentheses starts in lower case.
  int depth = 0;
  bool word_start = true;
  for (char c : prefix) {
    if (c == '(') ++depth;
    if (c == ')') --depth;
    if (depth == 0 && word_start && IsLower(c)) return 0;
    word_start = c == ' ';
  }
  std::size_t n = dash + dash_len;
  if (n >= s.size()) return 0;
  return n;
}

// True when Collapse() may change `s`: a space at either end or doubled,
// other whitespace or control bytes, or a 0xC2 byte (U+00A0 starts with it).
// Otherwise *spaces is the number of spaces in `s`.
bool NeedsCollapse(std::string_view s, std::size_t* spaces) {
  std::size_t count = 0;
  bool after_space = true;  // a leading space is collapsed
  std::size_t i = 0;
  // Eight bytes at once while none is a control byte or 0xC2: then only a
  // doubled space (within them, or after the byte before) needs collapsing.
  for (; i + 8 <= s.size(); i += 8) {
    const std::uint64_t v = Load8(s.data() + i);
    if (internal::AnyBelow(v, ' ') != 0 || AnyEqual(v, 0xC2) != 0) break;
    const std::uint64_t space_bytes = internal::BytesEqual(v, ' ');
    if ((space_bytes & (space_bytes << 8 | (after_space ? 0x80 : 0))) != 0) return true;
    // The number of spaces: the flags as 0 or 1, summed into the top byte by
    // one multiplication (std::popcount is a library call without -mpopcnt).
    count += static_cast<std::size_t>(((space_bytes >> 7) * internal::kOnes) >> 56);
    after_space = (space_bytes >> 63) != 0;
  }
  for (const char ch : s.substr(i)) {
    const auto c = static_cast<unsigned char>(ch);
    if (c > ' ' && c != 0xC2) {
      after_space = false;
    } else if (c == ' ' && !after_space) {
      after_space = true;
      ++count;
    } else {
      return true;
    }
  }
  *spaces = count;
  return after_space && !s.empty();
}

// Appends `s` to `out` with runs of whitespace (ASCII, and U+00A0)
// collapsed into one space; returns its number of words (CountWords).
std::size_t Collapse(std::string_view s, std::string* out) {
  // Most sentences have nothing to collapse: one check, one copy.
  if (std::size_t spaces = 0; !NeedsCollapse(s, &spaces)) {
    out->append(s);
    return s.empty() ? 0 : spaces + 1;
  }
  out->reserve(out->size() + s.size());
  const std::size_t start = out->size();
  bool pending = false;
  std::size_t i = 0;
  while (i < s.size()) {
    std::size_t run = i;
    while (run < s.size() && !IsAsciiSpace(s[run]) && static_cast<unsigned char>(s[run]) != 0xC2) ++run;
    if (run > i) {
      if (pending) out->push_back(' ');
      pending = false;
      out->append(s.data() + i, run - i);
      i = run;
      continue;
    }
    const bool nbsp = static_cast<unsigned char>(s[i]) == 0xC2 && i + 1 < s.size() &&
                      static_cast<unsigned char>(s[i + 1]) == 0xA0;
    if (IsAsciiSpace(s[i]) || nbsp) {
      pending = out->size() > start;
      i += nbsp ? 2 : 1;
      continue;
    }
    // A 0xC2 lead byte of another character.
    if (pending) out->push_back(' ');
    pending = false;
    out->push_back(s[i++]);
  }
  return CountWords(std::string_view(*out).substr(start));
}

bool HasWordChar(std::string_view s) {
  for (char c : s) {
    if (IsAlpha(c) || IsDigit(c) || static_cast<unsigned char>(c) >= 0xC3) return true;
  }
  return false;
}

}  // namespace

struct SentenceSplitter::Impl {
  std::unique_ptr<icu::BreakIterator> breaker;
  // Whether `breaker` is the "en@ss=standard" one, whose breaks
  // AsciiSentenceBreaks gives for plain ASCII lines without asking ICU.
  bool standard_filter = false;
  UText* utext = nullptr;
  // The line being split, in UTF-16: ICU's UTF-8 UText converts the text in
  // small chunks behind the break iterator's every access, which took about
  // half of its time; a line widened once is read in place.
  std::u16string utf16;
  // For a line that is not all ASCII: the byte offset of each UTF-16 unit
  // (and of the end), to map ICU's positions back into the UTF-8 line.
  std::vector<std::uint32_t> byte_of_unit;
  // Break positions, kept between lines to save allocations.
  std::vector<std::size_t> cuts, kept, all;

  ~Impl() {
    if (utext != nullptr) utext_close(utext);
  }

  // Fills utf16 from `line`; returns false when the line is all ASCII
  // (positions are then the same in both encodings). Invalid UTF-8 becomes
  // U+FFFD, as ICU's UTF-8 UText reads it.
  bool Widen(std::string_view line) {
    const auto* p = reinterpret_cast<const std::uint8_t*>(line.data());
    const auto length = static_cast<std::int32_t>(line.size());
    utf16.resize(line.size());  // never more UTF-16 units than UTF-8 bytes
    std::int32_t i = 0;
    while (i < length && p[i] < 0x80) {
      utf16[static_cast<std::size_t>(i)] = p[i];
      ++i;
    }
    if (i == length) return false;
    byte_of_unit.resize(line.size() + 1);
    for (std::int32_t k = 0; k < i; ++k) byte_of_unit[static_cast<std::size_t>(k)] = static_cast<std::uint32_t>(k);
    std::size_t unit = static_cast<std::size_t>(i);
    while (i < length) {
      const std::int32_t start = i;
      UChar32 c = 0;
      U8_NEXT(p, i, length, c);
      if (c < 0) c = 0xFFFD;
      byte_of_unit[unit] = static_cast<std::uint32_t>(start);
      if (c <= 0xFFFF) {
        utf16[unit++] = static_cast<char16_t>(c);
      } else {
        utf16[unit++] = U16_LEAD(c);
        byte_of_unit[unit] = static_cast<std::uint32_t>(start);
        utf16[unit++] = U16_TRAIL(c);
      }
    }
    byte_of_unit[unit] = static_cast<std::uint32_t>(length);
    utf16.resize(unit);
    return true;
  }

  // cuts = 0, ICU's sentence breaks inside `line` (byte offsets), line.size().
  void IcuBreaks(std::string_view line) {
    cuts.clear();
    cuts.push_back(0);
    if (standard_filter && AsciiSentenceBreaks(line, &cuts)) {
      cuts.push_back(line.size());
      return;
    }
    // ICU positions are 32-bit: a longer line gets no breaks of its own.
    if (breaker && line.size() < static_cast<std::size_t>(INT32_MAX)) {
      const bool mapped = Widen(line);
      UErrorCode status = U_ZERO_ERROR;
      utext = utext_openUChars(utext, reinterpret_cast<const UChar*>(utf16.data()),
                               static_cast<std::int64_t>(utf16.size()), &status);
      if (U_SUCCESS(status)) breaker->setText(utext, status);
      if (U_SUCCESS(status)) {
        for (std::int32_t b = breaker->next(); b != icu::BreakIterator::DONE; b = breaker->next()) {
          const std::size_t pos = mapped ? byte_of_unit[static_cast<std::size_t>(b)] : static_cast<std::size_t>(b);
          if (pos > cuts.back() && pos < line.size()) cuts.push_back(pos);
        }
      }
    }
    cuts.push_back(line.size());
  }
};

SentenceSplitter::SentenceSplitter() : impl_(std::make_unique<Impl>()) {
  UErrorCode status = U_ZERO_ERROR;
  impl_->breaker.reset(icu::BreakIterator::createSentenceInstance(icu::Locale("en@ss=standard"), status));
  impl_->standard_filter = U_SUCCESS(status) && impl_->breaker;
  if (U_FAILURE(status) || !impl_->breaker) {
    status = U_ZERO_ERROR;
    impl_->breaker.reset(icu::BreakIterator::createSentenceInstance(icu::Locale::getEnglish(), status));
  }
}
SentenceSplitter::~SentenceSplitter() = default;
SentenceSplitter::SentenceSplitter(SentenceSplitter&&) noexcept = default;
SentenceSplitter& SentenceSplitter::operator=(SentenceSplitter&&) noexcept = default;

namespace {

// Where to cut an over-long sentence: after the last space within `max_bytes`
// when there is one in its second half, else at the last character boundary.
std::size_t CutLength(std::string_view piece, std::size_t max_bytes) {
  for (std::size_t k = max_bytes; k > max_bytes / 2; --k) {
    if (IsAsciiSpace(piece[k])) return k;
  }
  std::size_t k = max_bytes;
  while (k > 1 && (static_cast<unsigned char>(piece[k]) & 0xC0) == 0x80) --k;
  return k;
}

void AppendSentence(std::string_view piece, std::size_t begin, bool* first, std::vector<Sentence>* out) {
  if (piece.empty() || !HasWordChar(piece)) return;
  Sentence& s = out->emplace_back();
  s.words = Collapse(piece, &s.text);
  s.begin = begin;
  s.end = begin + piece.size();
  s.paragraph_start = *first;
  *first = false;
}

}  // namespace

std::size_t SentenceSplitter::Split(std::string_view text, std::vector<Sentence>* out, std::size_t max_bytes) {
  Impl& im = *impl_;
  std::size_t cut = 0;
  std::size_t line_begin = 0;
  while (line_begin < text.size()) {
    std::size_t line_end = text.find('\n', line_begin);
    if (line_end == std::string_view::npos) line_end = text.size();
    std::string_view line = text.substr(line_begin, line_end - line_begin);
    std::size_t offset = line_begin;
    line_begin = line_end + 1;
    // Trim, then drop a bullet marker.
    while (!line.empty() && IsAsciiSpace(line.front())) { line.remove_prefix(1); ++offset; }
    while (!line.empty() && IsAsciiSpace(line.back())) line.remove_suffix(1);
    if (line.empty()) continue;
    if (const std::size_t b = BulletLength(line); b > 0) { line.remove_prefix(b); offset += b; }
    if (const std::size_t d = DatelineLength(line); d > 0) { line.remove_prefix(d); offset += d; }

    im.IcuBreaks(line);

    // Our rules: remove breaks after initialisms, titles, ...
    std::vector<std::size_t>& kept = im.kept;
    kept.clear();
    kept.push_back(0);
    for (std::size_t i = 1; i + 1 < im.cuts.size(); ++i) {
      const std::string_view before = line.substr(kept.back(), im.cuts[i] - kept.back());
      const std::string_view after = line.substr(im.cuts[i], im.cuts[i + 1] - im.cuts[i]);
      if (!ShouldMerge(before, after)) kept.push_back(im.cuts[i]);
    }
    kept.push_back(line.size());
    // ... and add breaks ICU misses ("said.The").
    std::vector<std::size_t>& all = im.all;
    all.clear();
    for (std::size_t i = 0; i + 1 < kept.size(); ++i) {
      all.push_back(kept[i]);
      GluedBreaks(line.substr(kept[i], kept[i + 1] - kept[i]), kept[i], &all);
    }
    all.push_back(line.size());

    bool first = true;
    for (std::size_t i = 0; i + 1 < all.size(); ++i) {
      std::string_view piece = line.substr(all[i], all[i + 1] - all[i]);
      std::size_t begin = offset + all[i];
      while (!piece.empty() && IsAsciiSpace(piece.front())) { piece.remove_prefix(1); ++begin; }
      piece = Trim(piece);
      if (piece.empty() || !HasWordChar(piece)) continue;
      if (max_bytes > 0 && piece.size() > max_bytes) ++cut;
      while (max_bytes > 0 && piece.size() > max_bytes) {
        const std::size_t length = CutLength(piece, max_bytes);
        AppendSentence(Trim(piece.substr(0, length)), begin, &first, out);
        std::size_t skip = length;
        while (skip < piece.size() && IsAsciiSpace(piece[skip])) ++skip;
        piece.remove_prefix(skip);
        begin += skip;
      }
      AppendSentence(piece, begin, &first, out);
    }
  }
  return cut;
}

std::size_t CountWords(std::string_view text) {
  std::size_t n = 0;
  bool in = false;
  for (char c : text) {
    const bool space = IsAsciiSpace(c);
    if (!space && !in) ++n;
    in = !space;
  }
  return n;
}

bool IsValidUtf8(std::string_view s, std::size_t* bad_offset) {
  std::size_t i = 0;
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const std::size_t n = s.size();
  while (i < n) {
    // ASCII eight bytes at a time.
    if (i + 8 <= n && (Load8(s.data() + i) & kHighs) == 0) {
      i += 8;
      continue;
    }
    const unsigned char c = p[i];
    if (c < 0x80) { ++i; continue; }
    std::size_t len = 0;
    unsigned cp = 0;
    if (c >= 0xC2 && c <= 0xDF) { len = 2; cp = c & 0x1F; }
    else if (c >= 0xE0 && c <= 0xEF) { len = 3; cp = c & 0x0F; }
    else if (c >= 0xF0 && c <= 0xF4) { len = 4; cp = c & 0x07; }
    else { if (bad_offset) *bad_offset = i; return false; }
    if (i + len > n) { if (bad_offset) *bad_offset = i; return false; }
    for (std::size_t k = 1; k < len; ++k) {
      if ((p[i + k] & 0xC0) != 0x80) { if (bad_offset) *bad_offset = i; return false; }
      cp = (cp << 6) | (p[i + k] & 0x3F);
    }
    if ((len == 3 && (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF))) || (len == 4 && (cp < 0x10000 || cp > 0x10FFFF))) {
      if (bad_offset) *bad_offset = i;
      return false;
    }
    i += len;
  }
  return true;
}

}  // namespace precis::text
