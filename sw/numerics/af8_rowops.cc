#include "numerics/af8_rowops.h"

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <stdexcept>
#include <string>

#include "numerics/af8.h"
#include "numerics/af8_mac.h"
#include "numerics/af8_round.h"
#include "numerics/fixed_log_exp.h"

namespace edgebert::af8 {
namespace {

uint8_t Round(int64_t value, int exp2, int bias, bool* saturated) {
  const bool negative = value < 0;
  const uint64_t magnitude =
      negative ? ~static_cast<uint64_t>(value) + 1 : static_cast<uint64_t>(value);
  return RoundToCode(negative, magnitude, exp2, bias, saturated);
}

void CheckAlignment(int exp_a, int exp_b, const char* what) {
  if (std::abs(exp_a - exp_b) > kMaxAlignment) {
    throw std::invalid_argument(std::string(what) + ": exponent biases " + std::to_string(exp_a) +
                                " and " + std::to_string(exp_b) + " differ by more than " +
                                std::to_string(kMaxAlignment));
  }
}

// ADD's exact sum of two codes at the scale of the lower bias `low`.
int64_t AlignedSum(uint8_t a, int exp_a, uint8_t b, int exp_b, int low) {
  return (int64_t{kIntegerValues[a]} << (exp_a - low)) +
         (int64_t{kIntegerValues[b]} << (exp_b - low));
}

// The exponent steps shared by softmax and entropy: t_i = (x_i - max) * log2(e) in Q16 log2
// units, and log2(sum 2^t_i) in Q16.
struct LogSumExp {
  std::vector<int64_t> t;
  int64_t log2_sum = 0;  // log2(sum_i 2^(t_i / 2^16)), Q16, >= 0
};

LogSumExp ComputeLogSumExp(std::span<const uint8_t> x, int exp_in) {
  LogSumExp r;
  int32_t largest = INT32_MIN;
  for (const uint8_t code : x) largest = std::max(largest, IntegerValue(code));
  const int shift = exp_in - kIntegerUnitShift;  // the integers' unit is 2^shift
  uint64_t sum = 0;
  for (const uint8_t code : x) {
    const int64_t scaled = int64_t{IntegerValue(code) - largest} * fixed::kLog2eQ16;  // <= 0
    const int64_t t = shift >= 0 ? scaled * (int64_t{1} << shift) : scaled >> -shift;
    r.t.push_back(t);
    sum += fixed::Exp2Q16(t);
  }
  r.log2_sum = fixed::Log2Q16(sum) - (int64_t{16} << 16);  // sum is Q16 and >= 2^16
  return r;
}

}  // namespace

uint8_t Add(uint8_t a, int exp_a, uint8_t b, int exp_b, int exp_out, bool* saturated) {
  CheckAlignment(exp_a, exp_b, "ADD");
  const int low = std::min(exp_a, exp_b);
  return Round(AlignedSum(a, exp_a, b, exp_b, low), low - kIntegerUnitShift, exp_out, saturated);
}

std::vector<uint8_t> AddRow(std::span<const uint8_t> a, int exp_a, std::span<const uint8_t> b,
                            int exp_b, int exp_out, size_t* saturations) {
  if (a.size() != b.size()) throw std::invalid_argument("ADD: rows of different lengths");
  CheckAlignment(exp_a, exp_b, "ADD");
  const int low = std::min(exp_a, exp_b);
  std::vector<int64_t> sums(a.size());
  for (size_t i = 0; i < a.size(); ++i) sums[i] = AlignedSum(a[i], exp_a, b[i], exp_b, low);
  std::vector<uint8_t> out(a.size());
  const size_t saturated = RequantizeBatch(sums, low - kIntegerUnitShift, exp_out, out);
  if (saturations != nullptr) *saturations += saturated;
  return out;
}

uint8_t Add3(uint8_t a, int exp_a, uint8_t b, int exp_b, uint8_t c, int exp_c, int exp_out,
             bool* saturated) {
  const int low = std::min({exp_a, exp_b, exp_c});
  const int high = std::max({exp_a, exp_b, exp_c});
  CheckAlignment(low, high, "three-term add");
  // |IntegerValue| < 2^12, shifted by <= 24: each term < 2^36, the sum < 2^38.
  const int64_t sum = (int64_t{IntegerValue(a)} << (exp_a - low)) +
                      (int64_t{IntegerValue(b)} << (exp_b - low)) +
                      (int64_t{IntegerValue(c)} << (exp_c - low));
  return Round(sum, low - kIntegerUnitShift, exp_out, saturated);
}

std::vector<uint8_t> LayerNormRow(std::span<const uint8_t> x, int exp_in,
                                  std::span<const uint8_t> gamma, int exp_gamma,
                                  std::span<const uint8_t> beta, int exp_beta, int exp_out,
                                  size_t* saturations) {
  if (gamma.size() != x.size() || beta.size() != x.size() || x.empty()) {
    throw std::invalid_argument("LayerNorm: x, gamma and beta must have one equal, nonzero length");
  }
  CheckAlignment(exp_gamma, exp_beta, "LayerNorm gamma/beta");
  const auto cols = static_cast<int64_t>(x.size());
  int64_t s1 = 0, s2 = 0;
  for (const uint8_t code : x) {
    const int64_t v = kIntegerValues[code];
    s1 += v;
    s2 += v * v;
  }
  // cols^2 * var in units^2, plus cols^2 * eps = cols^2 * 2^(-40 - 2(exp_in - 4)).
  int64_t d = cols * s2 - s1 * s1;
  const int eps_shift = kLayerNormEpsilonLog2 - 2 * (exp_in - kIntegerUnitShift);
  if (eps_shift >= 0) {
    d += (cols * cols) << eps_shift;
  } else if (eps_shift > -63) {
    d += (cols * cols) >> -eps_shift;
  }

  // R ~ 2^(31+k) / sqrt(d): d normalized by an even shift to 31 or 32 bits, then isqrt(2^62 / d_m).
  int64_t r = 0;
  int k = 0;
  if (d > 0) {
    const int length = static_cast<int>(std::bit_width(static_cast<uint64_t>(d)));
    k = (length - 31) >> 1;  // floor
    const uint64_t d_m =
        k >= 0 ? static_cast<uint64_t>(d) >> (2 * k) : static_cast<uint64_t>(d) << (-2 * k);
    const uint64_t q = (uint64_t{1} << 62) / d_m;
    uint64_t root = static_cast<uint64_t>(std::sqrt(static_cast<double>(q)));
    while (root * root > q) --root;  // exact integer square root
    while ((root + 1) * (root + 1) <= q) ++root;
    r = static_cast<int64_t>(root);
  }
  const int e1 = exp_gamma - kIntegerUnitShift - 16;  // exponent of y * gamma
  const int e2 = exp_beta - kIntegerUnitShift;
  const int low = std::min(e1, e2);
  std::vector<int64_t> sums(x.size());
  for (size_t i = 0; i < x.size(); ++i) {
    // y_i * 2^16 = (cols * x_i - s1) * R / 2^(15 + k), floored; 0 for a constant row.
    const int64_t y = ((cols * kIntegerValues[x[i]] - s1) * r) >> (15 + k);
    sums[i] = ((y * kIntegerValues[gamma[i]]) << (e1 - low)) +
              (int64_t{kIntegerValues[beta[i]]} << (e2 - low));
  }
  std::vector<uint8_t> out(x.size());
  const size_t saturated = RequantizeBatch(sums, low, exp_out, out);
  if (saturations != nullptr) *saturations += saturated;
  return out;
}

std::vector<uint8_t> SoftmaxRow(std::span<const uint8_t> x, size_t keys, int exp_in,
                                std::span<const uint8_t> span, int exp_out, size_t* saturations) {
  if (!span.empty() && span.size() != x.size()) {
    throw std::invalid_argument("softmax: span mask length differs from the row");
  }
  if (keys > x.size() || (keys == 0 && !x.empty())) {
    throw std::invalid_argument("softmax: " + std::to_string(keys) + " keys in a row of " +
                                std::to_string(x.size()) + " (1..row length)");
  }
  std::vector<uint8_t> out(x.size(), kZeroCode);
  if (x.empty()) return out;
  if (!span.empty() && std::all_of(span.begin(), span.end(), [](uint8_t m) { return m == 0; })) {
    return out;  // a skipped head
  }
  // Padded keys (keys..size-1) take no part: max and sum over the first `keys`; their outputs
  // stay zero.
  const LogSumExp lse = ComputeLogSumExp(x.first(keys), exp_in);
  for (size_t i = 0; i < keys; ++i) {
    const int64_t p = fixed::Exp2Q16(lse.t[i] - lse.log2_sum);  // Q16 probability
    bool saturated = false;
    out[i] = span.empty() ? Round(p, -16, exp_out, &saturated)
                          : Round(p * span[i], -16 - 7, exp_out, &saturated);
    if (saturated && saturations != nullptr) ++*saturations;
  }
  return out;
}

uint32_t EntropyThresholdQ24(double nats) {
  constexpr double kOne = 1 << 24;
  if (!(nats >= 0) || !(std::round(nats * kOne) <= 4294967295.0)) {
    char value[32];
    std::snprintf(value, sizeof value, "%.12g", nats);
    throw std::invalid_argument(std::string("entropy threshold ") + value +
                                " nats is outside [0, 256): the register holds unsigned Q8.24");
  }
  return static_cast<uint32_t>(std::llround(nats * kOne));
}

uint32_t EntropyQ24(std::span<const uint8_t> logits, int exp_in) {
  if (logits.empty()) throw std::invalid_argument("entropy of no logits");
  const LogSumExp lse = ComputeLogSumExp(logits, exp_in);
  uint64_t bits_q32 = 0;  // sum p_k * (log2 Z - t_k): Q16 * Q16
  for (const int64_t t : lse.t) {
    const uint64_t p = fixed::Exp2Q16(t - lse.log2_sum);
    if (p != 0) bits_q32 += p * static_cast<uint64_t>(lse.log2_sum - t);
  }
  const uint64_t nats_q24 = (bits_q32 >> 8) * static_cast<uint64_t>(fixed::kLn2Q16) >> 16;
  return static_cast<uint32_t>(std::min<uint64_t>(nats_q24, UINT32_MAX));
}

}  // namespace edgebert::af8
