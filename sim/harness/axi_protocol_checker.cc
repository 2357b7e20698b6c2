#include "harness/axi_protocol_checker.h"

#include <algorithm>
#include <stdexcept>
#include <utility>

#include "util/hex.h"

namespace edgebert::sim {
namespace {

using R = AxiRule;
using util::Hex;

// Names as in ARM's AXI4 protocol assertions; the texts are ours.
constexpr AxiRuleInfo kRules[] = {
    {R::kErrmAwaddrBoundary, "AXI4_ERRM_AWADDR_BOUNDARY", "a write burst must not cross 4 KiB"},
    {R::kErrmAwaddrWrapAlign, "AXI4_ERRM_AWADDR_WRAP_ALIGN",
     "a WRAP write starts at an address aligned to its transfer size"},
    {R::kErrmAwburst, "AXI4_ERRM_AWBURST", "AWBURST 2'b11 is reserved"},
    {R::kErrmAwlenWrap, "AXI4_ERRM_AWLEN_WRAP", "a WRAP write has 2, 4, 8 or 16 beats"},
    {R::kErrmAwlenFixed, "AXI4_ERRM_AWLEN_FIXED", "a FIXED write has at most 16 beats"},
    {R::kErrmAwsize, "AXI4_ERRM_AWSIZE", "AWSIZE must not exceed the data bus width"},
    {R::kErrmAwvalidReset, "AXI4_ERRM_AWVALID_RESET",
     "AWVALID is low at the first edge after reset"},
    {R::kErrmAwidStable, "AXI4_ERRM_AWID_STABLE", "AWID holds while AWVALID waits for AWREADY"},
    {R::kErrmAwaddrStable, "AXI4_ERRM_AWADDR_STABLE",
     "AWADDR holds while AWVALID waits for AWREADY"},
    {R::kErrmAwlenStable, "AXI4_ERRM_AWLEN_STABLE", "AWLEN holds while AWVALID waits for AWREADY"},
    {R::kErrmAwsizeStable, "AXI4_ERRM_AWSIZE_STABLE",
     "AWSIZE holds while AWVALID waits for AWREADY"},
    {R::kErrmAwburstStable, "AXI4_ERRM_AWBURST_STABLE",
     "AWBURST holds while AWVALID waits for AWREADY"},
    {R::kErrmAwvalidStable, "AXI4_ERRM_AWVALID_STABLE", "AWVALID stays high until AWREADY"},
    {R::kErrmWdataNum, "AXI4_ERRM_WDATA_NUM",
     "a write burst has exactly AWLEN + 1 data beats, WLAST on the last"},
    {R::kErrmWstrb, "AXI4_ERRM_WSTRB",
     "write strobes only on the byte lanes of the beat's address and size"},
    {R::kErrmWvalidReset, "AXI4_ERRM_WVALID_RESET", "WVALID is low at the first edge after reset"},
    {R::kErrmWdataStable, "AXI4_ERRM_WDATA_STABLE", "WDATA holds while WVALID waits for WREADY"},
    {R::kErrmWstrbStable, "AXI4_ERRM_WSTRB_STABLE", "WSTRB holds while WVALID waits for WREADY"},
    {R::kErrmWlastStable, "AXI4_ERRM_WLAST_STABLE", "WLAST holds while WVALID waits for WREADY"},
    {R::kErrmWvalidStable, "AXI4_ERRM_WVALID_STABLE", "WVALID stays high until WREADY"},
    {R::kErrsBrespWlast, "AXI4_ERRS_BRESP_WLAST",
     "a write response comes after the burst's last data beat"},
    {R::kErrsBrespAw, "AXI4_ERRS_BRESP_AW",
     "a write response has the ID of an accepted write address"},
    {R::kErrsBrespAllDoneEos, "AXI4_ERRS_BRESP_ALL_DONE_EOS",
     "every write address gets its response by the end"},
    {R::kErrsBrespExokay, "AXI4_ERRS_BRESP_EXOKAY",
     "EXOKAY only answers an exclusive write (this port has none)"},
    {R::kErrsBvalidReset, "AXI4_ERRS_BVALID_RESET", "BVALID is low at the first edge after reset"},
    {R::kErrsBidStable, "AXI4_ERRS_BID_STABLE", "BID holds while BVALID waits for BREADY"},
    {R::kErrsBrespStable, "AXI4_ERRS_BRESP_STABLE", "BRESP holds while BVALID waits for BREADY"},
    {R::kErrsBvalidStable, "AXI4_ERRS_BVALID_STABLE", "BVALID stays high until BREADY"},
    {R::kErrmAraddrBoundary, "AXI4_ERRM_ARADDR_BOUNDARY", "a read burst must not cross 4 KiB"},
    {R::kErrmAraddrWrapAlign, "AXI4_ERRM_ARADDR_WRAP_ALIGN",
     "a WRAP read starts at an address aligned to its transfer size"},
    {R::kErrmArburst, "AXI4_ERRM_ARBURST", "ARBURST 2'b11 is reserved"},
    {R::kErrmArlenWrap, "AXI4_ERRM_ARLEN_WRAP", "a WRAP read has 2, 4, 8 or 16 beats"},
    {R::kErrmArlenFixed, "AXI4_ERRM_ARLEN_FIXED", "a FIXED read has at most 16 beats"},
    {R::kErrmArsize, "AXI4_ERRM_ARSIZE", "ARSIZE must not exceed the data bus width"},
    {R::kErrmArvalidReset, "AXI4_ERRM_ARVALID_RESET",
     "ARVALID is low at the first edge after reset"},
    {R::kErrmAridStable, "AXI4_ERRM_ARID_STABLE", "ARID holds while ARVALID waits for ARREADY"},
    {R::kErrmAraddrStable, "AXI4_ERRM_ARADDR_STABLE",
     "ARADDR holds while ARVALID waits for ARREADY"},
    {R::kErrmArlenStable, "AXI4_ERRM_ARLEN_STABLE", "ARLEN holds while ARVALID waits for ARREADY"},
    {R::kErrmArsizeStable, "AXI4_ERRM_ARSIZE_STABLE",
     "ARSIZE holds while ARVALID waits for ARREADY"},
    {R::kErrmArburstStable, "AXI4_ERRM_ARBURST_STABLE",
     "ARBURST holds while ARVALID waits for ARREADY"},
    {R::kErrmArvalidStable, "AXI4_ERRM_ARVALID_STABLE", "ARVALID stays high until ARREADY"},
    {R::kErrsRdataNum, "AXI4_ERRS_RDATA_NUM",
     "a read burst has exactly ARLEN + 1 data beats, RLAST on the last"},
    {R::kErrsRlastAllDoneEos, "AXI4_ERRS_RLAST_ALL_DONE_EOS",
     "every read address gets all its data by the end"},
    {R::kErrsRid, "AXI4_ERRS_RID", "read data has the ID of an accepted, unfinished read address"},
    {R::kErrsRrespExokay, "AXI4_ERRS_RRESP_EXOKAY",
     "EXOKAY only answers an exclusive read (this port has none)"},
    {R::kErrsRvalidReset, "AXI4_ERRS_RVALID_RESET", "RVALID is low at the first edge after reset"},
    {R::kErrsRdataStable, "AXI4_ERRS_RDATA_STABLE", "RDATA holds while RVALID waits for RREADY"},
    {R::kErrsRidStable, "AXI4_ERRS_RID_STABLE", "RID holds while RVALID waits for RREADY"},
    {R::kErrsRlastStable, "AXI4_ERRS_RLAST_STABLE", "RLAST holds while RVALID waits for RREADY"},
    {R::kErrsRrespStable, "AXI4_ERRS_RRESP_STABLE", "RRESP holds while RVALID waits for RREADY"},
    {R::kErrsRvalidStable, "AXI4_ERRS_RVALID_STABLE", "RVALID stays high until RREADY"},
    {R::kRecsAwreadyMaxWait, "AXI4_RECS_AWREADY_MAX_WAIT",
     "AWREADY within max_wait_cycles of AWVALID"},
    {R::kRecsWreadyMaxWait, "AXI4_RECS_WREADY_MAX_WAIT", "WREADY within max_wait_cycles of WVALID"},
    {R::kRecmBreadyMaxWait, "AXI4_RECM_BREADY_MAX_WAIT", "BREADY within max_wait_cycles of BVALID"},
    {R::kRecsArreadyMaxWait, "AXI4_RECS_ARREADY_MAX_WAIT",
     "ARREADY within max_wait_cycles of ARVALID"},
    {R::kRecmRreadyMaxWait, "AXI4_RECM_RREADY_MAX_WAIT", "RREADY within max_wait_cycles of RVALID"},
};
static_assert(std::size(kRules) == static_cast<size_t>(AxiRule::kCount));
constexpr bool RulesInOrder() {
  for (size_t i = 0; i < std::size(kRules); ++i) {
    if (static_cast<size_t>(kRules[i].rule) != i) return false;
  }
  return true;
}
static_assert(RulesInOrder(), "kRules must list AxiRule in declaration order");

// Whether every channel that waited at the last edge (valid, not ready) still shows the same
// values.
bool Holds(const AxiBusCycle& p, const AxiBusCycle& b) {
  if (p.m.aw.valid && !p.s.aw_ready && !(p.m.aw == b.m.aw)) return false;
  if (p.m.ar.valid && !p.s.ar_ready && !(p.m.ar == b.m.ar)) return false;
  if (p.m.w_valid && !p.s.w_ready &&
      !(b.m.w_valid && p.m.w_data == b.m.w_data && p.m.w_strb == b.m.w_strb &&
        p.m.w_last == b.m.w_last)) {
    return false;
  }
  if (p.s.b_valid && !p.m.b_ready &&
      !(b.s.b_valid && p.s.b_id == b.s.b_id && p.s.b_resp == b.s.b_resp)) {
    return false;
  }
  return !(p.s.r_valid && !p.m.r_ready) ||
         (b.s.r_valid && p.s.r_id == b.s.r_id && p.s.r_data == b.s.r_data &&
          p.s.r_last == b.s.r_last && p.s.r_resp == b.s.r_resp);
}

bool AnyValid(const AxiBusCycle& bus) {
  return bus.m.aw.valid || bus.m.w_valid || bus.m.ar.valid || bus.s.b_valid || bus.s.r_valid;
}

}  // namespace

std::string DescribeAxiAddress(const AxiAddressChannel& a) {
  return "id " + std::to_string(a.id) + " addr " + Hex(a.addr) + " len " + std::to_string(a.len) +
         " size " + std::to_string(a.size) + " burst " + std::to_string(a.burst);
}

std::span<const AxiRuleInfo> AxiRules() { return kRules; }

const AxiRuleInfo& DescribeAxiRule(AxiRule rule) {
  if (rule >= AxiRule::kCount) throw std::out_of_range("DescribeAxiRule: no such rule");
  return kRules[static_cast<size_t>(rule)];
}

std::string FormatAxiViolation(const AxiViolation& v) {
  const AxiRuleInfo& info = DescribeAxiRule(v.rule);
  return std::string(info.name) + " at cycle " + std::to_string(v.cycle) + ": " +
         std::string(info.text) + (v.detail.empty() ? "" : " (" + v.detail + ")");
}

AxiProtocolChecker::AxiProtocolChecker(const AxiCheckerOptions& options) : options_(options) {}

uint64_t AxiProtocolChecker::SlaveViolations() const {
  uint64_t n = 0;
  for (const AxiRuleInfo& info : kRules) {
    if (info.name.starts_with("AXI4_ERRS_")) n += Count(info.rule);
  }
  return n;
}

void AxiProtocolChecker::Report(AxiRule rule, uint64_t cycle, std::string detail) {
  ++counts_[static_cast<size_t>(rule)];
  ++total_;
  AxiViolation violation{rule, cycle, std::move(detail)};
  if (violations_.size() < options_.max_kept) violations_.push_back(violation);
  if (on_violation_) on_violation_(violation);
}

void AxiProtocolChecker::Sample(const AxiBusCycle& bus, uint64_t cycle) {
  if (bus.in_reset) {
    writes_.clear();
    reads_.clear();
    early_w_.clear();
    waits_ = {};
    have_prev_ = false;
    after_reset_ = true;
    active_ = true;
    return;
  }
  ++stats_.edges;
  if (after_reset_) {
    CheckAfterReset(bus, cycle);
    after_reset_ = false;
  }
  if (have_prev_) CheckStable(bus, cycle);
  // A request is new unless it continues last edge's unaccepted one (checked once, not per edge).
  const bool aw_new = bus.m.aw.valid && !(have_prev_ && prev_.m.aw.valid && !prev_.s.aw_ready);
  const bool ar_new = bus.m.ar.valid && !(have_prev_ && prev_.m.ar.valid && !prev_.s.ar_ready);
  if (aw_new) CheckAddress(bus.m.aw, true, cycle);
  if (ar_new) CheckAddress(bus.m.ar, false, cycle);
  if (options_.max_wait_cycles != 0) CheckWaits(bus, cycle);

  // Responses first: a response in the same edge as the request or last data it answers came
  // too early.
  if (bus.s.b_valid && bus.m.b_ready) OnWriteResponse(bus.s, cycle);
  if (bus.s.r_valid && bus.m.r_ready) OnReadBeat(bus.s, cycle);
  if (bus.m.aw.valid && bus.s.aw_ready) {
    ++stats_.write_bursts;
    writes_.push_back(WriteBurst{bus.m.aw});
    // W beats that came ahead of their address belong to the oldest burst still short of data.
    size_t used = 0;
    for (WriteBurst& burst : writes_) {
      while (!burst.data_done && used < early_w_.size()) {
        ApplyWriteBeat(burst, early_w_[used].strb, early_w_[used].last, cycle);
        ++used;
      }
    }
    early_w_.erase(early_w_.begin(), early_w_.begin() + static_cast<std::ptrdiff_t>(used));
  }
  if (bus.m.w_valid && bus.s.w_ready) OnWriteBeat(bus.m.w_strb, bus.m.w_last, cycle);
  if (bus.m.ar.valid && bus.s.ar_ready) {
    ++stats_.read_bursts;
    reads_.push_back(ReadBurst{bus.m.ar});
  }

  prev_ = bus;
  have_prev_ = true;
  active_ = AnyValid(bus);
}

void AxiProtocolChecker::CheckAfterReset(const AxiBusCycle& bus, uint64_t cycle) {
  if (bus.m.aw.valid) Report(R::kErrmAwvalidReset, cycle, "");
  if (bus.m.w_valid) Report(R::kErrmWvalidReset, cycle, "");
  if (bus.m.ar.valid) Report(R::kErrmArvalidReset, cycle, "");
  if (bus.s.b_valid) Report(R::kErrsBvalidReset, cycle, "");
  if (bus.s.r_valid) Report(R::kErrsRvalidReset, cycle, "");
}

void AxiProtocolChecker::CheckStable(const AxiBusCycle& bus, uint64_t cycle) {
  const AxiBusCycle& p = prev_;
  if (Holds(p, bus)) return;  // the common case, without building any message
  auto changed = [&](AxiRule rule, uint64_t before, uint64_t now) {
    if (before != now) Report(rule, cycle, Hex(before) + " -> " + Hex(now));
  };
  auto address = [&](const AxiAddressChannel& was, const AxiAddressChannel& is, bool ready,
                     AxiRule valid_rule, AxiRule id, AxiRule addr, AxiRule len, AxiRule size,
                     AxiRule burst) {
    if (!was.valid || ready) return;
    if (!is.valid) {
      Report(valid_rule, cycle, "dropped while waiting: " + DescribeAxiAddress(was));
      return;
    }
    changed(id, was.id, is.id);
    changed(addr, was.addr, is.addr);
    changed(len, was.len, is.len);
    changed(size, was.size, is.size);
    changed(burst, was.burst, is.burst);
  };
  address(p.m.aw, bus.m.aw, p.s.aw_ready, R::kErrmAwvalidStable, R::kErrmAwidStable,
          R::kErrmAwaddrStable, R::kErrmAwlenStable, R::kErrmAwsizeStable, R::kErrmAwburstStable);
  address(p.m.ar, bus.m.ar, p.s.ar_ready, R::kErrmArvalidStable, R::kErrmAridStable,
          R::kErrmAraddrStable, R::kErrmArlenStable, R::kErrmArsizeStable, R::kErrmArburstStable);
  if (p.m.w_valid && !p.s.w_ready) {
    if (!bus.m.w_valid) {
      Report(R::kErrmWvalidStable, cycle, "");
    } else {
      changed(R::kErrmWdataStable, p.m.w_data, bus.m.w_data);
      changed(R::kErrmWstrbStable, p.m.w_strb, bus.m.w_strb);
      changed(R::kErrmWlastStable, p.m.w_last, bus.m.w_last);
    }
  }
  if (p.s.b_valid && !p.m.b_ready) {
    if (!bus.s.b_valid) {
      Report(R::kErrsBvalidStable, cycle, "");
    } else {
      changed(R::kErrsBidStable, p.s.b_id, bus.s.b_id);
      changed(R::kErrsBrespStable, p.s.b_resp, bus.s.b_resp);
    }
  }
  if (p.s.r_valid && !p.m.r_ready) {
    if (!bus.s.r_valid) {
      Report(R::kErrsRvalidStable, cycle, "");
    } else {
      changed(R::kErrsRdataStable, p.s.r_data, bus.s.r_data);
      changed(R::kErrsRidStable, p.s.r_id, bus.s.r_id);
      changed(R::kErrsRlastStable, p.s.r_last, bus.s.r_last);
      changed(R::kErrsRrespStable, p.s.r_resp, bus.s.r_resp);
    }
  }
}

void AxiProtocolChecker::CheckAddress(const AxiAddressChannel& a, bool write, uint64_t cycle) {
  auto report = [&](AxiRule aw_rule, AxiRule ar_rule) {
    Report(write ? aw_rule : ar_rule, cycle, DescribeAxiAddress(a));
  };
  const uint32_t beats = uint32_t{a.len} + 1;
  if (a.burst == 3) report(R::kErrmAwburst, R::kErrmArburst);
  if ((1u << (a.size & 7)) > kAxiDataBytes) {
    report(R::kErrmAwsize, R::kErrmArsize);
    return;  // no byte lanes to reason about
  }
  const uint32_t bytes = 1u << a.size;
  if (a.burst == kAxiBurstWrap) {
    if (beats != 2 && beats != 4 && beats != 8 && beats != 16) {
      report(R::kErrmAwlenWrap, R::kErrmArlenWrap);
    }
    if (a.addr % bytes != 0) report(R::kErrmAwaddrWrapAlign, R::kErrmAraddrWrapAlign);
  } else if (a.burst == kAxiBurstFixed) {
    if (beats > 16) report(R::kErrmAwlenFixed, R::kErrmArlenFixed);
  } else if (a.burst == kAxiBurstIncr) {
    const uint64_t last_byte = uint64_t{a.addr & ~(bytes - 1)} + uint64_t{beats} * bytes - 1;
    if ((last_byte >> 12) != (a.addr >> 12)) {
      report(R::kErrmAwaddrBoundary, R::kErrmAraddrBoundary);
    }
  }
}

void AxiProtocolChecker::CheckWaits(const AxiBusCycle& bus, uint64_t cycle) {
  const bool waiting[5] = {bus.m.aw.valid && !bus.s.aw_ready, bus.m.w_valid && !bus.s.w_ready,
                           bus.s.b_valid && !bus.m.b_ready, bus.m.ar.valid && !bus.s.ar_ready,
                           bus.s.r_valid && !bus.m.r_ready};
  constexpr AxiRule kRulesByChannel[5] = {R::kRecsAwreadyMaxWait, R::kRecsWreadyMaxWait,
                                          R::kRecmBreadyMaxWait, R::kRecsArreadyMaxWait,
                                          R::kRecmRreadyMaxWait};
  for (size_t c = 0; c < 5; ++c) {
    waits_[c] = waiting[c] ? waits_[c] + 1 : 0;
    if (waits_[c] == options_.max_wait_cycles + 1) {
      Report(kRulesByChannel[c], cycle, std::to_string(waits_[c]) + " cycles");
    }
  }
}

void AxiProtocolChecker::OnWriteResponse(const AxiSlaveSignals& s, uint64_t cycle) {
  ++stats_.write_responses;
  if (s.b_resp == kAxiRespExOkay) Report(R::kErrsBrespExokay, cycle, "BID " + Hex(s.b_id));
  const auto it = std::find_if(writes_.begin(), writes_.end(),
                               [&](const WriteBurst& w) { return w.aw.id == s.b_id; });
  if (it == writes_.end()) {
    Report(R::kErrsBrespAw, cycle, "BID " + std::to_string(s.b_id) + " has no open write");
    return;
  }
  if (!it->data_done) {
    Report(R::kErrsBrespWlast, cycle,
           DescribeAxiAddress(it->aw) + ": " + std::to_string(it->beats) + " data beats so far");
  }
  writes_.erase(it);
}

void AxiProtocolChecker::OnReadBeat(const AxiSlaveSignals& s, uint64_t cycle) {
  ++stats_.read_beats;
  if (s.r_resp == kAxiRespExOkay) Report(R::kErrsRrespExokay, cycle, "RID " + Hex(s.r_id));
  const auto it = std::find_if(reads_.begin(), reads_.end(),
                               [&](const ReadBurst& r) { return r.ar.id == s.r_id; });
  if (it == reads_.end()) {
    Report(R::kErrsRid, cycle, "RID " + std::to_string(s.r_id) + " has no open read");
    return;
  }
  const uint32_t beat = ++it->beats;
  const uint32_t beats = uint32_t{it->ar.len} + 1;
  if (s.r_last != (beat == beats)) {
    Report(R::kErrsRdataNum, cycle,
           DescribeAxiAddress(it->ar) + ": RLAST " + (s.r_last ? "high" : "low") + " on beat " +
               std::to_string(beat) + " of " + std::to_string(beats));
  }
  if (s.r_last || beat == beats) reads_.erase(it);
}

void AxiProtocolChecker::OnWriteBeat(uint8_t strb, bool last, uint64_t cycle) {
  ++stats_.write_beats;
  for (WriteBurst& burst : writes_) {
    if (!burst.data_done) {
      ApplyWriteBeat(burst, strb, last, cycle);
      return;
    }
  }
  early_w_.push_back(EarlyBeat{strb, last});
}

void AxiProtocolChecker::ApplyWriteBeat(WriteBurst& burst, uint8_t strb, bool last,
                                        uint64_t cycle) {
  const uint32_t beat = burst.beats++;
  const uint32_t beats = uint32_t{burst.aw.len} + 1;
  const uint8_t lanes = AxiBeatLanes(burst.aw, beat);
  if ((1u << (burst.aw.size & 7)) <= kAxiDataBytes && (strb & ~lanes) != 0) {
    Report(R::kErrmWstrb, cycle,
           DescribeAxiAddress(burst.aw) + ": beat " + std::to_string(beat + 1) + " strobes " +
               Hex(strb) + " outside lanes " + Hex(lanes));
  }
  const bool final_beat = beat + 1 == beats;
  if (last != final_beat) {
    Report(R::kErrmWdataNum, cycle,
           DescribeAxiAddress(burst.aw) + ": WLAST " + (last ? "high" : "low") + " on beat " +
               std::to_string(beat + 1) + " of " + std::to_string(beats));
  }
  if (last || final_beat) burst.data_done = true;
}

void AxiProtocolChecker::Finish(uint64_t cycle) {
  for (const WriteBurst& w : writes_) {
    Report(R::kErrsBrespAllDoneEos, cycle, DescribeAxiAddress(w.aw) + " has no write response");
  }
  for (const ReadBurst& r : reads_) {
    Report(R::kErrsRlastAllDoneEos, cycle,
           DescribeAxiAddress(r.ar) + ": " + std::to_string(r.beats) + " data beats of " +
               std::to_string(uint32_t{r.ar.len} + 1));
  }
  if (!early_w_.empty()) {
    Report(R::kErrmWdataNum, cycle,
           std::to_string(early_w_.size()) + " write data beats without a write address");
  }
  writes_.clear();
  reads_.clear();
  early_w_.clear();
}

}  // namespace edgebert::sim
