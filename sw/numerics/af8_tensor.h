// Per-tensor AF8 quantization with the AdaptivFloat bias rule: the top binade covers max|x|.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

namespace edgebert::af8 {

struct QuantizedTensor {
  std::vector<uint8_t> codes;
  int bias = 0;
  size_t saturated = 0;  // elements clamped to +-max
};

// floor(log2(max|x|)) - 7, clamped to [kBiasMin, kBiasMax]; 0 for an all-zero tensor.
// NaN throws std::invalid_argument naming its index.
int ChooseBias(std::span<const float> values);

QuantizedTensor Quantize(std::span<const float> values);
QuantizedTensor Quantize(std::span<const float> values, int bias);
std::vector<float> Dequantize(std::span<const uint8_t> codes, int bias);

}  // namespace edgebert::af8
