// Assertion macros, in the spirit of OpenTitan's prim_assert (5.006 and 5.4x both accept these
// forms). Every Verilated model is built with --assert, so they run
// in every simulation; a failure calls eb_assert_pkg::eb_assert_fail with the assertion's
// hierarchical name and label, and the harness stops the run naming both and the cycle.
//
//   `EB_ASSERT(Name, prop)         prop holds at every rising edge of clk_i out of reset
//   `EB_ASSERT_NEVER(Name, prop)   prop never holds there
//   `EB_ASSERT_KNOWN(Name, sig)    sig has no X or Z bit there (never fires in a two-state
//                                  simulation; four-state simulators check it)
//   `EB_ASSERT_INIT(Name, cond)    cond holds at time 0 (parameter and build-time facts)
//   `EB_ASSERT_STABLE(Name, valid, ready, payload)
//                                  while valid waits for ready, valid stays and payload holds
//   `EB_ASSERT_PULSE(Name, sig)    sig is high for one cycle at a time
// Optional last arguments: the clock and the active-low reset (clk_i and rst_ni by default).
// Names are UpperCamelCase with an _A suffix, as the lowRISC style guide asks.
`ifndef EB_ASSERT_SVH_
`define EB_ASSERT_SVH_

`ifndef SYNTHESIS

`define EB_ASSERT_FAIL(__name) eb_assert_pkg::eb_assert_fail($sformatf("%m"), `"__name`")

// Each check is an immediate assertion in a block clocked by the rising edge, which reads the
// values just before the edge: what a concurrent assertion samples. Concurrent assertions would
// make Verilator copy every operand at every eval() (rising, falling and input edges alike),
// which cost more than a quarter of the SoC's simulation time; these cost only the check, once
// per cycle. Properties over two cycles keep their first cycle in registers of their own.
//
// Waiver: the reset is read as a condition in these clocked blocks; Verilator 5.4x's
// SYNCASYNCNET takes that for a synchronous reset of a net also used asynchronously. Off around
// each assertion only.
`define EB_ASSERT_LINT_OFF /* verilator lint_off SYNCASYNCNET */
`define EB_ASSERT_LINT_ON /* verilator lint_on SYNCASYNCNET */

`define EB_ASSERT(__name, __prop, __clk = clk_i, __rst_n = rst_ni)                \
  `EB_ASSERT_LINT_OFF                                                               \
  always_ff @(posedge __clk) begin                                                  \
    if (__rst_n) begin                                                              \
      __name: assert (__prop) else `EB_ASSERT_FAIL(__name);                         \
    end                                                                             \
  end                                                                               \
  `EB_ASSERT_LINT_ON

`define EB_ASSERT_NEVER(__name, __prop, __clk = clk_i, __rst_n = rst_ni)          \
  `EB_ASSERT(__name, !(__prop), __clk, __rst_n)

`define EB_ASSERT_KNOWN(__name, __sig, __clk = clk_i, __rst_n = rst_ni)           \
  `EB_ASSERT(__name, !$isunknown(__sig), __clk, __rst_n)

`define EB_ASSERT_INIT(__name, __cond)                                             \
  initial begin                                                                     \
    __name: assert (__cond) else `EB_ASSERT_FAIL(__name);                           \
  end

`define EB_ASSERT_STABLE(__name, __valid, __ready, __payload, __clk = clk_i, __rst_n = rst_ni) \
  logic __name``_wait_q;                                                            \
  logic [$bits(__payload)-1:0] __name``_payload_q;                                  \
  `EB_ASSERT_LINT_OFF                                                               \
  always_ff @(posedge __clk) begin                                                  \
    if (__rst_n && __name``_wait_q) begin                                           \
      __name: assert ((__valid) && (__payload) == __name``_payload_q)               \
        else `EB_ASSERT_FAIL(__name);                                               \
    end                                                                             \
    __name``_wait_q <= __rst_n && (__valid) && !(__ready);                          \
    __name``_payload_q <= __payload;                                                \
  end                                                                               \
  `EB_ASSERT_LINT_ON

`define EB_ASSERT_PULSE(__name, __sig, __clk = clk_i, __rst_n = rst_ni)           \
  logic __name``_q;                                                                 \
  `EB_ASSERT_LINT_OFF                                                               \
  always_ff @(posedge __clk) begin                                                  \
    if (__rst_n && __name``_q) begin                                                \
      __name: assert (!(__sig)) else `EB_ASSERT_FAIL(__name);                       \
    end                                                                             \
    __name``_q <= __rst_n && (__sig);                                               \
  end                                                                               \
  `EB_ASSERT_LINT_ON

`else  // SYNTHESIS

`define EB_ASSERT(__name, __prop, __clk = clk_i, __rst_n = rst_ni)
`define EB_ASSERT_NEVER(__name, __prop, __clk = clk_i, __rst_n = rst_ni)
`define EB_ASSERT_KNOWN(__name, __sig, __clk = clk_i, __rst_n = rst_ni)
`define EB_ASSERT_INIT(__name, __cond)
`define EB_ASSERT_STABLE(__name, __valid, __ready, __payload, __clk = clk_i, __rst_n = rst_ni)
`define EB_ASSERT_PULSE(__name, __sig, __clk = clk_i, __rst_n = rst_ni)

`endif  // SYNTHESIS

`endif  // EB_ASSERT_SVH_
