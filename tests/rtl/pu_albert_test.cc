// Long suite (`make test-long`): the matmuls of one ALBERT-base encoder layer at T = 128 on the
// reference PU (n = 16), chained through the UAB as the firmware will run them, each checked
// byte for byte against the golden model.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <random>
#include <string>
#include <vector>

#include "golden/command_cycles.h"
#include "golden/pu_golden.h"
#include "harness/mismatch_report.h"
#include "harness/pu_reference_model.h"
#include "numerics/af8.h"
#include "numerics/af8_activation.h"
#include "numerics/af8_mac.h"
#include "numerics/af8_tensor.h"
#include "workloads/synthetic_tensors.h"

namespace edgebert {
namespace {

using golden::MatmulCommand;

constexpr uint32_t kT = 128, kHidden = 768, kHeads = 12, kHeadDim = 64, kFfn = 3072;
constexpr uint32_t kN = 16;
constexpr uint32_t kRow = kHidden / kN;  // vectors per hidden row

// UAB layout, in vectors.
constexpr uint32_t kX = 0, kQ = kX + kT * kRow, kK = kQ + kT * kRow, kVt = kK + kT * kRow;
constexpr uint32_t kS = kVt + kHidden * (kT / kN), kCtx = kS + kT * (kT / kN);
constexpr uint32_t kF = kCtx + kT * kRow, kO2 = kF + kT * (kFfn / kN);
static_assert(kO2 + kT * kRow <= 65536);

class PuAlbertLayer : public ::testing::Test {
 protected:
  PuAlbertLayer()
      : uab_("uab", 16, sim::kReferencePuLimits.uab_vectors),
        wsram_("wsram", 16, sim::kReferencePuLimits.wsram_vectors),
        aux_(sim::kReferencePuLimits.aux_bytes),
        pu_(uab_, wsram_, aux_) {}

  // Gaussian weights, magnitude-pruned to `sparsity`, AF8-quantized into the WSRAM.
  int StoreWeights(uint32_t base, uint32_t rows, uint32_t cols, double sparsity) {
    const auto q = af8::Quantize(sim::PrunedGaussian(rng_, size_t{rows} * cols, 0.02f, sparsity));
    wsram_.StoreTensor(base, cols / kN, static_cast<int>(rows), static_cast<int>(cols), q.codes);
    return q.bias;
  }

  static int OutputBias(int exp_a, int exp_b, uint32_t k) {
    return sim::DotProductOutputBias(exp_a, exp_b, k);
  }

  void Run(const MatmulCommand& c, const std::string& name) {
    golden::VectorMemory want = uab_;
    const auto expected = golden::RunMatmul(c, sim::kReferencePuLimits, want, wsram_, aux_);
    ASSERT_EQ(expected.error, regs::ErrCode::kNone) << name;
    const sim::PuRun run = pu_.Run(golden::ToDescriptor(c), 20'000'000);
    ASSERT_FALSE(run.timed_out) << name << " hung";
    ASSERT_EQ(run.error, regs::ErrCode::kNone) << name;
    EXPECT_EQ(run.perf.vmacs_skipped, expected.vmacs_skipped) << name;
    // The schedule of docs/architecture.md section 8 at ALBERT-base shapes, exactly.
    const cycles::MatmulTiming timing = cycles::MatmulCycles(c, kN, sim::kReferenceAccRows);
    EXPECT_EQ(run.cycles, timing.cycles) << name << " cycles";
    EXPECT_EQ(run.perf.busy_cycles, timing.cycles) << name << " busy cycles";
    EXPECT_EQ(run.perf.stall_cycles, timing.stall_cycles) << name << " stall cycles";
    EXPECT_EQ(sim::FirstMatmulMismatch(c, uab_, want,
                                       [this](uint32_t v) { return pu_.LastWriteCycle(v); }),
              "")
        << name;
    const double ideal = static_cast<double>(c.m) * c.n * c.k / (kN * kN);
    std::printf(
        "  %-34s %4ux%4ux%4u  %9llu cycles  utilization %5.1f%%  skipped %4.1f%%\n", name.c_str(),
        c.m, c.n, c.k, static_cast<unsigned long long>(run.cycles),
        100 * ideal / static_cast<double>(run.perf.busy_cycles),
        100.0 * static_cast<double>(run.perf.vmacs_skipped) / static_cast<double>(run.perf.vmacs));
  }

  MatmulCommand Linear(uint32_t a, uint32_t a_stride, int exp_a, uint32_t b, uint32_t n, uint32_t k,
                       int exp_b, uint32_t c_addr, uint32_t c_stride) {
    MatmulCommand c;
    c.m = kT;
    c.n = n;
    c.k = k;
    c.exp_a = exp_a;
    c.exp_b = exp_b;
    c.exp_c = OutputBias(exp_a, exp_b, k);
    c.a_addr = a;
    c.a_stride = a_stride;
    c.b_addr = b;
    c.b_stride = k / kN;
    c.c_addr = c_addr;
    c.c_stride = c_stride;
    return c;
  }

