#!/usr/bin/env python3
"""The C and Python clients (sw/clients/) against `edgebert run`: for each case, export the job,
run it with `edgebert run --lockstep none` in process, then with each client over TCP on
`edgebert sim --serve`, and require the same label, exit layer, entropies, interrupts, logit
codes and cycles. Stdlib only; ctest runs it (tests/clients/CMakeLists.txt)."""

import argparse
import os
import re
import socket
import subprocess
import sys

CASES = [
    # An early exit after the first layer (the default threshold).
    ("early_exit", ["--text", "a gorgeous , witty , seductive movie ."]),
    # Threshold 0: no exit, all 12 layers, so the queue fills and the clients wait for room.
    ("all_layers", ["--text", "the plot is nothing but boilerplate cliches .", "--threshold", "0"]),
]

FIELDS = re.compile(r"label (\d+), (exit after layer \d+|no exit), entropies ([0-9. ]*), "
                    r"(?:.*?)(\d+) cycles, .*?(\d+) interrupts")
CODES = re.compile(r"logit codes ((?:0x[0-9a-f]{2} ?)+)")


def parse(text, who):
    fields, codes = FIELDS.search(text), CODES.search(text)
    if not fields or not codes:
        sys.exit("%s: no result in its output:\n%s" % (who, text))
    label, exit_text, entropies, cycles, interrupts = fields.groups()
    return {"label": int(label), "exit": exit_text, "entropies": entropies.split(),
            "cycles": int(cycles), "interrupts": int(interrupts),
            "logit codes": codes.group(1).split()}


def run(command, env=None):
    done = subprocess.run(command, capture_output=True, text=True, env=env, timeout=300)
    if done.returncode != 0:
        sys.exit("%s failed (%d):\n%s%s" % (" ".join(command), done.returncode, done.stdout,
                                            done.stderr))
    return done.stdout


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--edgebert", required=True)
    parser.add_argument("--c-example", required=True)
    parser.add_argument("--python-dir", required=True, help="sw/clients/python")
    parser.add_argument("--regs-dir", required=True, help="build/gen/python")
    parser.add_argument("--work", required=True)
    args = parser.parse_args()
    os.makedirs(args.work, exist_ok=True)
    env = dict(os.environ, PYTHONPATH=args.regs_dir + os.pathsep + args.python_dir)

    # A port free a moment ago (sim --serve takes no port 0).
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = str(probe.getsockname()[1])
    server = subprocess.Popen([args.edgebert, "sim", "--serve", "127.0.0.1:" + port],
                              stdout=subprocess.PIPE, text=True)
    try:
        banner = server.stdout.readline()  # once it listens
        if "127.0.0.1:" + port not in banner:
            sys.exit("edgebert sim did not start: %r" % banner)
        failures = 0
        for name, inputs in CASES:
            job = os.path.join(args.work, name + ".job")
            run([args.edgebert, "export-job", "-o", job] + inputs)
            want = parse(run([args.edgebert, "run", "--lockstep", "none"] + inputs), "edgebert run")
            got = {
                "python": parse(run([sys.executable, os.path.join(args.python_dir,
                                                                  "run_job_example.py"),
                                     job, "127.0.0.1:" + port], env), "python client"),
                "c": parse(run([args.c_example, job, "127.0.0.1", port]), "C client"),
            }
            for client, result in got.items():
                same = result == want
                failures += not same
                print("%s %s: %s%s" % (name, client, "as edgebert run: " if same else "DIFFERS: ",
                                       result if same else "%s, edgebert run %s" % (result, want)))
        return 1 if failures else 0
    finally:
        server.terminate()
        server.wait(timeout=30)


if __name__ == "__main__":
    sys.exit(main())
