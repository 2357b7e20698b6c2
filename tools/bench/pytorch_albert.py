"""PyTorch FP32's time for one ALBERT-base sentence, for bench/speed_bench's table.

Hugging Face's AlbertForSequenceClassification at ALBERT-base shapes (random weights, seed 1),
batch 1, T = 128 (every position attended, as the float reference's padded run), one thread,
inference mode: the median of 7 forwards after 2 warm-up ones. Writes "<seconds> <torch version>"
to --out. Runs in make train's venv (tools/train/requirements.txt); `make bench` calls it only
when that venv exists.
"""
import argparse
import statistics
import time

import torch
import transformers


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", required=True)
    args = parser.parse_args()
    torch.manual_seed(1)
    torch.set_num_threads(1)
    config = transformers.AlbertConfig(
        vocab_size=30000, embedding_size=128, hidden_size=768, num_hidden_layers=12,
        num_attention_heads=12, intermediate_size=3072, hidden_act="gelu_new", num_labels=2)
    model = transformers.AlbertForSequenceClassification(config).eval()
    ids = torch.randint(5, config.vocab_size, (1, 128))
    mask = torch.ones_like(ids)
    times = []
    with torch.inference_mode():
        for i in range(9):
            start = time.perf_counter()
            model(input_ids=ids, attention_mask=mask)
            if i >= 2:
                times.append(time.perf_counter() - start)
    with open(args.out, "w", encoding="utf-8") as f:
        f.write(f"{statistics.median(times):.4f} {torch.__version__}\n")


if __name__ == "__main__":
    main()
