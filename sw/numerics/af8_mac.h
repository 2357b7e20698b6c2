// AF8 multiply-accumulate arithmetic exactly as the PU performs it.
//
// A product of two AF8 codes is an exact integer P = +-sigA * sigB << (eA + eB) with
// |P| <= 961 << 14 < 2^24, worth P * 2^(biasA + biasB - 8) (ProductExponent). A dot product
// sums such integers in a kAccumulatorBits two's-complement accumulator. It is exact for every
// reduction of up to kMaxExactReduction products plus one int32 bias; past that it saturates
// to +-kAccumulatorMax and sets a sticky flag (EDGEBERT.md contract 1: nothing wraps).
#pragma once

#include <cstdint>
#include <span>

#include "numerics/af8.h"
#include "numerics/af8_round.h"

namespace edgebert::af8 {

inline constexpr int kAccumulatorBits = 40;
inline constexpr int64_t kAccumulatorMax = (int64_t{1} << (kAccumulatorBits - 1)) - 1;
inline constexpr int64_t kMaxProductMagnitude = int64_t{961} << 14;
// Largest power of two K with K * kMaxProductMagnitude + 2^31 <= kAccumulatorMax.
inline constexpr int kMaxExactReduction = 32768;
static_assert(kMaxExactReduction * kMaxProductMagnitude + (int64_t{1} << 31) <= kAccumulatorMax);

// The integer product of two codes (0 when either is zero).
int32_t Product(uint8_t a, uint8_t b);

// Binary exponent of one accumulator LSB for operands with biases bias_a and bias_b.
constexpr int ProductExponent(int bias_a, int bias_b) { return bias_a + bias_b - 2 * 4; }

class Accumulator {
 public:
  // Adds a term, saturating at +-kAccumulatorMax with a sticky flag.
  void Add(int64_t term);
  void AddProduct(uint8_t a, uint8_t b) { Add(Product(a, b)); }
  int64_t value() const { return value_; }
  bool saturated() const { return saturated_; }

 private:
  int64_t value_ = 0;
  bool saturated_ = false;
};

// Sum of a[i] * b[i]; the spans must have equal length (std::invalid_argument otherwise).
Accumulator Dot(std::span<const uint8_t> a, std::span<const uint8_t> b);

// A per-channel bias in accumulator units: round_half_even(value / 2^acc_exponent), clamped to
// int32 (then `saturated`, optional, is set). NaN throws std::invalid_argument.
int32_t QuantizeBias(double value, int acc_exponent, bool* saturated = nullptr);

// Re-quantizes value * 2^acc_exponent to an AF8 code of out_bias (the af8.h rounding rule).
// Inline: the golden model re-quantizes every MATMUL output through it.
inline uint8_t Requantize(int64_t value, int acc_exponent, int out_bias,
                          bool* saturated = nullptr) {
  CheckBias(out_bias);
  const bool negative = value < 0;
  // |INT64_MIN| does not fit int64; the unsigned negation is exact.
  const uint64_t magnitude =
      negative ? ~static_cast<uint64_t>(value) + 1 : static_cast<uint64_t>(value);
  return RoundToCode(negative, magnitude, acc_exponent, out_bias, saturated);
}

// codes[i] = Requantize(values[i], acc_exponent, out_bias) for every i (the spans must have
// equal length, std::invalid_argument otherwise); returns how many saturated. Eight at a time
// with AVX-512 where the CPU has it (af8_requantize_batch.cc): the golden model re-quantizes
// every MATMUL output, some 10^7 per ALBERT-base sentence.
size_t RequantizeBatch(std::span<const int64_t> values, int acc_exponent, int out_bias,
                       std::span<uint8_t> codes);

}  // namespace edgebert::af8
