/* The co-simulation client and job runner declared in edgebert_client.h. */
#define _POSIX_C_SOURCE 200112L

#include "edgebert_client.h"

#include <errno.h>
#include <netdb.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <sys/types.h>
#include <unistd.h>

#include "edgebert_regs.h"

enum {
  kHello = 0x01,
  kRead = 0x02,
  kWrite = 0x03,
  kWaitIrq = 0x04,
  kCycles = 0x07,
  kBye = 0x08,
  kReplyBit = 0x80,
  kErrorFrame = 0xFF
};
enum { kStatusOk = 0, kStatusTimeout = 1 };
/* The firmware writes aux bytes 64 words at a time; the same bursts give the same cycles. */
#define AUX_CHUNK_WORDS 64u

static int fail(char* buffer, const char* format, ...) {
  va_list args;
  va_start(args, format);
  vsnprintf(buffer, 512, format, args);
  va_end(args);
  return -1;
}

static void put_u32(uint8_t* p, uint32_t v) {
  p[0] = (uint8_t)v;
  p[1] = (uint8_t)(v >> 8);
  p[2] = (uint8_t)(v >> 16);
  p[3] = (uint8_t)(v >> 24);
}

static uint32_t get_u32(const uint8_t* p) {
  return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static void set_timeout(eb_client* c, unsigned ms) {
  struct timeval tv;
  tv.tv_sec = (time_t)(ms / 1000u);
  tv.tv_usec = (suseconds_t)((ms % 1000u) * 1000u);
  setsockopt(c->fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  setsockopt(c->fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
}

static int send_all(eb_client* c, const uint8_t* data, size_t n) {
  while (n > 0) {
    const ssize_t sent = send(c->fd, data, n, 0);
    if (sent < 0 && errno == EINTR) continue;
    if (sent <= 0) return fail(c->error, "send: %s", strerror(errno));
    data += sent;
    n -= (size_t)sent;
  }
  return 0;
}

static int recv_all(eb_client* c, uint8_t* data, size_t n) {
  while (n > 0) {
    const ssize_t got = recv(c->fd, data, n, 0);
    if (got < 0 && errno == EINTR) continue;
    if (got == 0) return fail(c->error, "the server closed the connection");
    if (got < 0) return fail(c->error, "recv: %s", strerror(errno));
    data += got;
    n -= (size_t)got;
  }
  return 0;
}

/* One request; *body (malloc'd, the caller frees) is the reply after its status byte. Returns the
 * status (OK or TIMEOUT) or -1. */
static int call(eb_client* c, uint8_t type, const uint8_t* payload, uint32_t length,
                unsigned extra_ms, uint8_t** body, uint32_t* body_length) {
  uint8_t header[5];
  uint8_t* reply;
  uint32_t reply_length;
  int status;
  *body = NULL;
  *body_length = 0;
  if (c->fd < 0) return fail(c->error, "not connected");
  set_timeout(c, c->timeout_ms + extra_ms);
  /* Header and payload in one send: two small sends wait on the peer's delayed ACK (Nagle). */
  reply = (uint8_t*)malloc(5u + length);
  if (reply == NULL) return fail(c->error, "out of memory");
  put_u32(reply, length);
  reply[4] = type;
  if (length > 0) memcpy(reply + 5, payload, length);
  status = send_all(c, reply, 5u + length);
  free(reply);
  if (status != 0) return -1;
  if (recv_all(c, header, 5) != 0) return -1;
  reply_length = get_u32(header);
  if (reply_length > 4u * EB_MAX_WORDS + 64u) return fail(c->error, "oversized reply");
  reply = (uint8_t*)malloc(reply_length + 1u);
  if (reply == NULL) return fail(c->error, "out of memory");
  if (recv_all(c, reply, reply_length) != 0) {
    free(reply);
    return -1;
  }
  reply[reply_length] = 0;
  if (header[4] == kErrorFrame) {
    fail(c->error, "server: %s", (const char*)reply);
    free(reply);
    return -1;
  }
  if (header[4] != (type | kReplyBit) || reply_length == 0) {
    free(reply);
    return fail(c->error, "unexpected reply type 0x%02x", header[4]);
  }
  status = reply[0];
  if (status != kStatusOk && !(status == kStatusTimeout && type == kWaitIrq)) {
    fail(c->error, "device error: %s", (const char*)reply + 1);
    free(reply);
    return -1;
  }
  *body_length = reply_length - 1u;
  memmove(reply, reply + 1, reply_length);
  *body = reply;
  return status;
}

int eb_client_connect(eb_client* c, const char* host, const char* port, unsigned timeout_ms) {
  struct addrinfo hints, *found = NULL, *a;
  uint8_t payload[4], *body;
  uint32_t length;
  int rc;
  memset(c, 0, sizeof *c);
  c->fd = -1;
  c->timeout_ms = timeout_ms;
  memset(&hints, 0, sizeof hints);
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  rc = getaddrinfo(host, port, &hints, &found);
  if (rc != 0) return fail(c->error, "%s:%s: %s", host, port, gai_strerror(rc));
  for (a = found; a != NULL && c->fd < 0; a = a->ai_next) {
    c->fd = socket(a->ai_family, a->ai_socktype, a->ai_protocol);
    if (c->fd >= 0 && connect(c->fd, a->ai_addr, a->ai_addrlen) != 0) {
      close(c->fd);
      c->fd = -1;
    }
  }
  freeaddrinfo(found);
  if (c->fd < 0) return fail(c->error, "cannot connect to %s:%s", host, port);
  put_u32(payload, EB_PROTOCOL_VERSION);
  if (call(c, kHello, payload, 4, 0, &body, &length) < 0) {
    close(c->fd);
    c->fd = -1;
    return -1;
  }
  if (length < 4 || get_u32(body) != EB_PROTOCOL_VERSION) {
    free(body);
    eb_client_close(c);
    return fail(c->error, "the server speaks another protocol version");
  }
  snprintf(c->identity, sizeof c->identity, "%.*s", (int)(length - 4), (const char*)body + 4);
  free(body);
  return 0;
}

void eb_client_close(eb_client* c) {
  uint8_t* body;
  uint32_t length;
  if (c->fd < 0) return;
  if (call(c, kBye, NULL, 0, 0, &body, &length) >= 0) free(body);
  close(c->fd);
  c->fd = -1;
}

int eb_client_read(eb_client* c, uint32_t address, uint32_t* words, size_t count) {
  size_t done = 0;
  while (done < count) {
    const uint32_t n = (uint32_t)(count - done < EB_MAX_WORDS ? count - done : EB_MAX_WORDS);
    uint8_t payload[8], *body;
    uint32_t length, i;
    put_u32(payload, address + 4u * (uint32_t)done);
    put_u32(payload + 4, n);
    if (call(c, kRead, payload, 8, 0, &body, &length) < 0) return -1;
    if (length != 5u + 4u * n || get_u32(body + 1) != n) {
      free(body);
      return fail(c->error, "malformed READ reply");
    }
    if (body[0] != 0) {
      const unsigned bus = body[0];
      free(body);
      return fail(c->error, "READ at 0x%08x: bus response %u", address, bus);
    }
    for (i = 0; i < n; ++i) words[done + i] = get_u32(body + 5 + 4 * i);
    free(body);
    done += n;
  }
  return 0;
}

int eb_client_write(eb_client* c, uint32_t address, const uint32_t* words, size_t count) {
  size_t done = 0;
  while (done < count) {
    const uint32_t n = (uint32_t)(count - done < EB_MAX_WORDS ? count - done : EB_MAX_WORDS);
    uint8_t *payload = (uint8_t*)malloc(8u + 4u * n), *body;
    uint32_t length, i;
    int bus;
    if (payload == NULL) return fail(c->error, "out of memory");
    put_u32(payload, address + 4u * (uint32_t)done);
    put_u32(payload + 4, n);
    for (i = 0; i < n; ++i) put_u32(payload + 8 + 4 * i, words[done + i]);
    if (call(c, kWrite, payload, 8u + 4u * n, 0, &body, &length) < 0) {
      free(payload);
      return -1;
    }
    free(payload);
    bus = length >= 1 ? body[0] : -1;
    free(body);
    if (bus != 0) return fail(c->error, "WRITE at 0x%08x: bus response %d", address, bus);
    done += n;
  }
  return 0;
}

int eb_client_wait_irq(eb_client* c, uint32_t timeout_ms, int* interrupt) {
  *interrupt = 0;
  for (;;) {
    const uint32_t ms = timeout_ms < EB_MAX_WAIT_MS ? timeout_ms : EB_MAX_WAIT_MS;
    uint8_t payload[4], *body;
    uint32_t length;
    int status;
    put_u32(payload, ms);
    status = call(c, kWaitIrq, payload, 4, ms, &body, &length);
    if (status < 0) return -1;
    free(body);
    if (status == kStatusOk) {
      *interrupt = 1;
      return 0;
    }
    timeout_ms -= ms;
    if (timeout_ms == 0) return 0;
  }
}

int eb_client_cycles(eb_client* c, uint64_t* cycles) {
  uint8_t* body;
  uint32_t length;
  if (call(c, kCycles, NULL, 0, 0, &body, &length) < 0) return -1;
  if (length != 8) {
    free(body);
    return fail(c->error, "malformed CYCLES reply");
  }
  *cycles = (uint64_t)get_u32(body) | (uint64_t)get_u32(body + 4) << 32;
  free(body);
  return 0;
}

/* ---- Job files ---- */

static int read_block(FILE* f, eb_block* b, int bytes, char* error) {
  unsigned long address, count;
  uint32_t i;
  if (fscanf(f, "%lu %lu", &address, &count) != 2) return fail(error, "a block without its size");
  b->address = (uint32_t)address;
  b->count = (uint32_t)(bytes ? (count + 3u) / 4u : count);
  b->words = (uint32_t*)calloc(b->count > 0 ? b->count : 1u, sizeof(uint32_t));
  if (b->words == NULL) return fail(error, "out of memory");
  for (i = 0; i < b->count; ++i) {
    unsigned long w;
    if (fscanf(f, "%lx", &w) != 1) return fail(error, "a block cut short");
    b->words[i] = (uint32_t)w;
  }
  return 0;
}

/* Appends a zeroed element to a growing array. */
static void* grow(void* array, size_t* count, size_t size) {
  char* bigger = (char*)realloc(array, (*count + 1u) * size);
  if (bigger == NULL) return NULL;
  memset(bigger + *count * size, 0, size);
  ++*count;
  return bigger;
}

#define APPEND(array, count) \
  ((array) = grow((array), &(count), sizeof *(array)), (array) ? &(array)[(count)-1] : NULL)

int eb_job_load(eb_job* job, const char* path) {
  FILE* f;
  char record[64];
  int rc = -1;
  memset(job, 0, sizeof *job);
  job->timeout_ms = 60000;
  f = fopen(path, "r");
  if (f == NULL) return fail(job->error, "%s: %s", path, strerror(errno));
  if (fscanf(f, "%63s", record) != 1 || strcmp(record, "edgebert-job") != 0 ||
      fscanf(f, "%63s", record) != 1 || strcmp(record, "1") != 0) {
    fclose(f);
    return fail(job->error, "%s: not an edgebert-job 1 file", path);
  }
  while (fscanf(f, "%63s", record) == 1) {
    eb_stage* stage = job->stage_count > 0 ? &job->stages[job->stage_count - 1] : NULL;
    unsigned long v;
    if (record[0] == '#') { /* a comment: the rest of the line */
      int ch;
      while ((ch = fgetc(f)) != EOF && ch != '\n') {
      }
    } else if (strcmp(record, "end") == 0) {
      rc = 0;
      break;
    } else if (strcmp(record, "lanes") == 0 && fscanf(f, "%lu", &v) == 1) {
      job->lanes = (uint32_t)v;
    } else if (strcmp(record, "labels") == 0 && fscanf(f, "%lu", &v) == 1) {
      job->labels = (uint32_t)v;
    } else if (strcmp(record, "threshold_q24") == 0 && fscanf(f, "%lu", &v) == 1) {
      job->threshold_q24 = (uint32_t)v;
    } else if (strcmp(record, "logits_vector") == 0 && fscanf(f, "%lu", &v) == 1) {
      job->logits_vector = (uint32_t)v;
    } else if (strcmp(record, "timeout_ms") == 0 && fscanf(f, "%lu", &v) == 1) {
      job->timeout_ms = (uint32_t)v;
    } else if (strcmp(record, "reram") == 0 || strcmp(record, "write") == 0 ||
               strcmp(record, "input") == 0 || (strcmp(record, "load") == 0 && stage)) {
      eb_block* b = record[0] == 'r'   ? APPEND(job->reram, job->reram_count)
                    : record[0] == 'w' ? APPEND(job->writes, job->write_count)
                    : record[0] == 'i' ? APPEND(job->inputs, job->input_count)
                                       : APPEND(stage->loads, stage->load_count);
      if (b == NULL) {
        fail(job->error, "out of memory");
        break;
      }
      if (read_block(f, b, record[0] == 'i' || record[0] == 'l', job->error) != 0) break;
    } else if (strcmp(record, "stage") == 0) {
      long layer;
      unsigned long off_ramp, loads, commands;
      eb_stage* s;
      if (fscanf(f, "%ld %lu %lu %lu", &layer, &off_ramp, &loads, &commands) != 4 ||
          job->stage_count >= EB_MAX_STAGES) {
        fail(job->error, "a bad stage record");
        break;
      }
      s = APPEND(job->stages, job->stage_count);
      if (s == NULL) {
        fail(job->error, "out of memory");
        break;
      }
      s->layer = (int)layer;
      s->off_ramp = off_ramp != 0;
    } else if (strcmp(record, "command") == 0 && stage) {
      uint32_t* bigger =
          (uint32_t*)realloc(stage->commands, (stage->command_count + 1u) * EB_CMD_WORDS * 4u);
      size_t i;
      if (bigger == NULL) {
        fail(job->error, "out of memory");
        break;
      }
      stage->commands = bigger;
      for (i = 0; i < EB_CMD_WORDS; ++i) {
        if (fscanf(f, "%lx", &v) != 1) break;
        bigger[stage->command_count * EB_CMD_WORDS + i] = (uint32_t)v;
      }
      if (i != EB_CMD_WORDS) {
        fail(job->error, "a command cut short");
        break;
      }
      ++stage->command_count;
    } else if (strcmp(record, "logit_values") == 0 && stage) {
      int code;
      for (code = 0; code < 256; ++code) {
        if (fscanf(f, "%lf", &stage->logit_values[code]) != 1) break;
      }
      if (code != 256) {
        fail(job->error, "logit_values cut short");
        break;
      }
    } else {
      fail(job->error, "unknown or malformed record '%s'", record);
      break;
    }
  }
  fclose(f);
  if (rc == 0 && (job->labels == 0 || job->labels > EB_MAX_LABELS || job->stage_count == 0)) {
    rc = fail(job->error, "a job without labels or stages");
  }
  if (rc != 0) {
    char error[512];
    memcpy(error, job->error, sizeof error);
    if (error[0] == 0) snprintf(error, sizeof error, "no 'end' record");
    eb_job_free(job);
    snprintf(job->error, sizeof job->error, "%s: %s", path, error);
  }
  return rc;
}

static void free_blocks(eb_block* blocks, size_t count) {
  size_t i;
  for (i = 0; i < count; ++i) free(blocks[i].words);
  free(blocks);
}

void eb_job_free(eb_job* job) {
  size_t s;
  free_blocks(job->reram, job->reram_count);
  free_blocks(job->writes, job->write_count);
  free_blocks(job->inputs, job->input_count);
  for (s = 0; s < job->stage_count; ++s) {
    free_blocks(job->stages[s].loads, job->stages[s].load_count);
    free(job->stages[s].commands);
  }
  free(job->stages);
  memset(job, 0, sizeof *job);
}

int eb_job_load_memory(eb_client* c, const eb_job* job, int* reram_written) {
  size_t i;
  int holds = 1;
  for (i = 0; i < job->reram_count && holds; ++i) {
    const eb_block* b = &job->reram[i];
    uint32_t* got = (uint32_t*)malloc((b->count > 0 ? b->count : 1u) * sizeof(uint32_t));
    if (got == NULL) return fail(c->error, "out of memory");
    if (eb_client_read(c, b->address, got, b->count) != 0) {
      free(got);
      return -1;
    }
    holds = memcmp(got, b->words, b->count * sizeof(uint32_t)) == 0;
    free(got);
  }
  *reram_written = !holds;
  for (i = 0; i < job->reram_count && !holds; ++i) {
    if (eb_client_write(c, job->reram[i].address, job->reram[i].words, job->reram[i].count)) {
      return -1;
    }
  }
  for (i = 0; i < job->write_count; ++i) {
    if (eb_client_write(c, job->writes[i].address, job->writes[i].words, job->writes[i].count)) {
      return -1;
    }
  }
  return 0;
}

/* ---- The firmware's loop (sw/firmware/inference.cc), access for access ---- */

typedef struct runner {
  eb_client* c;
  const eb_job* job;
  eb_result* r;
  uint32_t depth, lanes, seq0, pushed;
  int exited;
} runner;

static int read_reg(runner* k, uint32_t offset, uint32_t* value) {
  return eb_client_read(k->c, EB_MEM_CSR_BASE + offset, value, 1);
}

static int write_reg(runner* k, uint32_t offset, uint32_t value) {
  return eb_client_write(k->c, EB_MEM_CSR_BASE + offset, &value, 1);
}

static int completed(runner* k, uint32_t* done) {
  uint32_t seq;
  if (read_reg(k, EB_REG_CMD_SEQ_OFFSET, &seq) != 0) return -1;
  *done = seq - k->seq0;
  return 0;
}

static int write_aux(runner* k, const eb_block* blocks, size_t count) {
  size_t i;
  uint32_t first;
  for (i = 0; i < count; ++i) {
    for (first = 0; first < blocks[i].count; first += AUX_CHUNK_WORDS) {
      const uint32_t left = blocks[i].count - first;
      if (eb_client_write(k->c, EB_MEM_AUX_BASE + blocks[i].address + 4u * first,
                          blocks[i].words + first,
                          left < AUX_CHUNK_WORDS ? left : AUX_CHUNK_WORDS)) {
        return -1;
      }
    }
  }
  return 0;
}

/* Clears the pending causes: ERROR fails the run, EARLY_EXIT is noted, DONE only wakes us. */
static int take_causes(runner* k) {
  uint32_t state;
  if (read_reg(k, EB_REG_INTR_STATE_OFFSET, &state) != 0) return -1;
  if (state == 0) return 0;
  if (state & EB_INTR_STATE_ERROR_MASK) {
    uint32_t cause, seq, code, opcode;
    const char *code_name, *opcode_name;
    /* Before the clear: clearing ERROR resets ERR_CAUSE. */
    if (read_reg(k, EB_REG_ERR_CAUSE_OFFSET, &cause) != 0 ||
        read_reg(k, EB_REG_ERR_SEQ_OFFSET, &seq) != 0 ||
        write_reg(k, EB_REG_INTR_STATE_OFFSET, state) != 0) {
      return -1;
    }
    code = (cause & EB_ERR_CAUSE_CODE_MASK) >> EB_ERR_CAUSE_CODE_SHIFT;
    opcode = (cause & EB_ERR_CAUSE_OPCODE_MASK) >> EB_ERR_CAUSE_OPCODE_SHIFT;
    code_name = eb_err_code_name(code);
    opcode_name = eb_opcode_name(opcode);
    return fail(k->c->error, "the accelerator raised ERROR %s on %s (command sequence %u)",
                code_name ? code_name : "?", opcode_name ? opcode_name : "?", seq);
  }
  if (write_reg(k, EB_REG_INTR_STATE_OFFSET, state) != 0) return -1;
  if (state & EB_INTR_STATE_EARLY_EXIT_MASK) k->exited = 1;
  return 0;
}

static int service(runner* k) {
  int interrupt;
  if (eb_client_wait_irq(k->c, k->job->timeout_ms, &interrupt) != 0) return -1;
  if (!interrupt) return fail(k->c->error, "no interrupt within %u ms", k->job->timeout_ms);
  ++k->r->interrupts;
  return take_causes(k);
}

static int drain(runner* k) {
  for (;;) {
    uint32_t done;
    if (completed(k, &done) != 0) return -1;
    if (done >= k->pushed || k->exited) return 0;
    if (service(k) != 0) return -1;
  }
}

static int push(runner* k, const uint32_t* command, int irq) {
  uint32_t words[EB_CMD_WORDS], half, i;
  /* The queue holds depth commands; an IRQ every half queue keeps it fed without polling. */
  for (;;) {
    uint32_t done;
    if (completed(k, &done) != 0) return -1;
    if (k->pushed - done < k->depth) break;
    if (service(k) != 0) return -1;
    if (k->exited) return 0;
  }
  memcpy(words, command, sizeof words);
  half = k->depth / 2 > 0 ? k->depth / 2 : 1;
  if (irq || (k->pushed + 1) % half == 0) words[EB_CMD_IRQ_WORD] |= EB_CMD_IRQ_MASK;
  for (i = 0; i < EB_CMD_WORDS; ++i) {
    if (write_reg(k, EB_REG_CMD_DATA_OFFSET(i), words[i]) != 0) return -1;
  }
  if (write_reg(k, EB_REG_CMD_PUSH_OFFSET, 1) != 0) return -1;
  ++k->pushed;
  return 0;
}

/* The logits vector, bitmask-decoded: the nonzero codes are packed in lane order. */
static int read_logits(runner* k) {
  uint32_t values[EB_MAX_LABELS / 4 + 8] = {0}, mask = 0, next = 0, lane;
  const uint32_t vector = k->job->logits_vector;
  if (eb_client_read(k->c, EB_MEM_UAB_VAL_BASE + vector * k->lanes, values, k->lanes / 4) != 0 ||
      eb_client_read(k->c, EB_MEM_UAB_MASK_BASE + 4u * vector, &mask, 1) != 0) {
    return -1;
  }
  for (lane = 0; lane < k->lanes; ++lane) {
    uint8_t code = 0;
    if ((mask >> lane) & 1u) {
      code = (uint8_t)(values[next / 4] >> (8 * (next % 4)));
      ++next;
    }
    if (lane < k->job->labels) k->r->logit_codes[lane] = code;
  }
  return 0;
}

static int run_stages(runner* k) {
  const eb_job* job = k->job;
  size_t s, c;
  uint32_t hwcfg0;
  if (read_reg(k, EB_REG_HWCFG0_OFFSET, &hwcfg0) != 0) return -1; /* the queue depth */
  k->depth = (hwcfg0 & EB_HWCFG0_CMDQ_DEPTH_MASK) >> EB_HWCFG0_CMDQ_DEPTH_SHIFT;
  if (read_reg(k, EB_REG_HWCFG0_OFFSET, &hwcfg0) != 0) return -1; /* the lanes */
  k->lanes = (hwcfg0 & EB_HWCFG0_LANES_MASK) >> EB_HWCFG0_LANES_SHIFT;
  if (k->lanes != job->lanes || k->depth == 0 || job->labels > k->lanes) {
    return fail(k->c->error, "the job is for n = %u, the accelerator has n = %u", job->lanes,
                k->lanes);
  }
  if (write_reg(k, EB_REG_INTR_STATE_OFFSET, EB_REG_INTR_STATE_W1C_MASK) != 0 ||
      write_reg(k, EB_REG_INTR_ENABLE_OFFSET, EB_REG_INTR_ENABLE_WRITABLE_MASK) != 0 ||
      write_reg(k, EB_REG_ENTROPY_THRESHOLD_OFFSET, job->threshold_q24) != 0 ||
      write_reg(k, EB_REG_CTRL_OFFSET, EB_CTRL_ENABLE_MASK | EB_CTRL_CLR_PERF_MASK) != 0 ||
      read_reg(k, EB_REG_CMD_SEQ_OFFSET, &k->seq0) != 0) {
    return -1;
  }
  if (write_aux(k, job->inputs, job->input_count) != 0) return -1;
  for (s = 0; s < job->stage_count; ++s) {
    const eb_stage* stage = &job->stages[s];
    if (write_aux(k, stage->loads, stage->load_count) != 0) return -1;
    for (c = 0; c < stage->command_count; ++c) {
      if (push(k, stage->commands + c * EB_CMD_WORDS, c + 1 == stage->command_count) != 0) {
        return -1;
      }
      if (k->exited) break;
    }
    if (drain(k) != 0 || take_causes(k) != 0) return -1;
    if (stage->layer >= 0) ++k->r->layers_run;
    if (stage->off_ramp) {
      uint32_t label;
      if (read_reg(k, EB_REG_ENTROPY_LAST_OFFSET, &k->r->entropies_q24[k->r->entropy_count++]) ||
          read_logits(k) != 0) {
        return -1;
      }
      /* The first largest logit, as model::PredictedLabel. */
      k->r->label = 0;
      for (label = 0; label < job->labels; ++label) {
        k->r->logits[label] = stage->logit_values[k->r->logit_codes[label]];
        if (k->r->logits[label] > k->r->logits[k->r->label]) k->r->label = (int)label;
      }
      if (k->exited) k->r->exit_layer = stage->layer;
    }
    if (k->r->exit_layer >= 0) break;
  }
  return 0;
}

int eb_job_run(eb_client* c, const eb_job* job, eb_result* result) {
  static const uint32_t perf[] = {
      EB_REG_PERF_BUSY_CYCLES_OFFSET(0),  EB_REG_PERF_MAC_CYCLES_OFFSET(0),
      EB_REG_PERF_VMACS_OFFSET(0),        EB_REG_PERF_VMACS_SKIPPED_OFFSET(0),
      EB_REG_PERF_STALL_CYCLES_OFFSET(0), EB_REG_PERF_SATURATIONS_OFFSET(0)};
  runner k;
  uint64_t start, end;
  size_t i;
  memset(result, 0, sizeof *result);
  result->exit_layer = -1;
  result->labels = (int)job->labels;
  memset(&k, 0, sizeof k);
  k.c = c;
  k.job = job;
  k.r = result;
  if (eb_client_cycles(c, &start) != 0 || run_stages(&k) != 0 ||
      completed(&k, &result->commands) != 0) {
    return -1;
  }
  /* The six PERF counters the firmware reads at the end (the low word latches the high word). */
  for (i = 0; i < sizeof perf / sizeof perf[0]; ++i) {
    uint32_t low, high;
    if (read_reg(&k, perf[i], &low) != 0 || read_reg(&k, perf[i] + 4u, &high) != 0) return -1;
    if (i == 0) result->perf_busy_cycles = (uint64_t)high << 32 | low;
  }
  if (eb_client_cycles(c, &end) != 0) return -1;
  result->cycles = end - start;
  return 0;
}
