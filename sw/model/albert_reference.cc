#include "model/albert_reference.h"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <stdexcept>
#include <string>

#include "numerics/af8_activation.h"

namespace edgebert::model {
namespace {

std::vector<float> Load(const SafetensorsFile& file, const std::string& name,
                        std::vector<uint64_t> shape) {
  const Tensor t = file.tensor(name);
  if (t.shape != shape) {
    std::string want, got;
    for (const auto d : shape) want += std::to_string(d) + " ";
    for (const auto d : t.shape) got += std::to_string(d) + " ";
    throw FormatError(file.name() + ": tensor " + name + " has shape [ " + got +
                      "], the config needs [ " + want + "]");
  }
  return ToFloat32(t);
}

Linear LoadLinear(const SafetensorsFile& file, const std::string& prefix, int out, int in) {
  const auto o = static_cast<uint64_t>(out), i = static_cast<uint64_t>(in);
  return {out, in, Load(file, prefix + ".weight", {o, i}), Load(file, prefix + ".bias", {o})};
}

Norm LoadNorm(const SafetensorsFile& file, const std::string& prefix, int size) {
  const auto s = static_cast<uint64_t>(size);
  return {Load(file, prefix + ".weight", {s}), Load(file, prefix + ".bias", {s})};
}

// y[t] = W x[t] + b for each of `rows` input rows. Each output accumulates in double from its
// bias over i = 0, 1, ... in order (a float product is exact in double), so the result does not
// depend on how the loops are arranged; they are arranged for speed: W transposed once so that
// the innermost loop runs over contiguous outputs (it vectorizes), a block of rows shares each
// weight row, and a tile of outputs keeps the block's accumulators in L1. An AVX2 clone (4 doubles
// a vector instead of SSE2's 2) runs where the CPU has it; neither uses FMA, so both give the
// same bits.
__attribute__((target_clones("avx2", "default"))) std::vector<float> Apply(
    const Linear& l, const std::vector<float>& x, size_t rows) {
  const auto in = static_cast<size_t>(l.in), out = static_cast<size_t>(l.out);
  std::vector<float> transposed(in * out);
  for (size_t o = 0; o < out; ++o) {
    for (size_t i = 0; i < in; ++i) transposed[i * out + o] = l.weight[o * in + i];
  }
  constexpr size_t kRowBlock = 8, kOutTile = 256;
  std::vector<float> y(rows * out);
  std::vector<double> acc(kRowBlock * kOutTile);
  for (size_t o0 = 0; o0 < out; o0 += kOutTile) {
    const size_t width = std::min(kOutTile, out - o0);
    for (size_t t0 = 0; t0 < rows; t0 += kRowBlock) {
      const size_t block = std::min(kRowBlock, rows - t0);
      for (size_t r = 0; r < block; ++r) {
        for (size_t o = 0; o < width; ++o) acc[r * kOutTile + o] = l.bias[o0 + o];
      }
      for (size_t i = 0; i < in; ++i) {
        const float* w = &transposed[i * out + o0];
        for (size_t r = 0; r < block; ++r) {
          const double xi = x[(t0 + r) * in + i];
          double* a = &acc[r * kOutTile];
          for (size_t o = 0; o < width; ++o) a[o] += double{w[o]} * xi;
        }
      }
      for (size_t r = 0; r < block; ++r) {
        for (size_t o = 0; o < width; ++o) {
          y[(t0 + r) * out + o0 + o] = static_cast<float>(acc[r * kOutTile + o]);
        }
      }
    }
  }
  return y;
}

void LayerNormRows(std::vector<float>& x, const Norm& n, size_t rows, double eps) {
  const size_t width = n.gamma.size();
  for (size_t t = 0; t < rows; ++t) {
    float* row = &x[t * width];
    double mean = 0, var = 0;
    for (size_t i = 0; i < width; ++i) mean += row[i];
    mean /= static_cast<double>(width);
    for (size_t i = 0; i < width; ++i) var += (row[i] - mean) * (row[i] - mean);
    var /= static_cast<double>(width);
    const double scale = 1.0 / std::sqrt(var + eps);
    for (size_t i = 0; i < width; ++i) {
      row[i] = static_cast<float>((row[i] - mean) * scale * n.gamma[i] + n.beta[i]);
    }
  }
}

using Observer = std::function<void(std::string_view, int, std::span<const float>)>;

std::vector<float> Classify(const Linear& pooler, const Linear& classifier,
                            std::span<const float> cls, int layer, const Observer& observe) {
  std::vector<float> pooled = Apply(pooler, {cls.begin(), cls.end()}, 1);
  if (observe) observe("pooler_pre", layer, pooled);
  for (auto& v : pooled) v = std::tanh(v);
  if (observe) observe("pooled", layer, pooled);
  std::vector<float> logits = Apply(classifier, pooled, 1);
  if (observe) observe("logits", layer, logits);
  return logits;
}

}  // namespace

AlbertWeights LoadAlbertWeights(const SafetensorsFile& f, const AlbertConfig& c) {
  const auto e = static_cast<uint64_t>(c.embedding_size);
  const std::string layer = "albert.encoder.albert_layer_groups.0.albert_layers.0.";
  AlbertWeights w;
  w.word = Load(f, "albert.embeddings.word_embeddings.weight", {uint64_t(c.vocab_size), e});
  w.position = Load(f, "albert.embeddings.position_embeddings.weight",
                    {uint64_t(c.max_position_embeddings), e});
  w.token_type =
      Load(f, "albert.embeddings.token_type_embeddings.weight", {uint64_t(c.type_vocab_size), e});
  w.embedding_norm = LoadNorm(f, "albert.embeddings.LayerNorm", c.embedding_size);
  w.embedding_map =
      LoadLinear(f, "albert.encoder.embedding_hidden_mapping_in", c.hidden_size, c.embedding_size);
  w.query = LoadLinear(f, layer + "attention.query", c.hidden_size, c.hidden_size);
  w.key = LoadLinear(f, layer + "attention.key", c.hidden_size, c.hidden_size);
  w.value = LoadLinear(f, layer + "attention.value", c.hidden_size, c.hidden_size);
  w.attention_out = LoadLinear(f, layer + "attention.dense", c.hidden_size, c.hidden_size);
  w.attention_norm = LoadNorm(f, layer + "attention.LayerNorm", c.hidden_size);
  w.ffn = LoadLinear(f, layer + "ffn", c.intermediate_size, c.hidden_size);
  w.ffn_out = LoadLinear(f, layer + "ffn_output", c.hidden_size, c.intermediate_size);
  w.output_norm = LoadNorm(f, layer + "full_layer_layer_norm", c.hidden_size);
  w.pooler = LoadLinear(f, "albert.pooler", c.hidden_size, c.hidden_size);
  w.classifier = LoadLinear(f, "classifier", c.num_labels, c.hidden_size);
  if (f.contains("albert.encoder.highway.0.pooler.dense.weight")) {
    for (int l = 0; l + 1 < c.num_hidden_layers; ++l) {
      const std::string highway = "albert.encoder.highway." + std::to_string(l) + ".";
      w.highway.push_back({LoadLinear(f, highway + "pooler.dense", c.hidden_size, c.hidden_size),
                           LoadLinear(f, highway + "classifier", c.num_labels, c.hidden_size)});
    }
  }
  return w;
}

double Entropy(std::span<const float> logits) {
  const float m = *std::max_element(logits.begin(), logits.end());
  double z = 0, weighted = 0;
  for (const float x : logits) {
    const double e = std::exp(double{x} - m);
    z += e;
    weighted += (double{x} - m) * e;
  }
  return std::log(z) - weighted / z;
}

ForwardResult AlbertForward(const AlbertConfig& c, const AlbertWeights& w,
                            std::span<const int32_t> ids, std::span<const uint8_t> token_types,
                            std::span<const uint8_t> attention_mask,
                            const ForwardOptions& options) {
  const size_t seq = ids.size();
  if (token_types.size() != seq || attention_mask.size() != seq || seq == 0 ||
      seq > static_cast<size_t>(c.max_position_embeddings)) {
    throw std::invalid_argument("ALBERT forward: inconsistent or unsupported sequence length");
  }
  if (options.off_ramps == OffRamps::kHighway &&
      w.highway.size() + 1 != static_cast<size_t>(c.num_hidden_layers)) {
    throw std::invalid_argument("ALBERT forward: highway off-ramps need the checkpoint's highways");
  }
  const int heads = c.num_attention_heads, head = c.head_size();
  if (!options.span_masks.empty() &&
      (options.span_masks.size() != static_cast<size_t>(heads) ||
       std::any_of(options.span_masks.begin(), options.span_masks.end(),
                   [&](const auto& m) { return m.size() != seq; }))) {
    throw std::invalid_argument("ALBERT forward: span masks must be heads x sequence length");
  }
  const auto e = static_cast<size_t>(c.embedding_size), h = static_cast<size_t>(c.hidden_size);

  std::vector<float> emb(seq * e);
  for (size_t t = 0; t < seq; ++t) {
    if (ids[t] < 0 || ids[t] >= c.vocab_size || token_types[t] >= c.type_vocab_size) {
      throw std::invalid_argument("ALBERT forward: token " + std::to_string(t) +
                                  " has an id or type outside the vocabulary");
    }
    for (size_t i = 0; i < e; ++i) {
      emb[t * e + i] = w.word[static_cast<size_t>(ids[t]) * e + i] + w.position[t * e + i] +
                       w.token_type[size_t{token_types[t]} * e + i];
    }
  }
  auto observe = [&](std::string_view point, int layer, const std::vector<float>& values) {
    if (options.observe) options.observe(point, layer, values);
  };
  observe("embedding_sum", -1, emb);
  LayerNormRows(emb, w.embedding_norm, seq, c.layer_norm_eps);
  observe("embedding", -1, emb);
  std::vector<float> x = Apply(w.embedding_map, emb, seq);

  ForwardResult result;
  result.cls_hidden.emplace_back(x.begin(), x.begin() + static_cast<std::ptrdiff_t>(h));
  const double scale = 1.0 / std::sqrt(static_cast<double>(head));
  for (int layer = 0; layer < c.num_hidden_layers; ++layer) {
    observe("hidden", layer, x);
    const auto q = Apply(w.query, x, seq), k = Apply(w.key, x, seq), v = Apply(w.value, x, seq);
    observe("query", layer, q);
    observe("key", layer, k);
    observe("value", layer, v);
    std::vector<float> context(seq * h, 0.0f);
    std::vector<float> scores;
    std::vector<double> p(seq);
    for (int hd = 0; hd < heads; ++hd) {
      const size_t off = static_cast<size_t>(hd * head);
      for (size_t i = 0; i < seq; ++i) {
        double m = -1e300;
        for (size_t j = 0; j < seq; ++j) {
          if (!attention_mask[j]) continue;
          double s = 0;
          for (size_t d = 0; d < static_cast<size_t>(head); ++d) {
            s += double{q[i * h + off + d]} * k[j * h + off + d];
          }
          p[j] = s * scale;
          m = std::max(m, p[j]);
          if (options.observe) scores.push_back(static_cast<float>(p[j]));
        }
        double z = 0;
        for (size_t j = 0; j < seq; ++j) {
          p[j] = attention_mask[j] ? std::exp(p[j] - m) : 0.0;
          z += p[j];
        }
        for (size_t j = 0; j < seq; ++j) {
          double prob = p[j] / z;
          if (!options.span_masks.empty()) prob *= options.span_masks[static_cast<size_t>(hd)][j];
          if (prob == 0) continue;
          for (size_t d = 0; d < static_cast<size_t>(head); ++d) {
            context[i * h + off + d] += static_cast<float>(prob * v[j * h + off + d]);
          }
        }
      }
    }
    observe("scores", layer, scores);
    observe("context", layer, context);
    std::vector<float> attended = Apply(w.attention_out, context, seq);
    observe("attention_out", layer, attended);
    for (size_t i = 0; i < attended.size(); ++i) attended[i] += x[i];
    observe("attention_sum", layer, attended);
    LayerNormRows(attended, w.attention_norm, seq, c.layer_norm_eps);
    observe("attention_norm", layer, attended);
    std::vector<float> inner = Apply(w.ffn, attended, seq);
    observe("ffn_pre", layer, inner);
    for (auto& value : inner) {
      value = static_cast<float>(af8::ActivationReference(af8::Activation::kGelu, value));
    }
    observe("ffn_act", layer, inner);
    x = Apply(w.ffn_out, inner, seq);
    observe("ffn_out", layer, x);
    for (size_t i = 0; i < x.size(); ++i) x[i] += attended[i];
    observe("output_sum", layer, x);
    LayerNormRows(x, w.output_norm, seq, c.layer_norm_eps);
    observe("output_norm", layer, x);
    result.cls_hidden.emplace_back(x.begin(), x.begin() + static_cast<std::ptrdiff_t>(h));
    if (options.off_ramps != OffRamps::kNone) {
      const bool own = options.off_ramps == OffRamps::kHighway && layer + 1 < c.num_hidden_layers;
      const Linear& pooler = own ? w.highway[static_cast<size_t>(layer)].pooler : w.pooler;
      const Linear& classifier =
          own ? w.highway[static_cast<size_t>(layer)].classifier : w.classifier;
      result.off_ramp_logits.push_back(
          Classify(pooler, classifier, result.cls_hidden.back(), layer, options.observe));
      result.entropies.push_back(Entropy(result.off_ramp_logits.back()));
    }
  }
  result.logits = Classify(w.pooler, w.classifier, result.cls_hidden.back(), -1, options.observe);
  return result;
}

}  // namespace edgebert::model
