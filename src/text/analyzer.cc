// Tokens, Snowball English stems (libstemmer) and stopwords.
//
// The tokenizer is a byte scanner rather than ICU's word break iterator: news
// text is overwhelmingly ASCII, and this runs several times faster. Non-ASCII
// letters are kept inside words; the common Unicode punctuation (curly quotes,
// dashes, the Latin-1 symbols) separates words.
#include <libstemmer.h>

#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "precis/text.h"

namespace precis::embedded {
extern const unsigned char text_stopwords[];
extern const std::size_t text_stopwords_size;
}  // namespace precis::embedded

namespace precis::text {
namespace {

// The built-in stopword list, parsed once (immutable afterwards).
const std::unordered_set<std::string>& Stopwords() {
  static const std::unordered_set<std::string> words = [] {
    std::unordered_set<std::string> set;
    const std::string_view data(reinterpret_cast<const char*>(embedded::text_stopwords), embedded::text_stopwords_size);
    std::size_t start = 0;
    while (start < data.size()) {
      std::size_t end = data.find('\n', start);
      if (end == std::string_view::npos) end = data.size();
      std::string_view line = data.substr(start, end - start);
      start = end + 1;
      while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.remove_suffix(1);
      if (line.empty() || line.front() == '#') continue;
      set.emplace(line);
    }
    return set;
  }();
  return words;
}

// Length of the word character at s[i] (0 when it is a separator).
std::size_t WordCharLength(std::string_view s, std::size_t i) {
  const auto c = static_cast<unsigned char>(s[i]);
  if (c < 0x80) {
    return ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) ? 1 : 0;
  }
  std::size_t len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
  if (i + len > s.size()) return 0;
  if (c == 0xC2) return 0;                                      // U+0080..U+00BF: symbols, NBSP
  if (c == 0xC3 && (s[i + 1] == '\x97' || s[i + 1] == '\xB7')) return 0;  // × ÷
  if (c == 0xE2) return 0;                                      // U+2000..U+2FFF: punctuation, symbols
  if (c == 0xE3 && static_cast<unsigned char>(s[i + 1]) == 0x80) return 0;  // CJK punctuation
  if (c == 0xEF && (static_cast<unsigned char>(s[i + 1]) == 0xBB || static_cast<unsigned char>(s[i + 1]) == 0xBC ||
                    static_cast<unsigned char>(s[i + 1]) == 0xBF)) {
    return 0;  // BOM, fullwidth punctuation, specials
  }
  if (c < 0xC0) return 0;  // stray continuation byte
  return len;
}

// Lets the cache be searched with a string_view, without building a string.
struct ViewHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};

struct CacheEntry {
  std::string stem;
  bool stopword = false;
};

// Bounded cache: cleared when it grows past a story-independent size.
constexpr std::size_t kMaxCacheEntries = 200000;

}  // namespace

struct Analyzer::Impl {
  sb_stemmer* stemmer = nullptr;
  // lower-cased word -> stem and stopword flag: one lookup per token.
  std::unordered_map<std::string, CacheEntry, ViewHash, std::equal_to<>> cache;
  std::string lower;

  const CacheEntry& Lookup(std::string_view lower_word, bool numeric) {
    auto it = cache.find(lower_word);
    if (it != cache.end()) return it->second;
    CacheEntry entry;
    entry.stopword = Stopwords().count(std::string(lower_word)) != 0;
    if (!numeric && stemmer != nullptr && lower_word.size() < 64) {
      const sb_symbol* stem = sb_stemmer_stem(stemmer, reinterpret_cast<const sb_symbol*>(lower_word.data()),
                                              static_cast<int>(lower_word.size()));
      if (stem != nullptr) {
        entry.stem.assign(reinterpret_cast<const char*>(stem), static_cast<std::size_t>(sb_stemmer_length(stemmer)));
      } else {
        entry.stem.assign(lower_word);
      }
    } else {
      entry.stem.assign(lower_word);
    }
    return cache.emplace(std::string(lower_word), std::move(entry)).first->second;
  }
  ~Impl() {
    if (stemmer != nullptr) sb_stemmer_delete(stemmer);
  }
};

Analyzer::Analyzer() : impl_(std::make_unique<Impl>()) {
  impl_->stemmer = sb_stemmer_new("english", "UTF_8");
  (void)Stopwords();
}
Analyzer::~Analyzer() = default;
Analyzer::Analyzer(Analyzer&&) noexcept = default;
Analyzer& Analyzer::operator=(Analyzer&&) noexcept = default;

bool Analyzer::IsStopword(std::string_view lower_word) const {
  return Stopwords().count(std::string(lower_word)) != 0;
}

const std::string& Analyzer::Stem(std::string_view lower_word) {
  if (impl_->cache.size() > kMaxCacheEntries) impl_->cache.clear();
  return impl_->Lookup(lower_word, false).stem;
}

void Analyzer::Tokens(std::string_view text, std::vector<Token>* out) {
  Impl& im = *impl_;
  // Only here, before any view of this call is handed out.
  if (im.cache.size() > kMaxCacheEntries) im.cache.clear();
  std::size_t i = 0;
  while (i < text.size()) {
    std::size_t len = WordCharLength(text, i);
    if (len == 0) {
      ++i;
      continue;
    }
    const std::size_t start = i;
    bool digits_only = true;
    while (i < text.size()) {
      len = WordCharLength(text, i);
      if (len == 0) {
        // Keep "3.5" and "1,000" together.
        if ((text[i] == '.' || text[i] == ',') && digits_only && i + 1 < text.size() && text[i + 1] >= '0' &&
            text[i + 1] <= '9' && i > start) {
          ++i;
          continue;
        }
        break;
      }
      if (len != 1 || text[i] < '0' || text[i] > '9') digits_only = false;
      i += len;
    }
    Token t;
    t.surface = text.substr(start, i - start);
    im.lower.assign(t.surface);
    for (char& c : im.lower) {
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
    t.numeric = digits_only;
    const CacheEntry& entry = im.Lookup(im.lower, digits_only);
    t.stopword = entry.stopword;
    t.stem = entry.stem;
    out->push_back(t);
  }
}

}  // namespace precis::text
