// Internal: the summarization methods, one entry each (name, parameters and
// their defaults, scorer). Everything that knows the methods by name reads
// this table: MethodNames(), --params checking and its messages, the help,
// the defaults Params::Get() returns, and how the summarizer runs a method.
// A new method is a scorer plus one entry in method_registry.cc.
#pragma once

#include <string_view>
#include <vector>

#include "precis/summarize.h"
#include "summarize/model.h"

namespace precis::summarize::detail {

struct MethodEntry {
  MethodInfo info;
  // Per-unit scores for the greedy budgeted selection (Select()); null for
  // a method that selects by itself.
  Scored (*score)(const StoryModel& model, const Params& params) = nullptr;
  // A method that selects by itself (an integer program), scored by
  // `fallback` (another entry's name) whose greedy selection stands in when
  // it finds no solution; null for the others. Its parameters hold the
  // fallback's, read with the fallback's defaults.
  ConceptSelection (*select)(const StoryModel& model, const Budget& budget, const Params& params) = nullptr;
  std::string_view fallback;
};

const std::vector<MethodEntry>& Registry();
// The entry named `name` ("" is the default method). Throws Error naming
// the known methods when there is none.
const MethodEntry& FindEntry(std::string_view name);

// The scorers (methods.cc).
Scored ScoreLead(const StoryModel& model, const Params& params);
Scored ScoreCentroid(const StoryModel& model, const Params& params);
Scored ScoreLexRank(const StoryModel& model, const Params& params);
Scored ScoreTextRank(const StoryModel& model, const Params& params);
Scored ScorePrecis(const StoryModel& model, const Params& params);

}  // namespace precis::summarize::detail
