// precis::rouge — the ROUGE-1.5.5 scorer, figure for figure.
//
// Scores peer (system) summaries against model (reference) summaries exactly
// as the 2004 Perl script ROUGE-1.5.5.pl does: its byte-level tokenizer, its
// Porter stemmer variant and WordNet exception table, its -l/-b cuts, its -f
// A/B formulas, its rounding to 5 decimals before F, and its bootstrap with
// Perl's seeded drand48, so the printed averages and 95% bounds match too.
//
// Thread safety: Options, Lexicon and Case are plain values. A Lexicon is
// immutable after construction and may be shared by any number of threads.
// ScoreCases() may be called concurrently on different inputs.
// Errors: functions that read user data throw precis::Error (see error.h).
#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace precis::rouge {

// -f: how several models combine.
enum class Formula {
  kModelAverage,  // A: pool hits and counts over all models
  kBestModel,     // B: keep the model with the highest recall (first wins ties)
};

// -t: what the average is taken over.
enum class CountingUnit {
  kSummary = 0,    // average of per-case scores (the default, "-t 0")
  kToken = 1,      // corpus-level: pool counts over cases, then R/P/F
  kRawCounts = 2,  // print pooled model/peer/hit counts only
};

// The script's flags, with its defaults. Text fields keep the spelling the
// user gave, because the script prints them back verbatim ("95%-conf.int.").
struct Options {
  int max_ngram = 0;                 // -n N: ROUGE-1 .. ROUGE-N (0: none)
  bool stem = false;                 // -m: Porter stemmer + WordNet exceptions
  bool remove_stopwords = false;     // -s
  long word_limit = 0;               // -l N (0: no cut)
  long byte_limit = 0;               // -b N (0: no cut)
  bool lcs = true;                   // ROUGE-L unless -x
  std::optional<double> wlcs_weight; // -w W: ROUGE-W-W
  std::string wlcs_weight_text;
  std::optional<long> skip_distance; // -2 D: ROUGE-S/SU with max gap D (<0: any)
  std::string skip_distance_text;
  bool skip_unigrams = false;        // -u: ROUGE-SU (skip-bigrams + unigrams)
  bool skip_both = false;            // -U: ROUGE-S and ROUGE-SU
  Formula formula = Formula::kModelAverage;
  double alpha = 0.5;                // -p: F = 1 / (alpha/P + (1-alpha)/R)
  CountingUnit unit = CountingUnit::kSummary;
  double confidence = 95;            // -c
  std::string confidence_text = "95";
  int resamples = 1000;              // -r
};

// One metric the options ask for, in the order the script prints them.
struct Metric {
  enum class Kind { kNgram, kLcs, kWeightedLcs, kSkipBigram };
  Kind kind = Kind::kNgram;
  int n = 1;                  // kNgram only
  bool with_unigrams = false; // kSkipBigram only
  std::string name;           // "ROUGE-1", "ROUGE-L", "ROUGE-W-1.2", "ROUGE-SU4", ...
};
std::vector<Metric> MetricsFor(const Options& options);

// One evaluation: a peer summary and its models, each a list of units (one
// SPL line = one sentence). `id` is the EVAL ID, `peer_id` the system ID.
struct Case {
  std::string id;
  std::string peer_id = "sys";
  std::vector<std::string> peer;
  std::vector<std::vector<std::string>> models;
};

// The stopword list (-s) and the WordNet exception table (-m).
class Lexicon {
 public:
  // The tables ROUGE-1.5.5 ships (SMART stopwords, WordNet 2.0 exceptions),
  // compiled into the binary.
  static std::shared_ptr<const Lexicon> Builtin();
  // Builtin() with the exception table replaced by a file of
  // "word<TAB>base form" lines. Throws Error naming the file and line.
  static std::shared_ptr<const Lexicon> WithExceptionsFile(const std::string& path);

  bool IsStopword(std::string_view token) const;
  // The base form of `token`, or nullptr when the table has none.
  const std::string* Exception(std::string_view token) const;

 private:
  Lexicon() = default;
  std::unordered_set<std::string> stopwords_;
  std::unordered_map<std::string, std::string> exceptions_;
};

// A case's score for one metric. With CountingUnit::kSummary, r/p/f are the
// script's 5-decimal figures; otherwise r = model count, p = peer count,
// f = hits (the script's raw-count triplet).
struct CaseScore {
  double r = 0, p = 0, f = 0;
};

// The averages over cases, as the script prints them: each is the mean of the
// bootstrap resample means, with the confidence bounds from the same samples.
struct Average {
  double r = 0, p = 0, f = 0;
  double r_low = 0, r_high = 0, p_low = 0, p_high = 0, f_low = 0, f_high = 0;
  double model_count = 0, peer_count = 0, hit_count = 0;  // CountingUnit::kRawCounts
};

// scores[m][c]: metric m of MetricsFor(options), case c of the input.
using ScoreTable = std::vector<std::vector<CaseScore>>;

// Scores every case for every metric. threads <= 0 means all cores. The
// result does not depend on the thread count.
ScoreTable ScoreCases(const std::vector<Case>& cases, const Options& options,
                      const Lexicon& lexicon, int threads = 1);

// The averages of each metric (each column of `scores`), resampled over the
// cases in the script's order ("<id>.<peer_id>" keys sorted as strings). One
// pass draws each resample once for all metrics, as the draws do not depend
// on the metric.
std::vector<Average> AverageScores(const std::vector<Case>& cases, const ScoreTable& scores,
                                   const Options& options);

// The script's "%7.5f" rounding, as a number.
double RoundLikeScript(double value);

}  // namespace precis::rouge
