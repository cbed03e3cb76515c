"""Prints the table of benchmarks/compare-pytorch from its JSON lines: for each thread count and
measure, the median over the rounds of each framework, its range, and the ratio Myelin/PyTorch
(written so that above 1 means Myelin is ahead: for times and memory the ratio is PyTorch/Myelin).

    python3 summarise_comparison.py RESULTS.jsonl "MACHINE" "JDK" ["PYTORCH SETTINGS"]
"""
import json
import statistics
import sys

MEASURES = [  # key, label, higher is better
    ("train_images_per_s", "training, images/s (median epoch)", True),
    ("step_ms", "training step at batch 64, ms", False),
    ("inference_images_per_s", "inference at batch 256, images/s", True),
    ("peak_rss_mb", "peak RSS, MB", False),
    ("test_accuracy", "test accuracy after the epochs", True),
]


def value(run, key):
    v = run[key]
    return statistics.median(v) if isinstance(v, list) else v


def main():
    path, machine, jdk = sys.argv[1:4]
    settings = sys.argv[4] if len(sys.argv) > 4 else ""
    runs = [json.loads(line) for line in open(path) if line.strip()]
    torch_version = next((r["version"] for r in runs if r["framework"] == "pytorch"), "?")
    data = {r["data"] for r in runs}
    epochs = {r["epochs"] for r in runs}
    rounds = sum(1 for r in runs if r["framework"] == "myelin" and r["threads"] == 1)
    print(f"machine: {machine}")
    print(f"Myelin on {jdk}; PyTorch {torch_version}; data: {', '.join(sorted(data))}; "
          f"{', '.join(map(str, sorted(epochs)))} epoch(s) per run; {rounds} round(s), alternated")
    if any(r.get("shared_start") for r in runs if r["framework"] == "pytorch"):
        print("each PyTorch run started from the initial weights and followed the image orders of the Myelin run before it")
    if settings:
        print(f"settings: {settings}")
    if data == {"random"}:
        print("(random images: the speeds hold, the accuracies mean nothing)")
    print()
    print("| threads | measure | Myelin median (range) | PyTorch median (range) | Myelin/PyTorch |")
    print("| --- | --- | --- | --- | --- |")
    for threads in sorted({r["threads"] for r in runs}):
        for key, label, higher_better in MEASURES:
            sides = {}
            for framework in ("myelin", "pytorch"):
                values = [value(r, key) for r in runs if r["framework"] == framework and r["threads"] == threads]
                sides[framework] = values
            if not sides["myelin"] or not sides["pytorch"]:
                continue
            m = statistics.median(sides["myelin"])
            p = statistics.median(sides["pytorch"])
            ratio = (m / p) if higher_better else (p / m)
            fmt = "{:.4f}" if key == "test_accuracy" else "{:,.1f}"
            def cell(values, mid):
                return f"{fmt.format(mid)} ({fmt.format(min(values))}–{fmt.format(max(values))})"
            shown = f"{m - p:+.4f} (difference)" if key == "test_accuracy" else f"{ratio:.2f}×"
            print(f"| {threads} | {label} | {cell(sides['myelin'], m)} | {cell(sides['pytorch'], p)} | {shown} |")


if __name__ == "__main__":
    main()
