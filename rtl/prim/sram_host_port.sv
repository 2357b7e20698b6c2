// The host's 32-bit port into an SRAM of Entries slots of SlotBytes bytes (the UAB and WSRAM:
// one n-byte vector value slot each, plus an n-bit mask plane; the aux buffer: 4-byte words, no
// mask plane). Every SRAM host port does the same: map the host word to a slot and the word
// within it, fetch the slot as stored (zero when never written), merge the strobed bytes, and
// answer the cycle after with the read data or an out-of-range error. The storage stays in the
// owner (the harness's backdoor loads reach it there); this module tells it which slot to read
// and what to write back.
//
// plane_i selects the mask plane (word v is vector v's mask; byte strobes apply to its bits 8b..
// 8b+7); owners without one tie it low. A vector becoming valid through a host write starts from
// zero in both planes.
`include "eb_assert.svh"

module sram_host_port
  import cmd_pkg::HostWordBits;
#(
  parameter int unsigned SlotBytes = 16,
  parameter int unsigned Entries = 65536,
  localparam int unsigned SlotBits = SlotBytes * 8,
  localparam int unsigned IndexBits = (Entries > 1) ? $clog2(Entries) : 1,
  localparam int unsigned WordsPerSlot = SlotBytes / 4,
  localparam int unsigned WordBits = $clog2(WordsPerSlot) > 0 ? $clog2(WordsPerSlot) : 1
) (
  input  logic                    clk_i,
  input  logic                    rst_ni,

  // Host request (one per cycle when en_i) and its response the cycle after.
  input  logic                    en_i,
  input  logic                    we_i,
  input  logic                    plane_i,
  input  logic [HostWordBits-1:0] addr_i,
  input  logic [31:0]             wdata_i,
  input  logic [3:0]              wstrb_i,
  output logic [31:0]             rdata_o,
  output logic                    err_o,

  // The addressed slot: its index, and what the owner stores there.
  output logic [IndexBits-1:0]    index_o,
  input  logic                    valid_i,
  input  logic [SlotBits-1:0]     slot_i,
  input  logic [SlotBytes-1:0]    mask_i,
  output logic                    write_o,
  output logic [SlotBits-1:0]     slot_o,
  output logic [SlotBytes-1:0]    mask_o
);

  if (SlotBytes % 4 != 0 || SlotBytes > 32 || Entries < 1) begin : gen_bad_params
    $fatal(1, "sram_host_port: SlotBytes = %0d must be 4, 8, 16 or 32; Entries = %0d >= 1",
           SlotBytes, Entries);
  end

  localparam int unsigned WideBits = HostWordBits + 1;

  logic [WideBits-1:0] slot_addr;
  logic [WordBits-1:0] word_in_slot;
  logic hit;
  always_comb begin
    if (plane_i) begin
      slot_addr = WideBits'(addr_i);
      word_in_slot = '0;
    end else begin
      slot_addr = WideBits'(addr_i) >> $clog2(WordsPerSlot);
      word_in_slot = WordsPerSlot > 1 ? WordBits'(addr_i) : '0;
    end
    hit = 64'(slot_addr) < 64'(Entries);
  end
  // Only in-range addresses index the array (hit guards every use).
  assign index_o = IndexBits'(slot_addr);

  // The slot as stored, and after the write. Evaluated only with a host access (operand
  // isolation).
  logic [SlotBits-1:0] slot_old;
  logic [SlotBytes-1:0] mask_old;
  always_comb begin
    slot_old = '0;
    mask_old = '0;
    if (en_i && hit && valid_i) begin
      slot_old = slot_i;
      mask_old = mask_i;
    end
    slot_o = slot_old;
    mask_o = mask_old;
    if (en_i && we_i && plane_i) begin
      for (int unsigned i = 0; i < SlotBytes; i++) begin
        if (wstrb_i[i / 8]) mask_o[i] = wdata_i[i];
      end
    end else if (en_i && we_i) begin
      for (int unsigned b = 0; b < 4; b++) begin
        if (wstrb_i[b] && 32'(word_in_slot) * 4 + b < SlotBytes) begin
          slot_o[(32'(word_in_slot) * 4 + b) * 8 +: 8] = wdata_i[8*b +: 8];
        end
      end
    end
  end

  assign write_o = en_i && we_i && hit;

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      rdata_o <= '0;
      err_o <= 1'b0;
    end else if (en_i) begin
      err_o <= !hit;
      if (plane_i) rdata_o <= 32'(mask_old);
      else rdata_o <= slot_old[32'(word_in_slot) * 32 +: 32];
    end
  end

  // The owner's array is written only in range.
  `EB_ASSERT_NEVER(WriteOutOfRange_A, write_o && 32'(index_o) >= Entries)

endmodule
