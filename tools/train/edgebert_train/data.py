"""SST-2 data: reading the GLUE TSV files, the SentencePiece vocabulary, encoding, batching.

The encoding follows the C++ tokenizer (sw/model/tokenizer.cc) exactly, so the ids the PyTorch
model trains on are the ids the chip sees: ALBERT's normalisation (lower case, `` and '' as ",
runs of whitespace to one space), SentencePiece pieces, [CLS] text [SEP], truncation at the end.
"""
from __future__ import annotations

import contextlib
import math
import random
import re
import time
from dataclasses import dataclass
from pathlib import Path

import sentencepiece as spm
import torch

# ALBERT's special pieces at ALBERT's ids (the C++ tokenizer looks them up by name).
PAD, UNK, CLS, SEP, MASK = 0, 1, 2, 3, 4


class DataError(Exception):
    """Bad input data: the message names the file and line."""


@dataclass
class Example:
    label: int
    text: str


def read_tsv(path: Path) -> list[Example]:
    """A GLUE TSV (header line, then `label<TAB>text`); labels 0 or 1."""
    if not path.is_file():
        raise DataError(f"{path}: no such file")
    examples = []
    with path.open(encoding="utf-8") as f:
        for number, line in enumerate(f, start=1):
            line = line.rstrip("\n")
            if number == 1:
                if not line.startswith("label\t"):
                    raise DataError(f"{path}:1: expected the header 'label<TAB>sentence'")
                continue
            if not line.strip():
                continue
            fields = line.split("\t")
            if len(fields) != 2:
                raise DataError(f"{path}:{number}: expected 2 tab-separated fields, "
                                f"found {len(fields)}")
            label, text = fields
            if label not in ("0", "1"):
                raise DataError(f"{path}:{number}: label {label!r} is not 0 or 1")
            if not text.strip():
                raise DataError(f"{path}:{number}: empty sentence")
            examples.append(Example(int(label), text))
    if not examples:
        raise DataError(f"{path}: no examples")
    return examples


def normalize(text: str) -> str:
    """ALBERT's text preprocessing, as model::Tokenizer::Normalize does it."""
    text = text.replace("``", '"').replace("''", '"')
    return re.sub(r"\s+", " ", text).strip().lower()


def train_sentencepiece(sentences: list[str], prefix: Path, vocab_size: int, seed: int) -> Path:
    """A unigram model with ALBERT's special pieces at ALBERT's ids; returns the .model path."""
    prefix.parent.mkdir(parents=True, exist_ok=True)
    corpus = prefix.with_suffix(".txt")
    corpus.write_text("\n".join(normalize(s) for s in sentences) + "\n", encoding="utf-8")
    spm.set_random_generator_seed(seed)
    # The model records its input and prefix paths: relative ones keep it byte-identical
    # whichever output folder it was trained in.
    with contextlib.chdir(prefix.parent):
        spm.SentencePieceTrainer.train(
            input=corpus.name, model_prefix=prefix.name, vocab_size=vocab_size,
            model_type="unigram", character_coverage=1.0, pad_id=PAD, unk_id=UNK, bos_id=-1,
            eos_id=-1, user_defined_symbols=["[CLS]", "[SEP]", "[MASK]"],
            shuffle_input_sentence=False, num_threads=1, minloglevel=2)
    corpus.unlink()
    prefix.with_suffix(".vocab").unlink(missing_ok=True)
    return prefix.with_suffix(".model")


class Encoder:
    def __init__(self, model: Path):
        self.sp = spm.SentencePieceProcessor(model_file=str(model))
        for piece, want in (("<pad>", PAD), ("[CLS]", CLS), ("[SEP]", SEP), ("[MASK]", MASK)):
            if self.sp.piece_to_id(piece) != want:
                raise DataError(f"{model}: piece {piece} is not at id {want}")

    def ids(self, text: str, max_length: int) -> list[int]:
        """[CLS] pieces [SEP], the pieces cut to fit max_length (no padding)."""
        pieces = self.sp.encode(normalize(text))[: max_length - 2]
        return [CLS] + pieces + [SEP]


@dataclass
class Encoded:
    ids: list[list[int]]
    labels: list[int]


def encode(encoder: Encoder, examples: list[Example], max_length: int, name: str = "",
           every_s: float = 2.0) -> Encoded:
    """The examples' ids. With a name, a long encoding (SST-2's 67k training phrases) prints
    `encoding NAME: done/total phrases, ETA` at most every `every_s` seconds, flushed per line."""
    ids: list[list[int]] = []
    start = last = time.monotonic()
    printed = False
    for i, e in enumerate(examples, start=1):
        ids.append(encoder.ids(e.text, max_length))
        now = time.monotonic()
        if name and (now - last >= every_s or (printed and i == len(examples))):
            last, printed = now, True
            print(progress_text(f"encoding {name}", i, len(examples), now - start), flush=True)
    return Encoded(ids, [e.label for e in examples])


def progress_text(what: str, done: int, total: int, elapsed_s: float) -> str:
    """`what: done/total, ETA 4m10s` (`done in 12s` at the end), as sw/util/progress.h writes."""
    if done >= total:
        return f"{what}: {done}/{total}, done in {format_duration(elapsed_s)}"
    eta = format_duration(elapsed_s / done * (total - done)) if done > 0 else "?"
    return f"{what}: {done}/{total}, ETA {eta}"


def format_duration(seconds: float) -> str:
    """42s, 4m10s, 2h05m: whole seconds rounded up."""
    s = math.ceil(max(0.0, seconds))
    if s < 60:
        return f"{s}s"
    if s < 3600:
        return f"{s // 60}m{s % 60:02d}s"
    return f"{s // 3600}h{s % 3600 // 60:02d}m"


def subset(data: Encoded, keep) -> Encoded:
    """The examples whose ids `keep` accepts."""
    chosen = [i for i, ids in enumerate(data.ids) if keep(ids)]
    return Encoded([data.ids[i] for i in chosen], [data.labels[i] for i in chosen])


def pad_batch(ids: list[list[int]]) -> tuple[torch.Tensor, torch.Tensor]:
    """ids and attention mask, padded to the longest sequence of the batch."""
    width = max(len(x) for x in ids)
    out = torch.full((len(ids), width), PAD, dtype=torch.long)
    mask = torch.zeros((len(ids), width), dtype=torch.long)
    for i, x in enumerate(ids):
        out[i, : len(x)] = torch.tensor(x)
        mask[i, : len(x)] = 1
    return out, mask


def bucketed_batches(data: Encoded, batch_size: int, rng: random.Random) -> list[list[int]]:
    """Index batches of similar lengths (cheap padding), in random order: sort by length with a
    random tie-break, cut into batches, shuffle the batches."""
    order = sorted(range(len(data.ids)), key=lambda i: (len(data.ids[i]), rng.random()))
    batches = [order[i : i + batch_size] for i in range(0, len(order), batch_size)]
    rng.shuffle(batches)
    return batches


def sequential_batches(count: int, batch_size: int) -> list[list[int]]:
    return [list(range(i, min(i + batch_size, count))) for i in range(0, count, batch_size)]


def steps_per_epoch(data: Encoded, batch_size: int) -> int:
    return math.ceil(len(data.ids) / batch_size)
