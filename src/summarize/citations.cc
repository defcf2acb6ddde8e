#include "summarize/citations.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>
#include <cstdlib>
#include <initializer_list>
#include <string>
#include <unordered_map>

#include "common/swar.h"

namespace precis::embedded {
extern const unsigned char rouge_exceptions[];
extern const std::size_t rouge_exceptions_size;
}  // namespace precis::embedded

namespace precis::summarize::detail {
namespace {

// WordNet's morphological exception lists (irregular plurals and verb
// forms -> base form), the table ROUGE's stemmer also carries: Snowball
// leaves "withdrew", "told" and "children" as they are, so a sentence
// saying "withdrew" would not meet one saying "withdraw" without it.
const std::unordered_map<std::string_view, std::string_view>& Exceptions() {
  static const auto* table = [] {
    auto* map = new std::unordered_map<std::string_view, std::string_view>();
    const std::string_view data(reinterpret_cast<const char*>(embedded::rouge_exceptions),
                                embedded::rouge_exceptions_size);
    std::size_t start = 0;
    while (start < data.size()) {
      std::size_t end = data.find('\n', start);
      if (end == std::string_view::npos) end = data.size();
      const std::string_view line = data.substr(start, end - start);
      start = end + 1;
      const std::size_t tab = line.find('\t');
      if (tab == std::string_view::npos || tab == 0 || tab + 1 >= line.size()) continue;
      map->emplace(line.substr(0, tab), line.substr(tab + 1));
    }
    return map;
  }();
  return *table;
}

struct NumberWord {
  std::string_view word;
  std::string_view digits;
};
// Counting words as digits. Not "one" (a pronoun as often as a count) and
// not "second" (time, or an ordinal); the rest rarely mean anything else.
// "million" and "thousand" scale a count rather than being one: "18
// million" and "13 million" share no number. Snowball's stems of the words
// it changes follow, as fact keys are made from stems.
constexpr std::array<NumberWord, 41> kNumberWords = {{
    {"two", "2"},        {"three", "3"},     {"four", "4"},      {"five", "5"},        {"six", "6"},
    {"seven", "7"},      {"eight", "8"},     {"nine", "9"},      {"ten", "10"},        {"eleven", "11"},
    {"twelve", "12"},    {"thirteen", "13"}, {"fourteen", "14"}, {"fifteen", "15"},    {"sixteen", "16"},
    {"seventeen", "17"}, {"eighteen", "18"}, {"nineteen", "19"}, {"twenty", "20"},     {"thirty", "30"},
    {"forty", "40"},     {"fifty", "50"},    {"sixty", "60"},    {"seventy", "70"},    {"eighty", "80"},
    {"ninety", "90"},    {"hundred", "100"}, {"dozen", "12"},    {"third", "3rd"},     {"fourth", "4th"},
    {"fifth", "5th"},    {"twelv", "12"},    {"twenti", "20"},   {"thirti", "30"},     {"forti", "40"},
    {"fifti", "50"},     {"sixti", "60"},    {"seventi", "70"},  {"eighti", "80"},     {"nineti", "90"},
    {"hundr", "100"},
}};

// The entry of kNumberWords spelled `lower`, or null. Looked up for every
// new stem of a story (FactKey): by length and first byte, a word meets
// at most a few entries instead of all of them.
const NumberWord* FindNumberWord(std::string_view lower) {
  constexpr std::size_t kLongest = 9;
  static const auto buckets = [] {
    std::array<std::vector<const NumberWord*>, kLongest * 26> b;
    for (const NumberWord& n : kNumberWords) b[(n.word.size() - 1) * 26 + static_cast<std::size_t>(n.word[0] - 'a')].push_back(&n);
    return b;
  }();
  if (lower.empty() || lower.size() > kLongest || lower[0] < 'a' || lower[0] > 'z') return nullptr;
  for (const NumberWord* n : buckets[(lower.size() - 1) * 26 + static_cast<std::size_t>(lower[0] - 'a')]) {
    if (n->word == lower) return n;
  }
  return nullptr;
}

// Verbs that attribute speech.
constexpr std::array<std::string_view, 24> kSpeechVerbs = {
    "said",    "says",     "say",      "told",    "tells",    "stated",  "states",    "added",
    "adds",    "noted",    "explained", "warned", "insisted", "stressed", "underlined", "underscored",
    "claimed", "declared", "announced", "argued", "wrote",    "asked",   "replied",   "emphasized"};

bool IsSpeechVerb(std::string_view word) {
  return std::find(kSpeechVerbs.begin(), kSpeechVerbs.end(), word) != kSpeechVerbs.end();
}

// `word` equals `lower` but for the case of its ASCII letters (no copy:
// these run on every word of many sentences).
bool EqualsIgnoringCase(std::string_view word, std::string_view lower) {
  if (word.size() != lower.size()) return false;
  for (std::size_t i = 0; i < word.size(); ++i) {
    char c = word[i];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c != lower[i]) return false;
  }
  return true;
}

// A few lower-case ASCII words, looked up whatever the case of the word
// asked, among the one or two of its length and first letter (this runs on
// every word of many sentences).
class WordSet {
 public:
  template <typename Range, typename Word>
  WordSet(const Range& entries, Word word) {
    for (const auto& entry : entries) {
      const std::string_view w = word(entry);
      buckets_[Bucket(w)].push_back(w);
    }
  }
  bool ContainsIgnoringCase(std::string_view word) const {
    if (word.empty() || word.size() > kLongest) return false;
    for (const std::string_view w : buckets_[Bucket(word)]) {
      if (EqualsIgnoringCase(word, w)) return true;
    }
    return false;
  }

