// Line cleaning: each line gets signals (shape, lexicon hits, date, key),
// then rules combine them, most certain first, and every removal records its
// reason. The order matters: the headline must be known before its repeats
// can be removed, and junk must be gone before the leading and trailing
// blocks (the lines around the first and last sentence of the article) mean
// anything.
#include "precis/clean.h"

#include <algorithm>
#include <array>
#include <map>
#include <optional>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

#include "clean/dates.h"
#include "clean/lexicon.h"
#include "clean/outlet.h"
#include "clean/text_util.h"

namespace precis {
namespace {

using clean_internal::Lexicon;

enum class Verdict { kUndecided, kJunk, kTitle, kDate, kBody, kHeading };

struct Line {
  std::string text;  // trimmed, list marker removed
  std::size_t number = 0;
  bool declared_heading = false;  // from markup
  bool list_item = false;
  clean_internal::WordList words;  // their key() says which lines are the same
  bool terminal = false;       // ends like a sentence: . ! ? (before closing quotes)
  bool ellipsis = false;       // ends with ... or U+2026
  bool has_punctuation = false;
  std::vector<std::string> chrome_hits;  // only for lines of up to kMaxChromeWords words
  std::string lead;            // [lead] phrase the line opens with
  bool lead_then_colon = false;
  bool credit_tail = false;    // ends with a bracketed photo credit
  // How many of the words are function words: counted with the chrome
  // phrases, or for a longer line only when a rule asks (FunctionWords()).
  std::optional<std::size_t> function_words;
  clean_internal::DateLine date;
  Verdict verdict = Verdict::kUndecided;
  std::string reason;
};

// A call to the reader that ends a page is at most this many words long.
constexpr std::size_t kMaxReaderCallWords = 12;

// Whether a line's words (WordList::key(), lower case, one space apart)
// speak of the page or to its reader: "this article", "our app", "you".
bool AddressesTheReader(std::string_view key) {
  static constexpr std::array<std::string_view, 8> kWords = {
      " this article ", " this story ", " this page ", " our ", " us ", " you ", " your ", " we "};
  const std::string padded = " " + std::string(key) + " ";
  return std::any_of(kWords.begin(), kWords.end(),
                     [&](std::string_view w) { return padded.find(w) != std::string::npos; });
}

// The chrome rules only judge lines of up to this many words: a longer line
// is not scanned for chrome phrases, which was most of the scanning.
constexpr std::size_t kMaxChromeWords = 40;

bool StartsWith(std::string_view s, std::string_view prefix) { return s.substr(0, prefix.size()) == prefix; }
bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

// Strips a leading list marker ("• ", "- ", "* ", "· ", "– ").
std::string_view StripListMarker(std::string_view text, bool* was_item) {
  for (const std::string_view marker : {"\xE2\x80\xA2", "\xC2\xB7", "\xE2\x80\x93", "\xE2\x97\x8F", "\xE2\x96\xAA", "-", "*"}) {
    if (StartsWith(text, marker) && text.size() > marker.size() &&
        (text[marker.size()] == ' ' || text[marker.size()] == '\t' || StartsWith(text.substr(marker.size()), "\xC2\xA0"))) {
      *was_item = true;
      return clean_internal::TrimSpace(text.substr(marker.size()));
    }
  }
  return text;
}

// The line without trailing closing quotes and brackets: where the sentence ends.
std::string_view StripClosers(std::string_view text) {
  for (bool again = true; again && !text.empty();) {
    again = false;
    for (const std::string_view closer : {"\"", "'", ")", "]", "\xE2\x80\x9D", "\xE2\x80\x99", "\xC2\xBB"}) {
      if (EndsWith(text, closer)) {
        text.remove_suffix(closer.size());
        again = true;
      }
    }
  }
  return text;
}

bool BracketedCredit(std::string_view text, const Lexicon& lexicon) {
  if (text.empty() || (text.back() != ']' && text.back() != ')')) return false;
  const char open = text.back() == ']' ? '[' : '(';
  const std::size_t start = text.rfind(open);
  if (start == std::string_view::npos || start == 0) return false;
  const std::string_view inside = text.substr(start + 1, text.size() - start - 2);
  if (inside.find(':') == std::string_view::npos && inside.find('/') == std::string_view::npos) return false;
  const clean_internal::WordList words(inside);
  for (std::size_t i = 0; i < words.size(); ++i) {
    if (lexicon.IsCredit(words[i])) return true;
  }
  return false;
}

std::string Quote(const std::vector<std::string>& hits) {
  std::string out;
  for (std::size_t i = 0; i < hits.size() && i < 3; ++i) {
    if (i > 0) out += ", ";
    out += "\"" + hits[i] + "\"";
  }
  return out;
}

Line Analyse(std::string_view raw, std::size_t number, bool declared_heading, const Lexicon& lexicon) {
  Line line;
  line.number = number;
  line.declared_heading = declared_heading;
  // Wire codes are rare: the line is copied only when it may hold one.
  const std::string uncoded = raw.find('&') == std::string_view::npos ? std::string() : clean_internal::StripWireCodes(raw);
  if (!uncoded.empty()) raw = uncoded;
  line.text = clean_internal::CollapseSpace(StripListMarker(clean_internal::TrimSpace(raw), &line.list_item));
  line.words = clean_internal::WordList(line.text);
  const std::string_view body = StripClosers(line.text);
  line.ellipsis = EndsWith(body, "...") || EndsWith(body, "\xE2\x80\xA6");
  line.terminal = !line.ellipsis && !body.empty() && (body.back() == '.' || body.back() == '!' || body.back() == '?');
  // A plain loop: find_first_of searches the set once per byte of the line.
  line.has_punctuation = std::any_of(line.text.begin(), line.text.end(), [](char c) {
    return c == '.' || c == ',' || c == ';' || c == ':' || c == '!' || c == '?';
  });
  if (line.words.size() <= kMaxChromeWords) line.function_words = lexicon.ScanLine(line.words, &line.chrome_hits);
  line.lead = lexicon.LeadPhrase(line.words);
  if (!line.lead.empty()) {
    // Is the lead phrase followed by a colon ("Source: ...")?
    const std::size_t lead_words = static_cast<std::size_t>(std::count(line.lead.begin(), line.lead.end(), ' ')) + 1;
    std::size_t seen = 0, i = 0;
    bool in_word = false;
    for (; i < line.text.size(); ++i) {
      const bool word_char = std::isalnum(static_cast<unsigned char>(line.text[i])) || (line.text[i] & 0x80);
      if (word_char && !in_word && ++seen > lead_words) break;
      in_word = word_char;
      if (seen == lead_words && !word_char) break;
    }
    const std::string_view after = clean_internal::TrimSpace(std::string_view(line.text).substr(i));
    line.lead_then_colon = !after.empty() && after.front() == ':';
  }
  line.credit_tail = BracketedCredit(clean_internal::TrimSpace(line.text), lexicon);
  line.date = clean_internal::ParseDateLine(line.text, lexicon);
  return line;
}

void Remove(Line* line, std::string reason) {
  line->verdict = Verdict::kJunk;
  line->reason = std::move(reason);
}

// How many of the line's words the chrome phrases cover.
std::size_t CoveredWords(const Line& line) {
  std::size_t covered = 0;
  for (const std::string& hit : line.chrome_hits) covered += static_cast<std::size_t>(std::count(hit.begin(), hit.end(), ' ')) + 1;
  return covered;
}

// A line of running prose: a sentence of some length.
bool SentenceLike(const Line& line) { return line.terminal && line.words.size() >= 6; }

struct StoryContext {
  // Keys of lines that recur across articles of this document's outlet, with the reason.
  const std::unordered_map<std::string, std::string>* outlet_chrome = nullptr;
};

// Names the outlet (out->doc.source) from the best signal that names one,
// once the cleaning rules have run (a source line is found among the removed
// lines, a dateline among the body paragraphs), and cuts the title's site
// suffix. Ranks, best first:
// 1. metadata (doc.source as given: JSONL "source", or the page's
//    og:site_name, JSON-LD publisher, application-name): declared by whoever
//    supplied the article, nothing is guessed;
// 2. a source line ("Source: Al Jazeera and news agencies"): the outlet's
//    own credit for the text, at its foot;
// 3. a dateline ("MOSCOW (AA) - ..."): names who filed the text; below the
//    source line because a site that rewrites wire copy keeps the wire's
//    dateline and credits itself in the source line, and below a title's
//    site suffix (4) for the same reason;
// 4. the title's site suffix ("... | Reuters"): the publisher's name as the
//    page prints it, trusted only when it matches the domain or nothing else
//    names the outlet (a suffix may be a section or a place);
// 5. the URL's domain ("aljazeera.com"): certain, but a host name rather
//    than the name a reader knows, so every named signal comes first.
// The file name is no outlet: the output shows it only when nothing else
// describes the article.
void NameOutlet(CleanedDocument* out) {
  Document& doc = out->doc;
  if (!doc.source.empty()) out->source_signal = "metadata";
  for (const RemovedLine& removed : out->removed) {
    if (!doc.source.empty()) break;
    doc.source = clean_internal::SourceLineOutlet(removed.text);
    if (!doc.source.empty()) out->source_signal = "source line at line " + std::to_string(removed.line);
  }
  // A dateline opens the article: its first body paragraphs (a standfirst
  // may come before it).
  std::size_t body_seen = 0;
  for (const Paragraph& p : out->paragraphs) {
    if (!doc.source.empty() || body_seen == 3) break;
    if (p.kind != ParagraphKind::kBody) continue;
    ++body_seen;
    doc.source = clean_internal::DatelineOutlet(p.text);
    if (!doc.source.empty()) out->source_signal = "dateline at line " + std::to_string(p.line);
  }
  const std::string domain = clean_internal::DomainOf(doc.url);
  if (doc.title.find('&') != std::string::npos) {
    doc.title = clean_internal::CollapseSpace(clean_internal::TrimSpace(clean_internal::StripWireCodes(doc.title)));
  }
  // A dateline names who wrote the text, a wire service as often as not; a
  // title's site suffix names the page that printed it ("... | Tarnholt
  // Tribune" over "TARNHOLT (NPS) –"), which is the outlet the reader saw.
  const bool from_dateline = out->source_signal.rfind("dateline", 0) == 0;
  clean_internal::TitleSuffix title =
      clean_internal::CutSiteSuffix(doc.title, from_dateline ? std::string() : doc.source, domain);
  doc.title = std::move(title.title);
  if ((doc.source.empty() || from_dateline) && !title.outlet.empty()) {
    doc.source = std::move(title.outlet);
    out->source_signal = "title's site suffix";
  }
  if (doc.source.empty() && !domain.empty()) {
    doc.source = domain;
    out->source_signal = "URL's domain";
  }
}

// Removes the run of live lines from `start` on (ignoring short lines, such
// as a "Highlights" label, and dates) that each recur later: a teaser whose
// copies are in the body below.
void RemoveTeaser(std::vector<Line>* lines, std::size_t start) {
  const auto counts = [](const Line& l) {
    return l.verdict == Verdict::kUndecided && l.words.size() >= 4 && !l.date.is_date;
  };
  std::unordered_map<std::string_view, std::size_t> last;
  for (std::size_t i = start; i < lines->size(); ++i) {
    if (counts((*lines)[i])) last[(*lines)[i].words.key()] = i;
  }
  std::size_t end = start;
  for (; end < lines->size(); ++end) {
    const Line& line = (*lines)[end];
    if (line.verdict != Verdict::kUndecided || !counts(line)) continue;
    if (last[line.words.key()] == end) break;
  }
  for (std::size_t i = start; i < end; ++i) {
    Line& line = (*lines)[i];
    if (!counts(line)) continue;
    Remove(&line, "teaser: repeated in the body at line " + std::to_string((*lines)[last[line.words.key()]].number));
  }
}

// The thresholds of the line rules, in words unless said otherwise.
constexpr std::size_t kMinMenuWords = 10;          // a run of labels without punctuation at least this long
constexpr double kMaxMenuFunctionRatio = 0.1;      // ... and with fewer function words than this share
constexpr std::size_t kMaxLeadLineWords = 25;      // a line opening with a [lead] phrase is chrome up to this
constexpr std::size_t kMaxShortLabelWords = 6;     // one chrome word in a line this short: a label
constexpr std::size_t kMinTitleWords = 2;          // a headline found in the text has this many words
constexpr std::size_t kMaxTitleWords = 30;         // ... up to this many
constexpr std::size_t kMinRepeatWords = 4;         // shorter repeats are left alone ("Yes.", table cells)
constexpr std::size_t kMaxOutsideTeaserWords = 30;  // a cut-off line outside the article is a teaser up to this
constexpr std::size_t kMaxOutsideChromeWords = 25;  // a line with chrome outside the article is chrome up to this
constexpr std::size_t kMaxBylineWords = 6;         // "By Ann Lee, staff writer"
constexpr std::size_t kMaxHeadingWords = 14;       // a heading is a short fragment
constexpr std::size_t kMinEllipsisRun = 2;         // lines cut off with an ellipsis in a row: a teaser list
// The lexicon fits the text when a tenth of its words are function words
// (or the text is too short to tell).
constexpr std::size_t kMinWordsToJudgeLanguage = 20;
constexpr std::size_t kFunctionWordsPerTenWords = 1;

// One document's lines through the rules, each pass a method, in the order
// the file comment gives: the passes mark lines (verdicts and reasons) and
// fill `out`.
class LineCleaner {
 public:
  // `from_markup`: the lines are paragraphs of an extracted HTML page. The
  // markup has already said where the headline is, and a repeated paragraph
  // there is structure the author wrote (list items, table rows of a plan),
  // not a scraping artefact as in plain text.
  LineCleaner(const Document& doc, std::vector<Line> lines, const StoryContext& context, const Lexicon& lexicon,
              bool from_markup)
      : lines_(std::move(lines)), context_(context), lexicon_(lexicon), from_markup_(from_markup) {
    out_.doc = doc;
    // A metadata date in another form ("2021-10-21T14:19:00Z", "October 21,
    // 2021") becomes YYYY-MM-DD; one that cannot be read is kept as found.
    if (std::string iso = clean_internal::NormalizeDate(out_.doc.date); !iso.empty()) out_.doc.date = std::move(iso);
  }

