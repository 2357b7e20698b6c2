// Bitmask sparse encoder: mask bit i set when lane i is nonzero (both zero codes count as zero),
// nonzero codes packed first in lane order, tail bytes zero (sw/numerics/sparse.h EncodeVector).
// While en_i is low the outputs are zero and nothing else is evaluated (operand isolation).
module vec_encode #(
  parameter int unsigned Lanes = 16
) (
  input  logic                  en_i,
  input  logic [Lanes-1:0][7:0] dense_i,
  output logic [Lanes-1:0]      mask_o,
  output logic [Lanes-1:0][7:0] packed_o
);

  localparam int unsigned IdxBits = $clog2(Lanes);

  logic [IdxBits:0] rank;

  always_comb begin
    mask_o = '0;
    packed_o = '0;
    rank = '0;
    if (en_i) begin
      for (int unsigned i = 0; i < Lanes; i++) begin
        mask_o[i] = (dense_i[i][6:0] != 7'h00);
        if (mask_o[i]) packed_o[rank[IdxBits-1:0]] = dense_i[i];
        rank = rank + (IdxBits + 1)'(mask_o[i]);
      end
    end
  end

endmodule
