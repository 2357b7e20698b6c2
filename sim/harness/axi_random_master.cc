#include "harness/axi_random_master.h"

#include <algorithm>
#include <deque>
#include <map>
#include <optional>
#include <random>
#include <span>
#include <stdexcept>

#include "driver/transport.h"
#include "regmap/edgebert_regs.h"
#include "util/hex.h"

namespace edgebert::sim {
namespace {

using driver::BusResponse;
using util::Hex;

// What a burst may touch, for the overlap rule: a family of windows that alias (a WSRAM or UAB
// vector through either plane is one thing), and a unit range in it (vectors for the two
// vector memories, bytes elsewhere).
struct Footprint {
  int family = -1;          // -1: touches nothing that can be read back
  uint64_t lo = 0, hi = 0;  // inclusive
  bool Overlaps(const Footprint& o) const {
    return family >= 0 && family == o.family && lo <= o.hi && o.lo <= hi;
  }
};

struct Window {
  const char* name;
  uint32_t base;
  uint64_t backed;  // bytes
  uint64_t span;    // window size in the map
  int family;
  uint32_t unit;  // bytes per footprint unit (n for a value plane, 4 for a mask plane)
};

struct Txn {
  uint64_t index = 0;
  bool write = false;
  AxiAddressChannel a;
  std::vector<uint64_t> data;
  std::vector<uint8_t> strb;
  std::vector<uint8_t> expect_resp;  // per beat (reads), one entry (writes: BRESP)
  std::vector<uint64_t> expect_data;
  Footprint footprint;
  std::optional<AxiRule> illegal;  // the AXI4_ERRM rule it breaks on purpose
  bool addr_done = false;
  bool data_done = false;  // writes: all W beats sent
  bool w_started = false;
  bool done = false;
  uint32_t beats = 0;  // W beats sent or R beats received
};

uint8_t FirstError(uint8_t so_far, uint8_t next) { return so_far != kAxiRespOkay ? so_far : next; }

class RandomMaster {
 public:
  RandomMaster(SocTransport& dut, const golden::AcceleratorConfig& config,
               const AxiRandomOptions& options)
      : dut_(dut), ref_(config), options_(options), rng_(options.seed) {
    const auto n = static_cast<uint64_t>(config.limits.lanes);
    const uint64_t wsram = config.limits.wsram_vectors, uab = config.limits.uab_vectors;
    windows_ = {
        {"WSRAM_VAL", regs::kMemWsramValBase, wsram * n, regs::kMemWsramValSize, 0,
         static_cast<uint32_t>(n)},
        {"WSRAM_MASK", regs::kMemWsramMaskBase, wsram * 4, regs::kMemWsramMaskSize, 0, 4},
        {"UAB_VAL", regs::kMemUabValBase, uab * n, regs::kMemUabValSize, 1,
         static_cast<uint32_t>(n)},
        {"UAB_MASK", regs::kMemUabMaskBase, uab * 4, regs::kMemUabMaskSize, 1, 4},
        {"AUX", regs::kMemAuxBase, config.limits.aux_bytes, regs::kMemAuxSize, 2, 1},
        {"RERAM", regs::kMemReramBase, uint64_t{config.limits.reram_words} * 4, regs::kMemReramSize,
         3, 1},
    };
  }

