// Golden-model MATMUL speed: golden::RunMatmul (int16 decode, vectorized kernel, two threads on
// large commands) against golden::RunMatmulReference (the per-MAC product-table definition) on
// ALBERT-base shapes at T = 128, n = 16, with an ALBERT-base encoder layer and sentence (12
// layers) estimated from the per-shape times. Every result is also checked bit for bit,
// statistics included. Figures are printed, not asserted; exit status 1 on a mismatch.
#include <chrono>
#include <cstdio>
#include <random>
#include <vector>

#include "golden/pu_golden.h"
#include "numerics/af8_activation.h"
#include "numerics/af8_tensor.h"

namespace {

namespace golden = edgebert::golden;
namespace af8 = edgebert::af8;

constexpr uint32_t kLanes = 16;

struct Shape {
  const char* name;
  uint32_t m, n, k;
  int per_layer;         // how often an ALBERT-base layer at T = 128 runs it
  double vector_pruned;  // fraction of the weight vectors set to zero
  bool gelu;
};

std::vector<float> Gaussian(std::mt19937& rng, size_t count, float sigma) {
  std::normal_distribution<float> normal(0.0f, sigma);
  std::vector<float> values(count);
  for (auto& v : values) v = normal(rng);
  return values;
}

struct Setup {
  golden::PuLimits limits;
  golden::MatmulCommand command;
  golden::VectorMemory uab, wsram;
  golden::AuxMemory aux;
};

Setup MakeSetup(std::mt19937& rng, const Shape& s) {
  const uint32_t a_vectors = s.m * s.k / kLanes, c_vectors = s.m * s.n / kLanes;
  const uint32_t b_vectors = s.n * s.k / kLanes;
  const golden::PuLimits limits{static_cast<int>(kLanes), a_vectors + c_vectors, b_vectors,
                                4 * s.n + 256};
  Setup setup{limits,
              {},
              golden::VectorMemory("uab", kLanes, limits.uab_vectors),
              golden::VectorMemory("wsram", kLanes, limits.wsram_vectors),
              golden::AuxMemory(limits.aux_bytes)};
  const auto x = af8::Quantize(Gaussian(rng, size_t{s.m} * s.k, 1.0f));
  auto w_float = Gaussian(rng, size_t{s.n} * s.k, 0.02f);
  std::uniform_real_distribution<double> u(0.0, 1.0);
  for (size_t v = 0; v < w_float.size() / kLanes; ++v) {
    if (u(rng) < s.vector_pruned) {
      std::fill_n(w_float.begin() + static_cast<std::ptrdiff_t>(v * kLanes), kLanes, 0.0f);
    }
  }
  const auto w = af8::Quantize(w_float);
  golden::MatmulCommand& c = setup.command;
  c.m = s.m;
  c.n = s.n;
  c.k = s.k;
  c.exp_a = x.bias;
  c.exp_b = w.bias;
  c.exp_c = x.bias;
  c.exp_pre = x.bias;
  c.a_stride = s.k / kLanes;
  c.b_stride = s.k / kLanes;
  c.c_addr = a_vectors;
  c.c_stride = s.n / kLanes;
  setup.uab.StoreTensor(0, c.a_stride, static_cast<int>(c.m), static_cast<int>(c.k), x.codes);
  setup.wsram.StoreTensor(0, c.b_stride, static_cast<int>(c.n), static_cast<int>(c.k), w.codes);
  c.has_bias = true;
  c.bias_addr = 0;
  std::vector<int32_t> bias(s.n);
  for (auto& b : bias) b = static_cast<int32_t>(rng() % 200001) - 100000;
  setup.aux.WriteInt32s(0, bias);
  if (s.gelu) {
    c.act = static_cast<uint32_t>(af8::Activation::kGelu);
    c.act_table_addr = 4 * s.n;
    setup.aux.WriteBytes(c.act_table_addr,
                         af8::MakeActivationTable(af8::Activation::kGelu, c.exp_pre, c.exp_c));
  }
  return setup;
}

// Mean seconds per call after an untimed first call (it may build tables), over calls repeated
// for at least min_seconds.
template <typename F>
double SecondsPerCall(F&& call, double min_seconds) {
  call();
  int calls = 0;
  const auto start = std::chrono::steady_clock::now();
  double elapsed = 0;
  do {
    call();
    ++calls;
    elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  } while (elapsed < min_seconds);
  return elapsed / calls;
}

bool SameResult(const golden::MatmulResult& x, const golden::MatmulResult& y) {
  return x.error == y.error && x.vmacs == y.vmacs && x.vmacs_skipped == y.vmacs_skipped &&
         x.saturations == y.saturations;
}

}  // namespace

