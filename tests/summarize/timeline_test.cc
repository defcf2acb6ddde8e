// Article dates, sentence dates and the reading order, on an invented story:
// a ferry strike in Veldhaven. Events: crews walk out on Wednesday
// 2031-03-12; the minister vows to step in on Thursday 2031-03-13; the
// union suspends the strike on Thursday 2031-03-20; ferries run again on
// Friday 2031-03-21.
#include "summarize/timeline.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "precis/summarize.h"
#include "test_support.h"
#include "summarize/model.h"

namespace {

using precis::Document;
using precis::Story;
namespace d = precis::summarize::detail;
namespace sz = precis::summarize;

Document Doc(std::string id, std::string text, std::string date = "") {
  return precis::testing::MakeDoc(std::move(id), std::move(text), std::move(date));
}

// Article 0 is dated (the day after the strike ended); 1 and 2 are not.
Story FerryStory() {
  Story s;
  s.id = "ferry";
  s.docs.push_back(Doc("wire",
                       "Ferries between Veldhaven and the island of Marrow ran on schedule again on Friday morning, and commuters crowded the first boats.\n"
                       "On Thursday, the crews' union suspended its strike after the operator agreed to restore the night shift bonus.\n"
                       "Last week, ferry crews in Veldhaven walked off the job over cuts to the night shift bonus.",
                       "2031-03-21"));
  s.docs.push_back(Doc("daily",
                       "Ferry crews in Veldhaven walked off the job on Wednesday, halting every crossing to the island of Marrow.\n"
                       "The transport minister on Thursday vowed to step in if the strike lasted into the weekend.\n"
                       "Island schools closed early because teachers who live on the mainland could not reach them."));
  s.docs.push_back(Doc("weekly",
                       "The crews' union has suspended its strike after the operator agreed to restore the night shift bonus.\n"
                       "Union leaders said members would vote on the full agreement next month."));
  return s;
}

struct Built {
  d::StoryModel model;
  d::Timeline timeline;
};

Built Build(const Story& story) {
  Built b;
  d::ModelBuilder builder;
  builder.Build(story, &b.model);
  b.timeline = d::BuildTimeline(story, b.model);
  return b;
}

// The unit of document `doc` whose text contains `needle`.
std::size_t UnitOf(const d::StoryModel& m, std::size_t doc, const std::string& needle) {
  for (std::size_t u = m.doc_ranges[doc].first; u < m.doc_ranges[doc].second; ++u) {
    if (m.units[u].text.find(needle) != std::string::npos) return u;
  }
  ADD_FAILURE() << "no unit with " << needle;
  return 0;
}

std::string EventOf(const Built& b, std::size_t doc, const std::string& needle) {
  return d::IsoDay(b.timeline.units[UnitOf(b.model, doc, needle)].event.mid());
}

TEST(Timeline, PhrasesOfADatedArticleAreReadAgainstItsDate) {
  const Built b = Build(FerryStory());
  EXPECT_EQ(d::IsoDay(b.timeline.article[0]), "2031-03-21");
  EXPECT_FALSE(b.timeline.estimated[0]);
  EXPECT_EQ(EventOf(b, 0, "Friday morning"), "2031-03-21");
  EXPECT_EQ(EventOf(b, 0, "suspended"), "2031-03-20");
  const d::UnitTime& t = b.timeline.units[UnitOf(b.model, 0, "suspended")];
  EXPECT_EQ(t.basis, d::DateBasis::kPhrase);
  EXPECT_EQ(b.model.units[UnitOf(b.model, 0, "suspended")].text.substr(t.phrase_begin, t.phrase_end - t.phrase_begin),
            "On Thursday");
}

TEST(Timeline, AnUndatedArticleIsPlacedByWhatItShares) {
  const Built b = Build(FerryStory());
  // "has suspended its strike" is what the dated article reports on Thursday 2031-03-20.
  EXPECT_TRUE(b.timeline.estimated[2]);
  EXPECT_EQ(d::IsoDay(b.timeline.article[2]), "2031-03-20");
  const d::UnitTime& t = b.timeline.units[UnitOf(b.model, 2, "has suspended")];
  EXPECT_EQ(t.basis, d::DateBasis::kShared);
  EXPECT_EQ(d::IsoDay(t.event.lo), "2031-03-20");
  // "walked off the job on Wednesday" is "last week" there: the Wednesday of
  // last week, and the article itself the day after ("on Thursday vowed").
  EXPECT_TRUE(b.timeline.estimated[1]);
  EXPECT_EQ(d::IsoDay(b.timeline.article[1]), "2031-03-13");
  EXPECT_EQ(EventOf(b, 1, "walked off"), "2031-03-12");
  EXPECT_EQ(EventOf(b, 1, "vowed"), "2031-03-13");
  // The vague "last week" of the dated article takes the day the same fact has.
  EXPECT_EQ(EventOf(b, 0, "Last week"), "2031-03-12");
}

TEST(Timeline, AStrayPageDateIsNotTrusted) {
  Story story = FerryStory();
  // A page date years after the events, below the headline where the clean
  // stage takes it as the article's: its "two days ago" would be 2034.
  story.docs.push_back(Doc("aggregator",
                           "On Friday, ferries between Veldhaven and the island of Marrow ran on schedule again.\n"
                           "Yesterday, the crews' union suspended its strike after the operator agreed to restore the night shift bonus.\n"
                           "Ten days ago, ferry crews in Veldhaven walked off the job over cuts to the night shift bonus.\n"
                           "Commuters queued for buses along the harbour road instead.",
                           "2034-01-15"));
  const Built b = Build(story);
  EXPECT_TRUE(b.timeline.dropped[3]);
  // Its date is then estimated like an undated article's: the day after the
  // union suspended the strike, which its "yesterday" says.
  EXPECT_TRUE(b.timeline.estimated[3]);
  EXPECT_EQ(d::IsoDay(b.timeline.article[3]), "2031-03-21");
  EXPECT_EQ(EventOf(b, 3, "suspended"), "2031-03-20");
  // Two phrases missing by years are enough too, one of them about the
  // event a sentence answers.
  story.docs[3].text =
      "The union said it suspended the strike in response to the walkout of ferry crews in Veldhaven last week.\n"
      "Ten days ago, ferry crews in Veldhaven walked off the job over cuts to the night shift bonus.";
  EXPECT_TRUE(Build(story).timeline.dropped[3]);
  // Two phrases missing by three weeks are not: a similar fact may have
  // happened on another day (a second strike, a later vote).
  story.docs[3].date = "2031-04-12";
  const Built near = Build(story);
  EXPECT_FALSE(near.timeline.dropped[3]);
  EXPECT_EQ(d::IsoDay(near.timeline.article[3]), "2031-04-12");
  // One phrase is never enough.
  story.docs[3].date = "2034-01-15";
  story.docs[3].text = "Ten days ago, ferry crews in Veldhaven walked off the job over cuts to the night shift bonus.";
  EXPECT_FALSE(Build(story).timeline.dropped[3]);
}

TEST(Timeline, DatelineGivesTheDateOfAnArticleWithoutOne) {
  Story story = FerryStory();
  story.docs.push_back(Doc("agency",
                           "VELDHAVEN, March 13 (Harbour Wire) - The transport minister said the government would step in.\n"
                           "Talks with the crews' union were due to resume.",
                           ""));
  const Built b = Build(story);
  EXPECT_EQ(d::IsoDay(b.timeline.article[3]), "2031-03-13");
  EXPECT_FALSE(b.timeline.estimated[3]);
}

TEST(Timeline, AStoryWithoutDatesKeepsArticleOrder) {
  Story story = FerryStory();
  story.docs[0].date.clear();
  story.docs[0].text = "Ferries ran on schedule again, and commuters crowded the first boats.";
  const Built b = Build(story);
  std::vector<std::size_t> all;
  for (std::size_t u = 0; u < b.model.units.size(); ++u) all.push_back(u);
  EXPECT_EQ(d::OrderByTime(b.model, b.timeline, all), all);
}

TEST(ReadingOrder, ByDayThenArticleThenPositionUndatedLast) {
  const std::vector<d::OrderItem> items = {
      {d::kNoDay, 0, 0}, {20, 1, 3}, {10, 2, 0}, {20, 1, 1}, {10, 0, 5}, {d::kNoDay, 0, 1}};
  EXPECT_EQ(d::ReadingOrder(items), (std::vector<std::size_t>{4, 2, 3, 1, 0, 5}));
}

TEST(ReadingOrder, EqualItemsKeepTheirOrder) {
  const std::vector<d::OrderItem> items = {{5, 1, 2}, {5, 1, 2}, {5, 1, 2}};
  EXPECT_EQ(d::ReadingOrder(items), (std::vector<std::size_t>{0, 1, 2}));
}

TEST(ReadingOrder, ADependentSentenceFollowsTheOneItPointsTo) {
  // Item 0 ("That is because ...") points back at item 2, dated later.
  std::vector<d::OrderItem> items = {{5, 0, 4}, {7, 1, 0}, {9, 0, 3}, {6, 2, 0}};
  items[0].depends_on = 2;
  EXPECT_EQ(d::ReadingOrder(items), (std::vector<std::size_t>{3, 1, 2, 0}));
  // A chain stays together, in order.
  items[3].depends_on = 0;
  EXPECT_EQ(d::ReadingOrder(items), (std::vector<std::size_t>{1, 2, 0, 3}));
  // A cycle is cut, and nothing is lost.
  items[2].depends_on = 3;
  const std::vector<std::size_t> order = d::ReadingOrder(items);
  ASSERT_EQ(order.size(), 4u);
  std::vector<bool> seen(4, false);
  for (const std::size_t i : order) seen[i] = true;
  for (const bool s : seen) EXPECT_TRUE(s);
}

TEST(Summarize, TheBriefRunsInTheOrderOfEvents) {
  sz::Summarizer summarizer;
  sz::Options options;
  options.budget = {sz::BudgetKind::kSentences, 8};
  const sz::Summary s = summarizer.Summarize(FerryStory(), options);
  ASSERT_GE(s.sentences.size(), 5u);
  std::string last;
  for (const sz::SummarySentence& x : s.sentences) {
    ASSERT_FALSE(x.event_date.empty()) << x.text;
    const std::string order = std::min(x.event_date, std::string("2031-03-21"));
    EXPECT_LE(last, order) << x.text;
    last = order;
  }
  const auto index = [&](const std::string& needle) {
    for (std::size_t i = 0; i < s.sentences.size(); ++i) {
      if (s.sentences[i].text.find(needle) != std::string::npos) return i;
    }
    return s.sentences.size();
  };
  ASSERT_LT(index("vowed"), s.sentences.size());
  EXPECT_LT(index("walked off"), index("vowed"));
  EXPECT_LT(index("vowed"), index("On Thursday, the crews"));
  EXPECT_LT(index("On Thursday, the crews"), index("Friday morning"));
  ASSERT_LT(index("Friday morning"), s.sentences.size());
  const sz::SummarySentence& vow = s.sentences[index("vowed")];
  EXPECT_EQ(vow.event_date, "2031-03-13");
  EXPECT_EQ(vow.date_basis, "phrase");
  EXPECT_EQ(vow.date_phrase, "on Thursday");
}

}  // namespace
