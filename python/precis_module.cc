// precis._precis: the compiled half of the Python module.
//
// A thin layer: every call goes to the library (summaries through the run
// API, precis/run.h, ROUGE flags through precis/rouge_args.h), which the
// commands call too, so that Python gets the command's output and its
// messages; the module links no command-line code. Summaries and ROUGE results cross as the JSON the command
// writes; the package (precis/__init__.py) turns it into Python values.
// Calls that work on text release the GIL; the library is reentrant, and
// the summarizer, which keeps per-thread buffers, is one per thread.
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <map>
#include <memory>
#include <optional>
#include <sstream>
#include <string>
#include <tuple>
#include <vector>

#include "precis/error.h"
#include "precis/html.h"
#include "precis/ingest.h"
#include "precis/pipeline.h"
#include "precis/rouge.h"
#include "precis/rouge_args.h"
#include "precis/rouge_io.h"
#include "precis/run.h"
#include "precis/run_options.h"
#include "precis/summarize.h"

namespace py = pybind11;

namespace {

precis::summarize::Summarizer& ThreadSummarizer() {
  thread_local precis::summarize::Summarizer summarizer;
  return summarizer;
}

// The options of `precis summarize`, checked once as the command checks
// them, for any number of stories.
class SummarizeConfig {
 public:
  SummarizeConfig(const std::string& unit, std::size_t limit, const std::string& method,
                  std::optional<std::string> query, double citation_threshold, const std::string& params, bool clean,
                  std::size_t max_docs, std::size_t max_story_bytes, std::size_t max_sentence_bytes) {
    using precis::summarize::BudgetKind;
    options_.summarize.budget = {unit == "bytes"       ? BudgetKind::kBytes
                                 : unit == "sentences" ? BudgetKind::kSentences
                                                       : BudgetKind::kWords,
                                 limit};
    options_.summarize.method = method;
    options_.query = std::move(query);
    options_.summarize.citation_threshold = citation_threshold;
    options_.summarize.params = params;
    options_.clean = clean;
    options_.limits.max_docs = max_docs;
    options_.limits.max_story_bytes = max_story_bytes;
    options_.summarize.max_sentence_bytes = max_sentence_bytes;
    try {
      precis::ValidateRunOptions(options_);
    } catch (const std::exception& e) {
      throw py::value_error(e.what());
    }
  }

  // One story in the JSONL format: (the JSON line, the notes one a line,
  // whether the brief is empty). Errors name `name:number` as batch mode
  // names them.
  std::tuple<std::string, std::string, bool> Summarize(const std::string& line, const std::string& name,
                                                       std::size_t number) const {
    precis::run::StoryResult r =
        precis::run::RunJsonlStory(line, name, number, options_, precis::output::Format::kJson, ThreadSummarizer());
    if (!r.ok()) throw precis::Error(r.error);
    std::string notes;
    for (const std::string& note : r.notes) notes += (notes.empty() ? "" : "\n") + note;
    if (!r.output.empty() && r.output.back() == '\n') r.output.pop_back();
    return {std::move(r.output), std::move(notes), r.empty};
  }