  AxiRandomReport Run() {
    AxiProtocolChecker* checker = dut_.axi_checker();
    if (checker == nullptr) {
      throw std::invalid_argument("RunAxiRandom: the SoC needs its AXI checker (kRecord)");
    }
    const uint64_t errm_before = checker->TotalViolations() - checker->SlaveViolations();
    const uint64_t start = dut_.Cycles();
    uint64_t last_progress = start;
    while (generated_ < options_.transactions || !Idle()) {
      Commit();
      if (Step()) last_progress = dut_.Cycles();
      if (dut_.Cycles() - last_progress > options_.stall_cycles) {
        throw driver::TransportError(
            "AXI random master (seed " + std::to_string(options_.seed) + "): no handshake for " +
            std::to_string(options_.stall_cycles) + " cycles; " + Outstanding());
      }
    }
    // A few idle edges so the checker sees the bus settle, then its end-of-run rules.
    for (int i = 0; i < 4; ++i) dut_.Cycle(AxiMasterSignals{});
    checker->Finish(dut_.Cycles());
    report_.cycles = dut_.Cycles() - start;

    // The checker must report exactly the rules broken on purpose, and nothing of the slave's.
    uint64_t expected_total = 0;
    for (const auto& [rule, count] : expected_) {
      report_.expected_master_violations.emplace_back(rule, count);
      expected_total += count;
      if (checker->Count(rule) < count) {
        Mismatch(std::string(DescribeAxiRule(rule).name) + ": the checker saw " +
                 std::to_string(checker->Count(rule)) + ", the master broke it " +
                 std::to_string(count) + " times");
      }
    }
    const uint64_t errm = checker->TotalViolations() - checker->SlaveViolations() - errm_before;
    if (errm != expected_total) {
      Mismatch("the checker saw " + std::to_string(errm) + " master-side violations, expected " +
               std::to_string(expected_total));
    }
    for (const AxiViolation& v : checker->violations()) {
      if (DescribeAxiRule(v.rule).name.starts_with("AXI4_ERRS_")) {
        Mismatch("slave: " + FormatAxiViolation(v));
      }
    }
    return report_;
  }

 private:
  // ---- Generation -----------------------------------------------------------------------------

  uint32_t Uniform(uint32_t lo, uint32_t hi) {  // inclusive
    return std::uniform_int_distribution<uint32_t>(lo, hi)(rng_);
  }
  bool Chance(uint32_t percent) { return Uniform(0, 99) < percent; }

  // An offset in a window's backed part where reads are likely to find earlier writes: its
  // first 16 KiB or its last 8 KiB.
  uint32_t HotOffset(const Window& w) {
    const uint64_t first = std::min<uint64_t>(w.backed, 16 * 1024);
    if (w.backed > 24 * 1024 && Chance(40)) {
      return static_cast<uint32_t>(w.backed - 8 * 1024 + Uniform(0, 8 * 1024 - 1));
    }
    return Uniform(0, static_cast<uint32_t>(first - 1));
  }

  // A legal INCR burst at `address`: any size, lengths up to 256 beats within the 4 KiB page.
  void LegalIncr(Txn& t, uint32_t address, bool aligned) {
    t.a.burst = kAxiBurstIncr;
    t.a.size = static_cast<uint8_t>(Uniform(0, 3));
    const uint32_t bytes = 1u << t.a.size;
    if (aligned) address &= ~(bytes - 1);
    const uint32_t room = (0x1000 - ((address & ~(bytes - 1)) & 0xFFF)) / bytes;
    const uint32_t pick = Uniform(0, 9);
    const uint32_t want = pick < 3 ? 1 : pick < 8 ? Uniform(2, 16) : Uniform(17, 256);
    t.a.addr = address;
    t.a.len = static_cast<uint8_t>(std::min(want, room) - 1);
  }

