#include "summarize/disagreements.h"

#include <algorithm>
#include <cstdlib>
#include <optional>
#include <array>
#include <map>
#include <numeric>
#include <string>
#include <span>
#include <string_view>
#include <unordered_map>

namespace precis::summarize::detail {
namespace {

// Sentences state the same fact when the weighted share of one's keys that
// the other holds reaches these (both ways for the lower bound). A day is
// held to more than a number: the number's slot (what it counts) already
// ties the two sentences together; a weekday does not.
constexpr double kNumberSameFact = 0.5;
constexpr std::size_t kNumberContextShared = 2;
constexpr double kVersionRatio = 3.0;
// A casualty count ties two sentences by itself only when they share much
// else: two incidents of one story ("2 dead" in one town, "3" in another)
// are common.
constexpr double kCasualtySameFact = 0.3;
constexpr double kNumberSameFactBothWays = 0.3;
// Words the contexts of two days must share: one ("flames") also ties
// "still fighting the flames on Wednesday" to "put out the last flames on
// Thursday".
constexpr std::size_t kDayContextShared = 2;
// A quotation given to two people: the two sentences are near-identical.
constexpr double kSameQuote = 0.7;
// Words of a sentence that `about` quotes for a day or a speaker.
constexpr std::size_t kAboutWords = 12;

// Words on each side of a weekday or a number that tell which event or
// which count it is.
constexpr std::size_t kDayContext = 8;
constexpr std::size_t kNumberContext = 5;
// Coverage under which two sentences are not taken to state one fact even
// when a count or a day ties them.
constexpr double kSameStory = 0.15;
constexpr double kSameEvent = 0.2;
constexpr double kSameEventBothWays = 0.2;
// A day that agrees with one version only joins it: looser than a conflict.
constexpr double kSameDayJoins = 0.15;
constexpr std::size_t kTally = 3;
// An article that counts a thing once, with one value, against another that
// counts it once with another close value ("lost by 212 votes", "by 221
// votes"): versions of one figure even where the two sentences share few
// words. Closer than kVersionRatio, as less else ties them.
constexpr double kSoleCountRatio = 1.5;
constexpr double kSoleCountSameFact = 0.15;
constexpr long kSameWeekDays = 3;
// A story's established figure: a count of a thing that at least this many
// of its articles give ("17 miners" in four). An article whose only count
// of that thing is close to it but not it gives another version, in
// whatever words ("The 19 miners are sheltering").
constexpr std::size_t kEstablishedDocs = 3;

// Counts that say what they count: "14 injured" and "12 injured" are two
// versions of one figure, whatever the rest of the sentences say.
bool SelfDescribing(const std::string& what) {
  static constexpr std::string_view kWords[] = {"injured", "dead", "missing", "evacuated", "arrested",
                                                "hospitalised", "hospitalized", "displaced", "detained", "age"};
  return std::find(std::begin(kWords), std::end(kWords), what) != std::end(kWords);
}

// Units of time, rates and measures: "3 years" and "10 years" in one story
// are most often two durations, not two versions of one.
bool Generic(const std::string& what) {
  static constexpr std::string_view kWords[] = {
      "year", "time", "percent", "per", "day", "week", "month", "hour", "minute", "second", "point", "mile",
      "meter", "metre", "kilometre", "kilometer", "km", "foot", "feet", "inch", "pound", "kg", "degree", "am",
      "pm", "a.m", "p.m", "o'clock", "th", "st", "nd", "rd", "and", "or", "to", "of", "in", "on", "at", "for",
      "cent", "possible", "other", "others", "more", "less", "part", "section", "times", "about", "over", "under",
      "mph", "kph", "knot", "mile-per-hour"};
  return std::find(std::begin(kWords), std::end(kWords), what) != std::end(kWords);
}

constexpr std::array<std::string_view, 7> kWeekdays = {"Monday", "Tuesday", "Wednesday", "Thursday",
                                                       "Friday", "Saturday", "Sunday"};

// A weekday a sentence names, and the words around it that tell which
// event it dates.
struct DayMention {
  std::string weekday;
  std::vector<std::string> context;  // LowerAscii, cut to six letters; names, numbers, function words left out
  bool statement = false;            // "said on Tuesday": the day of a statement, not of the event
};

bool IsFunctionWord(const std::string& w) {
  static constexpr std::string_view kWords[] = {
      "the", "a", "an", "of", "on", "in", "at", "to", "and", "or", "by", "for", "with", "from", "its", "his", "her",
      "their", "was", "were", "is", "are", "be", "been", "has", "had", "have", "it", "that", "this", "which", "who",
      "late", "early", "night", "morning", "evening", "afternoon", "day", "days", "last", "next", "as", "but",
      "will", "would", "could", "not", "also", "all", "some", "said", "says", "told", "people", "about", "around",
      "them", "they", "there", "these", "those", "than", "more", "over", "just", "only", "already", "after",
      "before", "while", "when", "into", "out", "up", "down", "she", "him", "had", "did", "does", "can", "may",
      "according", "what", "where", "other", "another", "both", "each", "any", "many", "most", "such"};
  // By length and first letter: this runs on every word around every day
  // and number compared, and a search over all of them cost most of that.
  static constexpr std::size_t kLongest = 12;
  static const auto buckets = [] {
    std::array<std::vector<std::string_view>, (kLongest + 1) * 26> b;
    for (const std::string_view v : kWords) b[v.size() * 26 + static_cast<std::size_t>(v[0] - 'a')].push_back(v);
    return b;
  }();
  if (w.size() < 3) return true;
  if (w.size() > kLongest || w[0] < 'a' || w[0] > 'z') return false;
  const auto& bucket = buckets[w.size() * 26 + static_cast<std::size_t>(w[0] - 'a')];
  return std::find(bucket.begin(), bucket.end(), w) != bucket.end();
}

bool IsClauseWord(const std::string& w) {
  return w == "after" || w == "before" || w == "since" || w == "until" || w == "when" || w == "while";
}

// The content words within `radius` of word `at`, not crossing a clause
// word ("Saturday, a day after the regulator recalled": the regulator's
// recall is another event than Saturday's).
std::vector<std::string> Context(const std::vector<std::string_view>& words, std::size_t at, std::size_t radius,
                                 const std::string& skip) {
  std::vector<std::string> out;
  const auto take = [&](std::size_t k) {
    const std::string w = LowerAscii(words[k]);
    if (IsClauseWord(w)) return false;
    const bool name = words[k].front() >= 'A' && words[k].front() <= 'Z';
    const bool number = words[k].front() >= '0' && words[k].front() <= '9';
    const bool counted = !skip.empty() && w.rfind(skip, 0) == 0;  // "doses" for what "dose"
    if (!name && !number && !IsFunctionWord(w) && !counted) out.push_back(w.substr(0, 6));
    return true;
  };
  for (std::size_t k = at + 1; k < words.size() && k <= at + radius; ++k) {
    if (!take(k)) break;
  }
  for (std::size_t k = at; k > 0 && k + radius > at; --k) {
    if (!take(k - 1)) break;
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

std::size_t Shared(const std::vector<std::string>& a, const std::vector<std::string>& b) {
  std::size_t i = 0, j = 0, shared = 0;
  while (i < a.size() && j < b.size()) {
    if (a[i] == b[j]) {
      ++shared;
      ++i;
      ++j;
    } else if (a[i] < b[j]) {
      ++i;
    } else {
      ++j;
    }
  }
  return shared;
}

// The one weekday a sentence names ("on Friday"; not "Sunday's election",
// which names an event already known), or none when it names none or several.
std::optional<DayMention> Weekday(std::string_view text) {
  std::vector<bool> pause;
  const std::vector<std::string_view> words = SentenceWords(text, &pause);
  std::optional<DayMention> found;
  for (std::size_t i = 0; i < words.size(); ++i) {
    const std::string_view w = words[i];
    const auto day = std::find(kWeekdays.begin(), kWeekdays.end(), w);
    if (day == kWeekdays.end()) continue;
    if (found && found->weekday != *day) return std::nullopt;
    DayMention m;
    m.weekday = std::string(*day);
    m.context = Context(words, i, kDayContext, "");
    for (std::size_t k = i >= 2 ? i - 2 : 0; k < std::min(words.size(), i + 2); ++k) {
      m.statement = m.statement || IsSpeechWord(LowerAscii(words[k]));
    }
    found = std::move(m);
  }
  return found;
}

// Whether "Monday" ... "Sunday" occurs in the text at all: Weekday finds
// none otherwise ("day" alone is in "today", "days", "holiday").
bool NamesWeekday(std::string_view text) {
  for (std::size_t at = text.find("day"); at != std::string_view::npos; at = text.find("day", at + 1)) {
    for (const std::string_view day : kWeekdays) {
      if (at + 3 >= day.size() && text.substr(at + 3 - day.size(), day.size()) == day) return true;
    }
  }
  return false;
}

bool HasQuotation(std::string_view text) {
  return text.find('"') != std::string_view::npos || text.find("\xE2\x80\x9C") != std::string_view::npos ||
         text.find("\xE2\x80\x9D") != std::string_view::npos;
}

// "how many votes"; "how many Chinese", "how many suspected" stay as they are.
std::string Plural(const std::string& word) {
  const auto ends = [&](std::string_view end) {
    return word.size() > end.size() && word.compare(word.size() - end.size(), end.size(), end) == 0;
  };
  return word.empty() || word.back() == 's' || ends("ese") || ends("ed") ? word : word + "s";
}

std::string Excerpt(std::string_view text) {
  std::string out;
  std::size_t words = 0, i = 0;
  while (i < text.size() && words < kAboutWords) {
    std::size_t end = text.find(' ', i);
    if (end == std::string_view::npos) end = text.size();
    if (!out.empty()) out += ' ';
    out += text.substr(i, end - i);
    ++words;
    i = end + 1;
  }
  if (i < text.size()) out += " \xE2\x80\xA6";
  return out;
}

struct UnitFacts {
  // CitationFinder::Slots, which the finder keeps: a view, not a copy of
  // every count's strings.
  std::span<const NumberSlot> slots;
  // Per slot: its `what` numbered within the story (WhatIds), so that the
  // pairs of sentences compare counts of one thing by integers.
  std::vector<std::uint32_t> what_ids;
  // Per slot: Context() of its number, read when first compared.
  std::vector<std::vector<std::string>> slot_context;
  std::optional<DayMention> day;
  // Whether it quotes someone; who (CitationFinder::Speaker) is read only
  // for a quote that another article gives too.
  bool quotation = false;
  // Per slot: whether its article gives no other value of it near this one
  // (MarkSoleCounts).
  std::vector<bool> sole;
};

// A value one unit gives in a disagreement, before grouping.
struct Claim {
  std::size_t unit = 0;
  std::string key;    // compared: normalised number, weekday, speaker
  std::string shown;  // as written
};

// Two claims on one fact: conflicting, or agreeing (which only joins a
// claim to the version it agrees with).
struct Conflict {
  std::string kind;
  std::string what;  // numbers: what is counted
  Claim a, b;
  bool agreement = false;
  std::string who;   // ages: whose (NumberSlot::who)
};

// The counts, day and speaker of every unit that has one: read only where
// a cheap test says there may be something (a number key, "day", a
// quotation mark), as most sentences have none.
std::vector<UnitFacts> ReadFacts(const StoryModel& m, CitationFinder& finder) {
  std::vector<UnitFacts> facts(m.units.size());
  std::unordered_map<std::string_view, std::uint32_t> what_ids;
  for (std::size_t i = 0; i < m.units.size(); ++i) {
    const Unit& u = m.units[i];
    if (u.junk) continue;
    UnitFacts& f = facts[i];
    if (finder.HasNumberKey(i)) f.slots = finder.Slots(i);
    for (const NumberSlot& slot : f.slots) {
      f.what_ids.push_back(what_ids.try_emplace(slot.what, static_cast<std::uint32_t>(what_ids.size())).first->second);
    }
    if (NamesWeekday(u.text)) f.day = Weekday(u.text);
    f.quotation = HasQuotation(u.text);
  }
  return facts;
}

// Whether two units have anything to compare (a count of the same thing,
// two days, two quotes): the coverages are computed only then.
bool Comparable(const UnitFacts& a, const UnitFacts& b) {
  if ((a.day && b.day) || (a.quotation && b.quotation)) return true;
  for (const std::uint32_t x : a.what_ids) {
    for (const std::uint32_t y : b.what_ids) {
      if (x == y) return true;
    }
  }
  return false;
}

// Versions of one figure lie close (12 and 14 injured, 1.2 and 1.4 million
// doses); counts more than kVersionRatio apart (113 dead and 4) are of two
// things: two incidents, two groups.
bool FarApart(const NumberSlot& a, const NumberSlot& b) {
  const double x = a.Amount(), y = b.Amount();
  const double small = std::min(x, y), large = std::max(x, y);
  return small <= 0 || large > kVersionRatio * small;
}

bool Twice(std::span<const NumberSlot> slots, const std::string& what) {
  return std::count_if(slots.begin(), slots.end(), [&](const NumberSlot& s) { return s.what == what; }) > 1;
}

bool Holds(const UnitFacts& f, const std::string& value) {
  return std::any_of(f.slots.begin(), f.slots.end(), [&](const NumberSlot& s) { return s.value == value; });
}

// Versions of one figure lie within kSoleCountRatio of each other.
bool Close(double x, double y) {
  const double small = std::min(x, y), large = std::max(x, y);
  return small > 0 && large <= kSoleCountRatio * small;
}

// Marks each count that its article gives with no other value near it:
// "1.4 million doses" beside "312,000 doses" (another count) is still the
// article's only figure of that size.
void MarkSoleCounts(const StoryModel& m, std::vector<UnitFacts>* facts) {
  struct Count {
    std::size_t doc;
    const std::string* what;
    double amount;
    std::size_t unit, slot;
  };
  std::vector<Count> counts;
  for (std::size_t i = 0; i < facts->size(); ++i) {
    UnitFacts& f = (*facts)[i];
    f.sole.assign(f.slots.size(), true);
    for (std::size_t x = 0; x < f.slots.size(); ++x) counts.push_back({m.units[i].doc, &f.slots[x].what, f.slots[x].Amount(), i, x});
  }
  // By article and thing counted: each group is compared within itself.
  std::sort(counts.begin(), counts.end(), [](const Count& a, const Count& b) {
    return a.doc != b.doc ? a.doc < b.doc : *a.what < *b.what;
  });
  for (std::size_t begin = 0, end = 0; begin < counts.size(); begin = end) {
    end = begin + 1;
    while (end < counts.size() && counts[end].doc == counts[begin].doc && *counts[end].what == *counts[begin].what) ++end;
    for (std::size_t a = begin; a < end; ++a) {
      for (std::size_t b = begin; b < end; ++b) {
        if (counts[b].amount != counts[a].amount && Close(counts[b].amount, counts[a].amount)) {
          (*facts)[counts[a].unit].sole[counts[a].slot] = false;
          break;
        }
      }
    }
  }
}

// Per thing counted (UnitFacts::what_ids) and value: the articles that give it.
using CountDocs = std::map<std::pair<std::uint32_t, std::string>, std::vector<std::size_t>>;

CountDocs DocsGivingEachCount(const StoryModel& m, const std::vector<UnitFacts>& facts) {
  CountDocs docs;
  for (std::size_t i = 0; i < facts.size(); ++i) {
    const UnitFacts& f = facts[i];
    for (std::size_t x = 0; x < f.slots.size(); ++x) {
      std::vector<std::size_t>& d = docs[{f.what_ids[x], f.slots[x].value}];
      if (std::find(d.begin(), d.end(), m.units[i].doc) == d.end()) d.push_back(m.units[i].doc);
    }
  }
  return docs;
}

// A count of people or things that an established figure can be: a whole
// number of two digits or more (one-digit counts recur by chance, decimals
// measure), not an identifier after a name ("Flight 990", "Boeing 767").
bool PlainCount(const NumberSlot& slot, std::string_view text) {
  if (slot.value.size() < 2 || slot.value.find_first_not_of("0123456789") != std::string::npos) return false;
  if (slot.word == 0) return true;
  const std::vector<std::string_view> words = SentenceWords(text);
  const std::string_view before = words[slot.word - 1];
  return !(before.front() >= 'A' && before.front() <= 'Z') || slot.word == 1;
}

bool Established(const CountDocs& docs, std::uint32_t what, const std::string& value) {
  const auto it = docs.find({what, value});
  return it != docs.end() && it->second.size() >= kEstablishedDocs;
}

// Days since 1970 of a "YYYY-MM-DD..." date, or nullopt.
std::optional<long> DayNumber(const std::string& date) {
  if (date.size() < 10 || date[4] != '-' || date[7] != '-') return std::nullopt;
  const int y = std::atoi(date.substr(0, 4).c_str()), mo = std::atoi(date.substr(5, 2).c_str()),
            d = std::atoi(date.substr(8, 2).c_str());
  if (mo < 1 || mo > 12 || d < 1 || d > 31) return std::nullopt;
  // Days from civil (H. Hinnant's algorithm).
  const int yy = y - (mo <= 2 ? 1 : 0);
  const long era = (yy >= 0 ? yy : yy - 399) / 400;
  const long yoe = yy - era * 400;
  const long doy = (153 * (mo + (mo > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

// Weekdays in articles written more than a few days apart may name two
// weeks: "Monday" and "Friday" are then no versions of one day. `days`:
// DayNumber of each article's date, read once per story rather than per
// pair of sentences compared.
bool WithinOneWeek(const std::vector<std::optional<long>>& days, std::size_t a, std::size_t b) {
  const std::optional<long>& x = days[a];
  const std::optional<long>& y = days[b];
  return !x || !y || std::labs(*x - *y) <= kSameWeekDays;
}

// Organisations and outlets that SpeakerOf can mistake for a speaker
// ("the Associated Press reported", "told ABC News").
bool IsOrganisation(const std::string& lower) {
  if (lower.size() < 3) return true;  // "I", "It"
  static constexpr std::string_view kWords[] = {"news", "press", "association", "agency", "reuters", "ap", "afp",
                                                "times", "post", "journal", "ministry", "office", "department",
                                                "council", "committee", "commission", "government", "police",
                                                "court", "tv", "radio", "television", "newspaper", "magazine",
                                                "it", "he", "she", "we", "they", "you", "when", "why", "what", "how",
                                                "where", "who", "this", "that", "there", "here", "iii", "added",
                                                "january", "february", "march", "april", "may", "june", "july",
                                                "august", "september", "october", "november", "december",
                                                "treasury", "pentagon", "house", "congress", "senate", "party",
                                                "university", "institute", "company", "bank", "board", "group",
                                                "service", "administration", "authority", "union", "spokesman",
                                                "spokeswoman", "official", "officials", "statement", "minister"};
  return std::find(std::begin(kWords), std::end(kWords), lower) != std::end(kWords);
}

// "Mullin" and "Mullins": one name spelt two ways, not two speakers.
bool SameName(const std::string& a, const std::string& b) {
  if (a == b) return true;
  const std::string& shorter = a.size() < b.size() ? a : b;
  const std::string& longer = a.size() < b.size() ? b : a;
  return longer.size() - shorter.size() <= 1 && longer.compare(0, shorter.size(), shorter) == 0;
}

// One quotation in two articles: a conflict when two different people are
// named as saying it (a link between the versions when it is one person).
void CompareSpeakers(std::size_t i, std::size_t j, CitationFinder& finder, std::vector<Conflict>* out) {
  const std::string& si = finder.Speaker(i);
  const std::string& sj = finder.Speaker(j);
  if (si.empty() || sj.empty() || IsOrganisation(si) || IsOrganisation(sj)) return;
  // One name spelt two ways is one speaker: no version of its own.
  if (si != sj && SameName(si, sj)) return;
  out->push_back({"speaker", "", {i, si, finder.SpeakerAsWritten(i)}, {j, sj, finder.SpeakerAsWritten(j)}, si == sj, ""});
}

// The words around each count of a unit, read once.
const std::vector<std::vector<std::string>>& SlotContexts(UnitFacts* f, const Unit& u) {
  if (f->slot_context.empty() && !f->slots.empty()) {
    const std::vector<std::string_view> words = SentenceWords(u.text);
    for (const NumberSlot& slot : f->slots) f->slot_context.push_back(Context(words, slot.word, kNumberContext, slot.what));
  }
  return f->slot_context;
}

// The coverages of two units by each other (CitationFinder::Coverage), asked
// as bounds on the higher and the lower of the two: each is computed only
// when a rule needs it, and a lower bound that the first one misses needs
// no second (most pairs fail a cheaper test, or the first coverage).
class Coverages {
 public:
  Coverages(CitationFinder& finder, std::size_t i, std::size_t j) : finder_(finder), i_(i), j_(j) {}
  bool HighAtLeast(double x) { return Forward() >= x || Backward() >= x; }
  bool LowAtLeast(double x) { return Forward() >= x && Backward() >= x; }

 private:
  double Forward() {
    if (!forward_) forward_ = finder_.Coverage(i_, j_);
    return *forward_;
  }
  double Backward() {
    if (!backward_) backward_ = finder_.Coverage(j_, i_);
    return *backward_;
  }
  CitationFinder& finder_;
  std::size_t i_, j_;
  std::optional<double> forward_, backward_;
};

void CompareUnits(std::size_t i, std::size_t j, std::vector<UnitFacts>& facts, Coverages& coverage,
                  const std::vector<std::optional<long>>& days, const CountDocs& count_docs, const StoryModel& m,
                  CitationFinder& finder, std::vector<Conflict>* out) {
  UnitFacts& fi = facts[i];
  UnitFacts& fj = facts[j];
  {
    for (std::size_t x = 0; x < fi.slots.size(); ++x) {
      for (std::size_t y = 0; y < fj.slots.size(); ++y) {
        const NumberSlot& a = fi.slots[x];
        const NumberSlot& b = fj.slots[y];
        if (fi.what_ids[x] != fj.what_ids[y]) continue;
        // A tally ("15,480 votes to 15,268, a margin of 212") gives counts
        // that another sentence's single count cannot be matched to.
        if (fi.slots.size() >= kTally || fj.slots.size() >= kTally) continue;
        // A sentence with two counts of one thing ("won 15,480 votes ...
        // a margin of 212 votes") does not say which one the other gives.
        if (Twice(fi.slots, a.what) || Twice(fj.slots, b.what)) continue;
        // The same count: an age follows a name ("Rook, 38,"), which ties
        // the two (CountsDiffer compares names); a casualty count says what
        // it counts, in sentences of one fact; other counts need sentences
        // of one fact whose words around the two numbers meet ("the damage
        // at 18 million crowns", "estimates the damage at 13 million crowns").
        const auto shared = [&] { return Shared(SlotContexts(&fi, m.units[i])[x], SlotContexts(&fj, m.units[j])[y]); };
        const bool close = !Generic(a.what) && a.what != "age" && Close(a.Amount(), b.Amount()) &&
                           WithinOneWeek(days, m.units[i].doc, m.units[j].doc);
        const bool established_a = Established(count_docs, fi.what_ids[x], a.value);
        const bool established_b = Established(count_docs, fj.what_ids[y], b.value);
        const bool same =
            (a.what == "age" && !a.who.empty()) ||
            (SelfDescribing(a.what) && a.what != "age" &&
             (coverage.HighAtLeast(kCasualtySameFact) || (coverage.HighAtLeast(kSameStory) && shared() > 0))) ||
            (!SelfDescribing(a.what) && !Generic(a.what) && coverage.HighAtLeast(kNumberSameFact) &&
             coverage.LowAtLeast(kNumberSameFactBothWays) && shared() >= kNumberContextShared) ||
            (close && fi.sole[x] && fj.sole[y] && coverage.HighAtLeast(kSoleCountSameFact) && shared() > 0) ||
            (close && ((established_a && !established_b && fj.sole[y]) || (established_b && !established_a && fi.sole[x])) &&
             coverage.HighAtLeast(kSoleCountSameFact) && PlainCount(a, m.units[i].text) &&
             PlainCount(b, m.units[j].text));
        if (!same) continue;
        if (CountsAgree(a, b)) {
          out->push_back({"number", a.what, {i, a.value, a.shown}, {j, b.value, b.shown}, true, a.who});
          continue;
        }
        if (!CountsDiffer(a, b) || Holds(fi, b.value) || Holds(fj, a.value) || FarApart(a, b)) continue;
        out->push_back({"number", a.what, {i, a.value, a.shown}, {j, b.value, b.shown}, false, a.who});
      }
    }
  }
  // One event on two days: the words around the two days meet, and both
  // date the event (or both a statement by one speaker).
  const bool same_week = fi.day && fj.day && WithinOneWeek(days, m.units[i].doc, m.units[j].doc);
  if (fi.day && fj.day && same_week && fi.day->weekday != fj.day->weekday && coverage.HighAtLeast(kSameEvent) &&
      coverage.LowAtLeast(kSameEventBothWays) &&
      fi.day->statement == fj.day->statement && Shared(fi.day->context, fj.day->context) >= kDayContextShared &&
      (!fi.day->statement || SpeakerOf(m.units[i].text) == SpeakerOf(m.units[j].text))) {
    out->push_back({"day", "", {i, fi.day->weekday, fi.day->weekday}, {j, fj.day->weekday, fj.day->weekday}, false, ""});
  }
  if (fi.day && fj.day && same_week && fi.day->weekday == fj.day->weekday && coverage.HighAtLeast(kSameDayJoins) &&
      Shared(fi.day->context, fj.day->context) >= 1) {
    out->push_back({"day", "", {i, fi.day->weekday, fi.day->weekday}, {j, fj.day->weekday, fj.day->weekday}, true, ""});
  }
  if (fi.quotation && fj.quotation && coverage.LowAtLeast(kSameQuote)) CompareSpeakers(i, j, finder, out);
}

bool AnArticleGivesTwo(const std::vector<DisagreementVersion>& versions) {
  std::vector<std::size_t> all;
  for (const DisagreementVersion& v : versions) all.insert(all.end(), v.docs.begin(), v.docs.end());
  std::sort(all.begin(), all.end());
  return std::adjacent_find(all.begin(), all.end()) != all.end();
}

// What the versions disagree on, for a reader: "how many injured", "the
// age of Rook", "by how many votes", "the day of “<the fact's first
// words>”", "who said “<the quotation's first words>”".
std::string About(const std::string& kind, const Conflict& c, std::string_view text) {
  if (kind == "day") return "the day of \u201C" + Excerpt(text) + "\u201D";
  if (kind == "speaker") {
    std::string quote;
    for (const char ch : Excerpt(text)) {
      if (ch != '"') quote += ch;
    }
    // Curly quotation marks too: the label quotes the words itself.
    for (std::string_view mark : {"\xE2\x80\x9C", "\xE2\x80\x9D"}) {
      for (std::size_t at = quote.find(mark); at != std::string::npos; at = quote.find(mark)) quote.erase(at, mark.size());
    }
    return "who said \u201C" + quote + "\u201D";
  }
  const std::string& what = c.what;
  if (what == "age") {
    std::string who = c.who;
    if (!who.empty() && who[0] >= 'a' && who[0] <= 'z') who[0] = static_cast<char>(who[0] - 'a' + 'A');
    return who.empty() ? "the age" : "the age of " + who;
  }
  if (what.rfind("by ", 0) == 0) return "by how many " + Plural(what.substr(3));
  if (SelfDescribing(what)) return "how many " + what;
  return "how many " + Plural(what);
}

// Every article giving one value is dated, and after every article giving
// the other: a later count (a death in hospital, a recount), not a disagreement.
bool IsUpdate(const Story& story, const std::vector<DisagreementVersion>& versions) {
  if (versions.size() != 2) return false;
  const auto range = [&](const DisagreementVersion& v, std::string* first, std::string* last) {
    for (std::size_t d : v.docs) {
      const std::string& date = story.docs[d].date;
      if (date.size() < 10) return false;
      const std::string day = date.substr(0, 10);
      if (first->empty() || day < *first) *first = day;
      if (last->empty() || day > *last) *last = day;
    }
    return true;
  };
  std::string f0, l0, f1, l1;
  if (!range(versions[0], &f0, &l0) || !range(versions[1], &f1, &l1)) return false;
  return l0 < f1 || l1 < f0;
}

}  // namespace

std::vector<Disagreement> FindDisagreements(const Story& story, const StoryModel& m, CitationFinder& finder) {
  std::vector<UnitFacts> facts = ReadFacts(m, finder);
  MarkSoleCounts(m, &facts);
  std::vector<std::size_t> candidates;
  for (std::size_t i = 0; i < m.units.size(); ++i) {
    const UnitFacts& f = facts[i];
    if (!f.slots.empty() || f.day || f.quotation) candidates.push_back(i);
  }
  std::vector<std::optional<long>> days;
  days.reserve(story.docs.size());
  for (const Document& doc : story.docs) days.push_back(DayNumber(doc.date));
  const CountDocs count_docs = DocsGivingEachCount(m, facts);
  std::vector<Conflict> conflicts;
  for (std::size_t x = 0; x < candidates.size(); ++x) {
    for (std::size_t y = x + 1; y < candidates.size(); ++y) {
      const std::size_t i = candidates[x], j = candidates[y];
      if (m.units[i].doc == m.units[j].doc || !Comparable(facts[i], facts[j])) continue;
      Coverages coverage(finder, i, j);
      CompareUnits(i, j, facts, coverage, days, count_docs, m, finder, &conflicts);
    }
  }
  if (std::none_of(conflicts.begin(), conflicts.end(), [](const Conflict& c) { return !c.agreement; })) return {};

  // Conflicts that share a sentence (and kind, and what is counted) are one
  // disagreement: "12" in two articles against "14" in a third.
  std::map<std::tuple<std::string, std::string, std::size_t>, std::size_t> node_of;
  std::vector<std::size_t> parent;
  std::vector<const Claim*> claims;
  std::vector<const Conflict*> conflict_of;
  const auto node = [&](const Conflict& c, const Claim& claim) {
    const auto [it, inserted] = node_of.emplace(std::make_tuple(c.kind, c.what, claim.unit), parent.size());
    if (inserted) {
      parent.push_back(parent.size());
      claims.push_back(&claim);
      conflict_of.push_back(&c);
    }
    return it->second;
  };
  const auto find = [&](std::size_t n) {
    while (parent[n] != n) n = parent[n] = parent[parent[n]];
    return n;
  };
  for (const Conflict& c : conflicts) {
    const std::size_t a = node(c, c.a), b = node(c, c.b);
    parent[find(a)] = find(b);
  }
  std::map<std::size_t, std::vector<std::size_t>> groups;  // root -> nodes
  for (std::size_t n = 0; n < parent.size(); ++n) groups[find(n)].push_back(n);

  std::vector<Disagreement> out;
  for (const auto& [root, nodes] : groups) {
    Disagreement d;
    d.kind = conflict_of[root]->kind;
    std::map<std::string, std::size_t> version_of;  // claim key -> index in d.versions
    std::size_t first_unit = claims[nodes.front()]->unit;
    for (std::size_t n : nodes) {
      const Claim& claim = *claims[n];
      const Unit& u = m.units[claim.unit];
      first_unit = std::min(first_unit, claim.unit);
      auto [it, inserted] = version_of.emplace(claim.key, d.versions.size());
      if (inserted) d.versions.push_back({claim.shown, {}, {}});
      DisagreementVersion& v = d.versions[it->second];
      if (std::find(v.docs.begin(), v.docs.end(), u.doc) == v.docs.end()) v.docs.push_back(u.doc);
      v.sentences.push_back({u.doc, u.position, 1.0});
    }
    if (d.versions.size() < 2) continue;
    for (DisagreementVersion& v : d.versions) std::sort(v.docs.begin(), v.docs.end());
    // An article that gives two of the values (two ages of two people, a
    // figure and its revision) shows that they are not versions of one fact.
    if (AnArticleGivesTwo(d.versions)) continue;
    // Three values for one fact are more often a muddle of several facts
    // (three incidents, three days) than a dispute.
    if (d.versions.size() > 2) continue;
    std::sort(d.versions.begin(), d.versions.end(),
              [](const DisagreementVersion& a, const DisagreementVersion& b) { return a.docs < b.docs; });
    // Casualty counts grow as news comes in; an age does not.
    const std::string& what = conflict_of[root]->what;
    if (d.kind == "number" && SelfDescribing(what) && what != "age" && IsUpdate(story, d.versions)) continue;
    d.about = About(d.kind, *conflict_of[root], m.units[first_unit].text);
    out.push_back(std::move(d));
  }
  std::sort(out.begin(), out.end(), [](const Disagreement& a, const Disagreement& b) {
    return a.versions.front().sentences.front().doc < b.versions.front().sentences.front().doc ||
           (a.versions.front().sentences.front().doc == b.versions.front().sentences.front().doc &&
            a.versions.front().sentences.front().sentence < b.versions.front().sentences.front().sentence);
  });
  return out;
}

}  // namespace precis::summarize::detail
