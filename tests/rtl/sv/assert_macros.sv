// Test top for the assertion macros (rtl/include/eb_assert.svh): one assertion of each kind on
// inputs of its own, so that the test (tests/rtl/rtl_assert_test.cc) can make each fail alone.
`include "eb_assert.svh"

module assert_macros #(
  parameter int unsigned Depth = 4  // EB_ASSERT_INIT fails for 0
) (
  input  logic       clk_i,
  input  logic       rst_ni,
  input  logic       a_i,        // EB_ASSERT: a_i implies b_i
  input  logic       b_i,
  input  logic       never_i,    // EB_ASSERT_NEVER: never high
  input  logic       valid_i,    // EB_ASSERT_STABLE: payload_i held while valid_i waits
  input  logic       ready_i,
  input  logic [7:0] payload_i,  // also EB_ASSERT_KNOWN
  input  logic       pulse_i,    // EB_ASSERT_PULSE
  output logic       unused_o
);

  `EB_ASSERT(AImpliesB_A, !a_i || b_i)
  `EB_ASSERT_NEVER(NeverHigh_A, never_i)
  `EB_ASSERT_KNOWN(PayloadKnown_A, payload_i)
  `EB_ASSERT_INIT(DepthPositive_A, Depth > 0)
  `EB_ASSERT_STABLE(PayloadHeld_A, valid_i, ready_i, payload_i)
  `EB_ASSERT_PULSE(OneCyclePulse_A, pulse_i)

  assign unused_o = ^{a_i, b_i, never_i, valid_i, ready_i, payload_i, pulse_i};

endmodule
