// Generated from yaml/regmap.yaml by tools/regmap; do not edit. Run `make regmap`.
//
// Control and status registers of the EdgeBERT accelerator: identification, the command queue,
// interrupts (cause, enable, test), early-exit threshold, ReRAM settings and performance counters.
//
// Register map edgebert_csr version 1. Field masks are in place (shifted to the field's LSB). Needs
// only <cstdint>, so firmware can include it.
#pragma once

#include <cstdint>

namespace edgebert::regs {

inline constexpr std::uint32_t kVersion = 1;
inline constexpr std::uint32_t kDataWidth = 32;

// A bit field of a CSR (word is 0) or of a command-descriptor word.
struct Field {
  std::uint32_t word;
  std::uint32_t lsb;
  std::uint32_t width;
  bool is_signed;

  // The field's bits in place (already shifted to lsb).
  constexpr std::uint32_t mask() const {
    return (width >= 32 ? ~std::uint32_t{0} : (std::uint32_t{1} << width) - 1) << lsb;
  }
};

// The field's value, right-aligned.
constexpr std::uint32_t Get(Field field, std::uint32_t reg) {
  return (reg & field.mask()) >> field.lsb;
}

// `reg` with the field replaced by `value`; bits of `value` beyond the field are dropped.
constexpr std::uint32_t Set(Field field, std::uint32_t reg, std::uint32_t value) {
  return (reg & ~field.mask()) | ((value << field.lsb) & field.mask());
}

// The field's value sign-extended from its top bit (two's-complement fields).
constexpr std::int32_t GetSigned(Field field, std::uint32_t reg) {
  const std::uint32_t sign = std::uint32_t{1} << (field.width - 1);
  // (raw ^ sign) - sign sign-extends in unsigned arithmetic, which cannot overflow.
  return static_cast<std::int32_t>((Get(field, reg) ^ sign) - sign);
}

// Set() for a signed value: stores its low `width` bits (two's complement).
constexpr std::uint32_t SetSigned(Field field, std::uint32_t reg, std::int32_t value) {
  return Set(field, reg, static_cast<std::uint32_t>(value));
}

// One register instance (array elements are listed one by one), for tests and drivers to iterate.
struct RegisterInfo {
  const char* name;
  std::uint32_t offset;
  std::uint32_t reset;
  // Bits a write affects: rw, wo and w1c fields.
  std::uint32_t writable_mask;
  // Bits that read back state: ro, rw and w1c fields (wo fields read as 0).
  std::uint32_t read_mask;
  std::uint32_t w1c_mask;
};

// -------------------------------------------------------------------------------------------------
// SoC memory map: byte base addresses and sizes.
// -------------------------------------------------------------------------------------------------
// CSR: This register file (AXI4 single beats only).
inline constexpr std::uint32_t kMemCsrBase = 0x00000000;
inline constexpr std::uint32_t kMemCsrSize = 0x00001000;
// WSRAM_VAL: Weight SRAM value plane. Vector v occupies bytes [v*n, v*n+n); nonzero AF8 codes
// packed first.
inline constexpr std::uint32_t kMemWsramValBase = 0x10000000;
inline constexpr std::uint32_t kMemWsramValSize = 0x04000000;
// WSRAM_MASK: Weight SRAM mask plane. Vector v's n-bit mask at byte 4*v (bits above n read 0).
inline constexpr std::uint32_t kMemWsramMaskBase = 0x14000000;
inline constexpr std::uint32_t kMemWsramMaskSize = 0x04000000;
// UAB_VAL: Unified activation buffer value plane, same vector layout as WSRAM_VAL.
inline constexpr std::uint32_t kMemUabValBase = 0x20000000;
inline constexpr std::uint32_t kMemUabValSize = 0x01000000;
// UAB_MASK: Unified activation buffer mask plane, same layout as WSRAM_MASK.
inline constexpr std::uint32_t kMemUabMaskBase = 0x21000000;
inline constexpr std::uint32_t kMemUabMaskSize = 0x01000000;
// AUX: Auxiliary buffer (byte addressed) - biases, LayerNorm gamma/beta, span masks, token ids,
// entropies.
inline constexpr std::uint32_t kMemAuxBase = 0x22000000;
inline constexpr std::uint32_t kMemAuxSize = 0x00100000;
// RERAM: ReRAM embedding store programming port (byte addressed; contents survive an SoC reset).
inline constexpr std::uint32_t kMemReramBase = 0x30000000;
inline constexpr std::uint32_t kMemReramSize = 0x01000000;

// -------------------------------------------------------------------------------------------------
// Enums.
// -------------------------------------------------------------------------------------------------

// ERR_CODE: Why the ERROR interrupt cause was raised.
enum class ErrCode : std::uint8_t {
  // No error since the last INTR_STATE.ERROR clear.
  kNone = 0,
  // The command's OPCODE is not defined.
  kBadOpcode = 1,
  // A dimension is zero, above its maximum, or not a multiple of n where required.
  kBadShape = 2,
  // An operand range falls outside its buffer.
  kBadAddress = 3,
  // CMD_PUSH while the queue was full; the command was dropped.
  kCmdqOverflow = 4,
  // An exponent bias combination is outside the supported range.
  kBadExponent = 5,
};

// ErrCode's name in the register map; nullptr for a value the map does not define.
constexpr const char* ErrCodeName(ErrCode value) {
  switch (value) {
    case ErrCode::kNone:
      return "NONE";
    case ErrCode::kBadOpcode:
      return "BAD_OPCODE";
    case ErrCode::kBadShape:
      return "BAD_SHAPE";
    case ErrCode::kBadAddress:
      return "BAD_ADDRESS";
    case ErrCode::kCmdqOverflow:
      return "CMDQ_OVERFLOW";
    case ErrCode::kBadExponent:
      return "BAD_EXPONENT";
  }
  return nullptr;
}

// ACT: Activation applied to a result before re-quantization.
enum class Act : std::uint8_t {
  // Identity.
  kNone = 0,
  // GELU, tanh form (ALBERT gelu_new).
  kGelu = 1,
  // Hyperbolic tangent (pooler and off-ramps).
  kTanh = 2,
};

// Act's name in the register map; nullptr for a value the map does not define.
constexpr const char* ActName(Act value) {
  switch (value) {
    case Act::kNone:
      return "NONE";
    case Act::kGelu:
      return "GELU";
    case Act::kTanh:
      return "TANH";
  }
  return nullptr;
}

// RERAM_MODE: Cell mode of the ReRAM value region.
enum class ReramMode : std::uint8_t {
  // One bit per cell.
  kSlc = 0,
  // Two bits per cell (paper default).
  kMlc2 = 1,
  // Three bits per cell.
  kMlc3 = 2,
};

// ReramMode's name in the register map; nullptr for a value the map does not define.
constexpr const char* ReramModeName(ReramMode value) {
  switch (value) {
    case ReramMode::kSlc:
      return "SLC";
    case ReramMode::kMlc2:
      return "MLC2";
    case ReramMode::kMlc3:
      return "MLC3";
  }
  return nullptr;
}

// -------------------------------------------------------------------------------------------------
// Registers: byte offsets within the CSR window; per register, its reset value, masks (in place)
// and fields.
// -------------------------------------------------------------------------------------------------

// ID: Identification.
inline constexpr std::uint32_t kIdOffset = 0x000;
namespace id {
inline constexpr std::uint32_t kResetValue = 0xEDBE0001;
inline constexpr std::uint32_t kWritableMask = 0x00000000;
inline constexpr std::uint32_t kReadMask = 0xFFFFFFFF;
inline constexpr std::uint32_t kW1cMask = 0x00000000;
// VERSION (bits 15:0, ro): Register map version (this file's version).
inline constexpr Field kVersion{0, 0, 16, false};
inline constexpr std::uint32_t kVersionReset = 0x00000001;
// MAGIC (bits 31:16, ro): Constant 0xEDBE.
inline constexpr Field kMagic{0, 16, 16, false};
inline constexpr std::uint32_t kMagicReset = 0x0000EDBE;
}  // namespace id

// HWCFG0: Build parameters, part 0.
inline constexpr std::uint32_t kHwcfg0Offset = 0x004;
namespace hwcfg0 {
inline constexpr std::uint32_t kResetValue = 0x00801010;
inline constexpr std::uint32_t kWritableMask = 0x00000000;
inline constexpr std::uint32_t kReadMask = 0x0FFFFFFF;
inline constexpr std::uint32_t kW1cMask = 0x00000000;
// LANES (bits 7:0, ro): n: vector size and number of vector MACs (4, 8, 16 or 32).
inline constexpr Field kLanes{0, 0, 8, false};
inline constexpr std::uint32_t kLanesReset = 0x00000010;
// CMDQ_DEPTH (bits 15:8, ro): Command queue entries.
inline constexpr Field kCmdqDepth{0, 8, 8, false};
inline constexpr std::uint32_t kCmdqDepthReset = 0x00000010;
// MAX_SEQ (bits 27:16, ro): Largest supported sequence length T.
inline constexpr Field kMaxSeq{0, 16, 12, false};
inline constexpr std::uint32_t kMaxSeqReset = 0x00000080;
}  // namespace hwcfg0

// HWCFG1: Build parameters, part 1 (buffer sizes).
inline constexpr std::uint32_t kHwcfg1Offset = 0x008;
namespace hwcfg1 {
inline constexpr std::uint32_t kResetValue = 0x00400400;
inline constexpr std::uint32_t kWritableMask = 0x00000000;
inline constexpr std::uint32_t kReadMask = 0xFFFFFFFF;
inline constexpr std::uint32_t kW1cMask = 0x00000000;
// UAB_KIB (bits 15:0, ro): UAB value-plane size in KiB.
inline constexpr Field kUabKib{0, 0, 16, false};
inline constexpr std::uint32_t kUabKibReset = 0x00000400;
// AUX_KIB (bits 31:16, ro): Aux buffer size in KiB.
inline constexpr Field kAuxKib{0, 16, 16, false};
inline constexpr std::uint32_t kAuxKibReset = 0x00000040;
}  // namespace hwcfg1

// HWCFG2: Build parameters, part 2 (memory sizes).
inline constexpr std::uint32_t kHwcfg2Offset = 0x00C;
namespace hwcfg2 {
inline constexpr std::uint32_t kResetValue = 0x10004000;
inline constexpr std::uint32_t kWritableMask = 0x00000000;
inline constexpr std::uint32_t kReadMask = 0xFFFFFFFF;
inline constexpr std::uint32_t kW1cMask = 0x00000000;
// WSRAM_KIB (bits 15:0, ro): Weight SRAM value-plane size in KiB.
inline constexpr Field kWsramKib{0, 0, 16, false};
inline constexpr std::uint32_t kWsramKibReset = 0x00004000;
// RERAM_KIB (bits 31:16, ro): ReRAM size in KiB.
inline constexpr Field kReramKib{0, 16, 16, false};
inline constexpr std::uint32_t kReramKibReset = 0x00001000;
}  // namespace hwcfg2

// CTRL: Sequencer control.
inline constexpr std::uint32_t kCtrlOffset = 0x010;
namespace ctrl {
inline constexpr std::uint32_t kResetValue = 0x00000001;
inline constexpr std::uint32_t kWritableMask = 0x00000007;
inline constexpr std::uint32_t kReadMask = 0x00000001;
inline constexpr std::uint32_t kW1cMask = 0x00000000;
// ENABLE (bits 0:0, rw): 1: the sequencer pops and executes commands. 0: it stops at the next
// command boundary.
inline constexpr Field kEnable{0, 0, 1, false};
inline constexpr std::uint32_t kEnableReset = 0x00000001;
// ABORT (bits 1:1, wo): Write 1: finish nothing further, flush the queue, clear BUSY. Raises no
// interrupt.
inline constexpr Field kAbort{0, 1, 1, false};
inline constexpr std::uint32_t kAbortReset = 0x00000000;
// CLR_PERF (bits 2:2, wo): Write 1 to zero all PERF counters.
inline constexpr Field kClrPerf{0, 2, 1, false};
inline constexpr std::uint32_t kClrPerfReset = 0x00000000;
}  // namespace ctrl

// STATUS: Sequencer status.
inline constexpr std::uint32_t kStatusOffset = 0x014;
namespace status {
inline constexpr std::uint32_t kResetValue = 0x00000002;
inline constexpr std::uint32_t kWritableMask = 0x00000000;
inline constexpr std::uint32_t kReadMask = 0x0000FF0F;
inline constexpr std::uint32_t kW1cMask = 0x00000000;
// BUSY (bits 0:0, ro): A command is executing.
inline constexpr Field kBusy{0, 0, 1, false};
inline constexpr std::uint32_t kBusyReset = 0x00000000;
// CMDQ_EMPTY (bits 1:1, ro): The command queue is empty.
inline constexpr Field kCmdqEmpty{0, 1, 1, false};
inline constexpr std::uint32_t kCmdqEmptyReset = 0x00000001;
// CMDQ_FULL (bits 2:2, ro): The command queue is full; a push now is an error.
inline constexpr Field kCmdqFull{0, 2, 1, false};
inline constexpr std::uint32_t kCmdqFullReset = 0x00000000;
// HALTED (bits 3:3, ro): The queue was flushed by an error or an early exit; cleared by the next
// CMD_PUSH.
inline constexpr Field kHalted{0, 3, 1, false};
inline constexpr std::uint32_t kHaltedReset = 0x00000000;
// CMDQ_LEVEL (bits 15:8, ro): Commands waiting in the queue.
inline constexpr Field kCmdqLevel{0, 8, 8, false};
inline constexpr std::uint32_t kCmdqLevelReset = 0x00000000;
}  // namespace status

// INTR_STATE: Interrupt causes (sticky). The interrupt line is (INTR_STATE & INTR_ENABLE) != 0.
inline constexpr std::uint32_t kIntrStateOffset = 0x018;
namespace intr_state {
inline constexpr std::uint32_t kResetValue = 0x00000000;
inline constexpr std::uint32_t kWritableMask = 0x00000007;
inline constexpr std::uint32_t kReadMask = 0x00000007;
inline constexpr std::uint32_t kW1cMask = 0x00000007;
// DONE (bits 0:0, w1c): A command with its IRQ flag set completed.
inline constexpr Field kDone{0, 0, 1, false};
inline constexpr std::uint32_t kDoneReset = 0x00000000;
// EARLY_EXIT (bits 1:1, w1c): An ENTROPY command found H < ENTROPY_THRESHOLD.
inline constexpr Field kEarlyExit{0, 1, 1, false};
inline constexpr std::uint32_t kEarlyExitReset = 0x00000000;
// ERROR (bits 2:2, w1c): A command or push failed; see ERR_CAUSE. The queue was flushed.
inline constexpr Field kError{0, 2, 1, false};
inline constexpr std::uint32_t kErrorReset = 0x00000000;
}  // namespace intr_state

// INTR_ENABLE: Interrupt enables, one per INTR_STATE cause.
inline constexpr std::uint32_t kIntrEnableOffset = 0x01C;
namespace intr_enable {
inline constexpr std::uint32_t kResetValue = 0x00000000;
inline constexpr std::uint32_t kWritableMask = 0x00000007;
inline constexpr std::uint32_t kReadMask = 0x00000007;
inline constexpr std::uint32_t kW1cMask = 0x00000000;
// DONE (bits 0:0, rw): Enable DONE.
inline constexpr Field kDone{0, 0, 1, false};
inline constexpr std::uint32_t kDoneReset = 0x00000000;
// EARLY_EXIT (bits 1:1, rw): Enable EARLY_EXIT.
inline constexpr Field kEarlyExit{0, 1, 1, false};
inline constexpr std::uint32_t kEarlyExitReset = 0x00000000;
// ERROR (bits 2:2, rw): Enable ERROR.
inline constexpr Field kError{0, 2, 1, false};
inline constexpr std::uint32_t kErrorReset = 0x00000000;
}  // namespace intr_enable

// INTR_TEST: Write 1 to set the matching INTR_STATE bit (interrupt path self-test).
inline constexpr std::uint32_t kIntrTestOffset = 0x020;
namespace intr_test {
inline constexpr std::uint32_t kResetValue = 0x00000000;
inline constexpr std::uint32_t kWritableMask = 0x00000007;
inline constexpr std::uint32_t kReadMask = 0x00000000;
inline constexpr std::uint32_t kW1cMask = 0x00000000;
// DONE (bits 0:0, wo): Set INTR_STATE.DONE.
inline constexpr Field kDone{0, 0, 1, false};
inline constexpr std::uint32_t kDoneReset = 0x00000000;
// EARLY_EXIT (bits 1:1, wo): Set INTR_STATE.EARLY_EXIT.
inline constexpr Field kEarlyExit{0, 1, 1, false};
inline constexpr std::uint32_t kEarlyExitReset = 0x00000000;
// ERROR (bits 2:2, wo): Set INTR_STATE.ERROR.
inline constexpr Field kError{0, 2, 1, false};
inline constexpr std::uint32_t kErrorReset = 0x00000000;
}  // namespace intr_test

// ERR_CAUSE: Details of the first error since INTR_STATE.ERROR was last cleared.
inline constexpr std::uint32_t kErrCauseOffset = 0x024;
namespace err_cause {
inline constexpr std::uint32_t kResetValue = 0x00000000;
inline constexpr std::uint32_t kWritableMask = 0x00000000;
inline constexpr std::uint32_t kReadMask = 0x0000FFFF;
inline constexpr std::uint32_t kW1cMask = 0x00000000;
// CODE (bits 7:0, ro, enum ErrCode): What went wrong.
inline constexpr Field kCode{0, 0, 8, false};
inline constexpr std::uint32_t kCodeReset = 0x00000000;
// OPCODE (bits 15:8, ro): Opcode of the failing command.
inline constexpr Field kOpcode{0, 8, 8, false};
inline constexpr std::uint32_t kOpcodeReset = 0x00000000;
}  // namespace err_cause

// ERR_SEQ: Sequence number (CMD_SEQ value it would have had) of the failing command.
inline constexpr std::uint32_t kErrSeqOffset = 0x028;
namespace err_seq {
inline constexpr std::uint32_t kResetValue = 0x00000000;
inline constexpr std::uint32_t kWritableMask = 0x00000000;
inline constexpr std::uint32_t kReadMask = 0xFFFFFFFF;
inline constexpr std::uint32_t kW1cMask = 0x00000000;
// SEQ (bits 31:0, ro): Sequence number.
inline constexpr Field kSeq{0, 0, 32, false};
inline constexpr std::uint32_t kSeqReset = 0x00000000;
}  // namespace err_seq

// CMD_SEQ: Commands completed since reset (wraps at 2^32).
inline constexpr std::uint32_t kCmdSeqOffset = 0x02C;
namespace cmd_seq {
inline constexpr std::uint32_t kResetValue = 0x00000000;
inline constexpr std::uint32_t kWritableMask = 0x00000000;
inline constexpr std::uint32_t kReadMask = 0xFFFFFFFF;
inline constexpr std::uint32_t kW1cMask = 0x00000000;
// SEQ (bits 31:0, ro): Completed command count.
inline constexpr Field kSeq{0, 0, 32, false};
inline constexpr std::uint32_t kSeqReset = 0x00000000;
}  // namespace cmd_seq

// ENTROPY_THRESHOLD: Early-exit threshold T_E in nats, unsigned Q8.24. 0 never exits.
inline constexpr std::uint32_t kEntropyThresholdOffset = 0x030;
namespace entropy_threshold {
inline constexpr std::uint32_t kResetValue = 0x00000000;
inline constexpr std::uint32_t kWritableMask = 0xFFFFFFFF;
inline constexpr std::uint32_t kReadMask = 0xFFFFFFFF;
inline constexpr std::uint32_t kW1cMask = 0x00000000;
// VALUE (bits 31:0, rw): T_E * 2^24.
inline constexpr Field kValue{0, 0, 32, false};
inline constexpr std::uint32_t kValueReset = 0x00000000;
}  // namespace entropy_threshold

// ENTROPY_LAST: Entropy H of the last ENTROPY command, unsigned Q8.24 nats.
inline constexpr std::uint32_t kEntropyLastOffset = 0x034;
namespace entropy_last {
inline constexpr std::uint32_t kResetValue = 0x00000000;
inline constexpr std::uint32_t kWritableMask = 0x00000000;
inline constexpr std::uint32_t kReadMask = 0xFFFFFFFF;
inline constexpr std::uint32_t kW1cMask = 0x00000000;
// VALUE (bits 31:0, ro): H * 2^24.
inline constexpr Field kValue{0, 0, 32, false};
inline constexpr std::uint32_t kValueReset = 0x00000000;
}  // namespace entropy_last

// SCRATCH: Free read/write register for bus tests.
inline constexpr std::uint32_t kScratchOffset = 0x038;
namespace scratch {
inline constexpr std::uint32_t kResetValue = 0x00000000;
inline constexpr std::uint32_t kWritableMask = 0xFFFFFFFF;
inline constexpr std::uint32_t kReadMask = 0xFFFFFFFF;
inline constexpr std::uint32_t kW1cMask = 0x00000000;
// VALUE (bits 31:0, rw): Anything.
inline constexpr Field kValue{0, 0, 32, false};
inline constexpr std::uint32_t kValueReset = 0x00000000;
}  // namespace scratch

// CMD_DATA0..CMD_DATA15: Staging area for one command descriptor (layout in the commands section).
inline constexpr std::uint32_t kCmdDataCount = 16;
inline constexpr std::uint32_t kCmdDataStride = 4;
// Offset of CMD_DATA<i>, i < kCmdDataCount.
constexpr std::uint32_t kCmdDataOffset(std::uint32_t i) { return 0x040 + i * kCmdDataStride; }
namespace cmd_data {
inline constexpr std::uint32_t kResetValue = 0x00000000;
inline constexpr std::uint32_t kWritableMask = 0xFFFFFFFF;
inline constexpr std::uint32_t kReadMask = 0xFFFFFFFF;
inline constexpr std::uint32_t kW1cMask = 0x00000000;
// WORD (bits 31:0, rw): Descriptor word.
inline constexpr Field kWord{0, 0, 32, false};
inline constexpr std::uint32_t kWordReset = 0x00000000;
}  // namespace cmd_data

// CMD_PUSH: Push the staged descriptor (all 16 CMD_DATA words, atomically) into the queue.
inline constexpr std::uint32_t kCmdPushOffset = 0x080;
namespace cmd_push {
inline constexpr std::uint32_t kResetValue = 0x00000000;
inline constexpr std::uint32_t kWritableMask = 0x00000001;
inline constexpr std::uint32_t kReadMask = 0x00000000;
inline constexpr std::uint32_t kW1cMask = 0x00000000;
// PUSH (bits 0:0, wo): Write 1 to push.
inline constexpr Field kPush{0, 0, 1, false};
inline constexpr std::uint32_t kPushReset = 0x00000000;
}  // namespace cmd_push

// RERAM_CTRL: ReRAM embedding store settings.
inline constexpr std::uint32_t kReramCtrlOffset = 0x090;
namespace reram_ctrl {
inline constexpr std::uint32_t kResetValue = 0x00000001;
inline constexpr std::uint32_t kWritableMask = 0x00000007;
inline constexpr std::uint32_t kReadMask = 0x00000007;
inline constexpr std::uint32_t kW1cMask = 0x00000000;
// VALUE_MODE (bits 1:0, rw, enum ReramMode): Cell mode of the value region (the mask region is
// always SLC).
inline constexpr Field kValueMode{0, 0, 2, false};
inline constexpr std::uint32_t kValueModeReset = 0x00000001;
// FAULT_EN (bits 2:2, rw): 1: reads see the seeded MLC level faults.
inline constexpr Field kFaultEn{0, 2, 1, false};
inline constexpr std::uint32_t kFaultEnReset = 0x00000000;
}  // namespace reram_ctrl

// RERAM_SEED: Seed of the fault-injection model.
inline constexpr std::uint32_t kReramSeedOffset = 0x094;
namespace reram_seed {
inline constexpr std::uint32_t kResetValue = 0x00000001;
inline constexpr std::uint32_t kWritableMask = 0xFFFFFFFF;
inline constexpr std::uint32_t kReadMask = 0xFFFFFFFF;
inline constexpr std::uint32_t kW1cMask = 0x00000000;
// SEED (bits 31:0, rw): Seed.
inline constexpr Field kSeed{0, 0, 32, false};
inline constexpr std::uint32_t kSeedReset = 0x00000001;
}  // namespace reram_seed

// RERAM_LATENCY: ReRAM read latency per cell mode, in core cycles (500 MHz reference -
// 1.21/1.54/2.96 ns).
inline constexpr std::uint32_t kReramLatencyOffset = 0x098;
namespace reram_latency {
inline constexpr std::uint32_t kResetValue = 0x00020101;
inline constexpr std::uint32_t kWritableMask = 0x00FFFFFF;
inline constexpr std::uint32_t kReadMask = 0x00FFFFFF;
inline constexpr std::uint32_t kW1cMask = 0x00000000;
// SLC (bits 7:0, rw): SLC read cycles.
inline constexpr Field kSlc{0, 0, 8, false};
inline constexpr std::uint32_t kSlcReset = 0x00000001;
// MLC2 (bits 15:8, rw): MLC2 read cycles.
inline constexpr Field kMlc2{0, 8, 8, false};
inline constexpr std::uint32_t kMlc2Reset = 0x00000001;
// MLC3 (bits 23:16, rw): MLC3 read cycles.
inline constexpr Field kMlc3{0, 16, 8, false};
inline constexpr std::uint32_t kMlc3Reset = 0x00000002;
}  // namespace reram_latency

// PERF_BUSY_CYCLES0..PERF_BUSY_CYCLES1: Cycles with BUSY set. 64-bit: word 0 low, word 1 high;
// reading word 0 latches word 1.
inline constexpr std::uint32_t kPerfBusyCyclesCount = 2;
inline constexpr std::uint32_t kPerfBusyCyclesStride = 4;
// Offset of PERF_BUSY_CYCLES<i>, i < kPerfBusyCyclesCount.
constexpr std::uint32_t kPerfBusyCyclesOffset(std::uint32_t i) {
  return 0x100 + i * kPerfBusyCyclesStride;
}
namespace perf_busy_cycles {
inline constexpr std::uint32_t kResetValue = 0x00000000;
inline constexpr std::uint32_t kWritableMask = 0x00000000;
inline constexpr std::uint32_t kReadMask = 0xFFFFFFFF;
inline constexpr std::uint32_t kW1cMask = 0x00000000;
// VALUE (bits 31:0, ro): Counter half.
inline constexpr Field kValue{0, 0, 32, false};
inline constexpr std::uint32_t kValueReset = 0x00000000;
}  // namespace perf_busy_cycles

// PERF_MAC_CYCLES0..PERF_MAC_CYCLES1: Cycles in which the MAC array performed at least one VMAC
// (64-bit, as PERF_BUSY_CYCLES).
inline constexpr std::uint32_t kPerfMacCyclesCount = 2;
inline constexpr std::uint32_t kPerfMacCyclesStride = 4;
// Offset of PERF_MAC_CYCLES<i>, i < kPerfMacCyclesCount.
constexpr std::uint32_t kPerfMacCyclesOffset(std::uint32_t i) {
  return 0x108 + i * kPerfMacCyclesStride;
}
namespace perf_mac_cycles {
inline constexpr std::uint32_t kResetValue = 0x00000000;
inline constexpr std::uint32_t kWritableMask = 0x00000000;
inline constexpr std::uint32_t kReadMask = 0xFFFFFFFF;
inline constexpr std::uint32_t kW1cMask = 0x00000000;
// VALUE (bits 31:0, ro): Counter half.
inline constexpr Field kValue{0, 0, 32, false};
inline constexpr std::uint32_t kValueReset = 0x00000000;
}  // namespace perf_mac_cycles

// PERF_VMACS0..PERF_VMACS1: n-element vector MACs issued, skipped ones included (64-bit).
inline constexpr std::uint32_t kPerfVmacsCount = 2;
inline constexpr std::uint32_t kPerfVmacsStride = 4;
// Offset of PERF_VMACS<i>, i < kPerfVmacsCount.
constexpr std::uint32_t kPerfVmacsOffset(std::uint32_t i) { return 0x110 + i * kPerfVmacsStride; }
namespace perf_vmacs {
inline constexpr std::uint32_t kResetValue = 0x00000000;
inline constexpr std::uint32_t kWritableMask = 0x00000000;
inline constexpr std::uint32_t kReadMask = 0xFFFFFFFF;
inline constexpr std::uint32_t kW1cMask = 0x00000000;
// VALUE (bits 31:0, ro): Counter half.
inline constexpr Field kValue{0, 0, 32, false};
inline constexpr std::uint32_t kValueReset = 0x00000000;
}  // namespace perf_vmacs

// PERF_VMACS_SKIPPED0..PERF_VMACS_SKIPPED1: VMACs not multiplied because an operand vector was all
// zero (64-bit).
inline constexpr std::uint32_t kPerfVmacsSkippedCount = 2;
inline constexpr std::uint32_t kPerfVmacsSkippedStride = 4;
// Offset of PERF_VMACS_SKIPPED<i>, i < kPerfVmacsSkippedCount.
constexpr std::uint32_t kPerfVmacsSkippedOffset(std::uint32_t i) {
  return 0x118 + i * kPerfVmacsSkippedStride;
}
namespace perf_vmacs_skipped {
inline constexpr std::uint32_t kResetValue = 0x00000000;
inline constexpr std::uint32_t kWritableMask = 0x00000000;
inline constexpr std::uint32_t kReadMask = 0xFFFFFFFF;
inline constexpr std::uint32_t kW1cMask = 0x00000000;
// VALUE (bits 31:0, ro): Counter half.
inline constexpr Field kValue{0, 0, 32, false};
inline constexpr std::uint32_t kValueReset = 0x00000000;
}  // namespace perf_vmacs_skipped

// PERF_STALL_CYCLES0..PERF_STALL_CYCLES1: Busy cycles in which the executing unit waited for
// operands (64-bit).
inline constexpr std::uint32_t kPerfStallCyclesCount = 2;
inline constexpr std::uint32_t kPerfStallCyclesStride = 4;
// Offset of PERF_STALL_CYCLES<i>, i < kPerfStallCyclesCount.
constexpr std::uint32_t kPerfStallCyclesOffset(std::uint32_t i) {
  return 0x120 + i * kPerfStallCyclesStride;
}
namespace perf_stall_cycles {
inline constexpr std::uint32_t kResetValue = 0x00000000;
inline constexpr std::uint32_t kWritableMask = 0x00000000;
inline constexpr std::uint32_t kReadMask = 0xFFFFFFFF;
inline constexpr std::uint32_t kW1cMask = 0x00000000;
// VALUE (bits 31:0, ro): Counter half.
inline constexpr Field kValue{0, 0, 32, false};
inline constexpr std::uint32_t kValueReset = 0x00000000;
}  // namespace perf_stall_cycles

// PERF_SATURATIONS0..PERF_SATURATIONS1: Results clamped to the largest AF8 magnitude on
// re-quantization (64-bit).
inline constexpr std::uint32_t kPerfSaturationsCount = 2;
inline constexpr std::uint32_t kPerfSaturationsStride = 4;
// Offset of PERF_SATURATIONS<i>, i < kPerfSaturationsCount.
constexpr std::uint32_t kPerfSaturationsOffset(std::uint32_t i) {
  return 0x128 + i * kPerfSaturationsStride;
}
namespace perf_saturations {
inline constexpr std::uint32_t kResetValue = 0x00000000;
inline constexpr std::uint32_t kWritableMask = 0x00000000;
inline constexpr std::uint32_t kReadMask = 0xFFFFFFFF;
inline constexpr std::uint32_t kW1cMask = 0x00000000;
// VALUE (bits 31:0, ro): Counter half.
inline constexpr Field kValue{0, 0, 32, false};
inline constexpr std::uint32_t kValueReset = 0x00000000;
}  // namespace perf_saturations

// PERF_MACS_NONZERO0..PERF_MACS_NONZERO1: Element MACs of the PU's VMACs whose A and B codes are
// both nonzero (the multiplications zero-skipping cannot save; 64-bit).
inline constexpr std::uint32_t kPerfMacsNonzeroCount = 2;
inline constexpr std::uint32_t kPerfMacsNonzeroStride = 4;
// Offset of PERF_MACS_NONZERO<i>, i < kPerfMacsNonzeroCount.
constexpr std::uint32_t kPerfMacsNonzeroOffset(std::uint32_t i) {
  return 0x130 + i * kPerfMacsNonzeroStride;
}
namespace perf_macs_nonzero {
inline constexpr std::uint32_t kResetValue = 0x00000000;
inline constexpr std::uint32_t kWritableMask = 0x00000000;
inline constexpr std::uint32_t kReadMask = 0xFFFFFFFF;
inline constexpr std::uint32_t kW1cMask = 0x00000000;
// VALUE (bits 31:0, ro): Counter half.
inline constexpr Field kValue{0, 0, 32, false};
inline constexpr std::uint32_t kValueReset = 0x00000000;
}  // namespace perf_macs_nonzero

// PERF_WSRAM_READS0..PERF_WSRAM_READS1: WSRAM vector reads by the PU (B operands; host reads not
// counted; 64-bit).
inline constexpr std::uint32_t kPerfWsramReadsCount = 2;
inline constexpr std::uint32_t kPerfWsramReadsStride = 4;
// Offset of PERF_WSRAM_READS<i>, i < kPerfWsramReadsCount.
constexpr std::uint32_t kPerfWsramReadsOffset(std::uint32_t i) {
  return 0x138 + i * kPerfWsramReadsStride;
}
namespace perf_wsram_reads {
inline constexpr std::uint32_t kResetValue = 0x00000000;
inline constexpr std::uint32_t kWritableMask = 0x00000000;
inline constexpr std::uint32_t kReadMask = 0xFFFFFFFF;
inline constexpr std::uint32_t kW1cMask = 0x00000000;
// VALUE (bits 31:0, ro): Counter half.
inline constexpr Field kValue{0, 0, 32, false};
inline constexpr std::uint32_t kValueReset = 0x00000000;
}  // namespace perf_wsram_reads

// PERF_UAB_READS0..PERF_UAB_READS1: UAB vector reads by the PU and the GB units, both read ports
// (host reads not counted; 64-bit).
inline constexpr std::uint32_t kPerfUabReadsCount = 2;
inline constexpr std::uint32_t kPerfUabReadsStride = 4;
// Offset of PERF_UAB_READS<i>, i < kPerfUabReadsCount.
constexpr std::uint32_t kPerfUabReadsOffset(std::uint32_t i) {
  return 0x140 + i * kPerfUabReadsStride;
}
namespace perf_uab_reads {
inline constexpr std::uint32_t kResetValue = 0x00000000;
inline constexpr std::uint32_t kWritableMask = 0x00000000;
inline constexpr std::uint32_t kReadMask = 0xFFFFFFFF;
inline constexpr std::uint32_t kW1cMask = 0x00000000;
// VALUE (bits 31:0, ro): Counter half.
inline constexpr Field kValue{0, 0, 32, false};
inline constexpr std::uint32_t kValueReset = 0x00000000;
}  // namespace perf_uab_reads

// PERF_UAB_WRITES0..PERF_UAB_WRITES1: UAB vector writes by the PU and the GB units (host writes not
// counted; 64-bit).
inline constexpr std::uint32_t kPerfUabWritesCount = 2;
inline constexpr std::uint32_t kPerfUabWritesStride = 4;
// Offset of PERF_UAB_WRITES<i>, i < kPerfUabWritesCount.
constexpr std::uint32_t kPerfUabWritesOffset(std::uint32_t i) {
  return 0x148 + i * kPerfUabWritesStride;
}
namespace perf_uab_writes {
inline constexpr std::uint32_t kResetValue = 0x00000000;
inline constexpr std::uint32_t kWritableMask = 0x00000000;
inline constexpr std::uint32_t kReadMask = 0xFFFFFFFF;
inline constexpr std::uint32_t kW1cMask = 0x00000000;
// VALUE (bits 31:0, ro): Counter half.
inline constexpr Field kValue{0, 0, 32, false};
inline constexpr std::uint32_t kValueReset = 0x00000000;
}  // namespace perf_uab_writes

// PERF_AUX_READS0..PERF_AUX_READS1: Aux buffer 32-bit word reads by the PU and the GB units (host
// reads not counted; 64-bit).
inline constexpr std::uint32_t kPerfAuxReadsCount = 2;
inline constexpr std::uint32_t kPerfAuxReadsStride = 4;
// Offset of PERF_AUX_READS<i>, i < kPerfAuxReadsCount.
constexpr std::uint32_t kPerfAuxReadsOffset(std::uint32_t i) {
  return 0x150 + i * kPerfAuxReadsStride;
}
namespace perf_aux_reads {
inline constexpr std::uint32_t kResetValue = 0x00000000;
inline constexpr std::uint32_t kWritableMask = 0x00000000;
inline constexpr std::uint32_t kReadMask = 0xFFFFFFFF;
inline constexpr std::uint32_t kW1cMask = 0x00000000;
// VALUE (bits 31:0, ro): Counter half.
inline constexpr Field kValue{0, 0, 32, false};
inline constexpr std::uint32_t kValueReset = 0x00000000;
}  // namespace perf_aux_reads

// PERF_AUX_WRITES0..PERF_AUX_WRITES1: Aux buffer 32-bit word writes by the GB units (ENTROPY's H;
// host writes not counted; 64-bit).
inline constexpr std::uint32_t kPerfAuxWritesCount = 2;
inline constexpr std::uint32_t kPerfAuxWritesStride = 4;
// Offset of PERF_AUX_WRITES<i>, i < kPerfAuxWritesCount.
constexpr std::uint32_t kPerfAuxWritesOffset(std::uint32_t i) {
  return 0x158 + i * kPerfAuxWritesStride;
}
namespace perf_aux_writes {
inline constexpr std::uint32_t kResetValue = 0x00000000;
inline constexpr std::uint32_t kWritableMask = 0x00000000;
inline constexpr std::uint32_t kReadMask = 0xFFFFFFFF;
inline constexpr std::uint32_t kW1cMask = 0x00000000;
// VALUE (bits 31:0, ro): Counter half.
inline constexpr Field kValue{0, 0, 32, false};
inline constexpr std::uint32_t kValueReset = 0x00000000;
}  // namespace perf_aux_writes

// PERF_GB_BUSY_CYCLES0..PERF_GB_BUSY_CYCLES1: Cycles in which the GB held a command (a row unit
// busy, or a bad opcode answered; 64-bit).
inline constexpr std::uint32_t kPerfGbBusyCyclesCount = 2;
inline constexpr std::uint32_t kPerfGbBusyCyclesStride = 4;
// Offset of PERF_GB_BUSY_CYCLES<i>, i < kPerfGbBusyCyclesCount.
constexpr std::uint32_t kPerfGbBusyCyclesOffset(std::uint32_t i) {
  return 0x160 + i * kPerfGbBusyCyclesStride;
}
namespace perf_gb_busy_cycles {
inline constexpr std::uint32_t kResetValue = 0x00000000;
inline constexpr std::uint32_t kWritableMask = 0x00000000;
inline constexpr std::uint32_t kReadMask = 0xFFFFFFFF;
inline constexpr std::uint32_t kW1cMask = 0x00000000;
// VALUE (bits 31:0, ro): Counter half.
inline constexpr Field kValue{0, 0, 32, false};
inline constexpr std::uint32_t kValueReset = 0x00000000;
}  // namespace perf_gb_busy_cycles

// PERF_RERAM_SLC_READS0..PERF_RERAM_SLC_READS1: ReRAM word reads accepted for GATHER from SLC
// cells: the SLC region (masks, headers, offsets), and the value region with VALUE_MODE = SLC
// (64-bit).
inline constexpr std::uint32_t kPerfReramSlcReadsCount = 2;
inline constexpr std::uint32_t kPerfReramSlcReadsStride = 4;
// Offset of PERF_RERAM_SLC_READS<i>, i < kPerfReramSlcReadsCount.
constexpr std::uint32_t kPerfReramSlcReadsOffset(std::uint32_t i) {
  return 0x168 + i * kPerfReramSlcReadsStride;
}
namespace perf_reram_slc_reads {
inline constexpr std::uint32_t kResetValue = 0x00000000;
inline constexpr std::uint32_t kWritableMask = 0x00000000;
inline constexpr std::uint32_t kReadMask = 0xFFFFFFFF;
inline constexpr std::uint32_t kW1cMask = 0x00000000;
// VALUE (bits 31:0, ro): Counter half.
inline constexpr Field kValue{0, 0, 32, false};
inline constexpr std::uint32_t kValueReset = 0x00000000;
}  // namespace perf_reram_slc_reads

// PERF_RERAM_MLC2_READS0..PERF_RERAM_MLC2_READS1: ReRAM word reads accepted for GATHER from MLC2
// cells (the value region with VALUE_MODE = MLC2; 64-bit).
inline constexpr std::uint32_t kPerfReramMlc2ReadsCount = 2;
inline constexpr std::uint32_t kPerfReramMlc2ReadsStride = 4;
// Offset of PERF_RERAM_MLC2_READS<i>, i < kPerfReramMlc2ReadsCount.
constexpr std::uint32_t kPerfReramMlc2ReadsOffset(std::uint32_t i) {
  return 0x170 + i * kPerfReramMlc2ReadsStride;
}
namespace perf_reram_mlc2_reads {
inline constexpr std::uint32_t kResetValue = 0x00000000;
inline constexpr std::uint32_t kWritableMask = 0x00000000;
inline constexpr std::uint32_t kReadMask = 0xFFFFFFFF;
inline constexpr std::uint32_t kW1cMask = 0x00000000;
// VALUE (bits 31:0, ro): Counter half.
inline constexpr Field kValue{0, 0, 32, false};
inline constexpr std::uint32_t kValueReset = 0x00000000;
}  // namespace perf_reram_mlc2_reads

// PERF_RERAM_MLC3_READS0..PERF_RERAM_MLC3_READS1: ReRAM word reads accepted for GATHER from MLC3
// cells (the value region with VALUE_MODE = MLC3 or 3; 64-bit).
inline constexpr std::uint32_t kPerfReramMlc3ReadsCount = 2;
inline constexpr std::uint32_t kPerfReramMlc3ReadsStride = 4;
// Offset of PERF_RERAM_MLC3_READS<i>, i < kPerfReramMlc3ReadsCount.
constexpr std::uint32_t kPerfReramMlc3ReadsOffset(std::uint32_t i) {
  return 0x178 + i * kPerfReramMlc3ReadsStride;
}
namespace perf_reram_mlc3_reads {
inline constexpr std::uint32_t kResetValue = 0x00000000;
inline constexpr std::uint32_t kWritableMask = 0x00000000;
inline constexpr std::uint32_t kReadMask = 0xFFFFFFFF;
inline constexpr std::uint32_t kW1cMask = 0x00000000;
// VALUE (bits 31:0, ro): Counter half.
inline constexpr Field kValue{0, 0, 32, false};
inline constexpr std::uint32_t kValueReset = 0x00000000;
}  // namespace perf_reram_mlc3_reads

// PERF_IDLE_CYCLES0..PERF_IDLE_CYCLES1: Cycles with STATUS.BUSY clear (no command executing;
// 64-bit).
inline constexpr std::uint32_t kPerfIdleCyclesCount = 2;
inline constexpr std::uint32_t kPerfIdleCyclesStride = 4;
// Offset of PERF_IDLE_CYCLES<i>, i < kPerfIdleCyclesCount.
constexpr std::uint32_t kPerfIdleCyclesOffset(std::uint32_t i) {
  return 0x180 + i * kPerfIdleCyclesStride;
}
namespace perf_idle_cycles {
inline constexpr std::uint32_t kResetValue = 0x00000000;
inline constexpr std::uint32_t kWritableMask = 0x00000000;
inline constexpr std::uint32_t kReadMask = 0xFFFFFFFF;
inline constexpr std::uint32_t kW1cMask = 0x00000000;
// VALUE (bits 31:0, ro): Counter half.
inline constexpr Field kValue{0, 0, 32, false};
inline constexpr std::uint32_t kValueReset = 0x00000000;
}  // namespace perf_idle_cycles

// Every register instance in YAML order: name, offset, reset, writable mask, read mask, w1c mask.
inline constexpr std::uint32_t kNumRegisters = 69;
// clang-format off
inline constexpr RegisterInfo kRegisters[kNumRegisters] = {
    {"ID", 0x000, 0xEDBE0001, 0x00000000, 0xFFFFFFFF, 0x00000000},
    {"HWCFG0", 0x004, 0x00801010, 0x00000000, 0x0FFFFFFF, 0x00000000},
    {"HWCFG1", 0x008, 0x00400400, 0x00000000, 0xFFFFFFFF, 0x00000000},
    {"HWCFG2", 0x00C, 0x10004000, 0x00000000, 0xFFFFFFFF, 0x00000000},
    {"CTRL", 0x010, 0x00000001, 0x00000007, 0x00000001, 0x00000000},
    {"STATUS", 0x014, 0x00000002, 0x00000000, 0x0000FF0F, 0x00000000},
    {"INTR_STATE", 0x018, 0x00000000, 0x00000007, 0x00000007, 0x00000007},
    {"INTR_ENABLE", 0x01C, 0x00000000, 0x00000007, 0x00000007, 0x00000000},
    {"INTR_TEST", 0x020, 0x00000000, 0x00000007, 0x00000000, 0x00000000},
    {"ERR_CAUSE", 0x024, 0x00000000, 0x00000000, 0x0000FFFF, 0x00000000},
    {"ERR_SEQ", 0x028, 0x00000000, 0x00000000, 0xFFFFFFFF, 0x00000000},
    {"CMD_SEQ", 0x02C, 0x00000000, 0x00000000, 0xFFFFFFFF, 0x00000000},
    {"ENTROPY_THRESHOLD", 0x030, 0x00000000, 0xFFFFFFFF, 0xFFFFFFFF, 0x00000000},
    {"ENTROPY_LAST", 0x034, 0x00000000, 0x00000000, 0xFFFFFFFF, 0x00000000},
    {"SCRATCH", 0x038, 0x00000000, 0xFFFFFFFF, 0xFFFFFFFF, 0x00000000},
    {"CMD_DATA0", 0x040, 0x00000000, 0xFFFFFFFF, 0xFFFFFFFF, 0x00000000},
    {"CMD_DATA1", 0x044, 0x00000000, 0xFFFFFFFF, 0xFFFFFFFF, 0x00000000},
    {"CMD_DATA2", 0x048, 0x00000000, 0xFFFFFFFF, 0xFFFFFFFF, 0x00000000},
    {"CMD_DATA3", 0x04C, 0x00000000, 0xFFFFFFFF, 0xFFFFFFFF, 0x00000000},
    {"CMD_DATA4", 0x050, 0x00000000, 0xFFFFFFFF, 0xFFFFFFFF, 0x00000000},
    {"CMD_DATA5", 0x054, 0x00000000, 0xFFFFFFFF, 0xFFFFFFFF, 0x00000000},
    {"CMD_DATA6", 0x058, 0x00000000, 0xFFFFFFFF, 0xFFFFFFFF, 0x00000000},
    {"CMD_DATA7", 0x05C, 0x00000000, 0xFFFFFFFF, 0xFFFFFFFF, 0x00000000},
    {"CMD_DATA8", 0x060, 0x00000000, 0xFFFFFFFF, 0xFFFFFFFF, 0x00000000},
    {"CMD_DATA9", 0x064, 0x00000000, 0xFFFFFFFF, 0xFFFFFFFF, 0x00000000},
    {"CMD_DATA10", 0x068, 0x00000000, 0xFFFFFFFF, 0xFFFFFFFF, 0x00000000},
    {"CMD_DATA11", 0x06C, 0x00000000, 0xFFFFFFFF, 0xFFFFFFFF, 0x00000000},
    {"CMD_DATA12", 0x070, 0x00000000, 0xFFFFFFFF, 0xFFFFFFFF, 0x00000000},
    {"CMD_DATA13", 0x074, 0x00000000, 0xFFFFFFFF, 0xFFFFFFFF, 0x00000000},
    {"CMD_DATA14", 0x078, 0x00000000, 0xFFFFFFFF, 0xFFFFFFFF, 0x00000000},
    {"CMD_DATA15", 0x07C, 0x00000000, 0xFFFFFFFF, 0xFFFFFFFF, 0x00000000},
    {"CMD_PUSH", 0x080, 0x00000000, 0x00000001, 0x00000000, 0x00000000},
    {"RERAM_CTRL", 0x090, 0x00000001, 0x00000007, 0x00000007, 0x00000000},
    {"RERAM_SEED", 0x094, 0x00000001, 0xFFFFFFFF, 0xFFFFFFFF, 0x00000000},
    {"RERAM_LATENCY", 0x098, 0x00020101, 0x00FFFFFF, 0x00FFFFFF, 0x00000000},
    {"PERF_BUSY_CYCLES0", 0x100, 0x00000000, 0x00000000, 0xFFFFFFFF, 0x00000000},
    {"PERF_BUSY_CYCLES1", 0x104, 0x00000000, 0x00000000, 0xFFFFFFFF, 0x00000000},
    {"PERF_MAC_CYCLES0", 0x108, 0x00000000, 0x00000000, 0xFFFFFFFF, 0x00000000},
    {"PERF_MAC_CYCLES1", 0x10C, 0x00000000, 0x00000000, 0xFFFFFFFF, 0x00000000},
    {"PERF_VMACS0", 0x110, 0x00000000, 0x00000000, 0xFFFFFFFF, 0x00000000},
    {"PERF_VMACS1", 0x114, 0x00000000, 0x00000000, 0xFFFFFFFF, 0x00000000},
    {"PERF_VMACS_SKIPPED0", 0x118, 0x00000000, 0x00000000, 0xFFFFFFFF, 0x00000000},
    {"PERF_VMACS_SKIPPED1", 0x11C, 0x00000000, 0x00000000, 0xFFFFFFFF, 0x00000000},
    {"PERF_STALL_CYCLES0", 0x120, 0x00000000, 0x00000000, 0xFFFFFFFF, 0x00000000},
    {"PERF_STALL_CYCLES1", 0x124, 0x00000000, 0x00000000, 0xFFFFFFFF, 0x00000000},
    {"PERF_SATURATIONS0", 0x128, 0x00000000, 0x00000000, 0xFFFFFFFF, 0x00000000},
    {"PERF_SATURATIONS1", 0x12C, 0x00000000, 0x00000000, 0xFFFFFFFF, 0x00000000},
    {"PERF_MACS_NONZERO0", 0x130, 0x00000000, 0x00000000, 0xFFFFFFFF, 0x00000000},
    {"PERF_MACS_NONZERO1", 0x134, 0x00000000, 0x00000000, 0xFFFFFFFF, 0x00000000},
    {"PERF_WSRAM_READS0", 0x138, 0x00000000, 0x00000000, 0xFFFFFFFF, 0x00000000},
    {"PERF_WSRAM_READS1", 0x13C, 0x00000000, 0x00000000, 0xFFFFFFFF, 0x00000000},
    {"PERF_UAB_READS0", 0x140, 0x00000000, 0x00000000, 0xFFFFFFFF, 0x00000000},
    {"PERF_UAB_READS1", 0x144, 0x00000000, 0x00000000, 0xFFFFFFFF, 0x00000000},
    {"PERF_UAB_WRITES0", 0x148, 0x00000000, 0x00000000, 0xFFFFFFFF, 0x00000000},
    {"PERF_UAB_WRITES1", 0x14C, 0x00000000, 0x00000000, 0xFFFFFFFF, 0x00000000},
    {"PERF_AUX_READS0", 0x150, 0x00000000, 0x00000000, 0xFFFFFFFF, 0x00000000},
    {"PERF_AUX_READS1", 0x154, 0x00000000, 0x00000000, 0xFFFFFFFF, 0x00000000},
    {"PERF_AUX_WRITES0", 0x158, 0x00000000, 0x00000000, 0xFFFFFFFF, 0x00000000},
    {"PERF_AUX_WRITES1", 0x15C, 0x00000000, 0x00000000, 0xFFFFFFFF, 0x00000000},
    {"PERF_GB_BUSY_CYCLES0", 0x160, 0x00000000, 0x00000000, 0xFFFFFFFF, 0x00000000},
    {"PERF_GB_BUSY_CYCLES1", 0x164, 0x00000000, 0x00000000, 0xFFFFFFFF, 0x00000000},
    {"PERF_RERAM_SLC_READS0", 0x168, 0x00000000, 0x00000000, 0xFFFFFFFF, 0x00000000},
    {"PERF_RERAM_SLC_READS1", 0x16C, 0x00000000, 0x00000000, 0xFFFFFFFF, 0x00000000},
    {"PERF_RERAM_MLC2_READS0", 0x170, 0x00000000, 0x00000000, 0xFFFFFFFF, 0x00000000},
    {"PERF_RERAM_MLC2_READS1", 0x174, 0x00000000, 0x00000000, 0xFFFFFFFF, 0x00000000},
    {"PERF_RERAM_MLC3_READS0", 0x178, 0x00000000, 0x00000000, 0xFFFFFFFF, 0x00000000},
    {"PERF_RERAM_MLC3_READS1", 0x17C, 0x00000000, 0x00000000, 0xFFFFFFFF, 0x00000000},
    {"PERF_IDLE_CYCLES0", 0x180, 0x00000000, 0x00000000, 0xFFFFFFFF, 0x00000000},
    {"PERF_IDLE_CYCLES1", 0x184, 0x00000000, 0x00000000, 0xFFFFFFFF, 0x00000000},
};
// clang-format on

// -------------------------------------------------------------------------------------------------
// Command descriptors: kCommandWords words written to CMD_DATA, then CMD_PUSH. Fields give their
// descriptor word.
// -------------------------------------------------------------------------------------------------
inline constexpr std::uint32_t kCommandWords = 16;

// Command opcodes (the OPCODE field).
enum class Opcode : std::uint8_t {
  // Does nothing; with IRQ set it marks a point in the queue.
  kNop = 0,
  // C[MxN] = ACT(A[MxK] * B[NxK]^T + bias[N]), re-quantized to EXP_C. A in the UAB; B in the WSRAM
  // or the UAB.
  kMatmul = 1,
  // Row softmax (max trick, LogSumExp, no division), then the span mask multiply. An all-zero span
  // writes zeros in zero softmax cycles.
  kSoftmax = 2,
  // Row LayerNorm with gamma, beta and epsilon (E[x^2] - E[x]^2).
  kLayernorm = 3,
  // Element-wise DST = A + B (residual), re-quantized to EXP_OUT.
  kAdd = 4,
  // Element-wise activation where the PU did not fuse it.
  kActivate = 5,
  // H over one row of off-ramp logits; stores H, sets ENTROPY_LAST; H < ENTROPY_THRESHOLD raises
  // EARLY_EXIT.
  kEntropy = 6,
  // Embedding gather into the UAB: word[id_t] + position[t] + type[type_t] for t < TOKENS, each row
  // decoded from its table (bounded reads: a corrupted mask never reads outside its row), summed
  // exactly and re-quantized to EXP_OUT; follow with LAYERNORM.
  kGather = 7,
  // Write one AF8 code to every element of a region (zero context of a skipped head).
  kFill = 8,
};

// Opcode's name in the register map; nullptr for a value the map does not define.
constexpr const char* OpcodeName(Opcode value) {
  switch (value) {
    case Opcode::kNop:
      return "NOP";
    case Opcode::kMatmul:
      return "MATMUL";
    case Opcode::kSoftmax:
      return "SOFTMAX";
    case Opcode::kLayernorm:
      return "LAYERNORM";
    case Opcode::kAdd:
      return "ADD";
    case Opcode::kActivate:
      return "ACTIVATE";
    case Opcode::kEntropy:
      return "ENTROPY";
    case Opcode::kGather:
      return "GATHER";
    case Opcode::kFill:
      return "FILL";
  }
  return nullptr;
}

// Fields common to all opcodes.
namespace cmd {
// OPCODE (word 0, bits 7:0): Operation.
inline constexpr Field kOpcode{0, 0, 8, false};
// IRQ (word 0, bits 8:8): Raise INTR_STATE.DONE when this command completes.
inline constexpr Field kIrq{0, 8, 1, false};
}  // namespace cmd

// NOP (opcode 0): Does nothing; with IRQ set it marks a point in the queue. No fields besides the
// common ones.

// MATMUL (opcode 1): C[MxN] = ACT(A[MxK] * B[NxK]^T + bias[N]), re-quantized to EXP_C. A in the
// UAB; B in the WSRAM or the UAB.
namespace cmd::matmul {
// ACT (word 0, bits 10:9, enum Act): Fused activation.
inline constexpr Field kAct{0, 9, 2, false};
// TRANS_C (word 0, bits 11:11): Store C transposed (C^T, N rows of M), e.g. V^T for the context
// matmul.
inline constexpr Field kTransC{0, 11, 1, false};
// B_IN_UAB (word 0, bits 12:12): B operand from the UAB (attention) instead of the WSRAM.
inline constexpr Field kBInUab{0, 12, 1, false};
// HAS_BIAS (word 0, bits 13:13): Add the per-channel bias vector.
inline constexpr Field kHasBias{0, 13, 1, false};
// M (word 1, bits 15:0): Rows of A and C (tokens).
inline constexpr Field kM{1, 0, 16, false};
// N (word 1, bits 31:16): Rows of B = columns of C (multiple of n).
inline constexpr Field kN{1, 16, 16, false};
// K (word 2, bits 15:0): Reduction length (multiple of n).
inline constexpr Field kK{2, 0, 16, false};
// EXP_A (word 3, bits 5:0, signed): Exponent bias of A.
inline constexpr Field kExpA{3, 0, 6, true};
// EXP_B (word 3, bits 13:8, signed): Exponent bias of B.
inline constexpr Field kExpB{3, 8, 6, true};
// EXP_C (word 3, bits 21:16, signed): Exponent bias of C.
inline constexpr Field kExpC{3, 16, 6, true};
// EXP_PRE (word 3, bits 29:24, signed): Exponent bias of the pre-activation value (the activation
// table's input); unused with ACT = NONE.
inline constexpr Field kExpPre{3, 24, 6, true};
// A_ADDR (word 4, bits 23:0): First vector of A (UAB).
inline constexpr Field kAAddr{4, 0, 24, false};
// A_STRIDE (word 5, bits 15:0): Vectors between rows of A.
inline constexpr Field kAStride{5, 0, 16, false};
// B_ADDR (word 6, bits 23:0): First vector of B.
inline constexpr Field kBAddr{6, 0, 24, false};
// B_STRIDE (word 7, bits 15:0): Vectors between rows of B.
inline constexpr Field kBStride{7, 0, 16, false};
// C_ADDR (word 8, bits 23:0): First vector of C (UAB).
inline constexpr Field kCAddr{8, 0, 24, false};
// C_STRIDE (word 9, bits 15:0): Vectors between rows of C (of C^T with TRANS_C).
inline constexpr Field kCStride{9, 0, 16, false};
// BIAS_ADDR (word 10, bits 15:0): AUX byte address (4-aligned) of N little-endian int32 biases at
// the accumulator scale 2^(EXP_A+EXP_B-8).
inline constexpr Field kBiasAddr{10, 0, 16, false};
// ACT_TABLE_ADDR (word 11, bits 15:0): AUX byte address (4-aligned) of the 256-byte activation
// table, indexed by the pre-activation AF8 code (EXP_PRE), giving the EXP_C code.
inline constexpr Field kActTableAddr{11, 0, 16, false};
}  // namespace cmd::matmul

// SOFTMAX (opcode 2): Row softmax (max trick, LogSumExp, no division), then the span mask multiply.
// An all-zero span writes zeros in zero softmax cycles.
namespace cmd::softmax {
// HAS_SPAN (word 0, bits 9:9): Apply the span mask.
inline constexpr Field kHasSpan{0, 9, 1, false};
// ROWS (word 1, bits 15:0): Rows (queries).
inline constexpr Field kRows{1, 0, 16, false};
// COLS (word 1, bits 31:16): Columns (keys; multiple of n).
inline constexpr Field kCols{1, 16, 16, false};
// KEYS (word 2, bits 15:0): Keys taking part (the sentence length): columns 0..KEYS-1 are
// normalised; columns KEYS..COLS-1 are written as zero. 0 means COLS (all).
inline constexpr Field kKeys{2, 0, 16, false};
// EXP_IN (word 3, bits 5:0, signed): Exponent bias of the scores; fold 1/sqrt(head_dim) here (-3
// for 64).
inline constexpr Field kExpIn{3, 0, 6, true};
// EXP_OUT (word 3, bits 13:8, signed): Exponent bias of the probabilities.
inline constexpr Field kExpOut{3, 8, 6, true};
// SRC_ADDR (word 4, bits 23:0): First vector of the scores (UAB).
inline constexpr Field kSrcAddr{4, 0, 24, false};
// SRC_STRIDE (word 5, bits 15:0): Vectors between rows of the scores.
inline constexpr Field kSrcStride{5, 0, 16, false};
// DST_ADDR (word 8, bits 23:0): First vector of the output (UAB).
inline constexpr Field kDstAddr{8, 0, 24, false};
// DST_STRIDE (word 9, bits 15:0): Vectors between output rows.
inline constexpr Field kDstStride{9, 0, 16, false};
// SPAN_ADDR (word 10, bits 15:0): AUX byte address of COLS mask bytes, unsigned Q1.7 (128 = 1.0).
inline constexpr Field kSpanAddr{10, 0, 16, false};
}  // namespace cmd::softmax

// LAYERNORM (opcode 3): Row LayerNorm with gamma, beta and epsilon (E[x^2] - E[x]^2).
namespace cmd::layernorm {
// ROWS (word 1, bits 15:0): Rows.
inline constexpr Field kRows{1, 0, 16, false};
// COLS (word 1, bits 31:16): Normalized dimension (multiple of n).
inline constexpr Field kCols{1, 16, 16, false};
// EXP_IN (word 3, bits 5:0, signed): Exponent bias of the input.
inline constexpr Field kExpIn{3, 0, 6, true};
// EXP_OUT (word 3, bits 13:8, signed): Exponent bias of the output.
inline constexpr Field kExpOut{3, 8, 6, true};
// EXP_GAMMA (word 3, bits 21:16, signed): Exponent bias of gamma.
inline constexpr Field kExpGamma{3, 16, 6, true};
// EXP_BETA (word 3, bits 29:24, signed): Exponent bias of beta.
inline constexpr Field kExpBeta{3, 24, 6, true};
// SRC_ADDR (word 4, bits 23:0): First input vector (UAB).
inline constexpr Field kSrcAddr{4, 0, 24, false};
// SRC_STRIDE (word 5, bits 15:0): Vectors between input rows.
inline constexpr Field kSrcStride{5, 0, 16, false};
// DST_ADDR (word 8, bits 23:0): First output vector (UAB).
inline constexpr Field kDstAddr{8, 0, 24, false};
// DST_STRIDE (word 9, bits 15:0): Vectors between output rows.
inline constexpr Field kDstStride{9, 0, 16, false};
// GAMMA_ADDR (word 10, bits 15:0): AUX byte address of COLS AF8 gamma codes.
inline constexpr Field kGammaAddr{10, 0, 16, false};
// BETA_ADDR (word 10, bits 31:16): AUX byte address of COLS AF8 beta codes.
inline constexpr Field kBetaAddr{10, 16, 16, false};
}  // namespace cmd::layernorm

// ADD (opcode 4): Element-wise DST = A + B (residual), re-quantized to EXP_OUT.
namespace cmd::add {
// ROWS (word 1, bits 15:0): Rows.
inline constexpr Field kRows{1, 0, 16, false};
// COLS (word 1, bits 31:16): Columns (multiple of n).
inline constexpr Field kCols{1, 16, 16, false};
// EXP_A (word 3, bits 5:0, signed): Exponent bias of A.
inline constexpr Field kExpA{3, 0, 6, true};
// EXP_B (word 3, bits 13:8, signed): Exponent bias of B.
inline constexpr Field kExpB{3, 8, 6, true};
// EXP_OUT (word 3, bits 21:16, signed): Exponent bias of the sum.
inline constexpr Field kExpOut{3, 16, 6, true};
// A_ADDR (word 4, bits 23:0): First vector of A (UAB).
inline constexpr Field kAAddr{4, 0, 24, false};
// A_STRIDE (word 5, bits 15:0): Vectors between rows of A.
inline constexpr Field kAStride{5, 0, 16, false};
// B_ADDR (word 6, bits 23:0): First vector of B (UAB).
inline constexpr Field kBAddr{6, 0, 24, false};
// B_STRIDE (word 7, bits 15:0): Vectors between rows of B.
inline constexpr Field kBStride{7, 0, 16, false};
// DST_ADDR (word 8, bits 23:0): First output vector (UAB).
inline constexpr Field kDstAddr{8, 0, 24, false};
// DST_STRIDE (word 9, bits 15:0): Vectors between output rows.
inline constexpr Field kDstStride{9, 0, 16, false};
}  // namespace cmd::add

// ACTIVATE (opcode 5): Element-wise activation where the PU did not fuse it.
namespace cmd::activate {
// ACT (word 0, bits 10:9, enum Act): Activation.
inline constexpr Field kAct{0, 9, 2, false};
// ROWS (word 1, bits 15:0): Rows.
inline constexpr Field kRows{1, 0, 16, false};
// COLS (word 1, bits 31:16): Columns (multiple of n).
inline constexpr Field kCols{1, 16, 16, false};
// EXP_IN (word 3, bits 5:0, signed): Exponent bias of the input.
inline constexpr Field kExpIn{3, 0, 6, true};
// EXP_OUT (word 3, bits 13:8, signed): Exponent bias of the output.
inline constexpr Field kExpOut{3, 8, 6, true};
// SRC_ADDR (word 4, bits 23:0): First input vector (UAB).
inline constexpr Field kSrcAddr{4, 0, 24, false};
// SRC_STRIDE (word 5, bits 15:0): Vectors between input rows.
inline constexpr Field kSrcStride{5, 0, 16, false};
// DST_ADDR (word 8, bits 23:0): First output vector (UAB).
inline constexpr Field kDstAddr{8, 0, 24, false};
// DST_STRIDE (word 9, bits 15:0): Vectors between output rows.
inline constexpr Field kDstStride{9, 0, 16, false};
// TABLE_ADDR (word 10, bits 15:0): AUX byte address (4-aligned) of the 256-byte activation table
// for (EXP_IN, EXP_OUT).
inline constexpr Field kTableAddr{10, 0, 16, false};
}  // namespace cmd::activate

// ENTROPY (opcode 6): H over one row of off-ramp logits; stores H, sets ENTROPY_LAST; H <
// ENTROPY_THRESHOLD raises EARLY_EXIT.
namespace cmd::entropy {
// STOP_ON_EXIT (word 0, bits 9:9): On early exit also flush the rest of the queue (sets
// STATUS.HALTED).
inline constexpr Field kStopOnExit{0, 9, 1, false};
// LABELS (word 1, bits 15:0): Number of logits (2..n); the rest of the vector is padding.
inline constexpr Field kLabels{1, 0, 16, false};
// EXP_IN (word 3, bits 5:0, signed): Exponent bias of the logits.
inline constexpr Field kExpIn{3, 0, 6, true};
// SRC_ADDR (word 4, bits 23:0): Vector holding the logits (UAB).
inline constexpr Field kSrcAddr{4, 0, 24, false};
// H_ADDR (word 10, bits 15:0): AUX byte address where H (uint32, Q8.24) is stored.
inline constexpr Field kHAddr{10, 0, 16, false};
}  // namespace cmd::entropy

// GATHER (opcode 7): Embedding gather into the UAB: word[id_t] + position[t] + type[type_t] for t <
// TOKENS, each row decoded from its table (bounded reads: a corrupted mask never reads outside its
// row), summed exactly and re-quantized to EXP_OUT; follow with LAYERNORM.
namespace cmd::gather {
// TOKENS (word 1, bits 15:0): Sequence length T (1..512).
inline constexpr Field kTokens{1, 0, 16, false};
// DIM (word 1, bits 31:16): Embedding size E (multiple of n; every table's dim).
inline constexpr Field kDim{1, 16, 16, false};
// EXP_OUT (word 3, bits 5:0, signed): Exponent bias of the output.
inline constexpr Field kExpOut{3, 0, 6, true};
// WORD_TABLE (word 4, bits 23:0): ReRAM byte address (4-aligned) of the word-embedding table
// header.
inline constexpr Field kWordTable{4, 0, 24, false};
// POS_TABLE (word 5, bits 23:0): ReRAM byte address (4-aligned) of the position-embedding table
// header.
inline constexpr Field kPosTable{5, 0, 24, false};
// TYPE_TABLE (word 6, bits 23:0): ReRAM byte address (4-aligned) of the token-type table header.
inline constexpr Field kTypeTable{6, 0, 24, false};
// DST_ADDR (word 8, bits 23:0): First output vector (UAB).
inline constexpr Field kDstAddr{8, 0, 24, false};
// DST_STRIDE (word 9, bits 15:0): Vectors between output rows.
inline constexpr Field kDstStride{9, 0, 16, false};
// IDS_ADDR (word 10, bits 15:0): AUX byte address (4-aligned) of T little-endian uint16 token ids.
inline constexpr Field kIdsAddr{10, 0, 16, false};
// TYPES_ADDR (word 10, bits 31:16): AUX byte address (4-aligned) of T uint8 token-type ids.
inline constexpr Field kTypesAddr{10, 16, 16, false};
}  // namespace cmd::gather

// FILL (opcode 8): Write one AF8 code to every element of a region (zero context of a skipped
// head).
namespace cmd::fill {
// ROWS (word 1, bits 15:0): Rows.
inline constexpr Field kRows{1, 0, 16, false};
// COLS (word 1, bits 31:16): Columns (multiple of n).
inline constexpr Field kCols{1, 16, 16, false};
// VALUE (word 2, bits 7:0): AF8 code.
inline constexpr Field kValue{2, 0, 8, false};
// DST_ADDR (word 8, bits 23:0): First vector (UAB).
inline constexpr Field kDstAddr{8, 0, 24, false};
// DST_STRIDE (word 9, bits 15:0): Vectors between rows.
inline constexpr Field kDstStride{9, 0, 16, false};
}  // namespace cmd::fill

}  // namespace edgebert::regs