 private:
  precis::RunOptions options_;
};

// The JSON document `precis rouge --jsonl CASES --format json FLAGS` writes,
// with the warnings the command prints. `cases` holds the JSONL cases.
std::tuple<std::string, std::vector<std::string>> RougeJson(const std::string& cases,
                                                             const std::vector<std::string>& flags, int threads) {
  precis::rouge::CommandLine inv;
  try {
    inv = precis::rouge::ParseCommandLine(flags);
  } catch (const std::exception& e) {
    throw py::value_error(e.what());
  }
  if (!inv.positional.empty() || inv.jsonl || inv.file_list_format || !inv.output.empty() || !inv.format.empty() ||
      !inv.label.empty() || inv.usage || inv.full_usage) {
    throw py::value_error("flags: only scoring flags belong here (-n, -m, -s, -l, -b, -x, -w, -2, -u, -U, -f, -p, "
                          "-t, -c, -r, -a, -d, -v, --exceptions, --threads), got: " +
                          [&] {
                            std::string all;
                            for (const auto& f : flags) all += (all.empty() ? "" : " ") + f;
                            return all;
                          }());
  }
  const auto lexicon = inv.exceptions ? precis::rouge::Lexicon::WithExceptionsFile(*inv.exceptions)
                                      : precis::rouge::Lexicon::Builtin();
  std::istringstream in(cases);
  std::map<std::string, std::vector<precis::rouge::Case>> by_peer;
  for (auto& c : precis::rouge::ReadJsonlCases(in, "cases", {}, inv.max_line_bytes)) {
    by_peer[c.peer_id].push_back(std::move(c));
  }
  std::vector<precis::rouge::PeerResults> results;
  for (auto& [peer, peer_cases] : by_peer) {
    results.push_back(precis::rouge::Evaluate(peer, std::move(peer_cases), inv.options, *lexicon,
                                              inv.threads != 0 ? inv.threads : threads));
  }
  std::ostringstream out;
  precis::rouge::WriteJsonDocument(out, results, inv.options);
  return {out.str(), inv.warnings};
}

py::dict DocumentFields(const precis::Document& d) {
  py::dict out;
  out["id"] = d.id;
  out["title"] = d.title;
  out["date"] = d.date;
  out["author"] = d.author;
  out["source"] = d.source;
  out["url"] = d.url;
  out["language"] = d.language;
  return out;
}

const char* KindName(precis::ParagraphKind kind) {
  return kind == precis::ParagraphKind::kHeading ? "heading" : "body";
}

// What `precis clean --format json` gives for one document.
py::dict CleanedFields(const precis::CleanedDocument& cleaned) {
  py::dict out = DocumentFields(cleaned.doc);
  out["title_line"] = cleaned.title_line;
  out["date_line"] = cleaned.date_line;
  py::list paragraphs, removed;
  for (const auto& p : cleaned.paragraphs) {
    py::dict item;
    item["text"] = p.text;
    item["kind"] = KindName(p.kind);
    item["line"] = p.line;
    paragraphs.append(std::move(item));
  }
  for (const auto& r : cleaned.removed) {
    py::dict item;
    item["line"] = r.line;
    item["text"] = r.text;
    item["reason"] = r.reason;
    removed.append(std::move(item));
  }
  out["paragraphs"] = std::move(paragraphs);
  out["removed"] = std::move(removed);
  return out;
}

// One article read as `precis clean FILE` reads a file named `id` (HTML by
// extension or content), cleaned as it cleans it.
py::dict Clean(std::string bytes, const std::string& id, bool clean) {
  precis::CleanedDocument cleaned;
  {
    py::gil_scoped_release release;
    precis::Story story;
    story.docs.push_back(precis::ingest::ArticleFromBytes(std::move(bytes), id, id.empty() ? "text" : id));
    cleaned = std::move(precis::CleanStoryInput(story, precis::CleanOptions{}, clean).at(0));
  }
  return CleanedFields(cleaned);
}

py::dict Extract(const std::string& html, const std::string& url) {
  precis::ExtractedArticle article;
  {
    py::gil_scoped_release release;
    precis::ExtractOptions options;
    options.known.url = url;
    article = precis::ExtractArticleWithStructure(html, options);
  }
  py::dict out = DocumentFields(article.doc);
  py::list paragraphs;
  for (const auto& p : article.paragraphs) {
    py::dict item;
    item["text"] = p.text;
    item["kind"] = KindName(p.kind);
    paragraphs.append(std::move(item));
  }
  out["paragraphs"] = std::move(paragraphs);
  out["text"] = article.doc.text;
  return out;
}

}  // namespace

PYBIND11_MODULE(_precis, m) {
  m.doc() = "The compiled core of the precis package; use the package (import precis), not this module.";
  py::register_exception<precis::Error>(m, "Error", PyExc_ValueError);

  py::class_<SummarizeConfig>(m, "SummarizeConfig")
      .def(py::init<const std::string&, std::size_t, const std::string&, std::optional<std::string>, double,
                    const std::string&, bool, std::size_t, std::size_t, std::size_t>(),
           py::arg("unit"), py::arg("limit"), py::arg("method"), py::arg("query"), py::arg("citation_threshold"),
           py::arg("params"), py::arg("clean"), py::arg("max_docs"), py::arg("max_story_bytes"),
           py::arg("max_sentence_bytes"))
      .def("summarize", &SummarizeConfig::Summarize, py::arg("line"), py::arg("name"), py::arg("number"),
           py::call_guard<py::gil_scoped_release>(),
           "One JSONL story: (the JSON summary line, notes, whether the brief is empty).");

  m.def("rouge_json", &RougeJson, py::arg("cases"), py::arg("flags"), py::arg("threads"),
        py::call_guard<py::gil_scoped_release>(),
        "The JSON document of precis rouge --jsonl for JSONL cases, and the warnings.");
  m.def("clean", &Clean, py::arg("text"), py::arg("id"), py::arg("clean"),
        "One article cleaned as precis clean --format json shows it.");
  m.def("extract", &Extract, py::arg("html"), py::arg("url"), "The article of an HTML page.");
  m.def("method_names", &precis::summarize::MethodNames);
  m.def("default_method", [] { return std::string(precis::summarize::DefaultMethod()); });
}
