// A constrained-random AXI4 master for the SoC's slave port, with a reference-memory scoreboard.
//
// It drives the five channels pin by pin (SocTransport::Cycle): several bursts outstanding in
// each direction with random IDs (IDs reused, so per-ID ordering matters), INCR, FIXED and WRAP
// bursts of every legal length and size, narrow and unaligned transfers, sparse write strobes,
// write data ahead of its address, and random VALID delays and READY on all five channels. A
// share of requests is refused by the slave by design (unmapped or unbacked addresses, CSR
// bursts, partial CSR strobes, FIXED/WRAP bursts this slave does not implement) and a share
// breaks the protocol on purpose (4 KiB crossings, WRAP lengths and alignment, long FIXED
// bursts, the reserved burst type, AxSIZE wider than the bus); the protocol checker must report
// exactly those, on the master's side, and the slave must still answer every beat.
//
// Scoreboard: every request is applied to a GoldenSoc (the transaction-level SoC) as the word
// accesses docs/architecture.md section 15 says the slave makes, which predicts each beat's
// response and each read byte. Requests whose bytes overlap an outstanding write (or a write
// overlapping an outstanding read) wait for it, so the prediction holds for any legal
// interleaving the slave chooses. A mismatch names the transaction, beat and byte lanes.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "golden/accelerator.h"
#include "harness/axi_protocol_checker.h"
#include "harness/soc_sim.h"
#include "tlm/golden_soc.h"

namespace edgebert::sim {

struct AxiRandomOptions {
  uint64_t seed = 1;
  uint32_t transactions = 300;      // bursts issued, reads and writes
  uint32_t max_outstanding = 4;     // per direction
  uint32_t error_percent = 10;      // legal requests the slave refuses (DECERR / SLVERR)
  uint32_t illegal_percent = 5;     // requests that break an AXI4_ERRM rule on purpose
  uint64_t stall_cycles = 200'000;  // cycles without a handshake before the run counts as hung
};

struct AxiRandomReport {
  uint64_t transactions = 0, writes = 0, reads = 0;
  uint64_t write_beats = 0, read_beats = 0;
  uint64_t nonzero_read_beats = 0;  // OKAY read beats whose expected bytes are not all zero
  uint64_t incr = 0, fixed = 0, wrap = 0, narrow = 0, unaligned = 0, sparse_strobes = 0;
  uint64_t refused = 0;          // legal requests answered SLVERR or DECERR by design
  uint64_t illegal = 0;          // protocol-breaking requests issued on purpose
  uint64_t data_first = 0;       // write bursts whose first W beat went before their AW
  uint64_t max_outstanding = 0;  // most bursts in flight at once (both directions)
  uint64_t cycles = 0;
  // The AXI4_ERRM_* rules the illegal requests break, as the checker must report them.
  std::vector<std::pair<AxiRule, uint64_t>> expected_master_violations;
  std::vector<std::string> mismatches;  // scoreboard and checker disagreements (empty: pass)
  std::string Summary() const;
};

// Runs options.transactions bursts on `dut` (whose checker must be in SocOptions::AxiCheck::
// kRecord mode: the illegal requests are reported, not thrown) against a fresh GoldenSoc of
// `config`. Throws driver::TransportError if the port stops making progress (stall_cycles).
AxiRandomReport RunAxiRandom(SocTransport& dut, const golden::AcceleratorConfig& config,
                             const AxiRandomOptions& options);

}  // namespace edgebert::sim
