// Global-buffer element-wise unit: ADD (residual, exact aligned sum re-quantized), ACTIVATE
// (256-entry table lookup) and FILL (a constant code), one n-lane vector per cycle.
// Bit-exact with golden::RunGb (sw/golden/gb_golden.cc, sw/numerics/af8_rowops.cc); commands are
// validated like golden::Validate before any memory access. DST may equal SRC (each vector is
// read before it is written); other overlaps are undefined.
`include "unit_typedef.svh"
`include "eb_assert.svh"
module gb_eltwise
  import af8_pkg::*;
  import edgebert_csr_pkg::*;
  import cmd_pkg::*;
#(
  parameter int unsigned Lanes = 16,
  parameter int unsigned UabVectors = 65536,
  parameter int unsigned AuxBytes = 65536,
  localparam int unsigned AuxWordBits = $clog2(AuxBytes / 4),
  `EDGEBERT_VEC_TYPES(Lanes),
  `EDGEBERT_AUX_TYPES(AuxWordBits)
) (
  input  logic                       clk_i,
  input  logic                       rst_ni,

  input  cmd_req_t                   cmd_req_i,
  input  logic                       cmd_sel_i,  // the request is for this unit
  output cmd_rsp_t                   cmd_rsp_o,

  // A (SRC) and B operand reads from the UAB; data the cycle after the request.
  output vec_rd_req_t                a_rd_req_o,
  input  vec_rsp_t                   a_rd_rsp_i,
  output vec_rd_req_t                b_rd_req_o,
  output logic                       b_rd_uab_o,
  input  vec_rsp_t                   b_rd_rsp_i,

  // Aux reads (the activation table), 32-bit words.
  output aux_rd_req_t                aux_rd_req_o,
  input  logic [31:0]                aux_rd_data_i,

  output vec_wr_req_t                c_wr_req_o,

  output logic                       perf_busy_o,
  output logic [$clog2(Lanes+1)-1:0] perf_saturations_o
);

  param_check #(.Lanes(Lanes), .UabVectors(UabVectors), .AuxBytes(AuxBytes)) u_param_check ();

  // The C write port is registered: en with the reset, the payload loaded with valid data.
  logic c_wr_en_q;
  logic [VecAddrBits-1:0] c_wr_addr_q;
  logic [Lanes-1:0] c_wr_mask_q;
  logic [Lanes-1:0][7:0] c_wr_data_q;
  assign c_wr_req_o = '{en: c_wr_en_q, addr: c_wr_addr_q, mask: c_wr_mask_q, data: c_wr_data_q};

  localparam int unsigned LaneBits = $clog2(Lanes);
  localparam int unsigned CountBits = $clog2(Lanes + 1);
  localparam int MaxAlign = 24;           // af8::kMaxAlignment
  localparam int unsigned SumBits = 40;   // 13-bit integers aligned by up to 24 bits, plus carry

  // ---------------------------------------------------------------------------------------------
  // Command fields (ADD, ACTIVATE and FILL share word positions for rows, cols and addresses)
  // ---------------------------------------------------------------------------------------------
  logic [CmdWords-1:0][31:0] cmd_q;

  logic [7:0] opcode;
  logic is_add, is_act, is_fill;
  logic [1:0] act;
  logic [15:0] rows, cols, src_stride, b_stride, dst_stride, table_addr;
  logic [VecAddrBits-1:0] src_addr, b_addr, dst_addr;
  logic signed [BiasBits-1:0] exp_a, exp_b, exp_out;
  logic [7:0] fill_value;

  always_comb begin
    opcode = 8'(cmd_q[CmdOpcodeWord][CmdOpcodeLsb +: CmdOpcodeWidth]);
    is_add = (opcode == OpcodeAdd);
    is_act = (opcode == OpcodeActivate);
    is_fill = (opcode == OpcodeFill);
    act = 2'(cmd_q[CmdActivateActWord][CmdActivateActLsb +: CmdActivateActWidth]);
    rows = 16'(cmd_q[CmdAddRowsWord][CmdAddRowsLsb +: CmdAddRowsWidth]);
    cols = 16'(cmd_q[CmdAddColsWord][CmdAddColsLsb +: CmdAddColsWidth]);
    src_addr = VecAddrBits'(cmd_q[CmdAddAAddrWord][CmdAddAAddrLsb +: CmdAddAAddrWidth]);
    src_stride = 16'(cmd_q[CmdAddAStrideWord][CmdAddAStrideLsb +: CmdAddAStrideWidth]);
    b_addr = VecAddrBits'(cmd_q[CmdAddBAddrWord][CmdAddBAddrLsb +: CmdAddBAddrWidth]);
    b_stride = 16'(cmd_q[CmdAddBStrideWord][CmdAddBStrideLsb +: CmdAddBStrideWidth]);
    dst_addr = VecAddrBits'(cmd_q[CmdAddDstAddrWord][CmdAddDstAddrLsb +: CmdAddDstAddrWidth]);
    dst_stride = 16'(cmd_q[CmdAddDstStrideWord][CmdAddDstStrideLsb +: CmdAddDstStrideWidth]);
    exp_a = BiasBits'(cmd_q[CmdAddExpAWord][CmdAddExpALsb +: CmdAddExpAWidth]);
    exp_b = BiasBits'(cmd_q[CmdAddExpBWord][CmdAddExpBLsb +: CmdAddExpBWidth]);
    // ADD keeps its output bias in bits 21:16, ACTIVATE (which needs none here) in 13:8.
    exp_out = BiasBits'(cmd_q[CmdAddExpOutWord][CmdAddExpOutLsb +: CmdAddExpOutWidth]);
    table_addr = 16'(cmd_q[CmdActivateTableAddrWord][CmdActivateTableAddrLsb +:
                                                     CmdActivateTableAddrWidth]);
    fill_value = 8'(cmd_q[CmdFillValueWord][CmdFillValueLsb +: CmdFillValueWidth]);
  end

  logic [15:0] groups;
  assign groups = cols >> LaneBits;

  // ---------------------------------------------------------------------------------------------
  // Control: check, load the table (ACTIVATE), stream vectors, drain
  // ---------------------------------------------------------------------------------------------
  // The unit's own work between the skeleton's check and done (StIdle: not running).
  typedef enum logic [1:0] {StIdle, StTable, StRun, StDrain} state_e;
  state_e state_q, state_d;
  logic checking, start, finish;
  logic [6:0] table_word_q;  // 64 words
  logic [15:0] row, group;
  logic issue, last_vector;
  logic s1_valid_q, s2_valid_q;
  logic [VecAddrBits-1:0] s1_dst_q;

  assign issue = (state_q == StRun);
  logic [1:0][15:0] loop_index;
  // Only the whole nest's wrap is needed (the end of a row changes nothing here).
  // verilator lint_off UNUSEDSIGNAL
  logic loop_wrap [2];
  // verilator lint_on UNUSEDSIGNAL
  assign last_vector = loop_wrap[1];

  err_code_e check;
  always_comb begin
    logic signed [6:0] exp_gap;
    // Evaluated only where it is used (operand isolation).
    check = ErrCodeNone;
    exp_gap = '0;
    if (checking) begin
      exp_gap = 7'(exp_a) - 7'(exp_b);
      if (!(is_add || is_act || is_fill) || (is_act && (act == 2'd0 || act == 2'd3))) begin
        check = ErrCodeBadOpcode;
      end else if (rows == 0 || cols == 0 || cols[LaneBits-1:0] != 0) begin
        check = ErrCodeBadShape;
      end else if (is_add && (32'(exp_gap) > MaxAlign || 32'(exp_gap) < -MaxAlign)) begin
        check = ErrCodeBadExponent;
      end else if ((!is_fill &&
                    operand_end(src_addr, src_stride, rows, groups) > 40'(UabVectors)) ||
                   operand_end(dst_addr, dst_stride, rows, groups) > 40'(UabVectors) ||
                   (is_add && operand_end(b_addr, b_stride, rows, groups) > 40'(UabVectors))) begin
        check = ErrCodeBadAddress;
      end else if (is_act && (table_addr[1:0] != 0 || 32'(table_addr) + 256 > AuxBytes)) begin
        check = ErrCodeBadAddress;
      end
    end
  end

  // The skeleton (rtl/prim/cmd_unit_ctrl.sv); a unit leaves open the outputs its control does
  // not need.
  // verilator lint_off PINCONNECTEMPTY
  cmd_unit_ctrl u_ctrl (
    .clk_i,
    .rst_ni,
    .cmd_req_i,
    .cmd_sel_i,
    .cmd_rsp_o,
    .cmd_o      (cmd_q),
    .check_o    (checking),
    .check_i    (check),
    .start_o    (start),
    .run_o      (),
    .finish_i   (finish),
    .fail_i     (1'b0),
    .fail_code_i(ErrCodeNone)
  );
  // verilator lint_on PINCONNECTEMPTY

  assign finish = (state_q == StDrain) && !s1_valid_q && !s2_valid_q;

  always_comb begin
    state_d = state_q;
    unique case (state_q)
      StIdle:  if (start) state_d = is_act ? StTable : StRun;
      StTable: if (table_word_q == 7'd64) state_d = StRun;
      StRun:   if (last_vector) state_d = StDrain;
      StDrain: if (finish) state_d = StIdle;
      default: state_d = StIdle;
    endcase
  end

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      state_q <= StIdle;
      table_word_q <= '0;
    end else begin
      state_q <= state_d;
      if (checking) table_word_q <= '0;
      if (state_q == StTable) table_word_q <= table_word_q + 7'd1;
    end
  end

  // One vector per issue cycle: group, then row.
  loop_counter #(.Levels(2), .Width(16)) u_loops (
    .clk_i,
    .rst_ni,
    .clear_i(checking),
    .step_i (issue),
    .last_i ({rows - 16'd1, groups - 16'd1}),
    .index_o(loop_index),
    .wrap_o (loop_wrap)
  );
  assign group = loop_index[0];
  assign row = loop_index[1];

  // Reads: A and B for the current vector; the table during StTable.
  logic table_loading;
  assign table_loading = (state_q == StTable) && (table_word_q < 7'd64);

  // Addresses only with their enables (operand isolation: the buffers read an address only with
  // it, and Verilator evaluates an unguarded one on every cycle).
  always_comb begin
    a_rd_req_o = '0;
    b_rd_req_o = '0;
    aux_rd_req_o = '0;
    b_rd_uab_o = 1'b1;
    if (issue && !is_fill) begin
      a_rd_req_o.en = 1'b1;
      a_rd_req_o.addr = VecAddrBits'(40'(src_addr) + 40'(row) * 40'(src_stride) + 40'(group));
    end
    if (issue && is_add) begin
      b_rd_req_o.en = 1'b1;
      b_rd_req_o.addr = VecAddrBits'(40'(b_addr) + 40'(row) * 40'(b_stride) + 40'(group));
    end
    if (table_loading) begin
      aux_rd_req_o.en = 1'b1;
      aux_rd_req_o.addr = AuxWordBits'(table_addr >> 2) + AuxWordBits'(table_word_q);
    end
  end

  logic [7:0] table_q [256];
  logic table_pending_q;
  logic [5:0] table_index_q;

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      table_pending_q <= 1'b0;
      table_index_q <= '0;
    end else begin
      table_pending_q <= table_loading;
      table_index_q <= 6'(table_word_q);
    end
  end

  always_ff @(posedge clk_i) begin
    if (table_pending_q) begin
      for (int unsigned b = 0; b < 4; b++) begin
        table_q[{table_index_q, 2'(b)}] <= aux_rd_data_i[8*b +: 8];
      end
    end
  end

  // ---------------------------------------------------------------------------------------------
  // S1: data arrives; decode, compute every lane, encode. The write is registered.
  // ---------------------------------------------------------------------------------------------
  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      s1_valid_q <= 1'b0;
      s1_dst_q <= '0;
    end else begin
      s1_valid_q <= issue;
      // Read only with s1_valid_q.
      if (issue) s1_dst_q <= VecAddrBits'(40'(dst_addr) + 40'(row) * 40'(dst_stride) + 40'(group));
    end
  end

  logic [Lanes-1:0][7:0] a_dense, b_dense, out_code;
  logic s1_add;  // an ADD vector in S1: the sum lanes work
  assign s1_add = s1_valid_q && is_add;
  logic lane_saturated [Lanes];  // unpacked: a packed vector of per-lane bits costs a
                                 // read-modify-write per bit on every cycle

  vec_decode #(.Lanes(Lanes)) u_a_decode (
    .en_i    (s1_valid_q && !is_fill),
    .mask_i  (a_rd_rsp_i.mask),
    .packed_i(a_rd_rsp_i.data),
    .dense_o (a_dense)
  );
  vec_decode #(.Lanes(Lanes)) u_b_decode (
    .en_i    (s1_add),
    .mask_i  (b_rd_rsp_i.mask),
    .packed_i(b_rd_rsp_i.data),
    .dense_o (b_dense)
  );

  // Aligned to the smaller bias: the larger operand shifts left by the difference (<= 24).
  logic signed [BiasBits:0] exp_low;
  logic [4:0] shift_a, shift_b;
  logic signed [7:0] sum_exp;
  always_comb begin
    exp_low = (exp_a < exp_b) ? (BiasBits + 1)'(exp_a) : (BiasBits + 1)'(exp_b);
    shift_a = 5'((BiasBits + 1)'(exp_a) - exp_low);
    shift_b = 5'((BiasBits + 1)'(exp_b) - exp_low);
    sum_exp = 8'(exp_low) - 8'sd4;
  end

  for (genvar l = 0; l < Lanes; l++) begin : g_lane
    logic signed [SumBits-1:0] sum;
    logic [7:0] add_code;
    always_comb begin
      sum = '0;
      if (s1_add) begin
        sum = (SumBits'(int_value(a_dense[l])) <<< shift_a) +
              (SumBits'(int_value(b_dense[l])) <<< shift_b);
      end
    end
    af8_requant #(.InBits(SumBits)) u_requant (
      .en_i       (s1_add),
      .acc_i      (sum),
      .acc_exp_i  (sum_exp),
      .out_bias_i (exp_out),
      .code_o     (add_code),
      .saturated_o(lane_saturated[l])
    );
    always_comb begin
      if (is_fill) out_code[l] = fill_value;
      else if (is_act && s1_valid_q) out_code[l] = table_q[a_dense[l]];
      else out_code[l] = add_code;
    end
  end

  logic [Lanes-1:0] out_mask;
  logic [Lanes-1:0][7:0] out_packed;
  vec_encode #(.Lanes(Lanes)) u_encode (
    .en_i    (s1_valid_q),
    .dense_i (out_code),
    .mask_o  (out_mask),
    .packed_o(out_packed)
  );

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      s2_valid_q <= 1'b0;
      c_wr_en_q <= 1'b0;
    end else begin
      s2_valid_q <= s1_valid_q;
      c_wr_en_q <= s1_valid_q;
    end
  end

  // Clock gating: the write port's payload only loads with a write.
  always_ff @(posedge clk_i) begin
    if (s1_valid_q) begin
      c_wr_addr_q <= s1_dst_q;
      c_wr_mask_q <= out_mask;
      c_wr_data_q <= out_packed;
    end
  end

  always_comb begin
    perf_busy_o = cmd_rsp_o.busy;
    perf_saturations_o = '0;
    if (s1_add) begin
      for (int unsigned l = 0; l < Lanes; l++) begin
        perf_saturations_o = perf_saturations_o + CountBits'(lane_saturated[l]);
      end
    end
  end

  // Buffer traffic only while a command is in the unit, inside the UAB (the descriptor check
  // guarantees it); a legal state.
  `EB_ASSERT_NEVER(AReadOutOfRange_A, a_rd_req_o.en && 64'(a_rd_req_o.addr) >= 64'(UabVectors))
  `EB_ASSERT_NEVER(BReadOutOfRange_A, b_rd_req_o.en && 64'(b_rd_req_o.addr) >= 64'(UabVectors))
  `EB_ASSERT_NEVER(CWriteOutOfRange_A, c_wr_req_o.en && 64'(c_wr_req_o.addr) >= 64'(UabVectors))
  `EB_ASSERT_NEVER(TrafficWhileIdle_A, (a_rd_req_o.en || b_rd_req_o.en || c_wr_req_o.en || aux_rd_req_o.en) && !cmd_rsp_o.busy)
  `EB_ASSERT(StateLegal_A, state_q inside {StIdle, StTable, StRun, StDrain})

endmodule
