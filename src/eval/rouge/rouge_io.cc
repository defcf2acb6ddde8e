#include "precis/rouge_io.h"

#include <libxml/parser.h>
#include <libxml/tree.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <limits>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <ostream>
#include <regex>
#include <set>
#include <sstream>

#include "precis/error.h"
#include "precis/ingest.h"

namespace precis::rouge {
namespace {

using OrderedJson = nlohmann::ordered_json;

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
         });
}

// The script trims /^[\n\s]+/ and /[\n\s]+$/ from paths and roots.
std::string Trim(std::string_view s) {
  auto space = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; };
  while (!s.empty() && space(s.front())) s.remove_prefix(1);
  while (!s.empty() && space(s.back())) s.remove_suffix(1);
  return std::string(s);
}

// Far above any real config or file list; a device (-a /dev/zero) or a
// runaway file is refused before it fills memory.
constexpr std::size_t kMaxListBytes = std::size_t{256} << 20;

std::string ReadWholeFile(const std::string& path, const char* what) {
  std::error_code ec;
  if (std::filesystem::exists(path, ec) && !std::filesystem::is_regular_file(path, ec)) {
    throw Error(WhereMessage(path, 0, std::string("the ") + what + " is not a regular file"));
  }
  std::unique_ptr<std::FILE, decltype(&std::fclose)> file(std::fopen(path.c_str(), "rb"), std::fclose);
  if (!file) throw Error(WhereMessage(path, 0, std::string("cannot open ") + what));
  std::string text;
  char buffer[1 << 16];
  std::size_t got = 0;
  while ((got = std::fread(buffer, 1, sizeof buffer, file.get())) > 0) {
    text.append(buffer, got);
    if (text.size() > kMaxListBytes) {
      throw Error(WhereMessage(path, 0, std::string("the ") + what + " is larger than the limit of " +
                                            std::to_string(kMaxListBytes) + " bytes"));
    }
  }
  if (std::ferror(file.get())) throw Error(WhereMessage(path, 0, std::string("cannot read ") + what));
  return text;
}

// ---- XML config -----------------------------------------------------------

std::string NodeName(const xmlNode* node) { return reinterpret_cast<const char*>(node->name); }

std::string Attribute(const xmlNode* node, const char* name, const std::string& file) {
  xmlChar* value = xmlGetProp(node, reinterpret_cast<const xmlChar*>(name));
  if (value == nullptr) {
    throw Error(WhereMessage(file, static_cast<std::size_t>(xmlGetLineNo(node)),
                             "<" + NodeName(node) + "> has no " + name + " attribute"));
  }
  std::string out(reinterpret_cast<const char*>(value));
  xmlFree(value);
  return out;
}

// The script keeps the last text child of an element, trimmed.
std::string TextOf(const xmlNode* node) {
  std::string text;
  for (const xmlNode* child = node->children; child != nullptr; child = child->next) {
    if (child->type == XML_TEXT_NODE || child->type == XML_CDATA_SECTION_NODE) {
      text = Trim(reinterpret_cast<const char*>(child->content));
    }
  }
  return text;
}

struct EvalDraft {
  EvalSpec spec;
  bool has_format = false;
  std::optional<std::string> peer_root, model_root;
  std::size_t line = 0;
};

class ConfigWalker {
 public:
  explicit ConfigWalker(std::string file) : file_(std::move(file)) {}

