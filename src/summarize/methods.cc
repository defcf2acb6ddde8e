// Sentence scoring methods and the budgeted greedy selection.
#include <algorithm>
#include <bit>
#include <cmath>
#include <numeric>

#include "precis/error.h"
#include "summarize/method_registry.h"
#include "summarize/model.h"

namespace precis::summarize::detail {
namespace {

// Graph methods are quadratic in the number of sentences: beyond this many,
// only the earliest sentences of each article take part (bounded effort).
constexpr std::size_t kMaxGraphUnits = 1500;

std::vector<bool> EarliestUnits(const StoryModel& m, std::size_t limit) {
  std::vector<bool> keep(m.units.size(), m.units.size() <= limit);
  if (m.units.size() <= limit) return keep;
  std::vector<std::size_t> order(m.units.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return m.units[a].position < m.units[b].position;
  });
  for (std::size_t i = 0; i < limit; ++i) keep[order[i]] = true;
  return keep;
}

// Sorts `keys` (term << 32 | weight bits, terms below `vocabulary`) into the
// order std::sort gives them, in linear time: counted into one bucket per
// term, then each bucket (a few keys) sorted by weight. An article has
// thousands of such keys, and sorting them by comparison showed in profiles.
// `starts` and `sorted` are scratch space.
void SortTermKeys(std::vector<std::uint64_t>* keys, std::size_t vocabulary, std::vector<std::size_t>* starts,
                  std::vector<std::uint64_t>* sorted) {
  // Counting walks the whole vocabulary: for an article with few keys in a
  // story with a large vocabulary (many short articles) a comparison sort,
  // in the same order, is the cheaper one.
  if (keys->size() * 16 < vocabulary) {
    std::sort(keys->begin(), keys->end());
    return;
  }
  starts->assign(vocabulary + 1, 0);
  for (const std::uint64_t key : *keys) ++(*starts)[(key >> 32) + 1];
  std::partial_sum(starts->begin(), starts->end(), starts->begin());
  sorted->resize(keys->size());
  for (const std::uint64_t key : *keys) (*sorted)[(*starts)[key >> 32]++] = key;
  // Placing a term's keys moved its start to its end, where the next term's keys begin.
  std::size_t begin = 0;
  for (std::size_t term = 0; term < vocabulary; ++term) {
    const std::size_t end = (*starts)[term];
    if (end - begin > 1) {
      std::sort(sorted->begin() + static_cast<std::ptrdiff_t>(begin), sorted->begin() + static_cast<std::ptrdiff_t>(end));
    }
    begin = end;
  }
  keys->swap(*sorted);
}

// Sentence-level inverse frequencies: log(N / sf).
std::vector<float> SentenceIdf(const StoryModel& m) {
  std::vector<float> idf(m.vocabulary, 0.0f);
  const double n = static_cast<double>(std::max<std::size_t>(1, m.units.size()));
  // Most terms share a few small frequencies: one logarithm per frequency
  // (-1 marks one not computed yet; idf >= 1, as sf <= n).
  std::vector<float> by_freq;
  for (std::size_t t = 0; t < m.vocabulary; ++t) {
    const std::uint32_t sf = m.sentence_freq[t];
    if (sf == 0) continue;
    if (sf >= by_freq.size()) by_freq.resize(sf + 1, -1.0f);
    if (by_freq[sf] < 0) by_freq[sf] = static_cast<float>(std::log(n / sf) + 1.0);
    idf[t] = by_freq[sf];
  }
  return idf;
}

// Power iteration of PageRank over a row-stochastic weight matrix.
std::vector<double> PageRank(const std::vector<double>& weights, std::size_t n, double damping) {
  std::vector<double> row_sum(n, 0);
  for (std::size_t i = 0; i < n; ++i) {
    for (std::size_t j = 0; j < n; ++j) row_sum[i] += weights[i * n + j];
  }
  std::vector<double> rank(n, 1.0 / static_cast<double>(n)), next(n);
  for (int iter = 0; iter < 50; ++iter) {
    std::fill(next.begin(), next.end(), (1 - damping) / static_cast<double>(n));
    double dangling = 0;
    for (std::size_t i = 0; i < n; ++i) {
      if (row_sum[i] == 0) {
        dangling += rank[i];
        continue;
      }
      const double share = damping * rank[i] / row_sum[i];
      for (std::size_t j = 0; j < n; ++j) {
        if (weights[i * n + j] != 0) next[j] += share * weights[i * n + j];
      }
    }
    for (double& v : next) v += damping * dangling / static_cast<double>(n);
    double delta = 0;
    for (std::size_t i = 0; i < n; ++i) delta += std::abs(next[i] - rank[i]);
    rank.swap(next);
    if (delta < 1e-7) break;
  }
  return rank;
}

Scored Lead(const StoryModel& m) {
  Scored s;
  const double docs = static_cast<double>(std::max<std::size_t>(1, m.doc_ranges.size()));
  s.score.resize(m.units.size());
  s.eligible.assign(m.units.size(), true);
  // First sentences of each article in turn.
  for (std::size_t i = 0; i < m.units.size(); ++i) {
    s.score[i] = -(static_cast<double>(m.units[i].position) * docs + static_cast<double>(m.units[i].doc));
  }
  return s;
}

Scored Centroid(const StoryModel& m, const std::vector<float>& idf, const Params& p) {
  Scored s;
  s.score.assign(m.units.size(), 0);
  s.eligible.assign(m.units.size(), true);
  s.redundancy = p.Get("redundancy");
  std::vector<double> centroid(m.vocabulary, 0);
  for (const Unit& u : m.units) {
    for (const auto& [id, w] : u.tf) centroid[id] += w * idf[id];
  }
  // Keep the strongest terms only, as MEAD does.
  const std::size_t keep = static_cast<std::size_t>(std::clamp(p.Get("terms"), 0.0, 1e9));
  std::vector<std::uint32_t> ids(m.vocabulary);
  std::iota(ids.begin(), ids.end(), 0);
  if (ids.size() > keep) {
    std::nth_element(ids.begin(), ids.begin() + static_cast<std::ptrdiff_t>(keep), ids.end(),
                     [&](std::uint32_t a, std::uint32_t b) {
                       return centroid[a] != centroid[b] ? centroid[a] > centroid[b] : a < b;
                     });
    for (std::size_t i = keep; i < ids.size(); ++i) centroid[ids[i]] = 0;
  }
  SparseVector cv;
  for (std::uint32_t t = 0; t < m.vocabulary; ++t) {
    if (centroid[t] > 0) cv.emplace_back(t, static_cast<float>(centroid[t]));
  }
  for (std::size_t i = 0; i < m.units.size(); ++i) {
    s.score[i] = Cosine(Weighted(m.units[i].tf, idf), cv);
  }
  return s;
}

// The graph methods' common part: the earliest units are the nodes (their
// indices are returned), `s` gets eligibility and the redundancy bound.
std::vector<std::size_t> GraphNodes(const StoryModel& m, const Params& p, Scored* s) {
  s->score.assign(m.units.size(), 0);
  s->eligible = EarliestUnits(m, kMaxGraphUnits);
  s->redundancy = p.Get("redundancy");
  std::vector<std::size_t> nodes;
  for (std::size_t i = 0; i < m.units.size(); ++i) {
    if (s->eligible[i]) nodes.push_back(i);
  }
  return nodes;
}

// PageRank over the symmetric weights w (n x n), as the nodes' scores.
void RankNodes(const std::vector<std::size_t>& nodes, const std::vector<double>& w, Scored* s) {
  const std::vector<double> rank = PageRank(w, nodes.size(), 0.85);
  for (std::size_t i = 0; i < nodes.size(); ++i) s->score[nodes[i]] = rank[i];
}

Scored LexRank(const StoryModel& m, const std::vector<float>& idf, const Params& p) {
  Scored s;
  const std::vector<std::size_t> nodes = GraphNodes(m, p, &s);
  const std::size_t n = nodes.size();
  if (n == 0) return s;
  std::vector<SparseVector> vec(n);
  std::vector<double> norm(n);
  for (std::size_t i = 0; i < n; ++i) {
    vec[i] = Weighted(m.units[nodes[i]].tf, idf);
    norm[i] = Norm(vec[i]);
  }
  const double threshold = p.Get("threshold");
  std::vector<double> w(n * n, 0);
  for (std::size_t i = 0; i < n; ++i) {
    w[i * n + i] = 1;
    for (std::size_t j = i + 1; j < n; ++j) {
      if (norm[i] == 0 || norm[j] == 0) continue;
      const double c = Dot(vec[i], vec[j]) / (norm[i] * norm[j]);
      if (c >= threshold) w[i * n + j] = w[j * n + i] = 1;
    }
  }
  RankNodes(nodes, w, &s);
  return s;
}

Scored TextRank(const StoryModel& m, const Params& p) {
  Scored s;
  const std::vector<std::size_t> nodes = GraphNodes(m, p, &s);
  const std::size_t n = nodes.size();
  if (n == 0) return s;
  std::vector<double> w(n * n, 0);
  for (std::size_t i = 0; i < n; ++i) {
    const Unit& a = m.units[nodes[i]];
    for (std::size_t j = i + 1; j < n; ++j) {
      const Unit& b = m.units[nodes[j]];
      if (a.content_tokens < 2 || b.content_tokens < 2) continue;
      // Mihalcea & Tarau: shared words / (log |a| + log |b|).
      const std::size_t shared = SharedTerms(a.tf, b.tf);
      if (shared == 0) continue;
      const double sim = static_cast<double>(shared) /
                         (std::log(static_cast<double>(a.tokens)) + std::log(static_cast<double>(b.tokens)));
      w[i * n + j] = w[j * n + i] = sim;
    }
  }
  RankNodes(nodes, w, &s);
  return s;
}

}  // namespace

