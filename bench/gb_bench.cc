// Global-buffer benchmark on the reference configuration (n = 16): cycles of the row units on
// ALBERT-base shapes (softmax of 12 x 128 x 128 with SST-2-like spans against all heads on,
// LayerNorm of 128 x 768, residual ADD, entropy of one off-ramp row), next to the PU cycles of
// the same layer's matmuls. Every result is checked against the golden model. Figures only.
#include <algorithm>
#include <cstdio>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include "Vgb_eltwise_ref.h"
#include "Vgb_entropy_ref.h"
#include "Vgb_layernorm_ref.h"
#include "Vgb_softmax_ref.h"
#include "golden/gb_golden.h"
#include "golden/pu_golden.h"
#include "harness/mismatch_report.h"
#include "harness/pu_reference_model.h"
#include "harness/unit_harness.h"
#include "model/compile_steps.h"
#include "model/task_config.h"
#include "numerics/af8_tensor.h"
#include "workloads/synthetic_tensors.h"

namespace {

namespace golden = edgebert::golden;
namespace sim = edgebert::sim;
using edgebert::regs::Opcode;

constexpr uint32_t kLanes = 16, kT = 128, kHidden = 768, kHeads = 12, kHeadDim = 64;
constexpr uint32_t kFfn = 3072;

template <typename Model>
struct Unit {
  golden::PuLimits limits = sim::kReferencePuLimits;
  golden::VectorMemory uab{"uab", kLanes, sim::kReferencePuLimits.uab_vectors};
  golden::VectorMemory wsram{"wsram", kLanes, 1};
  golden::AuxMemory aux{sim::kReferencePuLimits.aux_bytes};
  std::unique_ptr<sim::UnitHarness<Model>> harness =
      std::make_unique<sim::UnitHarness<Model>>(kLanes, uab, wsram, aux);

  // Runs one command on the RTL and the golden model; returns busy cycles, or 0 on a mismatch.
  uint64_t Run(const golden::GbCommand& c, uint32_t threshold = 0) {
    golden::VectorMemory want = uab;
    golden::AuxMemory want_aux = aux;
    const auto expected = golden::RunGb(c, limits, want, want_aux, threshold);
    const sim::PuRun run = harness->Run(golden::ToDescriptor(c), 10'000'000);
    const sim::ResultRegion region{"GB", "DST", c.dst_addr, c.dst_stride, c.rows, c.cols};
    const bool exact = !run.timed_out && run.error == expected.error &&
                       sim::FirstMismatch(region, uab, want, [](uint32_t) { return -1; }).empty() &&
                       std::equal(aux.Bytes(0, aux.size()).begin(), aux.Bytes(0, aux.size()).end(),
                                  want_aux.Bytes(0, want_aux.size()).begin());
    if (!exact) std::printf("  MISMATCH against the golden model\n");
    return exact ? run.perf.busy_cycles : 0;
  }
};

void FillRandom(golden::VectorMemory& uab, std::mt19937& rng, uint32_t base, uint32_t rows,
                uint32_t cols) {
  const auto q = edgebert::af8::Quantize(sim::PrunedGaussian(rng, size_t{rows} * cols, 1.0f, 0));
  uab.StoreTensor(base, cols / kLanes, static_cast<int>(rows), static_cast<int>(cols), q.codes);
}

// PU cycles of one layer's matmuls with `active` heads (span-skipped heads removed by the
// compiler from Wq/Wk/Wv and Wo), measured on the reference PU.
uint64_t PuLayerCycles(uint32_t active, std::mt19937& rng) {
  golden::VectorMemory uab("uab", kLanes, sim::kReferencePuLimits.uab_vectors);
  golden::VectorMemory wsram("wsram", kLanes, sim::kReferencePuLimits.wsram_vectors);
  golden::AuxMemory aux(sim::kReferencePuLimits.aux_bytes);
  FillRandom(uab, rng, 0, kT, kHidden);
  sim::ReferencePu pu(uab, wsram, aux);
  uint64_t cycles = 0;
  auto run = [&](uint32_t m, uint32_t n, uint32_t k, uint32_t count, bool b_in_uab) {
    golden::MatmulCommand c;
    c.m = m;
    c.n = n;
    c.k = k;
    c.b_in_uab = b_in_uab;
    c.a_stride = k / kLanes;
    c.b_stride = k / kLanes;
    c.c_addr = 30000;
    c.c_stride = n / kLanes;
    for (uint32_t i = 0; i < count; ++i)
      cycles += pu.Run(golden::ToDescriptor(c), 50'000'000).perf.busy_cycles;
  };
  const uint32_t width = active * kHeadDim;
  if (width > 0) {
    run(kT, width, kHidden, 3, false);    // Q, K, V of the active heads
    run(kT, kT, kHeadDim, active, true);  // scores per head
    run(kT, kHeadDim, kT, active, true);  // context per head
    run(kT, kHidden, width, 1, false);    // output projection
  }
  run(kT, kFfn, kHidden, 1, false);  // FFN1
  run(kT, kHidden, kFfn, 1, false);  // FFN2
  return cycles;
}

}  // namespace

