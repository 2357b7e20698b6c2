// libFuzzer target: the compiled model's description (the PARAMS section, YAML) and the program
// built from it, past the container's checks: the input replaces the PARAMS section of a small
// valid image (EDGEBERT_FUZZ_BASE_IMAGE, the embedded sst2-tiny.ebm), so every CRC and section
// check passes and the reader, the blob checks and the program builder see the input. FormatError
// and std::invalid_argument naming the problem are the expected answers; anything else (another
// exception, a crash, a sanitizer report) is a finding.
#include <cstddef>
#include <cstdint>
#include <stdexcept>

#include "golden/accelerator.h"
#include "model/albert_program.h"
#include "model/model_image.h"

namespace model = edgebert::model;

namespace {

const model::ModelImage& BaseImage() {
  static const model::ModelImage image = model::LoadModelImage(EDGEBERT_FUZZ_BASE_IMAGE);
  return image;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  model::ModelImage image = BaseImage();
  image.sections[model::SectionType::kParams].assign(data, data + size);
  try {
    const model::AlbertProgram program(image, edgebert::golden::AcceleratorConfig{});
  } catch (const model::FormatError&) {
  } catch (const std::invalid_argument&) {
  }
  return 0;
}
