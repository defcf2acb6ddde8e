// What the clusterer reads of an article: weighted stem counts, a sample of
// its word 4-grams, its day.
#include <algorithm>
#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "cluster/internal.h"
#include "precis/cluster.h"
#include "precis/text.h"
#include "summarize/copies.h"

namespace precis::embedded {
extern const unsigned char text_stopwords[];
extern const std::size_t text_stopwords_size;
}  // namespace precis::embedded

namespace precis::cluster {
namespace {

// Days from 1970-01-01 to a civil date (H. Hinnant's days_from_civil).
long DaysFromCivil(long y, unsigned m, unsigned d) {
  y -= m <= 2;
  const long era = (y >= 0 ? y : y - 399) / 400;
  const auto yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<long>(doe) - 719468;
}

bool Digits(std::string_view s, std::size_t at, std::size_t n, unsigned* value) {
  if (at + n > s.size()) return false;
  unsigned v = 0;
  for (std::size_t i = at; i < at + n; ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
    v = v * 10 + static_cast<unsigned>(s[i] - '0');
  }
  *value = v;
  return true;
}

unsigned DaysInMonth(unsigned year, unsigned month) {
  static constexpr unsigned kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return month == 2 && leap ? 29 : kDays[month - 1];
}

// FNV-1a of a stem: terms are named by hash so that they outlive the
// analyzer's stem cache (whose numbers are reset when it is dropped).
std::uint64_t TermHash(std::string_view stem) {
  std::uint64_t h = 0xcbf29ce484222325ull;
  for (const char c : stem) h = (h ^ static_cast<unsigned char>(c)) * 0x100000001b3ull;
  return h;
}

// Whether the token starting at `offset` of `text` opens a sentence (or a
// line): then its capital says nothing about it being a name.
bool OpensSentence(std::string_view text, std::size_t offset) {
  while (offset > 0) {
    const char c = text[offset - 1];
    if (c == ' ' || c == '"' || c == '\'' || c == '(' || c == '\t') {
      --offset;
      continue;
    }
    return c == '.' || c == '!' || c == '?' || c == '\n' || c == ':';
  }
  return true;
}

// Days and months are capitalised but name no one (stems, lower case).
bool IsCalendarWord(std::string_view stem) {
  static constexpr std::string_view kWords[] = {
      "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "januari", "februari",
      "march",  "april",   "may",       "june",     "juli",   "august",   "septemb", "octob",   "novemb", "decemb"};
  return std::find(std::begin(kWords), std::end(kWords), stem) != std::end(kWords);
}

bool Capitalised(std::string_view surface) { return !surface.empty() && surface[0] >= 'A' && surface[0] <= 'Z'; }

// --- word keys: the fast path (Options::word_key_bytes > 0) ---------------

// Per byte: its lower-case form when it belongs to a word, else 0; words
// are those of summarize/copies.cc's 4-grams (ASCII letters and digits,
// non-ASCII bytes), so that one pass gives both terms and 4-grams.
constexpr std::array<unsigned char, 256> kWordByte = [] {
  std::array<unsigned char, 256> table{};
  for (int c = 0; c < 256; ++c) {
    if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || c >= 0x80) table[static_cast<std::size_t>(c)] = static_cast<unsigned char>(c);
    if (c >= 'A' && c <= 'Z') table[static_cast<std::size_t>(c)] = static_cast<unsigned char>(c - 'A' + 'a');
  }
  return table;
}();
constexpr std::uint64_t kFnvSeed = 14695981039346656037ull, kFnvPrime = 1099511628211ull;

// A word's first 8 bytes, lower-cased, packed into an integer (the first
// byte lowest).
using Packed = std::uint64_t;

constexpr Packed Pack(std::string_view lower) {
  Packed packed = 0;
  for (std::size_t b = 0; b < lower.size() && b < 8; ++b) packed |= static_cast<Packed>(static_cast<unsigned char>(lower[b])) << (8 * b);
  return packed;
}

// The key of a word: its first `n` bytes (1-8), mixed (a bijection: the
// document-frequency table reads a term's low bits, which would otherwise
// be its first letters).
std::uint64_t PrefixKey(Packed packed, std::size_t n) {
  std::uint64_t key = n >= 8 ? packed : packed & ((std::uint64_t{1} << (8 * n)) - 1);
  key ^= key >> 33;  // MurmurHash3's finalizer
  key *= 0xff51afd7ed558ccdull;
  key ^= key >> 33;
  key *= 0xc4ceb9fe1a85ec53ull;
  key ^= key >> 33;
  return key | (key == 0);  // never 0 (0 marks a free slot)
}

// Days and months (as in IsCalendarWord, on whole lower-case words: only
// "september" is longer than 8 bytes, and its first 8 say enough).
bool IsCalendarPacked(Packed packed, std::size_t length) {
  static constexpr std::string_view kWords[] = {
      "monday", "tuesday", "wednesday", "thursday", "friday",  "saturday", "sunday",   "january", "february", "march",
      "april",  "may",     "june",      "july",     "august",  "september", "october", "november", "december"};
  static constexpr auto kPacked = [] {
    std::array<Packed, std::size(kWords)> out{};
    for (std::size_t i = 0; i < out.size(); ++i) out[i] = Pack(kWords[i]);
    return out;
  }();
  for (std::size_t i = 0; i < kPacked.size(); ++i) {
    if (kPacked[i] == packed && kWords[i].size() == length) return true;
  }
  return false;
}

// The FNV-1a hashes of the built-in stopwords (text.h's list), in a table
// small enough to stay in the first-level cache: asking the analyzer, or a
// cache of its answers per word, was a quarter of the reading time.
constexpr std::size_t kLongestStopword = 16;
class StopwordHashes {
 public:
  StopwordHashes() {
    const std::string_view data(reinterpret_cast<const char*>(embedded::text_stopwords), embedded::text_stopwords_size);
    std::size_t start = 0;
    while (start < data.size()) {
      std::size_t end = data.find('\n', start);
      if (end == std::string_view::npos) end = data.size();
      std::string_view line = data.substr(start, end - start);
      start = end + 1;
      while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.remove_suffix(1);
      if (line.empty() || line.front() == '#' || line.size() > kLongestStopword) continue;
      std::uint64_t h = kFnvSeed;
      for (const char c : line) h = (h ^ static_cast<unsigned char>(c)) * kFnvPrime;
      Insert(h);
    }
  }
  bool Contains(std::uint64_t h) const {
    for (std::size_t i = h & kMask;; i = (i + 1) & kMask) {
      if (slots_[i] == h) return true;
      if (slots_[i] == 0) return false;
    }
  }

