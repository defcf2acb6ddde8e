// Internal: which articles report the content of a chosen sentence.
//
// A sentence is cited by an article when that article states most of what
// the sentence states, in whatever words: the share of the sentence's
// weighted fact keys (content stems with irregular forms and number words
// brought to one form, weighted by how rare they are in the story) that one
// sentence of the article, or two adjacent ones, also hold. Unlike a cosine
// this does not punish an article for saying more than the sentence does,
// and a key the whole story repeats (the story's main actors) weighs little
// next to the specifics (a number, a rare verb) that make the fact. To
// "report" a sentence (not only "partly"), the article must also hold one
// of its rarest shared keys that are not names. A window that counts the
// same thing differently, gives the words to another speaker, or belongs
// to an article written before the sentence's event is no support.
// Measured against hand-made fact inventories by bench/citation_bench.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "precis/summarize.h"
#include "summarize/model.h"

namespace precis::summarize::detail {

// A count in a sentence and what it counts: "12 people injured" ->
// {"12", "injured"}; "18 million crowns" -> {"18million", "crown"}.
struct NumberSlot {
  enum Bound { kExact, kAbout, kAtLeast, kAtMost };
  std::string value;  // compared: digits and scale, "12", "18million", "1.2million"
  std::string what;   // the word counted, plural s dropped; "age" for ages
  Bound bound = kExact;  // "about 400", "at least 12", "up to 30"
  std::string shown;  // for display: "12", "18 million"
  std::string who;    // ages: the name it follows ("Rook, 38,"), lower case
  std::size_t word = 0;  // its index among SentenceWords(text)
  double Amount() const;  // the value as a number: 18e6 for "18million"
};
std::vector<NumberSlot> NumberSlots(std::string_view text);
// Two counts of the same thing that cannot both be right: other values,
// both exact; an approximate one ("about 400") more than a quarter off; a
// value below "at least" / above "up to". Counts of different things never
// differ.
bool CountsDiffer(const NumberSlot& a, const NumberSlot& b);
// The same thing counted with the same value (qualifiers aside).
bool CountsAgree(const NumberSlot& a, const NumberSlot& b);

class CitationFinder {
 public:
  // Reads the model's units once per story; the model must outlive the calls.
  void Prepare(const StoryModel& model);
  // The best window (one sentence or two adjacent ones) of article `doc`
  // for unit `unit`, with its coverage in Support::similarity; coverage 0
  // and sentence 0 when the article shares nothing.
  Support Best(std::size_t unit, std::size_t doc);
  // Every article that reports unit `unit`: the unit itself first, then
  // the others by article, each with its level (coverage >= `threshold`:
  // reports; a lower share of it: partly).
  // `written_before`, when not empty, marks per article that it was written
  // before the unit's event happened: it cannot report it.
  std::vector<Support> Cite(std::size_t unit, double threshold, const std::vector<bool>& written_before = {});
  // One quotation told in several sentences (`units`, consecutive, of one
  // article) is cited as a whole: `each` holds Cite() of every unit. An
  // article reports the quotation when its coverage of the whole (each
  // sentence's coverage weighted by the weight of its keys) reaches
  // `threshold` and it reports one of the sentences; partly at a lower
  // share, as Cite(), or when the sentences it reports hold a third of the
  // quotation's weight. A short sentence of the quotation ("That is more
  // than the margin.") does not cite alone an article that shares only its
  // few words. Returns the support every sentence of the quotation gets, its
  // own entry being that of the first.
  std::vector<Support> CiteQuotation(const std::vector<std::size_t>& units,
                                     const std::vector<std::vector<Support>>& each, double threshold) const;
  // The unit's counts (NumberSlots) and its speaker (SpeakerOf, lower case;
  // for a quote, the sentence that ends its quotation, the one after it
  // when it quotes too or speaks of "the words", or, for "..., she said.",
  // the person the sentence before it names), read once on first use.
  const std::vector<NumberSlot>& Slots(std::size_t unit);
  const std::string& Speaker(std::size_t unit);
  // The same speaker as the article writes the name.
  const std::string& SpeakerAsWritten(std::size_t unit);
  // Whether the unit's keys hold a number.
  bool HasNumberKey(std::size_t unit) const;
  // Weighted share of unit `unit`'s keys that unit `other` holds.
  double Coverage(std::size_t unit, std::size_t other);

