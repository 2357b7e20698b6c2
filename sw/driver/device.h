// The driver's API to one EdgeBERT accelerator behind a Transport: identify it, load a memory
// image (ReRAM words only when the store does not hold them already, then the WSRAM and aux
// words as given: the driver copies, it encodes nothing), set the ReRAM read settings, run a
// firmware job and read tensors back. It knows no model and no golden: the lockstep layer
// (sw/lockstep/) builds the image and the job from a compiled program and checks the results.
#pragma once

#include <cstdint>
#include <span>
#include <stdexcept>
#include <vector>

#include "driver/transport.h"
#include "firmware/inference.h"
#include "regmap/edgebert_regs.h"

namespace edgebert::driver {

// A bus error on an access the driver needed, a firmware failure, a timeout or an accelerator
// that does not fit the model: the message says which, with the address or the error cause.
class DeviceError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// The accelerator's sizes from HWCFG0..2 (in the golden model's units: vectors of n bytes,
// bytes, ReRAM words).
struct DeviceConfig {
  int lanes = 0;
  uint32_t uab_vectors = 0, wsram_vectors = 0, aux_bytes = 0, reram_words = 0;
  uint32_t reram_value_base_word = 0;  // not in HWCFG: the ReRAM's first quarter is SLC
};

// RERAM_CTRL's value-cell mode and fault enable, RERAM_SEED; the defaults are the reset values.
struct ReramSettings {
  uint32_t value_mode = regs::Get(regs::reram_ctrl::kValueMode, regs::reram_ctrl::kResetValue);
  bool fault_en = false;
  uint32_t seed = regs::reram_seed::kResetValue;
  bool operator==(const ReramSettings&) const = default;
};

// Words for one run of the memory map from `address` (4-aligned).
struct MemoryWrite {
  uint32_t address = 0;
  std::vector<uint32_t> words;
};

// What Load writes: `reram` (the embedding tables) is compared with the store first and
// written only when it differs; `rest` (WSRAM planes, static aux blocks) always.
struct MemoryImage {
  std::vector<MemoryWrite> reram;
  std::vector<MemoryWrite> rest;
};

struct LoadReport {
  bool reram_written = false;  // false: the embeddings were already there
  uint64_t words_written = 0;
  uint64_t cycles = 0;
};

struct JobResult {
  firmware::Report report;
  uint64_t cycles = 0;  // transport cycles over the run
};

// Where a tensor lies: `rows` rows of `cols` AF8 codes in the UAB from vector `address`,
// `stride` vectors apart (bitmask-encoded), or `cols` bytes of the aux buffer from `address`.
struct TensorLocation {
  bool aux = false;
  uint32_t address = 0, stride = 0, rows = 0, cols = 0;
};

class Device {
 public:
  // Reads ID and HWCFG; throws DeviceError when the ID is not an EdgeBERT accelerator's.
  explicit Device(Transport& transport);

  const DeviceConfig& config() const { return config_; }
  Transport& transport() { return transport_; }

  // A power cycle; the ReRAM read settings (SetReram) are written again, the image is not.
  void PowerCycle();

  // How GATHER reads the ReRAM store (RERAM_CTRL, RERAM_SEED). Throws DeviceError when a
  // register write fails.
  void SetReram(const ReramSettings& settings);
  const ReramSettings& reram() const { return reram_; }

  // Writes the image (the ReRAM part only when it differs from the store, or `force_reram`).
  // Throws DeviceError naming the first failing access.
  LoadReport Load(const MemoryImage& image, bool force_reram = false);

  // Runs `job` through the firmware. Throws DeviceError when the firmware fails (the error
  // cause, the timeout, the failed access) and rethrows a transport's exception; returns for
  // kOk and for kStopped (the job's observer asked, so its caller knows why).
  JobResult RunJob(const firmware::Job& job);

 private:
  bool ReramHolds(const std::vector<MemoryWrite>& reram);
  void WriteWords(uint32_t address, std::span<const uint32_t> words);
  void ReadWords(uint32_t address, std::span<uint32_t> words);

  Transport& transport_;
  DeviceConfig config_;
  ReramSettings reram_;  // what SetReram wrote (the reset values until then)
};

// Reads a tensor from the accelerator's UAB (bitmask-decoded) or aux buffer.
std::vector<uint8_t> ReadTensor(Transport& transport, int lanes, const TensorLocation& where);

}  // namespace edgebert::driver
