#include <algorithm>
#include <array>
#include <bitset>
#include <charconv>
#include <cmath>
#include <cstring>
#include <stdexcept>

#include "precis/error.h"
#include "summarize/citations.h"
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

char LowerCapital(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

// The four bytes at p with bit 5 set in each: capitals folded onto small
// letters, without a copy of the sentence in lower case. Other bytes may
// change too, but a marker's bytes change alike, so that four bytes that
// spell a marker's start in any case give the same value as the marker.
std::uint32_t Folded4(const char* p) {
  std::uint32_t v = 0;
  std::memcpy(&v, p, 4);
  return v | 0x20202020u;
}

// The markers of four bytes and more by their first four (folded), as bits
// of a hash: one pass over a sentence tests a bit per position and compares
// only where a marker may start.
struct MarkerIndex {
  std::bitset<1 << 16> quads;
  std::array<std::vector<std::string_view>, 256> by_first;
  static std::size_t Quad(std::uint32_t v) { return (v * 0x9E3779B1u) >> 16; }
  MarkerIndex() {
    for (std::string_view m : kJunkMarkers) {
      if (m.size() < 4) continue;
      quads.set(Quad(Folded4(m.data())));
      by_first[static_cast<unsigned char>(m.front())].push_back(m);
    }
  }
};

// The one marker under four bytes.
constexpr std::string_view kCopyrightSign = "\xC2\xA9";
static_assert(std::count_if(kJunkMarkers.begin(), kJunkMarkers.end(), [](std::string_view m) { return m.size() < 4; }) == 1 &&
                  std::find(kJunkMarkers.begin(), kJunkMarkers.end(), kCopyrightSign) != kJunkMarkers.end(),
              "every marker but the copyright sign is found by its first four bytes");

// Whether `text`, with its capitals in lower case, holds a marker.
bool LooksLikeJunk(std::string_view text) {
  static const MarkerIndex index;
  if (text.find(kCopyrightSign) != std::string_view::npos) return true;
  for (std::size_t i = 0; i + 4 <= text.size(); ++i) {
    if (!index.quads.test(MarkerIndex::Quad(Folded4(text.data() + i)))) continue;
    for (std::string_view m : index.by_first[static_cast<unsigned char>(LowerCapital(text[i]))]) {
      if (i + m.size() > text.size()) continue;
      bool same = true;
      for (std::size_t k = 0; k < m.size() && same; ++k) same = LowerCapital(text[i + k]) == m[k];
      if (same) return true;
    }
  }
  return false;
}

}  // namespace

std::uint32_t ModelBuilder::TermOf(const text::Token& token, StoryModel* model) {
  if (token.stem_id < term_of_stem_.size() && term_of_stem_[token.stem_id] != 0) {
    return term_of_stem_[token.stem_id] - 1;
  }
  bool inserted = false;
  const std::uint32_t term = terms_.Insert(token.stem, &inserted);
  if (inserted) {
    model->sentence_freq.push_back(0);
    model->doc_freq.push_back(0);
    doc_seen_.push_back(0);
    AddTermKey(token, model);
  }
  if (token.stem_id >= term_of_stem_.size()) term_of_stem_.resize(token.stem_id + 1, 0);
  term_of_stem_[token.stem_id] = term + 1;
  stems_seen_.push_back(token.stem_id);
  return term;
}

void ModelBuilder::AddTermKey(const text::Token& token, StoryModel* model) {
  // The key depends on the stem only, so it is kept per stem across stories
  // (until the analyzer renumbers its stems): most stems recur.
  if (token.stem_id >= key_of_stem_.size()) key_of_stem_.resize(token.stem_id + 1, 0);
  std::uint32_t& cached = key_of_stem_[token.stem_id];
  if (cached == 0) {
    const std::string_view key = FactKey(token.stem, token.stem, token.numeric, &key_buffer_);
    bool new_key = false;
    const std::uint32_t number = all_keys_.Insert(key, &new_key);
    if (new_key) {
      all_key_number_.push_back(IsNumberKey(key));
      all_key_one_digit_.push_back(all_key_number_.back() && key.size() == 1);
    }
    cached = number + 1;
  }
  bool inserted = false;
  model->term_key.push_back(keys_.Insert(cached - 1, &inserted));
  if (inserted) {
    model->key_number.push_back(all_key_number_[cached - 1]);
    model->key_one_digit.push_back(all_key_one_digit_[cached - 1]);
    model->key_lowercase.push_back(false);
  }
}

