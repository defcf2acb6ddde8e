// The bench harness: presets, method lists, loading stories, running each
// method on every story (timed) and scoring it with the ROUGE library.
#include <sys/resource.h>
#include <sys/utsname.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <ctime>
#include <fstream>
#include <random>
#include <thread>
#include <unordered_map>

#include <nlohmann/json.hpp>

#include "common/ordered_executor.h"
#include "precis/bench.h"
#include "precis/pipeline.h"
#include "precis/error.h"
#include "precis/ingest.h"
#include "precis/rouge_io.h"
#include "precis/text.h"

namespace precis::bench {
namespace {

Preset MakePreset(std::string name, std::size_t words, std::string flags, bool recall) {
  Preset p;
  p.name = std::move(name);
  p.words = words;
  p.flags = std::move(flags);
  p.recall = recall;
  // Every preset: -m -a -l WORDS -c 95 -r 1000 -f A -p 0.5 -t 0.
  rouge::Options& o = p.rouge;
  o.max_ngram = 2;
  o.stem = true;
  o.word_limit = static_cast<long>(words);
  o.confidence = 95;
  o.confidence_text = "95";
  o.resamples = 1000;
  o.formula = rouge::Formula::kModelAverage;
  o.alpha = 0.5;
  o.unit = rouge::CountingUnit::kSummary;
  return p;
}

std::vector<Preset> BuildPresets() {
  std::vector<Preset> presets;
  // The flags of the DUC 2004 tables (e.g. Hong et al. 2014): recall at 100 words.
  Preset duc = MakePreset("duc", 100, "-n 4 -m -a -l 100 -x -c 95 -r 1000 -f A -p 0.5 -t 0", true);
  duc.rouge.max_ngram = 4;
  duc.rouge.lcs = false;
  presets.push_back(std::move(duc));
  Preset multinews = MakePreset("multinews", 300, "-n 2 -2 4 -u -m -a -l 300 -c 95 -r 1000 -f A -p 0.5 -t 0", false);
  multinews.rouge.skip_distance = 4;
  multinews.rouge.skip_distance_text = std::to_string(*multinews.rouge.skip_distance);
  multinews.rouge.skip_unigrams = true;
  presets.push_back(std::move(multinews));
  Preset tac = MakePreset("tac", 250, "-n 2 -m -a -l 250 -x -c 95 -r 1000 -f A -p 0.5 -t 0", false);
  tac.rouge.lcs = false;
  presets.push_back(std::move(tac));
  return presets;
}

const std::vector<Preset>& Presets() {
  static const std::vector<Preset> presets = BuildPresets();
  return presets;
}

std::string Joined(const std::vector<std::string>& names) {
  std::string out;
  for (const auto& n : names) out += (out.empty() ? "" : ", ") + n;
  return out;
}

std::string Trim(std::string_view s) {
  const auto b = s.find_first_not_of(" \t");
  if (b == std::string_view::npos) return {};
  const auto e = s.find_last_not_of(" \t");
  return std::string(s.substr(b, e - b + 1));
}

double ThreadCpuSeconds() {
  timespec ts{};
  ::clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

long MaxRssKb(int who) {
  rusage usage{};
  if (::getrusage(who, &usage) != 0) return 0;
  return usage.ru_maxrss;  // kilobytes on Linux
}

// Runs work(story index, per-thread state) on `threads` threads, returning
// the CPU time the work took, summed over the threads. Each thread first
// runs warm(state), untimed: one-time costs (per-thread buffers, ICU data,
// first page faults) would otherwise fall on whichever method runs first.
template <typename MakeState, typename Warm, typename Work>
double RunParallel(std::size_t count, int threads, MakeState make_state, Warm warm, Work work,
                   const std::function<void(std::size_t)>& done) {
  double cpu = 0;
  RunIndexed(
      count, ResolveThreads(threads, count),
      [&] {
        auto state = make_state();
        if (count > 0) warm(state);
        return state;
      },
      [&](auto& state, std::size_t i) {
        const double start = ThreadCpuSeconds();
        work(i, state);
        return ThreadCpuSeconds() - start;
      },
      [&](std::size_t i, double used) {
        cpu += used;
        if (done) done(i + 1);
        return true;
      });
  return cpu;
}

}  // namespace

const std::vector<std::string>& PresetNames() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> out;
    for (const Preset& p : Presets()) out.push_back(p.name);
    return out;
  }();
  return names;
}

