// n vector MACs of n lanes: partial_o[i] = sum_l a_i[l] * b_tile_i[i][l], exact. A VMAC whose
// A or B vector is all zero does not multiply (its operands are held at zero) and is counted.
module pu_vmac_array
  import af8_pkg::*;
#(
  parameter int unsigned Lanes = 16,
  localparam int unsigned PartialBits = ProductBits + $clog2(Lanes)
) (
  input  logic [Lanes-1:0][7:0]             a_i,
  input  logic                              a_zero_i,
  input  logic [Lanes-1:0][Lanes-1:0][7:0]  b_tile_i,
  input  logic [Lanes-1:0]                  b_zero_i,
  output logic signed [PartialBits-1:0]     partial_o [Lanes],
  output logic [$clog2(Lanes+1)-1:0]        skipped_o
);

  logic [Lanes-1:0] skip;
  logic signed [ProductBits-1:0] product [Lanes][Lanes];

  for (genvar i = 0; i < Lanes; i++) begin : g_vmac
    assign skip[i] = a_zero_i || b_zero_i[i];
    for (genvar l = 0; l < Lanes; l++) begin : g_lane
      af8_mul u_mul (
        .a_i      (skip[i] ? 8'h00 : a_i[l]),
        .b_i      (skip[i] ? 8'h00 : b_tile_i[i][l]),
        .product_o(product[i][l])
      );
    end

    always_comb begin
      partial_o[i] = '0;
      for (int unsigned l = 0; l < Lanes; l++) begin
        partial_o[i] = partial_o[i] + PartialBits'(product[i][l]);
      end
    end
  end

  always_comb begin
    skipped_o = '0;
    for (int unsigned i = 0; i < Lanes; i++) begin
      skipped_o = skipped_o + ($clog2(Lanes+1))'(skip[i]);
    end
  end

endmodule
