// Internal: facts that the articles of a story report with different
// values (precis::summarize::Disagreement).
//
// Two sentences of different articles state the same fact when each holds
// much of the other's fact keys (CitationFinder::Coverage). Between such
// sentences, a disagreement is:
// - a number: the same thing counted (NumberSlot::what) with other values,
//   neither given as approximate, and not an update (every article giving
//   one value published after every article giving the other);
// - a day: each names one weekday, and they differ (the sentences must
//   agree closely: two events of one story often fall on two days);
// - a speaker: the same quotation, said by two different named people (the
//   attribution may sit in the next sentence).
// A false disagreement misleads more than a missed one does: every rule
// leans towards staying silent.
#pragma once

#include <vector>

#include "precis/document.h"
#include "precis/summarize.h"
#include "summarize/citations.h"
#include "summarize/model.h"

namespace precis::summarize::detail {

// `finder` must be prepared for `model`, built from `story`.
std::vector<Disagreement> FindDisagreements(const Story& story, const StoryModel& model, CitationFinder& finder);

}  // namespace precis::summarize::detail
