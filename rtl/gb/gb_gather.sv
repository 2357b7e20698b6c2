// Global-buffer embedding gather unit: runs one GATHER command at a time,
//   DST[t] = word[id_t] + position[t] + type[type_t]   for t < TOKENS,
// each row decoded from its embedding table in the ReRAM store (docs/reram.md section 6), the
// three codes of a column summed exactly (aligned to the smallest table bias) and rounded once to
// EXP_OUT. Bit-exact with golden::RunGb (sw/golden/gb_golden.cc: CheckGatherTables,
// ReadEmbeddingRow, af8::Add3). The embedding LayerNorm is a separate LAYERNORM command.
//
// Sequence:
//   check    the descriptor, as golden::Validate (shape, alignment, ranges)
//   headers  the three tables' 8-word headers (24 ReRAM reads), kept for the whole command
//   pre-check every header (magic, lanes, dim, bias, arrays inside the store), the bias gap,
//            TOKENS against the position table, then every token id and type id from the aux
//            buffer; any failure ends the command before anything is written
//   tokens   per token: its id and type (aux), the three rows' value ranges (two row-offset
//            words each, the end clipped like ReadEmbeddingRow), then per n-lane group and table:
//            the row's mask word when the group starts one (n divides 32), then only the value
//            words that hold the group's nonzeros inside [begin, end) of the row; a mask that
//            claims more nonzeros than the range holds gets zero codes, never a neighbour's
//            bytes. Each group's three vectors are summed, re-quantized, encoded and written.
// Reads are bounded by construction: header, mask and row-offset addresses lie inside the
// arrays the pre-check accepted, and a value word is requested only for a byte below the row's
// clipped end, so every request is below ReramWords.
//
// The ReRAM read port matches reram_store's: a request is held until accepted (en && ready),
// the response comes with rd_valid some cycles later, one read in flight; with latency 1 the
// reads of a run of words go back to back. Aux reads have a one-cycle latency. A read answered
// with rd_err (impossible after the pre-check) reads as 0 and ends the command with BAD_ADDRESS.
`include "unit_typedef.svh"
`include "eb_assert.svh"
module gb_gather
  import af8_pkg::*;
  import edgebert_csr_pkg::*;
  import cmd_pkg::*;
