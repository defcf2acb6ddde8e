// `precis summarize` end to end: the binary on the example story, batch mode,
// formats, errors and exit codes.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <sstream>
#include <string>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <csignal>
#include <thread>

#include "precis/run_options.h"
#include "test_support.h"

namespace {

using precis::testing::TempDir;

using Result = precis::testing::CommandResult;

// Runs the precis binary; standard error goes to `err_file`.
Result RunPrecis(const std::string& args, const std::string& err_file = "/dev/null") {
  return precis::testing::RunCommand(std::string(PRECIS_BINARY) + " " + args + " 2>" + err_file);
}

std::string Example() { return std::string(PRECIS_SOURCE_DIR) + "/examples/lumen-bay-ferry"; }

std::string StoryLine(const std::string& id, const std::string& a, const std::string& b) {
  nlohmann::json j;
  j["id"] = id;
  j["docs"] = {{{"id", "x"}, {"text", a}}, {{"id", "y"}, {"text", b}}};
  return j.dump() + "\n";
}

TEST(SummarizeCommand, ExampleAsText) {
  const Result r = RunPrecis("summarize " + Example());
  ASSERT_EQ(r.status, 0);
  EXPECT_NE(r.out.find("Marisol"), std::string::npos);
  EXPECT_NE(r.out.find("Sources:\n[1] "), std::string::npos);
  EXPECT_NE(r.out.find("] "), std::string::npos);
  EXPECT_EQ(r.out.find("ookie"), std::string::npos);  // the junk line is not in the summary
}

// --query asks a question of the example story: the brief says so first and
// answers it; a story's own "query" is used in batch mode unless --query
// replaces it.
TEST(SummarizeCommand, QueryFocusedBriefs) {
  Result r = RunPrecis("summarize " + Example() + " --sentences 1 --query 'How do island residents depend on the ferry?'");
  ASSERT_EQ(r.status, 0);
  EXPECT_EQ(r.out.rfind("Question: How do island residents depend on the ferry?\n\n", 0), 0u) << r.out;
  EXPECT_NE(r.out.find("residents rely on the ferry"), std::string::npos) << r.out;

  TempDir dir;
  nlohmann::json story;
  story["id"] = "q";
  story["query"] = "Who was hurt?";
  story["docs"] = {{{"text", "The bridge closed on Monday after a crash. Two drivers were hurt in the crash."}},
                   {{"text", "A crash closed the bridge on Monday morning. Traffic was diverted through the town."}}};
  const auto input = dir.Write("s.jsonl", story.dump() + "\n");
  r = RunPrecis("summarize " + input.string() + " --sentences 1");
  ASSERT_EQ(r.status, 0);
  auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["query"], "Who was hurt?");
  EXPECT_NE(j["sentences"][0]["text"].get<std::string>().find("hurt"), std::string::npos) << r.out;
  r = RunPrecis("summarize " + input.string() + " --sentences 1 --query 'What happened to traffic?'");
  ASSERT_EQ(r.status, 0);
  j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["query"], "What happened to traffic?");
  EXPECT_NE(j["sentences"][0]["text"].get<std::string>().find("Traffic"), std::string::npos) << r.out;
  for (const std::string blank : {"''", "' \t '"}) {
    r = RunPrecis("summarize " + input.string() + " --sentences 1 --query " + blank);
    ASSERT_EQ(r.status, 0);
    EXPECT_EQ(nlohmann::json::parse(r.out).count("query"), 0u) << r.out;
  }
  // Line ends and runs of spaces in a question become single spaces, so it
  // stays one line of text output.
  r = RunPrecis("summarize " + Example() + " --sentences 1 --query \"$(printf 'How do island\\n\\nresidents   depend on it?')\"");
  ASSERT_EQ(r.status, 0);
  EXPECT_EQ(r.out.rfind("Question: How do island residents depend on it?\n\n", 0), 0u) << r.out;

  const std::string err_file = (dir.path() / "err.txt").string();
  r = RunPrecis("summarize " + Example() + " --query \"$(printf 'bad \\377')\"", err_file);
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(precis::testing::ReadFile(err_file).find("--query: the question is not valid UTF-8"), std::string::npos);
  EXPECT_TRUE(r.out.empty());

  // A question that cannot be used is said so, on standard error and in the output.
  r = RunPrecis("summarize " + Example() + " --sentences 1 --query 'Zeppelins?'", err_file);
  ASSERT_EQ(r.status, 0);
  EXPECT_EQ(r.out.rfind("Question (not used, generic brief): Zeppelins?", 0), 0u) << r.out;
  EXPECT_NE(precis::testing::ReadFile(err_file).find("no word of the question is a content word of the articles"),
            std::string::npos);
  r = RunPrecis("summarize " + input.string() + " --sentences 1 --method lead", err_file);
  ASSERT_EQ(r.status, 0);
  EXPECT_EQ(nlohmann::json::parse(r.out)["query_used"], false);
  EXPECT_NE(precis::testing::ReadFile(err_file).find("s.jsonl:1: --method lead does not read questions"),
            std::string::npos)
      << precis::testing::ReadFile(err_file);

  // The question counts against the story's size limit.
  story["query"] = std::string(5000, 'q');
  const auto big = dir.Write("big.jsonl", story.dump() + "\n");
  r = RunPrecis("summarize " + big.string() + " --max-story-bytes 4000", err_file);
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(precis::testing::ReadFile(err_file).find("--max-story-bytes"), std::string::npos);
}

