/**
 * The matrix type of the library and the ways to make one.
 *
 * A `Matrix` is an `ndarray` (the scijs package) over a Float64Array, 2-D, stored row-major: entry
 * A_ij lives at `A.data[A.offset + i·A.stride[0] + j·A.stride[1]]`, read with `A.get(i, j)`. Matrices made by
 * this library are contiguous (stride [c, 1], offset 0), so fast kernels can walk `A.data` directly.
 * Every function that takes a matrix also accepts a nested array `[[1, 2], [3, 4]]`, a 2-D autograd Tensor (its
 * data is used in place) and any 2-D ndarray view (a transpose `A.transpose(1, 0)`, a block `A.hi(2, 2)`,
 * rows `A.lo(1, 0)`, …). The products read a float64 view whose rows or columns are contiguous in place
 * (`stridedView`: a leading dimension, as BLAS), with no copy; other functions copy views once.
 *
 * ```ts
 * const A = matrix([[1, 2], [3, 4]]);
 * A.get(1, 0);              // 3
 * A.shape;                  // [2, 2]
 * toNested(eye(2));         // [[1, 0], [0, 1]]
 * ```
 */
import ndarray from "ndarray";
import { inspect } from "node:util";
import { describe, formatShape, requireInteger } from "../util/errors";

/** A 2-D row-major ndarray of float64 numbers. */
export type Matrix = ndarray.NdArray<Float64Array>;

/** A 2-D tensor (autograd) or any object with a 2-D `shape` and its entries row-major in a Float64Array `data`. */
export interface DenseMatrixLike {
  readonly shape: readonly number[];
  readonly data: Float64Array;
}

/** What matrix arguments accept: a `Matrix` (or any 2-D ndarray view), a 2-D Tensor, or a nested array of rows. */
export type MatrixInput = ndarray.NdArray<ndarray.Data<number>> | DenseMatrixLike | ReadonlyArray<ReadonlyArray<number>>;

/** A vector argument: a Float64Array or a plain array of numbers. */
export type VectorInput = Float64Array | ReadonlyArray<number>;

/** True when `value` is a 2-D ndarray (of any dtype). */
export function isMatrix(value: unknown): value is ndarray.NdArray<ndarray.Data<number>> {
  if (value == null || typeof value !== "object") return false;
  const v = value as { shape?: unknown; stride?: unknown; data?: unknown };
  return Array.isArray(v.shape) && v.shape.length === 2 && Array.isArray(v.stride) && v.data != null;
}

/** True when `A` is a Float64 matrix laid out row-major with no gaps (stride [c, 1], offset 0). */
export function isContiguous(A: ndarray.NdArray<ndarray.Data<number>>): boolean {
  if (A == null || !Array.isArray((A as { shape?: unknown }).shape)) throw new TypeError(`isContiguous: A must be an ndarray matrix, got ${describe(A)}`);
  const [r, c] = A.shape;
  return (
    A.data instanceof Float64Array &&
    A.offset === 0 &&
    (A.stride[1] === 1 || c <= 1) &&
    (A.stride[0] === c || r <= 1) &&
    A.data.length === r * c
  );
}

/**
 * How the fast kernels read a float64 matrix in place: as a block of a row-major array (entry (i, j) at
 * data[offset + i·ld + j], `transposed` false) or as the transpose of one (entry (i, j) at
 * data[offset + j·ld + i], `transposed` true) — BLAS's "leading dimension". A transpose view, a block
 * `A.hi(r, c).lo(i, j)` and ranges of rows or columns all are of this kind; views with steps in both
 * directions (`A.step(2, 2)`) and other dtypes are not (null).
 */
export interface StridedMatrix {
  data: Float64Array;
  offset: number;
  ld: number;
  transposed: boolean;
  rows: number;
  cols: number;
}

/** `A` as a `StridedMatrix` (no copy), or null when its layout or dtype does not allow it. */
export function stridedView(A: unknown): StridedMatrix | null {
  if (!isMatrix(A)) {
    const t = A as Partial<DenseMatrixLike> | null;
    if (t != null && t.data instanceof Float64Array && Array.isArray(t.shape) && t.shape.length === 2 && !("stride" in t)) {
      const [rows, cols] = t.shape;
      if (t.data.length === rows * cols) return { data: t.data, offset: 0, ld: Math.max(cols, 1), transposed: false, rows, cols };
    }
    return null;
  }
  if (!(A.data instanceof Float64Array)) return null;
  const [rows, cols] = A.shape;
  const [s0, s1] = A.stride;
  if ((cols <= 1 || s1 === 1) && (rows <= 1 || s0 >= 1)) {
    return { data: A.data, offset: A.offset, ld: rows <= 1 ? Math.max(cols, 1) : s0, transposed: false, rows, cols };
  }
  if ((rows <= 1 || s0 === 1) && (cols <= 1 || s1 >= 1)) {
    return { data: A.data, offset: A.offset, ld: cols <= 1 ? Math.max(rows, 1) : s1, transposed: true, rows, cols };
  }
  return null;
}

