// Fuzzes the readers of `precis clean` that take file names: the input is
// written to a temporary file read as a JSONL batch of stories (text or
// html docs; bad lines thrown, or handed over and skipped; also with a
// line limit of 64 bytes), then as a gzip-compressed page and gzip JSONL,
// both streamed through the inflating reader (a broken or truncated stream
// must give precis::Error), also under a small size limit (decompression must
// stop at it: ingest::InputTooLarge, a precis::Error).
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include "precis/error.h"
#include "precis/pipeline.h"

namespace {

const std::string& Dir() {
  static const std::string dir = [] {
    std::string pattern = (std::filesystem::temp_directory_path() / "precis-fuzz-XXXXXX").string();
    if (::mkdtemp(pattern.data()) == nullptr) std::abort();
    return pattern;
  }();
  return dir;
}

void Write(const std::string& path, const char* prefix, std::size_t prefix_size, const std::uint8_t* data,
           std::size_t size) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(prefix, static_cast<std::streamsize>(prefix_size));
  out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string jsonl = Dir() + "/stories.jsonl";
  const std::string page = Dir() + "/page.html.gz";
  Write(jsonl, "", 0, data, size);
  precis::ReadOptions skip_bad;  // bad lines handed over and skipped
  skip_bad.on_bad_story = [](const precis::Error&) {};
  precis::ReadOptions short_lines = skip_bad;
  short_lines.max_line_bytes = 64;
  for (bool clean : {true, false}) {
    for (const precis::ReadOptions& read : {precis::ReadOptions{}, skip_bad, short_lines}) {
      try {
        (void)precis::ReadAndClean({jsonl}, {}, clean, read);
      } catch (const precis::Error&) {
      }
    }
  }
  static const char kGzip[] = {'\x1f', '\x8b', '\x08', '\x00'};
  Write(page, kGzip, sizeof kGzip, data, size);
  const std::string gzip_jsonl = Dir() + "/stories.jsonl.gz";
  Write(gzip_jsonl, kGzip, sizeof kGzip, data, size);
  try {
    (void)precis::ReadAndClean({gzip_jsonl}, {}, true, short_lines);
  } catch (const precis::Error&) {
  }
  for (const std::size_t limit : {static_cast<std::size_t>(-1), std::size_t{4096}}) {
    try {
      precis::ReadOptions read;
      read.max_input_bytes = limit;
      (void)precis::ReadAndClean({page}, {}, true, read);
    } catch (const precis::Error&) {
    }
  }
  return 0;
}
