#include "numerics/af8_mac.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <random>
#include <span>
#include <vector>

#include "af8_oracle.h"
#include "numerics/af8.h"

namespace edgebert::af8 {
namespace {

// The exact rational value of a code, read from its bits: numerator * 2^exponent.
struct Rational {
  int64_t numerator;
  int exponent;
};
Rational ExactValue(int code, int bias) {
  const int e = (code >> 4) & 7;
  const int m = code & 15;
  if (e == 0 && m == 0) return {0, 0};
  const int64_t magnitude = 16 + m;
  return {(code & 0x80) != 0 ? -magnitude : magnitude, e + bias - 4};
}

TEST(Af8Mac, AllProductsAreExactForSeveralBiasPairs) {
  const std::pair<int, int> kBiasPairs[] = {
      {0, 0}, {-7, -7}, {-9, -3}, {kBiasMin, kBiasMax}, {12, -20}, {kBiasMax, kBiasMax}};
  for (const auto& [bias_a, bias_b] : kBiasPairs) {
    const int scale = ProductExponent(bias_a, bias_b);
    for (int a = 0; a < 256; ++a) {
      for (int b = 0; b < 256; ++b) {
        const Rational ra = ExactValue(a, bias_a);
        const Rational rb = ExactValue(b, bias_b);
        const int32_t p = Product(static_cast<uint8_t>(a), static_cast<uint8_t>(b));
        // P * 2^scale == ra * rb, compared as integers at the common exponent.
        const int64_t expect_numerator = ra.numerator * rb.numerator;
        if (expect_numerator == 0) {
          ASSERT_EQ(p, 0) << a << " * " << b;
          continue;
        }
        const int shift = ra.exponent + rb.exponent - scale;
        ASSERT_GE(shift, 0);
        ASSERT_EQ(int64_t{p}, expect_numerator << shift)
            << "codes " << a << " * " << b << " biases " << bias_a << "," << bias_b;
        ASSERT_LE(std::llabs(p), kMaxProductMagnitude);
        ASSERT_EQ(std::ldexp(p, scale), Decode(static_cast<uint8_t>(a), bias_a) *
                                            Decode(static_cast<uint8_t>(b), bias_b));
      }
    }
  }
}

TEST(Af8Mac, AccumulatorIsExactUpToTheLargestReduction) {
  Accumulator acc;
  for (int i = 0; i < kMaxExactReduction; ++i) acc.AddProduct(kMaxPositiveCode, kMaxPositiveCode);
  acc.Add(std::numeric_limits<int32_t>::max());
  EXPECT_FALSE(acc.saturated());
  EXPECT_EQ(acc.value(), int64_t{kMaxExactReduction} * kMaxProductMagnitude + INT32_MAX);

  Accumulator negative;
  for (int i = 0; i < kMaxExactReduction; ++i) negative.AddProduct(kMaxPositiveCode, 0xFF);
  negative.Add(std::numeric_limits<int32_t>::min());
  EXPECT_FALSE(negative.saturated());
  EXPECT_EQ(negative.value(), -int64_t{kMaxExactReduction} * kMaxProductMagnitude + INT32_MIN);
}

TEST(Af8Mac, AccumulatorSaturatesWithStickyFlagInsteadOfWrapping) {
  Accumulator acc;
  acc.Add(kAccumulatorMax - 5);
  acc.Add(10);
  EXPECT_TRUE(acc.saturated());
  EXPECT_EQ(acc.value(), kAccumulatorMax);
  acc.Add(-20);  // back in range: the flag stays set
  EXPECT_TRUE(acc.saturated());
  EXPECT_EQ(acc.value(), kAccumulatorMax - 20);

  Accumulator low;
  low.Add(-kAccumulatorMax);
  low.Add(-1);
  EXPECT_TRUE(low.saturated());
  EXPECT_EQ(low.value(), -kAccumulatorMax) << "negative overflow keeps its sign";
}

TEST(Af8Mac, DotMatchesDoubleReference) {
  std::mt19937 rng(7);
  for (int trial = 0; trial < 200; ++trial) {
    const size_t k = 1 + rng() % 4096;
    std::vector<uint8_t> a(k), b(k);
    double reference = 0;
    for (size_t i = 0; i < k; ++i) {
      a[i] = static_cast<uint8_t>(rng());
      b[i] = static_cast<uint8_t>(rng());
      reference += Decode(a[i], -7) * Decode(b[i], -5);  // exact: sums stay below 2^53
    }
    const Accumulator acc = Dot(a, b);
    EXPECT_FALSE(acc.saturated());
    EXPECT_EQ(std::ldexp(static_cast<double>(acc.value()), ProductExponent(-7, -5)), reference);
  }
  const std::vector<uint8_t> three(3), four(4);
  EXPECT_THROW(Dot(three, four), std::invalid_argument);
}

TEST(Af8Mac, CancellingSignsSumToZero) {
  std::vector<uint8_t> a, b;
  for (int code = 1; code < 128; ++code) {
    a.push_back(static_cast<uint8_t>(code));
    a.push_back(static_cast<uint8_t>(code | 0x80));
    b.push_back(0x55);
    b.push_back(0x55);
  }
  const Accumulator acc = Dot(a, b);
  EXPECT_EQ(acc.value(), 0);
  EXPECT_EQ(Requantize(acc.value(), 0, 0), kZeroCode);
}

TEST(Af8Mac, RequantizeMatchesTheOracleEverywhere) {
  std::mt19937_64 rng(11);
  for (int acc_exponent = -60; acc_exponent <= 30; acc_exponent += 3) {
    for (int out_bias = kBiasMin; out_bias <= kBiasMax; out_bias += 3) {
      for (int i = 0; i < 400; ++i) {
        // Magnitudes of every bit width up to the accumulator's.
        const int width = 1 + static_cast<int>(rng() % (kAccumulatorBits - 1));
        auto value = static_cast<int64_t>(rng() >> (64 - width));
        if (rng() & 1) value = -value;
        const double exact = std::ldexp(static_cast<double>(value), acc_exponent);
        const auto oracle = testing::OracleEncode(exact, out_bias);
        bool saturated = false;
        ASSERT_EQ(Requantize(value, acc_exponent, out_bias, &saturated), oracle.code)
            << value << " * 2^" << acc_exponent << " -> bias " << out_bias;
        ASSERT_EQ(saturated, oracle.saturated);
      }
    }
  }
}

TEST(Af8Mac, RequantizeSmallAccumulatorsExhaustively) {
  for (int out_bias : {-10, -8, -4, 0}) {
    for (int64_t value = -5000; value <= 5000; ++value) {
      const auto oracle =
          testing::OracleEncode(std::ldexp(static_cast<double>(value), -8), out_bias);
      ASSERT_EQ(Requantize(value, -8, out_bias), oracle.code) << value << " bias " << out_bias;
    }
  }
}

// RequantizeBatch (eight lanes at a time with AVX-512 where the CPU has it) against the scalar
// rule: every exponent pair, on values at each region's boundaries (powers of two, the [8, 16)
// edge, every rounding tie and its neighbours) and random values of every width, checked a batch
// of eight at a time so that each saturation count covers one vector step.
TEST(Af8Mac, RequantizeBatchIsRequantizeOnEveryRegionBoundary) {
  std::mt19937_64 rng(5);
  std::vector<int64_t> values;
  for (int p = 0; p < 63; ++p) {
    const int64_t leading = int64_t{1} << p;
    for (const int64_t v : {leading - 1, leading, leading + 1, 2 * leading - 1})
      values.push_back(v);
    if (p >= 4) {  // 17/16 * 2^p, the edge's midpoint, and its neighbours
      for (int64_t d = -1; d <= 1; ++d) values.push_back(leading + (leading >> 4) + d);
    }
    for (int s = 1; s <= p && s < 62; ++s) {  // a tie below bit s, with an odd and an even top
      const int64_t half = int64_t{1} << (s - 1);
      const auto base = static_cast<int64_t>(rng() >> (64 - p)) | leading;
      const int64_t truncated = base & ~((int64_t{1} << s) - 1);
      for (int64_t d = -1; d <= 1; ++d) values.push_back(truncated + half + d);
    }
    values.push_back(static_cast<int64_t>(rng() >> (63 - p)));
  }
  values.push_back(0);
  values.push_back(INT64_MAX);
  const size_t boundaries = values.size();
  for (size_t i = 0; i < boundaries; ++i) values.push_back(-values[i]);
  values.push_back(INT64_MIN);
  while (values.size() % 8 != 3) values.push_back(static_cast<int64_t>(rng()));  // a tail
  std::shuffle(values.begin(), values.end(), rng);

  std::vector<uint8_t> codes(values.size());
  for (int acc_exponent = -72; acc_exponent <= 54; acc_exponent += 7) {
    for (int out_bias = kBiasMin; out_bias <= kBiasMax; out_bias += 5) {
      for (size_t b = 0; b < values.size(); b += 8) {
        const size_t size = std::min<size_t>(8, values.size() - b);
        const std::span<const int64_t> batch(values.data() + b, size);
        size_t want_saturations = 0;
        const size_t saturations =
            RequantizeBatch(batch, acc_exponent, out_bias, std::span(codes.data() + b, size));
        for (size_t i = 0; i < size; ++i) {
          bool saturated = false;
          ASSERT_EQ(codes[b + i], Requantize(batch[i], acc_exponent, out_bias, &saturated))
              << batch[i] << " * 2^" << acc_exponent << " -> bias " << out_bias;
          want_saturations += saturated ? 1 : 0;
        }
        ASSERT_EQ(saturations, want_saturations)
            << "batch at " << b << ", 2^" << acc_exponent << " -> bias " << out_bias;
      }
    }
  }
  EXPECT_THROW(RequantizeBatch(values, 0, kBiasMax + 1, codes), std::out_of_range);
  EXPECT_THROW(RequantizeBatch(values, 0, 0, std::span(codes.data(), 3)), std::invalid_argument);
}

TEST(Af8Mac, BiasQuantizationRoundsHalfEvenAndSaturates) {
  bool saturated = false;
  EXPECT_EQ(QuantizeBias(1.0, -8), 256);
  EXPECT_EQ(QuantizeBias(2.5 / 256, -8), 2) << "tie to even";
  EXPECT_EQ(QuantizeBias(3.5 / 256, -8), 4) << "tie to even";
  EXPECT_EQ(QuantizeBias(-2.5 / 256, -8), -2);
  EXPECT_EQ(QuantizeBias(1e30, -8, &saturated), INT32_MAX);
  EXPECT_TRUE(saturated);
  EXPECT_EQ(QuantizeBias(-1e30, -8, &saturated), INT32_MIN);
  EXPECT_TRUE(saturated);
  EXPECT_THROW(QuantizeBias(std::nan(""), 0), std::invalid_argument);

  // A bias added to a dot product is exact at the accumulator scale.
  Accumulator acc;
  acc.AddProduct(Encode(1.5, -7), Encode(0.75, -7));  // 1.125
  acc.Add(QuantizeBias(-0.125, ProductExponent(-7, -7)));
  EXPECT_EQ(std::ldexp(static_cast<double>(acc.value()), ProductExponent(-7, -7)), 1.0);
  EXPECT_EQ(Requantize(acc.value(), ProductExponent(-7, -7), -7), Encode(1.0, -7));
}

}  // namespace
}  // namespace edgebert::af8
