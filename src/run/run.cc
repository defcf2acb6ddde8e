#include "precis/run.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <istream>
#include <utility>

#include "common/ordered_executor.h"
#include "common/threads.h"
#include "precis/pipeline.h"
#include "precis/story_check.h"

namespace precis::run {
namespace {

namespace fs = std::filesystem;

// The clean stage: what the summarizer reads of a story as ingest read it,
// with the question RunOptions::query asks.
Story Prepare(const Story& raw, const RunOptions& run) {
  Story story = SummarizerInput(raw, CleanStoryInput(raw, CleanOptions{}, run.clean));
  if (run.query) story.query = ingest::NormalizeQuestion(*run.query);
  return story;
}

std::string WithThousands(std::size_t n) {
  std::string digits = std::to_string(n), out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}

std::size_t StoryBytes(const Story& story) {
  std::size_t bytes = 0;
  for (const Document& doc : story.docs) bytes += doc.text.size() + doc.html.size();
  return bytes + story.query.size();
}

// Refuses a story over the limits, naming it (`where` ends with ": " or is
// empty) and the flag that raises the limit.
void CheckLimits(const Story& story, const StoryLimits& limits, const std::string& where) {
  if (story.docs.size() > limits.max_docs) {
    throw Error(where + "the story has " + WithThousands(story.docs.size()) + " documents, more than the limit of " +
                WithThousands(limits.max_docs) + " (--max-docs)");
  }
  const std::size_t bytes = StoryBytes(story);
  if (bytes > limits.max_story_bytes) {
    throw Error(where + "the story has " + WithThousands(bytes) + " bytes of text, more than the limit of " +
                WithThousands(limits.max_story_bytes) + " (--max-story-bytes)");
  }
}

// A story whose articles hold no text once cleaned (empty files, pages
// without an article, junk only) is bad input, not an empty summary.
void CheckHasText(const Story& story, const std::string& where) {
  for (const Document& doc : story.docs) {
    if (doc.text.find_first_not_of(" \t\n") != std::string::npos) return;
  }
  throw Error(where + "no article text to summarize: the articles are empty or hold only page junk or markup "
                      "(--no-clean keeps every line of text articles)");
}

// The note for sentences cut at --max-sentence-bytes (empty when none was).
std::string CutNote(const summarize::Summary& summary, const summarize::Options& options, const std::string& where) {
  if (summary.sentences_cut == 0) return "";
  return where + WithThousands(summary.sentences_cut) +
         (summary.sentences_cut == 1 ? " sentence was" : " sentences were") + " longer than " +
         WithThousands(options.max_sentence_bytes) + " bytes and cut into pieces (--max-sentence-bytes)";
}

// The note for a question the brief could not answer (empty when there was
// none, or it was answered).
std::string QuestionNote(const Story& story, const summarize::Summary& summary, const std::string& where) {
  if (story.query.empty() || summary.answers_question) return "";
  if (const summarize::MethodInfo* method = summarize::FindMethod(summary.method);
      method == nullptr || !method->reads_questions) {
    return where + "--method " + summary.method + " does not read questions: the brief is generic";
  }
  return where + "no word of the question is a content word of the articles: the brief is generic";
}

// The note for articles that hold no running text (a password file, a log,
// a table): summarized all the same, but the user should look.
std::string ProseNote(const Story& story, const std::string& where) {
  std::string which;  // "1 (passwd), 3 (table.csv)": the first three named
  std::size_t count = 0;
  for (std::size_t i = 0; i < story.docs.size(); ++i) {
    const Document& doc = story.docs[i];
    if (doc.text.find_first_not_of(" \t\n") == std::string::npos || ingest::LooksLikeProse(doc.text)) continue;
    if (++count > 3) continue;
    which += (which.empty() ? "" : ", ") + std::to_string(i + 1) + (doc.id.empty() ? "" : " (" + doc.id + ")");
  }
  if (count == 0) return "";
  if (count > 3) which += " and " + std::to_string(count - 3) + " more";
  return where + (count == 1 ? "article " + which + " does" : "articles " + which + " do") +
         " not look like prose (no line of eight words or more of running text): is the input an article?";
}

// "1, 2, 5": 1-based article numbers, the first five named.
std::string ArticleNumbers(const std::vector<std::size_t>& docs) {
  std::string out;
  for (std::size_t k = 0; k < docs.size() && k < 5; ++k) out += (k > 0 ? ", " : "") + std::to_string(docs[k] + 1);
  if (docs.size() > 5) out += " and " + std::to_string(docs.size() - 5) + " more";
  return out;
}

// The note for articles that do not look like one story (one brief of
// several stories mixes them): summarized all the same.
std::string OneStoryNote(const Story& story) {
  const summarize::StoryGroups g = summarize::GroupArticles(story);
  if (!g.several_stories) return "";
  if (g.groups[0].size() == 1) {
    return "the articles look unrelated: no two of the " + std::to_string(g.groups.size()) +
           " articles share many content words; is this one story? (give each story on its own, or sort them with "
           "precis cluster)";
  }
  return "the articles look like several stories: articles " + ArticleNumbers(g.groups[0]) +
         " share few content words with articles " + ArticleNumbers(g.groups[1]) +
         "; is this one story? (give each story on its own, or sort them with precis cluster)";
}

// The notes of one summary, in the order the user hears them.
void AddNotes(const Story& story, const summarize::Summary& summary, const summarize::Options& options,
              const std::string& where, std::vector<std::string>* notes) {
  for (const std::string& note :
       {ProseNote(story, where), CutNote(summary, options, where), QuestionNote(story, summary, where)}) {
    if (!note.empty()) notes->push_back(note);
  }
}

// Why a brief is empty, or "" when it is not: no sentence of the story fits
// the budget (a tiny budget, or a story without a sentence to choose).
std::string EmptyBriefNote(const summarize::Summary& summary, const summarize::Options& options) {
  if (!summary.sentences.empty()) return "";
  return "no sentence could be selected within the budget of " + WithThousands(options.budget.limit) + " " +
         std::string(summarize::BudgetKindName(options.budget.kind));
}

// A JSON summary line with the empty brief's note added as "note", so a
// reader of the JSON alone learns why it holds no sentence.
std::string WithEmptyNote(std::string json, const std::string& note) {
  if (note.empty() || json.size() < 2 || json.compare(json.size() - 2, 2, "}\n") != 0) return json;
  json.resize(json.size() - 2);
  return json + ",\"note\":" + nlohmann::json(note).dump() + "}\n";
}

// One story, whichever way it came: `where` is "" in articles mode and
// "name:line: " in a stream. Throws for a story that cannot be summarized.
void Summarize(const Story& raw, const RunOptions& run, output::Format format, summarize::Summarizer& summarizer,
               const std::string& where, StoryResult* r) {
  const summarize::Options& options = run.summarize;
  r->story_id = raw.id;
  if (raw.docs.empty()) throw Error(where.empty() ? "no articles to summarize" : where + "the story has no documents");
  CheckLimits(raw, run.limits, where);
  const Story story = Prepare(raw, run);
  r->articles = story.docs.size();
  r->articles_with_text = static_cast<std::size_t>(std::count_if(
      story.docs.begin(), story.docs.end(),
      [](const Document& doc) { return doc.text.find_first_not_of(" \t\n") != std::string::npos; }));
  CheckHasText(story, where);
  const summarize::Summary summary = summarizer.Summarize(story, options);
  AddNotes(story, summary, options, where, &r->notes);
  // Articles mode only: grouping the articles costs a second look at each.
  if (where.empty()) {
    if (std::string note = OneStoryNote(story); !note.empty()) r->notes.push_back(std::move(note));
  }
  const std::string empty_note = EmptyBriefNote(summary, options);
  r->empty = !empty_note.empty();
  if (r->empty) r->notes.push_back(where + empty_note);
  r->output = format == output::Format::kJson
                  ? WithEmptyNote(output::FormatSummary(story, summary, output::Format::kJson), empty_note)
                  : output::FormatSummary(story, summary, format);
}

// One line of a JSONL input as a stream takes it: the line, or why it
// could not be read.
struct StreamLine {
  std::string line;
  std::size_t number = 0;
  std::string error;
  bool read_failure = false;  // the input cannot be read any further
};

}  // namespace

StoryInput OpenInputs(const std::vector<std::string>& inputs, std::istream& in, const StoryLimits& limits) {
  StoryInput input;
  ingest::ArticleSink sink;
  sink.article = [&input](Document doc, const std::string&) {
    input.story.docs.push_back(std::move(doc));
    return true;
  };
  sink.problem = ingest::ThrowProblem;
  // JSONL (gzip too: inflated as it is read) is a stream of stories, the
  // only input.
  sink.jsonl = [&](std::unique_ptr<ingest::InputStream> source) {
    if (inputs.size() != 1) {
      throw InputMisuse(source->name() == "<stdin>"
                            ? "JSONL on standard input cannot be mixed with other inputs"
                            : "a JSONL file of stories must be the only input (" + source->name() + ")");
    }
    input.stories = std::make_unique<ingest::JsonlReader>(source->rest(), source->name(), source->TakeHead());
    input.source = std::move(source);
    return true;
  };
  ingest::ArticleLimits article_limits;
  article_limits.max_total_bytes = limits.max_story_bytes;
  ingest::ReadArticles(inputs, in, article_limits, sink);
  if (!input.stories && !inputs.empty()) input.story.id = ingest::StoryIdOf(inputs.front());
  return input;
}

StoryResult RunStory(const Story& story, const RunOptions& options, output::Format format,
                     summarize::Summarizer& summarizer) {
  StoryResult r;
  try {
    Summarize(story, options, format, summarizer, "", &r);
  } catch (const std::exception& e) {
    r.error = e.what();
  }
  return r;
}

StoryResult RunJsonlStory(const std::string& line, const std::string& name, std::size_t number,
                          const RunOptions& options, output::Format format, summarize::Summarizer& summarizer) {
  StoryResult r;
  r.number = number;
  try {
    const Story raw = ingest::ParseStoryJson(line, name, number);
    Summarize(raw, options, format, summarizer, WhereMessage(name, number, ""), &r);
  } catch (const Error& e) {
    r.error = e.what();
  } catch (const std::exception& e) {
    r.error = WhereMessage(name, number, e.what());
  }
  return r;
}

RunSummary RunStream(ingest::JsonlReader& stories, const RunOptions& options, output::Format format,
                     const ResultSink& deliver, const std::function<bool()>& cancelled) {
  const std::size_t threads = ResolveThreads(static_cast<long>(options.threads));
  const bool skip = options.on_error == OnError::kSkip;
  stories.set_max_line_bytes(options.limits.max_line_bytes);

  bool eof = false;           // read by take() only
  bool input_broken = false;  // a read error ended the input early
  const auto take = [&](StreamLine& item) {
    if (eof || (cancelled && cancelled())) return false;
    item.error.clear();
    item.read_failure = false;
    try {
      if (!stories.Next(&item.line, &item.number)) return false;
    } catch (const ingest::LineTooLong& e) {
      item.error = std::string(e.what()) + " (--max-line-bytes)";
      // The run stops here: no other worker may go on to skip the rest of
      // the line (which may never end).
      if (!skip) eof = true;
    } catch (const std::exception& e) {
      // The input cannot be read any further: the run is incomplete
      // whatever on_error says.
      eof = true;
      input_broken = true;
      item.read_failure = true;
      item.error = e.what();
    }
    return true;
  };
  const auto work = [&](summarize::Summarizer& summarizer, StreamLine& item, std::size_t) {
    if (item.error.empty()) return RunJsonlStory(item.line, stories.name(), item.number, options, format, summarizer);
    StoryResult r;
    r.number = item.number;
    r.error = item.error;
    r.read_failure = item.read_failure;
    return r;
  };
  RunSummary summary;
  const auto count_and_deliver = [&](std::size_t index, StoryResult&& r) {
    const bool failed = !r.ok();
    const bool go_on = !failed || (skip && !r.read_failure);
    if (failed) {
      ++summary.failed;
    } else {
      ++summary.summarized;
      if (r.empty) ++summary.empty_briefs;
    }
    return deliver(index, std::move(r)) && go_on;
  };
  const OrderedRunStats stats = RunOrdered<StreamLine>(
      threads, take, [] { return summarize::Summarizer(); }, work, count_and_deliver);
  summary.stopped = stats.stopped && !skip && summary.failed > 0;
  summary.complete = !input_broken && !stats.stopped;
  summary.threads_asked = threads;
  summary.threads_ran = stats.threads_ran;
  return summary;
}

}  // namespace precis::run
