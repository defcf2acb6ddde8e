// precis::serve — a store of articles grouped into stories, with their
// briefs, and the HTTP server (JSON API and web page) in front of it.
//
// Contract:
// - Store keeps articles, stories and briefs in one SQLite file (WAL;
//   every write is one transaction, committed before Add() returns, so an
//   acknowledged article survives kill -9). SQL takes values only through
//   bound parameters.
// - Store::Add() cleans each article as `precis summarize` does
//   (pipeline.h), places it in a story with the online clusterer
//   (cluster.h) and stores it. An article whose id, or whose cleaned text,
//   is already stored is not stored again: the answer names the stored one.
//   An article without an id gets one from its text ("a-" + 16 hex digits).
// - The clusterer's state is rebuilt at open by replaying the stored
//   articles in the order they were stored: stories keep their ids across
//   restarts, and a new article joins them as it would have without one.
// - Story ids are 1, 2, 3... in order of creation. A story's `updated` is
//   the latest date of its articles (an article without an ISO 8601 date
//   counts at the time it was posted, UTC, ISO 8601); its title is that of
//   its first article with one. Articles in "time order": by that date,
//   then in the order they were posted.
// - Briefs: Store::Brief() summarizes a story (its articles in time order,
//   cleaned together) the first time it is asked for after the story
//   changed, and caches the result in the store per budget; asking again
//   with no change reads the cache.
// - Server: the JSON API and the page of README "precis serve". It binds
//   127.0.0.1 unless told otherwise; on another address it needs a token,
//   and a token, when set, is required (Authorization: Bearer) for writes.
// Thread safety: Store and Server are thread-safe (the server calls the
// store from its worker threads; the store serializes writes on one
// connection; reads go through connections of their own (WAL readers), so
// they wait neither for a write in progress nor for each other; briefs are
// computed outside any lock).
// Ownership: a Server refers to its Store, which must outlive it. Results
// are plain values.
// Errors: a file that cannot be opened as a store, or a store written by
// another schema, throws precis::Error naming the file; bad articles are
// answered per article (AddResult::error), never thrown. Server options out
// of range and a failed bind throw precis::Error.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "precis/cluster.h"
#include "precis/document.h"
#include "precis/error.h"

namespace precis::serve {

struct StoreOptions {
  cluster::Options cluster;
  bool clean = true;  // false: articles are stored and summarized as posted
};

// What became of one posted article.
struct AddResult {
  std::string id;              // the article's id (given, or made from its text)
  std::uint64_t story = 0;     // 0 when it failed
  std::string duplicate_of;    // the stored article it repeats (id or text); empty: new
  std::string error;           // why it was not stored; empty: stored (or a duplicate)
};

struct StoredArticle {
  std::string id, title, date, source, url;
  std::string when;     // the date it counts at: `date`, else when it was posted
  std::string copy_of;  // the article it copies (cluster.h), or empty
  std::string text;     // cleaned text, paragraphs one per line
  std::uint64_t story = 0;
};

struct StoryInfo {
  std::uint64_t id = 0;
  std::string title;    // its first titled article's title
  std::string updated;  // the latest `when` of its articles
  std::size_t articles = 0;
  std::vector<std::string> outlets;  // distinct sources, in order of first article
};

// A story as one read sees it: its line, its articles in time order
// (without their text) and its brief, all from one snapshot of the store,
// so that the brief's article numbers count in `articles`.
struct StoryView {
  StoryInfo info;
  std::vector<StoredArticle> articles;
  std::string brief;  // as Store::Brief() gives it
};

struct StoryQuery {
  std::string since;      // stories updated at or after this (ISO 8601 prefix compare); empty: all
  std::size_t limit = 50;
  std::string q;          // words that must all appear in a title or text of the story (case-insensitive)
};

class Store {
 public:
  // Opens (creating when absent) the store at `path` (":memory:" for one
  // that lives as long as the object).
  explicit Store(const std::string& path, const StoreOptions& options = {});
  ~Store();
  Store(const Store&) = delete;
  Store& operator=(const Store&) = delete;

  // Stores the articles in order, in one transaction; one result each.
  std::vector<AddResult> Add(const std::vector<Document>& articles);

  // Newest first (by `updated`'s day), then biggest, then newest id.
  std::vector<StoryInfo> Stories(const StoryQuery& query) const;
  std::optional<StoryInfo> GetStory(std::uint64_t id) const;
  // The story's articles in time order.
  std::vector<StoredArticle> StoryArticles(std::uint64_t id) const;
  std::optional<StoredArticle> GetArticle(const std::string& id) const;

  // The story's brief for a budget of `words`: a JSON object
  // {"brief": <precis summarize --format json>, "quotes": [[{"doc", "sentence",
  // "text", "level"}...] per brief sentence], "disagreements": <the brief's,
  // each sentence with its "text">}; doc numbers are 1-based places in
  // StoryArticles(). Nothing when the story does not exist.
  std::optional<std::string> Brief(std::uint64_t story, std::size_t words);
  // The story with its articles and its brief for `words` (computed and
  // cached as by Brief()), from one snapshot; nothing when there is no such
  // story.
  std::optional<StoryView> ReadStory(std::uint64_t id, std::size_t words);
  // How many briefs were computed (not read from the cache) since opening.
  std::size_t briefs_computed() const;
  std::size_t article_count() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

struct ServerOptions {
  std::string bind = "127.0.0.1";
  int port = 8080;                 // 0: any free port (Server::Bind() tells which)
  std::string token;               // required for writes when set; needed off loopback
  std::size_t words = 100;         // the brief's budget when a request gives none
  std::size_t max_words = 2000;    // the largest budget a request may ask for
  std::size_t max_body_bytes = std::size_t{16} << 20;  // a larger POST is answered 413
  int threads = 8;                 // worker threads
};

// True for 127.0.0.0/8, ::1 and "localhost".
bool IsLoopback(const std::string& address);

class Server {
 public:
  // Throws Error when `options.bind` is not loopback and no token is set.
  Server(Store& store, const ServerOptions& options);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds the address and port; returns the port. Throws Error when it cannot.
  int Bind();
  // Serves until Stop(); Bind() first.
  void Run();
  // Stops serving (from any thread): Run() returns once requests in progress end.
  void Stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace precis::serve
