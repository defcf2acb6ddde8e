#include "cli/rouge_command.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <sstream>
#include <sys/wait.h>

#include "test_support.h"

namespace precis::cli {
namespace {

TEST(ParseRougeArgs, FollowsGetoptStd) {
  const RougeInvocation inv = ParseRougeArgs({"-am", "-n2", "-l", "100", "-2", "-1", "-U", "-c", "90", "config.xml", "-x"});
  EXPECT_TRUE(inv.all_peers);
  EXPECT_TRUE(inv.options.stem);
  EXPECT_EQ(inv.options.max_ngram, 2);
  EXPECT_EQ(inv.options.word_limit, 100);
  EXPECT_EQ(inv.options.skip_distance, -1);
  EXPECT_TRUE(inv.options.skip_both);
  EXPECT_EQ(inv.options.confidence_text, "90");
  // Options end at the first argument that is not one, as in Getopt::Std.
  EXPECT_TRUE(inv.options.lcs);
  EXPECT_EQ(inv.positional, (std::vector<std::string>{"config.xml", "-x"}));
}

TEST(ParseRougeArgs, LongOptionsAnywhere) {
  const RougeInvocation inv = ParseRougeArgs({"--jsonl", "c.jsonl", "-n", "1", "--threads=3", "--format", "text"});
  EXPECT_EQ(inv.jsonl, "c.jsonl");
  EXPECT_EQ(inv.threads, 3);
  EXPECT_EQ(inv.format, "text");
  EXPECT_EQ(inv.options.max_ngram, 1);
}

TEST(ParseRougeArgs, RejectsBadUsage) {
  EXPECT_THROW(ParseRougeArgs({"-q"}), UsageError);
  EXPECT_THROW(ParseRougeArgs({"-l", "10", "-b", "10"}), UsageError);
  EXPECT_THROW(ParseRougeArgs({"-n", "two"}), UsageError);
  EXPECT_THROW(ParseRougeArgs({"-c", "101"}), UsageError);
  EXPECT_THROW(ParseRougeArgs({"-r"}), UsageError);
  EXPECT_THROW(ParseRougeArgs({"--format", "xml"}), UsageError);
  EXPECT_THROW(ParseRougeArgs({"--nope"}), UsageError);
}

struct Outcome {
  int status = -1;
  std::string out, err;
};

// Runs the precis binary from `cwd` (default: the test's own directory).
Outcome RunPrecis(const std::string& args, const precis::testing::TempDir& dir, const std::string& cwd = ".") {
  const auto out = dir.path() / "out.txt", err = dir.path() / "err.txt";
  std::ostringstream command;
  command << "cd '" << cwd << "' && '" << PRECIS_BINARY << "' " << args << " > '" << out.string() << "' 2> '"
          << err.string() << "'";
  const int raw = std::system(command.str().c_str());
  Outcome o;
  o.status = WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
  o.out = precis::testing::ReadFile(out);
  o.err = precis::testing::ReadFile(err);
  return o;
}

TEST(RougeCommand, MissingConfigFailsCleanly) {
  precis::testing::TempDir dir;
  const Outcome o = RunPrecis("rouge -a '" + (dir.path() / "absent.xml").string() + "'", dir);
  EXPECT_EQ(o.status, 1);
  EXPECT_TRUE(o.out.empty());
  EXPECT_NE(o.err.find("absent.xml"), std::string::npos) << o.err;
}

TEST(RougeCommand, BadJsonLineFailsWithoutPartialOutput) {
  precis::testing::TempDir dir;
  const auto cases = dir.Write("c.jsonl", "{\"id\": \"a\", \"peer\": [\"x\"], \"models\": [[\"x\"]]}\nnot json\n");
  const Outcome o = RunPrecis("rouge -n 1 --jsonl '" + cases.string() + "'", dir);
  EXPECT_EQ(o.status, 1);
  EXPECT_TRUE(o.out.empty());
  EXPECT_NE(o.err.find("c.jsonl:2: invalid JSON"), std::string::npos) << o.err;
}

TEST(RougeCommand, UsageErrorsExitTwo) {
  precis::testing::TempDir dir;
  EXPECT_EQ(RunPrecis("rouge -q x.xml", dir).status, 2);
  EXPECT_EQ(RunPrecis("rouge config.xml", dir).status, 2);  // neither -a nor a system id
  const Outcome help = RunPrecis("rouge --help", dir);
  EXPECT_EQ(help.status, 0);
  EXPECT_NE(help.out.find("Usage: precis rouge"), std::string::npos);
}

TEST(RougeCommand, ScoresTheBundledExample) {
  precis::testing::TempDir dir;
  // The example's paths are relative to the repository root, like the README's command.
  const Outcome o = RunPrecis("rouge -n 2 -m -a -d -r 100 examples/rouge/config.xml", dir, PRECIS_SOURCE_DIR);
  ASSERT_EQ(o.status, 0) << o.err;
  for (const char* line : {"alpha ROUGE-1 Average_R: ", "beta ROUGE-2 Average_F: ", "alpha ROUGE-L Eval quake.alpha R:"}) {
    EXPECT_NE(o.out.find(line), std::string::npos) << line << "\n" << o.out;
  }
}

}  // namespace
}  // namespace precis::cli
