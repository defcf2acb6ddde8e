// Off-story sections (clean/off_story.h): a second story printed below a
// heading is left out of the story's brief; the story's own background
// sections stay. Articles written for these tests.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "clean/off_story.h"
#include "precis/clean.h"
#include "precis/pipeline.h"

namespace precis {
namespace {

using clean_internal::OffStorySections;

// One article: body paragraphs, with "## " marking a heading.
CleanedDocument Article(const std::vector<std::string>& lines) {
  CleanedDocument doc;
  std::size_t line = 0;
  for (const std::string& text : lines) {
    const bool heading = text.rfind("## ", 0) == 0;
    doc.paragraphs.push_back(
        {heading ? text.substr(3) : text, heading ? ParagraphKind::kHeading : ParagraphKind::kBody, ++line});
  }
  return doc;
}

const std::vector<std::string> kFerryA = {
    "Dock workers at the port of Kelvar walked out on Monday, halting every ferry crossing to the islands.",
    "The union said the strike would last until the port authority restores the night shift bonus.",
    "Ferry operators told passengers to expect no crossings before Thursday.",
};
const std::vector<std::string> kFerryB = {
    "Ferry crossings from Kelvar to the islands stopped on Monday as dock workers began a strike over pay.",
    "The port authority called the walkout unlawful and asked the union to return to talks.",
    "Island shops warned that fresh food would run short if the ferry strike lasted the week.",
};
const std::vector<std::string> kFerryC = {
    "A strike by Kelvar dock workers left hundreds of passengers stranded at the ferry terminal on Monday.",
    "Union leaders said the port authority had cut the night shift bonus without warning.",
    "The authority said talks with the union would resume on Wednesday.",
};

// The background of the strike, below a heading: words of the story.
const std::vector<std::string> kBackground = {
    "## A long dispute",
    "The union and the port authority have argued over the night shift bonus since the spring.",
    "Dock workers at Kelvar last went on strike four years ago, when ferry crossings stopped for two days.",
    "The port authority has said the bonus costs more than the ferry fares bring in at night.",
    "Island councils have asked both sides to keep one ferry crossing running for medical trips.",
};
// Another story, below a heading, as news pages print them: it repeats a
// subject of its own (growers, orchards, apples, the Ambry valley).
const std::vector<std::string> kOtherStory = {
    "## Orchard growers expect a record apple harvest",
    "Apple growers in the Ambry valley expect their largest harvest in a decade after a mild spring.",
    "Pickers from three villages have been hired to bring in the apple crop before the October frosts.",
    "Cider makers in the valley said apple prices could fall by a fifth if the crop is as large as growers hope.",
    "Last year hail and early frosts destroyed nearly half of the valley orchards, and many cider makers closed.",
    "The growers' cooperative plans a cold store so that orchards can sell the harvest through the winter, and the "
    "villages hope to keep their pickers until spring.",
};

std::vector<std::string> With(std::vector<std::string> article, const std::vector<std::string>& section) {
  article.insert(article.end(), section.begin(), section.end());
  return article;
}

TEST(OffStory, AnotherStoryBelowAHeadingIsMarked) {
  const std::vector<CleanedDocument> docs = {Article(With(kFerryA, kOtherStory)), Article(kFerryB), Article(kFerryC)};
  const auto off = OffStorySections(docs);
  ASSERT_EQ(off[0].size(), 9u);
  for (std::size_t p = 0; p < 4; ++p) EXPECT_FALSE(off[0][p]) << p;  // the heading is no body paragraph
  for (std::size_t p = 4; p < 9; ++p) EXPECT_TRUE(off[0][p]) << p;
  for (bool b : off[1]) EXPECT_FALSE(b);
}

// Details of the story itself that share few words with the other articles
// (names, a quote) are no second story: they repeat no subject of their own.
TEST(OffStory, DetailsOfTheStoryStay) {
  const std::vector<std::string> details = {
      "## Voices from the quay",
      "Marta Ilves, who sells coffee beside the terminal, said trade had never been slower.",
      "A retired captain, Oskar Brandt, remembered crews sleeping aboard during a dispute in 1998.",
      "Two students from Lund missed their exams, their teacher wrote in a letter to the mayor.",
      "Greta Sorensen drove her mother's medicine across the bay in a borrowed rowing boat.",
      "Pastor Elias Munk opened the church hall for travellers who had nowhere to sleep.",
  };
  const std::vector<CleanedDocument> docs = {Article(With(kFerryA, details)), Article(kFerryB), Article(kFerryC)};
  const auto off = OffStorySections(docs);
  for (bool b : off[0]) EXPECT_FALSE(b);
}

TEST(OffStory, TheStorysOwnBackgroundStays) {
  const std::vector<CleanedDocument> docs = {Article(With(kFerryA, kBackground)), Article(kFerryB), Article(kFerryC)};
  const auto off = OffStorySections(docs);
  for (bool b : off[0]) EXPECT_FALSE(b);
}

TEST(OffStory, TwoArticlesSayTooLittleToJudge) {
  const std::vector<CleanedDocument> docs = {Article(With(kFerryA, kOtherStory)), Article(kFerryB)};
  const auto off = OffStorySections(docs);
  for (bool b : off[0]) EXPECT_FALSE(b);
}

// The summarizer's input leaves the other story out, the background in.
TEST(OffStory, SummarizerInputLeavesTheOtherStoryOut) {
  Story story;
  story.docs.resize(3);
  const std::vector<CleanedDocument> docs = {Article(With(With(kFerryA, kBackground), kOtherStory)),
                                             Article(kFerryB), Article(kFerryC)};
  const Story input = SummarizerInput(story, docs);
  EXPECT_EQ(input.docs[0].text.find("apple"), std::string::npos) << input.docs[0].text;
  EXPECT_NE(input.docs[0].text.find("since the spring"), std::string::npos) << input.docs[0].text;
  EXPECT_EQ(input.docs[0].text.find("A long dispute"), std::string::npos);
}

}  // namespace
}  // namespace precis
