// Element-wise activations of AF8 values as 256-entry tables.
//
// The hardware first re-quantizes a result to the pre-activation bias, then looks the code up in
// a table the model compiler computed: table[code] = Encode(f(Decode(code, in_bias)), out_bias),
// with f evaluated in float64. The table bytes travel in the model image, so the RTL and the
// golden model read the same table: the lookup is the exact integer algorithm.
#pragma once

#include <array>
#include <cstdint>

namespace edgebert::af8 {

enum class Activation : uint8_t { kNone = 0, kGelu = 1, kTanh = 2 };

inline constexpr int kActivationTableSize = 256;
using ActivationTable = std::array<uint8_t, kActivationTableSize>;

// float64 references: ALBERT's gelu_new 0.5x(1 + tanh(sqrt(2/pi)(x + 0.044715x^3))), and tanh.
double ActivationReference(Activation activation, double x);

// Throws std::invalid_argument for kNone and std::out_of_range for a bias outside the format.
ActivationTable MakeActivationTable(Activation activation, int in_bias, int out_bias);

}  // namespace edgebert::af8
