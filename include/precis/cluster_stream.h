// precis::cluster streams — what `precis cluster` does between reading its
// inputs (ingest::ReadArticles, ingest::ParseArticleLine) and writing
// stories, as a library: each article cleaned and analysed, the articles
// taken in order of their dates through a reorder buffer, clustered
// (precis/cluster.h), and the stories assembled as story-JSON documents.
// The command and the Python module run this same code, so that they give
// the same stories, ids and messages.
//
// Contract:
// - PrepareArticles(): cleans each article as `precis summarize` cleans it
//   (pipeline.h) and analyses it, on up to analyzers.size() threads; an
//   article without text once cleaned gets an error ("no article text once
//   cleaned"), never an exception.
// - StreamClusterer: articles in input order (Add); an article waits in a
//   buffer of StreamOptions::reorder articles from which the earliest (by
//   date, ties in input order) is clustered first; an undated article counts
//   as dated like the last dated one before it in the input. reorder 0
//   clusters each article as it comes. Placements (TakePlaced) come in the
//   order articles are clustered; stories (TakeStories) as they close (idle
//   past the window, or at Finish(), then in order of id). The same articles
//   in the same order give the same output on any machine.
// Thread safety: a StreamClusterer is one stream, one caller;
// PrepareArticles() uses one analyzer per thread.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <queue>
#include <string>
#include <unordered_map>
#include <vector>

#include "precis/cluster.h"
#include "precis/document.h"

namespace precis::cluster {

// The options of `precis cluster` around the clusterer's (the command's
// defaults are these).
struct StreamOptions {
  Options options;              // --threshold, --window, ...
  std::size_t min_size = 1;     // smaller stories are counted, not handed out
  std::size_t reorder = 1000;   // articles held back to be taken in date order
  bool clean = true;            // false: --no-clean
  bool keep_docs = true;        // false: assignments only (no story is assembled)
};

// One article of a stream, as read, and what became of it before clustering.
struct StreamArticle {
  std::size_t seq = 0;  // input order
  std::string where;    // "file:line: ", "file: " or "" (prefixes messages)
  Document doc;         // as read
  std::string error;    // why it cannot be clustered (empty: it can)
  Document cleaned;
  ArticleFeatures features;
};

// Cleans and analyses the articles without an error, on up to
// analyzers.size() threads (one analyzer each).
void PrepareArticles(std::vector<StreamArticle>& articles, bool clean, std::vector<ArticleAnalyzer>& analyzers);

// "story-N".
std::string StoryName(std::uint64_t id);

// A document of the story output: the article as read (text or html), with
// the title and date that cleaning found when the input had none, and
// "copy_of" on a copy. One line of JSON.
std::string StoryDocJson(const StreamArticle& article, const Assignment& assignment);

class StreamClusterer {
 public:
  struct Placed {
    std::size_t seq = 0;
    std::string id;  // the article's
    std::uint64_t story = 0;
    bool new_story = false;
    std::optional<std::string> copy_of;
  };
  struct StoryDocs {
    std::uint64_t id = 0;
    std::vector<std::string> docs;  // StoryDocJson, in order of clustering
    std::vector<std::size_t> seqs;  // the articles' StreamArticle::seq, alike
  };
  struct Counts {
    std::size_t read = 0, clustered = 0, copies = 0, failed = 0;
    std::size_t stories = 0, written = 0, small = 0, small_articles = 0;
  };

  explicit StreamClusterer(const StreamOptions& options);  // throws Error for bad options

  // The next article of the input (prepared; one with an error is counted
  // as read and failed, and goes no further).
  void Add(StreamArticle article);
  // End of the input: every article waiting is clustered, every story closed.
  void Finish();

  std::vector<Placed> TakePlaced();
  // Stories closed since the last call, of min_size articles or more (the
  // smaller ones are counted), in order of closing; empty without keep_docs.
  std::vector<StoryDocs> TakeStories();
  // The stories still open, in order of id (what they hold so far).
  std::vector<StoryDocs> OpenStories() const;

  const Counts& counts() const { return counts_; }
  std::size_t open_stories() const { return clusterer_.open_stories(); }
  std::size_t waiting() const { return waiting_.size(); }

 private:
  struct Waiting {
    double day;
    std::size_t seq;
    std::unique_ptr<StreamArticle> article;
    bool operator>(const Waiting& other) const { return day != other.day ? day > other.day : seq > other.seq; }
  };
  void ClusterNext();
  void Close(const std::vector<ClosedStory>& closed);

  StreamOptions options_;
  Clusterer clusterer_;
  Counts counts_;
  double last_dated_;
  std::priority_queue<Waiting, std::vector<Waiting>, std::greater<>> waiting_;
  std::unordered_map<std::uint64_t, StoryDocs> held_;  // story -> its docs so far
  std::vector<Placed> placed_;
  std::vector<StoryDocs> closed_;
};

}  // namespace precis::cluster