  void Walk(const xmlNode* node, EvalDraft* current) {
    for (; node != nullptr; node = node->next) {
      if (node->type != XML_ELEMENT_NODE) continue;
      const std::string name = NodeName(node);
      const std::size_t line = static_cast<std::size_t>(xmlGetLineNo(node));
      if (EqualsIgnoreCase(name, "EVAL")) {
        const std::string id = Attribute(node, "ID", file_);
        if (!seen_.insert(id).second) throw Error(WhereMessage(file_, line, "duplicate EVAL ID \"" + id + "\""));
        drafts_.push_back(std::make_unique<EvalDraft>());
        drafts_.back()->spec.id = id;
        drafts_.back()->line = line;
        Walk(node->children, drafts_.back().get());
        continue;
      }
      const bool known = EqualsIgnoreCase(name, "INPUT-FORMAT") || EqualsIgnoreCase(name, "PEER-ROOT") ||
                         EqualsIgnoreCase(name, "MODEL-ROOT") || EqualsIgnoreCase(name, "PEERS") ||
                         EqualsIgnoreCase(name, "MODELS");
      if (!known) {
        Walk(node->children, current);
        continue;
      }
      if (current == nullptr) throw Error(WhereMessage(file_, line, "<" + name + "> outside of an <EVAL>"));
      if (EqualsIgnoreCase(name, "INPUT-FORMAT")) {
        current->spec.format = ParseInputFormat(Attribute(node, "TYPE", file_));
        current->has_format = true;
      } else if (EqualsIgnoreCase(name, "PEER-ROOT")) {
        current->peer_root = TextOf(node);
      } else if (EqualsIgnoreCase(name, "MODEL-ROOT")) {
        current->model_root = TextOf(node);
      } else {
        const bool peers = EqualsIgnoreCase(name, "PEERS");
        for (const xmlNode* child = node->children; child != nullptr; child = child->next) {
          if (child->type != XML_ELEMENT_NODE || !EqualsIgnoreCase(NodeName(child), peers ? "P" : "M")) continue;
          auto entry = std::make_pair(Attribute(child, "ID", file_), TextOf(child));
          auto& list = peers ? current->spec.peers : current->spec.models;
          // The script keeps peers and models in hashes by ID, so a repeated
          // ID silently replaces the summary before it: refused instead, as
          // a repeated EVAL ID is.
          if (std::any_of(list.begin(), list.end(), [&](const auto& e) { return e.first == entry.first; })) {
            throw Error(WhereMessage(file_, static_cast<std::size_t>(xmlGetLineNo(child)),
                                     std::string("duplicate ") + (peers ? "peer" : "model") + " ID \"" + entry.first +
                                         "\" in EVAL \"" + current->spec.id + "\""));
          }
          list.push_back(std::move(entry));
        }
      }
    }
  }

  Config Finish() {
    Config config;
    std::set<std::string> peer_ids;
    for (auto& draft : drafts_) {
      if (!draft->has_format) {
        throw Error(WhereMessage(file_, draft->line, "EVAL \"" + draft->spec.id + "\" has no INPUT-FORMAT"));
      }
      // The script joins "ROOT/FILE" even when a root is missing.
      for (auto& [id, path] : draft->spec.peers) {
        path = draft->peer_root.value_or("") + "/" + path;
        peer_ids.insert(id);
      }
      for (auto& [id, path] : draft->spec.models) path = draft->model_root.value_or("") + "/" + path;
      config.evals.push_back(std::move(draft->spec));
    }
    config.peer_ids.assign(peer_ids.begin(), peer_ids.end());
    return config;
  }

 private:
  std::string file_;
  std::set<std::string> seen_;
  std::vector<std::unique_ptr<EvalDraft>> drafts_;
};

// ---- summary files --------------------------------------------------------

template <typename F>
void ForEachPerlLine(const std::string& text, F&& f) {  // lines keep their "\n"
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    end = end == std::string::npos ? text.size() : end + 1;
    f(std::string_view(text).substr(start, end - start));
    start = end;
  }
}

// ---- output ---------------------------------------------------------------

std::string Fixed5(double v) {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%7.5f", v);
  return buffer;
}

// Perl's default number formatting.
std::string PerlNumber(double v) {
  if (std::isnan(v)) return "NaN";
  if (std::isinf(v)) return v > 0 ? "Inf" : "-Inf";
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.15g", v);
  return buffer;
}

// A -t 2 count as the script prints it with %d. ROUGE-W counts grow as
// length^weight and can leave the range of an integer (or reach infinity):
// those are spelled as Perl spells them instead of converting (undefined).
std::string Count(double v) {
  if (!std::isfinite(v) || std::fabs(v) >= 9.2e18) return PerlNumber(v);
  return std::to_string(static_cast<long long>(v));
}

long LeadingNumber(const std::string& s, bool* found) {
  std::size_t i = 0;
  while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]))) ++i;
  *found = i > 0;
  return i > 0 ? std::strtol(s.substr(0, std::min<std::size_t>(i, 18)).c_str(), nullptr, 10) : 0;
}

