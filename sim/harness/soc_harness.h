// Drives a Verilated edgebert_soc (rtl/soc/edgebert_soc.sv) as a driver::Transport: clock and
// reset, an AXI4 master for the slave port, the interrupt line and the cycle count.
//
//   Read/Write   32-bit words as AXI bursts: CSR words one single 4-byte beat each (the only
//                CSR access the SoC accepts); memory runs as INCR bursts of 64-bit beats (an
//                unaligned first word rides in the high half of a first beat, a last odd word
//                goes as a 4-byte beat), split at 4 KiB boundaries and at 256 beats. The first
//                non-OKAY response is returned; words of failed beats read 0.
//   AXI timing   SocOptions::axi_seed: 0 = valid as soon as possible and ready always high;
//                otherwise seeded random idle cycles before each AW/AR/W valid and random
//                B/R ready, so bus protocol corners are exercised reproducibly.
//   WaitForInterrupt  runs the clock until irq_o, the wall-clock timeout or the cycle watchdog.
//   PowerCycle   rst_ni low for 4 cycles: registers, queue, WSRAM, UAB and aux lost, ReRAM kept.
//   Waves        SocOptions::waves, for a Model Verilated with FST tracing (it then has trace();
//                kTraced): the FST file is opened at construction (driver::TransportError naming
//                it if that fails), cycles [start_cycle, stop_cycle) are dumped at times 2c (clock
//                low, inputs settled) and 2c + 1 (after the rising edge), and the file is closed
//                and flushed at stop_cycle or on destruction. An untraced Model refuses a file.
//                Command window (first_op, last_op): at each cycle's time 2c the harness reads
//                the CMD_SEQ flop (soc_csr's cmd_seq_q, public_flat_rd) and dumps the cycle (both
//                times) only if it is also within [first_op, last_op]; CMD_SEQ > last_op closes
//                the file. WaveCyclesDumped() counts the cycles written.
//
// Threading: everything runs on the caller's thread (Verilator evaluates a model only on the
// thread that built it); nothing here starts a thread or blocks except by running the clock.
#pragma once

#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <memory>
#include <random>
#include <span>
#include <stdexcept>
#include <string>
#include <system_error>
#include <type_traits>
#include <vector>

#include "driver/transport.h"
#include "harness/axi_burst.h"
#include "harness/axi_protocol_checker.h"
#include "harness/axi_signals.h"
#include "harness/rtl_assert.h"
#include "harness/soc_sim.h"
#include "harness/wave_scopes.h"
#include "regmap/edgebert_regs.h"
#include "verilated.h"
#include "verilated_fst_c.h"

namespace edgebert::sim {

template <typename Model>
class SocHarness : public SocTransport {
 public:
  // Whether Model was Verilated with FST tracing. Verilator 5.006 gives only a traced model a
  // trace(); 5.4x gives every model one and says which are traced in Model::traceCapable. Only a
  // traced model makes the harness reference VerilatedFstC code.
  static constexpr bool kTraced = [] {
    if constexpr (requires { Model::traceCapable; }) {
      return Model::traceCapable;
    } else {
      return requires(Model & m, VerilatedFstC * fst) { m.trace(fst, 0); };
    }
  }();
  // Whether the storage arrays are reachable for backdoor loads: the RTL marks them public and
  // the includer must include the model's root header (V<model>___024root.h) too.
  static constexpr bool kBackdoor = requires(Model & m) {
    m.rootp->edgebert_soc__DOT__u_wsram__DOT__values_q;
    m.rootp->edgebert_soc__DOT__u_gb__DOT__u_aux__DOT__words_q;
    m.rootp->edgebert_soc__DOT__u_gb__DOT__u_reram__DOT__mem;
  };

