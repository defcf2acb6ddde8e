// External summarizers: a shell command fed story JSONL, read back as
// {"id", "summary": [sentences]} lines (see bench.h).
//
// The command's standard input is written by a separate thread while this
// one reads its standard output, so neither side can block the other on a
// full pipe. SIGPIPE is blocked in the writing thread: a command that exits
// without reading all of its input makes write() fail with EPIPE instead of
// killing the process; the command's exit status is what is reported.
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <spawn.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <nlohmann/json.hpp>
#include <thread>
#include <unordered_map>

#include "precis/bench.h"
#include "precis/error.h"

extern char** environ;

namespace precis::bench {
namespace {

// The story as the command sees it: everything but the references.
std::string StoryLine(const Story& story) {
  nlohmann::json docs = nlohmann::json::array();
  for (const Document& d : story.docs) {
    nlohmann::json doc = {{"id", d.id}, {"text", d.text}};
    if (!d.title.empty()) doc["title"] = d.title;
    if (!d.date.empty()) doc["date"] = d.date;
    if (!d.source.empty()) doc["source"] = d.source;
    if (!d.url.empty()) doc["url"] = d.url;
    if (!d.author.empty()) doc["author"] = d.author;
    if (!d.language.empty()) doc["language"] = d.language;
    docs.push_back(std::move(doc));
  }
  nlohmann::json line = {{"id", story.id}, {"docs", std::move(docs)}};
  if (!story.query.empty()) line["query"] = story.query;
  return line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

void CloseFd(int& fd) {
  if (fd >= 0) ::close(fd);
  fd = -1;
}

// Writes all of `data` to `fd` (then closes it); stops quietly on EPIPE.
void WriteAll(int fd, const std::string& data) {
  sigset_t block;
  sigemptyset(&block);
  sigaddset(&block, SIGPIPE);
  pthread_sigmask(SIG_BLOCK, &block, nullptr);
  std::size_t done = 0;
  while (done < data.size()) {
    const ssize_t n = ::write(fd, data.data() + done, data.size() - done);
    if (n < 0) {
      if (errno == EINTR) continue;
      break;  // EPIPE: the command stopped reading
    }
    done += static_cast<std::size_t>(n);
  }
  ::close(fd);
  // Consume a SIGPIPE raised by a failed write, so it never reaches the process.
  timespec zero{};
  while (sigtimedwait(&block, nullptr, &zero) > 0) {
  }
}

}  // namespace

std::vector<std::vector<std::string>> RunExternal(const MethodSpec& spec, const StorySet& set,
                                                  double* wall_seconds, long* child_rss_kb) {
  const std::string who = "method " + spec.name + " (external command)";
  std::string input;
  for (const Story& story : set.stories) input += StoryLine(story);

  int to_child[2] = {-1, -1}, from_child[2] = {-1, -1};
  if (::pipe2(to_child, O_CLOEXEC) != 0 || ::pipe2(from_child, O_CLOEXEC) != 0) {
    CloseFd(to_child[0]);
    CloseFd(to_child[1]);
    throw Error(who + ": cannot create a pipe: " + std::strerror(errno));
  }
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, to_child[0], 0);
  posix_spawn_file_actions_adddup2(&actions, from_child[1], 1);
  const char* argv[] = {"sh", "-c", spec.command.c_str(), nullptr};
  pid_t pid = -1;
  const auto start = std::chrono::steady_clock::now();
  const int spawned =
      ::posix_spawn(&pid, "/bin/sh", &actions, nullptr, const_cast<char* const*>(argv), environ);
  posix_spawn_file_actions_destroy(&actions);
  CloseFd(to_child[0]);
  CloseFd(from_child[1]);
  if (spawned != 0) {
    CloseFd(to_child[1]);
    CloseFd(from_child[0]);
    throw Error(who + ": cannot run /bin/sh: " + std::strerror(spawned));
  }

  std::thread writer(WriteAll, to_child[1], std::cref(input));
  std::string output;
  char buffer[65536];
  for (;;) {
    const ssize_t n = ::read(from_child[0], buffer, sizeof buffer);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    output.append(buffer, static_cast<std::size_t>(n));
  }
  CloseFd(from_child[0]);
  writer.join();
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  *wall_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  rusage usage{};
  *child_rss_kb = ::getrusage(RUSAGE_CHILDREN, &usage) == 0 ? usage.ru_maxrss : 0;
  if (WIFSIGNALED(status)) {
    throw Error(who + ": the command was killed by signal " + std::to_string(WTERMSIG(status)) + ": " +
                spec.command);
  }
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    throw Error(who + ": the command exited with status " + std::to_string(WEXITSTATUS(status)) + ": " +
                spec.command);
  }

  std::unordered_map<std::string, std::size_t> index;
  for (std::size_t s = 0; s < set.stories.size(); ++s) index.emplace(set.stories[s].id, s);
  std::vector<std::vector<std::string>> summaries(set.stories.size());
  std::vector<std::size_t> line_of(set.stories.size(), 0);
  std::size_t line_number = 0, start_of_line = 0;
  while (start_of_line < output.size()) {
    std::size_t end = output.find('\n', start_of_line);
    if (end == std::string::npos) end = output.size();
    const std::string_view line(output.data() + start_of_line, end - start_of_line);
    start_of_line = end + 1;
    ++line_number;
    if (line.find_first_not_of(" \t\r") == std::string_view::npos) continue;
    auto fail = [&](const std::string& why) {
      throw Error(who + ": output line " + std::to_string(line_number) + ": " + why);
    };
    nlohmann::json j;
    try {
      j = nlohmann::json::parse(line.begin(), line.end());
    } catch (const nlohmann::json::exception& e) {
      std::string reason = e.what();
      if (const std::size_t p = reason.find("parse error"); p != std::string::npos) reason = reason.substr(p);
      fail("invalid JSON: " + reason);
    }
    if (!j.is_object() || !j.contains("id") || !j["id"].is_string()) fail("wants an object with a string \"id\"");
    const auto summary = j.find("summary");
    if (summary == j.end() || !summary->is_array()) fail("\"summary\" must be an array of sentences");
    const std::string id = j["id"].get<std::string>();
    const auto it = index.find(id);
    if (it == index.end()) fail("unknown story id \"" + id + "\"");
    if (line_of[it->second] != 0) {
      fail("story \"" + id + "\" again (first on output line " + std::to_string(line_of[it->second]) + ")");
    }
    line_of[it->second] = line_number;
    for (const auto& sentence : *summary) {
      if (!sentence.is_string()) fail("\"summary\" must hold strings only");
      summaries[it->second].push_back(sentence.get<std::string>());
    }
  }
  for (std::size_t s = 0; s < set.stories.size(); ++s) {
    if (line_of[s] == 0) {
      throw Error(who + ": no summary for story \"" + set.stories[s].id + "\" (" + set.file + ":" +
                  std::to_string(set.lines[s]) + "; the command printed " + std::to_string(line_number) +
                  " line(s))");
    }
  }
  return summaries;
}

}  // namespace precis::bench