TEST(SummarizeCommand, JsonHonoursEachBudget) {
  for (const std::string flag : {"--words 40", "--bytes 300", "--sentences 2"}) {
    const Result r = RunPrecis("summarize " + Example() + " --format json " + flag);
    ASSERT_EQ(r.status, 0) << flag;
    const auto j = nlohmann::json::parse(r.out);
    std::size_t words = 0, bytes = 0;
    std::string joined;
    for (const auto& s : j["sentences"]) {
      const std::string text = s["text"];
      std::istringstream in(text);
      std::string w;
      while (in >> w) ++words;
      joined += (joined.empty() ? "" : " ") + text;
      EXPECT_FALSE(s["citations"].empty());
      EXPECT_EQ(s["support"][0]["similarity"], 1.0);
    }
    bytes = joined.size();
    EXPECT_EQ(j["words"], words);
    if (flag == "--words 40") {
      EXPECT_LE(words, 40u);
    } else if (flag == "--bytes 300") {
      EXPECT_LE(bytes, 300u);
    } else {
      EXPECT_EQ(j["sentences"].size(), 2u);
    }
    EXPECT_EQ(j["method"], "precis");
    EXPECT_EQ(j["sources"].size(), 4u);
  }
}

TEST(SummarizeCommand, MarkdownAndMethods) {
  const Result md = RunPrecis("summarize " + Example() + " --format markdown --method lexrank");
  ASSERT_EQ(md.status, 0);
  EXPECT_NE(md.out.find("**Sources**"), std::string::npos);
  for (const std::string m : {"lead", "centroid", "textrank"}) {
    EXPECT_EQ(RunPrecis("summarize " + Example() + " --method " + m).status, 0) << m;
  }
}

TEST(SummarizeCommand, StdinArticles) {
  TempDir dir;
  const auto input = dir.Write("in.txt",
                               "The council approved the new library budget on Monday evening.\n---\n"
                               "On Monday evening the council approved the budget for the new library.\n");
  const Result r = RunPrecis("summarize - --format json < " + input.string());
  ASSERT_EQ(r.status, 0);
  const auto j = nlohmann::json::parse(r.out);
  ASSERT_EQ(j["sentences"].size(), 1u);
  EXPECT_EQ(j["sentences"][0]["citations"], nlohmann::json({1, 2}));
}

