// Bitmask sparse decoder: re-inserts zeros. Lane i takes the next packed code when mask bit i is
// set, else 0x00 (sw/numerics/sparse.h DecodeVector).
module vec_decode #(
  parameter int unsigned Lanes = 16
) (
  input  logic [Lanes-1:0]      mask_i,
  input  logic [Lanes-1:0][7:0] packed_i,
  output logic [Lanes-1:0][7:0] dense_o
);

  localparam int unsigned IdxBits = $clog2(Lanes);

  logic [IdxBits:0] rank;  // nonzero lanes below lane i

  always_comb begin
    rank = '0;
    for (int unsigned i = 0; i < Lanes; i++) begin
      dense_o[i] = mask_i[i] ? packed_i[rank[IdxBits-1:0]] : 8'h00;
      rank = rank + (IdxBits + 1)'(mask_i[i]);
    end
  end

endmodule