// True when the sentence opens with a connective that leans on the sentence
// before it ("And most are in need of more money."): out of its article, it
// reads as a fragment.
bool OpensWithConnective(std::string_view text) {
  static constexpr std::string_view kConnectives[] = {"and",     "but",     "or",        "nor",   "so",
                                                      "yet",     "also",    "however",   "still", "moreover",
                                                      "furthermore", "besides", "instead", "thus",  "hence",
                                                      "therefore", "otherwise", "then"};
  std::size_t end = 0;
  while (end < text.size() && ((text[end] >= 'a' && text[end] <= 'z') || (text[end] >= 'A' && text[end] <= 'Z'))) ++end;
  if (end == 0 || end > 11) return false;
  std::string first(text.substr(0, end));
  for (char& c : first) c = static_cast<char>(c | 0x20);
  return std::find(std::begin(kConnectives), std::end(kConnectives), first) != std::end(kConnectives);
}

// "Here is what we know", "Here's the latest": a line that announces the
// article to come and states nothing itself.
bool OpensAsSignpost(std::string_view text) {
  static constexpr std::string_view kOpenings[] = {"here is ", "here are ", "here's ", "here\xE2\x80\x99s "};
  const auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; };
  return std::any_of(std::begin(kOpenings), std::end(kOpenings), [&](std::string_view opening) {
    return text.size() >= opening.size() &&
           std::equal(opening.begin(), opening.end(), text.begin(), [&](char o, char t) { return o == lower(t); });
  });
}

