#include "summarize/timeline.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <limits>
#include <optional>
#include <string_view>

namespace precis::summarize::detail {
namespace {

// A phrase of this many days or fewer dates a fact well enough to date
// other articles by it ("earlier this month" does, "this year" would not).
constexpr Day kUsefulWidth = 31;
// An article whose relative phrases, read against its given date, miss the
// days other articles give the same facts by more than this on average
// (and whose best date is this far from the given one) has a stray date.
constexpr double kStrayDays = 14;
// ... provided at least this many of its phrases, matching different facts
// dated elsewhere, each miss by that much, and they agree on another date
// within this many days on average. Each must match that closely: the same
// fact, not a similar one.
constexpr std::size_t kStrayEvidence = 3;
// Two phrases suffice, even about one fact, when each misses by half a year
// or more (a page date years after the events, as an aggregator prints it).
constexpr std::size_t kFarEvidence = 2;
constexpr double kFarDays = 180;
constexpr double kStrayAgreement = 1;
constexpr double kStraySimilarity = 0.3;
// One piece of evidence costs at most this many days when estimating a
// date: a fact matched by mistake should not outweigh the others.
constexpr double kMostDaysPerEvidence = 10;
constexpr double kUnbounded = 1e9;
// A sentence takes the day of the same content elsewhere only when that is
// known within a few days ("last week" is too vague to date others by).
constexpr Day kSharedWidth = 3;

bool AnchorFree(const TimePhrase& p) { return p.kind == PhraseKind::kDate || (p.kind == PhraseKind::kMonth && p.a != 0); }

// Distance between two ranges of days (0 when they overlap).
double Gap(const DayRange& a, const DayRange& b) {
  if (a.hi < b.lo) return b.lo - a.hi;
  if (b.hi < a.lo) return a.lo - b.hi;
  return 0;
}

// The time phrases of every unit, and which one dates it.
struct Phrases {
  std::vector<TimePhrase> all;
  std::vector<std::uint32_t> begin;  // per unit, into all (size units + 1)
  std::vector<int> primary;          // per unit: index into all, -1 when none

