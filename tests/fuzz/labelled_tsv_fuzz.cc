// libFuzzer target: labelled sentences as `edgebert run --tsv` and `edgebert golden --tsv` read
// them: the TSV reader, then ALBERT's tokenizer on every text (the committed SentencePiece test
// model, EDGEBERT_FUZZ_TOKENIZER). A std::runtime_error or std::invalid_argument naming the line
// is the expected answer to a bad file; anything else (another exception, a crash, a sanitizer
// report) is a finding. Every encoding must have the promised layout.
#include <cstddef>
#include <cstdint>
#include <sstream>
#include <stdexcept>
#include <string>

#include "model/labelled_text.h"
#include "model/tokenizer.h"

namespace model = edgebert::model;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const model::Tokenizer tokenizer(EDGEBERT_FUZZ_TOKENIZER);
  constexpr int kSeqLen = 32;
  std::istringstream tsv(std::string(reinterpret_cast<const char*>(data), size));
  try {
    for (const model::LabelledText& entry : model::ParseLabelledTsv(tsv, "fuzz.tsv", 64)) {
      if (entry.label < 0) __builtin_trap();
      const model::Encoding e = tokenizer.Encode(entry.text, {}, kSeqLen);
      if (e.ids.size() != kSeqLen || e.length < 2 || e.length > kSeqLen ||
          e.ids[0] != tokenizer.cls_id()) {
        __builtin_trap();
      }
    }
  } catch (const std::runtime_error&) {
  } catch (const std::invalid_argument&) {
  }
  return 0;
}
