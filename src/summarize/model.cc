#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>

#include "precis/error.h"
#include "summarize/model.h"

namespace precis::summarize::detail {
namespace {

// Web page furniture, captions and archive notices that survive scraping.
// (The clean stage removes most of it; this is the summarizer's own guard.)
bool EndsSentence(std::string_view s) {
  for (;;) {
    if (!s.empty() && (s.back() == '"' || s.back() == '\'' || s.back() == ')' || s.back() == ']')) {
      s.remove_suffix(1);
    } else if (s.size() >= 3 && (s.substr(s.size() - 3) == "\xE2\x80\x9D" || s.substr(s.size() - 3) == "\xE2\x80\x99")) {
      s.remove_suffix(3);
    } else {
      break;
    }
  }
  return !s.empty() && (s.back() == '.' || s.back() == '!' || s.back() == '?');
}

constexpr std::array<std::string_view, 34> kJunkMarkers = {
    "http://", "https://", "www.", "click here", "cookie", "subscribe", "sign up", "newsletter",
    "share this", "follow us", "tweet", "advertisement", "all rights reserved", "copyright", "getty images",
    "read more", "javascript", "your browser", "alexa internet", "wayback machine", "(ap photo", "photo:",
    "image:", "video:", "terms of service", "privacy policy", "log in", "sign in", "you can add location",
    "this story has been", "related:", "watch:", "listen:", "\xC2\xA9"};

// Markers by their first byte, so one pass over a sentence tries only the
// markers that can start at each position (instead of a search per marker).
struct MarkerIndex {
  std::array<std::vector<std::string_view>, 256> by_first;
  MarkerIndex() {
    for (std::string_view m : kJunkMarkers) by_first[static_cast<unsigned char>(m.front())].push_back(m);
  }
};

bool LooksLikeJunk(std::string_view text, std::string* lower) {
  static const MarkerIndex index;
  lower->assign(text);
  for (char& c : *lower) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  const std::string_view s = *lower;
  for (std::size_t i = 0; i < s.size(); ++i) {
    for (std::string_view m : index.by_first[static_cast<unsigned char>(s[i])]) {
      if (s.compare(i, m.size(), m) == 0) return true;
    }
  }
  return false;
}

}  // namespace

void ModelBuilder::Build(const Story& story, StoryModel* model) {
  model->units.clear();
  model->doc_ranges.clear();
  terms_.clear();
  bigrams_.clear();
  std::vector<std::uint32_t> doc_seen;     // last doc index + 1 that saw a term
  std::vector<std::uint32_t> bigram_seen;
  model->sentence_freq.clear();
  model->doc_freq.clear();
  model->bigram_doc_freq.clear();

  std::vector<std::uint32_t> ids;
  std::vector<bool> stop;
  std::string lower;
  for (std::size_t d = 0; d < story.docs.size(); ++d) {
    const Document& doc = story.docs[d];
    sentences_.clear();
    splitter_.Split(doc.text, &sentences_);
    const std::size_t begin = model->units.size();
    for (std::size_t si = 0; si < sentences_.size(); ++si) {
      text::Sentence& sentence = sentences_[si];
      tokens_.clear();
      analyzer_.Tokens(sentence.text, &tokens_);
      if (tokens_.empty()) continue;
      Unit u;
      u.doc = d;
      u.position = model->units.size() - begin;
      u.words = text::CountWords(sentence.text);
      u.bytes = sentence.text.size();
      u.tokens = tokens_.size();
      u.paragraph_start = sentence.paragraph_start;
      u.junk = LooksLikeJunk(sentence.text, &lower);
      u.ends_sentence = EndsSentence(sentence.text);
      ids.clear();
      stop.clear();
      for (const text::Token& t : tokens_) {
        auto it = terms_.find(t.stem);
        const bool inserted = it == terms_.end();
        if (inserted) it = terms_.emplace(std::string(t.stem), static_cast<std::uint32_t>(terms_.size())).first;
        ids.push_back(it->second);
        stop.push_back(t.stopword);
        if (inserted) {
          model->sentence_freq.push_back(0);
          model->doc_freq.push_back(0);
          doc_seen.push_back(0);
        }
      }
      // Content term counts.
      for (std::size_t k = 0; k < ids.size(); ++k) {
        if (stop[k]) continue;
        u.tf.emplace_back(ids[k], 1.0f);
        ++u.content_tokens;
      }
      std::sort(u.tf.begin(), u.tf.end());
      SparseVector merged;
      for (const auto& [id, w] : u.tf) {
        if (!merged.empty() && merged.back().first == id) {
          merged.back().second += w;
        } else {
          merged.emplace_back(id, w);
        }
      }
      u.tf = std::move(merged);
      for (const auto& [id, w] : u.tf) {
        ++model->sentence_freq[id];
        if (doc_seen[id] != d + 1) {
          doc_seen[id] = static_cast<std::uint32_t>(d + 1);
          ++model->doc_freq[id];
        }
      }
      // Bigrams of stems, unless both are stopwords.
      for (std::size_t k = 0; k + 1 < ids.size(); ++k) {
        if (stop[k] && stop[k + 1]) continue;
        const std::uint64_t key = (static_cast<std::uint64_t>(ids[k]) << 32) | ids[k + 1];
        auto [it, inserted] = bigrams_.try_emplace(key, static_cast<std::uint32_t>(bigrams_.size()));
        if (inserted) {
          model->bigram_doc_freq.push_back(0);
          bigram_seen.push_back(0);
        }
        u.bigrams.push_back(it->second);
      }
      std::sort(u.bigrams.begin(), u.bigrams.end());
      u.bigrams.erase(std::unique(u.bigrams.begin(), u.bigrams.end()), u.bigrams.end());
      for (std::uint32_t b : u.bigrams) {
        if (bigram_seen[b] != d + 1) {
          bigram_seen[b] = static_cast<std::uint32_t>(d + 1);
          ++model->bigram_doc_freq[b];
        }
      }
      u.text = std::move(sentence.text);
      model->units.push_back(std::move(u));
    }
    model->doc_ranges.emplace_back(begin, model->units.size());
  }
  model->vocabulary = terms_.size();
  model->bigram_vocabulary = bigrams_.size();
  // Keep the maps from growing without bound across very different stories.
  if (terms_.bucket_count() > (1u << 20)) {
    terms_ = {};
    bigrams_ = {};
  }
}

std::size_t SharedTerms(const SparseVector& a, const SparseVector& b) {
  std::size_t shared = 0, i = 0, j = 0;
  while (i < a.size() && j < b.size()) {
    if (a[i].first < b[j].first) {
      ++i;
    } else if (a[i].first > b[j].first) {
      ++j;
    } else {
      ++shared;
      ++i;
      ++j;
    }
  }
  return shared;
}

double Dot(const SparseVector& a, const SparseVector& b) {
  double sum = 0;
  std::size_t i = 0, j = 0;
  while (i < a.size() && j < b.size()) {
    if (a[i].first < b[j].first) {
      ++i;
    } else if (a[i].first > b[j].first) {
      ++j;
    } else {
      sum += static_cast<double>(a[i].second) * b[j].second;
      ++i;
      ++j;
    }
  }
  return sum;
}

double Norm(const SparseVector& a) {
  double sum = 0;
  for (const auto& [id, w] : a) sum += static_cast<double>(w) * w;
  return std::sqrt(sum);
}

double Cosine(const SparseVector& a, const SparseVector& b) {
  const double na = Norm(a), nb = Norm(b);
  if (na == 0 || nb == 0) return 0;
  return Dot(a, b) / (na * nb);
}

SparseVector Weighted(const SparseVector& v, const std::vector<float>& idf) {
  SparseVector out = v;
  for (auto& [id, w] : out) w *= idf[id];
  return out;
}

Params::Params(const std::string& spec) {
  std::size_t start = 0;
  while (start < spec.size()) {
    std::size_t end = spec.find(',', start);
    if (end == std::string::npos) end = spec.size();
    const std::string item = spec.substr(start, end - start);
    start = end + 1;
    if (item.empty()) continue;
    const std::size_t eq = item.find('=');
    if (eq == std::string::npos) throw Error("method parameters: expected key=value, got \"" + item + "\"");
    double value = 0;
    const char* first = item.data() + eq + 1;
    const char* last = item.data() + item.size();
    const auto [ptr, ec] = std::from_chars(first, last, value);
    if (ec != std::errc() || ptr != last || !std::isfinite(value)) {
      throw Error("method parameters: \"" + item + "\" is not a finite number");
    }
    values_.emplace_back(item.substr(0, eq), value);
  }
}

void Params::CheckKeys(const std::vector<std::string>& known, const std::string& method) const {
  for (const auto& [key, value] : values_) {
    if (std::find(known.begin(), known.end(), key) != known.end()) continue;
    std::string names;
    for (const std::string& k : known) names += (names.empty() ? "" : ", ") + k;
    throw Error("method parameters: \"" + key + "\" is not a parameter of " + method +
                (names.empty() ? " (it takes none)" : " (known: " + names + ")"));
  }
}

double Params::Get(const std::string& key, double fallback) const {
  for (const auto& [k, v] : values_) {
    if (k == key) return v;
  }
  return fallback;
}

}  // namespace precis::summarize::detail
