// Auxiliary buffer: AuxBytes of byte-addressed SRAM seen as 32-bit words (biases, LayerNorm
// gamma/beta, span masks, activation tables, token ids, stored entropies). One read port and one
// write port for the executing unit, one port for the host. Read data arrives the cycle after the
// request. Contents are lost on reset (a valid bit per word, cleared by rst_ni).
module gb_aux
  import cmd_pkg::HostWordBits;
#(
  parameter int unsigned AuxBytes = 65536,
  localparam int unsigned AuxWords = AuxBytes / 4,
  localparam int unsigned WordBits = $clog2(AuxWords)
) (
  input  logic                    clk_i,
  input  logic                    rst_ni,

  input  logic                    rd_en_i,
  input  logic [WordBits-1:0]     rd_addr_i,
  output logic [31:0]             rd_data_o,

  input  logic                    wr_en_i,
  input  logic [WordBits-1:0]     wr_addr_i,
  input  logic [31:0]             wr_data_i,

  // Host port (word addresses; out of range reads 0 with ext_err_o).
  input  logic                    ext_en_i,
  input  logic                    ext_we_i,
  input  logic [HostWordBits-1:0] ext_addr_i,
  input  logic [31:0]             ext_wdata_i,
  input  logic [3:0]              ext_wstrb_i,
  output logic [31:0]             ext_rdata_o,
  output logic                    ext_err_o
);

  param_check #(.AuxBytes(AuxBytes)) u_param_check ();

  // Public for the harness's backdoor model loads (sim/soc_harness.h).
  logic [31:0] words_q [AuxWords] /*verilator public_flat_rw*/;
  logic [AuxWords-1:0] valid_q /*verilator public_flat_rw*/;
  logic ext_in_range;
  logic [WordBits-1:0] ext_index;
  logic [31:0] ext_old, ext_new;

  assign ext_in_range = 32'(ext_addr_i) < AuxWords;
  assign ext_index = WordBits'(ext_addr_i);

  // The units validate their aux ranges; words outside the buffer are ignored here all the same.
  logic rd_in_range, wr_in_range;
  logic [WordBits-1:0] rd_index, wr_index;
  assign rd_in_range = 32'(rd_addr_i) < AuxWords;
  assign wr_in_range = 32'(wr_addr_i) < AuxWords;
  assign rd_index = WordBits'(rd_addr_i);
  assign wr_index = WordBits'(wr_addr_i);

  always_comb begin
    ext_old = valid_q[ext_index] ? words_q[ext_index] : '0;
    for (int unsigned b = 0; b < 4; b++) begin
      ext_new[8*b +: 8] = ext_wstrb_i[b] ? ext_wdata_i[8*b +: 8] : ext_old[8*b +: 8];
    end
  end

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      // One reset clears every valid bit: a wide constant by design.
      // verilator lint_off WIDTHCONCAT
      valid_q <= '0;
      // verilator lint_on WIDTHCONCAT
    end else begin
      if (wr_en_i && wr_in_range) valid_q[wr_index] <= 1'b1;
      if (ext_en_i && ext_we_i && ext_in_range) valid_q[ext_index] <= 1'b1;
    end
  end

  always_ff @(posedge clk_i) begin
    if (wr_en_i && wr_in_range) words_q[wr_index] <= wr_data_i;
    if (ext_en_i && ext_we_i && ext_in_range) words_q[ext_index] <= ext_new;
    if (rd_en_i) rd_data_o <= (rd_in_range && valid_q[rd_index]) ? words_q[rd_index] : '0;
  end

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      ext_rdata_o <= '0;
      ext_err_o <= 1'b0;
    end else if (ext_en_i) begin
      ext_err_o <= !ext_in_range;
      ext_rdata_o <= ext_in_range ? ext_old : '0;
    end
  end

endmodule
