#include "serve_job.h"

#include <chrono>
#include <csignal>
#include <cstdio>
#include <stdexcept>

#include "driver/cosim_server.h"
#include "targets/target_factory.h"

namespace edgebert::app {
namespace {

driver::CosimServer* g_server = nullptr;

extern "C" void StopServer(int) {
  if (g_server != nullptr) g_server->Stop();
}

}  // namespace

int RunServeJob(const ServeOptions& o) {
  if (o.target.starts_with("tcp://")) throw std::invalid_argument("sim --serve: cannot serve tcp");
  const auto [host, port] = sim::ParseEndpoint(o.endpoint, "127.0.0.1");
  // The device is built here, on the thread that runs the server (Verilator's rule).
  std::unique_ptr<driver::Transport> device = sim::OpenTarget(o.target, o.hardware);
  driver::CosimServer::Options options;
  options.address = host;
  options.port = port;
  options.identity = "edgebert " + o.target;
  options.idle_timeout = std::chrono::seconds(o.idle_timeout_s);
  options.reset_on_connect = o.reset_on_connect;
  options.on_event = [](const driver::CosimServerEvent& e) {
    const char* what = e.kind == driver::CosimServerEvent::Kind::kConnected ? "connected"
                       : e.kind == driver::CosimServerEvent::Kind::kRefused ? "refused"
                                                                            : "closed";
    std::printf("client %s %s%s%s\n", e.peer.c_str(), what, e.detail.empty() ? "" : ": ",
                e.detail.c_str());
    std::fflush(stdout);
  };
  driver::CosimServer server(*device, options);
  g_server = &server;
  std::signal(SIGINT, StopServer);
  std::signal(SIGTERM, StopServer);
  std::printf("edgebert sim: %s accelerator on %s:%u (Ctrl-C stops)\n", o.target.c_str(),
              server.address().c_str(), static_cast<unsigned>(server.port()));
  std::fflush(stdout);
  server.Run();
  g_server = nullptr;
  std::printf("edgebert sim: stopped after %llu cycles\n",
              static_cast<unsigned long long>(device->Cycles()));
  return 0;
}

}  // namespace edgebert::app
