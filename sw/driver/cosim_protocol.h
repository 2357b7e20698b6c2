// The co-simulation wire protocol (docs/cosim_protocol.md): length-prefixed little-endian frames
// between TcpTransport (client) and CosimServer (server). Every frame is a u32 payload length, a
// u8 type and the payload. This file is the codec only: messages <-> bytes, with every check the
// document lists. No sockets, so both directions are unit-tested on byte vectors.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <variant>
#include <vector>

#include "driver/transport.h"

namespace edgebert::driver::cosim {

inline constexpr uint32_t kProtocolVersion = 1;
inline constexpr size_t kHeaderBytes = 5;  // u32 payload length, u8 type
// One READ or WRITE moves at most 256 Ki words (1 MiB); a frame's payload has room for that
// plus its fixed fields. A length above kMaxPayloadBytes is rejected before any payload is read.
inline constexpr uint32_t kMaxWords = 256 * 1024;
inline constexpr uint32_t kMaxPayloadBytes = 4 * kMaxWords + 64;
// Longer waits are split by the client, so that the server never blocks in one device call for
// longer than this (it cannot see Stop() or a second client meanwhile).
inline constexpr uint32_t kMaxWaitMs = 60'000;
// Error messages and the server's identity; longer error messages are cut when encoded.
inline constexpr size_t kMaxTextBytes = 4096;

enum class FrameType : uint8_t {
  kHello = 0x01,
  kRead = 0x02,
  kWrite = 0x03,
  kWaitIrq = 0x04,
  kIrqLine = 0x05,
  kPowerCycle = 0x06,
  kCycles = 0x07,
  kBye = 0x08,
  // A reply has the type of its request with bit 7 set.
  kHelloReply = 0x81,
  kReadReply = 0x82,
  kWriteReply = 0x83,
  kWaitIrqReply = 0x84,
  kIrqLineReply = 0x85,
  kPowerCycleReply = 0x86,
  kCyclesReply = 0x87,
  kByeReply = 0x88,
  // The server could not accept the connection or a frame; it closes the connection after it.
  kError = 0xFF,
};
inline constexpr uint8_t kReplyBit = 0x80;

// "HELLO", "READ", ..., "READ reply", "ERROR"; "type 0x42" for a value outside the enum.
std::string FrameTypeName(uint8_t type);
inline std::string FrameTypeName(FrameType type) {
  return FrameTypeName(static_cast<uint8_t>(type));
}
bool IsRequestType(uint8_t type);
bool IsReplyType(uint8_t type);  // a request's reply type or ERROR

// First byte of every reply payload.
enum class Status : uint8_t { kOk = 0, kTimeout = 1, kError = 2 };

// The peer broke the protocol (bad length, unknown type, malformed payload). A TransportError,
// so that a client surfaces it like any other lost connection.
class ProtocolError : public TransportError {
 public:
  using TransportError::TransportError;
};

// ---- Requests (client -> server) ----

struct HelloRequest {
  uint32_t version = kProtocolVersion;
};
struct ReadRequest {
  uint32_t address = 0;
  uint32_t count = 0;  // words, 1 .. kMaxWords
};
struct WriteRequest {
  uint32_t address = 0;
  std::vector<uint32_t> words;  // 1 .. kMaxWords
};
struct WaitIrqRequest {
  uint32_t timeout_ms = 0;  // 0 .. kMaxWaitMs
};
struct IrqLineRequest {};
struct PowerCycleRequest {};
struct CyclesRequest {};
struct ByeRequest {};

using Request = std::variant<HelloRequest, ReadRequest, WriteRequest, WaitIrqRequest,
                             IrqLineRequest, PowerCycleRequest, CyclesRequest, ByeRequest>;

// ---- Replies (server -> client) ----

struct HelloReply {
  uint32_t version = kProtocolVersion;
  std::string identity;  // the accelerator's, at most kMaxTextBytes
};
struct ReadReply {
  BusResponse response = BusResponse::kOkay;
  std::vector<uint32_t> words;  // as many as requested; failed beats read as 0
};
struct WriteReply {
  BusResponse response = BusResponse::kOkay;
};
struct WaitIrqReply {
  bool interrupt = false;  // status OK when the line went high, TIMEOUT otherwise
};
struct IrqLineReply {
  bool line = false;
};
struct PowerCycleReply {};
struct CyclesReply {
  uint64_t cycles = 0;
};
struct ByeReply {};
// Status ERROR: the device raised an exception while serving `request`. The connection stays
// open; the device did whatever it did before failing.
struct DeviceErrorReply {
  FrameType request = FrameType::kHello;
  std::string message;
};
// An ERROR frame: the connection is refused or a frame was rejected; the server closes it.
struct ErrorFrame {
  std::string message;
};

using Reply = std::variant<HelloReply, ReadReply, WriteReply, WaitIrqReply, IrqLineReply,
                           PowerCycleReply, CyclesReply, ByeReply, DeviceErrorReply, ErrorFrame>;

// ---- Frames ----

struct Frame {
  uint8_t type = 0;
  std::vector<uint8_t> payload;
};

// The type a request's reply carries (HELLO -> HELLO reply, ...).
FrameType RequestType(const Request& request);
FrameType ReplyType(const Request& request);

// Whole frames (header and payload). std::invalid_argument for a message the protocol cannot
// carry (count 0 or above kMaxWords, a misaligned address, a wait above kMaxWaitMs, an identity
// above kMaxTextBytes); error messages are cut to kMaxTextBytes instead.
std::vector<uint8_t> EncodeRequest(const Request& request);
std::vector<uint8_t> EncodeReply(const Reply& reply);

// The payload length of a frame header; ProtocolError when it exceeds kMaxPayloadBytes.
uint32_t DecodePayloadLength(std::span<const uint8_t, kHeaderBytes> header);

// ProtocolError naming the frame type and the problem when the frame is not a well-formed
// request (respectively reply).
Request DecodeRequest(const Frame& frame);
Reply DecodeReply(const Frame& frame);

// Splits a byte stream into frames, checking each header as soon as its 5 bytes are in: an
// oversized length or a type that `accept_type` refuses throws ProtocolError without waiting
// for the payload. After an exception the reader is unusable.
class FrameReader {
 public:
  using TypeFilter = bool (*)(uint8_t type);
  explicit FrameReader(TypeFilter accept_type) : accept_type_(accept_type) {}

  void Feed(std::span<const uint8_t> bytes);
  // The next complete frame, or nullopt until more bytes are fed.
  std::optional<Frame> Next();
  // Bytes of an incomplete frame are buffered.
  bool partial() const { return buffered() != 0; }
  size_t buffered() const { return buffer_.size() - consumed_; }

 private:
  TypeFilter accept_type_;
  std::vector<uint8_t> buffer_;
  size_t consumed_ = 0;  // bytes of buffer_ already returned as frames
};

}  // namespace edgebert::driver::cosim
