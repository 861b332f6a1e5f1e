/**
 * The core of reverse-mode automatic differentiation (micrograd's engine, one node per array instead of one per
 * number): the graph node `Tensor`, the backward pass, and `makeResult`, with which every op records itself.
 *
 * A `Tensor` holds row-major float64 `data` with a `shape`, and, when it was computed from other tensors,
 * the `op` that made it, its `parents` and a backward closure. The closure knows the local derivative of
 * the op: given this tensor's gradient G = ∂L/∂(this), it ADDS the vector–Jacobian products to the
 * parents' gradients (chain rule, lecture §6: ∂L₀/∂w_l = (∂L₀/∂h_l)(∂h_l/∂w_l)).
 *
 * `loss.backward()` visits the graph in reverse topological order, so every node's gradient is complete
 * before it is passed on. Gradients of leaves accumulate over calls (zero them with `zeroGrad()`).
 * Inside `noGrad(() => …)` no graph is recorded (evaluation is then as cheap as a plain forward pass).
 *
 * The ops (elementwise.ts, reduce.ts, structure.ts, matmul.ts, losses.ts) depend on this file; tensor.ts adds
 * them to the class as methods (`t.add(u)`, `t.matmul(u)`, …).
 */
import { formatShape, describe } from "../util/errors";
import { oneHotRows } from "../util/labels";
import { RandomSource, toGenerator } from "../random/index";

let gradEnabled = true;

/** True unless inside `noGrad`. */
export function isGradEnabled(): boolean {
  return gradEnabled;
}

/** Runs `fn` without recording a graph (for evaluation): results have requiresGrad = false. */
export function noGrad<T>(fn: () => T): T {
  const previous = gradEnabled;
  gradEnabled = false;
  try {
    return fn();
  } finally {
    gradEnabled = previous;
  }
}

export interface TensorOptions {
  /** Give this tensor a gradient (a parameter or an input we differentiate with respect to). */
  requiresGrad?: boolean;
  /** Shown by toString(). */
  name?: string;
}

/** The number of entries of a tensor of this shape (1 for a scalar, shape []). */
export function sizeOf(shape: readonly number[]): number {
  let n = 1;
  for (const d of shape) n *= d;
  return n;
}

export class Tensor {
  /** Row-major entries; entry (i, j) of a 2-D tensor is data[i * shape[1] + j]. */
  readonly data: Float64Array;
  readonly shape: number[];
  /** ∂L/∂(this), same layout as data; null until a backward pass reaches this tensor. */
  grad: Float64Array | null = null;
  /** Whether gradients flow to this tensor. */
  requiresGrad: boolean;
  /** The operation that produced this tensor ("leaf" for data and parameters). */
  readonly op: string;
  /** The tensors this one was computed from (empty for leaves and outside the graph). */
  readonly parents: Tensor[];
  /** Adds this tensor's gradient's contribution to the parents' gradients. */
  readonly backwardFn: (() => void) | null;
  name: string | undefined;

  constructor(
    data: Float64Array,
    shape: readonly number[],
    options: TensorOptions & { op?: string; parents?: Tensor[]; backwardFn?: () => void } = {},
  ) {
    if (!(data instanceof Float64Array)) throw new TypeError(`Tensor: data must be a Float64Array (or use tensor(…) for arrays), got ${describe(data)}`);
    if (!Array.isArray(shape)) throw new TypeError(`Tensor: shape must be an array of integers, got ${describe(shape)}`);
    for (const d of shape) {
      if (!Number.isSafeInteger(d) || d < 0) throw new RangeError(`Tensor: shape must be non-negative integers, got ${formatShape(shape)}`);
    }
    if (sizeOf(shape) !== data.length) {
      throw new RangeError(`Tensor: shape ${formatShape(shape)} needs ${sizeOf(shape)} entries but data has ${data.length}`);
    }
    this.data = data;
    this.shape = shape.slice();
    this.requiresGrad = options.requiresGrad ?? false;
    this.op = options.op ?? "leaf";
    this.parents = options.parents ?? [];
    this.backwardFn = options.backwardFn ?? null;
    this.name = options.name;
  }

  /** Number of entries. */
  get size(): number {
    return this.data.length;
  }

  /** Number of axes. */
  get ndim(): number {
    return this.shape.length;
  }

  /** The gradient buffer, created (zero) if absent. Ops call this in their backward closures. */
  gradBuffer(): Float64Array {
    if (this.grad === null) this.grad = new Float64Array(this.data.length);
    return this.grad;
  }

  /** Sets the gradient to zero (call before each backward pass: gradients accumulate). */
  zeroGrad(): this {
    if (this.grad !== null) this.grad.fill(0);
    return this;
  }

