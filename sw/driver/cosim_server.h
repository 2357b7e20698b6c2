// Serves one accelerator (a driver::Transport, typically the in-process Verilated SoC) to a
// TcpTransport client over TCP, speaking docs/cosim_protocol.md.
//
// One client at a time: a second one receives an ERROR frame "busy: another client is
// connected" and is closed while the first keeps working. Each client starts on a power-cycled
// device (Options::reset_on_connect): what one client left (queued commands, CTRL, latencies,
// SRAM contents) cannot make the next fail; the ReRAM store keeps its contents, as on hardware.
// A client that disconnects at any point (mid-frame, or while its request runs) only ends its
// own connection: a device call runs to completion, but frames it had pipelined behind it are
// not run once the server sees it gone (it looks between frames), and an idle client is dropped
// after Options::idle_timeout. A malformed, oversized or unknown frame gets an ERROR frame naming
// the problem, then the connection is closed; the server keeps running.
//
// Threading model: everything, the device calls included, runs on the thread that calls Run().
// Verilator requires eval() on the thread that built the model, so call Run() on that thread
// (build the model, construct the server, Run(), all on one thread; or build the model on the
// thread that will call Run()). The constructor binds the listening socket (port() is valid at
// once; Stop() may already be called). Stop() is safe from any thread and from a signal handler
// (an atomic store and a write() to a pipe). A device call is not interrupted: Stop(), a second
// client and a disconnect are noticed when the call returns, at most kMaxWaitMs for WAIT_IRQ,
// and pipelined frames still buffered are then not run.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "driver/transport.h"

namespace edgebert::driver {

// What happened to a client connection; reported on the Run() thread.
struct CosimServerEvent {
  enum class Kind {
    kConnected,  // the client is being served
    kRefused,    // another client was being served; this one got the busy ERROR frame
    kClosed,     // the served client is gone (detail says why); the next one can be served
  };
  Kind kind;
  std::string peer;  // "127.0.0.1:54321"
  std::string detail;
};

class CosimServer {
 public:
  struct Options {
    // An IP address literal. The default keeps the device off the network.
    std::string address = "127.0.0.1";
    uint16_t port = 0;  // 0: the system picks a free port; see port()
    // Answered to HELLO: names the accelerator behind the server.
    std::string identity = "edgebert";
    // Once a frame has begun to arrive, or a reply is being sent, the connection is dropped if
    // this passes without progress: a stalled client cannot hold the device forever. An idle
    // client (between frames) is governed by idle_timeout instead.
    std::chrono::milliseconds io_timeout{5000};
    // A client that sends nothing for this long (between frames) is dropped, so that it cannot
    // hold the one client slot forever; 0: never. Long enough for a person at a debugger.
    std::chrono::milliseconds idle_timeout{std::chrono::minutes(30)};
    // Power-cycle the device before serving each client (see above).
    bool reset_on_connect = true;
    // Called on the Run() thread; must not throw. Optional.
    std::function<void(const CosimServerEvent&)> on_event;
  };

  // Binds and listens. std::runtime_error naming the address, the port and the system error
  // when it cannot (port taken, address not local); std::invalid_argument for a malformed
  // address. `device` must outlive the server.
  CosimServer(Transport& device, Options options);
  ~CosimServer();
  CosimServer(const CosimServer&) = delete;
  CosimServer& operator=(const CosimServer&) = delete;

  // The bound port (the chosen one when Options::port was 0) and address.
  uint16_t port() const;
  const std::string& address() const;

  // Serves clients until Stop(); then closes every connection and returns. Call once.
  void Run();
  // Makes Run() return (or return at once, when it has not started yet). Idempotent;
  // async-signal-safe.
  void Stop() noexcept;

 private:
  class Impl;  // keeps Boost.Asio out of this header
  std::unique_ptr<Impl> impl_;
};

}  // namespace edgebert::driver