TEST(SummarizeCommand, BatchKeepsOrderWhateverTheThreads) {
  TempDir dir;
  const auto fmt_id = [](int n) {
    std::ostringstream id;
    id << 's' << n;
    return id.str();
  };
  std::string lines;
  for (int i = 0; i < 40; ++i) {
    lines += StoryLine(std::string("s").append(std::to_string(i)),
                       "Story number " + std::to_string(i) + " begins with a clear first sentence about the event.",
                       "A second article adds that " + std::to_string(i * 7) + " people attended the event today.");
  }
  const auto input = dir.Write("stories.jsonl", lines);
  const Result one = RunPrecis("summarize " + input.string() + " --threads 1");
  const Result four = RunPrecis("summarize " + input.string() + " --threads 4");
  ASSERT_EQ(one.status, 0);
  EXPECT_EQ(one.out, four.out);
  std::istringstream in(one.out);
  std::string line;
  int n = 0;
  while (std::getline(in, line)) {
    EXPECT_EQ(nlohmann::json::parse(line)["id"].get<std::string>(), fmt_id(n));
    ++n;
  }
  EXPECT_EQ(n, 40);
}

TEST(SummarizeCommand, BatchErrorsStopOrSkip) {
  TempDir dir;
  const std::string good = StoryLine("ok", "The first article says the dam held overnight after heavy rain.",
                                     "The second article says engineers watched the dam all night.");
  const auto input = dir.Write("stories.jsonl", good + "{\"docs\": [\n" + good);
  const std::string err = (dir.path() / "err.txt").string();
  const Result stop = RunPrecis("summarize " + input.string() + " --threads 2", err);
  EXPECT_EQ(stop.status, 1);
  EXPECT_EQ(std::count(stop.out.begin(), stop.out.end(), '\n'), 1);
  EXPECT_NE(precis::testing::ReadFile(err).find("stories.jsonl:2: invalid JSON"), std::string::npos);
  EXPECT_NE(precis::testing::ReadFile(err).find("stories: 2 read, 1 written, 1 failed"), std::string::npos);
  const Result skip = RunPrecis("summarize " + input.string() + " --on-error skip --threads 2", err);
  EXPECT_EQ(skip.status, 1);  // some stories failed, the others were written
  EXPECT_EQ(std::count(skip.out.begin(), skip.out.end(), '\n'), 2);
  EXPECT_NE(precis::testing::ReadFile(err).find("stories.jsonl:2:"), std::string::npos);
  EXPECT_NE(precis::testing::ReadFile(err).find("stories: 3 read, 2 written, 1 failed"), std::string::npos);
}

TEST(SummarizeCommand, OutputFileIsCompleteOrUntouched) {
  TempDir dir;
  const std::string good = StoryLine("ok", "The first article says the dam held overnight after heavy rain.",
                                     "The second article says engineers watched the dam all night.");
  const auto fine = dir.Write("fine.jsonl", good + good);
  const auto bad = dir.Write("bad.jsonl", good + "{\"docs\": [\n" + good);
  const auto target = dir.Write("out.jsonl", "previous contents\n");
  // Stopped at a bad story: the previous file stays as it was.
  EXPECT_EQ(RunPrecis("summarize " + bad.string() + " -o " + target.string()).status, 1);
  EXPECT_EQ(precis::testing::ReadFile(target), "previous contents\n");
  // Completed: the whole output, and no temporary file left beside it.
  ASSERT_EQ(RunPrecis("summarize " + fine.string() + " -o " + target.string()).status, 0);
  const std::string written = precis::testing::ReadFile(target);
  EXPECT_EQ(std::count(written.begin(), written.end(), '\n'), 2);
  EXPECT_EQ(precis::testing::CountFiles(dir.path()), 3u);
  // A directory that does not exist: the output cannot be written (exit 3).
  EXPECT_EQ(RunPrecis("summarize " + fine.string() + " -o " + (dir.path() / "no" / "out.jsonl").string()).status, 3);
}

