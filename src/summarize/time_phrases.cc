#include "summarize/time_phrases.h"

#include <algorithm>
#include <array>
#include <cstdio>
#include <cstdlib>

#include "clean/dates.h"
#include "common/swar.h"

namespace precis::summarize::detail {

// Howard Hinnant's days_from_civil / civil_from_days.
Day DayFromCivil(int year, int month, int day) {
  year -= month <= 2 ? 1 : 0;
  const int era = (year >= 0 ? year : year - 399) / 400;
  const int yoe = year - era * 400;
  const int doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
  const int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

void CivilFromDay(Day d, int* year, int* month, int* day) {
  const int z = d + 719468;
  const int era = (z >= 0 ? z : z - 146096) / 146097;
  const int doe = z - era * 146097;
  const int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int mp = (5 * doy + 2) / 153;
  *day = doy - (153 * mp + 2) / 5 + 1;
  *month = mp < 10 ? mp + 3 : mp - 9;
  *year = yoe + era * 400 + (*month <= 2 ? 1 : 0);
}

int WeekdayOf(Day d) {
  // 1970-01-01 was a Thursday (3).
  const int w = (d + 3) % 7;
  return w < 0 ? w + 7 : w;
}

std::string IsoDay(Day d) {
  if (d == kNoDay) return {};
  int y = 0, m = 0, day = 0;
  CivilFromDay(d, &y, &m, &day);
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02d", y, m, day);
  return buffer;
}

namespace {

bool ValidDate(int year, int month, int day) {
  if (year < 1900 || year > 2100 || month < 1 || month > 12 || day < 1) return false;
  static constexpr std::array<int, 12> kDays = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (day > kDays[month - 1]) return false;
  return month != 2 || day < 29 || (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0));
}

int DaysInMonth(int year, int month) {
  const int next_year = month == 12 ? year + 1 : year;
  const int next_month = month == 12 ? 1 : month + 1;
  return DayFromCivil(next_year, next_month, 1) - DayFromCivil(year, month, 1);
}

bool IsDigit(char c) { return c >= '0' && c <= '9'; }
// One table lookup per byte: the word scan of every sentence runs on it.
constexpr std::array<bool, 256> kLetters = [] {
  std::array<bool, 256> t{};
  for (int c = 'a'; c <= 'z'; ++c) t[static_cast<std::size_t>(c)] = t[static_cast<std::size_t>(c - 32)] = true;
  return t;
}();
bool IsLetter(char c) { return kLetters[static_cast<unsigned char>(c)]; }
bool IsUpper(char c) { return c >= 'A' && c <= 'Z'; }
char Lower(char c) { return IsUpper(c) ? static_cast<char>(c + 32) : c; }

// What a word may say about time. Values: weekday 0-6, month 1-12, number.
enum class Key : std::uint8_t {
  kNone, kWeekday, kMonth, kYesterday, kTomorrow, kAgo, kLast, kThis, kNext, kEarlier, kLater,
  kWeek, kWeeks, kMonthWord, kMonths, kDay, kDays, kNumber, kA, kFew, kSeveral, kFollowing, kAfter, kBefore,
  kOn, kThe, kOf, kBound,  // since, until, by, from, as ... (phrases after them are left out)
  kEdge,                   // beginning, end, start, middle, early, late, mid
  kFutureMarker, kPastMarker
};

struct Word {
  std::string_view text;  // as written
  std::uint32_t begin = 0, end = 0;
  Key key = Key::kNone;
  int value = 0;      // weekday, month, or number
  bool upper = false; // starts with a capital
  bool abbreviation = false;  // a month written short ("Oct")
  int number = -1;    // digits, or an ordinal ("21st"): its value
  bool four_digits = false;
};

struct Entry {
  std::string_view word;
  Key key;
  int value;
};

constexpr Entry kEntries[] = {
    {"monday", Key::kWeekday, 0}, {"tuesday", Key::kWeekday, 1}, {"wednesday", Key::kWeekday, 2},
    {"thursday", Key::kWeekday, 3}, {"friday", Key::kWeekday, 4}, {"saturday", Key::kWeekday, 5},
    {"sunday", Key::kWeekday, 6},
    {"january", Key::kMonth, 1}, {"february", Key::kMonth, 2}, {"march", Key::kMonth, 3}, {"april", Key::kMonth, 4},
    {"may", Key::kMonth, 5}, {"june", Key::kMonth, 6}, {"july", Key::kMonth, 7}, {"august", Key::kMonth, 8},
    {"september", Key::kMonth, 9}, {"october", Key::kMonth, 10}, {"november", Key::kMonth, 11},
    {"december", Key::kMonth, 12},
    {"jan", Key::kMonth, -1}, {"feb", Key::kMonth, -2}, {"mar", Key::kMonth, -3}, {"apr", Key::kMonth, -4},
    {"jun", Key::kMonth, -6}, {"jul", Key::kMonth, -7}, {"aug", Key::kMonth, -8}, {"sep", Key::kMonth, -9},
    {"sept", Key::kMonth, -9}, {"oct", Key::kMonth, -10}, {"nov", Key::kMonth, -11}, {"dec", Key::kMonth, -12},
    {"yesterday", Key::kYesterday, 0},
    {"tomorrow", Key::kTomorrow, 0}, {"ago", Key::kAgo, 0}, {"last", Key::kLast, 0}, {"past", Key::kLast, 0},
    {"this", Key::kThis, 0}, {"next", Key::kNext, 0}, {"coming", Key::kNext, 0}, {"earlier", Key::kEarlier, 0},
    {"later", Key::kLater, 0}, {"week", Key::kWeek, 0}, {"weeks", Key::kWeeks, 0}, {"month", Key::kMonthWord, 0},
    {"months", Key::kMonths, 0}, {"day", Key::kDay, 0}, {"days", Key::kDays, 0},
    {"a", Key::kA, 1}, {"an", Key::kA, 1}, {"one", Key::kNumber, 1}, {"two", Key::kNumber, 2},
    {"three", Key::kNumber, 3}, {"four", Key::kNumber, 4}, {"five", Key::kNumber, 5}, {"six", Key::kNumber, 6},
    {"seven", Key::kNumber, 7}, {"eight", Key::kNumber, 8}, {"nine", Key::kNumber, 9}, {"ten", Key::kNumber, 10},
    {"eleven", Key::kNumber, 11}, {"twelve", Key::kNumber, 12}, {"fourteen", Key::kNumber, 14},
    {"fifteen", Key::kNumber, 15}, {"twenty", Key::kNumber, 20}, {"thirty", Key::kNumber, 30},
    {"few", Key::kFew, 0}, {"couple", Key::kFew, 0}, {"several", Key::kSeveral, 0},
    {"following", Key::kFollowing, 0}, {"after", Key::kAfter, 0}, {"before", Key::kBefore, 0},
    {"on", Key::kOn, 0}, {"the", Key::kThe, 0}, {"of", Key::kOf, 0},
    {"since", Key::kBound, 0}, {"until", Key::kBound, 0}, {"till", Key::kBound, 0}, {"by", Key::kBound, 0},
    {"from", Key::kBound, 0}, {"as", Key::kBound, 0}, {"through", Key::kBound, 0}, {"starting", Key::kBound, 0},
    {"effective", Key::kBound, 0}, {"between", Key::kBound, 0}, {"to", Key::kBound, 0},
    {"beginning", Key::kEdge, 0}, {"end", Key::kEdge, 0}, {"start", Key::kEdge, 0}, {"middle", Key::kEdge, 0},
    {"early", Key::kEdge, 0}, {"late", Key::kEdge, 0}, {"mid", Key::kEdge, 0},
    {"will", Key::kFutureMarker, 0}, {"shall", Key::kFutureMarker, 0}, {"ll", Key::kFutureMarker, 0},
    {"scheduled", Key::kFutureMarker, 0}, {"expected", Key::kFutureMarker, 0}, {"planned", Key::kFutureMarker, 0},
    {"due", Key::kFutureMarker, 0}, {"going", Key::kFutureMarker, 0}, {"would", Key::kFutureMarker, 0},
    {"said", Key::kPastMarker, 0}, {"says", Key::kPastMarker, 0}, {"told", Key::kPastMarker, 0},
    {"was", Key::kPastMarker, 0}, {"were", Key::kPastMarker, 0}, {"had", Key::kPastMarker, 0},
    {"did", Key::kPastMarker, 0}, {"met", Key::kPastMarker, 0}, {"came", Key::kPastMarker, 0},
    {"held", Key::kPastMarker, 0}, {"made", Key::kPastMarker, 0}, {"took", Key::kPastMarker, 0},
};

// Lower-cased word -> entry, by length and first letter (a handful of
// candidates per bucket); words longer than 9 letters are never keys.
const Entry* Lookup(std::string_view lower) {
  constexpr std::size_t kMaxLength = 9;
  static const auto buckets = [] {
    std::array<std::vector<const Entry*>, 26 * kMaxLength> b;
    for (const Entry& e : kEntries) b[(e.word.size() - 1) * 26 + static_cast<std::size_t>(e.word[0] - 'a')].push_back(&e);
    return b;
  }();
  if (lower.empty() || lower.size() > kMaxLength || lower[0] < 'a' || lower[0] > 'z') return nullptr;
  for (const Entry* e : buckets[(lower.size() - 1) * 26 + static_cast<std::size_t>(lower[0] - 'a')]) {
    if (e->word == lower) return e;
  }
  return nullptr;
}

// Whether the sentence can hold a time phrase at all: a word that names a
// weekday or month, or one of the few words every other phrase needs
// ("day", "ago", "week", "month", "tomorrow", "yesterday"), or a
// four-digit number followed by a hyphen (ISO dates). Most sentences have
// none; one pass over their words spares them the full scan.
bool MayHoldTime(std::string_view s) {
  const std::size_t n = s.size();
  char lower[10];
  for (std::size_t i = 0; i < n;) {
    const char c = s[i];
    if (IsDigit(c)) {
      std::size_t j = i;
      while (j < n && IsDigit(s[j])) ++j;
      if (j - i == 4 && j + 1 < n && s[j] == '-' && IsDigit(s[j + 1])) return true;
      i = j;
      continue;
    }
    if (!IsLetter(c)) {
      ++i;
      continue;
    }
    // Eight bytes at a time: this runs over every word of every sentence.
    const std::size_t j = internal::AsciiLetterRunEnd(s, i);
    const std::size_t len = j - i;
    if (len >= 3 && len <= sizeof lower) {
      // Only a capitalised word needs a lower-case copy.
      std::string_view w = s.substr(i, len);
      if (IsUpper(c)) {
        for (std::size_t k = 0; k < len; ++k) lower[k] = Lower(s[i + k]);
        w = std::string_view(lower, len);
      }
      switch (w[0]) {
        case 'a': if (w == "ago") return true; break;
        case 'd': if (w == "day" || w == "days") return true; break;
        case 'w': if (w == "week" || w == "weeks") return true; break;
        case 'm': if (w == "month" || w == "months") return true; break;
        case 't': if (w == "tomorrow") return true; break;
        case 'y': if (w == "yesterday") return true; break;
        default: break;
      }
      if (IsUpper(c)) {
        if (const Entry* e = Lookup(w); e != nullptr && (e->key == Key::kWeekday || e->key == Key::kMonth)) return true;
      }
    }
    i = j;
  }
  return false;
}

void SplitWords(std::string_view s, std::vector<Word>* words) {
  words->clear();
  char lower[16];
  std::size_t i = 0;
  while (i < s.size()) {
    if (!IsLetter(s[i]) && !IsDigit(s[i])) {
      ++i;
      continue;
    }
    const std::size_t b = i;
    while (i < s.size() && (IsLetter(s[i]) || IsDigit(s[i]))) ++i;
    Word w;
    w.text = s.substr(b, i - b);
    w.begin = static_cast<std::uint32_t>(b);
    w.end = static_cast<std::uint32_t>(i);
    w.upper = IsUpper(s[b]);
    if (IsDigit(s[b])) {
      std::size_t d = b;
      int value = 0;
      while (d < i && IsDigit(s[d]) && d - b < 5) value = value * 10 + (s[d++] - '0');
      const std::string_view suffix = s.substr(d, i - d);
      if (suffix.empty() && d == i) {
        w.number = value;
        w.four_digits = d - b == 4;
      } else if (suffix == "st" || suffix == "nd" || suffix == "rd" || suffix == "th") {
        w.number = value;
      }
    } else if (w.text.size() <= sizeof lower) {
      for (std::size_t k = 0; k < w.text.size(); ++k) lower[k] = Lower(w.text[k]);
      if (const Entry* e = Lookup(std::string_view(lower, w.text.size()))) {
        w.key = e->key;
        w.value = e->value;
        if (e->key == Key::kMonth && e->value < 0) {
          w.value = -e->value;
          w.abbreviation = true;
        }
        if (e->key == Key::kNumber) w.number = e->value;
      }
    }
    words->push_back(w);
  }
}

bool DayNumber(const Word& w) { return w.number >= 1 && w.number <= 31 && !w.four_digits && w.text.size() <= 4; }
bool YearNumber(const Word& w) { return w.four_digits && w.number >= 1900 && w.number <= 2100; }
// "two", "2", "a" as a count of units.
int Count(const Word& w) {
  if (w.key == Key::kA) return 1;
  if (w.number >= 1 && w.number <= 366 && !w.four_digits) return w.number;
  return 0;
}

class Finder {
 public:
  Finder(std::string_view s, const std::vector<Word>& w, std::vector<TimePhrase>* out) : s_(s), w_(w), out_(out) {}

  void Run() {
    for (std::size_t i = 0; i < w_.size();) {
      const std::size_t next = Match(i);
      i = next > i ? next : i + 1;
    }
  }

 private:
  // Tries a phrase starting at word i; returns the index after it (i: none).
  std::size_t Match(std::size_t i) {
    const Word& w = w_[i];
    if (std::size_t n = IsoDate(i); n > i) return n;
    switch (w.key) {
      case Key::kWeekday: return w.upper ? Weekday(i) : i;
      case Key::kMonth: return w.upper ? MonthFirst(i) : i;
      case Key::kYesterday: return Offset(i, i + 1, -1, 0);
      case Key::kTomorrow: return Offset(i, i + 1, 1, 0);
      case Key::kLast:
      case Key::kThis:
      case Key::kNext:
      case Key::kEarlier:
      case Key::kLater: return Relative(i);
      case Key::kThe: return AfterPrevious(i);
      case Key::kA:
        if (std::size_t n = AfterPrevious(i); n > i) return n;
        return Ago(i);
      default: break;
    }
    if (DayNumber(w) && i + 1 < w_.size()) {
      std::size_t m = i + 1;
      if (w_[m].key == Key::kOf && m + 1 < w_.size()) ++m;
      if (w_[m].key == Key::kMonth && w_[m].upper) return DayMonth(i, m);
    }
    if (std::size_t n = Ago(i); n > i) return n;
    return AfterPrevious(i);
  }

  // 2021-10-06
  std::size_t IsoDate(std::size_t i) {
    const Word& w = w_[i];
    if (!YearNumber(w) || i + 2 >= w_.size()) return i;
    const Word& m = w_[i + 1];
    const Word& d = w_[i + 2];
    if (m.begin != w.end + 1 || d.begin != m.end + 1 || s_[w.end] != '-' || s_[m.end] != '-') return i;
    if (m.text.size() != 2 || d.text.size() != 2 || m.number < 1 || d.number < 1) return i;
    if (!ValidDate(w.number, m.number, d.number)) return i;
    if (Bounded(i)) return i + 3;
    Add(PhraseKind::kDate, i, i + 3, w.number, m.number, d.number);
    return i + 3;
  }

  // "Wednesday", "on Wednesday", "last Wednesday", "Wednesday, October 6".
  std::size_t Weekday(std::size_t i) {
    if (i + 1 < w_.size() && w_[i + 1].key == Key::kMonth && w_[i + 1].upper) {
      const std::size_t n = MonthFirst(i + 1);
      if (n > i + 1) {
        out_->back().begin = w_[i].begin;
        return n;
      }
    }
    if (i + 1 < w_.size() && DayNumber(w_[i + 1]) && i + 2 < w_.size() && w_[i + 2].key == Key::kMonth) {
      const std::size_t n = DayMonth(i + 1, i + 2);
      if (n > i + 1) {
        out_->back().begin = w_[i].begin;
        return n;
      }
    }
    std::size_t first = i;
    Direction direction = Direction::kTense;
    if (i > 0) {
      const Key before = w_[i - 1].key;
      if (before == Key::kLast) direction = Direction::kPast;
      if (before == Key::kNext) direction = Direction::kFuture;
      if (before == Key::kLast || before == Key::kNext || before == Key::kThis || before == Key::kOn) first = i - 1;
    }
    if (Bounded(first)) return i + 1;
    TimePhrase& p = Add(PhraseKind::kWeekday, first, i + 1, w_[i].value);
    p.direction = direction;
    p.future = FutureClause(first);
    return i + 1;
  }

  // "October 6", "Oct. 6, 2021", "October 2021", "in October".
  std::size_t MonthFirst(std::size_t i) {
    const Word& m = w_[i];
    if (i + 1 < w_.size() && DayNumber(w_[i + 1])) {
      const int day = w_[i + 1].number;
      if (i + 2 < w_.size() && YearNumber(w_[i + 2]) && w_[i + 2].begin - w_[i + 1].end <= 3) {
        if (!ValidDate(w_[i + 2].number, m.value, day)) return i;
        if (Bounded(i)) return i + 3;
        Add(PhraseKind::kDate, i, i + 3, w_[i + 2].number, m.value, day);
        return i + 3;
      }
      if (!ValidDate(2000, m.value, day)) return i;
      if (Bounded(i)) return i + 2;
      TimePhrase& p = Add(PhraseKind::kMonthDay, i, i + 2, m.value, day);
      p.future = FutureClause(i);
      p.past = PastClause(i);
      return i + 2;
    }
    if (i + 1 < w_.size() && YearNumber(w_[i + 1])) {
      if (Bounded(i)) return i + 2;
      Add(PhraseKind::kMonth, i, i + 2, w_[i + 1].number, m.value);
      return i + 2;
    }
    // A month alone: only after "in" ("in October"); "may" and "march" are
    // verbs too often otherwise, and abbreviations need a day.
    if (m.abbreviation || i == 0) return i;
    const std::string_view before = w_[i - 1].text;
    const bool edge = before == "early" || before == "late" || before == "mid" || before == "Early" || before == "Late";
    if (before != "in" && before != "In" && !edge) return i;
    if (Bounded(i - 1)) return i + 1;
    TimePhrase& p = Add(PhraseKind::kMonth, i - 1, i + 1, 0, m.value);
    p.future = FutureClause(i - 1);
    return i + 1;
  }

  // "6 October 2021", "6th of October".
  std::size_t DayMonth(std::size_t d, std::size_t m) {
    const int day = w_[d].number;
    const int month = w_[m].value;
    if (m + 1 < w_.size() && YearNumber(w_[m + 1])) {
      if (!ValidDate(w_[m + 1].number, month, day)) return d;
      if (Bounded(d)) return m + 2;
      Add(PhraseKind::kDate, d, m + 2, w_[m + 1].number, month, day);
      return m + 2;
    }
    if (!ValidDate(2000, month, day)) return d;
    if (Bounded(d)) return m + 1;
    TimePhrase& p = Add(PhraseKind::kMonthDay, d, m + 1, month, day);
    p.future = FutureClause(d);
    p.past = PastClause(d);
    return m + 1;
  }

  std::size_t Offset(std::size_t first, std::size_t end, int days, int spread) {
    if (Bounded(first)) return end;
    TimePhrase& p = Add(PhraseKind::kDayOffset, first, end, days);
    p.spread = spread;
    return end;
  }

  // "two days ago", "a week ago", "a few days ago", "weeks ago".
  std::size_t Ago(std::size_t i) {
    const std::size_t n = w_.size();
    std::size_t k = i;
    if (w_[k].key == Key::kA && k + 1 < n && w_[k + 1].key == Key::kFew) ++k;
    int count = 0;
    std::size_t unit = k + 1;
    if (w_[k].key == Key::kFew || w_[k].key == Key::kSeveral) {
      count = -1;
    } else if (w_[k].key == Key::kDays || w_[k].key == Key::kWeeks) {
      count = -1;
      unit = k;
    } else {
      count = Count(w_[k]);
      if (count == 0) return i;
    }
    if (unit + 1 >= n || w_[unit + 1].key != Key::kAgo) return i;
    int lo = 0, hi = 0;
    const Key u = w_[unit].key;
    if (u == Key::kDay || u == Key::kDays) {
      lo = count < 0 ? -6 : -count;
      hi = count < 0 ? -2 : -count;
    } else if (u == Key::kWeek || u == Key::kWeeks) {
      lo = count < 0 ? -35 : -7 * count - 3;
      hi = count < 0 ? -10 : -7 * count + 3;
    } else {
      return i;
    }
    return Offset(i, unit + 2, lo, hi - lo);
  }

  // "last week", "earlier this week", "this month", "next Wednesday" (via Weekday), ...
  std::size_t Relative(std::size_t i) {
    std::size_t k = i;
    int side = 0;
    if (w_[k].key == Key::kEarlier || w_[k].key == Key::kLater) {
      side = w_[k].key == Key::kEarlier ? -1 : 1;
      if (k + 1 >= w_.size() || w_[k + 1].key != Key::kThis) return AfterPrevious(i);
      ++k;
    }
    if (k + 1 >= w_.size()) return i;
    int which = 0;
    switch (w_[k].key) {
      case Key::kLast: which = -1; break;
      case Key::kThis: which = 0; break;
      case Key::kNext: which = 1; break;
      default: return i;
    }
    if (side != 0 && which != 0) return i;
    const Word& unit = w_[k + 1];
    if (unit.key == Key::kWeekday && unit.upper) return i;  // Weekday() reads it
    if (unit.key != Key::kWeek && unit.key != Key::kMonthWord) return i;
    if (Bounded(i)) return k + 2;
    Add(unit.key == Key::kWeek ? PhraseKind::kWeek : PhraseKind::kMonthOffset, i, k + 2, which, side);
    return k + 2;
  }

  // "a day later", "the next day", "the following day", "a day after", "two days later".
  std::size_t AfterPrevious(std::size_t i) {
    if (i + 1 >= w_.size()) return i;
    const Word& w = w_[i];
    if (w.key == Key::kThe && i + 2 < w_.size() &&
        (w_[i + 1].key == Key::kNext || w_[i + 1].key == Key::kFollowing) && w_[i + 2].key == Key::kDay) {
      Add(PhraseKind::kAfterPrevious, i, i + 3, 1);
      return i + 3;
    }
    if (w.key == Key::kThe && i + 2 < w_.size() && w_[i + 1].key == Key::kDay &&
        (w_[i + 2].key == Key::kAfter || w_[i + 2].key == Key::kBefore)) {
      Add(PhraseKind::kAfterPrevious, i, i + 3, w_[i + 2].key == Key::kAfter ? 1 : -1);
      return i + 3;
    }
    const int count = Count(w);
    if (count == 0 || count > 31 || i + 2 >= w_.size()) return i;
    const Key unit = w_[i + 1].key;
    int per = 0;
    if (unit == Key::kDay || unit == Key::kDays) per = 1;
    if (unit == Key::kWeek || unit == Key::kWeeks) per = 7;
    if (per == 0) return i;
    const Key rel = w_[i + 2].key;
    if (rel == Key::kLater || rel == Key::kAfter) {
      Add(PhraseKind::kAfterPrevious, i, i + 3, count * per);
    } else if (rel == Key::kEarlier || rel == Key::kBefore) {
      Add(PhraseKind::kAfterPrevious, i, i + 3, -count * per);
    } else {
      return i;
    }
    return i + 3;
  }

  // Whether the phrase starting at word `first` is introduced by a word that
  // bounds a state or sets a deadline ("since", "until", "by the end of").
  bool Bounded(std::size_t first) const {
    std::size_t k = first;
    while (k > 0) {
      const Key key = w_[k - 1].key;
      if (key == Key::kThe || key == Key::kOf || key == Key::kEdge) {
        --k;
        continue;
      }
      return key == Key::kBound;
    }
    return false;
  }

  // Whether the clause before word `first` speaks of the future: a "will"
  // (or "expected", "scheduled", ...) closer than any past marker ("said",
  // a verb in -ed) within eight words; or of the past: a past marker closer
  // than any "will".
  bool FutureClause(std::size_t first) const { return ClauseTense(first) > 0; }
  bool PastClause(std::size_t first) const { return ClauseTense(first) < 0; }
  int ClauseTense(std::size_t first) const {
    for (std::size_t k = first, seen = 0; k > 0 && seen < 8; --k, ++seen) {
      const Word& w = w_[k - 1];
      if (w.key == Key::kFutureMarker) return 1;
      if (w.key == Key::kPastMarker) return -1;
      if (w.text.size() > 3 && w.text.substr(w.text.size() - 2) == "ed") return -1;
    }
    return 0;
  }

  // Whether the phrase starting at word `first` sits in a phrase about an
  // earlier event: "after", "following", "despite", "in response to",
  // "in retaliation for" before it in the same clause (no comma between,
  // twenty words at most).
  bool Antecedent(std::size_t first) const {
    for (std::size_t k = first, seen = 0; k > 0 && seen < 20; --k, ++seen) {
      const Word& w = w_[k - 1];
      const std::string_view between = s_.substr(w.end, w_[k].begin - w.end);
      if (between.find_first_of(",;:") != std::string_view::npos) return false;
      if (w.key == Key::kAfter && k < w_.size() && w_[k].key != Key::kDay) {
        // "a day after" is a phrase of its own; "after" alone opens one.
        if (k < 2 || (w_[k - 2].key != Key::kDay && w_[k - 2].key != Key::kDays)) return true;
      }
      const std::string_view t = w.text;
      if (t == "following" || t == "despite" || t == "Following" || t == "Despite" || t == "After") return true;
      if ((t == "to" || t == "for") && k >= 2) {
        const std::string_view before = w_[k - 2].text;
        if (before == "response" || before == "reaction" || before == "retaliation" || before == "reply") return true;
      }
    }
    return false;
  }

  TimePhrase& Add(PhraseKind kind, std::size_t first, std::size_t end, int a = 0, int b = 0, int c = 0) {
    TimePhrase p;
    p.antecedent = kind != PhraseKind::kAfterPrevious && Antecedent(first);
    p.kind = kind;
    p.a = a;
    p.b = b;
    p.c = c;
    p.begin = w_[first].begin;
    p.end = w_[end - 1].end;
    out_->push_back(p);
    return out_->back();
  }

  std::string_view s_;
  const std::vector<Word>& w_;
  std::vector<TimePhrase>* out_;
};

// The month starting `months` after the month of `anchor`: its first and last day.
DayRange MonthRange(Day anchor, int months) {
  int y = 0, m = 0, d = 0;
  CivilFromDay(anchor, &y, &m, &d);
  int index = y * 12 + (m - 1) + months;
  y = index / 12;
  m = index % 12 + 1;
  const Day first = DayFromCivil(y, m, 1);
  return {first, first + DaysInMonth(y, m) - 1};
}

}  // namespace

// How far after its article's date a day and month without a year may lie
// in a clause about the past (a date written days ahead of an event it
// reports happens; one weeks ahead is last year's).
constexpr Day kMostDaysAheadInThePast = 31;

Day ParseDay(std::string_view text) {
  const std::string iso = clean_internal::NormalizeDate(text);
  if (iso.size() != 10) return kNoDay;
  const int y = std::stoi(iso.substr(0, 4)), m = std::stoi(iso.substr(5, 2)), d = std::stoi(iso.substr(8, 2));
  return ValidDate(y, m, d) ? DayFromCivil(y, m, d) : kNoDay;
}

void FindTimePhrases(std::string_view sentence, std::vector<TimePhrase>* out) {
  if (!MayHoldTime(sentence)) return;
  thread_local std::vector<Word> words;
  SplitWords(sentence, &words);
  Finder(sentence, words, out).Run();
}

DayRange Resolve(const TimePhrase& p, Day anchor, Day previous) {
  switch (p.kind) {
    case PhraseKind::kDate: {
      const Day d = DayFromCivil(p.a, p.b, p.c);
      return {d, d};
    }
    case PhraseKind::kMonthDay: {
      if (anchor == kNoDay) return {};
      int y = 0, m = 0, d = 0;
      CivilFromDay(anchor, &y, &m, &d);
      // The year that puts the day nearest the article's date; but a day
      // weeks after it, in a clause about the past, is the one of the year
      // before ("have called for a rally like the one of 20 May", written in
      // March; "20 May is the tenth anniversary", written in March, stays).
      Day best = kNoDay, before = kNoDay;
      for (int year = y - 1; year <= y + 1; ++year) {
        if (!ValidDate(year, p.a, p.b)) continue;
        const Day c = DayFromCivil(year, p.a, p.b);
        if (best == kNoDay || std::abs(c - anchor) < std::abs(best - anchor)) best = c;
        if (c <= anchor) before = c;
      }
      if (p.past && best != kNoDay && best - anchor > kMostDaysAheadInThePast && before != kNoDay) best = before;
      return {best, best};
    }
    case PhraseKind::kMonth: {
      if (p.a != 0) {
        const Day first = DayFromCivil(p.a, p.b, 1);
        return {first, first + DaysInMonth(p.a, p.b) - 1};
      }
      if (anchor == kNoDay) return {};
      int y = 0, m = 0, d = 0;
      CivilFromDay(anchor, &y, &m, &d);
      // The nearest such month: this year's unless it is more than six months away.
      int delta = p.b - m;
      if (delta > 6) delta -= 12;
      if (delta < -6) delta += 12;
      return MonthRange(anchor, delta);
    }
    case PhraseKind::kDayOffset:
      if (anchor == kNoDay) return {};
      return {anchor + p.a, anchor + p.a + p.spread};
    case PhraseKind::kWeekday: {
      if (anchor == kNoDay) return {};
      const int today = WeekdayOf(anchor);
      const bool future = p.direction == Direction::kFuture || (p.direction == Direction::kTense && p.future);
      int delta = future ? (p.a - today + 7) % 7 : -((today - p.a + 7) % 7);
      if (delta == 0 && p.direction != Direction::kTense) delta = future ? 7 : -7;
      return {anchor + delta, anchor + delta};
    }
    case PhraseKind::kWeek: {
      if (anchor == kNoDay) return {};
      const Day monday = anchor - WeekdayOf(anchor) + 7 * p.a;
      if (p.b < 0) return {monday, std::max(monday, anchor - 1)};
      if (p.b > 0) return {std::min(anchor + 1, monday + 6), monday + 6};
      return {monday, monday + 6};
    }
    case PhraseKind::kMonthOffset: {
      if (anchor == kNoDay) return {};
      const DayRange month = MonthRange(anchor, p.a);
      if (p.b < 0) return {month.lo, std::max(month.lo, anchor - 1)};
      if (p.b > 0) return {std::min(anchor + 1, month.hi), month.hi};
      return month;
    }
    case PhraseKind::kAfterPrevious:
      if (previous == kNoDay) return {};
      return {previous + p.a, previous + p.a};
  }
  return {};
}

}  // namespace precis::summarize::detail
