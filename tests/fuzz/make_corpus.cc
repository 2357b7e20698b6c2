// Writes the seed corpus of the fuzz targets: small valid files and a few invalid ones.
// Usage: fuzz_make_corpus OUT_DIR [IMAGE]   (writes OUT_DIR/safetensors/*, OUT_DIR/model_image/*,
// OUT_DIR/cosim_frames/*, OUT_DIR/regress_results/*; with IMAGE, an .ebm such as
// sw/app/models/sst2-tiny.ebm, also OUT_DIR/params/*: its PARAMS section and edits of it) The
// committed tests/fuzz/corpus was made with it; rerun it after a format change.
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "../model/safetensors_writer.h"
#include "driver/cosim_protocol.h"
#include "model/model_image.h"
#include "results.h"

namespace {

namespace fs = std::filesystem;
using edgebert::model::ModelImage;
using edgebert::model::SectionType;
using edgebert::model::testing::F32Bytes;
using edgebert::model::testing::RawSafetensors;
using edgebert::model::testing::U16Bytes;
using edgebert::model::testing::WriteSafetensors;

void Save(const fs::path& path, const std::vector<uint8_t>& bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(reinterpret_cast<const char*>(bytes.data()),
            static_cast<std::streamsize>(bytes.size()));
}

std::vector<uint8_t> Ramp(size_t n, uint8_t start) {
  std::vector<uint8_t> out(n);
  for (size_t i = 0; i < n; ++i) out[i] = static_cast<uint8_t>(start + 7 * i);
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2 && argc != 3) {
    std::fprintf(stderr, "usage: %s OUT_DIR [IMAGE]\n", argv[0]);
    return 2;
  }
  const fs::path st = fs::path(argv[1]) / "safetensors";
  const fs::path im = fs::path(argv[1]) / "model_image";
  fs::create_directories(st);
  fs::create_directories(im);

  // safetensors: valid files of every float dtype, metadata, escapes; a few rejections.
  Save(st / "valid_mixed",
       WriteSafetensors(
           {{"albert.embeddings.word", "F32", {2, 3}, F32Bytes({1, -2, 3.5f, 0, 1e-8f, -7})},
            {"half", "F16", {2}, U16Bytes({0x3C00, 0x8001})},
            {"bf", "BF16", {1, 2}, U16Bytes({0x3F80, 0x7F80})},
            {"ids", "I64", {1}, Ramp(8, 1)},
            {"empty", "F32", {0}, {}}},
           {{"format", "pt"}}));
  Save(st / "valid_empty", RawSafetensors("{}", {}));
  Save(st / "valid_escapes",
       RawSafetensors("{\"a\\u00e9\\ud83d\\ude00\\n\":{\"dtype\":\"U8\",\"shape\":[2],"
                      "\"data_offsets\":[0,2]},\"__metadata__\":{\"k\\\"\":\"v\\\\\"}}",
                      {1, 2}));
  Save(st / "bad_overlap", RawSafetensors("{\"a\":{\"dtype\":\"U8\",\"shape\":[3],\"data_offsets\":"
                                          "[0,3]},\"b\":{\"dtype\":\"U8\",\"shape\":[2],"
                                          "\"data_offsets\":[2,4]}}",
                                          Ramp(4, 0)));
  Save(st / "bad_shape", RawSafetensors("{\"w\":{\"dtype\":\"F32\",\"shape\":[4294967296,"
                                        "4294967296],\"data_offsets\":[0,4]}}",
                                        Ramp(4, 0)));
  Save(st / "bad_dtype", RawSafetensors("{\"w\":{\"dtype\":\"Q4\",\"shape\":[1],"
                                        "\"data_offsets\":[0,1]}}",
                                        {9}));

