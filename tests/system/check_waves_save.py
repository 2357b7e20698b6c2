#!/usr/bin/env python3
"""`edgebert run --waves F.fst` writes F.gtkw next to it (sim/harness/gtkw_save.h): this checks
that it does, that the run printed the cycle window, that every signal the save file names is in
the FST (read with fst2vcd, a reader independent of the project's), that the translate filters it
uses exist and map the register map's values to its names (edgebert_regs.py, from the same YAML),
and, where xvfb-run is installed, that GTKWave opens it and shows names for the opcode and
sequencer state. Stdlib only."""

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile


def fst_names(fst):
    """Every variable of the FST as GTKWave names it (scopes joined by '.', range unspaced)."""
    vcd = subprocess.run(["fst2vcd", fst], capture_output=True, text=True, check=True).stdout
    names, scope = set(), []
    for line in vcd[:vcd.index("$enddefinitions")].splitlines():
        words = line.split()
        if words[:1] == ["$scope"]:
            scope.append(words[2])
        elif words[:1] == ["$upscope"]:
            scope.pop()
        elif words[:1] == ["$var"]:
            name = words[4] + (words[5] if words[5] != "$end" else "")
            names.add(".".join(scope + [name]))
    return names


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--edgebert", required=True)
    parser.add_argument("--regs-dir", required=True, help="build/gen/python")
    parser.add_argument("--work", required=True)
    args = parser.parse_args()
    sys.path.insert(0, args.regs_dir)
    import edgebert_regs as regs

    os.makedirs(args.work, exist_ok=True)
    fst = os.path.join(args.work, "save.fst")
    out = subprocess.run([args.edgebert, "run", "--target", "inproc", "--count", "1", "--waves",
                          fst, "--waves-stop", "2000"], capture_output=True, text=True)
    if out.returncode != 0:
        sys.exit("edgebert run failed:\n" + out.stdout + out.stderr)
    m = re.search(r"waves: \S+ \([0-9.]+ KiB FST\) holds cycles 0\.\.1999; open it with gtkwave (\S+) "
                  r"\((\d+) of (\d+) signals\)", out.stdout)
    if not m:
        sys.exit("no waves line with the cycle window and the save file:\n" + out.stdout)
    gtkw, named, catalogue = m.group(1), int(m.group(2)), int(m.group(3))
    if gtkw != fst[:-4] + ".gtkw" or named != catalogue:
        sys.exit("save file %s names %d of the %d signals" % (gtkw, named, catalogue))
    lines = open(gtkw).read().splitlines()
    traces = [l for l in lines if l.startswith("TOP.")]
    filters = sorted({l.split(" ", 1)[1] for l in lines if l.startswith("^")})

    # Every trace is a variable of the FST.
    if shutil.which("fst2vcd"):
        missing = [t for t in traces if t not in fst_names(fst)]
        if missing:
            sys.exit("not in the FST: " + ", ".join(missing))
        print("%d traces, all in the FST" % len(traces))
    else:
        print("fst2vcd not installed (gtkwave package): trace names not checked")

    # The filters: the register map's opcodes and error codes, the RTL's states.
    folder = os.path.dirname(filters[0]) if filters else None
    if not filters or any(not os.path.exists(f) for f in filters):
        sys.exit("filter files missing: %s" % filters)
    def table(name):
        return dict(l.split(" ", 1) for l in open(os.path.join(folder, name)).read().splitlines())
    opcodes = table("opcode.txt")
    for value, name in regs.OPCODE_NAMES.items():
        if opcodes.get("%02X" % value) != name:
            sys.exit("opcode.txt: %02X is not %s" % (value, name))
    codes = table("err_code.txt")
    if codes.get("%02X" % regs.ERR_CODE_CMDQ_OVERFLOW) != "CMDQ_OVERFLOW":
        sys.exit("err_code.txt does not name CMDQ_OVERFLOW")
    states = table("soc_seq.state_e.txt")
    if states.get("0") != "StIdle" or states.get("2") != "StRunPu":
        sys.exit("soc_seq.state_e.txt: %s" % states)
    print("filters: %d opcodes, %d error codes, sequencer states %s" % (
        len(opcodes), len(codes), " ".join(states.values())))

    # GTKWave itself, headless, when it and a virtual X server are there.
    if not (shutil.which("gtkwave") and shutil.which("xvfb-run")):
        print("gtkwave or xvfb-run not installed: the save file was not opened")
        return 0
    with tempfile.NamedTemporaryFile("w", suffix=".tcl", delete=False) as tcl:
        tcl.write("gtkwave::setMarker [expr [gtkwave::getMinTime] + 100]\n"
                  "foreach n [gtkwave::getDisplayedSignals] {\n"
                  "  puts \"TRACE $n = [gtkwave::getTraceValueAtMarkerFromName $n]\"\n}\n"
                  "gtkwave::/File/Quit\n")
    try:
        shown = subprocess.run(["xvfb-run", "-a", "gtkwave", "-S", tcl.name, gtkw],
                               capture_output=True, text=True, timeout=120).stdout
    finally:
        os.unlink(tcl.name)
    values = dict(re.findall(r"^TRACE (\S+) = (.*)$", shown, re.M))
    if sorted(values) != sorted(traces):
        sys.exit("GTKWave shows %d of the %d traces:\n%s" % (len(values), len(traces), shown))
    want = {"TOP.edgebert_soc.u_csr.u_seq.opcode[7:0]": "NOP",
            "TOP.edgebert_soc.u_csr.u_seq.state_q[1:0]": "StIdle",
            "TOP.edgebert_soc.u_csr.err_cause_q.code[7:0]": "ErrCodeNone"}
    for name, text in want.items():
        if values.get(name) != text:
            sys.exit("GTKWave shows %s = %s, not %s" % (name, values.get(name), text))
    print("GTKWave opened it: %d traces; %s" % (len(values), ", ".join(
        "%s = %s" % (n.split(".")[-1], values[n]) for n in want)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