// The script's by_evalID: numeric on a leading number when both have one,
// otherwise string order. Ties fall back to string order to stay stable.
bool EvalKeyLess(const std::string& a, const std::string& b) {
  bool a_num = false, b_num = false;
  const long x = LeadingNumber(a, &a_num), y = LeadingNumber(b, &b_num);
  if (a_num && b_num && x != y) return x < y;
  return a < b;
}

}  // namespace

InputFormat ParseInputFormat(const std::string& name) {
  if (EqualsIgnoreCase(name, "SPL")) return InputFormat::kSpl;
  if (EqualsIgnoreCase(name, "SEE")) return InputFormat::kSee;
  if (EqualsIgnoreCase(name, "ISI")) return InputFormat::kIsi;
  if (EqualsIgnoreCase(name, "SIMPLE")) return InputFormat::kSimple;
  throw Error("unknown input format \"" + name + "\" (expected SPL, SEE, ISI or SIMPLE)");
}

Config ParseXmlConfig(std::string_view xml, const std::string& name) {
  std::unique_ptr<xmlParserCtxt, decltype(&xmlFreeParserCtxt)> context(xmlNewParserCtxt(), xmlFreeParserCtxt);
  if (!context) throw Error(WhereMessage(name, 0, "cannot create an XML parser"));
  if (xml.size() > static_cast<std::size_t>(std::numeric_limits<int>::max())) {
    throw Error(WhereMessage(name, 0, "config file too large"));
  }
  xmlDoc* raw = xmlCtxtReadMemory(context.get(), xml.data(), static_cast<int>(xml.size()), name.c_str(), nullptr,
                                  XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
  std::unique_ptr<xmlDoc, decltype(&xmlFreeDoc)> doc(raw, xmlFreeDoc);
  if (!doc) {
    const xmlError* error = xmlCtxtGetLastError(context.get());
    std::string message = error != nullptr && error->message != nullptr ? Trim(error->message) : "unreadable XML";
    throw Error(WhereMessage(name, error != nullptr ? static_cast<std::size_t>(error->line) : 0,
                             "bad XML: " + message));
  }
  ConfigWalker walker(name);
  walker.Walk(xmlDocGetRootElement(doc.get()), nullptr);
  return walker.Finish();
}

Config ReadXmlConfig(const std::string& path) { return ParseXmlConfig(ReadWholeFile(path, "config file"), path); }

Config ParseFileList(std::string_view text_view, InputFormat format, const std::string& system_id,
                     const std::string& name) {
  const std::string text(text_view);
  Config config;
  std::size_t line_number = 0;
  int eval_id = 1;
  ForEachPerlLine(text, [&](std::string_view line) {
    ++line_number;
    if (!line.empty() && line[0] == '#') return;
    const std::string trimmed = Trim(line);
    if (trimmed.empty()) return;
    std::istringstream fields(trimmed);
    std::vector<std::string> files;
    for (std::string f; fields >> f;) files.push_back(f);
    if (files.size() < 2) {
      throw Error(WhereMessage(name, line_number, "expected a peer file and at least one model file"));
    }
    EvalSpec spec;
    spec.id = std::to_string(eval_id++);
    spec.format = format;
    spec.peers.emplace_back(system_id, files[0]);
    for (std::size_t m = 1; m < files.size(); ++m) spec.models.emplace_back("M." + std::to_string(m), files[m]);
    config.evals.push_back(std::move(spec));
  });
  config.peer_ids = {system_id};
  return config;
}

Config ReadFileList(const std::string& path, InputFormat format, const std::string& system_id) {
  return ParseFileList(ReadWholeFile(path, "file list"), format, system_id, path);
}

std::vector<std::string> ParseSummaryText(std::string_view text_view, InputFormat format, const std::string& name) {
  if (format == InputFormat::kSimple) {
    throw Error(WhereMessage(name, 0, "SIMPLE is the Basic Element format of -3, which precis does not implement"));
  }
  const std::string text(text_view);
  static const std::regex see(
      R"(^<a (?:size="[0-9]+" )?name="[0-9]+">\[([0-9]+)\]</a>\s+<a href="#[0-9]+" id=[0-9]+>([^<]+))");
  static const std::regex isi(R"(^<S SNTNO="[0-9a-z,]+">([^<]+)</S>)");
  std::vector<std::string> units;
  ForEachPerlLine(text, [&](std::string_view line) {
    if (format == InputFormat::kSpl) {
      if (!line.empty() && line.back() == '\n') line.remove_suffix(1);  // chomp
      if (!line.empty()) units.emplace_back(line);
      return;
    }
    std::cmatch match;
    const std::regex& pattern = format == InputFormat::kSee ? see : isi;
    if (std::regex_search(line.data(), line.data() + line.size(), match, pattern)) {
      units.push_back(match[format == InputFormat::kSee ? 2 : 1].str());
    }
  });
  return units;
}

std::vector<std::string> ReadSummaryFile(const std::string& path, InputFormat format) {
  if (format == InputFormat::kSimple) return ParseSummaryText({}, format, path);
  return ParseSummaryText(ReadWholeFile(path, "summary file"), format, path);
}

namespace {

// A summary file of one case, read; throws Error naming it.
std::vector<std::string> ReadCaseFile(const std::string& path, const std::string& what, const EvalSpec& eval,
                                      std::vector<std::string>* warnings) {
  std::error_code ec;
  const auto status = std::filesystem::status(path, ec);
  if (!std::filesystem::exists(status)) throw Error(WhereMessage(path, 0, "cannot find " + what + " of EVAL " + eval.id));
  // A device or FIFO named as a summary (/dev/zero) would be read for ever.
  if (!std::filesystem::is_regular_file(status)) {
    throw Error(WhereMessage(path, 0, what + " of EVAL " + eval.id + " is not a regular file"));
  }
  std::vector<std::string> units = ReadSummaryFile(path, eval.format);
  if (units.empty() && warnings != nullptr) {
    warnings->push_back("*ROUGE Warning: " + what + " of EVAL " + eval.id + " is empty (" + path +
                        "); it is scored as a summary without words, as ROUGE-1.5.5 scores it");
  }
  return units;
}

}  // namespace

std::vector<Case> LoadCases(const Config& config, const std::string& peer_id,
                            std::vector<std::string>* warnings, const BadCaseHandler& on_bad_case) {
  std::vector<Case> cases;
  for (const EvalSpec& eval : config.evals) {
    const auto peer = std::find_if(eval.peers.begin(), eval.peers.end(),
                                   [&](const auto& p) { return p.first == peer_id; });
    if (peer == eval.peers.end()) {
      if (warnings != nullptr) {
        warnings->push_back("*ROUGE Warning: test instance for peer " + peer_id +
                            " does not exist for evaluation " + eval.id);
      }
      continue;
    }
    Case c;
    c.id = eval.id;
    c.peer_id = peer_id;
    try {
      for (const auto& [model_id, path] : eval.models) {
        c.models.push_back(ReadCaseFile(path, "model summary " + model_id, eval, warnings));
      }
      c.peer = ReadCaseFile(peer->second, "peer summary " + peer_id, eval, warnings);
    } catch (const Error& e) {
      if (!on_bad_case) throw;
      on_bad_case(e);
      continue;
    }
    cases.push_back(std::move(c));
  }
  return cases;
}

std::vector<Case> ReadJsonlCases(std::istream& in, const std::string& name, const BadCaseHandler& on_bad_line,
                                 std::size_t max_line_bytes) {
  std::vector<Case> cases;
  std::set<std::string> ids;
  std::string line;
  std::size_t line_number = 0;
  auto units_of = [&](const nlohmann::json& list, const char* what) {
    if (!list.is_array()) throw Error(WhereMessage(name, line_number, std::string(what) + " must be a list of sentences"));
    std::vector<std::string> units;
    for (const auto& sentence : list) {
      if (!sentence.is_string()) throw Error(WhereMessage(name, line_number, std::string(what) + " must hold strings"));
      // One SPL line per unit: a newline inside a sentence starts a new one.
      ForEachPerlLine(sentence.get<std::string>(), [&](std::string_view part) {
        if (!part.empty() && part.back() == '\n') part.remove_suffix(1);
        if (!part.empty()) units.emplace_back(part);
      });
    }
    return units;
  };
  auto parse_line = [&]() -> Case {
    nlohmann::json doc;
    try {
      doc = nlohmann::json::parse(line);
    } catch (const nlohmann::json::exception& e) {
      std::string why = e.what();
      if (const std::size_t cut = why.find("] "); cut != std::string::npos) why = why.substr(cut + 2);
      throw Error(WhereMessage(name, line_number, "invalid JSON: " + why));
    }
    if (!doc.is_object()) throw Error(WhereMessage(name, line_number, "expected a JSON object"));
    if (!doc.contains("id") || !doc["id"].is_string()) throw Error(WhereMessage(name, line_number, "missing string \"id\""));
    if (!doc.contains("peer")) throw Error(WhereMessage(name, line_number, "missing \"peer\""));
    if (!doc.contains("models") || !doc["models"].is_array() || doc["models"].empty()) {
      throw Error(WhereMessage(name, line_number, "\"models\" must be a non-empty list of summaries"));
    }
    Case c;
    c.id = doc["id"].get<std::string>();
    if (doc.contains("peer_id")) {
      if (!doc["peer_id"].is_string()) throw Error(WhereMessage(name, line_number, "\"peer_id\" must be a string"));
      c.peer_id = doc["peer_id"].get<std::string>();
    }
    if (!ids.insert(c.id + "." + c.peer_id).second) {
      throw Error(WhereMessage(name, line_number, "duplicate case id \"" + c.id + "\""));
    }
    c.peer = units_of(doc["peer"], "\"peer\"");
    for (const auto& model : doc["models"]) c.models.push_back(units_of(model, "each model"));
    return c;
  };
  // Gzip is inflated as it is read, as every JSONL reader of precis does.
  ingest::InputStream source(in, name);
  ingest::JsonlReader reader(source.rest(), name, source.TakeHead());
  reader.set_max_line_bytes(max_line_bytes);
  for (;;) {
    // Only a line that is bad is the handler's; input that cannot be read
    // (a read error, UTF-16) ends the reading whatever the handler.
    try {
      if (!reader.Next(&line, &line_number)) break;
    } catch (const ingest::LineTooLong& e) {
      if (!on_bad_line) throw;
      on_bad_line(e);
      continue;
    }
    try {
      cases.push_back(parse_line());
    } catch (const Error& e) {
      if (!on_bad_line) throw;
      on_bad_line(e);
    }
  }
  return cases;
}

std::vector<Case> ReadJsonlCases(const std::string& path, const BadCaseHandler& on_bad_line,
                                 std::size_t max_line_bytes) {
  if (path == "-") return ReadJsonlCases(std::cin, "<stdin>", on_bad_line, max_line_bytes);
  errno = 0;
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error(ingest::PathProblem(path, errno));
  return ReadJsonlCases(in, path, on_bad_line, max_line_bytes);
}

PeerResults Evaluate(std::string peer_id, std::vector<Case> cases, const Options& options,
                     const Lexicon& lexicon, int threads) {
  PeerResults results;
  results.peer_id = std::move(peer_id);
  results.metrics = MetricsFor(options);
  results.scores = ScoreCases(cases, options, lexicon, threads);
  results.averages = AverageScores(cases, results.scores, options);
  results.cases = std::move(cases);
  return results;
}

void WriteScriptReport(std::ostream& out, const PeerResults& results, const Options& options, bool per_case) {
  const std::string& peer = results.peer_id;
  std::vector<std::size_t> order(results.cases.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::vector<std::string> keys;
  for (const Case& c : results.cases) keys.push_back(c.id + "." + c.peer_id);
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return EvalKeyLess(keys[a], keys[b]); });
  auto value = [&](double v) { return options.unit == CountingUnit::kSummary ? Fixed5(v) : PerlNumber(v); };

  for (std::size_t m = 0; m < results.metrics.size(); ++m) {
    const std::string tag = peer + " " + results.metrics[m].name;
    const Average& a = results.averages[m];
    out << "---------------------------------------------\n";
    if (options.unit != CountingUnit::kRawCounts) {
      const std::string ci = " (" + options.confidence_text + "%-conf.int. ";
      out << tag << " Average_R: " << Fixed5(a.r) << ci << Fixed5(a.r_low) << " - " << Fixed5(a.r_high) << ")\n";
      out << tag << " Average_P: " << Fixed5(a.p) << ci << Fixed5(a.p_low) << " - " << Fixed5(a.p_high) << ")\n";
      out << tag << " Average_F: " << Fixed5(a.f) << ci << Fixed5(a.f_low) << " - " << Fixed5(a.f_high) << ")\n";
    } else {
      out << tag << " M_count: " << Count(a.model_count) << " P_count: " << Count(a.peer_count)
          << " H_count: " << Count(a.hit_count) << "\n";
    }
    if (per_case) {
      out << ".............................................\n";
      for (std::size_t c : order) {
        const CaseScore& s = results.scores[m][c];
        out << tag << " Eval " << keys[c] << " R:" << value(s.r) << " P:" << value(s.p) << " F:" << value(s.f) << "\n";
      }
    }
  }
}

void WriteJsonRows(std::ostream& out, const PeerResults& results, const Options& options, const std::string& label) {
  auto row = [&](const std::string& case_id, const std::string& metric) {
    OrderedJson j;
    if (!label.empty()) j["options"] = label;
    j["case"] = case_id;
    j["metric"] = metric;
    return j;
  };
  for (std::size_t m = 0; m < results.metrics.size(); ++m) {
    const std::string& metric = results.metrics[m].name;
    for (std::size_t c = 0; c < results.cases.size(); ++c) {
      OrderedJson j = row(results.cases[c].id, metric);
      if (results.cases[c].peer_id != "sys") j["peer"] = results.cases[c].peer_id;
      const CaseScore& s = results.scores[m][c];
      j["R"] = s.r;
      j["P"] = s.p;
      j["F"] = s.f;
      out << j.dump(-1, ' ', false, OrderedJson::error_handler_t::replace) << "\n";
    }
    const Average& a = results.averages[m];
    OrderedJson j = row("*average*", metric);
    if (options.unit == CountingUnit::kRawCounts) {
      j["model_count"] = a.model_count;
      j["peer_count"] = a.peer_count;
      j["hit_count"] = a.hit_count;
    } else {
      j["R"] = a.r;
      j["P"] = a.p;
      j["F"] = a.f;
      j["R_ci"] = {a.r_low, a.r_high};
      j["P_ci"] = {a.p_low, a.p_high};
      j["F_ci"] = {a.f_low, a.f_high};
    }
    out << j.dump(-1, ' ', false, OrderedJson::error_handler_t::replace) << "\n";
  }
}

void WriteJsonDocument(std::ostream& out, const std::vector<PeerResults>& peers, const Options& options) {
  OrderedJson doc;
  doc["confidence"] = options.confidence;
  doc["resamples"] = options.resamples;
  doc["counting_unit"] = static_cast<int>(options.unit);
  OrderedJson list = OrderedJson::array();
  for (const PeerResults& results : peers) {
    OrderedJson peer;
    peer["peer"] = results.peer_id;
    OrderedJson metrics = OrderedJson::array();
    for (std::size_t m = 0; m < results.metrics.size(); ++m) {
      const Average& a = results.averages[m];
      OrderedJson metric;
      metric["metric"] = results.metrics[m].name;
      if (options.unit == CountingUnit::kRawCounts) {
        metric["model_count"] = a.model_count;
        metric["peer_count"] = a.peer_count;
        metric["hit_count"] = a.hit_count;
      } else {
        metric["R"] = a.r;
        metric["P"] = a.p;
        metric["F"] = a.f;
        metric["R_ci"] = {a.r_low, a.r_high};
        metric["P_ci"] = {a.p_low, a.p_high};
        metric["F_ci"] = {a.f_low, a.f_high};
      }
      OrderedJson cases = OrderedJson::array();
      for (std::size_t c = 0; c < results.cases.size(); ++c) {
        const CaseScore& s = results.scores[m][c];
        cases.push_back(OrderedJson{{"case", results.cases[c].id}, {"R", s.r}, {"P", s.p}, {"F", s.f}});
      }
      metric["cases"] = std::move(cases);
      metrics.push_back(std::move(metric));
    }
    peer["metrics"] = std::move(metrics);
    list.push_back(std::move(peer));
  }
  doc["peers"] = std::move(list);
  out << doc.dump(2, ' ', false, OrderedJson::error_handler_t::replace) << "\n";
}

}  // namespace precis::rouge
