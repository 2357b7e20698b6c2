// The reference configuration's buffers (ALBERT-base sized: a 1 MiB UAB, a 16 MiB WSRAM, 64 KiB
// of aux, a 4 MiB ReRAM store; golden::AcceleratorConfig's defaults, which are that configuration
// at n = 16, and bench/CMakeLists.txt's Vedgebert_soc_ref) at any n: the same bytes, n-byte
// vectors. What paper-scale sweeps run the golden SoC with (`edgebert dse --buffers reference`);
// only n = 16 has an RTL model of it (make bench).
#pragma once

#include "golden/accelerator.h"

namespace edgebert::sim {

// The reference PU's accumulator rows (AccRows of Vedgebert_soc_ref), at every n; the small SoC
// has 2n.
inline constexpr uint32_t kReferenceAccRows = 128;

inline golden::AcceleratorConfig ReferenceAcceleratorConfig(int lanes = 16) {
  golden::AcceleratorConfig c;  // the reference at n = 16
  const auto bytes = [&](uint32_t vectors) {
    return static_cast<uint32_t>(uint64_t{vectors} * static_cast<uint32_t>(c.limits.lanes) /
                                 static_cast<uint32_t>(lanes));
  };
  c.limits.uab_vectors = bytes(c.limits.uab_vectors);
  c.limits.wsram_vectors = bytes(c.limits.wsram_vectors);
  c.limits.lanes = lanes;
  return c;
}

}  // namespace edgebert::sim
