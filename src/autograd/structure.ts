/**
 * Operations that move entries around without arithmetic: reshape, transpose, row gather, one-hot.
 * Their backward passes move the gradient back the same way (a transpose's gradient is transposed back,
 * a gather's gradient is scattered and added to the rows it came from).
 */
import { formatShape } from "../util/errors";
import { makeResult, Tensor, sizeOf } from "./graph";

/** Same entries in a new shape (one entry of `shape` may be −1 and is inferred). The result shares data. */
export function reshape(a: Tensor, shape: readonly number[]): Tensor {
  const s = shape.slice();
  const unknown = s.indexOf(-1);
  if (unknown >= 0) {
    if (s.indexOf(-1, unknown + 1) >= 0) throw new RangeError(`reshape: only one axis can be −1, got ${formatShape(shape)}`);
    const known = sizeOf(s.filter((_, i) => i !== unknown));
    if (known === 0 || a.size % known !== 0) {
      throw new RangeError(`reshape: cannot reshape ${formatShape(a.shape)} (${a.size} entries) into ${formatShape(shape)}`);
    }
    s[unknown] = a.size / known;
  }
  if (s.some((d) => !Number.isInteger(d) || d < 0) || sizeOf(s) !== a.size) {
    throw new RangeError(`reshape: cannot reshape ${formatShape(a.shape)} (${a.size} entries) into ${formatShape(shape)}`);
  }
  const result: Tensor = makeResult(a.data, s, "reshape", [a], () => {
    const g = result.grad as Float64Array;
    const ga = a.gradBuffer();
    for (let k = 0; k < g.length; k++) ga[k] += g[k];
  });
  return result;
}

/** Permutes the axes: result.shape[i] = a.shape[axes[i]]; default reverses them (the matrix transpose). */
export function transpose(a: Tensor, axes?: readonly number[]): Tensor {
  const nd = a.ndim;
  const perm = axes ? axes.slice() : a.shape.map((_, i) => nd - 1 - i);
  const sorted = perm.slice().sort((p, q) => p - q);
  if (perm.length !== nd || sorted.some((v, i) => v !== i)) {
    throw new RangeError(`transpose: axes must be a permutation of 0…${nd - 1} for shape ${formatShape(a.shape)}, got [${perm.join(", ")}]`);
  }
  const shape = perm.map((p) => a.shape[p]);
  // map[k] = flat index in a of result entry k
  const inStrides = new Array(nd).fill(1);
  for (let i = nd - 2; i >= 0; i--) inStrides[i] = inStrides[i + 1] * a.shape[i + 1];
  const strides = perm.map((p) => inStrides[p]);
  const n = a.size;
  const map = new Int32Array(n);
  const idx = new Array(nd).fill(0);
  let p = 0;
  for (let k = 0; k < n; k++) {
    map[k] = p;
    for (let ax = nd - 1; ax >= 0; ax--) {
      idx[ax]++;
      p += strides[ax];
      if (idx[ax] < shape[ax]) break;
      p -= strides[ax] * idx[ax];
      idx[ax] = 0;
    }
  }
  const out = new Float64Array(n);
  for (let k = 0; k < n; k++) out[k] = a.data[map[k]];
  const result: Tensor = makeResult(out, shape, "transpose", [a], () => {
    const g = result.grad as Float64Array;
    const ga = a.gradBuffer();
    for (let k = 0; k < n; k++) ga[map[k]] += g[k];
  });
  return result;
}

/** Rows (entries along axis 0) selected by `indices`: out[i] = a[indices[i]]. Indices may repeat. */
export function gatherRows(a: Tensor, indices: ArrayLike<number>): Tensor {
  if (a.ndim === 0) throw new RangeError("gatherRows: needs a tensor with at least one axis, got a scalar");
  const rows = a.shape[0];
  const width = rows === 0 ? 0 : a.size / rows;
  for (let i = 0; i < indices.length; i++) {
    const r = indices[i];
    if (!Number.isInteger(r) || r < 0 || r >= rows) {
      throw new RangeError(`gatherRows: indices[${i}] = ${r} is not a row index of a tensor with ${rows} rows (shape ${formatShape(a.shape)})`);
    }
  }
  const k = indices.length;
  const out = new Float64Array(k * width);
  for (let i = 0; i < k; i++) out.set(a.data.subarray(indices[i] * width, (indices[i] + 1) * width), i * width);
  const shape = [k, ...a.shape.slice(1)];
  const result: Tensor = makeResult(out, shape, "gatherRows", [a], () => {
    const g = result.grad as Float64Array;
    const ga = a.gradBuffer();
    for (let i = 0; i < k; i++) {
      const src = i * width;
      const dst = indices[i] * width;
      for (let j = 0; j < width; j++) ga[dst + j] += g[src + j];
    }
  });
  return result;
}

/** The N×C matrix whose row i is the one-hot vector e_{labels[i]} (lecture §2). */

