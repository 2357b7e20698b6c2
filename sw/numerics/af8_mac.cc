#include "numerics/af8_mac.h"

#include <cmath>
#include <limits>
#include <stdexcept>

#include "numerics/af8.h"

namespace edgebert::af8 {

int32_t Product(uint8_t a, uint8_t b) {
  if (IsZero(a) || IsZero(b)) return 0;
  const int32_t magnitude = (Significand(a) * Significand(b))
                            << (ExponentField(a) + ExponentField(b));
  return IsNegative(a) != IsNegative(b) ? -magnitude : magnitude;
}

void Accumulator::Add(int64_t term) {
  // Both operands stay far inside int64, so the check happens after an exact addition.
  const int64_t sum = value_ + term;
  if (sum > kAccumulatorMax || sum < -kAccumulatorMax) {
    saturated_ = true;
    value_ = sum > 0 ? kAccumulatorMax : -kAccumulatorMax;
    return;
  }
  value_ = sum;
}

Accumulator Dot(std::span<const uint8_t> a, std::span<const uint8_t> b) {
  if (a.size() != b.size()) {
    throw std::invalid_argument("AF8 dot product of vectors of different lengths");
  }
  Accumulator acc;
  for (size_t i = 0; i < a.size(); ++i) acc.AddProduct(a[i], b[i]);
  return acc;
}

int32_t QuantizeBias(double value, int acc_exponent, bool* saturated) {
  if (std::isnan(value)) throw std::invalid_argument("bias quantization: NaN");
  if (saturated != nullptr) *saturated = false;
  // nearbyint uses the default round-to-nearest-even mode; the scaling by 2^-e is exact.
  const double scaled = std::nearbyint(std::ldexp(value, -acc_exponent));
  constexpr double kMax = std::numeric_limits<int32_t>::max();
  constexpr double kMin = std::numeric_limits<int32_t>::min();
  if (scaled > kMax || scaled < kMin) {
    if (saturated != nullptr) *saturated = true;
    return scaled > 0 ? std::numeric_limits<int32_t>::max() : std::numeric_limits<int32_t>::min();
  }
  return static_cast<int32_t>(scaled);
}

}  // namespace edgebert::af8
