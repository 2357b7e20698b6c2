#include "harness/rtl_assert.h"

#include <cstdio>
#include <cstdlib>
#include <utility>

namespace edgebert::sim {
namespace {

constexpr size_t kKept = 64;

// "%m" of an assertion ends in its own label: the instance is what comes before.
std::string InstanceOf(const std::string& scope, const std::string& name) {
  if (scope.size() > name.size() + 1 && scope.ends_with("." + name)) {
    return scope.substr(0, scope.size() - name.size() - 1);
  }
  return scope;
}

// A program that never asks (a harness without the check, a benchmark) must not pass silently:
// failures still pending when the thread ends are printed, and the process fails.
struct Pending {
  std::vector<RtlAssertFailure> failures;
  uint64_t dropped = 0;
  ~Pending() {
    if (failures.empty()) return;
    std::fprintf(stderr, "RTL assertion %s failed in %s (not handled by a harness; %zu in all)\n",
                 failures[0].name.c_str(), InstanceOf(failures[0].scope, failures[0].name).c_str(),
                 failures.size() + static_cast<size_t>(dropped));
    std::fflush(stderr);
    std::_Exit(3);
  }
};

thread_local Pending pending;

}  // namespace

thread_local bool rtl_assert_failed = false;

std::vector<RtlAssertFailure> TakeRtlAssertFailures() {
  rtl_assert_failed = false;
  pending.dropped = 0;
  return std::exchange(pending.failures, {});
}

std::string DescribeRtlAssertFailures(uint64_t cycle) {
  const uint64_t dropped = pending.dropped;
  const std::vector<RtlAssertFailure> all = TakeRtlAssertFailures();
  if (all.empty()) return "";
  std::string text = "RTL assertion " + all[0].name + " failed in " +
                     InstanceOf(all[0].scope, all[0].name) + " at cycle " + std::to_string(cycle);
  const uint64_t more = all.size() - 1 + dropped;
  if (more != 0) text += " (and " + std::to_string(more) + " more)";
  return text;
}

}  // namespace edgebert::sim

extern "C" void eb_assert_fail(const char* scope, const char* name) {
  using namespace edgebert::sim;
  rtl_assert_failed = true;
  if (pending.failures.size() < kKept) {
    pending.failures.push_back({name != nullptr ? name : "", scope != nullptr ? scope : ""});
  } else {
    ++pending.dropped;
  }
}
