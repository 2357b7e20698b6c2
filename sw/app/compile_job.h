// `edgebert compile`: a checkpoint directory and a task preset into a model image.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>

#include "model/albert_config.h"
#include "model/albert_reference.h"

namespace edgebert::app {

struct CompileJobOptions {
  std::string checkpoint;   // config.json + model.safetensors (may be empty with random_weights)
  std::string task;         // yaml/tasks/*.yaml
  std::string output;       // MODEL.ebm
  std::string tokenizer;    // spiece.model; CHECKPOINT/spiece.model when empty
  std::string calibration;  // TSV of label<TAB>sentence (SST-2 format)
  int count = 32;           // calibration sentences
  int lanes = 16;
  int seq_len = 128;
  // Gaussian weights from this seed instead of the checkpoint's (for shapes without a trained
  // checkpoint: ALBERT-base presets in the nightly, lane counts the tiny fixture does not fit).
  // The shapes come from `config` (a config.json), else CHECKPOINT/config.json, else ALBERT-base.
  std::optional<uint32_t> random_weights;
  std::string config;
  bool progress = true;  // calibration sentences done and an ETA; false: --no-progress
};

// The weights a compile uses: Gaussian from `random_weights` (for `labels` labels, set in
// `config`) when given, else the checkpoint's model.safetensors.
model::AlbertWeights WeightsFor(model::AlbertConfig& config,
                                const std::optional<uint32_t>& random_weights, int labels,
                                const std::filesystem::path& checkpoint);

// Prints the report; returns a process exit code. Errors propagate as exceptions.
int RunCompileJob(const CompileJobOptions& options);

}  // namespace edgebert::app