  // The scopes below the SoC top that this traced model's waves have ("u_gb", "u_gb.u_softmax",
  // and generate blocks as this Verilator names them), in hierarchy order: a model of the same
  // class writes its hierarchy to a scratch FST, read back with FstInstanceScopes, once per
  // process. Asking the model, rather than keeping a list, is what keeps the check true to the
  // RTL and to the Verilator that built it. Throws driver::TransportError when that fails.
  static const std::vector<std::string>& WaveScopes() requires kTraced {
    static const std::vector<std::string> scopes = [] {
      std::error_code error;
      const std::filesystem::path dir = std::filesystem::temp_directory_path(error);
      std::string path = (dir / "edgebert-scopes-XXXXXX").string();
      const int fd = error ? -1 : ::mkstemp(path.data());
      if (fd < 0) {
        throw driver::TransportError("SoC waves: cannot create a scratch file " + path + ": " +
                                     (error ? error.message() : std::strerror(errno)));
      }
      ::close(fd);
      std::vector<std::string> all;
      try {
        // Constructing a model makes its context the thread's, and a model erases its scopes
        // from the thread's context when it goes: without this, a harness alive now would
        // later erase its scopes from the scratch context, gone by then.
        struct KeepThreadContext {
          VerilatedContext* const context = Verilated::threadContextp();
          ~KeepThreadContext() { Verilated::threadContextp(context); }
        } keep;
        VerilatedContext context;
        context.traceEverOn(true);
        Model model(&context);
        VerilatedFstC fst;
        model.trace(&fst, 0);
        fst.open(path.c_str());
        // One time step: without one, 5.4x's FST writer (fstcpp) puts the header over the
        // start of the hierarchy (it appends at the end of a file it has not yet extended).
        model.eval();
        fst.dump(0);
        fst.close();
        all = FstInstanceScopes(path);
      } catch (const std::exception& e) {
        std::filesystem::remove(path, error);
        throw driver::TransportError(std::string("SoC waves: reading the model's scopes: ") +
                                     e.what());
      }
      std::filesystem::remove(path, error);
      // Scope names start at the model's name, "TOP" (as OpenWaves's dumpvars paths do).
      const std::string top = "TOP.edgebert_soc.";
      std::vector<std::string> below;
      for (const std::string& scope : all) {
        if (scope.starts_with(top)) below.push_back(scope.substr(top.size()));
      }
      return below;
    }();
    return scopes;
  }

  // Throws driver::TransportError for a scope WaveScopes() does not have, naming it and the
  // scopes there (UnknownWaveScope). Nothing to check without tracing: those models refuse
  // waves.
  static void CheckWaveScopes(const std::vector<std::string>& scopes) {
    if constexpr (kTraced) {
      for (const std::string& scope : scopes) {
        const std::string why = UnknownWaveScope(WaveScopes(), scope);
        if (!why.empty()) throw driver::TransportError("SoC waves: " + why);
      }
    }
  }

  explicit SocHarness(const SocOptions& options = {}) : options_(options), rng_(options.axi_seed) {
    CheckWaveOptions(options_.waves);
    if (options_.axi_check != SocOptions::AxiCheck::kOff) {
      checker_ = std::make_unique<AxiProtocolChecker>();
      if (options_.axi_check == SocOptions::AxiCheck::kThrow) {
        checker_->SetOnViolation([this](const AxiViolation& v) {
          IdleInputs();
          throw driver::TransportError("SoC harness: AXI protocol: " + FormatAxiViolation(v));
        });
      }
    }
    if (!options_.waves.file.empty()) OpenWaves();
    IdleInputs();
    model_.clk_i = 0;
    model_.rst_ni = 1;
    Eval();
    PowerCycle();
  }

  // ---- driver::Transport ---------------------------------------------------------------------

  driver::BusResponse Read(uint32_t address, std::span<uint32_t> words) override {
    driver::CheckTransfer("SocHarness", address, words.size());
    driver::BusResponse first = driver::BusResponse::kOkay;
    ForEachAxiBurst(address, static_cast<uint32_t>(words.size()),
                    [&](const AxiBurst& burst, size_t index, bool lead) {
                      const AxiReadResult r = ReadBurst(burst);
                      size_t w = index;
                      for (size_t beat = 0; beat < r.data.size(); ++beat) {
                        const bool ok = r.responses[beat] == driver::BusResponse::kOkay;
                        if (!ok && first == driver::BusResponse::kOkay) first = r.responses[beat];
                        const uint64_t d = ok ? r.data[beat] : 0;
                        if (burst.size == 2) {
                          words[w++] = static_cast<uint32_t>((burst.address & 4) ? d >> 32 : d);
                        } else if (beat == 0 && lead) {
                          words[w++] = static_cast<uint32_t>(d >> 32);
                        } else {
                          words[w++] = static_cast<uint32_t>(d);
                          words[w++] = static_cast<uint32_t>(d >> 32);
                        }
                      }
                    });
    return first;
  }