// An endless stream of stories on standard input (batch mode streams it),
// stopped by SIGTERM: exit 143, a message, and no output file.
TEST(SummarizeCommand, InterruptedRunLeavesNoOutputFile) {
  TempDir dir;
  std::string line = StoryLine("s", "The first article says the harbour works will end in the spring.",
                               "Another article says forty workers joined the harbour works.");
  line.pop_back();  // yes(1) adds the newline
  const auto story = dir.Write("story.json", line);
  const auto target = dir.path() / "out.jsonl";
  const std::string script = "yes \"$(cat " + story.string() + ")\" | " + PRECIS_BINARY +
                             " summarize - --threads 2 -o " + target.string() + " 2>" +
                             (dir.path() / "err.txt").string() +
                             " & pid=$!; sleep 1; kill -TERM $pid; wait $pid; echo $?";
  const Result run = precis::testing::RunCommand(script);
  const std::string err = precis::testing::ReadFile(dir.path() / "err.txt");
  EXPECT_EQ(run.out, "143\n") << err;
  EXPECT_FALSE(std::filesystem::exists(target));
  EXPECT_NE(err.find("interrupted by signal 15; " + target.string() + " was not written"), std::string::npos) << err;
  EXPECT_EQ(precis::testing::CountFiles(dir.path()), 2u);  // story.json and err.txt: no temporary file left
}

TEST(SummarizeCommand, LimitsAreReportedWithTheirFlag) {
  TempDir dir;
  const std::string good = StoryLine("ok", "The first article says the dam held overnight after heavy rain.",
                                     "The second article says engineers watched the dam all night.");
  const std::string long_line = StoryLine("long", std::string(5000, 'x') + ".", "Short second article here.");
  const auto input = dir.Write("stories.jsonl", good + long_line + good);
  const std::string err = (dir.path() / "err.txt").string();
  const Result r = RunPrecis("summarize " + input.string() + " --max-line-bytes 1000 --on-error skip", err);
  EXPECT_EQ(r.status, 1);
  EXPECT_EQ(std::count(r.out.begin(), r.out.end(), '\n'), 2);
  EXPECT_NE(precis::testing::ReadFile(err).find("stories.jsonl:2: the line is longer than the limit of 1000 bytes"),
            std::string::npos)
      << precis::testing::ReadFile(err);
  EXPECT_EQ(RunPrecis("summarize " + input.string() + " --max-docs 1", err).status, 1);
  EXPECT_NE(precis::testing::ReadFile(err).find("stories.jsonl:1: the story has 2 documents, more than the limit of 1 (--max-docs)"),
            std::string::npos)
      << precis::testing::ReadFile(err);
  EXPECT_EQ(RunPrecis("summarize " + Example() + " --max-story-bytes 100", err).status, 1);
  EXPECT_NE(precis::testing::ReadFile(err).find("(--max-story-bytes)"), std::string::npos);
}

TEST(SummarizeCommand, BadInputAndBadUsage) {
  TempDir dir;
  const auto bad = dir.Write("bad.txt", "ok\n\xFF\n");
  EXPECT_EQ(RunPrecis("summarize " + bad.string()).status, 1);
  EXPECT_EQ(RunPrecis("summarize " + (dir.path() / "missing.txt").string()).status, 1);
  EXPECT_EQ(RunPrecis("summarize").status, 2);
  EXPECT_EQ(RunPrecis("summarize " + Example() + " --words 10 --bytes 10").status, 2);
  EXPECT_EQ(RunPrecis("summarize " + Example() + " --method nope").status, 2);
  EXPECT_EQ(RunPrecis("summarize " + Example() + " --format pdf").status, 2);
  EXPECT_EQ(RunPrecis("summarize " + Example() + " --words 0").status, 2);
  EXPECT_EQ(RunPrecis("summarize " + Example() + " --params decay").status, 2);
  EXPECT_EQ(RunPrecis("summarize " + Example() + " --params bogus=1").status, 2);
  EXPECT_EQ(RunPrecis("summarize " + Example() + " --method lead --params decay=1").status, 2);
  EXPECT_EQ(RunPrecis("summarize " + Example() + " --method lexrank --params threshold=0.2").status, 0);
}

