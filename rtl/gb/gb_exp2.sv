// Fixed-point base-2 exponential of one lane, bit-exact with fixed::Exp2Q16
// (sw/numerics/fixed_log_exp.cc): for t <= 0 in Q16, 2^(t/2^16) in Q16. The fraction f of t goes
// through the Horner polynomial 1 + f(c0 + f(c1 + f(c2 + f c3))) with a floor after each
// product, then the integer part shifts it right; below 2^-32 the result is 0. Combinational.
// While en_i is low the output is zero and nothing else is evaluated (operand isolation).
module gb_exp2
  import gb_pkg::*;
#(
  parameter int unsigned InBits = TBits
) (
  input  logic                     en_i,
  input  logic signed [InBits-1:0] t_i,  // <= 0
  output logic [PBits-1:0]         p_o
);

  localparam int unsigned WholeBits = InBits - 16;
  localparam logic signed [WholeBits-1:0] ZeroBelow = -WholeBits'(32);  // 2^-32 and below: 0

  // c + floor(p * f / 2^16); p < 2^17, so the product has 33 bits.
  function automatic logic [PBits-1:0] horner_step(input logic [PBits-1:0] p,
                                                   input logic [15:0] f,
                                                   input logic [PBits-1:0] c);
    logic [32:0] product;
    product = 33'(p) * 33'(f);
    return c + PBits'(product >> 16);
  endfunction

  // A function so that its temporaries are its own (no latches while disabled).
  function automatic logic [PBits-1:0] exp2(input logic signed [InBits-1:0] t);
    logic signed [WholeBits-1:0] whole;  // floor(t / 2^16), <= 0
    logic [15:0] fraction;
    logic [PBits-1:0] poly;              // 2^(fraction / 2^16) in Q16, in [2^16, 2^17)
    whole = WholeBits'(t >>> 16);
    fraction = t[15:0];
    poly = PBits'(Exp2C3);
    poly = horner_step(poly, fraction, PBits'(Exp2C2));
    poly = horner_step(poly, fraction, PBits'(Exp2C1));
    poly = horner_step(poly, fraction, PBits'(Exp2C0));
    poly = horner_step(poly, fraction, PBits'(1 << 16));
    if (whole <= ZeroBelow) return '0;
    return poly >> (-whole);
  endfunction

  always_comb begin
    p_o = '0;
    if (en_i) p_o = exp2(t_i);
  end

endmodule
