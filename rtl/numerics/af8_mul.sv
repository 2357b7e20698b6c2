// Exact product of two AF8 codes (af8_pkg::code_product): +-(16+mA)(16+mB) << (eA+eB), worth
// 2^(biasA+biasB-8) per LSB. The PU's array calls the function per lane; this module is the one
// multiplier on its own, for the exhaustive test against the numerics library.
module af8_mul
  import af8_pkg::*;
(
  input  logic [7:0]                    a_i,
  input  logic [7:0]                    b_i,
  output logic signed [ProductBits-1:0] product_o
);

  assign product_o = ProductBits'(code_product(a_i, b_i));

endmodule
