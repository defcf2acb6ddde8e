#include <nlohmann/json.hpp>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <map>
#include <mutex>
#include <unordered_map>

#include "precis/output.h"
#include "precis/pipeline.h"
#include "precis/serve.h"
#include "precis/summarize.h"
#include "precis/text.h"
#include "serve/sqlite.h"

namespace precis::serve {
namespace {

constexpr int kSchemaVersion = 1;

constexpr const char* kSchema = R"sql(
CREATE TABLE IF NOT EXISTS stories(
  id INTEGER PRIMARY KEY, title TEXT NOT NULL, updated TEXT NOT NULL,
  articles INTEGER NOT NULL, version INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS articles(
  seq INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL UNIQUE, story INTEGER NOT NULL,
  text_hash INTEGER NOT NULL, title TEXT NOT NULL, date TEXT NOT NULL, source TEXT NOT NULL,
  url TEXT NOT NULL, author TEXT NOT NULL, raw_text TEXT NOT NULL, raw_html TEXT NOT NULL,
  text TEXT NOT NULL, copy_of TEXT NOT NULL, at TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS articles_story ON articles(story, at, seq);
CREATE INDEX IF NOT EXISTS articles_hash ON articles(text_hash);
CREATE INDEX IF NOT EXISTS stories_updated ON stories(updated);
CREATE TABLE IF NOT EXISTS briefs(
  story INTEGER NOT NULL, words INTEGER NOT NULL, version INTEGER NOT NULL, json TEXT NOT NULL,
  PRIMARY KEY(story, words));
)sql";

// FNV-1a: stable across builds and machines, unlike std::hash.
std::uint64_t Fnv1a(std::string_view s) {
  std::uint64_t h = 1469598103934665603ull;
  for (const unsigned char c : s) {
    h ^= c;
    h *= 1099511628211ull;
  }
  return h;
}

std::string Hex16(std::uint64_t v) {
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(v));
  return buf;
}

std::string NowIso() {
  const std::time_t t = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

bool Blank(std::string_view s) { return s.find_first_not_of(" \t\r\n") == std::string_view::npos; }

// "%word%" for LIKE, its wildcards escaped with '\'.
std::string LikePattern(std::string_view word) {
  std::string out = "%";
  for (const char c : word) {
    if (c == '%' || c == '_' || c == '\\') out += '\\';
    out += c;
  }
  return out + "%";
}

// The brief of a story (defined below).
std::string ComputeBrief(const Story& raw, std::size_t words, bool clean);

// A read transaction: the statements inside it see one snapshot.
class ReadTxn {
 public:
  explicit ReadTxn(Db& db) : db_(db) { db_.Exec("BEGIN"); }
  ~ReadTxn() { sqlite3_exec(db_.get(), "COMMIT", nullptr, nullptr, nullptr); }
  ReadTxn(const ReadTxn&) = delete;
  ReadTxn& operator=(const ReadTxn&) = delete;

 private:
  Db& db_;
};

constexpr const char* kArticleColumns = "id, title, date, source, url, at, copy_of, text, story";

struct Prepared {
  Document raw;
  Document cleaned;
  cluster::ArticleFeatures features;
  std::uint64_t hash = 0;
  std::string error;
};

}  // namespace

struct Store::Impl {
  std::string path;
  StoreOptions options;
  mutable std::mutex mu;  // the write connection, the clusterer and the map
  Db db;
  cluster::Clusterer clusterer;
  cluster::ArticleAnalyzer analyzer;  // under mu
  std::unordered_map<std::uint64_t, std::uint64_t> story_of_cluster;
  std::uint64_t next_story = 1;
  std::atomic<std::size_t> computed{0};
  // Connections for reads, each used by one thread at a time, opened as
  // needed. A store in memory has one connection: its reads take mu.
  bool in_memory = false;
  mutable std::mutex readers_mu;
  mutable std::vector<std::unique_ptr<Db>> readers;
  // Briefs computed while a write held the connection: written by the next
  // write (or at close), and read from here meanwhile.
  mutable std::mutex pending_mu;
  std::map<std::pair<std::uint64_t, std::size_t>, std::pair<std::int64_t, std::string>> pending;

