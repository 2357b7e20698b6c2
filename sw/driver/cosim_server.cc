#include "driver/cosim_server.h"

#include <fcntl.h>
#include <sys/socket.h>
#include <unistd.h>

#include <array>
#include <atomic>
#include <boost/asio.hpp>
#include <cerrno>
#include <chrono>
#include <stdexcept>
#include <system_error>
#include <utility>
#include <variant>
#include <vector>

#include "driver/cosim_protocol.h"

namespace edgebert::driver {
namespace {

namespace asio = boost::asio;
using asio::ip::tcp;
using boost::system::error_code;

template <class... Ts>
struct Overloaded : Ts... {
  using Ts::operator()...;
};
template <class... Ts>
Overloaded(Ts...) -> Overloaded<Ts...>;

std::string EndpointName(const tcp::endpoint& endpoint) {
  const std::string address = endpoint.address().to_string();
  return (endpoint.address().is_v6() ? "[" + address + "]" : address) + ":" +
         std::to_string(endpoint.port());
}

// Owns the write end of the wake-up pipe.
class UniqueFd {
 public:
  UniqueFd() = default;
  UniqueFd(const UniqueFd&) = delete;
  UniqueFd& operator=(const UniqueFd&) = delete;
  ~UniqueFd() {
    if (fd_ >= 0) ::close(fd_);
  }
  void reset(int fd) {
    if (fd_ >= 0) ::close(fd_);
    fd_ = fd;
  }
  int get() const { return fd_; }

 private:
  int fd_ = -1;
};

class Connection;

// Device work between two looks at the socket and at Stop().
constexpr std::chrono::milliseconds kTurn{100};

// What connections share with the server; touched on the Run() thread only.
struct Core {
  Core(Transport& device_in, CosimServer::Options options_in)
      : device(device_in), options(std::move(options_in)) {}

  void Emit(CosimServerEvent::Kind kind, const std::string& peer, const std::string& detail) {
    if (options.on_event) options.on_event(CosimServerEvent{kind, peer, detail});
  }

  asio::io_context io;  // first: outlives every socket and timer below and in connections
  Transport& device;
  CosimServer::Options options;
  bool stopping = false;
  // Set by Stop() (any thread, signal handlers): seen between pipelined frames, before the
  // wake-up pipe's handler can run.
  std::atomic<bool> stop_requested{false};
  std::weak_ptr<Connection> active;                    // the client being served
  std::vector<std::weak_ptr<Connection>> connections;  // all open ones, closed by Stop()
};

// One accepted socket: either the served client (Serve) or a refused one (Refuse). Kept alive
// by the handlers of its pending operations.
class Connection : public std::enable_shared_from_this<Connection> {
 public:
  Connection(Core& core, tcp::socket socket)
      : core_(core), socket_(std::move(socket)), deadline_(core.io), peer_(PeerName()) {
    error_code ignored;
    // Request/reply traffic: a reply must not wait for Nagle's algorithm.
    socket_.set_option(tcp::no_delay(true), ignored);
  }

  const std::string& peer() const { return peer_; }

  void Serve() {
    serving_ = true;
    core_.Emit(CosimServerEvent::Kind::kConnected, peer_, "");
    if (core_.options.reset_on_connect) {
      try {
        core_.device.PowerCycle();
      } catch (const std::exception& error) {
        const std::string message = std::string("cannot reset the device: ") + error.what();
        Release(message);
        SendLastAndClose(cosim::EncodeReply(cosim::ErrorFrame{message}));
        return;
      }
    }
    ReadMore();
  }

  void Refuse(const std::string& message) {
    core_.Emit(CosimServerEvent::Kind::kRefused, peer_, message);
    SendLastAndClose(cosim::EncodeReply(cosim::ErrorFrame{message}));
  }

  // Stop(): no more device calls for this client.
  void Close(const std::string& reason) {
    Release(reason);
    CloseSocket();
  }

 private:
  std::string PeerName() const {
    error_code ec;
    const tcp::endpoint peer = socket_.remote_endpoint(ec);
    return ec ? "unknown peer" : EndpointName(peer);
  }

  void ReadMore() {
    if (reader_.partial()) {
      ArmDeadline("timed out inside a frame");
    } else if (core_.options.idle_timeout.count() > 0) {
      ArmDeadline("idle for " + std::to_string(core_.options.idle_timeout.count()) + " ms",
                  core_.options.idle_timeout);
    } else {
      deadline_.cancel();
    }
    socket_.async_read_some(
        asio::buffer(read_buffer_),
        [self = shared_from_this()](error_code ec, size_t bytes) { self->OnRead(ec, bytes); });
  }