  Txn Generate() {
    Txn t;
    t.index = generated_++;
    t.write = Chance(50);
    t.a.valid = true;
    t.a.id = static_cast<uint8_t>(Uniform(0, kAxiIds - 1));
    // Half of the reads read back a recent write's bytes in its own shape, so that most read
    // data compared is data written, not the zeros of untouched memory.
    if (!t.write && !written_.empty() && Chance(50)) {
      t.a = written_[Uniform(0, static_cast<uint32_t>(written_.size() - 1))];
      t.a.id = static_cast<uint8_t>(Uniform(0, kAxiIds - 1));
      Tally(t);
      return t;
    }
    const Window& w = windows_[Uniform(0, static_cast<uint32_t>(windows_.size() - 1))];
    const uint32_t offset = HotOffset(w);
    const uint32_t kind = Uniform(0, 99);
    if (kind < options_.illegal_percent) {
      MakeIllegal(t, w);
    } else if (kind < options_.illegal_percent + options_.error_percent) {
      MakeRefused(t, w);
    } else if (kind < options_.illegal_percent + options_.error_percent + 5) {
      MakeCsr(t);
    } else {
      const uint32_t shape = Uniform(0, 9);
      const uint32_t address = w.base + offset;
      if (shape == 0) {  // FIXED: legal, not implemented by this slave (SLVERR)
        t.a.burst = kAxiBurstFixed;
        t.a.size = static_cast<uint8_t>(Uniform(0, 3));
        t.a.addr = address;
        t.a.len = static_cast<uint8_t>(Uniform(0, 15));
      } else if (shape == 1) {  // WRAP: legal, not implemented either
        t.a.burst = kAxiBurstWrap;
        t.a.size = static_cast<uint8_t>(Uniform(0, 3));
        t.a.addr = address & ~((1u << t.a.size) - 1);
        t.a.len = static_cast<uint8_t>((2u << Uniform(0, 3)) - 1);
      } else {
        LegalIncr(t, address, Chance(70));
        if (t.write) {
          if (written_.size() == 64) written_.erase(written_.begin());
          written_.push_back(t.a);
        }
      }
    }
    FillWriteData(t);
    Tally(t);
    return t;
  }

  // Requests the slave refuses by design: past a window's backed part or unmapped (DECERR).
  void MakeRefused(Txn& t, const Window& w) {
    uint32_t address;
    if (Chance(60)) {
      address = w.base + static_cast<uint32_t>(w.backed) +
                Uniform(0, static_cast<uint32_t>(std::min<uint64_t>(w.span - w.backed, 65536) - 1));
    } else {
      constexpr uint32_t kUnmapped[] = {0x00001000u, 0x08000000u, 0x18000000u, 0x22100000u,
                                        0x2F000000u, 0x31000000u, 0x80000000u, 0xFFFFF000u};
      address = kUnmapped[Uniform(0, 7)] + Uniform(0, 0x7FF);
    }
    LegalIncr(t, address, Chance(70));
  }

  // CSR accesses: SCRATCH written and read back, identification registers read, and what the
  // CSR block refuses (bursts, wide beats, partial strobes, reserved offsets): SLVERR.
  void MakeCsr(Txn& t) {
    t.a.burst = kAxiBurstIncr;
    t.a.size = 2;
    t.a.len = 0;
    const uint32_t pick = Uniform(0, 9);
    if (pick < 4) {
      t.a.addr = regs::kScratchOffset;
    } else if (pick < 6) {
      constexpr uint32_t kReadOnly[] = {regs::kIdOffset, regs::kHwcfg0Offset, regs::kHwcfg1Offset,
                                        regs::kHwcfg2Offset};
      t.a.addr = kReadOnly[Uniform(0, 3)];
    } else if (pick < 8) {  // a burst or a wide beat
      t.a.addr = regs::kScratchOffset;
      if (Chance(50)) {
        t.a.len = static_cast<uint8_t>(Uniform(1, 3));
      } else {
        t.a.size = 3;
        t.a.addr &= ~7u;
      }
    } else {  // a reserved offset
      t.a.addr = 0x800 + 4 * Uniform(0, 255);
    }
  }

