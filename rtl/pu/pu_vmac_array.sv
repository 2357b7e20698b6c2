// n vector MACs of n lanes: partial_o[i] = sum_l a_i[l] * B[i][l], exact, where B is the tile
// b_bank_i of b_tiles_i. A VMAC whose A or B vector is all zero does not multiply (its partial is
// zero) and is counted. While en_i is low no VMAC multiplies and nothing is counted (operand
// isolation: in Verilator an idle or skipped VMAC costs a branch, not n multiplications).
//
// The multipliers are integer multipliers: an AF8 code is +-(16+m) << e (af8_pkg::int_value), so
// the exact product of two codes (af8_pkg::code_product) is the product of their integer values.
// A arrives as codes, converted here (n per cycle). B arrives converted, in offset binary
// (af8_pkg::int_offset: int_value + 2^(IntBits-1), unsigned), by the PU when it loads a tile (a
// tile is used for many cycles); the offset comes off once per VMAC:
//   sum_l a[l] * b[l] = sum_l a[l] * (b[l] + 2^12) - 2^12 * sum_l a[l].
// So each of the n x n multipliers is a multiply and an add in Verilator, with no decoding and
// no sign extension (an unsigned B needs none).
module pu_vmac_array
  import af8_pkg::*;
#(
  parameter int unsigned Lanes = 16,
  localparam int unsigned PartialBits = ProductBits + $clog2(Lanes)
) (
  input  logic                              en_i,
  input  logic [Lanes-1:0][7:0]             a_i,
  input  logic                              a_zero_i,
  input  logic [IntBits-1:0]                b_tiles_i [2][Lanes][Lanes],  // int_offset, [tile][vmac][lane]
  input  logic                              b_bank_i,
  input  logic [Lanes-1:0]                  b_zero_i,
  output logic signed [PartialBits-1:0]     partial_o [Lanes],
  output logic [$clog2(Lanes+1)-1:0]        skipped_o
);

  logic [Lanes-1:0] skip;
  // A's integer values, sign-extended once here rather than in each of the n VMACs, their sum
  // times the offset of B, and the product with B's offset removed (truncated to 32 bits, as
  // every term is: the partial keeps the low PartialBits).
  logic signed [31:0] a_int [Lanes];
  logic [31:0] a_offset;

  always_comb begin
    a_int = '{default: '0};
    a_offset = '0;
    if (en_i) begin
      for (int unsigned l = 0; l < Lanes; l++) begin
        a_int[l] = 32'(int_value(a_i[l]));
        a_offset = a_offset + (a_int[l] << (IntBits - 1));
      end
    end
  end

  for (genvar i = 0; i < Lanes; i++) begin : g_vmac
    assign skip[i] = a_zero_i || b_zero_i[i];

    always_comb begin
      logic [31:0] sum;
      sum = '0;
      partial_o[i] = '0;
      if (en_i && !skip[i]) begin
        for (int unsigned l = 0; l < Lanes; l++) begin
          sum = sum + a_int[l] * 32'(b_tiles_i[b_bank_i][i][l]);
        end
        partial_o[i] = PartialBits'(sum - a_offset);
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
