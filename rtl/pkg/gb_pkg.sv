// Constants and small functions shared by the global buffer's softmax and entropy units
// (rtl/gb/gb_softmax.sv, rtl/gb/gb_entropy.sv, rtl/gb/gb_exp2.sv, rtl/gb/gb_log2.sv). The
// definition is sw/numerics/fixed_log_exp.h and sw/numerics/af8_rowops.cc; the bit-exact tests
// (tests/rtl/gb_softmax_test.cc) hold these values to it.
package gb_pkg;

  // Each unit uses some of these constants; the rest are unused there by design.
  // verilator lint_off UNUSEDPARAM

  // 2^(f/2^16) on [0, 1) = 1 + f(c0 + f(c1 + f(c2 + f c3))), Horner in Q16, floor after each
  // product (fixed::kExp2Coefficients).
  localparam logic [15:0] Exp2C0 = 16'd45419;
  localparam logic [15:0] Exp2C1 = 16'd15811;
  localparam logic [15:0] Exp2C2 = 16'd3431;
  localparam logic [15:0] Exp2C3 = 16'd874;
  // round(log2(e) * 2^16) and round(ln(2) * 2^16) (fixed::kLog2eQ16, fixed::kLn2Q16).
  localparam logic [16:0] Log2eQ16 = 17'd94548;
  localparam logic [15:0] Ln2Q16 = 16'd45426;

  // Longest softmax row (golden::kMaxSoftmaxCols); span masks are unsigned Q1.7.
  localparam int unsigned MaxSoftmaxCols = 512;
  localparam int unsigned SpanFracBits = 7;

  // An AF8 code's IntegerValue: +-(16+m) << e in units of 2^(bias-4), |value| <= 3968.
  localparam int unsigned IntBits = af8_pkg::IntBits;
  // Exponent arguments t (Q16 log2 units, t <= 0). Every t below -2^21 gives Exp2Q16(t) = 0, so t
  // is clamped at TMin; t - log2(sum) stays above -2^23 because log2(sum) < 2^20.
  localparam int unsigned TBits = 24;
  localparam logic signed [TBits-1:0] TMin = -(TBits'(1) << 22);
  // Exp2Q16 results are at most 2^16 (t = 0).
  localparam int unsigned PBits = 17;
  // Sums of up to 512 Exp2Q16 results (<= 2^25), the Log2Q16 input.
  localparam int unsigned SumBits = 26;
  // Log2Q16 of a SumBits-bit value: 5 integer bits, 16 fraction bits.
  localparam int unsigned Log2Bits = $clog2(SumBits) + 16;

  // verilator lint_on UNUSEDPARAM

  // t = (value - max) * log2(e) in Q16 log2 units, scaled by 2^shift (floor for shift < 0;
  // shift = exp_in - 4), clamped below at TMin (af8_rowops.cc ComputeLogSumExp).
  function automatic logic signed [TBits-1:0] exp2_arg(input logic signed [IntBits-1:0] value,
                                                       input logic signed [IntBits-1:0] max,
                                                       input logic signed [6:0] shift);
    logic signed [IntBits:0] diff;     // [-7936, 0]
    logic signed [31:0] scaled;        // |scaled| < 2^30
    logic signed [63:0] wide;          // |wide| < 2^57
    diff = (IntBits + 1)'(value) - (IntBits + 1)'(max);
    scaled = 32'(diff) * $signed({15'd0, Log2eQ16});
    if (shift >= 0) wide = 64'(scaled) <<< shift;
    else wide = 64'(scaled) >>> (-shift);
    return (wide < 64'(TMin)) ? TMin : TBits'(wide);
  endfunction

endpackage
