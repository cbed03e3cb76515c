#!/usr/bin/env python3
"""Generates the golden fixtures of Myelin's layers and state-dict interop with PyTorch.

Install (Debian):   apt-get install python3-torch python3-numpy
Run from the repository root:
    OPENBLAS_NUM_THREADS=1 /usr/bin/python3 tools/golden/make_nn_golden.py
It writes core/src/test/resources/golden/nn/*.safetensors (found relative to this script) with the
hand-written safetensors writer of make_golden.py, and prints how far plain float32 PyTorch lands from
each stored reference (the basis of the tolerances in the Java tests). Deterministic: fixed seeds, one
thread.

Fixtures
  batchnorm2d_train, batchnorm1d_train_2d, batchnorm1d_train_3d
      A BatchNorm layer in training mode. "state.*" is the layer's state dict before the first step
      (non-default running statistics). Step 1 on x1: output y1, and for L = sum(y1 * R) the gradients
      dx, dweight, dbias; the running statistics after it (running_mean_1, running_var_1). Steps 2 and 3
      on x2 and x3: output y3 and the running statistics after three steps (running_mean_3, ...).
  batchnorm2d_eval, batchnorm1d_eval
      The same in evaluation mode: y and the gradients for L = sum(y * R); running statistics unchanged.
  cnn_state_dict
      The state_dict() of a PyTorch nn.Sequential CNN (see CNN below), exactly as
      safetensors.torch.save_file would write it with metadata {"format": "pt"}, except that
      1.num_batches_tracked, an int64 in PyTorch, is written as F32 (Myelin reads float tensors only).
      The metadata "state_dict" lists PyTorch's keys with their shapes, in order.
  cnn_io
      Inputs x, the model's eval-mode logits, and, starting from the same state, its train-mode logits
      and BatchNorm running statistics after that one train-mode forward.

  basic_block_identity, basic_block_downsample
      torchvision's ResNet BasicBlock (written out below: torchvision is not a dependency), one keeping
      its shape (4 -> 4 channels, stride 1: identity shortcut) and one with a 1x1 convolution and batch
      norm as its shortcut (3 -> 4 channels, stride 2). "state.*" is its state dict (non-trivial batch
      norm parameters and running statistics), x its input. In training mode: output y_train, and for
      L = sum(y_train * R) the input gradient dx and every parameter's gradient "grad.<name>"; the running
      statistics after that step ("after_train.<bn>.running_mean", ...). In evaluation mode, from the same
      state: output y_eval.

Precision: as in make_golden.py, inputs and weights are float32 values and the references are computed
in float64 from them (the modules converted with .double()), then rounded once to float32.
"""

import copy
import sys
from pathlib import Path

import torch
import torch.nn as nn

sys.path.insert(0, str(Path(__file__).resolve().parent))
from make_golden import REFERENCE_NOTE, generator, randn, write_safetensors  # noqa: E402

OUT_DIR = Path(__file__).resolve().parent.parent.parent / "core" / "src" / "test" / "resources" / "golden" / "nn"
CNN_ARCHITECTURE = ("Sequential(Conv2d(1,8,3,padding=1), BatchNorm2d(8), ReLU(), MaxPool2d(2), "
                    "Conv2d(8,16,3,padding=1), ReLU(), AdaptiveAvgPool2d(1), Flatten(), Linear(16,10))")

REPORT = []


def save(name, tensors, metadata):
    metadata = dict(metadata)
    metadata.setdefault("reference", REFERENCE_NOTE)
    path = OUT_DIR / (name + ".safetensors")
    write_safetensors(path, tensors, metadata)
    return path


def deviation(name, key, got32, reference):
    REPORT.append((name, key, (got32.float() - reference).abs().max().item(), reference.abs().max().item()))


def float_state(module):
    """The state dict as float32 tensors; num_batches_tracked (int64 in PyTorch) becomes a float32 scalar."""
    return {k: v.detach().to(torch.float32).clone() for k, v in module.state_dict().items()}


# ----------------------------------------------------------------------------- batch norm

def bn_layer(kind, channels, momentum, eps, g):
    layer = (nn.BatchNorm2d if kind == "2d" else nn.BatchNorm1d)(channels, eps=eps, momentum=momentum)
    with torch.no_grad():
        layer.weight.copy_(1.0 + randn(g, channels, scale=0.3))
        layer.bias.copy_(randn(g, channels, scale=0.3))
        layer.running_mean.copy_(randn(g, channels, scale=0.5))
        layer.running_var.copy_(0.5 + torch.rand(channels, generator=g))
    return layer


def bn_input(g, shape):
    """Per-channel offsets and scales, so that a wrong mean or variance shows."""
    c = shape[1]
    view = [1, c] + [1] * (len(shape) - 2)
    return randn(g, *shape) * (0.5 + torch.rand(c, generator=g)).reshape(view) + randn(g, c, scale=2.0).reshape(view)


