// The Verilated GATHER unit (rtl/gb/gb_gather.sv) against golden::RunGb for n = 4 and 16, its
// ReRAM read port served from a golden::ReramStore by the unit harness: random tables (several
// shapes, 0..90 % sparsity, biases up to the alignment limit), random ids and types, faults off
// and on (MLC2, MLC3, two seeds), several read latencies; corrupted masks and row offsets;
// invalid commands and every data-dependent error. Every UAB vector, the error code and the
// saturation count are compared, and every ReRAM read must lie inside what the command may read:
// the three headers, then only the mask words, row-offset words and value words of the rows its
// tokens use (none of them for a command that fails its pre-check).
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <functional>
#include <iostream>
#include <memory>
#include <random>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "Vgb_gather_n16.h"
#include "Vgb_gather_n4.h"
#include "golden/command_cycles.h"
#include "golden/gb_command.h"
#include "golden/gb_golden.h"
#include "golden/reram.h"
#include "harness/mismatch_report.h"
#include "harness/unit_harness.h"

namespace edgebert {
namespace {

using golden::CellMode;
using golden::GbCommand;
using golden::ReramReadSettings;
using regs::ErrCode;
using regs::Opcode;

// Sizes the models are built with (tests/rtl/CMakeLists.txt).
constexpr uint32_t kUabVectors = 16384;
constexpr uint32_t kAuxBytes = 4096;
constexpr uint32_t kReramWords = 65536;
constexpr uint32_t kValueBase = 16384;

template <typename ModelT, int kLanesT>
struct GatherConfig {
  using Model = ModelT;
  static constexpr int kLanes = kLanesT;
};

// How one run reads the ReRAM: the settings and the harness latencies (SLC region, value region).
struct ReadSetup {
  ReramReadSettings settings;
  int slc_latency = 1;
  int value_latency = 1;

  std::string Name() const {
    static const char* kModes[] = {"SLC", "MLC2", "MLC3"};
    std::ostringstream s;
    s << kModes[static_cast<int>(settings.mode)]
      << (settings.fault_en ? " faults seed " + std::to_string(settings.seed) : " no faults")
      << " latency " << slc_latency << "/" << value_latency;
    return s.str();
  }
};

// The table of one random GATHER.
struct TableSpec {
  int rows = 1;
  int bias = 0;
  double sparsity = 0;
};

template <typename Config>
class GbGatherTest : public ::testing::Test {
 protected:
  static constexpr int kLanes = Config::kLanes;
  static constexpr auto kN = static_cast<uint32_t>(Config::kLanes);

  GbGatherTest()
      : limits_{kLanes, kUabVectors, 0, kAuxBytes, kReramWords},
        uab_("uab", kLanes, kUabVectors),
        wsram_("wsram", kLanes, 1),
        aux_(kAuxBytes),
        store_(kReramWords, kValueBase),
        harness_(std::make_unique<sim::UnitHarness<typename Config::Model>>(kLanes, uab_, wsram_,
                                                                            aux_)) {
    // Random background, so that a stray or missing write shows.
    uab_.StoreTensor(0, 1, static_cast<int>(kUabVectors), kLanes,
                     RandomCodes(size_t{kUabVectors} * kN, 0.3));
    aux_.WriteBytes(0, RandomCodes(kAuxBytes, 0.0));
    Serve({});
  }

  uint32_t Rand(uint32_t bound) { return static_cast<uint32_t>(rng_() % bound); }

  std::vector<uint8_t> RandomCodes(size_t count, double sparsity) {
    std::uniform_real_distribution<double> u(0, 1);
    std::vector<uint8_t> codes(count);
    for (auto& c : codes) c = u(rng_) < sparsity ? uint8_t{0} : static_cast<uint8_t>(rng_());
    return codes;
  }

  void Serve(const ReadSetup& r) {
    harness_->ServeReram(&store_, r.settings.mode, r.settings.fault_en, r.settings.seed,
                         r.slc_latency, r.value_latency);
  }

