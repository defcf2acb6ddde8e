// ReadArticles: inputs of every kind as one stream of articles, problems
// told through the sink, reading stopped at the sink's word.
#include <gtest/gtest.h>

#include <sstream>
#include <string>
#include <vector>

#include "precis/ingest.h"
#include "test_support.h"

namespace {

namespace in = precis::ingest;
using precis::testing::TempDir;

struct Collected {
  std::vector<std::string> ids, wheres, problems;
  in::ArticleSink Sink(std::size_t stop_after = 1000) {
    in::ArticleSink sink;
    sink.article = [this, stop_after](precis::Document doc, std::string where) {
      ids.push_back(doc.id);
      wheres.push_back(std::move(where));
      return ids.size() < stop_after;
    };
    sink.problem = [this](const std::string& problem) {
      problems.push_back(problem);
      return true;
    };
    return sink;
  }
};

TEST(ReadArticles, DirectoriesFilesAndJsonlInOrder) {
  TempDir dir;
  dir.Write("d/b.txt", "The second article of the folder.\n");
  dir.Write("d/a.txt", "The first article of the folder.\n");
  dir.Write("d/README.md", "not an article");
  dir.Write("one.txt", "A lone article.\n");
  dir.Write("s.jsonl",
            "{\"id\": \"x\", \"text\": \"An article on a line.\"}\n"
            "{\"text\": \"An article without an id.\"}\n"
            "{\"id\": \"story\", \"docs\": [{\"id\": \"p\", \"text\": \"One.\"}, {\"id\": \"q\", \"text\": \"Two.\"}]}\n");
  Collected got;
  std::istringstream none;
  in::ReadArticles({(dir.path() / "d").string(), (dir.path() / "one.txt").string(), (dir.path() / "s.jsonl").string()},
                   none, {}, got.Sink());
  EXPECT_EQ(got.ids, (std::vector<std::string>{"a.txt", "b.txt", "one.txt", "x", "2", "p", "q"}));
  EXPECT_TRUE(got.problems.empty());
  EXPECT_EQ(got.wheres[3], (dir.path() / "s.jsonl").string() + ":1: ");
}

TEST(ReadArticles, ProblemsAreToldAndReadingGoesOn) {
  TempDir dir;
  dir.Write("s.jsonl", "[1, 2]\n{\"id\": \"ok\", \"text\": \"Fine.\"}\n{\"id\": \"bad\"\n");
  Collected got;
  std::istringstream none;
  in::ReadArticles({(dir.path() / "missing.txt").string(), (dir.path() / "s.jsonl").string()}, none, {}, got.Sink());
  EXPECT_EQ(got.ids, (std::vector<std::string>{"ok"}));
  ASSERT_EQ(got.problems.size(), 3u);
  EXPECT_NE(got.problems[0].find("missing.txt"), std::string::npos);
  EXPECT_NE(got.problems[1].find("s.jsonl:1: an article must be a JSON object"), std::string::npos);
  EXPECT_NE(got.problems[2].find("s.jsonl:3: invalid JSON"), std::string::npos);
}

TEST(ReadArticles, StandardInputAndLimits) {
  Collected got;
  std::istringstream text("First article on standard input.\n---\nSecond article on standard input.\n");
  in::ReadArticles({"-"}, text, {}, got.Sink());
  EXPECT_EQ(got.ids.size(), 2u);

  Collected jsonl;
  std::istringstream lines("{\"id\": \"a\", \"text\": \"" + std::string(200, 'x') + "\"}\n{\"id\": \"b\", \"text\": \"Short.\"}\n");
  in::ArticleLimits limits;
  limits.max_line_bytes = 100;
  in::ReadArticles({"-"}, lines, limits, jsonl.Sink());
  EXPECT_EQ(jsonl.ids, (std::vector<std::string>{"b"}));
  ASSERT_EQ(jsonl.problems.size(), 1u);
  EXPECT_NE(jsonl.problems[0].find("--max-line-bytes"), std::string::npos);
}

TEST(ReadArticles, TheSinkStopsReadingAndCompressedJsonlIsMisuse) {
  Collected got;
  std::istringstream text("One article.\n---\nTwo article.\n---\nThree article.\n");
  in::ReadArticles({"-"}, text, {}, got.Sink(1));
  EXPECT_EQ(got.ids.size(), 1u);

  TempDir dir;
  dir.Write("s.jsonl.gz", "not really gzip");
  std::istringstream none;
  Collected unused;
  EXPECT_THROW(in::ReadArticles({(dir.path() / "s.jsonl.gz").string()}, none, {}, unused.Sink()), in::InputMisuse);
}

}  // namespace
