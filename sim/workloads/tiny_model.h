// The embedded tiny ALBERT (tests/model/fixtures/albert_tiny) compiled for a task, and two tasks
// for it: the tests' standard model-level workload. Needs EDGEBERT_SOURCE_DIR (sst2_sample.h).
#pragma once

#include "model/albert_config.h"
#include "model/albert_reference.h"
#include "model/compiler.h"
#include "model/safetensors.h"
#include "model/task_config.h"
#include "workloads/sst2_sample.h"

namespace edgebert::sim {

inline constexpr int kTinySeqLen = 64;

// Calibrated on the first 16 sentences of the SST-2 sample, T = 64, for n = lanes.
inline model::ModelImage CompileTinyModel(const model::TaskConfig& task, int lanes = 16) {
  const auto dir = kFixtures / "albert_tiny";
  const model::AlbertConfig config = model::LoadAlbertConfig(dir / "config.json");
  const auto file = model::SafetensorsFile::Load(dir / "model.safetensors");
  model::AlbertWeights w = model::LoadAlbertWeights(file, config);
  return model::CompileModel(config, w, task, Sst2Encodings(kTinySeqLen, 16), {lanes, kTinySeqLen});
}

// The fixture's task (tests/model/fixtures/albert_tiny/task.yaml: one head off).
inline model::TaskConfig TinyTask() {
  return model::LoadTaskConfig(kFixtures / "albert_tiny/task.yaml");
}

// A second task on the same embeddings: other sparsity, two heads off.
inline model::TaskConfig OtherTinyTask() {
  model::TaskConfig t = TinyTask();
  t.task = "other";
  t.encoder_sparsity = 0.3;
  t.spans = {0, 64, 30, 0};
  return t;
}

}  // namespace edgebert::sim