  Impl(const std::string& p, const StoreOptions& o)
      : path(p), options(o), db(p), clusterer(o.cluster), analyzer(o.cluster) {
    in_memory = p.empty() || p == ":memory:" || p.starts_with("file::memory:");
    db.Exec("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;");
    {
      Stmt v(db, "PRAGMA user_version");
      v.Step();
      const std::int64_t version = v.Int(0);
      if (version != 0 && version != kSchemaVersion) {
        throw Error(path + ": a store of schema " + std::to_string(version) + ", not " +
                    std::to_string(kSchemaVersion));
      }
    }
    db.Exec(kSchema);
    db.Exec(("PRAGMA user_version=" + std::to_string(kSchemaVersion)).c_str());
    Replay();
  }

  ~Impl() {
    {
      std::lock_guard lock(pending_mu);
      if (pending.empty()) return;
    }
    try {
      std::lock_guard lock(mu);
      db.Exec("BEGIN IMMEDIATE");
      FlushPending();
      db.Exec("COMMIT");
    } catch (const Error&) {
      // Only a cache is lost.
    }
  }

  // A connection to read with, for as long as it lives.
  class Reader {
   public:
    explicit Reader(const Impl& impl) : impl_(impl) {
      if (impl_.in_memory) {
        lock_ = std::unique_lock(impl_.mu);
        db_ = const_cast<Db*>(&impl_.db);
        return;
      }
      {
        std::lock_guard lock(impl_.readers_mu);
        if (!impl_.readers.empty()) {
          own_ = std::move(impl_.readers.back());
          impl_.readers.pop_back();
        }
      }
      if (!own_) {
        own_ = std::make_unique<Db>(impl_.path);
        own_->Exec("PRAGMA query_only=1");
      }
      db_ = own_.get();
    }
    ~Reader() {
      if (!own_) return;
      std::lock_guard lock(impl_.readers_mu);
      impl_.readers.push_back(std::move(own_));
    }
    Reader(const Reader&) = delete;
    Reader& operator=(const Reader&) = delete;
    Db& db() { return *db_; }

   private:
    const Impl& impl_;
    std::unique_lock<std::mutex> lock_;
    std::unique_ptr<Db> own_;
    Db* db_ = nullptr;
  };

  // Under mu, inside a transaction.
  void WriteBrief(std::uint64_t story, std::size_t words, std::int64_t version, const std::string& json) {
    // Stored with the version it was computed from: a change meanwhile makes
    // the next request compute it again.
    Stmt put(db, "INSERT INTO briefs(story, words, version, json) VALUES(?, ?, ?, ?) ON CONFLICT(story, words) "
                 "DO UPDATE SET version = excluded.version, json = excluded.json WHERE excluded.version >= version");
    put.Bind(1, static_cast<std::int64_t>(story))
        .Bind(2, static_cast<std::int64_t>(words))
        .Bind(3, version)
        .Bind(4, json)
        .Run();
  }

  // Under mu, inside a transaction.
  void FlushPending() {
    std::map<std::pair<std::uint64_t, std::size_t>, std::pair<std::int64_t, std::string>> out;
    {
      std::lock_guard lock(pending_mu);
      out.swap(pending);
    }
    for (const auto& entry : out) WriteBrief(entry.first.first, entry.first.second, entry.second.first, entry.second.second);
  }

  // Keeps a computed brief: at once when no write holds the connection, or
  // with the next write (a read never waits for a batch of posts).
  void PutBrief(std::uint64_t story, std::size_t words, std::int64_t version, const std::string& json) {
    std::unique_lock lock(mu, std::try_to_lock);
    if (lock.owns_lock()) return WriteBrief(story, words, version, json);
    std::lock_guard pending_lock(pending_mu);
    auto& slot = pending[{story, words}];
    if (slot.second.empty() || slot.first <= version) slot = {version, json};
  }

