// Command queue: a FIFO of Depth command descriptors (CmdWords 32-bit words each). The head is
// presented while the queue is not empty. A flush empties it; a push in the same cycle as a
// flush enters the emptied queue (it comes after the flush). The owner pushes only when the
// queue is not full and pops only when it is not empty.
module soc_cmdq
  import edgebert_csr_pkg::*;
#(
  parameter int unsigned Depth = 16,
  localparam int unsigned PtrBits = (Depth > 1) ? $clog2(Depth) : 1,
  localparam int unsigned LevelBits = $clog2(Depth + 1)
) (
  input  logic                          clk_i,
  input  logic                          rst_ni,

  input  logic                          push_i,
  input  logic [CmdWords-1:0][31:0]     data_i,
  input  logic                          pop_i,
  input  logic                          flush_i,
  output logic [CmdWords-1:0][31:0]     head_o,
  output logic                          empty_o,
  output logic                          full_o,
  output logic [LevelBits-1:0]          level_o
);

  logic [CmdWords-1:0][31:0] entries_q [Depth];
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

  // Descriptor storage: no reset (contents behind the pointers are never read).
  always_ff @(posedge clk_i) begin
    if (push_i) entries_q[wr_ptr_q] <= data_i;
  end

  assign head_o = entries_q[rd_ptr_q];
  assign empty_o = (level_q == '0);
  assign full_o = (32'(level_q) == Depth);
  assign level_o = level_q;

endmodule
