#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <random>
#include <stdexcept>

#include "af8_oracle.h"
#include "numerics/af8.h"

namespace edgebert::af8 {
namespace {

using testing::AllMagnitudes;
using testing::OracleEncode;

constexpr int kSomeBiases[] = {kBiasMin, -20, -9, -7, -4, 0, 3, 17, kBiasMax};

TEST(Af8Format, FieldLayoutAndValueFormula) {
  EXPECT_EQ(Decode(0x00, 0), 0.0);
  EXPECT_EQ(Decode(0x80, 0), 0.0);
  EXPECT_EQ(Decode(0x01, 0), 17.0 / 16);    // e=0, m=1: smallest magnitude
  EXPECT_EQ(Decode(0x10, 0), 2.0);          // e=1, m=0
  EXPECT_EQ(Decode(0x7F, 0), 31.0 * 8);     // e=7, m=15: 31 * 2^(7-4)
  EXPECT_EQ(Decode(0xFF, -7), -31.0 / 16);  // max magnitude 1.9375 at bias -7
  EXPECT_EQ(Decode(0x70, -7), 1.0);         // 1.0 is the top binade's start
  EXPECT_EQ(MaxMagnitude(kBiasMax), std::ldexp(31, kBiasMax + 3));
  EXPECT_EQ(MinMagnitude(kBiasMin), std::ldexp(17, kBiasMin - 4));
}

TEST(Af8Format, RoundTripEveryCodeEveryBias) {
  for (int bias = kBiasMin; bias <= kBiasMax; ++bias) {
    for (int code = 0; code < 256; ++code) {
      const auto c = static_cast<uint8_t>(code);
      bool saturated = true;
      EXPECT_EQ(Encode(Decode(c, bias), bias, &saturated), Canonical(c))
          << "code 0x" << std::hex << code << std::dec << " bias " << bias;
      EXPECT_FALSE(saturated);
    }
  }
}

TEST(Af8Format, OnlyZeroCodesDecodeToZero) {
  for (int code = 0; code < 256; ++code) {
    const bool zero = Decode(static_cast<uint8_t>(code), 0) == 0.0;
    EXPECT_EQ(zero, code == 0x00 || code == 0x80) << code;
  }
}

// Every midpoint between neighbouring values (0 included), and its two neighbours in double.
TEST(Af8Format, RoundingAtEveryTieBothSigns) {
  for (const int bias : kSomeBiases) {
    const auto values = AllMagnitudes(bias);
    for (size_t i = 0; i + 1 < values.size(); ++i) {
      const double mid = (values[i].magnitude + values[i + 1].magnitude) / 2;
      const uint8_t even = (values[i].code & 1) == 0 ? values[i].code : values[i + 1].code;
      for (const double sign : {1.0, -1.0}) {
        const uint8_t expect_tie = sign < 0 ? Negate(even) : even;
        EXPECT_EQ(Encode(sign * mid, bias), expect_tie) << "tie " << sign * mid << " bias " << bias;
        const double below = std::nextafter(mid, 0.0);
        const double above = std::nextafter(mid, 1e300);
        const uint8_t lo = sign < 0 ? Negate(values[i].code) : values[i].code;
        const uint8_t hi = sign < 0 ? Negate(values[i + 1].code) : values[i + 1].code;
        EXPECT_EQ(Encode(sign * below, bias), lo) << sign * below << " bias " << bias;
        EXPECT_EQ(Encode(sign * above, bias), hi) << sign * above << " bias " << bias;
      }
    }
  }
}

TEST(Af8Format, UnderflowRoundsToNearestOfZeroAndMin) {
  for (const int bias : kSomeBiases) {
    const double unit = std::ldexp(1.0, bias - 4);
    const double min = 17 * unit;
    EXPECT_EQ(MinMagnitude(bias), min);
    for (const double sign : {1.0, -1.0}) {
      const uint8_t min_code = sign > 0 ? 0x01 : 0x81;
      EXPECT_EQ(Encode(sign * 8.5 * unit, bias), kZeroCode) << "tie goes to zero";
      EXPECT_EQ(Encode(sign * std::nextafter(8.5 * unit, 0.0), bias), kZeroCode);
      EXPECT_EQ(Encode(sign * std::nextafter(8.5 * unit, 1e300), bias), min_code);
      EXPECT_EQ(Encode(sign * 16 * unit, bias), min_code) << "the zero code's slot maps to min";
      EXPECT_EQ(Encode(sign * 16.5 * unit, bias), min_code);
      EXPECT_EQ(Encode(sign * 1e-300, bias), kZeroCode);
      EXPECT_EQ(Encode(sign * std::numeric_limits<double>::denorm_min(), bias), kZeroCode);
    }
  }
  EXPECT_EQ(Encode(-0.0, 0), kZeroCode) << "negative zero encodes to the canonical zero";
}

TEST(Af8Format, SaturationKeepsTheSign) {
  for (const int bias : kSomeBiases) {
    const double max = MaxMagnitude(bias);
    const double top_tie = std::ldexp(31.5, bias + 3);  // halfway from max to the next binade
    bool saturated = false;
    EXPECT_EQ(Encode(max, bias, &saturated), kMaxPositiveCode);
    EXPECT_FALSE(saturated);
    EXPECT_EQ(Encode(std::nextafter(top_tie, 0.0), bias, &saturated), kMaxPositiveCode);
    EXPECT_FALSE(saturated) << "within half a step of max is ordinary rounding";
    EXPECT_EQ(Encode(top_tie, bias, &saturated), kMaxPositiveCode);
    EXPECT_TRUE(saturated) << "the tie rounds to even, past max";
    EXPECT_EQ(Encode(-top_tie, bias, &saturated), kMaxNegativeCode);
    EXPECT_TRUE(saturated);
    EXPECT_EQ(Encode(-1e300, bias, &saturated), kMaxNegativeCode);
    EXPECT_TRUE(saturated);
    EXPECT_EQ(Encode(1e300, bias), kMaxPositiveCode);
    EXPECT_EQ(Encode(std::numeric_limits<double>::infinity(), bias), kMaxPositiveCode);
    EXPECT_EQ(Encode(-std::numeric_limits<double>::infinity(), bias), kMaxNegativeCode);
  }
}

TEST(Af8Format, RandomValuesMatchTheOracle) {
  std::mt19937_64 rng(2026);
  std::uniform_real_distribution<double> log_magnitude(-45.0, 40.0);
  for (const int bias : kSomeBiases) {
    for (int i = 0; i < 20000; ++i) {
      const double x = (rng() & 1 ? -1.0 : 1.0) * std::exp2(log_magnitude(rng));
      const auto oracle = OracleEncode(x, bias);
      bool saturated = false;
      ASSERT_EQ(Encode(x, bias, &saturated), oracle.code) << "x = " << x << " bias " << bias;
      ASSERT_EQ(saturated, oracle.saturated) << "x = " << x << " bias " << bias;
    }
  }
}

TEST(Af8Format, RejectsNanAndBadBias) {
  EXPECT_THROW(Encode(std::nan(""), 0), std::invalid_argument);
  EXPECT_THROW(Encode(1.0, kBiasMax + 1), std::out_of_range);
  EXPECT_THROW(Encode(1.0, kBiasMin - 1), std::out_of_range);
  try {
    CheckBias(40);
    FAIL() << "bias 40 accepted";
  } catch (const std::out_of_range& e) {
    EXPECT_NE(std::string(e.what()).find("40"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace edgebert::af8
