#include "eval/rouge/perl_random.h"

#include <gtest/gtest.h>

namespace precis::rouge::detail {
namespace {

// Reference values printed by perl 5.36:
//   perl -e 'for $s (0,1,2,999) { srand($s); print int(rand(265)), " ", rand(), "\n" }'
TEST(PerlRandom, ReplaysPerlSrandAndRand) {
  struct Expected {
    std::uint32_t seed;
    std::size_t index;
    double next;
  };
  for (const Expected& e : {Expected{0, 45, 0.749901980484964}, Expected{1, 11, 0.454492444728629},
                            Expected{2, 241, 0.159082908972294}, Expected{999, 27, 0.635775759906636}}) {
    PerlRandom random(e.seed);
    EXPECT_EQ(random.NextIndex(265), e.index) << "seed " << e.seed;
    EXPECT_NEAR(random.Next(), e.next, 1e-15) << "seed " << e.seed;
  }
}

}  // namespace
}  // namespace precis::rouge::detail
