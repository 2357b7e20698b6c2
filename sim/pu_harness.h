// Drives a Verilated PU (rtl/pu/pu.sv): clock and reset, a command with a watchdog, and the
// memories behind its ports (golden::VectorMemory / AuxMemory, one-cycle read latency).
// The harness serves whatever the RTL asks for and records when each C vector was written, so
// a mismatch can name the cycle.
#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>
#include <unordered_map>

#include "golden/matmul_command.h"
#include "golden/vector_memory.h"
#include "pu_run.h"
#include "regmap/edgebert_regs.h"
#include "wide_port.h"

namespace edgebert::sim {

template <typename Model>
class PuHarness {
 public:
  PuHarness(int lanes, golden::VectorMemory& uab, golden::VectorMemory& wsram,
            golden::AuxMemory& aux)
      : lanes_(lanes), uab_(uab), wsram_(wsram), aux_(aux) {
    model_.clk_i = 0;
    model_.rst_ni = 0;
    model_.cmd_valid_i = 0;
    model_.eval();
    Tick();
    model_.rst_ni = 1;
    model_.eval();
  }

  // Runs one command to completion, or until max_cycles pass (then timed_out is set).
  PuRun Run(const golden::Descriptor& words, uint64_t max_cycles) {
    PuRun run;
    perf_ = {};
    PutWords(model_.cmd_i, words);
    model_.cmd_valid_i = 1;
    model_.eval();
    if (!model_.cmd_ready_o) throw std::logic_error("PU not ready for a command");
    Tick();
    model_.cmd_valid_i = 0;
    model_.eval();
    for (run.cycles = 1; run.cycles <= max_cycles; ++run.cycles) {
      if (model_.done_o) {
        run.error = static_cast<regs::ErrCode>(model_.err_o ? model_.err_code_o : 0);
        SamplePerf();
        run.perf = perf_;
        Tick();  // leave the done state
        perf_ = {};
        return run;
      }
      Tick();
    }
    run.timed_out = true;
    return run;
  }

  // Cycle (counted from reset) of the last write to a UAB vector; -1 if never written.
  int64_t LastWriteCycle(uint32_t vector) const {
    const auto it = write_cycle_.find(vector);
    return it == write_cycle_.end() ? -1 : static_cast<int64_t>(it->second);
  }
  uint64_t cycle() const { return cycle_; }

 private:
  // One clock cycle. Requests visible now are served: writes land at the edge, read data is
  // presented for the next cycle.
  void Tick() {
    SamplePerf();
    const bool a_rd = model_.a_rd_en_o;
    const uint32_t a_addr = model_.a_rd_addr_o;
    const bool b_rd = model_.b_rd_en_o;
    const bool b_uab = model_.b_rd_uab_o;
    const uint32_t b_addr = model_.b_rd_addr_o;
    const bool aux_rd = model_.aux_rd_en_o;
    const uint32_t aux_addr = model_.aux_rd_addr_o;
    if (model_.c_wr_en_o) WriteC();

    model_.clk_i = 1;
    model_.eval();
    ++cycle_;
    if (a_rd) Serve(uab_, a_addr, model_.a_rd_mask_i, model_.a_rd_data_i);
    if (b_rd) Serve(b_uab ? uab_ : wsram_, b_addr, model_.b_rd_mask_i, model_.b_rd_data_i);
    if (aux_rd) model_.aux_rd_data_i = aux_.ReadWord(4 * aux_addr);
    model_.clk_i = 0;
    model_.eval();
  }

  template <typename MaskPort, typename DataPort>
  void Serve(const golden::VectorMemory& memory, uint32_t vector, MaskPort& mask, DataPort& data) {
    mask = static_cast<MaskPort>(memory.mask(vector));
    PutBytes(data, memory.slot(vector));
  }

  void WriteC() {
    const uint32_t vector = model_.c_wr_addr_o;
    std::vector<uint8_t> slot(static_cast<size_t>(lanes_));
    for (size_t i = 0; i < slot.size(); ++i) slot[i] = GetByte(model_.c_wr_data_o, i);
    uab_.Write(vector, static_cast<uint32_t>(model_.c_wr_mask_o), slot);
    write_cycle_[vector] = cycle_;
  }

  void SamplePerf() {
    perf_.busy_cycles += model_.perf_busy_o;
    perf_.mac_cycles += model_.perf_mac_o;
    perf_.vmacs += model_.perf_vmacs_o;
    perf_.vmacs_skipped += model_.perf_vmacs_skipped_o;
    perf_.stall_cycles += model_.perf_stall_o;
    perf_.saturations += model_.perf_saturations_o;
  }

  Model model_;
  int lanes_;
  golden::VectorMemory& uab_;
  golden::VectorMemory& wsram_;
  golden::AuxMemory& aux_;
  PuPerf perf_;
  uint64_t cycle_ = 0;
  std::unordered_map<uint32_t, uint64_t> write_cycle_;
};

}  // namespace edgebert::sim
