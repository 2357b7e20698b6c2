// Unified activation buffer: UabVectors bitmask-encoded n-lane vectors (a value plane of n-byte
// slots and a mask plane), two vector read ports and one vector write port for the executing
// unit, and a 32-bit port for the host (AXI). Read data arrives the cycle after the request.
// Its contents are lost on reset like any SRAM on a power cycle: a valid bit per vector, cleared
// by rst_ni, makes a never-written vector read as all zero.
`include "unit_typedef.svh"
`include "eb_assert.svh"
module gb_uab
  import cmd_pkg::VecAddrBits, cmd_pkg::HostWordBits, cmd_pkg::vec_rd_req_t;
#(
  parameter int unsigned Lanes = 16,
  parameter int unsigned UabVectors = 65536,
  `EDGEBERT_VEC_TYPES(Lanes)
) (
  input  logic                   clk_i,
  input  logic                   rst_ni,

  input  vec_rd_req_t            a_rd_req_i,
  output vec_rsp_t               a_rd_rsp_o,
  input  vec_rd_req_t            b_rd_req_i,
  output vec_rsp_t               b_rd_rsp_o,
  // The same read data for the row units, registered on their gated clock (gb.sv).
  input  logic                   units_clk_i,
  output vec_rsp_t               units_a_rd_rsp_o,
  output vec_rsp_t               units_b_rd_rsp_o,
  input  vec_wr_req_t            wr_req_i,

  // Host port (sram_host_port): plane 0 = values (word w holds bytes 4w..4w+3 of the value
  // plane), plane 1 = masks (word v holds vector v's mask). Every byte under its strobe;
  // out-of-range words read 0 with ext_err_o.
  input  logic                    ext_en_i,
  input  logic                    ext_we_i,
  input  logic                    ext_plane_i,
  input  logic [HostWordBits-1:0] ext_addr_i,
  input  logic [31:0]             ext_wdata_i,
  input  logic [3:0]              ext_wstrb_i,
  output logic [31:0]             ext_rdata_o,
  output logic                    ext_err_o
);

  param_check #(.Lanes(Lanes), .UabVectors(UabVectors)) u_param_check ();

  localparam int unsigned SlotBits = Lanes * 8;
  localparam int unsigned IndexBits = $clog2(UabVectors);

  logic [SlotBits-1:0] values_q [UabVectors];
  logic [Lanes-1:0] masks_q [UabVectors];
  logic [UabVectors-1:0] valid_q;

  function automatic logic in_range(input logic [VecAddrBits-1:0] vector);
    return 32'(vector) < UabVectors;
  endfunction
  // Every use is guarded by in_range(), which checks the bits this drops.
  // verilator lint_off UNUSEDSIGNAL
  function automatic logic [IndexBits-1:0] index(input logic [VecAddrBits-1:0] vector);
    return IndexBits'(vector);
  endfunction
  // verilator lint_on UNUSEDSIGNAL
  // A vector in range that has been written (the others read as zero).
  function automatic logic stored(input logic [VecAddrBits-1:0] vector);
    return in_range(vector) && valid_q[index(vector)];
  endfunction

  logic ext_write;
  logic [IndexBits-1:0] ext_index;
  logic [SlotBits-1:0] ext_slot_new;
  logic [Lanes-1:0] ext_mask_new;

  sram_host_port #(
    .SlotBytes(Lanes),
    .Entries  (UabVectors)
  ) u_host (
    .clk_i,
    .rst_ni,
    .en_i   (ext_en_i),
    .we_i   (ext_we_i),
    .plane_i(ext_plane_i),
    .addr_i (ext_addr_i),
    .wdata_i(ext_wdata_i),
    .wstrb_i(ext_wstrb_i),
    .rdata_o(ext_rdata_o),
    .err_o  (ext_err_o),
    .index_o(ext_index),
    .valid_i(ext_en_i && valid_q[ext_index]),
    .slot_i (ext_en_i ? values_q[ext_index] : '0),
    .mask_i (ext_en_i ? masks_q[ext_index] : '0),
    .write_o(ext_write),
    .slot_o (ext_slot_new),
    .mask_o (ext_mask_new)
  );

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      // One reset clears every valid bit: a wide constant by design.
      // verilator lint_off WIDTHCONCAT
      valid_q <= '0;
      // verilator lint_on WIDTHCONCAT
    end else begin
      if (wr_req_i.en && in_range(wr_req_i.addr)) valid_q[index(wr_req_i.addr)] <= 1'b1;
      if (ext_write) valid_q[ext_index] <= 1'b1;
    end
  end

  always_ff @(posedge clk_i) begin
    if (wr_req_i.en && in_range(wr_req_i.addr)) begin
      values_q[index(wr_req_i.addr)] <= wr_req_i.data;
      masks_q[index(wr_req_i.addr)] <= wr_req_i.mask;
    end
    if (ext_write) begin
      values_q[ext_index] <= ext_slot_new;
      masks_q[ext_index] <= ext_mask_new;
    end
  end

  // What a read of `vector` returns.
  function automatic vec_rsp_t read(input logic [VecAddrBits-1:0] vector);
    return stored(vector) ? '{mask: masks_q[index(vector)], data: values_q[index(vector)]} : '0;
  endfunction

  // Registered reads (one-cycle latency).
  always_ff @(posedge clk_i) begin
    if (a_rd_req_i.en) a_rd_rsp_o <= read(a_rd_req_i.addr);
    if (b_rd_req_i.en) b_rd_rsp_o <= read(b_rd_req_i.addr);
  end

  // The row units' copy of the read data, on their gated clock: it runs whenever a unit reads,
  // so a unit sees what the shared registers hold; while the units are idle it holds, so that
  // the PU's reads do not reach the idle units' decoders (operand isolation: no toggling there in
  // silicon, and no evaluation in Verilator, which runs logic fed only by the gated clock's
  // registers on that clock's edges alone).
  always_ff @(posedge units_clk_i) begin
    if (a_rd_req_i.en) units_a_rd_rsp_o <= read(a_rd_req_i.addr);
    if (b_rd_req_i.en) units_b_rd_rsp_o <= read(b_rd_req_i.addr);
  end

  // The units write and read only inside the buffer (their descriptor checks), never in the
  // cycle of a host write (the host is refused while a command runs).
  `EB_ASSERT_NEVER(UnitWriteOutOfRange_A, wr_req_i.en && !in_range(wr_req_i.addr))
  `EB_ASSERT_NEVER(UnitReadOutOfRange_A, (a_rd_req_i.en && !in_range(a_rd_req_i.addr)) ||
                                         (b_rd_req_i.en && !in_range(b_rd_req_i.addr)))
  `EB_ASSERT_NEVER(HostAndUnitWrite_A, ext_write && wr_req_i.en)

endmodule
