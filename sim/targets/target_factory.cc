#include "targets/target_factory.h"

#include <charconv>
#include <stdexcept>

#include "driver/tcp_transport.h"
#include "harness/gtkw_save.h"
#include "harness/soc_sim.h"
#include "harness/wave_scopes.h"
#include "reference_accelerator.h"
#include "small_accelerator.h"
#include "tlm/golden_soc.h"

namespace edgebert::sim {

std::span<const int> TargetLanes() { return kSmallSocLanes; }

std::pair<std::string, uint16_t> ParseEndpoint(const std::string& text,
                                               const std::string& default_host) {
  const auto colon = text.rfind(':');
  std::string host = colon == std::string::npos ? default_host : text.substr(0, colon);
  // An IPv6 address in brackets, as in URLs: [::1]:PORT.
  if (host.size() >= 2 && host.front() == '[' && host.back() == ']') {
    host = host.substr(1, host.size() - 2);
  }
  const std::string port_text = colon == std::string::npos ? text : text.substr(colon + 1);
  unsigned port = 0;
  const auto [end, error] =
      std::from_chars(port_text.data(), port_text.data() + port_text.size(), port);
  if (host.empty() || error != std::errc{} || end != port_text.data() + port_text.size() ||
      port == 0 || port > 65535) {
    throw std::invalid_argument("'" + text + "' is not [HOST:]PORT");
  }
  return {host, static_cast<uint16_t>(port)};
}

void LoadsDone(driver::Transport& transport) {
  if (auto* soc = dynamic_cast<SocTransport*>(&transport)) soc->SetBackdoor(false);
}

WavesCompanion WriteWavesCompanion(const std::string& fst, const std::string& filters) {
  const GtkwSave save = WriteGtkwSave(fst, filters);
  // Verilator's time is twice the cycle (cycle c: times 2c and 2c + 1).
  const auto [first, last] = FstTimeRange(fst);
  return {save.file.string(), save.signals, save.catalogue, first / 2, last / 2};
}

void CheckWaveScopes(const std::vector<std::string>& scopes) {
  for (const std::string& scope : scopes) {
    const std::string why = UnknownWaveScope(SmallSocWaveScopes(), scope);
    if (!why.empty()) throw std::invalid_argument("--waves-scope: " + why);
  }
}

std::unique_ptr<driver::Transport> OpenTarget(const std::string& spec,
                                              const TargetOptions& options) {
  if (spec != "inproc") {
    if (!options.waves_file.empty() || options.waves_ops || !options.waves_scopes.empty()) {
      throw std::invalid_argument("waves need the in-process target (--target inproc)");
    }
    if (options.watchdog_cycles != 0) {
      throw std::invalid_argument("a cycle watchdog needs the in-process target (--target inproc)");
    }
  }
  if (spec == "golden") {
    if (options.reference_buffers) {
      return std::make_unique<GoldenSoc>(ReferenceAcceleratorConfig(options.lanes), 16, 128,
                                         kReferenceAccRows);
    }
    return std::make_unique<GoldenSoc>(SmallAcceleratorConfig(options.lanes));
  }
  if (options.reference_buffers) {
    throw std::invalid_argument(
        "reference (ALBERT-base sized) buffers need the golden target: the in-process SoC is "
        "the small one");
  }
  if (spec == "inproc") {
    SocOptions soc;
    soc.lanes = options.lanes;
    soc.axi_seed = options.axi_seed;
    soc.backdoor = options.backdoor;
    soc.axi_check = options.axi_check ? SocOptions::AxiCheck::kThrow : SocOptions::AxiCheck::kOff;
    if (options.watchdog_cycles != 0) soc.max_wait_cycles = options.watchdog_cycles;
    if (options.waves_file.empty()) return MakeSmallSoc(soc);
    soc.waves.file = options.waves_file;
    soc.waves.start_cycle = options.waves_start;
    soc.waves.stop_cycle = options.waves_stop;
    soc.waves.depth = options.waves_depth;
    soc.waves.scopes = options.waves_scopes;
    if (options.waves_ops) {
      soc.waves.first_op = options.waves_ops->first;
      soc.waves.last_op = options.waves_ops->second;
    }
    return MakeSmallSocTraced(soc);
  }
  constexpr std::string_view kTcp = "tcp://";
  if (spec.starts_with(kTcp)) {
    const auto [host, port] = ParseEndpoint(spec.substr(kTcp.size()), "127.0.0.1");
    return std::make_unique<driver::TcpTransport>(host, port);
  }
  throw std::invalid_argument("unknown target '" + spec + "' (inproc, golden or tcp://HOST:PORT)");
}

}  // namespace edgebert::sim
