// Byte classes of ASCII text by table: one load per byte where a chain of
// range tests costs several compares and branches in the word scanners.
#pragma once

#include <array>
#include <cstddef>

namespace precis::internal {

// Per byte: its lower-case form when it is an ASCII letter or digit, else 0.
inline constexpr std::array<char, 256> kAsciiLowerAlnum = [] {
  std::array<char, 256> table{};
  for (int c = '0'; c <= '9'; ++c) table[static_cast<std::size_t>(c)] = static_cast<char>(c);
  for (int c = 'a'; c <= 'z'; ++c) table[static_cast<std::size_t>(c)] = static_cast<char>(c);
  for (int c = 'A'; c <= 'Z'; ++c) table[static_cast<std::size_t>(c)] = static_cast<char>(c - 'A' + 'a');
  return table;
}();

}  // namespace precis::internal