  CleanedDocument Run() {
    RemoveContextFreeJunk();
    FindHeadline();
    // A teaser ("highlights") above the body that the body repeats: the
    // paragraphs opening the article, each repeated further down. The body's
    // copies are kept (a brief must not open with the teaser), in pages too,
    // where other repeats are the author's structure.
    RemoveTeaser(&lines_, title_index_ < lines_.size() ? title_index_ + 1 : 0);
    RemoveRepeats();
    MarkDateLines();
    RemoveEllipsisRuns();
    RemoveFurnitureOutsideArticle();
    RemoveClosingReaderCalls();
    MarkHeadingsAndBody();
    return Finish();
  }

 private:
  static bool Live(const Line& l) { return l.verdict == Verdict::kUndecided; }

  std::size_t FunctionWords(Line& line) const {
    if (!line.function_words) line.function_words = lexicon_.FunctionWords(line.words);
    return *line.function_words;
  }
  double FunctionRatio(Line& line) const {
    return line.words.empty() ? 0.0 : static_cast<double>(FunctionWords(line)) / line.words.size();
  }
  // The function-word signal only means something when the lexicon is in
  // the text's language: prose in another language has none of its words.
  // Counted over all lines, so only once a rule asks (rarely).
  bool LexiconFits() {
    if (!fits_) {
      std::size_t all_words = 0, function_words = 0;
      for (Line& line : lines_) {
        all_words += line.words.size();
        function_words += FunctionWords(line);
      }
      fits_ = all_words < kMinWordsToJudgeLanguage || function_words * 10 >= all_words * kFunctionWordsPerTenWords;
    }
    return *fits_;
  }

