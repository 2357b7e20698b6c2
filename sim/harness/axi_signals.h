// The SoC's AXI4 slave port (32-bit address, 64-bit data, 4-bit IDs) as one clock edge's values,
// split by the side that drives them, and the byte lanes a beat of a burst may use (AMBA AXI
// spec, section A3.4). Shared by the protocol checker (axi_protocol_checker.h), the harness that
// samples the Verilated pins (soc_harness.h) and the constrained-random master
// (axi_random_master.h). No Verilator headers.
#pragma once

#include <cstdint>

namespace edgebert::sim {

inline constexpr uint32_t kAxiDataBytes = 8;  // the SoC's 64-bit data bus
inline constexpr uint32_t kAxiIds = 16;       // 4-bit AxID

// AxBURST encodings (2'b11 is reserved).
inline constexpr uint8_t kAxiBurstFixed = 0;
inline constexpr uint8_t kAxiBurstIncr = 1;
inline constexpr uint8_t kAxiBurstWrap = 2;
// xRESP encodings.
inline constexpr uint8_t kAxiRespOkay = 0;
inline constexpr uint8_t kAxiRespExOkay = 1;
inline constexpr uint8_t kAxiRespSlvErr = 2;
inline constexpr uint8_t kAxiRespDecErr = 3;

// An AW or AR channel.
struct AxiAddressChannel {
  bool valid = false;
  uint8_t id = 0;
  uint32_t addr = 0;
  uint8_t len = 0;    // AxLEN: beats - 1
  uint8_t size = 0;   // AxSIZE: log2 of the bytes per beat
  uint8_t burst = 0;  // AxBURST
  bool operator==(const AxiAddressChannel&) const = default;
};

// What the master drives.
struct AxiMasterSignals {
  AxiAddressChannel aw;
  bool w_valid = false;
  uint64_t w_data = 0;
  uint8_t w_strb = 0;
  bool w_last = false;
  bool b_ready = false;
  AxiAddressChannel ar;
  bool r_ready = false;
};

// What the slave drives.
struct AxiSlaveSignals {
  bool aw_ready = false;
  bool w_ready = false;
  bool b_valid = false;
  uint8_t b_id = 0;
  uint8_t b_resp = 0;
  bool ar_ready = false;
  bool r_valid = false;
  uint8_t r_id = 0;
  uint64_t r_data = 0;
  uint8_t r_resp = 0;
  bool r_last = false;
};

// Both sides just before a rising clock edge; in_reset: rst_ni is low at that edge.
struct AxiBusCycle {
  bool in_reset = false;
  AxiMasterSignals m;
  AxiSlaveSignals s;
};

// The address of beat `beat` (0-based) of a burst, as the spec's burst address equations give it
// (the first beat keeps an unaligned start address; FIXED repeats it; WRAP wraps at the
// container of (len + 1) * 2^size bytes). Meaningful for legal bursts; an illegal one gets the
// INCR answer.
inline uint32_t AxiBeatAddress(const AxiAddressChannel& a, uint32_t beat) {
  const uint32_t bytes = 1u << (a.size & 7);
  if (beat == 0 || a.burst == kAxiBurstFixed) return a.addr;
  const uint32_t aligned = a.addr & ~(bytes - 1);
  const uint32_t next = aligned + beat * bytes;
  if (a.burst != kAxiBurstWrap) return next;
  const uint32_t container = bytes * (uint32_t{a.len} + 1);
  const uint32_t lower = a.addr / container * container;
  return lower + (next - lower) % container;
}

// The byte lanes (bit k: byte k of the data bus) that beat `beat` of a burst carries: from the
// beat's address up to the end of its 2^size-byte container (0 for AxSIZE wider than the bus).
inline uint8_t AxiBeatLanes(const AxiAddressChannel& a, uint32_t beat) {
  const uint32_t bytes = 1u << (a.size & 7);
  if (bytes > kAxiDataBytes) return 0;
  const uint32_t address = AxiBeatAddress(a, beat);
  const uint32_t lower = address % kAxiDataBytes;
  const uint32_t upper = (address & ~(bytes - 1)) % kAxiDataBytes + bytes - 1;
  return static_cast<uint8_t>(((1u << (upper + 1)) - 1) & ~((1u << lower) - 1));
}

}  // namespace edgebert::sim
