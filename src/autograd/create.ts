/**
 * Making tensors from numbers, nested arrays, flat arrays and ndarrays: `tensor(…)` for users, `toTensor(…)`
 * for the ops (which accept any such input and name the argument in errors).
 */
import { formatShape } from "../util/errors";
import { Tensor, TensorOptions, sizeOf } from "./graph";

/** Anything `tensor()` accepts: a number, nested arrays, a flat array or Float64Array, an ndarray, a Tensor. */
export type TensorInput =
  | number
  | Tensor
  | ArrayLike<number>
  | ReadonlyArray<ReadonlyArray<number>>
  | ReadonlyArray<ReadonlyArray<ReadonlyArray<number>>>
  | { data: ArrayLike<number>; shape: readonly number[]; stride?: readonly number[]; offset?: number };

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
