/**
 * Householder QR: A = QR with Q orthogonal (QᵀQ = I) and R upper triangular.
 *
 * For A m×n and k = min(m, n), k reflections H_j = I − τ_j v_j v_jᵀ zero the entries below the diagonal,
 * column by column: H_{k−1} ⋯ H₁ H₀ A = R, so Q = H₀ H₁ ⋯ H_{k−1}.
 * The diagonal of R may be negative (each reflection picks the sign that avoids cancellation); that is why
 * a plain QR of a Gaussian matrix is not Haar distributed (see `haarOrthogonal`).
 */
import { applyHouseholderLeft, makeHouseholder } from "./householder";
import { asMatrix, fromFloat64, Matrix, MatrixInput } from "./matrix";
import { requireAllFinite } from "../util/errors";

export interface QR {
  /** m×k (reduced, the default) or m×m (complete) with orthonormal columns. */
  Q: Matrix;
  /** k×n (reduced) or m×n (complete), upper triangular (R_ij = 0 for i > j). */
  R: Matrix;
}

export interface QrOptions {
  /**
   * "reduced" (default): Q is m×k and R is k×n, k = min(m, n), as numpy's `qr(mode="reduced")`.
   * "complete": Q is m×m and R is m×n.
   */
  mode?: "reduced" | "complete";
}

/** The compact form: R on and above the diagonal of `a`, the reflectors v_j below it, and the τ_j. */
export interface HouseholderQR {
  a: Float64Array;
  m: number;
  n: number;
  tau: Float64Array;
}

/** Factors the row-major m×n array `a` in place (LAPACK's geqrf, unblocked). */
export function householderQR(a: Float64Array, m: number, n: number): HouseholderQR {
  const k = Math.min(m, n);
  const tau = new Float64Array(k);
  const work = new Float64Array(n);
  for (let j = 0; j < k; j++) {
    tau[j] = makeHouseholder(a, j * n + j, n, m - j);
    applyHouseholderLeft(a, n, j, m - j, j + 1, n, a, j * n + j, n, tau[j], work);
  }
  return { a, m, n, tau };
}

/** Q = H₀ ⋯ H_{k−1} applied to the first `cols` columns of the m×m identity (cols = k or m). */
export function formQ(f: HouseholderQR, cols: number): Float64Array {
  const { a, m, n, tau } = f;
  const k = tau.length;
  const q = new Float64Array(m * cols);
  for (let i = 0; i < Math.min(m, cols); i++) q[i * cols + i] = 1;
  const work = new Float64Array(cols);
  // Backward accumulation: Q ← H_j Q for j = k−1 … 0; H_j only touches rows j…m−1 and, since
  // H_{j+1} ⋯ H_{k−1} I has zeros left of column j in those rows, only columns j…cols−1.
  for (let j = k - 1; j >= 0; j--) {
    applyHouseholderLeft(q, cols, j, m - j, j, cols, a, j * n + j, n, tau[j], work);
  }
  return q;
}

/**
 * The QR decomposition A = QR by Householder reflections (reduced by default; `{ mode: "complete" }` for a
 * square Q). Works for any shape, including m < n, 0×n and 1×1.
 *
 * ```ts
 * const { Q, R } = qr(matrix([[1, 2], [3, 4]]));   // matmul(Q, R) ≈ A, Q orthogonal, R upper triangular
 * ```
 */
export function qr(A: MatrixInput, options: QrOptions = {}): QR {
  const M = asMatrix(A, "A");
  const mode = options.mode ?? "reduced";
  if (mode !== "reduced" && mode !== "complete") {
    throw new RangeError(`qr: mode must be "reduced" or "complete", got ${JSON.stringify(mode)}`);
  }
  requireAllFinite("qr: A", M.data);
  const [m, n] = M.shape;
  const f = householderQR(M.data.slice(), m, n);
  const k = Math.min(m, n);
  const rows = mode === "complete" ? m : k;
  const r = new Float64Array(rows * n);
  for (let i = 0; i < k; i++) for (let j = i; j < n; j++) r[i * n + j] = f.a[i * n + j];
  const q = formQ(f, rows);
  return { Q: fromFloat64(q, m, rows), R: fromFloat64(r, rows, n) };
}
