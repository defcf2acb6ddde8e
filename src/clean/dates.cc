#include "clean/dates.h"

#include <cctype>
#include <charconv>
#include <cstdio>

#include "clean/text_util.h"

namespace precis::clean_internal {
namespace {

bool AllDigits(std::string_view s) {
  if (s.empty()) return false;
  for (const char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

// The value of a short run of ASCII digits (too short to overflow).
int Number(std::string_view digits) {
  int value = 0;
  std::from_chars(digits.data(), digits.data() + digits.size(), value);
  return value;
}

// "21st" -> 21; -1 when not a day ordinal.
int Ordinal(std::string_view s) {
  if (s.size() < 3 || s.size() > 4) return -1;
  const std::string_view suffix = s.substr(s.size() - 2);
  if (suffix != "st" && suffix != "nd" && suffix != "rd" && suffix != "th") return -1;
  const std::string_view digits = s.substr(0, s.size() - 2);
  return AllDigits(digits) ? Number(digits) : -1;
}

bool HasTime(std::string_view text) {
  for (std::size_t i = 1; i + 2 < text.size(); ++i) {
    if (text[i] == ':' && std::isdigit(static_cast<unsigned char>(text[i - 1])) &&
        std::isdigit(static_cast<unsigned char>(text[i + 1])) && std::isdigit(static_cast<unsigned char>(text[i + 2]))) {
      return true;
    }
  }
  return false;
}

std::string Iso(int year, int month, int day) {
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02d", year, month, day);
  return buffer;
}

// YYYY-MM-DD (or YYYY/MM/DD) at the start of `text`.
bool LeadingIsoDate(std::string_view text, int* year, int* month, int* day) {
  if (text.size() < 10) return false;
  for (const std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) {
    if (!std::isdigit(static_cast<unsigned char>(text[i]))) return false;
  }
  if ((text[4] != '-' && text[4] != '/') || text[7] != text[4]) return false;
  *year = std::stoi(std::string(text.substr(0, 4)));
  *month = std::stoi(std::string(text.substr(5, 2)));
  *day = std::stoi(std::string(text.substr(8, 2)));
  return *year >= 1900 && *year <= 2100 && *month >= 1 && *month <= 12 && *day >= 1 && *day <= 31;
}

}  // namespace

DateLine ParseDateLine(std::string_view line, const Lexicon& lexicon) {
  DateLine result;
  const std::string_view trimmed = TrimSpace(line);
  if (trimmed.size() > 80) return result;
  int year = 0, month = 0, day = 0;
  if (LeadingIsoDate(trimmed, &year, &month, &day)) {
    const WordList rest(trimmed.substr(10));
    bool only_time = true;
    for (std::size_t i = 0; i < rest.size(); ++i) {
      const std::string_view w = rest[i];
      only_time = only_time && (AllDigits(w) || lexicon.IsDateWord(w) || w == "t" || w == "z");
    }
    if (!only_time) return result;
    result.is_date = true;
    result.has_time = HasTime(trimmed);
    result.iso = Iso(year, month, day);
    return result;
  }
  const WordList words(trimmed);
  if (words.empty() || words.size() > 10) return result;
  bool after_colon_time = false;
  for (std::size_t i = 0; i < words.size(); ++i) {
    const std::string_view w = words[i];
    if (const int m = lexicon.Month(w); m != 0 && month == 0) {
      month = m;
      continue;
    }
    if (lexicon.IsDateWord(w)) continue;
    if (const int o = Ordinal(w); o >= 1 && o <= 31) {
      if (day == 0) day = o;
      continue;
    }
    if (!AllDigits(w) || w.size() > 4) return result;
    const int value = Number(w);
    if (w.size() == 4) {
      if (value < 1900 || value > 2100 || year != 0) return result;
      year = value;
    } else if (day == 0 && value >= 1 && value <= 31 && !after_colon_time) {
      day = value;
    }
    // Numbers after the day (hours, minutes) are parts of a time.
    after_colon_time = day != 0 && year != 0;
  }
  if (year == 0 || month == 0 || day == 0) return result;
  result.is_date = true;
  result.has_time = HasTime(trimmed);
  result.iso = Iso(year, month, day);
  return result;
}

std::string NormalizeDate(std::string_view text) {
  const std::string_view trimmed = TrimSpace(text);
  int year = 0, month = 0, day = 0;
  if (LeadingIsoDate(trimmed, &year, &month, &day)) return Iso(year, month, day);
  const DateLine line = ParseDateLine(trimmed, Lexicon::BuiltIn("en"));
  return line.is_date ? line.iso : std::string();
}

}  // namespace precis::clean_internal
