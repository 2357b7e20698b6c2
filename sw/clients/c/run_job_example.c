/* Runs one inference on `edgebert sim --serve` from a job file (`edgebert export-job`) and prints
 * the label, the logits and the cycles in the form `edgebert run` prints them.
 *
 *   edgebert export-job --text "a gorgeous film" -o job.txt
 *   edgebert sim --serve 5555 &
 *   build/sw/clients/c/run_job_example job.txt 127.0.0.1 5555 */
#include <stdio.h>

#include "edgebert_client.h"

int main(int argc, char** argv) {
  eb_client client;
  eb_job job;
  eb_result r;
  int written = 0, i;
  if (argc != 4) {
    fprintf(stderr, "usage: %s JOB_FILE HOST PORT\n", argv[0]);
    return 2;
  }
  if (eb_job_load(&job, argv[1]) != 0) {
    fprintf(stderr, "run_job_example: error: %s\n", job.error);
    return 1;
  }
  if (eb_client_connect(&client, argv[2], argv[3], 30000) != 0 ||
      eb_job_load_memory(&client, &job, &written) != 0 || eb_job_run(&client, &job, &r) != 0) {
    fprintf(stderr, "run_job_example: error: %s\n", client.error);
    eb_client_close(&client);
    eb_job_free(&job);
    return 1;
  }
  printf("connected to %s\nmodel loaded (embeddings %s)\n", client.identity,
         written ? "written to ReRAM" : "already in ReRAM, not rewritten");
  eb_client_close(&client);
  printf("label %d, ", r.label);
  if (r.exit_layer >= 0) {
    printf("exit after layer %d", r.exit_layer + 1);
  } else {
    printf("no exit");
  }
  printf(", entropies");
  for (i = 0; i < r.entropy_count; ++i) printf(" %.3f", r.entropies_q24[i] / 16777216.0);
  printf(", %llu cycles, %u interrupts, %u commands\nlogit codes", (unsigned long long)r.cycles,
         r.interrupts, r.commands);
  for (i = 0; i < r.labels; ++i) printf(" 0x%02x", r.logit_codes[i]);
  printf("; logits");
  for (i = 0; i < r.labels; ++i) printf(" %g", r.logits[i]);
  printf("\n");
  eb_job_free(&job);
  return 0;
}
