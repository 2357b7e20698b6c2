#include "golden/gb_command.h"

#include <cstdlib>
#include <stdexcept>
#include <vector>

#include "golden/reram.h"
#include "numerics/af8_rowops.h"

namespace edgebert::golden {
namespace {

using regs::ErrCode;
using regs::Field;

// Which descriptor field holds which GbCommand member, per opcode.
struct Binding {
  Field field;
  enum class Kind { kUnsigned, kSigned, kBool } kind;
  uint32_t GbCommand::*u = nullptr;
  int GbCommand::*s = nullptr;
  bool GbCommand::*b = nullptr;
};
Binding U(Field f, uint32_t GbCommand::*m) {
  return {f, Binding::Kind::kUnsigned, m, nullptr, nullptr};
}
Binding S(Field f, int GbCommand::*m) { return {f, Binding::Kind::kSigned, nullptr, m, nullptr}; }
Binding B(Field f, bool GbCommand::*m) { return {f, Binding::Kind::kBool, nullptr, nullptr, m}; }

std::vector<Binding> Bindings(regs::Opcode opcode) {
  using G = GbCommand;
  switch (opcode) {
    case regs::Opcode::kSoftmax: {
      namespace f = regs::cmd::softmax;
      return {B(f::kHasSpan, &G::has_span), U(f::kRows, &G::rows),
              U(f::kCols, &G::cols),        U(f::kKeys, &G::keys),
              S(f::kExpIn, &G::exp_in),     S(f::kExpOut, &G::exp_out),
              U(f::kSrcAddr, &G::src_addr), U(f::kSrcStride, &G::src_stride),
              U(f::kDstAddr, &G::dst_addr), U(f::kDstStride, &G::dst_stride),
              U(f::kSpanAddr, &G::aux_addr)};
    }
    case regs::Opcode::kLayernorm: {
      namespace f = regs::cmd::layernorm;
      return {U(f::kRows, &G::rows),          U(f::kCols, &G::cols),
              S(f::kExpIn, &G::exp_in),       S(f::kExpOut, &G::exp_out),
              S(f::kExpGamma, &G::exp_gamma), S(f::kExpBeta, &G::exp_beta),
              U(f::kSrcAddr, &G::src_addr),   U(f::kSrcStride, &G::src_stride),
              U(f::kDstAddr, &G::dst_addr),   U(f::kDstStride, &G::dst_stride),
              U(f::kGammaAddr, &G::aux_addr), U(f::kBetaAddr, &G::beta_addr)};
    }
    case regs::Opcode::kAdd: {
      namespace f = regs::cmd::add;
      return {U(f::kRows, &G::rows),           U(f::kCols, &G::cols),
              S(f::kExpA, &G::exp_in),         S(f::kExpB, &G::exp_b),
              S(f::kExpOut, &G::exp_out),      U(f::kAAddr, &G::src_addr),
              U(f::kAStride, &G::src_stride),  U(f::kBAddr, &G::b_addr),
              U(f::kBStride, &G::b_stride),    U(f::kDstAddr, &G::dst_addr),
              U(f::kDstStride, &G::dst_stride)};
    }
    case regs::Opcode::kActivate: {
      namespace f = regs::cmd::activate;
      return {U(f::kAct, &G::act),
              U(f::kRows, &G::rows),
              U(f::kCols, &G::cols),
              S(f::kExpIn, &G::exp_in),
              S(f::kExpOut, &G::exp_out),
              U(f::kSrcAddr, &G::src_addr),
              U(f::kSrcStride, &G::src_stride),
              U(f::kDstAddr, &G::dst_addr),
              U(f::kDstStride, &G::dst_stride),
              U(f::kTableAddr, &G::aux_addr)};
    }
    case regs::Opcode::kEntropy: {
      namespace f = regs::cmd::entropy;
      return {B(f::kStopOnExit, &G::stop_on_exit), U(f::kLabels, &G::cols),
              S(f::kExpIn, &G::exp_in), U(f::kSrcAddr, &G::src_addr), U(f::kHAddr, &G::aux_addr)};
    }
    case regs::Opcode::kGather: {
      namespace f = regs::cmd::gather;
      return {U(f::kTokens, &G::rows),        U(f::kDim, &G::cols),
              S(f::kExpOut, &G::exp_out),     U(f::kWordTable, &G::word_table),
              U(f::kPosTable, &G::pos_table), U(f::kTypeTable, &G::type_table),
              U(f::kDstAddr, &G::dst_addr),   U(f::kDstStride, &G::dst_stride),
              U(f::kIdsAddr, &G::ids_addr),   U(f::kTypesAddr, &G::types_addr)};
    }
    case regs::Opcode::kFill: {
      namespace f = regs::cmd::fill;
      return {U(f::kRows, &G::rows), U(f::kCols, &G::cols), U(f::kValue, &G::value),
              U(f::kDstAddr, &G::dst_addr), U(f::kDstStride, &G::dst_stride)};
    }
    default:
      throw std::invalid_argument("opcode " + std::to_string(static_cast<int>(opcode)) +
                                  " is not a global-buffer row command");
  }
}

bool FitsAux(uint32_t address, uint64_t bytes, const PuLimits& limits) {
  return address + bytes <= limits.aux_bytes;
}

// A table's 8-word header at a ReRAM byte address: 4-aligned and inside the store.
bool TableHeaderOk(uint32_t byte_address, const PuLimits& limits) {
  return byte_address % 4 == 0 &&
         uint64_t{byte_address / 4} + kEmbeddingHeaderWords <= limits.reram_words;
}

}  // namespace

Descriptor ToDescriptor(const GbCommand& c) {
  Descriptor w{};
  Put(w, regs::cmd::kOpcode, static_cast<uint32_t>(c.opcode));
  Put(w, regs::cmd::kIrq, c.irq ? 1 : 0);
  for (const Binding& b : Bindings(c.opcode)) {
    switch (b.kind) {
      case Binding::Kind::kUnsigned:
        Put(w, b.field, c.*b.u);
        break;
      case Binding::Kind::kSigned:
        PutSigned(w, b.field, c.*b.s);
        break;
      case Binding::Kind::kBool:
        Put(w, b.field, (c.*b.b) ? 1 : 0);
        break;
    }
  }
  return w;
}

GbCommand GbFromDescriptor(const Descriptor& w) {
  GbCommand c;
  c.opcode = static_cast<regs::Opcode>(Get(w, regs::cmd::kOpcode));
  c.irq = Get(w, regs::cmd::kIrq) != 0;
  for (const Binding& b : Bindings(c.opcode)) {
    switch (b.kind) {
      case Binding::Kind::kUnsigned:
        c.*b.u = Get(w, b.field);
        break;
      case Binding::Kind::kSigned:
        c.*b.s = GetSigned(w, b.field);
        break;
      case Binding::Kind::kBool:
        c.*b.b = Get(w, b.field) != 0;
        break;
    }
  }
  if (c.opcode == regs::Opcode::kEntropy) c.rows = 1;
  return c;
}

regs::ErrCode Validate(const GbCommand& c, const PuLimits& limits) {
  const auto n = static_cast<uint32_t>(limits.lanes);
  const uint32_t groups = c.cols / n;
  auto in_uab = [&](uint32_t base, uint32_t stride) {
    return OperandEnd(base, stride, c.rows, groups) <= limits.uab_vectors;
  };
  switch (c.opcode) {
    case regs::Opcode::kEntropy:
      if (c.cols < 2 || c.cols > n) return ErrCode::kBadShape;
      if (c.src_addr >= limits.uab_vectors || c.aux_addr % 4 != 0 ||
          !FitsAux(c.aux_addr, 4, limits)) {
        return ErrCode::kBadAddress;
      }
      return ErrCode::kNone;
    case regs::Opcode::kGather:
      if (c.rows == 0 || c.rows > kMaxGatherTokens || c.cols == 0 || c.cols % n != 0) {
        return ErrCode::kBadShape;
      }
      if (!in_uab(c.dst_addr, c.dst_stride) || !TableHeaderOk(c.word_table, limits) ||
          !TableHeaderOk(c.pos_table, limits) || !TableHeaderOk(c.type_table, limits) ||
          c.ids_addr % 4 != 0 || !FitsAux(c.ids_addr, uint64_t{2} * c.rows, limits) ||
          c.types_addr % 4 != 0 || !FitsAux(c.types_addr, c.rows, limits)) {
        return ErrCode::kBadAddress;
      }
      return ErrCode::kNone;
    case regs::Opcode::kSoftmax:
    case regs::Opcode::kLayernorm:
    case regs::Opcode::kAdd:
    case regs::Opcode::kActivate:
    case regs::Opcode::kFill:
      break;
    default:
      return ErrCode::kBadOpcode;
  }
  if (c.opcode == regs::Opcode::kActivate && (c.act == 0 || c.act > 2)) return ErrCode::kBadOpcode;
  if (c.rows == 0 || c.cols == 0 || c.cols % n != 0 ||
      (c.opcode == regs::Opcode::kSoftmax && (c.cols > kMaxSoftmaxCols || c.keys > c.cols)) ||
      (c.opcode == regs::Opcode::kLayernorm && c.cols > kMaxLayerNormCols)) {
    return ErrCode::kBadShape;
  }
  if (c.opcode == regs::Opcode::kAdd && std::abs(c.exp_in - c.exp_b) > af8::kMaxAlignment) {
    return ErrCode::kBadExponent;
  }
  if (c.opcode == regs::Opcode::kLayernorm &&
      std::abs(c.exp_gamma - c.exp_beta) > af8::kMaxAlignment) {
    return ErrCode::kBadExponent;
  }
  const bool reads_src = c.opcode != regs::Opcode::kFill;
  if ((reads_src && !in_uab(c.src_addr, c.src_stride)) || !in_uab(c.dst_addr, c.dst_stride) ||
      (c.opcode == regs::Opcode::kAdd && !in_uab(c.b_addr, c.b_stride))) {
    return ErrCode::kBadAddress;
  }
  const bool aux_ok = [&] {
    switch (c.opcode) {
      case regs::Opcode::kSoftmax:
        return !c.has_span || (c.aux_addr % 4 == 0 && FitsAux(c.aux_addr, c.cols, limits));
      case regs::Opcode::kLayernorm:
        return c.aux_addr % 4 == 0 && c.beta_addr % 4 == 0 && FitsAux(c.aux_addr, c.cols, limits) &&
               FitsAux(c.beta_addr, c.cols, limits);
      case regs::Opcode::kActivate:
        return c.aux_addr % 4 == 0 && FitsAux(c.aux_addr, 256, limits);
      default:
        return true;
    }
  }();
  return aux_ok ? ErrCode::kNone : ErrCode::kBadAddress;
}

}  // namespace edgebert::golden
