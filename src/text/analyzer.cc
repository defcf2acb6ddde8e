// Tokens, Snowball English stems (libstemmer) and stopwords.
//
// The tokenizer is a byte scanner rather than ICU's word break iterator: news
// text is overwhelmingly ASCII, and this runs several times faster. Non-ASCII
// letters are kept inside words; the common Unicode punctuation (curly quotes,
// dashes, the Latin-1 symbols) separates words.
#include <libstemmer.h>

#include <cstdint>
#include <algorithm>
#include <cstring>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "common/ascii.h"
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

// Length of the non-ASCII word character at s[i] (0 when it is a separator).
std::size_t NonAsciiWordCharLength(std::string_view s, std::size_t i) {
  const auto c = static_cast<unsigned char>(s[i]);
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

// Length of the word character at s[i] (0 when it is a separator); ASCII,
// nearly all of news text, without a call.
inline std::size_t WordCharLength(std::string_view s, std::size_t i) {
  const auto c = static_cast<unsigned char>(s[i]);
  if (c < 0x80) return internal::kAsciiLowerAlnum[c] != 0 ? 1 : 0;
  return NonAsciiWordCharLength(s, i);
}

// Lets the cache be searched with a string_view, without building a string.
struct ViewHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};

// One cached word, as the cache hands it out (views into the cache).
struct CacheEntry {
  std::string_view stem;
  std::uint32_t stem_id = 0;
  bool stopword = false;
};

// Bounded cache: cleared when it grows past a story-independent size.
constexpr std::size_t kMaxCacheEntries = 200000;

// FNV-1a: words are short, and an inline loop beats a library call here.
constexpr std::uint64_t kHashBasis = 0xcbf29ce484222325ull;
constexpr std::uint64_t kHashPrime = 0x100000001b3ull;
std::uint64_t HashWord(std::string_view s) {
  std::uint64_t h = kHashBasis;
  for (const char c : s) h = (h ^ static_cast<unsigned char>(c)) * kHashPrime;
  return h;
}

// Lower-cased word -> entry. Open addressing over a flat array rather than
// std::unordered_map: it is probed once per token, and the node-based map
// (a division, pointer chasing and an out-of-line compare per probe) was
// most of the tokenizer's time. Entries are packed end to end in blocks
// (a header, the word, the stem: about 25 bytes, where two std::strings
// took 72): the cache of a long run holds 10^5 words, and its lookups wait
// on memory. Blocks never move, so tokens can view their stems.
class WordCache {
 public:
  // The record of `word`, or nullptr; Entry() reads it. A pointer comes
  // back in a register, where an entry (or an optional one) was returned
  // through the stack and read back wider than it was written: a
  // store-forwarding stall on every token.
  const char* Find(std::string_view word, std::uint64_t hash) const {
    if (slots_.empty()) return nullptr;
    const std::size_t mask = slots_.size() - 1;
    for (std::size_t i = hash & mask;; i = (i + 1) & mask) {
      const Slot& slot = slots_[i];
      if (slot.block_plus_one == 0) return nullptr;
      if (slot.hash != static_cast<std::uint32_t>(hash)) continue;
      const char* record = Record(slot);
      const Header header = HeaderOf(record);
      if (header.word_length == word.size() && std::memcmp(record + sizeof(Header), word.data(), word.size()) == 0) {
        return record;
      }
    }
  }
  static CacheEntry Entry(const char* record) {
    const Header header = HeaderOf(record);
    return {std::string_view(record + sizeof(Header) + header.word_length, header.stem_length), header.stem_id,
            header.stopword != 0};
  }
  // Start loading what Find() reads for `hash`: first its slot, then (once
  // the slot is in cache) the entry the slot names. Called for all the
  // words of a text before their lookups, so that the cache misses of a
  // large cache overlap instead of coming one after another.
  void PrefetchSlot(std::uint64_t hash) const {
    if (!slots_.empty()) __builtin_prefetch(&slots_[hash & (slots_.size() - 1)]);
  }
  void PrefetchEntry(std::uint64_t hash) const {
    if (slots_.empty()) return;
    const Slot& slot = slots_[hash & (slots_.size() - 1)];
    if (slot.block_plus_one != 0) __builtin_prefetch(Record(slot));
  }
  // Adds a word Find() did not find; returns its record.
  const char* Add(std::string_view word, std::string_view stem, std::uint32_t stem_id, bool stopword,
                 std::uint64_t hash) {
    if (2 * (size_ + 1) > slots_.size()) Grow();
    const Header header{stem_id, static_cast<std::uint32_t>(word.size()), static_cast<std::uint32_t>(stem.size()),
                        stopword ? 1u : 0u};
    const std::size_t bytes = (sizeof(Header) + word.size() + stem.size() + 3) & ~std::size_t{3};
    if (bytes > kBlockBytes - used_) {
      // A new block; a record larger than a block gets one of its own.
      blocks_.push_back(std::make_unique<char[]>(std::max(bytes, kBlockBytes)));
      used_ = 0;
    }
    const Slot slot{static_cast<std::uint32_t>(hash), static_cast<std::uint32_t>(blocks_.size()),
                    static_cast<std::uint32_t>(used_)};
    char* record = blocks_.back().get() + used_;
    used_ = bytes > kBlockBytes ? kBlockBytes : used_ + bytes;
    std::memcpy(record, &header, sizeof header);
    std::memcpy(record + sizeof header, word.data(), word.size());
    std::memcpy(record + sizeof header + word.size(), stem.data(), stem.size());
    const std::size_t mask = slots_.size() - 1;
    std::size_t i = hash & mask;
    while (slots_[i].block_plus_one != 0) i = (i + 1) & mask;
    slots_[i] = slot;
    ++size_;
    return record;
  }
  std::size_t size() const { return size_; }
  void Clear() {
    blocks_.clear();
    slots_.clear();
    used_ = kBlockBytes;
    size_ = 0;
  }

