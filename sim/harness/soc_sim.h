// The Verilated EdgeBERT SoC (rtl/soc/edgebert_soc.sv) behind driver::Transport, built at the
// small configuration of small_accelerator.h (n = 16, 16384 UAB and 32768 WSRAM vectors, 16 KiB
// aux, 128 Ki ReRAM words with values from word 32768, a 16-entry queue, 32 accumulator rows), so
// the tiny ALBERT test model and the embedded trained model fit. Library target
// `edgebert_soc_small`; this header needs no Verilator headers.
//
// Waves: the same SoC Verilated with FST tracing is a second library,
// `edgebert_soc_small_traced` (built only when something links it). Link it and call
// MakeSmallSocTraced / MakeSmallSocTracedSim to honour SocOptions::waves; it links
// `edgebert_soc_small` too and returns the untraced model when no wave file is asked for.
// Users who never trace link only `edgebert_soc_small`, whose factories refuse a wave file.
//
// Threading: Verilator requires every eval() of a model on the thread that built it. The
// transport does all its work (bursts, WaitForInterrupt, PowerCycle) on the caller's thread and
// starts no thread: create it and call it from one thread.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "driver/transport.h"
#include "golden/accelerator.h"
#include "harness/axi_burst.h"
#include "harness/axi_protocol_checker.h"
#include "harness/axi_signals.h"

namespace edgebert::sim {

struct SocOptions {
  // n of the small SoC: 16 (the default), 4, 8 or 32 (kSmallSocLanes lists the models built).
  int lanes = 16;
  // Seed of the AXI master's valid/ready timing: 0 drives every valid as soon as it can and
  // every ready high (fastest); any other value inserts seeded random delays on every channel.
  uint64_t axi_seed = 0;
  // WaitForInterrupt gives up (returns false) after this many cycles even before its wall-clock
  // timeout: a simulation that runs away is stopped either way.
  uint64_t max_wait_cycles = 2'000'000'000;
  // A single burst that takes longer than this many cycles throws driver::TransportError.
  uint64_t burst_watchdog_cycles = 1'000'000;
  // Start with backdoor loads on (SocTransport::SetBackdoor).
  bool backdoor = false;
  // The AXI4 protocol checker on the slave port (harness/axi_protocol_checker.h), at every
  // rising edge: kThrow (the default) stops the run with driver::TransportError naming the rule
  // and cycle at the first violation; kRecord keeps every violation for
  // SocTransport::axi_checker(); kOff does not check.
  enum class AxiCheck { kOff, kThrow, kRecord };
  AxiCheck axi_check = AxiCheck::kThrow;