def bn_step(layer, x, r):
    """One forward (and backward of sum(y * r)) of `layer` on a float copy of x in its precision."""
    dtype = layer.weight.dtype
    leaf = x.to(dtype).requires_grad_(True)
    layer.weight.grad = None
    layer.bias.grad = None
    y = layer(leaf)
    (y * r.to(dtype)).sum().backward()
    return y.detach(), leaf.grad, layer.weight.grad.clone(), layer.bias.grad.clone()


def make_bn_train(seed, name, kind, shape, momentum, eps):
    g = generator(seed)
    layer = bn_layer(kind, shape[1], momentum, eps, g)
    xs = [bn_input(g, shape) for _ in range(3)]
    r = randn(g, *shape)
    tensors = {"state." + k: v for k, v in float_state(layer).items()}
    tensors.update({"x1": xs[0], "x2": xs[1], "x3": xs[2], "R": r})
    ref, f32 = copy.deepcopy(layer).double().train(), copy.deepcopy(layer).train()
    outs = {}
    for precision, module in (("ref", ref), ("f32", f32)):
        y1, dx, dw, db = bn_step(module, xs[0], r)
        mid = (module.running_mean.clone(), module.running_var.clone())
        with torch.no_grad():
            module(xs[1].to(module.weight.dtype))
            y3 = module(xs[2].to(module.weight.dtype))
        outs[precision] = {"y1": y1, "dx": dx, "dweight": dw, "dbias": db, "running_mean_1": mid[0],
                           "running_var_1": mid[1], "y3": y3, "running_mean_3": module.running_mean.clone(),
                           "running_var_3": module.running_var.clone()}
    for k, v in outs["ref"].items():
        tensors[k] = v.float()
        deviation(name, k, outs["f32"][k], tensors[k])
    tensors["num_batches_tracked_3"] = torch.tensor(float(ref.num_batches_tracked.item()))
    return save(name, tensors, {"op": "batch_norm_" + kind, "mode": "train", "momentum": repr(momentum),
                                "eps": repr(eps)})


def make_bn_eval(seed, name, kind, shape, momentum, eps):
    g = generator(seed)
    layer = bn_layer(kind, shape[1], momentum, eps, g)
    x = bn_input(g, shape)
    r = randn(g, *shape)
    tensors = {"state." + k: v for k, v in float_state(layer).items()}
    tensors.update({"x": x, "R": r})
    results = {}
    for precision, module in (("ref", copy.deepcopy(layer).double().eval()), ("f32", copy.deepcopy(layer).eval())):
        y, dx, dw, db = bn_step(module, x, r)
        results[precision] = {"y": y, "dx": dx, "dweight": dw, "dbias": db}
    for k, v in results["ref"].items():
        tensors[k] = v.float()
        deviation(name, k, results["f32"][k], tensors[k])
    return save(name, tensors, {"op": "batch_norm_" + kind, "mode": "eval", "momentum": repr(momentum),
                                "eps": repr(eps)})


# ----------------------------------------------------------------------------- a small CNN as nn.Sequential

def cnn():
    return nn.Sequential(
        nn.Conv2d(1, 8, 3, padding=1), nn.BatchNorm2d(8), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(8, 16, 3, padding=1), nn.ReLU(), nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(16, 10))


def state_dict_listing(model):
    return " ".join(f"{k}[{','.join(str(d) for d in v.shape)}]" for k, v in model.state_dict().items())


def make_cnn(seed):
    torch.manual_seed(seed)  # PyTorch's default initialisation draws from the global generator
    model = cnn()
    g = generator(seed + 1)
    with torch.no_grad():
        bn = model[1]
        bn.weight.copy_(1.0 + randn(g, 8, scale=0.2))
        bn.bias.copy_(randn(g, 8, scale=0.2))
        model.train()
        for _ in range(3):  # non-trivial running statistics and num_batches_tracked = 3
            model(randn(g, 6, 1, 12, 12) + 0.3)
    assert model[1].num_batches_tracked.dtype == torch.int64
    state = float_state(model)
    path = save("cnn_state_dict", state, {
        "format": "pt",
        "architecture": CNN_ARCHITECTURE,
        "state_dict": state_dict_listing(model),
        "num_batches_tracked": "int64 in PyTorch; written here as F32 (Myelin reads float tensors only)",
        "reference": "the state_dict of a float32 PyTorch model"})

    x = randn(g, 4, 1, 12, 12)
    tensors = {"x": x}
    with torch.no_grad():
        ref_eval = copy.deepcopy(model).double().eval()
        tensors["logits_eval"] = ref_eval(x.double()).float()
        deviation("cnn_io", "logits_eval", copy.deepcopy(model).eval()(x), tensors["logits_eval"])
        ref_train = copy.deepcopy(model).double().train()
        tensors["logits_train"] = ref_train(x.double()).float()
        deviation("cnn_io", "logits_train", copy.deepcopy(model).train()(x), tensors["logits_train"])
        tensors["after_train.1.running_mean"] = ref_train[1].running_mean.float()
        tensors["after_train.1.running_var"] = ref_train[1].running_var.float()
    io_path = save("cnn_io", tensors, {"architecture": CNN_ARCHITECTURE, "state": "cnn_state_dict.safetensors"})
    return [path, io_path]


