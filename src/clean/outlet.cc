#include "clean/outlet.h"

#include <algorithm>
#include <array>
#include <vector>

#include "clean/text_util.h"

namespace precis::clean_internal {
namespace {

// The word lists below are English, like the titles and credits they read;
// they name kinds of words (sections, media, pictures), never outlets, apart
// from the few wire agencies whose name carries no media word.

// Section and page words a site appends to its titles: "- News", "| World".
constexpr std::array<std::string_view, 44> kSectionWords = {
    "news",     "world",    "breaking", "latest",   "politics", "business", "opinion",   "analysis", "sport",
    "sports",   "live",     "video",    "videos",   "top",      "stories",  "story",     "headlines", "home",
    "tech",     "technology", "science", "health",  "entertainment", "culture", "international", "local",
    "national", "us",       "uk",       "europe",   "asia",     "africa",   "americas",  "middle",   "east",
    "updates",  "update",   "today",    "online",   "the",      "and",      "economy",   "markets",  "nation"};

// Words of outlets' names: a suffix holding one is an outlet ("BBC News",
// "The Daily Star"); so are the wire agencies named without one.
constexpr std::array<std::string_view, 55> kMediaWords = {
    "news",      "times",    "post",      "agency",    "tv",        "radio",     "press",    "journal",
    "herald",    "tribune",  "daily",     "gazette",   "telegraph", "guardian",  "independent", "observer",
    "express",   "mail",     "network",   "media",     "insider",   "wire",      "magazine", "broadcasting",
    "channel",   "chronicle", "standard", "mirror",    "monitor",   "dispatch",  "weekly",   "review",
    "reuters",   "afp",      "ap",        "bloomberg", "xinhua",    "tass",      "upi",      "anadolu",
    "efe",       "ansa",     "dpa",       "kyodo",     "yonhap",    "ria",       "irna",     "bbc",
    "today",     "courier",  "ledger",    "register",  "inquirer",  "examiner",  "bulletin"};

// Words that make a credit a picture's, or a parenthesis an editor's note,
// rather than an outlet: "(AP Photo)", "Source: Getty Images", "(UPDATED)".
constexpr std::array<std::string_view, 30> kNotOutletWords = {
    "photo",   "photos",     "image",   "images",     "picture", "pictures",  "video",     "videos",
    "file",    "illustration", "graphic", "graphics", "map",     "chart",     "getty",     "shutterstock",
    "updated", "update",     "live",    "watch",      "exclusive", "corrected", "correction", "listen",
    "audio",   "sponsored",  "opinion", "analysis",   "editorial", "satire"};

// Words of institutions that a source line credits for data, not for the
// text: "Source: Federal Bureau of Investigation".
constexpr std::array<std::string_view, 24> kInstitutionWords = {
    "bureau",     "department", "ministry",  "police",     "service",     "centers",  "center",    "centre",
    "university", "institute",  "council",   "commission", "office",      "government", "administration",
    "association", "society",   "foundation", "organization", "organisation", "committee", "authority", "court",
    "hospital"};

// Words of a credit to unnamed sources: "and news agencies", "wire services".
constexpr std::array<std::string_view, 9> kAgencyWords = {"news",     "agencies", "agency", "wires", "wire",
                                                          "services", "service",  "staff",  "reports"};

template <std::size_t N>
bool In(const std::array<std::string_view, N>& words, std::string_view word) {
  return std::find(words.begin(), words.end(), word) != words.end();
}

template <std::size_t N>
bool AllIn(const WordList& words, const std::array<std::string_view, N>& set) {
  if (words.empty()) return false;
  for (std::size_t i = 0; i < words.size(); ++i) {
    if (!In(set, words[i])) return false;
  }
  return true;
}

template <std::size_t N>
bool AnyIn(const WordList& words, const std::array<std::string_view, N>& set) {
  for (std::size_t i = 0; i < words.size(); ++i) {
    if (In(set, words[i])) return true;
  }
  return false;
}

bool IsUpper(char c) { return c >= 'A' && c <= 'Z'; }
bool IsLower(char c) { return c >= 'a' && c <= 'z'; }
bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// Lowercase letters and digits only: "Al Jazeera" and "aljazeera" agree.
std::string Squash(std::string_view text) {
  std::string key = Key(text);
  key.erase(std::remove(key.begin(), key.end(), ' '), key.end());
  return key;
}

// The initials of the words: "Anadolu Agency" -> "aa".
std::string Initials(const WordList& words) {
  std::string out;
  for (std::size_t i = 0; i < words.size(); ++i) out.push_back(words[i].front());
  return out;
}

// The label a domain is named by: "aljazeera.com" -> "aljazeera",
// "aa.com.tr" -> "aa", "bbc.co.uk" -> "bbc".
std::string DomainLabel(std::string_view domain) {
  std::vector<std::string_view> labels;
  for (std::size_t start = 0; start <= domain.size();) {
    std::size_t end = domain.find('.', start);
    if (end == std::string_view::npos) end = domain.size();
    labels.push_back(domain.substr(start, end - start));
    start = end + 1;
  }
  if (labels.size() < 2) return std::string(domain);
  labels.pop_back();  // the top-level domain
  // A second-level suffix under a country code ("co.uk", "com.tr").
  if (labels.size() >= 2 && labels.back().size() <= 3 &&
      In(std::array<std::string_view, 7>{"co", "com", "org", "net", "gov", "ac", "news"}, labels.back())) {
    labels.pop_back();
  }
  return Squash(labels.back());
}

// Whether `name` names the same outlet as `other` (an outlet's name or a
// domain): the same letters, one the start of the other ("BBC News" and
// "bbc.co.uk"), or the initials of one ("Anadolu Agency" and "aa.com.tr").
bool SameOutlet(std::string_view name, std::string_view other, bool other_is_domain) {
  const std::string a = Squash(name);
  const std::string b = other_is_domain ? DomainLabel(other) : Squash(other);
  if (a.empty() || b.empty()) return false;
  if (other_is_domain && a == Squash(other)) return true;  // "Aljazeera.com"
  if (a == b) return true;
  const std::size_t shorter = std::min(a.size(), b.size());
  if (shorter >= 3 && (a.starts_with(b) || b.starts_with(a))) return true;
  const WordList name_words(name);
  if (name_words.size() >= 2 && Initials(name_words) == b) return true;
  if (!other_is_domain) {
    const WordList other_words(other);
    if (other_words.size() >= 2 && Initials(other_words) == a) return true;
  }
  return false;
}

// A name as outlets write theirs: 1-4 words, each capitalised, a number or
// a short joining word ("The Times of India").
bool NameShaped(std::string_view text) {
  std::size_t words = 0;
  bool capitalised = false;
  for (std::size_t start = 0; start < text.size();) {
    std::size_t end = text.find(' ', start);
    if (end == std::string_view::npos) end = text.size();
    const std::string_view word = text.substr(start, end - start);
    start = end + 1;
    if (word.empty()) continue;
    ++words;
    const char c = word.front();
    if (IsUpper(c) || (c & 0x80) != 0) {
      capitalised = true;
    } else if (IsDigit(c)) {
      // "Channel 4", "NEWS 10": a number beside a name, never a name alone ("02:51").
    } else if (word != "of" && word != "the" && word != "and" && word != "&" && word != "de" && word != "al") {
      return false;
    }
  }
  return capitalised && words >= 1 && words <= 4;
}

// "Reuters.com", "aa.com.tr": a name written as a domain.
bool DomainShaped(std::string_view text) {
  const std::size_t dot = text.rfind('.');
  if (dot == std::string_view::npos || dot == 0 || dot + 2 > text.size() || text.find(' ') != std::string_view::npos) {
    return false;
  }
  return std::all_of(text.begin() + static_cast<std::ptrdiff_t>(dot) + 1, text.end(),
                     [](char c) { return IsLower(c) || IsUpper(c); });
}

// The segment after the last site separator, and where that separator starts.
struct Split {
  std::size_t at = std::string_view::npos;
  std::string_view left, right;
  bool bar = false;  // the separator is " | ", which sites use for their name and rarely titles
};

Split LastSeparator(std::string_view title) {
  Split best;
  for (const std::string_view sep : {" - ", " | ", " \xE2\x80\x93 ", " \xE2\x80\x94 "}) {
    const std::size_t at = title.rfind(sep);
    if (at == std::string_view::npos || (best.at != std::string_view::npos && at < best.at)) continue;
    best.at = at;
    best.left = TrimSpace(title.substr(0, at));
    best.right = TrimSpace(title.substr(at + sep.size()));
    best.bar = sep == " | ";
  }
  return best;
}

}  // namespace

std::string DomainOf(std::string_view url) {
  const std::size_t scheme = url.find("://");
  if (scheme == std::string_view::npos) return {};
  url.remove_prefix(scheme + 3);
  url = url.substr(0, url.find_first_of("/?#:"));
  if (const std::size_t at = url.rfind('@'); at != std::string_view::npos) url.remove_prefix(at + 1);
  std::string host;
  for (const char c : url) host.push_back(IsUpper(c) ? static_cast<char>(c - 'A' + 'a') : c);
  // Prefixes that name a server or an edition, not the outlet.
  for (const std::string_view prefix : {"www.", "www1.", "www2.", "m.", "amp.", "mobile."}) {
    if (host.starts_with(prefix) && host.find('.', prefix.size()) != std::string::npos) {
      host.erase(0, prefix.size());
      break;
    }
  }
  return host;
}

std::string SourceLineOutlet(std::string_view line) {
  line = TrimSpace(line);
  std::size_t i = 0;
  const std::string_view lower_heads[] = {"sources", "source"};
  bool head = false;
  for (const std::string_view h : lower_heads) {
    if (line.size() < h.size()) continue;
    bool same = true;
    for (std::size_t k = 0; k < h.size() && same; ++k) same = (line[k] | 0x20) == h[k];
    if (same) {
      i = h.size();
      head = true;
      break;
    }
  }
  if (!head) return {};
  while (i < line.size() && line[i] == ' ') ++i;
  if (i >= line.size() || line[i] != ':') return {};
  std::string_view rest = TrimSpace(line.substr(i + 1));
  while (!rest.empty() && (rest.back() == '.' || rest.back() == ' ')) rest.remove_suffix(1);
  if (rest.find("://") != std::string_view::npos) return DomainOf(rest.substr(0, rest.find(' ')));
  if (rest.starts_with("www.")) return DomainOf("https://" + std::string(rest.substr(0, rest.find(' '))));
  // A credit line is short; a longer one cites a paper or a report. One with
  // a slash credits a picture ("Name / Flickr").
  if (WordList(rest).size() > 8 || rest.find('/') != std::string_view::npos) return {};
  // The first outlet named is the one whose text it is; the rest ("and news
  // agencies", ", AFP") contributed.
  std::size_t cut = rest.size();
  for (const std::string_view sep : {",", ";", " / ", " and ", " with ", " & "}) cut = std::min(cut, rest.find(sep));
  const std::string_view first = TrimSpace(rest.substr(0, cut));
  const WordList words(first);
  if (words.empty() || words.size() > 5 || AllIn(words, kAgencyWords) || AnyIn(words, kNotOutletWords) ||
      AnyIn(words, kInstitutionWords)) {
    return {};
  }
  if (!NameShaped(first) && !DomainShaped(first)) return {};
  return std::string(first);
}

std::string DatelineOutlet(std::string_view paragraph) {
  paragraph = TrimSpace(paragraph);
  const std::size_t open = paragraph.find('(');
  if (open == std::string_view::npos || open > 60) return {};
  const std::size_t close = paragraph.find(')', open);
  if (close == std::string_view::npos || close - open > 40) return {};
  // After the parenthesis: a dash or a colon, then the story.
  std::string_view after = TrimSpace(paragraph.substr(close + 1));
  if (!(after.starts_with("-") || after.starts_with(":") || after.starts_with("_ ") ||
        after.starts_with("\xE2\x80\x93") || after.starts_with("\xE2\x80\x94"))) {
    return {};
  }
  // Before it: a place in capitals, as datelines print it ("MOSCOW",
  // "NEW YORK"), perhaps with a date after a comma ("WASHINGTON, Oct 7"), or
  // nothing ("(Reuters) - ..."). A name in mixed case before a parenthesis
  // is far more often a person and a party ("Jane Hill (Labour) - ...").
  const std::string_view before = TrimSpace(paragraph.substr(0, open));
  const std::size_t comma = before.find(',');
  const std::string_view place = TrimSpace(before.substr(0, comma));
  if (!place.empty()) {
    const WordList place_words(place);
    if (place_words.size() > 4 || std::any_of(place.begin(), place.end(), IsLower)) return {};
    if (place.find_first_of("!?;:\"()") != std::string_view::npos) return {};
  }
  if (comma != std::string_view::npos) {
    const std::string_view date = TrimSpace(before.substr(comma + 1));
    if (date.size() > 25 || date.find_first_of(",;:\"") != std::string_view::npos) return {};
  }
  std::string_view inside = TrimSpace(paragraph.substr(open + 1, close - open - 1));
  inside = TrimSpace(inside.substr(0, inside.find('/')));  // "(AFP/Reuters)": the first
  const WordList words(inside);
  if (words.empty() || words.size() > 4 || AnyIn(words, kNotOutletWords)) return {};
  if (!NameShaped(inside) && !DomainShaped(inside)) return {};
  return std::string(inside);
}

TitleSuffix CutSiteSuffix(std::string_view title, std::string_view known, std::string_view domain) {
  TitleSuffix out;
  std::string_view rest = TrimSpace(title);
  for (int cuts = 0; cuts < 3; ++cuts) {
    const Split split = LastSeparator(rest);
    if (split.at == std::string_view::npos) break;
    const WordList suffix(split.right), left(split.left);
    if (suffix.empty() || suffix.size() > 4 || left.size() < 3) break;
    bool cut = false;
    if (AllIn(suffix, kSectionWords)) {
      cut = true;
    } else if (!known.empty() || !domain.empty()) {
      // An outlet is known: the suffix is cut only when it names that one
      // (a different name may be a place or a party in a real title).
      cut = (!known.empty() && SameOutlet(split.right, known, false)) ||
            (!domain.empty() && SameOutlet(split.right, domain, true));
    } else {
      // Nothing else names the outlet: a suffix shaped like an outlet's name
      // is taken; after a dash only with a media word in it, since dashes
      // also join the parts of real titles ("... - Hong Kong").
      cut = DomainShaped(split.right) ||
            (NameShaped(split.right) && (split.bar || AnyIn(suffix, kMediaWords)) &&
             !AnyIn(suffix, kNotOutletWords));
    }
    if (!cut) break;
    if (out.outlet.empty() && !AllIn(suffix, kSectionWords)) out.outlet = std::string(split.right);
    rest = split.left;
  }
  out.title = std::string(rest);
  return out;
}

}  // namespace precis::clean_internal