  // Requests that break an AXI4_ERRM rule; the slave must still answer every beat.
  void MakeIllegal(Txn& t, const Window& w) {
    const bool wr = t.write;
    switch (Uniform(0, 5)) {
      case 0: {  // INCR across a 4 KiB boundary inside the backed part
        t.a.burst = kAxiBurstIncr;
        t.a.size = static_cast<uint8_t>(Uniform(2, 3));
        const uint32_t bytes = 1u << t.a.size;
        const uint32_t page = static_cast<uint32_t>(std::min<uint64_t>(w.backed, 16 * 1024));
        const uint32_t boundary = 0x1000 * Uniform(1, page / 0x1000 - 1);
        t.a.addr = w.base + boundary - bytes * Uniform(1, 8);
        t.a.len = static_cast<uint8_t>(Uniform(9, 24));
        t.illegal = wr ? AxiRule::kErrmAwaddrBoundary : AxiRule::kErrmAraddrBoundary;
        break;
      }
      case 1: {  // WRAP of a length other than 2, 4, 8, 16
        constexpr uint8_t kLens[] = {0, 2, 4, 5, 6, 16, 31};
        t.a.burst = kAxiBurstWrap;
        t.a.size = static_cast<uint8_t>(Uniform(0, 3));
        t.a.addr = (w.base + HotOffset(w)) & ~((1u << t.a.size) - 1);
        t.a.len = kLens[Uniform(0, 6)];
        t.illegal = wr ? AxiRule::kErrmAwlenWrap : AxiRule::kErrmArlenWrap;
        break;
      }
      case 2: {  // WRAP from an unaligned address
        t.a.burst = kAxiBurstWrap;
        t.a.size = static_cast<uint8_t>(Uniform(1, 3));
        t.a.addr = ((w.base + HotOffset(w)) & ~7u) + 1;
        t.a.len = 3;
        t.illegal = wr ? AxiRule::kErrmAwaddrWrapAlign : AxiRule::kErrmAraddrWrapAlign;
        break;
      }
      case 3:  // FIXED longer than 16 beats
        t.a.burst = kAxiBurstFixed;
        t.a.size = 3;
        t.a.addr = (w.base + HotOffset(w)) & ~7u;
        t.a.len = static_cast<uint8_t>(Uniform(16, 40));
        t.illegal = wr ? AxiRule::kErrmAwlenFixed : AxiRule::kErrmArlenFixed;
        break;
      case 4:  // the reserved burst type
        t.a.burst = 3;
        t.a.size = 3;
        t.a.addr = (w.base + HotOffset(w)) & ~7u;
        t.a.len = static_cast<uint8_t>(Uniform(0, 7));
        t.illegal = wr ? AxiRule::kErrmAwburst : AxiRule::kErrmArburst;
        break;
      default:  // beats wider than the bus
        t.a.burst = kAxiBurstIncr;
        t.a.size = static_cast<uint8_t>(Uniform(4, 7));
        t.a.addr = (w.base + HotOffset(w)) & ~0x7Fu;
        t.a.len = static_cast<uint8_t>(Uniform(0, 3));
        t.illegal = wr ? AxiRule::kErrmAwsize : AxiRule::kErrmArsize;
        break;
    }
  }

  // Random data; strobes a random subset of each beat's lanes half of the time, else all.
  void FillWriteData(Txn& t) {
    if (!t.write) return;
    const uint32_t beats = uint32_t{t.a.len} + 1;
    const bool sparse = Chance(50);
    for (uint32_t k = 0; k < beats; ++k) {
      t.data.push_back(std::uniform_int_distribution<uint64_t>()(rng_));
      const uint8_t lanes = AxiBeatLanes(t.a, k);
      t.strb.push_back(sparse ? static_cast<uint8_t>(lanes & Uniform(0, 255)) : lanes);
    }
    if (sparse) ++report_.sparse_strobes;
  }

  void Tally(const Txn& t) {
    ++report_.transactions;
    ++(t.write ? report_.writes : report_.reads);
    (t.a.burst == kAxiBurstFixed  ? report_.fixed
     : t.a.burst == kAxiBurstWrap ? report_.wrap
                                  : report_.incr)++;
    if (t.a.size < 3) ++report_.narrow;
    if (t.a.size <= 3 && (t.a.addr & ((1u << t.a.size) - 1)) != 0) ++report_.unaligned;
    if (t.illegal) {
      ++report_.illegal;
      ++expected_[*t.illegal];
    }
  }

  // ---- The reference ----------------------------------------------------------------------

