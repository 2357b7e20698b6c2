#include "fake_device.h"

#include <algorithm>
#include <stdexcept>
#include <string>

namespace edgebert::driver::testing {

void FakeDevice::CheckThread() {
  if (!thread_) thread_ = std::this_thread::get_id();
  if (*thread_ != std::this_thread::get_id()) {
    throw std::logic_error("FakeDevice called from a second thread");
  }
}

BusResponse FakeDevice::Read(uint32_t address, std::span<uint32_t> words) {
  CheckThread();
  CheckTransfer("FakeDevice", address, words.size());
  BusResponse first = BusResponse::kOkay;
  for (size_t i = 0; i < words.size(); ++i) {
    const uint32_t beat = address + static_cast<uint32_t>(4 * i);
    ++cycles_;
    BusResponse response = BusResponse::kOkay;
    if (beat == kFault) throw TransportError("FakeDevice: simulation stopped");
    if (beat >= kDecErrBase && beat < kDecErrEnd) {
      response = BusResponse::kDecErr;
    } else if (beat == kSlvErr) {
      response = BusResponse::kSlvErr;
    }
    const auto found = words_.find(beat);
    words[i] = response == BusResponse::kOkay && found != words_.end() ? found->second : 0;
    if (first == BusResponse::kOkay) first = response;
  }
  return first;
}

BusResponse FakeDevice::Write(uint32_t address, std::span<const uint32_t> words) {
  CheckThread();
  CheckTransfer("FakeDevice", address, words.size());
  BusResponse first = BusResponse::kOkay;
  for (size_t i = 0; i < words.size(); ++i) {
    const uint32_t beat = address + static_cast<uint32_t>(4 * i);
    ++cycles_;
    BusResponse response = BusResponse::kOkay;
    if (beat == kFault) throw TransportError("FakeDevice: simulation stopped");
    if (beat >= kDecErrBase && beat < kDecErrEnd) {
      response = BusResponse::kDecErr;
    } else if (beat == kSlvErr) {
      response = BusResponse::kSlvErr;
    } else if (beat == kIrqRaise) {
      irq_at_ = cycles_ + words[i];
    } else if (beat == kIrqClear) {
      irq_at_.reset();
    } else {
      words_[beat] = words[i];
    }
    if (first == BusResponse::kOkay) first = response;
  }
  return first;
}

bool FakeDevice::WaitForInterrupt(std::chrono::milliseconds timeout) {
  CheckThread();
  if (irq_at_) {
    cycles_ = std::max(cycles_, *irq_at_);
    return true;
  }
  std::this_thread::sleep_for(timeout);
  return false;
}

bool FakeDevice::InterruptLine() {
  CheckThread();
  return line();
}

void FakeDevice::PowerCycle() {
  CheckThread();
  std::erase_if(words_, [](const auto& entry) { return entry.first < kReramBase; });
  irq_at_.reset();
  cycles_ += kResetCycles;
}

uint64_t FakeDevice::Cycles() {
  CheckThread();
  return cycles_;
}

}  // namespace edgebert::driver::testing