int main() {
  std::mt19937 rng(11);
  std::printf("GB benchmark: n = %u, ALBERT-base, T = %u\n\n", kLanes, kT);
  std::printf("| operation | cycles |\n| --- | ---: |\n");

  // The SST-2 preset's spans (yaml/tasks/sst2.yaml: 7 of 12 heads off, average 18.4).
  const auto sst2 =
      edgebert::model::LoadTaskConfig(std::string(EDGEBERT_SOURCE_DIR) + "/yaml/tasks/sst2.yaml");
  Unit<Vgb_softmax_ref> softmax;
  FillRandom(softmax.uab, rng, 0, kHeads * kT, kT);
  uint64_t all_on = 0, with_spans = 0;
  for (uint32_t h = 0; h < kHeads; ++h) {
    golden::GbCommand c;
    c.opcode = Opcode::kSoftmax;
    c.rows = kT;
    c.cols = kT;
    c.exp_in = -3;
    c.exp_out = -7;
    c.src_addr = h * kT * (kT / kLanes);
    c.src_stride = kT / kLanes;
    c.dst_addr = 30000 + c.src_addr;
    c.dst_stride = kT / kLanes;
    c.has_span = true;
    c.aux_addr = 0;
    softmax.aux.WriteBytes(0, edgebert::model::SpanMask(128, kT, 32));
    all_on += softmax.Run(c);
    softmax.aux.WriteBytes(0, edgebert::model::SpanMask(sst2.spans[h], kT, sst2.span_ramp));
    with_spans += softmax.Run(c);
  }
  std::printf("| softmax 12 x 128 x 128, all heads on (full spans) | %llu |\n",
              static_cast<unsigned long long>(all_on));
  std::printf("| softmax 12 x 128 x 128, SST-2 spans (7 heads off) | %llu |\n",
              static_cast<unsigned long long>(with_spans));

  Unit<Vgb_layernorm_ref> layernorm;
  FillRandom(layernorm.uab, rng, 0, kT, kHidden);
  {
    const auto gamma = edgebert::af8::Quantize(sim::PrunedGaussian(rng, kHidden, 0.5f, 0));
    const auto beta = edgebert::af8::Quantize(sim::PrunedGaussian(rng, kHidden, 0.1f, 0));
    layernorm.aux.WriteBytes(0, gamma.codes);
    layernorm.aux.WriteBytes(4096, beta.codes);
    golden::GbCommand c;
    c.opcode = Opcode::kLayernorm;
    c.rows = kT;
    c.cols = kHidden;
    c.exp_in = -5;
    c.exp_out = -5;
    c.exp_gamma = gamma.bias;
    c.exp_beta = beta.bias;
    c.src_stride = kHidden / kLanes;
    c.dst_addr = 20000;
    c.dst_stride = kHidden / kLanes;
    c.aux_addr = 0;
    c.beta_addr = 4096;
    std::printf("| LayerNorm 128 x 768 | %llu |\n",
                static_cast<unsigned long long>(layernorm.Run(c)));
  }

  Unit<Vgb_eltwise_ref> eltwise;
  FillRandom(eltwise.uab, rng, 0, 2 * kT, kHidden);
  {
    golden::GbCommand c;
    c.opcode = Opcode::kAdd;
    c.rows = kT;
    c.cols = kHidden;
    c.exp_in = -5;
    c.exp_b = -5;
    c.exp_out = -4;
    c.src_stride = kHidden / kLanes;
    c.b_addr = kT * kHidden / kLanes;
    c.b_stride = kHidden / kLanes;
    c.dst_addr = 2 * kT * kHidden / kLanes;
    c.dst_stride = kHidden / kLanes;
    std::printf("| residual ADD 128 x 768 | %llu |\n",
                static_cast<unsigned long long>(eltwise.Run(c)));
  }

  Unit<Vgb_entropy_ref> entropy;
  FillRandom(entropy.uab, rng, 0, 1, kLanes);
  {
    golden::GbCommand c;
    c.opcode = Opcode::kEntropy;
    c.rows = 1;
    c.cols = 2;
    c.exp_in = -4;
    c.aux_addr = 64;
    std::printf("| entropy of one off-ramp row (2 labels) | %llu |\n",
                static_cast<unsigned long long>(entropy.Run(c, 1 << 23)));
  }

  std::printf("| PU matmuls of the layer, all 12 heads | %llu |\n",
              static_cast<unsigned long long>(PuLayerCycles(kHeads, rng)));
  std::printf("| PU matmuls of the layer, 5 SST-2 heads (span-skipped heads removed) | %llu |\n",
              static_cast<unsigned long long>(PuLayerCycles(5, rng)));
  return 0;
}
