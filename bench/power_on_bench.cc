// The power-on cost of ALBERT-base's embeddings (paper Fig. 11, docs/energy.md section 5):
// ReRAM per value cell mode against LPDDR4 DRAM + SRAM write + SRAM read, with the parameters
// of yaml/energy/edgebert_12nm.yaml (or --params). Prints Markdown tables; asserts nothing.
//
// The tables are packed with the gather unit's format (golden::PackEmbeddingTable) at Table IV's
// 60 % embedding sparsity, zeros placed by a fixed pseudo-random draw; only the count of
// nonzeros per row matters to the footprint.
#include <cstdint>
#include <cstdio>
#include <exception>
#include <random>
#include <string>
#include <vector>

#include "energy/energy_params.h"
#include "energy/power_on.h"
#include "golden/reram.h"

namespace {

using edgebert::energy::EmbeddingImage;
using edgebert::golden::CellMode;
using edgebert::golden::PackedEmbeddingTable;

constexpr int kLanes = 16;
constexpr int kDim = 128;             // ALBERT-base embedding size
constexpr double kSparsity = 0.6;     // Table IV: embeddings pruned to 60 % zeros
constexpr int kSentenceTokens = 128;  // a GLUE sentence padded to 128 tokens

PackedEmbeddingTable SparseTable(int rows, uint32_t seed) {
  std::mt19937 rng(seed);
  std::bernoulli_distribution nonzero(1 - kSparsity);
  std::vector<uint8_t> codes(static_cast<size_t>(rows) * kDim);
  for (auto& code : codes) code = nonzero(rng) ? 0x31 : 0x00;
  return edgebert::golden::PackEmbeddingTable(rows, kDim, kLanes, codes, 0);
}

// The words GATHER reads for one row: its mask words, its two row offsets and the value words
// its nonzero bytes touch (docs/architecture.md section 9).
EmbeddingImage RowReads(const PackedEmbeddingTable& t, int row) {
  const uint32_t begin = t.row_offsets[static_cast<size_t>(row)];
  const uint32_t end = t.row_offsets[static_cast<size_t>(row) + 1];
  return {.slc_words = edgebert::golden::MaskWordsPerRow(kDim) + 2,
          .value_words = end > begin ? (end - 1) / 4 - begin / 4 + 1 : 0};
}

const char* ModeName(CellMode mode) {
  return mode == CellMode::kSlc ? "SLC" : mode == CellMode::kMlc2 ? "MLC2" : "MLC3";
}

}  // namespace

int main(int argc, char** argv) {
  try {
    const std::string path =
        argc > 2 && std::string(argv[1]) == "--params"
            ? argv[2]
            : std::string(EDGEBERT_SOURCE_DIR) + "/yaml/energy/edgebert_12nm.yaml";
    const auto params = edgebert::energy::LoadEnergyParams(path);
    const PackedEmbeddingTable word = SparseTable(30000, 1);
    const PackedEmbeddingTable position = SparseTable(512, 2);
    const PackedEmbeddingTable type = SparseTable(2, 3);
    const EmbeddingImage word_image = edgebert::energy::ImageOf(word);
    const EmbeddingImage all_image =
        word_image + edgebert::energy::ImageOf(position) + edgebert::energy::ImageOf(type);

    // One sentence's GATHER reads: three headers, then per token its word row (ids drawn
    // uniformly), its position row and the type-0 row.
    EmbeddingImage sentence{.slc_words = 3 * edgebert::golden::kEmbeddingHeaderWords};
    std::mt19937 rng(4);
    std::uniform_int_distribution<int> id(0, 29999);
    for (int t = 0; t < kSentenceTokens; ++t) {
      sentence = sentence + RowReads(word, id(rng)) + RowReads(position, t) + RowReads(type, 0);
    }

    std::printf("parameters: %s (%s)\n\n", path.c_str(), params.technology.c_str());
    std::printf(
        "| image | SLC words | value words | MB (10^6 bytes) |\n| --- | ---: | ---: | ---: |\n");
    for (const auto& [name, image] :
         {std::pair{"word table 30000 x 128", word_image},
          std::pair{"word + position 512 + type 2", all_image},
          std::pair{"one 128-token sentence's GATHER reads", sentence}}) {
      std::printf("| %s | %llu | %llu | %.4f |\n", name,
                  static_cast<unsigned long long>(image.slc_words),
                  static_cast<unsigned long long>(image.value_words),
                  static_cast<double>(image.bits()) / 8e6);
    }

    for (const auto& [name, image] :
         {std::pair{"word table", word_image}, std::pair{"word + position + type", all_image}}) {
      const auto dram = edgebert::energy::ConventionalPowerOnCost(params, image, kLanes);
      std::printf(
          "\n%s, conventional (n = %d): DRAM %.3f uJ + SRAM write %.4f uJ + SRAM read %.4f uJ = "
          "%.3f uJ; load %.2f us + SRAM read %.2f us = %.2f us\n\n",
          name, kLanes, dram.dram_read_uj, dram.sram_write_uj, dram.sram_read_uj, dram.energy_uj(),
          dram.load_us, dram.sram_read_us, dram.latency_us());
      // The first sentence after power-on: the conventional flow loads the whole table, then
      // reads the rows the sentence needs from SRAM; the ReRAM reads just those rows.
      const auto used_sram = edgebert::energy::ConventionalPowerOnCost(params, sentence, kLanes);
      const double first_uj = dram.dram_read_uj + dram.sram_write_uj + used_sram.sram_read_uj;
      const double first_us = dram.load_us + used_sram.sram_read_us;
      std::printf("first sentence, conventional: %.3f uJ, %.2f us\n\n", first_uj, first_us);
      std::printf(
          "| value cells | cell area mm^2 | table: ReRAM us | ReRAM uJ | latency ratio | energy "
          "ratio "
          "| first sentence: ReRAM us | ReRAM uJ | latency ratio | energy ratio |\n"
          "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
      for (const CellMode mode : {CellMode::kSlc, CellMode::kMlc2, CellMode::kMlc3}) {
        const auto reram = edgebert::energy::ReramPowerOnCost(params, image, mode);
        const auto used = edgebert::energy::ReramPowerOnCost(params, sentence, mode);
        std::printf("| %s | %.3f | %.2f | %.3f | %.2f | %.1f | %.3f | %.5f | %.1f | %.0f |\n",
                    ModeName(mode), reram.area_mm2, reram.latency_us, reram.energy_uj,
                    dram.latency_us() / reram.latency_us, dram.energy_uj() / reram.energy_uj,
                    used.latency_us, used.energy_uj, first_us / used.latency_us,
                    first_uj / used.energy_uj);
      }
    }
  } catch (const std::exception& e) {
    std::fprintf(stderr, "power_on_bench: %s\n", e.what());
    return 1;
  }
  return 0;
}
