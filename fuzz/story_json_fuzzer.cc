// Fuzzes the JSONL story reader: JsonlReader over the input, ParseStoryJson
// on every line. Bad input must give precis::Error, nothing else.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <sstream>
#include <string>
#include <string_view>

#include "precis/error.h"
#include "precis/ingest.h"
#include "precis/text.h"

namespace {

void CheckStory(const precis::Story& story) {
  if (!precis::text::IsValidUtf8(story.query)) std::abort();
  for (const precis::Document& doc : story.docs) {
    // The contract: text is UTF-8. (Line ends: documents given as bare
    // strings keep their CR bytes; only object documents are normalised.)
    if (!precis::text::IsValidUtf8(doc.text)) std::abort();
    if (doc.id.empty()) std::abort();
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  try {
    CheckStory(precis::ingest::ParseStoryJson(input, "fuzz.jsonl", 1));
  } catch (const precis::Error&) {
  }
  std::istringstream stream{std::string(input)};
  precis::ingest::JsonlReader reader(stream, "fuzz.jsonl");
  std::string line;
  std::size_t number = 0;
  try {
    while (reader.Next(&line, &number)) {
      try {
        CheckStory(precis::ingest::ParseStoryJson(line, reader.name(), number));
      } catch (const precis::Error&) {
      }
    }
  } catch (const precis::Error&) {
  }
  return 0;
}
