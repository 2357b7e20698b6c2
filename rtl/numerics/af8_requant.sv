// Re-quantizes acc_i * 2^acc_exp_i to an AF8 code of out_bias_i: nearest value, ties to the even
// mantissa, +-max with the sign on overflow, nearest of zero and +-min below the smallest
// magnitude. Bit-exact with af8::RoundToCode (sw/numerics/af8.cc).
// Operand isolation: while en_i is low the outputs are zero and nothing else is evaluated (in
// silicon the datapath holds still; in Verilator an idle lane costs a branch, not a rounding).
module af8_requant
  import af8_pkg::*;
#(
  parameter int unsigned InBits = AccBits
) (
  input  logic                       en_i,
  input  logic signed [InBits-1:0]   acc_i,
  input  logic signed [7:0]          acc_exp_i,
  input  logic signed [BiasBits-1:0] out_bias_i,
  output logic [7:0]                 code_o,
  output logic                       saturated_o
);

  localparam int unsigned PosBits = $clog2(InBits);

  // Elaboration check: lead_one searches 64 bits.
  if (InBits > 64) begin : g_bad_params
    $error("af8_requant: need InBits <= 64");
  end

  // The rounding, a function so that its temporaries are its own (no latches while disabled).
  function automatic logic [8:0] round_to_code(input logic signed [InBits-1:0] acc,
                                               input logic signed [7:0] acc_exp,
                                               input logic signed [BiasBits-1:0] out_bias);
    logic [7:0] code;
    logic saturated;
    logic negative;
    logic [InBits-1:0] magnitude;
    logic [PosBits-1:0] lead;  // position of the leading one
    logic [InBits-1:0] norm;   // magnitude shifted so that the leading one is at the top bit
    logic signed [9:0] top;    // floor(log2) of the value in units of 2^(bias-4)
    logic [SigBits:0] sig;     // rounded significand, 16..32
    logic [ExpBits:0] exponent;
    logic guard, sticky, round_up;

    saturated = 1'b0;
    negative = acc[InBits-1];
    magnitude = negative ? InBits'(-acc) : InBits'(acc);

    lead = PosBits'(lead_one(64'(magnitude)));
    norm = magnitude << (PosBits'(InBits - 1) - lead);

    // top = lead + acc_exp - bias + 4
    top = 10'($signed({1'b0, lead})) + 10'(acc_exp) - 10'(out_bias) + 10'sd4;

    sig = {1'b0, norm[InBits-1 -: SigBits]};
    guard = norm[InBits-1-SigBits];
    sticky = |norm[InBits-2-SigBits:0];
    round_up = guard && (sticky || sig[0]);
    sig = sig + (SigBits + 1)'(round_up);
    exponent = 4'(top - 10'sd4);
    if (sig[SigBits]) begin  // carried into the next binade
      sig = {2'b01, {ManBits{1'b0}}};
      exponent = exponent + 4'd1;
    end

    if (magnitude == '0 || top < 10'sd3) begin
      code = ZeroCode;
    end else if (top == 10'sd3) begin
      // Value in [8, 16) units: above the midpoint 8.5 means rest > 1/16 of the leading one.
      code = (norm[InBits-2:0] > (InBits - 1)'(1) << (InBits - 5)) ? {negative, 7'h01}
                                                                    : ZeroCode;
    end else if (top > 10'sd11 || exponent > 4'(MaxExp)) begin
      code = negative ? MaxNegCode : MaxPosCode;
      saturated = 1'b1;
    end else if (exponent == '0 && sig[ManBits-1:0] == '0) begin
      code = {negative, 7'h01};  // the zero code's slot: the nearest value is +-min
    end else begin
      code = {negative, exponent[ExpBits-1:0], sig[ManBits-1:0]};
    end
    return {saturated, code};
  endfunction

  always_comb begin
    {saturated_o, code_o} = {1'b0, ZeroCode};
    if (en_i) {saturated_o, code_o} = round_to_code(acc_i, acc_exp_i, out_bias_i);
  end

endmodule
