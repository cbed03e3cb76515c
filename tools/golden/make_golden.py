#!/usr/bin/env python3
"""Generates Myelin's golden test fixtures with PyTorch.

Install (Debian):   apt-get install python3-torch python3-numpy
Run from the repository root:
    OPENBLAS_NUM_THREADS=1 /usr/bin/python3 tools/golden/make_golden.py
It writes core/src/test/resources/golden/*.safetensors, found relative to this script, and prints,
for every stored output and gradient, how far a plain float32 PyTorch computation lands from the
stored reference (the basis of the tolerances in the Java golden tests).

Precision: every input and weight is drawn in float32 (so it is exactly what Myelin loads); the
reference outputs and gradients are then computed in float64 from those values and rounded once to
float32. The stored references are therefore the correctly rounded answers for the stored inputs,
and a float32 implementation such as Myelin differs from them only by its own rounding error.

Format: safetensors written by hand (no `safetensors` package): 8-byte little-endian header length,
a compact JSON header padded with spaces to a multiple of 8 bytes, then F32 little-endian data in
header order. Labels are stored as F32 values; scalar losses as rank-0 tensors (shape []).

Gradients: for an op with output y, a random projection R (stored) defines L = sum(y * R), and the
stored gradients are dL/d(input); for a loss, the gradient of the scalar loss itself.

Everything is deterministic: each fixture seeds its own torch.Generator, and torch runs on one thread.
"""

import json
import os
import tempfile
from pathlib import Path

import numpy as np
import torch
import torch.nn.functional as F

OUT_DIR = Path(__file__).resolve().parent.parent.parent / "core" / "src" / "test" / "resources" / "golden"
REFERENCE_NOTE = "inputs drawn in float32; outputs and gradients computed in float64 and rounded to float32"

# How far pre-activations and the top two values of a max-pool window must stay from a decision boundary (relu at 0, the
# each other) for float32 rounding (about 1e-6 here) never to flip the decision.
DECISION_MARGIN = 1e-4


# ----------------------------------------------------------------------------- safetensors writer

def write_safetensors(path, tensors, metadata):
    """Writes float32 tensors (dict name -> torch.Tensor, kept in order) and string metadata."""
    header = {}
    if metadata:
        header["__metadata__"] = {str(k): str(v) for k, v in metadata.items()}
    chunks = []
    offset = 0
    for name, t in tensors.items():
        # np.array, not np.ascontiguousarray, which turns a rank-0 loss into shape [1]
        a = np.array(t.detach().cpu().numpy(), dtype="<f4", order="C")
        data = a.tobytes()
        header[name] = {"dtype": "F32", "shape": list(a.shape), "data_offsets": [offset, offset + len(data)]}
        offset += len(data)
        chunks.append(data)
    head = json.dumps(header, separators=(",", ":")).encode("utf-8")
    head += b" " * (-len(head) % 8)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix="." + path.name + ".", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(len(head).to_bytes(8, "little"))
            f.write(head)
            for c in chunks:
                f.write(c)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


# ----------------------------------------------------------------------------- helpers

def generator(seed):
    g = torch.Generator()
    g.manual_seed(seed)
    return g


def randn(g, *shape, scale=1.0):
    return (torch.randn(*shape, generator=g, dtype=torch.float32) * scale).to(torch.float32)


def distinct(g, *shape, lo=-2.0, hi=2.0):
    """Values in [lo, hi) that are all different (a shuffled even grid), so max-pool windows have no ties."""
    n = int(np.prod(shape))
    perm = torch.randperm(n, generator=g).to(torch.float32)
    return (lo + (hi - lo) * perm / n).reshape(*shape)


def projected_grads(fn, inputs, g):
    """Runs fn in float64 on copies of the float32 inputs; returns (y, R, {name: dL/dname}) for L = sum(y*R)."""
    leaves = {k: v.double().requires_grad_(True) for k, v in inputs.items()}
    y = fn(**leaves)
    r = randn(g, *y.shape)
    (y * r.double()).sum().backward()
    return y.detach().float(), r, {k: v.grad.float() for k, v in leaves.items()}


def float32_deviation(fn, inputs, r, reference):
    """Max |float32 PyTorch - reference| for the output and each gradient, for the tolerance report."""
    leaves = {k: v.clone().requires_grad_(True) for k, v in inputs.items()}
    y = fn(**leaves)
    (y * r).sum().backward()
    got = {"y": y.detach()}
    got.update({"d" + k: v.grad for k, v in leaves.items()})
    return {k: (got[k] - reference[k]).abs().max().item() if reference[k].numel() else 0.0 for k in got}


