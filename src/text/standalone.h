// Internal: whether a sentence of an article can be read on its own, away
// from the sentences around it: quotations that run over several sentences,
// quotes without their speaker, and openings that point back ("In fact,",
// "That's because", "He added").
#pragma once

#include <string_view>
#include <vector>

namespace precis::text {

struct Standing {
  // A quotation that runs over several sentences: this one starts inside it
  // (it continues the sentence before) and/or ends inside it (it goes on
  // in the sentence after). Out of the whole, the quote is cut.
  bool quote_open_before = false;
  bool quote_open_after = false;
  // Closes a quotation whose opening is nowhere before it, or opens one
  // that nothing closes: it can never be read whole.
  bool quote_cut = false;
  // All quotation, with no word outside the quotation marks: whoever said
  // it is named elsewhere, if at all.
  bool quote_only = false;
  // Every letter of it is inside quotation marks, whether or not the
  // quotation runs on into its neighbours (a quotation of several sentences
  // all of whose sentences are so names no speaker of its own).
  bool all_quoted = false;
  // Opens by pointing back (a pronoun, "In fact,", "The move"), or names
  // its speaker by a pronoun only ("..., he said."): it reads right only
  // just after the sentence before it.
  bool leans_back = false;
  // Opens with one another sentence brought in, this many sentences before
  // (2 to 5; 0 for none, and 1 is leans_back): "A nurse found particles in
  // a vial. The authority was told. The nurse, who works at ...". It reads
  // right only just after that sentence.
  unsigned antecedent_back = 0;
  // Reports speech outside its quotation marks ("Vance said", "told
  // reporters:"): a quote with no speaker right after it is his.
  bool reports_speech = false;

  bool InQuoteSpan() const { return quote_open_before || quote_open_after || quote_cut; }
};

// The standing of each sentence of one article, in order; a sentence that
// `paragraph_start`s begins a new paragraph (quotation state is reset there,
// unless the paragraph reopens a quote the one before left open, as news
// copy does for a quotation of several paragraphs). `out` gets one entry per
// sentence.
void AnalyzeStanding(const std::vector<std::string_view>& sentences, const std::vector<bool>& paragraph_start,
                     std::vector<Standing>* out);

// One sentence's opening alone (for tests and single sentences).
bool OpensByPointingBack(std::string_view sentence);

// The common noun of an opening "The" when the sentence goes on as if
// the reader knew it ("nurse" of "The nurse, who ..." or "The nurse
// noticed ..."; not of "The fire department said"), as a view of
// `sentence`; "" otherwise.
std::string_view DefiniteSubject(std::string_view sentence);

}  // namespace precis::text
