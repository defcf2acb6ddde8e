#include "clean/text_util.h"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <cstdint>
#include <cstring>

#include "common/ascii.h"
#include "common/swar.h"

namespace precis::clean_internal {
namespace {

// Writes `c` as UTF-8 into `buffer`; returns its length, 0 when `c` is no code point.
std::size_t EncodeUtf8(UChar32 c, char (&buffer)[4]) {
  int32_t length = 0;
  UBool error = false;
  U8_APPEND(reinterpret_cast<uint8_t*>(buffer), length, 4, c, error);
  return error ? 0 : static_cast<std::size_t>(length);
}

bool IsSpace(UChar32 c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v' || c == 0xA0 || c == 0x2007 ||
         c == 0x202F || c == 0x200B || c == 0x200C || c == 0x200D || c == 0xFEFF || c == 0x2060 ||
         (c >= 0x2000 && c <= 0x200A) || c == 0x3000 || c == 0x1680;
}

using internal::kAsciiLowerAlnum;

// True when CollapseSpace would return `text` as it is: no space at either
// end, no two in a row, and no space character other than ' '.
bool IsCollapsed(std::string_view text) {
  const auto* s = reinterpret_cast<const uint8_t*>(text.data());
  const auto length = static_cast<int32_t>(text.size());
  bool after_space = true;  // a leading space is collapsed
  for (int32_t i = 0; i < length;) {
    // Eight bytes at once while they are printable ASCII: then only a
    // doubled space (within them, or after the byte before) can be wrong.
    if (i + 8 <= length) {
      const std::uint64_t v = internal::Load8(text.data() + i);
      if ((v & internal::kHighs) == 0 && internal::AnyBelow(v, ' ') == 0) {
        const std::uint64_t spaces = internal::BytesEqual(v, ' ');
        if ((spaces & (spaces << 8 | (after_space ? 0x80 : 0))) != 0) return false;
        after_space = (spaces >> 63) != 0;
        i += 8;
        continue;
      }
    }
    if (s[i] >= 0x80) {
      UChar32 c = 0;
      U8_NEXT(s, i, length, c);
      if (c >= 0 && IsSpace(c)) return false;
      after_space = false;
      continue;
    }
    const uint8_t byte = s[i++];
    if (byte > ' ') {
      after_space = false;
    } else if (byte == ' ') {
      if (after_space) return false;
      after_space = true;
    } else if (IsSpace(byte)) {
      return false;
    } else {
      after_space = false;
    }
  }
  return length == 0 || !after_space;
}

}  // namespace

WordList::WordList(std::string_view text) {
  // The key is written in place: a byte of ASCII text adds at most one byte
  // to it (its letter, or the space after a word), so only a lower-case
  // letter longer than its capital (rare) makes it outgrow the text.
  std::size_t out = 0;
  key_.resize(text.size());
  starts_.reserve(text.size() / 6 + 1);  // about one word per six bytes of news text
  bool in_word = false;
  const auto* s = reinterpret_cast<const uint8_t*>(text.data());
  const auto length = static_cast<int32_t>(text.size());
  for (int32_t i = 0; i < length;) {
    const uint8_t byte = s[i];
    if (byte < 0x80) {
      // Every byte writes its letter or a space, and the space after a word
      // is kept (the first of a run; a trailing one is dropped below): one
      // branch per word, at its start, instead of a loop that exits where
      // each word ends, which no predictor guesses.
      const char lower = kAsciiLowerAlnum[byte];
      const bool word = lower != 0;
      if (word && !in_word) starts_.push_back(out);
      key_[out] = word ? lower : ' ';
      out += (word || in_word) ? 1 : 0;
      in_word = word;
      ++i;
      continue;
    }
    UChar32 c = 0;
    U8_NEXT(s, i, length, c);
    if (c >= 0 && u_isalnum(c)) {
      char buffer[4];
      const std::size_t size = EncodeUtf8(u_tolower(c), buffer);
      if (size == 0) continue;  // not encodable: as if absent
      if (!in_word) starts_.push_back(out);
      in_word = true;
      // Room for this letter and one byte for each byte still to read.
      key_.resize(std::max(key_.size(), out + size + static_cast<std::size_t>(length - i)));
      std::memcpy(key_.data() + out, buffer, size);
      out += size;
    } else if (in_word) {
      key_[out++] = ' ';
      in_word = false;
    }
  }
  if (!in_word && out > 0) --out;  // the space after the last word
  key_.resize(out);
}

std::string Key(std::string_view text) { return WordList(text).key(); }

std::string_view TrimSpace(std::string_view text) {
  const auto* s = reinterpret_cast<const uint8_t*>(text.data());
  auto length = static_cast<int32_t>(text.size());
  int32_t begin = 0;
  while (begin < length) {
    int32_t next = begin;
    UChar32 c = 0;
    U8_NEXT(s, next, length, c);
    if (c < 0 || !IsSpace(c)) break;
    begin = next;
  }
  int32_t end = length;
  while (end > begin) {
    int32_t previous = end;
    UChar32 c = 0;
    U8_PREV(s, 0, previous, c);
    if (c < 0 || !IsSpace(c)) break;
    end = previous;
  }
  return text.substr(static_cast<std::size_t>(begin), static_cast<std::size_t>(end - begin));
}

namespace {

// Length of the valid UTF-8 prefix of `text` (ASCII eight bytes at a time).
std::size_t ValidPrefix(std::string_view text) {
  const auto* s = reinterpret_cast<const uint8_t*>(text.data());
  const std::size_t n = text.size();
  std::size_t i = 0;
  while (i < n) {
    if (i + 8 <= n) {
      if ((internal::Load8(text.data() + i) & internal::kHighs) == 0) {
        i += 8;
        continue;
      }
    }
    if (s[i] < 0x80) {
      ++i;
      continue;
    }
    int32_t next = static_cast<int32_t>(i);
    UChar32 c = 0;
    U8_NEXT(s, next, static_cast<int32_t>(std::min<std::size_t>(n, INT32_MAX)), c);
    if (c < 0) return i;
    i = static_cast<std::size_t>(next);
  }
  return n;
}

}  // namespace

bool IsValidUtf8(std::string_view text) { return ValidPrefix(text) == text.size(); }

std::string ValidUtf8(std::string_view text) {
  if (IsValidUtf8(text)) return std::string(text);
  std::string out;
  out.reserve(text.size());
  const auto* s = reinterpret_cast<const uint8_t*>(text.data());
  const auto length = static_cast<int32_t>(text.size());
  for (int32_t i = 0; i < length;) {
    if (s[i] < 0x80) {
      out.push_back(static_cast<char>(s[i++]));
      continue;
    }
    const int32_t start = i;
    UChar32 c = 0;
    U8_NEXT(s, i, length, c);
    if (c < 0) {
      out.append("\xEF\xBF\xBD");
    } else {
      out.append(text.substr(static_cast<std::size_t>(start), static_cast<std::size_t>(i - start)));
    }
  }
  return out;
}

std::string CollapseSpace(std::string_view text) {
  // Most lines need no change: one check, one copy.
  if (IsCollapsed(text)) return std::string(text);
  std::string out;
  out.reserve(text.size());
  const auto* s = reinterpret_cast<const uint8_t*>(text.data());
  const auto length = static_cast<int32_t>(text.size());
  bool pending_space = false;
  for (int32_t i = 0; i < length;) {
    // Fast path: a run of ASCII bytes that are not spaces is copied at once.
    int32_t run = i;
    while (run < length && s[run] < 0x80 && s[run] > ' ') ++run;
    if (run > i) {
      if (pending_space) out.push_back(' ');
      pending_space = false;
      out.append(text.data() + i, static_cast<std::size_t>(run - i));
      i = run;
      continue;
    }
    const int32_t start = i;
    UChar32 c = 0;
    if (s[i] < 0x80) {
      c = s[i++];
    } else {
      U8_NEXT(s, i, length, c);
    }
    if (c >= 0 && IsSpace(c)) {
      pending_space = !out.empty();
      continue;
    }
    if (pending_space) out.push_back(' ');
    pending_space = false;
    out.append(text.substr(static_cast<std::size_t>(start), static_cast<std::size_t>(i - start)));
  }
  return out;
}

std::string StripWireCodes(std::string_view text) {
  std::string out;
  std::size_t copied = 0;
  for (std::size_t at = text.find('&'); at != std::string_view::npos; at = text.find('&', at + 1)) {
    if (at + 4 > text.size() || text[at + 3] != ';') continue;
    const char a = text[at + 1], b = text[at + 2];
    if (a < 'A' || a > 'Z' || b < 'A' || b > 'Z' || (b == 'T' && (a == 'G' || a == 'L'))) continue;
    out.append(text.substr(copied, at - copied));
    out.push_back(' ');
    copied = at + 4;
  }
  if (copied == 0) return std::string(text);
  out.append(text.substr(copied));
  return out;
}

}  // namespace precis::clean_internal
