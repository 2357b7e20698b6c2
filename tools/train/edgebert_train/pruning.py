"""Weight pruning for the encoder's matmuls.

- Magnitude pruning (Han et al.; EdgeBERT's choice at low and medium sparsity): keep the largest
  |w| of each matrix. Gradual: the kept fraction follows the cubic schedule below and the mask is
  recomputed from the current weights at every step.
- Movement pruning (Sanh, Wolf and Rush, NeurIPS 2020): each weight has a learned importance score;
  the mask keeps each matrix's top-k scores, and a straight-through estimator passes the masked
  weights' gradient to the scores (dL/dS = dL/dW' * W), so the scores accumulate -w * dL/dw, the
  weights' movement away from zero.
- The cubic sparsity schedule (Zhu and Gupta 2017, as Sanh et al. use it): 0 during a warm-up,
  then s(t) = s_f + (0 - s_f) * (1 - (t - t0) / (t1 - t0))^3, then s_f during a cool-down.
The embeddings are pruned once, by one magnitude threshold shared by the three tables (the
threshold every task would share: the ReRAM holds one set of embeddings), then frozen.
"""
from __future__ import annotations

import torch
import torch.nn.functional as F
from torch import nn


class _TopKStraightThrough(torch.autograd.Function):
    @staticmethod
    def forward(ctx, scores, keep: float):
        k = max(1, int(round(keep * scores.numel())))
        mask = torch.zeros_like(scores)
        mask.view(-1)[scores.view(-1).topk(k, sorted=False).indices] = 1.0
        return mask

    @staticmethod
    def backward(ctx, grad):
        return grad, None


def keep_mask(values: torch.Tensor, sparsity: float) -> torch.Tensor:
    """1 for the largest (1 - sparsity) of `values`, 0 elsewhere."""
    if sparsity <= 0:
        return torch.ones_like(values)
    return _TopKStraightThrough.apply(values, 1.0 - sparsity)


class PrunedLinear(nn.Linear):
    """nn.Linear whose weight is multiplied by a mask: none, fixed, magnitude or movement."""

    def __init__(self, in_features: int, out_features: int):
        super().__init__(in_features, out_features)
        self.mode = "none"
        self.sparsity = 0.0
        self.scores = None
        self.register_buffer("fixed_mask", torch.ones(out_features, in_features))

    def start(self, mode: str) -> None:
        """Begins magnitude or movement pruning (sparsity 0 until the schedule raises it)."""
        self.mode = mode
        self.sparsity = 0.0
        if mode == "movement":
            # Sanh et al.'s constant initialisation: the mask follows the scores' movement.
            self.scores = nn.Parameter(torch.zeros_like(self.weight))

    def mask(self) -> torch.Tensor:
        if self.mode == "magnitude":
            return keep_mask(self.weight.detach().abs(), self.sparsity)
        if self.mode == "movement":
            return keep_mask(self.scores, self.sparsity)
        return self.fixed_mask

    def freeze(self) -> None:
        """Fixes the current mask and zeroes the pruned weights (what is exported)."""
        with torch.no_grad():
            self.fixed_mask.copy_(self.mask().detach())
            self.weight.mul_(self.fixed_mask)
        self.mode, self.scores = "fixed", None

    def effective_weight(self) -> torch.Tensor:
        return self.weight if self.mode == "none" else self.weight * self.mask()

    def forward(self, x):
        return F.linear(x, self.effective_weight(), self.bias)


def cubic_sparsity(step: int, total: int, final: float, warmup: float = 0.1,
                   cooldown: float = 0.3) -> float:
    """The cubic schedule over `total` steps: 0 for the first `warmup` fraction, final for the
    last `cooldown` fraction, cubic in between."""
    t0, t1 = warmup * total, (1.0 - cooldown) * total
    if step <= t0:
        return 0.0
    if step >= t1:
        return final
    return final * (1.0 - (1.0 - (step - t0) / (t1 - t0)) ** 3)


def prune_embeddings(tables: list[nn.Embedding], sparsity: float) -> float:
    """Zeroes |w| below one threshold shared by all tables (sparsity of their union), freezes them
    and returns the threshold. The threshold rule is the compiler's (model::SharedMagnitude-
    Threshold): the magnitude at index floor(sparsity * N) of the sorted magnitudes."""
    with torch.no_grad():
        magnitudes = torch.cat([t.weight.abs().flatten() for t in tables])
        cut = int(sparsity * magnitudes.numel())
        threshold = float(magnitudes.kthvalue(cut + 1).values) if sparsity > 0 else 0.0
        for t in tables:
            t.weight.mul_((t.weight.abs() >= threshold).float())
            t.weight.requires_grad_(False)
    return threshold


def achieved_sparsity(tensors: list[torch.Tensor]) -> float:
    zeros = sum(int((t == 0).sum()) for t in tensors)
    return zeros / sum(t.numel() for t in tensors)
