"""The Hugging Face layout checkpoint `edgebert compile` reads, the task YAML, and the reference
logits the C++ float reference is tested against.

Checkpoint folder:
  config.json        AlbertConfig of AlbertForSequenceClassification (shared layers: one group,
                     one inner layer; hidden_act gelu_new)
  model.safetensors  Hugging Face's tensor names; pruned weights are stored as zeros. Off-ramps are
                     DeeBERT's highway names, for layers 0 .. L-2 (the last layer exits through the
                     final pooler and classifier):
                       albert.encoder.highway.<l>.pooler.dense.{weight,bias}  hidden x hidden
                       albert.encoder.highway.<l>.classifier.{weight,bias}    labels x hidden
                     transformers ignores them (unexpected keys) and computes the final logits.
  spiece.model       the SentencePiece vocabulary (ALBERT's special pieces at ALBERT's ids)
  task.yaml          the EdgeBERT task: spans, sparsities, pruning method, entropy thresholds
  reference.json     PyTorch float32 logits, off-ramp logits and entropies of the committed sample
                     sentences, spans applied (tests/model: the C++ float reference must agree)
"""
from __future__ import annotations

import json
import math
import shutil
from pathlib import Path

import torch
from safetensors.torch import save_file

from .model import EdgeAlbert

LAYER = "albert.encoder.albert_layer_groups.0.albert_layers.0."


def state_dict(model: EdgeAlbert, highways: bool = True) -> dict[str, torch.Tensor]:
    def linear(prefix, m):
        w = m.effective_weight() if hasattr(m, "effective_weight") else m.weight
        return {prefix + ".weight": w, prefix + ".bias": m.bias}

    def norm(prefix, m):
        return {prefix + ".weight": m.weight, prefix + ".bias": m.bias}

    l = model.layer
    d = {
        "albert.embeddings.word_embeddings.weight": model.word.weight,
        "albert.embeddings.position_embeddings.weight": model.position.weight,
        "albert.embeddings.token_type_embeddings.weight": model.token_type.weight,
        **norm("albert.embeddings.LayerNorm", model.embedding_norm),
        **linear("albert.encoder.embedding_hidden_mapping_in", model.embedding_map),
        **linear(LAYER + "attention.query", l.query),
        **linear(LAYER + "attention.key", l.key),
        **linear(LAYER + "attention.value", l.value),
        **linear(LAYER + "attention.dense", l.dense),
        **norm(LAYER + "attention.LayerNorm", l.attention_norm),
        **linear(LAYER + "ffn", l.ffn),
        **linear(LAYER + "ffn_output", l.ffn_output),
        **norm(LAYER + "full_layer_layer_norm", l.output_norm),
        **linear("albert.pooler", model.final.pooler),
        **linear("classifier", model.final.classifier),
    }
    if highways:
        for i, h in enumerate(model.highways):
            d.update(linear(f"albert.encoder.highway.{i}.pooler.dense", h.pooler))
            d.update(linear(f"albert.encoder.highway.{i}.classifier", h.classifier))
    return {k: v.detach().contiguous().clone().float() for k, v in d.items()}


def config_json(model: EdgeAlbert, dropout: float, attention_dropout: float) -> dict:
    s = model.shape
    return {
        "architectures": ["AlbertForSequenceClassification"],
        "model_type": "albert",
        "vocab_size": s.vocab_size, "embedding_size": s.embedding_size,
        "hidden_size": s.hidden_size, "num_hidden_layers": s.num_hidden_layers,
        "num_attention_heads": s.num_attention_heads, "intermediate_size": s.intermediate_size,
        "num_hidden_groups": 1, "inner_group_num": 1, "hidden_act": "gelu_new",
        "max_position_embeddings": s.max_position_embeddings,
        "type_vocab_size": s.type_vocab_size, "layer_norm_eps": s.layer_norm_eps,
        "hidden_dropout_prob": dropout, "attention_probs_dropout_prob": attention_dropout,
        "classifier_dropout_prob": dropout, "initializer_range": 0.02,
        "pad_token_id": 0, "bos_token_id": 2, "eos_token_id": 3,
        "id2label": {"0": "negative", "1": "positive"},
        "label2id": {"negative": 0, "positive": 1},
    }


def task_yaml(task: dict) -> str:
    """The task file model::LoadTaskConfig reads (yaml/tasks/*.yaml's keys)."""
    lines = [f"# {task['comment']}"] if task.get("comment") else []
    for key in ("task", "labels", "encoder_sparsity", "embedding_sparsity", "pruning"):
        lines.append(f"{key}: {task[key]}")
    lines.append(f"spans: [{', '.join(str(s) for s in task['spans'])}]")
    lines.append(f"span_ramp: {task['span_ramp']}")
    lines.append("entropy_thresholds: [" +
                 ", ".join(f"{t:g}" for t in task["entropy_thresholds"]) + "]")
    lines.append(f"entropy_threshold: {task['entropy_threshold']:g}")
    lines.append(f"off_ramps: {task.get('off_ramps', 'shared')}")
    return "\n".join(lines) + "\n"


def entropy(logits: torch.Tensor) -> torch.Tensor:
    """ln(sum e^x) - sum x e^x / sum e^x over the last axis, maximum subtracted first."""
    x = logits.double() - logits.double().max(-1, keepdim=True).values
    e = x.exp()
    z = e.sum(-1)
    return z.log() - (x * e).sum(-1) / z


def reference(model: EdgeAlbert, samples: list[list[int]]) -> list[dict]:
    model.eval()
    out = []
    with torch.no_grad():
        for ids in samples:
            t = torch.tensor([ids])
            cls = model.encode(t, torch.ones_like(t))
            ramps = model.off_ramp_logits(cls)
            out.append({"ids": ids, "logits": model.final(cls[-1])[0].tolist(),
                        "off_ramp_logits": [r[0].tolist() for r in ramps],
                        "entropies": [float(entropy(r[0])) for r in ramps]})
    return out


def write_checkpoint(folder: Path, model: EdgeAlbert, spiece: Path, task: dict,
                     dropout: float, attention_dropout: float, samples: list[list[int]] | None,
                     highways: bool = True) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    save_file(state_dict(model, highways), str(folder / "model.safetensors"),
              metadata={"format": "pt"})
    (folder / "config.json").write_text(
        json.dumps(config_json(model, dropout, attention_dropout), indent=2) + "\n")
    shutil.copyfile(spiece, folder / "spiece.model")
    (folder / "task.yaml").write_text(task_yaml(task))
    if samples:
        (folder / "reference.json").write_text(json.dumps(
            {"comment": "PyTorch float32 (tools/train), spans of task.yaml applied",
             "cases": reference(model, samples)}, indent=1) + "\n")


def check_with_transformers(folder: Path, model: EdgeAlbert, samples: list[list[int]]) -> float:
    """The largest |logit difference| between transformers' AlbertForSequenceClassification on the
    exported checkpoint and this model with spans off (transformers has no span masks)."""
    from transformers import AlbertForSequenceClassification

    hf = AlbertForSequenceClassification.from_pretrained(str(folder)).eval()
    mode = model.spans.mode
    model.spans.mode = "off"
    model.eval()
    worst = 0.0
    with torch.no_grad():
        for ids in samples:
            t = torch.tensor([ids])
            ours = model(t, torch.ones_like(t))[0]
            theirs = hf(input_ids=t, attention_mask=torch.ones_like(t)).logits[0]
            worst = max(worst, float((ours - theirs).abs().max()))
    model.spans.mode = mode
    if not math.isfinite(worst):
        raise RuntimeError("transformers parity check: non-finite logits")
    return worst
