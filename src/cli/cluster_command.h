// `precis cluster`: an unsorted stream of articles in, stories out.
//
// Inputs: JSONL files of articles, one per line ({"id", "title", "date",
// "source", "url", "text" | "html"}; a line holding a story, {"id",
// "docs": [...]}, gives its articles), article files (text or HTML, gzip
// too), directories (one article per file), or "-" (standard input: JSONL,
// or articles separated by a line "---", or one HTML page). Every article
// is cleaned as `precis summarize` cleans it (pipeline.h), then clustered
// online (precis/cluster.h) in order of its date: articles wait in a
// buffer of --reorder articles, from which the earliest goes first (an
// undated article counts as dated like the last dated one before it).
// Output: story JSONL ({"id": "story-N", "docs": [...]}, each story written
// when it closes: idle past the window, or at the end), which `precis
// summarize -` reads; or with --format assignments one line per article in
// input order, {"id", "story"}. Copies carry "copy_of": the id of the
// article they copy. Docs are written as read (text or html), with the
// title and date cleaning found when the input had none.
// Exit status (output_target.h): 0 ok; 1 some input was bad (each named on
// standard error; with --on-error skip the rest was clustered and written);
// 2 bad usage; 3 the output could not be written; 128 + signal number when
// interrupted. With --output FILE, FILE is written only when the run
// completes (exit 0, or 1 with --on-error skip).
#pragma once

#include <cstddef>
#include <iosfwd>
#include <string>
#include <vector>

#include "precis/cluster.h"

namespace CLI {
class App;
}

namespace precis::cli {

struct ClusterInvocation {
  std::vector<std::string> inputs;
  std::string format = "stories";  // or "assignments"
  cluster::Options options;        // --threshold, --window
  std::size_t min_size = 1;        // stories smaller are not written (counted)
  int threads = 0;                 // cleaning and analysis; 0: all cores
  std::string on_error = "stop";
  bool progress = true;            // on standard error, when it is a terminal
  bool clean = true;
  std::string output;
  std::size_t reorder = 1000;      // articles held to be taken in date order
  std::size_t max_line_bytes = std::size_t{256} << 20;
  std::size_t max_article_bytes = std::size_t{64} << 20;
};

CLI::App* AddClusterCommand(CLI::App& app, ClusterInvocation* inv);

// Runs the command. `in` is standard input (for "-").
int RunCluster(const ClusterInvocation& inv, std::istream& in, std::ostream& out, std::ostream& err);

}  // namespace precis::cli
