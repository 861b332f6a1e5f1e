/**
 * Elementary matrix operations: products, sums, norms, trace, diagonal.
 *
 * All products go through `gemm` (C ← α·op(A)·op(B) + β·C); the transposed products AᵀB and ABᵀ that
 * backprop needs read the transpose in place, so they cost the same as AB.
 * Every function returns a new contiguous matrix and leaves its arguments unchanged.
 */
import { gemm } from "./gemm";
import { asMatrix, asVector, fromFloat64, Matrix, MatrixInput, VectorInput } from "./matrix";
import { shapeMismatch, requireFinite, describe } from "../util/errors";
import { svdvals } from "./svd";

/** Aᵀ, as a new contiguous matrix: (Aᵀ)_ij = A_ji. (For a free view use `A.transpose(1, 0)`.) */
export function transpose(A: MatrixInput): Matrix {
  const M = asMatrix(A, "A");
  const [r, c] = M.shape;
  const src = M.data;
  const out = new Float64Array(r * c);
  // Blocked so that both the reads and the writes stay in cache for big matrices.
  const B = 32;
  for (let i0 = 0; i0 < r; i0 += B) {
    const i1 = Math.min(r, i0 + B);
    for (let j0 = 0; j0 < c; j0 += B) {
      const j1 = Math.min(c, j0 + B);
      for (let i = i0; i < i1; i++) for (let j = j0; j < j1; j++) out[j * r + i] = src[i * c + j];
    }
  }
  return fromFloat64(out, c, r);
}

/** The product AB of an m×k and a k×n matrix: (AB)_ij = Σ_p A_ip B_pj. */
export function matmul(A: MatrixInput, B: MatrixInput): Matrix {
  const a = asMatrix(A, "A");
  const b = asMatrix(B, "B");
  const [m, k] = a.shape;
  const [k2, n] = b.shape;
  if (k !== k2) shapeMismatch("matmul(A, B)", "A", a.shape, "B", b.shape, "A's column count must equal B's row count");
  const c = new Float64Array(m * n);
  gemm(false, false, m, n, k, 1, a.data, b.data, 0, c);
  return fromFloat64(c, m, n);
}

/** AᵀB for A k×m and B k×n (the transpose is read in place, never built): (AᵀB)_ij = Σ_p A_pi B_pj. */
export function matmulTN(A: MatrixInput, B: MatrixInput): Matrix {
  const a = asMatrix(A, "A");
  const b = asMatrix(B, "B");
  const [k, m] = a.shape;
  const [k2, n] = b.shape;
  if (k !== k2) shapeMismatch("matmulTN(A, B) = AᵀB", "A", a.shape, "B", b.shape, "A and B must have the same number of rows");
  const c = new Float64Array(m * n);
  gemm(true, false, m, n, k, 1, a.data, b.data, 0, c);
  return fromFloat64(c, m, n);
}

/** ABᵀ for A m×k and B n×k (the transpose is read in place, never built): (ABᵀ)_ij = Σ_p A_ip B_jp. */
export function matmulNT(A: MatrixInput, B: MatrixInput): Matrix {
  const a = asMatrix(A, "A");
  const b = asMatrix(B, "B");
  const [m, k] = a.shape;
  const [n, k2] = b.shape;
  if (k !== k2) shapeMismatch("matmulNT(A, B) = ABᵀ", "A", a.shape, "B", b.shape, "A and B must have the same number of columns");
  const c = new Float64Array(m * n);
  gemm(false, true, m, n, k, 1, a.data, b.data, 0, c);
  return fromFloat64(c, m, n);
}

/** The matrix–vector product Ax: (Ax)_i = Σ_j A_ij x_j. */
export function matvec(A: MatrixInput, x: VectorInput): Float64Array {
  const a = asMatrix(A, "A");
  const v = asVector(x, "x");
  const [m, n] = a.shape;
  if (v.length !== n) shapeMismatch("matvec(A, x)", "A", a.shape, "x", [v.length], "x's length must equal A's column count");
  const out = new Float64Array(m);
  const d = a.data;
  for (let i = 0; i < m; i++) {
    let s = 0;
    const row = i * n;
    for (let j = 0; j < n; j++) s += d[row + j] * v[j];
    out[i] = s;
  }
  return out;
}

/** The product Aᵀx without building Aᵀ: (Aᵀx)_j = Σ_i A_ij x_i. */
export function matvecT(A: MatrixInput, x: VectorInput): Float64Array {
  const a = asMatrix(A, "A");
  const v = asVector(x, "x");
  const [m, n] = a.shape;
  if (v.length !== m) shapeMismatch("matvecT(A, x) = Aᵀx", "A", a.shape, "x", [v.length], "x's length must equal A's row count");
  const out = new Float64Array(n);
  const d = a.data;
  for (let i = 0; i < m; i++) {
    const xi = v[i];
    const row = i * n;
    for (let j = 0; j < n; j++) out[j] += d[row + j] * xi;
  }
  return out;
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