  explicit Phrases(const StoryModel& m) {
    begin.reserve(m.units.size() + 1);
    primary.assign(m.units.size(), -1);
    for (std::size_t u = 0; u < m.units.size(); ++u) {
      begin.push_back(static_cast<std::uint32_t>(all.size()));
      FindTimePhrases(m.units[u].text, &all);
      // The first phrase dates the sentence; "a day later" only when it has no other.
      for (std::size_t k = begin[u]; k < all.size(); ++k) {
        if (all[k].antecedent) continue;
        if (all[k].kind != PhraseKind::kAfterPrevious) {
          primary[u] = static_cast<int>(k);
          break;
        }
        if (primary[u] < 0) primary[u] = static_cast<int>(k);
      }
    }
    begin.push_back(static_cast<std::uint32_t>(all.size()));
  }
  const TimePhrase* Of(std::size_t u) const { return primary[u] < 0 ? nullptr : &all[primary[u]]; }
};

// The days of a document's units' own phrases, read against `anchor`.
void ResolveDoc(const StoryModel& m, const Phrases& ph, std::size_t doc, Day anchor, std::vector<DayRange>* own) {
  Day previous = anchor;
  for (std::size_t u = m.doc_ranges[doc].first; u < m.doc_ranges[doc].second; ++u) {
    const TimePhrase* p = ph.Of(u);
    (*own)[u] = p == nullptr ? DayRange{} : Resolve(*p, anchor, previous);
    if ((*own)[u].known()) previous = (*own)[u].mid();
  }
}

// Content similarity of units, against one target at a time: cosine of
// content-term counts weighted by idf over the story's sentences, so that
// the words every sentence of the story uses ("NATO" in a story on NATO)
// do not make different facts look alike.
class Matcher {
 public:
  explicit Matcher(const StoryModel& m)
      : m_(m), dense_(m.vocabulary, 0.0f), idf_(m.vocabulary, 0.0f), norm_(m.units.size(), 0.0), known_(m.units.size()) {
    const double units = static_cast<double>(m.units.size());
    // A term is in at most every unit: one logarithm per frequency, taken
    // once (NaN marks one not taken yet).
    std::vector<float> idf_of(m.units.size() + 1, std::numeric_limits<float>::quiet_NaN());
    for (std::size_t t = 0; t < m.vocabulary && t < m.sentence_freq.size(); ++t) {
      const std::uint32_t f = m.sentence_freq[t];
      if (f == 0) continue;
      if (f >= idf_of.size()) {
        idf_[t] = static_cast<float>(std::log(units / f));
        continue;
      }
      if (std::isnan(idf_of[f])) idf_of[f] = static_cast<float>(std::log(units / f));
      idf_[t] = idf_of[f];
    }
    for (std::size_t u = 0; u < m.units.size(); ++u) {
      double sum = 0;
      for (const auto& [id, w] : m.units[u].tf) sum += static_cast<double>(w * idf_[id]) * (w * idf_[id]);
      norm_[u] = std::sqrt(sum);
    }
  }
  // With(s) against target t, kept: the date estimates match the same
  // pairs again in every round, and the timeline's steps share them.
  double Similarity(std::size_t t, std::size_t s) {
    std::vector<double>& row = known_[t];
    if (row.empty()) row.assign(m_.units.size(), kUnknown);
    if (row[s] == kUnknown) {
      if (target_ != t) SetTarget(t);
      row[s] = With(s);
    }
    return row[s];
  }
  void SetTarget(std::size_t t) {
    Clear();
    target_ = t;
    // A term every sentence uses weighs 0 but is still shared (the tiny
    // addend marks it present).
    for (const auto& [id, w] : m_.units[t].tf) dense_[id] = w * idf_[id] + 1e-9f;
  }
  double With(std::size_t s) const {
    const Unit& b = m_.units[s];
    std::size_t shared = 0;
    double dot = 0;
    for (const auto& [id, w] : b.tf) {
      shared += dense_[id] != 0 ? 1 : 0;
      dot += static_cast<double>(dense_[id]) * w * idf_[id];
    }
    // Three shared terms at least, however short the units: a heading of
    // two words matches too much.
    if (shared < 3) return 0;
    if (norm_[target_] == 0 || norm_[s] == 0) return 0;
    return dot / (norm_[target_] * norm_[s]);
  }

 private:
  void Clear() {
    if (target_ == kNone) return;
    for (const auto& [id, w] : m_.units[target_].tf) dense_[id] = 0;
  }
  static constexpr std::size_t kNone = static_cast<std::size_t>(-1);
  static constexpr double kUnknown = -1;  // similarities are never negative
  const StoryModel& m_;
  std::vector<float> dense_;
  std::vector<float> idf_;
  std::vector<double> norm_;
  std::size_t target_ = kNone;
  std::vector<std::vector<double>> known_;  // per target: per unit, Similarity or kUnknown
};

// A unit of an article whose date is sought, and the days the same content
// has elsewhere.
struct Evidence {
  std::size_t unit = 0;
  DayRange target;
  double weight = 0;
  const TimePhrase* phrase = nullptr;  // the unit's phrase read against the article's date, if any
};

class Builder {
 public:
  Builder(const Story& story, const StoryModel& m) : story_(story), m_(m), ph_(m) {
    const std::size_t docs = m.doc_ranges.size();
    tl_.article.assign(docs, kNoDay);
    tl_.estimated.assign(docs, false);
    tl_.dropped.assign(docs, false);
    tl_.units.assign(m.units.size(), UnitTime{});
    own_.assign(m.units.size(), DayRange{});
    doc_of_.resize(m.units.size());
    for (std::size_t d = 0; d < docs; ++d) {
      for (std::size_t u = m.doc_ranges[d].first; u < m.doc_ranges[d].second; ++u) doc_of_[u] = d;
    }
    best_.assign(m.units.size(), Match{});
  }

