#include "driver/cosim_protocol.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <vector>

namespace edgebert::driver::cosim {
namespace {

using ::testing::HasSubstr;

Frame ToFrame(const std::vector<uint8_t>& bytes) {
  FrameReader reader([](uint8_t) { return true; });
  reader.Feed(bytes);
  std::optional<Frame> frame = reader.Next();
  EXPECT_TRUE(frame.has_value());
  EXPECT_FALSE(reader.partial());
  return frame.value_or(Frame{});
}

Frame MakeFrame(FrameType type, std::vector<uint8_t> payload) {
  return Frame{static_cast<uint8_t>(type), std::move(payload)};
}

std::string RequestError(const Frame& frame) {
  try {
    DecodeRequest(frame);
  } catch (const ProtocolError& error) {
    return error.what();
  }
  return "no error";
}

std::string ReplyError(const Frame& frame) {
  try {
    DecodeReply(frame);
  } catch (const ProtocolError& error) {
    return error.what();
  }
  return "no error";
}

TEST(CosimProtocolTest, ReadRequestBytesAreLittleEndian) {
  EXPECT_EQ(EncodeRequest(ReadRequest{0x12345678, 3}),
            (std::vector<uint8_t>{8, 0, 0, 0, 0x02, 0x78, 0x56, 0x34, 0x12, 3, 0, 0, 0}));
  EXPECT_EQ(EncodeRequest(ByeRequest{}), (std::vector<uint8_t>{0, 0, 0, 0, 0x08}));
  EXPECT_EQ(EncodeReply(CyclesReply{0x0102030405060708}),
            (std::vector<uint8_t>{9, 0, 0, 0, 0x87, 0, 8, 7, 6, 5, 4, 3, 2, 1}));
}

TEST(CosimProtocolTest, TheDocumentedExampleBytes) {
  // docs/cosim_protocol.md, "A session".
  EXPECT_EQ(EncodeRequest(ReadRequest{0x40, 1}),
            (std::vector<uint8_t>{0x08, 0, 0, 0, 0x02, 0x40, 0, 0, 0, 0x01, 0, 0, 0}));
  EXPECT_EQ(
      EncodeReply(ReadReply{BusResponse::kOkay, {0xCAFEF00D}}),
      (std::vector<uint8_t>{0x0a, 0, 0, 0, 0x82, 0, 0, 0x01, 0, 0, 0, 0x0d, 0xf0, 0xfe, 0xca}));
}

TEST(CosimProtocolTest, RequestsRoundTrip) {
  const std::vector<Request> requests = {
      HelloRequest{kProtocolVersion},
      ReadRequest{0x100, 7},
      WriteRequest{0xFFFF'FFF8, {1, 0xDEADBEEF}},
      WaitIrqRequest{kMaxWaitMs},
      IrqLineRequest{},
      PowerCycleRequest{},
      CyclesRequest{},
      ByeRequest{},
  };
  for (const Request& request : requests) {
    const Frame frame = ToFrame(EncodeRequest(request));
    EXPECT_EQ(frame.type, static_cast<uint8_t>(RequestType(request)));
    const Request decoded = DecodeRequest(frame);
    ASSERT_EQ(decoded.index(), request.index());
    EXPECT_EQ(EncodeRequest(decoded), EncodeRequest(request));
  }
  const auto write = std::get<WriteRequest>(DecodeRequest(ToFrame(EncodeRequest(requests[2]))));
  EXPECT_EQ(write.address, 0xFFFF'FFF8u);
  EXPECT_EQ(write.words, (std::vector<uint32_t>{1, 0xDEADBEEF}));
}

TEST(CosimProtocolTest, RepliesRoundTrip) {
  const std::vector<Reply> replies = {
      HelloReply{kProtocolVersion, "edgebert soc"},
      ReadReply{BusResponse::kDecErr, {5, 0, 0}},
      WriteReply{BusResponse::kSlvErr},
      WaitIrqReply{true},
      WaitIrqReply{false},
      IrqLineReply{true},
      PowerCycleReply{},
      CyclesReply{1234567890123},
      ByeReply{},
      DeviceErrorReply{FrameType::kRead, "simulation stopped"},
      ErrorFrame{"busy: another client is connected"},
  };
  for (const Reply& reply : replies) {
    const std::vector<uint8_t> bytes = EncodeReply(reply);
    const Reply decoded = DecodeReply(ToFrame(bytes));
    ASSERT_EQ(decoded.index(), reply.index());
    EXPECT_EQ(EncodeReply(decoded), bytes);
  }
  const auto read = std::get<ReadReply>(DecodeReply(ToFrame(EncodeReply(replies[1]))));
  EXPECT_EQ(read.response, BusResponse::kDecErr);
  EXPECT_EQ(read.words, (std::vector<uint32_t>{5, 0, 0}));
  EXPECT_EQ(std::get<ErrorFrame>(DecodeReply(ToFrame(EncodeReply(replies[10])))).message,
            "busy: another client is connected");
  const auto error = std::get<DeviceErrorReply>(DecodeReply(ToFrame(EncodeReply(replies[9]))));
  EXPECT_EQ(error.request, FrameType::kRead);
  EXPECT_EQ(error.message, "simulation stopped");
  // TIMEOUT is WAIT_IRQ's status byte.
  EXPECT_EQ(EncodeReply(WaitIrqReply{false}).back(), static_cast<uint8_t>(Status::kTimeout));
}

TEST(CosimProtocolTest, LargestTransfersFit) {
  const std::vector<uint8_t> write =
      EncodeRequest(WriteRequest{0, std::vector<uint32_t>(kMaxWords, 7)});
  EXPECT_LE(write.size() - kHeaderBytes, kMaxPayloadBytes);
  EXPECT_EQ(std::get<WriteRequest>(DecodeRequest(ToFrame(write))).words.size(), kMaxWords);
  const std::vector<uint8_t> read =
      EncodeReply(ReadReply{BusResponse::kOkay, std::vector<uint32_t>(kMaxWords, 7)});
  EXPECT_LE(read.size() - kHeaderBytes, kMaxPayloadBytes);
}

TEST(CosimProtocolTest, EncoderRefusesWhatTheProtocolCannotCarry) {
  EXPECT_THROW(EncodeRequest(ReadRequest{0, 0}), std::invalid_argument);
  EXPECT_THROW(EncodeRequest(ReadRequest{0, kMaxWords + 1}), std::invalid_argument);
  EXPECT_THROW(EncodeRequest(ReadRequest{2, 1}), std::invalid_argument);
  EXPECT_THROW(EncodeRequest(ReadRequest{0xFFFF'FFFC, 2}), std::invalid_argument);
  EXPECT_THROW(EncodeRequest(WriteRequest{0, {}}), std::invalid_argument);
  EXPECT_THROW(EncodeRequest(WaitIrqRequest{kMaxWaitMs + 1}), std::invalid_argument);
  EXPECT_THROW(EncodeReply(HelloReply{1, std::string(kMaxTextBytes + 1, 'x')}),
               std::invalid_argument);
  // Error messages are cut instead: an error must always be reportable.
  const std::vector<uint8_t> error = EncodeReply(ErrorFrame{std::string(10000, 'e')});
  EXPECT_EQ(error.size(), kHeaderBytes + kMaxTextBytes);
}

TEST(CosimProtocolTest, MalformedRequestsNameTheProblem) {
  EXPECT_THAT(RequestError(MakeFrame(FrameType::kRead, {1, 2, 3})),
              HasSubstr("malformed READ frame: payload of 3 bytes ends inside address"));
  EXPECT_THAT(RequestError(MakeFrame(FrameType::kRead, {0, 0, 0, 0, 0, 0, 0, 0})),
              HasSubstr("malformed READ frame: word count is 0"));
  EXPECT_THAT(RequestError(MakeFrame(FrameType::kRead, {2, 0, 0, 0, 1, 0, 0, 0})),
              HasSubstr("address 0x2 is not 4-aligned"));
  EXPECT_THAT(RequestError(MakeFrame(FrameType::kRead, {0, 0, 0, 0, 1, 0, 0x04, 0})),
              HasSubstr("word count 262145 exceeds the maximum of 262144"));
  EXPECT_THAT(RequestError(MakeFrame(FrameType::kRead, {0xFC, 0xFF, 0xFF, 0xFF, 2, 0, 0, 0})),
              HasSubstr("runs past the end of the 32-bit address space"));
  EXPECT_THAT(RequestError(MakeFrame(FrameType::kWrite, {0, 0, 0, 0, 2, 0, 0, 0, 1, 0, 0, 0})),
              HasSubstr("malformed WRITE frame: count 2 needs 8 bytes of words, 4 follow"));
  EXPECT_THAT(RequestError(MakeFrame(FrameType::kCycles, {0})),
              HasSubstr("malformed CYCLES frame: 1 unexpected trailing bytes"));
  EXPECT_THAT(RequestError(MakeFrame(FrameType::kWaitIrq, {0x61, 0xEA, 0, 0})),
              HasSubstr("timeout of 60001 ms exceeds the maximum of 60000 ms"));
  EXPECT_THAT(RequestError(Frame{0x42, {}}), HasSubstr("unknown request type 0x42"));
  EXPECT_THAT(RequestError(MakeFrame(FrameType::kReadReply, {})),
              HasSubstr("unknown request type 0x82"));
}

TEST(CosimProtocolTest, MalformedRepliesNameTheProblem) {
  EXPECT_THAT(ReplyError(MakeFrame(FrameType::kReadReply, {0, 1, 1, 0, 0, 0, 9, 0, 0, 0})),
              HasSubstr("malformed READ reply frame: bus response 1 is not 0, 2 or 3"));
  EXPECT_THAT(ReplyError(MakeFrame(FrameType::kWriteReply, {1, 0})),
              HasSubstr("status 1 is not OK or ERROR"));
  EXPECT_THAT(ReplyError(MakeFrame(FrameType::kWaitIrqReply, {7})),
              HasSubstr("status 7 is not OK, TIMEOUT or ERROR"));
  EXPECT_THAT(ReplyError(MakeFrame(FrameType::kIrqLineReply, {0, 2})),
              HasSubstr("line 2 is not 0 or 1"));
  EXPECT_THAT(ReplyError(MakeFrame(FrameType::kCyclesReply, {0, 1, 2})),
              HasSubstr("payload of 3 bytes ends inside cycles"));
  EXPECT_THAT(ReplyError(MakeFrame(FrameType::kHelloReply, {})),
              HasSubstr("payload of 0 bytes ends inside status"));
  EXPECT_THAT(ReplyError(Frame{0x02, {}}), HasSubstr("unknown reply type 0x2"));
}

TEST(CosimProtocolTest, FrameReaderSplitsAStreamFedByteByByte) {
  std::vector<uint8_t> stream = EncodeRequest(HelloRequest{});
  const std::vector<uint8_t> write = EncodeRequest(WriteRequest{8, {1, 2, 3}});
  stream.insert(stream.end(), write.begin(), write.end());
  const std::vector<uint8_t> bye = EncodeRequest(ByeRequest{});
  stream.insert(stream.end(), bye.begin(), bye.end());

  FrameReader reader(IsRequestType);
  std::vector<uint8_t> types;
  for (const uint8_t byte : stream) {
    reader.Feed(std::span<const uint8_t>(&byte, 1));
    while (std::optional<Frame> frame = reader.Next()) types.push_back(frame->type);
  }
  EXPECT_EQ(types, (std::vector<uint8_t>{0x01, 0x03, 0x08}));
  EXPECT_FALSE(reader.partial());

  reader.Feed(std::span<const uint8_t>(write.data(), 6));
  EXPECT_FALSE(reader.Next().has_value());
  EXPECT_TRUE(reader.partial());
  EXPECT_EQ(reader.buffered(), 6u);
}

TEST(CosimProtocolTest, FrameReaderRejectsABadHeaderBeforeItsPayload) {
  FrameReader oversized(IsRequestType);
  oversized.Feed(std::vector<uint8_t>{0x41, 0x00, 0x10, 0x00, 0x03});  // 1 MiB + 65
  try {
    oversized.Next();
    FAIL() << "no error";
  } catch (const ProtocolError& error) {
    EXPECT_STREQ(error.what(),
                 "WRITE frame payload of 1048641 bytes exceeds the maximum of 1048640");
  }

  FrameReader unknown(IsRequestType);
  unknown.Feed(std::vector<uint8_t>{0x10, 0, 0, 0, 0x42});
  EXPECT_THROW(
      {
        try {
          unknown.Next();
        } catch (const ProtocolError& error) {
          EXPECT_STREQ(error.what(), "unknown frame type 0x42");
          throw;
        }
      },
      ProtocolError);
  // A protocol error is a TransportError to the client.
  EXPECT_THROW(DecodeRequest(Frame{0x42, {}}), TransportError);
}

TEST(CosimProtocolTest, TypeNames) {
  EXPECT_EQ(FrameTypeName(FrameType::kWaitIrq), "WAIT_IRQ");
  EXPECT_EQ(FrameTypeName(FrameType::kPowerCycleReply), "POWER_CYCLE reply");
  EXPECT_EQ(FrameTypeName(FrameType::kError), "ERROR");
  EXPECT_EQ(FrameTypeName(0x42), "type 0x42");
  EXPECT_TRUE(IsReplyType(0xFF));
  EXPECT_FALSE(IsReplyType(0x89));
  EXPECT_FALSE(IsRequestType(0x00));
}

}  // namespace
}  // namespace edgebert::driver::cosim
