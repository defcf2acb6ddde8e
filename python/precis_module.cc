// precis._precis: the compiled half of the Python module.
//
// A thin layer: every call goes to the library (summaries through the run
// API, precis/run.h, ROUGE flags through precis/rouge_args.h, clustering
// through precis/cluster_stream.h), which the
// commands call too, so that Python gets the command's output and its
// messages; the module links no command-line code. Summaries and ROUGE results cross as the JSON the command
// writes; the package (precis/__init__.py) turns it into Python values.
// Calls that work on text release the GIL; the library is reentrant, and
// the summarizer, which keeps per-thread buffers, is one per thread.
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <sstream>
#include <string>
#include <tuple>
#include <variant>
#include <vector>

#include "precis/cluster.h"
#include "precis/cluster_stream.h"
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

// --- clustering ---------------------------------------------------------------

using precis::cluster::Options;
using OptionField = std::variant<double Options::*, std::size_t Options::*, bool Options::*>;

// Every field of cluster::Options, by its C++ name (README "precis cluster").
const std::vector<std::pair<std::string, OptionField>>& ClusterOptionFields() {
  static const std::vector<std::pair<std::string, OptionField>> fields = {
      {"threshold", &Options::threshold},
      {"singleton_margin", &Options::singleton_margin},
      {"size_slope", &Options::size_slope},
      {"min_threshold_share", &Options::min_threshold_share},
      {"member_weight", &Options::member_weight},
      {"max_members", &Options::max_members},
      {"window_days", &Options::window_days},
      {"decay_days", &Options::decay_days},
      {"title_weight", &Options::title_weight},
      {"name_weight", &Options::name_weight},
      {"max_words", &Options::max_words},
      {"word_key_bytes", &Options::word_key_bytes},
      {"max_body_bytes", &Options::max_body_bytes},
      {"idf_prior_docs", &Options::idf_prior_docs},
      {"idf_power", &Options::idf_power},
      {"no_shared_name_factor", &Options::no_shared_name_factor},
      {"sublinear_tf", &Options::sublinear_tf},
      {"detect_copies", &Options::detect_copies},
      {"copy_containment", &Options::copy_containment},
      {"copy_window_days", &Options::copy_window_days},
      {"max_open_stories", &Options::max_open_stories},
      {"max_candidates", &Options::max_candidates},
      {"max_article_terms", &Options::max_article_terms},
      {"max_centroid_terms", &Options::max_centroid_terms},
  };
  return fields;
}

// The defaults: the command's flags ("threshold", "window", "min_size",
// "reorder", "clean") and every field of cluster::Options by name.
std::tuple<py::dict, py::dict> ClusterDefaults() {
  const precis::cluster::StreamOptions stream;
  py::dict flags, options;
  flags["threshold"] = stream.options.threshold;
  flags["window"] = stream.options.window_days;
  flags["min_size"] = stream.min_size;
  flags["reorder"] = stream.reorder;
  flags["clean"] = stream.clean;
  for (const auto& field : ClusterOptionFields()) {
    std::visit([&](auto member) { options[py::str(field.first)] = stream.options.*member; }, field.second);
  }
  return {flags, options};
}

void SetOption(Options& o, const std::string& name, const py::handle& value) {
  for (const auto& field : ClusterOptionFields()) {
    if (field.first != name) continue;
    if (std::holds_alternative<bool Options::*>(field.second)) {
      if (!py::isinstance<py::bool_>(value)) throw py::value_error("options: " + name + " expects True or False");
      o.*std::get<bool Options::*>(field.second) = value.cast<bool>();
    } else if (std::holds_alternative<std::size_t Options::*>(field.second)) {
      if (py::isinstance<py::bool_>(value) || !py::isinstance<py::int_>(value) || value.cast<long long>() < 0) {
        throw py::value_error("options: " + name + " expects a whole number, at least 0");
      }
      o.*std::get<std::size_t Options::*>(field.second) = value.cast<std::size_t>();
    } else {
      if (py::isinstance<py::bool_>(value) || !(py::isinstance<py::int_>(value) || py::isinstance<py::float_>(value))) {
        throw py::value_error("options: " + name + " expects a number");
      }
      o.*std::get<double Options::*>(field.second) = value.cast<double>();
    }
    return;
  }
  std::string known;
  for (const auto& field : ClusterOptionFields()) known += (known.empty() ? "" : ", ") + field.first;
  throw py::value_error("options: no cluster option \"" + name + "\" (known: " + known + ")");
}

