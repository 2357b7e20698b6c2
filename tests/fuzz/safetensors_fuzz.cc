// libFuzzer target: the safetensors reader. A FormatError is the expected answer to a bad
// input; anything else (another exception, a crash, a sanitizer report) is a finding. When a
// file parses, every tensor is read back and the float dtypes are converted, so a validated
// file that points outside its buffer would show up under AddressSanitizer.
#include <cstddef>
#include <cstdint>
#include <span>

#include "model/safetensors.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using edgebert::model::Dtype;
  using edgebert::model::FormatError;
  using edgebert::model::SafetensorsFile;
  try {
    const SafetensorsFile file = SafetensorsFile::Parse(std::span(data, size), "fuzz");
    uint64_t bytes = 0;
    for (const auto& name : file.tensor_names()) {
      const auto tensor = file.tensor(name);
      bytes += tensor.bytes.size();
      if (tensor.dtype == Dtype::kF32 || tensor.dtype == Dtype::kF16 ||
          tensor.dtype == Dtype::kBF16) {
        if (edgebert::model::ToFloat32(tensor).size() != tensor.element_count()) __builtin_trap();
      }
    }
    if (bytes > size) __builtin_trap();  // tensors tile the data buffer, inside the input
  } catch (const FormatError&) {
  }
  return 0;
}
