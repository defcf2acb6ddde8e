// The ASCII sentence breaks against ICU's own iterator, which they replace
// for plain ASCII lines and must equal break for break.
#include <unicode/brkiter.h>
#include <unicode/locid.h>
#include <unicode/unistr.h>

#include <gtest/gtest.h>

#include <cstdint>
#include <fstream>
#include <iterator>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "common/lcg.h"
#include "test_support.h"
#include "text/sentence_breaks.h"

namespace {

class IcuBreaks {
 public:
  IcuBreaks() {
    UErrorCode status = U_ZERO_ERROR;
    breaker_.reset(icu::BreakIterator::createSentenceInstance(icu::Locale("en@ss=standard"), status));
    if (U_FAILURE(status)) breaker_.reset();
  }
  bool ok() const { return breaker_ != nullptr; }
  // ICU's breaks inside an ASCII line (UTF-16 offsets are byte offsets).
  std::vector<std::size_t> operator()(const std::string& line) {
    std::vector<std::size_t> out;
    breaker_->setText(icu::UnicodeString::fromUTF8(line));
    for (std::int32_t b = breaker_->next(); b != icu::BreakIterator::DONE; b = breaker_->next()) {
      if (b > 0 && static_cast<std::size_t>(b) < line.size()) out.push_back(static_cast<std::size_t>(b));
    }
    return out;
  }

 private:
  std::unique_ptr<icu::BreakIterator> breaker_;
};

std::vector<std::size_t> Ours(const std::string& line) {
  std::vector<std::size_t> out;
  EXPECT_TRUE(precis::text::AsciiSentenceBreaks(line, &out)) << line;
  return out;
}

TEST(SentenceBreaks, NewsSentences) {
  IcuBreaks icu;
  ASSERT_TRUE(icu.ok());
  for (const std::string line : {
           "The river rose. Villages were flooded! Was anyone hurt? Nobody knows.",
           "Mr. Smith met Dr. Jones at 9 a.m. in the U.S. Capitol. They talked.",
           "He earned a Ph.D. in 1990. She did not.", "Prices rose 3.5 percent.Analysts were surprised.",
           "\"Stop!\" he said. (It was late.) Then: nothing.", "U.S.A. Today. U.S. troops left. U. Smith came.",
           "The vote was 5-4. etc. and so on... Really?! Yes.", "Ends with a quote.\" Next one starts 'here.'",
           "Tabs\tafter.\tNew one. \t Another.", "No. 1 is Jan. 5. Sept. 9 too. vs. them."}) {
    EXPECT_EQ(Ours(line), icu(line)) << line;
  }
}

TEST(SentenceBreaks, NotPlainAscii) {
  std::vector<std::size_t> out;
  EXPECT_FALSE(precis::text::AsciiSentenceBreaks("It rose. \xE2\x80\x9CNo,\xE2\x80\x9D he said.", &out));
  EXPECT_FALSE(precis::text::AsciiSentenceBreaks("One.\rTwo.", &out));
  EXPECT_TRUE(out.empty());
}

// Random lines over the bytes the rules tell apart, abbreviations among
// them: every rule and the filter's two-step matches are met many times.
TEST(SentenceBreaks, RandomLinesMatchIcu) {
  IcuBreaks icu;
  ASSERT_TRUE(icu.ok());
  static const char* const kPieces[] = {
      ".", ".", "?", "!", " ", " ", "  ", "\t", "\"", "'", "(", ")", "[", "]", "{", "}", ",", "-", ":", ";",
      "a", "b", "Z", "Q", "7", "0", "$", "%", "&", "/", "*", "#", "<", ">", "=", "@", "_", "~", "|", "+",
      "word", "The", "he", "Mr.", "Dr.", "U.", "S.", "U.S.", "U.S.A.", "U.S.C.", "Ph.D.", "Ph.", "a.m.",
      "p.m.", "e.g.", "E.g.", "I.e.", "Lt.Cdr.", "Lt.", "No.", "Jan.", "Sept.", "etc.", "Etc.", "vs.",
      "Hon.B.A.", "S.p.A.", "S.A.R.", "M.I.T.", "Inc.", "Corp."};
  precis::Lcg rng(14);
  std::size_t mismatches = 0;
  for (int n = 0; n < 50000; ++n) {
    std::string line;
    const std::size_t pieces = 1 + rng.Next(14);
    for (std::size_t k = 0; k < pieces; ++k) line += kPieces[rng.Next(static_cast<std::uint32_t>(std::size(kPieces)))];
    const std::vector<std::size_t> ours = Ours(line), theirs = icu(line);
    if (ours != theirs && ++mismatches <= 20) ADD_FAILURE() << "[" << line << "]";
  }
  EXPECT_EQ(mismatches, 0u);
}

// Every plain ASCII line of the benchmark sets (skipped without them).
TEST(SentenceBreaks, BenchmarkLinesMatchIcu) {
  const std::filesystem::path dir = precis::testing::SharedDir() / "data" / "bench";
  if (!std::filesystem::exists(dir / "duc2006.jsonl")) GTEST_SKIP() << "no benchmark sets in " << dir;
  IcuBreaks icu;
  ASSERT_TRUE(icu.ok());
  std::size_t lines = 0, mismatches = 0;
  for (const char* set : {"duc2006", "tac2011-en", "multinews-val250", "multinews-test200"}) {
    std::ifstream in(dir / (std::string(set) + ".jsonl"));
    std::string json;
    while (std::getline(in, json)) {
      const nlohmann::json story = nlohmann::json::parse(json);
      for (const auto& doc : story.at("docs")) {
        const std::string text = doc.value("text", "");
        for (std::size_t begin = 0; begin < text.size();) {
          std::size_t end = text.find('\n', begin);
          if (end == std::string::npos) end = text.size();
          const std::string line = text.substr(begin, end - begin);
          begin = end + 1;
          std::vector<std::size_t> ours;
          if (!precis::text::AsciiSentenceBreaks(line, &ours)) continue;
          ++lines;
          if (ours != icu(line) && ++mismatches <= 20) ADD_FAILURE() << set << ": [" << line << "]";
        }
      }
    }
  }
  EXPECT_GT(lines, 10000u);
  EXPECT_EQ(mismatches, 0u);
}

}  // namespace
