#include "precis/rouge.h"

#include <algorithm>
#include <array>
#include <cstdio>
#include <cstdlib>

#include "common/ordered_executor.h"
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
  RunIndexed(
      cases.size(), ResolveThreads(threads, cases.size()),
      [&] { return detail::CaseScorer(options, lexicon, metrics); },
      [&](detail::CaseScorer& scorer, std::size_t c) {
        std::vector<CaseScore> scores;
        scorer.Score(cases[c], &scores);
        return scores;
      },
      [&](std::size_t c, std::vector<CaseScore>&& scores) {
        for (std::size_t m = 0; m < metrics.size(); ++m) table[m][c] = scores[m];
        return true;
      });
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

std::vector<Average> AverageScores(const std::vector<Case>& cases, const ScoreTable& scores,
                                   const Options& options) {
  // The script resamples over its score hash keys "<eval id>.<peer id>",
  // sorted as strings; the order decides which case each draw picks.
  std::vector<std::pair<std::string, std::size_t>> keyed;
  keyed.reserve(cases.size());
  for (std::size_t c = 0; c < cases.size(); ++c) keyed.emplace_back(cases[c].id + "." + cases[c].peer_id, c);
  std::sort(keyed.begin(), keyed.end());
  const std::size_t n = keyed.size();
  const std::size_t metrics = scores.size();
  // ordered[m][k]: metric m of the k-th case in key order.
  std::vector<std::vector<CaseScore>> ordered(metrics);
  for (std::size_t m = 0; m < metrics; ++m) {
    ordered[m].reserve(n);
    for (const auto& [key, index] : keyed) ordered[m].push_back(scores[m][index]);
  }

  std::vector<Average> averages(metrics);
  if (options.unit == CountingUnit::kRawCounts) {
    for (std::size_t m = 0; m < metrics; ++m) {
      for (const CaseScore& s : ordered[m]) {
        averages[m].model_count += s.r;
        averages[m].peer_count += s.p;
        averages[m].hit_count += s.f;
      }
    }
    return averages;
  }

  const auto resamples = static_cast<std::size_t>(options.resamples);
  const double alpha = options.alpha;
  // samples[m][v][i]: value v (R, P, F) of metric m in resample i.
  std::vector<std::array<std::vector<double>, 3>> samples(metrics);
  for (auto& metric : samples) {
    for (auto& values : metric) values.resize(resamples);
  }
  std::vector<std::array<double, 3>> sums(metrics);
  for (std::size_t i = 0; i < resamples; ++i) {
    detail::PerlRandom random(static_cast<std::uint32_t>(i));  // srand($i)
    for (auto& sum : sums) sum = {0, 0, 0};
    for (std::size_t k = 0; k < n; ++k) {
      const std::size_t pick = random.NextIndex(n);
      for (std::size_t m = 0; m < metrics; ++m) {
        const CaseScore& s = ordered[m][pick];
        sums[m][0] += s.r;
        sums[m][1] += s.p;
        sums[m][2] += s.f;
      }
    }
    for (std::size_t m = 0; m < metrics; ++m) {
      std::array<double, 3>& sum = sums[m];
      if (options.unit == CountingUnit::kSummary) {
        if (n > 0) {
          for (double& v : sum) v /= static_cast<double>(n);
        }
      } else {  // pooled counts: model, peer, hits
        const double r = sum[0] > 0 ? sum[2] / sum[0] : 0;
        const double p = sum[1] > 0 ? sum[2] / sum[1] : 0;
        const double d = (1 - alpha) * p + alpha * r;
        sum = {r, p, d > 0 ? (r * p) / d : 0};
      }
      for (std::size_t v = 0; v < 3; ++v) samples[m][v][i] = sum[v];
    }
  }

  const double count = static_cast<double>(resamples);
  const double delta = count * ((100 - options.confidence) / 2.0) / 100.0;
  const long upper_a = static_cast<long>(count - delta - 1);
  const long lower_a = static_cast<long>(delta);
  const double ratio = count - delta - 1 - static_cast<double>(upper_a);
  auto summarize = [&](std::vector<double>& values, double* mean, double* low, double* high) {
    std::sort(values.begin(), values.end());
    double total = 0;
    for (double v : values) total += v;  // in sorted order, as the script sums
    *mean = RoundLikeScript(values.empty() ? 0 : total / static_cast<double>(values.size()));
    *low = RoundLikeScript(At(values, lower_a) + (At(values, lower_a + 1) - At(values, lower_a)) * ratio);
    *high = RoundLikeScript(At(values, upper_a) + (At(values, upper_a + 1) - At(values, upper_a)) * ratio);
  };
  for (std::size_t m = 0; m < metrics; ++m) {
    Average& a = averages[m];
    summarize(samples[m][0], &a.r, &a.r_low, &a.r_high);
    summarize(samples[m][1], &a.p, &a.p_low, &a.p_high);
    summarize(samples[m][2], &a.f, &a.f_low, &a.f_high);
  }
  return averages;
}

}  // namespace precis::rouge