// A JSONL file of one story gets the brief any other input gets in text
// and Markdown; several stories get one brief each under a heading naming
// it; without --format, JSON lines as before.
TEST(SummarizeCommand, JsonlAsTextOrMarkdown) {
  TempDir dir;
  const std::string first = StoryLine("canal", "The canal lock was repaired in three weeks by the county crew.",
                                      "The county crew repaired the canal lock in three weeks, boaters said.");
  const std::string second = StoryLine("mill", "The old mill opened as a library on Saturday morning.",
                                       "Readers queued outside the old mill library on Saturday.");
  const auto one = dir.Write("one.jsonl", first);
  const auto two = dir.Write("two.jsonl", first + second);
  dir.Write("canal/x.txt", "The canal lock was repaired in three weeks by the county crew.");
  dir.Write("canal/y.txt", "The county crew repaired the canal lock in three weeks, boaters said.");

  const Result text = RunPrecis("summarize " + one.string() + " --format text");
  ASSERT_EQ(text.status, 0);
  // Untitled articles from no named outlet are shown by their opening words.
  EXPECT_NE(text.out.find("Sources:\n[1] untitled: \xE2\x80\x9CThe canal lock was repaired in three weeks by the\xE2\x80\xA6"),
            std::string::npos)
      << text.out;
  EXPECT_EQ(text.out.find("Story 1"), std::string::npos);
  // The same brief as the same articles read from files: no file name shows.
  const Result files = RunPrecis("summarize " + (dir.path() / "canal").string() + " --format text");
  ASSERT_EQ(files.status, 0);
  EXPECT_EQ(text.out, files.out);

  const Result md = RunPrecis("summarize " + two.string() + " --format markdown --threads 2");
  ASSERT_EQ(md.status, 0);
  const std::size_t canal = md.out.find("## Story 1: canal\n\n");
  const std::size_t mill = md.out.find("\n\n## Story 2: mill\n\n");
  ASSERT_EQ(canal, 0u) << md.out;
  ASSERT_NE(mill, std::string::npos) << md.out;
  EXPECT_EQ(std::count(md.out.begin(), md.out.end(), '#'), 4);
  const Result many = RunPrecis("summarize " + two.string() + " --format text");
  EXPECT_EQ(many.out.rfind("=== Story 1: canal ===\n\n", 0), 0u) << many.out;
  EXPECT_NE(many.out.find("\n=== Story 2: mill ===\n\n"), std::string::npos);

  const Result json = RunPrecis("summarize " + two.string());
  ASSERT_EQ(json.status, 0);
  EXPECT_EQ(std::count(json.out.begin(), json.out.end(), '\n'), 2);
  EXPECT_EQ(nlohmann::json::parse(json.out.substr(0, json.out.find('\n')))["id"], "canal");
}

// Page chrome that the summarizer's own guard does not know (a run of menu
// words) is removed by the clean stage; --no-clean keeps it.
TEST(SummarizeCommand, CleansTextUnlessAskedNotTo) {
  TempDir dir;
  const std::string menu = "Home World Politics Business Science Sport Weather Travel Culture Video";
  dir.Write("story/a.txt",
            "Dam holds after record rain\n\n" + menu +
                "\nThe Harlow dam held overnight after record rain filled its reservoir to the brim.\n"
                "Engineers opened two spillways on Friday to lower the water level slowly.\n");
  dir.Write("story/b.txt",
            "Engineers at the Harlow dam opened two spillways on Friday as the reservoir filled.\n"
            "Residents downstream were told to stay away from the river banks until Sunday.\n");
  const std::string story = (dir.path() / "story").string();
  // lead takes every unit in turn: what it is given is what it prints.
  const Result cleaned = RunPrecis("summarize " + story + " --method lead --sentences 20 --format json");
  const Result raw = RunPrecis("summarize " + story + " --method lead --sentences 20 --format json --no-clean");
  ASSERT_EQ(cleaned.status, 0);
  ASSERT_EQ(raw.status, 0);
  EXPECT_EQ(cleaned.out.find("Politics Business"), std::string::npos) << cleaned.out;
  EXPECT_NE(raw.out.find("Politics Business"), std::string::npos) << raw.out;
  EXPECT_NE(cleaned.out.find("Residents downstream"), std::string::npos);
  // The headline is the source's title, not a summary sentence.
  const auto j = nlohmann::json::parse(cleaned.out);
  EXPECT_EQ(j["sources"][0]["title"], "Dam holds after record rain") << cleaned.out;
  for (const auto& sentence : j["sentences"]) EXPECT_NE(sentence["text"], "Dam holds after record rain");
}

