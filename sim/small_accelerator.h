// A small accelerator configuration for model-level tests (the tiny ALBERT at T <= 64 needs a few
// thousand vectors; the embedded trained model, whose 11 off-ramps make 27136 WSRAM vectors, is
// the largest it holds): the golden accelerator, the small SoC and the Verilated units of
// tests/rtl/albert_lockstep_test share these sizes.
#pragma once

#include "golden/accelerator.h"

namespace edgebert::sim {

inline golden::AcceleratorConfig SmallAcceleratorConfig(int lanes = 16) {
  golden::AcceleratorConfig c;
  c.limits.lanes = lanes;
  c.limits.uab_vectors = 16384;
  c.limits.wsram_vectors = 32768;  // 512 KiB at n = 16: the embedded trained model needs 27136
  c.limits.aux_bytes = 16384;
  c.limits.reram_words = 131072;  // 512 KiB: the trained model's embeddings
  c.reram_value_base_word = 32768;
  return c;
}

}  // namespace edgebert::sim
