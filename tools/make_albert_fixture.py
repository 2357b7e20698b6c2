#!/usr/bin/env python3
"""Writes the Hugging Face parity fixture for the C++ float reference (tests/model/fixtures/albert_tiny).

A small randomly initialised ALBERT for sequence classification (transformers'
AlbertForSequenceClassification, gelu_new, shared layers), saved as config.json +
model.safetensors, plus reference.json: a few token-id inputs with their attention masks and
token types, the logits and every layer's hidden state of [CLS], computed by transformers in
float32. Needs `pip install torch transformers safetensors` (not part of `make test`).

Usage: tools/make_albert_fixture.py [OUTPUT_DIR]
"""
import json
import sys
from pathlib import Path

import torch
from transformers import AlbertConfig, AlbertForSequenceClassification


def main() -> None:
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "tests/model/fixtures/albert_tiny")
    out.mkdir(parents=True, exist_ok=True)
    torch.manual_seed(2026)
    config = AlbertConfig(
        vocab_size=2000, embedding_size=32, hidden_size=64, num_hidden_layers=3,
        num_attention_heads=4, intermediate_size=128, hidden_act="gelu_new",
        max_position_embeddings=64, type_vocab_size=2, layer_norm_eps=1e-12,
        num_labels=2, classifier_dropout_prob=0.0, hidden_dropout_prob=0.0,
        attention_probs_dropout_prob=0.0, initializer_range=0.2)
    model = AlbertForSequenceClassification(config).eval()
    # Non-trivial LayerNorm parameters and biases (initialisation leaves them at 1 and 0).
    with torch.no_grad():
        for name, p in model.named_parameters():
            if "LayerNorm" in name or name.endswith("bias"):
                p.add_(0.1 * torch.randn_like(p))
    model.save_pretrained(out, safe_serialization=True)

    generator = torch.Generator().manual_seed(7)
    cases = []
    for length, pair in ((16, False), (16, True), (32, False)):
        real = length - 5
        ids = [2] + torch.randint(5, 2000, (real,), generator=generator).tolist() + [3]
        types = [0] * len(ids)
        if pair:
            ids += torch.randint(5, 2000, (2,), generator=generator).tolist() + [3]
            types += [1] * 3
        mask = [1] * len(ids) + [0] * (length - len(ids))
        types += [0] * (length - len(ids))
        ids += [0] * (length - len(ids))
        with torch.no_grad():
            result = model(input_ids=torch.tensor([ids]), attention_mask=torch.tensor([mask]),
                           token_type_ids=torch.tensor([types]), output_hidden_states=True)
        cases.append({
            "input_ids": ids, "attention_mask": mask, "token_type_ids": types,
            "logits": result.logits[0].tolist(),
            "cls_hidden_states": [h[0, 0].tolist() for h in result.hidden_states],
        })
    (out / "reference.json").write_text(json.dumps({"cases": cases}, indent=1) + "\n")
    print(f"wrote {out}")


if __name__ == "__main__":
    main()
