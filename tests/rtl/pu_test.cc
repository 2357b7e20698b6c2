// The Verilated PU against the golden model, for every supported n: random shapes, sparsity,
// biases, activations and layouts; corner cases; invalid commands. Every output byte is compared.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <memory>
#include <random>
#include <sstream>
#include <vector>

#include "Vpu_n16.h"
#include "Vpu_n32.h"
#include "Vpu_n4.h"
#include "Vpu_n8.h"
#include "golden/command_cycles.h"
#include "golden/pu_golden.h"
#include "harness/mismatch_report.h"
#include "harness/pu_harness.h"
#include "numerics/af8.h"
#include "numerics/af8_activation.h"
#include "numerics/af8_mac.h"
#include "numerics/sparse.h"

namespace edgebert {
namespace {

using golden::MatmulCommand;
using regs::ErrCode;

// Memory sizes the models are built with (tests/rtl/CMakeLists.txt).
constexpr uint32_t kUabVectors = 16384;
constexpr uint32_t kWsramVectors = 65536;
constexpr uint32_t kAuxBytes = 4096;

template <typename ModelT, int kLanesT, int kAccRowsT>
struct PuConfig {
  using Model = ModelT;
  static constexpr int kLanes = kLanesT;
  static constexpr int kAccRows = kAccRowsT;
};

template <typename Config>
class PuTest : public ::testing::Test {
 protected:
  static constexpr int kLanes = Config::kLanes;
  static constexpr auto kN = static_cast<uint32_t>(Config::kLanes);

  PuTest()
      : limits_{kLanes, kUabVectors, kWsramVectors, kAuxBytes},
        uab_("uab", kLanes, kUabVectors),
        wsram_("wsram", kLanes, kWsramVectors),
        aux_(kAuxBytes),
        harness_(
            std::make_unique<sim::PuHarness<typename Config::Model>>(kLanes, uab_, wsram_, aux_)) {}

  // Runs `command` on the RTL and on the golden model from the same memories and compares the
  // error, the counters and every UAB vector.
  void Check(const MatmulCommand& command, const std::string& what) {
    SCOPED_TRACE(what);
    golden::VectorMemory golden_uab = uab_;
    const golden::MatmulResult want = golden::RunMatmul(command, limits_, golden_uab, wsram_, aux_);
    // A command never needs more than this; past it the RTL hung.
    const uint64_t budget =
        64 + 4ull * (uint64_t{command.m} + kN) * (command.n / kN + 1) * (command.k / kN + 1);
    const sim::PuRun got = harness_->Run(golden::ToDescriptor(command), budget);
    ASSERT_FALSE(got.timed_out) << "MATMUL hung: no done within " << budget << " cycles";
    ASSERT_EQ(got.error, want.error) << "MATMUL error code";
    // Simulated cycles are deterministic: the documented schedule holds exactly.
    const cycles::MatmulTiming timing = want.error == ErrCode::kNone
                                            ? cycles::MatmulCycles(command, kN, Config::kAccRows)
                                            : cycles::MatmulTiming{};
    EXPECT_EQ(got.cycles, timing.cycles) << "MATMUL cycles";
    EXPECT_EQ(got.perf.busy_cycles, timing.cycles) << "MATMUL busy cycles";
    EXPECT_EQ(got.perf.stall_cycles, timing.stall_cycles) << "MATMUL stall cycles";
    EXPECT_EQ(got.perf.mac_cycles, want.vmacs / kN) << "MATMUL cycles: one VMAC step a cycle";
    last_run_ = got;
    if (want.error == ErrCode::kNone) {
      EXPECT_EQ(got.perf.vmacs, want.vmacs) << "MATMUL VMAC count";
      EXPECT_EQ(got.perf.vmacs_skipped, want.vmacs_skipped) << "MATMUL skipped VMACs";
      EXPECT_EQ(got.perf.saturations, want.saturations) << "MATMUL saturations";
    }
    CompareUab(command, golden_uab);
  }

