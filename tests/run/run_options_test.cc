#include "precis/run_options.h"

#include <gtest/gtest.h>

#include <cmath>
#include <string>

#include "precis/error.h"

namespace precis {
namespace {

std::string Refusal(const RunOptions& options) {
  try {
    ValidateRunOptions(options);
  } catch (const Error& e) {
    return e.what();
  }
  return "";
}

TEST(RunOptionsTest, TheDefaultsAreValidAndTheDocumentedOnes) {
  const RunOptions defaults;
  EXPECT_EQ(Refusal(defaults), "");
  EXPECT_EQ(defaults.summarize.budget.kind, summarize::BudgetKind::kWords);
  EXPECT_EQ(defaults.summarize.budget.limit, 100u);
  EXPECT_EQ(defaults.summarize.citation_threshold, 0.5);
  EXPECT_EQ(defaults.summarize.max_sentence_bytes, 8192u);
  EXPECT_EQ(defaults.limits.max_docs, 10000u);
  EXPECT_EQ(defaults.on_error, OnError::kStop);
}

TEST(RunOptionsTest, OutOfBoundsAndUnknownOptionsAreNamed) {
  RunOptions o;
  o.summarize.budget.limit = 0;
  EXPECT_EQ(Refusal(o), "the length budget must be at least 1");
  o = RunOptions();
  o.summarize.budget.limit = kMaxBudget + 1;
  EXPECT_NE(Refusal(o).find("at most 1000000000"), std::string::npos);
  o = RunOptions();
  o.summarize.citation_threshold = std::nan("");
  EXPECT_EQ(Refusal(o), "the citation threshold must be between 0 and 1");
  o.summarize.citation_threshold = 1.5;
  EXPECT_EQ(Refusal(o), "the citation threshold must be between 0 and 1");
  o = RunOptions();
  o.threads = kMaxThreads + 1;
  EXPECT_NE(Refusal(o), "");
  o = RunOptions();
  o.limits.max_docs = 0;
  EXPECT_NE(Refusal(o).find("at least 1"), std::string::npos);
  o = RunOptions();
  o.summarize.method = "nope";
  EXPECT_EQ(Refusal(o).rfind("unknown method \"nope\" (known: precis, lead", 0), 0u) << Refusal(o);
  o = RunOptions();
  o.summarize.params = "docpow=x";
  EXPECT_EQ(Refusal(o), "method parameters: \"docpow=x\" is not a finite number");
  o.summarize.params = "threshold=0.2";  // a parameter of lexrank, not of the default method
  EXPECT_NE(Refusal(o).find("\"threshold\" is not a parameter of precis"), std::string::npos);
  o.summarize.method = "lexrank";
  EXPECT_EQ(Refusal(o), "");
}

}  // namespace
}  // namespace precis
