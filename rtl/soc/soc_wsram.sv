// Weight SRAM: WsramVectors bitmask-encoded n-lane vectors (docs/architecture.md section 5), a
// value plane of n-byte slots and a mask plane of one n-bit mask per vector. The PU reads its B
// operand through one vector read port (data the cycle after the request); the host reads and
// writes 32-bit words through the other port (plane 0: word w holds value bytes 4w..4w+3;
// plane 1: word v holds vector v's mask, bits above n read 0), every byte under its strobe, the
// answer the cycle after the request. Its contents are lost on reset like any SRAM on a power
// cycle: a valid bit per vector, cleared by rst_ni, makes a never-written vector read as all zero
// (as gb_uab does).
`include "unit_typedef.svh"
`include "eb_assert.svh"
module soc_wsram
  import cmd_pkg::VecAddrBits, cmd_pkg::HostWordBits, cmd_pkg::vec_rd_req_t;
#(
  parameter int unsigned Lanes = 16,
  parameter int unsigned WsramVectors = 1048576,
  `EDGEBERT_VEC_TYPES(Lanes)
) (
  input  logic                    clk_i,
  input  logic                    rst_ni,

  // PU B operand read port.
  input  vec_rd_req_t             rd_req_i,
  output vec_rsp_t                rd_rsp_o,

  // Host port (sram_host_port). Out-of-range words read 0 with ext_err_o and are not written.
  input  logic                    ext_en_i,
  input  logic                    ext_we_i,
  input  logic                    ext_plane_i,
  input  logic [HostWordBits-1:0] ext_addr_i,
  input  logic [31:0]             ext_wdata_i,
  input  logic [3:0]              ext_wstrb_i,
  output logic [31:0]             ext_rdata_o,
  output logic                    ext_err_o
);

  param_check #(.Lanes(Lanes), .WsramVectors(WsramVectors)) u_param_check ();

  localparam int unsigned SlotBits = Lanes * 8;
  localparam int unsigned IndexBits = $clog2(WsramVectors);

  // Public for the harness's backdoor model loads (sim/soc_harness.h).
  logic [SlotBits-1:0] values_q [WsramVectors] /*verilator public_flat_rw*/;
  logic [Lanes-1:0] masks_q [WsramVectors] /*verilator public_flat_rw*/;
  logic [WsramVectors-1:0] valid_q /*verilator public_flat_rw*/;

  logic ext_write;
  logic [IndexBits-1:0] ext_index;
  logic [SlotBits-1:0] ext_slot_new;
  logic [Lanes-1:0] ext_mask_new;

  sram_host_port #(
    .SlotBytes(Lanes),
    .Entries  (WsramVectors)
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
    end else if (ext_write) begin
      valid_q[ext_index] <= 1'b1;
    end
  end

  always_ff @(posedge clk_i) begin
    if (ext_write) begin
      values_q[ext_index] <= ext_slot_new;
      masks_q[ext_index] <= ext_mask_new;
    end
  end

  // PU reads (one-cycle latency). The hit test is made in the clocked block, with the enable:
  // as a continuous assignment Verilator would evaluate it on every eval().
  logic [IndexBits-1:0] rd_index;
  // Every use is guarded by the hit test, which checks the bits this drops.
  assign rd_index = IndexBits'(rd_req_i.addr);
  always_ff @(posedge clk_i) begin
    if (rd_req_i.en) begin
      if (64'(rd_req_i.addr) < 64'(WsramVectors) && valid_q[rd_index]) begin
        rd_rsp_o.data <= values_q[rd_index];
        rd_rsp_o.mask <= masks_q[rd_index];
      end else begin
        rd_rsp_o <= '0;
      end
    end
  end

  // The PU reads only what its descriptor check let through, and never while the host writes
  // (the splitter refuses memory while a command runs).
  `EB_ASSERT_NEVER(PuReadOutOfRange_A, rd_req_i.en && 64'(rd_req_i.addr) >= 64'(WsramVectors))
  `EB_ASSERT_NEVER(HostWriteDuringPuRead_A, ext_write && rd_req_i.en)

endmodule
