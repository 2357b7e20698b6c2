// `make coverage` (docs/coverage.md): the small SoC Verilated with line and toggle coverage
// (Vedgebert_soc_cov) runs a smoke workload through the same harness as the tests
// (sim/harness/soc_harness.h) and writes Verilator's coverage.dat, and keeps functional coverage
// points in C++ (opcodes, span shapes, exit layers, error causes, AXI burst kinds) whose table it
// prints with the points never hit.
//
//   edgebert_coverage [--out coverage.dat]   runs the workload, writes the file; exit status 1
//                                            when a lockstep comparison failed or a step threw
//   edgebert_coverage --summary coverage.dat [--prefix rtl/]
//                                            prints line and toggle coverage per RTL file and
//                                            the totals (the Makefile's last line)
//
// The workload: the tiny ALBERT for three tasks (one head off, two off, all on) over several
// inputs with the driver's lockstep (per command, then per stage), early exits at several
// thresholds, padded rows; randomized AXI timing under two seeds with bus traffic into every
// memory window; the error commands (BAD_OPCODE, BAD_SHAPE, BAD_ADDRESS, BAD_EXPONENT, queue
// overflow), ABORT, the register access rules and DECERR/SLVERR accesses; a power cycle; GATHERs
// with the ReRAM faults on (RERAM_CTRL).
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <exception>
#include <functional>
#include <iostream>
#include <memory>
#include <optional>
#include <random>
#include <span>
#include <string>
#include <tuple>
#include <vector>

#include "Vedgebert_soc_cov.h"
#include "Vedgebert_soc_cov___024root.h"
#include "coverage/coverage_points.h"
#include "driver/firmware_hal.h"
#include "firmware/inference.h"
#include "golden/gb_command.h"
#include "golden/matmul_command.h"
#include "golden/reram.h"
#include "harness/soc_harness.h"
#include "lockstep/model_device.h"
#include "model/albert_program.h"
#include "regmap/edgebert_regs.h"
#include "small_accelerator.h"
#include "verilated.h"
#include "verilated_cov.h"
#include "workloads/sst2_sample.h"
#include "workloads/tiny_model.h"

namespace edgebert::sim {
namespace {

using driver::BusResponse;
using regs::ErrCode;
using regs::Opcode;

constexpr const char* kOpcodeNames[] = {"NOP",      "MATMUL",  "SOFTMAX", "LAYERNORM", "ADD",
                                        "ACTIVATE", "ENTROPY", "GATHER",  "FILL"};
constexpr const char* kErrorNames[] = {"NONE",        "BAD_OPCODE",    "BAD_SHAPE",
                                       "BAD_ADDRESS", "CMDQ_OVERFLOW", "BAD_EXPONENT"};
constexpr auto kTimeout = std::chrono::milliseconds(60000);

std::string OpcodeName(uint32_t opcode) {
  return opcode < std::size(kOpcodeNames) ? kOpcodeNames[opcode] : "undefined";
}
std::string ErrorName(uint32_t code) {
  return code < std::size(kErrorNames) ? kErrorNames[code] : "code " + std::to_string(code);
}

// Every point the workload is meant to reach, so that the table lists those it missed.
void DeclarePoints(CoveragePoints& p) {
  for (const char* op : kOpcodeNames) p.Declare(std::string("opcode: ") + op);
  for (const char* point : {"matmul: bias",
                            "matmul: no bias",
                            "matmul: act none",
                            "matmul: act GELU",
                            "matmul: act TANH",
                            "matmul: B in the UAB",
                            "matmul: B in the WSRAM",
                            "matmul: trans C",
                            "softmax: span mask",
                            "softmax: keys < cols",
                            "softmax: keys = cols",
                            "entropy: stop on exit",
                            "spans: all heads on",
                            "spans: some heads off",
                            "spans: a partial span",
                            "exit: none (every layer ran)",
                            "exit: after layer 0",
                            "exit: after layer 1",
                            "rows: padded to T",
                            "rows: the sentence's length",
                            "lockstep: command",
                            "lockstep: stage",
                            "axi: timing seed 0",
                            "axi: random timing",
                            "axi: INCR size 2 (4 B beats)",
                            "axi: INCR size 3 (8 B beats)",
                            "axi: FIXED",
                            "axi: WRAP",
                            "axi: size wider than the bus",
                            "axi: length 1",
                            "axi: length 2-16",
                            "axi: length > 16",
                            "axi: length 256",
                            "axi: run split at 4 KiB",
                            "axi: partial strobes",
                            "axi: OKAY",
                            "axi: SLVERR",
                            "axi: DECERR",
                            "power cycle",
                            "reram: faults SLC",
                            "reram: faults MLC2",
                            "reram: faults MLC3",
                            "reram: faults in the reserved mode (as MLC3)",
                            "abort",
                            "reram: embeddings kept over a task switch"}) {
    p.Declare(point);
  }
  for (uint32_t code = 1; code < std::size(kErrorNames); ++code) {
    p.Declare("error: " + ErrorName(code));
  }
}

// The coverage SoC with monitors: descriptors pushed (CMD_DATA then CMD_PUSH), error causes read
// back, and every AXI burst's kind and responses.
class CoverageSoc : public SocHarness<Vedgebert_soc_cov> {
 public:
  CoverageSoc(const SocOptions& options, CoveragePoints& points)
      : SocHarness(options), points_(points) {
    points_.Hit(options.axi_seed == 0 ? "axi: timing seed 0" : "axi: random timing");
  }

