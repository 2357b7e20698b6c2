// EdgeBERT SoC top (docs/architecture.md sections 2 and 15): one AXI4 slave port, the interrupt
// line, and inside them
//   soc_axi + soc_axi_splitter   AXI4 bursts -> 32-bit word accesses -> CSR / WSRAM / GB host port
//   soc_csr                      registers, command queue, sequencer, interrupts, counters
//   pu                           MATMUL (rtl/pu/pu.sv)
//   soc_wsram                    weight SRAM: the PU's B operand
//   gb                           UAB, aux buffer, row units, ReRAM store (rtl/gb/gb.sv)
// One command runs at a time. The PU reaches the UAB and aux buffer through the GB's PU ports,
// and its B operand in the WSRAM, or in the UAB when the command says B_IN_UAB. On rst_ni the
// registers, queue, WSRAM, UAB and aux buffer are lost; the ReRAM store keeps its contents.
`include "unit_typedef.svh"
module edgebert_soc
  import edgebert_csr_pkg::*;
  import soc_pkg::*;
  import cmd_pkg::*;
#(
  parameter int unsigned Lanes = 16,
  parameter int unsigned AccRows = 128,
  parameter int unsigned CmdqDepth = 16,
  parameter int unsigned MaxSeq = 128,           // reported in HWCFG0.MAX_SEQ
  parameter int unsigned UabVectors = 65536,     // 1024 KiB at n = 16
  parameter int unsigned WsramVectors = 1048576, // 16384 KiB at n = 16
  parameter int unsigned AuxBytes = 65536,
  parameter int unsigned ReramWords = 1048576,   // 4096 KiB
  parameter int unsigned ValueBaseWord = 262144,
  localparam int unsigned AuxWordBits = $clog2(AuxBytes / 4),
  localparam int unsigned CountBits = $clog2(Lanes + 1),
  `EDGEBERT_VEC_TYPES(Lanes),
  `EDGEBERT_AUX_TYPES(AuxWordBits)
) (
  input  logic                    clk_i,
  input  logic                    rst_ni,

  // AXI4 slave.
  input  logic [AxiIdWidth-1:0]   axi_awid_i,
  input  logic [AxiAddrWidth-1:0] axi_awaddr_i,
  input  logic [7:0]              axi_awlen_i,
  input  logic [2:0]              axi_awsize_i,
  input  logic [1:0]              axi_awburst_i,
  input  logic                    axi_awvalid_i,
  output logic                    axi_awready_o,
  input  logic [AxiDataWidth-1:0] axi_wdata_i,
  input  logic [AxiStrbWidth-1:0] axi_wstrb_i,
  input  logic                    axi_wlast_i,
  input  logic                    axi_wvalid_i,
  output logic                    axi_wready_o,
  output logic [AxiIdWidth-1:0]   axi_bid_o,
  output logic [1:0]              axi_bresp_o,
  output logic                    axi_bvalid_o,
  input  logic                    axi_bready_i,
  input  logic [AxiIdWidth-1:0]   axi_arid_i,
  input  logic [AxiAddrWidth-1:0] axi_araddr_i,
  input  logic [7:0]              axi_arlen_i,
  input  logic [2:0]              axi_arsize_i,
  input  logic [1:0]              axi_arburst_i,
  input  logic                    axi_arvalid_i,
  output logic                    axi_arready_o,
  output logic [AxiIdWidth-1:0]   axi_rid_o,
  output logic [AxiDataWidth-1:0] axi_rdata_o,
  output logic [1:0]              axi_rresp_o,
  output logic                    axi_rlast_o,
  output logic                    axi_rvalid_o,
  input  logic                    axi_rready_i,

  output logic                    irq_o
);

  param_check #(
    .Lanes(Lanes),
    .AccRows(AccRows),
    .CmdqDepth(CmdqDepth),
    .MaxSeq(MaxSeq),
    .UabVectors(UabVectors),
    .WsramVectors(WsramVectors),
    .AuxBytes(AuxBytes),
    .ReramWords(ReramWords),
    .ValueBaseWord(ValueBaseWord)
  ) u_param_check ();

  // ---------------------------------------------------------------------------------------------
  // AXI slave and splitter
  // ---------------------------------------------------------------------------------------------
  wb_req_t wb_req;
  wb_rsp_t wb_rsp;

  soc_axi u_axi (
    .clk_i,
    .rst_ni,
    .axi_awid_i,
    .axi_awaddr_i,
    .axi_awlen_i,
    .axi_awsize_i,
    .axi_awburst_i,
    .axi_awvalid_i,
    .axi_awready_o,
    .axi_wdata_i,
    .axi_wstrb_i,
    .axi_wlast_i,
    .axi_wvalid_i,
    .axi_wready_o,
    .axi_bid_o,
    .axi_bresp_o,
    .axi_bvalid_o,
    .axi_bready_i,
    .axi_arid_i,
    .axi_araddr_i,
    .axi_arlen_i,
    .axi_arsize_i,
    .axi_arburst_i,
    .axi_arvalid_i,
    .axi_arready_o,
    .axi_rid_o,
    .axi_rdata_o,
    .axi_rresp_o,
    .axi_rlast_o,
    .axi_rvalid_o,
    .axi_rready_i,
    .wb_req_o(wb_req),
    .wb_rsp_i(wb_rsp)
  );

  logic busy;
  logic csr_req, csr_we, csr_err;
  logic [11:0] csr_addr;
  logic [31:0] csr_wdata, csr_rdata;
  logic [3:0] csr_wstrb;
  logic wsram_en, wsram_we, wsram_plane, wsram_err;
  logic [HostWordBits-1:0] wsram_addr;
  logic [31:0] wsram_wdata, wsram_rdata;
  logic [3:0] wsram_wstrb;
  logic gb_en, gb_ready, gb_we, gb_rvalid, gb_ext_err;
  logic [1:0] gb_space;
  logic [HostWordBits-1:0] gb_addr;
  logic [31:0] gb_wdata, gb_rdata;
  logic [3:0] gb_wstrb;

  soc_axi_splitter #(
    .Lanes       (Lanes),
    .UabVectors  (UabVectors),
    .WsramVectors(WsramVectors),
    .AuxBytes    (AuxBytes),
    .ReramWords  (ReramWords)
  ) u_splitter (
    .clk_i,
    .rst_ni,
    .wb_req_i     (wb_req),
    .wb_rsp_o     (wb_rsp),
    .busy_i       (busy),
    .csr_req_o    (csr_req),
    .csr_we_o     (csr_we),
    .csr_addr_o   (csr_addr),
    .csr_wdata_o  (csr_wdata),
    .csr_wstrb_o  (csr_wstrb),
    .csr_rdata_i  (csr_rdata),
    .csr_err_i    (csr_err),
    .wsram_en_o   (wsram_en),
    .wsram_we_o   (wsram_we),
    .wsram_plane_o(wsram_plane),
    .wsram_addr_o (wsram_addr),
    .wsram_wdata_o(wsram_wdata),
    .wsram_wstrb_o(wsram_wstrb),
    .wsram_rdata_i(wsram_rdata),
    .wsram_err_i  (wsram_err),
    .gb_en_o      (gb_en),
    .gb_ready_i   (gb_ready),
    .gb_we_o      (gb_we),
    .gb_space_o   (gb_space),
    .gb_addr_o    (gb_addr),
    .gb_wdata_o   (gb_wdata),
    .gb_wstrb_o   (gb_wstrb),
    .gb_rvalid_i  (gb_rvalid),
    .gb_rdata_i   (gb_rdata),
    .gb_err_i     (gb_ext_err)
  );

  // ---------------------------------------------------------------------------------------------
  // CSR block, queue and sequencer
  // ---------------------------------------------------------------------------------------------
  cmd_req_t cmd_req;  // one request, to the PU and the GB
  logic pu_cmd_sel, gb_cmd_sel;
  cmd_rsp_t pu_cmd_rsp, gb_cmd_rsp;
  logic gb_early_exit;
  logic [31:0] entropy_threshold, gb_entropy;
  logic [1:0] reram_mode;
  logic reram_fault_en;
  logic [31:0] reram_seed;
  logic [7:0] reram_lat_slc, reram_lat_mlc2, reram_lat_mlc3;
  logic pu_perf_busy, pu_perf_mac, pu_perf_stall, gb_perf_busy;
  logic [CountBits-1:0] pu_perf_vmacs, pu_perf_vmacs_skipped, pu_perf_saturations;
  logic [CountBits-1:0] gb_perf_saturations;
  logic [$clog2(Lanes*Lanes+1)-1:0] pu_perf_macs_nonzero;
  logic [1:0] gb_perf_uab_reads;
  logic gb_perf_uab_writes, gb_perf_aux_reads, gb_perf_aux_writes;
  logic gb_perf_reram_slc_reads, gb_perf_reram_mlc2_reads, gb_perf_reram_mlc3_reads;

  soc_csr #(
    .Lanes       (Lanes),
    .CmdqDepth   (CmdqDepth),
    .MaxSeq      (MaxSeq),
    .UabVectors  (UabVectors),
    .WsramVectors(WsramVectors),
    .AuxBytes    (AuxBytes),
    .ReramWords  (ReramWords)
  ) u_csr (
    .clk_i,
    .rst_ni,
    .reg_req_i              (csr_req),
    .reg_we_i               (csr_we),
    .reg_addr_i             (csr_addr),
    .reg_wdata_i            (csr_wdata),
    .reg_wstrb_i            (csr_wstrb),
    .reg_rdata_o            (csr_rdata),
    .reg_err_o              (csr_err),
    .cmd_req_o              (cmd_req),
    .pu_cmd_sel_o           (pu_cmd_sel),
    .pu_cmd_rsp_i           (pu_cmd_rsp),
    .gb_cmd_sel_o           (gb_cmd_sel),
    .gb_cmd_rsp_i           (gb_cmd_rsp),
    .gb_entropy_i           (gb_entropy),
    .gb_early_exit_i        (gb_early_exit),
    .busy_o                 (busy),
    .entropy_threshold_o    (entropy_threshold),
    .reram_mode_o           (reram_mode),
    .reram_fault_en_o       (reram_fault_en),
    .reram_seed_o           (reram_seed),
    .reram_lat_slc_o        (reram_lat_slc),
    .reram_lat_mlc2_o       (reram_lat_mlc2),
    .reram_lat_mlc3_o       (reram_lat_mlc3),
    .pu_perf_mac_i          (pu_perf_mac),
    .pu_perf_vmacs_i        (pu_perf_vmacs),
    .pu_perf_vmacs_skipped_i(pu_perf_vmacs_skipped),
    .pu_perf_stall_i        (pu_perf_stall),
    .pu_perf_saturations_i  (pu_perf_saturations),
    .gb_perf_saturations_i  (gb_perf_saturations),
    .pu_perf_macs_nonzero_i (pu_perf_macs_nonzero),
    .pu_perf_wsram_read_i   (pu_b_rd_req.en && !pu_b_rd_uab),
    .gb_perf_busy_i         (gb_perf_busy),
    .gb_perf_uab_reads_i    (gb_perf_uab_reads),
    .gb_perf_uab_writes_i   (gb_perf_uab_writes),
    .gb_perf_aux_reads_i    (gb_perf_aux_reads),
    .gb_perf_aux_writes_i   (gb_perf_aux_writes),
    .gb_perf_reram_slc_reads_i (gb_perf_reram_slc_reads),
    .gb_perf_reram_mlc2_reads_i(gb_perf_reram_mlc2_reads),
    .gb_perf_reram_mlc3_reads_i(gb_perf_reram_mlc3_reads),
    .irq_o
  );

  // ---------------------------------------------------------------------------------------------
  // PU and weight SRAM
  // ---------------------------------------------------------------------------------------------
  vec_rd_req_t pu_a_rd_req, pu_b_rd_req;
  logic pu_b_rd_uab;
  vec_rsp_t uab_a_rsp, uab_b_rsp, wsram_b_rsp;
  vec_wr_req_t pu_c_wr_req;
  aux_rd_req_t pu_aux_rd_req;
  logic [31:0] aux_rd_data;
  logic b_from_uab_q;

  pu #(
    .Lanes       (Lanes),
    .AccRows     (AccRows),
    .UabVectors  (UabVectors),
    .WsramVectors(WsramVectors),
    .AuxBytes    (AuxBytes)
  ) u_pu (
    .clk_i,
    .rst_ni,
    .cmd_req_i           (cmd_req),
    .cmd_sel_i           (pu_cmd_sel),
    .cmd_rsp_o           (pu_cmd_rsp),
    .a_rd_req_o          (pu_a_rd_req),
    .a_rd_rsp_i          (uab_a_rsp),
    .b_rd_req_o          (pu_b_rd_req),
    .b_rd_uab_o          (pu_b_rd_uab),
    .b_rd_rsp_i          (b_from_uab_q ? uab_b_rsp : wsram_b_rsp),
    .aux_rd_req_o        (pu_aux_rd_req),
    .aux_rd_data_i       (aux_rd_data),
    .c_wr_req_o          (pu_c_wr_req),
    .perf_busy_o         (pu_perf_busy),
    .perf_mac_o          (pu_perf_mac),
    .perf_vmacs_o        (pu_perf_vmacs),
    .perf_vmacs_skipped_o(pu_perf_vmacs_skipped),
    .perf_stall_o        (pu_perf_stall),
    .perf_saturations_o  (pu_perf_saturations),
    .perf_macs_nonzero_o (pu_perf_macs_nonzero)
  );

  // B read data arrives the cycle after the request: select it by the request's source.
  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) b_from_uab_q <= 1'b0;
    else if (pu_b_rd_req.en) b_from_uab_q <= pu_b_rd_uab;
  end

  soc_wsram #(
    .Lanes       (Lanes),
    .WsramVectors(WsramVectors)
  ) u_wsram (
    .clk_i,
    .rst_ni,
    .rd_req_i   ('{en: pu_b_rd_req.en && !pu_b_rd_uab, addr: pu_b_rd_req.addr}),
    .rd_rsp_o   (wsram_b_rsp),
    .ext_en_i   (wsram_en),
    .ext_we_i   (wsram_we),
    .ext_plane_i(wsram_plane),
    .ext_addr_i (wsram_addr),
    .ext_wdata_i(wsram_wdata),
    .ext_wstrb_i(wsram_wstrb),
    .ext_rdata_o(wsram_rdata),
    .ext_err_o  (wsram_err)
  );

  // ---------------------------------------------------------------------------------------------
  // Global buffer
  // ---------------------------------------------------------------------------------------------
  gb #(
    .Lanes        (Lanes),
    .UabVectors   (UabVectors),
    .AuxBytes     (AuxBytes),
    .ReramWords   (ReramWords),
    .ValueBaseWord(ValueBaseWord)
  ) u_gb (
    .clk_i,
    .rst_ni,
    .cmd_req_i          (cmd_req),
    .cmd_sel_i          (gb_cmd_sel),
    .cmd_rsp_o          (gb_cmd_rsp),
    .entropy_threshold_i(entropy_threshold),
    .entropy_o          (gb_entropy),
    .early_exit_o       (gb_early_exit),
    .pu_busy_i          (pu_cmd_rsp.busy),
    .pu_a_rd_req_i      (pu_a_rd_req),
    .pu_b_rd_req_i      ('{en: pu_b_rd_req.en && pu_b_rd_uab, addr: pu_b_rd_req.addr}),
    .uab_a_rsp_o        (uab_a_rsp),
    .uab_b_rsp_o        (uab_b_rsp),
    .pu_c_wr_req_i      (pu_c_wr_req),
    .pu_aux_rd_req_i    (pu_aux_rd_req),
    .aux_rd_data_o      (aux_rd_data),
    .reram_mode_i       (reram_mode),
    .reram_fault_en_i   (reram_fault_en),
    .reram_seed_i       (reram_seed),
    .reram_lat_slc_i    (reram_lat_slc),
    .reram_lat_mlc2_i   (reram_lat_mlc2),
    .reram_lat_mlc3_i   (reram_lat_mlc3),
    .ext_en_i           (gb_en),
    .ext_ready_o        (gb_ready),
    .ext_we_i           (gb_we),
    .ext_space_i        (gb_space),
    .ext_addr_i         (gb_addr),
    .ext_wdata_i        (gb_wdata),
    .ext_wstrb_i        (gb_wstrb),
    .ext_rvalid_o       (gb_rvalid),
    .ext_rdata_o        (gb_rdata),
    .ext_err_o          (gb_ext_err),
    .perf_busy_o        (gb_perf_busy),
    .perf_saturations_o (gb_perf_saturations),
    .perf_uab_reads_o   (gb_perf_uab_reads),
    .perf_uab_writes_o  (gb_perf_uab_writes),
    .perf_aux_reads_o   (gb_perf_aux_reads),
    .perf_aux_writes_o  (gb_perf_aux_writes),
    .perf_reram_slc_reads_o (gb_perf_reram_slc_reads),
    .perf_reram_mlc2_reads_o(gb_perf_reram_mlc2_reads),
    .perf_reram_mlc3_reads_o(gb_perf_reram_mlc3_reads)
  );

  // The sequencer's BUSY covers both units and counts PERF_BUSY_CYCLES (the GB's busy output
  // counts PERF_GB_BUSY_CYCLES): the others are not needed here (the PU's busy response drives
  // the GB's PU-port mux).
  logic unused_busy;
  assign unused_busy = ^{pu_perf_busy, gb_cmd_rsp.busy};

endmodule
