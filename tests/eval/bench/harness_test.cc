// The bench harness: presets, method lists, loading, running every method,
// external commands and the reports.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <sstream>
#include <string>
#include <vector>

#include "cli/rouge_command.h"
#include "precis/bench.h"
#include "precis/error.h"
#include "test_support.h"

namespace precis::bench {
namespace {

using testing::TempDir;

std::vector<std::string> Words(const std::string& s) {
  std::istringstream in(s);
  std::vector<std::string> out;
  std::string w;
  while (in >> w) out.push_back(w);
  return out;
}

TEST(Presets, FlagsAreTheOnesOfTheIssueAndParseToTheSameOptions) {
  EXPECT_EQ(GetPreset("duc").flags, "-n 4 -m -a -l 100 -x -c 95 -r 1000 -f A -p 0.5 -t 0");
  EXPECT_EQ(GetPreset("multinews").flags, "-n 2 -2 4 -u -m -a -l 300 -c 95 -r 1000 -f A -p 0.5 -t 0");
  EXPECT_EQ(GetPreset("tac").flags, "-n 2 -m -a -l 250 -x -c 95 -r 1000 -f A -p 0.5 -t 0");
  EXPECT_EQ(GetPreset("duc").words, 100u);
  EXPECT_EQ(GetPreset("multinews").words, 300u);
  EXPECT_EQ(GetPreset("tac").words, 250u);
  EXPECT_TRUE(GetPreset("duc").recall);
  EXPECT_FALSE(GetPreset("multinews").recall);
  EXPECT_FALSE(GetPreset("tac").recall);
  for (const std::string& name : PresetNames()) {
    SCOPED_TRACE(name);
    const Preset& p = GetPreset(name);
    // `precis rouge` parses the printed flag string into the options the bench scores with.
    const rouge::Options parsed = cli::ParseRougeArgs(Words(p.flags)).options;
    const rouge::Options& o = p.rouge;
    EXPECT_EQ(parsed.max_ngram, o.max_ngram);
    EXPECT_EQ(parsed.stem, o.stem);
    EXPECT_EQ(parsed.remove_stopwords, o.remove_stopwords);
    EXPECT_EQ(parsed.word_limit, o.word_limit);
    EXPECT_EQ(parsed.word_limit, static_cast<long>(p.words));
    EXPECT_EQ(parsed.byte_limit, o.byte_limit);
    EXPECT_EQ(parsed.lcs, o.lcs);
    EXPECT_EQ(parsed.wlcs_weight, o.wlcs_weight);
    EXPECT_EQ(parsed.skip_distance, o.skip_distance);
    EXPECT_EQ(parsed.skip_distance_text, o.skip_distance_text);
    EXPECT_EQ(parsed.skip_unigrams, o.skip_unigrams);
    EXPECT_EQ(parsed.skip_both, o.skip_both);
    EXPECT_EQ(parsed.formula, o.formula);
    EXPECT_EQ(parsed.alpha, o.alpha);
    EXPECT_EQ(parsed.unit, o.unit);
    EXPECT_EQ(parsed.confidence, o.confidence);
    EXPECT_EQ(parsed.confidence_text, o.confidence_text);
    EXPECT_EQ(parsed.resamples, o.resamples);
  }
  std::vector<std::string> metrics;
  for (const auto& m : rouge::MetricsFor(GetPreset("multinews").rouge)) metrics.push_back(m.name);
  EXPECT_EQ(metrics, (std::vector<std::string>{"ROUGE-1", "ROUGE-2", "ROUGE-L", "ROUGE-SU4"}));
  metrics.clear();
  for (const auto& m : rouge::MetricsFor(GetPreset("duc").rouge)) metrics.push_back(m.name);
  EXPECT_EQ(metrics, (std::vector<std::string>{"ROUGE-1", "ROUGE-2", "ROUGE-3", "ROUGE-4"}));
  EXPECT_THROW(GetPreset("cnn"), Error);
}

TEST(Methods, ParseNamesDefaultOracleAndExternals) {
  const auto specs = ParseMethods("default, lead,oracle");
  ASSERT_EQ(specs.size(), 3u);
  EXPECT_EQ(specs[0].name, "default");
  EXPECT_EQ(specs[0].method, std::string(summarize::DefaultMethod()));
  EXPECT_EQ(specs[1].method, "lead");
  EXPECT_EQ(specs[2].kind, MethodSpec::Kind::kOracle);
  EXPECT_THROW(ParseMethods("lead,bogus"), Error);
  EXPECT_THROW(ParseMethods("lead,lead"), Error);
  const MethodSpec e = ParseExternal("mine=python3 -m tool --x=1");
  EXPECT_EQ(e.kind, MethodSpec::Kind::kExternal);
  EXPECT_EQ(e.name, "mine");
  EXPECT_EQ(e.command, "python3 -m tool --x=1");
  EXPECT_THROW(ParseExternal("no-command"), Error);
  EXPECT_THROW(ParseExternal("=cat"), Error);
  EXPECT_THROW(ParseExternal("a/b=cat"), Error);
  EXPECT_THROW(ParseExternal("my tool=cat"), Error);
  EXPECT_THROW(ParseExternal("oracle=cat"), Error);
}

std::string StoryJson(const std::string& id, const std::vector<std::string>& docs, const std::vector<std::string>& refs) {
  nlohmann::json d = nlohmann::json::array();
  for (const auto& t : docs) d.push_back({{"text", t}});
  return nlohmann::json{{"id", id}, {"docs", d}, {"refs", refs}}.dump() + "\n";
}

std::string SmallSet() {
  return StoryJson("ferry",
                   {"A ferry sank near the harbour on Tuesday. Twelve people were rescued. The weather was calm.",
                    "Officials said the ferry was overloaded. Two passengers are still missing."},
                   {"A ferry sank near the harbour. Twelve were rescued and two are missing."}) +
         StoryJson("bakery",
                   {"A local bakery won a national award for its sourdough bread. The mayor praised the bakers.",
                    "The award ceremony was held in the capital. Bakers from forty towns took part."},
                   {"A bakery won a national award for sourdough.", "The mayor praised an award-winning bakery."}) +
         StoryJson("bridge",
                   {"The old bridge will close for repairs in May. Drivers must use the ring road.",
                    "Repairs to the bridge will cost four million. Work should end by October."},
                   {"The bridge closes in May for repairs costing four million; drivers use the ring road."});
}

TEST(LoadStories, ReadsStoriesAndNamesTheLineOfABadOne) {
  TempDir dir;
  const StorySet set = LoadStories(dir.Write("small.jsonl", SmallSet()));
  EXPECT_EQ(set.name, "small");
  ASSERT_EQ(set.stories.size(), 3u);
  EXPECT_EQ(set.lines, (std::vector<std::size_t>{1, 2, 3}));
  EXPECT_EQ(LoadStories(dir.path() / "small.jsonl", 2).stories.size(), 2u);

  const auto no_refs = dir.Write("norefs.jsonl", SmallSet() + StoryJson("x", {"Some text."}, {}));
  try {
    LoadStories(no_refs);
    FAIL() << "no error";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("norefs.jsonl:4:"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("refs"), std::string::npos) << e.what();
  }
  const auto twice = dir.Write("twice.jsonl", SmallSet() + StoryJson("ferry", {"Text."}, {"Ref."}));
  try {
    LoadStories(twice);
    FAIL() << "no error";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("twice.jsonl:4:"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("line 1"), std::string::npos) << e.what();
  }
  EXPECT_THROW(LoadStories(dir.Write("bad.jsonl", "{\"id\": 1,")), Error);
}

TEST(AttachQueries, EveryStoryGetsItsQuestionOrTheFileIsNamed) {
  TempDir dir;
  StorySet set = LoadStories(dir.Write("small.jsonl", SmallSet()));
  // Any order; a line for a story not in the set is ignored; the DUC topic
  // format joins title and narrative.
  AttachQueries(dir.Write("q.jsonl", R"({"id":"bridge","query":"When will the bridge reopen?"}
{"id":"elsewhere","query":"Not in the set."}

{"id":"ferry","title":"Ferry sinking","narrative":"Who was rescued?"}
{"id":"bakery","title":"Bakery award?","narrative":"Describe the award."}
)"),
                &set);
  EXPECT_EQ(set.stories[0].query, "Ferry sinking. Who was rescued?");
  EXPECT_EQ(set.stories[1].query, "Bakery award? Describe the award.");
  EXPECT_EQ(set.stories[2].query, "When will the bridge reopen?");
  EXPECT_NE(set.queries.find("q.jsonl"), std::string::npos);

  const auto error = [&](const std::string& name, const std::string& text) {
    StorySet copy = LoadStories(dir.path() / "small.jsonl");
    try {
      AttachQueries(dir.Write(name, text), &copy);
    } catch (const Error& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  EXPECT_NE(error("missing.jsonl", R"({"id":"ferry","query":"Q?"})" "\n").find("no question for story \"bakery\" (line 2 of"),
            std::string::npos);
  EXPECT_NE(error("twice.jsonl", R"({"id":"ferry","query":"Q?"})" "\n" R"({"id":"ferry","query":"R?"})" "\n")
                .find("twice.jsonl:2: story id \"ferry\" repeats line 1"),
            std::string::npos);
  EXPECT_NE(error("empty.jsonl", R"({"id":"ferry","query":" "})" "\n").find("empty.jsonl:1: no question"),
            std::string::npos);
  EXPECT_NE(error("noid.jsonl", R"({"query":"Q?"})" "\n").find("noid.jsonl:1: a query needs the \"id\""),
            std::string::npos);
  EXPECT_NE(error("bad.jsonl", "{\"id\":").find("bad.jsonl:1: invalid JSON"), std::string::npos);
}

BenchResult RunSmall(const std::vector<MethodSpec>& methods, TempDir& dir, int threads = 2) {
  const StorySet set = LoadStories(dir.Write("small.jsonl", SmallSet()));
  BenchOptions options;
  options.preset = "tac";
  options.methods = methods;
  options.threads = threads;
  return RunBench(set, options);
}

TEST(RunBench, EveryMethodIsScoredAndReported) {
  TempDir dir;
  const BenchResult r = RunSmall(ParseMethods("default,lead,centroid,lexrank,textrank,oracle"), dir);
  EXPECT_EQ(r.stories, 3u);
  ASSERT_EQ(r.methods.size(), 6u);
  for (const MethodResult& m : r.methods) {
    SCOPED_TRACE(m.spec.name);
    ASSERT_EQ(m.metrics.size(), 2u);  // tac: ROUGE-1, ROUGE-2
    EXPECT_EQ(m.metrics[0].name, "ROUGE-1");
    EXPECT_GT(m.metrics[0].value, 0.2);
    EXPECT_EQ(m.metrics[0].value, m.metrics[0].average.f);  // tac reports F
    EXPECT_LE(m.metrics[0].low, m.metrics[0].value);
    EXPECT_GE(m.metrics[0].high, m.metrics[0].value);
    EXPECT_GT(m.average_words, 0);
    EXPECT_LE(m.average_words, 250);
    EXPECT_GT(m.stories_per_second, 0);
    EXPECT_GT(m.peak_rss_kb, 0);
    EXPECT_TRUE(m.cpu_time);
  }
  // The oracle is an upper bound on these stories.
  for (const MethodResult& m : r.methods) EXPECT_GE(r.methods.back().metrics[1].value, m.metrics[1].value);

  std::ostringstream text, json, html;
  WriteText(text, r);
  WriteJson(json, r);
  WriteHtml(html, r);
  for (const std::string name : {"default", "lead", "centroid", "lexrank", "textrank", "oracle"}) {
    EXPECT_NE(text.str().find("\n" + name), std::string::npos) << name;
    EXPECT_NE(html.str().find("<td>" + name), std::string::npos) << name;
  }
  EXPECT_NE(text.str().find(GetPreset("tac").flags), std::string::npos);
  EXPECT_NE(text.str().find("process-wide"), std::string::npos);
  EXPECT_NE(text.str().find("CPU time"), std::string::npos);
  const auto j = nlohmann::json::parse(json.str());
  EXPECT_EQ(j["preset"], "tac");
  EXPECT_EQ(j["flags"], GetPreset("tac").flags);
  EXPECT_EQ(j["set"], "small");
  EXPECT_EQ(j["stories"], 3);
  ASSERT_EQ(j["methods"].size(), 6u);
  EXPECT_EQ(j["methods"][0]["name"], "default");
  EXPECT_EQ(j["methods"][5]["kind"], "oracle");
  EXPECT_TRUE(j["methods"][1]["metrics"]["ROUGE-2"]["F_ci"].is_array());
  EXPECT_EQ(j["methods"][1]["time"], "thread_cpu");
  // Self-contained: an inline SVG chart, no scripts, no external resources.
  const std::string page = html.str();
  EXPECT_NE(page.find("<svg"), std::string::npos);
  EXPECT_EQ(page.find("<script"), std::string::npos);
  EXPECT_EQ(page.find("src="), std::string::npos);
  EXPECT_EQ(page.find("href="), std::string::npos);
  EXPECT_EQ(page.find("<circle"), page.find("<circle cx="));
  std::size_t circles = 0;
  for (std::size_t p = page.find("<circle"); p != std::string::npos; p = page.find("<circle", p + 1)) ++circles;
  EXPECT_EQ(circles, 6u);
}

// The report says where its figures come from (version, date, machine: no
// host name) and marks the default; points that coincide, as the default
// and lead often do, get labels apart from each other.
TEST(RunBench, ReportNamesItsOriginAndKeepsLabelsApart) {
  TempDir dir;
  const BenchResult run = RunSmall(ParseMethods("default,lead"), dir);
  EXPECT_FALSE(run.version.empty());
  EXPECT_EQ(run.date.size(), std::string("2026-01-31 14:05 UTC").size()) << run.date;
  EXPECT_NE(run.machine.find(" cores"), std::string::npos) << run.machine;
  std::ostringstream text, json, html;
  WriteText(text, run);
  WriteJson(json, run);
  WriteHtml(html, run);
  const std::string origin = "precis " + run.version + ", run " + run.date + ", on " + run.machine;
  EXPECT_NE(text.str().find(origin), std::string::npos) << text.str();
  EXPECT_NE(html.str().find(origin), std::string::npos);
  EXPECT_EQ(nlohmann::json::parse(json.str())["date"], run.date);

  // Two methods at the very same point.
  BenchResult r = run;
  r.methods[1].stories_per_second = r.methods[0].stories_per_second;
  r.methods[1].metrics = r.methods[0].metrics;
  std::ostringstream chart;
  WriteHtml(chart, r);
  const std::string page = chart.str();
  auto label_position = [&](const std::string& label) {
    const std::size_t end = page.find(">" + label + "</text>");
    if (end == std::string::npos) return std::string("(missing)");
    const std::size_t start = page.rfind("<text x=", end);
    return page.substr(start, page.find(" font-size", start) - start);
  };
  const std::string first = label_position("default (precis)"), second = label_position("lead");
  EXPECT_NE(first, "(missing)") << page;
  EXPECT_NE(second, "(missing)") << page;
  EXPECT_NE(first, second);
  EXPECT_NE(page.find("font-weight=\"bold\">default (precis)</text>"), std::string::npos);
  EXPECT_NE(page.find("In red and bold: default"), std::string::npos);
}

MetricResult PerStory(std::vector<double> values) {
  MetricResult m;
  m.name = "ROUGE-2";
  m.per_story = std::move(values);
  return m;
}

TEST(ComparePaired, DifferencesAreAveragedAndResampledInPairs) {
  // The method is worse on every story by exactly 0.1: every resample says so.
  const PairedDifference always =
      ComparePaired(PerStory({0.5, 0.2, 0.9, 0.4}), PerStory({0.4, 0.1, 0.8, 0.3}), 95, 1000);
  EXPECT_NEAR(always.mean, 0.1, 1e-12);
  EXPECT_NEAR(always.low, 0.1, 1e-12);
  EXPECT_NEAR(always.high, 0.1, 1e-12);
  EXPECT_TRUE(always.significant);
  EXPECT_EQ(always.reference_better, 4u);
  EXPECT_EQ(always.method_better, 0u);
  // Unpaired bounds of these two would overlap widely; the pairing is what
  // shows the steady gap.
  // A method against itself: no difference, not significant.
  const PairedDifference same = ComparePaired(PerStory({0.5, 0.2}), PerStory({0.5, 0.2}), 95, 1000);
  EXPECT_EQ(same.mean, 0);
  EXPECT_FALSE(same.significant);
  // Wins and losses that cancel out: the bounds straddle 0.
  const PairedDifference mixed =
      ComparePaired(PerStory({0.5, 0.1, 0.5, 0.1, 0.5, 0.1}), PerStory({0.1, 0.5, 0.1, 0.5, 0.1, 0.5}), 95, 1000);
  EXPECT_NEAR(mixed.mean, 0, 1e-12);
  EXPECT_LT(mixed.low, 0);
  EXPECT_GT(mixed.high, 0);
  EXPECT_FALSE(mixed.significant);
  EXPECT_EQ(mixed.reference_better, 3u);
  EXPECT_EQ(mixed.method_better, 3u);
  EXPECT_THROW(ComparePaired(PerStory({0.5}), PerStory({0.5, 0.1}), 95, 1000), Error);
  EXPECT_THROW(ComparePaired(PerStory({}), PerStory({}), 95, 1000), Error);
}

TEST(RunBench, EveryMethodIsComparedWithTheDefaultStoryByStory) {
  TempDir dir;
  const BenchResult r = RunSmall(ParseMethods("lead,default,oracle"), dir);
  EXPECT_EQ(r.reference, "default");
  ASSERT_EQ(r.methods.size(), 3u);
  EXPECT_TRUE(r.methods[1].versus_reference.empty());
  for (std::size_t m : {0u, 2u}) {
    const MethodResult& method = r.methods[m];
    SCOPED_TRACE(method.spec.name);
    ASSERT_EQ(method.versus_reference.size(), method.metrics.size());
    for (std::size_t k = 0; k < method.metrics.size(); ++k) {
      const PairedDifference& d = method.versus_reference[k];
      EXPECT_EQ(d.metric, method.metrics[k].name);
      ASSERT_EQ(method.metrics[k].per_story.size(), r.stories);
      double mean = 0;
      for (std::size_t s = 0; s < r.stories; ++s) mean += r.methods[1].metrics[k].per_story[s] - method.metrics[k].per_story[s];
      EXPECT_NEAR(d.mean, mean / static_cast<double>(r.stories), 1e-12);
      EXPECT_LE(d.low, d.mean);
      EXPECT_GE(d.high, d.mean);
    }
  }
  std::ostringstream text, json, html;
  WriteText(text, r);
  WriteJson(json, r);
  WriteHtml(html, r);
  EXPECT_NE(text.str().find("default minus"), std::string::npos) << text.str();
  EXPECT_NE(html.str().find("default minus"), std::string::npos);
  std::ostringstream markdown;
  WriteMarkdown(markdown, r);
  const std::string md = markdown.str();
  EXPECT_NE(md.find("| method | ROUGE-1 F [95%] | ROUGE-2 F [95%] | words | stories/s | peak RSS |\n"
                    "| --- | --- | --- | --- | --- | --- |\n| lead |"),
            std::string::npos)
      << md;
  EXPECT_NE(md.find("| default minus | ROUGE-1 F | ROUGE-2 F |\n| --- | --- | --- |\n| lead | "), std::string::npos)
      << md;
  EXPECT_NE(md.find("\n| oracle | -"), std::string::npos) << md;  // the oracle is better than the default
  const auto j = nlohmann::json::parse(json.str());
  EXPECT_EQ(j["methods"][0]["versus_reference"]["reference"], "default");
  EXPECT_TRUE(j["methods"][0]["versus_reference"]["ROUGE-2"]["ci"].is_array());
  EXPECT_FALSE(j["methods"][1].contains("versus_reference"));
  // Without "default", the first method is the reference.
  EXPECT_EQ(RunSmall(ParseMethods("lead,oracle"), dir).reference, "lead");
}

TEST(RunBench, FiguresDoNotDependOnTheThreadCount) {
  TempDir dir;
  const BenchResult one = RunSmall(ParseMethods("default,oracle"), dir, 1);
  const BenchResult two = RunSmall(ParseMethods("default,oracle"), dir, 3);
  for (std::size_t m = 0; m < 2; ++m) {
    EXPECT_EQ(one.methods[m].summaries, two.methods[m].summaries);
    EXPECT_EQ(one.methods[m].metrics[1].value, two.methods[m].metrics[1].value);
  }
}

TEST(RunBench, ExternalCommandIsReadAndScored) {
  TempDir dir;
  // A fixed summarizer: prints one summary line per story, whatever it reads.
  const auto script = dir.Write("fixed.sh",
                                "cat > /dev/null\n"
                                "printf '%s\\n' '{\"id\": \"bridge\", \"summary\": [\"The old bridge will close in May.\"]}'\n"
                                "printf '%s\\n' '{\"id\": \"ferry\", \"summary\": [\"A ferry sank near the harbour.\"]}'\n"
                                "echo\n"
                                "printf '%s\\n' '{\"id\": \"bakery\", \"summary\": [\"A bakery won\\nan award.\"]}'\n");
  std::vector<MethodSpec> methods = ParseMethods("lead");
  methods.push_back(ParseExternal("fixed=sh " + script.string()));
  const BenchResult r = RunSmall(methods, dir);
  ASSERT_EQ(r.methods.size(), 2u);
  const MethodResult& e = r.methods[1];
  EXPECT_FALSE(e.cpu_time);
  ASSERT_EQ(e.summaries.size(), 3u);
  EXPECT_EQ(e.summaries[0], (std::vector<std::string>{"A ferry sank near the harbour."}));
  EXPECT_EQ(e.summaries[1], (std::vector<std::string>{"A bakery won\nan award."}));
  EXPECT_DOUBLE_EQ(e.average_words, (6 + 5 + 7) / 3.0);
  EXPECT_GT(e.metrics[0].value, 0.2);
  std::ostringstream text;
  WriteText(text, r);
  EXPECT_NE(text.str().find("\nfixed "), std::string::npos);
  EXPECT_NE(text.str().find("wall"), std::string::npos);
}

StorySet ManyStories(std::size_t count, std::size_t words_per_doc) {
  StorySet set;
  set.name = set.file = "many";
  for (std::size_t i = 0; i < count; ++i) {
    Story s;
    s.id = "story-" + std::to_string(i);
    Document d;
    for (std::size_t w = 0; w < words_per_doc; ++w) d.text += (w % 12 == 11 ? "word. " : "word ");
    s.docs.push_back(d);
    s.refs.push_back("word word word.");
    set.stories.push_back(s);
    set.lines.push_back(i + 1);
  }
  return set;
}

TEST(RunExternal, ReadsAndWritesConcurrently) {
  // 100 stories of ~12 KB in, one long summary line out per story read: with
  // pipe buffers of 64 KB this deadlocks unless input and output flow at once.
  const StorySet set = ManyStories(100, 2000);
  const std::string long_sentence(3000, 'x');
  MethodSpec spec = ParseExternal(
      "echo=while IFS= read -r line; do id=$(printf '%s' \"$line\" | sed 's/.*\"id\":\"\\([^\"]*\\)\".*/\\1/'); "
      "printf '{\"id\":\"%s\",\"summary\":[\"" + long_sentence + "\"]}\\n' \"$id\"; done");
  double seconds = 0;
  long rss = 0;
  const auto summaries = RunExternal(spec, set, &seconds, &rss);
  ASSERT_EQ(summaries.size(), 100u);
  EXPECT_EQ(summaries[99], (std::vector<std::string>{long_sentence}));
  EXPECT_GT(seconds, 0);
}

void ExpectExternalError(const std::string& command, const std::string& expected) {
  const StorySet set = ManyStories(3, 50);
  double seconds = 0;
  long rss = 0;
  try {
    RunExternal(ParseExternal("broken=" + command), set, &seconds, &rss);
    FAIL() << "no error for: " << command;
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("method broken"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find(expected), std::string::npos) << e.what();
  }
}

TEST(RunExternal, ErrorsNameTheMethodAndTheLine) {
  ExpectExternalError("exit 3", "exited with status 3");
  ExpectExternalError("kill -9 $$", "killed by signal 9");
  // Exits at once without reading a large input: no SIGPIPE for the bench.
  ExpectExternalError("exit 4", "status 4");
  ExpectExternalError("echo '{\"id\": \"story-0\", \"summary\": []}'", "no summary for story \"story-1\"");
  ExpectExternalError("echo '{\"id\": \"story-0\", \"summary\": []}'; echo '{\"id\": \"story-0\", \"summary\": []}'",
                      "output line 2: story \"story-0\" again");
  ExpectExternalError("echo 'not json'", "output line 1: invalid JSON");
  ExpectExternalError("echo; echo '{\"id\": \"nope\", \"summary\": []}'", "output line 2: unknown story id \"nope\"");
  ExpectExternalError("echo '{\"id\": \"story-0\", \"summary\": \"text\"}'", "output line 1: \"summary\" must be");
  ExpectExternalError("echo '{\"id\": \"story-0\", \"summary\": [1]}'", "output line 1: \"summary\" must hold strings");
  ExpectExternalError("no-such-command-for-precis-tests", "status 127");
}

TEST(RunExternal, LargeInputToACommandThatExitsAtOnce) {
  const StorySet set = ManyStories(200, 2000);
  double seconds = 0;
  long rss = 0;
  EXPECT_THROW(RunExternal(ParseExternal("quit=exit 5"), set, &seconds, &rss), Error);
  // The references are never sent to the command.
  TempDir dir;
  const auto seen = dir.path() / "seen.jsonl";
  EXPECT_THROW(RunExternal(ParseExternal("copy=cat > " + seen.string()), set, &seconds, &rss), Error);
  const std::string input = testing::ReadFile(seen);
  EXPECT_EQ(input.find("refs"), std::string::npos);
  EXPECT_NE(input.find("\"id\":\"story-199\""), std::string::npos);
}

}  // namespace
}  // namespace precis::bench
