// Auxiliary buffer: AuxBytes of byte-addressed SRAM seen as 32-bit words (biases, LayerNorm
// gamma/beta, span masks, activation tables, token ids, stored entropies). One read port and one
// write port for the executing unit, one port for the host. Read data arrives the cycle after the
// request. Contents are lost on reset (a valid bit per word, cleared by rst_ni).
`include "unit_typedef.svh"
`include "eb_assert.svh"
module gb_aux
  import cmd_pkg::HostWordBits;
#(
  parameter int unsigned AuxBytes = 65536,
  localparam int unsigned AuxWords = AuxBytes / 4,
  localparam int unsigned WordBits = $clog2(AuxWords),
  `EDGEBERT_AUX_TYPES(WordBits)
) (
  input  logic                    clk_i,
  input  logic                    rst_ni,

  input  aux_rd_req_t             rd_req_i,
  output logic [31:0]             rd_data_o,
  input  aux_wr_req_t             wr_req_i,

  // Host port (sram_host_port; word addresses; out of range reads 0 with ext_err_o).
  input  logic                    ext_en_i,
  input  logic                    ext_we_i,
  input  logic [HostWordBits-1:0] ext_addr_i,
  input  logic [31:0]             ext_wdata_i,
  input  logic [3:0]              ext_wstrb_i,
  output logic [31:0]             ext_rdata_o,
  output logic                    ext_err_o
);

  param_check #(.AuxBytes(AuxBytes)) u_param_check ();

  // Public for the harness's backdoor model loads (sim/soc_harness.h).
  logic [31:0] words_q [AuxWords] /*verilator public_flat_rw*/;
  logic [AuxWords-1:0] valid_q /*verilator public_flat_rw*/;
  logic ext_write;
  logic [WordBits-1:0] ext_index;
  logic [31:0] ext_new;
  // A word has no mask plane.
  // verilator lint_off UNUSEDSIGNAL
  logic [3:0] ext_mask_unused;
  // verilator lint_on UNUSEDSIGNAL

  sram_host_port #(
    .SlotBytes(4),
    .Entries  (AuxWords)
  ) u_host (
    .clk_i,
    .rst_ni,
    .en_i   (ext_en_i),
    .we_i   (ext_we_i),
    .plane_i(1'b0),
    .addr_i (ext_addr_i),
    .wdata_i(ext_wdata_i),
    .wstrb_i(ext_wstrb_i),
    .rdata_o(ext_rdata_o),
    .err_o  (ext_err_o),
    .index_o(ext_index),
    .valid_i(ext_en_i && valid_q[ext_index]),
    .slot_i (ext_en_i ? words_q[ext_index] : '0),
    .mask_i ('0),
    .write_o(ext_write),
    .slot_o (ext_new),
    .mask_o (ext_mask_unused)
  );

  // The units validate their aux ranges; words outside the buffer are ignored here all the same.
  logic rd_in_range, wr_in_range;
  logic [WordBits-1:0] rd_index, wr_index;
  assign rd_in_range = 32'(rd_req_i.addr) < AuxWords;
  assign wr_in_range = 32'(wr_req_i.addr) < AuxWords;
  assign rd_index = WordBits'(rd_req_i.addr);
  assign wr_index = WordBits'(wr_req_i.addr);

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      // One reset clears every valid bit: a wide constant by design.
      // verilator lint_off WIDTHCONCAT
      valid_q <= '0;
      // verilator lint_on WIDTHCONCAT
    end else begin
      if (wr_req_i.en && wr_in_range) valid_q[wr_index] <= 1'b1;
      if (ext_write) valid_q[ext_index] <= 1'b1;
    end
  end

  always_ff @(posedge clk_i) begin
    if (wr_req_i.en && wr_in_range) words_q[wr_index] <= wr_req_i.data;
    if (ext_write) words_q[ext_index] <= ext_new;
    if (rd_req_i.en) rd_data_o <= (rd_in_range && valid_q[rd_index]) ? words_q[rd_index] : '0;
  end

  // The units stay inside the buffer (their checks), and never write in the cycle of a host
  // write.
  `EB_ASSERT_NEVER(UnitAccessOutOfRange_A, (rd_req_i.en && !rd_in_range) ||
                                           (wr_req_i.en && !wr_in_range))
  `EB_ASSERT_NEVER(HostAndUnitWrite_A, ext_write && wr_req_i.en)

endmodule
