// The Verilated LayerNorm unit (rtl/gb/gb_layernorm.sv) against golden::RunGb for n = 4, 16 and
// 32: random rows at many exponent biases, long rows, constant, zero, nearly constant and
// extreme rows, the epsilon regime, in-place and overlapping layouts, saturation and invalid
// commands. Every UAB vector, the error code and the saturation count are compared. Its divider
// (2^62 / D_m) and square root are also checked on their own against exact integers.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <functional>
#include <iostream>
#include <memory>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "Vgb_divider.h"
#include "Vgb_isqrt.h"
#include "Vgb_layernorm_n16.h"
#include "Vgb_layernorm_n32.h"
#include "Vgb_layernorm_n4.h"
#include "golden/command_cycles.h"
#include "golden/gb_command.h"
#include "golden/gb_golden.h"
#include "harness/mismatch_report.h"
#include "harness/rtl_assert.h"
#include "harness/unit_harness.h"
#include "numerics/af8.h"
#include "numerics/af8_rowops.h"
#include "numerics/sparse.h"

namespace edgebert {
namespace {

using golden::GbCommand;
using regs::ErrCode;

// Memory sizes the models are built with (tests/rtl/CMakeLists.txt).
constexpr uint32_t kUabVectors = 16384;
constexpr uint32_t kAuxBytes = 16384;

template <typename ModelT, int kLanesT>
struct LayerNormConfig {
  using Model = ModelT;
  static constexpr int kLanes = kLanesT;
};

std::string Hex(uint32_t value) {
  std::ostringstream s;
  s << "0x" << std::hex << value;
  return s.str();
}

// The first UAB vector where the RTL's memory differs from the golden model's, named by its
// place in DST (row, column) when it lies there; empty when every vector is equal.
std::string FirstMismatch(const GbCommand& c, const golden::VectorMemory& got,
                          const golden::VectorMemory& want,
                          const std::function<int64_t(uint32_t)>& write_cycle) {
  const sim::ResultRegion region{"LAYERNORM", "DST", c.dst_addr, c.dst_stride, c.rows, c.cols};
  return sim::FirstMismatch(region, got, want, write_cycle);
}

template <typename Config>
class GbLayerNormTest : public ::testing::Test {
 protected:
  static constexpr int kLanes = Config::kLanes;
  static constexpr auto kN = static_cast<uint32_t>(Config::kLanes);

  GbLayerNormTest()
      : limits_{kLanes, kUabVectors, 1, kAuxBytes},
        uab_("uab", kLanes, kUabVectors),
        wsram_("wsram", kLanes, 1),
        aux_(kAuxBytes),
        harness_(std::make_unique<sim::UnitHarness<typename Config::Model>>(kLanes, uab_, wsram_,
                                                                            aux_)) {
    // Random background, so that a stray or missing write shows.
    uab_.StoreTensor(0, 1, static_cast<int>(kUabVectors), kLanes,
                     RandomCodes(size_t{kUabVectors} * kN, 0.3));
    aux_.WriteBytes(0, RandomCodes(kAuxBytes, 0.1));
  }

  // More cycles than any correct run needs (two passes of a row plus the divider and square root
  // per row, the gamma/beta load); past it the RTL hung.
  static uint64_t Budget(const GbCommand& c) {
    const uint64_t groups = c.cols / kN;
    return 256 + c.cols / 2 + uint64_t{c.rows} * (2 * groups + 128);
  }

