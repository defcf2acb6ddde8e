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
  std::vector<std::pair<std::uint64_t, float>> counts;

  std::vector<std::uint64_t> names;
  // Open addressing over term hashes (0: empty), for Merge().
  std::vector<std::pair<std::uint64_t, float>> table;

  // The counts summed by term, sorted by term: through a hash table, as
  // sorting every token's count was a tenth of the clustering time.
  void Merge(std::vector<std::pair<std::uint64_t, float>>* terms) {
    std::size_t size = 16;
    while (size < 2 * counts.size()) size *= 2;
    table.assign(size, {0, 0.0f});
    const std::size_t mask = size - 1;
    for (const auto& [term, w] : counts) {
      const std::uint64_t key = term == 0 ? 1 : term;
      std::size_t i = (key ^ (key >> 29)) & mask;
      while (table[i].first != 0 && table[i].first != key) i = (i + 1) & mask;
      if (table[i].first == 0) {
        table[i].first = key;
        terms->emplace_back(key, 0.0f);
      }
      table[i].second += w;
    }
    for (auto& [term, w] : *terms) {
      std::size_t i = (term ^ (term >> 29)) & mask;
      while (table[i].first != term) i = (i + 1) & mask;
      w = table[i].second;
    }
    std::sort(terms->begin(), terms->end());
  }

  // Counts the words of `text`; with `find_names`, also collects its names.
  void Count(std::string_view text, float weight, float name_weight, bool find_names) {
    tokens.clear();
    analyzer.Tokens(text, &tokens);
    std::size_t counted = 0;
    for (const text::Token& t : tokens) {
      if (!Counts(t)) continue;
      if (options.max_words > 0 && ++counted > options.max_words) break;
      float w = weight;
      const std::uint64_t term = TermHash(t.stem);
      if (find_names && Capitalised(t.surface) && !IsCalendarWord(t.stem) &&
          !OpensSentence(text, static_cast<std::size_t>(t.surface.data() - text.data()))) {
        w += name_weight;
        names.push_back(term);
      }
      counts.emplace_back(term, w);
    }
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
  im.counts.clear();
  im.names.clear();
  // Titles are often in title case: their capitals name nothing.
  im.Count(doc.title, static_cast<float>(im.options.title_weight), 0, false);
  im.Count(doc.text, 1, static_cast<float>(im.options.name_weight), true);
  std::sort(im.names.begin(), im.names.end());
  im.names.erase(std::unique(im.names.begin(), im.names.end()), im.names.end());
  f.names = im.names;
  im.Merge(&f.terms);
  std::vector<std::uint64_t> shingles = summarize::detail::ShingleHashes(doc.text);
  f.shingle_count = shingles.size();
  f.shingles = internal::SampleShingles(std::move(shingles));
  return f;
}

}  // namespace precis::cluster