  // A fresh store holding the word, position and type tables of `specs` (dim each), placed with
  // gaps so that a read outside a table lands on other data; returns their byte addresses.
  std::vector<uint32_t> WriteTables(uint32_t dim, const std::vector<TableSpec>& specs) {
    store_ = golden::ReramStore(kReramWords, kValueBase);
    // Poison everywhere first: a stray read picks up nonzero garbage.
    for (uint32_t w = 0; w < kReramWords; ++w) store_.Write(w, static_cast<uint32_t>(rng_()));
    std::vector<uint32_t> addresses;
    uint32_t slc = 8 + Rand(16);
    uint32_t value = kValueBase + Rand(16);
    for (const TableSpec& spec : specs) {
      const auto codes = RandomCodes(static_cast<size_t>(spec.rows) * dim, spec.sparsity);
      const golden::PackedEmbeddingTable t =
          golden::PackEmbeddingTable(spec.rows, static_cast<int>(dim), kLanes, codes, spec.bias);
      golden::WriteEmbeddingTable(store_, slc, value, t);
      addresses.push_back(4 * slc);
      slc += t.SlcWords() + 1 + Rand(8);
      value += t.ValueWords() + 1 + Rand(8);
    }
    return addresses;
  }

  // A GATHER of `tokens` x `dim` over fresh random tables, with random ids and types.
  GbCommand RandomGather(uint32_t tokens, uint32_t dim, int word_rows, int type_rows) {
    const int low = static_cast<int>(Rand(24)) - 20;
    const auto span = Rand(4) == 0 ? 24u : Rand(25);
    auto bias = [&] { return std::min(low + static_cast<int>(Rand(span + 1)), 31); };
    auto sparsity = [&] { return static_cast<double>(Rand(10)) / 10.0; };  // 0 .. 90 %
    return Gather(tokens, dim,
                  {{word_rows, low, sparsity()},
                   {static_cast<int>(tokens + Rand(4)), bias(), sparsity()},
                   {type_rows, bias(), sparsity()}});
  }

  // A GATHER of `tokens` x `dim` over fresh tables made to `specs` (word, position, type), with
  // random ids and types.
  GbCommand Gather(uint32_t tokens, uint32_t dim, const std::vector<TableSpec>& specs) {
    const std::vector<uint32_t> tables = WriteTables(dim, specs);
    GbCommand c;
    c.opcode = Opcode::kGather;
    c.rows = tokens;
    c.cols = dim;
    c.exp_out =
        std::max({specs[0].bias, specs[1].bias, specs[2].bias}) + static_cast<int>(Rand(5)) - 3;
    c.exp_out = std::clamp(c.exp_out, -32, 31);
    c.word_table = tables[0];
    c.pos_table = tables[1];
    c.type_table = tables[2];
    c.dst_stride = dim / kN + Rand(3);
    c.dst_addr = Rand(200);
    c.ids_addr = 4 * Rand(64);
    c.types_addr = c.ids_addr + 4 * ((2 * tokens + 3) / 4) + 4 * Rand(16);
    for (uint32_t t = 0; t < tokens; ++t) {
      SetIds(c, t, Rand(static_cast<uint32_t>(specs[0].rows)),
             Rand(static_cast<uint32_t>(specs[2].rows)));
    }
    return c;
  }

  void SetIds(const GbCommand& c, uint32_t t, uint32_t id, uint32_t type) {
    const uint8_t id_bytes[2] = {static_cast<uint8_t>(id), static_cast<uint8_t>(id >> 8)};
    aux_.WriteBytes(c.ids_addr + 2 * t, id_bytes);
    const uint8_t type_byte[1] = {static_cast<uint8_t>(type)};
    aux_.WriteBytes(c.types_addr + t, type_byte);
  }