// HTML pages (a file, and a JSONL doc's "html") are reduced to their article;
// headings inside it are never selected.
TEST(SummarizeCommand, HtmlPagesAreExtracted) {
  TempDir dir;
  const std::string page =
      "<!doctype html><html><head><title>Tram line opens in Velden</title></head><body>"
      "<nav><a href=/>Home</a> <a href=/news>News</a></nav><article>"
      "<p>The first tram line of Velden opened on Monday after four years of building work and delays.</p>"
      "<h2>Fares will stay at two euros for a single journey this year</h2>"
      "<p>The city said trams will run every six minutes at rush hour and every ten minutes at night.</p>"
      "</article><footer>Subscribe to our newsletter for daily updates from the city.</footer></body></html>";
  const auto file = dir.Write("tram.html", page);
  const Result r = RunPrecis("summarize " + file.string() + " --sentences 10 --format json");
  ASSERT_EQ(r.status, 0);
  const auto j = nlohmann::json::parse(r.out);
  ASSERT_EQ(j["sentences"].size(), 2u) << r.out;
  EXPECT_EQ(j["sources"][0]["title"], "Tram line opens in Velden");
  EXPECT_EQ(r.out.find("Fares will stay"), std::string::npos);
  EXPECT_EQ(r.out.find("newsletter"), std::string::npos);
  EXPECT_EQ(r.out.find("<p>"), std::string::npos);

  nlohmann::json story;
  story["id"] = "tram";
  story["docs"] = {{{"id", "p"}, {"html", page}},
                   {{"id", "t"}, {"text", "Velden opened its first tram line on Monday after years of delays."}}};
  const auto jsonl = dir.Write("stories.jsonl", story.dump() + "\n");
  const Result batch = RunPrecis("summarize " + jsonl.string() + " --sentences 10");
  ASSERT_EQ(batch.status, 0);
  const auto b = nlohmann::json::parse(batch.out);
  ASSERT_EQ(b["sentences"].size(), 2u) << batch.out;  // the two reports of the opening are one
  EXPECT_NE(batch.out.find("every six minutes"), std::string::npos);
  EXPECT_EQ(b["sentences"][1]["citations"], nlohmann::json({1, 2})) << batch.out;
  EXPECT_EQ(batch.out.find("Fares will stay"), std::string::npos);
  EXPECT_EQ(batch.out.find("<p>"), std::string::npos);
}

// Text encodings and line ends as they come from other tools.
TEST(SummarizeCommand, EncodingsAndLineEnds) {
  TempDir dir;
  const std::string text = "The council met on Monday to approve the budget for the new bridge.\n"
                           "Work on the bridge will start in May and last two years.\n";
  // UTF-16 with a byte order mark, little endian: converted.
  std::string utf16 = "\xFF\xFE";
  for (char c : text) {
    utf16 += c;
    utf16 += '\0';
  }
  const auto u16 = dir.Write("u16.txt", utf16);
  const Result converted = RunPrecis("summarize " + u16.string() + " --sentences 5");
  ASSERT_EQ(converted.status, 0);
  EXPECT_NE(converted.out.find("Work on the bridge will start in May"), std::string::npos) << converted.out;
  // CRLF, a lone CR and a UTF-8 byte order mark; short sentences only.
  const auto crlf = dir.Write("crlf.txt", "\xEF\xBB\xBFThe council met.\r\nIt approved the budget.\rWork starts in May.\r\n");
  const Result short_lines = RunPrecis("summarize " + crlf.string() + " --sentences 5 --format json");
  ASSERT_EQ(short_lines.status, 0);
  const auto j = nlohmann::json::parse(short_lines.out);
  EXPECT_EQ(j["sentences"].size(), 3u) << short_lines.out;
  EXPECT_EQ(short_lines.out.find('\r'), std::string::npos);
  // JSONL in UTF-16 is refused with a clear message.
  const auto u16_jsonl = dir.Write("u16.jsonl", std::string("{\0\"\0d\0o\0c\0s\0\"\0:\0[\0]\0}\0\n\0", 24));
  const std::string err = (dir.path() / "err.txt").string();
  EXPECT_EQ(RunPrecis("summarize " + u16_jsonl.string(), err).status, 1);
  EXPECT_NE(precis::testing::ReadFile(err).find("the file is UTF-16 text"), std::string::npos)
      << precis::testing::ReadFile(err);
}