const Preset& GetPreset(std::string_view name) {
  for (const Preset& p : Presets()) {
    if (p.name == name) return p;
  }
  throw Error("unknown preset \"" + std::string(name) + "\" (known: " + Joined(PresetNames()) + ")");
}

std::vector<MethodSpec> ParseMethods(std::string_view list) {
  std::vector<MethodSpec> specs;
  std::size_t start = 0;
  while (start <= list.size()) {
    std::size_t comma = list.find(',', start);
    if (comma == std::string_view::npos) comma = list.size();
    const std::string name = Trim(list.substr(start, comma - start));
    start = comma + 1;
    if (name.empty()) continue;
    MethodSpec spec;
    spec.name = name;
    const auto& known = summarize::MethodNames();
    if (name == "default") {
      spec.method = std::string(summarize::DefaultMethod());
    } else if (name == "oracle") {
      spec.kind = MethodSpec::Kind::kOracle;
    } else if (std::find(known.begin(), known.end(), name) != known.end()) {
      spec.method = name;
    } else {
      throw Error("unknown method \"" + name + "\" (known: default, " + Joined(known) + ", oracle)");
    }
    for (const MethodSpec& s : specs) {
      if (s.name == name) throw Error("method \"" + name + "\" is listed twice");
    }
    specs.push_back(std::move(spec));
  }
  return specs;
}

MethodSpec ParseExternal(std::string_view text) {
  const std::size_t eq = text.find('=');
  if (eq == std::string_view::npos || Trim(text.substr(0, eq)).empty() || Trim(text.substr(eq + 1)).empty()) {
    throw Error("--external wants NAME=COMMAND, got \"" + std::string(text) + "\"");
  }
  MethodSpec spec;
  spec.kind = MethodSpec::Kind::kExternal;
  spec.name = Trim(text.substr(0, eq));
  spec.command = std::string(text.substr(eq + 1));
  for (char c : spec.name) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '_' && c != '.') {
      throw Error("--external NAME may hold letters, digits, '-', '_' and '.' only, got \"" + spec.name + "\"");
    }
  }
  if (spec.name == "default" || spec.name == "oracle" || spec.name == "." || spec.name == "..") {
    throw Error("--external NAME \"" + spec.name + "\" is taken");
  }
  return spec;
}

StorySet LoadStories(const std::filesystem::path& path, std::size_t limit) {
  StorySet set;
  set.file = path.string();
  set.name = path.stem().string();
  ingest::JsonlReader reader{path};
  std::unordered_map<std::string, std::size_t> seen;  // id -> line
  std::string line;
  std::size_t number = 0;
  while ((limit == 0 || set.stories.size() < limit) && reader.Next(&line, &number)) {
    Story story = ingest::ParseStoryJson(line, set.file, number);
    bool any_ref = false;
    for (const std::string& r : story.refs) any_ref |= r.find_first_not_of(" \t\r\n") != std::string::npos;
    if (!any_ref) throw Error(WhereMessage(set.file, number, "the story has no reference summary (\"refs\")"));
    const auto [it, inserted] = seen.emplace(story.id, number);
    if (!inserted) {
      throw Error(WhereMessage(set.file, number,
                               "story id \"" + story.id + "\" repeats line " + std::to_string(it->second)));
    }
    set.stories.push_back(std::move(story));
    set.lines.push_back(number);
  }
  if (set.stories.empty()) throw Error(set.file + ": no stories");
  return set;
}

namespace {

// The question of one line of a queries file: "query", or the DUC topic's
// title and narrative; empty when the line has none.
std::string QueryOfLine(const nlohmann::json& j) {
  const auto text = [&](const char* key) {
    const auto it = j.find(key);
    return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
  };
  if (std::string query = ingest::NormalizeQuestion(text("query")); !query.empty()) return query;
  std::string title = ingest::NormalizeQuestion(text("title"));
  const std::string narrative = ingest::NormalizeQuestion(text("narrative"));
  if (title.empty()) return narrative;
  if (narrative.empty()) return title;
  const char last = title.back();
  if (last != '.' && last != '?' && last != '!') title += '.';
  return title + " " + narrative;
}

}  // namespace

