// Processing unit: runs one MATMUL command at a time,
//   C[M x N] = ACT(A[M x K] * B[N x K]^T + bias[N]), re-quantized to AF8,
// walking every tile itself (docs/architecture.md sections 5-7).
//
// Dataflow (weight-stationary, one n x n VMAC step per cycle): a pass is one (row block, column
// block jb, K group g). The prefetcher loads the pass's B tile (n vectors B[jb*n+i][g], decoded)
// and its n biases into one of two banks while the streamer runs the previous pass: it reads
// A[m][g] for every row m of the block, one vector a cycle, and the n VMACs add
// dot(B tile row i, A[m][g]) into accumulator (m, i). The last pass of a column block adds the
// bias, re-quantizes (optionally through the activation table) and writes C[m][jb] bitmask-
// encoded, or collects n x n blocks and writes them transposed (TRANS_C).
//
// Pipeline: S0 issue A read -> S1 decode + VMACs -> S2 accumulate -> S3 re-quantize -> write.
// Memory ports have a fixed one-cycle read latency. Commands are validated before any access;
// a failing command ends at once with an error response and writes nothing
// (sw/golden/matmul_command.cc).
`include "unit_typedef.svh"
`include "eb_assert.svh"
module pu
  import af8_pkg::*;
  import edgebert_csr_pkg::*;
  import cmd_pkg::*;
