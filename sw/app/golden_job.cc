#include "golden_job.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <exception>
#include <fstream>
#include <map>
#include <mutex>
#include <sstream>
#include <stdexcept>
#include <thread>
#include <vector>

#include "energy/activity.h"
#include "energy/energy_model.h"
#include "energy/energy_params.h"
#include "golden/accelerator.h"
#include "model/albert_golden.h"
#include "model/albert_program.h"
#include "model/labelled_text.h"
#include "model/model_image.h"
#include "model/tokenizer.h"
#include "output_path.h"
#include "reference_accelerator.h"
#include "reram_options.h"
#include "shard.h"
#include "soc_run_job.h"
#include "threshold_option.h"
#include "util/progress.h"

namespace edgebert::app {
namespace {

// What the energy and latency here leave out (model::GoldenActivity).
constexpr const char* kCommandsOnlyNote =
    "the commands alone, back to back (no firmware bus traffic between them: `edgebert run "
    "--target golden` adds it)";

energy::SentenceEnergy EnergyOf(const energy::EnergyParams& params, const model::GoldenResult& r,
                                int lanes, double clock_mhz) {
  return energy::SentenceEnergyOf(params, energy::FromPerfCounters(*r.activity, r.activity->cycles),
                                  lanes, clock_mhz);
}

// One sentence's golden result as a JSON object (label, prediction, exit, per-layer off-ramps).
std::string SentenceJson(int label, const model::GoldenResult& r, double energy_uj) {
  std::ostringstream s;
  s.precision(9);
  s << "{\"label\": " << label << ", \"predicted\": " << r.label
    << ", \"command_cycles\": " << r.activity->cycles << ", \"energy_uj\": " << energy_uj
    << ", \"exit_layer\": " << r.exit_layer << ", \"layers_run\": " << r.layers_run
    << ", \"rows\": " << r.rows << ", \"entropies_q24\": [";
  for (size_t l = 0; l < r.entropies_q24.size(); ++l) {
    s << (l ? ", " : "") << r.entropies_q24[l];
  }
  s << "], \"layer_logits\": [";
  for (size_t l = 0; l < r.layer_logits.size(); ++l) {
    s << (l ? ", [" : "[");
    for (size_t k = 0; k < r.layer_logits[l].size(); ++k) {
      s << (k ? ", " : "") << r.layer_logits[l][k];
    }
    s << "]";
  }
  s << "]}";
  return s.str();
}

}  // namespace

int RunGoldenJob(const GoldenJobOptions& o) {
  if (o.texts.empty() == o.tsv.empty()) {
    throw std::invalid_argument("golden: give either --text or --tsv");
  }
  const std::optional<uint32_t> threshold_q24 = ThresholdOption(o.threshold);  // before loading
  CheckOutputPath("--json", o.json);
  CheckOutputPath("--results", o.results);
  if (o.tsv.empty() && (!o.shard.empty() || !o.results.empty())) {
    throw std::invalid_argument("golden: --shard and --results need --tsv");
  }
  const std::optional<Shard> shard =
      o.shard.empty() ? std::nullopt : std::optional<Shard>(ParseShard(o.shard));
  const model::ModelImage image = model::LoadModelImage(o.image);
  const model::AlbertProgram program(image, golden::AcceleratorConfig{});
  const model::CompiledModel& m = program.model();
  const model::Tokenizer tokenizer(o.tokenizer);
  golden::GoldenAccelerator accelerator;
  model::LoadModel(accelerator, program);
  accelerator.reram_settings = ParseReramSettings(o.reram_mode, o.reram_fault_seed);

  CheckClockMhz(o.clock_mhz);
  const energy::EnergyParams energy_params =
      energy::LoadEnergyParams(EnergyParamsPath(o.data_dir, o.energy_params));
  const double clock_hz = o.clock_mhz * 1e6;

  model::GoldenOptions options;
  // The accelerator is the reference configuration (golden::AcceleratorConfig's defaults).
  options.activity_acc_rows = sim::kReferenceAccRows;
  options.rows =
      o.padded ? model::GoldenOptions::Rows::kPadded : model::GoldenOptions::Rows::kTrimmed;
  options.stop_on_exit = !o.all_layers;
  options.entropy_threshold_q24 = threshold_q24;
  const double threshold =
      options.entropy_threshold_q24.value_or(m.entropy_threshold_q24) / 16777216.0;
  std::printf("edgebert golden: %s (task %s, %d layers, n = %d, T = %d), threshold %.4f nats\n",
              o.image.c_str(), m.task.c_str(), m.shape.num_hidden_layers, m.lanes, m.seq_len,
              threshold);
  if (!o.reram_mode.empty() || o.reram_fault_seed) {
    std::printf("ReRAM value region: %s\n",
                DescribeReramSettings(accelerator.reram_settings).c_str());
  }

  auto run = [&](const std::string& text, double* seconds) {
    const model::Encoding e = tokenizer.Encode(text, {}, m.seq_len);
    const auto start = std::chrono::steady_clock::now();
    model::GoldenResult r = model::RunGolden(accelerator, program, e, options);
    *seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return r;
  };

  if (!o.texts.empty()) {
    for (const std::string& text : o.texts) {
      double seconds = 0;
      const model::GoldenResult r = run(text, &seconds);
      std::printf("\"%s\"\n  %d tokens, %d rows; label %d, logits", text.c_str(), r.keys, r.rows,
                  r.label);
      for (const double v : r.logits) std::printf(" %.4f", v);
      std::printf("\n  entropy per layer:");
      for (const uint32_t h : r.entropies_q24) std::printf(" %.4f", h / 16777216.0);
      std::printf(" nats\n  %s after %d layers; %.3f s, %llu commands\n",
                  r.exit_layer >= 0 ? "early exit" : "no exit", r.layers_run, seconds,
                  static_cast<unsigned long long>(r.commands));
      const energy::SentenceEnergy e = EnergyOf(energy_params, r, m.lanes, o.clock_mhz);
      std::printf("  %llu cycles (%.1f us), %.3f uJ, %.2f mW at %g MHz (%s)\n",
                  static_cast<unsigned long long>(r.activity->cycles),
                  static_cast<double>(r.activity->cycles) / clock_hz * 1e6, e.total_uj,
                  e.average_power_mw, o.clock_mhz, energy_params.technology.c_str());
    }
    std::printf("energy and cycles: %s\n", kCommandsOnlyNote);
    return 0;
  }

  // Every sentence is tokenized first (in TSV order); the golden runs then go to `jobs` threads,
  // each with its own accelerator (one accelerator holds one sentence's state), and the report
  // below reads the results in TSV order.
  std::vector<model::LabelledText> entries = model::ReadLabelledTsv(o.tsv, o.count, o.skip);
  // positions[i]: entry i's place in the whole selection (a shard keeps every N-th).
  const std::size_t selected = entries.size();
  std::vector<std::size_t> positions;
  if (shard) {
    positions = ShardPositions(selected, *shard);
    std::vector<model::LabelledText> kept;
    for (const std::size_t p : positions) kept.push_back(std::move(entries[p]));
    entries = std::move(kept);
    std::printf("shard %d/%d: %zu of %zu sentences\n", shard->index, shard->count, entries.size(),
                selected);
  } else {
    for (std::size_t p = 0; p < selected; ++p) positions.push_back(p);
  }
  std::vector<model::Encoding> encodings;
  encodings.reserve(entries.size());
  for (const auto& entry : entries)
    encodings.push_back(tokenizer.Encode(entry.text, {}, m.seq_len));
  std::vector<model::GoldenResult> results(entries.size());
  std::vector<double> seconds(entries.size());
  std::atomic<size_t> next{0};
  util::Progress::Options progress_options;
  progress_options.enabled = o.progress;
  util::Progress progress("sentences", entries.size(), progress_options);
  // Takes the next sentence until none is left, on `on`.
  auto run_sentences = [&](golden::GoldenAccelerator& on) {
    for (size_t i = next++; i < entries.size(); i = next++) {
      const auto start = std::chrono::steady_clock::now();
      results[i] = model::RunGolden(on, program, encodings[i], options);
      seconds[i] = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
      progress.Advance();
    }
  };
  const auto wall_start = std::chrono::steady_clock::now();
  if (o.jobs <= 1) {
    run_sentences(accelerator);
  } else {
    std::mutex error_mutex;
    std::exception_ptr error;
    auto worker = [&] {
      try {
        golden::GoldenAccelerator own;
        model::LoadModel(own, program);
        own.reram_settings = accelerator.reram_settings;
        run_sentences(own);
      } catch (...) {
        const std::lock_guard<std::mutex> lock(error_mutex);
        if (!error) error = std::current_exception();
        next = entries.size();  // the others stop after their sentence
      }
    };
    std::vector<std::jthread> threads;
    const size_t count = std::min(static_cast<size_t>(o.jobs), entries.size());
    for (size_t t = 0; t < count; ++t) threads.emplace_back(worker);
    threads.clear();  // joins
    if (error) std::rethrow_exception(error);
  }
  progress.Finish();
  const double wall =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - wall_start).count();

