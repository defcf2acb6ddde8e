// Copies count once; disagreements between articles are found, and
// near-misses are not reported. Every story here is written for the tests.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <iterator>
#include <string>
#include <vector>

#include "common/lcg.h"
#include "precis/summarize.h"
#include "test_support.h"
#include "summarize/copies.h"

namespace {

using precis::Story;
namespace sz = precis::summarize;

using precis::testing::MakeDoc;

const char* kWire =
    "A freight train carrying grain left the tracks near Sorvik on Thursday evening, the rail operator said.\n"
    "Nine of the train's twenty wagons overturned beside the river, and grain spilled across the embankment.\n"
    "No one was hurt, and the driver walked away from the cab without injury.\n"
    "The line between Sorvik and Maren will stay closed for at least four days while crews clear the wreck.\n"
    "Investigators from the national rail board arrived on Friday morning to examine the damaged track.";

const char* kOther =
    "Grain covered the banks of the Sorvik river on Friday after a derailment the evening before.\n"
    "Farmers said the spilled grain was from this year's harvest and was due at the port.\n"
    "The rail board has opened an inquiry into the state of the track.";

TEST(Copies, TheSameTextTwiceAndAWireCopyWithTwoWordsChanged) {
  Story s;
  std::string copy = kWire;
  copy.replace(copy.find("Thursday evening"), 16, "Thursday night");
  copy.replace(copy.find("arrived"), 7, "came");
  s.docs = {MakeDoc("1", kWire), MakeDoc("2", kOther), MakeDoc("3", kWire), MakeDoc("4", copy)};
  const std::vector<std::size_t> original = sz::detail::FindCopies(s);
  EXPECT_EQ(original, (std::vector<std::size_t>{0, 1, 0, 0}));
}

TEST(Copies, TheEarliestDatedArticleIsTheOriginal) {
  Story s;
  s.docs = {MakeDoc("1", kWire, "2031-03-09"), MakeDoc("2", kWire, "2031-03-07"), MakeDoc("3", kOther, "2031-03-08")};
  EXPECT_EQ(sz::detail::FindCopies(s), (std::vector<std::size_t>{1, 1, 2}));
}

// Long articles: their full sets of 4-grams are sorted by radix, not by comparison.
TEST(Copies, LongArticlesAndTheirCopy) {
  std::string first, second;
  for (int k = 1; k <= 200; ++k) {
    const std::string n = std::to_string(k);
    first += "Crew " + n + " cleared wagon " + n + " from the bank on day " + n + " of the work.\n";
    second += "Volunteers in group " + n + " handed out " + n + " meals at the hall near the station.\n";
  }
  std::string copy = first;
  copy.replace(copy.find("Crew 7 "), 7, "Team 7 ");
  Story s;
  s.docs = {MakeDoc("1", first), MakeDoc("2", second), MakeDoc("3", copy)};
  EXPECT_EQ(sz::detail::FindCopies(s), (std::vector<std::size_t>{0, 1, 0}));
}

TEST(Copies, SharedCountOfSortedLists) {
  precis::Lcg rng(7);
  for (int round = 0; round < 200; ++round) {
    std::vector<std::uint64_t> a, b;
    for (std::uint32_t k = rng.Next(40); k > 0; --k) a.push_back(rng.Next(60));
    for (std::uint32_t k = rng.Next(40); k > 0; --k) b.push_back(rng.Next(60));
    for (std::vector<std::uint64_t>* v : {&a, &b}) {
      std::sort(v->begin(), v->end());
      v->erase(std::unique(v->begin(), v->end()), v->end());
    }
    std::vector<std::uint64_t> both;
    std::set_intersection(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(both));
    EXPECT_EQ(sz::detail::SharedCount(a, b), both.size());
  }
}

TEST(Copies, ArticlesOnOneStoryAreNotCopies) {
  Story s;
  s.docs = {MakeDoc("1", kWire), MakeDoc("2", kOther)};
  EXPECT_EQ(sz::detail::FindCopies(s), (std::vector<std::size_t>{0, 1}));
}

TEST(Copies, ACopyCountsOnceInCitationsAndIsNamedInTheSummary) {
  Story s;
  s.docs = {MakeDoc("1", kWire), MakeDoc("2", kOther), MakeDoc("3", kWire)};
  sz::Summarizer summarizer;
  sz::Options options;
  options.budget = {sz::BudgetKind::kSentences, 20};
  const sz::Summary summary = summarizer.Summarize(s, options);
  EXPECT_EQ(summary.copy_of, (std::vector<std::size_t>{0, 1, 0}));
  ASSERT_FALSE(summary.sentences.empty());
  for (const sz::SummarySentence& sentence : summary.sentences) {
    EXPECT_NE(sentence.doc, 2u) << "a copy's sentence stands as its original's";
    for (std::size_t d : sentence.cited_docs) EXPECT_NE(d, 2u) << sentence.text;
  }
}

// Five invented articles on a warehouse fire, with planted disagreements
// (injured 12 against 14; who said the quote) and near-misses that are not
// disagreements ("about 400" against 412; "twelve" against "12"; votes and
// a margin; a later death toll).
Story FireStory() {
  Story s;
  s.docs.push_back(MakeDoc("1",
                       "Fire swept through a timber warehouse in Dunmere late on Tuesday, and twelve people were injured.\n"
                       "Police moved about 400 residents out of nearby streets because of the smoke.\n"
                       "\"Nobody should have been working there at night,\" Harlan said outside the gates.\n"
                       "Two workers died in the fire.",
                       "2031-04-09"));
  s.docs.push_back(MakeDoc("2",
                       "Twelve people were injured when fire tore through the timber warehouse in Dunmere.\n"
                       "Some 412 residents were moved out of nearby streets because of the smoke.\n"
                       "Two workers died in the blaze at the warehouse.",
                       "2031-04-09"));
  s.docs.push_back(MakeDoc("3",
                       "Fourteen people were injured when fire tore through the timber warehouse in Dunmere.\n"
                       "\"Nobody should have been working there at night,\" Quill said outside the gates.\n"
                       "The warehouse had passed a safety check in March.",
                       "2031-04-09"));
  s.docs.push_back(MakeDoc("4",
                       "Three workers have now died after the Dunmere warehouse fire, after a third man died in hospital.\n"
                       "The warehouse had passed a safety check in March, its owners said.",
                       "2031-04-14"));
  return s;
}

const sz::Disagreement* OfKind(const sz::Summary& summary, const std::string& kind, const std::string& about = "") {
  for (const sz::Disagreement& d : summary.disagreements) {
    if (d.kind == kind && (about.empty() || d.about == about)) return &d;
  }
  return nullptr;
}

sz::Summary SummarizeFire() {
  sz::Summarizer summarizer;
  sz::Options options;
  options.budget = {sz::BudgetKind::kWords, 100};
  return summarizer.Summarize(FireStory(), options);
}

TEST(Disagreements, TwoCountsOfTheInjured) {
  const sz::Summary summary = SummarizeFire();
  const sz::Disagreement* injured = OfKind(summary, "number", "how many injured");
  ASSERT_NE(injured, nullptr);
  ASSERT_EQ(injured->versions.size(), 2u);
  EXPECT_EQ(injured->versions[0].value, "12");
  EXPECT_EQ(injured->versions[0].docs, (std::vector<std::size_t>{0, 1}));
  EXPECT_EQ(injured->versions[1].value, "14");
  EXPECT_EQ(injured->versions[1].docs, (std::vector<std::size_t>{2}));
}

TEST(Disagreements, OneQuoteTwoSpeakers) {
  const sz::Summary summary = SummarizeFire();
  const sz::Disagreement* speaker = OfKind(summary, "speaker");
  ASSERT_NE(speaker, nullptr);
  ASSERT_EQ(speaker->versions.size(), 2u);
  EXPECT_EQ(speaker->versions[0].value, "Harlan");
  EXPECT_EQ(speaker->versions[1].value, "Quill");
}

TEST(Disagreements, NearMissesAreNotReported) {
  const sz::Summary summary = SummarizeFire();
  for (const sz::Disagreement& d : summary.disagreements) {
    EXPECT_NE(d.about, "how many residents") << "about 400 against 412 is rounding";
    EXPECT_NE(d.about, "how many dead") << "a death toll published later is an update";
  }
  EXPECT_EQ(summary.disagreements.size(), 2u);
}

// Two articles that each give one figure for a count, in sentences that
// share little else: versions of one figure when the figures are close and
// the articles of one week.
Story MarginStory(const std::string& second_date, const std::string& extra) {
  Story s;
  s.docs.push_back(MakeDoc("1",
                           "Lisbet Tarn will be the next mayor of Oskvale after Sunday's vote.\n"
                           "The councillor Arno Pike conceded on Monday: he lost the mayoral count by 318 ballots.\n"
                           "Turnout in the town was the highest in twenty years, officials said.",
                           "2031-06-02"));
  s.docs.push_back(MakeDoc("2",
                           "Oskvale has a new mayor: Arno Pike lost the count to Lisbet Tarn by 381 ballots, figures "
                           "released overnight showed.\n"
                           "Tarn, a former teacher, promised to reopen the town's library.\n" +
                               extra,
                           second_date));
  return s;
}

// The disagreement on a count `about` in the default brief of `s` (kept
// until the next call), or null.
const sz::Disagreement* CountDisagreement(const Story& s, const std::string& about) {
  sz::Summarizer summarizer;
  static sz::Summary summary;
  summary = summarizer.Summarize(s, sz::Options{});
  return OfKind(summary, "number", about);
}

const sz::Disagreement* MarginDisagreement(const Story& s) { return CountDisagreement(s, "by how many ballots"); }

TEST(Disagreements, OneFigureInEachArticleDiffers) {
  const sz::Disagreement* margin = MarginDisagreement(MarginStory("2031-06-03", ""));
  ASSERT_NE(margin, nullptr);
  ASSERT_EQ(margin->versions.size(), 2u);
  EXPECT_EQ(margin->versions[0].value, "318");
  EXPECT_EQ(margin->versions[1].value, "381");
}

TEST(Disagreements, AnArticleGivingTwoCloseFiguresOrWrittenWeeksLaterIsNoVersion) {
  // A second figure near the first (a recount) tells that the article
  // counts more than one thing by that name.
  EXPECT_EQ(MarginDisagreement(MarginStory("2031-06-03", "After a recount, Tarn led by 352 ballots.")), nullptr);
  // Written a month later: a later figure, not a version of the first.
  EXPECT_EQ(MarginDisagreement(MarginStory("2031-07-03", "")), nullptr);
}

// Four invented articles give the number of cavers trapped; the fifth,
// in a sentence that shares little with theirs, gives another close one.
Story CaveStory(const std::string& fifth_count) {
  Story s;
  s.docs.push_back(MakeDoc("1",
                           "Rescuers in Vellmark were trying on Saturday to reach 14 cavers trapped by flood water in the "
                           "Orsa cave system.\nHeavy rain had filled the lower passages overnight.",
                           "2031-08-02"));
  s.docs.push_back(MakeDoc("2",
                           "Divers reached 14 cavers stranded by rising water deep inside the Orsa caves on Sunday.\n"
                           "The group had entered the caves on a guided trip on Friday.",
                           "2031-08-03"));
  s.docs.push_back(MakeDoc("3",
                           "All 14 cavers trapped in the Orsa caves were brought to the surface on Monday.\n"
                           "Two of them were taken to hospital with mild hypothermia.",
                           "2031-08-04"));
  s.docs.push_back(MakeDoc("4",
                           "The Vellmark rescue service said 14 cavers were trapped when the flood water rose.\n"
                           "It thanked the volunteer divers who joined the search.",
                           "2031-08-03"));
  s.docs.push_back(MakeDoc("5",
                           "The " + fifth_count + " cavers are waiting on a dry ledge above the water, a diver said.\n"
                           "Food and blankets were taken to them through a flooded tunnel.",
                           "2031-08-03"));
  return s;
}

const sz::Disagreement* CaverDisagreement(const Story& s) { return CountDisagreement(s, "how many cavers"); }

TEST(Disagreements, AnArticleAgainstTheFigureTheOthersGive) {
  const sz::Disagreement* cavers = CaverDisagreement(CaveStory("16"));
  ASSERT_NE(cavers, nullptr);
  ASSERT_EQ(cavers->versions.size(), 2u);
  EXPECT_EQ(cavers->versions[0].value, "14");
  EXPECT_EQ(cavers->versions[1].value, "16");
  EXPECT_EQ(cavers->versions[1].docs, (std::vector<std::size_t>{4}));
  // The same figure, in words: no disagreement.
  EXPECT_EQ(CaverDisagreement(CaveStory("fourteen")), nullptr);
}

// One quotation of two sentences, given by one article to the mayor (named
// in the sentence before it, then "she said") and by another to the fire
// chief (named in the sentence after it).
TEST(Disagreements, AQuotationGivenToTwoPeopleNamedAroundIt) {
  Story s;
  s.docs.push_back(MakeDoc("1",
                           "Fire destroyed the Tollan sawmill overnight, the county fire service said.\n"
                           "Mayor Runa Vell visited the site on Friday morning.\n"
                           "\"Nobody will rebuild here until we know what went wrong. Every family will get help,\" she said.\n"
                           "The mill employed forty people.",
                           "2031-09-05"));
  s.docs.push_back(MakeDoc("2",
                           "The Tollan sawmill burned down overnight.\n"
                           "\"Nobody will rebuild here until we know what went wrong. Every family will get help.\"\n"
                           "The words were those of fire chief Aron Leck, speaking beside the ruins.\n"
                           "Investigators will begin work on Monday.",
                           "2031-09-05"));
  sz::Summarizer summarizer;
  const sz::Summary summary = summarizer.Summarize(s, sz::Options{});
  const sz::Disagreement* speaker = OfKind(summary, "speaker");
  ASSERT_NE(speaker, nullptr);
  ASSERT_EQ(speaker->versions.size(), 2u);
  EXPECT_EQ(speaker->versions[0].value, "Vell");
  EXPECT_EQ(speaker->versions[1].value, "Leck");
}

TEST(Disagreements, CopiesDoNotDisagreeAndArticlesThatAgreeReportNothing) {
  Story s;
  s.docs = {MakeDoc("1", kWire), MakeDoc("2", kOther), MakeDoc("3", kWire)};
  sz::Summarizer summarizer;
  const sz::Summary summary = summarizer.Summarize(s, sz::Options{});
  EXPECT_TRUE(summary.disagreements.empty());
}

}  // namespace
