#include "driver/firmware_hal.h"

#include <chrono>
#include <span>
#include <string>
#include <utility>

#include "regmap/edgebert_regs.h"
#include "util/hex.h"

namespace edgebert::driver {

using firmware::HalStatus;

void FirmwareHal::Keep(std::string what, std::exception_ptr e) {
  if (first_error_.empty()) first_error_ = std::move(what);
  if (e && !exception_) exception_ = std::move(e);
}

void FirmwareHal::RethrowTransportException() const {
  if (exception_) std::rethrow_exception(exception_);
}

template <typename Describe, typename Access>
HalStatus FirmwareHal::Guard(Describe describe, Access access) {
  try {
    const BusResponse r = access();
    if (r == BusResponse::kOkay) return HalStatus::kOk;
    Keep(describe() + ": " + BusResponseName(r));
  } catch (...) {
    Keep(describe() + ": the transport failed", std::current_exception());
  }
  return HalStatus::kBusError;
}

HalStatus FirmwareHal::ReadRegister(uint32_t offset, uint32_t& value) {
  return Guard([&] { return "reading CSR offset " + std::to_string(offset); },
               [&] { return transport_.Read(regs::kMemCsrBase + offset, std::span(&value, 1)); });
}

HalStatus FirmwareHal::WriteRegister(uint32_t offset, uint32_t value) {
  return Guard([&] { return "writing CSR offset " + std::to_string(offset); },
               [&] {
                 return transport_.Write(regs::kMemCsrBase + offset,
                                         std::span<const uint32_t>(&value, 1));
               });
}

HalStatus FirmwareHal::WriteMemory(uint32_t address, const uint32_t* words, size_t count) {
  if (count == 0) return HalStatus::kOk;
  return Guard(
      [&] { return "writing " + std::to_string(count) + " words at " + util::Hex(address); },
      [&] { return transport_.Write(address, std::span<const uint32_t>(words, count)); });
}

HalStatus FirmwareHal::ReadMemory(uint32_t address, uint32_t* words, size_t count) {
  if (count == 0) return HalStatus::kOk;
  return Guard(
      [&] { return "reading " + std::to_string(count) + " words at " + util::Hex(address); },
      [&] { return transport_.Read(address, std::span<uint32_t>(words, count)); });
}

bool FirmwareHal::WaitForInterrupt(uint32_t timeout_ms) {
  try {
    return transport_.WaitForInterrupt(std::chrono::milliseconds(timeout_ms));
  } catch (...) {
    Keep("waiting for the interrupt: the transport failed", std::current_exception());
    return false;
  }
}

uint64_t FirmwareHal::Cycles() {
  try {
    return transport_.Cycles();
  } catch (...) {
    Keep("reading the cycle count: the transport failed", std::current_exception());
    return 0;
  }
}

}  // namespace edgebert::driver
