// `precis summarize` on bad, big and hostile input: every case ends with a
// result or a clear error naming the input, never a crash or a silent drop.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <zlib.h>

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
  EXPECT_GE(j["sentences"][0]["citations"].size(), 1000u);  // every article reports the storm

  nlohmann::json dup;
  dup["id"] = "dup";
  for (int i = 0; i < 5; ++i) dup["docs"].push_back({{"text", kSentence}});
  const Outcome d = Summarize(dir, dir.Write("dup.jsonl", Jsonl(dup)).string());
  ASSERT_EQ(d.status, 0) << d.err;
  const auto k = nlohmann::json::parse(d.out);
  ASSERT_EQ(k["sentences"].size(), 1u);  // the same sentence once, cited by all five
  EXPECT_EQ(k["sentences"][0]["citations"], nlohmann::json({1, 2, 3, 4, 5}));
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
  uLongf size = compressBound(page.size()) + 32;
  std::string gz(size, '\0');
  z_stream z{};
  deflateInit2(&z, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY);
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(page.data()));
  z.avail_in = static_cast<uInt>(page.size());
  z.next_out = reinterpret_cast<Bytef*>(gz.data());
  z.avail_out = static_cast<uInt>(gz.size());
  deflate(&z, Z_FINISH);
  gz.resize(z.total_out / 2);
  deflateEnd(&z);
  const Outcome truncated = Summarize(dir, dir.Write("page.html.gz", gz).string());
  EXPECT_EQ(truncated.status, 1);
  EXPECT_NE(truncated.err.find("page.html.gz: broken or truncated gzip data"), std::string::npos) << truncated.err;

  // 100,000 nested elements, unclosed tags, scripts only: an answer, fast.
  std::string deep = "<html><body>";
  for (int i = 0; i < 100000; ++i) deep += "<div>";
  deep += std::string("<p>") + kSentence + "</p></body></html>";
  const Outcome nested = Summarize(dir, dir.Write("deep.html", deep).string());
  EXPECT_TRUE(nested.status == 0 || nested.err.find("no article text") != std::string::npos) << nested.err;
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

}  // namespace
