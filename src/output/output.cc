#include "precis/output.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>

#include "precis/error.h"
#include "precis/text.h"

namespace precis::output {
namespace {

// "[1,4]", or "[1,4; partly 2]" when some articles report only a part of
// the sentence (summarize::SupportLevel).
std::string Markers(const summarize::SummarySentence& s) {
  std::vector<std::size_t> full, partly;
  for (const summarize::Support& sup : s.support) {
    (sup.level == summarize::SupportLevel::kReports ? full : partly).push_back(sup.doc + 1);
  }
  std::sort(full.begin(), full.end());
  std::sort(partly.begin(), partly.end());
  const auto list = [](const std::vector<std::size_t>& docs) {
    std::string out;
    for (std::size_t i = 0; i < docs.size(); ++i) {
      if (i > 0) out += ',';
      out += std::to_string(docs[i]);
    }
    return out;
  };
  std::string out = "[";
  out += list(full);
  if (!partly.empty()) {
    out += full.empty() ? "partly " : "; partly ";
    out += list(partly);
  }
  out += ']';
  return out;
}

// The words an article opens with, quoted and cut after kStandInWords words
// ("“Ferry halts crossings after …”"): what a reader recognises an
// untitled article by. Empty when the article has no text.
std::string OpeningWords(std::string_view text) {
  constexpr std::size_t kStandInWords = 10;
  const std::size_t line_end = std::min(text.find('\n'), text.size());
  std::string_view line = text.substr(0, line_end);
  std::string words;
  std::size_t count = 0, i = 0;
  while (i < line.size()) {
    while (i < line.size() && line[i] == ' ') ++i;
    const std::size_t start = i;
    while (i < line.size() && line[i] != ' ') ++i;
    if (start == i) break;
    if (count == kStandInWords) return "\xE2\x80\x9C" + words + "\xE2\x80\xA6\xE2\x80\x9D";
    if (count > 0) words += ' ';
    words.append(line.substr(start, i - start));
    ++count;
  }
  return words.empty() ? "" : "\xE2\x80\x9C" + words + "\xE2\x80\x9D";
}

// The title, or what stands in for it when neither outlet nor title is known:
// the article's opening words (a file name such as "001_8fb6.txt" tells a
// reader nothing), else its id.
std::string TitleOrStandIn(const Document& d) {
  if (!d.title.empty() || !d.source.empty()) return d.title;
  std::string opening = OpeningWords(d.text);
  return opening.empty() ? d.id : "untitled: " + opening;
}

// "source — title — date — url" with the known parts: the outlet first, as a
// reader names an article ("Reuters reports ...").
std::string Describe(const Document& d) {
  std::string out;
  const std::string title = TitleOrStandIn(d);
  for (const std::string* part : {&d.source, &title, &d.date, &d.url}) {
    if (part->empty()) continue;
    if (!out.empty()) out += " \xE2\x80\x94 ";
    out += *part;
  }
  return out;
}

// " (copy of [N])" for an article that copies another, else "".
std::string CopyNote(const summarize::Summary& summary, std::size_t d) {
  if (d >= summary.copy_of.size() || summary.copy_of[d] == d) return {};
  return " (copy of [" + std::to_string(summary.copy_of[d] + 1) + "])";
}

// The sentences as one paragraph, each followed by its citation markers.
std::string CitedParagraph(const summarize::Summary& summary) {
  std::string out;
  for (std::size_t i = 0; i < summary.sentences.size(); ++i) {
    if (i > 0) out += ' ';
    out += summary.sentences[i].text;
    // A quotation over several sentences is cited once, at its end.
    if (summary.sentences[i].cites_with_next) continue;
    out += ' ';
    out += Markers(summary.sentences[i]);
  }
  if (!summary.sentences.empty()) out += '\n';
  return out;
}

// "- injured: 12 [1,2,4]; 14 [3]" per disagreement, after a heading;
// nothing when the articles agree.
std::string DisagreementLines(const summarize::Summary& summary, std::string_view heading) {
  if (summary.disagreements.empty()) return {};
  std::string out = "\n";
  out += heading;
  out += "\n";
  for (const summarize::Disagreement& d : summary.disagreements) {
    // "- How many injured: 12 [1,2]; 14 [3]", the label's first letter capitalised.
    std::string about = d.about;
    if (!about.empty() && about[0] >= 'a' && about[0] <= 'z') about[0] = static_cast<char>(about[0] - 'a' + 'A');
    out += "- " + about + ": ";
    for (std::size_t i = 0; i < d.versions.size(); ++i) {
      const summarize::DisagreementVersion& v = d.versions[i];
      if (i > 0) out += "; ";
      out += v.value + " [";
      for (std::size_t k = 0; k < v.docs.size(); ++k) {
        if (k > 0) out += ',';
        out += std::to_string(v.docs[k] + 1);
      }
      out += ']';
    }
    out += '\n';
  }
  return out;
}

// The question line's label: a brief that could not use its question says so.
std::string QuestionLabel(const summarize::Summary& summary) {
  return summary.answers_question ? "Question:" : "Question (not used, generic brief):";
}

std::string Text(const Story& story, const summarize::Summary& summary) {
  std::string out = story.query.empty() ? "" : QuestionLabel(summary) + " " + story.query + "\n\n";
  out += CitedParagraph(summary);
  out += DisagreementLines(summary, "Where the sources disagree:");
  out += "\nSources:\n";
  for (std::size_t d = 0; d < story.docs.size(); ++d) {
    out += '[';
    out += std::to_string(d + 1);
    out += "] ";
    out += Describe(story.docs[d]);
    out += CopyNote(summary, d);
    out += '\n';
  }
  return out;
}

std::string Markdown(const Story& story, const summarize::Summary& summary) {
  std::string out = story.query.empty() ? "" : "**" + QuestionLabel(summary) + "** " + story.query + "\n\n";
  out += CitedParagraph(summary);
  out += DisagreementLines(summary, "**Where the sources disagree**\n");
  out += "\n**Sources**\n\n";
  for (std::size_t d = 0; d < story.docs.size(); ++d) {
    const Document& doc = story.docs[d];
    std::string line = std::to_string(d + 1) + ". ";
    // As in text: the outlet first, the opening words when nothing names it.
    const std::string label = TitleOrStandIn(doc);
    std::string linked = label;
    if (!doc.url.empty()) linked = label.empty() ? "<" + doc.url + ">" : "[" + label + "](" + doc.url + ")";
    line += doc.source;
    if (!doc.source.empty() && !linked.empty()) line += " \xE2\x80\x94 ";
    line += linked;
    if (!doc.date.empty()) line += " (" + doc.date + ")";
    out += line + CopyNote(summary, d) + "\n";
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
  // Article numbers as the reader counts them: [i + 1, ...].
  void ArticleNumbers(const std::vector<std::size_t>& docs) {
    Raw('[');
    for (std::size_t k = 0; k < docs.size(); ++k) {
      if (k > 0) Raw(',');
      Unsigned(docs[k] + 1);
    }
    Raw(']');
  }

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
    w.ArticleNumbers(s.cited_docs);
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
    if (s.cites_with_next) {
      w.Raw(',');
      w.Key("cites_with_next");
      w.Bool(true);
    }
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
      if (sup.sentences > 1) {
        w.Raw(',');
        w.Key("sentences");
        w.Unsigned(sup.sentences);
      }
      w.Raw(',');
      w.Key("level");
      w.String(summarize::SupportLevelName(sup.level));
      w.Raw('}');
    }
    w.Raw(']');
    w.Raw('}');
  }
  w.Raw(']');
  w.Raw(',');
  w.Key("disagreements");
  w.Raw('[');
  for (std::size_t i = 0; i < summary.disagreements.size(); ++i) {
    const summarize::Disagreement& d = summary.disagreements[i];
    if (i > 0) w.Raw(',');
    w.Raw('{');
    w.Key("kind");
    w.String(d.kind);
    w.Raw(',');
    w.Key("about");
    w.String(d.about);
    w.Raw(',');
    w.Key("versions");
    w.Raw('[');
    for (std::size_t k = 0; k < d.versions.size(); ++k) {
      const summarize::DisagreementVersion& v = d.versions[k];
      if (k > 0) w.Raw(',');
      w.Raw('{');
      w.Key("value");
      w.String(v.value);
      w.Raw(',');
      w.Key("docs");
      w.ArticleNumbers(v.docs);
      w.Raw(',');
      w.Key("sentences");
      w.Raw('[');
      for (std::size_t n = 0; n < v.sentences.size(); ++n) {
        if (n > 0) w.Raw(',');
        w.Raw('{');
        w.Key("doc");
        w.Unsigned(v.sentences[n].doc + 1);
        w.Raw(',');
        w.Key("sentence");
        w.Unsigned(v.sentences[n].sentence);
        w.Raw('}');
      }
      w.Raw(']');
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
    if (d < summary.copy_of.size() && summary.copy_of[d] != d) {
      w.Raw(',');
      w.Key("copy_of");
      w.Unsigned(summary.copy_of[d] + 1);
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
