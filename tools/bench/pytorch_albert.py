"""PyTorch FP32's time for one ALBERT-base sentence, for bench/speed_bench's table.

Hugging Face's AlbertForSequenceClassification at ALBERT-base shapes (random weights, seed 1),
batch 1, one thread, inference mode, every position attended: at T = 128 (the golden model's
and the float reference's padded runs) and at each of --lengths (the timed sentences' own token
counts, which `speed_bench --sentence-lengths` prints). Each time is the median of 7 forwards
after 2 warm-up ones; the own-length figure is their mean over the lengths. Writes "padded S",
"own S" and "torch VERSION" lines to --out. Runs in make train's venv
(tools/train/requirements.txt); `make bench` calls it only when that venv exists.
"""
import argparse
import statistics
import time

import torch
import transformers


def median_forward_seconds(model, length, vocab_size):
    ids = torch.randint(5, vocab_size, (1, length))
    mask = torch.ones_like(ids)
    times = []
    with torch.inference_mode():
        for i in range(9):
            start = time.perf_counter()
            model(input_ids=ids, attention_mask=mask)
            if i >= 2:
                times.append(time.perf_counter() - start)
    return statistics.median(times)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", required=True)
    parser.add_argument("--lengths", type=int, nargs="+", default=[128],
                        help="the sentences' own token counts (default: 128)")
    args = parser.parse_args()
    if any(not 1 <= n <= 512 for n in args.lengths):
        parser.error("--lengths: token counts must be 1 to 512")
    torch.manual_seed(1)
    torch.set_num_threads(1)
    config = transformers.AlbertConfig(
        vocab_size=30000, embedding_size=128, hidden_size=768, num_hidden_layers=12,
        num_attention_heads=12, intermediate_size=3072, hidden_act="gelu_new", num_labels=2)
    model = transformers.AlbertForSequenceClassification(config).eval()
    padded = median_forward_seconds(model, 128, config.vocab_size)
    own = statistics.mean(median_forward_seconds(model, n, config.vocab_size)
                          for n in args.lengths)
    with open(args.out, "w", encoding="utf-8") as f:
        f.write(f"padded {padded:.4f}\nown {own:.4f}\ntorch {torch.__version__}\n")


if __name__ == "__main__":
    main()
