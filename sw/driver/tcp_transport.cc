#include "driver/tcp_transport.h"

#include <algorithm>
#include <array>
#include <boost/asio.hpp>
#include <chrono>
#include <cstdio>
#include <optional>
#include <stdexcept>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "driver/cosim_protocol.h"

namespace edgebert::driver {
namespace {

namespace asio = boost::asio;
using asio::ip::tcp;
using boost::system::error_code;
using Clock = std::chrono::steady_clock;

// Splits a transfer into requests of at most kMaxWords words, cut at 4 KiB boundaries so that
// the device makes the same bursts as for one call. fn(address, first word, count).
template <typename Fn>
void ForEachChunk(uint32_t address, size_t count, Fn fn) {
  size_t done = 0;
  while (done < count) {
    const uint64_t start = uint64_t{address} + 4 * done;
    size_t chunk = std::min<size_t>(count - done, cosim::kMaxWords);
    if (chunk < count - done) {
      const uint64_t boundary = (start + 4 * chunk) & ~uint64_t{0xFFF};
      if (boundary > start) chunk = static_cast<size_t>((boundary - start) / 4);
    }
    fn(static_cast<uint32_t>(start), done, chunk);
    done += chunk;
  }
}

}  // namespace

class TcpTransport::Impl {
 public:
  Impl(const std::string& host, uint16_t port, Options options)
      : name_(host + ":" + std::to_string(port)), options_(options) {
    const Clock::time_point deadline = Clock::now() + options_.io_timeout;
    error_code ec;
    tcp::resolver resolver(io_);
    const tcp::resolver::results_type endpoints = resolver.resolve(host, std::to_string(port), ec);
    if (ec) Fail("cannot resolve " + host + ": " + ec.message());
    asio::async_connect(socket_, endpoints,
                        [&](error_code connect_ec, const tcp::endpoint&) { ec = connect_ec; });
    RunUntil(deadline, "connecting");
    if (ec) Fail("cannot connect: " + ec.message());
    // Request/reply traffic: a request must not wait for Nagle's algorithm.
    socket_.set_option(tcp::no_delay(true), ec);

    auto hello = Call<cosim::HelloReply>(cosim::HelloRequest{cosim::kProtocolVersion});
    if (hello.version != cosim::kProtocolVersion) {
      Fail("the server speaks protocol version " + std::to_string(hello.version) +
           ", this client version " + std::to_string(cosim::kProtocolVersion));
    }
    server_version_ = hello.version;
    server_identity_ = std::move(hello.identity);
  }

  ~Impl() {
    if (!broken_.empty()) return;
    try {
      // Lets the server accept the next client at once; a server that does not answer soon is
      // left to notice the close.
      Exchange(cosim::ByeRequest{},
               std::min<std::chrono::milliseconds>(options_.io_timeout, std::chrono::seconds(1)));
    } catch (const std::exception&) {
      // Nothing to do about it in a destructor; the socket closes anyway.
    }
  }

  uint32_t server_version() const { return server_version_; }
  const std::string& server_identity() const { return server_identity_; }

  BusResponse Read(uint32_t address, std::span<uint32_t> words) {
    CheckTransfer("TcpTransport::Read", address, words.size());  // before the wire
    BusResponse first = BusResponse::kOkay;
    ForEachChunk(address, words.size(), [&](uint32_t chunk_address, size_t offset, size_t count) {
      auto reply =
          Call<cosim::ReadReply>(cosim::ReadRequest{chunk_address, static_cast<uint32_t>(count)});
      if (reply.words.size() != count) {
        Fail("READ of " + std::to_string(count) + " words answered with " +
             std::to_string(reply.words.size()));
      }
      std::copy(reply.words.begin(), reply.words.end(),
                words.begin() + static_cast<std::ptrdiff_t>(offset));
      if (first == BusResponse::kOkay) first = reply.response;
    });
    return first;
  }

  BusResponse Write(uint32_t address, std::span<const uint32_t> words) {
    CheckTransfer("TcpTransport::Write", address, words.size());
    BusResponse first = BusResponse::kOkay;
    ForEachChunk(address, words.size(), [&](uint32_t chunk_address, size_t offset, size_t count) {
      const auto chunk = words.subspan(offset, count);
      auto reply = Call<cosim::WriteReply>(
          cosim::WriteRequest{chunk_address, std::vector<uint32_t>(chunk.begin(), chunk.end())});
      if (first == BusResponse::kOkay) first = reply.response;
    });
    return first;
  }

  bool WaitForInterrupt(std::chrono::milliseconds timeout) {
    const Clock::time_point deadline =
        Clock::now() + std::max(timeout, std::chrono::milliseconds(0));
    while (true) {
      const auto remaining = std::chrono::ceil<std::chrono::milliseconds>(deadline - Clock::now());
      const auto slice =
          std::clamp<std::chrono::milliseconds::rep>(remaining.count(), 0, cosim::kMaxWaitMs);
      const auto reply = Call<cosim::WaitIrqReply>(
          cosim::WaitIrqRequest{static_cast<uint32_t>(slice)}, std::chrono::milliseconds(slice));
      if (reply.interrupt) return true;
      if (Clock::now() >= deadline) return false;
    }
  }

  bool InterruptLine() { return Call<cosim::IrqLineReply>(cosim::IrqLineRequest{}).line; }
  void PowerCycle() { Call<cosim::PowerCycleReply>(cosim::PowerCycleRequest{}); }
  uint64_t Cycles() { return Call<cosim::CyclesReply>(cosim::CyclesRequest{}).cycles; }

