#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "precis/error.h"
#include "precis/output.h"

namespace {

namespace sz = precis::summarize;

TEST(Output, TextMarkdownJson) {
  precis::Story story;
  story.id = "st";
  precis::Document a;
  a.id = "a.txt";
  precis::Document b;
  b.id = "b";
  b.title = "Dam holds";
  b.source = "River Post";
  b.url = "https://example.org/dam";
  story.docs = {a, b};
  sz::Summary s;
  s.story_id = "st";
  s.method = "precis";
  s.budget = {sz::BudgetKind::kWords, 50};
  sz::SummarySentence x;
  x.text = "The dam held.";
  x.doc = 1;
  x.position = 2;
  x.cited_docs = {0, 1};
  x.support = {{1, 2, 1.0}, {0, 0, 0.8}};
  x.support_score = 1.0;
  s.sentences = {x};
  s.words = 3;
  s.bytes = 13;
  EXPECT_EQ(precis::output::FormatSummary(story, s, precis::output::Format::kText),
            "The dam held. [1,2]\n\nSources:\n[1] a.txt\n[2] Dam holds \xE2\x80\x94 River Post \xE2\x80\x94 "
            "https://example.org/dam\n");
  const std::string md = precis::output::FormatSummary(story, s, precis::output::Format::kMarkdown);
  EXPECT_NE(md.find("2. [Dam holds](https://example.org/dam) (River Post)"), std::string::npos);
  const std::string js = precis::output::FormatSummary(story, s, precis::output::Format::kJson);
  EXPECT_EQ(std::count(js.begin(), js.end(), '\n'), 1);
  const auto j = nlohmann::json::parse(js);
  EXPECT_EQ(j["budget"]["unit"], "words");
  EXPECT_EQ(j["sentences"][0]["citations"], nlohmann::json({1, 2}));
  EXPECT_EQ(j["sentences"][0]["doc"], 2);
  EXPECT_EQ(j["sentences"][0]["support"][1]["doc_id"], "a.txt");
  EXPECT_EQ(j["sources"][1]["url"], "https://example.org/dam");
  EXPECT_THROW(precis::output::ParseFormat("pdf"), precis::Error);
}

}  // namespace
