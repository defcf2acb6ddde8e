// Bench reports: the text table, the JSON document and the HTML page.
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <nlohmann/json.hpp>
#include <ostream>
#include <sstream>

#include "precis/bench.h"
#include "precis/error.h"

namespace precis::bench {
namespace {

template <typename... Args>
std::string Format(const char* format, Args... args) {
  char buffer[256];
  std::snprintf(buffer, sizeof buffer, format, args...);
  return buffer;
}

std::string Measure(const Preset& p) { return p.recall ? "R" : "F"; }
std::string MeasureName(const Preset& p) { return p.recall ? "recall" : "F-measure"; }

std::string Label(const MethodSpec& spec) {
  if (spec.kind == MethodSpec::Kind::kSummarizer && spec.name != spec.method) {
    return spec.name + " (" + spec.method + (spec.params.empty() ? "" : " " + spec.params) + ")";
  }
  if (spec.kind == MethodSpec::Kind::kSummarizer && !spec.params.empty()) return spec.name + " (" + spec.params + ")";
  return spec.name;
}

std::string Speed(double per_second) {
  if (per_second >= 100) return Format("%.0f", per_second);
  if (per_second >= 10) return Format("%.1f", per_second);
  return Format("%.2f", per_second);
}

std::string Megabytes(long kb) { return Format("%.1f MB", static_cast<double>(kb) / 1024.0); }

// Padded for the aligned text table, or not (Markdown, HTML).
std::string Cell(const MetricResult& m, bool padded = true) {
  return Format(padded ? "%5.2f [%5.2f, %5.2f]" : "%.2f [%.2f, %.2f]", 100 * m.value, 100 * m.low, 100 * m.high);
}

std::string DifferenceCell(const PairedDifference& d, bool padded = true) {
  return Format(padded ? "%+5.2f [%+5.2f, %+5.2f]%s" : "%+.2f [%+.2f, %+.2f]%s", 100 * d.mean, 100 * d.low,
                100 * d.high, d.significant ? " *" : padded ? "  " : "");
}

std::string PairedNote(const BenchResult& r) {
  return "Paired differences: " + r.reference +
         " minus each method, per story, averaged (in points); bounds from a paired bootstrap over the stories (" +
         std::to_string(r.preset.rouge.resamples) +
         " resamples, " + r.preset.rouge.confidence_text + "%); * when the bounds exclude 0, i.e. " + r.reference +
         " is better (+) or worse (-) beyond the spread of these stories.";
}

bool AnyComparison(const BenchResult& r) {
  return std::any_of(r.methods.begin(), r.methods.end(),
                     [](const MethodResult& m) { return !m.versus_reference.empty(); });
}

std::string Pad(const std::string& s, std::size_t width, bool right = false) {
  if (s.size() >= width) return s;
  return right ? std::string(width - s.size(), ' ') + s : s + std::string(width - s.size(), ' ');
}

std::string TimeNote(const BenchResult& r) {
  return "stories/s: stories per second of summarizing time, measured per method: the CPU time of the " +
         std::to_string(r.threads) +
         " summarizing thread(s), summed (ROUGE scoring not included); external commands: the command's wall time.";
}

const char* kMemoryNote =
    "peak RSS: the process's maximum resident set size (getrusage) when the method finished; process-wide, so it "
    "includes the loaded stories and the methods before; external commands: the largest child process.";

// Which methods read the stories' questions, when they have them.
std::string QueriesNote(const BenchResult& r) {
  if (r.stories_with_question == 0) return "";
  const std::string which =
      r.stories_with_question == r.stories ? "" : " for " + std::to_string(r.stories_with_question) + " stories";
  const std::string from = r.queries.empty() ? " (the stories' own)" : " from " + r.queries;
  return "; questions" + which + from + ", read by the precis method and external commands only";
}

std::string Header(const BenchResult& r) {
  return "precis bench: " + r.set_name + ", " + std::to_string(r.stories) + " stories, preset " + r.preset.name +
         " (" + std::to_string(r.preset.words) + " words, ROUGE " + MeasureName(r.preset) + " in %, 95% bounds)" +
         QueriesNote(r);
}

// "precis 0.1.0, 2026-01-31 14:05 UTC, x86_64, 2 cores, ..." (the parts known).
std::string Provenance(const BenchResult& r) {
  std::string out = "precis " + (r.version.empty() ? std::string("(version unknown)") : r.version);
  if (!r.date.empty()) out += ", run " + r.date;
  if (!r.machine.empty()) out += ", on " + r.machine;
  return out;
}

std::string Escape(std::string_view s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      default: out += c;
    }
  }
  return out;
}

