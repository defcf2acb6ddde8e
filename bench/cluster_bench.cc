// cluster_bench: `precis cluster` on the development stream, against its
// story labels.
//
//   cluster_bench [--shared DIR] [--rounds R] [--scatter] [--by-set] [--by-half] [--diagnose] [--no-baseline] [--long N] [--dump FILE] [KEY=VALUE...]
//
// The development stream: every article of duc2006, tac2011-en and
// multinews-val250 (../shared/data/bench), labelled with its set and story
// id ("duc2006/D0601A"). Articles are cleaned one by one, as `precis
// cluster` cleans them (pipeline.h), then ordered:
// - dated articles (a date that reads as YYYY-MM-DD) by date, then by set,
//   story and position in the file;
// - undated articles (all of multinews, four of DUC with impossible dates)
//   story by story: each undated story gets an anchor, a position in the
//   dated sequence drawn uniformly (Lcg, seed 2026, in file order), and each
//   of its articles lands at the anchor plus a draw in [0, 50) dated
//   positions: a story's articles arrive close together, as in a real feed,
//   among articles of other stories. With --scatter every undated article
//   gets an anchor of its own instead (the harder, unrealistic case).
// Prints, for the baseline (naive single pass: TF-IDF, title words x3,
// cosine to running centroids, one fixed threshold 0.15) and for precis'
// defaults (or the options given as KEY=VALUE: threshold, margin, window,
// decay, title, name, sublinear, copy): BCubed precision, recall and F1
// (Bagga & Baldwin 1998), pairwise precision, recall and F1, stories
// found, and articles per second on one core for analysis + clustering
// (best of R rounds; cleaning is timed apart). Then peak RSS. With --long N
// the stream is replayed N times, each copy shifted past the window in time
// under new labels, printing the resident memory after each replay: flat
// memory over a stream N times as long. --by-set and --by-half break BCubed
// down by set, or by half of the stories (a label's FNV-1a hash, bit 7: a
// setting chosen on one half is checked on the other). --dump FILE writes
// what the clusterer reads of each article (term and name hashes, day,
// label; no text) and does nothing else, so that an idea can be tried in a
// few lines of a script before it is built into the library.
#include <sys/resource.h>

#include <time.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <array>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <unordered_map>
#include <vector>

#include "common/lcg.h"
#include "precis/cluster.h"
#include "precis/pipeline.h"

namespace {

using Clock = std::chrono::steady_clock;
namespace fs = std::filesystem;
using precis::Document;

struct Article {
  Document doc;
  std::string label;
};

double Seconds(Clock::time_point a, Clock::time_point b) { return std::chrono::duration<double>(b - a).count(); }

// CPU time of this thread: articles per second "on one core" should not
// depend on what else the machine runs.
double ThreadSeconds() {
  timespec t{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_nsec) * 1e-9;
}

std::string Field(const nlohmann::json& j, const char* key) {
  const auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : "";
}

// The articles of one set, in file order, labelled "set/story".
std::vector<Article> ReadSet(const fs::path& path, const std::string& set) {
  std::ifstream in(path);
  std::vector<Article> out;
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    const auto story = nlohmann::json::parse(line);
    for (const auto& d : story.at("docs")) {
      Article a;
      a.doc.id = set + "/" + Field(d, "id");
      a.doc.title = Field(d, "title");
      a.doc.date = Field(d, "date");
      a.doc.text = Field(d, "text");
      a.doc.html = Field(d, "html");
      a.label = set + "/" + Field(story, "id");
      out.push_back(std::move(a));
    }
  }
  return out;
}

// Cleans each article alone, as `precis cluster` does.
void Clean(std::vector<Article>* articles) {
  for (Article& a : *articles) {
    precis::Story one;
    one.docs.push_back(a.doc);
    const precis::Story clean = precis::SummarizerInput(one, precis::CleanStoryInput(one, precis::CleanOptions{}));
    const std::string id = a.doc.id;
    a.doc = clean.docs.front();
    a.doc.id = id;
  }
}

