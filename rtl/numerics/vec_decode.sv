// Bitmask sparse decoder: re-inserts zeros. Lane i takes the next packed code when mask bit i is
// set, else 0x00 (sw/numerics/sparse.h DecodeVector). While en_i is low the output is zero and
// nothing else is evaluated (operand isolation, as in af8_requant).
module vec_decode #(
  parameter int unsigned Lanes = 16
) (
  input  logic                  en_i,
  input  logic [Lanes-1:0]      mask_i,
  input  logic [Lanes-1:0][7:0] packed_i,
  output logic [Lanes-1:0][7:0] dense_o
);

  localparam int unsigned IdxBits = $clog2(Lanes);

  logic [IdxBits:0] rank;  // nonzero lanes below lane i

  always_comb begin
    dense_o = '0;
    rank = '0;
    if (en_i) begin
      for (int unsigned i = 0; i < Lanes; i++) begin
        if (mask_i[i]) dense_o[i] = packed_i[rank[IdxBits-1:0]];
        rank = rank + (IdxBits + 1)'(mask_i[i]);
      end
    end
  end

endmodule
