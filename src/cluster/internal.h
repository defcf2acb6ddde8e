// Internal: the copy detection of the stream clusterer, shared by the
// analyzer (samples) and the clusterer (index).
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace precis::cluster::internal {

// Articles with fewer 4-grams are copies only of the very same text (a
// shared quote or lead is not a copy), as in summarize/copies.h.
inline constexpr std::size_t kMinShingles = 15;
// Up to this many 4-grams an article keeps them all; beyond, a sample.
inline constexpr std::size_t kFullSetBelow = 64;

// The 4-gram hashes an article keeps, sorted and unique: all of them for a
// short article, else those whose hash has its top two bits 0 (the same ones
// in every article, so a copy's sample is in its original's).
std::vector<std::uint64_t> SampleShingles(std::vector<std::uint64_t> hashes);

// The sampled part of a full set (the hashes a long article would keep).
bool Sampled(std::uint64_t hash);

}  // namespace precis::cluster::internal
