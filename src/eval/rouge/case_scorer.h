// Scores one case for every requested metric, the way ROUGE-1.5.5.pl does.
//
// Not thread-safe: a CaseScorer keeps per-thread caches (token ids, stems,
// DP buffers). Use one per thread; the Lexicon may be shared.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "precis/rouge.h"

namespace precis::rouge::detail {

// Raw script tokens -> ids of their counted form (after -s and -m).
// Id 0 means "dropped" (a stopword under -s). Caches stems across cases.
class TokenTable {
 public:
  TokenTable(const Lexicon& lexicon, const Options& options);
  std::uint32_t Id(std::string_view raw_token);
  std::size_t size() const { return form_ids_.size(); }

 private:
  struct Hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  using Map = std::unordered_map<std::string, std::uint32_t, Hash, std::equal_to<>>;
  std::uint32_t FormId(std::string form);

  const Lexicon& lexicon_;
  bool stem_;
  bool remove_stopwords_;
  Map raw_ids_;
  Map form_ids_;
};

class CaseScorer {
 public:
  CaseScorer(const Options& options, const Lexicon& lexicon, std::vector<Metric> metrics);
  // out[m] = the score of metric m for this case.
  void Score(const Case& c, std::vector<CaseScore>* out);

 private:
  // A summary as the script sees it: tokens (dense per-case ids from 1) per
  // unit for LCS, and the token stream n-grams are counted on.
  struct Tokens {
    std::vector<std::vector<std::uint32_t>> units;
    std::vector<std::uint32_t> joined;
  };
  struct ModelOutcome {
    double hits = 0, model_count = 0, peer_count = 0, score = 0;
  };

  Tokens Tokenize(const std::vector<std::string>& units);
  std::uint32_t LocalId(std::uint32_t global_id);
  std::vector<std::uint64_t> NgramKeys(const std::vector<std::uint32_t>& tokens, int n);
  std::vector<std::uint64_t> SkipBigramKeys(const std::vector<std::uint32_t>& tokens,
                                            bool with_unigrams);
  CaseScore Combine(const std::vector<ModelOutcome>& outcomes, double weight) const;
  CaseScore ScoreCounted(const Tokens& peer, const std::vector<Tokens>& models, const Metric& metric);
  CaseScore ScoreLcs(const Tokens& peer, const std::vector<Tokens>& models, bool weighted);
  // Marks in `hit_mask` the model positions on the script's LCS path.
  // `peer_tokens` is a bitset of the token ids in `peer`.
  void MarkLcs(const std::vector<std::uint32_t>& model, const std::vector<std::uint32_t>& peer,
               const std::uint64_t* peer_tokens, std::vector<char>* hit_mask);
  void MarkWeightedLcs(const std::vector<std::uint32_t>& model,
                       const std::vector<std::uint32_t>& peer, std::vector<char>* hit_mask);
  void Backtrack(const std::vector<std::uint32_t>& model, const std::vector<std::uint32_t>& peer,
                 std::vector<char>* hit_mask) const;

  Options options_;
  std::vector<Metric> metrics_;
  TokenTable tokens_;
  // Per-case dense ids: local_of_[global] valid when stamp_[global] == epoch_.
  std::vector<std::uint32_t> local_of_;
  std::vector<std::uint32_t> stamp_;
  std::uint32_t epoch_ = 0;
  std::uint32_t local_count_ = 0;
  std::vector<std::unordered_map<std::uint64_t, std::uint32_t>> gram_ids_;  // [n]
  // DP buffers reused across calls.
  std::vector<std::uint64_t> up_bits_;
  std::vector<double> row_prev_, row_cur_;
  std::vector<std::uint32_t> run_prev_, run_cur_;
  std::vector<std::uint64_t> peer_unit_tokens_;
  std::vector<std::size_t> kept_rows_;
  std::vector<std::uint32_t> kept_tokens_;
  std::vector<char> kept_mask_;
};

}  // namespace precis::rouge::detail
