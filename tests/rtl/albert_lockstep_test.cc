// The whole compiled tiny ALBERT, command by command, on the Verilated RTL units (the PU for
// MATMUL, the GB row units for the rest) in lockstep with the full-model golden: the RTL side
// runs on its own memories, fed only by its own earlier results, and after every command its
// result tensor must equal the golden's bit for bit. This is the model-level check that the
// program's descriptors mean the same to the RTL as to the golden model.
#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "Vgb_eltwise_lock.h"
#include "Vgb_entropy_lock.h"
#include "Vgb_gather_lock.h"
#include "Vgb_layernorm_lock.h"
#include "Vgb_softmax_lock.h"
#include "Vpu_lock.h"
#include "golden/accelerator.h"
#include "harness/mismatch_report.h"
#include "harness/unit_harness.h"
#include "model/albert_config.h"
#include "model/albert_golden.h"
#include "model/albert_program.h"
#include "model/albert_reference.h"
#include "model/compiler.h"
#include "model/safetensors.h"
#include "model/task_config.h"
#include "small_accelerator.h"
#include "workloads/sst2_sample.h"
#include "workloads/tiny_model.h"

namespace edgebert {
namespace {

constexpr int kLanes = 16;
constexpr int kSeqLen = sim::kTinySeqLen;
constexpr int kReramLatency = 2;

// The Verilated units' sizes (tests/rtl/CMakeLists.txt).
golden::AcceleratorConfig LockstepAccelerator() { return sim::SmallAcceleratorConfig(kLanes); }

model::ModelImage CompileTiny() { return sim::CompileTinyModel(sim::TinyTask()); }

// The RTL side: its own memories and one harness per unit, all on those memories.
class RtlAccelerator {
 public:
  RtlAccelerator()
      : memories_(LockstepAccelerator()),
        pu_(kLanes, memories_.uab(), memories_.wsram(), memories_.aux()),
        eltwise_(kLanes, memories_.uab(), memories_.wsram(), memories_.aux()),
        softmax_(kLanes, memories_.uab(), memories_.wsram(), memories_.aux()),
        entropy_(kLanes, memories_.uab(), memories_.wsram(), memories_.aux()),
        layernorm_(kLanes, memories_.uab(), memories_.wsram(), memories_.aux()),
        gather_(kLanes, memories_.uab(), memories_.wsram(), memories_.aux()) {
    gather_.ServeReram(&memories_.reram(), golden::CellMode::kMlc2, false, 1, kReramLatency);
  }

  golden::GoldenAccelerator& memories() { return memories_; }

  struct Outcome {
    sim::PuRun run;
    uint32_t entropy_q24 = 0;
    bool early_exit = false;
    std::function<int64_t(uint32_t)> write_cycle;
  };

  Outcome Run(const golden::Descriptor& words, uint32_t threshold_q24) {
    const auto opcode = static_cast<regs::Opcode>(golden::Get(words, regs::cmd::kOpcode));
    // Generous: every unit needs far fewer cycles than this for the tiny model's shapes.
    constexpr uint64_t kBudget = 2'000'000;
    Outcome o;
    switch (opcode) {
      case regs::Opcode::kMatmul:
        return Finish(pu_, words, kBudget);
      case regs::Opcode::kSoftmax:
        return Finish(softmax_, words, kBudget);
      case regs::Opcode::kLayernorm:
        return Finish(layernorm_, words, kBudget);
      case regs::Opcode::kGather:
        return Finish(gather_, words, kBudget);
      case regs::Opcode::kEntropy: {
        entropy_.model().entropy_threshold_i = threshold_q24;
        o = Finish(entropy_, words, kBudget);
        o.entropy_q24 = entropy_.model().entropy_o;
        o.early_exit = entropy_.model().early_exit_o != 0;
        return o;
      }
      default:
        return Finish(eltwise_, words, kBudget);
    }
  }

 private:
  template <typename Harness>
  Outcome Finish(Harness& harness, const golden::Descriptor& words, uint64_t budget) {
    Outcome o;
    o.run = harness.Run(words, budget);
    o.write_cycle = [&harness](uint32_t v) { return harness.LastWriteCycle(v); };
    return o;
  }

