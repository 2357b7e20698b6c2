// Drives one Verilated command unit (the PU, or a global-buffer unit): clock and reset, one
// command with a watchdog, and the memories behind whichever of these ports the unit has
// (golden::VectorMemory / AuxMemory, one-cycle read latency):
//   a_rd_*  UAB read                     b_rd_*  WSRAM (or UAB when b_rd_uab_o) read
//   aux_rd_* aux word read               aux_wr_* aux word write
//   c_wr_*  UAB write                    perf_*  per-cycle events
//   reram_rd_* ReRAM store read, served from a golden::ReramStore (ServeReram) with
//              rtl/gb/reram_store.sv's timing: variable latency, one read in flight
// It records when each UAB vector was written, so a mismatch can name the cycle, and every ReRAM
// word a command read.
#pragma once

#include <cstdint>
#include <stdexcept>
#include <unordered_map>
#include <vector>

#include "golden/matmul_command.h"
#include "golden/reram.h"
#include "golden/vector_memory.h"
#include "harness/cmd_port.h"
#include "harness/pu_run.h"
#include "harness/rtl_assert.h"
#include "harness/unit_ports.h"
#include "harness/wide_port.h"

namespace edgebert::sim {

template <typename Model>
class UnitHarness {
 public:
  UnitHarness(int lanes, golden::VectorMemory& uab, golden::VectorMemory& wsram,
              golden::AuxMemory& aux)
      : lanes_(lanes), uab_(uab), wsram_(wsram), aux_(aux) {
    model_.clk_i = 0;
    model_.rst_ni = 0;
    SetCommandValid(model_, false);
    if constexpr (requires { model_.reram_rd_en_o; }) PresentReram();
    model_.eval();
    Tick();
    model_.rst_ni = 1;
    model_.eval();
  }

