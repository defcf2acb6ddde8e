// Internal: when each article was written and when each of its sentences'
// events happened, and the reading order of a brief by those days.
//
// Article dates: Document::date (metadata or the date line the clean stage
// found), else a dateline ("WASHINGTON, Oct 7 (Reuters) -"). A given date
// is dropped when the article's own relative phrases ("ten days ago"),
// read against it, land far from the days other articles give the same
// facts (a stray page date). An article without a date gets the one that
// best explains what it reports: its relative phrases set against the days
// of the same content in dated articles (cosine of content terms), each
// reported fact no later than the article. Sentences' own phrases are then
// read against their article's date; a sentence without one takes the day
// of the same content in a dated article (articles without a date of their
// own only), else the day of the sentence before it in its article, else
// its article's date.
#pragma once

#include <cstddef>
#include <cstdint>
#include <limits>
#include <vector>

#include "precis/document.h"
#include "summarize/model.h"
#include "summarize/time_phrases.h"

namespace precis::summarize::detail {

enum class DateBasis : std::uint8_t {
  kNone,     // nothing says when
  kPhrase,   // its own words ("on Wednesday"), read against its article's date
  kShared,   // the same content in another article, which dates it
  kContext,  // the sentence before it in its article (or after, for a lead without a date)
  kArticle   // its article's date
};

struct UnitTime {
  DayRange event;        // when its event happened, as far as known
  Day order = kNoDay;    // the day it is ordered by (event, no later than its article)
  DateBasis basis = DateBasis::kNone;
  std::uint32_t phrase_begin = 0;  // byte range of the phrase in Unit::text (kPhrase)
  std::uint32_t phrase_end = 0;
};

struct Timeline {
  std::vector<Day> article;        // per document: its date, kNoDay when unknown
  std::vector<bool> estimated;     // per document: estimated from what it reports
  std::vector<bool> dropped;       // per document: its given date was not trusted
  std::vector<UnitTime> units;     // per unit of the model
};

// Two units whose content-term cosine reaches this report the same fact
// (for dating; citations use their own threshold).
inline constexpr double kSameFactSimilarity = 0.2;

Timeline BuildTimeline(const Story& story, const StoryModel& model);

// Fills the date fields of a summary sentence taken from `unit` (index `index`).
void DescribeTime(const Timeline& timeline, std::size_t index, const Unit& unit, SummarySentence* out);

inline constexpr std::size_t kNoDependency = std::numeric_limits<std::size_t>::max();

// One sentence of a brief, as the ordering sees it.
struct OrderItem {
  Day day = kNoDay;   // kNoDay: undated, after the dated ones
  std::size_t doc = 0;
  std::size_t position = 0;
  // Index (into the items) of the sentence this one points back to, which
  // it must follow at once; kNoDependency when none.
  std::size_t depends_on = kNoDependency;
};

// The items' reading order (a permutation of their indices): by day, then
// article, then position; undated items after dated ones. An item that
// depends on another comes right after it (after that one's earlier
// dependents), whatever its own day; there is no cycle
// (a link that would close one is ignored).
std::vector<std::size_t> ReadingOrder(const std::vector<OrderItem>& items);

// The chosen units in reading order by the timeline. `depends_on`, when
// not empty, holds per chosen unit (same index) the chosen index it depends
// on, or kNoDependency.
std::vector<std::size_t> OrderByTime(const StoryModel& model, const Timeline& timeline,
                                     const std::vector<std::size_t>& chosen,
                                     const std::vector<std::size_t>& depends_on = {});

}  // namespace precis::summarize::detail