#(
  parameter int unsigned Lanes = 16,
  // Accumulator rows: rows of C computed per row block (a multiple of Lanes).
  parameter int unsigned AccRows = 128,
  parameter int unsigned UabVectors = 65536,
  parameter int unsigned WsramVectors = 1048576,
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

  // A operand read port (UAB); data the cycle after the request.
  output vec_rd_req_t                a_rd_req_o,
  input  vec_rsp_t                   a_rd_rsp_i,

  // B operand read port (WSRAM, or the UAB when b_rd_uab_o).
  output vec_rd_req_t                b_rd_req_o,
  output logic                       b_rd_uab_o,
  input  vec_rsp_t                   b_rd_rsp_i,

  // Aux buffer read port, 32-bit words (biases, activation table).
  output aux_rd_req_t                aux_rd_req_o,
  input  logic [31:0]                aux_rd_data_i,

  // C write port (UAB).
  output vec_wr_req_t                c_wr_req_o,

  // Per-cycle performance events; the CSR block keeps the 64-bit counters.
  output logic                       perf_busy_o,
  output logic                       perf_mac_o,
  output logic [$clog2(Lanes+1)-1:0] perf_vmacs_o,
  output logic [$clog2(Lanes+1)-1:0] perf_vmacs_skipped_o,
  output logic                       perf_stall_o,
  output logic [$clog2(Lanes+1)-1:0] perf_saturations_o,
  output logic [$clog2(Lanes*Lanes+1)-1:0] perf_macs_nonzero_o
);

  param_check #(
    .Lanes(Lanes),
    .AccRows(AccRows),
    .UabVectors(UabVectors),
    .WsramVectors(WsramVectors),
    .AuxBytes(AuxBytes)
  ) u_param_check ();

  // The C write port is registered: en with the reset, the payload loaded with valid data.
  logic c_wr_en_q;
  logic [VecAddrBits-1:0] c_wr_addr_q;
  logic [Lanes-1:0] c_wr_mask_q;
  logic [Lanes-1:0][7:0] c_wr_data_q;
  assign c_wr_req_o = '{en: c_wr_en_q, addr: c_wr_addr_q, mask: c_wr_mask_q, data: c_wr_data_q};

  localparam int unsigned LaneBits = $clog2(Lanes);
  localparam int unsigned RowBits = $clog2(AccRows);
  localparam int unsigned PartialBits = ProductBits + LaneBits;
  localparam int unsigned CountBits = $clog2(Lanes + 1);
  localparam int unsigned TableWords = 64;  // 256 bytes
  localparam int unsigned MaxK = 32768;     // accumulators exact up to here (docs/numerics.md)

  // ---------------------------------------------------------------------------------------------
  // Command register and field decode
  // ---------------------------------------------------------------------------------------------
  logic [CmdWords-1:0][31:0] cmd_q;

  logic [7:0] opcode;
  logic [1:0] act;
  logic trans_c, b_in_uab, has_bias;
  logic [15:0] dim_m, dim_n, dim_k, a_stride, b_stride, c_stride, bias_addr, table_addr;
  logic [VecAddrBits-1:0] a_addr, b_addr, c_addr;
  logic signed [BiasBits-1:0] exp_a, exp_b, exp_c, exp_pre;

  always_comb begin
    opcode = 8'(cmd_q[CmdOpcodeWord][CmdOpcodeLsb +: CmdOpcodeWidth]);
    act = 2'(cmd_q[CmdMatmulActWord][CmdMatmulActLsb +: CmdMatmulActWidth]);
    trans_c = cmd_q[CmdMatmulTransCWord][CmdMatmulTransCLsb +: CmdMatmulTransCWidth] != 0;
    b_in_uab = cmd_q[CmdMatmulBInUabWord][CmdMatmulBInUabLsb +: CmdMatmulBInUabWidth] != 0;
    has_bias = cmd_q[CmdMatmulHasBiasWord][CmdMatmulHasBiasLsb +: CmdMatmulHasBiasWidth] != 0;
    dim_m = 16'(cmd_q[CmdMatmulMWord][CmdMatmulMLsb +: CmdMatmulMWidth]);
    dim_n = 16'(cmd_q[CmdMatmulNWord][CmdMatmulNLsb +: CmdMatmulNWidth]);
    dim_k = 16'(cmd_q[CmdMatmulKWord][CmdMatmulKLsb +: CmdMatmulKWidth]);
    exp_a = BiasBits'(cmd_q[CmdMatmulExpAWord][CmdMatmulExpALsb +: CmdMatmulExpAWidth]);
    exp_b = BiasBits'(cmd_q[CmdMatmulExpBWord][CmdMatmulExpBLsb +: CmdMatmulExpBWidth]);
    exp_c = BiasBits'(cmd_q[CmdMatmulExpCWord][CmdMatmulExpCLsb +: CmdMatmulExpCWidth]);
    exp_pre = BiasBits'(cmd_q[CmdMatmulExpPreWord][CmdMatmulExpPreLsb +: CmdMatmulExpPreWidth]);
    a_addr = VecAddrBits'(cmd_q[CmdMatmulAAddrWord][CmdMatmulAAddrLsb +: CmdMatmulAAddrWidth]);
    b_addr = VecAddrBits'(cmd_q[CmdMatmulBAddrWord][CmdMatmulBAddrLsb +: CmdMatmulBAddrWidth]);
    c_addr = VecAddrBits'(cmd_q[CmdMatmulCAddrWord][CmdMatmulCAddrLsb +: CmdMatmulCAddrWidth]);
    a_stride = 16'(cmd_q[CmdMatmulAStrideWord][CmdMatmulAStrideLsb +: CmdMatmulAStrideWidth]);
    b_stride = 16'(cmd_q[CmdMatmulBStrideWord][CmdMatmulBStrideLsb +: CmdMatmulBStrideWidth]);
    c_stride = 16'(cmd_q[CmdMatmulCStrideWord][CmdMatmulCStrideLsb +: CmdMatmulCStrideWidth]);
    bias_addr = 16'(cmd_q[CmdMatmulBiasAddrWord][CmdMatmulBiasAddrLsb +: CmdMatmulBiasAddrWidth]);
    table_addr = 16'(cmd_q[CmdMatmulActTableAddrWord][CmdMatmulActTableAddrLsb +:
                                                      CmdMatmulActTableAddrWidth]);
  end

  // Derived sizes, in vectors.
  logic [15:0] k_groups, n_blocks, m_groups;
  assign k_groups = dim_k >> LaneBits;
  assign n_blocks = dim_n >> LaneBits;
  assign m_groups = dim_m >> LaneBits;

  // ---------------------------------------------------------------------------------------------
  // Command state machine
  // ---------------------------------------------------------------------------------------------
  // The unit's own work between the skeleton's check and done (StIdle: not running).
  typedef enum logic [1:0] {StIdle, StTable, StRun, StDrain} state_e;
  state_e state_q, state_d;
  logic checking, start, finish;
  logic [$clog2(TableWords+1)-1:0] table_issue_q;
  logic stream_done_q;     // every A read of the command issued
  logic pipe_empty;

  // Aux reads are tagged so that the returning word lands in the right place.
  logic aux_table_q;                 // the word in flight is table word aux_index_q
  logic aux_bias_q;                  // the word in flight is bias aux_index_q of bank aux_bank_q
  logic [5:0] aux_index_q;
  logic [7:0] act_table_q [256];

  err_code_e check;
  always_comb begin
    logic [39:0] c_end;
    logic [39:0] b_limit;
    // Evaluated only where it is used (operand isolation).
    check = ErrCodeNone;
    c_end = '0;
    b_limit = '0;
    if (checking) begin
      c_end = trans_c ? operand_end(c_addr, c_stride, dim_n, m_groups)
                      : operand_end(c_addr, c_stride, dim_m, n_blocks);
      b_limit = b_in_uab ? 40'(UabVectors) : 40'(WsramVectors);
      if (opcode != OpcodeMatmul || act > 2'd2) begin
        check = ErrCodeBadOpcode;
      end else if (dim_m == 0 || dim_n == 0 || dim_k == 0 || dim_n[LaneBits-1:0] != 0 ||
                   dim_k[LaneBits-1:0] != 0 || 32'(dim_k) > MaxK ||
                   (trans_c && dim_m[LaneBits-1:0] != 0)) begin
        check = ErrCodeBadShape;
      end else if (operand_end(a_addr, a_stride, dim_m, k_groups) > 40'(UabVectors) ||
                   operand_end(b_addr, b_stride, dim_n, k_groups) > b_limit ||
                   c_end > 40'(UabVectors)) begin
        check = ErrCodeBadAddress;
      end else if (has_bias && (bias_addr[1:0] != 0 ||
                                32'(bias_addr) + 32'(dim_n) * 4 > AuxBytes)) begin
        check = ErrCodeBadAddress;
      end else if (act != 0 && (table_addr[1:0] != 0 || 32'(table_addr) + 256 > AuxBytes)) begin
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

  assign finish = (state_q == StDrain) && pipe_empty;

  always_comb begin
    state_d = state_q;
    unique case (state_q)
      StIdle:  if (start) state_d = (act != 0) ? StTable : StRun;
      StTable: if (table_issue_q == TableWords[$clog2(TableWords+1)-1:0]) state_d = StRun;
      StRun:   if (stream_done_q) state_d = StDrain;
      StDrain: if (finish) state_d = StIdle;
      default: state_d = StIdle;
    endcase
  end

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      state_q <= StIdle;
      table_issue_q <= '0;
    end else begin
      state_q <= state_d;
      if (checking) table_issue_q <= '0;
      else if (state_q == StTable) table_issue_q <= table_issue_q + 1'b1;
    end
  end

  // ---------------------------------------------------------------------------------------------
  // Prefetcher: B tiles and biases into two banks, one pass ahead of the streamer
  // ---------------------------------------------------------------------------------------------
  // B tiles as the array takes them (af8_pkg::int_offset, [bank][vector][lane]): converted once
  // when a vector is loaded, not by each multiplier on every cycle the tile is used.
  logic [IntBits-1:0] tile_q [2][Lanes][Lanes];
  logic [Lanes-1:0] tile_zero_q [2];
  // Per bank, per lane l: how many of the tile's n B vectors have a nonzero code in lane l (the
  // nonzero-MAC count of a VMAC step is the sum of these over A's nonzero lanes).
  logic [Lanes-1:0][CountBits-1:0] tile_colcnt_q [2];
  logic signed [31:0] bias_q [2][Lanes];
  logic [1:0] bank_full_q, bank_busy_q;
  logic table_loading;

  logic pf_active_q, pf_bank_q;
  logic [15:0] pf_m0_q, pf_jb, pf_g;
  logic [LaneBits-1:0] pf_lane;
  logic pf_issue;
  // The tile (lanes), the K groups, the column blocks complete; the end of a K group changes
  // nothing here.
  // verilator lint_off UNUSEDSIGNAL
  logic pf_wrap [3];
  // verilator lint_on UNUSEDSIGNAL
  logic b_pending_q, b_bank_q;
  logic [LaneBits-1:0] b_lane_q;

  // A bank is refilled only after the last row of its pass has left S2 (bank_busy_q), and is
  // streamed only while its load is complete and unconsumed (bank_full_q).
  assign pf_issue = (state_q == StRun) && pf_active_q &&
                    (pf_lane != '0 || !bank_busy_q[pf_bank_q]);
  assign table_loading = (state_q == StTable) &&
                         (table_issue_q < TableWords[$clog2(TableWords+1)-1:0]);

  // Request addresses are computed only with their enable (operand isolation: the buffers read
  // an address only with it, and Verilator evaluates an unguarded one on every cycle).
  always_comb begin
    b_rd_req_o.en = pf_issue;
    b_rd_uab_o = b_in_uab;
    b_rd_req_o.addr = '0;
    if (pf_issue) begin
      b_rd_req_o.addr = VecAddrBits'(40'(b_addr) + 40'({pf_jb, pf_lane}) * 40'(b_stride) +
                                     40'(pf_g));
    end
    aux_rd_req_o.en = 1'b0;
    aux_rd_req_o.addr = '0;
    if (table_loading) begin
      aux_rd_req_o.en = 1'b1;
      aux_rd_req_o.addr = AuxWordBits'(table_addr >> 2) + AuxWordBits'(table_issue_q);
    end else if (pf_issue && has_bias) begin
      aux_rd_req_o.en = 1'b1;
      aux_rd_req_o.addr = AuxWordBits'(bias_addr >> 2) + AuxWordBits'({pf_jb, pf_lane});
    end
  end

  logic [Lanes-1:0][7:0] b_dense;
  vec_decode #(.Lanes(Lanes)) u_b_decode (
    .en_i    (b_pending_q),
    .mask_i  (b_rd_rsp_i.mask),
    .packed_i(b_rd_rsp_i.data),
    .dense_o (b_dense)
  );

  // A pass loads B vectors jb*n + lane of K group g: lane, then g, then jb.
  logic [2:0][15:0] pf_index;
  loop_counter #(.Levels(3), .Width(16)) u_pf_loops (
    .clk_i,
    .rst_ni,
    .clear_i(checking),
    .step_i (pf_issue),
    .last_i ({n_blocks - 16'd1, k_groups - 16'd1, 16'(Lanes - 1)}),
    .index_o(pf_index),
    .wrap_o (pf_wrap)
  );
  assign pf_lane = LaneBits'(pf_index[0]);
  assign pf_g = pf_index[1];
  assign pf_jb = pf_index[2];

  // Streamer signals that release banks.
  logic s2_valid_q, s2_last_row_q, s2_bank_q;
  logic st_bank_q, st_issue, st_last_row;

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      pf_active_q <= 1'b0;
      pf_bank_q <= 1'b0;
      pf_m0_q <= '0;
      b_pending_q <= 1'b0;
      b_bank_q <= 1'b0;
      b_lane_q <= '0;
      bank_full_q <= '0;
      bank_busy_q <= '0;
      aux_table_q <= 1'b0;
      aux_bias_q <= 1'b0;
      aux_index_q <= '0;
    end else begin
      if (checking) begin
        pf_active_q <= 1'b1;
        pf_bank_q <= 1'b0;
        pf_m0_q <= '0;
        bank_full_q <= '0;
        bank_busy_q <= '0;
      end else if (pf_issue) begin
        if (pf_wrap[0]) pf_bank_q <= !pf_bank_q;  // next pass
        if (pf_wrap[2]) begin                      // next row block
          pf_m0_q <= pf_m0_q + 16'(AccRows);
          if (32'(pf_m0_q) + AccRows >= 32'(dim_m)) pf_active_q <= 1'b0;
        end
      end

      b_pending_q <= pf_issue;
      b_bank_q <= pf_bank_q;
      b_lane_q <= pf_lane;
      if (pf_issue && pf_lane == '0) bank_busy_q[pf_bank_q] <= 1'b1;
      if (b_pending_q && b_lane_q == LaneBits'(Lanes - 1)) bank_full_q[b_bank_q] <= 1'b1;
      if (st_issue && st_last_row) bank_full_q[st_bank_q] <= 1'b0;
      if (s2_valid_q && s2_last_row_q) bank_busy_q[s2_bank_q] <= 1'b0;

      aux_table_q <= table_loading;
      aux_bias_q <= pf_issue && has_bias;
      aux_index_q <= 6'(table_issue_q);
    end
  end

  // Column counts of the tile being loaded: cleared with its first vector (lane 0). The bank is
  // written whole (one delayed assignment, not one per lane on every cycle in Verilator).
  logic [Lanes-1:0][CountBits-1:0] colcnt_d;
  always_comb begin
    colcnt_d = '0;
    if (b_pending_q) begin
      for (int unsigned l = 0; l < Lanes; l++) begin
        colcnt_d[l] = (b_lane_q == '0 ? '0 : tile_colcnt_q[b_bank_q][l]) +
                      CountBits'(b_rd_rsp_i.mask[l]);
      end
    end
  end

  always_ff @(posedge clk_i) begin
    if (b_pending_q) tile_colcnt_q[b_bank_q] <= colcnt_d;
  end

  logic [IntBits-1:0] b_int [Lanes];
  always_comb begin
    b_int = '{default: '0};
    if (b_pending_q) begin
      for (int unsigned l = 0; l < Lanes; l++) b_int[l] = int_offset(b_dense[l]);
    end
  end

  always_ff @(posedge clk_i) begin
    if (b_pending_q) begin
      tile_q[b_bank_q][b_lane_q] <= b_int;
      tile_zero_q[b_bank_q][b_lane_q] <= (b_rd_rsp_i.mask == '0);
      // Without a bias vector the bias is zero.
      bias_q[b_bank_q][b_lane_q] <= aux_bias_q ? $signed(aux_rd_data_i) : 32'sd0;
    end
    if (aux_table_q) begin
      for (int unsigned byte_i = 0; byte_i < 4; byte_i++) begin
        act_table_q[{aux_index_q, 2'(byte_i)}] <= aux_rd_data_i[8*byte_i +: 8];
      end
    end
  end

  // ---------------------------------------------------------------------------------------------
  // Streamer (S0): one A vector per cycle while its pass's bank is full
  // ---------------------------------------------------------------------------------------------
  logic [15:0] st_m0_q, st_jb, st_g;
  logic [RowBits-1:0] st_row;
  logic [15:0] block_rows;  // rows in this row block
  // The pass (rows), the K groups, the column blocks complete; the end of a K group changes
  // nothing here.
  // verilator lint_off UNUSEDSIGNAL
  logic st_wrap [3];
  // verilator lint_on UNUSEDSIGNAL

  assign block_rows = (32'(dim_m) - 32'(st_m0_q) >= AccRows) ? 16'(AccRows)
                                                             : dim_m - st_m0_q;
  assign st_issue = (state_q == StRun) && !stream_done_q && bank_full_q[st_bank_q];
  assign st_last_row = st_wrap[0];

  logic [15:0] st_m;  // row of A and C
  assign st_m = st_m0_q + 16'(st_row);
  always_comb begin
    a_rd_req_o.en = st_issue;
    a_rd_req_o.addr = '0;  // only with en (operand isolation)
    if (st_issue) begin
      a_rd_req_o.addr = VecAddrBits'(40'(a_addr) + 40'(st_m) * 40'(a_stride) + 40'(st_g));
    end
  end

  // A pass streams rows of its block: row, then K group g, then column block jb.
  logic [2:0][15:0] st_index;
  loop_counter #(.Levels(3), .Width(16)) u_st_loops (
    .clk_i,
    .rst_ni,
    .clear_i(checking),
    .step_i (st_issue),
    .last_i ({n_blocks - 16'd1, k_groups - 16'd1, block_rows - 16'd1}),
    .index_o(st_index),
    .wrap_o (st_wrap)
  );
  assign st_row = RowBits'(st_index[0]);
  assign st_g = st_index[1];
  assign st_jb = st_index[2];

  // Tag travelling with an A read through the pipeline.
  typedef struct packed {
    logic                bank;
    logic [RowBits-1:0]  row;       // accumulator row
    logic [15:0]         m;         // row of C
    logic [15:0]         jb;        // column block of C
    logic                first;     // first K group: start from zero
    logic                last;      // last K group: finish the output
    logic                last_row;  // last row of the pass: release the bank after S2
  } tag_t;

  logic s1_valid_q;
  tag_t s1_tag_q;

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      stream_done_q <= 1'b0;
      st_bank_q <= 1'b0;
      st_m0_q <= '0;
      s1_valid_q <= 1'b0;
      s1_tag_q <= '0;
    end else begin
      if (checking) begin
        stream_done_q <= 1'b0;
        st_bank_q <= 1'b0;
        st_m0_q <= '0;
      end else if (st_issue) begin
        if (st_wrap[0]) st_bank_q <= !st_bank_q;  // next pass
        if (st_wrap[2]) begin                      // next row block
          st_m0_q <= st_m0_q + 16'(AccRows);
          if (32'(st_m0_q) + AccRows >= 32'(dim_m)) stream_done_q <= 1'b1;
        end
      end
      s1_valid_q <= st_issue;
      s1_tag_q <= '{bank: st_bank_q, row: st_row, m: st_m, jb: st_jb,
                    first: st_g == 0, last: st_g == k_groups - 1, last_row: st_last_row};
    end
  end

  // ---------------------------------------------------------------------------------------------
  // S1: decode A, n x n VMACs
  // ---------------------------------------------------------------------------------------------
  logic [Lanes-1:0][7:0] a_dense;
  logic signed [PartialBits-1:0] partial [Lanes];
  logic [CountBits-1:0] skipped;

  vec_decode #(.Lanes(Lanes)) u_a_decode (
    .en_i    (s1_valid_q),
    .mask_i  (a_rd_rsp_i.mask),
    .packed_i(a_rd_rsp_i.data),
    .dense_o (a_dense)
  );

  pu_vmac_array #(.Lanes(Lanes)) u_vmacs (
    .en_i     (s1_valid_q),
    .a_i      (a_dense),
    .a_zero_i (a_rd_rsp_i.mask == '0),
    .b_tiles_i(tile_q),
    .b_bank_i (s1_tag_q.bank),
    .b_zero_i (tile_zero_q[s1_tag_q.bank]),
    .partial_o(partial),
    .skipped_o(skipped)
  );

  tag_t s2_tag_q;
  logic signed [PartialBits-1:0] s2_partial_q [Lanes];

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      s2_valid_q <= 1'b0;
      s2_tag_q <= '0;
    end else begin
      s2_valid_q <= s1_valid_q;
      s2_tag_q <= s1_tag_q;
    end
  end

  always_ff @(posedge clk_i) begin
    if (s1_valid_q) s2_partial_q <= partial;
  end

  assign s2_last_row_q = s2_tag_q.last_row;
  assign s2_bank_q = s2_tag_q.bank;

  // ---------------------------------------------------------------------------------------------
  // S2: accumulate; the last K group adds the bias and hands the row to S3
  // ---------------------------------------------------------------------------------------------
  logic signed [AccBits-1:0] acc_q [AccRows][Lanes];
  logic signed [AccBits-1:0] acc_sum [Lanes];
  logic s3_valid_q;
  logic [15:0] s3_m_q, s3_jb_q;
  logic signed [AccBits-1:0] s3_acc_q [Lanes];

  always_comb begin
    acc_sum = '{default: '0};
    if (s2_valid_q) begin
      for (int unsigned i = 0; i < Lanes; i++) begin
        acc_sum[i] = (s2_tag_q.first ? '0 : acc_q[s2_tag_q.row][i]) + AccBits'(s2_partial_q[i]);
      end
    end
  end

  always_ff @(posedge clk_i) begin
    if (s2_valid_q && !s2_tag_q.last) begin
      for (int unsigned i = 0; i < Lanes; i++) acc_q[s2_tag_q.row][i] <= acc_sum[i];
    end
    if (s2_valid_q && s2_tag_q.last) begin
      for (int unsigned i = 0; i < Lanes; i++) begin
        s3_acc_q[i] <= acc_sum[i] + AccBits'(bias_q[s2_tag_q.bank][i]);
      end
    end
  end

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      s3_valid_q <= 1'b0;
      s3_m_q <= '0;
      s3_jb_q <= '0;
    end else begin
      s3_valid_q <= s2_valid_q && s2_tag_q.last;
      s3_m_q <= s2_tag_q.m;
      s3_jb_q <= s2_tag_q.jb;
    end
  end

  // ---------------------------------------------------------------------------------------------
  // S3: re-quantize (through the activation table when ACT != NONE)
  // ---------------------------------------------------------------------------------------------
  logic signed [7:0] acc_exp;
  logic [Lanes-1:0][7:0] pre_code, out_code;
  logic lane_saturated [Lanes];  // unpacked: a packed vector of per-lane bits costs a
                                 // read-modify-write per bit on every cycle

  assign acc_exp = 8'(exp_a) + 8'(exp_b) - 8'sd8;

  for (genvar i = 0; i < Lanes; i++) begin : g_requant
    af8_requant u_requant (
      .en_i       (s3_valid_q),
      .acc_i      (s3_acc_q[i]),
      .acc_exp_i  (acc_exp),
      .out_bias_i (act != 0 ? exp_pre : exp_c),
      .code_o     (pre_code[i]),
      .saturated_o(lane_saturated[i])
    );
    assign out_code[i] = (act != 0) ? act_table_q[pre_code[i]] : pre_code[i];
  end

  // ---------------------------------------------------------------------------------------------
  // Write-back: straight rows, or n x n blocks transposed (TRANS_C)
  // ---------------------------------------------------------------------------------------------
  logic [Lanes-1:0][Lanes-1:0][7:0] tbuf_q [2];  // [buffer][row within block][lane]
  logic fill_buf_q;
  logic drain_active_q, drain_buf_q;
  logic [LaneBits-1:0] drain_lane_q;
  logic [15:0] drain_jb_q, drain_group_q;
  logic [Lanes-1:0][7:0] wr_dense;
  logic wr_en;
  logic [VecAddrBits-1:0] wr_addr;
  logic block_done;

  assign block_done = s3_valid_q && trans_c &&
                      (s3_m_q[LaneBits-1:0] == LaneBits'(Lanes - 1));

  always_comb begin
    wr_en = 1'b0;
    wr_addr = '0;
    wr_dense = out_code;
    if (!trans_c) begin
      wr_en = s3_valid_q;
      wr_addr = VecAddrBits'(40'(c_addr) + 40'(s3_m_q) * 40'(c_stride) + 40'(s3_jb_q));
    end else begin
      wr_en = drain_active_q;
      wr_addr = VecAddrBits'(40'(c_addr) + 40'({drain_jb_q, drain_lane_q}) * 40'(c_stride) +
                          40'(drain_group_q));
      if (drain_active_q) begin
        for (int unsigned r = 0; r < Lanes; r++) wr_dense[r] = tbuf_q[drain_buf_q][r][drain_lane_q];
      end
    end
  end

  logic [Lanes-1:0] wr_mask;
  logic [Lanes-1:0][7:0] wr_packed;
  vec_encode #(.Lanes(Lanes)) u_c_encode (
    .en_i    (wr_en),
    .dense_i (wr_dense),
    .mask_o  (wr_mask),
    .packed_o(wr_packed)
  );

  always_ff @(posedge clk_i) begin
    if (s3_valid_q && trans_c) tbuf_q[fill_buf_q][s3_m_q[LaneBits-1:0]] <= out_code;
    // Clock gating: the write port's payload only loads with a write.
    if (wr_en) begin
      c_wr_addr_q <= wr_addr;
      c_wr_mask_q <= wr_mask;
      c_wr_data_q <= wr_packed;
    end
  end

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      c_wr_en_q <= 1'b0;
      fill_buf_q <= 1'b0;
      drain_active_q <= 1'b0;
      drain_buf_q <= 1'b0;
      drain_lane_q <= '0;
      drain_jb_q <= '0;
      drain_group_q <= '0;
    end else begin
      c_wr_en_q <= wr_en;
      if (drain_active_q) begin
        drain_lane_q <= drain_lane_q + 1'b1;
        if (drain_lane_q == LaneBits'(Lanes - 1)) drain_active_q <= 1'b0;
      end
      // A block fills at most one row a cycle, so the previous drain has ended by now.
      if (block_done) begin
        fill_buf_q <= !fill_buf_q;
        drain_active_q <= 1'b1;
        drain_buf_q <= fill_buf_q;
        drain_lane_q <= '0;
        drain_jb_q <= s3_jb_q;
        drain_group_q <= s3_m_q >> LaneBits;
      end
      if (checking) fill_buf_q <= 1'b0;
    end
  end

  // Element MACs with both codes nonzero in this cycle's VMAC step: the tile's column counts over
  // A's nonzero lanes (evaluated only with the array enabled).
  localparam int unsigned MacCountBits = $clog2(Lanes * Lanes + 1);
  logic [MacCountBits-1:0] macs_nonzero;
  always_comb begin
    macs_nonzero = '0;
    if (s1_valid_q) begin
      for (int unsigned l = 0; l < Lanes; l++) begin
        if (a_rd_rsp_i.mask[l]) begin
          macs_nonzero = macs_nonzero + MacCountBits'(tile_colcnt_q[s1_tag_q.bank][l]);
        end
      end
    end
  end

  assign pipe_empty = !s1_valid_q && !s2_valid_q && !s3_valid_q && !drain_active_q && !c_wr_en_q;

  // ---------------------------------------------------------------------------------------------
  // Performance events
  // ---------------------------------------------------------------------------------------------
  always_comb begin
    perf_busy_o = cmd_rsp_o.busy;
    perf_mac_o = s1_valid_q;
    perf_vmacs_o = s1_valid_q ? CountBits'(Lanes) : '0;
    perf_vmacs_skipped_o = skipped;  // zero unless the array is enabled (s1_valid_q)
    perf_stall_o = (state_q == StRun) && !stream_done_q && !st_issue;
    perf_macs_nonzero_o = macs_nonzero;
    perf_saturations_o = '0;
    if (s3_valid_q) begin
      for (int unsigned i = 0; i < Lanes; i++) begin
        perf_saturations_o = perf_saturations_o + CountBits'(lane_saturated[i]);
      end
    end
  end

  // Buffer traffic only while a command is in the PU, inside the buffers its descriptor check
  // let through (B from the WSRAM, or the UAB with B_IN_UAB).
  `EB_ASSERT_NEVER(AReadOutOfRange_A, a_rd_req_o.en && 64'(a_rd_req_o.addr) >= 64'(UabVectors))
  `EB_ASSERT_NEVER(BReadOutOfRange_A, b_rd_req_o.en &&
                   64'(b_rd_req_o.addr) >= (b_rd_uab_o ? 64'(UabVectors) : 64'(WsramVectors)))
  `EB_ASSERT_NEVER(CWriteOutOfRange_A, c_wr_req_o.en && 64'(c_wr_req_o.addr) >= 64'(UabVectors))
  `EB_ASSERT_NEVER(TrafficWhileIdle_A,
                   (a_rd_req_o.en || b_rd_req_o.en || aux_rd_req_o.en || c_wr_req_o.en) &&
                   !cmd_rsp_o.busy)
  // A skipped VMAC is a VMAC; MAC cycles only while busy.
  `EB_ASSERT(SkippedWithinVmacs_A, perf_vmacs_skipped_o <= perf_vmacs_o)
  `EB_ASSERT_NEVER(MacWhileIdle_A, perf_mac_o && !perf_busy_o)
  // Nonzero MACs: at most n per VMAC that multiplied, none without a VMAC step.
  `EB_ASSERT(MacsNonzeroWithinVmacs_A,
             32'(perf_macs_nonzero_o) <= Lanes * (32'(perf_vmacs_o) - 32'(perf_vmacs_skipped_o)))

endmodule