 private:
  static constexpr std::size_t kMask = 1023;  // the list has about 170 words
  void Insert(std::uint64_t h) {
    std::size_t i = h & kMask;
    while (slots_[i] != 0 && slots_[i] != h) i = (i + 1) & kMask;
    slots_[i] = h;
  }
  std::array<std::uint64_t, kMask + 1> slots_{};
};

bool IsStopword(std::uint64_t word_hash) {
  static const StopwordHashes kStopwords;
  return kStopwords.Contains(word_hash);
}

// Words that carry topic: not stopwords, not bare numbers, not one letter.
bool Counts(const text::Token& t) { return !t.stopword && !t.numeric && t.surface.size() > 1; }

}  // namespace

std::optional<double> ParseDay(std::string_view date) {
  unsigned year = 0, month = 0, day = 0;
  if (!Digits(date, 0, 4, &year) || date.size() < 10 || date[4] != '-' || date[7] != '-' ||
      !Digits(date, 5, 2, &month) || !Digits(date, 8, 2, &day)) {
    return std::nullopt;
  }
  if (month < 1 || month > 12 || day < 1 || day > DaysInMonth(year, month)) return std::nullopt;
  double result = static_cast<double>(DaysFromCivil(year, month, day));
  unsigned hour = 0, minute = 0;
  if (date.size() >= 16 && (date[10] == 'T' || date[10] == ' ') && Digits(date, 11, 2, &hour) && date[13] == ':' &&
      Digits(date, 14, 2, &minute) && hour < 24 && minute < 60) {
    result += (hour * 60.0 + minute) / 1440.0;
  }
  return result;
}

struct ArticleAnalyzer::Impl {
  Options options;
  text::Analyzer analyzer;
  std::vector<text::Token> tokens;
  std::string joined;  // title, a line break, body: one Tokens() call
  // Per stem number of the analyzer: the term's hash (0: not computed yet),
  // and its weight in the current article (with the numbers it touched).
  // Stem numbers hold until the analyzer drops its cache, which it only
  // does at the start of a Tokens() call; then the hashes are dropped too.
  std::vector<std::uint64_t> hashes;
  std::vector<float> weights;
  std::vector<std::uint32_t> stamps;  // the article that last touched each number
  std::uint32_t article = 0;
  std::vector<std::uint32_t> touched;
  std::size_t resets = 0;
  std::vector<std::uint64_t> names;

