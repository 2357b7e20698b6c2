// libFuzzer target: the checkpoint's config.json reader. A std::runtime_error naming the problem
// is the expected answer to a bad input; anything else (another exception, a crash, a sanitizer
// report) is a finding. An accepted config must have the shapes the reader promises.
#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <string_view>

#include "model/albert_config.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using edgebert::model::ShapeLimits;
  try {
    const edgebert::model::AlbertConfig c = edgebert::model::ParseAlbertConfig(
        std::string_view(reinterpret_cast<const char*>(data), size), "fuzz.json");
    const bool kept = c.hidden_size > 0 && c.hidden_size <= ShapeLimits::kHidden &&
                      c.num_attention_heads > 0 && c.hidden_size % c.num_attention_heads == 0 &&
                      c.num_hidden_layers > 0 && c.num_hidden_layers <= edgebert::model::kMaxLayers;
    if (!kept) __builtin_trap();
  } catch (const std::runtime_error&) {
  }
  return 0;
}
