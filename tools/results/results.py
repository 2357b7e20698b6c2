#!/usr/bin/env python3
"""`make results`: the trained SST-2 model measured on the chip's own numerics.

Writes docs/results.md, docs/results/*.csv and docs/results/*.png (gnuplot) from:
- build/train/training.json (the recipe's PyTorch float32 figures; the shipped copy otherwise);
- `edgebert reference --tsv` (the C++ float32 reference) on the dev set;
- `edgebert compile` + `edgebert golden --tsv --all-layers --json` (bit-exact AF8 golden) for each
  optimisation alone and all together; exits for any threshold follow from the per-layer entropies;
- `edgebert run` (the Verilated SoC, driver and firmware) for cycles per sentence, on the first
  --rtl-count dev sentences;
- `edgebert golden --reram-mode M --reram-faults SEED` for Table III.
Only the standard library: it drives the edgebert binary and gnuplot.
"""
from __future__ import annotations

import argparse
import concurrent.futures as futures
import csv
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "tools/train"))
from chip_threshold import Q24, exits, run, sweep as exit_sweep  # noqa: E402  (the recipe's)
LAYERS_NOTE = "1-based; 12 = no early exit"


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", flush=True)


class Lab:
    def __init__(self, args):
        self.args = args
        self.edgebert = str(args.build / "sw/app/edgebert")
        # Images and golden results already in --work are reused (an interrupted run resumes).
        self.work = args.work or Path(tempfile.mkdtemp(prefix="edgebert-results-"))
        self.work.mkdir(parents=True, exist_ok=True)
        self.dev = args.data / "dev.tsv"
        self.compile_flags = args.compile_flags.split()

    def task(self, name: str, base: Path, **changes) -> Path:
        """A copy of a task YAML with some keys replaced."""
        lines = []
        for line in base.read_text().splitlines():
            key = line.split(":")[0]
            if key in changes:
                value = changes.pop(key)
                line = f"{key}: {value}"
            lines.append(line)
        lines += [f"{k}: {v}" for k, v in changes.items()]
        path = self.work / f"{name}.yaml"
        path.write_text("\n".join(lines) + "\n")
        return path

    def compile(self, name: str, checkpoint: Path, task: Path) -> tuple[Path, dict]:
        # Named after what went in, so every cached result below follows a changed input.
        digest = hashlib.sha256(task.read_bytes() + " ".join(self.compile_flags).encode())
        for f in sorted(checkpoint.iterdir()):
            digest.update(f.name.encode() + f.read_bytes())
        stem = f"{name}-{digest.hexdigest()[:10]}"
        image, log_file = self.work / f"{stem}.ebm", self.work / f"{stem}.compile.txt"
        if not (image.is_file() and log_file.is_file()):
            log_file.write_text(run([self.edgebert, "compile", str(checkpoint), "--task", str(task),
                                     "-o", str(image)] + self.compile_flags))
        m = re.search(r"sparsity achieved: encoder ([\d.]+) %, embeddings ([\d.]+) %",
                      log_file.read_text())
        return image, {"encoder_sparsity": float(m.group(1)), "embedding_sparsity": float(m.group(2))}

    def golden(self, image: Path, tokenizer: Path, extra: list[str] = (), count: int = 0,
               all_layers: bool = True) -> dict:
        """--all-layers gives every layer's entropy (exits for any threshold); without it the run
        stops where the firmware would (faster: for the fault trials)."""
        tag = "".join("-" + e for e in extra) + ("" if all_layers else "-exit")
        out_json = self.work / f"{image.stem}{tag}-{count}.json"
        if out_json.is_file():
            return json.loads(out_json.read_text())
        cmd = [self.edgebert, "golden", str(image), "--tokenizer", str(tokenizer), "--tsv",
               str(self.dev), "--json", str(out_json), *extra]
        if all_layers:
            cmd.append("--all-layers")
        if count:
            cmd += ["--count", str(count)]
        run(cmd)
        return json.loads(out_json.read_text())

    def reference(self, checkpoint: Path, task: Path | None) -> float:
        cmd = [self.edgebert, "reference", str(checkpoint), "--tsv", str(self.dev)]
        if task:
            cmd += ["--task", str(task)]
        m = re.search(r"accuracy ([\d.]+) %", run(cmd))
        return float(m.group(1))

    def rtl_cycles(self, image: Path, tokenizer: Path, count: int,
                   threshold: float | None = None) -> dict:
        tag = f"-t{threshold:.3f}" if threshold is not None else ""
        cache = self.work / f"{image.stem}{tag}-rtl-{count}.txt"
        if not cache.is_file():
            extra = ["--threshold", f"{threshold:.3f}"] if threshold is not None else []
            cache.write_text(run([self.edgebert, "run", "--image", str(image), "--tokenizer", str(tokenizer),
                   "--tsv", str(self.dev), "--count", str(count), "--lockstep", "stage",
                   "--no-progress", *extra]))
        out = cache.read_text()
        rows = [line.split("|") for line in out.splitlines() if re.match(r"\| \d+ \|", line)]
        cycles = [int(r[7]) for r in rows]
        labels = [(int(r[4]), int(r[5])) for r in rows]
        if "every result bit-exact" not in out:
            raise RuntimeError(f"RTL run of {image} was not bit-exact with the golden:\n{out}")
        return {"sentences": len(cycles), "average_cycles": sum(cycles) / len(cycles),
                "correct": sum(a == b for a, b in labels), "bit_exact": True}


