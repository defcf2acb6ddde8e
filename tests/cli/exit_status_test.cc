// The README's exit-status table is the contract scripts rely on: every
// status the commands use (cli/output_target.h) is in it with its meaning,
// and it lists no other.
#include <gtest/gtest.h>

#include <csignal>
#include <map>
#include <regex>
#include <sstream>
#include <string>

#include "cli/output_target.h"
#include "test_support.h"

namespace {

// The rows "| N | meaning |" of the table under "## Exit status".
std::map<int, std::string> ReadmeTable() {
  std::istringstream readme(precis::testing::ReadFile(std::string(PRECIS_SOURCE_DIR) + "/README.md"));
  std::map<int, std::string> rows;
  bool in_section = false;
  const std::regex row(R"(^\| (\d+) \| (.+) \|$)");
  for (std::string line; std::getline(readme, line);) {
    if (line.rfind("## ", 0) == 0) in_section = line == "## Exit status";
    std::smatch m;
    if (in_section && std::regex_match(line, m, row)) rows[std::stoi(m[1])] = m[2];
  }
  return rows;
}

TEST(ExitStatus, TheReadmeTableMatchesTheCode) {
  using namespace precis::cli;
  const std::map<int, std::string> code = {
      {kExitOk, "success"},
      {kExitBadInput, "bad input"},
      {kExitUsage, "bad usage"},
      {kExitOutput, "the output could not be written"},
      {kExitEmptyBrief, "empty"},
      {kExitSignalBase + SIGINT, "SIGINT"},
      {kExitSignalBase + SIGTERM, "SIGTERM"},
  };
  const std::map<int, std::string> readme = ReadmeTable();
  ASSERT_FALSE(readme.empty()) << "no table under \"## Exit status\" in README.md";
  for (const auto& [status, words] : code) {
    const auto it = readme.find(status);
    ASSERT_NE(it, readme.end()) << "status " << status << " is not in the README's table";
    EXPECT_NE(it->second.find(words), std::string::npos) << status << ": " << it->second;
  }
  for (const auto& [status, meaning] : readme) {
    EXPECT_TRUE(code.count(status)) << "the README lists status " << status << " (" << meaning
                                    << "), which no command uses";
  }
}

}  // namespace
