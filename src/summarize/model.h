// Internal: the story as the summarizer sees it — sentence units with sparse
// term vectors — and the pieces that score and select them.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/dense_ids.h"
#include "precis/summarize.h"
#include "precis/text.h"
#include "text/standalone.h"

namespace precis::summarize::detail {

// term id -> weight, sorted by id.
using SparseVector = std::vector<std::pair<std::uint32_t, float>>;

inline constexpr std::size_t kNoUnit = static_cast<std::size_t>(-1);

struct Unit {
  std::string text;
  std::size_t doc = 0;
  std::size_t position = 0;     // sentence index in its document
  std::size_t words = 0;        // whitespace fields (ROUGE -l)
  std::size_t bytes = 0;
  std::size_t tokens = 0;       // word tokens
  std::size_t content_tokens = 0;
  SparseVector tf;              // content stems, raw counts
  double norm = 0;              // Norm(tf), kept for the many cosines between units
  std::vector<std::uint32_t> bigrams;  // unique stem bigrams (not both stopwords)
  bool paragraph_start = false;
  bool ends_sentence = false;   // ends with . ! ? (before closing quotes)
  bool junk = false;            // looks like web boilerplate or a caption
  // Whether the sentence reads right away from its article (text/standalone.h).
  text::Standing standing;
  bool quote_cut = false;  // part of a quotation that can never be read whole
  // The last unit of the quotation of several sentences this one is part
  // of (kNoUnit when none): it can be read only with the whole of it.
  std::size_t quote_end = kNoUnit;
  // The unit this one must be read right after (the previous one of its
  // article), or kNoUnit: it points back to it, continues its quotation,
  // or is a quote whose speaker it names. Such a unit may be chosen only
  // with that one, and must be read right after it.
  std::size_t depends_on = kNoUnit;
};

struct StoryModel {
  std::vector<Unit> units;                        // document order, then position
  std::vector<std::pair<std::size_t, std::size_t>> doc_ranges;  // [begin, end) into units
  std::size_t vocabulary = 0;                     // term ids are < vocabulary
  std::size_t bigram_vocabulary = 0;
  std::vector<std::uint32_t> sentence_freq;       // per term: units containing it
  std::vector<std::uint32_t> doc_freq;            // per term: documents containing it
  std::vector<std::uint32_t> bigram_doc_freq;     // per bigram: documents containing it
  // The terms of the story's query (Story::query): its stems that are
  // content terms of the story (in some unit's tf), less the words that only
  // phrase a request ("discuss", "include", ...); sorted. Empty without a
  // query.
  std::vector<std::uint32_t> query_terms;
  // Per term: its fact key (citations.h: FactKey), numbered below key_count;
  // per key: whether it is a number. Citations compare sentences by these.
  std::vector<std::uint32_t> term_key;
  std::size_t key_count = 0;
  std::vector<bool> key_number;
  std::vector<bool> key_lowercase;  // per key: seen in lower case (so not only a name)
  std::vector<bool> key_one_digit;  // per key: a number of one digit (0-9: counts that recur by chance)
};

// Builds the model; keeps its vocabulary maps between calls to save allocations.
class ModelBuilder {
 public:
  // Sentences longer than `max_sentence_bytes` (0: no limit) are cut; returns
  // how many were.
  std::size_t Build(const Story& story, StoryModel* model, std::size_t max_sentence_bytes = 0);

