// The co-simulation client: a driver::Transport whose accelerator sits behind a CosimServer,
// reached over TCP with docs/cosim_protocol.md. Every call is one request and its reply (a READ
// or WRITE above cosim::kMaxWords words is split into several) under a deadline, so a dead or
// hung server gives TransportError, never a hang.
//
// After a TransportError other than a device error (the server's device threw; the connection
// stays usable), the connection is closed and every later call throws TransportError too.
// Not thread-safe: one thread at a time, like every Transport.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <span>
#include <string>

#include "driver/transport.h"

namespace edgebert::driver {

class TcpTransport final : public Transport {
 public:
  struct Options {
    // Connecting, and each request until its reply is in. WaitForInterrupt allows its own
    // timeout on top of this.
    std::chrono::milliseconds io_timeout{5000};
  };

  // Connects to host:port (a name or an IP address), sends HELLO and checks the server speaks
  // cosim::kProtocolVersion. TransportError naming host:port when any of it fails, the server's
  // ERROR message included (e.g. "busy: another client is connected").
  TcpTransport(const std::string& host, uint16_t port, Options options);
  TcpTransport(const std::string& host, uint16_t port) : TcpTransport(host, port, Options{}) {}
  // Says BYE (briefly waiting for its reply) and closes.
  ~TcpTransport() override;
  TcpTransport(const TcpTransport&) = delete;
  TcpTransport& operator=(const TcpTransport&) = delete;

  // From the server's HELLO reply.
  uint32_t server_version() const;
  const std::string& server_identity() const;

  BusResponse Read(uint32_t address, std::span<uint32_t> words) override;
  BusResponse Write(uint32_t address, std::span<const uint32_t> words) override;
  // Sends WAIT_IRQ with the same timeout (in slices of at most cosim::kMaxWaitMs).
  bool WaitForInterrupt(std::chrono::milliseconds timeout) override;
  bool InterruptLine() override;
  void PowerCycle() override;
  uint64_t Cycles() override;

 private:
  class Impl;  // keeps Boost.Asio out of this header
  std::unique_ptr<Impl> impl_;
};

}  // namespace edgebert::driver
