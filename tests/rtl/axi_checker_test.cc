// The AXI4 protocol checker (sim/harness/axi_protocol_checker.h) on hand-written edge traces:
// legal traffic passes with no violation, and every rule it implements is broken once by a
// trace of its own and reported under its ARM name, with the edge it happened at.
#include <gtest/gtest.h>

#include <functional>
#include <set>
#include <string>

#include "harness/axi_protocol_checker.h"

namespace edgebert::sim {
namespace {

class Trace {
 public:
  explicit Trace(const AxiCheckerOptions& options = {}) : checker_(options) {}
  void Edge(const AxiBusCycle& bus) { checker_.Sample(bus, cycle_++); }
  void Idle(int n = 1) {
    for (int i = 0; i < n; ++i) Edge({});
  }
  AxiProtocolChecker& checker() { return checker_; }
  uint64_t cycle() const { return cycle_; }

 private:
  AxiProtocolChecker checker_;
  uint64_t cycle_ = 0;
};

AxiAddressChannel Incr(uint32_t addr, uint8_t len, uint8_t size = 3, uint8_t id = 1) {
  return {.valid = true, .id = id, .addr = addr, .len = len, .size = size, .burst = 1};
}

// An edge where the AW (or AR) handshakes.
AxiBusCycle AwTaken(const AxiAddressChannel& aw) {
  AxiBusCycle bus;
  bus.m.aw = aw;
  bus.s.aw_ready = true;
  return bus;
}
AxiBusCycle ArTaken(const AxiAddressChannel& ar) {
  AxiBusCycle bus;
  bus.m.ar = ar;
  bus.s.ar_ready = true;
  return bus;
}
AxiBusCycle WTaken(uint8_t strb, bool last, uint64_t data = 0) {
  AxiBusCycle bus;
  bus.m.w_valid = true;
  bus.m.w_strb = strb;
  bus.m.w_last = last;
  bus.m.w_data = data;
  bus.s.w_ready = true;
  return bus;
}
AxiBusCycle BTaken(uint8_t id, uint8_t resp = 0) {
  AxiBusCycle bus;
  bus.s.b_valid = true;
  bus.s.b_id = id;
  bus.s.b_resp = resp;
  bus.m.b_ready = true;
  return bus;
}
AxiBusCycle RTaken(uint8_t id, bool last, uint8_t resp = 0) {
  AxiBusCycle bus;
  bus.s.r_valid = true;
  bus.s.r_id = id;
  bus.s.r_last = last;
  bus.s.r_resp = resp;
  bus.m.r_ready = true;
  return bus;
}

TEST(AxiChecker, LegalTrafficHasNoViolation) {
  Trace t;
  // Write data ahead of its address, a narrow unaligned burst, a held AW, reads of two IDs
  // interleaved, and responses of one ID in order.
  t.Edge(WTaken(0xF0, false));  // beat 1 of a 2-beat burst at 0x...4 (size 3: lanes 4-7)
  AxiBusCycle held;
  held.m.aw = Incr(0x1004, 1);
  t.Edge(held);  // AWVALID waits a cycle, payload held
  t.Edge(AwTaken(Incr(0x1004, 1)));
  t.Edge(WTaken(0xFF, true));
  t.Edge(AwTaken(Incr(0x2001, 2, 0, 1)));  // 3 one-byte beats from 0x2001: lanes 1, 2, 3
  t.Edge(WTaken(0x02, false));
  t.Edge(WTaken(0x00, false));  // a beat with no strobe is legal
  t.Edge(WTaken(0x08, true));
  t.Edge(BTaken(1));
  t.Edge(BTaken(1, 2));  // SLVERR is a legal answer
  t.Edge(ArTaken(Incr(0x3000, 1, 3, 4)));
  t.Edge(ArTaken(Incr(0x3100, 0, 2, 5)));
  t.Edge(RTaken(5, true));
  t.Edge(RTaken(4, false));
  AxiBusCycle r_wait = RTaken(4, true);
  r_wait.m.r_ready = false;
  t.Edge(r_wait);  // RVALID waits for RREADY with everything held
  t.Edge(RTaken(4, true));
  t.Idle(2);
  // A WRAP and a FIXED burst of legal shapes.
  t.Edge(ArTaken({.valid = true, .id = 2, .addr = 0x4010, .len = 3, .size = 3, .burst = 2}));
  for (int i = 0; i < 4; ++i) t.Edge(RTaken(2, i == 3));
  t.Edge(AwTaken({.valid = true, .id = 3, .addr = 0x5003, .len = 15, .size = 0, .burst = 0}));
  for (int i = 0; i < 16; ++i) t.Edge(WTaken(0x08, i == 15));
  t.Edge(BTaken(3));
  t.checker().Finish(t.cycle());
  for (const AxiViolation& v : t.checker().violations()) ADD_FAILURE() << FormatAxiViolation(v);
  EXPECT_EQ(t.checker().TotalViolations(), 0u);
  EXPECT_EQ(t.checker().stats().write_bursts, 3u);
  EXPECT_EQ(t.checker().stats().read_bursts, 3u);
  EXPECT_EQ(t.checker().stats().write_beats, 21u);
  EXPECT_EQ(t.checker().stats().read_beats, 7u);
  EXPECT_EQ(t.checker().stats().write_responses, 3u);
}

// One trace per rule, each breaking it at its last edge (or at Finish).
struct Case {
  AxiRule rule;
  std::function<void(Trace&)> script;
};

// The address channel of a master-side stability case: a valid AW or AR waits at edge 0, and
// edge 1 changes `field` (or drops VALID).
std::function<void(Trace&)> AddressChange(bool write, std::function<void(AxiAddressChannel&)> f) {
  return [write, f](Trace& t) {
    AxiBusCycle bus;
    AxiAddressChannel& a = write ? bus.m.aw : bus.m.ar;
    a = Incr(0x1000, 3);
    t.Edge(bus);
    f(a);
    t.Edge(bus);
  };
}

std::function<void(Trace&)> WChange(std::function<void(AxiBusCycle&)> f) {
  return [f](Trace& t) {
    AxiBusCycle bus;
    bus.m.w_valid = true;
    bus.m.w_data = 0x1234;
    bus.m.w_strb = 0xFF;
    t.Edge(bus);
    f(bus);
    t.Edge(bus);
  };
}

std::function<void(Trace&)> BChange(std::function<void(AxiBusCycle&)> f) {
  return [f](Trace& t) {
    AxiBusCycle bus;
    bus.s.b_valid = true;
    bus.s.b_id = 1;
    t.Edge(bus);
    f(bus);
    t.Edge(bus);
  };
}

std::function<void(Trace&)> RChange(std::function<void(AxiBusCycle&)> f) {
  return [f](Trace& t) {
    AxiBusCycle bus;
    bus.s.r_valid = true;
    bus.s.r_id = 1;
    bus.s.r_data = 0x55;
    t.Edge(bus);
    f(bus);
    t.Edge(bus);
  };
}

// A request breaking an address rule, presented once.
std::function<void(Trace&)> Request(bool write, AxiAddressChannel a) {
  return [write, a](Trace& t) { t.Edge(write ? AwTaken(a) : ArTaken(a)); };
}

std::function<void(Trace&)> ValidAfterReset(std::function<void(AxiBusCycle&)> f) {
  return [f](Trace& t) {
    AxiBusCycle reset;
    reset.in_reset = true;
    t.Edge(reset);
    AxiBusCycle bus;
    f(bus);
    t.Edge(bus);
  };
}

std::function<void(Trace&)> NeverReady(std::function<void(AxiBusCycle&)> f) {
  return [f](Trace& t) {
    AxiBusCycle bus;
    f(bus);
    for (int i = 0; i < 6; ++i) t.Edge(bus);
  };
}

std::vector<Case> Cases() {
  using R = AxiRule;
  const AxiAddressChannel wrap{
      .valid = true, .id = 1, .addr = 0x40, .len = 3, .size = 3, .burst = 2};
  AxiAddressChannel wrap_len = wrap, wrap_align = wrap, fixed = wrap, reserved = wrap, wide = wrap;
  wrap_len.len = 2;
  wrap_align.addr = 0x44;
  fixed.burst = 0;
  fixed.len = 16;
  reserved.burst = 3;
  wide.burst = 1;
  wide.size = 4;
  const AxiAddressChannel crossing = Incr(0xFF8, 1);
  std::vector<Case> cases = {
      {R::kErrmAwaddrBoundary, Request(true, crossing)},
      {R::kErrmAwaddrWrapAlign, Request(true, wrap_align)},
      {R::kErrmAwburst, Request(true, reserved)},
      {R::kErrmAwlenWrap, Request(true, wrap_len)},
      {R::kErrmAwlenFixed, Request(true, fixed)},
      {R::kErrmAwsize, Request(true, wide)},
      {R::kErrmAwvalidReset, ValidAfterReset([](AxiBusCycle& b) { b.m.aw = Incr(0, 0); })},
      {R::kErrmAwidStable, AddressChange(true, [](AxiAddressChannel& a) { a.id = 2; })},
      {R::kErrmAwaddrStable, AddressChange(true, [](AxiAddressChannel& a) { a.addr += 8; })},
      {R::kErrmAwlenStable, AddressChange(true, [](AxiAddressChannel& a) { a.len = 1; })},
      {R::kErrmAwsizeStable, AddressChange(true, [](AxiAddressChannel& a) { a.size = 2; })},
      {R::kErrmAwburstStable, AddressChange(true, [](AxiAddressChannel& a) { a.burst = 0; })},
      {R::kErrmAwvalidStable, AddressChange(true, [](AxiAddressChannel& a) { a.valid = false; })},
      {R::kErrmWdataNum,
       [](Trace& t) {
         t.Edge(AwTaken(Incr(0x100, 2)));
         t.Edge(WTaken(0xFF, false));
         t.Edge(WTaken(0xFF, true));  // WLAST on beat 2 of 3
       }},
      {R::kErrmWstrb,
       [](Trace& t) {
         t.Edge(AwTaken(Incr(0x100, 0, 2)));  // one 4-byte beat at 0x100: lanes 0-3
         t.Edge(WTaken(0x30, true));
       }},
      {R::kErrmWvalidReset, ValidAfterReset([](AxiBusCycle& b) { b.m.w_valid = true; })},
      {R::kErrmWdataStable, WChange([](AxiBusCycle& b) { b.m.w_data ^= 1; })},
      {R::kErrmWstrbStable, WChange([](AxiBusCycle& b) { b.m.w_strb = 0x0F; })},
      {R::kErrmWlastStable, WChange([](AxiBusCycle& b) { b.m.w_last = true; })},
      {R::kErrmWvalidStable, WChange([](AxiBusCycle& b) { b.m.w_valid = false; })},
      {R::kErrsBrespWlast,
       [](Trace& t) {
         t.Edge(AwTaken(Incr(0x100, 1)));
         t.Edge(WTaken(0xFF, false));
         t.Edge(BTaken(1));  // one data beat of two
       }},
      {R::kErrsBrespAw, [](Trace& t) { t.Edge(BTaken(7)); }},
      {R::kErrsBrespAllDoneEos,
       [](Trace& t) {
         t.Edge(AwTaken(Incr(0x100, 0)));
         t.Edge(WTaken(0xFF, true));
         t.checker().Finish(t.cycle());
       }},
      {R::kErrsBrespExokay,
       [](Trace& t) {
         t.Edge(AwTaken(Incr(0x100, 0)));
         t.Edge(WTaken(0xFF, true));
         t.Edge(BTaken(1, 1));
       }},
      {R::kErrsBvalidReset, ValidAfterReset([](AxiBusCycle& b) { b.s.b_valid = true; })},
      {R::kErrsBidStable, BChange([](AxiBusCycle& b) { b.s.b_id = 3; })},
      {R::kErrsBrespStable, BChange([](AxiBusCycle& b) { b.s.b_resp = 2; })},
      {R::kErrsBvalidStable, BChange([](AxiBusCycle& b) { b.s.b_valid = false; })},
      {R::kErrmAraddrBoundary, Request(false, crossing)},
      {R::kErrmAraddrWrapAlign, Request(false, wrap_align)},
      {R::kErrmArburst, Request(false, reserved)},
      {R::kErrmArlenWrap, Request(false, wrap_len)},
      {R::kErrmArlenFixed, Request(false, fixed)},
      {R::kErrmArsize, Request(false, wide)},
      {R::kErrmArvalidReset, ValidAfterReset([](AxiBusCycle& b) { b.m.ar = Incr(0, 0); })},
      {R::kErrmAridStable, AddressChange(false, [](AxiAddressChannel& a) { a.id = 2; })},
      {R::kErrmAraddrStable, AddressChange(false, [](AxiAddressChannel& a) { a.addr += 8; })},
      {R::kErrmArlenStable, AddressChange(false, [](AxiAddressChannel& a) { a.len = 1; })},
      {R::kErrmArsizeStable, AddressChange(false, [](AxiAddressChannel& a) { a.size = 2; })},
      {R::kErrmArburstStable, AddressChange(false, [](AxiAddressChannel& a) { a.burst = 0; })},
      {R::kErrmArvalidStable, AddressChange(false, [](AxiAddressChannel& a) { a.valid = false; })},
      {R::kErrsRdataNum,
       [](Trace& t) {
         t.Edge(ArTaken(Incr(0x100, 1)));
         t.Edge(RTaken(1, true));  // RLAST on beat 1 of 2
       }},
      {R::kErrsRlastAllDoneEos,
       [](Trace& t) {
         t.Edge(ArTaken(Incr(0x100, 1)));
         t.Edge(RTaken(1, false));
         t.checker().Finish(t.cycle());
       }},
      {R::kErrsRid,
       [](Trace& t) {
         t.Edge(ArTaken(Incr(0x100, 0, 3, 4)));
         t.Edge(RTaken(5, true));  // ID 5 has nothing open
       }},
      {R::kErrsRrespExokay,
       [](Trace& t) {
         t.Edge(ArTaken(Incr(0x100, 0)));
         t.Edge(RTaken(1, true, 1));
       }},
      {R::kErrsRvalidReset, ValidAfterReset([](AxiBusCycle& b) { b.s.r_valid = true; })},
      {R::kErrsRdataStable, RChange([](AxiBusCycle& b) { b.s.r_data = 0x66; })},
      {R::kErrsRidStable, RChange([](AxiBusCycle& b) { b.s.r_id = 2; })},
      {R::kErrsRlastStable, RChange([](AxiBusCycle& b) { b.s.r_last = true; })},
      {R::kErrsRrespStable, RChange([](AxiBusCycle& b) { b.s.r_resp = 3; })},
      {R::kErrsRvalidStable, RChange([](AxiBusCycle& b) { b.s.r_valid = false; })},
      {R::kRecsAwreadyMaxWait, NeverReady([](AxiBusCycle& b) { b.m.aw = Incr(0, 0); })},
      {R::kRecsWreadyMaxWait, NeverReady([](AxiBusCycle& b) { b.m.w_valid = true; })},
      {R::kRecmBreadyMaxWait, NeverReady([](AxiBusCycle& b) { b.s.b_valid = true; })},
      {R::kRecsArreadyMaxWait, NeverReady([](AxiBusCycle& b) { b.m.ar = Incr(0, 0); })},
      {R::kRecmRreadyMaxWait, NeverReady([](AxiBusCycle& b) { b.s.r_valid = true; })},
  };
  return cases;
}

TEST(AxiChecker, EveryRuleIsReportedByNameAndCycle) {
  std::set<AxiRule> covered;
  for (const Case& c : Cases()) {
    const std::string name(DescribeAxiRule(c.rule).name);
    SCOPED_TRACE(name);
    covered.insert(c.rule);
    Trace t({.max_wait_cycles = 3});
    std::vector<std::string> seen;
    t.checker().SetOnViolation(
        [&](const AxiViolation& v) { seen.push_back(FormatAxiViolation(v)); });
    c.script(t);
    EXPECT_EQ(t.checker().Count(c.rule), 1u);
    bool named = false;
    for (const AxiViolation& v : t.checker().violations()) {
      if (v.rule != c.rule) continue;
      named = true;
      const std::string text = FormatAxiViolation(v);
      EXPECT_EQ(text.find(name + " at cycle " + std::to_string(v.cycle) + ": "), 0u) << text;
      EXPECT_LE(v.cycle, t.cycle());
    }
    EXPECT_TRUE(named);
    EXPECT_EQ(seen.size(), t.checker().TotalViolations()) << "the callback sees every one";
  }
  EXPECT_EQ(covered.size(), static_cast<size_t>(AxiRule::kCount)) << "a case for every rule";
}

TEST(AxiChecker, SlaveRulesAreCountedApart) {
  Trace t;
  t.Edge(AwTaken(Incr(0xFF8, 1)));  // master: crosses 4 KiB
  t.Edge(RTaken(3, true));          // slave: read data nobody asked for
  EXPECT_EQ(t.checker().TotalViolations(), 2u);
  EXPECT_EQ(t.checker().SlaveViolations(), 1u);
}

TEST(AxiChecker, AResetEndsOpenTransactions) {
  Trace t;
  t.Edge(AwTaken(Incr(0x100, 3)));
  t.Edge(ArTaken(Incr(0x200, 3)));
  EXPECT_EQ(t.checker().OpenWrites(), 1u);
  EXPECT_EQ(t.checker().OpenReads(), 1u);
  AxiBusCycle reset;
  reset.in_reset = true;
  t.Edge(reset);
  t.Idle();
  t.checker().Finish(t.cycle());
  EXPECT_EQ(t.checker().TotalViolations(), 0u);
}

TEST(AxiChecker, BeatLanesFollowTheBurstEquations) {
  // INCR, 4-byte beats from 0x1002: the first beat from its address to the end of its container,
  // then whole containers, alternating halves of the 64-bit bus.
  const AxiAddressChannel incr = Incr(0x1002, 3, 2);
  EXPECT_EQ(AxiBeatLanes(incr, 0), 0x0C);
  EXPECT_EQ(AxiBeatLanes(incr, 1), 0xF0);
  EXPECT_EQ(AxiBeatLanes(incr, 2), 0x0F);
  // WRAP of 4 two-byte beats from 0x1006 wraps at the 8-byte container.
  const AxiAddressChannel wrap{
      .valid = true, .id = 0, .addr = 0x1006, .len = 3, .size = 1, .burst = 2};
  EXPECT_EQ(AxiBeatAddress(wrap, 1), 0x1000u);
  EXPECT_EQ(AxiBeatLanes(wrap, 0), 0xC0);
  EXPECT_EQ(AxiBeatLanes(wrap, 1), 0x03);
  // FIXED repeats its (unaligned) first beat.
  AxiAddressChannel fixed = Incr(0x1005, 2, 3);
  fixed.burst = 0;
  EXPECT_EQ(AxiBeatLanes(fixed, 2), 0xE0);
  // Wider than the bus: no lanes.
  EXPECT_EQ(AxiBeatLanes(Incr(0, 0, 4), 0), 0);
}

}  // namespace
}  // namespace edgebert::sim