REPORT = []


def report(name, deviations, reference):
    for k, dev in deviations.items():
        scale = reference[k].abs().max().item() if reference[k].numel() else 0.0
        REPORT.append((name, k, dev, scale))


def check_relu_margin(name, pre):
    m = pre.abs().min().item()
    assert m > DECISION_MARGIN, f"{name}: a pre-activation is {m:.2e} from 0; pick another seed"


def check_maxpool_margin(name, x, kernel, stride, padding):
    """Every window's maximum must beat its runner-up by the margin, unless both are zeros from a relu
    (a tie there is harmless: the relu's gradient is 0 at both candidates)."""
    padded = F.pad(x, (padding,) * 4, value=float("-inf"))
    windows = padded.unfold(2, kernel, stride).unfold(3, kernel, stride).reshape(-1, kernel * kernel)
    top2 = windows.topk(2, dim=1).values
    gap = top2[:, 0] - top2[:, 1]
    gap = gap[(top2[:, 0] != 0) | (top2[:, 1] != 0)]
    if gap.numel():
        assert gap.min().item() > DECISION_MARGIN, f"{name}: a max-pool window has a near tie; pick another seed"


def save(name, tensors, metadata):
    metadata = dict(metadata)
    metadata["reference"] = REFERENCE_NOTE
    path = OUT_DIR / (name + ".safetensors")
    write_safetensors(path, tensors, metadata)
    return path


def pair(v):
    return f"{v[0]},{v[1]}"


# ----------------------------------------------------------------------------- conv2d

CONV_CONFIGS = [
    # name, (N, C_in, H, W), (C_out, kH, kW), stride, padding, dilation, bias
    ("k1", (2, 3, 5, 6), (4, 1, 1), (1, 1), (0, 0), (1, 1), True),
    ("k3_pad1_7x10", (2, 3, 7, 10), (5, 3, 3), (1, 1), (1, 1), (1, 1), True),
    ("k3_stride2_pad1_nobias", (1, 2, 9, 8), (3, 3, 3), (2, 2), (1, 1), (1, 1), False),
    ("k5_pad2", (2, 2, 8, 7), (3, 5, 5), (1, 1), (2, 2), (1, 1), True),
    ("k5_stride2_pad0", (1, 3, 11, 9), (2, 5, 5), (2, 2), (0, 0), (1, 1), True),
    ("k3_dilation2_pad2", (2, 2, 9, 10), (4, 3, 3), (1, 1), (2, 2), (2, 2), True),
    ("k3x2_pad1", (1, 2, 6, 7), (3, 3, 2), (1, 1), (1, 1), (1, 1), True),
    ("k3_asymmetric", (2, 3, 8, 9), (4, 3, 3), (2, 1), (0, 1), (1, 2), True),
]

# Grouped convolutions (nn.Conv2d(groups=g)): the weight is (C_out, C_in/g, kH, kW). Seeded apart from the
# fixtures above, so adding one leaves the others' bytes unchanged.
GROUPED_CONV_CONFIGS = [
    # name, (N, C_in, H, W), (C_out, kH, kW), stride, padding, dilation, bias, groups
    ("g2_k3_pad1", (2, 4, 7, 8), (6, 3, 3), (1, 1), (1, 1), (1, 1), True, 2),
    ("g3_k3_stride2_pad1_nobias", (1, 6, 9, 8), (3, 3, 3), (2, 2), (1, 1), (1, 1), False, 3),
    ("depthwise_k3_pad1", (2, 4, 6, 7), (4, 3, 3), (1, 1), (1, 1), (1, 1), True, 4),
    ("depthwise_x2_k3_dilation2_pad2", (2, 3, 9, 8), (6, 3, 3), (1, 1), (2, 2), (2, 2), True, 3),
    ("depthwise_k5x3_asymmetric_nobias", (1, 5, 8, 9), (5, 5, 3), (2, 1), (2, 1), (1, 2), False, 5),
    ("depthwise_16ch_k3_pad1", (2, 16, 6, 6), (16, 3, 3), (1, 1), (1, 1), (1, 1), True, 16),
]
GROUPED_CONV_SEED = 3000


