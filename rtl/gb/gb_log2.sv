// Fixed-point base-2 logarithm, bit-exact with fixed::Log2Q16 (sw/numerics/fixed_log_exp.cc):
// for z >= 1, log2(z) * 2^16 = (lead << 16) | fraction, lead the position of z's leading one and
// the 16 fraction bits from repeated squaring of z's Q30 mantissa y in [1, 2): y = y^2 >> 30;
// a square >= 2 gives a 1 bit and is halved.
//
// Sequential: start_i loads the normalized mantissa (z_i must be nonzero), then one squaring per
// cycle for 16 cycles. done_o pulses in the cycle log2_o becomes valid (17 cycles after start_i);
// log2_o holds until the next start_i. A start_i while busy restarts.
`include "eb_assert.svh"

module gb_log2 #(
  parameter int unsigned ZBits = 26,
  localparam int unsigned LeadBits = $clog2(ZBits),
  localparam int unsigned OutBits = LeadBits + 16
) (
  input  logic               clk_i,
  input  logic               rst_ni,
  input  logic               start_i,
  input  logic [ZBits-1:0]   z_i,
  output logic               done_o,
  output logic [OutBits-1:0] log2_o
);

  localparam int unsigned YBits = 31;  // Q30 mantissa in [2^30, 2^31)

  // Elaboration check: lead_one searches 64 bits.
  if (ZBits > 64) begin : g_bad_params
    $error("gb_log2: need ZBits <= 64");
  end

  logic [LeadBits-1:0] lead, lead_q;
  logic [YBits-1:0] y_start, y_q, y_next;
  logic [15:0] fraction_q;
  logic [3:0] step_q;
  logic running_q, done_q;
  logic [2*YBits-1:0] square;
  logic [YBits:0] square_q30;  // y^2 >> 30, in [2^30, 2^32)

  always_comb begin
    lead = LeadBits'(af8_pkg::lead_one(64'(z_i)));
    if (32'(lead) >= 30) y_start = YBits'(64'(z_i) >> (32'(lead) - 30));
    else y_start = YBits'(64'(z_i) << (30 - 32'(lead)));
  end

  always_comb begin
    square = (2 * YBits)'(y_q) * (2 * YBits)'(y_q);
    square_q30 = (YBits + 1)'(square >> 30);
    y_next = square_q30[YBits] ? square_q30[YBits:1] : square_q30[YBits-1:0];
  end

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      lead_q <= '0;
      y_q <= '0;
      fraction_q <= '0;
      step_q <= '0;
      running_q <= 1'b0;
      done_q <= 1'b0;
    end else begin
      done_q <= 1'b0;
      if (start_i) begin
        lead_q <= lead;
        y_q <= y_start;
        fraction_q <= '0;
        step_q <= '0;
        running_q <= 1'b1;
      end else if (running_q) begin
        y_q <= y_next;
        fraction_q <= {fraction_q[14:0], square_q30[YBits]};
        step_q <= step_q + 4'd1;
        if (step_q == 4'd15) begin
          running_q <= 1'b0;
          done_q <= 1'b1;
        end
      end
    end
  end

  assign done_o = done_q;
  assign log2_o = {lead_q, fraction_q};

  // done is one cycle; the normalised y stays in [1, 2) (bit 30 set) while the fraction is
  // made.
  `EB_ASSERT_PULSE(DonePulse_A, done_o)
  `EB_ASSERT(MantissaNormalised_A, !running_q || y_q[30])

endmodule