  BusResponse Read(uint32_t address, std::span<uint32_t> words) override {
    NoteRun(address, words.size());
    const BusResponse r = SocHarness::Read(address, words);
    for (size_t i = 0; i < words.size(); ++i) {
      if (address + 4 * i == regs::kMemCsrBase + regs::kErrCauseOffset && r == BusResponse::kOkay) {
        const uint32_t code = regs::Get(regs::err_cause::kCode, words[i]);
        if (code != 0) points_.Hit("error: " + ErrorName(code));
      }
    }
    return r;
  }

  BusResponse Write(uint32_t address, std::span<const uint32_t> words) override {
    NoteRun(address, words.size());
    const BusResponse r = SocHarness::Write(address, words);
    if (r == BusResponse::kOkay) {
      for (size_t i = 0; i < words.size(); ++i)
        NoteCsrWrite(address + 4 * static_cast<uint32_t>(i), words[i]);
    }
    return r;
  }

  AxiReadResult ReadBurst(const AxiBurst& burst) override {
    AxiReadResult r = SocHarness::ReadBurst(burst);
    NoteBurst(burst);
    for (BusResponse response : r.responses) NoteResponse(response);
    return r;
  }

  AxiWriteResult WriteBurst(const AxiBurst& burst, std::span<const uint64_t> data,
                            std::span<const uint8_t> strobes = {}) override {
    AxiWriteResult r = SocHarness::WriteBurst(burst, data, strobes);
    NoteBurst(burst);
    for (uint8_t s : strobes) {
      if (s != 0xFF) {
        points_.Hit("axi: partial strobes");
        break;
      }
    }
    NoteResponse(r.response);
    return r;
  }

  void PowerCycle() override {
    SocHarness::PowerCycle();
    points_.Hit("power cycle");
  }

 private:
  void NoteRun(uint32_t address, size_t words) {
    if (address < regs::kMemCsrBase + regs::kMemCsrSize) return;
    if ((address & 0xFFF) + 4 * words > 0x1000) points_.Hit("axi: run split at 4 KiB");
  }

  void NoteBurst(const AxiBurst& burst) {
    switch (burst.type) {
      case AxiBurstType::kFixed:
        points_.Hit("axi: FIXED");
        break;
      case AxiBurstType::kWrap:
        points_.Hit("axi: WRAP");
        break;
      case AxiBurstType::kIncr:
        if (burst.size == 2) points_.Hit("axi: INCR size 2 (4 B beats)");
        if (burst.size == 3) points_.Hit("axi: INCR size 3 (8 B beats)");
        break;
    }
    if (burst.size > 3) points_.Hit("axi: size wider than the bus");
    if (burst.beats == 1) {
      points_.Hit("axi: length 1");
    } else if (burst.beats <= 16) {
      points_.Hit("axi: length 2-16");
    } else {
      points_.Hit("axi: length > 16");
    }
    if (burst.beats == 256) points_.Hit("axi: length 256");
  }

  void NoteResponse(BusResponse response) {
    switch (response) {
      case BusResponse::kOkay:
        points_.Hit("axi: OKAY");
        break;
      case BusResponse::kSlvErr:
        points_.Hit("axi: SLVERR");
        break;
      case BusResponse::kDecErr:
        points_.Hit("axi: DECERR");
        break;
    }
  }

  void NoteCsrWrite(uint32_t address, uint32_t value) {
    if (address >= regs::kMemCsrBase + regs::kMemCsrSize) return;
    const uint32_t offset = address - regs::kMemCsrBase;
    if (offset >= regs::kCmdDataOffset(0) && offset < regs::kCmdDataOffset(regs::kCommandWords)) {
      command_[(offset - regs::kCmdDataOffset(0)) / regs::kCmdDataStride] = value;
    } else if (offset == regs::kCmdPushOffset) {
      NoteCommand(command_);
    }
  }

  void NoteCommand(const golden::Descriptor& words) {
    const uint32_t opcode = regs::Get(regs::cmd::kOpcode, words[0]);
    points_.Hit("opcode: " + OpcodeName(opcode));
    if (opcode == static_cast<uint32_t>(Opcode::kMatmul)) {
      const golden::MatmulCommand m = golden::MatmulFromDescriptor(words);
      points_.Hit(m.has_bias ? "matmul: bias" : "matmul: no bias");
      const char* acts[] = {"matmul: act none", "matmul: act GELU", "matmul: act TANH"};
      if (m.act < 3) points_.Hit(acts[m.act]);
      points_.Hit(m.b_in_uab ? "matmul: B in the UAB" : "matmul: B in the WSRAM");
      if (m.trans_c) points_.Hit("matmul: trans C");
    } else if (opcode == static_cast<uint32_t>(Opcode::kSoftmax)) {
      const golden::GbCommand g = golden::GbFromDescriptor(words);
      if (g.has_span) points_.Hit("softmax: span mask");
      points_.Hit(golden::EffectiveKeys(g) < g.cols ? "softmax: keys < cols"
                                                    : "softmax: keys = cols");
    } else if (opcode == static_cast<uint32_t>(Opcode::kEntropy)) {
      if (golden::GbFromDescriptor(words).stop_on_exit) points_.Hit("entropy: stop on exit");
    }
  }