  // Fast path: the article's terms in a small open-addressing table (key,
  // weight), cleared through `used`.
  std::vector<std::pair<std::uint64_t, float>> table = std::vector<std::pair<std::uint64_t, float>>(1024);
  std::vector<std::uint32_t> used;

  void AddTerm(std::uint64_t key, float w) {
    if (used.size() * 2 >= table.size()) {
      std::vector<std::pair<std::uint64_t, float>> old(table.size() * 2);
      old.swap(table);
      const std::vector<std::uint32_t> was = std::move(used);
      used.clear();
      for (const std::uint32_t i : was) AddTerm(old[i].first, old[i].second);
    }
    const std::size_t mask = table.size() - 1;
    std::size_t i = (key * 0x9E3779B97F4A7C15ull) >> 40 & mask;
    while (table[i].first != 0 && table[i].first != key) i = (i + 1) & mask;
    if (table[i].first == 0) {
      table[i].first = key;
      used.push_back(static_cast<std::uint32_t>(i));
    }
    table[i].second += w;
  }

  // One pass over title and body: words, their keys and weights, names, and
  // (body only) the word 4-gram hashes of summarize/copies.cc, sampled as
  // internal::SampleShingles() samples them.
  void CountKeys(std::string_view title, std::string_view body, ArticleFeatures* f) {
    const auto title_weight = static_cast<float>(options.title_weight);
    const auto name_weight = static_cast<float>(options.name_weight);
    const std::size_t n = options.word_key_bytes;
    std::vector<std::uint64_t>& shingles = f->shingles;
    shingles.reserve(internal::kFullSetBelow + body.size() / 24);
    std::size_t shingle_count = 0;
    for (int part = 0; part < 2; ++part) {
      const std::string_view text = part == 0 ? title : body;
      const bool in_title = part == 0;
      std::uint64_t w0 = 0, w1 = 0, w2 = 0, w3 = 0;
      std::size_t words = 0, counted = 0;
      const auto* const begin = reinterpret_cast<const unsigned char*>(text.data());
      const unsigned char* p = begin;
      const unsigned char* const end = p + text.size();
      while (p != end) {
        unsigned char c = kWordByte[*p];
        if (c == 0) {
          ++p;
          continue;
        }
        const unsigned char* const start = p;
        std::uint64_t h = kFnvSeed;
        Packed packed = 0;
        unsigned shift = 0;
        bool digits = true;
        do {
          h = (h ^ c) * kFnvPrime;
          digits = digits && static_cast<unsigned>(c - '0') < 10u;
          if (shift < 64) packed |= static_cast<Packed>(c) << shift;
          shift += 8;
          if (++p == end) break;
          c = kWordByte[*p];
        } while (c != 0);
        const auto length = static_cast<std::size_t>(p - start);
        if (!in_title) {
          w0 = w1;
          w1 = w2;
          w2 = w3;
          w3 = h;
          if (++words >= 4) {
            constexpr std::uint64_t kMix = 0x9E3779B97F4A7C15ull;
            const std::uint64_t shingle = ((((((w0 * kMix) ^ w1) * kMix + 1) ^ w2) * kMix + 2) ^ w3) * kMix + 3;
            // All while the article may stay short; past that, the sample.
            if (++shingle_count <= internal::kFullSetBelow || internal::Sampled(shingle)) shingles.push_back(shingle);
          }
        }
        if (length < 2 || digits || (length <= kLongestStopword && IsStopword(h))) continue;
        if (!in_title && options.max_words > 0 && ++counted > options.max_words) continue;
        const std::uint64_t key = PrefixKey(packed, n);
        float w = in_title ? title_weight : 1.0f;
        if (!in_title && *start >= 'A' && *start <= 'Z' && !OpensSentence(text, static_cast<std::size_t>(start - begin)) &&
            !IsCalendarPacked(packed, length)) {
          w += name_weight;
          names.push_back(key);
        }
        AddTerm(key, w);
      }
    }
    f->terms.reserve(used.size());
    for (const std::uint32_t i : used) {
      if (table[i].second > 0) f->terms.push_back(table[i]);
      table[i] = {0, 0.0f};
    }
    used.clear();
    std::sort(f->terms.begin(), f->terms.end());
    f->shingle_count = shingle_count;
    f->shingles = internal::SampleShingles(std::move(shingles));
  }