 private:
  // The story's term id of a token's stem (a new one on first sight).
  std::uint32_t TermOf(const text::Token& token, StoryModel* model);
  // Appends the unit of one sentence (nothing when it has no tokens).
  void AddUnit(text::Sentence& sentence, const text::Standing& standing, std::size_t doc, std::size_t begin,
               StoryModel* model);
  // From the sentence's tokens_ and ids_: u's content term counts (sorted by
  // term, stopwords left out), and its unique bigrams of stems (unless both
  // are stopwords); the model's frequencies counted for article `doc`.
  void CountTerms(std::size_t doc, Unit* u, StoryModel* model);
  // The fact key of a term seen for the first time (StoryModel::term_key).
  void AddTermKey(const text::Token& token, StoryModel* model);
  void CollectBigrams(std::size_t doc, Unit* u, StoryModel* model);
  // Quotations, dependencies and cuts of the units of the article from
  // `begin` (Unit::quote_cut, quote_end, depends_on).
  void LinkUnits(std::size_t begin, StoryModel* model);
  // Units that open with one a sentence further back brought in
  // (text::Standing::antecedent_back) depend on that sentence's unit.
  void LinkAntecedents(StoryModel* model) const;
  // "The plan was approved ...", where no other article of a story of
  // three or more names a plan: it stands for something its own article
  // told just before, and depends on that sentence (not "The city said").
  void LinkUnknownSubjects(StoryModel* model);
  // model->query_terms from `query`, once the articles are read.
  void FindQueryTerms(std::string_view query, StoryModel* model);

  text::SentenceSplitter splitter_;
  text::Analyzer analyzer_;
  // Stem -> term id for the story. Consulted once per stem: the analyzer's
  // stem ids map to term ids directly (term_of_stem_) until its cache drops.
  internal::DenseStringIds terms_;
  std::vector<std::uint32_t> term_of_stem_;  // stem id -> term id + 1 (0: not seen in this story)
  std::vector<std::uint32_t> stems_seen_;    // the stem ids set in term_of_stem_
  std::size_t analyzer_resets_ = 0;
  // Fact keys are numbered once across stories (until the analyzer's
  // stems are renumbered): a stem's key is then an integer, and the story's
  // own numbering of keys (StoryModel::term_key) hashes no string.
  static constexpr std::size_t kMostKeys = std::size_t{1} << 20;
  internal::DenseStringIds all_keys_;        // fact key -> its number across stories (cleared past kMostKeys)
  std::vector<bool> all_key_number_;         // per number of all_keys_: IsNumberKey
  std::vector<bool> all_key_one_digit_;      // per number of all_keys_: a number key of one digit
  std::string key_buffer_;
  std::vector<std::uint32_t> key_of_stem_;   // stem id -> number in all_keys_ + 1 (0: not computed)
  internal::DenseIds keys_;                  // number in all_keys_ -> key of the story
  internal::DenseIds bigrams_;
  std::vector<std::uint32_t> doc_seen_;      // per term: last doc index + 1 that saw it
  std::vector<std::uint32_t> bigram_seen_;   // per bigram: the same
  std::vector<text::Sentence> sentences_;
  std::vector<std::string_view> sentence_views_;
  std::vector<bool> paragraph_starts_;
  std::vector<text::Standing> standing_;
  std::vector<std::size_t> unit_of_sentence_;  // per sentence of the article: its unit, or kNoUnit (no tokens)
  std::vector<text::Token> tokens_;
  std::vector<std::uint32_t> ids_;           // term ids of a sentence's tokens
  std::vector<std::uint32_t> scratch_;
};

double Dot(const SparseVector& a, const SparseVector& b);
// How many terms the two vectors have in common.
std::size_t SharedTerms(const SparseVector& a, const SparseVector& b);
double Norm(const SparseVector& a);
double Cosine(const SparseVector& a, const SparseVector& b);
// Cosine(a.tf, b.tf), with the units' norms.
double Cosine(const Unit& a, const Unit& b);
// Multiplies every weight by idf[term].
SparseVector Weighted(const SparseVector& v, const std::vector<float>& idf);

// A method's parameters: "k=v,k=v" as given, and the method's defaults
// (its registry entry, method_registry.h) for the others.
class Params {
 public:
  // Throws Error on bad syntax, a value that is not a finite number, or a
  // key that is not one of `method`'s parameters.
  Params(const std::string& spec, const MethodInfo& method);
  // The value given, else the method's default. A key the method does not
  // declare is a bug (its entry lacks it): throws std::logic_error.
  double Get(std::string_view key) const;
  bool Given(std::string_view key) const;
  // The same values read with `method`'s defaults (a fallback method's):
  // keys it does not declare are ignored.
  Params For(const MethodInfo& method) const;

