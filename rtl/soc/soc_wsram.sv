// Weight SRAM: WsramVectors bitmask-encoded n-lane vectors (docs/architecture.md section 5), a
// value plane of n-byte slots and a mask plane of one n-bit mask per vector. The PU reads its B
// operand through one vector read port (data the cycle after the request); the host reads and
// writes 32-bit words through the other port (plane 0: word w holds value bytes 4w..4w+3;
// plane 1: word v holds vector v's mask, bits above n read 0), every byte under its strobe, the
// answer the cycle after the request. Its contents are lost on reset like any SRAM on a power
// cycle: a valid bit per vector, cleared by rst_ni, makes a never-written vector read as all zero
// (as gb_uab does).
module soc_wsram
  import cmd_pkg::VecAddrBits, cmd_pkg::HostWordBits;
#(
  parameter int unsigned Lanes = 16,
  parameter int unsigned WsramVectors = 1048576,
  localparam int unsigned WordsPerVector = Lanes / 4  // 32-bit host words per value slot
) (
  input  logic                    clk_i,
  input  logic                    rst_ni,

  // PU B operand read port.
  input  logic                    rd_en_i,
  input  logic [VecAddrBits-1:0]  rd_addr_i,
  output logic [Lanes-1:0]        rd_mask_o,
  output logic [Lanes-1:0][7:0]   rd_data_o,

  // Host port. Out-of-range words read 0 with ext_err_o and are not written.
  input  logic                    ext_en_i,
  input  logic                    ext_we_i,
  input  logic                    ext_plane_i,
  input  logic [HostWordBits-1:0] ext_addr_i,
  input  logic [31:0]             ext_wdata_i,
  input  logic [3:0]              ext_wstrb_i,
  output logic [31:0]             ext_rdata_o,
  output logic                    ext_err_o
);

  param_check #(.Lanes(Lanes), .WsramVectors(WsramVectors)) u_param_check ();

  localparam int unsigned SlotBits = Lanes * 8;
  localparam int unsigned IndexBits = $clog2(WsramVectors);
  localparam int unsigned WordBits = $clog2(WordsPerVector) > 0 ? $clog2(WordsPerVector) : 1;
  localparam int unsigned WideBits = (VecAddrBits > HostWordBits ? VecAddrBits : HostWordBits) + 1;

  // Public for the harness's backdoor model loads (sim/soc_harness.h).
  logic [SlotBits-1:0] values_q [WsramVectors] /*verilator public_flat_rw*/;
  logic [Lanes-1:0] masks_q [WsramVectors] /*verilator public_flat_rw*/;
  logic [WsramVectors-1:0] valid_q /*verilator public_flat_rw*/;

  function automatic logic in_range(input logic [WideBits-1:0] vector);
    return 64'(vector) < 64'(WsramVectors);
  endfunction
  // Every use is guarded by in_range(), which checks the bits this drops.
  // verilator lint_off UNUSEDSIGNAL
  function automatic logic [IndexBits-1:0] index(input logic [WideBits-1:0] vector);
    return IndexBits'(vector);
  endfunction
  // verilator lint_on UNUSEDSIGNAL

  // Host word -> vector and word within its slot.
  logic [WideBits-1:0] ext_vector;
  logic [WordBits-1:0] ext_word_in_slot;
  logic ext_hit;
  always_comb begin
    if (ext_plane_i) begin
      ext_vector = WideBits'(ext_addr_i);
      ext_word_in_slot = '0;
    end else begin
      ext_vector = WideBits'(ext_addr_i) >> $clog2(WordsPerVector);
      ext_word_in_slot = WordsPerVector > 1 ? WordBits'(ext_addr_i) : '0;
    end
    ext_hit = in_range(ext_vector);
  end

  // The addressed vector as stored (zero when never written), and after the host write.
  // Evaluated only with a host access (operand isolation).
  logic [SlotBits-1:0] ext_slot_old, ext_slot_new;
  logic [Lanes-1:0] ext_mask_old, ext_mask_new;
  always_comb begin
    ext_slot_old = '0;
    ext_mask_old = '0;
    if (ext_en_i && ext_hit && valid_q[index(ext_vector)]) begin
      ext_slot_old = values_q[index(ext_vector)];
      ext_mask_old = masks_q[index(ext_vector)];
    end
    ext_slot_new = ext_slot_old;
    ext_mask_new = ext_mask_old;
    if (ext_en_i && ext_we_i) begin
      for (int unsigned b = 0; b < 4; b++) begin
        if (ext_wstrb_i[b] && 32'(ext_word_in_slot) * 4 + b < Lanes) begin
          ext_slot_new[(32'(ext_word_in_slot) * 4 + b) * 8 +: 8] = ext_wdata_i[8*b +: 8];
        end
      end
      for (int unsigned i = 0; i < Lanes; i++) begin
        if (ext_wstrb_i[i / 8]) ext_mask_new[i] = ext_wdata_i[i];
      end
    end
  end

  logic ext_write;
  assign ext_write = ext_en_i && ext_we_i && ext_hit;

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      // One reset clears every valid bit: a wide constant by design.
      // verilator lint_off WIDTHCONCAT
      valid_q <= '0;
      // verilator lint_on WIDTHCONCAT
    end else if (ext_write) begin
      valid_q[index(ext_vector)] <= 1'b1;
    end
  end

  // A vector becoming valid through a host write starts from zero in both planes.
  always_ff @(posedge clk_i) begin
    if (ext_write) begin
      values_q[index(ext_vector)] <= ext_plane_i ? ext_slot_old : ext_slot_new;
      masks_q[index(ext_vector)] <= ext_plane_i ? ext_mask_new : ext_mask_old;
    end
  end

  // PU reads (one-cycle latency).
  logic rd_hit;
  assign rd_hit = in_range(WideBits'(rd_addr_i)) && valid_q[index(WideBits'(rd_addr_i))];
  always_ff @(posedge clk_i) begin
    if (rd_en_i) begin
      rd_data_o <= rd_hit ? values_q[index(WideBits'(rd_addr_i))] : '0;
      rd_mask_o <= rd_hit ? masks_q[index(WideBits'(rd_addr_i))] : '0;
    end
  end

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      ext_rdata_o <= '0;
      ext_err_o <= 1'b0;
    end else if (ext_en_i) begin
      ext_err_o <= !ext_hit;
      if (ext_plane_i) ext_rdata_o <= 32'(ext_mask_old);
      else ext_rdata_o <= ext_slot_old[32'(ext_word_in_slot) * 32 +: 32];
    end
  end

endmodule
