// The greedy oracle: it finds the sentence that matches the reference, and
// its incremental n-gram counting picks what full re-scoring with the ROUGE
// library would pick, step by step.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "precis/bench.h"
#include "precis/ingest.h"
#include "precis/rouge.h"
#include "precis/text.h"
#include "test_support.h"

namespace precis::bench {
namespace {

Story MakeStory(const std::vector<std::string>& docs, const std::vector<std::string>& refs) {
  Story story;
  story.id = "s1";
  for (std::size_t i = 0; i < docs.size(); ++i) {
    Document d;
    d.id = std::to_string(i + 1);
    d.text = docs[i];
    story.docs.push_back(d);
  }
  story.refs = refs;
  return story;
}

std::vector<std::vector<std::string>> SplitRefs(const Story& story) {
  text::SentenceSplitter splitter;
  std::vector<std::vector<std::string>> out;
  for (const auto& r : story.refs) {
    std::vector<std::string> sentences;
    for (auto& s : splitter.Split(r)) sentences.push_back(s.text);
    out.push_back(sentences);
  }
  return out;
}

Preset Shrunk(const std::string& name, std::size_t words) {
  Preset p = GetPreset(name);
  p.words = words;
  p.rouge.word_limit = static_cast<long>(words);
  return p;
}

TEST(GreedyOracle, PicksTheSentenceThatMatchesTheReference) {
  const Story story = MakeStory(
      {"The city council approved a new budget on Monday. Residents complained about potholes on Main Street.\n"
       "The weather was mild for the season.",
       "A local bakery won a national award for its sourdough bread. The mayor praised the bakers at a ceremony."},
      {"The bakery won a national award for sourdough bread."});
  for (const std::string preset : {"duc", "multinews", "tac"}) {
    GreedyOracle oracle(Shrunk(preset, 12), rouge::Lexicon::Builtin());
    const auto summary = oracle.Summarize(story, SplitRefs(story));
    ASSERT_EQ(summary.size(), 1u) << preset;
    EXPECT_EQ(summary[0], "A local bakery won a national award for its sourdough bread.") << preset;
  }
}

TEST(GreedyOracle, StaysWithinTheBudgetAndStopsWhenNothingHelps) {
  const Story story = MakeStory({"Alpha beta gamma delta. Epsilon zeta eta theta iota kappa lambda. Mu nu."},
                                {"Nothing here is shared with the story."});
  GreedyOracle oracle(Shrunk("tac", 5), rouge::Lexicon::Builtin());
  EXPECT_TRUE(oracle.Summarize(story, SplitRefs(story)).empty());

  const Story story2 = MakeStory({"Alpha beta gamma delta. Epsilon zeta eta theta iota kappa lambda. Mu nu."},
                                 {"alpha beta mu nu epsilon zeta eta theta"});
  GreedyOracle recall(Shrunk("duc", 6), rouge::Lexicon::Builtin());
  std::size_t words = 0;
  for (const auto& s : recall.Summarize(story2, SplitRefs(story2))) words += text::CountWords(s);
  EXPECT_LE(words, 6u);
  EXPECT_EQ(words, 6u);  // "Alpha beta gamma delta." then "Mu nu."
}

// The objective the oracle maximizes, computed by the ROUGE library on the
// whole candidate summary: R-1 + R-2 recall, or F-measure.
double FullScore(const std::vector<std::string>& peer, const std::vector<std::vector<std::string>>& refs,
                 const Preset& preset, const rouge::Lexicon& lexicon) {
  rouge::Options o = preset.rouge;
  o.max_ngram = 2;
  o.lcs = false;
  o.skip_distance.reset();
  o.skip_unigrams = false;
  rouge::Case c;
  c.id = "x";
  c.peer = peer;
  c.models = refs;
  const rouge::ScoreTable t = rouge::ScoreCases({c}, o, lexicon);
  return preset.recall ? t[0][0].r + t[1][0].r : t[0][0].f + t[1][0].f;
}

// At every step the oracle's choice is as good as the best candidate by full
// re-scoring (up to the scorer's 5-decimal rounding), and at the end no
// candidate that fits raises the score.
void ExpectGreedyByFullScoring(const Story& story, const Preset& preset) {
  const auto lexicon = rouge::Lexicon::Builtin();
  const auto refs = SplitRefs(story);
  GreedyOracle oracle(preset, lexicon);
  const std::vector<std::string> chosen = oracle.Summarize(story, refs);
  std::vector<std::string> candidates;
  text::SentenceSplitter splitter;
  for (const auto& d : story.docs) {
    for (auto& s : splitter.Split(d.text)) candidates.push_back(s.text);
  }
  const double tolerance = 1e-4;
  std::vector<std::string> prefix;
  std::size_t used = 0;
  std::vector<char> taken(candidates.size(), 0);
  for (std::size_t k = 0; k <= chosen.size(); ++k) {
    const double now = FullScore(prefix, refs, preset, *lexicon);
    double best = now;
    for (std::size_t i = 0; i < candidates.size(); ++i) {
      const std::size_t w = text::CountWords(candidates[i]);
      if (taken[i] || used + w > preset.words) continue;
      auto with = prefix;
      with.push_back(candidates[i]);
      best = std::max(best, FullScore(with, refs, preset, *lexicon));
    }
    if (k == chosen.size()) {
      EXPECT_LE(best, now + tolerance) << story.id << ": a sentence would still raise the score";
      break;
    }
    auto with = prefix;
    with.push_back(chosen[k]);
    const double got = FullScore(with, refs, preset, *lexicon);
    EXPECT_GE(got, best - tolerance) << story.id << " step " << k << ": " << chosen[k];
    EXPECT_GT(got, now) << story.id << " step " << k;
    prefix.push_back(chosen[k]);
    used += text::CountWords(chosen[k]);
    for (std::size_t i = 0; i < candidates.size(); ++i) {
      if (!taken[i] && candidates[i] == chosen[k]) {
        taken[i] = 1;
        break;
      }
    }
  }
  EXPECT_LE(used, preset.words);
}

TEST(GreedyOracle, IncrementalCountsMatchFullRescoring) {
  // Repeated words (clipped hits), two references, bigrams across sentence
  // boundaries ("ferry sank" / "Sank ferry"), stems ("sinking"/"sank").
  const Story story = MakeStory(
      {"The ferry sank near the harbour on Tuesday. Rescuers pulled twelve people from the water.\n"
       "Officials said the ferry was overloaded. The ferry ferry ferry had no licence.",
       "Sank. Ferry operators blamed the storm. Twelve people were rescued and two are missing.\n"
       "The harbour was closed for the day, officials said."},
      {"A ferry sank near the harbour on Tuesday. Twelve people were rescued; two are missing.",
       "Officials said the overloaded ferry had no licence. The harbour was closed."});
  for (const std::string preset : {"duc", "multinews", "tac"}) {
    for (std::size_t words : {10u, 20u, 35u, 60u}) {
      SCOPED_TRACE(preset + " " + std::to_string(words));
      ExpectGreedyByFullScoring(story, Shrunk(preset, words));
    }
  }
}

TEST(GreedyOracle, IncrementalCountsMatchFullRescoringOnSharedStories) {
  const auto dir = testing::SharedDir() / "data" / "bench";
  const std::vector<std::pair<std::string, std::string>> sets = {{"multinews-val250.jsonl", "multinews"},
                                                                 {"tac2011-en.jsonl", "tac"},
                                                                 {"duc2006.jsonl", "duc"}};
  if (!std::filesystem::exists(dir / sets[0].first)) {
    GTEST_SKIP() << "shared benchmark stories not found under " << dir;
  }
  for (const auto& [file, preset] : sets) {
    if (!std::filesystem::exists(dir / file)) continue;
    const StorySet set = LoadStories(dir / file, preset == "duc" ? 1 : 3);
    for (const Story& story : set.stories) {
      SCOPED_TRACE(file + " " + story.id);
      ExpectGreedyByFullScoring(story, GetPreset(preset));
    }
  }
}

}  // namespace
}  // namespace precis::bench