  driver::BusResponse Write(uint32_t address, std::span<const uint32_t> words) override {
    driver::CheckTransfer("SocHarness", address, words.size());
    if (options_.backdoor && BackdoorWrite(address, words)) return driver::BusResponse::kOkay;
    driver::BusResponse first = driver::BusResponse::kOkay;
    std::vector<uint64_t> data;
    std::vector<uint8_t> strobes;
    ForEachAxiBurst(
        address, static_cast<uint32_t>(words.size()),
        [&](const AxiBurst& burst, size_t index, bool lead) {
          data.clear();
          strobes.clear();
          size_t w = index;
          for (uint32_t beat = 0; beat < burst.beats; ++beat) {
            if (burst.size == 2) {
              const bool high = (burst.address & 4) != 0;
              data.push_back(uint64_t{words[w++]} << (high ? 32 : 0));
              strobes.push_back(high ? 0xF0 : 0x0F);
            } else if (beat == 0 && lead) {
              data.push_back(uint64_t{words[w++]} << 32);
              strobes.push_back(0xF0);
            } else {
              const uint64_t lo = words[w++];
              const uint64_t hi = words[w++];
              data.push_back(lo | (hi << 32));
              strobes.push_back(0xFF);
            }
          }
          const AxiWriteResult r = WriteBurst(burst, data, strobes);
          if (r.response != driver::BusResponse::kOkay && first == driver::BusResponse::kOkay) {
            first = r.response;
          }
        });
    return first;
  }

  bool WaitForInterrupt(std::chrono::milliseconds timeout) override {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    const uint64_t start = cycles_;
    Eval();
    while (!model_.irq_o) {
      const uint64_t ran = cycles_ - start;
      if (ran >= options_.max_wait_cycles) return false;
      const uint64_t chunk = std::min<uint64_t>(1024, options_.max_wait_cycles - ran);
      for (uint64_t i = 0; i < chunk && !model_.irq_o; ++i) Tick();
      if (model_.irq_o) break;
      if (std::chrono::steady_clock::now() >= deadline) return false;
    }
    return true;
  }

  bool InterruptLine() override {
    Eval();
    return model_.irq_o != 0;
  }

  void PowerCycle() override {
    IdleInputs();
    model_.rst_ni = 0;
    Eval();
    for (int i = 0; i < 4; ++i) Tick();
    model_.rst_ni = 1;
    Eval();
    Tick();
  }

  uint64_t Cycles() override { return cycles_; }

  // ---- SocTransport: the raw AXI master ------------------------------------------------------

  AxiReadResult ReadBurst(const AxiBurst& burst) override {
    CheckBurst(burst);
    AxiReadResult result;
    const uint8_t id = NextId();
    bool ar_done = false;
    int ar_wait = Delay();
    const uint64_t start = cycles_;
    while (result.data.size() < burst.beats) {
      model_.axi_arvalid_i = !ar_done && ar_wait == 0;
      model_.axi_arid_i = id;
      model_.axi_araddr_i = burst.address;
      model_.axi_arlen_i = static_cast<uint8_t>(burst.beats - 1);
      model_.axi_arsize_i = burst.size;
      model_.axi_arburst_i = static_cast<uint8_t>(burst.type);
      model_.axi_rready_i = Ready();
      Eval();
      const bool ar_fire = model_.axi_arvalid_i && model_.axi_arready_o;
      if (model_.axi_rvalid_o && model_.axi_rready_i) {
        if (model_.axi_rid_o != id) Fail("RID does not match ARID");
        const bool last = result.data.size() + 1 == burst.beats;
        if ((model_.axi_rlast_o != 0) != last) Fail("RLAST on the wrong beat");
        result.data.push_back(model_.axi_rdata_o);
        result.responses.push_back(static_cast<driver::BusResponse>(model_.axi_rresp_o));
      }
      Tick();
      if (ar_fire)
        ar_done = true;
      else if (!ar_done && ar_wait > 0)
        --ar_wait;
      Watchdog(start, "read");
    }
    IdleInputs();
    Eval();
    return result;
  }

