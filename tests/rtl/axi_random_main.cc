// axi_random: the constrained-random AXI4 master against the small SoC over a range of seeds,
// for the nightly list (axi_random --seeds 1-100). One line per seed; exit status 1 when any
// seed has a scoreboard mismatch or a slave-side protocol violation, 2 on a usage error.
#include <CLI/CLI.hpp>
#include <cstdio>
#include <exception>
#include <string>

#include "driver/transport.h"
#include "harness/axi_random_master.h"
#include "harness/soc_sim.h"

namespace {

// "A-B" or "A": an inclusive range of seeds, A <= B.
std::pair<uint64_t, uint64_t> ParseSeeds(const std::string& text) {
  const size_t dash = text.find('-');
  size_t used = 0;
  const uint64_t first = std::stoull(text.substr(0, dash), &used);
  if (used != (dash == std::string::npos ? text.size() : dash)) throw std::invalid_argument(text);
  uint64_t last = first;
  if (dash != std::string::npos) {
    const std::string rest = text.substr(dash + 1);
    last = std::stoull(rest, &used);
    if (used != rest.size()) throw std::invalid_argument(text);
  }
  if (first == 0 || last < first) throw std::invalid_argument(text);
  return {first, last};
}

}  // namespace

int main(int argc, char** argv) {
  using namespace edgebert;
  CLI::App app{
      "Constrained-random AXI4 master against the small SoC, checked against the golden "
      "SoC and the AXI4 protocol checker"};
  std::string seeds = "1-4";
  sim::AxiRandomOptions options;
  int lanes = 16;
  app.add_option("--seeds", seeds, "Seeds to run, A-B or A (from 1)")->capture_default_str();
  app.add_option("--transactions", options.transactions, "Bursts per seed")
      ->check(CLI::Range(1u, 1'000'000u))
      ->capture_default_str();
  app.add_option("--max-outstanding", options.max_outstanding, "Bursts in flight per direction")
      ->check(CLI::Range(1u, 64u))
      ->capture_default_str();
  app.add_option("--lanes", lanes, "n of the small SoC")
      ->check(CLI::IsMember({4, 8, 16, 32}))
      ->capture_default_str();
  CLI11_PARSE(app, argc, argv);
  std::pair<uint64_t, uint64_t> range;
  try {
    range = ParseSeeds(seeds);
  } catch (const std::exception&) {
    std::fprintf(stderr, "axi_random: --seeds %s: expected A-B or A with 1 <= A <= B\n",
                 seeds.c_str());
    return 2;
  }
  uint64_t failed = 0, bursts = 0, beats = 0, illegal = 0, cycles = 0;
  for (uint64_t seed = range.first; seed <= range.second; ++seed) {
    options.seed = seed;
    try {
      auto soc =
          sim::MakeSmallSocSim({.lanes = lanes, .axi_check = sim::SocOptions::AxiCheck::kRecord});
      const sim::AxiRandomReport r = sim::RunAxiRandom(*soc, sim::SmallSocConfig(lanes), options);
      const uint64_t slave = soc->axi_checker()->SlaveViolations();
      std::printf("seed %llu: %s, %llu slave-side violations\n",
                  static_cast<unsigned long long>(seed), r.Summary().c_str(),
                  static_cast<unsigned long long>(slave));
      for (const std::string& m : r.mismatches) std::printf("  MISMATCH %s\n", m.c_str());
      if (!r.mismatches.empty() || slave != 0) ++failed;
      bursts += r.transactions;
      beats += r.write_beats + r.read_beats;
      illegal += r.illegal;
      cycles += r.cycles;
    } catch (const std::exception& e) {
      std::printf("seed %llu: ERROR %s\n", static_cast<unsigned long long>(seed), e.what());
      ++failed;
    }
    std::fflush(stdout);
  }
  const uint64_t count = range.second - range.first + 1;
  std::printf(
      "%llu seeds at n = %d: %llu bursts, %llu beats, %llu illegal on purpose, %llu "
      "cycles; %llu failed\n",
      static_cast<unsigned long long>(count), lanes, static_cast<unsigned long long>(bursts),
      static_cast<unsigned long long>(beats), static_cast<unsigned long long>(illegal),
      static_cast<unsigned long long>(cycles), static_cast<unsigned long long>(failed));
  return failed == 0 ? 0 : 1;
}
