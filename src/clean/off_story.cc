#include "clean/off_story.h"

#include <algorithm>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

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

// A word's key: its first kKeyBytes bytes, lower-cased, packed into an
// integer. Cutting words short stands in for stemming ("islands", "island"),
// as the fact keys of citations do; Snowball stemming here cost a fifth of
// the time of summarizing a Multi-News story.
using Key = std::uint64_t;
constexpr std::size_t kKeyBytes = 6;
// Shorter words are function words or too short to say what a text is about.
constexpr std::size_t kMinWordBytes = 3;

// One section's content words (stopwords and numbers left out) as keys.
struct Section {
  std::size_t first = 0, end = 0;  // paragraph range; headings inside are skipped
  std::size_t body_paragraphs = 0;
  std::vector<Key> keys;
  std::vector<std::uint32_t> paragraph_of;  // for each key, its paragraph
};

bool IsWordByte(unsigned char c) { return static_cast<unsigned>((c | 0x20) - 'a') < 26u || c >= 0x80; }

// Appends the keys of the content words of `text` to `section`.
void AddKeys(std::string_view text, std::uint32_t paragraph, const text::Analyzer& stopwords, Section* section) {
  std::string lower;
  for (std::size_t i = 0; i < text.size();) {
    if (!IsWordByte(static_cast<unsigned char>(text[i]))) {
      ++i;
      continue;
    }
    lower.clear();
    while (i < text.size() && IsWordByte(static_cast<unsigned char>(text[i]))) {
      const auto c = static_cast<unsigned char>(text[i++]);
      lower.push_back(static_cast<char>(c < 0x80 ? (c | 0x20) : c));
    }
    if (lower.size() < kMinWordBytes || stopwords.IsStopword(lower)) continue;
    Key key = 0;
    for (std::size_t b = 0; b < std::min(lower.size(), kKeyBytes); ++b) {
      key |= static_cast<Key>(static_cast<unsigned char>(lower[b])) << (8 * b);
    }
    section->keys.push_back(key);
    section->paragraph_of.push_back(paragraph);
  }
}

std::vector<Section> Sections(const CleanedDocument& doc, const text::Analyzer& stopwords) {
  std::vector<Section> out(1);
  for (std::size_t p = 0; p < doc.paragraphs.size(); ++p) {
    const Paragraph& paragraph = doc.paragraphs[p];
    if (paragraph.kind == ParagraphKind::kHeading) {
      out.back().end = p;
      out.push_back({p + 1, p + 1, 0, {}, {}});
      continue;
    }
    ++out.back().body_paragraphs;
    AddKeys(paragraph.text, static_cast<std::uint32_t>(p), stopwords, &out.back());
  }
  out.back().end = doc.paragraphs.size();
  return out;
}

// Sorted, without repeats.
std::vector<Key> Distinct(std::vector<Key> keys) {
  std::sort(keys.begin(), keys.end());
  keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
  return keys;
}

bool Holds(const std::vector<Key>& sorted, Key key) { return std::binary_search(sorted.begin(), sorted.end(), key); }

// The share of `keys` that `shared` (sorted) holds.
double SharedShare(const std::vector<Key>& keys, const std::vector<Key>& shared) {
  if (keys.empty()) return 0;
  std::size_t hits = 0;
  for (Key k : keys) hits += Holds(shared, k);
  return static_cast<double>(hits) / static_cast<double>(keys.size());
}

// Whether the words `section` repeats (found in two of its paragraphs or
// more) are mostly its own: absent from `shared` (the other articles) and
// from `opening` (both sorted).
bool HasItsOwnSubject(const Section& section, const std::vector<Key>& shared, const std::vector<Key>& opening) {
  // (key, paragraph) pairs, distinct: a key repeated in the section has two
  // or more pairs.
  std::vector<std::pair<Key, std::uint32_t>> where;
  where.reserve(section.keys.size());
  for (std::size_t i = 0; i < section.keys.size(); ++i) where.emplace_back(section.keys[i], section.paragraph_of[i]);
  std::sort(where.begin(), where.end());
  where.erase(std::unique(where.begin(), where.end()), where.end());
  std::size_t repeated = 0, own = 0;
  for (std::size_t i = 0; i < where.size();) {
    std::size_t j = i + 1;
    while (j < where.size() && where[j].first == where[i].first) ++j;
    if (j - i >= 2) {
      ++repeated;
      if (!Holds(shared, where[i].first) && !Holds(opening, where[i].first)) ++own;
    }
    i = j;
  }
  return own >= kMinOwnSubjectWords && 2 * own >= repeated;
}

