// The options of a summarize run (one story, or a stream of stories), with
// their defaults and bounds stated once: `precis summarize` builds its flags
// and its help text from a default-constructed RunOptions, so what the help
// says is what the library does.
//
// Defaults: the summarizer's (summarize::Options: the default method, 100
// words, citation threshold 0.5, sentences cut at 8,192 bytes), all cores,
// stop at the first bad story, articles cleaned, each story's own question;
// limits on one story: a JSONL line of 256 MiB, 10,000 documents, 64 MiB of
// text or HTML.
// Errors: ValidateRunOptions throws precis::Error naming the first option
// that is out of its bounds or unknown (a method, a method parameter).
// Thread safety: plain values.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "precis/summarize.h"

namespace precis {

// What a run does with a story it cannot summarize (bad JSON, invalid
// UTF-8, over a limit, no text).
enum class OnError {
  kStop,  // report it and stop: the stories after it are not summarized
  kSkip,  // report it and go on
};
std::string_view OnErrorName(OnError on_error);  // "stop", "skip"

// Bad or hostile input is refused with a message, not summarized at any
// cost.
struct StoryLimits {
  std::size_t max_line_bytes = std::size_t{256} << 20;  // one JSONL line
  std::size_t max_docs = 10000;                         // documents in one story
  std::size_t max_story_bytes = std::size_t{64} << 20;  // text + HTML of one story
};

// Bounds past which a value means nothing more: a budget larger than any
// story is "the whole story" already, and each thread costs a stack.
inline constexpr std::size_t kMaxBudget = 1'000'000'000;
inline constexpr std::size_t kMaxThreads = 4096;

struct RunOptions {
  summarize::Options summarize;  // method, budget, citation threshold, method parameters, sentence cut
  StoryLimits limits;
  std::size_t threads = 0;  // stories summarized at once; 0: one per core
  OnError on_error = OnError::kStop;
  bool clean = true;  // false: text lines kept as read (pages are still extracted)
  // The question every story's brief should answer, replacing the story's
  // own; unset: each story's own (if any); "": generic briefs.
  std::optional<std::string> query;
};

// Throws Error when an option is out of its bounds (a budget of 0 or over
// kMaxBudget, more than kMaxThreads threads, a limit of 0) or unknown
// (summarize::ValidateOptions).
void ValidateRunOptions(const RunOptions& options);

}  // namespace precis
