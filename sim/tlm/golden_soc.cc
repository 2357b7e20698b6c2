#include "tlm/golden_soc.h"

#include <stdexcept>

#include "golden/gb_command.h"
#include "golden/matmul_command.h"

namespace edgebert::sim {
namespace {

using driver::BusResponse;

uint32_t Bit(regs::Field field) { return regs::Set(field, 0, 1); }

const regs::RegisterInfo* FindRegister(uint32_t offset) {
  for (const regs::RegisterInfo& r : regs::kRegisters) {
    if (r.offset == offset) return &r;
  }
  return nullptr;
}

// Cycles a command takes, estimated from its shape (the RTL's figures are in docs and benches;
// this model only needs time to move forward plausibly).
uint64_t EstimateCycles(const golden::Descriptor& words, uint64_t vmacs, int lanes) {
  const auto opcode = static_cast<regs::Opcode>(golden::Get(words, regs::cmd::kOpcode));
  if (opcode == regs::Opcode::kMatmul) return 24 + vmacs / static_cast<uint64_t>(lanes);
  if (opcode == regs::Opcode::kNop) return 1;
  const golden::GbCommand c = golden::GbFromDescriptor(words);
  return 16 + 3ull * c.rows * (c.cols / static_cast<uint32_t>(lanes) + 1);
}

}  // namespace

GoldenSoc::GoldenSoc(const golden::AcceleratorConfig& config, uint32_t queue_depth,
                     uint32_t max_seq)
    : config_(config),
      queue_depth_(queue_depth),
      max_seq_(max_seq),
      accelerator_(std::make_unique<golden::GoldenAccelerator>(config)) {
  ResetRegisters();
}

void GoldenSoc::ResetRegisters() {
  ctrl_ = regs::ctrl::kResetValue;
  intr_state_ = intr_enable_ = err_cause_ = err_seq_ = cmd_seq_ = 0;
  entropy_threshold_ = entropy_last_ = scratch_ = 0;
  reram_ctrl_ = regs::reram_ctrl::kResetValue;
  reram_seed_ = regs::reram_seed::kResetValue;
  reram_latency_ = regs::reram_latency::kResetValue;
  halted_ = error_captured_ = false;
  staging_ = {};
  perf_ = {};
  perf_high_latch_ = 0;
}

void GoldenSoc::PowerCycle() {
  // The SRAMs lose their contents, the ReRAM store keeps them.
  auto fresh = std::make_unique<golden::GoldenAccelerator>(config_);
  for (uint32_t w = 0; w < config_.limits.reram_words; ++w) {
    const uint32_t word = accelerator_->reram().Stored(w);
    if (word != 0) fresh->reram().Write(w, word);
  }
  accelerator_ = std::move(fresh);
  ResetRegisters();
  cycles_ += 16;
}

bool GoldenSoc::InterruptLine() { return (intr_state_ & intr_enable_) != 0; }

bool GoldenSoc::WaitForInterrupt(std::chrono::milliseconds /*timeout*/) {
  // Commands complete when pushed: nothing can change while waiting.
  ++cycles_;
  return InterruptLine();
}

BusResponse GoldenSoc::Read(uint32_t address, std::span<uint32_t> words) {
  driver::CheckTransfer("GoldenSoc::Read", address, words.size());
  BusResponse first = BusResponse::kOkay;
  for (size_t i = 0; i < words.size(); ++i) {
    const BusResponse r = ReadWord(address + static_cast<uint32_t>(4 * i), words[i]);
    if (r != BusResponse::kOkay) {
      words[i] = 0;
      if (first == BusResponse::kOkay) first = r;
    }
  }
  cycles_ += 2 + words.size() / 2;
  return first;
}

BusResponse GoldenSoc::Write(uint32_t address, std::span<const uint32_t> words) {
  driver::CheckTransfer("GoldenSoc::Write", address, words.size());
  BusResponse first = BusResponse::kOkay;
  for (size_t i = 0; i < words.size(); ++i) {
    const BusResponse r = WriteWord(address + static_cast<uint32_t>(4 * i), words[i]);
    if (r != BusResponse::kOkay && first == BusResponse::kOkay) first = r;
  }
  cycles_ += 2 + words.size() / 2;
  return first;
}

namespace {

// Memory windows of the map (yaml/regmap.yaml): which one an address falls in, and its offset.
enum class Window { kCsr, kWsramVal, kWsramMask, kUabVal, kUabMask, kAux, kReram, kNone };

std::pair<Window, uint32_t> Locate(uint32_t address) {
  struct Range {
    Window window;
    uint32_t base, size;
  };
  static constexpr Range kWindows[] = {
      {Window::kCsr, regs::kMemCsrBase, regs::kMemCsrSize},
      {Window::kWsramVal, regs::kMemWsramValBase, regs::kMemWsramValSize},
      {Window::kWsramMask, regs::kMemWsramMaskBase, regs::kMemWsramMaskSize},
      {Window::kUabVal, regs::kMemUabValBase, regs::kMemUabValSize},
      {Window::kUabMask, regs::kMemUabMaskBase, regs::kMemUabMaskSize},
      {Window::kAux, regs::kMemAuxBase, regs::kMemAuxSize},
      {Window::kReram, regs::kMemReramBase, regs::kMemReramSize}};
  for (const Range& r : kWindows) {
    if (address >= r.base && address - r.base < r.size) return {r.window, address - r.base};
  }
  return {Window::kNone, 0};
}

// One 32-bit word of a buffer: read (write == nullptr) or written. DECERR past the backed part.
BusResponse AccessWord(golden::GoldenAccelerator& a, Window window, uint32_t offset,
                       uint32_t& value, const uint32_t* write) {
  const auto n = static_cast<uint32_t>(a.lanes());
  switch (window) {
    case Window::kWsramVal:
    case Window::kWsramMask:
    case Window::kUabVal:
    case Window::kUabMask: {
      golden::VectorMemory& m =
          window == Window::kWsramVal || window == Window::kWsramMask ? a.wsram() : a.uab();
      const bool mask_plane = window == Window::kWsramMask || window == Window::kUabMask;
      const uint32_t v = mask_plane ? offset / 4 : offset / n;
      if (v >= m.vectors()) return BusResponse::kDecErr;
      std::vector<uint8_t> slot(m.slot(v).begin(), m.slot(v).end());
      uint32_t mask = m.mask(v);
      if (write == nullptr) {
        value = 0;
        if (mask_plane) {
          value = mask;
        } else {
          for (uint32_t b = 0; b < 4; ++b) value |= uint32_t{slot[offset % n + b]} << (8 * b);
        }
        return BusResponse::kOkay;
      }
      if (mask_plane) {
        mask = *write & (n == 32 ? 0xFFFFFFFFu : (1u << n) - 1);
      } else {
        for (uint32_t b = 0; b < 4; ++b)
          slot[offset % n + b] = static_cast<uint8_t>(*write >> (8 * b));
      }
      m.Write(v, mask, slot);
      return BusResponse::kOkay;
    }
    case Window::kAux:
      if (offset >= a.aux().size()) return BusResponse::kDecErr;
      if (write == nullptr) {
        value = a.aux().ReadWord(offset);
      } else {
        const uint8_t bytes[4] = {static_cast<uint8_t>(*write), static_cast<uint8_t>(*write >> 8),
                                  static_cast<uint8_t>(*write >> 16),
                                  static_cast<uint8_t>(*write >> 24)};
        a.aux().WriteBytes(offset, bytes);
      }
      return BusResponse::kOkay;
    case Window::kReram:
      if (offset / 4 >= a.reram().words()) return BusResponse::kDecErr;
      if (write == nullptr) {
        value = a.reram().Stored(offset / 4);
      } else {
        a.reram().Write(offset / 4, *write);
      }
      return BusResponse::kOkay;
    default:
      return BusResponse::kDecErr;
  }
}

}  // namespace

BusResponse GoldenSoc::ReadWord(uint32_t address, uint32_t& value) {
  const auto [window, offset] = Locate(address);
  if (window == Window::kCsr) return ReadCsr(offset, value);
  return AccessWord(*accelerator_, window, offset, value, nullptr);
}

BusResponse GoldenSoc::WriteWord(uint32_t address, uint32_t value) {
  const auto [window, offset] = Locate(address);
  if (window == Window::kCsr) return WriteCsr(offset, value);
  uint32_t unused = 0;
  return AccessWord(*accelerator_, window, offset, unused, &value);
}

BusResponse GoldenSoc::WriteWordStrobed(uint32_t address, uint32_t value, uint8_t strobes) {
  strobes &= 0xF;
  const auto [window, offset] = Locate(address);
  if (window == Window::kCsr) {
    return strobes == 0xF ? WriteCsr(offset, value) : BusResponse::kSlvErr;
  }
  uint32_t old = 0;
  const BusResponse located = AccessWord(*accelerator_, window, offset, old, nullptr);
  if (located != BusResponse::kOkay || strobes == 0) return located;
  uint32_t merged = value;
  for (uint32_t b = 0; b < 4; ++b) {
    const uint32_t byte = 0xFFu << (8 * b);
    if (((strobes >> b) & 1) == 0) merged = (merged & ~byte) | (old & byte);
  }
  return AccessWord(*accelerator_, window, offset, old, &merged);
}

BusResponse GoldenSoc::ReadCsr(uint32_t offset, uint32_t& value) {
  const regs::RegisterInfo* info = FindRegister(offset);
  if (info == nullptr) return BusResponse::kSlvErr;
  const auto n = static_cast<uint32_t>(config_.limits.lanes);
  const uint32_t perf_base = regs::kPerfBusyCyclesOffset(0);
  if (offset >= perf_base && offset < perf_base + 8 * perf_.size()) {
    const uint64_t counter = perf_[(offset - perf_base) / 8];
    if ((offset - perf_base) % 8 == 0) {
      perf_high_latch_ = static_cast<uint32_t>(counter >> 32);
      value = static_cast<uint32_t>(counter);
    } else {
      value = perf_high_latch_;
    }
    return BusResponse::kOkay;
  }
  switch (offset) {
    case regs::kHwcfg0Offset:
      value = regs::Set(regs::hwcfg0::kLanes, 0, n) |
              regs::Set(regs::hwcfg0::kCmdqDepth, 0, queue_depth_) |
              regs::Set(regs::hwcfg0::kMaxSeq, 0, max_seq_);
      break;
    case regs::kHwcfg1Offset:
      value = regs::Set(regs::hwcfg1::kUabKib, 0, config_.limits.uab_vectors * n / 1024) |
              regs::Set(regs::hwcfg1::kAuxKib, 0, config_.limits.aux_bytes / 1024);
      break;
    case regs::kHwcfg2Offset:
      value = regs::Set(regs::hwcfg2::kWsramKib, 0, config_.limits.wsram_vectors * n / 1024) |
              regs::Set(regs::hwcfg2::kReramKib, 0, config_.limits.reram_words * 4 / 1024);
      break;
    case regs::kCtrlOffset:
      value = ctrl_;
      break;
    case regs::kStatusOffset:
      value = regs::Set(regs::status::kCmdqEmpty, 0, 1) |
              regs::Set(regs::status::kHalted, 0, halted_ ? 1 : 0);
      break;
    case regs::kIntrStateOffset:
      value = intr_state_;
      break;
    case regs::kIntrEnableOffset:
      value = intr_enable_;
      break;
    case regs::kErrCauseOffset:
      value = err_cause_;
      break;
    case regs::kErrSeqOffset:
      value = err_seq_;
      break;
    case regs::kCmdSeqOffset:
      value = cmd_seq_;
      break;
    case regs::kEntropyThresholdOffset:
      value = entropy_threshold_;
      break;
    case regs::kEntropyLastOffset:
      value = entropy_last_;
      break;
    case regs::kScratchOffset:
      value = scratch_;
      break;
    case regs::kReramCtrlOffset:
      value = reram_ctrl_;
      break;
    case regs::kReramSeedOffset:
      value = reram_seed_;
      break;
    case regs::kReramLatencyOffset:
      value = reram_latency_;
      break;
    default:
      if (offset >= regs::kCmdDataOffset(0) && offset < regs::kCmdDataOffset(regs::kCmdDataCount)) {
        value = staging_[(offset - regs::kCmdDataOffset(0)) / 4];
      } else {
        value = info->reset;  // ID and write-only registers (which read as 0)
      }
  }
  value &= info->read_mask;
  return BusResponse::kOkay;
}

BusResponse GoldenSoc::WriteCsr(uint32_t offset, uint32_t value) {
  const regs::RegisterInfo* info = FindRegister(offset);
  // As the RTL (docs/architecture.md section 15): no register, or nothing writable: SLVERR.
  if (info == nullptr || info->writable_mask == 0) return BusResponse::kSlvErr;
  value &= info->writable_mask;
  switch (offset) {
    case regs::kCtrlOffset:
      ctrl_ = value & Bit(regs::ctrl::kEnable);
      if (value & Bit(regs::ctrl::kClrPerf)) perf_ = {};
      break;
    case regs::kIntrStateOffset:
      intr_state_ &= ~value;
      if (value & Bit(regs::intr_state::kError)) {
        error_captured_ = false;  // re-armed: ERR_CAUSE reads NONE until the next error
        err_cause_ = 0;
      }
      break;
    case regs::kIntrEnableOffset:
      intr_enable_ = value;
      break;
    case regs::kIntrTestOffset:
      intr_state_ |= value;
      break;
    case regs::kEntropyThresholdOffset:
      entropy_threshold_ = value;
      break;
    case regs::kScratchOffset:
      scratch_ = value;
      break;
    case regs::kReramCtrlOffset:
      reram_ctrl_ = value;
      break;
    case regs::kReramSeedOffset:
      reram_seed_ = value;
      break;
    case regs::kReramLatencyOffset:
      reram_latency_ = value;
      break;
    case regs::kCmdPushOffset:
      if (value & 1) Push();
      break;
    default:
      if (offset >= regs::kCmdDataOffset(0) && offset < regs::kCmdDataOffset(regs::kCmdDataCount)) {
        staging_[(offset - regs::kCmdDataOffset(0)) / 4] = value;
      }
      break;
  }
  return BusResponse::kOkay;
}

void GoldenSoc::RaiseError(regs::ErrCode code, uint32_t opcode) {
  if (!error_captured_) {
    err_cause_ = regs::Set(regs::err_cause::kCode, 0, static_cast<uint32_t>(code)) |
                 regs::Set(regs::err_cause::kOpcode, 0, opcode);
    err_seq_ = cmd_seq_ + 1;  // as the RTL: the failing command is the ERR_SEQ-th
    error_captured_ = true;
  }
  intr_state_ |= Bit(regs::intr_state::kError);
  halted_ = true;
}

void GoldenSoc::Push() {
  halted_ = false;
  const golden::Descriptor words = staging_;
  const uint32_t opcode = golden::Get(words, regs::cmd::kOpcode);
  golden::GoldenAccelerator& a = *accelerator_;
  a.entropy_threshold_q24 = entropy_threshold_;
  a.reram_settings.mode =
      golden::CellModeFromField(regs::Get(regs::reram_ctrl::kValueMode, reram_ctrl_));
  a.reram_settings.fault_en = regs::Get(regs::reram_ctrl::kFaultEn, reram_ctrl_) != 0;
  a.reram_settings.seed = reram_seed_;
  const golden::CommandOutcome o = a.Execute(words);
  const uint64_t cycles = EstimateCycles(words, o.vmacs, config_.limits.lanes);
  cycles_ += cycles;
  const auto perf = [this](uint32_t offset) -> uint64_t& {
    return perf_[(offset - regs::kPerfBusyCyclesOffset(0)) / 8];
  };
  perf(regs::kPerfBusyCyclesOffset(0)) += cycles;
  const bool on_gb = opcode != static_cast<uint32_t>(regs::Opcode::kMatmul) &&
                     opcode != static_cast<uint32_t>(regs::Opcode::kNop);
  if (on_gb) perf(regs::kPerfGbBusyCyclesOffset(0)) += cycles;
  if (o.error != regs::ErrCode::kNone) {
    RaiseError(o.error, opcode);
    return;
  }
  perf(regs::kPerfMacCyclesOffset(0)) += o.vmacs / static_cast<uint64_t>(config_.limits.lanes);
  perf(regs::kPerfVmacsOffset(0)) += o.vmacs;
  perf(regs::kPerfVmacsSkippedOffset(0)) += o.vmacs_skipped;
  perf(regs::kPerfSaturationsOffset(0)) += o.saturations;
  perf(regs::kPerfMacsNonzeroOffset(0)) += o.macs_nonzero;
  ++cmd_seq_;
  if (o.opcode == regs::Opcode::kEntropy) {
    entropy_last_ = o.entropy_q24;
    if (o.early_exit) {
      intr_state_ |= Bit(regs::intr_state::kEarlyExit);
      if (golden::Get(words, regs::cmd::entropy::kStopOnExit)) halted_ = true;
    }
  }
  if (golden::Get(words, regs::cmd::kIrq)) intr_state_ |= Bit(regs::intr_state::kDone);
}

}  // namespace edgebert::sim