  AxiWriteResult WriteBurst(const AxiBurst& burst, std::span<const uint64_t> data,
                            std::span<const uint8_t> strobes = {}) override {
    CheckBurst(burst);
    if (data.size() != burst.beats || (!strobes.empty() && strobes.size() != burst.beats)) {
      throw std::invalid_argument("WriteBurst: one data word and strobe per beat");
    }
    AxiWriteResult result;
    const uint8_t id = NextId();
    const AxiAddressChannel aw{.valid = true,
                               .id = id,
                               .addr = burst.address,
                               .len = static_cast<uint8_t>(burst.beats - 1),
                               .size = burst.size,
                               .burst = static_cast<uint8_t>(burst.type)};
    bool aw_done = false, b_done = false;
    size_t sent = 0;
    int aw_wait = Delay(), w_wait = Delay();
    const uint64_t start = cycles_;
    while (!b_done) {
      model_.axi_awvalid_i = !aw_done && aw_wait == 0;
      model_.axi_awid_i = id;
      model_.axi_awaddr_i = burst.address;
      model_.axi_awlen_i = static_cast<uint8_t>(burst.beats - 1);
      model_.axi_awsize_i = burst.size;
      model_.axi_awburst_i = static_cast<uint8_t>(burst.type);
      const bool w_valid = sent < burst.beats && w_wait == 0;
      model_.axi_wvalid_i = w_valid;
      model_.axi_wdata_i = sent < burst.beats ? data[sent] : 0;
      model_.axi_wstrb_i = sent >= burst.beats ? 0
                           : strobes.empty()   ? AxiBeatLanes(aw, static_cast<uint32_t>(sent))
                                               : strobes[sent];
      model_.axi_wlast_i = sent + 1 == burst.beats;
      model_.axi_bready_i = Ready();
      Eval();
      const bool aw_fire = model_.axi_awvalid_i && model_.axi_awready_o;
      const bool w_fire = w_valid && model_.axi_wready_o;
      if (model_.axi_bvalid_o && model_.axi_bready_i) {
        if (model_.axi_bid_o != id) Fail("BID does not match AWID");
        if (sent < burst.beats) Fail("B response before the last W beat");
        result.response = static_cast<driver::BusResponse>(model_.axi_bresp_o);
        b_done = true;
      }
      Tick();
      if (aw_fire)
        aw_done = true;
      else if (!aw_done && aw_wait > 0)
        --aw_wait;
      if (w_fire) {
        ++sent;
        w_wait = Delay();
      } else if (w_wait > 0) {
        --w_wait;
      }
      Watchdog(start, "write");
    }
    IdleInputs();
    Eval();
    return result;
  }

  void SetBackdoor(bool on) override { options_.backdoor = on; }
  const std::vector<uint64_t>& InterruptEdges() const override { return irq_edges_; }

  void Run(uint64_t cycles) override {
    for (uint64_t i = 0; i < cycles; ++i) Tick();
  }

  AxiSlaveSignals Cycle(const AxiMasterSignals& m) override {
    Drive(m);
    Eval();
    const AxiSlaveSignals s = SlaveSignals();
    Tick();
    return s;
  }

  AxiProtocolChecker* axi_checker() override { return checker_.get(); }

  Model& model() { return model_; }
  // Cycles written to the wave file so far (each at two times); 0 without waves.
  uint64_t WaveCyclesDumped() const { return wave_cycles_; }

  ~SocHarness() override { CloseWaves(); }
  SocHarness(const SocHarness&) = delete;
  SocHarness& operator=(const SocHarness&) = delete;