// The stream order (see the file comment).
std::vector<Article> Order(std::vector<Article> all, bool scatter) {
  std::vector<std::size_t> dated, undated;
  for (std::size_t i = 0; i < all.size(); ++i) (precis::cluster::ParseDay(all[i].doc.date) ? dated : undated).push_back(i);
  std::stable_sort(dated.begin(), dated.end(), [&](std::size_t a, std::size_t b) {
    return *precis::cluster::ParseDay(all[a].doc.date) < *precis::cluster::ParseDay(all[b].doc.date);
  });
  std::vector<std::pair<double, std::size_t>> keys;  // (position, file order)
  for (std::size_t i = 0; i < dated.size(); ++i) keys.emplace_back(static_cast<double>(i), dated[i]);
  precis::Lcg lcg(2026);
  const auto n = static_cast<std::uint32_t>(dated.size() + 1);
  std::map<std::string, std::uint32_t> anchors;
  for (const std::size_t i : undated) {
    std::uint32_t anchor = 0;
    if (scatter) {
      anchor = lcg.Next(n);
    } else if (const auto it = anchors.find(all[i].label); it != anchors.end()) {
      anchor = it->second;
    } else {
      anchor = anchors[all[i].label] = lcg.Next(n);
    }
    keys.emplace_back(anchor + (scatter ? 0 : lcg.Next(50)) - 0.5, i);
  }
  std::stable_sort(keys.begin(), keys.end());
  std::vector<Article> out;
  for (const auto& [key, i] : keys) out.push_back(std::move(all[i]));
  return out;
}

struct Scores {
  double bp = 0, br = 0, bf = 0, pp = 0, pr = 0, pf = 0;
  std::size_t clusters = 0, labels = 0;
};

double F1(double p, double r) { return p + r > 0 ? 2 * p * r / (p + r) : 0; }

Scores Score(const std::vector<std::uint64_t>& clusters, const std::vector<std::string>& labels) {
  std::map<std::pair<std::uint64_t, std::string>, double> both;
  std::unordered_map<std::uint64_t, double> cluster_size;
  std::unordered_map<std::string, double> label_size;
  for (std::size_t i = 0; i < clusters.size(); ++i) {
    ++both[{clusters[i], labels[i]}];
    ++cluster_size[clusters[i]];
    ++label_size[labels[i]];
  }
  Scores s;
  const double n = static_cast<double>(clusters.size());
  double tp = 0, predicted = 0, actual = 0;
  for (const auto& [key, count] : both) {
    s.bp += count * count / cluster_size[key.first] / n;
    s.br += count * count / label_size[key.second] / n;
    tp += count * (count - 1) / 2;
  }
  for (const auto& [c, count] : cluster_size) predicted += count * (count - 1) / 2;
  for (const auto& [l, count] : label_size) actual += count * (count - 1) / 2;
  s.bf = F1(s.bp, s.br);
  s.pp = predicted > 0 ? tp / predicted : 1;
  s.pr = actual > 0 ? tp / actual : 1;
  s.pf = F1(s.pp, s.pr);
  s.clusters = cluster_size.size();
  s.labels = label_size.size();
  return s;
}

struct Run {
  std::vector<std::uint64_t> stories;
  std::size_t copies = 0;
  double seconds = 0;
};

// `analyzer` is kept from round to round: in a long stream its cache of
// stems is warm after the first thousand articles.
Run Cluster(const std::vector<Article>& stream, const precis::cluster::Options& options,
            precis::cluster::ArticleAnalyzer& analyzer) {
  Run run;
  run.stories.reserve(stream.size());
  const double start = ThreadSeconds();
  precis::cluster::Clusterer clusterer(options);
  for (const Article& a : stream) {
    const precis::cluster::Assignment r = clusterer.Add(analyzer.Analyze(a.doc));
    run.stories.push_back(r.story);
    run.copies += r.copy_of.has_value();
  }
  clusterer.Finish();
  run.seconds = ThreadSeconds() - start;
  return run;
}

