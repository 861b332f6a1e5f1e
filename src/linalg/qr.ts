/**
 * Householder QR: A = QR with Q orthogonal (QᵀQ = I) and R upper triangular.
 *
 * For A m×n and k = min(m, n), k reflections H_j = I − τ_j v_j v_jᵀ zero the entries below the diagonal,
 * column by column: H_{k−1} ⋯ H₁ H₀ A = R, so Q = H₀ H₁ ⋯ H_{k−1}.
 * The diagonal of R may be negative (each reflection picks the sign that avoids cancellation); that is why
 * a plain QR of a Gaussian matrix is not Haar distributed (see `haarOrthogonal`).
 *
 * Big matrices are factored in blocks of NB columns (LAPACK's dgeqrf): the reflections of one block are
 * applied to the rest of the matrix at once, as the block reflector I − V T Vᵀ (blockReflector.ts), so most
 * of the work is done by the fast matrix product.
 */
import { makeHouseholder } from "./householder";
import { applyBlockReflectorLeft, blockReflector, BlockReflector } from "./blockReflector";
import { fromFloat64, matrixCopy, Matrix, MatrixInput } from "./matrix";
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
  /** The blocked factorisation's block reflectors (block j/NB at index j/NB), kept for `formQBlocked`. */
  blocks?: BlockReflector[];
}

/**
 * Factors the row-major m×n array `a` in place (LAPACK's geqrf, unblocked): step j makes the reflector from
 * column j and applies it to the columns right of it as B ← B − u zᵀ, z = τ Bᵀu.
 * One pass per step: while updating the rows, the pass also accumulates y = B′ᵀx′ for the next column x′, and
 * the next z follows from it without another pass, since u′ = (x′ − β e₁)/(x′₀ − β).
 */
export function householderQR(a: Float64Array, m: number, n: number): HouseholderQR {
  const k = Math.min(m, n);
  const tau = new Float64Array(k);
  const z = new Float64Array(n);
  let y = new Float64Array(n); // y = Bᵀx, indexed by column − (j + 1)
  let yNext = new Float64Array(n);
  if (k > 0 && n > 1) {
    for (let i = 0; i < m; i++) {
      const xi = a[i * n];
      if (xi === 0) continue;
      const row = i * n + 1;
      for (let c = 0; c < n - 1; c++) y[c] += xi * a[row + c];
    }
  }
  for (let j = 0; j < k; j++) {
    const c0 = j + 1;
    const w = n - c0;
    const x0 = a[j * n + j];
    const t = makeHouseholder(a, j * n + j, n, m - j);
    tau[j] = t;
    if (w === 0) break;
    const beta = a[j * n + j];
    if (t === 0) z.fill(0, 0, w);
    else {
      const f = t / (x0 - beta);
      for (let c = 0; c < w; c++) z[c] = f * (y[c] - beta * a[j * n + c0 + c]);
    }
    for (let c = 0; c < w; c++) a[j * n + c0 + c] -= z[c];
    yNext.fill(0, 0, w);
    // Rows two at a time: each load of z_c and yNext_c serves both.
    let i = j + 1;
    for (; i + 1 < m; i += 2) {
      const ua = a[i * n + j];
      const ub = a[(i + 1) * n + j];
      const rowA = i * n + c0;
      const rowB = rowA + n;
      const xa = a[rowA] - ua * z[0];
      const xb = a[rowB] - ub * z[0];
      a[rowA] = xa;
      a[rowB] = xb;
      for (let c = 1; c < w; c++) {
        const zc = z[c];
        const ta = a[rowA + c] - ua * zc;
        const tb = a[rowB + c] - ub * zc;
        a[rowA + c] = ta;
        a[rowB + c] = tb;
        yNext[c - 1] += xa * ta + xb * tb;
      }
    }
    for (; i < m; i++) {
      const ui = a[i * n + j];
      const row = i * n + c0;
      const xi = a[row] - ui * z[0];
      a[row] = xi;
      for (let c = 1; c < w; c++) {
        const x = a[row + c] - ui * z[c];
        a[row + c] = x;
        yNext[c - 1] += xi * x;
      }
    }
    const tmp = y;
    y = yNext;
    yNext = tmp;
  }
  return { a, m, n, tau };
}

/**
 * Q = H₀ ⋯ H_{k−1} applied to the first `cols` columns of the m×m identity (cols = k or m), by backward
 * accumulation Q ← H_j Q, j = k−1 … 0. H_j only touches rows j … m−1 and (since H_{j+1} ⋯ H_{k−1} I has zeros
 * left of column j in those rows) columns j … cols−1. Each pass applies H_j and accumulates v_{j−1}ᵀQ for the
 * next step, whose reflector is already known.
 */
