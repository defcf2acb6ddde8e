// Perl's built-in random number generator (perl >= 5.20), so that the
// bootstrap of ROUGE-1.5.5.pl can be replayed draw for draw.
//
// Perl implements drand48 itself: a 48-bit linear congruential generator
// seeded by srand(seed) as (seed << 16) + 0x330E, and rand(n) = n * drand48().
#pragma once

#include <cstdint>

namespace precis::rouge::detail {

class PerlRandom {
 public:
  explicit PerlRandom(std::uint32_t seed) : state_((std::uint64_t{seed} << 16) + 0x330E) {}
  // rand() in [0, 1).
  double Next();
  // int(rand(n)).
  std::size_t NextIndex(std::size_t n) { return static_cast<std::size_t>(static_cast<double>(n) * Next()); }

 private:
  std::uint64_t state_;
};

}  // namespace precis::rouge::detail
