// Whether the articles given as one story look like one story.
//
// Articles about one event share its words (names, places, what happened);
// articles about different events share few beyond the language's common
// words. Each article is a vector of its content stems (no stopwords, no
// numbers; its first 1,000 content words), weighted by tf-idf over the
// story's articles, so that words every article uses (common ones, or the
// one story's own) count little. Each article is linked to its 4 closest
// others whose cosine with it is at least kLinkCosine (only the closest: one
// stray likeness between two stories of several articles does not join
// them); the articles then fall into groups (connected by links). An
// article of fewer than kMinStems distinct stems (a caption, a notice)
// takes no part, nor does any article after the first 200 that do.
//
// The story looks like several when two groups hold two articles or more
// each, or when three articles or more take part and no two are linked.
// One article that shares nothing (page junk, an off-topic page) is not
// enough: stories often hold one. Measured with bench/one_story_bench
// (README "precis summarize"): it calls 3 of multinews-val250's 250 stories several
// (the set the constants were chosen on), 2 of duc2006's 50.
// Thread safety: reentrant.
#pragma once

#include <cstddef>
#include <vector>

#include "precis/document.h"

namespace precis::summarize {

struct StoryGroups {
  // Groups of article indices (into Story::docs), largest first (ties: the
  // one with the earlier first article); articles that take no part are in
  // none.
  std::vector<std::vector<std::size_t>> groups;
  bool several_stories = false;
};

inline constexpr double kLinkCosine = 0.04;
inline constexpr std::size_t kMinStems = 20;

StoryGroups GroupArticles(const Story& story, double link_cosine = kLinkCosine);

}  // namespace precis::summarize
