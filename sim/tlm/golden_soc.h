// A transaction-level model of the SoC on golden::GoldenAccelerator, behind the same Transport
// the RTL SoC implements: the memory map, the CSR block (registers of yaml/regmap.yaml, the
// command queue, interrupts, error capture, counters) and the buffers. It lets the driver, the
// firmware and the co-simulation server run without Verilator, and is the reference the RTL
// SoC's register behaviour is compared with.
//
// Timing is the RTL SoC's under the in-process harness with its default AXI timing
// (sim/harness/soc_harness.h, axi_seed 0), cycle for cycle, so that a job's cycle count and
// PERF counters are the RTL's (tests/system/golden_timing_test.cc checks both):
//   bus       every Read/Write is split into the harness's bursts (ForEachAxiBurst) and each
//             word access happens at the cycle soc_axi and soc_axi_splitter make it: 1 cycle for
//             AW/AR, per beat 1 for W or R, per 32-bit half 2 (a host ReRAM read 1 + its latency),
//             1 for B. A CSR access acts at its request cycle; memory is refused while busy.
//   queue     a push enters the queue of `queue_depth` commands; the sequencer (soc_seq) pops
//             the head the cycle after it is there and idle, dispatches it the next cycle, and
//             the unit's done comes golden::PredictActivity's cycles later (exact formulas,
//             golden/command_cycles.h); the end's effects (CMD_SEQ, causes, flushes) land on the
//             edge after. A command runs (golden::GoldenAccelerator::Execute) at its dispatch, on
//             the memories and registers of that cycle, so everything is lazy: each access first
//             brings the sequencer up to its own cycle.
//   counters  busy and idle by the cycle; the events of a command (golden::CommandOutcome and
//             golden::CommandActivity) are added at its end, not spread over its cycles (a
//             counter read while a command runs shows none of its events yet).
// WriteWordStrobed, the reference of bus-level tests, acts at the current cycle and takes none.
#pragma once

#include <array>
#include <cstdint>
#include <deque>
#include <memory>
#include <optional>

#include "driver/transport.h"
#include "golden/accelerator.h"
#include "golden/command_activity.h"

namespace edgebert::sim {

class GoldenSoc : public driver::Transport {
 public:
  // acc_rows: the PU's accumulator rows (AccRows); 0 means 2n, as the small SoC is built.
  explicit GoldenSoc(const golden::AcceleratorConfig& config, uint32_t queue_depth = 16,
                     uint32_t max_seq = 128, uint32_t acc_rows = 0);

  driver::BusResponse Read(uint32_t address, std::span<uint32_t> words) override;
  driver::BusResponse Write(uint32_t address, std::span<const uint32_t> words) override;
  bool WaitForInterrupt(std::chrono::milliseconds timeout) override;
  bool InterruptLine() override;
  void PowerCycle() override;
  uint64_t Cycles() override { return now_; }

  golden::GoldenAccelerator& accelerator() { return *accelerator_; }

  // One word access as the AXI slave makes it for half of a beat (docs/architecture.md section
  // 15), with that half's four byte strobes: memory takes the strobed bytes (mask planes too)
  // and answers OKAY without an access when none is set; a CSR takes only all four (else
  // SLVERR). The reference of bus-level tests.
  driver::BusResponse WriteWordStrobed(uint32_t address, uint32_t value, uint8_t strobes);

 private:
  // A popped command: in the sequencer's issue cycle until dispatched, then in its unit.
  struct Running {
    golden::Descriptor words{};
    uint64_t issue = 0;       // the StIssue cycle (busy from here)
    uint64_t end = 0;         // the cycle its end is seen (valid once dispatched)
    bool dispatched = false;  // taken by its unit at the edge after `issue`
    bool aborted = false;     // CTRL.ABORT: runs on, its end unreported
    golden::CommandOutcome outcome;
    golden::CommandActivity activity;
  };

  // Word accesses at cycle `at` (the request cycle on the splitter's bus).
  driver::BusResponse ReadWordAt(uint32_t address, uint32_t& value, uint64_t at);
  driver::BusResponse WriteWordAt(uint32_t address, uint32_t value, uint8_t strobes, uint64_t at);
  driver::BusResponse ReadCsr(uint32_t offset, uint32_t& value);
  driver::BusResponse WriteCsr(uint32_t offset, uint32_t value, uint64_t at);
  // Cycles of one word access's request-to-response on the word bus.
  uint64_t WordCycles(uint32_t address, bool write) const;

  // Brings the sequencer to the start of cycle `c`: every end, pop and dispatch whose edge is
  // before it, and the busy/idle cycles before it counted.
  void AdvanceTo(uint64_t c);
  // The next cycle whose start sees a change of sequencer state, if one is coming.
  std::optional<uint64_t> NextEvent() const;
  void CountCycles(uint64_t upto);
  void Dispatch();
  void Complete();
  void ResetRegisters();
  void Push(uint64_t at);
  void RaiseError(regs::ErrCode code, uint32_t opcode, uint32_t seq);
  void Flush() { queue_.clear(); }
  uint64_t& Perf(uint32_t offset) { return perf_[(offset - regs::kPerfBusyCyclesOffset(0)) / 8]; }
  golden::ReramLatencies Latencies() const;

  golden::AcceleratorConfig config_;
  uint32_t queue_depth_, max_seq_, acc_rows_;
  std::unique_ptr<golden::GoldenAccelerator> accelerator_;
  uint64_t now_ = 0;      // Transport::Cycles(): the cycle the next access starts in
  uint64_t counted_ = 0;  // busy/idle counted for the cycles before this one

  // Sequencer and queue. Queue entries are pushed at the edge after their request cycle and can
  // be popped from the cycle after that.
  std::deque<std::pair<golden::Descriptor, uint64_t>> queue_;  // descriptor, first pop cycle
  std::optional<Running> running_;
  uint64_t seq_idle_from_ = 0;  // first cycle the sequencer may pop in

  uint32_t ctrl_ = 0, intr_state_ = 0, intr_enable_ = 0, err_cause_ = 0, err_seq_ = 0, cmd_seq_ = 0,
           entropy_threshold_ = 0, entropy_last_ = 0, scratch_ = 0, reram_ctrl_ = 0,
           reram_seed_ = 0, reram_latency_ = 0;
  bool halted_ = false;
  std::array<uint32_t, regs::kCommandWords> staging_{};
  // PERF counters, PERF_BUSY_CYCLES to PERF_IDLE_CYCLES, and the latched high words (one latch
  // per counter, as soc_csr).
  static constexpr size_t kPerfCounters =
      (regs::kPerfIdleCyclesOffset(0) - regs::kPerfBusyCyclesOffset(0)) / 8 + 1;
  std::array<uint64_t, kPerfCounters> perf_{};
  std::array<uint32_t, kPerfCounters> perf_high_latch_{};
};

}  // namespace edgebert::sim