 private:
  Params() = default;
  std::vector<std::pair<std::string, double>> values_;
  const MethodInfo* method_ = nullptr;
};

// The per-unit scores of a method and how to select from them.
struct Scored {
  std::vector<double> score;     // higher is better; NaN-free
  std::vector<bool> eligible;    // may be chosen at all
  double redundancy = 1.01;      // max cosine to an already chosen unit (> 1: no check)
  // A unit that states `shared_numbers` or more of a chosen unit's numbers
  // (distinct: "212 passengers and 14 crew") with a cosine of at least
  // `shared_numbers_cosine` repeats its fact, whatever else it says (0: off).
  std::size_t shared_numbers = 0;
  double shared_numbers_cosine = 0;
  // A unit whose content the chosen units already state, spread over any
  // of them and in other words of the same stems, repeats them: the share
  // of its fact keys (FactKey), each weighed by key_weight, that chosen
  // units hold reaches `covered_share` (0: off).
  double covered_share = 0;
  std::vector<float> key_weight;  // per fact key (StoryModel::key_count)
  // Each unit already taken from an article multiplies the scores of that
  // article's other units by this factor (1: off): spreads the summary
  // over the articles that report the story.
  double same_doc_factor = 1.0;
  const std::vector<float>* idf = nullptr;  // for the redundancy cosine (null: raw tf)
  bool question = false;  // scored for the story's question (StoryModel::query_terms)
  // Whether Select honours Unit::depends_on: a unit that leans on the one
  // before it is taken only once that one is (the reading order must then
  // keep it right after it).
  bool dependencies = false;
  // Concept coverage (off when empty): per bigram, its weight. A unit's
  // value in the selection is then its score plus `coverage` times the
  // weight of its bigrams that no chosen unit holds yet, per word^
  // coverage_length_power, scaled so that the best unit's first value is 1:
  // greedy budgeted coverage, which avoids repeating itself by itself.
  std::vector<float> concept_weight;
  double coverage = 0;
  double coverage_length_power = 1;
};

// Units that read as sentences (no junk, minwords..maxwords words, a
// sentence end unless needend=0); all non-junk units when none does.
// Also not (unless standalone=0): quotations cut, quotes without their
// speaker, units that lean on no sentence, and, unless `whole_quotes` (the
// selection takes a quotation of several sentences whole), every part of
// such a quotation.
std::vector<bool> SentenceLike(const StoryModel& model, const Params& params, bool whole_quotes = false);
bool StandsAlone(const Unit& u, bool whole_quotes);

// The "concepts" method (concepts.cc): bigram concept coverage as an
// integer program, solved within a time limit, its size capped at
// `maxpairs` sentence-concept pairs (default kDefaultMaxPairs).
inline constexpr double kDefaultMaxPairs = 20000;
struct ConceptSelection {
  bool solved = false;   // false: no concepts, or no solution in time (fall back)
  bool optimal = false;  // proven optimal (not cut by the time limit)
  std::size_t pairs_found = 0;  // sentence-concept pairs of the story's candidates
  std::size_t pairs_used = 0;   // those the program was given (at most maxpairs)
  std::vector<std::size_t> chosen;  // units, in index order
  std::vector<double> scores;       // per chosen unit: the concept weight it holds
};
ConceptSelection SelectConcepts(const StoryModel& model, const Budget& budget, const Params& params);

// Greedy selection under the budget in score order (ties: document, position).
std::vector<std::size_t> Select(const StoryModel& model, const Scored& scored, const Budget& budget);

}  // namespace precis::summarize::detail
