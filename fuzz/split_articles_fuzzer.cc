// Fuzzes the standard-input article splitter (articles separated by "---").
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "precis/error.h"
#include "precis/ingest.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  try {
    const precis::Story story = precis::ingest::SplitArticles(input, "<stdin>");
    for (const precis::Document& doc : story.docs) {
      // Blank articles are dropped; line ends are LF.
      if (doc.text.find_first_not_of(" \t\n") == std::string::npos) std::abort();
      if (doc.text.find('\r') != std::string::npos) std::abort();
    }
  } catch (const precis::Error&) {
  }
  return 0;
}
