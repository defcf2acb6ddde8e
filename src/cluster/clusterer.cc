// The online clusterer: TF-IDF vectors against running story centroids,
// found through an inverted index of the centroids' terms; copies through an
// index of sampled 4-grams. Both indexes only hold what the window holds.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <deque>
#include <limits>
#include <set>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "cluster/internal.h"
#include "precis/cluster.h"
#include "precis/error.h"
#include "summarize/copies.h"

namespace precis::cluster {
namespace internal {

bool Sampled(std::uint64_t hash) { return (hash >> 62) == 0; }

std::vector<std::uint64_t> SampleShingles(std::vector<std::uint64_t> hashes) {
  if (hashes.size() >= kFullSetBelow) std::erase_if(hashes, [](std::uint64_t h) { return !Sampled(h); });
  std::sort(hashes.begin(), hashes.end());
  hashes.erase(std::unique(hashes.begin(), hashes.end()), hashes.end());
  return hashes;
}

}  // namespace internal

namespace {

using Vector = std::vector<std::pair<std::uint64_t, float>>;  // sorted by term

// Document frequencies in a fixed table indexed by term hash: collisions
// only make two rare terms look a little less rare.
constexpr unsigned kDfBits = 20;
// An article looks for stories through its heaviest terms only: a story
// sharing none of them is not similar enough to matter.
constexpr std::size_t kRetrievalTerms = 20;
// Names kept of a story (the most named).
constexpr std::size_t kStoryNames = 200;
// Terms kept of each recent member of a story.
constexpr std::size_t kMemberTerms = 60;
// A story is found through its heaviest terms only (the index stays small
// and an article meets only the stories that share what they are about).
constexpr std::size_t kIndexTerms = 40;
// How often (in articles) the index is checked for stale entries.
constexpr std::size_t kIndexCheckEvery = 1024;

struct Story {
  std::uint64_t id = 0;
  std::size_t size = 0;     // articles, copies included
  std::size_t members = 0;  // articles in the centroid (copies not)
  double last_day = 0;
  Vector centroid;          // sum of the members' unit vectors
  std::deque<Vector> recent_members;
  std::vector<std::pair<std::uint64_t, std::uint32_t>> names;  // term -> articles naming it, sorted
  std::vector<std::uint64_t> indexed;  // the terms the index lists it under, sorted  // the last members' vectors (their heaviest terms)
  float norm = 0;
  bool open = false;
};

struct RecentArticle {
  std::string id;
  std::uint64_t story = 0;
  double day = 0;
  std::vector<std::uint64_t> shingles;
  std::size_t count = 0;  // 4-grams in all
};

float Norm(const Vector& v) {
  double sum = 0;
  for (const auto& [term, w] : v) sum += static_cast<double>(w) * w;
  return static_cast<float>(std::sqrt(sum));
}

// Without branches on the comparisons (they are unpredictable, and this
// merge was the clusterer's hottest loop).
double Dot(const Vector& a, const Vector& b) {
  double dot = 0;
  std::size_t i = 0, j = 0;
  const std::size_t na = a.size(), nb = b.size();
  while (i < na && j < nb) {
    const std::uint64_t x = a[i].first, y = b[j].first;
    const float product = a[i].second * b[j].second;
    dot += x == y ? product : 0.0f;
    i += x <= y;
    j += y <= x;
  }
  return dot;
}

// 4-gram hash -> sequence number of the latest article holding it, in one
// open-addressing table (linear probing, deletion by backward shift): a
// node per 4-gram in a std::unordered_map was a sixth of the clustering
// time. It grows with what the copy window holds, never with the stream.
class HolderMap {
 public:
  // The holder of `key`, or nullptr.
  const std::uint64_t* Find(std::uint64_t key) const {
    if (slots_.empty()) return nullptr;
    key = Key(key);
    for (std::size_t i = Slot(key);; i = (i + 1) & mask_) {
      if (slots_[i].first == key) return &slots_[i].second;
      if (slots_[i].first == 0) return nullptr;
    }
  }
  void Set(std::uint64_t key, std::uint64_t holder) {
    if ((size_ + 1) * 2 > slots_.size()) Grow();
    key = Key(key);
    std::size_t i = Slot(key);
    while (slots_[i].first != 0 && slots_[i].first != key) i = (i + 1) & mask_;
    if (slots_[i].first == 0) ++size_;
    slots_[i] = {key, holder};
  }
  // Removes `key` if `holder` still holds it.
  void EraseIfHeldBy(std::uint64_t key, std::uint64_t holder) {
    if (slots_.empty()) return;
    key = Key(key);
    std::size_t i = Slot(key);
    while (slots_[i].first != key) {
      if (slots_[i].first == 0) return;
      i = (i + 1) & mask_;
    }
    if (slots_[i].second != holder) return;
    // Backward shift: entries after the hole that could sit in it move up.
    for (std::size_t j = (i + 1) & mask_;; j = (j + 1) & mask_) {
      if (slots_[j].first == 0) break;
      const std::size_t home = Slot(slots_[j].first);
      if (((j - home) & mask_) >= ((j - i) & mask_)) {
        slots_[i] = slots_[j];
        i = j;
      }
    }
    slots_[i] = {0, 0};
    --size_;
  }

