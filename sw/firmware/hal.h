// The firmware's only view of the hardware: registers, memory windows and the interrupt line.
// On silicon these are MMIO accesses and an interrupt controller; on the host the driver
// implements them over a transport. Nothing here knows how the bytes travel. The firmware is
// built without exceptions, so a failed access comes back as a status, never as a throw.
#pragma once

#include <cstddef>
#include <cstdint>

namespace edgebert::firmware {

enum class HalStatus : uint8_t {
  kOk,
  kBusError,  // the access was answered with an error (or could not be made at all)
};

class Hal {
 public:
  virtual ~Hal() = default;

  // CSR at a byte offset of the CSR window.
  virtual HalStatus ReadRegister(uint32_t offset, uint32_t& value) = 0;
  virtual HalStatus WriteRegister(uint32_t offset, uint32_t value) = 0;
  // Words at a 4-aligned byte address of the accelerator's memory map.
  virtual HalStatus WriteMemory(uint32_t address, const uint32_t* words, size_t count) = 0;
  virtual HalStatus ReadMemory(uint32_t address, uint32_t* words, size_t count) = 0;
  // Sleeps until the interrupt line is high (true) or timeout_ms passes (false).
  virtual bool WaitForInterrupt(uint32_t timeout_ms) = 0;
  // A free-running cycle counter (a timer on silicon; simulation cycles on the host).
  virtual uint64_t Cycles() = 0;
};

}  // namespace edgebert::firmware
