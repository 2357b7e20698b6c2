// The full-model golden: a compiled image run on the accelerator's numerics, command by command
// through golden::GoldenAccelerator (bit-exact with what the RTL must produce), with the
// early-exit decisions the firmware makes.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <vector>

#include "golden/accelerator.h"
#include "model/albert_program.h"
#include "model/tokenizer.h"

namespace edgebert::model {

struct GoldenOptions {
  // kTrimmed runs the sentence's length rounded up to n rows; kPadded the image's full sequence
  // length (as the paper pads GLUE to 128). Padded keys are excluded either way, so the [CLS]
  // results are identical; only the work differs.
  enum class Rows { kTrimmed, kPadded } rows = Rows::kTrimmed;
  // Stop at the first off-ramp whose entropy is below the threshold (as the firmware does);
  // false runs every layer (the first exit is still reported).
  bool stop_on_exit = true;
  // ENTROPY_THRESHOLD in Q8.24 nats; default: the image's.
  std::optional<uint32_t> entropy_threshold_q24;
  // When set: the PU's accumulator rows (AccRows), and every command's cycles and events are
  // predicted (golden::PredictActivity, RERAM_LATENCY at reset) into GoldenResult::activity.
  std::optional<uint32_t> activity_acc_rows;
};

// The run's commands as the PERF counters would count them on a SoC whose queue never runs dry
// (no host between commands: a lower bound on a job's latency; the golden SoC and the RTL add
// the firmware's bus traffic). Back to back, the sequencer pops a command in one cycle (idle)
// and issues it the next (busy until its end, sim/tlm/golden_soc.h): a command takes its unit's
// cycles + 2, of which + 1 busy. Field names as firmware::Perf's, so energy::FromPerfCounters
// reads it.
struct GoldenActivity {
  uint64_t cycles = 0;  // the commands' wall time: sum of their cycles + 2
  uint64_t busy_cycles = 0, mac_cycles = 0, vmacs = 0, vmacs_skipped = 0, stall_cycles = 0,
           saturations = 0, macs_nonzero = 0, wsram_reads = 0, uab_reads = 0, uab_writes = 0,
           aux_reads = 0, aux_writes = 0, gb_busy_cycles = 0, reram_slc_reads = 0,
           reram_mlc2_reads = 0, reram_mlc3_reads = 0, idle_cycles = 0;
};

struct GoldenResult {
  std::vector<uint8_t> logit_codes;  // num_labels codes of the last layer run
  int logit_bias = 0;
  std::vector<double> logits;                     // decoded
  std::vector<std::vector<double>> layer_logits;  // per layer run (its off-ramp)
  std::vector<uint32_t> entropies_q24;            // per layer run, as stored by ENTROPY
  int exit_layer = -1;                            // first layer whose off-ramp exited, -1 for none
  int layers_run = 0;
  int label = 0;  // argmax of logits (the first on ties)
  int rows = 0, keys = 0;
  uint64_t commands = 0, vmacs = 0, vmacs_skipped = 0, saturations = 0;
  uint64_t macs_nonzero = 0;               // PERF_MACS_NONZERO over the run
  std::optional<GoldenActivity> activity;  // with GoldenOptions::activity_acc_rows
};

// Sees every command after it ran, with the accelerator state it left (ReadTensor(command.out)
// is the op-level tensor to compare in lockstep).
using GoldenTrace =
    std::function<void(const ProgramCommand& command, const golden::CommandOutcome& outcome,
                       const golden::GoldenAccelerator& accelerator)>;

// The index of the largest logit (the first of equals): the predicted label.
int PredictedLabel(std::span<const double> logits);
int PredictedLabel(std::span<const float> logits);  // the float reference's

// Writes the program's ModelLoad (ReRAM tables, WSRAM weights, static aux blocks).
void LoadModel(golden::GoldenAccelerator& accelerator, const AlbertProgram& program);

// Runs one input on an accelerator LoadModel prepared. The attention mask must be a prefix of
// ones (std::invalid_argument otherwise). A command the accelerator rejects is a program or
// image bug: std::runtime_error naming the command and the error code.
GoldenResult RunGolden(golden::GoldenAccelerator& accelerator, const AlbertProgram& program,
                       const Encoding& input, const GoldenOptions& options = {},
                       const GoldenTrace& trace = {});

// The codes of a TensorRef (kUab: rows x cols codes; kAux: the bytes).
std::vector<uint8_t> ReadTensor(const golden::GoldenAccelerator& accelerator, const TensorRef& ref);

}  // namespace edgebert::model
