#include "demo_matmul.h"

#include <chrono>
#include <cmath>
#include <cstdio>
#include <random>
#include <vector>

#include "numerics/af8.h"
#include "numerics/af8_mac.h"
#include "numerics/af8_tensor.h"

namespace edgebert::app {
namespace {

std::vector<float> Gaussian(std::mt19937& rng, size_t count, float sigma) {
  std::normal_distribution<float> d(0.0f, sigma);
  std::vector<float> out(count);
  for (auto& v : out) v = d(rng);
  return out;
}

}  // namespace

int RunDemoMatmul(const DemoMatmulOptions& o) {
  const auto m = static_cast<size_t>(o.tokens);
  const auto k = static_cast<size_t>(o.in_features);
  const auto n = static_cast<size_t>(o.out_features);
  std::mt19937 rng(o.seed);
  const auto x = Gaussian(rng, m * k, 1.0f);   // LayerNorm output: unit scale
  const auto w = Gaussian(rng, n * k, 0.02f);  // BERT-style initialisation
  const auto bias = Gaussian(rng, n, 0.02f);

  const auto start = std::chrono::steady_clock::now();
  const auto qx = af8::Quantize(x);
  const auto qw = af8::Quantize(w);
  const int acc_exponent = af8::ProductExponent(qx.bias, qw.bias);
  std::vector<int32_t> qbias(n);
  for (size_t j = 0; j < n; ++j) qbias[j] = af8::QuantizeBias(bias[j], acc_exponent);

  // Float64 reference on the unquantized operands; its largest output sets the output bias.
  std::vector<float> reference(m * n);
  for (size_t i = 0; i < m; ++i) {
    for (size_t j = 0; j < n; ++j) {
      double sum = bias[j];
      for (size_t t = 0; t < k; ++t) sum += double{x[i * k + t]} * w[j * k + t];
      reference[i * n + j] = static_cast<float>(sum);
    }
  }
  const int out_bias = af8::ChooseBias(reference);

  std::vector<uint8_t> out(m * n);
  size_t saturations = 0;
  for (size_t i = 0; i < m; ++i) {
    for (size_t j = 0; j < n; ++j) {
      af8::Accumulator acc;
      for (size_t t = 0; t < k; ++t) acc.AddProduct(qx.codes[i * k + t], qw.codes[j * k + t]);
      acc.Add(qbias[j]);
      bool saturated = false;
      out[i * n + j] = af8::Requantize(acc.value(), acc_exponent, out_bias, &saturated);
      if (saturated || acc.saturated()) ++saturations;
    }
  }
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();

  double signal = 0, noise = 0;
  for (size_t i = 0; i < m * n; ++i) {
    const double error = af8::Decode(out[i], out_bias) - reference[i];
    signal += double{reference[i]} * reference[i];
    noise += error * error;
  }
  std::printf("edgebert run: AF8 linear layer Y[%zux%zu] = X[%zux%zu] * W[%zux%zu]^T + b\n", m, n,
              m, k, n, k);
  std::printf("  exponent biases: X %d, W %d, Y %d (accumulator LSB 2^%d, %d-bit, exact)\n",
              qx.bias, qw.bias, out_bias, acc_exponent, af8::kAccumulatorBits);
  std::printf("  %zu MACs in %.3f s on the golden numerics; %zu saturated outputs\n", m * n * k,
              seconds, saturations);
  std::printf("  output SQNR vs float64: %.2f dB\n", 10 * std::log10(signal / noise));
  std::printf("  next: the PU/GB RTL, driver and firmware run ALBERT end to end (issues 3-6)\n");
  return 0;
}

}  // namespace edgebert::app