 private:
  static constexpr std::size_t kLongest = 15;
  static std::size_t Bucket(std::string_view w) {
    return std::min(w.size(), kLongest) * 32 + (static_cast<unsigned char>(w[0]) | 0x20) % 32;
  }
  std::array<std::vector<std::string_view>, (kLongest + 1) * 32> buckets_;
};

bool IsSpeechVerbWord(std::string_view word) {
  static const WordSet verbs(kSpeechVerbs, [](std::string_view v) { return v; });
  return verbs.ContainsIgnoringCase(word);
}

// Whether a word is a counting word of kNumberWords, in any case.
bool IsCountingWord(std::string_view word) {
  static const WordSet counting(kNumberWords, [](const NumberWord& n) { return n.word; });
  return counting.ContainsIgnoringCase(word);
}

// What a byte does at the edge of a word (Words): stripped at its end,
// also ending a clause, stripped at its start.
constexpr unsigned char kStripEnd = 1, kPause = 2, kStripStart = 4;
constexpr std::array<unsigned char, 256> kEdge = [] {
  std::array<unsigned char, 256> t{};
  for (const char c : std::string_view(",.;:!?\"'()[]")) t[static_cast<unsigned char>(c)] |= kStripEnd;
  for (const char c : std::string_view(",.;:!?")) t[static_cast<unsigned char>(c)] |= kPause;
  for (const char c : std::string_view("\"'([")) t[static_cast<unsigned char>(c)] |= kStripStart;
  return t;
}();

// The words of a sentence with the punctuation around them stripped, into
// `words` (cleared). `pause`, when given, gets per word whether punctuation
// that ends a clause (, . ; : ! ?) followed it. The callers on every
// sentence keep their vectors: no allocation per sentence.
void SplitWords(std::string_view text, std::vector<std::string_view>* words, std::vector<bool>* pause) {
  words->clear();
  if (pause != nullptr) pause->clear();
  const auto edge = [](char c) { return kEdge[static_cast<unsigned char>(c)]; };
  std::size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && text[i] == ' ') ++i;
    const std::size_t end = internal::FindByte(text, i, ' ');
    std::string_view w = text.substr(i, end - i);
    i = end;
    bool paused = false;
    // ASCII punctuation and the UTF-8 quotation marks (3 bytes, E2 80 xx).
    for (;;) {
      if (!w.empty() && (edge(w.back()) & kStripEnd) != 0) {
        paused = paused || (edge(w.back()) & kPause) != 0;
        w.remove_suffix(1);
      } else if (w.size() >= 3 && static_cast<unsigned char>(w[w.size() - 3]) == 0xE2 &&
                 static_cast<unsigned char>(w[w.size() - 2]) == 0x80) {
        w.remove_suffix(3);
      } else {
        break;
      }
    }
    for (;;) {
      if (!w.empty() && (edge(w.front()) & kStripStart) != 0) {
        w.remove_prefix(1);
      } else if (w.size() >= 3 && static_cast<unsigned char>(w[0]) == 0xE2 && static_cast<unsigned char>(w[1]) == 0x80) {
        w.remove_prefix(3);
      } else {
        break;
      }
    }
    if (w.empty()) continue;
    words->push_back(w);
    if (pause != nullptr) pause->push_back(paused);
  }
}

std::vector<std::string_view> Words(std::string_view text, std::vector<bool>* pause = nullptr) {
  std::vector<std::string_view> words;
  SplitWords(text, &words, pause);
  return words;
}

std::string Lower(std::string_view w) {
  std::string lower(w);
  for (char& c : lower) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return lower;
}

bool Capitalized(std::string_view w) { return !w.empty() && w.front() >= 'A' && w.front() <= 'Z'; }

}  // namespace

namespace {

bool Among(std::string_view word, std::initializer_list<std::string_view> list) {
  return std::find(list.begin(), list.end(), word) != list.end();
}

// Among, for a word as written (no lower-case copy).
bool AmongIgnoringCase(std::string_view word, std::initializer_list<std::string_view> list) {
  return std::any_of(list.begin(), list.end(), [&](std::string_view w) { return EqualsIgnoringCase(word, w); });
}

// The number a word spells, as a fact key, or empty: "12", "1,200" ->
// "1200", "twelve" -> "12".
std::string NumberValue(const std::string& lower, std::string* buffer) {
  if (lower.empty()) return {};
  if (lower.front() >= '0' && lower.front() <= '9') {
    if (lower.find_first_not_of("0123456789,.") != std::string::npos) return {};
    std::string value(FactKey(lower, lower, true, buffer));
    while (!value.empty() && value.back() == '.') value.pop_back();
    return IsNumberKey(value) ? value : std::string();
  }
  // Only the counting words can spell a number (not FactKey's exception
  // table: this runs on every word of a sentence).
  const NumberWord* n = FindNumberWord(lower);
  if (n == nullptr) return {};
  return n->digits.find_first_not_of("0123456789") == std::string_view::npos ? std::string(n->digits) : std::string();
}

bool IsMonthOrDay(const std::string& lower) {
  static constexpr std::string_view kWords[] = {
      "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "january",
      "february", "march", "april", "june", "july", "august", "september", "october", "november", "december",
      "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"};
  return std::find(std::begin(kWords), std::end(kWords), lower) != std::end(kWords);
}

bool HasQuoteMark(std::string_view text) {
  return text.find('"') != std::string_view::npos || text.find("\xE2\x80\x9C") != std::string_view::npos ||
         text.find("\xE2\x80\x9D") != std::string_view::npos;
}

}  // namespace

std::vector<std::string_view> SentenceWords(std::string_view text, std::vector<bool>* pause) { return Words(text, pause); }
std::string LowerAscii(std::string_view word) { return Lower(word); }
bool IsSpeechWord(std::string_view lower) { return IsSpeechVerb(lower); }

