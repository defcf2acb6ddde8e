// Whether a sentence stands on its own: quotation marks followed across the
// sentences of a paragraph, speakers named or not, openings that point back.
#include "text/standalone.h"

#include <algorithm>
#include <array>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "common/swar.h"

namespace precis::text {
namespace {

bool IsAsciiLetter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
// A letter for the quote rules: ASCII, or the lead byte of a multi-byte
// character other than punctuation (U+2000.. starts with 0xE2).
bool IsLetterByte(unsigned char c) { return IsAsciiLetter(static_cast<char>(c)) || (c >= 0xC3 && c != 0xE2); }
bool IsAlnumByte(unsigned char c) { return IsLetterByte(c) || (c >= '0' && c <= '9'); }

enum class Mark { kNone, kDoubleOpen, kDoubleClose, kDoubleStraight, kSingleOpen, kSingleClose };

// The quotation mark at s[i] and its length in bytes (kNone, 1 when none).
// A curly single mark is read as a quote only where an apostrophe cannot
// be: ‘ after a non-letter and before a letter (‘90s and rock ‘n’ roll
// stay apostrophes), ’ with no letter or digit after it (Russia’s,
// don’t); ’ closes a quotation only when one is open (students’ is left to
// the caller).
Mark MarkAt(std::string_view s, std::size_t i, std::size_t* length) {
  *length = 1;
  const auto at = [&](std::size_t k) { return k < s.size() ? static_cast<unsigned char>(s[k]) : 0; };
  const unsigned char c = at(i);
  // Most bytes are no mark: decide those at once (this runs on every byte).
  if ((c < 0x80 && c != '"' && c != '`' && c != '\'') || (c >= 0x80 && c != 0xE2 && c != 0xC2)) return Mark::kNone;
  if (c == '"') return Mark::kDoubleStraight;
  // Typewriter pairs: `` opens and '' closes, as does ’’ (wire copy).
  if (c == '`' && at(i + 1) == '`') {
    *length = 2;
    return Mark::kDoubleOpen;
  }
  if (c == '\'' && at(i + 1) == '\'') {
    *length = 2;
    return Mark::kDoubleClose;
  }
  if (s.substr(i, 6) == "\xE2\x80\x99\xE2\x80\x99") {
    *length = 6;
    return Mark::kDoubleClose;
  }
  if (c == 0xC2 && (at(i + 1) == 0xAB || at(i + 1) == 0xBB)) {
    *length = 2;
    return at(i + 1) == 0xAB ? Mark::kDoubleOpen : Mark::kDoubleClose;
  }
  if (c != 0xE2 || at(i + 1) != 0x80) return Mark::kNone;
  *length = 3;
  switch (at(i + 2)) {
    case 0x9C:  // “
    case 0x9E:  // „
      return Mark::kDoubleOpen;
    case 0x9D:  // ”
      return Mark::kDoubleClose;
    case 0x98:  // ‘
      if ((i == 0 || !IsAlnumByte(at(i - 1))) && IsLetterByte(at(i + 3))) return Mark::kSingleOpen;
      return Mark::kNone;
    case 0x99:  // ’
      if (!IsAlnumByte(at(i + 3))) return Mark::kSingleClose;
      return Mark::kNone;
    default: return Mark::kNone;
  }
}

// The first words of a text (ASCII letters and apostrophes, lower-cased,
// ’ read as '), after leading spaces, quotation marks, brackets and dashes;
// a word is cut at any other character. They are kept in a fixed buffer:
// this runs at every stretch of every sentence, and strings cost an
// allocation each. No listed word is long: a word past the buffer keeps its
// start (its head before an apostrophe can still be read) and compares
// equal to nothing.
class FirstWords {
 public:
  static constexpr std::size_t kMax = 4;

