#include "lockstep/model_device.h"

#include <algorithm>
#include <exception>
#include <sstream>
#include <stdexcept>
#include <utility>

#include "firmware/inference.h"
#include "model/albert_golden.h"
#include "numerics/af8.h"
#include "util/hex.h"

namespace edgebert::lockstep {
static_assert(model::kMaxLayers == firmware::kMaxLayers,
              "the compiler and the firmware must agree on the most encoder layers");
}  // namespace edgebert::lockstep

namespace edgebert::lockstep {
namespace {

std::vector<uint32_t> BytesToWords(std::span<const uint8_t> bytes) {
  std::vector<uint32_t> words((bytes.size() + 3) / 4, 0);
  for (size_t i = 0; i < bytes.size(); ++i) words[i / 4] |= uint32_t{bytes[i]} << (8 * (i % 4));
  return words;
}

// The ReRAM words of a table as WriteEmbeddingTable lays them out: {first word, words} runs.
std::vector<std::pair<uint32_t, std::vector<uint32_t>>> ReramImage(
    const model::ReramTable& t, const golden::AcceleratorConfig& config) {
  golden::ReramStore scratch(config.limits.reram_words, config.reram_value_base_word);
  golden::WriteEmbeddingTable(scratch, t.base_word, t.value_word, t.table);
  std::vector<std::pair<uint32_t, std::vector<uint32_t>>> runs;
  for (const auto& [first, count] : {std::pair{t.base_word, t.table.SlcWords()},
                                     std::pair{t.value_word, t.table.ValueWords()}}) {
    std::vector<uint32_t> words(count);
    for (uint32_t i = 0; i < count; ++i) words[i] = scratch.Stored(first + i);
    runs.emplace_back(first, std::move(words));
  }
  return runs;
}

// The firmware's job, with the storage its spans point into.
struct JobStorage {
  std::vector<std::vector<firmware::AuxWrite>> loads;
  std::vector<std::vector<firmware::Command>> commands;
  std::vector<model::AuxBlock> inputs_bytes;
  std::vector<firmware::AuxWrite> inputs;
  std::vector<firmware::Stage> stages;
};

void Convert(const std::vector<model::Stage>& stages, JobStorage& storage) {
  storage.loads.resize(stages.size());
  storage.commands.resize(stages.size());
  for (size_t s = 0; s < stages.size(); ++s) {
    for (const model::AuxBlock& b : stages[s].loads) {
      storage.loads[s].push_back({b.address, b.bytes});
    }
    for (const model::ProgramCommand& c : stages[s].commands) {
      storage.commands[s].push_back(c.words);
    }
  }
  for (size_t s = 0; s < stages.size(); ++s) {
    storage.stages.push_back(
        {stages[s].layer, storage.loads[s], storage.commands[s], stages[s].logits.has_value()});
  }
}

// First differing element of two rows x cols code tensors, or empty.
std::string FirstDifference(const model::TensorRef& ref, std::span<const uint8_t> got,
                            std::span<const uint8_t> want) {
  for (size_t i = 0; i < want.size(); ++i) {
    if (got[i] == want[i]) continue;
    std::ostringstream s;
    if (ref.space == model::Space::kAux) {
      s << "aux byte " << ref.address + i;
    } else {
      s << "result[" << i / ref.cols << "][" << i % ref.cols << "] (UAB vector "
        << ref.address + (i / ref.cols) * ref.stride << ")";
    }
    s << ": accelerator " << util::Hex(got[i]) << ", golden " << util::Hex(want[i]);
    return s.str();
  }
  return {};
}

}  // namespace

golden::AcceleratorConfig ToAcceleratorConfig(const driver::DeviceConfig& config) {
  golden::AcceleratorConfig c;
  c.limits.lanes = config.lanes;
  c.limits.uab_vectors = config.uab_vectors;
  c.limits.wsram_vectors = config.wsram_vectors;
  c.limits.aux_bytes = config.aux_bytes;
  c.limits.reram_words = config.reram_words;
  c.reram_value_base_word = config.reram_value_base_word;
  return c;
}

driver::ReramSettings ToDriver(const golden::ReramReadSettings& settings) {
  driver::ReramSettings s;
  s.value_mode = static_cast<uint32_t>(settings.mode);
  s.fault_en = settings.fault_en;
  s.seed = settings.seed;
  return s;
}

driver::MemoryImage MemoryImageOf(const model::AlbertProgram& program,
                                  const golden::AcceleratorConfig& config) {
  driver::MemoryImage image;
  for (const model::ReramTable& t : program.load().reram) {
    for (auto& [first, words] : ReramImage(t, config)) {
      image.reram.push_back({regs::kMemReramBase + 4 * first, std::move(words)});
    }
  }
  const auto n = static_cast<uint32_t>(config.limits.lanes);
  for (const model::WsramTensor& t : program.load().wsram) {
    // The image holds the planes as the WSRAM does (the compiler encoded them); WSRAM rows are
    // contiguous (stride = cols / n), so each plane is one run of words.
    image.rest.push_back({regs::kMemWsramValBase + t.base * n, BytesToWords(t.planes.values)});
    image.rest.push_back({regs::kMemWsramMaskBase + 4 * t.base, t.planes.masks});
  }
  for (const model::AuxBlock& b : program.load().aux) {
    image.rest.push_back({regs::kMemAuxBase + b.address, BytesToWords(b.bytes)});
  }
  return image;
}

std::vector<uint8_t> ReadTensor(driver::Transport& transport, int lanes,
                                const model::TensorRef& ref) {
  driver::TensorLocation where;
  where.aux = ref.space == model::Space::kAux;
  where.address = ref.address;
  where.stride = ref.stride;
  where.rows = ref.rows;
  where.cols = ref.cols;
  return driver::ReadTensor(transport, lanes, where);
}

ModelDevice::ModelDevice(driver::Transport& transport)
    : device_(transport), config_(ToAcceleratorConfig(device_.config())) {}

void ModelDevice::SetReram(const golden::ReramReadSettings& settings) {
  device_.SetReram(ToDriver(settings));
  reram_ = settings;
}

driver::LoadReport ModelDevice::Load(const model::AlbertProgram& program, bool force_reram) {
  const driver::LoadReport report = device_.Load(MemoryImageOf(program, config_), force_reram);
  golden_.reset();
  golden_program_ = nullptr;
  return report;
}

RunResult ModelDevice::Run(const model::AlbertProgram& program, const model::Encoding& input,
                           const RunOptions& options) {
  const auto [rows, keys] = program.ShapeOf(input.attention, options.padded_rows);
  const model::CompiledModel& m = program.model();
  std::vector<model::Stage> stages = {program.EmbeddingStage(rows)};
  const int layers =
      std::min(m.shape.num_hidden_layers, options.layers.value_or(m.shape.num_hidden_layers));
  if (layers < 1) throw std::invalid_argument("RunOptions::layers must be at least 1");
  for (int l = 0; l < layers; ++l) stages.push_back(program.LayerStage(l, rows, keys));
  if (layers < m.shape.num_hidden_layers && !stages.back().logits) {
    throw std::invalid_argument("RunOptions::layers: layer " + std::to_string(layers - 1) +
                                " has no off-ramp to end at (a model compiled without early exit)");
  }
  JobStorage storage;
  Convert(stages, storage);
  storage.inputs_bytes = program.InputLoads(input.ids, input.token_types);
  for (const model::AuxBlock& b : storage.inputs_bytes) {
    storage.inputs.push_back({b.address, b.bytes});
  }
  const uint32_t threshold = options.entropy_threshold_q24.value_or(m.entropy_threshold_q24);

  RunResult result;
  result.rows = rows;
  result.keys = keys;

  // Lockstep: the golden twin follows the firmware stage by stage (or command by command).
  struct Lock {
    ModelDevice* device;
    const std::vector<model::Stage>* stages;
    RunResult* result;
    Lockstep mode;
    int stage = -1;   // the golden has run every command of stages before this one
    size_t next = 0;  // and these of `stage`
    // The firmware is built without exceptions: a throw in the observer (a failed read) stops
    // the run here and is rethrown once the firmware has returned.
    std::exception_ptr exception{};
  } lock{this, &stages, &result, options.lockstep};
  if (options.lockstep != Lockstep::kNone) {
    if (golden_program_ != &program || !golden_) {
      golden_ = std::make_unique<golden::GoldenAccelerator>(config_);
      model::LoadModel(*golden_, program);
      golden_program_ = &program;
    }
    golden_->entropy_threshold_q24 = threshold;
    golden_->reram_settings = reram_;
    for (const model::AuxBlock& b : storage.inputs_bytes) {
      golden_->aux().WriteBytes(b.address, b.bytes);
    }
  }
  static constexpr auto follow = [](Lock& k, int stage, int command) -> bool {
    const model::Stage& s = (*k.stages)[static_cast<size_t>(stage)];
    if (k.stage != stage) {
      k.stage = stage;
      k.next = 0;
      for (const model::AuxBlock& b : s.loads)
        k.device->golden_->aux().WriteBytes(b.address, b.bytes);
    }
    const size_t upto = command < 0 ? s.commands.size() : static_cast<size_t>(command) + 1;
    std::vector<const model::TensorRef*> check;
    for (; k.next < upto; ++k.next) {
      const golden::CommandOutcome o = k.device->golden_->Execute(s.commands[k.next].words);
      if (o.error != regs::ErrCode::kNone) {
        k.result->mismatch = "golden rejected '" + s.commands[k.next].name + "'";
        return false;
      }
    }
    // Per command: its result. Per stage: the last command's result and every command's
    // result that no later command of the stage overwrote is too costly to track; the stage's
    // last result and the hidden state X carry everything forward.
    const int lanes = k.device->config_.limits.lanes;
    auto compare = [&](const std::string& name, const model::TensorRef& ref) {
      const auto got = ReadTensor(k.device->device_.transport(), lanes, ref);
      const auto want = model::ReadTensor(*k.device->golden_, ref);
      ++k.result->compared_tensors;
      const std::string diff = FirstDifference(ref, got, want);
      if (diff.empty()) return true;
      k.result->mismatch_cycle = k.device->device_.transport().Cycles();
      k.result->mismatch = "'" + name + "': " + diff + "; detected at cycle " +
                           std::to_string(k.result->mismatch_cycle);
      // The command numbers (CMD_SEQ counts completed commands) that made the tensor, for a
      // waves window by command (--waves-ops): the last command, or the whole stage.
      uint32_t completed = 0;
      if (k.device->device_.transport().Read(regs::kCmdSeqOffset,
                                             std::span<uint32_t>(&completed, 1)) ==
              driver::BusResponse::kOkay &&
          completed > 0) {
        const uint32_t count = command >= 0 ? 1 : static_cast<uint32_t>(s.commands.size());
        const uint32_t first = completed >= count ? completed - count : 0;
        k.result->mismatch += ", commands " + std::to_string(first) + ".." +
                              std::to_string(completed - 1) + " (CMD_SEQ numbers)";
      }
      return false;
    };
    if (command >= 0) {
      const model::ProgramCommand& c = s.commands[static_cast<size_t>(command)];
      return compare(c.name, c.out);
    }
    const model::ProgramCommand& last = s.commands.back();
    return compare(last.name, last.out) &&
           compare((s.layer < 0 ? std::string("embeddings") : "layer " + std::to_string(s.layer)) +
                       " hidden state",
                   s.hidden);
  };

  auto observe = [](void* context, int stage, int command) -> bool {
    Lock& k = *static_cast<Lock*>(context);
    try {
      return follow(k, stage, command);
    } catch (...) {
      k.exception = std::current_exception();
      return false;
    }
  };

  firmware::Job job;
  job.inputs = storage.inputs;
  job.stages = storage.stages;
  job.entropy_threshold_q24 = threshold;
  job.logits_vector = program.uab().logits;
  job.labels = m.shape.num_labels;
  job.timeout_ms = options.timeout_ms;
  if (options.lockstep != Lockstep::kNone) {
    job.observe = observe;
    job.observe_context = &lock;
    job.single_step = options.lockstep == Lockstep::kCommand;
  }
  const driver::JobResult run = device_.RunJob(job);
  result.cycles = run.cycles;
  if (lock.exception) std::rethrow_exception(lock.exception);
  const firmware::Report& report = run.report;
  if (report.status == firmware::Status::kStopped && result.mismatch.empty()) {
    throw driver::DeviceError("firmware: the job was refused in stage " +
                              std::to_string(report.failed_stage));
  }
  result.exit_layer = report.exit_layer;
  result.layers_run = report.layers_run;
  // A cut short run ends as an exit at its last layer would.
  if (result.exit_layer < 0 && layers < m.shape.num_hidden_layers && result.layers_run == layers) {
    result.exit_layer = layers - 1;
  }
  result.entropies_q24.assign(report.entropies_q24.begin(),
                              report.entropies_q24.begin() + report.entropy_count);
  result.commands = report.commands;
  result.interrupts = report.interrupts;
  result.stage_cycles.assign(report.stage_cycles.begin(),
                             report.stage_cycles.begin() + report.stages_run);
  result.perf = report.perf;
  const int labels = m.shape.num_labels;
  result.logit_codes.assign(report.logit_codes.begin(), report.logit_codes.begin() + labels);
  // The logits' exponent bias is that of the classifier of the layer the run ended at.
  const int final_layer = report.exit_layer >= 0 ? report.exit_layer : report.layers_run - 1;
  if (final_layer >= 0) {
    const auto& logits = stages[static_cast<size_t>(final_layer) + 1].logits;
    if (logits) result.logit_bias = logits->exp;
  }
  for (const uint8_t c : result.logit_codes)
    result.logits.push_back(af8::Decode(c, result.logit_bias));
  result.label = model::PredictedLabel(result.logits);
  return result;
}

}  // namespace edgebert::lockstep
