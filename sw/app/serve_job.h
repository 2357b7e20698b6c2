// `edgebert sim --serve [HOST:]PORT`: a simulated accelerator (the Verilated SoC, or the golden
// SoC) on a TCP co-simulation socket (docs/cosim_protocol.md) until interrupted.
#pragma once

#include <string>

#include "targets/target_factory.h"

namespace edgebert::app {

struct ServeOptions {
  std::string endpoint;            // [HOST:]PORT; HOST defaults to 127.0.0.1
  std::string target = "inproc";   // inproc | golden
  sim::TargetOptions hardware;     // n and AXI timing of the simulated SoC
  unsigned idle_timeout_s = 1800;  // drop a client silent this long; 0: never
  bool reset_on_connect = true;    // power-cycle the device for each client (ReRAM kept)
};

int RunServeJob(const ServeOptions& options);

}  // namespace edgebert::app
