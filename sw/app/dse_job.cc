#include "dse_job.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <random>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "compile_job.h"
#include "energy/activity.h"
#include "energy/energy_model.h"
#include "energy/energy_params.h"
#include "golden/command_cycles.h"
#include "golden/gb_command.h"
#include "lockstep/model_device.h"
#include "model/albert_config.h"
#include "model/albert_program.h"
#include "model/albert_reference.h"
#include "model/compiler.h"
#include "model/labelled_text.h"
#include "model/safetensors.h"
#include "model/task_config.h"
#include "model/tokenizer.h"
#include "reference_accelerator.h"
#include "small_accelerator.h"
#include "soc_run_job.h"
#include "targets/target_factory.h"
#include "util/progress.h"
#include "workloads/synthetic_albert.h"

namespace edgebert::app {
namespace {

constexpr const char* kDefaultCheckpoint = "sw/app/models/sst2-albert";
constexpr const char* kSharedDevTsv = "../shared/data/sst2/dev.tsv";
constexpr const char* kFixtureTsv = "tests/model/fixtures/sst2_calibration.tsv";
constexpr const char* kCalibrationTsv = "tests/model/fixtures/sst2_sample.tsv";
constexpr const char* kAlbertBaseTask = "yaml/tasks/sst2.yaml";
constexpr const char* kFixtureTokenizer = "tests/model/fixtures/sst2_spm.model";

// The preset with the optimisations `name` leaves out turned off: every head on at the full
// span (no AAS), no off-ramp (no early exit), no encoder pruning beyond the checkpoint's own
// zeros. The embeddings stay pruned as the preset says in every set: they are pruned once for
// all tasks to fit the ReRAM (the paper's 1.73 MB; ALBERT-base's dense tables do not fit the
// reference store), and "sparse" is the encoder's compressed sparse execution (Fig. 10).
model::TaskConfig Variant(const model::TaskConfig& preset, const std::string& name, int seq_len) {
  const bool aas = name == "aas" || name == "all";
  const bool ee = name == "ee" || name == "all";
  const bool sparse = name == "sparse" || name == "all";
  model::TaskConfig t = preset;
  if (!aas) std::fill(t.spans.begin(), t.spans.end(), seq_len);
  if (!ee) t.off_ramps = model::OffRamps::kNone;
  if (!sparse) {
    t.pruning = model::Pruning::kMagnitude;
    t.encoder_sparsity = 0;
  }
  return t;
}

struct Point {
  int lanes = 0;
  std::string optimisation;
  double encoder_sparsity = 0;  // achieved by the compile
  int sentences = 0;
  double mean_cycles = 0, mean_energy_uj = 0, mean_power_mw = 0, mean_depth = 0;
  std::vector<uint64_t> cycles;  // per sentence
  // A layer's stage (with its off-ramp, if any), over every layer run.
  double mean_layer_cycles = 0;
  // The ENTROPY commands' share of the sentence's cycles (the paper's "entropy evaluation").
  double entropy_share = 0;
  std::string estimated;  // the components the energy estimated, "" for none
  int rtl_sentences = 0;
  double rtl_mean_cycles = 0;
  double golden_error_pct = 0;  // (golden - RTL) / RTL over the RTL sample
  std::string rtl_note;         // why no RTL sample, when none
};

// Cycles of one layer's ENTROPY commands on a queue that keeps the sequencer busy: the unit's
// exact cycles (golden/command_cycles.h) + 2 for the sequencer's pop and issue (as
// model::GoldenActivity counts them). 0 for a program without off-ramps.
uint64_t EntropyCyclesPerLayer(const model::ModelImage& image,
                               const golden::AcceleratorConfig& config) {
  const model::AlbertProgram program(image, config);
  const int n = config.limits.lanes;
  uint64_t cycles = 0;
  for (const model::ProgramCommand& c : program.LayerStage(0, n, n).commands) {
    if (golden::Get(c.words, regs::cmd::kOpcode) == static_cast<uint32_t>(regs::Opcode::kEntropy)) {
      cycles += cycles::EntropyCycles(golden::GbFromDescriptor(c.words)) + 2;
    }
  }
  return cycles;
}

// One target's runs of `inputs` (the first `count`) on a program compiled for `lanes`; with an
// exit depth (0: none), each sentence runs the layers LayersForExitDepth gives it.
std::vector<lockstep::RunResult> RunOn(const std::string& target, int lanes, bool reference_buffers,
                                       const model::ModelImage& image,
                                       const std::vector<model::Encoding>& inputs, size_t count,
                                       double exit_depth) {
  sim::TargetOptions options;
  options.lanes = lanes;
  options.reference_buffers = reference_buffers;
  const auto transport = sim::OpenTarget(target, options);
  lockstep::ModelDevice device(*transport);
  const model::AlbertProgram program(image, device.config());
  device.Load(program);
  sim::LoadsDone(*transport);
  lockstep::RunOptions run;
  run.lockstep = lockstep::Lockstep::kNone;
  std::vector<lockstep::RunResult> results;
  for (size_t i = 0; i < count && i < inputs.size(); ++i) {
    if (exit_depth > 0) run.layers = LayersForExitDepth(exit_depth, static_cast<int>(i));
    results.push_back(device.Run(program, inputs[i], run));
  }
  return results;
}

const Point* Find(const std::vector<Point>& points, int lanes, const std::string& optimisation) {
  for (const Point& p : points) {
    if (p.lanes == lanes && p.optimisation == optimisation) return &p;
  }
  return nullptr;
}

std::string Ratio(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%.2fx", value);
  return text;
}

// base / optimised of `field` at n, or "-" when a point is missing.
template <typename Field>
std::string Saving(const std::vector<Point>& points, int lanes, const std::string& optimisation,
                   Field field) {
  const Point* base = Find(points, lanes, "base");
  const Point* opt = Find(points, lanes, optimisation);
  if (base == nullptr || opt == nullptr || field(*opt) <= 0) return "-";
  return Ratio(field(*base) / field(*opt));
}

// Latency and energy per sentence against n, one line per set (the paper's Fig. 10), with the
// points inline (a line through a filtered CSV would break at the other sets' rows).
void WriteGnuplot(const std::filesystem::path& out, const std::vector<std::string>& optimisations,
                  const std::vector<Point>& points, double clock_hz) {
  std::ofstream gp(out / "dse.gp");
  gp << "# Written by `edgebert dse`: latency and energy per sentence against n (the paper's "
        "Fig. 10).\n"
     << "set terminal pngcairo size 900,420\n"
     << "set logscale y\nset logscale x 2\nset xtics (4, 8, 16, 32)\nset xlabel 'n (lanes)'\n"
     << "set key outside right\nset grid\n";
  for (const std::string& name : optimisations) {
    gp << "$" << name << " << EOD\n";
    for (const Point& p : points) {
      if (p.optimisation != name) continue;
      gp << p.lanes << " " << p.mean_cycles / clock_hz * 1e6 << " " << p.mean_energy_uj << "\n";
    }
    gp << "EOD\n";
  }
  const std::pair<const char*, const char*> plots[] = {{"latency_us", "latency per sentence (us)"},
                                                       {"energy_uj", "energy per sentence (uJ)"}};
  for (size_t column = 0; column < 2; ++column) {
    const auto& [name, label] = plots[column];
    gp << "set output '" << (out / ("dse_" + std::string(name) + ".png")).string() << "'\n"
       << "set ylabel '" << label << "'\nplot ";
    for (size_t i = 0; i < optimisations.size(); ++i) {
      gp << (i ? ", " : "") << "$" << optimisations[i] << " using 1:" << column + 2
         << " with linespoints title '" << optimisations[i] << "'";
    }
    gp << "\n";
  }
}

}  // namespace

int LayersForExitDepth(double depth, int index) {
  return static_cast<int>(std::floor((index + 1) * depth + 1e-9) -
                          std::floor(index * depth + 1e-9));
}

const std::vector<std::string>& DseOptimisations() {
  static const std::vector<std::string> names = {"base", "aas", "ee", "sparse", "all"};
  return names;
}

int RunDseJob(const DseOptions& o) {
  if (o.count < 1) throw std::invalid_argument("--count must be at least 1");
  if (o.rtl_sample < 0) throw std::invalid_argument("--rtl-sample must be >= 0");
  if (o.target != "golden" && o.target != "inproc") {
    throw std::invalid_argument("--target must be golden or inproc");
  }
  for (const std::string& name : o.optimisations) {
    if (std::find(DseOptimisations().begin(), DseOptimisations().end(), name) ==
        DseOptimisations().end()) {
      throw std::invalid_argument("--optimisations: '" + name +
                                  "' is not one of base, aas, ee, sparse, all");
    }
  }
  for (const int n : o.lanes) {
    if (std::find(sim::TargetLanes().begin(), sim::TargetLanes().end(), n) ==
        sim::TargetLanes().end()) {
      throw std::invalid_argument("--lanes: " + std::to_string(n) + " is not 4, 8, 16 or 32");
    }
  }
  const auto twice = [](auto list) {
    std::sort(list.begin(), list.end());
    return std::adjacent_find(list.begin(), list.end()) != list.end();
  };
  if (twice(o.lanes) || twice(o.optimisations)) {
    throw std::invalid_argument("--lanes and --optimisations take each value once");
  }
  CheckClockMhz(o.clock_mhz);
  if (!o.buffers.empty() && o.buffers != "small" && o.buffers != "reference") {
    throw std::invalid_argument("--buffers must be small or reference");
  }
  const bool reference_buffers = o.buffers.empty() ? o.albert_base : o.buffers == "reference";
  if (reference_buffers && o.target != "golden") {
    throw std::invalid_argument(
        "--buffers reference (and --albert-base) need --target golden: the RTL SoC of the "
        "sweep is the small one");
  }
  if (o.albert_base && !o.checkpoint.empty()) {
    throw std::invalid_argument("--albert-base takes no --checkpoint (its weights are random)");
  }
  if (o.calibration_count < 1) throw std::invalid_argument("--calibration must be at least 1");
  const std::filesystem::path data(o.data_dir);
  const energy::EnergyParams params =
      energy::LoadEnergyParams(EnergyParamsPath(o.data_dir, o.energy_params));
  const std::filesystem::path checkpoint =
      o.checkpoint.empty() ? data / kDefaultCheckpoint : std::filesystem::path(o.checkpoint);
  const std::filesystem::path task_path = !o.task.empty() ? std::filesystem::path(o.task)
                                          : o.albert_base ? data / kAlbertBaseTask
                                                          : checkpoint / "task.yaml";
  std::filesystem::path tsv = o.tsv;
  if (tsv.empty()) {
    tsv = std::filesystem::exists(data / kSharedDevTsv) ? data / kSharedDevTsv : data / kFixtureTsv;
  }
  const model::TaskConfig preset = model::LoadTaskConfig(task_path);
  // ALBERT-base: model::AlbertConfig's defaults.
  model::AlbertConfig config =
      o.albert_base ? model::AlbertConfig{} : model::LoadAlbertConfig(checkpoint / "config.json");
  if (o.exit_depth && (*o.exit_depth < 1 || *o.exit_depth > config.num_hidden_layers)) {
    throw std::invalid_argument("--exit-depth must be in [1, " +
                                std::to_string(config.num_hidden_layers) + "] (the layers)");
  }
  const std::optional<uint32_t> seed =
      o.albert_base ? std::optional<uint32_t>(o.random_weights.value_or(1)) : o.random_weights;
  const model::AlbertWeights weights = WeightsFor(config, seed, preset.labels, checkpoint);
  const model::Tokenizer tokenizer(!o.tokenizer.empty() ? std::filesystem::path(o.tokenizer)
                                   : o.albert_base      ? data / kFixtureTokenizer
                                                        : checkpoint / "spiece.model");
  if (o.seq_len < 1 || o.seq_len > config.max_position_embeddings) {
    throw std::invalid_argument("--seq-len must be in [1, " +
                                std::to_string(config.max_position_embeddings) +
                                "] (the checkpoint's max_position_embeddings)");
  }
  const int seq_len = o.seq_len;
  const std::vector<model::Encoding> calibration =
      model::EncodeLabelledTsv(tokenizer, data / kCalibrationTsv, o.calibration_count, seq_len);
  std::vector<model::Encoding> inputs;
  for (const auto& entry : model::ReadLabelledTsv(tsv, o.count)) {
    inputs.push_back(tokenizer.Encode(entry.text, {}, seq_len));
  }
  if (inputs.empty()) throw std::invalid_argument("no sentence in " + tsv.string());
  std::filesystem::create_directories(o.out);

  const std::string source =
      seed ? "random weights (seed " + std::to_string(*seed) + ") of " +
                 (o.albert_base ? std::string("ALBERT-base") : checkpoint.string()) + "'s shapes"
           : checkpoint.string();
  std::string exit_mode = "the off-ramps' own exits";
  if (o.exit_depth) {
    char text[96];
    std::snprintf(text, sizeof text, "forced exits, mean depth %.2f (ee and all)", *o.exit_depth);
    exit_mode = text;
  }
  std::printf(
      "edgebert dse: %s, %d layers, hidden %d, %d heads; preset %s; %zu sentences of %s; target "
      "%s, %s buffers; %s; %g MHz\n",
      source.c_str(), config.num_hidden_layers, config.hidden_size, config.num_attention_heads,
      task_path.string().c_str(), inputs.size(), tsv.string().c_str(), o.target.c_str(),
      reference_buffers ? "reference" : "small", exit_mode.c_str(), o.clock_mhz);
  std::fflush(stdout);

  std::vector<Point> points;
  std::vector<std::string> skipped;
  const double clock_hz = o.clock_mhz * 1e6;
  // Each point's line stays; on a terminal the status line ("[3/20] points, ETA 4m10s") is
  // redrawn below them.
  util::Progress::Options progress_options;
  progress_options.enabled = o.progress;
  util::Progress progress("points", o.lanes.size() * o.optimisations.size(), progress_options);
  char point_line[512];
  for (const int n : o.lanes) {
    for (const std::string& name : o.optimisations) {
      Point p;
      p.lanes = n;
      p.optimisation = name;
      // Forced exits apply to the sets that have off-ramps.
      const double forced_depth = name == "ee" || name == "all" ? o.exit_depth.value_or(0) : 0;
      model::AlbertWeights w = weights;
      model::CompileReport report;
      std::vector<lockstep::RunResult> results;
      model::ModelImage image;
      try {
        image = model::CompileModel(config, w, Variant(preset, name, seq_len), calibration,
                                    {n, seq_len}, &report);
        results = RunOn(o.target, n, reference_buffers, image, inputs, inputs.size(), forced_depth);
      } catch (const std::exception& e) {  // a shape this n's SoC cannot hold, or cannot compile
        std::snprintf(point_line, sizeof point_line, "n = %2d %-6s: skipped (%s)", n, name.c_str(),
                      e.what());
        progress.Line(point_line);
        progress.Advance();
        skipped.push_back("n = " + std::to_string(n) + " " + name + ": " + e.what());
        continue;
      }
      p.encoder_sparsity = report.encoder_sparsity;
      double energy_uj = 0, seconds = 0, cycles = 0, depth = 0, layer_cycles = 0;
      size_t layer_stages = 0;
      for (const lockstep::RunResult& r : results) {
        for (size_t s = 1; s < r.stage_cycles.size(); ++s) {  // stage 0: the embeddings
          layer_cycles += static_cast<double>(r.stage_cycles[s]);
          ++layer_stages;
        }
        const energy::SentenceEnergy e = energy::SentenceEnergyOf(
            params, energy::FromPerfCounters(r.perf, r.cycles), n, o.clock_mhz);
        energy_uj += e.total_uj;
        seconds += e.seconds;
        cycles += static_cast<double>(r.cycles);
        depth += r.exit_layer >= 0 ? r.exit_layer + 1 : r.layers_run;
        p.cycles.push_back(r.cycles);
        p.estimated = EstimatedComponents(e, " ");
      }
      p.sentences = static_cast<int>(results.size());
      p.mean_cycles = cycles / p.sentences;
      p.mean_energy_uj = energy_uj / p.sentences;
      p.mean_power_mw = energy_uj / seconds * 1e-3;
      p.mean_depth = depth / p.sentences;
      p.mean_layer_cycles = layer_stages > 0 ? layer_cycles / static_cast<double>(layer_stages) : 0;
      const golden::AcceleratorConfig hardware =
          reference_buffers ? sim::ReferenceAcceleratorConfig(n) : sim::SmallAcceleratorConfig(n);
      p.entropy_share = static_cast<double>(EntropyCyclesPerLayer(image, hardware)) *
                        static_cast<double>(layer_stages) / cycles;
      if (o.target == "golden" && o.rtl_sample > 0) {
        try {
          const auto rtl = RunOn("inproc", n, false, image, inputs,
                                 static_cast<size_t>(o.rtl_sample), forced_depth);
          double rtl_cycles = 0, golden_cycles = 0;
          for (size_t i = 0; i < rtl.size(); ++i) {
            rtl_cycles += static_cast<double>(rtl[i].cycles);
            golden_cycles += static_cast<double>(p.cycles[i]);
          }
          p.rtl_sentences = static_cast<int>(rtl.size());
          p.rtl_mean_cycles = rtl_cycles / p.rtl_sentences;
          p.golden_error_pct = 100 * (golden_cycles - rtl_cycles) / rtl_cycles;
        } catch (const std::exception& e) {  // no RTL model built for this n
          p.rtl_note = e.what();
        }
      }
      std::snprintf(
          point_line, sizeof point_line,
          "n = %2d %-6s: %d sentences, encoder sparsity %.1f %%, mean exit depth %.2f, mean %.0f "
          "cycles (%.1f us), %.3f uJ, %.2f mW",
          n, name.c_str(), p.sentences, 100 * p.encoder_sparsity, p.mean_depth, p.mean_cycles,
          p.mean_cycles / clock_hz * 1e6, p.mean_energy_uj, p.mean_power_mw);
      std::string text = point_line;
      if (p.rtl_sentences > 0) {
        std::snprintf(point_line, sizeof point_line, "; RTL on %d: %.0f cycles, golden %+.1f %%",
                      p.rtl_sentences, p.rtl_mean_cycles, p.golden_error_pct);
        text += point_line;
      }
      progress.Line(text);
      progress.Advance();
      points.push_back(std::move(p));
    }
  }
  progress.Finish();
  if (points.empty()) throw std::runtime_error("dse: no point compiled");

  const std::filesystem::path out(o.out);
  {
    std::ofstream csv(out / "dse.csv");
    csv << "lanes,optimisation,sentences,target,mean_cycles,latency_us,mean_energy_uj,"
           "mean_power_mw,mean_exit_depth,encoder_sparsity,energy_estimated,rtl_sentences,"
           "rtl_mean_cycles,golden_cycle_error_pct,mean_layer_cycles,entropy_share_pct\n";
    for (const Point& p : points) {
      char line[512];
      std::snprintf(line, sizeof line,
                    "%d,%s,%d,%s,%.1f,%.3f,%.4f,%.3f,%.3f,%.4f,%s,%d,%.1f,%.2f,%.1f,%.4f\n",
                    p.lanes, p.optimisation.c_str(), p.sentences, o.target.c_str(), p.mean_cycles,
                    p.mean_cycles / clock_hz * 1e6, p.mean_energy_uj, p.mean_power_mw, p.mean_depth,
                    p.encoder_sparsity, p.estimated.empty() ? "none" : p.estimated.c_str(),
                    p.rtl_sentences, p.rtl_mean_cycles, p.golden_error_pct, p.mean_layer_cycles,
                    100 * p.entropy_share);
      csv << line;
    }
    if (!csv) throw std::runtime_error("dse: cannot write " + (out / "dse.csv").string());
  }
  std::printf("CSV: %s\n", (out / "dse.csv").string().c_str());

  // The energy-optimal n: the least mean energy of the last set asked for (all, by default),
  // when it ran at two n or more.
  const std::string best_set = o.optimisations.back();
  const Point* best = nullptr;
  int best_set_points = 0;
  for (const Point& p : points) {
    if (p.optimisation != best_set) continue;
    ++best_set_points;
    if (best == nullptr || p.mean_energy_uj < best->mean_energy_uj) best = &p;
  }
  if (best_set_points < 2) best = nullptr;
  // Latency per doubling of n (geometric mean of latency(n) / latency(2n), the same set).
  double log_sum = 0;
  int doublings = 0;
  for (const Point& p : points) {
    const Point* next = p.optimisation == best_set ? Find(points, 2 * p.lanes, best_set) : nullptr;
    if (next == nullptr) continue;
    log_sum += std::log(p.mean_cycles / next->mean_cycles);
    ++doublings;
  }
  const auto energy = [](const Point& p) { return p.mean_energy_uj; };
  const auto latency = [](const Point& p) { return p.mean_cycles; };
  const int ref = Find(points, 16, "base") != nullptr ? 16 : points.front().lanes;
  std::ostringstream md;
  md << "Measured by `edgebert dse` (" << source << ", " << inputs.size() << " sentences of "
     << tsv.filename().string() << ", target " << o.target << ", "
     << (reference_buffers ? "reference" : "small") << " buffers, " << exit_mode << ", "
     << o.clock_mhz << " MHz, T = " << seq_len << ", ratios at n = " << ref << ").\n\n"
     << "| figure | paper | this platform |\n| --- | --- | --- |\n"
     << "| AAS: latency / energy saving | 1.2x / 1.1x | " << Saving(points, ref, "aas", latency)
     << " / " << Saving(points, ref, "aas", energy) << " |\n"
     << "| EE: energy saving | 1.3-2.0x | " << Saving(points, ref, "ee", energy) << " (latency "
     << Saving(points, ref, "ee", latency) << ") |\n"
     << "| sparse: energy saving | 1.9-2.6x | " << Saving(points, ref, "sparse", energy) << " |\n"
     << "| all: energy saving | 5.2x | " << Saving(points, ref, "all", energy) << " (latency "
     << Saving(points, ref, "all", latency) << ") |\n"
     << "| latency per doubling of n (" << best_set << ") | ~3.5x | "
     << (doublings > 0 ? Ratio(std::exp(log_sum / doublings)) : std::string("-")) << " |\n"
     << "| energy-optimal n (" << best_set << ") | 16 | "
     << (best != nullptr ? std::to_string(best->lanes) : std::string("-")) << " |\n";
  // The off-ramp (pooler, classifier, entropy) of a layer: the ee set's layer minus base's, as a
  // share of the ee layer (the paper's entropy evaluation is part of it: an upper bound).
  const Point* ee = Find(points, ref, "ee");
  const Point* base = Find(points, ref, "base");
  if (ee != nullptr && base != nullptr && ee->mean_layer_cycles > 0) {
    char share[64];
    std::snprintf(share, sizeof share, "%.2f %%",
                  100 * (ee->mean_layer_cycles - base->mean_layer_cycles) / ee->mean_layer_cycles);
    md << "| off-ramp (pooler, classifier, entropy) share of a layer's cycles | 0.02-0.78 % "
          "(entropy evaluation alone) | "
       << share << " |\n";
  }
  // The entropy evaluation's share of an optimised pass: the "all" set, else "ee".
  const Point* optimised = Find(points, ref, "all") != nullptr ? Find(points, ref, "all") : ee;
  if (optimised != nullptr && optimised->entropy_share > 0) {
    char share[64];
    std::snprintf(share, sizeof share, "%.3f %% (%s)", 100 * optimised->entropy_share,
                  optimised->optimisation.c_str());
    md << "| entropy evaluation (ENTROPY commands), share of an optimised pass | 0.02-0.78 % | "
       << share << " |\n";
  }
  for (const std::string& s : skipped) md << "\nSkipped: " << s << ".\n";
  {
    std::ofstream file(out / "dse.md");
    file << md.str();
  }
  std::printf("\n%s", md.str().c_str());
  if (best != nullptr) {
    std::printf("energy-optimal n (%s): %d (%.3f uJ per sentence)\n", best_set.c_str(), best->lanes,
                best->mean_energy_uj);
  }
  for (const Point& p : points) {
    if (!p.rtl_note.empty() && p.optimisation == o.optimisations.front()) {
      std::printf("n = %d: no RTL sample (%s)\n", p.lanes, p.rtl_note.c_str());
    }
  }
  if (!points.front().estimated.empty()) {
    std::printf("energy estimated for: %s (docs/energy.md section 4)\n",
                points.front().estimated.c_str());
  }

  WriteGnuplot(out, o.optimisations, points, clock_hz);
  if (std::system("command -v gnuplot > /dev/null 2>&1") == 0) {
    const std::string command = "gnuplot '" + (out / "dse.gp").string() + "'";
    if (std::system(command.c_str()) == 0) {
      std::printf("plots: %s, %s\n", (out / "dse_latency_us.png").string().c_str(),
                  (out / "dse_energy_uj.png").string().c_str());
    } else {
      std::printf("plots: gnuplot failed on %s\n", (out / "dse.gp").string().c_str());
    }
  } else {
    std::printf("plots: gnuplot not found, none drawn (the script: %s)\n",
                (out / "dse.gp").string().c_str());
  }
  return 0;
}

}  // namespace edgebert::app
