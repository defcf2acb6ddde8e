// Inputs found by the rouge fuzzers (fuzz/rouge_*_fuzzer.cc).
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <sstream>
#include <string>

#include "cli/rouge_command.h"
#include "precis/error.h"
#include "precis/rouge_io.h"

namespace precis::rouge {
namespace {

PeerResults OneCase(const std::string& peer_id, const Options& options) {
  const Case c{"1", peer_id, {"the cat sat"}, {{"a cat sat"}}};
  return Evaluate(peer_id, {c}, options, *Lexicon::Builtin(), 1);
}

// -n 22222222222226 wrapped around when stored as int and asked for
// billions of metrics (out of memory).
TEST(RougeFuzzRegression, HugeNgramOrderIsAUsageError) {
  EXPECT_THROW(cli::ParseRougeArgs({"-n", "22222222222226", "-a", "c.xml"}), cli::UsageError);
  EXPECT_THROW(cli::ParseRougeArgs({"-n", "1001", "-a", "c.xml"}), cli::UsageError);
  EXPECT_THROW(cli::ParseRougeArgs({"-r", "4294967297", "-a", "c.xml"}), cli::UsageError);
  EXPECT_THROW(cli::ParseRougeArgs({"--threads", "99999999999", "-a", "c.xml"}), cli::UsageError);
  EXPECT_THROW(cli::ParseRougeArgs({"-l", "99999999999999999999999", "-a", "c.xml"}), cli::UsageError);
  EXPECT_EQ(cli::ParseRougeArgs({"-n", "4", "-a", "c.xml"}).options.max_ngram, 4);
}

// A --label (or a system id from the command line) that is not UTF-8 made
// the JSON writers throw nlohmann's type_error: invalid bytes become U+FFFD.
TEST(RougeFuzzRegression, InvalidUtf8InJsonOutputIsReplaced) {
  Options options;
  options.max_ngram = 1;
  options.resamples = 10;
  const PeerResults r = OneCase("sys\xdb", options);
  std::ostringstream rows, doc;
  WriteJsonRows(rows, r, options, "x\xdbn");
  WriteJsonDocument(doc, {r}, options);
  std::istringstream lines(rows.str());
  std::string line;
  int n = 0;
  while (std::getline(lines, line)) {
    const auto j = nlohmann::json::parse(line);
    EXPECT_EQ(j["options"], "x\xEF\xBF\xBDn");
    ++n;
  }
  EXPECT_EQ(n, 4);  // ROUGE-1 and ROUGE-L: one case row and one average row each
  EXPECT_TRUE(nlohmann::json::accept(doc.str()));
}

// -t 2 -w 102: ROUGE-W raw counts overflow to infinity, and the report
// converted them to integers (undefined behaviour).
TEST(RougeFuzzRegression, RawCountsBeyondIntegersArePrinted) {
  Options options = cli::ParseRougeArgs({"-t2", "-w102", "-a", "c.xml"}).options;
  options.resamples = 10;
  std::vector<Case> cases(2);
  cases[0].id = "2";
  cases[0].peer = {"The cats were sitting on the mats.", "It rained"};
  cases[0].models = {{"A cat sat on the mat, and it rained."}, {"rain fell", "cats sat"}};
  cases[1].id = "10";
  cases[1].models = {{""}};
  const PeerResults r = Evaluate("sys", cases, options, *Lexicon::Builtin(), 1);
  std::ostringstream out;
  WriteScriptReport(out, r, options, true);
  EXPECT_NE(out.str().find("sys ROUGE-W-102 M_count: Inf P_count: 4.30294661978917e+97"), std::string::npos)
      << out.str();
  EXPECT_NE(out.str().find("sys ROUGE-W-102 Eval 2.sys R:Inf P:"), std::string::npos) << out.str();
  EXPECT_NE(out.str().find("sys ROUGE-L M_count: 13 P_count: 18 H_count: 5"), std::string::npos) << out.str();
}

TEST(RougeFuzzRegression, InMemoryReadersMatchTheFileReaders) {
  const Config c = ParseXmlConfig(R"(<ROUGE_EVAL><EVAL ID="1"><PEER-ROOT>p</PEER-ROOT><MODEL-ROOT>m</MODEL-ROOT>
<INPUT-FORMAT TYPE="SPL"/><PEERS><P ID="s">a.txt</P></PEERS><MODELS><M ID="A">b.txt</M></MODELS></EVAL></ROUGE_EVAL>)",
                                  "mem.xml");
  ASSERT_EQ(c.evals.size(), 1u);
  EXPECT_EQ(c.evals[0].peers[0].second, "p/a.txt");
  EXPECT_EQ(c.evals[0].models[0].second, "m/b.txt");
  try {
    (void)ParseXmlConfig("<ROUGE_EVAL>\n<EVAL", "mem.xml");
    FAIL();
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("mem.xml:"), std::string::npos) << e.what();
  }
  EXPECT_EQ(ParseSummaryText("one\n\ntwo", InputFormat::kSpl, "x"), (std::vector<std::string>{"one", "two"}));
  EXPECT_EQ(ParseFileList("# c\np m1 m2\n", InputFormat::kSpl, "X", "list").evals[0].models.size(), 2u);
}

// Found reading the loaders the fuzzers leave out: a config naming a device
// as the peer (models were checked, peers were not) read /dev/zero for ever.
TEST(RougeFuzzRegression, PeerThatIsNotARegularFileIsAnError) {
  Config config;
  config.evals.push_back({"1", InputFormat::kSpl, {{"A", "/dev/zero"}}, {}});
  try {
    (void)LoadCases(config, "A", nullptr);
    FAIL();
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("/dev/zero: peer summary A of EVAL 1 is not a regular file"),
              std::string::npos)
        << e.what();
  }
}

}  // namespace
}  // namespace precis::rouge
