#include "eval/rouge/script_text.h"

#include <algorithm>

namespace precis::rouge::detail {

bool IsPerlSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

std::vector<std::string_view> PerlSplitWhitespace(std::string_view s) {
  std::vector<std::string_view> fields;
  std::size_t i = 0;
  const std::size_t n = s.size();
  std::size_t start = 0;
  while (i < n) {
    if (IsPerlSpace(s[i])) {
      fields.push_back(s.substr(start, i - start));
      while (i < n && IsPerlSpace(s[i])) ++i;
      start = i;
    } else {
      ++i;
    }
  }
  if (start < n) fields.push_back(s.substr(start));
  while (!fields.empty() && fields.back().empty()) fields.pop_back();
  return fields;
}

namespace {

std::string JoinFields(const std::vector<std::string_view>& fields, std::size_t count) {
  std::string out;
  for (std::size_t i = 0; i < count; ++i) {
    if (i > 0) out += ' ';
    out.append(fields[i]);
  }
  return out;
}

}  // namespace

std::string CutJoined(const std::vector<std::string>& units, LengthLimit limit) {
  std::string text;
  if (limit.words == 0 && limit.bytes == 0) {
    for (std::size_t i = 0; i < units.size(); ++i) {
      if (i > 0) text += ' ';
      text += units[i];
    }
    return text;
  }
  long used = 0;
  for (const std::string& unit : units) {
    if (limit.words != 0) {
      const std::vector<std::string_view> fields = PerlSplitWhitespace(unit);
      const long size = static_cast<long>(fields.size());
      if (used + size < limit.words) {
        if (used != 0) text += ' ';
        text += unit;
        used += size;
        continue;
      }
      if (used > 0) text += ' ';
      text += JoinFields(fields, static_cast<std::size_t>(limit.words - used));
      break;
    }
    const long size = static_cast<long>(unit.size());
    if (used + size < limit.bytes) {
      if (used != 0) text += ' ';
      text += unit;
      used += size;  // the joining spaces are not counted, as in the script
      continue;
    }
    if (used > 0) text += ' ';
    text.append(unit, 0, static_cast<std::size_t>(limit.bytes - used));
    break;
  }
  return text;
}

std::vector<std::string> CutUnits(const std::vector<std::string>& units, LengthLimit limit) {
  if (limit.words == 0 && limit.bytes == 0) return units;
  std::vector<std::string> out;
  long used = 0;
  for (const std::string& unit : units) {
    if (limit.words != 0) {
      const std::vector<std::string_view> fields = PerlSplitWhitespace(unit);
      const long size = static_cast<long>(fields.size());
      if (used + size < limit.words) {
        used += size;
        out.push_back(unit);
        continue;
      }
      out.push_back(JoinFields(fields, static_cast<std::size_t>(limit.words - used)));
      break;
    }
    // The script never adds to its byte counter here, so each unit is
    // compared with the whole limit on its own.
    if (static_cast<long>(unit.size()) < limit.bytes) {
      out.push_back(unit);
      continue;
    }
    out.push_back(unit.substr(0, static_cast<std::size_t>(limit.bytes)));
    break;
  }
  return out;
}

}  // namespace precis::rouge::detail