  // The bytes a burst touches as the slave implements it (INCR runs linearly, whatever the
  // protocol says about 4 KiB), mapped to its window family's units.
  Footprint FootprintOf(const Txn& t) const {
    const uint32_t bytes = 1u << (t.a.size & 7);
    uint64_t lo = t.a.addr & ~7u;
    uint64_t hi =
        (uint64_t{t.a.addr & ~(bytes - 1)} + uint64_t{bytes} * (t.a.len + 1u) + 7) / 8 * 8 - 1;
    if (t.a.burst != kAxiBurstIncr || bytes > kAxiDataBytes) hi = lo + 7;  // no access
    if (t.a.addr < regs::kMemCsrBase + regs::kMemCsrSize) return {4, lo, hi};
    for (const Window& w : windows_) {
      if (lo >= w.base && lo < uint64_t{w.base} + w.span) {
        return {w.family, (lo - w.base) / w.unit, (hi - w.base) / w.unit};
      }
    }
    return {};
  }

  uint8_t RefWord(bool write, uint32_t address, uint32_t value, uint8_t strobes, bool single,
                  uint32_t* read) {
    if (address < regs::kMemCsrBase + regs::kMemCsrSize && !single) return kAxiRespSlvErr;
    if (write) return static_cast<uint8_t>(ref_.WriteWordStrobed(address, value, strobes));
    uint32_t word = 0;
    const BusResponse r = ref_.Read(address, std::span<uint32_t>(&word, 1));
    *read = word;
    return static_cast<uint8_t>(r);
  }

  // Applies the burst to the reference as the slave's word accesses and records what the slave
  // must answer.
  void Predict(Txn& t) {
    const bool supported = t.a.burst == kAxiBurstIncr && t.a.size <= 3;
    const bool single = t.a.len == 0 && t.a.size == 2;
    const uint32_t beats = uint32_t{t.a.len} + 1;
    uint8_t burst_resp = kAxiRespOkay;
    for (uint32_t k = 0; k < beats; ++k) {
      uint8_t resp = kAxiRespOkay;
      uint64_t data = 0;
      if (!supported) {
        resp = kAxiRespSlvErr;
      } else {
        const uint32_t address = AxiBeatAddress(t.a, k);
        const bool low = (address & 4) == 0;
        const bool high = t.a.size == 3 || !low;
        for (uint32_t h = low ? 0 : 1; h <= (high ? 1u : 0u); ++h) {
          const uint32_t word_address = (address & ~7u) | (h << 2);
          uint32_t word = 0;
          const uint8_t r = RefWord(
              t.write, word_address, t.write ? static_cast<uint32_t>(t.data[k] >> (32 * h)) : 0,
              t.write ? static_cast<uint8_t>(t.strb[k] >> (4 * h)) : 0, single, &word);
          resp = FirstError(resp, r);
          if (r == kAxiRespOkay) data |= uint64_t{word} << (32 * h);
        }
      }
      burst_resp = FirstError(burst_resp, resp);
      if (!t.write) {
        t.expect_resp.push_back(resp);
        t.expect_data.push_back(data);
      }
    }
    if (t.write) t.expect_resp.push_back(burst_resp);
    if (burst_resp != kAxiRespOkay && !t.illegal) ++report_.refused;
  }

  std::string Describe(const Txn& t) const {
    return std::string(t.write ? "write" : "read") + " #" + std::to_string(t.index) + " (" +
           DescribeAxiAddress(t.a) + ")";
  }

  void Mismatch(std::string what) {
    if (report_.mismatches.size() < 50) report_.mismatches.push_back(std::move(what));
  }

  // ---- Issue and the channels -------------------------------------------------------------

  size_t OpenCount(bool write) const {
    size_t n = 0;
    for (const Txn* t : open_) n += t->write == write ? 1 : 0;
    return n;
  }

