#include "cli/rouge_command.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <sstream>
#include <string>
#include <vector>
#include <sys/wait.h>
#include <unistd.h>

#include "test_support.h"

namespace precis::cli {
namespace {

TEST(ParseRougeArgs, FollowsGetoptStd) {
  const RougeInvocation inv = ParseRougeArgs({"-am", "-n2", "-l", "100", "-2", "-1", "-U", "-c", "90", "config.xml", "-x"});
  EXPECT_TRUE(inv.all_peers);
  EXPECT_TRUE(inv.options.stem);
  EXPECT_EQ(inv.options.max_ngram, 2);
  EXPECT_EQ(inv.options.word_limit, 100);
  EXPECT_EQ(inv.options.skip_distance, -1);
  EXPECT_TRUE(inv.options.skip_both);
  EXPECT_EQ(inv.options.confidence_text, "90");
  // Options end at the first argument that is not one, as in Getopt::Std.
  EXPECT_TRUE(inv.options.lcs);
  EXPECT_EQ(inv.positional, (std::vector<std::string>{"config.xml", "-x"}));
}

TEST(ParseRougeArgs, LongOptionsAnywhere) {
  const RougeInvocation inv = ParseRougeArgs({"--jsonl", "c.jsonl", "-n", "1", "--threads=3", "--format", "text"});
  EXPECT_EQ(inv.jsonl, "c.jsonl");
  EXPECT_EQ(inv.threads, 3);
  EXPECT_EQ(inv.format, "text");
  EXPECT_EQ(inv.options.max_ngram, 1);
}

TEST(ParseRougeArgs, OutputAndOnError) {
  // -o is not a flag of the script: it may follow CONFIG, as long options may.
  const RougeInvocation after = ParseRougeArgs({"-a", "config.xml", "-o", "out.txt", "--on-error", "skip"});
  EXPECT_EQ(after.output, "out.txt");
  EXPECT_EQ(after.on_error, "skip");
  EXPECT_EQ(after.positional, (std::vector<std::string>{"config.xml"}));
  EXPECT_EQ(ParseRougeArgs({"-ao", "x.txt", "c.xml"}).output, "x.txt");
  EXPECT_EQ(ParseRougeArgs({"--output=y.txt", "--max-line-bytes", "100"}).max_line_bytes, 100u);
  EXPECT_THROW(ParseRougeArgs({"--on-error", "ignore"}), UsageError);
  EXPECT_THROW(ParseRougeArgs({"--max-line-bytes", "0"}), UsageError);
  EXPECT_THROW(ParseRougeArgs({"c.xml", "-o"}), UsageError);
}

TEST(ParseRougeArgs, RejectsBadUsage) {
  EXPECT_THROW(ParseRougeArgs({"-q"}), UsageError);
  EXPECT_THROW(ParseRougeArgs({"-l", "10", "-b", "10"}), UsageError);
  EXPECT_THROW(ParseRougeArgs({"-n", "two"}), UsageError);
  EXPECT_THROW(ParseRougeArgs({"-c", "101"}), UsageError);
  EXPECT_THROW(ParseRougeArgs({"-r"}), UsageError);
  EXPECT_THROW(ParseRougeArgs({"--format", "xml"}), UsageError);
  EXPECT_THROW(ParseRougeArgs({"--nope"}), UsageError);
}

struct Outcome {
  int status = -1;
  std::string out, err;
};

// Runs the precis binary from `cwd` (default: the test's own directory).
Outcome RunPrecis(const std::string& args, const precis::testing::TempDir& dir, const std::string& cwd = ".") {
  const auto out = dir.path() / "out.txt", err = dir.path() / "err.txt";
  std::ostringstream command;
  command << "cd '" << cwd << "' && '" << PRECIS_BINARY << "' " << args << " > '" << out.string() << "' 2> '"
          << err.string() << "'";
  const int raw = std::system(command.str().c_str());
  Outcome o;
  o.status = WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
  o.out = precis::testing::ReadFile(out);
  o.err = precis::testing::ReadFile(err);
  return o;
}

TEST(RougeCommand, MissingConfigFailsCleanly) {
  precis::testing::TempDir dir;
  const Outcome o = RunPrecis("rouge -a '" + (dir.path() / "absent.xml").string() + "'", dir);
  EXPECT_EQ(o.status, 1);
  EXPECT_TRUE(o.out.empty());
  EXPECT_NE(o.err.find("absent.xml"), std::string::npos) << o.err;
}

TEST(RougeCommand, BadJsonLineFailsWithoutPartialOutput) {
  precis::testing::TempDir dir;
  const auto cases = dir.Write("c.jsonl", "{\"id\": \"a\", \"peer\": [\"x\"], \"models\": [[\"x\"]]}\nnot json\n");
  const Outcome o = RunPrecis("rouge -n 1 --jsonl '" + cases.string() + "'", dir);
  EXPECT_EQ(o.status, 1);
  EXPECT_TRUE(o.out.empty());
  EXPECT_NE(o.err.find("c.jsonl:2: invalid JSON"), std::string::npos) << o.err;
}

TEST(RougeCommand, UsageErrorsExitTwo) {
  precis::testing::TempDir dir;
  EXPECT_EQ(RunPrecis("rouge -q x.xml", dir).status, 2);
  EXPECT_EQ(RunPrecis("rouge config.xml", dir).status, 2);  // neither -a nor a system id
  const Outcome help = RunPrecis("rouge --help", dir);
  EXPECT_EQ(help.status, 0);
  EXPECT_NE(help.out.find("Usage: precis rouge"), std::string::npos);
}

TEST(RougeCommand, ScoresTheBundledExample) {
  precis::testing::TempDir dir;
  // The example's paths are relative to the repository root, like the README's command.
  const Outcome o = RunPrecis("rouge -n 2 -m -a -d -r 100 examples/rouge/config.xml", dir, PRECIS_SOURCE_DIR);
  ASSERT_EQ(o.status, 0) << o.err;
  for (const char* line : {"alpha ROUGE-1 Average_R: ", "beta ROUGE-2 Average_F: ", "alpha ROUGE-L Eval quake.alpha R:"}) {
    EXPECT_NE(o.out.find(line), std::string::npos) << line << "\n" << o.out;
  }
}

// pyrouge's form of a summary: SEE HTML, one anchor per sentence.
std::string SeeHtml(const std::string& title, const std::vector<std::string>& sentences) {
  std::string html = "<html>\n<head>\n<title>" + title + "</title>\n</head>\n<body bgcolor=\"white\">\n";
  for (std::size_t i = 0; i < sentences.size(); ++i) {
    const std::string n = std::to_string(i + 1);
    html += "<a name=\"" + n + "\">[" + n + "]</a> <a href=\"#" + n + "\" id=" + n + ">" + sentences[i] + "</a>\n";
  }
  return html + "</body>\n</html>";
}

// --make-home writes what pyrouge runs: HOME/ROUGE-1.5.5.pl -e HOME/data
// with its default flags and the config it writes (SEE files, absolute
// roots), from another directory; the figures are precis rouge's own.
TEST(RougeCommand, MakeHomeServesPyrougeStyleCalls) {
  precis::testing::TempDir dir;
  const auto home = dir.path() / "rouge home";  // a space, as in many user paths
  const Outcome made = RunPrecis("rouge --make-home '" + home.string() + "'", dir);
  ASSERT_EQ(made.status, 0) << made.err;
  EXPECT_TRUE(std::filesystem::is_directory(home / "data"));
  const std::string script = precis::testing::ReadFile(home / "ROUGE-1.5.5.pl");
  EXPECT_EQ(script.rfind("#!/bin/sh\nexec '", 0), 0u) << script;
  EXPECT_EQ(std::count(script.begin(), script.end(), '\n'), 2) << script;
  EXPECT_NE(script.find(" rouge \"$@\"\n"), std::string::npos) << script;
  EXPECT_EQ(::access((home / "ROUGE-1.5.5.pl").c_str(), X_OK), 0);

  // Two tasks, as pyrouge's convert_and_evaluate writes them.
  dir.Write("system/task.001.txt", SeeHtml("task.001.txt", {"The river flooded the lower town on Monday.",
                                                             "Two bridges were closed."}));
  dir.Write("system/task.002.txt", SeeHtml("task.002.txt", {"Farmers lost most of the barley harvest."}));
  dir.Write("model/task.A.001.txt", SeeHtml("task.A.001.txt", {"On Monday the river flooded the lower town.",
                                                                "Officials closed two bridges and a school."}));
  dir.Write("model/task.B.001.txt", SeeHtml("task.B.001.txt", {"Floods hit the lower town; bridges closed."}));
  dir.Write("model/task.A.002.txt", SeeHtml("task.A.002.txt", {"Hail destroyed most of the barley harvest."}));
  std::string config = "<ROUGE-EVAL version=\"1.0\">";
  for (const std::string& task : {std::string("001"), std::string("002")}) {
    std::string models = "<M ID=\"A\">task.A." + task + ".txt</M>";
    if (task == "001") models += "\n\t\t\t<M ID=\"B\">task.B.001.txt</M>";
    config += "\n<EVAL ID=\"" + std::to_string(std::stoi(task)) + "\">\n    <MODEL-ROOT>" +
              (dir.path() / "model").string() + "</MODEL-ROOT>\n    <PEER-ROOT>" + (dir.path() / "system").string() +
              "</PEER-ROOT>\n    <INPUT-FORMAT TYPE=\"SEE\">\n    </INPUT-FORMAT>\n    <PEERS>\n        <P ID=\"1\">task." +
              task + ".txt</P>\n    </PEERS>\n    <MODELS>\n        " + models + "\n    </MODELS>\n</EVAL>\n";
  }
  const auto config_file = dir.Write("config.xml", config + "</ROUGE-EVAL>");
  // pyrouge's default flags (with -m, as most papers give), and a fork's.
  for (const std::string& pyrouge_flags :
       {std::string("-c 95 -2 -1 -U -r 1000 -n 4 -w 1.2 -a -m"), std::string("-c 95 -m -r 1000 -n 2 -a")}) {
    const std::string flags =
        "-e '" + (home / "data").string() + "' " + pyrouge_flags + " '" + config_file.string() + "'";
    const auto out = dir.path() / "via-home.txt";
    const int raw = std::system(("cd / && '" + (home / "ROUGE-1.5.5.pl").string() + "' " + flags + " > '" +
                                 out.string() + "' 2> /dev/null")
                                    .c_str());
    ASSERT_TRUE(WIFEXITED(raw));
    EXPECT_EQ(WEXITSTATUS(raw), 0) << pyrouge_flags;
    const Outcome direct = RunPrecis("rouge " + flags, dir);
    ASSERT_EQ(direct.status, 0) << direct.err;
    EXPECT_NE(direct.out.find("1 ROUGE-2 Average_R: "), std::string::npos) << direct.out;
    EXPECT_EQ(precis::testing::ReadFile(out), direct.out) << pyrouge_flags;
  }

  // A second --make-home replaces the script; one with other arguments is bad usage.
  EXPECT_EQ(RunPrecis("rouge --make-home '" + home.string() + "'", dir).status, 0);
  EXPECT_EQ(RunPrecis("rouge --make-home '" + home.string() + "' -a config.xml", dir).status, 2);
  // A home that cannot be made: the output could not be written.
  dir.Write("file", "x");
  EXPECT_EQ(RunPrecis("rouge --make-home '" + (dir.path() / "file").string() + "'", dir).status, 3);
}

const char* const kCaseA = R"({"id": "a", "peer": ["the dam held"], "models": [["the dam held overnight"]]})";
const char* const kCaseB = R"({"id": "b", "peer": ["roads closed"], "models": [["five roads closed"]]})";

// Found in review: a CONFIG or file list was read whole whatever it was
// (-a /dev/zero ate all memory), gzip JSONL gave an error per line (it is
// now inflated, as every JSONL reader does), and a failed input ended
// without the counts line.
TEST(RougeCommand, HostileInputsAreRefusedByName) {
  precis::testing::TempDir dir;
  for (const std::string& args : {std::string("-a /dev/zero"), std::string("-z SPL /dev/zero X")}) {
    const Outcome device = RunPrecis("rouge -n 1 " + args, dir);
    EXPECT_EQ(device.status, 1) << args;
    EXPECT_NE(device.err.find("/dev/zero: the "), std::string::npos) << device.err;
    EXPECT_NE(device.err.find(" is not a regular file"), std::string::npos) << device.err;
    EXPECT_TRUE(device.err.ends_with("precis rouge: cases: 0 read, 0 scored, 0 failed\n")) << device.err;
  }
  const auto gz = dir.Write("c.jsonl.gz", precis::testing::Gzip(std::string(kCaseA) + "\n"));
  const Outcome plain = RunPrecis("rouge -n 1 --jsonl '" + dir.Write("c.jsonl", std::string(kCaseA) + "\n").string() + "'", dir);
  ASSERT_EQ(plain.status, 0) << plain.err;
  for (const std::string& args : {"--jsonl '" + gz.string() + "'", "--jsonl - < '" + gz.string() + "'"}) {
    const Outcome compressed = RunPrecis("rouge -n 1 " + args, dir);
    EXPECT_EQ(compressed.status, 0) << args << compressed.err;
    EXPECT_EQ(compressed.out, plain.out) << args;
  }
  const auto cut = dir.Write("cut.jsonl.gz", precis::testing::Gzip(std::string(kCaseA) + "\n").substr(0, 20));
  const Outcome truncated = RunPrecis("rouge -n 1 --jsonl '" + cut.string() + "'", dir);
  EXPECT_EQ(truncated.status, 1);
  EXPECT_NE(truncated.err.find("broken or truncated gzip data"), std::string::npos) << truncated.err;
}

// A bad JSONL case: stop (the default) scores nothing and writes nothing;
// skip names it, scores the others and exits 1; both end with the counts.
TEST(RougeCommand, OnErrorStopOrSkip) {
  precis::testing::TempDir dir;
  const auto cases = dir.Write("c.jsonl", std::string(kCaseA) + "\nnot json\n" + kCaseB + "\n");
  const Outcome stop = RunPrecis("rouge -n 1 --jsonl '" + cases.string() + "'", dir);
  EXPECT_EQ(stop.status, 1);
  EXPECT_TRUE(stop.out.empty());
  EXPECT_NE(stop.err.find("c.jsonl:2: invalid JSON"), std::string::npos) << stop.err;
  EXPECT_NE(stop.err.find("stopped at the first bad case, nothing was scored"), std::string::npos) << stop.err;
  EXPECT_TRUE(stop.err.ends_with("precis rouge: cases: 1 read, 0 scored, 1 failed\n")) << stop.err;
  const Outcome skip = RunPrecis("rouge -n 1 --on-error skip --jsonl '" + cases.string() + "'", dir);
  EXPECT_EQ(skip.status, 1);
  EXPECT_NE(skip.out.find(R"({"case":"a","metric":"ROUGE-1")"), std::string::npos) << skip.out;
  EXPECT_NE(skip.out.find(R"({"case":"b","metric":"ROUGE-1")"), std::string::npos) << skip.out;
  EXPECT_NE(skip.err.find("c.jsonl:2: invalid JSON"), std::string::npos) << skip.err;
  EXPECT_NE(skip.err.find("(skipped)"), std::string::npos) << skip.err;
  EXPECT_NE(skip.err.find("precis rouge: cases: 3 read, 2 scored, 1 failed"), std::string::npos) << skip.err;
  // The JSONL line limit is a bad case too, naming its flag.
  const Outcome longer = RunPrecis("rouge -n 1 --on-error skip --max-line-bytes 60 --jsonl '" + cases.string() + "'", dir);
  EXPECT_NE(longer.err.find("c.jsonl:1: the line is longer than the limit of 60 bytes (--max-line-bytes) (skipped)"),
            std::string::npos)
      << longer.err;
  const Outcome good = RunPrecis("rouge -n 1 --jsonl '" + dir.Write("g.jsonl", std::string(kCaseA) + "\n").string() + "'", dir);
  EXPECT_EQ(good.status, 0);
  EXPECT_NE(good.err.find("precis rouge: cases: 1 read, 1 scored, 0 failed"), std::string::npos) << good.err;
}

// A config naming a missing model, a peer that is a directory and an empty
// model: each bad case is named with its file and EVAL; the empty model is
// scored as the script scores it, with a warning.
TEST(RougeCommand, ConfigWithMissingNonRegularAndEmptyFiles) {
  precis::testing::TempDir dir;
  dir.Write("m/1.spl", "the dam held overnight\n");
  dir.Write("m/2.spl", "");
  dir.Write("p/1.spl", "the dam held\n");
  dir.Write("p/2.spl", "the roads closed\n");
  std::filesystem::create_directories(dir.path() / "p/3.spl");
  auto eval = [](const std::string& id, const std::string& model) {
    return "<EVAL ID=\"" + id + "\"><PEER-ROOT>p</PEER-ROOT><MODEL-ROOT>m</MODEL-ROOT>"
           "<INPUT-FORMAT TYPE=\"SPL\"/><PEERS><P ID=\"s\">" + id + ".spl</P></PEERS>"
           "<MODELS><M ID=\"A\">" + model + "</M></MODELS></EVAL>";
  };
  dir.Write("config.xml", "<ROUGE_EVAL>" + eval("1", "1.spl") + eval("2", "2.spl") + eval("3", "1.spl") +
                              eval("4", "missing.spl") + "</ROUGE_EVAL>");
  const std::string cwd = dir.path().string();
  const Outcome stop = RunPrecis("rouge -n 1 -a config.xml", dir, cwd);
  EXPECT_EQ(stop.status, 1);
  EXPECT_TRUE(stop.out.empty());
  EXPECT_NE(stop.err.find("p/3.spl: peer summary s of EVAL 3 is not a regular file"), std::string::npos) << stop.err;

  const Outcome skip = RunPrecis("rouge -n 1 -a -d --on-error skip config.xml", dir, cwd);
  EXPECT_EQ(skip.status, 1);
  EXPECT_NE(skip.err.find("p/3.spl: peer summary s of EVAL 3 is not a regular file (skipped)"), std::string::npos)
      << skip.err;
  EXPECT_NE(skip.err.find("m/missing.spl: cannot find model summary A of EVAL 4 (skipped)"), std::string::npos)
      << skip.err;
  EXPECT_NE(skip.err.find("model summary A of EVAL 2 is empty (m/2.spl)"), std::string::npos) << skip.err;
  EXPECT_NE(skip.err.find("cases: 4 read, 2 scored, 2 failed"), std::string::npos) << skip.err;
  EXPECT_NE(skip.out.find("s ROUGE-1 Eval 1.s R:0.75000"), std::string::npos) << skip.out;
  EXPECT_NE(skip.out.find("s ROUGE-1 Eval 2.s R:0.00000"), std::string::npos) << skip.out;

  if (::geteuid() != 0) {  // root reads any file
    const auto locked = dir.Write("m/4.spl", "locked\n");
    std::filesystem::permissions(locked, std::filesystem::perms::none);
    dir.Write("locked.xml", "<ROUGE_EVAL>" + eval("1", "1.spl") + eval("2", "4.spl") + "</ROUGE_EVAL>");
    const Outcome unreadable = RunPrecis("rouge -n 1 -a locked.xml", dir, cwd);
    EXPECT_EQ(unreadable.status, 1);
    EXPECT_NE(unreadable.err.find("m/4.spl: cannot open summary file"), std::string::npos) << unreadable.err;
  }
}

TEST(RougeCommand, OutputFileIsCompleteOrUntouched) {
  precis::testing::TempDir dir;
  const auto bad = dir.Write("bad.jsonl", std::string(kCaseA) + "\n{\n");
  const auto fine = dir.Write("fine.jsonl", std::string(kCaseA) + "\n" + kCaseB + "\n");
  const auto target = dir.Write("out.jsonl", "previous contents\n");
  EXPECT_EQ(RunPrecis("rouge -n 1 --jsonl '" + bad.string() + "' -o '" + target.string() + "'", dir).status, 1);
  EXPECT_EQ(precis::testing::ReadFile(target), "previous contents\n");
  const Outcome done = RunPrecis("rouge -n 1 --jsonl '" + fine.string() + "' --output '" + target.string() + "'", dir);
  ASSERT_EQ(done.status, 0) << done.err;
  EXPECT_TRUE(done.out.empty());
  const std::string written = precis::testing::ReadFile(target);
  EXPECT_EQ(std::count(written.begin(), written.end(), '\n'), 6);  // 2 cases and an average, 2 metrics
  EXPECT_EQ(precis::testing::CountFiles(dir.path()), 5u);  // bad, fine, out and the runner's out.txt, err.txt
  EXPECT_EQ(RunPrecis("rouge -n 1 --jsonl '" + fine.string() + "' -o '" + (dir.path() / "no/o.jsonl").string() + "'",
                      dir)
                .status,
            3);
}

// Cases on standard input that never end, stopped by SIGTERM: exit 143, a
// message, no output file and no temporary file.
TEST(RougeCommand, InterruptedRunLeavesNoOutputFile) {
  precis::testing::TempDir dir;
  const auto target = dir.path() / "scores.jsonl";
  const auto err = dir.path() / "err.txt";
  const std::string script = "n=0; while :; do n=$((n+1)); echo '{\"id\": \"'$n'\", \"peer\": [\"a b\"], "
                             "\"models\": [[\"a c\"]]}'; sleep 0.2; done | '" +
                             std::string(PRECIS_BINARY) + "' rouge -n 1 --jsonl - -o '" + target.string() + "' 2>'" +
                             err.string() + "' & pid=$!; sleep 1; kill -TERM $pid; wait $pid; echo $?";
  const auto run = precis::testing::RunCommand(script);
  const std::string message = precis::testing::ReadFile(err);
  EXPECT_EQ(run.out, "143\n") << message;
  EXPECT_NE(message.find("precis rouge: interrupted by signal 15; " + target.string() + " was not written"),
            std::string::npos)
      << message;
  EXPECT_FALSE(std::filesystem::exists(target));
  EXPECT_EQ(precis::testing::CountFiles(dir.path()), 1u);  // err.txt only
}

}  // namespace
}  // namespace precis::cli
