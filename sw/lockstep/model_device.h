// A compiled model on an accelerator, optionally checked against the full-model golden in
// lockstep: the layer between the driver (which only copies memory images and runs firmware
// jobs) and the application and tests. It turns an AlbertProgram into the driver's memory image
// and firmware stages, runs inputs, decodes logits, and with lockstep runs the golden twin
// alongside: per stage it compares the stage's last result and the hidden state X, per command
// every command's result, and reports the first mismatch.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "driver/device.h"
#include "golden/accelerator.h"
#include "golden/gb_golden.h"
#include "model/albert_program.h"
#include "model/tokenizer.h"

namespace edgebert::lockstep {

enum class Lockstep { kNone, kStage, kCommand };

struct RunOptions {
  std::optional<uint32_t> entropy_threshold_q24;  // default: the image's
  Lockstep lockstep = Lockstep::kNone;
  bool padded_rows = false;  // run the image's full T instead of the sentence's length
  uint32_t timeout_ms = 60000;
  // Run only the first `layers` layers, the last one's off-ramp giving the result: what a
  // sentence that exits there costs, for models that cannot exit where a study needs them to
  // (random weights; `edgebert dse --exit-depth`). Unset or >= the model's: every layer.
  std::optional<int> layers;
};

struct RunResult {
  std::vector<uint8_t> logit_codes;
  int logit_bias = 0;
  std::vector<double> logits;
  int label = 0;
  int exit_layer = -1;
  int layers_run = 0;
  std::vector<uint32_t> entropies_q24;
  int rows = 0, keys = 0;
  uint32_t commands = 0;
  uint32_t interrupts = 0;             // taken by the firmware
  uint64_t cycles = 0;                 // transport cycles over the run
  std::vector<uint64_t> stage_cycles;  // per stage run: the embeddings, then each layer
  firmware::Perf perf;
  // Lockstep: the comparisons made and the first mismatch (empty when all matched).
  uint64_t compared_tensors = 0;
  std::string mismatch;
  uint64_t mismatch_cycle = 0;  // the transport's cycle when it was detected
};

// The driver's memory image of a program on an accelerator of `config`: the ReRAM tables as the
// store holds them (header offsets rewritten for their place), the WSRAM planes as the image
// holds them (the compiler bitmask-encoded them: docs/architecture.md section 5), the static
// aux blocks.
driver::MemoryImage MemoryImageOf(const model::AlbertProgram& program,
                                  const golden::AcceleratorConfig& config);

// The golden model's view of the driver's sizes and ReRAM settings.
golden::AcceleratorConfig ToAcceleratorConfig(const driver::DeviceConfig& config);
driver::ReramSettings ToDriver(const golden::ReramReadSettings& settings);

class ModelDevice {
 public:
  // Identifies the accelerator (driver::Device); throws driver::DeviceError.
  explicit ModelDevice(driver::Transport& transport);

  // The accelerator's sizes, for placing a program (ValueBaseWord included).
  golden::AcceleratorConfig config() const { return config_; }
  driver::Device& device() { return device_; }

  // A power cycle; the ReRAM read settings are written again, the model is not.
  void PowerCycle() { device_.PowerCycle(); }

  // The ReRAM read settings for the accelerator and the golden twin alike, so faulty ReRAM
  // reads stay bit-exact in lockstep. Throws driver::DeviceError when a register write fails.
  void SetReram(const golden::ReramReadSettings& settings);
  const golden::ReramReadSettings& reram() const { return reram_; }

  // Writes the model (MemoryImageOf; the embeddings only when the ReRAM does not hold them, or
  // `force_reram`). Throws driver::DeviceError naming the first failing access.
  driver::LoadReport Load(const model::AlbertProgram& program, bool force_reram = false);

  // One input through the firmware. Throws driver::DeviceError when the firmware fails (with
  // the error cause, or the timeout), or std::invalid_argument for an input the program
  // rejects.
  RunResult Run(const model::AlbertProgram& program, const model::Encoding& input,
                const RunOptions& options = {});

 private:
  driver::Device device_;
  golden::AcceleratorConfig config_;
  golden::ReramReadSettings reram_;  // what SetReram wrote (the reset values until then)
  // The golden twin for lockstep, loaded with the same model.
  std::unique_ptr<golden::GoldenAccelerator> golden_;
  const model::AlbertProgram* golden_program_ = nullptr;
};

// Reads `ref` from the accelerator's UAB or aux buffer through the transport.
std::vector<uint8_t> ReadTensor(driver::Transport& transport, int lanes,
                                const model::TensorRef& ref);

}  // namespace edgebert::lockstep
