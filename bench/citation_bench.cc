// citation_bench: how well a brief's citations match a hand-made inventory of
// the story's facts (see README "Citation benchmark").
//
//   citation_bench STORY_DIR [STORY_DIR...] [--precis PATH] [--budgets 50,100,200,2000]
//                  [--method M] [--verbose] [--min-precision X] [--min-recall Y]
//
// Each STORY_DIR holds the articles and citations.json. For each budget the
// real `precis summarize DIR --words N --format json` is run; each brief
// sentence is matched to the labelled sentence of its own article, whose facts
// decide which articles must be cited (its own + those that report all of its
// facts) and which may be (those that report or partly report any of them).
// Precision = cited ∩ may / cited, recall = cited ∩ must / must, pooled over
// the distinct sentences of all budgets and also per budget.
//
// Exit status: 0 ran, 1 bad input (the file and why), 2 usage, 3 a story fell
// below --min-precision / --min-recall.
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iomanip>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

// A problem with an input file: reported with the file's path, exit 1.
struct BadInput : std::runtime_error {
  BadInput(const fs::path& file, const std::string& why) : std::runtime_error(file.string() + ": " + why) {}
};

// ---------------------------------------------------------------- text

std::string Fixed(double x) {
  std::ostringstream out;
  out << std::fixed << std::setprecision(2) << x;
  return out.str();
}


