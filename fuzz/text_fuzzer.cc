// Fuzzes the sentence splitter and the tokenizer on arbitrary bytes (invalid
// UTF-8 included). The splitter and analyzer are reused across inputs, as the
// summarizer reuses them across stories.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "precis/text.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static precis::text::SentenceSplitter splitter;
  static precis::text::Analyzer analyzer;
  const std::string input(reinterpret_cast<const char*>(data), size);

  std::size_t bad = 0;
  if (!precis::text::IsValidUtf8(input, &bad) && bad >= input.size()) std::abort();
  (void)precis::text::CountWords(input);

  const std::vector<precis::text::Sentence> sentences = splitter.Split(input);
  for (const auto& s : sentences) {
    if (s.text.empty() || s.begin > s.end || s.end > input.size()) std::abort();
    for (const precis::text::Token& t : analyzer.Tokens(s.text)) {
      if (t.surface.empty() || t.surface.data() < s.text.data() ||
          t.surface.data() + t.surface.size() > s.text.data() + s.text.size()) {
        std::abort();
      }
    }
  }
  for (const precis::text::Token& t : analyzer.Tokens(input)) {
    if (t.surface.data() < input.data() || t.surface.data() + t.surface.size() > input.data() + input.size()) {
      std::abort();
    }
    (void)analyzer.IsStopword(t.stem);
  }
  return 0;
}
