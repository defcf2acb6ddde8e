// precis::summarize — one story (several articles) in, one cited extractive
// summary out.
//
// Contract:
// - Summarizer::Summarize() reads Document::text only, as the clean stage
//   left it (pipeline.h: SummarizerInput), splits it into sentences (text.h),
//   scores them with the chosen method, selects sentences under the budget
//   without repeating content, orders them by when their events happened
//   (their own time phrases read against their article's date, the dates of
//   the same content in other articles, their article's date; undated ones
//   last; then article order and position) and cites, for every chosen sentence, each
//   document that reports it: one of its sentences, or two adjacent ones,
//   holds most of the sentence's weighted fact keys without contradicting
//   it (another count, another speaker, written before the event), with a
//   level (SupportLevel). Copies among the documents count once
//   (Summary::copy_of); facts the documents give with different values are
//   listed (Summary::disagreements).
// - Budget: words and bytes are counted on the summary text as ROUGE-1.5.5
//   counts them for -l and -b: words are whitespace-separated fields of the
//   sentences; bytes are those of the sentences joined by single spaces
//   (ROUGE does not count the joining spaces, so its count is never larger).
//   Citation markers and the source list are not part of the summary text.
//   A summary never exceeds its budget and holds whole sentences only;
//   sentences that do not fit are skipped and smaller ones may fill the rest.
// - Deterministic: the same story and options give the same summary, on any
//   thread. Ties are broken by article order, then position.
// - Methods: "lead", "centroid", "lexrank", "textrank" (classic baselines)
//   and "precis" (the default: article centrality x position, centroid and
//   cross-article support, junk filtering, redundancy control).
// - Questions: when Story::query is set, "precis" prefers the sentences that
//   touch what it asks (weighted by how important they are to the story)
//   over position; the other methods, "concepts" and its fallback included,
//   ignore it. Summary::answers_question tells which happened.
// - Errors: options ValidateOptions refuses throw Error. A story without
//   text gives an empty summary.
// Thread safety: a Summarizer keeps per-thread buffers (ICU, stemmer): use
// one per thread. Options and Summary are plain values.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "precis/document.h"

