// Global buffer: the UAB and aux buffer, the row units (element-wise, softmax, LayerNorm,
// entropy, embedding gather) and the ReRAM embedding store, with command dispatch by opcode.
//
// One command runs at a time in the whole accelerator (docs/architecture.md section 3), so the
// buffers' ports are muxed rather than arbitrated: while pu_busy_i the PU's ports drive the UAB
// and aux buffer, otherwise the unit executing the current GB command does. The host port reaches
// every buffer when nothing runs; a host access during a command is refused (ext_err_o) and
// changes nothing. On reset the UAB and aux buffer lose their contents; the ReRAM keeps them.
`include "unit_typedef.svh"
`include "eb_assert.svh"
module gb
  import edgebert_csr_pkg::*;
  import cmd_pkg::*;
#(
  parameter int unsigned Lanes = 16,
  parameter int unsigned UabVectors = 65536,
  parameter int unsigned AuxBytes = 65536,
  parameter int unsigned ReramWords = 1048576,
  parameter int unsigned ValueBaseWord = 262144,
  localparam int unsigned AuxWordBits = $clog2(AuxBytes / 4),
  localparam int unsigned CountBits = $clog2(Lanes + 1),
  `EDGEBERT_VEC_TYPES(Lanes),
  `EDGEBERT_AUX_TYPES(AuxWordBits)
) (
  input  logic                      clk_i,
  input  logic                      rst_ni,

  // GB commands (every opcode but MATMUL and NOP).
  input  cmd_req_t                  cmd_req_i,
  input  logic                      cmd_sel_i,  // the request is for this unit
  output cmd_rsp_t                  cmd_rsp_o,
  input  logic [31:0]               entropy_threshold_i,
  output logic [31:0]               entropy_o,
  output logic                      early_exit_o,

  // The PU's buffer ports (pu.sv), used while pu_busy_i.
  input  logic                      pu_busy_i,
  input  vec_rd_req_t               pu_a_rd_req_i,
  input  vec_rd_req_t               pu_b_rd_req_i,  // only when the PU's B is in the UAB
  output vec_rsp_t                  uab_a_rsp_o,
  output vec_rsp_t                  uab_b_rsp_o,
  input  vec_wr_req_t               pu_c_wr_req_i,
  input  aux_rd_req_t               pu_aux_rd_req_i,
  output logic [31:0]               aux_rd_data_o,

  // ReRAM settings (RERAM_CTRL, RERAM_SEED, RERAM_LATENCY).
  input  logic [1:0]                reram_mode_i,
  input  logic                      reram_fault_en_i,
  input  logic [31:0]               reram_seed_i,
  input  logic [7:0]                reram_lat_slc_i,
  input  logic [7:0]                reram_lat_mlc2_i,
  input  logic [7:0]                reram_lat_mlc3_i,

  // Host port, 32-bit words. space: 0 UAB values, 1 UAB masks, 2 aux, 3 ReRAM. A request is taken
  // when ext_ready_o; ext_rvalid_o answers every request (reads and writes) with its data/error.
  input  logic                      ext_en_i,
  output logic                      ext_ready_o,
  input  logic                      ext_we_i,
  input  logic [1:0]                ext_space_i,
  input  logic [HostWordBits-1:0]   ext_addr_i,
  input  logic [31:0]               ext_wdata_i,
  input  logic [3:0]                ext_wstrb_i,
  output logic                      ext_rvalid_o,
  output logic [31:0]               ext_rdata_o,
  output logic                      ext_err_o,

  output logic                      perf_busy_o,
  output logic [CountBits-1:0]      perf_saturations_o,
  // Buffer traffic of the PU and the units (host accesses not counted): UAB vectors read (both
  // read ports) and written, aux words read and written, ReRAM word reads accepted for GATHER per
  // cells by mode (the SLC region always SLC, the value region RERAM_CTRL.VALUE_MODE's).
  output logic [1:0]                perf_uab_reads_o,
  output logic                      perf_uab_writes_o,
  output logic                      perf_aux_reads_o,
  output logic                      perf_aux_writes_o,
  output logic                      perf_reram_slc_reads_o,
  output logic                      perf_reram_mlc2_reads_o,
  output logic                      perf_reram_mlc3_reads_o
);

  param_check #(
    .Lanes(Lanes),
    .UabVectors(UabVectors),
    .AuxBytes(AuxBytes),
    .ReramWords(ReramWords),
    .ValueBaseWord(ValueBaseWord)
  ) u_param_check ();


  typedef enum logic [2:0] {
    UnitNone, UnitEltwise, UnitSoftmax, UnitLayernorm, UnitEntropy, UnitGather
  } unit_e;
  localparam int unsigned Units = 6;

  // ---------------------------------------------------------------------------------------------
  // Dispatch
  // ---------------------------------------------------------------------------------------------
  logic [7:0] opcode;
  unit_e target;
  assign opcode = cmd_req_i.desc[CmdOpcodeWord][CmdOpcodeLsb +: CmdOpcodeWidth];
  always_comb begin
    unique case (opcode)
      OpcodeAdd, OpcodeActivate, OpcodeFill: target = UnitEltwise;
      OpcodeSoftmax: target = UnitSoftmax;
      OpcodeLayernorm: target = UnitLayernorm;
      OpcodeEntropy: target = UnitEntropy;
      OpcodeGather: target = UnitGather;
      default: target = UnitNone;
    endcase
  end

  logic requested, units_idle, accept, bad_opcode_q;
  unit_e active_q;
  // The units' command ports (index = unit_e; UnitNone has none): each sees the GB's request, and
  // is selected only when it executes the accepted opcode. The request is passed on, not copied
  // per unit: a per-unit copy of the 16 descriptor words costs the simulation on every cycle.
  cmd_rsp_t unit_rsp [Units];
  // One variable per unit (unpacked), and the units named rather than looped over: Verilator
  // turns a bit write into a packed vector into a read-modify-write, evaluated on every cycle.
  logic unit_sel [1:Units-1];  // UnitNone has no command port
  logic any_busy, any_done;

  assign any_busy = unit_rsp[UnitEltwise].busy || unit_rsp[UnitSoftmax].busy ||
                    unit_rsp[UnitLayernorm].busy || unit_rsp[UnitEntropy].busy ||
                    unit_rsp[UnitGather].busy;
  assign any_done = unit_rsp[UnitEltwise].done || unit_rsp[UnitSoftmax].done ||
                    unit_rsp[UnitLayernorm].done || unit_rsp[UnitEntropy].done ||
                    unit_rsp[UnitGather].done;
  assign units_idle = !any_busy && !bad_opcode_q;
  assign requested = cmd_req_i.valid && cmd_sel_i;
  assign accept = requested && units_idle;
  for (genvar u = 1; u < Units; u++) begin : g_sel
    assign unit_sel[u] = accept && (target == unit_e'(u));
  end

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      active_q <= UnitNone;
      bad_opcode_q <= 1'b0;
    end else begin
      bad_opcode_q <= accept && (target == UnitNone);
      if (accept) active_q <= target;
    end
  end

  // Only the active unit ends a command.
  always_comb begin
    cmd_rsp_o.ready = units_idle;
    cmd_rsp_o.busy = !units_idle;
    cmd_rsp_o.done = bad_opcode_q || any_done;
    cmd_rsp_o.err = bad_opcode_q || unit_rsp[active_q].err;
    cmd_rsp_o.err_code = bad_opcode_q ? ErrCodeBadOpcode : unit_rsp[active_q].err_code;
  end
  assign unit_rsp[UnitNone] = '0;  // no unit: never busy, never done, no error

  // ---------------------------------------------------------------------------------------------
  // Buffers
  // ---------------------------------------------------------------------------------------------
  vec_rd_req_t uab_a_req, uab_b_req;
  logic units_clk;  // the row units' gated clock (below)
  vec_rsp_t units_a_rsp, units_b_rsp;  // the UAB's read data as the row units see it
  vec_wr_req_t uab_wr_req;
  aux_rd_req_t aux_rd_req;
  aux_wr_req_t aux_wr_req;  // ENTROPY's H

  // Unit-side ports (index = unit_e); a unit without a port requests nothing on it.
  vec_rd_req_t unit_a_req [Units], unit_b_req [Units];
  vec_wr_req_t unit_c_req [Units];
  aux_rd_req_t unit_aux_req [Units];
  logic [CountBits-1:0] unit_saturations [Units];

  always_comb begin
    if (pu_busy_i) begin
      uab_a_req = pu_a_rd_req_i;
      uab_b_req = pu_b_rd_req_i;
      uab_wr_req = pu_c_wr_req_i;
      aux_rd_req = pu_aux_rd_req_i;
    end else begin
      uab_a_req = unit_a_req[active_q];
      uab_b_req = unit_b_req[active_q];
      uab_wr_req = unit_c_req[active_q];
      aux_rd_req = unit_aux_req[active_q];
    end
  end

  // Host access only while nothing runs.
  logic ext_take, ext_uab, ext_aux, ext_reram;
  logic ext_uab_q, ext_aux_q, ext_refused_q, ext_reram_wr_q, ext_reram_rd_pending_q;
  logic [31:0] uab_ext_rdata, aux_ext_rdata, reram_rdata;
  logic uab_ext_err, aux_ext_err, reram_rd_valid, reram_rd_err, reram_rd_ready;
  logic busy_any;

  assign busy_any = !units_idle || pu_busy_i || requested;
  assign ext_ready_o = !ext_reram_rd_pending_q &&
                       (busy_any || ext_space_i != 2'd3 || reram_rd_ready);
  assign ext_take = ext_en_i && ext_ready_o;
  assign ext_uab = ext_take && !busy_any && !ext_space_i[1];
  assign ext_aux = ext_take && !busy_any && ext_space_i == 2'd2;
  assign ext_reram = ext_take && !busy_any && ext_space_i == 2'd3;

  gb_uab #(
    .Lanes     (Lanes),
    .UabVectors(UabVectors)
  ) u_uab (
    .clk_i,
    .rst_ni,
    .a_rd_req_i      (uab_a_req),
    .a_rd_rsp_o      (uab_a_rsp_o),
    .b_rd_req_i      (uab_b_req),
    .b_rd_rsp_o      (uab_b_rsp_o),
    .units_clk_i     (units_clk),
    .units_a_rd_rsp_o(units_a_rsp),
    .units_b_rd_rsp_o(units_b_rsp),
    .wr_req_i        (uab_wr_req),
    .ext_en_i        (ext_uab),
    .ext_we_i        (ext_we_i),
    .ext_plane_i     (ext_space_i[0]),
    .ext_addr_i      (ext_addr_i),
    .ext_wdata_i     (ext_wdata_i),
    .ext_wstrb_i     (ext_wstrb_i),
    .ext_rdata_o     (uab_ext_rdata),
    .ext_err_o       (uab_ext_err)
  );

  gb_aux #(.AuxBytes(AuxBytes)) u_aux (
    .clk_i,
    .rst_ni,
    .rd_req_i   (aux_rd_req),
    .rd_data_o  (aux_rd_data_o),
    .wr_req_i   (aux_wr_req),
    .ext_en_i   (ext_aux),
    .ext_we_i   (ext_we_i),
    .ext_addr_i (ext_addr_i),
    .ext_wdata_i(ext_wdata_i),
    .ext_wstrb_i(ext_wstrb_i),
    .ext_rdata_o(aux_ext_rdata),
    .ext_err_o  (aux_ext_err)
  );

  reram_store #(
    .ReramWords   (ReramWords),
    .ValueBaseWord(ValueBaseWord)
  ) u_reram (
    .clk_i,
    .rst_ni,
    .mode_i     (reram_mode_i),
    .fault_en_i (reram_fault_en_i),
    .seed_i     (reram_seed_i),
    .lat_slc_i  (reram_lat_slc_i),
    .lat_mlc2_i (reram_lat_mlc2_i),
    .lat_mlc3_i (reram_lat_mlc3_i),
    .rd_en_i    (gather_rd_en || (ext_reram && !ext_we_i)),
    .rd_ready_o (reram_rd_ready),
    .rd_addr_i  (gather_rd_en ? gather_rd_addr : ReramAddrBits'(ext_addr_i)),
    .rd_valid_o (reram_rd_valid),
    .rd_data_o  (reram_rdata),
    .rd_err_o   (reram_rd_err),
    .wr_en_i    (ext_reram && ext_we_i),
    .wr_addr_i  (ReramAddrBits'(ext_addr_i)),
    .wr_data_i  (ext_wdata_i),
    .wr_strb_i  (ext_wstrb_i)
  );

  // The store's one read port serves GATHER while it runs and the host otherwise (the host is
  // refused while any command runs, so the two never meet).
  logic gather_rd_en;
  logic [ReramAddrBits-1:0] gather_rd_addr;

  // Host responses: UAB and aux answer the next cycle, ReRAM reads when the store does; a
  // refused access or a ReRAM write answers the next cycle.
  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      ext_uab_q <= 1'b0;
      ext_aux_q <= 1'b0;
      ext_refused_q <= 1'b0;
      ext_reram_wr_q <= 1'b0;
      ext_reram_rd_pending_q <= 1'b0;
    end else begin
      ext_uab_q <= ext_uab;
      ext_aux_q <= ext_aux;
      ext_refused_q <= ext_take && busy_any;
      ext_reram_wr_q <= ext_reram && ext_we_i;
      if (ext_reram && !ext_we_i) ext_reram_rd_pending_q <= 1'b1;
      else if (reram_rd_valid) ext_reram_rd_pending_q <= 1'b0;
    end
  end

  always_comb begin
    ext_rvalid_o = ext_uab_q || ext_aux_q || ext_refused_q || ext_reram_wr_q ||
                   (ext_reram_rd_pending_q && reram_rd_valid);
    ext_rdata_o = '0;
    ext_err_o = ext_refused_q;
    if (ext_uab_q) begin
      ext_rdata_o = uab_ext_rdata;
      ext_err_o = uab_ext_err;
    end else if (ext_aux_q) begin
      ext_rdata_o = aux_ext_rdata;
      ext_err_o = aux_ext_err;
    end else if (ext_reram_rd_pending_q && reram_rd_valid) begin
      ext_rdata_o = reram_rdata;
      ext_err_o = reram_rd_err;
    end
  end

  // ---------------------------------------------------------------------------------------------
  // Units
  // ---------------------------------------------------------------------------------------------
  // The row units' clock is gated (rtl/prim/clock_gate.sv): it runs from the cycle a command is
  // handed to a unit until every unit is idle again (busy falls after the done report, and every
  // register of an idle unit already holds what it would hold next). Idle units then cost no
  // power in their flops, and nothing in the simulation. (One gate for all five: each gated clock
  // is a trigger Verilator evaluates on every eval(), and one unit runs at a time.)
  clock_gate u_units_clock_gate (
    .clk_i,
    .en_i ((accept && target != UnitNone) || any_busy),
    .clk_o(units_clk)
  );

  // Outputs this top does not need: the eltwise B port always reads the UAB, and busy/perf_busy
  // duplicate each other.
  logic eltwise_b_uab;
  logic [4:0] unit_perf_busy;

  gb_eltwise #(
    .Lanes(Lanes), .UabVectors(UabVectors), .AuxBytes(AuxBytes)
  ) u_eltwise (
    .clk_i             (units_clk),
    .rst_ni,
    .cmd_req_i         (cmd_req_i),
    .cmd_sel_i         (unit_sel[UnitEltwise]),
    .cmd_rsp_o         (unit_rsp[UnitEltwise]),
    .a_rd_req_o        (unit_a_req[UnitEltwise]),
    .a_rd_rsp_i        (units_a_rsp),
    .b_rd_req_o        (unit_b_req[UnitEltwise]),
    .b_rd_uab_o        (eltwise_b_uab),
    .b_rd_rsp_i        (units_b_rsp),
    .aux_rd_req_o      (unit_aux_req[UnitEltwise]),
    .aux_rd_data_i     (aux_rd_data_o),
    .c_wr_req_o        (unit_c_req[UnitEltwise]),
    .perf_busy_o       (unit_perf_busy[0]),
    .perf_saturations_o(unit_saturations[UnitEltwise])
  );

  gb_softmax #(
    .Lanes(Lanes), .UabVectors(UabVectors), .AuxBytes(AuxBytes)
  ) u_softmax (
    .clk_i             (units_clk),
    .rst_ni,
    .cmd_req_i         (cmd_req_i),
    .cmd_sel_i         (unit_sel[UnitSoftmax]),
    .cmd_rsp_o         (unit_rsp[UnitSoftmax]),
    .a_rd_req_o        (unit_a_req[UnitSoftmax]),
    .a_rd_rsp_i        (units_a_rsp),
    .aux_rd_req_o      (unit_aux_req[UnitSoftmax]),
    .aux_rd_data_i     (aux_rd_data_o),
    .c_wr_req_o        (unit_c_req[UnitSoftmax]),
    .perf_busy_o       (unit_perf_busy[1]),
    .perf_saturations_o(unit_saturations[UnitSoftmax])
  );

  gb_layernorm #(
    .Lanes(Lanes), .UabVectors(UabVectors), .AuxBytes(AuxBytes)
  ) u_layernorm (
    .clk_i             (units_clk),
    .rst_ni,
    .cmd_req_i         (cmd_req_i),
    .cmd_sel_i         (unit_sel[UnitLayernorm]),
    .cmd_rsp_o         (unit_rsp[UnitLayernorm]),
    .a_rd_req_o        (unit_a_req[UnitLayernorm]),
    .a_rd_rsp_i        (units_a_rsp),
    .aux_rd_req_o      (unit_aux_req[UnitLayernorm]),
    .aux_rd_data_i     (aux_rd_data_o),
    .c_wr_req_o        (unit_c_req[UnitLayernorm]),
    .perf_busy_o       (unit_perf_busy[2]),
    .perf_saturations_o(unit_saturations[UnitLayernorm])
  );

  gb_entropy #(
    .Lanes(Lanes), .UabVectors(UabVectors), .AuxBytes(AuxBytes)
  ) u_entropy (
    .clk_i              (units_clk),
    .rst_ni,
    .cmd_req_i          (cmd_req_i),
    .cmd_sel_i          (unit_sel[UnitEntropy]),
    .cmd_rsp_o          (unit_rsp[UnitEntropy]),
    .entropy_threshold_i(entropy_threshold_i),
    .entropy_o          (entropy_o),
    .early_exit_o       (early_exit_o),
    .a_rd_req_o         (unit_a_req[UnitEntropy]),
    .a_rd_rsp_i         (units_a_rsp),
    .aux_wr_req_o       (aux_wr_req),
    .perf_busy_o        (unit_perf_busy[3])
  );

  gb_gather #(
    .Lanes(Lanes), .UabVectors(UabVectors), .AuxBytes(AuxBytes), .ReramWords(ReramWords)
  ) u_gather (
    .clk_i             (units_clk),
    .rst_ni,
    .cmd_req_i         (cmd_req_i),
    .cmd_sel_i         (unit_sel[UnitGather]),
    .cmd_rsp_o         (unit_rsp[UnitGather]),
    .aux_rd_req_o      (unit_aux_req[UnitGather]),
    .aux_rd_data_i     (aux_rd_data_o),
    .reram_rd_en_o     (gather_rd_en),
    .reram_rd_addr_o   (gather_rd_addr),
    .reram_rd_ready_i  (reram_rd_ready),
    .reram_rd_valid_i  (reram_rd_valid && !ext_reram_rd_pending_q),
    .reram_rd_data_i   (reram_rdata),
    .reram_rd_err_i    (reram_rd_err),
    .c_wr_req_o        (unit_c_req[UnitGather]),
    .perf_busy_o       (unit_perf_busy[4]),
    .perf_saturations_o(unit_saturations[UnitGather])
  );

  // Units without some ports.
  assign unit_a_req[UnitNone] = '0;
  assign unit_a_req[UnitGather] = '0;
  assign unit_b_req[UnitNone] = '0;
  assign unit_b_req[UnitSoftmax] = '0;
  assign unit_b_req[UnitLayernorm] = '0;
  assign unit_b_req[UnitEntropy] = '0;
  assign unit_b_req[UnitGather] = '0;
  assign unit_c_req[UnitNone] = '0;
  assign unit_c_req[UnitEntropy] = '0;
  assign unit_aux_req[UnitNone] = '0;
  assign unit_aux_req[UnitEntropy] = '0;
  assign unit_saturations[UnitNone] = '0;
  assign unit_saturations[UnitEntropy] = '0;
  logic unused_outputs;
  assign unused_outputs = ^{eltwise_b_uab, unit_perf_busy};

  assign perf_busy_o = cmd_rsp_o.busy;
  assign perf_uab_reads_o = 2'(uab_a_req.en) + 2'(uab_b_req.en);
  assign perf_uab_writes_o = uab_wr_req.en;
  assign perf_aux_reads_o = aux_rd_req.en;
  assign perf_aux_writes_o = aux_wr_req.en;
  logic gather_rd_accept;
  assign gather_rd_accept = gather_rd_en && reram_rd_ready;
  logic gather_rd_value;  // the word is in the value region: cells of RERAM_CTRL.VALUE_MODE
  assign gather_rd_value = 32'(gather_rd_addr) >= ValueBaseWord;
  assign perf_reram_slc_reads_o = gather_rd_accept && (!gather_rd_value || reram_mode_i == 2'd0);
  assign perf_reram_mlc2_reads_o = gather_rd_accept && gather_rd_value && reram_mode_i == 2'd1;
  assign perf_reram_mlc3_reads_o = gather_rd_accept && gather_rd_value && reram_mode_i[1];
  assign perf_saturations_o = unit_saturations[active_q];

  // One row unit at a time (they share the buffer ports), and only one of the PU and the row
  // units (the sequencer runs one command at a time); a legal unit code.
  // (The busy bits as one vector: Verilator 5.006 fails on array selects inside $onehot0 in an
  // assertion.)
  logic [4:0] units_busy;
  assign units_busy = {unit_rsp[UnitEltwise].busy, unit_rsp[UnitSoftmax].busy,
                       unit_rsp[UnitLayernorm].busy, unit_rsp[UnitEntropy].busy,
                       unit_rsp[UnitGather].busy};
  `EB_ASSERT(OneUnitBusy_A, $onehot0(units_busy))
  // A unit's clock stops once it is idle, and it then drives what it drove at that edge until its
  // next command: it must have stopped quiet. (On the ungated clock: the units' own assertions
  // see only their gated one.)
  `EB_ASSERT_NEVER(IdleEltwiseRequests_A, !unit_rsp[UnitEltwise].busy &&
                   (unit_a_req[UnitEltwise].en || unit_b_req[UnitEltwise].en ||
                    unit_c_req[UnitEltwise].en || unit_aux_req[UnitEltwise].en))
  `EB_ASSERT_NEVER(IdleSoftmaxRequests_A, !unit_rsp[UnitSoftmax].busy &&
                   (unit_a_req[UnitSoftmax].en || unit_c_req[UnitSoftmax].en ||
                    unit_aux_req[UnitSoftmax].en))
  `EB_ASSERT_NEVER(IdleLayernormRequests_A, !unit_rsp[UnitLayernorm].busy &&
                   (unit_a_req[UnitLayernorm].en || unit_c_req[UnitLayernorm].en ||
                    unit_aux_req[UnitLayernorm].en))
  `EB_ASSERT_NEVER(IdleEntropyRequests_A, !unit_rsp[UnitEntropy].busy &&
                   (unit_a_req[UnitEntropy].en || aux_wr_req.en))
  `EB_ASSERT_NEVER(IdleGatherRequests_A, !unit_rsp[UnitGather].busy &&
                   (gather_rd_en || unit_c_req[UnitGather].en || unit_aux_req[UnitGather].en))
  `EB_ASSERT_NEVER(PuAndUnitBusy_A, pu_busy_i && any_busy)
`ifndef SYNTHESIS
  // A unit's read returns to it what it returns to the PU: the gate lets the units' copy of the
  // read data load whenever a unit reads.
  logic unit_a_read_q, unit_b_read_q;
  `EB_ASSERT_LINT_OFF  // the reset read as data, as in the assertion macros
  always_ff @(posedge clk_i) begin
    unit_a_read_q <= rst_ni && !pu_busy_i && uab_a_req.en;
    unit_b_read_q <= rst_ni && !pu_busy_i && uab_b_req.en;
  end
  `EB_ASSERT_LINT_ON
  `EB_ASSERT(UnitsReadDataCopied_A, (!unit_a_read_q || units_a_rsp == uab_a_rsp_o) &&
                                    (!unit_b_read_q || units_b_rsp == uab_b_rsp_o))
`endif
  `EB_ASSERT(ActiveUnitLegal_A, active_q inside {UnitNone, UnitEltwise, UnitSoftmax,
                                                 UnitLayernorm, UnitEntropy, UnitGather})

endmodule