  int correct = 0, total = 0;
  double seconds_total = 0, exit_depth = 0, energy_uj = 0, energy_seconds = 0, cycles = 0;
  std::map<int, int> exits;  // layer (1-based; 0: none) -> sentences
  std::string sentences_json;
  ShardResults shard_results;
  for (size_t i = 0; i < entries.size(); ++i) {
    const model::GoldenResult& r = results[i];
    seconds_total += seconds[i];
    correct += r.label == entries[i].label;
    ++total;
    const int depth = r.exit_layer >= 0 ? r.exit_layer + 1 : m.shape.num_hidden_layers;
    exit_depth += depth;
    ++exits[r.exit_layer + 1];
    const energy::SentenceEnergy e = EnergyOf(energy_params, r, m.lanes, o.clock_mhz);
    energy_uj += e.total_uj;
    energy_seconds += e.seconds;
    cycles += static_cast<double>(r.activity->cycles);
    shard_results.sentences.push_back({positions[i], entries[i].label, r.label, r.exit_layer + 1,
                                       depth, r.activity->cycles, e.total_uj, e.seconds});
    if (!o.json.empty()) {
      sentences_json += std::string(sentences_json.empty() ? "" : ",\n") +
                        SentenceJson(entries[i].label, r, e.total_uj);
    }
  }
  if (total == 0) throw std::runtime_error("golden: no sentence in " + o.tsv);
  std::printf(
      "  %d sentences: accuracy %.2f %% (%d correct), average exit layer %.2f of %d, "
      "%.3f s per sentence (%.1f s wall on %d thread%s)\n",
      total, 100.0 * correct / total, correct, exit_depth / total, m.shape.num_hidden_layers,
      seconds_total / total, wall, std::max(o.jobs, 1), o.jobs > 1 ? "s" : "");
  std::printf("  exits per layer:");
  for (const auto& [layer, sentences] : exits) {
    if (layer == 0) continue;
    std::printf(" %d:%d", layer, sentences);
  }
  std::printf("%s\n", exits.count(0) ? (" none:" + std::to_string(exits[0])).c_str() : "");
  std::printf(
      "energy (%s, n = %d, %g MHz): %.3f uJ for %d inputs, mean %.3f uJ per input, mean power "
      "%.2f mW, mean latency %.1f us; %s\n",
      energy_params.technology.c_str(), m.lanes, o.clock_mhz, energy_uj, total, energy_uj / total,
      energy_uj / energy_seconds * 1e-3, cycles / total / clock_hz * 1e6, kCommandsOnlyNote);
  if (!o.json.empty()) {
    std::ofstream out(o.json);
    out << "{\"image\": \"" << o.image << "\", \"task\": \"" << m.task
        << "\", \"layers\": " << m.shape.num_hidden_layers << ", \"threshold_q24\": "
        << options.entropy_threshold_q24.value_or(m.entropy_threshold_q24)
        << ", \"all_layers\": " << (o.all_layers ? "true" : "false") << ", \"sentences\": " << total
        << ", \"correct\": " << correct << ", \"average_exit_layer\": " << exit_depth / total
        << ", \"mean_energy_uj\": " << energy_uj / total << ",\n \"results\": [\n"
        << sentences_json << "]}\n";
    if (!out) throw std::runtime_error("golden: cannot write " + o.json);
    std::printf("  results: %s\n", o.json.c_str());
  }
  if (!o.results.empty()) {
    shard_results.job = "golden";
    shard_results.target = "golden";
    shard_results.image = o.image;
    shard_results.image_digest = ImageDigest(o.image);
    shard_results.task = m.task;
    shard_results.layers = m.shape.num_hidden_layers;
    shard_results.lanes = m.lanes;
    shard_results.threshold_q24 = options.entropy_threshold_q24.value_or(m.entropy_threshold_q24);
    shard_results.clock_mhz = o.clock_mhz;
    shard_results.technology = energy_params.technology;
    shard_results.tsv = o.tsv;
    shard_results.selected = selected;
    shard_results.shard = shard.value_or(Shard{});
    WriteShardResults(o.results, shard_results);
    std::printf("  shard results: %s (edgebert merge)\n", o.results.c_str());
  }
  return 0;
}

}  // namespace edgebert::app
