#include "numerics/af8.h"

#include <cmath>
#include <stdexcept>
#include <string>

#include "numerics/af8_round.h"

namespace edgebert::af8 {
void ThrowBiasOutOfRange(int bias) {
  throw std::out_of_range("AF8 exponent bias " + std::to_string(bias) + " outside [" +
                          std::to_string(kBiasMin) + ", " + std::to_string(kBiasMax) + "]");
}

double Decode(uint8_t code, int bias) {
  if (IsZero(code)) return 0.0;
  const double magnitude =
      std::ldexp(Significand(code), ExponentField(code) + bias - kMantissaBits);
  return IsNegative(code) ? -magnitude : magnitude;
}

double MaxMagnitude(int bias) { return Decode(kMaxPositiveCode, bias); }
double MinMagnitude(int bias) { return Decode(MakeCode(false, 0, 1), bias); }

uint8_t Encode(double x, int bias, bool* saturated) {
  CheckBias(bias);
  if (std::isnan(x)) throw std::invalid_argument("AF8 encode: NaN has no AF8 code");
  const bool negative = std::signbit(x);
  if (std::isinf(x)) return Saturate(negative, saturated);
  if (saturated != nullptr) *saturated = false;
  if (x == 0.0) return kZeroCode;
  // |x| = f * 2^k with f in [0.5, 1): f * 2^53 is an exact integer.
  int k = 0;
  const double f = std::frexp(std::fabs(x), &k);
  const auto magnitude = static_cast<uint64_t>(std::ldexp(f, 53));
  return RoundToCode(negative, magnitude, k - 53, bias, saturated);
}

}  // namespace edgebert::af8
