/**
 * Reductions: sums and means over axes, and the row-wise softmax.
 *
 * y = Σ_j x_j passes the same gradient back to every summand: ∂L/∂x_j = ∂L/∂y.
 * softmax p_c = e^{z_c} / Σ_k e^{z_k} is computed after subtracting max_k z_k (same result, no overflow);
 * its backward is ∂L/∂z = p ⊙ (g − ⟨g, p⟩).
 */
import { formatShape } from "../util/errors";
import { makeResult, Tensor } from "./graph";
import { reshape } from "./structure";
import { mul } from "./elementwise";

function normalizeAxis(axis: number, ndim: number, where: string): number {
  if (!Number.isInteger(axis) || axis < -ndim || axis >= ndim) {
    throw new RangeError(`${where}: axis ${axis} is out of range for a tensor with ${ndim} axes`);
  }
  return axis < 0 ? axis + ndim : axis;
}

/** Sum over one axis, keeping it with length 1. */
function sumAxis(a: Tensor, axis: number): Tensor {
  const n = a.shape[axis];
  let outer = 1;
  for (let i = 0; i < axis; i++) outer *= a.shape[i];
  let inner = 1;
  for (let i = axis + 1; i < a.ndim; i++) inner *= a.shape[i];
  const x = a.data;
  const out = new Float64Array(outer * inner);
  for (let o = 0; o < outer; o++) {
    for (let j = 0; j < n; j++) {
      const base = (o * n + j) * inner;
      for (let i = 0; i < inner; i++) out[o * inner + i] += x[base + i];
    }
  }
  const shape = a.shape.slice();
  shape[axis] = 1;
  const result: Tensor = makeResult(out, shape, "sum", [a], () => {
    const g = result.grad as Float64Array;
    const ga = a.gradBuffer();
    for (let o = 0; o < outer; o++) {
      for (let j = 0; j < n; j++) {
        const base = (o * n + j) * inner;
        for (let i = 0; i < inner; i++) ga[base + i] += g[o * inner + i];
      }
    }
  });
  return result;
}

/** Sum over `axis` (a number or several; all axes if omitted). keepDims keeps summed axes with length 1. */
export function sum(a: Tensor, axis?: number | number[], keepDims = false): Tensor {
  if (axis === undefined) {
    const x = a.data;
    let s = 0;
    for (let k = 0; k < x.length; k++) s += x[k];
    const shape = keepDims ? a.shape.map(() => 1) : [];
    const result: Tensor = makeResult(new Float64Array([s]), shape, "sum", [a], () => {
      const g = (result.grad as Float64Array)[0];
      const ga = a.gradBuffer();
      for (let k = 0; k < ga.length; k++) ga[k] += g;
    });
    return result;
  }
  const axes = (Array.isArray(axis) ? axis : [axis]).map((ax) => normalizeAxis(ax, a.ndim, "sum"));
  if (new Set(axes).size !== axes.length) throw new RangeError(`sum: repeated axis in [${axes.join(", ")}]`);
  let out = a;
  for (const ax of axes.slice().sort((p, q) => q - p)) out = sumAxis(out, ax);
  if (keepDims) return out;
  return reshape(out, a.shape.filter((_, i) => !axes.includes(i)));
}

/** Mean over `axis` (all axes if omitted). */
export function mean(a: Tensor, axis?: number | number[], keepDims = false): Tensor {
  let count = a.size;
  if (axis !== undefined) {
    count = 1;
    for (const ax of Array.isArray(axis) ? axis : [axis]) count *= a.shape[normalizeAxis(ax, a.ndim, "mean")];
  }
  if (count === 0) throw new RangeError(`mean: no entries to average (shape ${formatShape(a.shape)})`);
  return mul(sum(a, axis, keepDims), 1 / count);
}

function rowsOf(a: Tensor, where: string): { rows: number; cols: number } {
  if (a.ndim === 0) throw new RangeError(`${where}: needs at least one axis, got a scalar`);
  const cols = a.shape[a.ndim - 1];
  return { rows: cols === 0 ? 0 : a.size / cols, cols };
}

/** Stable softmax along the last axis. */
export function softmax(a: Tensor): Tensor {
  const { rows, cols } = rowsOf(a, "softmax");
  const out = new Float64Array(a.size);
  softmaxRows(a.data, out, rows, cols);
  const result: Tensor = makeResult(out, a.shape, "softmax", [a], () => {
    const g = result.grad as Float64Array;
    const ga = a.gradBuffer();
    for (let r = 0; r < rows; r++) {
      const o = r * cols;
      let dot = 0;
      for (let c = 0; c < cols; c++) dot += g[o + c] * out[o + c];
      for (let c = 0; c < cols; c++) ga[o + c] += out[o + c] * (g[o + c] - dot);
    }
  });
  return result;
}

/** Stable log-softmax along the last axis: z_c − log Σ_k e^{z_k}. */
export function logSoftmax(a: Tensor): Tensor {
  const { rows, cols } = rowsOf(a, "logSoftmax");
  const p = new Float64Array(a.size);
  softmaxRows(a.data, p, rows, cols);
  const out = new Float64Array(a.size);
  const x = a.data;
  for (let r = 0; r < rows; r++) {
    const lse = logSumExpRow(x, r * cols, cols);
    for (let c = 0; c < cols; c++) out[r * cols + c] = x[r * cols + c] - lse;
  }
  const result: Tensor = makeResult(out, a.shape, "logSoftmax", [a], () => {
    const g = result.grad as Float64Array;
    const ga = a.gradBuffer();
    for (let r = 0; r < rows; r++) {
      const o = r * cols;
      let total = 0;
      for (let c = 0; c < cols; c++) total += g[o + c];
      for (let c = 0; c < cols; c++) ga[o + c] += g[o + c] - p[o + c] * total;
    }
  });
  return result;
}

/** log Σ_c e^{x[offset + c]}, computed as m + log Σ e^{x − m} with m the maximum. */
export function logSumExpRow(x: Float64Array, offset: number, cols: number): number {
  let m = -Infinity;
  for (let c = 0; c < cols; c++) if (x[offset + c] > m) m = x[offset + c];
  if (m === -Infinity || m === Infinity) return m;
  let s = 0;
  for (let c = 0; c < cols; c++) s += Math.exp(x[offset + c] - m);
  return m + Math.log(s);
}

/** out = softmax of each row of x (stable). */
export function softmaxRows(x: Float64Array, out: Float64Array, rows: number, cols: number): void {
  for (let r = 0; r < rows; r++) {
    const o = r * cols;
    let m = -Infinity;
    for (let c = 0; c < cols; c++) if (x[o + c] > m) m = x[o + c];
    let s = 0;
    for (let c = 0; c < cols; c++) {
      const e = Math.exp(x[o + c] - m);
      out[o + c] = e;
      s += e;
    }
    for (let c = 0; c < cols; c++) out[o + c] /= s;
  }
}

/** argmax of each row (last axis); ties go to the first index. */
export function argmaxRows(a: Tensor): Int32Array {
  const { rows, cols } = rowsOf(a, "argmax");
  const out = new Int32Array(rows);
  for (let r = 0; r < rows; r++) {
    let best = 0;
    for (let c = 1; c < cols; c++) if (a.data[r * cols + c] > a.data[r * cols + best]) best = c;
    out[r] = best;
  }
  return out;
}