  void OnRead(error_code ec, size_t bytes) {
    if (core_.stopping || !serving_) return;
    if (ec) {
      std::string why = ec == asio::error::eof ? "disconnected" : "read failed: " + ec.message();
      if (reader_.partial()) {
        why += " mid-frame (" + std::to_string(reader_.buffered()) + " bytes dropped)";
      }
      Close(why);
      return;
    }
    reader_.Feed(std::span<const uint8_t>(read_buffer_.data(), bytes));
    ProcessFrames(/*just_read=*/true);
  }

  // Answers every complete frame received, then sends the replies together (or reads on).
  // just_read: the client was there a moment ago (its first frame runs unchecked).
  void ProcessFrames(bool just_read) {
    const auto turn_start = std::chrono::steady_clock::now();
    bool first = just_read;
    try {
      while (std::optional<cosim::Frame> frame = reader_.Next()) {
        // Between pipelined frames: a stop or a client that left ends the work it queued (one
        // packet of WAIT_IRQ frames could otherwise keep the device busy for days).
        if (!first) {
          if (core_.stop_requested.load()) return;  // the wake-up handler closes everything
          if (PeerGone()) {
            Close("disconnected; its pipelined frames were not run");
            return;
          }
        }
        first = false;
        const cosim::Request request = cosim::DecodeRequest(*frame);
        if (const auto* hello = std::get_if<cosim::HelloRequest>(&request)) {
          if (hello->version != cosim::kProtocolVersion) {
            throw cosim::ProtocolError(
                "unsupported protocol version " + std::to_string(hello->version) +
                "; this server speaks version " + std::to_string(cosim::kProtocolVersion));
          }
          greeted_ = true;
        } else if (!greeted_) {
          throw cosim::ProtocolError("expected HELLO first, got " +
                                     cosim::FrameTypeName(frame->type));
        }
        if (std::holds_alternative<cosim::ByeRequest>(request)) {
          Release("said BYE");
          SendLastAndClose(cosim::EncodeReply(cosim::ByeReply{}));
          return;
        }
        const std::vector<uint8_t> reply = cosim::EncodeReply(Handle(request));
        outbox_.insert(outbox_.end(), reply.begin(), reply.end());
        // Pipelined READs could otherwise queue gigabytes of replies from one 64 KiB read;
        // the frames still buffered are answered once this much has been sent. Replies also go
        // out after a turn of kTurn, so that a client sees answers while it pipelines waits.
        if (outbox_.size() >= cosim::kMaxPayloadBytes ||
            std::chrono::steady_clock::now() - turn_start >= kTurn) {
          break;
        }
      }
    } catch (const cosim::ProtocolError& error) {
      // Replies to the frames before the bad one still go out, ahead of the ERROR frame.
      Release(std::string("protocol error: ") + error.what());
      SendLastAndClose(cosim::EncodeReply(cosim::ErrorFrame{error.what()}));
      return;
    }
    if (outbox_.empty()) {
      ReadMore();
      return;
    }
    ArmDeadline("timed out sending a reply");
    asio::async_write(socket_, asio::buffer(outbox_),
                      [self = shared_from_this()](error_code ec, size_t) {
                        if (self->core_.stopping || !self->serving_) return;
                        if (ec) {
                          self->Close("write failed: " + ec.message());
                          return;
                        }
                        self->outbox_.clear();
                        self->ProcessFrames(false);  // pipelined frames already received
                      });
  }

