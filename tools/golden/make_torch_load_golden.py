#!/usr/bin/env python3
"""Loads a state dict that Myelin saved into the same network written with torch.nn, and records its logits.

Install (Debian):   apt-get install python3-torch python3-numpy   (no safetensors package needed)
Run from the repository root:
    OPENBLAS_NUM_THREADS=1 python3 tools/golden/make_torch_load_golden.py   (a Python 3 with torch 1.13 and numpy)

Input (written by Myelin, see core/src/test/java/dev/myelin/golden/TorchLoadFixture.java):
  core/src/test/resources/golden/nn/torch_load_state_dict.safetensors
      StateDict.save of Sequential(Conv2d(1, 4, 3, padding=1), BatchNorm2d(4), ReLU(), BasicBlock(4, 8,
      stride=2), AdaptiveAvgPool2d(1), Flatten(), Linear(8, 5)), the block as torchvision's (projection
      shortcut "downsample"). The file is parsed here by hand: an unsigned 64-bit little-endian header
      length, a JSON header (name -> dtype, shape, data_offsets; "__metadata__"), then the raw data.
Output:
  core/src/test/resources/golden/nn/torch_load_io.safetensors
      x (3, 1, 8, 8) and the logits (3, 5) that float32 PyTorch computes in evaluation mode after
      load_state_dict(strict=True) of that file; metadata: the state file's SHA-256, the architecture, and
      how far float32 lands from a float64 run of the same weights.

The one conversion: Myelin stores num_batches_tracked as an F32 scalar; PyTorch's buffer is int64, so
it is converted before loading (load_state_dict would also cast it). Every other tensor loads as saved:
same names, same shapes, same layouts. strict=True fails on any missing or unexpected key.
"""

import hashlib
import json
import sys
from pathlib import Path

import numpy as np
import torch
import torch.nn as nn

sys.path.insert(0, str(Path(__file__).resolve().parent))
from make_golden import generator, randn, write_safetensors  # noqa: E402
from make_nn_golden import BasicBlock  # noqa: E402

NN_DIR = Path(__file__).resolve().parent.parent.parent / "core" / "src" / "test" / "resources" / "golden" / "nn"
STATE = NN_DIR / "torch_load_state_dict.safetensors"
ARCHITECTURE = ("Sequential(Conv2d(1,4,3,padding=1), BatchNorm2d(4), ReLU(), BasicBlock(4,8,stride=2), "
                "AdaptiveAvgPool2d(1), Flatten(), Linear(8,5))")
DTYPES = {"F32": "<f4", "F64": "<f8", "I64": "<i8", "I32": "<i4"}


def read_safetensors(path):
    """name -> torch.Tensor (in file order) and the metadata, from the format's three parts."""
    raw = path.read_bytes()
    n = int.from_bytes(raw[:8], "little")
    header = json.loads(raw[8:8 + n].decode("utf-8"))
    metadata = header.pop("__metadata__", {})
    data = raw[8 + n:]
    tensors = {}
    for name, info in header.items():
        start, end = info["data_offsets"]
        a = np.frombuffer(data[start:end], dtype=DTYPES[info["dtype"]]).reshape(info["shape"])
        tensors[name] = torch.from_numpy(a.copy())
    return tensors, metadata


def network():
    return nn.Sequential(nn.Conv2d(1, 4, 3, padding=1), nn.BatchNorm2d(4), nn.ReLU(), BasicBlock(4, 8, 2),
                         nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(8, 5))


def main():
    torch.set_num_threads(1)
    torch.use_deterministic_algorithms(True)
    state, metadata = read_safetensors(STATE)
    for k in state:
        if k.endswith("num_batches_tracked"):
            state[k] = state[k].to(torch.int64)
    model = network()
    model.load_state_dict(state, strict=True)
    model.eval()
    x = randn(generator(4001), 3, 1, 8, 8)
    with torch.no_grad():
        logits = model(x)
        reference = network().double()
        reference.load_state_dict(state, strict=True)
        f64 = reference.eval()(x.double())
    deviation = (logits.double() - f64).abs().max().item()
    sha = hashlib.sha256(STATE.read_bytes()).hexdigest()
    out = NN_DIR / "torch_load_io.safetensors"
    write_safetensors(out, {"x": x, "logits": logits}, {
        "architecture": ARCHITECTURE, "state": STATE.name, "state_sha256": sha, "state_format": metadata.get("format", ""),
        "computed": "float32 PyTorch %s, eval mode, after load_state_dict(strict=True)" % torch.__version__,
        "float32_vs_float64": "%.3e" % deviation})
    print(f"loaded {len(state)} tensors strictly from {STATE.name} (sha256 {sha[:16]}...)")
    print(f"logits {tuple(logits.shape)}, max |logit| {logits.abs().max().item():.3g}, "
          f"float32 vs float64 {deviation:.3e}; wrote {out.name}")


if __name__ == "__main__":
    main()