def make_conv(seed, name, x_shape, w_spec, stride, padding, dilation, bias, groups=1):
    g = generator(seed)
    n, c_in, h, w = x_shape
    c_out, kh, kw = w_spec
    group_in = c_in // groups
    inputs = {"x": randn(g, n, c_in, h, w),
              "w": randn(g, c_out, group_in, kh, kw, scale=(group_in * kh * kw) ** -0.5)}
    if bias:
        inputs["b"] = randn(g, c_out, scale=0.5)

    def fn(x, w, b=None):
        return F.conv2d(x, w, b, stride=stride, padding=padding, dilation=dilation, groups=groups)

    y, r, grads = projected_grads(fn, inputs, g)
    tensors = dict(inputs)
    tensors.update({"y": y, "R": r})
    tensors.update({"d" + k: v for k, v in grads.items()})
    report("conv2d_" + name, float32_deviation(fn, inputs, r, tensors), tensors)
    metadata = {"op": "conv2d", "config": name, "stride": pair(stride), "padding": pair(padding),
                "dilation": pair(dilation), "bias": "true" if bias else "false"}
    if groups != 1:
        metadata["groups"] = str(groups)
    return save("conv2d_" + name, tensors, metadata)


# ----------------------------------------------------------------------------- pooling

POOL_CONFIGS = [
    # name, op, (N, C, H, W), kernel, stride, padding
    ("maxpool_k2_s2", "max_pool2d", (2, 3, 6, 8), 2, 2, 0),
    ("maxpool_k3_s2_p1", "max_pool2d", (2, 2, 7, 9), 3, 2, 1),
    ("avgpool_k2_s2", "avg_pool2d", (2, 3, 6, 8), 2, 2, 0),
    ("avgpool_k3_s1_p1", "avg_pool2d", (1, 2, 5, 7), 3, 1, 1),
]


def make_pool(seed, name, op, x_shape, kernel, stride, padding):
    g = generator(seed)
    if op == "max_pool2d":
        x = distinct(g, *x_shape)
        check_maxpool_margin(name, x, kernel, stride, padding)

        def fn(x):
            return F.max_pool2d(x, kernel, stride, padding)
    else:
        x = randn(g, *x_shape)

        def fn(x):
            return F.avg_pool2d(x, kernel, stride, padding, count_include_pad=True)

    inputs = {"x": x}
    y, r, grads = projected_grads(fn, inputs, g)
    tensors = {"x": x, "y": y, "R": r, "dx": grads["x"]}
    report(name, float32_deviation(fn, inputs, r, tensors), tensors)
    meta = {"op": op, "kernel": str(kernel), "stride": str(stride), "padding": str(padding)}
    if op == "avg_pool2d":
        meta["count_include_pad"] = "true"
    return save(name, tensors, meta)


# Average pooling's options (issue 20), kept apart from POOL_CONFIGS and seeded from their own base so that
# the fixtures made before them come out byte for byte the same.
AVG_POOL_OPTION_CONFIGS = [
    # name, (N, C, H, W), kernel, stride, padding, ceil_mode, count_include_pad, divisor_override
    # no padding, odd sizes: the last windows of ceil mode are clipped at the input
    ("avgpool_k2_s2_ceil", (1, 2, 7, 9), 2, 2, 0, True, True, None),
    # even H: the last row of windows runs past the bottom padding, whose part beyond it is not counted
    ("avgpool_k3_s2_p1_ceil", (2, 3, 8, 7), 3, 2, 1, True, True, None),
    # padding left out of the divisor, floor mode
    ("avgpool_k3_s2_p1_exclude_pad", (2, 2, 7, 8), 3, 2, 1, False, False, None),
    # both options; stride below the kernel with the largest padding
    ("avgpool_k3_s2_p1_ceil_exclude_pad", (1, 3, 8, 9), 3, 2, 1, True, False, None),
    ("avgpool_k4_s3_p2_ceil_exclude_pad", (1, 2, 9, 7), 4, 3, 2, True, False, None),
    # odd H: ceil mode's last row of windows would start in the bottom padding and is dropped (3 rows, not 4)
    ("avgpool_k2_s2_p1_ceil_drop", (1, 2, 5, 6), 2, 2, 1, True, True, None),
    # stride above the kernel: windows skip input rows and columns
    ("avgpool_k2_s3_ceil", (1, 2, 8, 10), 2, 3, 0, True, True, None),
    ("avgpool_k3_s2_p1_ceil_divisor", (2, 2, 6, 7), 3, 2, 1, True, True, 4),
]