namespace precis::summarize {

enum class BudgetKind { kWords, kBytes, kSentences };

struct Budget {
  BudgetKind kind = BudgetKind::kWords;
  std::size_t limit = 100;
};

std::string_view BudgetKindName(BudgetKind kind);  // "words", "bytes", "sentences"

struct Options {
  std::string method;     // empty: DefaultMethod()
  Budget budget;
  // Another article reports a chosen sentence when its best sentence (or
  // two adjacent ones) covers at least this share of the sentence's
  // weighted fact keys; from 0.8 of it, it reports it partly.
  double citation_threshold = 0.5;
  // Method parameters "key=value,key=value" (for tuning; empty: defaults).
  std::string params;
  // Longest sentence, in bytes, taken whole (0: no limit); a longer one
  // (a table or a list run into one line) is cut at spaces into pieces of at
  // most this size, and Summary::sentences_cut counts it. Bounds the work
  // one sentence can cost.
  std::size_t max_sentence_bytes = 8192;
};

// A method's tuning parameter: Options::params "name=value,...".
struct MethodParameter {
  std::string_view name;
  double default_value = 0;
  std::string_view meaning;
};

// A summarization method as the registry declares it: what --method and
// --params accept, and what the help lists.
struct MethodInfo {
  std::string_view name;
  std::string_view description;
  std::vector<MethodParameter> parameters;  // the only keys Options::params may give it
  bool reads_questions = false;             // scores for Story::query (else a generic brief)
};

// Every method, the default first.
const std::vector<MethodInfo>& Methods();
// The method of that name, or nullptr.
const MethodInfo* FindMethod(std::string_view name);
const std::vector<std::string>& MethodNames();  // Methods()' names
std::string_view DefaultMethod();

// Throws Error naming what is wrong: a budget of 0, a citation threshold
// outside 0..1, an unknown method, method parameters that are not
// "key=number,..." or not the method's. Summarize() checks the same.
void ValidateOptions(const Options& options);

// How fully an article reports a summary sentence.
enum class SupportLevel {
  kReports,  // states what the sentence states (its specifics included)
  kPartly,   // states a part of it, or states it less specifically
};
std::string_view SupportLevelName(SupportLevel level);  // "reports", "partly"

// The sentence (or two adjacent sentences) of an article that reports the
// content of a summary sentence.
struct Support {
  std::size_t doc = 0;        // index into Story::docs
  std::size_t sentence = 0;   // sentence index within that document
  // Coverage: the weighted share of the summary sentence's fact keys that
  // the article's sentence(s) hold; 1 for the sentence itself.
  double similarity = 0;
  std::size_t sentences = 1;  // 2: the support spans `sentence` and the next one
  SupportLevel level = SupportLevel::kReports;
};

struct SummarySentence {
  std::string text;
  std::size_t doc = 0;       // the article it was taken from
  std::size_t position = 0;  // its sentence index there (0-based)
  std::vector<std::size_t> cited_docs;  // sorted, always holds `doc`; never a copy (Summary::copy_of)
  std::vector<Support> support;         // the sentence itself first, then others by document
  double support_score = 0;  // share of the story's articles (copies counted once) that report it, in (0, 1]
  double score = 0;          // the method's score for the sentence
  // When its event happened, "YYYY-MM-DD", or "" when nothing says. For a
  // vague phrase ("last week") the middle of the days it may mean, which
  // event_date_earliest / event_date_latest give (both "" when exact).
  std::string event_date;
  std::string event_date_earliest;
  std::string event_date_latest;
  // What dates it: "phrase" (its own words, date_phrase, read against its
  // article's date, estimated when the article has none), "shared" (the same
  // content in another article that dates it), "context" (the sentence
  // before it in its article), "article" (its article's date), "" (nothing).
  std::string date_basis;
  std::string date_phrase;   // the words of `text` that date it ("on Wednesday"), or ""
  // The next sentence goes on with the same quotation: both are cited as one
  // quotation (the same articles), and text formats print the citation
  // markers once, after the quotation's last sentence.
  bool cites_with_next = false;
};

// One value that some articles give for a fact on which they disagree.
struct DisagreementVersion {
  std::string value;               // as an article gives it: "14", "Thursday", "Lunde"
  std::vector<std::size_t> docs;   // the articles giving it, sorted (copies counted once)
  std::vector<Support> sentences;  // where each says it (doc, sentence)
};

// A fact the articles report with different values: a count ("12 injured"
// against "14 injured"), the day of one event, or who said one quote.
// Found over the whole story, not only the summary's sentences. Reported
// only where the sentences clearly state the same fact: a count given as
// approximate ("about 400") or an update published after every article
// giving the other value is not a disagreement.
struct Disagreement {
  std::string kind;   // "number", "day" or "speaker"
  std::string about;  // what is counted ("injured"), or the fact in a few of its words
  std::vector<DisagreementVersion> versions;  // two or more, by their first article
};

struct Summary {
  std::string story_id;
  std::string method;
  Budget budget;
  std::vector<SummarySentence> sentences;  // in reading order
  // Per article of the story: the article it is a copy of (syndicated wire
  // copy, the same page twice), or its own index. A copy counts once, as
  // its original: it is left out of scoring, selection and citations (the
  // original's citation stands for it).
  std::vector<std::size_t> copy_of;
  std::vector<Disagreement> disagreements;
  std::size_t words = 0;  // as ROUGE -l counts them
  std::size_t bytes = 0;  // sentences joined by single spaces
  std::size_t candidate_sentences = 0;
  std::size_t sentences_cut = 0;  // sentences over Options::max_sentence_bytes
  // The method scored the sentences for Story::query; false for a generic
  // brief: no question, a method that ignores it, or a question none of
  // whose words is a content word of the articles.
  bool answers_question = false;
};

// Time spent per stage, accumulated over calls (nanoseconds).
struct StageTimes {
  double segment_ns = 0;  // sentences, tokens, stems, vectors
  double score_ns = 0;    // the method's sentence scores
  double select_ns = 0;   // budgeted selection, ordering, citations
};

class Summarizer {
 public:
  Summarizer();
  ~Summarizer();
  Summarizer(Summarizer&&) noexcept;
  Summarizer& operator=(Summarizer&&) noexcept;

  Summary Summarize(const Story& story, const Options& options);
  // When not null, the stage times of every call are added here.
  void set_stage_times(StageTimes* times);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace precis::summarize
