// What the clusterer reads of an article: weighted stem counts, a sample of
// its word 4-grams, its day.
#include <algorithm>
#include <cstdint>
#include <string_view>
#include <vector>

#include "cluster/internal.h"
#include "precis/cluster.h"
#include "precis/text.h"
#include "summarize/copies.h"

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
  im.joined.assign(doc.title);
  im.joined += '\n';
  im.joined += body;
  im.Count(doc.title.size() + 1, &f.terms);
  std::sort(im.names.begin(), im.names.end());
  im.names.erase(std::unique(im.names.begin(), im.names.end()), im.names.end());
  f.names = im.names;
  std::vector<std::uint64_t> shingles = summarize::detail::ShingleHashes(body);
  f.shingle_count = shingles.size();
  f.shingles = internal::SampleShingles(std::move(shingles));
  return f;
}

}  // namespace precis::cluster
