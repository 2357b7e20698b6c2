// The vector and aux port bundles of a Verilated command unit, where the harness finds their
// members: cmd_pkg::vec_rd_req_t and rtl/include/unit_typedef.svh's vec_rsp_t, vec_wr_req_t,
// aux_rd_req_t and aux_wr_req_t. A packed struct is one vector, its first member in the most
// significant bits:
//   vec_rd_req_t  addr | en                     en at bit 0
//   vec_rsp_t     mask | data                   n codes from bit 0, the mask above them
//   vec_wr_req_t  en | addr | mask | data       as vec_rsp_t, then the address, en on top
//   aux_rd_req_t  addr | en                     en at bit 0 (the address width is the unit's)
//   aux_wr_req_t  addr | data | en              en at bit 0, the word above it
// A wrong position here fails every unit test at its first memory access.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "harness/wide_port.h"
#include "regmap/edgebert_regs.h"

namespace edgebert::sim {

// Vector address width (cmd_pkg::VecAddrBits: the descriptors' address fields).
inline constexpr unsigned kVecAddrBits = regs::cmd::matmul::kAAddr.width;

struct PortRequest {
  bool enabled = false;
  uint32_t address = 0;
};

struct VectorWrite {
  bool enabled = false;
  uint32_t address = 0;
  uint32_t mask = 0;
  std::vector<uint8_t> slot;
};

template <typename Port>
PortRequest GetReadRequest(const Port& port) {  // vec_rd_req_t or aux_rd_req_t
  const uint64_t bits = port;
  return {(bits & 1) != 0, static_cast<uint32_t>(bits >> 1)};
}

// A vector read's answer, as a memory gives it.
template <typename Port>
void PutVector(Port& port, int lanes, uint32_t mask, std::span<const uint8_t> slot) {
  const unsigned n = static_cast<unsigned>(lanes);
  PutBytes(port, slot);
  SetBits(port, 8 * n, n, mask);
}

// Drives a request as a unit would (tests that stand in for one).
template <typename Port>
void PutReadRequest(Port& port, bool enabled, uint32_t address) {
  port = static_cast<Port>((uint64_t{address} << 1) | (enabled ? 1 : 0));
}

template <typename Port>
void PutVectorWrite(Port& port, int lanes, const VectorWrite& write) {
  const unsigned n = static_cast<unsigned>(lanes);
  PutVector(port, lanes, write.mask, write.slot);
  SetBits(port, 9 * n, kVecAddrBits, write.address);
  SetBits(port, 9 * n + kVecAddrBits, 1, write.enabled ? 1 : 0);
}

template <typename Port>
uint32_t GetVectorMask(const Port& port, int lanes) {
  const unsigned n = static_cast<unsigned>(lanes);
  return static_cast<uint32_t>(GetBits(port, 8 * n, n));
}

template <typename Port>
VectorWrite GetVectorWrite(const Port& port, int lanes) {
  const unsigned n = static_cast<unsigned>(lanes);
  VectorWrite write;
  write.enabled = GetBits(port, 9 * n + kVecAddrBits, 1) != 0;
  if (!write.enabled) return write;
  write.address = static_cast<uint32_t>(GetBits(port, 9 * n, kVecAddrBits));
  write.mask = static_cast<uint32_t>(GetBits(port, 8 * n, n));
  write.slot.resize(n);
  for (unsigned i = 0; i < n; ++i) write.slot[i] = GetByte(port, i);
  return write;
}

struct AuxWrite {
  bool enabled = false;
  uint32_t address = 0;
  uint32_t word = 0;
};

template <typename Port>
AuxWrite GetAuxWrite(const Port& port) {
  const uint64_t bits = port;
  return {(bits & 1) != 0, static_cast<uint32_t>(bits >> 33), static_cast<uint32_t>(bits >> 1)};
}

}  // namespace edgebert::sim