  void CompareUab(const MatmulCommand& c, const golden::VectorMemory& want) {
    const std::string mismatch = sim::FirstMatmulMismatch(
        c, uab_, want, [this](uint32_t v) { return harness_->LastWriteCycle(v); });
    EXPECT_EQ(mismatch, "");
  }

  // Random codes; `zero_fraction` of elements and half as many whole vectors are zero.
  std::vector<uint8_t> RandomTensor(uint32_t rows, uint32_t cols, double zero_fraction) {
    std::uniform_real_distribution<double> u(0.0, 1.0);
    std::vector<uint8_t> codes(size_t{rows} * cols);
    for (size_t v = 0; v < codes.size() / kN; ++v) {
      const bool zero_vector = u(rng_) < zero_fraction / 2;
      for (size_t l = 0; l < kN; ++l) {
        uint8_t& code = codes[v * kN + l];
        if (zero_vector || u(rng_) < zero_fraction) {
          code = (rng_() & 1) ? 0x00 : 0x80;
        } else {
          code = static_cast<uint8_t>(1 + rng_() % 255);
        }
      }
    }
    return codes;
  }

  int Clamp(int bias) { return std::clamp(bias, af8::kBiasMin, af8::kBiasMax); }

  // A random valid command with operands, bias and table placed in memory.
  MatmulCommand RandomCommand(uint32_t m, uint32_t n, uint32_t k, double sparsity) {
    MatmulCommand c;
    c.m = m;
    c.n = n;
    c.k = k;
    c.trans_c = (m % kN == 0) && (rng_() & 1);
    c.b_in_uab = (rng_() % 3) == 0;
    c.has_bias = (rng_() & 1);
    c.act = static_cast<uint32_t>(rng_() % 3);
    c.exp_a = static_cast<int>(rng_() % 11) - 10;
    c.exp_b = static_cast<int>(rng_() % 11) - 10;
    // Typical |sum| ~ 2^(exp_a + exp_b + 10) * sqrt(K); land the output range around it.
    const int typical = c.exp_a + c.exp_b + 10 + static_cast<int>(std::log2(k) / 2);
    c.exp_c = Clamp(typical - 8 + static_cast<int>(rng_() % 7) - 3);
    c.exp_pre = Clamp(typical - 8 + static_cast<int>(rng_() % 5) - 2);

    const uint32_t groups = k / kN;
    c.a_addr = static_cast<uint32_t>(rng_() % 16);
    c.a_stride = groups + static_cast<uint32_t>(rng_() % 3);
    uab_.StoreTensor(c.a_addr, c.a_stride, static_cast<int>(m), static_cast<int>(k),
                     RandomTensor(m, k, sparsity));
    uint32_t next_free = c.a_addr + (m - 1) * c.a_stride + groups;
    c.b_stride = groups + static_cast<uint32_t>(rng_() % 3);
    c.b_addr = c.b_in_uab ? next_free + static_cast<uint32_t>(rng_() % 8)
                          : static_cast<uint32_t>(rng_() % 64);
    (c.b_in_uab ? uab_ : wsram_)
        .StoreTensor(c.b_addr, c.b_stride, static_cast<int>(n), static_cast<int>(k),
                     RandomTensor(n, k, sparsity));
    if (c.b_in_uab) next_free = c.b_addr + (n - 1) * c.b_stride + groups;
    const uint32_t c_rows = c.trans_c ? n : m;
    const uint32_t c_groups = (c.trans_c ? m : n) / kN;
    c.c_addr = next_free + static_cast<uint32_t>(rng_() % 8);
    c.c_stride = c_groups + static_cast<uint32_t>(rng_() % 3);
    EXPECT_LE(c.c_addr + (c_rows - 1) * c.c_stride + c_groups, kUabVectors) << "test layout";

    if (c.has_bias) {
      c.bias_addr = 4 * static_cast<uint32_t>(rng_() % 64);
      std::vector<int32_t> bias(n);
      const double scale = std::ldexp(1.0, typical - af8::ProductExponent(c.exp_a, c.exp_b));
      std::normal_distribution<double> d(0.0, scale);
      for (auto& b : bias) b = static_cast<int32_t>(std::clamp(d(rng_), -2e9, 2e9));
      aux_.WriteInt32s(c.bias_addr, bias);
    }
    if (c.act != 0) {
      c.act_table_addr = kAuxBytes - 256 - 4 * static_cast<uint32_t>(rng_() % 64);
      const auto table =
          af8::MakeActivationTable(static_cast<af8::Activation>(c.act), c.exp_pre, c.exp_c);
      aux_.WriteBytes(c.act_table_addr, table);
    }
    return c;
  }

