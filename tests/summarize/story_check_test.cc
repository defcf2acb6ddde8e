// Whether the articles given as one story look like one: the team's
// invented test stories (tests/data/stories), alone and mixed.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "precis/ingest.h"
#include "precis/pipeline.h"
#include "precis/story_check.h"
#include "test_support.h"

namespace precis {
namespace {

namespace fs = std::filesystem;

const fs::path kStories = fs::path(PRECIS_SOURCE_DIR) / "tests" / "data" / "stories";

// A story directory as `precis summarize` reads it: cleaned, body only.
Story Read(const std::string& name) {
  const Story raw = ingest::ReadDirectoryStory(kStories / name);
  return SummarizerInput(raw, CleanStoryInput(raw, CleanOptions{}));
}

Story Mix(const std::vector<const Story*>& parts, std::size_t per_story) {
  Story out;
  for (const Story* p : parts) {
    for (std::size_t d = 0; d < p->docs.size() && d < per_story; ++d) out.docs.push_back(p->docs[d]);
  }
  return out;
}

TEST(StoryCheck, EachTestStoryIsOneStory) {
  for (const char* name : {"election-recount", "harbor-fire", "vaccine-recall"}) {
    const summarize::StoryGroups g = summarize::GroupArticles(Read(name));
    EXPECT_FALSE(g.several_stories) << name;
    ASSERT_EQ(g.groups.size(), 1u) << name;
  }
}

TEST(StoryCheck, TwoStoriesMixedAreTold) {
  const Story fire = Read("harbor-fire"), recall = Read("vaccine-recall");
  const summarize::StoryGroups g = summarize::GroupArticles(Mix({&fire, &recall}, 99));
  EXPECT_TRUE(g.several_stories);
  ASSERT_EQ(g.groups.size(), 2u);
  EXPECT_EQ(g.groups[0], (std::vector<std::size_t>{0, 1, 2, 3, 4}));
  EXPECT_EQ(g.groups[1], (std::vector<std::size_t>{5, 6, 7, 8, 9}));
}

TEST(StoryCheck, ThreeUnrelatedArticlesAreTold) {
  const Story a = Read("election-recount"), b = Read("harbor-fire"), c = Read("vaccine-recall");
  const summarize::StoryGroups g = summarize::GroupArticles(Mix({&a, &b, &c}, 1));
  EXPECT_TRUE(g.several_stories);
  EXPECT_EQ(g.groups.size(), 3u);
}

// One stray article (an off-topic page, junk) is common in real stories:
// no note for it; nor for articles too short to tell.
TEST(StoryCheck, OneStrayOrShortArticleIsNoOtherStory) {
  Story stray = Read("harbor-fire");
  stray.docs.push_back(testing::MakeDoc(
      "orchids.txt",
      "Botanists cataloguing orchids on the volcanic slopes of Mount Veyra recorded nine species never described "
      "before. The expedition climbed through cloud forest, photographing petals, roots and pollinating moths. "
      "Herbarium curators will compare pressed specimens with collections gathered by earlier explorers."));
  const summarize::StoryGroups g = summarize::GroupArticles(stray);
  EXPECT_FALSE(g.several_stories);
  EXPECT_EQ(g.groups.size(), 2u);

  Story short_ones;
  short_ones.docs.push_back(testing::MakeDoc("a", "Ferry strike ends."));
  short_ones.docs.push_back(testing::MakeDoc("b", "Vaccine batches recalled."));
  short_ones.docs.push_back(testing::MakeDoc("c", "Recount confirms the mayor."));
  const summarize::StoryGroups none = summarize::GroupArticles(short_ones);
  EXPECT_FALSE(none.several_stories);
  EXPECT_TRUE(none.groups.empty());
}

// An article of one line of hundreds of kilobytes is read in pieces: its
// words still count (here it repeats the story's first article, so it
// joins the story's group).
TEST(StoryCheck, OneLongLineIsReadInPieces) {
  Story story = Read("harbor-fire");
  std::string line;
  while (line.size() < 300000) line += story.docs[0].text + " ";
  for (char& c : line) c = c == '\n' ? ' ' : c;
  story.docs.push_back(testing::MakeDoc("one-line.txt", line));
  const summarize::StoryGroups g = summarize::GroupArticles(story);
  EXPECT_FALSE(g.several_stories);
  ASSERT_EQ(g.groups.size(), 1u);
  EXPECT_EQ(g.groups[0].size(), story.docs.size());
}

}  // namespace
}  // namespace precis
