#include "numerics/af8_rowops.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <random>
#include <stdexcept>
#include <string>
#include <vector>

#include "numerics/af8.h"
#include "numerics/fixed_log_exp.h"

namespace edgebert::af8 {
namespace {

std::vector<uint8_t> RandomCodes(std::mt19937& rng, size_t count) {
  std::vector<uint8_t> codes(count);
  for (auto& c : codes) c = static_cast<uint8_t>(rng());
  return codes;
}

std::vector<double> Decoded(const std::vector<uint8_t>& codes, int bias) {
  std::vector<double> out;
  for (const uint8_t c : codes) out.push_back(Decode(c, bias));
  return out;
}

TEST(FixedLogExp, Exp2AndLog2AreAccurate) {
  double worst_exp = 0;
  for (int64_t t = -(20 << 16); t <= 0; t += 37) {
    const double want = std::exp2(static_cast<double>(t) / 65536) * 65536;
    worst_exp = std::max(worst_exp, std::fabs(fixed::Exp2Q16(t) - want));
  }
  EXPECT_LT(worst_exp, 2.5) << "Q16 units";
  EXPECT_EQ(fixed::Exp2Q16(0), 65536u);
  EXPECT_EQ(fixed::Exp2Q16(-(32 << 16)), 0u);
  EXPECT_THROW(fixed::Exp2Q16(1), std::invalid_argument);
  double worst_log = 0;
  for (uint64_t z = 1; z < (uint64_t{1} << 40); z = z * 3 + 1) {
    worst_log = std::max(worst_log, std::fabs(static_cast<double>(fixed::Log2Q16(z)) / 65536 -
                                              std::log2(static_cast<double>(z))));
  }
  EXPECT_LT(worst_log, 2.0 / 65536);
  EXPECT_EQ(fixed::Log2Q16(1), 0);
  EXPECT_EQ(fixed::Log2Q16(1024), 10 << 16);
  EXPECT_THROW(fixed::Log2Q16(0), std::invalid_argument);
}

TEST(RowOps, AddIsTheRoundedExactSum) {
  std::mt19937 rng(1);
  for (int trial = 0; trial < 200000; ++trial) {
    const int ea = static_cast<int>(rng() % 40) - 20;
    const int eb = std::clamp(ea + static_cast<int>(rng() % 49) - 24, kBiasMin, kBiasMax);
    const int eo = static_cast<int>(rng() % 40) - 20;
    const auto a = static_cast<uint8_t>(rng()), b = static_cast<uint8_t>(rng());
    bool saturated = false, want_saturated = false;
    const uint8_t got = Add(a, ea, b, eb, eo, &saturated);
    // Both values have few bits and close exponents: their double sum is exact.
    const uint8_t want = Encode(Decode(a, ea) + Decode(b, eb), eo, &want_saturated);
    ASSERT_EQ(got, want) << int{a} << "@" << ea << " + " << int{b} << "@" << eb << " -> " << eo;
    ASSERT_EQ(saturated, want_saturated);
  }
  EXPECT_THROW(Add(1, -20, 1, 5, 0), std::invalid_argument);
}

// The row form (re-quantized a batch at a time) is Add element by element, saturations too.
TEST(RowOps, AddRowIsAddOnEveryElement) {
  std::mt19937 rng(2);
  for (int trial = 0; trial < 400; ++trial) {
    const int ea = static_cast<int>(rng() % 40) - 20;
    const int eb = std::clamp(ea + static_cast<int>(rng() % 49) - 24, kBiasMin, kBiasMax);
    const int eo = static_cast<int>(rng() % 40) - 20;
    const size_t length = 1 + rng() % 300;
    std::vector<uint8_t> a(length), b(length);
    for (size_t i = 0; i < length; ++i) {
      a[i] = static_cast<uint8_t>(rng());
      b[i] = static_cast<uint8_t>(rng());
    }
    size_t saturations = 5, want_saturations = 5;  // both add to what is there
    const std::vector<uint8_t> got = AddRow(a, ea, b, eb, eo, &saturations);
    ASSERT_EQ(got.size(), length);
    for (size_t i = 0; i < length; ++i) {
      bool saturated = false;
      ASSERT_EQ(got[i], Add(a[i], ea, b[i], eb, eo, &saturated)) << "element " << i;
      want_saturations += saturated ? 1 : 0;
    }
    ASSERT_EQ(saturations, want_saturations);
  }
  const std::vector<uint8_t> row(4, 0x11);
  EXPECT_THROW(AddRow(row, -20, row, 5, 0), std::invalid_argument);
  EXPECT_THROW(AddRow(row, 0, std::span(row).first(3), 0, 0), std::invalid_argument);
}

TEST(RowOps, Add3IsTheRoundedExactSumOfThree) {
  std::mt19937 rng(11);
  for (int trial = 0; trial < 200000; ++trial) {
    // Three biases at most kMaxAlignment apart (the gap at its limit in every 16th trial).
    const int low = static_cast<int>(rng() % 40) - 32;
    const int gap = trial % 16 == 0 ? kMaxAlignment : static_cast<int>(rng() % (kMaxAlignment + 1));
    int exps[3] = {low, std::min(low + gap, kBiasMax), 0};
    exps[2] = exps[0] + static_cast<int>(rng() % static_cast<uint32_t>(exps[1] - exps[0] + 1));
    std::shuffle(std::begin(exps), std::end(exps), rng);
    const int eo = static_cast<int>(rng() % 50) - 30;
    uint8_t codes[3];
    for (auto& code : codes)
      code = static_cast<uint8_t>(rng() % 5 == 0 ? 0x80 * (rng() % 2) : rng());
    bool saturated = false, want_saturated = false;
    const uint8_t got =
        Add3(codes[0], exps[0], codes[1], exps[1], codes[2], exps[2], eo, &saturated);
    // Every term is a 5-bit mantissa at most 24 + 7 binades above the smallest unit: the double
    // sum (< 2^38 units) is exact, so Encode rounds the exact value once.
    const double exact =
        Decode(codes[0], exps[0]) + Decode(codes[1], exps[1]) + Decode(codes[2], exps[2]);
    const uint8_t want = Encode(exact, eo, &want_saturated);
    ASSERT_EQ(got, want) << int{codes[0]} << "@" << exps[0] << " + " << int{codes[1]} << "@"
                         << exps[1] << " + " << int{codes[2]} << "@" << exps[2] << " -> " << eo;
    ASSERT_EQ(saturated, want_saturated);
    // With a zero third term it is Add.
    ASSERT_EQ(Add3(codes[0], exps[0], codes[1], exps[1], kZeroCode, exps[2], eo),
              Add(codes[0], exps[0], codes[1], exps[1], eo));
  }
  // The largest sum: three maxima at one bias, and with a 24-binade gap.
  EXPECT_EQ(Add3(0x7F, 0, 0x7F, 0, 0x7F, 0, 2), Encode(3 * 31.0 * 8, 2));
  EXPECT_EQ(Add3(0xFF, 24, 0x11, 0, 0x7F, 24, 24), Encode(Decode(0x11, 0), 24));
  // Any pair more than kMaxAlignment apart is rejected, whichever operand holds the extremes.
  EXPECT_THROW(Add3(1, -20, 1, 5, 1, 0, 0), std::invalid_argument);
  EXPECT_THROW(Add3(1, 0, 1, -5, 1, 20, 0), std::invalid_argument);
  EXPECT_THROW(Add3(0, 31, 0, 6, 0, 7, 0), std::invalid_argument);
  EXPECT_NO_THROW(Add3(1, 31, 1, 7, 1, 20, 0));
}

double LayerNormReference(const std::vector<double>& x, size_t i, double gamma, double beta) {
  const double mean = std::accumulate(x.begin(), x.end(), 0.0) / static_cast<double>(x.size());
  double var = 0;
  for (const double v : x) var += (v - mean) * (v - mean);
  var /= static_cast<double>(x.size());
  return (x[i] - mean) / std::sqrt(var + 1e-12) * gamma + beta;
}

TEST(RowOps, LayerNormIsWithinOneStepOfFloat64) {
  std::mt19937 rng(2);
  for (const size_t cols : {16u, 128u, 768u, 4096u}) {
    for (const int exp_in : {-8, -3, 2}) {
      const auto x = RandomCodes(rng, cols);
      const auto gamma = RandomCodes(rng, cols);
      const auto beta = RandomCodes(rng, cols);
      const int eg = -7, eb = -9, eo = -3;
      const auto out = LayerNormRow(x, exp_in, gamma, eg, beta, eb, eo);
      const auto xd = Decoded(x, exp_in);
      for (size_t i = 0; i < cols; ++i) {
        const double want = LayerNormReference(xd, i, Decode(gamma[i], eg), Decode(beta[i], eb));
        const double got = Decode(out[i], eo);
        const double clamped = std::clamp(want, -MaxMagnitude(eo), MaxMagnitude(eo));
        // One AF8 step at the value (or the smallest step near zero), plus a hair for R.
        const double step = std::max(std::fabs(clamped) / 16, MinMagnitude(eo));
        ASSERT_LE(std::fabs(got - clamped), step * 0.51 + 1e-3 * std::fabs(clamped))
            << "cols " << cols << " exp_in " << exp_in << " i " << i;
      }
    }
  }
}

TEST(RowOps, LayerNormOfAConstantRowIsBeta) {
  for (const uint8_t value : {uint8_t{0x00}, uint8_t{0x35}, uint8_t{0xFF}}) {
    const std::vector<uint8_t> x(64, value), gamma(64, 0x70);
    std::vector<uint8_t> beta(64);
    for (size_t i = 0; i < beta.size(); ++i) beta[i] = static_cast<uint8_t>(i * 3);
    const auto out = LayerNormRow(x, -4, gamma, -7, beta, -6, -6);
    for (size_t i = 0; i < out.size(); ++i) EXPECT_EQ(out[i], Canonical(beta[i])) << i;
  }
  // At the smallest input scale epsilon dominates: tiny deviations normalize to almost zero.
  std::vector<uint8_t> x(64, 0x01), gamma(64, 0x70), beta(64, 0x00);
  x[0] = 0x02;
  const auto out = LayerNormRow(x, kBiasMin, gamma, -7, beta, -7, -7);
  EXPECT_EQ(out[0], kZeroCode);
  EXPECT_THROW(LayerNormRow(x, 0, gamma, -30, beta, 0, 0), std::invalid_argument);
}

TEST(RowOps, SoftmaxMatchesFloat64AndHonoursSpans) {
  std::mt19937 rng(3);
  for (const size_t cols : {16u, 128u, 512u}) {
    for (const int exp_in : {-9, -6, -3, 0}) {
      const auto x = RandomCodes(rng, cols);
      std::vector<uint8_t> span(cols);
      for (size_t i = 0; i < cols; ++i) span[i] = i < cols / 3 ? 128 : (i < cols / 2 ? 64 : 0);
      const int eo = -7;
      const auto plain = SoftmaxRow(x, cols, exp_in, {}, eo);
      const auto masked = SoftmaxRow(x, cols, exp_in, span, eo);
      const auto xd = Decoded(x, exp_in);
      const double m = *std::max_element(xd.begin(), xd.end());
      double z = 0;
      for (const double v : xd) z += std::exp(v - m);
      for (size_t i = 0; i < cols; ++i) {
        const double p = std::exp(xd[i] - m) / z;
        const double tolerance = std::max(p / 16 * 0.51 + 2e-4 * p, MinMagnitude(eo));
        ASSERT_LE(std::fabs(Decode(plain[i], eo) - p), tolerance)
            << cols << " " << exp_in << " " << i;
        const double pm = p * span[i] / 128;
        ASSERT_LE(std::fabs(Decode(masked[i], eo) - pm),
                  std::max(pm / 16 * 0.51 + 2e-4 * pm, MinMagnitude(eo)));
        if (span[i] == 0) {
          ASSERT_EQ(masked[i], kZeroCode);
        }
      }
    }
  }
  const std::vector<uint8_t> row(64, 0x42), zero_span(64, 0);
  const auto skipped = SoftmaxRow(row, row.size(), 0, zero_span, -7);
  EXPECT_TRUE(std::all_of(skipped.begin(), skipped.end(), [](uint8_t c) { return c == 0; }));
  // All-equal rows give 1/T each.
  const auto equal = SoftmaxRow(row, row.size(), 0, {}, -7);
  for (const uint8_t c : equal) EXPECT_NEAR(Decode(c, -7), 1.0 / 64, 1.0 / 64 / 32);
  // Very large spreads: the maximum takes (nearly) everything.
  std::vector<uint8_t> spread(16, 0xFF);
  spread[5] = 0x7F;
  const auto peaked = SoftmaxRow(spread, spread.size(), 5, {}, -7);
  EXPECT_EQ(peaked[5], Encode(1.0, -7));
  EXPECT_EQ(peaked[0], kZeroCode);
}

// KEYS: only the first `keys` elements take part. Their outputs must equal the softmax of the
// row cut to those elements (which never sees the padding) and the float64 softmax over them;
// the padded outputs are zero. The padding is made larger than every key (+max), so a max or a
// sum that included it would change every key's output: checked against the full-row result.
TEST(RowOps, SoftmaxKeysExcludePaddedColumns) {
  std::mt19937 rng(5);
  for (const size_t cols : {16u, 128u, 512u}) {
    for (const size_t keys : {size_t{1}, size_t{5}, cols / 2 + 3, cols - 1, cols}) {
      for (const int exp_in : {-6, -3}) {
        for (const bool random_padding : {false, true}) {
          std::vector<uint8_t> x = RandomCodes(rng, cols);
          for (size_t i = 0; i < keys; ++i) {
            if (x[i] == kMaxPositiveCode) x[i] = 0x3F;
          }
          for (size_t i = keys; i < cols && !random_padding; ++i) x[i] = kMaxPositiveCode;
          std::vector<uint8_t> span(cols);
          for (uint8_t& b : span) b = static_cast<uint8_t>(rng() % 3 == 0 ? 0 : rng());
          span[0] = kSpanOne;  // never all zero
          const std::vector<uint8_t> prefix(x.begin(), x.begin() + static_cast<ptrdiff_t>(keys));
          const std::vector<uint8_t> prefix_span(span.begin(),
                                                 span.begin() + static_cast<ptrdiff_t>(keys));
          const int eo = -7;
          for (const bool with_span : {false, true}) {
            SCOPED_TRACE(::testing::Message()
                         << "cols " << cols << " keys " << keys << " exp_in " << exp_in
                         << " random padding " << random_padding << " span " << with_span);
            const std::span<const uint8_t> s =
                with_span ? std::span<const uint8_t>(span) : std::span<const uint8_t>{};
            const std::span<const uint8_t> ps =
                with_span ? std::span<const uint8_t>(prefix_span) : std::span<const uint8_t>{};
            size_t saturations = 0, want_saturations = 0;
            const auto got = SoftmaxRow(x, keys, exp_in, s, eo, &saturations);
            const auto want = SoftmaxRow(prefix, keys, exp_in, ps, eo, &want_saturations);
            ASSERT_EQ(got.size(), cols);
            for (size_t i = 0; i < keys; ++i) ASSERT_EQ(got[i], want[i]) << i;
            for (size_t i = keys; i < cols; ++i) ASSERT_EQ(got[i], kZeroCode) << i;
            EXPECT_EQ(saturations, want_saturations);
            // Independent of the integer algorithm: float64 softmax over the keys alone.
            const auto xd = Decoded(prefix, exp_in);
            const double m = *std::max_element(xd.begin(), xd.end());
            double z = 0;
            for (const double v : xd) z += std::exp(v - m);
            for (size_t i = 0; i < keys; ++i) {
              const double p =
                  std::exp(xd[i] - m) / z * (with_span ? span[i] / double{kSpanOne} : 1.0);
              ASSERT_LE(std::fabs(Decode(got[i], eo) - p),
                        std::max(p / 16 * 0.51 + 2e-4 * p, MinMagnitude(eo)))
                  << i;
            }
            if (keys < cols && !random_padding && !with_span) {
              // +max padding dominates a full-row softmax: the keys' outputs there differ.
              const auto full = SoftmaxRow(x, cols, exp_in, s, eo);
              EXPECT_FALSE(std::equal(want.begin(), want.end(), full.begin()));
            }
          }
        }
      }
    }
  }
  // A span that is zero over the keys but not over the padding: the passes run, all zero.
  std::vector<uint8_t> row(32, 0x42), span(32, 0);
  span[20] = kSpanOne;
  const auto zeros = SoftmaxRow(row, 10, 0, span, -7);
  EXPECT_TRUE(std::all_of(zeros.begin(), zeros.end(), [](uint8_t c) { return c == kZeroCode; }));
  // keys outside 1..size.
  EXPECT_THROW(SoftmaxRow(row, 33, 0, {}, -7), std::invalid_argument);
  EXPECT_THROW(SoftmaxRow(row, 0, 0, {}, -7), std::invalid_argument);
  EXPECT_TRUE(SoftmaxRow(std::vector<uint8_t>{}, 0, 0, {}, -7).empty());
}

TEST(RowOps, EntropyMatchesFloat64) {
  std::mt19937 rng(4);
  double worst = 0;
  for (int trial = 0; trial < 20000; ++trial) {
    const size_t labels = 2 + rng() % 3;
    const int exp_in = static_cast<int>(rng() % 12) - 9;
    const auto logits = RandomCodes(rng, labels);
    const auto xd = Decoded(logits, exp_in);
    const double m = *std::max_element(xd.begin(), xd.end());
    double z = 0, weighted = 0;
    for (const double v : xd) {
      z += std::exp(v - m);
      weighted += (v - m) * std::exp(v - m);
    }
    const double want = std::log(z) - weighted / z;
    const double got = EntropyQ24(logits, exp_in) / 16777216.0;
    worst = std::max(worst, std::fabs(got - want));
  }
  EXPECT_LT(worst, 1e-3) << "nats";
  // Equal logits: ln(labels). One dominant logit: 0.
  EXPECT_NEAR(EntropyQ24(std::vector<uint8_t>(2, 0x30), -4) / 16777216.0, std::log(2.0), 1e-4);
  EXPECT_NEAR(EntropyQ24(std::vector<uint8_t>(3, 0x00), -4) / 16777216.0, std::log(3.0), 1e-4);
  EXPECT_EQ(EntropyQ24(std::vector<uint8_t>{0x7F, 0xFF}, 10), 0u);
}

// The one conversion of an early-exit threshold: exact where Q8.24 is, rounded to nearest, and
// nothing outside [0, 256) (a double -> uint32 cast once turned -1 into 255 and 300 into 44).
TEST(RowOps, EntropyThresholdIsQ824WithinItsRange) {
  EXPECT_EQ(EntropyThresholdQ24(0), 0u);
  EXPECT_EQ(EntropyThresholdQ24(1.5), 3u << 23);
  EXPECT_EQ(EntropyThresholdQ24(0x1p-25), 1u) << "half a step rounds away from zero";
  EXPECT_EQ(EntropyThresholdQ24(0x3p-25), 2u) << "1.5 steps round to 2";
  EXPECT_EQ(EntropyThresholdQ24(4294967295.0 / 16777216.0), 0xFFFFFFFFu) << "the largest";
  constexpr double kInf = std::numeric_limits<double>::infinity();
  for (const double bad : {-1e-9, -1.0, 256.0, 300.0, 1e30, std::nan(""), kInf, -kInf}) {
    try {
      EntropyThresholdQ24(bad);
      ADD_FAILURE() << bad << " was taken";
    } catch (const std::invalid_argument& e) {
      EXPECT_NE(std::string(e.what()).find("outside [0, 256)"), std::string::npos) << e.what();
    }
  }
}

}  // namespace
}  // namespace edgebert::af8