#(
  parameter int unsigned Lanes = 16,
  parameter int unsigned UabVectors = 65536,
  parameter int unsigned AuxBytes = 65536,
  parameter int unsigned ReramWords = 1048576,  // the store's size (reram_store ReramWords)
  // Aux word addresses, as the other units': enough for AuxBytes <= 64 KiB.
  localparam int unsigned AuxWordBits = $clog2(AuxBytes / 4),
  `EDGEBERT_VEC_TYPES(Lanes),
  `EDGEBERT_AUX_TYPES(AuxWordBits)
) (
  input  logic                       clk_i,
  input  logic                       rst_ni,

  input  cmd_req_t                   cmd_req_i,
  input  logic                       cmd_sel_i,  // the request is for this unit
  output cmd_rsp_t                   cmd_rsp_o,

  // Aux reads (token ids and token-type ids), 32-bit words; data the cycle after the request.
  output aux_rd_req_t                aux_rd_req_o,
  input  logic [31:0]                aux_rd_data_i,

  // ReRAM store reads (reram_store's read port), word addresses.
  output logic                       reram_rd_en_o,
  output logic [ReramAddrBits-1:0]   reram_rd_addr_o,
  input  logic                       reram_rd_ready_i,
  input  logic                       reram_rd_valid_i,
  input  logic [31:0]                reram_rd_data_i,
  input  logic                       reram_rd_err_i,

  // DST writes to the UAB.
  output vec_wr_req_t                c_wr_req_o,

  // Per-cycle performance events.
  output logic                       perf_busy_o,
  output logic [$clog2(Lanes+1)-1:0] perf_saturations_o
);

  param_check #(
    .Lanes(Lanes),
    .UabVectors(UabVectors),
    .AuxBytes(AuxBytes),
    .ReramWords(ReramWords)
  ) u_param_check ();

  // The C write port is registered: en with the reset, the payload loaded with valid data.
  logic c_wr_en_q;
  logic [VecAddrBits-1:0] c_wr_addr_q;
  logic [Lanes-1:0] c_wr_mask_q;
  logic [Lanes-1:0][7:0] c_wr_data_q;
  assign c_wr_req_o = '{en: c_wr_en_q, addr: c_wr_addr_q, mask: c_wr_mask_q, data: c_wr_data_q};

  localparam int unsigned LaneBits = $clog2(Lanes);
  localparam int unsigned CountBits = $clog2(Lanes + 1);
  localparam int unsigned GroupsPerWord = 32 / Lanes;  // n-lane masks in one mask word
  localparam int unsigned GpwShift = $clog2(GroupsPerWord);
  localparam int unsigned MaxTokens = 512;             // golden::kMaxGatherTokens
  localparam int MaxAlign = 24;                        // af8::kMaxAlignment
  localparam int unsigned SumBits = 40;  // three 13-bit integers aligned by <= 24 bits: < 2^38
  localparam int unsigned WBits = 48;    // header arithmetic: offsets and rows x words, exact
  localparam int unsigned PosBits = 34;  // byte positions in a table's value bytes
  localparam int unsigned IdxBits = PosBits - 2;  // value word indices
  localparam int unsigned IssueBits = 5;          // value words of one group: <= Lanes/4 + 1
  localparam int unsigned ScanBits = 10;          // aux words of ids and types: <= 384

  // Embedding-table header (golden::embedding_header, docs/reram.md section 6).
  localparam logic [31:0] EmbMagic = 32'h3142_4D45;  // "EMB1"
  localparam int unsigned HdrWords = 8;
  localparam int unsigned HdrMagic = 0;
  localparam int unsigned HdrRows = 1;
  localparam int unsigned HdrDim = 2;
  localparam int unsigned HdrLanes = 3;
  localparam int unsigned HdrBias = 4;
  localparam int unsigned HdrMaskOff = 5;
  localparam int unsigned HdrRowOff = 6;
  localparam int unsigned HdrValOff = 7;

  // Tables: 0 word, 1 position, 2 token type.
  localparam int unsigned Tables = 3;

  // ---------------------------------------------------------------------------------------------
  // Command register and field decode
  // ---------------------------------------------------------------------------------------------
  logic [CmdWords-1:0][31:0] cmd_q;

  logic [7:0] opcode;
  logic [15:0] tokens, dim, dst_stride, ids_addr, types_addr;
  logic [VecAddrBits-1:0] dst_addr;
  logic signed [BiasBits-1:0] exp_out;
  localparam int unsigned TableAddrBits = CmdGatherWordTableWidth;  // ReRAM byte addresses
  logic [TableAddrBits-1:0] table_addr [Tables];

  always_comb begin
    opcode = 8'(cmd_q[CmdOpcodeWord][CmdOpcodeLsb +: CmdOpcodeWidth]);
    tokens = 16'(cmd_q[CmdGatherTokensWord][CmdGatherTokensLsb +: CmdGatherTokensWidth]);
    dim = 16'(cmd_q[CmdGatherDimWord][CmdGatherDimLsb +: CmdGatherDimWidth]);
    exp_out = BiasBits'(cmd_q[CmdGatherExpOutWord][CmdGatherExpOutLsb +: CmdGatherExpOutWidth]);
    table_addr[0] = TableAddrBits'(cmd_q[CmdGatherWordTableWord][CmdGatherWordTableLsb +:
                                                                 CmdGatherWordTableWidth]);
    table_addr[1] = TableAddrBits'(cmd_q[CmdGatherPosTableWord][CmdGatherPosTableLsb +:
                                                                CmdGatherPosTableWidth]);
    table_addr[2] = TableAddrBits'(cmd_q[CmdGatherTypeTableWord][CmdGatherTypeTableLsb +:
                                                                 CmdGatherTypeTableWidth]);
    dst_addr = VecAddrBits'(cmd_q[CmdGatherDstAddrWord][CmdGatherDstAddrLsb +:
                                                        CmdGatherDstAddrWidth]);
    dst_stride = 16'(cmd_q[CmdGatherDstStrideWord][CmdGatherDstStrideLsb +:
                                                   CmdGatherDstStrideWidth]);
    ids_addr = 16'(cmd_q[CmdGatherIdsAddrWord][CmdGatherIdsAddrLsb +: CmdGatherIdsAddrWidth]);
    types_addr = 16'(cmd_q[CmdGatherTypesAddrWord][CmdGatherTypesAddrLsb +:
                                                   CmdGatherTypesAddrWidth]);
  end

  logic [15:0] groups;      // vectors per row
  logic [11:0] mask_words;  // mask words per table row, ceil(DIM / 32)
  assign groups = dim >> LaneBits;
  assign mask_words = 12'((17'(dim) + 17'd31) >> 5);

  // ---------------------------------------------------------------------------------------------
  // Validation of the descriptor (golden::Validate for GATHER, same order)
  // ---------------------------------------------------------------------------------------------
  function automatic logic header_fits(input logic [TableAddrBits-1:0] byte_addr);
    return byte_addr[1:0] == 2'b00 &&
           WBits'(byte_addr[TableAddrBits-1:2]) + WBits'(HdrWords) <= WBits'(ReramWords);
  endfunction

  logic [39:0] dst_end;

  // ---------------------------------------------------------------------------------------------
  // Headers and the values derived from them
  // ---------------------------------------------------------------------------------------------
  logic [31:0] hdr_q [Tables][HdrWords];

  logic [WBits-1:0] tbl_base [Tables];   // header word address
  logic [WBits-1:0] mask_base [Tables];  // first mask word
  logic [WBits-1:0] roff_base [Tables];  // first row-offset word
  logic [WBits-1:0] val_base [Tables];   // first value word
  logic [WBits-1:0] val_cap [Tables];    // value bytes inside the store from val_base
  logic [31:0] tbl_rows [Tables];
  logic signed [BiasBits-1:0] tbl_bias [Tables];
  err_code_e hdr_err [Tables];

  always_comb begin
    for (int unsigned k = 0; k < Tables; k++) begin
      logic signed [31:0] bias32;
      tbl_base[k] = WBits'(table_addr[k][TableAddrBits-1:2]);
      mask_base[k] = tbl_base[k] + WBits'(hdr_q[k][HdrMaskOff]);
      roff_base[k] = tbl_base[k] + WBits'(hdr_q[k][HdrRowOff]);
      val_base[k] = tbl_base[k] + WBits'(hdr_q[k][HdrValOff]);
      val_cap[k] = (val_base[k] < WBits'(ReramWords)) ?
                   (WBits'(ReramWords) - val_base[k]) << 2 : '0;
      tbl_rows[k] = hdr_q[k][HdrRows];
      bias32 = $signed(hdr_q[k][HdrBias]);
      tbl_bias[k] = BiasBits'(bias32);
      hdr_err[k] = ErrCodeNone;
      if (hdr_q[k][HdrMagic] != EmbMagic) begin
        hdr_err[k] = ErrCodeBadAddress;
      end else if (hdr_q[k][HdrLanes] != 32'(Lanes) || hdr_q[k][HdrDim] != 32'(dim)) begin
        hdr_err[k] = ErrCodeBadShape;
      end else if (bias32 < -32 || bias32 > 31) begin
        hdr_err[k] = ErrCodeBadExponent;
      end else if (mask_base[k] + WBits'(tbl_rows[k]) * WBits'(mask_words) >
                   WBits'(ReramWords) ||
                   roff_base[k] + WBits'(tbl_rows[k]) + WBits'(1) > WBits'(ReramWords)) begin
        hdr_err[k] = ErrCodeBadAddress;
      end
    end
  end

  // The pre-check of the headers, in CheckGatherTables' order.
  logic signed [BiasBits:0] bias_low, bias_high;
  err_code_e tables_check;
  always_comb begin
    bias_low = (BiasBits + 1)'(tbl_bias[0]);
    bias_high = (BiasBits + 1)'(tbl_bias[0]);
    for (int unsigned k = 1; k < Tables; k++) begin
      if ((BiasBits + 1)'(tbl_bias[k]) < bias_low) bias_low = (BiasBits + 1)'(tbl_bias[k]);
      if ((BiasBits + 1)'(tbl_bias[k]) > bias_high) bias_high = (BiasBits + 1)'(tbl_bias[k]);
    end
    tables_check = ErrCodeNone;
    if (hdr_err[0] != ErrCodeNone) begin
      tables_check = hdr_err[0];
    end else if (hdr_err[1] != ErrCodeNone) begin
      tables_check = hdr_err[1];
    end else if (hdr_err[2] != ErrCodeNone) begin
      tables_check = hdr_err[2];
    end else if (bias_high - bias_low > (BiasBits + 1)'(MaxAlign)) begin
      tables_check = ErrCodeBadExponent;
    end else if (32'(tokens) > tbl_rows[1]) begin
      tables_check = ErrCodeBadAddress;
    end
  end

  // ---------------------------------------------------------------------------------------------
  // Command state machine
  // ---------------------------------------------------------------------------------------------
  // The unit's own work between the skeleton's check and done (StIdle: not running).
  typedef enum logic [3:0] {
    StIdle, StHdr, StHdrCheck, StScan, StTok, StTokId, StTokType, StOffsets, StMask,
    StFillStart, StFill, StDrain
  } state_e;
  state_e state_q, state_d;
  logic rd_err_q;  // a ReRAM read answered rd_err (sticky for the command)
  logic checking, start, scan_end, drain_end, finish, fail;
  err_code_e fail_code;

  // ReRAM reads: the state's request, its acceptance and the response.
  logic rd_req, rd_accept, rd_resp;
  logic [WBits-1:0] rd_addr;  // below ReramWords whenever rd_req (see the top)
  assign rd_accept = rd_req && reram_rd_ready_i;
  assign rd_resp = reram_rd_valid_i;
  assign reram_rd_en_o = rd_req;
  assign reram_rd_addr_o = ReramAddrBits'(rd_addr);
  logic unused_rd_addr;
  assign unused_rd_addr = ^rd_addr[WBits-1:ReramAddrBits];

  // Headers: 24 reads, issued and received in order.
  logic [4:0] hdr_issue_q, hdr_recv_q;
  logic [1:0] hdr_issue_table, hdr_recv_table;
  logic [2:0] hdr_issue_word, hdr_recv_word;
  assign hdr_issue_table = 2'(hdr_issue_q >> 3);
  assign hdr_issue_word = hdr_issue_q[2:0];
  assign hdr_recv_table = 2'(hdr_recv_q >> 3);
  assign hdr_recv_word = hdr_recv_q[2:0];

  // Id scan: ceil(T/2) id words, then ceil(T/4) type words, one aux read per cycle.
  logic [ScanBits-1:0] scan_issue_q, scan_recv_q, id_words, scan_words;
  logic scan_pending_q, scan_bad_q, scan_bad;
  assign id_words = ScanBits'((32'(tokens) + 32'd1) >> 1);
  assign scan_words = id_words + ScanBits'((32'(tokens) + 32'd3) >> 2);

  // Tokens, groups, tables.
  logic [9:0] tok_q;                 // token t
  logic [15:0] grp_q;                // group g
  logic [1:0] tbl_q;                 // table k
  logic [VecAddrBits-1:0] dst_row_q;    // DST vector of token t, group 0
  logic [15:0] row_q [Tables];       // the table rows of token t: id, t, type
  logic [ReramAddrBits-1:0] mrow_q [Tables];  // first mask word of each row
  logic [2:0] off_issue_q, off_recv_q;
  logic [31:0] begin_q;              // the row-offset entry just received

  // Per-table read cursors.
  logic [PosBits-1:0] next_q [Tables];   // next value byte of the row
  logic [PosBits-1:0] end_q [Tables];    // end of the row's value bytes (clipped)
  logic [31:0] mword_q [Tables];         // the current mask word
  logic vc_valid_q [Tables];             // the last value word read, by index from val_base
  logic [IdxBits-1:0] vc_idx_q [Tables];
  logic [31:0] vc_word_q [Tables];

  // The group being filled for table tbl_q.
  logic [Lanes-1:0] mask_q;
  logic [Lanes-1:0][7:0] packed_q;
  logic [LaneBits:0] filled_q, remain_q;
  logic [IdxBits-1:0] issue_idx_q;
  logic [IssueBits-1:0] issue_cnt_q;
  logic mask_issued_q;

  // Finished groups of the tables before tbl_q, and the sum stage.
  logic [Lanes-1:0] grp_mask_q [Tables-1];
  logic [Lanes-1:0][7:0] grp_packed_q [Tables-1];
  logic s_valid_q;
  logic [Lanes-1:0] s_mask_q [Tables];
  logic [Lanes-1:0][7:0] s_packed_q [Tables];
  logic [VecAddrBits-1:0] s_dst_q;
  logic [4:0] shift_q [Tables];      // table bias - smallest bias
  logic signed [7:0] sum_exp_q;      // smallest bias - 4

  function automatic logic starts_mask_word(input logic [15:0] group);
    return (32'(group) & (GroupsPerWord - 1)) == 0;
  endfunction

  // Places `count` bytes of `word`, from byte `offset` on, at lanes `pos`.. of `packed_in`.
  function automatic logic [Lanes-1:0][7:0] place(input logic [Lanes-1:0][7:0] packed_in,
                                                 input logic [31:0] word,
                                                 input logic [1:0] offset,
                                                 input logic [2:0] count,
                                                 input logic [LaneBits:0] pos);
    logic [Lanes-1:0][7:0] result;
    logic [LaneBits+1:0] lane;
    logic [1:0] src;
    result = packed_in;
    for (int unsigned b = 0; b < 4; b++) begin
      lane = (LaneBits + 2)'(pos) + (LaneBits + 2)'(b);
      src = offset + 2'(b);
      if (3'(b) < count && 32'(lane) < Lanes) begin
        result[lane[LaneBits-1:0]] = 8'(word >> {src, 3'b000});
      end
    end
    return result;
  endfunction

  // The current table's group: its mask, the bytes it can take from the row, the cache. Used in
  // StFillStart only, and evaluated only there (operand isolation).
  logic [Lanes-1:0] cur_mask;
  logic [LaneBits:0] cur_need, cur_avail;
  logic [PosBits-1:0] cur_next, cur_end;
  logic cur_hit;
  logic [2:0] cur_take;       // bytes taken from the cached word at the start
  logic [IdxBits-1:0] cur_first, cur_last;
  always_comb begin
    logic [PosBits-1:0] room;
    room = '0;
    cur_mask = '0;
    cur_need = '0;
    cur_next = '0;
    cur_end = '0;
    cur_avail = '0;
    cur_hit = 1'b0;
    cur_take = '0;
    cur_first = '0;
    cur_last = '0;
    if (state_q == StFillStart) begin
      cur_mask = Lanes'(mword_q[tbl_q] >> ((32'(grp_q) & (GroupsPerWord - 1)) * Lanes));
      cur_need = (LaneBits + 1)'($countones(cur_mask));
      cur_next = next_q[tbl_q];
      cur_end = end_q[tbl_q];
      room = cur_end - cur_next;
      if (cur_next < cur_end) begin
        cur_avail = (room < PosBits'(cur_need)) ? (LaneBits + 1)'(room) : cur_need;
      end
      cur_hit = cur_avail != 0 && vc_valid_q[tbl_q] &&
                vc_idx_q[tbl_q] == IdxBits'(cur_next >> 2);
      if (cur_hit) begin
        cur_take = (32'(cur_avail) < 32'd4 - 32'(cur_next[1:0])) ?
                   3'(cur_avail) : 3'(3'd4 - 3'(cur_next[1:0]));
      end
      cur_first = IdxBits'(cur_next >> 2) + IdxBits'(cur_hit);
      cur_last = IdxBits'((cur_next + PosBits'(cur_avail) - PosBits'(1)) >> 2);
    end
  end

  // A value word arriving in StFill: the bytes it gives (evaluated in StFill only).
  logic [2:0] fill_take;
  logic [Lanes-1:0][7:0] fill_packed;
  logic fill_done;
  always_comb begin
    logic [1:0] offset;
    offset = next_q[tbl_q][1:0];
    fill_take = (32'(remain_q) < 32'd4 - 32'(offset)) ?
                3'(remain_q) : 3'(3'd4 - 3'(offset));
    fill_packed = packed_q;
    if (state_q == StFill && rd_resp) begin
      fill_packed = place(packed_q, reram_rd_data_i, offset, fill_take, filled_q);
    end
    fill_done = (remain_q == 0) || (rd_resp && (LaneBits + 1)'(fill_take) == remain_q);
  end

  logic last_table, last_group, last_token;
  assign last_table = (tbl_q == 2'(Tables - 1));
  assign last_group = (grp_q == groups - 16'd1);
  assign last_token = (32'(tok_q) == 32'(tokens) - 32'd1);

  // Where the unit goes after the current table's group is complete.
  state_e after_table;
  always_comb begin
    if (!last_table) begin
      after_table = starts_mask_word(grp_q) ? StMask : StFillStart;
    end else if (!last_group) begin
      after_table = starts_mask_word(grp_q + 16'd1) ? StMask : StFillStart;
    end else if (!last_token) begin
      after_table = StTok;
    end else begin
      after_table = StDrain;
    end
  end

  err_code_e check;
  always_comb begin
    // Evaluated only where it is used (operand isolation).
    check = ErrCodeNone;
    dst_end = '0;
    if (checking) begin
      dst_end = operand_end(VecAddrBits'(dst_addr), dst_stride, tokens, groups);
      if (opcode != OpcodeGather) begin
        check = ErrCodeBadOpcode;
      end else if (tokens == 0 || 32'(tokens) > MaxTokens || dim == 0 ||
                   dim[LaneBits-1:0] != 0) begin
        check = ErrCodeBadShape;
      end else if (dst_end > 40'(UabVectors) || !header_fits(table_addr[0]) ||
                   !header_fits(table_addr[1]) || !header_fits(table_addr[2]) ||
                   ids_addr[1:0] != 0 || 32'(ids_addr) + 2 * 32'(tokens) > AuxBytes ||
                   types_addr[1:0] != 0 || 32'(types_addr) + 32'(tokens) > AuxBytes) begin
        check = ErrCodeBadAddress;
      end
    end
  end

  // The skeleton (rtl/prim/cmd_unit_ctrl.sv); a unit leaves open the outputs its control does
  // not need. Besides the descriptor check, a GATHER fails on a bad table header (StHdrCheck),
  // an out-of-range token (StScan) or a ReRAM read error (at the end).
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
    .fail_i     (fail),
    .fail_code_i(fail_code)
  );
  // verilator lint_on PINCONNECTEMPTY

  assign scan_end = scan_pending_q && scan_recv_q == scan_words - ScanBits'(1);
  assign drain_end = !s_valid_q && !c_wr_en_q;
  assign finish = (state_q == StDrain) && drain_end;
  always_comb begin
    fail = 1'b0;
    fail_code = ErrCodeBadAddress;
    unique case (state_q)
      StHdrCheck: begin
        fail = tables_check != ErrCodeNone;
        fail_code = tables_check;
      end
      StScan:  fail = scan_end && (scan_bad_q || scan_bad);
      StDrain: fail = drain_end && rd_err_q;
      default: ;
    endcase
  end

  always_comb begin
    state_d = state_q;
    unique case (state_q)
      StIdle:      if (start) state_d = StHdr;
      StHdr:       if (rd_resp && hdr_recv_q == 5'(Tables * HdrWords - 1)) state_d = StHdrCheck;
      StHdrCheck:  state_d = fail ? StIdle : StScan;
      StScan:      if (scan_end) state_d = fail ? StIdle : StTok;
      StTok:       state_d = StTokId;
      StTokId:     state_d = StTokType;
      StTokType:   state_d = StOffsets;
      StOffsets:   if (rd_resp && off_recv_q == 3'(2 * Tables - 1)) state_d = StMask;
      StMask:      if (rd_resp) state_d = StFillStart;
      StFillStart: state_d = StFill;
      StFill:      if (fill_done) state_d = after_table;
      StDrain:     if (finish) state_d = StIdle;
      default:     state_d = StIdle;
    endcase
  end

  // Requests: one address per state.
  always_comb begin
    rd_req = 1'b0;
    rd_addr = '0;
    unique case (state_q)
      StHdr: begin
        rd_req = hdr_issue_q < 5'(Tables * HdrWords);
        rd_addr = tbl_base[hdr_issue_table] + WBits'(hdr_issue_word);
      end
      StOffsets: begin
        rd_req = off_issue_q < 3'(2 * Tables);
        rd_addr = roff_base[2'(off_issue_q >> 1)] + WBits'(row_q[2'(off_issue_q >> 1)]) +
                  WBits'(off_issue_q[0]);
      end
      StMask: begin
        rd_req = !mask_issued_q;
        rd_addr = WBits'(mrow_q[tbl_q]) + (WBits'(grp_q) >> GpwShift);
      end
      StFill: begin
        rd_req = issue_cnt_q != 0;
        rd_addr = val_base[tbl_q] + WBits'(issue_idx_q);
      end
      default: ;
    endcase
  end

  // Aux reads: the id scan, then each token's id word and type word.
  logic [AuxWordBits-1:0] ids_word, types_word;
  assign ids_word = AuxWordBits'(ids_addr >> 2);
  assign types_word = AuxWordBits'(types_addr >> 2);
  always_comb begin
    aux_rd_req_o.en = 1'b0;
    aux_rd_req_o.addr = '0;
    unique case (state_q)
      StScan: begin
        aux_rd_req_o.en = scan_issue_q < scan_words;
        aux_rd_req_o.addr = (scan_issue_q < id_words) ?
                        ids_word + AuxWordBits'(scan_issue_q) :
                        types_word + (AuxWordBits'(scan_issue_q) - AuxWordBits'(id_words));
      end
      StTok: begin
        aux_rd_req_o.en = 1'b1;
        aux_rd_req_o.addr = ids_word + (AuxWordBits'(tok_q) >> 1);
      end
      StTokId: begin
        aux_rd_req_o.en = 1'b1;
        aux_rd_req_o.addr = types_word + (AuxWordBits'(tok_q) >> 2);
      end
      default: ;
    endcase
  end

  // The aux word received in StScan: any id or type at or above its table's rows.
  always_comb begin
    scan_bad = 1'b0;
    if (state_q == StScan && scan_pending_q) begin
      if (scan_recv_q < id_words) begin
        for (int unsigned h = 0; h < 2; h++) begin
          if (32'(scan_recv_q) * 2 + h < 32'(tokens) &&
              32'(aux_rd_data_i[16*h +: 16]) >= tbl_rows[0]) begin
            scan_bad = 1'b1;
          end
        end
      end else begin
        for (int unsigned b = 0; b < 4; b++) begin
          if ((32'(scan_recv_q) - 32'(id_words)) * 4 + b < 32'(tokens) &&
              32'(aux_rd_data_i[8*b +: 8]) >= tbl_rows[2]) begin
            scan_bad = 1'b1;
          end
        end
      end
    end
  end

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      state_q <= StIdle;
      rd_err_q <= 1'b0;
      hdr_issue_q <= '0;
      hdr_recv_q <= '0;
      scan_issue_q <= '0;
      scan_recv_q <= '0;
      scan_pending_q <= 1'b0;
      scan_bad_q <= 1'b0;
      tok_q <= '0;
      grp_q <= '0;
      tbl_q <= '0;
      dst_row_q <= '0;
      off_issue_q <= '0;
      off_recv_q <= '0;
      issue_idx_q <= '0;
      issue_cnt_q <= '0;
      filled_q <= '0;
      remain_q <= '0;
      mask_issued_q <= 1'b0;
      sum_exp_q <= '0;
      for (int unsigned k = 0; k < Tables; k++) begin
        vc_valid_q[k] <= 1'b0;
        shift_q[k] <= '0;
      end
    end else begin
      state_q <= state_d;
      if (rd_resp && reram_rd_err_i) rd_err_q <= 1'b1;
      unique case (state_q)
        StIdle: begin
          rd_err_q <= 1'b0;
          if (checking) begin
            hdr_issue_q <= '0;
            hdr_recv_q <= '0;
          end
        end
        StHdr: begin
          if (rd_accept) hdr_issue_q <= hdr_issue_q + 5'd1;
          if (rd_resp) hdr_recv_q <= hdr_recv_q + 5'd1;
        end
        StHdrCheck: begin
          for (int unsigned k = 0; k < Tables; k++) begin
            shift_q[k] <= 5'((BiasBits + 1)'(tbl_bias[k]) - bias_low);
            vc_valid_q[k] <= 1'b0;
          end
          sum_exp_q <= 8'(bias_low) - 8'sd4;
          scan_issue_q <= '0;
          scan_recv_q <= '0;
          scan_pending_q <= 1'b0;
          scan_bad_q <= 1'b0;
          tok_q <= '0;
          dst_row_q <= dst_addr;
        end
        StScan: begin
          if (aux_rd_req_o.en) scan_issue_q <= scan_issue_q + ScanBits'(1);
          scan_pending_q <= aux_rd_req_o.en;
          if (scan_pending_q) scan_recv_q <= scan_recv_q + ScanBits'(1);
          if (scan_bad) scan_bad_q <= 1'b1;
        end
        StTokType: begin
          off_issue_q <= '0;
          off_recv_q <= '0;
        end
        StOffsets: begin
          if (rd_accept) off_issue_q <= off_issue_q + 3'd1;
          if (rd_resp) off_recv_q <= off_recv_q + 3'd1;
          if (state_d == StMask) begin
            grp_q <= '0;
            tbl_q <= '0;
            mask_issued_q <= 1'b0;
          end
        end
        StMask: begin
          if (rd_accept) mask_issued_q <= 1'b1;
          if (rd_resp) mask_issued_q <= 1'b0;
        end
        StFillStart: begin
          filled_q <= (LaneBits + 1)'(cur_take);
          remain_q <= cur_avail - (LaneBits + 1)'(cur_take);
          issue_idx_q <= cur_first;
          issue_cnt_q <= (cur_avail == 0 || cur_first > cur_last) ? '0 :
                         IssueBits'(cur_last - cur_first + IdxBits'(1));
        end
        StFill: begin
          if (rd_accept) begin
            issue_idx_q <= issue_idx_q + IdxBits'(1);
            issue_cnt_q <= issue_cnt_q - IssueBits'(1);
          end
          if (rd_resp) begin
            filled_q <= filled_q + (LaneBits + 1)'(fill_take);
            remain_q <= remain_q - (LaneBits + 1)'(fill_take);
            vc_valid_q[tbl_q] <= 1'b1;
          end
          if (fill_done) begin
            mask_issued_q <= 1'b0;
            if (!last_table) begin
              tbl_q <= tbl_q + 2'd1;
            end else begin
              tbl_q <= '0;
              if (!last_group) begin
                grp_q <= grp_q + 16'd1;
              end else begin
                grp_q <= '0;
                tok_q <= tok_q + 10'd1;
                dst_row_q <= dst_row_q + VecAddrBits'(dst_stride);
              end
            end
          end
        end
        default: ;
      endcase
    end
  end

  // A row's value range as ReadEmbeddingRow takes it: [begin, max(begin, end)), the end
  // clipped to the store (begin_q holds the entry received before).
  logic [1:0] off_recv_table;
  logic [WBits-1:0] row_end;
  always_comb begin
    off_recv_table = 2'(off_recv_q >> 1);
    row_end = (reram_rd_data_i > begin_q) ? WBits'(reram_rd_data_i) : WBits'(begin_q);
    if (row_end > val_cap[off_recv_table]) row_end = val_cap[off_recv_table];
  end

  // Headers, token rows, row cursors, caches and the group being filled (datapath, no reset).
  always_ff @(posedge clk_i) begin
    if (state_q == StHdr && rd_resp) begin
      hdr_q[hdr_recv_table][hdr_recv_word] <= reram_rd_data_i;
    end
    if (state_q == StTok) row_q[1] <= 16'(tok_q);
    if (state_q == StTokId) row_q[0] <= tok_q[0] ? aux_rd_data_i[31:16] : aux_rd_data_i[15:0];
    if (state_q == StTokType) row_q[2] <= 16'((aux_rd_data_i >> {tok_q[1:0], 3'b000}) & 32'hFF);
    if (state_q == StOffsets) begin
      for (int unsigned k = 0; k < Tables; k++) begin
        mrow_q[k] <= ReramAddrBits'(mask_base[k] + WBits'(row_q[k]) * WBits'(mask_words));
      end
      if (rd_resp) begin
        if (!off_recv_q[0]) begin
          begin_q <= reram_rd_data_i;
          next_q[off_recv_table] <= PosBits'(reram_rd_data_i);
        end else begin
          end_q[off_recv_table] <= PosBits'(row_end);
        end
      end
    end
    if (state_q == StMask && rd_resp) mword_q[tbl_q] <= reram_rd_data_i;
    if (state_q == StFillStart) begin
      mask_q <= cur_mask;
      packed_q <= place('0, vc_word_q[tbl_q], cur_next[1:0], cur_take, '0);
      next_q[tbl_q] <= cur_next + PosBits'(cur_take);
    end
    if (state_q == StFill) begin
      packed_q <= fill_packed;
      if (rd_resp) begin
        next_q[tbl_q] <= next_q[tbl_q] + PosBits'(fill_take);
        vc_word_q[tbl_q] <= reram_rd_data_i;
        vc_idx_q[tbl_q] <= IdxBits'(next_q[tbl_q] >> 2);
      end
      if (fill_done && !last_table) begin
        grp_mask_q[tbl_q[0]] <= mask_q;
        grp_packed_q[tbl_q[0]] <= fill_packed;
      end
    end
  end

  // ---------------------------------------------------------------------------------------------
  // Sum stage: the three vectors of a finished group, decoded, aligned, summed, re-quantized and
  // encoded; the write is registered.
  // ---------------------------------------------------------------------------------------------
  logic group_done;
  assign group_done = (state_q == StFill) && fill_done && last_table;

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      s_valid_q <= 1'b0;
      c_wr_en_q <= 1'b0;
    end else begin
      s_valid_q <= group_done;
      c_wr_en_q <= s_valid_q;
    end
  end

  always_ff @(posedge clk_i) begin
    if (group_done) begin
      for (int unsigned k = 0; k < Tables - 1; k++) begin
        s_mask_q[k] <= grp_mask_q[k];
        s_packed_q[k] <= grp_packed_q[k];
      end
      s_mask_q[Tables-1] <= mask_q;
      s_packed_q[Tables-1] <= fill_packed;
      s_dst_q <= VecAddrBits'(40'(dst_row_q) + 40'(grp_q));
    end
  end

  logic [Lanes-1:0][7:0] dense [Tables];
  for (genvar k = 0; k < Tables; k++) begin : g_decode
    vec_decode #(.Lanes(Lanes)) u_decode (
      .en_i    (s_valid_q),
      .mask_i  (s_mask_q[k]),
      .packed_i(s_packed_q[k]),
      .dense_o (dense[k])
    );
  end

  logic [Lanes-1:0][7:0] out_code;
  logic lane_saturated [Lanes];  // unpacked: a packed vector of per-lane bits costs a
                                 // read-modify-write per bit on every cycle
  for (genvar l = 0; l < Lanes; l++) begin : g_lane
    logic signed [SumBits-1:0] sum;
    always_comb begin
      sum = '0;
      if (s_valid_q) begin
        sum = (SumBits'(int_value(dense[0][l])) <<< shift_q[0]) +
              (SumBits'(int_value(dense[1][l])) <<< shift_q[1]) +
              (SumBits'(int_value(dense[2][l])) <<< shift_q[2]);
      end
    end
    af8_requant #(.InBits(SumBits)) u_requant (
      .en_i       (s_valid_q),
      .acc_i      (sum),
      .acc_exp_i  (sum_exp_q),
      .out_bias_i (exp_out),
      .code_o     (out_code[l]),
      .saturated_o(lane_saturated[l])
    );
  end

  logic [Lanes-1:0] out_mask;
  logic [Lanes-1:0][7:0] out_packed;
  vec_encode #(.Lanes(Lanes)) u_encode (
    .en_i    (s_valid_q),
    .dense_i (out_code),
    .mask_o  (out_mask),
    .packed_o(out_packed)
  );

  // Clock gating: the write port's payload only loads with a write.
  always_ff @(posedge clk_i) begin
    if (s_valid_q) begin
      c_wr_addr_q <= s_dst_q;
      c_wr_mask_q <= out_mask;
      c_wr_data_q <= out_packed;
    end
  end

  always_comb begin
    perf_busy_o = cmd_rsp_o.busy;
    perf_saturations_o = '0;
    if (s_valid_q) begin
      for (int unsigned l = 0; l < Lanes; l++) begin
        perf_saturations_o = perf_saturations_o + CountBits'(lane_saturated[l]);
      end
    end
  end

  // Buffer traffic only while a command is in the unit, inside the UAB (the descriptor check
  // guarantees it); a legal state.
  `EB_ASSERT_NEVER(CWriteOutOfRange_A, c_wr_req_o.en && 64'(c_wr_req_o.addr) >= 64'(UabVectors))
  `EB_ASSERT_NEVER(TrafficWhileIdle_A, (c_wr_req_o.en || aux_rd_req_o.en || reram_rd_en_o) && !cmd_rsp_o.busy)
  `EB_ASSERT(StateLegal_A, state_q inside {StIdle, StHdr, StHdrCheck, StScan, StTok, StTokId, StTokType, StOffsets, StMask, StFillStart, StFill, StDrain})

endmodule