void AttachQueries(const std::filesystem::path& path, StorySet* set) {
  const std::string file = path.string();
  std::unordered_map<std::string, std::size_t> story_of;
  for (std::size_t s = 0; s < set->stories.size(); ++s) story_of.emplace(set->stories[s].id, s);
  std::vector<std::size_t> line_of(set->stories.size(), 0);
  ingest::JsonlReader reader{path};
  std::unordered_map<std::string, std::size_t> seen;  // id -> line
  std::string line;
  std::size_t number = 0;
  while (reader.Next(&line, &number)) {
    ingest::CheckUtf8(line, file, number);
    nlohmann::json j;
    try {
      j = nlohmann::json::parse(line);
    } catch (const nlohmann::json::exception& e) {
      throw Error(WhereMessage(file, number, std::string("invalid JSON: ") + e.what()));
    }
    if (!j.is_object()) throw Error(WhereMessage(file, number, "a query must be a JSON object"));
    const auto id = j.find("id");
    if (id == j.end() || !(id->is_string() || id->is_number())) {
      throw Error(WhereMessage(file, number, "a query needs the \"id\" of its story"));
    }
    const std::string key = id->is_string() ? id->get<std::string>() : id->dump();
    const std::string query = QueryOfLine(j);
    if (query.empty()) {
      throw Error(WhereMessage(file, number, "no question: expected \"query\", or \"title\" and \"narrative\""));
    }
    if (const auto [it, inserted] = seen.emplace(key, number); !inserted) {
      throw Error(WhereMessage(file, number, "story id \"" + key + "\" repeats line " + std::to_string(it->second)));
    }
    const auto story = story_of.find(key);
    if (story == story_of.end()) continue;
    set->stories[story->second].query = query;
    line_of[story->second] = number;
  }
  for (std::size_t s = 0; s < set->stories.size(); ++s) {
    if (line_of[s] == 0) {
      throw Error(file + ": no question for story \"" + set->stories[s].id + "\" (line " +
                  std::to_string(set->lines[s]) + " of " + set->file + ")");
    }
  }
  set->queries = file;
}

PairedDifference ComparePaired(const MetricResult& reference, const MetricResult& method, double confidence,
                               int resamples) {
  const std::size_t n = reference.per_story.size();
  if (n == 0 || method.per_story.size() != n) {
    throw Error(reference.name + ": a paired comparison needs the same stories on both sides (" + std::to_string(n) +
                " and " + std::to_string(method.per_story.size()) + ")");
  }
  PairedDifference d;
  d.metric = reference.name;
  std::vector<double> diff(n);
  for (std::size_t s = 0; s < n; ++s) {
    diff[s] = reference.per_story[s] - method.per_story[s];
    d.mean += diff[s];
    if (diff[s] > 0) ++d.reference_better;
    if (diff[s] < 0) ++d.method_better;
  }
  d.mean /= static_cast<double>(n);
  // Percentile bootstrap of the mean difference. mt19937_64 is specified
  // bit for bit, and the modulo mapping is ours, so every platform draws the
  // same samples.
  std::mt19937_64 random(20111);
  std::vector<double> means(static_cast<std::size_t>(std::max(1, resamples)));
  for (double& mean : means) {
    double sum = 0;
    for (std::size_t k = 0; k < n; ++k) sum += diff[random() % n];
    mean = sum / static_cast<double>(n);
  }
  std::sort(means.begin(), means.end());
  const double tail = std::clamp((100 - confidence) / 200, 0.0, 0.5);
  const auto at = [&](double q) {
    const auto i = static_cast<std::size_t>(std::llround(q * static_cast<double>(means.size() - 1)));
    return means[std::min(i, means.size() - 1)];
  };
  d.low = at(tail);
  d.high = at(1 - tail);
  d.significant = d.low > 0 || d.high < 0;
  return d;
}

