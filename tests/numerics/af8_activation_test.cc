#include "numerics/af8_activation.h"

#include <gtest/gtest.h>

#include <cmath>
#include <stdexcept>

#include "numerics/af8.h"

namespace edgebert::af8 {
namespace {

TEST(Af8Activation, ReferencesMatchKnownValues) {
  EXPECT_EQ(ActivationReference(Activation::kGelu, 0.0), 0.0);
  EXPECT_NEAR(ActivationReference(Activation::kGelu, 1.0), 0.841192, 1e-6);  // gelu_new(1)
  EXPECT_NEAR(ActivationReference(Activation::kGelu, -3.0), -0.003637, 1e-6);
  EXPECT_NEAR(ActivationReference(Activation::kTanh, 0.5), std::tanh(0.5), 1e-15);
  EXPECT_EQ(ActivationReference(Activation::kNone, -2.5), -2.5);
}

TEST(Af8Activation, TableEntriesAreTheRoundedFunctionOfEachCode) {
  for (const auto activation : {Activation::kGelu, Activation::kTanh}) {
    for (const auto& [in_bias, out_bias] :
         {std::pair{-4, -4}, std::pair{-5, -7}, std::pair{0, -3}}) {
      const ActivationTable table = MakeActivationTable(activation, in_bias, out_bias);
      for (int code = 0; code < 256; ++code) {
        const double x = Decode(static_cast<uint8_t>(code), in_bias);
        const double y = Decode(table[static_cast<size_t>(code)], out_bias);
        const double exact = ActivationReference(activation, x);
        // Within half a step of the output format, or clamped at its largest magnitude.
        const double step =
            std::ldexp(1.0, ExponentField(table[static_cast<size_t>(code)]) + out_bias - 4);
        if (std::fabs(exact) <= MaxMagnitude(out_bias)) {
          EXPECT_LE(std::fabs(y - exact), std::max(step / 2, MinMagnitude(out_bias)))
              << "code " << code << " x " << x;
        } else {
          EXPECT_EQ(std::fabs(y), MaxMagnitude(out_bias));
        }
      }
    }
  }
}

TEST(Af8Activation, TanhIsOddAndGeluIsMonotonicForPositiveInputs) {
  const ActivationTable tanh_table = MakeActivationTable(Activation::kTanh, -5, -7);
  const ActivationTable gelu_table = MakeActivationTable(Activation::kGelu, -4, -4);
  for (int code = 0; code < 128; ++code) {
    const auto negative = static_cast<size_t>(code | 0x80);
    EXPECT_EQ(tanh_table[negative], Negate(tanh_table[static_cast<size_t>(code)])) << code;
    if (code > 0) {
      EXPECT_GE(Decode(gelu_table[static_cast<size_t>(code)], -4),
                Decode(gelu_table[static_cast<size_t>(code - 1)], -4));
    }
  }
  EXPECT_EQ(gelu_table[0], kZeroCode);
  EXPECT_EQ(gelu_table[0x80], kZeroCode);
}

TEST(Af8Activation, BadRequestsAreRejected) {
  EXPECT_THROW(MakeActivationTable(Activation::kNone, 0, 0), std::invalid_argument);
  EXPECT_THROW(MakeActivationTable(Activation::kGelu, 40, 0), std::out_of_range);
}

}  // namespace
}  // namespace edgebert::af8
