// Unified activation buffer: UabVectors bitmask-encoded n-lane vectors (a value plane of n-byte
// slots and a mask plane), two vector read ports and one vector write port for the executing
// unit, and a 32-bit port for the host (AXI). Read data arrives the cycle after the request.
// Its contents are lost on reset like any SRAM on a power cycle: a valid bit per vector, cleared
// by rst_ni, makes a never-written vector read as all zero.
module gb_uab
  import cmd_pkg::VecAddrBits;
#(
  parameter int unsigned Lanes = 16,
  parameter int unsigned UabVectors = 65536,
  localparam int unsigned WordsPerVector = Lanes / 4,  // 32-bit host words per value slot
  // Vector and host word addresses, range-checked in one width.
  localparam int unsigned WideBits = VecAddrBits + 2
) (
  input  logic                   clk_i,
  input  logic                   rst_ni,

  input  logic                   a_rd_en_i,
  input  logic [VecAddrBits-1:0] a_rd_addr_i,
  output logic [Lanes-1:0]       a_rd_mask_o,
  output logic [Lanes-1:0][7:0]  a_rd_data_o,

  input  logic                   b_rd_en_i,
  input  logic [VecAddrBits-1:0] b_rd_addr_i,
  output logic [Lanes-1:0]       b_rd_mask_o,
  output logic [Lanes-1:0][7:0]  b_rd_data_o,

  input  logic                   wr_en_i,
  input  logic [VecAddrBits-1:0] wr_addr_i,
  input  logic [Lanes-1:0]       wr_mask_i,
  input  logic [Lanes-1:0][7:0]  wr_data_i,

  // Host port: plane 0 = values (word w holds bytes 4w..4w+3 of the value plane), plane 1 =
  // masks (word v holds vector v's mask). Out-of-range words read 0 with ext_err_o.
  input  logic                   ext_en_i,
  input  logic                   ext_we_i,
  input  logic                   ext_plane_i,
  input  logic [WideBits-1:0]    ext_addr_i,
  input  logic [31:0]            ext_wdata_i,
  input  logic [3:0]             ext_wstrb_i,
  output logic [31:0]            ext_rdata_o,
  output logic                   ext_err_o
);

  param_check #(.Lanes(Lanes), .UabVectors(UabVectors)) u_param_check ();

  localparam int unsigned SlotBits = Lanes * 8;
  localparam int unsigned IndexBits = $clog2(UabVectors);
  localparam int unsigned WordBits = $clog2(WordsPerVector) > 0 ? $clog2(WordsPerVector) : 1;

  logic [SlotBits-1:0] values_q [UabVectors];
  logic [Lanes-1:0] masks_q [UabVectors];
  logic [UabVectors-1:0] valid_q;

  function automatic logic in_range(input logic [WideBits-1:0] vector);
    return 32'(vector) < UabVectors;
  endfunction
  // Every use is guarded by in_range(), which checks the bits this drops.
  // verilator lint_off UNUSEDSIGNAL
  function automatic logic [IndexBits-1:0] index(input logic [WideBits-1:0] vector);
    return IndexBits'(vector);
  endfunction
  // verilator lint_on UNUSEDSIGNAL

  // Host word -> vector and byte offset within its slot.
  logic [WideBits-1:0] ext_vector;
  logic [WordBits-1:0] ext_word_in_slot;
  always_comb begin
    if (ext_plane_i) begin
      ext_vector = ext_addr_i;
      ext_word_in_slot = '0;
    end else begin
      ext_vector = ext_addr_i >> $clog2(WordsPerVector);
      ext_word_in_slot = WordsPerVector > 1 ? WordBits'(ext_addr_i) : '0;
    end
  end

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      // One reset clears every valid bit: a wide constant by design.
      // verilator lint_off WIDTHCONCAT
      valid_q <= '0;
      // verilator lint_on WIDTHCONCAT
    end else begin
      if (wr_en_i && in_range(WideBits'(wr_addr_i))) valid_q[index(WideBits'(wr_addr_i))] <= 1'b1;
      if (ext_en_i && ext_we_i && in_range(ext_vector)) valid_q[index(ext_vector)] <= 1'b1;
    end
  end

  // A vector becoming valid through a partial host write starts from zero. Evaluated only with
  // a host access (operand isolation).
  logic [SlotBits-1:0] ext_slot_old, ext_slot_new;
  always_comb begin
    ext_slot_old = '0;
    if (ext_en_i && in_range(ext_vector) && valid_q[index(ext_vector)]) begin
      ext_slot_old = values_q[index(ext_vector)];
    end
    ext_slot_new = ext_slot_old;
    if (ext_en_i && ext_we_i) begin
      for (int unsigned b = 0; b < 4; b++) begin
        if (ext_wstrb_i[b] && 32'(ext_word_in_slot) * 4 + b < Lanes) begin
          ext_slot_new[(32'(ext_word_in_slot) * 4 + b) * 8 +: 8] = ext_wdata_i[8*b +: 8];
        end
      end
    end
  end

  always_ff @(posedge clk_i) begin
    if (wr_en_i && in_range(WideBits'(wr_addr_i))) begin
      values_q[index(WideBits'(wr_addr_i))] <= wr_data_i;
      masks_q[index(WideBits'(wr_addr_i))] <= wr_mask_i;
    end
    if (ext_en_i && ext_we_i && in_range(ext_vector)) begin
      if (ext_plane_i) begin
        masks_q[index(ext_vector)] <= ext_wdata_i[Lanes-1:0];
        if (!valid_q[index(ext_vector)]) values_q[index(ext_vector)] <= '0;
      end else begin
        values_q[index(ext_vector)] <= ext_slot_new;
        if (!valid_q[index(ext_vector)]) masks_q[index(ext_vector)] <= '0;
      end
    end
  end

  // Registered reads (one-cycle latency).
  always_ff @(posedge clk_i) begin
    if (a_rd_en_i) begin
      a_rd_data_o <= (in_range(WideBits'(a_rd_addr_i)) && valid_q[index(WideBits'(a_rd_addr_i))])
                     ? values_q[index(WideBits'(a_rd_addr_i))] : '0;
      a_rd_mask_o <= (in_range(WideBits'(a_rd_addr_i)) && valid_q[index(WideBits'(a_rd_addr_i))])
                     ? masks_q[index(WideBits'(a_rd_addr_i))] : '0;
    end
    if (b_rd_en_i) begin
      b_rd_data_o <= (in_range(WideBits'(b_rd_addr_i)) && valid_q[index(WideBits'(b_rd_addr_i))])
                     ? values_q[index(WideBits'(b_rd_addr_i))] : '0;
      b_rd_mask_o <= (in_range(WideBits'(b_rd_addr_i)) && valid_q[index(WideBits'(b_rd_addr_i))])
                     ? masks_q[index(WideBits'(b_rd_addr_i))] : '0;
    end
  end

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      ext_rdata_o <= '0;
      ext_err_o <= 1'b0;
    end else if (ext_en_i) begin
      ext_err_o <= !in_range(ext_vector);
      ext_rdata_o <= '0;
      if (in_range(ext_vector) && valid_q[index(ext_vector)]) begin
        if (ext_plane_i) ext_rdata_o <= 32'(masks_q[index(ext_vector)]);
        else ext_rdata_o <= ext_slot_old[32'(ext_word_in_slot) * 32 +: 32];
      end
    end
  end

endmodule