  Timeline Run() {
    const std::size_t docs = m_.doc_ranges.size();
    std::vector<bool> given(docs, false);
    for (std::size_t d = 0; d < docs && d < story_.docs.size(); ++d) {
      tl_.article[d] = ParseDay(story_.docs[d].date);
      given[d] = tl_.article[d] != kNoDay;
    }
    ReadDatelines(given);
    given_ = given;
    if (ph_.all.empty()) {
      // No time phrase anywhere: sentences take their article's date.
      Finish();
      return std::move(tl_);
    }
    for (std::size_t d = 0; d < docs; ++d) ResolveDoc(m_, ph_, d, tl_.article[d], &own_);
    if (std::none_of(own_.begin(), own_.end(), [](const DayRange& r) { return r.known(); })) {
      // Nothing to read the phrases against: no date anywhere.
      Finish();
      return std::move(tl_);
    }
    DropStrayDates(&given);
    EstimateUndated(given);
    given_ = given;
    MatchShared();
    MatchVague();
    Finish();
    return std::move(tl_);
  }

 private:
  struct Match {
    std::size_t target = 0;
    double similarity = 0;
  };

  Matcher& matcher() {
    if (!matcher_) matcher_.emplace(m_);
    return *matcher_;
  }

  // Datelines of articles without a date: "WASHINGTON, Oct 7 (Reuters) -".
  // A month and day take the year that puts them nearest the story's other
  // dates.
  void ReadDatelines(std::vector<bool>& given) {
    std::vector<Day> known;
    for (std::size_t d = 0; d < given.size(); ++d) {
      if (given[d]) known.push_back(tl_.article[d]);
    }
    std::sort(known.begin(), known.end());
    const Day hint = known.empty() ? kNoDay : known[known.size() / 2];
    for (std::size_t d = 0; d < given.size() && d < story_.docs.size(); ++d) {
      if (given[d]) continue;
      const std::string_view text = story_.docs[d].text;
      std::string_view line = text.substr(0, std::min(text.find('\n'), text.size()));
      const std::size_t dash = std::min({line.find(" - "), line.find(" \xE2\x80\x93 "), line.find(" \xE2\x80\x94 "),
                                         line.find(" -- ")});
      if (dash == std::string_view::npos || dash > 100 || line.empty() || line[0] < 'A' || line[0] > 'Z') continue;
      std::vector<TimePhrase> found;
      FindTimePhrases(line.substr(0, dash), &found);
      for (const TimePhrase& p : found) {
        if (p.kind != PhraseKind::kDate && p.kind != PhraseKind::kMonthDay) continue;
        const DayRange r = Resolve(p, hint);
        if (!r.exact()) continue;
        tl_.article[d] = r.lo;
        given[d] = true;
        break;
      }
    }
  }

  // Whether unit t dates its fact well enough for others to be dated by it.
  bool Datable(std::size_t t) const {
    const DayRange& r = own_[t];
    if (!r.known() || r.hi - r.lo > kUsefulWidth) return false;
    const TimePhrase* p = ph_.Of(t);
    return p != nullptr && !p->future && p->kind != PhraseKind::kAfterPrevious;
  }

  // The best match of each unit in `docs_to_date` among the datable units of
  // the documents in `sources` (not its own).
  void MatchAgainst(const std::vector<bool>& sources, const std::vector<bool>& docs_to_date) {
    for (std::size_t t = 0; t < m_.units.size(); ++t) {
      if (!sources[doc_of_[t]] || !Datable(t)) continue;
      for (std::size_t d = 0; d < docs_to_date.size(); ++d) {
        if (!docs_to_date[d] || d == doc_of_[t]) continue;
        for (std::size_t s = m_.doc_ranges[d].first; s < m_.doc_ranges[d].second; ++s) {
          const double sim = matcher().Similarity(t, s);
          if (sim > best_[s].similarity) best_[s] = {t, sim};
        }
      }
    }
  }

  std::vector<Evidence> EvidenceOf(std::size_t doc) const {
    std::vector<Evidence> out;
    for (std::size_t s = m_.doc_ranges[doc].first; s < m_.doc_ranges[doc].second; ++s) {
      const TimePhrase* p = ph_.Of(s);
      if (p != nullptr && AnchorFree(*p) && !p->future) {
        out.push_back({s, Resolve(*p, kNoDay), 1.0, p});
      } else if (best_[s].similarity >= kSameFactSimilarity) {
        // A fact reported without a phrase bounds the article's date by a
        // firm day only: not by another estimate.
        const std::size_t t = best_[s].target;
        const bool relative = p != nullptr && !AnchorFree(*p) && p->kind != PhraseKind::kAfterPrevious;
        if (relative || !tl_.estimated[doc_of_[t]] || AnchorFree(*ph_.Of(t))) {
          out.push_back({s, own_[t], best_[s].similarity, p});
        }
      }
    }
    return out;
  }

