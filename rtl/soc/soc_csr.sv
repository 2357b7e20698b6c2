// CSR block (docs/architecture.md sections 3, 10, 11 and 15): every register of
// yaml/regmap.yaml (offsets, reset values and masks from edgebert_csr_pkg; HWCFG from the
// parameters), the command staging registers and queue (fifo_sync), the sequencer (soc_seq), the
// interrupt causes, error capture and the 64-bit performance counters.
//
// Register port: one access per request, answered the cycle after with the read data or an
// error (SLVERR on AXI):
//   an offset with no register                                   error (read or write)
//   a write to a register with no writable field (ro)            error, no effect
//   a write whose strobes are not all four bytes                 error, no effect
// Write-only registers (INTR_TEST, CMD_PUSH) read 0; so do the wo fields of CTRL.
//
// Events, in the order they apply within one cycle: a command's end (from the sequencer), then
// the register write. A command error or a push while full raises INTR_STATE.ERROR, captures
// ERR_CAUSE/ERR_SEQ when ERROR was clear (first error wins; clearing ERROR also clears them),
// flushes the queue and sets STATUS.HALTED; an early exit of an ENTROPY with STOP_ON_EXIT flushes
// and halts too; a successful push clears HALTED. ERR_SEQ is the number CMD_SEQ would have
// reached with the failing command (CMD_SEQ + 1 for a command error; for a dropped push,
// CMD_SEQ + the commands executing and queued + 1). Hardware sets of INTR_STATE win over a
// software clear in the same cycle.
`include "eb_assert.svh"

module soc_csr
  import edgebert_csr_pkg::*;
  import cmd_pkg::cmd_req_t, cmd_pkg::cmd_rsp_t;
#(
  parameter int unsigned Lanes = 16,
  parameter int unsigned CmdqDepth = 16,
  parameter int unsigned MaxSeq = 128,
  parameter int unsigned UabVectors = 65536,
  parameter int unsigned WsramVectors = 1048576,
  parameter int unsigned AuxBytes = 65536,
  parameter int unsigned ReramWords = 1048576,
  localparam int unsigned CountBits = $clog2(Lanes + 1),
  localparam int unsigned MacCountBits = $clog2(Lanes * Lanes + 1)
) (
  input  logic                       clk_i,
  input  logic                       rst_ni,

  // Register port.
  input  logic                       reg_req_i,
  input  logic                       reg_we_i,
  input  logic [CsrAddrWidth-1:0]    reg_addr_i,
  input  logic [31:0]                reg_wdata_i,
  input  logic [3:0]                 reg_wstrb_i,
  output logic [31:0]                reg_rdata_o,
  output logic                       reg_err_o,

  // The executing command, to the PU and the GB (one request, each selected by its opcode).
  output cmd_req_t                   cmd_req_o,
  output logic                       pu_cmd_sel_o,
  input  cmd_rsp_t                   pu_cmd_rsp_i,
  output logic                       gb_cmd_sel_o,
  input  cmd_rsp_t                   gb_cmd_rsp_i,
  input  logic [31:0]                gb_entropy_i,
  input  logic                       gb_early_exit_i,
  output logic                       busy_o,          // STATUS.BUSY

  // Settings.
  output logic [31:0]                entropy_threshold_o,
  output logic [1:0]                 reram_mode_o,
  output logic                       reram_fault_en_o,
  output logic [31:0]                reram_seed_o,
  output logic [7:0]                 reram_lat_slc_o,
  output logic [7:0]                 reram_lat_mlc2_o,
  output logic [7:0]                 reram_lat_mlc3_o,

  // Per-cycle performance events.
  input  logic                       pu_perf_mac_i,
  input  logic [CountBits-1:0]       pu_perf_vmacs_i,
  input  logic [CountBits-1:0]       pu_perf_vmacs_skipped_i,
  input  logic                       pu_perf_stall_i,
  input  logic [CountBits-1:0]       pu_perf_saturations_i,
  input  logic [CountBits-1:0]       gb_perf_saturations_i,
  input  logic [MacCountBits-1:0]    pu_perf_macs_nonzero_i,
  input  logic                       pu_perf_wsram_read_i,
  input  logic                       gb_perf_busy_i,
  input  logic [1:0]                 gb_perf_uab_reads_i,
  input  logic                       gb_perf_uab_writes_i,
  input  logic                       gb_perf_aux_reads_i,
  input  logic                       gb_perf_aux_writes_i,
  input  logic                       gb_perf_reram_slc_reads_i,
  input  logic                       gb_perf_reram_mlc2_reads_i,
  input  logic                       gb_perf_reram_mlc3_reads_i,

  output logic                       irq_o
);

  localparam int unsigned LevelBits = $clog2(CmdqDepth + 1);
  localparam int unsigned CmdDataBits = $clog2(CsrCmdDataCount);
  // The PERF registers: consecutive 64-bit counters from PERF_BUSY_CYCLES to PERF_IDLE_CYCLES.
  localparam int unsigned PerfBytes = CsrPerfBusyCyclesCount * CsrPerfBusyCyclesStride;
  localparam int unsigned PerfCounters =
      (32'(CsrPerfIdleCyclesOffset) - 32'(CsrPerfBusyCyclesOffset)) / PerfBytes + 1;
  localparam int unsigned PerfIndexBits = $clog2(PerfCounters);
  // Each counter's index, from its offset.
  function automatic int unsigned perf_counter(input logic [CsrAddrWidth-1:0] offset);
    return (int'(offset) - int'(CsrPerfBusyCyclesOffset)) / PerfBytes;
  endfunction

  // HWCFG values of this build (whole KiB: rtl/prim/param_check.sv).
  localparam csr_hwcfg0_t Hwcfg0 = '{
    lanes: CsrHwcfg0LanesWidth'(Lanes),
    cmdq_depth: CsrHwcfg0CmdqDepthWidth'(CmdqDepth),
    max_seq: CsrHwcfg0MaxSeqWidth'(MaxSeq),
    default: '0
  };
  localparam csr_hwcfg1_t Hwcfg1 = '{
    uab_kib: CsrHwcfg1UabKibWidth'(64'(UabVectors) * 64'(Lanes) / 64'd1024),
    aux_kib: CsrHwcfg1AuxKibWidth'(AuxBytes / 1024),
    default: '0
  };
  localparam csr_hwcfg2_t Hwcfg2 = '{
    wsram_kib: CsrHwcfg2WsramKibWidth'(64'(WsramVectors) * 64'(Lanes) / 64'd1024),
    reram_kib: CsrHwcfg2ReramKibWidth'(64'(ReramWords) * 64'd4 / 64'd1024),
    default: '0
  };

  // ---------------------------------------------------------------------------------------------
  // Register state
  // ---------------------------------------------------------------------------------------------
  logic ctrl_enable_q;
  csr_intr_state_t intr_state_q;
  csr_intr_enable_t intr_enable_q;
  csr_err_cause_t err_cause_q;
  logic [31:0] err_seq_q;
  // CMD_SEQ; read by the C++ harness (sim/soc_harness.h) for the waves' command window.
  logic [31:0] cmd_seq_q /*verilator public_flat_rd*/;
  logic [31:0] entropy_threshold_q, entropy_last_q, scratch_q;
  logic [CmdWords-1:0][31:0] cmd_data_q;
  csr_reram_ctrl_t reram_ctrl_q;
  logic [31:0] reram_seed_q;
  csr_reram_latency_t reram_latency_q;
  logic halted_q;
  logic [63:0] perf_q [PerfCounters];
  logic [31:0] perf_hi_q [PerfCounters];

  // ---------------------------------------------------------------------------------------------
  // Queue and sequencer
  // ---------------------------------------------------------------------------------------------
  logic q_push, q_pop, q_flush, q_empty, q_full;
  logic [LevelBits-1:0] q_level;
  logic [CmdWords-1:0][31:0] q_head;

  fifo_sync #(
    .Width($bits(cmd_data_q)),
    .Depth(CmdqDepth)
  ) u_cmdq (
    .clk_i,
    .rst_ni,
    .push_i (q_push),
    .data_i (cmd_data_q),
    .pop_i  (q_pop),
    .flush_i(q_flush),
    .head_o (q_head),
    .empty_o(q_empty),
    .full_o (q_full),
    .level_o(q_level)
  );

  logic abort;
  logic end_valid, end_err, end_irq, end_entropy, end_early_exit, end_stop;
  err_code_e end_code;
  logic [7:0] end_opcode;
  logic [31:0] end_h;

  soc_seq u_seq (
    .clk_i,
    .rst_ni,
    .enable_i        (ctrl_enable_q),
    .abort_i         (abort),
    .flush_i         (q_flush),
    .head_i          (q_head),
    .empty_i         (q_empty),
    .pop_o           (q_pop),
    .cmd_req_o       (cmd_req_o),
    .pu_sel_o        (pu_cmd_sel_o),
    .pu_rsp_i        (pu_cmd_rsp_i),
    .gb_sel_o        (gb_cmd_sel_o),
    .gb_rsp_i        (gb_cmd_rsp_i),
    .gb_entropy_i    (gb_entropy_i),
    .gb_early_exit_i (gb_early_exit_i),
    .busy_o          (busy_o),
    .end_o           (end_valid),
    .end_err_o       (end_err),
    .end_code_o      (end_code),
    .end_opcode_o    (end_opcode),
    .end_irq_o       (end_irq),
    .end_entropy_o   (end_entropy),
    .end_h_o         (end_h),
    .end_early_exit_o(end_early_exit),
    .end_stop_o      (end_stop)
  );

  // ---------------------------------------------------------------------------------------------
  // Register decode
  // ---------------------------------------------------------------------------------------------
  logic known, writable;
  logic [31:0] rdata;
  logic [PerfIndexBits-1:0] perf_index;
  logic perf_hit, cmd_data_hit;
  logic [CmdDataBits-1:0] cmd_data_index;
  csr_status_t status;

  always_comb begin
    perf_hit = reg_addr_i >= CsrPerfBusyCyclesOffset &&
               32'(reg_addr_i) < 32'(CsrPerfBusyCyclesOffset) + PerfCounters * PerfBytes;
    perf_index = PerfIndexBits'((32'(reg_addr_i) - 32'(CsrPerfBusyCyclesOffset)) / PerfBytes);
    cmd_data_hit = reg_addr_i >= CsrCmdDataOffset &&
                   32'(reg_addr_i) < 32'(CsrCmdDataOffset) + CsrCmdDataCount * CsrCmdDataStride;
    cmd_data_index = CmdDataBits'((32'(reg_addr_i) - 32'(CsrCmdDataOffset)) / CsrCmdDataStride);
  end

  always_comb begin
    status = '0;
    status.busy = busy_o;
    status.cmdq_empty = q_empty;
    status.cmdq_full = q_full;
    status.halted = halted_q;
    status.cmdq_level = CsrStatusCmdqLevelWidth'(q_level);
  end

  always_comb begin
    known = 1'b1;
    writable = 1'b0;
    rdata = '0;
    if (cmd_data_hit) begin
      writable = 1'b1;
      rdata = cmd_data_q[cmd_data_index];
    end else if (perf_hit) begin
      rdata = reg_addr_i[2] ? perf_hi_q[perf_index] : perf_q[perf_index][31:0];
    end else begin
      unique case (reg_addr_i)
        CsrIdOffset:      rdata = CsrIdResetValue;
        CsrHwcfg0Offset:  rdata = Hwcfg0;
        CsrHwcfg1Offset:  rdata = Hwcfg1;
        CsrHwcfg2Offset:  rdata = Hwcfg2;
        CsrCtrlOffset: begin
          writable = 1'b1;
          rdata = '0;
          rdata[CsrCtrlEnableLsb] = ctrl_enable_q;
        end
        CsrStatusOffset:    rdata = status;
        CsrIntrStateOffset: begin
          writable = 1'b1;
          rdata = intr_state_q;
        end
        CsrIntrEnableOffset: begin
          writable = 1'b1;
          rdata = intr_enable_q;
        end
        CsrIntrTestOffset:  writable = 1'b1;
        CsrErrCauseOffset:  rdata = err_cause_q;
        CsrErrSeqOffset:    rdata = err_seq_q;
        CsrCmdSeqOffset:    rdata = cmd_seq_q;
        CsrEntropyThresholdOffset: begin
          writable = 1'b1;
          rdata = entropy_threshold_q;
        end
        CsrEntropyLastOffset: rdata = entropy_last_q;
        CsrScratchOffset: begin
          writable = 1'b1;
          rdata = scratch_q;
        end
        CsrCmdPushOffset:   writable = 1'b1;
        CsrReramCtrlOffset: begin
          writable = 1'b1;
          rdata = reram_ctrl_q;
        end
        CsrReramSeedOffset: begin
          writable = 1'b1;
          rdata = reram_seed_q;
        end
        CsrReramLatencyOffset: begin
          writable = 1'b1;
          rdata = reram_latency_q;
        end
        default: known = 1'b0;
      endcase
    end
  end

  logic acc_err, wr, rd;
  assign acc_err = !known || (reg_we_i && (!writable || reg_wstrb_i != 4'hF));
  assign wr = reg_req_i && reg_we_i && !acc_err;
  assign rd = reg_req_i && !reg_we_i && !acc_err;

  function automatic logic wr_to(input logic w, input logic [CsrAddrWidth-1:0] addr,
                                 input logic [CsrAddrWidth-1:0] off);
    return w && addr == off;
  endfunction

  // ---------------------------------------------------------------------------------------------
  // Events
  // ---------------------------------------------------------------------------------------------
  logic push_req, overflow, cmd_error, exit_stop, error_event, capture;
  csr_intr_state_t intr_clear, intr_test, intr_hw;
  logic clr_perf;
  // A CTRL write as its fields; writes ignore its reserved bits.
  // verilator lint_off UNUSEDSIGNAL
  csr_ctrl_t ctrl_wdata;
  // verilator lint_on UNUSEDSIGNAL

  // Register-write events (separate from the sequencer's, which depend on abort).
  assign push_req = wr_to(wr, reg_addr_i, CsrCmdPushOffset) && reg_wdata_i[CsrCmdPushPushLsb];
  assign overflow = push_req && q_full;
  assign q_push = push_req && !q_full;
  assign ctrl_wdata = reg_wdata_i;
  assign abort = wr_to(wr, reg_addr_i, CsrCtrlOffset) && ctrl_wdata.abort;
  assign clr_perf = wr_to(wr, reg_addr_i, CsrCtrlOffset) && ctrl_wdata.clr_perf;
  assign intr_clear = wr_to(wr, reg_addr_i, CsrIntrStateOffset) ?
                      reg_wdata_i & CsrIntrStateW1cMask : '0;
  // INTR_TEST has INTR_STATE's layout.
  assign intr_test = wr_to(wr, reg_addr_i, CsrIntrTestOffset) ?
                     reg_wdata_i & CsrIntrTestWoMask : '0;

  always_comb begin
    cmd_error = end_valid && end_err;
    exit_stop = end_valid && !end_err && end_entropy && end_early_exit && end_stop;
    error_event = cmd_error || overflow;
    q_flush = error_event || exit_stop || abort;
    intr_hw = '0;
    intr_hw.done = end_valid && !end_err && end_irq;
    intr_hw.early_exit = end_valid && !end_err && end_entropy && end_early_exit;
    intr_hw.error = error_event;
    capture = error_event && (!intr_state_q.error || intr_clear.error);
  end

  // ---------------------------------------------------------------------------------------------
  // Registers
  // ---------------------------------------------------------------------------------------------
  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      ctrl_enable_q <= CsrCtrlEnableReset;
      intr_state_q <= CsrIntrStateResetValue;
      intr_enable_q <= CsrIntrEnableResetValue;
      err_cause_q <= CsrErrCauseResetValue;
      err_seq_q <= CsrErrSeqResetValue;
      cmd_seq_q <= CsrCmdSeqResetValue;
      entropy_threshold_q <= CsrEntropyThresholdResetValue;
      entropy_last_q <= CsrEntropyLastResetValue;
      scratch_q <= CsrScratchResetValue;
      cmd_data_q <= '0;
      reram_ctrl_q <= CsrReramCtrlResetValue;
      reram_seed_q <= CsrReramSeedResetValue;
      reram_latency_q <= CsrReramLatencyResetValue;
      halted_q <= CsrStatusHaltedReset;
    end else begin
      // Software-written registers.
      if (wr_to(wr, reg_addr_i, CsrCtrlOffset)) ctrl_enable_q <= ctrl_wdata.enable;
      if (wr_to(wr, reg_addr_i, CsrIntrEnableOffset)) begin
        intr_enable_q <= reg_wdata_i & CsrIntrEnableWritableMask;
      end
      if (wr_to(wr, reg_addr_i, CsrEntropyThresholdOffset)) entropy_threshold_q <= reg_wdata_i;
      if (wr_to(wr, reg_addr_i, CsrScratchOffset)) scratch_q <= reg_wdata_i;
      if (wr && cmd_data_hit) cmd_data_q[cmd_data_index] <= reg_wdata_i;
      if (wr_to(wr, reg_addr_i, CsrReramCtrlOffset)) begin
        reram_ctrl_q <= reg_wdata_i & CsrReramCtrlWritableMask;
      end
      if (wr_to(wr, reg_addr_i, CsrReramSeedOffset)) reram_seed_q <= reg_wdata_i;
      if (wr_to(wr, reg_addr_i, CsrReramLatencyOffset)) begin
        reram_latency_q <= reg_wdata_i & CsrReramLatencyWritableMask;
      end

      // Interrupt causes: hardware and test sets win over a clear.
      intr_state_q <= (intr_state_q & ~intr_clear) | intr_hw | intr_test;

      // Error capture, cleared with INTR_STATE.ERROR.
      if (capture) begin
        err_cause_q.code <= cmd_error ? end_code : ErrCodeCmdqOverflow;
        err_cause_q.opcode <= cmd_error ? end_opcode
                                        : cmd_data_q[CmdOpcodeWord][CmdOpcodeLsb +: CmdOpcodeWidth];
        err_seq_q <= cmd_error ? cmd_seq_q + 32'd1
                               : cmd_seq_q + 32'(busy_o) + 32'(q_level) + 32'd1;
      end else if (intr_clear.error) begin
        err_cause_q <= CsrErrCauseResetValue;
        err_seq_q <= CsrErrSeqResetValue;
      end

      if (end_valid && !end_err) cmd_seq_q <= cmd_seq_q + 32'd1;
      if (end_valid && end_entropy) entropy_last_q <= end_h;

      if (q_push) halted_q <= 1'b0;
      else if (error_event || exit_stop) halted_q <= 1'b1;
    end
  end

  // Performance counters; reading word 0 of a counter latches its word 1. Every event counter
  // counts only while a command executes (EventWhileIdle_A), so an idle cycle adds one to
  // PERF_IDLE_CYCLES and evaluates nothing else (simulation speed: the SoC is idle while the host
  // loads a model).
  // Counter indexes.
  localparam int unsigned PerfBusy = perf_counter(CsrPerfBusyCyclesOffset);
  localparam int unsigned PerfMac = perf_counter(CsrPerfMacCyclesOffset);
  localparam int unsigned PerfVmacs = perf_counter(CsrPerfVmacsOffset);
  localparam int unsigned PerfSkipped = perf_counter(CsrPerfVmacsSkippedOffset);
  localparam int unsigned PerfStall = perf_counter(CsrPerfStallCyclesOffset);
  localparam int unsigned PerfSat = perf_counter(CsrPerfSaturationsOffset);
  localparam int unsigned PerfMacsNz = perf_counter(CsrPerfMacsNonzeroOffset);
  localparam int unsigned PerfWsramRd = perf_counter(CsrPerfWsramReadsOffset);
  localparam int unsigned PerfUabRd = perf_counter(CsrPerfUabReadsOffset);
  localparam int unsigned PerfUabWr = perf_counter(CsrPerfUabWritesOffset);
  localparam int unsigned PerfAuxRd = perf_counter(CsrPerfAuxReadsOffset);
  localparam int unsigned PerfAuxWr = perf_counter(CsrPerfAuxWritesOffset);
  localparam int unsigned PerfGbBusy = perf_counter(CsrPerfGbBusyCyclesOffset);
  localparam int unsigned PerfSlcRd = perf_counter(CsrPerfReramSlcReadsOffset);
  localparam int unsigned PerfMlc2Rd = perf_counter(CsrPerfReramMlc2ReadsOffset);
  localparam int unsigned PerfMlc3Rd = perf_counter(CsrPerfReramMlc3ReadsOffset);
  localparam int unsigned IdleCounter = perf_counter(CsrPerfIdleCyclesOffset);

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      for (int unsigned i = 0; i < PerfCounters; i++) begin
        perf_q[i] <= '0;
        perf_hi_q[i] <= '0;
      end
    end else if (clr_perf) begin
      for (int unsigned i = 0; i < PerfCounters; i++) begin
        perf_q[i] <= '0;
        perf_hi_q[i] <= '0;
      end
    end else begin
      if (busy_o) begin
        perf_q[PerfBusy] <= perf_q[PerfBusy] + 64'd1;
        perf_q[PerfMac] <= perf_q[PerfMac] + 64'(pu_perf_mac_i);
        perf_q[PerfVmacs] <= perf_q[PerfVmacs] + 64'(pu_perf_vmacs_i);
        perf_q[PerfSkipped] <= perf_q[PerfSkipped] + 64'(pu_perf_vmacs_skipped_i);
        perf_q[PerfStall] <= perf_q[PerfStall] + 64'(pu_perf_stall_i);
        perf_q[PerfSat] <= perf_q[PerfSat] + 64'(pu_perf_saturations_i) +
                           64'(gb_perf_saturations_i);
        perf_q[PerfMacsNz] <= perf_q[PerfMacsNz] + 64'(pu_perf_macs_nonzero_i);
        perf_q[PerfWsramRd] <= perf_q[PerfWsramRd] + 64'(pu_perf_wsram_read_i);
        perf_q[PerfUabRd] <= perf_q[PerfUabRd] + 64'(gb_perf_uab_reads_i);
        perf_q[PerfUabWr] <= perf_q[PerfUabWr] + 64'(gb_perf_uab_writes_i);
        perf_q[PerfAuxRd] <= perf_q[PerfAuxRd] + 64'(gb_perf_aux_reads_i);
        perf_q[PerfAuxWr] <= perf_q[PerfAuxWr] + 64'(gb_perf_aux_writes_i);
        perf_q[PerfGbBusy] <= perf_q[PerfGbBusy] + 64'(gb_perf_busy_i);
        perf_q[PerfSlcRd] <= perf_q[PerfSlcRd] + 64'(gb_perf_reram_slc_reads_i);
        perf_q[PerfMlc2Rd] <= perf_q[PerfMlc2Rd] + 64'(gb_perf_reram_mlc2_reads_i);
        perf_q[PerfMlc3Rd] <= perf_q[PerfMlc3Rd] + 64'(gb_perf_reram_mlc3_reads_i);
      end else begin
        perf_q[IdleCounter] <= perf_q[IdleCounter] + 64'd1;
      end
      if (rd && perf_hit && !reg_addr_i[2]) begin
        for (int unsigned i = 0; i < PerfCounters; i++) begin
          if (32'(perf_index) == i) perf_hi_q[i] <= perf_q[i][63:32];
        end
      end
    end
  end

  // Register port response, the cycle after the request.
  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      reg_rdata_o <= '0;
      reg_err_o <= 1'b0;
    end else if (reg_req_i) begin
      reg_rdata_o <= (reg_we_i || acc_err) ? '0 : rdata;
      reg_err_o <= acc_err;
    end
  end

  assign irq_o = |(intr_state_q & intr_enable_q);
  assign entropy_threshold_o = entropy_threshold_q;
  assign reram_mode_o = reram_ctrl_q.value_mode;
  assign reram_fault_en_o = reram_ctrl_q.fault_en;
  assign reram_seed_o = reram_seed_q;
  assign reram_lat_slc_o = reram_latency_q.slc;
  assign reram_lat_mlc2_o = reram_latency_q.mlc2;
  assign reram_lat_mlc3_o = reram_latency_q.mlc3;

  // A command ends only while the sequencer holds one; CMD_SEQ never wraps in a simulation.
  `EB_ASSERT_NEVER(EndWhileIdle_A, end_valid && !busy_o)
  `EB_ASSERT_NEVER(CmdSeqWraps_A, end_valid && !end_err && cmd_seq_q == '1)
  // The units' events happen only while the sequencer holds a command (the counters rely on it).
  `EB_ASSERT_NEVER(EventWhileIdle_A, !busy_o &&
                   (pu_perf_mac_i || pu_perf_vmacs_i != '0 || pu_perf_stall_i ||
                    pu_perf_saturations_i != '0 || gb_perf_saturations_i != '0 ||
                    pu_perf_wsram_read_i || gb_perf_uab_reads_i != '0 || gb_perf_uab_writes_i ||
                    gb_perf_aux_reads_i || gb_perf_aux_writes_i || gb_perf_busy_i ||
                    gb_perf_reram_slc_reads_i || gb_perf_reram_mlc2_reads_i ||
                    gb_perf_reram_mlc3_reads_i))

endmodule
