#include "precis/output.h"

#include <nlohmann/json.hpp>

#include "precis/error.h"

namespace precis::output {
namespace {

std::string Markers(const summarize::SummarySentence& s) {
  std::string out = "[";
  for (std::size_t i = 0; i < s.cited_docs.size(); ++i) {
    if (i > 0) out += ',';
    out += std::to_string(s.cited_docs[i] + 1);
  }
  out += ']';
  return out;
}

// "title — source — date — url" with the known parts; the id when none is.
std::string Describe(const Document& d) {
  std::string out;
  for (const std::string* part : {&d.title, &d.source, &d.date, &d.url}) {
    if (part->empty()) continue;
    if (!out.empty()) out += " \xE2\x80\x94 ";
    out += *part;
  }
  if (out.empty()) out = d.id;
  return out;
}

// The sentences as one paragraph, each followed by its citation markers.
std::string CitedParagraph(const summarize::Summary& summary) {
  std::string out;
  for (std::size_t i = 0; i < summary.sentences.size(); ++i) {
    if (i > 0) out += ' ';
    out += summary.sentences[i].text;
    out += ' ';
    out += Markers(summary.sentences[i]);
  }
  if (!summary.sentences.empty()) out += '\n';
  return out;
}

std::string Text(const Story& story, const summarize::Summary& summary) {
  std::string out = CitedParagraph(summary);
  out += "\nSources:\n";
  for (std::size_t d = 0; d < story.docs.size(); ++d) {
    out += '[';
    out += std::to_string(d + 1);
    out += "] ";
    out += Describe(story.docs[d]);
    out += '\n';
  }
  return out;
}

std::string Markdown(const Story& story, const summarize::Summary& summary) {
  std::string out = CitedParagraph(summary);
  out += "\n**Sources**\n\n";
  for (std::size_t d = 0; d < story.docs.size(); ++d) {
    const Document& doc = story.docs[d];
    std::string line = std::to_string(d + 1) + ". ";
    std::string label = doc.title.empty() ? doc.id : doc.title;
    if (!doc.url.empty()) {
      line += "[" + label + "](" + doc.url + ")";
    } else {
      line += label;
    }
    std::string extra;
    for (const std::string* part : {&doc.source, &doc.date}) {
      if (part->empty()) continue;
      extra += (extra.empty() ? "" : ", ") + *part;
    }
    if (!extra.empty()) line += " (" + extra + ")";
    out += line + "\n";
  }
  return out;
}

std::string Json(const Story& story, const summarize::Summary& summary) {
  nlohmann::ordered_json j;
  j["id"] = summary.story_id;
  j["method"] = summary.method;
  j["budget"] = {{"unit", std::string(summarize::BudgetKindName(summary.budget.kind))},
                 {"limit", summary.budget.limit}};
  j["words"] = summary.words;
  j["bytes"] = summary.bytes;
  nlohmann::ordered_json sentences = nlohmann::ordered_json::array();
  for (const auto& s : summary.sentences) {
    nlohmann::ordered_json js;
    js["text"] = s.text;
    nlohmann::ordered_json cites = nlohmann::ordered_json::array();
    for (std::size_t d : s.cited_docs) cites.push_back(d + 1);
    js["citations"] = cites;
    js["doc"] = s.doc + 1;
    js["sentence"] = s.position;
    js["score"] = s.score;
    js["support_score"] = s.support_score;
    nlohmann::ordered_json support = nlohmann::ordered_json::array();
    for (const auto& sup : s.support) {
      support.push_back({{"doc", sup.doc + 1},
                         {"doc_id", story.docs[sup.doc].id},
                         {"sentence", sup.sentence},
                         {"similarity", sup.similarity}});
    }
    js["support"] = support;
    sentences.push_back(js);
  }
  j["sentences"] = sentences;
  nlohmann::ordered_json sources = nlohmann::ordered_json::array();
  for (std::size_t d = 0; d < story.docs.size(); ++d) {
    const Document& doc = story.docs[d];
    nlohmann::ordered_json js;
    js["n"] = d + 1;
    js["id"] = doc.id;
    if (!doc.title.empty()) js["title"] = doc.title;
    if (!doc.source.empty()) js["source"] = doc.source;
    if (!doc.date.empty()) js["date"] = doc.date;
    if (!doc.url.empty()) js["url"] = doc.url;
    sources.push_back(js);
  }
  j["sources"] = sources;
  return j.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + "\n";
}

}  // namespace

Format ParseFormat(std::string_view name) {
  if (name == "text") return Format::kText;
  if (name == "markdown" || name == "md") return Format::kMarkdown;
  if (name == "json") return Format::kJson;
  throw Error("unknown format \"" + std::string(name) + "\" (text, markdown, json)");
}

std::string FormatSummary(const Story& story, const summarize::Summary& summary, Format format) {
  switch (format) {
    case Format::kText: return Text(story, summary);
    case Format::kMarkdown: return Markdown(story, summary);
    case Format::kJson: return Json(story, summary);
  }
  return {};
}

}  // namespace precis::output