  explicit FirstWords(std::string_view s, std::size_t count = kMax) {
    std::size_t i = 0, w = 0;
    while (w < count && i < s.size()) {
      const auto c = static_cast<unsigned char>(s[i]);
      if (IsAsciiLetter(static_cast<char>(c))) {
        Push(w, static_cast<char>(c | 0x20));
        ++i;
        continue;
      }
      const bool apostrophe = c == '\'' || (c == 0xE2 && s.substr(i, 3) == "\xE2\x80\x99");
      if (apostrophe && size_[w] > 0 && i + (c == '\'' ? 1 : 3) < s.size() &&
          IsAsciiLetter(s[i + (c == '\'' ? 1 : 3)])) {
        Push(w, '\'');
        i += c == '\'' ? 1 : 3;
        continue;
      }
      if (size_[w] > 0) {
        ++w;
        // Words end at punctuation too ("In fact," is two words, then stop).
        if (c == ',' || c == ';' || c == ':' || c == '.') break;
      }
      ++i;
    }
  }

  std::size_t size() const { return kMax; }
  // Word k ("" when there are fewer).
  std::string_view operator[](std::size_t k) const {
    if (size_[k] > kLetters) return kLong;
    return {bytes_[k].data(), size_[k]};
  }
  // Word k up to its apostrophe ("that" of "that's").
  std::string_view Head(std::size_t k) const {
    const std::string_view kept(bytes_[k].data(), std::min(size_[k], kLetters));
    const std::size_t apostrophe = kept.find('\'');
    if (apostrophe != std::string_view::npos) return kept.substr(0, apostrophe);
    return (*this)[k];
  }

 private:
  static constexpr std::size_t kLetters = 24;
  // Stands for a word too long to keep: no letter, so it matches no word.
  static constexpr std::string_view kLong = "#";

  void Push(std::size_t w, char c) {
    if (size_[w] < kLetters) bytes_[w][size_[w]] = c;
    ++size_[w];
  }

  std::array<std::array<char, kLetters>, kMax> bytes_;
  std::array<std::size_t, kMax> size_{};
};

template <std::size_t N>
bool OneOf(std::string_view word, const std::array<std::string_view, N>& list) {
  return std::find(list.begin(), list.end(), word) != list.end();
}

// Words that report speech, as a speaker's verb: "he said", "she told".
constexpr std::array<std::string_view, 36> kSpeechVerbs = {
    "said",     "says",   "told",    "tells",     "added",    "adds",      "asked",    "explained",
    "noted",    "wrote",  "writes",  "continued", "insisted", "stressed",  "warned",   "argued",
    "replied",  "tweeted", "declared", "recalled", "admitted", "acknowledged", "conceded", "claimed",
    "suggested", "urged", "responded", "observed", "remarked", "posted",  "stated",   "underlined",
    "emphasized", "emphasised", "commented", "announced"};

// A few lower-case ASCII words, looked up among the one or two of the
// same length and first letter (these run on every word or sentence).
class WordBuckets {
 public:
  explicit WordBuckets(const std::vector<std::string_view>& words) {
    for (const std::string_view w : words) buckets_[Bucket(w)].push_back(w);
  }
  // `lower`: a lower-case word, or any text (it then matches nothing).
  bool Contains(std::string_view lower) const {
    if (lower.empty() || lower.size() > kLongest || lower[0] < 'a' || lower[0] > 'z') return false;
    for (const std::string_view w : buckets_[Bucket(lower)]) {
      if (w == lower) return true;
    }
    return false;
  }