 private:
  static std::uint64_t Key(std::uint64_t key) { return key == 0 ? 1 : key; }  // 0 marks a free slot
  std::size_t Slot(std::uint64_t key) const { return static_cast<std::size_t>((key * 0x9E3779B97F4A7C15ull) >> 32) & mask_; }
  void Grow() {
    std::vector<std::pair<std::uint64_t, std::uint64_t>> old(std::max<std::size_t>(1024, slots_.size() * 2));
    old.swap(slots_);
    mask_ = slots_.size() - 1;
    size_ = 0;
    for (const auto& [key, holder] : old) {
      if (key != 0) Set(key, holder);
    }
  }
  std::vector<std::pair<std::uint64_t, std::uint64_t>> slots_;
  std::size_t mask_ = 0, size_ = 0;
};

// The article's vector as an open-addressing table, so that its dot product
// with a centroid is one probe per centroid term: merging the two sorted
// vectors, even without branches, was most of the time of comparing.
class Probe {
 public:
  void Fill(const Vector& v) {
    std::size_t size = 64;
    while (size < 3 * v.size()) size *= 2;
    slots_.assign(size, {0, 0.0f});
    mask_ = size - 1;
    for (const auto& [term, w] : v) {
      std::size_t i = Slot(term);
      while (slots_[i].first != 0) i = (i + 1) & mask_;
      slots_[i] = {term, w};
    }
  }
  double Dot(const Vector& centroid) const {
    double dot = 0;
    for (const auto& [term, w] : centroid) {
      for (std::size_t i = Slot(term);; i = (i + 1) & mask_) {
        const auto& slot = slots_[i];
        if (slot.first == term) {
          dot += static_cast<double>(slot.second * w);
          break;
        }
        if (slot.first == 0) break;
      }
    }
    return dot;
  }