std::vector<NumberSlot> NumberSlots(std::string_view text) {
  std::vector<NumberSlot> slots;
  thread_local std::vector<bool> pause;
  thread_local std::vector<std::string_view> words;
  SplitWords(text, &words, &pause);
  std::string buffer;
  for (std::size_t i = 0; i < words.size(); ++i) {
    // Only digits and the first letters of counting words can start a number.
    const char first = words[i].front();
    const bool digit = first >= '0' && first <= '9';
    if (!digit) {
      const char letter = static_cast<char>(first | 0x20);
      if (letter != 't' && letter != 'f' && letter != 's' && letter != 'e' && letter != 'n' && letter != 'd' &&
          letter != 'h') {
        continue;
      }
    }
    // Only digits, a counting word or an age ("twelve-year-old") give a
    // value (NumberValue below): other words are passed before any copy.
    if (!digit && !IsCountingWord(words[i]) && words[i].find('-') == std::string_view::npos) continue;
    const std::string lower = Lower(words[i]);
    NumberSlot slot;
    slot.word = i;
    // "34-year-old": an age.
    if (const std::size_t dash = lower.find("-year-old"); dash != std::string::npos && dash > 0) {
      slot.value = NumberValue(lower.substr(0, dash), &buffer);
      slot.what = "age";
    } else {
      slot.value = NumberValue(lower, &buffer);
    }
    if (slot.value.empty()) continue;
    slot.shown = slot.value;
    std::size_t j = i + 1;
    bool paused = pause[i];
    // Scale words belong to the number: "18 million" is not "18".
    while (!paused && j < words.size() && AmongIgnoringCase(words[j], {"million", "billion", "thousand"})) {
      slot.value += Lower(words[j]);
      slot.shown += ' ';
      slot.shown += Lower(words[j]);
      paused = pause[j];
      ++j;
    }
    const std::string before = i > 0 ? Lower(words[i - 1]) : std::string();
    if (Among(before, {"about", "around", "some", "roughly", "approximately", "estimated", "circa", "nearly",
                       "almost"})) {
      slot.bound = NumberSlot::kAbout;
    } else if (Among(before, {"least", "over", "than", "above"})) {
      // "at least 12", "more than 4,000", "over 300": a lower bound ("fewer
      // than" is rarer in news and read the same way: no claim of equality).
      slot.bound =
          i > 1 && AmongIgnoringCase(words[i - 2], {"fewer", "less"}) ? NumberSlot::kAtMost : NumberSlot::kAtLeast;
    } else if (Among(before, {"up", "to", "under", "below"}) && i > 1 && EqualsIgnoringCase(words[i - 2], "up")) {
      slot.bound = NumberSlot::kAtMost;
    } else if (Among(before, {"under", "below"})) {
      slot.bound = NumberSlot::kAtMost;
    }
    if (slot.what.empty() && (before == "aged" || before == "age")) slot.what = "age";
    // "Rook, 38, is ...": an age after a name.
    // (Not "Oct. 21," nor "Monday, 12,": a date.)
    if (slot.what.empty() && i > 0 && pause[i - 1] && pause[i] && Capitalized(words[i - 1]) && slot.value.size() <= 3 &&
        !IsMonthOrDay(Lower(words[i - 1]))) {
      slot.what = "age";
      slot.who = Lower(words[i - 1]);
    }
    // What is counted: the next word ("12 people injured" -> "injured",
    // past the words that only link), or, when the number ends a clause
    // ("a margin of just 212, according to"), the word it followed.
    for (std::size_t k = j; slot.what.empty() && !paused && k < words.size() && k < j + 4; ++k) {
      const std::string next = Lower(words[k]);
      if (Among(next, {"people", "more", "other", "were", "was", "are", "is", "have", "has", "had", "been", "of",
                       "the", "new", "additional", "further", "in", "all"})) {
        if (pause[k]) break;
        continue;
      }
      slot.what = next;
    }
    for (std::size_t k = i; slot.what.empty() && k > 0 && k + 4 > i; --k) {
      const std::string previous = Lower(words[k - 1]);
      if (Among(previous, {"just", "only", "of", "a", "the", "by", "at", "least", "than", "more", "to", "from", "some",
                           "about", "around", "nearly", "almost", "over", "was", "were", "is", "are", "stood"})) {
        continue;
      }
      if (!Capitalized(words[k - 1])) slot.what = previous;
      break;
    }
    if (slot.what.empty()) continue;
    // "lost by 212 votes" gives a difference, not a count of votes.
    if (before == "by" && slot.what != "age") slot.what = "by " + slot.what;
    // One word per kind of casualty: "12 hurt" and "14 injured" count the same.
    if (Among(slot.what, {"hurt", "wounded"})) slot.what = "injured";
    if (Among(slot.what, {"killed", "died", "dead"})) slot.what = "dead";
    // A plural s dropped so that "1 vote" and "212 votes" meet.
    if (slot.what.size() > 3 && slot.what.back() == 's' && slot.what[slot.what.size() - 2] != 's') {
      slot.what.pop_back();
    }
    slots.push_back(std::move(slot));
  }
  return slots;
}

bool CountsDiffer(const NumberSlot& a, const NumberSlot& b) {
  if (a.what != b.what || a.who != b.who) return false;
  const double x = a.Amount(), y = b.Amount();
  if (x == y) return false;
  const auto outside = [](const NumberSlot& bound, double bound_value, double other) {
    return bound.bound == NumberSlot::kAtLeast ? other < bound_value : other > bound_value;
  };
  const bool a_bound = a.bound == NumberSlot::kAtLeast || a.bound == NumberSlot::kAtMost;
  const bool b_bound = b.bound == NumberSlot::kAtLeast || b.bound == NumberSlot::kAtMost;
  if (a_bound && b_bound) return false;
  if (a_bound) return outside(a, x, y);
  if (b_bound) return outside(b, y, x);
  if (a.bound == NumberSlot::kAbout || b.bound == NumberSlot::kAbout) {
    return std::abs(x - y) > 0.25 * std::max(std::abs(x), std::abs(y));
  }
  return true;
}

