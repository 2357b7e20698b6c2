#include "numerics/af8.h"

#include <bit>
#include <cmath>
#include <stdexcept>
#include <string>

#include "numerics/af8_round.h"

namespace edgebert::af8 {
namespace {

constexpr int kUnitShift = kMantissaBits;  // value unit of the lowest binade is 2^(bias-4)

uint8_t Saturate(bool negative, bool* saturated) {
  if (saturated != nullptr) *saturated = true;
  return negative ? kMaxNegativeCode : kMaxPositiveCode;
}

// True when magnitude (with its leading one at bit p) exceeds 17/16 * 2^p, i.e. when a value in
// [8u, 16u) lies above the midpoint 8.5u between zero and the smallest magnitude 17u.
bool AboveUnderflowMidpoint(uint64_t magnitude, int p) {
  const uint64_t rest = magnitude - (uint64_t{1} << p);
  if (p >= 4) return rest > (uint64_t{1} << (p - 4));
  return (rest << 4) > (uint64_t{1} << p);
}

}  // namespace

void CheckBias(int bias) {
  if (bias < kBiasMin || bias > kBiasMax) {
    throw std::out_of_range("AF8 exponent bias " + std::to_string(bias) + " outside [" +
                            std::to_string(kBiasMin) + ", " + std::to_string(kBiasMax) + "]");
  }
}

uint8_t RoundToCode(bool negative, uint64_t magnitude, int exp2, int bias, bool* saturated) {
  if (saturated != nullptr) *saturated = false;
  if (magnitude == 0) return kZeroCode;
  const int p = static_cast<int>(std::bit_width(magnitude)) - 1;
  // r = magnitude * 2^d counts units of 2^(bias-4); floor(log2 r) = p + d.
  const int d = exp2 - bias + kUnitShift;
  const int top = p + d;
  if (top > kMaxExponent + kMantissaBits) return Saturate(negative, saturated);
  if (top < kMantissaBits - 1) return kZeroCode;  // r < 8: nearer to zero than to 17
  if (top == kMantissaBits - 1) {                 // r in [8, 16): zero or the smallest magnitude
    return AboveUnderflowMidpoint(magnitude, p) ? MakeCode(negative, 0, 1) : kZeroCode;
  }
  int exponent = top - kMantissaBits;
  uint64_t significand;
  if (p <= kMantissaBits) {
    significand = magnitude << (kMantissaBits - p);
  } else {
    const int shift = p - kMantissaBits;
    significand = magnitude >> shift;
    const uint64_t rest = magnitude & ((uint64_t{1} << shift) - 1);
    const uint64_t half = uint64_t{1} << (shift - 1);
    if (rest > half || (rest == half && (significand & 1) != 0)) ++significand;
  }
  if (significand == 2 * kHiddenOne) {
    significand = kHiddenOne;
    ++exponent;
    if (exponent > kMaxExponent) return Saturate(negative, saturated);
  }
  // 16u is the zero code's slot; every value that rounds there is nearest to 17u.
  if (exponent == 0 && significand == kHiddenOne) significand = kMinSignificand;
  return MakeCode(negative, exponent, static_cast<int>(significand) - kHiddenOne);
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
