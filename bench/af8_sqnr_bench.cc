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
#include "numerics/af8_tensor.h"

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

}  // namespace

int main() {
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
