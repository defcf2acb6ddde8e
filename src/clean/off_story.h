// Sections of an article that belong to another story. A news page often
// runs a second, unrelated story below a heading ("Meanwhile, in Tokyo ...");
// extraction keeps it, because it is article text, but a brief of this story
// must not quote it. This needs the whole story: a section is off the story
// when few of its words occur in any other article of it, far fewer than in
// the same article's opening section.
#pragma once

#include <vector>

#include "precis/clean.h"

namespace precis::clean_internal {

// For each document, for each of its paragraphs: true when the paragraph is
// a body paragraph of an off-story section (the paragraphs after a heading up
// to the next heading). The opening section (before any heading) is never
// off the story; nothing is marked in stories of fewer than three articles
// with text, where "the other articles" say too little.
std::vector<std::vector<bool>> OffStorySections(const std::vector<CleanedDocument>& docs);

}  // namespace precis::clean_internal
