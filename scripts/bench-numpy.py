#!/usr/bin/env python3
"""numpy side of bench/linalg.mjs: the same operations at the same sizes, one thread, float64.

Prints one JSON object {name: seconds (best of the repetitions)}. bench/linalg.mjs spawns this with
OPENBLAS_NUM_THREADS=OMP_NUM_THREADS=1 and OPENBLAS_CORETYPE / OPENBLAS_L2_SIZE removed from its environment.
"""
import json
import sys
import time

import numpy as np


def best_time(f, reps):
    f()  # warm up
    best = float("inf")
    for _ in range(reps):
        t = time.perf_counter()
        f()
        best = min(best, time.perf_counter() - t)
    return best


def main():
    rng = np.random.default_rng(1)
    out = {"numpy": np.__version__}
    for n in (128, 256, 512):
        a = rng.standard_normal((n, n))
        b = rng.standard_normal((n, n))
        reps = 20 if n < 512 else 5
        out[f"matmul AB {n}"] = best_time(lambda: a @ b, reps)
        out[f"matmul AtB {n}"] = best_time(lambda: a.T @ b, reps)
        out[f"matmul ABt {n}"] = best_time(lambda: a @ b.T, reps)
    for n in (250, 500, 1000):
        g = rng.standard_normal((n, n))
        s = g + g.T
        out[f"eigvalsh {n}"] = best_time(lambda: np.linalg.eigvalsh(s), 3)
    a = rng.standard_normal((500, 500))
    out["svdvals 500"] = best_time(lambda: np.linalg.svd(a, compute_uv=False), 3)
    out["qr 500"] = best_time(lambda: np.linalg.qr(a), 3)
    json.dump(out, sys.stdout)


if __name__ == "__main__":
    main()