// Whether a unit can be read in a brief at all, with the unit it leans on
// (Unit::depends_on) just before it.
bool StandsAlone(const Unit& u, bool whole_quotes) {
  if (u.quote_cut || (u.quote_end != kNoUnit && !whole_quotes)) return false;
  if (u.depends_on != kNoUnit) return true;
  return !u.standing.quote_only && !u.standing.leans_back;
}

namespace {

// A parenthesis closed that the sentence never opened, or opened and never
// closed: the sentence is a piece of a longer aside ("... the Valley
// Press group.)"), not whole.
bool UnbalancedParentheses(std::string_view text) {
  // Most sentences have no parenthesis: two memchr scans tell at once.
  if (text.find('(') == std::string_view::npos && text.find(')') == std::string_view::npos) return false;
  int depth = 0;
  for (const char c : text) {
    if (c == '(') ++depth;
    if (c == ')' && --depth < 0) return true;
  }
  return depth != 0;
}

}  // namespace

std::vector<bool> SentenceLike(const StoryModel& m, const Params& p, bool whole_quotes) {
  const double min_words = p.Get("minwords");
  const double max_words = p.Get("maxwords");
  const bool require_end = p.Get("needend") != 0;
  const bool skip_connective = p.Get("connective") != 0;
  const bool standalone = p.Get("standalone") != 0;
  std::vector<bool> like(m.units.size());
  for (std::size_t i = 0; i < m.units.size(); ++i) {
    const Unit& u = m.units[i];
    const double words = static_cast<double>(u.words);
    // Headlines, bylines and captions lack a sentence end; fragments are short.
    like[i] = !u.junk && words >= min_words && words <= max_words && (!require_end || u.ends_sentence) &&
              !(skip_connective && (OpensWithConnective(u.text) || OpensAsSignpost(u.text))) &&
              !(standalone && (!StandsAlone(u, whole_quotes) || UnbalancedParentheses(u.text)));
  }
  // A story of short or unterminated sentences only (notes, a list of
  // facts) still gets a summary: then every unit that is not junk may be chosen.
  if (std::none_of(like.begin(), like.end(), [](bool e) { return e; })) {
    for (std::size_t i = 0; i < m.units.size(); ++i) like[i] = !m.units[i].junk;
  }
  return like;
}

