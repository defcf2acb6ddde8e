// extract_bench: main-content extraction measured on the article-extraction
// benchmark of Zyte (scrapinghub/article-extraction-benchmark): pages as
// html/ID.html.gz and ground-truth.json = {ID: {"articleBody": ...}}.
//
// Quality uses that benchmark's own metric: tokens are \w+ matches, each text
// is the multiset of its 4-token shingles; per page tp = shared shingles, fp
// and fn the excess on each side, normalised to sum to 1; precision and
// recall are means over pages, F1 their harmonic mean.
// Speed is pages per second on one thread, extraction and line cleaning of
// the decompressed HTML in memory (file reading and gunzip excluded).
//
// usage: extract_bench [DIR] [--rounds N] [--raw] [--worst K] [--dump OUTDIR]
#include <unicode/uchar.h>
#include <unicode/utf8.h>
#include <zlib.h>

#include <algorithm>
#include <chrono>
#include <ctime>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <unordered_map>
#include <vector>

#include "precis/html.h"

namespace {

namespace fs = std::filesystem;

std::string ReadGzip(const fs::path& path) {
  gzFile file = gzopen(path.c_str(), "rb");
  if (file == nullptr) return {};
  std::string out;
  char buffer[1 << 16];
  int n = 0;
  while ((n = gzread(file, buffer, sizeof buffer)) > 0) out.append(buffer, static_cast<std::size_t>(n));
  gzclose(file);
  return out;
}

bool WordChar(UChar32 c) {
  if (c == '_') return true;
  const int8_t type = u_charType(c);
  return u_isalpha(c) || type == U_DECIMAL_DIGIT_NUMBER || type == U_LETTER_NUMBER || type == U_OTHER_NUMBER;
}

// Python's re.findall(r"\w+", text).
std::vector<std::string> Tokens(const std::string& text) {
  std::vector<std::string> tokens;
  std::string current;
  const auto* s = reinterpret_cast<const uint8_t*>(text.data());
  const auto length = static_cast<int32_t>(text.size());
  for (int32_t i = 0; i < length;) {
    const int32_t start = i;
    UChar32 c = 0;
    U8_NEXT(s, i, length, c);
    if (c >= 0 && WordChar(c)) {
      current.append(text, static_cast<std::size_t>(start), static_cast<std::size_t>(i - start));
    } else if (!current.empty()) {
      tokens.push_back(std::move(current));
      current.clear();
    }
  }
  if (!current.empty()) tokens.push_back(std::move(current));
  return tokens;
}

std::unordered_map<std::string, int> Shingles(const std::string& text) {
  const std::vector<std::string> tokens = Tokens(text);
  std::unordered_map<std::string, int> shingles;
  const std::size_t n = 4;
  const std::size_t count = tokens.size() >= n ? tokens.size() - n + 1 : (tokens.empty() ? 0 : 1);
  for (std::size_t i = 0; i < count; ++i) {
    std::string key;
    for (std::size_t k = i; k < std::min(i + n, tokens.size()); ++k) {
      key += tokens[k];
      key.push_back('\x1f');
    }
    ++shingles[key];
  }
  return shingles;
}

struct Match {
  double tp = 0, fp = 0, fn = 0;
};

Match Compare(const std::string& truth, const std::string& prediction) {
  const auto t = Shingles(truth), p = Shingles(prediction);
  Match m;
  for (const auto& [key, count] : t) {
    const auto it = p.find(key);
    const int other = it == p.end() ? 0 : it->second;
    m.tp += std::min(count, other);
    m.fn += std::max(0, count - other);
  }
  for (const auto& [key, count] : p) {
    const auto it = t.find(key);
    m.fp += std::max(0, count - (it == t.end() ? 0 : it->second));
  }
  const double sum = m.tp + m.fp + m.fn;
  if (sum > 0) m = {m.tp / sum, m.fp / sum, m.fn / sum};
  return m;
}

double Precision(const Match& m) { return (m.fp == 0 && m.fn == 0) ? 1 : (m.tp == 0 && m.fp == 0) ? 0 : m.tp / (m.tp + m.fp); }
double Recall(const Match& m) { return (m.fp == 0 && m.fn == 0) ? 1 : (m.tp == 0 && m.fn == 0) ? 0 : m.tp / (m.tp + m.fn); }

}  // namespace

