// Exact integer square root, digit by digit, one result bit per cycle: root_o = floor(sqrt(x)).
//
// Each step brings down the next two bits of x into the partial remainder and keeps the next
// root bit when remainder >= 4 * root + 1 (then subtracts it). RootBits = ceil(InBits / 2)
// steps. Between steps the remainder is at most 2 * root < 2^RootBits (the root has fewer than
// RootBits bits then); with the two new bits it stays below 2^(RootBits + 2).
//
// start_i loads x (ignored while a root runs); RootBits cycles later done_o pulses for one cycle
// with root_o, which then holds until the next start.
`include "eb_assert.svh"

module gb_isqrt #(
  parameter int unsigned InBits = 33,
  localparam int unsigned RootBits = (InBits + 1) / 2
) (
  input  logic                clk_i,
  input  logic                rst_ni,
  input  logic                start_i,
  input  logic [InBits-1:0]   x_i,
  output logic                done_o,
  output logic [RootBits-1:0] root_o
);

  localparam int unsigned PadBits = 2 * RootBits;
  localparam int unsigned RemBits = RootBits + 2;
  localparam int unsigned CountBits = $clog2(RootBits + 1);

  logic [PadBits-1:0] x_q;  // bits of x not yet brought down, at the top
  logic [RootBits-1:0] rem_q;
  logic [RootBits-1:0] root_q;
  logic [CountBits-1:0] count_q;
  logic done_q;

  logic [RemBits-1:0] rem_in, trial;
  logic take;

  always_comb begin
    rem_in = {rem_q, x_q[PadBits-1 -: 2]};
    trial = {root_q, 2'b01};
    take = (rem_in >= trial);
  end

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      x_q <= '0;
      rem_q <= '0;
      root_q <= '0;
      count_q <= '0;
      done_q <= 1'b0;
    end else begin
      done_q <= 1'b0;
      if (start_i && count_q == '0) begin
        x_q <= PadBits'(x_i);
        rem_q <= '0;
        root_q <= '0;
        count_q <= CountBits'(RootBits);
      end else if (count_q != '0) begin
        x_q <= x_q << 2;
        rem_q <= RootBits'(take ? rem_in - trial : rem_in);  // final step: unused
        root_q <= {root_q[RootBits-2:0], take};
        count_q <= count_q - 1'b1;
        done_q <= (count_q == CountBits'(1));
      end
    end
  end

  assign done_o = done_q;
  assign root_o = root_q;

  // done is one cycle; the count stays within the root's bits.
  `EB_ASSERT_PULSE(DonePulse_A, done_o)
  `EB_ASSERT(CountInRange_A, 32'(count_q) <= RootBits)

endmodule