bool CountsAgree(const NumberSlot& a, const NumberSlot& b) { return a.what == b.what && a.Amount() == b.Amount(); }

double NumberSlot::Amount() const {
  double scale = 1;
  std::string digits = value;
  for (const auto& [word, factor] : {std::pair<std::string_view, double>{"thousand", 1e3}, {"million", 1e6}, {"billion", 1e9}}) {
    if (const std::size_t at = digits.find(word); at != std::string::npos) {
      scale *= factor;
      digits.erase(at, word.size());
    }
  }
  return std::strtod(digits.c_str(), nullptr) * scale;
}

std::string SpeakerOf(std::string_view text) {
  thread_local std::vector<std::string_view> words;
  SplitWords(text, &words, nullptr);
  // "The words were those of fire chief Odd Lunde": the last of the
  // capitalised run after "those of" names who said the quote before.
  for (std::size_t i = 0; i + 2 < words.size(); ++i) {
    if (!EqualsIgnoringCase(words[i], "words") || i + 3 >= words.size()) continue;
    for (std::size_t k = i + 1; k + 1 < words.size() && k < i + 4; ++k) {
      if (!EqualsIgnoringCase(words[k], "those") || !EqualsIgnoringCase(words[k + 1], "of")) continue;
      std::size_t j = k + 2;
      while (j < words.size() && !Capitalized(words[j])) ++j;  // "fire chief"
      std::size_t end = j;
      while (end < words.size() && Capitalized(words[end])) ++end;
      if (end > j) return std::string(words[end - 1]);
    }
  }
  for (std::size_t i = 0; i < words.size(); ++i) {
    if (!IsSpeechVerbWord(words[i])) continue;
    // "Vance said": the name just before the verb (not the first word of
    // the sentence, which is capitalised anyway, unless the verb follows it).
    if (i > 0 && Capitalized(words[i - 1]) && (i - 1 > 0 || i == 1)) {
      static constexpr std::string_view kPronouns[] = {"He", "She", "They", "It", "We", "I", "This", "That"};
      if (std::find(std::begin(kPronouns), std::end(kPronouns), words[i - 1]) == std::end(kPronouns)) {
        return std::string(words[i - 1]);
      }
    }
    // "said Harbour Minister Ilka Vance": the last of the capitalised run
    // after it; not after a pronoun that said it ("He said Mira went on ahead").
    if (i > 0 && AmongIgnoringCase(words[i - 1], {"he", "she", "they", "we", "i", "it"})) continue;
    std::size_t j = i + 1;
    while (j < words.size() && Capitalized(words[j])) ++j;
    if (j > i + 1) return std::string(words[j - 1]);
  }
  return {};
}

// The person a sentence opens with, by a name of two capitalised words or
// more ("Mayor Runa Vell visited the site" -> "Vell"), or empty.
std::string OpeningName(std::string_view text) {
  thread_local std::vector<std::string_view> words;
  SplitWords(text, &words, nullptr);
  std::size_t j = 0;
  while (j < words.size() && Capitalized(words[j]) && words[j].find('\'') == std::string_view::npos) ++j;
  if (j < 2 || EqualsIgnoringCase(words[0], "the")) return {};
  return std::string(words[j - 1]);
}

bool PronounSaid(std::string_view text) {
  thread_local std::vector<std::string_view> words;
  SplitWords(text, &words, nullptr);
  for (std::size_t i = 1; i < words.size(); ++i) {
    if (!IsSpeechVerbWord(words[i])) continue;
    const std::string_view before = words[i - 1];
    const std::string_view after = i + 1 < words.size() ? words[i + 1] : std::string_view();
    if (AmongIgnoringCase(before, {"he", "she"}) || AmongIgnoringCase(after, {"he", "she"})) return true;
  }
  return false;
}

constexpr std::size_t kKeyLetters = 6;

namespace {

// Words news reports use for one act, as fact keys (stems cut to
// kKeyLetters, after the exception table) -> the key of their class. A
// hand-made list of paraphrases of diplomatic and political acts, because
// the general thesaurus does not join them (in WordNet "revoke",
// "withdraw" and "strip", "retaliate" and "countermeasure", "envoy" and
// "diplomat" are no synonyms; its synonyms, measured, cited more wrongly
// as much as they found). Casualty words are left out: counts tell them
// apart (NumberSlots), and "died" joined to "killed" cited a later death
// as the first ones. Canonical keys start with '=', which no stem does.
struct Paraphrase {
  std::string_view key;
  std::string_view group;
};
constexpr std::array<Paraphrase, 29> kParaphrases = {{
    {"retali", "=retali"}, {"repris", "=retali"}, {"counte", "=retali"},   // retaliate, reprisal, countermeasure
    {"respon", "=retali"},                                                // respond, response (measures)
    {"revok", "=revoke"},  {"withdr", "=revoke"}, {"strip", "=revoke"},    // revoke, withdraw, strip
    {"cancel", "=revoke"}, {"rescin", "=revoke"}, {"annul", "=revoke"},    // cancel, rescind, annul
    {"accred", "=accred"}, {"creden", "=accred"},                         // accreditation, credentials
    {"expel", "=expel"},   {"expuls", "=expel"},  {"oust", "=expel"},      // expel, expulsion, oust
    {"diplom", "=diplom"}, {"envoy", "=diplom"},                          // diplomat, envoy
    {"vow", "=vow"},       {"pledg", "=vow"},     {"promis", "=vow"},      // vow, pledge, promise
    {"blame", "=blame"},   {"fault", "=blame"},                           // blame, fault
    {"critic", "=critic"}, {"slam", "=critic"},   {"condem", "=critic"},   // criticise, slam, condemn
    {"denoun", "=critic"},                                                // denounce
    {"suspen", "=suspen"}, {"halt", "=suspen"},                           // suspend, halt
    {"arrest", "=arrest"},                                                // arrest
}};

std::string_view ParaphraseGroup(std::string_view key) {
  for (const Paraphrase& p : kParaphrases) {
    if (p.key == key) return p.group;
  }
  return key;
}

}  // namespace

