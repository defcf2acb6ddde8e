// Byte tests on eight bytes at once (SWAR: SIMD within a register), for the
// scanners that skip over plain ASCII text.
#pragma once

#include <bit>
#include <cstdint>
#include <cstring>

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

}  // namespace precis::internal
