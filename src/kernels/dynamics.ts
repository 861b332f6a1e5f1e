/**
 * Training in function space (Day 2, §11). For the loss L = ½ Σ_m (f(x_m) − y_m)² and gradient flow
 * dθ/dt = −η ∇_θ L, the outputs on the data move by df/dt = −η Θ (f − Y). If Θ stays fixed (the linearised,
 * "lazy" regime of wide networks), f_t = Y + e^{−ηΘt}(f₀ − Y), computed with Θ = Z Λ Zᵀ (eigh) as
 * Y + Z e^{−ηΛt} Zᵀ(f₀ − Y): each eigen-direction of Θ decays at its own rate ηλ_i.
 * `trainFeedForward` does the real thing (plain gradient descent with `trainStep`, step t ↦ t + 1 is one unit of time)
 * for comparison.
 */
import { eigh } from "../linalg/eigh";
import { asMatrix, fromFloat64, Matrix, MatrixInput } from "../linalg/matrix";
import { gemm } from "../linalg/gemm";
import { tensor, Tensor } from "../autograd/tensor";
import { checkNetwork } from "../nn/passes";
import type { FeedForwardNet } from "../nn/random";
import { sgd } from "../nn/optim";
import { trainStep } from "../train/step";
import { requireAllFinite, requireInteger, requirePositive, shapeMismatch } from "../util/errors";

/**
 * f_t for each t in `times`: rows of the returned matrix (times.length × N).
 *
 * `mode` "flow" (default): gradient flow, f_t = Y + e^{−ηΘt}(f₀ − Y), each eigen-direction decays like e^{−ηλ_i t}.
 * "steps": t steps of gradient descent on the linearised model, f ← f − ηΘ(f − Y), i.e.
 * f_t = Y + (I − ηΘ)^t (f₀ − Y), each eigen-direction multiplied by (1 − ηλ_i) per step (t must be an integer).
 * The two agree while ηλ_i ≪ 1 for the directions that matter; for ηλ_i near 1 (or above) they differ, and gradient
 * descent is what "steps" describes.
 */
export function linearizedPrediction(
  theta: MatrixInput,
  f0: ArrayLike<number>,
  Y: ArrayLike<number>,
  learningRate: number,
  times: ArrayLike<number>,
  mode: "flow" | "steps" = "flow",
): Matrix {
  const T = asMatrix(theta, "theta");
  const N = T.shape[0];
  if (f0.length !== N || Y.length !== N) shapeMismatch("linearizedPrediction", "theta", T.shape, "f0 / Y", [f0.length, Y.length], "f0 and Y need one entry per row of theta");
  requirePositive("learningRate", learningRate);
  requireAllFinite("times", times);
  if (mode !== "flow" && mode !== "steps") throw new RangeError(`mode must be "flow" or "steps", got ${String(mode)}`);
  if (mode === "steps") Array.from(times).forEach((t) => requireInteger("times (steps)", t, 0));
  const { values, vectors } = eigh(T);
  const Z = vectors.data;
  const r0 = new Float64Array(N).map((_, i) => f0[i] - Y[i]);
  const c = new Float64Array(N);
  gemm(true, false, N, 1, N, 1, Z, r0, 0, c); // c = Zᵀ r0
  const out = new Float64Array(times.length * N);
  const w = new Float64Array(N);
  for (let s = 0; s < times.length; s++) {
    for (let i = 0; i < N; i++) {
      const lam = Math.max(0, values[i]);
      w[i] = c[i] * (mode === "flow" ? Math.exp(-learningRate * lam * times[s]) : (1 - learningRate * lam) ** times[s]);
    }
    const row = out.subarray(s * N, (s + 1) * N);
    gemm(false, false, N, 1, N, 1, Z, w, 0, row);
    for (let i = 0; i < N; i++) row[i] += Y[i];
  }
  return fromFloat64(out, times.length, N);
}

/** The outcome of `trainFeedForward`. */
export interface FeedForwardTraining {
  net: FeedForwardNet;
  /** The step numbers at which outputs were recorded. */
  steps: number[];
  /** outputs.get(s, m) = f(x_m) after steps[s] steps. */
  outputs: Matrix;
  /** ½ Σ (f − y)² at each recorded step. */
  losses: number[];
}

/** The loss ½ Σ_m (f(x_m) − y_m)² whose gradient flow the linearised dynamics describe. */
const halfSumOfSquares = (f: Tensor, y: Tensor): Tensor => f.sub(y).square().sum().mul(0.5);

/**
 * Plain (full-batch) gradient descent θ ← θ − η ∇_θ ½ Σ_m (f(x_m) − y_m)² on a copy of a scalar-output network:
 * `trainStep` with `sgd`, the step of `fit`, recording the outputs on X at the requested steps (ascending). Stops
 * with a DivergenceError on a non-finite loss (lower η).
 * Synchronous: the kernel's interrupt (■) stops it at once, as any synchronous cell. For a progress display, call
 * it in chunks of steps and `await` between them (as the NTK notebook does).
 */
export function trainFeedForward(
  net: FeedForwardNet,
  X: MatrixInput,
  Y: ArrayLike<number>,
  opts: { learningRate: number; steps: number; record?: number[] },
): FeedForwardTraining {
  checkNetwork(net);
  const Xm = asMatrix(X, "X");
  const N = Xm.shape[0];
  if (net.widths[net.widths.length - 1] !== 1) throw new RangeError(`trainFeedForward needs a scalar output (n_L = 1), got n_L = ${net.widths[net.widths.length - 1]}`);
  if (Y.length !== N) shapeMismatch("trainFeedForward", "X", Xm.shape, "Y", [Y.length], "Y needs one target per row of X");
  requirePositive("learningRate", opts.learningRate);
  requireInteger("steps", opts.steps);
  requireAllFinite("Y", Y);
  const record = (opts.record ?? [0, opts.steps]).slice().sort((p, q) => p - q);
  record.forEach((s) => requireInteger("record step", s));
  const model = net.clone();
  const x = tensor(Xm);
  const y = tensor(Float64Array.from(Y), [N, 1]);
  const optimizer = sgd(model.parameters(), { learningRate: opts.learningRate });
  const outs: number[][] = [];
  const losses: number[] = [];
  const recorded: number[] = [];
  for (let step = 0; step <= opts.steps; step++) {
    if (record.includes(step)) {
      const f = model.predict(x);
      outs.push(Array.from(f.data));
      losses.push(halfSumOfSquares(f, y).item());
      recorded.push(step);
    }
    if (step < opts.steps) trainStep(model, halfSumOfSquares, optimizer, x, y);
  }
  return { net: model, steps: recorded, outputs: fromFloat64(Float64Array.from(outs.flat()), outs.length, N), losses };
}