// Findings of a review: file modes, compressed JSONL, solver parameters.
TEST(SummarizeCommand, ReviewFindings) {
  TempDir dir;
  const std::string good = StoryLine("ok", "The first article says the dam held overnight after heavy rain.",
                                     "The second article says engineers watched the dam all night.");
  const auto input = dir.Write("s.jsonl", good);
  // An output file gets the usual mode of a new file (0666 less the umask), not mkstemp's 0600.
  const auto target = dir.path() / "out.jsonl";
  ASSERT_EQ(RunPrecis("summarize " + input.string() + " -o " + target.string()).status, 0);
  const mode_t mask = ::umask(0);
  ::umask(mask);
  EXPECT_EQ(static_cast<unsigned>(std::filesystem::status(target).permissions() & std::filesystem::perms::all),
            0666u & ~static_cast<unsigned>(mask));
  // Compressed JSONL is streamed as it is inflated, as stories (not one article), with or
  // without the .jsonl name; broken gzip data is a bad input naming the file.
  const std::string plain = RunPrecis("summarize " + input.string()).out;
  const auto gz = dir.Write("s.jsonl.gz", precis::testing::Gzip(good));
  const auto gz_no_name = dir.Write("stories.gz", precis::testing::Gzip(good));
  EXPECT_EQ(RunPrecis("summarize " + gz.string()).out, plain);
  EXPECT_EQ(RunPrecis("summarize " + gz_no_name.string()).out, plain);
  const auto broken = dir.Write("broken.jsonl.gz", "\x1f\x8b");
  const std::string err = (dir.path() / "err.txt").string();
  EXPECT_EQ(RunPrecis("summarize " + broken.string(), err).status, 1);
  EXPECT_NE(precis::testing::ReadFile(err).find("broken.jsonl.gz: broken or truncated gzip data"), std::string::npos);
  // Out-of-range solver parameters are clamped, never a crash.
  EXPECT_EQ(RunPrecis("summarize " + Example() + " --method concepts --params timelimit=-1,gap=-0.5").status, 0);
  EXPECT_EQ(RunPrecis("summarize " + Example() + " --method concepts --params timelimit=1e12").status, 0);
}

// Articles that do not look like one story get a note on standard error
// (the brief is still written, exit 0); one story gets none. The stories
// are the team's invented test stories.
TEST(SummarizeCommand, NotesArticlesThatAreNotOneStory) {
  TempDir dir;
  const std::filesystem::path stories = std::filesystem::path(PRECIS_SOURCE_DIR) / "tests" / "data" / "stories";
  const auto mixed = dir.path() / "mixed";
  std::filesystem::create_directory(mixed);
  for (const char* story : {"harbor-fire", "vaccine-recall"}) {
    for (const auto& entry : std::filesystem::directory_iterator(stories / story)) {
      if (entry.path().extension() != ".txt") continue;
      std::filesystem::copy_file(entry.path(), mixed / (std::string(story) + "-" + entry.path().filename().string()));
    }
  }
  const std::string err = (dir.path() / "err.txt").string();
  const Result several = RunPrecis("summarize " + mixed.string(), err);
  EXPECT_EQ(several.status, 0);
  EXPECT_FALSE(several.out.empty());
  const std::string note = precis::testing::ReadFile(err);
  EXPECT_NE(note.find("precis summarize: the articles look like several stories: articles 1, 2, 3, 4, 5 share few "
                      "content words with articles 6, 7, 8, 9, 10; is this one story?"),
            std::string::npos)
      << note;

  EXPECT_EQ(RunPrecis("summarize " + (stories / "harbor-fire").string(), err).status, 0);
  EXPECT_EQ(precis::testing::ReadFile(err).find("several stories"), std::string::npos);
}