  // The device call of one request. Runs to completion whatever the socket does meanwhile.
  cosim::Reply Handle(const cosim::Request& request) {
    Transport& device = core_.device;
    try {
      return std::visit(
          Overloaded{
              [&](const cosim::HelloRequest&) -> cosim::Reply {
                return cosim::HelloReply{cosim::kProtocolVersion, core_.options.identity};
              },
              [&](const cosim::ReadRequest& read) -> cosim::Reply {
                cosim::ReadReply reply;
                reply.words.resize(read.count);
                reply.response = device.Read(read.address, reply.words);
                return reply;
              },
              [&](const cosim::WriteRequest& write) -> cosim::Reply {
                return cosim::WriteReply{device.Write(write.address, write.words)};
              },
              [&](const cosim::WaitIrqRequest& wait) -> cosim::Reply {
                return cosim::WaitIrqReply{
                    device.WaitForInterrupt(std::chrono::milliseconds(wait.timeout_ms))};
              },
              [&](const cosim::IrqLineRequest&) -> cosim::Reply {
                return cosim::IrqLineReply{device.InterruptLine()};
              },
              [&](const cosim::PowerCycleRequest&) -> cosim::Reply {
                device.PowerCycle();
                return cosim::PowerCycleReply{};
              },
              [&](const cosim::CyclesRequest&) -> cosim::Reply {
                return cosim::CyclesReply{device.Cycles()};
              },
              [&](const cosim::ByeRequest&) -> cosim::Reply { return cosim::ByeReply{}; },
          },
          request);
    } catch (const std::exception& error) {
      return cosim::DeviceErrorReply{cosim::RequestType(request), error.what()};
    }
  }

  // Sends what is queued plus `last`, then closes without a reset: the write side is shut down
  // and input is drained until the client closes (or the timeout). Closing with unread input
  // would send a reset, which can destroy the last frame before the client reads it.
  void SendLastAndClose(const std::vector<uint8_t>& last) {
    outbox_.insert(outbox_.end(), last.begin(), last.end());
    ArmDeadline("");
    asio::async_write(socket_, asio::buffer(outbox_),
                      [self = shared_from_this()](error_code ec, size_t) {
                        if (ec || self->core_.stopping) {
                          self->CloseSocket();
                          return;
                        }
                        error_code ignored;
                        self->socket_.shutdown(tcp::socket::shutdown_send, ignored);
                        self->Drain();
                      });
  }

  void Drain() {
    socket_.async_read_some(asio::buffer(read_buffer_),
                            [self = shared_from_this()](error_code ec, size_t) {
                              if (ec || self->core_.stopping) {
                                self->CloseSocket();
                                return;
                              }
                              self->Drain();
                            });
  }

  // Whether the client has closed its end (nothing left to read but the end of the stream).
  bool PeerGone() {
    uint8_t byte = 0;
    const ssize_t got =
        ::recv(socket_.native_handle(), &byte, 1, MSG_PEEK | MSG_DONTWAIT | MSG_NOSIGNAL);
    return got == 0 || (got < 0 && errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR);
  }

  // No progress within `limit` (io_timeout unless given): drop the connection (`reason` when it
  // holds the slot).
  void ArmDeadline(std::string reason, std::chrono::milliseconds limit = {}) {
    deadline_.expires_after(limit.count() > 0 ? limit : core_.options.io_timeout);
    deadline_.async_wait([self = shared_from_this(), reason = std::move(reason)](error_code ec) {
      // A re-armed timer whose old expiry had already fired still runs this handler once.
      if (ec || self->deadline_.expiry() > asio::steady_timer::clock_type::now()) return;
      self->Close(reason);
    });
  }

  // Frees the server for the next client. Before the last frame goes out, so that a client
  // that has read it can connect again at once.
  void Release(const std::string& reason) {
    if (!serving_) return;
    serving_ = false;
    if (core_.active.lock().get() == this) core_.active.reset();
    core_.Emit(CosimServerEvent::Kind::kClosed, peer_, reason);
  }

  void CloseSocket() {
    error_code ignored;
    socket_.close(ignored);
    deadline_.cancel();
  }

