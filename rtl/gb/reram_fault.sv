// ReRAM read-fault function of one 32-bit word (sw/golden/reram.h ApplyFaults): every cell of
// the word's mode moves by at most one level, decided by a hash of (seed, cell id), cell id =
// word address * 32 + the bit index of the cell's LSB. Purely combinational; the stored word is
// not touched. docs/reram.md derives the model.
//
// Cells: SLC 32 x 1 bit; MLC2 16 x 2 bits at [2c+1:2c]; MLC3 10 x 3 bits at [3c+2:3c] plus one
// 2-bit (MLC2-like, MLC2 threshold) cell at [31:30]. Every cell's LSB index is in 0..31, so the
// 32 per-bit hashes are computed once and shared by the three layouts.
module reram_fault
  import reram_pkg::*;
(
  input  logic [31:0] word_addr_i,
  input  logic [1:0]  mode_i,       // CellSlc, CellMlc2, CellMlc3 (3 also reads as MLC3)
  input  logic [31:0] seed_i,
  input  logic [31:0] data_i,
  output logic [31:0] data_o
);

  logic [31:0] cell_base;
  assign cell_base = word_addr_i << 5;

  // Hash of the cell whose LSB is bit b.
  logic [31:0] hash [32];
  for (genvar b = 0; b < 32; b++) begin : g_hash
    assign hash[b] = fault_hash(seed_i, cell_base + 32'(b));
  end

  logic [31:0] slc_data;
  logic [31:0] mlc2_data;
  logic [31:0] mlc3_data;

  for (genvar c = 0; c < 32; c++) begin : g_slc
    logic [2:0] cell_rd;
    logic [1:0] unused_cell_rd;
    assign cell_rd = cell_fault({2'b00, data_i[c]}, 3'd1, hash[c], ThresholdSlc);
    assign slc_data[c] = cell_rd[0];
    assign unused_cell_rd = cell_rd[2:1];  // always 0: a 1-bit cell's level stays in [0, 1]
  end

  for (genvar c = 0; c < 16; c++) begin : g_mlc2
    logic [2:0] cell_rd;
    logic unused_cell_rd;
    assign cell_rd = cell_fault({1'b0, data_i[2*c+1:2*c]}, 3'd3, hash[2*c], ThresholdMlc2);
    assign mlc2_data[2*c+1:2*c] = cell_rd[1:0];
    assign unused_cell_rd = cell_rd[2];  // always 0: a 2-bit cell's level stays in [0, 3]
  end

  for (genvar c = 0; c < 10; c++) begin : g_mlc3
    assign mlc3_data[3*c+2:3*c] = cell_fault(data_i[3*c+2:3*c], 3'd7, hash[3*c], ThresholdMlc3);
  end

  // The leftover two bits of an MLC3 word: a 4-level cell, so MLC2's level spacing and threshold.
  logic [2:0] mlc3_top_cell;
  logic unused_mlc3_top_cell;
  assign mlc3_top_cell = cell_fault({1'b0, data_i[31:30]}, 3'd3, hash[30], ThresholdMlc2);
  assign mlc3_data[31:30] = mlc3_top_cell[1:0];
  assign unused_mlc3_top_cell = mlc3_top_cell[2];

  always_comb begin
    unique case (mode_i)
      CellSlc:  data_o = slc_data;
      CellMlc2: data_o = mlc2_data;
      CellMlc3: data_o = mlc3_data;
      default:  data_o = mlc3_data;  // the reserved mode 3 reads as MLC3
    endcase
  end

endmodule
