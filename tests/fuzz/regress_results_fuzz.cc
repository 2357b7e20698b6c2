// libFuzzer target: the regression results reader (results.jsonl, edgebert_regress --resume).
// ResultsError naming the file and the line is the expected answer to a bad file; anything else
// (another exception, a crash, a sanitizer report) is a finding. Every record read must also
// survive the writer: to_json_line of it reads back, and writes the same line again.
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "results.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using edgebert::regress::ResultsError;
  using edgebert::regress::ResultsRead;
  using edgebert::regress::RunResult;
  ResultsRead read;
  try {
    read = edgebert::regress::parse_results(
        std::string_view(reinterpret_cast<const char*>(data), size), "fuzz.jsonl");
  } catch (const ResultsError& e) {
    if (e.torn()) __builtin_trap();  // torn lines are warnings, never errors
    return 0;
  }
  for (const auto& [name, r] : read.runs) {
    if (name.empty() || name != r.name || !std::isfinite(r.wall_s) || r.wall_s < 0) {
      __builtin_trap();
    }
    const std::string line = edgebert::regress::to_json_line(r);
    try {
      if (edgebert::regress::to_json_line(edgebert::regress::from_json_line(line)) != line) {
        __builtin_trap();
      }
    } catch (const ResultsError&) {
      __builtin_trap();  // the writer wrote a line its reader refuses
    }
  }
  return 0;
}
