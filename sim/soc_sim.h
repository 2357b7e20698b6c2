// The Verilated EdgeBERT SoC (rtl/soc/edgebert_soc.sv) behind driver::Transport, built at the
// small configuration of small_accelerator.h (n = 16, 16384 UAB and WSRAM vectors, 16 KiB aux,
// 64 Ki ReRAM words with values from word 16384, a 16-entry queue, 32 accumulator rows), so the
// tiny ALBERT test model fits. Library target `edgebert_soc_small`; this header needs no
// Verilator headers.
//
// Threading: Verilator requires every eval() of a model on the thread that built it. The
// transport does all its work (bursts, WaitForInterrupt, PowerCycle) on the caller's thread and
// starts no thread: create it and call it from one thread.
#pragma once

#include <cstdint>
#include <memory>
#include <span>

#include "axi_burst.h"
#include "driver/transport.h"
#include "golden/accelerator.h"

namespace edgebert::sim {

struct SocOptions {
  // Seed of the AXI master's valid/ready timing: 0 drives every valid as soon as it can and
  // every ready high (fastest); any other value inserts seeded random delays on every channel.
  uint64_t axi_seed = 0;
  // WaitForInterrupt gives up (returns false) after this many cycles even before its wall-clock
  // timeout: a simulation that runs away is stopped either way.
  uint64_t max_wait_cycles = 2'000'000'000;
  // A single burst that takes longer than this many cycles throws driver::TransportError.
  uint64_t burst_watchdog_cycles = 1'000'000;
};

// The SoC transport, plus the raw AXI master for bus-level tests. Bursts must not cross a 4 KiB
// boundary (the harness's Read/Write split there themselves).
class SocTransport : public driver::Transport {
 public:
  virtual AxiReadResult ReadBurst(const AxiBurst& burst) = 0;
  // One data word and one 8-bit strobe per beat (strobes empty: all bytes).
  virtual AxiWriteResult WriteBurst(const AxiBurst& burst, std::span<const uint64_t> data,
                                    std::span<const uint8_t> strobes = {}) = 0;
  // Runs the clock for `cycles` cycles with the bus idle.
  virtual void Run(uint64_t cycles) = 0;
};

// The configuration MakeSmallSoc builds (the golden twin's sizes; HWCFG reports the same).
golden::AcceleratorConfig SmallSocConfig();
inline constexpr uint32_t kSmallSocCmdqDepth = 16;
inline constexpr uint32_t kSmallSocAccRows = 32;

std::unique_ptr<SocTransport> MakeSmallSocSim(const SocOptions& options = {});
std::unique_ptr<driver::Transport> MakeSmallSoc(const SocOptions& options = {});

}  // namespace edgebert::sim
