#include "driver/firmware_hal.h"

#include <chrono>
#include <span>
#include <string>

#include "driver/device.h"
#include "regmap/edgebert_regs.h"

namespace edgebert::driver {

uint32_t FirmwareHal::ReadRegister(uint32_t offset) {
  uint32_t value = 0;
  const BusResponse r = transport_.Read(regs::kMemCsrBase + offset, std::span<uint32_t>(&value, 1));
  if (r != BusResponse::kOkay) {
    throw DeviceError("reading CSR offset " + std::to_string(offset) + ": " + BusResponseName(r));
  }
  return value;
}

void FirmwareHal::WriteRegister(uint32_t offset, uint32_t value) {
  const BusResponse r =
      transport_.Write(regs::kMemCsrBase + offset, std::span<const uint32_t>(&value, 1));
  if (r != BusResponse::kOkay) {
    throw DeviceError("writing CSR offset " + std::to_string(offset) + ": " + BusResponseName(r));
  }
}

bool FirmwareHal::WriteMemory(uint32_t address, const uint32_t* words, size_t count) {
  return count == 0 ||
         transport_.Write(address, std::span<const uint32_t>(words, count)) == BusResponse::kOkay;
}

bool FirmwareHal::ReadMemory(uint32_t address, uint32_t* words, size_t count) {
  return count == 0 ||
         transport_.Read(address, std::span<uint32_t>(words, count)) == BusResponse::kOkay;
}

bool FirmwareHal::WaitForInterrupt(uint32_t timeout_ms) {
  return transport_.WaitForInterrupt(std::chrono::milliseconds(timeout_ms));
}

}  // namespace edgebert::driver
