// Numeric flags, parsed strictly: a whole number is digits only (no sign, no
// space, no exponent), a real number is finite, and a value out of its
// bounds is refused with a message naming the flag and the bound
// ("--max-docs must be at least 1"), never wrapped, clamped or defaulted.
// Errors: CLI::ValidationError (bad usage, exit status 2).
#pragma once

#include <cstddef>
#include <limits>
#include <optional>
#include <string>

namespace CLI {
class App;
class Option;
}  // namespace CLI

namespace precis::cli {

inline constexpr std::size_t kNoBound = std::numeric_limits<std::size_t>::max();

// A number as a person writes it: 0.5, 1000, 1.5 (no trailing zeros).
std::string Plain(double value);

std::size_t ParseCount(const std::string& flag, const std::string& text, std::size_t min, std::size_t max = kNoBound);
double ParseReal(const std::string& flag, const std::string& text, double min, double max);

// Options of `cmd` parsed by the functions above into `*target`. `name` is
// CLI11's ("--words", "-o,--output"); its last long name is used in messages.
CLI::Option* AddCountOption(CLI::App* cmd, const std::string& name, std::size_t* target, std::size_t min,
                            std::size_t max, const std::string& description);
CLI::Option* AddCountOption(CLI::App* cmd, const std::string& name, std::optional<std::size_t>* target,
                            std::size_t min, std::size_t max, const std::string& description);
CLI::Option* AddCountOption(CLI::App* cmd, const std::string& name, int* target, std::size_t min, std::size_t max,
                            const std::string& description);
CLI::Option* AddRealOption(CLI::App* cmd, const std::string& name, double* target, double min, double max,
                           const std::string& description);

}  // namespace precis::cli