  std::string Describe(const MatmulCommand& c, double sparsity) {
    std::ostringstream s;
    s << "n=" << kN << " M=" << c.m << " N=" << c.n << " K=" << c.k << " sparsity " << sparsity
      << " act " << c.act << (c.trans_c ? " TRANS_C" : "") << (c.b_in_uab ? " B_IN_UAB" : "")
      << (c.has_bias ? " bias" : "") << " exps " << c.exp_a << "," << c.exp_b << "," << c.exp_c
      << "," << c.exp_pre;
    return s.str();
  }

  golden::PuLimits limits_;
  golden::VectorMemory uab_;
  golden::VectorMemory wsram_;
  golden::AuxMemory aux_;
  std::unique_ptr<sim::PuHarness<typename Config::Model>> harness_;
  sim::PuRun last_run_;  // of the last Check
  std::mt19937 rng_{1234};
};

using Configs = ::testing::Types<PuConfig<Vpu_n4, 4, 8>, PuConfig<Vpu_n8, 8, 16>,
                                 PuConfig<Vpu_n16, 16, 32>, PuConfig<Vpu_n32, 32, 64>>;
TYPED_TEST_SUITE(PuTest, Configs);

TYPED_TEST(PuTest, RandomShapesSparsityBiasesAndActivations) {
  const uint32_t n = this->kN;
  const uint32_t acc_rows = static_cast<uint32_t>(TypeParam::kAccRows);
  for (int trial = 0; trial < 16; ++trial) {
    const double sparsity = 0.95 * trial / 15;
    // Rows past one accumulator block, several column blocks and K groups.
    const auto m = static_cast<uint32_t>(1 + this->rng_() % (2 * acc_rows + 3));
    const auto cols = static_cast<uint32_t>(n * (1 + this->rng_() % 4));
    const auto k = static_cast<uint32_t>(n * (1 + this->rng_() % 6));
    const MatmulCommand c =
        this->RandomCommand(trial % 4 == 0 ? n * (m / n + 1) : m, cols, k, sparsity);
    this->Check(c, this->Describe(c, sparsity));
    if (this->HasFatalFailure() || this->HasFailure()) return;
  }
}

TYPED_TEST(PuTest, TileBoundariesAtEveryEdge) {
  const uint32_t n = this->kN;
  const uint32_t acc = static_cast<uint32_t>(TypeParam::kAccRows);
  const uint32_t rows[] = {1, 2, n - 1, n, n + 1, acc - 1, acc, acc + 1, 2 * acc};
  for (const uint32_t m : rows) {
    for (const uint32_t cols : {n, 2 * n}) {
      for (const uint32_t k : {n, 3 * n}) {
        const MatmulCommand c = this->RandomCommand(m, cols, k, 0.3);
        this->Check(c, this->Describe(c, 0.3));
        if (this->HasFailure()) return;
      }
    }
  }
}

// Row counts on both sides of every regime of the schedule: tile-bound passes (R <= n - 3),
// the mixed range, stream-bound passes (R >= n + 3), and a last row block of each kind after
// full ones. Besides the schedule (checked by Check on every command), the closed forms of
// docs/architecture.md section 8 hold where they apply.
TYPED_TEST(PuTest, CyclesFollowTheDocumentedScheduleExactly) {
  const uint32_t n = this->kN;
  const auto acc = static_cast<uint32_t>(TypeParam::kAccRows);
  int stream_bound = 0, tile_bound = 0;
  for (const uint32_t m : {1u, n - 3, n - 1, n, n + 2, n + 3, acc, acc + 1, acc + n + 3, 2 * acc}) {
    for (int trial = 0; trial < 2; ++trial) {
      const auto cols = static_cast<uint32_t>(n * (1 + this->rng_() % 3));
      const auto k = static_cast<uint32_t>(n * (1 + this->rng_() % 5));
      const MatmulCommand c = this->RandomCommand(m, cols, k, 0.3);
      this->Check(c, this->Describe(c, 0.3));
      if (this->HasFailure()) return;
      const uint64_t cycles = this->last_run_.cycles;
      const uint64_t fixed = 8 + (c.act != 0 ? 65 : 0) + (c.trans_c ? n : 0);
      const uint64_t passes_per_block = uint64_t{cols / n} * (k / n);
      if (acc >= n + 3 && (m % acc == 0 || m % acc >= n + 3)) {
        EXPECT_EQ(cycles, uint64_t{m} * cols * k / (n * n) + n + fixed) << "stream-bound, M=" << m;
        ++stream_bound;
      }
      if (m <= acc && m + 3 <= n) {
        EXPECT_EQ(cycles, passes_per_block * n + m + fixed) << "tile-bound, M=" << m;
        ++tile_bound;
      }
    }
  }
  EXPECT_GT(stream_bound, 0);
  EXPECT_GT(tile_bound, 0);
}

TYPED_TEST(PuTest, AllZeroOperandsSkipEveryVmac) {
  const uint32_t n = this->kN;
  MatmulCommand c = this->RandomCommand(2 * n, 2 * n, 2 * n, 1.0);
  c.act = 0;
  this->Check(c, "all-zero operands");
}

TYPED_TEST(PuTest, LargestKWithMaximalMagnitudesStaysExact) {
  const uint32_t n = this->kN;
  MatmulCommand c;
  c.m = 1;
  c.n = n;
  c.k = golden::kMaxMatmulK;
  c.has_bias = true;
  c.exp_a = 0;
  c.exp_b = 0;
  c.exp_c = af8::kBiasMax;
  c.a_stride = c.k / n;
  c.b_stride = c.k / n;
  c.c_addr = c.k / n;
  c.c_stride = 1;
  this->uab_.StoreTensor(0, c.a_stride, 1, static_cast<int>(c.k),
                         std::vector<uint8_t>(c.k, af8::kMaxPositiveCode));
  // Rows alternate +max and -max: the sums sit at both ends of the accumulator's exact range.
  std::vector<uint8_t> b(size_t{n} * c.k);
  for (size_t j = 0; j < n; ++j) {
    std::fill_n(b.begin() + static_cast<std::ptrdiff_t>(j * c.k), c.k,
                j % 2 ? af8::kMaxNegativeCode : af8::kMaxPositiveCode);
  }
  this->wsram_.StoreTensor(0, c.b_stride, static_cast<int>(n), static_cast<int>(c.k), b);
  std::vector<int32_t> bias(n);
  for (size_t j = 0; j < n; ++j) bias[j] = j % 2 ? INT32_MIN : INT32_MAX;
  this->aux_.WriteInt32s(0, bias);
  this->Check(c, "K = 32768, all +-max");
  // Re-quantized to a small bias the same sums saturate, with the right signs.
  c.exp_c = 0;
  this->Check(c, "K = 32768, saturating");
}

TYPED_TEST(PuTest, CancellingSignsGiveZero) {
  const uint32_t n = this->kN;
  MatmulCommand c = this->RandomCommand(n, n, 2 * n, 0.0);
  c.has_bias = false;
  c.act = 0;
  // Each B row is [x, -x]: its dot product with a row [a, a] cancels exactly.
  std::vector<uint8_t> a = this->RandomTensor(n, n, 0.0), a2(size_t{n} * 2 * n);
  std::vector<uint8_t> b = this->RandomTensor(n, n, 0.0), b2(size_t{n} * 2 * n);
  for (size_t r = 0; r < n; ++r) {
    for (size_t l = 0; l < n; ++l) {
      a2[r * 2 * n + l] = a2[r * 2 * n + n + l] = a[r * n + l];
      b2[r * 2 * n + l] = b[r * n + l];
      b2[r * 2 * n + n + l] = af8::Negate(b[r * n + l]);
    }
  }
  this->uab_.StoreTensor(c.a_addr, c.a_stride, static_cast<int>(n), static_cast<int>(2 * n), a2);
  (c.b_in_uab ? this->uab_ : this->wsram_)
      .StoreTensor(c.b_addr, c.b_stride, static_cast<int>(n), static_cast<int>(2 * n), b2);
  this->Check(c, "cancelling signs");
}

TYPED_TEST(PuTest, InvalidCommandsRaiseErrorsWithoutWritingOrHanging) {
  const uint32_t n = this->kN;
  const MatmulCommand good = this->RandomCommand(n, n, n, 0.2);
  struct Case {
    const char* name;
    void (*mutate)(MatmulCommand&, uint32_t n);
  };
  const Case cases[] = {
      {"M = 0", [](MatmulCommand& c, uint32_t) { c.m = 0; }},
      {"N = 0", [](MatmulCommand& c, uint32_t) { c.n = 0; }},
      {"K = 0", [](MatmulCommand& c, uint32_t) { c.k = 0; }},
      {"N not a multiple of n", [](MatmulCommand& c, uint32_t lanes) { c.n = lanes + 1; }},
      {"K not a multiple of n", [](MatmulCommand& c, uint32_t lanes) { c.k = lanes / 2; }},
      {"K above 32768", [](MatmulCommand& c, uint32_t lanes) { c.k = 32768 + lanes; }},
      {"TRANS_C with M not a multiple of n",
       [](MatmulCommand& c, uint32_t) {
         c.trans_c = true;
         c.m = 3;
       }},
      {"A past the UAB", [](MatmulCommand& c, uint32_t) { c.a_addr = kUabVectors - 1; }},
      {"A stride past the UAB",
       [](MatmulCommand& c, uint32_t) {
         c.a_stride = 0xFFFF;
         c.m = 2;
       }},
      {"B past the WSRAM",
       [](MatmulCommand& c, uint32_t) {
         c.b_in_uab = false;
         c.b_addr = 0xFFFFFF;
       }},
      {"B past the UAB",
       [](MatmulCommand& c, uint32_t) {
         c.b_in_uab = true;
         c.b_addr = kUabVectors;
       }},
      {"C past the UAB", [](MatmulCommand& c, uint32_t) { c.c_addr = kUabVectors; }},
      {"bias past the aux buffer",
       [](MatmulCommand& c, uint32_t) {
         c.has_bias = true;
         c.bias_addr = kAuxBytes - 4;
       }},
      {"unaligned bias",
       [](MatmulCommand& c, uint32_t) {
         c.has_bias = true;
         c.bias_addr = 2;
       }},
      {"table past the aux buffer",
       [](MatmulCommand& c, uint32_t) {
         c.act = 1;
         c.act_table_addr = kAuxBytes - 128;
       }},
      {"reserved activation", [](MatmulCommand& c, uint32_t) { c.act = 3; }},
  };
  for (const auto& test_case : cases) {
    MatmulCommand c = good;
    test_case.mutate(c, n);
    ASSERT_NE(golden::Validate(c, this->limits_), ErrCode::kNone) << test_case.name;
    this->Check(c, test_case.name);
    if (this->HasFailure()) return;
  }
  // A descriptor whose opcode is not MATMUL.
  golden::Descriptor words = golden::ToDescriptor(good);
  words[0] = regs::Set(regs::cmd::kOpcode, words[0], 2);
  const sim::PuRun run = this->harness_->Run(words, 100);
  ASSERT_FALSE(run.timed_out);
  EXPECT_EQ(run.error, ErrCode::kBadOpcode);
  EXPECT_EQ(run.cycles, cycles::kRejected) << "rejected in its check cycle";
  // The PU still works after errors.
  this->Check(good, "valid command after errors");
}

}  // namespace
}  // namespace edgebert