  CoveragePoints& points_;
  golden::Descriptor command_{};
};

// The workload's state: the SoCs stay alive until coverage.dat is written (their counters are
// what the coverage context points at).
class Workload {
 public:
  Workload() {
    DeclarePoints(points_);
    model::TaskConfig all_on = TinyTask();
    all_on.task = "all-on";
    all_on.spans = {64, 40, 64, 64};
    tasks_ = {TinyTask(), OtherTinyTask(), all_on};
    for (const model::TaskConfig& t : tasks_) images_.push_back(CompileTinyModel(t));
  }

  CoveragePoints& points() { return points_; }
  int failures() const { return failures_; }

  // The workload drives illegal bursts on purpose (to cover the slave's error paths): the AXI
  // checker records them instead of stopping the step, and SlaveViolations() must stay 0.
  CoverageSoc& NewSoc(SocOptions options = {}) {
    options.axi_check = SocOptions::AxiCheck::kRecord;
    socs_.push_back(std::make_unique<CoverageSoc>(options, points_));
    return *socs_.back();
  }

  // A failure for each SoC whose slave side broke an AXI rule.
  void CheckSlaveSide() {
    for (const auto& soc : socs_) {
      const AxiProtocolChecker& checker = *soc->axi_checker();
      if (checker.SlaveViolations() == 0) continue;
      ++failures_;
      for (const AxiViolation& v : checker.violations()) {
        if (DescribeAxiRule(v.rule).name.starts_with("AXI4_ERRS_")) {
          std::cout << "coverage: slave broke " << FormatAxiViolation(v) << "\n";
          break;
        }
      }
    }
  }

  // Runs one step, counting (and reporting) a failure instead of stopping the workload.
  void Step(const std::string& name, const std::function<void()>& step) {
    const auto start = std::chrono::steady_clock::now();
    try {
      step();
    } catch (const std::exception& e) {
      ++failures_;
      std::cout << "coverage: step '" << name << "' failed: " << e.what() << "\n";
    }
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::printf("coverage: %-34s %6.1f s\n", name.c_str(), seconds);
    std::fflush(stdout);
  }

  void Check(bool ok, const std::string& what) {
    if (ok) return;
    ++failures_;
    std::cout << "coverage: check failed: " << what << "\n";
  }

  lockstep::RunResult Run(lockstep::ModelDevice& device, const model::AlbertProgram& program,
                          const model::Encoding& input, const lockstep::RunOptions& options) {
    const lockstep::RunResult r = device.Run(program, input, options);
    Check(r.mismatch.empty(), "lockstep mismatch: " + r.mismatch);
    if (options.lockstep == lockstep::Lockstep::kCommand) points_.Hit("lockstep: command");
    if (options.lockstep == lockstep::Lockstep::kStage) points_.Hit("lockstep: stage");
    points_.Hit(options.padded_rows ? "rows: padded to T" : "rows: the sentence's length");
    points_.Hit(r.exit_layer < 0 ? "exit: none (every layer ran)"
                                 : "exit: after layer " + std::to_string(r.exit_layer));
    return r;
  }

  void NoteSpans(const model::AlbertProgram& program) {
    bool off = false, partial = false;
    for (int span : program.model().spans) {
      off = off || span == 0;
      partial = partial || (span > 0 && span < kTinySeqLen);
    }
    points_.Hit(off ? "spans: some heads off" : "spans: all heads on");
    if (partial) points_.Hit("spans: a partial span");
  }

