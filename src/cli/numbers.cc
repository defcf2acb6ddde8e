#include "cli/numbers.h"

#include <CLI/CLI.hpp>

#include <charconv>
#include <cmath>
#include <sstream>

namespace precis::cli {
namespace {

std::string Quoted(const std::string& text) { return "\"" + text + "\""; }

// "--words" from "--words", "-o,--output" -> "--output".
std::string FlagName(const std::string& name) {
  const std::size_t comma = name.rfind(',');
  return comma == std::string::npos ? name : name.substr(comma + 1);
}

}  // namespace

std::string Plain(double value) {
  std::ostringstream out;
  out << value;
  return out.str();
}

std::size_t ParseCount(const std::string& flag, const std::string& text, std::size_t min, std::size_t max) {
  const bool digits = !text.empty() && text.find_first_not_of("0123456789") == std::string::npos;
  if (!digits) {
    if (!text.empty() && text[0] == '-' && text.size() > 1 &&
        text.find_first_not_of("0123456789", 1) == std::string::npos) {
      throw CLI::ValidationError(flag + " must be at least " + std::to_string(min) + ", got " + text);
    }
    throw CLI::ValidationError(flag + " expects a whole number, got " + Quoted(text));
  }
  std::size_t value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec == std::errc::result_out_of_range || (ec == std::errc() && value > max)) {
    throw CLI::ValidationError(flag + " must be at most " + std::to_string(max) + ", got " + text);
  }
  if (ec != std::errc() || end != text.data() + text.size()) {
    throw CLI::ValidationError(flag + " expects a whole number, got " + Quoted(text));
  }
  if (value < min) throw CLI::ValidationError(flag + " must be at least " + std::to_string(min) + ", got " + text);
  return value;
}

double ParseReal(const std::string& flag, const std::string& text, double min, double max) {
  double value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || !std::isfinite(value)) {
    throw CLI::ValidationError(flag + " expects a number, got " + Quoted(text));
  }
  if (value < min || value > max) {
    throw CLI::ValidationError(flag + " must be between " + Plain(min) + " and " + Plain(max) + ", got " + text);
  }
  return value;
}

CLI::Option* AddCountOption(CLI::App* cmd, const std::string& name, std::size_t* target, std::size_t min,
                            std::size_t max, const std::string& description) {
  const std::string flag = FlagName(name);
  return cmd
      ->add_option_function<std::string>(
          name, [=](const std::string& text) { *target = ParseCount(flag, text, min, max); }, description)
      ->type_name("N");
}

CLI::Option* AddCountOption(CLI::App* cmd, const std::string& name, std::optional<std::size_t>* target,
                            std::size_t min, std::size_t max, const std::string& description) {
  const std::string flag = FlagName(name);
  return cmd
      ->add_option_function<std::string>(
          name, [=](const std::string& text) { *target = ParseCount(flag, text, min, max); }, description)
      ->type_name("N");
}

CLI::Option* AddCountOption(CLI::App* cmd, const std::string& name, int* target, std::size_t min, std::size_t max,
                            const std::string& description) {
  const std::string flag = FlagName(name);
  const std::size_t bound = std::min<std::size_t>(max, static_cast<std::size_t>(std::numeric_limits<int>::max()));
  return cmd
      ->add_option_function<std::string>(
          name, [=](const std::string& text) { *target = static_cast<int>(ParseCount(flag, text, min, bound)); },
          description)
      ->type_name("N");
}

CLI::Option* AddRealOption(CLI::App* cmd, const std::string& name, double* target, double min, double max,
                           const std::string& description) {
  const std::string flag = FlagName(name);
  return cmd
      ->add_option_function<std::string>(
          name, [=](const std::string& text) { *target = ParseReal(flag, text, min, max); }, description)
      ->type_name("X");
}

}  // namespace precis::cli