 private:
  std::size_t Slot(std::uint64_t term) const { return static_cast<std::size_t>((term * 0x9E3779B97F4A7C15ull) >> 32) & mask_; }
  std::vector<std::pair<std::uint64_t, float>> slots_;
  std::size_t mask_ = 0;
};

// Keeps the `n` heaviest entries of `v` (ties: smaller term), sorted by term.
void KeepHeaviest(Vector* v, std::size_t n) {
  if (v->size() <= n) return;
  const auto heavier = [](const auto& a, const auto& b) { return a.second != b.second ? a.second > b.second : a.first < b.first; };
  std::nth_element(v->begin(), v->begin() + static_cast<std::ptrdiff_t>(n), v->end(), heavier);
  v->resize(n);
  std::sort(v->begin(), v->end());
}

// a + b, both sorted by term.
Vector Sum(const Vector& a, const Vector& b) {
  Vector out;
  out.reserve(a.size() + b.size());
  auto i = a.begin(), j = b.begin();
  while (i != a.end() || j != b.end()) {
    if (j == b.end() || (i != a.end() && i->first < j->first)) {
      out.push_back(*i++);
    } else if (i == a.end() || j->first < i->first) {
      out.push_back(*j++);
    } else {
      out.emplace_back(i->first, i->second + j->second);
      ++i;
      ++j;
    }
  }
  return out;
}

// The share of the smaller article's 4-grams found in the other, estimated
// on what both keep (a short article keeps all, a long one a sample).
double Containment(const ArticleFeatures& a, const RecentArticle& b) {
  if (a.shingle_count < internal::kMinShingles || b.count < internal::kMinShingles) {
    return a.shingle_count == b.count && a.shingles == b.shingles && !a.shingles.empty() ? 1.0 : 0.0;
  }
  const bool a_full = a.shingle_count < internal::kFullSetBelow, b_full = b.count < internal::kFullSetBelow;
  const auto sampled_size = [](const std::vector<std::uint64_t>& s) {
    return static_cast<std::size_t>(std::count_if(s.begin(), s.end(), internal::Sampled));
  };
  const std::size_t a_size = a_full && !b_full ? sampled_size(a.shingles) : a.shingles.size();
  const std::size_t b_size = b_full && !a_full ? sampled_size(b.shingles) : b.shingles.size();
  const std::size_t smaller = std::min(a_size, b_size);
  if (smaller < 4) return 0.0;  // too few to tell
  return static_cast<double>(summarize::detail::SharedCount(a.shingles, b.shingles)) / static_cast<double>(smaller);
}

bool SharesName(const std::vector<std::uint64_t>& names, const std::vector<std::pair<std::uint64_t, std::uint32_t>>& story) {
  auto i = names.begin();
  auto j = story.begin();
  while (i != names.end() && j != story.end()) {
    if (*i < j->first) {
      ++i;
    } else if (j->first < *i) {
      ++j;
    } else {
      return true;
    }
  }
  return false;
}

void Check(bool ok, const std::string& what) {
  if (!ok) throw Error("cluster options: " + what);
}

}  // namespace

Options BaselineOptions() {
  Options o;
  o.threshold = 0.15;
  o.singleton_margin = 0;
  o.decay_days = 0;
  o.title_weight = 3;
  o.name_weight = 0;
  o.sublinear_tf = false;
  o.window_days = 1e9;
  o.detect_copies = false;
  o.idf_prior_docs = 0;
  o.no_shared_name_factor = 1;
  return o;
}

struct Clusterer::Impl {
  Options o;
  ArticleAnalyzer analyzer;
  std::vector<std::uint32_t> df = std::vector<std::uint32_t>(std::size_t{1} << kDfBits, 0);
  std::uint64_t df_docs = 0;
  bool has_clock = false;
  double clock = 0;
  std::size_t articles = 0;
  std::uint64_t next_id = 1;

  std::vector<Story> slots;
  std::vector<std::uint32_t> free_slots;
  std::unordered_map<std::uint64_t, std::uint32_t> slot_of;  // open story id -> slot
  std::set<std::pair<double, std::uint64_t>> idle;          // (last day, id) of open stories
  std::unordered_map<std::uint64_t, std::vector<std::uint32_t>> postings;  // term -> slots (may be stale)
  std::size_t posting_entries = 0;
  std::vector<std::uint32_t> hits;     // per slot, while looking for candidates
  std::vector<std::uint32_t> touched;  // slots with hits
  Probe probe;
  Vector scratch;  // the heaviest terms of an article or a centroid
  std::vector<std::pair<std::uint32_t, std::uint64_t>> ranked;  // candidates: (hits, story id)
  // ln(k) for small document frequencies: a logarithm per term and article
  // was a twentieth of the clustering time.
  std::vector<double> log_table = [] {
    std::vector<double> t(4096);
    for (std::size_t k = 1; k < t.size(); ++k) t[k] = std::log(static_cast<double>(k));
    return t;
  }();
  std::vector<ClosedStory> closed;

