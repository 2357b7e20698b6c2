#include "af8_oracle.h"

#include <algorithm>
#include <cmath>

namespace edgebert::af8::testing {

std::vector<OracleValue> AllMagnitudes(int bias) {
  std::vector<OracleValue> values{{0.0, 0x00}};
  for (int code = 1; code < 128; ++code) {
    const int e = code >> 4;
    const int m = code & 15;
    if (e == 0 && m == 0) continue;
    values.push_back({std::ldexp(16 + m, e + bias - 4), static_cast<uint8_t>(code)});
  }
  std::sort(values.begin(), values.end(),
            [](const OracleValue& a, const OracleValue& b) { return a.magnitude < b.magnitude; });
  return values;
}

OracleResult OracleEncode(double x, int bias) {
  const auto values = AllMagnitudes(bias);
  const double magnitude = std::fabs(x);
  const bool negative = std::signbit(x) && magnitude != 0.0;
  auto signed_code = [&](uint8_t code) {
    return static_cast<uint8_t>(code == 0 ? 0 : (negative ? code | 0x80 : code));
  };
  const OracleValue& top = values.back();
  // The next binade's first value (32 * 2^(bias+3)) is where rounding would go past max.
  const double beyond = std::ldexp(32, 7 + bias - 4);
  if (magnitude >= top.magnitude) {
    const bool saturated = magnitude >= (top.magnitude + beyond) / 2;
    return {signed_code(top.code), saturated};
  }
  size_t hi = 1;
  while (values[hi].magnitude <= magnitude) ++hi;
  const OracleValue& below = values[hi - 1];
  const OracleValue& above = values[hi];
  const double midpoint = (below.magnitude + above.magnitude) / 2;  // exact: few bits
  uint8_t code;
  if (magnitude < midpoint) {
    code = below.code;
  } else if (magnitude > midpoint) {
    code = above.code;
  } else {
    code = (below.code & 1) == 0 ? below.code : above.code;
  }
  return {signed_code(code), false};
}

}  // namespace edgebert::af8::testing
