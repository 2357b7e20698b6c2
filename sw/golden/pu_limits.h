// The build parameters a command is validated against (HWCFG registers on the chip).
#pragma once

#include <cstdint>

namespace edgebert::golden {

struct PuLimits {
  int lanes = 16;
  uint32_t uab_vectors = 0;
  uint32_t wsram_vectors = 0;
  uint32_t aux_bytes = 0;
  uint32_t reram_words = 0;  // ReRAM store size in 32-bit words (GATHER tables)
};

// Accumulators stay exact up to this reduction length (af8::kMaxExactReduction).
inline constexpr uint32_t kMaxMatmulK = 32768;

}  // namespace edgebert::golden
