// rtl/prim/clock_gate.sv behaves as an integrated clock gate: the enable is taken while the clock
// is low and held while it is high, so a gated clock has only whole pulses, on the edges whose
// preceding low phase saw the enable.
#include <gtest/gtest.h>

#include "Vclock_gate.h"

namespace {

class ClockGate : public ::testing::Test {
 protected:
  ClockGate() {
    gate_.clk_i = 0;
    gate_.en_i = 0;
    gate_.eval();
  }

  // Sets the enable during the current phase and evaluates; returns the gated clock.
  bool Set(bool en) {
    gate_.en_i = en;
    gate_.eval();
    return gate_.clk_o != 0;
  }

  bool Clock(bool level) {
    gate_.clk_i = level;
    gate_.eval();
    return gate_.clk_o != 0;
  }

  Vclock_gate gate_;
};

TEST_F(ClockGate, FollowsTheClockWhileEnabled) {
  Set(true);
  for (int c = 0; c < 4; ++c) {
    EXPECT_TRUE(Clock(true)) << "cycle " << c;
    EXPECT_FALSE(Clock(false)) << "cycle " << c;
  }
}

TEST_F(ClockGate, StaysLowWhileDisabled) {
  for (int c = 0; c < 4; ++c) {
    EXPECT_FALSE(Clock(true)) << "cycle " << c;
    EXPECT_FALSE(Clock(false)) << "cycle " << c;
  }
}

TEST_F(ClockGate, AnEnableRaisedInTheHighPhaseWaitsForTheNextEdge) {
  EXPECT_FALSE(Clock(true));
  EXPECT_FALSE(Set(true)) << "no pulse starts in the middle of a high phase";
  EXPECT_FALSE(Clock(false));
  EXPECT_TRUE(Clock(true)) << "the next edge passes";
}

TEST_F(ClockGate, AnEnableDroppedInTheHighPhaseKeepsThePulseWhole) {
  Set(true);
  EXPECT_TRUE(Clock(true));
  EXPECT_TRUE(Set(false)) << "the pulse is not cut short";
  EXPECT_FALSE(Clock(false));
  EXPECT_FALSE(Clock(true)) << "the next edge is gated";
}

TEST_F(ClockGate, TheEnableIsTheLastValueOfTheLowPhase) {
  // Changes during the low phase: only the value at the rising edge counts.
  Set(true);
  Set(false);
  EXPECT_FALSE(Clock(true));
  Clock(false);
  Set(false);
  Set(true);
  EXPECT_TRUE(Clock(true));
}

}  // namespace
