#!/usr/bin/env python3
"""Median single-call GFLOP/s of numpy's float32 matmul (OpenBLAS) for each MxKxN shape given.

The Python half of benchmarks/gemm-vs-openblas; prints one line "MxKxN GFLOPS" per shape, timed
the same way as dev.myelin.benchmarks.GemmThroughput: warm-up of every shape, then calls for about
--seconds each, median of the per-call rates.

Needs Debian's numpy with OpenBLAS:  apt-get install -y python3-numpy libopenblas0-pthread
Run with OPENBLAS_NUM_THREADS=1 for the single-thread figure (the wrapper script does).
"""
import argparse
import statistics
import time

import numpy as np


def run(shape, seconds):
    m, k, n = (int(x) for x in shape.split("x"))
    rng = np.random.default_rng(42)
    a = rng.uniform(-1, 1, (m, k)).astype(np.float32)
    b = rng.uniform(-1, 1, (k, n)).astype(np.float32)
    c = np.empty((m, n), dtype=np.float32)
    rates = []
    end = time.perf_counter() + seconds
    while time.perf_counter() < end or len(rates) < 5:
        t0 = time.perf_counter()
        np.matmul(a, b, out=c)
        rates.append(2.0 * m * n * k / (time.perf_counter() - t0) / 1e9)
    return statistics.median(rates)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=1.0)
    parser.add_argument("shapes", nargs="+")
    args = parser.parse_args()
    for shape in args.shapes:
        run(shape, 0.5)
    for shape in args.shapes:
        print(f"{shape} {run(shape, args.seconds):.2f}")


if __name__ == "__main__":
    main()
