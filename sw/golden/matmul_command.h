// The MATMUL command: its fields, its descriptor words (layout generated from
// yaml/regmap.yaml) and the checks the sequencer applies before it touches memory.
#pragma once

#include <array>
#include <cstdint>

#include "golden/descriptor.h"
#include "golden/pu_limits.h"
#include "regmap/edgebert_regs.h"

namespace edgebert::golden {

struct MatmulCommand {
  bool irq = false;
  uint32_t act = 0;  // regs::Act; raw so that reserved encodings can be expressed and rejected
  bool trans_c = false;
  bool b_in_uab = false;
  bool has_bias = false;
  uint32_t m = 0, n = 0, k = 0;
  int exp_a = 0, exp_b = 0, exp_c = 0, exp_pre = 0;
  uint32_t a_addr = 0, a_stride = 0;
  uint32_t b_addr = 0, b_stride = 0;
  uint32_t c_addr = 0, c_stride = 0;
  uint32_t bias_addr = 0;
  uint32_t act_table_addr = 0;
};

Descriptor ToDescriptor(const MatmulCommand& command);
MatmulCommand MatmulFromDescriptor(const Descriptor& words);

// ErrCode::kNone when the command may run; otherwise the first failing check's code.
regs::ErrCode Validate(const MatmulCommand& command, const PuLimits& limits);

}  // namespace edgebert::golden
