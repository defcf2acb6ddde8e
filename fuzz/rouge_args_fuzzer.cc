// Fuzzes the `precis rouge` flag parser (the script's Getopt rules plus the
// long options): arguments are the input's NUL-separated fields. Accepted
// flags then score a fixed small case (with -n and -r kept small for speed).
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <sstream>
#include <string>
#include <vector>

#include "cli/rouge_command.h"
#include "precis/error.h"
#include "precis/rouge.h"
#include "precis/rouge_io.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::vector<std::string> args(1);
  for (std::size_t i = 0; i < size; ++i) {
    if (data[i] == 0) {
      args.emplace_back();
    } else {
      args.back() += static_cast<char>(data[i]);
    }
  }
  try {
    const precis::cli::RougeInvocation inv = precis::cli::ParseRougeArgs(args);
    (void)precis::rouge::MetricsFor(inv.options);
    precis::rouge::Options options = inv.options;
    options.max_ngram = std::min(options.max_ngram, 6);
    options.resamples = std::min(options.resamples, 30);
    static const auto lexicon = precis::rouge::Lexicon::Builtin();
    std::vector<precis::rouge::Case> cases(2);
    cases[0].id = "2";
    cases[0].peer = {"The cats were sitting on the mats.", "It rained"};
    cases[0].models = {{"A cat sat on the mat, and it rained."}, {"rain fell", "cats sat"}};
    cases[1].id = "10";
    cases[1].peer = {};
    cases[1].models = {{""}};
    const precis::rouge::PeerResults r = precis::rouge::Evaluate("sys", cases, options, *lexicon, 1);
    std::ostringstream out;
    precis::rouge::WriteScriptReport(out, r, options, true);
    precis::rouge::WriteJsonRows(out, r, options, inv.label);
  } catch (const precis::cli::UsageError&) {
  } catch (const precis::Error&) {
  }
  return 0;
}