  std::deque<RecentArticle> recent;
  std::uint64_t recent_base = 0;  // sequence number of recent.front()
  // Sampled 4-gram -> the latest remembered article holding it: enough to
  // propose an original (a copy shares most of its 4-grams with it, and
  // the containment is then counted on both samples).
  HolderMap shingle_holder;

  // --- time ---------------------------------------------------------------

  double DayOf(const ArticleFeatures& a) {
    if (!a.day) return clock;
    if (!has_clock) {
      // Stories started by undated articles before the first date count
      // as active from then.
      has_clock = true;
      clock = *a.day;
      std::set<std::pair<double, std::uint64_t>> rekeyed;
      for (const auto& [day, id] : idle) {
        slots[slot_of[id]].last_day = clock;
        rekeyed.emplace(clock, id);
      }
      idle = std::move(rekeyed);
    }
    clock = std::max(clock, *a.day);
    return *a.day;
  }

  void Touch(Story& s, double day) {
    const double last = std::max(s.last_day, day);
    if (last == s.last_day) return;
    idle.erase({s.last_day, s.id});
    s.last_day = last;
    idle.emplace(last, s.id);
  }

  void Close(std::uint64_t id) {
    const std::uint32_t slot = slot_of.at(id);
    Story& s = slots[slot];
    idle.erase({s.last_day, s.id});
    closed.push_back({s.id, s.size});
    s = Story{};
    slot_of.erase(id);
    free_slots.push_back(slot);
  }

  void CloseIdle() {
    while (!idle.empty() && idle.begin()->first < clock - o.window_days) Close(idle.begin()->second);
    while (slot_of.size() > o.max_open_stories) Close(idle.begin()->second);
  }

  // --- copies ---------------------------------------------------------------

  void ForgetOldArticles() {
    const std::size_t limit = std::max<std::size_t>(1, o.max_open_stories);
    while (!recent.empty() && (recent.front().day < clock - o.copy_window_days || recent.size() > limit)) {
      for (const std::uint64_t h : recent.front().shingles) {
        shingle_holder.EraseIfHeldBy(h, recent_base);
      }
      recent.pop_front();
      ++recent_base;
    }
  }

  // The recent article `a` copies (most contained, then earliest), if any
  // whose story is still open.
  const RecentArticle* FindOriginal(const ArticleFeatures& a) {
    std::vector<std::pair<std::uint64_t, std::size_t>> shared;  // (seq, 4-grams), few
    for (const std::uint64_t h : a.shingles) {
      const std::uint64_t* holder = shingle_holder.Find(h);
      if (holder == nullptr) continue;
      const auto known = std::find_if(shared.begin(), shared.end(), [&](const auto& e) { return e.first == *holder; });
      if (known == shared.end()) {
        shared.emplace_back(*holder, 1);
      } else {
        ++known->second;
      }
    }
    const RecentArticle* best = nullptr;
    double best_containment = 0;
    std::uint64_t best_seq = 0;
    for (const auto& [seq, count] : shared) {
      const RecentArticle& r = recent[seq - recent_base];
      const double c = Containment(a, r);
      if (c < o.copy_containment || !slot_of.count(r.story)) continue;
      if (best == nullptr || c > best_containment || (c == best_containment && seq < best_seq)) {
        best = &r;
        best_containment = c;
        best_seq = seq;
      }
    }
    return best;
  }

  void Remember(const ArticleFeatures& a, std::uint64_t story, double day) {
    if (a.shingles.empty()) return;
    const std::uint64_t seq = recent_base + recent.size();
    recent.push_back({a.id, story, day, a.shingles, a.shingle_count});
    for (const std::uint64_t h : a.shingles) shingle_holder.Set(h, seq);
  }

  // --- vectors --------------------------------------------------------------

  std::uint32_t& Df(std::uint64_t term) { return df[term & ((std::size_t{1} << kDfBits) - 1)]; }

