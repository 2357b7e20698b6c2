// The technology an energy estimate is made for: per-event energies and per-block leakage at a
// reference vector size and clock, read from a YAML file (yaml/energy/edgebert_12nm.yaml is
// derived from the paper's Table V; docs/energy.md gives the derivation and the file format).
#pragma once

#include <array>
#include <filesystem>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

#include "golden/reram.h"

namespace edgebert::energy {

// Every bad parameter file: the message names the file and the key.
class ParamsError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct PuParams {
  double mac_nonzero_pj = 0;   // one element multiply-accumulate with both operands nonzero
  double vmac_pj = 0;          // one performed n-lane VMAC: adder tree, accumulate, decode
  double vmac_skipped_pj = 0;  // one VMAC skipped because an operand mask was all zero
  double leakage_mw = 0;
};

struct GbParams {
  double unit_busy_cycle_pj = 0;  // one cycle of one busy GB row unit (n lanes)
  double leakage_mw = 0;
};

// Per-bit SRAM access energies: a word's energy is its width times these (the widths are in
// docs/energy.md: WSRAM and UAB words are one n-lane vector and its mask, aux words 32 bits).
struct SramParams {
  double wsram_read_pj_per_bit = 0, wsram_write_pj_per_bit = 0;
  double uab_read_pj_per_bit = 0, uab_write_pj_per_bit = 0;
  double aux_read_pj_per_bit = 0, aux_write_pj_per_bit = 0;
  double leakage_mw = 0;
};

// Indexed by golden::CellMode.
struct ReramParams {
  std::array<double, 3> read_pj_per_word{};  // one 32-bit word read
  std::array<double, 3> read_ns{};           // one word read, one read in flight (Table III)
  std::array<double, 3> mm2_per_mib{};       // array density (Table III; MB read as MiB)
  double leakage_mw = 0;
};

// Off-chip memory, used only by the power-on comparison (Fig. 11).
struct DramParams {
  double read_pj_per_bit = 0;
  double bandwidth_gbyte_per_s = 0;
  double first_access_ns = 0;
};

// The block powers the per-event energies were derived from, at the reference activity
// (docs/energy.md section 2). Optional: another technology may have no such table.
struct Calibration {
  double pu_mw = 0, gb_mw = 0, sram_mw = 0, reram_mw = 0;
};

struct EnergyParams {
  std::string technology;    // a name, for reports
  int reference_lanes = 16;  // the n the energies were derived at
  double reference_clock_mhz = 500;
  PuParams pu;
  GbParams gb;
  SramParams sram;
  ReramParams reram;
  DramParams dram;
  std::optional<Calibration> calibration;
};

inline double ReramReadPj(const ReramParams& p, golden::CellMode mode) {
  return p.read_pj_per_word[static_cast<size_t>(mode)];
}
inline double ReramReadNs(const ReramParams& p, golden::CellMode mode) {
  return p.read_ns[static_cast<size_t>(mode)];
}
inline double ReramMm2PerMib(const ReramParams& p, golden::CellMode mode) {
  return p.mm2_per_mib[static_cast<size_t>(mode)];
}

// Throws ParamsError naming the file and the key: malformed YAML, a key unknown, missing or
// given twice, a value that is not a number, negative or not finite, reference_lanes not in
// {4, 8, 16, 32}, a clock, read time or DRAM bandwidth that is not positive.
EnergyParams LoadEnergyParams(const std::filesystem::path& yaml);
// The same from the file's text; `name` stands for the file in messages.
EnergyParams ParseEnergyParams(std::string_view text, const std::filesystem::path& name);

}  // namespace edgebert::energy
