"""Writes the golden fixtures of dev.myelin.optim: optimizer steps, learning-rate schedules and
gradient clipping, as computed by PyTorch.

Install (Debian):  apt-get install python3-torch python3-numpy
Run, from the repository root:
    OPENBLAS_NUM_THREADS=1 /usr/bin/python3 tools/golden/make_optim_golden.py

Output: core/src/test/resources/golden/optim/*.txt, found relative to this script. The fixtures were
made with PyTorch 1.13 (the single-tensor, non-foreach optimizer code). Fixed seeds make the output
deterministic.

Format, one entry per line:  <name> <dims> <v1> <v2> ...
  dims is comma-separated ("3,4"; "1" for a single value). Float32 values are printed with '%.9g',
  which round-trips to the same float32; double values (schedules) with repr(), which round-trips to
  the same double. Lines starting with '#' are comments.
"""

import inspect
import math
import os
import warnings

import numpy as np
import torch
from torch.optim import lr_scheduler

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..",
                   "core", "src", "test", "resources", "golden", "optim")
SHAPES = [(3, 4), (5,)]
STEPS = 5


def f32(t):
    return " ".join("%.9g" % float(np.float32(x)) for x in t.detach().reshape(-1).numpy())


def f64(values):
    return " ".join(repr(float(x)) for x in values)


def dims(t):
    return ",".join(str(d) for d in t.shape) if t.dim() > 0 else "1"


class Fixture:
    def __init__(self, name, comment):
        self.name = name
        self.lines = ["# " + comment, "# torch " + torch.__version__ + ", written by tools/golden/make_optim_golden.py"]

    def tensor(self, key, t):
        self.lines.append("%s %s %s" % (key, dims(t), f32(t)))

    def doubles(self, key, values):
        self.lines.append("%s %d %s" % (key, len(values), f64(values)))

    def write(self):
        with open(os.path.join(OUT, self.name + ".txt"), "w") as out:
            out.write("\n".join(self.lines) + "\n")


def gradients(gen, shape):
    """Normal values times 10^u, u uniform in [-9, 1]: tiny gradients make eps and weight decay matter."""
    scale = torch.pow(10.0, torch.empty(shape).uniform_(-9, 1, generator=gen))
    return torch.randn(shape, generator=gen) * scale


def optimizer_case(name, comment, make):
    gen = torch.Generator().manual_seed(1234)
    params = [torch.nn.Parameter(torch.randn(s, generator=gen)) for s in SHAPES]
    fx = Fixture(name, comment)
    for i, p in enumerate(params):
        fx.tensor("param%d" % i, p)
    opt = make(params)
    for step in range(1, STEPS + 1):
        opt.zero_grad()
        for i, p in enumerate(params):
            p.grad = gradients(gen, p.shape)
            fx.tensor("step%d.grad%d" % (step, i), p.grad)
        opt.step()
        for i, p in enumerate(params):
            fx.tensor("step%d.param%d" % (step, i), p)
    for i, p in enumerate(params):
        for key, value in opt.state[p].items():
            if key != "step":
                fx.tensor("state.group0.param%d.%s" % (i, key), value)
    fx.write()


def optimizers():
    optimizer_case("sgd_nesterov", "SGD(lr=0.1, momentum=0.9, dampening=0, weight_decay=0.01, nesterov=True)",
                   lambda ps: torch.optim.SGD(ps, lr=0.1, momentum=0.9, dampening=0, weight_decay=1e-2,
                                              nesterov=True, foreach=False))
    optimizer_case("sgd_dampening", "SGD(lr=0.1, momentum=0.9, dampening=0.1, weight_decay=0, nesterov=False)",
                   lambda ps: torch.optim.SGD(ps, lr=0.1, momentum=0.9, dampening=0.1, foreach=False))
    optimizer_case("adam", "Adam(lr=1e-3, betas=(0.9, 0.999), eps=1e-8, weight_decay=0)",
                   lambda ps: torch.optim.Adam(ps, lr=1e-3, foreach=False))
    optimizer_case("adam_wd", "Adam(lr=1e-3, betas=(0.9, 0.999), eps=1e-8, weight_decay=0.01)",
                   lambda ps: torch.optim.Adam(ps, lr=1e-3, weight_decay=1e-2, foreach=False))
    optimizer_case("adamw", "AdamW(lr=1e-3, betas=(0.9, 0.999), eps=1e-8, weight_decay=0.01)",
                   lambda ps: torch.optim.AdamW(ps, lr=1e-3, weight_decay=1e-2, foreach=False))


