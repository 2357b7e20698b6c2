// Integrated clock gate (an ICG cell's behaviour): clk_o follows clk_i while en_i, sampled while
// clk_i is low, was high. The latch holds the enable through the high phase, so clk_o has no
// glitch when en_i changes after the rising edge (it is driven by flops of clk_i's domain).
//
// A unit whose clock is gated off spends no power on its flops, and Verilator does not evaluate
// the processes its gated clock triggers: an idle unit costs the simulation next to nothing.
module clock_gate (
  input  logic clk_i,
  input  logic en_i,
  output logic clk_o
);

  logic en_latched;

  always_latch begin
    if (!clk_i) en_latched = en_i;
  end

  assign clk_o = clk_i && en_latched;

endmodule