// A read of standard input cut by SIGINT ended as at end of file: with
// nothing read yet, that was "no articles" (exit 1), not an interruption.
TEST(SummarizeCommand, InterruptedReadIsReportedAsSuch) {
  TempDir dir;
  const auto err = dir.path() / "err.txt";
  const std::string script = "sleep 3 | " + std::string(PRECIS_BINARY) + " summarize - 2>" + err.string() +
                             " & pid=$!; sleep 1; kill -INT $pid; wait $pid; echo $?";
  const Result run = precis::testing::RunCommand(script);
  const std::string message = precis::testing::ReadFile(err);
  EXPECT_EQ(run.out, "130\n") << message;
  EXPECT_NE(message.find("precis summarize: interrupted by signal 2"), std::string::npos) << message;
}

// A second signal used to kill precis by the default action, leaving its
// temporary .FILE.partial-XXXXXX behind (SIGINT twice), or, after a SIGINT,
// a SIGTERM was taken as the first and the run went on to exit 143. Now it
// ends by the second signal, with the temporary file removed.
TEST(SummarizeCommand, ASecondSignalEndsTheRunAndRemovesThePartialFile) {
  TempDir dir;
  std::string text;
  for (int i = 0; i < 400000; ++i) {
    text += "Crews on the coast road worked until dawn on Monday as report " + std::to_string(i) + " came in.\n";
  }
  const std::string input = dir.Write("big.txt", text).string();
  const std::string output = (dir.path() / "out.txt").string();
  auto partial_exists = [&] {
    for (const auto& entry : std::filesystem::directory_iterator(dir.path())) {
      if (entry.path().filename().string().starts_with(".out.txt.partial-")) return true;
    }
    return false;
  };
  for (const auto& [first, second] : {std::pair{SIGINT, SIGINT}, std::pair{SIGINT, SIGTERM}}) {
    const pid_t pid = ::fork();
    ASSERT_GE(pid, 0);
    if (pid == 0) {
      std::freopen("/dev/null", "w", stderr);
      ::execl(PRECIS_BINARY, PRECIS_BINARY, "summarize", input.c_str(), "-o", output.c_str(), nullptr);
      ::_exit(127);
    }
    // The summary of this story takes seconds: both signals land during it.
    for (int i = 0; i < 1000 && !partial_exists(); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(5));
    EXPECT_TRUE(partial_exists());
    // The run checks for a signal just after it creates the temporary file;
    // one landing before that check ends the run at once (exit 130), before
    // the second could arrive. Give it time to be summarizing.
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    ::kill(pid, first);
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    ::kill(pid, second);
    int status = 0;
    ASSERT_EQ(::waitpid(pid, &status, 0), pid);
    EXPECT_TRUE(WIFSIGNALED(status)) << first << "," << second << ": exit " << WEXITSTATUS(status);
    if (WIFSIGNALED(status)) {
      EXPECT_EQ(WTERMSIG(status), second);
    }
    EXPECT_FALSE(partial_exists()) << first << "," << second;
    EXPECT_FALSE(std::filesystem::exists(output));
    for (const auto& entry : std::filesystem::directory_iterator(dir.path())) {
      if (entry.path().filename().string().starts_with(".out.txt.partial-")) std::filesystem::remove(entry.path());
    }
  }
}

// The help states the library's defaults: a changed default cannot leave
// the help behind.
TEST(SummarizeCommand, HelpStatesTheLibraryDefaults) {
  const precis::testing::CommandResult help = precis::testing::RunCommand(std::string(PRECIS_BINARY) + " summarize --help");
  const precis::RunOptions d;
  for (const std::string& expected :
       {"(default " + std::to_string(d.summarize.budget.limit) + ")",
        "(default " + std::to_string(d.limits.max_docs) + ")",
        "(default " + std::to_string(d.summarize.max_sentence_bytes) + " bytes)",
        "(default " + std::to_string(d.limits.max_story_bytes >> 20) + " MiB)",
        "(default " + std::to_string(d.limits.max_line_bytes >> 20) + " MiB)", std::string("(default 0.5)")}) {
    EXPECT_NE(help.out.find(expected), std::string::npos) << expected << "\n" << help.out;
  }
}

}  // namespace
