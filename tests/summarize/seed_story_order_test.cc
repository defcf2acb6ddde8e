// The seed story's brief (read from the shared data at run time) runs in the
// order of its events: NATO's expulsion of eight members of Russia's mission,
// Moscow's vow to answer, the suspension of Russia's mission, the aftermath.
// Only one article is dated; the others are placed by what they report.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include "precis/pipeline.h"
#include "precis/summarize.h"
#include "test_support.h"

namespace precis {
namespace {

namespace fs = std::filesystem;
namespace sz = summarize;

class SeedStoryOrder : public ::testing::TestWithParam<std::size_t> {};

TEST_P(SeedStoryOrder, BriefRunsInTheOrderOfEvents) {
  const fs::path dir = testing::SharedDir() / "data" / "seed-story";
  if (!fs::exists(dir / "labels.json")) GTEST_SKIP() << "shared seed story not found at " << dir;
  Story story;
  for (const auto& entry : fs::directory_iterator(dir)) {
    if (entry.path().extension() != ".txt") continue;
    Document doc;
    doc.id = entry.path().filename().string();
    doc.text = testing::ReadFile(entry.path());
    story.docs.push_back(doc);
  }
  std::sort(story.docs.begin(), story.docs.end(), [](const Document& a, const Document& b) { return a.id < b.id; });
  const Story input = SummarizerInput(story, CleanStoryInput(story, CleanOptions{}, /*clean=*/true));
  sz::Summarizer summarizer;
  sz::Options options;
  options.budget = {sz::BudgetKind::kWords, GetParam()};
  const sz::Summary s = summarizer.Summarize(input, options);
  // Each sentence's stage of the story, by what it tells.
  const auto stage = [](const std::string& text) {
    const auto has = [&](const char* w) { return text.find(w) != std::string::npos; };
    if (has("breakdown") || has("On Wednesday, NATO")) return 4;
    if (has("suspend")) return 3;
    if (has("respond") || has("retaliat") || has("pledged")) return 2;
    if (has("accreditation") || has("expel")) return 1;
    return 0;  // other detail, free to stand anywhere
  };
  int last = 0;
  std::vector<bool> seen(5, false);
  for (const sz::SummarySentence& x : s.sentences) {
    const int st = stage(x.text);
    seen[st] = true;
    if (st == 0) continue;
    EXPECT_GE(st, last) << x.text;
    last = st;
  }
  for (int st = 1; st <= 4; ++st) EXPECT_TRUE(seen[st]) << "no sentence of stage " << st;
}

INSTANTIATE_TEST_SUITE_P(Budgets, SeedStoryOrder, ::testing::Values(100u, 200u));

}  // namespace
}  // namespace precis
