// Internal: the words of a sentence that say when something happened
// ("on Wednesday", "two days ago", "Oct. 6, 2021", "last week", "a day
// later"), and the days they mean once read against an article's date.
#pragma once

#include <cstdint>
#include <limits>
#include <string>
#include <string_view>
#include <vector>

namespace precis::summarize::detail {

// A calendar day: days since 1970-01-01 (proleptic Gregorian).
using Day = std::int32_t;
inline constexpr Day kNoDay = std::numeric_limits<Day>::min();

Day DayFromCivil(int year, int month, int day);
void CivilFromDay(Day d, int* year, int* month, int* day);
int WeekdayOf(Day d);  // 0 Monday ... 6 Sunday
std::string IsoDay(Day d);  // "YYYY-MM-DD"; "" for kNoDay
// A date as metadata gives it ("2021-10-21", "2021-10-21T14:19:00Z",
// "October 21, 2021", "21 Oct, 2021 14:19"), or kNoDay.
Day ParseDay(std::string_view text);

// The days a phrase may mean, both ends included.
struct DayRange {
  Day lo = kNoDay;
  Day hi = kNoDay;
  bool known() const { return lo != kNoDay; }
  bool exact() const { return lo == hi && lo != kNoDay; }
  Day mid() const { return lo + (hi - lo) / 2; }
};

enum class PhraseKind : std::uint8_t {
  kDate,          // year, month and day: "October 6, 2021", "6 Oct 2021", "2021-10-06"
  kMonthDay,      // month and day, the year left to the reader: "Oct. 6", "6 October"
  kMonth,         // a month: "October 2021" (a = year), "in October" (a = 0)
  // Days from the article's date: "yesterday" (-1), "two days ago" (-2).
  // ("Today" is left out: it says no more than the article's date, and
  // news uses it for "nowadays" as often.)
  kDayOffset,
  kWeekday,       // "on Wednesday": a = weekday; the nearest one on or before the article's date (after, for the future)
  kWeek,          // a = -1 "last week", 0 "this week", 1 "next week"; b = -1 "earlier", 1 "later" this week
  kMonthOffset,   // a = -1 "last month", 0 "this month", 1 "next month"; b as for kWeek
  kAfterPrevious  // "a day later", "the next day", "a day after": a days after the sentence before
};

enum class Direction : std::uint8_t { kTense, kPast, kFuture };

struct TimePhrase {
  PhraseKind kind = PhraseKind::kDate;
  int a = 0, b = 0, c = 0;   // kind-specific (kDate: year, month, day; kMonthDay: month, day; kMonth: year, month)
  int spread = 0;            // kDayOffset: the offset is a..a+spread ("a few days ago")
  Direction direction = Direction::kTense;
  bool future = false;       // read in a clause about the future ("will meet on Friday")
  bool past = false;         // read in a clause about the past ("have called for a rally like the one of 20 May")
  // Inside a phrase about an earlier event the sentence's own answers to
  // ("in response to the expulsion last week", "despite having expelled
  // them weeks ago"): it dates that event, not the sentence's.
  bool antecedent = false;
  std::uint32_t begin = 0;   // byte range of the phrase in the sentence
  std::uint32_t end = 0;
};

// Appends the time phrases of `sentence`, in text order. Phrases that bound
// a state or set a deadline ("since Monday", "until Friday", "from the
// beginning of November", "by the end of October") are left out: they do
// not say when the sentence's event happened.
void FindTimePhrases(std::string_view sentence, std::vector<TimePhrase>* out);

// The days `phrase` means for an article written on `anchor` (kNoDay:
// unknown; then only anchor-free phrases resolve). kAfterPrevious resolves
// against `previous`, the day of the sentence before. Unknown: !known().
DayRange Resolve(const TimePhrase& phrase, Day anchor, Day previous = kNoDay);

}  // namespace precis::summarize::detail
