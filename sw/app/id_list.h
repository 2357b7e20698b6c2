// Inputs given as token ids on the command line (--ids 2,45,3).
#pragma once

#include <string>

#include "model/tokenizer.h"

namespace edgebert::app {

// "2,45,3" as an Encoding of seq_len entries: the ids, then padding (id 0, attention 0); one
// segment. std::invalid_argument for an item that is not an integer or a count outside
// 1..seq_len.
model::Encoding EncodingFromIdList(const std::string& list, int seq_len);

}  // namespace edgebert::app