 private:
  // A traced model gets a VerilatedContext of its own, with traceEverOn(true) before the model
  // is constructed (this member comes before model_): Verilator 5.4x keeps each traced model's
  // trace hook in its context for good, so in a shared context a later model's waves would call
  // into a model already destroyed. Untraced models share Verilator's default context (make
  // coverage collects every harness's points there), not the thread's: 5.4x makes the thread's
  // context that of the last model constructed, which may be a traced one since destroyed.
  struct SharedContext {};
  using Context = std::conditional_t<kTraced, std::unique_ptr<VerilatedContext>, SharedContext>;
  static Context MakeContext() {
    if constexpr (kTraced) {
      auto context = std::make_unique<VerilatedContext>();
      context->traceEverOn(true);
      return context;
    } else {
      return {};
    }
  }
  VerilatedContext* ModelContext() {
    if constexpr (kTraced) {
      return context_.get();
    } else {
      return Verilated::defaultContextp();
    }
  }
  struct NoWaves {};
  using WaveFile = std::conditional_t<kTraced, std::unique_ptr<VerilatedFstC>, NoWaves>;

  // Scopes are instance paths; the command window needs first_op when last_op is set, and
  // first_op <= last_op.
  static void CheckWaveOptions(const SocOptions::Waves& waves) {
    for (const std::string& scope : waves.scopes) {
      if (scope.empty() || scope.front() == '.' || scope.back() == '.' ||
          scope.find_first_of(" \t/") != std::string::npos) {
        throw driver::TransportError("SoC waves: scope '" + scope +
                                     "' is not an instance path below the SoC top, e.g. "
                                     "u_gb.u_softmax");
      }
    }
    if (waves.last_op && !waves.first_op) {
      throw driver::TransportError("SoC waves: last_op (" + std::to_string(*waves.last_op) +
                                   ") without first_op");
    }
    if (waves.first_op && waves.last_op && *waves.first_op > *waves.last_op) {
      throw driver::TransportError("SoC waves: first_op (" + std::to_string(*waves.first_op) +
                                   ") after last_op (" + std::to_string(*waves.last_op) + ")");
    }
  }

  void OpenWaves() {
    const std::string& file = options_.waves.file;
    if constexpr (!kTraced) {
      throw driver::TransportError("SoC waves (" + file +
                                   "): this SoC model was built without tracing; link "
                                   "edgebert_soc_small_traced and use MakeSmallSocTraced");
    } else {
      CheckWaveScopes(options_.waves.scopes);  // before the file exists
      // fstWriterCreate does not report a file it cannot create: try it here first.
      std::FILE* probe = std::fopen(file.c_str(), "wb");
      if (probe == nullptr) {
        const int error = errno;
        throw driver::TransportError("SoC waves: cannot create " + file + ": " +
                                     std::strerror(error));
      }
      std::fclose(probe);
      waves_ = std::make_unique<VerilatedFstC>();
      model_.trace(waves_.get(), 0);  // Verilator 5 ignores the levels here: dumpvars selects
      // Scope names start at the model's name, "TOP": level 1 is the SoC's ports.
      const int depth = options_.waves.depth == 0
                            ? 1'000'000
                            : static_cast<int>(std::min<uint32_t>(options_.waves.depth, 1'000'000));
      if (!options_.waves.scopes.empty()) {
        waves_->dumpvars(1, "TOP");  // the ports, always: clock, reset, AXI, irq_o
        for (const std::string& scope : options_.waves.scopes) {
          waves_->dumpvars(depth, "TOP.edgebert_soc." + scope);
        }
      } else if (options_.waves.depth != 0) {
        waves_->dumpvars(depth, "TOP");
      }
      waves_->open(file.c_str());
      if (!waves_->isOpen()) {
        waves_.reset();
        throw driver::TransportError("SoC waves: cannot create " + file);
      }
    }
  }

