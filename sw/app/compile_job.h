// `edgebert compile`: a checkpoint directory and a task preset into a model image.
#pragma once

#include <string>

namespace edgebert::app {

struct CompileJobOptions {
  std::string checkpoint;   // config.json + model.safetensors
  std::string task;         // yaml/tasks/*.yaml
  std::string output;       // MODEL.ebm
  std::string tokenizer;    // spiece.model; CHECKPOINT/spiece.model when empty
  std::string calibration;  // TSV of label<TAB>sentence (SST-2 format)
  int count = 32;           // calibration sentences
  int lanes = 16;
  int seq_len = 128;
};

// Prints the report; returns a process exit code. Errors propagate as exceptions.
int RunCompileJob(const CompileJobOptions& options);

}  // namespace edgebert::app