 private:
  struct Header {
    std::uint32_t stem_id;
    std::uint32_t word_length;
    std::uint32_t stem_length;
    std::uint32_t stopword;
  };
  struct Slot {
    std::uint32_t hash = 0;            // low half of the word's hash
    std::uint32_t block_plus_one = 0;  // 0: empty
    std::uint32_t offset = 0;          // of the record in its block
  };
  static constexpr std::size_t kBlockBytes = std::size_t{1} << 16;
  const char* Record(const Slot& slot) const { return blocks_[slot.block_plus_one - 1].get() + slot.offset; }
  static Header HeaderOf(const char* record) {
    Header header;
    std::memcpy(&header, record, sizeof header);
    return header;
  }
  void Grow() {
    std::vector<Slot> old = std::move(slots_);
    slots_.assign(old.empty() ? 4096 : 2 * old.size(), Slot{});
    const std::size_t mask = slots_.size() - 1;
    for (const Slot& slot : old) {
      if (slot.block_plus_one == 0) continue;
      std::size_t i = slot.hash & mask;
      while (slots_[i].block_plus_one != 0) i = (i + 1) & mask;
      slots_[i] = slot;
    }
  }
  std::vector<std::unique_ptr<char[]>> blocks_;
  std::size_t used_ = kBlockBytes;  // bytes used in the last block
  std::vector<Slot> slots_;  // a power of two, at most half full
  std::size_t size_ = 0;
};

}  // namespace

struct Analyzer::Impl {
  sb_stemmer* stemmer = nullptr;
  // lower-cased word -> stem and stopword flag: one lookup per token.
  WordCache cache;
  // stem -> its number, for the entries of `cache`.
  std::unordered_map<std::string, std::uint32_t, ViewHash, std::equal_to<>> stem_ids;
  std::size_t resets = 0;
  // The words of one Tokens() call: lower-cased end to end, and where.
  std::string lower;
  struct Word {
    std::size_t begin, end;              // surface, in the text
    std::size_t lower_begin;             // in `lower` (same length)
    std::uint64_t hash;
    bool numeric;
  };
  std::vector<Word> words;

  // Bounds the memory: drops the cache once it has grown past its bound.
  void TrimCache() {
    if (cache.size() <= kMaxCacheEntries) return;
    cache.Clear();
    stem_ids.clear();
    ++resets;
  }