// The half of the stream a story label falls in: by the parity of its
// FNV-1a hash, so that either half holds stories of every set, and a
// setting chosen on half A can be checked on half B.
std::string Half(const std::string& label) {
  std::uint64_t h = 0xcbf29ce484222325ull;
  for (const char c : label) h = (h ^ static_cast<unsigned char>(c)) * 0x100000001b3ull;
  return (h >> 7) % 2 == 0 ? "half A" : "half B";
}

// BCubed of each set's articles, or of each half's (their stories may hold
// other sets' or the other half's articles too).
void PrintBySet(const std::vector<std::uint64_t>& clusters, const std::vector<std::string>& labels, bool by_half) {
  std::unordered_map<std::uint64_t, double> cluster_size;
  std::unordered_map<std::string, double> label_size;
  std::map<std::pair<std::uint64_t, std::string>, double> both;
  for (std::size_t i = 0; i < clusters.size(); ++i) {
    ++cluster_size[clusters[i]];
    ++label_size[labels[i]];
    ++both[{clusters[i], labels[i]}];
  }
  std::map<std::string, std::array<double, 3>> sets;  // P sum, R sum, articles
  for (std::size_t i = 0; i < clusters.size(); ++i) {
    const double count = both[{clusters[i], labels[i]}];
    auto& s = sets[by_half ? Half(labels[i]) : labels[i].substr(0, labels[i].find('/'))];
    s[0] += count / cluster_size[clusters[i]];
    s[1] += count / label_size[labels[i]];
    s[2] += 1;
  }
  for (const auto& [set, s] : sets) {
    std::printf("  %-17s %4.0f articles: BCubed P %.3f R %.3f F1 %.3f\n", set.c_str(), s[2], s[0] / s[2], s[1] / s[2],
                F1(s[0] / s[2], s[1] / s[2]));
  }
}

void Report(const char* name, const std::vector<Article>& stream, const precis::cluster::Options& options, int rounds,
            bool by_set, bool by_half) {
  std::vector<std::string> labels;
  for (const Article& a : stream) labels.push_back(a.label);
  precis::cluster::ArticleAnalyzer analyzer(options);
  Run best = Cluster(stream, options, analyzer);
  for (int r = 1; r < rounds; ++r) {
    Run again = Cluster(stream, options, analyzer);
    if (again.stories != best.stories) std::cerr << "cluster_bench: runs differ (not deterministic)\n";
    best.seconds = std::min(best.seconds, again.seconds);
  }
  const Scores s = Score(best.stories, labels);
  std::printf("%-9s BCubed P %.3f R %.3f F1 %.3f | pairwise P %.3f R %.3f F1 %.3f | %zu stories (%zu labelled), "
              "%zu copies | %.0f articles/s\n",
              name, s.bp, s.br, s.bf, s.pp, s.pr, s.pf, s.clusters, s.labels, best.copies,
              static_cast<double>(stream.size()) / best.seconds);
  if (by_set) PrintBySet(best.stories, labels, false);
  if (by_half) PrintBySet(best.stories, labels, true);
}

// Why articles went wrong: a new story although one of theirs was open
// (a split), or a story whose articles are mostly of another label.
void Diagnose(const std::vector<Article>& stream, const precis::cluster::Options& options) {
  precis::cluster::ArticleAnalyzer analyzer(options);
  precis::cluster::Clusterer clusterer(options);
  std::unordered_map<std::uint64_t, std::map<std::string, int>> story_labels;
  std::unordered_map<std::string, std::uint64_t> label_story;  // the label's largest story so far
  std::size_t splits = 0, wrong = 0, right = 0, fresh = 0;
  std::vector<double> split_sims, wrong_sims, right_sims;
  for (const Article& a : stream) {
    const auto r = clusterer.Add(analyzer.Analyze(a.doc));
    auto& labels = story_labels[r.story];
    if (r.new_story) {
      if (label_story.count(a.label)) {
        ++splits;
        split_sims.push_back(r.similarity);
      } else {
        ++fresh;
      }
    } else {
      std::string major;
      int most = 0;
      for (const auto& [l, c] : labels) {
        if (c > most) most = c, major = l;
      }
      if (major == a.label) {
        ++right;
        right_sims.push_back(r.similarity);
      } else {
        ++wrong;
        wrong_sims.push_back(r.similarity);
        if (std::getenv("CLUSTER_BENCH_SHOW") != nullptr) {
          std::printf("    wrong %.3f %s -> %s (%d) | %s | %.80s\n", r.similarity, a.label.c_str(), major.c_str(), most,
                      a.doc.title.c_str(), a.doc.text.c_str());
        }
      }
    }
    ++labels[a.label];
    label_story[a.label] = r.story;
  }
  const auto median = [](std::vector<double> v) {
    if (v.empty()) return 0.0;
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
  };
  std::printf("  diagnosis: %zu new stories rightly, %zu splits (best similarity median %.3f), %zu right joins "
              "(median %.3f), %zu wrong joins (median %.3f)\n",
              fresh, splits, median(split_sims), right, median(right_sims), wrong, median(wrong_sims));
}

