// The driver's API to one EdgeBERT accelerator behind a Transport: identify it, load a compiled
// model (embeddings into ReRAM only when they are not there already, encoder weights into the
// WSRAM, static aux blocks), set thresholds, run inputs through the firmware, read results and
// performance counters, and optionally check every stage or every command against the
// full-model golden in lockstep.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "driver/transport.h"
#include "firmware/inference.h"
#include "golden/accelerator.h"
#include "golden/gb_golden.h"
#include "model/albert_golden.h"
#include "model/albert_program.h"
#include "model/tokenizer.h"

namespace edgebert::driver {

// A bus error on an access the driver needed, a firmware failure, a timeout or an accelerator
// that does not fit the model: the message says which, with the address or the error cause.
class DeviceError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

enum class Lockstep { kNone, kStage, kCommand };

struct RunOptions {
  std::optional<uint32_t> entropy_threshold_q24;  // default: the image's
  Lockstep lockstep = Lockstep::kNone;
  bool padded_rows = false;  // run the image's full T instead of the sentence's length
  uint32_t timeout_ms = 60000;
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

struct LoadReport {
  bool reram_written = false;  // false: the embeddings were already there
  uint64_t words_written = 0;
  uint64_t cycles = 0;
};

class Device {
 public:
  // Reads ID and HWCFG; throws DeviceError when the ID is not an EdgeBERT accelerator's.
  explicit Device(Transport& transport);

  // The accelerator's sizes from HWCFG (ValueBaseWord from `reram_value_base_word`, which the
  // registers do not carry).
  golden::AcceleratorConfig config() const { return config_; }

  // A power cycle; the ReRAM read settings (SetReram) are written again, the model is not.
  void PowerCycle();

  // How GATHER reads the ReRAM store: the value region's cell mode and the seeded level faults
  // (RERAM_CTRL, RERAM_SEED). The golden twin of lockstep reads with the same settings, so
  // faulty reads stay bit-exact. Throws DeviceError when a register write fails.
  void SetReram(const golden::ReramReadSettings& settings);
  const golden::ReramReadSettings& reram() const { return reram_; }

  // Writes the model. The ReRAM tables are compared with what the store holds and rewritten only
  // when they differ (or `force_reram`). Throws DeviceError naming the first failing access.
  LoadReport Load(const model::AlbertProgram& program, bool force_reram = false);

  // One input through the firmware. Throws DeviceError when the firmware fails (with the error
  // cause, or the timeout), or std::invalid_argument for an input the program rejects.
  RunResult Run(const model::AlbertProgram& program, const model::Encoding& input,
                const RunOptions& options = {});

 private:
  bool ReramHolds(const model::AlbertProgram& program);
  void WriteWords(uint32_t address, std::span<const uint32_t> words);
  void ReadWords(uint32_t address, std::span<uint32_t> words);

  Transport& transport_;
  golden::AcceleratorConfig config_;
  // The golden twin for lockstep, loaded with the same model.
  std::unique_ptr<golden::GoldenAccelerator> golden_;
  const model::AlbertProgram* golden_program_ = nullptr;
  golden::ReramReadSettings reram_;  // what SetReram wrote (the reset values until then)
};

// Reads `ref` from the accelerator's UAB or aux buffer through the transport.
std::vector<uint8_t> ReadTensor(Transport& transport, int lanes, const model::TensorRef& ref);

}  // namespace edgebert::driver