  // The cache record of the word (see WordCache::Entry()), made on first sight.
  const char* Lookup(std::string_view lower_word, bool numeric, std::uint64_t hash) {
    if (const char* found = cache.Find(lower_word, hash)) return found;
    const bool stopword = Stopwords().count(std::string(lower_word)) != 0;
    std::string_view stem = lower_word;
    if (!numeric && stemmer != nullptr && lower_word.size() < 64) {
      const sb_symbol* stemmed = sb_stemmer_stem(stemmer, reinterpret_cast<const sb_symbol*>(lower_word.data()),
                                                 static_cast<int>(lower_word.size()));
      if (stemmed != nullptr) {
        stem = std::string_view(reinterpret_cast<const char*>(stemmed), static_cast<std::size_t>(sb_stemmer_length(stemmer)));
      }
    }
    const std::uint32_t stem_id =
        stem_ids.try_emplace(std::string(stem), static_cast<std::uint32_t>(stem_ids.size())).first->second;
    return cache.Add(lower_word, stem, stem_id, stopword, hash);
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

std::size_t Analyzer::stem_count() const { return impl_->stem_ids.size(); }
std::size_t Analyzer::cache_resets() const { return impl_->resets; }

std::string_view Analyzer::Stem(std::string_view lower_word) {
  impl_->TrimCache();
  return WordCache::Entry(impl_->Lookup(lower_word, false, HashWord(lower_word))).stem;
}

void Analyzer::Tokens(std::string_view text, std::vector<Token>* out) {
  Impl& im = *impl_;
  // Only here, before any view of this call is handed out.
  im.TrimCache();
  im.words.clear();
  // Each word is found, lower-cased and hashed (as HashWord does) in one
  // pass over its bytes, written straight into `lower`, which never needs
  // more bytes than the text.
  im.lower.resize(text.size());
  char* const lower = im.lower.data();
  std::size_t lower_size = 0;
  const std::size_t n = text.size();
  std::size_t i = 0;
  while (i < n) {
    if (WordCharLength(text, i) == 0) {
      ++i;
      continue;
    }
    const std::size_t start = i;
    const std::size_t lower_begin = lower_size;
    std::uint64_t hash = kHashBasis;
    const auto append = [&](char c) {
      lower[lower_size++] = c;
      hash = (hash ^ static_cast<unsigned char>(c)) * kHashPrime;
    };
    bool digits_only = true;
    while (i < n) {
      const auto c = static_cast<unsigned char>(text[i]);
      if (c < 0x80) {
        const char lower_c = internal::kAsciiLowerAlnum[c];
        if (lower_c == 0) {
          // Keep "3.5" and "1,000" together.
          if ((c == '.' || c == ',') && digits_only && i + 1 < n && text[i + 1] >= '0' && text[i + 1] <= '9' &&
              i > start) {
            append(text[i++]);
            continue;
          }
          break;
        }
        digits_only = digits_only && c <= '9';  // the digits sort before the letters
        append(lower_c);
        ++i;
        continue;
      }
      const std::size_t len = NonAsciiWordCharLength(text, i);
      if (len == 0) break;
      digits_only = false;
      for (const std::size_t end = i + len; i < end; ++i) append(text[i]);
    }
    im.cache.PrefetchSlot(hash);
    im.words.push_back({start, i, lower_begin, hash, digits_only});
  }
  for (const Impl::Word& w : im.words) im.cache.PrefetchEntry(w.hash);
  for (const Impl::Word& w : im.words) {
    const CacheEntry entry =
        WordCache::Entry(im.Lookup(std::string_view(im.lower).substr(w.lower_begin, w.end - w.begin), w.numeric, w.hash));
    // Written in place: a Token assembled on the stack and copied was read
    // back wider than its fields were stored, which stalled every token.
    Token& t = out->emplace_back();
    t.surface = text.substr(w.begin, w.end - w.begin);
    t.numeric = w.numeric;
    t.stopword = entry.stopword;
    t.stem = entry.stem;
    t.stem_id = entry.stem_id;
  }
}

}  // namespace precis::text
