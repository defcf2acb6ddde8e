// The seed story (five outlets, one story, junk included) read from the
// shared data at run time: every line labelled junk must go, every other
// line must survive (as body, heading, or the title/date it is taken as),
// and titles, headings and dates must be found.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <set>
#include <string>

#include "precis/clean.h"
#include "precis/pipeline.h"
#include "test_support.h"

namespace precis {
namespace {

namespace fs = std::filesystem;

// Whitespace collapsed (no-break spaces too) and a leading list bullet
// dropped: how the cleaner reports a line.
std::string Normal(std::string text) {
  std::string out;
  bool space = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const bool nbsp = static_cast<unsigned char>(text[i]) == 0xC2 && i + 1 < text.size() &&
                      static_cast<unsigned char>(text[i + 1]) == 0xA0;
    if (text[i] == ' ' || text[i] == '\t' || text[i] == '\r' || nbsp) {
      if (nbsp) ++i;
      space = !out.empty();
      continue;
    }
    if (space) out.push_back(' ');
    space = false;
    out.push_back(text[i]);
  }
  if (out.rfind("\xE2\x80\xA2 ", 0) == 0) out = out.substr(4);
  return out;
}

class SeedStoryTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = testing::SharedDir() / "data" / "seed-story";
    if (!fs::exists(dir_ / "labels.json")) GTEST_SKIP() << "shared seed story not found at " << dir_;
    labels_ = nlohmann::json::parse(testing::ReadFile(dir_ / "labels.json"));
    for (const auto& [name, label] : labels_.items()) {
      Document doc;
      doc.id = name;
      doc.text = testing::ReadFile(dir_ / name);
      story_.docs.push_back(doc);
    }
    cleaned_ = CleanStory(story_);
  }

  fs::path dir_;
  nlohmann::json labels_;
  Story story_;
  std::vector<CleanedDocument> cleaned_;
};

TEST_F(SeedStoryTest, EveryJunkLineIsRemovedAndEveryArticleLineSurvives) {
  std::size_t d = 0;
  for (const auto& [name, label] : labels_.items()) {
    SCOPED_TRACE(name);
    const CleanedDocument& cleaned = cleaned_[d++];
    std::set<std::string> junk, removed, kept;
    for (const auto& line : label["junk"]) junk.insert(Normal(line.get<std::string>()));
    for (const RemovedLine& r : cleaned.removed) removed.insert(Normal(r.text));
    for (const Paragraph& p : cleaned.paragraphs) kept.insert(Normal(p.text));
    for (const std::string& line : junk) {
      EXPECT_TRUE(removed.count(line)) << "junk line kept: " << line;
      EXPECT_FALSE(kept.count(line)) << "junk line in the body: " << line;
    }
    // Every non-empty input line that is not junk is a paragraph, or the line
    // taken as the title or the date.
    const std::string& text = story_.docs[d - 1].text;
    std::size_t number = 0, start = 0;
    while (start <= text.size()) {
      std::size_t end = text.find('\n', start);
      if (end == std::string::npos) end = text.size();
      ++number;
      const std::string line = Normal(text.substr(start, end - start));
      start = end + 1;
      if (line.empty() || junk.count(line)) continue;
      const bool metadata = number == cleaned.title_line || number == cleaned.date_line;
      EXPECT_TRUE(kept.count(line) || metadata) << "article line " << number << " lost: " << line;
    }
  }
}

