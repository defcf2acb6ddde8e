// `precis summarize` on bad, big and hostile input: every case ends with a
// result or a clear error naming the input, never a crash or a silent drop.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <string>

#include "test_support.h"

namespace {

using precis::testing::ReadFile;
using precis::testing::TempDir;

struct Outcome {
  int status = -1;
  std::string out, err;
};

Outcome Summarize(const TempDir& dir, const std::string& args) {
  const auto err_file = dir.path() / "stderr.txt";
  const auto r =
      precis::testing::RunCommand(std::string(PRECIS_BINARY) + " summarize " + args + " 2>" + err_file.string());
  return {r.status, r.out, ReadFile(err_file)};
}

std::string Jsonl(const nlohmann::json& story) { return story.dump() + "\n"; }

const char* const kSentence = "The storm closed five roads near the coast on Monday night and crews worked until dawn.";

TEST(HostileInput, EmptyAndBlankArticlesAreReportedNotSummarized) {
  TempDir dir;
  for (const std::string content : {"", "   \n\t\n\n"}) {
    const auto file = dir.Write("blank.txt", content);
    const Outcome r = Summarize(dir, file.string());
    EXPECT_EQ(r.status, 1);
    EXPECT_NE(r.err.find("no article text to summarize"), std::string::npos) << r.err;
  }
}

TEST(HostileInput, OneSentenceWithoutTerminator) {
  TempDir dir;
  const auto file = dir.Write("one.txt", "Storm closes coast roads overnight");
  const Outcome r = Summarize(dir, file.string() + " --format json");
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(nlohmann::json::parse(r.out)["sentences"][0]["text"], "Storm closes coast roads overnight");
}

TEST(HostileInput, AThousandDocumentsAndDuplicates) {
  TempDir dir;
  nlohmann::json story;
  story["id"] = "many";
  for (int i = 0; i < 1000; ++i) {
    story["docs"].push_back({{"id", std::to_string(i)}, {"text", std::string(kSentence) + " Report " + std::to_string(i) + " adds little."}});
  }
  const Outcome many = Summarize(dir, dir.Write("many.jsonl", Jsonl(story)).string());
  ASSERT_EQ(many.status, 0) << many.err;
  const auto j = nlohmann::json::parse(many.out);
  ASSERT_FALSE(j["sentences"].empty());
  EXPECT_EQ(j["sources"].size(), 1000u);
  // The articles differ in one sentence only: copies of the first, which
  // counts once for all of them.
  EXPECT_EQ(j["sentences"][0]["citations"], nlohmann::json({1}));
  for (std::size_t n = 1; n < 1000; ++n) EXPECT_EQ(j["sources"][n]["copy_of"], 1) << n;

  nlohmann::json dup;
  dup["id"] = "dup";
  for (int i = 0; i < 5; ++i) dup["docs"].push_back({{"text", kSentence}});
  const Outcome d = Summarize(dir, dir.Write("dup.jsonl", Jsonl(dup)).string());
  ASSERT_EQ(d.status, 0) << d.err;
  const auto k = nlohmann::json::parse(d.out);
  ASSERT_EQ(k["sentences"].size(), 1u);  // the same sentence once, from one text: the others are its copies
  EXPECT_EQ(k["sentences"][0]["citations"], nlohmann::json({1}));
  for (std::size_t n = 1; n < 5; ++n) EXPECT_EQ(k["sources"][n]["copy_of"], 1) << n;
}

TEST(HostileInput, NulBytesAndMixedScripts) {
  TempDir dir;
  const std::string russian = "Россия и Китай подписали соглашение о торговле в понедельник утром.";
  const std::string arabic = "وقعت روسيا والصين اتفاقية تجارية جديدة يوم الاثنين في موسكو.";
  const auto file = dir.Write("mixed.txt", std::string("A trade pact was") + '\0' + "signed on Monday by the two governments.\n" +
                                               russian + "\n" + arabic + "\n中国和俄罗斯周一签署了一项贸易协议。\n");
  const Outcome r = Summarize(dir, file.string() + " --sentences 5");
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.out.find('\0'), std::string::npos);
  EXPECT_NE(r.out.find("was signed on Monday"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find(russian), std::string::npos) << r.out;
  EXPECT_NE(r.out.find(arabic), std::string::npos) << r.out;
}

TEST(HostileInput, BrokenAndHostileHtml) {
  TempDir dir;
  // Truncated gzip: an error naming the file.
  const std::string page = std::string("<html><body><p>") + kSentence + "</p></body></html>";
  const std::string whole = precis::testing::Gzip(page);
  const std::string gz = whole.substr(0, whole.size() / 2);
  const Outcome truncated = Summarize(dir, dir.Write("page.html.gz", gz).string());
  EXPECT_EQ(truncated.status, 1);
  EXPECT_NE(truncated.err.find("page.html.gz: broken or truncated gzip data"), std::string::npos) << truncated.err;

  // 100,000 nested elements, unclosed tags, scripts only: an answer, fast.
  // (`precis clean` reads pages the same way: see CleanCommand.DeepHtml.)
  std::string deep = "<html><body>";
  for (int i = 0; i < 100000; ++i) deep += "<div>";
  deep += std::string("<p>") + kSentence + "</p></body></html>";
  const Outcome nested = Summarize(dir, dir.Write("deep.html", deep).string());
  ASSERT_EQ(nested.status, 0) << nested.err;  // the text under the nest is found (it used to be "no article text")
  EXPECT_NE(nested.out.find("crews worked until dawn"), std::string::npos) << nested.out;
  const Outcome unclosed =
      Summarize(dir, dir.Write("open.html", std::string("<html><body><article><p>") + kSentence + "<p><b><i>").string());
  EXPECT_EQ(unclosed.status, 0) << unclosed.err;
  EXPECT_NE(unclosed.out.find("crews worked until dawn"), std::string::npos);
  const Outcome scripts = Summarize(
      dir, dir.Write("scripts.html", "<html><head><script>var a = 1;</script></head><body><script>go()</script></body></html>")
               .string());
  EXPECT_EQ(scripts.status, 1);
  EXPECT_NE(scripts.err.find("no article text"), std::string::npos) << scripts.err;
}

// A 200 MB single-line story is refused by the story-size limit with the
// flag to raise it; a smaller limit on the line refuses it without holding it.
TEST(HostileInput, GiganticSingleLineStory) {
  TempDir dir;
  std::string text;
  text.reserve(200u << 20);
  while (text.size() < (200u << 20)) text += std::string(kSentence) + " ";
  nlohmann::json story;
  story["id"] = "huge";
  story["docs"] = {{{"text", std::move(text)}}};
  const auto file = dir.Write("huge.jsonl", Jsonl(story));
  story = nullptr;
  const Outcome by_story = Summarize(dir, file.string());
  EXPECT_EQ(by_story.status, 1);
  EXPECT_NE(by_story.err.find("huge.jsonl:1: the story has"), std::string::npos) << by_story.err;
  EXPECT_NE(by_story.err.find("(--max-story-bytes)"), std::string::npos) << by_story.err;
  const Outcome by_line = Summarize(dir, file.string() + " --max-line-bytes 1000000");
  EXPECT_EQ(by_line.status, 1);
  EXPECT_NE(by_line.err.find("huge.jsonl:1: the line is longer than the limit"), std::string::npos) << by_line.err;
}

// A gzip bomb (a few hundred kilobytes inflating to 300 MB): decompression
// stops at the story limit, with a message naming the file, the limit and the
// flag, before the story is held in memory; the same on standard input.
// A table run into one line is one enormous "sentence": it is cut at
// --max-sentence-bytes, the user hears so (with the story's line in batch
// mode), and the brief is still made of real sentences.
TEST(HostileInput, OverLongSentencesAreCutWithANote) {
  TempDir dir;
  std::string row = "Results ";
  for (int i = 0; i < 2000; ++i) row += "district" + std::to_string(i) + " 51.2% ";
  const std::string article = std::string(kSentence) + "\n" + row + "\n";
  const auto file = dir.Write("story.txt", article);
  Outcome r = Summarize(dir, file.string() + " --words 30");
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_NE(r.out.find(kSentence), std::string::npos) << r.out;
  EXPECT_NE(r.err.find("1 sentence was longer than 8,192 bytes and cut into pieces (--max-sentence-bytes)"),
            std::string::npos)
      << r.err;
  const auto jsonl = dir.Write("stories.jsonl", Jsonl({{"id", "a"}, {"docs", {kSentence}}}) +
                                                    Jsonl({{"id", "b"}, {"docs", {article}}}));
  r = Summarize(dir, jsonl.string() + " --max-sentence-bytes 1000 --threads 2");
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_NE(r.err.find("stories.jsonl:2: 1 sentence was longer than 1,000 bytes"), std::string::npos) << r.err;
  EXPECT_EQ(r.err.find("stories.jsonl:1:"), std::string::npos) << r.err;
  // Without a cut, no note.
  r = Summarize(dir, file.string() + " --max-sentence-bytes 1000000");
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.err.find("--max-sentence-bytes"), std::string::npos) << r.err;
}