  // Dumps the state at `time` (2c or 2c + 1 for cycle c) when c is in the cycle window and, with
  // a command window, CMD_SEQ at time 2c is in [first_op, last_op]; closes the file at stop_cycle
  // or once CMD_SEQ > last_op. The decision at 2c holds for 2c + 1 (CMD_SEQ changes only at the
  // rising edge or by the asynchronous reset, which PowerCycle evaluates before its ticks).
  void DumpWaves([[maybe_unused]] uint64_t time) {
    if constexpr (kTraced) {
      if (!waves_) return;
      const SocOptions::Waves& w = options_.waves;
      const uint64_t cycle = time / 2;
      if (w.stop_cycle != 0 && cycle >= w.stop_cycle) {
        CloseWaves();
        return;
      }
      if (time % 2 == 0) {
        const uint32_t seq = model_.rootp->edgebert_soc__DOT__u_csr__DOT__cmd_seq_q;
        if (w.last_op && seq > *w.last_op) {
          CloseWaves();
          return;
        }
        dump_cycle_ = cycle >= w.start_cycle && (!w.first_op || seq >= *w.first_op);
        if (dump_cycle_) ++wave_cycles_;
      }
      if (dump_cycle_) waves_->dump(time);
    }
  }

  void CloseWaves() {
    if constexpr (kTraced) {
      if (!waves_) return;
      waves_->close();  // writes the value-change and hierarchy blocks and closes the file
      waves_.reset();
    }
  }

  // ---- Backdoor loads ---------------------------------------------------------------------

  // Word `index` (32 bits) of a Verilated value: an integer (IData/QData...) or a VlWide.
  template <typename T>
  static void PutWord(T& target, uint32_t index, uint32_t value) {
    if constexpr (std::is_integral_v<T>) {
      const int shift = static_cast<int>(32 * index);
      const T field = static_cast<T>(static_cast<T>(0xFFFFFFFFu) << shift);
      target = static_cast<T>((target & ~field) | (static_cast<T>(value) << shift));
    } else {
      target[index] = value;
    }
  }
  template <typename T>
  static bool GetBit(const T& bits, uint32_t index) {
    if constexpr (std::is_integral_v<T>) {
      return ((bits >> index) & 1) != 0;
    } else {
      return ((bits[index / 32] >> (index % 32)) & 1u) != 0;
    }
  }
  template <typename T>
  static void SetBit(T& bits, uint32_t index) {
    if constexpr (std::is_integral_v<T>) {
      bits = static_cast<T>(bits | (static_cast<T>(1) << index));
    } else {
      bits[index / 32] |= 1u << (index % 32);
    }
  }

  // True when every word went into storage; false (nothing written) when the run leaves the
  // backed part of the WSRAM, aux or ReRAM windows: the AXI path then gives the bus's answer.
  bool BackdoorWrite(uint32_t address, std::span<const uint32_t> words) {
    if constexpr (kBackdoor) {
      auto* root = model_.rootp;
      auto& values = root->edgebert_soc__DOT__u_wsram__DOT__values_q;
      auto& masks = root->edgebert_soc__DOT__u_wsram__DOT__masks_q;
      auto& wsram_valid = root->edgebert_soc__DOT__u_wsram__DOT__valid_q;
      auto& aux = root->edgebert_soc__DOT__u_gb__DOT__u_aux__DOT__words_q;
      auto& aux_valid = root->edgebert_soc__DOT__u_gb__DOT__u_aux__DOT__valid_q;
      auto& reram = root->edgebert_soc__DOT__u_gb__DOT__u_reram__DOT__mem;
      const uint64_t count = words.size();
      // n from the slot's width: n bytes, as an integer type or a VlWide of 32-bit words.
      const auto lanes = static_cast<uint32_t>(sizeof(values[0]));
      auto within = [&](uint32_t base, uint64_t backed_bytes) {
        return address >= base && uint64_t{address - base} + 4 * count <= backed_bytes;
      };
      // A vector written first through one plane reads 0 in the other (as the RTL).
      auto touch = [&](uint32_t v) {
        if (GetBit(wsram_valid, v)) return;
        for (uint32_t k = 0; k < lanes / 4; ++k) PutWord(values[v], k, 0);
        masks[v] = 0;
        SetBit(wsram_valid, v);
      };
      const uint64_t vectors = sizeof(values) / sizeof(values[0]);
      if (within(regs::kMemWsramValBase, vectors * lanes)) {
        for (uint64_t i = 0; i < count; ++i) {
          const uint32_t byte = address - regs::kMemWsramValBase + static_cast<uint32_t>(4 * i);
          touch(byte / lanes);
          PutWord(values[byte / lanes], (byte % lanes) / 4, words[i]);
        }
      } else if (within(regs::kMemWsramMaskBase, vectors * 4)) {
        const uint32_t keep = lanes == 32 ? 0xFFFFFFFFu : (1u << lanes) - 1;
        for (uint64_t i = 0; i < count; ++i) {
          const uint32_t v = (address - regs::kMemWsramMaskBase) / 4 + static_cast<uint32_t>(i);
          touch(v);
          masks[v] = static_cast<std::remove_reference_t<decltype(masks[v])>>(words[i] & keep);
        }
      } else if (within(regs::kMemAuxBase, sizeof(aux))) {
        for (uint64_t i = 0; i < count; ++i) {
          const uint32_t w = (address - regs::kMemAuxBase) / 4 + static_cast<uint32_t>(i);
          aux[w] = words[i];
          SetBit(aux_valid, w);
        }
      } else if (within(regs::kMemReramBase, sizeof(reram))) {
        for (uint64_t i = 0; i < count; ++i) {
          reram[(address - regs::kMemReramBase) / 4 + static_cast<uint32_t>(i)] = words[i];
        }
      } else {
        return false;
      }
      Eval();
      return true;
    } else {
      return false;
    }
  }