# ----------------------------------------------------------------------------- a ResNet basic block

class BasicBlock(nn.Module):
    """torchvision.models.resnet.BasicBlock as torchvision writes it (same names, same forward)."""

    def __init__(self, inplanes, planes, stride=1):
        super().__init__()
        self.conv1 = nn.Conv2d(inplanes, planes, 3, stride, 1, bias=False)
        self.bn1 = nn.BatchNorm2d(planes)
        self.relu = nn.ReLU(inplace=True)
        self.conv2 = nn.Conv2d(planes, planes, 3, 1, 1, bias=False)
        self.bn2 = nn.BatchNorm2d(planes)
        self.downsample = None
        if stride != 1 or inplanes != planes:
            self.downsample = nn.Sequential(nn.Conv2d(inplanes, planes, 1, stride, bias=False), nn.BatchNorm2d(planes))

    def forward(self, x):
        out = self.relu(self.bn1(self.conv1(x)))
        out = self.bn2(self.conv2(out))
        identity = x if self.downsample is None else self.downsample(x)
        return self.relu(out + identity)


def make_basic_block(seed, name, inplanes, planes, stride, shape):
    g = generator(seed)
    block = BasicBlock(inplanes, planes, stride)
    with torch.no_grad():
        for p in block.parameters():
            p.copy_(randn(g, *p.shape, scale=0.4))
        for m in block.modules():
            if isinstance(m, nn.BatchNorm2d):
                m.weight.copy_(1.0 + randn(g, planes, scale=0.2))
                m.bias.copy_(randn(g, planes, scale=0.2))
                m.running_mean.copy_(randn(g, planes, scale=0.3))
                m.running_var.copy_(0.5 + torch.rand(planes, generator=g))
    x = randn(g, *shape)
    tensors = {"state." + k: v for k, v in float_state(block).items()}
    tensors["x"] = x
    results = {}
    for precision, module in (("ref", copy.deepcopy(block).double()), ("f32", copy.deepcopy(block))):
        module.train()
        leaf = x.to(module.conv1.weight.dtype).requires_grad_(True)
        y = module(leaf)
        if "R" not in tensors:
            tensors["R"] = randn(g, *y.shape)
        (y * tensors["R"].to(y.dtype)).sum().backward()
        out = {"y_train": y.detach(), "dx": leaf.grad}
        for k, p in module.named_parameters():
            out["grad." + k] = p.grad
        for k, m in module.named_modules():
            if isinstance(m, nn.BatchNorm2d):
                out[f"after_train.{k}.running_mean"] = m.running_mean.clone()
                out[f"after_train.{k}.running_var"] = m.running_var.clone()
        with torch.no_grad():
            out["y_eval"] = copy.deepcopy(block).to(module.conv1.weight.dtype).eval()(x.to(module.conv1.weight.dtype))
        results[precision] = out
    for k, v in results["ref"].items():
        tensors[k] = v.float()
        deviation(name, k, results["f32"][k], tensors[k])
    return save(name, tensors, {"module": "torchvision.models.resnet.BasicBlock", "inplanes": str(inplanes),
                                "planes": str(planes), "stride": str(stride),
                                "state_dict": state_dict_listing(block)})


# ----------------------------------------------------------------------------- main

def main():
    torch.set_num_threads(1)
    torch.use_deterministic_algorithms(True)
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    written = [
        make_bn_train(3001, "batchnorm2d_train", "2d", (4, 3, 5, 6), 0.1, 1e-5),
        make_bn_train(3002, "batchnorm1d_train_2d", "1d", (8, 5), 0.1, 1e-5),
        make_bn_train(3003, "batchnorm1d_train_3d", "1d", (4, 5, 7), 0.3, 1e-3),
        make_bn_eval(3004, "batchnorm2d_eval", "2d", (3, 4, 5, 5), 0.1, 1e-5),
        make_bn_eval(3005, "batchnorm1d_eval", "1d", (6, 5), 0.1, 1e-5),
    ]
    written += make_cnn(3006)
    written.append(make_basic_block(3007, "basic_block_identity", 4, 4, 1, (2, 4, 5, 5)))
    written.append(make_basic_block(3008, "basic_block_downsample", 3, 4, 2, (2, 3, 7, 6)))

    print(f"{'fixture':24} {'tensor':28} {'|f32 - ref| max':>16} {'|ref| max':>10}")
    for name, k, dev, scale in REPORT:
        print(f"{name:24} {k:28} {dev:16.3e} {scale:10.3g}")
    total = sum(p.stat().st_size for p in written)
    print(f"wrote {len(written)} files, {total} bytes")


if __name__ == "__main__":
    main()
