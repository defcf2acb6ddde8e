#include "precis/rouge_args.h"

#include <charconv>
#include <cmath>
#include <limits>
#include <map>
#include <sstream>
#include <string_view>

#include "precis/run_options.h"

namespace precis::rouge {
namespace {

long ParseInteger(const std::string& flag, const std::string& text, long min,
                  long max = std::numeric_limits<long>::max()) {
  long value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec == std::errc::result_out_of_range) throw ArgumentError(flag + " is out of range: " + text);
  if (ec != std::errc() || end != text.data() + text.size()) {
    throw ArgumentError(flag + " expects an integer, got \"" + text + "\"");
  }
  if (value < min) throw ArgumentError(flag + " must be at least " + std::to_string(min) + ", got " + text);
  if (value > max) throw ArgumentError(flag + " must be at most " + std::to_string(max) + ", got " + text);
  return value;
}

// Bounds for the flags stored as int: each metric and resample costs memory,
// and a value beyond int would wrap around.
constexpr long kMaxNgram = 1000;
constexpr long kMaxResamples = 1000000;
constexpr long kMaxThreads = static_cast<long>(precis::kMaxThreads);

double ParseNumber(const std::string& flag, const std::string& text, double min, double max) {
  double value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  // from_chars reads "nan" and "inf": no weight, level or alpha.
  if (ec != std::errc() || end != text.data() + text.size() || !std::isfinite(value)) {
    throw ArgumentError(flag + " expects a number, got \"" + text + "\"");
  }
  if (value < min || value > max) {
    std::ostringstream range;
    range << flag << " must be between " << min << " and " << max << ", got " << text;
    throw ArgumentError(range.str());
  }
  return value;
}

void ApplyShort(char flag, const std::string* value, CommandLine* inv) {
  rouge::Options& o = inv->options;
  const std::string name = std::string("-") + flag;
  switch (flag) {
    case 'a': inv->all_peers = true; break;
    case 'd': inv->per_case = true; break;
    case 'h': inv->usage = true; break;
    case 'H': inv->full_usage = true; break;
    case 'm': o.stem = true; break;
    case 's': o.remove_stopwords = true; break;
    case 'u': o.skip_unigrams = true; break;
    case 'U': o.skip_both = true; break;
    case 'v': inv->verbose = true; break;
    case 'x': o.lcs = false; break;
    case 'b': o.byte_limit = ParseInteger(name, *value, 0); break;
    case 'l': o.word_limit = ParseInteger(name, *value, 0); break;
    case 'n': o.max_ngram = static_cast<int>(ParseInteger(name, *value, 0, kMaxNgram)); break;
    case 'r': o.resamples = static_cast<int>(ParseInteger(name, *value, 1, kMaxResamples)); break;
    case 'c':
      o.confidence = ParseNumber(name, *value, 0, 100);
      o.confidence_text = *value;
      break;
    case 'p': o.alpha = ParseNumber(name, *value, 0, 1); break;
    case 'w':
      o.wlcs_weight = ParseNumber(name, *value, 1e-9, 1e9);
      o.wlcs_weight_text = *value;
      break;
    case '2':
      o.skip_distance = ParseInteger(name, *value, std::numeric_limits<long>::min());
      o.skip_distance_text = *value;
      break;
    case 't': {
      // The script treats anything but 1 or 2 as 0.
      const std::string& t = *value;
      o.unit = t == "1" ? rouge::CountingUnit::kToken
                        : t == "2" ? rouge::CountingUnit::kRawCounts : rouge::CountingUnit::kSummary;
      break;
    }
    case 'f':
      if (*value == "B") {
        o.formula = rouge::Formula::kBestModel;
      } else {
        o.formula = rouge::Formula::kModelAverage;
        if (*value != "A") inv->warnings.push_back("-f " + *value + ": not A or B; using A, as ROUGE-1.5.5 does");
      }
      break;
    case 'z': inv->file_list_format = *value; break;
    case 'o': inv->output = *value; break;
    case 'e': break;  // the data ROUGE-1.5.5 looks for there is built in
    case '3': throw ArgumentError("-3 (Basic Elements) is not supported");
    case 'M': throw ArgumentError("-M is not supported");
    default: throw ArgumentError(std::string("unknown option -") + flag + " (see precis rouge --help)");
  }
}

// The flags with a value in the script's 'ahHb:c:de:f:l:mMn:p:st:r:2:3:w:uUvxz:'.
// -o (the output file) is precis' own.
bool TakesValue(char flag) { return std::string_view("bcteflnpr23wzo").find(flag) != std::string_view::npos; }

void ApplyLong(const std::string& name, const std::string& value, CommandLine* inv) {
  if (name == "jsonl") {
    inv->jsonl = value;
  } else if (name == "threads") {
    inv->threads = static_cast<int>(ParseInteger("--threads", value, 0, kMaxThreads));
  } else if (name == "format") {
    if (value != "text" && value != "json" && value != "jsonl") {
      throw ArgumentError("--format must be text, json or jsonl, got \"" + value + "\"");
    }
    inv->format = value;
  } else if (name == "exceptions") {
    inv->exceptions = value;
  } else if (name == "label") {
    inv->label = value;
  } else if (name == "output") {
    inv->output = value;
  } else if (name == "on-error") {
    if (value != "stop" && value != "skip") throw ArgumentError("--on-error must be stop or skip, got \"" + value + "\"");
    inv->on_error = value;
  } else if (name == "make-home") {
    inv->make_home = value;
  } else if (name == "max-line-bytes") {
    inv->max_line_bytes = static_cast<std::size_t>(ParseInteger("--max-line-bytes", value, 1));
  }
}

}  // namespace

