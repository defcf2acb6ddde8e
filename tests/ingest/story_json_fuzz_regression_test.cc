// Inputs found by fuzz/story_json_fuzzer: bad stories must give precis::Error
// naming the line, never another exception.
#include <gtest/gtest.h>

#include <string>

#include "precis/error.h"
#include "precis/ingest.h"

namespace precis::ingest {
namespace {

std::string ErrorOf(const std::string& line) {
  try {
    (void)ParseStoryJson(line, "in.jsonl", 4);
  } catch (const Error& e) {
    return e.what();
  }
  return "";
}

// nlohmann::json reports a number too large for a double as out_of_range,
// not parse_error: it escaped as a foreign exception.
TEST(StoryJsonFuzzRegression, NumberOverflowIsAnError) {
  const std::string e = ErrorOf(R"({"docs": [{"text": 1e5776522}]})");
  EXPECT_NE(e.find("in.jsonl:4: invalid JSON"), std::string::npos) << e;
  EXPECT_NE(e.find("1e5776522"), std::string::npos) << e;
}

}  // namespace
}  // namespace precis::ingest
