#include "tlm/golden_soc.h"

#include <algorithm>
#include <utility>

#include "harness/axi_burst.h"

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

// The harness's reset: rst_ni low for 4 cycles, then a cycle with it released (which counts).
constexpr uint64_t kResetCycles = 5;

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

GoldenSoc::GoldenSoc(const golden::AcceleratorConfig& config, uint32_t queue_depth,
                     uint32_t max_seq, uint32_t acc_rows)
    : config_(config),
      queue_depth_(queue_depth),
      max_seq_(max_seq),
      acc_rows_(acc_rows != 0 ? acc_rows : 2 * static_cast<uint32_t>(config.limits.lanes)),
      accelerator_(std::make_unique<golden::GoldenAccelerator>(config)) {
  ResetRegisters();
  now_ = kResetCycles;
  counted_ = now_ - 1;
}

void GoldenSoc::ResetRegisters() {
  ctrl_ = regs::ctrl::kResetValue;
  intr_state_ = intr_enable_ = err_cause_ = err_seq_ = cmd_seq_ = 0;
  entropy_threshold_ = entropy_last_ = scratch_ = 0;
  reram_ctrl_ = regs::reram_ctrl::kResetValue;
  reram_seed_ = regs::reram_seed::kResetValue;
  reram_latency_ = regs::reram_latency::kResetValue;
  halted_ = false;
  staging_ = {};
  perf_ = {};
  perf_high_latch_ = {};
  queue_.clear();
  running_.reset();
  seq_idle_from_ = 0;
}

void GoldenSoc::PowerCycle() {
  // The SRAMs lose their contents, the ReRAM store keeps them; a command in flight is lost.
  auto fresh = std::make_unique<golden::GoldenAccelerator>(config_);
  for (uint32_t w = 0; w < config_.limits.reram_words; ++w) {
    const uint32_t word = accelerator_->reram().Stored(w);
    if (word != 0) fresh->reram().Write(w, word);
  }
  accelerator_ = std::move(fresh);
  ResetRegisters();
  now_ += kResetCycles;
  counted_ = now_ - 1;
  seq_idle_from_ = now_ - 1;
}

golden::ReramLatencies GoldenSoc::Latencies() const {
  return {.slc = regs::Get(regs::reram_latency::kSlc, reram_latency_),
          .mlc2 = regs::Get(regs::reram_latency::kMlc2, reram_latency_),
          .mlc3 = regs::Get(regs::reram_latency::kMlc3, reram_latency_)};
}

// ---- Sequencer ------------------------------------------------------------------------------

void GoldenSoc::CountCycles(uint64_t upto) {
  if (upto <= counted_) return;
  uint64_t busy = 0;
  if (running_) busy = upto - std::max(counted_, std::min(running_->issue, upto));
  Perf(regs::kPerfBusyCyclesOffset(0)) += busy;
  Perf(regs::kPerfIdleCyclesOffset(0)) += upto - counted_ - busy;
  counted_ = upto;
}

void GoldenSoc::AdvanceTo(uint64_t c) {
  while (true) {
    if (running_) {
      if (!running_->dispatched) {
        if (running_->issue >= c) break;
        Dispatch();  // at the edge after its issue cycle
        continue;
      }
      if (running_->end >= c) break;
      CountCycles(running_->end + 1);
      Complete();  // at the edge after its end cycle
      continue;
    }
    if (queue_.empty() || (ctrl_ & Bit(regs::ctrl::kEnable)) == 0) break;
    const uint64_t pop = std::max(seq_idle_from_, queue_.front().second);
    if (pop >= c) break;
    CountCycles(pop + 1);
    running_.emplace();
    running_->words = queue_.front().first;
    running_->issue = pop + 1;
    queue_.pop_front();
  }
  CountCycles(c);
}

std::optional<uint64_t> GoldenSoc::NextEvent() const {
  if (running_) return (running_->dispatched ? running_->end : running_->issue) + 1;
  if (queue_.empty() || (ctrl_ & Bit(regs::ctrl::kEnable)) == 0) return std::nullopt;
  return std::max(seq_idle_from_, queue_.front().second) + 1;
}

void GoldenSoc::Dispatch() {
  Running& r = *running_;
  r.dispatched = true;
  r.end = r.issue;  // NOP: the sequencer ends it in its issue cycle
  if (golden::Get(r.words, regs::cmd::kOpcode) == static_cast<uint32_t>(regs::Opcode::kNop)) {
    return;
  }
  golden::GoldenAccelerator& a = *accelerator_;
  a.entropy_threshold_q24 = entropy_threshold_;
  a.reram_settings.mode =
      golden::CellModeFromField(regs::Get(regs::reram_ctrl::kValueMode, reram_ctrl_));
  a.reram_settings.fault_en = regs::Get(regs::reram_ctrl::kFaultEn, reram_ctrl_) != 0;
  a.reram_settings.seed = reram_seed_;
  // The activity from the memories the command starts from, then the command itself.
  r.activity = golden::PredictActivity(r.words, a, acc_rows_, Latencies());
  r.outcome = a.Execute(r.words);
  r.end = r.issue + r.activity.cycles;
}

