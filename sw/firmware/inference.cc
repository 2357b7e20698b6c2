#include "firmware/inference.h"

namespace edgebert::firmware {
namespace {

uint32_t Bit(regs::Field field) { return regs::Set(field, 0, 1); }

Status FromHal(HalStatus s) { return s == HalStatus::kOk ? Status::kOk : Status::kBusError; }

// A 64-bit PERF counter: the low word (which latches the high word), then the high word.
Status ReadCounter(Hal& hal, uint32_t low_offset, uint64_t& value) {
  uint32_t low = 0, high = 0;
  if (const Status s = FromHal(hal.ReadRegister(low_offset, low)); s != Status::kOk) return s;
  if (const Status s = FromHal(hal.ReadRegister(low_offset + 4, high)); s != Status::kOk) return s;
  value = (uint64_t{high} << 32) | low;
  return Status::kOk;
}

struct PerfCounter {
  uint32_t offset;
  uint64_t Perf::*value;
};
// Read by RunInference at the end of a run.
constexpr PerfCounter kPerfCounters[] = {
    {regs::kPerfBusyCyclesOffset(0), &Perf::busy_cycles},
    {regs::kPerfMacCyclesOffset(0), &Perf::mac_cycles},
    {regs::kPerfVmacsOffset(0), &Perf::vmacs},
    {regs::kPerfVmacsSkippedOffset(0), &Perf::vmacs_skipped},
    {regs::kPerfStallCyclesOffset(0), &Perf::stall_cycles},
    {regs::kPerfSaturationsOffset(0), &Perf::saturations},
};
// Read by ReadActivityCounters.
constexpr PerfCounter kActivityCounters[] = {
    {regs::kPerfMacsNonzeroOffset(0), &Perf::macs_nonzero},
    {regs::kPerfWsramReadsOffset(0), &Perf::wsram_reads},
    {regs::kPerfUabReadsOffset(0), &Perf::uab_reads},
    {regs::kPerfUabWritesOffset(0), &Perf::uab_writes},
    {regs::kPerfAuxReadsOffset(0), &Perf::aux_reads},
    {regs::kPerfAuxWritesOffset(0), &Perf::aux_writes},
    {regs::kPerfGbBusyCyclesOffset(0), &Perf::gb_busy_cycles},
    {regs::kPerfReramSlcReadsOffset(0), &Perf::reram_slc_reads},
    {regs::kPerfReramMlc2ReadsOffset(0), &Perf::reram_mlc2_reads},
    {regs::kPerfReramMlc3ReadsOffset(0), &Perf::reram_mlc3_reads},
    {regs::kPerfIdleCyclesOffset(0), &Perf::idle_cycles},
};

template <size_t N>
Status ReadPerf(Hal& hal, const PerfCounter (&counters)[N], Perf& perf) {
  for (const PerfCounter& c : counters) {
    if (const Status s = ReadCounter(hal, c.offset, perf.*c.value); s != Status::kOk) return s;
  }
  return Status::kOk;
}

class Runner {
 public:
  Runner(Hal& hal, const Job& job) : hal_(hal), job_(job) {}

  Report Run() {
    const uint64_t start = hal_.Cycles();
    if (!Valid()) {
      report_.status = Status::kBadJob;
      return report_;
    }
    if (QueueDepth(hal_, depth_) != HalStatus::kOk || Lanes(hal_, lanes_) != HalStatus::kOk) {
      report_.status = Status::kBusError;
      return report_;
    }
    if (depth_ == 0 || lanes_ == 0 || static_cast<uint32_t>(job_.labels) > lanes_) {
      report_.status = Status::kBadJob;
      return report_;
    }
    if (const Status s = Start(); s != Status::kOk) {
      report_.status = s;
      return report_;
    }

    report_.status = WriteAux(job_.inputs);
    for (size_t s = 0; s < job_.stages.size() && report_.status == Status::kOk; ++s) {
      const uint64_t stage_start = hal_.Cycles();
      report_.status = RunStage(static_cast<int>(s));
      report_.stage_cycles[s] = hal_.Cycles() - stage_start;
      report_.stages_run = static_cast<int>(s) + 1;
      if (report_.status != Status::kOk) report_.failed_stage = static_cast<int>(s);
      if (report_.exit_layer >= 0) break;
    }
    // Counted and read even after a failure: they say how far the run got.
    Status end = Completed(report_.commands);
    if (end == Status::kOk) end = ReadPerf(hal_, kPerfCounters, report_.perf);
    if (report_.status == Status::kOk) report_.status = end;
    report_.cycles = hal_.Cycles() - start;
    return report_;
  }

 private:
  bool Valid() const {
    return !job_.stages.empty() && job_.stages.size() <= kMaxLayers + 1 && job_.labels >= 1 &&
           job_.labels <= kMaxLabels;
  }

  Status Read(uint32_t offset, uint32_t& value) {
    return FromHal(hal_.ReadRegister(offset, value));
  }
  Status Write(uint32_t offset, uint32_t value) {
    return FromHal(hal_.WriteRegister(offset, value));
  }

