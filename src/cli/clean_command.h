// `precis clean`: what precis sees of each article once junk is removed.
#pragma once

#include <iosfwd>
#include <string>
#include <vector>

namespace CLI {
class App;
}

namespace precis::cli {

struct CleanInvocation {
  std::vector<std::string> inputs;
  std::string format = "text";  // text | json
  bool explain = false;         // list removed lines with reasons
  bool no_clean = false;        // show lines as read (HTML is still extracted)
  std::string language = "en";
  std::string lexicon;          // a lexicon file instead of the built-in one
};

// Registers the subcommand and its flags on `app`, filling `invocation`.
CLI::App* AddCleanCommand(CLI::App& app, CleanInvocation* invocation);

// Runs it; returns the exit status (0 ok, 1 an input could not be read).
int RunClean(const CleanInvocation& invocation, std::ostream& out, std::ostream& err);

}  // namespace precis::cli