void GoldenSoc::Complete() {
  const Running r = std::move(*running_);
  running_.reset();
  seq_idle_from_ = std::max(seq_idle_from_, r.end + 1);
  const golden::CommandOutcome& o = r.outcome;
  const golden::CommandActivity& act = r.activity;
  Perf(regs::kPerfMacCyclesOffset(0)) += act.mac_cycles;
  Perf(regs::kPerfVmacsOffset(0)) += o.vmacs;
  Perf(regs::kPerfVmacsSkippedOffset(0)) += o.vmacs_skipped;
  Perf(regs::kPerfStallCyclesOffset(0)) += act.stall_cycles;
  Perf(regs::kPerfSaturationsOffset(0)) += o.saturations;
  Perf(regs::kPerfMacsNonzeroOffset(0)) += o.macs_nonzero;
  Perf(regs::kPerfWsramReadsOffset(0)) += act.wsram_reads;
  Perf(regs::kPerfUabReadsOffset(0)) += act.uab_reads;
  Perf(regs::kPerfUabWritesOffset(0)) += act.uab_writes;
  Perf(regs::kPerfAuxReadsOffset(0)) += act.aux_reads;
  Perf(regs::kPerfAuxWritesOffset(0)) += act.aux_writes;
  if (act.on_gb) Perf(regs::kPerfGbBusyCyclesOffset(0)) += act.cycles;
  Perf(regs::kPerfReramSlcReadsOffset(0)) += act.reram_slc_reads;
  Perf(regs::kPerfReramMlc2ReadsOffset(0)) += act.reram_mlc2_reads;
  Perf(regs::kPerfReramMlc3ReadsOffset(0)) += act.reram_mlc3_reads;
  if (r.aborted) return;  // CTRL.ABORT: the end is not reported
  const uint32_t opcode = golden::Get(r.words, regs::cmd::kOpcode);
  if (o.error != regs::ErrCode::kNone) {
    RaiseError(o.error, opcode, cmd_seq_ + 1);
    return;
  }
  ++cmd_seq_;
  if (o.opcode == regs::Opcode::kEntropy) {
    entropy_last_ = o.entropy_q24;
    if (o.early_exit) {
      intr_state_ |= Bit(regs::intr_state::kEarlyExit);
      if (golden::Get(r.words, regs::cmd::entropy::kStopOnExit)) {
        Flush();
        halted_ = true;
      }
    }
  }
  if (golden::Get(r.words, regs::cmd::kIrq)) intr_state_ |= Bit(regs::intr_state::kDone);
}

void GoldenSoc::RaiseError(regs::ErrCode code, uint32_t opcode, uint32_t seq) {
  // First error wins: captured only while INTR_STATE.ERROR is clear (as soc_csr).
  if ((intr_state_ & Bit(regs::intr_state::kError)) == 0) {
    err_cause_ = regs::Set(regs::err_cause::kCode, 0, static_cast<uint32_t>(code)) |
                 regs::Set(regs::err_cause::kOpcode, 0, opcode);
    err_seq_ = seq;
  }
  intr_state_ |= Bit(regs::intr_state::kError);
  Flush();
  halted_ = true;
}

void GoldenSoc::Push(uint64_t at) {
  AdvanceTo(at);
  const bool full = queue_.size() >= queue_depth_;
  if (full) {
    // CMDQ_OVERFLOW: the push is dropped and the queue flushed in this cycle (no pop in it);
    // ERR_SEQ counts the command executing and those queued before the flush.
    const uint32_t seq = cmd_seq_ + (running_ ? 1 : 0) + static_cast<uint32_t>(queue_.size()) + 1;
    seq_idle_from_ = std::max(seq_idle_from_, at + 1);
    AdvanceTo(at + 1);  // a command's end in this cycle comes first (its error wins the capture)
    RaiseError(regs::ErrCode::kCmdqOverflow, golden::Get(staging_, regs::cmd::kOpcode), seq);
    return;
  }
  AdvanceTo(at + 1);  // a flush in this cycle empties the queue before the push enters it
  queue_.emplace_back(staging_, at + 1);
  halted_ = false;
}

bool GoldenSoc::InterruptLine() {
  AdvanceTo(now_);
  return (intr_state_ & intr_enable_) != 0;
}

