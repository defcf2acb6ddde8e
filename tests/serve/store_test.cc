#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <thread>

#include "precis/serve.h"
#include "serve/articles.h"
#include "test_support.h"

namespace precis::serve {
namespace {

using testing::BridgeArticles;
using testing::LibraryArticle;

std::string DbPath(const precis::testing::TempDir& dir) { return (dir.path() / "news.db").string(); }

StoryQuery Query(std::string since, std::size_t limit, std::string q) {
  StoryQuery query;
  query.since = std::move(since);
  query.limit = limit;
  query.q = std::move(q);
  return query;
}

TEST(ServeStore, PlacesArticlesInStories) {
  precis::testing::TempDir dir;
  Store store(DbPath(dir));
  std::vector<Document> docs = BridgeArticles();
  docs.push_back(LibraryArticle());
  const std::vector<AddResult> results = store.Add(docs);
  ASSERT_EQ(results.size(), 4u);
  for (const AddResult& r : results) EXPECT_EQ(r.error, "") << r.id;
  EXPECT_EQ(results[0].story, 1u);
  EXPECT_EQ(results[1].story, 1u);
  EXPECT_EQ(results[2].story, 1u);
  EXPECT_EQ(results[3].story, 2u);
  const std::vector<StoryInfo> stories = store.Stories({});
  ASSERT_EQ(stories.size(), 2u);
  // Same day: the bigger story first.
  EXPECT_EQ(stories[0].id, 1u);
  EXPECT_EQ(stories[0].articles, 3u);
  EXPECT_EQ(stories[0].updated, "2026-04-07");
  EXPECT_EQ(stories[0].outlets, (std::vector<std::string>{"North Courier", "East Ledger", "South Herald"}));
  EXPECT_EQ(stories[0].title, "Barge strikes Orlen river bridge, bridge closed");
}

TEST(ServeStore, RepostingDoesNotDuplicate) {
  precis::testing::TempDir dir;
  Store store(DbPath(dir));
  const Document first = BridgeArticles()[0];
  ASSERT_EQ(store.Add({first})[0].duplicate_of, "");
  const AddResult same_id = store.Add({first})[0];
  EXPECT_EQ(same_id.duplicate_of, "north-1");
  EXPECT_EQ(same_id.story, 1u);
  Document same_text = first;
  same_text.id = "north-1-again";
  const AddResult again = store.Add({same_text})[0];
  EXPECT_EQ(again.duplicate_of, "north-1");
  EXPECT_EQ(again.story, 1u);
  EXPECT_EQ(store.article_count(), 1u);
  EXPECT_FALSE(store.GetArticle("north-1-again"));
  EXPECT_EQ(store.GetStory(1)->articles, 1u);
}

TEST(ServeStore, ArticleWithoutTextFailsAlone) {
  precis::testing::TempDir dir;
  Store store(DbPath(dir));
  Document empty;
  empty.id = "junk";
  empty.html = "<html><body><nav>Home</nav></body></html>";
  const std::vector<AddResult> results = store.Add({empty, LibraryArticle()});
  EXPECT_NE(results[0].error, "");
  EXPECT_EQ(results[0].story, 0u);
  EXPECT_EQ(results[1].error, "");
  EXPECT_EQ(store.article_count(), 1u);
}

TEST(ServeStore, ArticleWithoutIdGetsOneFromItsText) {
  precis::testing::TempDir dir;
  Store store(DbPath(dir));
  Document doc = LibraryArticle();
  doc.id.clear();
  const AddResult r = store.Add({doc})[0];
  EXPECT_EQ(r.id.size(), 18u);
  EXPECT_EQ(r.id.rfind("a-", 0), 0u);
  EXPECT_EQ(store.Add({doc})[0].duplicate_of, r.id);
}

TEST(ServeStore, RestartKeepsStoriesAndClustering) {
  precis::testing::TempDir dir;
  const std::vector<Document> bridge = BridgeArticles();
  {
    Store store(DbPath(dir));
    store.Add({bridge[0], LibraryArticle()});
  }
  Store store(DbPath(dir));
  EXPECT_EQ(store.article_count(), 2u);
  ASSERT_EQ(store.Stories({}).size(), 2u);
  // The rebuilt clusterer puts the rest of the bridge story where it was.
  const std::vector<AddResult> results = store.Add({bridge[1], bridge[2]});
  EXPECT_EQ(results[0].story, 1u);
  EXPECT_EQ(results[1].story, 1u);
  EXPECT_EQ(store.GetStory(1)->articles, 3u);
  EXPECT_EQ(store.Add({bridge[0]})[0].duplicate_of, "north-1");
}

TEST(ServeStore, StoriesFilteredBySinceLimitAndWords) {
  precis::testing::TempDir dir;
  Store store(DbPath(dir));
  std::vector<Document> docs = BridgeArticles();
  docs.resize(2);  // the bridge story ends on 2026-04-06
  docs.push_back(LibraryArticle());
  store.Add(docs);
  EXPECT_EQ(store.Stories(Query("2026-04-07", 50, "")).size(), 1u);
  EXPECT_EQ(store.Stories(Query("", 1, "")).size(), 1u);
  const std::vector<StoryInfo> found = store.Stories(Query("", 50, "BARGE piers"));
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].id, 1u);
  EXPECT_TRUE(store.Stories(Query("", 50, "barge roof")).empty());
  EXPECT_TRUE(store.Stories(Query("", 50, "100%")).empty());
}

