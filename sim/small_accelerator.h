// A small accelerator configuration for model-level tests (the tiny ALBERT at T <= 64 needs a few
// thousand vectors): the golden accelerator and the Verilated units of
// tests/rtl/albert_lockstep_test share these sizes.
#pragma once

#include "golden/accelerator.h"

namespace edgebert::sim {

inline golden::AcceleratorConfig SmallAcceleratorConfig(int lanes = 16) {
  golden::AcceleratorConfig c;
  c.limits.lanes = lanes;
  c.limits.uab_vectors = 16384;
  c.limits.wsram_vectors = 16384;
  c.limits.aux_bytes = 16384;
  c.limits.reram_words = 65536;
  c.reram_value_base_word = 16384;
  return c;
}

}  // namespace edgebert::sim
