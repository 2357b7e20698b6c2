// Address splitter: routes each 32-bit word access of the AXI slave to the CSR block, the weight
// SRAM or the global buffer's host port by the memory map (yaml/regmap.yaml), and answers it
// (docs/architecture.md section 15):
//   unmapped address, or beyond the backed part of its window       DECERR, no access
//   CSR access that is not a single 4-byte beat                      SLVERR, no access
//   CSR access the register block rejects (see soc_csr)              SLVERR
//   memory access while a command runs (STATUS.BUSY)                 SLVERR, no access
//   memory write with no strobe set                                  OKAY, no access
// Backed bytes from each window's base: WSRAM_VAL WsramVectors*Lanes, WSRAM_MASK WsramVectors*4,
// UAB_VAL UabVectors*Lanes, UAB_MASK UabVectors*4, AUX AuxBytes, RERAM ReramWords*4.
// One access at a time; the response comes one cycle after the target answers the request, at
// the earliest the cycle after the request.
`include "eb_assert.svh"

module soc_axi_splitter
  import edgebert_csr_pkg::*;
  import soc_pkg::*;
  import cmd_pkg::HostWordBits;
#(
  parameter int unsigned Lanes = 16,
  parameter int unsigned UabVectors = 65536,
  parameter int unsigned WsramVectors = 1048576,
  parameter int unsigned AuxBytes = 65536,
  parameter int unsigned ReramWords = 1048576
) (
  input  logic                    clk_i,
  input  logic                    rst_ni,

  input  wb_req_t                 wb_req_i,
  output wb_rsp_t                 wb_rsp_o,

  // A command is executing: memory accesses are refused.
  input  logic                    busy_i,

  // CSR block: answers the cycle after a request.
  output logic                    csr_req_o,
  output logic                    csr_we_o,
  output logic [11:0]             csr_addr_o,
  output logic [31:0]             csr_wdata_o,
  output logic [3:0]              csr_wstrb_o,
  input  logic [31:0]             csr_rdata_i,
  input  logic                    csr_err_i,

  // Weight SRAM host port (plane 0 values, 1 masks; word addresses): answers the cycle after.
  output logic                    wsram_en_o,
  output logic                    wsram_we_o,
  output logic                    wsram_plane_o,
  output logic [HostWordBits-1:0] wsram_addr_o,
  output logic [31:0]             wsram_wdata_o,
  output logic [3:0]              wsram_wstrb_o,
  input  logic [31:0]             wsram_rdata_i,
  input  logic                    wsram_err_i,

  // Global-buffer host port (rtl/gb/gb.sv).
  output logic                    gb_en_o,
  input  logic                    gb_ready_i,
  output logic                    gb_we_o,
  output logic [1:0]              gb_space_o,
  output logic [HostWordBits-1:0] gb_addr_o,
  output logic [31:0]             gb_wdata_o,
  output logic [3:0]              gb_wstrb_o,
  input  logic                    gb_rvalid_i,
  input  logic [31:0]             gb_rdata_i,
  input  logic                    gb_err_i
);

  // Backed bytes per window (64-bit arithmetic: the reference sizes reach 2^24 and more).
  localparam logic [63:0] WsramValBytes = 64'(WsramVectors) * 64'(Lanes);
  localparam logic [63:0] WsramMaskBytes = 64'(WsramVectors) * 64'd4;
  localparam logic [63:0] UabValBytes = 64'(UabVectors) * 64'(Lanes);
  localparam logic [63:0] UabMaskBytes = 64'(UabVectors) * 64'd4;
  localparam logic [63:0] AuxBackedBytes = 64'(AuxBytes);
  localparam logic [63:0] ReramBytes = 64'(ReramWords) * 64'd4;

  typedef enum logic [1:0] {StIdle, StHold, StWait} state_e;
  typedef enum logic [1:0] {TgtNone, TgtCsr, TgtWsram, TgtGb} target_e;

  state_e state_q;
  target_e target_q;
  wb_req_t req_q;
  axi_resp_e imm_resp_q;

  // The request being decided: a new one in StIdle, a held one (GB not ready) in StHold.
  wb_req_t cur;
  logic cur_valid;
  assign cur = (state_q == StIdle) ? wb_req_i : req_q;
  assign cur_valid = (state_q == StIdle) ? wb_req_i.valid : (state_q == StHold);

  region_e region;
  logic [31:0] offset;
  logic backed, is_csr, is_wsram, is_gb, no_strobe;
  always_comb begin
    region = decode_region(cur.addr);
    offset = cur.addr - region_base(region);
    unique case (region)
      RegionCsr:       backed = 1'b1;
      RegionWsramVal:  backed = 64'(offset) < WsramValBytes;
      RegionWsramMask: backed = 64'(offset) < WsramMaskBytes;
      RegionUabVal:    backed = 64'(offset) < UabValBytes;
      RegionUabMask:   backed = 64'(offset) < UabMaskBytes;
      RegionAux:       backed = 64'(offset) < AuxBackedBytes;
      RegionReram:     backed = 64'(offset) < ReramBytes;
      default:         backed = 1'b0;
    endcase
    is_csr = (region == RegionCsr);
    is_wsram = (region == RegionWsramVal) || (region == RegionWsramMask);
    is_gb = backed && !is_csr && !is_wsram;
    no_strobe = cur.we && (cur.wstrb == 4'd0);
  end

  // Decision: answered at once (imm), or taken by a target.
  logic imm;
  axi_resp_e imm_resp;
  always_comb begin
    imm = 1'b1;
    imm_resp = AxiRespOkay;
    if (!backed) imm_resp = AxiRespDecErr;
    else if (is_csr && !cur.single) imm_resp = AxiRespSlvErr;
    else if (!is_csr && busy_i) imm_resp = AxiRespSlvErr;
    else if (!is_csr && no_strobe) imm_resp = AxiRespOkay;
    else imm = 1'b0;
  end

  assign csr_req_o = cur_valid && !imm && is_csr;
  assign csr_we_o = cur.we;
  assign csr_addr_o = offset[11:0];
  assign csr_wdata_o = cur.wdata;
  assign csr_wstrb_o = cur.wstrb;

  assign wsram_en_o = cur_valid && !imm && is_wsram;
  assign wsram_we_o = cur.we;
  assign wsram_plane_o = (region == RegionWsramMask);
  assign wsram_addr_o = offset[25:2];
  assign wsram_wdata_o = cur.wdata;
  assign wsram_wstrb_o = cur.wstrb;

  assign gb_en_o = cur_valid && !imm && is_gb;
  assign gb_we_o = cur.we;
  always_comb begin
    unique case (region)
      RegionUabMask: gb_space_o = 2'd1;
      RegionAux:     gb_space_o = 2'd2;
      RegionReram:   gb_space_o = 2'd3;
      default:       gb_space_o = 2'd0;
    endcase
  end
  assign gb_addr_o = offset[25:2];
  assign gb_wdata_o = cur.wdata;
  assign gb_wstrb_o = cur.wstrb;

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      state_q <= StIdle;
      target_q <= TgtNone;
      req_q <= '0;
      imm_resp_q <= AxiRespOkay;
    end else begin
      unique case (state_q)
        StIdle, StHold: begin
          if (cur_valid) begin
            req_q <= cur;
            imm_resp_q <= imm_resp;
            if (imm) begin
              target_q <= TgtNone;
              state_q <= StWait;
            end else if (is_csr) begin
              target_q <= TgtCsr;
              state_q <= StWait;
            end else if (is_wsram) begin
              target_q <= TgtWsram;
              state_q <= StWait;
            end else begin
              target_q <= TgtGb;
              state_q <= gb_ready_i ? StWait : StHold;
            end
          end
        end
        StWait: begin
          if (wb_rsp_o.valid) state_q <= StIdle;
        end
        default: state_q <= StIdle;
      endcase
    end
  end

  // Responses: each target's answer passes straight through.
  always_comb begin
    wb_rsp_o.valid = 1'b0;
    wb_rsp_o.rdata = '0;
    wb_rsp_o.resp = AxiRespOkay;
    if (state_q == StWait) begin
      unique case (target_q)
        TgtNone: begin
          wb_rsp_o.valid = 1'b1;
          wb_rsp_o.resp = imm_resp_q;
        end
        TgtCsr: begin
          wb_rsp_o.valid = 1'b1;
          wb_rsp_o.rdata = csr_err_i ? '0 : csr_rdata_i;
          wb_rsp_o.resp = csr_err_i ? AxiRespSlvErr : AxiRespOkay;
        end
        TgtWsram: begin
          wb_rsp_o.valid = 1'b1;
          wb_rsp_o.rdata = wsram_err_i ? '0 : wsram_rdata_i;
          wb_rsp_o.resp = wsram_err_i ? AxiRespSlvErr : AxiRespOkay;
        end
        default: begin
          wb_rsp_o.valid = gb_rvalid_i;
          wb_rsp_o.rdata = gb_err_i ? '0 : gb_rdata_i;
          wb_rsp_o.resp = gb_err_i ? AxiRespSlvErr : AxiRespOkay;
        end
      endcase
    end
  end

  // One access at a time: no new request while one waits for its answer; no target is reached
  // while a command runs (the refusal is this block's); the GB answers only when asked.
  `EB_ASSERT_NEVER(RequestWhileWaiting_A, wb_req_i.valid && state_q == StWait)
  `EB_ASSERT_NEVER(MemoryWhileBusy_A, (wsram_en_o || gb_en_o) && busy_i)
  `EB_ASSERT_NEVER(GbAnswerUnasked_A, gb_rvalid_i && !(state_q == StWait && target_q == TgtGb))
  `EB_ASSERT(StateLegal_A, state_q inside {StIdle, StHold, StWait})

endmodule
