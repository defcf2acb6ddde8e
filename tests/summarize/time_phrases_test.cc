// Time phrases found in invented sentences and read against a known day.
#include "summarize/time_phrases.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace {

namespace d = precis::summarize::detail;

// 2031-03-13 is a Thursday.
const d::Day kThursday = d::DayFromCivil(2031, 3, 13);

std::vector<d::TimePhrase> Find(const std::string& s) {
  std::vector<d::TimePhrase> out;
  d::FindTimePhrases(s, &out);
  return out;
}

// The first phrase of `sentence`, its words and the days it means on `anchor`.
struct Read {
  std::string words;
  std::string lo, hi;
};
Read ReadFirst(const std::string& sentence, d::Day anchor = kThursday) {
  const auto found = Find(sentence);
  if (found.empty()) return {};
  const d::DayRange r = d::Resolve(found[0], anchor);
  return {sentence.substr(found[0].begin, found[0].end - found[0].begin), d::IsoDay(r.lo), d::IsoDay(r.hi)};
}

TEST(Calendar, DaysWeekdaysAndIsoRoundTrip) {
  EXPECT_EQ(d::DayFromCivil(1970, 1, 1), 0);
  EXPECT_EQ(d::WeekdayOf(kThursday), 3);
  EXPECT_EQ(d::IsoDay(d::DayFromCivil(2032, 2, 29)), "2032-02-29");
  EXPECT_EQ(d::ParseDay("2031-03-13T09:00:00Z"), kThursday);
  EXPECT_EQ(d::ParseDay("March 13, 2031"), kThursday);
  EXPECT_EQ(d::ParseDay("not a date"), d::kNoDay);
}

TEST(TimePhrases, RelativeDaysAreReadAgainstTheArticleDate) {
  EXPECT_EQ(ReadFirst("The crews walked out yesterday.").lo, "2031-03-12");
  EXPECT_EQ(ReadFirst("The crews walked out two days ago, the union said.").lo, "2031-03-11");
  EXPECT_EQ(ReadFirst("Ten days ago the operator cut the bonus.").lo, "2031-03-03");
  EXPECT_EQ(ReadFirst("Talks resume tomorrow.").lo, "2031-03-14");
  const Read few = ReadFirst("The boats stopped a few days ago.");
  EXPECT_EQ(few.lo, "2031-03-07");
  EXPECT_EQ(few.hi, "2031-03-11");
}

TEST(TimePhrases, WeekdaysBeforeAndAfterTheArticlesDay) {
  // Before: the nearest such day on or before the article's, in the past tense.
  EXPECT_EQ(ReadFirst("The crews walked out on Wednesday.").lo, "2031-03-12");
  EXPECT_EQ(ReadFirst("The operator cut the bonus on Friday.").lo, "2031-03-07");
  EXPECT_EQ(ReadFirst("The minister spoke on Thursday.").lo, "2031-03-13");
  EXPECT_EQ(ReadFirst("The minister said Friday that talks had failed.").lo, "2031-03-07");
  EXPECT_EQ(ReadFirst("Crews struck last Thursday.").lo, "2031-03-06");
  // After: a clause about the future, or "next".
  EXPECT_EQ(ReadFirst("The union will vote on Friday.").lo, "2031-03-14");
  // Reported speech about a plan: "said ... would" looks ahead too.
  EXPECT_EQ(ReadFirst("The chair said a recount would begin on Friday.").lo, "2031-03-14");
  EXPECT_EQ(ReadFirst("The board meets next Monday.").lo, "2031-03-17");
  const Read phrase = ReadFirst("The crews walked out on Wednesday.");
  EXPECT_EQ(phrase.words, "on Wednesday");
}

TEST(TimePhrases, WeeksAndMonths) {
  const Read last = ReadFirst("Last week, crews walked off the job.");
  EXPECT_EQ(last.words, "Last week");
  EXPECT_EQ(last.lo, "2031-03-03");
  EXPECT_EQ(last.hi, "2031-03-09");
  const Read earlier = ReadFirst("Earlier this month, the operator cut the bonus.");
  EXPECT_EQ(earlier.lo, "2031-03-01");
  EXPECT_EQ(earlier.hi, "2031-03-12");
  const Read next = ReadFirst("Members will vote next month.");
  EXPECT_EQ(next.lo, "2031-04-01");
  EXPECT_EQ(next.hi, "2031-04-30");
  EXPECT_EQ(ReadFirst("The port was busy in January.").lo, "2031-01-01");
}

