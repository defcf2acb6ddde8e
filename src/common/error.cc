#include "precis/error.h"

namespace precis {

std::string WhereMessage(const std::string& file, std::size_t line, const std::string& message) {
  std::string out = file;
  if (line > 0) {
    out.push_back(':');
    out.append(std::to_string(line));
  }
  out.append(": ");
  out.append(message);
  return out;
}

}  // namespace precis
