// Where each layer's early-exit classifier (off-ramp) comes from.
#pragma once

namespace edgebert::model {

enum class OffRamps {
  kNone,     // no off-ramp: only the final classifier, after the last layer
  kShared,   // the final pooler + classifier after every layer
  kHighway,  // the checkpoint's own per-layer highways (DeeBERT); the last layer uses the final
             // classifier, as DeeBERT does at inference
};

}  // namespace edgebert::model