namespace {

// Cross-article support of every unit: how widely the other articles use
// its bigrams, each bigram counting (share of other articles using it)^power.
// With two articles this is the share of bigrams the other one uses; with
// many, a bigram two of them share no longer counts as much as one all of
// them report (measured on multinews-val250: power 0.5 gave R-2 +0.16, R-1
// -0.07 against counting any shared bigram fully).
std::vector<double> CrossArticleSupport(const StoryModel& m, double power) {
  const std::size_t docs = m.doc_ranges.size();
  std::vector<double> support(m.units.size(), 0.0);
  if (docs < 2) return support;
  std::vector<double> share_weight(docs + 1, 0.0);  // per document count
  for (std::size_t df = 2; df <= docs; ++df) {
    share_weight[df] = std::pow(static_cast<double>(df - 1) / static_cast<double>(docs - 1), power);
  }
  for (std::size_t i = 0; i < m.units.size(); ++i) {
    const Unit& u = m.units[i];
    if (u.bigrams.empty()) continue;
    double shared = 0;
    for (std::uint32_t b : u.bigrams) shared += share_weight[m.bigram_doc_freq[b]];
    support[i] = shared / static_cast<double>(u.bigrams.size());
  }
  return support;
}

// Scores for a question (StoryModel::query_terms): how much of it a sentence
// touches, raised by up to about 2.6 times for how important the sentence is
// to the story (a fact one article alone reports still answers the
// question). Position plays no part: the answer to a question is seldom in
// the lead.
// - Touching: the share of the query terms' idf weight the sentence holds.
// - Importance: the approximate oracle score of Conroy et al. (2006) without
//   its query half (the mean over the sentence's terms of the share of the
//   other articles using them), plus cross-article support weighted as
//   without a question.
// Sentences that touch nothing of the question score below every one that
// does (before spreading over articles), in order of importance, so they only
// fill what budget is left. Returns false, leaving `score` alone, when no
// query term is a content term of the story.
bool QuestionScores(const StoryModel& m, const std::vector<float>& idf, const std::vector<double>& support,
                    double w_support, std::vector<double>* score) {
  double query_total = 0, smallest = 0;
  for (const std::uint32_t t : m.query_terms) {
    query_total += idf[t];
    smallest = smallest == 0 ? idf[t] : std::min<double>(smallest, idf[t]);
  }
  if (!(query_total > 0)) return false;
  // The least share of the question a touching sentence holds.
  const double least_touch = smallest / query_total;
  const std::size_t docs = m.doc_ranges.size();
  std::vector<float> term_share(m.vocabulary, 0.0f), query_weight(m.vocabulary, 0.0f);
  if (docs > 1) {
    for (std::uint32_t t = 0; t < m.vocabulary; ++t) {
      if (m.doc_freq[t] == 0) continue;  // a stopword-only term
      term_share[t] = static_cast<float>(static_cast<double>(m.doc_freq[t] - 1) / static_cast<double>(docs - 1));
    }
  }
  for (const std::uint32_t t : m.query_terms) query_weight[t] = idf[t];
  for (std::size_t i = 0; i < m.units.size(); ++i) {
    const Unit& u = m.units[i];
    double shared = 0, touched = 0;
    for (const auto& [id, w] : u.tf) {
      shared += term_share[id];
      touched += query_weight[id];
    }
    // (Not below 0, whatever weight --params gives support.)
    const double importance =
        std::max(0.0, (u.tf.empty() ? 0 : shared / static_cast<double>(u.tf.size())) + w_support * support[i]);
    (*score)[i] = touched > 0 ? touched / query_total * (1 + importance)
                              : 0.5 * least_touch * importance / (1 + importance);
  }
  return true;
}

// Adds to every unit's score `weight` times the mean, over its content
// terms, of the share of the other articles that use the term (the
// approximate oracle score of Conroy et al. 2006, as in QuestionScores).
void AddSharedTerms(const StoryModel& m, double weight, std::vector<double>* score) {
  const std::size_t docs = m.doc_ranges.size();
  if (docs < 2) return;
  std::vector<double> share(docs + 1, 0.0);  // per document frequency
  for (std::size_t df = 1; df <= docs; ++df) share[df] = static_cast<double>(df - 1) / static_cast<double>(docs - 1);
  for (std::size_t i = 0; i < m.units.size(); ++i) {
    const Unit& u = m.units[i];
    if (u.tf.empty()) continue;
    double shared = 0;
    for (const auto& [id, w] : u.tf) shared += share[m.doc_freq[id]];
    (*score)[i] += weight * shared / static_cast<double>(u.tf.size());
  }
}

// The weight of every bigram as a concept to cover: df^power for the
// bigrams at least `min_df` articles use, 0 for the others. A power above 1
// favours what most articles report over what a few share (measured on
// duc2006: 1.5 gave ROUGE-2 +0.18 over 1; 1.25 and 2 were within 0.2).
std::vector<float> ConceptWeights(const StoryModel& m, double min_df, double power) {
  const std::size_t docs = m.doc_ranges.size();
  std::vector<float> by_df(docs + 1, 0.0f);
  for (std::size_t df = 1; df <= docs; ++df) {
    if (static_cast<double>(df) >= min_df) by_df[df] = static_cast<float>(std::pow(static_cast<double>(df), power));
  }
  std::vector<float> weight(m.bigram_vocabulary);
  for (std::size_t b = 0; b < m.bigram_vocabulary; ++b) weight[b] = by_df[m.bigram_doc_freq[b]];
  return weight;
}

// Per fact key, its inverse sentence frequency in the story, log((n + 1) /
// units holding it): the specifics of a fact weigh, its actors hardly.
// Numbers weigh double, as in the citations: a count the chosen units do
// not state is news, or a disagreement the brief should show.
std::vector<float> KeyWeights(const StoryModel& m) {
  std::vector<std::uint32_t> units_with(m.key_count, 0), last(m.key_count, 0);
  for (std::size_t i = 0; i < m.units.size(); ++i) {
    for (const auto& [term, count] : m.units[i].tf) {
      const std::uint32_t key = m.term_key[term];
      if (last[key] == i + 1) continue;
      last[key] = static_cast<std::uint32_t>(i + 1);
      ++units_with[key];
    }
  }
  const double n = static_cast<double>(m.units.size());
  std::vector<float> weight(m.key_count, 0.0f);
  for (std::size_t k = 0; k < m.key_count; ++k) {
    if (units_with[k] == 0) continue;
    weight[k] = static_cast<float>(std::log((n + 1.0) / units_with[k]) * (m.key_number[k] ? 2.0 : 1.0));
  }
  return weight;
}

// How far a story of `docs` articles is a big one: 0 up to `from` articles,
// 1 from `full` on, linearly in between. Multi-News hardly depends on where
// the ramp lies (val250, from 2: `full` 3 to 25 within 0.15 points of ROUGE),
// so it is set by what a big story is, not tuned: ten articles and more
// (DUC and TAC clusters) are big, five (the seed story) are not: from 2,
// its 100-word brief took a second sentence on the same staff cut instead
// of the breakdown of relations.
double BigStory(std::size_t docs, double from, double full) {
  const double n = static_cast<double>(docs);
  if (n <= from) return 0.0;
  if (!(full > from)) return 1.0;
  return std::min(1.0, (n - from) / (full - from));
}

// The default: which article is central, how early a sentence comes, how
// much of the story's content it carries, and whether other articles report
// it too; with a question, how much of it a sentence touches instead of
// where it stands (QuestionScores). Junk and fragments are not eligible.
// The weights depend on the number of articles (BigStory): with two, as
// tuned on Multi-News (mostly two or three articles); the more there are,
// the less where a sentence stands counts and the more what the articles
// share: the mean share of articles using its terms, and in the selection
// the bigrams many articles use that no chosen sentence holds yet (greedy
// concept coverage: on duc2006, 25 articles, as much ROUGE as the integer
// program of "concepts" at a fraction of its time).
Scored Precis(const StoryModel& m, const std::vector<float>& idf, const Params& p) {
  Scored s;
  const std::size_t n = m.units.size();
  s.score.assign(n, 0);
  s.eligible.assign(n, true);
  s.redundancy = p.Get("redundancy");
  s.shared_numbers = static_cast<std::size_t>(std::max(0.0, p.Get("numbers")));
  s.shared_numbers_cosine = p.Get("numberscos");
  s.covered_share = p.Get("covered");
  if (s.covered_share > 0) s.key_weight = KeyWeights(m);
  // Spreading over articles pays when there are many of them; with two or
  // three, the most central one is usually the best source (measured on
  // multinews-val250).
  if (static_cast<double>(m.doc_ranges.size()) >= p.Get("spreadmin")) s.same_doc_factor = std::clamp(p.Get("spread"), 0.0, 1.0);
  if (n == 0) return s;
  const double w_support = p.Get("support");
  const std::vector<double> support = CrossArticleSupport(m, std::max(0.0, p.Get("supportpow")));
  s.dependencies = p.Get("standalone") != 0;
  s.eligible = SentenceLike(m, p, s.dependencies);
  if (!m.query_terms.empty() && p.Get("focus") != 0 && QuestionScores(m, idf, support, w_support, &s.score)) {
    s.question = true;
    return s;
  }
  const double decay = p.Get("decay");
  const double doc_power = p.Get("docpow");
  const double w_centroid = p.Get("centroid");
  const std::size_t docs = m.doc_ranges.size();
  const double big = BigStory(docs, p.Get("bigfrom"), p.Get("bigat"));
  const double w_position = 1.0 - big * (1.0 - p.Get("position"));

  // Article vectors (tf-idf) and their centrality: similarity to the rest.
  std::vector<SparseVector> doc_vec(docs);
  std::vector<double> story(m.vocabulary, 0);
  std::vector<std::uint64_t> acc, sorted;
  std::vector<std::size_t> term_starts;
  for (std::size_t d = 0; d < docs; ++d) {
    // (term, weight) pairs in (term, weight) order, each packed into one
    // integer key that sorts the same way: weights are positive (counts and
    // idf are at least 1), and positive floats order as their bit patterns.
    acc.clear();
    for (std::size_t i = m.doc_ranges[d].first; i < m.doc_ranges[d].second; ++i) {
      for (const auto& [id, w] : m.units[i].tf) {
        acc.push_back(std::uint64_t{id} << 32 | std::bit_cast<std::uint32_t>(w * idf[id]));
      }
    }
    SortTermKeys(&acc, m.vocabulary, &term_starts, &sorted);
    for (const std::uint64_t key : acc) {
      const auto id = static_cast<std::uint32_t>(key >> 32);
      const float w = std::bit_cast<float>(static_cast<std::uint32_t>(key));
      if (!doc_vec[d].empty() && doc_vec[d].back().first == id) {
        doc_vec[d].back().second += w;
      } else {
        doc_vec[d].emplace_back(id, w);
      }
      story[id] += w;
    }
  }
  // The story vector, dense (weights as floats, as a sparse vector holds
  // them) and its norm; terms without weight are left out of every sum.
  std::vector<float> story_w(m.vocabulary, 0.0f);
  double story_sum = 0;
  for (std::uint32_t t = 0; t < m.vocabulary; ++t) {
    if (story[t] <= 0) continue;
    story_w[t] = static_cast<float>(story[t]);
    story_sum += static_cast<double>(story_w[t]) * story_w[t];
  }
  const double story_norm = std::sqrt(story_sum);

  std::vector<double> centrality(docs, 1.0);
  if (docs > 1) {
    // Per article, rest = story - doc over the terms with weight: its
    // squared norm and its dot product with the article. All articles in
    // one pass over the terms, each sum taking the same terms in the same
    // order as a pass per article would: the articles' sums do not wait on
    // each other, where one article's sum over the whole vocabulary was a
    // chain of dependent additions.
    std::vector<double> rest_sum(docs, 0.0), dot(docs, 0.0);
    std::vector<std::size_t> next(docs, 0);  // per article: its first entry of doc_vec not passed
    for (std::uint32_t t = 0; t < m.vocabulary; ++t) {
      const bool weighted = story[t] > 0;
      const float s = story_w[t];
      for (std::size_t d = 0; d < docs; ++d) {
        std::size_t& k = next[d];
        float rest = s;
        if (k < doc_vec[d].size() && doc_vec[d][k].first == t) {
          const float w = doc_vec[d][k].second;
          rest = s - w;
          if (weighted) dot[d] += static_cast<double>(w) * rest;
          ++k;
        }
        if (weighted) rest_sum[d] += static_cast<double>(rest) * rest;
      }
    }
    double best = 0;
    for (std::size_t d = 0; d < docs; ++d) {
      const double doc_norm = Norm(doc_vec[d]), rest_norm = std::sqrt(rest_sum[d]);
      centrality[d] = doc_norm == 0 || rest_norm == 0 ? 0 : dot[d] / (doc_norm * rest_norm);
      best = std::max(best, centrality[d]);
    }
    for (double& c : centrality) c = best > 0 ? c / best : 1.0;
  }

  // The same powers for every unit of an article and every position: computed once.
  std::vector<double> doc_weight(docs);
  for (std::size_t d = 0; d < docs; ++d) doc_weight[d] = std::pow(centrality[d], doc_power);
  std::vector<double> priors;
  const auto PositionPrior = [&](std::size_t position) {
    while (priors.size() <= position) priors.push_back(1.0 / std::pow(1.0 + static_cast<double>(priors.size()), decay));
    return priors[position];
  };
  for (std::size_t i = 0; i < n; ++i) {
    const Unit& u = m.units[i];
    // Cosine of the unit's tf-idf vector with the story's.
    double sum = 0, dot = 0;
    for (const auto& [id, w] : u.tf) {
      const float weighted = w * idf[id];
      sum += static_cast<double>(weighted) * weighted;
      dot += static_cast<double>(weighted) * story_w[id];
    }
    const double vn = std::sqrt(sum);
    const double cen = (vn > 0 && story_norm > 0) ? dot / (vn * story_norm) : 0;
    s.score[i] = w_position * doc_weight[u.doc] * PositionPrior(u.position) + w_centroid * cen + w_support * support[i];
  }
  const double w_shared = big * p.Get("shared");
  if (w_shared > 0) AddSharedTerms(m, w_shared, &s.score);
  const double w_cover = big * p.Get("cover");
  if (w_cover > 0 && docs >= 2) {
    s.concept_weight = ConceptWeights(m, p.Get("covermin"), p.Get("coverdf"));
    s.coverage = w_cover;
    s.coverage_length_power = p.Get("coverlen");
  }
  return s;
}

}  // namespace

