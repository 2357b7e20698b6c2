// An accelerator in memory for the transport tests: words in a map, an address range with no
// slave (DECERR), a register that refuses access (SLVERR), an interrupt raised by a write, a
// register whose access makes the "simulation" throw, and a cycle counter. It also checks that
// it is only ever called from one thread, as a Verilated model requires.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <span>
#include <thread>
#include <unordered_map>

#include "driver/transport.h"

namespace edgebert::driver::testing {

class FakeDevice final : public Transport {
 public:
  static constexpr uint32_t kSramBase = 0x0000'0000;
  // Writing N raises the interrupt line N cycles later; WaitForInterrupt runs the clock there.
  static constexpr uint32_t kIrqRaise = 0x1000'0000;
  // Any write lowers the line (INTR_STATE).
  static constexpr uint32_t kIrqClear = 0x1000'0004;
  static constexpr uint32_t kSlvErr = 0x2000'0000;  // one word
  static constexpr uint32_t kDecErrBase = 0x3000'0000;
  static constexpr uint32_t kDecErrEnd = 0x3000'1000;
  static constexpr uint32_t kFault = 0x5000'0000;  // any access throws TransportError
  // Words at and above survive PowerCycle (the ReRAM store).
  static constexpr uint32_t kReramBase = 0x8000'0000;
  static constexpr uint64_t kResetCycles = 4;

  BusResponse Read(uint32_t address, std::span<uint32_t> words) override;
  BusResponse Write(uint32_t address, std::span<const uint32_t> words) override;
  // Runs to the scheduled interrupt (no wall time); with none scheduled, nothing can raise the
  // line: waits `timeout` of wall-clock time and returns false.
  bool WaitForInterrupt(std::chrono::milliseconds timeout) override;
  bool InterruptLine() override;
  void PowerCycle() override;
  uint64_t Cycles() override;

 private:
  void CheckThread();
  bool line() const { return irq_at_.has_value() && cycles_ >= *irq_at_; }

  std::unordered_map<uint32_t, uint32_t> words_;
  std::optional<uint64_t> irq_at_;  // cycle at which the line is high
  uint64_t cycles_ = 0;
  std::optional<std::thread::id> thread_;
};

}  // namespace edgebert::driver::testing
