// precis::cluster — from an unsorted stream of articles to stories, online.
//
// Contract:
// - A Clusterer takes articles one at a time, in order of their dates, and
//   answers at once with the story each belongs to: an existing one, or a
//   new one it starts. It never revises an answer. Story ids are 1, 2, 3...
//   in order of creation: the same articles in the same order get the same
//   ids, on any machine and with any number of analysis threads.
// - Similarity: each article is a TF-IDF vector of its stems (text.h's
//   analyzer; or of its words' first bytes, Options::word_key_bytes),
//   title words weighted above body words; document frequencies
//   are counted online over the stream so far (in a fixed-size table, with
//   a prior of Options::idf_prior_docs articles). An article joins the open
//   story whose centroid is most similar by cosine when that reaches the
//   threshold; otherwise it starts a story. When the article and the story
//   both name people or places (capitalised words inside sentences) but
//   none in common, the similarity is lowered (Options::
//   no_shared_name_factor): two plane crashes a week apart share their
//   words, not their airlines and towns. Candidates are the stories that
//   share the article's heaviest terms (an inverted index of each story's
//   heaviest terms).
// - Copies: an article whose word 4-grams are mostly (Options::
//   copy_containment) in an earlier article of the window is a copy of it
//   (the same wire text, a page scraped twice): it joins that article's
//   story, Assignment::copy_of names the article, and it does not move the
//   story's centroid (a copy counts once).
// - Dates: an article without a (readable) date is taken at the stream's
//   clock, the latest date seen so far. An article dated before the clock is
//   compared with its own date but never moves the clock back.
// - Memory is bounded by the window, not by the stream's length: a story
//   idle (no article) for longer than Options::window_days of stream time is
//   closed and its state freed (TakeClosed() hands it out), and at most
//   Options::max_open_stories stay open (the longest idle is closed first).
//   Each centroid keeps its Options::max_centroid_terms heaviest terms; the
//   document-frequency table has a fixed size.
// Thread safety: a Clusterer is not thread-safe (one stream, one caller).
// ArticleAnalyzer::Analyze() does the per-article work (tokens, stems,
// shingles) and needs no clusterer: run one analyzer per thread and feed
// the results to Add() in stream order.
// Ownership: results are plain values; nothing refers to the caller's
// articles after a call returns.
// Errors: Options out of range throw precis::Error from the constructor.
// Articles never throw: empty or junk text starts a story of its own.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "precis/document.h"