  /** The single entry of a one-entry tensor (e.g. a loss). */
  item(): number {
    if (this.data.length !== 1) throw new RangeError(`item(): the tensor must have exactly one entry, but its shape is ${formatShape(this.shape)}`);
    return this.data[0];
  }

  /** Entry at a multi-index, e.g. `t.get(i, j)`. */
  get(...index: number[]): number {
    if (index.length !== this.shape.length) throw new RangeError(`get: expected ${this.shape.length} indices for shape ${formatShape(this.shape)}, got ${index.length}`);
    let flat = 0;
    for (let a = 0; a < index.length; a++) {
      const i = index[a];
      if (!Number.isInteger(i) || i < 0 || i >= this.shape[a]) throw new RangeError(`get: index ${i} out of range for axis ${a} of size ${this.shape[a]}`);
      flat = flat * this.shape[a] + i;
    }
    return this.data[flat];
  }

  /** The same data without graph history (a new leaf that shares the data). */
  detach(): Tensor {
    return new Tensor(this.data, this.shape);
  }

  /** An independent copy (data copied, no history). */
  clone(options: TensorOptions = {}): Tensor {
    return new Tensor(this.data.slice(), this.shape, options);
  }

  /**
   * Backpropagation from this tensor: fills `.grad` of every tensor it depends on with ∂this/∂(tensor).
   * `this` must be a scalar unless `seed` (∂L/∂this, same shape) is given.
   */
  backward(seed?: Float64Array | ArrayLike<number>): void {
    if (!this.requiresGrad) {
      throw new Error(
        "backward(): this tensor does not depend on any tensor with requiresGrad (was it computed inside noGrad, or are the parameters created without requiresGrad: true?)",
      );
    }
    if (seed === undefined && this.size !== 1) {
      throw new RangeError(`backward(): call it on a scalar (e.g. a loss), or pass ∂L/∂this; this tensor has shape ${formatShape(this.shape)}`);
    }
    if (seed !== undefined && seed.length !== this.size) {
      throw new RangeError(`backward(seed): seed has ${seed.length} entries but the tensor has shape ${formatShape(this.shape)}`);
    }
    const order = topologicalOrder(this);
    // Intermediate gradients restart from zero each pass (leaves keep accumulating).
    for (const t of order) if (t.backwardFn !== null) t.grad = new Float64Array(t.size);
    const g = this.gradBuffer();
    if (seed === undefined) g[0] += 1;
    else for (let i = 0; i < g.length; i++) g[i] += seed[i];
    for (let i = order.length - 1; i >= 0; i--) order[i].backwardFn?.();
  }

  /** A tensor of zeros. */
  static zeros(shape: readonly number[], options: TensorOptions = {}): Tensor {
    return new Tensor(new Float64Array(sizeOf(shape)), shape, options);
  }
  /** A tensor of ones. */
  static ones(shape: readonly number[], options: TensorOptions = {}): Tensor {
    return new Tensor(new Float64Array(sizeOf(shape)).fill(1), shape, options);
  }
  /** Rows are the one-hot vectors e_{labels[i]} ∈ ℝ^classes (lecture §2): an N × classes constant (no gradient). */
  static oneHot(labels: ArrayLike<number>, classes: number): Tensor {
    return new Tensor(oneHotRows(labels, classes, "Tensor.oneHot"), [labels.length, classes], { op: "oneHot" });
  }
  /** Entries i.i.d. N(mean, std²) from the given generator or seed. */
  static randn(shape: readonly number[], rng: RandomSource, std = 1, options: TensorOptions = {}): Tensor {
    return new Tensor(toGenerator(rng).normalArray(sizeOf(shape), 0, std), shape, options);
  }
}

/** Reverse-postorder of the graph below `root` (iterative, so deep graphs do not overflow the stack). */
function topologicalOrder(root: Tensor): Tensor[] {
  const order: Tensor[] = [];
  const visited = new Set<Tensor>();
  const stack: Array<{ node: Tensor; next: number }> = [{ node: root, next: 0 }];
  visited.add(root);
  while (stack.length > 0) {
    const top = stack[stack.length - 1];
    if (top.next < top.node.parents.length) {
      const p = top.node.parents[top.next++];
      if (p.requiresGrad && !visited.has(p)) {
        visited.add(p);
        stack.push({ node: p, next: 0 });
      }
    } else {
      order.push(top.node);
      stack.pop();
    }
  }
  return order; // parents before children
}

/**
 * The result of an op: records parents and backward closure only if grad mode is on and some parent needs
 * a gradient (so evaluation under noGrad keeps no graph alive).
 */
export function makeResult(data: Float64Array, shape: readonly number[], op: string, parents: Tensor[], backwardFn: () => void): Tensor {
  const needs = gradEnabled && parents.some((p) => p.requiresGrad);
  if (!needs) return new Tensor(data, shape, { op });
  return new Tensor(data, shape, { op, parents, backwardFn, requiresGrad: true });
}
