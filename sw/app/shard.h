// Sharded jobs: `edgebert golden --tsv` and `edgebert run --tsv` take `--shard I/N` and run every
// N-th sentence of their selection (the sentences at positions p with p % N == I - 1, I 1-based),
// writing per-sentence results with `--results FILE`; `edgebert merge FILES...` turns the N files
// into the report an unsharded run gives (accuracy, exit-layer histogram, cycles, energy).
// Round-robin rather than contiguous blocks: neighbouring sentences of a data set often have
// similar lengths, and interleaving spreads them evenly over the shards.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace edgebert::app {

struct Shard {
  int index = 1;  // I, 1-based
  int count = 1;  // N
};

// "I/N" with 1 <= I <= N. Throws std::invalid_argument naming --shard and what is wrong.
Shard ParseShard(const std::string& text);

// The positions (0-based in the selection of `total` sentences) shard takes. Throws
// std::invalid_argument when there is none (more shards than sentences).
std::vector<std::size_t> ShardPositions(std::size_t total, const Shard& shard);

// One sentence's result. Doubles are written with 17 significant digits, so that a merge sums
// exactly the values an unsharded run sums.
struct SentenceRecord {
  std::size_t index = 0;  // position in the whole selection (0-based)
  int label = -1;         // the data's label
  int predicted = 0;
  int exit_layer = 0;  // 1-based off-ramp taken; 0: none
  int depth = 0;       // layers run
  std::uint64_t cycles = 0;
  double energy_uj = 0;
  double energy_seconds = 0;  // the time the energy model gives it (cycles at the clock)
};

// A --results file: what ran, on what, and each sentence of the shard, in position order.
struct ShardResults {
  std::string job;     // "golden" or "run"
  std::string target;  // golden: "golden"; run: its --target
  std::string image;
  // FNV-1a 64 of the image file's bytes (ImageDigest): shards that compiled the same image into
  // folders of their own still merge. Empty for an image compiled in memory (run --task).
  std::string image_digest;
  std::string task;
  int layers = 0;
  int lanes = 0;
  std::uint32_t threshold_q24 = 0;
  double clock_mhz = 0;
  std::string technology;
  std::string tsv;
  std::size_t selected = 0;  // sentences in the whole selection (every shard)
  Shard shard;
  std::vector<SentenceRecord> sentences;
};

// The image_digest of a file (16 hex digits). Throws std::runtime_error when it cannot be read.
std::string ImageDigest(const std::filesystem::path& file);

// Throws std::runtime_error when it cannot write.
void WriteShardResults(const std::filesystem::path& file, const ShardResults& results);
// Throws std::runtime_error naming the file and the key on a malformed file.
ShardResults ReadShardResults(const std::filesystem::path& file);

// The N shards of one job as one unsharded result (shard 1/1, sentences in position order).
// Throws std::invalid_argument naming the files when they are not the N shards of one job: a
// different image, task, threshold, clock, TSV or selection, a shard missing or given twice, or
// positions that are not the shard's.
ShardResults MergeShards(const std::vector<ShardResults>& shards,
                         const std::vector<std::string>& names);

// The report: sentences, accuracy, average exit layer, exits per layer, cycles and energy, in
// the form `edgebert golden --tsv` prints them. Identical for a merge of shards and for the
// unsharded run's file.
std::string ShardReport(const ShardResults& results);

struct MergeOptions {
  std::vector<std::string> files;
  std::string results;  // write the merged file here too
};

// `edgebert merge`: prints the report; returns a process exit code.
int RunMergeJob(const MergeOptions& options);

}  // namespace edgebert::app