std::string_view FactKey(std::string_view lower, std::string_view stem, bool numeric, std::string* buffer) {
  if (numeric) {
    // "1,200" and "1200" are one number; "3.5" keeps its point.
    buffer->assign(lower);
    buffer->erase(std::remove(buffer->begin(), buffer->end(), ','), buffer->end());
    return *buffer;
  }
  if (const NumberWord* n = FindNumberWord(lower)) return n->digits;
  const auto& exceptions = Exceptions();
  if (const auto it = exceptions.find(lower); it != exceptions.end()) return ParaphraseGroup(it->second.substr(0, kKeyLetters));
  // Stems cut to their first six letters: Snowball keeps derivations
  // apart ("respond" / "respons", "retali" / "retaliatori", "accredit" /
  // "accreditation" meet only this way). Measured on our own test stories:
  // recall of other articles up, precision unchanged.
  return ParaphraseGroup(stem.size() > kKeyLetters ? stem.substr(0, kKeyLetters) : stem);
}

bool IsNumberKey(std::string_view key) {
  if (key.empty() || key.front() < '0' || key.front() > '9') return false;
  // A year dates a fact rather than counting something in it.
  const bool year = key.size() == 4 && (key.substr(0, 2) == "19" || key.substr(0, 2) == "20") &&
                    std::all_of(key.begin(), key.end(), [](char c) { return c >= '0' && c <= '9'; });
  return !year;
}

void CitationFinder::Prepare(const StoryModel& model) {
  model_ = &model;
  keys_.clear();
  key_begin_.assign(1, 0);
  std::vector<std::uint32_t> freq(model.key_count, 0), seen(model.key_count, 0);
  key_docs_.assign(model.key_count, 0);
  for (const Unit& u : model.units) {
    const std::size_t begin = keys_.size();
    for (const auto& [term, count] : u.tf) keys_.push_back(model.term_key[term]);
    std::sort(keys_.begin() + static_cast<std::ptrdiff_t>(begin), keys_.end());
    keys_.erase(std::unique(keys_.begin() + static_cast<std::ptrdiff_t>(begin), keys_.end()), keys_.end());
    for (std::size_t k = begin; k < keys_.size(); ++k) {
      ++freq[keys_[k]];
      if (seen[keys_[k]] != u.doc + 1) {
        seen[keys_[k]] = static_cast<std::uint32_t>(u.doc + 1);
        ++key_docs_[keys_[k]];
      }
    }
    key_begin_.push_back(keys_.size());
  }
  // Inverse sentence frequency within the story: the specifics of a fact
  // are rare, its actors common. Numbers weigh double: a number is the
  // specific that tells one count (of dead, of diplomats) from another.
  const double n = static_cast<double>(std::max<std::size_t>(1, model.units.size()));
  // Most keys share a handful of frequencies (at most one per unit, so
  // below units + 1): each logarithm is taken once. It is positive, as
  // freq <= n < n + 1: -1 marks one not taken yet.
  std::vector<double> log_of(model.units.size() + 1, -1.0);
  weight_.assign(model.key_count, 0.0f);
  for (std::size_t k = 0; k < model.key_count; ++k) {
    if (freq[k] == 0) continue;
    double& log_ratio = log_of[freq[k]];
    if (log_ratio < 0) log_ratio = std::log((n + 1.0) / static_cast<double>(freq[k]));
    double w = std::max(log_ratio, 0.1);
    if (model.key_number[k]) w *= 2.0;
    weight_[k] = static_cast<float>(w);
  }
  mark_.assign(model.key_count, 0.0f);
  // Per key, the units holding it: a unit's citations then visit only the
  // units that share one of its keys (most of a story's units share none
  // of its rarer ones).
  posting_begin_.assign(model.key_count + 1, 0);
  for (const std::uint32_t key : keys_) ++posting_begin_[key + 1];
  for (std::size_t k = 0; k < model.key_count; ++k) posting_begin_[k + 1] += posting_begin_[k];
  posting_units_.resize(keys_.size());
  {
    std::vector<std::uint32_t> next(posting_begin_.begin(), posting_begin_.end() - 1);
    for (std::size_t u = 0; u < model.units.size(); ++u) {
      for (std::size_t k = key_begin_[u]; k < key_begin_[u + 1]; ++k) posting_units_[next[keys_[k]]++] = static_cast<std::uint32_t>(u);
    }
  }
  covered_.assign(model.units.size(), 0.0);
  touched_.clear();
  // Read on demand: most units are never compared for counts or speakers.
  speakers_.assign(model.units.size(), std::string());
  speakers_written_.assign(model.units.size(), std::string());
  slots_.assign(model.units.size(), std::vector<NumberSlot>());
  slots_read_.assign(model.units.size(), false);
  speaker_read_.assign(model.units.size(), false);
  acts_.assign(model.units.size(), std::vector<std::string>());
  acts_read_.assign(model.units.size(), false);
}