const MetricResult* Find(const MethodResult& m, std::string_view name) {
  for (const MetricResult& r : m.metrics) {
    if (r.name == name) return &r;
  }
  return nullptr;
}

// The SVG chart: ROUGE-2 against stories per second (log scale).
std::string Chart(const BenchResult& r) {
  struct Point {
    std::string label;
    double speed, value, low, high;
    bool reference;  // the method the others are compared with (the default): drawn apart
  };
  std::vector<Point> points;
  for (const MethodResult& m : r.methods) {
    const MetricResult* r2 = Find(m, "ROUGE-2");
    if (r2 == nullptr || m.stories_per_second <= 0) continue;
    points.push_back({Label(m.spec), m.stories_per_second, 100 * r2->value, 100 * r2->low, 100 * r2->high,
                      m.spec.name == r.reference});
  }
  if (points.empty()) return "<p>No method to chart.</p>\n";
  double xmin = 1e300, xmax = -1e300, ymin = 1e300, ymax = -1e300;
  for (const Point& p : points) {
    xmin = std::min(xmin, std::log10(p.speed));
    xmax = std::max(xmax, std::log10(p.speed));
    ymin = std::min(ymin, p.low);
    ymax = std::max(ymax, p.high);
  }
  xmin = std::floor(xmin);
  xmax = std::max(std::ceil(xmax), xmin + 1);
  const double ystep = (ymax - ymin) > 20 ? 5 : (ymax - ymin) > 8 ? 2 : 1;
  ymin = std::floor(ymin / ystep) * ystep;
  ymax = std::ceil(ymax / ystep) * ystep;
  if (ymax <= ymin) ymax = ymin + ystep;
  const double width = 720, height = 420, left = 70, right = 30, top = 20, bottom = 60;
  auto x_of = [&](double speed) { return left + (std::log10(speed) - xmin) / (xmax - xmin) * (width - left - right); };
  auto y_of = [&](double v) { return top + (ymax - v) / (ymax - ymin) * (height - top - bottom); };
  std::ostringstream svg;
  svg << Format("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %.0f %.0f\" width=\"%.0f\" height=\"%.0f\" "
                "role=\"img\" aria-label=\"ROUGE-2 against stories per second\">\n",
                width, height, width, height);
  svg << "<rect x=\"0\" y=\"0\" width=\"100%\" height=\"100%\" fill=\"#fff\"/>\n";
  // Grid and ticks.
  for (double y = ymin; y <= ymax + 1e-9; y += ystep) {
    svg << Format("<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#ddd\"/>\n", left, y_of(y),
                  width - right, y_of(y));
    svg << Format("<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"end\" font-size=\"12\">%g</text>\n", left - 6,
                  y_of(y) + 4, y);
  }
  for (double e = xmin; e <= xmax + 1e-9; e += 1) {
    const double x = x_of(std::pow(10.0, e));
    svg << Format("<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#ddd\"/>\n", x, top, x,
                  height - bottom);
    svg << Format("<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\" font-size=\"12\">%g</text>\n", x,
                  height - bottom + 18, std::pow(10.0, e));
    for (int k = 2; k <= 9 && e + 1 <= xmax + 1e-9; ++k) {
      const double xs = x_of(k * std::pow(10.0, e));
      svg << Format("<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#999\"/>\n", xs,
                    height - bottom, xs, height - bottom + 4);
    }
  }
  svg << Format("<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"none\" stroke=\"#333\"/>\n", left,
                top, width - left - right, height - top - bottom);
  svg << Format("<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\" font-size=\"13\">stories per second "
                "(log scale; %s)</text>\n",
                (left + width - right) / 2, height - 14, "CPU time of the summarizing threads, wall time for commands");
  svg << Format("<text transform=\"translate(18 %.1f) rotate(-90)\" text-anchor=\"middle\" font-size=\"13\">"
                "ROUGE-2 %s (%%)</text>\n",
                (top + height - bottom) / 2, MeasureName(r.preset).c_str());
  // Labels: beside the point, on the first side where they overlap no other
  // label or point (text width estimated at 7.5 px per character).
  struct Box {
    double x0, y0, x1, y1;
  };
  std::vector<Box> taken;
  for (const Point& p : points) taken.push_back({x_of(p.speed) - 5, y_of(p.value) - 5, x_of(p.speed) + 5, y_of(p.value) + 5});
  auto overlaps = [&](const Box& b) {
    for (const Box& t : taken) {
      if (b.x0 < t.x1 && t.x0 < b.x1 && b.y0 < t.y1 && t.y0 < b.y1) return true;
    }
    return b.x0 < left || b.x1 > width - right || b.y0 < top || b.y1 > height - bottom;
  };
  for (const Point& p : points) {
    const double x = x_of(p.speed), y = y_of(p.value);
    const char* colour = p.reference ? "#c33" : "#36c";
    svg << Format("<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" stroke-width=\"2\"/>\n", x,
                  y_of(p.low), x, y_of(p.high), colour);
    svg << Format("<circle cx=\"%.1f\" cy=\"%.1f\" r=\"5\" fill=\"%s\"><title>", x, y, colour)
        << Escape(p.label) << Format(": %.2f, %s stories/s</title></circle>\n", p.value, Speed(p.speed).c_str());
  }
  for (const Point& p : points) {
    const double x = x_of(p.speed), y = y_of(p.value);
    const double w = 7.5 * static_cast<double>(p.label.size()), h = 13;
    // (dx, baseline dy, anchored at the end)
    // Beside the point first; points that (nearly) coincide, such as the
    // default and lead, push a label farther up or down, on a leader line.
    std::vector<std::array<double, 3>> places = {{9, -6, 0}, {9, 16, 0}, {-9, -6, 1}, {-9, 16, 1}, {9, 30, 0},
                                                 {9, -20, 0}, {-9, 30, 1}, {-9, -20, 1}, {9, 5, 0}, {-9, 5, 1}};
    for (double far = 44; far <= 44 + 14 * 12; far += 14) {
      for (const double side : {-1.0, 1.0}) {
        places.push_back({24, side * far, 0});
        places.push_back({-24, side * far, 1});
      }
    }
    Box chosen{};
    std::array<double, 3> place = places[0];
    for (const auto& candidate : places) {
      const double bx = candidate[2] != 0 ? x + candidate[0] - w : x + candidate[0];
      const Box b{bx, y + candidate[1] - h + 2, bx + w, y + candidate[1] + 2};
      if (&candidate == &places[0]) chosen = b;
      if (!overlaps(b)) {
        chosen = b;
        place = candidate;
        break;
      }
    }
    taken.push_back(chosen);
    if (std::abs(place[1]) > 30) {
      svg << Format("<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#999\"/>\n", x, y, x + place[0],
                    y + place[1] - 4);
    }
    svg << Format("<text x=\"%.1f\" y=\"%.1f\" font-size=\"13\" text-anchor=\"%s\"%s>", x + place[0], y + place[1],
                  place[2] != 0 ? "end" : "start", p.reference ? " font-weight=\"bold\"" : "")
        << Escape(p.label) << "</text>\n";
  }
  svg << "</svg>\n";
  return svg.str();
}

}  // namespace

