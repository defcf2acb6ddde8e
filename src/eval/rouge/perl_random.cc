#include "eval/rouge/perl_random.h"

namespace precis::rouge::detail {

double PerlRandom::Next() {
  constexpr std::uint64_t kMultiplier = 0x5DEECE66DULL;
  constexpr std::uint64_t kIncrement = 0xB;
  constexpr std::uint64_t kMask = (std::uint64_t{1} << 48) - 1;
  state_ = (state_ * kMultiplier + kIncrement) & kMask;
  return static_cast<double>(state_) * 0x1p-48;  // exact: same value as ldexp(state, -48)
}

}  // namespace precis::rouge::detail
