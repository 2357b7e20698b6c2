// Constants and cell functions of the ReRAM embedding store (rtl/gb/reram_store.sv,
// rtl/gb/reram_fault.sv). The definition is sw/golden/reram.h and docs/reram.md; the RTL test
// (tests/rtl/reram_rtl_test.cc) holds every read word to the C++ model, so these integers and
// functions cannot drift from it unnoticed.
package reram_pkg;

  // `make lint` elaborates every package with every module as top, and each module of this block
  // uses only some of these constants, so unused ones are expected (as in af8_pkg).
  // verilator lint_off UNUSEDPARAM

  // Cell mode of a word: RERAM_CTRL.VALUE_MODE numbering; 3 is read as MLC3.
  localparam logic [1:0] CellSlc = 2'd0;
  localparam logic [1:0] CellMlc2 = 2'd1;
  localparam logic [1:0] CellMlc3 = 2'd2;

  // Fault thresholds T = round(Q(margin) * 2^32), Q the Gaussian tail, margin = Delta/(2 sigma):
  // SLC 6.0 (p = 9.87e-10), MLC2 4.265 (p = 9.995e-6), MLC3 2.326 (p = 1.0009e-2) per neighbour.
  localparam logic [31:0] ThresholdSlc = 32'd4;
  localparam logic [31:0] ThresholdMlc2 = 32'd42929;
  localparam logic [31:0] ThresholdMlc3 = 32'd42989510;

  // Per-cell hash: h = seed ^ (id * HashIdMul); h ^= h >> 16; h *= HashMul1; h ^= h >> 13;
  // h *= HashMul2; h ^= h >> 16 (all mod 2^32).
  localparam logic [31:0] HashIdMul = 32'h9E37_79B9;
  localparam logic [31:0] HashMul1 = 32'h85EB_CA6B;
  localparam logic [31:0] HashMul2 = 32'hC2B2_AE35;
  // verilator lint_on UNUSEDPARAM

  function automatic logic [31:0] fault_hash(logic [31:0] seed, logic [31:0] cell_id);
    logic [31:0] h;
    h = seed ^ (cell_id * HashIdMul);
    h = h ^ (h >> 16);
    h = h * HashMul1;
    h = h ^ (h >> 13);
    h = h * HashMul2;
    h = h ^ (h >> 16);
    return h;
  endfunction

  // One cell of up to 3 bits: `gray` its stored bits (zero-extended), `top` its highest level
  // (1, 3 or 7), h its hash, t its threshold. Returns the bits as read (zero-extended): the level
  // moves down when it can and h < t, else up when it can and h is in the next window of width
  // t, else it stays. A one-level move flips one bit of the Gray code.
  function automatic logic [2:0] cell_fault(logic [2:0] gray, logic [2:0] top, logic [31:0] h,
                                            logic [31:0] t);
    logic [2:0] level;
    logic can_down;
    logic can_up;
    level[2] = gray[2];
    level[1] = gray[1] ^ level[2];
    level[0] = gray[0] ^ level[1];
    can_down = level != 3'd0;
    can_up = level != top;
    if (can_down && h < t) begin
      level = level - 3'd1;
    end else if (can_up && (h - (can_down ? t : 32'd0)) < t) begin
      level = level + 3'd1;
    end
    return level ^ (level >> 1);
  endfunction

endpackage
