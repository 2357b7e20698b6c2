// The AF8 arithmetic primitives of the PU (rtl/numerics/) against the numerics library.
#include <gtest/gtest.h>

#include <cstdint>
#include <random>

#include "Vaf8_mul.h"
#include "Vaf8_requant.h"
#include "numerics/af8.h"
#include "numerics/af8_mac.h"

namespace edgebert {
namespace {

constexpr int kProductBits = 25;
constexpr uint64_t kAccMask = (uint64_t{1} << af8::kAccumulatorBits) - 1;

int64_t SignExtend(uint64_t raw, int bits) {
  const uint64_t sign = uint64_t{1} << (bits - 1);
  return static_cast<int64_t>((raw ^ sign) - sign);
}

TEST(Af8MulRtl, AllCodePairsMatchGolden) {
  Vaf8_mul rtl;
  for (int a = 0; a < 256; ++a) {
    for (int b = 0; b < 256; ++b) {
      rtl.a_i = static_cast<uint8_t>(a);
      rtl.b_i = static_cast<uint8_t>(b);
      rtl.eval();
      const int64_t got = SignExtend(rtl.product_o, kProductBits);
      const int32_t want = af8::Product(static_cast<uint8_t>(a), static_cast<uint8_t>(b));
      ASSERT_EQ(got, want) << "op af8_mul, a=0x" << std::hex << a << " b=0x" << b;
    }
  }
}

class RequantRtl : public ::testing::Test {
 protected:
  // Compares one input; returns false (and records a failure naming it) on a mismatch.
  bool Check(int64_t acc, int acc_exponent, int out_bias) {
    rtl_.en_i = 1;
    rtl_.acc_i = static_cast<uint64_t>(acc) & kAccMask;
    rtl_.acc_exp_i = static_cast<uint8_t>(acc_exponent);
    rtl_.out_bias_i = static_cast<uint8_t>(out_bias & 0x3F);
    rtl_.eval();
    bool saturated = false;
    const uint8_t want = af8::Requantize(acc, acc_exponent, out_bias, &saturated);
    const bool same = rtl_.code_o == want && (rtl_.saturated_o != 0) == saturated;
    EXPECT_TRUE(same) << "op af8_requant, acc=" << acc << " acc_exp=" << acc_exponent
                      << " out_bias=" << out_bias << ": rtl code 0x" << std::hex << int{rtl_.code_o}
                      << " sat " << int{rtl_.saturated_o} << ", golden 0x" << int{want} << " sat "
                      << saturated;
    return same;
  }

  Vaf8_requant rtl_;
};

// Product exponents bA + bB - 8 span [-72, 54] for biases in [-32, 31].
constexpr int kMinAccExponent = 2 * af8::kBiasMin - 8;
constexpr int kMaxAccExponent = 2 * af8::kBiasMax - 8;

TEST_F(RequantRtl, EdgeValuesAtEveryExponentAndBias) {
  const int64_t kEdges[] = {0,
                            1,
                            -1,
                            2,
                            3,
                            15,
                            16,
                            17,
                            31,
                            32,
                            33,
                            47,
                            48,
                            49,
                            -17,
                            -33,
                            -48,
                            af8::kAccumulatorMax,
                            -af8::kAccumulatorMax,
                            -af8::kAccumulatorMax - 1,
                            (int64_t{1} << 38),
                            (int64_t{1} << 38) + 1};
  for (int acc_exp = kMinAccExponent; acc_exp <= kMaxAccExponent; ++acc_exp) {
    for (int bias = af8::kBiasMin; bias <= af8::kBiasMax; ++bias) {
      for (const int64_t acc : kEdges) {
        if (!Check(acc, acc_exp, bias)) return;
      }
    }
  }
}

TEST_F(RequantRtl, RandomAccumulatorsOfEveryWidth) {
  std::mt19937_64 rng(17);
  for (int acc_exp = kMinAccExponent; acc_exp <= kMaxAccExponent; ++acc_exp) {
    for (int bias = af8::kBiasMin; bias <= af8::kBiasMax; ++bias) {
      for (int i = 0; i < 40; ++i) {
        const int width = 1 + static_cast<int>(rng() % (af8::kAccumulatorBits - 1));
        auto acc = static_cast<int64_t>(rng() >> (64 - width));
        if (rng() & 1) acc = -acc;
        if (!Check(acc, acc_exp, bias)) return;
      }
    }
  }
}

// Every tie pattern: significand bits, then exactly half, just above and just below half.
TEST_F(RequantRtl, RoundingTiesAtEveryShift) {
  for (int shift = 1; shift < 30; ++shift) {
    for (int64_t sig = 16; sig < 32; ++sig) {
      const int64_t half = int64_t{1} << (shift - 1);
      for (const int64_t rest : {half - 1, half, half + 1}) {
        const int64_t acc = (sig << shift) + rest;
        for (int bias = -12; bias <= 12; ++bias) {
          if (!Check(acc, -shift, bias) || !Check(-acc, -shift, bias)) return;
        }
      }
    }
  }
}

// Operand isolation: disabled, the unit outputs the zero code and no saturation whatever its
// inputs; enabled again, it rounds as before.
TEST_F(RequantRtl, DisabledOutputsZeroAndEnabledRoundsAgain) {
  const int64_t kSaturating = int64_t{1} << 38;
  rtl_.en_i = 0;
  rtl_.acc_i = static_cast<uint64_t>(kSaturating) & kAccMask;
  rtl_.acc_exp_i = 0;
  rtl_.out_bias_i = 0;
  rtl_.eval();
  EXPECT_EQ(rtl_.code_o, 0x00);
  EXPECT_EQ(rtl_.saturated_o, 0);
  EXPECT_TRUE(Check(kSaturating, 0, 0));
  EXPECT_TRUE(Check(-kSaturating, 0, 0));
  EXPECT_TRUE(Check(300, -3, 2));
}

}  // namespace
}  // namespace edgebert
