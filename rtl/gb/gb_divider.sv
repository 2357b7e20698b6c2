// Restoring integer divider, one quotient bit per cycle: quo_o = floor(num / den).
//
// Precondition: den != 0 and the quotient fits in QuoBits bits, i.e. num < den * 2^QuoBits
// (the top NumBits-QuoBits bits of num, the initial partial remainder, are below den). The
// LayerNorm unit divides 2^62 by a 31- or 32-bit normalised D (quotient <= 2^32, 33 bits).
//
// start_i loads the operands (ignored while a division runs); QuoBits cycles later done_o pulses
// for one cycle with quo_o, which then holds until the next start.
`include "eb_assert.svh"

module gb_divider #(
  parameter int unsigned NumBits = 63,
  parameter int unsigned DenBits = 32,
  parameter int unsigned QuoBits = 33
) (
  input  logic               clk_i,
  input  logic               rst_ni,
  input  logic               start_i,
  input  logic [NumBits-1:0] num_i,
  input  logic [DenBits-1:0] den_i,
  output logic               done_o,
  output logic [QuoBits-1:0] quo_o
);

  localparam int unsigned CountBits = $clog2(QuoBits + 1);
  localparam int unsigned HighBits = NumBits - QuoBits;  // the initial partial remainder

  logic [DenBits-1:0] den_q, rem_q;
  // Low bits of the dividend, consumed from the top while quotient bits enter at the bottom.
  logic [QuoBits-1:0] shift_q;
  logic [CountBits-1:0] count_q;
  logic done_q;

  logic [DenBits:0] trial;
  logic take;

  always_comb begin
    trial = {rem_q, shift_q[QuoBits-1]};
    take = (trial >= {1'b0, den_q});
  end

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      den_q <= '0;
      rem_q <= '0;
      shift_q <= '0;
      count_q <= '0;
      done_q <= 1'b0;
    end else begin
      done_q <= 1'b0;
      if (start_i && count_q == '0) begin
        den_q <= den_i;
        rem_q <= DenBits'(num_i[NumBits-1 -: HighBits]);
        shift_q <= num_i[QuoBits-1:0];
        count_q <= CountBits'(QuoBits);
      end else if (count_q != '0) begin
        rem_q <= take ? DenBits'(trial - {1'b0, den_q}) : DenBits'(trial);
        shift_q <= {shift_q[QuoBits-2:0], take};
        count_q <= count_q - 1'b1;
        done_q <= (count_q == CountBits'(1));
      end
    end
  end

  assign done_o = done_q;
  assign quo_o = shift_q;

  // done is one cycle; the count stays within the quotient's bits.
  `EB_ASSERT_PULSE(DonePulse_A, done_o)
  `EB_ASSERT(CountInRange_A, 32'(count_q) <= QuoBits)

endmodule