  // An FST wave file of the traced model (MakeSmallSocTraced; the untraced factories throw
  // driver::TransportError when `file` is set). Cycles are Transport::Cycles() values (reset
  // included): cycle c is dumped at time 2c (inputs settled, clock low) and 2c + 1 (after the
  // rising edge), in units of the model's time precision.
  //
  // Command window: with first_op set, cycle c is dumped only while CMD_SEQ (the CMD_SEQ
  // register: commands ended without error since the last reset) is in [first_op, last_op] at
  // the start of c, i.e. from the cycle after the one that completes command first_op - 1
  // through the cycle whose rising edge completes command last_op (commands numbered from 0 in
  // push order, as CMD_SEQ and ERR_SEQ count them: while CMD_SEQ = k, command k is the next to
  // complete; a command that fails is number CMD_SEQ = ERR_SEQ - 1 and halts the queue). A
  // cycle is dumped only when it is in both windows (cycles and commands). The file is closed at
  // the first cycle that starts with CMD_SEQ > last_op (a later PowerCycle, which zeroes CMD_SEQ,
  // does not reopen it). first_op alone: to the end; last_op without first_op, or
  // first_op > last_op, throws driver::TransportError at construction (every factory).
  struct Waves {
    std::string file{};        // empty: no waves
    uint64_t start_cycle = 0;  // first cycle dumped
    uint64_t stop_cycle = 0;   // first cycle not dumped (0: to the end); the file is closed then
    uint32_t depth = 0;        // levels from the top, as $dumpvars: 1 the ports, 2 also the top
                               // module's signals, ...; 0 all
    std::optional<uint32_t> first_op{};  // first command dumped (unset: no command window)
    std::optional<uint32_t> last_op{};   // last command dumped (unset: to the end)
    // Instance paths below the SoC top (e.g. "u_csr", "u_gb.u_softmax"): only their signals,
    // `depth` levels down from each (0: all), plus the SoC's ports. Empty: the whole SoC. A path
    // the traced model's waves do not have throws driver::TransportError at construction,
    // naming it and the scopes there (SmallSocWaveScopes lists them).
    std::vector<std::string> scopes{};
  };
  Waves waves{};
};

// The SoC transport, plus the raw AXI master for bus-level tests. Bursts must not cross a 4 KiB
// boundary (the harness's Read/Write split there themselves).
class SocTransport : public driver::Transport {
 public:
  virtual AxiReadResult ReadBurst(const AxiBurst& burst) = 0;
  // One data word and one 8-bit strobe per beat (strobes empty: every byte lane of each beat,
  // AxiBeatLanes).
  virtual AxiWriteResult WriteBurst(const AxiBurst& burst, std::span<const uint64_t> data,
                                    std::span<const uint8_t> strobes = {}) = 0;
  // Runs the clock for `cycles` cycles with the bus idle.
  virtual void Run(uint64_t cycles) = 0;
  // One clock cycle driven pin by pin, for masters the burst methods cannot express (several
  // transactions outstanding, W before AW, any timing): presents `master` for this cycle,
  // returns the slave's outputs just before the rising edge, then runs that edge.
  virtual AxiSlaveSignals Cycle(const AxiMasterSignals& master) = 0;
  // The protocol checker watching the port; nullptr with SocOptions::AxiCheck::kOff.
  virtual AxiProtocolChecker* axi_checker() = 0;
  // Backdoor loads: while on, Write() to the WSRAM planes, the aux buffer and the ReRAM puts the
  // words straight into the RTL's storage arrays in zero cycles (what an AXI write would leave
  // there) instead of bursting them over AXI. Only between commands (the AXI path would answer
  // SLVERR while one runs; the backdoor does not check). Everything else still goes over AXI.
  virtual void SetBackdoor(bool on) = 0;
  // The interrupt monitor: the cycle of every rising edge of irq_o since construction.
  virtual const std::vector<uint64_t>& InterruptEdges() const = 0;
};

// The configuration MakeSmallSoc builds for n = lanes (the golden twin's sizes; HWCFG reports
// the same).
golden::AcceleratorConfig SmallSocConfig(int lanes = 16);
// The lane counts a small SoC configuration exists for (the golden SoC runs any of them).
inline constexpr int kSmallSocLanes[] = {4, 8, 16, 32};
// Those with a Verilated model in this build: 8 and 16, plus 4 and 32 when configured with
// -DEDGEBERT_SOC_ALL_LANES=ON.
std::vector<int> SmallSocLanesBuilt();
inline constexpr uint32_t kSmallSocCmdqDepth = 16;
inline constexpr uint32_t kSmallSocAccRows = 32;

// The untraced SoC (library `edgebert_soc_small`) for options.lanes. Throws
// driver::TransportError if options.waves.file is set (waves need the traced library and the
// factories below) or for an n without a built model.
std::unique_ptr<SocTransport> MakeSmallSocSim(const SocOptions& options = {});
std::unique_ptr<driver::Transport> MakeSmallSoc(const SocOptions& options = {});

// Library `edgebert_soc_small_traced` only (defined there, not in `edgebert_soc_small`): the
// traced SoC writing options.waves.file when it is set, else exactly MakeSmallSocSim /
// MakeSmallSoc (the untraced model). Throws driver::TransportError naming the file if it cannot
// be created. Several traced SoCs may be alive at once, each writing its own file; each has a
// VerilatedContext of its own with tracing on (untraced models are unaffected).
std::unique_ptr<SocTransport> MakeSmallSocTracedSim(const SocOptions& options = {});
std::unique_ptr<driver::Transport> MakeSmallSocTraced(const SocOptions& options = {});
// Library `edgebert_soc_small_traced` only: the scopes below the SoC top that the traced SoC's
// waves have ("u_axi", ..., "u_gb.u_softmax", ... in hierarchy order), asked of the traced model
// itself (harness/soc_harness.h: WaveScopes), for checking a command line before anything runs
// (harness/wave_scopes.h: UnknownWaveScope words the refusal).
const std::vector<std::string>& SmallSocWaveScopes();

}  // namespace edgebert::sim