// A stream of articles clustered as `precis cluster` clusters it
// (precis/cluster_stream.h), fed JSONL lines. Safe to share between threads
// (one call at a time); the work runs without the GIL.
class ClusterStream {
 public:
  ClusterStream(const py::dict& options, std::size_t min_size, std::size_t reorder, bool clean, bool keep_docs,
                std::size_t threads) {
    precis::cluster::StreamOptions stream;
    for (const auto& item : options) SetOption(stream.options, item.first.cast<std::string>(), item.second);
    stream.min_size = min_size;
    stream.reorder = reorder;
    stream.clean = clean;
    stream.keep_docs = keep_docs;
    try {
      stream_ = std::make_unique<precis::cluster::StreamClusterer>(stream);
    } catch (const precis::Error& e) {
      throw py::value_error(e.what());
    }
    clean_ = clean;
    for (std::size_t t = 0; t < std::max<std::size_t>(1, threads); ++t) analyzers_.emplace_back(stream.options);
  }

  // Adds the articles of JSONL lines, each (line, number, indexes): the
  // line's articles at those indexes (all when empty), named name:number.
  // Returns, per article added, (seq, number, index, error: "" when it was
  // clustered or waits to be).
  std::vector<std::tuple<std::size_t, std::size_t, long, std::string>> AddLines(
      const std::vector<std::tuple<std::string, std::size_t, std::vector<std::size_t>>>& lines,
      const std::string& name) {
    std::lock_guard<std::mutex> lock(mutex_);
    std::vector<precis::cluster::StreamArticle> block;
    std::vector<std::tuple<std::size_t, std::size_t, long, std::string>> added;
    for (const auto& [line, number, indexes] : lines) {
      std::string where = precis::WhereMessage(name, number, "");
      std::vector<precis::Document> docs;
      try {
        docs = precis::ingest::ParseArticleLine(line, name, number);
      } catch (const precis::Error& e) {
        precis::cluster::StreamArticle& bad = block.emplace_back();
        bad.seq = next_seq_++;
        bad.error = e.what();
        added.emplace_back(bad.seq, number, -1, "");
        continue;
      }
      std::vector<std::size_t> take = indexes;
      if (take.empty()) {
        for (std::size_t k = 0; k < docs.size(); ++k) take.push_back(k);
      }
      for (std::size_t k : take) {
        if (k >= docs.size()) throw py::index_error(where + "no article " + std::to_string(k) + " in the line");
        precis::cluster::StreamArticle& article = block.emplace_back();
        article.seq = next_seq_++;
        article.where = where;
        article.doc = docs[k];
        added.emplace_back(article.seq, number, static_cast<long>(k), "");
      }
    }
    precis::cluster::PrepareArticles(block, clean_, analyzers_);
    for (std::size_t i = 0; i < block.size(); ++i) {
      std::get<3>(added[i]) = block[i].error;
      stream_->Add(std::move(block[i]));
    }
    return added;
  }

  // (seq, article id, story, copy_of or None), in order of clustering.
  std::vector<std::tuple<std::size_t, std::string, std::string, std::optional<std::string>>> TakePlaced() {
    std::lock_guard<std::mutex> lock(mutex_);
    std::vector<std::tuple<std::size_t, std::string, std::string, std::optional<std::string>>> out;
    for (auto& p : stream_->TakePlaced()) {
      out.emplace_back(p.seq, std::move(p.id), precis::cluster::StoryName(p.story), std::move(p.copy_of));
    }
    return out;
  }

  using StoryTuple = std::tuple<std::string, std::vector<std::string>, std::vector<std::size_t>>;

  // (story id, its docs as the JSON precis cluster writes, its articles'
  // seqs), closed stories in order of closing.
  std::vector<StoryTuple> TakeStories() {
    std::lock_guard<std::mutex> lock(mutex_);
    return Stories(stream_->TakeStories());
  }

  std::vector<StoryTuple> OpenStories() {
    std::lock_guard<std::mutex> lock(mutex_);
    return Stories(stream_->OpenStories());
  }

  void Finish() {
    std::lock_guard<std::mutex> lock(mutex_);
    stream_->Finish();
  }