namespace {

// Fills every method's versus_reference (see BenchResult::reference).
void CompareWithReference(const Preset& preset, BenchResult* result) {
  if (result->methods.empty()) return;
  std::size_t reference = 0;
  for (std::size_t m = 0; m < result->methods.size(); ++m) {
    if (result->methods[m].spec.name == "default") reference = m;
  }
  result->reference = result->methods[reference].spec.name;
  for (std::size_t m = 0; m < result->methods.size(); ++m) {
    if (m == reference) continue;
    const auto& mine = result->methods[reference].metrics;
    auto& theirs = result->methods[m].metrics;
    for (std::size_t k = 0; k < mine.size() && k < theirs.size(); ++k) {
      result->methods[m].versus_reference.push_back(
          ComparePaired(mine[k], theirs[k], preset.rouge.confidence, preset.rouge.resamples));
    }
  }
}

}  // namespace

summarize::Summary SummarizeStory(const Story& story, const summarize::Options& options) {
  thread_local summarize::Summarizer summarizer;
  // What `precis summarize` runs: the clean stage, then the summarizer.
  return summarizer.Summarize(SummarizerInput(story, CleanStoryInput(story, CleanOptions{})), options);
}

namespace {

// "2026-01-31 14:05 UTC".
std::string UtcNow() {
  const std::time_t now = std::time(nullptr);
  std::tm utc{};
  gmtime_r(&now, &utc);
  char buffer[32];
  std::strftime(buffer, sizeof buffer, "%Y-%m-%d %H:%M UTC", &utc);
  return buffer;
}

// The architecture, cores, CPU model and kernel: what speeds depend on.
std::string MachineDescription() {
  std::string out;
  struct utsname names {};
  const bool named = ::uname(&names) == 0;
  if (named) out += names.machine;
  out += (out.empty() ? "" : ", ") + std::to_string(std::max(1u, std::thread::hardware_concurrency())) + " cores";
  std::ifstream cpuinfo("/proc/cpuinfo");
  for (std::string line; std::getline(cpuinfo, line);) {
    if (line.rfind("model name", 0) != 0) continue;
    const std::size_t colon = line.find(':');
    if (colon != std::string::npos && colon + 2 <= line.size()) out += ", " + line.substr(colon + 2);
    break;
  }
  if (named) out += std::string(", ") + names.sysname + " " + names.release;
  return out;
}

}  // namespace

