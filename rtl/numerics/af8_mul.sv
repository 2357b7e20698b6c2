// Exact product of two AF8 codes: +-(16+mA)(16+mB) << (eA+eB), worth 2^(biasA+biasB-8) per LSB.
module af8_mul
  import af8_pkg::*;
(
  input  logic [7:0]                    a_i,
  input  logic [7:0]                    b_i,
  output logic signed [ProductBits-1:0] product_o
);

  logic a_zero, b_zero;
  logic [SigBits-1:0] a_sig, b_sig;
  logic [2*SigBits-1:0] sig_product;
  logic [ExpBits:0] exp_sum;
  logic [ProductBits-2:0] magnitude;

  always_comb begin
    // Both 0x00 and 0x80 are zero: exponent and mantissa fields all zero.
    a_zero = (a_i[6:0] == '0);
    b_zero = (b_i[6:0] == '0);
    a_sig = {1'b1, a_i[ManBits-1:0]};
    b_sig = {1'b1, b_i[ManBits-1:0]};
    sig_product = a_sig * b_sig;
    exp_sum = {1'b0, a_i[6:4]} + {1'b0, b_i[6:4]};
    magnitude = (ProductBits - 1)'(sig_product) << exp_sum;
    if (a_zero || b_zero) begin
      product_o = '0;
    end else if (a_i[7] ^ b_i[7]) begin
      product_o = -$signed({1'b0, magnitude});
    end else begin
      product_o = $signed({1'b0, magnitude});
    end
  end

endmodule
