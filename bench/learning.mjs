// Learning library: one epoch of an MLP 784-256-10 (ReLU, batch 128, softmax cross entropy, SGD) on
// 10 000 random MNIST-shaped samples (float64), through `fit` and through a hand-written `trainStep` loop,
// next to the same model written in numpy (python3, if present), run with one OpenBLAS thread and with all
// cores. pdl's matrix products use gemmThreads() threads; a second `fit` runs on one thread.
// Targets: ≤ 2.5 s per epoch (issue 4); ≤ 3× numpy with one thread (issue 17).
import { createRequire } from "node:module";
import { spawnSync } from "node:child_process";
import { loadavg } from "node:os";
const require = createRequire(import.meta.url);
const pdl = require("../dist/index.js");

const N = 10000, D = 784, H = 256, C = 10, B = 128;
// Both sides are timed alike: one warm-up epoch, then the best of RUNS epochs (the machine may be shared).
const RUNS = 3;

const NUMPY = `
import time, numpy as np
rng = np.random.default_rng(0)
N, D, H, C, B = ${N}, ${D}, ${H}, ${C}, ${B}
X = rng.random((N, D)); y = rng.integers(0, C, N)
W1 = rng.normal(0, np.sqrt(2 / D), (H, D)); b1 = np.zeros(H)
W2 = rng.normal(0, np.sqrt(2 / H), (C, H)); b2 = np.zeros(C)
def epoch():
    global W1, b1, W2, b2
    order = rng.permutation(N)
    for s in range(0, N, B):
        idx = order[s:s + B]; xb = X[idx]; yb = y[idx]; n = len(idx)
        h1 = xb @ W1.T + b1; x1 = np.maximum(h1, 0); f = x1 @ W2.T + b2
        z = f - f.max(1, keepdims=True); p = np.exp(z); p /= p.sum(1, keepdims=True)
        loss = -np.log(p[np.arange(n), yb]).mean()
        d2 = p; d2[np.arange(n), yb] -= 1; d2 /= n
        gW2 = d2.T @ x1; gb2 = d2.sum(0)
        d1 = (d2 @ W2) * (h1 > 0)
        gW1 = d1.T @ xb; gb1 = d1.sum(0)
        W1 -= 0.1 * gW1; b1 -= 0.1 * gb1; W2 -= 0.1 * gW2; b2 -= 0.1 * gb2
epoch()
best = 1e9
for _ in range(${RUNS}):
    t = time.perf_counter(); epoch(); best = min(best, time.perf_counter() - t)
print(best)
`;

function numpyEpoch(threads) {
  const env = { ...process.env };
  if (threads !== undefined) {
    env.OPENBLAS_NUM_THREADS = String(threads);
    env.OMP_NUM_THREADS = String(threads);
    env.MKL_NUM_THREADS = String(threads);
  }
  delete env.OPENBLAS_CORETYPE;
  delete env.OPENBLAS_L2_SIZE;
  const r = spawnSync("python3", ["-c", NUMPY], { env, encoding: "utf8" });
  if (r.status !== 0) return { error: (r.stderr || r.error?.message || "python3 failed").trim().split("\n").pop() };
  return { seconds: Number(r.stdout.trim()) };
}