  // How badly `anchor` explains the evidence: a relative phrase should
  // land on the days of the same fact elsewhere; a fact the article reports
  // without one should not be later than the article.
  double Cost(const std::vector<Evidence>& evidence, Day anchor, double cap = kMostDaysPerEvidence) const {
    double cost = 0;
    for (const Evidence& e : evidence) {
      const TimePhrase* p = e.phrase;
      if (p != nullptr && !AnchorFree(*p) && p->kind != PhraseKind::kAfterPrevious) {
        const DayRange r = Resolve(*p, anchor);
        if (r.known()) {
          cost += e.weight * std::min(cap, Gap(r, e.target));
          continue;
        }
      }
      if (e.target.lo > anchor) cost += e.weight * std::min<double>(cap, e.target.lo - anchor);
    }
    return cost;
  }

  // How far back from `anchor` the article's own relative phrases reach:
  // an article is written soon after what it reports.
  Day Span(std::size_t doc, Day anchor) const {
    Day earliest = anchor;
    for (std::size_t u = m_.doc_ranges[doc].first; u < m_.doc_ranges[doc].second; ++u) {
      const TimePhrase* p = ph_.Of(u);
      if (p == nullptr || AnchorFree(*p) || p->future || p->kind == PhraseKind::kAfterPrevious) continue;
      const DayRange r = Resolve(*p, anchor);
      if (r.known() && r.hi - r.lo <= kUsefulWidth) earliest = std::min(earliest, r.lo);
    }
    return anchor - earliest;
  }

  // The article date that best explains the evidence: least cost, then the
  // shortest reach back, then the earliest.
  Day Estimate(std::size_t doc, const std::vector<Evidence>& evidence, double* best_cost) const {
    std::vector<Day> candidates;
    for (const Evidence& e : evidence) {
      Day from = e.target.lo, to = e.target.hi;
      if (const TimePhrase* p = e.phrase; p != nullptr && !AnchorFree(*p)) {
        switch (p->kind) {
          case PhraseKind::kDayOffset: from = e.target.lo - p->a - p->spread; to = e.target.hi - p->a; break;
          case PhraseKind::kWeekday: to = e.target.hi + 7; break;
          case PhraseKind::kWeek: to = e.target.hi + 14; break;
          case PhraseKind::kMonthOffset: to = e.target.hi + 62; break;
          default: break;
        }
      }
      to = std::min(to, from + 400);
      for (Day d = from; d <= to; ++d) candidates.push_back(d);
    }
    std::sort(candidates.begin(), candidates.end());
    candidates.erase(std::unique(candidates.begin(), candidates.end()), candidates.end());
    Day best = kNoDay;
    double cost_best = 0;
    Day span_best = 0;
    for (const Day d : candidates) {
      const double cost = Cost(evidence, d);
      if (best != kNoDay && cost > cost_best + 1e-9) continue;
      const Day span = Span(doc, d);
      if (best != kNoDay && cost >= cost_best - 1e-9 && span >= span_best) continue;
      best = d;
      cost_best = cost;
      span_best = span;
    }
    *best_cost = cost_best;
    return best;
  }

