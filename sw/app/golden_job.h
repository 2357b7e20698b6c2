// `edgebert golden`: a compiled model image run on the bit-exact golden accelerator, for one or
// more sentences or a labelled TSV (accuracy, exit layers, time per sentence).
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace edgebert::app {

struct GoldenJobOptions {
  std::string image;      // MODEL.ebm
  std::string tokenizer;  // the SentencePiece model the image's checkpoint uses
  std::vector<std::string> texts;
  std::string tsv;                           // label<TAB>sentence, header line first
  int count = 100000;                        // TSV sentences
  int skip = 0;                              // TSV sentences skipped first
  std::optional<double> threshold;           // nats; default: the image's
  bool all_layers = false;                   // run every layer; report the first exit
  bool padded = false;                       // run the image's full sequence length
  std::string reram_mode;                    // slc, mlc2 (default) or mlc3 value cells
  std::optional<uint32_t> reram_fault_seed;  // seeded level faults on
  // With a TSV: a JSON file with the summary and, per sentence, its label, prediction, exit and
  // every layer's off-ramp logits and entropy (Q8.24), from which any threshold's exits follow.
  std::string json;
  // With a TSV: sentences run on this many threads, each with its own golden accelerator; the
  // report is in TSV order and identical whatever the count.
  int jobs = 1;
  // With a TSV: the sentences done and an ETA (util/progress.h); false: --no-progress.
  bool progress = true;
  // The energy model (docs/energy.md), as `edgebert run` takes it: the parameter file (default:
  // yaml/energy/edgebert_12nm.yaml under data_dir) and the clock.
  std::string data_dir;
  std::string energy_params;
  double clock_mhz = 500;
  // With a TSV: run only shard I/N of the selection (shard.h: every N-th sentence), and write the
  // per-sentence results `edgebert merge` reads (--results).
  std::string shard;
  std::string results;
};

// Prints per sentence (texts) or a summary (TSV); returns a process exit code.
int RunGoldenJob(const GoldenJobOptions& options);

}  // namespace edgebert::app
