// Global-buffer softmax unit: runs one SOFTMAX command at a time,
//   P[r][i] = Exp2Q16(t_i - log2(sum_j Exp2Q16(t_j))) (x span[i] / 128 with HAS_SPAN),
//   t_i = (x_i - max_j x_j) * log2(e) in Q16, re-quantized to EXP_OUT,
// with i, j < KEYS (0 meaning COLS): the padded keys KEYS..COLS-1 take no part and are written
// as zero. Bit-exact with af8::SoftmaxRow (sw/numerics/af8_rowops.cc) and golden::RunGb.
//
// Per command: with HAS_SPAN the COLS span bytes are loaded once (one aux word a cycle) into a
// local buffer; an all-zero span writes zero vectors to every output row and runs no softmax
// cycle. Per row, one vector (n lanes) a cycle in each pass:
//   pass 1 (max)  reads the row, keeps the largest IntegerValue of the lanes below KEYS;
//   pass 2 (sum)  reads it again, sums Exp2Q16(t_i) of those lanes, then gb_log2 takes log2 of the
//                 sum (17 cycles);
//   pass 3 (out)  reads it a third time, computes Exp2Q16(t_i - log2 sum), multiplies by the span
//                 byte, re-quantizes (af8_requant) and writes the row, bitmask-encoded; lanes at
//                 or above KEYS get p = 0, so a zero code and a clear mask bit.
// Every pass reads all COLS / n vectors; a lane's column index {group, lane} is compared with
// KEYS when the read is issued, and the per-lane result travels with the read's tag.
// Passes 1-2 of the next row run while the log2 of this row's sum is computed, before this row's
// pass 3, where that cannot change what is read: DST disjoint from SRC, or in place (DST == SRC,
// equal strides of at least a row). Otherwise rows run strictly in order, each read after the
// previous row's writes have landed, as golden::RunGb does. Within a row, passes 1-2 read every
// vector before any is written, and pass 3 reads each vector before its write lands; where the
// DST row starts after the SRC row, pass 3 walks the row backwards, so no write lands on a vector
// still to be read. Every layout therefore gives golden::RunGb's result, DST == SRC included.
//
// Pipeline of a read: S0 issue -> S1 decode, IntegerValue, t (registered) -> S2 Exp2Q16 (sum, or
// registered p) -> S3 span multiply, re-quantize -> registered write port. Memory ports have a
// fixed one-cycle read latency. Commands are validated before any memory access, with the checks
// and codes of golden::Validate (sw/golden/gb_command.cc); a failing command writes nothing.
`include "unit_typedef.svh"
`include "eb_assert.svh"
module gb_softmax
  import af8_pkg::*;
  import edgebert_csr_pkg::*;
  import cmd_pkg::*;
  import gb_pkg::*;
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

  // Score read port (UAB); data the cycle after the request.
  output vec_rd_req_t                a_rd_req_o,
  input  vec_rsp_t                   a_rd_rsp_i,

  // Aux buffer read port, 32-bit words (the span mask bytes, little-endian).
  output aux_rd_req_t                aux_rd_req_o,
  input  logic [31:0]                aux_rd_data_i,

  // Probability write port (UAB).
  output vec_wr_req_t                c_wr_req_o,

  // Per-cycle performance events; the CSR block keeps the 64-bit counters.
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
  localparam int unsigned MaxGroups = MaxSoftmaxCols / Lanes;
  localparam int unsigned GroupBits = $clog2(MaxGroups);
  localparam int unsigned SpanWords = MaxSoftmaxCols / 4;
  localparam int unsigned SpanWordBits = $clog2(SpanWords);
  localparam int unsigned CountBits = $clog2(Lanes + 1);
  localparam int unsigned KeyBits = $clog2(MaxSoftmaxCols + 1);  // 0..MaxSoftmaxCols
  // p * span < 2^16 * 2^8, plus a sign bit for af8_requant.
  localparam int unsigned ProdBits = PBits + 8 + 1;

  // ---------------------------------------------------------------------------------------------
  // Command register and field decode
  // ---------------------------------------------------------------------------------------------
  logic [CmdWords-1:0][31:0] cmd_q;

  logic [7:0] opcode;
  logic has_span;
  logic [15:0] dim_rows, dim_cols, dim_keys, src_stride, dst_stride, span_addr;
  logic [VecAddrBits-1:0] src_addr, dst_addr;
  logic signed [BiasBits-1:0] exp_in, exp_out;

  always_comb begin
    opcode = 8'(cmd_q[CmdOpcodeWord][CmdOpcodeLsb +: CmdOpcodeWidth]);
    has_span = cmd_q[CmdSoftmaxHasSpanWord][CmdSoftmaxHasSpanLsb +: CmdSoftmaxHasSpanWidth] != 0;
    dim_rows = 16'(cmd_q[CmdSoftmaxRowsWord][CmdSoftmaxRowsLsb +: CmdSoftmaxRowsWidth]);
    dim_cols = 16'(cmd_q[CmdSoftmaxColsWord][CmdSoftmaxColsLsb +: CmdSoftmaxColsWidth]);
    dim_keys = 16'(cmd_q[CmdSoftmaxKeysWord][CmdSoftmaxKeysLsb +: CmdSoftmaxKeysWidth]);
    exp_in = BiasBits'(cmd_q[CmdSoftmaxExpInWord][CmdSoftmaxExpInLsb +: CmdSoftmaxExpInWidth]);
    exp_out = BiasBits'(cmd_q[CmdSoftmaxExpOutWord][CmdSoftmaxExpOutLsb +: CmdSoftmaxExpOutWidth]);
    src_addr = VecAddrBits'(cmd_q[CmdSoftmaxSrcAddrWord][CmdSoftmaxSrcAddrLsb +:
                                                      CmdSoftmaxSrcAddrWidth]);
    src_stride = 16'(cmd_q[CmdSoftmaxSrcStrideWord][CmdSoftmaxSrcStrideLsb +:
                                                    CmdSoftmaxSrcStrideWidth]);
    dst_addr = VecAddrBits'(cmd_q[CmdSoftmaxDstAddrWord][CmdSoftmaxDstAddrLsb +:
                                                      CmdSoftmaxDstAddrWidth]);
    dst_stride = 16'(cmd_q[CmdSoftmaxDstStrideWord][CmdSoftmaxDstStrideLsb +:
                                                    CmdSoftmaxDstStrideWidth]);
    span_addr = 16'(cmd_q[CmdSoftmaxSpanAddrWord][CmdSoftmaxSpanAddrLsb +:
                                                  CmdSoftmaxSpanAddrWidth]);
  end

  logic [15:0] groups;      // vectors per row
  logic [15:0] span_words;  // aux words of the span
  logic signed [6:0] shift;  // the integers' unit is 2^shift
  assign groups = dim_cols >> LaneBits;
  assign span_words = dim_cols >> 2;
  assign shift = 7'(exp_in) - 7'sd4;

  // ---------------------------------------------------------------------------------------------
  // Command state machine and read scheduling
  // ---------------------------------------------------------------------------------------------
  // Rows enter passes 1 and 2 in order (the front row) and pass 3 in order (the back row); the
  // rows between have their log2 queued, running or done. Two rows at most are past pass 2 and
  // before the end of pass 3, so the per-row state (max, sum, log2 of the sum) has two slots,
  // indexed by the row's parity. Overlapped order (front may run one row ahead of the back row):
  //   P1 P2(0), P1 P2(1), P3(0), P1 P2(2), P3(1), ..., P3(R-1)
  // so the read port stays busy while gb_log2 works. Sequential order, where a write of row r may
  // reach a later row's source: P1 P2 P3(r), the writes land, then row r + 1.
  // The unit's own work between the skeleton's check and done (StIdle: not running).
  typedef enum logic [3:0] {
    StIdle, StSpan, StSpanLast, StZero, StMax, StSum, StOut, StRowWait, StDrain
  } state_e;
  typedef enum logic [1:0] {PassMax, PassSum, PassOut} pass_e;

  state_e state_q, state_d;
  logic checking, start, finish;
  logic [15:0] front_q, back_q;             // next row for passes 1-2; for pass 3 (or zeros)
  logic [VecAddrBits-1:0] front_src_q;         // first source vector of the front row
  logic [VecAddrBits-1:0] back_src_q, back_dst_q;
  logic [15:0] group_q;                     // next vector of the row to issue
  logic [SpanWordBits:0] span_issue_q;      // next span word to read
  logic span_any_q;                         // a nonzero span byte has arrived
  logic [KeyBits-1:0] keys_q;               // keys taking part (KEYS, 0 meaning COLS)
  logic overlap;                            // rows may overlap (no write reaches a later read)
  logic pipe_empty;

  logic issue;         // a score read this cycle
  pass_e issue_pass;
  logic issue_slot;
  logic [15:0] issue_group;  // vector of the row read now
  logic reverse;       // pass 3 walks the back row backwards (its DST row starts after its SRC row)
  logic back_ready;    // log2 of the back row's sum is (or becomes, this cycle) available
  logic zero_write;    // a zero vector this cycle (all-zero span)
  logic last_group;

  assign last_group = (group_q == groups - 16'd1);

  // Rows overlap only where no write of a row can reach a later row's source: DST disjoint from
  // SRC, or in place (DST == SRC, equal strides of at least one row).
  always_comb begin
    logic [39:0] src_end, dst_end;
    src_end = operand_end(src_addr, src_stride, dim_rows, groups);
    dst_end = operand_end(dst_addr, dst_stride, dim_rows, groups);
    overlap = (dst_end <= 40'(src_addr)) || (src_end <= 40'(dst_addr)) ||
              (dst_addr == src_addr && dst_stride == src_stride && src_stride >= groups);
  end

  // What the read port does after a pass, given the rows done by passes 1-2 and by pass 3.
  function automatic state_e after_pass(input logic [15:0] front, input logic [15:0] back,
                                        input logic [15:0] rows, input logic overlapped);
    logic [15:0] pending;  // rows past pass 2 and before pass 3
    pending = front - back;
    if (pending == 16'd2) return StOut;
    if (pending == 16'd1) return (overlapped && front < rows) ? StMax : StOut;
    if (front < rows) return overlapped ? StMax : StRowWait;
    return StDrain;
  endfunction

  always_comb begin
    issue = 1'b0;
    issue_pass = PassMax;
    issue_slot = front_q[0];
    unique case (state_q)
      StMax: issue = 1'b1;
      StSum: begin
        issue = 1'b1;
        issue_pass = PassSum;
      end
      StOut: begin
        issue = back_ready;
        issue_pass = PassOut;
        issue_slot = back_q[0];
      end
      default: ;
    endcase
  end
  assign zero_write = (state_q == StZero);
  assign reverse = (back_dst_q > back_src_q);
  assign issue_group = (issue_pass == PassOut && reverse) ? groups - 16'd1 - group_q : group_q;

  err_code_e check;
  always_comb begin
    // Evaluated only where it is used (operand isolation).
    check = ErrCodeNone;
    if (checking) begin
      if (opcode != OpcodeSoftmax) begin
        check = ErrCodeBadOpcode;
      end else if (dim_rows == 0 || dim_cols == 0 || dim_cols[LaneBits-1:0] != 0 ||
                   32'(dim_cols) > MaxSoftmaxCols || dim_keys > dim_cols) begin
        check = ErrCodeBadShape;
      end else if (operand_end(src_addr, src_stride, dim_rows, groups) > 40'(UabVectors) ||
                   operand_end(dst_addr, dst_stride, dim_rows, groups) > 40'(UabVectors)) begin
        check = ErrCodeBadAddress;
      end else if (has_span && (span_addr[1:0] != 0 ||
                                32'(span_addr) + 32'(dim_cols) > AuxBytes)) begin
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
      StIdle:  if (start) state_d = has_span ? StSpan : StMax;
      StSpan:  if (32'(span_issue_q) == 32'(span_words) - 1) state_d = StSpanLast;
      // The last span word arrives now.
      StSpanLast: state_d = (span_any_q || aux_rd_data_i != '0) ? StMax : StZero;
      StZero:  if (last_group && back_q == dim_rows - 16'd1) state_d = StDrain;
      StMax:   if (last_group) state_d = StSum;
      StSum:   if (last_group) state_d = after_pass(front_q + 16'd1, back_q, dim_rows, overlap);
      StOut:   if (issue && last_group) begin
        state_d = after_pass(front_q, back_q + 16'd1, dim_rows, overlap);
      end
      StRowWait: if (pipe_empty) state_d = StMax;
      StDrain: if (finish) state_d = StIdle;
      default: state_d = StIdle;
    endcase
  end

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      state_q <= StIdle;
      front_q <= '0;
      back_q <= '0;
      front_src_q <= '0;
      back_src_q <= '0;
      back_dst_q <= '0;
      group_q <= '0;
      span_issue_q <= '0;
      keys_q <= '0;
    end else begin
      state_q <= state_d;
      if (checking) begin
        front_q <= '0;
        back_q <= '0;
        front_src_q <= src_addr;
        back_src_q <= src_addr;
        back_dst_q <= dst_addr;
        group_q <= '0;
        span_issue_q <= '0;
        // Validated: KEYS <= COLS <= MaxSoftmaxCols.
        keys_q <= KeyBits'((dim_keys == 16'd0) ? dim_cols : dim_keys);
      end
      if (state_q == StSpan) span_issue_q <= span_issue_q + 1'b1;
      if (issue || zero_write) group_q <= last_group ? '0 : group_q + 16'd1;
      if (issue && last_group && issue_pass == PassSum) begin
        front_q <= front_q + 16'd1;
        front_src_q <= VecAddrBits'(40'(front_src_q) + 40'(src_stride));
      end
      if (((issue && issue_pass == PassOut) || zero_write) && last_group) begin
        back_q <= back_q + 16'd1;
        back_src_q <= VecAddrBits'(40'(back_src_q) + 40'(src_stride));
        back_dst_q <= VecAddrBits'(40'(back_dst_q) + 40'(dst_stride));
      end
    end
  end

  // ---------------------------------------------------------------------------------------------
  // Span mask: COLS bytes from the aux buffer, once per command
  // ---------------------------------------------------------------------------------------------
  logic [7:0] span_q [MaxSoftmaxCols];
  logic aux_pending_q;
  logic [SpanWordBits-1:0] aux_word_q;

  // Addresses only with their enables (operand isolation: the buffers read an address only with
  // it, and Verilator evaluates an unguarded one on every cycle).
  always_comb begin
    aux_rd_req_o.en = (state_q == StSpan);
    aux_rd_req_o.addr = '0;
    if (aux_rd_req_o.en) begin
      aux_rd_req_o.addr = AuxWordBits'(span_addr >> 2) + AuxWordBits'(span_issue_q);
    end
  end

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      aux_pending_q <= 1'b0;
      aux_word_q <= '0;
      span_any_q <= 1'b0;
    end else begin
      aux_pending_q <= aux_rd_req_o.en;
      aux_word_q <= SpanWordBits'(span_issue_q);
      if (checking) span_any_q <= 1'b0;
      else if (aux_pending_q && aux_rd_data_i != '0) span_any_q <= 1'b1;
    end
  end

  always_ff @(posedge clk_i) begin
    if (aux_pending_q) begin
      for (int unsigned b = 0; b < 4; b++) span_q[{aux_word_q, 2'(b)}] <= aux_rd_data_i[8*b +: 8];
    end
  end

  // ---------------------------------------------------------------------------------------------
  // S0 -> S1: read issue; S1: decode, IntegerValue, row max (pass 1) or t (passes 2, 3)
  // ---------------------------------------------------------------------------------------------
  logic [VecAddrBits-1:0] issue_row;  // first source vector of the row being read
  assign issue_row = (issue_pass == PassOut) ? back_src_q : front_src_q;
  always_comb begin
    a_rd_req_o.en = issue;
    a_rd_req_o.addr = '0;  // only with en (operand isolation)
    if (issue) a_rd_req_o.addr = VecAddrBits'(40'(issue_row) + 40'(issue_group));
  end

  // Tag travelling with a read through the pipeline.
  typedef struct packed {
    pass_e                pass;
    logic                 slot;     // the row's parity: its max, sum and log2 registers
    logic [GroupBits-1:0] group;
    logic                 first;    // first vector of the pass
    logic                 last;     // last vector of the pass
    logic [Lanes-1:0]     keys;     // per lane: its column is below KEYS (takes part)
    logic [VecAddrBits-1:0]  wr_addr;  // pass 3: destination vector
  } tag_t;

  // Lanes of vector `group` whose column index group * n + i is below the key count.
  function automatic logic [Lanes-1:0] lane_keys(input logic [15:0] group,
                                                 input logic [KeyBits-1:0] keys);
    logic [Lanes-1:0] taking_part;
    for (int unsigned i = 0; i < Lanes; i++) begin
      taking_part[i] = {group, LaneBits'(i)} < (16 + LaneBits)'(keys);
    end
    return taking_part;
  endfunction

  logic s1_valid_q, s2_valid_q, s3_valid_q;
  tag_t s1_tag_q, s2_tag_q;

  logic [Lanes-1:0][7:0] s1_dense;
  logic signed [IntBits-1:0] s1_value [Lanes];
  logic signed [IntBits-1:0] s1_vec_max;
  logic signed [IntBits-1:0] row_max_q [2];
  logic signed [TBits-1:0] s1_arg [Lanes];
  logic [Log2Bits-1:0] log2_sum_q [2];  // log2(sum) in Q16 (the sum is Q16, so Log2Q16 - 16)

  vec_decode #(.Lanes(Lanes)) u_decode (
    .en_i    (s1_valid_q),
    .mask_i  (a_rd_rsp_i.mask),
    .packed_i(a_rd_rsp_i.data),
    .dense_o (s1_dense)
  );

  always_comb begin
    // Keys are the leading columns: lane 0 takes part whenever any lane does, and always in a
    // row's first vector (KEYS >= 1).
    // Evaluated only with a vector in S1 (operand isolation).
    s1_vec_max = '0;
    s1_value = '{default: '0};
    s1_arg = '{default: '0};
    if (s1_valid_q) begin
      s1_vec_max = af8_pkg::int_value(s1_dense[0]);
      for (int unsigned i = 0; i < Lanes; i++) begin
        s1_value[i] = af8_pkg::int_value(s1_dense[i]);
        if (s1_tag_q.keys[i] && s1_value[i] > s1_vec_max) s1_vec_max = s1_value[i];
      end
    end
    if (s1_valid_q && s1_tag_q.pass != PassMax) begin
      for (int unsigned i = 0; i < Lanes; i++) begin
        s1_arg[i] = exp2_arg(s1_value[i], row_max_q[s1_tag_q.slot], shift);
        if (s1_tag_q.pass == PassOut) begin
          s1_arg[i] = s1_arg[i] - $signed(TBits'(log2_sum_q[s1_tag_q.slot]));
        end
      end
    end
  end

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      s1_valid_q <= 1'b0;
      s1_tag_q <= '0;
      row_max_q <= '{default: '0};
    end else begin
      s1_valid_q <= issue;
      if (issue) begin  // clock gating: a tag only loads with its vector
        s1_tag_q <= '{pass: issue_pass, slot: issue_slot, group: GroupBits'(issue_group),
                      first: group_q == 0, last: last_group,
                      keys: lane_keys(issue_group, keys_q),
                      wr_addr: VecAddrBits'(40'(back_dst_q) + 40'(issue_group))};
      end
      if (s1_valid_q && s1_tag_q.pass == PassMax &&
          (s1_tag_q.first || (s1_tag_q.keys[0] && s1_vec_max > row_max_q[s1_tag_q.slot]))) begin
        row_max_q[s1_tag_q.slot] <= s1_vec_max;
      end
    end
  end

  // ---------------------------------------------------------------------------------------------
  // S2: Exp2Q16 per lane; pass 2 sums, pass 3 hands p to S3
  // ---------------------------------------------------------------------------------------------
  logic signed [TBits-1:0] s2_arg_q [Lanes];
  logic [PBits-1:0] s2_p [Lanes];
  logic [SumBits-1:0] s2_sum;  // the row sum including this vector
  logic [SumBits-1:0] sum_q [2];

  always_ff @(posedge clk_i) begin
    if (s1_valid_q && s1_tag_q.pass != PassMax) s2_arg_q <= s1_arg;
  end

  for (genvar i = 0; i < Lanes; i++) begin : g_exp2
    gb_exp2 #(.InBits(TBits)) u_exp2 (
      .en_i(s2_valid_q),
      .t_i (s2_arg_q[i]),
      .p_o (s2_p[i])
    );
  end

  always_comb begin
    s2_sum = '0;
    if (s2_valid_q) begin
      s2_sum = s2_tag_q.first ? '0 : sum_q[s2_tag_q.slot];
      for (int unsigned i = 0; i < Lanes; i++) begin
        if (s2_tag_q.keys[i]) s2_sum = s2_sum + SumBits'(s2_p[i]);
      end
    end
  end

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      s2_valid_q <= 1'b0;
      s2_tag_q <= '0;
      sum_q <= '{default: '0};
    end else begin
      s2_valid_q <= s1_valid_q && s1_tag_q.pass != PassMax;
      if (s1_valid_q) s2_tag_q <= s1_tag_q;
      if (s2_valid_q && s2_tag_q.pass == PassSum) sum_q[s2_tag_q.slot] <= s2_sum;
    end
  end

  // ---------------------------------------------------------------------------------------------
  // log2 of each row's sum: started with the sum's last vector, or queued (one row at most) while
  // the previous row's log2 runs; the result is kept per slot until the row's pass 3 has read it.
  // ---------------------------------------------------------------------------------------------
  logic sum_done;               // a row's sum is complete this cycle (slot s2_tag_q.slot)
  logic log2_busy_q;            // a log2 is running (slot log2_slot_q)
  logic log2_slot_q;
  logic log2_queued_q;          // a complete sum waits for the log2 unit (slot queued_slot_q)
  logic queued_slot_q;
  logic log2_free, start_new, start_queued;
  logic log2_done;
  logic [Log2Bits-1:0] log2_raw;  // Log2Q16(sum)
  logic [1:0] ready_q;            // per slot: log2_sum_q holds the row's value

  assign sum_done = s2_valid_q && s2_tag_q.pass == PassSum && s2_tag_q.last;
  assign log2_free = !log2_busy_q || log2_done;
  assign start_queued = log2_queued_q && log2_free;
  assign start_new = sum_done && log2_free && !log2_queued_q;

  gb_log2 #(.ZBits(SumBits)) u_log2 (
    .clk_i  (clk_i),
    .rst_ni (rst_ni),
    .start_i(start_new || start_queued),
    .z_i    (start_queued ? sum_q[queued_slot_q] : s2_sum),
    .done_o (log2_done),
    .log2_o (log2_raw)
  );

  // Pass 3 may issue in the cycle its log2 completes: its S1 reads log2_sum_q a cycle later.
  assign back_ready = ready_q[back_q[0]] || (log2_done && log2_slot_q == back_q[0]);

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      log2_busy_q <= 1'b0;
      log2_slot_q <= 1'b0;
      log2_queued_q <= 1'b0;
      queued_slot_q <= 1'b0;
      ready_q <= '0;
      log2_sum_q <= '{default: '0};
    end else begin
      if (start_new || start_queued) begin
        log2_busy_q <= 1'b1;
        log2_slot_q <= start_queued ? queued_slot_q : s2_tag_q.slot;
      end else if (log2_done) begin
        log2_busy_q <= 1'b0;
      end
      if (start_queued) log2_queued_q <= 1'b0;
      if (sum_done && !start_new) begin
        log2_queued_q <= 1'b1;
        queued_slot_q <= s2_tag_q.slot;
      end
      if (log2_done) begin
        ready_q[log2_slot_q] <= 1'b1;
        log2_sum_q[log2_slot_q] <= log2_raw - Log2Bits'(32'd16 << 16);
      end
      // A row's last pass-3 issue consumes its slot; with one vector a row that may be the very
      // cycle its log2 completes.
      if (issue && issue_pass == PassOut && last_group) ready_q[back_q[0]] <= 1'b0;
      if (checking) begin
        log2_busy_q <= 1'b0;
        log2_queued_q <= 1'b0;
        ready_q <= '0;
      end
    end
  end

  // ---------------------------------------------------------------------------------------------
  // S3: span multiply and re-quantization
  // ---------------------------------------------------------------------------------------------
  logic [PBits-1:0] s3_p_q [Lanes];
  logic [7:0] s3_span_q [Lanes];
  logic [VecAddrBits-1:0] s3_wr_addr_q;
  logic [Lanes-1:0][7:0] s3_code;
  logic s3_saturated [Lanes];  // unpacked: a packed vector of per-lane bits costs a
                               // read-modify-write per bit on every cycle
  logic signed [7:0] s3_exp;

  always_ff @(posedge clk_i) begin
    if (s2_valid_q && s2_tag_q.pass == PassOut) begin
      for (int unsigned i = 0; i < Lanes; i++) begin
        s3_p_q[i] <= s2_tag_q.keys[i] ? s2_p[i] : '0;  // a padded key: zero, never saturated
        s3_span_q[i] <= span_q[{s2_tag_q.group, LaneBits'(i)}];
      end
    end
  end

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      s3_valid_q <= 1'b0;
      s3_wr_addr_q <= '0;
    end else begin
      s3_valid_q <= s2_valid_q && s2_tag_q.pass == PassOut;
      if (s2_valid_q) s3_wr_addr_q <= s2_tag_q.wr_addr;
    end
  end

  // p (Q16) or p * span (Q16 x Q1.7).
  assign s3_exp = has_span ? -8'sd23 : -8'sd16;

  for (genvar i = 0; i < Lanes; i++) begin : g_requant
    logic [ProdBits-1:0] product;
    always_comb begin
      product = '0;
      if (s3_valid_q) begin
        product = has_span ? ProdBits'(s3_p_q[i]) * ProdBits'(s3_span_q[i])
                           : ProdBits'(s3_p_q[i]);
      end
    end
    af8_requant #(.InBits(ProdBits)) u_requant (
      .en_i       (s3_valid_q),
      .acc_i      ($signed(product)),
      .acc_exp_i  (s3_exp),
      .out_bias_i (exp_out),
      .code_o     (s3_code[i]),
      .saturated_o(s3_saturated[i])
    );
  end

  // ---------------------------------------------------------------------------------------------
  // Write-back: pass 3 results, or zero vectors for an all-zero span
  // ---------------------------------------------------------------------------------------------
  logic [Lanes-1:0][7:0] wr_dense;
  logic [Lanes-1:0] wr_mask;
  logic [Lanes-1:0][7:0] wr_packed;

  assign wr_dense = s3_valid_q ? s3_code : '0;

  vec_encode #(.Lanes(Lanes)) u_encode (
    .en_i    (s3_valid_q),
    .dense_i (wr_dense),
    .mask_o  (wr_mask),
    .packed_o(wr_packed)
  );

  // Clock gating: the write port's payload only loads with a write.
  always_ff @(posedge clk_i) begin
    if (s3_valid_q || zero_write) begin
      c_wr_addr_q <= s3_valid_q ? s3_wr_addr_q : VecAddrBits'(40'(back_dst_q) + 40'(group_q));
      c_wr_mask_q <= wr_mask;
      c_wr_data_q <= wr_packed;
    end
  end

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) c_wr_en_q <= 1'b0;
    else c_wr_en_q <= s3_valid_q || zero_write;
  end

  assign pipe_empty = !s1_valid_q && !s2_valid_q && !s3_valid_q && !c_wr_en_q;

  // ---------------------------------------------------------------------------------------------
  // Performance events
  // ---------------------------------------------------------------------------------------------
  always_comb begin
    perf_busy_o = cmd_rsp_o.busy;
    perf_saturations_o = '0;
    if (s3_valid_q) begin
      for (int unsigned i = 0; i < Lanes; i++) begin
        perf_saturations_o = perf_saturations_o + CountBits'(s3_saturated[i]);
      end
    end
  end

  // Buffer traffic only while a command is in the unit, inside the UAB (the descriptor check
  // guarantees it); a legal state.
  `EB_ASSERT_NEVER(AReadOutOfRange_A, a_rd_req_o.en && 64'(a_rd_req_o.addr) >= 64'(UabVectors))
  `EB_ASSERT_NEVER(CWriteOutOfRange_A, c_wr_req_o.en && 64'(c_wr_req_o.addr) >= 64'(UabVectors))
  `EB_ASSERT_NEVER(TrafficWhileIdle_A, (a_rd_req_o.en || c_wr_req_o.en || aux_rd_req_o.en) && !cmd_rsp_o.busy)
  `EB_ASSERT(StateLegal_A, state_q inside {StIdle, StSpan, StSpanLast, StZero, StMax, StSum, StOut, StRowWait, StDrain})

endmodule