TEST(HostileInput, GzipBombStopsAtTheStoryLimit) {
  TempDir dir;
  const auto bomb = dir.Write("bomb.txt.gz", precis::testing::Gzip(std::string(300u << 20, 'a')));
  const Outcome file = Summarize(dir, bomb.string() + " --max-story-bytes 1000000");
  EXPECT_EQ(file.status, 1);
  EXPECT_NE(file.err.find("bomb.txt.gz: the decompressed data passes the limit of 1000000 bytes; decompression "
                          "stopped there (--max-story-bytes)"),
            std::string::npos)
      << file.err;
  const Outcome in = Summarize(dir, "- --max-story-bytes 1000000 < " + bomb.string());
  EXPECT_EQ(in.status, 1);
  EXPECT_NE(in.err.find("<stdin>: the decompressed data passes the limit of 1000000 bytes"), std::string::npos)
      << in.err;
  // A directory's files share the limit; a plain file over it is named too.
  dir.Write("story/a.txt", std::string(600000, 'a'));
  dir.Write("story/b.txt", std::string(600000, 'b'));
  const Outcome story = Summarize(dir, (dir.path() / "story").string() + " --max-story-bytes 1000000");
  EXPECT_EQ(story.status, 1);
  // The limit, not what was left of it ("the limit of 0 bytes"), and the
  // bytes as read: a.txt in UTF-16 counted half when converted to UTF-8.
  EXPECT_NE(story.err.find("story: its files pass the limit of 1000000 bytes (at b.txt) (--max-story-bytes)"),
            std::string::npos)
      << story.err;
  dir.Write("story/a.txt", "\xFF\xFE" + precis::testing::Utf16Le(std::string(299999, 'a')));
  dir.Write("story/b.txt", std::string(500000, 'b'));
  const Outcome utf16 = Summarize(dir, (dir.path() / "story").string() + " --max-story-bytes 1000000");
  EXPECT_EQ(utf16.status, 1);
  EXPECT_NE(utf16.err.find("story: its files pass the limit of 1000000 bytes (at b.txt) (--max-story-bytes)"),
            std::string::npos)
      << utf16.err;
  // The limit named is the story's, also after an input before the folder
  // took part of it.
  dir.Write("first.txt", std::string(500000, 'f'));
  const Outcome after = Summarize(dir, (dir.path() / "first.txt").string() + " " + (dir.path() / "story").string() +
                                           " --max-story-bytes 1000000");
  EXPECT_EQ(after.status, 1);
  EXPECT_NE(after.err.find("story: its files pass the limit of 1000000 bytes (at a.txt) (--max-story-bytes)"),
            std::string::npos)
      << after.err;
  // A file after others: the same.
  const Outcome files = Summarize(dir, (dir.path() / "first.txt").string() + " " +
                                           (dir.path() / "story" / "a.txt").string() + " --max-story-bytes 1000000");
  EXPECT_EQ(files.status, 1);
  EXPECT_NE(files.err.find("a.txt: with the inputs before it, passes the limit of 1000000 bytes (--max-story-bytes)"),
            std::string::npos)
      << files.err;
}

