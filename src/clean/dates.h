// Recognising dates in text and metadata.
#pragma once

#include <string>
#include <string_view>

#include "clean/lexicon.h"

namespace precis::clean_internal {

struct DateLine {
  bool is_date = false;  // the whole line is a date (with optional time, weekday, "Updated")
  bool has_time = false; // it also gives a time of day ("14:19")
  std::string iso;       // YYYY-MM-DD
};

// Whether `line` is nothing but a date, as on a dateline: "21 Oct, 2021 14:19",
// "May 23, 2024", "Updated: Thursday, October 21, 2021", "2021-10-21".
DateLine ParseDateLine(std::string_view line, const Lexicon& lexicon);

// A date from metadata ("2021-10-21T14:19:00Z", "October 21, 2021") as
// YYYY-MM-DD, or "" when it cannot be read.
std::string NormalizeDate(std::string_view text);

}  // namespace precis::clean_internal
