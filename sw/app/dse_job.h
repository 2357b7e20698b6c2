// `edgebert dse`: the design-space sweep of issue 16 item 4 (the paper's Fig. 10). A checkpoint
// is compiled for each vector size n and each optimisation set (base, +AAS, +EE, +sparse, all),
// a few sentences run on a simulated SoC, and the cycles, latency, energy and power per point go
// to a CSV (and, with gnuplot, PNG plots); the ratios between the points are printed next to the
// paper's, with the energy-optimal n.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace edgebert::app {

struct DseOptions {
  std::string data_dir;    // the repository (fixtures, the trained model, the energy parameters)
  std::string checkpoint;  // default: the trained SST-2 model, sw/app/models/sst2-albert
  std::string task;        // the "all" preset; default: CHECKPOINT/task.yaml
  std::optional<uint32_t> random_weights;  // Gaussian weights of the checkpoint's shapes instead
  std::string tokenizer;                   // default: CHECKPOINT/spiece.model
  std::string tsv;    // sentences; default DATA/../shared/data/sst2/dev.tsv when it exists, else
                      // the committed tests/model/fixtures/sst2_calibration.tsv
  int count = 8;      // sentences per point
  int seq_len = 128;  // T compiled for (the UAB must hold a layer's activations at T)
  std::vector<int> lanes = {4, 8, 16, 32};
  std::vector<std::string> optimisations = {"base", "aas", "ee", "sparse", "all"};
  std::string target = "golden";  // golden (the TLM SoC) or inproc (the RTL)
  // With the golden target: the first this many sentences of each point are run again on the RTL
  // (where it is built for that n) and the cycle error of the golden SoC reported.
  int rtl_sample = 1;
  std::string out = "dse";  // folder: dse.csv, dse.md, dse.gp and the PNGs
  std::string energy_params;
  double clock_mhz = 500;
  // Paper scale: ALBERT-base's shapes (model::AlbertConfig's defaults) with random weights (seed
  // `random_weights`, default 1) instead of a checkpoint; the preset defaults to
  // yaml/tasks/sst2.yaml (Table IV's SST-2), the tokenizer to the fixture SentencePiece model, the
  // buffers to the reference configuration's.
  bool albert_base = false;
  // The golden SoC's buffers: "small" (the small SoC's, which the RTL has) or "reference"
  // (ALBERT-base sized at every n: sim/reference_accelerator.h). Default: reference with
  // albert_base, else small.
  std::string buffers;
  // The sets with early exit run each sentence for floor or ceil of this many layers, their mean
  // this depth (Table IV's mean exit layer, e.g. 5.62 for SST-2 at threshold 0.1), instead of
  // exiting where the entropies fall under the threshold: random off-ramps never do.
  std::optional<double> exit_depth;
  int calibration_count = 32;  // sentences of tests/model/fixtures/sst2_sample.tsv
  bool progress = true;        // points done and an ETA (util/progress.h); false: --no-progress
};

// The layers sentence `index` (from 0) runs under `--exit-depth depth`: floor or ceil of depth,
// so that every prefix of the sentences averages as close to depth as whole layers allow.
int LayersForExitDepth(double depth, int index);

// The optimisations a sweep knows, in report order.
const std::vector<std::string>& DseOptimisations();

// Prints the table and the ratios; returns a process exit code.
int RunDseJob(const DseOptions& options);

}  // namespace edgebert::app
