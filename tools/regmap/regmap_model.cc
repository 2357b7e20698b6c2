#include "regmap_model.h"

#include <bit>
#include <cstdint>
#include <string>
#include <string_view>

namespace edgebert::regmap {
namespace {

// OR of the in-place masks of the fields whose access satisfies `pred`.
template <typename Pred>
std::uint32_t MaskOf(const std::vector<RegField>& fields, Pred pred) {
  std::uint32_t mask = 0;
  for (const RegField& field : fields) {
    if (pred(field.access)) mask |= field.bits.mask();
  }
  return mask;
}

}  // namespace

std::string_view AccessName(Access access) {
  switch (access) {
    case Access::kRo:
      return "ro";
    case Access::kRw:
      return "rw";
    case Access::kWo:
      return "wo";
    case Access::kW1c:
      return "w1c";
  }
  return "?";
}

std::uint32_t BitRange::mask() const {
  const std::uint32_t ones = width() >= 32 ? ~std::uint32_t{0} : (std::uint32_t{1} << width()) - 1;
  return ones << lsb;
}

std::string BitRange::ToString() const { return std::to_string(msb) + ":" + std::to_string(lsb); }

std::string Register::InstanceName(std::uint32_t index) const {
  return is_array ? name + std::to_string(index) : name;
}

std::uint64_t Register::Span() const { return std::uint64_t{count - 1} * stride + 4; }

std::uint32_t Register::ResetValue() const {
  std::uint32_t value = 0;
  for (const RegField& field : fields) value |= (field.reset << field.bits.lsb) & field.bits.mask();
  return value;
}

std::uint32_t Register::WritableMask() const {
  return MaskOf(fields, [](Access a) { return a != Access::kRo; });
}

std::uint32_t Register::ReadMask() const {
  return MaskOf(fields, [](Access a) { return a != Access::kWo; });
}

std::uint32_t Register::W1cMask() const {
  return MaskOf(fields, [](Access a) { return a == Access::kW1c; });
}

std::uint32_t Register::WoMask() const {
  return MaskOf(fields, [](Access a) { return a == Access::kWo; });
}

const CmdField* Commands::FindCommon(std::string_view name) const {
  for (const CmdField& field : common) {
    if (field.name == name) return &field;
  }
  return nullptr;
}

const Enum* Regmap::FindEnum(std::string_view name) const {
  for (const Enum& e : enums) {
    if (e.name == name) return &e;
  }
  return nullptr;
}

const MemRegion* Regmap::FindRegion(std::string_view name) const {
  for (const MemRegion& region : memory_map) {
    if (region.name == name) return &region;
  }
  return nullptr;
}

std::uint32_t Regmap::CsrAddrWidth() const {
  const MemRegion* csr = FindRegion(kCsrRegionName);
  if (csr == nullptr || csr->size < 2) return 1;
  // Validation guarantees a power-of-two size, so this is exactly log2(size).
  return static_cast<std::uint32_t>(std::bit_width(csr->size - 1));
}

std::uint32_t Regmap::OpcodeWidth() const {
  const CmdField* opcode = commands.FindCommon(kOpcodeFieldName);
  return opcode == nullptr ? 0 : opcode->bits.width();
}

}  // namespace edgebert::regmap
