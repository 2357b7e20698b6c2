#include "firmware/inference.h"

namespace edgebert::firmware {
namespace {

uint32_t Bit(regs::Field field) { return regs::Set(field, 0, 1); }

class Runner {
 public:
  Runner(Hal& hal, const Job& job) : hal_(hal), job_(job) {}

  Report Run() {
    const uint64_t start = hal_.Cycles();
    if (!Valid()) {
      report_.status = Status::kBadJob;
      return report_;
    }
    depth_ = QueueDepth(hal_);
    lanes_ = Lanes(hal_);
    if (depth_ == 0 || lanes_ == 0 || static_cast<uint32_t>(job_.labels) > lanes_) {
      report_.status = Status::kBadJob;
      return report_;
    }
    // Stale causes cleared, every cause enabled, counters zeroed, the sequencer running.
    hal_.WriteRegister(regs::kIntrStateOffset, regs::intr_state::kW1cMask);
    hal_.WriteRegister(regs::kIntrEnableOffset, regs::intr_enable::kWritableMask);
    hal_.WriteRegister(regs::kEntropyThresholdOffset, job_.entropy_threshold_q24);
    hal_.WriteRegister(regs::kCtrlOffset, Bit(regs::ctrl::kEnable) | Bit(regs::ctrl::kClrPerf));
    seq0_ = hal_.ReadRegister(regs::kCmdSeqOffset);

    report_.status = WriteAux(job_.inputs);
    for (size_t s = 0; s < job_.stages.size() && report_.status == Status::kOk; ++s) {
      const uint64_t stage_start = hal_.Cycles();
      report_.status = RunStage(static_cast<int>(s));
      report_.stage_cycles[s] = hal_.Cycles() - stage_start;
      report_.stages_run = static_cast<int>(s) + 1;
      if (report_.status != Status::kOk) report_.failed_stage = static_cast<int>(s);
      if (report_.exit_layer >= 0) break;
    }
    report_.commands = Completed();
    ReadPerf();
    report_.cycles = hal_.Cycles() - start;
    return report_;
  }

 private:
  bool Valid() const {
    return !job_.stages.empty() && job_.stages.size() <= kMaxLayers + 1 && job_.labels >= 1 &&
           job_.labels <= kMaxLabels;
  }

  uint32_t Completed() { return hal_.ReadRegister(regs::kCmdSeqOffset) - seq0_; }

  Status WriteAux(std::span<const AuxWrite> writes) {
    for (const AuxWrite& w : writes) {
      for (size_t offset = 0; offset < w.bytes.size(); offset += 4 * kChunkWords) {
        uint32_t words[kChunkWords] = {};
        size_t count = 0;
        for (size_t b = offset; b < w.bytes.size() && count < kChunkWords; b += 4, ++count) {
          for (size_t k = 0; k < 4 && b + k < w.bytes.size(); ++k) {
            words[count] |= uint32_t{w.bytes[b + k]} << (8 * k);
          }
        }
        if (!hal_.WriteMemory(regs::kMemAuxBase + w.address + static_cast<uint32_t>(offset), words,
                              count)) {
          return Status::kBusError;
        }
      }
    }
    return Status::kOk;
  }

  // Waits for one interrupt and takes its causes.
  Status Service() {
    if (!hal_.WaitForInterrupt(job_.timeout_ms)) return Status::kTimeout;
    ++report_.interrupts;
    return TakeCauses();
  }

  // Clears the pending causes: ERROR ends the run, EARLY_EXIT is noted, DONE only wakes us.
  Status TakeCauses() {
    const uint32_t state = hal_.ReadRegister(regs::kIntrStateOffset);
    if (state == 0) return Status::kOk;
    if (regs::Get(regs::intr_state::kError, state)) {
      // Before the clear: clearing ERROR re-arms the capture and resets ERR_CAUSE to NONE.
      const uint32_t cause = hal_.ReadRegister(regs::kErrCauseOffset);
      report_.error_code = regs::Get(regs::err_cause::kCode, cause);
      report_.error_opcode = regs::Get(regs::err_cause::kOpcode, cause);
      report_.error_seq = hal_.ReadRegister(regs::kErrSeqOffset);
      hal_.WriteRegister(regs::kIntrStateOffset, state);
      return Status::kError;
    }
    hal_.WriteRegister(regs::kIntrStateOffset, state);
    if (regs::Get(regs::intr_state::kEarlyExit, state)) exited_ = true;
    return Status::kOk;
  }

  // Until every pushed command completed (or an early exit flushed the rest).
  Status Drain() {
    while (Completed() < pushed_ && !exited_) {
      if (const Status s = Service(); s != Status::kOk) return s;
    }
    return Status::kOk;
  }

