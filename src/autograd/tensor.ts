/**
 * Reverse-mode automatic differentiation on float64 tensors: micrograd's idea, one node per array
 * instead of one per number.
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
 *   const w = tensor([[1, 2], [3, 4]], { requiresGrad: true });
 *   const loss = tensor([[1, 1]]).matmul(w).square().sum();
 *   loss.backward();   // w.grad = ∂loss/∂w
 */
import ndarray from "ndarray";
import { formatShape, describe } from "../util/errors";
import type { Matrix } from "../linalg/matrix";
import * as elementwise from "./elementwise";
import * as reduce from "./reduce";
import * as structure from "./structure";
import * as products from "./matmul";
import type { Activation } from "../special/activations";
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

/** Anything `tensor()` accepts: a number, nested arrays, a flat array or Float64Array, an ndarray, a Tensor. */
export type TensorInput =
  | number
  | Tensor
  | ArrayLike<number>
  | ReadonlyArray<ReadonlyArray<number>>
  | ReadonlyArray<ReadonlyArray<ReadonlyArray<number>>>
  | { data: ArrayLike<number>; shape: readonly number[]; stride?: readonly number[]; offset?: number };

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

  /** This 2-D tensor as a linalg Matrix (an ndarray view sharing the data), e.g. for `svdvals(W.toMatrix())`. */
  toMatrix(): Matrix {
    if (this.ndim !== 2) throw new RangeError(`toMatrix: needs a 2-D tensor, got shape ${formatShape(this.shape)}`);
    return ndarray(this.data, [this.shape[0], this.shape[1]]);
  }

  /** Nested arrays (for printing or JSON). */
  toArray(): number | unknown[] {
    if (this.shape.length === 0) return this.data[0];
    const build = (axis: number, offset: number, stride: number): unknown[] => {
      const n = this.shape[axis];
      const inner = stride / n;
      const out: unknown[] = [];
      for (let i = 0; i < n; i++) {
        out.push(axis === this.shape.length - 1 ? this.data[offset + i] : build(axis + 1, offset + i * inner, inner));
      }
      return out;
    };
    return build(0, 0, this.data.length);
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

  // ---- the operations, as methods (the implementations live in elementwise.ts, reduce.ts, structure.ts, matmul.ts)

  /** this + other, with numpy broadcasting. */
  add(other: TensorInput): Tensor {
    return elementwise.add(this, other);
  }
  /** this − other, with broadcasting. */
  sub(other: TensorInput): Tensor {
    return elementwise.sub(this, other);
  }
  /** this ⊙ other (entrywise), with broadcasting. */
  mul(other: TensorInput): Tensor {
    return elementwise.mul(this, other);
  }
  /** this / other (entrywise), with broadcasting. */
  div(other: TensorInput): Tensor {
    return elementwise.div(this, other);
  }
  neg(): Tensor {
    return elementwise.neg(this);
  }
  exp(): Tensor {
    return elementwise.exp(this);
  }
  log(): Tensor {
    return elementwise.log(this);
  }
  sqrt(): Tensor {
    return elementwise.sqrt(this);
  }
  square(): Tensor {
    return elementwise.square(this);
  }
  abs(): Tensor {
    return elementwise.abs(this);
  }
  /** Entrywise power x^p for a constant p. */
  pow(p: number): Tensor {
    return elementwise.pow(this, p);
  }
  relu(): Tensor {
    return elementwise.relu(this);
  }
  tanh(): Tensor {
    return elementwise.tanh(this);
  }
  sigmoid(): Tensor {
    return elementwise.sigmoid(this);
  }
  /** φ applied entrywise, for an activation {name, f, df}; backward multiplies by φ′. */
  activate(activation: Activation): Tensor {
    return elementwise.activate(this, activation);
  }
  /** Sum over the given axes (all axes if omitted). */
  sum(axis?: number | number[], keepDims = false): Tensor {
    return reduce.sum(this, axis, keepDims);
  }
  /** Mean over the given axes (all axes if omitted). */
  mean(axis?: number | number[], keepDims = false): Tensor {
    return reduce.mean(this, axis, keepDims);
  }
  /** Softmax along the last axis (rows of a matrix), computed stably. */
  softmax(): Tensor {
    return reduce.softmax(this);
  }
  /** log softmax along the last axis, computed stably. */
  logSoftmax(): Tensor {
    return reduce.logSoftmax(this);
  }
  /** Matrix product this · other (2-D × 2-D), through gemm. */
  matmul(other: TensorInput): Tensor {
    return products.matmul(this, other);
  }
  /** Same entries, new shape (one entry may be −1: inferred). Shares data. */
  reshape(...shape: number[] | [number[]]): Tensor {
    const s = (Array.isArray(shape[0]) ? shape[0] : shape) as number[];
    return structure.reshape(this, s);
  }
  /** Axes permuted (default: reversed, i.e. the matrix transpose for 2-D). */
  transpose(axes?: number[]): Tensor {
    return structure.transpose(this, axes);
  }
  /** Alias of transpose() for matrices. */
  get T(): Tensor {
    return structure.transpose(this);
  }
  /** Rows `indices` of this tensor (along axis 0): out[i] = this[indices[i]]. */
  gatherRows(indices: ArrayLike<number>): Tensor {
    return structure.gatherRows(this, indices);
  }
  /** Index of the largest entry of each row (last axis). */
  argmax(): Int32Array {
    return reduce.argmaxRows(this);
  }

  toString(): string {
    return formatTensor(this);
  }

  [Symbol.for("nodejs.util.inspect.custom")](): string {
    return this.toString();
  }

  /** A tensor of zeros. */
  static zeros(shape: readonly number[], options: TensorOptions = {}): Tensor {
    return new Tensor(new Float64Array(sizeOf(shape)), shape, options);
  }
  /** A tensor of ones. */
  static ones(shape: readonly number[], options: TensorOptions = {}): Tensor {
    return new Tensor(new Float64Array(sizeOf(shape)).fill(1), shape, options);
  }
  /** Entries i.i.d. N(mean, std²) from the given generator or seed. */
  static randn(shape: readonly number[], rng: RandomSource, std = 1, options: TensorOptions = {}): Tensor {
    return new Tensor(toGenerator(rng).normalArray(sizeOf(shape), 0, std), shape, options);
  }
  /** Rows are the one-hot vectors e_{labels[i]} ∈ ℝ^classes (lecture §2). A constant (no gradient). */
  static oneHot(labels: ArrayLike<number>, classes: number): Tensor {
    return structure.oneHotTensor(labels, classes);
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

/** Converts input to a Tensor (Tensors pass through unchanged), naming the argument in errors. */
export function toTensor(input: TensorInput, name = "input"): Tensor {
  if (input instanceof Tensor) return input;
  if (typeof input === "number") return new Tensor(new Float64Array([input]), []);
  if (input == null) throw new TypeError(`${name} must be a number, an array, an ndarray or a Tensor, got ${String(input)}`);
  if (ArrayBuffer.isView(input)) return new Tensor(Float64Array.from(input as ArrayLike<number>), [(input as ArrayLike<number>).length]);
  const maybe = input as { data?: ArrayLike<number>; shape?: readonly number[]; stride?: readonly number[]; offset?: number };
  if (!Array.isArray(input) && maybe.data !== undefined && Array.isArray(maybe.shape)) {
    return fromStrided(maybe.data, maybe.shape, maybe.stride, maybe.offset ?? 0);
  }
  if (Array.isArray(input)) {
    const shape: number[] = [];
    let probe: unknown = input;
    while (Array.isArray(probe)) {
      shape.push(probe.length);
      probe = probe[0];
    }
    const data = new Float64Array(sizeOf(shape));
    let k = 0;
    const walk = (value: unknown, axis: number, path: string): void => {
      if (axis === shape.length) {
        if (typeof value !== "number") throw new TypeError(`${name}${path} must be a number, got ${String(value)}`);
        data[k++] = value;
        return;
      }
      if (!Array.isArray(value) || value.length !== shape[axis]) {
        throw new RangeError(`${name}${path} must be an array of length ${shape[axis]} (a ragged array cannot be a tensor)`);
      }
      for (let i = 0; i < value.length; i++) walk(value[i], axis + 1, `${path}[${i}]`);
    };
    walk(input, 0, "");
    return new Tensor(data, shape);
  }
  throw new TypeError(`${name} must be a number, an array, an ndarray or a Tensor, got ${String(input)}`);
}

function fromStrided(src: ArrayLike<number>, shape: readonly number[], stride: readonly number[] | undefined, offset: number): Tensor {
  const n = sizeOf(shape);
  if (!shape.every((d) => Number.isSafeInteger(d) && d >= 0)) throw new RangeError(`tensor: an ndarray's shape must hold integers ≥ 0, got ${formatShape(shape)}`);
  if (typeof src.length !== "number") throw new TypeError(`tensor: an ndarray's data must be an array of numbers, got ${String(src)}`);
  if (n > 0) {
    // The last entry read is at offset + Σ (shape_a − 1)·stride_a (row-major strides when none are given).
    let last = offset;
    let lowest = offset;
    if (stride === undefined) last = offset + n - 1;
    else
      shape.forEach((d, a) => {
        if (stride[a] >= 0) last += (d - 1) * stride[a];
        else lowest += (d - 1) * stride[a];
      });
    if (lowest < 0 || last >= src.length) {
      throw new RangeError(
        `tensor: the ndarray of shape ${formatShape(shape)} reads entries ${lowest}…${last} of its data, but the data has only ${src.length} entries`,
      );
    }
  }
  const data = new Float64Array(n);
  if (stride === undefined) {
    for (let i = 0; i < n; i++) data[i] = src[offset + i];
    return new Tensor(data, shape);
  }
  const idx = new Array(shape.length).fill(0);
  for (let k = 0; k < n; k++) {
    let p = offset;
    for (let a = 0; a < shape.length; a++) p += idx[a] * stride[a];
    data[k] = src[p];
    for (let a = shape.length - 1; a >= 0; a--) {
      if (++idx[a] < shape[a]) break;
      idx[a] = 0;
    }
  }
  return new Tensor(data, shape);
}

/**
 * Makes a tensor: `tensor([[1, 2], [3, 4]])`, `tensor(float64Array, [n, 784])`, `tensor(ndarrayMatrix)`,
 * `tensor([1, 2, 3], { requiresGrad: true })`. Data is copied, except a Float64Array given with a shape.
 */
export function tensor(input: TensorInput, shapeOrOptions?: readonly number[] | TensorOptions, options?: TensorOptions): Tensor {
  let shape: readonly number[] | undefined;
  let opts: TensorOptions = {};
  if (Array.isArray(shapeOrOptions)) {
    shape = shapeOrOptions;
    opts = options ?? {};
  } else if (shapeOrOptions !== undefined) opts = shapeOrOptions as TensorOptions;
  let t: Tensor;
  if (shape !== undefined) {
    if (input instanceof Float64Array) t = new Tensor(input, shape);
    else {
      const flat = toTensor(input, "tensor input");
      if (flat.size !== sizeOf(shape)) {
        throw new RangeError(`tensor: shape ${formatShape(shape)} needs ${sizeOf(shape)} entries but the input has ${flat.size}`);
      }
      t = new Tensor(input instanceof Tensor ? flat.data.slice() : flat.data, shape);
    }
  } else {
    t = toTensor(input, "tensor input");
    if (t === input) t = t.clone();
  }
  t.requiresGrad = opts.requiresGrad ?? false;
  t.name = opts.name;
  return t;
}

function formatNumber(x: number): string {
  if (x === 0) return "0";
  if (!Number.isFinite(x)) return String(x);
  const a = Math.abs(x);
  if (a >= 1e5 || a < 1e-4) return x.toExponential(3);
  return String(Number(x.toPrecision(5)));
}

/** `Tensor [2, 3] (matmul, requires grad)` followed by a trimmed view of the entries. */
export function formatTensor(t: Tensor, maxRows = 8, maxCols = 8): string {
  if (!(t instanceof Tensor)) throw new TypeError(`formatTensor: t must be a Tensor, got ${describe(t)}`);
  const tags = [t.op === "leaf" ? "" : t.op, t.requiresGrad ? "requires grad" : "", t.name ?? ""].filter((s) => s !== "");
  const header = `Tensor ${formatShape(t.shape)}${tags.length > 0 ? ` (${tags.join(", ")})` : ""}`;
  if (t.size === 0) return `${header} []`;
  if (t.ndim === 0) return `${header} ${formatNumber(t.data[0])}`;
  const rowLen = t.shape[t.ndim - 1];
  const rows = t.size / rowLen;
  const formatRow = (r: number): string => {
    const cells: string[] = [];
    const show = rowLen <= maxCols ? rowLen : maxCols - 2;
    for (let j = 0; j < show; j++) cells.push(formatNumber(t.data[r * rowLen + j]));
    if (rowLen > maxCols) cells.push("…", formatNumber(t.data[r * rowLen + rowLen - 1]));
    return `[${cells.join(", ")}]`;
  };
  if (t.ndim === 1) return `${header}\n${formatRow(0)}`;
  const lines: string[] = [];
  const showRows = rows <= maxRows ? rows : maxRows - 2;
  for (let r = 0; r < showRows; r++) lines.push(" " + formatRow(r));
  if (rows > maxRows) lines.push(" …", " " + formatRow(rows - 1));
  const note = t.ndim > 2 ? ` (shown as ${rows} rows of the last axis)` : "";
  return `${header}${note}\n[${lines.join("\n").slice(1)}]`;
}