  // The three tasks over several inputs; thresholds from the run's own entropies so that it
  // exits after layer 0 and after layer 1 where the entropies allow, and never at threshold 0.
  void Inference() {
    CoverageSoc& soc = NewSoc();
    lockstep::ModelDevice device(soc);
    for (size_t t = 0; t < images_.size(); ++t) {
      const model::AlbertProgram program(images_[t], device.config());
      const driver::LoadReport load = device.Load(program);
      if (t > 0 && !load.reram_written) points_.Hit("reram: embeddings kept over a task switch");
      NoteSpans(program);
      const auto inputs = Sst2Encodings(kTinySeqLen, 3, 4 + 3 * static_cast<int>(t));
      for (size_t i = 0; i < inputs.size(); ++i) {
        lockstep::RunOptions options;
        options.lockstep =
            t == 0 && i == 0 ? lockstep::Lockstep::kCommand : lockstep::Lockstep::kStage;
        options.padded_rows = i == 2;
        Run(device, program, inputs[i], options);
      }
      // Thresholds: 0 (no exit), then just above layer 0's and layer 1's entropies.
      lockstep::RunOptions none;
      none.entropy_threshold_q24 = 0;
      none.lockstep = lockstep::Lockstep::kStage;
      const lockstep::RunResult all = Run(device, program, inputs[0], none);
      for (size_t layer = 0; layer < 2 && layer < all.entropies_q24.size(); ++layer) {
        lockstep::RunOptions at = none;
        at.entropy_threshold_q24 = all.entropies_q24[layer] + 1;
        Run(device, program, inputs[0], at);
      }
    }
    // A power cycle: the registers and SRAMs are lost, the ReRAM kept; reload and run again.
    device.PowerCycle();
    const model::AlbertProgram program(images_[1], device.config());
    const driver::LoadReport load = device.Load(program);
    Check(!load.reram_written, "the ReRAM survives a power cycle");
    lockstep::RunOptions options;
    options.lockstep = lockstep::Lockstep::kStage;
    Run(device, program, Sst2Encodings(kTinySeqLen, 1, 20)[0], options);

    // GATHERs (the embedding stage) with the ReRAM faults on in each cell mode: no golden
    // lockstep (the twin does not model the registered settings), the run must still finish.
    const char* modes[] = {"reram: faults SLC", "reram: faults MLC2", "reram: faults MLC3",
                           "reram: faults in the reserved mode (as MLC3)"};
    for (uint32_t mode = 0; mode < 4; ++mode) {
      WriteReg(soc, regs::kReramCtrlOffset,
               regs::Set(regs::reram_ctrl::kValueMode, 0, mode) |
                   regs::Set(regs::reram_ctrl::kFaultEn, 0, 1));
      WriteReg(soc, regs::kReramSeedOffset, 77 + mode);
      lockstep::RunOptions faulty;
      const lockstep::RunResult r =
          device.Run(program, Sst2Encodings(kTinySeqLen, 1, 21)[0], faulty);
      Check(r.layers_run > 0, "an inference with ReRAM faults runs");
      points_.Hit(modes[mode]);
    }
    WriteReg(soc, regs::kReramCtrlOffset, regs::reram_ctrl::kResetValue);
  }

  // Randomized AXI timing under two seeds: inferences, and runs into every memory window with
  // unaligned starts, odd lengths, 4 KiB crossings and 256-beat bursts.
  void RandomTiming(uint64_t seed) {
    SocOptions options;
    options.axi_seed = seed;
    CoverageSoc& soc = NewSoc(options);
    lockstep::ModelDevice device(soc);
    const model::AlbertProgram program(images_[1], device.config());
    device.Load(program);
    for (const model::Encoding& e : Sst2Encodings(kTinySeqLen, 2, 30)) {
      lockstep::RunOptions run;
      run.lockstep = lockstep::Lockstep::kStage;
      Run(device, program, e, run);
    }
    const golden::AcceleratorConfig c = SmallAcceleratorConfig();
    const uint32_t lanes = static_cast<uint32_t>(c.limits.lanes);
    struct Window {
      uint32_t base, backed;
    };
    const Window windows[] = {{regs::kMemWsramValBase, c.limits.wsram_vectors * lanes},
                              {regs::kMemWsramMaskBase, c.limits.wsram_vectors * 4},
                              {regs::kMemUabValBase, c.limits.uab_vectors * lanes},
                              {regs::kMemUabMaskBase, c.limits.uab_vectors * 4},
                              {regs::kMemAuxBase, c.limits.aux_bytes},
                              {regs::kMemReramBase, c.limits.reram_words * 4}};
    std::mt19937 rng(static_cast<uint32_t>(seed));
    for (const Window& w : windows) {
      const uint32_t runs[4][2] = {{4, 602},
                                   {w.backed / 2 - 4 * 700, 1400},
                                   {w.backed - 4 * 77, 77},
                                   {w.backed - 4 * 400, 199}};
      for (const auto& [offset, count] : runs) {
        std::vector<uint32_t> data(count), back(count);
        for (auto& d : data) d = static_cast<uint32_t>(rng());
        Check(soc.Write(w.base + offset, data) == BusResponse::kOkay, "window write");
        Check(soc.Read(w.base + offset, back) == BusResponse::kOkay, "window read");
      }
      // A burst running off the backed part: OKAY beats, then DECERR.
      soc.ReadBurst(AxiBurst{.address = w.base + w.backed - 16, .beats = 4});
    }
  }

