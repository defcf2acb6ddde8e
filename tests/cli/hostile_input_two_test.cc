// Hostile and newcomer input, second round: threads the system refuses,
// lines that never end, nonsense numbers, empty briefs in batch mode, exit
// statuses and messages. Each case runs the binary as a user would.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <sstream>
#include <string>
#include <vector>

#include "test_support.h"

namespace {

using precis::testing::ReadFile;
using precis::testing::TempDir;

struct Outcome {
  int status = -1;
  std::string out, err;
};

// Runs `precis ARGS` through the shell (ARGS may redirect standard input,
// or hold a prefix such as `ulimit` when `prefix` is given).
Outcome Precis(const TempDir& dir, const std::string& args, const std::string& prefix = "") {
  const auto err_file = dir.path() / "stderr.txt";
  const auto r = precis::testing::RunCommand(prefix + std::string(PRECIS_BINARY) + " " + args + " 2>" +
                                             err_file.string());
  return {r.status, r.out, ReadFile(err_file)};
}

const char* const kFirst = "The ferry to Lumen Bay stopped on Monday after a crack was found in its hull.";
const char* const kSecond = "Island residents said the ferry is their only link to the hospital on the mainland.";

std::string StoryLine(const std::string& id) {
  nlohmann::json story;
  story["id"] = id;
  story["docs"] = {{{"id", "a"}, {"text", std::string(kFirst) + " " + kSecond}},
                   {{"id", "b"}, {"text", std::string(kSecond) + " " + kFirst}}};
  story["refs"] = {std::string(kFirst)};
  return story.dump() + "\n";
}

std::string Stories(int n) {
  std::string out;
  for (int i = 0; i < n; ++i) out += StoryLine(std::string("s").append(std::to_string(i)));
  return out;
}

std::size_t Lines(const std::string& text) {
  std::size_t n = 0;
  for (char c : text) n += c == '\n';
  return n;
}

// Item 1. Thread stacks need address space: with 1 GB stacks under a 3 GB
// limit the system refuses all but a few of 300 threads (and the work still
// has memory enough). The run used to abort ("terminate called
// without an active exception", exit 134) with half a JSON line; it goes on
// with the threads it got, and says so.
TEST(HostileInputTwo, RefusedThreadsDoNotAbortTheRun) {
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
  // A sanitizer maps terabytes of shadow memory at start: no process of
  // this build can run under the address-space limit this test needs.
  GTEST_SKIP() << "address-space limits (ulimit -v) leave no room for a sanitizer's shadow memory";
#endif
  const std::string kFewThreads = "ulimit -s 1000000; ulimit -v 3000000; ";
  TempDir dir;
  const auto stories = dir.Write("stories.jsonl", Stories(40));
  const Outcome r = Precis(dir, "summarize " + stories.string() + " --threads 300", kFewThreads);
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(Lines(r.out), 40u);
  std::istringstream lines(r.out);
  for (std::string line; std::getline(lines, line);) EXPECT_TRUE(nlohmann::json::accept(line)) << line;
  EXPECT_NE(r.err.find("the system refused more threads: ran on "), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("of the 300 asked (--threads)"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("stories: 40 read, 40 written, 0 failed"), std::string::npos) << r.err;

  // ROUGE scores its cases on threads too.
  std::string cases;
  for (int i = 0; i < 400; ++i) {
    cases += nlohmann::json({{"id", std::string("c").append(std::to_string(i))}, {"peer", {kFirst}}, {"models", {{kSecond}}}}).dump() + "\n";
  }
  const Outcome rouge =
      Precis(dir, "rouge -n 1 --jsonl " + dir.Write("cases.jsonl", cases).string() + " --threads 300", kFewThreads);
  EXPECT_EQ(rouge.status, 0) << rouge.err;
  EXPECT_NE(rouge.err.find("cases: 400 read, 400 scored, 0 failed"), std::string::npos) << rouge.err;
}

// Item 2. A line that never ends is refused when reading reaches the limit
// (it used to be read to its end: forever on /dev/zero), and a run skipping
// it ends at the first SIGTERM (which it used to ignore).
TEST(HostileInputTwo, EndlessLinesAreRefusedAtTheLimit) {
  TempDir dir;
  const std::string guard = "timeout -s KILL 30 ";
  const Outcome rouge = Precis(dir, "rouge --jsonl /dev/zero -n 1 --max-line-bytes 1000000", guard);
  EXPECT_EQ(rouge.status, 1) << rouge.err;
  EXPECT_NE(rouge.err.find("/dev/zero:1: the line is longer than the limit of 1000000 bytes"), std::string::npos)
      << rouge.err;

  const std::string endless = "(printf '{'; tr '\\0' ' ' < /dev/zero) | ";
  const Outcome summarize = Precis(dir, "summarize - --max-line-bytes 1000000", endless + guard);
  EXPECT_EQ(summarize.status, 1) << summarize.err;
  EXPECT_NE(summarize.err.find("<stdin>:1: the line is longer than the limit of 1000000 bytes (--max-line-bytes)"),
            std::string::npos)
      << summarize.err;

  // Skipping the rest of the line goes on forever; SIGTERM after 2 s ends it
  // (SIGKILL 20 s later, exit 137, if it does not).
  const Outcome skipped = Precis(dir, "summarize - --on-error skip --max-line-bytes 1000",
                                 endless + "timeout --preserve-status -k 20 -s TERM 2 ");
  // (timeout(1) signals precis and then its process group: the second signal
  // may end it at once, by design, before it says "interrupted".)
  EXPECT_EQ(skipped.status, 143) << skipped.err;
}

// Item 4. Numbers that make no sense are refused as bad usage (exit 2) with a
// message naming the flag and the bound.
TEST(HostileInputTwo, NonsenseNumbersAreRefused) {
  TempDir dir;
  const std::string story = std::string(PRECIS_SOURCE_DIR) + "/examples/lumen-bay-ferry";
  const std::pair<std::string, std::string> cases[] = {
      {"--words -1", "--words must be at least 1, got -1"},
      {"--words ''", "--words expects a whole number, got \"\""},
      {"--words 0", "--words must be at least 1, got 0"},
      {"--bytes -1", "--bytes must be at least 1, got -1"},
      {"--bytes 18446744073709551616", "--bytes must be at most 1000000000"},
      {"--sentences 9223372036854775808", "--sentences must be at most 1000000000"},
      {"--words 1e3", "--words expects a whole number, got \"1e3\""},
      {"--citation-threshold nan", "--citation-threshold expects a number, got \"nan\""},
      {"--citation-threshold 2", "--citation-threshold must be between 0 and 1, got 2"},
      {"--max-docs 0", "--max-docs must be at least 1, got 0"},
      {"--max-story-bytes -5", "--max-story-bytes must be at least 1, got -5"},
      {"--threads -1", "--threads must be at least 0, got -1"},
  };
  for (const auto& [flags, message] : cases) {
    const Outcome r = Precis(dir, "summarize " + story + " " + flags);
    EXPECT_EQ(r.status, 2) << flags << ": " << r.err;
    EXPECT_NE(r.err.find(message), std::string::npos) << flags << ": " << r.err;
    EXPECT_EQ(r.err.find("not in range"), std::string::npos) << flags << ": " << r.err;
  }
  const Outcome input_bytes = Precis(dir, "clean --max-input-bytes 0 " + story);
  EXPECT_EQ(input_bytes.status, 2) << input_bytes.err;
  EXPECT_NE(input_bytes.err.find("--max-input-bytes must be at least 1, got 0"), std::string::npos) << input_bytes.err;
  const Outcome weight = Precis(dir, "rouge --jsonl /dev/null -w nan");
  EXPECT_EQ(weight.status, 2) << weight.err;
  EXPECT_NE(weight.err.find("-w expects a number, got \"nan\""), std::string::npos) << weight.err;
  const Outcome inf = Precis(dir, "rouge --jsonl /dev/null -p inf");
  EXPECT_EQ(inf.status, 2) << inf.err;
  for (const std::string limit : {"0", "-1"}) {
    const Outcome bench = Precis(dir, "bench " + story + " --preset duc --limit " + limit);
    EXPECT_EQ(bench.status, 2) << limit << ": " << bench.err;
    EXPECT_NE(bench.err.find("--limit must be at least 1, got " + limit), std::string::npos) << bench.err;
  }
}

// Item 5. A brief with no sentence (a budget too small for any, a story of
// punctuation) is said in batch mode too: a note in its JSON line, a count
// in the closing line, exit status 4.
TEST(HostileInputTwo, EmptyBriefsAreReportedInBatchMode) {
  TempDir dir;
  nlohmann::json punctuation;
  punctuation["id"] = "dots";
  punctuation["docs"] = {{{"text", "... !!! ??? --- ;;;"}}};
  const auto stories = dir.Write("stories.jsonl", Stories(2) + punctuation.dump() + "\n");
  const Outcome tiny = Precis(dir, "summarize " + stories.string() + " --words 1 --threads 2");
  EXPECT_EQ(tiny.status, 4) << tiny.err;
  std::istringstream lines(tiny.out);
  std::size_t n = 0;
  for (std::string line; std::getline(lines, line); ++n) {
    const auto j = nlohmann::json::parse(line);
    EXPECT_TRUE(j["sentences"].empty()) << line;
    EXPECT_EQ(j.value("note", ""), "no sentence could be selected within the budget of 1 words") << line;
  }
  EXPECT_EQ(n, 3u);
  EXPECT_NE(tiny.err.find("stories: 3 read, 3 written, 0 failed, 3 briefs empty (no sentence within the budget)"),
            std::string::npos)
      << tiny.err;
  EXPECT_NE(tiny.err.find("stories.jsonl:3: no sentence could be selected within the budget of 1 words"),
            std::string::npos)
      << tiny.err;

  // Only the punctuation story is empty with the default budget.
  const Outcome one = Precis(dir, "summarize " + stories.string());
  EXPECT_EQ(one.status, 4) << one.err;
  EXPECT_NE(one.err.find("3 read, 3 written, 0 failed, 1 brief empty"), std::string::npos) << one.err;
  std::istringstream one_lines(one.out);
  std::vector<bool> noted;
  for (std::string line; std::getline(one_lines, line);) noted.push_back(nlohmann::json::parse(line).contains("note"));
  EXPECT_EQ(noted, (std::vector<bool>{false, false, true}));

  // Briefs with sentences: no note, exit 0.
  const Outcome fine = Precis(dir, "summarize " + dir.Write("fine.jsonl", Stories(2)).string());
  EXPECT_EQ(fine.status, 0) << fine.err;
  EXPECT_EQ(fine.out.find("\"note\""), std::string::npos) << fine.out;

  // One story: the warning as before, the note in JSON, and the same status.
  const Outcome single = Precis(dir, "summarize " + std::string(PRECIS_SOURCE_DIR) +
                                         "/examples/lumen-bay-ferry --words 1 --format json");
  EXPECT_EQ(single.status, 4) << single.err;
  EXPECT_EQ(nlohmann::json::parse(single.out).value("note", ""),
            "no sentence could be selected within the budget of 1 words");
}

// Item 9. Files without a final newline joined with "---" on standard input
// are still separate articles, and --verbose says how many went in.
TEST(HostileInputTwo, GluedSeparatorOnStandardInput) {
  TempDir dir;
  const auto a = dir.Write("a.txt", std::string(kFirst));  // no final newline
  const auto b = dir.Write("b.txt", std::string(kSecond));
  const Outcome r = Precis(dir, "summarize - --verbose --format json", "(cat " + a.string() + "; echo ---; cat " +
                                                                           b.string() + ") | ");
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(nlohmann::json::parse(r.out)["sources"].size(), 2u) << r.out;
  EXPECT_NE(r.err.find("precis summarize: 2 articles read, 2 with text once cleaned"), std::string::npos) << r.err;
}

// Item 10. Input that is no running text (a password file, a table) is
// summarized, but the user hears that it does not look like prose; articles,
// in any script, do not get the note.
TEST(HostileInputTwo, InputThatIsNoProseIsNoted) {
  TempDir dir;
  const auto accounts = dir.Write("accounts", "root:x:0:0:root:/root:/bin/bash\n"
                                              "daemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\n"
                                              "list:x:38:38:Mailing List Manager:/var/list:/usr/sbin/nologin\n");
  const Outcome r = Precis(dir, "summarize " + accounts.string());
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_NE(r.err.find("article 1 (accounts) does not look like prose"), std::string::npos) << r.err;
  const auto table = dir.Write("table.txt", "id,name,votes,share\n1,North,10234,51.2%\n2,South,9771,48.8%\n");
  const Outcome two = Precis(dir, "summarize " + accounts.string() + " " + table.string());
  EXPECT_NE(two.err.find("articles 1 (accounts), 2 (table.txt) do not look like prose"), std::string::npos) << two.err;

  const auto chinese = dir.Write("zh.txt", "中国和俄罗斯周一签署了一项贸易协议，两国领导人在莫斯科会面并讨论了能源合作。\n");
  const auto english = dir.Write("en.txt", std::string(kFirst) + "\n" + kSecond + "\n");
  for (const auto& file : {chinese, english}) {
    const Outcome fine = Precis(dir, "summarize " + file.string());
    EXPECT_EQ(fine.status, 0) << fine.err;
    EXPECT_EQ(fine.err.find("prose"), std::string::npos) << file << ": " << fine.err;
  }
  const Outcome example = Precis(dir, "summarize " + std::string(PRECIS_SOURCE_DIR) + "/examples/lumen-bay-ferry");
  EXPECT_EQ(example.err.find("prose"), std::string::npos) << example.err;
}

// Item 7. Exit statuses as the README gives them.
TEST(HostileInputTwo, ExitStatusesOfBenchAndInterruptedOpens) {
  TempDir dir;
  const auto stories = dir.Write("stories.jsonl", Stories(2));
  const std::string bench = "bench " + stories.string() + " --preset duc --methods lead --no-progress";
  const Outcome full = Precis(dir, bench + " > /dev/full");
  EXPECT_EQ(full.status, 3) << full.err;
  EXPECT_NE(full.err.find("cannot write to standard output"), std::string::npos) << full.err;

  // A directory that cannot be made (a file is in the way): output, exit 3,
  // with a message naming the directory and the flag.
  const auto blocker = dir.Write("blocker", "a file");
  const Outcome cases = Precis(dir, bench + " --save-cases " + (blocker / "cases").string());
  EXPECT_EQ(cases.status, 3) << cases.err;
  EXPECT_NE(cases.err.find((blocker / "cases").string() + ": cannot create the directory for --save-cases"),
            std::string::npos)
      << cases.err;

  // SIGTERM while opening a FIFO that no one writes to: 143, not 1.
  const auto fifo = dir.path() / "fifo.txt";
  ASSERT_EQ(precis::testing::RunCommand("mkfifo " + fifo.string()).status, 0);
  const auto err = dir.path() / "err.txt";
  const auto r = precis::testing::RunCommand(std::string(PRECIS_BINARY) + " summarize " + fifo.string() + " 2>" +
                                             err.string() + " & pid=$!; sleep 1; kill -TERM $pid; wait $pid; echo $?");
  EXPECT_EQ(r.out, "143\n") << ReadFile(err);
  EXPECT_NE(ReadFile(err).find("interrupted by signal 15"), std::string::npos) << ReadFile(err);
}

// Item 8. Messages that say what is wrong.
TEST(HostileInputTwo, MessagesSayWhatIsWrong) {
  TempDir dir;
  const Outcome typo = Precis(dir, "sumarize a.txt");
  EXPECT_EQ(typo.status, 2);
  EXPECT_NE(typo.err.find("precis: unknown command \"sumarize\"; did you mean \"summarize\"?"), std::string::npos)
      << typo.err;
  const Outcome unknown = Precis(dir, "frobnicate");
  EXPECT_EQ(unknown.status, 2);
  EXPECT_NE(unknown.err.find("precis: unknown command \"frobnicate\" (commands: "), std::string::npos) << unknown.err;
  EXPECT_EQ(unknown.err.find("did you mean"), std::string::npos) << unknown.err;

  // A symlink loop is no missing file.
  std::filesystem::create_symlink(dir.path() / "loop.txt", dir.path() / "loop.txt");
  const Outcome loop = Precis(dir, "summarize " + (dir.path() / "loop.txt").string());
  EXPECT_EQ(loop.status, 1);
  EXPECT_NE(loop.err.find("loop.txt: too many levels of symbolic links"), std::string::npos) << loop.err;
  const Outcome missing = Precis(dir, "summarize " + (dir.path() / "none.txt").string());
  EXPECT_NE(missing.err.find("none.txt: no such file or directory"), std::string::npos) << missing.err;

  // A stopped batch run with -o: the file is said not written before the
  // closing line, which does not count the discarded summaries as written.
  const auto mixed = dir.Write("mixed.jsonl", Stories(2) + "{not json\n");
  const auto target = dir.path() / "out.jsonl";
  const Outcome stopped = Precis(dir, "summarize " + mixed.string() + " --threads 1 -o " + target.string());
  EXPECT_EQ(stopped.status, 1);
  const std::size_t not_written = stopped.err.find(target.string() + " was not written");
  const std::size_t closing = stopped.err.find("stories: 3 read, 0 written (2 summarized, not kept), 1 failed");
  EXPECT_NE(not_written, std::string::npos) << stopped.err;
  EXPECT_NE(closing, std::string::npos) << stopped.err;
  EXPECT_LT(not_written, closing) << stopped.err;

  // The same for precis clean.
  const auto good = dir.Write("good.txt", std::string(kFirst) + "\n");
  const auto clean_target = dir.path() / "clean.txt";
  const Outcome clean_stopped = Precis(dir, "clean " + good.string() + " " + (dir.path() / "none.txt").string() + " " +
                                                good.string() + " -o " + clean_target.string());
  EXPECT_EQ(clean_stopped.status, 1);
  const std::size_t clean_not_written = clean_stopped.err.find(clean_target.string() + " was not written");
  const std::size_t clean_closing = clean_stopped.err.find("inputs: 2 read, 0 written (1 cleaned, not kept), 1 failed");
  EXPECT_NE(clean_not_written, std::string::npos) << clean_stopped.err;
  EXPECT_NE(clean_closing, std::string::npos) << clean_stopped.err;
  EXPECT_LT(clean_not_written, clean_closing) << clean_stopped.err;

  // --help: the methods listed, no "{false}" after flags.
  const Outcome help = Precis(dir, "summarize --help");
  EXPECT_EQ(help.status, 0);
  EXPECT_EQ(help.out.find("{false}"), std::string::npos) << help.out;
  EXPECT_EQ(help.out.find("{true}"), std::string::npos) << help.out;
  for (const char* method : {"precis", "lead", "centroid", "lexrank", "textrank", "concepts"}) {
    EXPECT_NE(help.out.find(method), std::string::npos) << method;
  }

  // Only English lexicon data exists.
  const std::string article = dir.Write("a.txt", std::string(kFirst) + "\n").string();
  const Outcome french = Precis(dir, "clean --language fr " + article);
  EXPECT_EQ(french.status, 2) << french.err;
  EXPECT_NE(french.err.find("only English (en) lexicon data exists"), std::string::npos) << french.err;

  // A directory typed with its slash: "=== dir / a.txt", not "=== dir/ / a.txt".
  dir.Write("story/a.txt", std::string(kFirst) + "\n");
  dir.Write("story/b.txt", std::string(kSecond) + "\n");
  const Outcome clean = Precis(dir, "clean " + (dir.path() / "story").string() + "/");
  EXPECT_EQ(clean.status, 0) << clean.err;
  EXPECT_NE(clean.out.find("=== " + (dir.path() / "story").string() + " / a.txt\n"), std::string::npos) << clean.out;
  EXPECT_EQ(clean.out.find("/ / "), std::string::npos) << clean.out;
}

}  // namespace
