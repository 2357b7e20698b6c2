#include "driver/cosim_protocol.h"

#include <cstdio>
#include <stdexcept>
#include <string_view>
#include <type_traits>

#include "util/hex.h"

namespace edgebert::driver::cosim {
namespace {

template <class... Ts>
struct Overloaded : Ts... {
  using Ts::operator()...;
};
template <class... Ts>
Overloaded(Ts...) -> Overloaded<Ts...>;

// Appends little-endian fields to a frame; the header's length is patched in Finish().
class FrameWriter {
 public:
  explicit FrameWriter(FrameType type) {
    bytes_.resize(kHeaderBytes);
    bytes_[4] = static_cast<uint8_t>(type);
  }
  void U8(uint8_t value) { bytes_.push_back(value); }
  void U32(uint32_t value) {
    for (int shift = 0; shift < 32; shift += 8)
      bytes_.push_back(static_cast<uint8_t>(value >> shift));
  }
  void U64(uint64_t value) {
    for (int shift = 0; shift < 64; shift += 8)
      bytes_.push_back(static_cast<uint8_t>(value >> shift));
  }
  void Words(std::span<const uint32_t> words) {
    bytes_.reserve(bytes_.size() + 4 * words.size());
    for (const uint32_t word : words) U32(word);
  }
  void Text(std::string_view text) { bytes_.insert(bytes_.end(), text.begin(), text.end()); }
  std::vector<uint8_t> Finish() && {
    const auto length = static_cast<uint32_t>(bytes_.size() - kHeaderBytes);
    for (int i = 0; i < 4; ++i)
      bytes_[static_cast<size_t>(i)] = static_cast<uint8_t>(length >> (8 * i));
    return std::move(bytes_);
  }

 private:
  std::vector<uint8_t> bytes_;
};

// Reads little-endian fields of one payload; every shortfall is a ProtocolError naming the
// frame type.
class PayloadReader {
 public:
  explicit PayloadReader(const Frame& frame) : frame_(frame) {}

  [[noreturn]] void Fail(const std::string& problem) const {
    throw ProtocolError("malformed " + FrameTypeName(frame_.type) + " frame: " + problem);
  }
  void Need(size_t bytes, const char* field) const {
    if (remaining() < bytes) {
      Fail("payload of " + std::to_string(frame_.payload.size()) + " bytes ends inside " + field);
    }
  }
  uint8_t U8(const char* field) {
    Need(1, field);
    return frame_.payload[offset_++];
  }
  uint32_t U32(const char* field) {
    Need(4, field);
    uint32_t value = 0;
    for (int i = 0; i < 4; ++i) value |= uint32_t{frame_.payload[offset_++]} << (8 * i);
    return value;
  }
  uint64_t U64(const char* field) {
    Need(8, field);
    uint64_t value = 0;
    for (int i = 0; i < 8; ++i) value |= uint64_t{frame_.payload[offset_++]} << (8 * i);
    return value;
  }
  std::vector<uint32_t> Words(uint32_t count) {
    if (remaining() != 4 * size_t{count}) {
      Fail("count " + std::to_string(count) + " needs " + std::to_string(4 * size_t{count}) +
           " bytes of words, " + std::to_string(remaining()) + " follow");
    }
    std::vector<uint32_t> words(count);
    for (uint32_t& word : words) word = U32("words");
    return words;
  }
  // The rest of the payload as text.
  std::string Text(const char* field) {
    if (remaining() > kMaxTextBytes) {
      Fail(std::string(field) + " of " + std::to_string(remaining()) +
           " bytes exceeds the maximum of " + std::to_string(kMaxTextBytes));
    }
    std::string text(frame_.payload.begin() + static_cast<std::ptrdiff_t>(offset_),
                     frame_.payload.end());
    offset_ = frame_.payload.size();
    return text;
  }
  void End() const {
    if (remaining() != 0) Fail(std::to_string(remaining()) + " unexpected trailing bytes");
  }
  size_t remaining() const { return frame_.payload.size() - offset_; }

