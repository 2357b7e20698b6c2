// AdaptivFloat 8-bit (AF8): the one number format of the EdgeBERT accelerator.
//
// Code layout: s eee mmmm (bit 7 sign, bits 6:4 exponent e, bits 3:0 mantissa m).
// Every tensor carries an integer exponent bias b in [kBiasMin, kBiasMax].
//   value(code, b) = (-1)^s * (16 + m) * 2^(e + b - 4)      for (e, m) != (0, 0)
//   value(code, b) = 0                                       for codes 0x00 and 0x80
// AdaptivFloat gives up the smallest magnitude of each sign to encode zero, so the smallest
// nonzero magnitude is 17 * 2^(b-4) and the largest 31 * 2^(b+3). There are no NaN/Inf codes.
// Rounding is to the nearest member of that value set, ties to the even code (even mantissa),
// which also decides the two special regions:
//   - above the largest magnitude: saturate to +-max with the input's sign;
//   - below the smallest: |x| < 8.5 * 2^(b-4) gives zero, above it gives +-min, the tie gives zero.
// See docs/numerics.md for the full contract and measured errors.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>

namespace edgebert::af8 {

inline constexpr int kExponentBits = 3;
inline constexpr int kMantissaBits = 4;
inline constexpr int kMaxExponent = (1 << kExponentBits) - 1;  // e in [0, 7]
inline constexpr int kHiddenOne = 1 << kMantissaBits;          // significand = 16 + m
inline constexpr int kMinSignificand = kHiddenOne + 1;         // (e, m) = (0, 0) is zero
inline constexpr int kMaxSignificand = 2 * kHiddenOne - 1;     // 31
// The bias is a 6-bit two's-complement field in command descriptors (yaml/regmap.yaml).
inline constexpr int kBiasMin = -32;
inline constexpr int kBiasMax = 31;

inline constexpr uint8_t kZeroCode = 0x00;
inline constexpr uint8_t kNegativeZeroCode = 0x80;  // decodes to 0; never produced
inline constexpr uint8_t kMaxPositiveCode = 0x7F;
inline constexpr uint8_t kMaxNegativeCode = 0xFF;
inline constexpr uint8_t kSignBit = 0x80;

constexpr bool IsZero(uint8_t code) { return (code & 0x7F) == 0; }
constexpr bool IsNegative(uint8_t code) { return (code & kSignBit) != 0 && !IsZero(code); }
constexpr int ExponentField(uint8_t code) { return (code >> kMantissaBits) & kMaxExponent; }
constexpr int MantissaField(uint8_t code) { return code & (kHiddenOne - 1); }
// 16..31 for nonzero codes, 0 for zero codes.
constexpr int Significand(uint8_t code) {
  return IsZero(code) ? 0 : kHiddenOne + MantissaField(code);
}
// 0x80 is folded into 0x00 so that equal values have equal codes.
constexpr uint8_t Canonical(uint8_t code) { return IsZero(code) ? kZeroCode : code; }
constexpr uint8_t Negate(uint8_t code) {
  return IsZero(code) ? kZeroCode : static_cast<uint8_t>(code ^ kSignBit);
}
constexpr uint8_t MakeCode(bool negative, int exponent, int mantissa) {
  return static_cast<uint8_t>((negative ? kSignBit : 0) | (exponent << kMantissaBits) | mantissa);
}

// The code as a signed integer in units of 2^(bias-4): +-(16+m) << e, |value| <= 3968. Every code
// of one tensor shares the unit, so row operations work on these integers.
constexpr int32_t IntegerValue(uint8_t code) {
  if (IsZero(code)) return 0;
  const int32_t magnitude = Significand(code) << ExponentField(code);
  return IsNegative(code) ? -magnitude : magnitude;
}
inline constexpr int kIntegerUnitShift = kMantissaBits;  // unit = 2^(bias - 4)
// IntegerValue of every code, for loops over whole rows (a load instead of a decode).
inline constexpr std::array<int16_t, 256> kIntegerValues = [] {
  std::array<int16_t, 256> table{};
  for (int code = 0; code < 256; ++code) {
    table[static_cast<size_t>(code)] =
        static_cast<int16_t>(IntegerValue(static_cast<uint8_t>(code)));
  }
  return table;
}();

// Throws std::out_of_range naming the bias when it is outside [kBiasMin, kBiasMax].
[[noreturn]] void ThrowBiasOutOfRange(int bias);
inline void CheckBias(int bias) {
  if (bias < kBiasMin || bias > kBiasMax) ThrowBiasOutOfRange(bias);
}

// Exact: every AF8 value is a double.
double Decode(uint8_t code, int bias);
double MaxMagnitude(int bias);
double MinMagnitude(int bias);

// Rounds x to the nearest AF8 value of the given bias as documented above. +-Inf saturate.
// Throws std::invalid_argument for NaN. `saturated` (optional) is set when x was clamped.
uint8_t Encode(double x, int bias, bool* saturated = nullptr);

}  // namespace edgebert::af8
