// libFuzzer target: the EBM model image reader. A FormatError is the expected answer to a bad
// input; anything else (another exception, a crash, a sanitizer report) is a finding. An
// accepted image must survive a write/read round trip with the same sections.
#include <cstddef>
#include <cstdint>
#include <span>

#include "model/model_image.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using edgebert::model::FormatError;
  try {
    const auto image = edgebert::model::ParseModelImage(std::span(data, size), "fuzz");
    const auto again =
        edgebert::model::ParseModelImage(edgebert::model::WriteModelImage(image), "rewritten");
    if (again.sections != image.sections) __builtin_trap();
  } catch (const FormatError&) {
  }
  return 0;
}