  // Stale causes cleared, every cause enabled, counters zeroed, the sequencer running.
  Status Start() {
    const struct {
      uint32_t offset, value;
    } writes[] = {
        // Stale causes cleared, every cause enabled, counters zeroed, the sequencer running.
        {regs::kIntrStateOffset, regs::intr_state::kW1cMask},
        {regs::kIntrEnableOffset, regs::intr_enable::kWritableMask},
        {regs::kEntropyThresholdOffset, job_.entropy_threshold_q24},
        {regs::kCtrlOffset, Bit(regs::ctrl::kEnable) | Bit(regs::ctrl::kClrPerf)},
    };
    for (const auto& w : writes) {
      if (const Status s = Write(w.offset, w.value); s != Status::kOk) return s;
    }
    return Read(regs::kCmdSeqOffset, seq0_);
  }

  // Commands completed since Start (CMD_SEQ delta).
  Status Completed(uint32_t& count) {
    uint32_t seq = 0;
    const Status s = Read(regs::kCmdSeqOffset, seq);
    count = seq - seq0_;
    return s;
  }

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
        if (hal_.WriteMemory(regs::kMemAuxBase + w.address + static_cast<uint32_t>(offset), words,
                             count) != HalStatus::kOk) {
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
    uint32_t state = 0;
    if (const Status s = Read(regs::kIntrStateOffset, state); s != Status::kOk) return s;
    if (state == 0) return Status::kOk;
    if (regs::Get(regs::intr_state::kError, state)) {
      // Before the clear: clearing ERROR re-arms the capture and resets ERR_CAUSE to NONE.
      uint32_t cause = 0;
      if (const Status s = Read(regs::kErrCauseOffset, cause); s != Status::kOk) return s;
      report_.error_code = regs::Get(regs::err_cause::kCode, cause);
      report_.error_opcode = regs::Get(regs::err_cause::kOpcode, cause);
      if (const Status s = Read(regs::kErrSeqOffset, report_.error_seq); s != Status::kOk) {
        return s;
      }
      if (const Status s = Write(regs::kIntrStateOffset, state); s != Status::kOk) return s;
      return Status::kError;
    }
    if (const Status s = Write(regs::kIntrStateOffset, state); s != Status::kOk) return s;
    if (regs::Get(regs::intr_state::kEarlyExit, state)) exited_ = true;
    return Status::kOk;
  }

  // Until every pushed command completed (or an early exit flushed the rest).
  Status Drain() {
    for (;;) {
      uint32_t done = 0;
      if (const Status s = Completed(done); s != Status::kOk) return s;
      if (done >= pushed_ || exited_) return Status::kOk;
      if (const Status s = Service(); s != Status::kOk) return s;
    }
  }

  Status Push(Command words, bool irq) {
    // The queue holds depth_ commands; an IRQ every half queue keeps it fed without polling.
    for (;;) {
      uint32_t done = 0;
      if (const Status s = Completed(done); s != Status::kOk) return s;
      if (pushed_ - done < depth_) break;
      if (const Status s = Service(); s != Status::kOk) return s;
      if (exited_) return Status::kOk;
    }
    const uint32_t half = depth_ / 2 > 0 ? depth_ / 2 : 1;
    if (irq || (pushed_ + 1) % half == 0) {
      words[regs::cmd::kIrq.word] = regs::Set(regs::cmd::kIrq, words[regs::cmd::kIrq.word], 1);
    }
    for (uint32_t i = 0; i < regs::kCommandWords; ++i) {
      if (const Status s = Write(regs::kCmdDataOffset(i), words[i]); s != Status::kOk) return s;
    }
    if (const Status s = Write(regs::kCmdPushOffset, 1); s != Status::kOk) return s;
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
      uint32_t& entropy = report_.entropies_q24[static_cast<size_t>(report_.entropy_count++)];
      if (const Status s = Read(regs::kEntropyLastOffset, entropy); s != Status::kOk) return s;
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
    if (hal_.ReadMemory(regs::kMemUabValBase + job_.logits_vector * lanes_, values, words) !=
            HalStatus::kOk ||
        hal_.ReadMemory(regs::kMemUabMaskBase + 4 * job_.logits_vector, &mask, 1) !=
            HalStatus::kOk) {
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

  static constexpr size_t kChunkWords = 64;

  Hal& hal_;
  const Job& job_;
  Report report_;
  uint32_t depth_ = 0, lanes_ = 0, seq0_ = 0, pushed_ = 0;
  bool exited_ = false;
};

}  // namespace

HalStatus QueueDepth(Hal& hal, uint32_t& depth) {
  uint32_t hwcfg0 = 0;
  const HalStatus s = hal.ReadRegister(regs::kHwcfg0Offset, hwcfg0);
  depth = regs::Get(regs::hwcfg0::kCmdqDepth, hwcfg0);
  return s;
}

HalStatus Lanes(Hal& hal, uint32_t& lanes) {
  uint32_t hwcfg0 = 0;
  const HalStatus s = hal.ReadRegister(regs::kHwcfg0Offset, hwcfg0);
  lanes = regs::Get(regs::hwcfg0::kLanes, hwcfg0);
  return s;
}

Report RunInference(Hal& hal, const Job& job) { return Runner(hal, job).Run(); }

Status ReadActivityCounters(Hal& hal, Perf& perf) { return ReadPerf(hal, kActivityCounters, perf); }

}  // namespace edgebert::firmware
