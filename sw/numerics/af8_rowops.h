// The global buffer's row operations on AF8 tensors, as exact integer algorithms (the GB RTL
// implements them bit for bit; docs/numerics.md gives the derivations and measured errors).
// Every function takes codes with their exponent biases and re-quantizes with RoundToCode.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

namespace edgebert::af8 {

// Largest exponent-bias difference two operands may have where they are aligned to one scale
// (ADD; LayerNorm's gamma and beta). Past it a command is rejected with BAD_EXPONENT.
inline constexpr int kMaxAlignment = 24;
// LayerNorm epsilon: 2^-40 (9.09e-13; ALBERT uses 1e-12), a power of two so it aligns exactly.
inline constexpr int kLayerNormEpsilonLog2 = -40;
// Span masks are unsigned Q1.7: 128 is 1.0.
inline constexpr int kSpanOne = 128;

// a + b, both exact, re-quantized. Throws std::invalid_argument if |exp_a - exp_b| > kMaxAlignment.
uint8_t Add(uint8_t a, int exp_a, uint8_t b, int exp_b, int exp_out, bool* saturated = nullptr);

// Add on two rows of equal length (std::invalid_argument otherwise), element by element, with
// the saturations counted into *saturations (optional): the GB's ADD on one row.
std::vector<uint8_t> AddRow(std::span<const uint8_t> a, int exp_a, std::span<const uint8_t> b,
                            int exp_b, int exp_out, size_t* saturations = nullptr);

// a + b + c, all exact (each aligned to the smallest of the three biases), rounded once: Add
// extended to three terms (GATHER: word + position + token-type embeddings). Throws
// std::invalid_argument if two of the biases differ by more than kMaxAlignment.
uint8_t Add3(uint8_t a, int exp_a, uint8_t b, int exp_b, uint8_t c, int exp_c, int exp_out,
             bool* saturated = nullptr);

// (x - mean) / sqrt(var + eps) * gamma + beta over one row. gamma, beta and x have equal length.
// Throws std::invalid_argument on length mismatch or |exp_gamma - exp_beta| > kMaxAlignment.
std::vector<uint8_t> LayerNormRow(std::span<const uint8_t> x, int exp_in,
                                  std::span<const uint8_t> gamma, int exp_gamma,
                                  std::span<const uint8_t> beta, int exp_beta, int exp_out,
                                  size_t* saturations = nullptr);

// exp(x - max - LogSumExp) per element (no division) over the first `keys` elements (the keys
// taking part; x.size() for all), then times span[i] / 128 when a span is given (same length as
// x). Elements keys..size-1 (padded keys) take no part in the max or the sum and give code 0x00.
// An all-zero span (over all of it) gives all zeros. Throws std::invalid_argument unless
// 1 <= keys <= x.size() (keys 0 only for an empty row); SOFTMAX's KEYS = 0 means all, mapped by
// the caller.
std::vector<uint8_t> SoftmaxRow(std::span<const uint8_t> x, size_t keys, int exp_in,
                                std::span<const uint8_t> span, int exp_out,
                                size_t* saturations = nullptr);

// Entropy of softmax(logits) in nats, unsigned Q8.24: H = sum_k p_k (log Z - (x_k - max)).
uint32_t EntropyQ24(std::span<const uint8_t> logits, int exp_in);

// An early-exit threshold in nats as the ENTROPY_THRESHOLD register holds it (unsigned Q8.24,
// rounded to nearest): every command-line option and task field goes through this one check.
// Throws std::invalid_argument, naming the value and the range [0, 256) nats, for NaN, infinities,
// negative values and values that round past the register's largest, 0xFFFFFFFF / 2^24.
uint32_t EntropyThresholdQ24(double nats);

}  // namespace edgebert::af8
