#include "id_list.h"

#include <sstream>
#include <stdexcept>

namespace edgebert::app {

model::Encoding EncodingFromIdList(const std::string& list, int seq_len) {
  model::Encoding e;
  std::stringstream s(list);
  std::string item;
  while (std::getline(s, item, ',')) {
    size_t used = 0;
    int id = 0;
    try {
      id = std::stoi(item, &used);
    } catch (const std::logic_error&) {
      throw std::invalid_argument("--ids: '" + item + "' is not a token id");
    }
    if (used != item.size() && item.find_first_not_of(' ', used) != std::string::npos) {
      throw std::invalid_argument("--ids: '" + item + "' is not a token id");
    }
    e.ids.push_back(id);
  }
  if (e.ids.empty() || static_cast<int>(e.ids.size()) > seq_len) {
    throw std::invalid_argument("--ids: 1 to " + std::to_string(seq_len) + " token ids");
  }
  e.length = static_cast<int>(e.ids.size());
  e.attention.assign(e.ids.size(), 1);
  e.ids.resize(static_cast<size_t>(seq_len), 0);
  e.attention.resize(static_cast<size_t>(seq_len), 0);
  e.token_types.assign(static_cast<size_t>(seq_len), 0);
  return e;
}

}  // namespace edgebert::app