  // Runs `c` on the RTL and on the golden model from copies of the same memories; compares the
  // error, the saturation count and every UAB vector.
  sim::PuRun Check(const GbCommand& c, const std::string& what) {
    SCOPED_TRACE(what);
    golden::VectorMemory want_uab = uab_;
    golden::AuxMemory want_aux = aux_;
    const golden::VectorMemory uab_before = uab_;
    const golden::GbResult want = golden::RunGb(c, limits_, want_uab, want_aux);
    const sim::PuRun got = harness_->Run(golden::ToDescriptor(c), Budget(c));
    EXPECT_FALSE(got.timed_out) << "LAYERNORM hung: no done within " << Budget(c) << " cycles";
    if (got.timed_out) return got;
    EXPECT_EQ(got.error, want.error) << "LAYERNORM error code";
    EXPECT_EQ(got.perf.saturations, want.saturations) << "LAYERNORM saturations";
    // Simulated cycles are deterministic: the documented schedule holds exactly.
    const uint64_t cycles = want.error != ErrCode::kNone
                                ? cycles::kRejected
                                : cycles::GbCycles(c, kN, limits_, uab_before, aux_);
    EXPECT_EQ(got.cycles, cycles) << "LAYERNORM cycles";
    EXPECT_EQ(got.perf.busy_cycles, cycles) << "LAYERNORM busy cycles";
    EXPECT_EQ(FirstMismatch(c, uab_, want_uab,
                            [this](uint32_t v) { return harness_->LastWriteCycle(v); }),
              "");
    return got;
  }

  // Random codes; `zero_fraction` of them are zero (either zero code).
  std::vector<uint8_t> RandomCodes(size_t count, double zero_fraction) {
    std::uniform_real_distribution<double> u(0.0, 1.0);
    std::vector<uint8_t> codes(count);
    for (uint8_t& code : codes) {
      if (u(rng_) < zero_fraction) {
        code = (rng_() & 1) ? 0x00 : 0x80;
      } else {
        code = static_cast<uint8_t>(1 + rng_() % 255);
        if (af8::IsZero(code)) code = 0x01;
      }
    }
    return codes;
  }

  int Uniform(int lo, int hi) {
    return lo + static_cast<int>(rng_() % static_cast<unsigned>(hi - lo + 1));
  }
  static int Clamp(int bias) { return std::clamp(bias, af8::kBiasMin, af8::kBiasMax); }

  // Random exponent biases: any EXP_IN, gamma and beta within the alignment limit, EXP_OUT near
  // the larger of gamma * (a few) and beta, so that results land in range with some rounding to
  // zero and some saturation.
  void RandomExponents(GbCommand& c) {
    c.exp_in = Uniform(af8::kBiasMin, af8::kBiasMax);
    c.exp_gamma = Uniform(-12, 8);
    c.exp_beta = Clamp(c.exp_gamma + Uniform(-af8::kMaxAlignment, af8::kMaxAlignment));
    c.exp_out = Clamp(std::max(c.exp_gamma + 2, c.exp_beta) + Uniform(-3, 3));
  }

  // Places SRC (random strides of at least a row), a disjoint DST and gamma/beta, stores `x`
  // (rows x cols codes), and random gamma and beta codes.
  GbCommand Place(uint32_t rows, uint32_t cols, const std::vector<uint8_t>& x) {
    GbCommand c;
    c.opcode = regs::Opcode::kLayernorm;
    c.rows = rows;
    c.cols = cols;
    const uint32_t groups = cols / kN;
    c.src_addr = static_cast<uint32_t>(rng_() % 16);
    c.src_stride = groups + static_cast<uint32_t>(rng_() % 3);
    c.dst_addr =
        c.src_addr + (rows - 1) * c.src_stride + groups + static_cast<uint32_t>(rng_() % 8);
    c.dst_stride = groups + static_cast<uint32_t>(rng_() % 3);
    EXPECT_LE(c.dst_addr + (rows - 1) * c.dst_stride + groups, kUabVectors) << "test layout";
    c.aux_addr = 4 * static_cast<uint32_t>(rng_() % 256);
    c.beta_addr = c.aux_addr + cols + 4 * static_cast<uint32_t>(rng_() % 256);
    RandomExponents(c);
    StoreRows(c, x);
    aux_.WriteBytes(c.aux_addr, RandomCodes(cols, 0.05));
    aux_.WriteBytes(c.beta_addr, RandomCodes(cols, 0.1));
    return c;
  }

  void StoreRows(const GbCommand& c, const std::vector<uint8_t>& x) {
    uab_.StoreTensor(c.src_addr, c.src_stride, static_cast<int>(c.rows), static_cast<int>(c.cols),
                     x);
  }

