// Drives one Verilated command unit (the PU, or a global-buffer unit): clock and reset, one
// command with a watchdog, and the memories behind whichever of these ports the unit has
// (golden::VectorMemory / AuxMemory, one-cycle read latency):
//   a_rd_*  UAB read                     b_rd_*  WSRAM (or UAB when b_rd_uab_o) read
//   aux_rd_* aux word read               aux_wr_* aux word write
//   c_wr_*  UAB write                    perf_*  per-cycle events
// It records when each UAB vector was written, so a mismatch can name the cycle.
#pragma once

#include <cstdint>
#include <stdexcept>
#include <unordered_map>
#include <vector>

#include "golden/matmul_command.h"
#include "golden/vector_memory.h"
#include "pu_run.h"
#include "wide_port.h"

namespace edgebert::sim {

template <typename Model>
class UnitHarness {
 public:
  UnitHarness(int lanes, golden::VectorMemory& uab, golden::VectorMemory& wsram,
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
    if (!model_.cmd_ready_o) throw std::logic_error("unit not ready for a command");
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
  Model& model() { return model_; }

 private:
  struct Read {
    bool enabled = false;
    bool from_uab = true;
    uint32_t address = 0;
  };

  // One clock cycle. Requests visible now are served: writes land at the edge, read data is
  // presented for the next cycle.
  void Tick() {
    SamplePerf();
    Read a, b, aux;
    if constexpr (requires { model_.a_rd_en_o; })
      a = {model_.a_rd_en_o != 0, true, model_.a_rd_addr_o};
    if constexpr (requires { model_.b_rd_en_o; }) {
      b = {model_.b_rd_en_o != 0, false, model_.b_rd_addr_o};
      if constexpr (requires { model_.b_rd_uab_o; }) b.from_uab = model_.b_rd_uab_o != 0;
    }
    if constexpr (requires { model_.aux_rd_en_o; }) {
      aux = {model_.aux_rd_en_o != 0, false, model_.aux_rd_addr_o};
    }
    if constexpr (requires { model_.c_wr_en_o; }) {
      if (model_.c_wr_en_o) WriteC();
    }
    if constexpr (requires { model_.aux_wr_en_o; }) {
      if (model_.aux_wr_en_o) {
        const uint32_t word = model_.aux_wr_data_o;
        const uint8_t bytes[4] = {static_cast<uint8_t>(word), static_cast<uint8_t>(word >> 8),
                                  static_cast<uint8_t>(word >> 16),
                                  static_cast<uint8_t>(word >> 24)};
        aux_.WriteBytes(4 * model_.aux_wr_addr_o, bytes);
      }
    }

    model_.clk_i = 1;
    model_.eval();
    ++cycle_;
    if constexpr (requires { model_.a_rd_en_o; }) {
      if (a.enabled) Serve(uab_, a.address, model_.a_rd_mask_i, model_.a_rd_data_i);
    }
    if constexpr (requires { model_.b_rd_en_o; }) {
      if (b.enabled) {
        Serve(b.from_uab ? uab_ : wsram_, b.address, model_.b_rd_mask_i, model_.b_rd_data_i);
      }
    }
    if constexpr (requires { model_.aux_rd_en_o; }) {
      if (aux.enabled) model_.aux_rd_data_i = aux_.ReadWord(4 * aux.address);
    }
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
    if constexpr (requires { model_.perf_busy_o; }) perf_.busy_cycles += model_.perf_busy_o;
    if constexpr (requires { model_.perf_mac_o; }) perf_.mac_cycles += model_.perf_mac_o;
    if constexpr (requires { model_.perf_vmacs_o; }) perf_.vmacs += model_.perf_vmacs_o;
    if constexpr (requires { model_.perf_vmacs_skipped_o; }) {
      perf_.vmacs_skipped += model_.perf_vmacs_skipped_o;
    }
    if constexpr (requires { model_.perf_stall_o; }) perf_.stall_cycles += model_.perf_stall_o;
    if constexpr (requires { model_.perf_saturations_o; }) {
      perf_.saturations += model_.perf_saturations_o;
    }
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
