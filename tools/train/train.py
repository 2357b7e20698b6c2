#!/usr/bin/env python3
"""The EdgeBERT training recipe for SST-2 (paper Sec. III-IV), CPU only, seeded.

Stages (each one's dev accuracy goes to training.json):
  1. SentencePiece vocabulary trained on train.tsv.
  2. Fine-tune an ALBERT from scratch (12 passes of one shared layer) with its final classifier.
  3. Adaptive attention span (Sukhbaatar et al. 2019): a learnable soft span per head with an L1
     penalty; spans rounded to the chip's integer spans (0: head off), then fixed.
  4. Embedding magnitude pruning with one shared threshold (then frozen) and encoder movement
     pruning (Sanh et al. 2020) on a cubic schedule; gradual magnitude pruning from the same start,
     for comparison.
  5. DeeBERT off-ramps (Xin et al. 2020), second phase: backbone frozen, one highway per layer
     trained on its own cross-entropy.
  6. Entropy threshold: the largest whose dev accuracy stays within 1 %-pt of no exit, on float32
     (training.json); `make train` then chooses the shipped one on the AF8 golden
     (chip_threshold.py), since AF8 moves the entropies.
  7. Export: Hugging Face layout checkpoints (final model and the variants the results compare),
     task YAMLs, PyTorch reference logits of the sample sentences; transformers checks the logits.
AF8 quantisation is post-training, by `edgebert compile` (calibrated on training sentences).

Usage: train.py [--data DIR] [--out DIR] [--seed N] ...  (make train runs it in build/train-venv)
"""
from __future__ import annotations

import argparse
import copy
import json
import random
import sys
import time
import zlib
from pathlib import Path

import numpy as np
import torch
import torch.nn.functional as F

sys.path.insert(0, str(Path(__file__).resolve().parent))
from chip_threshold import choose as choose_threshold  # noqa: E402  (one rule, float32 and AF8)
from edgebert_train import data as D  # noqa: E402
from edgebert_train.export import (check_with_transformers, entropy,  # noqa: E402
                                   write_checkpoint)
from edgebert_train.model import EdgeAlbert, Shape  # noqa: E402
from edgebert_train.pruning import (achieved_sparsity, cubic_sparsity,  # noqa: E402
                                    prune_embeddings)

REPO = Path(__file__).resolve().parents[2]


def parse_args() -> argparse.Namespace:
    default_data = REPO.parent / "shared" / "data" / "sst2"
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--data", type=Path, default=default_data if default_data.is_dir() else None,
                   help="folder with train.tsv and dev.tsv (default ../shared/data/sst2)")
    p.add_argument("--out", type=Path, default=REPO / "build" / "train")
    p.add_argument("--seed", type=int, default=2026)
    p.add_argument("--threads", type=int, default=2, help="torch threads (results depend on it)")
    p.add_argument("--vocab-size", type=int, default=4000)
    p.add_argument("--hidden", type=int, default=128)
    p.add_argument("--heads", type=int, default=8)
    p.add_argument("--ffn", type=int, default=512)
    p.add_argument("--layers", type=int, default=12)
    p.add_argument("--max-len", type=int, default=64, help="training truncation (tokens)")
    p.add_argument("--batch-size", type=int, default=64)
    p.add_argument("--lr", type=float, default=3e-4)
    p.add_argument("--dropout", type=float, default=0.1)
    p.add_argument("--finetune-epochs", type=float, default=2.5)
    p.add_argument("--aas-epochs", type=float, default=1.0,
                   help="attention-span epochs over the phrases of at least --aas-min-tokens")
    p.add_argument("--aas-min-tokens", type=int, default=20,
                   help="the chip's spans cover key positions, so spans learned on short phrases "
                        "cut off the ends of full sentences: learn them on phrases this long")
    p.add_argument("--span-ramp", type=int, default=32)
    p.add_argument("--span-lr", type=float, default=1.0,
                   help="Adam learning rate of the spans: high enough for them to settle (or reach "
                        "0) within the stage")
    p.add_argument("--span-penalty", type=float, default=0.3,
                   help="L1 weight on the mean span / (max span + ramp)")
    p.add_argument("--prune-epochs", type=float, default=0.5)
    p.add_argument("--encoder-sparsity", type=float, default=0.5)
    p.add_argument("--embedding-sparsity", type=float, default=0.6)
    p.add_argument("--compare-magnitude", action=argparse.BooleanOptionalAction, default=True,
                   help="also prune by gradual magnitude from the same start (comparison)")
    p.add_argument("--ramp-epochs", type=int, default=2, help="off-ramp training epochs")
    p.add_argument("--reuse-finetuned", action="store_true",
                   help="load OUT/finetuned.pt (written by an earlier run with the same data, seed "
                        "and shapes) instead of fine-tuning again: for exploring later stages")
    p.add_argument("--limit", type=int, default=0, help="use only N training sentences (smoke)")
    p.add_argument("--samples", type=Path, default=REPO / "tests/model/fixtures/sst2_sample.tsv",
                   help="sentences whose PyTorch logits are exported for the C++ parity test")
    return p.parse_args()


