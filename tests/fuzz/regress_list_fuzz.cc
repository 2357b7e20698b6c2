// libFuzzer target: the regression list reader (yaml/regress/*.yaml, edgebert_regress). ListError
// naming the file, the test and the key is the expected answer to a bad list; anything else
// (another exception, a crash, a sanitizer report) is a finding. An accepted list has named tests
// with positive timeouts.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "test_list.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using edgebert::regress::ListError;
  try {
    const edgebert::regress::TestList list = edgebert::regress::parse_test_list(
        std::string_view(reinterpret_cast<const char*>(data), size), "fuzz.yaml");
    if (list.tests.empty()) __builtin_trap();
    for (const auto& test : list.tests) {
      if (test.name.empty() || !(test.timeout_s > 0)) __builtin_trap();
    }
  } catch (const ListError&) {
  }
  return 0;
}
