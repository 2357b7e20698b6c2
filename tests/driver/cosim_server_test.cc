// CosimServer serving a FakeDevice on 127.0.0.1 (a free port) in a server thread, with a
// TcpTransport client (or a raw socket, for what a TcpTransport never sends) in the test thread.
#include "driver/cosim_server.h"

#include <arpa/inet.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <condition_variable>
#include <csignal>
#include <cstring>
#include <memory>
#include <mutex>
#include <numeric>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "driver/cosim_protocol.h"
#include "driver/tcp_transport.h"
#include "fake_device.h"

namespace edgebert::driver {
namespace {

using ::testing::HasSubstr;
using namespace std::chrono_literals;
using testing::FakeDevice;
using Clock = std::chrono::steady_clock;
using Kind = CosimServerEvent::Kind;

// A blocking POSIX socket with a receive timeout: says exactly the bytes a test wants.
class RawClient {
 public:
  explicit RawClient(uint16_t port) : fd_(::socket(AF_INET, SOCK_STREAM, 0)) {
    if (fd_ < 0) throw std::runtime_error("socket failed");
    const timeval timeout{2, 0};
    ::setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(port);
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(fd_, reinterpret_cast<const sockaddr*>(&address), sizeof address) != 0) {
      throw std::runtime_error(std::string("connect failed: ") + std::strerror(errno));
    }
  }
  RawClient(const RawClient&) = delete;
  RawClient& operator=(const RawClient&) = delete;
  ~RawClient() { Close(); }

  void Send(const std::vector<uint8_t>& bytes) {
    ASSERT_EQ(::send(fd_, bytes.data(), bytes.size(), MSG_NOSIGNAL),
              static_cast<ssize_t>(bytes.size()));
  }
  void Close() {
    if (fd_ >= 0) ::close(fd_);
    fd_ = -1;
  }

  // The next frame, decoded as a reply; nullopt at end of stream.
  std::optional<cosim::Reply> Receive() {
    std::vector<uint8_t> header(cosim::kHeaderBytes);
    if (!ReceiveExactly(header)) return std::nullopt;
    cosim::Frame frame;
    frame.type = header[4];
    frame.payload.resize(
        cosim::DecodePayloadLength(std::span<const uint8_t, cosim::kHeaderBytes>(header)));
    if (!ReceiveExactly(frame.payload)) throw std::runtime_error("end of stream inside a frame");
    return cosim::DecodeReply(frame);
  }

  // The message of the next frame, which must be an ERROR frame followed by the close.
  std::string ReceiveErrorAndClose() {
    std::optional<cosim::Reply> reply = Receive();
    if (!reply) return "end of stream instead of an ERROR frame";
    const auto* error = std::get_if<cosim::ErrorFrame>(&*reply);
    if (error == nullptr) return "a reply instead of an ERROR frame";
    if (Receive().has_value()) return "the connection stayed open after: " + error->message;
    return error->message;
  }

  void Hello() {
    Send(cosim::EncodeRequest(cosim::HelloRequest{}));
    std::optional<cosim::Reply> reply = Receive();
    ASSERT_TRUE(reply.has_value());
    ASSERT_TRUE(std::holds_alternative<cosim::HelloReply>(*reply));
  }

 private:
  bool ReceiveExactly(std::vector<uint8_t>& bytes) {
    size_t done = 0;
    while (done < bytes.size()) {
      const ssize_t got = ::recv(fd_, bytes.data() + done, bytes.size() - done, 0);
      if (got == 0 && done == 0) return false;
      if (got <= 0) throw std::runtime_error("recv failed or stream ended inside a frame");
      done += static_cast<size_t>(got);
    }
    return true;
  }

  int fd_;
};

class CosimServerTest : public ::testing::Test {
 protected:
  void SetUp() override { StartServer(2000ms); }

  void TearDown() override { StopServer(); }

  // The tests compare the served device with a reference called directly, so by default the
  // server does not power-cycle the device for each client (CosimServerSessions tests that).
  void StartServer(std::chrono::milliseconds io_timeout, bool reset_on_connect = false,
                   std::chrono::milliseconds idle_timeout = 0ms) {
    CosimServer::Options options;
    options.identity = "fake edgebert";
    options.io_timeout = io_timeout;
    options.reset_on_connect = reset_on_connect;
    options.idle_timeout = idle_timeout;
    options.on_event = [this](const CosimServerEvent& event) {
      const std::lock_guard lock(mutex_);
      events_.push_back(event);
      changed_.notify_all();
    };
    server_ = std::make_unique<CosimServer>(device_, options);
    thread_ = std::thread([this] { server_->Run(); });
  }