// Curly quotes and odd spaces differ between the article, the inventory and
// precis' cleaned text; none of them changes which sentence it is.
std::string Normalise(const std::string& text) {
  static const std::vector<std::pair<std::string, std::string>> kReplace = {
      {"\u2018", "'"},  {"\u2019", "'"},  {"\u201a", "'"},  {"\u201b", "'"},  {"\u2032", "'"},
      {"\u201c", "\""}, {"\u201d", "\""}, {"\u201e", "\""}, {"\u201f", "\""}, {"\u00ab", "\""},
      {"\u00bb", "\""}, {"\u00a0", " "},  {"\u2009", " "},  {"\u202f", " "},  {"\u200b", ""}};
  std::string s = text;
  for (const auto& [from, to] : kReplace) {
    for (std::size_t at = s.find(from); at != std::string::npos; at = s.find(from, at + to.size())) s.replace(at, from.size(), to);
  }
  std::string out;
  bool space = false;
  for (const char c : s) {
    if (std::isspace(static_cast<unsigned char>(c))) {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += c;
  }
  return out;
}

// Lower-case word tokens (bytes of non-ASCII letters count as word bytes).
std::set<std::string> Tokens(const std::string& normalised) {
  std::set<std::string> out;
  std::string word;
  for (const char c : normalised + " ") {
    const auto u = static_cast<unsigned char>(c);
    if (std::isalnum(u) || u >= 0x80) {
      word += static_cast<char>(std::tolower(u));
    } else if (!word.empty()) {
      out.insert(word);
      word.clear();
    }
  }
  return out;
}

double Dice(const std::set<std::string>& a, const std::set<std::string>& b) {
  if (a.empty() || b.empty()) return 0;
  std::size_t common = 0;
  for (const std::string& t : a) common += b.count(t);
  return 2.0 * static_cast<double>(common) / static_cast<double>(a.size() + b.size());
}

// Below this Dice overlap a brief sentence is reported as unmatched rather than
// scored against the wrong labelled sentence (a sentence split in two by a
// different splitter keeps about 0.67).
constexpr double kMatchFloor = 0.5;

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// Either text holds the other, ignoring case, quotes and spacing.
bool Contains(const std::string& a, const std::string& b) {
  const std::string x = Lower(Normalise(a)), y = Lower(Normalise(b));
  return !x.empty() && !y.empty() && (x.find(y) != std::string::npos || y.find(x) != std::string::npos);
}

// ---------------------------------------------------------------- inventory

using Files = std::set<std::string>;

struct Fact {
  std::string id, text;
  Files support, partial;  // files that report it / a vaguer part of it
};

struct Labelled {
  std::string text;  // normalised
  std::set<std::string> tokens;
  std::set<int> facts, partial;  // indexes into Inventory::facts
};

struct Version {
  std::string value;
  Files docs;
};

struct Disagreement {
  std::string id, about;
  std::vector<Version> versions;
};

struct Inventory {
  std::map<std::string, std::string> outlet;  // file -> outlet (docs)
  std::map<std::string, std::string> copy_of;  // file -> the file it copies
  std::vector<Fact> facts;
  std::map<std::string, std::vector<Labelled>> labelled;  // file -> its sentences
  std::vector<Disagreement> disagreements;
  std::map<std::string, int> timeline;  // fact id -> position
  std::map<std::string, std::string> fact_dates, doc_dates;
  std::map<std::string, std::string> outlets_expected;

  // An article and its copies count as one source: the original stands for all.
  std::string Root(const std::string& file) const {
    std::string f = file;
    for (int hops = 0; hops < 16; ++hops) {
      const auto it = copy_of.find(f);
      if (it == copy_of.end()) break;
      f = it->second;
    }
    return f;
  }
  Files Roots(const Files& files) const {
    Files out;
    for (const std::string& f : files) out.insert(Root(f));
    return out;
  }
};

const json& Need(const json& object, const char* key, const fs::path& file) {
  if (!object.is_object() || !object.contains(key)) throw BadInput(file, std::string("missing key \"") + key + "\"");
  return object.at(key);
}

// file -> [sentence...] as in `support`, `partial` and `unlabelled`.
void ReadSentences(const json& map, const fs::path& file, const std::string& where,
                   const std::function<void(const std::string&, const std::string&)>& each) {
  if (map.is_null()) return;
  if (!map.is_object()) throw BadInput(file, where + " is not an object of file -> sentences");
  for (const auto& [doc, sentences] : map.items()) {
    if (!sentences.is_array()) throw BadInput(file, where + "[\"" + doc + "\"] is not an array of sentences");
    for (const json& s : sentences) {
      if (!s.is_string()) throw BadInput(file, where + "[\"" + doc + "\"] holds a non-string");
      each(doc, s.get<std::string>());
    }
  }
}

Labelled& SentenceOf(Inventory& inv, const std::string& doc, const std::string& text) {
  const std::string norm = Normalise(text);
  std::vector<Labelled>& list = inv.labelled[doc];
  for (Labelled& l : list) {
    if (l.text == norm) return l;
  }
  list.push_back({norm, Tokens(norm), {}, {}});
  return list.back();
}

void ReadFacts(const json& root, const fs::path& path, Inventory& inv) {
  const json& facts = Need(root, "facts", path);
  if (!facts.is_array()) throw BadInput(path, "\"facts\" is not an array");
  for (const json& f : facts) {
    Fact fact;
    fact.id = Need(f, "id", path).get<std::string>();
    fact.text = f.value("fact", "");
    const int index = static_cast<int>(inv.facts.size());
    auto check_doc = [&](const std::string& doc) {
      if (!inv.outlet.count(doc)) throw BadInput(path, "fact " + fact.id + " names \"" + doc + "\", which is not in \"docs\"");
    };
    ReadSentences(f.value("support", json()), path, "fact " + fact.id + " support", [&](const std::string& doc, const std::string& s) {
      check_doc(doc);
      fact.support.insert(doc);
      SentenceOf(inv, doc, s).facts.insert(index);
    });
    ReadSentences(f.value("partial", json()), path, "fact " + fact.id + " partial", [&](const std::string& doc, const std::string& s) {
      check_doc(doc);
      fact.partial.insert(doc);
      SentenceOf(inv, doc, s).partial.insert(index);
    });
    inv.facts.push_back(std::move(fact));
  }
}

Files DocsOf(const json& docs, const fs::path& path, const Inventory& inv, const std::string& where) {
  Files out;
  if (!docs.is_array()) throw BadInput(path, where + ": \"docs\" is not an array of files");
  for (const json& d : docs) {
    const std::string file = d.get<std::string>();
    if (!inv.outlet.count(file)) throw BadInput(path, where + " names \"" + file + "\", which is not in \"docs\"");
    out.insert(file);
  }
  return out;
}

void ReadOptional(const json& root, const fs::path& path, Inventory& inv) {
  if (root.contains("copies")) {
    for (const auto& [copy, original] : root.at("copies").items()) {
      if (!inv.outlet.count(copy) || !inv.outlet.count(original.get<std::string>())) {
        throw BadInput(path, "copies: \"" + copy + "\" -> " + original.dump() + " names a file not in \"docs\"");
      }
      inv.copy_of[copy] = original.get<std::string>();
    }
  }
  if (root.contains("disagreements")) {
    for (const json& d : root.at("disagreements")) {
      Disagreement dis{d.value("id", ""), d.value("about", ""), {}};
      for (const json& v : Need(d, "versions", path)) {
        dis.versions.push_back({Need(v, "value", path).get<std::string>(), DocsOf(Need(v, "docs", path), path, inv, "disagreement " + dis.id)});
      }
      inv.disagreements.push_back(std::move(dis));
    }
  }
  if (root.contains("timeline")) {
    int position = 0;
    for (const json& id : root.at("timeline")) inv.timeline[id.get<std::string>()] = position++;
  }
  // `dates`: keys that are files give article dates, keys that are fact ids
  // give the date of the event; `event_dates` (the stories' README) gives
  // only the latter.
  if (root.contains("dates") && root.at("dates").is_object()) {
    for (const auto& [key, date] : root.at("dates").items()) {
      if (!date.is_string()) continue;
      (inv.outlet.count(key) ? inv.doc_dates : inv.fact_dates)[key] = date.get<std::string>();
    }
  }
  if (root.contains("event_dates") && root.at("event_dates").is_object()) {
    for (const auto& [key, date] : root.at("event_dates").items()) {
      if (date.is_string()) inv.fact_dates[key] = date.get<std::string>();
    }
  }
  if (root.contains("outlets_expected")) {
    // null: nothing in the article names its outlet (the file name is then right).
    for (const auto& [file, outlet] : root.at("outlets_expected").items()) {
      inv.outlets_expected[file] = outlet.is_string() ? outlet.get<std::string>() : file;
    }
  }
}

Inventory LoadInventory(const fs::path& path) {
  std::ifstream in(path);
  if (!in) throw BadInput(path, "cannot be read (a story directory holds its articles and citations.json)");
  json root;
  try {
    root = json::parse(in);
  } catch (const json::exception& e) {
    throw BadInput(path, std::string("not JSON: ") + e.what());
  }
  Inventory inv;
  try {
    const json& docs = Need(root, "docs", path);
    if (!docs.is_object() || docs.empty()) throw BadInput(path, "\"docs\" is not a non-empty object of file -> outlet");
    for (const auto& [file, outlet] : docs.items()) inv.outlet[file] = outlet.is_string() ? outlet.get<std::string>() : outlet.dump();
    ReadFacts(root, path, inv);
    ReadSentences(root.value("unlabelled", json()), path, "unlabelled", [&](const std::string& doc, const std::string& s) {
      if (!inv.outlet.count(doc)) throw BadInput(path, "unlabelled names \"" + doc + "\", which is not in \"docs\"");
      SentenceOf(inv, doc, s);
    });
    ReadOptional(root, path, inv);
  } catch (const json::exception& e) {
    throw BadInput(path, std::string("unexpected shape: ") + e.what());
  }
  return inv;
}

// ---------------------------------------------------------------- running precis

std::string ShellQuote(const std::string& arg) {
  std::string out = "'";
  for (const char c : arg) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

struct Options {
  std::vector<fs::path> stories;
  fs::path precis;
  std::vector<int> budgets{50, 100, 200, 2000};
  std::string method;
  bool verbose = false;
  std::optional<double> min_precision, min_recall;
};

json RunPrecis(const Options& options, const fs::path& story, int words) {
  std::string command = ShellQuote(options.precis.string()) + " summarize " + ShellQuote(story.string()) + " --words " +
                        std::to_string(words) + " --format json";
  if (!options.method.empty()) command += " --method " + ShellQuote(options.method);
  FILE* pipe = ::popen(command.c_str(), "r");
  if (pipe == nullptr) throw BadInput(options.precis, "cannot be started");
  std::string out;
  char buffer[65536];
  for (std::size_t n; (n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0;) out.append(buffer, n);
  const int status = ::pclose(pipe);
  const std::string run = "`precis summarize " + story.string() + " --words " + std::to_string(words) + "`";
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    throw BadInput(options.precis, run + " failed (exit status " + std::to_string(WIFEXITED(status) ? WEXITSTATUS(status) : -1) + ")");
  }
  // One story gives one JSON object on one line.
  const std::string line = out.substr(0, out.find('\n'));
  try {
    json brief = json::parse(line);
    if (!brief.contains("sentences") || !brief.contains("sources")) throw BadInput(options.precis, run + " printed JSON without sentences or sources");
    return brief;
  } catch (const json::exception& e) {
    throw BadInput(options.precis, run + " printed no JSON: " + e.what());
  }
}

// ---------------------------------------------------------------- scoring

struct Counts {
  long sentences = 0, unmatched = 0, approximate = 0;
  long cited = 0, cited_may = 0, must = 0, must_cited = 0, other = 0, other_cited = 0;
  long with_facts = 0, fact_must = 0, fact_must_cited = 0;  // sentences with at least one fact
  long all_cited = 0, all_may = 0;  // baseline "every article" (own only: cited = 1 per sentence)
  long levels = 0, levels_right = 0;

  void Add(const Counts& c) {
    sentences += c.sentences, unmatched += c.unmatched, approximate += c.approximate;
    cited += c.cited, cited_may += c.cited_may, must += c.must, must_cited += c.must_cited;
    other += c.other, other_cited += c.other_cited, all_cited += c.all_cited, all_may += c.all_may;
    with_facts += c.with_facts, fact_must += c.fact_must, fact_must_cited += c.fact_must_cited;
    levels += c.levels, levels_right += c.levels_right;
  }
  long Scored() const { return sentences - unmatched; }
  static double Ratio(long a, long b) { return b == 0 ? 1.0 : static_cast<double>(a) / static_cast<double>(b); }
  double Precision() const { return Ratio(cited_may, cited); }
  double Recall() const { return Ratio(must_cited, must); }
  double OtherRecall() const { return Ratio(other_cited, other); }
  double FactRecall() const { return Ratio(fact_must_cited, fact_must); }
  double OwnOnlyRecall() const { return Ratio(Scored(), must); }
  double EveryPrecision() const { return Ratio(all_may, all_cited); }
};

struct Brief {
  std::vector<std::string> file_of;  // article n (1-based) -> file; [0] unused
  json output;
};

std::string FileOf(const Brief& brief, int n, const fs::path& story) {
  if (n < 1 || n >= static_cast<int>(brief.file_of.size())) {
    throw BadInput(story, "precis output cites article " + std::to_string(n) + ", which is not in its sources");
  }
  return brief.file_of[static_cast<std::size_t>(n)];
}

Brief ReadBrief(json output, const Inventory& inv, const fs::path& story) {
  Brief brief;
  brief.file_of.emplace_back();
  for (const json& source : output.at("sources")) {
    const std::string id = source.value("id", "");
    if (!inv.outlet.count(id)) throw BadInput(story / "citations.json", "has no \"docs\" entry for article \"" + id + "\" of the brief");
    brief.file_of.push_back(id);
  }
  brief.output = std::move(output);
  return brief;
}

// One brief sentence, matched and judged.
struct Judged {
  std::string text, own;  // own: the article's file
  std::optional<Labelled> match;  // the labelled sentence(s) it is
  std::string how;  // how it was matched when not verbatim (for --verbose)
  double overlap = 0;  // best token overlap, when matched by it or unmatched
  Files cited, must, may;  // roots
  std::set<int> facts, partial;
  std::map<std::string, std::string> levels;  // cited root -> level given
};

// Containment is trusted only for sentences long enough not to occur by chance.
constexpr std::size_t kMinContainedTokens = 4;

// Matches a brief sentence to its article's labelled sentences: verbatim;
// else a part of one (a splitter that cut more finely, a dateline dropped);
// else several joined (a splitter that cut less: their facts together); else
// the one with the highest token overlap, if above kMatchFloor.
void Match(const Inventory& inv, Judged& j) {
  const std::string norm = Normalise(j.text), lower = Lower(norm);
  // A copy the inventory does not label is judged by its original's sentences.
  auto it = inv.labelled.find(j.own);
  if (it == inv.labelled.end()) it = inv.labelled.find(inv.Root(j.own));
  if (it == inv.labelled.end()) return;
  const std::vector<Labelled>& labelled = it->second;
  for (const Labelled& l : labelled) {
    if (l.text == norm) {
      j.match = l;
      return;
    }
  }
  const std::set<std::string> tokens = Tokens(norm);
  if (tokens.size() >= kMinContainedTokens) {
    for (const Labelled& l : labelled) {
      if (Lower(l.text).find(lower) != std::string::npos) {
        j.match = l;
        j.how = "part of: " + l.text;
        return;
      }
    }
  }
  Labelled joined{norm, tokens, {}, {}};
  int parts = 0;
  for (const Labelled& l : labelled) {
    if (l.tokens.size() < kMinContainedTokens || lower.find(Lower(l.text)) == std::string::npos) continue;
    ++parts;
    joined.facts.insert(l.facts.begin(), l.facts.end());
    joined.partial.insert(l.partial.begin(), l.partial.end());
  }
  if (parts > 0) {
    j.match = joined;
    j.how = "joins " + std::to_string(parts) + " labelled sentence(s)";
    return;
  }
  const Labelled* best = nullptr;
  for (const Labelled& l : labelled) {
    const double d = Dice(tokens, l.tokens);
    if (d > j.overlap) j.overlap = d, best = &l;
  }
  if (best != nullptr && j.overlap >= kMatchFloor) {
    j.match = *best;
    j.how = "token overlap " + Fixed(j.overlap) + ": " + best->text;
  }
}

Judged Judge(const json& sentence, const Brief& brief, const Inventory& inv, const fs::path& story) {
  Judged j;
  j.text = sentence.value("text", "");
  j.own = FileOf(brief, sentence.value("doc", 0), story);
  for (const json& n : sentence.value("citations", json::array())) j.cited.insert(inv.Root(FileOf(brief, n.get<int>(), story)));
  for (const json& s : sentence.value("support", json::array())) {
    if (s.contains("level") && s.contains("doc")) j.levels[inv.Root(FileOf(brief, s.at("doc").get<int>(), story))] = s.at("level").get<std::string>();
  }
  Match(inv, j);
  if (!j.match) return j;
  j.facts = j.match->facts;
  j.partial = j.match->partial;
  const std::string own = inv.Root(j.own);
  j.must = {own};
  if (!j.facts.empty()) {
    Files all = inv.Roots(inv.facts[static_cast<std::size_t>(*j.facts.begin())].support);
    for (const int f : j.facts) {
      const Files these = inv.Roots(inv.facts[static_cast<std::size_t>(f)].support);
      Files both;
      std::set_intersection(all.begin(), all.end(), these.begin(), these.end(), std::inserter(both, both.begin()));
      all = both;
    }
    j.must.insert(all.begin(), all.end());
  }
  j.may = j.must;
  for (const std::set<int>* set : {&j.facts, &j.partial}) {
    for (const int f : *set) {
      for (const Files* files : {&inv.facts[static_cast<std::size_t>(f)].support, &inv.facts[static_cast<std::size_t>(f)].partial}) {
        const Files roots = inv.Roots(*files);
        j.may.insert(roots.begin(), roots.end());
      }
    }
  }
  return j;
}

Counts Count(const Judged& j, const Inventory& inv) {
  Counts c;
  c.sentences = 1;
  if (!j.match) {
    c.unmatched = 1;
    return c;
  }
  c.approximate = j.how.empty() ? 0 : 1;
  const std::string own = inv.Root(j.own);
  c.cited = static_cast<long>(j.cited.size());
  c.must = static_cast<long>(j.must.size());
  for (const std::string& f : j.cited) {
    c.cited_may += j.may.count(f);
    c.must_cited += j.must.count(f);
    if (f != own) c.other_cited += j.must.count(f);
  }
  c.other = c.must - 1;
  if (!j.facts.empty()) c.with_facts = 1, c.fact_must = c.must, c.fact_must_cited = c.must_cited;
  const Files every = inv.Roots([&] {
    Files all;
    for (const auto& [file, outlet] : inv.outlet) all.insert(file);
    return all;
  }());
  c.all_cited = static_cast<long>(every.size());
  c.all_may = static_cast<long>(j.may.size());
  for (const auto& [file, level] : j.levels) {
    if (!j.may.count(file)) continue;  // a wrong citation is already counted
    ++c.levels;
    c.levels_right += (level == "reports") == (j.must.count(file) > 0);
  }
  return c;
}

// ---------------------------------------------------------------- the extra checks

// An output version matches a planted one when its value names the planted
// value and its articles are the planted version's (complete) or some of
// them and no other (`complete` false).
bool VersionMatches(const Version& planted, const json& version, const Brief& brief, const Inventory& inv, const fs::path& story,
                    bool complete) {
  if (!Contains(planted.value, version.value("value", ""))) return false;
  Files docs;
  for (const json& n : version.value("docs", json::array())) docs.insert(FileOf(brief, n.get<int>(), story));
  const Files found = inv.Roots(docs), expected = inv.Roots(planted.docs);
  if (complete) return found == expected;
  return !found.empty() && std::includes(expected.begin(), expected.end(), found.begin(), found.end());
}

// Complete: every planted version is in the output with all its articles.
// Otherwise: every output version is a planted one, with none of its
// articles wrong, and at least two planted versions are there (a true
// disagreement, some of whose articles the output may not list).
bool Reproduces(const Disagreement& planted, const json& found, const Brief& brief, const Inventory& inv, const fs::path& story,
                bool complete) {
  const json versions = found.value("versions", json::array());
  if (complete) {
    return std::all_of(planted.versions.begin(), planted.versions.end(), [&](const Version& v) {
      return std::any_of(versions.begin(), versions.end(), [&](const json& o) { return VersionMatches(v, o, brief, inv, story, true); });
    });
  }
  std::set<const Version*> covered;
  for (const json& o : versions) {
    const Version* match = nullptr;
    for (const Version& v : planted.versions) {
      if (VersionMatches(v, o, brief, inv, story, false)) match = &v;
    }
    if (match == nullptr) return false;
    covered.insert(match);
  }
  return covered.size() >= 2;
}

// found/planted and false disagreements of one brief.
std::string ScoreDisagreements(const Brief& brief, const Inventory& inv, const fs::path& story) {
  if (!brief.output.contains("disagreements")) return "not in the output";
  const json& output = brief.output.at("disagreements");
  int found = 0, complete = 0, wrong = 0;
  for (const Disagreement& d : inv.disagreements) {
    found += std::any_of(output.begin(), output.end(), [&](const json& o) { return Reproduces(d, o, brief, inv, story, false); });
    complete += std::any_of(output.begin(), output.end(), [&](const json& o) { return Reproduces(d, o, brief, inv, story, true); });
  }
  for (const json& o : output) {
    wrong += std::none_of(inv.disagreements.begin(), inv.disagreements.end(),
                          [&](const Disagreement& d) { return Reproduces(d, o, brief, inv, story, false); });
  }
  return std::to_string(found) + "/" + std::to_string(inv.disagreements.size()) + " found (" + std::to_string(complete) +
         " with all their articles), " + std::to_string(wrong) + " false";
}

// Pairs of brief sentences (in brief order) whose earliest timeline facts are
// in timeline order; pairs with equal positions say nothing and are skipped.
std::string ScoreTimeOrder(const std::vector<Judged>& brief, const Inventory& inv) {
  std::vector<int> positions;
  for (const Judged& j : brief) {
    int best = -1;
    for (const int f : j.facts) {
      const auto it = inv.timeline.find(inv.facts[static_cast<std::size_t>(f)].id);
      if (it != inv.timeline.end() && (best < 0 || it->second < best)) best = it->second;
    }
    if (best >= 0) positions.push_back(best);
  }
  long pairs = 0, ordered = 0;
  for (std::size_t a = 0; a < positions.size(); ++a) {
    for (std::size_t b = a + 1; b < positions.size(); ++b) {
      if (positions[a] == positions[b]) continue;
      ++pairs;
      ordered += positions[a] < positions[b];
    }
  }
  std::ostringstream out;
  out << ordered << "/" << pairs << " pairs in timeline order";
  if (pairs > 0) out << " (" << std::fixed << std::setprecision(2) << Counts::Ratio(ordered, pairs) << ")";
  return out.str();
}

// Copies the output marks (sources[].copy_of) against the inventory's.
std::string ScoreCopies(const Brief& brief, const Inventory& inv) {
  std::set<std::pair<std::string, std::string>> marked;
  for (const json& s : brief.output.at("sources")) {
    if (!s.contains("copy_of") || s.at("copy_of").is_null()) continue;
    const int n = s.value("n", 0), of = s.at("copy_of").get<int>();
    if (n < 1 || of < 1 || n >= static_cast<int>(brief.file_of.size()) || of >= static_cast<int>(brief.file_of.size())) continue;
    marked.insert({brief.file_of[static_cast<std::size_t>(n)], brief.file_of[static_cast<std::size_t>(of)]});
  }
  int found = 0, wrong = 0;
  for (const auto& [copy, original] : inv.copy_of) found += marked.count({copy, original}) + marked.count({original, copy}) > 0;
  for (const auto& [a, b] : marked) wrong += inv.Root(a) != inv.Root(b);
  return std::to_string(found) + "/" + std::to_string(inv.copy_of.size()) + " marked, " + std::to_string(wrong) + " false";
}

std::string ScoreOutlets(const Brief& brief, const Inventory& inv) {
  int right = 0;
  for (const json& s : brief.output.at("sources")) {
    const auto it = inv.outlets_expected.find(s.value("id", ""));
    if (it != inv.outlets_expected.end()) right += Normalise(s.value("source", s.value("id", ""))) == Normalise(it->second);
  }
  return std::to_string(right) + "/" + std::to_string(inv.outlets_expected.size()) + " named as expected";
}

std::string ScoreArticleDates(const Brief& brief, const Inventory& inv) {
  int right = 0;
  for (const json& s : brief.output.at("sources")) {
    const auto it = inv.doc_dates.find(s.value("id", ""));
    if (it != inv.doc_dates.end()) right += s.value("date", "").rfind(it->second, 0) == 0;
  }
  return std::to_string(right) + "/" + std::to_string(inv.doc_dates.size()) + " article dates right";
}

std::string ScoreDates(const std::vector<Judged>& brief, const json& sentences, const Inventory& inv) {
  int given = 0, right = 0;
  for (std::size_t i = 0; i < brief.size(); ++i) {
    const json& s = sentences[i];
    if (!s.contains("event_date") || !s.at("event_date").is_string()) continue;
    // Right when it is the day of one of the sentence's dated facts (a
    // sentence may tell of two days: "closed on Monday after cracks found
    // on Friday").
    const std::string date = s.at("event_date").get<std::string>();
    bool dated = false, matched = false;
    for (const int fact : brief[i].facts) {
      const auto it = inv.fact_dates.find(inv.facts[static_cast<std::size_t>(fact)].id);
      if (it == inv.fact_dates.end()) continue;
      dated = true;
      matched = matched || date.rfind(it->second, 0) == 0;
    }
    given += dated ? 1 : 0;
    right += matched ? 1 : 0;
  }
  if (given == 0) return "event dates: none given for a dated fact";
  return std::to_string(right) + "/" + std::to_string(given) + " event dates right";
}

// ---------------------------------------------------------------- printing

void PrintHeader() {
  std::cout << std::left << std::setw(24) << "story" << std::right << std::setw(7) << "budget" << std::setw(7) << "sents"
            << std::setw(7) << "unmat" << std::setw(7) << "facts" << std::setw(7) << "cites" << std::setw(7) << "prec" << std::setw(8) << "recall"
            << std::setw(8) << "r-facts" << std::setw(8) << "r-other" << std::setw(9) << "own:rec" << std::setw(10) << "every:pr" << "\n";
}

void PrintRow(const std::string& story, const std::string& budget, const Counts& c) {
  std::cout << std::left << std::setw(24) << story.substr(0, 23) << std::right << std::setw(7) << budget << std::setw(7)
            << c.sentences << std::setw(7) << c.unmatched << std::setw(7) << c.with_facts << std::setw(7) << c.cited
            << std::setw(7) << Fixed(c.Precision()) << std::setw(8) << Fixed(c.Recall()) << std::setw(8) << Fixed(c.FactRecall())
            << std::setw(8) << Fixed(c.OtherRecall()) << std::setw(9)
            << Fixed(c.OwnOnlyRecall()) << std::setw(10) << Fixed(c.EveryPrecision()) << "\n";
}

// "[n] outlet, ...", with the support level the output gave each, if any.
std::string Articles(const Files& files, const Brief& brief, const Inventory& inv,
                     const std::map<std::string, std::string>& levels = {}) {
  if (files.empty()) return "-";
  std::string out;
  for (const std::string& f : files) {
    const auto at = std::find(brief.file_of.begin(), brief.file_of.end(), f);
    if (!out.empty()) out += ", ";
    out += "[" + (at == brief.file_of.end() ? f : std::to_string(at - brief.file_of.begin())) + "] " + inv.outlet.at(f);
    if (const auto level = levels.find(f); level != levels.end()) out += " (" + level->second + ")";
  }
  return out;
}

void PrintVerbose(const Judged& j, const std::vector<int>& budgets, const Brief& brief, const Inventory& inv) {
  std::string seen;
  for (const int b : budgets) {
    if (!seen.empty()) seen += ',';
    seen += std::to_string(b);
  }
  std::cout << "\n  [" << seen << " words] " << Articles({j.own}, brief, inv) << ": " << j.text << "\n";
  if (!j.match) {
    std::cout << "    UNMATCHED (best token overlap " << Fixed(j.overlap) << " < " << kMatchFloor << ")\n";
    return;
  }
  if (!j.how.empty()) std::cout << "    matched as " << j.how << "\n";
  Files missing, wrong;
  std::set_difference(j.must.begin(), j.must.end(), j.cited.begin(), j.cited.end(), std::inserter(missing, missing.begin()));
  for (const std::string& f : j.cited) {
    if (!j.may.count(f)) wrong.insert(f);
  }
  std::cout << "    cited " << Articles(j.cited, brief, inv, j.levels) << "\n";
  if (!missing.empty()) std::cout << "    MISSING " << Articles(missing, brief, inv) << "\n";
  if (!wrong.empty()) std::cout << "    WRONG " << Articles(wrong, brief, inv) << "\n";
  for (const auto& [set, kind] : {std::pair{&j.facts, "fact"}, std::pair{&j.partial, "partly"}}) {
    for (const int f : *set) {
      const Fact& fact = inv.facts[static_cast<std::size_t>(f)];
      std::cout << "    " << kind << " " << fact.id << " (" << fact.text << "): reported by " << Articles(inv.Roots(fact.support), brief, inv);
      if (!fact.partial.empty()) std::cout << "; partly by " << Articles(inv.Roots(fact.partial), brief, inv);
      std::cout << "\n";
    }
  }
  if (j.facts.empty() && j.partial.empty()) std::cout << "    no fact of the inventory\n";
}

// ---------------------------------------------------------------- one story

struct StoryResult {
  Counts pooled;
  bool below = false;
};

StoryResult RunStory(const Options& options, const fs::path& dir) {
  const Inventory inv = LoadInventory(dir / "citations.json");
  const std::string name = fs::weakly_canonical(dir).filename().string();
  // (original file, text): a copy's sentence is its original's sentence.
  std::map<std::pair<std::string, std::string>, std::pair<Judged, std::vector<int>>> distinct;
  std::vector<std::pair<Judged, Brief>> order;  // first appearance, for --verbose
  std::vector<std::string> notes;
  std::map<std::string, std::vector<std::pair<int, std::string>>> checks;  // check -> (budget, result)
  StoryResult result;
  const int longest = *std::max_element(options.budgets.begin(), options.budgets.end());
  for (const int words : options.budgets) {
    const Brief brief = ReadBrief(RunPrecis(options, dir, words), inv, dir);
    Counts counts;
    std::vector<Judged> judged;
    for (const json& sentence : brief.output.at("sentences")) {
      Judged j = Judge(sentence, brief, inv, dir);
      counts.Add(Count(j, inv));
      const auto key = std::make_pair(inv.Root(j.own), Normalise(j.text));
      auto [it, fresh] = distinct.try_emplace(key, j, std::vector<int>{});
      it->second.second.push_back(words);
      if (fresh) {
        result.pooled.Add(Count(j, inv));
        order.emplace_back(j, brief);
      }
      judged.push_back(std::move(j));
    }
    PrintRow(name, std::to_string(words), counts);
    const std::string at = std::to_string(words) + " words: ";
    if (!inv.disagreements.empty()) checks["disagreements"].emplace_back(words, ScoreDisagreements(brief, inv, dir));
    if (!inv.copy_of.empty()) checks["copies"].emplace_back(words, ScoreCopies(brief, inv));
    if (!inv.timeline.empty() && words == longest) notes.push_back(at + "time order " + ScoreTimeOrder(judged, inv));
    if (!inv.fact_dates.empty() && words == longest) notes.push_back(at + ScoreDates(judged, brief.output.at("sentences"), inv));
    if (!inv.doc_dates.empty() && words == longest) notes.push_back(at + ScoreArticleDates(brief, inv));
    if (!inv.outlets_expected.empty() && words == longest) notes.push_back(at + "outlets " + ScoreOutlets(brief, inv));
    for (const Judged& j : judged) {
      if (!j.match) notes.push_back(at + "UNMATCHED sentence of " + j.own + ": " + j.text);
    }
  }
  PrintRow(name, "all", result.pooled);
  for (const auto& [check, results] : checks) {
    const auto& first = results.front().second;  // clang 14 refuses lambdas capturing structured bindings
    const bool same = std::all_of(results.begin(), results.end(), [&](const auto& r) { return r.second == first; });
    if (same) {
      std::cout << "    " << check << " (every budget): " << results.front().second << "\n";
      continue;
    }
    for (const auto& [words, text] : results) std::cout << "    " << words << " words: " << check << " " << text << "\n";
  }
  if (result.pooled.approximate > 0) notes.push_back(std::to_string(result.pooled.approximate) + " sentence(s) matched in part or by token overlap, not verbatim (see --verbose)");
  if (result.pooled.levels > 0) notes.push_back("support levels: " + std::to_string(result.pooled.levels_right) + "/" + std::to_string(result.pooled.levels) + " right");
  for (const std::string& n : notes) std::cout << "    " << n << "\n";
  if (options.verbose) {
    for (const auto& [j, brief] : order) PrintVerbose(j, distinct.at({inv.Root(j.own), Normalise(j.text)}).second, brief, inv);
    std::cout << "\n";
  }
  result.below = (options.min_precision && result.pooled.Precision() < *options.min_precision) ||
                 (options.min_recall && result.pooled.Recall() < *options.min_recall);
  if (result.below) std::cout << "    BELOW the minimum: precision " << Fixed(result.pooled.Precision()) << ", recall " << Fixed(result.pooled.Recall()) << "\n";
  return result;
}

// ---------------------------------------------------------------- arguments

constexpr const char* kUsage =
    "usage: citation_bench STORY_DIR [STORY_DIR...] [--precis PATH] [--budgets 50,100,200,2000]\n"
    "                      [--method M] [--verbose] [--min-precision X] [--min-recall Y]\n";

// The precis binary of the build tree this bench was built in.
fs::path DefaultPrecis(const char* argv0) {
  std::error_code error;
  fs::path self = fs::read_symlink("/proc/self/exe", error);
  if (error) self = fs::absolute(argv0);
  return self.parent_path().parent_path() / "precis";
}

double Number(const std::string& flag, const std::string& value) {
  std::size_t used = 0;
  const double x = std::stod(value, &used);
  if (used != value.size()) throw std::invalid_argument(flag + " " + value);
  return x;
}

std::optional<Options> Parse(int argc, char** argv) {
  Options o;
  o.precis = DefaultPrecis(argv[0]);
  try {
    for (int i = 1; i < argc; ++i) {
      const std::string arg = argv[i];
      const bool has_value = i + 1 < argc;
      if (arg == "--verbose") {
        o.verbose = true;
      } else if (arg == "--precis" && has_value) {
        o.precis = argv[++i];
      } else if (arg == "--method" && has_value) {
        o.method = argv[++i];
      } else if (arg == "--min-precision" && has_value) {
        o.min_precision = Number(arg, argv[++i]);
      } else if (arg == "--min-recall" && has_value) {
        o.min_recall = Number(arg, argv[++i]);
      } else if (arg == "--budgets" && has_value) {
        o.budgets.clear();
        std::istringstream list(argv[++i]);
        for (std::string b; std::getline(list, b, ',');) {
          const double words = Number(arg, b);
          if (words < 1 || words != static_cast<int>(words)) return std::nullopt;
          o.budgets.push_back(static_cast<int>(words));
        }
      } else if (!arg.empty() && arg[0] != '-') {
        o.stories.emplace_back(arg);
      } else {
        return std::nullopt;
      }
    }
  } catch (const std::exception&) {
    return std::nullopt;
  }
  if (o.stories.empty() || o.budgets.empty()) return std::nullopt;
  return o;
}

}  // namespace

int main(int argc, char** argv) {
  const std::optional<Options> options = Parse(argc, argv);
  if (!options) {
    std::cerr << kUsage;
    return 2;
  }
  Counts overall;
  bool below = false;
  try {
    if (!fs::exists(options->precis)) throw BadInput(options->precis, "does not exist (build the precis target, or name one with --precis)");
    PrintHeader();
    for (const fs::path& story : options->stories) {
      const StoryResult r = RunStory(*options, story);
      overall.Add(r.pooled);
      below = below || r.below;
    }
    if (options->stories.size() > 1) PrintRow("overall", "all", overall);
  } catch (const BadInput& e) {
    std::cout.flush();
    std::cerr << "citation_bench: " << e.what() << "\n";
    return 1;
  } catch (const json::exception& e) {
    std::cout.flush();
    std::cerr << "citation_bench: precis output of an unexpected shape: " << e.what() << "\n";
    return 1;
  }
  return below ? 3 : 0;
}