  // A given date that the article's own relative phrases contradict (they
  // put its facts far from the days other articles give them) is the
  // page's date, not the article's: dropped, the worst first.
  void DropStrayDates(std::vector<bool>* given) {
    const std::size_t docs = given->size();
    // Only relative phrases can show a date to be stray: the units of dated
    // articles that have one, and their matches among the datable units of
    // the other dated articles, found once.
    // An answered event's phrase ("in response to the walkout last week")
    // is read against the article's date too, and counts here.
    std::vector<std::size_t> relative;
    std::vector<const TimePhrase*> phrase_of;
    for (std::size_t u = 0; u < m_.units.size(); ++u) {
      if (!(*given)[doc_of_[u]]) continue;
      // A month and day without a year ("the July 7 bombings") name a day
      // whose year is only guessed from the article's date: no evidence
      // against that date.
      const auto counts = [](const TimePhrase& q) {
        return !AnchorFree(q) && q.kind != PhraseKind::kAfterPrevious && q.kind != PhraseKind::kMonthDay &&
               q.kind != PhraseKind::kMonth;
      };
      const TimePhrase* p = ph_.Of(u) != nullptr && counts(*ph_.Of(u)) ? ph_.Of(u) : nullptr;
      for (std::size_t k = ph_.begin[u]; k < ph_.begin[u + 1] && p == nullptr; ++k) {
        if (ph_.all[k].antecedent && counts(ph_.all[k])) p = &ph_.all[k];
      }
      if (p == nullptr) continue;
      relative.push_back(u);
      phrase_of.push_back(p);
    }
    if (relative.empty()) return;
    std::vector<std::vector<Match>> matches(relative.size());
    bool any = false;
    for (std::size_t t = 0; t < m_.units.size(); ++t) {
      if (!(*given)[doc_of_[t]] || !Datable(t)) continue;
      for (std::size_t k = 0; k < relative.size(); ++k) {
        if (doc_of_[relative[k]] == doc_of_[t]) continue;
        const double sim = matcher().Similarity(t, relative[k]);
        if (sim < kStraySimilarity) continue;
        matches[k].push_back({t, sim});
        any = true;
      }
    }
    if (!any) return;
    std::vector<std::size_t> best_target(m_.units.size(), 0);
    for (;;) {
      std::size_t worst = docs;
      double worst_excess = 0;
      for (std::size_t a = 0; a < docs; ++a) {
        if (!(*given)[a]) continue;
        std::vector<Evidence> evidence;
        double weight = 0;
        for (std::size_t k = 0; k < relative.size(); ++k) {
          if (doc_of_[relative[k]] != a) continue;
          Match best;
          for (const Match& m : matches[k]) {
            if ((*given)[doc_of_[m.target]] && Datable(m.target) && m.similarity > best.similarity) best = m;
          }
          if (best.similarity == 0) continue;
          evidence.push_back({relative[k], own_[best.target], best.similarity, phrase_of[k]});
          best_target[relative[k]] = best.target;
          weight += best.similarity;
        }
        // One match may be a similar fact on another day (stories that span
        // years repeat themselves: polls, votes, meetings): several phrases,
        // matching different facts, must each miss by far, and agree on
        // another date.
        const Day given_day = tl_.article[a];
        std::vector<std::size_t> missing, far;
        for (const Evidence& e : evidence) {
          const double miss = Cost({e}, given_day, kUnbounded) / e.weight;
          if (miss > kStrayDays) missing.push_back(best_target[e.unit]);
          if (miss > kFarDays) far.push_back(e.unit);
        }
        std::sort(missing.begin(), missing.end());
        missing.erase(std::unique(missing.begin(), missing.end()), missing.end());
        if (missing.size() < kStrayEvidence && far.size() < kFarEvidence) continue;
        double best_cost = 0;
        const Day best = Estimate(a, evidence, &best_cost);
        if (best == kNoDay) continue;
        const double agreement = Cost(evidence, best, kUnbounded) / weight;
        const double excess = (Cost(evidence, given_day, kUnbounded) - Cost(evidence, best, kUnbounded)) / weight;
        if (agreement > kStrayAgreement || excess <= kStrayDays || std::abs(best - given_day) <= kStrayDays) continue;
        if (worst == docs || excess > worst_excess ||
            (excess == worst_excess && given_day > tl_.article[worst])) {
          worst = a;
          worst_excess = excess;
        }
      }
      if (worst == docs) break;
      (*given)[worst] = false;
      tl_.dropped[worst] = true;
      tl_.article[worst] = kNoDay;
      ResolveDoc(m_, ph_, worst, kNoDay, &own_);
    }
  }

