// Port bundles whose widths depend on a unit's parameters (its lane count, its aux buffer's
// size). SystemVerilog packages take no parameters, so, as pulp-platform/axi's typedef.svh does,
// macros declare the types where the parameters are known: as localparam types at the end of
// the module's parameter list,
//   `EDGEBERT_VEC_TYPES(Lanes),
//   `EDGEBERT_AUX_TYPES(AuxWordBits)
// The lane-independent bundles (commands, vector read requests) are in cmd_pkg.
//   vec_rsp_t     a vector read's answer, the cycle after its request: mask plane and codes
//   vec_wr_req_t  a vector write: en, the vector address, mask plane, codes
//   aux_rd_req_t  an aux word read: word address, en (the 32-bit word comes the cycle after)
//   aux_wr_req_t  an aux word write: word address, data, en
// Members are ordered so that the harness finds them at positions it can compute
// (sim/harness/unit_ports.h): codes from bit 0 of a vector, en in bit 0 of an aux request
// (whose address width varies).
`ifndef EDGEBERT_UNIT_TYPEDEF_SVH_
`define EDGEBERT_UNIT_TYPEDEF_SVH_

`define EDGEBERT_VEC_TYPES(lanes)                                                     \
  localparam type vec_rsp_t = struct packed {                                         \
    logic [(lanes)-1:0]          mask;                                                \
    logic [(lanes)-1:0][7:0]     data;                                                \
  },                                                                                  \
  localparam type vec_wr_req_t = struct packed {                                      \
    logic                        en;                                                  \
    logic [cmd_pkg::VecAddrBits-1:0] addr;                                            \
    logic [(lanes)-1:0]          mask;                                                \
    logic [(lanes)-1:0][7:0]     data;                                                \
  }

`define EDGEBERT_AUX_TYPES(aux_word_bits)                                             \
  localparam type aux_rd_req_t = struct packed {                                      \
    logic [(aux_word_bits)-1:0]  addr;                                                \
    logic                        en;                                                  \
  },                                                                                  \
  localparam type aux_wr_req_t = struct packed {                                      \
    logic [(aux_word_bits)-1:0]  addr;                                                \
    logic [31:0]                 data;                                                \
    logic                        en;                                                  \
  }

`endif  // EDGEBERT_UNIT_TYPEDEF_SVH_
