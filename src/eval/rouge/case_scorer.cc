#include "eval/rouge/case_scorer.h"

#include <algorithm>
#include <cmath>
#include <utility>

#include "eval/rouge/porter_stemmer.h"
#include "eval/rouge/script_text.h"

namespace precis::rouge::detail {

TokenTable::TokenTable(const Lexicon& lexicon, const Options& options)
    : lexicon_(lexicon), stem_(options.stem), remove_stopwords_(options.remove_stopwords) {}

std::uint32_t TokenTable::FormId(std::string form) {
  auto [it, inserted] = form_ids_.try_emplace(std::move(form), 0);
  if (inserted) it->second = static_cast<std::uint32_t>(form_ids_.size());
  return it->second;
}

std::uint32_t TokenTable::Id(std::string_view raw) {
  if (auto it = raw_ids_.find(raw); it != raw_ids_.end()) return it->second;
  std::uint32_t id = 0;
  if (!(remove_stopwords_ && lexicon_.IsStopword(raw))) {
    // The script stems only tokens longer than 3 bytes, trying the WordNet
    // exception table before its Porter stemmer.
    if (stem_ && raw.size() > 3) {
      const std::string* base = lexicon_.Exception(raw);
      id = FormId(base != nullptr ? *base : ScriptPorterStem(raw));
    } else {
      id = FormId(std::string(raw));
    }
  }
  raw_ids_.emplace(std::string(raw), id);
  return id;
}

CaseScorer::CaseScorer(const Options& options, const Lexicon& lexicon, std::vector<Metric> metrics)
    : options_(options), metrics_(std::move(metrics)), tokens_(lexicon, options) {}

std::uint32_t CaseScorer::LocalId(std::uint32_t global_id) {
  if (global_id >= stamp_.size()) {
    stamp_.resize(global_id + 1024, 0);
    local_of_.resize(global_id + 1024, 0);
  }
  if (stamp_[global_id] != epoch_) {
    stamp_[global_id] = epoch_;
    local_of_[global_id] = ++local_count_;
  }
  return local_of_[global_id];
}

CaseScorer::Tokens CaseScorer::Tokenize(const std::vector<std::string>& units) {
  const LengthLimit limit{options_.word_limit, options_.byte_limit};

  Tokens out;
  auto append = [this](std::string_view text, std::vector<std::uint32_t>* to) {
    ForEachScriptToken(text, [&](std::string_view raw) {
      const std::uint32_t id = tokens_.Id(raw);
      if (id != 0) to->push_back(LocalId(id));
    });
  };
  const bool cut = limit.words != 0 || limit.bytes != 0;
  const std::vector<std::string> cut_units = cut ? CutUnits(units, limit) : std::vector<std::string>{};
  for (const std::string& unit : cut ? cut_units : units) {
    out.units.emplace_back();
    append(unit, &out.units.back());
  }
  if (limit.bytes != 0) {
    // The two cuts differ only for -b (see script_text.h).
    append(CutJoined(units, limit), &out.joined);
  } else {
    for (const auto& unit : out.units) out.joined.insert(out.joined.end(), unit.begin(), unit.end());
  }
  return out;
}

std::vector<std::uint64_t> CaseScorer::NgramKeys(const std::vector<std::uint32_t>& tokens, int n) {
  std::vector<std::uint64_t> keys;
  if (n <= 0 || tokens.size() < static_cast<std::size_t>(n)) return keys;
  const std::size_t count = tokens.size() - static_cast<std::size_t>(n) + 1;
  keys.reserve(count);
  if (n == 1) {
    keys.assign(tokens.begin(), tokens.end());
    return keys;
  }
  if (n == 2) {
    for (std::size_t i = 0; i < count; ++i) {
      keys.push_back(static_cast<std::uint64_t>(tokens[i]) << 32 | tokens[i + 1]);
    }
    return keys;
  }
  // Longer n-grams: give each k-gram an id, level by level, so a key stays
  // one integer. Ids are per case and per level, shared by peer and models.
  if (gram_ids_.size() < static_cast<std::size_t>(n) + 1) gram_ids_.resize(static_cast<std::size_t>(n) + 1);
  std::vector<std::uint64_t> level(tokens.begin(), tokens.end());
  for (int k = 2; k <= n; ++k) {
    auto& ids = gram_ids_[static_cast<std::size_t>(k)];
    std::vector<std::uint64_t> next;
    next.reserve(level.size() - 1);
    for (std::size_t i = 0; i + 1 < level.size(); ++i) {
      const std::uint64_t pair = level[i] << 32 | tokens[i + static_cast<std::size_t>(k) - 1];
      auto [it, inserted] = ids.try_emplace(pair, 0);
      if (inserted) it->second = static_cast<std::uint32_t>(ids.size());
      next.push_back(it->second);
    }
    level = std::move(next);
  }
  return level;
}

std::vector<std::uint64_t> CaseScorer::SkipBigramKeys(const std::vector<std::uint32_t>& tokens,
                                                      bool with_unigrams) {
  // Local ids start at 1, so pair keys (>= 2^32) never equal unigram keys.
  std::vector<std::uint64_t> keys;
  const std::size_t n = tokens.size();
  const long gap = options_.skip_distance.value_or(-1);
  for (std::size_t i = 0; i + 1 < n; ++i) {  // the script stops before the last token
    if (with_unigrams) keys.push_back(tokens[i]);
    std::size_t last = n - 1;
    if (gap >= 0) last = std::min(last, i + static_cast<std::size_t>(gap) + 1);
    for (std::size_t j = i + 1; j <= last; ++j) {
      keys.push_back(static_cast<std::uint64_t>(tokens[i]) << 32 | tokens[j]);
    }
  }
  return keys;
}

namespace {

// Σ min(count in a, count in b) over keys; both sorted.
double ClippedHits(const std::vector<std::uint64_t>& a, const std::vector<std::uint64_t>& b) {
  double hits = 0;
  std::size_t i = 0, j = 0;
  while (i < a.size() && j < b.size()) {
    if (a[i] < b[j]) {
      ++i;
    } else if (b[j] < a[i]) {
      ++j;
    } else {
      const std::uint64_t key = a[i];
      std::size_t ca = 0, cb = 0;
      while (i < a.size() && a[i] == key) ++i, ++ca;
      while (j < b.size() && b[j] == key) ++j, ++cb;
      hits += static_cast<double>(std::min(ca, cb));
    }
  }
  return hits;
}

}  // namespace

CaseScore CaseScorer::Combine(const std::vector<ModelOutcome>& outcomes, double weight) const {
  ModelOutcome total;
  if (options_.formula == Formula::kBestModel) {
    double best = -1;
    for (const ModelOutcome& o : outcomes) {
      if (o.score > best) {  // strictly better: the first model wins ties
        best = o.score;
        total = o;
      }
    }
  } else {
    for (const ModelOutcome& o : outcomes) {
      total.hits += o.hits;
      total.model_count += o.model_count;
      total.peer_count += o.peer_count;
    }
  }
  if (options_.unit != CountingUnit::kSummary) {
    return CaseScore{total.model_count, total.peer_count, total.hits};
  }
  auto ratio = [weight](double hits, double count) {
    if (count == 0) return 0.0;
    const double r = hits / count;
    return RoundLikeScript(weight > 0 ? std::pow(r, 1 / weight) : r);
  };
  CaseScore s;
  s.r = ratio(total.hits, total.model_count);
  s.p = ratio(total.hits, total.peer_count);
  const double a = options_.alpha;
  const double denominator = (1 - a) * s.p + a * s.r;
  s.f = denominator > 0 ? RoundLikeScript((s.p * s.r) / denominator) : RoundLikeScript(0);
  return s;
}

CaseScore CaseScorer::ScoreCounted(const Tokens& peer, const std::vector<Tokens>& models,
                                   const Metric& metric) {
  auto keys_of = [&](const Tokens& t) {
    std::vector<std::uint64_t> keys = metric.kind == Metric::Kind::kNgram
                                          ? NgramKeys(t.joined, metric.n)
                                          : SkipBigramKeys(t.joined, metric.with_unigrams);
    std::sort(keys.begin(), keys.end());
    return keys;
  };
  const std::vector<std::uint64_t> peer_keys = keys_of(peer);
  std::vector<ModelOutcome> outcomes;
  outcomes.reserve(models.size());
  for (const Tokens& model : models) {
    const std::vector<std::uint64_t> model_keys = keys_of(model);
    ModelOutcome o;
    o.hits = ClippedHits(model_keys, peer_keys);
    o.model_count = static_cast<double>(model_keys.size());
    o.peer_count = static_cast<double>(peer_keys.size());
    o.score = model_keys.empty() ? 0 : RoundLikeScript(o.hits / o.model_count);
    outcomes.push_back(o);
  }
  return Combine(outcomes, 0);
}

void CaseScorer::Backtrack(const std::vector<std::uint32_t>& model,
                           const std::vector<std::uint32_t>& peer,
                           std::vector<char>* hit_mask) const {
  const std::size_t n = peer.size();
  std::size_t i = model.size(), j = n;
  while (i != 0 && j != 0) {
    if (model[i - 1] == peer[j - 1]) {
      --i;
      --j;
      (*hit_mask)[i] = 1;
    } else {
      const std::size_t bit = (i - 1) * n + (j - 1);
      if (up_bits_[bit >> 6] >> (bit & 63) & 1) {
        --i;
      } else {
        --j;
      }
    }
  }
}

// The script's lcs_inner: a full DP whose ties go "up" (c[i-1][j] >= c[i][j-1]),
// then one backtrack from the corner. Only the direction of non-matching cells
// is kept (one bit each), which is all the backtrack needs.
//
// A model token that does not occur in the peer unit gives a row equal to
// the row above, and the backtrack always goes up through it; so such rows
// are dropped before the DP (same path, same marks, far fewer cells).
void CaseScorer::MarkLcs(const std::vector<std::uint32_t>& model,
                         const std::vector<std::uint32_t>& peer, const std::uint64_t* peer_tokens,
                         std::vector<char>* hit_mask) {
  const std::size_t n = peer.size();
  if (model.empty() || n == 0) return;
  kept_rows_.clear();
  kept_tokens_.clear();
  for (std::size_t p = 0; p < model.size(); ++p) {
    const std::uint32_t t = model[p];
    if (peer_tokens[t >> 6] >> (t & 63) & 1) {
      kept_rows_.push_back(p);
      kept_tokens_.push_back(t);
    }
  }
  const std::size_t m = kept_tokens_.size();
  if (m == 0) return;
  up_bits_.assign((m * n + 63) / 64, 0);
  run_prev_.assign(n + 1, 0);
  run_cur_.assign(n + 1, 0);
  for (std::size_t i = 1; i <= m; ++i) {
    const std::uint32_t x = kept_tokens_[i - 1];
    run_cur_[0] = 0;
    std::size_t bit = (i - 1) * n;
    for (std::size_t j = 1; j <= n; ++j, ++bit) {
      if (x == peer[j - 1]) {
        run_cur_[j] = run_prev_[j - 1] + 1;
      } else if (run_prev_[j] >= run_cur_[j - 1]) {
        run_cur_[j] = run_prev_[j];
        up_bits_[bit >> 6] |= std::uint64_t{1} << (bit & 63);
      } else {
        run_cur_[j] = run_cur_[j - 1];
      }
    }
    std::swap(run_prev_, run_cur_);
  }
  kept_mask_.assign(m, 0);
  Backtrack(kept_tokens_, peer, &kept_mask_);
  for (std::size_t i = 0; i < m; ++i) {
    if (kept_mask_[i]) (*hit_mask)[kept_rows_[i]] = 1;
  }
}

// The script's wlcs_inner: as MarkLcs, but a match extending a run of k
// consecutive matches adds (k+1)^w - k^w.
void CaseScorer::MarkWeightedLcs(const std::vector<std::uint32_t>& model,
                                 const std::vector<std::uint32_t>& peer,
                                 std::vector<char>* hit_mask) {
  const std::size_t m = model.size(), n = peer.size();
  if (m == 0 || n == 0) return;
  const double w = *options_.wlcs_weight;
  up_bits_.assign((m * n + 63) / 64, 0);
  row_prev_.assign(n + 1, 0);
  row_cur_.assign(n + 1, 0);
  run_prev_.assign(n + 1, 0);
  run_cur_.assign(n + 1, 0);
  for (std::size_t i = 1; i <= m; ++i) {
    const std::uint32_t x = model[i - 1];
    row_cur_[0] = 0;
    run_cur_[0] = 0;
    for (std::size_t j = 1; j <= n; ++j) {
      if (x == peer[j - 1]) {
        const double k = run_prev_[j - 1];
        row_cur_[j] = row_prev_[j - 1] + std::pow(k + 1, w) - std::pow(k, w);
        run_cur_[j] = run_prev_[j - 1] + 1;
      } else if (row_prev_[j] >= row_cur_[j - 1]) {
        row_cur_[j] = row_prev_[j];
        run_cur_[j] = 0;
        const std::size_t bit = (i - 1) * n + (j - 1);
        up_bits_[bit >> 6] |= std::uint64_t{1} << (bit & 63);
      } else {
        row_cur_[j] = row_cur_[j - 1];
        run_cur_[j] = 0;
      }
    }
    std::swap(row_prev_, row_cur_);
    std::swap(run_prev_, run_cur_);
  }
  Backtrack(model, peer, hit_mask);
}

// Summary-level LCS (ROUGE-L) or weighted LCS (ROUGE-W): for each model unit,
// the union of its LCS positions with every peer unit, each hit clipped by the
// unigram counts left in the model and the peer (the script's lcs/wlcs).
CaseScore CaseScorer::ScoreLcs(const Tokens& peer, const std::vector<Tokens>& models, bool weighted) {
  const double w = weighted ? *options_.wlcs_weight : 1;
  auto weigh = [&](double x) { return weighted ? std::pow(x, w) : x; };
  std::vector<int> peer_counts(local_count_ + 1, 0);
  for (std::uint32_t t : peer.joined) ++peer_counts[t];
  const double peer_total = static_cast<double>(peer.joined.size());

  // One bitset of token ids per peer unit, for MarkLcs's row filter.
  const std::size_t words = (local_count_ + 1 + 63) / 64;
  peer_unit_tokens_.assign(words * peer.units.size(), 0);
  for (std::size_t u = 0; u < peer.units.size(); ++u) {
    for (std::uint32_t t : peer.units[u]) peer_unit_tokens_[u * words + (t >> 6)] |= std::uint64_t{1} << (t & 63);
  }

  std::vector<ModelOutcome> outcomes;
  std::vector<int> model_counts(local_count_ + 1, 0);
  std::vector<int> peer_left;
  std::vector<char> mask;
  for (const Tokens& model : models) {
    std::fill(model_counts.begin(), model_counts.end(), 0);
    for (std::uint32_t t : model.joined) ++model_counts[t];
    peer_left = peer_counts;
    double hits = 0, base = 0;
    for (const auto& unit : model.units) {
      mask.assign(unit.size(), 0);
      base += weigh(static_cast<double>(unit.size()));
      for (std::size_t u = 0; u < peer.units.size(); ++u) {
        if (weighted) {
          MarkWeightedLcs(unit, peer.units[u], &mask);
        } else {
          MarkLcs(unit, peer.units[u], &peer_unit_tokens_[u * words], &mask);
        }
      }
      double run = 0;
      for (std::size_t j = 0; j < unit.size(); ++j) {
        const std::uint32_t t = unit[j];
        if (!mask[j] || model_counts[t] <= 0 || peer_left[t] <= 0) continue;
        --model_counts[t];
        --peer_left[t];
        if (!weighted) {
          hits += 1;
          continue;
        }
        run += 1;
        if (j + 1 == unit.size() || !mask[j + 1]) {
          hits += std::pow(run, w);
          run = 0;
        }
      }
    }
    ModelOutcome o;
    o.hits = hits;
    o.model_count = weigh(base);
    o.peer_count = weigh(peer_total);
    // The script divides by zero here for an empty model under ROUGE-W; 0 is
    // what its ROUGE-L branch uses, and keeps the run alive.
    o.score = base > 0 ? (weighted ? std::pow(hits / base, 1 / w) : hits / base) : 0;
    outcomes.push_back(o);
  }
  return Combine(outcomes, weighted ? w : 0);
}

void CaseScorer::Score(const Case& c, std::vector<CaseScore>* out) {
  if (++epoch_ == 0) {  // wrapped: forget every stamp
    std::fill(stamp_.begin(), stamp_.end(), 0);
    epoch_ = 1;
  }
  local_count_ = 0;
  for (auto& ids : gram_ids_) ids.clear();
  const Tokens peer = Tokenize(c.peer);
  std::vector<Tokens> models;
  models.reserve(c.models.size());
  for (const auto& model : c.models) models.push_back(Tokenize(model));

  out->assign(metrics_.size(), CaseScore{});
  for (std::size_t m = 0; m < metrics_.size(); ++m) {
    const Metric& metric = metrics_[m];
    switch (metric.kind) {
      case Metric::Kind::kNgram:
      case Metric::Kind::kSkipBigram: (*out)[m] = ScoreCounted(peer, models, metric); break;
      case Metric::Kind::kLcs: (*out)[m] = ScoreLcs(peer, models, false); break;
      case Metric::Kind::kWeightedLcs: (*out)[m] = ScoreLcs(peer, models, true); break;
    }
  }
}

}  // namespace precis::rouge::detail