def plot(script: str, out: Path) -> None:
    if shutil.which("gnuplot") is None:
        log(f"gnuplot not installed: {out} not drawn (ci/install-deps.sh --train installs it)")
        return
    subprocess.run(["gnuplot"], input=f"set terminal pngcairo size 800,520\nset output '{out}'\n"
                   + script, text=True, check=True)


def main() -> int:
    shared = REPO.parent / "shared/data/sst2"
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--build", type=Path, default=REPO / "build")
    p.add_argument("--train", type=Path, default=REPO / "build/train",
                   help="make train's output (variants for the per-optimisation rows)")
    p.add_argument("--data", type=Path, default=shared if shared.is_dir() else None)
    p.add_argument("--rtl-count", type=int, default=24, help="dev sentences run on the RTL")
    p.add_argument("--fault-seeds", type=int, default=100)
    p.add_argument("--fault-count", type=int, default=300,
                   help="dev sentences per fault trial (0: all)")
    p.add_argument("--out", type=Path, default=REPO / "docs")
    p.add_argument("--work", type=Path, help="keep images and golden results here (reused)")
    p.add_argument("--compile-flags", required=True,
                   help="`edgebert compile` flags of the shipped image (make results passes them)")
    p.add_argument("-j", "--jobs", type=int, default=os.cpu_count() or 2)
    args = p.parse_args()
    if args.data is None or not (args.data / "dev.tsv").is_file():
        print("results: no dev.tsv (give --data DIR)", file=sys.stderr)
        return 2
    train = args.train
    for name in ("sst2-albert", "dense", "aas", "magnitude"):
        if not (train / name / "model.safetensors").is_file():
            print(f"results: {train / name} missing: run make train first", file=sys.stderr)
            return 2
    lab = Lab(args)
    report = json.loads((train / "training.json").read_text())
    stages = report["stages"]
    final, dense, aas, magnitude = (train / n for n in ("sst2-albert", "dense", "aas", "magnitude"))
    spiece = final / "spiece.model"
    final_task, dense_task = final / "task.yaml", dense / "task.yaml"
    heads = len(re.search(r"spans: \[(.*)\]", final_task.read_text()).group(1).split(","))
    spans = re.search(r"spans: (\[.*\])", final_task.read_text()).group(1)
    heads_on = sum(int(s) > 0 for s in spans.strip("[]").split(","))

    # name -> (checkpoint, task, description, heads on)
    # No off-ramps (the threshold is then unused, but the task format wants a positive one).
    plain = dict(off_ramps="none", entropy_thresholds="[0.1]", entropy_threshold=0.1)
    variants = {
        "af8-dense": (dense, lab.task("af8-dense", dense_task, **plain), "AF8, no optimisation",
                      heads),
        "af8-ee": (dense, dense_task, "AF8 + early exit (EE)", heads),
        "af8-aas": (aas, lab.task("af8-aas", aas / "task.yaml", **plain), "AF8 + adaptive attention span (AAS)", heads_on),
        "af8-mag50": (dense, lab.task("af8-mag50", dense_task, pruning="magnitude",
                                      encoder_sparsity=0.5, embedding_sparsity=0.6, **plain),
                      "AF8 + one-shot magnitude pruning, encoder 50 %", heads),
        "af8-mag80": (dense, lab.task("af8-mag80", dense_task, pruning="magnitude",
                                      encoder_sparsity=0.8, embedding_sparsity=0.6, **plain),
                      "AF8 + one-shot magnitude pruning, encoder 80 %", heads),
        "af8-aas-movement": (final, lab.task("af8-aas-movement", final_task, **plain),
                             "AF8 + AAS + trained movement pruning", heads_on),
        "af8-aas-magnitude": (magnitude, lab.task("af8-aas-magnitude", magnitude / "task.yaml",
                                                  **plain),
                              "AF8 + AAS + trained gradual magnitude pruning", heads_on),
        "af8-all": (final, final_task, "AF8 + AAS + movement pruning + EE (the shipped model)",
                    heads_on),
    }
    log(f"compiling {len(variants)} images")
    images, sparsity = {}, {}
    for name, (checkpoint, task, _, _) in variants.items():
        images[name], sparsity[name] = lab.compile(name, checkpoint, task)

    log("golden (AF8) and the float reference over the dev set")
    pool = futures.ThreadPoolExecutor(args.jobs)
    golden_jobs = {n: pool.submit(lab.golden, images[n], spiece) for n in variants}
    ref_dense = pool.submit(lab.reference, dense, None)
    ref_final = pool.submit(lab.reference, final, final_task)
    goldens = {n: j.result() for n, j in golden_jobs.items()}
    log("RTL cycles")
    # The small SoC's ReRAM (512 KiB) holds the embeddings only pruned, so the RTL runs of the
    # variants without embedding pruning use the same model with 60 % pruned embeddings: the
    # encoder's cycles are what is compared.
    rtl_images = {"af8-all": images["af8-all"]}
    for name in ("af8-dense", "af8-aas", "af8-ee"):
        _, task, _, _ = variants[name]
        rtl_images[name], _ = lab.compile(name + "-emb60", variants[name][0],
                                          lab.task(name + "-emb60", task, embedding_sparsity=0.6))
    rtl = {n: {**lab.rtl_cycles(rtl_images[n], spiece, args.rtl_count), "image": n}
           for n in ("af8-dense", "af8-aas", "af8-ee", "af8-all")}

    # Fig. 4: accuracy vs average exit layer over a threshold sweep (golden, per-layer entropies).
    sweep = [{"model": name, **r} for name in ("af8-all", "af8-ee")
             for r in exit_sweep(goldens[name])]

    # make train chooses the shipped threshold on this AF8 sweep (chip_threshold.py); the recipe's
    # float32 off-ramps chose their own, shown beside it for what choosing on AF8 is worth.
    base = stages["fine-tune"]["dev_accuracy"]
    all_sweep = [r for r in sweep if r["model"] == "af8-all"]
    float32_threshold = stages["off-ramps (final)"]["threshold"]
    rtl["af8-all-float32-threshold"] = {
        **lab.rtl_cycles(images["af8-all"], spiece, args.rtl_count, float32_threshold),
        "image": "af8-all", "threshold": float32_threshold}

    rows = []
    rows.append({"model": "PyTorch float32, no optimisation", "accuracy": base,
                 "average_exit_layer": 12, "heads_on": heads, "encoder_sparsity": 0,
                 "embedding_sparsity": 0})
    fr = stages["off-ramps (final)"]
    rows.append({"model": "PyTorch float32, AAS + movement pruning + EE",
                 "accuracy": fr["exit_accuracy"], "average_exit_layer": fr["average_exit_layer"],
                 "heads_on": heads_on,
                 "encoder_sparsity": 100 * stages["movement pruning"]["encoder_sparsity"],
                 "embedding_sparsity": 100 * stages["movement pruning"]["embedding_sparsity"]})
    rows.append({"model": "C++ float32 reference, no optimisation", "accuracy": ref_dense.result(),
                 "average_exit_layer": 12, "heads_on": heads, "encoder_sparsity": 0,
                 "embedding_sparsity": 0})
    rows.append({"model": "C++ float32 reference, shipped model without EE",
                 "accuracy": ref_final.result(), "average_exit_layer": 12, "heads_on": heads_on,
                 **{k: 100 * stages["movement pruning"][k]
                    for k in ("encoder_sparsity", "embedding_sparsity")}})
    for name, (_, _, description, on) in variants.items():
        g = goldens[name]
        at = exits(g, g["threshold_q24"])
        row = {"model": description, "accuracy": at["accuracy"],
               "average_exit_layer": at["average_exit_layer"], "heads_on": on,
               **sparsity[name]}
        if name in ("af8-ee", "af8-all"):  # the others have no off-ramps
            row["threshold"] = g["threshold_q24"] / Q24
        if name in rtl:
            row["rtl_cycles"] = rtl[name]["average_cycles"]
            row["rtl_image"] = rtl[name]["image"]
        rows.append(row)
    shipped = next(r for r in rows if r.get("rtl_image") == "af8-all")
    at = next(r for r in all_sweep if abs(r["threshold"] - float32_threshold) < 1e-9)
    rows.append({**shipped, "model": "the shipped model at the threshold chosen on float32 "
                 "off-ramps (train.py) instead of on AF8",
                 "accuracy": at["accuracy"], "average_exit_layer": at["average_exit_layer"],
                 "threshold": float32_threshold,
                 "rtl_cycles": rtl["af8-all-float32-threshold"]["average_cycles"]})
    dense_cycles = rtl["af8-dense"]["average_cycles"]
    for row in rows:
        if "rtl_cycles" in row:
            row["speedup"] = dense_cycles / row["rtl_cycles"]

    # Table III: ReRAM cell modes with seeded level faults (golden reads the faulty cells).
    log(f"ReRAM faults: 3 modes x {args.fault_seeds} seeds")
    fault_jobs = {(mode, seed): pool.submit(
        lab.golden, images["af8-all"], spiece,
        ["--reram-mode", mode, "--reram-faults", str(seed)], args.fault_count, False)
        for mode in ("slc", "mlc2", "mlc3") for seed in range(1, args.fault_seeds + 1)}
    faults = []
    for (mode, seed), job in fault_jobs.items():
        g = job.result()
        faults.append({"mode": mode, "seed": seed, **exits(g, g["threshold_q24"]),
                       "sentences": len(g["results"])})
    # Without faults, on the same sentences as the trials.
    g = goldens["af8-all"]
    clean = exits({**g, "results": g["results"][: args.fault_count or None]}, g["threshold_q24"])

    write(args, rows, sweep, faults, clean, rtl, report, sparsity)
    if args.work is None:
        shutil.rmtree(lab.work)
    return 0


