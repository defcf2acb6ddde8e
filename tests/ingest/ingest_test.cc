#include <gtest/gtest.h>
#include <sys/mman.h>

#include <sstream>

#include "precis/error.h"
#include "precis/ingest.h"
#include "test_support.h"

namespace {

namespace in = precis::ingest;
using precis::testing::TempDir;

std::string ErrorOf(const std::function<void()>& f) {
  try {
    f();
  } catch (const precis::Error& e) {
    return e.what();
  }
  return "";
}

TEST(Ingest, ArticleFileAndDirectory) {
  TempDir dir;
  dir.Write("story/b.txt", "Second article.\r\nLine two.\r\n");
  dir.Write("story/a.txt", "\xEF\xBB\xBF" "First article.\n");
  dir.Write("story/.hidden", "not an article");
  dir.Write("story/README.md", "notes about the story");
  dir.Write("story/labels.json", "{}");
  dir.Write("story/c.html", "<html><body><p>A page.</p></body></html>");
  const precis::Story s = in::ReadDirectoryStory(dir.path() / "story");
  ASSERT_EQ(s.docs.size(), 3u);
  EXPECT_TRUE(s.docs[2].text.empty());
  EXPECT_EQ(s.docs[2].html, "<html><body><p>A page.</p></body></html>");
  EXPECT_EQ(s.docs[0].id, "a.txt");
  EXPECT_EQ(s.docs[0].text, "First article.\n");
  EXPECT_EQ(s.docs[1].text, "Second article.\nLine two.\n");
  EXPECT_EQ(s.id, "story");
}

TEST(Ingest, ErrorsNameTheFileAndLine) {
  TempDir dir;
  const auto bad = dir.Write("bad.txt", "fine line\nbad \xC3( byte\n");
  EXPECT_EQ(ErrorOf([&] { in::ReadArticleFile(bad); }), bad.string() + ":2: invalid UTF-8 at byte 14");
  EXPECT_NE(ErrorOf([&] { in::ReadArticleFile(dir.path() / "missing.txt"); }).find("missing.txt: no such file"), std::string::npos);
  dir.Write("empty/.x", "");
  EXPECT_NE(ErrorOf([&] { in::ReadDirectoryStory(dir.path() / "empty"); }).find("no article files"), std::string::npos);
}

TEST(Ingest, StdinArticlesSeparatedByDashes) {
  const precis::Story s = in::SplitArticles("One.\n---\nTwo.\nMore.\n  ---  \n\n---\nThree.", "<stdin>");
  ASSERT_EQ(s.docs.size(), 3u);
  EXPECT_EQ(s.docs[1].text, "Two.\nMore.\n");
  EXPECT_EQ(s.docs[2].id, "3");
}

// Files without a final newline joined by `cat a; echo ---; cat b` used to
// glue "---" to the last line of a: three articles read as one.
TEST(Ingest, StdinSeparatorGluedToTheLineBefore) {
  const precis::Story s = in::SplitArticles("One ends here.---\nTwo starts.\nAnd ends.  ---\nThree.", "<stdin>");
  ASSERT_EQ(s.docs.size(), 3u);
  EXPECT_EQ(s.docs[0].text, "One ends here.\n");
  EXPECT_EQ(s.docs[1].text, "Two starts.\nAnd ends.  \n");
  EXPECT_EQ(s.docs[2].text, "Three.\n");
  // A rule of four dashes or dashes inside a line separate nothing.
  EXPECT_EQ(in::SplitArticles("A line ----\nB --- c\n", "<stdin>").docs.size(), 1u);
}

TEST(Ingest, StoryJson) {
  const precis::Story s = in::ParseStoryJson(
      R"({"id":"s1","docs":[{"id":"d1","title":"T","date":"2030-01-02","source":"Wire","url":"http://x","text":"Hello there."},{"text":"Second."}],"refs":["R."]})",
      "f.jsonl", 3);
  EXPECT_EQ(s.id, "s1");
  ASSERT_EQ(s.docs.size(), 2u);
  EXPECT_EQ(s.docs[0].title, "T");
  EXPECT_EQ(s.docs[0].source, "Wire");
  EXPECT_EQ(s.docs[1].id, "2");
  EXPECT_EQ(s.refs.size(), 1u);
}

// A story's question is read by both parsers: the fast one, and the careful
// one that a number id sends the line to.
TEST(Ingest, StoryJsonQuery) {
  for (const std::string id : {"\"q1\"", "7"}) {
    const precis::Story s = in::ParseStoryJson(
        R"({"id":)" + id + R"(,"query":"Why did the bridge close?","docs":[{"text":"It closed."}]})", "f.jsonl", 1);
    EXPECT_EQ(s.query, "Why did the bridge close?") << id;
  }
  EXPECT_EQ(in::ParseStoryJson(R"({"query":null,"docs":["A."]})", "f.jsonl", 1).query, "");
  EXPECT_EQ(in::ParseStoryJson(R"({"docs":["A."]})", "f.jsonl", 1).query, "");
  EXPECT_EQ(ErrorOf([] { in::ParseStoryJson(R"({"query":["x"],"docs":["A."]})", "f.jsonl", 2); }),
            "f.jsonl:2: \"query\" must be a string");
}

TEST(Ingest, StoryJsonErrors) {
  EXPECT_EQ(ErrorOf([] { in::ParseStoryJson("{\"docs\": [", "f.jsonl", 7); }).rfind("f.jsonl:7: invalid JSON", 0), 0u);
  EXPECT_EQ(ErrorOf([] { in::ParseStoryJson("[1]", "f.jsonl", 2); }), "f.jsonl:2: a story must be a JSON object");
  EXPECT_EQ(ErrorOf([] { in::ParseStoryJson("{\"id\":\"x\"}", "f.jsonl", 2); }),
            "f.jsonl:2: \"docs\" must be an array of documents");
  EXPECT_EQ(ErrorOf([] { in::ParseStoryJson("{\"docs\":[{\"title\":\"t\"}]}", "f.jsonl", 4); }),
            "f.jsonl:4: docs[0]: missing \"text\" (or \"html\")");
  EXPECT_EQ(ErrorOf([] { in::ParseStoryJson("{\"docs\":[{\"text\":\"a\xFF\"}]}", "f.jsonl", 5); }),
            "f.jsonl:5: invalid UTF-8 at byte 19");
}

// Numbers as ids, repeated keys, nulls and pages with a stray text take
// the parser's careful path; the result is the same as for plain stories.
TEST(Ingest, StoryJsonUnusualShapes) {
  const precis::Story a = in::ParseStoryJson(R"({"id":12,"docs":[{"id":3,"text":"A."},{"text":"B.","title":null}]})", "f.jsonl", 1);
  EXPECT_EQ(a.id, "12");
  ASSERT_EQ(a.docs.size(), 2u);
  EXPECT_EQ(a.docs[0].id, "3");
  EXPECT_EQ(a.docs[1].id, "2");
  EXPECT_EQ(a.docs[1].title, "");
  const precis::Story b = in::ParseStoryJson(R"({"docs":[{"text":"A.","text":"B."}],"refs":["R.",7]})", "f.jsonl", 9);
  EXPECT_EQ(b.id, "9");
  ASSERT_EQ(b.docs.size(), 1u);
  EXPECT_EQ(b.docs[0].text, "B.");
  EXPECT_EQ(b.refs, std::vector<std::string>{"R."});
  const precis::Story c = in::ParseStoryJson(R"({"docs":[{"html":"<p>x</p>","text":{"a":1}}]})", "f.jsonl", 1);
  ASSERT_EQ(c.docs.size(), 1u);
  EXPECT_EQ(c.docs[0].html, "<p>x</p>");
  EXPECT_EQ(c.docs[0].text, "");
  EXPECT_EQ(ErrorOf([] { in::ParseStoryJson(R"({"docs":[{"text":null}]})", "f.jsonl", 4); }),
            "f.jsonl:4: docs[0]: missing \"text\" (or \"html\")");
  EXPECT_EQ(ErrorOf([] { in::ParseStoryJson(R"({"docs":[{"text":"a","url":[1]}]})", "f.jsonl", 4); }),
            "f.jsonl:4: docs[0]: \"url\" must be a string");
}

TEST(Ingest, BareStringDocsAreNormalisedLikeObjects) {
  const precis::Story s = in::ParseStoryJson(R"({"docs":["One line.\r\nTwo\u0000lines.\rThree."]})", "f.jsonl", 1);
  ASSERT_EQ(s.docs.size(), 1u);
  EXPECT_EQ(s.docs[0].text, "One line.\nTwo lines.\nThree.");
}

TEST(Ingest, JsonlReaderSkipsAnOverlongLineAndGoesOn) {
  std::istringstream input("{\"a\":1}\n" + std::string(100000, 'x') + "\n{\"b\":2}\r\n{\"c\":3}");
  in::JsonlReader reader(input, "x.jsonl");
  reader.set_max_line_bytes(1000);
  std::string line;
  std::size_t number = 0;
  ASSERT_TRUE(reader.Next(&line, &number));
  EXPECT_EQ(line, "{\"a\":1}");
  EXPECT_EQ(ErrorOf([&] { reader.Next(&line, &number); }), "x.jsonl:2: the line is longer than the limit of 1000 bytes");
  ASSERT_TRUE(reader.Next(&line, &number));
  EXPECT_EQ(line, "{\"b\":2}");
  EXPECT_EQ(number, 3u);
  ASSERT_TRUE(reader.Next(&line, &number));
  EXPECT_EQ(line, "{\"c\":3}");
  EXPECT_FALSE(reader.Next(&line, &number));
}

TEST(Ingest, JsonlReaderSkipsBlankLinesAndCountsThem) {
  std::istringstream input("{\"a\":1}\n\n   \n{\"b\":2}\r\n");
  in::JsonlReader reader(input, "x.jsonl");
  std::string line;
  std::size_t number = 0;
  ASSERT_TRUE(reader.Next(&line, &number));
  EXPECT_EQ(number, 1u);
  ASSERT_TRUE(reader.Next(&line, &number));
  EXPECT_EQ(number, 4u);
  EXPECT_EQ(line, "{\"b\":2}");
  EXPECT_FALSE(reader.Next(&line, &number));
}

// UTF-16 past 2 GiB was cut there silently (ICU takes an int32_t length).
// The bytes are untouched pages of a reservation, so the test costs no
// memory; only the first two are read before the refusal.
TEST(Ingest, Utf16PastTwoGibIsRefused) {
  const std::size_t size = (std::size_t{1} << 31) + 2;
  void* pages = ::mmap(nullptr, size, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
  ASSERT_NE(pages, MAP_FAILED);
  const std::string_view bytes(static_cast<const char*>(pages), size);
  EXPECT_NE(ErrorOf([&] { in::Utf16ToUtf8(bytes, "UTF-16LE", "huge.txt"); })
                .find("huge.txt: UTF-16 text over 2 GiB cannot be converted"),
            std::string::npos);
  ::munmap(pages, size);
}

// Gzip data is inflated as it is read: members in turn, a truncated stream
// named with where it broke, and nothing past the limit held.
TEST(Ingest, ReadInputBytesInflatesWithinTheLimit) {
  TempDir dir;
  const auto two = dir.Write("two.txt.gz", precis::testing::Gzip("first member\n") + precis::testing::Gzip("second member\n"));
  EXPECT_EQ(in::ReadInputBytes(two.string()), "first member\nsecond member\n");
  const std::string big = precis::testing::Gzip(std::string(1 << 20, 'z'));
  const auto cut = dir.Write("cut.txt.gz", big.substr(0, big.size() / 2));
  EXPECT_NE(ErrorOf([&] { in::ReadInputBytes(cut.string()); }).find("cut.txt.gz: broken or truncated gzip data (at byte "),
            std::string::npos);
  // The offset counts the members before the broken one.
  const std::string first = precis::testing::Gzip("first member\n");
  const std::string half = big.substr(0, big.size() / 2);
  const auto cut_second = dir.Write("cut2.txt.gz", first + half);
  EXPECT_NE(ErrorOf([&] { in::ReadInputBytes(cut_second.string()); })
                .find("cut2.txt.gz: broken or truncated gzip data (at byte " + std::to_string(first.size() + half.size()) +
                      " of the compressed data)"),
            std::string::npos)
      << ErrorOf([&] { in::ReadInputBytes(cut_second.string()); });
  const auto bomb = dir.Write("bomb.txt.gz", big);
  EXPECT_EQ(in::ReadInputBytes(bomb.string(), 1 << 20).size(), 1u << 20);  // exactly at the limit is fine
  EXPECT_THROW(in::ReadInputBytes(bomb.string(), (1 << 20) - 1), in::InputTooLarge);
  EXPECT_EQ(ErrorOf([&] { in::ReadInputBytes(bomb.string(), 1000); }),
            bomb.string() + ": the decompressed data passes the limit of 1000 bytes; decompression stopped there");
  const auto plain = dir.Write("plain.txt", std::string(300000, 'p'));
  EXPECT_EQ(ErrorOf([&] { in::ReadInputBytes(plain.string(), 1000); }),
            plain.string() + ": larger than the limit of 1000 bytes");
  EXPECT_EQ(in::ReadInputBytes(plain.string(), 300000).size(), 300000u);
}

TEST(LooksLikeHtml, ByExtensionAndByContent) {
  EXPECT_TRUE(in::LooksLikeHtml("anything", "page.html"));
  EXPECT_TRUE(in::LooksLikeHtml("anything", "PAGE.HTM.gz"));
  EXPECT_FALSE(in::LooksLikeHtml("<html>", "notes.txt"));
  EXPECT_TRUE(in::LooksLikeHtml("\n  <!DOCTYPE html><html>", "page"));
  EXPECT_TRUE(in::LooksLikeHtml("<html lang=en>", ""));
  EXPECT_FALSE(in::LooksLikeHtml("Plain text about a <b> tag.", ""));
}

// The one rule that tells JSONL, for precis summarize and precis clean.
TEST(Ingest, HoldsJsonl) {
  EXPECT_TRUE(precis::ingest::HoldsJsonl("\n  {\"id\":\"a\"}", ""));
  EXPECT_TRUE(precis::ingest::HoldsJsonl("\xEF\xBB\xBF{\"id\":\"a\"}", "stories"));
  EXPECT_TRUE(precis::ingest::HoldsJsonl("", "Stories.JSONL"));
  EXPECT_TRUE(precis::ingest::HoldsJsonl("\x1f\x8b", "stories.jsonl.gz"));
  // Page markup inside a story does not make the input a page.
  EXPECT_TRUE(precis::ingest::HoldsJsonl("{\"docs\":[{\"html\":\"<html><title>x</title>\"}]}", ""));
  EXPECT_FALSE(precis::ingest::HoldsJsonl("{ not a story }", "page.html"));
  EXPECT_FALSE(precis::ingest::HoldsJsonl("The ferry stopped.", "story.txt"));
  EXPECT_FALSE(precis::ingest::HoldsJsonl("  \n", ""));
}

}  // namespace
