#include <algorithm>
#include <chrono>

#include "precis/error.h"
#include "precis/summarize.h"
#include "summarize/citations.h"
#include "summarize/copies.h"
#include "summarize/disagreements.h"
#include "summarize/method_registry.h"
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

void ValidateOptions(const Options& options) {
  if (options.budget.limit == 0) throw Error("the length budget must be at least 1");
  if (!(options.citation_threshold >= 0 && options.citation_threshold <= 1)) {
    throw Error("the citation threshold must be between 0 and 1");
  }
  detail::Params(options.params, detail::FindEntry(options.method).info);
}

std::string_view SupportLevelName(SupportLevel level) {
  return level == SupportLevel::kReports ? "reports" : "partly";
}

struct Summarizer::Impl {
  detail::ModelBuilder builder;
  detail::StoryModel model;
  detail::CitationFinder citations;
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

// Per article: dated (by its own date, not an estimate) before the day the
// unit's own words give its event: it cannot report the event.
std::vector<bool> WrittenBefore(const detail::Timeline& timeline, std::size_t unit) {
  const detail::UnitTime& time = timeline.units[unit];
  if (time.basis != detail::DateBasis::kPhrase || !time.event.known()) return {};
  std::vector<bool> before(timeline.article.size(), false);
  for (std::size_t d = 0; d < timeline.article.size(); ++d) {
    const detail::Day written = timeline.article[d];
    before[d] = written != detail::kNoDay && !timeline.estimated[d] && !timeline.dropped[d] && written < time.event.lo;
  }
  return before;
}

// Whether chosen units `a` and `b` (in brief order) are one quotation told
// in two sentences: adjacent in one article, the first left open, the
// second going on with it.
bool OneQuotation(const detail::StoryModel& m, std::size_t a, std::size_t b) {
  const detail::Unit& first = m.units[a];
  const detail::Unit& second = m.units[b];
  return first.doc == second.doc && first.position + 1 == second.position && first.standing.quote_open_after &&
         second.standing.quote_open_before;
}

// Sets each sentence's cited articles from its support.
void SetCitedDocs(std::size_t docs, SummarySentence* s) {
  s->cited_docs.clear();
  for (const Support& sup : s->support) s->cited_docs.push_back(sup.doc);
  std::sort(s->cited_docs.begin(), s->cited_docs.end());
  s->support_score = docs == 0 ? 0 : static_cast<double>(s->cited_docs.size()) / static_cast<double>(docs);
}

// A quotation the brief gives in several sentences is cited as one
// (CitationFinder::CiteQuotation), its markers printed once at its end.
void CiteQuotationsWhole(const detail::StoryModel& m, const std::vector<std::size_t>& chosen, double threshold,
                         const detail::CitationFinder& citations, Summary* summary) {
  std::vector<SummarySentence>& sentences = summary->sentences;
  for (std::size_t first = 0; first < sentences.size();) {
    std::size_t last = first;
    while (last + 1 < sentences.size() && OneQuotation(m, chosen[last], chosen[last + 1])) ++last;
    if (last > first) {
      std::vector<std::size_t> units(chosen.begin() + static_cast<std::ptrdiff_t>(first),
                                     chosen.begin() + static_cast<std::ptrdiff_t>(last) + 1);
      std::vector<std::vector<Support>> each;
      for (std::size_t k = first; k <= last; ++k) each.push_back(sentences[k].support);
      const std::vector<Support> whole = citations.CiteQuotation(units, each, threshold);
      for (std::size_t k = first; k <= last; ++k) {
        SummarySentence& s = sentences[k];
        s.support.resize(1);  // its own entry
        s.support.insert(s.support.end(), whole.begin() + 1, whole.end());
        SetCitedDocs(m.doc_ranges.size(), &s);
        s.cites_with_next = k < last;
      }
    }
    first = last + 1;
  }
}

// Article indices of the deduplicated story -> those of the input.
void ToInputIndices(const std::vector<std::size_t>& input_index, Summary* summary) {
  for (SummarySentence& s : summary->sentences) {
    s.doc = input_index[s.doc];
    for (Support& sup : s.support) sup.doc = input_index[sup.doc];
    for (std::size_t& d : s.cited_docs) d = input_index[d];
  }
  for (Disagreement& d : summary->disagreements) {
    for (DisagreementVersion& v : d.versions) {
      for (std::size_t& doc : v.docs) doc = input_index[doc];
      for (Support& sup : v.sentences) sup.doc = input_index[sup.doc];
    }
  }
}

}  // namespace

