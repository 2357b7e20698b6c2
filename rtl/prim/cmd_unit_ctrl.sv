// The skeleton every command unit shares (the PU and each GB row unit): the command handshake,
// the descriptor check, busy and the one-cycle done/error report. A command goes
//   idle -> check -> run ... -> done -> idle
// accepted in idle (cmd_rsp_o.ready) when valid and addressed to the unit (cmd_sel_i: the request
// is broadcast, cmd_pkg::cmd_req_t), held in cmd_o until the next one; in the check cycle
// (check_o) the unit evaluates its descriptor check into check_i: an error ends the command
// (done the next cycle, nothing read or written), none starts the unit's own work (start_o; its
// first state the next cycle). The unit runs until it raises finish_i, or fail_i with an error it
// found while running; cmd_rsp_o.done follows the cycle after. docs/architecture.md section 3.
`include "eb_assert.svh"

module cmd_unit_ctrl
  import edgebert_csr_pkg::*;
  import cmd_pkg::*;
(
  input  logic                      clk_i,
  input  logic                      rst_ni,

  input  cmd_req_t                  cmd_req_i,
  input  logic                      cmd_sel_i,  // the request is for this unit
  output cmd_rsp_t                  cmd_rsp_o,

  // To and from the unit.
  output logic [CmdWords-1:0][31:0] cmd_o,
  output logic                      check_o,
  input  err_code_e                 check_i,
  output logic                      start_o,
  output logic                      run_o,       // between start and finish (or fail)
  input  logic                      finish_i,
  input  logic                      fail_i,
  input  err_code_e                 fail_code_i
);

  typedef enum logic [1:0] {PhIdle, PhCheck, PhRun, PhDone} phase_e;
  phase_e phase_q;
  err_code_e err_q;
  logic [CmdWords-1:0][31:0] cmd_q;
  // The response is a register, written with the phase it describes: packed from phase_q and
  // err_q it would be rebuilt in every unit on every cycle, busy or not.
  cmd_rsp_t rsp_q;

  function automatic cmd_rsp_t response(phase_e phase, err_code_e err);
    response.ready = (phase == PhIdle);
    response.busy = (phase != PhIdle);
    response.done = (phase == PhDone);
    response.err = (phase == PhDone) && (err != ErrCodeNone);
    response.err_code = err;
  endfunction

  assign cmd_rsp_o = rsp_q;
  assign cmd_o = cmd_q;
  assign check_o = (phase_q == PhCheck);
  assign start_o = check_o && (check_i == ErrCodeNone);
  assign run_o = (phase_q == PhRun);

  // The next phase is decided in the clocked block itself: every unit has one of these, and a
  // combinational next-state block would be evaluated for each on every cycle, busy or not.
  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      phase_q <= PhIdle;
      err_q <= ErrCodeNone;
      cmd_q <= '0;
      rsp_q <= response(PhIdle, ErrCodeNone);
    end else begin
      unique case (phase_q)
        PhIdle: begin
          if (cmd_req_i.valid && cmd_sel_i) begin
            phase_q <= PhCheck;
            cmd_q <= cmd_req_i.desc;
            rsp_q <= response(PhCheck, err_q);
          end
        end
        PhCheck: begin
          err_q <= check_i;
          phase_q <= (check_i != ErrCodeNone) ? PhDone : PhRun;
          rsp_q <= response((check_i != ErrCodeNone) ? PhDone : PhRun, check_i);
        end
        PhRun: begin
          if (fail_i) err_q <= fail_code_i;
          if (finish_i || fail_i) begin
            phase_q <= PhDone;
            rsp_q <= response(PhDone, fail_i ? fail_code_i : err_q);
          end
        end
        PhDone: begin
          phase_q <= PhIdle;
          rsp_q <= response(PhIdle, err_q);
        end
        default: begin
          phase_q <= PhIdle;
          rsp_q <= response(PhIdle, err_q);
        end
      endcase
    end
  end

  // The response register says what the phase and error registers say; done and error are
  // one-cycle reports; the unit finishes or fails only while it runs, and a failure names a
  // cause. (The descriptor's 512 bits are not watched: an assertion's operands are copied on
  // every evaluation, which costs more than the check is worth.)
  `EB_ASSERT(ResponseMatchesPhase_A, rsp_q == response(phase_q, err_q))
  `EB_ASSERT_PULSE(DonePulse_A, rsp_q.done)
  `EB_ASSERT_NEVER(FinishOutsideRun_A, (finish_i || fail_i) && !run_o)
  `EB_ASSERT_NEVER(FailWithoutCause_A, run_o && fail_i && fail_code_i == ErrCodeNone)

endmodule