BenchResult RunBench(const StorySet& set, const BenchOptions& options) {
  if (set.stories.empty()) throw Error(set.file + ": no stories");
  if (set.lines.size() != set.stories.size()) throw Error(set.file + ": a line number is needed for every story");
  BenchResult result;
  result.preset = GetPreset(options.preset);
  result.set_name = set.name;
  result.queries = set.queries;
  for (const Story& story : set.stories) result.stories_with_question += story.query.empty() ? 0 : 1;
  result.stories = set.stories.size();
  result.version = PRECIS_VERSION;
  result.machine = MachineDescription();
  result.threads = static_cast<int>(ResolveThreads(options.threads));
  const Preset& preset = result.preset;
  const std::size_t n = set.stories.size();
  const auto lexicon = rouge::Lexicon::Builtin();

  // The references, split once by precis' splitter, for every method.
  std::vector<std::vector<std::vector<std::string>>> references(n);
  {
    text::SentenceSplitter splitter;
    for (std::size_t s = 0; s < n; ++s) {
      for (const std::string& ref : set.stories[s].refs) {
        std::vector<std::string> sentences;
        for (text::Sentence& sentence : splitter.Split(ref)) sentences.push_back(std::move(sentence.text));
        if (!sentences.empty()) references[s].push_back(std::move(sentences));
      }
    }
  }

  for (const MethodSpec& spec : options.methods) {
    MethodResult m;
    m.spec = spec;
    m.summaries.assign(n, {});
    std::vector<std::size_t> words(n, 0);
    auto report = [&](std::size_t done) {
      if (options.progress) options.progress(spec.name, done, n);
    };
    const auto wall_start = std::chrono::steady_clock::now();
    auto where = [&](std::size_t s) { return WhereMessage(set.file, set.lines[s], "method " + spec.name + ": "); };
    switch (spec.kind) {
      case MethodSpec::Kind::kSummarizer: {
        summarize::Options so;
        so.method = spec.method;
        so.params = spec.params;
        so.budget = {summarize::BudgetKind::kWords, preset.words};
        m.seconds = RunParallel(
            n, result.threads, [] { return 0; }, [&](int&) { SummarizeStory(set.stories[0], so); },
            [&](std::size_t s, int&) {
              summarize::Summary summary;
              try {
                summary = SummarizeStory(set.stories[s], so);
              } catch (const Error& e) {
                throw Error(where(s) + e.what());
              }
              words[s] = summary.words;
              for (auto& sentence : summary.sentences) m.summaries[s].push_back(std::move(sentence.text));
            },
            report);
        m.peak_rss_kb = MaxRssKb(RUSAGE_SELF);
        break;
      }
      case MethodSpec::Kind::kOracle: {
        m.seconds = RunParallel(
            n, result.threads, [&] { return GreedyOracle(preset, lexicon); },
            [&](GreedyOracle& oracle) { oracle.Summarize(set.stories[0], references[0]); },
            [&](std::size_t s, GreedyOracle& oracle) {
              m.summaries[s] = oracle.Summarize(set.stories[s], references[s]);
              for (const auto& sentence : m.summaries[s]) words[s] += text::CountWords(sentence);
            },
            report);
        m.peak_rss_kb = MaxRssKb(RUSAGE_SELF);
        break;
      }
      case MethodSpec::Kind::kExternal: {
        report(0);
        m.summaries = RunExternal(spec, set, &m.seconds, &m.peak_rss_kb);
        m.cpu_time = false;
        for (std::size_t s = 0; s < n; ++s) {
          for (const auto& sentence : m.summaries[s]) words[s] += text::CountWords(sentence);
        }
        report(n);
        break;
      }
    }
    m.wall_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - wall_start).count();
    if (!m.cpu_time) m.wall_seconds = m.seconds;
    double total_words = 0;
    for (std::size_t w : words) total_words += static_cast<double>(w);
    m.average_words = total_words / static_cast<double>(n);
    m.stories_per_second = m.seconds > 0 ? static_cast<double>(n) / m.seconds : 0;

    std::vector<rouge::Case> cases(n);
    for (std::size_t s = 0; s < n; ++s) {
      cases[s].id = set.stories[s].id;
      cases[s].peer_id = spec.name;
      // A sentence holding line breaks is several units, as in an SPL file.
      for (const std::string& sentence : m.summaries[s]) {
        std::size_t start = 0;
        while (start <= sentence.size()) {
          std::size_t end = sentence.find('\n', start);
          if (end == std::string::npos) end = sentence.size();
          if (end > start) cases[s].peer.push_back(sentence.substr(start, end - start));
          start = end + 1;
        }
      }
      cases[s].models = references[s];
    }
    const rouge::PeerResults scored =
        rouge::Evaluate(spec.name, std::move(cases), preset.rouge, *lexicon, result.threads);
    for (std::size_t k = 0; k < scored.metrics.size(); ++k) {
      MetricResult r;
      r.name = scored.metrics[k].name;
      r.average = scored.averages[k];
      r.value = preset.recall ? r.average.r : r.average.f;
      r.low = preset.recall ? r.average.r_low : r.average.f_low;
      r.high = preset.recall ? r.average.r_high : r.average.f_high;
      for (const rouge::CaseScore& c : scored.scores[k]) r.per_story.push_back(preset.recall ? c.r : c.f);
      m.metrics.push_back(std::move(r));
    }
    result.methods.push_back(std::move(m));
  }
  CompareWithReference(preset, &result);
  result.peak_rss_kb = MaxRssKb(RUSAGE_SELF);
  result.date = UtcNow();
  for (const Story& story : set.stories) result.story_ids.push_back(story.id);
  result.references = std::move(references);
  return result;
}

}  // namespace precis::bench
