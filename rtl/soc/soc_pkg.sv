// SoC-level types and constants (docs/architecture.md section 15): the AXI4 encodings, the
// regions of the memory map (yaml/regmap.yaml, through edgebert_csr_pkg) and the internal 32-bit
// word bus between the AXI slave (soc_axi) and the address splitter (soc_axi_splitter).
package soc_pkg;

  import edgebert_csr_pkg::*;

  // verilator lint_off UNUSEDPARAM
  localparam int unsigned AxiAddrWidth = 32;
  localparam int unsigned AxiDataWidth = 64;
  localparam int unsigned AxiStrbWidth = AxiDataWidth / 8;
  localparam int unsigned AxiIdWidth = 4;
  // verilator lint_on UNUSEDPARAM

  typedef enum logic [1:0] {
    AxiRespOkay   = 2'b00,
    AxiRespExOkay = 2'b01,
    AxiRespSlvErr = 2'b10,
    AxiRespDecErr = 2'b11
  } axi_resp_e;

  typedef enum logic [1:0] {
    AxiBurstFixed = 2'b00,
    AxiBurstIncr  = 2'b01,
    AxiBurstWrap  = 2'b10
  } axi_burst_e;

  // One 32-bit word access: the AXI slave splits every 64-bit beat into its active 32-bit halves.
  // `single` marks a burst of one beat of 4 bytes (AxLEN 0, AxSIZE 2), the only form a CSR
  // accepts. A request is a one-cycle pulse of `valid`; the splitter answers it with one
  // response pulse, at the earliest the cycle after.
  typedef struct packed {
    logic        valid;
    logic        we;
    logic [31:0] addr;   // byte address, 4-aligned
    logic [31:0] wdata;
    logic [3:0]  wstrb;
    logic        single;
  } wb_req_t;

  typedef struct packed {
    logic        valid;
    logic [31:0] rdata;
    axi_resp_e   resp;
  } wb_rsp_t;

  typedef enum logic [2:0] {
    RegionNone,
    RegionCsr,
    RegionWsramVal,
    RegionWsramMask,
    RegionUabVal,
    RegionUabMask,
    RegionAux,
    RegionReram
  } region_e;

  function automatic logic in_window(input logic [31:0] addr, input logic [31:0] base,
                                     input logic [31:0] size);
    return addr >= base && {1'b0, addr} < {1'b0, base} + {1'b0, size};
  endfunction

  // The memory-map window an address falls in.
  function automatic region_e decode_region(input logic [31:0] addr);
    region_e region;
    region = RegionNone;
    if (in_window(addr, MemCsrBase, MemCsrSize)) region = RegionCsr;
    else if (in_window(addr, MemWsramValBase, MemWsramValSize)) region = RegionWsramVal;
    else if (in_window(addr, MemWsramMaskBase, MemWsramMaskSize)) region = RegionWsramMask;
    else if (in_window(addr, MemUabValBase, MemUabValSize)) region = RegionUabVal;
    else if (in_window(addr, MemUabMaskBase, MemUabMaskSize)) region = RegionUabMask;
    else if (in_window(addr, MemAuxBase, MemAuxSize)) region = RegionAux;
    else if (in_window(addr, MemReramBase, MemReramSize)) region = RegionReram;
    return region;
  endfunction

  // The window's base address.
  function automatic logic [31:0] region_base(input region_e region);
    logic [31:0] base;
    unique case (region)
      RegionWsramVal:  base = MemWsramValBase;
      RegionWsramMask: base = MemWsramMaskBase;
      RegionUabVal:    base = MemUabValBase;
      RegionUabMask:   base = MemUabMaskBase;
      RegionAux:       base = MemAuxBase;
      RegionReram:     base = MemReramBase;
      default:         base = MemCsrBase;
    endcase
    return base;
  endfunction

  // The worse of two responses for a burst's single B response: the first error is kept.
  function automatic axi_resp_e first_error(input axi_resp_e kept, input axi_resp_e next);
    return (kept == AxiRespOkay) ? next : kept;
  endfunction

endpackage
