// Energy of one sentence (or any run) from its activity counts: per component dynamic and
// leakage energy, the total and the average power. Counts the hardware does not have yet are
// estimated from the ones it has, by the rules below, and the result says which and how.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "energy/activity.h"
#include "energy/energy_params.h"

namespace edgebert::energy {

// Workload facts the estimates need (docs/energy.md section 4). The defaults are the reference
// PU (AccRows = 128) on ALBERT-base, whose matmuls mostly reduce over the hidden size 768.
struct EstimationRules {
  uint32_t acc_rows = 128;        // rows streamed per weight pass: WSRAM reads = VMACs / acc_rows
  uint32_t mean_reduction = 768;  // K of a typical matmul: result writes = VMACs / K
};

struct ComponentEnergy {
  double dynamic_uj = 0;
  double leakage_uj = 0;
  bool estimated = false;  // a count it depends on was estimated
  double total_uj() const { return dynamic_uj + leakage_uj; }
};

struct SentenceEnergy {
  ComponentEnergy pu, gb, sram, reram;
  double total_uj = 0;
  double seconds = 0;
  double average_power_mw = 0;
  bool estimated = false;              // any component estimated
  std::vector<std::string> estimates;  // one line per count estimated: what and how
};

// `params` at any reference n are scaled to `lanes` (ScaleToLanes). Throws
// std::invalid_argument for lanes not in {4, 8, 16, 32}, a clock that is not positive and
// finite, zero cycles, or counts that contradict each other (skipped VMACs above VMACs, busy
// cycles above cycles, MAC cycles above busy cycles, nonzero MACs above n x performed VMACs).
SentenceEnergy SentenceEnergyOf(const EnergyParams& params, const ActivityCounts& counts, int lanes,
                                double clock_mhz = 500, const EstimationRules& rules = {});

}  // namespace edgebert::energy
