// Weight- and activation-like tensors for tests and benchmarks that have no checkpoint.
#pragma once

#include <cstdint>
#include <random>
#include <vector>

namespace edgebert::sim {

// Gaussian values; the `sparsity` fraction of smallest magnitudes set to zero (magnitude pruning).
std::vector<float> PrunedGaussian(std::mt19937& rng, size_t count, float sigma, double sparsity);

// Exponent bias for the result of a K-long dot product of AF8 operands with biases exp_a and
// exp_b whose values are spread over their range: about 4 sigma at the top of the format.
int DotProductOutputBias(int exp_a, int exp_b, uint32_t k);

}  // namespace edgebert::sim
