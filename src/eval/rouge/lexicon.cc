#include <fstream>
#include <sstream>
#include <string>

#include "precis/error.h"
#include "precis/rouge.h"

namespace precis::embedded {
extern const unsigned char rouge_stopwords[];
extern const std::size_t rouge_stopwords_size;
extern const unsigned char rouge_exceptions[];
extern const std::size_t rouge_exceptions_size;
}  // namespace precis::embedded

namespace precis::rouge {
namespace {

std::string_view Embedded(const unsigned char* data, std::size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

// Calls f(line, line_number) for each "\n"-terminated line (Perl's chomp).
template <typename F>
void ForEachLine(std::string_view text, F&& f) {
  std::size_t line_number = 0;
  while (!text.empty()) {
    const std::size_t end = text.find('\n');
    const std::string_view line = text.substr(0, end);
    f(line, ++line_number);
    if (end == std::string_view::npos) break;
    text.remove_prefix(end + 1);
  }
}

void ParseExceptions(std::string_view text, const std::string& source,
                     std::unordered_map<std::string, std::string>* table) {
  table->clear();
  ForEachLine(text, [&](std::string_view line, std::size_t number) {
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty()) return;
    const std::size_t tab = line.find('\t');
    if (tab == std::string_view::npos || tab == 0 || tab + 1 == line.size() ||
        line.find('\t', tab + 1) != std::string_view::npos) {
      throw Error(WhereMessage(source, number, "expected \"word<TAB>base form\""));
    }
    const std::string_view base = line.substr(tab + 1);
    if (base.find_first_of(" \f\v") != std::string_view::npos) {
      // A base form with spaces would be one token to ROUGE-L but several
      // words inside an n-gram key; the script's behaviour there is an
      // accident we do not reproduce.
      throw Error(WhereMessage(source, number, "base form contains whitespace"));
    }
    (*table)[std::string(line.substr(0, tab))] = std::string(base);
  });
}


}  // namespace

std::shared_ptr<const Lexicon> Lexicon::Builtin() {
  static const std::shared_ptr<const Lexicon> builtin = [] {
    std::shared_ptr<Lexicon> lexicon(new Lexicon());
    ForEachLine(Embedded(embedded::rouge_stopwords, embedded::rouge_stopwords_size),
                [&](std::string_view line, std::size_t) { lexicon->stopwords_.emplace(line); });
    ParseExceptions(Embedded(embedded::rouge_exceptions, embedded::rouge_exceptions_size),
                    "built-in exception table", &lexicon->exceptions_);
    return lexicon;
  }();
  return builtin;
}

std::shared_ptr<const Lexicon> Lexicon::WithExceptionsFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error(WhereMessage(path, 0, "cannot open exception table"));
  std::ostringstream buffer;
  buffer << in.rdbuf();
  std::shared_ptr<Lexicon> lexicon(new Lexicon(*Builtin()));
  ParseExceptions(buffer.str(), path, &lexicon->exceptions_);
  return lexicon;
}

bool Lexicon::IsStopword(std::string_view token) const {
  return stopwords_.find(std::string(token)) != stopwords_.end();
}

const std::string* Lexicon::Exception(std::string_view token) const {
  const auto it = exceptions_.find(std::string(token));
  return it == exceptions_.end() ? nullptr : &it->second;
}

}  // namespace precis::rouge
