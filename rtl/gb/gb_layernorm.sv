// Global-buffer LayerNorm unit: runs one LAYERNORM command at a time,
//   DST[r] = (SRC[r] - E[SRC[r]]) / sqrt(Var[SRC[r]] + 2^-40) * gamma + beta,
// re-quantized to EXP_OUT, bit-exact with golden::RunGb and af8::LayerNormRow
// (sw/golden/gb_golden.cc, sw/numerics/af8_rowops.cc): the same integers, shifts and floors.
//
// Per row (C = COLS, x_i = IntegerValue of the codes, in units of 2^(EXP_IN-4)):
//   pass 1   reads the row, n lanes a cycle: S1 = sum x_i, S2 = sum x_i^2 (exact)
//   math     D = C*S2 - S1^2 + (C^2 aligned to 2^-40 by a shift); D = 0 gives R = 0. Otherwise
//            the even shift 2k brings D to 31 or 32 bits (D_m), then R = isqrt(floor(2^62/D_m))
//            with a restoring divider (gb_divider, 33 cycles) and a digit-by-digit square root
//            (gb_isqrt, 17 cycles)
//   pass 2   re-reads the row, n lanes a cycle: y_i = floor((C*x_i - S1) * R / 2^(15+k)),
//            sum_i = y_i*gamma_i * 2^(e1-low) + beta_i * 2^(e2-low) at exponent
//            low = min(e1, e2), e1 = EXP_GAMMA-20, e2 = EXP_BETA-4, re-quantized by af8_requant
//            (|sum| < 2^53, low >= -52), bitmask-encoded and written.
// Gamma and beta (COLS codes each) are loaded once per command from the aux buffer into local
// buffers, in the background of the first row; pass 2 waits for them.
//
// Rows overlap: pass 1 of the next row and the math of the current row run while pass 2 of the
// previous row reads and writes (one UAB read port, pass 1 first). This is only done when no
// write of a row can reach a later row's source: DST disjoint from SRC, or DST == SRC with equal
// strides of at least one row (in place). For any other overlap the rows run strictly one after
// another (a row is read only after the previous row's last write), which is what the golden
// model does. Within a row, pass 2 writes each vector a few cycles after reading it, walking the
// row upwards, or downwards when the DST row starts above the SRC row: every SRC vector of the
// row is read before a write can reach it, so any overlap of a DST row with its own SRC row
// (in place, or at an offset) gives the golden model's result.
//
// Memory ports have a fixed one-cycle read latency. Commands are validated before any access,
// in golden::Validate's order; a failing command ends at once with an error response and writes
// nothing.
`include "unit_typedef.svh"
`include "eb_assert.svh"
module gb_layernorm
  import af8_pkg::*;
  import edgebert_csr_pkg::*;
  import cmd_pkg::*;
