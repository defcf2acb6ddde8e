// `precis clean` end to end, through the installed binary.
#include <gtest/gtest.h>

#include <cstdio>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

#include "cli/clean_command.h"
#include "test_support.h"

namespace precis {
namespace {

const char* const kText =
    "Harbour bridge to close for repairs\n"
    "The city council voted on Tuesday to close the old harbour bridge for six weeks of repairs.\n"
    "Subscribe to our newsletter\n";

TEST(CleanCommand, TextWithExplain) {
  testing::TempDir dir;
  cli::CleanInvocation inv;
  inv.inputs = {dir.Write("a.txt", kText).string()};
  inv.explain = true;
  std::ostringstream out, err;
  EXPECT_EQ(cli::RunClean(inv, out, err), 0) << err.str();
  EXPECT_NE(out.str().find("title: Harbour bridge to close for repairs"), std::string::npos) << out.str();
  EXPECT_NE(out.str().find("line 3: "), std::string::npos) << out.str();
  EXPECT_NE(out.str().find("    Subscribe to our newsletter"), std::string::npos) << out.str();
}

TEST(CleanCommand, JsonHasAllFields) {
  testing::TempDir dir;
  cli::CleanInvocation inv;
  inv.inputs = {dir.Write("a.txt", kText).string()};
  inv.format = "json";
  std::ostringstream out, err;
  ASSERT_EQ(cli::RunClean(inv, out, err), 0);
  const auto j = nlohmann::json::parse(out.str());
  const auto& doc = j["docs"][0];
  for (const char* field : {"id", "title", "date", "author", "url", "language", "source", "paragraphs", "removed"}) {
    EXPECT_TRUE(doc.contains(field)) << field;
  }
  EXPECT_EQ(doc["paragraphs"].size(), 1u);
  EXPECT_EQ(doc["paragraphs"][0]["kind"], "body");
  EXPECT_EQ(doc["removed"][0]["line"], 3);
}

TEST(CleanCommand, NoCleanKeepsEveryLine) {
  testing::TempDir dir;
  cli::CleanInvocation inv;
  inv.inputs = {dir.Write("a.txt", kText).string()};
  inv.no_clean = true;
  inv.format = "json";
  std::ostringstream out, err;
  ASSERT_EQ(cli::RunClean(inv, out, err), 0);
  EXPECT_EQ(nlohmann::json::parse(out.str())["docs"][0]["paragraphs"].size(), 3u);
}

TEST(CleanCommand, MissingFileFailsWithItsName) {
  const auto run = testing::RunCommand(std::string(PRECIS_BINARY) + " clean /nonexistent-dir/missing.txt 2>&1");
  EXPECT_EQ(run.status, 1);
  EXPECT_NE(run.out.find("missing.txt"), std::string::npos) << run.out;
}

TEST(CleanCommand, HelpDescribesFormats) {
  const auto run = testing::RunCommand(std::string(PRECIS_BINARY) + " clean --help 2>&1");
  EXPECT_EQ(run.status, 0);
  EXPECT_NE(run.out.find("--explain"), std::string::npos);
  EXPECT_NE(run.out.find("--format"), std::string::npos);
}

}  // namespace
}  // namespace precis