  Core& core_;
  tcp::socket socket_;
  asio::steady_timer deadline_;
  std::string peer_;
  cosim::FrameReader reader_{cosim::IsRequestType};
  std::array<uint8_t, 64 * 1024> read_buffer_{};
  std::vector<uint8_t> outbox_;
  bool serving_ = false;  // holds the server's one client slot
  bool greeted_ = false;
};

}  // namespace

class CosimServer::Impl {
 public:
  Impl(Transport& device, Options options)
      : core_(device, std::move(options)),
        acceptor_(core_.io),
        retry_timer_(core_.io),
        wake_reader_(core_.io) {
    const Options& opts = core_.options;
    if (opts.identity.size() > cosim::kMaxTextBytes) {
      throw std::invalid_argument(
          "cosim server: identity of " + std::to_string(opts.identity.size()) +
          " bytes exceeds the maximum of " + std::to_string(cosim::kMaxTextBytes));
    }
    error_code ec;
    asio::ip::address address = asio::ip::make_address(opts.address, ec);
    if (ec) {
      // A host name (localhost): its first address.
      tcp::resolver resolver(core_.io);
      const auto found = resolver.resolve(opts.address, std::to_string(opts.port), ec);
      if (ec || found.empty()) {
        throw std::invalid_argument("cosim server: '" + opts.address +
                                    "' is neither an IP address nor a host name this machine "
                                    "resolves: " +
                                    ec.message());
      }
      address = found.begin()->endpoint().address();
    }
    const tcp::endpoint endpoint(address, opts.port);
    const auto check = [&](const char* step) {
      if (ec) {
        throw std::runtime_error("cosim server: cannot listen on " + EndpointName(endpoint) + " (" +
                                 step + "): " + ec.message());
      }
    };
    acceptor_.open(endpoint.protocol(), ec);
    check("socket");
    // Lets a restarted server reuse its port while old connections linger in TIME_WAIT; a port
    // another process listens on still fails.
    acceptor_.set_option(tcp::acceptor::reuse_address(true), ec);
    check("setsockopt");
    acceptor_.bind(endpoint, ec);
    check("bind");
    acceptor_.listen(asio::socket_base::max_listen_connections, ec);
    check("listen");
    port_ = acceptor_.local_endpoint().port();
    address_ = address.to_string();

    int fds[2];
    // Non-blocking write end: Stop() in a signal handler must never block.
    if (::pipe2(fds, O_CLOEXEC | O_NONBLOCK) != 0) {
      throw std::system_error(errno, std::generic_category(), "cosim server: pipe2");
    }
    wake_reader_.assign(fds[0]);
    wake_writer_.reset(fds[1]);
  }

  uint16_t port() const { return port_; }
  const std::string& address() const { return address_; }

  void Run() {
    if (ran_) throw std::logic_error("CosimServer::Run called twice");
    ran_ = true;
    wake_reader_.async_read_some(asio::buffer(wake_byte_), [this](error_code ec, size_t) {
      if (ec != asio::error::operation_aborted) StopNow();
    });
    Accept();
    core_.io.run();  // returns when StopNow() has closed everything and the handlers drained
  }

  void Stop() noexcept {
    core_.stop_requested.store(true);
    const char byte = 1;
    const ssize_t written = ::write(wake_writer_.get(), &byte, 1);
    static_cast<void>(written);  // a full pipe already holds a wake-up
  }

 private:
  void Accept() {
    acceptor_.async_accept([this](error_code ec, tcp::socket socket) {
      if (core_.stopping) return;
      if (ec) {
        // Out of descriptors and the like: try again a little later rather than spin.
        retry_timer_.expires_after(std::chrono::milliseconds(50));
        retry_timer_.async_wait([this](error_code timer_ec) {
          if (!timer_ec && !core_.stopping) Accept();
        });
        return;
      }
      OnAccept(std::move(socket));
      Accept();
    });
  }

  void OnAccept(tcp::socket socket) {
    std::erase_if(core_.connections, [](const auto& weak) { return weak.expired(); });
    auto connection = std::make_shared<Connection>(core_, std::move(socket));
    core_.connections.push_back(connection);
    if (!core_.active.expired()) {
      connection->Refuse("busy: another client is connected");
      return;
    }
    core_.active = connection;
    connection->Serve();
  }

  void StopNow() {
    core_.stopping = true;
    error_code ignored;
    acceptor_.close(ignored);
    retry_timer_.cancel();
    for (const auto& weak : core_.connections) {
      if (const auto connection = weak.lock()) connection->Close("server stopped");
    }
  }

  Core core_;
  tcp::acceptor acceptor_;
  asio::steady_timer retry_timer_;
  asio::posix::stream_descriptor wake_reader_;
  UniqueFd wake_writer_;
  std::array<char, 1> wake_byte_{};
  uint16_t port_ = 0;
  std::string address_;
  bool ran_ = false;
};

CosimServer::CosimServer(Transport& device, Options options)
    : impl_(std::make_unique<Impl>(device, std::move(options))) {}

CosimServer::~CosimServer() = default;

uint16_t CosimServer::port() const { return impl_->port(); }
const std::string& CosimServer::address() const { return impl_->address(); }
void CosimServer::Run() { impl_->Run(); }
void CosimServer::Stop() noexcept { impl_->Stop(); }

}  // namespace edgebert::driver
