// Quantization SQNR of AF8 (per-tensor exponent bias) against symmetric per-tensor INT8 on
// weight-like tensors. Prints a Markdown table; nothing is asserted (see docs/numerics.md).
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <functional>
#include <random>
#include <string>
#include <vector>

#include "numerics/af8.h"
#include "numerics/af8_activation.h"
#include "numerics/af8_rowops.h"
#include "numerics/af8_tensor.h"
#include "numerics/fixed_log_exp.h"

namespace {

using Tensor = std::vector<float>;

double Sqnr(const Tensor& x, const Tensor& q) {
  double signal = 0, noise = 0;
  for (size_t i = 0; i < x.size(); ++i) {
    signal += double{x[i]} * x[i];
    noise += (double{x[i]} - q[i]) * (double{x[i]} - q[i]);
  }
  return 10 * std::log10(signal / noise);
}

Tensor Af8RoundTrip(const Tensor& x) {
  const auto q = edgebert::af8::Quantize(x);
  return edgebert::af8::Dequantize(q.codes, q.bias);
}

Tensor Int8RoundTrip(const Tensor& x) {
  float largest = 0;
  for (const float v : x) largest = std::max(largest, std::fabs(v));
  const double scale = largest / 127.0;
  Tensor out;
  out.reserve(x.size());
  for (const float v : x) {
    const double level = std::clamp(std::nearbyint(v / scale), -127.0, 127.0);
    out.push_back(static_cast<float>(level * scale));
  }
  return out;
}

struct Distribution {
  std::string name;
  std::function<Tensor(std::mt19937&)> make;
};

constexpr size_t kElements = 768 * 768;  // one ALBERT-base attention projection

// Relative rounding error of Encode over log-uniform values inside [min, max] of one bias.
void PrintEncodeError() {
  constexpr int kBias = 0;
  constexpr int kSamples = 1000000;
  std::mt19937_64 rng(3);
  std::uniform_real_distribution<double> log2_value(std::log2(edgebert::af8::MinMagnitude(kBias)),
                                                    std::log2(edgebert::af8::MaxMagnitude(kBias)));
  double worst = 0, sum = 0, sum_squares = 0;
  for (int i = 0; i < kSamples; ++i) {
    const double x = std::exp2(log2_value(rng));
    const double error =
        std::fabs(edgebert::af8::Decode(edgebert::af8::Encode(x, kBias), kBias) - x) / x;
    worst = std::max(worst, error);
    sum += error;
    sum_squares += error * error;
  }
  std::printf(
      "AF8 encode relative error, %d log-uniform values in [min, max]: max %.4f%%, "
      "mean %.4f%%, rms %.4f%%\n\n",
      kSamples, 100 * worst, 100 * sum / kSamples, 100 * std::sqrt(sum_squares / kSamples));
}

// Error of the activation tables against float64 f(x) on unquantized inputs (both roundings
// counted), relative to the largest |f| over the input range.
void PrintActivationError() {
  namespace af8 = edgebert::af8;
  struct Case {
    const char* name;
    af8::Activation activation;
    int in_bias, out_bias;
  };
  const Case cases[] = {{"GELU", af8::Activation::kGelu, -4, -4},
                        {"tanh", af8::Activation::kTanh, -5, -7}};
  std::printf("| activation table | max error | rms error |\n| --- | ---: | ---: |\n");
  std::mt19937_64 rng(5);
  for (const Case& c : cases) {
    const auto table = af8::MakeActivationTable(c.activation, c.in_bias, c.out_bias);
    const double range = af8::MaxMagnitude(c.in_bias);
    std::uniform_real_distribution<double> u(-range, range);
    double largest = 0, worst = 0, sum_squares = 0;
    constexpr int kSamples = 1000000;
    for (int i = 0; i < kSamples; ++i) {
      const double x = u(rng);
      const double want = af8::ActivationReference(c.activation, x);
      const double got = af8::Decode(table[af8::Encode(x, c.in_bias)], c.out_bias);
      largest = std::max(largest, std::fabs(want));
      worst = std::max(worst, std::fabs(got - want));
      sum_squares += (got - want) * (got - want);
    }
    std::printf("| %s, abs(x) <= %g (bias %d), output bias %d | %.3f%% | %.3f%% |\n", c.name, range,
                c.in_bias, c.out_bias, 100 * worst / largest,
                100 * std::sqrt(sum_squares / kSamples) / largest);
  }
  std::printf("(errors relative to the largest |f(x)| over the input range)\n\n");
}

// Errors of the GB row operations against float64 on the same (quantized) inputs, so only the
// integer algorithm and the output rounding are measured. LayerNorm and softmax errors are in
// output steps (ULPs of the result's binade); entropy in nats.
void PrintRowOpErrors() {
  namespace af8 = edgebert::af8;
  namespace fixed = edgebert::fixed;
  std::mt19937 rng(17);
  auto random_codes = [&](size_t count) {
    std::vector<uint8_t> codes(count);
    for (auto& c : codes) c = static_cast<uint8_t>(rng());
    return codes;
  };
  // The error of a result in units of its AF8 step (half a step = exact rounding).
  auto steps = [](double got, double want, int bias) {
    const double clamped = std::clamp(want, -af8::MaxMagnitude(bias), af8::MaxMagnitude(bias));
    const double step = std::max(std::ldexp(std::fabs(clamped), -4), af8::MinMagnitude(bias));
    return std::fabs(got - clamped) / step;
  };
  double ln_worst = 0, ln_sum = 0;
  size_t ln_count = 0;
  for (int row = 0; row < 200; ++row) {
    const size_t cols = 768;
    const auto x = random_codes(cols), gamma = random_codes(cols), beta = random_codes(cols);
    const auto out = af8::LayerNormRow(x, -3, gamma, -7, beta, -9, -3);
    double mean = 0, var = 0;
    for (const uint8_t c : x) mean += af8::Decode(c, -3);
    mean /= cols;
    for (const uint8_t c : x) var += (af8::Decode(c, -3) - mean) * (af8::Decode(c, -3) - mean);
    var /= cols;
    for (size_t i = 0; i < cols; ++i) {
      const double want =
          (af8::Decode(x[i], -3) - mean) / std::sqrt(var + 1e-12) * af8::Decode(gamma[i], -7) +
          af8::Decode(beta[i], -9);
      const double e = steps(af8::Decode(out[i], -3), want, -3);
      ln_worst = std::max(ln_worst, e);
      ln_sum += e;
      ++ln_count;
    }
  }
  double sm_worst = 0, sm_sum = 0;
  size_t sm_count = 0;
  for (int row = 0; row < 400; ++row) {
    const auto x = random_codes(128);
    const auto out = af8::SoftmaxRow(x, x.size(), -6, {}, -7);
    double m = -1e300, z = 0;
    for (const uint8_t c : x) m = std::max(m, af8::Decode(c, -6));
    for (const uint8_t c : x) z += std::exp(af8::Decode(c, -6) - m);
    for (size_t i = 0; i < x.size(); ++i) {
      const double e = steps(af8::Decode(out[i], -7), std::exp(af8::Decode(x[i], -6) - m) / z, -7);
      sm_worst = std::max(sm_worst, e);
      sm_sum += e;
      ++sm_count;
    }
  }
  double h_worst = 0, h_sum = 0;
  constexpr int kEntropyRows = 100000;
  for (int row = 0; row < kEntropyRows; ++row) {
    const auto logits = random_codes(2 + rng() % 2);
    double m = -1e300, z = 0, weighted = 0;
    for (const uint8_t c : logits) m = std::max(m, af8::Decode(c, -4));
    for (const uint8_t c : logits) {
      const double d = af8::Decode(c, -4) - m;
      z += std::exp(d);
      weighted += d * std::exp(d);
    }
    const double e =
        std::fabs(af8::EntropyQ24(logits, -4) / 16777216.0 - (std::log(z) - weighted / z));
    h_worst = std::max(h_worst, e);
    h_sum += e;
  }
  double exp_worst = 0;
  for (int64_t t = -(16 << 16); t <= 0; t += 7) {
    exp_worst = std::max(exp_worst, std::fabs(fixed::Exp2Q16(t) / 65536.0 -
                                              std::exp2(static_cast<double>(t) / 65536)));
  }
  double log_worst = 0;
  for (uint64_t z = 1; z < (uint64_t{1} << 40); z = z * 5 / 3 + 1) {
    log_worst = std::max(log_worst, std::fabs(static_cast<double>(fixed::Log2Q16(z)) / 65536 -
                                              std::log2(static_cast<double>(z))));
  }
  std::printf("| row operation | max error | mean error |\n| --- | ---: | ---: |\n");
  std::printf("| LayerNorm, 200 rows of 768, in/out bias -3 | %.3f steps | %.3f steps |\n",
              ln_worst, ln_sum / static_cast<double>(ln_count));
  std::printf("| softmax, 400 rows of 128, in bias -6, out bias -7 | %.3f steps | %.3f steps |\n",
              sm_worst, sm_sum / static_cast<double>(sm_count));
  std::printf("| entropy, %d rows of 2-3 logits, bias -4 | %.2e nats | %.2e nats |\n", kEntropyRows,
              h_worst, h_sum / kEntropyRows);
  std::printf("| Exp2Q16 on [-16, 0] | %.2e | |\n| Log2Q16 on [1, 2^40) | %.2e | |\n", exp_worst,
              log_worst);
  std::printf("(a step is the AF8 spacing at the float64 result; 0.5 is perfect rounding)\n\n");
}

}  // namespace

