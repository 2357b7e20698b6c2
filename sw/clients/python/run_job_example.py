#!/usr/bin/env python3
"""Runs one inference on `edgebert sim --serve` from a job file (`edgebert export-job`) and prints
the label, the logits and the cycles in the form `edgebert run` prints them.

    edgebert export-job --text "a gorgeous film" -o job.txt
    edgebert sim --serve 5555 &
    PYTHONPATH=build/gen/python:sw/clients/python python3 run_job_example.py job.txt 127.0.0.1:5555
"""

import argparse
import sys

import edgebert_client


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("job", help="job file written by `edgebert export-job`")
    parser.add_argument("endpoint", help="HOST:PORT of `edgebert sim --serve`")
    args = parser.parse_args()
    host, _, port = args.endpoint.rpartition(":")
    job = edgebert_client.load_job(args.job)
    with edgebert_client.CosimClient(host.strip("[]") or "127.0.0.1", int(port)) as client:
        print("connected to %s" % client.identity)
        written = edgebert_client.load_memory(client, job)
        print("model loaded (embeddings %s)" % ("written to ReRAM" if written else
                                                "already in ReRAM, not rewritten"))
        r = edgebert_client.run_job(client, job)
    exit_text = ("exit after layer %d" % (r["exit_layer"] + 1) if r["exit_layer"] >= 0
                 else "no exit")
    print("label %d, %s, entropies %s, %d cycles, %d interrupts, %d commands" % (
        r["label"], exit_text, " ".join("%.3f" % (h / 16777216.0) for h in r["entropies_q24"]),
        r["cycles"], r["interrupts"], r["commands"]))
    print("logit codes %s; logits %s" % (" ".join("0x%02x" % c for c in r["logit_codes"]),
                                         " ".join("%g" % v for v in r["logits"])))
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except (edgebert_client.CosimError, OSError, ValueError) as e:
        print("run_job_example: error: %s" % e, file=sys.stderr)
        sys.exit(1)