#(
  parameter int unsigned Lanes = 16,
  parameter int unsigned UabVectors = 65536,
  parameter int unsigned AuxBytes = 65536,
  // Aux word addresses, as the PU's: enough for AuxBytes <= 64 KiB (the reference AuxKib).
  localparam int unsigned AuxWordBits = $clog2(AuxBytes / 4),
  `EDGEBERT_VEC_TYPES(Lanes),
  `EDGEBERT_AUX_TYPES(AuxWordBits)
) (
  input  logic                       clk_i,
  input  logic                       rst_ni,

  input  cmd_req_t                   cmd_req_i,
  input  logic                       cmd_sel_i,  // the request is for this unit
  output cmd_rsp_t                   cmd_rsp_o,

  // SRC reads from the UAB; data the cycle after the request.
  output vec_rd_req_t                a_rd_req_o,
  input  vec_rsp_t                   a_rd_rsp_i,

  // Aux reads (gamma and beta codes, 4 per word, little-endian), 32-bit words.
  output aux_rd_req_t                aux_rd_req_o,
  input  logic [31:0]                aux_rd_data_i,

  // DST writes to the UAB.
  output vec_wr_req_t                c_wr_req_o,

  // Per-cycle performance events.
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
  localparam int unsigned MaxCols = 4096;             // golden::kMaxLayerNormCols
  localparam int unsigned BufWords = MaxCols / 4;     // gamma (or beta) buffer, 32-bit words
  localparam int unsigned WordBits = $clog2(BufWords);
  localparam int unsigned WordsPerVec = Lanes / 4;
  localparam int MaxAlign = 24;                       // af8::kMaxAlignment
  localparam int EpsLog2 = -40;                       // af8::kLayerNormEpsilonLog2
  // Integer values |x| <= 3968 (13 bits signed); C <= 4096 (13 bits).
  localparam int unsigned ColBits = 13;
  localparam int unsigned S1Bits = 25;                // |S1| <= 4096 * 3968 < 2^24
  localparam int unsigned S2Bits = 36;                // S2 <= 4096 * 3968^2 < 2^36
  localparam int unsigned DBits = 58;                 // C*S2 < 2^48, epsilon term <= 2^56
  localparam int unsigned DmBits = 32;                // D_m in [2^30, 2^32)
  localparam int unsigned QBits = 33;                 // 2^62 / D_m <= 2^32
  localparam int unsigned RBits = 17;                 // isqrt <= 2^16
  localparam int unsigned TBits = 27;                 // |C*x - S1| < 2^25
  localparam int unsigned PBits = TBits + RBits;      // |(C*x - S1) * R| < 2^42
  localparam int unsigned YBits = 32;                 // |y| <= sqrt(C) * 2^16 + 1 < 2^23
  localparam int unsigned MBits = YBits + IntBits + 1;
  localparam int unsigned SumBits = 56;               // |y*gamma| << 8 + |beta| << 40 < 2^53

  // ---------------------------------------------------------------------------------------------
  // Command register and field decode
  // ---------------------------------------------------------------------------------------------
  logic [CmdWords-1:0][31:0] cmd_q;

  logic [7:0] opcode;
  logic [15:0] rows, cols, src_stride, dst_stride, gamma_addr, beta_addr;
  logic [VecAddrBits-1:0] src_addr, dst_addr;
  logic signed [BiasBits-1:0] exp_in, exp_out, exp_gamma, exp_beta;

  always_comb begin
    opcode = 8'(cmd_q[CmdOpcodeWord][CmdOpcodeLsb +: CmdOpcodeWidth]);
    rows = 16'(cmd_q[CmdLayernormRowsWord][CmdLayernormRowsLsb +: CmdLayernormRowsWidth]);
    cols = 16'(cmd_q[CmdLayernormColsWord][CmdLayernormColsLsb +: CmdLayernormColsWidth]);
    exp_in = BiasBits'(cmd_q[CmdLayernormExpInWord][CmdLayernormExpInLsb +:
                                                    CmdLayernormExpInWidth]);
    exp_out = BiasBits'(cmd_q[CmdLayernormExpOutWord][CmdLayernormExpOutLsb +:
                                                      CmdLayernormExpOutWidth]);
    exp_gamma = BiasBits'(cmd_q[CmdLayernormExpGammaWord][CmdLayernormExpGammaLsb +:
                                                          CmdLayernormExpGammaWidth]);
    exp_beta = BiasBits'(cmd_q[CmdLayernormExpBetaWord][CmdLayernormExpBetaLsb +:
                                                        CmdLayernormExpBetaWidth]);
    src_addr = VecAddrBits'(cmd_q[CmdLayernormSrcAddrWord][CmdLayernormSrcAddrLsb +:
                                                        CmdLayernormSrcAddrWidth]);
    src_stride = 16'(cmd_q[CmdLayernormSrcStrideWord][CmdLayernormSrcStrideLsb +:
                                                      CmdLayernormSrcStrideWidth]);
    dst_addr = VecAddrBits'(cmd_q[CmdLayernormDstAddrWord][CmdLayernormDstAddrLsb +:
                                                        CmdLayernormDstAddrWidth]);
    dst_stride = 16'(cmd_q[CmdLayernormDstStrideWord][CmdLayernormDstStrideLsb +:
                                                      CmdLayernormDstStrideWidth]);
    gamma_addr = 16'(cmd_q[CmdLayernormGammaAddrWord][CmdLayernormGammaAddrLsb +:
                                                      CmdLayernormGammaAddrWidth]);
    beta_addr = 16'(cmd_q[CmdLayernormBetaAddrWord][CmdLayernormBetaAddrLsb +:
                                                    CmdLayernormBetaAddrWidth]);
  end

  logic [15:0] groups;  // vectors per row
  logic [ColBits-1:0] cols_c;  // COLS once validated (<= 4096)
  assign groups = cols >> LaneBits;
  assign cols_c = ColBits'(cols);

  logic [39:0] src_end, dst_end;
  logic signed [BiasBits:0] exp_diff;
  err_code_e check;

  always_comb begin
    src_end = operand_end(src_addr, src_stride, rows, groups);
    dst_end = operand_end(dst_addr, dst_stride, rows, groups);
    exp_diff = (BiasBits + 1)'(exp_gamma) - (BiasBits + 1)'(exp_beta);
    check = ErrCodeNone;
    if (opcode != OpcodeLayernorm) begin
      check = ErrCodeBadOpcode;
    end else if (rows == 0 || cols == 0 || cols[LaneBits-1:0] != 0 || 32'(cols) > MaxCols) begin
      check = ErrCodeBadShape;
    end else if (exp_diff > (BiasBits + 1)'(MaxAlign) || exp_diff < -(BiasBits + 1)'(MaxAlign))
    begin
      check = ErrCodeBadExponent;
    end else if (src_end > 40'(UabVectors) || dst_end > 40'(UabVectors)) begin
      check = ErrCodeBadAddress;
    end else if (gamma_addr[1:0] != 0 || beta_addr[1:0] != 0 ||
                 32'(gamma_addr) + 32'(cols) > AuxBytes ||
                 32'(beta_addr) + 32'(cols) > AuxBytes) begin
      check = ErrCodeBadAddress;
    end
  end

  // Rows may overlap in time only when no write of a row can reach a later row's source.
  logic row_serial;
  always_comb begin
    logic disjoint, in_place;
    disjoint = (dst_end <= 40'(src_addr)) || (src_end <= 40'(dst_addr));
    in_place = (src_addr == dst_addr) && (src_stride == dst_stride) && (src_stride >= groups);
    row_serial = !(disjoint || in_place || rows == 16'd1);
  end

  // ---------------------------------------------------------------------------------------------
  // Command state machine
  // ---------------------------------------------------------------------------------------------
  // The unit's work is one phase (running), ended when every row is written.
  logic [15:0] rows_done_q;  // rows whose last vector has been written
  logic checking, running;

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
    .start_o    (),
    .run_o      (running),
    .finish_i   (running && rows_done_q == rows),
    .fail_i     (1'b0),
    .fail_code_i(ErrCodeNone)
  );
  // verilator lint_on PINCONNECTEMPTY

  // ---------------------------------------------------------------------------------------------
  // Gamma and beta: COLS/4 aux words each into local buffers, once per command
  // ---------------------------------------------------------------------------------------------
  logic [31:0] gamma_q [BufWords];
  logic [31:0] beta_q [BufWords];
  logic [WordBits+1:0] ld_count_q;  // words requested, gamma first, then beta
  logic [WordBits+1:0] ld_words, ld_total, ld_beta_word;
  logic ld_issue, ld_done;
  logic ld_valid_q, ld_beta_q;
  logic [WordBits-1:0] ld_word_q;

  assign ld_words = (WordBits + 2)'(cols >> 2);
  assign ld_total = ld_words << 1;
  assign ld_issue = running && (ld_count_q != ld_total);
  assign ld_done = (ld_count_q == ld_total) && !ld_valid_q;
  assign ld_beta_word = ld_count_q - ld_words;

  // Addresses only with their enables (operand isolation, as below).
  always_comb begin
    aux_rd_req_o.en = ld_issue;
    aux_rd_req_o.addr = '0;
    if (ld_issue && ld_count_q < ld_words) begin
      aux_rd_req_o.addr = AuxWordBits'(gamma_addr >> 2) + AuxWordBits'(ld_count_q);
    end else if (ld_issue) begin
      aux_rd_req_o.addr = AuxWordBits'(beta_addr >> 2) + AuxWordBits'(ld_beta_word);
    end
  end

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      ld_count_q <= '0;
      ld_valid_q <= 1'b0;
      ld_beta_q <= 1'b0;
      ld_word_q <= '0;
    end else begin
      if (checking) ld_count_q <= '0;
      else if (ld_issue) ld_count_q <= ld_count_q + 1'b1;
      ld_valid_q <= ld_issue;
      ld_beta_q <= (ld_count_q >= ld_words);
      ld_word_q <= WordBits'((ld_count_q < ld_words) ? ld_count_q : ld_beta_word);
    end
  end

  always_ff @(posedge clk_i) begin
    if (ld_valid_q) begin
      if (ld_beta_q) beta_q[ld_word_q] <= aux_rd_data_i;
      else gamma_q[ld_word_q] <= aux_rd_data_i;
    end
  end

  // ---------------------------------------------------------------------------------------------
  // Pass 1: S1 and S2 of one row, one vector a cycle
  // ---------------------------------------------------------------------------------------------
  logic p1_busy_q;            // a row's statistics are being gathered or wait for the math
  logic p1_full_q;            // ... and are complete
  logic [15:0] p1_row_q;      // next row to start
  logic [15:0] p1_grp_q;      // next group to read
  logic [VecAddrBits-1:0] p1_base_q;
  logic signed [S1Bits-1:0] s1_acc_q;
  logic [S2Bits-1:0] s2_acc_q;
  logic p1_start, p1_issue, m_take;

  assign p1_start = running && !p1_busy_q && (p1_row_q != rows) &&
                    (!row_serial || rows_done_q == p1_row_q);
  assign p1_issue = p1_busy_q && (p1_grp_q != groups);

  // Pass 2 state (below) shares the read port; pass 1 goes first.
  logic p2_busy_q;
  logic p2_down_q;            // walk the row from its last group down
  logic [15:0] p2_row_q, p2_count_q, p2_grp;
  logic [VecAddrBits-1:0] p2_src_base_q, p2_dst_base_q;
  logic signed [S1Bits-1:0] p2_s1_q;
  logic [RBits-1:0] p2_r_q;
  logic [4:0] p2_shift_q;     // 15 + k, in [0, 28]
  logic p2_start, p2_issue;

  assign p2_issue = p2_busy_q && !p1_issue;
  assign p2_grp = p2_down_q ? groups - 16'd1 - p2_count_q : p2_count_q;

  always_comb begin
    a_rd_req_o.en = p1_issue || p2_issue;
    a_rd_req_o.addr = '0;
    if (p1_issue) a_rd_req_o.addr = VecAddrBits'(40'(p1_base_q) + 40'(p1_grp_q));
    else if (p2_issue) a_rd_req_o.addr = VecAddrBits'(40'(p2_src_base_q) + 40'(p2_grp));
  end

  // Read data: decoded once, used by whichever pass issued the read. Each stage's lanes are
  // evaluated only on the cycles that stage holds a vector (operand isolation).
  logic rd_p1_q, rd_p1_last_q, b_valid_q;
  logic rd_valid;  // read data of either pass arrives
  assign rd_valid = rd_p1_q || b_valid_q;
  logic [Lanes-1:0][7:0] a_dense;
  vec_decode #(.Lanes(Lanes)) u_a_decode (
    .en_i    (rd_valid),
    .mask_i  (a_rd_rsp_i.mask),
    .packed_i(a_rd_rsp_i.data),
    .dense_o (a_dense)
  );

  logic signed [IntBits-1:0] x_int [Lanes];
  logic [2*(IntBits-1)-1:0] x_square [Lanes];
  for (genvar i = 0; i < Lanes; i++) begin : g_x
    always_comb begin
      logic [IntBits-2:0] x_mag;
      x_mag = '0;
      x_int[i] = '0;
      x_square[i] = '0;
      if (rd_valid) x_int[i] = int_value(a_dense[i]);
      if (rd_p1_q) begin
        x_mag = (IntBits - 1)'(x_int[i][IntBits-1] ? -x_int[i] : x_int[i]);
        x_square[i] = (2 * (IntBits - 1))'(x_mag) * (2 * (IntBits - 1))'(x_mag);
      end
    end
  end

  logic signed [S1Bits-1:0] vec_s1;
  logic [S2Bits-1:0] vec_s2;
  always_comb begin
    vec_s1 = '0;
    vec_s2 = '0;
    if (rd_p1_q) begin
      for (int unsigned i = 0; i < Lanes; i++) begin
        vec_s1 = vec_s1 + S1Bits'(x_int[i]);
        vec_s2 = vec_s2 + S2Bits'(x_square[i]);
      end
    end
  end

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      p1_busy_q <= 1'b0;
      p1_full_q <= 1'b0;
      p1_row_q <= '0;
      p1_grp_q <= '0;
      p1_base_q <= '0;
      s1_acc_q <= '0;
      s2_acc_q <= '0;
      rd_p1_q <= 1'b0;
      rd_p1_last_q <= 1'b0;
    end else begin
      if (checking) begin
        p1_busy_q <= 1'b0;
        p1_full_q <= 1'b0;
        p1_row_q <= '0;
      end else if (p1_start) begin
        p1_busy_q <= 1'b1;
        p1_row_q <= p1_row_q + 16'd1;
        p1_grp_q <= '0;
        p1_base_q <= VecAddrBits'(40'(src_addr) + 40'(p1_row_q) * 40'(src_stride));
        s1_acc_q <= '0;
        s2_acc_q <= '0;
      end else begin
        if (p1_issue) p1_grp_q <= p1_grp_q + 16'd1;
        if (rd_p1_q) begin
          s1_acc_q <= s1_acc_q + vec_s1;
          s2_acc_q <= s2_acc_q + vec_s2;
          if (rd_p1_last_q) p1_full_q <= 1'b1;
        end
        if (m_take) begin
          p1_busy_q <= 1'b0;
          p1_full_q <= 1'b0;
        end
      end
      rd_p1_q <= p1_issue;
      rd_p1_last_q <= p1_issue && (p1_grp_q == groups - 16'd1);
    end
  end

  // ---------------------------------------------------------------------------------------------
  // Math: D, the normalisation shift, R = isqrt(floor(2^62 / D_m))
  // ---------------------------------------------------------------------------------------------
  typedef enum logic [2:0] {MIdle, MVar, MNorm, MDiv, MSqrt, MFull} math_e;
  math_e m_state_q;
  logic signed [S1Bits-1:0] m_s1_q;
  logic [S2Bits-1:0] m_s2_q;
  logic [DBits-1:0] m_d_q;
  logic signed [5:0] m_k_q;   // k in [-15, 13]
  logic [RBits-1:0] m_r_q;

  assign m_take = (m_state_q == MIdle) && p1_full_q;

  // D = C*S2 - S1^2 (>= 0) + C^2 * 2^eps_shift, eps_shift = -40 - 2*(EXP_IN - 4) in [-94, 32];
  // the golden model shifts right (floor) for negative shifts and adds nothing below -62, where
  // C^2 < 2^25 shifts to zero anyway.
  logic [DBits-1:0] d_next;
  always_comb begin
    logic [S1Bits-2:0] s1_mag;
    logic [2*(S1Bits-1)-1:0] s1_square;
    logic [2*ColBits-1:0] c_square;
    logic signed [7:0] eps_shift;
    logic [DBits-1:0] eps;
    s1_mag = (S1Bits - 1)'(m_s1_q[S1Bits-1] ? -m_s1_q : m_s1_q);
    s1_square = (2 * (S1Bits - 1))'(s1_mag) * (2 * (S1Bits - 1))'(s1_mag);
    c_square = (2 * ColBits)'(cols_c) * (2 * ColBits)'(cols_c);
    eps_shift = 8'(EpsLog2 + 8) - 8'(exp_in) - 8'(exp_in);
    if (eps_shift >= 0) eps = DBits'(c_square) << eps_shift[5:0];
    else eps = DBits'(c_square) >> 7'(-eps_shift);
    d_next = DBits'(cols_c) * DBits'(m_s2_q) - DBits'(s1_square) + eps;
  end

  // k = floor((bit_width(D) - 31) / 2); D_m = D / 4^k (k >= 0) or D * 4^-k, 31 or 32 bits.
  logic signed [5:0] k_next;
  logic [DmBits-1:0] d_m;
  always_comb begin
    logic [5:0] lead;
    logic signed [7:0] excess;
    lead = lead_one(64'(m_d_q));
    excess = 8'(lead) + 8'sd1 - 8'sd31;
    k_next = 6'(excess >>> 1);
    if (k_next >= 0) d_m = DmBits'(m_d_q >> (2 * 6'(k_next)));
    else d_m = DmBits'(m_d_q << (2 * 6'(-k_next)));
  end

  logic div_done, sqrt_done;
  logic [QBits-1:0] quotient;
  logic [RBits-1:0] root;

  gb_divider #(
    .NumBits(63),
    .DenBits(DmBits),
    .QuoBits(QBits)
  ) u_divider (
    .clk_i,
    .rst_ni,
    .start_i(m_state_q == MNorm && m_d_q != '0),
    .num_i  (63'(1) << 62),
    .den_i  (d_m),
    .done_o (div_done),
    .quo_o  (quotient)
  );

  gb_isqrt #(
    .InBits(QBits)
  ) u_isqrt (
    .clk_i,
    .rst_ni,
    .start_i(div_done),
    .x_i    (quotient),
    .done_o (sqrt_done),
    .root_o (root)
  );

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      m_state_q <= MIdle;
      m_s1_q <= '0;
      m_s2_q <= '0;
      m_d_q <= '0;
      m_k_q <= '0;
      m_r_q <= '0;
    end else if (checking) begin
      m_state_q <= MIdle;
    end else begin
      unique case (m_state_q)
        MIdle: begin
          if (m_take) begin
            m_s1_q <= s1_acc_q;
            m_s2_q <= s2_acc_q;
            m_state_q <= MVar;
          end
        end
        MVar: begin
          m_d_q <= d_next;
          m_state_q <= MNorm;
        end
        MNorm: begin
          m_k_q <= (m_d_q == '0) ? 6'sd0 : k_next;
          m_r_q <= '0;
          m_state_q <= (m_d_q == '0) ? MFull : MDiv;  // a constant row without epsilon: y = 0
        end
        MDiv: if (div_done) m_state_q <= MSqrt;
        MSqrt: begin
          if (sqrt_done) begin
            m_r_q <= root;
            m_state_q <= MFull;
          end
        end
        MFull: if (p2_start) m_state_q <= MIdle;
        default: m_state_q <= MIdle;
      endcase
    end
  end

  // ---------------------------------------------------------------------------------------------
  // Pass 2: re-read the row, normalise, scale and shift, re-quantize, write
  // ---------------------------------------------------------------------------------------------
  assign p2_start = running && !p2_busy_q && (m_state_q == MFull) && ld_done;

  logic [39:0] p2_src_base, p2_dst_base;  // the next pass-2 row
  assign p2_src_base = 40'(src_addr) + 40'(p2_row_q) * 40'(src_stride);
  assign p2_dst_base = 40'(dst_addr) + 40'(p2_row_q) * 40'(dst_stride);

  // Tag of a pass-2 read, registered with the request; the row's constants travel with it.
  typedef struct packed {
    logic                      last;   // last vector of the row
    logic [WordBits-1:0]       grp;    // group: gamma/beta index
    logic [VecAddrBits-1:0]       addr;   // DST vector
    logic signed [S1Bits-1:0]  s1;
    logic [RBits-1:0]          r;
    logic [4:0]                shift;
  } tag_t;

  tag_t b_tag_q;

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      p2_busy_q <= 1'b0;
      p2_down_q <= 1'b0;
      p2_row_q <= '0;
      p2_count_q <= '0;
      p2_src_base_q <= '0;
      p2_dst_base_q <= '0;
      p2_s1_q <= '0;
      p2_r_q <= '0;
      p2_shift_q <= '0;
      b_valid_q <= 1'b0;
      b_tag_q <= '0;
    end else begin
      if (checking) begin
        p2_busy_q <= 1'b0;
        p2_row_q <= '0;
      end else if (p2_start) begin
        p2_busy_q <= 1'b1;
        p2_down_q <= (p2_dst_base > p2_src_base);
        p2_row_q <= p2_row_q + 16'd1;
        p2_count_q <= '0;
        p2_src_base_q <= VecAddrBits'(p2_src_base);
        p2_dst_base_q <= VecAddrBits'(p2_dst_base);
        p2_s1_q <= m_s1_q;
        p2_r_q <= m_r_q;
        p2_shift_q <= 5'(6'sd15 + m_k_q);
      end else if (p2_issue) begin
        p2_count_q <= p2_count_q + 16'd1;
        if (p2_count_q == groups - 16'd1) p2_busy_q <= 1'b0;
      end
      b_valid_q <= p2_issue;
      if (p2_issue) begin  // clock gating: a tag only loads with its read
        b_tag_q <= '{last: (p2_count_q == groups - 16'd1), grp: WordBits'(p2_grp),
                     addr: VecAddrBits'(40'(p2_dst_base_q) + 40'(p2_grp)), s1: p2_s1_q,
                     r: p2_r_q, shift: p2_shift_q};
      end
    end
  end

  // Stage B (read data): t_i = C*x_i - S1; gamma and beta codes of the group.
  logic [Lanes-1:0][7:0] gamma_vec, beta_vec;
  always_comb begin
    gamma_vec = '0;
    beta_vec = '0;
    if (b_valid_q) begin
      for (int unsigned j = 0; j < WordsPerVec; j++) begin
        gamma_vec[4*j +: 4] = gamma_q[WordBits'(32'(b_tag_q.grp) * WordsPerVec + j)];
        beta_vec[4*j +: 4] = beta_q[WordBits'(32'(b_tag_q.grp) * WordsPerVec + j)];
      end
    end
  end

  logic signed [TBits-1:0] t_val [Lanes];
  for (genvar i = 0; i < Lanes; i++) begin : g_t
    always_comb begin
      t_val[i] = '0;
      if (b_valid_q) begin
        t_val[i] = $signed(TBits'(cols_c)) * TBits'(x_int[i]) - TBits'($signed(b_tag_q.s1));
      end
    end
  end

  logic c_valid_q, c_last_q;
  logic [VecAddrBits-1:0] c_addr_q;
  logic signed [TBits-1:0] c_t_q [Lanes];
  logic [RBits-1:0] c_r_q;
  logic [4:0] c_shift_q;
  logic [Lanes-1:0][7:0] c_gamma_q, c_beta_q;

  // Stage C: y_i = floor(t_i * R / 2^(15+k)).
  logic signed [YBits-1:0] y_val [Lanes];
  for (genvar i = 0; i < Lanes; i++) begin : g_y
    always_comb begin
      logic signed [PBits-1:0] product;
      product = '0;
      y_val[i] = '0;
      if (c_valid_q) begin
        product = PBits'(c_t_q[i]) * $signed(PBits'(c_r_q));
        y_val[i] = YBits'(product >>> c_shift_q);
      end
    end
  end

  logic d_valid_q, d_last_q;
  logic [VecAddrBits-1:0] d_addr_q;
  logic signed [YBits-1:0] d_y_q [Lanes];
  logic [Lanes-1:0][7:0] d_gamma_q, d_beta_q;

  // Stage D: sum_i = y_i*gamma_i << (e1 - low) + beta_i << (e2 - low), exponent low.
  logic signed [7:0] e1, e2, low;
  logic [5:0] shift_gamma, shift_beta;
  always_comb begin
    e1 = 8'(exp_gamma) - 8'sd20;  // y carries 16 fraction bits
    e2 = 8'(exp_beta) - 8'sd4;
    if (e1 < e2) begin
      low = e1;
      shift_gamma = '0;
      shift_beta = 6'(e2 - e1);    // <= 40
    end else begin
      low = e2;
      shift_gamma = 6'(e1 - e2);   // <= 8
      shift_beta = '0;
    end
  end

  logic signed [SumBits-1:0] sum_val [Lanes];
  for (genvar i = 0; i < Lanes; i++) begin : g_sum
    always_comb begin
      logic signed [MBits-1:0] scaled;
      scaled = '0;
      sum_val[i] = '0;
      if (d_valid_q) begin
        scaled = MBits'(d_y_q[i]) * MBits'(int_value(d_gamma_q[i]));
        sum_val[i] = (SumBits'(scaled) <<< shift_gamma) +
                     (SumBits'(int_value(d_beta_q[i])) <<< shift_beta);
      end
    end
  end

  logic e_valid_q, e_last_q;
  logic [VecAddrBits-1:0] e_addr_q;
  logic signed [SumBits-1:0] e_sum_q [Lanes];

  always_ff @(posedge clk_i) begin
    if (b_valid_q) begin
      c_addr_q <= b_tag_q.addr;
      c_t_q <= t_val;
      c_r_q <= b_tag_q.r;
      c_shift_q <= b_tag_q.shift;
      c_gamma_q <= gamma_vec;
      c_beta_q <= beta_vec;
    end
    if (c_valid_q) begin
      d_addr_q <= c_addr_q;
      d_y_q <= y_val;
      d_gamma_q <= c_gamma_q;
      d_beta_q <= c_beta_q;
    end
    if (d_valid_q) begin
      e_addr_q <= d_addr_q;
      e_sum_q <= sum_val;
    end
  end

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      c_valid_q <= 1'b0;
      c_last_q <= 1'b0;
      d_valid_q <= 1'b0;
      d_last_q <= 1'b0;
      e_valid_q <= 1'b0;
      e_last_q <= 1'b0;
    end else begin
      c_valid_q <= b_valid_q;
      c_last_q <= b_valid_q && b_tag_q.last;
      d_valid_q <= c_valid_q;
      d_last_q <= c_valid_q && c_last_q;
      e_valid_q <= d_valid_q;
      e_last_q <= d_valid_q && d_last_q;
    end
  end

  // Stage E: re-quantize, encode, write (registered outputs).
  logic [Lanes-1:0][7:0] out_code;
  logic lane_saturated [Lanes];  // unpacked: a packed vector of per-lane bits costs a
                                 // read-modify-write per bit on every cycle
  for (genvar i = 0; i < Lanes; i++) begin : g_requant
    af8_requant #(.InBits(SumBits)) u_requant (
      .en_i       (e_valid_q),
      .acc_i      (e_sum_q[i]),
      .acc_exp_i  (low),
      .out_bias_i (exp_out),
      .code_o     (out_code[i]),
      .saturated_o(lane_saturated[i])
    );
  end

  logic [Lanes-1:0] wr_mask;
  logic [Lanes-1:0][7:0] wr_packed;
  vec_encode #(.Lanes(Lanes)) u_c_encode (
    .en_i    (e_valid_q),
    .dense_i (out_code),
    .mask_o  (wr_mask),
    .packed_o(wr_packed)
  );

  logic [CountBits-1:0] saturations;
  always_comb begin
    saturations = '0;
    if (e_valid_q) begin  // operand isolation: counted only when stage E holds a vector
      for (int unsigned i = 0; i < Lanes; i++) begin
        saturations = saturations + CountBits'(lane_saturated[i]);
      end
    end
  end

  logic c_wr_last_q;

  // Clock gating: the write port's payload only loads with a write.
  always_ff @(posedge clk_i) begin
    if (e_valid_q) begin
      c_wr_addr_q <= e_addr_q;
      c_wr_mask_q <= wr_mask;
      c_wr_data_q <= wr_packed;
    end
  end

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      c_wr_en_q <= 1'b0;
      c_wr_last_q <= 1'b0;
      perf_saturations_o <= '0;
      rows_done_q <= '0;
    end else begin
      c_wr_en_q <= e_valid_q;
      c_wr_last_q <= e_valid_q && e_last_q;
      perf_saturations_o <= e_valid_q ? saturations : '0;
      if (checking) rows_done_q <= '0;
      else if (c_wr_en_q && c_wr_last_q) rows_done_q <= rows_done_q + 16'd1;
    end
  end

  assign perf_busy_o = cmd_rsp_o.busy;

  // Buffer traffic only while a command is in the unit, inside the UAB (the descriptor check
  // guarantees it); a legal state.
  `EB_ASSERT_NEVER(AReadOutOfRange_A, a_rd_req_o.en && 64'(a_rd_req_o.addr) >= 64'(UabVectors))
  `EB_ASSERT_NEVER(CWriteOutOfRange_A, c_wr_req_o.en && 64'(c_wr_req_o.addr) >= 64'(UabVectors))
  `EB_ASSERT_NEVER(TrafficWhileIdle_A, (a_rd_req_o.en || c_wr_req_o.en || aux_rd_req_o.en) && !cmd_rsp_o.busy)

endmodule