// A cheap look before any word is read: three articles with text, and one
// with a section after a heading long enough to judge (most stories have
// none, and reading every word of them would cost a fifth of summarizing).
bool MayHaveAnOffStorySection(const std::vector<CleanedDocument>& docs) {
  // Content words are rarely shorter than this many bytes with their space.
  constexpr std::size_t kMinBytesPerWord = 4;
  std::size_t with_text = 0;
  bool candidate = false;
  for (const CleanedDocument& doc : docs) {
    const auto& paragraphs = doc.paragraphs;
    if (std::any_of(paragraphs.begin(), paragraphs.end(),
                    [](const Paragraph& p) { return p.kind == ParagraphKind::kBody; })) {
      ++with_text;
    }
    std::size_t body = 0, bytes = 0;
    bool after_heading = false;
    for (const Paragraph& p : paragraphs) {
      if (p.kind == ParagraphKind::kHeading) {
        after_heading = true;
        body = bytes = 0;
        continue;
      }
      ++body;
      bytes += p.text.size();
      if (after_heading && body >= kMinSectionParagraphs && bytes >= kMinSectionWords * kMinBytesPerWord) {
        candidate = true;
      }
    }
  }
  return candidate && with_text >= kMinArticles;
}

}  // namespace

std::vector<std::vector<bool>> OffStorySections(const std::vector<CleanedDocument>& docs) {
  std::vector<std::vector<bool>> off(docs.size());
  for (std::size_t d = 0; d < docs.size(); ++d) off[d].assign(docs[d].paragraphs.size(), false);
  if (!MayHaveAnOffStorySection(docs)) return off;

  // The analyzer only answers which words are stopwords (a fixed list).
  static const text::Analyzer stopwords;
  std::vector<std::vector<Section>> sections;
  sections.reserve(docs.size());
  for (const CleanedDocument& doc : docs) sections.push_back(Sections(doc, stopwords));

  const std::size_t with_text = static_cast<std::size_t>(std::count_if(
      sections.begin(), sections.end(), [](const std::vector<Section>& s) { return !s.front().keys.empty(); }));
  if (with_text < kMinArticles) return off;

  // The keys found in two articles or more. Every key of a section is in
  // its own article, so it is found in another one exactly when it is here.
  std::vector<Key> all;
  std::vector<std::vector<Key>> opening(docs.size());
  for (std::size_t d = 0; d < docs.size(); ++d) {
    std::vector<Key> own;
    for (const Section& section : sections[d]) own.insert(own.end(), section.keys.begin(), section.keys.end());
    own = Distinct(std::move(own));
    all.insert(all.end(), own.begin(), own.end());
    opening[d] = Distinct(sections[d].front().keys);
  }
  std::sort(all.begin(), all.end());
  std::vector<Key> shared;
  for (std::size_t i = 0; i + 1 < all.size(); ++i) {
    if (all[i] == all[i + 1] && (shared.empty() || shared.back() != all[i])) shared.push_back(all[i]);
  }

  for (std::size_t d = 0; d < docs.size(); ++d) {
    if (sections[d].size() < 2 || sections[d].front().keys.size() < kMinOpeningWords) continue;
    const double opening_share = SharedShare(sections[d].front().keys, shared);
    if (opening_share < kMinOpeningShare) continue;
    for (std::size_t k = 1; k < sections[d].size(); ++k) {
      const Section& section = sections[d][k];
      if (section.body_paragraphs < kMinSectionParagraphs || section.keys.size() < kMinSectionWords) continue;
      if (SharedShare(section.keys, shared) >= kOffStoryRatio * opening_share) continue;
      if (!HasItsOwnSubject(section, shared, opening[d])) continue;
      for (std::size_t p = section.first; p < section.end; ++p) off[d][p] = true;
    }
  }
  return off;
}

}  // namespace precis::clean_internal
