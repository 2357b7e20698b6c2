// What one command costs the SoC: its cycles (golden/command_cycles.h) and the events its units
// report to the PERF counters beyond what golden::CommandOutcome counts (docs/architecture.md
// section 11): stalls, MAC cycles, buffer traffic, GB busy cycles and GATHER's ReRAM reads by
// cell mode. Predicted from the memories the command starts from, before it runs, by the units'
// access schedules in rtl/pu and rtl/gb; the golden SoC (sim/tlm/golden_soc.h) times and counts
// its commands with it, and tests/system/golden_timing_test.cc checks it against the RTL SoC.
#pragma once

#include <cstdint>

#include "golden/accelerator.h"
#include "golden/descriptor.h"

namespace edgebert::golden {

// RERAM_LATENCY: read cycles of each cell mode (a programmed 0 counts as 1).
struct ReramLatencies {
  uint32_t slc = 1, mlc2 = 1, mlc3 = 2;
};

struct CommandActivity {
  regs::ErrCode error = regs::ErrCode::kNone;
  // From the edge that accepts the command to the cycle its done is seen (0 for NOP, which the
  // sequencer ends itself).
  uint64_t cycles = 0;
  bool on_gb = false;  // the GB holds it (every opcode but MATMUL and NOP): GB busy = cycles
  uint64_t mac_cycles = 0, stall_cycles = 0;
  uint64_t wsram_reads = 0, uab_reads = 0, uab_writes = 0, aux_reads = 0, aux_writes = 0;
  uint64_t reram_slc_reads = 0, reram_mlc2_reads = 0, reram_mlc3_reads = 0;
};

// The activity of `command` on `accelerator` as it is now (its memories, ReRAM settings and
// entropy threshold), on a PU of `acc_rows` accumulator rows. Changes nothing.
CommandActivity PredictActivity(const Descriptor& command, const GoldenAccelerator& accelerator,
                                uint32_t acc_rows, const ReramLatencies& latencies);

}  // namespace edgebert::golden