export default async function () {
  const rng = pdl.randomGenerator(0);
  const X = pdl.tensor(rng.uniformArray(N * D, 0, 1), [N, D]);
  const labels = rng.integers(N, 0, C);
  const model = new pdl.MLP([D, H, C], { activation: "relu", rng: 1 });

  // the gemm worker threads start with the first big product and take a moment to load: time them ready (≤ 5 s)
  const opt = pdl.sgd(model.parameters(), { learningRate: 0.1 });
  pdl.trainStep(model, "crossEntropy", opt, X.gatherRows(Array.from({ length: B }, (_, k) => k)), pdl.Tensor.oneHot(Array.from(labels.subarray(0, B)), C));
  for (let waited = 0; pdl.gemmThreadsReady() < pdl.gemmThreads() && waited < 5000; waited += 10) await new Promise((r) => setTimeout(r, 10));
  // warm-up epoch (JIT), as the numpy side does
  await pdl.fit(model, { x: X, y: labels, loss: "crossEntropy", optimizer: opt, epochs: 1, batchSize: B, seed: 99, monitor: pdl.silentMonitor });

  let fitSeconds = Infinity, history;
  for (let run = 0; run < RUNS; run++) {
    const t0 = performance.now();
    history = await pdl.fit(model, { x: X, y: labels, loss: "crossEntropy", optimizer: opt, epochs: 1, batchSize: B, seed: run, monitor: pdl.silentMonitor });
    fitSeconds = Math.min(fitSeconds, (performance.now() - t0) / 1000);
  }

  // fit again on one thread (the worker threads off)
  const threads = pdl.gemmThreads();
  const threadsUsed = pdl.gemmThreadsReady();
  pdl.setGemmThreads(1);
  let fitOneSeconds = Infinity;
  for (let run = 0; run < RUNS; run++) {
    const t0 = performance.now();
    await pdl.fit(model, { x: X, y: labels, loss: "crossEntropy", optimizer: opt, epochs: 1, batchSize: B, seed: run, monitor: pdl.silentMonitor });
    fitOneSeconds = Math.min(fitOneSeconds, (performance.now() - t0) / 1000);
  }
  pdl.setGemmThreads(threads);

  // fit again with the TypeScript micro-kernel in gemm (the fallback without WebAssembly SIMD), for comparison
  const kernelInUse = pdl.gemmKernel();
  pdl.setGemmKernel("typescript");
  let fitTsSeconds = Infinity;
  for (let run = 0; run < RUNS; run++) {
    const t0 = performance.now();
    await pdl.fit(model, { x: X, y: labels, loss: "crossEntropy", optimizer: opt, epochs: 1, batchSize: B, seed: run, monitor: pdl.silentMonitor });
    fitTsSeconds = Math.min(fitTsSeconds, (performance.now() - t0) / 1000);
  }
  pdl.setGemmKernel(kernelInUse);

  // the same epoch as a plain loop of trainStep (no metrics, no yielding)
  const Y = pdl.Tensor.oneHot(Array.from(labels), C);
  const order = rng.permutation(N);
  let loopSeconds = Infinity;
  for (let run = 0; run < RUNS; run++) {
    const t1 = performance.now();
    for (let s = 0; s < N; s += B) {
      const idx = order.subarray(s, Math.min(N, s + B));
      pdl.trainStep(model, "crossEntropy", opt, X.gatherRows(idx), Y.gatherRows(idx));
    }
    loopSeconds = Math.min(loopSeconds, (performance.now() - t1) / 1000);
  }

  // matrix products alone: forward X W1ᵀ, W2; backward ∂W1, ∂W2, Δ1 = Δ2 W2 per batch
  const w1 = model.layers[0].weight.data, w2 = model.layers[1].weight.data;
  const xb = X.data.subarray(0, B * D), hb = new Float64Array(B * H), fb = new Float64Array(B * C), g1 = new Float64Array(H * D), g2 = new Float64Array(C * H);
  const steps = Math.ceil(N / B);
  let gemmSeconds = Infinity;
  for (let run = 0; run < RUNS; run++) {
  const t2 = performance.now();
  for (let s = 0; s < steps; s++) {
    pdl.gemm(false, true, B, H, D, 1, xb, w1, 0, hb);
    pdl.gemm(false, true, B, C, H, 1, hb, w2, 0, fb);
    pdl.gemm(true, false, C, H, B, 1, fb, hb, 0, g2);
    pdl.gemm(false, false, B, H, C, 1, fb, w2, 0, hb);
    pdl.gemm(true, false, H, D, B, 1, hb, xb, 0, g1);
  }
  gemmSeconds = Math.min(gemmSeconds, (performance.now() - t2) / 1000);
  }
  const flops = steps * 2 * B * (2 * D * H + 3 * H * C);

  const np = numpyEpoch(1);
  const npAll = numpyEpoch();
  console.log(`MLP ${D}-${H}-${C} (ReLU), batch ${B}, softmax CE, SGD, ${N} random MNIST-shaped samples, float64, one epoch:`);
  console.log(`  fit (with train accuracy, yielding)     ${fitSeconds.toFixed(3)} s   (target ≤ 2.5 s)  final loss ${history.last.trainLoss.toFixed(3)}; gemm on ${threadsUsed} thread(s)`);
  console.log(`  fit, gemm on 1 thread                   ${fitOneSeconds.toFixed(3)} s`);
  console.log(`  fit, TypeScript gemm kernel             ${fitTsSeconds.toFixed(3)} s   (the fallback; ${kernelInUse} kernel above)`);
  console.log(`  trainStep loop                          ${loopSeconds.toFixed(3)} s`);
  console.log(`  its matrix products alone (gemm)        ${gemmSeconds.toFixed(3)} s   (${(flops / 1e9).toFixed(1)} GFLOP, ${(flops / gemmSeconds / 1e9).toFixed(2)} GFLOP/s)`);
  console.log(`  autograd + loss + optimizer overhead    ${(loopSeconds - gemmSeconds).toFixed(3)} s   (trainStep loop − gemm; noisy on a loaded machine)`);
  if (np.seconds !== undefined) {
    console.log(`  numpy, OPENBLAS_NUM_THREADS=1           ${np.seconds.toFixed(3)} s   → pdl fit / numpy = ${(fitSeconds / np.seconds).toFixed(1)}×`);
    if (npAll.seconds !== undefined) console.log(`  numpy, all cores                        ${npAll.seconds.toFixed(3)} s   → pdl fit / numpy = ${(fitSeconds / npAll.seconds).toFixed(1)}×`);
    const r = fitSeconds / np.seconds;
    console.log(`target (issue 17): MLP epoch ≤ 3× numpy one-thread: ${r.toFixed(1)}× ${r <= 3 ? "met" : "NOT met"}; load average ${loadavg().map((x) => x.toFixed(1)).join(" ")}`);
  } else console.log(`  numpy: not measured (${np.error})`);
}