  // 1. Signals that need no context: the outlet's chrome, menus, chrome
  // phrases and labels, photo captions.
  void RemoveContextFreeJunk() {
    for (Line& line : lines_) {
      const std::size_t n = line.words.size();
      const std::string* chrome = nullptr;
      if (context_.outlet_chrome != nullptr) {
        const auto it = context_.outlet_chrome->find(line.words.key());
        if (it != context_.outlet_chrome->end()) chrome = &it->second;
      }
      if (chrome != nullptr && !line.words.key().empty()) {
        Remove(&line, *chrome);
      } else if (n >= kMinMenuWords && !line.has_punctuation && LexiconFits() &&
                 FunctionRatio(line) < kMaxMenuFunctionRatio) {
        Remove(&line, "not prose: " + std::to_string(n) +
                          " words without punctuation or function words (menu labels or icon names)");
      } else if (line.chrome_hits.size() >= 2 && n <= kMaxChromeWords &&
                 (!SentenceLike(line) || 4 * CoveredWords(line) >= n)) {
        Remove(&line, "page chrome: " + Quote(line.chrome_hits));
      } else if (!line.lead.empty() && n <= kMaxLeadLineWords && (line.lead_then_colon || !line.terminal) &&
                 !line.declared_heading) {
        Remove(&line, "page chrome: a short line opening with \"" + line.lead + "\"");
      } else if (line.chrome_hits.size() == 1 && !line.terminal && n <= kMaxShortLabelWords &&
                 !line.declared_heading) {
        Remove(&line, "page chrome: short label " + Quote(line.chrome_hits));
      } else if (line.credit_tail) {
        Remove(&line, "photo caption: ends with a bracketed photo credit");
      }
    }
  }