export function formQ(f: HouseholderQR, cols: number): Float64Array {
  const { a, m, n, tau } = f;
  const k = tau.length;
  const q = new Float64Array(m * cols);
  for (let i = 0; i < Math.min(m, cols); i++) q[i * cols + i] = 1;
  if (k === 0) return q;
  let w = new Float64Array(cols); // w_c = v_jᵀ Q[:, c], c ≥ j
  let wNext = new Float64Array(cols);
  {
    // Q is still the identity: (v_{k−1}ᵀ Q)_c = v_{k−1, c} for k−1 ≤ c < min(m, cols).
    const j = k - 1;
    for (let c = j; c < Math.min(m, cols); c++) w[c] = c === j ? 1 : a[c * n + j];
  }
  for (let j = k - 1; j >= 0; j--) {
    const t = tau[j];
    for (let c = j; c < cols; c++) w[c] *= t;
    const hasNext = j > 0;
    if (hasNext) {
      wNext.fill(0, j - 1, cols);
      wNext[j - 1] = 1; // row j−1 of Q is still e_{j−1}ᵀ, and v_{j−1} starts with 1
    }
    // Rows two at a time: each load of w_c and wNext_c serves both.
    let i = j;
    for (; i + 1 < m; i += 2) {
      const va = i === j ? 1 : a[i * n + j];
      const vb = a[(i + 1) * n + j];
      const na = hasNext ? a[i * n + j - 1] : 0;
      const nb = hasNext ? a[(i + 1) * n + j - 1] : 0;
      const rowA = i * cols;
      const rowB = rowA + cols;
      for (let c = j; c < cols; c++) {
        const wc = w[c];
        const xa = q[rowA + c] - va * wc;
        const xb = q[rowB + c] - vb * wc;
        q[rowA + c] = xa;
        q[rowB + c] = xb;
        wNext[c] += na * xa + nb * xb;
      }
    }
    for (; i < m; i++) {
      const vi = i === j ? 1 : a[i * n + j];
      const vn = hasNext ? a[i * n + j - 1] : 0;
      const row = i * cols;
      for (let c = j; c < cols; c++) {
        const x = q[row + c] - vi * w[c];
        q[row + c] = x;
        wNext[c] += vn * x;
      }
    }
    const tmp = w;
    w = wNext;
    wNext = tmp;
  }
  return q;
}

/** Columns per block of the blocked factorisation; below BLOCKED_FROM columns the one-pass version is faster. */
const NB = 32;
const BLOCKED_FROM = 96;

/**
 * Factors the row-major m×n array `a` in place, in blocks of NB columns (LAPACK's dgeqrf): the block's
 * reflections are made one at a time on its columns only (the "panel"), then applied to the columns right of
 * it at once, as (H_j ⋯ H_{j+NB−1})ᵀ = I − V Tᵀ Vᵀ. Same result as `householderQR` up to rounding.
 */
export function householderQRBlocked(a: Float64Array, m: number, n: number): HouseholderQR {
  const k = Math.min(m, n);
  const tau = new Float64Array(k);
  const panel = new Float64Array(m * NB);
  const blocks: BlockReflector[] = [];
  for (let j = 0; j < k; j += NB) {
    const jb = Math.min(NB, k - j);
    // The panel (rows j…, columns j … j+jb−1) factored by the one-pass version on a contiguous copy: its
    // short rows lie next to each other there, not n numbers apart.
    const rows = m - j;
    for (let i = 0; i < rows; i++) for (let c = 0; c < jb; c++) panel[i * jb + c] = a[(j + i) * n + j + c];
    tau.set(householderQR(panel, rows, jb).tau, j);
    for (let i = 0; i < rows; i++) for (let c = 0; c < jb; c++) a[(j + i) * n + j + c] = panel[i * jb + c];
    if (j + jb < n) {
      const block = blockReflector(a, j * n + j, n + 1, n, m - j, tau, j, jb);
      blocks[j / NB] = block;
      applyBlockReflectorLeft(block, true, n - j - jb, { data: a, offset: j * n + j + jb, ld: n });
    }
  }
  return { a, m, n, tau, blocks };
}

/**
 * `formQ` in blocks: Q ← (I − V T Vᵀ) Q for the blocks of NB reflectors, last block first. The block starting
 * at reflector j only touches rows and columns j … of Q.
 */
export function formQBlocked(f: HouseholderQR, cols: number): Float64Array {
  const { a, m, n, tau } = f;
  const k = tau.length;
  const q = new Float64Array(m * cols);
  for (let i = 0; i < Math.min(m, cols); i++) q[i * cols + i] = 1;
  for (let j = Math.floor((k - 1) / NB) * NB; j >= 0; j -= NB) {
    const block = f.blocks?.[j / NB] ?? blockReflector(a, j * n + j, n + 1, n, m - j, tau, j, Math.min(NB, k - j));
    applyBlockReflectorLeft(block, false, cols - j, { data: q, offset: j * cols + j, ld: cols });
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
  const M = matrixCopy(A, "A"); // one copy, read from A in place even when A is a strided view
  const mode = options.mode ?? "reduced";
  if (mode !== "reduced" && mode !== "complete") {
    throw new RangeError(`qr: mode must be "reduced" or "complete", got ${JSON.stringify(mode)}`);
  }
  requireAllFinite("qr: A", M.data);
  const [m, n] = M.shape;
  const k = Math.min(m, n);
  const blocked = k >= BLOCKED_FROM;
  const f = (blocked ? householderQRBlocked : householderQR)(M.data, m, n);
  const rows = mode === "complete" ? m : k;
  const r = new Float64Array(rows * n);
  for (let i = 0; i < k; i++) for (let j = i; j < n; j++) r[i * n + j] = f.a[i * n + j];
  const q = (blocked ? formQBlocked : formQ)(f, rows);
  return { Q: fromFloat64(q, m, rows), R: fromFloat64(r, rows, n) };
}
