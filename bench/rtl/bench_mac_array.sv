// Benchmark top, not part of the chip: the PU's n x n AF8 MAC array (pu_vmac_array) with
// registered operands and one accumulator per VMAC (af8_pkg's AccBits, as in the PU), every
// multiplier busy every cycle. What the simulator does per cycle here is the least any model
// with this array can do: bench/speed_bench compares the SoC's simulated cycles per second
// with it. B arrives as the PU's tile registers hold it (af8_pkg::int_offset values), new every
// cycle: the PU converts a B vector once when it loads it, so converting n x n codes here every
// cycle would charge the bare array with work the chip does not do.
module bench_mac_array
  import af8_pkg::*;
#(
  parameter int unsigned Lanes = 16,
  localparam int unsigned PartialBits = ProductBits + $clog2(Lanes)
) (
  input  logic                                   clk_i,
  input  logic                                   rst_ni,
  input  logic [Lanes-1:0][7:0]                  a_i,
  input  logic [Lanes-1:0][Lanes-1:0][IntBits-1:0] b_tile_i,  // int_offset, [vmac][lane]
  output logic [Lanes-1:0][AccBits-1:0]          acc_o,
  output logic [$clog2(Lanes+1)-1:0]             skipped_o
);

  // int_offset of the zero code: a B vector of these is an all-zero vector.
  localparam logic [IntBits-1:0] OffsetZero = {1'b1, {(IntBits - 1) {1'b0}}};

  logic [Lanes-1:0][7:0] a_q;
  logic [IntBits-1:0] tile_q [2][Lanes][Lanes];  // bank 0 loaded every cycle; bank 1 unused
  logic [Lanes-1:0] b_zero_q;
  logic signed [PartialBits-1:0] partial [Lanes];
  logic [Lanes-1:0][AccBits-1:0] acc_d, acc_q;

  always_comb begin
    for (int unsigned i = 0; i < Lanes; i++) acc_d[i] = acc_q[i] + AccBits'(partial[i]);
  end

  pu_vmac_array #(
    .Lanes(Lanes)
  ) u_array (
    .en_i     (1'b1),
    .a_i      (a_q),
    .a_zero_i (a_q == '0),
    .b_tiles_i(tile_q),
    .b_bank_i (1'b0),
    .b_zero_i (b_zero_q),
    .partial_o(partial),
    .skipped_o(skipped_o)
  );

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      a_q      <= '0;
      b_zero_q <= '1;
      acc_q    <= '0;
    end else begin
      a_q   <= a_i;
      acc_q <= acc_d;
      for (int unsigned i = 0; i < Lanes; i++) b_zero_q[i] <= b_tile_i[i] == {Lanes{OffsetZero}};
    end
  end

  // The tile registers have no reset (as the PU's).
  always_ff @(posedge clk_i) begin
    for (int unsigned i = 0; i < Lanes; i++) begin
      for (int unsigned l = 0; l < Lanes; l++) begin
        tile_q[0][i][l] <= b_tile_i[i][l];
        tile_q[1][i][l] <= '0;
      end
    end
  end

  assign acc_o = acc_q;

endmodule