TEST(ServeStore, ArticlesInTimeOrder) {
  precis::testing::TempDir dir;
  Store store(DbPath(dir));
  std::vector<Document> docs = BridgeArticles();
  store.Add({docs[2], docs[0]});
  const std::vector<StoredArticle> articles = store.StoryArticles(1);
  ASSERT_EQ(articles.size(), 2u);
  EXPECT_EQ(articles[0].id, "north-1");
  EXPECT_EQ(articles[1].id, "south-1");
}

TEST(ServeStore, BriefIsComputedOnlyAfterAChange) {
  precis::testing::TempDir dir;
  std::vector<Document> bridge = BridgeArticles();
  {
    Store store(DbPath(dir));
    store.Add({bridge[0], bridge[1]});
    const auto first = store.Brief(1, 40);
    ASSERT_TRUE(first);
    EXPECT_EQ(store.briefs_computed(), 1u);
    EXPECT_EQ(store.Brief(1, 40), first);
    EXPECT_EQ(store.briefs_computed(), 1u);
    store.Add({bridge[1]});  // a duplicate changes nothing
    store.Brief(1, 40);
    EXPECT_EQ(store.briefs_computed(), 1u);
    store.Brief(1, 60);  // another budget is another brief
    EXPECT_EQ(store.briefs_computed(), 2u);
    store.Add({bridge[2]});
    const auto changed = store.Brief(1, 40);
    EXPECT_EQ(store.briefs_computed(), 3u);
    EXPECT_NE(changed, first);
    EXPECT_FALSE(store.Brief(99, 40));
  }
  // The cache is in the store.
  Store store(DbPath(dir));
  store.Brief(1, 40);
  EXPECT_EQ(store.briefs_computed(), 0u);
}

TEST(ServeStore, BriefCitesAndQuotesEachOutlet) {
  precis::testing::TempDir dir;
  Store store(DbPath(dir));
  store.Add(BridgeArticles());
  const nlohmann::json j = nlohmann::json::parse(*store.Brief(1, 60));
  const nlohmann::json& brief = j["brief"];
  ASSERT_FALSE(brief["sentences"].empty());
  ASSERT_EQ(brief["sources"].size(), 3u);
  EXPECT_EQ(brief["sources"][0]["id"], "north-1");
  ASSERT_EQ(j["quotes"].size(), brief["sentences"].size());
  bool several = false;
  for (std::size_t i = 0; i < j["quotes"].size(); ++i) {
    const nlohmann::json& quotes = j["quotes"][i];
    ASSERT_FALSE(quotes.empty());
    // The sentence itself comes first, word for word.
    EXPECT_EQ(quotes[0]["text"], brief["sentences"][i]["text"]);
    several = several || quotes.size() > 1;
  }
  EXPECT_TRUE(several) << j.dump();
  // Twelve injured against fourteen.
  ASSERT_FALSE(j["disagreements"].empty()) << j.dump();
  EXPECT_FALSE(j["disagreements"][0]["versions"][0]["sentences"][0]["text"].get<std::string>().empty());
}