  // Articles without a date, the best supported first: each gets the date
  // that best explains what it reports, and its phrases then date others.
  void EstimateUndated(const std::vector<bool>& given) {
    const std::size_t docs = given.size();
    std::vector<bool> dated = given;
    std::vector<bool> pending(docs, false);
    bool any = false;
    for (std::size_t d = 0; d < docs; ++d) {
      pending[d] = !given[d];
      any = any || pending[d];
    }
    if (!any) return;
    std::vector<bool> sources = dated;
    // Anchor-free dates ("October 6, 2021") of undated articles date others too.
    for (std::size_t d = 0; d < docs; ++d) sources[d] = true;
    MatchAgainst(sources, pending);
    for (;;) {
      std::size_t pick = docs;
      double pick_weight = 0;
      std::vector<Evidence> pick_evidence;
      for (std::size_t d = 0; d < docs; ++d) {
        if (!pending[d]) continue;
        std::vector<Evidence> evidence = EvidenceOf(d);
        double weight = 0;
        for (const Evidence& e : evidence) weight += e.weight;
        if (weight > pick_weight) {
          pick = d;
          pick_weight = weight;
          pick_evidence = std::move(evidence);
        }
      }
      if (pick == docs) break;
      double cost = 0;
      const Day day = Estimate(pick, pick_evidence, &cost);
      pending[pick] = false;
      if (day == kNoDay) continue;
      tl_.article[pick] = day;
      tl_.estimated[pick] = true;
      ResolveDoc(m_, ph_, pick, day, &own_);
      std::vector<bool> now(docs, false);
      now[pick] = true;
      MatchAgainst(now, pending);
    }
    // Each estimate again, now that the others are known: facts matched by
    // mistake early give way to the agreement of all.
    // (With one estimate, nothing it was made from has changed.)
    const std::vector<bool> all(docs, true);
    const auto estimates = std::count(tl_.estimated.begin(), tl_.estimated.end(), true);
    for (int round = 0; round < 3 && estimates >= 2; ++round) {
      bool changed = false;
      for (std::size_t s = 0; s < m_.units.size(); ++s) {
        if (tl_.estimated[doc_of_[s]]) best_[s] = {};
      }
      MatchAgainst(all, tl_.estimated);
      for (std::size_t d = 0; d < docs; ++d) {
        if (!tl_.estimated[d]) continue;
        double cost = 0;
        const Day day = Estimate(d, EvidenceOf(d), &cost);
        if (day == kNoDay || day == tl_.article[d]) continue;
        tl_.article[d] = day;
        ResolveDoc(m_, ph_, d, day, &own_);
        changed = true;
      }
      if (!changed) break;
    }
  }

  // Units of articles without a date of their own and without a phrase:
  // the day of their best match among the units of dated articles that
  // their phrases date within a few days. Estimated articles do not date
  // others' sentences: an error there would spread.
  void MatchShared() {
    shared_.assign(m_.units.size(), kNoDay);
    std::vector<std::size_t> open;
    for (std::size_t d = 0; d < given_.size(); ++d) {
      if (given_[d]) continue;
      for (std::size_t u = m_.doc_ranges[d].first; u < m_.doc_ranges[d].second; ++u) {
        // A sentence that answers an earlier event ("in response to the
        // expulsion last week") is not dated by that event's reports.
        bool answers = false;
        for (std::size_t k = ph_.begin[u]; k < ph_.begin[u + 1]; ++k) answers = answers || ph_.all[k].antecedent;
        if (ph_.Of(u) == nullptr && !answers) open.push_back(u);
      }
    }
    if (open.empty()) return;
    std::vector<double> best(m_.units.size(), 0.0);
    for (std::size_t t = 0; t < m_.units.size(); ++t) {
      if (!given_[doc_of_[t]] || !Datable(t) || own_[t].hi - own_[t].lo > kSharedWidth) continue;
      for (const std::size_t u : open) {
        if (doc_of_[u] == doc_of_[t]) continue;
        const double sim = matcher().Similarity(t, u);
        if (sim >= kSameFactSimilarity && sim > best[u]) {
          best[u] = sim;
          shared_[u] = own_[t].mid();
        }
      }
    }
  }

