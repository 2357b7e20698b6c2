// A synchronous FIFO of Depth entries of Width bits (the command queue's, and any other's): the
// head is presented while the FIFO is not empty. A flush empties it; a push in the same cycle
// as a flush enters the emptied FIFO (it comes after the flush). The owner pushes only when the
// FIFO is not full and pops only when it is not empty. Entries have no reset: what lies behind
// the pointers is never read.
`include "eb_assert.svh"

module fifo_sync #(
  parameter int unsigned Width = 32,
  parameter int unsigned Depth = 16,
  localparam int unsigned PtrBits = (Depth > 1) ? $clog2(Depth) : 1,
  localparam int unsigned LevelBits = $clog2(Depth + 1)
) (
  input  logic                 clk_i,
  input  logic                 rst_ni,

  input  logic                 push_i,
  input  logic [Width-1:0]     data_i,
  input  logic                 pop_i,
  input  logic                 flush_i,
  output logic [Width-1:0]     head_o,
  output logic                 empty_o,
  output logic                 full_o,
  output logic [LevelBits-1:0] level_o
);

  if (Depth < 1 || Width < 1) begin : gen_bad_params
    $fatal(1, "fifo_sync: Depth = %0d and Width = %0d must both be at least 1", Depth, Width);
  end

  logic [Width-1:0] entries_q [Depth];
  logic [PtrBits-1:0] rd_ptr_q, wr_ptr_q;
  logic [LevelBits-1:0] level_q;

  function automatic logic [PtrBits-1:0] next_ptr(input logic [PtrBits-1:0] ptr);
    return (32'(ptr) == Depth - 1) ? '0 : ptr + 1'b1;
  endfunction

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      rd_ptr_q <= '0;
      wr_ptr_q <= '0;
      level_q <= '0;
    end else begin
      if (push_i) wr_ptr_q <= next_ptr(wr_ptr_q);
      if (flush_i) begin
        rd_ptr_q <= wr_ptr_q;
        level_q <= push_i ? LevelBits'(1) : '0;
      end else begin
        if (pop_i) rd_ptr_q <= next_ptr(rd_ptr_q);
        level_q <= level_q + LevelBits'(push_i) - LevelBits'(pop_i);
      end
    end
  end

  always_ff @(posedge clk_i) begin
    if (push_i) entries_q[wr_ptr_q] <= data_i;
  end

  assign head_o = entries_q[rd_ptr_q];
  assign empty_o = (level_q == '0);
  assign full_o = (32'(level_q) == Depth);
  assign level_o = level_q;

  // The owner's side of the contract (see the header), and the pointers' own.
  `EB_ASSERT_NEVER(PushWhenFull_A, push_i && full_o && !flush_i)
  `EB_ASSERT_NEVER(PopWhenEmpty_A, pop_i && empty_o)
  `EB_ASSERT(LevelInRange_A, 32'(level_q) <= Depth)
  `EB_ASSERT(PointersInRange_A, 32'(rd_ptr_q) < Depth && 32'(wr_ptr_q) < Depth)
  `EB_ASSERT(LevelMatchesPointers_A,
             (32'(wr_ptr_q) + Depth - 32'(rd_ptr_q)) % Depth == 32'(level_q) % Depth)

endmodule
