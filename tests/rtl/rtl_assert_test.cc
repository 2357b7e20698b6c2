// The RTL's assertions fail when they should, and say which, where and when
// (rtl/include/eb_assert.svh, sim/harness/rtl_assert.h). One negative test per family, each on
// a small model of its own with stimulus (or, for internal state, a poke through
// --public-flat-rw) that breaks exactly one assertion at a known cycle, plus legal stimulus that
// breaks none. Every other model runs the same assertions on every edge of every test.
#include "harness/rtl_assert.h"

#include <gtest/gtest.h>

#include <functional>
#include <string>

#include "Vassert_macros.h"
#include "Vassert_macros_init.h"
#include "Vcmd_unit_ctrl_a.h"
#include "Vfifo_sync_a.h"
#include "Vloop_counter_a.h"
#include "Vsoc_axi_a.h"
#include "Vsoc_axi_a___024root.h"
#include "Vsoc_wsram_a.h"

namespace edgebert::sim {
namespace {

// Clock and reset for a bare model, with the assertion check after every rising edge.
template <typename Model>
class Bench {
 public:
  Bench() {
    m.clk_i = 0;
    m.rst_ni = 0;
    m.eval();
    Tick();
    Tick();
    m.rst_ni = 1;
    m.eval();
  }
  // One cycle: inputs as set now, the rising edge (checked), the falling edge.
  void Tick() {
    m.clk_i = 1;
    m.eval();
    CheckRtlAssertions(cycle);
    ++cycle;
    m.clk_i = 0;
    m.eval();
  }
  Model m;
  uint64_t cycle = 0;
};

// Runs `step` once per cycle (up to `cycles`) and returns the first assertion message, or "".
template <typename Model>
std::string FirstFailure(Bench<Model>& bench, int cycles, const std::function<void(int)>& step) {
  for (int c = 0; c < cycles; ++c) {
    step(c);
    try {
      bench.Tick();
    } catch (const RtlAssertError& e) {
      return e.what();
    }
  }
  return "";
}

std::string Expected(const std::string& name, const std::string& instance, uint64_t cycle) {
  return "RTL assertion " + name + " failed in " + instance + " at cycle " + std::to_string(cycle);
}

// ---- The macros themselves ----------------------------------------------------------------

class MacroTest : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_FALSE(RtlAssertFailed()); }
  Bench<Vassert_macros> b;
};

TEST_F(MacroTest, LegalStimulusBreaksNothing) {
  bool waiting = false;  // valid was high without ready at the last edge
  EXPECT_EQ(FirstFailure(b, 40,
                         [&](int c) {
                           b.m.a_i = c % 3 == 0;
                           b.m.b_i = b.m.a_i || c % 2 == 0;
                           if (!waiting) {
                             b.m.valid_i = c % 5 != 4;
                             b.m.payload_i = static_cast<uint8_t>(c);
                           }
                           b.m.ready_i = c % 4 == 0;
                           waiting = b.m.valid_i && !b.m.ready_i;
                           b.m.pulse_i = c % 2 == 1;
                         }),
            "");
}

TEST_F(MacroTest, AssertFailsWhenItsPropertyDoesNot) {
  const uint64_t at = b.cycle + 3;
  EXPECT_EQ(FirstFailure(b, 10,
                         [&](int c) {
                           b.m.a_i = c == 3;
                           b.m.b_i = 0;
                         }),
            Expected("AImpliesB_A", "TOP.assert_macros", at));
}

TEST_F(MacroTest, NeverFailsWhenItsPropertyHolds) {
  const uint64_t at = b.cycle + 5;
  EXPECT_EQ(FirstFailure(b, 10, [&](int c) { b.m.never_i = c == 5; }),
            Expected("NeverHigh_A", "TOP.assert_macros", at));
}

TEST_F(MacroTest, StableFailsWhenAWaitingPayloadChanges) {
  // valid from cycle 2, ready never: the payload changes at cycle 4.
  const uint64_t at = b.cycle + 4;
  EXPECT_EQ(FirstFailure(b, 10,
                         [&](int c) {
                           b.m.valid_i = c >= 2;
                           b.m.ready_i = 0;
                           b.m.payload_i = c >= 4 ? 0x5A : 0x11;
                         }),
            Expected("PayloadHeld_A", "TOP.assert_macros", at));
}

TEST_F(MacroTest, StableFailsWhenAWaitingValidDrops) {
  const uint64_t at = b.cycle + 3;
  EXPECT_EQ(FirstFailure(b, 10, [&](int c) { b.m.valid_i = c == 2; }),
            Expected("PayloadHeld_A", "TOP.assert_macros", at));
}

TEST_F(MacroTest, PulseFailsOnTwoCyclesHigh) {
  const uint64_t at = b.cycle + 7;
  EXPECT_EQ(FirstFailure(b, 12, [&](int c) { b.m.pulse_i = c == 3 || c == 6 || c == 7; }),
            Expected("OneCyclePulse_A", "TOP.assert_macros", at));
}

TEST_F(MacroTest, KnownNeverFiresInATwoStateSimulation) {
  // Every payload value is known here; a four-state simulator would check X and Z.
  EXPECT_EQ(FirstFailure(b, 256, [&](int c) { b.m.payload_i = static_cast<uint8_t>(c); }), "");
}