void WriteText(std::ostream& out, const BenchResult& r) {
  out << Header(r) << "\n";
  out << Provenance(r) << "\n";
  out << "ROUGE flags: " << r.preset.flags << "\n";
  out << "References are split into sentences by precis' splitter (the same for every method); to reproduce a "
         "row, save the cases with --save-cases DIR and run precis rouge "
      << r.preset.flags << " --jsonl DIR/METHOD.jsonl\n\n";
  std::size_t name_width = 6;
  for (const MethodResult& m : r.methods) name_width = std::max(name_width, Label(m.spec).size());
  std::vector<std::string> metric_names;
  if (!r.methods.empty()) {
    for (const MetricResult& m : r.methods.front().metrics) metric_names.push_back(m.name);
  }
  const std::size_t cell = 22;
  out << Pad("method", name_width + 2);
  for (const auto& name : metric_names) out << Pad(name + " " + Measure(r.preset), cell + 2);
  out << Pad("words", 7, true) << Pad("stories/s", 11, true) << Pad("time", 6, true) << Pad("peak RSS", 11, true)
      << "\n";
  for (const MethodResult& m : r.methods) {
    out << Pad(Label(m.spec), name_width + 2);
    for (const auto& name : metric_names) {
      const MetricResult* metric = Find(m, name);
      out << Pad(metric != nullptr ? Cell(*metric) : "-", cell + 2);
    }
    out << Pad(Format("%.1f", m.average_words), 7, true) << Pad(Speed(m.stories_per_second), 11, true)
        << Pad(m.cpu_time ? "cpu" : "wall", 6, true) << Pad(Megabytes(m.peak_rss_kb), 11, true) << "\n";
  }
  if (AnyComparison(r)) {
    out << "\n" << Pad(r.reference + " minus", name_width + 2);
    for (const auto& name : metric_names) out << Pad(name + " " + Measure(r.preset), cell + 4);
    out << "\n";
    for (const MethodResult& m : r.methods) {
      if (m.versus_reference.empty()) continue;
      out << Pad(Label(m.spec), name_width + 2);
      for (const PairedDifference& d : m.versus_reference) out << Pad(DifferenceCell(d), cell + 4);
      out << "\n";
    }
    out << "\n" << PairedNote(r) << "\n";
  }
  out << "\n" << TimeNote(r) << "\n" << kMemoryNote << "\n";
}

