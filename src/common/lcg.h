// A small deterministic random generator for generated inputs (tests and
// benchmarks). No std:: distributions: their output may differ between
// standard libraries, and generated inputs must be the same everywhere.
#pragma once

#include <cstdint>

namespace precis {

// Knuth's MMIX linear congruential generator; the high bits are the good ones.
class Lcg {
 public:
  explicit Lcg(std::uint64_t seed) : state_(seed) {}

  // A number in [0, bound); `bound` must not be 0.
  std::uint32_t Next(std::uint32_t bound) {
    state_ = state_ * 6364136223846793005ULL + 1442695040888963407ULL;
    return static_cast<std::uint32_t>(state_ >> 33) % bound;
  }

 private:
  std::uint64_t state_;
};

}  // namespace precis
