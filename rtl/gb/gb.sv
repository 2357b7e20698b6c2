// Global buffer: the UAB and aux buffer, the row units (element-wise, softmax, LayerNorm,
// entropy, embedding gather) and the ReRAM embedding store, with command dispatch by opcode.
//
// One command runs at a time in the whole accelerator (docs/architecture.md section 3), so the
// buffers' ports are muxed rather than arbitrated: while pu_busy_i the PU's ports drive the UAB
// and aux buffer, otherwise the unit executing the current GB command does. The host port reaches
// every buffer when nothing runs; a host access during a command is refused (ext_err_o) and
// changes nothing. On reset the UAB and aux buffer lose their contents; the ReRAM keeps them.
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
  localparam int unsigned CountBits = $clog2(Lanes + 1)
) (
  input  logic                      clk_i,
  input  logic                      rst_ni,

  // GB commands (every opcode but MATMUL and NOP).
  input  cmd_req_t                  cmd_req_i,
  output cmd_rsp_t                  cmd_rsp_o,
  input  logic [31:0]               entropy_threshold_i,
  output logic [31:0]               entropy_o,
  output logic                      early_exit_o,

  // The PU's buffer ports (pu.sv), used while pu_busy_i.
  input  logic                      pu_busy_i,
  input  logic                      pu_a_rd_en_i,
  input  logic [VecAddrBits-1:0]    pu_a_rd_addr_i,
  input  logic                      pu_b_rd_en_i,  // only when the PU's B is in the UAB
  input  logic [VecAddrBits-1:0]    pu_b_rd_addr_i,
  output logic [Lanes-1:0]          uab_a_mask_o,
  output logic [Lanes-1:0][7:0]     uab_a_data_o,
  output logic [Lanes-1:0]          uab_b_mask_o,
  output logic [Lanes-1:0][7:0]     uab_b_data_o,
  input  logic                      pu_c_wr_en_i,
  input  logic [VecAddrBits-1:0]    pu_c_wr_addr_i,
  input  logic [Lanes-1:0]          pu_c_wr_mask_i,
  input  logic [Lanes-1:0][7:0]     pu_c_wr_data_i,
  input  logic                      pu_aux_rd_en_i,
  input  logic [AuxWordBits-1:0]    pu_aux_rd_addr_i,
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
  output logic [CountBits-1:0]      perf_saturations_o
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

  logic units_idle, accept, bad_opcode_q;
  unit_e active_q;
  // The units' command ports (index = unit_e; UnitNone has none): each sees the descriptor, and
  // a valid request only when it executes the accepted opcode.
  cmd_req_t unit_req [Units];
  cmd_rsp_t unit_rsp [Units];
  logic [Units-1:0] unit_busy, unit_done;

  assign units_idle = (unit_busy == '0) && !bad_opcode_q;
  assign accept = cmd_req_i.valid && units_idle;
  always_comb begin
    for (int unsigned u = 0; u < Units; u++) begin
      unit_req[u].valid = accept && (target == unit_e'(u));
      unit_req[u].desc = cmd_req_i.desc;
      unit_busy[u] = unit_rsp[u].busy;
      unit_done[u] = unit_rsp[u].done;
    end
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
    cmd_rsp_o.done = bad_opcode_q || (unit_done != '0);
    cmd_rsp_o.err = bad_opcode_q || unit_rsp[active_q].err;
    cmd_rsp_o.err_code = bad_opcode_q ? ErrCodeBadOpcode : unit_rsp[active_q].err_code;
  end
  assign unit_rsp[UnitNone] = '{ready: 1'b1, err_code: ErrCodeNone, default: 1'b0};

  // ---------------------------------------------------------------------------------------------
  // Buffers
  // ---------------------------------------------------------------------------------------------
  logic uab_a_en, uab_b_en, uab_wr_en, aux_rd_en, aux_wr_en;
  logic [VecAddrBits-1:0] uab_a_addr, uab_b_addr, uab_wr_addr;
  logic [Lanes-1:0] uab_wr_mask;
  logic [Lanes-1:0][7:0] uab_wr_data;
  logic [AuxWordBits-1:0] aux_rd_addr, aux_wr_addr;
  logic [31:0] aux_wr_data;

  // Unit-side port signals (index = unit_e).
  logic unit_a_en [Units], unit_b_en [Units], unit_c_en [Units], unit_aux_en [Units];
  logic [VecAddrBits-1:0] unit_a_addr [Units], unit_b_addr [Units], unit_c_addr [Units];
  logic [Lanes-1:0] unit_c_mask [Units];
  logic [Lanes-1:0][7:0] unit_c_data [Units];
  logic [AuxWordBits-1:0] unit_aux_addr [Units];
  logic [CountBits-1:0] unit_saturations [Units];

  always_comb begin
    if (pu_busy_i) begin
      uab_a_en = pu_a_rd_en_i;
      uab_a_addr = pu_a_rd_addr_i;
      uab_b_en = pu_b_rd_en_i;
      uab_b_addr = pu_b_rd_addr_i;
      uab_wr_en = pu_c_wr_en_i;
      uab_wr_addr = pu_c_wr_addr_i;
      uab_wr_mask = pu_c_wr_mask_i;
      uab_wr_data = pu_c_wr_data_i;
      aux_rd_en = pu_aux_rd_en_i;
      aux_rd_addr = pu_aux_rd_addr_i;
    end else begin
      uab_a_en = unit_a_en[active_q];
      uab_a_addr = unit_a_addr[active_q];
      uab_b_en = unit_b_en[active_q];
      uab_b_addr = unit_b_addr[active_q];
      uab_wr_en = unit_c_en[active_q];
      uab_wr_addr = unit_c_addr[active_q];
      uab_wr_mask = unit_c_mask[active_q];
      uab_wr_data = unit_c_data[active_q];
      aux_rd_en = unit_aux_en[active_q];
      aux_rd_addr = unit_aux_addr[active_q];
    end
  end

  // Host access only while nothing runs.
  logic ext_take, ext_uab, ext_aux, ext_reram;
  logic ext_uab_q, ext_aux_q, ext_refused_q, ext_reram_wr_q, ext_reram_rd_pending_q;
  logic [31:0] uab_ext_rdata, aux_ext_rdata, reram_rdata;
  logic uab_ext_err, aux_ext_err, reram_rd_valid, reram_rd_err, reram_rd_ready;
  logic busy_any;

  assign busy_any = !units_idle || pu_busy_i || cmd_req_i.valid;
  assign ext_ready_o = !ext_reram_rd_pending_q && (busy_any || ext_space_i != 2'd3 || reram_rd_ready);
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
    .a_rd_en_i  (uab_a_en),
    .a_rd_addr_i(uab_a_addr),
    .a_rd_mask_o(uab_a_mask_o),
    .a_rd_data_o(uab_a_data_o),
    .b_rd_en_i  (uab_b_en),
    .b_rd_addr_i(uab_b_addr),
    .b_rd_mask_o(uab_b_mask_o),
    .b_rd_data_o(uab_b_data_o),
    .wr_en_i    (uab_wr_en),
    .wr_addr_i  (uab_wr_addr),
    .wr_mask_i  (uab_wr_mask),
    .wr_data_i  (uab_wr_data),
    .ext_en_i   (ext_uab),
    .ext_we_i   (ext_we_i),
    .ext_plane_i(ext_space_i[0]),
    .ext_addr_i (ext_addr_i),
    .ext_wdata_i(ext_wdata_i),
    .ext_wstrb_i(ext_wstrb_i),
    .ext_rdata_o(uab_ext_rdata),
    .ext_err_o  (uab_ext_err)
  );

  gb_aux #(.AuxBytes(AuxBytes)) u_aux (
    .clk_i,
    .rst_ni,
    .rd_en_i    (aux_rd_en),
    .rd_addr_i  (aux_rd_addr),
    .rd_data_o  (aux_rd_data_o),
    .wr_en_i    (aux_wr_en),
    .wr_addr_i  (aux_wr_addr),
    .wr_data_i  (aux_wr_data),
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
  // Outputs this top does not need: the eltwise B port always reads the UAB, and busy/perf_busy
  // duplicate each other.
  logic eltwise_b_uab;
  logic [4:0] unit_perf_busy;

  gb_eltwise #(
    .Lanes(Lanes), .UabVectors(UabVectors), .AuxBytes(AuxBytes)
  ) u_eltwise (
    .clk_i,
    .rst_ni,
    .cmd_req_i         (unit_req[UnitEltwise]),
    .cmd_rsp_o         (unit_rsp[UnitEltwise]),
    .a_rd_en_o         (unit_a_en[UnitEltwise]),
    .a_rd_addr_o       (unit_a_addr[UnitEltwise]),
    .a_rd_mask_i       (uab_a_mask_o),
    .a_rd_data_i       (uab_a_data_o),
    .b_rd_en_o         (unit_b_en[UnitEltwise]),
    .b_rd_uab_o        (eltwise_b_uab),
    .b_rd_addr_o       (unit_b_addr[UnitEltwise]),
    .b_rd_mask_i       (uab_b_mask_o),
    .b_rd_data_i       (uab_b_data_o),
    .aux_rd_en_o       (unit_aux_en[UnitEltwise]),
    .aux_rd_addr_o     (unit_aux_addr[UnitEltwise]),
    .aux_rd_data_i     (aux_rd_data_o),
    .c_wr_en_o         (unit_c_en[UnitEltwise]),
    .c_wr_addr_o       (unit_c_addr[UnitEltwise]),
    .c_wr_mask_o       (unit_c_mask[UnitEltwise]),
    .c_wr_data_o       (unit_c_data[UnitEltwise]),
    .perf_busy_o       (unit_perf_busy[0]),
    .perf_saturations_o(unit_saturations[UnitEltwise])
  );

  gb_softmax #(
    .Lanes(Lanes), .UabVectors(UabVectors), .AuxBytes(AuxBytes)
  ) u_softmax (
    .clk_i,
    .rst_ni,
    .cmd_req_i         (unit_req[UnitSoftmax]),
    .cmd_rsp_o         (unit_rsp[UnitSoftmax]),
    .a_rd_en_o         (unit_a_en[UnitSoftmax]),
    .a_rd_addr_o       (unit_a_addr[UnitSoftmax]),
    .a_rd_mask_i       (uab_a_mask_o),
    .a_rd_data_i       (uab_a_data_o),
    .aux_rd_en_o       (unit_aux_en[UnitSoftmax]),
    .aux_rd_addr_o     (unit_aux_addr[UnitSoftmax]),
    .aux_rd_data_i     (aux_rd_data_o),
    .c_wr_en_o         (unit_c_en[UnitSoftmax]),
    .c_wr_addr_o       (unit_c_addr[UnitSoftmax]),
    .c_wr_mask_o       (unit_c_mask[UnitSoftmax]),
    .c_wr_data_o       (unit_c_data[UnitSoftmax]),
    .perf_busy_o       (unit_perf_busy[1]),
    .perf_saturations_o(unit_saturations[UnitSoftmax])
  );

  gb_layernorm #(
    .Lanes(Lanes), .UabVectors(UabVectors), .AuxBytes(AuxBytes)
  ) u_layernorm (
    .clk_i,
    .rst_ni,
    .cmd_req_i         (unit_req[UnitLayernorm]),
    .cmd_rsp_o         (unit_rsp[UnitLayernorm]),
    .a_rd_en_o         (unit_a_en[UnitLayernorm]),
    .a_rd_addr_o       (unit_a_addr[UnitLayernorm]),
    .a_rd_mask_i       (uab_a_mask_o),
    .a_rd_data_i       (uab_a_data_o),
    .aux_rd_en_o       (unit_aux_en[UnitLayernorm]),
    .aux_rd_addr_o     (unit_aux_addr[UnitLayernorm]),
    .aux_rd_data_i     (aux_rd_data_o),
    .c_wr_en_o         (unit_c_en[UnitLayernorm]),
    .c_wr_addr_o       (unit_c_addr[UnitLayernorm]),
    .c_wr_mask_o       (unit_c_mask[UnitLayernorm]),
    .c_wr_data_o       (unit_c_data[UnitLayernorm]),
    .perf_busy_o       (unit_perf_busy[2]),
    .perf_saturations_o(unit_saturations[UnitLayernorm])
  );

  gb_entropy #(
    .Lanes(Lanes), .UabVectors(UabVectors), .AuxBytes(AuxBytes)
  ) u_entropy (
    .clk_i,
    .rst_ni,
    .cmd_req_i          (unit_req[UnitEntropy]),
    .cmd_rsp_o          (unit_rsp[UnitEntropy]),
    .entropy_threshold_i(entropy_threshold_i),
    .entropy_o          (entropy_o),
    .early_exit_o       (early_exit_o),
    .a_rd_en_o          (unit_a_en[UnitEntropy]),
    .a_rd_addr_o        (unit_a_addr[UnitEntropy]),
    .a_rd_mask_i        (uab_a_mask_o),
    .a_rd_data_i        (uab_a_data_o),
    .aux_wr_en_o        (aux_wr_en),
    .aux_wr_addr_o      (aux_wr_addr),
    .aux_wr_data_o      (aux_wr_data),
    .perf_busy_o        (unit_perf_busy[3])
  );

  gb_gather #(
    .Lanes(Lanes), .UabVectors(UabVectors), .AuxBytes(AuxBytes), .ReramWords(ReramWords)
  ) u_gather (
    .clk_i,
    .rst_ni,
    .cmd_req_i         (unit_req[UnitGather]),
    .cmd_rsp_o         (unit_rsp[UnitGather]),
    .aux_rd_en_o       (unit_aux_en[UnitGather]),
    .aux_rd_addr_o     (unit_aux_addr[UnitGather]),
    .aux_rd_data_i     (aux_rd_data_o),
    .reram_rd_en_o     (gather_rd_en),
    .reram_rd_addr_o   (gather_rd_addr),
    .reram_rd_ready_i  (reram_rd_ready),
    .reram_rd_valid_i  (reram_rd_valid && !ext_reram_rd_pending_q),
    .reram_rd_data_i   (reram_rdata),
    .reram_rd_err_i    (reram_rd_err),
    .c_wr_en_o         (unit_c_en[UnitGather]),
    .c_wr_addr_o       (unit_c_addr[UnitGather]),
    .c_wr_mask_o       (unit_c_mask[UnitGather]),
    .c_wr_data_o       (unit_c_data[UnitGather]),
    .perf_busy_o       (unit_perf_busy[4]),
    .perf_saturations_o(unit_saturations[UnitGather])
  );

  // Units without some ports.
  assign unit_b_en[UnitNone] = 1'b0;
  assign unit_b_addr[UnitNone] = '0;
  assign unit_b_en[UnitSoftmax] = 1'b0;
  assign unit_b_addr[UnitSoftmax] = '0;
  assign unit_b_en[UnitLayernorm] = 1'b0;
  assign unit_b_addr[UnitLayernorm] = '0;
  assign unit_b_en[UnitEntropy] = 1'b0;
  assign unit_b_addr[UnitEntropy] = '0;
  assign unit_a_en[UnitNone] = 1'b0;
  assign unit_a_addr[UnitNone] = '0;
  assign unit_c_en[UnitNone] = 1'b0;
  assign unit_c_addr[UnitNone] = '0;
  assign unit_c_mask[UnitNone] = '0;
  assign unit_c_data[UnitNone] = '0;
  assign unit_c_en[UnitEntropy] = 1'b0;
  assign unit_c_addr[UnitEntropy] = '0;
  assign unit_c_mask[UnitEntropy] = '0;
  assign unit_c_data[UnitEntropy] = '0;
  assign unit_aux_en[UnitNone] = 1'b0;
  assign unit_aux_addr[UnitNone] = '0;
  assign unit_aux_en[UnitEntropy] = 1'b0;
  assign unit_aux_addr[UnitEntropy] = '0;
  assign unit_saturations[UnitNone] = '0;
  assign unit_saturations[UnitEntropy] = '0;
  assign unit_a_en[UnitGather] = 1'b0;
  assign unit_a_addr[UnitGather] = '0;
  assign unit_b_en[UnitGather] = 1'b0;
  assign unit_b_addr[UnitGather] = '0;
  logic unused_outputs;
  assign unused_outputs = ^{eltwise_b_uab, unit_perf_busy};

  assign perf_busy_o = cmd_rsp_o.busy;
  assign perf_saturations_o = unit_saturations[active_q];

endmodule