  // More cycles than any correct run needs (every read at the longest latency, one in flight,
  // plus a few cycles per table and group); past it the RTL hung.
  static uint64_t Budget(const GbCommand& c, const ReadSetup& r) {
    const uint64_t latency = static_cast<uint64_t>(std::max(r.slc_latency, r.value_latency));
    const uint64_t groups = c.cols / kN;
    const uint64_t reads_per_token = 6 + 3 * groups * (2 + kN / 4 + 1);
    return 400 + 2 * uint64_t{c.rows} +
           uint64_t{c.rows} * (16 + 6 * groups * 3 + reads_per_token * (latency + 1));
  }

  // The ReRAM words `c` may read with these settings: the headers, and for each token the mask
  // words, the two row-offset words and the value words of its three rows' (clipped) ranges.
  std::set<uint32_t> AllowedReads(const GbCommand& c, const ReramReadSettings& s,
                                  bool headers_only) const {
    namespace hdr = golden::embedding_header;
    std::set<uint32_t> allowed;
    const uint32_t bases[3] = {c.word_table / 4, c.pos_table / 4, c.type_table / 4};
    for (const uint32_t base : bases) {
      for (uint32_t i = 0; i < golden::kEmbeddingHeaderWords; ++i) allowed.insert(base + i);
    }
    if (headers_only) return allowed;
    auto read = [&](uint64_t w) {
      return store_.Read(static_cast<uint32_t>(w), s.mode, s.fault_en, s.seed);
    };
    const uint32_t mask_words = golden::MaskWordsPerRow(c.cols);
    for (uint32_t t = 0; t < c.rows; ++t) {
      const uint32_t id = (aux_.ReadWord(c.ids_addr + 4 * (t / 2)) >> (16 * (t % 2))) & 0xFFFF;
      const uint32_t type = (aux_.ReadWord(c.types_addr + 4 * (t / 4)) >> (8 * (t % 4))) & 0xFF;
      const uint32_t rows[3] = {id, t, type};
      for (int k = 0; k < 3; ++k) {
        const uint64_t base = bases[k];
        const uint64_t mask = base + read(base + hdr::kMaskOffset) + uint64_t{rows[k]} * mask_words;
        for (uint32_t i = 0; i < mask_words; ++i) allowed.insert(static_cast<uint32_t>(mask + i));
        const uint64_t offsets = base + read(base + hdr::kRowOffsetOffset) + rows[k];
        allowed.insert(static_cast<uint32_t>(offsets));
        allowed.insert(static_cast<uint32_t>(offsets + 1));
        const uint64_t values = base + read(base + hdr::kValuesOffset);
        const uint64_t begin = read(offsets);
        uint64_t end = std::max<uint64_t>(begin, read(offsets + 1));
        end = std::min<uint64_t>(end, values < kReramWords ? (kReramWords - values) * 4 : 0);
        for (uint64_t b = begin; b < end; b += 4)
          allowed.insert(static_cast<uint32_t>(values + b / 4));
        if (begin < end) allowed.insert(static_cast<uint32_t>(values + (end - 1) / 4));
      }
    }
    return allowed;
  }

  // The cycles of `c` (cycles::GatherCycles, docs/architecture.md section 9), given the ReRAM
  // words the command read (how many value words a row needs depends on its nonzeros).
  uint64_t GatherCycles(const GbCommand& c, const ReadSetup& r, ErrCode error) const {
    if (golden::Validate(c, limits_) != ErrCode::kNone) return cycles::kRejected;
    uint64_t latencies = 0;
    for (const uint32_t word : harness_->reram_reads()) {
      latencies += static_cast<uint64_t>(word < kValueBase ? r.slc_latency : r.value_latency);
    }
    bool headers_failed = false;
    if (error != ErrCode::kNone) {
      // The headers' checks come before the ids': with every id and type 0 the header stage
      // alone can fail (every test table has rows).
      golden::AuxMemory zero_ids = aux_;
      zero_ids.WriteBytes(c.ids_addr, std::vector<uint8_t>(2 * c.rows, 0));
      zero_ids.WriteBytes(c.types_addr, std::vector<uint8_t>(c.rows, 0));
      headers_failed =
          golden::CheckGatherTables(c, limits_, zero_ids, store_, r.settings) != ErrCode::kNone;
    }
    return cycles::GatherCycles(c, kN, latencies, error, headers_failed);
  }

