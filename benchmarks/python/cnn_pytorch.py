"""PyTorch's side of benchmarks/compare-pytorch: the reference CNN trained with the recipe that
dev.myelin.benchmarks.CnnRecipeRun follows in Myelin, printed as one JSON line.

The recipe: He-normal weights (fan in, ReLU gain) and zero biases; Adam, lr 1e-3; batch 64,
shuffled, the last incomplete batch dropped; no augmentation; pixels divided by 255; the 60,000
training images already in memory as one tensor. It measures, in this order: EPOCHS epochs of
training (images/s of each), the test accuracy after them, ms per training step at batch 64 (the
median of 60 steps after 20 untimed ones), inference images/s at batch 256 over the test images (the
best of three passes), and the peak resident memory of the process.

    OPENBLAS_NUM_THREADS=1 python3 cnn_pytorch.py --threads 2 --epochs 3 [--data DIR]

Without --data it trains on random images of the same shapes: speed only, and the JSON says so.
With --share PREFIX it starts from the weights and follows the image orders that CnnRecipeRun wrote
(PREFIX.safetensors, PREFIX.order), so that both sides train the same draw.
"""
import argparse
import gzip
import json
import os
import struct
import resource
import time

import numpy as np
import torch
from torch import nn

BATCH = 64
INFERENCE_BATCH = 256
WARM_STEPS = 20
TIMED_STEPS = 60


def idx(path, header):
    with gzip.open(path, "rb") as f:
        data = f.read()
    return np.frombuffer(data, dtype=np.uint8, offset=header)


def load(directory):
    def split(images, labels):
        x = idx(os.path.join(directory, images), 16).reshape(-1, 1, 28, 28)
        y = idx(os.path.join(directory, labels), 8).astype(np.int64)
        return torch.from_numpy(x.astype(np.float32) / 255.0), torch.from_numpy(y)

    return (split("train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz"),
            split("t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz"))


def random_data():
    g = torch.Generator().manual_seed(1)
    def split(n):
        x = torch.randint(0, 256, (n, 1, 28, 28), generator=g).float() / 255.0
        return x, torch.randint(0, 10, (n,), generator=g)
    return split(60_000), split(10_000)


def read_safetensors(path):
    """The float32 tensors of a safetensors file, by name (the format: 8-byte header length, JSON, data)."""
    with open(path, "rb") as f:
        raw = f.read()
    (length,) = struct.unpack("<Q", raw[:8])
    header = json.loads(raw[8:8 + length])
    tensors = {}
    for name, entry in header.items():
        if name == "__metadata__":
            continue
        if entry["dtype"] != "F32":
            raise ValueError(f"{path}: {name} is {entry['dtype']}, expected F32")
        start, end = entry["data_offsets"]
        data = np.frombuffer(raw, dtype="<f4", count=(end - start) // 4, offset=8 + length + start)
        tensors[name] = torch.from_numpy(data.copy().reshape(entry["shape"]))
    return tensors


def reference_cnn():
    model = nn.Sequential(
        nn.Conv2d(1, 32, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(32, 64, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
        nn.Flatten(), nn.Linear(64 * 7 * 7, 128), nn.ReLU(), nn.Linear(128, 10))
    for layer in model:
        if isinstance(layer, (nn.Conv2d, nn.Linear)):
            nn.init.kaiming_normal_(layer.weight, mode="fan_in", nonlinearity="relu")
            nn.init.zeros_(layer.bias)
    return model


def step(model, optimizer, x, y):
    loss = nn.functional.cross_entropy(model(x), y)
    optimizer.zero_grad(set_to_none=True)
    loss.backward()
    optimizer.step()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--epochs", type=int, default=3)
    parser.add_argument("--data")
    parser.add_argument("--share", help="start from CnnRecipeRun's weights and image orders (PREFIX.safetensors, .order)")
    parser.add_argument("--flush-denormal", action="store_true",
                        help="treat subnormal floats as zero (not part of the recipe; for diagnosis)")
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    torch.set_flush_denormal(args.flush_denormal)
    torch.manual_seed(42)
    (train_x, train_y), (test_x, test_y) = load(args.data) if args.data else random_data()

    model = reference_cnn()
    n = train_x.shape[0] // BATCH * BATCH
    orders = None
    if args.share:
        model.load_state_dict(read_safetensors(args.share + ".safetensors"))
        orders = torch.from_numpy(np.fromfile(args.share + ".order", dtype="<i4").astype(np.int64))
        orders = orders.reshape(-1, n)
        if orders.shape[0] < args.epochs:
            raise ValueError(f"{args.share}.order holds {orders.shape[0]} epochs, {args.epochs} asked for")
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    epoch_rates = []
    for epoch in range(args.epochs):
        order = orders[epoch] if orders is not None else torch.randperm(train_x.shape[0])[:n]
        start = time.perf_counter()
        for i in range(0, n, BATCH):
            index = order[i:i + BATCH]
            step(model, optimizer, train_x[index], train_y[index])
        epoch_rates.append(round(n / (time.perf_counter() - start)))

    model.eval()
    with torch.no_grad():
        predicted = torch.cat([model(test_x[i:i + INFERENCE_BATCH]).argmax(1)
                               for i in range(0, test_x.shape[0], INFERENCE_BATCH)])
    accuracy = (predicted == test_y).float().mean().item()
    model.train()

    order = torch.randperm(train_x.shape[0])
    times = []
    for s in range(WARM_STEPS + TIMED_STEPS):
        index = order[s * BATCH:(s + 1) * BATCH]
        x, y = train_x[index], train_y[index]
        start = time.perf_counter()
        step(model, optimizer, x, y)
        if s >= WARM_STEPS:
            times.append((time.perf_counter() - start) * 1e3)

    model.eval()
    best = 0.0
    with torch.no_grad():
        for _ in range(3):
            start = time.perf_counter()
            for i in range(0, test_x.shape[0], INFERENCE_BATCH):
                model(test_x[i:i + INFERENCE_BATCH])
            best = max(best, test_x.shape[0] / (time.perf_counter() - start))

    print(json.dumps({
        "framework": "pytorch", "threads": args.threads, "epochs": args.epochs,
        "data": "fashion-mnist" if args.data else "random",
        "train_images_per_s": epoch_rates, "step_ms": round(float(np.median(times)), 3),
        "inference_images_per_s": round(best, 1), "test_accuracy": round(accuracy, 4),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0, 1),
        "flush_denormal": args.flush_denormal, "shared_start": bool(args.share), "mkldnn": torch.backends.mkldnn.is_available(),
        "version": torch.__version__}))


if __name__ == "__main__":
    main()
