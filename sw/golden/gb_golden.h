// Golden model of the global buffer's row units: what one command leaves in the UAB and the aux
// buffer, bit for bit (docs/architecture.md, sw/numerics/af8_rowops.h).
#pragma once

#include <cstdint>

#include "golden/gb_command.h"
#include "golden/vector_memory.h"

namespace edgebert::golden {

struct GbResult {
  regs::ErrCode error = regs::ErrCode::kNone;
  uint64_t saturations = 0;
  uint32_t entropy_q24 = 0;  // ENTROPY: H, also stored at H_ADDR
  bool early_exit = false;   // ENTROPY: H < threshold
};

// Runs `command`; `entropy_threshold_q24` is the ENTROPY_THRESHOLD register. On a validation error
// nothing is written. The destination must not overlap a source row other than itself.
GbResult RunGb(const GbCommand& command, const PuLimits& limits, VectorMemory& uab, AuxMemory& aux,
               uint32_t entropy_threshold_q24 = 0);

}  // namespace edgebert::golden