  // Units with a vague phrase ("earlier this month"): their best match
  // among the units dated to the day.
  void MatchVague() {
    std::vector<std::size_t> vague;
    for (std::size_t u = 0; u < m_.units.size(); ++u) {
      if (own_[u].known() && !own_[u].exact() && ph_.Of(u) != nullptr) vague.push_back(u);
    }
    if (vague.empty()) return;
    refine_.assign(m_.units.size(), Match{});
    for (std::size_t t = 0; t < m_.units.size(); ++t) {
      if (!Datable(t) || !own_[t].exact()) continue;
      for (const std::size_t u : vague) {
        if (doc_of_[u] == doc_of_[t]) continue;
        const double sim = matcher().Similarity(t, u);
        if (sim > refine_[u].similarity) refine_[u] = {t, sim};
      }
    }
  }

  // Every unit's event day and ordering day.
  void Finish() {
    const std::size_t docs = m_.doc_ranges.size();
    for (std::size_t d = 0; d < docs; ++d) {
      const Day anchor = tl_.article[d];
      const auto [first, last] = m_.doc_ranges[d];
      for (std::size_t u = first; u < last; ++u) {
        UnitTime& t = tl_.units[u];
        const TimePhrase* p = ph_.Of(u);
        if (own_[u].known() && p != nullptr) {
          t.event = own_[u];
          t.basis = DateBasis::kPhrase;
          t.phrase_begin = p->begin;
          t.phrase_end = p->end;
          // A vague phrase ("earlier this month") takes the day the same
          // fact has elsewhere, when that day lies within it.
          const Match b = refine_.empty() ? Match{} : refine_[u];
          if (!t.event.exact() && b.similarity >= kSameFactSimilarity && own_[b.target].known() &&
              own_[b.target].lo >= t.event.lo && own_[b.target].hi <= t.event.hi) {
            t.event = own_[b.target];
          }
        } else if (!shared_.empty() && shared_[u] != kNoDay) {
          t.event = {shared_[u], shared_[u]};
          t.basis = DateBasis::kShared;
        } else if (u > first && tl_.units[u - 1].basis != DateBasis::kNone &&
                   (!m_.units[u].paragraph_start || anchor == kNoDay)) {
          // A sentence goes on in the time of the one before it within its
          // paragraph; a new paragraph returns to the article's date.
          t.event = tl_.units[u - 1].event;
          t.basis = DateBasis::kContext;
        } else if (anchor != kNoDay) {
          t.event = {anchor, anchor};
          t.basis = DateBasis::kArticle;
        }
      }
      // Leading sentences of an article without a date: the first date after them.
      for (std::size_t u = last; u > first; --u) {
        UnitTime& t = tl_.units[u - 1];
        if (t.basis != DateBasis::kNone || u == last || tl_.units[u].basis == DateBasis::kNone) continue;
        t.event = tl_.units[u].event;
        t.basis = DateBasis::kContext;
      }
      for (std::size_t u = first; u < last; ++u) {
        UnitTime& t = tl_.units[u];
        if (!t.event.known()) continue;
        t.order = t.event.mid();
        // What is still to come is reported on the article's day.
        if (anchor != kNoDay) t.order = std::min(t.order, anchor);
        // A sentence whose own words say nothing is not read before the
        // sentences its article puts ahead of it.
        const bool weak = t.basis == DateBasis::kContext || t.basis == DateBasis::kArticle;
        if (weak && u > first && tl_.units[u - 1].order != kNoDay) t.order = std::max(t.order, tl_.units[u - 1].order);
      }
    }
  }

