// What one sentence (or any run) did on the accelerator, as event counts: the PERF counters of
// the SoC (docs/architecture.md section 11), the activity counters of issue 16 included. A count
// left empty (a Perf without the activity counters) is estimated by the energy model, which says
// so (energy_model.h).
#pragma once

#include <array>
#include <cstdint>
#include <optional>

namespace edgebert::energy {

struct ActivityCounts {
  // Today's counters.
  uint64_t cycles = 0;         // the run's wall time in cycles: busy + idle (leakage runs on it)
  uint64_t busy_cycles = 0;    // PERF_BUSY_CYCLES: any unit executing a command
  uint64_t mac_cycles = 0;     // PERF_MAC_CYCLES
  uint64_t vmacs = 0;          // PERF_VMACS, skipped ones included
  uint64_t vmacs_skipped = 0;  // PERF_VMACS_SKIPPED

  // Activity counters (issue 16 item 1). SRAM counts are words: a WSRAM or UAB word is one n-lane
  // vector with its mask, an aux word 32 bits.
  std::optional<uint64_t> macs_nonzero;  // element MACs with both operands nonzero
  std::optional<uint64_t> wsram_reads, wsram_writes;
  std::optional<uint64_t> uab_reads, uab_writes;
  std::optional<uint64_t> aux_reads, aux_writes;
  std::optional<std::array<uint64_t, 3>> reram_reads;  // 32-bit words, by golden::CellMode
  std::optional<uint64_t> gb_busy_cycles;              // summed over the GB row units
};

// The counts of a firmware::Perf (RunResult::perf, Report::perf) and the run's cycles
// (Report::cycles). A template so that this library needs neither the firmware nor the
// generated register header; a Perf without the activity counters (PERF_MACS_NONZERO ...) leaves
// them empty, to be estimated.
template <typename Perf>
ActivityCounts FromPerfCounters(const Perf& perf, uint64_t cycles) {
  ActivityCounts a;
  a.cycles = cycles;
  a.busy_cycles = perf.busy_cycles;
  a.mac_cycles = perf.mac_cycles;
  a.vmacs = perf.vmacs;
  a.vmacs_skipped = perf.vmacs_skipped;
  if constexpr (requires { perf.macs_nonzero; }) {
    a.macs_nonzero = perf.macs_nonzero;
    a.wsram_reads = perf.wsram_reads;
    // The accelerator never writes the WSRAM: the host loads it (not a command's activity).
    a.wsram_writes = 0;
    a.uab_reads = perf.uab_reads;
    a.uab_writes = perf.uab_writes;
    a.aux_reads = perf.aux_reads;
    a.aux_writes = perf.aux_writes;
    a.reram_reads =
        std::array<uint64_t, 3>{perf.reram_slc_reads, perf.reram_mlc2_reads, perf.reram_mlc3_reads};
    a.gb_busy_cycles = perf.gb_busy_cycles;
  }
  return a;
}

}  // namespace edgebert::energy
