#include "cli/summarize_command.h"

#include "cli/numbers.h"
#include "cli/output_target.h"

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>
#include <unistd.h>

#include <filesystem>
#include <iostream>

#include "common/ordered_executor.h"
#include "precis/error.h"
#include "precis/ingest.h"
#include "precis/output.h"
#include "precis/pipeline.h"
#include "precis/story_check.h"
#include "precis/summarize.h"
#include "precis/text.h"

namespace precis::cli {
namespace {

namespace fs = std::filesystem;

struct UsageProblem : std::runtime_error {
  using std::runtime_error::runtime_error;
};

}  // namespace

// The run's options from the flags: the budget flag given, then every
// option checked by the library.
RunOptions MakeOptions(const SummarizeInvocation& inv) {
  RunOptions o = inv.run;
  const int given = (inv.words ? 1 : 0) + (inv.bytes ? 1 : 0) + (inv.sentences ? 1 : 0);
  if (given > 1) throw UsageProblem("give only one of --words, --bytes, --sentences");
  if (inv.bytes) {
    o.summarize.budget = {summarize::BudgetKind::kBytes, *inv.bytes};
  } else if (inv.sentences) {
    o.summarize.budget = {summarize::BudgetKind::kSentences, *inv.sentences};
  } else if (inv.words) {
    o.summarize.budget = {summarize::BudgetKind::kWords, *inv.words};
  }
  try {
    ValidateRunOptions(o);
  } catch (const Error& e) {
    throw UsageProblem(e.what());
  }
  return o;
}

namespace {

// The clean stage: what the summarizer reads of a story as ingest read it,
// with the question --query asks.
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

// The notes of one summary, one per line.
std::string Notes(const Story& story, const summarize::Summary& summary, const summarize::Options& options,
                  const std::string& where) {
  std::string notes;
  for (const std::string& note :
       {ProseNote(story, where), CutNote(summary, options, where), QuestionNote(story, summary, where)}) {
    if (note.empty()) continue;
    if (!notes.empty()) notes += "\nprecis summarize: ";
    notes += note;
  }
  return notes;
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

// "3 articles read, 3 with text once cleaned": what went into a story (three
// files glued into one article on standard input show here).
std::string ArticleCount(const Story& story) {
  std::size_t with_text = 0;
  for (const Document& doc : story.docs) with_text += doc.text.find_first_not_of(" \t\n") != std::string::npos;
  return std::to_string(story.docs.size()) + (story.docs.size() == 1 ? " article" : " articles") + " read, " +
         std::to_string(with_text) + " with text once cleaned";
}

}  // namespace

// One story in batch mode: parse, clean, summarize, format (a JSON line by
// default); `*note` gets what the user should hear about it (empty:
// nothing), `*story_id` the story's id, and `*empty` whether the brief holds
// no sentence.
std::string ProcessLine(const std::string& line, const std::string& name, std::size_t number,
                        summarize::Summarizer& summarizer, const RunOptions& run, output::Format format,
                        std::string* note, std::string* story_id, bool* empty) {
  const summarize::Options& options = run.summarize;
  const Story raw = ingest::ParseStoryJson(line, name, number);
  *story_id = raw.id;
  if (raw.docs.empty()) throw Error(WhereMessage(name, number, "the story has no documents"));
  CheckLimits(raw, run.limits, WhereMessage(name, number, ""));
  const Story story = Prepare(raw, run);
  CheckHasText(story, WhereMessage(name, number, ""));
  const summarize::Summary summary = summarizer.Summarize(story, options);
  *note = Notes(story, summary, options, WhereMessage(name, number, ""));
  const std::string empty_note = EmptyBriefNote(summary, options);
  *empty = !empty_note.empty();
  if (*empty) *note += (note->empty() ? "" : "\nprecis summarize: ") + WhereMessage(name, number, empty_note);
  if (format != output::Format::kJson) return output::FormatSummary(story, summary, format);
  return WithEmptyNote(output::FormatSummary(story, summary, output::Format::kJson), empty_note);
}

namespace {

// The heading of one brief among several in text or Markdown batch output:
// its number in the input and its id, else where it was read.
std::string BlockHeading(output::Format format, std::size_t index, const std::string& story_id,
                         const std::string& where) {
  const std::string name = "Story " + std::to_string(index + 1) + ": " + (story_id.empty() ? where : story_id);
  return format == output::Format::kMarkdown ? "## " + name + "\n\n" : "=== " + name + " ===\n\n";
}


// What a batch run did.
struct BatchOutcome {
  std::size_t written = 0, failed = 0, empty_briefs = 0;
  bool stopped = false;   // at the first failure (--on-error stop)
  bool complete = false;  // the whole input was read (not after a read error or a stop)
  int status = kExitOk;
};

// Batch mode's closing line. `kept`: the summaries reached their
// destination (false when the output file was not written).
std::string ClosingLine(const BatchOutcome& r, bool kept) {
  std::string line = "precis summarize: stories: " + std::to_string(r.written + r.failed) + " read, " +
                     std::to_string(kept ? r.written : 0) + " written";
  if (!kept && r.written > 0) line += " (" + std::to_string(r.written) + " summarized, not kept)";
  line += ", " + std::to_string(r.failed) + " failed";
  if (r.empty_briefs > 0) {
    line += ", " + std::to_string(r.empty_briefs) + (r.empty_briefs == 1 ? " brief" : " briefs") +
            " empty (no sentence within the budget)";
  }
  if (r.stopped) line += " (stopped at the first failure; --on-error skip goes on)";
  return line + "\n";
}

// One line of a JSONL input as batch mode takes it: the line, or why it
// could not be read.
struct BatchLine {
  std::string line;
  std::size_t number = 0;
  std::string error;
  bool read_failure = false;  // the input cannot be read any further
};

// What became of one story: its formatted brief, or the error.
struct BatchResult {
  std::size_t number = 0;
  std::string text, note, story_id, error;
  bool read_failure = false;
  bool empty = false;
};

// Batch mode: summarizes every story, writing the summaries to `out` in
// input order; the closing line is the caller's.
// In text or Markdown (`format` given explicitly), a file of one story gets
// the brief any other input would; several stories get one brief each under
// a heading that names the story ("=== Story 2: id ===", "## Story 2: id"),
// separated by a blank line. Whether there are several is known when the
// second story is read: only the first brief is held until then, so the
// input is still streamed.
BatchOutcome RunBatch(ingest::JsonlReader& reader, const RunOptions& run, bool progress_line, output::Format format,
                      std::ostream& out, std::ostream& err) {
  const std::size_t threads = ResolveThreads(static_cast<long>(run.threads));
  const bool skip = run.on_error == OnError::kSkip;
  const bool progress = progress_line && ::isatty(2) != 0;
  reader.set_max_line_bytes(run.limits.max_line_bytes);

  bool eof = false;           // read by take() only
  bool input_broken = false;  // a read error ended the input early
  const auto take = [&](BatchLine& item) {
    if (eof || InterruptGuard::Received() != 0) return false;
    item.error.clear();
    item.read_failure = false;
    try {
      if (!reader.Next(&item.line, &item.number)) return false;
    } catch (const ingest::LineTooLong& e) {
      item.error = std::string(e.what()) + " (--max-line-bytes)";
      // The run stops here: no other worker may go on to skip the rest of
      // the line (which may never end).
      if (!skip) eof = true;
    } catch (const std::exception& e) {
      // The input cannot be read any further: the run is incomplete
      // whatever --on-error says.
      eof = true;
      input_broken = true;
      item.read_failure = true;
      item.error = e.what();
    }
    return true;
  };
  const auto work = [&](summarize::Summarizer& summarizer, BatchLine& item, std::size_t) {
    BatchResult r;
    r.number = item.number;
    r.error = item.error;
    r.read_failure = item.read_failure;
    if (!r.error.empty()) return r;
    try {
      r.text = ProcessLine(item.line, reader.name(), item.number, summarizer, run, format, &r.note, &r.story_id,
                           &r.empty);
    } catch (const Error& e) {
      r.error = e.what();
    } catch (const std::exception& e) {
      r.error = WhereMessage(reader.name(), item.number, e.what());
    }
    return r;
  };

  std::size_t written = 0, failed = 0, empty_briefs = 0;
  // Text and Markdown: the first brief and its heading, until a second story
  // says whether headings are needed.
  const bool blocks = format != output::Format::kJson;
  bool several = false, holding = false;
  std::string held_heading, held;
  const auto deliver = [&](std::size_t index, BatchResult&& r) {
    if (blocks && index > 0 && !several) {
      several = true;
      if (holding) out << held_heading << held;
      holding = false;
    }
    if (r.error.empty() && blocks) {
      const std::string heading =
          BlockHeading(format, index, r.story_id, reader.name() + ":" + std::to_string(r.number));
      if (index == 0) {
        held_heading = heading;
        held = std::move(r.text);
        holding = true;
      } else {
        out << (written > 0 ? "\n" : "") << heading << r.text;
      }
    }
    bool go_on = true;
    if (r.error.empty()) {
      if (!blocks) out << r.text;
      ++written;
      if (r.empty) ++empty_briefs;
      if (!r.note.empty()) err << "precis summarize: " << r.note << "\n";
    } else {
      err << "precis summarize: " << r.error << (skip && !r.read_failure ? " (skipped)" : "") << "\n";
      ++failed;
      go_on = skip && !r.read_failure;
    }
    if (progress && (written + failed) % 64 == 0) {
      err << "\rprecis summarize: " << written << " stories" << std::flush;
    }
    return go_on;
  };
  const OrderedRunStats stats = RunOrdered<BatchLine>(
      threads, take, [] { return summarize::Summarizer(); }, work, deliver);
  // One story: its brief as any other input gets it, without a heading.
  if (holding) out << held;
  if (progress) err << "\r";
  if (stats.threads_ran < threads) {
    err << "precis summarize: the system refused more threads: ran on " << stats.threads_ran << " of the "
        << threads << " asked (--threads)\n";
  }
  // Nothing is dropped silently: every story read is either written or failed.
  BatchOutcome r;
  r.written = written;
  r.failed = failed;
  r.empty_briefs = empty_briefs;
  r.stopped = stats.stopped && !skip && failed > 0;
  r.complete = !input_broken && !stats.stopped;
  r.status = failed > 0 ? kExitBadInput : empty_briefs > 0 ? kExitEmptyBrief : kExitOk;
  return r;
}

// Whether standard input is UTF-16 from its first non-blank byte `c` and
// the one after: a byte order mark, or the NUL byte that ASCII-range text
// has beside every character in UTF-16.
bool StartsLikeUtf16(int c, int next) {
  return (c == 0xFF && next == 0xFE) || (c == 0xFE && next == 0xFF) || c == 0 || next == 0;
}

// The articles on standard input (after `head`, already read): one HTML
// page or text articles separated by "---" lines; UTF-16 text is converted,
// as in files, and JSONL in UTF-16 refused, as in files.
void ReadStdinArticles(std::istream& in, std::string head, std::size_t max_bytes, Story* story) {
  std::string text = ingest::ReadStreamBytes(in, "<stdin>", max_bytes, std::move(head));
  if (const std::string_view encoding = ingest::Utf16Encoding(text); !encoding.empty()) {
    text = ingest::Utf16ToUtf8(text, encoding, "<stdin>");
    const std::size_t first = text.find_first_not_of(" \t\r\n");
    if (first != std::string::npos && text[first] == '{') throw Error(ingest::Utf16JsonlMessage("<stdin>"));
  }
  if (ingest::LooksLikeHtml(text)) {
    story->docs.push_back(ingest::ArticleFromBytes(std::move(text), "stdin", "<stdin>"));
  } else {
    Story part = ingest::SplitArticles(text, "<stdin>");
    for (auto& d : part.docs) story->docs.push_back(std::move(d));
  }
}

// The articles of one story from the command line's inputs (files,
// directories, "-"). Returns false when "-" holds JSONL (batch mode): then
// `stdin_head` holds the whitespace read before its first '{', which must
// be read first (standard input is streamed in batch mode, never held).
// Reading stops at --max-story-bytes (a gzip bomb is not inflated past it).
bool ReadOneStory(const SummarizeInvocation& inv, std::istream& in, Story* story, std::string* stdin_head) {
  const std::size_t max_story_bytes = inv.run.limits.max_story_bytes;
  for (const std::string& input : inv.inputs) {
    const std::size_t room = max_story_bytes - std::min(max_story_bytes, StoryBytes(*story));
    if (input == "-") {
      int c = 0;
      while ((c = in.get()) != std::char_traits<char>::eof() && (c == ' ' || c == '\t' || c == '\r' || c == '\n')) {
        stdin_head->push_back(static_cast<char>(c));
      }
      if (c != std::char_traits<char>::eof()) stdin_head->push_back(static_cast<char>(c));
      const bool utf16 = c != std::char_traits<char>::eof() && StartsLikeUtf16(c, in.peek());
      if (c == '{' && utf16) throw Error(ingest::Utf16JsonlMessage("<stdin>"));
      if (c == '{') {
        if (inv.inputs.size() != 1) throw UsageProblem("JSONL on standard input cannot be mixed with other inputs");
        return false;
      }
      ReadStdinArticles(in, std::move(*stdin_head), room, story);
      stdin_head->clear();
      if (story->id.empty()) story->id = "stdin";
      continue;
    }
    std::error_code ec;
    if (fs::is_directory(input, ec)) {
      Story part = ingest::ReadDirectoryStory(input, room);
      if (story->id.empty()) story->id = part.id;
      for (auto& d : part.docs) story->docs.push_back(std::move(d));
    } else if (fs::exists(input, ec)) {
      if (fs::path(input).extension() == ".jsonl") {
        throw UsageProblem("a JSONL file of stories must be the only input (" + input + ")");
      }
      story->docs.push_back(ingest::ReadArticleFile(input, room));
      if (story->id.empty()) story->id = fs::path(input).stem().string();
    } else {
      throw Error(ingest::PathProblem(input));
    }
  }
  return true;
}

// The methods, each with its parameters and their defaults, as the
// registry declares them.
std::string MethodsHelp() {
  std::string help = "Methods (--method NAME) and their parameters (--params KEY=VALUE,...), with defaults:\n";
  for (const summarize::MethodInfo& method : summarize::Methods()) {
    help += "  " + std::string(method.name) + (method.name == summarize::DefaultMethod() ? " (default)" : "") + ": " +
            std::string(method.description) + "\n";
    std::string line;
    for (const summarize::MethodParameter& p : method.parameters) {
      const std::string item = std::string(p.name) + "=" + Plain(p.default_value);
      if (!line.empty() && line.size() + 1 + item.size() > 100) {
        help += "      " + line + "\n";
        line.clear();
      }
      line += (line.empty() ? "" : " ") + item;
    }
    if (!line.empty()) help += "      " + line + "\n";
  }
  return help + "\n";
}

// "256 MiB" for a whole number of MiB, else "8192 bytes": the help's way
// of giving a size.
std::string Size(std::size_t bytes) {
  constexpr std::size_t kMiB = std::size_t{1} << 20;
  return bytes % kMiB == 0 ? std::to_string(bytes / kMiB) + " MiB" : std::to_string(bytes) + " bytes";
}

}  // namespace

CLI::App* AddSummarizeCommand(CLI::App& app, SummarizeInvocation* inv) {
  // The help states the defaults the library has.
  const RunOptions defaults;
  const summarize::Budget& budget = defaults.summarize.budget;
  const StoryLimits& limits = defaults.limits;
  CLI::App* cmd = app.add_subcommand(
      "summarize",
      "Summarize one story (several articles) into a short brief whose sentences cite their sources.\n"
      "INPUT: article files (text or HTML, gzip too), a directory of articles, - (stdin: articles\n"
      "separated by a line ---, or one HTML page), or a JSONL file of stories (batch mode: one JSON\n"
      "summary per line, in input order; docs with \"text\" or \"html\"; with --format text or\n"
      "markdown, one brief per story, under a heading \"Story N: id\" when there are several).\n"
      "Articles are cleaned first (as precis clean shows them): page junk is removed, HTML pages are\n"
      "reduced to their article, headings are never selected.");
  cmd->add_option("inputs", inv->inputs, "Article files, a directory, -, or one JSONL file of stories");
  const auto default_of = [&](summarize::BudgetKind kind) {
    return budget.kind == kind ? " (default " + std::to_string(budget.limit) + ")" : std::string();
  };
  using summarize::BudgetKind;
  auto* words = AddCountOption(cmd, "--words", &inv->words, 1, kMaxBudget,
                               "Length budget in words, as ROUGE -l counts them" + default_of(BudgetKind::kWords));
  auto* bytes = AddCountOption(cmd, "--bytes", &inv->bytes, 1, kMaxBudget,
                               "Length budget in bytes of the summary text" + default_of(BudgetKind::kBytes));
  auto* sentences = AddCountOption(cmd, "--sentences", &inv->sentences, 1, kMaxBudget,
                                   "Length budget in sentences" + default_of(BudgetKind::kSentences));
  words->excludes(bytes)->excludes(sentences);
  bytes->excludes(sentences);
  cmd->add_option_function<std::string>(
         "--format",
         [inv](const std::string& f) {
           inv->format = f;
           inv->format_given = true;
         },
         "Output format: text (default), markdown, json")
      ->check(CLI::IsMember({"text", "markdown", "md", "json"}));
  std::string methods;
  for (const std::string& name : summarize::MethodNames()) {
    methods += (methods.empty() ? "" : ", ") + name + (name == summarize::DefaultMethod() ? " (default)" : "");
  }
  cmd->add_option("--method", inv->run.summarize.method,
                  "Algorithm, one of: " + methods + " (each described below, with its parameters)")
      ->type_name("NAME");
  cmd->add_option("--query", inv->run.query,
                  "A question the brief should answer: sentences about what it asks are preferred (a "
                  "query-focused summary, by the default method); text and markdown print it first, JSON as "
                  "\"query\". In batch mode it replaces each story's own \"query\"; --query '' asks for generic "
                  "briefs");
  AddCountOption(cmd, "--threads", &inv->run.threads, 0, kMaxThreads,
                 "Worker threads in batch mode (" +
                     (defaults.threads == 0 ? std::string("default, or 0: all cores")
                                            : "default " + std::to_string(defaults.threads) + "; 0: all cores") +
                     "); when the system refuses some, the run goes on with those it gave, and says so");
  const auto marked = [&](OnError mode) { return defaults.on_error == mode ? "default; " : ""; };
  cmd->add_option_function<std::string>(
         "--on-error", [inv](const std::string& mode) { inv->run.on_error = mode == "skip" ? OnError::kSkip : OnError::kStop; },
         std::string("Batch mode, on a bad story: stop (") + marked(OnError::kStop) + "exit 1) or skip (" +
             marked(OnError::kSkip) + "report it and go on)")
      ->check(CLI::IsMember({"stop", "skip"}));
  AddRealOption(cmd, "--citation-threshold", &inv->run.summarize.citation_threshold, 0.0, 1.0,
                "Coverage (0-1) of a sentence's fact keys from which another article reports it (from 0.8 of it: "
                "reports it partly) (default " + Plain(defaults.summarize.citation_threshold) + ")");
  cmd->add_option("--params", inv->run.summarize.params,
                  "Method parameters key=value,... (for tuning; each method's, with their defaults, below)");
  // Callbacks rather than negated flags, which --help shows as "--no-progress{false}".
  cmd->add_flag_callback("--no-progress", [inv] { inv->progress = false; },
                         "No progress line on standard error in batch mode");
  cmd->add_flag_callback("--no-clean", [inv] { inv->run.clean = false; },
                         "Keep every line of text articles as read (no junk removal; HTML pages are still extracted)");
  cmd->add_flag("--verbose", inv->verbose,
                "Say on standard error how many articles went into the story (and how many hold text once cleaned)");
  cmd->add_option("-o,--output", inv->output,
                  "Write to FILE instead of standard output; FILE appears only when the run completes");
  AddCountOption(cmd, "--max-line-bytes", &inv->run.limits.max_line_bytes, 1, kNoBound,
                 "Longest JSONL line accepted (default " + Size(limits.max_line_bytes) +
                     "); a longer one is refused when reading reaches the limit");
  AddCountOption(cmd, "--max-docs", &inv->run.limits.max_docs, 1, kNoBound,
                 "Most documents in one story (default " + std::to_string(limits.max_docs) + ")");
  AddCountOption(cmd, "--max-sentence-bytes", &inv->run.summarize.max_sentence_bytes, 1, kNoBound,
                 "Longest sentence taken whole (default " + Size(defaults.summarize.max_sentence_bytes) +
                     "); a longer one (a table or list run into one line) is cut at spaces into pieces, with a "
                     "note on standard error");
  AddCountOption(cmd, "--max-story-bytes", &inv->run.limits.max_story_bytes, 1, kNoBound,
                 "Most bytes of text (or HTML) in one story (default " + Size(limits.max_story_bytes) +
                     "); files are read, and gzip data inflated, only up to it");
  cmd->footer(
      MethodsHelp() +
      "Exit status: 0 ok; 1 bad input (named on standard error; with --on-error skip the other stories\n"
      "were written); 2 bad usage; 3 the output could not be written; 4 some brief is empty (no sentence\n"
      "fits the budget; noted on standard error and as \"note\" in JSON); 130/143 interrupted (SIGINT/SIGTERM).\n"
      "Batch mode ends with a line on standard error: stories read, written, failed (and empty briefs).");
  return cmd;
}

int RunSummarize(const SummarizeInvocation& inv, std::istream& in, std::ostream& out, std::ostream& err) {
  RunOptions run;
  output::Format format = output::Format::kText;
  try {
    run = MakeOptions(inv);
    format = output::ParseFormat(inv.format);
    if (std::size_t bad = 0; run.query && !text::IsValidUtf8(*run.query, &bad)) {
      throw UsageProblem("--query: the question is not valid UTF-8 (at byte " + std::to_string(bad) + ")");
    }
  } catch (const std::exception& e) {
    err << "precis summarize: " << e.what() << "\n";
    return kExitUsage;
  }
  if (inv.inputs.empty()) {
    err << "precis summarize: give article files, a directory, - (standard input) or a JSONL file "
           "(see precis summarize --help)\n";
    return kExitUsage;
  }
  const InterruptGuard interrupt_guard;
  int status = kExitOk;
  try {
    // Batch mode: one JSONL file, or JSONL on standard input.
    const bool one = inv.inputs.size() == 1;
    std::error_code fs_error;
    if (one && inv.inputs[0].ends_with(".jsonl.gz")) {
      throw UsageProblem(inv.inputs[0] + ": compressed JSONL is not read in batch mode; stream it instead: zcat " +
                         inv.inputs[0] + " | precis summarize -");
    }
    const bool jsonl_file = one && inv.inputs[0] != "-" && fs::is_regular_file(inv.inputs[0], fs_error) &&
                            (fs::path(inv.inputs[0]).extension() == ".jsonl" || ingest::LooksLikeJsonl(inv.inputs[0]));
    Story story;
    std::string stdin_head;
    const bool batch = jsonl_file || !ReadOneStory(inv, in, &story, &stdin_head);
    OutputTarget target(inv.output, out);
    // A read of standard input cut by a signal ends as at its end (EINTR is
    // no read error): say so rather than summarize what may be cut short.
    if (!batch && InterruptGuard::Received() != 0) return ReportInterrupted("precis summarize", err, target);
    if (!batch && story.docs.empty()) throw Error("no articles to summarize");
    if (batch) {
      std::unique_ptr<ingest::JsonlReader> reader;
      if (jsonl_file) {
        reader = std::make_unique<ingest::JsonlReader>(fs::path(inv.inputs[0]));
      } else {
        reader = std::make_unique<ingest::JsonlReader>(in, "<stdin>", std::move(stdin_head));
      }
      // JSON lines unless a format is asked for (text or Markdown briefs).
      const output::Format batch_format = inv.format_given ? format : output::Format::kJson;
      const BatchOutcome r = RunBatch(*reader, run, inv.progress, batch_format, target.stream(), err);
      // What became of the output is said before the closing line, which
      // counts only the summaries that were kept.
      if (InterruptGuard::Received() != 0) {
        status = ReportInterrupted("precis summarize", err, target);
        err << ClosingLine(r, !target.is_file());
        return status;
      }
      // A run stopped at a bad story, or cut by a read error, leaves no half
      // output file behind.
      if (!r.complete && target.is_file()) {
        err << "precis summarize: " << target.path() << " was not written\n" << ClosingLine(r, false);
        return r.status;
      }
      try {
        target.Commit();
      } catch (const OutputProblem& e) {
        err << "precis summarize: " << e.what() << "\n" << ClosingLine(r, false);
        return kExitOutput;
      }
      err << ClosingLine(r, true);
      return r.status;
    }
    CheckLimits(story, run.limits, "");
    story = Prepare(story, run);
    if (inv.verbose) err << "precis summarize: " << ArticleCount(story) << "\n";
    CheckHasText(story, "");
    const summarize::Options& options = run.summarize;
    summarize::Summarizer summarizer;
    const summarize::Summary summary = summarizer.Summarize(story, options);
    // Interrupted before anything was written: nothing is written.
    if (InterruptGuard::Received() != 0) return ReportInterrupted("precis summarize", err, target);
    const std::string empty_note = EmptyBriefNote(summary, options);
    const std::string formatted = output::FormatSummary(story, summary, format);
    target.stream() << (format == output::Format::kJson ? WithEmptyNote(formatted, empty_note) : formatted);
    target.Commit();
    if (const std::string note = Notes(story, summary, options, ""); !note.empty()) err << "precis summarize: " << note << "\n";
    if (const std::string note = OneStoryNote(story); !note.empty()) err << "precis summarize: " << note << "\n";
    if (!empty_note.empty()) {
      err << "precis summarize: " << empty_note << "\n";
      return kExitEmptyBrief;
    }
    return kExitOk;
  } catch (const UsageProblem& e) {
    err << "precis summarize: " << e.what() << "\n";
    return kExitUsage;
  } catch (const OutputProblem& e) {
    err << "precis summarize: " << e.what() << "\n";
    return kExitOutput;
  } catch (const std::exception& e) {
    // An open or read cut by a signal (a FIFO without a writer) fails as a
    // read error: say what happened instead.
    if (const int signal_number = InterruptGuard::Received(); signal_number != 0) {
      err << "precis summarize: interrupted by signal " << signal_number << "; nothing was written\n";
      return kExitSignalBase + signal_number;
    }
    if (dynamic_cast<const ingest::InputTooLarge*>(&e) != nullptr) {
      err << "precis summarize: " << e.what() << " (--max-story-bytes)\n";
    } else {
      // Bad input, and file system and allocation failures: still a message
      // and a status.
      err << "precis summarize: " << e.what() << "\n";
    }
    return kExitBadInput;
  }
}

}  // namespace precis::cli
