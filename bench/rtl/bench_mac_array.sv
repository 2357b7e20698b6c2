// Benchmark top, not part of the chip: the PU's n x n AF8 MAC array (pu_vmac_array) with
// registered operands and one accumulator per VMAC (af8_pkg's AccBits, as in the PU), every
// multiplier busy every cycle. What the simulator does per cycle here is the least any model
// with this array can do: bench/speed_bench compares the SoC's simulated cycles per second
// with it. The array takes B converted (af8_pkg::int_offset), which the PU does once per
// loaded tile vector; here B is new every cycle, so all n x n codes are converted every cycle.
module bench_mac_array
  import af8_pkg::*;
#(
  parameter int unsigned Lanes = 16,
  localparam int unsigned PartialBits = ProductBits + $clog2(Lanes)
) (
  input  logic                             clk_i,
  input  logic                             rst_ni,
  input  logic [Lanes-1:0][7:0]            a_i,
  input  logic [Lanes-1:0][Lanes-1:0][7:0] b_tile_i,
  output logic [Lanes-1:0][AccBits-1:0]    acc_o,
  output logic [$clog2(Lanes+1)-1:0]       skipped_o
);

  logic [Lanes-1:0][7:0] a_q;
  logic [Lanes-1:0][Lanes-1:0][7:0] b_tile_q;
  logic [Lanes-1:0] b_zero;
  logic [IntBits-1:0] b_int [2][Lanes][Lanes];  // one tile used: the array takes two
  logic signed [PartialBits-1:0] partial [Lanes];
  logic [Lanes-1:0][AccBits-1:0] acc_d, acc_q;

  always_comb begin
    for (int unsigned i = 0; i < Lanes; i++) begin
      b_zero[i] = b_tile_q[i] == '0;
      acc_d[i] = acc_q[i] + AccBits'(partial[i]);
    end
  end

  always_comb begin
    for (int unsigned i = 0; i < Lanes; i++) begin
      for (int unsigned l = 0; l < Lanes; l++) begin
        b_int[0][i][l] = int_offset(b_tile_q[i][l]);
        b_int[1][i][l] = '0;
      end
    end
  end

  pu_vmac_array #(
    .Lanes(Lanes)
  ) u_array (
    .en_i     (1'b1),
    .a_i      (a_q),
    .a_zero_i (a_q == '0),
    .b_tiles_i(b_int),
    .b_bank_i (1'b0),
    .b_zero_i (b_zero),
    .partial_o(partial),
    .skipped_o(skipped_o)
  );

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      a_q      <= '0;
      b_tile_q <= '0;
      acc_q    <= '0;
    end else begin
      a_q      <= a_i;
      b_tile_q <= b_tile_i;
      acc_q    <= acc_d;
    end
  end

  assign acc_o = acc_q;

endmodule
