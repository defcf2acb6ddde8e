// Whether a sentence stands on its own: quotations over several sentences,
// quotes without a speaker, openings that point back. Sentences written for
// the tests.
#include "text/standalone.h"

#include <gtest/gtest.h>

#include <string_view>
#include <vector>

namespace {

using precis::text::AnalyzeStanding;
using precis::text::OpensByPointingBack;
using precis::text::Standing;

// One paragraph unless `starts` says where paragraphs begin.
std::vector<Standing> Analyze(const std::vector<std::string_view>& sentences, std::vector<bool> starts = {}) {
  if (starts.empty()) {
    starts.assign(sentences.size(), false);
    if (!starts.empty()) starts[0] = true;
  }
  std::vector<Standing> out;
  AnalyzeStanding(sentences, starts, &out);
  return out;
}

TEST(Standing, AQuoteOfTwoSentencesIsOneSpan) {
  const auto s = Analyze({"\xE2\x80\x9CWe will not move the plant.",
                          "The town has our word,\xE2\x80\x9D said Mara Olsen, the firm's director.",
                          "The plant employs 400 people."});
  EXPECT_TRUE(s[0].quote_open_after);
  EXPECT_FALSE(s[0].quote_open_before);
  EXPECT_TRUE(s[1].quote_open_before);
  EXPECT_FALSE(s[1].quote_open_after);
  EXPECT_FALSE(s[2].InQuoteSpan());
}

TEST(Standing, StraightQuotesOverTwoSentences) {
  const auto s = Analyze({"\"The vote is close.", "We need every hand,\" Olsen said.", "Polls close at eight."});
  EXPECT_TRUE(s[0].InQuoteSpan());
  EXPECT_TRUE(s[1].InQuoteSpan());
  EXPECT_FALSE(s[2].InQuoteSpan());
}

TEST(Standing, AQuoteWithItsSpeakerInsideStandsAlone) {
  const auto s = Analyze({"\xE2\x80\x9CWe will talk,\xE2\x80\x9D Vance said.", "Talks resume on Monday."});
  EXPECT_FALSE(s[0].InQuoteSpan());
  EXPECT_FALSE(s[0].quote_only);
  EXPECT_FALSE(s[0].leans_back);
  EXPECT_TRUE(s[0].reports_speech);
}

TEST(Standing, AQuoteWhoseSpeakerIsInTheNextSentenceHasNone) {
  const auto s = Analyze({"\xE2\x80\x9CThe harbour will reopen in June.\xE2\x80\x9D",
                          "That was the promise the mayor, Ines Varga, made on Monday."});
  EXPECT_FALSE(s[0].InQuoteSpan());
  EXPECT_TRUE(s[0].quote_only);
  EXPECT_TRUE(s[1].leans_back);
}

TEST(Standing, ItAsSpeakerLeansBack) {
  const auto s = Analyze({"The harbour authority published its report on Monday.",
                          "\xE2\x80\x9CThe pier is safe,\xE2\x80\x9D it said, adding that repairs would start soon."});
  EXPECT_TRUE(s[1].leans_back);
}

TEST(Standing, APronounAsSpeakerLeansBack) {
  const auto s = Analyze({"\xE2\x80\x9CWe will talk,\xE2\x80\x9D he said.", "The ferry will run all night, she told reporters.",
                          "Ines Varga said he was wrong."});
  EXPECT_TRUE(s[0].leans_back);
  EXPECT_TRUE(s[1].leans_back);
  EXPECT_FALSE(s[2].leans_back);  // "said he": the speaker is named
}

TEST(Standing, TheOneTheSentenceBeforeBroughtInLeansBack) {
  const auto s = Analyze({"A nurse at a clinic in Brask found particles in a vial.", "The nurse, who works nights, reported them.",
                          "The nurse noticed them on Tuesday.", "A fire broke out at the depot.",
                          "The fire department said no one was hurt.", "The ferry ran aground.", "The nurse was praised."});
  EXPECT_TRUE(s[1].leans_back);
  EXPECT_FALSE(s[2].leans_back);  // the sentence before brought in no nurse
  EXPECT_FALSE(s[4].leans_back);  // "fire" is not what the sentence is about
  EXPECT_FALSE(s[6].leans_back);
}

TEST(Standing, ApostrophesAreNotQuotes) {
  const auto s = Analyze({"Norway\xE2\x80\x99s ferries, built in the \xE2\x80\x99" "90s, still sail.",
                          "The students\xE2\x80\x99 union met on Monday.", "It didn\xE2\x80\x99t vote, and tickets cost ten crowns."});
  for (const Standing& st : s) {
    EXPECT_FALSE(st.InQuoteSpan());
    EXPECT_FALSE(st.quote_only);
  }
}

TEST(Standing, SingleCurlyQuotesAreQuotesWhereNoApostropheCanBe) {
  const auto s = Analyze({"\xE2\x80\x98We will win.", "We have waited long enough,\xE2\x80\x99 the coach said.",
                          "The club called it \xE2\x80\x98" "a fair deal\xE2\x80\x99 on Friday."});
  EXPECT_TRUE(s[0].quote_open_after);
  EXPECT_TRUE(s[1].quote_open_before);
  EXPECT_FALSE(s[2].InQuoteSpan());
  EXPECT_FALSE(s[2].quote_only);
}

TEST(Standing, ATypewriterClosingPairClosesTheQuote) {
  const auto s = Analyze({"\"We didn't plan it,'' the coach said.", "The match starts at noon."});
  EXPECT_FALSE(s[0].InQuoteSpan());
  EXPECT_FALSE(s[1].InQuoteSpan());
}

TEST(Standing, AStraightQuoteFacesTheWayItsNeighboursShow) {
  // The closing mark of a quote opened in another paragraph: the quote is cut.
  const auto s = Analyze({"She has a cut on her arm,\" the lawyer said.", "The hearing is on Monday."}, {true, true});
  EXPECT_TRUE(s[0].quote_cut);
  EXPECT_FALSE(s[1].InQuoteSpan());
}

TEST(Standing, AQuoteReopenedInTheNextParagraphContinues) {
  const auto s = Analyze({"\xE2\x80\x9CThe plant stays open.", "\xE2\x80\x9CWe have said so for years,\xE2\x80\x9D the director said.",
                          "Workers cheered."},
                         {true, true, true});
  EXPECT_TRUE(s[0].quote_open_after);
  EXPECT_TRUE(s[1].quote_open_before);
  EXPECT_FALSE(s[2].InQuoteSpan());
}

TEST(Standing, AQuoteNeverClosedIsCut) {
  const auto s = Analyze({"The mayor said: \xE2\x80\x9CWe will rebuild the pier."});
  EXPECT_TRUE(s[0].quote_cut);
}

TEST(Standing, AStrayParagraphQuoteDoesNotSpillOver) {
  const auto s = Analyze({"The board met \"twice.", "Nobody spoke."}, {true, true});
  EXPECT_TRUE(s[0].InQuoteSpan());
  EXPECT_FALSE(s[1].InQuoteSpan());
}

TEST(PointingBack, OpeningsThatPointBack) {
  for (const char* s : {"In fact, the ferry carried more passengers than ever.", "He added that the ferry would run all night.",
                        "She said the talks had failed.", "That\xE2\x80\x99s because of the weather, the captain said.",
                        "\xE2\x80\x9CIn fact, these hopes are gone.\xE2\x80\x9D", "This decision angered the union.",
                        "These boats are old.", "They left on Monday.", "It was the largest strike in years.",
                        "The move surprised the union.", "Such delays are rare.", "Indeed, the port was empty.",
                        "In addition, two buses were added.", "As a result, the port closed.", "His lawyer declined to comment.",
                        "Despite this, the union kept the strike going.", "At that time the port was still open.",
                        "As of March 3, their permits will lapse.", "On Friday, he told the crew to stay home.",
                        "Later, they walked back to the quay.", "For him, it is not just a ferry.",
                        "Like them, the crew waited on deck.", "Which is why the port stayed shut.",
                        "For example, the night ferry was cancelled.", "An example would be the night ferry.",
                        "(The old pier was built in 1910.)", "The words were those of the harbour master.",
                        "The company said a second ferry would sail on Monday.", "The board\xE2\x80\x99s report is due in May.",
                        "The spokeswoman declined to comment.", "Many of the callers were parents.",
                        "Two of the injured were firefighters.", "The rest of them walked home.",
                        "In a letter to the city\xE2\x80\x99s electoral commission, he asked for a recount.",
                        "The decision was made at the harbour board\xE2\x80\x99s meeting.", "The incident happened at night.",
                        "Actually, there are two ferries.", "None was hurt.", "Of course the pier is old.",
                        "The two were arrested on Monday.", "Well, the ferry never ran on time.", "Each was fined 200 crowns.",
                        "At the old pier, for example, the planks are rotten."}) {
    EXPECT_TRUE(OpensByPointingBack(s)) << s;
  }
}

TEST(PointingBack, OpeningsThatStandAlone) {
  for (const char* s : {"This week, the ferry resumed service.", "In addition to the ferry, buses ran all night.",
                        "It is unclear whether the talks will resume.",
                        "The words \"night ferry\" were painted over.", "It\xE2\x80\x99s not known who paid.",
                        "At the time of the strike, the port was full.", "The ferry resumed service on Monday.",
                        "Meanwhile, the port authority opened a second pier.", "There were no injuries.",
                        "Thessaloniki\xE2\x80\x99s port reopened.", "Heavy rain closed the pier.",
                        "On Friday, the harbour master said he would stay.", "As of March 3, the permits will lapse.",
                        "When the crew arrived, they found the pier closed.",
                        "In his first interview, the captain said the fog came suddenly.",
                        "For the crew, the night was long.", "The ferry (built in 1990) was towed away.",
                        "The company, Bluewake Lines, said a second ferry would sail.", "The firm Ardent Labs denied it.",
                        "The companies agreed to meet again.", "Some of the world\xE2\x80\x99s largest ports closed.",
                        "Most of the largest ferries stayed in port.", "Many people waited on the quay.",
                        "The decision to close the pier was made on Monday.", "Well over 100 people waited.",
                        "Of the 12 injured, three were firefighters.", "Each year the ferry carries a million people."}) {
    EXPECT_FALSE(OpensByPointingBack(s)) << s;
  }
}

}  // namespace
