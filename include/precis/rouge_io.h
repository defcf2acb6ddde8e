// Reading ROUGE inputs (the script's XML config and summary files, or JSONL
// cases) and writing results (the script's text lines, JSON, JSONL rows).
//
// Readers throw precis::Error naming the file (and line when known). Writers
// only format; they never fail half-way, so a caller can build the whole
// output in memory and write it once.
#pragma once

#include <cstddef>
#include <functional>
#include <iosfwd>
#include <string>
#include <string_view>
#include <vector>

#include "precis/error.h"
#include "precis/rouge.h"

namespace precis::rouge {

// Summary file formats of the script's INPUT-FORMAT (or -z).
enum class InputFormat { kSpl, kSee, kIsi, kSimple };

// One <EVAL> of a config (or one line of a -z file list).
struct EvalSpec {
  std::string id;
  InputFormat format = InputFormat::kSpl;
  std::vector<std::pair<std::string, std::string>> peers;   // (peer id, path)
  std::vector<std::pair<std::string, std::string>> models;  // (model id, path)
};

struct Config {
  std::vector<EvalSpec> evals;           // in document order
  std::vector<std::string> peer_ids;     // every peer id, sorted as the script sorts them
};

// Parses the script's XML evaluation config (EVAL / PEER-ROOT / MODEL-ROOT /
// INPUT-FORMAT / PEERS / MODELS). Paths are joined as the script joins them
// ("ROOT/FILE") and stay relative to the working directory.
Config ReadXmlConfig(const std::string& path);
// The same, from the config's bytes; `name` is used in error messages.
Config ParseXmlConfig(std::string_view xml, const std::string& name);

// Parses a -z file list: "peer model1 model2 ..." per line, '#' comments.
// Eval ids are 1, 2, ...; the peer id is `system_id`; model ids "M.1", ...
Config ReadFileList(const std::string& path, InputFormat format, const std::string& system_id);
Config ParseFileList(std::string_view text, InputFormat format, const std::string& system_id,
                     const std::string& name);

// "SPL", "SEE", "ISI", "SIMPLE" (any case). Throws Error otherwise.
InputFormat ParseInputFormat(const std::string& name);

// The units of one summary file, as the script reads them (SPL: each
// non-empty line; SEE: the text of each sentence anchor; ISI: each <S>).
// Bytes are kept as they are, like the script (DUC-era files are Latin-1).
std::vector<std::string> ReadSummaryFile(const std::string& path, InputFormat format);
// The same, from the file's bytes; `name` is used in error messages.
std::vector<std::string> ParseSummaryText(std::string_view text, InputFormat format, const std::string& name);

// Told about one bad case (its error names the file, and line or eval);
// the case is then left out and reading goes on. Without a handler, the
// error is thrown and reading stops.
using BadCaseHandler = std::function<void(const Error&)>;

// The cases of `peer_id`: every eval that lists it, with its files read.
// Evals without this peer are skipped and named in `warnings`, as the script
// warns about them; so are empty summary files (scored, as the script
// scores them, as summaries without words). A missing, unreadable or
// non-regular summary file makes its case bad (`on_bad_case`).
std::vector<Case> LoadCases(const Config& config, const std::string& peer_id,
                            std::vector<std::string>* warnings, const BadCaseHandler& on_bad_case = {});

// Reads cases from JSONL: {"id": str, "peer": [str], "models": [[str]]} per
// line (optional "peer_id", default "sys"). Sentences containing newlines
// become several units, as they would in an SPL file. Gzip data is inflated
// as it is read (ingest::InputStream). Throws Error naming
// the line for bad JSON, invalid UTF-8, a wrong shape, a duplicate id or a
// line longer than `max_line_bytes` (each a bad case, for `on_bad_line`),
// and for a file that cannot be read or is UTF-16 (always thrown).
inline constexpr std::size_t kDefaultMaxCaseLineBytes = std::size_t{256} << 20;
std::vector<Case> ReadJsonlCases(const std::string& path, const BadCaseHandler& on_bad_line = {},
                                 std::size_t max_line_bytes = kDefaultMaxCaseLineBytes);
std::vector<Case> ReadJsonlCases(std::istream& in, const std::string& name, const BadCaseHandler& on_bad_line = {},
                                 std::size_t max_line_bytes = kDefaultMaxCaseLineBytes);

// Writes a "ROUGE home" for programs that run ROUGE-1.5.5.pl from one, as
// pyrouge does (it runs HOME/ROUGE-1.5.5.pl -e HOME/data ... CONFIG):
// HOME/ROUGE-1.5.5.pl, a two-line shell script that runs `precis rouge`
// with its arguments (`precis` being the executable at `precis_path`), and
// HOME/data/ (the script's data is built into precis; -e is accepted and
// ignored). Makes `home` when missing and replaces a script there. Returns
// the script's path. Throws Error when it cannot write.
std::string WriteRougeHome(const std::string& home, const std::string& precis_path);

// Everything computed for one peer.
struct PeerResults {
  std::string peer_id;
  std::vector<Case> cases;
  std::vector<Metric> metrics;
  ScoreTable scores;              // [metric][case]
  std::vector<Average> averages;  // [metric]
};

// Scores and averages every metric of `cases` (all of peer `peer_id`).
PeerResults Evaluate(std::string peer_id, std::vector<Case> cases, const Options& options, const Lexicon& lexicon,
                     int threads);

// The script's output lines for one peer: the dashed separator, Average_R/P/F
// with confidence bounds (or the -t 2 counts) and, with per_case (-d), the
// "Eval" lines sorted as the script sorts eval ids.
void WriteScriptReport(std::ostream& out, const PeerResults& results, const Options& options,
                       bool per_case);

// One JSON row per case and metric, then one "*average*" row per metric with
// "R_ci", "P_ci", "F_ci": the format of the conformance vectors. `label`, when
// not empty, is written as the "options" field of every row.
void WriteJsonRows(std::ostream& out, const PeerResults& results, const Options& options,
                   const std::string& label);

// A JSON document for every peer: per metric the averages, bounds and cases.
void WriteJsonDocument(std::ostream& out, const std::vector<PeerResults>& peers,
                       const Options& options);

}  // namespace precis::rouge
