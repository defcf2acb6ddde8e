#include <algorithm>
#include <chrono>

#include "precis/error.h"
#include "precis/summarize.h"
#include "summarize/model.h"
#include "summarize/timeline.h"

namespace precis::summarize {

std::string_view BudgetKindName(BudgetKind kind) {
  switch (kind) {
    case BudgetKind::kWords: return "words";
    case BudgetKind::kBytes: return "bytes";
    case BudgetKind::kSentences: return "sentences";
  }
  return "words";
}

const std::vector<std::string>& MethodNames() {
  static const std::vector<std::string> names = {"precis", "lead", "centroid", "lexrank", "textrank", "concepts"};
  return names;
}

std::string_view DefaultMethod() { return "precis"; }

struct Summarizer::Impl {
  detail::ModelBuilder builder;
  detail::StoryModel model;
  StageTimes* times = nullptr;
};

Summarizer::Summarizer() : impl_(std::make_unique<Impl>()) {}
Summarizer::~Summarizer() = default;
Summarizer::Summarizer(Summarizer&&) noexcept = default;
Summarizer& Summarizer::operator=(Summarizer&&) noexcept = default;
void Summarizer::set_stage_times(StageTimes* times) { impl_->times = times; }

namespace {

using Clock = std::chrono::steady_clock;
double Ns(Clock::time_point a, Clock::time_point b) {
  return static_cast<double>(std::chrono::duration_cast<std::chrono::nanoseconds>(b - a).count());
}

// Similarity for citations: cosine of content-term counts, with at least
// `min_shared` terms in common so that short fragments do not cite at random.
// `a_dense` holds a's counts by term (0 elsewhere): one pass over b's terms
// instead of a merge of both lists, for every unit of the story.
double CitationSimilarity(const detail::Unit& a, const std::vector<float>& a_dense, const detail::Unit& b) {
  std::size_t shared = 0;
  double dot = 0;  // summed in term order, as detail::Dot does
  // Without a branch per term: a term a lacks adds 0 to both sums, which
  // leaves them exactly as they were (the weights are positive).
  for (const auto& [id, w] : b.tf) {
    shared += a_dense[id] != 0 ? 1 : 0;
    dot += static_cast<double>(a_dense[id]) * w;
  }
  const std::size_t smaller = std::min(a.tf.size(), b.tf.size());
  if (shared < std::min<std::size_t>(3, smaller) || shared == 0) return 0;
  if (a.norm == 0 || b.norm == 0) return 0;
  return dot / (a.norm * b.norm);
}

}  // namespace

Summary Summarizer::Summarize(const Story& story, const Options& options) {
  Impl& im = *impl_;
  Summary summary;
  summary.story_id = story.id;
  summary.method = options.method.empty() ? std::string(DefaultMethod()) : options.method;
  summary.budget = options.budget;
  if (std::find(MethodNames().begin(), MethodNames().end(), summary.method) == MethodNames().end()) {
    std::string known;
    for (const auto& n : MethodNames()) known += (known.empty() ? "" : ", ") + n;
    throw Error("unknown method \"" + summary.method + "\" (known: " + known + ")");
  }
  const detail::Params params(options.params);
  params.CheckKeys(detail::MethodParameterNames(summary.method), summary.method);

  const auto t0 = Clock::now();
  summary.sentences_cut = im.builder.Build(story, &im.model, options.max_sentence_bytes);
  const detail::StoryModel& m = im.model;
  summary.candidate_sentences = m.units.size();
  const auto t1 = Clock::now();
  // "concepts" selects by itself (an integer program); the others score
  // units for the greedy selection. Its fallback is the default method.
  const bool concepts = summary.method == "concepts";
  // The integer program has no use for a question, and its fallback answers
  // none either: the method gives the same brief with or without one.
  if (concepts) im.model.query_terms.clear();
  detail::Scored scored = detail::ScoreUnits(m, concepts ? std::string(DefaultMethod()) : summary.method, params);
  summary.answers_question = scored.question;
  const auto t2 = Clock::now();
  std::vector<std::size_t> chosen;
  detail::ConceptSelection selection;
  if (concepts) selection = detail::SelectConcepts(m, options.budget, params);
  if (selection.solved) {
    chosen = selection.chosen;
    for (std::size_t k = 0; k < chosen.size(); ++k) scored.score[chosen[k]] = selection.scores[k];
  } else {
    chosen = detail::Select(m, scored, options.budget);
  }

  // Reading order: by when things happened (timeline.h).
  const detail::Timeline timeline = detail::BuildTimeline(story, m);
  chosen = detail::OrderByTime(m, timeline, chosen);

  const std::size_t docs = story.docs.size();
  std::vector<float> dense(m.vocabulary, 0.0f);
  for (std::size_t index : chosen) {
    const detail::Unit& u = m.units[index];
    for (const auto& [id, w] : u.tf) dense[id] = w;
    SummarySentence s;
    s.text = u.text;
    s.doc = u.doc;
    s.position = u.position;
    s.score = scored.score[index];
    detail::DescribeTime(timeline, index, u, &s);
    s.support.push_back({u.doc, u.position, 1.0});
    // The best matching sentence of every other article.
    for (std::size_t d = 0; d < m.doc_ranges.size(); ++d) {
      if (d == u.doc) continue;
      double best = 0;
      std::size_t best_pos = 0;
      for (std::size_t j = m.doc_ranges[d].first; j < m.doc_ranges[d].second; ++j) {
        const double sim = CitationSimilarity(u, dense, m.units[j]);
        if (sim > best) {
          best = sim;
          best_pos = m.units[j].position;
        }
      }
      if (best >= options.citation_threshold) s.support.push_back({d, best_pos, best});
    }
    for (const auto& [id, w] : u.tf) dense[id] = 0;
    for (const Support& sup : s.support) s.cited_docs.push_back(sup.doc);
    std::sort(s.cited_docs.begin(), s.cited_docs.end());
    s.support_score = docs == 0 ? 0 : static_cast<double>(s.cited_docs.size()) / static_cast<double>(docs);
    summary.words += u.words;
    summary.bytes += (summary.sentences.empty() ? 0 : 1) + u.bytes;
    summary.sentences.push_back(std::move(s));
  }
  const auto t3 = Clock::now();
  if (im.times != nullptr) {
    im.times->segment_ns += Ns(t0, t1);
    im.times->score_ns += Ns(t1, t2);
    im.times->select_ns += Ns(t2, t3);
  }
  return summary;
}

}  // namespace precis::summarize
