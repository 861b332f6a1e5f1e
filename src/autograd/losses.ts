/**
 * Losses L(f(x), y) of lecture §5, each a single graph node with a hand-written (fused) backward.
 *
 * Batches are rows: prediction f is N × n_L (n_L the output size; or a length-N vector for scalar outputs),
 * one sample per row.
 * Each loss is summed over the output coordinates of a sample, then, over the batch,
 *   reduction "mean" (default): (1/N) Σ_i L(f(x_i), y_i)      — the empirical risk, independent of N;
 *   reduction "sum":            Σ_i L(f(x_i), y_i)            — the notes' Σ_{(x,y)∈𝒟} L(f_θ(x), y).
 * The notes' objective L₀(θ) = Σ L(f_θ(x), y) + λ‖θ‖² is `l2Loss(f, y, { reduction: "sum" })` plus
 * `weightDecayPenalty(parameters, λ)` (or the optimizer's `weightDecay: λ`, which adds the same gradient 2λθ).
 */
import { formatShape, shapeMismatch } from "../util/errors";
import { isLabelArray, oneHotRows } from "../util/labels";
import { makeResult, Tensor } from "./graph";
import { TensorInput, toTensor } from "./create";
import { logSumExpRow } from "./reduce";

export type Reduction = "mean" | "sum";

export interface LossOptions {
  /** "mean" (default): average over the batch (the rows); "sum": the plain sum Σ_i. */
  reduction?: Reduction;
}

function batchScale(where: string, shape: readonly number[], options: LossOptions | undefined): number {
  const reduction = options?.reduction ?? "mean";
  if (reduction !== "mean" && reduction !== "sum") throw new RangeError(`${where}: reduction must be "mean" or "sum", got ${String(reduction)}`);
  const batch = shape.length === 0 ? 1 : shape[0];
  // One rule for empty input (as mean and accuracy): a mean over no samples is undefined; a sum over none is 0.
  if (reduction === "mean" && batch === 0) throw new RangeError(`${where}: no samples to average (the prediction has shape ${formatShape(shape)}); reduction "sum" gives 0`);
  return reduction === "sum" ? 1 : 1 / batch;
}

/** Shapes equal, ignoring trailing axes of length 1 (so f of shape [N, 1] pairs with y of shape [N]). */
function sameShape(a: readonly number[], b: readonly number[]): boolean {
  const strip = (s: readonly number[]) => {
    let n = s.length;
    while (n > 1 && s[n - 1] === 1) n--;
    return s.slice(0, n);
  };
  const p = strip(a);
  const q = strip(b);
  return p.length === q.length && p.every((d, i) => d === q[i]);
}

/**
 * Entrywise loss ℓ(f − y) summed over everything, times the batch scale. `dl` is ℓ′.
 */
function pointwiseLoss(op: string, predIn: TensorInput, targetIn: TensorInput, options: LossOptions | undefined, l: (d: number) => number, dl: (d: number) => number): Tensor {
  const pred = toTensor(predIn, `${op}: prediction`);
  const target = toTensor(targetIn, `${op}: target`);
  if (!sameShape(pred.shape, target.shape)) {
    shapeMismatch(op, "prediction", pred.shape, "target", target.shape, "they must have the same shape (one row per sample)");
  }
  const scale = batchScale(op, pred.shape, options);
  const n = pred.size;
  const f = pred.data;
  const y = target.data;
  let total = 0;
  for (let k = 0; k < n; k++) total += l(f[k] - y[k]);
  const result: Tensor = makeResult(new Float64Array([scale * total]), [], op, [pred, target], () => {
    const g = (result.grad as Float64Array)[0] * scale;
    const gp = pred.requiresGrad ? pred.gradBuffer() : null;
    const gt = target.requiresGrad ? target.gradBuffer() : null;
    for (let k = 0; k < n; k++) {
      const d = g * dl(f[k] - y[k]);
      if (gp !== null) gp[k] += d;
      if (gt !== null) gt[k] -= d;
    }
  });
  return result;
}

/** L2 loss ‖f(x) − y‖² per sample (summed over outputs), averaged (default) or summed over the batch. */
export function l2Loss(prediction: TensorInput, target: TensorInput, options?: LossOptions): Tensor {
  return pointwiseLoss("l2Loss", prediction, target, options, (d) => d * d, (d) => 2 * d);
}

