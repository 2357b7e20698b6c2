// ALBERT weights without a checkpoint, for tests and benchmarks whose figures do not depend on
// trained values (footprints, compile steps): Gaussian matrices and biases, LayerNorm gammas
// around 1.
#pragma once

#include <random>
#include <vector>

#include "model/albert_config.h"
#include "model/albert_reference.h"
#include "model/model_image.h"
#include "model/task_config.h"
#include "model/tokenizer.h"

namespace edgebert::sim {

model::AlbertWeights RandomAlbertWeights(const model::AlbertConfig& config, std::mt19937& rng,
                                         float sigma = 0.02f);

// ALBERT-base with random weights (seed 1) compiled for `task` at n = 16, T = 128, calibrated on
// `calibration`: the benchmarks' model, whose figures do not depend on trained values.
model::ModelImage RandomAlbertBaseImage(const model::TaskConfig& task,
                                        const std::vector<model::Encoding>& calibration);

// `task` named "dense" with nothing pruned and every head on over `span` keys: the worst case.
model::TaskConfig DenseTask(model::TaskConfig task, int span = 128);

}  // namespace edgebert::sim