  const Story& story_;
  const StoryModel& m_;
  Phrases ph_;
  std::optional<Matcher> matcher_;  // made on first use: most stories never need it
  Timeline tl_;
  std::vector<DayRange> own_;        // per unit: the days of its own phrase
  std::vector<std::size_t> doc_of_;  // per unit
  std::vector<Match> best_;          // per unit of an undated article: its best dated match
  std::vector<Day> shared_;          // per unit: the day of the same content elsewhere (MatchShared)
  std::vector<Match> refine_;        // per unit with a vague phrase: its best match dated to the day
  std::vector<bool> given_;          // per document: its date was given (not estimated)
};

}  // namespace

Timeline BuildTimeline(const Story& story, const StoryModel& model) { return Builder(story, model).Run(); }

void DescribeTime(const Timeline& timeline, std::size_t index, const Unit& unit, SummarySentence* out) {
  const UnitTime& t = timeline.units[index];
  if (!t.event.known()) return;
  out->event_date = IsoDay(t.event.mid());
  if (!t.event.exact()) {
    out->event_date_earliest = IsoDay(t.event.lo);
    out->event_date_latest = IsoDay(t.event.hi);
  }
  switch (t.basis) {
    case DateBasis::kPhrase:
      out->date_basis = "phrase";
      if (t.phrase_end <= unit.text.size() && t.phrase_begin < t.phrase_end) {
        out->date_phrase = unit.text.substr(t.phrase_begin, t.phrase_end - t.phrase_begin);
      }
      break;
    case DateBasis::kShared: out->date_basis = "shared"; break;
    case DateBasis::kContext: out->date_basis = "context"; break;
    case DateBasis::kArticle: out->date_basis = "article"; break;
    case DateBasis::kNone: break;
  }
}

std::vector<std::size_t> ReadingOrder(const std::vector<OrderItem>& items) {
  const std::size_t n = items.size();
  // Dependencies that hold: in range, not to itself, and not closing a cycle.
  std::vector<std::size_t> parent(n, kNoDependency);
  for (std::size_t i = 0; i < n; ++i) {
    const std::size_t p = items[i].depends_on;
    if (p >= n || p == i) continue;
    bool cycle = false;
    for (std::size_t k = p, steps = 0; k != kNoDependency && steps <= n; k = parent[k], ++steps) {
      if (k == i) {
        cycle = true;
        break;
      }
    }
    if (!cycle) parent[i] = p;
  }
  const auto before = [&](std::size_t a, std::size_t b) {
    const OrderItem& x = items[a];
    const OrderItem& y = items[b];
    if ((x.day == kNoDay) != (y.day == kNoDay)) return x.day != kNoDay;
    if (x.day != y.day) return x.day < y.day;
    if (x.doc != y.doc) return x.doc < y.doc;
    return x.position < y.position;
  };
  std::vector<std::vector<std::size_t>> children(n);
  std::vector<std::size_t> roots;
  for (std::size_t i = 0; i < n; ++i) {
    if (parent[i] == kNoDependency) {
      roots.push_back(i);
    } else {
      children[parent[i]].push_back(i);
    }
  }
  std::stable_sort(roots.begin(), roots.end(), before);
  std::vector<std::size_t> order;
  order.reserve(n);
  std::vector<std::size_t> stack;
  for (const std::size_t r : roots) {
    stack.push_back(r);
    while (!stack.empty()) {
      const std::size_t i = stack.back();
      stack.pop_back();
      order.push_back(i);
      std::vector<std::size_t>& kids = children[i];
      std::stable_sort(kids.begin(), kids.end(), [&](std::size_t a, std::size_t b) {
        if (items[a].doc == items[b].doc && items[a].position != items[b].position) {
          return items[a].position < items[b].position;
        }
        return a < b;
      });
      for (auto it = kids.rbegin(); it != kids.rend(); ++it) stack.push_back(*it);
    }
  }
  return order;
}

std::vector<std::size_t> OrderByTime(const StoryModel& model, const Timeline& timeline,
                                     const std::vector<std::size_t>& chosen, const std::vector<std::size_t>& depends_on) {
  std::vector<OrderItem> items;
  items.reserve(chosen.size());
  for (std::size_t k = 0; k < chosen.size(); ++k) {
    const Unit& u = model.units[chosen[k]];
    OrderItem item;
    item.day = timeline.units[chosen[k]].order;
    item.doc = u.doc;
    item.position = u.position;
    if (k < depends_on.size()) item.depends_on = depends_on[k];
    items.push_back(item);
  }
  std::vector<std::size_t> out;
  out.reserve(chosen.size());
  for (const std::size_t i : ReadingOrder(items)) out.push_back(chosen[i]);
  return out;
}

}  // namespace precis::summarize::detail
