// The Verilated element-wise GB unit (ADD, ACTIVATE, FILL) against golden::RunGb, for every n.
#include <gtest/gtest.h>

#include <memory>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "Vgb_eltwise_n16.h"
#include "Vgb_eltwise_n32.h"
#include "Vgb_eltwise_n4.h"
#include "Vgb_eltwise_n8.h"
#include "golden/command_cycles.h"
#include "golden/gb_golden.h"
#include "harness/mismatch_report.h"
#include "harness/unit_harness.h"
#include "numerics/af8_activation.h"

namespace edgebert {
namespace {

using golden::GbCommand;
using regs::ErrCode;
using regs::Opcode;

constexpr uint32_t kUabVectors = 16384;
constexpr uint32_t kAuxBytes = 4096;

template <typename ModelT, int kLanesT>
struct EltwiseConfig {
  using Model = ModelT;
  static constexpr int kLanes = kLanesT;
};

const char* Name(Opcode op) {
  switch (op) {
    case Opcode::kAdd:
      return "ADD";
    case Opcode::kActivate:
      return "ACTIVATE";
    case Opcode::kFill:
      return "FILL";
    default:
      return "?";
  }
}

template <typename Config>
class GbEltwiseTest : public ::testing::Test {
 protected:
  static constexpr auto kN = static_cast<uint32_t>(Config::kLanes);

  GbEltwiseTest()
      : limits_{Config::kLanes, kUabVectors, 0, kAuxBytes},
        uab_("uab", Config::kLanes, kUabVectors),
        wsram_("wsram", Config::kLanes, 1),
        aux_(kAuxBytes),
        harness_(std::make_unique<sim::UnitHarness<typename Config::Model>>(Config::kLanes, uab_,
                                                                            wsram_, aux_)) {
    std::vector<uint8_t> codes(size_t{kUabVectors} * kN);
    for (auto& c : codes) c = static_cast<uint8_t>(rng_() % 4 == 0 ? 0 : rng_());
    uab_.StoreTensor(0, 1, static_cast<int>(kUabVectors), static_cast<int>(kN), codes);
  }

  void Check(const GbCommand& c, const std::string& what) {
    SCOPED_TRACE(what);
    golden::VectorMemory want = uab_;
    golden::AuxMemory want_aux = aux_;
    const golden::GbResult expected = golden::RunGb(c, limits_, want, want_aux);
    const uint64_t budget = 200 + 4ull * c.rows * (c.cols / kN + 1);
    const sim::PuRun got = harness_->Run(golden::ToDescriptor(c), budget);
    ASSERT_FALSE(got.timed_out) << Name(c.opcode) << " hung";
    ASSERT_EQ(got.error, expected.error) << Name(c.opcode) << " error code";
    // docs/architecture.md section 9, exactly (simulated cycles are deterministic).
    const uint64_t cycles =
        expected.error != ErrCode::kNone ? cycles::kRejected : cycles::EltwiseCycles(c, kN);
    EXPECT_EQ(got.cycles, cycles) << Name(c.opcode) << " cycles";
    EXPECT_EQ(got.perf.busy_cycles, cycles) << Name(c.opcode) << " busy cycles";
    EXPECT_EQ(got.perf.saturations, expected.saturations) << Name(c.opcode) << " saturations";
    const sim::ResultRegion region{Name(c.opcode), "DST", c.dst_addr, c.dst_stride, c.rows, c.cols};
    EXPECT_EQ(sim::FirstMismatch(region, uab_, want,
                                 [this](uint32_t v) { return harness_->LastWriteCycle(v); }),
              "");
  }

  GbCommand Random(Opcode op) {
    GbCommand c;
    c.opcode = op;
    c.rows = 1 + static_cast<uint32_t>(rng_() % 9);
    c.cols = kN * (1 + static_cast<uint32_t>(rng_() % 6));
    const uint32_t groups = c.cols / kN;
    c.src_stride = groups + static_cast<uint32_t>(rng_() % 3);
    c.b_stride = groups + static_cast<uint32_t>(rng_() % 3);
    c.dst_stride = groups + static_cast<uint32_t>(rng_() % 3);
    c.src_addr = static_cast<uint32_t>(rng_() % 100);
    c.b_addr = 2000 + static_cast<uint32_t>(rng_() % 100);
    c.dst_addr = (rng_() % 4 == 0 && c.dst_stride == c.src_stride)
                     ? c.src_addr  // in place
                     : 4000 + static_cast<uint32_t>(rng_() % 100);
    c.exp_in = static_cast<int>(rng_() % 30) - 20;
    c.exp_b = std::clamp(c.exp_in + static_cast<int>(rng_() % 49) - 24, -32, 31);
    c.exp_out = std::max(c.exp_in, c.exp_b) + static_cast<int>(rng_() % 5) - 3;
    c.value = static_cast<uint32_t>(rng_() % 256);
    if (op == Opcode::kActivate) {
      c.act = 1 + static_cast<uint32_t>(rng_() % 2);
      c.aux_addr = 4 * static_cast<uint32_t>(rng_() % 900);
      aux_.WriteBytes(c.aux_addr, af8::MakeActivationTable(static_cast<af8::Activation>(c.act),
                                                           c.exp_in, c.exp_out));
    }
    return c;
  }