  py::dict Counts() {
    precis::cluster::StreamClusterer::Counts c;
    std::size_t open = 0;
    {
      py::gil_scoped_release release;
      std::lock_guard<std::mutex> lock(mutex_);
      c = stream_->counts();
      open = stream_->open_stories();
    }
    py::dict out;
    out["read"] = c.read;
    out["clustered"] = c.clustered;
    out["copies"] = c.copies;
    out["failed"] = c.failed;
    out["stories"] = c.stories;
    out["written"] = c.written;
    out["small"] = c.small;
    out["small_articles"] = c.small_articles;
    out["open"] = open;
    return out;
  }

 private:
  static std::vector<StoryTuple> Stories(std::vector<precis::cluster::StreamClusterer::StoryDocs> stories) {
    std::vector<StoryTuple> out;
    for (auto& story : stories) {
      out.emplace_back(precis::cluster::StoryName(story.id), std::move(story.docs), std::move(story.seqs));
    }
    return out;
  }

  std::mutex mutex_;
  std::unique_ptr<precis::cluster::StreamClusterer> stream_;
  std::vector<precis::cluster::ArticleAnalyzer> analyzers_;
  bool clean_ = true;
  std::size_t next_seq_ = 0;
};

// The day of an ISO 8601 date (days since 1970-01-01), as the clusterer reads it.
std::optional<double> ParseDay(const std::string& date) { return precis::cluster::ParseDay(date); }

// The dates of the articles of JSONL lines, as the clusterer takes them:
// per line (number, [day or None per article], error or ""). An article
// whose "date" cannot be read is cleaned, which may find a date in its text
// or page; otherwise None.
std::vector<std::tuple<std::size_t, std::vector<std::optional<double>>, std::string>> ArticleDays(
    const std::vector<std::tuple<std::string, std::size_t>>& lines, const std::string& name, bool clean) {
  std::vector<std::tuple<std::size_t, std::vector<std::optional<double>>, std::string>> out;
  precis::cluster::ArticleAnalyzer analyzer;
  std::vector<precis::cluster::ArticleAnalyzer> one;
  one.push_back(std::move(analyzer));
  for (const auto& [line, number] : lines) {
    std::vector<std::optional<double>> days;
    std::vector<precis::Document> docs;
    try {
      docs = precis::ingest::ParseArticleLine(line, name, number);
    } catch (const precis::Error& e) {
      out.emplace_back(number, std::move(days), e.what());
      continue;
    }
    for (precis::Document& doc : docs) {
      std::optional<double> day = precis::cluster::ParseDay(doc.date);
      if (!day) {
        std::vector<precis::cluster::StreamArticle> block(1);
        block[0].doc = std::move(doc);
        precis::cluster::PrepareArticles(block, clean, one);
        if (block[0].error.empty()) day = block[0].features.day;
      }
      days.push_back(day);
    }
    out.emplace_back(number, std::move(days), "");
  }
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
  m.def("cluster_defaults", &ClusterDefaults,
        "The defaults of precis cluster: (its flags by name, every field of cluster::Options by name).");
  py::class_<ClusterStream>(m, "ClusterStream")
      .def(py::init<const py::dict&, std::size_t, std::size_t, bool, bool, std::size_t>(), py::arg("options"),
           py::arg("min_size"), py::arg("reorder"), py::arg("clean"), py::arg("keep_docs"), py::arg("threads"))
      .def("add_lines", &ClusterStream::AddLines, py::arg("lines"), py::arg("name"),
           py::call_guard<py::gil_scoped_release>(),
           "Adds the articles of (line, number, indexes): [(seq, number, index, error)].")
      .def("take_placed", &ClusterStream::TakePlaced, py::call_guard<py::gil_scoped_release>())
      .def("take_stories", &ClusterStream::TakeStories, py::call_guard<py::gil_scoped_release>())
      .def("open_stories", &ClusterStream::OpenStories, py::call_guard<py::gil_scoped_release>())
      .def("finish", &ClusterStream::Finish, py::call_guard<py::gil_scoped_release>())
      .def("counts", &ClusterStream::Counts);
  m.def("parse_day", &ParseDay, py::arg("date"));
  m.def("article_days", &ArticleDays, py::arg("lines"), py::arg("name"), py::arg("clean"),
        py::call_guard<py::gil_scoped_release>(),
        "Per JSONL line (number, [day or None per article], error or '').");
  m.def("method_names", &precis::summarize::MethodNames);
  m.def("default_method", [] { return std::string(precis::summarize::DefaultMethod()); });
}
