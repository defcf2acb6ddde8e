// The crash test of precis serve: the real binary as a child process,
// killed with SIGKILL while clients are posting a stream of articles, then
// started again on the same store. Every article it acknowledged must be
// there, in the story it was given; a batch it was still working on must be
// there whole or not at all; and every story must read back whole (listed,
// its articles readable, its counts in agreement, its brief computable).
#include <gtest/gtest.h>

#include <httplib.h>
#include <nlohmann/json.hpp>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <map>
#include <mutex>
#include <regex>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "test_support.h"

namespace precis {
namespace {

using nlohmann::json;
using precis::testing::ReadFile;
using precis::testing::TempDir;

const std::string kBinary = PRECIS_BINARY;

// Five invented stories, each told in eight sentences; an article takes four
// of its story's sentences and one of its own.
struct Topic {
  const char* title;
  std::vector<const char*> sentences;
};

const std::vector<Topic>& Topics() {
  static const std::vector<Topic> topics = {
      {"Crane collapses at Tessary harbour",
       {"A container crane collapsed onto a cargo ship at Tessary harbour on Tuesday afternoon.",
        "Dock workers said the crane's boom snapped as it lifted a loaded container.",
        "Two crane operators were taken to Tessary general hospital with injuries.",
        "The harbour authority halted all loading at the eastern quay while inspectors examine the crane.",
        "The cargo ship Velda Star was damaged on its forward deck by the falling boom.",
        "Union officials said the crane had been due for a safety inspection last month.",
        "Shipping lines were told to expect delays of up to three days at the harbour.",
        "The harbour master said the eastern quay would reopen once the wreckage is cleared."}},
      {"Orvale council approves tram line to the airport",
       {"Orvale city council voted on Wednesday to build a tram line from the central station to the airport.",
        "The tram line will run for eleven kilometres and have nine stops, the council said.",
        "Construction of the airport tram is expected to begin next spring and last three years.",
        "Council members approved the tram budget of 410 million after a four hour debate.",
        "Residents of the Millbrook district had opposed the route of the tram through their streets.",
        "The mayor of Orvale said the tram would take cars off the airport road.",
        "Trams will run every six minutes at peak hours once the line opens.",
        "The regional transport agency will operate the new tram line."}},
      {"Wildfire forces evacuation of Keldon valley villages",
       {"A wildfire in the Keldon valley forced the evacuation of four villages on Thursday night.",
        "Firefighters said strong winds pushed the wildfire across the ridge above the valley.",
        "About 1,200 residents of the Keldon valley spent the night in a school gymnasium.",
        "Water bombing aircraft from two regions joined the fight against the wildfire.",
        "The fire service said the wildfire had burned some 3,000 hectares of forest.",
        "No one was injured by the wildfire, the Keldon valley prefecture said.",
        "Roads into the valley were closed while the wildfire burned near the villages.",
        "Residents may return to the villages once the wind drops, officials said."}},
      {"Brannock chess champion retains title after tiebreak",
       {"The chess champion Ilse Varga retained her title in Brannock after a tense rapid tiebreak on Friday.",
        "Varga and her challenger drew all twelve classical games of the championship match.",
        "The tiebreak of four rapid games was decided by a single win for Varga.",
        "The challenger Tomas Reyl said he had missed a winning move in the third rapid game.",
        "The championship match in Brannock drew record crowds to the old opera house.",
        "Varga has now held the chess title for six years.",
        "The prize fund of the chess match was shared sixty to forty between the players.",
        "Organisers said the next championship match will be played in two years."}},
      {"Lake Semmer fish deaths blamed on heat",
       {"Thousands of dead fish washed ashore on the banks of Lake Semmer over the weekend.",
        "Biologists said the fish died because warm water held too little oxygen.",
        "The water temperature of Lake Semmer reached 29 degrees, a record for the lake.",
        "Anglers were asked to stop fishing on Lake Semmer until the water cools.",
        "Volunteers collected the dead fish from the beaches along the southern shore.",
        "The environment agency ruled out a chemical spill as the cause of the fish deaths.",
        "Most of the dead fish were perch and bream, the biologists said.",
        "The lake authority will pump fresh water into the shallow bays to raise oxygen levels."}},
  };
  return topics;
}

// Article `n`: a deterministic choice of its topic's sentences, and one of
// its own, so that no two articles have the same text.
json MakeArticle(std::size_t n) {
  const std::vector<Topic>& topics = Topics();
  const Topic& topic = topics[n % topics.size()];
  std::uint64_t state = 0x9e3779b97f4a7c15ull * (n + 1);
  const auto next = [&state] {
    state ^= state >> 12;
    state ^= state << 25;
    state ^= state >> 27;
    return state * 2685821657736338717ull;
  };
  std::vector<std::size_t> order(topic.sentences.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  for (std::size_t i = order.size() - 1; i > 0; --i) std::swap(order[i], order[next() % (i + 1)]);
  std::string text;
  for (std::size_t i = 0; i < 4; ++i) text += std::string(topic.sentences[order[i]]) + "\n";
  text += "This report, number " + std::to_string(n) + ", was filed by the desk of outlet " +
          std::to_string(n % 7) + ".";
  const int day = 1 + static_cast<int>(n % 5);
  return {{"id", "crash-" + std::to_string(n)},
          {"title", topic.title},
          {"date", "2026-05-0" + std::to_string(day)},
          {"source", "Outlet " + std::to_string(n % 7)},
          {"url", "https://example.org/crash-" + std::to_string(n)},
          {"text", text}};
}

// The server as a child of this process, its output in `log`.
struct Child {
  pid_t pid = -1;
  int port = 0;
};

Child Start(const TempDir& dir, const std::string& log) {
  const std::string db = (dir.path() / "news.db").string();
  const std::string log_path = (dir.path() / log).string();
  Child c;
  std::cout.flush();  // the child must not inherit buffered lines
  std::fflush(nullptr);
  c.pid = ::fork();
  if (c.pid == 0) {
    if (std::freopen(log_path.c_str(), "w", stdout) == nullptr) ::_exit(127);
    if (::dup2(::fileno(stdout), STDERR_FILENO) < 0) ::_exit(127);
    ::execl(kBinary.c_str(), kBinary.c_str(), "serve", "--db", db.c_str(), "--port", "0", "--threads", "4",
            static_cast<char*>(nullptr));
    ::_exit(127);
  }
  const std::regex listening(R"(listening on http://127\.0\.0\.1:(\d+)/)");
  // Up to 60 s: a sanitizer build replays the store slowly.
  for (int i = 0; i < 2400 && c.port == 0 && c.pid > 0; ++i) {
    std::smatch m;
    const std::string out = ReadFile(log_path);
    if (std::regex_search(out, m, listening)) c.port = std::stoi(m[1]);
    else std::this_thread::sleep_for(std::chrono::milliseconds(25));
  }
  return c;
}

// The exit status, or -signal when killed; -1000 when not reaped in 30 s.
int Reap(pid_t pid) {
  for (int i = 0; i < 3000; ++i) {
    int status = 0;
    const pid_t r = ::waitpid(pid, &status, WNOHANG);
    if (r == pid) return WIFEXITED(status) ? WEXITSTATUS(status) : -WTERMSIG(status);
    if (r < 0) return -1000;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return -1000;
}

// The number of articles the server said it opened with ("precis serve: N
// articles in ..."), or -1.
long OpenedWith(const std::string& log) {
  std::smatch m;
  if (!std::regex_search(log, m, std::regex(R"(precis serve: (\d+) articles in )"))) return -1;
  return std::stol(m[1]);
}

struct Batch {
  std::vector<std::string> ids;
};

struct Stream {
  std::mutex mu;
  std::map<std::string, std::uint64_t> acknowledged;  // id -> story
  std::vector<Batch> unanswered;                      // batches sent with no 200 back
  std::atomic<std::size_t> acked_count{0};
  std::atomic<std::size_t> errors{0};  // requests with no answer (the kill)
  std::atomic<std::size_t> sent{0};
};

constexpr std::size_t kArticles = 6000;  // more than can be posted before the kill
constexpr std::size_t kClients = 3;
constexpr std::size_t kKillAfter = 1500;  // acknowledged articles

// Client `c` posts its share of the stream (batches of 1 to 4 JSONL lines)
// until the stream ends or the server stops answering.
void PostStream(int port, std::size_t c, Stream* stream) {
  httplib::Client client("127.0.0.1", port);
  client.set_connection_timeout(5);
  client.set_read_timeout(30);
  std::size_t n = c;
  std::size_t size = 1;
  while (n < kArticles) {
    Batch batch;
    std::string body;
    for (std::size_t i = 0; i < size && n < kArticles; ++i, n += kClients) {
      const json a = MakeArticle(n);
      batch.ids.push_back(a["id"]);
      body += a.dump() + "\n";
    }
    size = size % 4 + 1;
    stream->sent += batch.ids.size();
    const auto res = client.Post("/api/articles", body, "application/json");
    if (!res || res->status != 200) {
      stream->errors++;
      std::lock_guard lock(stream->mu);
      stream->unanswered.push_back(std::move(batch));
      if (!res) return;  // the server is gone
      continue;
    }
    const json answer = json::parse(res->body, nullptr, false);
    std::lock_guard lock(stream->mu);
    if (answer.is_discarded() || !answer["failed"].empty() || answer["articles"].size() != batch.ids.size()) {
      ADD_FAILURE() << "unexpected answer: " << res->body;
      return;
    }
    for (const json& a : answer["articles"]) {
      if (!a["story"].is_number_unsigned() || a["story"].get<std::uint64_t>() == 0) {
        ADD_FAILURE() << "no story in " << a.dump();
        continue;
      }
      stream->acknowledged[a["id"].get<std::string>()] = a["story"].get<std::uint64_t>();
    }
    stream->acked_count += batch.ids.size();
  }
}

TEST(ServeCrash, KillDuringStreamKeepsEveryAcknowledgedArticleAndEveryStoryWhole) {
  TempDir dir;
  Child first = Start(dir, "first.log");
  ASSERT_GT(first.port, 0) << ReadFile(dir.path() / "first.log");

  Stream stream;
  std::vector<std::thread> clients;
  const int port = first.port;
  for (std::size_t c = 0; c < kClients; ++c) clients.emplace_back(PostStream, port, c, &stream);
  // Killed while the clients are posting: once enough is acknowledged (at
  // most 60 s, for a slow sanitizer build).
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  while (stream.acked_count < kKillAfter && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  ASSERT_EQ(::kill(first.pid, SIGKILL), 0);
  for (std::thread& t : clients) t.join();
  EXPECT_EQ(Reap(first.pid), -SIGKILL);

  const std::size_t acknowledged = stream.acknowledged.size();
  std::size_t in_flight = 0;
  for (const Batch& b : stream.unanswered) in_flight += b.ids.size();
  std::cout << "crash test: " << stream.sent << " articles sent, " << acknowledged << " acknowledged, "
            << stream.unanswered.size() << " batches (" << in_flight << " articles) unanswered at the kill\n";
  ASSERT_GE(acknowledged, kKillAfter) << "the stream was too slow to reach the kill";
  // The kill fell in the middle of the stream: every client lost its
  // connection before the end.
  EXPECT_LT(stream.sent.load(), kArticles);
  EXPECT_EQ(stream.errors.load(), kClients) << "each client's stream should end at the kill, and only there";

  Child second = Start(dir, "second.log");
  ASSERT_GT(second.port, 0) << ReadFile(dir.path() / "second.log");
  const long stored = OpenedWith(ReadFile(dir.path() / "second.log"));
  std::cout << "crash test: the server restarted with " << stored << " articles\n";
  // What was stored: everything acknowledged, plus perhaps batches committed
  // whose answer the kill cut off.
  EXPECT_GE(stored, static_cast<long>(acknowledged));
  EXPECT_LE(stored, static_cast<long>(acknowledged + in_flight));

  httplib::Client client("127.0.0.1", second.port);
  client.set_read_timeout(60);
  const auto get = [&client](const std::string& path) -> std::pair<int, json> {
    const auto res = client.Get(path);
    if (!res) return {0, json()};
    return {res->status, json::parse(res->body, nullptr, false)};
  };

  // Every acknowledged article, in the story it was given.
  std::size_t missing = 0;
  for (const auto& entry : stream.acknowledged) {
    const auto [status, article] = get("/api/articles/" + entry.first);
    if (status != 200) {
      ++missing;
      ADD_FAILURE() << "acknowledged article " << entry.first << " is gone (status " << status << ")";
      continue;
    }
    EXPECT_EQ(article["story"], entry.second) << entry.first;
    EXPECT_NE(article["text"].get<std::string>().find("number " + entry.first.substr(6) + ","), std::string::npos)
        << entry.first << ": " << article.dump();
  }
  EXPECT_EQ(missing, 0u);
  // A batch without an answer was one transaction: all of it, or none.
  std::size_t committed_unanswered = 0;
  for (const Batch& b : stream.unanswered) {
    std::size_t found = 0;
    for (const std::string& id : b.ids) found += get("/api/articles/" + id).first == 200 ? 1 : 0;
    EXPECT_TRUE(found == 0 || found == b.ids.size()) << found << " of a batch of " << b.ids.size() << " stored";
    committed_unanswered += found;
  }
  EXPECT_EQ(static_cast<long>(acknowledged + committed_unanswered), stored);

  // Every story whole.
  const auto [list_status, list] = get("/api/stories?limit=1000");
  ASSERT_EQ(list_status, 200);
  ASSERT_LT(list["stories"].size(), 1000u);
  std::set<std::uint64_t> listed;
  std::set<std::string> seen;
  long total = 0;
  for (const json& s : list["stories"]) {
    const std::uint64_t id = s["id"];
    listed.insert(id);
    const auto [status, story] = get("/api/stories/" + std::to_string(id));
    ASSERT_EQ(status, 200) << "story " << id << ": " << story.dump();
    const std::size_t count = s["articles"];
    EXPECT_EQ(story["articles"].size(), count) << "story " << id;
    total += static_cast<long>(count);
    for (const json& a : story["articles"]) {
      const std::string aid = a["id"];
      EXPECT_TRUE(seen.insert(aid).second) << aid << " is in two stories";
      const auto [astatus, article] = get("/api/articles/" + aid);
      EXPECT_EQ(astatus, 200) << aid;
      EXPECT_EQ(article["story"], id) << aid;
      const auto ack = stream.acknowledged.find(aid);
      if (ack != stream.acknowledged.end()) {
        EXPECT_EQ(ack->second, id) << aid;
      }
    }
    ASSERT_TRUE(story["brief"].is_object()) << "story " << id;
    EXPECT_FALSE(story["brief"]["sentences"].empty()) << "story " << id << " has no brief";
    for (const json& sentence : story["brief"]["sentences"]) {
      for (const json& n : sentence["citations"]) {
        EXPECT_GE(n.get<std::size_t>(), 1u);
        EXPECT_LE(n.get<std::size_t>(), count) << "story " << id << " cites an article it does not have";
      }
    }
  }
  EXPECT_EQ(total, stored) << "the stories' counts do not add up to the articles stored";
  for (const auto& entry : stream.acknowledged) EXPECT_EQ(listed.count(entry.second), 1u) << entry.first;
  std::cout << "crash test: " << list["stories"].size() << " stories read whole, " << total << " articles\n";

  // The store takes new articles after the restart.
  const auto res = client.Post("/api/articles", MakeArticle(kArticles).dump(), "application/json");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200) << res->body;

  ASSERT_EQ(::kill(second.pid, SIGTERM), 0);
  EXPECT_EQ(Reap(second.pid), 0) << ReadFile(dir.path() / "second.log");
}

}  // namespace
}  // namespace precis