// What a second pass could gain: the stories found are merged offline,
// greedily, most similar pair first, while the cosine of their centroids
// (sums of the members' unit TF-IDF vectors over the whole stream's
// document frequencies) reaches `t`. Not online and not bounded in memory:
// an upper bound for a merge at the close of the window. Slow (minutes):
// every pair is compared again after each merge.
void MergeProbe(const std::vector<Article>& stream, const precis::cluster::Options& options) {
  using Vec = std::vector<std::pair<std::uint64_t, double>>;
  precis::cluster::ArticleAnalyzer analyzer(options);
  precis::cluster::Clusterer clusterer(options);
  std::vector<std::uint64_t> stories;
  std::vector<precis::cluster::ArticleFeatures> features;
  std::vector<std::string> labels;
  std::unordered_map<std::uint64_t, double> df;
  for (const Article& a : stream) {
    features.push_back(analyzer.Analyze(a.doc));
    stories.push_back(clusterer.Add(features.back()).story);
    labels.push_back(a.label);
    for (const auto& [term, w] : features.back().terms) ++df[term];
  }
  const auto dot = [](const Vec& a, const Vec& b) {
    double d = 0;
    for (std::size_t i = 0, j = 0; i < a.size() && j < b.size();) {
      if (a[i].first < b[j].first) ++i;
      else if (b[j].first < a[i].first) ++j;
      else d += a[i++].second * b[j++].second;
    }
    return d;
  };
  const auto add = [](const Vec& a, const Vec& b) {
    std::map<std::uint64_t, double> m(a.begin(), a.end());
    for (const auto& [t, w] : b) m[t] += w;
    return Vec(m.begin(), m.end());
  };
  std::map<std::uint64_t, Vec> centroid;
  const double n = static_cast<double>(stream.size());
  for (std::size_t i = 0; i < features.size(); ++i) {
    Vec v;
    double norm = 0;
    for (const auto& [term, w] : features[i].terms) {
      v.emplace_back(term, w * std::log(n / df[term]));
      norm += v.back().second * v.back().second;
    }
    for (auto& e : v) e.second /= std::sqrt(std::max(norm, 1e-12));
    centroid[stories[i]] = add(centroid[stories[i]], v);
  }
  for (const double t : {0.5, 0.4, 0.35, 0.3, 0.25, 0.2}) {
    std::map<std::uint64_t, Vec> c = centroid;
    std::map<std::uint64_t, std::uint64_t> into;  // story -> the story it was merged into
    for (const auto& [id, v] : c) into[id] = id;
    std::map<std::uint64_t, double> norm;
    for (const auto& [id, v] : c) norm[id] = std::sqrt(dot(v, v));
    while (true) {
      double best = t;
      std::uint64_t x = 0, y = 0;
      for (auto i = c.begin(); i != c.end(); ++i) {
        for (auto j = std::next(i); j != c.end(); ++j) {
          const double cos = dot(i->second, j->second) / (norm[i->first] * norm[j->first] + 1e-12);
          if (cos >= best) best = cos, x = i->first, y = j->first;
        }
      }
      if (x == 0) break;
      c[x] = add(c[x], c[y]);
      norm[x] = std::sqrt(dot(c[x], c[x]));
      c.erase(y);
      for (auto& [id, to] : into) {
        if (to == y) to = x;
      }
    }
    std::vector<std::uint64_t> merged;
    for (const std::uint64_t s : stories) merged.push_back(into[s]);
    const Scores sc = Score(merged, labels);
    std::printf("  merge probe %.2f: BCubed P %.3f R %.3f F1 %.3f, %zu stories\n", t, sc.bp, sc.br, sc.bf, sc.clusters);
  }
}

