#include "summarize/method_registry.h"

#include <gtest/gtest.h>

#include <set>
#include <stdexcept>
#include <string>

#include "precis/error.h"
#include "precis/ingest.h"
#include "precis/pipeline.h"
#include "precis/summarize.h"

namespace precis::summarize {
namespace {

Story VaccineRecall() {
  const Story raw = ingest::ReadDirectoryStory(std::string(PRECIS_SOURCE_DIR) + "/tests/data/stories/vaccine-recall");
  return SummarizerInput(raw, CleanStoryInput(raw, CleanOptions{}));
}

TEST(MethodRegistryTest, EveryMethodIsOneEntryAndTheDefaultComesFirst) {
  ASSERT_FALSE(Methods().empty());
  EXPECT_EQ(DefaultMethod(), Methods().front().name);
  std::set<std::string> names;
  for (const MethodInfo& method : Methods()) {
    EXPECT_TRUE(names.insert(std::string(method.name)).second) << method.name << " twice";
    EXPECT_EQ(FindMethod(method.name), &method);
    EXPECT_FALSE(method.description.empty()) << method.name;
    std::set<std::string> keys;
    for (const MethodParameter& p : method.parameters) {
      EXPECT_TRUE(keys.insert(std::string(p.name)).second) << method.name << ": " << p.name << " twice";
      EXPECT_FALSE(p.meaning.empty()) << method.name << ": " << p.name;
    }
  }
  EXPECT_EQ(MethodNames().size(), Methods().size());
  EXPECT_EQ(FindMethod("nope"), nullptr);
  EXPECT_THROW(detail::FindEntry("nope"), Error);
  EXPECT_EQ(detail::FindEntry("").info.name, DefaultMethod());
}

// A method that selects by itself takes its fallback's parameters, with the
// same defaults (they are read with the fallback's).
TEST(MethodRegistryTest, AFallbackSharesItsParametersAndDefaults) {
  for (const detail::MethodEntry& entry : detail::Registry()) {
    EXPECT_EQ(entry.select == nullptr, entry.fallback.empty()) << entry.info.name;
    EXPECT_EQ(entry.score == nullptr, entry.select != nullptr) << entry.info.name;
    if (entry.fallback.empty()) continue;
    const MethodInfo& fallback = detail::FindEntry(entry.fallback).info;
    for (const MethodParameter& p : entry.info.parameters) {
      for (const MethodParameter& q : fallback.parameters) {
        if (p.name == q.name) {
          EXPECT_EQ(p.default_value, q.default_value) << entry.info.name << ": " << p.name;
        }
      }
    }
  }
}

// Every method reads only parameters its entry declares (else Params::Get
// throws std::logic_error), with and without a question, and every
// declared parameter given at its default changes nothing.
TEST(MethodRegistryTest, MethodsReadOnlyTheirDeclaredParameters) {
  Story story = VaccineRecall();
  ASSERT_GE(story.docs.size(), 4u);
  Summarizer summarizer;
  for (const MethodInfo& method : Methods()) {
    for (const std::string& query : {std::string(), std::string("Why were the vaccine batches recalled?")}) {
      story.query = query;
      Options options;
      options.method = std::string(method.name);
      Summary plain;
      ASSERT_NO_THROW(plain = summarizer.Summarize(story, options)) << method.name;
      for (const MethodParameter& p : method.parameters) {
        char value[64];
        std::snprintf(value, sizeof value, "%.17g", p.default_value);
        if (!options.params.empty()) options.params += ',';
        options.params.append(p.name).append("=").append(value);
      }
      // mindf's default depends on the story: 3 holds for 4 articles or more.
      const Summary given = summarizer.Summarize(story, options);
      ASSERT_EQ(given.sentences.size(), plain.sentences.size()) << method.name;
      for (std::size_t i = 0; i < plain.sentences.size(); ++i) {
        EXPECT_EQ(given.sentences[i].text, plain.sentences[i].text) << method.name;
      }
    }
  }
}

TEST(MethodRegistryTest, ParamsRefuseUndeclaredKeysAndRebindToAFallback) {
  const MethodInfo& precis = *FindMethod("precis");
  const MethodInfo& concepts = *FindMethod("concepts");
  try {
    detail::Params("nosuch=1", precis);
    ADD_FAILURE() << "no error";
  } catch (const Error& e) {
    EXPECT_EQ(std::string(e.what()).rfind("method parameters: \"nosuch\" is not a parameter of precis (known: "
                                          "redundancy, ",
                                          0),
              0u)
        << e.what();
  }
  const detail::Params params("mindf=2,docpow=3", concepts);
  EXPECT_EQ(params.Get("mindf"), 2);
  EXPECT_TRUE(params.Given("mindf"));
  EXPECT_FALSE(params.Given("gap"));
  EXPECT_EQ(params.Get("timelimit"), 1000);
  EXPECT_THROW(params.Get("focus"), std::logic_error);  // not one of concepts'
  const detail::Params fallback = params.For(precis);
  EXPECT_EQ(fallback.Get("docpow"), 3);
  EXPECT_EQ(fallback.Get("focus"), 1);
  EXPECT_FALSE(fallback.Given("mindf"));
  EXPECT_THROW(fallback.Get("mindf"), std::logic_error);
}

}  // namespace
}  // namespace precis::summarize