TEST_F(SeedStoryTest, TitlesDatesAndHeadingsAreFound) {
  std::size_t d = 0;
  for (const auto& [name, label] : labels_.items()) {
    SCOPED_TRACE(name);
    const CleanedDocument& cleaned = cleaned_[d++];
    if (label["title"].is_null()) {
      EXPECT_EQ(cleaned.title_line, 0u) << "took as title: " << cleaned.doc.title;
    } else {
      // The labelled headline, less a site suffix cleaning cuts (" - News").
      const std::string title = Normal(cleaned.doc.title), labelled = Normal(label["title"].get<std::string>());
      if (title != labelled) {
        ASSERT_EQ(labelled.rfind(title + " - ", 0), 0u) << title;
        const std::string suffix = labelled.substr(title.size() + 3);
        EXPECT_LE(std::count(suffix.begin(), suffix.end(), ' '), 3) << suffix;
      }
    }
    EXPECT_EQ(cleaned.doc.date, label["date"].is_null() ? "" : label["date"].get<std::string>());
    std::set<std::string> headings, expected;
    for (const Paragraph& p : cleaned.paragraphs) {
      if (p.kind == ParagraphKind::kHeading) headings.insert(Normal(p.text));
    }
    for (const auto& h : label["headings"]) expected.insert(Normal(h.get<std::string>()));
    EXPECT_EQ(headings, expected);
  }
}

// The outlets a reader expects (the inventory's "docs" map): an article
// whose text names its outlet gets that name, and no article gets a wrong
// one (the Press TV and RT files carry no sign of their outlet in the text).
TEST_F(SeedStoryTest, OutletsAreNamedWhereTheTextNamesThem) {
  const fs::path inventory = dir_ / "citations.json";
  if (!fs::exists(inventory)) GTEST_SKIP() << "no inventory at " << inventory;
  const nlohmann::json docs = nlohmann::json::parse(testing::ReadFile(inventory))["docs"];
  std::size_t d = 0, named = 0;
  for (const auto& [name, label] : labels_.items()) {
    SCOPED_TRACE(name);
    const CleanedDocument& cleaned = cleaned_[d++];
    if (cleaned.doc.source.empty()) continue;
    ++named;
    EXPECT_EQ(cleaned.doc.source, docs[name].get<std::string>());
  }
  EXPECT_GE(named, 2u);
}

// Sections below a heading: one that states no fact of the inventory is a
// second story on the page and stays out of the summarizer's input; every
// paragraph of a section that states one stays in.
TEST_F(SeedStoryTest, ASecondStoryBelowAHeadingStaysOutOfTheBrief) {
  const fs::path inventory = dir_ / "citations.json";
  if (!fs::exists(inventory)) GTEST_SKIP() << "no inventory at " << inventory;
  const nlohmann::json facts = nlohmann::json::parse(testing::ReadFile(inventory))["facts"];
  const Story input = SummarizerInput(story_, cleaned_);
  std::size_t left_out = 0, kept = 0;
  for (std::size_t d = 0; d < cleaned_.size(); ++d) {
    const std::string& name = story_.docs[d].id;
    SCOPED_TRACE(name);
    const auto states_a_fact = [&](const std::string& paragraph) {
      for (const auto& fact : facts) {
        for (const char* part : {"support", "partial"}) {
          if (!fact.contains(part) || !fact[part].contains(name)) continue;
          for (const auto& sentence : fact[part][name]) {
            if (Normal(paragraph).find(Normal(sentence.get<std::string>())) != std::string::npos) return true;
          }
        }
      }
      return false;
    };
    const std::vector<Paragraph>& paragraphs = cleaned_[d].paragraphs;
    for (std::size_t p = 0; p < paragraphs.size(); ++p) {
      if (paragraphs[p].kind != ParagraphKind::kHeading) continue;
      std::size_t end = p + 1;
      while (end < paragraphs.size() && paragraphs[end].kind != ParagraphKind::kHeading) ++end;
      bool any_fact = false;
      for (std::size_t q = p + 1; q < end; ++q) any_fact = any_fact || states_a_fact(paragraphs[q].text);
      for (std::size_t q = p + 1; q < end; ++q) {
        const bool in_input = input.docs[d].text.find(paragraphs[q].text) != std::string::npos;
        if (!any_fact) {
          EXPECT_FALSE(in_input) << "second story kept: " << paragraphs[q].text;
          ++left_out;
        } else if (states_a_fact(paragraphs[q].text)) {
          EXPECT_TRUE(in_input) << "the story's own section lost: " << paragraphs[q].text;
          ++kept;
        }
      }
    }
  }
  EXPECT_GT(left_out, 0u);
  EXPECT_GT(kept, 0u);
}

}  // namespace
}  // namespace precis
