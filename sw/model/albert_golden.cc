#include "model/albert_golden.h"

#include <algorithm>
#include <stdexcept>
#include <string>

#include "golden/command_activity.h"
#include "numerics/af8.h"

namespace edgebert::model {
namespace {

void WriteAux(golden::GoldenAccelerator& accelerator, const AuxBlock& block) {
  accelerator.aux().WriteBytes(block.address, block.bytes);
}

}  // namespace

template <typename T>
int FirstLargest(std::span<const T> logits) {
  return static_cast<int>(std::max_element(logits.begin(), logits.end()) - logits.begin());
}

int PredictedLabel(std::span<const double> logits) { return FirstLargest(logits); }
int PredictedLabel(std::span<const float> logits) { return FirstLargest(logits); }

void LoadModel(golden::GoldenAccelerator& accelerator, const AlbertProgram& program) {
  const ModelLoad& load = program.load();
  for (const ReramTable& t : load.reram) {
    golden::WriteEmbeddingTable(accelerator.reram(), t.base_word, t.value_word, t.table);
  }
  for (const WsramTensor& t : load.wsram) {
    accelerator.wsram().StoreTensor(t.base, t.stride, t.rows, t.cols, t.codes);
  }
  for (const AuxBlock& block : load.aux) WriteAux(accelerator, block);
}

std::vector<uint8_t> ReadTensor(const golden::GoldenAccelerator& accelerator,
                                const TensorRef& ref) {
  if (ref.space == Space::kAux) {
    const auto bytes = accelerator.aux().Bytes(ref.address, ref.cols);
    return {bytes.begin(), bytes.end()};
  }
  return accelerator.uab().LoadTensor(ref.address, ref.stride, static_cast<int>(ref.rows),
                                      static_cast<int>(ref.cols));
}

GoldenResult RunGolden(golden::GoldenAccelerator& accelerator, const AlbertProgram& program,
                       const Encoding& input, const GoldenOptions& options,
                       const GoldenTrace& trace) {
  const CompiledModel& model = program.model();
  if (input.ids.size() != input.attention.size() ||
      input.token_types.size() != input.attention.size()) {
    throw std::invalid_argument("golden: ids, token types and attention differ in length");
  }
  const auto [rows, keys] =
      program.ShapeOf(input.attention, options.rows == GoldenOptions::Rows::kPadded);

  GoldenResult result;
  result.rows = rows;
  result.keys = keys;
  accelerator.entropy_threshold_q24 =
      options.entropy_threshold_q24.value_or(model.entropy_threshold_q24);
  for (const AuxBlock& block : program.InputLoads(input.ids, input.token_types)) {
    WriteAux(accelerator, block);
  }

  if (options.activity_acc_rows) result.activity.emplace();
  auto run = [&](const Stage& stage) {
    for (const AuxBlock& block : stage.loads) WriteAux(accelerator, block);
    bool exited = false;
    for (const ProgramCommand& command : stage.commands) {
      if (result.activity) {  // from the memories the command starts from
        const golden::CommandActivity a = golden::PredictActivity(
            command.words, accelerator, *options.activity_acc_rows, golden::ReramLatencies{});
        GoldenActivity& t = *result.activity;
        t.cycles += a.cycles + 2;
        t.busy_cycles += a.cycles + 1;
        t.idle_cycles += 1;
        t.mac_cycles += a.mac_cycles;
        t.stall_cycles += a.stall_cycles;
        t.wsram_reads += a.wsram_reads;
        t.uab_reads += a.uab_reads;
        t.uab_writes += a.uab_writes;
        t.aux_reads += a.aux_reads;
        t.aux_writes += a.aux_writes;
        if (a.on_gb) t.gb_busy_cycles += a.cycles;
        t.reram_slc_reads += a.reram_slc_reads;
        t.reram_mlc2_reads += a.reram_mlc2_reads;
        t.reram_mlc3_reads += a.reram_mlc3_reads;
      }
      const golden::CommandOutcome outcome = accelerator.Execute(command.words);
      if (outcome.error != regs::ErrCode::kNone) {
        throw std::runtime_error("golden: command '" + command.name + "' was rejected with " +
                                 "error code " + std::to_string(static_cast<int>(outcome.error)));
      }
      ++result.commands;
      result.vmacs += outcome.vmacs;
      result.vmacs_skipped += outcome.vmacs_skipped;
      result.macs_nonzero += outcome.macs_nonzero;
      result.saturations += outcome.saturations;
      if (result.activity) {
        result.activity->vmacs += outcome.vmacs;
        result.activity->vmacs_skipped += outcome.vmacs_skipped;
        result.activity->saturations += outcome.saturations;
        result.activity->macs_nonzero += outcome.macs_nonzero;
      }
      if (trace) trace(command, outcome, accelerator);
      if (outcome.opcode == regs::Opcode::kEntropy) {
        result.entropies_q24.push_back(outcome.entropy_q24);
        exited = outcome.early_exit;
      }
    }
    return exited;
  };

  run(program.EmbeddingStage(rows));
  const int labels = model.shape.num_labels;
  for (int layer = 0; layer < model.shape.num_hidden_layers; ++layer) {
    const Stage stage = program.LayerStage(layer, rows, keys);
    const bool exited = run(stage);
    ++result.layers_run;
    if (!stage.logits) continue;
    const TensorRef& logits_ref = *stage.logits;
    std::vector<uint8_t> codes = ReadTensor(accelerator, logits_ref);
    codes.resize(static_cast<size_t>(labels));
    std::vector<double> values;
    for (const uint8_t c : codes) values.push_back(af8::Decode(c, logits_ref.exp));
    result.layer_logits.push_back(values);
    result.logit_codes = codes;
    result.logit_bias = logits_ref.exp;
    result.logits = values;
    if (exited && result.exit_layer < 0) result.exit_layer = layer;
    if (exited && options.stop_on_exit) break;
  }
  result.label = PredictedLabel(result.logits);
  return result;
}

}  // namespace edgebert::model
