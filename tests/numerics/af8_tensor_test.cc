#include "numerics/af8_tensor.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <stdexcept>
#include <vector>

#include "numerics/af8.h"

namespace edgebert::af8 {
namespace {

TEST(Af8Tensor, BiasPutsTheLargestMagnitudeInTheTopBinade) {
  struct Case {
    std::vector<float> values;
    int bias;
  };
  const Case cases[] = {
      {{0.5f, -1.0f, 0.25f}, -7},  // max 1.0: top binade [1, 2)
      {{0.99f, 0.1f}, -8},         // max just under 1
      {{1.9375f}, -7},             // exactly the largest value of bias -7
      {{-3.0f, 2.0f}, -6},         // the largest magnitude may be negative
      {{0.0f, -0.0f}, 0},          // all zero: bias 0
      {{1e-20f}, kBiasMin},        // clamped below
      {{1e20f, 1.0f}, kBiasMax},   // clamped above
      {{std::numeric_limits<float>::infinity()}, kBiasMax},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(ChooseBias(c.values), c.bias) << "first value " << c.values[0];
    if (c.values[0] == 0.0f || std::isinf(c.values[0]) || c.bias == kBiasMin) continue;
    // The rule's promise: the largest magnitude lies in [2^(bias+7), 2^(bias+8)).
    float largest = 0;
    for (float v : c.values) largest = std::max(largest, std::fabs(v));
    if (c.bias == kBiasMax) continue;
    EXPECT_GE(largest, std::ldexp(1.0, c.bias + 7));
    EXPECT_LT(largest, std::ldexp(1.0, c.bias + 8));
  }
}

TEST(Af8Tensor, QuantizeReportsBiasCodesAndSaturations) {
  const std::vector<float> values = {1.0f, -0.5f, 0.0f, 1.99f, 0.004f};
  const QuantizedTensor q = Quantize(values);
  EXPECT_EQ(q.bias, -7);
  ASSERT_EQ(q.codes.size(), values.size());
  EXPECT_EQ(q.codes[0], Encode(1.0, -7));
  EXPECT_EQ(q.codes[2], kZeroCode);
  EXPECT_EQ(q.codes[3], kMaxPositiveCode) << "1.99 rounds to the largest value 1.9375";
  EXPECT_EQ(q.saturated, 1u) << "1.99 is past 1.96875, the rounding limit of max";
  const std::vector<float> back = Dequantize(q.codes, q.bias);
  EXPECT_EQ(back[0], 1.0f);
  EXPECT_EQ(back[1], -0.5f);
  EXPECT_EQ(back[3], 1.9375f);
}

TEST(Af8Tensor, NanIsRejectedWithItsIndex) {
  const std::vector<float> values = {1.0f, std::nanf(""), 2.0f};
  try {
    ChooseBias(values);
    FAIL() << "NaN accepted";
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find("element 1"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace edgebert::af8