int main() {
  PrintRowOpErrors();
  PrintEncodeError();
  PrintActivationError();
  const std::vector<Distribution> distributions = {
      {"Gaussian sigma 0.02 (BERT init)",
       [](std::mt19937& rng) {
         std::normal_distribution<float> d(0.0f, 0.02f);
         Tensor t(kElements);
         for (auto& v : t) v = d(rng);
         return t;
       }},
      {"Laplacian b 0.02",
       [](std::mt19937& rng) {
         std::exponential_distribution<float> d(50.0f);
         Tensor t(kElements);
         for (auto& v : t) v = (rng() & 1 ? 1.0f : -1.0f) * d(rng);
         return t;
       }},
      {"Gaussian + 0.1% outliers x20",
       [](std::mt19937& rng) {
         std::normal_distribution<float> d(0.0f, 0.02f);
         Tensor t(kElements);
         for (auto& v : t) v = d(rng);
         for (size_t i = 0; i < kElements / 1000; ++i) t[rng() % kElements] *= 20.0f;
         return t;
       }},
      {"Gaussian 50% magnitude-pruned",
       [](std::mt19937& rng) {
         std::normal_distribution<float> d(0.0f, 0.02f);
         Tensor t(kElements);
         for (auto& v : t) v = d(rng);
         Tensor sorted = t;
         for (auto& v : sorted) v = std::fabs(v);
         std::nth_element(sorted.begin(), sorted.begin() + kElements / 2, sorted.end());
         const float threshold = sorted[kElements / 2];
         for (auto& v : t) v = std::fabs(v) < threshold ? 0.0f : v;
         return t;
       }},
  };
  std::printf("AF8 (1-3-4, per-tensor bias) vs INT8 (symmetric per-tensor), %zu elements each\n\n",
              kElements);
  std::printf("| tensor | AF8 SQNR (dB) | INT8 SQNR (dB) | AF8 - INT8 (dB) |\n");
  std::printf("| --- | ---: | ---: | ---: |\n");
  std::mt19937 rng(42);
  for (const auto& d : distributions) {
    const Tensor x = d.make(rng);
    const double af8 = Sqnr(x, Af8RoundTrip(x));
    const double int8 = Sqnr(x, Int8RoundTrip(x));
    std::printf("| %s | %.2f | %.2f | %+.2f |\n", d.name.c_str(), af8, int8, af8 - int8);
  }
  return 0;
}