  static void CheckBurst(const AxiBurst& burst) {
    if (burst.beats < 1 || burst.beats > 256) throw std::invalid_argument("AXI burst of 1..256");
  }

  // The falling edge is evaluated lazily: by the next Eval() (which the AXI loops make anyway, to
  // present their inputs) or at the start of the next Tick(). No flop acts on it; only the clock
  // gates' latches (rtl/prim/clock_gate.sv) follow their enables while the clock is low, and they
  // keep the last value before the rising edge, which that eval() gives them. So this saves one
  // eval() per cycle of bus traffic and changes no result and no cycle.
  void Tick() {
    if (fall_pending_) Eval();
    if (checker_) CheckBus();
    DumpWaves(2 * cycles_);
    model_.clk_i = 1;
    model_.eval();
    if (RtlAssertFailed()) {
      IdleInputs();
      throw driver::TransportError("SoC harness: " + DescribeRtlAssertFailures(cycles_));
    }
    DumpWaves(2 * cycles_ + 1);
    model_.clk_i = 0;
    fall_pending_ = true;
    ++cycles_;
    // The interrupt monitor: every rising edge of irq_o, with its cycle.
    const bool line = model_.irq_o != 0;
    if (line && !irq_line_) irq_edges_.push_back(cycles_);
    irq_line_ = line;
  }

  void Eval() {
    model_.eval();
    fall_pending_ = false;
  }

  AxiSlaveSignals SlaveSignals() const {
    return AxiSlaveSignals{.aw_ready = model_.axi_awready_o != 0,
                           .w_ready = model_.axi_wready_o != 0,
                           .b_valid = model_.axi_bvalid_o != 0,
                           .b_id = model_.axi_bid_o,
                           .b_resp = model_.axi_bresp_o,
                           .ar_ready = model_.axi_arready_o != 0,
                           .r_valid = model_.axi_rvalid_o != 0,
                           .r_id = model_.axi_rid_o,
                           .r_data = model_.axi_rdata_o,
                           .r_resp = model_.axi_rresp_o,
                           .r_last = model_.axi_rlast_o != 0};
  }

