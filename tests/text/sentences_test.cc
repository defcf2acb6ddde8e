// The sentence splitter on hard cases of news text (all written for precis).
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "precis/text.h"

namespace {

std::vector<std::string> Split(const std::string& text) {
  precis::text::SentenceSplitter splitter;
  std::vector<std::string> out;
  for (auto& s : splitter.Split(text)) out.push_back(s.text);
  return out;
}

using V = std::vector<std::string>;

TEST(Sentences, PlainSentences) {
  EXPECT_EQ(Split("The river rose. Villages were flooded! Was anyone hurt? Nobody knows."),
            (V{"The river rose.", "Villages were flooded!", "Was anyone hurt?", "Nobody knows."}));
}

TEST(Sentences, DottedInitialismsInsideASentence) {
  EXPECT_EQ(Split("The U.S. military and the U.N. mission met at 9 a.m. on Friday near the border."),
            (V{"The U.S. military and the U.N. mission met at 9 a.m. on Friday near the border."}));
}

TEST(Sentences, InitialismEndingASentence) {
  EXPECT_EQ(Split("The talks moved to the U.S. The delegates arrived on Monday."),
            (V{"The talks moved to the U.S.", "The delegates arrived on Monday."}));
  EXPECT_EQ(Split("The vote ended at 4 p.m. He left at once."),
            (V{"The vote ended at 4 p.m.", "He left at once."}));
}

TEST(Sentences, TitlesMonthsAndNumbers) {
  EXPECT_EQ(Split("Mr. Okafor and Dr. Lin spoke on Nov. 3 about item No. 7 in the plan. Gov. Reyes agreed."),
            (V{"Mr. Okafor and Dr. Lin spoke on Nov. 3 about item No. 7 in the plan.", "Gov. Reyes agreed."}));
  EXPECT_EQ(Split("A military court heard Army Spc. Dale Pruitt on Monday. Cpl. Ames and Det. Insp. Varga testified."),
            (V{"A military court heard Army Spc. Dale Pruitt on Monday.", "Cpl. Ames and Det. Insp. Varga testified."}));
  EXPECT_EQ(Split("President George W. Bush signed it. It passed."),
            (V{"President George W. Bush signed it.", "It passed."}));
  EXPECT_EQ(Split("Shares of Acme Corp. fell 3.5 percent to $12.40 on Tuesday."),
            (V{"Shares of Acme Corp. fell 3.5 percent to $12.40 on Tuesday."}));
}

TEST(Sentences, QuotesThatEndSentences) {
  EXPECT_EQ(Split("\"We will rebuild,\" the mayor said. \"It will take years.\" Residents were not convinced."),
            (V{"\"We will rebuild,\" the mayor said.", "\"It will take years.\"", "Residents were not convinced."}));
  EXPECT_EQ(Split("\xE2\x80\x9CIs it safe to go back?\xE2\x80\x9D she asked. Officials did not answer."),
            (V{"\xE2\x80\x9CIs it safe to go back?\xE2\x80\x9D she asked.", "Officials did not answer."}));
}

TEST(Sentences, DatelinesAreRemoved) {
  EXPECT_EQ(Split("MOSCOW (AA) \xE2\x80\x93 Russia said on Monday the talks would resume."),
            (V{"Russia said on Monday the talks would resume."}));
  EXPECT_EQ(Split("WASHINGTON (Reuters) - The Senate passed the bill."), (V{"The Senate passed the bill."}));
  EXPECT_EQ(Split("(CNN) \xE2\x80\x94 A storm hit the coast."), (V{"A storm hit the coast."}));
  // Older wire copy put an underscore where the dash goes.
  EXPECT_EQ(Split("BERLIN (AP) _ The trial opened on Tuesday."), (V{"The trial opened on Tuesday."}));
  EXPECT_EQ(Split("Its moon _ the largest of all _ has ice."), (V{"Its moon _ the largest of all _ has ice."}));
  EXPECT_EQ(Split("_ The night ferry will run again from May."), (V{"The night ferry will run again from May."}));
  // A dash inside an ordinary sentence is not a dateline.
  EXPECT_EQ(Split("The plan - drafted in May - failed."), (V{"The plan - drafted in May - failed."}));
}

TEST(Sentences, HeadlinesAndBulletsEndAtLineBreaks) {
  EXPECT_EQ(Split("Flood Waters Reach Old Town\nThe river crested overnight.\n\xE2\x80\xA2 Schools are closed\n- Roads reopen Friday"),
            (V{"Flood Waters Reach Old Town", "The river crested overnight.", "Schools are closed", "Roads reopen Friday"}));
}

TEST(Sentences, MachineTranslatedMissingSpaces) {
  EXPECT_EQ(Split("The minister resigned.The cabinet met later."),
            (V{"The minister resigned.", "The cabinet met later."}));
  // Web addresses are left alone.
  EXPECT_EQ(Split("See www.example.Org for details."), (V{"See www.example.Org for details."}));
}

TEST(Sentences, WhitespaceIsCollapsedAndOffsetsKept) {
  precis::text::SentenceSplitter splitter;
  const std::string text = "  First   one.\tSecond\xC2\xA0one.  ";
  const auto s = splitter.Split(text);
  ASSERT_EQ(s.size(), 2u);
  EXPECT_EQ(s[0].text, "First one.");
  EXPECT_EQ(s[1].text, "Second one.");
  EXPECT_EQ(text.substr(s[0].begin, s[0].end - s[0].begin), "First   one.");
  EXPECT_TRUE(s[0].paragraph_start);
  EXPECT_FALSE(s[1].paragraph_start);
  EXPECT_EQ(s[0].words, 2u);
  EXPECT_EQ(s[1].words, 2u);
  for (const auto& sentence : splitter.Split("A \xC2\xA9 sign, \x01 a control byte. Plain words here. Tab\there.")) {
    EXPECT_EQ(sentence.words, precis::text::CountWords(sentence.text)) << sentence.text;
  }
}

TEST(Sentences, PunctuationOnlyAndInvalidBytesDoNotCrash) {
  EXPECT_TRUE(Split("---\n***\n").empty());
  EXPECT_EQ(Split("Bad \xFF\xFE bytes here.").size(), 1u);
  EXPECT_TRUE(Split("").empty());
}

// A "sentence" of a table or list run into one line is cut into pieces of at
// most the limit: at spaces, or at a character boundary inside a long word.
TEST(Sentences, OverLongSentencesAreCutAtTheLimit) {
  std::string row = "Cells ";
  for (int i = 0; i < 200; ++i) row += "cell" + std::to_string(i) + " ";
  const std::string text = "A short one. " + row + "\nNext line.";
  precis::text::SentenceSplitter splitter;
  std::vector<precis::text::Sentence> out;
  EXPECT_EQ(splitter.Split(text, &out, 100), 1u);
  ASSERT_GT(out.size(), 4u);
  EXPECT_EQ(out.front().text, "A short one.");
  EXPECT_EQ(out.back().text, "Next line.");
  std::string joined;
  for (std::size_t i = 1; i + 1 < out.size(); ++i) {
    SCOPED_TRACE(out[i].text);
    EXPECT_LE(out[i].text.size(), 100u);
    EXPECT_NE(out[i].text.back(), ' ');
    EXPECT_EQ(text.substr(out[i].begin, out[i].end - out[i].begin), out[i].text);  // offsets still right
    EXPECT_FALSE(out[i].paragraph_start);  // pieces continue the line
    joined += (joined.empty() ? "" : " ") + out[i].text;
  }
  EXPECT_EQ(joined + " ", row);  // nothing lost, nothing repeated
  // No limit: one sentence, as before.
  out.clear();
  EXPECT_EQ(splitter.Split(text, &out), 0u);
  EXPECT_EQ(out.size(), 3u);
  // A long word with multi-byte letters is cut between characters, never inside one.
  std::string word;
  for (int i = 0; i < 100; ++i) word += "\xC3\xA9";  // é
  out.clear();
  EXPECT_EQ(splitter.Split(word, &out, 51), 1u);
  for (const auto& piece : out) {
    EXPECT_TRUE(precis::text::IsValidUtf8(piece.text)) << piece.text;
    EXPECT_LE(piece.text.size(), 51u);
  }
}

TEST(Tokens, StemsStopwordsNumbers) {
  precis::text::Analyzer analyzer;
  const auto t = analyzer.Tokens("The Ministers were running; 1,200 people's homes \xE2\x80\x94 flooded.");
  std::vector<std::string> stems;
  for (const auto& x : t) stems.emplace_back(x.stem);
  EXPECT_EQ(stems, (V{"the", "minist", "were", "run", "1,200", "peopl", "s", "home", "flood"}));
  EXPECT_TRUE(t[0].stopword);
  EXPECT_FALSE(t[1].stopword);
  EXPECT_TRUE(t[4].numeric);
}

TEST(Text, CountWordsLikeRouge) {
  EXPECT_EQ(precis::text::CountWords("  one two\tthree\n"), 3u);
  EXPECT_EQ(precis::text::CountWords(""), 0u);
}

TEST(Text, Utf8Validation) {
  std::size_t bad = 0;
  EXPECT_TRUE(precis::text::IsValidUtf8("caf\xC3\xA9"));
  EXPECT_FALSE(precis::text::IsValidUtf8("ab\xC3", &bad));
  EXPECT_EQ(bad, 2u);
  EXPECT_FALSE(precis::text::IsValidUtf8("\xED\xA0\x80"));  // a surrogate
}

}  // namespace