  // The article's unit TF-IDF vector (its heaviest terms), counting it in
  // the document frequencies first.
  Vector Weigh(const ArticleFeatures& a) {
    ++df_docs;
    for (const auto& [term, count] : a.terms) ++Df(term);
    Vector v;
    v.reserve(a.terms.size());
    // As if the stream had begun with `idf_prior_docs` articles holding none
    // of these words: in a short stream a story's own words are in most of
    // its articles, and a bare ratio would call them common.
    const double log_n = std::log(static_cast<double>(df_docs) + 1 + o.idf_prior_docs);
    for (const auto& [term, count] : a.terms) {
      const double tf = o.sublinear_tf ? 1 + std::log(std::max(1.0f, count)) : count;
      const std::uint32_t df_term = Df(term);
      const double idf = log_n - (df_term < log_table.size() ? log_table[df_term] : std::log(static_cast<double>(df_term)));
      v.emplace_back(term, static_cast<float>(tf * (o.idf_power == 1 ? idf : std::pow(idf, o.idf_power))));
    }
    KeepHeaviest(&v, o.max_article_terms);
    const float norm = Norm(v);
    if (norm > 0) {
      for (auto& entry : v) entry.second /= norm;
    }
    return v;
  }

  // A centroid of many articles is an average: a true member is less like
  // it than like any one of them, so larger stories ask for less.
  double Threshold(const Story& s) const {
    const double base = o.threshold + (s.members <= 1 ? o.singleton_margin : 0);
    return std::max(o.threshold * o.min_threshold_share, base - o.size_slope * std::log(static_cast<double>(s.members)));
  }

  double Decay(const Story& s, double day) const {
    if (o.decay_days <= 0) return 1;
    const double gap = std::abs(day - s.last_day);
    return 1 / (1 + gap / o.decay_days);
  }

  // The open story `v` is most similar to among those over their threshold
  // (nullptr: none), and the best similarity seen. Candidates are the
  // stories whose heaviest terms hold most of the article's heaviest terms;
  // only the first o.max_candidates of them are compared in full.
  Story* BestStory(const Vector& v, const std::vector<std::uint64_t>& names, double day, double* best_similarity) {
    Vector& query = scratch;
    query.assign(v.begin(), v.end());
    KeepHeaviest(&query, kRetrievalTerms);
    if (hits.size() < slots.size()) hits.resize(slots.size(), 0);
    touched.clear();
    for (const auto& [term, w] : query) {
      const auto it = postings.find(term);
      if (it == postings.end()) continue;
      for (const std::uint32_t slot : it->second) {
        if (hits[slot]++ == 0) touched.push_back(slot);
      }
    }
    // Most hits first, then the older story: deterministic.
    ranked.clear();
    for (const std::uint32_t slot : touched) {
      if (slots[slot].open) ranked.emplace_back(hits[slot], slots[slot].id);
      hits[slot] = 0;
    }
    const auto more_hits = [](const auto& a, const auto& b) { return a.first != b.first ? a.first > b.first : a.second < b.second; };
    if (ranked.size() > o.max_candidates) {
      std::partial_sort(ranked.begin(), ranked.begin() + o.max_candidates, ranked.end(), more_hits);
      ranked.resize(o.max_candidates);
    }
    Story* best = nullptr;
    *best_similarity = 0;
    double best_passing = -1;
    probe.Fill(v);
    for (const auto& [count, id] : ranked) {
      Story& s = slots[slot_of.at(id)];
      if (s.norm <= 0) continue;
      double similarity = probe.Dot(s.centroid) / s.norm;
      if (o.member_weight > 0) {
        for (const Vector& m : s.recent_members) similarity = std::max(similarity, o.member_weight * Dot(v, m));
      }
      similarity *= Decay(s, day);
      if (!names.empty() && !s.names.empty() && !SharesName(names, s.names)) similarity *= o.no_shared_name_factor;
      *best_similarity = std::max(*best_similarity, similarity);
      if (similarity >= Threshold(s) && (similarity > best_passing || (similarity == best_passing && s.id < best->id))) {
        best_passing = similarity;
        best = &s;
      }
    }
    if (best != nullptr) *best_similarity = best_passing;
    return best;
  }

