#include "workloads/synthetic_albert.h"

#include <vector>

#include "model/compiler.h"

namespace edgebert::sim {

model::AlbertWeights RandomAlbertWeights(const model::AlbertConfig& c, std::mt19937& rng,
                                         float sigma) {
  std::normal_distribution<float> d(0.0f, sigma);
  auto random = [&](int rows, int cols) {
    std::vector<float> v(static_cast<size_t>(rows) * static_cast<size_t>(cols));
    for (auto& x : v) x = d(rng);
    return v;
  };
  auto linear = [&](int out, int in) {
    return model::Linear{out, in, random(out, in), random(out, 1)};
  };
  auto norm = [&](int size) {
    model::Norm n{random(size, 1), random(size, 1)};
    for (auto& g : n.gamma) g += 1.0f;
    return n;
  };
  const int e = c.embedding_size, h = c.hidden_size, f = c.intermediate_size;
  return {random(c.vocab_size, e),
          random(c.max_position_embeddings, e),
          random(c.type_vocab_size, e),
          norm(e),
          linear(h, e),
          linear(h, h),
          linear(h, h),
          linear(h, h),
          linear(h, h),
          norm(h),
          linear(f, h),
          linear(h, f),
          norm(h),
          linear(h, h),
          linear(c.num_labels, h),
          {}};
}

model::ModelImage RandomAlbertBaseImage(const model::TaskConfig& task,
                                        const std::vector<model::Encoding>& calibration) {
  model::AlbertConfig config;  // ALBERT-base
  config.num_labels = task.labels;
  std::mt19937 rng(1);
  model::AlbertWeights weights = RandomAlbertWeights(config, rng);  // CompileModel prunes it
  return model::CompileModel(config, weights, task, calibration, {16, 128});
}

model::TaskConfig DenseTask(model::TaskConfig task, int span) {
  task.task = "dense";
  task.encoder_sparsity = 0;
  task.spans.assign(task.spans.size(), span);
  return task;
}

}  // namespace edgebert::sim
