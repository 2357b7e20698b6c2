#include "driver/transport.h"

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

}  // namespace edgebert::driver