  Status Push(Command words, bool irq) {
    // The queue holds depth_ commands; an IRQ every half queue keeps it fed without polling.
    while (pushed_ - Completed() >= depth_) {
      if (const Status s = Service(); s != Status::kOk) return s;
      if (exited_) return Status::kOk;
    }
    const uint32_t half = depth_ / 2 > 0 ? depth_ / 2 : 1;
    if (irq || (pushed_ + 1) % half == 0) {
      words[regs::cmd::kIrq.word] = regs::Set(regs::cmd::kIrq, words[regs::cmd::kIrq.word], 1);
    }
    for (uint32_t i = 0; i < regs::kCommandWords; ++i) {
      hal_.WriteRegister(regs::kCmdDataOffset(i), words[i]);
    }
    hal_.WriteRegister(regs::kCmdPushOffset, 1);
    ++pushed_;
    return Status::kOk;
  }

  bool Observe(int stage, int command) {
    return job_.observe == nullptr || job_.observe(job_.observe_context, stage, command);
  }

  Status RunStage(int index) {
    const Stage& stage = job_.stages[static_cast<size_t>(index)];
    // The host port is refused while commands run: the previous stage has drained.
    if (const Status s = WriteAux(stage.loads); s != Status::kOk) return s;
    for (size_t c = 0; c < stage.commands.size(); ++c) {
      const bool last = c + 1 == stage.commands.size();
      if (const Status s = Push(stage.commands[c], last || job_.single_step); s != Status::kOk) {
        return s;
      }
      if (exited_) break;
      if (job_.single_step) {
        if (const Status s = Drain(); s != Status::kOk) return s;
        if (!Observe(index, static_cast<int>(c))) return Status::kStopped;
      }
    }
    if (const Status s = Drain(); s != Status::kOk) return s;
    // The stage's last command may have completed without our waiting for its interrupt.
    if (const Status s = TakeCauses(); s != Status::kOk) return s;
    if (stage.layer >= 0) ++report_.layers_run;
    if (stage.off_ramp) {
      report_.entropies_q24[static_cast<size_t>(report_.entropy_count++)] =
          hal_.ReadRegister(regs::kEntropyLastOffset);
      if (const Status s = ReadLogits(); s != Status::kOk) return s;
      if (exited_) report_.exit_layer = stage.layer;
    }
    if (!job_.single_step && !Observe(index, -1)) return Status::kStopped;
    return Status::kOk;
  }

  // The logits vector, bitmask-decoded (docs/architecture.md section 5).
  Status ReadLogits() {
    uint32_t values[kMaxLabels / 4 + 8] = {};
    uint32_t mask = 0;
    const uint32_t words = lanes_ / 4;
    if (!hal_.ReadMemory(regs::kMemUabValBase + job_.logits_vector * lanes_, values, words) ||
        !hal_.ReadMemory(regs::kMemUabMaskBase + 4 * job_.logits_vector, &mask, 1)) {
      return Status::kBusError;
    }
    uint32_t next = 0;  // packed nonzero codes, in lane order
    for (uint32_t lane = 0; lane < lanes_; ++lane) {
      uint8_t code = 0;
      if ((mask >> lane) & 1u) {
        code = static_cast<uint8_t>(values[next / 4] >> (8 * (next % 4)));
        ++next;
      }
      if (lane < static_cast<uint32_t>(job_.labels)) report_.logit_codes[lane] = code;
    }
    return Status::kOk;
  }

  uint64_t Counter(uint32_t low_offset) {
    const uint32_t low = hal_.ReadRegister(low_offset);  // latches the high word
    return (uint64_t{hal_.ReadRegister(low_offset + 4)} << 32) | low;
  }

  void ReadPerf() {
    report_.perf.busy_cycles = Counter(regs::kPerfBusyCyclesOffset(0));
    report_.perf.mac_cycles = Counter(regs::kPerfMacCyclesOffset(0));
    report_.perf.vmacs = Counter(regs::kPerfVmacsOffset(0));
    report_.perf.vmacs_skipped = Counter(regs::kPerfVmacsSkippedOffset(0));
    report_.perf.stall_cycles = Counter(regs::kPerfStallCyclesOffset(0));
    report_.perf.saturations = Counter(regs::kPerfSaturationsOffset(0));
  }

  static constexpr size_t kChunkWords = 64;

  Hal& hal_;
  const Job& job_;
  Report report_;
  uint32_t depth_ = 0, lanes_ = 0, seq0_ = 0, pushed_ = 0;
  bool exited_ = false;
};

}  // namespace

uint32_t QueueDepth(Hal& hal) {
  return regs::Get(regs::hwcfg0::kCmdqDepth, hal.ReadRegister(regs::kHwcfg0Offset));
}

uint32_t Lanes(Hal& hal) {
  return regs::Get(regs::hwcfg0::kLanes, hal.ReadRegister(regs::kHwcfg0Offset));
}

Report RunInference(Hal& hal, const Job& job) { return Runner(hal, job).Run(); }

}  // namespace edgebert::firmware
