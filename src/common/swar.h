// Byte tests on eight bytes at once (SWAR: SIMD within a register), for the
// scanners that skip over plain ASCII text.
#pragma once

#include <bit>
#include <cstdint>
#include <cstddef>
#include <cstring>
#include <string_view>

namespace precis::internal {

// Which byte of a load is first, and so which way "the previous byte" shifts,
// is written for little-endian targets.
static_assert(std::endian::native == std::endian::little, "the SWAR scanners assume a little-endian target");

constexpr std::uint64_t kOnes = 0x0101010101010101ull;
constexpr std::uint64_t kHighs = 0x8080808080808080ull;

// The eight bytes at p, the first in the lowest byte on this (little-endian) target.
inline std::uint64_t Load8(const char* p) {
  std::uint64_t v = 0;
  std::memcpy(&v, p, 8);
  return v;
}
// Nonzero when some byte of v is below n (n <= 128).
inline std::uint64_t AnyBelow(std::uint64_t v, std::uint8_t n) { return (v - kOnes * n) & ~v & kHighs; }
// Nonzero when some byte of v equals b.
inline std::uint64_t AnyEqual(std::uint64_t v, std::uint8_t b) { return AnyBelow(v ^ (kOnes * b), 1); }
// 0x80 in each byte of v that equals b, 0 in the others. Exact, unlike
// AnyEqual's bits: no borrow runs from one byte into the next.
inline std::uint64_t BytesEqual(std::uint64_t v, std::uint8_t b) {
  const std::uint64_t x = v ^ (kOnes * b);
  return ~(((x & ~kHighs) + ~kHighs) | x) & kHighs;
}

// 0x80 in each byte of v that is not an ASCII letter, 0 in the others.
// Exact: with bit 5 set (capitals folded onto small letters), a letter lies
// in 0x61..0x7A; the two additions on the low seven bits carry into no
// other byte.
inline std::uint64_t NotAsciiLetter(std::uint64_t v) {
  const std::uint64_t x = v | (kOnes * 0x20);
  const std::uint64_t low = x & ~kHighs;
  const std::uint64_t from_a = low + kOnes * (0x80 - 'a');        // high bit: >= 'a'
  const std::uint64_t past_z = low + kOnes * (0x80 - ('z' + 1));  // high bit: > 'z'
  return ~(from_a & ~past_z & ~x) & kHighs;
}

// The end of the run of ASCII letters of s from i: eight bytes at a time,
// so that the end of a word costs no mispredicted branch (for the scanners
// that walk every word of every sentence).
inline std::size_t AsciiLetterRunEnd(std::string_view s, std::size_t i) {
  while (i + 8 <= s.size()) {
    const std::uint64_t stop = NotAsciiLetter(Load8(s.data() + i));
    if (stop != 0) return i + static_cast<std::size_t>(std::countr_zero(stop)) / 8;
    i += 8;
  }
  while (i < s.size() && (static_cast<unsigned>(static_cast<unsigned char>(s[i])) | 0x20u) - 'a' < 26u) ++i;
  return i;
}

// The first byte b of s at or after i, or s.size(): eight bytes at a time,
// for the word splitters (a short word's end then costs no mispredicted
// branch).
inline std::size_t FindByte(std::string_view s, std::size_t i, char b) {
  const auto byte = static_cast<std::uint8_t>(b);
  while (i + 8 <= s.size()) {
    const std::uint64_t hit = BytesEqual(Load8(s.data() + i), byte);
    if (hit != 0) return i + static_cast<std::size_t>(std::countr_zero(hit)) / 8;
    i += 8;
  }
  while (i < s.size() && s[i] != b) ++i;
  return i;
}

}  // namespace precis::internal