TEST(TimePhrases, ExplicitDates) {
  EXPECT_EQ(ReadFirst("On Oct. 6, 2029, the ferry sank.", d::kNoDay).lo, "2029-10-06");
  EXPECT_EQ(ReadFirst("The ferry sank on 6 October 2029.", d::kNoDay).lo, "2029-10-06");
  EXPECT_EQ(ReadFirst("Records from 2029-10-06 show it.", d::kNoDay).lo, "");  // "from": a bound
  EXPECT_EQ(ReadFirst("The 2029-10-06 records show it.", d::kNoDay).lo, "2029-10-06");
  // Without a year: the year that puts it nearest the article's date.
  EXPECT_EQ(ReadFirst("The strike began on March 10.").lo, "2031-03-10");
  EXPECT_EQ(ReadFirst("The strike began on Dec. 30.").lo, "2030-12-30");
  // Weeks after the article's date: last year's in a clause about the past,
  // this year's otherwise.
  EXPECT_EQ(ReadFirst("Unions have called for a rally like the one of 20 May.").lo, "2030-05-20");
  EXPECT_EQ(ReadFirst("20 May is the tenth anniversary of the strike.").lo, "2031-05-20");
  EXPECT_EQ(ReadFirst("The unions will rally on 20 May.").lo, "2031-05-20");
  // Days ahead, even after a past verb: the nearest year.
  EXPECT_EQ(ReadFirst("Unions called a rally for March 20.").lo, "2031-03-20");
  // Without an article date, a month and day mean nothing yet.
  EXPECT_EQ(ReadFirst("The strike began on March 10.", d::kNoDay).lo, "");
  const Read full = ReadFirst("On Wednesday, March 12, 2031, crews walked out.", d::kNoDay);
  EXPECT_EQ(full.words, "Wednesday, March 12, 2031");
  EXPECT_EQ(full.lo, "2031-03-12");
}

TEST(TimePhrases, BoundsAndDeadlinesDoNotDateTheSentence) {
  EXPECT_TRUE(Find("The ferries will not run until Friday.").empty());
  EXPECT_TRUE(Find("The office closes from the beginning of November.").empty());
  EXPECT_TRUE(Find("Fares stay frozen by the end of March 2032.").empty());
  EXPECT_TRUE(Find("The port has been quiet since Monday.").empty());
  // "may" and "march" as verbs are no months.
  EXPECT_TRUE(Find("Crews may march to the town hall.").empty());
  EXPECT_TRUE(Find("The strike may last.").empty());
}

TEST(TimePhrases, PhrasesAboutAnEarlierEventAreMarked) {
  const auto found = Find("The minister said the move came in response to the walkout of ferry crews last week.");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_TRUE(found[0].antecedent);
  const auto own = Find("On Thursday, the minister answered the walkout.");
  ASSERT_EQ(own.size(), 1u);
  EXPECT_FALSE(own[0].antecedent);
}

TEST(TimePhrases, DaysAfterTheSentenceBefore) {
  const auto found = Find("A day later, the union called off the strike.");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].kind, d::PhraseKind::kAfterPrevious);
  EXPECT_EQ(d::IsoDay(d::Resolve(found[0], d::kNoDay, kThursday).lo), "2031-03-14");
  const auto next = Find("The next day, ferries ran again.");
  ASSERT_EQ(next.size(), 1u);
  EXPECT_EQ(d::IsoDay(d::Resolve(next[0], d::kNoDay, kThursday).lo), "2031-03-14");
}

TEST(TimePhrases, SentencesWithoutTimeFindNothing) {
  EXPECT_TRUE(Find("Commuters crowded the first boats to the island of Marrow.").empty());
  EXPECT_TRUE(Find("The weekly market opened at dawn, as it has for a century.").empty());
}

}  // namespace