  // Commits the next generated burst when its direction has room and it overlaps no open
  // burst that a write makes order-dependent.
  void Commit() {
    while (true) {
      if (!next_ && generated_ < options_.transactions) next_ = Generate();
      if (!next_) return;
      Txn& t = *next_;
      t.footprint = FootprintOf(t);
      if (OpenCount(t.write) >= options_.max_outstanding) return;
      for (const Txn* o : open_) {
        if ((o->write || t.write) && o->footprint.Overlaps(t.footprint)) return;
      }
      Predict(t);
      store_.push_back(std::move(t));
      next_.reset();
      Txn* committed = &store_.back();
      open_.push_back(committed);
      (committed->write ? aw_queue_ : ar_queue_).push_back(committed);
      if (committed->write) w_queue_.push_back(committed);
      report_.max_outstanding = std::max<uint64_t>(report_.max_outstanding, open_.size());
    }
  }

  bool Idle() const { return !next_ && open_.empty(); }

  int Delay() {
    const uint32_t r = Uniform(0, 15);
    return r < 8 ? 0 : static_cast<int>(r - 7);
  }

  // One cycle: drives the channels, runs the edge, handles the handshakes. True when any
  // handshake happened.
  bool Step() {
    AxiMasterSignals m;
    if (!aw_queue_.empty() && aw_wait_ < 0) aw_wait_ = Delay();
    if (!ar_queue_.empty() && ar_wait_ < 0) ar_wait_ = Delay();
    if (!w_queue_.empty() && w_wait_ < 0) w_wait_ = Delay();
    Txn* aw = aw_wait_ == 0 ? aw_queue_.front() : nullptr;
    Txn* ar = ar_wait_ == 0 ? ar_queue_.front() : nullptr;
    Txn* w = w_wait_ == 0 ? w_queue_.front() : nullptr;
    if (aw) m.aw = aw->a;
    if (ar) m.ar = ar->a;
    if (w) {
      m.w_valid = true;
      m.w_data = w->data[w->beats];
      m.w_strb = w->strb[w->beats];
      m.w_last = w->beats == w->a.len;
      if (!w->w_started && !w->addr_done) {
        ++report_.data_first;
      }
      w->w_started = true;
    }
    m.b_ready = Chance(75);
    m.r_ready = Chance(75);

    const AxiSlaveSignals s = dut_.Cycle(m);
    bool progress = false;
    if (aw_wait_ > 0) --aw_wait_;
    if (ar_wait_ > 0) --ar_wait_;
    if (w_wait_ > 0) --w_wait_;
    if (s.b_valid && m.b_ready) {
      OnB(s);
      progress = true;
    }
    if (s.r_valid && m.r_ready) {
      OnR(s);
      progress = true;
    }
    if (aw && s.aw_ready) {
      aw->addr_done = true;
      aw_queue_.pop_front();
      aw_wait_ = -1;
      progress = true;
    }
    if (ar && s.ar_ready) {
      ar->addr_done = true;
      ar_queue_.pop_front();
      ar_wait_ = -1;
      progress = true;
    }
    if (w && s.w_ready) {
      ++report_.write_beats;
      if (++w->beats == uint32_t{w->a.len} + 1) {
        w->data_done = true;
        w_queue_.pop_front();
      }
      w_wait_ = -1;
      progress = true;
    }
    return progress;
  }

  // The oldest open burst of a direction with this ID whose address was accepted.
  Txn* Oldest(bool write, uint8_t id) {
    for (Txn* t : open_) {
      if (t->write == write && t->a.id == id && t->addr_done) return t;
    }
    return nullptr;
  }

  void Close(Txn* t) {
    t->done = true;
    open_.erase(std::find(open_.begin(), open_.end(), t));
  }

  void OnB(const AxiSlaveSignals& s) {
    Txn* t = Oldest(true, s.b_id);
    if (t == nullptr) {
      Mismatch("B with BID " + std::to_string(s.b_id) + " and no open write");
      return;
    }
    if (!t->data_done) Mismatch(Describe(*t) + ": B before its last W beat");
    if (s.b_resp != t->expect_resp[0]) {
      Mismatch(Describe(*t) + ": BRESP " + std::to_string(s.b_resp) + ", expected " +
               std::to_string(t->expect_resp[0]));
    }
    Close(t);
  }

