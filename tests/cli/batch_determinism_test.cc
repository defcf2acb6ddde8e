// Determinism: the same JSONL batch gives byte-identical output on one thread
// and on several, for `precis summarize` and `precis rouge --jsonl`. The CLI
// run functions are called in-process (so ThreadSanitizer sees the workers).
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "cli/rouge_command.h"
#include "cli/summarize_command.h"
#include "common/lcg.h"
#include "test_support.h"

namespace {

using precis::testing::TempDir;

using precis::Lcg;

const std::vector<std::string>& Words() {
  static const std::vector<std::string> words = {
      "council", "bridge",  "ferry",   "storm",  "harbour", "mayor",    "engineers", "repairs", "budget",
      "voted",   "closed",  "opened",  "Monday", "Tuesday", "million",  "residents", "police",  "said",
      "new",     "old",     "city",    "river",  "report",  "workers",  "school",    "water",   "power",
      "the",     "a",       "of",      "on",     "in",      "after",    "before",    "and",     "will"};
  return words;
}

std::string Sentence(Lcg& rng) {
  std::string s;
  const std::uint32_t n = 6 + rng.Next(14);
  for (std::uint32_t i = 0; i < n; ++i) {
    std::string w = Words()[rng.Next(static_cast<std::uint32_t>(Words().size()))];
    if (i == 0) w[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(w[0])));
    if (i > 0) s += ' ';
    s += w;
  }
  if (rng.Next(5) == 0) {
    s += ' ';
    s += std::to_string(rng.Next(5000));
  }
  s += '.';
  return s;
}

// ~50 stories of 2-6 articles; articles of a story share some sentences (so
// citations span articles). Line 17 is broken JSON, to cover the error path.
std::string Stories(int count) {
  Lcg rng(42);
  std::string out;
  for (int s = 0; s < count; ++s) {
    if (s == 17) {
      out += "{\"id\": \"broken\", \"docs\": [\n";
      continue;
    }
    std::vector<std::string> shared;
    for (int i = 0; i < 4; ++i) shared.push_back(Sentence(rng));
    nlohmann::json story;
    story["id"] = "story-" + std::to_string(s);
    story["docs"] = nlohmann::json::array();
    const std::uint32_t docs = 2 + rng.Next(5);
    for (std::uint32_t d = 0; d < docs; ++d) {
      std::string text;
      const std::uint32_t sentences = 4 + rng.Next(12);
      for (std::uint32_t i = 0; i < sentences; ++i) {
        text += (rng.Next(3) == 0 ? shared[rng.Next(4)] : Sentence(rng));
        text += rng.Next(4) == 0 ? "\n" : " ";
      }
      nlohmann::json doc = {{"id", std::to_string(d + 1)}, {"text", text}};
      if (rng.Next(2) == 0) doc["source"] = "Outlet " + std::to_string(rng.Next(3));
      if (rng.Next(2) == 0) doc["date"] = "2024-0" + std::to_string(1 + rng.Next(9)) + "-1" + std::to_string(rng.Next(10));
      story["docs"].push_back(doc);
    }
    out += story.dump() + "\n";
  }
  return out;
}

struct Outcome {
  int status = -1;
  std::string out, err;
};

Outcome Summarize(const std::string& input, int threads, const std::string& on_error) {
  precis::cli::SummarizeInvocation inv;
  inv.inputs = {input};
  inv.run.threads = static_cast<std::size_t>(threads);
  inv.run.on_error = on_error == "skip" ? precis::OnError::kSkip : precis::OnError::kStop;
  inv.progress = false;
  std::istringstream in;
  std::ostringstream out, err;
  Outcome r;
  r.status = precis::cli::RunSummarize(inv, in, out, err);
  r.out = out.str();
  r.err = err.str();
  return r;
}

Outcome Rouge(std::vector<std::string> args) {
  std::ostringstream out, err;
  Outcome r;
  r.status = precis::cli::RunRouge(args, std::cin, out, err);
  r.out = out.str();
  r.err = err.str();
  return r;
}

TEST(BatchDeterminism, SummarizeOneAndFourThreads) {
  TempDir dir;
  const auto input = dir.Write("stories.jsonl", Stories(50));
  const Outcome one = Summarize(input.string(), 1, "skip");
  const Outcome four = Summarize(input.string(), 4, "skip");
  ASSERT_EQ(one.status, 1) << one.err;  // one story failed, the others were written
  EXPECT_EQ(four.status, one.status);
  EXPECT_EQ(std::count(one.out.begin(), one.out.end(), '\n'), 49);
  EXPECT_EQ(one.out, four.out);  // byte-identical
  EXPECT_EQ(one.err, four.err);
  EXPECT_NE(one.err.find("stories.jsonl:18:"), std::string::npos) << one.err;

  // With --on-error stop, both stop at the same story with the same output.
  const Outcome stop1 = Summarize(input.string(), 1, "stop");
  const Outcome stop4 = Summarize(input.string(), 4, "stop");
  EXPECT_EQ(stop1.status, 1);
  EXPECT_EQ(stop4.status, 1);
  EXPECT_EQ(std::count(stop1.out.begin(), stop1.out.end(), '\n'), 17);
  EXPECT_EQ(stop1.out, stop4.out);
}

TEST(BatchDeterminism, RougeJsonlOneAndFourThreads) {
  TempDir dir;
  Lcg rng(7);
  std::string lines;
  for (int c = 0; c < 50; ++c) {
    nlohmann::json j;
    j["id"] = std::to_string(c);
    j["peer"] = {Sentence(rng), Sentence(rng)};
    j["models"] = {{Sentence(rng), Sentence(rng)}, {Sentence(rng)}};
    if (c % 10 == 3) j["peer_id"] = "other";
    lines += j.dump() + "\n";
  }
  const std::string cases = dir.Write("cases.jsonl", lines).string();
  for (const std::string format : {"jsonl", "text", "json"}) {
    const std::vector<std::string> flags = {"--jsonl", cases, "-n", "2", "-m", "-2", "4", "-u", "-w", "1.2",
                                            "-d", "--format", format, "--threads"};
    std::vector<std::string> a = flags, b = flags;
    a.push_back("1");
    b.push_back("4");
    const Outcome one = Rouge(a);
    const Outcome four = Rouge(b);
    ASSERT_EQ(one.status, 0) << format;
    EXPECT_EQ(four.status, 0) << format;
    EXPECT_FALSE(one.out.empty()) << format;
    EXPECT_EQ(one.out, four.out) << format;  // byte-identical
  }
}

}  // namespace