def make_avg_pool_options(seed, name, x_shape, kernel, stride, padding, ceil_mode, count_include_pad, divisor):
    g = generator(seed)
    x = randn(g, *x_shape)

    def fn(x):
        return F.avg_pool2d(x, kernel, stride, padding, ceil_mode=ceil_mode, count_include_pad=count_include_pad,
                            divisor_override=divisor)

    inputs = {"x": x}
    y, r, grads = projected_grads(fn, inputs, g)
    tensors = {"x": x, "y": y, "R": r, "dx": grads["x"]}
    report(name, float32_deviation(fn, inputs, r, tensors), tensors)
    return save(name, tensors, {
        "op": "avg_pool2d", "kernel": str(kernel), "stride": str(stride), "padding": str(padding),
        "ceil_mode": "true" if ceil_mode else "false", "count_include_pad": "true" if count_include_pad else "false",
        "divisor_override": "none" if divisor is None else str(divisor), "torch": torch.__version__})


# ----------------------------------------------------------------------------- matmul

MATMUL_CONFIGS = [
    # name, shape of a, shape of b
    ("matmul_2d", (3, 4), (4, 5)),
    ("matmul_batched", (2, 3, 4), (2, 4, 5)),
    ("matmul_batched_by_2d", (3, 4, 5), (5, 2)),
    ("matmul_2d_by_batched", (4, 5), (3, 5, 6)),
    ("matmul_broadcast_batch", (2, 1, 3, 4), (3, 4, 5)),
]


def make_matmul(seed, name, a_shape, b_shape):
    g = generator(seed)
    inputs = {"a": randn(g, *a_shape), "b": randn(g, *b_shape)}

    def fn(a, b):
        return torch.matmul(a, b)

    y, r, grads = projected_grads(fn, inputs, g)
    tensors = dict(inputs)
    tensors.update({"y": y, "R": r, "da": grads["a"], "db": grads["b"]})
    report(name, float32_deviation(fn, inputs, r, tensors), tensors)
    return save(name, tensors, {"op": "matmul"})


# ----------------------------------------------------------------------------- log_softmax and cross_entropy

LOG_SOFTMAX_CONFIGS = [
    # name, shape, dim, scale of the inputs
    ("log_softmax_dim1", (4, 7), 1, 2.0),
    ("log_softmax_dim0_3d", (3, 4, 5), 0, 2.0),
    ("log_softmax_large", (2, 6), 1, 300.0),  # exp() of these overflows float32 unless the max is subtracted
]


def make_log_softmax(seed, name, shape, dim, scale):
    g = generator(seed)
    inputs = {"x": randn(g, *shape, scale=scale)}

    def fn(x):
        return F.log_softmax(x, dim=dim)

    y, r, grads = projected_grads(fn, inputs, g)
    tensors = {"x": inputs["x"], "y": y, "R": r, "dx": grads["x"]}
    report(name, float32_deviation(fn, inputs, r, tensors), tensors)
    return save(name, tensors, {"op": "log_softmax", "dim": str(dim)})


CROSS_ENTROPY_CONFIGS = [
    # name, (N, C), label_smoothing
    ("cross_entropy", (6, 5), 0.0),
    ("cross_entropy_smoothing", (6, 5), 0.1),
]


def make_cross_entropy(seed, name, shape, smoothing):
    g = generator(seed)
    logits = randn(g, *shape, scale=2.0)
    labels = torch.randint(0, shape[1], (shape[0],), generator=g)
    leaf = logits.double().requires_grad_(True)
    loss = F.cross_entropy(leaf, labels, reduction="mean", label_smoothing=smoothing)
    loss.backward()
    tensors = {"logits": logits, "labels": labels.float(), "loss": loss.detach().float(),
               "dlogits": leaf.grad.float()}
    leaf32 = logits.clone().requires_grad_(True)
    loss32 = F.cross_entropy(leaf32, labels, reduction="mean", label_smoothing=smoothing)
    loss32.backward()
    report(name, {"loss": (loss32.detach() - tensors["loss"]).abs().item(),
                  "dlogits": (leaf32.grad - tensors["dlogits"]).abs().max().item()}, tensors)
    return save(name, tensors, {"op": "cross_entropy", "reduction": "mean", "label_smoothing": str(smoothing)})


# ----------------------------------------------------------------------------- a whole small CNN

def cnn_forward(p, x, labels):
    """conv(1->4, 3x3, pad 1) relu maxpool2 -> conv(4->8, 3x3, pad 1) relu avgpool2 -> flatten -> linear(32->10)."""
    acts = {}
    acts["act.conv1"] = F.conv2d(x, p["conv1.weight"], p["conv1.bias"], padding=1)
    acts["act.pool1"] = F.max_pool2d(F.relu(acts["act.conv1"]), 2)
    acts["act.conv2"] = F.conv2d(acts["act.pool1"], p["conv2.weight"], p["conv2.bias"], padding=1)
    acts["act.pool2"] = F.avg_pool2d(F.relu(acts["act.conv2"]), 2)
    flat = acts["act.pool2"].reshape(x.shape[0], -1)
    logits = flat @ p["fc.weight"].t() + p["fc.bias"]
    loss = F.cross_entropy(logits, labels)
    return logits, loss, acts


