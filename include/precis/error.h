// precis::Error: the one exception type the library throws for bad input.
//
// Contract: every function of the public API that reads user data (files,
// JSON, XML, flags) reports a problem by throwing precis::Error whose what()
// names the input (file and, where known, line) and the reason, e.g.
//   "cases.jsonl:17: invalid JSON: unexpected end of input".
// Programming errors are not reported this way. The library never calls
// abort() or exit(); the CLI maps Error to a non-zero exit status.
#pragma once

#include <stdexcept>
#include <string>

namespace precis {

class Error : public std::runtime_error {
 public:
  explicit Error(const std::string& message) : std::runtime_error(message) {}
};

// "file:line: message" (line omitted when 0).
std::string WhereMessage(const std::string& file, std::size_t line, const std::string& message);

}  // namespace precis