  // Runs one command to completion, or until max_cycles pass (then timed_out is set).
  PuRun Run(const golden::Descriptor& words, uint64_t max_cycles) {
    PuRun run;
    perf_ = {};
    reram_.reads.clear();
    reram_.out_of_range = 0;
    PutCommand(model_, words);
    SetCommandValid(model_, true);
    model_.eval();
    if (!GetResponse(model_).ready) throw std::logic_error("unit not ready for a command");
    Tick();
    SetCommandValid(model_, false);
    model_.eval();
    for (run.cycles = 1; run.cycles <= max_cycles; ++run.cycles) {
      if (const CommandResponse response = GetResponse(model_); response.done) {
        run.error = static_cast<regs::ErrCode>(response.err ? response.err_code : 0);
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

  // Serves the unit's ReRAM read port (units that have one) from `store` as rtl/gb/reram_store.sv
  // does: a request is accepted when rd_en && rd_ready, rd_valid rises `latency` cycles later for
  // a word of the SLC region (`value_latency` for the value region; 0: the same) with
  // store->Read(word, mode, fault_en, seed), and rd_ready is low in between except in the
  // response cycle. A word at or above store->words() answers 0 with rd_err and is counted in
  // reram_out_of_range(). A request with no store served throws std::logic_error.
  void ServeReram(const golden::ReramStore* store, golden::CellMode mode, bool fault_en,
                  uint32_t seed, int latency, int value_latency = 0) {
    if (latency < 1 || value_latency < 0) throw std::invalid_argument("ReRAM latency below 1");
    reram_.store = store;
    reram_.mode = mode;
    reram_.fault_en = fault_en;
    reram_.seed = seed;
    reram_.latency = latency;
    reram_.value_latency = value_latency == 0 ? latency : value_latency;
  }
  // The ReRAM words the last command read, in order, and how many of them were out of range.
  const std::vector<uint32_t>& reram_reads() const { return reram_.reads; }
  uint64_t reram_out_of_range() const { return reram_.out_of_range; }

 private:
  struct Read {
    bool enabled = false;
    bool from_uab = true;
    uint32_t address = 0;
  };

  // The ReRAM read port's state (reram_store's read pipeline).
  struct ReramPort {
    const golden::ReramStore* store = nullptr;
    golden::CellMode mode = golden::CellMode::kMlc2;
    bool fault_en = false;
    uint32_t seed = 1;
    int latency = 1, value_latency = 1;
    bool busy = false;  // a read in flight
    int countdown = 0;  // cycles until its response
    uint32_t data = 0;
    bool error = false;
    std::vector<uint32_t> reads;
    uint64_t out_of_range = 0;
  };

  bool ReramResponding() const { return reram_.busy && reram_.countdown == 0; }

  // Drives the port's inputs for the current cycle from its state.
  void PresentReram() {
    if constexpr (requires { model_.reram_rd_en_o; }) {
      const bool valid = ReramResponding();
      model_.reram_rd_valid_i = valid;
      model_.reram_rd_data_i = valid && !reram_.error ? reram_.data : 0;
      model_.reram_rd_err_i = valid && reram_.error;
      model_.reram_rd_ready_i = !reram_.busy || valid;
    }
  }

  // At a clock edge: the response cycle ends, or the read in flight ages; then a request accepted
  // in the cycle before the edge starts.
  void ClockReram(bool accept, uint32_t word) {
    if (ReramResponding()) {
      reram_.busy = false;
    } else if (reram_.busy) {
      --reram_.countdown;
    }
    if (!accept) return;
    if (reram_.store == nullptr) throw std::logic_error("ReRAM read with no store served");
    const golden::ReramStore& store = *reram_.store;
    reram_.reads.push_back(word);
    reram_.busy = true;
    reram_.countdown = (word < store.value_base_word() ? reram_.latency : reram_.value_latency) - 1;
    reram_.error = word >= store.words();
    if (reram_.error) {
      ++reram_.out_of_range;
      reram_.data = 0;
    } else {
      reram_.data = store.Read(word, reram_.mode, reram_.fault_en, reram_.seed);
    }
  }

  // One clock cycle. Requests visible now are served: writes land at the edge, read data is
  // presented for the next cycle.
  void Tick() {
    SamplePerf();
    Read a, b, aux;
    if constexpr (requires { model_.a_rd_req_o; }) a = ReadOf(model_.a_rd_req_o, true);
    if constexpr (requires { model_.b_rd_req_o; }) {
      b = ReadOf(model_.b_rd_req_o, false);
      if constexpr (requires { model_.b_rd_uab_o; }) b.from_uab = model_.b_rd_uab_o != 0;
    }
    if constexpr (requires { model_.aux_rd_req_o; }) aux = ReadOf(model_.aux_rd_req_o, false);
    Read reram;
    if constexpr (requires { model_.reram_rd_en_o; }) {
      reram = {model_.reram_rd_en_o != 0 && model_.reram_rd_ready_i != 0, false,
               model_.reram_rd_addr_o};
    }
    if constexpr (requires { model_.c_wr_req_o; }) {
      const VectorWrite c = GetVectorWrite(model_.c_wr_req_o, lanes_);
      if (c.enabled) {
        uab_.Write(c.address, c.mask, c.slot);
        write_cycle_[c.address] = cycle_;
      }
    }
    if constexpr (requires { model_.aux_wr_req_o; }) {
      if (const AuxWrite w = GetAuxWrite(model_.aux_wr_req_o); w.enabled) {
        const uint8_t bytes[4] = {static_cast<uint8_t>(w.word), static_cast<uint8_t>(w.word >> 8),
                                  static_cast<uint8_t>(w.word >> 16),
                                  static_cast<uint8_t>(w.word >> 24)};
        aux_.WriteBytes(4 * w.address, bytes);
      }
    }

    model_.clk_i = 1;
    model_.eval();
    CheckRtlAssertions(cycle_);
    ++cycle_;
    if constexpr (requires { model_.a_rd_req_o; }) {
      if (a.enabled) Serve(uab_, a.address, model_.a_rd_rsp_i);
    }
    if constexpr (requires { model_.b_rd_req_o; }) {
      if (b.enabled) Serve(b.from_uab ? uab_ : wsram_, b.address, model_.b_rd_rsp_i);
    }
    if constexpr (requires { model_.aux_rd_req_o; }) {
      if (aux.enabled) model_.aux_rd_data_i = aux_.ReadWord(4 * aux.address);
    }
    if constexpr (requires { model_.reram_rd_en_o; }) {
      ClockReram(reram.enabled, reram.address);
      PresentReram();
    }
    model_.clk_i = 0;
    model_.eval();
  }

  template <typename Port>
  static Read ReadOf(const Port& request, bool from_uab) {
    const PortRequest r = GetReadRequest(request);
    return {r.enabled, from_uab, r.address};
  }

  template <typename Port>
  void Serve(const golden::VectorMemory& memory, uint32_t vector, Port& response) {
    PutVector(response, lanes_, memory.mask(vector), memory.slot(vector));
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
  ReramPort reram_;
  uint64_t cycle_ = 0;
  std::unordered_map<uint32_t, uint64_t> write_cycle_;
};

}  // namespace edgebert::sim
