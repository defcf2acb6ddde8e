#include "eval/rouge/script_text.h"

#include <gtest/gtest.h>

namespace precis::rouge::detail {
namespace {

std::vector<std::string> Tokens(std::string_view text) {
  std::vector<std::string> out;
  ForEachScriptToken(text, [&](std::string_view t) { out.emplace_back(t); });
  return out;
}

TEST(PerlSplitWhitespace, KeepsLeadingEmptyFieldDropsTrailing) {
  EXPECT_EQ(PerlSplitWhitespace(" a b"), (std::vector<std::string_view>{"", "a", "b"}));
  EXPECT_EQ(PerlSplitWhitespace("a \t b  \n"), (std::vector<std::string_view>{"a", "b"}));
  EXPECT_TRUE(PerlSplitWhitespace("   ").empty());
  EXPECT_TRUE(PerlSplitWhitespace("").empty());
}

TEST(ForEachScriptToken, KeepsAsciiAlnumRunsLowercased) {
  EXPECT_EQ(Tokens("NATO's 20-to-10 cut!"), (std::vector<std::string>{"nato", "s", "20", "to", "10", "cut"}));
  // Bytes outside [A-Za-z0-9] separate tokens, so UTF-8 letters split words.
  EXPECT_EQ(Tokens("caf\xc3\xa9 na\xc3\xafve"), (std::vector<std::string>{"caf", "na", "ve"}));
}

TEST(CutJoined, WordLimitCountsRawFields) {
  EXPECT_EQ(CutJoined({"One two.", "Three four five."}, {3, 0}), "One two. Three");
  // A leading space is a field of its own, as in Perl's split.
  EXPECT_EQ(CutJoined({" One two three"}, {3, 0}), " One two");
  EXPECT_EQ(CutJoined({"a b", "c"}, {0, 0}), "a b c");
}

TEST(CutJoined, ByteLimitDoesNotCountJoiningSpaces) {
  EXPECT_EQ(CutJoined({"abcd", "efgh"}, {0, 6}), "abcd ef");
}

TEST(CutUnits, ByteLimitComparesEachUnitAlone) {
  // The script's LCS reader never adds to its byte counter.
  EXPECT_EQ(CutUnits({"abcd", "efgh", "ijklmnop", "q"}, {0, 6}),
            (std::vector<std::string>{"abcd", "efgh", "ijklmn"}));
  EXPECT_EQ(CutUnits({"a b", "c d e"}, {3, 0}), (std::vector<std::string>{"a b", "c"}));
}

}  // namespace
}  // namespace precis::rouge::detail
