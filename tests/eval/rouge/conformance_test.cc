// Every figure ROUGE-1.5.5.pl printed for the shared conformance vectors
// (../shared/data/rouge-vectors) must come out of precis identically.
#include <gtest/gtest.h>

#include <cmath>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>

#include "cli/rouge_command.h"
#include "precis/rouge_io.h"
#include "test_support.h"

namespace precis::rouge {
namespace {

namespace fs = std::filesystem;

std::vector<std::string> SplitFlags(const std::string& flags) {
  std::istringstream in(flags);
  std::vector<std::string> out;
  for (std::string f; in >> f;) out.push_back(f);
  return out;
}

struct Vectors {
  fs::path dir;
  std::vector<Case> cases;
  nlohmann::json options;
};

bool LoadVectors(Vectors* v) {
  v->dir = precis::testing::SharedDir() / "data" / "rouge-vectors";
  if (!fs::exists(v->dir / "cases.jsonl")) return false;
  v->cases = ReadJsonlCases((v->dir / "cases.jsonl").string());
  v->options = nlohmann::json::parse(precis::testing::ReadFile(v->dir / "options.json"));
  return true;
}

// Runs every option set and compares with `expected_file`; returns the
// number of rows compared.
std::size_t CheckAll(const Vectors& v, const std::string& expected_file, const Lexicon& lexicon) {
  std::map<std::string, std::map<std::pair<std::string, std::string>, nlohmann::json>> produced;
  for (const auto& [label, flags] : v.options.items()) {
    const cli::RougeInvocation inv = cli::ParseRougeArgs(SplitFlags(flags.get<std::string>()));
    const PeerResults results = Evaluate("sys", v.cases, inv.options, lexicon, 2);
    std::ostringstream rows;
    WriteJsonRows(rows, results, inv.options, label);
    std::istringstream lines(rows.str());
    for (std::string line; std::getline(lines, line);) {
      const auto row = nlohmann::json::parse(line);
      produced[label][{row["case"], row["metric"]}] = row;
    }
  }
  std::istringstream expected(precis::testing::ReadFile(v.dir / expected_file));
  std::size_t compared = 0, mismatched = 0;
  for (std::string line; std::getline(expected, line);) {
    if (line.empty()) continue;
    const auto want = nlohmann::json::parse(line);
    const std::string label = want["options"];
    const auto key = std::make_pair(want["case"].get<std::string>(), want["metric"].get<std::string>());
    ++compared;
    const auto it = produced[label].find(key);
    if (it == produced[label].end()) {
      ++mismatched;
      ADD_FAILURE() << label << " " << key.first << " " << key.second << ": row not produced";
      continue;
    }
    for (const char* field : {"R", "P", "F", "R_ci", "P_ci", "F_ci"}) {
      if (!want.contains(field)) continue;
      const auto& got = it->second[field];
      bool same = got.is_array() ? (got.size() == 2 && std::abs(got[0].get<double>() - want[field][0].get<double>()) < 1e-9 &&
                                    std::abs(got[1].get<double>() - want[field][1].get<double>()) < 1e-9)
                                 : std::abs(got.get<double>() - want[field].get<double>()) < 1e-9;
      if (!same) {
        if (++mismatched <= 25) {
          ADD_FAILURE() << label << " " << key.first << " " << key.second << " " << field << ": want "
                        << want[field].dump() << ", got " << got.dump();
        }
        break;
      }
    }
  }
  EXPECT_EQ(mismatched, 0u) << "of " << compared << " rows";
  return compared;
}

TEST(RougeConformance, EveryRowOfExpected) {
  Vectors v;
  if (!LoadVectors(&v)) GTEST_SKIP() << "shared ROUGE vectors not found under " << precis::testing::SharedDir();
  EXPECT_EQ(CheckAll(v, "expected.jsonl", *Lexicon::Builtin()), 3724u);
}

TEST(RougeConformance, EveryRowWithRebuiltExceptions) {
  Vectors v;
  if (!LoadVectors(&v)) GTEST_SKIP() << "shared ROUGE vectors not found under " << precis::testing::SharedDir();
  const auto lexicon = Lexicon::WithExceptionsFile((v.dir / "wordnet-2.0-exceptions-rebuilt.tsv").string());
  EXPECT_EQ(CheckAll(v, "expected-rebuilt-exceptions.jsonl", *lexicon), 3724u);
}

}  // namespace
}  // namespace precis::rouge
