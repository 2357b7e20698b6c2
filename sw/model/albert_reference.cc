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

// y[t] = W x[t] + b for each of `rows` input rows, in float32 as PyTorch computes it: each
// output starts from its bias and adds the products x[t][i] * w[o][i] for i = 0, 1, ... in
// order, every product and sum rounded to float. No fused multiply-add (the build does not
// contract), so the order fixes the bits: every machine and every clone below gives the same
// result, and the compiler's calibration, which observes these values, compiles the same image
// everywhere.
//
// Arranged for speed: W is packed into panels of kPanel outputs, [in][kPanel] each, so that one
// step loads the panel's weights for one input once and applies them to kRowBlock rows, whose
// kRowBlock x kPanel sums stay in registers (AVX2: 8 of 16 vector registers).
constexpr size_t kPanel = 16, kRowBlock = 4;
using Floats8 = float __attribute__((vector_size(32)));

template <size_t R>
[[gnu::always_inline]] inline void PanelRows(const float* panel, const float* bias, const float* x,
                                             size_t in, float* sums) {
  Floats8 acc[R][2];
  Floats8 b0, b1;
  __builtin_memcpy(&b0, bias, sizeof b0);
  __builtin_memcpy(&b1, bias + 8, sizeof b1);
  for (size_t r = 0; r < R; ++r) {
    acc[r][0] = b0;
    acc[r][1] = b1;
  }
  for (size_t i = 0; i < in; ++i) {
    Floats8 w0, w1;
    __builtin_memcpy(&w0, panel + i * kPanel, sizeof w0);
    __builtin_memcpy(&w1, panel + i * kPanel + 8, sizeof w1);
    for (size_t r = 0; r < R; ++r) {
      const float xi = x[r * in + i];
      acc[r][0] += w0 * xi;
      acc[r][1] += w1 * xi;
    }
  }
  for (size_t r = 0; r < R; ++r) {
    __builtin_memcpy(sums + r * kPanel, &acc[r][0], sizeof acc[r][0]);
    __builtin_memcpy(sums + r * kPanel + 8, &acc[r][1], sizeof acc[r][1]);
  }
}

__attribute__((target_clones("avx2", "default"))) void ApplyPanels(const std::vector<float>& panels,
                                                                   const std::vector<float>& bias,
                                                                   const float* x, size_t rows,
                                                                   size_t in, size_t out,
                                                                   float* y) {
  float sums[kRowBlock * kPanel];
  for (size_t o0 = 0; o0 < out; o0 += kPanel) {
    const float* panel = &panels[o0 * in];
    const float* b = &bias[o0];
    const size_t width = std::min(kPanel, out - o0);
    for (size_t t0 = 0; t0 < rows; t0 += kRowBlock) {
      const size_t block = std::min(kRowBlock, rows - t0);
      if (block == kRowBlock) {
        PanelRows<kRowBlock>(panel, b, x + t0 * in, in, sums);
      } else {
        for (size_t r = 0; r < block; ++r)
          PanelRows<1>(panel, b, x + (t0 + r) * in, in, sums + r * kPanel);
      }
      for (size_t r = 0; r < block; ++r) {
        std::copy_n(sums + r * kPanel, width, y + (t0 + r) * out + o0);
      }
    }
  }
}

std::vector<float> Apply(const Linear& l, const std::vector<float>& x, size_t rows) {
  const auto in = static_cast<size_t>(l.in), out = static_cast<size_t>(l.out);
  const size_t padded = (out + kPanel - 1) / kPanel * kPanel;  // zero weights past `out`
  std::vector<float> panels(padded * in, 0.0f), bias(padded, 0.0f);
  for (size_t o = 0; o < out; ++o) {
    float* panel = &panels[o / kPanel * kPanel * in + o % kPanel];
    for (size_t i = 0; i < in; ++i) panel[i * kPanel] = l.weight[o * in + i];
  }
  std::copy(l.bias.begin(), l.bias.end(), bias.begin());
  std::vector<float> y(rows * out);
  ApplyPanels(panels, bias, x.data(), rows, in, out, y.data());
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
