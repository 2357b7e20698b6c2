// `edgebert run`: ALBERT inference on the simulated SoC through the driver and the firmware, for
// a model image (by default the embedded tiny model) and a few inputs, each checked against the
// full-model golden, ending with a summary table.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

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
  int lanes = 16;                   // n of the small SoC (inproc, golden); --task compiles for it
  std::string lockstep = "stage";   // none | stage | command
  bool padded = false;
  unsigned seed = 0;      // AXI timing randomisation (inproc); 0: none
  bool backdoor = false;  // inproc: load the model through the backdoor (zero cycles)
  // Fault injection: "ADDRESS:BIT" bits of stored words inverted after the load (the golden
  // twin keeps the image's values).
  std::vector<std::string> flips;
  // The ReRAM value region's cell mode (slc, mlc2, mlc3; empty: the reset MLC2) and, when set,
  // its seeded level faults on (the golden twin reads with the same faults).
  std::string reram_mode;
  std::optional<uint32_t> reram_fault_seed;
  std::optional<uint32_t> timeout_ms;  // per firmware wait (wall clock); default the driver's
  uint64_t watchdog_cycles = 0;        // inproc: a wait longer than this fails; 0: no limit
  // inproc: FST waves over a cycle window, and/or a replay that dumps the cycles before the
  // first golden mismatch.
  std::string waves;
  uint64_t waves_start = 0, waves_stop = 0;
  uint32_t waves_depth = 0;
  std::vector<std::string> waves_scopes;  // e.g. u_gb.u_softmax; empty: the whole SoC
  std::string waves_ops;             // "FIRST:LAST" command numbers (CMD_SEQ); empty: every command
  std::string waves_on_mismatch;     // also written on a failure (timeout, error)
  uint64_t mismatch_window = 20000;  // cycles dumped before the detection
  bool progress = true;              // one line per input while running
};

// Prints per-input lines and the summary; returns a process exit code (1 when any input
// disagreed with the golden).
int RunSocJob(const SocRunOptions& options);

}  // namespace edgebert::app
