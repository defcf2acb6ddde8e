// A "ROUGE home" whose ROUGE-1.5.5.pl is precis rouge (rouge_io.h).
#include <filesystem>
#include <fstream>
#include <string>

#include "precis/error.h"
#include "precis/rouge_io.h"

namespace precis::rouge {
namespace {

namespace fs = std::filesystem;

// `text` as one shell word: in single quotes, a quote as '\''.
std::string ShellQuoted(const std::string& text) {
  std::string out = "'";
  for (char c : text) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

void WriteFile(const fs::path& path, const std::string& text, fs::perms perms) {
  // Written beside and renamed: a caller never runs half a script.
  const fs::path temp = path.string() + ".partial";
  {
    std::ofstream out(temp, std::ios::binary | std::ios::trunc);
    out << text;
    out.close();
    if (!out) throw Error(temp.string() + ": cannot write");
  }
  std::error_code ec;
  fs::permissions(temp, perms, ec);
  if (!ec) fs::rename(temp, path, ec);
  if (ec) {
    fs::remove(temp);
    throw Error(path.string() + ": " + ec.message());
  }
}

}  // namespace

std::string WriteRougeHome(const std::string& home, const std::string& precis_path) {
  const fs::path dir(home);
  std::error_code ec;
  fs::create_directories(dir / "data", ec);
  if (ec) throw Error(home + ": cannot make the ROUGE home: " + ec.message());
  const fs::perms readable = fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read |
                             fs::perms::others_read;
  const fs::perms runnable = readable | fs::perms::owner_exec | fs::perms::group_exec | fs::perms::others_exec;
  WriteFile(dir / "data" / "README",
            "precis rouge has the ROUGE-1.5.5 data (the SMART stopword list, the WordNet 2.0 exceptions)\n"
            "built in. This folder is here because callers such as pyrouge pass -e HOME/data.\n",
            readable);
  const fs::path script = dir / "ROUGE-1.5.5.pl";
  WriteFile(script, "#!/bin/sh\nexec " + ShellQuoted(precis_path) + " rouge \"$@\"\n", runnable);
  return script.string();
}

}  // namespace precis::rouge
