#include "precis/output.h"

#include <nlohmann/json.hpp>

#include <array>
#include <charconv>
#include <cmath>

#include "precis/error.h"
#include "precis/text.h"

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

// The question line's label: a brief that could not use its question says so.
std::string QuestionLabel(const summarize::Summary& summary) {
  return summary.answers_question ? "Question:" : "Question (not used, generic brief):";
}

std::string Text(const Story& story, const summarize::Summary& summary) {
  std::string out = story.query.empty() ? "" : QuestionLabel(summary) + " " + story.query + "\n\n";
  out += CitedParagraph(summary);
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
  std::string out = story.query.empty() ? "" : "**" + QuestionLabel(summary) + "** " + story.query + "\n\n";
  out += CitedParagraph(summary);
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

// The JSON summary is written directly rather than built as an
// nlohmann::ordered_json tree and dumped: the tree cost an allocation per
// value. The bytes are the same as that dump's: compact, keys in this order,
// numbers in nlohmann's shortest round-trip form, strings escaped alike.
class JsonWriter {
 public:
  explicit JsonWriter(std::string* out) : out_(out) {}
  void Key(std::string_view key) {
    String(key);
    out_->push_back(':');
  }
  void String(std::string_view s) {
    // Invalid UTF-8 (never in text that ingest read) gets nlohmann's own
    // replacement rules.
    if (!text::IsValidUtf8(s)) {
      out_->append(nlohmann::json(std::string(s)).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
      return;
    }
    out_->push_back('"');
    std::size_t run = 0;  // start of the bytes not yet copied
    for (std::size_t i = 0; i < s.size(); ++i) {
      const auto c = static_cast<unsigned char>(s[i]);
      if (c >= 0x20 && c != '"' && c != '\\') continue;
      out_->append(s.data() + run, i - run);
      run = i + 1;
      switch (c) {
        case '"': out_->append("\\\""); break;
        case '\\': out_->append("\\\\"); break;
        case '\b': out_->append("\\b"); break;
        case '\t': out_->append("\\t"); break;
        case '\n': out_->append("\\n"); break;
        case '\f': out_->append("\\f"); break;
        case '\r': out_->append("\\r"); break;
        default: {
          static constexpr char kHex[] = "0123456789abcdef";
          const char escape[] = {'\\', 'u', '0', '0', kHex[c >> 4], kHex[c & 15]};
          out_->append(escape, sizeof escape);
        }
      }
    }
    out_->append(s.data() + run, s.size() - run);
    out_->push_back('"');
  }
  void Unsigned(std::size_t n) {
    char buffer[24];
    const auto result = std::to_chars(buffer, buffer + sizeof buffer, n);
    out_->append(buffer, static_cast<std::size_t>(result.ptr - buffer));
  }
  void Double(double x) {
    if (!std::isfinite(x)) {
      out_->append("null");
      return;
    }
    std::array<char, 64> buffer{};
    const char* end = nlohmann::detail::to_chars(buffer.data(), buffer.data() + buffer.size(), x);
    out_->append(buffer.data(), static_cast<std::size_t>(end - buffer.data()));
  }
  void Raw(char c) { out_->push_back(c); }
  void Bool(bool b) { out_->append(b ? "true" : "false"); }

 private:
  std::string* out_;
};

std::string Json(const Story& story, const summarize::Summary& summary) {
  std::string out;
  out.reserve(1024 + 512 * summary.sentences.size());
  JsonWriter w(&out);
  w.Raw('{');
  w.Key("id");
  w.String(summary.story_id);
  w.Raw(',');
  if (!story.query.empty()) {
    w.Key("query");
    w.String(story.query);
    w.Raw(',');
    w.Key("query_used");
    w.Bool(summary.answers_question);
    w.Raw(',');
  }
  w.Key("method");
  w.String(summary.method);
  w.Raw(',');
  w.Key("budget");
  w.Raw('{');
  w.Key("unit");
  w.String(summarize::BudgetKindName(summary.budget.kind));
  w.Raw(',');
  w.Key("limit");
  w.Unsigned(summary.budget.limit);
  w.Raw('}');
  w.Raw(',');
  w.Key("words");
  w.Unsigned(summary.words);
  w.Raw(',');
  w.Key("bytes");
  w.Unsigned(summary.bytes);
  w.Raw(',');
  w.Key("sentences");
  w.Raw('[');
  for (std::size_t i = 0; i < summary.sentences.size(); ++i) {
    const summarize::SummarySentence& s = summary.sentences[i];
    if (i > 0) w.Raw(',');
    w.Raw('{');
    w.Key("text");
    w.String(s.text);
    w.Raw(',');
    w.Key("citations");
    w.Raw('[');
    for (std::size_t k = 0; k < s.cited_docs.size(); ++k) {
      if (k > 0) w.Raw(',');
      w.Unsigned(s.cited_docs[k] + 1);
    }
    w.Raw(']');
    w.Raw(',');
    w.Key("doc");
    w.Unsigned(s.doc + 1);
    w.Raw(',');
    w.Key("sentence");
    w.Unsigned(s.position);
    w.Raw(',');
    w.Key("score");
    w.Double(s.score);
    w.Raw(',');
    w.Key("support_score");
    w.Double(s.support_score);
    w.Raw(',');
    w.Key("event_date");
    w.String(s.event_date);
    if (!s.event_date_earliest.empty()) {
      w.Raw(',');
      w.Key("event_date_range");
      w.Raw('[');
      w.String(s.event_date_earliest);
      w.Raw(',');
      w.String(s.event_date_latest);
      w.Raw(']');
    }
    w.Raw(',');
    w.Key("date_basis");
    w.String(s.date_basis);
    w.Raw(',');
    w.Key("date_phrase");
    w.String(s.date_phrase);
    w.Raw(',');
    w.Key("support");
    w.Raw('[');
    for (std::size_t k = 0; k < s.support.size(); ++k) {
      const summarize::Support& sup = s.support[k];
      if (k > 0) w.Raw(',');
      w.Raw('{');
      w.Key("doc");
      w.Unsigned(sup.doc + 1);
      w.Raw(',');
      w.Key("doc_id");
      w.String(story.docs[sup.doc].id);
      w.Raw(',');
      w.Key("sentence");
      w.Unsigned(sup.sentence);
      w.Raw(',');
      w.Key("similarity");
      w.Double(sup.similarity);
      w.Raw('}');
    }
    w.Raw(']');
    w.Raw('}');
  }
  w.Raw(']');
  w.Raw(',');
  w.Key("sources");
  w.Raw('[');
  for (std::size_t d = 0; d < story.docs.size(); ++d) {
    const Document& doc = story.docs[d];
    if (d > 0) w.Raw(',');
    w.Raw('{');
    w.Key("n");
    w.Unsigned(d + 1);
    w.Raw(',');
    w.Key("id");
    w.String(doc.id);
    const std::pair<const char*, const std::string*> optional[] = {
        {"title", &doc.title}, {"source", &doc.source}, {"date", &doc.date}, {"url", &doc.url}};
    for (const auto& [key, value] : optional) {
      if (value->empty()) continue;
      w.Raw(',');
      w.Key(key);
      w.String(*value);
    }
    w.Raw('}');
  }
  w.Raw(']');
  w.Raw('}');
  out.push_back('\n');
  return out;
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