  void OnR(const AxiSlaveSignals& s) {
    Txn* t = Oldest(false, s.r_id);
    if (t == nullptr) {
      Mismatch("R with RID " + std::to_string(s.r_id) + " and no open read");
      return;
    }
    const uint32_t k = t->beats++;
    ++report_.read_beats;
    if (k >= t->expect_resp.size()) {
      Mismatch(Describe(*t) + ": more R beats than ARLEN + 1");
      Close(t);
      return;
    }
    if (s.r_resp != t->expect_resp[k]) {
      Mismatch(Describe(*t) + " beat " + std::to_string(k) + ": RRESP " + std::to_string(s.r_resp) +
               ", expected " + std::to_string(t->expect_resp[k]));
    } else if (s.r_resp == kAxiRespOkay) {
      uint64_t lanes = 0;
      const uint8_t lane_bits = AxiBeatLanes(t->a, k);
      for (uint32_t b = 0; b < 8; ++b) {
        if ((lane_bits >> b) & 1) lanes |= uint64_t{0xFF} << (8 * b);
      }
      if ((t->expect_data[k] & lanes) != 0) ++report_.nonzero_read_beats;
      if (((s.r_data ^ t->expect_data[k]) & lanes) != 0) {
        Mismatch(Describe(*t) + " beat " + std::to_string(k) + " lanes " + Hex(lane_bits) +
                 ": RDATA " + Hex(s.r_data & lanes) + ", expected " +
                 Hex(t->expect_data[k] & lanes));
      }
    }
    if (k + 1 == t->expect_resp.size()) Close(t);
  }

  std::string Outstanding() const {
    std::string text = std::to_string(open_.size()) + " open:";
    for (const Txn* t : open_) {
      text += " " + Describe(*t) + (t->addr_done ? " [address taken" : " [address waiting") + ", " +
              std::to_string(t->beats) + " beats]";
    }
    return text;
  }

  SocTransport& dut_;
  GoldenSoc ref_;
  AxiRandomOptions options_;
  std::mt19937_64 rng_;
  std::vector<Window> windows_;
  AxiRandomReport report_;
  std::map<AxiRule, uint64_t> expected_;
  std::vector<AxiAddressChannel> written_;  // the last 64 legal INCR writes
  uint32_t generated_ = 0;
  std::optional<Txn> next_;
  std::deque<Txn> store_;   // committed bursts (a deque keeps their addresses)
  std::vector<Txn*> open_;  // committed, not answered, in commit order
  std::deque<Txn*> aw_queue_, ar_queue_, w_queue_;
  int aw_wait_ = -1, ar_wait_ = -1, w_wait_ = -1;  // cycles before the next VALID; -1 none
};

}  // namespace

std::string AxiRandomReport::Summary() const {
  return std::to_string(transactions) + " bursts (" + std::to_string(writes) + " writes, " +
         std::to_string(reads) + " reads; " + std::to_string(incr) + " INCR, " +
         std::to_string(fixed) + " FIXED, " + std::to_string(wrap) + " WRAP; " +
         std::to_string(narrow) + " narrow, " + std::to_string(unaligned) + " unaligned, " +
         std::to_string(sparse_strobes) + " with sparse strobes, " + std::to_string(data_first) +
         " with W before AW), " + std::to_string(write_beats) + " W and " +
         std::to_string(read_beats) + " R beats (" + std::to_string(nonzero_read_beats) +
         " carrying written data), " + std::to_string(refused) + " refused by design, " +
         std::to_string(illegal) + " illegal on purpose, up to " + std::to_string(max_outstanding) +
         " in flight, " + std::to_string(cycles) + " cycles, " + std::to_string(mismatches.size()) +
         " mismatches";
}

AxiRandomReport RunAxiRandom(SocTransport& dut, const golden::AcceleratorConfig& config,
                             const AxiRandomOptions& options) {
  RandomMaster master(dut, config, options);
  return master.Run();
}

}  // namespace edgebert::sim
