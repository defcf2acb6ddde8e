#include "precis/run_options.h"

#include "precis/error.h"

namespace precis {

std::string_view OnErrorName(OnError on_error) { return on_error == OnError::kSkip ? "skip" : "stop"; }

void ValidateRunOptions(const RunOptions& options) {
  if (options.summarize.budget.limit > kMaxBudget) {
    throw Error("the length budget must be at most " + std::to_string(kMaxBudget));
  }
  if (options.threads > kMaxThreads) throw Error("at most " + std::to_string(kMaxThreads) + " threads");
  const StoryLimits& limits = options.limits;
  if (limits.max_line_bytes == 0 || limits.max_docs == 0 || limits.max_story_bytes == 0) {
    throw Error("the limits on a story (line bytes, documents, story bytes) must be at least 1");
  }
  summarize::ValidateOptions(options.summarize);
}

}  // namespace precis