class Progress:
    """Plain progress lines with the stage's and the whole recipe's ETA, flushed per line."""

    def __init__(self, planned_steps: float):
        self.planned, self.done, self.start = planned_steps, 0.0, time.time()
        self.last = 0.0

    def stage(self, name: str, steps: int):
        self.name, self.steps, self.step, self.stage_start = name, steps, 0, time.time()
        log(f"{name}: {steps} steps")

    def tick(self, loss: float, extra: str = ""):
        self.step += 1
        self.done += 1
        now = time.time()
        if now - self.last < 15 and self.step != self.steps:
            return
        self.last = now
        rate = (now - self.start) / max(self.done, 1)
        stage_eta = (self.steps - self.step) * (now - self.stage_start) / self.step
        total_eta = max(self.planned - self.done, 0) * rate
        log(f"{self.name}: step {self.step}/{self.steps} loss {loss:.4f}{extra} "
            f"| stage ETA {stage_eta / 60:.1f} min, recipe ETA {total_eta / 60:.1f} min")


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", flush=True)


def evaluate(model: EdgeAlbert, dev: D.Encoded, batch_size: int = 128) -> dict:
    """Dev accuracy of the final classifier and every off-ramp's logits (for the exit sweep)."""
    model.eval()
    ramps = []
    with torch.no_grad():
        for batch in D.sequential_batches(len(dev.ids), batch_size):
            ids, mask = D.pad_batch([dev.ids[i] for i in batch])
            ramps.append(torch.stack(model.off_ramp_logits(model.encode(ids, mask)), 1))
    logits = torch.cat(ramps)  # sentences x layers x labels
    labels = torch.tensor(dev.labels)
    correct = (logits[:, -1].argmax(-1) == labels).float()
    return {"accuracy": 100.0 * float(correct.mean()), "ramp_logits": logits, "labels": labels}


def exit_sweep(ramp_logits: torch.Tensor, labels: torch.Tensor) -> list[dict]:
    """Accuracy and average exit layer (1-based) per entropy threshold: exit at the first layer
    whose off-ramp entropy is below the threshold, else after the last."""
    h = entropy(ramp_logits)  # sentences x layers
    layers = h.shape[1]
    rows = []
    for threshold in [0.0] + [round(0.005 * i, 3) for i in range(1, 139)]:
        below = (h < threshold).float()
        below[:, -1] = 1.0
        exit_at = below.argmax(1)
        pred = ramp_logits[torch.arange(len(labels)), exit_at].argmax(-1)
        rows.append({"threshold": threshold,
                     "accuracy": 100.0 * float((pred == labels).float().mean()),
                     "average_exit_layer": float(exit_at.float().mean() + 1),
                     "layers": layers})
    return rows


def train_epochs(model, train: D.Encoded, epochs: float, groups: list[dict], progress: Progress,
                 name: str, rng: random.Random, batch_size: int, on_step=None, penalty=None):
    """AdamW with a linear warm-up (10 %) and linear decay, bucketed batches."""
    per_epoch = D.steps_per_epoch(train, batch_size)
    total = max(1, int(epochs * per_epoch))
    optimizer = torch.optim.AdamW(groups)
    base = [g["lr"] for g in optimizer.param_groups]
    progress.stage(name, total)
    batches: list[list[int]] = []
    model.train()
    for step in range(total):
        if not batches:
            batches = D.bucketed_batches(train, batch_size, rng)
        batch = batches.pop()
        warm = 0.1 * total
        scale = (step + 1) / warm if step < warm else max(0.0, (total - step) / (total - warm))
        for g, lr in zip(optimizer.param_groups, base):
            g["lr"] = lr * scale
        if on_step:
            on_step(step, total)
        ids, mask = D.pad_batch([train.ids[i] for i in batch])
        labels = torch.tensor([train.labels[i] for i in batch])
        loss = F.cross_entropy(model(ids, mask), labels)
        total_loss = loss + penalty() if penalty else loss
        optimizer.zero_grad(set_to_none=True)
        total_loss.backward()
        torch.nn.utils.clip_grad_norm_([p for g in groups for p in g["params"]], 1.0)
        optimizer.step()
        extra = ""
        if model.spans.mode == "soft":
            extra = f", mean span {float(model.spans.z.detach().mean()) - model.spans.ramp:.1f}"
        progress.tick(loss.item(), extra)
    model.eval()