/** L1 loss ‖f(x) − y‖₁ = Σ_c |f_c − y_c| per sample; its (sub)gradient is sign(f − y), 0 at a tie. */
export function l1Loss(prediction: TensorInput, target: TensorInput, options?: LossOptions): Tensor {
  return pointwiseLoss("l1Loss", prediction, target, options, Math.abs, (d) => (d > 0 ? 1 : d < 0 ? -1 : 0));
}

/**
 * Softmax cross entropy of logits z (N × C) against targets y: per sample
 *   L(z, y) = −Σ_c y_c log softmax(z)_c = (Σ_c y_c) · log Σ_k e^{z_k} − Σ_c y_c z_c,
 * computed stably (log-sum-exp with the maximum subtracted). Targets are either class labels
 * (integers, one per row) or soft labels: an N × C matrix of probabilities, e.g. mixup's λ y_i + (1 − λ) y_j.
 * Gradient: ∂L/∂z = (Σ_c y_c) softmax(z) − y  ( = p − y for probability targets). Targets get no gradient.
 */
export function softmaxCrossEntropy(logitsIn: TensorInput, targets: TensorInput, options?: LossOptions): Tensor {
  const logits = toTensor(logitsIn, "softmaxCrossEntropy: logits");
  if (logits.ndim !== 2) throw new RangeError(`softmaxCrossEntropy: logits must be N × C (one row per sample), got shape ${formatShape(logits.shape)}`);
  const [N, C] = logits.shape;
  // Dense N × C target matrix.
  let y: Float64Array;
  if (isLabelArray(targets)) {
    if (targets.length !== N) throw new RangeError(`softmaxCrossEntropy: got ${targets.length} labels for ${N} rows of logits (shape ${formatShape(logits.shape)})`);
    y = oneHotRows(targets, C, "softmaxCrossEntropy");
  } else {
    const t = toTensor(targets, "softmaxCrossEntropy: targets");
    if (t.ndim !== 2 || t.shape[0] !== N || t.shape[1] !== C) {
      shapeMismatch("softmaxCrossEntropy", "logits", logits.shape, "targets", t.shape, "soft targets must have the logits' shape N × C (or give N integer labels)");
    }
    y = t.data;
  }
  const scale = batchScale("softmaxCrossEntropy", logits.shape, options);
  const z = logits.data;
  let total = 0;
  for (let i = 0; i < N; i++) {
    const o = i * C;
    const lse = logSumExpRow(z, o, C);
    for (let c = 0; c < C; c++) if (y[o + c] !== 0) total += y[o + c] * (lse - z[o + c]);
  }
  const result: Tensor = makeResult(new Float64Array([scale * total]), [], "softmaxCrossEntropy", [logits], () => {
    const g = (result.grad as Float64Array)[0] * scale;
    const gz = logits.gradBuffer();
    for (let i = 0; i < N; i++) {
      const o = i * C;
      const lse = logSumExpRow(z, o, C);
      let mass = 0;
      for (let c = 0; c < C; c++) mass += y[o + c];
      for (let c = 0; c < C; c++) gz[o + c] += g * (mass * Math.exp(z[o + c] - lse) - y[o + c]);
    }
  });
  return result;
}

/** The weight-decay term λ‖θ‖² = λ Σ_p Σ_k θ_{p,k}² of the objective L₀ (gradient 2λθ). */
export function weightDecayPenalty(parameters: readonly Tensor[], lambda: number): Tensor {
  if (typeof lambda !== "number" || !Number.isFinite(lambda) || lambda < 0) {
    throw new RangeError(`weightDecayPenalty: λ (lambda) must be a finite number ≥ 0, got ${String(lambda)}`);
  }
  let total = 0;
  for (const p of parameters) for (let k = 0; k < p.size; k++) total += p.data[k] * p.data[k];
  const result: Tensor = makeResult(new Float64Array([lambda * total]), [], "weightDecay", parameters.slice(), () => {
    const g = (result.grad as Float64Array)[0];
    for (const p of parameters) {
      if (!p.requiresGrad) continue;
      const gp = p.gradBuffer();
      for (let k = 0; k < p.size; k++) gp[k] += 2 * lambda * g * p.data[k];
    }
  });
  return result;
}
