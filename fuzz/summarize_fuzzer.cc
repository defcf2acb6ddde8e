// Fuzzes the whole summarize path on a small story built from the input:
// every method and budget kind, then the output in every format. Checks the
// documented contract: the budget is never exceeded, citations are sorted and
// name the sentence's own article, JSON output is one valid JSON line.
#include <fuzzer/FuzzedDataProvider.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "precis/error.h"
#include "precis/output.h"
#include "precis/summarize.h"
#include "precis/text.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  namespace summarize = precis::summarize;
  FuzzedDataProvider in(data, size);
  static summarize::Summarizer summarizer;  // reused, as in batch mode

  summarize::Options options;
  const auto& methods = summarize::MethodNames();
  options.method = methods[in.ConsumeIntegralInRange<std::size_t>(0, methods.size() - 1)];
  const int kind = in.ConsumeIntegralInRange<int>(0, 2);
  options.budget.kind = kind == 0 ? summarize::BudgetKind::kWords
                        : kind == 1 ? summarize::BudgetKind::kBytes
                                    : summarize::BudgetKind::kSentences;
  options.budget.limit = in.ConsumeIntegralInRange<std::size_t>(1, 400);
  options.citation_threshold = in.ConsumeProbability<double>();
  if (in.ConsumeIntegralInRange<int>(0, 7) == 0) {  // method parameters, any value (inf and nan too)
    static const char* const kKeys[] = {"terms", "threshold", "redundancy", "decay", "docpow", "centroid",
                                        "support", "minwords", "maxwords", "needend", "damping", "focus", "nope"};
    const std::size_t n = in.ConsumeIntegralInRange<std::size_t>(1, 3);
    for (std::size_t i = 0; i < n; ++i) {
      char value[64];
      std::snprintf(value, sizeof value, "%.17g", in.ConsumeFloatingPoint<double>());
      if (!options.params.empty()) options.params += ',';
      options.params += std::string(kKeys[in.ConsumeIntegralInRange<std::size_t>(0, std::size(kKeys) - 1)]) + "=" + value;
    }
  }

  precis::Story story;
  story.id = in.ConsumeRandomLengthString(16);
  if (in.ConsumeIntegralInRange<int>(0, 3) == 0) story.query = in.ConsumeRandomLengthString(200);
  const std::size_t docs = in.ConsumeIntegralInRange<std::size_t>(1, 8);
  for (std::size_t i = 0; i < docs && in.remaining_bytes() > 0; ++i) {
    precis::Document d;
    d.id = std::to_string(i + 1);
    if (in.ConsumeBool()) d.title = in.ConsumeRandomLengthString(40);
    if (in.ConsumeBool()) d.date = in.ConsumeRandomLengthString(20);
    if (in.ConsumeBool()) d.source = in.ConsumeRandomLengthString(20);
    if (in.ConsumeBool()) d.url = in.ConsumeRandomLengthString(40);
    d.text = in.ConsumeRandomLengthString(3000);
    story.docs.push_back(std::move(d));
  }

  summarize::Summary summary;
  try {
    summary = summarizer.Summarize(story, options);
  } catch (const precis::Error&) {
    if (options.params.empty()) std::abort();  // only bad parameters may fail
    return 0;
  }
  if (summary.budget.kind == summarize::BudgetKind::kWords && summary.words > options.budget.limit) std::abort();
  if (summary.budget.kind == summarize::BudgetKind::kBytes && summary.bytes > options.budget.limit) std::abort();
  if (summary.budget.kind == summarize::BudgetKind::kSentences && summary.sentences.size() > options.budget.limit) {
    std::abort();
  }
  std::string joined;
  std::size_t words = 0;
  for (const summarize::SummarySentence& s : summary.sentences) {
    if (s.doc >= story.docs.size()) std::abort();
    // Scores are numbers (with the default parameters; huge ones may overflow).
    if (options.params.empty() && !std::isfinite(s.score)) std::abort();
    if (!std::is_sorted(s.cited_docs.begin(), s.cited_docs.end())) std::abort();
    if (!std::binary_search(s.cited_docs.begin(), s.cited_docs.end(), s.doc)) std::abort();
    for (std::size_t c : s.cited_docs) {
      if (c >= story.docs.size()) std::abort();
    }
    joined += (joined.empty() ? "" : " ") + s.text;
    words += precis::text::CountWords(s.text);
  }
  if (summary.words != words || summary.bytes != joined.size()) std::abort();

  for (auto format : {precis::output::Format::kText, precis::output::Format::kMarkdown,
                      precis::output::Format::kJson}) {
    const std::string out = precis::output::FormatSummary(story, summary, format);
    if (format == precis::output::Format::kJson) {
      if (out.empty() || out.back() != '\n' || out.find('\n') != out.size() - 1) std::abort();
      if (!nlohmann::json::accept(out)) std::abort();
    }
  }
  return 0;
}