  std::optional<std::string> PendingBrief(std::uint64_t story, std::size_t words, std::int64_t version) const {
    std::lock_guard lock(pending_mu);
    const auto it = pending.find({story, words});
    if (it == pending.end() || it->second.first != version) return std::nullopt;
    return it->second.second;
  }

  // The clusterer as it was: the stored articles again, in stored order.
  void Replay() {
    Stmt max(db, "SELECT COALESCE(MAX(id), 0) FROM stories");
    max.Step();
    next_story = static_cast<std::uint64_t>(max.Int(0)) + 1;
    Stmt rows(db, "SELECT id, title, date, text, story FROM articles ORDER BY seq");
    while (rows.Step()) {
      Document doc;
      doc.id = rows.Text(0);
      doc.title = rows.Text(1);
      doc.date = rows.Text(2);
      doc.text = rows.Text(3);
      const cluster::Assignment a = clusterer.Add(analyzer.Analyze(doc));
      story_of_cluster.emplace(a.story, static_cast<std::uint64_t>(rows.Int(4)));
      clusterer.TakeClosed();
    }
  }

  // Cleaning and analysis: the costly part, done outside the lock.
  Prepared Prepare(const Document& raw) const {
    Prepared p;
    p.raw = raw;
    Story one;
    one.docs.push_back(raw);
    Story cleaned = SummarizerInput(one, CleanStoryInput(one, CleanOptions{}, options.clean));
    p.cleaned = std::move(cleaned.docs.front());
    if (Blank(p.cleaned.text)) {
      p.error = "no article text once cleaned (the article is empty, or holds only page junk or markup)";
      return p;
    }
    p.hash = Fnv1a(p.cleaned.text);
    if (p.raw.id.empty()) p.raw.id = "a-" + Hex16(p.hash);
    if (p.raw.title.empty()) p.raw.title = p.cleaned.title;
    if (p.raw.date.empty()) p.raw.date = p.cleaned.date;
    p.cleaned.id = p.raw.id;
    p.cleaned.title = p.raw.title;
    p.cleaned.date = p.raw.date;
    return p;
  }

  std::optional<std::uint64_t> StoryOfId(const std::string& id) {
    Stmt s(db, "SELECT story FROM articles WHERE id = ?");
    s.Bind(1, id);
    if (!s.Step()) return std::nullopt;
    return static_cast<std::uint64_t>(s.Int(0));
  }

  // The stored article with this cleaned text, if any.
  std::optional<std::pair<std::string, std::uint64_t>> SameText(const Prepared& p) {
    Stmt s(db, "SELECT id, story, text FROM articles WHERE text_hash = ?");
    s.Bind(1, static_cast<std::int64_t>(p.hash));
    while (s.Step()) {
      if (s.Text(2) == p.cleaned.text) return std::make_pair(s.Text(0), static_cast<std::uint64_t>(s.Int(1)));
    }
    return std::nullopt;
  }