const std::vector<NumberSlot>& CitationFinder::Slots(std::size_t unit) {
  if (!slots_read_[unit]) {
    slots_read_[unit] = true;
    // Only a unit with a number among its keys has counts to read.
    if (HasNumberKey(unit)) slots_[unit] = NumberSlots(model_->units[unit].text);
  }
  return slots_[unit];
}

const std::string& CitationFinder::Speaker(std::size_t unit) {
  if (!speaker_read_[unit]) {
    speaker_read_[unit] = true;
    const StoryModel& m = *model_;
    const Unit& u = m.units[unit];
    const auto same_doc = [&](std::size_t k) { return k < m.units.size() && m.units[k].doc == u.doc; };
    // A quotation over several sentences: its speaker is named where it ends
    // ("... answer for it," she said.).
    std::size_t first = unit, last = unit;
    while (first > 0 && same_doc(first - 1) && m.units[first].standing.quote_open_before) --first;
    while (same_doc(last + 1) && m.units[last].standing.quote_open_after) ++last;
    std::string speaker;
    for (std::size_t k = unit; speaker.empty() && k <= last; ++k) speaker = SpeakerOf(m.units[k].text);
    // A quote whose speaker the next sentence names ("... harmed." / "We
    // are acting out of caution," said Okafor. / The words were those of
    // Lunde.).
    if (speaker.empty() && same_doc(last + 1)) {
      // After a quotation of several sentences, only a sentence that quotes
      // too or speaks of the words ("The minister said on Monday that
      // ..." after a quotation is news of its own, not its attribution).
      const std::string_view next = m.units[last + 1].text;
      if (last == unit ? HasQuoteMark(u.text) : HasQuoteMark(next) || next.find("those of") != std::string_view::npos) {
        speaker = SpeakerOf(next);
      }
    }
    // "..., she said.": the person the sentence before the quotation names
    // as saying something, or opens with ("Ilse Brandvik announced the
    // inquiry", "Mayor Runa Vell visited the site").
    if (speaker.empty() && first > 0 && same_doc(first - 1) && HasQuoteMark(m.units[last].text) &&
        PronounSaid(m.units[last].text) && !PronounSaid(m.units[first - 1].text)) {
      speaker = SpeakerOf(m.units[first - 1].text);
      if (speaker.empty()) speaker = OpeningName(m.units[first - 1].text);
    }
    speakers_[unit] = Lower(speaker);
    speakers_written_[unit] = std::move(speaker);
  }
  return speakers_[unit];
}

const std::string& CitationFinder::SpeakerAsWritten(std::size_t unit) {
  Speaker(unit);
  return speakers_written_[unit];
}

namespace {

// The first letters of a word, lower case, through the list of
// paraphrases: enough to tell one act from another ("respond", "response"
// and "retaliate" are one).
std::string ActKey(std::string_view word) {
  const std::string lower = Lower(word.substr(0, std::min(word.size(), kKeyLetters)));
  return std::string(ParaphraseGroup(lower));
}

bool IsIntentWord(std::string_view w) {
  return AmongIgnoringCase(w, {"will", "would", "shall", "vow", "vows", "vowed", "pledge", "pledges", "pledged",
                               "promise", "promises", "promised", "plan", "plans", "planned", "intend", "intends",
                               "threaten", "threatens", "threatened", "warn", "warns", "warned"});
}

// The acts a sentence promises, as ActKeys: the verb after "will",
// "would", "shall" ("will respond"), or after the "to" of "vowed to",
// "pledged to", ... ("Kellmar pledged to act"); "be", "not" and the like
// passed over.
std::vector<std::string> PromisedActs(std::string_view text) {
  thread_local std::vector<std::string_view> words;
  SplitWords(text, &words, nullptr);
  std::vector<std::string> acts;
  for (std::size_t i = 0; i + 1 < words.size(); ++i) {
    if (!IsIntentWord(words[i])) continue;
    std::size_t k = i + 1;
    if (!AmongIgnoringCase(words[i], {"will", "would", "shall"})) {
      if (!EqualsIgnoringCase(words[k], "to")) continue;
      ++k;
    }
    while (k < words.size() && AmongIgnoringCase(words[k], {"be", "not", "also", "soon", "then", "still", "have"})) ++k;
    if (k < words.size() && !Capitalized(words[k])) acts.push_back(ActKey(words[k]));
  }
  return acts;
}

// Whether `text` holds a word starting with `prefix` (lower case), in any
// case of its first letter. A search of the text, not of its words: this
// runs on every window compared with a sentence that promises an act.
bool HasWordStarting(std::string_view text, std::string_view prefix) {
  if (prefix.empty()) return false;
  const char upper = static_cast<char>(prefix[0] >= 'a' && prefix[0] <= 'z' ? prefix[0] - 'a' + 'A' : prefix[0]);
  for (const char first : {prefix[0], upper}) {
    for (std::size_t at = text.find(first); at != std::string_view::npos; at = text.find(first, at + 1)) {
      if (at > 0 && std::isalnum(static_cast<unsigned char>(text[at - 1]))) continue;
      if (text.substr(at + 1, prefix.size() - 1) == prefix.substr(1)) return true;
    }
  }
  return false;
}

// The word starts of the acts' classes (ActKey): the members of each
// one's paraphrase group, or the act itself; read once per sentence cited.
std::vector<std::string> ActWords(const std::vector<std::string>& acts) {
  std::vector<std::string> out;
  for (const std::string& act : acts) {
    const std::size_t before = out.size();
    for (const Paraphrase& p : kParaphrases) {
      if (p.group == act) out.emplace_back(p.key);
    }
    if (out.size() == before) out.push_back(act);
  }
  return out;
}

bool HasIntentWord(std::string_view text) {
  for (const std::string_view w : {"will", "would", "shall", "vow", "pledg", "promis", "plan", "intend", "threat",
                                   "warn"}) {
    if (HasWordStarting(text, w)) return true;
  }
  return false;
}

}  // namespace