  // 2. The headline: the metadata's, else (in text) the first short line
  // that is not a sentence; its repeats go.
  void FindHeadline() {
    std::string title_key = clean_internal::Key(out_.doc.title);
    title_index_ = lines_.size();
    if (title_key.empty() && !from_markup_) {
      for (std::size_t i = 0; i < lines_.size(); ++i) {
        const Line& line = lines_[i];
        if (!Live(line) || line.date.is_date) continue;
        const std::string_view body = StripClosers(line.text);
        const bool ends_in_period = !body.empty() && body.back() == '.';
        if (!ends_in_period && !line.ellipsis && line.words.size() >= kMinTitleWords &&
            line.words.size() <= kMaxTitleWords && !line.list_item && i + 1 < lines_.size()) {
          title_index_ = i;
          title_key = line.words.key();
          out_.doc.title = line.text;
        }
        break;
      }
    }
    if (title_key.empty()) return;
    for (std::size_t i = 0; i < lines_.size(); ++i) {
      Line& line = lines_[i];
      if (line.words.key() != title_key || line.verdict != Verdict::kUndecided) continue;
      if (out_.title_line == 0 && (i == title_index_ || title_index_ == lines_.size())) {
        line.verdict = Verdict::kTitle;
        out_.title_line = line.number;
        title_index_ = i;
      } else {
        Remove(&line, "repeats the headline");
      }
    }
  }

