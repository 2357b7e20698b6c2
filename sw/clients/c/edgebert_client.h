/* A C99 client for the EdgeBERT co-simulation protocol (docs/cosim_protocol.md) over POSIX
 * sockets, and a runner for the job files `edgebert export-job` writes (sw/clients/README.md).
 *
 * eb_client_* speak the protocol. eb_job_run does for one job what the C++ firmware
 * (sw/firmware/inference.cc) does: it pushes each stage's commands through the command queue with
 * the same flow control and interrupt handling, stops on an early exit and reads the logits, with
 * the same bus accesses in the same order, so the accelerator spends the same cycles.
 *
 * Every function returning int returns 0 on success and -1 on failure, with a message in the
 * client's (or the job's) error buffer. Not thread-safe: one client per thread. */
#ifndef EDGEBERT_CLIENT_H_
#define EDGEBERT_CLIENT_H_

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define EB_PROTOCOL_VERSION 1u
#define EB_MAX_WORDS (256u * 1024u) /* words in one READ or WRITE */
#define EB_MAX_WAIT_MS 60000u       /* one WAIT_IRQ */
#define EB_MAX_LABELS 32
#define EB_MAX_STAGES 65

typedef struct eb_client {
  int fd;
  unsigned timeout_ms;
  char identity[256];
  char error[512];
} eb_client;

/* Connects to HOST:PORT and says HELLO. On failure client->error says why. */
int eb_client_connect(eb_client* client, const char* host, const char* port, unsigned timeout_ms);
/* BYE and close; safe on a client that failed to connect. */
void eb_client_close(eb_client* client);

int eb_client_read(eb_client* client, uint32_t address, uint32_t* words, size_t count);
int eb_client_write(eb_client* client, uint32_t address, const uint32_t* words, size_t count);
/* *interrupt: 1 when the line went high, 0 when timeout_ms passed first. */
int eb_client_wait_irq(eb_client* client, uint32_t timeout_ms, int* interrupt);
int eb_client_cycles(eb_client* client, uint64_t* cycles);

/* ---- Job files ---- */

typedef struct eb_block { /* words for an address (bus address, or aux byte address) */
  uint32_t address;
  uint32_t count;
  uint32_t* words;
} eb_block;

typedef struct eb_stage {
  int layer; /* -1: embeddings */
  int off_ramp;
  size_t load_count, command_count;
  eb_block* loads;
  uint32_t* commands;       /* command_count x EB_CMD_WORDS */
  double logit_values[256]; /* off_ramp: each AF8 code's value at its bias */
} eb_stage;

typedef struct eb_job {
  uint32_t lanes, labels, threshold_q24, logits_vector, timeout_ms;
  size_t reram_count, write_count, input_count, stage_count;
  eb_block *reram, *writes, *inputs;
  eb_stage* stages;
  char error[512];
} eb_job;

typedef struct eb_result {
  int label;
  int labels;
  uint8_t logit_codes[EB_MAX_LABELS];
  double logits[EB_MAX_LABELS];
  int exit_layer; /* -1: no early exit */
  int layers_run;
  int entropy_count;
  uint32_t entropies_q24[EB_MAX_STAGES];
  uint32_t commands, interrupts;
  uint64_t cycles; /* over the run, as `edgebert run` counts them */
  uint64_t perf_busy_cycles;
} eb_result;

int eb_job_load(eb_job* job, const char* path);
void eb_job_free(eb_job* job);

/* The driver's Load: the ReRAM tables when the store does not hold them yet (*reram_written 1),
 * then the WSRAM planes and static aux blocks. */
int eb_job_load_memory(eb_client* client, const eb_job* job, int* reram_written);
/* One inference. On an accelerator error or timeout client->error says which. */
int eb_job_run(eb_client* client, const eb_job* job, eb_result* result);

#ifdef __cplusplus
}
#endif

#endif /* EDGEBERT_CLIENT_H_ */
