// libFuzzer target: the co-simulation protocol's decoders, both directions
// (docs/cosim_protocol.md). The first byte picks the side (even: the server reading requests, odd:
// the client reading replies); the rest is the byte stream, fed in pieces as TCP may deliver it.
// ProtocolError is the expected answer to a bad stream; anything else (another exception, a crash,
// a sanitizer report) is a finding. Every frame that decodes must encode back to the same bytes.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "driver/cosim_protocol.h"

namespace cosim = edgebert::driver::cosim;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const bool requests = data[0] % 2 == 0;
  const std::span<const uint8_t> stream(data + 1, size - 1);
  cosim::FrameReader reader(requests ? cosim::IsRequestType : cosim::IsReplyType);
  try {
    // Pieces of 1, 2, 3 ... bytes: frames split across reads must decode the same.
    size_t at = 0;
    for (size_t piece = 1; at < stream.size(); ++piece) {
      const size_t n = std::min(piece, stream.size() - at);
      reader.Feed(stream.subspan(at, n));
      at += n;
      while (std::optional<cosim::Frame> frame = reader.Next()) {
        std::vector<uint8_t> bytes;
        if (requests) {
          bytes = cosim::EncodeRequest(cosim::DecodeRequest(*frame));
        } else {
          bytes = cosim::EncodeReply(cosim::DecodeReply(*frame));
        }
        // The re-encoded frame is the header (length, type) and the same payload.
        if (bytes.size() != cosim::kHeaderBytes + frame->payload.size() ||
            bytes[4] != frame->type ||
            !std::equal(frame->payload.begin(), frame->payload.end(),
                        bytes.begin() + cosim::kHeaderBytes)) {
          __builtin_trap();
        }
      }
    }
  } catch (const cosim::ProtocolError&) {
  }
  return 0;
}
