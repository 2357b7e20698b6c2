// The current `edgebert run` job: one ALBERT-shaped linear layer through the AF8 numerics,
// measured against float64. It becomes end-to-end inference once the SoC exists.
#pragma once

#include <cstdint>

namespace edgebert::app {

struct DemoMatmulOptions {
  int tokens = 128;
  int in_features = 768;
  int out_features = 768;
  uint32_t seed = 1;
};

// Prints what it did and the measured error; returns a process exit code.
int RunDemoMatmul(const DemoMatmulOptions& options);

}  // namespace edgebert::app