def weights_of(model, exclude: tuple[str, ...] = ()) -> list[dict]:
    decay, no_decay = [], []
    for name, p in model.named_parameters():
        if not p.requires_grad or any(name.startswith(e) for e in exclude):
            continue
        (no_decay if p.ndim < 2 or "norm" in name else decay).append(p)
    return [{"params": decay, "weight_decay": 0.01}, {"params": no_decay, "weight_decay": 0.0}]


def train_off_ramps(model: EdgeAlbert, train: D.Encoded, epochs: int, rng: random.Random,
                    progress: Progress, batch_size: int) -> None:
    """DeeBERT's second phase. The backbone is frozen, so each sentence's [CLS] states are computed
    once (eval mode) and the highways train on them; each starts from the final off-ramp."""
    model.eval()
    feats = []
    order = D.bucketed_batches(train, 256, random.Random(0))
    progress.stage("off-ramps: [CLS] states", len(order))
    index = []
    with torch.no_grad():
        for batch in order:
            ids, mask = D.pad_batch([train.ids[i] for i in batch])
            feats.append(torch.stack(model.encode(ids, mask)[:-1], 1))
            index += batch
            progress.tick(0.0)
    feats = torch.cat(feats)
    labels = torch.tensor([train.labels[i] for i in index])
    for highway in model.highways:
        highway.load_state_dict(model.final.state_dict())
    params = [p for h in model.highways for p in h.parameters()]
    optimizer = torch.optim.AdamW(params, lr=1e-3, weight_decay=0.01)
    steps = epochs * ((len(labels) + batch_size - 1) // batch_size)
    progress.stage("off-ramps: highways", steps)
    model.highways.train()
    for _ in range(epochs):
        generator = torch.Generator().manual_seed(rng.randrange(2**31))
        perm = torch.randperm(len(labels), generator=generator)
        for i in range(0, len(labels), batch_size):
            sel = perm[i : i + batch_size]
            loss = sum(F.cross_entropy(h(feats[sel, l]), labels[sel])
                       for l, h in enumerate(model.highways))
            optimizer.zero_grad(set_to_none=True)
            loss.backward()
            optimizer.step()
            progress.tick(loss.item() / len(model.highways))
    model.eval()


def main() -> int:
    args = parse_args()
    if args.data is None:
        print("train: no --data and ../shared/data/sst2 does not exist", file=sys.stderr)
        return 2
    torch.set_num_threads(args.threads)
    random.seed(args.seed)
    np.random.seed(args.seed)
    torch.manual_seed(args.seed)

    def seeded(stage: str) -> random.Random:
        """Each stage's own random streams (batch order, dropout, masks): a stage gives the same
        result whether or not the stages before it ran in this process (--reuse-finetuned)."""
        torch.manual_seed(zlib.crc32(f"{args.seed}:{stage}".encode()))
        return random.Random(f"{args.seed}:{stage}")

    started = time.time()
    out: Path = args.out
    out.mkdir(parents=True, exist_ok=True)
    try:
        train_examples = D.read_tsv(args.data / "train.tsv")
        dev_examples = D.read_tsv(args.data / "dev.tsv")
        sample_examples = D.read_tsv(args.samples)
    except D.DataError as e:
        print(f"train: {e}", file=sys.stderr)
        return 2
    if args.limit:
        train_examples = train_examples[: args.limit]
    log(f"data: {len(train_examples)} training phrases, {len(dev_examples)} dev sentences "
        f"from {args.data}")

    try:
        spiece = D.train_sentencepiece([e.text for e in train_examples], out / "spiece",
                                       args.vocab_size, args.seed)
    except RuntimeError as e:  # e.g. a --vocab-size the (--limit'ed) phrases cannot fill
        print(f"train: SentencePiece: {str(e).splitlines()[-1]} (--vocab-size)", file=sys.stderr)
        return 2
    encoder = D.Encoder(spiece)
    shape = Shape(vocab_size=args.vocab_size, hidden_size=args.hidden,
                  num_attention_heads=args.heads, intermediate_size=args.ffn,
                  num_hidden_layers=args.layers)
    train = D.encode(encoder, train_examples, args.max_len, name="train.tsv")
    dev = D.encode(encoder, dev_examples, shape.max_position_embeddings, name="dev.tsv")
    samples = [encoder.ids(e.text, shape.max_position_embeddings) for e in sample_examples]
    log(f"vocabulary: {args.vocab_size} pieces; training tokens per phrase "
        f"{np.mean([len(x) for x in train.ids]):.1f}, dev {np.mean([len(x) for x in dev.ids]):.1f}")

    long_train = D.subset(train, lambda ids: len(ids) >= args.aas_min_tokens)
    per_epoch = D.steps_per_epoch(train, args.batch_size)
    # Progress counts steps; a long-phrase step costs about twice an average one.
    aas_steps = 2 * args.aas_epochs * D.steps_per_epoch(long_train, args.batch_size)
    prune_runs = 2 if args.compare_magnitude else 1
    planned = per_epoch * (args.finetune_epochs + prune_runs * args.prune_epochs) + aas_steps
    planned += 2 * (len(train.ids) / 256 * 0.35 + args.ramp_epochs * per_epoch * 0.02)
    progress = Progress(planned)
    model = EdgeAlbert(shape, dropout=args.dropout, attention_dropout=args.dropout,
                       span_ramp=args.span_ramp)
    report: dict = {"args": {k: str(v) for k, v in vars(args).items()}, "stages": {},
                    "torch": torch.__version__, "threads": args.threads}

    def record(stage: str, **values):
        report["stages"][stage] = {**values, "minutes": round((time.time() - started) / 60, 2)}
        log(f"{stage}: " + ", ".join(f"{k} {v:.2f}" if isinstance(v, float) else f"{k} {v}"
                                     for k, v in values.items()))

    # 2. Fine-tune backbone + classifier (highways untouched until stage 5).
    finetuned = out / "finetuned.pt"
    if args.reuse_finetuned:
        model.load_state_dict(torch.load(finetuned))
        progress.planned -= per_epoch * args.finetune_epochs
        log(f"fine-tune: reusing {finetuned}")
    else:
        groups = [{**g, "lr": args.lr} for g in weights_of(model, exclude=("highways", "spans"))]
        train_epochs(model, train, args.finetune_epochs, groups, progress, "fine-tune",
                     seeded("fine-tune"), args.batch_size)
        torch.save(model.state_dict(), finetuned)
    dense_eval = evaluate(model, dev)
    record("fine-tune", dev_accuracy=dense_eval["accuracy"])
    dense = copy.deepcopy(model)

    # 3. Adaptive attention span, on the long phrases (dev sentences are twice as long as the
    # average training phrase; a span only pays for keys the training inputs have).
    model.spans.start(args.max_len)
    z_max = model.spans.z_max()
    penalty = lambda: args.span_penalty * model.spans.z.clamp(0, z_max).mean() / z_max
    groups = [{**g, "lr": args.lr / 3} for g in weights_of(model, exclude=("highways", "spans"))]
    groups.append({"params": [model.spans.z], "lr": args.span_lr, "weight_decay": 0.0})
    train_epochs(model, long_train, args.aas_epochs, groups, progress, "attention span",
                 seeded("attention span"), args.batch_size, penalty=penalty)
    soft_spans = [round(float(z) - args.span_ramp, 2) for z in model.spans.z.detach()]
    spans = model.spans.rounded()
    model.spans.fix(spans)
    aas_eval = evaluate(model, dev)
    record("attention span", dev_accuracy=aas_eval["accuracy"], spans=spans,
           soft_spans=soft_spans, heads_on=sum(s > 0 for s in spans))
    aas = copy.deepcopy(model)

    # 4. Pruning: embeddings once (shared threshold, then frozen), encoder gradually.
    def prune(method: str) -> EdgeAlbert:
        m = copy.deepcopy(aas)
        threshold = prune_embeddings(m.embedding_tables(), args.embedding_sparsity)
        for linear in m.pruned_linears().values():
            linear.start(method)

        def schedule(step, total):
            s = cubic_sparsity(step, total, args.encoder_sparsity)
            for linear in m.pruned_linears().values():
                linear.sparsity = s

        groups = [{**g, "lr": args.lr / 3} for g in weights_of(m, exclude=("highways", "spans"))]
        scores = [l.scores for l in m.pruned_linears().values() if l.scores is not None]
        if scores:  # Sanh et al.: the scores learn faster than the weights
            groups = [{**g, "params": [p for p in g["params"] if all(p is not s for s in scores)]}
                      for g in groups]
            groups.append({"params": scores, "lr": 1e-2, "weight_decay": 0.0})
        train_epochs(m, train, args.prune_epochs, groups, progress, f"{method} pruning",
                     seeded(f"{method} pruning"), args.batch_size, on_step=schedule)
        for linear in m.pruned_linears().values():
            linear.freeze()
        enc = achieved_sparsity([l.weight for l in m.pruned_linears().values()])
        emb = achieved_sparsity([t.weight for t in m.embedding_tables()])
        result = evaluate(m, dev)
        record(f"{method} pruning", dev_accuracy=result["accuracy"], encoder_sparsity=enc,
               embedding_sparsity=emb, embedding_threshold=threshold)
        return m

    final = prune("movement")
    magnitude = prune("magnitude") if args.compare_magnitude else None

    # 5. Off-ramps on the final backbone and on the dense one (early exit alone).
    for name, m in (("final", final), ("dense", dense)):
        train_off_ramps(m, train, args.ramp_epochs, seeded(f"off-ramps ({name})"), progress,
                        args.batch_size)
        result = evaluate(m, dev)
        sweep = exit_sweep(result["ramp_logits"], result["labels"])
        chosen, listed = choose_threshold(sweep)
        at = next(r for r in sweep if r["threshold"] == chosen)
        per_layer = [100.0 * float((result["ramp_logits"][:, l].argmax(-1) == result["labels"])
                                   .float().mean()) for l in range(shape.num_hidden_layers)]
        record(f"off-ramps ({name})", dev_accuracy=result["accuracy"], threshold=chosen,
               exit_accuracy=at["accuracy"], average_exit_layer=at["average_exit_layer"],
               off_ramp_accuracy=[round(a, 2) for a in per_layer])
        report["stages"][f"off-ramps ({name})"]["sweep"] = sweep
        report["stages"][f"off-ramps ({name})"]["thresholds"] = listed

    # 7. Export: the final model and the variants the results compare.
    final_ramps = report["stages"]["off-ramps (final)"]
    dense_ramps = report["stages"]["off-ramps (dense)"]
    all_on = [shape.max_position_embeddings] * shape.num_attention_heads
    base_task = {"labels": 2, "span_ramp": args.span_ramp, "embedding_sparsity": 0,
                 "encoder_sparsity": 0, "pruning": "movement"}
    variants = {
        "sst2-albert": (final, {
            **base_task, "task": "sst2", "spans": spans, "pruning": "movement",
            "encoder_sparsity": args.encoder_sparsity,
            "embedding_sparsity": args.embedding_sparsity,
            "entropy_thresholds": final_ramps["thresholds"],
            "entropy_threshold": final_ramps["threshold"],
            "comment": "EdgeBERT SST-2, trained by tools/train/train.py: AAS spans, movement-"
                       "pruned encoder, pruned embeddings, threshold within 1 %-pt of no exit and "
                       "float32 on the AF8 golden (chip_threshold.py)"},
            True),
        "dense": (dense, {**base_task, "task": "sst2-dense", "spans": all_on,
                          "entropy_thresholds": dense_ramps["thresholds"],
                          "entropy_threshold": dense_ramps["threshold"],
                          "comment": "the fine-tuned dense model with its off-ramps"}, True),
        "aas": (aas, {**base_task, "task": "sst2-aas", "spans": spans,
                      "entropy_thresholds": [0.1], "entropy_threshold": 0.1, "off_ramps": "none",
                      "comment": "dense, attention spans learned and fixed"}, False),
    }
    if magnitude is not None:
        variants["magnitude"] = (magnitude, {
            **base_task, "task": "sst2-magnitude", "spans": spans, "pruning": "movement",
            "entropy_thresholds": [0.1], "entropy_threshold": 0.1, "off_ramps": "none",
            "comment": "AAS, then gradual magnitude pruning (zeros kept as they are)"}, False)
    for name, (m, task, highways) in variants.items():
        folder = out / name
        write_checkpoint(folder, m, spiece, task, args.dropout, args.dropout,
                         samples if name == "sst2-albert" else None, highways)
        log(f"export: {folder}")
    worst = check_with_transformers(out / "sst2-albert", final, samples)
    record("transformers parity", max_logit_difference=worst)
    if worst > 1e-4:
        print(f"train: transformers' logits differ by {worst}", file=sys.stderr)
        return 1
    report["minutes"] = round((time.time() - started) / 60, 2)
    (out / "training.json").write_text(json.dumps(report, indent=1) + "\n")
    log(f"done in {report['minutes']:.1f} min: {out / 'sst2-albert'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