CommandLine ParseCommandLine(const std::vector<std::string>& args) {
  static const std::map<std::string, bool> kLong = {
      {"jsonl", true},  {"threads", true},  {"format", true},         {"exceptions", true}, {"label", true},
      {"output", true}, {"on-error", true}, {"max-line-bytes", true}, {"make-home", true}, {"help", false}};
  CommandLine inv;
  bool options_done = false;
  bool double_dash = false;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& arg = args[i];
    if (arg.size() > 2 && arg.compare(0, 2, "--") == 0) {
      std::string name = arg.substr(2), value;
      const std::size_t eq = name.find('=');
      const bool inline_value = eq != std::string::npos;
      if (inline_value) {
        value = name.substr(eq + 1);
        name.resize(eq);
      }
      const auto it = kLong.find(name);
      if (it == kLong.end()) throw ArgumentError("unknown option --" + name + " (see precis rouge --help)");
      if (!it->second) {
        if (inline_value) throw ArgumentError("--" + name + " takes no value");
        inv.usage = true;
        continue;
      }
      if (!inline_value) {
        if (i + 1 >= args.size()) throw ArgumentError("--" + name + " needs a value");
        value = args[++i];
      }
      ApplyLong(name, value, &inv);
      continue;
    }
    if (!options_done && arg == "--") {
      options_done = double_dash = true;
      continue;
    }
    // -o FILE is precis' own, so it may follow CONFIG like the long options.
    if (!double_dash && arg == "-o" && options_done) {
      if (i + 1 >= args.size()) throw ArgumentError("-o needs a value");
      inv.output = args[++i];
      continue;
    }
    if (options_done || arg.size() < 2 || arg[0] != '-') {
      inv.positional.push_back(arg);
      options_done = true;  // Getopt::Std stops at the first non-option
      continue;
    }
    for (std::size_t k = 1; k < arg.size(); ++k) {
      const char flag = arg[k];
      if (!TakesValue(flag)) {
        ApplyShort(flag, nullptr, &inv);
        continue;
      }
      std::string value = arg.substr(k + 1);
      if (value.empty()) {
        if (i + 1 >= args.size()) throw ArgumentError(std::string("-") + flag + " needs a value");
        value = args[++i];
      }
      ApplyShort(flag, &value, &inv);
      break;
    }
  }
  const rouge::Options& o = inv.options;
  if (o.word_limit != 0 && o.byte_limit != 0) throw ArgumentError("give a length limit in words (-l) or bytes (-b), not both");
  return inv;
}

}  // namespace precis::rouge