bool CitationFinder::HasNumberKey(std::size_t unit) const {
  for (std::size_t k = key_begin_[unit]; k < key_begin_[unit + 1]; ++k) {
    if (model_->key_number[keys_[k]]) return true;
  }
  return false;
}


bool CitationFinder::HoldsNumber(std::size_t first, std::size_t last, const std::string& value) {
  for (std::size_t j = first; j <= last; ++j) {
    for (const NumberSlot& b : Slots(j)) {
      if (b.value == value) return true;
    }
  }
  return false;
}

bool CitationFinder::MissesPromise(std::size_t first, std::size_t last, const std::vector<std::string>& act_words) {
  bool act = false;
  for (std::size_t j = first; j <= last && !act; ++j) {
    for (const std::string& word : act_words) act = act || HasWordStarting(model_->units[j].text, word);
  }
  if (!act) {
    // Where the act's other words are known (kParaphrases), a window that
    // uses none of them tells another fact ("Kellmar has condemned the
    // closure" against "Kellmar will respond to the closure"); an act with
    // no known paraphrase may be told in words we cannot check.
    return std::any_of(act_words.begin(), act_words.end(),
                       [](const std::string& word) { return ParaphraseGroup(word) != word; });
  }
  for (std::size_t j = first; j <= last; ++j) {
    if (HasIntentWord(model_->units[j].text)) return false;
  }
  return true;
}

bool CitationFinder::Contradicts(std::size_t unit, std::size_t first, std::size_t last) {
  // A promise ("Kellmar will respond") against an act told as done
  // ("Kellmar's response came a day later"), or against a window that
  // names no word of the promised act: no support.
  if (!acts_read_[unit]) {
    acts_read_[unit] = true;
    acts_[unit] = ActWords(PromisedActs(model_->units[unit].text));
  }
  const std::vector<std::string>& acts = acts_[unit];
  if (!acts.empty() && MissesPromise(first, last, acts)) return true;
  // The same thing counted differently ("12 injured", "14 injured"): a
  // different number is no support.
  for (const NumberSlot& a : Slots(unit)) {
    for (std::size_t j = first; j <= last; ++j) {
      for (const NumberSlot& b : Slots(j)) {
        if (CountsDiffer(a, b) && !HoldsNumber(first, last, a.value)) return true;
      }
    }
  }
  // Another speaker: the same words from someone else are not this quote.
  const std::string& speaker = Speaker(unit);
  if (!speaker.empty()) {
    for (std::size_t j = first; j <= last; ++j) {
      if (!Speaker(j).empty() && Speaker(j) != speaker) return true;
    }
  }
  return false;
}

void CitationFinder::Mark(std::size_t unit) {
  marked_total_ = 0;
  for (std::size_t k = key_begin_[unit]; k < key_begin_[unit + 1]; ++k) {
    mark_[keys_[k]] = weight_[keys_[k]];
    marked_total_ += weight_[keys_[k]];
  }
}

void CitationFinder::Unmark(std::size_t unit) {
  for (std::size_t k = key_begin_[unit]; k < key_begin_[unit + 1]; ++k) mark_[keys_[k]] = 0;
}

double CitationFinder::Covered(std::size_t unit) const {
  double sum = 0;
  for (std::size_t k = key_begin_[unit]; k < key_begin_[unit + 1]; ++k) sum += mark_[keys_[k]];
  return sum;
}

double CitationFinder::Coverage(std::size_t unit, std::size_t other) {
  Mark(unit);
  const double covered = Covered(other);
  Unmark(unit);
  return marked_total_ > 0 ? covered / marked_total_ : 0;
}

void CitationFinder::FillCovered(std::size_t unit) {
  // The unit's keys in ascending order, as Covered() adds a unit's keys:
  // each sum is the very same double (the keys a unit lacks add 0 there).
  for (std::size_t k = key_begin_[unit]; k < key_begin_[unit + 1]; ++k) {
    const std::uint32_t key = keys_[k];
    const double w = mark_[key];
    for (std::uint32_t p = posting_begin_[key]; p < posting_begin_[key + 1]; ++p) {
      const std::uint32_t j = posting_units_[p];
      if (covered_[j] == 0) touched_.push_back(j);
      covered_[j] += w;
    }
  }
}

void CitationFinder::ClearCovered() {
  for (const std::uint32_t j : touched_) covered_[j] = 0;
  touched_.clear();
}

Support CitationFinder::Best(std::size_t unit, std::size_t doc) {
  Mark(unit);
  FillCovered(unit);
  const Support best = BestMarked(unit, doc);
  ClearCovered();
  Unmark(unit);
  return best;
}

Support CitationFinder::BestMarked(std::size_t unit, std::size_t doc) {
  const StoryModel& m = *model_;
  Support best{doc, 0, 0};
  if (marked_total_ > 0) {
    const auto [begin, end] = m.doc_ranges[doc];
    double previous = 0;  // covered by the unit before j
    for (std::size_t j = begin; j < end; ++j) {
      if (m.units[j].junk) {
        previous = 0;
        continue;
      }
      const double covered = covered_[j];
      if (covered > best.similarity && !Contradicts(unit, j, j)) best = {doc, m.units[j].position, covered, 1};
      // Two adjacent sentences: their union, when each holds some of it.
      if (j > begin && previous > 0 && covered > 0) {
        double both = previous;
        for (std::size_t k = key_begin_[j]; k < key_begin_[j + 1]; ++k) {
          const std::uint32_t key = keys_[k];
          if (mark_[key] == 0) continue;
          if (!std::binary_search(keys_.begin() + static_cast<std::ptrdiff_t>(key_begin_[j - 1]),
                                  keys_.begin() + static_cast<std::ptrdiff_t>(key_begin_[j]), key)) {
            both += mark_[key];
          }
        }
        if (both > best.similarity && !Contradicts(unit, j - 1, j)) best = {doc, m.units[j - 1].position, both, 2};
      }
      previous = covered;
    }
    best.similarity /= marked_total_;
  }
  return best;
}

