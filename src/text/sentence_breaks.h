// Internal: the sentence breaks ICU's break iterator for "en@ss=standard"
// gives, found without ICU in lines of plain ASCII.
//
// Why: ICU's rule engine walks every UTF-16 unit through a state table and a
// break cache; it was the largest single cost of building a story's model.
// News text is nearly all ASCII, and in ASCII the Unicode sentence rules
// (UAX #29) reduce to a few byte classes; the abbreviations after which the
// "ss=standard" filter suppresses a break are read from ICU's own data, so
// both paths follow one list. The result must equal ICU's break for break:
// tests/text/sentence_breaks_test.cc holds the two against each other.
#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

namespace precis::text {

// Appends to `out` the byte offsets of the sentence breaks inside `line`, in
// increasing order, none at 0 nor at line.size(): what ICU's filtered
// sentence break iterator would give. Returns false, appending nothing, when
// the line holds a byte outside printable ASCII and tab, or ICU's list of
// English abbreviations could not be read: ICU must be asked then.
bool AsciiSentenceBreaks(std::string_view line, std::vector<std::size_t>* out);

}  // namespace precis::text