// The scorers as the registry (method_registry.h) calls them.
Scored ScoreLead(const StoryModel& model, const Params&) { return Lead(model); }
Scored ScoreCentroid(const StoryModel& model, const Params& p) { return Centroid(model, SentenceIdf(model), p); }
Scored ScoreLexRank(const StoryModel& model, const Params& p) { return LexRank(model, SentenceIdf(model), p); }
Scored ScoreTextRank(const StoryModel& model, const Params& p) { return TextRank(model, p); }
Scored ScorePrecis(const StoryModel& model, const Params& p) { return Precis(model, SentenceIdf(model), p); }

namespace {

bool FitsBudget(const Unit& u, const Budget& budget, std::size_t chosen, std::size_t words, std::size_t bytes) {
  switch (budget.kind) {
    case BudgetKind::kWords: return words + u.words <= budget.limit;
    case BudgetKind::kBytes: return bytes + (chosen == 0 ? 0 : 1) + u.bytes <= budget.limit;
    case BudgetKind::kSentences: return chosen < budget.limit;
  }
  return false;
}

// Cosine(u, c) where `c_dense` holds c's counts by term (0 elsewhere): one
// pass over u's terms, in the same order as Dot's merge. Without a branch
// per term: a term c lacks adds 0, which leaves the sum exactly as it was.
double Cosine(const Unit& u, const Unit& c, const std::vector<float>& c_dense) {
  if (u.norm == 0 || c.norm == 0) return 0;
  double dot = 0;
  for (const auto& [id, w] : u.tf) dot += static_cast<double>(w) * c_dense[id];
  return dot / (u.norm * c.norm);
}

// How many distinct numbers `u` and `c` both state (fact keys: "eight" and
// "8" are one); 0 unless one of them has two digits or more, as counts of
// one digit ("two men", set scores "6-4") recur by chance.
std::size_t SharedNumbers(const StoryModel& m, const Unit& u, const Unit& c) {
  std::size_t shared = 0;
  bool beyond_one_digit = false;
  std::uint32_t last = static_cast<std::uint32_t>(-1);
  for (const auto& [id, w] : u.tf) {
    const std::uint32_t key = m.term_key[id];
    if (!m.key_number[key] || key == last) continue;
    for (const auto& [other, v] : c.tf) {
      if (m.term_key[other] == key) {
        ++shared;
        beyond_one_digit = beyond_one_digit || !m.key_one_digit[key];
        last = key;
        break;
      }
    }
  }
  return beyond_one_digit ? shared : 0;
}

// Whether `u` repeats the chosen unit `c` whose cosine with it is `cosine`:
// the same words (cosine), or the same numbers with some of the same words
// (a fact told twice in other words: measured words alone miss it).
bool Restates(const StoryModel& m, const Scored& scored, const Unit& u, const Unit& c, double cosine) {
  if (cosine >= scored.redundancy) return true;
  return scored.shared_numbers > 0 && cosine >= scored.shared_numbers_cosine &&
         SharedNumbers(m, u, c) >= scored.shared_numbers;
}

// Whether `u` repeats one of chosen[from..]: the earlier ones were checked
// before. `last_dense` holds the counts of the last chosen unit, which most
// candidates have yet to be compared with.
bool Redundant(const StoryModel& m, const Scored& scored, const Unit& u, const std::vector<std::size_t>& chosen,
               std::size_t from, const std::vector<float>& last_dense) {
  for (std::size_t k = from; k < chosen.size(); ++k) {
    const Unit& c = m.units[chosen[k]];
    if (scored.redundancy > 1.0) {
      // Without a redundancy bound, still never the very same sentence twice.
      if (c.text == u.text) return true;
      continue;
    }
    const double cosine = k + 1 == chosen.size() ? Cosine(u, c, last_dense) : Cosine(u, c);
    if (Restates(m, scored, u, c, cosine)) return true;
  }
  return false;
}

bool FitsBudget(const StoryModel& m, const std::vector<std::size_t>& group, const Budget& budget, std::size_t chosen,
                std::size_t words, std::size_t bytes) {
  for (const std::size_t i : group) {
    const Unit& u = m.units[i];
    if (!FitsBudget(u, budget, chosen, words, bytes)) return false;
    words += u.words;
    bytes += (chosen == 0 ? 0 : 1) + u.bytes;
    ++chosen;
  }
  return true;
}

// The units that must be chosen together (Unit::depends_on, quote_end),
// when the scores honour them.
class GroupState {
 public:
  GroupState(const StoryModel& m, const Scored& scored, const std::vector<std::size_t>& order)
      : m_(m), scored_(scored), on_(scored.dependencies) {
    if (!on_) return;
    chosen_.assign(m.units.size(), false);
    repeats_.assign(m.units.size(), false);
    checked_.assign(m.units.size(), 0);
    slot_.assign(m.units.size(), order.size());
    for (std::size_t k = 0; k < order.size(); ++k) slot_[order[k]] = k;
  }
  // Whether unit i cannot be taken alone now.
  bool Grouped(std::size_t i) const {
    if (!on_) return false;
    const Unit& u = m_.units[i];
    return (u.depends_on != kNoUnit && !chosen_[u.depends_on]) || (u.quote_end != kNoUnit && !chosen_[u.quote_end]);
  }
  // The units to take with i, in order: back along what it leans on to one
  // already chosen, forward to the end of its quotation. False when one of
  // them may not be chosen.
  bool Collect(std::size_t i, std::vector<std::size_t>* group) const {
    // Back along what it leans on: the sentence before, or one further
    // back that brought in what it names (the units between are not taken).
    group->assign(1, i);
    for (std::size_t k = i; m_.units[k].depends_on != kNoUnit && !chosen_[m_.units[k].depends_on];) {
      k = m_.units[k].depends_on;
      group->push_back(k);
    }
    std::reverse(group->begin(), group->end());
    // Forward to the end of each one's quotation.
    const std::size_t leaned_on = group->size();
    for (std::size_t g = 0; g < leaned_on; ++g) {
      const std::size_t k = (*group)[g];
      if (m_.units[k].quote_end == kNoUnit) continue;
      for (std::size_t q = k + 1; q <= m_.units[k].quote_end; ++q) group->push_back(q);
    }
    if (group->size() > leaned_on) {
      std::sort(group->begin(), group->end());
      group->erase(std::unique(group->begin(), group->end()), group->end());
    }
    for (const std::size_t k : *group) {
      if (chosen_[k] || !(scored_.eligible[k] || Joinable(m_.units[k]))) return false;
    }
    return true;
  }
  // Whether the group of unit i may lose units once others are chosen: it
  // holds units before i's quotation that i leans on.
  bool MayShrink(const std::vector<std::size_t>& group, std::size_t i) const {
    const Unit& u = m_.units[i];
    std::size_t first = i;
    // The start of i's own quotation, which always comes whole.
    if (u.quote_end != kNoUnit) {
      while (m_.units[first].depends_on != kNoUnit && m_.units[first].standing.quote_open_before) first = m_.units[first].depends_on;
    }
    return group.front() < first;
  }
  // A short sentence may come with the one it belongs to ("Took the
  // shirt and left.", in a quotation).
  static bool Joinable(const Unit& u) {
    return u.words < 6 && !u.junk && u.ends_sentence && !u.quote_cut && !OpensWithConnective(u.text) &&
           (u.depends_on != kNoUnit || !(u.standing.quote_only || u.standing.leans_back));
  }
  // Whether a unit of the group repeats one already chosen. A unit found
  // to repeat one always will; the others are compared with the units
  // chosen since they were last.
  bool Repeats(const std::vector<std::size_t>& group, const std::vector<std::size_t>& chosen) {
    for (const std::size_t i : group) {
      if (repeats_[i]) return true;
      const Unit& u = m_.units[i];
      for (std::size_t k = checked_[i]; k < chosen.size(); ++k) {
        const Unit& c = m_.units[chosen[k]];
        if (scored_.redundancy > 1.0 ? c.text == u.text : Restates(m_, scored_, u, c, Cosine(u, c))) {
          repeats_[i] = true;
          return true;
        }
      }
      checked_[i] = chosen.size();
    }
    return false;
  }
  void Take(std::size_t i, std::vector<bool>* done) {
    if (!on_) return;
    chosen_[i] = true;
    if (slot_[i] < done->size()) (*done)[slot_[i]] = true;
  }