  // Runs `c` on the RTL and on the golden model from copies of the same memories and store;
  // compares the error, the saturations, every UAB vector and where the RTL read the ReRAM.
  sim::PuRun Check(const GbCommand& c, const ReadSetup& r, const std::string& what) {
    SCOPED_TRACE(what + ", " + r.Name());
    Serve(r);
    golden::VectorMemory want_uab = uab_;
    golden::AuxMemory want_aux = aux_;
    const golden::GbResult want =
        golden::RunGb(c, limits_, want_uab, want_aux, 0, &store_, r.settings);
    const uint64_t budget = Budget(c, r);
    const sim::PuRun got = harness_->Run(golden::ToDescriptor(c), budget);
    EXPECT_FALSE(got.timed_out) << "GATHER hung: no done within " << budget << " cycles";
    EXPECT_EQ(got.error, want.error) << "error code";
    EXPECT_EQ(got.perf.saturations, want.saturations) << "saturations";
    // Simulated cycles are deterministic: the documented count holds exactly.
    const uint64_t cycles = GatherCycles(c, r, want.error);
    EXPECT_EQ(got.cycles, cycles) << "GATHER cycles";
    EXPECT_EQ(got.perf.busy_cycles, cycles) << "GATHER busy cycles";
    const sim::ResultRegion region{"GATHER", "DST", c.dst_addr, c.dst_stride, c.rows, c.cols};
    EXPECT_EQ(sim::FirstMismatch(region, uab_, want_uab,
                                 [this](uint32_t v) { return harness_->LastWriteCycle(v); }),
              "");
    EXPECT_EQ(harness_->reram_out_of_range(), 0u) << "ReRAM reads past the store";
    const bool validated = golden::Validate(c, limits_) == ErrCode::kNone;
    if (!validated) {
      EXPECT_TRUE(harness_->reram_reads().empty()) << "an invalid command read the ReRAM";
    } else {
      const std::set<uint32_t> allowed = AllowedReads(c, r.settings, want.error != ErrCode::kNone);
      for (const uint32_t word : harness_->reram_reads()) {
        if (!allowed.contains(word)) {
          ADD_FAILURE() << "ReRAM word " << word << " read outside the command's rows"
                        << (want.error != ErrCode::kNone ? " (failed pre-check)" : "");
          break;
        }
      }
    }
    return got;
  }