  // The error commands, ABORT, the register access rules and the bus errors.
  void Errors() {
    CoverageSoc& soc = NewSoc();
    const golden::AcceleratorConfig config = SmallAcceleratorConfig();
    const uint32_t lanes = static_cast<uint32_t>(config.limits.lanes);
    WriteReg(soc, regs::kIntrEnableOffset, 7);

    // BAD_SHAPE through the firmware (K not a multiple of n).
    golden::MatmulCommand bad;
    bad.m = lanes;
    bad.n = lanes;
    bad.k = lanes + 8;
    const firmware::Command words = golden::ToDescriptor(bad);
    const firmware::Stage stage{0, {}, std::span<const firmware::Command>(&words, 1), false};
    firmware::Job job;
    job.stages = std::span<const firmware::Stage>(&stage, 1);
    job.timeout_ms = 2000;
    driver::FirmwareHal hal(soc);
    const firmware::Report report = firmware::RunInference(hal, job);
    Check(report.status == firmware::Status::kError &&
              report.error_code == static_cast<uint32_t>(ErrCode::kBadShape),
          "BAD_SHAPE through the firmware");

    // BAD_OPCODE, BAD_ADDRESS and BAD_EXPONENT straight into the queue.
    golden::Descriptor undefined{};
    undefined[0] = 0x2A;
    golden::GbCommand fill;
    fill.opcode = Opcode::kFill;
    fill.rows = 16;
    fill.cols = lanes;
    fill.dst_addr = config.limits.uab_vectors - 4;  // runs off the UAB
    fill.dst_stride = 1;
    golden::GbCommand add;
    add.opcode = Opcode::kAdd;
    add.rows = 4;
    add.cols = lanes;
    add.src_stride = add.b_stride = add.dst_stride = 1;
    add.b_addr = 100;
    add.dst_addr = 200;
    add.exp_in = -20;
    add.exp_b = 20;  // operands too far apart to align
    const std::pair<golden::Descriptor, ErrCode> errors[] = {
        {undefined, ErrCode::kBadOpcode},
        {golden::ToDescriptor(fill), ErrCode::kBadAddress},
        {golden::ToDescriptor(add), ErrCode::kBadExponent}};
    for (const auto& [descriptor, code] : errors) {
      WriteReg(soc, regs::kIntrStateOffset, 7);
      Push(soc, descriptor);
      WriteReg(soc, regs::kCtrlOffset, regs::Set(regs::ctrl::kEnable, 0, 1));
      Check(soc.WaitForInterrupt(kTimeout), "error interrupt");
      Check(regs::Get(regs::err_cause::kCode, ReadReg(soc, regs::kErrCauseOffset)) ==
                static_cast<uint32_t>(code),
            "error cause " + ErrorName(static_cast<uint32_t>(code)));
    }

    // ACTIVATE (the compiled model fuses its activations into MATMUL) with GELU and TANH tables.
    for (uint32_t act = 1; act <= 2; ++act) {
      golden::GbCommand activate;
      activate.opcode = Opcode::kActivate;
      activate.irq = true;
      activate.act = act;
      activate.rows = 4;
      activate.cols = 2 * lanes;
      activate.src_stride = activate.dst_stride = 2;
      activate.dst_addr = 300;
      activate.aux_addr = 1024;
      activate.exp_in = -4;
      activate.exp_out = -5;
      WriteReg(soc, regs::kIntrStateOffset, 7);
      Push(soc, golden::ToDescriptor(activate));
      Check(soc.WaitForInterrupt(kTimeout), "ACTIVATE interrupt");
    }

    // Every unit's shape and address checks: each opcode with no rows, and with its output off
    // the end of the UAB.
    for (const Opcode op : {Opcode::kSoftmax, Opcode::kLayernorm, Opcode::kAdd, Opcode::kActivate,
                            Opcode::kEntropy, Opcode::kGather, Opcode::kFill}) {
      golden::GbCommand g;
      g.opcode = op;
      g.act = 1;
      g.cols = op == Opcode::kEntropy ? 3 : lanes;
      g.src_stride = g.b_stride = g.dst_stride = 1;
      g.rows = 0;
      Fails(soc, golden::ToDescriptor(g));
      g.rows = 2;
      g.dst_addr = g.src_addr = config.limits.uab_vectors - 1;
      g.aux_addr = config.limits.aux_bytes - 4;
      Fails(soc, golden::ToDescriptor(g));
      g.src_addr = g.dst_addr = 0;
      g.cols = 3 * lanes + 1;  // not a multiple of n; SOFTMAX: KEYS above COLS
      g.keys = g.cols + 1;
      Fails(soc, golden::ToDescriptor(g));
    }
    // Misaligned or overlong aux operands, labels above n, LayerNorm exponents too far apart, and
    // a NOP with IRQ through the sequencer.
    const auto gb = [&](Opcode op, uint32_t cols, uint32_t aux, bool span) {
      golden::GbCommand g;
      g.opcode = op;
      g.act = 1;
      g.rows = 2;
      g.cols = cols;
      g.src_stride = g.b_stride = g.dst_stride = (cols + lanes - 1) / lanes;
      g.dst_addr = 400;
      g.aux_addr = aux;
      g.beta_addr = 512;
      g.has_span = span;
      return g;
    };
    for (const Opcode op :
         {Opcode::kSoftmax, Opcode::kLayernorm, Opcode::kActivate, Opcode::kEntropy}) {
      const uint32_t cols = op == Opcode::kEntropy ? 3 : lanes;
      Fails(soc, golden::ToDescriptor(gb(op, cols, 2, true)));
      Fails(soc, golden::ToDescriptor(gb(op, cols, config.limits.aux_bytes - 2, true)));
    }
    Fails(soc, golden::ToDescriptor(gb(Opcode::kEntropy, lanes + 1, 0, false)));
    golden::GbCommand norm = gb(Opcode::kLayernorm, lanes, 0, false);
    norm.exp_gamma = -30;
    norm.exp_beta = 20;
    Fails(soc, golden::ToDescriptor(norm));
    Fails(soc, golden::Descriptor{});  // NOP
    golden::MatmulCommand aux;
    aux.m = aux.n = aux.k = lanes;
    aux.a_stride = aux.b_stride = aux.c_stride = 1;
    aux.c_addr = 64;
    aux.has_bias = true;
    aux.bias_addr = 2;
    Fails(soc, golden::ToDescriptor(aux));
    aux.has_bias = false;
    aux.act = 1;
    aux.act_table_addr = 6;
    Fails(soc, golden::ToDescriptor(aux));
    GatherChecks(soc, lanes);
    golden::MatmulCommand zero;
    Fails(soc, golden::ToDescriptor(zero));
    golden::MatmulCommand far;
    far.m = far.n = far.k = lanes;
    far.a_stride = far.b_stride = far.c_stride = 1;
    far.c_addr = config.limits.uab_vectors - 1;
    Fails(soc, golden::ToDescriptor(far));
    far.c_addr = 0;
    far.exp_a = 31;
    far.exp_b = 31;
    far.exp_c = -32;
    Fails(soc, golden::ToDescriptor(far));

    // A push into a full queue: CMDQ_OVERFLOW.
    WriteReg(soc, regs::kIntrStateOffset, 7);
    WriteReg(soc, regs::kCtrlOffset, 0);
    const golden::Descriptor nop{};
    for (uint32_t i = 0; i <= kSmallSocCmdqDepth; ++i) Push(soc, nop);
    Check(regs::Get(regs::err_cause::kCode, ReadReg(soc, regs::kErrCauseOffset)) ==
              static_cast<uint32_t>(ErrCode::kCmdqOverflow),
          "queue overflow");
    WriteReg(soc, regs::kIntrStateOffset, 7);
    WriteReg(soc, regs::kCtrlOffset, regs::Set(regs::ctrl::kEnable, 0, 1));
    soc.Run(100);

    // Memory refused while a command runs (SLVERR), then ABORT flushes the queue.
    golden::GbCommand big = fill;
    big.dst_addr = 0;
    big.rows = 2048;
    big.irq = true;
    Push(soc, golden::ToDescriptor(big));
    Push(soc, golden::ToDescriptor(big));
    uint32_t v = 0;
    Check(soc.Read(regs::kMemUabValBase, {&v, 1}) == BusResponse::kSlvErr, "busy UAB read");
    Check(soc.Write(regs::kMemAuxBase, {&v, 1}) == BusResponse::kSlvErr, "busy aux write");
    soc.Read(regs::kMemWsramValBase, {&v, 1});
    soc.Read(regs::kMemReramBase, {&v, 1});
    WriteReg(soc, regs::kCtrlOffset,
             regs::Set(regs::ctrl::kEnable, 0, 1) | regs::Set(regs::ctrl::kAbort, 0, 1));
    for (int i = 0; i < 1000 && regs::Get(regs::status::kBusy, ReadReg(soc, regs::kStatusOffset));
         ++i) {
      soc.Run(100);
    }
    points_.Hit("abort");

    // The register access rules: every register written, read-only and reserved offsets.
    for (const regs::RegisterInfo& r : regs::kRegisters) {
      if (r.offset == regs::kCmdPushOffset || r.offset == regs::kCtrlOffset) continue;
      uint32_t word = 0xA5A5A5A5u;
      soc.Write(regs::kMemCsrBase + r.offset, {&word, 1});
      soc.Read(regs::kMemCsrBase + r.offset, {&word, 1});
      word = 0x5A5A5A5Au;
      soc.Write(regs::kMemCsrBase + r.offset, {&word, 1});
      soc.Read(regs::kMemCsrBase + r.offset, {&word, 1});
    }
    for (uint32_t offset : {0x03Cu, 0x084u, 0x09Cu, 0x0FCu, 0x188u, 0x800u, 0xFFCu}) {
      Check(soc.Read(offset, {&v, 1}) == BusResponse::kSlvErr, "reserved CSR read");
      Check(soc.Write(offset, {&v, 1}) == BusResponse::kSlvErr, "reserved CSR write");
    }
    WriteReg(soc, regs::kIntrStateOffset, 7);
    for (uint32_t cause = 0; cause < 3; ++cause) {
      WriteReg(soc, regs::kIntrTestOffset, 1u << cause);
      WriteReg(soc, regs::kIntrStateOffset, 7);
    }
    // CSR bursts, 8-byte CSR beats and partial strobes: SLVERR; a high-half single beat is fine.
    const uint64_t two[2] = {0x1111, 0x2222};
    soc.ReadBurst(AxiBurst{.address = regs::kScratchOffset, .beats = 2, .size = 2});
    soc.WriteBurst(AxiBurst{.address = regs::kScratchOffset, .beats = 2, .size = 2}, two);
    soc.ReadBurst(AxiBurst{.address = regs::kScratchOffset, .beats = 1, .size = 3});
    soc.WriteBurst(AxiBurst{.address = regs::kScratchOffset, .beats = 1, .size = 2},
                   std::span(two).first(1), std::vector<uint8_t>{0x03});
    const uint64_t high[1] = {uint64_t{0xBEEF} << 32};
    soc.WriteBurst(AxiBurst{.address = regs::kCmdDataOffset(1), .beats = 1, .size = 2}, high,
                   std::vector<uint8_t>{0xF0});
    // Unmapped and unbacked addresses: DECERR.
    for (uint32_t address : {0x00001000u, 0x08000000u, 0x18000000u, 0x22100000u, 0x2F000000u,
                             0x31000000u, 0x80000000u, 0xFFFFFFF8u}) {
      soc.Read(address, {&v, 1});
      soc.Write(address, {&v, 1});
    }
    // FIXED, WRAP and too-wide bursts into memory: SLVERR on every beat; byte strobes on memory.
    const uint64_t data[4] = {1, 2, 3, 4};
    soc.ReadBurst(AxiBurst{.address = regs::kMemAuxBase, .beats = 3, .type = AxiBurstType::kFixed});
    soc.WriteBurst(AxiBurst{.address = regs::kMemAuxBase, .beats = 4, .type = AxiBurstType::kWrap},
                   data);
    soc.ReadBurst(AxiBurst{.address = regs::kMemAuxBase, .beats = 2, .size = 4});
    for (uint32_t base : {regs::kMemWsramValBase, regs::kMemUabValBase, regs::kMemAuxBase,
                          regs::kMemReramBase, regs::kMemWsramMaskBase, regs::kMemUabMaskBase}) {
      soc.WriteBurst(AxiBurst{.address = base + 0x800, .beats = 1}, std::span(data).first(1),
                     std::vector<uint8_t>{0x5A});
      soc.ReadBurst(AxiBurst{.address = base + 0x800, .beats = 1, .size = 2});
    }
  }