void ModelBuilder::CountTerms(std::size_t d, Unit* u, StoryModel* model) {
  // The content terms, without a branch on whether each token is a
  // stopword (about every other one is, unpredictably).
  scratch_.resize(ids_.size());
  std::size_t content = 0;
  for (std::size_t k = 0; k < ids_.size(); ++k) {
    scratch_[content] = ids_[k];
    content += tokens_[k].stopword ? 0 : 1;
  }
  scratch_.resize(content);
  u->content_tokens = content;
  std::sort(scratch_.begin(), scratch_.end());
  std::size_t distinct = 0;
  for (std::size_t k = 0; k < scratch_.size(); ++k) distinct += (k == 0 || scratch_[k] != scratch_[k - 1]) ? 1 : 0;
  u->tf.reserve(distinct);
  for (const std::uint32_t id : scratch_) {
    if (!u->tf.empty() && u->tf.back().first == id) {
      u->tf.back().second += 1.0f;
    } else {
      u->tf.emplace_back(id, 1.0f);
    }
  }
  u->norm = Norm(u->tf);
  for (const auto& [id, w] : u->tf) {
    ++model->sentence_freq[id];
    if (doc_seen_[id] != d + 1) {
      doc_seen_[id] = static_cast<std::uint32_t>(d + 1);
      ++model->doc_freq[id];
    }
  }
}

void ModelBuilder::CollectBigrams(std::size_t d, Unit* u, StoryModel* model) {
  scratch_.clear();
  // A story's bigram table outgrows the nearer caches: its slots are all
  // asked for before the first insert, and their misses overlap.
  for (std::size_t k = 0; k + 1 < ids_.size(); ++k) {
    bigrams_.Prefetch((static_cast<std::uint64_t>(ids_[k]) << 32) | ids_[k + 1]);
  }
  for (std::size_t k = 0; k + 1 < ids_.size(); ++k) {
    if (tokens_[k].stopword && tokens_[k + 1].stopword) continue;
    const std::uint64_t key = (static_cast<std::uint64_t>(ids_[k]) << 32) | ids_[k + 1];
    bool inserted = false;
    const std::uint32_t id = bigrams_.Insert(key, &inserted);
    if (inserted) {
      model->bigram_doc_freq.push_back(0);
      bigram_seen_.push_back(0);
    }
    scratch_.push_back(id);
  }
  std::sort(scratch_.begin(), scratch_.end());
  u->bigrams.assign(scratch_.begin(), std::unique(scratch_.begin(), scratch_.end()));
  for (std::uint32_t b : u->bigrams) {
    if (bigram_seen_[b] != d + 1) {
      bigram_seen_[b] = static_cast<std::uint32_t>(d + 1);
      ++model->bigram_doc_freq[b];
    }
  }
}

void ModelBuilder::AddUnit(text::Sentence& sentence, const text::Standing& standing, std::size_t d, std::size_t begin,
                           StoryModel* model) {
  tokens_.clear();
  analyzer_.Tokens(sentence.text, &tokens_);
  if (analyzer_.cache_resets() != analyzer_resets_) {
    // The analyzer renumbered its stems: back to terms_ for each of them.
    analyzer_resets_ = analyzer_.cache_resets();
    for (std::uint32_t id : stems_seen_) term_of_stem_[id] = 0;
    stems_seen_.clear();
    key_of_stem_.clear();
  }
  if (tokens_.empty()) return;
  Unit& u = model->units.emplace_back();
  u.doc = d;
  u.position = model->units.size() - 1 - begin;
  u.words = sentence.words;
  u.bytes = sentence.text.size();
  u.tokens = tokens_.size();
  u.paragraph_start = sentence.paragraph_start;
  u.junk = LooksLikeJunk(sentence.text);
  u.ends_sentence = EndsSentence(sentence.text);
  u.standing = standing;
  ids_.clear();
  for (const text::Token& t : tokens_) {
    const std::uint32_t term = TermOf(t, model);
    ids_.push_back(term);
    // A key ever written in lower case is no name (citations.h: core keys).
    const auto first = static_cast<unsigned char>(t.surface.empty() ? 'a' : t.surface.front());
    if (!(first >= 'A' && first <= 'Z')) model->key_lowercase[model->term_key[term]] = true;
  }

  CountTerms(d, &u, model);
  CollectBigrams(d, &u, model);
  u.text = std::move(sentence.text);
}

