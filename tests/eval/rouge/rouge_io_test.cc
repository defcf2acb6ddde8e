#include "precis/rouge_io.h"

#include <gtest/gtest.h>

#include <functional>
#include <sstream>

#include "precis/error.h"
#include "test_support.h"

namespace precis::rouge {
namespace {

using precis::testing::TempDir;

std::string ErrorOf(const std::function<void()>& f) {
  try {
    f();
  } catch (const Error& e) {
    return e.what();
  }
  return "";
}

TEST(ReadXmlConfig, ReadsEvalsPeersAndModels) {
  TempDir dir;
  const auto config = dir.Write("config.xml", R"(<ROUGE_EVAL version="1.5.5">
<EVAL ID="2">
 <PEER-ROOT> p </PEER-ROOT> <MODEL-ROOT>m</MODEL-ROOT>
 <INPUT-FORMAT TYPE="SEE"></INPUT-FORMAT>
 <PEERS><P ID="B">two.html</P><P ID="A">two-a.html</P></PEERS>
 <MODELS><M ID="x">two.x.html</M></MODELS>
</EVAL>
<eval ID="1"><INPUT-FORMAT TYPE="spl"/><PEER-ROOT>p</PEER-ROOT><MODEL-ROOT>m</MODEL-ROOT>
 <PEERS><P ID="A">one.txt</P></PEERS><MODELS><M ID="x">1.x</M><M ID="y">1.y</M></MODELS></eval>
</ROUGE_EVAL>
)");
  const Config c = ReadXmlConfig(config.string());
  ASSERT_EQ(c.evals.size(), 2u);
  EXPECT_EQ(c.evals[0].id, "2");
  EXPECT_EQ(c.evals[0].format, InputFormat::kSee);
  EXPECT_EQ(c.evals[0].peers[0], (std::pair<std::string, std::string>{"B", "p/two.html"}));
  EXPECT_EQ(c.evals[1].format, InputFormat::kSpl);
  EXPECT_EQ(c.evals[1].models.size(), 2u);
  EXPECT_EQ(c.peer_ids, (std::vector<std::string>{"A", "B"}));
}

TEST(ReadXmlConfig, BadXmlNamesFileAndLine) {
  TempDir dir;
  const auto config = dir.Write("bad.xml", "<ROUGE_EVAL>\n<EVAL ID=\"1\">\n<PEERS>\n</ROUGE_EVAL>\n");
  const std::string message = ErrorOf([&] { ReadXmlConfig(config.string()); });
  EXPECT_NE(message.find("bad.xml:"), std::string::npos) << message;
  EXPECT_NE(message.find("bad XML"), std::string::npos) << message;
}

TEST(ReadXmlConfig, MissingFileAndDuplicateIds) {
  TempDir dir;
  EXPECT_NE(ErrorOf([&] { ReadXmlConfig((dir.path() / "none.xml").string()); }).find("cannot open"), std::string::npos);
  const auto config = dir.Write("dup.xml", "<R><EVAL ID=\"1\"><INPUT-FORMAT TYPE=\"SPL\"/></EVAL>\n<EVAL ID=\"1\"/></R>");
  EXPECT_NE(ErrorOf([&] { ReadXmlConfig(config.string()); }).find("dup.xml:2: duplicate EVAL ID"), std::string::npos);
}

// The script keeps an EVAL's peers and models in hashes by ID: a repeated ID
// replaced the summary before it and the figures differed from precis'
// without a word. Refused, naming the ID and the EVAL.
TEST(ReadXmlConfig, DuplicatePeerAndModelIdsAreRefused) {
  TempDir dir;
  const auto peers = dir.Write("peers.xml",
                               "<R><EVAL ID=\"d1\"><INPUT-FORMAT TYPE=\"SPL\"/>\n<PEERS>\n<P ID=\"1\">a</P>\n"
                               "<P ID=\"1\">b</P></PEERS><MODELS><M ID=\"A\">m</M></MODELS></EVAL></R>");
  EXPECT_NE(ErrorOf([&] { ReadXmlConfig(peers.string()); }).find("peers.xml:4: duplicate peer ID \"1\" in EVAL \"d1\""),
            std::string::npos)
      << ErrorOf([&] { ReadXmlConfig(peers.string()); });
  const auto models = dir.Write("models.xml",
                                "<R><EVAL ID=\"d1\"><INPUT-FORMAT TYPE=\"SPL\"/><PEERS><P ID=\"1\">a</P></PEERS>\n"
                                "<MODELS><M ID=\"A\">m</M>\n<M ID=\"A\">n</M></MODELS></EVAL></R>");
  EXPECT_NE(ErrorOf([&] { ReadXmlConfig(models.string()); }).find("models.xml:3: duplicate model ID \"A\" in EVAL \"d1\""),
            std::string::npos)
      << ErrorOf([&] { ReadXmlConfig(models.string()); });
  // The same IDs in different EVALs are the usual case.
  const auto fine = dir.Write("fine.xml",
                              "<R><EVAL ID=\"d1\"><INPUT-FORMAT TYPE=\"SPL\"/><PEERS><P ID=\"1\">a</P></PEERS>"
                              "<MODELS><M ID=\"A\">m</M></MODELS></EVAL><EVAL ID=\"d2\"><INPUT-FORMAT TYPE=\"SPL\"/>"
                              "<PEERS><P ID=\"1\">a</P></PEERS><MODELS><M ID=\"A\">m</M></MODELS></EVAL></R>");
  EXPECT_EQ(ReadXmlConfig(fine.string()).evals.size(), 2u);
}

TEST(ReadSummaryFile, SplSeeAndIsi) {
  TempDir dir;
  const auto spl = dir.Write("a.spl", "First line.\n\nSecond line.\r\nlast");
  EXPECT_EQ(ReadSummaryFile(spl.string(), InputFormat::kSpl),
            (std::vector<std::string>{"First line.", "Second line.\r", "last"}));
  const auto see = dir.Write("a.html",
                             "<html><body bgcolor=\"white\">\n"
                             "<a name=\"1\">[1]</a> <a href=\"#1\" id=1>One sentence.</a>\n"
                             "<a size=\"5\" name=\"2\">[2]</a> <a href=\"#2\" id=2>Two.</a>\n</body></html>\n");
  EXPECT_EQ(ReadSummaryFile(see.string(), InputFormat::kSee), (std::vector<std::string>{"One sentence.", "Two."}));
  const auto isi = dir.Write("a.isi", "<S SNTNO=\"1\">Alpha beta</S>\n<S SNTNO=\"2\">Gamma</S>\n");
  EXPECT_EQ(ReadSummaryFile(isi.string(), InputFormat::kIsi), (std::vector<std::string>{"Alpha beta", "Gamma"}));
  EXPECT_NE(ErrorOf([&] { ReadSummaryFile(spl.string(), InputFormat::kSimple); }).find("-3"), std::string::npos);
}

TEST(LoadCases, WarnsAboutMissingPeerAndFailsOnMissingModel) {
  TempDir dir;
  dir.Write("p/1.txt", "a b c\n");
  dir.Write("m/1.txt", "a b d\n");
  Config config;
  config.evals.push_back({"1", InputFormat::kSpl, {{"A", (dir.path() / "p/1.txt").string()}},
                          {{"x", (dir.path() / "m/1.txt").string()}}});
  config.evals.push_back({"2", InputFormat::kSpl, {{"B", "nothing"}}, {{"x", (dir.path() / "m/missing.txt").string()}}});
  std::vector<std::string> warnings;
  const auto cases = LoadCases(config, "A", &warnings);
  ASSERT_EQ(cases.size(), 1u);
  EXPECT_EQ(cases[0].models[0], (std::vector<std::string>{"a b d"}));
  ASSERT_EQ(warnings.size(), 1u);
  EXPECT_NE(warnings[0].find("evaluation 2"), std::string::npos);
  EXPECT_NE(ErrorOf([&] { LoadCases(config, "B", nullptr); }).find("cannot find model summary"), std::string::npos);
}

TEST(ReadJsonlCases, ParsesAndSplitsNewlines) {
  std::istringstream in(R"({"id": "a", "peer": ["One.\nTwo."], "models": [["M one."], ["M two."]]})" "\n\n"
                        R"({"id": "b", "peer_id": "s2", "peer": [], "models": [[]]})" "\n");
  const auto cases = ReadJsonlCases(in, "x.jsonl");
  ASSERT_EQ(cases.size(), 2u);
  EXPECT_EQ(cases[0].peer, (std::vector<std::string>{"One.", "Two."}));
  EXPECT_EQ(cases[0].models.size(), 2u);
  EXPECT_EQ(cases[1].peer_id, "s2");
}

TEST(ReadJsonlCases, ErrorsNameTheLine) {
  auto error_for = [](const std::string& text) {
    std::istringstream in(text);
    return ErrorOf([&] { ReadJsonlCases(in, "x.jsonl"); });
  };
  const std::string good = R"({"id": "a", "peer": ["p"], "models": [["m"]]})" "\n";
  EXPECT_NE(error_for(good + "{\"id\": \n").find("x.jsonl:2: invalid JSON"), std::string::npos);
  EXPECT_NE(error_for(good + "{\"id\": \"b\", \"peer\": [\"\xff\"], \"models\": [[\"m\"]]}\n").find("x.jsonl:2: invalid JSON"),
            std::string::npos);
  EXPECT_NE(error_for(good + good).find("x.jsonl:2: duplicate case id"), std::string::npos);
  EXPECT_NE(error_for(R"({"id": "a", "peer": ["p"]})").find("x.jsonl:1:"), std::string::npos);
  EXPECT_NE(error_for(R"({"id": "a", "peer": "p", "models": [["m"]]})").find("list of sentences"), std::string::npos);
}

// With a handler, a bad line is handed over and left out; reading goes on.
// A UTF-16 file cannot be read at all: thrown whatever the handler.
TEST(ReadJsonlCases, BadLinesGoToTheHandler) {
  const std::string good = R"({"id": "a", "peer": ["p"], "models": [["m"]]})" "\n";
  std::istringstream in(good + "{\n" + R"({"id": "b", "peer": ["p"], "models": [["m"]]})" "\n" + good);
  std::vector<std::string> bad;
  const auto cases = ReadJsonlCases(in, "x.jsonl", [&](const precis::Error& e) { bad.push_back(e.what()); });
  ASSERT_EQ(cases.size(), 2u);
  EXPECT_EQ(cases[1].id, "b");
  ASSERT_EQ(bad.size(), 2u);
  EXPECT_NE(bad[0].find("x.jsonl:2: invalid JSON"), std::string::npos) << bad[0];
  EXPECT_NE(bad[1].find("x.jsonl:4: duplicate case id"), std::string::npos) << bad[1];
  std::istringstream utf16(std::string("{\0\"\0i\0d\0\"\0:\0 \0\"\0a\0\"\0}\0\n\0", 24));
  EXPECT_NE(ErrorOf([&] { ReadJsonlCases(utf16, "u.jsonl", [](const precis::Error&) {}); }).find("UTF-16"),
            std::string::npos);
}

TEST(LoadCases, BadCasesGoToTheHandler) {
  TempDir dir;
  dir.Write("p/1.txt", "a b c\n");
  dir.Write("m/1.txt", "a b d\n");
  dir.Write("m/empty.txt", "");
  Config config;
  const std::string peer = (dir.path() / "p/1.txt").string();
  config.evals.push_back({"1", InputFormat::kSpl, {{"A", peer}}, {{"x", (dir.path() / "m/1.txt").string()}}});
  config.evals.push_back({"2", InputFormat::kSpl, {{"A", peer}}, {{"x", (dir.path() / "m/missing.txt").string()}}});
  config.evals.push_back({"3", InputFormat::kSpl, {{"A", peer}}, {{"x", (dir.path() / "m/empty.txt").string()}}});
  std::vector<std::string> warnings, bad;
  const auto cases = LoadCases(config, "A", &warnings, [&](const precis::Error& e) { bad.push_back(e.what()); });
  ASSERT_EQ(cases.size(), 2u);
  EXPECT_EQ(cases[1].id, "3");
  EXPECT_TRUE(cases[1].models[0].empty());
  ASSERT_EQ(bad.size(), 1u);
  EXPECT_NE(bad[0].find("missing.txt: cannot find model summary x of EVAL 2"), std::string::npos) << bad[0];
  ASSERT_EQ(warnings.size(), 1u);
  EXPECT_NE(warnings[0].find("model summary x of EVAL 3 is empty"), std::string::npos) << warnings[0];
}

TEST(WriteScriptReport, PrintsTheScriptsLines) {
  Options o;
  o.max_ngram = 1;
  o.lcs = false;
  std::vector<Case> cases(2);
  cases[0].id = "10";
  cases[0].peer = {"a b"};
  cases[0].models = {{"a c"}};
  cases[1].id = "9";
  cases[1].peer = {"a b"};
  cases[1].models = {{"a b"}};
  const PeerResults r = Evaluate("sys", cases, o, *Lexicon::Builtin(), 1);
  std::ostringstream out;
  WriteScriptReport(out, r, o, true);
  const std::string text = out.str();
  EXPECT_EQ(text.rfind("---------------------------------------------\nsys ROUGE-1 Average_R: 0.", 0), 0u) << text;
  EXPECT_NE(text.find(" (95%-conf.int. "), std::string::npos);
  // Eval lines sort numerically on the leading number, as the script's by_evalID.
  const auto nine = text.find("sys ROUGE-1 Eval 9.sys R:1.00000 P:1.00000 F:1.00000");
  const auto ten = text.find("sys ROUGE-1 Eval 10.sys R:0.50000 P:0.50000 F:0.50000");
  ASSERT_NE(nine, std::string::npos) << text;
  ASSERT_NE(ten, std::string::npos) << text;
  EXPECT_LT(nine, ten);
}

}  // namespace
}  // namespace precis::rouge
