// The integer kernel under RunMatmul (pu_golden.cc): exact int64 sums of int16 products on
// packed operands, in blocks of kBlockRows A rows by kPanelColumns B rows (output columns).
//
// Why packed. The operands are decoded to int16 IntegerValues (af8::Product(a, b) is their
// product), and a multiply-add instruction (vpmaddwd, or AVX-512 VNNI's vpdpwssd) multiplies
// int16 pairs and adds each pair into one int32 lane. Holding both operands as pairs of K
// elements (one int32) lets the kernel broadcast an A pair against one vector holding the same
// pair of 16 output columns: 16 independent int32 sums per instruction and no reduction across
// lanes, the form of an outer-product GEMM micro-kernel. Each int32 lane takes kChunkPairs pairs
// before it is added into int64, so nothing can overflow; integer addition is associative, so
// the sum is the one the per-MAC definition (RunMatmulReference) forms.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

namespace edgebert::golden {

// Output columns in a panel of B and A rows in a block of A.
inline constexpr uint32_t kPanelColumns = 16;
inline constexpr uint32_t kBlockRows = 8;

// The instruction sets the kernel is written for; all give the same sums.
enum class MatmulKernel { kPortable, kAvx2, kAvx512Vnni };

const char* Name(MatmulKernel kernel);
// The kernel of that Name; std::invalid_argument for another name.
MatmulKernel MatmulKernelNamed(std::string_view name);
// The kernels this CPU can run, slowest first (kPortable always).
std::vector<MatmulKernel> SupportedMatmulKernels();
// The kernel BlockProducts uses: the one the environment variable EDGEBERT_MATMUL_KERNEL names
// (to run a slower kernel on a machine that has a faster one), else the fastest supported,
// until UseMatmulKernel chooses another.
MatmulKernel ActiveMatmulKernel();
// Makes BlockProducts use `kernel` (tests run each in turn); std::invalid_argument when the
// CPU cannot run it. Not for use while commands run on other threads.
void UseMatmulKernel(MatmulKernel kernel);

// Pairs of K elements in a packed row: an odd K is padded with a zero element.
constexpr uint32_t PackedPairs(uint32_t k) { return (k + 1) / 2; }

// Packs `count` <= kPanelColumns B rows (k int16 each, row r at rows + r * stride) into a
// panel of PackedPairs(k) * kPanelColumns words: pair t of row c at panel[t * kPanelColumns +
// c], element 2t in the low half. Absent rows are zero.
void PackPanel(const int16_t* rows, size_t stride, uint32_t count, uint32_t k, int32_t* panel);

// Packs `count` <= kBlockRows A rows the same way into a block of PackedPairs(k) * kBlockRows
// words: pair t of row r at block[t * kBlockRows + r].
void PackBlock(const int16_t* rows, size_t stride, uint32_t count, uint32_t k, int32_t* block);

// out[r * kPanelColumns + c] = sum over the `pairs` pairs of A row r times B row c, for every
// r < kBlockRows and c < kPanelColumns (padding rows and columns give 0).
void BlockProducts(const int32_t* block, const int32_t* panel, uint32_t pairs, int64_t* out);

}  // namespace edgebert::golden
