// `precis cluster` end to end: in-process through RunCluster, and as the
// built binary piping into `precis summarize`.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "cli/cluster_command.h"
#include "test_support.h"

namespace precis {
namespace {

nlohmann::json ArticleLine(const std::string& id, const std::string& title, const std::string& date,
                           const std::string& text) {
  return {{"id", id}, {"title", title}, {"date", date}, {"source", "Test Wire"}, {"text", text}};
}

// Two stories (a ferry strike, a library fire) and a copy of one article.
std::string Stream() {
  const std::vector<nlohmann::json> lines = {
      ArticleLine("strike-1", "Ferry crews strike over rosters", "2026-06-01",
                  "Crews of the Tarrow Ferries walked out on Monday over new duty rosters, cancelling every crossing "
                  "to the island of Aldwick.\nThe union said the rosters would add two night shifts a week."),
      ArticleLine("fire-1", "Fire guts Pellham library", "2026-06-01",
                  "A fire destroyed the reading room of the Pellham public library overnight.\nFirefighters from "
                  "three stations fought the blaze for five hours; nobody was hurt.\nThe library's rare map "
                  "collection, kept in a basement vault, survived."),
      ArticleLine("strike-2", "Aldwick cut off as ferry strike enters second day", "2026-06-02",
                  "Islanders on Aldwick queued for the last seats on a chartered boat as the Tarrow Ferries strike "
                  "went into its second day.\nTarrow Ferries said talks with the union over the rosters would resume "
                  "on Wednesday."),
      ArticleLine("fire-1-copy", "Fire guts Pellham library", "2026-06-02",
                  "A fire destroyed the reading room of the Pellham public library overnight.\nFirefighters from "
                  "three stations fought the blaze for five hours; nobody was hurt.\nThe library's rare map "
                  "collection, kept in a basement vault, survived."),
      ArticleLine("fire-2", "Pellham library fire started in wiring", "2026-06-03",
                  "Investigators said the fire at the Pellham library began in old wiring behind the reading room's "
                  "shelves.\nThe council will move the surviving map collection of the Pellham library to the town "
                  "archive while the building is repaired."),
  };
  std::string out;
  for (const auto& line : lines) out += line.dump() + "\n";
  return out;
}

struct Result {
  int status = 0;
  std::string out, err;
};

Result RunWith(cli::ClusterInvocation inv, const std::string& stdin_text = "") {
  inv.progress = false;
  std::istringstream in(stdin_text);
  std::ostringstream out, err;
  Result r;
  r.status = cli::RunCluster(inv, in, out, err);
  r.out = out.str();
  r.err = err.str();
  return r;
}

std::vector<nlohmann::json> Lines(const std::string& text) {
  std::vector<nlohmann::json> lines;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) lines.push_back(nlohmann::json::parse(line));
  return lines;
}

TEST(ClusterCommand, WritesStoriesWithEveryArticleOnce) {
  testing::TempDir dir;
  cli::ClusterInvocation inv;
  inv.inputs = {dir.Write("stream.jsonl", Stream()).string()};
  const Result r = RunWith(inv);
  ASSERT_EQ(r.status, 0) << r.err;
  const auto stories = Lines(r.out);
  ASSERT_EQ(stories.size(), 2u) << r.out;
  std::multiset<std::string> ids;
  for (const auto& story : stories) {
    std::set<std::string> in_story;
    for (const auto& doc : story["docs"]) {
      ids.insert(doc["id"].get<std::string>());
      in_story.insert(doc["id"].get<std::string>().substr(0, 4));
      EXPECT_TRUE(doc.contains("text"));
    }
    EXPECT_EQ(in_story.size(), 1u) << story.dump();  // one event per story
  }
  EXPECT_EQ(ids, (std::multiset<std::string>{"fire-1", "fire-1-copy", "fire-2", "strike-1", "strike-2"}));
  EXPECT_NE(r.err.find("articles: 5 read, 5 clustered (1 copy), 0 failed; stories: 2, 2 written"), std::string::npos)
      << r.err;
}

TEST(ClusterCommand, AssignmentsComeInInputOrderWithStableIds) {
  testing::TempDir dir;
  cli::ClusterInvocation inv;
  inv.inputs = {dir.Write("stream.jsonl", Stream()).string()};
  inv.format = "assignments";
  const Result r = RunWith(inv);
  ASSERT_EQ(r.status, 0) << r.err;
  const auto lines = Lines(r.out);
  ASSERT_EQ(lines.size(), 5u);
  const std::vector<std::string> order = {"strike-1", "fire-1", "strike-2", "fire-1-copy", "fire-2"};
  const std::vector<std::string> stories = {"story-1", "story-2", "story-1", "story-2", "story-2"};
  for (std::size_t i = 0; i < lines.size(); ++i) {
    EXPECT_EQ(lines[i]["id"], order[i]);
    EXPECT_EQ(lines[i]["story"], stories[i]);
  }
  EXPECT_EQ(lines[3]["copy_of"], "fire-1");
  EXPECT_FALSE(lines[4].contains("copy_of"));
  EXPECT_EQ(RunWith(inv).out, r.out);
}

// Whatever the order of the input, articles are taken by date.
TEST(ClusterCommand, TakesArticlesInDateOrder) {
  std::vector<std::string> lines;
  std::istringstream in(Stream());
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  std::string reversed;
  for (auto it = lines.rbegin(); it != lines.rend(); ++it) reversed += *it + "\n";
  cli::ClusterInvocation inv;
  inv.inputs = {"-"};
  inv.format = "assignments";
  const Result r = RunWith(inv, reversed);
  ASSERT_EQ(r.status, 0) << r.err;
  const auto out = Lines(r.out);
  ASSERT_EQ(out.size(), 5u);
  // 1 June: fire-1 and strike-1, in input order; the copy comes after fire-1.
  EXPECT_EQ(out[3]["id"], "fire-1");
  EXPECT_EQ(out[3]["story"], "story-1");
  EXPECT_EQ(out[4]["story"], "story-2");
  EXPECT_EQ(out[1]["copy_of"], "fire-1");
}

TEST(ClusterCommand, SameOutputOnAnyNumberOfThreads) {
  testing::TempDir dir;
  cli::ClusterInvocation inv;
  inv.inputs = {dir.Write("stream.jsonl", Stream()).string()};
  inv.threads = 1;
  const Result one = RunWith(inv);
  inv.threads = 3;
  EXPECT_EQ(RunWith(inv).out, one.out);
}

TEST(ClusterCommand, MinSizeCountsWhatItLeavesOut) {
  testing::TempDir dir;
  cli::ClusterInvocation inv;
  inv.inputs = {dir.Write("stream.jsonl", Stream()).string()};
  inv.min_size = 3;
  const Result r = RunWith(inv);
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(Lines(r.out).size(), 1u);
  EXPECT_NE(r.err.find("1 smaller than --min-size not written (2 articles)"), std::string::npos) << r.err;
}

TEST(ClusterCommand, BadLinesAreNamedAndSkippedOrStopTheRun) {
  testing::TempDir dir;
  const std::string stream = Stream();
  const std::size_t second = stream.find('\n') + 1;
  const auto path = dir.Write("stream.jsonl", stream.substr(0, second) + "{\"id\": \"broken\", \"text\": \n" +
                                                  "{\"id\": \"empty\", \"title\": \"x\"}\n" + stream.substr(second));
  cli::ClusterInvocation inv;
  inv.inputs = {path.string()};
  inv.on_error = "skip";
  Result r = RunWith(inv);
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.err.find("stream.jsonl:2: invalid JSON"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("stream.jsonl:3: missing \"text\""), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("5 clustered (1 copy), 2 failed"), std::string::npos) << r.err;
  EXPECT_EQ(Lines(r.out).size(), 2u);

  // Stopping at the first failure leaves no output file behind.
  inv.on_error = "stop";
  inv.output = (dir.path() / "stories.jsonl").string();
  r = RunWith(inv);
  EXPECT_EQ(r.status, 1);
  EXPECT_FALSE(std::filesystem::exists(inv.output));
  EXPECT_NE(r.err.find("was not written"), std::string::npos) << r.err;
}

TEST(ClusterCommand, ReadsDirectoriesOfArticleFiles) {
  testing::TempDir dir;
  std::filesystem::create_directory(dir.path() / "in");
  for (const auto& line : Lines(Stream())) {
    dir.Write("in/" + line["id"].get<std::string>() + ".txt",
              line["title"].get<std::string>() + "\n\n" + line["text"].get<std::string>() + "\n");
  }
  cli::ClusterInvocation inv;
  inv.inputs = {(dir.path() / "in").string()};
  inv.format = "assignments";
  const Result r = RunWith(inv);
  ASSERT_EQ(r.status, 0) << r.err;
  const auto lines = Lines(r.out);
  ASSERT_EQ(lines.size(), 5u);
  // Undated: taken in name order ("fire-1-copy.txt" sorts first, so the
  // other is its copy).
  EXPECT_EQ(lines[0]["id"], "fire-1-copy.txt");
  EXPECT_EQ(lines[1]["copy_of"], "fire-1-copy.txt");
  EXPECT_EQ(lines[0]["story"], lines[2]["story"]);  // fire-2
  EXPECT_NE(lines[0]["story"], lines[3]["story"]);  // strike-1
}

TEST(ClusterCommand, NoInputIsBadUsage) {
  cli::ClusterInvocation inv;
  EXPECT_EQ(RunWith(inv).status, 2);
}

// The README's example: the shipped stream, clustered and summarized.
TEST(ClusterCommand, PipesIntoSummarize) {
  const std::string binary = PRECIS_BINARY;
  const auto r = testing::RunCommand(binary + " cluster " + PRECIS_SOURCE_DIR + "/examples/news-stream.jsonl 2>/dev/null | " +
                                     binary + " summarize - --format json 2>/dev/null");
  ASSERT_EQ(r.status, 0) << r.out;
  const auto briefs = Lines(r.out);
  ASSERT_EQ(briefs.size(), 4u) << r.out;
  for (const auto& brief : briefs) EXPECT_FALSE(brief["sentences"].empty()) << brief.dump();
}

}  // namespace
}  // namespace precis
