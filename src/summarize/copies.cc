#include "summarize/copies.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <numeric>
#include <string_view>
#include <unordered_map>

namespace precis::summarize::detail {
namespace {

// Shorter articles cannot be told apart from a shared quote or lead.
constexpr std::size_t kMinShingles = 15;
// Up to this many articles every pair is looked at; beyond, pairs are
// proposed through an index of the samples (of the full sets for articles
// too short to sample), so that the work does not grow with the square.
constexpr std::size_t kExactPairs = 64;
// A sample of fewer 4-grams says nothing; with more, half of the smaller
// one in the other proposes the pair (the exact test asks kCopyContainment).
constexpr std::size_t kMinSample = 6;
constexpr double kSampleContainment = 0.5;

// Hashes of the word 4-grams of `text`, in text order. Words are runs of
// ASCII letters and digits (lower-cased) and non-ASCII bytes; the rest
// (punctuation, quotes, spaces) separates them, so that two copies that
// differ in quotation marks or spacing still share their 4-grams.
std::vector<std::uint64_t> Hashes(std::string_view text) {
  // Per byte: its lower-case form when it belongs to a word, else 0 (one
  // table load instead of range tests: this reads every byte of a story).
  static constexpr std::array<unsigned char, 256> kWordByte = [] {
    std::array<unsigned char, 256> table{};
    for (int c = 0; c < 256; ++c) {
      if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || c >= 0x80) table[static_cast<std::size_t>(c)] = static_cast<unsigned char>(c);
      if (c >= 'A' && c <= 'Z') table[static_cast<std::size_t>(c)] = static_cast<unsigned char>(c - 'A' + 'a');
    }
    return table;
  }();
  constexpr std::uint64_t kSeed = 14695981039346656037ull, kPrime = 1099511628211ull;  // FNV-1a
  std::vector<std::uint64_t> shingles;
  shingles.reserve(text.size() / 5);
  // The last four words' hashes, oldest first, in registers: this runs once
  // per word of the story.
  std::uint64_t w0 = 0, w1 = 0, w2 = 0, w3 = 0;
  std::size_t words = 0;
  const unsigned char* p = reinterpret_cast<const unsigned char*>(text.data());
  const unsigned char* const end = p + text.size();
  while (p != end) {
    unsigned char c = kWordByte[*p];
    if (c == 0) {
      ++p;
      continue;
    }
    std::uint64_t h = kSeed;
    do {
      h = (h ^ c) * kPrime;
      if (++p == end) break;
      c = kWordByte[*p];
    } while (c != 0);
    w0 = w1;
    w1 = w2;
    w2 = w3;
    w3 = h;
    if (++words < 4) continue;
    constexpr std::uint64_t kMix = 0x9E3779B97F4A7C15ull;
    const std::uint64_t s = ((((((w0 * kMix) ^ w1) * kMix + 1) ^ w2) * kMix + 2) ^ w3) * kMix + 3;
    shingles.push_back(s);
  }
  return shingles;
}

// Sorts hashes by their bytes, least significant first (LSD radix sort):
// the order std::sort gives, in linear time. An article's full set of
// 4-gram hashes (thousands) is sorted whenever the samples cannot rule out
// a copy, and comparison sorting mispredicted a branch on about every other
// comparison of these random values.
void RadixSort(std::vector<std::uint64_t>* hashes, std::vector<std::uint64_t>* scratch) {
  constexpr std::size_t kPasses = 8;
  std::array<std::array<std::uint32_t, 256>, kPasses> counts{};
  for (const std::uint64_t h : *hashes) {
    for (std::size_t p = 0; p < kPasses; ++p) ++counts[p][(h >> (8 * p)) & 0xFF];
  }
  scratch->resize(hashes->size());
  for (std::size_t p = 0; p < kPasses; ++p) {
    // A byte that every hash shares moves nothing.
    if (counts[p][(hashes->front() >> (8 * p)) & 0xFF] == hashes->size()) continue;
    std::uint32_t start = 0;
    for (std::uint32_t& c : counts[p]) {
      const std::uint32_t n = c;
      c = start;
      start += n;
    }
    for (const std::uint64_t h : *hashes) (*scratch)[counts[p][(h >> (8 * p)) & 0xFF]++] = h;
    hashes->swap(*scratch);
  }
}

void SortUnique(std::vector<std::uint64_t>* hashes) {
  // Below a few hundred, the counting passes cost more than they save.
  constexpr std::size_t kRadixFrom = 512;
  if (hashes->size() >= kRadixFrom) {
    std::vector<std::uint64_t> scratch;
    RadixSort(hashes, &scratch);
  } else {
    std::sort(hashes->begin(), hashes->end());
  }
  hashes->erase(std::unique(hashes->begin(), hashes->end()), hashes->end());
}

// The sample of an article's hashes, sorted and unique: only the 4-grams
// whose hash has its top three bits 0 are kept (the low bits of the last
// multiplication are weak): the same ones in every article, so that a
// copy's sample is in its original's, at an eighth of the sorting.
std::vector<std::uint64_t> Sample(const std::vector<std::uint64_t>& hashes) {
  std::vector<std::uint64_t> sample;
  for (const std::uint64_t s : hashes) {
    if ((s >> 61) == 0) sample.push_back(s);
  }
  SortUnique(&sample);
  return sample;
}


double Containment(const std::vector<std::uint64_t>& a, const std::vector<std::uint64_t>& b) {
  const std::size_t smaller = std::min(a.size(), b.size());
  // A short text is a copy only of the very same text.
  if (smaller < kMinShingles) return !a.empty() && a == b ? 1.0 : 0.0;
  return static_cast<double>(SharedCount(a, b)) / static_cast<double>(smaller);
}

// From the samples of two articles: whether they may be copies. Samples
// too small to tell (short articles) always may.
bool MayBeCopies(const std::vector<std::uint64_t>& a, const std::vector<std::uint64_t>& b) {
  const std::size_t smaller = std::min(a.size(), b.size());
  if (smaller < kMinSample) return true;
  return static_cast<double>(SharedCount(a, b)) >= kSampleContainment * static_cast<double>(smaller);
}

// Pairs worth an exact comparison: all of them in a small story; else
// those where one article's sampled shingles mostly occur in the other.
std::vector<std::pair<std::size_t, std::size_t>> CandidatePairs(const std::vector<std::vector<std::uint64_t>>& sets) {
  std::vector<std::pair<std::size_t, std::size_t>> pairs;
  const std::size_t n = sets.size();
  if (n <= kExactPairs) {
    for (std::size_t i = 0; i < n; ++i) {
      for (std::size_t j = i + 1; j < n; ++j) pairs.emplace_back(i, j);
    }
    return pairs;
  }
  std::unordered_map<std::uint64_t, std::vector<std::uint32_t>> holders;
  std::vector<std::size_t> sampled(n, 0);
  for (std::size_t d = 0; d < n; ++d) {
    for (const std::uint64_t s : sets[d]) {
      holders[s].push_back(static_cast<std::uint32_t>(d));
      ++sampled[d];
    }
  }
  std::vector<std::size_t> count(n, 0);
  std::vector<std::uint32_t> touched;
  for (std::size_t d = 0; d < n; ++d) {
    if (sampled[d] == 0) continue;
    for (const std::uint64_t s : sets[d]) {
      for (const std::uint32_t other : holders[s]) {
        if (other == d) continue;
        if (count[other]++ == 0) touched.push_back(other);
      }
    }
    for (const std::uint32_t other : touched) {
      // Half of the sample: the exact test (kCopyContainment) decides.
      if (2 * count[other] >= sampled[d]) pairs.emplace_back(std::min<std::size_t>(d, other), std::max<std::size_t>(d, other));
      count[other] = 0;
    }
    touched.clear();
  }
  std::sort(pairs.begin(), pairs.end());
  pairs.erase(std::unique(pairs.begin(), pairs.end()), pairs.end());
  return pairs;
}

}  // namespace