int main() {
  const Shape shapes[] = {
      {"Q/K/V/out projection", 128, 768, 768, 4, 0, false},
      {"FFN1 + GELU", 128, 3072, 768, 1, 0, true},
      {"FFN2", 128, 768, 3072, 1, 0, false},
      {"attention scores, per head", 128, 128, 64, 12, 0, false},
      {"attention context, per head", 128, 64, 128, 12, 0, false},
      {"pooler (one row)", 1, 768, 768, 0, 0, false},
      {"one row, K=768 N=3072", 1, 3072, 768, 0, 0, false},
      {"one row, K=3072 N=768", 1, 768, 3072, 0, 0, false},
      {"FFN1, 50% weight vectors zero", 128, 3072, 768, 0, 0.5, false},
  };
  std::printf("golden::RunMatmul vs the product-table reference: n = %u, weights in the WSRAM\n\n",
              kLanes);
  std::printf(
      "| shape | M x N x K | reference GMAC/s | RunMatmul GMAC/s | speed-up | bit-exact |\n");
  std::printf("| --- | --- | ---: | ---: | ---: | --- |\n");
  std::mt19937 rng(11);
  bool all_exact = true;
  double layer_reference = 0, layer_fast = 0;
  for (const Shape& s : shapes) {
    Setup setup = MakeSetup(rng, s);
    golden::VectorMemory uab_reference = setup.uab;
    golden::MatmulResult want, got;
    const double reference_seconds = SecondsPerCall(
        [&] {
          want = golden::RunMatmulReference(setup.command, setup.limits, uab_reference, setup.wsram,
                                            setup.aux);
        },
        0.3);
    const double fast_seconds = SecondsPerCall(
        [&] {
          got = golden::RunMatmul(setup.command, setup.limits, setup.uab, setup.wsram, setup.aux);
        },
        0.5);
    const golden::MatmulCommand& c = setup.command;
    const bool exact =
        SameResult(want, got) &&
        setup.uab.LoadTensor(c.c_addr, c.c_stride, static_cast<int>(c.m), static_cast<int>(c.n)) ==
            uab_reference.LoadTensor(c.c_addr, c.c_stride, static_cast<int>(c.m),
                                     static_cast<int>(c.n));
    all_exact = all_exact && exact;
    const double macs = static_cast<double>(s.m) * s.n * s.k;
    std::printf("| %s | %ux%ux%u | %.2f | %.2f | %.0fx | %s |\n", s.name, s.m, s.n, s.k,
                macs / reference_seconds * 1e-9, macs / fast_seconds * 1e-9,
                reference_seconds / fast_seconds, exact ? "yes" : "NO");
    std::fflush(stdout);
    layer_reference += s.per_layer * reference_seconds;
    layer_fast += s.per_layer * fast_seconds;
  }
  std::printf(
      "\nALBERT-base encoder layer at T = 128 (the shapes above with their counts): reference "
      "%.3f s, RunMatmul %.4f s; 12 layers: %.2f s vs %.3f s per sentence\n",
      layer_reference, layer_fast, 12 * layer_reference, 12 * layer_fast);
  return all_exact ? 0 : 1;
}
