// Elaboration-time checks of the accelerator's build parameters (docs/architecture.md section 1).
// Every module that takes a size instantiates this with the parameters it has; the others keep
// defaults that pass with any legal value of the given ones (ValueBaseWord 0: the value region
// may start anywhere in the store). A value outside its range stops the build with $fatal,
// naming the instance, the parameter and the rule, instead of elaborating a chip whose widths
// silently truncate.
//
// The rules come from what addresses each size: the descriptors' address fields (VecAddrBits
// vectors, 16-bit aux byte addresses), the memory-map windows the host reaches each buffer
// through, and the HWCFG fields that report the sizes in whole KiB.
module param_check
  import edgebert_csr_pkg::*;
  import cmd_pkg::*;
#(
  parameter int unsigned Lanes = 16,
  parameter int unsigned AccRows = 128,
  parameter int unsigned CmdqDepth = 16,
  parameter int unsigned MaxSeq = 128,
  parameter int unsigned UabVectors = 65536,
  parameter int unsigned WsramVectors = 1048576,
  parameter int unsigned AuxBytes = 65536,
  parameter int unsigned ReramWords = 1048576,
  parameter int unsigned ValueBaseWord = 0
) ();

  localparam longint unsigned Kib = 1024;
  localparam longint unsigned UabBytes = longint'(UabVectors) * longint'(Lanes);
  localparam longint unsigned WsramBytes = longint'(WsramVectors) * longint'(Lanes);
  localparam longint unsigned ReramBytes = 4 * longint'(ReramWords);
  // The largest size an HWCFG KiB field can report.
  localparam longint unsigned MaxKib = (longint'(1) << CsrHwcfg1UabKibWidth) - 1;

  if (!(Lanes inside {4, 8, 16, 32})) begin : gen_bad_lanes
    $fatal(1, "Lanes = %0d: the supported n are 4, 8, 16 and 32", Lanes);
  end
  if (AccRows < Lanes || AccRows % Lanes != 0 || AccRows > 4096) begin : gen_bad_acc_rows
    $fatal(1, "AccRows = %0d: must be a multiple of Lanes (%0d), at most 4096", AccRows, Lanes);
  end
  if (CmdqDepth < 2 || CmdqDepth >= (1 << CsrHwcfg0CmdqDepthWidth)) begin : gen_bad_cmdq_depth
    $fatal(1, "CmdqDepth = %0d: must be 2..%0d (HWCFG0.CMDQ_DEPTH)", CmdqDepth,
           (1 << CsrHwcfg0CmdqDepthWidth) - 1);
  end
  if (MaxSeq == 0 || MaxSeq % Lanes != 0 || MaxSeq > 512) begin : gen_bad_max_seq
    $fatal(1, "MaxSeq = %0d: must be a multiple of Lanes (%0d), at most 512", MaxSeq, Lanes);
  end
  if (UabVectors == 0 || longint'(UabVectors) > (longint'(1) << VecAddrBits) ||
      UabBytes > longint'(MemUabValSize) || UabBytes % Kib != 0 || UabBytes / Kib > MaxKib)
  begin : gen_bad_uab
    $fatal(1, "UabVectors = %0d: at most 2^%0d vectors, a whole number of KiB (%0d bytes), %s",
           UabVectors, VecAddrBits, UabBytes, "within the UAB window");
  end
  if (WsramVectors == 0 || longint'(WsramVectors) > (longint'(1) << VecAddrBits) ||
      WsramBytes > longint'(MemWsramValSize) || WsramBytes % Kib != 0 || WsramBytes / Kib > MaxKib)
  begin : gen_bad_wsram
    $fatal(1, "WsramVectors = %0d: at most 2^%0d vectors, a whole number of KiB (%0d bytes), %s",
           WsramVectors, VecAddrBits, WsramBytes, "within the WSRAM window");
  end
  // Aux byte addresses are 16-bit descriptor fields; 256 bytes hold one activation table.
  if (AuxBytes < 1024 || AuxBytes % 1024 != 0 || AuxBytes > (1 << CmdMatmulBiasAddrWidth))
  begin : gen_bad_aux
    $fatal(1, "AuxBytes = %0d: a whole number of KiB, 1 KiB to %0d bytes", AuxBytes,
           1 << CmdMatmulBiasAddrWidth);
  end
  if (ReramWords == 0 || ReramBytes > longint'(MemReramSize) || ReramBytes % Kib != 0 ||
      ReramBytes / Kib > MaxKib) begin : gen_bad_reram
    $fatal(1, "ReramWords = %0d: a whole number of KiB within the RERAM window", ReramWords);
  end
  if (ValueBaseWord >= ReramWords) begin : gen_bad_value_base
    $fatal(1, "ValueBaseWord = %0d: must lie inside the ReRAM store (%0d words)", ValueBaseWord,
           ReramWords);
  end

endmodule
