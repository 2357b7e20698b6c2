// How the driver reaches an accelerator: 32-bit word reads and writes on its AXI address map
// (docs/architecture.md section 4), the interrupt line, a power cycle, and the cycle count. Two
// implementations: the in-process Verilated SoC and the TCP co-simulation client. Nothing else in
// the platform knows how the bytes travel.
#pragma once

#include <chrono>
#include <cstdint>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>

namespace edgebert::driver {

// AXI response codes (BRESP / RRESP).
enum class BusResponse : uint8_t { kOkay = 0, kSlvErr = 2, kDecErr = 3 };

std::string BusResponseName(BusResponse response);

// A transport that can no longer talk to its accelerator (connection lost, protocol violation,
// simulation stopped). Bus errors are not exceptions: they are BusResponse values.
class TransportError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class Transport {
 public:
  virtual ~Transport() = default;

  // Consecutive 32-bit words from a 4-aligned byte address, as AXI bursts (a burst never crosses
  // a 4 KiB boundary). The first non-OKAY response of any beat is returned; words of failed
  // beats read as 0. std::invalid_argument for a misaligned address or an empty span.
  virtual BusResponse Read(uint32_t address, std::span<uint32_t> words) = 0;
  virtual BusResponse Write(uint32_t address, std::span<const uint32_t> words) = 0;

  // Runs (or waits) until the interrupt line is high: true. False when `timeout` of wall-clock
  // time passed first. The line is level-sensitive: clear INTR_STATE to lower it.
  virtual bool WaitForInterrupt(std::chrono::milliseconds timeout) = 0;
  virtual bool InterruptLine() = 0;

  // A power cycle of the SoC: reset asserted for a few cycles; SRAM contents (WSRAM, UAB, aux)
  // and registers are lost, the ReRAM store keeps its contents.
  virtual void PowerCycle() = 0;

  // Clock cycles since the transport started (simulation time).
  virtual uint64_t Cycles() = 0;
};

// Read/Write's argument contract: empty when `words` words from `address` are a valid transfer,
// else what is wrong (no words, a misaligned address, a run past the 32-bit address space).
std::string TransferProblem(uint32_t address, size_t words);
// Throws std::invalid_argument("<who>: <problem>") when TransferProblem is not empty.
void CheckTransfer(std::string_view who, uint32_t address, size_t words);

}  // namespace edgebert::driver
