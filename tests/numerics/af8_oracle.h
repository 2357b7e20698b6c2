// An independent model of AF8 rounding for tests: it lists every value of a bias and picks the
// nearest by exact midpoint comparison, without sharing code with sw/numerics.
#pragma once

#include <cstdint>
#include <vector>

namespace edgebert::af8::testing {

struct OracleValue {
  double magnitude;
  uint8_t code;  // positive code
};

// The non-negative values of `bias`, ascending, zero first; built from the bit layout alone.
std::vector<OracleValue> AllMagnitudes(int bias);

struct OracleResult {
  uint8_t code;
  bool saturated;
};

// Nearest value to x (ties to the even mantissa; zero is even), clamped to +-max.
OracleResult OracleEncode(double x, int bias);

}  // namespace edgebert::af8::testing
