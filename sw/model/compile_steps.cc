#include "model/compile_steps.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace edgebert::model {
namespace {

float ThresholdOf(std::vector<float> magnitudes, double sparsity) {
  if (!(sparsity >= 0 && sparsity < 1)) {
    throw std::invalid_argument("pruning: sparsity outside [0, 1)");
  }
  if (magnitudes.empty() || sparsity == 0) return 0.0f;
  const auto cut = static_cast<size_t>(sparsity * static_cast<double>(magnitudes.size()));
  std::nth_element(magnitudes.begin(), magnitudes.begin() + static_cast<std::ptrdiff_t>(cut),
                   magnitudes.end());
  return magnitudes[cut];
}

void AppendMagnitudes(std::vector<float>& out, std::span<const float> values) {
  for (const float v : values) {
    if (std::isnan(v)) throw std::invalid_argument("pruning: NaN weight");
    out.push_back(std::fabs(v));
  }
}

}  // namespace

float MagnitudeThreshold(std::span<const float> values, double sparsity) {
  std::vector<float> magnitudes;
  AppendMagnitudes(magnitudes, values);
  return ThresholdOf(std::move(magnitudes), sparsity);
}

float SharedMagnitudeThreshold(const std::vector<std::span<const float>>& tensors,
                               double sparsity) {
  std::vector<float> magnitudes;
  for (const auto& t : tensors) AppendMagnitudes(magnitudes, t);
  return ThresholdOf(std::move(magnitudes), sparsity);
}

size_t Prune(std::span<float> values, float threshold) {
  size_t zeros = 0;
  for (float& v : values) {
    if (std::fabs(v) < threshold) v = 0.0f;
    if (v == 0.0f) ++zeros;
  }
  return zeros;
}

std::vector<uint8_t> SpanMask(int span, int length, int ramp) {
  if (span < 0 || length < 0 || ramp <= 0) throw std::invalid_argument("span mask: bad shape");
  std::vector<uint8_t> mask(static_cast<size_t>(length), 0);
  if (span == 0) return mask;
  for (int k = 0; k < length; ++k) {
    const int value = 128 * (span + ramp - k) / ramp;
    mask[static_cast<size_t>(k)] = static_cast<uint8_t>(std::clamp(value, 0, 128));
  }
  return mask;
}

std::vector<std::vector<float>> SpanMaskFactors(std::span<const int> spans, int length, int ramp) {
  std::vector<std::vector<float>> factors;
  for (const int span : spans) {
    factors.emplace_back();
    for (const uint8_t m : SpanMask(span, length, ramp)) factors.back().push_back(m / 128.0f);
  }
  return factors;
}

}  // namespace edgebert::model