 private:
  const Frame& frame_;
  size_t offset_ = 0;
};

// Checks shared by the encoder (std::invalid_argument) and the decoder (ProtocolError).
// The Transport contract plus the protocol's largest frame.
std::string TransferProblem(uint32_t address, size_t count) {
  if (count > kMaxWords) {
    return "word count " + std::to_string(count) + " exceeds the maximum of " +
           std::to_string(kMaxWords);
  }
  return driver::TransferProblem(address, count);
}

void CheckTransferForEncoding(uint32_t address, size_t count) {
  if (const std::string problem = TransferProblem(address, count); !problem.empty()) {
    throw std::invalid_argument("cosim: " + problem);
  }
}

bool IsBusResponse(uint8_t value) {
  return value == static_cast<uint8_t>(BusResponse::kOkay) ||
         value == static_cast<uint8_t>(BusResponse::kSlvErr) ||
         value == static_cast<uint8_t>(BusResponse::kDecErr);
}

BusResponse DecodeBusResponse(PayloadReader& reader) {
  const uint8_t value = reader.U8("bus response");
  if (!IsBusResponse(value))
    reader.Fail("bus response " + std::to_string(value) + " is not 0, 2 or 3");
  return static_cast<BusResponse>(value);
}

std::string_view Cut(std::string_view text) { return text.substr(0, kMaxTextBytes); }

}  // namespace

std::string FrameTypeName(uint8_t type) {
  switch (static_cast<FrameType>(type)) {
    case FrameType::kHello:
      return "HELLO";
    case FrameType::kRead:
      return "READ";
    case FrameType::kWrite:
      return "WRITE";
    case FrameType::kWaitIrq:
      return "WAIT_IRQ";
    case FrameType::kIrqLine:
      return "IRQ_LINE";
    case FrameType::kPowerCycle:
      return "POWER_CYCLE";
    case FrameType::kCycles:
      return "CYCLES";
    case FrameType::kBye:
      return "BYE";
    case FrameType::kError:
      return "ERROR";
    default:
      break;
  }
  if (IsReplyType(type)) return FrameTypeName(static_cast<uint8_t>(type & ~kReplyBit)) + " reply";
  return "type " + util::Hex(type);
}

bool IsRequestType(uint8_t type) {
  return type >= static_cast<uint8_t>(FrameType::kHello) &&
         type <= static_cast<uint8_t>(FrameType::kBye);
}

bool IsReplyType(uint8_t type) {
  return type == static_cast<uint8_t>(FrameType::kError) ||
         ((type & kReplyBit) != 0 && IsRequestType(static_cast<uint8_t>(type & ~kReplyBit)));
}

FrameType RequestType(const Request& request) {
  return std::visit(Overloaded{
                        [](const HelloRequest&) { return FrameType::kHello; },
                        [](const ReadRequest&) { return FrameType::kRead; },
                        [](const WriteRequest&) { return FrameType::kWrite; },
                        [](const WaitIrqRequest&) { return FrameType::kWaitIrq; },
                        [](const IrqLineRequest&) { return FrameType::kIrqLine; },
                        [](const PowerCycleRequest&) { return FrameType::kPowerCycle; },
                        [](const CyclesRequest&) { return FrameType::kCycles; },
                        [](const ByeRequest&) { return FrameType::kBye; },
                    },
                    request);
}

FrameType ReplyType(const Request& request) {
  return static_cast<FrameType>(static_cast<uint8_t>(RequestType(request)) | kReplyBit);
}

std::vector<uint8_t> EncodeRequest(const Request& request) {
  FrameWriter writer(RequestType(request));
  std::visit(Overloaded{
                 [&](const HelloRequest& hello) { writer.U32(hello.version); },
                 [&](const ReadRequest& read) {
                   CheckTransferForEncoding(read.address, read.count);
                   writer.U32(read.address);
                   writer.U32(read.count);
                 },
                 [&](const WriteRequest& write) {
                   CheckTransferForEncoding(write.address, write.words.size());
                   writer.U32(write.address);
                   writer.U32(static_cast<uint32_t>(write.words.size()));
                   writer.Words(write.words);
                 },
                 [&](const WaitIrqRequest& wait) {
                   if (wait.timeout_ms > kMaxWaitMs) {
                     throw std::invalid_argument(
                         "cosim: WAIT_IRQ timeout of " + std::to_string(wait.timeout_ms) +
                         " ms exceeds the maximum of " + std::to_string(kMaxWaitMs) + " ms");
                   }
                   writer.U32(wait.timeout_ms);
                 },
                 [](const IrqLineRequest&) {},
                 [](const PowerCycleRequest&) {},
                 [](const CyclesRequest&) {},
                 [](const ByeRequest&) {},
             },
             request);
  return std::move(writer).Finish();
}

std::vector<uint8_t> EncodeReply(const Reply& reply) {
  const auto ok = [](FrameType type) {
    FrameWriter writer(type);
    writer.U8(static_cast<uint8_t>(Status::kOk));
    return writer;
  };
  return std::visit(
      Overloaded{
          [&](const HelloReply& hello) {
            if (hello.identity.size() > kMaxTextBytes) {
              throw std::invalid_argument(
                  "cosim: identity of " + std::to_string(hello.identity.size()) +
                  " bytes exceeds the maximum of " + std::to_string(kMaxTextBytes));
            }
            FrameWriter writer = ok(FrameType::kHelloReply);
            writer.U32(hello.version);
            writer.Text(hello.identity);
            return std::move(writer).Finish();
          },
          [&](const ReadReply& read) {
            CheckTransferForEncoding(0, read.words.size());
            FrameWriter writer = ok(FrameType::kReadReply);
            writer.U8(static_cast<uint8_t>(read.response));
            writer.U32(static_cast<uint32_t>(read.words.size()));
            writer.Words(read.words);
            return std::move(writer).Finish();
          },
          [&](const WriteReply& write) {
            FrameWriter writer = ok(FrameType::kWriteReply);
            writer.U8(static_cast<uint8_t>(write.response));
            return std::move(writer).Finish();
          },
          [&](const WaitIrqReply& wait) {
            FrameWriter writer(FrameType::kWaitIrqReply);
            writer.U8(static_cast<uint8_t>(wait.interrupt ? Status::kOk : Status::kTimeout));
            return std::move(writer).Finish();
          },
          [&](const IrqLineReply& line) {
            FrameWriter writer = ok(FrameType::kIrqLineReply);
            writer.U8(line.line ? 1 : 0);
            return std::move(writer).Finish();
          },
          [&](const PowerCycleReply&) { return ok(FrameType::kPowerCycleReply).Finish(); },
          [&](const CyclesReply& cycles) {
            FrameWriter writer = ok(FrameType::kCyclesReply);
            writer.U64(cycles.cycles);
            return std::move(writer).Finish();
          },
          [&](const ByeReply&) { return ok(FrameType::kByeReply).Finish(); },
          [&](const DeviceErrorReply& error) {
            const auto request = static_cast<uint8_t>(error.request);
            if (!IsRequestType(request)) {
              throw std::invalid_argument("cosim: device error for " + FrameTypeName(request) +
                                          ", which is not a request");
            }
            FrameWriter writer(static_cast<FrameType>(request | kReplyBit));
            writer.U8(static_cast<uint8_t>(Status::kError));
            writer.Text(Cut(error.message));
            return std::move(writer).Finish();
          },
          [&](const ErrorFrame& error) {
            FrameWriter writer(FrameType::kError);
            writer.Text(Cut(error.message));
            return std::move(writer).Finish();
          },
      },
      reply);
}

uint32_t DecodePayloadLength(std::span<const uint8_t, kHeaderBytes> header) {
  uint32_t length = 0;
  for (size_t i = 0; i < 4; ++i) length |= uint32_t{header[i]} << (8 * i);
  if (length > kMaxPayloadBytes) {
    throw ProtocolError(FrameTypeName(header[4]) + " frame payload of " + std::to_string(length) +
                        " bytes exceeds the maximum of " + std::to_string(kMaxPayloadBytes));
  }
  return length;
}

Request DecodeRequest(const Frame& frame) {
  if (!IsRequestType(frame.type)) {
    throw ProtocolError("unknown request type " + util::Hex(frame.type));
  }
  PayloadReader reader(frame);
  Request request;
  switch (static_cast<FrameType>(frame.type)) {
    case FrameType::kHello:
      request = HelloRequest{reader.U32("version")};
      break;
    case FrameType::kRead: {
      ReadRequest read;
      read.address = reader.U32("address");
      read.count = reader.U32("count");
      if (const std::string problem = TransferProblem(read.address, read.count); !problem.empty()) {
        reader.Fail(problem);
      }
      request = read;
      break;
    }
    case FrameType::kWrite: {
      WriteRequest write;
      write.address = reader.U32("address");
      const uint32_t count = reader.U32("count");
      if (const std::string problem = TransferProblem(write.address, count); !problem.empty()) {
        reader.Fail(problem);
      }
      write.words = reader.Words(count);
      request = std::move(write);
      break;
    }
    case FrameType::kWaitIrq: {
      const uint32_t timeout_ms = reader.U32("timeout");
      if (timeout_ms > kMaxWaitMs) {
        reader.Fail("timeout of " + std::to_string(timeout_ms) + " ms exceeds the maximum of " +
                    std::to_string(kMaxWaitMs) + " ms");
      }
      request = WaitIrqRequest{timeout_ms};
      break;
    }
    case FrameType::kIrqLine:
      request = IrqLineRequest{};
      break;
    case FrameType::kPowerCycle:
      request = PowerCycleRequest{};
      break;
    case FrameType::kCycles:
      request = CyclesRequest{};
      break;
    default:  // IsRequestType() leaves BYE
      request = ByeRequest{};
      break;
  }
  reader.End();
  return request;
}

Reply DecodeReply(const Frame& frame) {
  if (!IsReplyType(frame.type)) throw ProtocolError("unknown reply type " + util::Hex(frame.type));
  PayloadReader reader(frame);
  const auto type = static_cast<FrameType>(frame.type);
  if (type == FrameType::kError) return ErrorFrame{reader.Text("message")};

  const uint8_t status = reader.U8("status");
  if (status == static_cast<uint8_t>(Status::kError)) {
    return DeviceErrorReply{static_cast<FrameType>(frame.type & ~kReplyBit),
                            reader.Text("message")};
  }
  if (type == FrameType::kWaitIrqReply) {
    if (status != static_cast<uint8_t>(Status::kOk) &&
        status != static_cast<uint8_t>(Status::kTimeout)) {
      reader.Fail("status " + std::to_string(status) + " is not OK, TIMEOUT or ERROR");
    }
    reader.End();
    return WaitIrqReply{status == static_cast<uint8_t>(Status::kOk)};
  }
  if (status != static_cast<uint8_t>(Status::kOk)) {
    reader.Fail("status " + std::to_string(status) + " is not OK or ERROR");
  }

  Reply reply;
  switch (type) {
    case FrameType::kHelloReply: {
      HelloReply hello;
      hello.version = reader.U32("version");
      hello.identity = reader.Text("identity");
      reply = std::move(hello);
      break;
    }
    case FrameType::kReadReply: {
      ReadReply read;
      read.response = DecodeBusResponse(reader);
      const uint32_t count = reader.U32("count");
      if (const std::string problem = TransferProblem(0, count); !problem.empty()) {
        reader.Fail(problem);
      }
      read.words = reader.Words(count);
      reply = std::move(read);
      break;
    }
    case FrameType::kWriteReply:
      reply = WriteReply{DecodeBusResponse(reader)};
      break;
    case FrameType::kIrqLineReply: {
      const uint8_t line = reader.U8("line");
      if (line > 1) reader.Fail("line " + std::to_string(line) + " is not 0 or 1");
      reply = IrqLineReply{line == 1};
      break;
    }
    case FrameType::kPowerCycleReply:
      reply = PowerCycleReply{};
      break;
    case FrameType::kCyclesReply:
      reply = CyclesReply{reader.U64("cycles")};
      break;
    default:  // IsReplyType() leaves BYE reply
      reply = ByeReply{};
      break;
  }
  reader.End();
  return reply;
}

void FrameReader::Feed(std::span<const uint8_t> bytes) {
  // Drop returned frames once they are the larger part of the buffer: amortised O(1) per byte.
  if (consumed_ > 0 && consumed_ >= buffer_.size() / 2) {
    buffer_.erase(buffer_.begin(), buffer_.begin() + static_cast<std::ptrdiff_t>(consumed_));
    consumed_ = 0;
  }
  buffer_.insert(buffer_.end(), bytes.begin(), bytes.end());
}

std::optional<Frame> FrameReader::Next() {
  if (buffered() < kHeaderBytes) return std::nullopt;
  const std::span<const uint8_t, kHeaderBytes> header(buffer_.data() + consumed_, kHeaderBytes);
  const uint32_t length = DecodePayloadLength(header);
  const uint8_t type = header[4];
  if (!accept_type_(type)) throw ProtocolError("unknown frame type " + util::Hex(type));
  if (buffered() < kHeaderBytes + length) return std::nullopt;

  Frame frame;
  frame.type = type;
  const auto begin = buffer_.begin() + static_cast<std::ptrdiff_t>(consumed_ + kHeaderBytes);
  frame.payload.assign(begin, begin + length);
  consumed_ += kHeaderBytes + length;
  if (consumed_ == buffer_.size()) {
    buffer_.clear();
    consumed_ = 0;
  }
  return frame;
}

}  // namespace edgebert::driver::cosim
