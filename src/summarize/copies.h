// Internal: articles that are copies of one another (syndicated wire copy,
// a page scraped twice, the same file given twice).
//
// Two articles are copies when at least kCopyContainment of the shorter
// one's word 4-grams occur in the other (a text of fewer than 15 4-grams:
// when both are the same). The original of a group is its
// earliest dated article, else the first given; a copy counts once, as its
// original, wherever support is counted.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "precis/document.h"

namespace precis::summarize::detail {

inline constexpr double kCopyContainment = 0.8;

// For each document: the index of the document it copies, or its own index.
// Candidates are found through bottom-k sketches of the 4-gram hashes, so
// the cost grows with the number of documents, not with its square.
std::vector<std::size_t> FindCopies(const Story& story);

// Hashes of the word 4-grams of `text`, in text order (also read by the
// stream clusterer's copy detection, src/cluster).
std::vector<std::uint64_t> ShingleHashes(std::string_view text);

// How many hashes two sorted, unique lists share.
std::size_t SharedCount(const std::vector<std::uint64_t>& a, const std::vector<std::uint64_t>& b);

}  // namespace precis::summarize::detail