  std::uint64_t HashOf(const text::Token& t) {
    if (t.stem_id >= hashes.size()) hashes.resize(t.stem_id + 1024, 0);
    std::uint64_t& h = hashes[t.stem_id];
    if (h == 0) h = TermHash(t.stem) | 1;  // never 0
    return h;
  }

  // Counts the words of the title (`title_bytes` of `joined`) and body:
  // summed by stem number rather than sorted (sorting every token's count
  // was a tenth of the clustering time).
  void Count(std::size_t title_bytes, std::vector<std::pair<std::uint64_t, float>>* terms) {
    tokens.clear();
    analyzer.Tokens(joined, &tokens);
    if (analyzer.cache_resets() != resets) {
      resets = analyzer.cache_resets();
      hashes.clear();
    }
    if (weights.size() < analyzer.stem_count()) {
      weights.resize(analyzer.stem_count() + 1024, 0.0f);
      stamps.resize(weights.size(), 0);
    }
    ++article;
    const std::string_view text = joined;
    const auto title_weight = static_cast<float>(options.title_weight);
    const auto name_weight = static_cast<float>(options.name_weight);
    std::size_t counted = 0;
    for (const text::Token& t : tokens) {
      if (!Counts(t)) continue;
      const auto offset = static_cast<std::size_t>(t.surface.data() - text.data());
      const bool in_title = offset < title_bytes;
      if (!in_title && options.max_words > 0 && ++counted > options.max_words) break;
      float w = in_title ? title_weight : 1.0f;
      // Titles are often in title case: their capitals name nothing.
      if (!in_title && Capitalised(t.surface) && !IsCalendarWord(t.stem) && !OpensSentence(text, offset)) {
        w += name_weight;
        names.push_back(HashOf(t));
      }
      if (stamps[t.stem_id] != article) {
        stamps[t.stem_id] = article;
        touched.push_back(t.stem_id);
        HashOf(t);
      }
      weights[t.stem_id] += w;
    }
    terms->reserve(touched.size());
    for (const std::uint32_t id : touched) {
      // A word seen only with weight 0 (a title word with title_weight 0)
      // adds nothing.
      if (weights[id] > 0) terms->emplace_back(hashes[id], weights[id]);
      weights[id] = 0.0f;
    }
    touched.clear();
    std::sort(terms->begin(), terms->end());
  }
};

ArticleAnalyzer::ArticleAnalyzer(const Options& options) : impl_(std::make_unique<Impl>()) { impl_->options = options; }
ArticleAnalyzer::~ArticleAnalyzer() = default;
ArticleAnalyzer::ArticleAnalyzer(ArticleAnalyzer&&) noexcept = default;
ArticleAnalyzer& ArticleAnalyzer::operator=(ArticleAnalyzer&&) noexcept = default;

ArticleFeatures ArticleAnalyzer::Analyze(const Document& doc) {
  Impl& im = *impl_;
  ArticleFeatures f;
  f.id = doc.id;
  f.day = ParseDay(doc.date);
  im.names.clear();
  // The body up to max_body_bytes (cut at a space): the lead says what an
  // article is about, and the rest is most of the reading time.
  std::string_view body = doc.text;
  if (im.options.max_body_bytes > 0 && body.size() > im.options.max_body_bytes) {
    const std::size_t space = body.rfind(' ', im.options.max_body_bytes);
    body = body.substr(0, space == std::string_view::npos ? im.options.max_body_bytes : space);
  }
  if (im.options.word_key_bytes > 0) {
    im.CountKeys(doc.title, body, &f);
  } else {
    im.joined.assign(doc.title);
    im.joined += '\n';
    im.joined += body;
    im.Count(doc.title.size() + 1, &f.terms);
    std::vector<std::uint64_t> shingles = summarize::detail::ShingleHashes(body);
    f.shingle_count = shingles.size();
    f.shingles = internal::SampleShingles(std::move(shingles));
  }
  std::sort(im.names.begin(), im.names.end());
  im.names.erase(std::unique(im.names.begin(), im.names.end()), im.names.end());
  f.names = im.names;
  return f;
}

}  // namespace precis::cluster
