// Dense numbering of keys (0, 1, 2, ... in insertion order) in flat
// open-addressing tables. std::unordered_map allocates a node per key and
// walks a bucket list per lookup; these tables are probed once per word or
// bigram of every story, where that cost showed in profiles.
#pragma once

#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace precis::internal {

// Short keys are compared as the integers their bytes make with overlapping
// loads, which spell the key exactly only on little-endian targets.
static_assert(std::endian::native == std::endian::little, "DenseStringIds assumes a little-endian target");


// Numbers 64-bit keys (the model builder's stem bigrams).
class DenseIds {
 public:
  // Forgets every key; the table shrinks back when it was sized for many more keys.
  void Clear();
  // The number of `key`; a new key gets size() and sets *inserted.
  std::uint32_t Insert(std::uint64_t key, bool* inserted);
  // Starts loading the slot where Insert(key) begins its search: a caller
  // with several keys at hand prefetches them all first, so that the cache
  // misses of a large table overlap instead of coming one after another.
  void Prefetch(std::uint64_t key) const {
    if (!slots_.empty()) __builtin_prefetch(&slots_[Home(key) & (slots_.size() - 1)]);
  }
  std::size_t size() const { return size_; }

 private:
  struct Slot {
    std::uint64_t key = 0;
    std::uint32_t id = 0;
    bool used = false;
  };
  // Fibonacci hashing: the high bits of key * 2^64 / phi.
  static std::size_t Home(std::uint64_t key) { return static_cast<std::size_t>((key * 0x9E3779B97F4A7C15ull) >> 32); }
  void Grow();
  std::vector<Slot> slots_;
  std::size_t size_ = 0;
};

// Numbers strings (stems, lexicon words). The strings are kept end to end
// in one buffer, so a new one costs no allocation of its own.
class DenseStringIds {
 public:
  void Clear();
  std::uint32_t Insert(std::string_view key, bool* inserted);
  // The number of `key`, or -1 when it has none.
  std::int64_t Find(std::string_view key) const;
  std::size_t size() const { return spans_.size(); }

 private:
  struct Slot {
    std::uint32_t hash = 0;
    std::uint32_t id_plus_one = 0;  // 0: empty
  };
  // The first and the last eight bytes of a key (overlapping, or the first
  // zero-padded and the last zero for a key under eight bytes): with its
  // length, all of a key of up to 16 bytes, as nearly all words are. Keys
  // are hashed and compared by them, without a call to memcmp.
  struct Ends {
    std::uint64_t head = 0, tail = 0;
    bool operator==(const Ends&) const = default;
  };
  struct Span {
    std::size_t offset = 0, length = 0;  // in text_
    Ends ends;
  };
  static Ends EndsOf(std::string_view key);
  static std::uint32_t Hash(std::size_t length, const Ends& ends);
  bool Matches(std::uint32_t id, std::string_view key, const Ends& ends) const {
    const Span& span = spans_[id];
    return span.length == key.size() && span.ends == ends &&
           (key.size() <= 16 || std::memcmp(text_.data() + span.offset + 8, key.data() + 8, key.size() - 16) == 0);
  }
  // The slot holding `key`, or the empty slot where it would go.
  std::size_t Probe(std::string_view key, const Ends& ends, std::uint32_t hash) const;
  void Grow();
  std::string text_;
  std::vector<Span> spans_;  // per id
  std::vector<Slot> slots_;  // a power of two, at most half full
};

// Inline: the lexicon looks up every word of every line.
inline DenseStringIds::Ends DenseStringIds::EndsOf(std::string_view key) {
  Ends ends;
  if (key.size() >= 8) {
    std::memcpy(&ends.head, key.data(), 8);
    std::memcpy(&ends.tail, key.data() + key.size() - 8, 8);
  } else if (key.size() >= 4) {
    // Two loads that overlap where the key is shorter than eight bytes
    // (the bytes they share are the same): no loop over the bytes, whose
    // exit no branch predictor guesses for words of every length.
    std::uint32_t first = 0, last = 0;
    std::memcpy(&first, key.data(), 4);
    std::memcpy(&last, key.data() + key.size() - 4, 4);
    ends.head = first | std::uint64_t{last} << (8 * (key.size() - 4));
  } else if (!key.empty()) {
    // The first, middle and last bytes: all of a key of one to three.
    const auto byte = [&](std::size_t i) { return std::uint64_t{static_cast<unsigned char>(key[i])} << (8 * i); };
    ends.head = byte(0) | byte(key.size() / 2) | byte(key.size() - 1);
  }
  return ends;
}

inline std::uint32_t DenseStringIds::Hash(std::size_t length, const Ends& ends) {
  // The ends and the length, multiplied and folded: constant time for words.
  std::uint64_t h = (ends.head ^ length) * 0x9E3779B97F4A7C15ull;
  h ^= ends.tail * 0xC2B2AE3D27D4EB4Full;
  h ^= h >> 29;
  h *= 0x165667B19E3779F9ull;
  return static_cast<std::uint32_t>(h >> 32);
}

inline std::size_t DenseStringIds::Probe(std::string_view key, const Ends& ends, std::uint32_t hash) const {
  const std::size_t mask = slots_.size() - 1;
  std::size_t i = hash & mask;
  for (; slots_[i].id_plus_one != 0; i = (i + 1) & mask) {
    if (slots_[i].hash == hash && Matches(slots_[i].id_plus_one - 1, key, ends)) break;
  }
  return i;
}

inline std::int64_t DenseStringIds::Find(std::string_view key) const {
  if (slots_.empty()) return -1;
  const Ends ends = EndsOf(key);
  const Slot& slot = slots_[Probe(key, ends, Hash(key.size(), ends))];
  return static_cast<std::int64_t>(slot.id_plus_one) - 1;
}

}  // namespace precis::internal
