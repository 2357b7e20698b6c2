// One AXI4 burst as the SoC harness's master issues it (sim/harness/soc_harness.h), and what came
// back: the raw bus for tests of the AXI slave itself (narrow, unaligned, FIXED and error bursts).
// No Verilator headers.
#pragma once

#include <algorithm>
#include <cstdint>
#include <vector>

#include "driver/transport.h"
#include "regmap/edgebert_regs.h"

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

// How the harness's master splits a Read or Write of `count` words at `address` into bursts (the
// golden SoC times its bus with the same split): a CSR word per single 4-byte beat; memory in
// 64-bit beats within each 4 KiB page, at most 256 beats each, the last odd word as a 4-byte
// beat. fn(burst, index of its first word, whether its first beat carries one word in the high
// half).
template <typename Fn>
void ForEachAxiBurst(uint32_t address, uint32_t count, Fn fn) {
  uint32_t i = 0;
  while (i < count) {
    const uint32_t addr = address + 4 * i;
    if (addr < regs::kMemCsrBase + regs::kMemCsrSize) {
      fn(AxiBurst{.address = addr, .beats = 1, .size = 2}, i, false);
      ++i;
      continue;
    }
    const uint32_t page_words = (0x1000 - (addr & 0xFFF)) / 4;
    const uint32_t words = std::min(count - i, page_words);
    const bool lead = (addr & 4) != 0;
    const uint32_t beats = (lead ? 1 : 0) + (words - (lead ? 1 : 0)) / 2;
    const bool tail = ((words - (lead ? 1 : 0)) % 2) != 0;
    uint32_t done_beats = 0, w = i;
    while (done_beats < beats) {
      const uint32_t n = std::min<uint32_t>(256, beats - done_beats);
      const bool first_lead = lead && done_beats == 0;
      const uint32_t beat_addr = first_lead ? addr : ((addr + 4 * (w - i)) & ~7u);
      fn(AxiBurst{.address = beat_addr, .beats = n, .size = 3}, w, first_lead);
      w += 2 * n - (first_lead ? 1 : 0);
      done_beats += n;
    }
    if (tail) {
      fn(AxiBurst{.address = address + 4 * w, .beats = 1, .size = 2}, w, false);
      ++w;
    }
    i = w;
  }
}

}  // namespace edgebert::sim
