// `edgebert reference`: the float32 reference (model::AlbertForward) on a checkpoint folder, for
// comparing with one's own PyTorch model: logits, and each layer's off-ramp logits and entropy.
#pragma once

#include <string>
#include <vector>

namespace edgebert::app {

struct ReferenceJobOptions {
  std::string checkpoint;  // config.json, model.safetensors (spiece.model for --text)
  std::string tokenizer;   // default: CHECKPOINT/spiece.model
  std::string task;        // optional: its spans' masks are applied, its off_ramps choice kept
  std::vector<std::string> texts;
  std::vector<std::string> ids;  // comma-separated token ids, one input each
  std::string tsv;               // label<TAB>sentence: accuracy instead of per-input lines
  int count = 1000000;           // TSV sentences
};

// Prints per input; returns a process exit code.
int RunReferenceJob(const ReferenceJobOptions& options);

}  // namespace edgebert::app