void WriteJson(std::ostream& out, const BenchResult& r) {
  auto round5 = [](double v) { return std::round(v * 1e5) / 1e5; };
  nlohmann::json methods = nlohmann::json::array();
  for (const MethodResult& m : r.methods) {
    nlohmann::json metrics = nlohmann::json::object();
    for (const MetricResult& x : m.metrics) {
      const rouge::Average& a = x.average;
      metrics[x.name] = {{"R", round5(a.r)},
                         {"R_ci", {round5(a.r_low), round5(a.r_high)}},
                         {"P", round5(a.p)},
                         {"P_ci", {round5(a.p_low), round5(a.p_high)}},
                         {"F", round5(a.f)},
                         {"F_ci", {round5(a.f_low), round5(a.f_high)}},
                         {"value", round5(x.value)},
                         {"ci", {round5(x.low), round5(x.high)}}};
    }
    const char* kind = m.spec.kind == MethodSpec::Kind::kOracle     ? "oracle"
                       : m.spec.kind == MethodSpec::Kind::kExternal ? "external"
                                                                    : "summarizer";
    nlohmann::json j = {{"name", m.spec.name},
                        {"kind", kind},
                        {"average_words", m.average_words},
                        {"seconds", m.seconds},
                        {"time", m.cpu_time ? "thread_cpu" : "wall"},
                        {"wall_seconds", m.wall_seconds},
                        {"stories_per_second", m.stories_per_second},
                        {"peak_rss_bytes", m.peak_rss_kb * 1024},
                        {"peak_rss_scope",
                         m.spec.kind == MethodSpec::Kind::kExternal ? "largest_child" : "process"},
                        {"metrics", std::move(metrics)}};
    if (m.spec.kind == MethodSpec::Kind::kSummarizer) {
      j["method"] = m.spec.method;
      j["params"] = m.spec.params;
    }
    if (m.spec.kind == MethodSpec::Kind::kExternal) j["command"] = m.spec.command;
    if (!m.versus_reference.empty()) {
      nlohmann::json versus = {{"reference", r.reference}};
      for (const PairedDifference& d : m.versus_reference) {
        versus[d.metric] = {{"difference", round5(d.mean)},
                            {"ci", {round5(d.low), round5(d.high)}},
                            {"significant", d.significant},
                            {"reference_better", d.reference_better},
                            {"method_better", d.method_better}};
      }
      j["versus_reference"] = std::move(versus);
    }
    methods.push_back(std::move(j));
  }
  const nlohmann::json doc = {{"version", r.version},
                              {"date", r.date},
                              {"machine", r.machine},
                              {"set", r.set_name},
                              {"stories", r.stories},
                              {"preset", r.preset.name},
                              {"words", r.preset.words},
                              {"measure", r.preset.recall ? "recall" : "F"},
                              {"flags", r.preset.flags},
                              {"queries", r.queries.empty() ? nlohmann::json(nullptr) : nlohmann::json(r.queries)},
                              {"stories_with_question", r.stories_with_question},
                              {"threads", r.threads},
                              {"peak_rss_bytes", r.peak_rss_kb * 1024},
                              {"methods", std::move(methods)}};
  out << doc.dump(2) << "\n";
}