bool GoldenSoc::WaitForInterrupt(std::chrono::milliseconds /*timeout*/) {
  // The harness runs the clock until irq_o is high at the start of a cycle.
  while (!InterruptLine()) {
    const std::optional<uint64_t> next = NextEvent();
    if (!next) {
      ++now_;  // nothing will raise it (the RTL harness would wait out its timeout)
      return false;
    }
    now_ = std::max(now_ + 1, *next);
  }
  return true;
}

// ---- Bus ------------------------------------------------------------------------------------

uint64_t GoldenSoc::WordCycles(uint32_t address, bool write) const {
  // The request cycle and the response cycle; a ReRAM read waits for the store's latency.
  const auto [window, offset] = Locate(address);
  if (write || window != Window::kReram || running_) return 2;
  const uint32_t word = offset / 4;
  if (word >= accelerator_->reram().words()) return 2;
  const golden::CellMode mode = accelerator_->reram().WordMode(
      word, golden::CellModeFromField(regs::Get(regs::reram_ctrl::kValueMode, reram_ctrl_)));
  const golden::ReramLatencies l = Latencies();
  const uint32_t latency = mode == golden::CellMode::kSlc    ? l.slc
                           : mode == golden::CellMode::kMlc2 ? l.mlc2
                                                             : l.mlc3;
  return 1 + std::max(latency, 1u);
}

BusResponse GoldenSoc::Read(uint32_t address, std::span<uint32_t> words) {
  driver::CheckTransfer("GoldenSoc::Read", address, words.size());
  BusResponse first = BusResponse::kOkay;
  uint64_t t = now_;
  ForEachAxiBurst(address, static_cast<uint32_t>(words.size()),
                  [&](const AxiBurst& burst, size_t index, bool lead) {
                    ++t;  // AR
                    size_t w = index;
                    for (uint32_t beat = 0; beat < burst.beats; ++beat) {
                      const size_t halves = burst.size == 2 || (beat == 0 && lead) ? 1 : 2;
                      BusResponse beat_response = BusResponse::kOkay;
                      for (size_t h = 0; h < halves; ++h) {
                        const auto a = address + static_cast<uint32_t>(4 * (w + h));
                        const uint64_t cost = WordCycles(a, false);
                        const BusResponse r = ReadWordAt(a, words[w + h], t);
                        if (r != BusResponse::kOkay && beat_response == BusResponse::kOkay) {
                          beat_response = r;
                        }
                        t += cost;
                      }
                      // The harness takes a beat whose response is not OKAY as zeros.
                      if (beat_response != BusResponse::kOkay) {
                        for (size_t h = 0; h < halves; ++h) words[w + h] = 0;
                        if (first == BusResponse::kOkay) first = beat_response;
                      }
                      w += halves;
                      ++t;  // R
                    }
                  });
  now_ = t;
  return first;
}

BusResponse GoldenSoc::Write(uint32_t address, std::span<const uint32_t> words) {
  driver::CheckTransfer("GoldenSoc::Write", address, words.size());
  BusResponse first = BusResponse::kOkay;
  uint64_t t = now_;
  ForEachAxiBurst(address, static_cast<uint32_t>(words.size()),
                  [&](const AxiBurst& burst, size_t index, bool lead) {
                    ++t;  // AW
                    size_t w = index;
                    for (uint32_t beat = 0; beat < burst.beats; ++beat) {
                      ++t;  // W
                      const size_t halves = burst.size == 2 || (beat == 0 && lead) ? 1 : 2;
                      for (size_t h = 0; h < halves; ++h, ++w) {
                        const auto a = address + static_cast<uint32_t>(4 * w);
                        const uint64_t cost = WordCycles(a, true);
                        const BusResponse r = WriteWordAt(a, words[w], 0xF, t);
                        if (r != BusResponse::kOkay && first == BusResponse::kOkay) first = r;
                        t += cost;
                      }
                    }
                    ++t;  // B
                  });
  now_ = t;
  return first;
}

BusResponse GoldenSoc::ReadWordAt(uint32_t address, uint32_t& value, uint64_t at) {
  AdvanceTo(at);
  const auto [window, offset] = Locate(address);
  if (window == Window::kCsr) return ReadCsr(offset, value);
  const BusResponse located = AccessWord(*accelerator_, window, offset, value, nullptr);
  if (located != BusResponse::kOkay) return located;
  if (running_) {  // the host does not reach memory while a command runs
    value = 0;
    return BusResponse::kSlvErr;
  }
  return BusResponse::kOkay;
}

