// The reference PU configuration (n = 16, 128 accumulator rows, ALBERT-base sized buffers) of
// the long tests and benchmarks, behind a plain C++ interface so that its users do not compile
// Verilator headers (sim/CMakeLists.txt builds it).
#pragma once

#include <cstdint>
#include <memory>

#include "golden/matmul_command.h"
#include "golden/vector_memory.h"
#include "harness/pu_run.h"

namespace edgebert::sim {

inline constexpr golden::PuLimits kReferencePuLimits{16, 65536, 262144, 65536};
inline constexpr int kReferenceAccRows = 128;

class ReferencePu {
 public:
  ReferencePu(golden::VectorMemory& uab, golden::VectorMemory& wsram, golden::AuxMemory& aux);
  ~ReferencePu();
  ReferencePu(const ReferencePu&) = delete;
  ReferencePu& operator=(const ReferencePu&) = delete;

  PuRun Run(const golden::Descriptor& words, uint64_t max_cycles);
  int64_t LastWriteCycle(uint32_t vector) const;

 private:
  class Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace edgebert::sim
