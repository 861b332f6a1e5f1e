/**
 * Entrywise operations and their derivatives.
 *
 * Binary ops broadcast like numpy: shapes are aligned on the right and an axis of length 1 (or a missing
 * axis) is repeated, so a bias b ∈ ℝⁿ adds to every row of an N×n batch: `H.add(b)`. In the backward pass
 * the gradient of a broadcast operand is summed over the repeated positions (each copy contributed).
 *
 * Unary ops y = g(x) pass back ∂L/∂x = g′(x) ⊙ ∂L/∂y.
 */
import { formatShape, describe } from "../util/errors";
import { makeResult, Tensor, sizeOf } from "./graph";
import { TensorInput, toTensor } from "./create";
import type { Activation } from "../special/activations";

/** The broadcast shape of a and b (numpy rules), or a clear error naming both shapes. */
export function broadcastShapes(where: string, a: readonly number[], b: readonly number[]): number[] {
  if (!Array.isArray(a) || !Array.isArray(b)) throw new TypeError(`${where}: shapes must be arrays of integers, got ${describe(a)} and ${describe(b)}`);
  const n = Math.max(a.length, b.length);
  const out: number[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const da = a.length - n + i >= 0 ? a[a.length - n + i] : 1;
    const db = b.length - n + i >= 0 ? b[b.length - n + i] : 1;
    if (da !== db && da !== 1 && db !== 1) {
      throw new RangeError(
        `${where}: cannot broadcast shapes ${formatShape(a)} and ${formatShape(b)}: axis ${i} of the result has ${da} vs ${db} ` +
          `(aligned from the right, sizes must be equal or 1)`,
      );
    }
    out[i] = Math.max(da, db);
  }
  return out;
}

/** For each entry of the broadcast result, the flat index of the input entry it reads; null if identical shapes. */
export function broadcastIndex(inShape: readonly number[], outShape: readonly number[]): Int32Array | null {
  if (inShape.length === outShape.length && inShape.every((d, i) => d === outShape[i])) return null;
  const n = sizeOf(outShape);
  const map = new Int32Array(n);
  const offset = outShape.length - inShape.length;
  // stride of each output axis inside the input (0 where the input is broadcast)
  const strides = new Array(outShape.length).fill(0);
  let s = 1;
  for (let i = inShape.length - 1; i >= 0; i--) {
    strides[i + offset] = inShape[i] === 1 ? 0 : s;
    s *= inShape[i];
  }
  const idx = new Array(outShape.length).fill(0);
  let p = 0;
  for (let k = 0; k < n; k++) {
    map[k] = p;
    for (let ax = outShape.length - 1; ax >= 0; ax--) {
      idx[ax]++;
      p += strides[ax];
      if (idx[ax] < outShape[ax]) break;
      p -= strides[ax] * idx[ax];
      idx[ax] = 0;
    }
  }
  return map;
}

type Binary = (x: number, y: number) => number;

/**
 * z = f(a, b) entrywise with broadcasting; backward adds g·∂f/∂a to a.grad and g·∂f/∂b to b.grad
 * (summing over broadcast copies).
 */
function binary(op: string, aIn: TensorInput, bIn: TensorInput, f: Binary, dfda: (g: number, x: number, y: number) => number, dfdb: (g: number, x: number, y: number) => number): Tensor {
  const a = toTensor(aIn, `${op}: first operand`);
  const b = toTensor(bIn, `${op}: second operand`);
  const shape = broadcastShapes(op, a.shape, b.shape);
  const ia = broadcastIndex(a.shape, shape);
  const ib = broadcastIndex(b.shape, shape);
  const n = sizeOf(shape);
  const out = new Float64Array(n);
  const ad = a.data;
  const bd = b.data;
  for (let k = 0; k < n; k++) out[k] = f(ad[ia === null ? k : ia[k]], bd[ib === null ? k : ib[k]]);
  const result: Tensor = makeResult(out, shape, op, [a, b], () => {
    const g = result.grad as Float64Array;
    if (a.requiresGrad) {
      const ga = a.gradBuffer();
      for (let k = 0; k < n; k++) {
        const i = ia === null ? k : ia[k];
        ga[i] += dfda(g[k], ad[i], bd[ib === null ? k : ib[k]]);
      }
    }
    if (b.requiresGrad) {
      const gb = b.gradBuffer();
      for (let k = 0; k < n; k++) {
        const j = ib === null ? k : ib[k];
        gb[j] += dfdb(g[k], ad[ia === null ? k : ia[k]], bd[j]);
      }
    }
  });
  return result;
}

/** a + b (broadcasting). */
export function add(a: TensorInput, b: TensorInput): Tensor {
  return binary("add", a, b, (x, y) => x + y, (g) => g, (g) => g);
}

/** a − b (broadcasting). */
export function sub(a: TensorInput, b: TensorInput): Tensor {
  return binary("sub", a, b, (x, y) => x - y, (g) => g, (g) => -g);
}