// Features of every article in stream order, one JSON line each (see the
// file comment). Body and title terms are written apart (the title read as
// a text of its own), so that a script can weigh them as it likes; copies
// and stories are the clusterer's with `options`, for a script to start
// from the same copies.
bool Dump(const std::vector<Article>& stream, const precis::cluster::Options& options, const std::string& path) {
  precis::cluster::Options body_only = options;
  body_only.title_weight = 0;
  precis::cluster::ArticleAnalyzer body_analyzer(body_only), analyzer(options);
  precis::cluster::Clusterer clusterer(options);
  std::ofstream out(path);
  if (!out) return false;
  for (const Article& a : stream) {
    const precis::cluster::ArticleFeatures f = body_analyzer.Analyze(a.doc);
    Document title_doc;
    title_doc.text = a.doc.title;
    const precis::cluster::ArticleFeatures t = analyzer.Analyze(title_doc);
    const precis::cluster::Assignment r = clusterer.Add(analyzer.Analyze(a.doc));
    nlohmann::json j;
    j["id"] = a.doc.id;
    j["label"] = a.label;
    j["day"] = f.day ? nlohmann::json(*f.day) : nlohmann::json(nullptr);
    nlohmann::json terms = nlohmann::json::array(), title = nlohmann::json::array();
    for (const auto& [term, w] : f.terms) terms.push_back({std::to_string(term), w});
    for (const auto& [term, w] : t.terms) title.push_back({std::to_string(term), w});
    j["terms"] = terms;
    j["title"] = title;
    nlohmann::json names = nlohmann::json::array();
    for (const auto n : f.names) names.push_back(std::to_string(n));
    j["names"] = names;
    j["copy_of"] = r.copy_of ? nlohmann::json(*r.copy_of) : nlohmann::json(nullptr);
    j["story"] = r.story;
    j["shingles"] = f.shingle_count;
    j["chars"] = a.doc.text.size();
    out << j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
  }
  out.close();
  return static_cast<bool>(out);
}

long PeakRssKb() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss;
}

long CurrentRssKb() {
  std::ifstream statm("/proc/self/statm");
  long pages = 0, resident = 0;
  statm >> pages >> resident;
  return resident * 4;
}

// The stream replayed `times` times, each replay later than the last by
// more than the window, under new labels: memory must not grow with it.
void Long(const std::vector<Article>& stream, const precis::cluster::Options& options, int times) {
  double first = 1e18, last = -1e18;
  for (const Article& a : stream) {
    if (const auto day = precis::cluster::ParseDay(a.doc.date)) {
      first = std::min(first, *day);
      last = std::max(last, *day);
    }
  }
  const double shift = last - first + options.window_days + 1;
  precis::cluster::ArticleAnalyzer analyzer(options);
  precis::cluster::Clusterer clusterer(options);
  std::size_t total = 0;
  for (int t = 0; t < times; ++t) {
    for (const Article& a : stream) {
      precis::cluster::ArticleFeatures f = analyzer.Analyze(a.doc);
      if (f.day) *f.day += shift * t;
      f.id.append(1, '#').append(std::to_string(t));
      clusterer.Add(f);
      ++total;
    }
    clusterer.TakeClosed();
    std::printf("  after %zu articles: %zu stories open, resident %ld KB\n", total, clusterer.open_stories(),
                CurrentRssKb());
  }
}