  std::string Describe(const GbCommand& c) const {
    std::ostringstream s;
    s << "n=" << kN << " rows=" << c.rows << " cols=" << c.cols << " exps in/gamma/beta/out "
      << c.exp_in << "/" << c.exp_gamma << "/" << c.exp_beta << "/" << c.exp_out << " src "
      << c.src_addr << "+" << c.src_stride << " dst " << c.dst_addr << "+" << c.dst_stride
      << " gamma@" << c.aux_addr << " beta@" << c.beta_addr;
    return s.str();
  }

  golden::PuLimits limits_;
  golden::VectorMemory uab_;
  golden::VectorMemory wsram_;
  golden::AuxMemory aux_;
  std::unique_ptr<sim::UnitHarness<typename Config::Model>> harness_;
  std::mt19937 rng_{20261129};
};

using Configs =
    ::testing::Types<LayerNormConfig<Vgb_layernorm_n4, 4>, LayerNormConfig<Vgb_layernorm_n16, 16>,
                     LayerNormConfig<Vgb_layernorm_n32, 32>>;
TYPED_TEST_SUITE(GbLayerNormTest, Configs);

TYPED_TEST(GbLayerNormTest, RandomRowsAtManyExponents) {
  const uint32_t n = this->kN;
  for (int trial = 0; trial < 32; ++trial) {
    const auto rows = static_cast<uint32_t>(1 + this->rng_() % 5);
    const auto cols = n * static_cast<uint32_t>(1 + this->rng_() % (768 / n));
    const double zeros = 0.6 * (trial % 4) / 3;
    GbCommand c = this->Place(rows, cols, this->RandomCodes(size_t{rows} * cols, zeros));
    this->Check(c, this->Describe(c));
    if (this->HasFailure()) return;
  }
}

TYPED_TEST(GbLayerNormTest, Rows768And4096Columns) {
  GbCommand c = this->Place(4, 768, this->RandomCodes(4 * 768, 0.2));
  c.exp_in = -6;
  c.exp_gamma = -4;
  c.exp_beta = -6;
  c.exp_out = -2;
  this->Check(c, "4 x 768, " + this->Describe(c));
  if (this->HasFailure()) return;
  for (const int exp_in : {-32, 0, 31}) {
    GbCommand big = this->Place(1, 4096, this->RandomCodes(4096, 0.1));
    big.exp_in = exp_in;
    this->Check(big, "1 x 4096, " + this->Describe(big));
    if (this->HasFailure()) return;
  }
}

// A constant row has zero variance: y = 0 and the output is beta (exactly, at EXP_OUT =
// EXP_BETA), whether or not epsilon is large enough to make D nonzero.
TYPED_TEST(GbLayerNormTest, ConstantAndZeroRowsGiveBeta) {
  const uint32_t n = this->kN;
  const uint8_t constants[] = {0x00, 0x80, 0x01, 0x81, 0x7F, 0xFF, 0x3A};
  for (const int exp_in : {-32, -26, -3, 0, 31}) {
    const auto rows = static_cast<uint32_t>(sizeof(constants));
    const uint32_t cols = std::max<uint32_t>(n, 96);
    std::vector<uint8_t> x;
    for (const uint8_t code : constants) x.insert(x.end(), cols, code);
    GbCommand c = this->Place(rows, cols, x);
    c.exp_in = exp_in;
    c.exp_out = c.exp_beta;
    this->Check(c, "constant rows, " + this->Describe(c));
    if (this->HasFailure()) return;
    const std::vector<uint8_t> got = this->uab_.LoadTensor(
        c.dst_addr, c.dst_stride, static_cast<int>(rows), static_cast<int>(cols));
    const auto beta = this->aux_.Bytes(c.beta_addr, cols);
    for (uint32_t r = 0; r < rows; ++r) {
      for (uint32_t i = 0; i < cols; ++i) {
        ASSERT_EQ(got[r * cols + i], af8::Canonical(beta[i]))
            << "row " << r << " col " << i << " exp_in " << exp_in << ": not beta";
      }
    }
  }
}

// 0x7F everywhere except one 0xFF (and the mirror image): the largest |C*x - S1| and |y|, with
// gamma and beta at the largest magnitudes and at both alignment extremes (+-24 binades).
TYPED_TEST(GbLayerNormTest, ExtremeRows) {
  const uint32_t n = this->kN;
  const uint32_t cols = 768;
  for (const int exp_in : {-32, 0, 31}) {
    for (const int gamma_minus_beta : {-24, 0, 24}) {
      std::vector<uint8_t> x;
      for (const uint32_t odd : {0u, cols / 2 + 1, cols - 1}) {
        for (uint32_t i = 0; i < cols; ++i) x.push_back(i == odd ? 0xFF : 0x7F);
        for (uint32_t i = 0; i < cols; ++i) x.push_back(i == odd ? 0x7F : 0xFF);
      }
      GbCommand c = this->Place(6, cols, x);
      c.exp_in = exp_in;
      c.exp_gamma = gamma_minus_beta > 0 ? 7 : -5;
      c.exp_beta = c.exp_gamma - gamma_minus_beta;
      c.exp_out = std::max(c.exp_gamma + 5, c.exp_beta);
      std::vector<uint8_t> extreme(cols);
      for (uint32_t i = 0; i < cols; ++i) extreme[i] = (i / n) % 2 ? 0xFF : 0x7F;
      this->aux_.WriteBytes(c.aux_addr, extreme);
      this->aux_.WriteBytes(c.beta_addr, extreme);
      this->Check(c, "extreme rows, " + this->Describe(c));
      if (this->HasFailure()) return;
    }
  }
}

// All codes equal but one a step away: D = C - 1 is tiny, so the normalisation shift k is
// negative (down to -15) and R large; at EXP_IN = -32 epsilon dominates D instead.
TYPED_TEST(GbLayerNormTest, NearlyConstantRows) {
  const uint32_t n = this->kN;
  for (const int exp_in : {-32, -28, -24, -10, 31}) {
    for (const uint32_t cols : {n, 64u, 768u}) {
      std::vector<uint8_t> x;
      for (const uint8_t odd : {uint8_t{0x02}, uint8_t{0x81}, uint8_t{0x00}}) {
        for (uint32_t i = 0; i < cols; ++i) x.push_back(i == cols / 3 ? odd : 0x01);
      }
      GbCommand c = this->Place(3, cols, x);
      c.exp_in = exp_in;
      this->Check(c, "nearly constant rows, " + this->Describe(c));
      if (this->HasFailure()) return;
    }
  }
}

// The smallest input biases: C^2 * 2^(-40 - 2(EXP_IN - 4)) is comparable to or larger than the
// variance term, for small and large codes; and the largest bias, where epsilon vanishes.
TYPED_TEST(GbLayerNormTest, EpsilonRegime) {
  const uint32_t n = this->kN;
  for (const int exp_in : {-32, -31, -30, -28, -26, -24, 31}) {
    for (const uint8_t top : {uint8_t{0x0F}, uint8_t{0x3F}, uint8_t{0x7F}}) {
      const uint32_t rows = 2;
      const uint32_t cols = 4 * std::max<uint32_t>(n, 32);
      std::vector<uint8_t> x(size_t{rows} * cols);
      for (uint8_t& code : x) {
        code = static_cast<uint8_t>((this->rng_() % (top + 1u)) | ((this->rng_() & 1) << 7));
      }
      GbCommand c = this->Place(rows, cols, x);
      c.exp_in = exp_in;
      this->Check(c, "epsilon regime, top code " + Hex(top) + ", " + this->Describe(c));
      if (this->HasFailure()) return;
    }
  }
}

TYPED_TEST(GbLayerNormTest, InPlaceStridesAndOverlaps) {
  const uint32_t n = this->kN;
  const uint32_t cols = 12 * n;
  const uint32_t groups = cols / n;
  const uint32_t rows = 5;
  struct Layout {
    const char* name;
    uint32_t src_addr, src_stride, dst_addr, dst_stride;
  };
  const Layout layouts[] = {
      {"in place, dense rows", 3, groups, 3, groups},
      {"in place, strides past the row", 7, groups + 5, 7, groups + 5},
      {"strides past the row, DST after SRC", 0, groups + 9, 6 * (groups + 9), 2 * groups + 1},
      {"DST before SRC", 8 * groups, groups + 1, 0, groups},
      {"every row from one SRC row (stride 0)", 0, 0, 2 * groups, groups},
      // Overlaps the golden model defines by its row order (each row read, then written).
      {"DST one row after SRC (cascade)", 2, groups, 2 + groups, groups},
      {"DST one row before SRC", 2 + groups, groups, 2, groups},
      {"in place, stride 0 (cascade)", 5, 0, 5, 0},
      {"DST == SRC, twice the stride", 1, groups, 1, 2 * groups},
      // A DST row overlapping its own SRC row at an offset: still read fully before written.
      {"DST = SRC + 1 vector", 4, groups + 3, 5, groups + 3},
      {"DST = SRC + half a row", 4, groups + 3, 4 + groups / 2, groups + 3},
      {"DST = SRC + 1 vector, dense rows", 4, groups, 5, groups},
      {"DST = SRC - 7 vectors", 11, groups + 2, 4, groups + 2},
      {"DST = SRC + half a row, stride 0", 4, 0, 4 + groups / 2, 0},
  };
  for (const Layout& l : layouts) {
    GbCommand c = this->Place(rows, cols, this->RandomCodes(size_t{rows} * cols, 0.2));
    c.src_addr = l.src_addr;
    c.src_stride = l.src_stride;
    c.dst_addr = l.dst_addr;
    c.dst_stride = l.dst_stride;
    // Rows stored in order: with stride 0 the last one stays.
    this->StoreRows(c, this->RandomCodes(size_t{rows} * cols, 0.2));
    this->Check(c, std::string(l.name) + ", " + this->Describe(c));
    if (this->HasFailure()) return;
  }
}

TYPED_TEST(GbLayerNormTest, SaturationIsCounted) {
  const uint32_t cols = 256;
  GbCommand c = this->Place(3, cols, this->RandomCodes(3 * cols, 0.1));
  c.exp_gamma = 4;
  c.exp_beta = 2;
  c.exp_out = -6;  // |result| up to ~2^12, largest output 31 * 2^-3
  const sim::PuRun run = this->Check(c, "saturating, " + this->Describe(c));
  EXPECT_GT(run.perf.saturations, 100u);
}

TYPED_TEST(GbLayerNormTest, InvalidCommandsRaiseErrorsWithoutWritingOrHanging) {
  const uint32_t n = this->kN;
  const GbCommand good = this->Place(3, 4 * n, this->RandomCodes(12 * n, 0.2));
  struct Case {
    const char* name;
    void (*mutate)(GbCommand&, uint32_t n);
  };
  const Case cases[] = {
      {"ROWS = 0", [](GbCommand& c, uint32_t) { c.rows = 0; }},
      {"COLS = 0", [](GbCommand& c, uint32_t) { c.cols = 0; }},
      {"COLS not a multiple of n", [](GbCommand& c, uint32_t lanes) { c.cols = lanes + 2; }},
      {"odd COLS", [](GbCommand& c, uint32_t lanes) { c.cols = 3 * lanes + 1; }},
      {"COLS above 4096", [](GbCommand& c, uint32_t lanes) { c.cols = 4096 + lanes; }},
      {"COLS far above 4096", [](GbCommand& c, uint32_t lanes) { c.cols = 65536 - lanes; }},
      {"EXP_GAMMA - EXP_BETA = 25",
       [](GbCommand& c, uint32_t) {
         c.exp_gamma = 5;
         c.exp_beta = -20;
       }},
      {"EXP_GAMMA - EXP_BETA = -25",
       [](GbCommand& c, uint32_t) {
         c.exp_gamma = -32;
         c.exp_beta = -7;
       }},
      {"EXP_GAMMA - EXP_BETA = 63",
       [](GbCommand& c, uint32_t) {
         c.exp_gamma = 31;
         c.exp_beta = -32;
       }},
      {"bad shape before bad exponent",
       [](GbCommand& c, uint32_t) {
         c.rows = 0;
         c.exp_gamma = 31;
         c.exp_beta = -32;
       }},
      {"bad exponent before bad address",
       [](GbCommand& c, uint32_t) {
         c.src_addr = kUabVectors;
         c.exp_gamma = 31;
         c.exp_beta = -32;
       }},
      {"SRC past the UAB", [](GbCommand& c, uint32_t) { c.src_addr = kUabVectors - 1; }},
      {"SRC far past the UAB", [](GbCommand& c, uint32_t) { c.src_addr = 0xFFFFFF; }},
      {"SRC stride past the UAB", [](GbCommand& c, uint32_t) { c.src_stride = 0xFFFF; }},
      {"DST past the UAB", [](GbCommand& c, uint32_t) { c.dst_addr = kUabVectors - 2; }},
      {"DST stride past the UAB",
       [](GbCommand& c, uint32_t) {
         c.dst_stride = 0x2000;
         c.rows = 3;
       }},
      {"gamma past the aux buffer", [](GbCommand& c, uint32_t) { c.aux_addr = kAuxBytes - 4; }},
      {"gamma far past the aux buffer", [](GbCommand& c, uint32_t) { c.aux_addr = 0xFFFC; }},
      {"beta past the aux buffer",
       [](GbCommand& c, uint32_t lanes) { c.beta_addr = kAuxBytes - 4 * lanes + 4; }},
      {"unaligned gamma", [](GbCommand& c, uint32_t) { c.aux_addr = 2; }},
      {"unaligned beta", [](GbCommand& c, uint32_t) { c.beta_addr = 4097; }},
  };
  for (const auto& test_case : cases) {
    GbCommand c = good;
    test_case.mutate(c, n);
    ASSERT_NE(golden::Validate(c, this->limits_), ErrCode::kNone) << test_case.name;
    this->Check(c, test_case.name);
    if (this->HasFailure()) return;
  }
  // Descriptors whose opcode is not LAYERNORM, including the other GB row commands.
  for (const uint32_t opcode : {0u, 1u, 2u, 4u, 8u, 9u, 0xFFu}) {
    golden::Descriptor words = golden::ToDescriptor(good);
    words[0] = regs::Set(regs::cmd::kOpcode, words[0], opcode);
    const golden::VectorMemory before = this->uab_;
    const sim::PuRun run = this->harness_->Run(words, 64);
    ASSERT_FALSE(run.timed_out) << "opcode " << opcode;
    EXPECT_EQ(run.error, ErrCode::kBadOpcode) << "opcode " << opcode;
    EXPECT_EQ(FirstMismatch(good, this->uab_, before,
                            [this](uint32_t v) { return this->harness_->LastWriteCycle(v); }),
              "")
        << "opcode " << opcode;
  }
  // The unit still works after errors, and the largest valid alignment is accepted.
  GbCommand edge = good;
  edge.exp_gamma = -8;
  edge.exp_beta = 16;
  this->Check(edge, "EXP_GAMMA - EXP_BETA = -24 after errors");
  edge.exp_gamma = 16;
  edge.exp_beta = -8;
  this->Check(edge, "EXP_GAMMA - EXP_BETA = 24");
}

// The reference LayerNorm shape: 128 tokens x 768 hidden (ALBERT-base), SRC and DST disjoint.
TYPED_TEST(GbLayerNormTest, Albert128x768Cycles) {
  // 128 rows where two copies fit the test UAB; fewer at n = 4 (same per-row behaviour).
  const uint32_t cols = 768;
  const uint32_t rows = std::min<uint32_t>(128, kUabVectors / (2 * (cols / this->kN)));
  GbCommand c = this->Place(rows, cols, this->RandomCodes(size_t{rows} * cols, 0.1));
  c.src_addr = 0;
  c.src_stride = cols / this->kN;
  c.dst_addr = rows * c.src_stride;
  c.dst_stride = c.src_stride;
  this->StoreRows(c, this->RandomCodes(size_t{rows} * cols, 0.1));
  const sim::PuRun run = this->Check(c, std::to_string(rows) + " x 768, " + this->Describe(c));
  std::cout << "[ cycles   ] LAYERNORM " << rows << " x 768 at n = " << this->kN << ": "
            << run.cycles << " cycles (" << run.perf.busy_cycles << " busy), "
            << static_cast<double>(run.cycles) / rows << " per row\n";
  this->RecordProperty("cycles", static_cast<int>(run.cycles));
  // Bound: both passes read the row once each (2 * 768/n vectors) plus the per-row math and
  // the gamma/beta load; far below the watchdog.
  EXPECT_LT(run.cycles, uint64_t{rows} * (2 * cols / this->kN + 64) + cols / 2 + 200);
}

// ---------------------------------------------------------------------------------------------
// The sequential divider and square root of the LayerNorm unit, at the widths it uses
// ---------------------------------------------------------------------------------------------

template <typename Model>
void Clock(Model& m) {
  m.clk_i = 1;
  m.eval();
  sim::CheckRtlAssertions(0);  // these unit tests count no cycles
  m.clk_i = 0;
  m.eval();
}

template <typename Model>
void Reset(Model& m) {
  m.clk_i = 0;
  m.rst_ni = 0;
  m.start_i = 0;
  m.eval();
  Clock(m);
  m.rst_ni = 1;
  m.eval();
}

// Starts the unit and clocks it until done_o; returns the cycles after the start (-1: none).
template <typename Model>
int RunToDone(Model& m) {
  m.start_i = 1;
  Clock(m);
  m.start_i = 0;
  for (int cycles = 1; cycles <= 100; ++cycles) {
    Clock(m);
    if (m.done_o) return cycles;
  }
  return -1;
}

uint64_t ExactIsqrt(uint64_t x) {
  auto root = static_cast<uint64_t>(std::sqrt(static_cast<double>(x)));
  while (root * root > x) --root;
  while ((root + 1) * (root + 1) <= x) ++root;
  return root;
}

TEST(GbLayerNormMath, DividerGivesFloorOf2To62OverEveryNormalisedD) {
  Vgb_divider m;
  Reset(m);
  std::vector<uint64_t> dens = {1ull << 30,       (1ull << 30) + 1, (1ull << 31) - 1,
                                1ull << 31,       (1ull << 31) + 1, 3ull << 30,
                                (1ull << 32) - 2, (1ull << 32) - 1};
  std::mt19937_64 rng(7);
  for (int i = 0; i < 20000; ++i) dens.push_back((1ull << 30) + rng() % (3ull << 30));
  for (const uint64_t d : dens) {
    m.num_i = 1ull << 62;
    m.den_i = static_cast<uint32_t>(d);
    ASSERT_EQ(RunToDone(m), 33) << "D_m " << d;
    ASSERT_EQ(m.quo_o, (1ull << 62) / d) << "D_m " << d;
  }
}

TEST(GbLayerNormMath, SquareRootIsExactOn33Bits) {
  Vgb_isqrt m;
  Reset(m);
  std::vector<uint64_t> xs;
  for (uint64_t x = 0; x < 4096; ++x) xs.push_back(x);
  for (const uint64_t r : {1ull << 15, (1ull << 15) + 1, 46340ull, 65535ull, 65536ull, 92681ull}) {
    for (const uint64_t x : {r * r - 1, r * r, r * r + 1, r * r + 2 * r}) xs.push_back(x);
  }
  xs.push_back((1ull << 33) - 1);
  std::mt19937_64 rng(11);
  for (int i = 0; i < 20000; ++i)
    xs.push_back((1ull << 30) + rng() % ((1ull << 32) - (1ull << 30) + 1));
  for (const uint64_t x : xs) {
    m.x_i = x;
    ASSERT_EQ(RunToDone(m), 17) << "x " << x;
    ASSERT_EQ(m.root_o, ExactIsqrt(x)) << "x " << x;
  }
}

}  // namespace
}  // namespace edgebert
