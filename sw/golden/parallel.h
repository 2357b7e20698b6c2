// How the golden model splits one command over threads: a command's outputs are cut into
// disjoint parts, part 0 runs on the calling thread and the others on threads of their own, so
// the result does not depend on the number of parts. Used by MATMUL (pu_golden.cc) and the GB
// row operations (gb_golden.cc) on commands large enough to pay for a thread (some 30 us).
#pragma once

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <exception>
#include <thread>
#include <utility>
#include <vector>

namespace edgebert::golden {

// Two: the golden model runs beside a simulator or another sentence (golden -j N) as often as
// alone, and the machines it was measured on have two cores.
inline constexpr unsigned kMaxThreads = 2;

// The threads a large command may use, 1 to kMaxThreads: benchmarks set 1 to time one core.
inline std::atomic<unsigned> thread_limit{kMaxThreads};
inline void LimitThreads(unsigned threads) {
  thread_limit.store(std::clamp(threads, 1u, kMaxThreads), std::memory_order_relaxed);
}

// Parts for a command: the thread limit (at most the cores there are) when it is large, else 1.
inline unsigned PartsFor(bool large) {
  return large ? std::clamp(std::thread::hardware_concurrency(), 1u,
                            thread_limit.load(std::memory_order_relaxed))
               : 1u;
}

// Runs body(part) for every part in [0, parts). Rethrows the exception of the lowest-numbered
// part that threw, after every part has finished.
template <typename Body>
void RunParts(unsigned parts, const Body& body) {
  if (parts == 1) {
    body(0u);
    return;
  }
  std::vector<std::exception_ptr> errors(parts);
  auto guarded = [&](unsigned part) {
    try {
      body(part);
    } catch (...) {
      errors[part] = std::current_exception();
    }
  };
  std::vector<std::thread> threads;
  for (unsigned part = 1; part < parts; ++part) threads.emplace_back(guarded, part);
  guarded(0);
  for (auto& thread : threads) thread.join();
  for (const auto& error : errors) {
    if (error) std::rethrow_exception(error);
  }
}

// [begin, end) of part `part` when `count` items are split into `parts`, inner boundaries
// multiples of `align` (a power of two) so that a kernel's blocks are not cut.
inline std::pair<uint32_t, uint32_t> PartRange(uint32_t count, unsigned part, unsigned parts,
                                               uint32_t align = 1) {
  auto boundary = [&](unsigned p) {
    if (p == parts) return count;
    return static_cast<uint32_t>(uint64_t{count} * p / parts) & ~(align - 1);
  };
  return {boundary(part), boundary(part + 1)};
}

}  // namespace edgebert::golden
