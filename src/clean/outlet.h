// Who published an article, from what its text and metadata say: the
// outlet in a source line ("Source: Al Jazeera and news agencies"), in a
// dateline ("MOSCOW (AA) – ..."), in a title's site suffix ("... | Reuters")
// or in its URL's domain. The clean stage ranks these signals (clean.cc);
// these functions only read one signal each.
#pragma once

#include <string>
#include <string_view>

namespace precis::clean_internal {

// The host of a URL without "www." and similar prefixes ("aljazeera.com");
// empty when `url` has no scheme.
std::string DomainOf(std::string_view url);

// The outlet a source line credits: "Source: Al Jazeera and news agencies"
// -> "Al Jazeera"; "Sources: Reuters, AFP" -> "Reuters". Empty when the line
// is no source line or credits no outlet (a photo, "news agencies" only).
std::string SourceLineOutlet(std::string_view line);

// The outlet in the dateline a paragraph opens with: "MOSCOW (AA) – ..."
// -> "AA", "WASHINGTON, Oct 7 (Reuters) - ..." -> "Reuters". Empty when the
// paragraph has no dateline or its parentheses hold no outlet name
// ("(AP Photo)", "(UPDATED)").
std::string DatelineOutlet(std::string_view paragraph);

struct TitleSuffix {
  std::string title;   // the title without the suffix (the whole title when none was cut)
  std::string outlet;  // the outlet the cut suffix names, empty when it was a section word
};

// Cuts a site suffix off a title: the last segment after " - ", " | ",
// " – " or " — ", when it is short (1-4 words), the rest is long enough to
// be a title (3 words or more), and the segment is a section word ("News",
// "World News") or names the outlet: the one already known (`known`), the
// one of the URL's domain, or, when neither is known, a name that looks
// like an outlet's. Cuts again while a suffix remains ("X - World - Reuters").
TitleSuffix CutSiteSuffix(std::string_view title, std::string_view known, std::string_view domain);

}  // namespace precis::clean_internal
