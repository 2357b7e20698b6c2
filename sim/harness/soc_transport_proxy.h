// A SocTransport that forwards every call to another one: the base of test doubles that change
// one behaviour of a real SoC (corrupt a beat, reset or abort in the middle of a wait) and pass
// the rest through. No Verilator headers.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <span>
#include <utility>
#include <vector>

#include "harness/soc_sim.h"

namespace edgebert::sim {

class SocTransportProxy : public SocTransport {
 public:
  explicit SocTransportProxy(std::unique_ptr<SocTransport> inner) : inner_(std::move(inner)) {}

  driver::BusResponse Read(uint32_t address, std::span<uint32_t> words) override {
    return inner_->Read(address, words);
  }
  driver::BusResponse Write(uint32_t address, std::span<const uint32_t> words) override {
    return inner_->Write(address, words);
  }
  bool WaitForInterrupt(std::chrono::milliseconds timeout) override {
    return inner_->WaitForInterrupt(timeout);
  }
  bool InterruptLine() override { return inner_->InterruptLine(); }
  void PowerCycle() override { inner_->PowerCycle(); }
  uint64_t Cycles() override { return inner_->Cycles(); }
  AxiReadResult ReadBurst(const AxiBurst& burst) override { return inner_->ReadBurst(burst); }
  AxiWriteResult WriteBurst(const AxiBurst& burst, std::span<const uint64_t> data,
                            std::span<const uint8_t> strobes) override {
    return inner_->WriteBurst(burst, data, strobes);
  }
  void Run(uint64_t cycles) override { inner_->Run(cycles); }
  AxiSlaveSignals Cycle(const AxiMasterSignals& master) override { return inner_->Cycle(master); }
  AxiProtocolChecker* axi_checker() override { return inner_->axi_checker(); }
  void SetBackdoor(bool on) override { inner_->SetBackdoor(on); }
  const std::vector<uint64_t>& InterruptEdges() const override { return inner_->InterruptEdges(); }

 protected:
  SocTransport& inner() { return *inner_; }

 private:
  std::unique_ptr<SocTransport> inner_;
};

}  // namespace edgebert::sim