def schedule_case(name, comment, lr, make, steps=100, momentum=False):
    """The learning rate (and momentum, if asked) in force before the first scheduler.step() and after each."""
    param = torch.nn.Parameter(torch.zeros(1))
    opt = torch.optim.SGD([param], lr=lr, momentum=0.9)
    scheduler = make(opt)
    lrs, momenta = [opt.param_groups[0]["lr"]], [opt.param_groups[0]["momentum"]]
    for _ in range(steps):
        opt.step()
        scheduler.step()
        lrs.append(opt.param_groups[0]["lr"])
        momenta.append(opt.param_groups[0]["momentum"])
    fx = Fixture(name, comment + "; SGD(lr=%r, momentum=0.9); values at epochs 0..%d" % (lr, steps))
    fx.doubles("lr", lrs)
    if momentum:
        fx.doubles("momentum", momenta)
    fx.write()


def schedules():
    schedule_case("step_lr", "StepLR(step_size=30, gamma=0.1)", 0.1,
                  lambda o: lr_scheduler.StepLR(o, step_size=30, gamma=0.1))
    schedule_case("cosine", "CosineAnnealingLR(T_max=100, eta_min=1e-5)", 0.1,
                  lambda o: lr_scheduler.CosineAnnealingLR(o, T_max=100, eta_min=1e-5))
    schedule_case("warmup_cosine", "SequentialLR([LinearLR(start_factor=0.01, total_iters=10), "
                  "CosineAnnealingLR(T_max=90)], milestones=[10])", 0.1,
                  lambda o: lr_scheduler.SequentialLR(o, [
                      lr_scheduler.LinearLR(o, start_factor=0.01, total_iters=10),
                      lr_scheduler.CosineAnnealingLR(o, T_max=90)], milestones=[10]))
    schedule_case("one_cycle", "OneCycleLR(max_lr=0.1, total_steps=100) (pct_start 0.3, cos, div_factor 25, "
                  "final_div_factor 1e4, momentum 0.95 -> 0.85 -> 0.95)", 0.1,
                  lambda o: lr_scheduler.OneCycleLR(o, max_lr=0.1, total_steps=100), momentum=True)


def clip_case(fx, case, gen, shapes, max_norm, scale):
    grads = [torch.randn(s, generator=gen) * scale for s in shapes]
    params = [torch.nn.Parameter(torch.zeros(s)) for s in shapes]
    for i, (p, g) in enumerate(zip(params, grads)):
        p.grad = g.clone()
        fx.tensor("%s.grad%d" % (case, i), g)
    total = torch.nn.utils.clip_grad_norm_(params, max_norm)
    fx.doubles("%s.max_norm" % case, [max_norm])
    fx.tensor("%s.total_norm" % case, total)
    for i, p in enumerate(params):
        fx.tensor("%s.clipped%d" % (case, i), p.grad)


def clipping():
    gen = torch.Generator().manual_seed(99)
    fx = Fixture("clip_grad_norm", "torch.nn.utils.clip_grad_norm_(params, max_norm), norm_type 2; "
                 "total_norm is PyTorch's float32 result")
    clip_case(fx, "clipped", gen, [(3, 4), (5,), (2, 2, 3)], 1.0, 1.0)
    clip_case(fx, "unclipped", gen, [(3, 4), (5,)], 1.0, 0.05)
    clip_case(fx, "large", gen, [(20, 13), (13,)], 0.5, 10.0)
    fx.write()


def defaults():
    """The default of every option the Java classes name, read from PyTorch's constructor signatures.
    Booleans are written as 1.0 / 0.0, anneal_strategy as its string."""
    fx = Fixture("defaults", "defaults of torch.optim's constructors (inspect.signature); SGD's lr has none")
    cases = [
        ("sgd", torch.optim.SGD, ["momentum", "dampening", "weight_decay", "nesterov"]),
        ("adam", torch.optim.Adam, ["lr", "betas", "eps", "weight_decay"]),
        ("adamw", torch.optim.AdamW, ["lr", "betas", "eps", "weight_decay"]),
        ("one_cycle", lr_scheduler.OneCycleLR, ["pct_start", "anneal_strategy", "cycle_momentum", "base_momentum",
                                               "max_momentum", "div_factor", "final_div_factor"]),
        ("cosine", lr_scheduler.CosineAnnealingLR, ["eta_min"]),
        ("linear_lr", lr_scheduler.LinearLR, ["start_factor"]),
        ("step_lr", lr_scheduler.StepLR, ["gamma"]),
    ]
    for prefix, cls, names in cases:
        parameters = inspect.signature(cls.__init__).parameters
        for name in names:
            value = parameters[name].default
            key = "%s.%s" % (prefix, name)
            if isinstance(value, str):
                fx.lines.append("%s 1 %s" % (key, value))
            else:
                fx.doubles(key, value if isinstance(value, tuple) else [value])
    fx.write()


def main():
    warnings.filterwarnings("ignore", category=UserWarning)
    os.makedirs(OUT, exist_ok=True)
    optimizers()
    schedules()
    clipping()
    defaults()
    print("wrote", os.path.normpath(OUT))


if __name__ == "__main__":
    main()
