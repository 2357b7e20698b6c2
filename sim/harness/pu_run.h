// What one PU command did: its outcome and its performance events.
#pragma once

#include <cstdint>

#include "regmap/edgebert_regs.h"

namespace edgebert::sim {

struct PuPerf {
  uint64_t busy_cycles = 0;
  uint64_t mac_cycles = 0;
  uint64_t vmacs = 0;
  uint64_t vmacs_skipped = 0;
  uint64_t stall_cycles = 0;
  uint64_t saturations = 0;
};

struct PuRun {
  bool timed_out = false;
  regs::ErrCode error = regs::ErrCode::kNone;
  uint64_t cycles = 0;  // from the command's acceptance to done
  PuPerf perf;
};

}  // namespace edgebert::sim