 private:
  static void WriteReg(SocTransport& soc, uint32_t offset, uint32_t value) {
    if (soc.Write(regs::kMemCsrBase + offset, {&value, 1}) != BusResponse::kOkay) {
      throw std::runtime_error("CSR write at " + std::to_string(offset) + " failed");
    }
  }
  static uint32_t ReadReg(SocTransport& soc, uint32_t offset) {
    uint32_t v = 0;
    if (soc.Read(regs::kMemCsrBase + offset, {&v, 1}) != BusResponse::kOkay) {
      throw std::runtime_error("CSR read at " + std::to_string(offset) + " failed");
    }
    return v;
  }
  // GATHERs over table headers written straight into the ReRAM's SLC region, each with one flaw
  // the unit's header pre-check must catch (or, for the last, none).
  void GatherChecks(SocTransport& soc, uint32_t lanes) {
    namespace h = golden::embedding_header;
    using Header = std::array<uint32_t, golden::kEmbeddingHeaderWords>;
    const Header good = {golden::kEmbeddingMagic,   4, lanes, lanes,
                         static_cast<uint32_t>(-5), 8, 12,    20000};
    const uint32_t bases[3] = {15000, 15100, 15200};
    golden::GbCommand g;
    g.opcode = Opcode::kGather;
    g.rows = 2;
    g.cols = lanes;
    g.dst_addr = 500;
    g.dst_stride = 1;
    g.ids_addr = 0;
    g.types_addr = 64;
    g.word_table = 4 * bases[0];
    g.pos_table = 4 * bases[1];
    g.type_table = 4 * bases[2];
    const std::vector<uint32_t> zeros(32, 0);
    soc.Write(regs::kMemAuxBase, zeros);
    // (table, header word, value): one flaw per run.
    const std::tuple<int, uint32_t, uint32_t> flaws[] = {
        {0, h::kMagic, 0x12345678},
        {0, h::kLanes, lanes / 2},
        {1, h::kDim, 2 * lanes},
        {2, h::kExpBias, 40},
        {1, h::kMaskOffset, 0x00FFFFFF},
        {2, h::kRowOffsetOffset, 0x00FFFFFF},
        {1, h::kExpBias, static_cast<uint32_t>(-30)},  // the tables' biases too far apart
        {1, h::kRows, 1},                              // fewer positions than tokens
        {0, h::kValuesOffset, 0x00FFFFFF},             // value reads off the store
        {0, h::kMagic, golden::kEmbeddingMagic},       // none
    };
    // Every row: all columns nonzero (mask words at 8), n value bytes each (row offsets at 12).
    const std::vector<uint32_t> arrays = {0xFFFFFFFF, 0xFFFFFFFF, 0xFFFFFFFF, 0xFFFFFFFF, 0,
                                          lanes,      2 * lanes,  3 * lanes,  4 * lanes};
    for (const auto& [table, word, value] : flaws) {
      for (int t = 0; t < 3; ++t) {
        Header header = good;
        if (t == table) header[word] = value;
        soc.Write(regs::kMemReramBase + 4 * bases[t], header);
        soc.Write(regs::kMemReramBase + 4 * (bases[t] + 8), arrays);
      }
      Fails(soc, golden::ToDescriptor(g));
    }
    // Token ids and types past their tables' rows.
    uint32_t word = 100;  // token 0's id
    soc.Write(regs::kMemAuxBase, {&word, 1});
    Fails(soc, golden::ToDescriptor(g));
    word = 0;
    soc.Write(regs::kMemAuxBase, {&word, 1});
    word = 5;  // token 0's type
    soc.Write(regs::kMemAuxBase + 64, {&word, 1});
    Fails(soc, golden::ToDescriptor(g));
  }