  golden::GoldenAccelerator memories_;
  sim::UnitHarness<Vpu_lock> pu_;
  sim::UnitHarness<Vgb_eltwise_lock> eltwise_;
  sim::UnitHarness<Vgb_softmax_lock> softmax_;
  sim::UnitHarness<Vgb_entropy_lock> entropy_;
  sim::UnitHarness<Vgb_layernorm_lock> layernorm_;
  sim::UnitHarness<Vgb_gather_lock> gather_;
};

TEST(AlbertLockstep, EveryCommandMatchesTheGoldenBitForBit) {
  const model::ModelImage image = CompileTiny();
  const model::AlbertProgram program(image, LockstepAccelerator());
  golden::GoldenAccelerator gold(LockstepAccelerator());
  model::LoadModel(gold, program);
  auto rtl = std::make_unique<RtlAccelerator>();
  model::LoadModel(rtl->memories(), program);

  const uint32_t threshold = program.model().entropy_threshold_q24;
  gold.entropy_threshold_q24 = threshold;
  int commands = 0, sentences = 0;
  // Two sentences of different lengths (one and two row blocks), every layer run.
  for (const model::Encoding& e : sim::Sst2Encodings(kSeqLen, 2, 1)) {
    int keys = 0;
    while (keys < kSeqLen && e.attention[static_cast<size_t>(keys)]) ++keys;
    const int rows = (keys + kLanes - 1) / kLanes * kLanes;
    for (const model::AuxBlock& b : program.InputLoads(e.ids, e.token_types)) {
      gold.aux().WriteBytes(b.address, b.bytes);
      rtl->memories().aux().WriteBytes(b.address, b.bytes);
    }
    std::vector<model::Stage> stages = {program.EmbeddingStage(rows)};
    for (int l = 0; l < program.model().shape.num_hidden_layers; ++l) {
      stages.push_back(program.LayerStage(l, rows, keys));
    }
    for (const model::Stage& stage : stages) {
      for (const model::AuxBlock& b : stage.loads) {
        gold.aux().WriteBytes(b.address, b.bytes);
        rtl->memories().aux().WriteBytes(b.address, b.bytes);
      }
      for (const model::ProgramCommand& c : stage.commands) {
        const golden::CommandOutcome want = gold.Execute(c.words);
        ASSERT_EQ(want.error, regs::ErrCode::kNone) << c.name;
        const RtlAccelerator::Outcome got = rtl->Run(c.words, threshold);
        ASSERT_FALSE(got.run.timed_out) << c.name << ": no done within the cycle budget";
        ASSERT_EQ(got.run.error, regs::ErrCode::kNone) << c.name;
        EXPECT_EQ(got.run.perf.saturations, want.saturations) << c.name << " saturations";
        if (want.opcode == regs::Opcode::kMatmul) {
          EXPECT_EQ(got.run.perf.vmacs_skipped, want.vmacs_skipped) << c.name;
        }
        if (c.out.space == model::Space::kAux) {
          EXPECT_EQ(got.entropy_q24, want.entropy_q24) << c.name;
          EXPECT_EQ(got.early_exit, want.early_exit) << c.name;
          ASSERT_EQ(sim::FirstAuxMismatch(rtl->memories().aux(), gold.aux()), "") << c.name;
        } else {
          const sim::ResultRegion region{c.name,     "result",   c.out.address, c.out.stride,
                                         c.out.rows, c.out.cols, false};
          ASSERT_EQ(sim::FirstMismatch(region, rtl->memories().uab(), gold.uab(), got.write_cycle),
                    "");
        }
        ++commands;
      }
    }
    ++sentences;
  }
  EXPECT_EQ(sentences, 2);
  EXPECT_GT(commands, 100);
  std::printf("[ lockstep ] %d commands, %d sentences, RTL == golden after each\n", commands,
              sentences);
}

}  // namespace
}  // namespace edgebert