  // Exact repeats of an earlier line (after the headline's own repeats).
  // Short ones are left alone: numbers in a table, "Yes." in an interview.
  void RemoveRepeats() {
    std::unordered_map<std::string, std::size_t> first_seen;
    for (Line& line : lines_) {
      if (from_markup_ || !Live(line) || line.words.size() < kMinRepeatWords || line.date.is_date) continue;
      const auto [it, inserted] = first_seen.emplace(line.words.key(), line.number);
      if (!inserted) Remove(&line, "repeats line " + std::to_string(it->second));
    }
  }

  // 3. Date lines: a date with a time, or one below the headline, is the
  // publication date; a bare date above the headline is the site's "today".
  void MarkDateLines() {
    for (std::size_t i = 0; i < lines_.size(); ++i) {
      Line& line = lines_[i];
      if (!line.date.is_date || line.verdict == Verdict::kJunk) continue;
      const bool above_headline = title_index_ < lines_.size() && i < title_index_;
      if (above_headline && !line.date.has_time) {
        Remove(&line, "stray date: a bare date above the headline is the page's date, not the article's");
      } else if (out_.date_line == 0) {
        line.verdict = Verdict::kDate;
        out_.date_line = line.number;
        if (out_.doc.date.empty()) out_.doc.date = line.date.iso;
      } else {
        Remove(&line, "another date line");
      }
    }
  }