void ModelBuilder::FindQueryTerms(std::string_view query, StoryModel* model) {
  // Stems of the words a question uses to ask rather than to name what it
  // asks about ("Discuss ... Include information regarding ..."): they would
  // pull in sentences about discussions and information.
  static constexpr std::string_view kRequestStems[] = {"discuss", "describ", "descript", "includ", "identifi",
                                                       "explain", "inform",  "regard",   "specif", "specifi",
                                                       "provid",  "detail",  "mention"};
  model->query_terms.clear();
  if (query.empty()) return;
  tokens_.clear();
  analyzer_.Tokens(query, &tokens_);
  for (const text::Token& t : tokens_) {
    if (t.stopword || std::find(std::begin(kRequestStems), std::end(kRequestStems), t.stem) != std::end(kRequestStems)) {
      continue;
    }
    // A stem the story has only as a stopword ("like", "own") is no content term.
    if (const std::int64_t term = terms_.Find(t.stem); term >= 0 && model->sentence_freq[term] > 0) {
      model->query_terms.push_back(static_cast<std::uint32_t>(term));
    }
  }
  std::sort(model->query_terms.begin(), model->query_terms.end());
  model->query_terms.erase(std::unique(model->query_terms.begin(), model->query_terms.end()), model->query_terms.end());
}

void ModelBuilder::LinkUnits(std::size_t begin, StoryModel* model) {
  std::vector<Unit>& units = model->units;
  const std::size_t end = units.size();
  for (std::size_t i = begin; i < end;) {
    const text::Standing& st = units[i].standing;
    if (!st.InQuoteSpan()) {
      ++i;
      continue;
    }
    // The quotation from i: while a unit ends inside it and the next one starts inside it.
    std::size_t last = i;
    while (last + 1 < end && units[last].standing.quote_open_after && units[last + 1].standing.quote_open_before) ++last;
    bool cut = st.quote_open_before || units[last].standing.quote_open_after;
    for (std::size_t k = i; k <= last; ++k) cut = cut || units[k].standing.quote_cut;
    bool speaker_inside = false;
    for (std::size_t k = i; k <= last; ++k) speaker_inside = speaker_inside || !units[k].standing.all_quoted;
    for (std::size_t k = i; k <= last; ++k) {
      units[k].quote_cut = cut;
      if (cut) continue;
      units[k].quote_end = last;
      if (k > i) units[k].depends_on = k - 1;
    }
    // All quotation, with no word outside it: as a one-sentence quote with
    // no speaker, it reads right only after a sentence that reports speech.
    if (!cut && !speaker_inside) units[i].standing.quote_only = true;
    i = last + 1;
  }
  for (std::size_t i = begin + 1; i < end; ++i) {
    Unit& u = units[i];
    // (A sentence without tokens between has no unit: the one before it is leant on.)
    if (u.standing.leans_back || (u.standing.quote_only && units[i - 1].standing.reports_speech)) u.depends_on = i - 1;
  }
}

void ModelBuilder::LinkUnknownSubjects(StoryModel* model) {
  // With one or two articles, a word the other does not use says little.
  constexpr std::size_t kFewestArticles = 3;
  // Where a story happens and who runs it there: "The city said" stands
  // for the story's city, named or not by the others.
  static constexpr std::string_view kSetting[] = {"city",  "town",    "village", "country", "nation", "state",
                                                  "region", "island", "government", "police", "army", "military",
                                                  "council", "mayor",  "president", "court",  "area"};
  if (model->doc_ranges.size() < kFewestArticles) return;
  for (const auto& [begin, end] : model->doc_ranges) {
    for (std::size_t i = begin + 1; i < end; ++i) {
      Unit& u = model->units[i];
      if (u.depends_on != kNoUnit || u.quote_end != kNoUnit || u.quote_cut) continue;
      const std::string_view noun = text::DefiniteSubject(u.text);
      if (noun.empty() || std::find(std::begin(kSetting), std::end(kSetting), noun) != std::end(kSetting)) continue;
      tokens_.clear();
      analyzer_.Tokens(noun, &tokens_);
      if (tokens_.size() != 1) continue;
      const std::int64_t term = terms_.Find(tokens_.front().stem);
      if (term >= 0 && model->doc_freq[static_cast<std::size_t>(term)] <= 1) u.depends_on = i - 1;
    }
  }
}

