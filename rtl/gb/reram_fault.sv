// ReRAM read-fault function of one 32-bit word (sw/golden/reram.h ApplyFaults): every cell of
// the word's mode moves by at most one level, decided by a hash of (seed, cell id), cell id =
// word address * 32 + the bit index of the cell's LSB. Purely combinational; the stored word is
// not touched. docs/reram.md derives the model.
//
// Cells: SLC 32 x 1 bit; MLC2 16 x 2 bits at [2c+1:2c]; MLC3 10 x 3 bits at [3c+2:3c] plus one
// 2-bit (MLC2-like, MLC2 threshold) cell at [31:30].
//
// Operand isolation: while en_i is low the output is zero and nothing else is evaluated, and
// only the cells of the word's own mode are hashed (the store reads a faulty word once per read,
// not every cycle).
module reram_fault
  import reram_pkg::*;
(
  input  logic        en_i,
  input  logic [31:0] word_addr_i,
  input  logic [1:0]  mode_i,       // CellSlc, CellMlc2, CellMlc3 (3 also reads as MLC3)
  input  logic [31:0] seed_i,
  input  logic [31:0] data_i,
  output logic [31:0] data_o
);

  // The word as read. A function so that its temporaries are its own (no latches while disabled).
  function automatic logic [31:0] faulty_word(input logic [31:0] word_addr,
                                              input logic [1:0] mode,
                                              input logic [31:0] seed,
                                              input logic [31:0] data);
    logic [31:0] cell_base;
    logic [31:0] word;
    logic [1:0] cell_rd;  // a 1- or 2-bit cell as read (its level never leaves [0, 3])
    cell_base = word_addr << 5;
    word = '0;
    unique case (mode)
      CellSlc: begin
        for (int unsigned c = 0; c < 32; c++) begin
          cell_rd = 2'(cell_fault({2'b00, data[c]}, 3'd1, fault_hash(seed, cell_base + 32'(c)),
                                  ThresholdSlc));
          word[c] = cell_rd[0];
        end
      end
      CellMlc2: begin
        for (int unsigned c = 0; c < 16; c++) begin
          cell_rd = 2'(cell_fault({1'b0, data[2*c +: 2]}, 3'd3,
                                  fault_hash(seed, cell_base + 32'(2 * c)), ThresholdMlc2));
          word[2*c +: 2] = cell_rd;
        end
      end
      default: begin  // CellMlc3, and the reserved mode 3 reads as MLC3
        for (int unsigned c = 0; c < 10; c++) begin
          word[3*c +: 3] = cell_fault(data[3*c +: 3], 3'd7,
                                      fault_hash(seed, cell_base + 32'(3 * c)), ThresholdMlc3);
        end
        // The leftover two bits: a 4-level cell, so MLC2's level spacing and threshold.
        cell_rd = 2'(cell_fault({1'b0, data[31:30]}, 3'd3, fault_hash(seed, cell_base + 32'd30),
                                ThresholdMlc2));
        word[31:30] = cell_rd;
      end
    endcase
    return word;
  endfunction

  always_comb begin
    data_o = '0;
    if (en_i) data_o = faulty_word(word_addr_i, mode_i, seed_i, data_i);
  end

endmodule