 private:
  const StoryModel& m_;
  const Scored& scored_;
  bool on_;
  std::vector<bool> chosen_;
  std::vector<bool> repeats_;
  std::vector<std::size_t> checked_;  // per unit: chosen units it was compared with (as part of a group)
  std::vector<std::size_t> slot_;  // unit -> its place in the selection order
};

}  // namespace

std::vector<std::size_t> Select(const StoryModel& m, const Scored& scored, const Budget& budget) {
  std::vector<std::size_t> order;
  for (std::size_t i = 0; i < m.units.size(); ++i) {
    if (scored.eligible[i]) order.push_back(i);
  }
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    if (scored.score[a] != scored.score[b]) return scored.score[a] > scored.score[b];
    if (m.units[a].doc != m.units[b].doc) return m.units[a].doc < m.units[b].doc;
    return m.units[a].position < m.units[b].position;
  });
  std::vector<std::size_t> chosen;
  std::vector<bool> done(order.size(), false);  // taken, or found not to fit / redundant
  std::vector<std::size_t> checked(order.size(), 0);  // chosen units already compared with
  // Per candidate: the number of chosen units when it was last passed over
  // as repeating them (a group that may still shrink), not to be asked again
  // until one more is chosen.
  std::vector<std::size_t> passed_at(order.size(), static_cast<std::size_t>(-1));
  GroupState groups(m, scored, order);
  std::vector<std::size_t> taken_from(m.doc_ranges.size(), 0);
  std::size_t words = 0, bytes = 0;
  std::vector<float> last_dense(m.vocabulary, 0.0f);  // the last chosen unit's counts by term
  const bool cover = scored.coverage > 0 && !scored.concept_weight.empty();
  const bool spread = scored.same_doc_factor != 1.0 || cover;
  // Coverage: the concepts chosen units hold, and per candidate (by its
  // place in `order`) the factor that turns its uncovered weight into its
  // share of the value (coverage / length^power / the best first gain).
  std::vector<bool> covered(cover ? m.bigram_vocabulary : 0, false);
  std::vector<double> gain_factor(cover ? order.size() : 0, 0.0);
  std::vector<double> gain(cover ? order.size() : 0, 0.0);  // per candidate: its uncovered weight when last counted
  const auto Uncovered = [&](const Unit& u) {
    double total = 0;
    for (const std::uint32_t b : u.bigrams) total += covered[b] ? 0.0f : scored.concept_weight[b];
    return total;
  };
  if (cover) {
    double best_gain = 0;
    for (std::size_t k = 0; k < order.size(); ++k) {
      const Unit& u = m.units[order[k]];
      gain_factor[k] = 1.0 / std::pow(static_cast<double>(std::max<std::size_t>(1, u.words)), scored.coverage_length_power);
      gain[k] = Uncovered(u);
      best_gain = std::max(best_gain, gain[k] * gain_factor[k]);
    }
    for (double& f : gain_factor) f = best_gain > 0 ? f * scored.coverage / best_gain : 0.0;
  }
  // same_doc_factor ^ n, computed once per n (a pow per candidate and round was most of the selection's time).
  std::vector<double> factors;
  const auto DocFactor = [&](std::size_t n) {
    while (factors.size() <= n) factors.push_back(std::pow(scored.same_doc_factor, static_cast<double>(factors.size())));
    return factors[n];
  };
  // The fact keys the chosen units hold (Scored::covered_share).
  const bool by_keys = scored.covered_share > 0 && scored.key_weight.size() == m.key_count;
  std::vector<bool> key_held(by_keys ? m.key_count : 0, false);
  std::vector<std::uint32_t> key_seen(by_keys ? m.key_count : 0, 0);
  std::uint32_t stamp = 0;
  const auto StatedBefore = [&](const Unit& u) {
    if (!by_keys) return false;
    ++stamp;
    double total = 0, held = 0;
    for (const auto& [term, count] : u.tf) {
      const std::uint32_t key = m.term_key[term];
      if (key_seen[key] == stamp) continue;
      key_seen[key] = stamp;
      total += scored.key_weight[key];
      if (key_held[key]) held += scored.key_weight[key];
    }
    return total > 0 && held >= scored.covered_share * total;
  };
  std::vector<std::size_t> group;
  for (;;) {
    // The best remaining unit: with spreading, its score is discounted by
    // the units already taken from its article (scores are >= 0 then);
    // otherwise the first in score order.
    std::size_t best = order.size();
    double best_score = 0;
    for (std::size_t k = 0; k < order.size(); ++k) {
      if (done[k] || passed_at[k] == chosen.size()) continue;
      const Unit& u = m.units[order[k]];
      if (groups.Grouped(order[k])) {
        // It comes with the units it leans on, or with its whole quotation.
        if (!groups.Collect(order[k], &group)) {
          done[k] = true;
          continue;
        }
        if (!FitsBudget(m, group, budget, chosen.size(), words, bytes) || groups.Repeats(group, chosen)) {
          // What does not fit or repeats now may, once the units it leans
          // on are chosen for themselves, no longer need them.
          if (!groups.MayShrink(group, order[k])) done[k] = true;
          continue;
        }
      } else if (!FitsBudget(u, budget, chosen.size(), words, bytes) ||
                 Redundant(m, scored, u, chosen, checked[k], last_dense)) {
        // The budget left only shrinks and the chosen set only grows: it never comes back.
        done[k] = true;
        continue;
      } else {
        checked[k] = chosen.size();
      }
      // (A group counts its unit's score: taking quotations whole was worth
      // more on multinews-val250 than discounting them by their length.)
      if (!spread) {
        best = k;
        break;
      }
      double value = scored.score[order[k]];
      if (cover) {
        // Gains only shrink as units are chosen: a candidate whose last
        // known gain cannot beat the best so far is not counted again.
        if (best != order.size() && (value + gain[k] * gain_factor[k]) * DocFactor(taken_from[u.doc]) <= best_score) {
          continue;
        }
        gain[k] = Uncovered(u);
        value += gain[k] * gain_factor[k];
      }
      value *= DocFactor(taken_from[u.doc]);
      if (best == order.size() || value > best_score) {
        best = k;
        best_score = value;
      }
    }
    if (best == order.size()) break;
    done[best] = true;
    group.assign(1, order[best]);
    if (groups.Grouped(order[best])) groups.Collect(order[best], &group);
    // Asked of the winner only: what the chosen units state only grows, so
    // a unit that repeats them now would have been passed over before, and
    // the others' order does not depend on it (most candidates never win).
    if (std::any_of(group.begin(), group.end(), [&](std::size_t i) { return StatedBefore(m.units[i]); })) {
      // A group that may lose units once others are chosen is only passed
      // over until then, as the scan above does with groups that repeat.
      if (groups.Grouped(order[best]) && groups.MayShrink(group, order[best])) {
        done[best] = false;
        passed_at[best] = chosen.size();
      }
      continue;
    }
    for (const std::size_t i : group) {
      const Unit& u = m.units[i];
      if (!chosen.empty()) {
        for (const auto& [id, w] : m.units[chosen.back()].tf) last_dense[id] = 0;
      }
      for (const auto& [id, w] : u.tf) last_dense[id] = w;
      if (cover) {
        for (const std::uint32_t b : u.bigrams) covered[b] = true;
      }
      if (by_keys) {
        for (const auto& [term, count] : u.tf) key_held[m.term_key[term]] = true;
      }
      chosen.push_back(i);
      groups.Take(i, &done);
      ++taken_from[u.doc];
      words += u.words;
      bytes += (chosen.size() == 1 ? 0 : 1) + u.bytes;
    }
    if (budget.kind == BudgetKind::kWords && words >= budget.limit) break;
    if (budget.kind == BudgetKind::kBytes && bytes + 2 >= budget.limit) break;
    if (budget.kind == BudgetKind::kSentences && chosen.size() >= budget.limit) break;
  }
  return chosen;
}

}  // namespace precis::summarize::detail
