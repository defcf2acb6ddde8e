// The greedy extractive oracle (see bench.h for the contract).
//
// How it stays exact and fast: the summary's token stream is only ever
// appended to, so adding a sentence adds exactly its own unigrams and
// bigrams plus one bigram across the boundary (the last token so far, the
// sentence's first token). Every n-gram of the references gets a dense index
// with its count in each reference; the summary keeps its count per index.
// The hits a candidate adds are then, per n-gram it holds k times,
//   sum over references r of  min(c + k, count_r) - min(c, count_r)
// with c the summary's count: the scorer's clipped hits pooled over the
// references (-f A). N-grams absent from every reference add no hits and are
// dropped from the candidates up front; they still count as peer n-grams for
// precision. Tokens come from the scorer's own tokenizer and token table
// (rouge/script_text.h, rouge/case_scorer.h), so stems, stopwords and the -l
// cut of the references are the scorer's.
#include <algorithm>
#include <unordered_map>

#include "eval/rouge/case_scorer.h"
#include "eval/rouge/script_text.h"
#include "precis/bench.h"
#include "precis/error.h"
#include "precis/text.h"

namespace precis::bench {
namespace {

std::uint64_t BigramKey(std::uint32_t a, std::uint32_t b) { return static_cast<std::uint64_t>(a) << 32 | b; }

// An n-gram of a candidate sentence, by dense reference-gram index, with its
// count in the sentence.
struct GramCount {
  std::uint32_t index = 0;
  std::uint32_t count = 0;
};

struct Candidate {
  std::string text;
  std::size_t words = 0;
  std::vector<std::uint32_t> tokens;     // token ids (the scorer's forms)
  std::vector<GramCount> unigrams;       // only those in some reference
  std::vector<GramCount> bigrams;        // only those in some reference, sorted by index
};

}  // namespace

struct GreedyOracle::Impl {
  Impl(const Preset& p, std::shared_ptr<const rouge::Lexicon> lex)
      : preset(p), lexicon(std::move(lex)), table(*lexicon, preset.rouge) {
    if (preset.rouge.formula != rouge::Formula::kModelAverage || preset.rouge.remove_stopwords ||
        preset.rouge.byte_limit != 0) {
      // The presets never ask for these; the incremental counts assume them.
      throw Error("the oracle supports -f A with -l only (preset " + preset.name + ")");
    }
  }

  std::vector<std::uint32_t> Tokens(std::string_view text) {
    std::vector<std::uint32_t> out;
    rouge::detail::ForEachScriptToken(text, [&](std::string_view raw) {
      const std::uint32_t id = table.Id(raw);
      if (id != 0) out.push_back(id);
    });
    return out;
  }

  std::vector<std::string> Summarize(const Story& story, const std::vector<std::vector<std::string>>& references);