  golden::PuLimits limits_;
  golden::VectorMemory uab_;
  golden::VectorMemory wsram_;
  golden::AuxMemory aux_;
  golden::ReramStore store_;
  std::mt19937 rng_{4242};
  std::unique_ptr<sim::UnitHarness<typename Config::Model>> harness_;
};

using Configs = ::testing::Types<GatherConfig<Vgb_gather_n4, 4>, GatherConfig<Vgb_gather_n16, 16>>;
TYPED_TEST_SUITE(GbGatherTest, Configs);

const ReadSetup kSetups[] = {
    {{CellMode::kMlc2, false, 1}, 1, 1},     {{CellMode::kMlc2, true, 0x1234}, 1, 1},
    {{CellMode::kMlc2, true, 0xBEEF}, 1, 2}, {{CellMode::kMlc3, true, 0x1234}, 1, 2},
    {{CellMode::kMlc3, true, 0xBEEF}, 2, 3}, {{CellMode::kSlc, false, 1}, 3, 1},
    {{CellMode::kMlc3, false, 1}, 1, 2},     {{CellMode::kSlc, true, 99}, 1, 1},
};

TYPED_TEST(GbGatherTest, RandomTablesIdsAndFaults) {
  const uint32_t n = this->kN;
  struct Shape {
    uint32_t tokens, dim;
    int word_rows, type_rows;
  };
  const Shape shapes[] = {{12, 128, 200, 2}, {5, n, 1, 1},    {17, 3 * n, 300, 3},
                          {9, 96, 40, 2},    {1, 64, 5, 1},   {33, 32, 260, 4},
                          {6, 768, 20, 2},   {24, 128, 65, 2}};
  int trial = 0;
  for (const Shape& shape : shapes) {
    for (int repeat = 0; repeat < 2; ++repeat, ++trial) {
      const GbCommand c =
          this->RandomGather(shape.tokens, shape.dim, shape.word_rows, shape.type_rows);
      const ReadSetup& setup = kSetups[static_cast<size_t>(trial) % std::size(kSetups)];
      std::ostringstream what;
      what << "trial " << trial << ": T " << c.rows << " E " << c.cols;
      this->Check(c, setup, what.str());
      if (this->HasFailure()) return;
    }
  }
}

// Every fault setting on one set of tables: the results follow the faults the golden model sees.
TYPED_TEST(GbGatherTest, EveryFaultSettingOnTheSameTables) {
  const GbCommand c = this->RandomGather(20, 128, 90, 2);
  for (const ReadSetup& setup : kSetups) {
    this->Check(c, setup, "T 20 E 128");
    if (this->HasFailure()) return;
  }
  // MLC3 faults do show: the faulty result differs from the clean one.
  golden::VectorMemory clean = this->uab_, faulty = this->uab_;
  golden::AuxMemory aux = this->aux_;
  golden::RunGb(c, this->limits_, clean, aux, 0, &this->store_, {CellMode::kMlc3, false, 5});
  golden::RunGb(c, this->limits_, faulty, aux, 0, &this->store_, {CellMode::kMlc3, true, 5});
  EXPECT_NE(clean.LoadTensor(c.dst_addr, c.dst_stride, 20, 128),
            faulty.LoadTensor(c.dst_addr, c.dst_stride, 20, 128));
}

// Masks that claim more nonzeros than their row holds, inverted and oversized row-offset ranges:
// the RTL decodes them like ReadEmbeddingRow and reads only inside each row's (clipped) range.
TYPED_TEST(GbGatherTest, CorruptedMasksAndOffsetsReadOnlyInsideTheirRows) {
  namespace hdr = golden::embedding_header;
  for (int trial = 0; trial < 6; ++trial) {
    const uint32_t dim = trial % 2 == 0 ? 128 : 3 * this->kN;
    GbCommand c = this->RandomGather(10, dim, 12, 2);
    const uint32_t mask_words = golden::MaskWordsPerRow(dim);
    const uint32_t tables[3] = {c.word_table / 4, c.pos_table / 4, c.type_table / 4};
    for (int k = 0; k < 3; ++k) {
      const uint32_t base = tables[k];
      const uint32_t rows = this->store_.Stored(base + hdr::kRows);
      const uint32_t masks = base + this->store_.Stored(base + hdr::kMaskOffset);
      const uint32_t offsets = base + this->store_.Stored(base + hdr::kRowOffsetOffset);
      for (uint32_t r = 0; r < rows; ++r) {
        switch (this->Rand(5)) {
          case 0:  // every column claimed
            for (uint32_t i = 0; i < mask_words; ++i)
              this->store_.Write(masks + r * mask_words + i, ~0u);
            break;
          case 1:  // random mask bits
            for (uint32_t i = 0; i < mask_words; ++i) {
              this->store_.Write(masks + r * mask_words + i, static_cast<uint32_t>(this->rng_()));
            }
            break;
          case 2:  // an empty or inverted range
            this->store_.Write(offsets + r + 1, this->store_.Stored(offsets + r) - this->Rand(3));
            break;
          case 3:  // a range past the end of the store: clipped
            if (r + 1 == rows) this->store_.Write(offsets + r + 1, 0xFFFFFFF0u);
            break;
          default:
            break;
        }
      }
    }
    // One table's values placed so that its rows reach past the last word of the store.
    if (trial == 5) {
      const uint32_t base = tables[2];
      this->store_.Write(base + hdr::kValuesOffset, kReramWords - 3 - base);
    }
    const ReadSetup& setup = kSetups[static_cast<size_t>(trial) % std::size(kSetups)];
    this->Check(c, setup, "corrupted trial " + std::to_string(trial));
    if (this->HasFailure()) return;
  }
}

TYPED_TEST(GbGatherTest, InvalidCommandsWriteNothing) {
  const GbCommand base = this->RandomGather(8, 64, 30, 2);
  struct Case {
    const char* name;
    std::function<void(GbCommand&)> mutate;
  };
  const Case cases[] = {
      {"tokens 0", [](GbCommand& c) { c.rows = 0; }},
      {"tokens 513", [](GbCommand& c) { c.rows = 513; }},
      {"dim 0", [](GbCommand& c) { c.cols = 0; }},
      {"dim not a multiple of n", [](GbCommand& c) { c.cols = 66; }},
      {"unaligned word table", [](GbCommand& c) { c.word_table += 2; }},
      {"unaligned position table", [](GbCommand& c) { c.pos_table += 1; }},
      {"type table header past the store",
       [](GbCommand& c) { c.type_table = 4 * (kReramWords - 7); }},
      {"word table in the unbacked window", [](GbCommand& c) { c.word_table = 0xFFFFFC; }},
      {"unaligned ids", [](GbCommand& c) { c.ids_addr = 2; }},
      {"ids past the aux buffer", [](GbCommand& c) { c.ids_addr = kAuxBytes - 12; }},
      {"unaligned types", [](GbCommand& c) { c.types_addr += 1; }},
      {"types past the aux buffer", [](GbCommand& c) { c.types_addr = kAuxBytes - 4; }},
      {"DST past the UAB", [](GbCommand& c) { c.dst_addr = kUabVectors - 10; }},
  };
  for (const Case& test_case : cases) {
    GbCommand c = base;
    test_case.mutate(c);
    ASSERT_NE(golden::Validate(c, this->limits_), ErrCode::kNone) << test_case.name;
    this->Check(c, kSetups[0], test_case.name);
    if (this->HasFailure()) return;
  }
  GbCommand add = base;
  add.opcode = Opcode::kAdd;
  const sim::PuRun run = this->harness_->Run(golden::ToDescriptor(add), 100);
  ASSERT_FALSE(run.timed_out);
  EXPECT_EQ(run.error, ErrCode::kBadOpcode);
  // The unit still works after the errors.
  this->Check(base, kSetups[1], "valid after errors");
}

// Errors only the data can tell: the same code as the golden model, nothing written, and only the
// three headers read.
TYPED_TEST(GbGatherTest, DataDependentErrorsWriteNothing) {
  namespace hdr = golden::embedding_header;
  const uint32_t dim = 4 * this->kN;
  const GbCommand base = this->Gather(9, dim, {{30, -6, 0.3}, {12, -7, 0.5}, {2, -8, 0.0}});
  struct Poke {
    const char* name;
    uint32_t GbCommand::*table;
    uint32_t field;
    uint32_t value;
    ErrCode error;
  };
  const Poke pokes[] = {
      {"word magic", &GbCommand::word_table, hdr::kMagic, 0x31424D44, ErrCode::kBadAddress},
      {"type magic", &GbCommand::type_table, hdr::kMagic, 0, ErrCode::kBadAddress},
      {"position lanes", &GbCommand::pos_table, hdr::kLanes, this->kN == 4 ? 8u : 4u,
       ErrCode::kBadShape},
      {"word dim", &GbCommand::word_table, hdr::kDim, dim + this->kN, ErrCode::kBadShape},
      {"type bias 32", &GbCommand::type_table, hdr::kExpBias, 32, ErrCode::kBadExponent},
      {"word bias -33", &GbCommand::word_table, hdr::kExpBias, static_cast<uint32_t>(-33),
       ErrCode::kBadExponent},
      {"position bias gap 25", &GbCommand::pos_table, hdr::kExpBias, 17, ErrCode::kBadExponent},
      {"word bias gap 25", &GbCommand::word_table, hdr::kExpBias, static_cast<uint32_t>(-32),
       ErrCode::kBadExponent},
      {"type bias gap 24", &GbCommand::type_table, hdr::kExpBias, 17, ErrCode::kNone},
      {"word mask array past the store", &GbCommand::word_table, hdr::kMaskOffset, kReramWords - 20,
       ErrCode::kBadAddress},
      {"type row offsets past the store", &GbCommand::type_table, hdr::kRowOffsetOffset,
       kReramWords, ErrCode::kBadAddress},
      {"word rows 2^32 - 1", &GbCommand::word_table, hdr::kRows, 0xFFFFFFFF, ErrCode::kBadAddress},
      {"position table shorter than T", &GbCommand::pos_table, hdr::kRows, 8, ErrCode::kBadAddress},
      {"position table as long as T", &GbCommand::pos_table, hdr::kRows, 9, ErrCode::kNone},
  };
  size_t setup = 0;
  for (const Poke& poke : pokes) {
    const uint32_t word = (base.*poke.table) / 4 + poke.field;
    const uint32_t old = this->store_.Stored(word);
    this->store_.Write(word, poke.value);
    const ReadSetup& r = kSetups[setup++ % std::size(kSetups)];
    EXPECT_EQ(golden::CheckGatherTables(base, this->limits_, this->aux_, this->store_, r.settings),
              poke.error)
        << poke.name;
    this->Check(base, r, poke.name);
    this->store_.Write(word, old);
    if (this->HasFailure()) return;
  }
  // Ids out of range, at the first and the last token, and a type id out of range.
  for (const uint32_t t : {0u, 8u}) {
    this->SetIds(base, t, 30, 0);
    this->Check(base, kSetups[0], "token id 30 of 30 at t " + std::to_string(t));
    this->SetIds(base, t, 0, 2);
    this->Check(base, kSetups[3], "type id 2 of 2 at t " + std::to_string(t));
    this->SetIds(base, t, 29, 1);
    this->Check(base, kSetups[2], "largest ids at t " + std::to_string(t));
    if (this->HasFailure()) return;
  }
  // Ids past TOKENS are not checked.
  GbCommand shorter = base;
  shorter.rows = 8;
  this->SetIds(base, 8, 0xFFFF, 0xFF);
  this->Check(shorter, kSetups[1], "ids past TOKENS");
  this->Check(base, kSetups[1], "the same ids inside TOKENS");
}

// Cycles of the reference shape, T = 128, E = 128, default latencies (1 cycle SLC and MLC2), for
// three sparsities; printed (docs/reram.md quotes n = 16) and checked against golden like the rest.
TYPED_TEST(GbGatherTest, CyclesAtTheReferenceShape) {
  for (const double sparsity : {0.0, 0.5, 0.9}) {
    const std::vector<TableSpec> specs = {
        {256, -6, sparsity}, {130, -7, sparsity}, {2, -8, sparsity}};
    const std::vector<uint32_t> tables = this->WriteTables(128, specs);
    GbCommand c;
    c.opcode = Opcode::kGather;
    c.rows = 128;
    c.cols = 128;
    c.exp_out = -5;
    c.word_table = tables[0];
    c.pos_table = tables[1];
    c.type_table = tables[2];
    c.dst_addr = 0;
    c.dst_stride = 8;
    c.ids_addr = 0;
    c.types_addr = 256;
    for (uint32_t t = 0; t < 128; ++t) this->SetIds(c, t, this->Rand(256), this->Rand(2));
    const sim::PuRun run = this->Check(c, kSetups[0], "T 128 E 128");
    std::cout << "GATHER T 128 E 128 n " << this->kN << ", sparsity " << sparsity << ": "
              << run.cycles << " cycles (" << static_cast<double>(run.cycles) / 128
              << " per token), " << this->harness_->reram_reads().size() << " ReRAM reads\n";
    if (this->HasFailure()) return;
  }
}

}  // namespace
}  // namespace edgebert