void ModelBuilder::LinkAntecedents(StoryModel* model) const {
  for (std::size_t k = 0; k < standing_.size(); ++k) {
    const std::size_t back = standing_[k].antecedent_back;
    if (back == 0 || back > k || unit_of_sentence_[k] == kNoUnit || unit_of_sentence_[k - back] == kNoUnit) continue;
    Unit& u = model->units[unit_of_sentence_[k]];
    if (u.depends_on == kNoUnit && u.quote_end == kNoUnit) u.depends_on = unit_of_sentence_[k - back];
  }
}

std::size_t ModelBuilder::Build(const Story& story, StoryModel* model, std::size_t max_sentence_bytes) {
  model->units.clear();
  model->doc_ranges.clear();
  terms_.Clear();
  for (std::uint32_t id : stems_seen_) term_of_stem_[id] = 0;
  stems_seen_.clear();
  bigrams_.Clear();
  doc_seen_.clear();
  bigram_seen_.clear();
  model->sentence_freq.clear();
  model->doc_freq.clear();
  model->bigram_doc_freq.clear();
  model->term_key.clear();
  model->key_number.clear();
  model->key_lowercase.clear();
  model->key_one_digit.clear();
  keys_.Clear();
  // The keys of all stories are forgotten between two stories only (the
  // story's keys are numbers of all_keys_), once they are many.
  if (all_keys_.size() > kMostKeys) {
    all_keys_.Clear();
    all_key_number_.clear();
    all_key_one_digit_.clear();
    key_of_stem_.clear();
  }

  std::size_t cut = 0;
  for (std::size_t d = 0; d < story.docs.size(); ++d) {
    sentences_.clear();
    cut += splitter_.Split(story.docs[d].text, &sentences_, max_sentence_bytes);
    sentence_views_.clear();
    paragraph_starts_.clear();
    for (const text::Sentence& sentence : sentences_) {
      sentence_views_.push_back(sentence.text);
      paragraph_starts_.push_back(sentence.paragraph_start);
    }
    text::AnalyzeStanding(sentence_views_, paragraph_starts_, &standing_);
    const std::size_t begin = model->units.size();
    unit_of_sentence_.clear();
    for (std::size_t k = 0; k < sentences_.size(); ++k) {
      const std::size_t before = model->units.size();
      AddUnit(sentences_[k], standing_[k], d, begin, model);
      unit_of_sentence_.push_back(model->units.size() > before ? before : kNoUnit);
    }
    model->doc_ranges.emplace_back(begin, model->units.size());
    LinkUnits(begin, model);
    LinkAntecedents(model);
  }
  model->vocabulary = terms_.size();
  model->bigram_vocabulary = bigrams_.size();
  model->key_count = keys_.size();
  FindQueryTerms(story.query, model);
  LinkUnknownSubjects(model);
  return cut;
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

double Cosine(const Unit& a, const Unit& b) {
  if (a.norm == 0 || b.norm == 0) return 0;
  return Dot(a.tf, b.tf) / (a.norm * b.norm);
}

SparseVector Weighted(const SparseVector& v, const std::vector<float>& idf) {
  SparseVector out = v;
  for (auto& [id, w] : out) w *= idf[id];
  return out;
}

Params::Params(const std::string& spec, const MethodInfo& method) : method_(&method) {
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
  const auto& known = method.parameters;
  for (const auto& entry : values_) {
    const std::string& key = entry.first;  // a plain name: clang 14 refuses lambdas capturing structured bindings
    if (std::any_of(known.begin(), known.end(), [&](const MethodParameter& p) { return p.name == key; })) continue;
    std::string names;
    for (const MethodParameter& p : known) names += (names.empty() ? "" : ", ") + std::string(p.name);
    throw Error("method parameters: \"" + key + "\" is not a parameter of " + std::string(method.name) +
                (names.empty() ? " (it takes none)" : " (known: " + names + ")"));
  }
}

double Params::Get(std::string_view key) const {
  for (const auto& [k, v] : values_) {
    if (k == key) return v;
  }
  for (const MethodParameter& p : method_->parameters) {
    if (p.name == key) return p.default_value;
  }
  throw std::logic_error("method " + std::string(method_->name) + " reads parameter \"" + std::string(key) +
                         "\", which its registry entry does not declare");
}

bool Params::Given(std::string_view key) const {
  return std::any_of(values_.begin(), values_.end(), [&](const auto& kv) { return kv.first == key; });
}

Params Params::For(const MethodInfo& method) const {
  Params out;
  out.method_ = &method;
  for (const auto& kv : values_) {
    for (const MethodParameter& p : method.parameters) {
      if (p.name == kv.first) out.values_.push_back(kv);
    }
  }
  return out;
}

}  // namespace precis::summarize::detail
