// The single rounding rule of AF8 (see af8.h), applied to an exact binary value.
// Encode(double) and the accumulator re-quantizer both end here, so the format has one
// definition; the RTL re-quantizer implements this function bit for bit.
//
// Inline and nearly branch-free: the golden model rounds every output of every command through
// it (some 10^7 per ALBERT-base sentence), and on real data the rounding decisions are as good
// as random, so a branch per decision costs a misprediction each.
#pragma once

#include <bit>
#include <cstdint>

#include "numerics/af8.h"

namespace edgebert::af8 {

// The code a value beyond the largest magnitude takes (+-max), noting it in *saturated.
inline uint8_t Saturate(bool negative, bool* saturated) {
  if (saturated != nullptr) *saturated = true;
  return negative ? kMaxNegativeCode : kMaxPositiveCode;
}

// Rounds (-1)^negative * magnitude * 2^exp2 to the nearest AF8 code of `bias`.
// `saturated` (optional) is set when rounding to nearest would exceed the largest magnitude,
// i.e. |value| >= 31.5 * 2^(bias+3), and the result was clamped to +-max.
inline uint8_t RoundToCode(bool negative, uint64_t magnitude, int exp2, int bias, bool* saturated) {
  if (saturated != nullptr) *saturated = false;
  if (magnitude == 0) return kZeroCode;
  const int p = static_cast<int>(std::bit_width(magnitude)) - 1;  // leading one at bit p
  // r = magnitude * 2^d counts units of 2^(bias-4); floor(log2 r) = p + d.
  const int top = p + exp2 - bias + kMantissaBits;
  if (top > kMaxExponent + kMantissaBits) return Saturate(negative, saturated);
  if (top < kMantissaBits - 1) return kZeroCode;  // r < 8: nearer to zero than to 17
  if (top == kMantissaBits - 1) {
    // r in [8, 16): the smallest magnitude 17 when above the midpoint 8.5, i.e. when magnitude
    // exceeds 17/16 * 2^p; zero otherwise (the tie included).
    const uint64_t rest = magnitude - (uint64_t{1} << p);
    const bool above =
        p >= kMantissaBits ? rest > (uint64_t{1} << (p - kMantissaBits)) : (rest << 4) > (1u << p);
    return above ? MakeCode(negative, 0, 1) : kZeroCode;
  }
  // The significand's 5 bits are bits p..p-4 of the magnitude, rounded to nearest, ties to even.
  const int shift = p - kMantissaBits;
  const int right = shift > 0 ? shift : 0;
  uint64_t significand = (magnitude >> right) << (right - shift);
  const uint64_t rest = magnitude & ((uint64_t{1} << right) - 1);
  const uint64_t half = (uint64_t{1} << right) >> 1;
  significand +=
      static_cast<uint64_t>((rest > half) | ((rest == half) & (right > 0) & (significand & 1)));
  // Rounding up from 31 carries into the next binade: 32 becomes 16, one exponent up.
  const auto carry = static_cast<int>(significand >> (kMantissaBits + 1));
  significand >>= carry;
  const int exponent = top - kMantissaBits + carry;
  if (exponent > kMaxExponent) return Saturate(negative, saturated);
  // 16u is the zero code's slot; every value that rounds there is nearest to 17u.
  significand += static_cast<uint64_t>((exponent == 0) & (significand == kHiddenOne));
  return MakeCode(negative, exponent, static_cast<int>(significand) - kHiddenOne);
}

}  // namespace edgebert::af8