def write(args, rows, sweep, faults, clean, rtl, report, sparsity) -> None:
    out = args.out / "results"
    out.mkdir(parents=True, exist_ok=True)
    fields = ["model", "accuracy", "average_exit_layer", "heads_on", "encoder_sparsity",
              "embedding_sparsity", "threshold", "rtl_cycles", "speedup"]
    with (out / "accuracy.csv").open("w", newline="") as f:
        w = csv.DictWriter(f, fields, extrasaction="ignore")
        w.writeheader()
        w.writerows(rows)
    with (out / "exit_sweep.csv").open("w", newline="") as f:
        w = csv.DictWriter(f, ["model", "threshold", "accuracy", "average_exit_layer"])
        w.writeheader()
        w.writerows(sweep)
    with (out / "reram_faults.csv").open("w", newline="") as f:
        w = csv.DictWriter(f, ["mode", "seed", "accuracy", "average_exit_layer", "sentences"])
        w.writeheader()
        w.writerows(faults)
    for name in ("af8-all", "af8-ee"):
        (out / f"sweep-{name}.dat").write_text("".join(
            f"{r['average_exit_layer']} {r['accuracy']}\n" for r in sweep if r["model"] == name))
    plot(f"""set title 'SST-2 dev: accuracy vs average exit layer (AF8 golden, entropy threshold sweep)'
set xlabel 'average exit layer'
set ylabel 'accuracy (%)'
set grid
set key bottom right
plot '{out}/sweep-af8-all.dat' with linespoints title 'AAS + movement pruning + EE', \\
     '{out}/sweep-af8-ee.dat' with linespoints title 'EE on the dense model'
""", out / "exit_curve.png")
    for name in ("af8-all", "af8-ee"):
        (out / f"sweep-{name}.dat").unlink()

    stats = {}
    for mode in ("slc", "mlc2", "mlc3"):
        acc = [f["accuracy"] for f in faults if f["mode"] == mode]
        stats[mode] = (sum(acc) / len(acc), min(acc), max(acc), len(acc)) if acc else None

    def fmt(v, spec):
        return format(v, spec) if isinstance(v, (int, float)) else "-"

    lines = [
        "# Results: the trained SST-2 model on the chip's numerics",
        "",
        "Generated by `make results` (tools/results/results.py) from `make train`'s output; "
        "rerun both to reproduce. SST-2 dev set (872 sentences). The model: ALBERT trained from "
        "scratch on SST-2 by tools/train/train.py (12 passes of one shared layer, hidden 128, "
        f"8 heads of 16, FFN 512, embedding 128, vocabulary 4000; "
        f"{report.get('minutes', '?')} min on 2 CPU cores). AF8 rows are the bit-exact golden "
        "model of the accelerator, compiled by `edgebert compile` and calibrated on 64 training "
        "sentences (tests/model/fixtures/sst2_calibration.tsv), never on dev. Cycles are the "
        f"Verilated SoC's (n = 16, driver + firmware, stage lockstep with the golden: bit-exact) "
        f"averaged over the first {args.rtl_count} dev sentences; the speed-up is over the "
        "dense all-layer AF8 model on the same sentences. The small SoC's ReRAM (512 KiB) "
        "holds the embeddings only pruned, so the RTL runs of the rows without embedding pruning "
        "use the same model with 60 % pruned embeddings (the encoder's cycles are compared).",
        "",
        "| model | dev accuracy (%) | average exit layer | heads on | encoder sparsity (%) | "
        "embedding sparsity (%) | threshold (nats) | RTL cycles / sentence | speed-up |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for r in rows:
        lines.append(
            f"| {r['model']} | {r['accuracy']:.2f} | {r['average_exit_layer']:.2f} | "
            f"{r['heads_on']} | {fmt(r.get('encoder_sparsity'), '.1f')} | "
            f"{fmt(r.get('embedding_sparsity'), '.1f')} | {fmt(r.get('threshold'), '.3f')} | "
            f"{fmt(r.get('rtl_cycles'), '.0f')} | {fmt(r.get('speedup'), '.2f')} |")
    lines += [
        "",
        "Average exit layer: 1-based, 12 = every layer. One-shot magnitude rows prune the dense "
        "fine-tuned model at compile time without retraining; the trained rows prune during "
        "training (cubic schedule, after AAS), embeddings pruned once with one shared threshold "
        "and frozen.",
        "",
        "## Early exit: accuracy vs average exit layer (Fig. 4 style)",
        "",
        "![accuracy vs exit layer](results/exit_curve.png)",
        "",
        "Data: results/exit_sweep.csv (AF8 golden; thresholds 0 to 0.695 nats in 0.005 steps).",
        "",
        "## ReRAM cell modes with fault injection (Table III style)",
        "",
        f"The shipped model (EE on) with seeded level faults in the embedding store's value cells; "
        f"{args.fault_seeds} seeds per mode, the first "
        f"{faults[0]['sentences'] if faults else 0} dev sentences per trial. Without faults, on "
        f"the same sentences: {clean['accuracy']:.2f} %.",
        "",
        "| cells | mean accuracy (%) | min (%) | max (%) | trials |",
        "| --- | ---: | ---: | ---: | ---: |",
    ]
    for mode, s in stats.items():
        if s:
            lines.append(f"| {mode.upper()} | {s[0]:.2f} | {s[1]:.2f} | {s[2]:.2f} | {s[3]} |")
    lines += ["", "## RTL runs", ""]
    for name, r in rtl.items():
        at = f" at {r['threshold']:.3f} nats" if "threshold" in r else ""
        lines.append(f"- {name}{at}: {r['sentences']} sentences, {r['average_cycles']:.0f} cycles on "
                     f"average, {r['correct']} labels as in the data, every result bit-exact")
    (args.out / "results.md").write_text("\n".join(lines) + "\n")
    log(f"wrote {args.out / 'results.md'} and {out}/")


if __name__ == "__main__":
    sys.exit(main())
