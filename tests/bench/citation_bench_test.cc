// citation_bench against a fake precis that prints fixed briefs for the small
// inventory in tests/data/citation-bench/tiny-story: each figure must move
// when a citation is wrong, missing, or duplicated through a copy.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <map>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "test_support.h"

namespace {

using nlohmann::json;
using precis::testing::RunCommand;
using precis::testing::TempDir;

const std::string kStory = std::string(PRECIS_SOURCE_DIR) + "/tests/data/citation-bench/tiny-story";

// Sentences of the inventory (article n: 1 a.txt, 2 b.txt, 3 c.txt = copy of b, 4 d.txt).
// F1, reported by a and b (c is b's copy), partly by d:
const char* kClosedA = "The Millbrook river bridge was closed on Monday after inspectors found cracks in two of its supports.";
// F2, reported by a and b:
const char* kSixWeeksA = "The county said the bridge would stay shut for six weeks.";
// F5, reported by b (and its copy c) only:
const char* kCars = "About 9,000 cars cross the bridge each day.";
// F6, reported by d only:
const char* kDiverted = "Until then, traffic is diverted along the old mill road.";

json Sentence(const std::string& text, int doc, const std::vector<int>& citations) {
  return {{"text", text}, {"doc", doc}, {"citations", citations}};
}

json Brief(const std::vector<json>& sentences, json extra = json::object()) {
  json brief = {{"sentences", sentences}, {"sources", json::array()}};
  int n = 1;
  for (const char* id : {"a.txt", "b.txt", "c.txt", "d.txt"}) brief["sources"].push_back({{"n", n++}, {"id", id}});
  brief.update(extra);
  return brief;
}

class CitationBench : public ::testing::Test {
 protected:
  // A fake precis: `precis summarize DIR --words N --format json` prints brief-N.json.
  void SetUp() override {
    const auto script = dir_.Write("precis", "#!/bin/sh\ncat \"$(dirname \"$0\")/brief-$4.json\"\n");
    ::chmod(script.c_str(), 0755);
  }
  void Give(int words, const json& brief) const { dir_.Write("brief-" + std::to_string(words) + ".json", brief.dump() + "\n"); }

  precis::testing::CommandResult Run(const std::string& args, const std::string& story = kStory) const {
    return RunCommand(std::string(CITATION_BENCH) + " '" + story + "' --precis '" + (dir_.path() / "precis").string() + "' " + args +
                      " 2>&1");
  }

  // The columns of one row of the table, by header name.
  static std::map<std::string, std::string> Row(const std::string& out, const std::string& budget) {
    std::istringstream lines(out);
    std::vector<std::string> header;
    for (std::string line; std::getline(lines, line);) {
      std::istringstream words(line);
      std::vector<std::string> cells;
      for (std::string w; words >> w;) cells.push_back(w);
      if (!cells.empty() && cells[0] == "story") header = cells;
      if (cells.size() == header.size() && cells.size() > 1 && cells[0] == "tiny-story" && cells[1] == budget) {
        std::map<std::string, std::string> row;
        for (std::size_t i = 0; i < cells.size(); ++i) row[header[i]] = cells[i];
        return row;
      }
    }
    ADD_FAILURE() << "no row for budget " << budget << " in:\n" << out;
    return {};
  }