 private:
  // One request and its reply of type T. `extra`: time the server may spend on top of the
  // usual io_timeout (WAIT_IRQ).
  template <typename T>
  T Call(const cosim::Request& request,
         std::chrono::milliseconds extra = std::chrono::milliseconds(0)) {
    cosim::Reply reply = Exchange(request, options_.io_timeout + extra);
    if (auto* typed = std::get_if<T>(&reply)) return std::move(*typed);
    Fail("unexpected reply to " + cosim::FrameTypeName(cosim::RequestType(request)));
  }

  cosim::Reply Exchange(const cosim::Request& request, std::chrono::milliseconds budget) {
    const std::string request_name = cosim::FrameTypeName(cosim::RequestType(request));
    if (!broken_.empty()) {
      throw TransportError("cosim client " + name_ + ": " + request_name +
                           " on a connection closed after an earlier error: " + broken_);
    }
    const Clock::time_point deadline = Clock::now() + budget;
    const std::vector<uint8_t> bytes = cosim::EncodeRequest(request);
    Send(asio::buffer(bytes), deadline, "sending " + request_name);

    std::array<uint8_t, cosim::kHeaderBytes> header{};
    Receive(asio::buffer(header), deadline, "waiting for the reply to " + request_name);
    cosim::Frame frame;
    frame.type = header[4];
    try {
      frame.payload.resize(cosim::DecodePayloadLength(header));
    } catch (const cosim::ProtocolError& error) {
      Fail(std::string("protocol error: ") + error.what());
    }
    Receive(asio::buffer(frame.payload), deadline, "reading the reply to " + request_name);

    const auto expected = static_cast<uint8_t>(cosim::ReplyType(request));
    if (frame.type != expected && frame.type != static_cast<uint8_t>(cosim::FrameType::kError)) {
      Fail("protocol error: " + cosim::FrameTypeName(frame.type) + " in answer to " + request_name);
    }
    cosim::Reply reply;
    try {
      reply = cosim::DecodeReply(frame);
    } catch (const cosim::ProtocolError& error) {
      Fail(std::string("protocol error: ") + error.what());
    }
    if (const auto* error = std::get_if<cosim::ErrorFrame>(&reply)) {
      Fail("the server closed the connection: " + error->message);
    }
    if (const auto* error = std::get_if<cosim::DeviceErrorReply>(&reply)) {
      // The connection is fine; only this call failed.
      throw TransportError("cosim server " + name_ + ": device error in " + request_name + ": " +
                           error->message);
    }
    return reply;
  }

  // Sends (receives) exactly `buffer` by `deadline`.
  void Send(asio::const_buffer buffer, Clock::time_point deadline, const std::string& what) {
    error_code ec;
    asio::async_write(socket_, buffer, [&](error_code write_ec, size_t) { ec = write_ec; });
    Complete(ec, deadline, what);
  }
  void Receive(asio::mutable_buffer buffer, Clock::time_point deadline, const std::string& what) {
    error_code ec;
    asio::async_read(socket_, buffer, [&](error_code read_ec, size_t) { ec = read_ec; });
    Complete(ec, deadline, what);
  }
  void Complete(const error_code& ec, Clock::time_point deadline, const std::string& what) {
    RunUntil(deadline, what);
    if (ec == asio::error::eof) Fail(what + ": the server closed the connection");
    if (ec) Fail(what + ": " + ec.message());
  }

  // Runs the pending operation until it completes or `deadline` passes; then the socket is
  // closed, which cancels it.
  void RunUntil(Clock::time_point deadline, const std::string& what) {
    io_.restart();
    io_.run_until(deadline);
    if (!io_.stopped()) {
      error_code ignored;
      socket_.close(ignored);
      io_.run();  // the cancelled operation's handler
      Fail("timed out " + what);
    }
  }

  [[noreturn]] void Fail(const std::string& problem) {
    broken_ = problem;
    error_code ignored;
    socket_.close(ignored);
    throw TransportError("cosim client " + name_ + ": " + problem);
  }

  asio::io_context io_;  // first: outlives the socket
  tcp::socket socket_{io_};
  std::string name_;  // host:port, for messages
  Options options_;
  std::string broken_;  // why the connection is closed; empty while usable
  uint32_t server_version_ = 0;
  std::string server_identity_;
};

TcpTransport::TcpTransport(const std::string& host, uint16_t port, Options options)
    : impl_(std::make_unique<Impl>(host, port, options)) {}

TcpTransport::~TcpTransport() = default;

uint32_t TcpTransport::server_version() const { return impl_->server_version(); }
const std::string& TcpTransport::server_identity() const { return impl_->server_identity(); }

BusResponse TcpTransport::Read(uint32_t address, std::span<uint32_t> words) {
  return impl_->Read(address, words);
}
BusResponse TcpTransport::Write(uint32_t address, std::span<const uint32_t> words) {
  return impl_->Write(address, words);
}
bool TcpTransport::WaitForInterrupt(std::chrono::milliseconds timeout) {
  return impl_->WaitForInterrupt(timeout);
}
bool TcpTransport::InterruptLine() { return impl_->InterruptLine(); }
void TcpTransport::PowerCycle() { impl_->PowerCycle(); }
uint64_t TcpTransport::Cycles() { return impl_->Cycles(); }

}  // namespace edgebert::driver
