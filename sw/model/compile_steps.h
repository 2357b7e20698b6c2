// EdgeBERT's optimisations as compile steps on float weights: magnitude pruning, span masks and
// AF8 quantisation (the model image assembles their results).
#pragma once

#include <cstdint>
#include <span>
#include <vector>

namespace edgebert::model {

// The magnitude below which `sparsity` of the values lie (0 for sparsity 0); pruning zeroes every
// |v| < threshold. Throws std::invalid_argument for a sparsity outside [0, 1) or NaN values.
float MagnitudeThreshold(std::span<const float> values, double sparsity);

// Zeroes |v| < threshold in place; returns how many values are zero afterwards.
size_t Prune(std::span<float> values, float threshold);

// One threshold over several tensors together (the embeddings' shared threshold).
float SharedMagnitudeThreshold(const std::vector<std::span<const float>>& tensors, double sparsity);

// A head's soft span mask over `length` key positions, unsigned Q1.7 (128 = 1.0): 1 up to the
// span, a linear ramp of width `ramp` after it, 0 beyond; all zero for a span of 0 (the head is
// skipped). mask[k] = clamp(128 * (span + ramp - k) / ramp, 0, 128), floored.
std::vector<uint8_t> SpanMask(int span, int length, int ramp);

// Every head's SpanMask as the factors the float reference multiplies in (Q1.7 / 128): what the
// chip applies, for ForwardOptions::span_masks.
std::vector<std::vector<float>> SpanMaskFactors(std::span<const int> spans, int length, int ramp);

}  // namespace edgebert::model