  // Lists `slot` under its heaviest terms that it was not listed under yet.
  void Index(std::uint32_t slot) {
    Story& s = slots[slot];
    Vector& heaviest = scratch;
    heaviest.assign(s.centroid.begin(), s.centroid.end());
    KeepHeaviest(&heaviest, kIndexTerms);
    std::vector<std::uint64_t> now;
    now.reserve(heaviest.size());
    auto old = s.indexed.begin();
    for (const auto& [term, w] : heaviest) {
      now.push_back(term);
      while (old != s.indexed.end() && *old < term) ++old;
      if (old != s.indexed.end() && *old == term) continue;
      postings[term].push_back(slot);
      ++posting_entries;
    }
    s.indexed = std::move(now);
  }

  void Join(Story& s, std::uint32_t slot, const Vector& v, double day) {
    s.centroid = Sum(s.centroid, v);
    // Trimmed only once well over the bound: trimming sorts.
    if (s.centroid.size() > o.max_centroid_terms + o.max_centroid_terms / 4) KeepHeaviest(&s.centroid, o.max_centroid_terms);
    s.norm = Norm(s.centroid);
    ++s.size;
    ++s.members;
    RememberMember(s, v);
    Touch(s, day);
    // A large story's heaviest terms change slowly: it is re-indexed at
    // every fourth article only.
    if (s.members <= 8 || s.members % 4 == 0) Index(slot);
  }

