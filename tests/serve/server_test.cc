#include <gtest/gtest.h>

#include <httplib.h>
#include <nlohmann/json.hpp>

#include <thread>

#include "precis/serve.h"
#include "serve/articles.h"
#include "test_support.h"

// Debian's cpp-httplib is a library built without ThreadSanitizer: the
// synchronisation it does inline (the guards of its function-local
// statics) is invisible, and two worker threads reading such a static are
// reported as a race in it, or in the std::regex code it runs (instantiated
// here). Those two are dropped; the store, the server's handlers and the
// thread pool (inline in httplib.h) are compiled here and still checked.
#if defined(__SANITIZE_THREAD__)
extern "C" const char* __tsan_default_suppressions() {
  return "called_from_lib:libcpp-httplib.so\nrace:std::__detail::_BracketMatcher\n";
}
#endif

namespace precis::serve {
namespace {

using nlohmann::json;

std::string Line(const Document& d) {
  return json{{"id", d.id}, {"title", d.title}, {"date", d.date}, {"source", d.source}, {"url", d.url}, {"text", d.text}}
      .dump();
}

std::string Jsonl(const std::vector<Document>& docs) {
  std::string out;
  for (const Document& d : docs) out += Line(d) + "\n";
  return out;
}

// A real server on a free loopback port, on a thread of its own.
class Running {
 public:
  explicit Running(ServerOptions options = {}) {
    options.port = 0;
    options.threads = 2;
    store_ = std::make_unique<Store>((dir_.path() / "news.db").string());
    server_ = std::make_unique<Server>(*store_, options);
    port_ = server_->Bind();
    thread_ = std::thread([this] { server_->Run(); });
    client_ = std::make_unique<httplib::Client>("127.0.0.1", port_);
  }
  ~Running() {
    server_->Stop();
    thread_.join();
  }
  httplib::Client& client() { return *client_; }
  Store& store() { return *store_; }
  int port() const { return port_; }

  // Status and JSON body.
  std::pair<int, json> Get(const std::string& path) {
    const auto res = client_->Get(path);
    if (!res) return {0, json()};
    return {res->status, json::parse(res->body, nullptr, false)};
  }
  std::pair<int, json> Post(const std::string& body, const httplib::Headers& headers = {}) {
    const auto res = client_->Post("/api/articles", headers, body, "application/json");
    if (!res) return {0, json()};
    return {res->status, json::parse(res->body, nullptr, false)};
  }

