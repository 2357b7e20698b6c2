// The power-on cost of the embeddings (paper Fig. 11, issue 16 item 5): reading the whole table
// image from the on-chip ReRAM, where it survives power-off, against the conventional flow that
// reads it from LPDDR4 DRAM, writes it into on-chip SRAM and reads it from there.
#pragma once

#include <cstdint>

#include "energy/energy_params.h"
#include "golden/reram.h"

namespace edgebert::energy {

// The words the gather unit's table image occupies: header, masks and row offsets (always SLC
// cells) and the nonzero values (cells of the value mode).
struct EmbeddingImage {
  uint64_t slc_words = 0;
  uint64_t value_words = 0;
  uint64_t bits() const { return 32 * (slc_words + value_words); }
};

EmbeddingImage ImageOf(const golden::PackedEmbeddingTable& table);
EmbeddingImage operator+(const EmbeddingImage& a, const EmbeddingImage& b);

struct ReramPowerOn {
  double latency_us = 0;  // one 32-bit read in flight (the store's port), each its Table III time
  double energy_uj = 0;
  double area_mm2 = 0;  // the cells holding the image at Table III's densities (no periphery)
};

// Throws std::invalid_argument for an empty image.
ReramPowerOn ReramPowerOnCost(const EnergyParams& params, const EmbeddingImage& image,
                              golden::CellMode value_mode);

struct ConventionalPowerOn {
  double dram_read_uj = 0, sram_write_uj = 0, sram_read_uj = 0;
  // DRAM to SRAM streams at the slower of the DRAM bandwidth and the SRAM write port (one n-lane
  // vector of codes, 8n bits, a cycle), after the DRAM's first-access latency; the SRAM read
  // follows at the same port width.
  double load_us = 0, sram_read_us = 0;
  double energy_uj() const { return dram_read_uj + sram_write_uj + sram_read_uj; }
  double latency_us() const { return load_us + sram_read_us; }
};

// The SRAM is a UAB-like buffer (its per-bit energies), `params` scaled to `lanes`. Throws
// std::invalid_argument for an empty image, bad lanes or a clock that is not positive.
ConventionalPowerOn ConventionalPowerOnCost(const EnergyParams& params, const EmbeddingImage& image,
                                            int lanes, double clock_mhz = 500);

}  // namespace edgebert::energy
