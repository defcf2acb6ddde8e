#include "precis/run.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "test_support.h"

namespace precis::run {
namespace {

namespace fs = std::filesystem;

// Two short invented articles about one event, as a JSONL story.
std::string StoryLine(const std::string& id) {
  return "{\"id\":\"" + id +
         "\",\"docs\":[{\"id\":\"a\",\"text\":\"The harbour board approved a new ferry pier on Tuesday after two "
         "years of debate among the island councils.\"},{\"id\":\"b\",\"text\":\"Island councils welcomed the "
         "harbour board vote on the new ferry pier, which will open next spring.\"}]}";
}

TEST(RunJsonlStory, SummarizesAndFormatsOneStory) {
  summarize::Summarizer summarizer;
  const StoryResult r = RunJsonlStory(StoryLine("pier"), "in.jsonl", 3, RunOptions{}, output::Format::kJson, summarizer);
  ASSERT_TRUE(r.ok()) << r.error;
  EXPECT_EQ(r.number, 3u);
  EXPECT_EQ(r.story_id, "pier");
  EXPECT_FALSE(r.empty);
  EXPECT_EQ(r.articles, 2u);
  EXPECT_NE(r.output.find("ferry pier"), std::string::npos);
  EXPECT_EQ(r.output.back(), '\n');
}

TEST(RunJsonlStory, ABadStoryIsAValueNamingItsLine) {
  summarize::Summarizer summarizer;
  const StoryResult r = RunJsonlStory("not json", "in.jsonl", 7, RunOptions{}, output::Format::kJson, summarizer);
  EXPECT_FALSE(r.ok());
  EXPECT_EQ(r.error.rfind("in.jsonl:7: ", 0), 0u) << r.error;
  EXPECT_TRUE(r.output.empty());
}

TEST(RunJsonlStory, AnEmptyBriefIsNotedNotFailed) {
  RunOptions options;
  options.summarize.budget = {summarize::BudgetKind::kWords, 1};
  summarize::Summarizer summarizer;
  const StoryResult r = RunJsonlStory(StoryLine("pier"), "in.jsonl", 1, options, output::Format::kJson, summarizer);
  ASSERT_TRUE(r.ok()) << r.error;
  EXPECT_TRUE(r.empty);
  ASSERT_FALSE(r.notes.empty());
  EXPECT_NE(r.notes.back().find("in.jsonl:1: no sentence could be selected"), std::string::npos);
  EXPECT_NE(r.output.find("\"note\":"), std::string::npos);
}

TEST(RunStory, AStoryWithoutArticlesFails) {
  summarize::Summarizer summarizer;
  const StoryResult r = RunStory(Story{}, RunOptions{}, output::Format::kText, summarizer);
  EXPECT_EQ(r.error, "no articles to summarize");
}

// Results come in input order whatever the thread count, failed stories
// included, and the counts add up.
RunSummary Collect(const std::string& jsonl, OnError on_error, std::size_t threads, std::vector<std::string>* seen) {
  std::istringstream in(jsonl);
  ingest::JsonlReader reader(in, "s.jsonl");
  RunOptions options;
  options.threads = threads;
  options.on_error = on_error;
  return RunStream(reader, options, output::Format::kJson, [&](std::size_t index, StoryResult&& r) {
    EXPECT_EQ(index, seen->size());
    seen->push_back(r.ok() ? r.story_id : "error " + std::to_string(r.number));
    return true;
  });
}

TEST(RunStream, KeepsInputOrderAndCountsWithSkip) {
  const std::string jsonl = StoryLine("one") + "\nbad\n" + StoryLine("three") + "\n" + StoryLine("four") + "\n";
  for (std::size_t threads : {1, 3}) {
    std::vector<std::string> seen;
    const RunSummary s = Collect(jsonl, OnError::kSkip, threads, &seen);
    EXPECT_EQ(seen, (std::vector<std::string>{"one", "error 2", "three", "four"}));
    EXPECT_EQ(s.summarized, 3u);
    EXPECT_EQ(s.failed, 1u);
    EXPECT_TRUE(s.complete);
    EXPECT_FALSE(s.stopped);
  }
}

TEST(RunStream, StopsAtTheFirstFailure) {
  const std::string jsonl = StoryLine("one") + "\nbad\n" + StoryLine("three") + "\n";
  std::vector<std::string> seen;
  const RunSummary s = Collect(jsonl, OnError::kStop, 2, &seen);
  EXPECT_EQ(seen, (std::vector<std::string>{"one", "error 2"}));
  EXPECT_EQ(s.read(), 2u);
  EXPECT_TRUE(s.stopped);
  EXPECT_FALSE(s.complete);
}

TEST(OpenInputs, AJsonlFileIsAStreamAndStandardInputArticlesAStory) {
  const fs::path dir = fs::temp_directory_path() / "precis_run_test";
  fs::create_directories(dir);
  const fs::path file = dir / "stories.jsonl";
  std::ofstream(file) << StoryLine("one") << "\n";
  std::istringstream none;
  EXPECT_TRUE(OpenInputs({file.string()}, none, StoryLimits{}).batch());
  EXPECT_THROW(OpenInputs({file.string(), file.string()}, none, StoryLimits{}), InputMisuse);

  std::istringstream articles("First article text here.\n---\nSecond article text here.\n");
  const StoryInput input = OpenInputs({"-"}, articles, StoryLimits{});
  EXPECT_FALSE(input.batch());
  EXPECT_EQ(input.story.docs.size(), 2u);
  EXPECT_EQ(input.story.id, "stdin");

  std::istringstream jsonl("  \n" + StoryLine("one") + "\n");
  StoryInput stream = OpenInputs({"-"}, jsonl, StoryLimits{});
  ASSERT_TRUE(stream.batch());
  std::string line;
  std::size_t number = 0;
  ASSERT_TRUE(stream.stories->Next(&line, &number));
  EXPECT_EQ(line, StoryLine("one"));
  fs::remove_all(dir);
}

}  // namespace
}  // namespace precis::run
