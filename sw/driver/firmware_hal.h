// The firmware's HAL on top of a transport: registers and memory windows as AXI accesses, the
// interrupt line as the transport's. The firmware is built without exceptions, so this is where
// the driver's world (exceptions, strings) meets the firmware's (status codes): a failed access
// is a HalStatus for the firmware, and the first one is kept here, in words, for the driver's
// error message; an exception a transport throws (a lost connection) is kept and rethrown by the
// driver once the firmware has returned, never thrown through firmware frames.
#pragma once

#include <exception>
#include <string>

#include "driver/transport.h"
#include "firmware/hal.h"

namespace edgebert::driver {

class FirmwareHal : public firmware::Hal {
 public:
  explicit FirmwareHal(Transport& transport) : transport_(transport) {}

  firmware::HalStatus ReadRegister(uint32_t offset, uint32_t& value) override;
  firmware::HalStatus WriteRegister(uint32_t offset, uint32_t value) override;
  firmware::HalStatus WriteMemory(uint32_t address, const uint32_t* words, size_t count) override;
  firmware::HalStatus ReadMemory(uint32_t address, uint32_t* words, size_t count) override;
  bool WaitForInterrupt(uint32_t timeout_ms) override;
  uint64_t Cycles() override;

  // The first failed access ("writing CSR offset 64: SLVERR"), empty while none failed.
  const std::string& first_error() const { return first_error_; }
  // Rethrows the first exception a transport call threw, if any.
  void RethrowTransportException() const;

 private:
  // Runs one transport access; a response other than OKAY or a throw becomes kBusError, noted
  // with `describe()`'s words (built only then).
  template <typename Describe, typename Access>
  firmware::HalStatus Guard(Describe describe, Access access);
  void Keep(std::string what, std::exception_ptr e = nullptr);

  Transport& transport_;
  std::string first_error_;
  std::exception_ptr exception_;
};

}  // namespace edgebert::driver
