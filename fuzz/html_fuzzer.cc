// Fuzzes HTML main-content extraction and the cleaning that follows it.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "precis/html.h"
#include "precis/ingest.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  (void)precis::ingest::LooksLikeHtml(input, "page.html");
  (void)precis::ingest::LooksLikeHtml(input);
  const precis::ExtractedArticle article = precis::ExtractArticleWithStructure(input);
  for (std::size_t i = 0; i < article.paragraphs.size(); ++i) {
    if (article.paragraphs[i].line != i + 1) std::abort();
  }
  precis::ExtractOptions options;
  options.known.title = "Known title";
  options.known.source = "Outlet";
  const precis::CleanedDocument cleaned = precis::ExtractAndClean(input, options);
  (void)precis::BodyParagraphs(cleaned);
  return 0;
}