  // 4. Runs of lines cut off with an ellipsis: teasers of other stories.
  void RemoveEllipsisRuns() {
    for (std::size_t i = 0; i < lines_.size();) {
      if (!Live(lines_[i]) || !lines_[i].ellipsis) {
        ++i;
        continue;
      }
      std::size_t j = i;
      std::vector<std::size_t> run;
      while (j < lines_.size() && (lines_[j].verdict == Verdict::kJunk || (Live(lines_[j]) && lines_[j].ellipsis))) {
        if (Live(lines_[j])) run.push_back(j);
        ++j;
      }
      if (run.size() >= kMinEllipsisRun) {
        for (const std::size_t k : run) {
          Remove(&lines_[k], "teaser list: " + std::to_string(run.size()) +
                                 " consecutive lines cut off with an ellipsis (headlines of other stories)");
        }
      }
      i = j;
    }
  }

  // 5. Leading and trailing blocks: lines before the first and after the last
  // sentence of the article. Page furniture gathers there.
  void RemoveFurnitureOutsideArticle() {
    first_sentence_ = lines_.size();
    std::size_t last_sentence = 0;
    for (std::size_t i = 0; i < lines_.size(); ++i) {
      if (Live(lines_[i]) && SentenceLike(lines_[i])) {
        first_sentence_ = std::min(first_sentence_, i);
        last_sentence = i;
      }
    }
    for (std::size_t i = 0; i < lines_.size(); ++i) {
      Line& line = lines_[i];
      if (!Live(line)) continue;
      const bool outside = i < first_sentence_ || (first_sentence_ < lines_.size() && i > last_sentence);
      if (!outside) continue;
      const std::size_t n = line.words.size();
      if (line.ellipsis && n <= kMaxOutsideTeaserWords) {
        Remove(&line, "teaser outside the article: a line cut off with an ellipsis");
      } else if (!line.chrome_hits.empty() && n <= kMaxOutsideChromeWords) {
        Remove(&line, "page chrome outside the article: " + Quote(line.chrome_hits));
      } else if (i < first_sentence_ && StartsWith(line.words.key(), "by ") && n <= kMaxBylineWords &&
                 !line.terminal) {
        if (out_.doc.author.empty()) out_.doc.author = std::string(clean_internal::TrimSpace(line.text.substr(3)));
        Remove(&line, "byline (kept as the author)");
      }
    }
  }

  // 5b. Calls to the reader that end the page ("Comments are closed for this
  // article.", "Listen to our bulletin on the app."): whole sentences, so
  // step 5 counts them as the article's last, but short, and either opening
  // with a [lead] phrase ("Listen", "Tune in") or holding a chrome word and
  // speaking of the page or its reader ("this article", "our", "you").
  void RemoveClosingReaderCalls() {
    for (std::size_t i = lines_.size(); i-- > 0;) {
      Line& line = lines_[i];
      if (line.verdict == Verdict::kJunk || line.words.empty()) continue;
      if (!Live(line) || line.declared_heading || line.words.size() > kMaxReaderCallWords) break;
      if (!line.lead.empty()) {
        Remove(&line, "call to the reader at the end of the page: opens with \"" + line.lead + "\"");
      } else if (!line.chrome_hits.empty() && AddressesTheReader(line.words.key())) {
        Remove(&line, "call to the reader at the end of the page: " + Quote(line.chrome_hits));
      } else {
        break;
      }
    }
  }

  // 6. Headings: short lines that are not sentences, between article text,
  // introducing a paragraph; a run of such lines is a list, not headings.
  // Every other line still standing is body.
  void MarkHeadingsAndBody() {
    const auto short_fragment = [](const Line& l) {
      return !l.terminal && !l.list_item && !l.ellipsis && !l.words.empty() && l.words.size() <= kMaxHeadingWords;
    };
    std::vector<std::size_t> kept;
    for (std::size_t i = 0; i < lines_.size(); ++i) {
      if (Live(lines_[i])) kept.push_back(i);
    }
    for (std::size_t k = 0; k < kept.size(); ++k) {
      Line& line = lines_[kept[k]];
      if (line.declared_heading) {
        line.verdict = Verdict::kHeading;
        continue;
      }
      const bool has_next = k + 1 < kept.size();
      const bool has_previous = k > 0;
      if (short_fragment(line) && has_next && SentenceLike(lines_[kept[k + 1]]) && has_previous &&
          !short_fragment(lines_[kept[k - 1]]) && kept[k] > first_sentence_) {
        line.verdict = Verdict::kHeading;
      } else {
        line.verdict = Verdict::kBody;
      }
    }
  }

