/**
 * Linear systems and least squares:
 *
 * - `solveTriangular(T, b)`: T x = b for triangular T, by substitution (O(n²));
 * - `lstsq(A, b)`: x̂ = argmin_x ‖A x − b‖² by Householder QR. For A m×n with m ≥ n (full column rank),
 *   A = QR gives ‖Ax − b‖² = ‖Rx − Qᵀb‖² + (terms without x), so x̂ = R⁻¹ (Qᵀb)₁…ₙ: the residual A x̂ − b is
 *   orthogonal to the columns of A (the normal equations Aᵀ(A x̂ − b) = 0) without ever forming AᵀA.
 *   For m < n (more unknowns than equations) it returns the solution of least norm: Aᵀ = QR, x̂ = Q R⁻ᵀ b.
 * - `solve(A, b)`: A x = b for square, non-singular A (the same QR route: x = R⁻¹ Qᵀ b).
 *
 * `b` is a vector (the answer is a Float64Array) or a matrix of several right-hand sides as columns (the answer
 * is a Matrix with one solution per column). Q is never formed: its reflections are applied to b directly.
 */
import { applyHouseholderLeft } from "./householder";
import { copyEntries, fromFloat64, isMatrix, Matrix, matrixCopy, MatrixInput, readableView, stridedView, VectorInput } from "./matrix";
import { householderQR, householderQRBlocked, HouseholderQR } from "./qr";
import { describe, formatShape, requireAllFinite } from "../util/errors";

export interface LstsqOptions {
  /**
   * A counts as rank deficient when some |R_jj| ≤ rcond · max_j |R_jj| (R from the QR factorisation);
   * then `lstsq` throws instead of returning a meaningless huge x. Default: 10 · machine ε · max(m, n) (ten times
   * numpy's, whose test is on singular values: R's diagonal from QR without pivoting reveals rank less sharply).
   */
  rcond?: number;
}

export interface TriangularOptions {
  /** T is lower triangular (default false: upper). Only that triangle of T is read. */
  lower?: boolean;
}

/** A right-hand side as rows × nrhs row-major numbers (a fresh copy: the solvers overwrite it). */
interface RightHandSide {
  data: Float64Array;
  nrhs: number;
  vector: boolean;
}

function rightHandSide(b: VectorInput | MatrixInput, rows: number, where: string, aName: string): RightHandSide {
  const matrixLike = isMatrix(b) || stridedView(b) !== null || (Array.isArray(b) && b.length > 0 && (Array.isArray(b[0]) || ArrayBuffer.isView(b[0])));
  if (matrixLike) {
    const B = matrixCopy(b as MatrixInput, "b"); // the solvers overwrite it
    if (B.shape[0] !== rows) {
      throw new RangeError(`${where}: b has ${B.shape[0]} rows (shape ${formatShape(B.shape)}) but ${aName} has ${rows} rows; they must be equal`);
    }
    requireAllFinite(`${where}: b`, B.data);
    return { data: B.data, nrhs: B.shape[1], vector: false };
  }
  if (!(b instanceof Float64Array) && !Array.isArray(b) && !ArrayBuffer.isView(b)) {
    throw new TypeError(`${where}: b must be a vector (array of numbers) or a matrix of right-hand sides, got ${describe(b)}`);
  }
  const data = Float64Array.from(b as ArrayLike<number>);
  if (data.length !== rows) {
    throw new RangeError(`${where}: b has ${data.length} entries but ${aName} has ${rows} rows; they must be equal`);
  }
  requireAllFinite(`${where}: b`, data);
  return { data, nrhs: 1, vector: true };
}

function answer(x: Float64Array, rows: number, rhs: RightHandSide): Float64Array | Matrix {
  return rhs.vector ? x : fromFloat64(x, rows, rhs.nrhs);
}

/**
 * Substitution for T X = B (T n×n triangular, T_ij = t[off + i·rs + j·cs]; X, B n×nrhs row-major, X overwrites B):
 * lower: x_i = (b_i − Σ_{j<i} T_ij x_j) / T_ii for i = 0, 1, …; upper: the same from i = n − 1 down.
 */
