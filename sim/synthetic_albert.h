// ALBERT weights without a checkpoint, for tests and benchmarks whose figures do not depend on
// trained values (footprints, compile steps): Gaussian matrices and biases, LayerNorm gammas
// around 1.
#pragma once

#include <random>

#include "model/albert_config.h"
#include "model/albert_reference.h"

namespace edgebert::sim {

model::AlbertWeights RandomAlbertWeights(const model::AlbertConfig& config, std::mt19937& rng,
                                         float sigma = 0.02f);

}  // namespace edgebert::sim
