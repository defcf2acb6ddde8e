// Fuzzes the JSONL case reader and scores what it accepts: every metric,
// under two flag sets, with a short bootstrap.
#include <cstddef>
#include <cstdint>
#include <sstream>
#include <string>

#include "precis/error.h"
#include "precis/rouge.h"
#include "precis/rouge_io.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  namespace rouge = precis::rouge;
  std::istringstream in{std::string(reinterpret_cast<const char*>(data), size)};
  std::vector<rouge::Case> cases;
  try {
    cases = rouge::ReadJsonlCases(in, "cases.jsonl");
  } catch (const precis::Error&) {
    return 0;
  }
  if (cases.empty() || cases.size() > 16) return 0;
  static const auto lexicon = rouge::Lexicon::Builtin();

  rouge::Options a;  // -n 2 -m -s -2 4 -u -w 1.2 -l 20
  a.max_ngram = 2;
  a.stem = true;
  a.remove_stopwords = true;
  a.skip_distance = 4;
  a.skip_distance_text = "4";
  a.skip_unigrams = true;
  a.wlcs_weight = 1.2;
  a.wlcs_weight_text = "1.2";
  a.word_limit = 20;
  a.resamples = 20;
  rouge::Options b;  // -n 3 -f B -t 1 -b 75 -2 -1 -U -p 0.2
  b.max_ngram = 3;
  b.formula = rouge::Formula::kBestModel;
  b.unit = rouge::CountingUnit::kToken;
  b.byte_limit = 75;
  b.skip_distance = -1;
  b.skip_distance_text = "-1";
  b.skip_both = true;
  b.alpha = 0.2;
  b.resamples = 20;
  for (const rouge::Options& o : {a, b}) {
    const rouge::PeerResults r = rouge::Evaluate("sys", cases, o, *lexicon, 1);
    std::ostringstream out;
    rouge::WriteScriptReport(out, r, o, true);
    rouge::WriteJsonRows(out, r, o, "fuzz");
    rouge::WriteJsonDocument(out, {r}, o);
  }
  return 0;
}
