// AXI4 slave (32-bit address, 64-bit data, 4-bit IDs) in front of the SoC's 32-bit word bus
// (docs/architecture.md section 15).
//
// One burst at a time: a write burst (AW, its W beats, B) or a read burst (AR, its R beats);
// when both an AW and an AR wait, they alternate. Bursts are INCR of up to 256 beats with
// AxSIZE up to 3 (8 bytes); the first beat may be unaligned. Each beat becomes one 32-bit word
// access per active half (the low half when address bit 2 is 0, the high half when the beat is
// 8 bytes wide or address bit 2 is 1), low half first, with the beat's 4 strobes of that half.
// A FIXED or WRAP burst, or AxSIZE above 3, makes no access: every beat answers SLVERR (writes
// still take all their W beats). Every beat is answered whatever the target says, so a burst
// never hangs. The B response is the first non-OKAY response of the burst's word accesses;
// each R beat carries the first non-OKAY response of its own halves (data of a failed half: 0).
// The beat count comes from AxLEN; WLAST is not checked.
`include "eb_assert.svh"

module soc_axi
  import soc_pkg::*;
(
  input  logic                    clk_i,
  input  logic                    rst_ni,

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

  // Word bus to the splitter: one request in flight.
  output wb_req_t                 wb_req_o,
  input  wb_rsp_t                 wb_rsp_i
);

  typedef enum logic [2:0] {StIdle, StWrData, StWrWord, StWrResp, StRdWord, StRdResp} state_e;

  state_e state_q;
  logic [AxiIdWidth-1:0] id_q;
  logic [31:0] addr_q;            // address of the current beat
  logic [7:0] beats_left_q;       // beats after the current one
  logic [2:0] size_q;
  logic supported_q;              // INCR with AxSIZE <= 3
  logic single_q;                 // one beat of 4 bytes
  logic half_q;                   // the half being accessed: 0 low, 1 high
  logic pending_q;                // a word request awaits its response
  logic prio_wr_q;                // an AW wins over a waiting AR
  logic [63:0] wdata_q, rdata_q;
  logic [7:0] wstrb_q;
  axi_resp_e burst_resp_q, beat_resp_q;

  // Arbitration in StIdle.
  logic take_wr, take_rd;
  assign take_wr = (state_q == StIdle) && axi_awvalid_i && (!axi_arvalid_i || prio_wr_q);
  assign take_rd = (state_q == StIdle) && axi_arvalid_i && !take_wr;
  assign axi_awready_o = take_wr;
  assign axi_arready_o = take_rd;
  assign axi_wready_o = (state_q == StWrData);

  // Halves of the current beat.
  // The low half is active when address bit 2 is 0 (half_q starts there), the high half when
  // the beat is 8 bytes wide or address bit 2 is 1.
  logic hi_active, in_beat, beat_done, last_half;
  assign hi_active = (size_q == 3'd3) || addr_q[2];
  assign in_beat = (state_q == StWrWord) || (state_q == StRdWord);
  assign last_half = half_q || !hi_active;
  // A beat ends when its last half answers, or at once for an unsupported burst.
  assign beat_done = in_beat && (!supported_q || (wb_rsp_i.valid && last_half));

  // Next beat's address: aligned to the transfer size, plus the size.
  logic [31:0] addr_next;
  always_comb begin
    logic [31:0] bytes;
    bytes = 32'd1 << size_q;
    addr_next = (addr_q & ~(bytes - 32'd1)) + bytes;
  end

  // Word request.
  always_comb begin
    wb_req_o.valid = in_beat && supported_q && !pending_q;
    wb_req_o.we = (state_q == StWrWord);
    wb_req_o.addr = {addr_q[31:3], half_q, 2'b00};
    wb_req_o.wdata = half_q ? wdata_q[63:32] : wdata_q[31:0];
    wb_req_o.wstrb = half_q ? wstrb_q[7:4] : wstrb_q[3:0];
    wb_req_o.single = single_q;
  end

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      state_q <= StIdle;
      id_q <= '0;
      addr_q <= '0;
      beats_left_q <= '0;
      size_q <= '0;
      supported_q <= 1'b0;
      single_q <= 1'b0;
      half_q <= 1'b0;
      pending_q <= 1'b0;
      prio_wr_q <= 1'b0;
      wdata_q <= '0;
      wstrb_q <= '0;
      rdata_q <= '0;
      burst_resp_q <= AxiRespOkay;
      beat_resp_q <= AxiRespOkay;
    end else begin
      unique case (state_q)
        StIdle: begin
          if (take_wr || take_rd) begin
            id_q <= take_wr ? axi_awid_i : axi_arid_i;
            addr_q <= take_wr ? axi_awaddr_i : axi_araddr_i;
            beats_left_q <= take_wr ? axi_awlen_i : axi_arlen_i;
            size_q <= take_wr ? axi_awsize_i : axi_arsize_i;
            supported_q <= take_wr ? (axi_awburst_i == AxiBurstIncr && axi_awsize_i <= 3'd3)
                                   : (axi_arburst_i == AxiBurstIncr && axi_arsize_i <= 3'd3);
            single_q <= take_wr ? (axi_awlen_i == 8'd0 && axi_awsize_i == 3'd2)
                                : (axi_arlen_i == 8'd0 && axi_arsize_i == 3'd2);
            burst_resp_q <= AxiRespOkay;
            prio_wr_q <= !take_wr;
            state_q <= take_wr ? StWrData : StRdWord;
            half_q <= take_wr ? axi_awaddr_i[2] : axi_araddr_i[2];
            pending_q <= 1'b0;
            beat_resp_q <= AxiRespOkay;
            rdata_q <= '0;
          end
        end
        StWrData: begin
          if (axi_wvalid_i) begin
            wdata_q <= axi_wdata_i;
            wstrb_q <= axi_wstrb_i;
            half_q <= addr_q[2];
            pending_q <= 1'b0;
            state_q <= StWrWord;
          end
        end
        StWrWord, StRdWord: begin
          if (wb_req_o.valid) pending_q <= 1'b1;
          if (wb_rsp_i.valid) begin
            pending_q <= 1'b0;
            beat_resp_q <= first_error(beat_resp_q, wb_rsp_i.resp);
            burst_resp_q <= first_error(burst_resp_q, wb_rsp_i.resp);
            if (wb_rsp_i.resp == AxiRespOkay) begin
              if (half_q) rdata_q[63:32] <= wb_rsp_i.rdata;
              else rdata_q[31:0] <= wb_rsp_i.rdata;
            end
            if (!last_half) half_q <= 1'b1;
          end
          if (!supported_q) begin
            beat_resp_q <= AxiRespSlvErr;
            burst_resp_q <= AxiRespSlvErr;
          end
          if (beat_done) begin
            if (state_q == StRdWord) begin
              state_q <= StRdResp;
            end else if (beats_left_q == 8'd0) begin
              state_q <= StWrResp;
            end else begin
              beats_left_q <= beats_left_q - 8'd1;
              addr_q <= addr_next;
              state_q <= StWrData;
            end
          end
        end
        StWrResp: begin
          if (axi_bready_i) state_q <= StIdle;
        end
        StRdResp: begin
          if (axi_rready_i) begin
            rdata_q <= '0;
            beat_resp_q <= AxiRespOkay;
            if (beats_left_q == 8'd0) begin
              state_q <= StIdle;
            end else begin
              beats_left_q <= beats_left_q - 8'd1;
              addr_q <= addr_next;
              half_q <= addr_next[2];
              pending_q <= 1'b0;
              state_q <= StRdWord;
            end
          end
        end
        default: state_q <= StIdle;
      endcase
    end
  end

  assign axi_bvalid_o = (state_q == StWrResp);
  assign axi_bid_o = id_q;
  assign axi_bresp_o = burst_resp_q;
  assign axi_rvalid_o = (state_q == StRdResp);
  assign axi_rid_o = id_q;
  assign axi_rdata_o = rdata_q;
  assign axi_rresp_o = beat_resp_q;
  assign axi_rlast_o = (state_q == StRdResp) && (beats_left_q == 8'd0);

  // The beat count is AxLEN's; a master's WLAST adds nothing.
  logic unused_wlast;
  assign unused_wlast = axi_wlast_i;

  // The slave's AXI duties this block can see itself (the C++ checker watches the rest): a
  // response holds until it is taken; one word request at a time, each answered once; a legal
  // state.
  `EB_ASSERT_STABLE(BHeld_A, axi_bvalid_o, axi_bready_i, {axi_bid_o, axi_bresp_o})
  `EB_ASSERT_STABLE(RHeld_A, axi_rvalid_o, axi_rready_i,
                    {axi_rid_o, axi_rdata_o, axi_rresp_o, axi_rlast_o})
  `EB_ASSERT_NEVER(AnswerWithoutRequest_A, wb_rsp_i.valid && !pending_q)
  `EB_ASSERT(StateLegal_A, state_q inside {StIdle, StWrData, StWrWord, StWrResp, StRdWord,
                                           StRdResp})

endmodule
