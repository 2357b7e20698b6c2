// A transaction-level model of the SoC on golden::GoldenAccelerator, behind the same Transport
// the RTL SoC implements: the memory map, the CSR block (registers of yaml/regmap.yaml, the
// command queue, interrupts, error capture, counters) and the buffers. Commands execute when they
// are pushed (the queue never holds more than one), with an estimate of their cycles. It lets the
// driver, the firmware and the co-simulation server run without Verilator, and is the reference
// the RTL SoC's register behaviour is compared with.
#pragma once

#include <array>
#include <cstdint>
#include <memory>

#include "driver/transport.h"
#include "golden/accelerator.h"

namespace edgebert::sim {

class GoldenSoc : public driver::Transport {
 public:
  explicit GoldenSoc(const golden::AcceleratorConfig& config, uint32_t queue_depth = 16,
                     uint32_t max_seq = 128);

  driver::BusResponse Read(uint32_t address, std::span<uint32_t> words) override;
  driver::BusResponse Write(uint32_t address, std::span<const uint32_t> words) override;
  bool WaitForInterrupt(std::chrono::milliseconds timeout) override;
  bool InterruptLine() override;
  void PowerCycle() override;
  uint64_t Cycles() override { return cycles_; }

  golden::GoldenAccelerator& accelerator() { return *accelerator_; }

  // One word access as the AXI slave makes it for half of a beat (docs/architecture.md section
  // 15), with that half's four byte strobes: memory takes the strobed bytes (mask planes too)
  // and answers OKAY without an access when none is set; a CSR takes only all four (else
  // SLVERR). The reference of bus-level tests.
  driver::BusResponse WriteWordStrobed(uint32_t address, uint32_t value, uint8_t strobes);

 private:
  driver::BusResponse ReadWord(uint32_t address, uint32_t& value);
  driver::BusResponse WriteWord(uint32_t address, uint32_t value);
  driver::BusResponse ReadCsr(uint32_t offset, uint32_t& value);
  driver::BusResponse WriteCsr(uint32_t offset, uint32_t value);
  void ResetRegisters();
  void Push();
  void RaiseError(regs::ErrCode code, uint32_t opcode);

  golden::AcceleratorConfig config_;
  uint32_t queue_depth_, max_seq_;
  std::unique_ptr<golden::GoldenAccelerator> accelerator_;
  uint64_t cycles_ = 0;

  uint32_t ctrl_ = 0, intr_state_ = 0, intr_enable_ = 0, err_cause_ = 0, err_seq_ = 0, cmd_seq_ = 0,
           entropy_threshold_ = 0, entropy_last_ = 0, scratch_ = 0, reram_ctrl_ = 0,
           reram_seed_ = 0, reram_latency_ = 0;
  bool halted_ = false, error_captured_ = false;
  std::array<uint32_t, regs::kCommandWords> staging_{};
  // PERF counters, PERF_BUSY_CYCLES to PERF_IDLE_CYCLES, and the latched high word. Counted:
  // VMACs, skipped VMACs, saturations and nonzero MACs (as the RTL); busy, MAC and GB busy
  // cycles from the estimated command cycles; stalls, buffer traffic, ReRAM reads and idle
  // cycles are not modelled (they read 0; docs/architecture.md section 11).
  static constexpr size_t kPerfCounters =
      (regs::kPerfIdleCyclesOffset(0) - regs::kPerfBusyCyclesOffset(0)) / 8 + 1;
  std::array<uint64_t, kPerfCounters> perf_{};
  uint32_t perf_high_latch_ = 0;
};

}  // namespace edgebert::sim