// Gzip JSONL is streamed from standard input as from a file.
TEST(HostileInput, GzipJsonlOnStandardInput) {
  TempDir dir;
  const std::string story = Jsonl({{"id", "g"}, {"docs", {std::string(kSentence)}}});
  const Outcome plain = Summarize(dir, "- < " + dir.Write("s.jsonl", story).string());
  ASSERT_EQ(plain.status, 0) << plain.err;
  const Outcome packed = Summarize(dir, "- < " + dir.Write("s.gz", precis::testing::Gzip(story)).string());
  EXPECT_EQ(packed.status, 0) << packed.err;
  EXPECT_EQ(packed.out, plain.out);
}

// UTF-16 on standard input is treated as UTF-16 files are: text converted,
// JSONL refused with the same clear message (it used to be "invalid UTF-8"
// or text with a space between letters).
TEST(HostileInput, Utf16OnStandardInput) {
  TempDir dir;
  const std::string text = std::string(kSentence) + "\nWork on the roads will start in May and last two years.\n";
  const std::string le = precis::testing::Utf16Le(text);
  const std::string be = '\0' + le.substr(0, le.size() - 1);  // the same bytes shifted: big endian
  for (const std::string& bytes : {"\xFF\xFE" + le, le, "\xFE\xFF" + be, be}) {
    const Outcome r = Summarize(dir, "- --sentences 5 < " + dir.Write("in.txt", bytes).string());
    ASSERT_EQ(r.status, 0) << r.err;
    EXPECT_NE(r.out.find("crews worked until dawn"), std::string::npos) << r.out;
  }
  const std::string story = "{\"docs\": [\"" + std::string(kSentence) + "\"]}\n";
  const std::string jsonl_le = precis::testing::Utf16Le(story);
  for (const std::string& bytes : {jsonl_le, "\xFF\xFE" + jsonl_le}) {
    const Outcome r = Summarize(dir, "- < " + dir.Write("in.jsonl", bytes).string());
    EXPECT_EQ(r.status, 1);
    EXPECT_NE(r.err.find("<stdin>: the input is UTF-16 text; JSONL must be UTF-8"), std::string::npos) << r.err;
  }
}

// A UTF-16 page declaring charset="utf-16" used to give an empty summary.
TEST(HostileInput, Utf16PageWithACharsetDeclaration) {
  TempDir dir;
  const std::string page = "\xFF\xFE" + precis::testing::Utf16Le("<html><head><meta charset=\"utf-16\"></head><body><p>" +
                                                                   std::string(kSentence) + "</p></body></html>");
  for (const std::string& input : {"- < " + dir.Write("page", page).string(), dir.Write("page.html", page).string()}) {
    const Outcome r = Summarize(dir, input);
    ASSERT_EQ(r.status, 0) << input << ": " << r.err;
    EXPECT_NE(r.out.find("crews worked until dawn"), std::string::npos) << input << ": " << r.out;
  }
}

}  // namespace
