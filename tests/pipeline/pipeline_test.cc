// The clean stage and the reading `precis clean` does: detection, gzip,
// JSONL, errors, what the summarizer is given.
#include <gtest/gtest.h>
#include <zlib.h>

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "precis/error.h"
#include "precis/ingest.h"
#include "precis/pipeline.h"
#include "test_support.h"

namespace precis {
namespace {

std::string JsonString(const std::string& s) { return nlohmann::json(s).dump(); }

const char* const kHtml =
    "<!doctype html><html><head><title>Bridge closes</title></head><body><article>"
    "<p>The city council voted on Tuesday to close the old harbour bridge for six weeks of repairs.</p>"
    "<p>Engineers found corrosion in two of the main cables during an inspection last autumn.</p>"
    "</article></body></html>";

// A story whose page markup comes in its first kilobyte is still a story,
// told as precis summarize tells it (ingest::HoldsJsonl), whatever its name.
TEST(ReadAndClean, JsonlHoldingPagesIsNoPage) {
  testing::TempDir dir;
  const auto file = dir.Write("stories", std::string("{\"id\":\"s1\",\"docs\":[{\"id\":\"a\",\"html\":") +
                                             JsonString(kHtml) + "}]}\n");
  const auto inputs = ReadAndClean({file.string()}, CleanOptions{});
  ASSERT_EQ(inputs.size(), 1u);
  ASSERT_EQ(inputs[0].docs.size(), 1u);
  EXPECT_EQ(inputs[0].docs[0].doc.id, "a");
  EXPECT_EQ(inputs[0].docs[0].doc.title, "Bridge closes");
}

TEST(ReadAndClean, HtmlGzipTextAndJsonl) {
  testing::TempDir dir;
  const auto gz = dir.Write("page.bin", testing::Gzip(kHtml));  // sniffed, not named
  const auto text = dir.Write("story.txt", "Bridge closes\n\nThe city council voted on Tuesday to close the bridge.\n");
  const auto jsonl = dir.Write(
      "stories.jsonl",
      std::string("{\"id\":\"s1\",\"docs\":[{\"id\":\"a\",\"html\":") + JsonString(kHtml) +
          "},{\"id\":\"b\",\"title\":\"Bridge closes\",\"text\":\"Bridge closes\\nThe bridge shuts in March.\"}]}\n");
  const auto inputs = ReadAndClean({gz.string(), text.string(), jsonl.string()}, CleanOptions{});
  ASSERT_EQ(inputs.size(), 3u);
  EXPECT_EQ(inputs[0].docs.at(0).doc.title, "Bridge closes");
  EXPECT_EQ(inputs[0].docs.at(0).paragraphs.size(), 2u);
  EXPECT_EQ(inputs[1].docs.at(0).doc.title, "Bridge closes");
  ASSERT_EQ(inputs[2].docs.size(), 2u);
  EXPECT_EQ(inputs[2].docs[0].doc.id, "a");
  EXPECT_EQ(inputs[2].docs[0].paragraphs.size(), 2u);
  EXPECT_EQ(inputs[2].docs[1].paragraphs.size(), 1u);
}

TEST(ReadAndClean, ErrorsNameTheInput) {
  testing::TempDir dir;
  const auto bad = dir.Write("bad.jsonl", "{\"docs\":[]}\n{not json\n");
  try {
    ReadAndClean({bad.string()}, CleanOptions{});
    FAIL();
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("bad.jsonl:2"), std::string::npos) << e.what();
  }
  const auto missing = (dir.path() / "missing.txt").string();
  try {
    ReadAndClean({missing}, CleanOptions{});
    FAIL();
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("missing.txt"), std::string::npos) << e.what();
  }
  const auto broken_gz = dir.Write("broken.html.gz", testing::Gzip(kHtml).substr(0, 30));
  EXPECT_THROW(ReadAndClean({broken_gz.string()}, CleanOptions{}), Error);
  const auto empty = dir.Write("empty.txt", "");
  const auto inputs = ReadAndClean({empty.string()}, CleanOptions{});
  ASSERT_EQ(inputs.size(), 1u);
  EXPECT_TRUE(inputs[0].docs.at(0).paragraphs.empty());
}

}  // namespace
// JSONL is streamed: each story reaches the sink before the next line is
// read, so a line over the limit further on finds the earlier stories
// already handed out; gzip JSONL too, and its size is bounded per line,
// not by the whole file.
TEST(ReadAndCleanEach, JsonlStoriesAreHandedOutOneByOne) {
  testing::TempDir dir;
  const std::string story = "{\"id\": \"s\", \"docs\": [{\"text\": \"The council voted on Tuesday to close the bridge.\"}]}\n";
  const std::string too_long = "{\"docs\": [\"" + std::string(5000, 'a') + "\"]}\n";
  for (const bool gzip : {false, true}) {
    const std::string data = story + story + too_long + story;
    const auto path = gzip ? dir.Write("stories.jsonl.gz", testing::Gzip(data)) : dir.Write("stories.jsonl", data);
    ReadOptions read;
    read.max_line_bytes = 1000;
    read.max_input_bytes = 200;  // smaller than the file: JSONL lines are bounded by max_line_bytes alone
    std::vector<std::string> names;
    EXPECT_THROW(ReadAndCleanEach({path.string()}, CleanOptions{}, true, read,
                                  [&](CleanedInput&& input) { names.push_back(input.name); }),
                 ingest::LineTooLong);
    ASSERT_EQ(names.size(), 2u) << gzip;
    EXPECT_EQ(names[1], path.string() + ":2 (s)");

    std::size_t bad = 0;
    read.on_bad_story = [&](const Error& e) {
      ++bad;
      EXPECT_NE(std::string(e.what()).find(":3: the line is longer than the limit of 1000 bytes"), std::string::npos)
          << e.what();
    };
    names.clear();
    ReadAndCleanEach({path.string()}, CleanOptions{}, true, read, [&](CleanedInput&& input) { names.push_back(input.name); });
    EXPECT_EQ(names.size(), 3u);
    EXPECT_EQ(bad, 1u);
  }
}

// A text article is still bounded as a whole, gzip or not.
TEST(ReadAndCleanEach, ArticlesStopAtTheInputLimit) {
  testing::TempDir dir;
  const std::string text = "The council voted on Tuesday to close the bridge.\n";
  std::string big;
  while (big.size() < 300000) big += text;
  ReadOptions read;
  read.max_input_bytes = 100000;
  const auto plain = dir.Write("big.txt", big);
  EXPECT_THROW(ReadAndClean({plain.string()}, CleanOptions{}, true, read), ingest::InputTooLarge);
  const auto gz = dir.Write("big.txt.gz", testing::Gzip(big));
  try {
    ReadAndClean({gz.string()}, CleanOptions{}, true, read);
    ADD_FAILURE() << "no error";
  } catch (const ingest::InputTooLarge& e) {
    EXPECT_NE(std::string(e.what()).find("the decompressed data passes the limit of 100000 bytes"), std::string::npos)
        << e.what();
  }
}

}  // namespace precis
