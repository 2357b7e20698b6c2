// Generated from yaml/regmap.yaml by tools/regmap; do not edit. Run `make regmap`.
//
// Control and status registers of the EdgeBERT accelerator: identification, the command queue,
// interrupts (cause, enable, test), early-exit threshold, ReRAM settings and performance counters.
//
// Naming (lowRISC style). Masks are in place, i.e. already shifted to the field's LSB.
//   Csr<Reg>Offset                    byte offset of register <Reg> in the CSR window
//   Csr<Reg>ResetValue                value after reset
//   Csr<Reg>WritableMask              bits a write affects (rw, wo and w1c fields)
//   Csr<Reg>ReadMask                  bits that read back state (ro, rw and w1c fields)
//   Csr<Reg>W1cMask, Csr<Reg>WoMask   write-1-to-clear bits; write-only action bits
//   Csr<Reg><Field>Lsb/Width/Mask/Reset
//   Register array NAME0..NAME{n-1}: Csr<Name>Offset (element 0), Csr<Name>Count,
//   Csr<Name>Stride, and Csr<Name><i>Offset for each element i.
//   Mem<Region>Base/Size              SoC memory map
//   Cmd<Field>Word/Lsb/Width          command-descriptor fields common to all opcodes
//   Cmd<Opcode><Field>Word/Lsb/Width  per-opcode command-descriptor fields
//   csr_<reg>_t                       a register's 32 bits as a packed struct, one member per
//                                     field (enum-typed where the field has an enum), the bits
//                                     between fields as reserved_<msb>_<lsb>: RTL builds and
//                                     reads registers through these, never by hand-packing.

