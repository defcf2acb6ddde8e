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
#include "precis/ingest.h"
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

// A story directory with labels.json: the articles, read as precis reads
// files (HTML by its extension), extracted and cleaned as one story.
class LabelledStory {
 protected:
  // False when the directory is absent (the shared data is optional).
  bool Load(const fs::path& dir) {
    dir_ = dir;
    if (!fs::exists(dir_ / "labels.json")) return false;
    labels_ = nlohmann::json::parse(testing::ReadFile(dir_ / "labels.json"));
    for (const auto& [name, label] : labels_.items()) {
      story_.docs.push_back(ingest::ArticleFromBytes(testing::ReadFile(dir_ / name), name, name));
    }
    cleaned_ = CleanStoryInput(story_, CleanOptions{});
    return true;
  }

  fs::path dir_;
  nlohmann::json labels_;
  Story story_;
  std::vector<CleanedDocument> cleaned_;
};

class SeedStoryTest : public ::testing::Test, protected LabelledStory {
 protected:
  void SetUp() override {
    const fs::path dir = testing::SharedDir() / "data" / "seed-story";
    if (!Load(dir)) GTEST_SKIP() << "shared seed story not found at " << dir;
  }
};

// The stories written for these tests (tests/data/stories), junk labelled
// as in the seed story.
class OwnStoryTest : public ::testing::TestWithParam<const char*>, protected LabelledStory {
 protected:
  void SetUp() override {
    ASSERT_TRUE(Load(fs::path(PRECIS_SOURCE_DIR) / "tests" / "data" / "stories" / GetParam())) << GetParam();
  }
};

INSTANTIATE_TEST_SUITE_P(Stories, OwnStoryTest, ::testing::Values("election-recount", "harbor-fire", "vaccine-recall"));

// Every line labelled junk is removed; every other non-empty line of a text
// article survives, as a paragraph or as the line taken as title or date.
// (Pages are checked for junk only: their lines are the extractor's.)
void ExpectJunkGoneAndArticleKept(const nlohmann::json& labels, const Story& story,
                                  const std::vector<CleanedDocument>& cleaned_docs) {
  std::size_t d = 0;
  for (const auto& [name, label] : labels.items()) {
    SCOPED_TRACE(name);
    const CleanedDocument& cleaned = cleaned_docs[d++];
    std::set<std::string> junk, removed, kept;
    for (const auto& line : label["junk"]) junk.insert(Normal(line.get<std::string>()));
    for (const RemovedLine& r : cleaned.removed) removed.insert(Normal(r.text));
    for (const Paragraph& p : cleaned.paragraphs) kept.insert(Normal(p.text));
    // The lines taken as the title and the date (of a text article) are
    // metadata, neither removed nor kept as text.
    const std::string& text = story.docs[d - 1].text;
    std::set<std::string> metadata_lines;
    for (std::size_t number = 1, start = 0; start <= text.size(); ++number) {
      std::size_t end = text.find('\n', start);
      if (end == std::string::npos) end = text.size();
      if (number == cleaned.title_line || number == cleaned.date_line) {
        metadata_lines.insert(Normal(text.substr(start, end - start)));
      }
      start = end + 1;
    }
    for (const std::string& line : junk) {
      // A page's extractor drops some junk before line cleaning sees it.
      const bool page = !story.docs[d - 1].html.empty();
      EXPECT_TRUE(page || removed.count(line) || metadata_lines.count(line)) << "junk line kept: " << line;
      EXPECT_FALSE(kept.count(line)) << "junk line in the body: " << line;
    }
    // Every non-empty input line that is not junk is a paragraph, or the line
    // taken as the title or the date.
    if (!story.docs[d - 1].html.empty()) continue;
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

TEST_F(SeedStoryTest, EveryJunkLineIsRemovedAndEveryArticleLineSurvives) {
  ExpectJunkGoneAndArticleKept(labels_, story_, cleaned_);
}

TEST_P(OwnStoryTest, EveryJunkLineIsRemovedAndEveryArticleLineSurvives) {
  ExpectJunkGoneAndArticleKept(labels_, story_, cleaned_);
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
