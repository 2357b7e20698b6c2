// The committed SST-2 sample (tests/model/fixtures/sst2_sample.tsv), tokenized with the
// committed SentencePiece model: inputs for calibration, golden-model tests and benchmarks.
// Needs EDGEBERT_SOURCE_DIR defined by the target.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "model/labelled_text.h"
#include "model/tokenizer.h"

namespace edgebert::sim {

inline const std::filesystem::path kFixtures =
    std::filesystem::path(EDGEBERT_SOURCE_DIR) / "tests/model/fixtures";

struct LabelledInput {
  model::Encoding encoding;
  int label = 0;
};

// Up to `count` sentences from entry `first` on (0: the first after the header).
inline std::vector<LabelledInput> Sst2Sample(int seq_len, int count, int first = 0) {
  const model::Tokenizer tokenizer(kFixtures / "sst2_spm.model");
  std::vector<LabelledInput> out;
  for (const auto& entry : model::ReadLabelledTsv(kFixtures / "sst2_sample.tsv", count, first)) {
    out.push_back({tokenizer.Encode(entry.text, {}, seq_len), entry.label});
  }
  return out;
}

inline std::vector<model::Encoding> Sst2Encodings(int seq_len, int count, int first = 0) {
  std::vector<model::Encoding> out;
  for (auto& input : Sst2Sample(seq_len, count, first)) out.push_back(std::move(input.encoding));
  return out;
}

}  // namespace edgebert::sim
