// `edgebert run`: the most complete job the platform runs so far. It tokenizes a sentence and
// runs the float ALBERT reference on the embedded tiny model (with per-layer off-ramp
// entropies), then runs one ALBERT-shaped linear layer on the Verilated PU and checks it byte
// for byte against the golden model. It becomes end-to-end inference on the SoC.
#pragma once

#include <cstdint>
#include <string>

namespace edgebert::app {

struct RunOptions {
  std::string data_dir;  // the repository (fixtures), EDGEBERT_SOURCE_DIR by default
  std::string sentence = "a gorgeous , witty , seductive movie .";
  int tokens = 128;
  int in_features = 768;
  int out_features = 768;
  double weight_sparsity = 0.5;
  uint32_t seed = 1;
};

// Prints what it did; returns a process exit code (1 when the RTL disagrees with the golden).
int RunJob(const RunOptions& options);

}  // namespace edgebert::app
