// Fuzzes the readers of ROUGE-1.5.5 inputs held in memory: the XML config,
// the -z file list and summary files in SPL, SEE and ISI. (Loading the files
// a config names is left out: a fuzzed config must not read the machine.)
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "precis/error.h"
#include "precis/rouge_io.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using precis::rouge::InputFormat;
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  try {
    (void)precis::rouge::ParseXmlConfig(input, "config.xml");
  } catch (const precis::Error&) {
  }
  try {
    (void)precis::rouge::ParseFileList(input, InputFormat::kSpl, "sys", "files.txt");
  } catch (const precis::Error&) {
  }
  for (InputFormat f : {InputFormat::kSpl, InputFormat::kSee, InputFormat::kIsi, InputFormat::kSimple}) {
    try {
      (void)precis::rouge::ParseSummaryText(input, f, "summary");
    } catch (const precis::Error&) {
    }
  }
  try {
    (void)precis::rouge::ParseInputFormat(std::string(input.substr(0, 16)));
  } catch (const precis::Error&) {
  }
  return 0;
}
