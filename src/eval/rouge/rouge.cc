#include "precis/rouge.h"

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <mutex>
#include <thread>

#include "eval/rouge/case_scorer.h"
#include "eval/rouge/perl_random.h"

namespace precis::rouge {

double RoundLikeScript(double value) {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%7.5f", value);
  return std::strtod(buffer, nullptr);
}

std::vector<Metric> MetricsFor(const Options& options) {
  std::vector<Metric> metrics;
  for (int n = 1; n <= options.max_ngram; ++n) {
    metrics.push_back({Metric::Kind::kNgram, n, false, "ROUGE-" + std::to_string(n)});
  }
  if (options.lcs) metrics.push_back({Metric::Kind::kLcs, 0, false, "ROUGE-L"});
  if (options.wlcs_weight) {
    metrics.push_back({Metric::Kind::kWeightedLcs, 0, false, "ROUGE-W-" + options.wlcs_weight_text});
  }
  if (options.skip_distance) {
    const bool any_gap = *options.skip_distance < 0;
    const std::string gap = any_gap ? "*" : options.skip_distance_text;
    auto skip = [&](bool unigrams) {
      metrics.push_back({Metric::Kind::kSkipBigram, 0, unigrams, (unigrams ? "ROUGE-SU" : "ROUGE-S") + gap});
    };
    // The script's order: -u alone gives SU; -U gives S then SU.
    if (options.skip_unigrams) {
      skip(true);
    } else {
      skip(false);
      if (options.skip_both) skip(true);
    }
  }
  return metrics;
}

ScoreTable ScoreCases(const std::vector<Case>& cases, const Options& options,
                      const Lexicon& lexicon, int threads) {
  const std::vector<Metric> metrics = MetricsFor(options);
  ScoreTable table(metrics.size(), std::vector<CaseScore>(cases.size()));
  if (threads <= 0) threads = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  threads = static_cast<int>(std::min<std::size_t>(static_cast<std::size_t>(threads),
                                                   std::max<std::size_t>(1, cases.size())));

  std::atomic<std::size_t> next{0};
  std::exception_ptr failure;
  std::mutex failure_mutex;
  auto work = [&] {
    try {
      detail::CaseScorer scorer(options, lexicon, metrics);
      std::vector<CaseScore> scores;
      for (std::size_t c = next++; c < cases.size(); c = next++) {
        scorer.Score(cases[c], &scores);
        for (std::size_t m = 0; m < metrics.size(); ++m) table[m][c] = scores[m];
      }
    } catch (...) {
      std::lock_guard<std::mutex> lock(failure_mutex);
      if (!failure) failure = std::current_exception();
      next = cases.size();
    }
  };
  if (threads == 1) {
    work();
  } else {
    std::vector<std::thread> pool;
    for (int t = 0; t < threads; ++t) pool.emplace_back(work);
    for (std::thread& t : pool) t.join();
  }
  if (failure) std::rethrow_exception(failure);
  return table;
}

namespace {

// Perl's $array[$i] on a sorted array: undef (0) past the end, counted from
// the end for negative indices.
double At(const std::vector<double>& sorted, long index) {
  const long size = static_cast<long>(sorted.size());
  if (index < 0) index += size;
  if (index < 0 || index >= size) return 0;
  return sorted[static_cast<std::size_t>(index)];
}

}  // namespace

Average AverageScores(const std::vector<Case>& cases, const std::vector<CaseScore>& column,
                      const Options& options) {
  // The script resamples over its score hash keys "<eval id>.<peer id>",
  // sorted as strings; the order decides which case each draw picks.
  std::vector<std::pair<std::string, std::size_t>> keyed;
  keyed.reserve(cases.size());
  for (std::size_t c = 0; c < cases.size(); ++c) keyed.emplace_back(cases[c].id + "." + cases[c].peer_id, c);
  std::sort(keyed.begin(), keyed.end());
  std::vector<CaseScore> scores;
  scores.reserve(keyed.size());
  for (const auto& [key, index] : keyed) scores.push_back(column[index]);

  Average average;
  if (options.unit == CountingUnit::kRawCounts) {
    for (const CaseScore& s : scores) {
      average.model_count += s.r;
      average.peer_count += s.p;
      average.hit_count += s.f;
    }
    return average;
  }

  const std::size_t n = scores.size();
  const double alpha = options.alpha;
  std::vector<double> rs, ps, fs;
  rs.reserve(static_cast<std::size_t>(options.resamples));
  ps.reserve(rs.capacity());
  fs.reserve(rs.capacity());
  for (int i = 0; i < options.resamples; ++i) {
    detail::PerlRandom random(static_cast<std::uint32_t>(i));  // srand($i)
    double sum[3] = {0, 0, 0};
    for (std::size_t k = 0; k < n; ++k) {
      const CaseScore& s = scores[random.NextIndex(n)];
      sum[0] += s.r;
      sum[1] += s.p;
      sum[2] += s.f;
    }
    if (options.unit == CountingUnit::kSummary) {
      if (n > 0) {
        for (double& v : sum) v /= static_cast<double>(n);
      }
      rs.push_back(sum[0]);
      ps.push_back(sum[1]);
      fs.push_back(sum[2]);
    } else {  // pooled counts: model, peer, hits
      const double r = sum[0] > 0 ? sum[2] / sum[0] : 0;
      const double p = sum[1] > 0 ? sum[2] / sum[1] : 0;
      const double d = (1 - alpha) * p + alpha * r;
      rs.push_back(r);
      ps.push_back(p);
      fs.push_back(d > 0 ? (r * p) / d : 0);
    }
  }

  const double resamples = static_cast<double>(options.resamples);
  const double delta = resamples * ((100 - options.confidence) / 2.0) / 100.0;
  const long upper_a = static_cast<long>(resamples - delta - 1);
  const long lower_a = static_cast<long>(delta);
  const double ratio = resamples - delta - 1 - static_cast<double>(upper_a);
  auto summarize = [&](std::vector<double>& values, double* mean, double* low, double* high) {
    std::sort(values.begin(), values.end());
    double total = 0;
    for (double v : values) total += v;
    *mean = RoundLikeScript(values.empty() ? 0 : total / static_cast<double>(values.size()));
    *low = RoundLikeScript(At(values, lower_a) + (At(values, lower_a + 1) - At(values, lower_a)) * ratio);
    *high = RoundLikeScript(At(values, upper_a) + (At(values, upper_a + 1) - At(values, upper_a)) * ratio);
  };
  summarize(rs, &average.r, &average.r_low, &average.r_high);
  summarize(ps, &average.p, &average.p_low, &average.p_high);
  summarize(fs, &average.f, &average.f_low, &average.f_high);
  return average;
}

}  // namespace precis::rouge
