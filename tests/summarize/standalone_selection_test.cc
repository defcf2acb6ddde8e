// Selection of sentences that lean on others: taken only with them, right
// after them, or not at all. Articles written for the tests; scores set by
// hand so that the sentence that leans would win alone.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "summarize/model.h"

namespace {

namespace sz = precis::summarize;
namespace dt = precis::summarize::detail;

struct Fixture {
  dt::StoryModel model;
  dt::Scored scored;
};

// One article; `scores` per sentence (in order).
Fixture Build(const std::string& text, const std::vector<double>& scores, bool standalone = true) {
  precis::Story story;
  precis::Document doc;
  doc.id = "a1";
  doc.text = text;
  story.docs.push_back(doc);
  Fixture f;
  dt::ModelBuilder builder;
  builder.Build(story, &f.model);
  EXPECT_EQ(f.model.units.size(), scores.size());
  const dt::Params params(standalone ? "" : "standalone=0", *precis::summarize::FindMethod("precis"));
  f.scored.score = scores;
  f.scored.score.resize(f.model.units.size(), 0.0);
  f.scored.dependencies = standalone;
  f.scored.eligible = dt::SentenceLike(f.model, params, standalone);
  return f;
}

std::vector<std::size_t> Pick(const Fixture& f, sz::BudgetKind kind, std::size_t limit) {
  sz::Budget budget;
  budget.kind = kind;
  budget.limit = limit;
  return dt::Select(f.model, f.scored, budget);
}

bool Has(const std::vector<std::size_t>& chosen, std::size_t unit) {
  return std::find(chosen.begin(), chosen.end(), unit) != chosen.end();
}

const char* const kFerry =
    "The river ferry between Lund and Mora stopped running on Friday after its crew went on strike.\n"
    "In fact, it is the first strike of ferry crews over pay in forty years.\n"
    "Passengers were told to take the coastal bus until further notice.";

TEST(StandaloneSelection, InFactComesOnlyRightAfterItsAnchor) {
  // Alone it would win: one sentence of budget takes it without the rule.
  const Fixture off = Build(kFerry, {0.5, 0.9, 0.1}, false);
  EXPECT_EQ(Pick(off, sz::BudgetKind::kSentences, 1), (std::vector<std::size_t>{1}));

  const Fixture f = Build(kFerry, {0.5, 0.9, 0.1});
  EXPECT_EQ(f.model.units[1].depends_on, 0u);
  // No room for both: the one that leans is left out.
  EXPECT_EQ(Pick(f, sz::BudgetKind::kSentences, 1), (std::vector<std::size_t>{0}));
  // Room for both: its anchor comes with it, just before it.
  EXPECT_EQ(Pick(f, sz::BudgetKind::kSentences, 2), (std::vector<std::size_t>{0, 1}));
}

TEST(StandaloneSelection, InFactAfterItsAnchorChosenFirst) {
  const Fixture f = Build(kFerry, {0.9, 0.5, 0.7});
  EXPECT_EQ(Pick(f, sz::BudgetKind::kSentences, 2), (std::vector<std::size_t>{0, 2}));
  EXPECT_EQ(Pick(f, sz::BudgetKind::kSentences, 3), (std::vector<std::size_t>{0, 2, 1}));
}

TEST(StandaloneSelection, HeAddedWithoutItsSpeakerIsNotChosen) {
  const std::string text =
      "He added that the pier would be rebuilt with steel from the old shipyard next spring.\n"
      "The harbour of Mora was damaged by a storm on Sunday night, the port authority said.";
  const Fixture off = Build(text, {0.9, 0.5}, false);
  EXPECT_TRUE(Has(Pick(off, sz::BudgetKind::kSentences, 2), 0));
  const Fixture f = Build(text, {0.9, 0.5});
  EXPECT_FALSE(f.scored.eligible[0]);  // nothing before it to name him
  EXPECT_EQ(Pick(f, sz::BudgetKind::kSentences, 2), (std::vector<std::size_t>{1}));
}

const char* const kQuote =
    "The mill in Mora will close in March, its owner announced on Tuesday morning.\n"
    "\xE2\x80\x9CWe tried for ten years to keep the old mill open for the town. "
    "The orders are simply gone,\xE2\x80\x9D said Ines Varga, the owner of the mill.\n"
    "About ninety workers will lose their jobs when the mill closes in March.";

TEST(StandaloneSelection, AQuoteOfTwoSentencesIsTakenWholeOrNotAtAll) {
  const Fixture off = Build(kQuote, {0.5, 0.9, 0.2, 0.1}, false);
  EXPECT_EQ(Pick(off, sz::BudgetKind::kSentences, 1), (std::vector<std::size_t>{1}));

  const Fixture f = Build(kQuote, {0.5, 0.9, 0.2, 0.1});
  EXPECT_EQ(f.model.units[1].quote_end, 2u);
  EXPECT_EQ(f.model.units[2].depends_on, 1u);
  EXPECT_EQ(Pick(f, sz::BudgetKind::kSentences, 1), (std::vector<std::size_t>{0}));
  EXPECT_EQ(Pick(f, sz::BudgetKind::kSentences, 2), (std::vector<std::size_t>{1, 2}));
  // Its second half wins too: the first comes with it.
  const Fixture second = Build(kQuote, {0.5, 0.2, 0.9, 0.1});
  EXPECT_EQ(Pick(second, sz::BudgetKind::kSentences, 2), (std::vector<std::size_t>{1, 2}));
  // Words: the whole quote (27 words) does not fit in 20.
  const std::vector<std::size_t> words = Pick(f, sz::BudgetKind::kWords, 20);
  EXPECT_FALSE(Has(words, 1));
  EXPECT_FALSE(Has(words, 2));
}

TEST(StandaloneSelection, AQuoteWhoseSpeakerComesAfterIsNotChosen) {
  const std::string text =
      "The mill in Mora will close in March after forty years of making paper.\n"
      "\xE2\x80\x9CThe orders for paper from the mill in Mora are simply gone.\xE2\x80\x9D\n"
      "That is how the owner, Ines Varga, explained the closure to the workers.";
  const Fixture f = Build(text, {0.1, 0.9, 0.5});
  EXPECT_FALSE(f.scored.eligible[1]);
  EXPECT_FALSE(Has(Pick(f, sz::BudgetKind::kSentences, 3), 1));
}

TEST(StandaloneSelection, AQuoteAfterItsSpeakerComesWithHim) {
  const std::string text =
      "Ines Varga, the owner of the mill in Mora, told the workers on Tuesday that it would close.\n"
      "\xE2\x80\x9CThe orders for paper from the mill in Mora are simply gone.\xE2\x80\x9D\n"
      "About ninety workers will lose their jobs when the mill closes in March.";
  const Fixture f = Build(text, {0.1, 0.9, 0.5});
  EXPECT_EQ(f.model.units[1].depends_on, 0u);
  EXPECT_EQ(Pick(f, sz::BudgetKind::kSentences, 1), (std::vector<std::size_t>{2}));
  EXPECT_EQ(Pick(f, sz::BudgetKind::kSentences, 2), (std::vector<std::size_t>{0, 1}));
}

TEST(StandaloneSelection, AQuoteWithItsSpeakerInsideIsFine) {
  const std::string text =
      "\xE2\x80\x9CWe will talk to the union at any time,\xE2\x80\x9D Vance said on Friday.\n"
      "The strike at the port of Mora entered its third week on Friday.";
  const Fixture f = Build(text, {0.9, 0.5});
  EXPECT_TRUE(f.scored.eligible[0]);
  EXPECT_EQ(f.model.units[0].depends_on, dt::kNoUnit);
  EXPECT_EQ(Pick(f, sz::BudgetKind::kSentences, 1), (std::vector<std::size_t>{0}));
}

const char* const kNurse =
    "The health ministry recalled two batches of flu vaccine on Friday after a nurse found particles in vials.\n"
    "The batches held forty thousand doses.\n"
    "The nurse, who works nights at the Brask clinic, noticed the particles on Tuesday.\n"
    "Clinics were told to set the remaining doses aside.";

TEST(StandaloneSelection, TheOneASentenceBroughtInComesRightAfterIt) {
  const Fixture off = Build(kNurse, {0.5, 0.1, 0.9, 0.2}, false);
  EXPECT_EQ(Pick(off, sz::BudgetKind::kSentences, 1), (std::vector<std::size_t>{2}));

  const Fixture f = Build(kNurse, {0.5, 0.1, 0.9, 0.2});
  // "a nurse", two sentences before; the sentence between is not taken.
  EXPECT_EQ(f.model.units[2].depends_on, 0u);
  EXPECT_EQ(Pick(f, sz::BudgetKind::kSentences, 1), (std::vector<std::size_t>{0}));
  EXPECT_EQ(Pick(f, sz::BudgetKind::kSentences, 2), (std::vector<std::size_t>{0, 2}));
  EXPECT_EQ(Pick(f, sz::BudgetKind::kSentences, 3), (std::vector<std::size_t>{0, 2, 3}));
}

// "The plan was approved": a plan no other article of three names is one
// its own article told of just before.
TEST(StandaloneSelection, AThingNoOtherArticleNamesLeansOnTheSentenceBefore) {
  const auto model = [](const std::string& other) {
    precis::Story story;
    for (const std::string& text : {std::string("The harbour board met on Monday to discuss the old pier at Mora.\n"
                                                 "The plan was approved by nine votes to two.\n"
                                                 "The city said the pier would reopen in May."),
                                     other, std::string("Divers inspected the old pier at Mora last week.")}) {
      precis::Document doc;
      doc.id = "a";
      doc.id += std::to_string(story.docs.size() + 1);
      doc.text = text;
      story.docs.push_back(doc);
    }
    dt::StoryModel m;
    dt::ModelBuilder builder;
    builder.Build(story, &m);
    return m;
  };
  const dt::StoryModel m = model("The old pier at Mora will be rebuilt next year.");
  EXPECT_EQ(m.units[1].depends_on, 0u);
  EXPECT_EQ(m.units[2].depends_on, dt::kNoUnit);  // the story's city
  EXPECT_EQ(model("A plan to rebuild the old pier at Mora was approved.").units[1].depends_on, dt::kNoUnit);
}

// A quotation of two sentences with no word outside its marks names no
// speaker: like a one-sentence quote, it comes only after the sentence that
// reports who speaks.
TEST(StandaloneSelection, AQuoteOfTwoSentencesWithNoSpeakerComesOnlyAfterOne) {
  const std::string quote =
      "\xE2\x80\x9CNobody wanted to believe the mill in Mora would close. "
      "They were not ready for it.\xE2\x80\x9D\n";
  const std::string after_news = "The mill in Mora closed on Friday after forty years of making paper.\n" + quote;
  const Fixture off = Build(after_news, {0.1, 0.9, 0.5}, false);
  EXPECT_TRUE(Has(Pick(off, sz::BudgetKind::kSentences, 2), 1));
  const Fixture f = Build(after_news, {0.1, 0.9, 0.5});
  EXPECT_FALSE(f.scored.eligible[1]);
  EXPECT_EQ(Pick(f, sz::BudgetKind::kSentences, 3), (std::vector<std::size_t>{0}));

  const std::string after_speaker = "Ines Varga, who ran the mill in Mora, said on Friday that the orders were gone.\n" + quote;
  const Fixture g = Build(after_speaker, {0.1, 0.9, 0.5});
  EXPECT_EQ(g.model.units[1].depends_on, 0u);
  EXPECT_EQ(Pick(g, sz::BudgetKind::kSentences, 3), (std::vector<std::size_t>{0, 1, 2}));
}

// "... group.)": the end of an aside that began before the sentence is no
// whole sentence.
TEST(StandaloneSelection, ASentenceWithAnUnbalancedParenthesisIsNotChosen) {
  const std::string text =
      "The paper mill in Mora reopened on Monday after a year of repairs.\n"
      "The Mora Post is part of the Valley Press newspaper group.)\n"
      "The mill (built in 1921) employs ninety people from the town of Mora.";
  const Fixture off = Build(text, {0.1, 0.9, 0.5}, false);
  EXPECT_TRUE(off.scored.eligible[1]);
  const Fixture f = Build(text, {0.1, 0.9, 0.5});
  EXPECT_FALSE(f.scored.eligible[1]);
  EXPECT_TRUE(f.scored.eligible[2]);
}

}  // namespace
