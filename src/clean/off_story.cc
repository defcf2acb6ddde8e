#include "clean/off_story.h"

#include <algorithm>
#include <cstdint>
#include <unordered_map>
#include <unordered_set>

#include "precis/text.h"

namespace precis::clean_internal {
namespace {

// Below these a section's share of shared words says little.
constexpr std::size_t kMinArticles = 3;
constexpr std::size_t kMinSectionParagraphs = 3;
constexpr std::size_t kMinSectionWords = 30;
constexpr std::size_t kMinOpeningWords = 20;
// A section is off the story when its share of words found in other articles
// is below this fraction of the opening section's share. On the seed story a
// second story below a heading scores 0.42 of its opening, background
// sections of the story itself 0.65 and more; on Multi-News stories the
// sections below 0.45 of a well-shared opening are lists, contact blocks
// and other stories, those above it mostly the story's own.
constexpr double kOffStoryRatio = 0.45;
// The opening must itself be clearly of the story (this share of its words
// found in other articles) for the comparison to mean something: an
// article that shares little overall is a different kind of text, not one
// with a second story in it.
constexpr double kMinOpeningShare = 0.5;
// Few shared words alone also marks a section of details (a long quote, a
// list of names) of the story itself. A second story also has a subject of
// its own that it repeats ("Japan", "islands", "treaty" in paragraph after
// paragraph) and that no other article and not the opening uses: at least
// this many such words, and at least half of the words the section repeats.
constexpr std::size_t kMinOwnSubjectWords = 8;

// One section's content stems (stopwords and numbers left out), by ids
// from one analyzer.
struct Section {
  std::size_t first = 0, end = 0;  // paragraph range; headings inside are skipped
  std::size_t body_paragraphs = 0;
  std::vector<std::uint32_t> stems;
  std::vector<std::uint32_t> paragraph_of;  // for each stem, its paragraph
};

std::vector<Section> Sections(const CleanedDocument& doc, text::Analyzer& analyzer) {
  std::vector<Section> out(1);
  std::vector<text::Token> tokens;
  for (std::size_t p = 0; p < doc.paragraphs.size(); ++p) {
    const Paragraph& paragraph = doc.paragraphs[p];
    if (paragraph.kind == ParagraphKind::kHeading) {
      out.back().end = p;
      out.push_back({p + 1, p + 1, 0, {}, {}});
      continue;
    }
    ++out.back().body_paragraphs;
    tokens.clear();
    analyzer.Tokens(paragraph.text, &tokens);
    for (const text::Token& t : tokens) {
      if (!t.stopword && !t.numeric) {
        out.back().stems.push_back(t.stem_id);
        out.back().paragraph_of.push_back(static_cast<std::uint32_t>(p));
      }
    }
  }
  out.back().end = doc.paragraphs.size();
  return out;
}

// The share of `stems` that `elsewhere` holds.
double SharedShare(const std::vector<std::uint32_t>& stems, const std::unordered_set<std::uint32_t>& elsewhere) {
  if (stems.empty()) return 0;
  std::size_t shared = 0;
  for (std::uint32_t s : stems) shared += elsewhere.count(s);
  return static_cast<double>(shared) / static_cast<double>(stems.size());
}

// Whether the words `section` repeats (found in two of its paragraphs or
// more) are mostly its own: absent from `elsewhere` and from `opening`.
bool HasItsOwnSubject(const Section& section, const std::unordered_set<std::uint32_t>& elsewhere,
                      const std::unordered_set<std::uint32_t>& opening) {
  // stem -> (the last paragraph it was found in, in how many paragraphs);
  // stems come in paragraph order.
  std::unordered_map<std::uint32_t, std::pair<std::uint32_t, std::uint32_t>> seen;
  for (std::size_t i = 0; i < section.stems.size(); ++i) {
    auto [it, fresh] = seen.try_emplace(section.stems[i], section.paragraph_of[i], 1);
    if (!fresh && it->second.first != section.paragraph_of[i]) {
      it->second.first = section.paragraph_of[i];
      ++it->second.second;
    }
  }
  std::size_t repeated = 0, own = 0;
  for (const auto& [stem, where] : seen) {
    if (where.second < 2) continue;
    ++repeated;
    if (!elsewhere.count(stem) && !opening.count(stem)) ++own;
  }
  return own >= kMinOwnSubjectWords && 2 * own >= repeated;
}

}  // namespace

std::vector<std::vector<bool>> OffStorySections(const std::vector<CleanedDocument>& docs) {
  std::vector<std::vector<bool>> off(docs.size());
  for (std::size_t d = 0; d < docs.size(); ++d) off[d].assign(docs[d].paragraphs.size(), false);
  const bool any_heading = std::any_of(docs.begin(), docs.end(), [](const CleanedDocument& doc) {
    return std::any_of(doc.paragraphs.begin(), doc.paragraphs.end(),
                       [](const Paragraph& p) { return p.kind == ParagraphKind::kHeading; });
  });
  if (!any_heading) return off;

  // Stem ids stay valid only while the analyzer keeps its cache; one story is
  // far below the size at which it drops it, and a drop is checked below.
  text::Analyzer analyzer;
  std::vector<std::vector<Section>> sections;
  sections.reserve(docs.size());
  for (const CleanedDocument& doc : docs) sections.push_back(Sections(doc, analyzer));
  if (analyzer.cache_resets() > 0) return off;

  const std::size_t with_text = static_cast<std::size_t>(std::count_if(
      sections.begin(), sections.end(), [](const std::vector<Section>& s) { return !s.front().stems.empty(); }));
  if (with_text < kMinArticles) return off;

  // In how many articles each stem occurs.
  std::unordered_map<std::uint32_t, std::size_t> articles_with;
  std::vector<std::unordered_set<std::uint32_t>> own(docs.size());
  for (std::size_t d = 0; d < docs.size(); ++d) {
    for (const Section& section : sections[d]) own[d].insert(section.stems.begin(), section.stems.end());
    for (std::uint32_t s : own[d]) ++articles_with[s];
  }

  for (std::size_t d = 0; d < docs.size(); ++d) {
    if (sections[d].size() < 2 || sections[d].front().stems.size() < kMinOpeningWords) continue;
    // The stems some other article uses.
    std::unordered_set<std::uint32_t> elsewhere;
    for (const auto& [stem, count] : articles_with) {
      if (count > (own[d].count(stem) ? 1u : 0u)) elsewhere.insert(stem);
    }
    const double opening = SharedShare(sections[d].front().stems, elsewhere);
    if (opening < kMinOpeningShare) continue;
    const std::unordered_set<std::uint32_t> opening_stems(sections[d].front().stems.begin(),
                                                          sections[d].front().stems.end());
    for (std::size_t k = 1; k < sections[d].size(); ++k) {
      const Section& section = sections[d][k];
      if (section.body_paragraphs < kMinSectionParagraphs || section.stems.size() < kMinSectionWords) continue;
      if (SharedShare(section.stems, elsewhere) >= kOffStoryRatio * opening) continue;
      if (!HasItsOwnSubject(section, elsewhere, opening_stems)) continue;
      for (std::size_t p = section.first; p < section.end; ++p) off[d][p] = true;
    }
  }
  return off;
}

}  // namespace precis::clean_internal
