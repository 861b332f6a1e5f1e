/**
 * Elementary matrix operations: products, sums, norms, trace, diagonal.
 *
 * All products go through `gemm` (C ← α·op(A)·op(B) + β·C); the transposed products AᵀB and ABᵀ that
 * backprop needs read the transpose in place, so they cost the same as AB. The products, `matvec`, `matvecT` and `transpose`
 * read strided views (transposes, blocks, row or column ranges) in place.
 * Every function returns a new contiguous matrix and leaves its arguments unchanged.
 */
import { gemmStrided } from "./gemm";
import { asMatrix, asVector, copyEntries, fromFloat64, Matrix, MatrixInput, readableView, StridedMatrix, VectorInput } from "./matrix";
import { shapeMismatch, requireFinite, describe } from "../util/errors";
import { svdvals } from "./svd";

/** Aᵀ, as a new contiguous matrix: (Aᵀ)_ij = A_ji. (For a free view use `A.transpose(1, 0)`.) */
export function transpose(A: MatrixInput): Matrix {
  const view = readableView(A, "A");
  return fromFloat64(copyEntries(view, true), view.cols, view.rows);
}

/** C = op(A) op(B) into a new m×n matrix, where op(X) = X, or Xᵀ when `trans`, read in place either way. */
function product(a: StridedMatrix, transA: boolean, b: StridedMatrix, transB: boolean, m: number, n: number, k: number): Matrix {
  const c = new Float64Array(m * n);
  // A view of Xᵀ stored as X: op(view) = X when trans, i.e. the kernel's flag is trans XOR transposed.
  gemmStrided(transA !== a.transposed, transB !== b.transposed, m, n, k, 1, a, b, 0, { data: c, offset: 0, ld: Math.max(n, 1) });
  return fromFloat64(c, m, n);
}

/** The product AB of an m×k and a k×n matrix: (AB)_ij = Σ_p A_ip B_pj. Transposes and blocks are read in place. */
export function matmul(A: MatrixInput, B: MatrixInput): Matrix {
  const a = readableView(A, "A");
  const b = readableView(B, "B");
  const [m, k, k2, n] = [a.rows, a.cols, b.rows, b.cols];
  if (k !== k2) shapeMismatch("matmul(A, B)", "A", [m, k], "B", [k2, n], "A's column count must equal B's row count");
  return product(a, false, b, false, m, n, k);
}

/** AᵀB for A k×m and B k×n (the transpose is read in place, never built): (AᵀB)_ij = Σ_p A_pi B_pj. */
export function matmulTN(A: MatrixInput, B: MatrixInput): Matrix {
  const a = readableView(A, "A");
  const b = readableView(B, "B");
  const [k, m, k2, n] = [a.rows, a.cols, b.rows, b.cols];
  if (k !== k2) shapeMismatch("matmulTN(A, B) = AᵀB", "A", [k, m], "B", [k2, n], "A and B must have the same number of rows");
  return product(a, true, b, false, m, n, k);
}

/** ABᵀ for A m×k and B n×k (the transpose is read in place, never built): (ABᵀ)_ij = Σ_p A_ip B_jp. */
export function matmulNT(A: MatrixInput, B: MatrixInput): Matrix {
  const a = readableView(A, "A");
  const b = readableView(B, "B");
  const [m, k, n, k2] = [a.rows, a.cols, b.rows, b.cols];
  if (k !== k2) shapeMismatch("matmulNT(A, B) = ABᵀ", "A", [m, k], "B", [n, k2], "A and B must have the same number of columns");
  return product(a, false, b, true, m, n, k);
}

/** y = M x for the r×c row-major block M (entry (i, j) at data[off + i·ld + j]): one dot product per row. */
function blockTimes(data: Float64Array, off: number, ld: number, r: number, c: number, x: Float64Array): Float64Array {
  const out = new Float64Array(r);
  for (let i = 0; i < r; i++) {
    let s = 0;
    const row = off + i * ld;
    for (let j = 0; j < c; j++) s += data[row + j] * x[j];
    out[i] = s;
  }
  return out;
}

/** y = Mᵀ x for the r×c row-major block M: rows of M added up, weighted by x (contiguous reads). */
function blockTransposedTimes(data: Float64Array, off: number, ld: number, r: number, c: number, x: Float64Array): Float64Array {
  const out = new Float64Array(c);
  for (let i = 0; i < r; i++) {
    const xi = x[i];
    const row = off + i * ld;
    for (let j = 0; j < c; j++) out[j] += data[row + j] * xi;
  }
  return out;
}

/** The matrix–vector product Ax: (Ax)_i = Σ_j A_ij x_j. Transposes and blocks are read in place. */
export function matvec(A: MatrixInput, x: VectorInput): Float64Array {
  const a = readableView(A, "A");
  const v = asVector(x, "x");
  const [m, n] = [a.rows, a.cols];
  if (v.length !== n) shapeMismatch("matvec(A, x)", "A", [m, n], "x", [v.length], "x's length must equal A's column count");
  // a transpose view A = Sᵀ (S n×m stored row-major): Ax = Sᵀx
  return a.transposed ? blockTransposedTimes(a.data, a.offset, a.ld, n, m, v) : blockTimes(a.data, a.offset, a.ld, m, n, v);
}

