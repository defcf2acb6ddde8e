// Citations by fact: fact keys, counts and speakers, and which articles a
// summary sentence cites. Every story here is written for the tests.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "precis/summarize.h"
#include "test_support.h"
#include "summarize/citations.h"

namespace {

using precis::Story;
namespace sz = precis::summarize;
namespace detail = precis::summarize::detail;

using precis::testing::MakeDoc;

std::string Key(const std::string& lower, const std::string& stem, bool numeric = false) {
  std::string buffer;
  return std::string(detail::FactKey(lower, stem, numeric, &buffer));
}

TEST(FactKey, NumbersIrregularFormsAndDerivationsMeet) {
  EXPECT_EQ(Key("eight", "eight"), "8");
  EXPECT_EQ(Key("8", "8", true), "8");
  EXPECT_EQ(Key("1,200", "1,200", true), "1200");
  EXPECT_EQ(Key("withdrew", "withdrew"), Key("withdraw", "withdraw"));
  EXPECT_EQ(Key("told", "told"), "tell");
  // Snowball keeps these apart; six letters bring them together.
  EXPECT_EQ(Key("response", "respons"), Key("respond", "respond"));
  EXPECT_NE(Key("ten", "ten"), Key("twelve", "twelv"));
}

TEST(FactKey, NewsParaphrasesOfOneActMeet) {
  // Snowball's stems, as the model passes them.
  EXPECT_EQ(Key("revoked", "revok"), Key("stripped", "strip"));
  EXPECT_EQ(Key("withdrew", "withdrew"), Key("cancelled", "cancel"));
  EXPECT_EQ(Key("credentials", "credenti"), Key("accreditation", "accredit"));
  EXPECT_EQ(Key("envoys", "envoy"), Key("diplomats", "diplomat"));
  EXPECT_EQ(Key("retaliatory", "retaliatori"), Key("countermeasures", "countermeasur"));
  EXPECT_EQ(Key("pledged", "pledg"), Key("vowed", "vow"));
  // Acts that differ stay apart.
  EXPECT_NE(Key("expelled", "expel"), Key("revoked", "revok"));
  EXPECT_NE(Key("suspended", "suspend"), Key("cancelled", "cancel"));
}

TEST(FactKey, YearsAreNoCounts) {
  EXPECT_TRUE(detail::IsNumberKey("12"));
  EXPECT_FALSE(detail::IsNumberKey("2021"));
  EXPECT_FALSE(detail::IsNumberKey("ferry"));
}

const detail::NumberSlot* Slot(const std::vector<detail::NumberSlot>& slots, const std::string& value) {
  const auto it = std::find_if(slots.begin(), slots.end(), [&](const detail::NumberSlot& s) { return s.value == value; });
  return it == slots.end() ? nullptr : &*it;
}

TEST(NumberSlots, WhatIsCountedAndHowExactly) {
  auto slots = detail::NumberSlots("Two workers were killed and at least 12 people injured when the roof fell.");
  ASSERT_NE(Slot(slots, "2"), nullptr);
  EXPECT_EQ(Slot(slots, "2")->what, "worker");
  ASSERT_NE(Slot(slots, "12"), nullptr);
  EXPECT_EQ(Slot(slots, "12")->what, "injured");
  EXPECT_EQ(Slot(slots, "12")->bound, detail::NumberSlot::kAtLeast);

  slots = detail::NumberSlots("Fourteen people were hurt in the blaze.");
  ASSERT_NE(Slot(slots, "14"), nullptr);
  EXPECT_EQ(Slot(slots, "14")->what, "injured");  // hurt and injured are one count

  slots = detail::NumberSlots("The insurers put the damage at 18 million crowns.");
  ASSERT_NE(Slot(slots, "18million"), nullptr);
  EXPECT_EQ(Slot(slots, "18million")->what, "crown");
  EXPECT_EQ(Slot(slots, "18million")->shown, "18 million");

  slots = detail::NumberSlots("Vance, 41, is a former pilot.");
  ASSERT_NE(Slot(slots, "41"), nullptr);
  EXPECT_EQ(Slot(slots, "41")->what, "age");
  EXPECT_EQ(Slot(slots, "41")->who, "vance");

  slots = detail::NumberSlots("She won by 212 votes, a margin of just 212, officials said.");
  ASSERT_FALSE(slots.empty());
  EXPECT_EQ(slots.front().what, "by vote");
  EXPECT_EQ(slots.back().what, "margin");

  // A date is no age.
  slots = detail::NumberSlots("The ferry sank on Oct. 21, officials said.");
  EXPECT_EQ(Slot(slots, "21"), nullptr);
}

TEST(NumberSlots, CountsDifferOnlyWhenBothCannotBeRight) {
  const auto one = [](const std::string& text) { return detail::NumberSlots(text).front(); };
  EXPECT_TRUE(detail::CountsDiffer(one("Twelve people were injured."), one("Fourteen people were injured.")));
  EXPECT_FALSE(detail::CountsDiffer(one("Twelve people were injured."), one("12 people were injured.")));
  // "At least 12" allows 14; "about 400" allows 412.
  EXPECT_FALSE(detail::CountsDiffer(one("At least 12 people were injured."), one("Fourteen people were injured.")));
  EXPECT_TRUE(detail::CountsDiffer(one("At least 12 people were injured."), one("Ten people were injured.")));
  EXPECT_FALSE(detail::CountsDiffer(one("About 400 residents left."), one("412 residents left.")));
  // Different things counted never differ.
  EXPECT_FALSE(detail::CountsDiffer(one("Twelve people were injured."), one("Fourteen boats were damaged.")));
}

TEST(SpeakerOf, NamesBeforeOrAfterTheVerb) {
  EXPECT_EQ(detail::SpeakerOf("\"We will rebuild,\" Brandt said."), "Brandt");
  EXPECT_EQ(detail::SpeakerOf("\"We will rebuild,\" said Mayor Ilka Brandt."), "Brandt");
  EXPECT_EQ(detail::SpeakerOf("\"We will rebuild,\" he said."), "");
  EXPECT_EQ(detail::SpeakerOf("The harbour reopened on Monday."), "");
  // After a pronoun that says it, the names are what was said.
  EXPECT_EQ(detail::SpeakerOf("He said Mira went on ahead to find the path."), "");
  // An attribution of the quote before it.
  EXPECT_EQ(detail::SpeakerOf("The words were those of fire chief Odd Lunde, speaking at the gate."), "Lunde");
  EXPECT_TRUE(detail::PronounSaid("\"We will rebuild,\" she said."));
  EXPECT_FALSE(detail::PronounSaid("\"We will rebuild,\" Brandt said."));
}

// Four invented articles about a dam breach; known support:
// - the breach and its count of evacuated residents: articles 1, 2 (other
//   words: "burst", "forced out") and 3 (a different count: no support);
// - the mayor's quote: article 1 (Brandt) and 4 (the same words given to
//   another speaker: no support).
Story DamStory() {
  Story s;
  s.id = "dam";
  s.docs.push_back(MakeDoc("1",
                       "The Orrin Valley dam burst early on Sunday and forced 340 residents of Kelby out of their homes, the regional "
                       "authority said.\n"
                       "\"We will rebuild every house that the water took,\" Brandt said at the town hall.\n"
                       "Engineers had warned about cracks in the dam wall for three years."));
  s.docs.push_back(MakeDoc("2",
                       "Some 340 people in Kelby were evacuated on Sunday morning after the Orrin Valley dam collapsed.\n"
                       "The regional authority opened two shelters in the school and the sports hall.\n"
                       "Rain had fallen for eleven days before the collapse."));
  s.docs.push_back(MakeDoc("3",
                       "The Orrin Valley dam burst on Sunday and 520 residents of Kelby were forced from their homes.\n"
                       "Rescue teams searched the flooded streets by boat.\n"
                       "The river is expected to fall slowly over the week."));
  s.docs.push_back(MakeDoc("4",
                       "\"We will rebuild every house that the water took,\" Okoro said at the town hall.\n"
                       "Okoro leads the regional authority's emergency team.\n"
                       "Power lines in the valley were cut for most of Sunday."));
  return s;
}

const sz::SummarySentence* Find(const sz::Summary& summary, const std::string& start) {
  for (const sz::SummarySentence& s : summary.sentences) {
    if (s.text.rfind(start, 0) == 0) return &s;
  }
  return nullptr;
}

std::vector<std::size_t> Cited(const sz::SummarySentence& s) { return s.cited_docs; }

TEST(Citations, TheSameFactInOtherWordsIsCitedAnotherCountIsNot) {
  sz::Summarizer summarizer;
  sz::Options options;
  options.budget = {sz::BudgetKind::kSentences, 12};
  const sz::Summary summary = summarizer.Summarize(DamStory(), options);
  const sz::SummarySentence* breach = Find(summary, "The Orrin Valley dam burst early");
  ASSERT_NE(breach, nullptr);
  const std::vector<std::size_t> cited = Cited(*breach);
  EXPECT_NE(std::find(cited.begin(), cited.end(), 1u), cited.end()) << "article 2 reports 340 evacuated";
  EXPECT_EQ(std::find(cited.begin(), cited.end(), 2u), cited.end()) << "article 3 counts 520: no support";
}

// Three articles tell one act in other words ("revoked the credentials of
// six envoys", "stripped six diplomats of their accreditation"); a fourth
// tells another act of the same actors.
Story PermitStory() {
  Story s;
  s.id = "permits";
  s.docs.push_back(MakeDoc("1",
                           "Vessland revoked the credentials of six envoys from Tarrow on Monday, accusing them of spying.\n"
                           "The foreign ministry gave them three days to leave the country."));
  s.docs.push_back(MakeDoc("2",
                           "Vessland has stripped six Tarrow diplomats of their accreditation over alleged espionage.\n"
                           "Tarrow called the decision a provocation."));
  s.docs.push_back(MakeDoc("3",
                           "Six diplomats from Tarrow had their accreditation withdrawn by Vessland this week.\n"
                           "Trade talks between the two countries were due to resume in May."));
  s.docs.push_back(MakeDoc("4",
                           "Tarrow recalled its ambassador from Vessland for consultations on Tuesday.\n"
                           "The six envoys were flown home on a government plane."));
  return s;
}

TEST(Citations, OneActInOtherWordsIsCited) {
  sz::Summarizer summarizer;
  sz::Options options;
  options.budget = {sz::BudgetKind::kSentences, 8};
  const sz::Summary summary = summarizer.Summarize(PermitStory(), options);
  const sz::SummarySentence* act = Find(summary, "Vessland revoked the credentials");
  ASSERT_NE(act, nullptr);
  EXPECT_EQ(Cited(*act), (std::vector<std::size_t>{0, 1, 2}));
}

// Kellmar's promise told by two articles; a third tells `third`.
Story BorderStory(const std::string& third) {
  Story s;
  s.id = "border";
  s.docs.push_back(MakeDoc("1",
                           "Kellmar will respond to the closure of the Orvik border crossing, its foreign ministry warned.\n"
                           "Trucks queued for miles on both sides."));
  s.docs.push_back(MakeDoc("2",
                           "Kellmar vowed to retaliate against the closure of the Orvik border crossing.\n"
                           "The crossing carries most of the region's trade."));
  s.docs.push_back(MakeDoc("3", third + "\nIts customs officers turned back every truck from the other side."));
  return s;
}

// The support of the promise in a brief of BorderStory(third).
std::vector<sz::Support> PromiseSupport(const std::string& third, std::vector<std::size_t>* cited) {
  sz::Summarizer summarizer;
  sz::Options options;
  options.budget = {sz::BudgetKind::kSentences, 6};
  const sz::Summary summary = summarizer.Summarize(BorderStory(third), options);
  const sz::SummarySentence* promise = Find(summary, "Kellmar will respond");
  if (promise == nullptr) return {};
  *cited = Cited(*promise);
  return promise->support;
}

// A promise of an act is reported by articles that tell the promise, in
// whatever words, not by one that tells the act as done.
TEST(Citations, APromiseIsNotReportedByTheActDone) {
  std::vector<std::size_t> cited;
  ASSERT_FALSE(PromiseSupport("Kellmar's response to the closure of the Orvik border crossing came a day later.", &cited).empty());
  EXPECT_EQ(cited, (std::vector<std::size_t>{0, 1}));
}

// "Kellmar has condemned the closure" names no word of responding: it
// reports another fact, not even part of the promise.
TEST(Citations, APromiseIsNotReportedByAWindowWithoutTheAct) {
  std::vector<std::size_t> cited;
  const std::vector<sz::Support> support =
      PromiseSupport("Kellmar has condemned the closure of the Orvik border crossing, its foreign ministry said.", &cited);
  ASSERT_FALSE(support.empty());
  for (const sz::Support& one : support) EXPECT_NE(one.doc, 2u) << "partly or not, article 3";
  EXPECT_EQ(cited, (std::vector<std::size_t>{0, 1}));
}

TEST(Citations, AQuoteFromAnotherSpeakerIsNoSupport) {
  sz::Summarizer summarizer;
  sz::Options options;
  options.budget = {sz::BudgetKind::kSentences, 12};
  const sz::Summary summary = summarizer.Summarize(DamStory(), options);
  for (const sz::SummarySentence& s : summary.sentences) {
    if (s.text.find("We will rebuild") == std::string::npos) continue;
    EXPECT_EQ(s.cited_docs.size(), 1u) << s.text;
  }
}

TEST(Citations, EverySupportHasALevelAndTheSentenceItselfReports) {
  sz::Summarizer summarizer;
  sz::Options options;
  options.budget = {sz::BudgetKind::kSentences, 12};
  const sz::Summary summary = summarizer.Summarize(DamStory(), options);
  ASSERT_FALSE(summary.sentences.empty());
  for (const sz::SummarySentence& s : summary.sentences) {
    ASSERT_FALSE(s.support.empty());
    EXPECT_EQ(s.support.front().doc, s.doc);
    EXPECT_EQ(s.support.front().level, sz::SupportLevel::kReports);
    for (const sz::Support& sup : s.support) {
      if (sup.doc == s.doc) continue;
      EXPECT_GT(sup.similarity, 0.0);
      EXPECT_LT(sup.similarity, 1.0 + 1e-9);
      EXPECT_TRUE(sup.sentences == 1 || sup.sentences == 2);
    }
  }
}

// A quotation told in three sentences is cited as one: an article that
// shares only its short middle sentence does not report it.
TEST(Citations, AQuotationOverSeveralSentencesIsCitedAsOne) {
  Story story;
  story.docs.push_back(MakeDoc("1",
                               "Storm Edda cut power to the harbour district of Lanvik on Monday night.\n"
                               "\u201CNine hundred households sat in the dark and nobody warned them. That is longer "
                               "than any outage. Every family deserves an explanation from the grid company,\u201D "
                               "councillor Ines Marr said on Tuesday."));
  story.docs.push_back(MakeDoc("2",
                               "The grid company restored power to Lanvik on Tuesday afternoon.\n"
                               "Engineers said that is longer than any outage the town has had."));
  story.docs.push_back(MakeDoc("3", "Storm Edda brought winds of 140 km/h to the coast of Lanvik on Monday."));
  sz::Summarizer summarizer;
  sz::Options options;
  options.budget = {sz::BudgetKind::kSentences, 10};
  const sz::Summary summary = summarizer.Summarize(story, options);
  const sz::SummarySentence* first = Find(summary, "\u201CNine hundred households");
  const sz::SummarySentence* middle = Find(summary, "That is longer than any outage.");
  const sz::SummarySentence* last = Find(summary, "Every family deserves");
  ASSERT_NE(first, nullptr);
  ASSERT_NE(middle, nullptr);
  ASSERT_NE(last, nullptr);
  EXPECT_TRUE(first->cites_with_next);
  EXPECT_TRUE(middle->cites_with_next);
  EXPECT_FALSE(last->cites_with_next);
  EXPECT_EQ(middle->cited_docs, std::vector<std::size_t>{0}) << "article 2 shares only the middle's few words";
  EXPECT_EQ(first->cited_docs, middle->cited_docs);
  EXPECT_EQ(last->cited_docs, middle->cited_docs);
}

TEST(Citations, AHigherThresholdNeverCitesMore) {
  sz::Summarizer summarizer;
  sz::Options low, high;
  low.budget = high.budget = {sz::BudgetKind::kSentences, 12};
  low.citation_threshold = 0.3;
  high.citation_threshold = 0.9;
  const sz::Summary a = summarizer.Summarize(DamStory(), low);
  const sz::Summary b = summarizer.Summarize(DamStory(), high);
  ASSERT_EQ(a.sentences.size(), b.sentences.size());
  for (std::size_t i = 0; i < a.sentences.size(); ++i) {
    EXPECT_GE(a.sentences[i].cited_docs.size(), b.sentences[i].cited_docs.size()) << a.sentences[i].text;
  }
}

}  // namespace