  golden::PuLimits limits_;
  golden::VectorMemory uab_;
  golden::VectorMemory wsram_;
  golden::AuxMemory aux_;
  std::mt19937 rng_{99};
  std::unique_ptr<sim::UnitHarness<typename Config::Model>> harness_;
};

using Configs =
    ::testing::Types<EltwiseConfig<Vgb_eltwise_n4, 4>, EltwiseConfig<Vgb_eltwise_n8, 8>,
                     EltwiseConfig<Vgb_eltwise_n16, 16>, EltwiseConfig<Vgb_eltwise_n32, 32>>;
TYPED_TEST_SUITE(GbEltwiseTest, Configs);

TYPED_TEST(GbEltwiseTest, RandomAddActivateFill) {
  for (int trial = 0; trial < 30; ++trial) {
    const Opcode op =
        trial % 3 == 0 ? Opcode::kAdd : (trial % 3 == 1 ? Opcode::kActivate : Opcode::kFill);
    const GbCommand c = this->Random(op);
    std::ostringstream what;
    what << Name(op) << " rows " << c.rows << " cols " << c.cols << " exps " << c.exp_in << ","
         << c.exp_b << "," << c.exp_out << (c.dst_addr == c.src_addr ? " in place" : "");
    this->Check(c, what.str());
    if (this->HasFailure()) return;
  }
}

TYPED_TEST(GbEltwiseTest, AddAtTheAlignmentLimitsAndSaturating) {
  for (const int gap : {-24, -1, 0, 7, 24}) {
    GbCommand c = this->Random(Opcode::kAdd);
    c.exp_in = 0;
    c.exp_b = gap;
    c.exp_out = gap > 0 ? gap - 4 : -4;  // small: many sums saturate
    this->Check(c, "ADD gap " + std::to_string(gap));
  }
}

TYPED_TEST(GbEltwiseTest, InvalidCommandsRaiseErrorsWithoutWriting) {
  const uint32_t n = this->kN;
  struct Case {
    const char* name;
    Opcode op;
    void (*mutate)(GbCommand&, uint32_t n);
  };
  const Case cases[] = {
      {"rows 0", Opcode::kAdd, [](GbCommand& c, uint32_t) { c.rows = 0; }},
      {"cols 0", Opcode::kFill, [](GbCommand& c, uint32_t) { c.cols = 0; }},
      {"cols not a multiple of n", Opcode::kAdd,
       [](GbCommand& c, uint32_t lanes) { c.cols = lanes + 2; }},
      {"exponent gap 25", Opcode::kAdd,
       [](GbCommand& c, uint32_t) {
         c.exp_in = -5;
         c.exp_b = 20;
       }},
      {"activation NONE", Opcode::kActivate, [](GbCommand& c, uint32_t) { c.act = 0; }},
      {"activation 3", Opcode::kActivate, [](GbCommand& c, uint32_t) { c.act = 3; }},
      {"source past the UAB", Opcode::kAdd,
       [](GbCommand& c, uint32_t) { c.src_addr = kUabVectors - 1; }},
      {"B past the UAB", Opcode::kAdd, [](GbCommand& c, uint32_t) { c.b_addr = kUabVectors; }},
      {"destination past the UAB", Opcode::kFill,
       [](GbCommand& c, uint32_t) { c.dst_addr = 0xFFFFFF; }},
      {"table past the aux buffer", Opcode::kActivate,
       [](GbCommand& c, uint32_t) { c.aux_addr = kAuxBytes - 128; }},
      {"unaligned table", Opcode::kActivate, [](GbCommand& c, uint32_t) { c.aux_addr = 2; }},
  };
  for (const auto& test_case : cases) {
    GbCommand c = this->Random(test_case.op);
    test_case.mutate(c, n);
    ASSERT_NE(golden::Validate(c, this->limits_), ErrCode::kNone) << test_case.name;
    this->Check(c, test_case.name);
    if (this->HasFailure()) return;
  }
  // An opcode this unit does not execute.
  GbCommand softmax = this->Random(Opcode::kAdd);
  softmax.opcode = Opcode::kSoftmax;
  const golden::VectorMemory before = this->uab_;
  const sim::PuRun run = this->harness_->Run(golden::ToDescriptor(softmax), 100);
  ASSERT_FALSE(run.timed_out);
  EXPECT_EQ(run.error, ErrCode::kBadOpcode);
  EXPECT_EQ(run.cycles, cycles::kRejected) << "rejected in its check cycle";
  const sim::ResultRegion region{"SOFTMAX", "DST", 0, 1, 0, 0};
  EXPECT_EQ(sim::FirstMismatch(region, this->uab_, before, [](uint32_t) { return -1; }), "");
}

}  // namespace
}  // namespace edgebert