/** The product Aᵀx without building Aᵀ: (Aᵀx)_j = Σ_i A_ij x_i. Transposes and blocks are read in place. */
export function matvecT(A: MatrixInput, x: VectorInput): Float64Array {
  const a = readableView(A, "A");
  const v = asVector(x, "x");
  const [m, n] = [a.rows, a.cols];
  if (v.length !== m) shapeMismatch("matvecT(A, x) = Aᵀx", "A", [m, n], "x", [v.length], "x's length must equal A's row count");
  // a transpose view A = Sᵀ (S n×m stored row-major): Aᵀx = S x
  return a.transposed ? blockTimes(a.data, a.offset, a.ld, n, m, v) : blockTransposedTimes(a.data, a.offset, a.ld, m, n, v);
}

function elementwise(where: string, A: MatrixInput, B: MatrixInput, f: (x: number, y: number) => number): Matrix {
  const a = asMatrix(A, "A");
  const b = asMatrix(B, "B");
  if (a.shape[0] !== b.shape[0] || a.shape[1] !== b.shape[1]) {
    shapeMismatch(where, "A", a.shape, "B", b.shape, "the shapes must be equal");
  }
  const out = new Float64Array(a.data.length);
  for (let i = 0; i < out.length; i++) out[i] = f(a.data[i], b.data[i]);
  return fromFloat64(out, a.shape[0], a.shape[1]);
}

/** A + B (same shapes). */
export function add(A: MatrixInput, B: MatrixInput): Matrix {
  return elementwise("add(A, B)", A, B, (x, y) => x + y);
}

/** A − B (same shapes). */
export function sub(A: MatrixInput, B: MatrixInput): Matrix {
  return elementwise("sub(A, B)", A, B, (x, y) => x - y);
}

/** sA, every entry times the number s. */
export function scale(A: MatrixInput, s: number): Matrix {
  requireFinite("s", s);
  const a = asMatrix(A, "A");
  const out = new Float64Array(a.data.length);
  for (let i = 0; i < out.length; i++) out[i] = s * a.data[i];
  return fromFloat64(out, a.shape[0], a.shape[1]);
}

/** The Euclidean norm of a list of numbers, scaled so that huge or tiny entries do not overflow or underflow. */
export function vectorNorm(x: VectorInput): number {
  const v = asVector(x, "x");
  let big = 0;
  for (let i = 0; i < v.length; i++) big = Math.max(big, Math.abs(v[i]));
  if (big === 0 || !Number.isFinite(big)) return big;
  let s = 0;
  for (let i = 0; i < v.length; i++) {
    const t = v[i] / big;
    s += t * t;
  }
  return big * Math.sqrt(s);
}

/** The Frobenius norm ‖A‖_F = (Σ_ij A_ij²)^{1/2} = (tr AᵀA)^{1/2}. */
export function frobeniusNorm(A: MatrixInput): number {
  return vectorNorm(asMatrix(A, "A").data);
}

/** The spectral norm ‖A‖₂ = max_{‖x‖=1} ‖Ax‖ = the largest singular value σ₁ (0 for an empty matrix). */
export function spectralNorm(A: MatrixInput): number {
  const s = svdvals(A);
  return s.length === 0 ? 0 : s[0];
}

/** The trace tr A = Σ_i A_ii (over the min(r, c) diagonal entries). */
export function trace(A: MatrixInput): number {
  const a = asMatrix(A, "A");
  const [r, c] = a.shape;
  let s = 0;
  for (let i = 0; i < Math.min(r, c); i++) s += a.data[i * c + i];
  return s;
}

/**
 * `diag(v)` with a vector v: the square matrix with v on its diagonal, diag(v)_ii = v_i.
 * `diag(A)` with a matrix A: its diagonal (A_11, …, A_kk), k = min(r, c), as a Float64Array.
 */
export function diag(v: VectorInput): Matrix;
export function diag(A: MatrixInput): Float64Array;
export function diag(x: VectorInput | MatrixInput): Matrix | Float64Array {
  const isVector =
    x instanceof Float64Array ||
    (ArrayBuffer.isView(x) && !("shape" in (x as object))) ||
    (Array.isArray(x) && (x.length === 0 || typeof x[0] === "number"));
  if (isVector) {
    const v = asVector(x as VectorInput, "v");
    const n = v.length;
    const out = new Float64Array(n * n);
    for (let i = 0; i < n; i++) out[i * n + i] = v[i];
    return fromFloat64(out, n, n);
  }
  if (!Array.isArray(x) && !(x && typeof x === "object" && "shape" in x)) {
    throw new TypeError(`diag: expected a vector or a matrix, got ${describe(x)}`);
  }
  const a = asMatrix(x as MatrixInput, "A");
  const [r, c] = a.shape;
  const k = Math.min(r, c);
  const out = new Float64Array(k);
  for (let i = 0; i < k; i++) out[i] = a.data[i * c + i];
  return out;
}
