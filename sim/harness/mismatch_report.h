// Compares a UAB written by the RTL with the golden model's and names the first difference:
// the op, the tensor element (or the stray vector outside the result), both values and the
// cycle the RTL wrote it.
#pragma once

#include <cstdint>
#include <functional>
#include <string>

#include "golden/matmul_command.h"
#include "golden/vector_memory.h"

namespace edgebert::sim {

// Where a command's result lies: `rows` rows of `cols` elements from vector `base`, `stride`
// vectors apart. `transposed` names elements as [col][row] (a C^T result).
struct ResultRegion {
  std::string op;
  std::string tensor;
  uint32_t base = 0, stride = 0, rows = 0, cols = 0;
  bool transposed = false;
};

// Empty when every vector (mask and slot) is equal. `write_cycle(v)` gives the cycle the RTL last
// wrote vector v (-1: never).
std::string FirstMismatch(const ResultRegion& region, const golden::VectorMemory& got,
                          const golden::VectorMemory& want,
                          const std::function<int64_t(uint32_t)>& write_cycle);

// Empty when both aux buffers hold the same bytes, else the first differing byte.
std::string FirstAuxMismatch(const golden::AuxMemory& got, const golden::AuxMemory& want);

std::string FirstMatmulMismatch(const golden::MatmulCommand& command,
                                const golden::VectorMemory& got, const golden::VectorMemory& want,
                                const std::function<int64_t(uint32_t)>& write_cycle);

}  // namespace edgebert::sim
