// Command-descriptor helpers shared by every command unit (the PU and the GB units): reading a
// field by its generated position (edgebert_csr_pkg), and the operand-range arithmetic of the
// validation (golden::OperandEnd in sw/golden/descriptor.h).
package cmd_pkg;

  // The field of `width` bits at `lsb` of a descriptor word, right-aligned. It takes the one word
  // (cmd_q[Word]), not the descriptor: Verilator copies a function's arguments on every call, and
  // each unit decodes its fields every cycle.
  function automatic logic [31:0] cmd_field(input logic [31:0] word, input int unsigned lsb,
                                            input int unsigned width);
    return (word >> lsb) & ((32'd1 << width) - 32'd1);
  endfunction

  // One past the last vector of a rows x groups operand at base, stride vectors per row; 40 bits
  // cannot overflow.
  function automatic logic [39:0] operand_end(input logic [23:0] base, input logic [15:0] stride,
                                              input logic [15:0] rows, input logic [15:0] groups);
    logic [15:0] last_row;
    last_row = rows - 16'd1;
    return 40'(base) + 40'(last_row) * 40'(stride) + 40'(groups);
  endfunction

endpackage