package edgebert_csr_pkg;

  // verilator lint_off UNUSEDPARAM

  // Register map version (yaml/regmap.yaml `version`) and bus geometry.
  localparam int unsigned CsrVersion = 1;
  localparam int unsigned CsrDataWidth = 32;
  localparam int unsigned CsrAddrWidth = 12;

  // -----------------------------------------------------------------------------------------------
  // SoC memory map: byte base addresses and sizes.
  // -----------------------------------------------------------------------------------------------
  // CSR: This register file (AXI4 single beats only).
  localparam logic [31:0] MemCsrBase = 32'h0000_0000;
  localparam logic [31:0] MemCsrSize = 32'h0000_1000;
  // WSRAM_VAL: Weight SRAM value plane. Vector v occupies bytes [v*n, v*n+n); nonzero AF8 codes
  // packed first.
  localparam logic [31:0] MemWsramValBase = 32'h1000_0000;
  localparam logic [31:0] MemWsramValSize = 32'h0400_0000;
  // WSRAM_MASK: Weight SRAM mask plane. Vector v's n-bit mask at byte 4*v (bits above n read 0).
  localparam logic [31:0] MemWsramMaskBase = 32'h1400_0000;
  localparam logic [31:0] MemWsramMaskSize = 32'h0400_0000;
  // UAB_VAL: Unified activation buffer value plane, same vector layout as WSRAM_VAL.
  localparam logic [31:0] MemUabValBase = 32'h2000_0000;
  localparam logic [31:0] MemUabValSize = 32'h0100_0000;
  // UAB_MASK: Unified activation buffer mask plane, same layout as WSRAM_MASK.
  localparam logic [31:0] MemUabMaskBase = 32'h2100_0000;
  localparam logic [31:0] MemUabMaskSize = 32'h0100_0000;
  // AUX: Auxiliary buffer (byte addressed) - biases, LayerNorm gamma/beta, span masks, token ids,
  // entropies.
  localparam logic [31:0] MemAuxBase = 32'h2200_0000;
  localparam logic [31:0] MemAuxSize = 32'h0010_0000;
  // RERAM: ReRAM embedding store programming port (byte addressed; contents survive an SoC reset).
  localparam logic [31:0] MemReramBase = 32'h3000_0000;
  localparam logic [31:0] MemReramSize = 32'h0100_0000;

  // -----------------------------------------------------------------------------------------------
  // Enums.
  // -----------------------------------------------------------------------------------------------

  // ERR_CODE: Why the ERROR interrupt cause was raised.
  typedef enum logic [7:0] {
    ErrCodeNone = 8'd0,
    ErrCodeBadOpcode = 8'd1,
    ErrCodeBadShape = 8'd2,
    ErrCodeBadAddress = 8'd3,
    ErrCodeCmdqOverflow = 8'd4,
    ErrCodeBadExponent = 8'd5
  } err_code_e;

  // ACT: Activation applied to a result before re-quantization.
  typedef enum logic [1:0] {
    ActNone = 2'd0,
    ActGelu = 2'd1,
    ActTanh = 2'd2
  } act_e;

  // RERAM_MODE: Cell mode of the ReRAM value region.
  typedef enum logic [1:0] {
    ReramModeSlc = 2'd0,
    ReramModeMlc2 = 2'd1,
    ReramModeMlc3 = 2'd2
  } reram_mode_e;

  // -----------------------------------------------------------------------------------------------
  // Registers.
  // -----------------------------------------------------------------------------------------------

  // ID: Identification.
  localparam logic [11:0] CsrIdOffset = 12'h000;
  localparam logic [31:0] CsrIdResetValue = 32'hEDBE_0001;
  localparam logic [31:0] CsrIdWritableMask = 32'h0000_0000;
  localparam logic [31:0] CsrIdReadMask = 32'hFFFF_FFFF;
  localparam logic [31:0] CsrIdW1cMask = 32'h0000_0000;
  localparam logic [31:0] CsrIdWoMask = 32'h0000_0000;
  // VERSION (bits 15:0, ro)
  localparam int unsigned CsrIdVersionLsb = 0;
  localparam int unsigned CsrIdVersionWidth = 16;
  localparam logic [31:0] CsrIdVersionMask = 32'h0000_FFFF;
  localparam logic [15:0] CsrIdVersionReset = 16'h0001;
  // MAGIC (bits 31:16, ro)
  localparam int unsigned CsrIdMagicLsb = 16;
  localparam int unsigned CsrIdMagicWidth = 16;
  localparam logic [31:0] CsrIdMagicMask = 32'hFFFF_0000;
  localparam logic [15:0] CsrIdMagicReset = 16'hEDBE;

  // HWCFG0: Build parameters, part 0.
  localparam logic [11:0] CsrHwcfg0Offset = 12'h004;
  localparam logic [31:0] CsrHwcfg0ResetValue = 32'h0080_1010;
  localparam logic [31:0] CsrHwcfg0WritableMask = 32'h0000_0000;
  localparam logic [31:0] CsrHwcfg0ReadMask = 32'h0FFF_FFFF;
  localparam logic [31:0] CsrHwcfg0W1cMask = 32'h0000_0000;
  localparam logic [31:0] CsrHwcfg0WoMask = 32'h0000_0000;
  // LANES (bits 7:0, ro)
  localparam int unsigned CsrHwcfg0LanesLsb = 0;
  localparam int unsigned CsrHwcfg0LanesWidth = 8;
  localparam logic [31:0] CsrHwcfg0LanesMask = 32'h0000_00FF;
  localparam logic [7:0] CsrHwcfg0LanesReset = 8'h10;
  // CMDQ_DEPTH (bits 15:8, ro)
  localparam int unsigned CsrHwcfg0CmdqDepthLsb = 8;
  localparam int unsigned CsrHwcfg0CmdqDepthWidth = 8;
  localparam logic [31:0] CsrHwcfg0CmdqDepthMask = 32'h0000_FF00;
  localparam logic [7:0] CsrHwcfg0CmdqDepthReset = 8'h10;
  // MAX_SEQ (bits 27:16, ro)
  localparam int unsigned CsrHwcfg0MaxSeqLsb = 16;
  localparam int unsigned CsrHwcfg0MaxSeqWidth = 12;
  localparam logic [31:0] CsrHwcfg0MaxSeqMask = 32'h0FFF_0000;
  localparam logic [11:0] CsrHwcfg0MaxSeqReset = 12'h080;

  // HWCFG1: Build parameters, part 1 (buffer sizes).
  localparam logic [11:0] CsrHwcfg1Offset = 12'h008;
  localparam logic [31:0] CsrHwcfg1ResetValue = 32'h0040_0400;
  localparam logic [31:0] CsrHwcfg1WritableMask = 32'h0000_0000;
  localparam logic [31:0] CsrHwcfg1ReadMask = 32'hFFFF_FFFF;
  localparam logic [31:0] CsrHwcfg1W1cMask = 32'h0000_0000;
  localparam logic [31:0] CsrHwcfg1WoMask = 32'h0000_0000;
  // UAB_KIB (bits 15:0, ro)
  localparam int unsigned CsrHwcfg1UabKibLsb = 0;
  localparam int unsigned CsrHwcfg1UabKibWidth = 16;
  localparam logic [31:0] CsrHwcfg1UabKibMask = 32'h0000_FFFF;
  localparam logic [15:0] CsrHwcfg1UabKibReset = 16'h0400;
  // AUX_KIB (bits 31:16, ro)
  localparam int unsigned CsrHwcfg1AuxKibLsb = 16;
  localparam int unsigned CsrHwcfg1AuxKibWidth = 16;
  localparam logic [31:0] CsrHwcfg1AuxKibMask = 32'hFFFF_0000;
  localparam logic [15:0] CsrHwcfg1AuxKibReset = 16'h0040;

  // HWCFG2: Build parameters, part 2 (memory sizes).
  localparam logic [11:0] CsrHwcfg2Offset = 12'h00C;
  localparam logic [31:0] CsrHwcfg2ResetValue = 32'h1000_4000;
  localparam logic [31:0] CsrHwcfg2WritableMask = 32'h0000_0000;
  localparam logic [31:0] CsrHwcfg2ReadMask = 32'hFFFF_FFFF;
  localparam logic [31:0] CsrHwcfg2W1cMask = 32'h0000_0000;
  localparam logic [31:0] CsrHwcfg2WoMask = 32'h0000_0000;
  // WSRAM_KIB (bits 15:0, ro)
  localparam int unsigned CsrHwcfg2WsramKibLsb = 0;
  localparam int unsigned CsrHwcfg2WsramKibWidth = 16;
  localparam logic [31:0] CsrHwcfg2WsramKibMask = 32'h0000_FFFF;
  localparam logic [15:0] CsrHwcfg2WsramKibReset = 16'h4000;
  // RERAM_KIB (bits 31:16, ro)
  localparam int unsigned CsrHwcfg2ReramKibLsb = 16;
  localparam int unsigned CsrHwcfg2ReramKibWidth = 16;
  localparam logic [31:0] CsrHwcfg2ReramKibMask = 32'hFFFF_0000;
  localparam logic [15:0] CsrHwcfg2ReramKibReset = 16'h1000;

  // CTRL: Sequencer control.
  localparam logic [11:0] CsrCtrlOffset = 12'h010;
  localparam logic [31:0] CsrCtrlResetValue = 32'h0000_0001;
  localparam logic [31:0] CsrCtrlWritableMask = 32'h0000_0007;
  localparam logic [31:0] CsrCtrlReadMask = 32'h0000_0001;
  localparam logic [31:0] CsrCtrlW1cMask = 32'h0000_0000;
  localparam logic [31:0] CsrCtrlWoMask = 32'h0000_0006;
  // ENABLE (bits 0:0, rw)
  localparam int unsigned CsrCtrlEnableLsb = 0;
  localparam int unsigned CsrCtrlEnableWidth = 1;
  localparam logic [31:0] CsrCtrlEnableMask = 32'h0000_0001;
  localparam logic CsrCtrlEnableReset = 1'h1;
  // ABORT (bits 1:1, wo)
  localparam int unsigned CsrCtrlAbortLsb = 1;
  localparam int unsigned CsrCtrlAbortWidth = 1;
  localparam logic [31:0] CsrCtrlAbortMask = 32'h0000_0002;
  localparam logic CsrCtrlAbortReset = 1'h0;
  // CLR_PERF (bits 2:2, wo)
  localparam int unsigned CsrCtrlClrPerfLsb = 2;
  localparam int unsigned CsrCtrlClrPerfWidth = 1;
  localparam logic [31:0] CsrCtrlClrPerfMask = 32'h0000_0004;
  localparam logic CsrCtrlClrPerfReset = 1'h0;

  // STATUS: Sequencer status.
  localparam logic [11:0] CsrStatusOffset = 12'h014;
  localparam logic [31:0] CsrStatusResetValue = 32'h0000_0002;
  localparam logic [31:0] CsrStatusWritableMask = 32'h0000_0000;
  localparam logic [31:0] CsrStatusReadMask = 32'h0000_FF0F;
  localparam logic [31:0] CsrStatusW1cMask = 32'h0000_0000;
  localparam logic [31:0] CsrStatusWoMask = 32'h0000_0000;
  // BUSY (bits 0:0, ro)
  localparam int unsigned CsrStatusBusyLsb = 0;
  localparam int unsigned CsrStatusBusyWidth = 1;
  localparam logic [31:0] CsrStatusBusyMask = 32'h0000_0001;
  localparam logic CsrStatusBusyReset = 1'h0;
  // CMDQ_EMPTY (bits 1:1, ro)
  localparam int unsigned CsrStatusCmdqEmptyLsb = 1;
  localparam int unsigned CsrStatusCmdqEmptyWidth = 1;
  localparam logic [31:0] CsrStatusCmdqEmptyMask = 32'h0000_0002;
  localparam logic CsrStatusCmdqEmptyReset = 1'h1;
  // CMDQ_FULL (bits 2:2, ro)
  localparam int unsigned CsrStatusCmdqFullLsb = 2;
  localparam int unsigned CsrStatusCmdqFullWidth = 1;
  localparam logic [31:0] CsrStatusCmdqFullMask = 32'h0000_0004;
  localparam logic CsrStatusCmdqFullReset = 1'h0;
  // HALTED (bits 3:3, ro)
  localparam int unsigned CsrStatusHaltedLsb = 3;
  localparam int unsigned CsrStatusHaltedWidth = 1;
  localparam logic [31:0] CsrStatusHaltedMask = 32'h0000_0008;
  localparam logic CsrStatusHaltedReset = 1'h0;
  // CMDQ_LEVEL (bits 15:8, ro)
  localparam int unsigned CsrStatusCmdqLevelLsb = 8;
  localparam int unsigned CsrStatusCmdqLevelWidth = 8;
  localparam logic [31:0] CsrStatusCmdqLevelMask = 32'h0000_FF00;
  localparam logic [7:0] CsrStatusCmdqLevelReset = 8'h00;

  // INTR_STATE: Interrupt causes (sticky). The interrupt line is (INTR_STATE & INTR_ENABLE) != 0.
  localparam logic [11:0] CsrIntrStateOffset = 12'h018;
  localparam logic [31:0] CsrIntrStateResetValue = 32'h0000_0000;
  localparam logic [31:0] CsrIntrStateWritableMask = 32'h0000_0007;
  localparam logic [31:0] CsrIntrStateReadMask = 32'h0000_0007;
  localparam logic [31:0] CsrIntrStateW1cMask = 32'h0000_0007;
  localparam logic [31:0] CsrIntrStateWoMask = 32'h0000_0000;
  // DONE (bits 0:0, w1c)
  localparam int unsigned CsrIntrStateDoneLsb = 0;
  localparam int unsigned CsrIntrStateDoneWidth = 1;
  localparam logic [31:0] CsrIntrStateDoneMask = 32'h0000_0001;
  localparam logic CsrIntrStateDoneReset = 1'h0;
  // EARLY_EXIT (bits 1:1, w1c)
  localparam int unsigned CsrIntrStateEarlyExitLsb = 1;
  localparam int unsigned CsrIntrStateEarlyExitWidth = 1;
  localparam logic [31:0] CsrIntrStateEarlyExitMask = 32'h0000_0002;
  localparam logic CsrIntrStateEarlyExitReset = 1'h0;
  // ERROR (bits 2:2, w1c)
  localparam int unsigned CsrIntrStateErrorLsb = 2;
  localparam int unsigned CsrIntrStateErrorWidth = 1;
  localparam logic [31:0] CsrIntrStateErrorMask = 32'h0000_0004;
  localparam logic CsrIntrStateErrorReset = 1'h0;

  // INTR_ENABLE: Interrupt enables, one per INTR_STATE cause.
  localparam logic [11:0] CsrIntrEnableOffset = 12'h01C;
  localparam logic [31:0] CsrIntrEnableResetValue = 32'h0000_0000;
  localparam logic [31:0] CsrIntrEnableWritableMask = 32'h0000_0007;
  localparam logic [31:0] CsrIntrEnableReadMask = 32'h0000_0007;
  localparam logic [31:0] CsrIntrEnableW1cMask = 32'h0000_0000;
  localparam logic [31:0] CsrIntrEnableWoMask = 32'h0000_0000;
  // DONE (bits 0:0, rw)
  localparam int unsigned CsrIntrEnableDoneLsb = 0;
  localparam int unsigned CsrIntrEnableDoneWidth = 1;
  localparam logic [31:0] CsrIntrEnableDoneMask = 32'h0000_0001;
  localparam logic CsrIntrEnableDoneReset = 1'h0;
  // EARLY_EXIT (bits 1:1, rw)
  localparam int unsigned CsrIntrEnableEarlyExitLsb = 1;
  localparam int unsigned CsrIntrEnableEarlyExitWidth = 1;
  localparam logic [31:0] CsrIntrEnableEarlyExitMask = 32'h0000_0002;
  localparam logic CsrIntrEnableEarlyExitReset = 1'h0;
  // ERROR (bits 2:2, rw)
  localparam int unsigned CsrIntrEnableErrorLsb = 2;
  localparam int unsigned CsrIntrEnableErrorWidth = 1;
  localparam logic [31:0] CsrIntrEnableErrorMask = 32'h0000_0004;
  localparam logic CsrIntrEnableErrorReset = 1'h0;

  // INTR_TEST: Write 1 to set the matching INTR_STATE bit (interrupt path self-test).
  localparam logic [11:0] CsrIntrTestOffset = 12'h020;
  localparam logic [31:0] CsrIntrTestResetValue = 32'h0000_0000;
  localparam logic [31:0] CsrIntrTestWritableMask = 32'h0000_0007;
  localparam logic [31:0] CsrIntrTestReadMask = 32'h0000_0000;
  localparam logic [31:0] CsrIntrTestW1cMask = 32'h0000_0000;
  localparam logic [31:0] CsrIntrTestWoMask = 32'h0000_0007;
  // DONE (bits 0:0, wo)
  localparam int unsigned CsrIntrTestDoneLsb = 0;
  localparam int unsigned CsrIntrTestDoneWidth = 1;
  localparam logic [31:0] CsrIntrTestDoneMask = 32'h0000_0001;
  localparam logic CsrIntrTestDoneReset = 1'h0;
  // EARLY_EXIT (bits 1:1, wo)
  localparam int unsigned CsrIntrTestEarlyExitLsb = 1;
  localparam int unsigned CsrIntrTestEarlyExitWidth = 1;
  localparam logic [31:0] CsrIntrTestEarlyExitMask = 32'h0000_0002;
  localparam logic CsrIntrTestEarlyExitReset = 1'h0;
  // ERROR (bits 2:2, wo)
  localparam int unsigned CsrIntrTestErrorLsb = 2;
  localparam int unsigned CsrIntrTestErrorWidth = 1;
  localparam logic [31:0] CsrIntrTestErrorMask = 32'h0000_0004;
  localparam logic CsrIntrTestErrorReset = 1'h0;

  // ERR_CAUSE: Details of the first error since INTR_STATE.ERROR was last cleared.
  localparam logic [11:0] CsrErrCauseOffset = 12'h024;
  localparam logic [31:0] CsrErrCauseResetValue = 32'h0000_0000;
  localparam logic [31:0] CsrErrCauseWritableMask = 32'h0000_0000;
  localparam logic [31:0] CsrErrCauseReadMask = 32'h0000_FFFF;
  localparam logic [31:0] CsrErrCauseW1cMask = 32'h0000_0000;
  localparam logic [31:0] CsrErrCauseWoMask = 32'h0000_0000;
  // CODE (bits 7:0, ro, enum err_code_e)
  localparam int unsigned CsrErrCauseCodeLsb = 0;
  localparam int unsigned CsrErrCauseCodeWidth = 8;
  localparam logic [31:0] CsrErrCauseCodeMask = 32'h0000_00FF;
  localparam logic [7:0] CsrErrCauseCodeReset = 8'h00;
  // OPCODE (bits 15:8, ro)
  localparam int unsigned CsrErrCauseOpcodeLsb = 8;
  localparam int unsigned CsrErrCauseOpcodeWidth = 8;
  localparam logic [31:0] CsrErrCauseOpcodeMask = 32'h0000_FF00;
  localparam logic [7:0] CsrErrCauseOpcodeReset = 8'h00;

  // ERR_SEQ: Sequence number (CMD_SEQ value it would have had) of the failing command.
  localparam logic [11:0] CsrErrSeqOffset = 12'h028;
  localparam logic [31:0] CsrErrSeqResetValue = 32'h0000_0000;
  localparam logic [31:0] CsrErrSeqWritableMask = 32'h0000_0000;
  localparam logic [31:0] CsrErrSeqReadMask = 32'hFFFF_FFFF;
  localparam logic [31:0] CsrErrSeqW1cMask = 32'h0000_0000;
  localparam logic [31:0] CsrErrSeqWoMask = 32'h0000_0000;
  // SEQ (bits 31:0, ro)
  localparam int unsigned CsrErrSeqSeqLsb = 0;
  localparam int unsigned CsrErrSeqSeqWidth = 32;
  localparam logic [31:0] CsrErrSeqSeqMask = 32'hFFFF_FFFF;
  localparam logic [31:0] CsrErrSeqSeqReset = 32'h0000_0000;

  // CMD_SEQ: Commands completed since reset (wraps at 2^32).
  localparam logic [11:0] CsrCmdSeqOffset = 12'h02C;
  localparam logic [31:0] CsrCmdSeqResetValue = 32'h0000_0000;
  localparam logic [31:0] CsrCmdSeqWritableMask = 32'h0000_0000;
  localparam logic [31:0] CsrCmdSeqReadMask = 32'hFFFF_FFFF;
  localparam logic [31:0] CsrCmdSeqW1cMask = 32'h0000_0000;
  localparam logic [31:0] CsrCmdSeqWoMask = 32'h0000_0000;
  // SEQ (bits 31:0, ro)
  localparam int unsigned CsrCmdSeqSeqLsb = 0;
  localparam int unsigned CsrCmdSeqSeqWidth = 32;
  localparam logic [31:0] CsrCmdSeqSeqMask = 32'hFFFF_FFFF;
  localparam logic [31:0] CsrCmdSeqSeqReset = 32'h0000_0000;

  // ENTROPY_THRESHOLD: Early-exit threshold T_E in nats, unsigned Q8.24. 0 never exits.
  localparam logic [11:0] CsrEntropyThresholdOffset = 12'h030;
  localparam logic [31:0] CsrEntropyThresholdResetValue = 32'h0000_0000;
  localparam logic [31:0] CsrEntropyThresholdWritableMask = 32'hFFFF_FFFF;
  localparam logic [31:0] CsrEntropyThresholdReadMask = 32'hFFFF_FFFF;
  localparam logic [31:0] CsrEntropyThresholdW1cMask = 32'h0000_0000;
  localparam logic [31:0] CsrEntropyThresholdWoMask = 32'h0000_0000;
  // VALUE (bits 31:0, rw)
  localparam int unsigned CsrEntropyThresholdValueLsb = 0;
  localparam int unsigned CsrEntropyThresholdValueWidth = 32;
  localparam logic [31:0] CsrEntropyThresholdValueMask = 32'hFFFF_FFFF;
  localparam logic [31:0] CsrEntropyThresholdValueReset = 32'h0000_0000;

  // ENTROPY_LAST: Entropy H of the last ENTROPY command, unsigned Q8.24 nats.
  localparam logic [11:0] CsrEntropyLastOffset = 12'h034;
  localparam logic [31:0] CsrEntropyLastResetValue = 32'h0000_0000;
  localparam logic [31:0] CsrEntropyLastWritableMask = 32'h0000_0000;
  localparam logic [31:0] CsrEntropyLastReadMask = 32'hFFFF_FFFF;
  localparam logic [31:0] CsrEntropyLastW1cMask = 32'h0000_0000;
  localparam logic [31:0] CsrEntropyLastWoMask = 32'h0000_0000;
  // VALUE (bits 31:0, ro)
  localparam int unsigned CsrEntropyLastValueLsb = 0;
  localparam int unsigned CsrEntropyLastValueWidth = 32;
  localparam logic [31:0] CsrEntropyLastValueMask = 32'hFFFF_FFFF;
  localparam logic [31:0] CsrEntropyLastValueReset = 32'h0000_0000;

  // SCRATCH: Free read/write register for bus tests.
  localparam logic [11:0] CsrScratchOffset = 12'h038;
  localparam logic [31:0] CsrScratchResetValue = 32'h0000_0000;
  localparam logic [31:0] CsrScratchWritableMask = 32'hFFFF_FFFF;
  localparam logic [31:0] CsrScratchReadMask = 32'hFFFF_FFFF;
  localparam logic [31:0] CsrScratchW1cMask = 32'h0000_0000;
  localparam logic [31:0] CsrScratchWoMask = 32'h0000_0000;
  // VALUE (bits 31:0, rw)
  localparam int unsigned CsrScratchValueLsb = 0;
  localparam int unsigned CsrScratchValueWidth = 32;
  localparam logic [31:0] CsrScratchValueMask = 32'hFFFF_FFFF;
  localparam logic [31:0] CsrScratchValueReset = 32'h0000_0000;

  // CMD_DATA0..CMD_DATA15: Staging area for one command descriptor (layout in the commands
  // section).
  localparam logic [11:0] CsrCmdDataOffset = 12'h040;
  localparam int unsigned CsrCmdDataCount = 16;
  localparam int unsigned CsrCmdDataStride = 4;
  localparam logic [11:0] CsrCmdData0Offset = 12'h040;
  localparam logic [11:0] CsrCmdData1Offset = 12'h044;
  localparam logic [11:0] CsrCmdData2Offset = 12'h048;
  localparam logic [11:0] CsrCmdData3Offset = 12'h04C;
  localparam logic [11:0] CsrCmdData4Offset = 12'h050;
  localparam logic [11:0] CsrCmdData5Offset = 12'h054;
  localparam logic [11:0] CsrCmdData6Offset = 12'h058;
  localparam logic [11:0] CsrCmdData7Offset = 12'h05C;
  localparam logic [11:0] CsrCmdData8Offset = 12'h060;
  localparam logic [11:0] CsrCmdData9Offset = 12'h064;
  localparam logic [11:0] CsrCmdData10Offset = 12'h068;
  localparam logic [11:0] CsrCmdData11Offset = 12'h06C;
  localparam logic [11:0] CsrCmdData12Offset = 12'h070;
  localparam logic [11:0] CsrCmdData13Offset = 12'h074;
  localparam logic [11:0] CsrCmdData14Offset = 12'h078;
  localparam logic [11:0] CsrCmdData15Offset = 12'h07C;
  localparam logic [31:0] CsrCmdDataResetValue = 32'h0000_0000;
  localparam logic [31:0] CsrCmdDataWritableMask = 32'hFFFF_FFFF;
  localparam logic [31:0] CsrCmdDataReadMask = 32'hFFFF_FFFF;
  localparam logic [31:0] CsrCmdDataW1cMask = 32'h0000_0000;
  localparam logic [31:0] CsrCmdDataWoMask = 32'h0000_0000;
  // WORD (bits 31:0, rw)
  localparam int unsigned CsrCmdDataWordLsb = 0;
  localparam int unsigned CsrCmdDataWordWidth = 32;
  localparam logic [31:0] CsrCmdDataWordMask = 32'hFFFF_FFFF;
  localparam logic [31:0] CsrCmdDataWordReset = 32'h0000_0000;

  // CMD_PUSH: Push the staged descriptor (all 16 CMD_DATA words, atomically) into the queue.
  localparam logic [11:0] CsrCmdPushOffset = 12'h080;
  localparam logic [31:0] CsrCmdPushResetValue = 32'h0000_0000;
  localparam logic [31:0] CsrCmdPushWritableMask = 32'h0000_0001;
  localparam logic [31:0] CsrCmdPushReadMask = 32'h0000_0000;
  localparam logic [31:0] CsrCmdPushW1cMask = 32'h0000_0000;
  localparam logic [31:0] CsrCmdPushWoMask = 32'h0000_0001;
  // PUSH (bits 0:0, wo)
  localparam int unsigned CsrCmdPushPushLsb = 0;
  localparam int unsigned CsrCmdPushPushWidth = 1;
  localparam logic [31:0] CsrCmdPushPushMask = 32'h0000_0001;
  localparam logic CsrCmdPushPushReset = 1'h0;

  // RERAM_CTRL: ReRAM embedding store settings.
  localparam logic [11:0] CsrReramCtrlOffset = 12'h090;
  localparam logic [31:0] CsrReramCtrlResetValue = 32'h0000_0001;
  localparam logic [31:0] CsrReramCtrlWritableMask = 32'h0000_0007;
  localparam logic [31:0] CsrReramCtrlReadMask = 32'h0000_0007;
  localparam logic [31:0] CsrReramCtrlW1cMask = 32'h0000_0000;
  localparam logic [31:0] CsrReramCtrlWoMask = 32'h0000_0000;
  // VALUE_MODE (bits 1:0, rw, enum reram_mode_e)
  localparam int unsigned CsrReramCtrlValueModeLsb = 0;
  localparam int unsigned CsrReramCtrlValueModeWidth = 2;
  localparam logic [31:0] CsrReramCtrlValueModeMask = 32'h0000_0003;
  localparam logic [1:0] CsrReramCtrlValueModeReset = 2'h1;
  // FAULT_EN (bits 2:2, rw)
  localparam int unsigned CsrReramCtrlFaultEnLsb = 2;
  localparam int unsigned CsrReramCtrlFaultEnWidth = 1;
  localparam logic [31:0] CsrReramCtrlFaultEnMask = 32'h0000_0004;
  localparam logic CsrReramCtrlFaultEnReset = 1'h0;

  // RERAM_SEED: Seed of the fault-injection model.
  localparam logic [11:0] CsrReramSeedOffset = 12'h094;
  localparam logic [31:0] CsrReramSeedResetValue = 32'h0000_0001;
  localparam logic [31:0] CsrReramSeedWritableMask = 32'hFFFF_FFFF;
  localparam logic [31:0] CsrReramSeedReadMask = 32'hFFFF_FFFF;
  localparam logic [31:0] CsrReramSeedW1cMask = 32'h0000_0000;
  localparam logic [31:0] CsrReramSeedWoMask = 32'h0000_0000;
  // SEED (bits 31:0, rw)
  localparam int unsigned CsrReramSeedSeedLsb = 0;
  localparam int unsigned CsrReramSeedSeedWidth = 32;
  localparam logic [31:0] CsrReramSeedSeedMask = 32'hFFFF_FFFF;
  localparam logic [31:0] CsrReramSeedSeedReset = 32'h0000_0001;

  // RERAM_LATENCY: ReRAM read latency per cell mode, in core cycles (500 MHz reference -
  // 1.21/1.54/2.96 ns).
  localparam logic [11:0] CsrReramLatencyOffset = 12'h098;
  localparam logic [31:0] CsrReramLatencyResetValue = 32'h0002_0101;
  localparam logic [31:0] CsrReramLatencyWritableMask = 32'h00FF_FFFF;
  localparam logic [31:0] CsrReramLatencyReadMask = 32'h00FF_FFFF;
  localparam logic [31:0] CsrReramLatencyW1cMask = 32'h0000_0000;
  localparam logic [31:0] CsrReramLatencyWoMask = 32'h0000_0000;
  // SLC (bits 7:0, rw)
  localparam int unsigned CsrReramLatencySlcLsb = 0;
  localparam int unsigned CsrReramLatencySlcWidth = 8;
  localparam logic [31:0] CsrReramLatencySlcMask = 32'h0000_00FF;
  localparam logic [7:0] CsrReramLatencySlcReset = 8'h01;
  // MLC2 (bits 15:8, rw)
  localparam int unsigned CsrReramLatencyMlc2Lsb = 8;
  localparam int unsigned CsrReramLatencyMlc2Width = 8;
  localparam logic [31:0] CsrReramLatencyMlc2Mask = 32'h0000_FF00;
  localparam logic [7:0] CsrReramLatencyMlc2Reset = 8'h01;
  // MLC3 (bits 23:16, rw)
  localparam int unsigned CsrReramLatencyMlc3Lsb = 16;
  localparam int unsigned CsrReramLatencyMlc3Width = 8;
  localparam logic [31:0] CsrReramLatencyMlc3Mask = 32'h00FF_0000;
  localparam logic [7:0] CsrReramLatencyMlc3Reset = 8'h02;

  // PERF_BUSY_CYCLES0..PERF_BUSY_CYCLES1: Cycles with BUSY set. 64-bit: word 0 low, word 1 high;
  // reading word 0 latches word 1.
  localparam logic [11:0] CsrPerfBusyCyclesOffset = 12'h100;
  localparam int unsigned CsrPerfBusyCyclesCount = 2;
  localparam int unsigned CsrPerfBusyCyclesStride = 4;
  localparam logic [11:0] CsrPerfBusyCycles0Offset = 12'h100;
  localparam logic [11:0] CsrPerfBusyCycles1Offset = 12'h104;
  localparam logic [31:0] CsrPerfBusyCyclesResetValue = 32'h0000_0000;
  localparam logic [31:0] CsrPerfBusyCyclesWritableMask = 32'h0000_0000;
  localparam logic [31:0] CsrPerfBusyCyclesReadMask = 32'hFFFF_FFFF;
  localparam logic [31:0] CsrPerfBusyCyclesW1cMask = 32'h0000_0000;
  localparam logic [31:0] CsrPerfBusyCyclesWoMask = 32'h0000_0000;
  // VALUE (bits 31:0, ro)
  localparam int unsigned CsrPerfBusyCyclesValueLsb = 0;
  localparam int unsigned CsrPerfBusyCyclesValueWidth = 32;
  localparam logic [31:0] CsrPerfBusyCyclesValueMask = 32'hFFFF_FFFF;
  localparam logic [31:0] CsrPerfBusyCyclesValueReset = 32'h0000_0000;

  // PERF_MAC_CYCLES0..PERF_MAC_CYCLES1: Cycles in which the MAC array performed at least one VMAC
  // (64-bit, as PERF_BUSY_CYCLES).
  localparam logic [11:0] CsrPerfMacCyclesOffset = 12'h108;
  localparam int unsigned CsrPerfMacCyclesCount = 2;
  localparam int unsigned CsrPerfMacCyclesStride = 4;
  localparam logic [11:0] CsrPerfMacCycles0Offset = 12'h108;
  localparam logic [11:0] CsrPerfMacCycles1Offset = 12'h10C;
  localparam logic [31:0] CsrPerfMacCyclesResetValue = 32'h0000_0000;
  localparam logic [31:0] CsrPerfMacCyclesWritableMask = 32'h0000_0000;
  localparam logic [31:0] CsrPerfMacCyclesReadMask = 32'hFFFF_FFFF;
  localparam logic [31:0] CsrPerfMacCyclesW1cMask = 32'h0000_0000;
  localparam logic [31:0] CsrPerfMacCyclesWoMask = 32'h0000_0000;
  // VALUE (bits 31:0, ro)
  localparam int unsigned CsrPerfMacCyclesValueLsb = 0;
  localparam int unsigned CsrPerfMacCyclesValueWidth = 32;
  localparam logic [31:0] CsrPerfMacCyclesValueMask = 32'hFFFF_FFFF;
  localparam logic [31:0] CsrPerfMacCyclesValueReset = 32'h0000_0000;

  // PERF_VMACS0..PERF_VMACS1: n-element vector MACs issued, skipped ones included (64-bit).
  localparam logic [11:0] CsrPerfVmacsOffset = 12'h110;
  localparam int unsigned CsrPerfVmacsCount = 2;
  localparam int unsigned CsrPerfVmacsStride = 4;
  localparam logic [11:0] CsrPerfVmacs0Offset = 12'h110;
  localparam logic [11:0] CsrPerfVmacs1Offset = 12'h114;
  localparam logic [31:0] CsrPerfVmacsResetValue = 32'h0000_0000;
  localparam logic [31:0] CsrPerfVmacsWritableMask = 32'h0000_0000;
  localparam logic [31:0] CsrPerfVmacsReadMask = 32'hFFFF_FFFF;
  localparam logic [31:0] CsrPerfVmacsW1cMask = 32'h0000_0000;
  localparam logic [31:0] CsrPerfVmacsWoMask = 32'h0000_0000;
  // VALUE (bits 31:0, ro)
  localparam int unsigned CsrPerfVmacsValueLsb = 0;
  localparam int unsigned CsrPerfVmacsValueWidth = 32;
  localparam logic [31:0] CsrPerfVmacsValueMask = 32'hFFFF_FFFF;
  localparam logic [31:0] CsrPerfVmacsValueReset = 32'h0000_0000;

  // PERF_VMACS_SKIPPED0..PERF_VMACS_SKIPPED1: VMACs not multiplied because an operand vector was
  // all zero (64-bit).
  localparam logic [11:0] CsrPerfVmacsSkippedOffset = 12'h118;
  localparam int unsigned CsrPerfVmacsSkippedCount = 2;
  localparam int unsigned CsrPerfVmacsSkippedStride = 4;
  localparam logic [11:0] CsrPerfVmacsSkipped0Offset = 12'h118;
  localparam logic [11:0] CsrPerfVmacsSkipped1Offset = 12'h11C;
  localparam logic [31:0] CsrPerfVmacsSkippedResetValue = 32'h0000_0000;
  localparam logic [31:0] CsrPerfVmacsSkippedWritableMask = 32'h0000_0000;
  localparam logic [31:0] CsrPerfVmacsSkippedReadMask = 32'hFFFF_FFFF;
  localparam logic [31:0] CsrPerfVmacsSkippedW1cMask = 32'h0000_0000;
  localparam logic [31:0] CsrPerfVmacsSkippedWoMask = 32'h0000_0000;
  // VALUE (bits 31:0, ro)
  localparam int unsigned CsrPerfVmacsSkippedValueLsb = 0;
  localparam int unsigned CsrPerfVmacsSkippedValueWidth = 32;
  localparam logic [31:0] CsrPerfVmacsSkippedValueMask = 32'hFFFF_FFFF;
  localparam logic [31:0] CsrPerfVmacsSkippedValueReset = 32'h0000_0000;

  // PERF_STALL_CYCLES0..PERF_STALL_CYCLES1: Busy cycles in which the executing unit waited for
  // operands (64-bit).
  localparam logic [11:0] CsrPerfStallCyclesOffset = 12'h120;
  localparam int unsigned CsrPerfStallCyclesCount = 2;
  localparam int unsigned CsrPerfStallCyclesStride = 4;
  localparam logic [11:0] CsrPerfStallCycles0Offset = 12'h120;
  localparam logic [11:0] CsrPerfStallCycles1Offset = 12'h124;
  localparam logic [31:0] CsrPerfStallCyclesResetValue = 32'h0000_0000;
  localparam logic [31:0] CsrPerfStallCyclesWritableMask = 32'h0000_0000;
  localparam logic [31:0] CsrPerfStallCyclesReadMask = 32'hFFFF_FFFF;
  localparam logic [31:0] CsrPerfStallCyclesW1cMask = 32'h0000_0000;
  localparam logic [31:0] CsrPerfStallCyclesWoMask = 32'h0000_0000;
  // VALUE (bits 31:0, ro)
  localparam int unsigned CsrPerfStallCyclesValueLsb = 0;
  localparam int unsigned CsrPerfStallCyclesValueWidth = 32;
  localparam logic [31:0] CsrPerfStallCyclesValueMask = 32'hFFFF_FFFF;
  localparam logic [31:0] CsrPerfStallCyclesValueReset = 32'h0000_0000;

  // PERF_SATURATIONS0..PERF_SATURATIONS1: Results clamped to the largest AF8 magnitude on
  // re-quantization (64-bit).
  localparam logic [11:0] CsrPerfSaturationsOffset = 12'h128;
  localparam int unsigned CsrPerfSaturationsCount = 2;
  localparam int unsigned CsrPerfSaturationsStride = 4;
  localparam logic [11:0] CsrPerfSaturations0Offset = 12'h128;
  localparam logic [11:0] CsrPerfSaturations1Offset = 12'h12C;
  localparam logic [31:0] CsrPerfSaturationsResetValue = 32'h0000_0000;
  localparam logic [31:0] CsrPerfSaturationsWritableMask = 32'h0000_0000;
  localparam logic [31:0] CsrPerfSaturationsReadMask = 32'hFFFF_FFFF;
  localparam logic [31:0] CsrPerfSaturationsW1cMask = 32'h0000_0000;
  localparam logic [31:0] CsrPerfSaturationsWoMask = 32'h0000_0000;
  // VALUE (bits 31:0, ro)
  localparam int unsigned CsrPerfSaturationsValueLsb = 0;
  localparam int unsigned CsrPerfSaturationsValueWidth = 32;
  localparam logic [31:0] CsrPerfSaturationsValueMask = 32'hFFFF_FFFF;
  localparam logic [31:0] CsrPerfSaturationsValueReset = 32'h0000_0000;

  // PERF_MACS_NONZERO0..PERF_MACS_NONZERO1: Element MACs of the PU's VMACs whose A and B codes are
  // both nonzero (the multiplications zero-skipping cannot save; 64-bit).
  localparam logic [11:0] CsrPerfMacsNonzeroOffset = 12'h130;
  localparam int unsigned CsrPerfMacsNonzeroCount = 2;
  localparam int unsigned CsrPerfMacsNonzeroStride = 4;
  localparam logic [11:0] CsrPerfMacsNonzero0Offset = 12'h130;
  localparam logic [11:0] CsrPerfMacsNonzero1Offset = 12'h134;
  localparam logic [31:0] CsrPerfMacsNonzeroResetValue = 32'h0000_0000;
  localparam logic [31:0] CsrPerfMacsNonzeroWritableMask = 32'h0000_0000;
  localparam logic [31:0] CsrPerfMacsNonzeroReadMask = 32'hFFFF_FFFF;
  localparam logic [31:0] CsrPerfMacsNonzeroW1cMask = 32'h0000_0000;
  localparam logic [31:0] CsrPerfMacsNonzeroWoMask = 32'h0000_0000;
  // VALUE (bits 31:0, ro)
  localparam int unsigned CsrPerfMacsNonzeroValueLsb = 0;
  localparam int unsigned CsrPerfMacsNonzeroValueWidth = 32;
  localparam logic [31:0] CsrPerfMacsNonzeroValueMask = 32'hFFFF_FFFF;
  localparam logic [31:0] CsrPerfMacsNonzeroValueReset = 32'h0000_0000;

  // PERF_WSRAM_READS0..PERF_WSRAM_READS1: WSRAM vector reads by the PU (B operands; host reads not
  // counted; 64-bit).
  localparam logic [11:0] CsrPerfWsramReadsOffset = 12'h138;
  localparam int unsigned CsrPerfWsramReadsCount = 2;
  localparam int unsigned CsrPerfWsramReadsStride = 4;
  localparam logic [11:0] CsrPerfWsramReads0Offset = 12'h138;
  localparam logic [11:0] CsrPerfWsramReads1Offset = 12'h13C;
  localparam logic [31:0] CsrPerfWsramReadsResetValue = 32'h0000_0000;
  localparam logic [31:0] CsrPerfWsramReadsWritableMask = 32'h0000_0000;
  localparam logic [31:0] CsrPerfWsramReadsReadMask = 32'hFFFF_FFFF;
  localparam logic [31:0] CsrPerfWsramReadsW1cMask = 32'h0000_0000;
  localparam logic [31:0] CsrPerfWsramReadsWoMask = 32'h0000_0000;
  // VALUE (bits 31:0, ro)
  localparam int unsigned CsrPerfWsramReadsValueLsb = 0;
  localparam int unsigned CsrPerfWsramReadsValueWidth = 32;
  localparam logic [31:0] CsrPerfWsramReadsValueMask = 32'hFFFF_FFFF;
  localparam logic [31:0] CsrPerfWsramReadsValueReset = 32'h0000_0000;

  // PERF_UAB_READS0..PERF_UAB_READS1: UAB vector reads by the PU and the GB units, both read ports
  // (host reads not counted; 64-bit).
  localparam logic [11:0] CsrPerfUabReadsOffset = 12'h140;
  localparam int unsigned CsrPerfUabReadsCount = 2;
  localparam int unsigned CsrPerfUabReadsStride = 4;
  localparam logic [11:0] CsrPerfUabReads0Offset = 12'h140;
  localparam logic [11:0] CsrPerfUabReads1Offset = 12'h144;
  localparam logic [31:0] CsrPerfUabReadsResetValue = 32'h0000_0000;
  localparam logic [31:0] CsrPerfUabReadsWritableMask = 32'h0000_0000;
  localparam logic [31:0] CsrPerfUabReadsReadMask = 32'hFFFF_FFFF;
  localparam logic [31:0] CsrPerfUabReadsW1cMask = 32'h0000_0000;
  localparam logic [31:0] CsrPerfUabReadsWoMask = 32'h0000_0000;
  // VALUE (bits 31:0, ro)
  localparam int unsigned CsrPerfUabReadsValueLsb = 0;
  localparam int unsigned CsrPerfUabReadsValueWidth = 32;
  localparam logic [31:0] CsrPerfUabReadsValueMask = 32'hFFFF_FFFF;
  localparam logic [31:0] CsrPerfUabReadsValueReset = 32'h0000_0000;

  // PERF_UAB_WRITES0..PERF_UAB_WRITES1: UAB vector writes by the PU and the GB units (host writes
  // not counted; 64-bit).
  localparam logic [11:0] CsrPerfUabWritesOffset = 12'h148;
  localparam int unsigned CsrPerfUabWritesCount = 2;
  localparam int unsigned CsrPerfUabWritesStride = 4;
  localparam logic [11:0] CsrPerfUabWrites0Offset = 12'h148;
  localparam logic [11:0] CsrPerfUabWrites1Offset = 12'h14C;
  localparam logic [31:0] CsrPerfUabWritesResetValue = 32'h0000_0000;
  localparam logic [31:0] CsrPerfUabWritesWritableMask = 32'h0000_0000;
  localparam logic [31:0] CsrPerfUabWritesReadMask = 32'hFFFF_FFFF;
  localparam logic [31:0] CsrPerfUabWritesW1cMask = 32'h0000_0000;
  localparam logic [31:0] CsrPerfUabWritesWoMask = 32'h0000_0000;
  // VALUE (bits 31:0, ro)
  localparam int unsigned CsrPerfUabWritesValueLsb = 0;
  localparam int unsigned CsrPerfUabWritesValueWidth = 32;
  localparam logic [31:0] CsrPerfUabWritesValueMask = 32'hFFFF_FFFF;
  localparam logic [31:0] CsrPerfUabWritesValueReset = 32'h0000_0000;

  // PERF_AUX_READS0..PERF_AUX_READS1: Aux buffer 32-bit word reads by the PU and the GB units (host
  // reads not counted; 64-bit).
  localparam logic [11:0] CsrPerfAuxReadsOffset = 12'h150;
  localparam int unsigned CsrPerfAuxReadsCount = 2;
  localparam int unsigned CsrPerfAuxReadsStride = 4;
  localparam logic [11:0] CsrPerfAuxReads0Offset = 12'h150;
  localparam logic [11:0] CsrPerfAuxReads1Offset = 12'h154;
  localparam logic [31:0] CsrPerfAuxReadsResetValue = 32'h0000_0000;
  localparam logic [31:0] CsrPerfAuxReadsWritableMask = 32'h0000_0000;
  localparam logic [31:0] CsrPerfAuxReadsReadMask = 32'hFFFF_FFFF;
  localparam logic [31:0] CsrPerfAuxReadsW1cMask = 32'h0000_0000;
  localparam logic [31:0] CsrPerfAuxReadsWoMask = 32'h0000_0000;
  // VALUE (bits 31:0, ro)
  localparam int unsigned CsrPerfAuxReadsValueLsb = 0;
  localparam int unsigned CsrPerfAuxReadsValueWidth = 32;
  localparam logic [31:0] CsrPerfAuxReadsValueMask = 32'hFFFF_FFFF;
  localparam logic [31:0] CsrPerfAuxReadsValueReset = 32'h0000_0000;

  // PERF_AUX_WRITES0..PERF_AUX_WRITES1: Aux buffer 32-bit word writes by the GB units (ENTROPY's H;
  // host writes not counted; 64-bit).
  localparam logic [11:0] CsrPerfAuxWritesOffset = 12'h158;
  localparam int unsigned CsrPerfAuxWritesCount = 2;
  localparam int unsigned CsrPerfAuxWritesStride = 4;
  localparam logic [11:0] CsrPerfAuxWrites0Offset = 12'h158;
  localparam logic [11:0] CsrPerfAuxWrites1Offset = 12'h15C;
  localparam logic [31:0] CsrPerfAuxWritesResetValue = 32'h0000_0000;
  localparam logic [31:0] CsrPerfAuxWritesWritableMask = 32'h0000_0000;
  localparam logic [31:0] CsrPerfAuxWritesReadMask = 32'hFFFF_FFFF;
  localparam logic [31:0] CsrPerfAuxWritesW1cMask = 32'h0000_0000;
  localparam logic [31:0] CsrPerfAuxWritesWoMask = 32'h0000_0000;
  // VALUE (bits 31:0, ro)
  localparam int unsigned CsrPerfAuxWritesValueLsb = 0;
  localparam int unsigned CsrPerfAuxWritesValueWidth = 32;
  localparam logic [31:0] CsrPerfAuxWritesValueMask = 32'hFFFF_FFFF;
  localparam logic [31:0] CsrPerfAuxWritesValueReset = 32'h0000_0000;

  // PERF_GB_BUSY_CYCLES0..PERF_GB_BUSY_CYCLES1: Cycles in which the GB held a command (a row unit
  // busy, or a bad opcode answered; 64-bit).
  localparam logic [11:0] CsrPerfGbBusyCyclesOffset = 12'h160;
  localparam int unsigned CsrPerfGbBusyCyclesCount = 2;
  localparam int unsigned CsrPerfGbBusyCyclesStride = 4;
  localparam logic [11:0] CsrPerfGbBusyCycles0Offset = 12'h160;
  localparam logic [11:0] CsrPerfGbBusyCycles1Offset = 12'h164;
  localparam logic [31:0] CsrPerfGbBusyCyclesResetValue = 32'h0000_0000;
  localparam logic [31:0] CsrPerfGbBusyCyclesWritableMask = 32'h0000_0000;
  localparam logic [31:0] CsrPerfGbBusyCyclesReadMask = 32'hFFFF_FFFF;
  localparam logic [31:0] CsrPerfGbBusyCyclesW1cMask = 32'h0000_0000;
  localparam logic [31:0] CsrPerfGbBusyCyclesWoMask = 32'h0000_0000;
  // VALUE (bits 31:0, ro)
  localparam int unsigned CsrPerfGbBusyCyclesValueLsb = 0;
  localparam int unsigned CsrPerfGbBusyCyclesValueWidth = 32;
  localparam logic [31:0] CsrPerfGbBusyCyclesValueMask = 32'hFFFF_FFFF;
  localparam logic [31:0] CsrPerfGbBusyCyclesValueReset = 32'h0000_0000;

  // PERF_RERAM_SLC_READS0..PERF_RERAM_SLC_READS1: ReRAM word reads accepted for GATHER from SLC
  // cells: the SLC region (masks, headers, offsets), and the value region with VALUE_MODE = SLC
  // (64-bit).
  localparam logic [11:0] CsrPerfReramSlcReadsOffset = 12'h168;
  localparam int unsigned CsrPerfReramSlcReadsCount = 2;
  localparam int unsigned CsrPerfReramSlcReadsStride = 4;
  localparam logic [11:0] CsrPerfReramSlcReads0Offset = 12'h168;
  localparam logic [11:0] CsrPerfReramSlcReads1Offset = 12'h16C;
  localparam logic [31:0] CsrPerfReramSlcReadsResetValue = 32'h0000_0000;
  localparam logic [31:0] CsrPerfReramSlcReadsWritableMask = 32'h0000_0000;
  localparam logic [31:0] CsrPerfReramSlcReadsReadMask = 32'hFFFF_FFFF;
  localparam logic [31:0] CsrPerfReramSlcReadsW1cMask = 32'h0000_0000;
  localparam logic [31:0] CsrPerfReramSlcReadsWoMask = 32'h0000_0000;
  // VALUE (bits 31:0, ro)
  localparam int unsigned CsrPerfReramSlcReadsValueLsb = 0;
  localparam int unsigned CsrPerfReramSlcReadsValueWidth = 32;
  localparam logic [31:0] CsrPerfReramSlcReadsValueMask = 32'hFFFF_FFFF;
  localparam logic [31:0] CsrPerfReramSlcReadsValueReset = 32'h0000_0000;

  // PERF_RERAM_MLC2_READS0..PERF_RERAM_MLC2_READS1: ReRAM word reads accepted for GATHER from MLC2
  // cells (the value region with VALUE_MODE = MLC2; 64-bit).
  localparam logic [11:0] CsrPerfReramMlc2ReadsOffset = 12'h170;
  localparam int unsigned CsrPerfReramMlc2ReadsCount = 2;
  localparam int unsigned CsrPerfReramMlc2ReadsStride = 4;
  localparam logic [11:0] CsrPerfReramMlc2Reads0Offset = 12'h170;
  localparam logic [11:0] CsrPerfReramMlc2Reads1Offset = 12'h174;
  localparam logic [31:0] CsrPerfReramMlc2ReadsResetValue = 32'h0000_0000;
  localparam logic [31:0] CsrPerfReramMlc2ReadsWritableMask = 32'h0000_0000;
  localparam logic [31:0] CsrPerfReramMlc2ReadsReadMask = 32'hFFFF_FFFF;
  localparam logic [31:0] CsrPerfReramMlc2ReadsW1cMask = 32'h0000_0000;
  localparam logic [31:0] CsrPerfReramMlc2ReadsWoMask = 32'h0000_0000;
  // VALUE (bits 31:0, ro)
  localparam int unsigned CsrPerfReramMlc2ReadsValueLsb = 0;
  localparam int unsigned CsrPerfReramMlc2ReadsValueWidth = 32;
  localparam logic [31:0] CsrPerfReramMlc2ReadsValueMask = 32'hFFFF_FFFF;
  localparam logic [31:0] CsrPerfReramMlc2ReadsValueReset = 32'h0000_0000;

  // PERF_RERAM_MLC3_READS0..PERF_RERAM_MLC3_READS1: ReRAM word reads accepted for GATHER from MLC3
  // cells (the value region with VALUE_MODE = MLC3 or 3; 64-bit).
  localparam logic [11:0] CsrPerfReramMlc3ReadsOffset = 12'h178;
  localparam int unsigned CsrPerfReramMlc3ReadsCount = 2;
  localparam int unsigned CsrPerfReramMlc3ReadsStride = 4;
  localparam logic [11:0] CsrPerfReramMlc3Reads0Offset = 12'h178;
  localparam logic [11:0] CsrPerfReramMlc3Reads1Offset = 12'h17C;
  localparam logic [31:0] CsrPerfReramMlc3ReadsResetValue = 32'h0000_0000;
  localparam logic [31:0] CsrPerfReramMlc3ReadsWritableMask = 32'h0000_0000;
  localparam logic [31:0] CsrPerfReramMlc3ReadsReadMask = 32'hFFFF_FFFF;
  localparam logic [31:0] CsrPerfReramMlc3ReadsW1cMask = 32'h0000_0000;
  localparam logic [31:0] CsrPerfReramMlc3ReadsWoMask = 32'h0000_0000;
  // VALUE (bits 31:0, ro)
  localparam int unsigned CsrPerfReramMlc3ReadsValueLsb = 0;
  localparam int unsigned CsrPerfReramMlc3ReadsValueWidth = 32;
  localparam logic [31:0] CsrPerfReramMlc3ReadsValueMask = 32'hFFFF_FFFF;
  localparam logic [31:0] CsrPerfReramMlc3ReadsValueReset = 32'h0000_0000;

  // PERF_IDLE_CYCLES0..PERF_IDLE_CYCLES1: Cycles with STATUS.BUSY clear (no command executing;
  // 64-bit).
  localparam logic [11:0] CsrPerfIdleCyclesOffset = 12'h180;
  localparam int unsigned CsrPerfIdleCyclesCount = 2;
  localparam int unsigned CsrPerfIdleCyclesStride = 4;
  localparam logic [11:0] CsrPerfIdleCycles0Offset = 12'h180;
  localparam logic [11:0] CsrPerfIdleCycles1Offset = 12'h184;
  localparam logic [31:0] CsrPerfIdleCyclesResetValue = 32'h0000_0000;
  localparam logic [31:0] CsrPerfIdleCyclesWritableMask = 32'h0000_0000;
  localparam logic [31:0] CsrPerfIdleCyclesReadMask = 32'hFFFF_FFFF;
  localparam logic [31:0] CsrPerfIdleCyclesW1cMask = 32'h0000_0000;
  localparam logic [31:0] CsrPerfIdleCyclesWoMask = 32'h0000_0000;
  // VALUE (bits 31:0, ro)
  localparam int unsigned CsrPerfIdleCyclesValueLsb = 0;
  localparam int unsigned CsrPerfIdleCyclesValueWidth = 32;
  localparam logic [31:0] CsrPerfIdleCyclesValueMask = 32'hFFFF_FFFF;
  localparam logic [31:0] CsrPerfIdleCyclesValueReset = 32'h0000_0000;

  // -----------------------------------------------------------------------------------------------
  // Register layouts: one packed struct per register (every element of an array).
  // -----------------------------------------------------------------------------------------------
  // verilator lint_off SYMRSVDWORD

  // ID as a packed struct.
  typedef struct packed {
    logic [15:0] magic;
    logic [15:0] version;
  } csr_id_t;

  // HWCFG0 as a packed struct.
  typedef struct packed {
    logic [3:0] reserved_31_28;
    logic [11:0] max_seq;
    logic [7:0] cmdq_depth;
    logic [7:0] lanes;
  } csr_hwcfg0_t;

  // HWCFG1 as a packed struct.
  typedef struct packed {
    logic [15:0] aux_kib;
    logic [15:0] uab_kib;
  } csr_hwcfg1_t;

  // HWCFG2 as a packed struct.
  typedef struct packed {
    logic [15:0] reram_kib;
    logic [15:0] wsram_kib;
  } csr_hwcfg2_t;

  // CTRL as a packed struct.
  typedef struct packed {
    logic [28:0] reserved_31_3;
    logic clr_perf;
    logic abort;
    logic enable;
  } csr_ctrl_t;

  // STATUS as a packed struct.
  typedef struct packed {
    logic [15:0] reserved_31_16;
    logic [7:0] cmdq_level;
    logic [3:0] reserved_7_4;
    logic halted;
    logic cmdq_full;
    logic cmdq_empty;
    logic busy;
  } csr_status_t;

  // INTR_STATE as a packed struct.
  typedef struct packed {
    logic [28:0] reserved_31_3;
    logic error;
    logic early_exit;
    logic done;
  } csr_intr_state_t;

  // INTR_ENABLE as a packed struct.
  typedef struct packed {
    logic [28:0] reserved_31_3;
    logic error;
    logic early_exit;
    logic done;
  } csr_intr_enable_t;

  // INTR_TEST as a packed struct.
  typedef struct packed {
    logic [28:0] reserved_31_3;
    logic error;
    logic early_exit;
    logic done;
  } csr_intr_test_t;

  // ERR_CAUSE as a packed struct.
  typedef struct packed {
    logic [15:0] reserved_31_16;
    logic [7:0] opcode;
    err_code_e code;
  } csr_err_cause_t;

  // ERR_SEQ as a packed struct.
  typedef struct packed {
    logic [31:0] seq;
  } csr_err_seq_t;

  // CMD_SEQ as a packed struct.
  typedef struct packed {
    logic [31:0] seq;
  } csr_cmd_seq_t;

  // ENTROPY_THRESHOLD as a packed struct.
  typedef struct packed {
    logic [31:0] value;
  } csr_entropy_threshold_t;

  // ENTROPY_LAST as a packed struct.
  typedef struct packed {
    logic [31:0] value;
  } csr_entropy_last_t;

  // SCRATCH as a packed struct.
  typedef struct packed {
    logic [31:0] value;
  } csr_scratch_t;

  // CMD_DATA as a packed struct.
  typedef struct packed {
    logic [31:0] word;
  } csr_cmd_data_t;

  // CMD_PUSH as a packed struct.
  typedef struct packed {
    logic [30:0] reserved_31_1;
    logic push;
  } csr_cmd_push_t;

  // RERAM_CTRL as a packed struct.
  typedef struct packed {
    logic [28:0] reserved_31_3;
    logic fault_en;
    reram_mode_e value_mode;
  } csr_reram_ctrl_t;

  // RERAM_SEED as a packed struct.
  typedef struct packed {
    logic [31:0] seed;
  } csr_reram_seed_t;

  // RERAM_LATENCY as a packed struct.
  typedef struct packed {
    logic [7:0] reserved_31_24;
    logic [7:0] mlc3;
    logic [7:0] mlc2;
    logic [7:0] slc;
  } csr_reram_latency_t;

  // PERF_BUSY_CYCLES as a packed struct.
  typedef struct packed {
    logic [31:0] value;
  } csr_perf_busy_cycles_t;

  // PERF_MAC_CYCLES as a packed struct.
  typedef struct packed {
    logic [31:0] value;
  } csr_perf_mac_cycles_t;

  // PERF_VMACS as a packed struct.
  typedef struct packed {
    logic [31:0] value;
  } csr_perf_vmacs_t;

  // PERF_VMACS_SKIPPED as a packed struct.
  typedef struct packed {
    logic [31:0] value;
  } csr_perf_vmacs_skipped_t;

  // PERF_STALL_CYCLES as a packed struct.
  typedef struct packed {
    logic [31:0] value;
  } csr_perf_stall_cycles_t;

  // PERF_SATURATIONS as a packed struct.
  typedef struct packed {
    logic [31:0] value;
  } csr_perf_saturations_t;

  // PERF_MACS_NONZERO as a packed struct.
  typedef struct packed {
    logic [31:0] value;
  } csr_perf_macs_nonzero_t;

  // PERF_WSRAM_READS as a packed struct.
  typedef struct packed {
    logic [31:0] value;
  } csr_perf_wsram_reads_t;

  // PERF_UAB_READS as a packed struct.
  typedef struct packed {
    logic [31:0] value;
  } csr_perf_uab_reads_t;

  // PERF_UAB_WRITES as a packed struct.
  typedef struct packed {
    logic [31:0] value;
  } csr_perf_uab_writes_t;

  // PERF_AUX_READS as a packed struct.
  typedef struct packed {
    logic [31:0] value;
  } csr_perf_aux_reads_t;

  // PERF_AUX_WRITES as a packed struct.
  typedef struct packed {
    logic [31:0] value;
  } csr_perf_aux_writes_t;

  // PERF_GB_BUSY_CYCLES as a packed struct.
  typedef struct packed {
    logic [31:0] value;
  } csr_perf_gb_busy_cycles_t;

  // PERF_RERAM_SLC_READS as a packed struct.
  typedef struct packed {
    logic [31:0] value;
  } csr_perf_reram_slc_reads_t;

  // PERF_RERAM_MLC2_READS as a packed struct.
  typedef struct packed {
    logic [31:0] value;
  } csr_perf_reram_mlc2_reads_t;

  // PERF_RERAM_MLC3_READS as a packed struct.
  typedef struct packed {
    logic [31:0] value;
  } csr_perf_reram_mlc3_reads_t;

  // PERF_IDLE_CYCLES as a packed struct.
  typedef struct packed {
    logic [31:0] value;
  } csr_perf_idle_cycles_t;
  // verilator lint_on SYMRSVDWORD

  // -----------------------------------------------------------------------------------------------
  // Command descriptors: CmdWords 32-bit words staged in CMD_DATA, then pushed.
  // -----------------------------------------------------------------------------------------------
  localparam int unsigned CmdWords = 16;

  // Command opcodes (the OPCODE field).
  typedef enum logic [7:0] {
    OpcodeNop = 8'd0,
    OpcodeMatmul = 8'd1,
    OpcodeSoftmax = 8'd2,
    OpcodeLayernorm = 8'd3,
    OpcodeAdd = 8'd4,
    OpcodeActivate = 8'd5,
    OpcodeEntropy = 8'd6,
    OpcodeGather = 8'd7,
    OpcodeFill = 8'd8
  } opcode_e;

  // Fields common to all opcodes.
  // OPCODE (word 0, bits 7:0)
  localparam int unsigned CmdOpcodeWord = 0;
  localparam int unsigned CmdOpcodeLsb = 0;
  localparam int unsigned CmdOpcodeWidth = 8;
  // IRQ (word 0, bits 8:8)
  localparam int unsigned CmdIrqWord = 0;
  localparam int unsigned CmdIrqLsb = 8;
  localparam int unsigned CmdIrqWidth = 1;

  // NOP (opcode 0): Does nothing; with IRQ set it marks a point in the queue.

  // MATMUL (opcode 1): C[MxN] = ACT(A[MxK] * B[NxK]^T + bias[N]), re-quantized to EXP_C. A in the
  // UAB; B in the WSRAM or the UAB.
  // ACT (word 0, bits 10:9, enum act_e)
  localparam int unsigned CmdMatmulActWord = 0;
  localparam int unsigned CmdMatmulActLsb = 9;
  localparam int unsigned CmdMatmulActWidth = 2;
  // TRANS_C (word 0, bits 11:11)
  localparam int unsigned CmdMatmulTransCWord = 0;
  localparam int unsigned CmdMatmulTransCLsb = 11;
  localparam int unsigned CmdMatmulTransCWidth = 1;
  // B_IN_UAB (word 0, bits 12:12)
  localparam int unsigned CmdMatmulBInUabWord = 0;
  localparam int unsigned CmdMatmulBInUabLsb = 12;
  localparam int unsigned CmdMatmulBInUabWidth = 1;
  // HAS_BIAS (word 0, bits 13:13)
  localparam int unsigned CmdMatmulHasBiasWord = 0;
  localparam int unsigned CmdMatmulHasBiasLsb = 13;
  localparam int unsigned CmdMatmulHasBiasWidth = 1;
  // M (word 1, bits 15:0)
  localparam int unsigned CmdMatmulMWord = 1;
  localparam int unsigned CmdMatmulMLsb = 0;
  localparam int unsigned CmdMatmulMWidth = 16;
  // N (word 1, bits 31:16)
  localparam int unsigned CmdMatmulNWord = 1;
  localparam int unsigned CmdMatmulNLsb = 16;
  localparam int unsigned CmdMatmulNWidth = 16;
  // K (word 2, bits 15:0)
  localparam int unsigned CmdMatmulKWord = 2;
  localparam int unsigned CmdMatmulKLsb = 0;
  localparam int unsigned CmdMatmulKWidth = 16;
  // EXP_A (word 3, bits 5:0, signed)
  localparam int unsigned CmdMatmulExpAWord = 3;
  localparam int unsigned CmdMatmulExpALsb = 0;
  localparam int unsigned CmdMatmulExpAWidth = 6;
  // EXP_B (word 3, bits 13:8, signed)
  localparam int unsigned CmdMatmulExpBWord = 3;
  localparam int unsigned CmdMatmulExpBLsb = 8;
  localparam int unsigned CmdMatmulExpBWidth = 6;
  // EXP_C (word 3, bits 21:16, signed)
  localparam int unsigned CmdMatmulExpCWord = 3;
  localparam int unsigned CmdMatmulExpCLsb = 16;
  localparam int unsigned CmdMatmulExpCWidth = 6;
  // EXP_PRE (word 3, bits 29:24, signed)
  localparam int unsigned CmdMatmulExpPreWord = 3;
  localparam int unsigned CmdMatmulExpPreLsb = 24;
  localparam int unsigned CmdMatmulExpPreWidth = 6;
  // A_ADDR (word 4, bits 23:0)
  localparam int unsigned CmdMatmulAAddrWord = 4;
  localparam int unsigned CmdMatmulAAddrLsb = 0;
  localparam int unsigned CmdMatmulAAddrWidth = 24;
  // A_STRIDE (word 5, bits 15:0)
  localparam int unsigned CmdMatmulAStrideWord = 5;
  localparam int unsigned CmdMatmulAStrideLsb = 0;
  localparam int unsigned CmdMatmulAStrideWidth = 16;
  // B_ADDR (word 6, bits 23:0)
  localparam int unsigned CmdMatmulBAddrWord = 6;
  localparam int unsigned CmdMatmulBAddrLsb = 0;
  localparam int unsigned CmdMatmulBAddrWidth = 24;
  // B_STRIDE (word 7, bits 15:0)
  localparam int unsigned CmdMatmulBStrideWord = 7;
  localparam int unsigned CmdMatmulBStrideLsb = 0;
  localparam int unsigned CmdMatmulBStrideWidth = 16;
  // C_ADDR (word 8, bits 23:0)
  localparam int unsigned CmdMatmulCAddrWord = 8;
  localparam int unsigned CmdMatmulCAddrLsb = 0;
  localparam int unsigned CmdMatmulCAddrWidth = 24;
  // C_STRIDE (word 9, bits 15:0)
  localparam int unsigned CmdMatmulCStrideWord = 9;
  localparam int unsigned CmdMatmulCStrideLsb = 0;
  localparam int unsigned CmdMatmulCStrideWidth = 16;
  // BIAS_ADDR (word 10, bits 15:0)
  localparam int unsigned CmdMatmulBiasAddrWord = 10;
  localparam int unsigned CmdMatmulBiasAddrLsb = 0;
  localparam int unsigned CmdMatmulBiasAddrWidth = 16;
  // ACT_TABLE_ADDR (word 11, bits 15:0)
  localparam int unsigned CmdMatmulActTableAddrWord = 11;
  localparam int unsigned CmdMatmulActTableAddrLsb = 0;
  localparam int unsigned CmdMatmulActTableAddrWidth = 16;

  // SOFTMAX (opcode 2): Row softmax (max trick, LogSumExp, no division), then the span mask
  // multiply. An all-zero span writes zeros in zero softmax cycles.
  // HAS_SPAN (word 0, bits 9:9)
  localparam int unsigned CmdSoftmaxHasSpanWord = 0;
  localparam int unsigned CmdSoftmaxHasSpanLsb = 9;
  localparam int unsigned CmdSoftmaxHasSpanWidth = 1;
  // ROWS (word 1, bits 15:0)
  localparam int unsigned CmdSoftmaxRowsWord = 1;
  localparam int unsigned CmdSoftmaxRowsLsb = 0;
  localparam int unsigned CmdSoftmaxRowsWidth = 16;
  // COLS (word 1, bits 31:16)
  localparam int unsigned CmdSoftmaxColsWord = 1;
  localparam int unsigned CmdSoftmaxColsLsb = 16;
  localparam int unsigned CmdSoftmaxColsWidth = 16;
  // KEYS (word 2, bits 15:0)
  localparam int unsigned CmdSoftmaxKeysWord = 2;
  localparam int unsigned CmdSoftmaxKeysLsb = 0;
  localparam int unsigned CmdSoftmaxKeysWidth = 16;
  // EXP_IN (word 3, bits 5:0, signed)
  localparam int unsigned CmdSoftmaxExpInWord = 3;
  localparam int unsigned CmdSoftmaxExpInLsb = 0;
  localparam int unsigned CmdSoftmaxExpInWidth = 6;
  // EXP_OUT (word 3, bits 13:8, signed)
  localparam int unsigned CmdSoftmaxExpOutWord = 3;
  localparam int unsigned CmdSoftmaxExpOutLsb = 8;
  localparam int unsigned CmdSoftmaxExpOutWidth = 6;
  // SRC_ADDR (word 4, bits 23:0)
  localparam int unsigned CmdSoftmaxSrcAddrWord = 4;
  localparam int unsigned CmdSoftmaxSrcAddrLsb = 0;
  localparam int unsigned CmdSoftmaxSrcAddrWidth = 24;
  // SRC_STRIDE (word 5, bits 15:0)
  localparam int unsigned CmdSoftmaxSrcStrideWord = 5;
  localparam int unsigned CmdSoftmaxSrcStrideLsb = 0;
  localparam int unsigned CmdSoftmaxSrcStrideWidth = 16;
  // DST_ADDR (word 8, bits 23:0)
  localparam int unsigned CmdSoftmaxDstAddrWord = 8;
  localparam int unsigned CmdSoftmaxDstAddrLsb = 0;
  localparam int unsigned CmdSoftmaxDstAddrWidth = 24;
  // DST_STRIDE (word 9, bits 15:0)
  localparam int unsigned CmdSoftmaxDstStrideWord = 9;
  localparam int unsigned CmdSoftmaxDstStrideLsb = 0;
  localparam int unsigned CmdSoftmaxDstStrideWidth = 16;
  // SPAN_ADDR (word 10, bits 15:0)
  localparam int unsigned CmdSoftmaxSpanAddrWord = 10;
  localparam int unsigned CmdSoftmaxSpanAddrLsb = 0;
  localparam int unsigned CmdSoftmaxSpanAddrWidth = 16;

  // LAYERNORM (opcode 3): Row LayerNorm with gamma, beta and epsilon (E[x^2] - E[x]^2).
  // ROWS (word 1, bits 15:0)
  localparam int unsigned CmdLayernormRowsWord = 1;
  localparam int unsigned CmdLayernormRowsLsb = 0;
  localparam int unsigned CmdLayernormRowsWidth = 16;
  // COLS (word 1, bits 31:16)
  localparam int unsigned CmdLayernormColsWord = 1;
  localparam int unsigned CmdLayernormColsLsb = 16;
  localparam int unsigned CmdLayernormColsWidth = 16;
  // EXP_IN (word 3, bits 5:0, signed)
  localparam int unsigned CmdLayernormExpInWord = 3;
  localparam int unsigned CmdLayernormExpInLsb = 0;
  localparam int unsigned CmdLayernormExpInWidth = 6;
  // EXP_OUT (word 3, bits 13:8, signed)
  localparam int unsigned CmdLayernormExpOutWord = 3;
  localparam int unsigned CmdLayernormExpOutLsb = 8;
  localparam int unsigned CmdLayernormExpOutWidth = 6;
  // EXP_GAMMA (word 3, bits 21:16, signed)
  localparam int unsigned CmdLayernormExpGammaWord = 3;
  localparam int unsigned CmdLayernormExpGammaLsb = 16;
  localparam int unsigned CmdLayernormExpGammaWidth = 6;
  // EXP_BETA (word 3, bits 29:24, signed)
  localparam int unsigned CmdLayernormExpBetaWord = 3;
  localparam int unsigned CmdLayernormExpBetaLsb = 24;
  localparam int unsigned CmdLayernormExpBetaWidth = 6;
  // SRC_ADDR (word 4, bits 23:0)
  localparam int unsigned CmdLayernormSrcAddrWord = 4;
  localparam int unsigned CmdLayernormSrcAddrLsb = 0;
  localparam int unsigned CmdLayernormSrcAddrWidth = 24;
  // SRC_STRIDE (word 5, bits 15:0)
  localparam int unsigned CmdLayernormSrcStrideWord = 5;
  localparam int unsigned CmdLayernormSrcStrideLsb = 0;
  localparam int unsigned CmdLayernormSrcStrideWidth = 16;
  // DST_ADDR (word 8, bits 23:0)
  localparam int unsigned CmdLayernormDstAddrWord = 8;
  localparam int unsigned CmdLayernormDstAddrLsb = 0;
  localparam int unsigned CmdLayernormDstAddrWidth = 24;
  // DST_STRIDE (word 9, bits 15:0)
  localparam int unsigned CmdLayernormDstStrideWord = 9;
  localparam int unsigned CmdLayernormDstStrideLsb = 0;
  localparam int unsigned CmdLayernormDstStrideWidth = 16;
  // GAMMA_ADDR (word 10, bits 15:0)
  localparam int unsigned CmdLayernormGammaAddrWord = 10;
  localparam int unsigned CmdLayernormGammaAddrLsb = 0;
  localparam int unsigned CmdLayernormGammaAddrWidth = 16;
  // BETA_ADDR (word 10, bits 31:16)
  localparam int unsigned CmdLayernormBetaAddrWord = 10;
  localparam int unsigned CmdLayernormBetaAddrLsb = 16;
  localparam int unsigned CmdLayernormBetaAddrWidth = 16;

  // ADD (opcode 4): Element-wise DST = A + B (residual), re-quantized to EXP_OUT.
  // ROWS (word 1, bits 15:0)
  localparam int unsigned CmdAddRowsWord = 1;
  localparam int unsigned CmdAddRowsLsb = 0;
  localparam int unsigned CmdAddRowsWidth = 16;
  // COLS (word 1, bits 31:16)
  localparam int unsigned CmdAddColsWord = 1;
  localparam int unsigned CmdAddColsLsb = 16;
  localparam int unsigned CmdAddColsWidth = 16;
  // EXP_A (word 3, bits 5:0, signed)
  localparam int unsigned CmdAddExpAWord = 3;
  localparam int unsigned CmdAddExpALsb = 0;
  localparam int unsigned CmdAddExpAWidth = 6;
  // EXP_B (word 3, bits 13:8, signed)
  localparam int unsigned CmdAddExpBWord = 3;
  localparam int unsigned CmdAddExpBLsb = 8;
  localparam int unsigned CmdAddExpBWidth = 6;
  // EXP_OUT (word 3, bits 21:16, signed)
  localparam int unsigned CmdAddExpOutWord = 3;
  localparam int unsigned CmdAddExpOutLsb = 16;
  localparam int unsigned CmdAddExpOutWidth = 6;
  // A_ADDR (word 4, bits 23:0)
  localparam int unsigned CmdAddAAddrWord = 4;
  localparam int unsigned CmdAddAAddrLsb = 0;
  localparam int unsigned CmdAddAAddrWidth = 24;
  // A_STRIDE (word 5, bits 15:0)
  localparam int unsigned CmdAddAStrideWord = 5;
  localparam int unsigned CmdAddAStrideLsb = 0;
  localparam int unsigned CmdAddAStrideWidth = 16;
  // B_ADDR (word 6, bits 23:0)
  localparam int unsigned CmdAddBAddrWord = 6;
  localparam int unsigned CmdAddBAddrLsb = 0;
  localparam int unsigned CmdAddBAddrWidth = 24;
  // B_STRIDE (word 7, bits 15:0)
  localparam int unsigned CmdAddBStrideWord = 7;
  localparam int unsigned CmdAddBStrideLsb = 0;
  localparam int unsigned CmdAddBStrideWidth = 16;
  // DST_ADDR (word 8, bits 23:0)
  localparam int unsigned CmdAddDstAddrWord = 8;
  localparam int unsigned CmdAddDstAddrLsb = 0;
  localparam int unsigned CmdAddDstAddrWidth = 24;
  // DST_STRIDE (word 9, bits 15:0)
  localparam int unsigned CmdAddDstStrideWord = 9;
  localparam int unsigned CmdAddDstStrideLsb = 0;
  localparam int unsigned CmdAddDstStrideWidth = 16;

  // ACTIVATE (opcode 5): Element-wise activation where the PU did not fuse it.
  // ACT (word 0, bits 10:9, enum act_e)
  localparam int unsigned CmdActivateActWord = 0;
  localparam int unsigned CmdActivateActLsb = 9;
  localparam int unsigned CmdActivateActWidth = 2;
  // ROWS (word 1, bits 15:0)
  localparam int unsigned CmdActivateRowsWord = 1;
  localparam int unsigned CmdActivateRowsLsb = 0;
  localparam int unsigned CmdActivateRowsWidth = 16;
  // COLS (word 1, bits 31:16)
  localparam int unsigned CmdActivateColsWord = 1;
  localparam int unsigned CmdActivateColsLsb = 16;
  localparam int unsigned CmdActivateColsWidth = 16;
  // EXP_IN (word 3, bits 5:0, signed)
  localparam int unsigned CmdActivateExpInWord = 3;
  localparam int unsigned CmdActivateExpInLsb = 0;
  localparam int unsigned CmdActivateExpInWidth = 6;
  // EXP_OUT (word 3, bits 13:8, signed)
  localparam int unsigned CmdActivateExpOutWord = 3;
  localparam int unsigned CmdActivateExpOutLsb = 8;
  localparam int unsigned CmdActivateExpOutWidth = 6;
  // SRC_ADDR (word 4, bits 23:0)
  localparam int unsigned CmdActivateSrcAddrWord = 4;
  localparam int unsigned CmdActivateSrcAddrLsb = 0;
  localparam int unsigned CmdActivateSrcAddrWidth = 24;
  // SRC_STRIDE (word 5, bits 15:0)
  localparam int unsigned CmdActivateSrcStrideWord = 5;
  localparam int unsigned CmdActivateSrcStrideLsb = 0;
  localparam int unsigned CmdActivateSrcStrideWidth = 16;
  // DST_ADDR (word 8, bits 23:0)
  localparam int unsigned CmdActivateDstAddrWord = 8;
  localparam int unsigned CmdActivateDstAddrLsb = 0;
  localparam int unsigned CmdActivateDstAddrWidth = 24;
  // DST_STRIDE (word 9, bits 15:0)
  localparam int unsigned CmdActivateDstStrideWord = 9;
  localparam int unsigned CmdActivateDstStrideLsb = 0;
  localparam int unsigned CmdActivateDstStrideWidth = 16;
  // TABLE_ADDR (word 10, bits 15:0)
  localparam int unsigned CmdActivateTableAddrWord = 10;
  localparam int unsigned CmdActivateTableAddrLsb = 0;
  localparam int unsigned CmdActivateTableAddrWidth = 16;

  // ENTROPY (opcode 6): H over one row of off-ramp logits; stores H, sets ENTROPY_LAST; H <
  // ENTROPY_THRESHOLD raises EARLY_EXIT.
  // STOP_ON_EXIT (word 0, bits 9:9)
  localparam int unsigned CmdEntropyStopOnExitWord = 0;
  localparam int unsigned CmdEntropyStopOnExitLsb = 9;
  localparam int unsigned CmdEntropyStopOnExitWidth = 1;
  // LABELS (word 1, bits 15:0)
  localparam int unsigned CmdEntropyLabelsWord = 1;
  localparam int unsigned CmdEntropyLabelsLsb = 0;
  localparam int unsigned CmdEntropyLabelsWidth = 16;
  // EXP_IN (word 3, bits 5:0, signed)
  localparam int unsigned CmdEntropyExpInWord = 3;
  localparam int unsigned CmdEntropyExpInLsb = 0;
  localparam int unsigned CmdEntropyExpInWidth = 6;
  // SRC_ADDR (word 4, bits 23:0)
  localparam int unsigned CmdEntropySrcAddrWord = 4;
  localparam int unsigned CmdEntropySrcAddrLsb = 0;
  localparam int unsigned CmdEntropySrcAddrWidth = 24;
  // H_ADDR (word 10, bits 15:0)
  localparam int unsigned CmdEntropyHAddrWord = 10;
  localparam int unsigned CmdEntropyHAddrLsb = 0;
  localparam int unsigned CmdEntropyHAddrWidth = 16;

  // GATHER (opcode 7): Embedding gather into the UAB: word[id_t] + position[t] + type[type_t] for t
  // < TOKENS, each row decoded from its table (bounded reads: a corrupted mask never reads outside
  // its row), summed exactly and re-quantized to EXP_OUT; follow with LAYERNORM.
  // TOKENS (word 1, bits 15:0)
  localparam int unsigned CmdGatherTokensWord = 1;
  localparam int unsigned CmdGatherTokensLsb = 0;
  localparam int unsigned CmdGatherTokensWidth = 16;
  // DIM (word 1, bits 31:16)
  localparam int unsigned CmdGatherDimWord = 1;
  localparam int unsigned CmdGatherDimLsb = 16;
  localparam int unsigned CmdGatherDimWidth = 16;
  // EXP_OUT (word 3, bits 5:0, signed)
  localparam int unsigned CmdGatherExpOutWord = 3;
  localparam int unsigned CmdGatherExpOutLsb = 0;
  localparam int unsigned CmdGatherExpOutWidth = 6;
  // WORD_TABLE (word 4, bits 23:0)
  localparam int unsigned CmdGatherWordTableWord = 4;
  localparam int unsigned CmdGatherWordTableLsb = 0;
  localparam int unsigned CmdGatherWordTableWidth = 24;
  // POS_TABLE (word 5, bits 23:0)
  localparam int unsigned CmdGatherPosTableWord = 5;
  localparam int unsigned CmdGatherPosTableLsb = 0;
  localparam int unsigned CmdGatherPosTableWidth = 24;
  // TYPE_TABLE (word 6, bits 23:0)
  localparam int unsigned CmdGatherTypeTableWord = 6;
  localparam int unsigned CmdGatherTypeTableLsb = 0;
  localparam int unsigned CmdGatherTypeTableWidth = 24;
  // DST_ADDR (word 8, bits 23:0)
  localparam int unsigned CmdGatherDstAddrWord = 8;
  localparam int unsigned CmdGatherDstAddrLsb = 0;
  localparam int unsigned CmdGatherDstAddrWidth = 24;
  // DST_STRIDE (word 9, bits 15:0)
  localparam int unsigned CmdGatherDstStrideWord = 9;
  localparam int unsigned CmdGatherDstStrideLsb = 0;
  localparam int unsigned CmdGatherDstStrideWidth = 16;
  // IDS_ADDR (word 10, bits 15:0)
  localparam int unsigned CmdGatherIdsAddrWord = 10;
  localparam int unsigned CmdGatherIdsAddrLsb = 0;
  localparam int unsigned CmdGatherIdsAddrWidth = 16;
  // TYPES_ADDR (word 10, bits 31:16)
  localparam int unsigned CmdGatherTypesAddrWord = 10;
  localparam int unsigned CmdGatherTypesAddrLsb = 16;
  localparam int unsigned CmdGatherTypesAddrWidth = 16;

  // FILL (opcode 8): Write one AF8 code to every element of a region (zero context of a skipped
  // head).
  // ROWS (word 1, bits 15:0)
  localparam int unsigned CmdFillRowsWord = 1;
  localparam int unsigned CmdFillRowsLsb = 0;
  localparam int unsigned CmdFillRowsWidth = 16;
  // COLS (word 1, bits 31:16)
  localparam int unsigned CmdFillColsWord = 1;
  localparam int unsigned CmdFillColsLsb = 16;
  localparam int unsigned CmdFillColsWidth = 16;
  // VALUE (word 2, bits 7:0)
  localparam int unsigned CmdFillValueWord = 2;
  localparam int unsigned CmdFillValueLsb = 0;
  localparam int unsigned CmdFillValueWidth = 8;
  // DST_ADDR (word 8, bits 23:0)
  localparam int unsigned CmdFillDstAddrWord = 8;
  localparam int unsigned CmdFillDstAddrLsb = 0;
  localparam int unsigned CmdFillDstAddrWidth = 24;
  // DST_STRIDE (word 9, bits 15:0)
  localparam int unsigned CmdFillDstStrideWord = 9;
  localparam int unsigned CmdFillDstStrideLsb = 0;
  localparam int unsigned CmdFillDstStrideWidth = 16;

  // verilator lint_on UNUSEDPARAM

endpackage : edgebert_csr_pkg
