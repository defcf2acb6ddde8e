#include "summarize/method_registry.h"

#include <algorithm>
#include <string>
#include <utility>

#include "precis/error.h"

namespace precis::summarize::detail {
namespace {

// Parameters that several methods share, stated once so that their
// defaults cannot drift apart.
const std::vector<MethodParameter> kPrecisScoring = {
    {"redundancy", 0.45, "a sentence whose cosine with a chosen one reaches this is skipped"},
    {"numbers", 2, "a sentence stating this many of a chosen one's numbers repeats it (0: off)"},
    {"numberscos", 0.2, "... when its cosine with it reaches this"},
    {"covered", 0.7, "a sentence whose weighted fact keys the chosen ones hold to this share repeats them (0: off)"},
    {"spread", 0.7, "each sentence taken from an article multiplies its other sentences' scores by this"},
    {"spreadmin", 4, "articles a story needs for spread to apply"},
    {"decay", 1.0, "position prior 1/(1+position)^decay"},
    {"docpow", 1.5, "exponent of the article's centrality"},
    {"centroid", 0.0, "weight of the sentence's cosine with the story"},
    {"support", 0.6, "weight of the cross-article support of its bigrams"},
    {"supportpow", 0.5, "a bigram counts the share of other articles using it to this power"},
    // Stories of many articles (Precis: BigStory): the weights below apply
    // in full from `bigat` articles, not at all up to `bigfrom`.
    {"bigfrom", 5, "articles up to which a story is small: the weights below do not apply"},
    {"bigat", 10, "articles from which the weights below apply in full"},
    {"position", 0.3, "share of the position prior kept in a big story"},
    {"shared", 2.0, "weight of the mean share of other articles using a sentence's words, in a big story"},
    {"cover", 3.0, "weight of the uncovered bigrams many articles use, in the selection of a big story"},
    {"covermin", 2, "articles that must use a bigram for it to count as covered content"},
    {"coverdf", 1.5, "a covered bigram weighs the number of articles using it to this power"},
    {"coverlen", 0.5, "the coverage gain is divided by the sentence's words to this power"},
};
const std::vector<MethodParameter> kSentenceLike = {
    {"minwords", 6, "shortest eligible sentence, in words"},
    {"maxwords", 50, "longest eligible sentence, in words"},
    {"needend", 1, "1: a sentence needs a sentence end"},
    {"connective", 1, "1: no sentence opening with a connective (And, But, However, ...)"},
};
const MethodParameter kFocus = {"focus", 1, "1: with a question, score for it"};
const MethodParameter kStandalone = {"standalone", 1, "1: sentences must read on their own (quotes, pointing back)"};
// The graph and centroid baselines' redundancy bound.
const MethodParameter kBaselineRedundancy = {"redundancy", 0.5,
                                             "a sentence whose cosine with a chosen one reaches this is skipped"};

std::vector<MethodParameter> Join(std::initializer_list<std::vector<MethodParameter>> parts) {
  std::vector<MethodParameter> out;
  for (const auto& part : parts) out.insert(out.end(), part.begin(), part.end());
  return out;
}

MethodEntry Entry(MethodInfo info, Scored (*score)(const StoryModel&, const Params&)) {
  MethodEntry entry;
  entry.info = std::move(info);
  entry.score = score;
  return entry;
}

std::vector<MethodEntry> BuildRegistry() {
  std::vector<MethodEntry> methods;
  methods.push_back(Entry({"precis", "article centrality x position, cross-article support, junk filtering, redundancy control",
                           Join({kPrecisScoring, kSentenceLike, {kFocus, kStandalone}}), true},
                          ScorePrecis));
  methods.push_back(Entry({"lead", "the first sentences of each article in turn", {}, false}, ScoreLead));
  methods.push_back(Entry({"centroid", "cosine with the story's strongest tf-idf terms (MEAD)",
                           {kBaselineRedundancy, {"terms", 40, "centroid terms kept"}}, false},
                          ScoreCentroid));
  methods.push_back(Entry({"lexrank", "LexRank: PageRank over sentences linked when their tf-idf cosine reaches the threshold",
                           {kBaselineRedundancy, {"threshold", 0.1, "cosine from which two sentences are linked"}},
                           false},
                          ScoreLexRank));
  methods.push_back(
      Entry({"textrank", "TextRank: PageRank over sentences weighted by their word overlap", {kBaselineRedundancy}, false},
            ScoreTextRank));
  MethodEntry concepts = Entry(
      {"concepts", "bigram coverage as an integer program",
       Join({{{"mindf", 3, "articles that must use a bigram for it to be a concept (2 when the story has fewer than 4)"},
              {"gap", 0.0, "relative optimality gap at which the solver may stop (0-1)"},
              {"timelimit", 1000, "solver time limit per story, in milliseconds"},
              {"maxpairs", kDefaultMaxPairs, "sentence-concept pairs the integer program may hold (the rest is pruned)"}},
             kSentenceLike,
             {kStandalone},
             kPrecisScoring}),
       false},
      nullptr);
  concepts.select = SelectConcepts;
  concepts.fallback = "precis";
  methods.push_back(std::move(concepts));
  return methods;
}

}  // namespace

const std::vector<MethodEntry>& Registry() {
  static const std::vector<MethodEntry> registry = BuildRegistry();
  return registry;
}

const MethodEntry& FindEntry(std::string_view name) {
  if (name.empty()) name = DefaultMethod();
  for (const MethodEntry& entry : Registry()) {
    if (entry.info.name == name) return entry;
  }
  std::string known;
  for (const MethodEntry& entry : Registry()) known += (known.empty() ? "" : ", ") + std::string(entry.info.name);
  throw Error("unknown method \"" + std::string(name) + "\" (known: " + known + ")");
}

}  // namespace precis::summarize::detail

namespace precis::summarize {

const std::vector<MethodInfo>& Methods() {
  static const std::vector<MethodInfo> methods = [] {
    std::vector<MethodInfo> out;
    for (const detail::MethodEntry& entry : detail::Registry()) out.push_back(entry.info);
    return out;
  }();
  return methods;
}

const MethodInfo* FindMethod(std::string_view name) {
  for (const MethodInfo& info : Methods()) {
    if (info.name == name) return &info;
  }
  return nullptr;
}

const std::vector<std::string>& MethodNames() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> out;
    for (const MethodInfo& info : Methods()) out.emplace_back(info.name);
    return out;
  }();
  return names;
}

std::string_view DefaultMethod() { return Methods().front().name; }

}  // namespace precis::summarize