std::vector<std::uint64_t> ShingleHashes(std::string_view text) { return Hashes(text); }

std::size_t SharedCount(const std::vector<std::uint64_t>& a, const std::vector<std::uint64_t>& b) {
  // Without a branch on the comparison: which list steps on is as random
  // as the hashes, and a mispredicted branch on every other step was most
  // of the time of comparing two articles.
  std::size_t shared = 0, i = 0, j = 0;
  while (i < a.size() && j < b.size()) {
    const std::uint64_t x = a[i], y = b[j];
    const auto step_a = static_cast<std::size_t>(x <= y), step_b = static_cast<std::size_t>(y <= x);
    shared += step_a & step_b;
    i += step_a;
    j += step_b;
  }
  return shared;
}

std::vector<std::size_t> FindCopies(const Story& story) {
  const std::size_t n = story.docs.size();
  std::vector<std::size_t> parent(n);
  std::iota(parent.begin(), parent.end(), 0);
  if (n < 2) return parent;
  // Pairs are proposed on samples of the 4-grams (cheap); the exact
  // containment is computed on the full sets of the proposed pairs only.
  // Each text is read once: its hashes are kept in text order, and sorted
  // only for the articles that the samples cannot rule out.
  std::vector<std::vector<std::uint64_t>> samples, sets(n);
  std::vector<bool> full(n, false);
  samples.reserve(n);
  for (std::size_t d = 0; d < n; ++d) {
    sets[d] = Hashes(story.docs[d].text);
    samples.push_back(Sample(sets[d]));
  }
  const auto exact = [&](std::size_t d) -> const std::vector<std::uint64_t>& {
    if (!full[d]) {
      SortUnique(&sets[d]);
      full[d] = true;
    }
    return sets[d];
  };

  // The original of a group: dated before undated, earlier date, then input order.
  const auto earlier = [&](std::size_t a, std::size_t b) {
    const std::string& da = story.docs[a].date;
    const std::string& db = story.docs[b].date;
    if (da.empty() != db.empty()) return !da.empty();
    if (da != db) return da < db;
    return a < b;
  };
  const auto find = [&](std::size_t d) {
    while (parent[d] != d) d = parent[d] = parent[parent[d]];
    return d;
  };
  std::vector<std::vector<std::uint64_t>> indexed;
  if (n > kExactPairs) {
    for (std::size_t d = 0; d < n; ++d) indexed.push_back(samples[d].size() >= kMinSample ? samples[d] : exact(d));
  }
  for (const auto& [a, b] : CandidatePairs(n > kExactPairs ? indexed : samples)) {
    if (!MayBeCopies(samples[a], samples[b])) continue;
    if (Containment(exact(a), exact(b)) < kCopyContainment) continue;
    const std::size_t ra = find(a), rb = find(b);
    if (ra == rb) continue;
    if (earlier(ra, rb)) {
      parent[rb] = ra;
    } else {
      parent[ra] = rb;
    }
  }
  std::vector<std::size_t> original(n);
  for (std::size_t d = 0; d < n; ++d) original[d] = find(d);
  return original;
}

}  // namespace precis::summarize::detail