void WriteHtml(std::ostream& out, const BenchResult& r) {
  out << "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>"
      << Escape("precis bench: " + r.set_name) << "</title>\n"
      << "<style>\nbody{font-family:sans-serif;margin:2em auto;max-width:60em;padding:0 1em;color:#222}\n"
         "table{border-collapse:collapse;margin:1em 0}th,td{padding:.3em .7em;border-bottom:1px solid #ddd}"
         "td.n{text-align:right;font-variant-numeric:tabular-nums}th{text-align:left}\n"
         "code{background:#f4f4f4;padding:.1em .3em}p.note{font-size:.9em;color:#555}\n</style>\n</head>\n<body>\n";
  out << "<h1>" << Escape("precis bench: " + r.set_name) << "</h1>\n";
  out << "<p>" << Escape(Header(r)) << ".</p>\n";
  out << "<p>" << Escape(Provenance(r)) << ".</p>\n";
  out << "<p>ROUGE flags: <code>" << Escape(r.preset.flags)
      << "</code> (references split into sentences by precis' splitter).</p>\n";
  std::vector<std::string> metric_names;
  if (!r.methods.empty()) {
    for (const MetricResult& m : r.methods.front().metrics) metric_names.push_back(m.name);
  }
  out << "<table>\n<tr><th>method</th>";
  for (const auto& name : metric_names) out << "<th>" << Escape(name + " " + Measure(r.preset)) << " [95%]</th>";
  out << "<th>words</th><th>stories/s</th><th>time</th><th>peak RSS</th></tr>\n";
  for (const MethodResult& m : r.methods) {
    out << "<tr><td>" << Escape(Label(m.spec)) << "</td>";
    for (const auto& name : metric_names) {
      const MetricResult* metric = Find(m, name);
      out << "<td class=\"n\">" << (metric != nullptr ? Escape(Cell(*metric, false)) : "-") << "</td>";
    }
    out << "<td class=\"n\">" << Format("%.1f", m.average_words) << "</td><td class=\"n\">"
        << Speed(m.stories_per_second) << "</td><td>" << (m.cpu_time ? "cpu" : "wall") << "</td><td class=\"n\">"
        << Megabytes(m.peak_rss_kb) << "</td></tr>\n";
  }
  out << "</table>\n";
  if (AnyComparison(r)) {
    out << "<h2>" << Escape(r.reference) << " against each method, story by story</h2>\n<table>\n<tr><th>"
        << Escape(r.reference) << " minus</th>";
    for (const auto& name : metric_names) out << "<th>" << Escape(name + " " + Measure(r.preset)) << " [95%]</th>";
    out << "</tr>\n";
    for (const MethodResult& m : r.methods) {
      if (m.versus_reference.empty()) continue;
      out << "<tr><td>" << Escape(Label(m.spec)) << "</td>";
      for (const PairedDifference& d : m.versus_reference) out << "<td class=\"n\">" << Escape(DifferenceCell(d, false)) << "</td>";
      out << "</tr>\n";
    }
    out << "</table>\n<p class=\"note\">" << Escape(PairedNote(r)) << "</p>\n";
  }
  out << "<h2>Quality against speed</h2>\n" << Chart(r);
  if (!r.reference.empty()) {
    out << "<p class=\"note\">In red and bold: " << Escape(r.reference)
        << ", the method the others are compared with.</p>\n";
  }
  out << "<p class=\"note\">" << Escape(TimeNote(r)) << "</p>\n<p class=\"note\">" << Escape(kMemoryNote)
      << "</p>\n<p class=\"note\">Bars: the 95% confidence bounds of ROUGE-2 (bootstrap, "
      << Escape(std::to_string(r.preset.rouge.resamples)) << " resamples).</p>\n";
  out << "</body>\n</html>\n";
}

