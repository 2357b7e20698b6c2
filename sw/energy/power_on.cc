#include "energy/power_on.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "energy/scaling.h"

namespace edgebert::energy {

EmbeddingImage ImageOf(const golden::PackedEmbeddingTable& table) {
  return {.slc_words = table.SlcWords(), .value_words = table.ValueWords()};
}

EmbeddingImage operator+(const EmbeddingImage& a, const EmbeddingImage& b) {
  return {.slc_words = a.slc_words + b.slc_words, .value_words = a.value_words + b.value_words};
}

ReramPowerOn ReramPowerOnCost(const EnergyParams& params, const EmbeddingImage& image,
                              golden::CellMode value_mode) {
  if (image.bits() == 0) throw std::invalid_argument("power-on: the image is empty");
  const auto& r = params.reram;
  const auto slc = static_cast<double>(image.slc_words);
  const auto value = static_cast<double>(image.value_words);
  ReramPowerOn cost;
  cost.latency_us =
      (slc * ReramReadNs(r, golden::CellMode::kSlc) + value * ReramReadNs(r, value_mode)) * 1e-3;
  cost.energy_uj =
      (slc * ReramReadPj(r, golden::CellMode::kSlc) + value * ReramReadPj(r, value_mode)) * 1e-6;
  constexpr double kWordsPerMib = 1024.0 * 1024 / 4;
  cost.area_mm2 =
      (slc * ReramMm2PerMib(r, golden::CellMode::kSlc) + value * ReramMm2PerMib(r, value_mode)) /
      kWordsPerMib;
  return cost;
}

ConventionalPowerOn ConventionalPowerOnCost(const EnergyParams& params, const EmbeddingImage& image,
                                            int lanes, double clock_mhz) {
  if (image.bits() == 0) throw std::invalid_argument("power-on: the image is empty");
  if (!std::isfinite(clock_mhz) || clock_mhz <= 0) {
    throw std::invalid_argument("power-on: the clock must be a positive number of MHz");
  }
  const EnergyParams p = ScaleToLanes(params, lanes);
  const auto bits = static_cast<double>(image.bits());
  ConventionalPowerOn cost;
  cost.dram_read_uj = bits * p.dram.read_pj_per_bit * 1e-6;
  cost.sram_write_uj = bits * p.sram.uab_write_pj_per_bit * 1e-6;
  cost.sram_read_uj = bits * p.sram.uab_read_pj_per_bit * 1e-6;
  // GB/s is bytes per ns; the port moves 8n bits (n bytes) per cycle of 1000 / clock_mhz ns.
  const double bytes = bits / 8;
  const double dram_ns = bytes / p.dram.bandwidth_gbyte_per_s;
  const double port_ns = bytes / lanes * (1e3 / clock_mhz);
  cost.load_us = (p.dram.first_access_ns + std::max(dram_ns, port_ns)) * 1e-3;
  cost.sram_read_us = port_ns * 1e-3;
  return cost;
}

}  // namespace edgebert::energy