  // Counts the article's names in the story's, keeping the most named.
  void AddNames(Story& s, const std::vector<std::uint64_t>& names) {
    if (o.no_shared_name_factor == 1 || names.empty()) return;
    std::vector<std::pair<std::uint64_t, std::uint32_t>> merged;
    merged.reserve(s.names.size() + names.size());
    auto i = s.names.begin();
    auto j = names.begin();
    while (i != s.names.end() || j != names.end()) {
      if (j == names.end() || (i != s.names.end() && i->first < *j)) {
        merged.push_back(*i++);
      } else if (i == s.names.end() || *j < i->first) {
        merged.emplace_back(*j++, 1);
      } else {
        merged.emplace_back(i->first, i->second + 1);
        ++i;
        ++j;
      }
    }
    if (merged.size() > kStoryNames) {
      std::stable_sort(merged.begin(), merged.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
      merged.resize(kStoryNames);
      std::sort(merged.begin(), merged.end());
    }
    s.names = std::move(merged);
  }

  void RememberMember(Story& s, const Vector& v) {
    if (o.member_weight <= 0 || o.max_members == 0) return;
    Vector kept = v;
    KeepHeaviest(&kept, kMemberTerms);
    s.recent_members.push_back(std::move(kept));
    if (s.recent_members.size() > o.max_members) s.recent_members.pop_front();
  }

  std::uint32_t NewSlot() {
    if (!free_slots.empty()) {
      const std::uint32_t slot = free_slots.back();
      free_slots.pop_back();
      return slot;
    }
    slots.emplace_back();
    return static_cast<std::uint32_t>(slots.size() - 1);
  }

  Story& Start(const Vector& v, double day, std::uint32_t* slot_out) {
    const std::uint32_t slot = NewSlot();
    Story& s = slots[slot];
    s = Story{};
    s.id = next_id++;
    s.open = true;
    s.last_day = day;
    s.centroid = v;
    s.norm = Norm(v);
    s.size = s.members = 1;
    RememberMember(s, v);
    slot_of[s.id] = slot;
    idle.emplace(day, s.id);
    Index(slot);
    *slot_out = slot;
    return s;
  }

  // Drops stale postings (closed stories, terms fallen out of a centroid)
  // once they outnumber the live ones.
  void MaybeRebuildIndex() {
    if (articles % kIndexCheckEvery != 0) return;
    std::size_t live = 0;
    for (const auto& [id, slot] : slot_of) live += std::min(kIndexTerms, slots[slot].centroid.size());
    if (posting_entries <= 2 * live + 4096) return;
    postings.clear();
    posting_entries = 0;
    std::vector<std::pair<std::uint64_t, std::uint32_t>> open(slot_of.begin(), slot_of.end());
    std::sort(open.begin(), open.end());
    for (const auto& [id, slot] : open) {
      slots[slot].indexed.clear();
      Index(slot);
    }
  }

  Assignment Add(const ArticleFeatures& a) {
    ++articles;
    const double day = DayOf(a);
    CloseIdle();
    ForgetOldArticles();
    Assignment result;
    if (const RecentArticle* original = o.detect_copies ? FindOriginal(a) : nullptr) {
      Story& s = slots[slot_of.at(original->story)];
      ++s.size;
      Touch(s, day);
      result.story = s.id;
      result.copy_of = original->id;
      result.similarity = 1;
      return result;
    }
    const Vector v = Weigh(a);
    double similarity = 0;
    Story* best = BestStory(v, a.names, day, &similarity);
    result.similarity = similarity;
    if (best != nullptr) {
      Join(*best, static_cast<std::uint32_t>(best - slots.data()), v, day);
      AddNames(*best, a.names);
      result.story = best->id;
    } else {
      std::uint32_t slot = 0;
      Story& started = Start(v, day, &slot);
      AddNames(started, a.names);
      result.story = started.id;
      result.new_story = true;
    }
    if (o.detect_copies) Remember(a, result.story, day);
    CloseIdle();
    MaybeRebuildIndex();
    return result;
  }
};

Clusterer::Clusterer(const Options& options) : impl_(std::make_unique<Impl>()) {
  const Options& o = options;
  Check(o.threshold >= 0 && o.threshold <= 1, "the threshold must be between 0 and 1");
  Check(o.singleton_margin >= -1 && o.singleton_margin <= 1, "the singleton margin must be between -1 and 1");
  Check(o.window_days > 0, "the window must be positive");
  Check(o.decay_days >= 0, "the decay must not be negative");
  Check(o.copy_window_days >= 0, "the copy window must not be negative");
  Check(o.title_weight >= 0 && o.name_weight >= 0, "weights must not be negative");
  Check(o.no_shared_name_factor >= 0 && o.no_shared_name_factor <= 1, "the name factor must be between 0 and 1");
  Check(o.copy_containment > 0 && o.copy_containment <= 1, "the copy containment must be in (0, 1]");
  Check(o.max_candidates >= 1, "at least one candidate story must be compared");
  Check(o.word_key_bytes <= 8, "word keys are at most 8 bytes");
  Check(o.max_open_stories >= 1 && o.max_article_terms >= 1 && o.max_centroid_terms >= 1,
        "the limits must be at least 1");
  impl_->o = options;
  impl_->analyzer = ArticleAnalyzer(options);
}
Clusterer::~Clusterer() = default;
Clusterer::Clusterer(Clusterer&&) noexcept = default;
Clusterer& Clusterer::operator=(Clusterer&&) noexcept = default;

Assignment Clusterer::Add(const ArticleFeatures& article) { return impl_->Add(article); }
Assignment Clusterer::Add(const Document& doc) { return impl_->Add(impl_->analyzer.Analyze(doc)); }

std::vector<ClosedStory> Clusterer::TakeClosed() { return std::exchange(impl_->closed, {}); }

std::vector<ClosedStory> Clusterer::Finish() {
  std::vector<std::uint64_t> open;
  for (const auto& [id, slot] : impl_->slot_of) open.push_back(id);
  std::sort(open.begin(), open.end());
  for (const std::uint64_t id : open) impl_->Close(id);
  return TakeClosed();
}

std::size_t Clusterer::open_stories() const { return impl_->slot_of.size(); }
std::size_t Clusterer::articles() const { return impl_->articles; }

}  // namespace precis::cluster