/** Wraps `data` (row-major, length r·c) as an r×c matrix WITHOUT copying: later writes to one show in the other. */
export function fromFloat64(data: Float64Array, rows: number, cols: number): Matrix {
  if (!(data instanceof Float64Array)) {
    throw new TypeError(`fromFloat64: data must be a Float64Array, got ${describe(data)}`);
  }
  requireInteger("rows", rows);
  requireInteger("cols", cols);
  if (data.length !== rows * cols) {
    throw new RangeError(
      `fromFloat64: data has length ${data.length} but a ${rows}×${cols} matrix needs ${rows * cols} entries`,
    );
  }
  return ndarray(data, [rows, cols], [cols, 1], 0);
}

/** The r×c zero matrix. */
export function zeros(rows: number, cols: number): Matrix {
  requireInteger("rows", rows);
  requireInteger("cols", cols);
  return fromFloat64(new Float64Array(rows * cols), rows, cols);
}

/** The n×n identity I_n (or the n×m matrix with ones on its diagonal). */
export function eye(n: number, m: number = n): Matrix {
  const I = zeros(n, m);
  for (let i = 0; i < Math.min(n, m); i++) I.data[i * m + i] = 1;
  return I;
}

/** A matrix from its rows: `matrix([[1, 2, 3], [4, 5, 6]])` is 2×3. All rows must have the same length. */
export function matrix(rows: ReadonlyArray<ReadonlyArray<number>>): Matrix {
  if (!Array.isArray(rows)) {
    throw new TypeError(`matrix: expected an array of rows such as [[1, 2], [3, 4]], got ${describe(rows)}`);
  }
  const r = rows.length;
  if (r > 0 && !Array.isArray(rows[0]) && !ArrayBuffer.isView(rows[0])) {
    throw new TypeError(`matrix: expected an array of rows such as [[1, 2], [3, 4]], but row 0 is ${describe(rows[0])}`);
  }
  const c = r === 0 ? 0 : rows[0].length;
  const data = new Float64Array(r * c);
  for (let i = 0; i < r; i++) {
    const row = rows[i];
    if (row == null || typeof row.length !== "number" || row.length !== c) {
      throw new RangeError(`matrix: row 0 has ${c} entries but row ${i} is ${describe(row)}; all rows must have the same length`);
    }
    for (let j = 0; j < c; j++) {
      const x = row[j];
      if (typeof x !== "number") throw new TypeError(`matrix: entry (${i}, ${j}) must be a number, got ${describe(x)}`);
      data[i * c + j] = x;
    }
  }
  return fromFloat64(data, r, c);
}

/** The nested rows of a matrix: `toNested(eye(2))` is `[[1, 0], [0, 1]]`. */
export function toNested(A: MatrixInput): number[][] {
  const M = asMatrix(A, "A");
  const [r, c] = M.shape;
  const out: number[][] = [];
  for (let i = 0; i < r; i++) out.push(Array.from(M.data.subarray(i * c, (i + 1) * c)));
  return out;
}

/** A contiguous copy of `A`. */
export function cloneMatrix(A: MatrixInput): Matrix {
  const M = asMatrix(A, "A");
  return fromFloat64(M.data.slice(), M.shape[0], M.shape[1]);
}

/**
 * `A` as a contiguous Float64 matrix: returned as is when it already is one (no copy: do not write into it),
 * otherwise copied. Nested arrays become matrices. Throws a clear error for anything else.
 * `name` is the argument's name in the error message.
 */
export function asMatrix(A: MatrixInput, name = "A"): Matrix {
  if (Array.isArray(A)) return matrix(A as ReadonlyArray<ReadonlyArray<number>>);
  if (!isMatrix(A)) {
    const dense = stridedView(A); // a 2-D tensor: its data is the row-major matrix
    if (dense) return fromFloat64(dense.data, dense.rows, dense.cols);
    const shape = (A as { shape?: unknown } | null)?.shape;
    if (Array.isArray(shape)) {
      throw new RangeError(`${name} must be a 2-D matrix, got an array of shape ${formatShape(shape)}`);
    }
    throw new TypeError(`${name} must be a matrix (an ndarray or nested rows like [[1, 2], [3, 4]]), got ${describe(A)}`);
  }
  if (isContiguous(A)) return A as Matrix;
  const [r, c] = A.shape;
  const out = new Float64Array(r * c);
  const data = A.data;
  if (ArrayBuffer.isView(data) || Array.isArray(data)) {
    // a plain array or typed array: read it directly along the strides (get() is a generic, slower path)
    const src = data as ArrayLike<number>;
    const [s0, s1] = A.stride;
    for (let i = 0; i < r; i++) {
      const row = A.offset + i * s0;
      for (let j = 0; j < c; j++) out[i * c + j] = src[row + j * s1];
    }
  } else for (let i = 0; i < r; i++) for (let j = 0; j < c; j++) out[i * c + j] = A.get(i, j) as number;
  return fromFloat64(out, r, c);
}

/**
 * `A` for reading in place: its `stridedView`, or for other layouts and nested arrays that of a contiguous
 * copy. `name` is the argument's name in error messages.
 */
