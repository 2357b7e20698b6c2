#include "driver/transport.h"

#include <stdexcept>

#include "util/hex.h"

namespace edgebert::driver {

std::string BusResponseName(BusResponse response) {
  switch (response) {
    case BusResponse::kOkay:
      return "OKAY";
    case BusResponse::kSlvErr:
      return "SLVERR";
    case BusResponse::kDecErr:
      return "DECERR";
  }
  return "response " + std::to_string(static_cast<int>(response));
}

std::string TransferProblem(uint32_t address, size_t words) {
  if (words == 0) return "word count is 0";
  if (address % 4 != 0) return "address " + util::Hex(address) + " is not 4-aligned";
  if (uint64_t{address} + 4 * uint64_t{words} > (uint64_t{1} << 32)) {
    return "address " + util::Hex(address) + " + " + std::to_string(words) +
           " words runs past the end of the 32-bit address space";
  }
  return {};
}

void CheckTransfer(std::string_view who, uint32_t address, size_t words) {
  if (std::string problem = TransferProblem(address, words); !problem.empty()) {
    throw std::invalid_argument(std::string(who) + ": " + problem);
  }
}

}  // namespace edgebert::driver
