#include "run_job.h"

#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <random>
#include <vector>

#include "golden/accelerator.h"
#include "golden/pu_golden.h"
#include "harness/mismatch_report.h"
#include "harness/pu_reference_model.h"
#include "model/albert_config.h"
#include "model/albert_golden.h"
#include "model/albert_program.h"
#include "model/albert_reference.h"
#include "model/compile_steps.h"
#include "model/compiler.h"
#include "model/labelled_text.h"
#include "model/safetensors.h"
#include "model/task_config.h"
#include "model/tokenizer.h"
#include "numerics/af8.h"
#include "numerics/af8_mac.h"
#include "numerics/af8_tensor.h"
#include "workloads/synthetic_tensors.h"

namespace edgebert::app {
namespace {

double Seconds(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

void RunAlbertReference(const RunOptions& o) {
  const std::filesystem::path data(o.data_dir);
  const std::filesystem::path fixture = data / "tests/model/fixtures/albert_tiny";
  const model::Tokenizer tokenizer(data / "tests/model/fixtures/sst2_spm.model");
  const model::AlbertConfig config = model::LoadAlbertConfig(fixture / "config.json");
  const auto file = model::SafetensorsFile::Load(fixture / "model.safetensors");
  const model::AlbertWeights weights = model::LoadAlbertWeights(file, config);
  const model::Encoding e = tokenizer.Encode(o.sentence, {}, config.max_position_embeddings);
  model::ForwardOptions options;
  options.off_ramps = model::OffRamps::kShared;
  const auto start = std::chrono::steady_clock::now();
  const model::ForwardResult r =
      model::AlbertForward(config, weights, e.ids, e.token_types, e.attention, options);
  std::printf(
      "1. ALBERT float reference (embedded tiny model: %d layers, hidden %d, %d heads;\n"
      "   random weights, so the label means nothing yet)\n",
      config.num_hidden_layers, config.hidden_size, config.num_attention_heads);
  std::printf("   \"%s\" -> %d tokens (SentencePiece, SST-2 vocabulary)\n", o.sentence.c_str(),
              e.length);
  std::printf("   logits [%.4f, %.4f] in %.1f ms; off-ramp entropy per layer:", r.logits[0],
              r.logits[1], 1e3 * Seconds(start));
  for (const double h : r.entropies) std::printf(" %.4f", h);
  std::printf(" nats\n");

  // The same model compiled with the tiny task (pruning, a head off, AF8) on the golden
  // accelerator, against the float reference of the pruned weights with the same span masks.
  const model::TaskConfig task = model::LoadTaskConfig(fixture / "task.yaml");
  model::AlbertWeights pruned = weights;
  const std::vector<model::Encoding> calibration = model::EncodeLabelledTsv(
      tokenizer, data / "tests/model/fixtures/sst2_sample.tsv", 16, config.max_position_embeddings);
  const model::ModelImage image =
      model::CompileModel(config, pruned, task, calibration, {16, config.max_position_embeddings});
  const model::AlbertProgram program(image, golden::AcceleratorConfig{});
  golden::GoldenAccelerator accelerator;
  model::LoadModel(accelerator, program);
  model::GoldenOptions golden_options;
  golden_options.stop_on_exit = false;
  const auto golden_start = std::chrono::steady_clock::now();
  const model::GoldenResult g = model::RunGolden(accelerator, program, e, golden_options);
  const double golden_ms = 1e3 * Seconds(golden_start);
  model::ForwardOptions pruned_options = options;
  pruned_options.span_masks =
      model::SpanMaskFactors(task.spans, config.max_position_embeddings, task.span_ramp);
  const model::ForwardResult f =
      model::AlbertForward(config, pruned, e.ids, e.token_types, e.attention, pruned_options);
  std::printf("2. Compiled for EdgeBERT (task %s: %.0f %% encoder sparsity, spans",
              task.task.c_str(), 100 * task.encoder_sparsity);
  for (const int span : task.spans) std::printf(" %d", span);
  std::printf(", AF8)\n   on the bit-exact golden accelerator, %d rows, %llu commands, %.1f ms\n",
              g.rows, static_cast<unsigned long long>(g.commands), golden_ms);
  std::printf("   logits [%.4f, %.4f] (float reference of the pruned model [%.4f, %.4f])\n",
              g.logits[0], g.logits[1], f.logits[0], f.logits[1]);
  std::printf("   off-ramp entropy per layer:");
  for (const uint32_t h : g.entropies_q24) std::printf(" %.4f", h / 16777216.0);
  std::printf(" nats (float:");
  for (const double h : f.entropies) std::printf(" %.4f", h);
  std::printf(")\n   threshold %.2f nats: %s\n", task.entropy_threshold,
              g.exit_layer >= 0
                  ? ("early exit after layer " + std::to_string(g.exit_layer + 1)).c_str()
                  : "no early exit");
}

int RunPuLayer(const RunOptions& o) {
  const auto m = static_cast<uint32_t>(o.tokens), k = static_cast<uint32_t>(o.in_features),
             n = static_cast<uint32_t>(o.out_features);
  const uint32_t lanes = static_cast<uint32_t>(sim::kReferencePuLimits.lanes);
  std::mt19937 rng(o.seed);
  const auto x = sim::PrunedGaussian(rng, size_t{m} * k, 1.0f, 0.0);
  const auto w = sim::PrunedGaussian(rng, size_t{n} * k, 0.02f, o.weight_sparsity);
  const auto bias = sim::PrunedGaussian(rng, n, 0.02f, 0.0);
  const auto qx = af8::Quantize(x);
  const auto qw = af8::Quantize(w);

  golden::MatmulCommand c;
  c.m = m;
  c.n = n;
  c.k = k;
  c.has_bias = true;
  c.exp_a = qx.bias;
  c.exp_b = qw.bias;
  c.exp_c = sim::DotProductOutputBias(qx.bias, qw.bias, k);
  c.a_stride = k / lanes;
  c.b_stride = k / lanes;
  c.c_addr = m * c.a_stride;
  c.c_stride = n / lanes;
  golden::VectorMemory uab("uab", static_cast<int>(lanes), sim::kReferencePuLimits.uab_vectors);
  golden::VectorMemory wsram("wsram", static_cast<int>(lanes),
                             sim::kReferencePuLimits.wsram_vectors);
  golden::AuxMemory aux(sim::kReferencePuLimits.aux_bytes);
  uab.StoreTensor(0, c.a_stride, static_cast<int>(m), static_cast<int>(k), qx.codes);
  wsram.StoreTensor(0, c.b_stride, static_cast<int>(n), static_cast<int>(k), qw.codes);
  std::vector<int32_t> qbias(n);
  const int acc_exponent = af8::ProductExponent(qx.bias, qw.bias);
  for (size_t j = 0; j < n; ++j) qbias[j] = af8::QuantizeBias(bias[j], acc_exponent);
  aux.WriteInt32s(0, qbias);

  golden::VectorMemory want = uab;
  auto start = std::chrono::steady_clock::now();
  const golden::MatmulResult expected =
      golden::RunMatmul(c, sim::kReferencePuLimits, want, wsram, aux);
  const double golden_seconds = Seconds(start);
  sim::ReferencePu pu(uab, wsram, aux);
  start = std::chrono::steady_clock::now();
  const sim::PuRun run = pu.Run(golden::ToDescriptor(c), 100'000'000);
  const double rtl_seconds = Seconds(start);
  const std::string mismatch =
      sim::FirstMatmulMismatch(c, uab, want, [&](uint32_t v) { return pu.LastWriteCycle(v); });

  // Output error of the AF8 result against float64 on the unquantized operands.
  const auto out = uab.LoadTensor(c.c_addr, c.c_stride, static_cast<int>(m), static_cast<int>(n));
  double signal = 0, noise = 0;
  for (size_t i = 0; i < m; ++i) {
    for (size_t j = 0; j < n; ++j) {
      double ref = bias[j];
      for (size_t t = 0; t < k; ++t) ref += double{x[i * k + t]} * w[j * k + t];
      const double err = af8::Decode(out[i * n + j], c.exp_c) - ref;
      signal += ref * ref;
      noise += err * err;
    }
  }
  const double ideal = static_cast<double>(m) * n * k / (lanes * lanes);
  std::printf(
      "3. Verilated PU (n = %u): Y[%ux%u] = X[%ux%u] W[%ux%u]^T + b, W %.0f %% pruned, AF8\n",
      lanes, m, n, m, k, n, k, 100 * o.weight_sparsity);
  std::printf(
      "   %llu cycles (ideal %.0f, utilization %.2f %%), %.1f %% VMACs skipped, %llu "
      "saturations\n",
      static_cast<unsigned long long>(run.perf.busy_cycles), ideal,
      100 * ideal / static_cast<double>(run.perf.busy_cycles),
      100.0 * static_cast<double>(run.perf.vmacs_skipped) / static_cast<double>(run.perf.vmacs),
      static_cast<unsigned long long>(run.perf.saturations));
  std::printf("   RTL %.2f s (%.0f cycles/s), golden %.2f s; output SQNR vs float64 %.2f dB\n",
              rtl_seconds, static_cast<double>(run.cycles) / rtl_seconds, golden_seconds,
              10 * std::log10(signal / noise));
  const bool exact = !run.timed_out && run.error == regs::ErrCode::kNone && mismatch.empty() &&
                     run.perf.vmacs_skipped == expected.vmacs_skipped;
  std::printf("   bit-exact against the golden model: %s\n", exact ? "yes" : mismatch.c_str());
  return exact ? 0 : 1;
}

}  // namespace

int RunJob(const RunOptions& options) {
  std::printf("edgebert run\n");
  RunAlbertReference(options);
  return RunPuLayer(options);
}

}  // namespace edgebert::app
