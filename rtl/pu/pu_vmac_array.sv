// n vector MACs of n lanes: partial_o[i] = sum_l a_i[l] * b_tile_i[i][l], exact. A VMAC whose
// A or B vector is all zero does not multiply (its partial is zero) and is counted. While en_i is
// low no VMAC multiplies and nothing is counted (operand isolation: in Verilator an idle or
// skipped VMAC costs a branch, not n multiplications).
module pu_vmac_array
  import af8_pkg::*;
#(
  parameter int unsigned Lanes = 16,
  localparam int unsigned PartialBits = ProductBits + $clog2(Lanes)
) (
  input  logic                              en_i,
  input  logic [Lanes-1:0][7:0]             a_i,
  input  logic                              a_zero_i,
  input  logic [Lanes-1:0][Lanes-1:0][7:0]  b_tile_i,
  input  logic [Lanes-1:0]                  b_zero_i,
  output logic signed [PartialBits-1:0]     partial_o [Lanes],
  output logic [$clog2(Lanes+1)-1:0]        skipped_o
);

  logic [Lanes-1:0] skip;

  for (genvar i = 0; i < Lanes; i++) begin : g_vmac
    assign skip[i] = a_zero_i || b_zero_i[i];

    always_comb begin
      partial_o[i] = '0;
      if (en_i && !skip[i]) begin
        for (int unsigned l = 0; l < Lanes; l++) begin
          partial_o[i] = partial_o[i] + PartialBits'(code_product(a_i[l], b_tile_i[i][l]));
        end
      end
    end
  end

  always_comb begin
    skipped_o = '0;
    if (en_i) begin
      for (int unsigned i = 0; i < Lanes; i++) begin
        skipped_o = skipped_o + ($clog2(Lanes+1))'(skip[i]);
      end
    end
  end

endmodule