 private:
  void Mark(std::size_t unit);
  void Unmark(std::size_t unit);
  double Covered(std::size_t unit) const;
  // Covered() of every unit sharing a key with the marked `unit`, through
  // the postings, into covered_ (the others stay 0); ClearCovered undoes it.
  void FillCovered(std::size_t unit);
  void ClearCovered();
  // Best() once `unit` is marked and FillCovered(unit) done.
  Support BestMarked(std::size_t unit, std::size_t doc);
  // The unit's kCoreKeys heaviest keys among those another article uses.
  std::vector<std::uint32_t> Core(std::size_t unit) const;
  // Whether units first .. first + count - 1 hold one of `keys` (true when empty).
  bool HoldsAny(std::size_t first, std::size_t count, const std::vector<std::uint32_t>& keys) const;
  bool HoldsNumber(std::size_t first, std::size_t last, const std::string& value);
  // The window [first, last] states something else than `unit` (marked):
  // other numbers, or another speaker.
  bool Contradicts(std::size_t unit, std::size_t first, std::size_t last);
  // Whether units first..last do not report the promise of the acts the
  // unit cited promises (`act_words`: their word starts, PromisedActs
  // through ActWords): they name an act with no word of intent (an act
  // done, not the promise of it), or they name none of an act whose
  // paraphrases are known.
  bool MissesPromise(std::size_t first, std::size_t last, const std::vector<std::string>& act_words);

  const StoryModel* model_ = nullptr;
  std::vector<std::uint32_t> keys_;         // per unit, sorted unique, end to end
  std::vector<std::size_t> key_begin_;      // per unit + 1: its range in keys_
  std::vector<float> weight_;               // per key
  std::vector<std::uint32_t> key_docs_;     // per key: articles using it
  std::vector<float> mark_;                 // per key: its weight while the unit is marked
  double marked_total_ = 0;
  std::vector<std::uint32_t> posting_units_;  // per key, ascending units holding it, end to end
  std::vector<std::uint32_t> posting_begin_;  // per key + 1: its range in posting_units_
  std::vector<double> covered_;               // per unit: FillCovered's sums
  std::vector<std::uint32_t> touched_;        // units whose covered_ FillCovered set
  std::vector<std::string> speakers_;           // per unit: Speaker(), once speaker_read_
  std::vector<std::string> speakers_written_;   // per unit: SpeakerAsWritten(), once speaker_read_
  std::vector<std::vector<NumberSlot>> slots_;  // per unit: Slots(), once slots_read_
  std::vector<bool> slots_read_, speaker_read_;
  std::vector<std::vector<std::string>> acts_;  // per unit: the word starts of the acts it promises, once acts_read_
  std::vector<bool> acts_read_;
};

}  // namespace precis::summarize::detail

namespace precis::summarize::detail {

// The fact key of a token: number words and digits in one form ("eight",
// "8" -> "8"; "1,200" -> "1200"), irregular forms as their base form
// ("withdrew" -> "withdraw", WordNet's exception lists), else the stem,
// cut to six letters. `lower` is the word lower-cased (or its stem: the
// model passes the stem, so that a key depends on the stem only); the
// result may point into `buffer`, the tables or `stem`.
std::string_view FactKey(std::string_view lower, std::string_view stem, bool numeric, std::string* buffer);
// The words of a sentence, punctuation around them stripped; `pause`, when
// given, gets per word whether , . ; : ! or ? followed it.
std::vector<std::string_view> SentenceWords(std::string_view text, std::vector<bool>* pause = nullptr);
std::string LowerAscii(std::string_view word);
// A verb that reports speech ("said", "told", "announced", ...), lower case.
bool IsSpeechWord(std::string_view lower);

// The name of who is quoted or reported as speaking ("Vance said",
// "said Harbour Minister Ilka Vance" -> "Vance"); empty when none is
// named (a pronoun, no speech verb). "The words were those of fire chief
// Odd Lunde" names "Lunde", who said the quote before it.
std::string SpeakerOf(std::string_view text);
// Whether a pronoun is reported as speaking ("..., she said.", "said he").
bool PronounSaid(std::string_view text);
// True when a fact key is a number that counts something (not a year).
bool IsNumberKey(std::string_view key);

}  // namespace precis::summarize::detail