 private:
  precis::testing::TempDir dir_;
  std::unique_ptr<Store> store_;
  std::unique_ptr<Server> server_;
  int port_ = 0;
  std::thread thread_;
  std::unique_ptr<httplib::Client> client_;
};

TEST(ServeHttp, PostAnswersEachArticlesStoryAndEachFailure) {
  Running server;
  std::vector<Document> docs = testing::BridgeArticles();
  const std::string body = Line(docs[0]) + "\n{\"id\": \"broken\"\n" + Line(docs[1]) + "\n{\"id\": 3, \"text\": \"x\"}\n";
  const auto [status, j] = server.Post(body);
  EXPECT_EQ(status, 200);
  ASSERT_EQ(j["articles"].size(), 2u) << j.dump();
  EXPECT_EQ(j["articles"][0], (json{{"id", "north-1"}, {"story", 1}}));
  EXPECT_EQ(j["articles"][1], (json{{"id", "east-1"}, {"story", 1}}));
  ASSERT_EQ(j["failed"].size(), 2u);
  EXPECT_EQ(j["failed"][0]["line"], 2);
  EXPECT_NE(j["failed"][0]["error"].get<std::string>().find("invalid JSON"), std::string::npos);
  EXPECT_EQ(j["failed"][1]["line"], 4);
  EXPECT_EQ(j["failed"][1]["error"], "\"id\" must be a string");
  // Posted again: the same story, marked as already there.
  const auto [again_status, again] = server.Post(Line(docs[0]));
  EXPECT_EQ(again_status, 200);
  EXPECT_EQ(again["articles"][0]["duplicate_of"], "north-1");
  EXPECT_EQ(server.store().article_count(), 2u);
}

TEST(ServeHttp, StoriesListAndStoryShapes) {
  Running server;
  std::vector<Document> docs = testing::BridgeArticles();
  docs.push_back(testing::LibraryArticle());
  ASSERT_EQ(server.Post(Jsonl(docs)).first, 200);

  auto [status, list] = server.Get("/api/stories");
  ASSERT_EQ(status, 200);
  ASSERT_EQ(list["stories"].size(), 2u);
  const json& top = list["stories"][0];
  EXPECT_EQ(top["id"], 1);
  EXPECT_EQ(top["articles"], 3);
  EXPECT_EQ(top["updated"], "2026-04-07");
  EXPECT_EQ(top["outlets"].size(), 3u);
  EXPECT_TRUE(top["title"].is_string());
  EXPECT_EQ(server.Get("/api/stories?limit=1").second["stories"].size(), 1u);
  EXPECT_EQ(server.Get("/api/stories?q=library%20roof").second["stories"][0]["id"], 2);
  EXPECT_EQ(server.Get("/api/stories?since=2030-01-01").second["stories"].size(), 0u);

  auto [story_status, story] = server.Get("/api/stories/1?words=60");
  ASSERT_EQ(story_status, 200);
  EXPECT_EQ(story["id"], 1);
  EXPECT_TRUE(story["title"].is_string());
  EXPECT_EQ(story["brief"]["budget"], (json{{"unit", "words"}, {"limit", 60}}));
  EXPECT_FALSE(story["brief"]["sentences"].empty());
  EXPECT_TRUE(story["disagreements"].is_array());
  ASSERT_EQ(story["articles"].size(), 3u);
  for (const json& a : story["articles"]) {
    for (const char* key : {"id", "title", "source", "date", "url", "copy_of"}) EXPECT_TRUE(a.contains(key)) << key;
  }
  EXPECT_EQ(story["articles"][2]["id"], "south-1");
  EXPECT_EQ(story["quotes"].size(), story["brief"]["sentences"].size());

  auto [article_status, article] = server.Get("/api/articles/east-1");
  ASSERT_EQ(article_status, 200);
  EXPECT_EQ(article["story"], 1);
  EXPECT_EQ(article["source"], "East Ledger");
  EXPECT_NE(article["text"].get<std::string>().find("Fourteen people"), std::string::npos);
}

TEST(ServeHttp, BadRequestsAreAnsweredInJson) {
  Running server;
  const auto check = [&](std::pair<int, json> got, int status, const std::string& words) {
    EXPECT_EQ(got.first, status) << words;
    const std::string message = got.second.contains("error") ? got.second["error"].get<std::string>()
                                                               : got.second.dump();
    EXPECT_NE(message.find(words), std::string::npos) << message;
  };
  check(server.Post(""), 400, "empty");
  check(server.Post("{\"id\": \"x\"}"), 400, "needs \\\"text\\\" or \\\"html\\\"");
  check(server.Post("{{{"), 400, "invalid JSON");
  check(server.Post("plain \xff\xfe text"), 400, "UTF-8");
  check(server.Get("/api/stories?limit=0"), 400, "limit");
  check(server.Get("/api/stories?limit=ten"), 400, "limit");
  check(server.Get("/api/stories/1"), 404, "no story");
  check(server.Get("/api/stories/abc"), 404, "no story");
  check(server.Get("/api/articles/nope"), 404, "no article");
  check(server.Get("/api/nothing"), 404, "no such path");
  ASSERT_EQ(server.Post(Line(testing::LibraryArticle())).first, 200);
  check(server.Get("/api/stories/1?words=0"), 400, "words");
  check(server.Get("/api/stories/1?words=99999"), 400, "words");
  // The server is still there.
  EXPECT_EQ(server.Get("/api/stories").first, 200);
}

TEST(ServeHttp, TextBodyIsOneArticle) {
  Running server;
  const auto res = server.client().Post("/api/articles", testing::LibraryArticle().text, "text/plain");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
  const json j = json::parse(res->body);
  ASSERT_EQ(j["articles"].size(), 1u);
  EXPECT_EQ(j["articles"][0]["story"], 1);
}

TEST(ServeHttp, BodyOverTheLimitIs413) {
  ServerOptions options;
  options.max_body_bytes = 1000;
  Running server(options);
  const auto [status, j] = server.Post(Line(testing::BridgeArticles()[0]) + std::string(2000, ' '));
  EXPECT_EQ(status, 413);
  EXPECT_NE(j["error"].get<std::string>().find("1000 bytes"), std::string::npos);
  EXPECT_EQ(server.store().article_count(), 0u);
}

TEST(ServeHttp, TokenGuardsWritesOnly) {
  ServerOptions options;
  options.token = "s3cret";
  Running server(options);
  const std::string body = Line(testing::LibraryArticle());
  EXPECT_EQ(server.Post(body).first, 401);
  EXPECT_EQ(server.Post(body, {{"Authorization", "Bearer wrong"}}).first, 401);
  EXPECT_EQ(server.store().article_count(), 0u);
  EXPECT_EQ(server.Post(body, {{"Authorization", "Bearer s3cret"}}).first, 200);
  EXPECT_EQ(server.Get("/api/stories").first, 200);
  EXPECT_EQ(server.Get("/api/stories").second["stories"].size(), 1u);
}

TEST(ServeHttp, OffLoopbackNeedsAToken) {
  precis::testing::TempDir dir;
  Store store((dir.path() / "news.db").string());
  ServerOptions options;
  options.bind = "0.0.0.0";
  EXPECT_THROW(Server(store, options), Error);
  options.token = "t";
  EXPECT_NO_THROW(Server(store, options));
  EXPECT_TRUE(IsLoopback("127.0.0.1"));
  EXPECT_TRUE(IsLoopback("127.3.2.1"));
  EXPECT_TRUE(IsLoopback("::1"));
  EXPECT_TRUE(IsLoopback("localhost"));
  EXPECT_FALSE(IsLoopback("192.168.1.4"));
  EXPECT_FALSE(IsLoopback("::"));
}

TEST(ServeHttp, PageIsServedWithItsOwnScriptOnly) {
  Running server;
  const auto page = server.client().Get("/");
  ASSERT_TRUE(page);
  EXPECT_EQ(page->status, 200);
  EXPECT_NE(page->body.find("<script src=\"/app.js\""), std::string::npos);
  EXPECT_NE(page->get_header_value("Content-Security-Policy").find("script-src 'self';"), std::string::npos);
  for (const char* path : {"/app.js", "/app.css"}) {
    const auto res = server.client().Get(path);
    ASSERT_TRUE(res) << path;
    EXPECT_EQ(res->status, 200) << path;
    EXPECT_GT(res->body.size(), 500u) << path;
  }
  // Article text reaches the page through textContent, never as markup.
  const auto script = server.client().Get("/app.js");
  EXPECT_EQ(script->body.find("innerHTML"), std::string::npos);
}

TEST(ServeHttp, BriefIsComputedOnceUntilTheStoryChanges) {
  Running server;
  std::vector<Document> docs = testing::BridgeArticles();
  server.Post(Jsonl({docs[0], docs[1]}));
  EXPECT_EQ(server.store().briefs_computed(), 0u);  // not on posting
  for (int i = 0; i < 3; ++i) EXPECT_EQ(server.Get("/api/stories/1").first, 200);
  EXPECT_EQ(server.store().briefs_computed(), 1u);
  server.Post(Line(docs[2]));
  EXPECT_EQ(server.Get("/api/stories/1").second["articles"].size(), 3u);
  EXPECT_EQ(server.Get("/api/stories/1").first, 200);
  EXPECT_EQ(server.store().briefs_computed(), 2u);
}

TEST(ServeHttp, ConcurrentPostsAndReads) {
  Running server;
  const std::vector<Document> docs = testing::BridgeArticles();
  std::vector<std::thread> threads;
  for (int t = 0; t < 3; ++t) {
    threads.emplace_back([&, t] {
      // A client each: one client is one connection.
      httplib::Client client("127.0.0.1", server.port());
      const auto posted = client.Post("/api/articles", Line(docs[static_cast<std::size_t>(t)]), "application/json");
      EXPECT_TRUE(posted && posted->status == 200);
      const auto story = client.Get("/api/stories/1");
      EXPECT_TRUE(story && story->status == 200);
      const auto list = client.Get("/api/stories");
      EXPECT_TRUE(list && list->status == 200);
    });
  }
  for (std::thread& t : threads) t.join();
  EXPECT_EQ(server.store().article_count(), 3u);
  EXPECT_EQ(server.Get("/api/stories/1").second["articles"].size(), 3u);
}

}  // namespace
}  // namespace precis::serve