BusResponse GoldenSoc::WriteWordAt(uint32_t address, uint32_t value, uint8_t strobes, uint64_t at) {
  strobes &= 0xF;
  const auto [window, offset] = Locate(address);
  if (window == Window::kCsr) {
    if (strobes != 0xF) {
      AdvanceTo(at);
      return BusResponse::kSlvErr;
    }
    return WriteCsr(offset, value, at);
  }
  AdvanceTo(at);
  uint32_t old = 0;
  const BusResponse located = AccessWord(*accelerator_, window, offset, old, nullptr);
  if (located != BusResponse::kOkay) return located;
  if (running_) return BusResponse::kSlvErr;
  if (strobes == 0) return BusResponse::kOkay;
  uint32_t merged = value;
  for (uint32_t b = 0; b < 4; ++b) {
    const uint32_t byte = 0xFFu << (8 * b);
    if (((strobes >> b) & 1) == 0) merged = (merged & ~byte) | (old & byte);
  }
  return AccessWord(*accelerator_, window, offset, old, &merged);
}

BusResponse GoldenSoc::WriteWordStrobed(uint32_t address, uint32_t value, uint8_t strobes) {
  return WriteWordAt(address, value, strobes, now_);
}

BusResponse GoldenSoc::ReadCsr(uint32_t offset, uint32_t& value) {
  const regs::RegisterInfo* info = FindRegister(offset);
  if (info == nullptr) return BusResponse::kSlvErr;
  const auto n = static_cast<uint32_t>(config_.limits.lanes);
  const uint32_t perf_base = regs::kPerfBusyCyclesOffset(0);
  if (offset >= perf_base && offset < perf_base + 8 * perf_.size()) {
    const size_t index = (offset - perf_base) / 8;
    if ((offset - perf_base) % 8 == 0) {
      perf_high_latch_[index] = static_cast<uint32_t>(perf_[index] >> 32);
      value = static_cast<uint32_t>(perf_[index]);
    } else {
      value = perf_high_latch_[index];
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
    case regs::kStatusOffset: {
      const auto level = static_cast<uint32_t>(queue_.size());
      value = regs::Set(regs::status::kBusy, 0, running_ ? 1 : 0) |
              regs::Set(regs::status::kCmdqEmpty, 0, level == 0 ? 1 : 0) |
              regs::Set(regs::status::kCmdqFull, 0, level >= queue_depth_ ? 1 : 0) |
              regs::Set(regs::status::kHalted, 0, halted_ ? 1 : 0) |
              regs::Set(regs::status::kCmdqLevel, 0, level);
      break;
    }
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

BusResponse GoldenSoc::WriteCsr(uint32_t offset, uint32_t value, uint64_t at) {
  const regs::RegisterInfo* info = FindRegister(offset);
  // As the RTL (docs/architecture.md section 15): no register, or nothing writable: SLVERR.
  if (info == nullptr || info->writable_mask == 0) {
    AdvanceTo(at);
    return BusResponse::kSlvErr;
  }
  value &= info->writable_mask;
  if (offset == regs::kCmdPushOffset) {
    if (value & 1) {
      Push(at);
    } else {
      AdvanceTo(at + 1);
    }
    return BusResponse::kOkay;
  }
  if (offset == regs::kIntrStateOffset) {
    // W1C before the same cycle's hardware sets, which win; clearing ERROR re-arms the capture.
    AdvanceTo(at);
    intr_state_ &= ~value;
    if (value & Bit(regs::intr_state::kError)) err_cause_ = err_seq_ = 0;
    AdvanceTo(at + 1);
    return BusResponse::kOkay;
  }
  if (offset == regs::kCtrlOffset && (value & Bit(regs::ctrl::kAbort))) {
    // ABORT: no pop or dispatch in this cycle, the queue flushed; a command not yet dispatched
    // is dropped, one running runs to its end unreported.
    AdvanceTo(at);
    if (running_) {
      running_->aborted = true;
      if (!running_->dispatched) {
        running_->dispatched = true;
        running_->end = at;
      }
    }
    Flush();
    seq_idle_from_ = std::max(seq_idle_from_, at + 1);
  }
  AdvanceTo(at + 1);
  switch (offset) {
    case regs::kCtrlOffset:
      ctrl_ = value & Bit(regs::ctrl::kEnable);
      seq_idle_from_ = std::max(seq_idle_from_, at + 1);  // pops see the new ENABLE from here
      if (value & Bit(regs::ctrl::kClrPerf)) {
        perf_ = {};  // over this cycle's increments
        perf_high_latch_ = {};
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
    default:
      if (offset >= regs::kCmdDataOffset(0) && offset < regs::kCmdDataOffset(regs::kCmdDataCount)) {
        staging_[(offset - regs::kCmdDataOffset(0)) / 4] = value;
      }
      break;
  }
  return BusResponse::kOkay;
}

}  // namespace edgebert::sim
