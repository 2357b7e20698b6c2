// Command-descriptor helpers shared by every command unit (the PU and the GB units): the
// operand-range arithmetic of the validation (golden::OperandEnd in sw/golden/descriptor.h).
// Fields are read as slices at their generated positions (edgebert_csr_pkg), e.g.
// cmd_q[CmdMatmulMWord][CmdMatmulMLsb +: CmdMatmulMWidth]: a function taking the descriptor would
// copy its 512 bits per call, and every unit decodes its fields every cycle.
package cmd_pkg;
  import edgebert_csr_pkg::*;

  // Address widths, each derived from what it addresses (the generated register map). Each unit
  // uses some of them.
  // verilator lint_off UNUSEDPARAM
  // Vectors in the UAB and WSRAM: the descriptors' vector address fields.
  localparam int unsigned VecAddrBits = CmdMatmulAAddrWidth;
  // Host word addresses within one memory-map window: the largest window (WSRAM values).
  localparam int unsigned HostWordBits = $clog2(MemWsramValSize / 4);
  // ReRAM word addresses: the RERAM window.
  localparam int unsigned ReramAddrBits = $clog2(MemReramSize / 4);
  // verilator lint_on UNUSEDPARAM

  // The command port of every command unit (the PU, the GB and each GB unit), in the request/
  // response pattern: the issuer drives a cmd_req_t to all its units and selects one (the unit's
  // cmd_sel_i, as APB's PSEL: a per-unit copy of the descriptor would be simulated every cycle),
  // the unit answers with a cmd_rsp_t. A request is taken in a cycle with valid && cmd_sel_i &&
  // ready; the unit is busy from the cycle after until its one-cycle done. The harness reads
  // these bit positions (sim/harness/cmd_port.h): the descriptor's word w is bits 32w+31:32w of a
  // request, err_code the low bits of a response.
  typedef struct packed {
    logic                      valid;
    logic [CmdWords-1:0][31:0] desc;
  } cmd_req_t;

  typedef struct packed {
    logic      ready;
    logic      busy;
    logic      done;      // one-cycle pulse at the end of a command
    logic      err;       // with done: the command failed
    err_code_e err_code;  // with done
  } cmd_rsp_t;

  // A vector read request (UAB or WSRAM); the answer, a vec_rsp_t (rtl/include/unit_typedef.svh),
  // comes the cycle after. en is bit 0 (sim/harness/unit_ports.h).
  typedef struct packed {
    logic [VecAddrBits-1:0] addr;
    logic                   en;
  } vec_rd_req_t;

  // One past the last vector of a rows x groups operand at base, stride vectors per row; 40 bits
  // cannot overflow.
  function automatic logic [39:0] operand_end(input logic [VecAddrBits-1:0] base,
                                              input logic [15:0] stride, input logic [15:0] rows,
                                              input logic [15:0] groups);
    logic [15:0] last_row;
    last_row = rows - 16'd1;
    return 40'(base) + 40'(last_row) * 40'(stride) + 40'(groups);
  endfunction

endpackage
