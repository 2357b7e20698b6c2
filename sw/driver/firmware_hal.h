// The firmware's HAL on top of a transport: registers and memory windows as AXI accesses, the
// interrupt line as the transport's. A bus error on a register access means the driver and the
// accelerator disagree about the map: it throws DeviceError rather than return garbage.
#pragma once

#include "driver/transport.h"
#include "firmware/hal.h"

namespace edgebert::driver {

class FirmwareHal : public firmware::Hal {
 public:
  explicit FirmwareHal(Transport& transport) : transport_(transport) {}

  uint32_t ReadRegister(uint32_t offset) override;
  void WriteRegister(uint32_t offset, uint32_t value) override;
  bool WriteMemory(uint32_t address, const uint32_t* words, size_t count) override;
  bool ReadMemory(uint32_t address, uint32_t* words, size_t count) override;
  bool WaitForInterrupt(uint32_t timeout_ms) override;
  uint64_t Cycles() override { return transport_.Cycles(); }

 private:
  Transport& transport_;
};

}  // namespace edgebert::driver