  // The lines are done with: their text moves into the result.
  CleanedDocument Finish() {
    for (Line& line : lines_) {
      if (line.verdict == Verdict::kJunk) {
        out_.removed.push_back({std::move(line.text), line.number, std::move(line.reason)});
      } else if (line.verdict == Verdict::kBody || line.verdict == Verdict::kHeading) {
        out_.paragraphs.push_back({std::move(line.text),
                                   line.verdict == Verdict::kHeading ? ParagraphKind::kHeading : ParagraphKind::kBody,
                                   line.number});
      }
    }
    out_.doc.text.clear();
    for (const Paragraph& p : out_.paragraphs) {
      if (!out_.doc.text.empty()) out_.doc.text.push_back('\n');
      out_.doc.text += p.text;
    }
    NameOutlet(&out_);
    return std::move(out_);
  }

  std::vector<Line> lines_;
  const StoryContext& context_;
  const Lexicon& lexicon_;
  const bool from_markup_;
  CleanedDocument out_;
  std::optional<bool> fits_;              // LexiconFits(), once asked
  std::size_t title_index_ = 0;           // the headline's line, or lines_.size()
  std::size_t first_sentence_ = 0;        // the article's first sentence-like line, or lines_.size()
};

CleanedDocument CleanLines(const Document& doc, std::vector<Line> lines, const StoryContext& context,
                           const Lexicon& lexicon, bool from_markup = false) {
  return LineCleaner(doc, std::move(lines), context, lexicon, from_markup).Run();
}

const Lexicon& LexiconFor(const CleanOptions& options, std::optional<Lexicon>* storage) {
  if (options.lexicon_file.empty()) return Lexicon::BuiltIn(options.language);
  storage->emplace(Lexicon::FromFile(options.lexicon_file));
  return **storage;
}

std::vector<Line> SplitLines(const Document& doc, const Lexicon& lexicon) {
  std::vector<Line> lines;
  // Read in place when valid, as it nearly always is (ingest checks it).
  std::string repaired;
  if (!clean_internal::IsValidUtf8(doc.text)) repaired = clean_internal::ValidUtf8(doc.text);
  const std::string_view text = repaired.empty() ? std::string_view(doc.text) : std::string_view(repaired);
  std::size_t number = 0, start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    ++number;
    const std::string_view raw = std::string_view(text).substr(start, end - start);
    if (!clean_internal::TrimSpace(raw).empty()) {
      Line line = Analyse(raw, number, false, lexicon);
      if (!line.text.empty()) lines.push_back(std::move(line));
    }
    start = end + 1;
  }
  return lines;
}

std::string OutletOf(const Document& doc) {
  if (!doc.source.empty()) return doc.source;
  std::string_view url = doc.url;
  const std::size_t scheme = url.find("://");
  if (scheme == std::string_view::npos) return {};
  url.remove_prefix(scheme + 3);
  url = url.substr(0, url.find_first_of("/?#"));
  if (StartsWith(url, "www.")) url.remove_prefix(4);
  return std::string(url);
}

}  // namespace

CleanedDocument CleanDocument(const Document& doc, const CleanOptions& options) {
  std::optional<Lexicon> storage;
  const Lexicon& lexicon = LexiconFor(options, &storage);
  return CleanLines(doc, SplitLines(doc, lexicon), StoryContext{}, lexicon);
}

CleanedDocument CleanParagraphs(const Document& metadata, const std::vector<Paragraph>& paragraphs,
                                const CleanOptions& options) {
  std::optional<Lexicon> storage;
  const Lexicon& lexicon = LexiconFor(options, &storage);
  std::vector<Line> lines;
  for (std::size_t i = 0; i < paragraphs.size(); ++i) {
    const std::string text = clean_internal::ValidUtf8(paragraphs[i].text);
    Line line = Analyse(text, i + 1, paragraphs[i].kind == ParagraphKind::kHeading, lexicon);
    if (!line.text.empty()) lines.push_back(std::move(line));
  }
  return CleanLines(metadata, std::move(lines), StoryContext{}, lexicon, /*from_markup=*/true);
}

