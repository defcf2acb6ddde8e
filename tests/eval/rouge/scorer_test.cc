#include <gtest/gtest.h>

#include "precis/rouge.h"

namespace precis::rouge {
namespace {

Case MakeCase(std::vector<std::string> peer, std::vector<std::vector<std::string>> models, std::string id = "c1") {
  Case c;
  c.id = std::move(id);
  c.peer = std::move(peer);
  c.models = std::move(models);
  return c;
}

// prefix + number (append avoids GCC 12's false -Wrestrict on operator+).
std::string Numbered(std::string prefix, int i) { return prefix.append(std::to_string(i)); }

CaseScore ScoreOne(const Case& c, const Options& options, std::size_t metric = 0) {
  return ScoreCases({c}, options, *Lexicon::Builtin())[metric][0];
}

Options NgramOnly(int n) {
  Options o;
  o.max_ngram = n;
  o.lcs = false;
  return o;
}

TEST(RougeN, CountsClippedHitsAndRoundsBeforeF) {
  const CaseScore s = ScoreOne(MakeCase({"the the the"}, {{"the cat"}}), NgramOnly(1));
  EXPECT_DOUBLE_EQ(s.r, 0.5);
  EXPECT_DOUBLE_EQ(s.p, 0.33333);
  // F from the rounded P and R: 0.166665 / 0.416665 = 0.3999976 -> 0.40000.
  EXPECT_DOUBLE_EQ(s.f, 0.4);
}

TEST(RougeN, BigramsAndRawCounts) {
  Options o = NgramOnly(2);
  o.unit = CountingUnit::kRawCounts;
  const Case c = MakeCase({"a b c d"}, {{"a b x c d"}});
  const CaseScore s = ScoreOne(c, o, 1);  // ROUGE-2
  EXPECT_DOUBLE_EQ(s.r, 4);  // model bigrams: ab bx xc cd
  EXPECT_DOUBLE_EQ(s.p, 3);  // peer bigrams: ab bc cd
  EXPECT_DOUBLE_EQ(s.f, 2);  // hits: ab cd
}

TEST(RougeN, FormulaAPoolsModelsFormulaBPicksBestRecall) {
  const Case c = MakeCase({"a b c d"}, {{"a x y z"}, {"a b c z"}});
  Options a = NgramOnly(1);
  const CaseScore pooled = ScoreOne(c, a);
  EXPECT_DOUBLE_EQ(pooled.r, 0.5);  // (1 + 3) / 8
  EXPECT_DOUBLE_EQ(pooled.p, 0.5);  // 4 / (2 models x 4 peer tokens)
  Options b = a;
  b.formula = Formula::kBestModel;
  const CaseScore best = ScoreOne(c, b);
  EXPECT_DOUBLE_EQ(best.r, 0.75);
  EXPECT_DOUBLE_EQ(best.p, 0.75);
}

TEST(RougeN, StemmingAndStopwords) {
  Options o = NgramOnly(1);
  const Case c = MakeCase({"expelling the diplomats"}, {{"expelled a diplomat"}});
  EXPECT_DOUBLE_EQ(ScoreOne(c, o).r, 0.0);
  o.stem = true;
  EXPECT_DOUBLE_EQ(ScoreOne(c, o).r, 0.66667);  // expel, diplomat; "a" != "the"
  o.remove_stopwords = true;
  EXPECT_DOUBLE_EQ(ScoreOne(c, o).r, 1.0);  // "the" and "a" are SMART stopwords
}

TEST(RougeN, WordLimitCutsPeerAndModels) {
  Options o = NgramOnly(1);
  o.word_limit = 2;
  const Case c = MakeCase({"a b c d"}, {{"c d a b"}});
  const CaseScore s = ScoreOne(c, o);  // peer "a b", model "c d"
  EXPECT_DOUBLE_EQ(s.r, 0.0);
}

TEST(RougeL, UnionLcsOverPeerSentences) {
  Options o;
  o.max_ngram = 0;
  const Case c = MakeCase({"c d", "a b"}, {{"a b c d"}});
  const CaseScore s = ScoreOne(c, o);
  // One LCS over the whole text would find only 2 of 4; the summary-level
  // union finds "a b" with one peer sentence and "c d" with the other.
  EXPECT_DOUBLE_EQ(s.r, 1.0);
  EXPECT_DOUBLE_EQ(s.p, 1.0);
}

TEST(RougeL, HitsAreClippedByUnigramCounts) {
  Options o;
  o.max_ngram = 0;
  const Case c = MakeCase({"a b"}, {{"a b", "a b"}});
  const CaseScore s = ScoreOne(c, o);
  EXPECT_DOUBLE_EQ(s.r, 0.5);  // the peer's "a b" can be credited once
  EXPECT_DOUBLE_EQ(s.p, 1.0);
}

TEST(RougeS, SkipBigramCountsFollowTheScript) {
  Options o;
  o.max_ngram = 0;
  o.lcs = false;
  o.skip_distance = 4;
  o.skip_distance_text.assign(1, '4');  // not from a literal: GCC 12 warns falsely (-Wrestrict)
  o.skip_unigrams = true;
  o.unit = CountingUnit::kRawCounts;
  const CaseScore s = ScoreOne(MakeCase({"a b c d"}, {{"a b c d"}}), o);
  // 6 skip-bigrams plus the unigrams of all tokens but the last (the script's loop).
  EXPECT_DOUBLE_EQ(s.r, 9);
  EXPECT_DOUBLE_EQ(s.f, 9);
}

TEST(Metrics, NamesAndOrderAsTheScriptPrints) {
  Options o;
  o.max_ngram = 2;
  o.wlcs_weight = 1.2;
  o.wlcs_weight_text = "1.2";
  o.skip_distance = 4;
  o.skip_distance_text.assign(1, '4');  // not from a literal: GCC 12 warns falsely (-Wrestrict)
  o.skip_both = true;
  std::vector<std::string> names;
  for (const Metric& m : MetricsFor(o)) names.push_back(m.name);
  EXPECT_EQ(names, (std::vector<std::string>{"ROUGE-1", "ROUGE-2", "ROUGE-L", "ROUGE-W-1.2", "ROUGE-S4", "ROUGE-SU4"}));
}

TEST(ScoreCases, SameResultOnAnyNumberOfThreads) {
  std::vector<Case> cases;
  for (int i = 0; i < 50; ++i) {
    cases.push_back(MakeCase({Numbered("the quick brown fox ", i), "jumps over the lazy dog"},
                             {{"a quick fox jumps", Numbered("over a dog ", i % 7)}}, Numbered("c", i)));
  }
  Options o;
  o.max_ngram = 2;
  o.stem = true;
  const ScoreTable one = ScoreCases(cases, o, *Lexicon::Builtin(), 1);
  const ScoreTable many = ScoreCases(cases, o, *Lexicon::Builtin(), 4);
  for (std::size_t m = 0; m < one.size(); ++m) {
    for (std::size_t c = 0; c < cases.size(); ++c) {
      EXPECT_EQ(one[m][c].r, many[m][c].r);
      EXPECT_EQ(one[m][c].f, many[m][c].f);
    }
  }
}

TEST(AverageScores, BoundsBracketTheMean) {
  std::vector<Case> cases;
  ScoreTable table(1);
  for (int i = 0; i < 20; ++i) {
    cases.push_back(MakeCase({}, {}, Numbered("c", i)));
    table[0].push_back(CaseScore{i / 20.0, 0.5, 0.25});
  }
  const Average a = AverageScores(cases, table, Options{})[0];
  EXPECT_LT(a.r_low, a.r);
  EXPECT_GT(a.r_high, a.r);
  EXPECT_NEAR(a.r, 0.475, 0.05);
  EXPECT_DOUBLE_EQ(a.p, 0.5);  // constant column: every resample mean is 0.5
  EXPECT_DOUBLE_EQ(a.p_low, 0.5);
}

}  // namespace
}  // namespace precis::rouge
