#include "precis/story_check.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <numeric>
#include <string>
#include <unordered_map>

#include "precis/text.h"

namespace precis::summarize {
namespace {

// Enough of an article to tell what it is about, and a bound on the work.
constexpr std::size_t kMostContentWords = 1000;
// Articles compared pairwise: the first ones that take part (a bound on
// the work for stories of thousands of articles).
constexpr std::size_t kMostArticles = 200;
// The most text tokenized at once.
constexpr std::size_t kMostPieceBytes = 1 << 16;
// How many of its closest others an article is linked to.
constexpr std::size_t kNearest = 4;

// Each article's distinct content stems, as sorted story-wide numbers.
std::vector<std::vector<std::uint32_t>> ContentStems(const Story& story) {
  text::Analyzer analyzer;
  std::unordered_map<std::string, std::uint32_t> numbers;
  std::vector<text::Token> tokens;
  std::vector<std::vector<std::uint32_t>> out(story.docs.size());
  for (std::size_t d = 0; d < story.docs.size(); ++d) {
    std::vector<std::uint32_t>& stems = out[d];
    std::size_t taken = 0;
    std::size_t start = 0;
    const std::string& text = story.docs[d].text;
    // Line by line, and a long line in pieces cut at a space, so that a huge
    // article (or one line of megabytes) is never tokenized whole.
    while (start < text.size() && taken < kMostContentWords) {
      std::size_t end = std::min(text.find('\n', start), text.size());
      std::size_t next = end + 1;
      if (end - start > kMostPieceBytes) {
        const std::size_t space = text.rfind(' ', start + kMostPieceBytes);
        if (space != std::string::npos && space > start) {
          end = space;
          next = space + 1;
        } else {  // no space: cut before a character's first byte
          end = start + kMostPieceBytes;
          while (end > start + 1 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
          next = end;
        }
      }
      tokens.clear();  // Tokens() appends
      analyzer.Tokens(std::string_view(text).substr(start, end - start), &tokens);
      for (const text::Token& t : tokens) {
        if (t.stopword || t.numeric || t.stem.size() < 3) continue;
        if (++taken > kMostContentWords) break;
        const auto [it, inserted] = numbers.try_emplace(std::string(t.stem), static_cast<std::uint32_t>(numbers.size()));
        stems.push_back(it->second);
      }
      start = next;
    }
    std::sort(stems.begin(), stems.end());
  }
  return out;
}

// Distinct stems of a sorted list with their counts.
std::vector<std::pair<std::uint32_t, double>> Counts(const std::vector<std::uint32_t>& sorted) {
  std::vector<std::pair<std::uint32_t, double>> out;
  for (std::uint32_t id : sorted) {
    if (!out.empty() && out.back().first == id) {
      out.back().second += 1;
    } else {
      out.emplace_back(id, 1.0);
    }
  }
  return out;
}

double Cosine(const std::vector<std::pair<std::uint32_t, double>>& a, const std::vector<std::pair<std::uint32_t, double>>& b) {
  double dot = 0, na = 0, nb = 0;
  for (const auto& [id, w] : a) na += w * w;
  for (const auto& [id, w] : b) nb += w * w;
  for (std::size_t i = 0, j = 0; i < a.size() && j < b.size();) {
    if (a[i].first < b[j].first) {
      ++i;
    } else if (b[j].first < a[i].first) {
      ++j;
    } else {
      dot += a[i].second * b[j].second;
      ++i;
      ++j;
    }
  }
  return na > 0 && nb > 0 ? dot / std::sqrt(na * nb) : 0.0;
}

std::size_t Root(std::vector<std::size_t>& parent, std::size_t x) {
  while (parent[x] != x) x = parent[x] = parent[parent[x]];
  return x;
}

}  // namespace

StoryGroups GroupArticles(const Story& story, double link_cosine) {
  const std::vector<std::vector<std::uint32_t>> stems = ContentStems(story);
  std::vector<std::size_t> taking_part;
  std::vector<std::vector<std::pair<std::uint32_t, double>>> vectors;
  for (std::size_t d = 0; d < stems.size(); ++d) {
    if (taking_part.size() >= kMostArticles) break;
    auto counts = Counts(stems[d]);
    if (counts.size() < kMinStems) continue;
    taking_part.push_back(d);
    vectors.push_back(std::move(counts));
  }
  // tf-idf over the articles that take part: a word every article uses (the
  // language's common words, or the one story's own) tells nothing apart.
  std::unordered_map<std::uint32_t, double> df;
  for (const auto& v : vectors) {
    for (const auto& [id, count] : v) df[id] += 1;
  }
  const double n = static_cast<double>(vectors.size());
  for (auto& v : vectors) {
    for (auto& [id, w] : v) w *= std::log((n + 1) / df[id]);
  }
  std::vector<std::size_t> parent(stems.size());
  std::iota(parent.begin(), parent.end(), std::size_t{0});
  // Each article is linked to its closest others only (kNearest, when their
  // cosine reaches link_cosine): one stray likeness between two stories of
  // several articles each does not join them.
  const std::size_t m = taking_part.size();
  std::vector<double> cosine(m * m, 0.0);
  for (std::size_t i = 0; i < m; ++i) {
    for (std::size_t j = i + 1; j < m; ++j) cosine[i * m + j] = cosine[j * m + i] = Cosine(vectors[i], vectors[j]);
  }
  std::vector<std::size_t> order(m);
  for (std::size_t i = 0; i < m; ++i) {
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
      return cosine[i * m + a] > cosine[i * m + b];
    });
    std::size_t taken = 0;
    for (std::size_t j : order) {
      if (j == i) continue;
      if (taken++ >= kNearest || cosine[i * m + j] < link_cosine) break;
      parent[Root(parent, taking_part[i])] = Root(parent, taking_part[j]);
    }
  }
  StoryGroups out;
  std::unordered_map<std::size_t, std::size_t> group_of_root;
  for (std::size_t d : taking_part) {
    const auto [it, inserted] = group_of_root.try_emplace(Root(parent, d), out.groups.size());
    if (inserted) out.groups.emplace_back();
    out.groups[it->second].push_back(d);
  }
  std::stable_sort(out.groups.begin(), out.groups.end(),
                   [](const auto& a, const auto& b) { return a.size() > b.size(); });
  if (taking_part.size() >= 2) {
    const bool two_groups = out.groups.size() >= 2 && out.groups[1].size() >= 2;
    const bool unrelated = taking_part.size() >= 3 && out.groups.size() == taking_part.size();
    out.several_stories = two_groups || unrelated;
  }
  return out;
}

}  // namespace precis::summarize