TEST(MacroInit, InitFailsAtTimeZero) {
  Vassert_macros_init m;  // Depth = 0
  m.clk_i = 0;
  m.rst_ni = 0;
  m.eval();
  try {
    CheckRtlAssertions(0);
    ADD_FAILURE() << "DepthPositive_A did not fail";
  } catch (const RtlAssertError& e) {
    EXPECT_EQ(std::string(e.what()), Expected("DepthPositive_A", "TOP.assert_macros", 0));
  }
}

TEST(RtlAssertReport, FailuresAreTakenOnceAndCounted) {
  eb_assert_fail("TOP.a.u_x.One_A", "One_A");
  eb_assert_fail("TOP.a.u_y.Two_A", "Two_A");
  EXPECT_TRUE(RtlAssertFailed());
  EXPECT_EQ(DescribeRtlAssertFailures(9),
            "RTL assertion One_A failed in TOP.a.u_x at cycle 9 "
            "(and 1 more)");
  EXPECT_FALSE(RtlAssertFailed());
  EXPECT_EQ(DescribeRtlAssertFailures(10), "");
}

// ---- Queues: over- and underflow ----------------------------------------------------------

TEST(QueueAssertions, PushIntoAFullFifo) {
  Bench<Vfifo_sync_a> b;  // Depth 4
  const uint64_t at = b.cycle + 4;
  EXPECT_EQ(FirstFailure(b, 8,
                         [&](int c) {
                           b.m.push_i = c <= 4;
                           b.m.data_i = static_cast<uint8_t>(c);
                         }),
            Expected("PushWhenFull_A", "TOP.fifo_sync", at));
}

TEST(QueueAssertions, PopFromAnEmptyFifo) {
  Bench<Vfifo_sync_a> b;
  const uint64_t at = b.cycle + 2;
  EXPECT_EQ(FirstFailure(b, 6,
                         [&](int c) {
                           b.m.push_i = c == 0;
                           b.m.pop_i = c == 1 || c == 2;
                         }),
            Expected("PopWhenEmpty_A", "TOP.fifo_sync", at));
}

TEST(QueueAssertions, FullAndEmptyButLegalIsQuiet) {
  Bench<Vfifo_sync_a> b;
  EXPECT_EQ(FirstFailure(b, 40,
                         [&](int c) {
                           const bool full = b.m.full_o != 0, empty = b.m.empty_o != 0;
                           b.m.push_i = !full && c % 3 != 2;
                           b.m.pop_i = !empty && c % 4 == 3;
                           b.m.flush_i = c == 30;
                         }),
            "");
}

// ---- Counters and indices in range --------------------------------------------------------

TEST(CounterAssertions, AStepPastTheLastIndex) {
  Bench<Vloop_counter_a> b;  // Levels 2, Width 4
  b.m.last_i = 0x33;         // both loops count 0..3
  const uint64_t at = b.cycle + 3;
  // Index 0 reaches 2 after two steps; then its last value drops to 1 and it steps again.
  EXPECT_EQ(FirstFailure(b, 6,
                         [&](int c) {
                           b.m.step_i = 1;
                           if (c == 3) b.m.last_i = 0x31;
                         }),
            Expected("IndexWithinLast_A", "TOP.loop_counter.g_level[0]", at));
}

// ---- Handshakes and one-cycle reports -----------------------------------------------------

TEST(HandshakeAssertions, AUnitFinishesWithoutACommand) {
  Bench<Vcmd_unit_ctrl_a> b;
  const uint64_t at = b.cycle + 2;
  EXPECT_EQ(FirstFailure(b, 5, [&](int c) { b.m.finish_i = c == 2; }),
            Expected("FinishOutsideRun_A", "TOP.cmd_unit_ctrl", at));
}

TEST(HandshakeAssertions, AWriteResponseChangesWhileItWaits) {
  Bench<Vsoc_axi_a> b;
  auto* root = b.m.rootp;
  const uint64_t at = b.cycle + 2;
  EXPECT_EQ(FirstFailure(b, 5,
                         [&](int c) {
                           b.m.axi_bready_i = 0;
                           // The FSM holds a write response (StWrResp) for ID 3, then the ID
                           // changes under BVALID.
                           if (c == 0) {
                             root->soc_axi__DOT__state_q = 3;
                             root->soc_axi__DOT__id_q = 3;
                           }
                           if (c == 2) root->soc_axi__DOT__id_q = 4;
                           b.m.eval();  // the outputs follow the poked registers at this edge
                         }),
            Expected("BHeld_A", "TOP.soc_axi", at));
}

// ---- FSM states -----------------------------------------------------------------------------

TEST(FsmAssertions, AnUnusedStateEncoding) {
  Bench<Vsoc_axi_a> b;
  const uint64_t at = b.cycle + 1;
  EXPECT_EQ(FirstFailure(b, 4,
                         [&](int c) {
                           if (c == 1) b.m.rootp->soc_axi__DOT__state_q = 7;
                         }),
            Expected("StateLegal_A", "TOP.soc_axi", at));
}

// ---- Addresses in range ----------------------------------------------------------------------

TEST(AddressAssertions, APuReadPastTheWsram) {
  Bench<Vsoc_wsram_a> b;  // 256 vectors
  const uint64_t at = b.cycle + 2;
  EXPECT_EQ(FirstFailure(b, 5,
                         [&](int c) {
                           b.m.rd_req_i = 0;
                           if (c == 1) b.m.rd_req_i = (uint64_t{255} << 1) | 1;  // en, the last
                           if (c == 2) b.m.rd_req_i = (uint64_t{256} << 1) | 1;  // one past it
                         }),
            Expected("PuReadOutOfRange_A", "TOP.soc_wsram", at));
}

}  // namespace
}  // namespace edgebert::sim