  // Under mu, inside a transaction.
  AddResult Insert(Prepared& p, const std::string& now) {
    AddResult r;
    r.id = p.raw.id;
    if (!p.error.empty()) {
      r.error = p.error;
      return r;
    }
    if (const auto story = StoryOfId(p.raw.id)) {
      r.story = *story;
      r.duplicate_of = p.raw.id;
      return r;
    }
    if (const auto same = SameText(p)) {
      r.story = same->second;
      r.duplicate_of = same->first;
      return r;
    }
    const cluster::Assignment a = clusterer.Add(analyzer.Analyze(p.cleaned));
    clusterer.TakeClosed();
    auto [it, fresh] = story_of_cluster.try_emplace(a.story, 0);
    // Only an ISO date sorts with the others; any other counts as undated.
    const std::string at = cluster::ParseDay(p.raw.date) ? p.raw.date : now;
    if (fresh) {
      it->second = next_story++;
      Stmt s(db, "INSERT INTO stories(id, title, updated, articles, version) VALUES(?, ?, ?, 1, 1)");
      s.Bind(1, static_cast<std::int64_t>(it->second)).Bind(2, p.raw.title).Bind(3, at).Run();
    } else {
      Stmt s(db,
             "UPDATE stories SET articles = articles + 1, version = version + 1, updated = MAX(updated, ?), "
             "title = CASE WHEN title = '' THEN ? ELSE title END WHERE id = ?");
      s.Bind(1, at).Bind(2, p.raw.title).Bind(3, static_cast<std::int64_t>(it->second)).Run();
    }
    Stmt ins(db,
             "INSERT INTO articles(id, story, text_hash, title, date, source, url, author, raw_text, raw_html, "
             "text, copy_of, at) VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    ins.Bind(1, p.raw.id)
        .Bind(2, static_cast<std::int64_t>(it->second))
        .Bind(3, static_cast<std::int64_t>(p.hash))
        .Bind(4, p.raw.title)
        .Bind(5, p.raw.date)
        .Bind(6, p.raw.source)
        .Bind(7, p.raw.url)
        .Bind(8, p.raw.author.empty() ? p.cleaned.author : p.raw.author)
        .Bind(9, p.raw.text)
        .Bind(10, p.raw.html)
        .Bind(11, p.cleaned.text)
        .Bind(12, a.copy_of.value_or(""))
        .Bind(13, at)
        .Run();
    r.story = it->second;
    return r;
  }

  static std::vector<std::string> Outlets(const Db& db, std::uint64_t story) {
    Stmt s(db, "SELECT source FROM articles WHERE story = ? AND source != '' GROUP BY source ORDER BY MIN(seq)");
    s.Bind(1, static_cast<std::int64_t>(story));
    std::vector<std::string> out;
    while (s.Step()) out.push_back(s.Text(0));
    return out;
  }

  static StoryInfo ReadStory(const Db& db, const Stmt& s) {
    StoryInfo info;
    info.id = static_cast<std::uint64_t>(s.Int(0));
    info.title = s.Text(1);
    info.updated = s.Text(2);
    info.articles = static_cast<std::size_t>(s.Int(3));
    info.outlets = Outlets(db, info.id);
    return info;
  }

  static StoredArticle ReadArticle(const Stmt& s) {
    StoredArticle a;
    a.id = s.Text(0);
    a.title = s.Text(1);
    a.date = s.Text(2);
    a.source = s.Text(3);
    a.url = s.Text(4);
    a.when = s.Text(5);
    a.copy_of = s.Text(6);
    a.text = s.Text(7);
    a.story = static_cast<std::uint64_t>(s.Int(8));
    return a;
  }
};

Store::Store(const std::string& path, const StoreOptions& options) : impl_(std::make_unique<Impl>(path, options)) {}
Store::~Store() = default;

std::vector<AddResult> Store::Add(const std::vector<Document>& articles) {
  std::vector<Prepared> prepared;
  prepared.reserve(articles.size());
  for (const Document& doc : articles) prepared.push_back(impl_->Prepare(doc));
  const std::string now = NowIso();
  std::vector<AddResult> results;
  std::lock_guard lock(impl_->mu);
  impl_->db.Exec("BEGIN IMMEDIATE");
  try {
    impl_->FlushPending();
    for (Prepared& p : prepared) results.push_back(impl_->Insert(p, now));
    impl_->db.Exec("COMMIT");
  } catch (...) {
    // The clusterer has seen articles that are not stored: rebuild it as
    // the store is.
    sqlite3_exec(impl_->db.get(), "ROLLBACK", nullptr, nullptr, nullptr);
    impl_->clusterer = cluster::Clusterer(impl_->options.cluster);
    impl_->story_of_cluster.clear();
    impl_->Replay();
    throw;
  }
  return results;
}

std::vector<StoryInfo> Store::Stories(const StoryQuery& query) const {
  std::string sql = "SELECT id, title, updated, articles FROM stories s WHERE updated >= ?";
  std::vector<std::string> words;
  for (std::size_t i = 0; i < query.q.size() && words.size() < 8;) {
    const std::size_t start = query.q.find_first_not_of(" \t\r\n", i);
    if (start == std::string::npos) break;
    const std::size_t end = std::min(query.q.find_first_of(" \t\r\n", start), query.q.size());
    words.push_back(LikePattern(std::string_view(query.q).substr(start, end - start)));
    i = end;
  }
  for (std::size_t i = 0; i < words.size(); ++i) {
    sql += " AND EXISTS (SELECT 1 FROM articles a WHERE a.story = s.id AND (a.title LIKE ? ESCAPE '\\' OR a.text LIKE ? "
           "ESCAPE '\\'))";
  }
  sql += " ORDER BY substr(updated, 1, 10) DESC, articles DESC, id DESC LIMIT ?";
  Impl::Reader reader(*impl_);
  ReadTxn txn(reader.db());
  Stmt s(reader.db(), sql.c_str());
  int n = 1;
  s.Bind(n++, query.since);
  for (const std::string& w : words) {
    s.Bind(n++, w);
    s.Bind(n++, w);
  }
  s.Bind(n, static_cast<std::int64_t>(query.limit));
  std::vector<StoryInfo> out;
  while (s.Step()) out.push_back(Impl::ReadStory(reader.db(), s));
  return out;
}

std::optional<StoryInfo> Store::GetStory(std::uint64_t id) const {
  Impl::Reader reader(*impl_);
  ReadTxn txn(reader.db());
  Stmt s(reader.db(), "SELECT id, title, updated, articles FROM stories WHERE id = ?");
  s.Bind(1, static_cast<std::int64_t>(id));
  if (!s.Step()) return std::nullopt;
  return Impl::ReadStory(reader.db(), s);
}

std::vector<StoredArticle> Store::StoryArticles(std::uint64_t id) const {
  Impl::Reader reader(*impl_);
  Stmt s(reader.db(), (std::string("SELECT ") + kArticleColumns + " FROM articles WHERE story = ? ORDER BY at, seq").c_str());
  s.Bind(1, static_cast<std::int64_t>(id));
  std::vector<StoredArticle> out;
  while (s.Step()) out.push_back(Impl::ReadArticle(s));
  return out;
}

std::optional<StoredArticle> Store::GetArticle(const std::string& id) const {
  Impl::Reader reader(*impl_);
  Stmt s(reader.db(), (std::string("SELECT ") + kArticleColumns + " FROM articles WHERE id = ?").c_str());
  s.Bind(1, id);
  if (!s.Step()) return std::nullopt;
  return Impl::ReadArticle(s);
}

std::size_t Store::briefs_computed() const { return impl_->computed.load(); }

std::size_t Store::article_count() const {
  Impl::Reader reader(*impl_);
  Stmt s(reader.db(), "SELECT COUNT(*) FROM articles");
  s.Step();
  return static_cast<std::size_t>(s.Int(0));
}

namespace {

// The text of a support: its sentence, or it and the next.
std::string SupportText(const std::vector<text::Sentence>& sentences, std::size_t first, std::size_t count) {
  std::string out;
  for (std::size_t i = first; i < first + count && i < sentences.size(); ++i) {
    out += (out.empty() ? "" : " ") + sentences[i].text;
  }
  return out;
}

std::string ComputeBrief(const Story& raw, std::size_t words, bool clean) {
  thread_local summarize::Summarizer summarizer;
  thread_local text::SentenceSplitter splitter;
  const Story story = SummarizerInput(raw, CleanStoryInput(raw, CleanOptions{}, clean));
  summarize::Options options;
  options.budget = {summarize::BudgetKind::kWords, words};
  const summarize::Summary summary = summarizer.Summarize(story, options);
  nlohmann::json out;
  out["brief"] = nlohmann::json::parse(output::FormatSummary(story, summary, output::Format::kJson));
  // The sentences of each article as the summarizer numbered them.
  std::vector<std::vector<text::Sentence>> sentences(story.docs.size());
  for (std::size_t d = 0; d < story.docs.size(); ++d) {
    splitter.Split(story.docs[d].text, &sentences[d], options.max_sentence_bytes);
  }
  nlohmann::json quotes = nlohmann::json::array();
  for (const summarize::SummarySentence& s : summary.sentences) {
    nlohmann::json list = nlohmann::json::array();
    for (const summarize::Support& support : s.support) {
      list.push_back({{"doc", support.doc + 1},
                      {"sentence", support.sentence},
                      {"text", SupportText(sentences[support.doc], support.sentence, support.sentences)},
                      {"level", summarize::SupportLevelName(support.level)}});
    }
    quotes.push_back(std::move(list));
  }
  out["quotes"] = std::move(quotes);
  nlohmann::json disagreements = nlohmann::json::array();
  for (const summarize::Disagreement& d : summary.disagreements) {
    nlohmann::json versions = nlohmann::json::array();
    for (const summarize::DisagreementVersion& v : d.versions) {
      nlohmann::json where = nlohmann::json::array();
      for (const summarize::Support& s : v.sentences) {
        where.push_back({{"doc", s.doc + 1},
                         {"sentence", s.sentence},
                         {"text", SupportText(sentences[s.doc], s.sentence, s.sentences)}});
      }
      nlohmann::json docs = nlohmann::json::array();
      for (const std::size_t doc : v.docs) docs.push_back(doc + 1);
      versions.push_back({{"value", v.value}, {"docs", std::move(docs)}, {"sentences", std::move(where)}});
    }
    disagreements.push_back({{"kind", d.kind}, {"about", d.about}, {"versions", std::move(versions)}});
  }
  out["disagreements"] = std::move(disagreements);
  return out.dump();
}

}  // namespace

std::optional<StoryView> Store::ReadStory(std::uint64_t id, std::size_t words) {
  StoryView view;
  Story raw;
  std::int64_t version = 0;
  bool cached = false;
  {
    Impl::Reader reader(*impl_);
    Db& db = reader.db();
    ReadTxn txn(db);
    Stmt s(db, "SELECT id, title, updated, articles, version FROM stories WHERE id = ?");
    s.Bind(1, static_cast<std::int64_t>(id));
    if (!s.Step()) return std::nullopt;
    view.info = Impl::ReadStory(db, s);
    version = s.Int(4);
    Stmt brief(db, "SELECT json FROM briefs WHERE story = ? AND words = ? AND version = ?");
    brief.Bind(1, static_cast<std::int64_t>(id)).Bind(2, static_cast<std::int64_t>(words)).Bind(3, version);
    if (brief.Step()) {
      view.brief = brief.Text(0);
      cached = true;
    } else if (auto pending = impl_->PendingBrief(id, words, version)) {
      view.brief = std::move(*pending);
      cached = true;
    }
    // The articles without their text; with what was posted when the brief
    // is to be computed.
    Stmt docs(db, cached ? "SELECT id, title, date, source, url, at, copy_of, '', story FROM articles WHERE story = ? "
                           "ORDER BY at, seq"
                         : "SELECT id, title, date, source, url, at, copy_of, '', story, author, raw_text, raw_html "
                           "FROM articles WHERE story = ? ORDER BY at, seq");
    docs.Bind(1, static_cast<std::int64_t>(id));
    raw.id = std::to_string(id);
    while (docs.Step()) {
      view.articles.push_back(Impl::ReadArticle(docs));
      if (cached) continue;
      const StoredArticle& a = view.articles.back();
      Document d;
      d.id = a.id;
      d.title = a.title;
      d.date = a.date;
      d.source = a.source;
      d.url = a.url;
      d.author = docs.Text(9);
      d.text = docs.Text(10);
      d.html = docs.Text(11);
      raw.docs.push_back(std::move(d));
    }
  }
  if (!cached) {
    view.brief = ComputeBrief(raw, words, impl_->options.clean);
    impl_->computed++;
    impl_->PutBrief(id, words, version, view.brief);
  }
  return view;
}

std::optional<std::string> Store::Brief(std::uint64_t story, std::size_t words) {
  std::optional<StoryView> view = ReadStory(story, words);
  if (!view) return std::nullopt;
  return std::move(view->brief);
}

}  // namespace precis::serve
