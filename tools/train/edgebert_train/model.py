"""ALBERT for sequence classification with EdgeBERT's training-time additions.

The forward pass is Hugging Face's AlbertForSequenceClassification (one shared layer, post-
LayerNorm, gelu_new, pooler on [CLS]); export.py checks that transformers computes the same logits
from the exported checkpoint. Added here:
- per-head attention spans (Sukhbaatar et al., ACL 2019, as EdgeBERT uses them: a mask over key
  positions multiplied into the softmax output, no renormalisation, a head with an all-zero mask is
  off), learnable (soft) or fixed to the chip's Q1.7 masks;
- weight masks on the encoder's matmuls for magnitude and movement pruning (pruning.py);
- DeeBERT highways (Xin et al., ACL 2020): an off-ramp (pooler dense + tanh on [CLS], classifier)
  after every layer but the last, which uses the final pooler and classifier.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

import torch
import torch.nn.functional as F
from torch import nn

from .pruning import PrunedLinear


@dataclass
class Shape:
    vocab_size: int = 4000
    embedding_size: int = 128
    hidden_size: int = 128
    num_hidden_layers: int = 12
    num_attention_heads: int = 8
    intermediate_size: int = 512
    max_position_embeddings: int = 128
    type_vocab_size: int = 2
    num_labels: int = 2
    layer_norm_eps: float = 1e-12

    @property
    def head_size(self) -> int:
        return self.hidden_size // self.num_attention_heads


def hardware_span_mask(span: int, length: int, ramp: int) -> torch.Tensor:
    """model::SpanMask as floats: floor(128 * (span + ramp - k) / ramp) clamped to [0, 128], / 128;
    all zero for span 0."""
    if span <= 0:
        return torch.zeros(length)
    k = torch.arange(length)
    q = torch.div(128 * (span + ramp - k), ramp, rounding_mode="trunc").clamp(0, 128)
    return q.float() / 128.0


class Spans(nn.Module):
    """Per-head span masks over key positions.

    Soft (training): mask[h, k] = clamp((z_h - k) / ramp, 0, 1) with z_h learnable in
    [0, max_len + ramp]. That is the chip's ramp for a span of z_h - ramp, and all zero at z_h = 0,
    so a head the L1 penalty drives to 0 is off exactly as the chip turns it off. Fixed: the chip's
    Q1.7 masks for integer spans (hardware_span_mask)."""

    def __init__(self, heads: int, max_len: int, ramp: int):
        super().__init__()
        self.heads, self.max_len, self.ramp = heads, max_len, ramp
        self.z = nn.Parameter(torch.full((heads,), float(max_len + ramp)), requires_grad=False)
        self.register_buffer("fixed", torch.ones(heads, max_len))
        self.mode = "off"  # off (all ones), soft, fixed

    def start(self, span: int) -> None:
        """Soft spans from `span` for every head (beyond the longest training input, the loss
        cannot tell spans apart and the penalty alone would have to walk them down)."""
        with torch.no_grad():
            self.z.fill_(float(min(span, self.max_len) + self.ramp))
        self.z.requires_grad_(True)
        self.mode = "soft"


    def z_max(self) -> float:
        return float(self.max_len + self.ramp)

    def mask(self, length: int) -> torch.Tensor | None:
        if self.mode == "off":
            return None
        if self.mode == "fixed":
            return self.fixed[:, :length]
        k = torch.arange(length, dtype=torch.float32)
        return ((self.z.clamp(0, self.z_max())[:, None] - k[None, :]) / self.ramp).clamp(0, 1)

    def rounded(self) -> list[int]:
        """The chip's spans: z - ramp rounded, 0 (off) when the soft span is within the ramp."""
        return [max(0, int(round(z - self.ramp))) for z in self.z.detach().tolist()]

    def fix(self, spans: list[int]) -> None:
        self.fixed.copy_(torch.stack([hardware_span_mask(s, self.max_len, self.ramp)
                                      for s in spans]))
        self.mode = "fixed"
        self.z.requires_grad_(False)


