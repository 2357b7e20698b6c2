// ReRAM embedding store (docs/reram.md; C++ model sw/golden/reram.h ReramStore).
//
// ReramWords 32-bit words, word-addressed. Words below ValueBaseWord are the SLC region (masks,
// table headers, row offsets) and always use SLC cells; words at or above it are the value
// region, whose cells follow mode_i (RERAM_CTRL.VALUE_MODE: 0 SLC, 1 MLC2, 2 MLC3, 3 as MLC3).
//
// Read port: one read in flight. A read is accepted when rd_en_i && rd_ready_o; mode_i,
// fault_en_i, seed_i and the latency of the addressed word's mode are sampled then. rd_valid_o
// is high for one cycle, `latency` cycles after the accepting cycle (latency = lat_*_i, a
// programmed 0 counts as 1), with rd_data_o (0 when rd_valid_o is low). rd_ready_o is low while
// a read is in flight except in its rd_valid_o cycle, so reads of latency 1 can go back to back.
// rd_en_i while rd_ready_o is low is ignored. An address at or above ReramWords reads 0 with
// rd_err_o (with rd_valid_o, after the value-region latency); a write there is ignored.
// With fault_en sampled high the word passes through reram_fault; the stored word is never
// changed by a read. A read and a write of the same word in one cycle read the old word.
//
// Write (programming) port: wr_strb_i[b] writes byte b of the word; always accepted.
//
// Reset: rst_ni clears the read pipeline only. The storage array has no reset: its contents
// survive an SoC reset, as ReRAM survives a power cycle.
`include "eb_assert.svh"

module reram_store
  import reram_pkg::*;
  import cmd_pkg::ReramAddrBits;
#(
  parameter int unsigned ReramWords = 1048576,   // 4 MiB (ReramKib = 4096)
  parameter int unsigned ValueBaseWord = 262144,
  // Word addresses in the RERAM window (cmd_pkg).
  localparam int unsigned AddrBits = ReramAddrBits
) (
  input  logic                clk_i,
  input  logic                rst_ni,

  // Settings (RERAM_CTRL, RERAM_SEED, RERAM_LATENCY).
  input  logic [1:0]          mode_i,
  input  logic                fault_en_i,
  input  logic [31:0]         seed_i,
  input  logic [7:0]          lat_slc_i,
  input  logic [7:0]          lat_mlc2_i,
  input  logic [7:0]          lat_mlc3_i,

  // Read port.
  input  logic                rd_en_i,
  output logic                rd_ready_o,
  input  logic [AddrBits-1:0] rd_addr_i,
  output logic                rd_valid_o,
  output logic [31:0]         rd_data_o,
  output logic                rd_err_o,

  // Write (programming) port.
  input  logic                wr_en_i,
  input  logic [AddrBits-1:0] wr_addr_i,
  input  logic [31:0]         wr_data_i,
  input  logic [3:0]          wr_strb_i
);

  localparam int unsigned IdxBits = (ReramWords > 1) ? $clog2(ReramWords) : 1;

  param_check #(.ReramWords(ReramWords), .ValueBaseWord(ValueBaseWord)) u_param_check ();

  // ---- Storage (no reset) ----------------------------------------------------------------
  // Public for the harness's backdoor model loads (sim/soc_harness.h).
  logic [31:0] mem [ReramWords] /*verilator public_flat_rw*/;

  logic wr_in_range;
  logic [IdxBits-1:0] wr_idx;
  assign wr_in_range = 32'(wr_addr_i) < ReramWords;
  assign wr_idx = wr_addr_i[IdxBits-1:0];

  always_ff @(posedge clk_i) begin
    if (wr_en_i && wr_in_range) begin
      for (int unsigned b = 0; b < 4; b++) begin
        if (wr_strb_i[b]) mem[wr_idx][8*b +: 8] <= wr_data_i[8*b +: 8];
      end
    end
  end

  // ---- Read request decode -------------------------------------------------------------------
  logic rd_accept;
  logic rd_in_range;
  logic [IdxBits-1:0] rd_idx;
  logic [1:0] rd_cell_mode;  // cells of the addressed word
  logic [7:0] rd_lat;        // its latency, at least 1

  assign rd_accept = rd_en_i && rd_ready_o;
  assign rd_in_range = 32'(rd_addr_i) < ReramWords;
  assign rd_idx = rd_addr_i[IdxBits-1:0];

  logic rd_slc_region;
  if (ValueBaseWord == 0) begin : g_no_slc_region
    assign rd_slc_region = 1'b0;  // (the comparison below would be constant)
  end else begin : g_slc_region
    assign rd_slc_region = 32'(rd_addr_i) < ValueBaseWord;
  end

  always_comb begin
    if (rd_slc_region) begin
      rd_cell_mode = CellSlc;
    end else if (mode_i == CellSlc || mode_i == CellMlc2) begin
      rd_cell_mode = mode_i;
    end else begin
      rd_cell_mode = CellMlc3;
    end
    unique case (rd_cell_mode)
      CellSlc:  rd_lat = lat_slc_i;
      CellMlc2: rd_lat = lat_mlc2_i;
      default:  rd_lat = lat_mlc3_i;
    endcase
    if (rd_lat == 8'd0) rd_lat = 8'd1;
  end

  // ---- Read pipeline -------------------------------------------------------------------------
  logic busy_q, busy_d;
  logic [7:0] cnt_q, cnt_d;          // cycles left until rd_valid_o
  logic err_q, err_d;
  logic fault_en_q, fault_en_d;
  logic [1:0] cell_mode_q, cell_mode_d;
  logic [AddrBits-1:0] addr_q, addr_d;
  logic [31:0] seed_q, seed_d;
  logic [31:0] raw_q;                // the stored word (datapath, no reset)

  assign rd_valid_o = busy_q && cnt_q == 8'd0;
  assign rd_ready_o = !busy_q || rd_valid_o;
  assign rd_err_o = rd_valid_o && err_q;

  always_comb begin
    busy_d = busy_q;
    cnt_d = cnt_q;
    err_d = err_q;
    fault_en_d = fault_en_q;
    cell_mode_d = cell_mode_q;
    addr_d = addr_q;
    seed_d = seed_q;
    if (rd_accept) begin
      busy_d = 1'b1;
      cnt_d = rd_lat - 8'd1;
      err_d = !rd_in_range;
      fault_en_d = fault_en_i;
      cell_mode_d = rd_cell_mode;
      addr_d = rd_addr_i;
      seed_d = seed_i;
    end else if (rd_valid_o) begin
      busy_d = 1'b0;
    end else if (busy_q) begin
      cnt_d = cnt_q - 8'd1;
    end
  end

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      busy_q <= 1'b0;
      cnt_q <= '0;
      err_q <= 1'b0;
      fault_en_q <= 1'b0;
      cell_mode_q <= CellSlc;
      addr_q <= '0;
      seed_q <= '0;
    end else begin
      busy_q <= busy_d;
      cnt_q <= cnt_d;
      err_q <= err_d;
      fault_en_q <= fault_en_d;
      cell_mode_q <= cell_mode_d;
      addr_q <= addr_d;
      seed_q <= seed_d;
    end
  end

  always_ff @(posedge clk_i) begin
    if (rd_accept) raw_q <= rd_in_range ? mem[rd_idx] : '0;
  end

  // ---- Read data -------------------------------------------------------------------------------
  logic [31:0] faulty;
  reram_fault u_fault (
    .en_i        (rd_valid_o && !err_q && fault_en_q),
    .word_addr_i (32'(addr_q)),
    .mode_i      (cell_mode_q),
    .seed_i      (seed_q),
    .data_i      (raw_q),
    .data_o      (faulty)
  );

  always_comb begin
    rd_data_o = '0;
    if (rd_valid_o && !err_q) rd_data_o = fault_en_q ? faulty : raw_q;
  end

  // The programming port is not written while a read counts down its latency (the host is
  // refused while a command runs): the read would return a word changed under it.
  `EB_ASSERT_NEVER(WriteDuringRead_A, wr_en_i && busy_q && !rd_valid_o)

endmodule
