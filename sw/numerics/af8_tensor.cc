#include "numerics/af8_tensor.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

#include "numerics/af8.h"

namespace edgebert::af8 {

int ChooseBias(std::span<const float> values) {
  float largest = 0.0f;
  for (size_t i = 0; i < values.size(); ++i) {
    if (std::isnan(values[i])) {
      throw std::invalid_argument("AF8 quantizer: NaN at element " + std::to_string(i));
    }
    largest = std::max(largest, std::fabs(values[i]));
  }
  if (largest == 0.0f) return 0;
  if (std::isinf(largest)) return kBiasMax;
  int k = 0;
  std::frexp(largest, &k);  // largest = f * 2^k, f in [0.5, 1): floor(log2) = k - 1
  return std::clamp(k - 1 - kMaxExponent, kBiasMin, kBiasMax);
}

QuantizedTensor Quantize(std::span<const float> values) {
  return Quantize(values, ChooseBias(values));
}

QuantizedTensor Quantize(std::span<const float> values, int bias) {
  CheckBias(bias);
  QuantizedTensor out;
  out.bias = bias;
  out.codes.reserve(values.size());
  for (const float v : values) {
    bool saturated = false;
    out.codes.push_back(Encode(v, bias, &saturated));
    if (saturated) ++out.saturated;
  }
  return out;
}

std::vector<float> Dequantize(std::span<const uint8_t> codes, int bias) {
  CheckBias(bias);
  std::vector<float> out;
  out.reserve(codes.size());
  for (const uint8_t c : codes) out.push_back(static_cast<float>(Decode(c, bias)));
  return out;
}

}  // namespace edgebert::af8