class AlbertLayer(nn.Module):
    def __init__(self, s: Shape, dropout: float, attention_dropout: float):
        super().__init__()
        h = s.hidden_size
        self.heads, self.head_size = s.num_attention_heads, s.head_size
        self.query = PrunedLinear(h, h)
        self.key = PrunedLinear(h, h)
        self.value = PrunedLinear(h, h)
        self.dense = PrunedLinear(h, h)
        self.attention_norm = nn.LayerNorm(h, eps=s.layer_norm_eps)
        self.ffn = PrunedLinear(h, s.intermediate_size)
        self.ffn_output = PrunedLinear(s.intermediate_size, h)
        self.output_norm = nn.LayerNorm(h, eps=s.layer_norm_eps)
        self.dropout = nn.Dropout(dropout)
        self.attention_dropout = nn.Dropout(attention_dropout)

    def forward(self, x, key_bias, span_mask):
        b, t, h = x.shape
        split = lambda y: y.view(b, t, self.heads, self.head_size).transpose(1, 2)
        q, k, v = split(self.query(x)), split(self.key(x)), split(self.value(x))
        scores = q @ k.transpose(-1, -2) / math.sqrt(self.head_size) + key_bias
        probs = self.attention_dropout(scores.softmax(-1))
        if span_mask is not None:
            probs = probs * span_mask[None, :, None, :]
        context = (probs @ v).transpose(1, 2).reshape(b, t, h)
        attended = self.attention_norm(x + self.dropout(self.dense(context)))
        inner = F.gelu(self.ffn(attended), approximate="tanh")
        return self.output_norm(attended + self.dropout(self.ffn_output(inner)))


class OffRamp(nn.Module):
    """Pooler dense + tanh on [CLS], then the classifier."""

    def __init__(self, s: Shape, dropout: float):
        super().__init__()
        self.pooler = nn.Linear(s.hidden_size, s.hidden_size)
        self.classifier = nn.Linear(s.hidden_size, s.num_labels)
        self.dropout = nn.Dropout(dropout)

    def forward(self, cls):
        return self.classifier(self.dropout(torch.tanh(self.pooler(cls))))


class EdgeAlbert(nn.Module):
    def __init__(self, s: Shape, dropout: float = 0.1, attention_dropout: float = 0.1,
                 span_ramp: int = 32, init_range: float = 0.02):
        super().__init__()
        self.shape = s
        e = s.embedding_size
        self.word = nn.Embedding(s.vocab_size, e)
        self.position = nn.Embedding(s.max_position_embeddings, e)
        self.token_type = nn.Embedding(s.type_vocab_size, e)
        self.embedding_norm = nn.LayerNorm(e, eps=s.layer_norm_eps)
        self.embedding_map = PrunedLinear(e, s.hidden_size)
        self.layer = AlbertLayer(s, dropout, attention_dropout)
        self.final = OffRamp(s, dropout)  # albert.pooler + classifier
        self.highways = nn.ModuleList(OffRamp(s, dropout)
                                      for _ in range(s.num_hidden_layers - 1))
        self.spans = Spans(s.num_attention_heads, s.max_position_embeddings, span_ramp)
        self.dropout = nn.Dropout(dropout)
        for m in self.modules():  # Hugging Face's ALBERT initialisation
            if isinstance(m, (nn.Linear, nn.Embedding)):
                nn.init.normal_(m.weight, std=init_range)
            if isinstance(m, nn.Linear):
                nn.init.zeros_(m.bias)

    def pruned_linears(self) -> dict[str, PrunedLinear]:
        """The encoder matmuls the compiler prunes, by their model-image names."""
        l = self.layer
        return {"embedding_map": self.embedding_map, "query": l.query, "key": l.key,
                "value": l.value, "attention_out": l.dense, "ffn": l.ffn, "ffn_out": l.ffn_output}

    def embedding_tables(self) -> list[nn.Embedding]:
        return [self.word, self.position, self.token_type]

    def encode(self, ids, attention):
        """The hidden state after each layer, [CLS] row only (list of B x H) and the last one."""
        b, t = ids.shape
        positions = torch.arange(t, device=ids.device)
        x = self.word(ids) + self.position(positions)[None] + self.token_type(torch.zeros_like(ids))
        x = self.embedding_map(self.dropout(self.embedding_norm(x)))
        key_bias = (1.0 - attention[:, None, None, :].float()) * torch.finfo(torch.float32).min
        span_mask = self.spans.mask(t)
        cls = []
        for _ in range(self.shape.num_hidden_layers):
            x = self.layer(x, key_bias, span_mask)
            cls.append(x[:, 0])
        return cls

    def forward(self, ids, attention):
        return self.final(self.encode(ids, attention)[-1])

    def off_ramp_logits(self, cls: list[torch.Tensor]) -> list[torch.Tensor]:
        """Each layer's off-ramp logits: its highway, the final classifier after the last."""
        return [self.highways[l](c) for l, c in enumerate(cls[:-1])] + [self.final(cls[-1])]
