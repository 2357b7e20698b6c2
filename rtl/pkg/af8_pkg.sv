// AF8 (AdaptivFloat 8-bit) format constants for the RTL. The format is defined in
// sw/numerics/af8.h and docs/numerics.md; the bit-exact tests in tests/rtl/ hold these
// constants to that definition.
package af8_pkg;

  // Each module uses a few of these constants; the rest are unused there by design.
  // verilator lint_off UNUSEDPARAM

  localparam int unsigned ExpBits = 3;
  localparam int unsigned ManBits = 4;
  localparam int unsigned SigBits = ManBits + 1;        // hidden one + mantissa
  localparam int unsigned MaxExp = (1 << ExpBits) - 1;  // e in [0, 7]
  // Exponent bias: 6-bit two's complement, [-32, 31].
  localparam int unsigned BiasBits = 6;
  // |product| <= 31 * 31 << 14 < 2^24, plus a sign.
  localparam int unsigned ProductBits = 25;
  // Exact for reductions of up to 32768 products plus an int32 bias (docs/numerics.md).
  localparam int unsigned AccBits = 40;

  // A code as a signed integer in units of 2^(bias-4) (af8::IntegerValue): +-(16+m) << e.
  localparam int unsigned IntBits = 13;

  localparam logic [7:0] ZeroCode = 8'h00;
  localparam logic [7:0] MaxPosCode = 8'h7f;
  localparam logic [7:0] MaxNegCode = 8'hff;
  // verilator lint_on UNUSEDPARAM

  function automatic logic signed [IntBits-1:0] int_value(input logic [7:0] code);
    logic [IntBits-2:0] magnitude;
    magnitude = (IntBits - 1)'({1'b1, code[3:0]}) << code[6:4];
    if (code[6:0] == 7'h00) return '0;
    return code[7] ? -$signed({1'b0, magnitude}) : $signed({1'b0, magnitude});
  endfunction

  // int_value in offset binary: its sign bit inverted, i.e. int_value + 2^(IntBits-1) as an
  // unsigned number (how the PU's tile registers hold B, so that its multipliers take an unsigned
  // operand; pu_vmac_array removes the offset).
  function automatic logic [IntBits-1:0] int_offset(input logic [7:0] code);
    logic [IntBits-1:0] v;
    v = int_value(code);
    return {~v[IntBits-1], v[IntBits-2:0]};
  endfunction

  // Exact product of two AF8 codes: +-(16+mA)(16+mB) << (eA+eB), worth 2^(biasA+biasB-8) per
  // LSB; zero when either code is zero (0x00 and 0x80: exponent and mantissa fields all zero).
  // It fits ProductBits signed bits; it is returned as 32 so that a caller summing into a wider
  // accumulator truncates (a mask in Verilator) instead of sign-extending from 25 bits.
  function automatic logic signed [31:0] code_product(input logic [7:0] a, input logic [7:0] b);
    logic [2*SigBits-1:0] sig_product;
    logic [ExpBits:0] exp_sum;
    logic [31:0] magnitude;
    if (a[6:0] == '0 || b[6:0] == '0) return '0;
    sig_product = {1'b1, a[ManBits-1:0]} * {1'b1, b[ManBits-1:0]};
    exp_sum = {1'b0, a[6:4]} + {1'b0, b[6:4]};
    magnitude = 32'(sig_product) << exp_sum;
    return (a[7] ^ b[7]) ? -$signed(magnitude) : $signed(magnitude);
  endfunction

  // Position of the most significant one of x (0 when x is 0 or 1). A binary search of 6 steps,
  // not a loop over the bits: the design runs one per lane of every re-quantizer each cycle,
  // and Verilator simulates a 40-step priority loop as 40 conditional assignments.
  function automatic logic [5:0] lead_one(input logic [63:0] x);
    logic [5:0] pos;
    logic [63:0] v;
    pos = '0;
    v = x;
    // Halve the window: is the one in the upper 32, 16, 8, 4, 2 bits of what is left?
    for (int s = 5; s >= 1; s--) begin
      if ((v >> (1 << s)) != '0) begin
        pos[s] = 1'b1;
        v = v >> (1 << s);
      end
    end
    pos[0] = v[1];
    return pos;
  endfunction

endpackage