  golden::VectorMemory uab_;
  golden::VectorMemory wsram_;
  golden::AuxMemory aux_;
  sim::ReferencePu pu_;
  std::mt19937 rng_{2026};
};

TEST_F(PuAlbertLayer, EncoderLayerMatmulsAreBitExact) {
  // The layer input: LayerNorm-like unit-scale activations.
  std::normal_distribution<float> unit(0.0f, 1.0f);
  std::vector<float> x(size_t{kT} * kHidden);
  for (auto& v : x) v = unit(rng_);
  const auto qx = af8::Quantize(x);
  uab_.StoreTensor(kX, kRow, kT, kHidden, qx.codes);

  const uint32_t wq = 0, wk = wq + kHidden * kRow, wv = wk + kHidden * kRow,
                 w1 = wv + kHidden * kRow;
  const int eq = StoreWeights(wq, kHidden, kHidden, 0.5);
  const int ek = StoreWeights(wk, kHidden, kHidden, 0.5);
  const int ev = StoreWeights(wv, kHidden, kHidden, 0.5);
  const int e1 = StoreWeights(w1, kFfn, kHidden, 0.8);

  // Q with a bias vector; K dense-ish; V stored transposed for the context matmul.
  MatmulCommand q = Linear(kX, kRow, qx.bias, wq, kHidden, kHidden, eq, kQ, kRow);
  q.has_bias = true;
  std::vector<int32_t> bias(kHidden);
  std::normal_distribution<double> bias_dist(0.0, std::ldexp(1.0, q.exp_c + 4));
  for (auto& b : bias) {
    b = af8::QuantizeBias(bias_dist(rng_), af8::ProductExponent(q.exp_a, q.exp_b));
  }
  aux_.WriteInt32s(0, bias);
  Run(q, "Q = X Wq^T + bq (50% sparse)");
  const MatmulCommand k = Linear(kX, kRow, qx.bias, wk, kHidden, kHidden, ek, kK, kRow);
  Run(k, "K = X Wk^T (50% sparse)");
  MatmulCommand v = Linear(kX, kRow, qx.bias, wv, kHidden, kHidden, ev, kVt, kT / kN);
  v.trans_c = true;
  Run(v, "V^T = (X Wv^T)^T (TRANS_C)");

  for (const uint32_t h : {0u, kHeads - 1}) {
    // S_h = Q_h K_h^T: head slices by vector offset, K read from the UAB as it is.
    MatmulCommand s;
    s.m = kT;
    s.n = kT;
    s.k = kHeadDim;
    s.b_in_uab = true;
    s.exp_a = q.exp_c;
    s.exp_b = k.exp_c;
    s.exp_c = OutputBias(s.exp_a, s.exp_b, kHeadDim);
    s.a_addr = kQ + h * kHeadDim / kN;
    s.a_stride = kRow;
    s.b_addr = kK + h * kHeadDim / kN;
    s.b_stride = kRow;
    s.c_addr = kS;
    s.c_stride = kT / kN;
    Run(s, "S_h = Q_h K_h^T, head " + std::to_string(h));
    // ctx_h = S_h V_h (V^T rows of head h), written into the head's slice of the context.
    MatmulCommand ctx;
    ctx.m = kT;
    ctx.n = kHeadDim;
    ctx.k = kT;
    ctx.b_in_uab = true;
    ctx.exp_a = s.exp_c;
    ctx.exp_b = v.exp_c;
    ctx.exp_c = OutputBias(ctx.exp_a, ctx.exp_b, kT);
    ctx.a_addr = kS;
    ctx.a_stride = kT / kN;
    ctx.b_addr = kVt + h * kHeadDim * (kT / kN);
    ctx.b_stride = kT / kN;
    ctx.c_addr = kCtx + h * kHeadDim / kN;
    ctx.c_stride = kRow;
    Run(ctx, "ctx_h = S_h V_h, head " + std::to_string(h));
  }

  // FFN: GELU fused into the first matmul through its table; the second reduces over 3072.
  MatmulCommand f1 = Linear(kX, kRow, qx.bias, w1, kFfn, kHidden, e1, kF, kFfn / kN);
  f1.act = static_cast<uint32_t>(af8::Activation::kGelu);
  f1.exp_pre = f1.exp_c;
  f1.act_table_addr = 0x1000;
  aux_.WriteBytes(f1.act_table_addr,
                  af8::MakeActivationTable(af8::Activation::kGelu, f1.exp_pre, f1.exp_c));
  Run(f1, "F = GELU(X W1^T) (80% sparse)");
  const int e2 = StoreWeights(0, kHidden, kFfn, 0.5);  // reuses the WSRAM from 0
  const MatmulCommand f2 = Linear(kF, kFfn / kN, f1.exp_c, 0, kHidden, kFfn, e2, kO2, kRow);
  Run(f2, "O2 = F W2^T (K = 3072, 50% sparse)");
}

}  // namespace
}  // namespace edgebert
