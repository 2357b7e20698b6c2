#include "harness/pu_reference_model.h"

#include "Vpu_ref.h"
#include "harness/pu_harness.h"

namespace edgebert::sim {

class ReferencePu::Impl : public UnitHarness<Vpu_ref> {
 public:
  using UnitHarness<Vpu_ref>::UnitHarness;
};

ReferencePu::ReferencePu(golden::VectorMemory& uab, golden::VectorMemory& wsram,
                         golden::AuxMemory& aux)
    : impl_(std::make_unique<Impl>(kReferencePuLimits.lanes, uab, wsram, aux)) {}

ReferencePu::~ReferencePu() = default;

PuRun ReferencePu::Run(const golden::Descriptor& words, uint64_t max_cycles) {
  return impl_->Run(words, max_cycles);
}

int64_t ReferencePu::LastWriteCycle(uint32_t vector) const { return impl_->LastWriteCycle(vector); }

}  // namespace edgebert::sim
