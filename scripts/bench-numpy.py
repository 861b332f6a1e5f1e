#!/usr/bin/env python3
"""numpy side of bench/linalg.mjs: the same operations at the same sizes, one thread, float64.

Prints one JSON object {name: seconds (best of the repetitions), "cpu " + name: best CPU time of the process}. bench/linalg.mjs spawns this with
OPENBLAS_NUM_THREADS=OMP_NUM_THREADS=1 and OPENBLAS_CORETYPE / OPENBLAS_L2_SIZE removed from its environment.
"""
import json
import sys
import time

import numpy as np


def timed(out, name, f, reps):
    """out[name] = best wall-clock time, out["cpu " + name] = best CPU time of the process (all threads)."""
    out[name], out["cpu " + name] = best_time(f, reps)


def best_time(f, reps):
    f()  # warm up
    best = float("inf")
    best_cpu = float("inf")
    for _ in range(reps):
        t = time.perf_counter()
        c = time.process_time()
        f()
        best = min(best, time.perf_counter() - t)
        best_cpu = min(best_cpu, time.process_time() - c)
    return best, best_cpu


def main():
    rng = np.random.default_rng(1)
    out = {"numpy": np.__version__}
    for n in (128, 256, 512, 1024, 2048):
        a = rng.standard_normal((n, n))
        b = rng.standard_normal((n, n))
        reps = 20 if n < 512 else 5 if n < 2048 else 2
        timed(out, f"matmul AB {n}", lambda: a @ b, reps)
        timed(out, f"matmul AtB {n}", lambda: a.T @ b, reps)
        timed(out, f"matmul ABt {n}", lambda: a @ b.T, reps)
    for n in (250, 500, 1000, 2000):
        g = rng.standard_normal((n, n))
        s = g + g.T
        timed(out, f"eigvalsh {n}", lambda: np.linalg.eigvalsh(s), 3)
    for n in (250, 500, 1000):
        a = rng.standard_normal((n, n))
        timed(out, f"svdvals {n}", lambda: np.linalg.svd(a, compute_uv=False), 3)
    for n in (250, 500, 1000):
        a = rng.standard_normal((n, n))
        timed(out, f"qr {n}", lambda: np.linalg.qr(a), 3)
    json.dump(out, sys.stdout)


if __name__ == "__main__":
    main()
