#include "harness/mismatch_report.h"

#include <algorithm>
#include <sstream>
#include <vector>

#include "numerics/sparse.h"
#include "util/hex.h"

namespace edgebert::sim {
namespace {

std::string Locate(const ResultRegion& r, uint32_t lanes, uint32_t vector, uint32_t lane) {
  if (vector >= r.base) {
    // Stride 0 stacks every row on the same vectors: name row 0.
    const uint32_t row = r.stride == 0 ? 0 : (vector - r.base) / r.stride;
    const uint32_t group = r.stride == 0 ? vector - r.base : (vector - r.base) % r.stride;
    if (row < r.rows && group * lanes < r.cols) {
      const uint32_t col = group * lanes + lane;
      if (r.transposed) {
        return r.tensor + "[" + std::to_string(col) + "][" + std::to_string(row) + "] (" +
               r.tensor + "^T)";
      }
      return r.tensor + "[" + std::to_string(row) + "][" + std::to_string(col) + "]";
    }
  }
  return "UAB vector " + std::to_string(vector) + " (outside " + r.tensor + ")";
}

}  // namespace

std::string FirstMismatch(const ResultRegion& region, const golden::VectorMemory& got,
                          const golden::VectorMemory& want,
                          const std::function<int64_t(uint32_t)>& write_cycle) {
  const auto lanes = static_cast<uint32_t>(got.lanes());
  for (uint32_t v = 0; v < got.vectors(); ++v) {
    if (got.mask(v) == want.mask(v) &&
        std::equal(got.slot(v).begin(), got.slot(v).end(), want.slot(v).begin())) {
      continue;
    }
    std::vector<uint8_t> got_dense(lanes), want_dense(lanes);
    sparse::DecodeVector(got.mask(v), got.slot(v), got_dense);
    sparse::DecodeVector(want.mask(v), want.slot(v), want_dense);
    uint32_t lane = 0;
    while (lane + 1 < lanes && got_dense[lane] == want_dense[lane]) ++lane;
    return region.op + " mismatch at " + Locate(region, lanes, v, lane) + ", lane " +
           std::to_string(lane) + ": rtl " + util::Hex(got_dense[lane]) + " (mask " +
           util::Hex(got.mask(v)) + "), golden " + util::Hex(want_dense[lane]) + " (mask " +
           util::Hex(want.mask(v)) + "); written at cycle " + std::to_string(write_cycle(v));
  }
  return "";
}

std::string FirstAuxMismatch(const golden::AuxMemory& got, const golden::AuxMemory& want) {
  const auto g = got.Bytes(0, got.size());
  const auto w = want.Bytes(0, want.size());
  if (got.size() != want.size()) return "aux buffers of different sizes";
  for (uint32_t i = 0; i < got.size(); ++i) {
    if (g[i] != w[i]) {
      return "aux byte " + std::to_string(i) + ": rtl " + util::Hex(g[i]) + ", golden " +
             util::Hex(w[i]);
    }
  }
  return "";
}

std::string FirstMatmulMismatch(const golden::MatmulCommand& c, const golden::VectorMemory& got,
                                const golden::VectorMemory& want,
                                const std::function<int64_t(uint32_t)>& write_cycle) {
  const ResultRegion region{
      "MATMUL", "C", c.c_addr, c.c_stride, c.trans_c ? c.n : c.m, c.trans_c ? c.m : c.n, c.trans_c};
  return FirstMismatch(region, got, want, write_cycle);
}

}  // namespace edgebert::sim