int main(int argc, char** argv) {
  fs::path dir = fs::path(PRECIS_SHARED_DIR) / "data" / "extract" / "zyte-dev";
  int rounds = 3, worst = 0;
  bool raw = false;
  std::string dump;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--rounds" && i + 1 < argc) rounds = std::max(1, std::atoi(argv[++i]));
    else if (arg == "--worst" && i + 1 < argc) worst = std::atoi(argv[++i]);
    else if (arg == "--dump" && i + 1 < argc) dump = argv[++i];
    else if (arg == "--raw") raw = true;
    else if (arg == "-h" || arg == "--help") {
      std::cout << "usage: extract_bench [DIR] [--rounds N] [--raw] [--worst K] [--dump OUTDIR]\n"
                   "  DIR       a directory with ground-truth.json and html/ID.html.gz (default: the shared zyte-dev set)\n"
                   "  --raw     score ExtractArticle alone, without line cleaning\n"
                   "  --worst K list the K pages with the lowest F1\n"
                   "  --dump D  write each page's extracted text to D/ID.txt\n";
      return 0;
    } else dir = arg;
  }
  const fs::path truth_path = dir / "ground-truth.json";
  std::ifstream truth_file(truth_path);
  if (!truth_file) {
    std::cerr << "extract_bench: " << truth_path.string() << ": not found (the shared benchmark data is absent)\n";
    return 1;
  }
  const nlohmann::json truth = nlohmann::json::parse(truth_file, nullptr, false);
  if (truth.is_discarded() || !truth.is_object()) {
    std::cerr << "extract_bench: " << truth_path.string() << ": invalid JSON\n";
    return 1;
  }
  std::vector<std::string> ids, pages, bodies;
  std::size_t bytes = 0;
  for (const auto& [id, entry] : truth.items()) {
    std::string html = ReadGzip(dir / "html" / (id + ".html.gz"));
    if (html.empty()) {
      std::cerr << "extract_bench: missing page " << id << "\n";
      continue;
    }
    bytes += html.size();
    ids.push_back(id);
    pages.push_back(std::move(html));
    bodies.push_back(entry.value("articleBody", ""));
  }
  if (pages.empty()) {
    std::cerr << "extract_bench: no pages in " << dir.string() << "\n";
    return 1;
  }
  std::vector<std::string> outputs(pages.size());
  const auto extract = [&](const std::string& html) {
    if (raw) return precis::ExtractArticle(html).text;
    return precis::ExtractAndClean(html).doc.text;
  };
  // CPU time of this thread: the per-core figure, not disturbed by other
  // processes sharing the machine; wall time is printed beside it.
  const auto cpu_now = [] {
    timespec t{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return t.tv_sec + t.tv_nsec * 1e-9;
  };
  const double cpu_start = cpu_now();
  const auto start = std::chrono::steady_clock::now();
  for (int r = 0; r < rounds; ++r) {
    for (std::size_t i = 0; i < pages.size(); ++i) outputs[i] = extract(pages[i]);
  }
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  const double cpu_seconds = cpu_now() - cpu_start;

  std::vector<double> precisions, recalls;
  std::vector<std::pair<double, std::size_t>> by_f1;
  for (std::size_t i = 0; i < pages.size(); ++i) {
    const Match m = Compare(bodies[i], outputs[i]);
    if (m.tp + m.fp > 0) precisions.push_back(Precision(m));
    if (m.tp + m.fn > 0) recalls.push_back(Recall(m));
    const double p = Precision(m), r = Recall(m);
    by_f1.emplace_back(p + r > 0 ? 2 * p * r / (p + r) : 0, i);
    if (!dump.empty()) {
      fs::create_directories(dump);
      std::ofstream(fs::path(dump) / (ids[i] + ".txt")) << outputs[i];
    }
  }
  const auto mean = [](const std::vector<double>& v) {
    double sum = 0;
    for (const double x : v) sum += x;
    return v.empty() ? 0.0 : sum / v.size();
  };
  const double precision = mean(precisions), recall = mean(recalls);
  const double f1 = precision + recall > 0 ? 2 * precision * recall / (precision + recall) : 0;
  std::printf("pages          %zu (%s)\n", pages.size(), dir.filename().string().c_str());
  std::printf("mode           %s\n", raw ? "ExtractArticle" : "ExtractAndClean (extraction + line cleaning)");
  std::printf("precision      %.3f\n", precision);
  std::printf("recall         %.3f\n", recall);
  std::printf("F1             %.3f\n", f1);
  std::printf("pages/second   %.0f per core (thread CPU time; %.0f by wall clock), %d rounds of %.1f MB of HTML\n",
              pages.size() * rounds / cpu_seconds, pages.size() * rounds / seconds, rounds, bytes / 1e6);
  if (worst > 0) {
    std::sort(by_f1.begin(), by_f1.end());
    for (int k = 0; k < worst && k < static_cast<int>(by_f1.size()); ++k) {
      const std::size_t i = by_f1[k].second;
      const Match m = Compare(bodies[i], outputs[i]);
      std::printf("  F1 %.3f  P %.3f  R %.3f  %s\n", by_f1[k].first, Precision(m), Recall(m), ids[i].c_str());
    }
  }
  return 0;
}