bool SetOption(precis::cluster::Options* o, const std::string& key, double value) {
  if (key == "threshold") o->threshold = value;
  else if (key == "margin") o->singleton_margin = value;
  else if (key == "window") o->window_days = value;
  else if (key == "decay") o->decay_days = value;
  else if (key == "title") o->title_weight = value;
  else if (key == "name") o->name_weight = value;
  else if (key == "sublinear") o->sublinear_tf = value != 0;
  else if (key == "copy") o->copy_containment = value;
  else if (key == "slope") o->size_slope = value;
  else if (key == "floor") o->min_threshold_share = value;
  else if (key == "member") o->member_weight = value;
  else if (key == "members") o->max_members = static_cast<std::size_t>(value);
  else if (key == "idf") o->idf_power = value;
  else if (key == "prior") o->idf_prior_docs = value;
  else if (key == "noname") o->no_shared_name_factor = value;
  else if (key == "bytes") o->max_body_bytes = static_cast<std::size_t>(value);
  else if (key == "candidates") o->max_candidates = static_cast<std::size_t>(value);
  else if (key == "keys") o->word_key_bytes = static_cast<std::size_t>(value);
  else if (key == "words") o->max_words = static_cast<std::size_t>(value);
  else if (key == "terms") o->max_article_terms = static_cast<std::size_t>(value);
  else if (key == "centroid") o->max_centroid_terms = static_cast<std::size_t>(value);
  else return false;
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  fs::path shared = PRECIS_SHARED_DIR;
  int rounds = 3, long_times = 0;
  bool scatter = false, by_set = false, by_half = false, diagnose = false, baseline = true, merge_probe = false;
  precis::cluster::Options options;
  std::string dump;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--shared" && i + 1 < argc) shared = argv[++i];
    else if (arg == "--rounds" && i + 1 < argc) rounds = std::max(1, std::stoi(argv[++i]));
    else if (arg == "--long" && i + 1 < argc) long_times = std::max(1, std::stoi(argv[++i]));
    else if (arg == "--scatter") scatter = true;
    else if (arg == "--by-set") by_set = true;
    else if (arg == "--by-half") by_half = true;
    else if (arg == "--diagnose") diagnose = true;
    else if (arg == "--no-baseline") baseline = false;
    else if (arg == "--merge-probe") merge_probe = true;
    else if (arg == "--dump" && i + 1 < argc) dump = argv[++i];
    else if (const auto eq = arg.find('='); eq != std::string::npos && SetOption(&options, arg.substr(0, eq), std::stod(arg.substr(eq + 1)))) {
    } else {
      std::cerr << "usage: cluster_bench [--shared DIR] [--rounds R] [--scatter] [--by-set] [--by-half] [--diagnose] [--no-baseline] [--long N] [--dump FILE] [KEY=VALUE...]\n";
      return 2;
    }
  }
  const fs::path bench = shared / "data" / "bench";
  std::vector<Article> all;
  for (const char* set : {"duc2006", "tac2011-en", "multinews-val250"}) {
    const fs::path path = bench / (std::string(set) + ".jsonl");
    if (!fs::exists(path)) {
      std::cout << "cluster_bench: skipped: " << path.string() << " is absent (the shared benchmark sets are needed)\n";
      return 0;
    }
    std::vector<Article> part = ReadSet(path, set);
    for (Article& a : part) all.push_back(std::move(a));
  }
  const auto clean_start = Clock::now();
  Clean(&all);
  const double clean_seconds = Seconds(clean_start, Clock::now());
  const std::vector<Article> stream = Order(std::move(all), scatter);
  std::printf("development stream: %zu articles (%s undated stories); cleaning %.2f s (%.0f articles/s, not counted "
              "below)\n",
              stream.size(), scatter ? "scattered" : "bursts of", clean_seconds,
              static_cast<double>(stream.size()) / clean_seconds);
  if (!dump.empty()) {
    if (!Dump(stream, options, dump)) {
      std::cerr << "cluster_bench: cannot write " << dump << "\n";
      return 3;
    }
    return 0;
  }
  if (baseline) Report("baseline", stream, precis::cluster::BaselineOptions(), rounds, by_set, by_half);
  Report("precis", stream, options, rounds, by_set, by_half);
  if (diagnose) Diagnose(stream, options);
  if (merge_probe) MergeProbe(stream, options);
  if (long_times > 0) Long(stream, options, long_times);
  std::printf("peak RSS %ld KB\n", PeakRssKb());
  return 0;
}
