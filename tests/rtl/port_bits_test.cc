// The harness's view of packed-struct ports (sim/harness/wide_port.h, unit_ports.h, cmd_port.h):
// members written and read back at their positions, on integer ports and on VlWide ports, across
// 32-bit word boundaries, without touching their neighbours. That the positions are the RTL's is
// what every unit test checks at its first command and memory access.
#include <gtest/gtest.h>
#include <verilated.h>

#include <cstdint>
#include <vector>

#include "harness/cmd_port.h"
#include "harness/unit_ports.h"
#include "harness/wide_port.h"

namespace edgebert::sim {
namespace {

TEST(PortBits, SetAndGetAcrossWordBoundaries) {
  VlWide<5> wide;
  for (int w = 0; w < 5; ++w) wide[w] = 0xFFFFFFFFu;
  SetBits(wide, 28, 10, 0x2A5);  // bits 28..37: the top of word 0, the bottom of word 1
  EXPECT_EQ(GetBits(wide, 28, 10), 0x2A5u);
  EXPECT_EQ(GetBits(wide, 0, 28), 0x0FFFFFFFu) << "the bits below are kept";
  EXPECT_EQ(GetBits(wide, 38, 26), 0x3FFFFFFu) << "the bits above are kept";
  SetBits(wide, 100, 40, 0x12'3456'789Aull);  // three words
  EXPECT_EQ(GetBits(wide, 100, 40), 0x12'3456'789Aull);
  EXPECT_EQ(GetBits(wide, 28, 10), 0x2A5u);

  uint64_t narrow = ~uint64_t{0};
  SetBits(narrow, 30, 5, 0);
  EXPECT_EQ(narrow, ~(uint64_t{0x1F} << 30));
  EXPECT_EQ(GetBits(narrow, 29, 7), 0x41u);
  SetBits(narrow, 60, 8, 0x3);  // bits past the port's width are dropped
  EXPECT_EQ(GetBits(narrow, 60, 4), 0x3u);
}

TEST(PortBits, VectorWriteRoundTripsAtEveryWidth) {
  std::vector<uint8_t> slot4 = {1, 2, 3, 4};
  uint64_t port4 = 0;  // 4 lanes: 61 bits
  PutVectorWrite(port4, 4, {true, 0xABCDEF, 0x9, slot4});
  const VectorWrite w4 = GetVectorWrite(port4, 4);
  EXPECT_TRUE(w4.enabled);
  EXPECT_EQ(w4.address, 0xABCDEFu);
  EXPECT_EQ(w4.mask, 0x9u);
  EXPECT_EQ(w4.slot, slot4);
  EXPECT_EQ(port4 >> 60, 1u) << "en is the top member";

  std::vector<uint8_t> slot16(16);
  for (size_t i = 0; i < slot16.size(); ++i) slot16[i] = static_cast<uint8_t>(0xF0 + i);
  VlWide<6> port16;  // 16 lanes: 169 bits
  PutVectorWrite(port16, 16, {true, 42, 0xBEEF, slot16});
  const VectorWrite w16 = GetVectorWrite(port16, 16);
  EXPECT_EQ(w16.address, 42u);
  EXPECT_EQ(w16.mask, 0xBEEFu);
  EXPECT_EQ(w16.slot, slot16);
  EXPECT_EQ(GetVectorMask(port16, 16), 0xBEEFu) << "the mask follows the codes, as in vec_rsp_t";
  PutVectorWrite(port16, 16, {});
  EXPECT_FALSE(GetVectorWrite(port16, 16).enabled);
}

TEST(PortBits, RequestsCarryEnInBitZero) {
  uint32_t request = 0;
  PutReadRequest(request, true, 0x123456);
  EXPECT_EQ(request, (0x123456u << 1) | 1u);
  const PortRequest r = GetReadRequest(request);
  EXPECT_TRUE(r.enabled);
  EXPECT_EQ(r.address, 0x123456u);
  const uint64_t aux_write = (uint64_t{0x1FF} << 33) | (uint64_t{0xCAFEF00D} << 1) | 1;
  const AuxWrite w = GetAuxWrite(aux_write);
  EXPECT_TRUE(w.enabled);
  EXPECT_EQ(w.address, 0x1FFu);
  EXPECT_EQ(w.word, 0xCAFEF00Du);
}

struct FakeUnit {
  VlWide<17> cmd_req_i;
  uint8_t cmd_sel_i = 0;
  uint16_t cmd_rsp_o = 0;
};

TEST(PortBits, CommandRequestAndResponseMembers) {
  FakeUnit unit;
  std::vector<uint32_t> descriptor(regs::kCmdDataCount);
  for (size_t w = 0; w < descriptor.size(); ++w) descriptor[w] = 0x1000u + static_cast<uint32_t>(w);
  PutCommand(unit, descriptor);
  SetCommandValid(unit, true);
  EXPECT_EQ(unit.cmd_req_i[0], 0x1000u);
  EXPECT_EQ(unit.cmd_req_i[15], 0x100Fu);
  EXPECT_EQ(unit.cmd_req_i[16], 1u) << "valid sits above the 512 descriptor bits";
  EXPECT_EQ(unit.cmd_sel_i, 1u) << "a unit driven alone is the one addressed";
  // ready | busy | done | err | err_code (8 bits)
  unit.cmd_rsp_o = static_cast<uint16_t>((0b0111u << 8) | 0x05u);
  const CommandResponse r = GetResponse(unit);
  EXPECT_FALSE(r.ready);
  EXPECT_TRUE(r.busy);
  EXPECT_TRUE(r.done);
  EXPECT_TRUE(r.err);
  EXPECT_EQ(r.err_code, 5u);
}

}  // namespace
}  // namespace edgebert::sim