  // Model images: all five sections, a subset, none; a bad CRC and a truncated file.
  ModelImage full;
  full.sections[SectionType::kReram] = Ramp(100, 1);
  full.sections[SectionType::kSram] = Ramp(130, 2);
  full.sections[SectionType::kAux] = Ramp(7, 3);
  full.sections[SectionType::kParams] = Ramp(64, 4);
  full.sections[SectionType::kMetadata] = {'s', 's', 't', '2'};
  const std::vector<uint8_t> full_bytes = edgebert::model::WriteModelImage(full);
  Save(im / "valid_full", full_bytes);
  ModelImage some;
  some.sections[SectionType::kSram] = {};
  some.sections[SectionType::kMetadata] = Ramp(65, 5);
  Save(im / "valid_subset", edgebert::model::WriteModelImage(some));
  Save(im / "valid_none", edgebert::model::WriteModelImage(ModelImage{}));
  std::vector<uint8_t> bad_crc = full_bytes;
  bad_crc[400] ^= 1;
  Save(im / "bad_crc", bad_crc);
  Save(im / "bad_truncated", std::vector<uint8_t>(full_bytes.begin(), full_bytes.begin() + 300));
  // cosim_frames: a side byte (0: requests, 1: replies), then a stream of every frame type.
  namespace cosim = edgebert::driver::cosim;
  const fs::path co = fs::path(argv[1]) / "cosim_frames";
  fs::create_directories(co);
  std::vector<uint8_t> requests = {0};
  for (const cosim::Request& r : std::vector<cosim::Request>{
           cosim::HelloRequest{}, cosim::ReadRequest{0x40, 2},
           cosim::WriteRequest{0x1000'0000, {1, 2, 3}}, cosim::WaitIrqRequest{100},
           cosim::IrqLineRequest{}, cosim::PowerCycleRequest{}, cosim::CyclesRequest{},
           cosim::ByeRequest{}}) {
    const std::vector<uint8_t> bytes = cosim::EncodeRequest(r);
    requests.insert(requests.end(), bytes.begin(), bytes.end());
  }
  Save(co / "valid_requests", requests);
  std::vector<uint8_t> replies = {1};
  for (const cosim::Reply& r : std::vector<cosim::Reply>{
           cosim::HelloReply{cosim::kProtocolVersion, "edgebert"},
           cosim::ReadReply{edgebert::driver::BusResponse::kSlvErr, {0, 7}}, cosim::WriteReply{},
           cosim::WaitIrqReply{true}, cosim::IrqLineReply{false}, cosim::PowerCycleReply{},
           cosim::CyclesReply{123456789}, cosim::ByeReply{},
           cosim::DeviceErrorReply{cosim::FrameType::kRead, "device failed"},
           cosim::ErrorFrame{"busy: another client is connected"}}) {
    const std::vector<uint8_t> bytes = cosim::EncodeReply(r);
    replies.insert(replies.end(), bytes.begin(), bytes.end());
  }
  Save(co / "valid_replies", replies);
  Save(co / "bad_length", {0, 0xFF, 0xFF, 0xFF, 0x7F, 0x01});

  // regress_results: results.jsonl as edgebert_regress writes it (every status, config keys,
  // 64-bit seeds, escapes, waves), then a torn last line, a bad status and a bad seed.
  namespace regress = edgebert::regress;
  const fs::path rr = fs::path(argv[1]) / "regress_results";
  fs::create_directories(rr);
  std::string results;
  {
    regress::RunResult r;
    r.name = r.test = "ctest";
    r.status = regress::Status::kPass;
    r.wall_s = 93.25;
    r.log = "/b/regress/nightly/ctest/log.txt";
    r.repro = "cd /s && cd /b && ctest --output-on-failure -j 1 -LE long";
    results += regress::to_json_line(r) + "\n";
    r.name = "run_inproc[lanes=4,task=x \"y\"][18446744073709551615]";
    r.test = "run_inproc";
    r.seed = 18446744073709551615u;
    r.config = {{"lanes", "4"}, {"task", "x \"y\""}};
    r.status = regress::Status::kFail;
    r.exit_code = 134;
    r.cycles = 9007199254740993u;
    r.repro = "cd /s && echo 'a\\b'\t|| true\x01";
    r.waves = "/b/regress/nightly/run_inproc-lanes-4-task-x__y_-seed18446744073709551615/waves.fst";
    results += regress::to_json_line(r) + "\n";
    r.name = "fuzz_long";
    r.test = "fuzz_long";
    r.seed.reset();
    r.config.clear();
    r.status = regress::Status::kTimeout;
    r.exit_code = -1;
    r.cycles.reset();
    r.waves.reset();
    results += regress::to_json_line(r) + "\n";
  }
  const auto save_text = [](const fs::path& path, const std::string& text) {
    Save(path, std::vector<uint8_t>(text.begin(), text.end()));
  };
  save_text(rr / "valid", results);
  save_text(rr / "torn", results + results.substr(0, 60));
  save_text(rr / "bad_status", "{\"run\": \"a\", \"status\": \"passed\"}\n");
  // The reader before it was fuzzed cast this through a double: undefined behaviour.
  save_text(rr / "bad_seed", "{\"run\": \"a\", \"status\": \"pass\", \"seed\": 1e30}\n");

  // params: the PARAMS section of a real image, and the same with one bias out of range.
  if (argc == 3) {
    const fs::path pa = fs::path(argv[1]) / "params";
    fs::create_directories(pa);
    const ModelImage image = edgebert::model::LoadModelImage(argv[2]);
    const std::vector<uint8_t>& params = image.section(SectionType::kParams);
    Save(pa / "valid", params);
    std::string text(params.begin(), params.end());
    const size_t at = text.find("weight_biases:");
    if (at != std::string::npos) text.insert(text.find('\n', at) + 1, "  extra_weight: 1000\n");
    Save(pa / "bad_bias", std::vector<uint8_t>(text.begin(), text.end()));
  }

  return 0;
}
