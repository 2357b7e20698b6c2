// An AXI4 protocol monitor for the SoC's slave port: it watches both sides at every rising clock
// edge and reports each broken rule under the name ARM's AXI4 protocol assertions give it
// (AXI4_ERRM_*: the master broke it, AXI4_ERRS_*: the slave; AXI4_REC*_*: recommendations, off
// unless asked for). docs/verification.md lists the rules kept and those that do not apply to
// this port (no AxLOCK/AxCACHE/AxPROT/AxQOS/AxREGION/xUSER signals, no exclusive access, and
// Verilator's two-state model has no X). No Verilator headers: the harness feeds it pin values.
#pragma once

#include <array>
#include <cstdint>
#include <deque>
#include <functional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "harness/axi_signals.h"

namespace edgebert::sim {

enum class AxiRule : uint8_t {
  // Write address channel (master).
  kErrmAwaddrBoundary,
  kErrmAwaddrWrapAlign,
  kErrmAwburst,
  kErrmAwlenWrap,
  kErrmAwlenFixed,
  kErrmAwsize,
  kErrmAwvalidReset,
  kErrmAwidStable,
  kErrmAwaddrStable,
  kErrmAwlenStable,
  kErrmAwsizeStable,
  kErrmAwburstStable,
  kErrmAwvalidStable,
  // Write data channel (master).
  kErrmWdataNum,
  kErrmWstrb,
  kErrmWvalidReset,
  kErrmWdataStable,
  kErrmWstrbStable,
  kErrmWlastStable,
  kErrmWvalidStable,
  // Write response channel (slave).
  kErrsBrespWlast,
  kErrsBrespAw,
  kErrsBrespAllDoneEos,
  kErrsBrespExokay,
  kErrsBvalidReset,
  kErrsBidStable,
  kErrsBrespStable,
  kErrsBvalidStable,
  // Read address channel (master).
  kErrmAraddrBoundary,
  kErrmAraddrWrapAlign,
  kErrmArburst,
  kErrmArlenWrap,
  kErrmArlenFixed,
  kErrmArsize,
  kErrmArvalidReset,
  kErrmAridStable,
  kErrmAraddrStable,
  kErrmArlenStable,
  kErrmArsizeStable,
  kErrmArburstStable,
  kErrmArvalidStable,
  // Read data channel (slave).
  kErrsRdataNum,
  kErrsRlastAllDoneEos,
  kErrsRid,
  kErrsRrespExokay,
  kErrsRvalidReset,
  kErrsRdataStable,
  kErrsRidStable,
  kErrsRlastStable,
  kErrsRrespStable,
  kErrsRvalidStable,
  // Recommendations: a ready within max_wait_cycles of its valid.
  kRecsAwreadyMaxWait,
  kRecsWreadyMaxWait,
  kRecmBreadyMaxWait,
  kRecsArreadyMaxWait,
  kRecmRreadyMaxWait,
  kCount
};

struct AxiRuleInfo {
  AxiRule rule;
  std::string_view name;  // ARM's assertion name, e.g. "AXI4_ERRS_RLAST_STABLE"
  std::string_view text;  // what the rule requires
};
// Every rule, in AxiRule order.
std::span<const AxiRuleInfo> AxiRules();
const AxiRuleInfo& DescribeAxiRule(AxiRule rule);

struct AxiViolation {
  AxiRule rule;
  uint64_t cycle;      // the clock edge it was seen at (the harness's cycle count)
  std::string detail;  // the values involved
};
// "id 3 addr 0x1000 len 7 size 3 burst 1": a request in messages.
std::string DescribeAxiAddress(const AxiAddressChannel& a);
// "AXI4_ERRS_RLAST_STABLE at cycle 120: <rule text> (<detail>)"
std::string FormatAxiViolation(const AxiViolation& violation);

struct AxiCheckerOptions {
  // The AXI4_REC*_MAX_WAIT recommendations: a ready later than this many cycles after its valid
  // is reported. 0: off (the SoC's slave takes one burst at a time, so an address may wait for
  // a whole 256-beat burst and that is legal).
  uint32_t max_wait_cycles = 0;
  // Violations kept in violations() (all are counted in Count()).
  size_t max_kept = 1000;
};

struct AxiCheckerStats {
  uint64_t edges = 0;  // edges sampled with something on the bus (idle edges are skipped)
  uint64_t write_bursts = 0, read_bursts = 0;  // AW and AR handshakes
  uint64_t write_beats = 0, read_beats = 0;    // W and R handshakes
  uint64_t write_responses = 0;                // B handshakes
};

class AxiProtocolChecker {
 public:
  explicit AxiProtocolChecker(const AxiCheckerOptions& options = {});

