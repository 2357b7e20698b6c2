// Global-buffer entropy unit: runs one ENTROPY command at a time. It reads the one logits vector
// at SRC_ADDR and computes the entropy of softmax over its first LABELS lanes in nats, unsigned
// Q8.24, bit-exact with af8::EntropyQ24 (sw/numerics/af8_rowops.cc):
//   t_k = (x_k - max x) * log2(e) (Q16), L = log2(sum_k Exp2Q16(t_k)) - 16 (Q16),
//   H = ((sum_k Exp2Q16(t_k - L) * (L - t_k)) >> 8) * ln(2) >> 16, saturated to 32 bits.
// H is stored at the aux byte address H_ADDR (one word write) and presented on entropy_o with
// early_exit_o = H < entropy_threshold_i (strict), both valid with the done response and held
// until the next command. The datapath is sequential, one label a cycle per pass (max, sum,
// entropy terms), with gb_exp2 and gb_log2 shared in form with gb_softmax.
//
// Commands are validated before any memory access with the checks and codes of golden::Validate
// (sw/golden/gb_command.cc); a failing command reads and writes nothing, and H reads 0.
`include "unit_typedef.svh"
`include "eb_assert.svh"
module gb_entropy
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
  input  logic                      clk_i,
  input  logic                      rst_ni,

  input  cmd_req_t                  cmd_req_i,
  input  logic                      cmd_sel_i,  // the request is for this unit
  output cmd_rsp_t                  cmd_rsp_o,

  // ENTROPY_THRESHOLD (Q8.24), sampled when H is computed.
  input  logic [31:0]               entropy_threshold_i,
  output logic [31:0]               entropy_o,     // H, valid with the done response
  output logic                      early_exit_o,  // H < threshold, valid with the done response

  // Logits read port (UAB); data the cycle after the request.
  output vec_rd_req_t               a_rd_req_o,
  input  vec_rsp_t                  a_rd_rsp_i,

  // Aux buffer write port, 32-bit words (H).
  output aux_wr_req_t               aux_wr_req_o,

  // Per-cycle performance event; the CSR block keeps the 64-bit counter.
  output logic                      perf_busy_o
);

  param_check #(.Lanes(Lanes), .UabVectors(UabVectors), .AuxBytes(AuxBytes)) u_param_check ();

  localparam int unsigned LaneBits = $clog2(Lanes);
  // Sum of at most 32 probabilities times (L - t) < 2^23: below 2^45.
  localparam int unsigned BitsAccBits = 48;

  // ---------------------------------------------------------------------------------------------
  // Command register and field decode
  // ---------------------------------------------------------------------------------------------
  logic [CmdWords-1:0][31:0] cmd_q;

  logic [7:0] opcode;
  logic [15:0] labels, h_addr;
  logic [VecAddrBits-1:0] src_addr;
  logic signed [af8_pkg::BiasBits-1:0] exp_in;

  always_comb begin
    opcode = 8'(cmd_q[CmdOpcodeWord][CmdOpcodeLsb +: CmdOpcodeWidth]);
    labels = 16'(cmd_q[CmdEntropyLabelsWord][CmdEntropyLabelsLsb +: CmdEntropyLabelsWidth]);
    exp_in = af8_pkg::BiasBits'(cmd_q[CmdEntropyExpInWord][CmdEntropyExpInLsb +:
                                                           CmdEntropyExpInWidth]);
    src_addr = VecAddrBits'(cmd_q[CmdEntropySrcAddrWord][CmdEntropySrcAddrLsb +:
                                                      CmdEntropySrcAddrWidth]);
    h_addr = 16'(cmd_q[CmdEntropyHAddrWord][CmdEntropyHAddrLsb +: CmdEntropyHAddrWidth]);
  end

  logic signed [6:0] shift;  // the integers' unit is 2^shift
  assign shift = 7'(exp_in) - 7'sd4;

  // ---------------------------------------------------------------------------------------------
  // Validation (the same checks, in the same order, as golden::Validate for ENTROPY)
  // ---------------------------------------------------------------------------------------------

  // ---------------------------------------------------------------------------------------------
  // State machine: read, max pass, sum pass, log2, entropy pass, H
  // ---------------------------------------------------------------------------------------------
  // The unit's own work between the skeleton's check and done (StIdle: not running).
  typedef enum logic [3:0] {
    StIdle, StRead, StCapture, StMax, StSum, StLog, StTerms, StFinal, StWrite
  } state_e;

  state_e state_q, state_d;
  logic checking, start;
  logic [LaneBits-1:0] label_q;  // label of this cycle's pass step
  logic last_label;
  logic log2_done;

  assign perf_busy_o = cmd_rsp_o.busy;

  assign last_label = (16'(label_q) == labels - 16'd1);

  err_code_e check;
  always_comb begin
    // Evaluated only where it is used (operand isolation).
    check = ErrCodeNone;
    if (checking) begin
      if (opcode != OpcodeEntropy) begin
        check = ErrCodeBadOpcode;
      end else if (labels < 16'd2 || 32'(labels) > Lanes) begin
        check = ErrCodeBadShape;
      end else if (32'(src_addr) >= UabVectors || h_addr[1:0] != 0 ||
                   32'(h_addr) + 4 > AuxBytes) begin
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
    .finish_i   (state_q == StWrite),
    .fail_i     (1'b0),
    .fail_code_i(ErrCodeNone)
  );
  // verilator lint_on PINCONNECTEMPTY

  always_comb begin
    state_d = state_q;
    unique case (state_q)
      StIdle:    if (start) state_d = StRead;
      StRead:    state_d = StCapture;
      StCapture: state_d = StMax;
      StMax:     if (last_label) state_d = StSum;
      StSum:     if (last_label) state_d = StLog;
      StLog:     if (log2_done) state_d = StTerms;
      StTerms:   if (last_label) state_d = StFinal;
      StFinal:   state_d = StWrite;
      StWrite:   state_d = StIdle;
      default:   state_d = StIdle;
    endcase
  end

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      state_q <= StIdle;
      label_q <= '0;
    end else begin
      state_q <= state_d;
      if (state_q == StMax || state_q == StSum || state_q == StTerms) begin
        label_q <= last_label ? '0 : label_q + 1'b1;
      end else begin
        label_q <= '0;
      end
    end
  end

  // ---------------------------------------------------------------------------------------------
  // Logits: one vector read, decoded and held
  // ---------------------------------------------------------------------------------------------
  logic [Lanes-1:0][7:0] dense;
  logic [Lanes-1:0][7:0] logits_q;

  assign a_rd_req_o.en = (state_q == StRead);
  assign a_rd_req_o.addr = src_addr;

  vec_decode #(.Lanes(Lanes)) u_decode (
    .en_i    (state_q == StCapture),
    .mask_i  (a_rd_rsp_i.mask),
    .packed_i(a_rd_rsp_i.data),
    .dense_o (dense)
  );

  always_ff @(posedge clk_i) begin
    if (state_q == StCapture) logits_q <= dense;
  end

  // ---------------------------------------------------------------------------------------------
  // Datapath, one label a cycle
  // ---------------------------------------------------------------------------------------------
  logic signed [IntBits-1:0] value, max_q;
  logic signed [TBits-1:0] arg;          // t_k
  logic signed [TBits-1:0] exp_arg;      // t_k (sum pass) or t_k - L (entropy pass)
  logic [PBits-1:0] p;
  logic [SumBits-1:0] sum_q, sum_next;
  logic [Log2Bits-1:0] log2_raw, log2_sum;
  logic [TBits-1:0] distance;            // L - t_k >= 0
  logic [BitsAccBits-1:0] bits_q;        // sum p_k (L - t_k), Q32 bits
  logic [63:0] nats;                     // Q24 nats before saturation

  assign log2_sum = log2_raw - Log2Bits'(32'd16 << 16);

  // Evaluated only in the passes that use it (operand isolation).
  always_comb begin
    value = '0;
    arg = '0;
    exp_arg = '0;
    distance = '0;
    if (state_q == StMax || state_q == StSum || state_q == StTerms) begin
      value = af8_pkg::int_value(logits_q[label_q]);
      arg = exp2_arg(value, max_q, shift);
      exp_arg = (state_q == StTerms) ? arg - $signed(TBits'(log2_sum)) : arg;
      distance = TBits'(log2_sum) - TBits'(arg);
    end
  end

  // Separate from the block above: p depends on exp_arg.
  assign sum_next = sum_q + SumBits'(p);
  assign nats = ((64'(bits_q) >> 8) * 64'(Ln2Q16)) >> 16;

  gb_exp2 #(.InBits(TBits)) u_exp2 (
    .en_i(state_q == StSum || state_q == StTerms),
    .t_i (exp_arg),
    .p_o (p)
  );

  gb_log2 #(.ZBits(SumBits)) u_log2 (
    .clk_i  (clk_i),
    .rst_ni (rst_ni),
    .start_i(state_q == StSum && last_label),
    .z_i    (sum_next),
    .done_o (log2_done),
    .log2_o (log2_raw)
  );

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      max_q <= '0;
      sum_q <= '0;
      bits_q <= '0;
    end else begin
      if (state_q == StMax && (label_q == '0 || value > max_q)) max_q <= value;
      if (state_q == StCapture) sum_q <= '0;
      else if (state_q == StSum) sum_q <= sum_next;
      if (state_q == StCapture) bits_q <= '0;
      else if (state_q == StTerms) bits_q <= bits_q + BitsAccBits'(p) * BitsAccBits'(distance);
    end
  end

  // ---------------------------------------------------------------------------------------------
  // Result: H to entropy_o and the aux buffer
  // ---------------------------------------------------------------------------------------------
  logic [31:0] h, h_q;
  logic early_exit_q;

  assign h = (nats > 64'hFFFF_FFFF) ? 32'hFFFF_FFFF : nats[31:0];

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      h_q <= '0;
      early_exit_q <= 1'b0;
    end else begin
      if (checking) begin
        h_q <= '0;
        early_exit_q <= 1'b0;
      end else if (state_q == StFinal) begin
        h_q <= h;
        early_exit_q <= h < entropy_threshold_i;  // strict: H equal to the threshold continues
      end
    end
  end

  assign entropy_o = h_q;
  assign early_exit_o = early_exit_q;
  assign aux_wr_req_o.en = (state_q == StWrite);
  assign aux_wr_req_o.addr = AuxWordBits'(h_addr >> 2);
  assign aux_wr_req_o.data = h_q;

  // Buffer traffic only while a command is in the unit, inside the UAB (the descriptor check
  // guarantees it); a legal state.
  `EB_ASSERT_NEVER(AReadOutOfRange_A, a_rd_req_o.en && 64'(a_rd_req_o.addr) >= 64'(UabVectors))
  `EB_ASSERT_NEVER(TrafficWhileIdle_A, (a_rd_req_o.en || aux_wr_req_o.en) && !cmd_rsp_o.busy)
  `EB_ASSERT(StateLegal_A, state_q inside {StIdle, StRead, StCapture, StMax, StSum, StLog, StTerms, StFinal, StWrite})

endmodule