export function readableView(A: MatrixInput, name = "A"): StridedMatrix {
  const view = stridedView(A);
  if (view) return view;
  const M = asMatrix(A, name);
  return { data: M.data, offset: 0, ld: Math.max(M.shape[1], 1), transposed: false, rows: M.shape[0], cols: M.shape[1] };
}

/**
 * The entries of the viewed matrix (of its transpose when `transpose`) as a new row-major Float64Array, in one
 * pass: row by row when the rows wanted are contiguous in memory, else by 32×32 tiles (reads and writes stay in cache).
 */
export function copyEntries(view: StridedMatrix, transpose = false): Float64Array {
  const { data, offset, ld } = view;
  // The wanted matrix as rows × cols, and whether its rows lie contiguously in `data`.
  const [rows, cols] = transpose ? [view.cols, view.rows] : [view.rows, view.cols];
  const out = new Float64Array(rows * cols);
  if (view.transposed === transpose) {
    for (let i = 0; i < rows; i++) out.set(data.subarray(offset + i * ld, offset + i * ld + cols), i * cols);
    return out;
  }
  // entry (i, j) of the wanted matrix is data[offset + j·ld + i]
  const T = 32;
  for (let j0 = 0; j0 < cols; j0 += T)
    for (let i0 = 0; i0 < rows; i0 += T)
      for (let j = j0; j < Math.min(cols, j0 + T); j++) {
        const src = offset + j * ld;
        for (let i = i0; i < Math.min(rows, i0 + T); i++) out[i * cols + j] = data[src + i];
      }
  return out;
}

/**
 * A fresh contiguous copy of `A` for the decompositions, which work in place: made in one pass whatever
 * `A`'s layout (a view is not copied twice).
 */
export function matrixCopy(A: MatrixInput, name = "A"): Matrix {
  const view = readableView(A, name);
  return fromFloat64(copyEntries(view), view.rows, view.cols);
}

/** A vector argument as a Float64Array (no copy when it already is one). */
export function asVector(x: VectorInput, name = "x"): Float64Array {
  if (x instanceof Float64Array) return x;
  if (Array.isArray(x) || ArrayBuffer.isView(x)) return Float64Array.from(x as ArrayLike<number>);
  throw new TypeError(`${name} must be a vector (a Float64Array or an array of numbers), got ${describe(x)}`);
}

export interface FormatOptions {
  /** Rows and columns shown at each end before "…" (default 4). */
  edge?: number;
  /** Significant digits (default 4). */
  digits?: number;
}

function formatNumber(x: number, digits: number): string {
  if (x === 0) return "0";
  if (!Number.isFinite(x)) return String(x);
  const a = Math.abs(x);
  if (a >= 1e-3 && a < 1e5) return String(Number(x.toPrecision(digits)));
  return x.toExponential(Math.max(0, digits - 1));
}

/**
 * A readable printout: the shape, then the rows, with "…" replacing the middle rows and columns of a big matrix.
 *
 * ```
 * Matrix 3×3
 * [ 1  0  0 ]
 * [ 0  1  0 ]
 * [ 0  0  1 ]
 * ```
 */
export function formatMatrix(A: MatrixInput, options: FormatOptions = {}): string {
  const M = asMatrix(A, "A");
  const edge = options.edge ?? 4;
  const digits = options.digits ?? 4;
  const [r, c] = M.shape;
  const header = `Matrix ${r}×${c}`;
  if (r === 0 || c === 0) return `${header} (empty)`;
  const pick = (n: number): (number | null)[] =>
    n <= 2 * edge + 1
      ? Array.from({ length: n }, (_, i) => i)
      : [...Array.from({ length: edge }, (_, i) => i), null, ...Array.from({ length: edge }, (_, i) => n - edge + i)];
  const rowIdx = pick(r);
  const colIdx = pick(c);
  const cells = rowIdx.map((i) =>
    colIdx.map((j) => (i === null ? (j === null ? "⋱" : "⋮") : j === null ? "…" : formatNumber(M.data[i * c + j], digits))),
  );
  const widths = colIdx.map((_, k) => Math.max(...cells.map((row) => row[k].length)));
  const lines = cells.map((row) => "[ " + row.map((s, k) => s.padStart(widths[k])).join("  ") + " ]");
  return [header, ...lines].join("\n");
}

// Make every 2-D float64 ndarray print as a matrix in a notebook cell (tslab prints the last expression with
// console.log, i.e. util.inspect) and in string contexts. The ndarray package shares one prototype among all
// 2-D float64 arrays, so views such as `A.transpose(1, 0)` print the same way.
const matrixPrototype = Object.getPrototypeOf(ndarray(new Float64Array(0), [0, 0])) as Record<PropertyKey, unknown>;
if (!Object.prototype.hasOwnProperty.call(matrixPrototype, inspect.custom)) {
  Object.defineProperty(matrixPrototype, inspect.custom, {
    value: function (this: Matrix) {
      return formatMatrix(this);
    },
    enumerable: false,
    configurable: true,
  });
  Object.defineProperty(matrixPrototype, "toString", {
    value: function (this: Matrix) {
      return formatMatrix(this);
    },
    enumerable: false,
    configurable: true,
    writable: true,
  });
}
