// `precis clean` end to end, through the installed binary.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <sys/resource.h>
#include <sys/wait.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli/clean_command.h"
#include "test_support.h"

namespace precis {
namespace {

const char* const kText =
    "Harbour bridge to close for repairs\n"
    "The city council voted on Tuesday to close the old harbour bridge for six weeks of repairs.\n"
    "Subscribe to our newsletter\n";

TEST(CleanCommand, TextWithExplain) {
  testing::TempDir dir;
  cli::CleanInvocation inv;
  inv.inputs = {dir.Write("a.txt", kText).string()};
  inv.explain = true;
  std::ostringstream out, err;
  EXPECT_EQ(cli::RunClean(inv, out, err), 0) << err.str();
  EXPECT_NE(out.str().find("title: Harbour bridge to close for repairs"), std::string::npos) << out.str();
  EXPECT_NE(out.str().find("line 3: "), std::string::npos) << out.str();
  EXPECT_NE(out.str().find("    Subscribe to our newsletter"), std::string::npos) << out.str();
}

// --explain says which signal named the outlet.
TEST(CleanCommand, ExplainSaysWhereTheOutletCameFrom) {
  testing::TempDir dir;
  cli::CleanInvocation inv;
  inv.inputs = {dir.Write("a.txt", std::string(kText) + "Source: Harbour Courier and news agencies\n").string()};
  inv.explain = true;
  std::ostringstream out, err;
  EXPECT_EQ(cli::RunClean(inv, out, err), 0) << err.str();
  EXPECT_NE(out.str().find("source: Harbour Courier\n"), std::string::npos) << out.str();
  EXPECT_NE(out.str().find("source: from the source line at line 4\n"), std::string::npos) << out.str();
}

TEST(CleanCommand, JsonHasAllFields) {
  testing::TempDir dir;
  cli::CleanInvocation inv;
  inv.inputs = {dir.Write("a.txt", kText).string()};
  inv.format = "json";
  std::ostringstream out, err;
  ASSERT_EQ(cli::RunClean(inv, out, err), 0);
  const auto j = nlohmann::json::parse(out.str());
  const auto& doc = j["docs"][0];
  for (const char* field : {"id", "title", "date", "author", "url", "language", "source", "paragraphs", "removed"}) {
    EXPECT_TRUE(doc.contains(field)) << field;
  }
  EXPECT_EQ(doc["paragraphs"].size(), 1u);
  EXPECT_EQ(doc["paragraphs"][0]["kind"], "body");
  EXPECT_EQ(doc["removed"][0]["line"], 3);
}

TEST(CleanCommand, NoCleanKeepsEveryLine) {
  testing::TempDir dir;
  cli::CleanInvocation inv;
  inv.inputs = {dir.Write("a.txt", kText).string()};
  inv.no_clean = true;
  inv.format = "json";
  std::ostringstream out, err;
  ASSERT_EQ(cli::RunClean(inv, out, err), 0);
  EXPECT_EQ(nlohmann::json::parse(out.str())["docs"][0]["paragraphs"].size(), 3u);
}

TEST(CleanCommand, MissingFileFailsWithItsName) {
  const auto run = testing::RunCommand(std::string(PRECIS_BINARY) + " clean /nonexistent-dir/missing.txt 2>&1");
  EXPECT_EQ(run.status, 1);
  EXPECT_NE(run.out.find("missing.txt"), std::string::npos) << run.out;
}

TEST(CleanCommand, HelpDescribesFormats) {
  const auto run = testing::RunCommand(std::string(PRECIS_BINARY) + " clean --help 2>&1");
  EXPECT_EQ(run.status, 0);
  EXPECT_NE(run.out.find("--explain"), std::string::npos);
  EXPECT_NE(run.out.find("--format"), std::string::npos);
}

struct Outcome {
  int status = -1;
  std::string out, err;
};

// Runs `precis clean ARGS` through the shell; standard error is kept too.
Outcome Clean(const testing::TempDir& dir, const std::string& args) {
  const auto err_file = dir.path() / "stderr.txt";
  const auto r = testing::RunCommand(std::string(PRECIS_BINARY) + " clean " + args + " 2>" + err_file.string());
  Outcome o{r.status, r.out, testing::ReadFile(err_file)};
  std::filesystem::remove(err_file);
  return o;
}

// --on-error stop (the default) ends at the first bad input and leaves an
// output file as it was; skip reports it, writes the others and exits 1;
// a complete run renames the finished file into place.
TEST(CleanCommand, OutputFileIsCompleteOrUntouched) {
  testing::TempDir dir;
  const std::string good = dir.Write("a.txt", kText).string();
  const std::string missing = (dir.path() / "missing.txt").string();
  const auto target = dir.Write("out.txt", "previous contents\n");
  const Outcome stop = Clean(dir, missing + " " + good + " -o " + target.string());
  EXPECT_EQ(stop.status, 1);
  EXPECT_EQ(testing::ReadFile(target), "previous contents\n");
  EXPECT_NE(stop.err.find("missing.txt: no such file or directory\n"), std::string::npos) << stop.err;
  EXPECT_NE(stop.err.find("inputs: 1 read, 0 written, 1 failed (stopped at the first failure"), std::string::npos)
      << stop.err;
  EXPECT_NE(stop.err.find(target.string() + " was not written"), std::string::npos) << stop.err;

  const Outcome skip = Clean(dir, missing + " " + good + " --on-error skip -o " + target.string());
  EXPECT_EQ(skip.status, 1);
  EXPECT_NE(skip.err.find("missing.txt: no such file or directory (skipped)"), std::string::npos) << skip.err;
  EXPECT_NE(skip.err.find("inputs: 2 read, 1 written, 1 failed\n"), std::string::npos) << skip.err;
  EXPECT_NE(testing::ReadFile(target).find("title: Harbour bridge to close for repairs"), std::string::npos);

  ASSERT_EQ(Clean(dir, good + " --format json --output " + target.string()).status, 0);
  EXPECT_EQ(nlohmann::json::parse(testing::ReadFile(target))["docs"][0]["paragraphs"].size(), 1u);
  EXPECT_EQ(testing::CountFiles(dir.path()), 2u);  // a.txt and out.txt: no temporary file left
  EXPECT_EQ(Clean(dir, good + " -o " + (dir.path() / "no" / "out.txt").string()).status, 3);
}

// A JSONL input's stories are counted one by one; with skip a bad line is
// named and left out, the file's other stories still cleaned. Stories are
// written as they are cleaned (JSONL is streamed), so a stop at line 2
// has written line 1, as `precis summarize` has.
TEST(CleanCommand, BadJsonlLineStopsOrIsSkipped) {
  testing::TempDir dir;
  const std::string story = "{\"id\": \"s\", \"docs\": [{\"text\": \"The council voted on Tuesday to close the bridge.\"}]}\n";
  const auto input = dir.Write("stories.jsonl", story + "{\"docs\": 7}\n" + story);
  const Outcome stop = Clean(dir, input.string() + " --format json");
  EXPECT_EQ(stop.status, 1);
  EXPECT_EQ(std::count(stop.out.begin(), stop.out.end(), '\n'), 1) << stop.out;
  EXPECT_NE(stop.err.find("stories.jsonl:2: \"docs\" must be an array"), std::string::npos) << stop.err;
  const Outcome skip = Clean(dir, input.string() + " --format json --on-error skip");
  EXPECT_EQ(skip.status, 1);
  EXPECT_EQ(std::count(skip.out.begin(), skip.out.end(), '\n'), 2) << skip.out;
  EXPECT_NE(skip.err.find("stories.jsonl:2: \"docs\" must be an array of documents (skipped)"), std::string::npos)
      << skip.err;
  EXPECT_NE(skip.err.find("precis clean: inputs: 3 read, 2 written, 1 failed\n"), std::string::npos) << skip.err;
}

// Standard input that never ends, stopped by SIGTERM: exit 143, a message,
// no output file and no temporary file.
TEST(CleanCommand, InterruptedRunLeavesNoOutputFile) {
  testing::TempDir dir;
  const auto target = dir.path() / "out.txt";
  const auto err = dir.path() / "err.txt";
  // The writer ends on SIGPIPE soon after precis exits.
  const std::string script = "while :; do echo 'The council met on Monday.'; sleep 0.2; done | " +
                             std::string(PRECIS_BINARY) +
                             " clean - -o " + target.string() + " 2>" + err.string() +
                             " & pid=$!; sleep 1; kill -TERM $pid; wait $pid; echo $?";
  const auto run = testing::RunCommand(script);
  const std::string message = testing::ReadFile(err);
  EXPECT_EQ(run.out, "143\n") << message;
  EXPECT_NE(message.find("precis clean: interrupted by signal 15; " + target.string() + " was not written"),
            std::string::npos)
      << message;
  EXPECT_FALSE(std::filesystem::exists(target));
  EXPECT_EQ(testing::CountFiles(dir.path()), 1u);  // err.txt only
}

// -o onto a FIFO replaced it with a regular file (the temporary file was
// renamed over it) and its reader never saw the output.
TEST(CleanCommand, OutputOntoAFifoIsWrittenThrough) {
  testing::TempDir dir;
  const auto fifo = dir.path() / "pipe";
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  const auto got = dir.path() / "got.txt";
  const auto run = testing::RunCommand("(timeout 20 cat '" + fifo.string() + "' > '" + got.string() + "' &); " +
                                       std::string(PRECIS_BINARY) + " clean '" + dir.Write("a.txt", kText).string() +
                                       "' -o '" + fifo.string() + "' 2>/dev/null; echo $?; wait");
  EXPECT_EQ(run.out, "0\n");
  EXPECT_TRUE(std::filesystem::is_fifo(fifo));
  for (int i = 0; i < 200 && testing::ReadFile(got).find("harbour bridge") == std::string::npos; ++i) ::usleep(50000);
  EXPECT_NE(testing::ReadFile(got).find("The city council voted on Tuesday"), std::string::npos) << testing::ReadFile(got);
}

// Empty standard input and a JSONL file of blank lines were counted as
// read and written (or not at all), with no word about them.
TEST(CleanCommand, InputsWithNothingInThemAreReportedNotWritten) {
  testing::TempDir dir;
  const auto empty = dir.Write("empty.txt", "");
  const auto blank = dir.Write("blank.jsonl", "\n  \n\n");
  const Outcome alone = Clean(dir, "- --format json < " + empty.string());
  EXPECT_EQ(alone.status, 0) << alone.err;
  EXPECT_EQ(alone.out, "");
  EXPECT_NE(alone.err.find("precis clean: <stdin>: no article or story in it; nothing written"), std::string::npos)
      << alone.err;
  const Outcome mixed = Clean(dir, blank.string() + " " + dir.Write("a.txt", kText).string() + " - < " + empty.string());
  EXPECT_EQ(mixed.status, 0) << mixed.err;
  EXPECT_NE(mixed.err.find(blank.string() + ": no article or story in it; nothing written"), std::string::npos)
      << mixed.err;
  EXPECT_NE(mixed.err.find("precis clean: inputs: 3 read, 1 written, 0 failed"), std::string::npos) << mixed.err;
}

// A read of standard input cut by SIGINT ended as at end of file: the
// article read so far was printed (and counted) although cut short.
TEST(CleanCommand, InterruptedReadPrintsNothing) {
  testing::TempDir dir;
  const auto err = dir.path() / "err.txt";
  const auto out = dir.path() / "out.txt";
  const std::string script = "(echo 'The council met on Monday.'; sleep 3) | " + std::string(PRECIS_BINARY) +
                             " clean - >" + out.string() + " 2>" + err.string() +
                             " & pid=$!; sleep 1; kill -INT $pid; wait $pid; echo $?";
  const auto run = testing::RunCommand(script);
  const std::string message = testing::ReadFile(err);
  EXPECT_EQ(run.out, "130\n") << message;
  EXPECT_NE(message.find("precis clean: interrupted by signal 2"), std::string::npos) << message;
  EXPECT_EQ(testing::ReadFile(out), "");
}

// Found in review: a gzip bomb was inflated whole before anything looked at
// its size, and UTF-16 on standard input came out with a space between
// letters (or "invalid UTF-8") while UTF-16 files were converted.
TEST(CleanCommand, LimitsAndUtf16OnStandardInput) {
  testing::TempDir dir;
  const auto gz = dir.Write("bomb.txt.gz", testing::Gzip(std::string(64u << 20, 'a')));
  const Outcome bomb = Clean(dir, gz.string() + " --max-input-bytes 100000");
  EXPECT_EQ(bomb.status, 1);
  EXPECT_NE(bomb.err.find("bomb.txt.gz: the decompressed data passes the limit of 100000 bytes; decompression "
                          "stopped there (--max-input-bytes)"),
            std::string::npos)
      << bomb.err;

  const std::string utf16 = "\xFF\xFE" + testing::Utf16Le(kText);
  const Outcome text = Clean(dir, "- --format json < " + dir.Write("u16.txt", utf16).string());
  ASSERT_EQ(text.status, 0) << text.err;
  EXPECT_EQ(nlohmann::json::parse(text.out)["docs"][0]["title"], "Harbour bridge to close for repairs") << text.out;
  const std::string jsonl = testing::Utf16Le("{\"docs\": [\"Some text.\"]}\n");
  const Outcome refused = Clean(dir, "- < " + dir.Write("u16.jsonl", "\xFF\xFE" + jsonl).string());
  EXPECT_EQ(refused.status, 1);
  EXPECT_NE(refused.err.find("<stdin>: the input is UTF-16 text; JSONL must be UTF-8"), std::string::npos)
      << refused.err;
}

// A UTF-16 page declaring its charset: once converted to UTF-8 it was
// decoded as UTF-16 again (stdin, no extension) or not converted at all
// (.html), and came out empty with exit 0.
TEST(CleanCommand, Utf16PagesWithACharsetDeclaration) {
  testing::TempDir dir;
  const std::string sentence = "The council voted on Tuesday to close the old harbour bridge for six weeks.";
  const std::string page = "\xFF\xFE" + testing::Utf16Le("<html><head><meta charset=\"utf-16\"></head><body><p>" +
                                                           sentence + "</p></body></html>");
  for (const std::string& input : {"- < " + dir.Write("page", page).string(), dir.Write("page.html", page).string(),
                                   dir.Write("page2", page).string()}) {
    const Outcome r = Clean(dir, input);
    ASSERT_EQ(r.status, 0) << input << ": " << r.err;
    EXPECT_NE(r.out.find(sentence), std::string::npos) << input << ": " << r.out;
  }
}

// Hostile pages through `precis clean`: 100,000 nested elements (libxml2
// used to stop at 256 and lose the text), unclosed tags, scripts only.
TEST(CleanCommand, DeepHtml) {
  testing::TempDir dir;
  const std::string sentence = "The council voted on Tuesday to close the old harbour bridge for six weeks.";
  std::string deep = "<html><body>";
  for (int i = 0; i < 100000; ++i) deep += "<div>";
  deep += "<p>" + sentence + "</p></body></html>";
  const Outcome nested = Clean(dir, dir.Write("deep.html", deep).string() + " --format json");
  ASSERT_EQ(nested.status, 0) << nested.err;
  EXPECT_EQ(nlohmann::json::parse(nested.out)["docs"][0]["paragraphs"][0]["text"], sentence) << nested.out;
  const Outcome unclosed =
      Clean(dir, dir.Write("open.html", "<html><body><article><p>" + sentence + "<p><b><i>").string() + " --format json");
  ASSERT_EQ(unclosed.status, 0) << unclosed.err;
  EXPECT_EQ(nlohmann::json::parse(unclosed.out)["docs"][0]["paragraphs"][0]["text"], sentence) << unclosed.out;
  const Outcome scripts = Clean(
      dir, dir.Write("scripts.html", "<html><head><script>var a = 1;</script></head><body><script>go()</script></body></html>")
                   .string() +
               " --format json");
  ASSERT_EQ(scripts.status, 0) << scripts.err;
  EXPECT_TRUE(nlohmann::json::parse(scripts.out)["docs"][0]["paragraphs"].empty()) << scripts.out;
}

}  // namespace
// The peak resident memory of a command must be measured from a small
// process: a child forked from this one starts its count at this process's
// size. So this binary, run with PRECIS_TEST_PEAK_RSS_OF set to a shell
// command, runs it, prints its peak RSS in KB (-1 when it failed) and
// exits, before any test.
const bool kPeakRssHelper = [] {
  const char* command = std::getenv("PRECIS_TEST_PEAK_RSS_OF");
  if (command == nullptr) return false;
  const pid_t pid = ::fork();
  if (pid == 0) {
    ::execl("/bin/sh", "sh", "-c", command, static_cast<char*>(nullptr));
    ::_exit(127);
  }
  int status = 0;
  rusage usage{};
  const bool ok = pid > 0 && ::wait4(pid, &status, 0, &usage) == pid && WIFEXITED(status) && WEXITSTATUS(status) == 0;
  std::printf("%ld\n", ok ? usage.ru_maxrss : -1L);
  std::exit(0);
}();

// The peak RSS in bytes of `shell_command` (-1 when it failed).
long PeakRssOf(const std::string& shell_command, const testing::TempDir& dir) {
  const auto command_file = dir.Write("command.sh", shell_command);
  const auto self = std::filesystem::read_symlink("/proc/self/exe");
  const auto r = testing::RunCommand("PRECIS_TEST_PEAK_RSS_OF=\"$(cat " + command_file.string() + ")\" " + self.string());
  return std::atol(r.out.c_str()) * 1024L;
}

// A JSONL file is streamed a story at a time: 4 MB of small stories are
// cleaned in far less memory than the file (held whole with its cleaned
// text it took 15 times its size: 120 MB for 8 MB), and the file may be
// larger than --max-input-bytes, which bounds the other inputs.
TEST(CleanCommand, JsonlIsStreamedInBoundedMemory) {
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
  // A sanitizer's shadow memory and quarantine make any bound in megabytes
  // meaningless; the Release build checks it.
  GTEST_SKIP() << "peak memory is not comparable under a sanitizer";
#endif
  testing::TempDir dir;
  const std::string story =
      "{\"id\": \"s\", \"docs\": [{\"source\": \"Harbour Post\", \"text\": \"Harbour bridge to close\\n"
      "The city council voted on Tuesday to close the old harbour bridge for six weeks of repairs.\\n"
      "Engineers found corrosion in two of the main cables during an inspection last autumn.\"}, "
      "{\"text\": \"Ferry crews went on strike on Friday over pay and the rota for the winter months.\"}]}\n";
  std::string data;
  while (data.size() < (4u << 20)) data += story;
  const auto input = dir.Write("many.jsonl", data);
  const long peak = PeakRssOf(std::string(PRECIS_BINARY) + " clean " + input.string() +
                                  " --format json --max-input-bytes 1000000 > /dev/null 2>&1",
                              dir);
  ASSERT_GT(peak, 0) << "precis clean failed";
  EXPECT_LT(peak, 24L << 20);
}

// Over-long input is refused at the limit while reading: /dev/zero stops at
// the default 64 MiB, a JSONL line at --max-line-bytes (also one that never
// ends).
TEST(CleanCommand, EndlessInputStopsAtTheLimit) {
  testing::TempDir dir;
  const Outcome zero = Clean(dir, "/dev/zero");
  EXPECT_EQ(zero.status, 1);
  EXPECT_NE(zero.err.find("/dev/zero: larger than the limit of 67108864 bytes (--max-input-bytes)"), std::string::npos)
      << zero.err;

  // A line of 50 MB that would go on: refused at 100,000 bytes.
  const auto err_file = dir.path() / "stderr.txt";
  const auto line = testing::RunCommand("(printf '{\"docs\": [\"'; head -c 50000000 /dev/zero | tr '\\0' a) | " +
                                        std::string(PRECIS_BINARY) + " clean --max-line-bytes 100000 - 2>" +
                                        err_file.string());
  EXPECT_EQ(line.status, 1);
  const std::string message = testing::ReadFile(err_file);
  EXPECT_NE(message.find("<stdin>:1: the line is longer than the limit of 100000 bytes (--max-line-bytes)"),
            std::string::npos)
      << message;
}

}  // namespace precis