  void StopServer() {
    if (!server_) return;
    server_->Stop();
    thread_.join();
    server_.reset();
  }

  uint16_t port() const { return server_->port(); }

  // Waits (at most 5 s) until the server has reported `count` events of `kind`; their last.
  CosimServerEvent WaitForEvent(Kind kind, size_t count = 1) {
    std::unique_lock lock(mutex_);
    std::optional<CosimServerEvent> found;
    changed_.wait_for(lock, 5s, [&] {
      size_t seen = 0;
      for (const CosimServerEvent& event : events_) {
        if (event.kind == kind && ++seen == count) found = event;
      }
      return found.has_value();
    });
    if (!found) throw std::runtime_error("the server did not report the event");
    return *found;
  }

  FakeDevice device_;     // served; touched only by the server thread
  FakeDevice reference_;  // called directly by the test
  std::unique_ptr<CosimServer> server_;
  std::thread thread_;
  std::mutex mutex_;
  std::condition_variable changed_;
  std::vector<CosimServerEvent> events_;
};

// The same call on the served device and on the reference must give the same results.
struct Outcome {
  BusResponse response;
  std::vector<uint32_t> words;
  bool operator==(const Outcome&) const = default;
};

Outcome ReadOn(Transport& transport, uint32_t address, size_t count) {
  Outcome outcome{BusResponse::kOkay, std::vector<uint32_t>(count, 0xAAAA'AAAA)};
  outcome.response = transport.Read(address, outcome.words);
  return outcome;
}

TEST_F(CosimServerTest, HelloCarriesVersionAndIdentity) {
  TcpTransport client("127.0.0.1", port());
  EXPECT_EQ(client.server_version(), cosim::kProtocolVersion);
  EXPECT_EQ(client.server_identity(), "fake edgebert");
  EXPECT_THAT(WaitForEvent(Kind::kConnected).peer, HasSubstr("127.0.0.1:"));
}

TEST_F(CosimServerTest, ReadsWritesBurstsAndBusErrorsMatchTheDevice) {
  TcpTransport client("localhost", port());
  std::vector<uint32_t> burst(3000);
  std::iota(burst.begin(), burst.end(), 0x1000'0000u);
  std::vector<uint32_t> huge(cosim::kMaxWords + 1000);  // split into two READs and WRITEs
  std::iota(huge.begin(), huge.end(), 7u);

  for (Transport* transport :
       {static_cast<Transport*>(&client), static_cast<Transport*>(&reference_)}) {
    SCOPED_TRACE(transport == &client ? "client" : "reference");
    const uint32_t one = 0xCAFEF00D;
    EXPECT_EQ(transport->Write(0x40, std::span(&one, 1)), BusResponse::kOkay);
    EXPECT_EQ(transport->Write(0xF00, burst), BusResponse::kOkay);  // crosses 4 KiB boundaries
    EXPECT_EQ(transport->Write(0x0010'0100, huge), BusResponse::kOkay);
    EXPECT_EQ(transport->Write(FakeDevice::kDecErrBase - 8, burst), BusResponse::kDecErr);
    EXPECT_EQ(transport->Write(FakeDevice::kSlvErr, burst), BusResponse::kSlvErr);
  }
  const auto check_read = [&](uint32_t address, size_t count) {
    SCOPED_TRACE(address);
    const Outcome expected = ReadOn(reference_, address, count);
    EXPECT_EQ(ReadOn(client, address, count), expected);
    return expected;
  };
  EXPECT_EQ(check_read(0x40, 1).words, (std::vector<uint32_t>{0xCAFEF00D}));
  EXPECT_EQ(check_read(0xF00, burst.size()).words, burst);
  EXPECT_EQ(check_read(0x0010'0100, huge.size()).words, huge);
  check_read(0x0, 64);  // partly never written: zeros
  const Outcome decerr = check_read(FakeDevice::kDecErrBase - 8, 4);
  EXPECT_EQ(decerr.response, BusResponse::kDecErr);
  EXPECT_EQ(decerr.words, (std::vector<uint32_t>{burst[0], burst[1], 0, 0}));
  EXPECT_EQ(check_read(FakeDevice::kSlvErr - 4, 3).response, BusResponse::kSlvErr);
  EXPECT_EQ(client.Cycles(), reference_.Cycles());
}

TEST_F(CosimServerTest, BadArgumentsAreRefusedLocallyAndTheConnectionStays) {
  TcpTransport client("127.0.0.1", port());
  std::vector<uint32_t> words(4);
  EXPECT_THROW(client.Read(2, words), std::invalid_argument);
  EXPECT_THROW(client.Read(0, std::span<uint32_t>()), std::invalid_argument);
  EXPECT_THROW(client.Write(0xFFFF'FFF8, std::span<const uint32_t>(words)), std::invalid_argument);
  EXPECT_EQ(client.Read(0, words), BusResponse::kOkay);
}

TEST_F(CosimServerTest, WaitForInterruptReturnsWhenTheLineRises) {
  TcpTransport client("127.0.0.1", port());
  EXPECT_FALSE(client.InterruptLine());
  const uint32_t in_cycles = 1000;
  client.Write(FakeDevice::kIrqRaise, std::span(&in_cycles, 1));
  const uint64_t before = client.Cycles();
  EXPECT_TRUE(client.WaitForInterrupt(5s));
  EXPECT_GE(client.Cycles(), before + in_cycles - 1);
  EXPECT_TRUE(client.InterruptLine());
  const uint32_t clear = 1;
  client.Write(FakeDevice::kIrqClear, std::span(&clear, 1));
  EXPECT_FALSE(client.InterruptLine());
}

TEST_F(CosimServerTest, WaitForInterruptHonoursItsTimeout) {
  TcpTransport::Options options;
  options.io_timeout = 1s;
  TcpTransport client("127.0.0.1", port(), options);
  const Clock::time_point start = Clock::now();
  EXPECT_FALSE(client.WaitForInterrupt(40ms));
  const auto elapsed = Clock::now() - start;
  EXPECT_GE(elapsed, 40ms);
  EXPECT_LT(elapsed, 1s);
  EXPECT_FALSE(client.WaitForInterrupt(0ms));
  EXPECT_FALSE(client.InterruptLine());
}

TEST_F(CosimServerTest, PowerCycleLosesSramKeepsReramAndLowersTheLine) {
  TcpTransport client("127.0.0.1", port());
  for (Transport* transport :
       {static_cast<Transport*>(&client), static_cast<Transport*>(&reference_)}) {
    const std::vector<uint32_t> words = {1, 2, 3};
    const uint32_t now = 0;
    transport->Write(0x100, words);
    transport->Write(FakeDevice::kReramBase, words);
    transport->Write(FakeDevice::kIrqRaise, std::span(&now, 1));
    EXPECT_TRUE(transport->InterruptLine());
    transport->PowerCycle();
    EXPECT_FALSE(transport->InterruptLine());
  }
  EXPECT_EQ(client.Cycles(), reference_.Cycles());
  EXPECT_EQ(ReadOn(client, 0x100, 3), (Outcome{BusResponse::kOkay, {0, 0, 0}}));
  EXPECT_EQ(ReadOn(client, FakeDevice::kReramBase, 3), (Outcome{BusResponse::kOkay, {1, 2, 3}}));
}

TEST_F(CosimServerTest, ADeviceExceptionFailsTheCallNotTheConnection) {
  TcpTransport client("127.0.0.1", port());
  std::vector<uint32_t> words(1);
  try {
    client.Read(FakeDevice::kFault, words);
    FAIL() << "no error";
  } catch (const TransportError& error) {
    EXPECT_THAT(error.what(), HasSubstr("device error in READ: FakeDevice: simulation stopped"));
  }
  EXPECT_EQ(client.Read(0, words), BusResponse::kOkay);
}

TEST_F(CosimServerTest, ASecondClientIsRefusedWhileTheFirstKeepsWorking) {
  TcpTransport first("127.0.0.1", port());
  try {
    TcpTransport second("127.0.0.1", port());
    FAIL() << "the second client was served";
  } catch (const TransportError& error) {
    EXPECT_THAT(error.what(), HasSubstr("busy: another client is connected"));
  }
  RawClient raw(port());
  EXPECT_EQ(raw.ReceiveErrorAndClose(), "busy: another client is connected");
  EXPECT_EQ(WaitForEvent(Kind::kRefused, 2).detail, "busy: another client is connected");

  const uint32_t word = 42;
  EXPECT_EQ(first.Write(0x10, std::span(&word, 1)), BusResponse::kOkay);
  std::vector<uint32_t> back(1);
  first.Read(0x10, back);
  EXPECT_EQ(back[0], 42u);
}

TEST_F(CosimServerTest, TheNextClientIsServedOnceTheFirstSaysBye) {
  { TcpTransport first("127.0.0.1", port()); }
  EXPECT_EQ(WaitForEvent(Kind::kClosed).detail, "said BYE");
  TcpTransport second("127.0.0.1", port());
  EXPECT_EQ(second.Cycles(), 0u);
}

TEST_F(CosimServerTest, AClientThatDisconnectsMidFrameLeavesTheServerServing) {
  {
    RawClient raw(port());
    raw.Hello();
    std::vector<uint8_t> write = cosim::EncodeRequest(cosim::WriteRequest{0x20, {1, 2, 3, 4}});
    write.resize(write.size() / 2);
    raw.Send(write);
  }
  EXPECT_THAT(WaitForEvent(Kind::kClosed).detail, HasSubstr("disconnected mid-frame"));
  TcpTransport next("127.0.0.1", port());
  EXPECT_EQ(ReadOn(next, 0x20, 4), (Outcome{BusResponse::kOkay, {0, 0, 0, 0}}));
}

TEST_F(CosimServerTest, AClientThatDisconnectsMidTransactionLeavesTheDeviceConsistent) {
  {
    RawClient raw(port());
    raw.Hello();
    // The request is complete; the client leaves before its reply.
    raw.Send(cosim::EncodeRequest(cosim::WriteRequest{0x20, {1, 2, 3, 4}}));
    raw.Send(cosim::EncodeRequest(cosim::WaitIrqRequest{20}));
  }
  WaitForEvent(Kind::kClosed);
  TcpTransport next("127.0.0.1", port());
  EXPECT_EQ(ReadOn(next, 0x20, 4), (Outcome{BusResponse::kOkay, {1, 2, 3, 4}}));
}

TEST_F(CosimServerTest, AStalledClientIsDroppedAfterTheIoTimeout) {
  StopServer();
  StartServer(50ms);
  RawClient raw(port());
  raw.Hello();
  raw.Send({3, 0, 0});  // part of a header, then silence
  EXPECT_EQ(WaitForEvent(Kind::kClosed).detail, "timed out inside a frame");
  TcpTransport next("127.0.0.1", port());
  EXPECT_FALSE(next.InterruptLine());
}

TEST_F(CosimServerTest, BadFramesGetAnErrorFrameAndTheConnectionIsClosed) {
  const auto error_for = [&](const std::vector<uint8_t>& bytes, bool hello_first) {
    RawClient raw(port());
    if (hello_first) raw.Hello();
    raw.Send(bytes);
    return raw.ReceiveErrorAndClose();
  };
  // Oversized: refused from the header alone.
  EXPECT_EQ(error_for({0x41, 0x00, 0x10, 0x00, 0x03}, true),
            "WRITE frame payload of 1048641 bytes exceeds the maximum of 1048640");
  EXPECT_EQ(error_for({0xFF, 0xFF, 0xFF, 0xFF, 0x02}, false),
            "READ frame payload of 4294967295 bytes exceeds the maximum of 1048640");
  EXPECT_EQ(error_for({0, 0, 0, 0, 0x42}, true), "unknown frame type 0x42");
  EXPECT_EQ(error_for({3, 0, 0, 0, 0x02, 1, 2, 3}, true),
            "malformed READ frame: payload of 3 bytes ends inside address");
  EXPECT_EQ(error_for(cosim::EncodeRequest(cosim::CyclesRequest{}), false),
            "expected HELLO first, got CYCLES");
  EXPECT_EQ(error_for(cosim::EncodeRequest(cosim::HelloRequest{2}), false),
            "unsupported protocol version 2; this server speaks version 1");
  EXPECT_THAT(WaitForEvent(Kind::kClosed, 6).detail, HasSubstr("protocol error: unsupported"));

  // The server keeps running.
  TcpTransport next("127.0.0.1", port());
  EXPECT_EQ(next.server_identity(), "fake edgebert");
}

TEST_F(CosimServerTest, RepliesBeforeABadFrameStillArrive) {
  RawClient raw(port());
  std::vector<uint8_t> bytes = cosim::EncodeRequest(cosim::HelloRequest{});
  const std::vector<uint8_t> bad = {0, 0, 0, 0, 0x42};
  bytes.insert(bytes.end(), bad.begin(), bad.end());
  raw.Send(bytes);
  const std::optional<cosim::Reply> hello = raw.Receive();
  ASSERT_TRUE(hello.has_value());
  EXPECT_TRUE(std::holds_alternative<cosim::HelloReply>(*hello));
  EXPECT_EQ(raw.ReceiveErrorAndClose(), "unknown frame type 0x42");
}

TEST_F(CosimServerTest, PipelinedRequestsAreAnsweredInOrder) {
  RawClient raw(port());
  raw.Hello();
  // Five of the largest READs in one send: more replies than the server queues at once.
  std::vector<uint8_t> bytes;
  for (uint32_t i = 0; i < 5; ++i) {
    const std::vector<uint8_t> read =
        cosim::EncodeRequest(cosim::ReadRequest{FakeDevice::kDecErrEnd - 4 * i, cosim::kMaxWords});
    bytes.insert(bytes.end(), read.begin(), read.end());
  }
  bytes.push_back(0);  // and the start of a frame that never completes
  raw.Send(bytes);
  for (uint32_t i = 0; i < 5; ++i) {
    const std::optional<cosim::Reply> reply = raw.Receive();
    ASSERT_TRUE(reply.has_value());
    const auto& read = std::get<cosim::ReadReply>(*reply);
    EXPECT_EQ(read.words.size(), cosim::kMaxWords);
    EXPECT_EQ(read.response, i == 0 ? BusResponse::kOkay : BusResponse::kDecErr) << i;
  }
}

TEST_F(CosimServerTest, ATakenPortFailsLoudly) {
  FakeDevice other;
  CosimServer::Options options;
  options.port = port();
  try {
    CosimServer second(other, options);
    FAIL() << "bound a taken port";
  } catch (const std::runtime_error& error) {
    EXPECT_THAT(error.what(), HasSubstr("127.0.0.1:" + std::to_string(port())));
    EXPECT_THAT(error.what(), HasSubstr("Address already in use"));
  }
  options.address = "not-an-address";
  EXPECT_THROW(CosimServer(other, options), std::invalid_argument);
}

// `count` WAIT_IRQ frames of `timeout_ms` each, back to back (one send).
std::vector<uint8_t> PipelinedWaits(int count, uint32_t timeout_ms) {
  std::vector<uint8_t> waits;
  for (int i = 0; i < count; ++i) {
    const std::vector<uint8_t> wait = cosim::EncodeRequest(cosim::WaitIrqRequest{timeout_ms});
    waits.insert(waits.end(), wait.begin(), wait.end());
  }
  return waits;
}

// Each client starts on a power-cycled device: what the last one left in SRAM is gone, the
// ReRAM store keeps its words.
TEST_F(CosimServerTest, EachClientStartsOnAPowerCycledDevice) {
  StopServer();
  StartServer(2000ms, /*reset_on_connect=*/true);
  {
    TcpTransport first("127.0.0.1", port());
    ASSERT_EQ(first.Write(0x20, std::vector<uint32_t>{1, 2, 3, 4}), BusResponse::kOkay);
    ASSERT_EQ(first.Write(FakeDevice::kReramBase, std::vector<uint32_t>{7}), BusResponse::kOkay);
  }
  TcpTransport second("127.0.0.1", port());
  EXPECT_EQ(ReadOn(second, 0x20, 4), (Outcome{BusResponse::kOkay, {0, 0, 0, 0}}));
  EXPECT_EQ(ReadOn(second, FakeDevice::kReramBase, 1), (Outcome{BusResponse::kOkay, {7}}));
}

// 100 WAIT_IRQ frames of 1 s each, pipelined in one packet, and the client leaves: the server
// runs the first, sees the client gone and runs no more (it used to run them all: one 64 KiB
// packet was about 121 hours of waits).
TEST_F(CosimServerTest, PipelinedFramesOfAClientThatLeftAreNotRun) {
  const Clock::time_point start = Clock::now();
  {
    RawClient raw(port());
    raw.Hello();
    raw.Send(PipelinedWaits(100, 1000));
  }
  EXPECT_THAT(WaitForEvent(Kind::kClosed).detail, HasSubstr("pipelined frames were not run"));
  TcpTransport next("127.0.0.1", port());
  EXPECT_NO_THROW(next.Cycles());
  EXPECT_LT(Clock::now() - start, 4s);
}

// Stop() (what SIGTERM calls) ends a backlog of pipelined waits between two of them.
TEST_F(CosimServerTest, StopEndsPipelinedWaits) {
  RawClient raw(port());
  raw.Hello();
  raw.Send(PipelinedWaits(100, 500));
  std::this_thread::sleep_for(100ms);  // the first wait is running
  const Clock::time_point start = Clock::now();
  StopServer();
  EXPECT_LT(Clock::now() - start, 2s);
}

// A client that says nothing holds the one slot only until the idle timeout.
TEST_F(CosimServerTest, AnIdleClientIsDroppedAfterTheIdleTimeout) {
  StopServer();
  StartServer(2000ms, false, 100ms);
  RawClient idle(port());
  idle.Hello();
  EXPECT_EQ(WaitForEvent(Kind::kClosed).detail, "idle for 100 ms");
  TcpTransport next("127.0.0.1", port());
  EXPECT_NO_THROW(next.Cycles());
}

// A host name listens on its first address; IPv6 loopback works like IPv4's.
TEST(CosimServerAddresses, AHostNameAndIpv6AreServed) {
  for (const std::string host : {"localhost", "::1"}) {
    FakeDevice device;
    CosimServer::Options options;
    options.address = host;
    options.port = 0;
    CosimServer server(device, options);
    std::thread thread([&] { server.Run(); });
    {
      TcpTransport client(host, server.port());
      EXPECT_NO_THROW(client.Cycles()) << host;
    }
    server.Stop();
    thread.join();
  }
}

TEST_F(CosimServerTest, TheClientFailsWhenTheServerIsGone) {
  TcpTransport::Options options;
  options.io_timeout = 2s;
  TcpTransport client("127.0.0.1", port(), options);
  const uint16_t old_port = port();
  StopServer();
  const Clock::time_point start = Clock::now();
  EXPECT_THROW(client.Cycles(), TransportError);
  EXPECT_LT(Clock::now() - start, 1s);  // the close is seen at once, not after the timeout
  try {
    client.Cycles();
    FAIL() << "no error";
  } catch (const TransportError& error) {
    EXPECT_THAT(error.what(), HasSubstr("closed after an earlier error"));
  }
  EXPECT_THROW(TcpTransport("127.0.0.1", old_port, options), TransportError);
}

TEST_F(CosimServerTest, AServerThatDoesNotAnswerTimesOut) {
  // A listening socket nobody accepts from: connect succeeds, HELLO is never answered.
  const int listener = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ASSERT_EQ(::bind(listener, reinterpret_cast<const sockaddr*>(&address), sizeof address), 0);
  ASSERT_EQ(::listen(listener, 4), 0);
  socklen_t length = sizeof address;
  ::getsockname(listener, reinterpret_cast<sockaddr*>(&address), &length);

  TcpTransport::Options options;
  options.io_timeout = 50ms;
  const Clock::time_point start = Clock::now();
  try {
    TcpTransport client("127.0.0.1", ntohs(address.sin_port), options);
    FAIL() << "connected";
  } catch (const TransportError& error) {
    EXPECT_THAT(error.what(), HasSubstr("timed out waiting for the reply to HELLO"));
  }
  EXPECT_LT(Clock::now() - start, 1s);
  ::close(listener);
}

CosimServer* signalled_server = nullptr;

TEST_F(CosimServerTest, StopWorksFromASignalHandlerAndBeforeRun) {
  signalled_server = server_.get();
  const auto previous = std::signal(SIGUSR1, [](int) { signalled_server->Stop(); });
  std::raise(SIGUSR1);
  thread_.join();
  std::signal(SIGUSR1, previous);
  server_.reset();

  FakeDevice other;
  CosimServer idle(other, CosimServer::Options{});
  idle.Stop();
  idle.Run();  // returns at once
}

}  // namespace
}  // namespace edgebert::driver
