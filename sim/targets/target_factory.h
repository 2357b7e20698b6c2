// The one factory of accelerator targets: "inproc" (the Verilated SoC in this process), "golden"
// (the transaction-level golden SoC) or "tcp://HOST:PORT" (a co-simulation server). The
// application includes this header and the driver, never the harness or the TLM SoC, so a new
// target changes this file and its source only.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "driver/transport.h"

namespace edgebert::sim {

struct TargetOptions {
  int lanes = 16;  // inproc and golden: n of the small SoC (4, 8, 16 or 32)
  // golden: the reference configuration's ALBERT-base sized buffers (sim/reference_accelerator.h)
  // instead of the small SoC's; the in-process SoC has only the small ones.
  bool reference_buffers = false;
  unsigned axi_seed = 0;  // inproc: randomised AXI valid/ready timing; 0 = none
  bool backdoor = false;  // inproc: start with backdoor loads on (see LoadsDone)
  bool axi_check = true;  // inproc: the AXI4 protocol checker (a violation fails the run)
  // inproc: FST waves from the separately built traced model (empty file: none).
  std::string waves_file;
  uint64_t waves_start = 0, waves_stop = 0;  // cycle window [start, stop); stop 0: to the end
  uint32_t waves_depth = 0;                  // hierarchy levels; 0: all
  std::vector<std::string> waves_scopes;     // instance paths below the SoC top; empty: all
  // Only while commands first..last (CMD_SEQ numbering, from reset) run; unset: all.
  std::optional<std::pair<uint32_t, uint32_t>> waves_ops;
  uint64_t watchdog_cycles = 0;  // inproc: a wait for the interrupt longer than this fails; 0: none
};

// The n the inproc and golden targets take (the small SoC's; inproc has a model only for those
// of SmallSocLanesBuilt, and says so when asked for another).
std::span<const int> TargetLanes();

// "[HOST:]PORT" (HOST a name, an IPv4 address or a bracketed IPv6 one such as [::1]; defaulting
// to `default_host`); std::invalid_argument when malformed.
std::pair<std::string, uint16_t> ParseEndpoint(const std::string& text,
                                               const std::string& default_host);

// The model is loaded: an in-process SoC's backdoor goes off, so the run's own traffic (the
// firmware's aux writes) is real AXI. Other transports: nothing to do.
void LoadsDone(driver::Transport& transport);

// Throws std::invalid_argument naming a waves scope the traced in-process SoC does not have (and
// the scopes there), so that a command line is refused before anything runs; a --waves-on-failure
// replay would otherwise find out only after the job.
void CheckWaveScopes(const std::vector<std::string>& scopes);

// What accompanies a waves file once it is written: the GTKWave save file next to it
// (harness/gtkw_save.h, with the translate filters of `filters`) and the cycles it holds.
struct WavesCompanion {
  std::string save_file;
  size_t signals = 0, catalogue = 0;
  uint64_t first_cycle = 0, last_cycle = 0;
};
WavesCompanion WriteWavesCompanion(const std::string& fst, const std::string& filters);

// Throws std::invalid_argument for an unknown target, driver::TransportError when it cannot be
// reached.
std::unique_ptr<driver::Transport> OpenTarget(const std::string& spec,
                                              const TargetOptions& options = {});

}  // namespace edgebert::sim