  // The protocol checker's view of the edge about to happen. Edges with nothing valid, after an
  // edge with nothing valid, are not handed over: they cannot break a rule, and long commands
  // run with the bus idle.
  void CheckBus() {
    const bool active = model_.axi_awvalid_i || model_.axi_wvalid_i || model_.axi_arvalid_i ||
                        model_.axi_bvalid_o || model_.axi_rvalid_o || !model_.rst_ni;
    if (!checker_->Wants(active)) return;
    AxiBusCycle bus;
    bus.in_reset = !model_.rst_ni;
    bus.m.aw = {model_.axi_awvalid_i != 0, model_.axi_awid_i,   model_.axi_awaddr_i,
                model_.axi_awlen_i,        model_.axi_awsize_i, model_.axi_awburst_i};
    bus.m.w_valid = model_.axi_wvalid_i != 0;
    bus.m.w_data = model_.axi_wdata_i;
    bus.m.w_strb = model_.axi_wstrb_i;
    bus.m.w_last = model_.axi_wlast_i != 0;
    bus.m.b_ready = model_.axi_bready_i != 0;
    bus.m.ar = {model_.axi_arvalid_i != 0, model_.axi_arid_i,   model_.axi_araddr_i,
                model_.axi_arlen_i,        model_.axi_arsize_i, model_.axi_arburst_i};
    bus.m.r_ready = model_.axi_rready_i != 0;
    bus.s = SlaveSignals();
    checker_->Sample(bus, cycles_);
  }

  // The master side of the port, as `m` says.
  void Drive(const AxiMasterSignals& m) {
    model_.axi_awvalid_i = m.aw.valid;
    model_.axi_awid_i = m.aw.id;
    model_.axi_awaddr_i = m.aw.addr;
    model_.axi_awlen_i = m.aw.len;
    model_.axi_awsize_i = m.aw.size;
    model_.axi_awburst_i = m.aw.burst;
    model_.axi_wvalid_i = m.w_valid;
    model_.axi_wdata_i = m.w_data;
    model_.axi_wstrb_i = m.w_strb;
    model_.axi_wlast_i = m.w_last;
    model_.axi_bready_i = m.b_ready;
    model_.axi_arvalid_i = m.ar.valid;
    model_.axi_arid_i = m.ar.id;
    model_.axi_araddr_i = m.ar.addr;
    model_.axi_arlen_i = m.ar.len;
    model_.axi_arsize_i = m.ar.size;
    model_.axi_arburst_i = m.ar.burst;
    model_.axi_rready_i = m.r_ready;
  }

  void IdleInputs() { Drive(AxiMasterSignals{}); }

  // Idle cycles before a valid: none without a seed, else 0..3 (half of the time 0).
  int Delay() {
    if (options_.axi_seed == 0) return 0;
    const uint32_t r = static_cast<uint32_t>(rng_() & 7);
    return r < 4 ? 0 : static_cast<int>(r - 4);
  }
  // A ready: always without a seed, else three cycles in four.
  bool Ready() { return options_.axi_seed == 0 || (rng_() & 3) != 0; }
  uint8_t NextId() {
    id_ = static_cast<uint8_t>((id_ + 1) & 0xF);
    return id_;
  }

  void Watchdog(uint64_t start, const char* what) {
    if (cycles_ - start > options_.burst_watchdog_cycles) {
      Fail(std::string("AXI ") + what + " burst did not finish");
    }
  }
  [[noreturn]] void Fail(const std::string& why) {
    IdleInputs();
    throw driver::TransportError("SoC harness: " + why + " (cycle " + std::to_string(cycles_) +
                                 ")");
  }

  std::unique_ptr<AxiProtocolChecker> checker_;  // null with SocOptions::AxiCheck::kOff
  [[no_unique_address]] Context context_ = MakeContext();
  Model model_{ModelContext()};
  SocOptions options_;
  bool irq_line_ = false;
  bool fall_pending_ = false;  // clk_i lowered, not yet evaluated (Tick)
  std::vector<uint64_t> irq_edges_;
  std::mt19937_64 rng_;
  uint64_t cycles_ = 0;
  uint8_t id_ = 0;
  bool dump_cycle_ = false;  // whether the current cycle is being dumped (decided at time 2c)
  uint64_t wave_cycles_ = 0;
  [[no_unique_address]] WaveFile waves_{};  // after model_: closed before the model goes
};

}  // namespace edgebert::sim
