// libFuzzer target: the task preset reader (yaml/tasks/*.yaml). A std::runtime_error naming the
// problem is the expected answer to a bad input (yaml-cpp's exceptions are runtime errors too);
// anything else (another exception, a crash, a sanitizer report) is a finding. An accepted
// preset must satisfy what the reader promises.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <string_view>

#include "model/task_config.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  try {
    const edgebert::model::TaskConfig t = edgebert::model::ParseTaskConfig(
        std::string_view(reinterpret_cast<const char*>(data), size), "fuzz.yaml");
    const bool kept = t.labels >= 2 && !t.spans.empty() && t.span_ramp > 0 &&
                      std::is_sorted(t.entropy_thresholds.begin(), t.entropy_thresholds.end()) &&
                      t.entropy_threshold > 0 && t.entropy_threshold < 256;
    if (!kept) __builtin_trap();
  } catch (const std::runtime_error&) {
  }
  return 0;
}