  // One rising edge: both sides' values just before it, and its cycle number. An edge in reset
  // forgets every open transaction (a reset ends them all).
  void Sample(const AxiBusCycle& bus, uint64_t cycle);
  // Whether Sample must see an edge: anything valid or in reset now, or at the last edge it saw
  // (the first quiet edge after activity still checks stability and the after-reset rules).
  // Skipping other edges changes no verdict and keeps long idle stretches cheap.
  bool Wants(bool any_valid_or_reset) const { return any_valid_or_reset || active_; }
  // The end-of-simulation rules: every address answered, no write data left without an address.
  void Finish(uint64_t cycle);

  // Called with each violation as it is found (the SoC harness throws from it); may be empty.
  void SetOnViolation(std::function<void(const AxiViolation&)> on_violation) {
    on_violation_ = std::move(on_violation);
  }

  const std::vector<AxiViolation>& violations() const { return violations_; }
  uint64_t Count(AxiRule rule) const { return counts_[static_cast<size_t>(rule)]; }
  uint64_t TotalViolations() const { return total_; }
  // Violations of the slave-side rules (AXI4_ERRS_*), which a correct slave never has.
  uint64_t SlaveViolations() const;
  const AxiCheckerStats& stats() const { return stats_; }
  // Transactions still open: addresses without their last response.
  size_t OpenWrites() const { return writes_.size(); }
  size_t OpenReads() const { return reads_.size(); }

 private:
  struct WriteBurst {
    AxiAddressChannel aw;
    uint32_t beats = 0;
    bool data_done = false;
  };
  struct ReadBurst {
    AxiAddressChannel ar;
    uint32_t beats = 0;
  };
  struct EarlyBeat {
    uint8_t strb;
    bool last;
  };

  void Report(AxiRule rule, uint64_t cycle, std::string detail);
  void CheckAfterReset(const AxiBusCycle& bus, uint64_t cycle);
  void CheckStable(const AxiBusCycle& bus, uint64_t cycle);
  void CheckAddress(const AxiAddressChannel& a, bool write, uint64_t cycle);
  void CheckWaits(const AxiBusCycle& bus, uint64_t cycle);
  void OnWriteResponse(const AxiSlaveSignals& s, uint64_t cycle);
  void OnReadBeat(const AxiSlaveSignals& s, uint64_t cycle);
  void OnWriteBeat(uint8_t strb, bool last, uint64_t cycle);
  void ApplyWriteBeat(WriteBurst& burst, uint8_t strb, bool last, uint64_t cycle);

  AxiCheckerOptions options_;
  std::function<void(const AxiViolation&)> on_violation_;
  AxiBusCycle prev_{};
  bool have_prev_ = false;  // prev_ is an edge out of reset
  bool after_reset_ = false;
  bool active_ = true;               // the last edge sampled had something valid or was in reset
  std::deque<WriteBurst> writes_;    // AW order: W data fills the oldest; B takes its ID's oldest
  std::deque<ReadBurst> reads_;      // AR order: R beats go to their ID's oldest
  std::vector<EarlyBeat> early_w_;   // W beats ahead of their AW
  std::array<uint32_t, 5> waits_{};  // cycles each channel's valid has waited for its ready
  std::vector<AxiViolation> violations_;
  std::array<uint64_t, static_cast<size_t>(AxiRule::kCount)> counts_{};
  uint64_t total_ = 0;
  AxiCheckerStats stats_;
};

}  // namespace edgebert::sim