def make_cnn(seed):
    g = generator(seed)
    n = 4
    x = randn(g, n, 1, 8, 8)
    labels = torch.randint(0, 10, (n,), generator=g)
    params = {
        "conv1.weight": randn(g, 4, 1, 3, 3, scale=9 ** -0.5),
        "conv1.bias": randn(g, 4, scale=0.1),
        "conv2.weight": randn(g, 8, 4, 3, 3, scale=36 ** -0.5),
        "conv2.bias": randn(g, 8, scale=0.1),
        "fc.weight": randn(g, 10, 32, scale=32 ** -0.5),
        "fc.bias": randn(g, 10, scale=0.1),
    }
    leaves = {k: v.double().requires_grad_(True) for k, v in params.items()}
    x64 = x.double().requires_grad_(True)
    logits, loss, acts = cnn_forward(leaves, x64, labels)
    loss.backward()
    check_relu_margin("cnn conv1", acts["act.conv1"])
    check_relu_margin("cnn conv2", acts["act.conv2"])
    check_maxpool_margin("cnn pool1", F.relu(acts["act.conv1"]), 2, 2, 0)

    tensors = {"x": x, "labels": labels.float()}
    tensors.update(params)
    tensors.update({k: v.detach().float() for k, v in acts.items()})
    tensors.update({"logits": logits.detach().float(), "loss": loss.detach().float(), "grad.x": x64.grad.float()})
    tensors.update({"grad." + k: v.grad.float() for k, v in leaves.items()})

    leaves32 = {k: v.clone().requires_grad_(True) for k, v in params.items()}
    x32 = x.clone().requires_grad_(True)
    logits32, loss32, _ = cnn_forward(leaves32, x32, labels)
    loss32.backward()
    dev = {"logits": (logits32.detach() - tensors["logits"]).abs().max().item(),
           "loss": (loss32.detach() - tensors["loss"]).abs().item(),
           "grad.x": (x32.grad - tensors["grad.x"]).abs().max().item()}
    dev.update({"grad." + k: (v.grad - tensors["grad." + k]).abs().max().item() for k, v in leaves32.items()})
    report("cnn", dev, tensors)
    return save("cnn", tensors, {
        "op": "cnn",
        "architecture": "conv(1->4,3x3,pad1) relu maxpool2 -> conv(4->8,3x3,pad1) relu avgpool2 -> flatten "
                        "-> linear(32->10) -> cross_entropy(mean)"})


# ----------------------------------------------------------------------------- main

def main():
    torch.set_num_threads(1)
    torch.use_deterministic_algorithms(True)
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    written = []
    seed = 1000
    for cfg in CONV_CONFIGS:
        seed += 1
        written.append(make_conv(seed, *cfg))
    for cfg in POOL_CONFIGS:
        seed += 1
        written.append(make_pool(seed, *cfg))
    for cfg in MATMUL_CONFIGS:
        seed += 1
        written.append(make_matmul(seed, *cfg))
    for cfg in LOG_SOFTMAX_CONFIGS:
        seed += 1
        written.append(make_log_softmax(seed, *cfg))
    for cfg in CROSS_ENTROPY_CONFIGS:
        seed += 1
        written.append(make_cross_entropy(seed, *cfg))
    written.append(make_cnn(2024))
    for i, cfg in enumerate(AVG_POOL_OPTION_CONFIGS):
        written.append(make_avg_pool_options(3001 + i, *cfg))
    for i, cfg in enumerate(GROUPED_CONV_CONFIGS):
        written.append(make_conv(GROUPED_CONV_SEED + i, *cfg))

    print(f"{'fixture':32} {'tensor':20} {'|f32 - ref| max':>16} {'|ref| max':>10}")
    for name, k, dev, scale in REPORT:
        print(f"{name:32} {k:20} {dev:16.3e} {scale:10.3g}")
    total = sum(p.stat().st_size for p in written)
    print(f"wrote {len(written)} files, {total} bytes, to {OUT_DIR.relative_to(Path.cwd()) if OUT_DIR.is_relative_to(Path.cwd()) else OUT_DIR}")


if __name__ == "__main__":
    main()
