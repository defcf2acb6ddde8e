// Inputs found by fuzz/html_fuzzer that once hung or crashed the extractor.
#include <gtest/gtest.h>

#include <string>

#include "precis/html.h"

namespace precis {
namespace {

// A <title> with a separator and no other headline (no og:title, h1 or
// JSON-LD): the title splitter looped for ever once it reached the end.
TEST(ExtractFuzzRegression, TitleWithSeparatorAndNoOtherHeadline) {
  const ExtractedArticle a = ExtractArticleWithStructure(
      "<html><head><title>Ferry resumes service | Coast News</title></head>"
      "<body><p>The ferry returned to the bay on Sunday after a month of repairs.</p></body></html>");
  EXPECT_EQ(a.doc.title, "Ferry resumes service");
}

TEST(ExtractFuzzRegression, TitleMadeOfSeparatorsOnly) {
  for (const char* title : {" | ", " - - ", "a | b - c \xE2\x80\x93 dd", " \xE2\x80\x94 ", "x |"}) {
    const std::string page = std::string("<title>") + title + "</title><p>Text.</p>";
    (void)ExtractArticleWithStructure(page);  // terminates
  }
  EXPECT_EQ(ExtractArticleWithStructure("<title>a | b - c \xE2\x80\x93 dd</title>").doc.title, "dd");
}

}  // namespace
}  // namespace precis
