// One AXI4 burst as the SoC harness's master issues it (sim/harness/soc_harness.h), and what came
// back: the raw bus for tests of the AXI slave itself (narrow, unaligned, FIXED and error bursts).
// No Verilator headers.
#pragma once

#include <cstdint>
#include <vector>

#include "driver/transport.h"

namespace edgebert::sim {

enum class AxiBurstType : uint8_t { kFixed = 0, kIncr = 1, kWrap = 2 };

struct AxiBurst {
  uint32_t address = 0;
  uint32_t beats = 1;  // 1..256 (AxLEN + 1)
  uint8_t size = 3;    // AxSIZE: log2 of the bytes per beat (3: the full 64-bit bus)
  AxiBurstType type = AxiBurstType::kIncr;
};

struct AxiReadResult {
  std::vector<uint64_t> data;                  // one per beat, as the slave returned it
  std::vector<driver::BusResponse> responses;  // RRESP per beat
};

struct AxiWriteResult {
  driver::BusResponse response = driver::BusResponse::kOkay;  // BRESP
};

}  // namespace edgebert::sim