  TempDir dir_;
};

TEST_F(CitationBench, EveryRequiredCitationAndNoOtherScoresOne) {
  Give(50, Brief({Sentence(kClosedA, 1, {1, 2}), Sentence(kSixWeeksA, 1, {1, 2}), Sentence(kDiverted, 4, {4})}));
  const auto r = Run("--budgets 50 --min-precision 1 --min-recall 1");
  ASSERT_EQ(r.status, 0) << r.out;
  const auto row = Row(r.out, "all");
  EXPECT_EQ(row.at("sents"), "3");
  EXPECT_EQ(row.at("unmat"), "0");
  EXPECT_EQ(row.at("prec"), "1.00");
  EXPECT_EQ(row.at("recall"), "1.00");
  EXPECT_EQ(row.at("r-other"), "1.00");
}

TEST_F(CitationBench, WrongCitationLowersPrecisionOnly) {
  // d does not report F2 (it gives two months): 4 right citations of 5.
  Give(50, Brief({Sentence(kClosedA, 1, {1, 2}), Sentence(kSixWeeksA, 1, {1, 2, 4})}));
  const auto r = Run("--budgets 50 --min-precision 0.9 --verbose");
  EXPECT_EQ(r.status, 3) << r.out;
  const auto row = Row(r.out, "all");
  EXPECT_EQ(row.at("cites"), "5");
  EXPECT_EQ(row.at("prec"), "0.80");
  EXPECT_EQ(row.at("recall"), "1.00");
  EXPECT_NE(r.out.find("WRONG [4] Evening Star"), std::string::npos) << r.out;
  EXPECT_EQ(Run("--budgets 50 --min-recall 1").status, 0);
}

TEST_F(CitationBench, PartialSupportMayBeCitedWithoutBeingRequired) {
  Give(50, Brief({Sentence(kClosedA, 1, {1, 2, 4})}));
  const auto with = Row(Run("--budgets 50").out, "all");
  EXPECT_EQ(with.at("prec"), "1.00");
  Give(50, Brief({Sentence(kClosedA, 1, {1, 2})}));
  EXPECT_EQ(Row(Run("--budgets 50").out, "all").at("recall"), "1.00");
}

TEST_F(CitationBench, MissingCitationLowersRecallOnly) {
  // kSixWeeksA must cite b too: 3 of the 4 required articles are cited.
  Give(50, Brief({Sentence(kClosedA, 1, {1, 2}), Sentence(kSixWeeksA, 1, {1})}));
  const auto r = Run("--budgets 50 --min-recall 0.9 --verbose");
  EXPECT_EQ(r.status, 3) << r.out;
  const auto row = Row(r.out, "all");
  EXPECT_EQ(row.at("prec"), "1.00");
  EXPECT_EQ(row.at("recall"), "0.75");
  EXPECT_EQ(row.at("r-other"), "0.50");
  EXPECT_NE(r.out.find("MISSING [2] County Post"), std::string::npos) << r.out;
  EXPECT_EQ(Run("--budgets 50 --min-precision 1").status, 0);
}

TEST_F(CitationBench, BaselinesComeFromTheSameSentences) {
  // Must: {a, b} twice. Own only: 2 of 4. Every article (a, b, d: c is b's
  // copy): 6 citations, of which 3 + 2 may be made.
  Give(50, Brief({Sentence(kClosedA, 1, {1, 2}), Sentence(kSixWeeksA, 1, {1, 2})}));
  const auto row = Row(Run("--budgets 50").out, "all");
  EXPECT_EQ(row.at("own:rec"), "0.50");
  EXPECT_EQ(row.at("every:pr"), "0.83");
}

TEST_F(CitationBench, ACopyAndItsOriginalAreOneSource) {
  // Citing b and its copy c is one citation of b.
  Give(50, Brief({Sentence(kClosedA, 1, {1, 2, 3})}));
  auto row = Row(Run("--budgets 50").out, "all");
  EXPECT_EQ(row.at("cites"), "2");
  EXPECT_EQ(row.at("recall"), "1.00");
  // Citing the copy alone satisfies the original.
  Give(50, Brief({Sentence(kClosedA, 1, {1, 3})}));
  row = Row(Run("--budgets 50").out, "all");
  EXPECT_EQ(row.at("recall"), "1.00");
  EXPECT_EQ(row.at("prec"), "1.00");
}

TEST_F(CitationBench, ASentenceInSeveralBudgetsOrCopiesCountsOnce) {
  Give(50, Brief({Sentence(kCars, 2, {2}), Sentence(kSixWeeksA, 1, {1})}));
  Give(100, Brief({Sentence(kCars, 3, {3}), Sentence(kSixWeeksA, 1, {1}), Sentence(kDiverted, 4, {4})}));
  const auto r = Run("--budgets 50,100");
  ASSERT_EQ(r.status, 0) << r.out;
  EXPECT_EQ(Row(r.out, "50").at("sents"), "2");
  EXPECT_EQ(Row(r.out, "100").at("sents"), "3");
  const auto all = Row(r.out, "all");
  EXPECT_EQ(all.at("sents"), "3");
  EXPECT_EQ(all.at("recall"), "0.75");  // (1 + 1 + 1) of (1 + 2 + 1)
}

TEST_F(CitationBench, UnmatchedSentencesAreCountedAndShown) {
  Give(50, Brief({Sentence(kSixWeeksA, 1, {1, 2}), Sentence("Rain is expected over the weekend in the hills.", 1, {1, 4})}));
  const auto r = Run("--budgets 50");
  const auto row = Row(r.out, "all");
  EXPECT_EQ(row.at("sents"), "2");
  EXPECT_EQ(row.at("unmat"), "1");
  EXPECT_EQ(row.at("cites"), "2");  // the unmatched sentence's citations are not scored
  EXPECT_NE(r.out.find("UNMATCHED sentence of a.txt: Rain is expected"), std::string::npos) << r.out;
}

TEST_F(CitationBench, ADifferentCutOrQuotesStillMatch) {
  // A dateline the splitter kept, and straight quotes for curly ones.
  Give(50, Brief({Sentence("MILLBROOK - The county said the bridge would stay shut for six weeks.", 1, {1}),
                  Sentence("Mayor Ana Ruiz called the closure \"a hard blow for the shops on both banks\".", 1, {1})}));
  const auto r = Run("--budgets 50");
  const auto row = Row(r.out, "all");
  EXPECT_EQ(row.at("unmat"), "0");
  EXPECT_EQ(row.at("facts"), "2");
  EXPECT_EQ(row.at("recall"), "0.67");  // the six weeks also need b
  EXPECT_NE(r.out.find("1 sentence(s) matched in part or by token overlap"), std::string::npos) << r.out;
}

TEST_F(CitationBench, ASentenceCutDifferentlyTakesItsPartsFacts) {
  // Two labelled sentences joined (F2 and F4), and a part of one (F2 in b).
  Give(50, Brief({Sentence(std::string(kSixWeeksA) + " Mayor Ana Ruiz called the closure \u201ca hard blow for the shops on both banks\u201d.", 1, {1}),
                  Sentence("Repairs will take six weeks", 2, {2})}));
  const auto r = Run("--budgets 50 --verbose");
  const auto row = Row(r.out, "all");
  EXPECT_EQ(row.at("unmat"), "0");
  EXPECT_EQ(row.at("facts"), "2");
  EXPECT_EQ(row.at("recall"), "0.67");  // the joined sentence needs a alone (no other article has both); the part needs a
  EXPECT_NE(r.out.find("matched as joins 2 labelled sentence(s)"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("matched as part of: Repairs will take six weeks, officials said."), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("fact F4"), std::string::npos) << r.out;
}

TEST_F(CitationBench, DisagreementsFoundAndFalse) {
  const json planted = {{"about", "repair time"},
                        {"versions", {{{"value", "six weeks"}, {"docs", {1, 2}}}, {{"value", "could take two months"}, {"docs", {4}}}}}};
  const json invented = {{"about", "day"}, {"versions", {{{"value", "Monday"}, {"docs", {1}}}, {{"value", "Tuesday"}, {"docs", {4}}}}}};
  Give(50, Brief({Sentence(kSixWeeksA, 1, {1, 2})}, {{"disagreements", {planted, invented}}}));
  auto r = Run("--budgets 50");
  EXPECT_NE(r.out.find("disagreements (every budget): 1/1 found (1 with all their articles), 1 false"), std::string::npos) << r.out;
  // A version with the wrong articles does not reproduce the planted one.
  json wrong_docs = planted;
  wrong_docs["versions"][1]["docs"] = {1, 4};
  Give(50, Brief({Sentence(kSixWeeksA, 1, {1, 2})}, {{"disagreements", {wrong_docs}}}));
  r = Run("--budgets 50");
  EXPECT_NE(r.out.find("disagreements (every budget): 0/1 found (0 with all their articles), 1 false"), std::string::npos) << r.out;
  // Some of a version's articles and no wrong one: found, not complete.
  json some_docs = planted;
  some_docs["versions"][0]["docs"] = {1};
  Give(50, Brief({Sentence(kSixWeeksA, 1, {1, 2})}, {{"disagreements", {some_docs}}}));
  r = Run("--budgets 50");
  EXPECT_NE(r.out.find("disagreements (every budget): 1/1 found (0 with all their articles), 0 false"), std::string::npos) << r.out;
}

TEST_F(CitationBench, TimeOrderOfTheLongestBrief) {
  // Timeline: F1, F4, F6, F2, F3. Diverted (F6) before closed (F1) is out of order.
  Give(50, Brief({Sentence(kDiverted, 4, {4}), Sentence(kClosedA, 1, {1, 2}), Sentence(kSixWeeksA, 1, {1, 2})}));
  const auto r = Run("--budgets 50");
  EXPECT_NE(r.out.find("time order 2/3 pairs in timeline order"), std::string::npos) << r.out;
}

TEST_F(CitationBench, CopiesMarkedByTheOutput) {
  json brief = Brief({Sentence(kCars, 2, {2})});
  brief["sources"][2]["copy_of"] = 2;
  brief["sources"][3]["copy_of"] = 1;  // d is no copy of a
  Give(50, brief);
  const auto r = Run("--budgets 50");
  EXPECT_NE(r.out.find("copies (every budget): 1/1 marked, 1 false"), std::string::npos) << r.out;
}

TEST_F(CitationBench, SupportLevelsAgainstTheInventory) {
  // b reports the six weeks in full: "partly" is the wrong level for it.
  json sentence = Sentence(kSixWeeksA, 1, {1, 2});
  sentence["support"] = {{{"doc", 1}, {"level", "reports"}}, {{"doc", 2}, {"level", "partly"}}};
  json closed = Sentence(kClosedA, 1, {1, 2, 4});
  closed["support"] = {{{"doc", 4}, {"level", "partly"}}};
  Give(50, Brief({sentence, closed}));
  const auto r = Run("--budgets 50 --verbose");
  EXPECT_NE(r.out.find("support levels: 2/3 right"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("[2] County Post (partly)"), std::string::npos) << r.out;
}

TEST_F(CitationBench, EventDatesAndOutletNames) {
  json closed = Sentence(kClosedA, 1, {1, 2});
  closed["event_date"] = "2026-03-02";
  json six = Sentence(kSixWeeksA, 1, {1, 2});
  six["event_date"] = "2026-03-03";  // F2 has no date in the inventory: not scored
  json brief = Brief({closed, six});
  brief["sources"][0]["source"] = "Valley Herald";
  brief["sources"][3]["source"] = "Star";
  Give(50, brief);
  auto r = Run("--budgets 50");
  EXPECT_NE(r.out.find("0/1 article dates right"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("1/1 event dates right"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("outlets 1/4 named as expected"), std::string::npos) << r.out;
  brief["sentences"][0]["event_date"] = "2026-03-01";
  brief["sources"][0]["date"] = "2026-03-03";
  Give(50, brief);
  r = Run("--budgets 50");
  EXPECT_NE(r.out.find("1/1 article dates right"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("0/1 event dates right"), std::string::npos) << r.out;
}

TEST_F(CitationBench, EventDatesUnderTheirOwnKey) {
  // The same story with its event dates under `event_dates`, as the test
  // stories keep them; a sentence is right on the day of any of its facts.
  TempDir copy;
  std::filesystem::create_directories(copy.path() / "tiny-story");
  for (const auto& entry : std::filesystem::directory_iterator(kStory)) {
    std::filesystem::copy_file(entry.path(), copy.path() / "tiny-story" / entry.path().filename(),
                               std::filesystem::copy_options::none);
  }
  json inventory = json::parse(precis::testing::ReadFile(copy.path() / "tiny-story" / "citations.json"));
  inventory["dates"].erase("F1");
  inventory["event_dates"] = {{"F1", "2026-03-02"}, {"F2", "2026-03-05"}};
  copy.Write("tiny-story/citations.json", inventory.dump());
  json closed = Sentence(kClosedA, 1, {1, 2});
  closed["event_date"] = "2026-03-02";
  json six = Sentence(kSixWeeksA, 1, {1, 2});
  six["event_date"] = "2026-03-04";
  Give(50, Brief({closed, six}));
  const auto r = Run("--budgets 50", (copy.path() / "tiny-story").string());
  EXPECT_NE(r.out.find("1/2 event dates right"), std::string::npos) << r.out;
}

TEST_F(CitationBench, BadInputNamesTheFile) {
  TempDir empty;
  auto r = Run("--budgets 50", empty.path().string());
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.out.find("citations.json: cannot be read"), std::string::npos) << r.out;

  json brief = Brief({Sentence(kCars, 2, {2})});
  brief["sources"][1]["id"] = "e.txt";
  Give(50, brief);
  r = Run("--budgets 50");
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.out.find("no \"docs\" entry for article \"e.txt\""), std::string::npos) << r.out;

  Give(50, Brief({Sentence(kCars, 2, {7})}));
  r = Run("--budgets 50");
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.out.find("cites article 7"), std::string::npos) << r.out;

  r = RunCommand(std::string(CITATION_BENCH) + " '" + kStory + "' --precis '" + (dir_.path() / "none").string() + "' 2>&1");
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.out.find("none: does not exist"), std::string::npos) << r.out;

  r = Run("--budgets 60");  // the fake precis has no brief-60.json: it fails
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.out.find("failed (exit status 1)"), std::string::npos) << r.out;

  const TempDir bad;
  bad.Write("citations.json", R"({"docs": {"a.txt": "A"}, "facts": [{"id": "F1", "support": {"z.txt": ["A sentence."]}}]})");
  r = Run("--budgets 50", bad.path().string());
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.out.find("fact F1 names \"z.txt\", which is not in \"docs\""), std::string::npos) << r.out;
}

TEST_F(CitationBench, UsageErrorsExitTwo) {
  EXPECT_EQ(RunCommand(std::string(CITATION_BENCH) + " 2>/dev/null").status, 2);
  EXPECT_EQ(Run("--budgets fifty").status, 2);
  EXPECT_EQ(Run("--min-recall").status, 2);
  EXPECT_EQ(Run("--no-such-flag").status, 2);
}

// The bench's default precis is the one of its own build tree; the tiny story
// goes through it whole.
TEST(CitationBenchRealPrecis, RunsOnTheTinyStory) {
  const auto r = RunCommand(std::string(CITATION_BENCH) + " '" + kStory + "' --budgets 50,2000 2>&1");
  ASSERT_EQ(r.status, 0) << r.out;
  EXPECT_NE(r.out.find("tiny-story"), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find("UNMATCHED"), std::string::npos) << r.out;
}

}  // namespace