function substitute(t: Float64Array, off: number, rs: number, cs: number, n: number, lower: boolean, x: Float64Array, nrhs: number): void {
  for (let step = 0; step < n; step++) {
    const i = lower ? step : n - 1 - step;
    const row = i * nrhs;
    const [j0, j1] = lower ? [0, i] : [i + 1, n];
    for (let j = j0; j < j1; j++) {
      const tij = t[off + i * rs + j * cs];
      if (tij === 0) continue;
      for (let c = 0; c < nrhs; c++) x[row + c] -= tij * x[j * nrhs + c];
    }
    const tii = t[off + i * rs + i * cs];
    for (let c = 0; c < nrhs; c++) x[row + c] /= tii;
  }
}

/**
 * Solves T x = b for a triangular n×n matrix T (upper by default, `{ lower: true }` for lower) by substitution.
 * `b` is a vector (returns a Float64Array) or an n×k matrix (returns the n×k matrix X with T X = b).
 *
 * ```ts
 * solveTriangular([[2, 1], [0, 4]], [5, 8]);   // Float64Array [1.5, 2]
 * ```
 */
export function solveTriangular(T: MatrixInput, b: VectorInput, options?: TriangularOptions): Float64Array;
export function solveTriangular(T: MatrixInput, b: MatrixInput, options?: TriangularOptions): Matrix;
export function solveTriangular(T: MatrixInput, b: VectorInput | MatrixInput, options: TriangularOptions = {}): Float64Array | Matrix {
  const view = readableView(T, "T"); // T is read in place, also when it is a transpose or a block of a bigger matrix
  const [n, c] = [view.rows, view.cols];
  if (n !== c) throw new RangeError(`solveTriangular: T must be square, got shape ${formatShape([n, c])}`);
  const lower = options.lower ?? false;
  if (typeof lower !== "boolean") throw new TypeError(`solveTriangular: options.lower must be a boolean, got ${describe(lower)}`);
  // T_ij = data[offset + i·rs + j·cs]
  const [rs, cs] = view.transposed ? [1, view.ld] : [view.ld, 1];
  const { data, offset } = view;
  for (let i = 0; i < n; i++) {
    for (let j = lower ? 0 : i; j < (lower ? i + 1 : n); j++) {
      const tij = data[offset + i * rs + j * cs];
      if (!Number.isFinite(tij)) throw new RangeError(`solveTriangular: T must be finite, but T[${i}, ${j}] = ${tij}`);
    }
    if (data[offset + i * rs + i * cs] === 0) throw new RangeError(`solveTriangular: T is singular: its diagonal entry T[${i}, ${i}] is 0`);
  }
  const rhs = rightHandSide(b, n, "solveTriangular", "T");
  substitute(data, offset, rs, cs, n, lower, rhs.data, rhs.nrhs);
  return answer(rhs.data, n, rhs);
}

/** The Householder QR of the row-major m×n array `a` (in place), blocked for big matrices (qr.ts). */
function factor(a: Float64Array, m: number, n: number): HouseholderQR {
  return (Math.min(m, n) >= 96 ? householderQRBlocked : householderQR)(a, m, n);
}

/** x ← Qᵀx (transpose) or Qx, for the Q of `f` and x m×nrhs row-major: the reflections applied one by one. */
function applyQ(f: HouseholderQR, transpose: boolean, x: Float64Array, nrhs: number): void {
  const { a, m, n, tau } = f;
  const k = tau.length;
  const work = new Float64Array(nrhs);
  for (let s = 0; s < k; s++) {
    const j = transpose ? s : k - 1 - s; // Qᵀ = H_{k−1} ⋯ H₀: H₀ first; Q = H₀ ⋯ H_{k−1}: H_{k−1} first
    applyHouseholderLeft(x, nrhs, j, m - j, 0, nrhs, a, j * n + j, n, tau[j], work);
  }
}

/** Throws unless every |R_jj| > rcond · max |R_jj| (R on the diagonal of the factored n-column array). */
function requireFullRank(f: HouseholderQR, rcond: number, where: string, what: string): void {
  const { a, n, tau } = f;
  let biggest = 0;
  for (let j = 0; j < tau.length; j++) biggest = Math.max(biggest, Math.abs(a[j * n + j]));
  for (let j = 0; j < tau.length; j++) {
    const r = Math.abs(a[j * n + j]);
    if (r <= rcond * biggest || biggest === 0) {
      throw new RangeError(
        `${where}: ${what} (|R[${j}, ${j}]| = ${r.toExponential(2)} ≤ rcond · max |R_jj| = ${(rcond * biggest).toExponential(2)} in A = QR)`,
      );
    }
  }
}