 private:
  static constexpr std::size_t kLongest = 12;
  static std::size_t Bucket(std::string_view w) { return w.size() * 26 + static_cast<std::size_t>(w[0] - 'a'); }
  std::array<std::vector<std::string_view>, (kLongest + 1) * 26> buckets_;
};

// Whether an ASCII word is a verb of speech or "according" (this runs on
// every word outside quotes: no allocation, and a cheap test first).
bool IsSpeechVerb(std::string_view word) {
  static const WordBuckets verbs = [] {
    std::vector<std::string_view> all(kSpeechVerbs.begin(), kSpeechVerbs.end());
    all.push_back("according");
    return WordBuckets(all);
  }();
  static constexpr std::size_t kLongest = 12;
  const std::size_t length = word.size();
  if (length < 4 || length > kLongest) return false;
  // Every one of them ends in d, s, e or g.
  const char last = static_cast<char>(word.back() | 0x20);
  if (last != 'd' && last != 's' && last != 'e' && last != 'g') return false;
  std::array<char, kLongest> lower{};
  for (std::size_t k = 0; k < length; ++k) lower[k] = static_cast<char>(word[k] | 0x20);
  return verbs.Contains(std::string_view(lower.data(), length));
}

// Whether a stretch of text opens with a pronoun as the speaker of a verb
// of speech ("he said", "she also told"): the speaker is named elsewhere.
bool PronounSpeaks(std::string_view s) {
  static constexpr std::array<std::string_view, 4> kPronouns = {"he", "she", "they", "it"};
  static constexpr std::array<std::string_view, 3> kAdverbs = {"also", "later", "then"};
  // Most stretches open with some other word: read one word first.
  if (!OneOf(FirstWords(s, 1)[0], kPronouns)) return false;
  const FirstWords w(s);
  return OneOf(w[1], kSpeechVerbs) || (OneOf(w[1], kAdverbs) && OneOf(w[2], kSpeechVerbs));
}

// "It is unclear whether ...", "It's expected to ...": an "it" that stands
// for nothing before it.
bool ExpletiveIt(const FirstWords& w) {
  static constexpr std::array<std::string_view, 14> kVerbs = {
      "is", "was", "remains", "remained", "has", "had", "will", "would", "may", "might", "could", "seems", "seemed",
      "appears"};
  static constexpr std::array<std::string_view, 21> kPredicates = {
      "clear",   "unclear",  "expected", "likely",    "unlikely",  "possible", "impossible",
      "understood", "believed", "thought", "estimated", "reported", "important", "hard",
      "difficult", "easy",    "time",     "too",       "now",       "uncertain", "known"};
  std::size_t k = 1;
  if (w[0] == "it's") {
    k = 1;
  } else if (w[0] == "it" && OneOf(w[1], kVerbs)) {
    k = 2;
  } else {
    return false;
  }
  while (k < w.size() && (w[k] == "not" || w[k] == "been" || w[k] == "be" || w[k] == "still")) ++k;
  return k < w.size() && OneOf(w[k], kPredicates);
}

// Which way a straight double quote at s[i] faces: 1 opens (after a space,
// before a word), -1 closes (after a word, before a space or punctuation),
// 0 when it cannot be told (then it toggles).
int StraightDirection(std::string_view s, std::size_t i) {
  const auto IsGap = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '(' || c == '['; };
  const auto IsEnd = [](char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == ',' || c == '.' || c == ';' || c == ':' || c == '!' || c == '?' ||
           c == ')' || c == ']';
  };
  const bool before_gap = i == 0 || IsGap(s[i - 1]);
  const bool after_end = i + 1 >= s.size() || IsEnd(s[i + 1]);
  if (before_gap && !after_end) return 1;
  if (!before_gap && after_end) return -1;
  return 0;
}

// What a byte can be to ScanSentence: plain (a space, a digit, other
// punctuation, a continuation byte: it changes nothing but ends a
// reopened quote's skip), an ASCII letter, or anything else (quotation
// marks, clause punctuation, other letters), read in full.
enum class ByteClass : unsigned char { kOther, kPlain, kAsciiLetter };
constexpr std::array<ByteClass, 256> kByteClass = [] {
  std::array<ByteClass, 256> t{};
  for (int c = 0; c < 0x80; ++c) t[static_cast<std::size_t>(c)] = ByteClass::kPlain;
  for (int c = 0x80; c < 0xC2; ++c) t[static_cast<std::size_t>(c)] = ByteClass::kPlain;
  for (int c = 'a'; c <= 'z'; ++c) {
    t[static_cast<std::size_t>(c)] = t[static_cast<std::size_t>(c - 32)] = ByteClass::kAsciiLetter;
  }
  for (const char c : std::string_view("\"`',;:")) t[static_cast<unsigned char>(c)] = ByteClass::kOther;
  return t;
}();

// Per sentence, what the scan of its quotation marks found.
struct Scan {
  bool start_open = false;   // inside a quotation when it starts
  bool end_open = false;     // still inside one when it ends
  bool stray_close = false;  // closes a quotation it did not open (its start is elsewhere or lost)
  bool has_mark = false;
  bool outside_letters = false;  // a letter outside every quotation
  bool pronoun_speaker = false;  // "..., he said"
  bool speech = false;           // a verb of speech outside quotes, or a colon before one
};

struct QuoteState {
  bool double_open = false;
  bool single_open = false;
  bool Open() const { return double_open || single_open; }
};

// Scans one sentence from `state`, updating it. `singles`: whether curly
// single marks count as quotation marks. `skip_opening`: the sentence's
// first mark reopens the quotation the paragraph before left open.
Scan ScanSentence(std::string_view s, bool singles, bool skip_opening, QuoteState* state) {
  Scan scan;
  scan.start_open = state->Open();
  bool segment_start = true;  // at the start of a stretch outside quotes: check its speaker
  for (std::size_t i = 0; i < s.size();) {
    const ByteClass kind = kByteClass[static_cast<unsigned char>(s[i])];
    if (kind == ByteClass::kPlain) {
      skip_opening = false;
      ++i;
      continue;
    }
    if (kind == ByteClass::kAsciiLetter) {
      // A word of ASCII letters holds no mark, and its letters after the
      // first change nothing: the common case, taken at once.
      skip_opening = false;
      const std::size_t start = i;
      i = internal::AsciiLetterRunEnd(s, i + 1);
      if (!state->Open()) {
        scan.outside_letters = true;
        if (segment_start) {
          segment_start = false;
          // "he", "she", "they", "it" are the only speakers PronounSpeaks reads.
          const char c = static_cast<char>(s[start] | 0x20);
          if ((c == 'h' || c == 's' || c == 't' || c == 'i') && PronounSpeaks(s.substr(start))) {
            scan.pronoun_speaker = true;
          }
        }
        if (!scan.speech && (start == 0 || !IsAsciiLetter(s[start - 1])) && IsSpeechVerb(s.substr(start, i - start))) {
          scan.speech = true;
        }
      }
      continue;
    }
    std::size_t length = 1;
    Mark mark = MarkAt(s, i, &length);
    if (!singles && (mark == Mark::kSingleOpen || mark == Mark::kSingleClose)) mark = Mark::kNone;
    if (mark == Mark::kSingleClose && !state->single_open) mark = Mark::kNone;  // an apostrophe (students’)
    if (mark != Mark::kNone) {
      scan.has_mark = true;
      if (skip_opening) {
        skip_opening = false;
        i += length;
        continue;
      }
      const bool was_open = state->Open();
      switch (mark) {
        case Mark::kDoubleOpen: state->double_open = true; break;
        case Mark::kDoubleClose:
          if (!state->double_open) scan.stray_close = true;
          state->double_open = false;
          break;
        case Mark::kDoubleStraight:
          switch (StraightDirection(s, i)) {
            case 1: state->double_open = true; break;
            case -1:
              if (!state->double_open) scan.stray_close = true;
              state->double_open = false;
              break;
            default: state->double_open = !state->double_open; break;
          }
          break;
        case Mark::kSingleOpen: state->single_open = true; break;
        case Mark::kSingleClose: state->single_open = false; break;
        case Mark::kNone: break;
      }
      if (was_open && !state->Open()) segment_start = true;
      i += length;
      continue;
    }
    skip_opening = false;
    if (!state->Open()) {
      const char c = s[i];
      if (c == ':') scan.speech = true;
      if (c == ',' || c == ';' || c == ':') {
        segment_start = true;
      } else if (IsLetterByte(static_cast<unsigned char>(c))) {
        // A letter outside ASCII (ASCII words are taken above): no verb
        // of speech starts with one.
        scan.outside_letters = true;
        if (segment_start) {
          segment_start = false;
          if (PronounSpeaks(s.substr(i))) scan.pronoun_speaker = true;
        }
      }
    }
    i += length;
  }
  scan.end_open = state->Open();
  return scan;
}

// Whether the paragraph starting at `s` opens with a quotation mark of the
// given kind (a reopened quote of several paragraphs).
bool OpensWithMark(std::string_view s, bool single) {
  std::size_t i = 0;
  while (i < s.size() && (s[i] == ' ' || s[i] == '\t')) ++i;
  std::size_t length = 1;
  const Mark mark = MarkAt(s, i, &length);
  return single ? mark == Mark::kSingleOpen : (mark == Mark::kDoubleOpen || mark == Mark::kDoubleStraight);
}

// "As of November 1, their employees ...", "On Friday, he ...": a short
// time or place phrase, then a pronoun that stands for someone named in an
// earlier sentence (the phrase names no one it could stand for).
bool PronounAfterOpeningPhrase(std::string_view s) {
  static constexpr std::array<std::string_view, 21> kPhraseOpeners = {
      "as",     "on",    "in",     "at",   "by",      "since", "after", "before", "during", "until", "within",
      "from",   "earlier", "later", "last", "over",   "for",   "to",    "like",   "unlike", "with"};
  static constexpr std::array<std::string_view, 9> kPersonal = {"he",   "she",   "they",  "his", "her",
                                                                 "their", "them", "these", "those"};
  // Pronouns that are objects only: inside the opening phrase they stand
  // for someone named before ("For him,", "Like them,"), where a possessive
  // often names who the sentence goes on to name ("In his speech, Vance said").
  static constexpr std::array<std::string_view, 2> kObjects = {"him", "them"};
  // Short: up to this many bytes before the comma.
  constexpr std::size_t kMaxPhraseBytes = 64;
  if (!OneOf(FirstWords(s, 1)[0], kPhraseOpeners)) return false;
  const std::size_t comma = s.substr(0, kMaxPhraseBytes).find(',');
  if (comma == std::string_view::npos) return false;
  const std::string_view phrase = s.substr(0, comma);
  if (phrase.find('"') != std::string_view::npos || phrase.find("\xE2\x80\x9C") != std::string_view::npos) return false;
  const FirstWords phrase_words(phrase);
  for (std::size_t k = 1; k < FirstWords::kMax; ++k) {
    if (OneOf(phrase_words[k], kObjects)) return true;
  }
  return OneOf(FirstWords(s.substr(comma + 1), 1)[0], kPersonal);
}

// "At the old pier, for example, the planks ...": an example of what the
// sentence before said, given early in this one.
bool ExampleOfWhatCameBefore(std::string_view s) {
  constexpr std::size_t kWithin = 60;
  const std::string_view head = s.substr(0, kWithin);
  return head.find(", for example,") != std::string_view::npos ||
         head.find(", for instance,") != std::string_view::npos;
}

// A sentence that is all one parenthesis: an aside on the sentence before.
bool Aside(std::string_view s) {
  while (!s.empty() && (s.back() == ' ' || s.back() == '.')) s.remove_suffix(1);
  return s.size() > 2 && s.front() == '(' && s.back() == ')';
}

// Where the second word of a sentence ends (at a space or a comma), where
// it starts (`start`), and the first byte after it that is not a space or
// a comma (`next`): what follows "The company" in "The company, Bluewake
// Lines, said".
std::size_t SecondWordEnd(std::string_view s, std::size_t* next, std::size_t* start = nullptr) {
  std::size_t i = 0;
  const auto skip = [&](auto pred) {
    while (i < s.size() && pred(static_cast<unsigned char>(s[i]))) ++i;
  };
  const auto word_byte = [](unsigned char c) { return c > ' ' && c != ','; };
  const auto gap = [](unsigned char c) { return c == ' ' || c == '\t'; };
  skip(word_byte);
  skip(gap);
  if (start != nullptr) *start = i;
  skip(word_byte);
  const std::size_t end = i;
  skip([&](unsigned char c) { return gap(c) || c == ','; });
  *next = i;
  return end;
}

// "The company said ...", "The board's report ...": a body or a person
// known by a common noun alone, which the article named before ("Bluewake
// Lines ... The company said"). Away from that sentence the reader cannot
// tell which company. Things a story is about (the ferry, the storm) and
// bodies a story has one of (the police, the government, the council, the
// union) are not listed: "the ferry" reads right in a brief about one ferry.
bool NamelessBody(const FirstWords& w, std::string_view sentence) {
  static const WordBuckets kNouns({"company", "firm", "board", "agency", "ministry", "department", "airline",
                                   "carrier", "operator", "group", "organisation", "organization", "bank", "lender",
                                   "insurer", "retailer", "manufacturer", "charity", "man", "woman", "boy", "girl",
                                   "couple", "suspect", "spokesman", "spokeswoman", "spokesperson", "minister",
                                   "lawmaker", "senator", "official", "executive"});
  if (w[0] != "the" || !kNouns.Contains(w.Head(1))) return false;
  // "The company, Bluewake Lines, said", "The firm Ardent Labs said": the
  // name follows.
  std::size_t i = 0;
  SecondWordEnd(sentence, &i);
  return !(i < sentence.size() && sentence[i] >= 'A' && sentence[i] <= 'Z');
}

// "Many of the callers", "Two of the injured": a part of a group the
// sentence before named. Not "Some of the world's ..." nor "Most of the
// largest ...", which name the group themselves.
// The words that open a part of a group ("Many of", "Two of"); "The
// majority of", "The rest of" open one too.
constexpr std::array<std::string_view, 15> kGroupParts = {"many", "some", "most",  "all",  "none",
                                                          "few",  "several", "half", "each", "both",
                                                          "one",  "two",  "three", "four", "five"};

bool PartOfAGroup(const FirstWords& w) {
  std::size_t k = 0;
  if (w[0] == "the" && (w[1] == "majority" || w[1] == "rest" || w[1] == "remainder")) {
    k = 1;
  } else if (!OneOf(w[0], kGroupParts)) {
    return false;
  }
  if (w[k + 1] != "of" || k + 2 >= FirstWords::kMax) return false;
  if (k + 3 >= FirstWords::kMax) return w[k + 2] == "the" || w[k + 2] == "them" || w[k + 2] == "those";
  if (w[k + 2] == "them" || w[k + 2] == "those" || w[k + 2] == "these") return true;
  if (w[k + 2] != "the") return false;
  const std::string_view noun = w[k + 3];
  const bool superlative = noun.size() > 4 && noun.substr(noun.size() - 3) == "est";
  return !noun.empty() && w.Head(k + 3) == noun && !superlative && noun != "world" && noun != "country";
}

// The common noun after an opening "The" ("nurse" of "The nurse, who ...",
// "The nurse noticed ..."), when what follows it reads as the rest of its
// sentence (a comma, a verb in -ed, an auxiliary or a verb of speech), not
// as more of the noun ("The fire department said"): "" otherwise.
std::string_view DefiniteSubjectOf(const FirstWords& w, std::string_view sentence) {
  static const WordBuckets kAuxiliaries({"is", "was", "were", "are", "has", "had", "have", "will", "would", "could",
                                         "can", "may", "might", "should", "must", "did", "does", "also", "then",
                                         "later", "who", "which", "that"});
  if (w[0] != "the" || w[1].size() < 3 || w.Head(1) != w[1]) return {};
  std::size_t after = 0, start = 0;
  const std::size_t end = SecondWordEnd(sentence, &after, &start);
  // The noun as the sentence writes it (w holds a lower-case copy).
  const std::string_view noun = sentence.substr(start, w[1].size());
  if (end < sentence.size() && sentence[end] == ',') return noun;
  const std::string_view next = w[2];
  const bool past = next.size() > 3 && next.substr(next.size() - 2) == "ed";
  return past || kAuxiliaries.Contains(next) || IsSpeechVerb(next) ? noun : std::string_view();
}

// Whether `text` brings in `noun` as new: "a nurse", "an old nurse", "a
// two-day recount" (up to two words between), as whole words.
bool IntroducesIndefinitely(std::string_view text, std::string_view noun) {
  for (std::size_t at = text.find(noun); at != std::string_view::npos; at = text.find(noun, at + 1)) {
    const std::size_t end = at + noun.size();
    if ((at > 0 && IsAsciiLetter(text[at - 1])) || (end < text.size() && IsAsciiLetter(text[end]))) continue;
    // Back over up to three words: one of them must be "a" or "an".
    std::size_t i = at;
    for (int words = 0; words < 3 && i > 0; ++words) {
      while (i > 0 && text[i - 1] == ' ') --i;
      const std::size_t word_end = i;
      while (i > 0 && (IsAsciiLetter(text[i - 1]) || text[i - 1] == '-')) --i;
      const std::string_view word = text.substr(i, word_end - i);
      if (word == "a" || word == "an" || word == "A" || word == "An") return true;
      if (word.empty() || (word.front() >= 'A' && word.front() <= 'Z')) break;
    }
  }
  return false;
}

}  // namespace

