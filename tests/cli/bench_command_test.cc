// `precis bench` end to end: the binary on small stories, every output, the
// external-command route, errors and exit codes.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <cstdio>
#include <string>
#include <sys/wait.h>

#include "test_support.h"

namespace {

using precis::testing::ReadFile;
using precis::testing::TempDir;

struct Result {
  int status = -1;
  std::string out, err;
};

Result RunPrecis(const std::string& args, const TempDir& dir) {
  const auto err_file = dir.path() / "stderr.txt";
  const auto run = precis::testing::RunCommand(std::string(PRECIS_BINARY) + " " + args + " 2>" + err_file.string());
  return {run.status, run.out, ReadFile(err_file)};
}

std::string Story(const std::string& id, const std::string& a, const std::string& b, const std::string& ref) {
  nlohmann::json j;
  j["id"] = id;
  j["docs"] = {{{"text", a}}, {{"text", b}}};
  j["refs"] = {ref};
  return j.dump() + "\n";
}

std::string Stories() {
  return Story("s1", "The museum reopened on Friday after a long renovation. Visitors queued for hours.",
               "The renovation of the museum cost ten million. A new wing holds modern art.",
               "The museum reopened after a renovation costing ten million.") +
         Story("s2", "Heavy rain flooded the valley overnight. Schools were closed on Monday.",
               "Farmers lost crops to the flood. The river rose two metres.",
               "A flood in the valley closed schools and destroyed crops.");
}

TEST(BenchCommand, TableHasEveryMethodAndTheFlags) {
  TempDir dir;
  const auto input = dir.Write("set.jsonl", Stories());
  const Result r = RunPrecis("bench " + input.string() + " --preset multinews", dir);
  ASSERT_EQ(r.status, 0) << r.err;
  for (const std::string name : {"default", "lead", "centroid", "lexrank", "textrank", "oracle"}) {
    EXPECT_NE(r.out.find("\n" + name), std::string::npos) << name << "\n" << r.out;
  }
  EXPECT_NE(r.out.find("-n 2 -2 4 -u -m -a -l 300 -c 95 -r 1000 -f A -p 0.5 -t 0"), std::string::npos);
  EXPECT_NE(r.out.find("ROUGE-SU4 F"), std::string::npos);
  EXPECT_NE(r.out.find("ROUGE-L F"), std::string::npos);
  EXPECT_NE(r.out.find("set, 2 stories"), std::string::npos);
}

TEST(BenchCommand, JsonReportAndSavedCases) {
  TempDir dir;
  const auto input = dir.Write("set.jsonl", Stories());
  const auto report = dir.path() / "report.html";
  const auto cases = dir.path() / "cases";
  const Result r = RunPrecis("bench " + input.string() + " --preset duc --methods lead,oracle --format json --report " +
                                 report.string() + " --save-cases " + cases.string() + " --threads 1",
                             dir);
  ASSERT_EQ(r.status, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["preset"], "duc");
  EXPECT_EQ(j["measure"], "recall");
  EXPECT_EQ(j["flags"], "-n 4 -m -a -l 100 -x -c 95 -r 1000 -f A -p 0.5 -t 0");
  ASSERT_EQ(j["methods"].size(), 2u);
  EXPECT_EQ(j["methods"][0]["name"], "lead");
  EXPECT_EQ(j["methods"][1]["name"], "oracle");
  EXPECT_TRUE(j["methods"][1]["metrics"].contains("ROUGE-4"));
  const std::string html = ReadFile(report);
  EXPECT_NE(html.find("<svg"), std::string::npos);
  EXPECT_NE(html.find("<td>oracle</td>"), std::string::npos);
  // Written through a temporary file (the commands' one mechanism): none is
  // left beside the report or the cases, and a report that cannot be
  // written is exit 3.
  EXPECT_EQ(precis::testing::CountFiles(cases), 2u);
  const Result unwritable = RunPrecis("bench " + input.string() + " --preset duc --methods lead --report " +
                                          (dir.path() / "no" / "report.html").string() + " --threads 1",
                                      dir);
  EXPECT_EQ(unwritable.status, 3) << unwritable.err;

  // `precis rouge` on the saved cases gives the bench's figure.
  const Result rouge = RunPrecis("rouge -n 4 -m -a -l 100 -x -c 95 -r 1000 -f A -p 0.5 -t 0 --format json --jsonl " +
                                     (cases / "lead.jsonl").string(),
                                 dir);
  ASSERT_EQ(rouge.status, 0) << rouge.err;
  const auto scored = nlohmann::json::parse(rouge.out);
  const auto& metrics = scored["peers"][0]["metrics"];
  ASSERT_EQ(metrics.size(), 4u);
  EXPECT_EQ(metrics[1]["metric"], "ROUGE-2");
  EXPECT_EQ(metrics[1]["R"], j["methods"][0]["metrics"]["ROUGE-2"]["R"]);
  EXPECT_EQ(metrics[1]["R_ci"], j["methods"][0]["metrics"]["ROUGE-2"]["R_ci"]);
  EXPECT_EQ(metrics[0]["F"], j["methods"][0]["metrics"]["ROUGE-1"]["F"]);
}

TEST(BenchCommand, ExternalCommand) {
  TempDir dir;
  const auto input = dir.Write("set.jsonl", Stories());
  const auto tool = dir.Write("tool.sh",
                              "cat > /dev/null\n"
                              "printf '%s\\n' '{\"id\":\"s2\",\"summary\":[\"Heavy rain flooded the valley.\"]}'\n"
                              "printf '%s\\n' '{\"id\":\"s1\",\"summary\":[\"The museum reopened.\"]}'\n");
  const Result r = RunPrecis("bench " + input.string() + " --preset tac --methods lead --external 'mine=sh " +
                                 tool.string() + "' --format json",
                             dir);
  ASSERT_EQ(r.status, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  ASSERT_EQ(j["methods"].size(), 2u);
  EXPECT_EQ(j["methods"][1]["name"], "mine");
  EXPECT_EQ(j["methods"][1]["kind"], "external");
  EXPECT_EQ(j["methods"][1]["time"], "wall");
  EXPECT_DOUBLE_EQ(j["methods"][1]["average_words"].get<double>(), 4.0);
  EXPECT_GT(j["methods"][1]["metrics"]["ROUGE-1"]["F"].get<double>(), 0.1);
}

// --queries gives every story its question: the header names the file, the
// JSON report too, and external commands read it in the story lines.
TEST(BenchCommand, QueriesReachTheStoriesAndExternalCommands) {
  TempDir dir;
  const auto input = dir.Write("set.jsonl", Stories());
  const auto queries = dir.Write("questions.jsonl", R"({"id":"s2","title":"Flood damage","narrative":"What did farmers lose?"}
{"id":"s1","query":"What did the renovation cost?"}
)");
  const auto seen = dir.path() / "seen.jsonl";
  const auto tool = dir.Write("tool.sh", "cat > " + seen.string() +
                                             "\n"
                                             "printf '%s\\n' '{\"id\":\"s1\",\"summary\":[\"The museum reopened.\"]}'\n"
                                             "printf '%s\\n' '{\"id\":\"s2\",\"summary\":[\"Farmers lost crops.\"]}'\n");
  Result r = RunPrecis("bench " + input.string() + " --preset tac --methods default,lead --queries " + queries.string() +
                           " --external 'mine=sh " + tool.string() + "'",
                       dir);
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_NE(r.out.find("questions from " + queries.string()), std::string::npos) << r.out;
  const std::string lines = ReadFile(seen);
  EXPECT_NE(lines.find(R"("query":"What did the renovation cost?")"), std::string::npos) << lines;
  EXPECT_NE(lines.find(R"("query":"Flood damage. What did farmers lose?")"), std::string::npos) << lines;

  r = RunPrecis("bench " + input.string() + " --preset tac --methods lead --format json --queries " + queries.string(), dir);
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(nlohmann::json::parse(r.out)["queries"], queries.string());
  r = RunPrecis("bench " + input.string() + " --preset tac --methods lead --format json", dir);
  EXPECT_TRUE(nlohmann::json::parse(r.out)["queries"].is_null());

  // A story's own question is used too, and the header says so.
  nlohmann::json own = nlohmann::json::parse(Stories().substr(0, Stories().find('\n')));
  own["query"] = "What did the renovation cost?";
  const auto with_own = dir.Write("own.jsonl", own.dump() + "\n");
  r = RunPrecis("bench " + with_own.string() + " --preset tac --methods default,lead", dir);
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_NE(r.out.find("questions (the stories' own)"), std::string::npos) << r.out;

  const auto partial = dir.Write("partial.jsonl", R"({"id":"s1","query":"Why?"})" "\n");
  r = RunPrecis("bench " + input.string() + " --preset tac --methods lead --queries " + partial.string(), dir);
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.err.find("no question for story \"s2\""), std::string::npos) << r.err;
  EXPECT_TRUE(r.out.empty());
}

TEST(BenchCommand, BrokenExternalCommandFails) {
  TempDir dir;
  const auto input = dir.Write("set.jsonl", Stories());
  Result r = RunPrecis("bench " + input.string() + " --preset tac --methods lead --external 'bad=exit 7'", dir);
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.err.find("method bad"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("status 7"), std::string::npos) << r.err;
  EXPECT_TRUE(r.out.empty());
  r = RunPrecis("bench " + input.string() + " --preset tac --methods lead --external 'bad=echo \"{oops\"'", dir);
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.err.find("output line 1"), std::string::npos) << r.err;
}

