#include "driver/device.h"

#include <exception>
#include <string>

#include "driver/firmware_hal.h"
#include "numerics/sparse.h"
#include "util/hex.h"

namespace edgebert::driver {
namespace {

// "BAD_EXPONENT (5)": a code the hardware reported, by its register-map name (name_of, generated
// from the map) when it has one. The map's enums are 8 bits wide: a wider value has no name.
template <typename Enum>
std::string RegmapName(uint32_t code, const char* (*name_of)(Enum)) {
  const char* name = code <= 0xFF ? name_of(static_cast<Enum>(code)) : nullptr;
  return std::string(name != nullptr ? name : "an undefined code") + " (" + std::to_string(code) +
         ")";
}

}  // namespace

std::vector<uint8_t> ReadTensor(Transport& transport, int lanes, const TensorLocation& where) {
  const auto n = static_cast<uint32_t>(lanes);
  if (where.aux) {
    std::vector<uint32_t> words((where.cols + 3) / 4);
    if (transport.Read(regs::kMemAuxBase + where.address, words) != BusResponse::kOkay) {
      throw DeviceError("reading aux byte " + std::to_string(where.address) + " failed");
    }
    std::vector<uint8_t> bytes(where.cols);
    for (uint32_t i = 0; i < where.cols; ++i)
      bytes[i] = static_cast<uint8_t>(words[i / 4] >> (8 * (i % 4)));
    return bytes;
  }
  const uint32_t groups = where.cols / n;
  std::vector<uint8_t> codes(size_t{where.rows} * where.cols);
  std::vector<uint32_t> values(groups * n / 4), masks(groups);
  for (uint32_t r = 0; r < where.rows; ++r) {
    const uint32_t first = where.address + r * where.stride;
    if (transport.Read(regs::kMemUabValBase + first * n, values) != BusResponse::kOkay ||
        transport.Read(regs::kMemUabMaskBase + 4 * first, masks) != BusResponse::kOkay) {
      throw DeviceError("reading UAB vectors from " + std::to_string(first) + " failed");
    }
    for (uint32_t g = 0; g < groups; ++g) {
      uint8_t slot[sparse::kMaxLanes];
      for (uint32_t i = 0; i < n; ++i) {
        slot[i] = static_cast<uint8_t>(values[(g * n + i) / 4] >> (8 * (i % 4)));
      }
      sparse::DecodeVector(masks[g], std::span<const uint8_t>(slot, n),
                           std::span<uint8_t>(&codes[size_t{r} * where.cols + g * n], n));
    }
  }
  return codes;
}

Device::Device(Transport& transport) : transport_(transport) {
  uint32_t id = 0, hw[3] = {};
  if (transport_.Read(regs::kIdOffset, std::span<uint32_t>(&id, 1)) != BusResponse::kOkay ||
      transport_.Read(regs::kHwcfg0Offset, hw) != BusResponse::kOkay) {
    throw DeviceError("cannot read the ID and HWCFG registers");
  }
  if (regs::Get(regs::id::kMagic, id) != regs::id::kMagicReset) {
    throw DeviceError("ID register " + util::Hex(id) + " is not an EdgeBERT accelerator's");
  }
  const auto lanes = static_cast<int>(regs::Get(regs::hwcfg0::kLanes, hw[0]));
  if (!sparse::IsSupportedLanes(lanes)) {
    throw DeviceError("HWCFG0 reports n = " + std::to_string(lanes));
  }
  config_.lanes = lanes;
  config_.uab_vectors =
      regs::Get(regs::hwcfg1::kUabKib, hw[1]) * 1024 / static_cast<uint32_t>(lanes);
  config_.aux_bytes = regs::Get(regs::hwcfg1::kAuxKib, hw[1]) * 1024;
  config_.wsram_vectors =
      regs::Get(regs::hwcfg2::kWsramKib, hw[2]) * 1024 / static_cast<uint32_t>(lanes);
  config_.reram_words = regs::Get(regs::hwcfg2::kReramKib, hw[2]) * 1024 / 4;
  // Every configuration keeps the ReRAM's SLC region in the store's first quarter.
  config_.reram_value_base_word = config_.reram_words / 4;
}

void Device::PowerCycle() {
  transport_.PowerCycle();
  if (reram_ != ReramSettings{}) SetReram(reram_);  // the reset values otherwise
}

void Device::SetReram(const ReramSettings& settings) {
  uint32_t ctrl = regs::reram_ctrl::kResetValue;
  ctrl = regs::Set(regs::reram_ctrl::kValueMode, ctrl, settings.value_mode);
  ctrl = regs::Set(regs::reram_ctrl::kFaultEn, ctrl, settings.fault_en ? 1 : 0);
  WriteWords(regs::kReramCtrlOffset, std::span<const uint32_t>(&ctrl, 1));
  WriteWords(regs::kReramSeedOffset, std::span<const uint32_t>(&settings.seed, 1));
  reram_ = settings;
}

void Device::WriteWords(uint32_t address, std::span<const uint32_t> words) {
  const BusResponse r = transport_.Write(address, words);
  if (r != BusResponse::kOkay) {
    throw DeviceError("writing " + std::to_string(words.size()) + " words at " +
                      util::Hex(address) + ": " + BusResponseName(r));
  }
}

void Device::ReadWords(uint32_t address, std::span<uint32_t> words) {
  const BusResponse r = transport_.Read(address, words);
  if (r != BusResponse::kOkay) {
    throw DeviceError("reading " + std::to_string(words.size()) + " words at " +
                      util::Hex(address) + ": " + BusResponseName(r));
  }
}

bool Device::ReramHolds(const std::vector<MemoryWrite>& reram) {
  for (const MemoryWrite& w : reram) {
    std::vector<uint32_t> got(w.words.size());
    ReadWords(w.address, got);
    if (got != w.words) return false;
  }
  return true;
}

LoadReport Device::Load(const MemoryImage& image, bool force_reram) {
  const uint64_t start = transport_.Cycles();
  LoadReport report;
  if (force_reram || !ReramHolds(image.reram)) {
    for (const MemoryWrite& w : image.reram) {
      WriteWords(w.address, w.words);
      report.words_written += w.words.size();
    }
    report.reram_written = true;
  }
  for (const MemoryWrite& w : image.rest) {
    WriteWords(w.address, w.words);
    report.words_written += w.words.size();
  }
  report.cycles = transport_.Cycles() - start;
  return report;
}

JobResult Device::RunJob(const firmware::Job& job) {
  FirmwareHal hal(transport_);
  JobResult result;
  const uint64_t start = transport_.Cycles();
  result.report = firmware::RunInference(hal, job);
  result.cycles = transport_.Cycles() - start;
  // After the run's cycles: the activity counters' 22 register reads are not part of the run.
  if (result.report.status == firmware::Status::kOk ||
      result.report.status == firmware::Status::kStopped) {
    const firmware::Status s = firmware::ReadActivityCounters(hal, result.report.perf);
    if (s != firmware::Status::kOk && result.report.status == firmware::Status::kOk) {
      result.report.status = s;
    }
  }
  hal.RethrowTransportException();

  const firmware::Report& report = result.report;
  if (report.status == firmware::Status::kOk || report.status == firmware::Status::kStopped) {
    return result;
  }
  std::string what = "firmware: ";
  switch (report.status) {
    case firmware::Status::kError:
      what += "the accelerator raised ERROR " + RegmapName(report.error_code, regs::ErrCodeName) +
              " on " + RegmapName(report.error_opcode, regs::OpcodeName) + " (command sequence " +
              std::to_string(report.error_seq) + ")";
      break;
    case firmware::Status::kTimeout:
      what += "no interrupt within " + std::to_string(job.timeout_ms) +
              " ms (or within the target's cycle watchdog)";
      break;
    case firmware::Status::kBusError:
      what += "a bus access failed (" + hal.first_error() + ")";
      break;
    default:
      what += "the job was refused";
  }
  if (report.failed_stage >= 0) what += " in stage " + std::to_string(report.failed_stage);
  throw DeviceError(what);
}

}  // namespace edgebert::driver