std::string_view DefiniteSubject(std::string_view sentence) {
  if (sentence.substr(0, 4) != "The ") return {};
  return DefiniteSubjectOf(FirstWords(sentence), sentence);
}

bool OpensByPointingBack(std::string_view sentence) {
  if (PronounAfterOpeningPhrase(sentence) || Aside(sentence) || ExampleOfWhatCameBefore(sentence)) return true;
  // Pronouns and demonstratives that stand for someone or something named before.
  static constexpr std::array<std::string_view, 14> kPointers = {
      "he", "she", "they", "his", "her", "their", "them", "these", "those", "that", "such", "both", "which", "none"};
  // Adverbials that take up what the sentence before said.
  static constexpr std::array<std::string_view, 10> kAdverbials = {
      "indeed", "additionally", "nonetheless", "nevertheless", "similarly", "likewise", "consequently",
      "accordingly", "afterwards", "actually"};
  // Two-word openings: "In fact", "The move", "Even so", ...
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 24> kPairs = {{
      {"in", "fact"},     {"in", "turn"},      {"in", "other"},    {"by", "contrast"},  {"by", "then"},
      {"even", "so"},     {"since", "then"},   {"after", "that"},  {"the", "move"},     {"the", "latter"},
      {"the", "former"},  {"the", "comments"}, {"the", "remarks"}, {"the", "statement"}, {"as", "such"},
      {"for", "example"}, {"for", "instance"}, {"an", "example"},  {"one", "example"},  {"of", "course"},
      {"the", "two"},     {"the", "three"},    {"the", "pair"},    {"the", "trio"}}};
  // "This week" and "This year" point at the calendar, not at a sentence.
  static constexpr std::array<std::string_view, 14> kTimes = {
      "week", "year", "month", "morning", "afternoon", "evening", "weekend", "summer", "spring", "fall",
      "autumn", "winter", "season", "past"};
  // Every rule below starts from one of these first words (or from the
  // head of a word with an apostrophe): most sentences open with another,
  // told from their first word alone.
  static const WordBuckets kOpenings = [] {
    std::vector<std::string_view> all(kPointers.begin(), kPointers.end());
    all.insert(all.end(), kAdverbials.begin(), kAdverbials.end());
    for (const auto& [first, second] : kPairs) all.push_back(first);
    all.insert(all.end(), kGroupParts.begin(), kGroupParts.end());
    for (const std::string_view word : {"this", "it", "as", "on", "at", "despite", "in", "for", "because", "well"}) {
      all.push_back(word);
    }
    return WordBuckets(all);
  }();
  const FirstWords first(sentence, 1);
  if (first[0].empty() || (first.Head(0) == first[0] && !kOpenings.Contains(first[0]))) return false;
  const FirstWords w(sentence);
  if (OneOf(w[0], kPointers) || OneOf(w[0], kAdverbials)) return true;
  // "That's", "He's", "They're": the pronoun before the apostrophe.
  const std::string_view head = w.Head(0);
  if (head != w[0] && OneOf(head, kPointers)) return true;
  if (w[0] == "this") {
    return !OneOf(w.Head(1), kTimes);
  }
  if (head == "it") return !ExpletiveIt(w);
  if (w[0] == "as" && w[1] == "a" && w[2] == "result") return true;
  if (w[0] == "on" && w[1] == "the" && w[2] == "other") return true;
  if (w[0] == "at" && w[1] == "the" && w[2] == "time") return w[3] != "of";
  if (w[0] == "at" && w[1] == "that" && (w[2] == "time" || w[2] == "point")) return true;
  if (w[0] == "despite" && (w[1] == "this" || w[1] == "that")) return true;
  // "In addition," takes up what came before; "In addition to ..." names it.
  if (w[0] == "in" && (w[1] == "addition" || w[1] == "response" || w[1] == "contrast")) return w[2] != "to";
  if (w[0] == "for" && (w[1] == "this" || w[1] == "that") && w[2] == "reason") return true;
  // "The words were those of ...": the quote before; not "The words \"night
  // ferry\" were painted over".
  if (w[0] == "the" && w[1] == "words" && (w[2] == "were" || w[2] == "are" || w[2] == "came")) return true;
  if (NamelessBody(w, sentence) || PartOfAGroup(w)) return true;
  // "Well, the ferry never ran on time.": an answer to what came before
  // ("Well over 100 people" is a quantity).
  if (w[0] == "well") {
    const std::size_t at = sentence.find_first_of("Ww");
    return at != std::string_view::npos && sentence.substr(at + 4, 1) == ",";
  }
  // "Each was fined 200 crowns": each of those named before ("Each year"
  // is the calendar).
  if (w[0] == "each") {
    static const WordBuckets kVerbs({"was", "were", "is", "are", "has", "had", "have", "will", "would", "said", "says",
                                     "received", "faces", "faced", "got", "gets"});
    return kVerbs.Contains(w[1]);
  }
  // "The decision was made at the board's meeting": an event told before;
  // "The decision to close the mill" names it.
  if (w[0] == "the" && (w[1] == "decision" || w[1] == "incident" || w[1] == "announcement")) {
    return w[2] != "to" && w[2] != "of" && w[2] != "by" && w[2] != "that";
  }
  if (w[0] == "because" && w[1] == "of" && (w[2] == "this" || w[2] == "that")) return true;
  return std::find(kPairs.begin(), kPairs.end(), std::pair<std::string_view, std::string_view>(w[0], w[1])) !=
         kPairs.end();
}