void WriteMarkdown(std::ostream& out, const BenchResult& r) {
  std::vector<std::string> metric_names;
  if (!r.methods.empty()) {
    for (const MetricResult& m : r.methods.front().metrics) metric_names.push_back(m.name);
  }
  out << r.set_name << " (" << r.stories << " stories, preset " << r.preset.name << ", " << MeasureName(r.preset)
      << QueriesNote(r) << "):\n\n| method |";
  for (const auto& name : metric_names) out << " " << name << " " << Measure(r.preset) << " [95%] |";
  out << " words | stories/s | peak RSS |\n| --- |";
  for (std::size_t k = 0; k < metric_names.size() + 3; ++k) out << " --- |";
  out << "\n";
  for (const MethodResult& m : r.methods) {
    out << "| " << Label(m.spec) << " |";
    for (const auto& name : metric_names) {
      const MetricResult* metric = Find(m, name);
      out << " " << (metric != nullptr ? Cell(*metric, false) : "-") << " |";
    }
    out << " " << Format("%.1f", m.average_words) << " | " << Speed(m.stories_per_second)
        << (m.cpu_time ? "" : " (wall)") << " | " << Format("%.0f MB", static_cast<double>(m.peak_rss_kb) / 1024.0)
        << " |\n";
  }
  if (!AnyComparison(r)) return;
  out << "\n" << r.reference << " minus each method, story by story (paired bootstrap, 95%; * the bounds exclude 0):\n\n| "
      << r.reference << " minus |";
  for (const auto& name : metric_names) out << " " << name << " " << Measure(r.preset) << " |";
  out << "\n| --- |";
  for (std::size_t k = 0; k < metric_names.size(); ++k) out << " --- |";
  out << "\n";
  for (const MethodResult& m : r.methods) {
    if (m.versus_reference.empty()) continue;
    out << "| " << Label(m.spec) << " |";
    for (const PairedDifference& d : m.versus_reference) out << " " << DifferenceCell(d, false) << " |";
    out << "\n";
  }
}

void WriteCases(std::ostream& out, const BenchResult& r, std::size_t method) {
  const MethodResult& m = r.methods.at(method);
  for (std::size_t s = 0; s < r.story_ids.size(); ++s) {
    const nlohmann::json j = {{"id", r.story_ids[s]}, {"peer_id", m.spec.name}, {"peer", m.summaries[s]},
                              {"models", r.references[s]}};
    out << j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
  }
}

}  // namespace precis::bench
