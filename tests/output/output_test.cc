#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <limits>
#include <string>

#include "precis/error.h"
#include "precis/output.h"

namespace {

namespace sz = precis::summarize;

TEST(Output, TextMarkdownJson) {
  precis::Story story;
  story.id = "st";
  precis::Document a;
  a.id = "a.txt";
  precis::Document b;
  b.id = "b";
  b.title = "Dam holds";
  b.source = "River Post";
  b.url = "https://example.org/dam";
  story.docs = {a, b};
  sz::Summary s;
  s.story_id = "st";
  s.method = "precis";
  s.budget = {sz::BudgetKind::kWords, 50};
  sz::SummarySentence x;
  x.text = "The dam held.";
  x.doc = 1;
  x.position = 2;
  x.cited_docs = {0, 1};
  x.support = {{1, 2, 1.0}, {0, 0, 0.8}};
  x.support_score = 1.0;
  s.sentences = {x};
  s.words = 3;
  s.bytes = 13;
  EXPECT_EQ(precis::output::FormatSummary(story, s, precis::output::Format::kText),
            "The dam held. [1,2]\n\nSources:\n[1] a.txt\n[2] River Post \xE2\x80\x94 Dam holds \xE2\x80\x94 "
            "https://example.org/dam\n");
  const std::string md = precis::output::FormatSummary(story, s, precis::output::Format::kMarkdown);
  EXPECT_NE(md.find("1. a.txt\n2. River Post \xE2\x80\x94 [Dam holds](https://example.org/dam)\n"), std::string::npos) << md;
  const std::string js = precis::output::FormatSummary(story, s, precis::output::Format::kJson);
  EXPECT_EQ(std::count(js.begin(), js.end(), '\n'), 1);
  const auto j = nlohmann::json::parse(js);
  EXPECT_EQ(j["budget"]["unit"], "words");
  EXPECT_EQ(j["sentences"][0]["citations"], nlohmann::json({1, 2}));
  EXPECT_EQ(j["sentences"][0]["doc"], 2);
  EXPECT_EQ(j["sentences"][0]["support"][1]["doc_id"], "a.txt");
  // Nothing says when: the date fields are there, empty, and no range.
  EXPECT_EQ(j["sentences"][0]["event_date"], "");
  EXPECT_EQ(j["sentences"][0]["date_basis"], "");
  EXPECT_EQ(j["sentences"][0]["date_phrase"], "");
  EXPECT_EQ(j["sentences"][0].count("event_date_range"), 0u);
  EXPECT_EQ(j["sources"][1]["url"], "https://example.org/dam");
  EXPECT_EQ(j.count("query"), 0u);
  EXPECT_THROW(precis::output::ParseFormat("pdf"), precis::Error);

  // A query-focused brief says which question it answers, first; one that
  // could not use its question says that too.
  story.query = "Did the dam hold?";
  EXPECT_EQ(precis::output::FormatSummary(story, s, precis::output::Format::kText)
                .rfind("Question (not used, generic brief): Did the dam hold?\n\n", 0),
            0u);
  EXPECT_EQ(nlohmann::json::parse(precis::output::FormatSummary(story, s, precis::output::Format::kJson))["query_used"],
            false);
  s.answers_question = true;
  EXPECT_EQ(precis::output::FormatSummary(story, s, precis::output::Format::kText).rfind("Question: Did the dam hold?\n\nThe dam held. [1,2]\n", 0),
            0u);
  EXPECT_EQ(precis::output::FormatSummary(story, s, precis::output::Format::kMarkdown).rfind("**Question:** Did the dam hold?\n\n", 0),
            0u);
  EXPECT_EQ(nlohmann::json::parse(precis::output::FormatSummary(story, s, precis::output::Format::kJson))["query"],
            "Did the dam hold?");
}

// Sources name the outlet first; the id (a file name) appears only when
// neither outlet nor title says which article it is.
TEST(Output, PartialSupportCopiesAndDisagreementsInTextAndMarkdown) {
  precis::Story story;
  story.id = "st";
  for (const char* id : {"a", "b", "c"}) {
    precis::Document d;
    d.id = id;
    story.docs.push_back(d);
  }
  sz::Summary s;
  s.budget = {sz::BudgetKind::kWords, 50};
  sz::SummarySentence x;
  x.text = "Twelve people were hurt.";
  x.doc = 0;
  x.cited_docs = {0, 1};
  x.support = {{0, 0, 1.0}, {1, 4, 0.45, 1, sz::SupportLevel::kPartly}};
  s.sentences = {x};
  s.copy_of = {0, 1, 0};
  s.disagreements.push_back({"number", "how many injured", {{"12", {0}, {{0, 0, 1.0}}}, {"14", {1}, {{1, 2, 1.0}}}}});
  const std::string text = precis::output::FormatSummary(story, s, precis::output::Format::kText);
  EXPECT_NE(text.find("Twelve people were hurt. [1; partly 2]\n"), std::string::npos) << text;
  EXPECT_NE(text.find("Where the sources disagree:\n- How many injured: 12 [1]; 14 [2]\n"), std::string::npos) << text;
  EXPECT_NE(text.find("[3] c (copy of [1])\n"), std::string::npos) << text;
  EXPECT_LT(text.find("Where the sources disagree"), text.find("Sources:")) << text;
  const std::string md = precis::output::FormatSummary(story, s, precis::output::Format::kMarkdown);
  EXPECT_NE(md.find("**Where the sources disagree**\n\n- How many injured: 12 [1]; 14 [2]\n"), std::string::npos) << md;
  EXPECT_NE(md.find("3. c (copy of [1])\n"), std::string::npos) << md;
  // Articles that agree: no section at all.
  s.disagreements.clear();
  EXPECT_EQ(precis::output::FormatSummary(story, s, precis::output::Format::kText).find("disagree"), std::string::npos);
}

TEST(Output, SourcesNameTheOutletFirst) {
  precis::Story story;
  precis::Document outlet_only, dated_only, all;
  outlet_only.id = "001_x.txt";
  outlet_only.source = "Valley Courier";
  dated_only.id = "002_y.txt";
  dated_only.date = "2030-05-06";
  all.id = "003_z.txt";
  all.source = "Northern Wire";
  all.title = "Ferry sails";
  all.date = "2030-05-07";
  story.docs = {outlet_only, dated_only, all};
  sz::Summary s;
  const std::string dash = " \xE2\x80\x94 ";
  const std::string text = precis::output::FormatSummary(story, s, precis::output::Format::kText);
  EXPECT_NE(text.find("[1] Valley Courier\n[2] 002_y.txt" + dash + "2030-05-06\n[3] Northern Wire" + dash +
                      "Ferry sails" + dash + "2030-05-07\n"),
            std::string::npos)
      << text;
  EXPECT_EQ(text.find("001_x"), std::string::npos);
  const std::string md = precis::output::FormatSummary(story, s, precis::output::Format::kMarkdown);
  EXPECT_NE(md.find("1. Valley Courier\n2. 002_y.txt (2030-05-06)\n3. Northern Wire" + dash +
                    "Ferry sails (2030-05-07)\n"),
            std::string::npos)
      << md;
  const auto j = nlohmann::json::parse(precis::output::FormatSummary(story, s, precis::output::Format::kJson));
  EXPECT_EQ(j["sources"][0]["source"], "Valley Courier");
  EXPECT_EQ(j["sources"][1].count("source"), 0u);
}

// A quotation over two sentences carries its markers once, at its end; the
// JSON says which sentence goes on with the next.
TEST(Output, AQuotationIsCitedOnceAtItsEnd) {
  precis::Story story;
  story.docs.resize(2);
  sz::Summary s;
  sz::SummarySentence open, close;
  open.text = "\xE2\x80\x9CWe waited all night.";
  open.cited_docs = {0, 1};
  open.support = {{0, 0, 1.0}, {1, 3, 0.7}};
  open.cites_with_next = true;
  close.text = "Nobody came,\xE2\x80\x9D she said.";
  close.position = 1;
  close.cited_docs = {0, 1};
  close.support = {{0, 1, 1.0}, {1, 3, 0.7}};
  s.sentences = {open, close};
  const std::string text = precis::output::FormatSummary(story, s, precis::output::Format::kText);
  EXPECT_EQ(text.rfind("\xE2\x80\x9CWe waited all night. Nobody came,\xE2\x80\x9D she said. [1,2]\n", 0), 0u) << text;
  const auto j = nlohmann::json::parse(precis::output::FormatSummary(story, s, precis::output::Format::kJson));
  EXPECT_EQ(j["sentences"][0]["cites_with_next"], true);
  EXPECT_EQ(j["sentences"][1].count("cites_with_next"), 0u);
}

// An article nothing names is shown by its opening words, not its file name.
TEST(Output, UntitledArticlesAreShownByTheirOpeningWords) {
  precis::Story story;
  precis::Document short_lede, long_lede;
  short_lede.id = "001_5f3a.txt";
  short_lede.text = "Ferry  halts crossings.\nThe second line is not shown.";
  long_lede.id = "002_9c1e.txt";
  long_lede.text = "The harbour board closed the northern slipway on Tuesday after a crack was found in its ramp.";
  story.docs = {short_lede, long_lede};
  sz::Summary s;
  const std::string text = precis::output::FormatSummary(story, s, precis::output::Format::kText);
  EXPECT_NE(text.find("[1] untitled: \xE2\x80\x9C" "Ferry halts crossings.\xE2\x80\x9D\n"), std::string::npos) << text;
  EXPECT_NE(text.find("[2] untitled: \xE2\x80\x9C" "The harbour board closed the northern slipway on Tuesday after\xE2\x80\xA6\xE2\x80\x9D\n"),
            std::string::npos)
      << text;
  EXPECT_EQ(text.find("_5f3a"), std::string::npos) << text;
  const std::string md = precis::output::FormatSummary(story, s, precis::output::Format::kMarkdown);
  EXPECT_NE(md.find("1. untitled: \xE2\x80\x9C" "Ferry halts crossings.\xE2\x80\x9D\n"), std::string::npos) << md;
  // The JSON keeps the id: a program needs it to find the article.
  const auto j = nlohmann::json::parse(precis::output::FormatSummary(story, s, precis::output::Format::kJson));
  EXPECT_EQ(j["sources"][0]["id"], "001_5f3a.txt");
}

// The JSON output as nlohmann::ordered_json dumped it, which the written
// form must match byte for byte.
std::string ReferenceJson(const precis::Story& story, const sz::Summary& summary) {
  nlohmann::ordered_json j;
  j["id"] = summary.story_id;
  if (!story.query.empty()) {
    j["query"] = story.query;
    j["query_used"] = summary.answers_question;
  }
  j["method"] = summary.method;
  j["budget"] = {{"unit", std::string(sz::BudgetKindName(summary.budget.kind))}, {"limit", summary.budget.limit}};
  j["words"] = summary.words;
  j["bytes"] = summary.bytes;
  nlohmann::ordered_json sentences = nlohmann::ordered_json::array();
  for (const auto& s : summary.sentences) {
    nlohmann::ordered_json js;
    js["text"] = s.text;
    nlohmann::ordered_json cites = nlohmann::ordered_json::array();
    for (std::size_t d : s.cited_docs) cites.push_back(d + 1);
    js["citations"] = cites;
    js["doc"] = s.doc + 1;
    js["sentence"] = s.position;
    js["score"] = s.score;
    js["support_score"] = s.support_score;
    js["event_date"] = s.event_date;
    if (!s.event_date_earliest.empty()) js["event_date_range"] = {s.event_date_earliest, s.event_date_latest};
    js["date_basis"] = s.date_basis;
    js["date_phrase"] = s.date_phrase;
    nlohmann::ordered_json support = nlohmann::ordered_json::array();
    for (const auto& sup : s.support) {
      nlohmann::ordered_json one = {{"doc", sup.doc + 1},
                                    {"doc_id", story.docs[sup.doc].id},
                                    {"sentence", sup.sentence},
                                    {"similarity", sup.similarity}};
      if (sup.sentences > 1) one["sentences"] = sup.sentences;
      one["level"] = std::string(sz::SupportLevelName(sup.level));
      support.push_back(one);
    }
    js["support"] = support;
    sentences.push_back(js);
  }
  j["sentences"] = sentences;
  nlohmann::ordered_json disagreements = nlohmann::ordered_json::array();
  for (const auto& d : summary.disagreements) {
    nlohmann::ordered_json versions = nlohmann::ordered_json::array();
    for (const auto& v : d.versions) {
      nlohmann::ordered_json docs = nlohmann::ordered_json::array(), where = nlohmann::ordered_json::array();
      for (std::size_t doc : v.docs) docs.push_back(doc + 1);
      for (const auto& sup : v.sentences) where.push_back({{"doc", sup.doc + 1}, {"sentence", sup.sentence}});
      versions.push_back({{"value", v.value}, {"docs", docs}, {"sentences", where}});
    }
    disagreements.push_back({{"kind", d.kind}, {"about", d.about}, {"versions", versions}});
  }
  j["disagreements"] = disagreements;
  nlohmann::ordered_json sources = nlohmann::ordered_json::array();
  for (std::size_t d = 0; d < story.docs.size(); ++d) {
    const precis::Document& doc = story.docs[d];
    nlohmann::ordered_json js;
    js["n"] = d + 1;
    js["id"] = doc.id;
    if (!doc.title.empty()) js["title"] = doc.title;
    if (!doc.source.empty()) js["source"] = doc.source;
    if (!doc.date.empty()) js["date"] = doc.date;
    if (!doc.url.empty()) js["url"] = doc.url;
    if (d < summary.copy_of.size() && summary.copy_of[d] != d) js["copy_of"] = summary.copy_of[d] + 1;
    sources.push_back(js);
  }
  j["sources"] = sources;
  return j.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + "\n";
}

TEST(Output, JsonMatchesNlohmannDump) {
  precis::Story story;
  story.id = "q\"uote\\d";
  for (const char* id : {"a\x01\x1F\x7F", "b\b\f\n\r\t", "\xC3\xA9t\xC3\xA9 \xE2\x80\x9Cx\xE2\x80\x9D", "bad\xFF\xC3"}) {
    precis::Document d;
    d.id = id;
    d.title = std::string("T ") + id;
    d.date = "2030-01-02";
    story.docs.push_back(d);
  }
  story.docs[1].source = "S";
  story.docs[2].url = "u";
  sz::Summary s;
  s.story_id = story.id;
  s.method = "precis";
  s.budget = {sz::BudgetKind::kBytes, 665};
  s.words = 12345678901234ull;
  s.bytes = 0;
  const double values[] = {0.0, -0.0, 1.0, 0.1, 1.0 / 3, 1e-7, 123456789.125, 1e300, 5e-324,
                           std::numeric_limits<double>::quiet_NaN(), std::numeric_limits<double>::infinity(), 0.45};
  for (std::size_t i = 0; i < std::size(values); ++i) {
    sz::SummarySentence x;
    x.text = std::string("Sentence \"") + story.docs[i % 4].id + "\\ end.";
    x.doc = i % 4;
    x.position = i;
    x.cited_docs = {i % 4};
    x.support = {{i % 4, i, values[i]}, {(i + 1) % 4, 7, values[(i + 3) % std::size(values)]}};
    if (i % 2 == 1) {
      x.support.back().level = sz::SupportLevel::kPartly;
      x.support.back().sentences = 2;
    }
    x.score = values[(i + 5) % std::size(values)];
    x.support_score = values[i];
    if (i % 3 == 1) {
      x.event_date = "2031-03-12";
      x.date_basis = "phrase";
      x.date_phrase = "on \"Wednesday\"";
    }
    if (i % 3 == 2) {
      x.event_date = "2031-03-13";
      x.event_date_earliest = "2031-03-10";
      x.event_date_latest = "2031-03-16";
      x.date_basis = "phrase";
      x.date_phrase = "last week";
    }
    s.sentences.push_back(x);
  }
  s.copy_of = {0, 1, 0, 3};
  s.disagreements.push_back({"number", "injured \"x\"", {{"12", {0, 2}, {{0, 3, 1.0}, {2, 1, 1.0}}}, {"14", {1}, {{1, 0, 1.0}}}}});
  EXPECT_EQ(precis::output::FormatSummary(story, s, precis::output::Format::kJson), ReferenceJson(story, s));
  story.query = "Why \"this\"?\n\xC3\xA9";
  EXPECT_EQ(precis::output::FormatSummary(story, s, precis::output::Format::kJson), ReferenceJson(story, s));
  story.query.clear();
  s.sentences.clear();
  s.disagreements.clear();
  s.copy_of = {0};
  story.docs.resize(1);
  EXPECT_EQ(precis::output::FormatSummary(story, s, precis::output::Format::kJson), ReferenceJson(story, s));
}

}  // namespace
