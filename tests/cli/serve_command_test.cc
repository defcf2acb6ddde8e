// precis serve as a process: bad usage, and what kill -9 leaves behind.
#include <gtest/gtest.h>

#include <httplib.h>
#include <nlohmann/json.hpp>
#include <signal.h>

#include <chrono>
#include <regex>
#include <thread>

#include "serve/articles.h"
#include "test_support.h"

namespace precis {
namespace {

using nlohmann::json;
using precis::testing::ReadFile;
using precis::testing::RunCommand;
using precis::testing::TempDir;

const std::string kBinary = PRECIS_BINARY;

// The server started in the background; its port read from what it prints.
struct Background {
  pid_t pid = 0;
  int port = 0;
};

Background Start(const TempDir& dir, const std::string& log) {
  const std::string command = kBinary + " serve --db " + (dir.path() / "news.db").string() + " --port 0 > " +
                              (dir.path() / log).string() + " 2>&1 & echo $!";
  Background b;
  b.pid = static_cast<pid_t>(std::stol(RunCommand(command).out));
  const std::regex listening(R"(listening on http://127\.0\.0\.1:(\d+)/)");
  for (int i = 0; i < 200 && b.port == 0; ++i) {
    std::smatch m;
    const std::string out = ReadFile(dir.path() / log);
    if (std::regex_search(out, m, listening)) b.port = std::stoi(m[1]);
    else std::this_thread::sleep_for(std::chrono::milliseconds(25));
  }
  return b;
}

// Gone, or a zombie waiting for whoever adopted it (not this process: the
// shell that started it has exited).
bool Gone(pid_t pid) {
  const std::string stat = ReadFile("/proc/" + std::to_string(pid) + "/stat");
  const std::size_t close = stat.rfind(')');
  return close == std::string::npos || stat.compare(close, 4, ") Z ") == 0;
}

// 0 once the process is gone, -1 if it is still there after 10 s.
int Wait(pid_t pid) {
  for (int i = 0; i < 400 && !Gone(pid); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(25));
  return Gone(pid) ? 0 : -1;
}

TEST(ServeCommand, OffLoopbackWithoutTokenIsBadUsage) {
  TempDir dir;
  const auto r = RunCommand(kBinary + " serve --db " + (dir.path() / "x.db").string() +
                            " --bind 0.0.0.0 --port 0 2>&1");
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.out.find("--token"), std::string::npos) << r.out;
}

TEST(ServeCommand, StoreThatCannotBeOpenedFails) {
  TempDir dir;
  const auto r = RunCommand(kBinary + " serve --db " + (dir.path() / "no" / "such" / "x.db").string() + " 2>&1");
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.out.find("cannot open the store"), std::string::npos) << r.out;
}

TEST(ServeCommand, SigtermStopsAndKill9KeepsEveryAcknowledgedArticle) {
  TempDir dir;
  Background first = Start(dir, "first.log");
  ASSERT_NE(first.port, 0) << ReadFile(dir.path() / "first.log");
  std::vector<std::string> acknowledged;
  {
    httplib::Client client("127.0.0.1", first.port);
    std::vector<Document> docs = serve::testing::BridgeArticles();
    docs.push_back(serve::testing::LibraryArticle());
    for (const Document& d : docs) {
      const auto res = client.Post("/api/articles", json{{"id", d.id}, {"title", d.title}, {"date", d.date},
                                                         {"source", d.source}, {"text", d.text}}.dump(),
                                   "application/json");
      ASSERT_TRUE(res);
      ASSERT_EQ(res->status, 200) << res->body;
      acknowledged.push_back(d.id);
    }
  }
  ::kill(first.pid, SIGKILL);
  ASSERT_EQ(Wait(first.pid), 0);

  Background second = Start(dir, "second.log");
  ASSERT_NE(second.port, 0) << ReadFile(dir.path() / "second.log");
  EXPECT_NE(ReadFile(dir.path() / "second.log").find("4 articles"), std::string::npos);
  httplib::Client client("127.0.0.1", second.port);
  for (const std::string& id : acknowledged) {
    const auto res = client.Get("/api/articles/" + id);
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 200) << id;
  }
  const auto story = client.Get("/api/stories/1");
  ASSERT_TRUE(story);
  EXPECT_EQ(json::parse(story->body)["articles"].size(), 3u);
  ::kill(second.pid, SIGTERM);
  EXPECT_EQ(Wait(second.pid), 0);
  EXPECT_NE(ReadFile(dir.path() / "second.log").find("precis serve: stopped"), std::string::npos);
}

}  // namespace
}  // namespace precis