  Preset preset;
  std::shared_ptr<const rouge::Lexicon> lexicon;
  rouge::detail::TokenTable table;
  text::SentenceSplitter splitter;
};

std::vector<std::string> GreedyOracle::Impl::Summarize(const Story& story,
                                                       const std::vector<std::vector<std::string>>& references) {
  // Reference n-grams: dense index, count per reference.
  const std::size_t model_count = references.size();
  if (model_count == 0) return {};
  std::unordered_map<std::uint64_t, std::uint32_t> unigram_index, bigram_index;
  std::vector<std::vector<std::uint32_t>> model_counts;  // [index][reference]
  double model_unigrams = 0, model_bigrams = 0;
  const rouge::detail::LengthLimit limit{preset.rouge.word_limit, preset.rouge.byte_limit};
  auto count_gram = [&](std::unordered_map<std::uint64_t, std::uint32_t>& index, std::uint64_t key, std::size_t r) {
    auto [it, inserted] = index.try_emplace(key, static_cast<std::uint32_t>(model_counts.size()));
    if (inserted) model_counts.emplace_back(model_count, 0);
    ++model_counts[it->second][r];
  };
  for (std::size_t r = 0; r < model_count; ++r) {
    const std::vector<std::string> units =
        limit.words != 0 ? rouge::detail::CutUnits(references[r], limit) : references[r];
    std::vector<std::uint32_t> joined;
    for (const std::string& unit : units) {
      const std::vector<std::uint32_t> t = Tokens(unit);
      joined.insert(joined.end(), t.begin(), t.end());
    }
    for (std::size_t i = 0; i < joined.size(); ++i) {
      count_gram(unigram_index, joined[i], r);
      if (i + 1 < joined.size()) count_gram(bigram_index, BigramKey(joined[i], joined[i + 1]), r);
    }
    model_unigrams += static_cast<double>(joined.size());
    model_bigrams += static_cast<double>(joined.size() > 1 ? joined.size() - 1 : 0);
  }

  // Candidates: every sentence of every document, in story order.
  std::vector<Candidate> candidates;
  std::vector<text::Sentence> sentences;
  std::unordered_map<std::uint32_t, std::uint32_t> scratch;
  auto grams_of = [&](auto&& keys, const std::unordered_map<std::uint64_t, std::uint32_t>& index) {
    scratch.clear();
    for (std::uint64_t key : keys) {
      if (auto it = index.find(key); it != index.end()) ++scratch[it->second];
    }
    std::vector<GramCount> out;
    out.reserve(scratch.size());
    for (const auto& [i, c] : scratch) out.push_back({i, c});
    std::sort(out.begin(), out.end(), [](const GramCount& a, const GramCount& b) { return a.index < b.index; });
    return out;
  };
  for (const Document& doc : story.docs) {
    sentences.clear();
    splitter.Split(doc.text, &sentences);
    for (text::Sentence& s : sentences) {
      Candidate c;
      c.words = text::CountWords(s.text);
      c.tokens = Tokens(s.text);
      if (c.words == 0 || c.words > preset.words || c.tokens.empty()) continue;
      std::vector<std::uint64_t> keys(c.tokens.begin(), c.tokens.end());
      c.unigrams = grams_of(keys, unigram_index);
      keys.clear();
      for (std::size_t i = 0; i + 1 < c.tokens.size(); ++i) keys.push_back(BigramKey(c.tokens[i], c.tokens[i + 1]));
      c.bigrams = grams_of(keys, bigram_index);
      c.text = std::move(s.text);
      candidates.push_back(std::move(c));
    }
  }

  // The summary so far.
  std::vector<std::uint32_t> peer_count(model_counts.size(), 0);
  double hits1 = 0, hits2 = 0, peer_tokens = 0;
  std::uint32_t last_token = 0;  // 0: none yet (token ids start at 1)
  std::size_t used_words = 0;
  std::vector<char> taken(candidates.size(), 0);

  const double alpha = preset.rouge.alpha;
  const double models = static_cast<double>(model_count);
  auto score = [&](double h1, double h2, double tokens) {
    const double r1 = model_unigrams > 0 ? h1 / model_unigrams : 0;
    const double r2 = model_bigrams > 0 ? h2 / model_bigrams : 0;
    if (preset.recall) return r1 + r2;
    auto f = [alpha](double p, double r) {
      const double d = (1 - alpha) * p + alpha * r;
      return d > 0 ? p * r / d : 0.0;
    };
    const double p1 = tokens > 0 ? h1 / (models * tokens) : 0;
    const double p2 = tokens > 1 ? h2 / (models * (tokens - 1)) : 0;
    return f(p1, r1) + f(p2, r2);
  };
  auto gain = [&](std::uint32_t index, std::uint32_t k) {
    const std::uint32_t c = peer_count[index];
    double g = 0;
    for (std::uint32_t m : model_counts[index]) g += std::min(c + k, m) - std::min(c, m);
    return g;
  };
  // The boundary bigram's dense index, or -1.
  auto boundary = [&](const Candidate& c) -> long {
    if (last_token == 0) return -1;
    auto it = bigram_index.find(BigramKey(last_token, c.tokens.front()));
    return it == bigram_index.end() ? -1 : static_cast<long>(it->second);
  };

  double current = 0;
  std::vector<std::string> chosen;
  for (;;) {
    double best = current;
    std::size_t best_index = candidates.size();
    for (std::size_t i = 0; i < candidates.size(); ++i) {
      const Candidate& c = candidates[i];
      if (taken[i] || used_words + c.words > preset.words) continue;
      double h1 = hits1, h2 = hits2;
      for (const GramCount& g : c.unigrams) h1 += gain(g.index, g.count);
      for (const GramCount& g : c.bigrams) h2 += gain(g.index, g.count);
      if (const long b = boundary(c); b >= 0) {
        // One more occurrence on top of the sentence's own ones.
        const auto own = std::lower_bound(c.bigrams.begin(), c.bigrams.end(), static_cast<std::uint32_t>(b),
                                          [](const GramCount& g, std::uint32_t v) { return g.index < v; });
        const std::uint32_t k = own != c.bigrams.end() && own->index == static_cast<std::uint32_t>(b) ? own->count : 0;
        h2 += gain(static_cast<std::uint32_t>(b), k + 1) - gain(static_cast<std::uint32_t>(b), k);
      }
      const double s = score(h1, h2, peer_tokens + static_cast<double>(c.tokens.size()));
      if (s > best + 1e-12) {
        best = s;
        best_index = i;
      }
    }
    if (best_index == candidates.size()) break;
    // Append it: update the counts exactly as evaluated above.
    Candidate& c = candidates[best_index];
    const long b = boundary(c);
    for (const GramCount& g : c.unigrams) {
      hits1 += gain(g.index, g.count);
      peer_count[g.index] += g.count;
    }
    for (const GramCount& g : c.bigrams) {
      hits2 += gain(g.index, g.count);
      peer_count[g.index] += g.count;
    }
    if (b >= 0) {
      hits2 += gain(static_cast<std::uint32_t>(b), 1);
      ++peer_count[static_cast<std::size_t>(b)];
    }
    peer_tokens += static_cast<double>(c.tokens.size());
    last_token = c.tokens.back();
    used_words += c.words;
    taken[best_index] = 1;
    current = best;
    chosen.push_back(std::move(c.text));
  }
  return chosen;
}

GreedyOracle::GreedyOracle(const Preset& preset, std::shared_ptr<const rouge::Lexicon> lexicon)
    : impl_(std::make_unique<Impl>(preset, std::move(lexicon))) {}
GreedyOracle::~GreedyOracle() = default;
GreedyOracle::GreedyOracle(GreedyOracle&&) noexcept = default;
GreedyOracle& GreedyOracle::operator=(GreedyOracle&&) noexcept = default;

std::vector<std::string> GreedyOracle::Summarize(const Story& story,
                                                 const std::vector<std::vector<std::string>>& references) {
  return impl_->Summarize(story, references);
}

}  // namespace precis::bench