TEST(BenchCommand, UsageAndInputErrors) {
  TempDir dir;
  const auto input = dir.Write("set.jsonl", Stories());
  EXPECT_EQ(RunPrecis("bench " + input.string(), dir).status, 2);  // --preset is required
  EXPECT_EQ(RunPrecis("bench " + input.string() + " --preset cnn", dir).status, 2);
  Result r = RunPrecis("bench " + input.string() + " --preset tac --methods lead,magic", dir);
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.err.find("magic"), std::string::npos);
  EXPECT_EQ(RunPrecis("bench " + input.string() + " --preset tac --external nocommand", dir).status, 2);
  EXPECT_EQ(RunPrecis("bench " + input.string() + " --preset tac --format xml", dir).status, 2);

  r = RunPrecis("bench " + (dir.path() / "missing.jsonl").string() + " --preset tac", dir);
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.err.find("missing.jsonl"), std::string::npos);
  const auto bad = dir.Write("bad.jsonl", Stories() + "{\"id\": \"s3\", \"docs\": [{\"text\": \"x\"}]}\n");
  r = RunPrecis("bench " + bad.string() + " --preset tac", dir);
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.err.find("bad.jsonl:3:"), std::string::npos) << r.err;
}

TEST(BenchCommand, SharedSetRunsWhenPresent) {
  const auto file = precis::testing::SharedDir() / "data" / "bench" / "tac2011-en.jsonl";
  if (!std::filesystem::exists(file)) GTEST_SKIP() << "shared benchmark stories not found: " << file;
  TempDir dir;
  const Result r = RunPrecis("bench " + file.string() + " --preset tac --limit 3 --methods lead,oracle", dir);
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_NE(r.out.find("tac2011-en, 3 stories"), std::string::npos) << r.out;
}

}  // namespace
