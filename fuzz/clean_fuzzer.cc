// Fuzzes line cleaning: one document, a story of several (outlet repetition)
// and a batch of two stories, built from the fuzz input.
#include <fuzzer/FuzzedDataProvider.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <vector>

#include "precis/clean.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  FuzzedDataProvider in(data, size);
  static const char* const kSources[] = {"", "Outlet A", "Outlet B"};
  static const char* const kUrls[] = {"", "https://a.example/news/1", "https://b.example/x", "not a url"};
  precis::Story story;
  const std::size_t docs = in.ConsumeIntegralInRange<std::size_t>(1, 6);
  for (std::size_t i = 0; i < docs && in.remaining_bytes() > 0; ++i) {
    precis::Document d;
    d.id = std::to_string(i + 1);
    d.source = kSources[in.ConsumeIntegralInRange<std::size_t>(0, 2)];
    d.url = kUrls[in.ConsumeIntegralInRange<std::size_t>(0, 3)];
    if (in.ConsumeBool()) d.title = in.ConsumeRandomLengthString(80);
    d.text = in.ConsumeRandomLengthString(4096);
    story.docs.push_back(std::move(d));
  }
  precis::CleanOptions options;
  options.outlet_repeat_min = in.ConsumeIntegralInRange<std::size_t>(0, 3);
  if (in.ConsumeBool()) options.language = in.ConsumeBool() ? "fr" : "";

  for (const precis::Document& d : story.docs) {
    const precis::CleanedDocument c = precis::CleanDocument(d, options);
    if (c.title_line > 0 && c.title_line > static_cast<std::size_t>(std::count(d.text.begin(), d.text.end(), '\n')) + 1) {
      std::abort();
    }
    (void)precis::BodyParagraphs(c);
  }
  const auto cleaned = precis::CleanStory(story, options);
  if (cleaned.size() != story.docs.size()) std::abort();
  precis::Story second = story;
  if (!second.docs.empty()) second.docs.pop_back();
  const auto batch = precis::CleanBatch({story, second}, options);
  if (batch.size() != 2 || batch[0].size() != story.docs.size()) std::abort();
  return 0;
}
