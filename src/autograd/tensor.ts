/**
 * The `Tensor` of the library with its operations as methods: `t.add(u)`, `t.matmul(u)`, `t.relu()`, … Each
 * method calls the op of its file (elementwise.ts, reduce.ts, structure.ts, matmul.ts), where the forward
 * computation and its derivative stand side by side; the graph itself (the node, `backward`, `makeResult`) is
 * graph.ts. The methods are added to the class here, after the ops, so that the ops depend on the core and not
 * the other way round.
 *
 *   const w = tensor([[1, 2], [3, 4]], { requiresGrad: true });
 *   const loss = tensor([[1, 1]]).matmul(w).square().sum();
 *   loss.backward();   // w.grad = ∂loss/∂w
 */
import ndarray from "ndarray";
import { formatShape } from "../util/errors";
import type { Matrix } from "../linalg/matrix";
import type { Activation } from "../special/activations";
import { Tensor } from "./graph";
import { TensorInput } from "./create";
import { formatTensor } from "./format";
import * as elementwise from "./elementwise";
import * as reduce from "./reduce";
import * as structure from "./structure";
import * as products from "./matmul";

export { Tensor, noGrad, isGradEnabled, makeResult, sizeOf, type TensorOptions } from "./graph";
export { tensor, toTensor, type TensorInput } from "./create";
export { formatTensor } from "./format";

const methods = {
  /** this + other, with numpy broadcasting. */
  add(this: Tensor, other: TensorInput): Tensor {
    return elementwise.add(this, other);
  },
  /** this − other, with broadcasting. */
  sub(this: Tensor, other: TensorInput): Tensor {
    return elementwise.sub(this, other);
  },
  /** this ⊙ other (entrywise), with broadcasting. */
  mul(this: Tensor, other: TensorInput): Tensor {
    return elementwise.mul(this, other);
  },
  /** this / other (entrywise), with broadcasting. */
  div(this: Tensor, other: TensorInput): Tensor {
    return elementwise.div(this, other);
  },
  neg(this: Tensor): Tensor {
    return elementwise.neg(this);
  },
  exp(this: Tensor): Tensor {
    return elementwise.exp(this);
  },
  log(this: Tensor): Tensor {
    return elementwise.log(this);
  },
  sqrt(this: Tensor): Tensor {
    return elementwise.sqrt(this);
  },
  square(this: Tensor): Tensor {
    return elementwise.square(this);
  },
  abs(this: Tensor): Tensor {
    return elementwise.abs(this);
  },
  /** Entrywise power x^p for a constant p. */
  pow(this: Tensor, p: number): Tensor {
    return elementwise.pow(this, p);
  },
  relu(this: Tensor): Tensor {
    return elementwise.relu(this);
  },
  tanh(this: Tensor): Tensor {
    return elementwise.tanh(this);
  },
  sigmoid(this: Tensor): Tensor {
    return elementwise.sigmoid(this);
  },
  /** φ applied entrywise, for an activation {name, f, df}; backward multiplies by φ′. */
  activate(this: Tensor, activation: Activation): Tensor {
    return elementwise.activate(this, activation);
  },
  /** Sum over the given axes (all axes if omitted). */
  sum(this: Tensor, axis?: number | number[], keepDims = false): Tensor {
    return reduce.sum(this, axis, keepDims);
  },
  /** Mean over the given axes (all axes if omitted). */
  mean(this: Tensor, axis?: number | number[], keepDims = false): Tensor {
    return reduce.mean(this, axis, keepDims);
  },
  /** Softmax along the last axis (rows of a matrix), computed stably. */
  softmax(this: Tensor): Tensor {
    return reduce.softmax(this);
  },
  /** log softmax along the last axis, computed stably. */
  logSoftmax(this: Tensor): Tensor {
    return reduce.logSoftmax(this);
  },
  /** Matrix product this · other (2-D × 2-D), through gemm. */
  matmul(this: Tensor, other: TensorInput): Tensor {
    return products.matmul(this, other);
  },
  /** Same entries, new shape (one entry may be −1: inferred). Shares data. */
  reshape(this: Tensor, ...shape: number[] | [number[]]): Tensor {
    const s = (Array.isArray(shape[0]) ? shape[0] : shape) as number[];
    return structure.reshape(this, s);
  },
  /** Axes permuted (default: reversed, i.e. the matrix transpose for 2-D). */
  transpose(this: Tensor, axes?: number[]): Tensor {
    return structure.transpose(this, axes);
  },
  /** Rows `indices` of this tensor (along axis 0): out[i] = this[indices[i]]. */
  gatherRows(this: Tensor, indices: ArrayLike<number>): Tensor {
    return structure.gatherRows(this, indices);
  },
  /** Index of the largest entry of each row (last axis). */
  argmax(this: Tensor): Int32Array {
    return reduce.argmaxRows(this);
  },
  /** This 2-D tensor as a linalg Matrix (an ndarray view sharing the data), e.g. for `svdvals(W.toMatrix())`. */
  toMatrix(this: Tensor): Matrix {
    if (this.ndim !== 2) throw new RangeError(`toMatrix: needs a 2-D tensor, got shape ${formatShape(this.shape)}`);
    return ndarray(this.data, [this.shape[0], this.shape[1]]);
  },
  /** Nested arrays (for printing or JSON). */
  toArray(this: Tensor): number | unknown[] {
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
  },
  toString(this: Tensor): string {
    return formatTensor(this);
  },
};

/** The operations every tensor has as methods. */
type TensorMethods = typeof methods;

declare module "./graph" {
  interface Tensor extends TensorMethods {
    /** The transpose (for matrices), as in numpy: `W.T`. */
    readonly T: Tensor;
  }
}

// Methods as on a class: not enumerable, so a tensor's own fields are all that `for … in` and spreading see.
for (const [name, method] of Object.entries(methods)) {
  Object.defineProperty(Tensor.prototype, name, { value: method, writable: true, configurable: true });
}
Object.defineProperty(Tensor.prototype, "T", {
  get(this: Tensor): Tensor {
    return structure.transpose(this);
  },
});
Object.defineProperty(Tensor.prototype, Symbol.for("nodejs.util.inspect.custom"), {
  value(this: Tensor): string {
    return formatTensor(this);
  },
});
