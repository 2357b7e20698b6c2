// `edgebert run`: ALBERT inference on the simulated SoC through the driver and the firmware, for
// a model image (by default the embedded tiny model) and a few inputs, each checked against the
// full-model golden, ending with a summary table.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "energy/energy_model.h"
#include "targets/target_factory.h"

namespace edgebert::app {

struct SocRunOptions {
  std::string data_dir;  // the repository (fixtures, embedded model)
  std::string image;     // default: the embedded model
  // Compile instead: a checkpoint directory (default: the embedded tiny one) with a task preset.
  std::string task;
  std::string checkpoint;
  std::string tokenizer;  // default: the SST-2 SentencePiece fixture
  std::vector<std::string> texts;
  std::vector<std::string> ids;     // inputs as comma-separated token ids
  std::string tsv;                  // label<TAB>sentence inputs
  int count = 4;                    // default inputs / TSV lines
  std::optional<double> threshold;  // nats
  std::string target = "inproc";    // inproc | golden | tcp://HOST:PORT
  std::string lockstep = "stage";   // none | stage | command
  bool padded = false;
  // The simulated SoC: n (--task compiles for it), AXI timing, backdoor, watchdog, waves.
  sim::TargetOptions hardware;
  // Fault injection: "ADDRESS:BIT" bits of stored words inverted after the load (the golden
  // twin keeps the image's values).
  std::vector<std::string> flips;
  // The ReRAM value region's cell mode (slc, mlc2, mlc3; empty: the reset MLC2) and, when set,
  // its seeded level faults on (the golden twin reads with the same faults).
  std::string reram_mode;
  std::optional<uint32_t> reram_fault_seed;
  std::optional<uint32_t> timeout_ms;  // per firmware wait (wall clock); default the driver's
  std::string waves_ops;  // "FIRST:LAST" command numbers (CMD_SEQ), parsed into hardware
  // A replay that dumps the cycles before the first golden mismatch or failure (timeout, error).
  std::string waves_on_mismatch;
  uint64_t mismatch_window = 20000;  // cycles dumped before the detection
  bool progress = true;              // one line per input while running
  // The energy model (docs/energy.md): its parameter file (default: the committed 12 nm one,
  // yaml/energy/edgebert_12nm.yaml under data_dir) and the clock the energy and latency are
  // given at.
  std::string energy_params;
  double clock_mhz = 500;
  // With TSV inputs: run only shard I/N of them (shard.h: every N-th), and write the
  // per-sentence results `edgebert merge` reads (--results).
  std::string shard;
  std::string results;
};

// The components of an energy the model estimated (PU, GB, SRAM, ReRAM), joined by `separator`;
// empty when none was.
std::string EstimatedComponents(const energy::SentenceEnergy& e, const char* separator);

// The clocks --clock-mhz takes (MHz); CheckClockMhz throws std::invalid_argument outside them.
inline constexpr double kMinClockMhz = 1, kMaxClockMhz = 10000;
void CheckClockMhz(double mhz);

// The energy parameter file a job uses: `path`, or the committed default under `data_dir`.
std::string EnergyParamsPath(const std::string& data_dir, const std::string& path);

// Prints per-input lines and the summary; returns a process exit code (1 when any input
// disagreed with the golden).
int RunSocJob(const SocRunOptions& options);

}  // namespace edgebert::app