/** a ⊙ b (broadcasting): ∂/∂a = b, ∂/∂b = a. */
export function mul(a: TensorInput, b: TensorInput): Tensor {
  return binary("mul", a, b, (x, y) => x * y, (g, _x, y) => g * y, (g, x) => g * x);
}

/** a / b (broadcasting): ∂/∂a = 1/b, ∂/∂b = −a/b². */
export function div(a: TensorInput, b: TensorInput): Tensor {
  return binary("div", a, b, (x, y) => x / y, (g, _x, y) => g / y, (g, x, y) => (-g * x) / (y * y));
}

/**
 * y = f(x) entrywise; backward: ∂L/∂x += f′(x, y) · ∂L/∂y, where the derivative may use the output y
 * (e.g. tanh′ = 1 − y², exp′ = y).
 */
function unary(op: string, a: Tensor, f: (x: number) => number, df: (x: number, y: number) => number): Tensor {
  const n = a.size;
  const x = a.data;
  const out = new Float64Array(n);
  for (let k = 0; k < n; k++) out[k] = f(x[k]);
  const result: Tensor = makeResult(out, a.shape, op, [a], () => {
    const g = result.grad as Float64Array;
    const ga = a.gradBuffer();
    for (let k = 0; k < n; k++) ga[k] += g[k] * df(x[k], out[k]);
  });
  return result;
}

export function neg(a: Tensor): Tensor {
  return unary("neg", a, (x) => -x, () => -1);
}
export function exp(a: Tensor): Tensor {
  return unary("exp", a, Math.exp, (_x, y) => y);
}
/** Natural log; d/dx = 1/x. */
export function log(a: Tensor): Tensor {
  return unary("log", a, Math.log, (x) => 1 / x);
}
export function sqrt(a: Tensor): Tensor {
  return unary("sqrt", a, Math.sqrt, (_x, y) => 0.5 / y);
}
export function square(a: Tensor): Tensor {
  return unary("square", a, (x) => x * x, (x) => 2 * x);
}
/** |x|; derivative sign(x) (0 at 0). */
export function abs(a: Tensor): Tensor {
  return unary("abs", a, Math.abs, (x) => (x > 0 ? 1 : x < 0 ? -1 : 0));
}
export function pow(a: Tensor, p: number): Tensor {
  if (typeof p !== "number" || !Number.isFinite(p)) throw new TypeError(`pow: exponent must be a finite number, got ${String(p)}`);
  return unary(`pow(${p})`, a, (x) => Math.pow(x, p), (x) => p * Math.pow(x, p - 1));
}
/**
 * max(0, x); derivative 1[x > 0]. NaN stays NaN (value and derivative), so a NaN input is never hidden. Written out
 * instead of through `unary`: it is the activation of most MLPs, and a loop of its own runs several times faster.
 */
export function relu(a: Tensor): Tensor {
  // When every input is finite (Σ x_k·0 = 0), the loops use the indicator 1[x > 0] as a number instead of a
  // branch, which a processor cannot predict on data whose signs are random (several times faster; the same
  // numbers: x·1 = x, and x·0 + 0 = +0 for finite x ≤ 0). Otherwise the literal definition runs.
  const n = a.size;
  const x = a.data;
  const out = new Float64Array(n);
  let probe = 0;
  for (let k = 0; k < n; k++) probe += x[k] * 0; // NaN exactly when some x_k is NaN or ±∞
  const finite = probe === 0;
  if (finite) for (let k = 0; k < n; k++) out[k] = +(x[k] > 0) * x[k] + 0;
  else for (let k = 0; k < n; k++) out[k] = x[k] > 0 ? x[k] : x[k] <= 0 ? 0 : NaN;
  const result: Tensor = makeResult(out, a.shape, "relu", [a], () => {
    const g = result.grad as Float64Array;
    const ga = a.gradBuffer();
    if (finite) for (let k = 0; k < n; k++) ga[k] += g[k] * +(x[k] > 0);
    else for (let k = 0; k < n; k++) ga[k] += g[k] * (x[k] > 0 ? 1 : x[k] <= 0 ? 0 : NaN);
  });
  return result;
}
export function tanh(a: Tensor): Tensor {
  return unary("tanh", a, Math.tanh, (_x, y) => 1 - y * y);
}
export function sigmoid(a: Tensor): Tensor {
  return unary(
    "sigmoid",
    a,
    (x) => (x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x))),
    (_x, y) => y * (1 - y),
  );
}
/** φ(x) entrywise for an activation object; backward multiplies by φ′(x). */
export function activate(a: Tensor, activation: Activation): Tensor {
  if (activation == null || typeof activation.f !== "function" || typeof activation.df !== "function") {
    throw new TypeError(`activate: expected an activation {name, f, df} (e.g. activations.relu), got ${String(activation)}`);
  }
  const f = activation.f;
  const df = activation.df;
  return unary(activation.name, a, (x) => f(x), (x) => df(x));
}