namespace precis::cluster {

struct Options {
  // Similarity (0-1) from which an article joins a story of several
  // articles; a story of one article asks for `threshold` +
  // `singleton_margin`. The defaults are those that did best on the
  // development stream (README "precis cluster"); the margin, name weights,
  // size-dependent thresholds, member similarity, time decay, the IDF
  // power, sublinear tf and reading only the lead did not help there: they
  // are off, and kept for tuning on other streams.
  double threshold = 0.18;
  double singleton_margin = 0.0;
  // A story of n articles asks for size_slope * ln(n) less, down to
  // min_threshold_share of the threshold.
  double size_slope = 0.0;
  double min_threshold_share = 0.5;
  // A story is also as similar as `member_weight` x the cosine to the most
  // similar of its last `max_members` articles (0: centroid only).
  double member_weight = 0;
  std::size_t max_members = 32;
  // Stories idle longer than this (days of stream time) are closed.
  double window_days = 365;
  // The similarity is multiplied by 1 / (1 + gap / decay_days), gap the
  // days between the article and the story's last article; 0: no decay.
  double decay_days = 0;
  // Weights: a title word counts as this many body words; a capitalised
  // word inside a sentence (a name) adds `name_weight` occurrences.
  double title_weight = 5;
  double name_weight = 0;
  // Content words read of the body (0: all); the lead says what an
  // article is about, and reading less is faster.
  std::size_t max_words = 0;
  // Terms: 0 for Snowball stems (text.h's analyzer); N for a word's first
  // N bytes (1-8), lower-cased, standing in for its stem ("island",
  // "islands"), as src/clean/off_story.cc does: one pass over the text
  // gives terms and 4-grams, without the stemmer.
  std::size_t word_key_bytes = 0;
  // Bytes read of the body, for its words and its 4-grams (0: all).
  std::size_t max_body_bytes = 0;
  // Document frequencies count as if the stream had begun with this many
  // articles holding none of the words (a short stream cannot tell common
  // words from a story's own).
  double idf_prior_docs = 100;
  // Weights are tf x idf^idf_power: above 1, rare words (names, the
  // topic's own words) weigh more against common ones.
  double idf_power = 1;
  // An article and a story that both name people or places but none in
  // common are probably two events of a kind (two crashes, two fires): the
  // similarity is multiplied by this (1: names ignored).
  double no_shared_name_factor = 0.5;
  // Term frequency as 1 + log(tf) rather than tf.
  bool sublinear_tf = false;
  bool detect_copies = true;
  // An article is a copy when this share of its 4-grams is in another.
  double copy_containment = 0.8;
  // Copies are looked for among the articles of this many days before
  // (and at most max_open_stories articles).
  double copy_window_days = 30;
  std::size_t max_open_stories = 100000;
  // Open stories compared in full with an article, at most: those sharing
  // most of its heaviest terms.
  std::size_t max_candidates = 16;
  std::size_t max_article_terms = 100;
  std::size_t max_centroid_terms = 300;
};

// The options of the naive single-pass clustering the benchmark compares
// against: TF-IDF, title words counted three times, cosine to running
// centroids, one fixed threshold (0.15).
Options BaselineOptions();

// What Add() needs of one article, made by ArticleAnalyzer.
struct ArticleFeatures {
  std::string id;
  std::optional<double> day;  // days since 1970-01-01 (fractional), if dated
  // Stems (by hash) with their weighted counts, before IDF; sorted by term.
  std::vector<std::pair<std::uint64_t, float>> terms;
  // The terms of its names: capitalised words inside the body's sentences
  // (days and months aside); sorted, unique.
  std::vector<std::uint64_t> names;
  // A sample of the article's word 4-gram hashes (sorted, unique) and how
  // many 4-grams it has in all, for copy detection.
  std::vector<std::uint64_t> shingles;
  std::size_t shingle_count = 0;
};

// The day number of an ISO 8601 date ("2024-05-23", "2024-05-23T14:19Z"),
// or nothing when `date` does not start with a valid one.
std::optional<double> ParseDay(std::string_view date);

// Turns articles into features. Not thread-safe: one per thread.
class ArticleAnalyzer {
 public:
  explicit ArticleAnalyzer(const Options& options = {});
  ~ArticleAnalyzer();
  ArticleAnalyzer(ArticleAnalyzer&&) noexcept;
  ArticleAnalyzer& operator=(ArticleAnalyzer&&) noexcept;

  // Reads doc.id, doc.title, doc.date and doc.text (cleaned text: see
  // pipeline.h; HTML is not read).
  ArticleFeatures Analyze(const Document& doc);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

struct Assignment {
  std::uint64_t story = 0;
  bool new_story = false;
  // The id of the article this one copies (its story is this story).
  std::optional<std::string> copy_of;
  // Similarity to the story joined (1 for a copy; for a new story, the best
  // similarity found, which was below the threshold).
  double similarity = 0;
};

struct ClosedStory {
  std::uint64_t id = 0;
  std::size_t size = 0;  // articles, copies included
};

class Clusterer {
 public:
  explicit Clusterer(const Options& options = {});
  ~Clusterer();
  Clusterer(Clusterer&&) noexcept;
  Clusterer& operator=(Clusterer&&) noexcept;

  Assignment Add(const ArticleFeatures& article);
  // Analyzes with an analyzer of its own, then Add().
  Assignment Add(const Document& doc);

  // Stories closed since the last call (idle past the window, or over
  // max_open_stories), in order of closing.
  std::vector<ClosedStory> TakeClosed();
  // Closes every open story (end of the stream) and returns all stories not
  // yet taken, in order of closing (then of id).
  std::vector<ClosedStory> Finish();

  std::size_t open_stories() const;
  std::size_t articles() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace precis::cluster
