// Compares a UAB written by the RTL with the golden model's and names the first difference:
// the op, the tensor element (or the stray vector outside C), both values and the write cycle.
#pragma once

#include <cstdint>
#include <functional>
#include <string>

#include "golden/matmul_command.h"
#include "golden/vector_memory.h"

namespace edgebert::sim {

// Empty when every vector (mask and slot) is equal. `write_cycle(v)` gives the cycle the RTL last
// wrote vector v (-1: never).
std::string FirstMatmulMismatch(const golden::MatmulCommand& command,
                                const golden::VectorMemory& got, const golden::VectorMemory& want,
                                const std::function<int64_t(uint32_t)>& write_cycle);

}  // namespace edgebert::sim
