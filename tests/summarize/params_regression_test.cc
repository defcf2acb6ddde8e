// Method parameters (--params) found by fuzz/summarize_fuzzer: values that
// are not finite, or out of range for an integer parameter, were converted
// to integers (undefined behaviour).
#include <gtest/gtest.h>

#include <string>

#include "precis/error.h"
#include "precis/summarize.h"

namespace precis::summarize {
namespace {

Story TwoArticles() {
  // Documents built from std::string values: assigning literals to the
  // fields trips GCC 12's -Wrestrict false positive at -O2.
  auto doc = [](std::string id, std::string text) {
    Document d;
    d.id = std::move(id);
    d.text = std::move(text);
    return d;
  };
  Story story;
  story.docs.push_back(doc("1", "The council approved the harbour budget on Monday. Engineers will start the repairs in May."));
  story.docs.push_back(doc("2", "On Monday the council approved the budget for the harbour. The repairs cost four million."));
  return story;
}

TEST(ParamsRegression, NonFiniteValuesAreErrors) {
  Summarizer summarizer;
  for (const std::string params : {"terms=nan", "terms=inf", "redundancy=-inf", "decay=NaN"}) {
    Options o;
    o.method = "centroid";
    o.params = params;
    EXPECT_THROW(summarizer.Summarize(TwoArticles(), o), Error) << params;
  }
}

TEST(ParamsRegression, OutOfRangeTermCountsAreClamped) {
  Summarizer summarizer;
  for (const std::string params : {"terms=1e300", "terms=-5", "terms=0"}) {
    Options o;
    o.method = "centroid";
    o.params = params;
    EXPECT_NO_THROW(summarizer.Summarize(TwoArticles(), o)) << params;
  }
}

}  // namespace
}  // namespace precis::summarize
