// ReadArticles: inputs of every kind as one stream of articles, problems
// told through the sink, reading stopped at the sink's word.
#include <gtest/gtest.h>

#include <iterator>
#include <memory>
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
  std::size_t too_large = 0, too_long = 0;  // problems that are over a limit
  in::ArticleSink Sink(std::size_t stop_after = 1000) {
    in::ArticleSink sink;
    sink.article = [this, stop_after](precis::Document doc, std::string where) {
      ids.push_back(doc.id);
      wheres.push_back(std::move(where));
      return ids.size() < stop_after;
    };
    sink.problem = [this](const precis::Error& problem) {
      problems.push_back(problem.what());
      too_large += dynamic_cast<const in::InputTooLarge*>(&problem) != nullptr ? 1 : 0;
      too_long += dynamic_cast<const in::LineTooLong*>(&problem) != nullptr ? 1 : 0;
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
  EXPECT_EQ(jsonl.too_long, 1u);
  EXPECT_NE(jsonl.problems[0].find("<stdin>:1: "), std::string::npos) << jsonl.problems[0];
}

// A story's limit counts every input's bytes together; a directory that
// passes it is named as the story it is, and its other files are left.
TEST(ReadArticles, TheTotalLimitIsShared) {
  TempDir dir;
  dir.Write("d/a.txt", std::string(60, 'a') + "\n");
  dir.Write("d/b.txt", std::string(60, 'b') + "\n");
  dir.Write("d/c.txt", std::string(10, 'c') + "\n");
  dir.Write("one.txt", std::string(60, 'o') + "\n");
  std::istringstream none;
  in::ArticleLimits limits;
  limits.max_total_bytes = 100;
  Collected folder;
  in::ReadArticles({(dir.path() / "d").string()}, none, limits, folder.Sink());
  EXPECT_EQ(folder.ids, (std::vector<std::string>{"a.txt"}));
  ASSERT_EQ(folder.problems.size(), 1u);
  EXPECT_EQ(folder.too_large, 1u);
  EXPECT_NE(folder.problems[0].find("d: its files pass the limit of 100 bytes (at b.txt)"), std::string::npos)
      << folder.problems[0];
  Collected files;
  in::ReadArticles({(dir.path() / "one.txt").string(), (dir.path() / "d" / "c.txt").string(),
                    (dir.path() / "d" / "a.txt").string()},
                   none, limits, files.Sink());
  EXPECT_EQ(files.ids, (std::vector<std::string>{"one.txt", "c.txt"}));
  EXPECT_EQ(files.too_large, 1u);
  // Without a total, each article has its own limit only.
  Collected alone;
  in::ReadArticles({(dir.path() / "d").string()}, none, {}, alone.Sink());
  EXPECT_EQ(alone.ids.size(), 3u);
}

TEST(ReadArticles, AnEmptyDirectoryIsAProblem) {
  TempDir dir;
  dir.Write("d/README.md", "notes only");
  Collected got;
  std::istringstream none;
  in::ReadArticles({(dir.path() / "d").string()}, none, {}, got.Sink());
  ASSERT_EQ(got.problems.size(), 1u);
  EXPECT_NE(got.problems[0].find("holds no article files"), std::string::npos);
}

// sink.jsonl takes a JSONL input whole, file or standard input, gzip too,
// opened and unread; other inputs are still read as articles.
TEST(ReadArticles, JsonlCanBeHandedOver) {
  TempDir dir;
  const std::string lines = "{\"id\": \"s\", \"docs\": [\"One.\"]}\n";
  dir.Write("s.jsonl.gz", precis::testing::Gzip(lines));
  dir.Write("one.txt", "A lone article.\n");
  std::istringstream packed(precis::testing::Gzip(lines));
  std::istringstream none;
  std::vector<std::string> handed;
  for (const std::string& input : {(dir.path() / "s.jsonl.gz").string(), std::string("-")}) {
    Collected got;
    in::ArticleSink sink = got.Sink();
    sink.jsonl = [&](std::unique_ptr<in::InputStream> source) {
      std::string all = source->TakeHead();
      all.append(std::istreambuf_iterator<char>(source->rest()), std::istreambuf_iterator<char>());
      handed.push_back(all);
      return true;
    };
    in::ReadArticles({(dir.path() / "one.txt").string(), input}, input == "-" ? packed : none, {}, sink);
    EXPECT_EQ(got.ids, (std::vector<std::string>{"one.txt"}));
  }
  EXPECT_EQ(handed, (std::vector<std::string>{lines, lines}));
}

TEST(ReadArticles, TheSinkStopsReading) {
  Collected got;
  std::istringstream text("One article.\n---\nTwo article.\n---\nThree article.\n");
  in::ReadArticles({"-"}, text, {}, got.Sink(1));
  EXPECT_EQ(got.ids.size(), 1u);
}

TEST(ReadArticles, CompressedJsonlIsStreamed) {
  TempDir dir;
  const std::string lines = "{\"id\": \"x\", \"text\": \"One.\"}\n{\"id\": \"y\", \"text\": \"Two.\"}\n";
  dir.Write("s.jsonl.gz", precis::testing::Gzip(lines));
  dir.Write("t.gz", precis::testing::Gzip(lines));
  dir.Write("broken.jsonl.gz", "\x1f\x8b not gzip");
  Collected got;
  std::istringstream none;
  in::ReadArticles({(dir.path() / "s.jsonl.gz").string(), (dir.path() / "t.gz").string()}, none, {}, got.Sink());
  EXPECT_EQ(got.ids, (std::vector<std::string>{"x", "y", "x", "y"}));
  EXPECT_EQ(got.wheres[0], (dir.path() / "s.jsonl.gz").string() + ":1: ");
  // Broken data at the start: a problem of that input, told, and reading goes on.
  Collected broken;
  in::ReadArticles({(dir.path() / "broken.jsonl.gz").string(), (dir.path() / "t.gz").string()}, none, {}, broken.Sink());
  ASSERT_EQ(broken.problems.size(), 1u);
  EXPECT_NE(broken.problems[0].find("broken.jsonl.gz: broken or truncated gzip data"), std::string::npos);
  EXPECT_EQ(broken.ids.size(), 2u);
}

TEST(InputStream, TellsGzipAndHandsOnTheRest) {
  TempDir dir;
  const std::string text = "  \n{\"id\": 1}\nmore\n";
  dir.Write("plain.txt", text);
  dir.Write("packed.gz", precis::testing::Gzip(text));
  std::istringstream none;
  for (const char* name : {"plain.txt", "packed.gz"}) {
    in::InputStream input((dir.path() / name).string(), none);
    EXPECT_EQ(input.gzip(), std::string(name) == "packed.gz");
    std::string all = input.TakeHead();
    all.append(std::istreambuf_iterator<char>(input.rest()), std::istreambuf_iterator<char>());
    EXPECT_EQ(all, text) << name;
  }
  std::istringstream standard_input("from standard input");
  in::InputStream input("-", standard_input);
  EXPECT_EQ(input.name(), "<stdin>");
  EXPECT_EQ(input.head(), "from standard input");
  EXPECT_THROW(in::InputStream((dir.path() / "missing").string(), none), precis::Error);
}

}  // namespace
