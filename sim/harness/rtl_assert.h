// The simulation side of the RTL's assertions (rtl/include/eb_assert.svh): every Verilated model
// calls eb_assert_fail (a DPI import of eb_assert_pkg) when an assertion fails; this library
// defines it, keeps the failures, and lets a harness turn them into an error that names the
// assertion, its instance and the cycle. Every program with a Verilated model links it
// (cmake/EdgebertVerilator.cmake). No Verilator headers.
//
// Threading: Verilator evaluates a model on the thread that built it; failures are kept per
// thread, so each harness sees only its own model's.
#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

extern "C" void eb_assert_fail(const char* scope, const char* name);

namespace edgebert::sim {

struct RtlAssertFailure {
  std::string name;   // the assertion's label, e.g. "PushWhenFull_A"
  std::string scope;  // its hierarchical name, e.g. "TOP.edgebert_soc.u_csr.u_cmdq.PushWhenFull_A"
};

// Set by eb_assert_fail, cleared by TakeRtlAssertFailures (read it through RtlAssertFailed).
extern thread_local bool rtl_assert_failed;
// Whether an assertion failed on this thread since the last TakeRtlAssertFailures: inline, as the
// harnesses ask at every clock edge.
inline bool RtlAssertFailed() { return rtl_assert_failed; }
// The failures since the last call, oldest first (at most 64 kept; later ones are counted).
std::vector<RtlAssertFailure> TakeRtlAssertFailures();
// "RTL assertion PushWhenFull_A failed in TOP.edgebert_soc.u_csr.u_cmdq at cycle 1234" for the
// first failure (and how many more), which TakeRtlAssertFailures then no longer returns.
std::string DescribeRtlAssertFailures(uint64_t cycle);

class RtlAssertError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};
// For a harness, after each rising edge's eval(): throws RtlAssertError describing the failures
// when there are any.
inline void CheckRtlAssertions(uint64_t cycle) {
  if (RtlAssertFailed()) throw RtlAssertError(DescribeRtlAssertFailures(cycle));
}

}  // namespace edgebert::sim