/**
 * The least-squares solution x̂ = argmin_x ‖A x − b‖² (numpy's `lstsq(A, b)[0]`), by Householder QR.
 * A is m×n; for m < n the solution of least norm ‖x̂‖. Throws when A is rank deficient (see `rcond`).
 * `b` is a vector of length m (returns a Float64Array of length n) or an m×k matrix (returns n×k).
 *
 * ```ts
 * lstsq([[1, 0], [1, 1], [1, 2]], [1, 2, 4]);   // the line y = a + b·t through (0, 1), (1, 2), (2, 4): [0.833…, 1.5]
 * ```
 */
export function lstsq(A: MatrixInput, b: VectorInput, options?: LstsqOptions): Float64Array;
export function lstsq(A: MatrixInput, b: MatrixInput, options?: LstsqOptions): Matrix;
export function lstsq(A: MatrixInput, b: VectorInput | MatrixInput, options: LstsqOptions = {}): Float64Array | Matrix {
  const view = readableView(A, "A");
  const [m, n] = [view.rows, view.cols];
  const a = copyEntries(view, m < n); // A (or Aᵀ for m < n), copied: the factorisation overwrites it
  requireAllFinite("lstsq: A", a);
  const rcond = options.rcond ?? 10 * 2 ** -52 * Math.max(m, n);
  if (typeof rcond !== "number" || !(rcond >= 0)) throw new RangeError(`lstsq: options.rcond must be a number ≥ 0, got ${describe(rcond)}`);
  const rhs = rightHandSide(b, m, "lstsq", "A");
  const nrhs = rhs.nrhs;
  if (m === 0 || n === 0) return answer(new Float64Array(n * nrhs), n, rhs);
  const deficient = "A is rank deficient: its columns (or rows, for m < n) are linearly dependent";
  if (m >= n) {
    // A = QR: x̂ = R⁻¹ (Qᵀb)[0 … n−1].
    const f = factor(a, m, n);
    requireFullRank(f, rcond, "lstsq", deficient);
    applyQ(f, true, rhs.data, nrhs);
    const x = rhs.data.slice(0, n * nrhs);
    substitute(f.a, 0, n, 1, n, false, x, nrhs);
    return answer(x, n, rhs);
  }
  // m < n: Aᵀ = QR (Q n×m, R m×m), so A = Rᵀ Qᵀ; the least-norm solution is x̂ = Q z with Rᵀ z = b.
  const f = factor(a, n, m);
  requireFullRank(f, rcond, "lstsq", deficient);
  substitute(f.a, 0, 1, m, m, true, rhs.data, nrhs); // Rᵀ is lower triangular: (Rᵀ)_ij = R_ji = a[j·m + i]
  const x = new Float64Array(n * nrhs);
  x.set(rhs.data);
  applyQ(f, false, x, nrhs);
  return answer(x, n, rhs);
}

/**
 * The solution of A x = b for a square, non-singular A (numpy's `solve`), by Householder QR: x = R⁻¹ Qᵀ b.
 * Throws when A is singular to working precision. `b` is a vector or a matrix of right-hand sides (columns).
 *
 * ```ts
 * solve([[2, 1], [1, 3]], [3, 5]);   // Float64Array [0.8, 1.4]
 * ```
 */
export function solve(A: MatrixInput, b: VectorInput): Float64Array;
export function solve(A: MatrixInput, b: MatrixInput): Matrix;
export function solve(A: MatrixInput, b: VectorInput | MatrixInput): Float64Array | Matrix {
  const M = matrixCopy(A, "A"); // the factorisation overwrites it
  const [n, c] = M.shape;
  if (n !== c) throw new RangeError(`solve: A must be square, got shape ${formatShape(M.shape)}; for a least-squares solution use lstsq`);
  requireAllFinite("solve: A", M.data);
  const rhs = rightHandSide(b, n, "solve", "A");
  if (n === 0) return answer(new Float64Array(0), 0, rhs);
  const f = factor(M.data, n, n);
  requireFullRank(f, 10 * 2 ** -52 * n, "solve", "A is singular to working precision");
  applyQ(f, true, rhs.data, rhs.nrhs);
  substitute(f.a, 0, n, 1, n, false, rhs.data, rhs.nrhs);
  return answer(rhs.data, n, rhs);
}