Summary Summarizer::Summarize(const Story& input, const Options& options) {
  Impl& im = *impl_;
  // Copies count once: the story is summarized without them, and the
  // summary's article indices are mapped back to the input's at the end.
  Story deduplicated;
  std::vector<std::size_t> input_index;  // deduplicated doc -> input doc
  const std::vector<std::size_t> copy_of = detail::FindCopies(input);
  const bool has_copies = std::any_of(copy_of.begin(), copy_of.end(), [&, d = std::size_t{0}](std::size_t o) mutable {
    return o != d++;
  });
  if (has_copies) {
    deduplicated.id = input.id;
    deduplicated.query = input.query;
    for (std::size_t d = 0; d < input.docs.size(); ++d) {
      if (copy_of[d] != d) continue;
      deduplicated.docs.push_back(input.docs[d]);
      input_index.push_back(d);
    }
  }
  const Story& story = has_copies ? deduplicated : input;
  Summary summary;
  summary.copy_of = copy_of;
  summary.story_id = story.id;
  summary.method = options.method.empty() ? std::string(DefaultMethod()) : options.method;
  summary.budget = options.budget;
  ValidateOptions(options);
  const detail::MethodEntry& method = detail::FindEntry(summary.method);
  const detail::Params params(options.params, method.info);

  const auto t0 = Clock::now();
  summary.sentences_cut = im.builder.Build(story, &im.model, options.max_sentence_bytes);
  const detail::StoryModel& m = im.model;
  summary.candidate_sentences = m.units.size();
  const auto t1 = Clock::now();
  // A method that does not read questions gives the same brief with or
  // without one; so does the fallback of a method that selects by itself
  // ("concepts": an integer program, which has no use for a question).
  if (!method.info.reads_questions) im.model.query_terms.clear();
  // A method that selects by itself is scored by its fallback, whose
  // selection is used when it finds no solution.
  const detail::MethodEntry& scorer = method.fallback.empty() ? method : detail::FindEntry(method.fallback);
  detail::Scored scored = scorer.score(m, &scorer == &method ? params : params.For(scorer.info));
  summary.answers_question = scored.question;
  const auto t2 = Clock::now();
  std::vector<std::size_t> chosen;
  detail::ConceptSelection selection;
  if (method.select != nullptr) selection = method.select(m, options.budget, params);
  if (selection.solved) {
    chosen = selection.chosen;
    for (std::size_t k = 0; k < chosen.size(); ++k) scored.score[chosen[k]] = selection.scores[k];
  } else {
    chosen = detail::Select(m, scored, options.budget);
  }

  // Reading order: by when things happened (timeline.h).
  const detail::Timeline timeline = detail::BuildTimeline(story, m);
  // A sentence that points back stays right after the one it points to.
  std::vector<std::size_t> depends_on(chosen.size(), detail::kNoDependency);
  for (std::size_t k = 0; k < chosen.size(); ++k) {
    const std::size_t target = m.units[chosen[k]].depends_on;
    if (target == detail::kNoUnit) continue;
    const auto it = std::find(chosen.begin(), chosen.end(), target);
    if (it != chosen.end()) depends_on[k] = static_cast<std::size_t>(it - chosen.begin());
  }
  chosen = detail::OrderByTime(m, timeline, chosen, depends_on);

  const std::size_t docs = story.docs.size();
  im.citations.Prepare(m);
  summary.disagreements = detail::FindDisagreements(story, m, im.citations);
  for (std::size_t index : chosen) {
    const detail::Unit& u = m.units[index];
    SummarySentence s;
    s.text = u.text;
    s.doc = u.doc;
    s.position = u.position;
    s.score = scored.score[index];
    detail::DescribeTime(timeline, index, u, &s);
    s.support = im.citations.Cite(index, options.citation_threshold, WrittenBefore(timeline, index));
    SetCitedDocs(docs, &s);
    summary.words += u.words;
    summary.bytes += (summary.sentences.empty() ? 0 : 1) + u.bytes;
    summary.sentences.push_back(std::move(s));
  }
  CiteQuotationsWhole(m, chosen, options.citation_threshold, im.citations, &summary);
  if (has_copies) ToInputIndices(input_index, &summary);
  const auto t3 = Clock::now();
  if (im.times != nullptr) {
    im.times->segment_ns += Ns(t0, t1);
    im.times->score_ns += Ns(t1, t2);
    im.times->select_ns += Ns(t2, t3);
  }
  return summary;
}

}  // namespace precis::summarize