namespace {

// Cleans `docs` together: the outlet-repetition signal counts over all of them.
std::vector<CleanedDocument> CleanTogether(const std::vector<const Document*>& docs, const CleanOptions& options) {
  std::optional<Lexicon> storage;
  const Lexicon& lexicon = LexiconFor(options, &storage);
  std::vector<std::vector<Line>> all_lines;
  all_lines.reserve(docs.size());
  for (const Document* doc : docs) all_lines.push_back(SplitLines(*doc, lexicon));

  // Per outlet: in how many of its articles does each line occur?
  std::vector<std::string> outlets(docs.size());
  std::map<std::string, std::size_t> outlet_docs;
  std::map<std::string, std::unordered_map<std::string, std::size_t>> outlet_line_docs;
  for (std::size_t d = 0; d < docs.size(); ++d) {
    outlets[d] = OutletOf(*docs[d]);
    if (outlets[d].empty()) continue;
    ++outlet_docs[outlets[d]];
    std::unordered_set<std::string> seen;
    for (const Line& line : all_lines[d]) {
      // Sentences two articles share are reused copy, not chrome, unless
      // they are as short as a boilerplate credit ("AP contributed ...").
      const bool candidate = line.words.size() <= 12 || (line.words.size() < 25 && !SentenceLike(line));
      if (!line.words.key().empty() && candidate && seen.insert(line.words.key()).second) {
        ++outlet_line_docs[outlets[d]][line.words.key()];
      }
    }
  }
  std::map<std::string, std::unordered_map<std::string, std::string>> outlet_chrome;
  for (const auto& [outlet, total] : outlet_docs) {
    if (total < 2) continue;
    auto& chrome = outlet_chrome[outlet];
    for (const auto& [key, count] : outlet_line_docs[outlet]) {
      if (count >= std::max<std::size_t>(2, options.outlet_repeat_min) && 2 * count >= total) {
        chrome[key] = "outlet chrome: recurs in " + std::to_string(count) + " of " + std::to_string(total) +
                      " articles from " + outlet;
      }
    }
  }
  std::vector<CleanedDocument> out;
  out.reserve(docs.size());
  for (std::size_t d = 0; d < docs.size(); ++d) {
    StoryContext context;
    if (const auto it = outlet_chrome.find(outlets[d]); it != outlet_chrome.end()) context.outlet_chrome = &it->second;
    out.push_back(CleanLines(*docs[d], std::move(all_lines[d]), context, lexicon));
  }
  return out;
}

}  // namespace

std::vector<CleanedDocument> CleanDocuments(const std::vector<const Document*>& docs, const CleanOptions& options) {
  return CleanTogether(docs, options);
}

std::vector<CleanedDocument> CleanStory(const Story& story, const CleanOptions& options) {
  std::vector<const Document*> docs;
  for (const Document& doc : story.docs) docs.push_back(&doc);
  return CleanTogether(docs, options);
}

std::vector<std::vector<CleanedDocument>> CleanBatch(const std::vector<Story>& stories, const CleanOptions& options) {
  std::vector<const Document*> docs;
  for (const Story& story : stories) {
    for (const Document& doc : story.docs) docs.push_back(&doc);
  }
  std::vector<CleanedDocument> flat = CleanTogether(docs, options);
  std::vector<std::vector<CleanedDocument>> out(stories.size());
  std::size_t next = 0;
  for (std::size_t i = 0; i < stories.size(); ++i) {
    for (std::size_t k = 0; k < stories[i].docs.size(); ++k) out[i].push_back(std::move(flat[next++]));
  }
  return out;
}

std::vector<std::string> BodyParagraphs(const CleanedDocument& cleaned) {
  std::vector<std::string> out;
  for (const Paragraph& p : cleaned.paragraphs) {
    if (p.kind == ParagraphKind::kBody) out.push_back(p.text);
  }
  return out;
}

}  // namespace precis