// An article whose best window covers at least this share of the
// threshold that makes it report a sentence reports it partly (chosen on
// our own test stories, tests/data/stories: 0.7 let in sentences that share
// only the story's actors, 1.0 lost restatements with less detail).
constexpr double kPartialShare = 0.8;
// An article reports a sentence only when it holds one of the sentence's
// rarest keys that some other article also uses, names left out: what the
// fact is (the "suspended" of "Bluewake Lines suspended ferry services
// after the ferry ran aground"), not only who and where.
constexpr std::size_t kCoreKeys = static_cast<std::size_t>(2);

std::vector<std::uint32_t> CitationFinder::Core(std::size_t unit) const {
  std::vector<std::uint32_t> shared;
  for (std::size_t k = key_begin_[unit]; k < key_begin_[unit + 1]; ++k) {
    const std::uint32_t key = keys_[k];
    if (key_docs_[key] >= 2 && model_->key_lowercase[key]) shared.push_back(key);
  }
  const std::size_t n = std::min(kCoreKeys, shared.size());
  std::partial_sort(shared.begin(), shared.begin() + static_cast<std::ptrdiff_t>(n), shared.end(),
                    [&](std::uint32_t a, std::uint32_t b) { return weight_[a] > weight_[b] || (weight_[a] == weight_[b] && a < b); });
  shared.resize(n);
  return shared;
}

bool CitationFinder::HoldsAny(std::size_t first, std::size_t count, const std::vector<std::uint32_t>& keys) const {
  if (keys.empty()) return true;
  for (std::size_t j = first; j < first + count; ++j) {
    const auto begin = keys_.begin() + static_cast<std::ptrdiff_t>(key_begin_[j]);
    const auto end = keys_.begin() + static_cast<std::ptrdiff_t>(key_begin_[j + 1]);
    for (const std::uint32_t key : keys) {
      if (std::binary_search(begin, end, key)) return true;
    }
  }
  return false;
}

std::vector<Support> CitationFinder::Cite(std::size_t unit, double threshold, const std::vector<bool>& written_before) {
  const StoryModel& m = *model_;
  const Unit& u = m.units[unit];
  std::vector<Support> support;
  support.push_back({u.doc, u.position, 1.0});
  const std::vector<std::uint32_t> core = Core(unit);
  Mark(unit);
  FillCovered(unit);
  for (std::size_t d = 0; d < m.doc_ranges.size(); ++d) {
    if (d == u.doc || (d < written_before.size() && written_before[d])) continue;
    Support best = BestMarked(unit, d);
    if (best.similarity >= threshold && HoldsAny(m.doc_ranges[d].first + best.sentence, best.sentences, core)) {
      best.level = SupportLevel::kReports;
    } else if (best.similarity >= threshold * kPartialShare) {
      best.level = SupportLevel::kPartly;
    } else {
      continue;
    }
    support.push_back(best);
  }
  ClearCovered();
  Unmark(unit);
  std::sort(support.begin() + 1, support.end(), [](const Support& a, const Support& b) { return a.doc < b.doc; });
  return support;
}

std::vector<Support> CitationFinder::CiteQuotation(const std::vector<std::size_t>& units,
                                                   const std::vector<std::vector<Support>>& each,
                                                   double threshold) const {
  double total = 0;
  std::vector<double> unit_weight(units.size(), 0);
  for (std::size_t i = 0; i < units.size(); ++i) {
    for (std::size_t k = key_begin_[units[i]]; k < key_begin_[units[i] + 1]; ++k) unit_weight[i] += weight_[keys_[k]];
    total += unit_weight[i];
  }
  std::vector<Support> out = {each.front().front()};
  if (total <= 0) return out;
  // Per other article: the weighted coverage, whether it reports a
  // sentence, and its best window.
  std::vector<std::size_t> docs;
  for (const std::vector<Support>& support : each) {
    for (std::size_t j = 1; j < support.size(); ++j) docs.push_back(support[j].doc);
  }
  std::sort(docs.begin(), docs.end());
  docs.erase(std::unique(docs.begin(), docs.end()), docs.end());
  for (const std::size_t doc : docs) {
    double covered = 0, reported = 0;  // weighted coverage; weight of the sentences it reports
    bool reports_one = false;
    Support best;
    best.doc = doc;
    for (std::size_t i = 0; i < each.size(); ++i) {
      for (std::size_t j = 1; j < each[i].size(); ++j) {
        const Support& s = each[i][j];
        if (s.doc != doc) continue;
        covered += unit_weight[i] * s.similarity;
        if (s.level == SupportLevel::kReports) {
          reports_one = true;
          reported += unit_weight[i];
        }
        if (s.similarity > best.similarity) best = s;
      }
    }
    best.similarity = covered / total;
    if (best.similarity >= threshold && reports_one) {
      best.level = SupportLevel::kReports;
    } else if (best.similarity >= threshold * kPartialShare || 3 * reported >= total) {
      // Reporting the sentences that hold a third of the quotation's weight is
      // reporting part of it, however little of the rest it shares.
      best.level = SupportLevel::kPartly;
    } else {
      continue;
    }
    out.push_back(best);
  }
  return out;
}

}  // namespace precis::summarize::detail
