// The "concepts" integer program stays within its size cap (maxpairs):
// on a story too large for it, the program is cut to the sentences that
// hold the most concept weight; on a story within it, nothing changes.
// Articles generated from invented words.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "common/lcg.h"
#include "summarize/model.h"

namespace {

namespace sz = precis::summarize;
namespace dt = precis::summarize::detail;

const char* const kWords[] = {"harbour", "ferry",  "council", "storm",  "bridge", "pilots", "engineers",
                              "repairs", "tunnel", "budget",  "vessel", "crew",   "tolls",  "mayor",
                              "the",     "of",     "on",      "and",    "was",    "said",   "after"};
constexpr std::uint32_t kWordCount = sizeof kWords / sizeof kWords[0];

// `docs` articles of `sentences` sentences each over a small vocabulary, so
// that many bigrams recur across articles; every seventh sentence opens
// with "He said", leaning on the one before.
precis::Story GeneratedStory(std::size_t docs, std::size_t sentences) {
  precis::Lcg rng(17);
  precis::Story story;
  for (std::size_t d = 0; d < docs; ++d) {
    precis::Document doc;
    doc.id = "a";
    doc.id += std::to_string(d + 1);
    for (std::size_t s = 0; s < sentences; ++s) {
      std::string sentence = s % 7 == 6 ? "He said the" : "The";
      const std::uint32_t words = 8 + rng.Next(10);
      for (std::uint32_t w = 0; w < words; ++w) {
        sentence += ' ';
        sentence += kWords[rng.Next(kWordCount)];
      }
      doc.text += sentence + ".\n";
    }
    story.docs.push_back(std::move(doc));
  }
  return story;
}

struct Solved {
  dt::StoryModel model;
  dt::ConceptSelection selection;
};

Solved Solve(const precis::Story& story, const std::string& params, sz::Budget budget) {
  Solved out;
  dt::ModelBuilder builder;
  builder.Build(story, &out.model);
  out.selection = dt::SelectConcepts(out.model, budget, dt::Params(params, *sz::FindMethod("concepts")));
  return out;
}

std::size_t Words(const Solved& s) {
  std::size_t words = 0;
  for (std::size_t u : s.selection.chosen) words += s.model.units[u].words;
  return words;
}

TEST(Concepts, ProgramIsCutToMaxPairs) {
  const precis::Story story = GeneratedStory(3, 60);
  const sz::Budget budget{sz::BudgetKind::kWords, 100};
  const Solved whole = Solve(story, "", budget);
  ASSERT_TRUE(whole.selection.solved);
  ASSERT_GT(whole.selection.pairs_found, 400u);
  EXPECT_EQ(whole.selection.pairs_used, whole.selection.pairs_found);

  const Solved cut = Solve(story, "maxpairs=200", budget);
  EXPECT_EQ(cut.selection.pairs_found, whole.selection.pairs_found);
  EXPECT_LE(cut.selection.pairs_used, 200u);
  EXPECT_GT(cut.selection.pairs_used, 150u);  // the cap is filled, not emptied
  ASSERT_TRUE(cut.selection.solved);
  EXPECT_FALSE(cut.selection.chosen.empty());
  EXPECT_LE(Words(cut), 100u);
  // A sentence that leans on the one before is still chosen only with it.
  for (std::size_t u : cut.selection.chosen) {
    const std::size_t before = cut.model.units[u].depends_on;
    if (before == dt::kNoUnit) continue;
    EXPECT_NE(std::find(cut.selection.chosen.begin(), cut.selection.chosen.end(), before),
              cut.selection.chosen.end())
        << cut.model.units[u].text;
  }
}

TEST(Concepts, CapAboveTheStoryChangesNothing) {
  const precis::Story story = GeneratedStory(3, 20);
  const sz::Budget budget{sz::BudgetKind::kWords, 60};
  const Solved plain = Solve(story, "", budget);
  const Solved exact = Solve(story, "maxpairs=" + std::to_string(plain.selection.pairs_found), budget);
  ASSERT_TRUE(plain.selection.solved);
  EXPECT_EQ(exact.selection.pairs_used, plain.selection.pairs_found);
  EXPECT_EQ(exact.selection.chosen, plain.selection.chosen);
}

// A story far larger than any benchmark story (two articles of 4,000
// sentences): the default cap holds, and the method still gives a brief
// within the budget (the program's best, or the greedy fallback).
TEST(Concepts, DefaultCapBoundsALargeStory) {
  const precis::Story story = GeneratedStory(2, 4000);
  const Solved s = Solve(story, "timelimit=200", {sz::BudgetKind::kWords, 100});
  ASSERT_GT(s.selection.pairs_found, static_cast<std::size_t>(dt::kDefaultMaxPairs));
  EXPECT_LE(s.selection.pairs_used, static_cast<std::size_t>(dt::kDefaultMaxPairs));

  sz::Options options;
  options.method = "concepts";
  options.params = "timelimit=200";
  options.budget = {sz::BudgetKind::kWords, 100};
  const sz::Summary summary = sz::Summarizer().Summarize(story, options);
  EXPECT_FALSE(summary.sentences.empty());
  EXPECT_LE(summary.words, 100u);
}

}  // namespace