  // A command meant to fail, pushed alone with IRQ set (so that one that runs after all raises
  // DONE instead of leaving the wait to its timeout); the cause read back is counted by the
  // monitor.
  void Fails(SocTransport& soc, golden::Descriptor d) {
    d[0] |= regs::Set(regs::cmd::kIrq, 0, 1);
    WriteReg(soc, regs::kIntrStateOffset, 7);
    Push(soc, d);
    WriteReg(soc, regs::kCtrlOffset, regs::Set(regs::ctrl::kEnable, 0, 1));
    Check(soc.WaitForInterrupt(kTimeout), "an interrupt after a failing command");
    ReadReg(soc, regs::kErrCauseOffset);
  }
  static void Push(SocTransport& soc, const golden::Descriptor& d) {
    if (soc.Write(regs::kMemCsrBase + regs::kCmdDataOffset(0), d) != BusResponse::kOkay) {
      throw std::runtime_error("CMD_DATA write failed");
    }
    WriteReg(soc, regs::kCmdPushOffset, 1);
  }

  CoveragePoints points_;
  std::vector<model::TaskConfig> tasks_;
  std::vector<model::ModelImage> images_;
  std::vector<std::unique_ptr<CoverageSoc>> socs_;
  int failures_ = 0;
};

int Summary(const std::string& file, const std::string& prefix) {
  const CoverageSummary summary = SummarizeCoverageDat(file, prefix);
  PrintCoverageSummary(std::cout, summary);
  auto figure = [&](const char* kind) {
    const auto it = summary.totals.find(kind);
    return it == summary.totals.end() ? CoverageFigure{} : it->second;
  };
  const CoverageFigure line = figure("line"), toggle = figure("toggle");
  std::printf("\nline coverage of %s: %.1f %% (%llu/%llu), toggle coverage: %.1f %% (%llu/%llu)\n",
              prefix.c_str(), line.percent(), static_cast<unsigned long long>(line.hit),
              static_cast<unsigned long long>(line.total), toggle.percent(),
              static_cast<unsigned long long>(toggle.hit),
              static_cast<unsigned long long>(toggle.total));
  return 0;
}

int RunWorkload(const std::string& out) {
  const auto start = std::chrono::steady_clock::now();
  Workload w;
  w.Step("inference, exits, power cycle, faults", [&] { w.Inference(); });
  w.Step("random AXI timing, seed 7", [&] { w.RandomTiming(7); });
  w.Step("random AXI timing, seed 0x5EED", [&] { w.RandomTiming(0x5EED); });
  w.Step("errors, abort, registers, bus errors", [&] { w.Errors(); });
  w.CheckSlaveSide();
  Verilated::defaultContextp()->coveragep()->write(out.c_str());
  std::cout << "\n";
  w.points().Print(std::cout);
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::printf("coverage: wrote %s after %.1f s; %d failure(s)\n", out.c_str(), seconds,
              w.failures());
  return w.failures() == 0 ? 0 : 1;
}

}  // namespace
}  // namespace edgebert::sim

int main(int argc, char** argv) {
  const std::vector<std::string> args(argv + 1, argv + argc);
  std::string out = "coverage.dat", summary, prefix = "rtl/";
  for (size_t i = 0; i < args.size(); ++i) {
    const bool has_value = i + 1 < args.size();
    if (args[i] == "--out" && has_value) {
      out = args[++i];
    } else if (args[i] == "--summary" && has_value) {
      summary = args[++i];
    } else if (args[i] == "--prefix" && has_value) {
      prefix = args[++i];
    } else {
      std::cerr << "usage: edgebert_coverage [--out coverage.dat] | --summary coverage.dat "
                   "[--prefix rtl/]\n";
      return 2;
    }
  }
  try {
    if (!summary.empty()) return edgebert::sim::Summary(summary, prefix);
    return edgebert::sim::RunWorkload(out);
  } catch (const std::exception& e) {
    std::cerr << "edgebert_coverage: " << e.what() << "\n";
    return 1;
  }
}