// Writers, brief readers and list readers at once (checked under
// ThreadSanitizer with no HTTP library in the stacks).
TEST(ServeStore, ConcurrentAddsAndBriefs) {
  precis::testing::TempDir dir;
  Store store(DbPath(dir));
  const std::vector<Document> bridge = BridgeArticles();
  store.Add({bridge[0]});
  std::vector<std::thread> threads;
  threads.emplace_back([&] {
    for (std::size_t i = 1; i < bridge.size(); ++i) store.Add({bridge[i]});
    store.Add({LibraryArticle()});
  });
  for (int t = 0; t < 2; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 4; ++i) {
        EXPECT_TRUE(store.Brief(1, 40));
        EXPECT_FALSE(store.Stories({}).empty());
        EXPECT_FALSE(store.StoryArticles(1).empty());
      }
    });
  }
  for (std::thread& t : threads) t.join();
  EXPECT_EQ(store.article_count(), 4u);
  EXPECT_EQ(store.GetStory(1)->articles, 3u);
  const nlohmann::json j = nlohmann::json::parse(*store.Brief(1, 40));
  EXPECT_EQ(j["brief"]["sources"].size(), 3u);
}

// A story read while articles join it: its line, its articles and its
// brief agree with each other (one snapshot), whatever was stored meanwhile.
TEST(ServeStore, ReadStoryIsOneSnapshot) {
  precis::testing::TempDir dir;
  Store store(DbPath(dir));
  const std::vector<Document> bridge = BridgeArticles();
  store.Add({bridge[2]});
  std::thread writer([&] {
    // Earlier dates than the first: each one goes before it in time order.
    for (int round = 0; round < 6; ++round) {
      for (std::size_t i = 0; i < 2; ++i) {
        Document d = bridge[i];
        d.id.append(1, '-').append(std::to_string(round));
        d.text.append("\nThe city gave an update at ").append(std::to_string(round + 8)).append(" o'clock.");
        store.Add({d});
      }
    }
  });
  for (int i = 0; i < 20; ++i) {
    const std::optional<StoryView> view = store.ReadStory(1, 40 + static_cast<std::size_t>(i % 3));
    ASSERT_TRUE(view);
    ASSERT_EQ(view->articles.size(), view->info.articles);
    const nlohmann::json j = nlohmann::json::parse(view->brief);
    const nlohmann::json& sources = j["brief"]["sources"];
    ASSERT_EQ(sources.size(), view->articles.size()) << j.dump();
    for (std::size_t k = 0; k < sources.size(); ++k) EXPECT_EQ(sources[k]["id"], view->articles[k].id);
    for (const StoredArticle& a : view->articles) EXPECT_EQ(a.text, "");  // the story's list, without texts
  }
  writer.join();
  const std::optional<StoryView> last = store.ReadStory(1, 40);
  ASSERT_TRUE(last);
  EXPECT_EQ(last->articles.size(), 13u);
  EXPECT_EQ(last->articles.back().id, "south-1");
  EXPECT_FALSE(store.ReadStory(2, 40));
}

TEST(ServeStore, InMemoryStoreReadsAndCachesBriefs) {
  Store store(":memory:");
  store.Add(BridgeArticles());
  const std::optional<StoryView> view = store.ReadStory(1, 40);
  ASSERT_TRUE(view);
  EXPECT_EQ(view->articles.size(), 3u);
  EXPECT_EQ(store.Brief(1, 40), view->brief);
  EXPECT_EQ(store.briefs_computed(), 1u);
  EXPECT_EQ(store.GetArticle("east-1")->story, 1u);
  EXPECT_EQ(store.article_count(), 3u);
}

TEST(ServeStore, RefusesAFileThatIsNoStore) {
  precis::testing::TempDir dir;
  const auto path = dir.Write("not.db", std::string(4096, 'x'));
  EXPECT_THROW(Store store(path.string()), Error);
}

}  // namespace
}  // namespace precis::serve
