// The indices of a loop nest, innermost first (a command unit's pass counter: lane or row within
// a pass, K group, column block ...). Each step_i advances index 0; an index at its last value
// (last_i, the loop's count minus one) returns to 0 and advances the one outside it. wrap_o[l]
// is high while indices 0..l are all at their last values, so a step then completes loop l, and
// wrap_o[Levels-1] marks the step that completes the nest (what lies outside it, such as the
// PU's row block, is the unit's). clear_i returns every index to 0 and wins over step_i.
`include "eb_assert.svh"

module loop_counter #(
  parameter int unsigned Levels = 2,
  parameter int unsigned Width = 16
) (
  input  logic                         clk_i,
  input  logic                         rst_ni,

  input  logic                         clear_i,
  input  logic                         step_i,
  input  logic [Levels-1:0][Width-1:0] last_i,
  output logic [Levels-1:0][Width-1:0] index_o,
  output logic                         wrap_o [Levels]
);

  if (Levels < 1 || Width < 1) begin : gen_bad_params
    $fatal(1, "loop_counter: Levels = %0d and Width = %0d must both be at least 1", Levels, Width);
  end

  logic [Levels-1:0][Width-1:0] index_q;
  assign index_o = index_q;

  // advance[l]: loop l steps with step_i (every loop inside it is at its last value). One
  // variable per level (unpacked): Verilator turns a bit write into a packed vector into a
  // read-modify-write, and these are evaluated on every cycle.
  logic at_last [Levels];
  logic advance [Levels];
  for (genvar l = 0; l < Levels; l++) begin : g_level
    assign at_last[l] = (index_q[l] == last_i[l]);
    always_comb begin
      advance[l] = 1'b1;
      for (int i = 0; i < l; i++) advance[l] = advance[l] && at_last[i];
    end
    assign wrap_o[l] = advance[l] && at_last[l];
    // A step past an index's last value would skip its wrap: the owner changes last_i only
    // while the nest is cleared or idle.
    `EB_ASSERT(IndexWithinLast_A, !step_i || clear_i || index_q[l] <= last_i[l])
  end

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      index_q <= '0;
    end else if (clear_i) begin
      index_q <= '0;
    end else if (step_i) begin
      for (int unsigned l = 0; l < Levels; l++) begin
        if (advance[l]) index_q[l] <= at_last[l] ? '0 : index_q[l] + 1'b1;
      end
    end
  end

endmodule
