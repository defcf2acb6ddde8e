#include "common/swar.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <string>

namespace precis::internal {
namespace {

bool IsAsciiLetter(unsigned char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

// Every byte value in every lane, beside letters and beside non-letters:
// a carry or a borrow between lanes would show as a wrong neighbour.
TEST(SwarTest, NotAsciiLetterMarksExactlyTheOtherBytes) {
  for (const char filler : {'a', 'Z', ' ', '\xFF', '\x80', '@', '['}) {
    for (int b = 0; b < 256; ++b) {
      for (int lane = 0; lane < 8; ++lane) {
        std::string bytes(8, filler);
        bytes[static_cast<std::size_t>(lane)] = static_cast<char>(b);
        const std::uint64_t mask = NotAsciiLetter(Load8(bytes.data()));
        for (int k = 0; k < 8; ++k) {
          const bool marked = ((mask >> (8 * k + 7)) & 1u) != 0;
          EXPECT_EQ(marked, !IsAsciiLetter(static_cast<unsigned char>(bytes[static_cast<std::size_t>(k)])))
              << "byte " << b << " in lane " << lane << ", filler " << static_cast<int>(static_cast<unsigned char>(filler))
              << ", lane " << k;
          EXPECT_EQ(mask & ~(std::uint64_t{0x80} << (8 * k)) & (std::uint64_t{0xFF} << (8 * k)), 0u);
        }
      }
    }
  }
}

TEST(SwarTest, AsciiLetterRunEndStopsAtTheFirstOtherByte) {
  const std::string text = "Quotation marks, \xE2\x80\x9C" "abcdefghijklmnopq\xE2\x80\x9D" " and a-b 12 xyz";
  for (std::size_t i = 0; i <= text.size(); ++i) {
    std::size_t end = i;
    while (end < text.size() && IsAsciiLetter(static_cast<unsigned char>(text[end]))) ++end;
    EXPECT_EQ(AsciiLetterRunEnd(text, i), end) << "from " << i;
  }
  EXPECT_EQ(AsciiLetterRunEnd("", 0), 0u);
  EXPECT_EQ(AsciiLetterRunEnd("abcdefghijklmnopqrstuvwxyz", 3), 26u);
}

TEST(SwarTest, FindByteFindsTheFirstAtOrAfterTheStart) {
  const std::string text = "one  twentyseven\xA0letters, then\x20the end";
  for (std::size_t i = 0; i <= text.size(); ++i) {
    EXPECT_EQ(FindByte(text, i, ' '), std::min(text.find(' ', i), text.size())) << "from " << i;
    EXPECT_EQ(FindByte(text, i, '\xA0'), std::min(text.find('\xA0', i), text.size())) << "from " << i;
  }
  EXPECT_EQ(FindByte("", 0, ' '), 0u);
}

}  // namespace
}  // namespace precis::internal
