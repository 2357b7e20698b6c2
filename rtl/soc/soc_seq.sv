// Command sequencer (docs/architecture.md sections 3 and 15): pops the queue in order while
// CTRL.ENABLE is set and runs each command to its end before the next: MATMUL on the PU, NOP
// ends at once, every other opcode goes to the global buffer (which ends an undefined opcode at
// once with BAD_OPCODE). The end of each command is reported for one cycle on end_o with what
// the CSR block needs (error, IRQ flag, entropy). CTRL.ABORT (abort_i) stops popping and
// discards the current command's end: the units have no abort input, so a command already
// dispatched runs to its end (bounded) with busy_o high, and its end is not reported.
`include "eb_assert.svh"

module soc_seq
  import edgebert_csr_pkg::*;
  import cmd_pkg::cmd_req_t, cmd_pkg::cmd_rsp_t;
(
  input  logic                       clk_i,
  input  logic                       rst_ni,

  input  logic                       enable_i,
  input  logic                       abort_i,
  input  logic                       flush_i,   // the queue is flushed this cycle: no pop

  // Queue head.
  input  logic [CmdWords-1:0][31:0]  head_i,
  input  logic                       empty_i,
  output logic                       pop_o,

  // The command being executed, to the PU or the GB.
  output cmd_req_t                   cmd_req_o,  // to both; the select says which takes it
  output logic                       pu_sel_o,   // MATMUL
  input  cmd_rsp_t                   pu_rsp_i,
  output logic                       gb_sel_o,   // every other opcode but NOP
  input  cmd_rsp_t                   gb_rsp_i,
  input  logic [31:0]                gb_entropy_i,
  input  logic                       gb_early_exit_i,

  output logic                       busy_o,

  // End of a command (one-cycle pulse).
  output logic                       end_o,
  output logic                       end_err_o,
  output err_code_e                  end_code_o,
  output logic [7:0]                 end_opcode_o,
  output logic                       end_irq_o,
  output logic                       end_entropy_o,     // a successful ENTROPY: H below
  output logic [31:0]                end_h_o,
  output logic                       end_early_exit_o,  // with end_entropy_o: H < threshold
  output logic                       end_stop_o         // with end_early_exit_o: STOP_ON_EXIT
);

  typedef enum logic [1:0] {StIdle, StIssue, StRunPu, StRunGb} state_e;

  state_e state_q;
  logic [CmdWords-1:0][31:0] cmd_q;
  logic aborting_q;

  logic [7:0] opcode;
  assign opcode = cmd_q[CmdOpcodeWord][CmdOpcodeLsb +: CmdOpcodeWidth];
  assign cmd_req_o.desc = cmd_q;

  assign pop_o = (state_q == StIdle) && enable_i && !empty_i && !flush_i && !abort_i;
  assign busy_o = (state_q != StIdle);

  logic dispatch;
  assign dispatch = (state_q == StIssue) && !aborting_q && !abort_i;
  assign cmd_req_o.valid = dispatch;
  assign pu_sel_o = (opcode == OpcodeMatmul);
  assign gb_sel_o = (opcode != OpcodeMatmul) && (opcode != OpcodeNop);

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      state_q <= StIdle;
      cmd_q <= '0;
      aborting_q <= 1'b0;
    end else begin
      unique case (state_q)
        StIdle: begin
          aborting_q <= 1'b0;
          if (pop_o) begin
            cmd_q <= head_i;
            state_q <= StIssue;
          end
        end
        StIssue: begin
          if (aborting_q || abort_i || opcode == OpcodeNop) state_q <= StIdle;
          else if (pu_sel_o && pu_rsp_i.ready) state_q <= StRunPu;
          else if (gb_sel_o && gb_rsp_i.ready) state_q <= StRunGb;
        end
        StRunPu: if (pu_rsp_i.done) state_q <= StIdle;
        StRunGb: if (gb_rsp_i.done) state_q <= StIdle;
        default: state_q <= StIdle;
      endcase
      if (abort_i && state_q != StIdle) aborting_q <= 1'b1;
    end
  end

  // End reporting.
  logic ended;
  always_comb begin
    ended = 1'b0;
    end_err_o = 1'b0;
    end_code_o = ErrCodeNone;
    unique case (state_q)
      StIssue: ended = (opcode == OpcodeNop);
      StRunPu: begin
        ended = pu_rsp_i.done;
        end_err_o = pu_rsp_i.err;
        end_code_o = pu_rsp_i.err ? pu_rsp_i.err_code : ErrCodeNone;
      end
      StRunGb: begin
        ended = gb_rsp_i.done;
        end_err_o = gb_rsp_i.err;
        end_code_o = gb_rsp_i.err ? gb_rsp_i.err_code : ErrCodeNone;
      end
      default: ended = 1'b0;
    endcase
    end_o = ended && !aborting_q && !abort_i;
  end

  // A command is followed by its done; the units' busy serves the GB's port mux, not this FSM.
  logic unused_busy;
  assign unused_busy = pu_rsp_i.busy ^ gb_rsp_i.busy;

  assign end_opcode_o = opcode;
  assign end_irq_o = cmd_q[CmdIrqWord][CmdIrqLsb];
  assign end_entropy_o = (state_q == StRunGb) && (opcode == OpcodeEntropy) && !gb_rsp_i.err;
  assign end_h_o = gb_entropy_i;
  assign end_early_exit_o = gb_early_exit_i;
  assign end_stop_o = cmd_q[CmdEntropyStopOnExitWord][CmdEntropyStopOnExitLsb];

  // The end report is one cycle; the queue is popped only when it holds a command; a unit
  // answers only the command it was given.
  `EB_ASSERT_PULSE(EndPulse_A, end_o)
  `EB_ASSERT_NEVER(PopWhenEmpty_A, pop_o && empty_i)
  `EB_ASSERT_NEVER(PuDoneUnasked_A, pu_rsp_i.done && state_q != StRunPu)
  `EB_ASSERT_NEVER(GbDoneUnasked_A, gb_rsp_i.done && state_q != StRunGb)

endmodule
