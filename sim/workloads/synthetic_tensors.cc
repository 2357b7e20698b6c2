#include "workloads/synthetic_tensors.h"

#include <algorithm>
#include <cmath>

#include "numerics/af8.h"

namespace edgebert::sim {

std::vector<float> PrunedGaussian(std::mt19937& rng, size_t count, float sigma, double sparsity) {
  std::normal_distribution<float> d(0.0f, sigma);
  std::vector<float> values(count);
  for (auto& v : values) v = d(rng);
  if (sparsity <= 0 || count == 0) return values;
  std::vector<float> magnitudes(count);
  std::transform(values.begin(), values.end(), magnitudes.begin(),
                 [](float v) { return std::fabs(v); });
  const auto cut = std::min(count - 1, static_cast<size_t>(sparsity * static_cast<double>(count)));
  std::nth_element(magnitudes.begin(), magnitudes.begin() + static_cast<std::ptrdiff_t>(cut),
                   magnitudes.end());
  const float threshold = magnitudes[cut];
  for (auto& v : values) v = std::fabs(v) < threshold ? 0.0f : v;
  return values;
}

int DotProductOutputBias(int exp_a, int exp_b, uint32_t k) {
  // A value spread over a bias's range has sigma about 2^(bias+7) / 3.
  const double sigma = std::ldexp(1.0, exp_a + 7) / 3 * std::ldexp(1.0, exp_b + 7) / 3 *
                       std::sqrt(static_cast<double>(k)) / 2;
  int e = 0;
  std::frexp(4 * sigma, &e);
  return std::clamp(e - 1 - af8::kMaxExponent, af8::kBiasMin, af8::kBiasMax);
}

}  // namespace edgebert::sim
