// One inference on the accelerator: the firmware stages each encoder pass through the command
// queue and reacts to interrupts (docs/architecture.md sections 3, 7, 10 and 14). The host hands
// it the work as plain data (aux writes and command descriptors per stage, built from a compiled
// model by the driver); the firmware owns the order, the flow control of the queue, the early-exit
// decision and the error handling. Freestanding: no heap, no exceptions, no I/O.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>

#include "firmware/hal.h"
#include "regmap/edgebert_regs.h"

namespace edgebert::firmware {

using Command = std::array<uint32_t, regs::kCommandWords>;

// Bytes for the aux buffer at a 4-aligned aux byte address; written as whole words (a partial
// last word is zero-padded: the slot owns those bytes).
struct AuxWrite {
  uint32_t address = 0;
  std::span<const uint8_t> bytes;
};

struct Stage {
  int layer = -1;  // -1: embeddings
  std::span<const AuxWrite> loads;
  std::span<const Command> commands;
  bool off_ramp = false;  // the stage ends with its off-ramp's ENTROPY
};

struct Job {
  std::span<const AuxWrite> inputs;  // token ids and types
  std::span<const Stage> stages;
  uint32_t entropy_threshold_q24 = 0;
  uint32_t logits_vector = 0;  // UAB vector holding the off-ramp logits
  int labels = 2;
  uint32_t timeout_ms = 60000;  // per interrupt wait
  // Called after every command when single-stepping (lockstep checks), else after every stage
  // with command = -1. Returning false stops the run (kStopped).
  bool (*observe)(void* context, int stage, int command) = nullptr;
  void* observe_context = nullptr;
  bool single_step = false;
};

enum class Status {
  kOk,        // every stage ran, or an off-ramp exited
  kError,     // the accelerator raised ERROR (error_code, error_opcode, error_seq)
  kTimeout,   // no interrupt within timeout_ms
  kBusError,  // a register or memory access failed (the HAL returned kBusError)
  kStopped,   // the observer asked to stop
  kBadJob,    // more layers or labels than the report holds, or an empty job
};

inline constexpr int kMaxLayers = 64;
inline constexpr int kMaxLabels = 32;

// The PERF counters (docs/architecture.md section 11), read at the end of a run.
struct Perf {
  uint64_t busy_cycles = 0, mac_cycles = 0, vmacs = 0, vmacs_skipped = 0, stall_cycles = 0,
           saturations = 0;
  // Activity counters: nonzero element MACs, buffer traffic (vectors; aux in 32-bit words), GB
  // busy cycles, ReRAM word reads per cell mode, idle cycles.
  uint64_t macs_nonzero = 0, wsram_reads = 0, uab_reads = 0, uab_writes = 0, aux_reads = 0,
           aux_writes = 0, gb_busy_cycles = 0, reram_slc_reads = 0, reram_mlc2_reads = 0,
           reram_mlc3_reads = 0, idle_cycles = 0;

  bool operator==(const Perf&) const = default;
};

struct Report {
  Status status = Status::kOk;
  int exit_layer = -1;  // layer whose off-ramp exited
  int layers_run = 0;
  int entropy_count = 0;
  std::array<uint32_t, kMaxLayers> entropies_q24{};  // per off-ramp run (ENTROPY_LAST)
  std::array<uint8_t, kMaxLabels> logit_codes{};     // the last off-ramp's logits, AF8 codes
  uint32_t commands = 0;                             // completed (CMD_SEQ delta)
  uint32_t interrupts = 0;                           // waits that ended with the line high
  uint64_t cycles = 0;                               // Hal::Cycles() over the run
  // Hal::Cycles() spent in each stage run (its aux writes, pushes and waits).
  std::array<uint64_t, kMaxLayers + 1> stage_cycles{};
  int stages_run = 0;
  Perf perf;
  uint32_t error_code = 0, error_opcode = 0, error_seq = 0;
  int failed_stage = -1;
};

Report RunInference(Hal& hal, const Job& job);

// Reads the activity counters (PERF_MACS_NONZERO .. PERF_IDLE_CYCLES) into `perf`. Separate from
// RunInference, which reads the six original counters, so that a caller can read them after it
// has taken the run's cycle count (the run's cycles stay those of the six-counter readout).
Status ReadActivityCounters(Hal& hal, Perf& perf);

// The accelerator's own idea of its queue depth and lanes (HWCFG0).
HalStatus QueueDepth(Hal& hal, uint32_t& depth);
HalStatus Lanes(Hal& hal, uint32_t& lanes);

}  // namespace edgebert::firmware