// How far back the one "The nurse" stands for may have been brought in.
constexpr std::size_t kFurthestAntecedent = 5;

void AnalyzeStanding(const std::vector<std::string_view>& sentences, const std::vector<bool>& paragraph_start,
                     std::vector<Standing>* out) {
  const std::size_t n = sentences.size();
  out->assign(n, Standing{});
  std::vector<Scan> scans(n);
  QuoteState carried;  // what the paragraph before left open, when the next reopens it
  for (std::size_t begin = 0; begin < n;) {
    std::size_t end = begin + 1;
    while (end < n && !(end < paragraph_start.size() && paragraph_start[end])) ++end;
    // A paragraph left with a single quotation open that the next does not
    // reopen misread an apostrophe as one: read it again without singles.
    const bool continues_double = carried.double_open && OpensWithMark(sentences[begin], false);
    const bool continues_single = carried.single_open && OpensWithMark(sentences[begin], true);
    for (const bool singles : {true, false}) {
      QuoteState state;
      state.double_open = continues_double;
      state.single_open = singles && continues_single;
      for (std::size_t k = begin; k < end; ++k) {
        scans[k] = ScanSentence(sentences[k], singles, k == begin && (continues_double || state.single_open), &state);
      }
      const bool next_reopens_single = end < n && OpensWithMark(sentences[end], true);
      if (!singles || !state.single_open || next_reopens_single) {
        carried = state;
        break;
      }
    }
    begin = end;
  }
  for (std::size_t k = 0; k < n; ++k) {
    const Scan& s = scans[k];
    Standing& st = (*out)[k];
    st.quote_open_before = s.start_open;
    st.quote_open_after = s.end_open;
    st.quote_cut = s.stray_close;
    st.all_quoted = (s.has_mark || s.start_open) && !s.outside_letters;
    st.quote_only = !st.InQuoteSpan() && st.all_quoted;
    st.leans_back = s.pronoun_speaker || OpensByPointingBack(sentences[k]);
    // "A nurse found particles in a vial. The nurse, who works at ...":
    // the one a sentence shortly before brought in.
    if (!st.leans_back && k > 0) {
      const std::string_view noun = DefiniteSubject(sentences[k]);
      for (std::size_t back = 1; !noun.empty() && back <= std::min(k, kFurthestAntecedent); ++back) {
        if (!IntroducesIndefinitely(sentences[k - back], noun)) continue;
        st.leans_back = back == 1;
        st.antecedent_back = back == 1 ? 0 : static_cast<unsigned>(back);
        break;
      }
    }
    st.reports_speech = s.speech;
  }
  // A quotation still open where the article ends is cut.
  for (std::size_t k = n; k > 0 && (*out)[k - 1].quote_open_after; --k) (*out)[k - 1].quote_cut = true;
}

}  // namespace precis::text
