// Golden model of the PU: what one command must leave in the buffers, bit for bit.
#pragma once

#include <cstdint>
#include <memory>

#include "golden/matmul_command.h"
#include "golden/vector_memory.h"

namespace edgebert::golden {

struct MatmulResult {
  regs::ErrCode error = regs::ErrCode::kNone;
  uint64_t vmacs = 0;          // M * N * K / n vector MACs
  uint64_t vmacs_skipped = 0;  // those with an all-zero A or B vector
  uint64_t saturations = 0;    // outputs clamped by re-quantization
  // Element MACs whose A and B mask bits are both set (PERF_MACS_NONZERO): what zero-operand
  // gating leaves to multiply.
  uint64_t macs_nonzero = 0;
};

// WSRAM operands as RunMatmul decodes them (int16 values and zero-vector flags), kept from one
// command to the next while the WSRAM holds what they were decoded from (VectorMemory::stamp).
// A model's weights are then decoded once per load instead of once per command. Not for use by
// two commands at once.
class MatmulOperandCache {
 public:
  MatmulOperandCache();
  ~MatmulOperandCache();
  MatmulOperandCache(const MatmulOperandCache&) = delete;
  MatmulOperandCache& operator=(const MatmulOperandCache&) = delete;

  struct Entries;  // defined in pu_golden.cc, which alone uses them
  Entries& entries() { return *entries_; }

 private:
  std::unique_ptr<Entries> entries_;
};

// Runs `command` as the PU does. On a validation error nothing is written. C must not overlap
// A or B (the hardware streams; the result of an overlap is undefined). With a cache, a B in
// the WSRAM is decoded only if the cache does not hold it; the result is the same either way.
MatmulResult RunMatmul(const MatmulCommand& command, const PuLimits& limits, VectorMemory& uab,
                       const VectorMemory& wsram, const AuxMemory& aux,
                       MatmulOperandCache* cache = nullptr);

// The same command by the plain definition: a 64K-entry product table looked up per MAC, the
// zero-vector flags tested per VMAC (about 1 ns per MAC). RunMatmul must match it bit for bit,
// statistics included; the tests and bench/golden_matmul_bench.cc hold the two together.
MatmulResult RunMatmulReference(const MatmulCommand& command, const PuLimits& limits,
                                VectorMemory& uab, const VectorMemory& wsram, const AuxMemory& aux);

}  // namespace edgebert::golden
