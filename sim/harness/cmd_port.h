// The command port of a Verilated command unit (the PU, the GB or one GB unit): the
// cmd_pkg::cmd_req_t on cmd_req_i, its select cmd_sel_i and the cmd_pkg::cmd_rsp_t on cmd_rsp_o
// (rtl/pkg/cmd_pkg.sv).
// Verilator presents a packed struct as one vector, its first member in the most significant
// bits:
//   cmd_req_t  valid | desc       descriptor word w at bits 32w+31:32w, valid above them
//   cmd_rsp_t  ready | busy | done | err | err_code   err_code in the low bits
// A wrong position here fails every unit test at its first command (no ready, no done).
#pragma once

#include <cstdint>
#include <span>

#include "harness/wide_port.h"
#include "regmap/edgebert_regs.h"

namespace edgebert::sim {

struct CommandResponse {
  bool ready = false;
  bool busy = false;
  bool done = false;
  bool err = false;
  uint32_t err_code = 0;
};

// Presents a descriptor on the request, with its valid low, and selects the unit: the request
// is broadcast in the SoC (the sequencer to the PU and the GB, the GB to its units), and
// cmd_sel_i says which unit it is for; a unit driven alone is always the one addressed.
template <typename Model>
void PutCommand(Model& model, std::span<const uint32_t> descriptor) {
  PutWords(model.cmd_req_i, descriptor);
  model.cmd_req_i[regs::kCmdDataCount] = 0;
  model.cmd_sel_i = 1;
}

template <typename Model>
void SetCommandValid(Model& model, bool valid) {
  model.cmd_req_i[regs::kCmdDataCount] = valid ? 1 : 0;
}

template <typename Model>
CommandResponse GetResponse(const Model& model) {
  constexpr uint32_t kCodeBits = regs::err_cause::kCode.width;
  const uint32_t bits = model.cmd_rsp_o;
  return {.ready = ((bits >> (kCodeBits + 3)) & 1) != 0,
          .busy = ((bits >> (kCodeBits + 2)) & 1) != 0,
          .done = ((bits >> (kCodeBits + 1)) & 1) != 0,
          .err = ((bits >> kCodeBits) & 1) != 0,
          .err_code = bits & ((1u << kCodeBits) - 1)};
}

}  // namespace edgebert::sim
