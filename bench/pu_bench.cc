// PU benchmark on the reference configuration (n = 16): cycles of ALBERT-base matmuls against the
// ideal M*K*N/n^2, VMACs skipped at several weight sparsities, and the Verilated model's speed.
// Every result is also checked against the golden model. Figures are printed, not asserted.
#include <chrono>
#include <cstdio>
#include <random>
#include <string>
#include <vector>

#include "golden/pu_golden.h"
#include "harness/mismatch_report.h"
#include "harness/pu_reference_model.h"
#include "numerics/af8_tensor.h"
#include "workloads/synthetic_tensors.h"

namespace {

using edgebert::golden::MatmulCommand;
namespace golden = edgebert::golden;
namespace sim = edgebert::sim;

constexpr uint32_t kLanes = 16;

struct Shape {
  const char* name;
  uint32_t m, n, k;
};

// Zeroes whole n-lane vectors of a weight matrix: the structured sparsity VMAC skipping exploits.
void PruneVectors(std::mt19937& rng, std::vector<float>& w, double fraction) {
  std::uniform_real_distribution<double> u(0.0, 1.0);
  for (size_t v = 0; v < w.size() / kLanes; ++v) {
    if (u(rng) < fraction)
      std::fill_n(w.begin() + static_cast<std::ptrdiff_t>(v * kLanes), kLanes, 0.0f);
  }
}

}  // namespace

int main() {
  const Shape shapes[] = {{"attention projection", 128, 768, 768},
                          {"FFN1 (K=768, N=3072)", 128, 3072, 768},
                          {"FFN2 (K=3072, N=768)", 128, 768, 3072}};
  struct Sparsity {
    const char* name;
    double element;  // magnitude pruning
    double vector;   // whole vectors zeroed
  };
  const Sparsity sparsities[] = {{"dense", 0, 0},
                                 {"50% (magnitude)", 0.5, 0},
                                 {"80% (magnitude)", 0.8, 0},
                                 {"50% (whole vectors)", 0, 0.5}};

  std::printf("PU matmul benchmark: n = %u, %d accumulator rows, weights in the WSRAM\n\n", kLanes,
              sim::kReferenceAccRows);
  std::printf(
      "| shape | weights | cycles | ideal | utilization | VMACs skipped | bit-exact | "
      "sim speed (cycles/s) |\n");
  std::printf("| --- | --- | ---: | ---: | ---: | ---: | --- | ---: |\n");
  std::mt19937 rng(7);
  bool all_exact = true;
  for (const Shape& shape : shapes) {
    for (const Sparsity& sparsity : sparsities) {
      golden::VectorMemory uab("uab", kLanes, sim::kReferencePuLimits.uab_vectors);
      golden::VectorMemory wsram("wsram", kLanes, sim::kReferencePuLimits.wsram_vectors);
      golden::AuxMemory aux(sim::kReferencePuLimits.aux_bytes);
      const auto x =
          edgebert::af8::Quantize(sim::PrunedGaussian(rng, size_t{shape.m} * shape.k, 1.0f, 0.0));
      auto w_float = sim::PrunedGaussian(rng, size_t{shape.n} * shape.k, 0.02f, sparsity.element);
      PruneVectors(rng, w_float, sparsity.vector);
      const auto w = edgebert::af8::Quantize(w_float);
      MatmulCommand c;
      c.m = shape.m;
      c.n = shape.n;
      c.k = shape.k;
      c.exp_a = x.bias;
      c.exp_b = w.bias;
      c.exp_c = sim::DotProductOutputBias(x.bias, w.bias, shape.k);
      c.a_stride = shape.k / kLanes;
      c.b_stride = shape.k / kLanes;
      c.c_addr = shape.m * c.a_stride;
      c.c_stride = shape.n / kLanes;
      uab.StoreTensor(0, c.a_stride, static_cast<int>(c.m), static_cast<int>(c.k), x.codes);
      wsram.StoreTensor(0, c.b_stride, static_cast<int>(c.n), static_cast<int>(c.k), w.codes);

      golden::VectorMemory want = uab;
      golden::RunMatmul(c, sim::kReferencePuLimits, want, wsram, aux);
      sim::ReferencePu pu(uab, wsram, aux);
      const auto start = std::chrono::steady_clock::now();
      const sim::PuRun run = pu.Run(golden::ToDescriptor(c), 50'000'000);
      const double seconds =
          std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
      const bool exact =
          !run.timed_out && run.error == edgebert::regs::ErrCode::kNone &&
          sim::FirstMatmulMismatch(c, uab, want, [](uint32_t) { return -1; }).empty();
      all_exact = all_exact && exact;
      const double ideal = static_cast<double>(c.m) * c.n * c.k / (kLanes * kLanes);
      std::printf(
          "| %s %ux%ux%u | %s | %llu | %.0f | %.2f%% | %.1f%% | %s | %.0f |\n", shape.name, c.m,
          c.n, c.k, sparsity.name, static_cast<unsigned long long>(run.perf.busy_cycles), ideal,
          100 * ideal / static_cast<double>(run.perf.busy_cycles),
          100.0 * static_cast<double>(run.perf.vmacs_skipped) / static_cast<double>(run.perf.vmacs),
          exact ? "yes" : "NO", static_cast<double>(run.cycles) / seconds);
      std::fflush(stdout);
    }
  }
  return all_exact ? 0 : 1;
}
