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
import { factorPanel, householderQRStrided } from "./qrPanel";
import { applyBlockReflectorLeft, blockReflector, BlockReflector, reflectorOnThreads } from "./blockReflector";
import { gemmStrided } from "./gemm";
import { blockReflectorThreaded } from "./gemmThreads";
import { matvecWorkspace } from "./matvec";
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
 * column j and applies it to the columns right of it as B ← B − u zᵀ, z = τ Bᵀu, in one pass over the rows
 * per step (`householderQRStrided`, qrPanel.ts).
 */
export function householderQR(a: Float64Array, m: number, n: number): HouseholderQR {
  const tau = new Float64Array(Math.min(m, n));
  householderQRStrided(a, 0, n, m, n, tau, 0);
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

/**
 * Columns per block of the blocked factorisation; below BLOCKED_FROM columns the one-pass version is faster.
 * Measured (qr 500, 2-core machine): 64 takes ≈ 3 % less CPU time, but with both cores free the products of
 * 96 reflections gain more from the second thread (18.3–18.7 against 19.7–20.5 ms).
 */
const NB = 96;
const BLOCKED_FROM = 96;

/**
 * Factors the row-major m×n array `a` in place, in blocks of NB columns (LAPACK's dgeqrf): the block's
 * columns (the "panel") are factored on their own, recursively (qrPanel.ts), which gives the block reflector
 * H_j ⋯ H_{j+NB−1} = I − V T Vᵀ, and then its transpose I − V Tᵀ Vᵀ is applied to the columns right of the
 * panel at once. Same result as `householderQR` up to rounding.
 */
export function householderQRBlocked(a: Float64Array, m: number, n: number): HouseholderQR {
  const k = Math.min(m, n);
  const tau = new Float64Array(k);
  // The panel and the vectors of its row updates live in the WebAssembly kernel's memory when there is one.
  const ws = matvecWorkspace(m * NB + 4 * NB + 1);
  const kernel = ws ? { ws, scratch: m * NB } : null;
  const panel = ws ? ws.heap : new Float64Array(m * NB);
  const blocks: BlockReflector[] = [];
  for (let j = 0; j < k; j += NB) {
    const jb = Math.min(NB, k - j);
    // The panel (rows j…, columns j … j+jb−1) is factored on a contiguous copy: its short rows lie next to
    // each other there, not n numbers apart.
    const rows = m - j;
    for (let i = 0; i < rows; i++) for (let c = 0; c < jb; c++) panel[i * jb + c] = a[(j + i) * n + j + c];
    const block: BlockReflector = { v: new Float64Array(rows * jb), t: new Float64Array(jb * jb), rows, b: jb };
    factorPanel(panel, rows, jb, tau, j, block.v, block.t, kernel);
    for (let i = 0; i < rows; i++) for (let c = 0; c < jb; c++) a[(j + i) * n + j + c] = panel[i * jb + c];
    blocks[j / NB] = block;
    applyBlockReflectorLeft(block, true, n - j - jb, { data: a, offset: j * n + j + jb, ld: n });
  }
  return { a, m, n, tau, blocks };
}

/**
 * `formQ` in blocks (LAPACK's dorgqr): Q ← (I − V T Vᵀ) Q for the blocks of NB reflectors, last block first.
 * When the block of b reflectors starting at j comes, Q is still the identity in rows j … j+b−1 and in columns
 * j … j+b−1 (the later blocks only touched rows and columns ≥ j + b). So with V = [V₁; V₂] (V₁ its first b
 * rows) and Q₂₂ = Q[j+b:, j+b:],
 *
 *   Vᵀ Q[j:, j:] = [V₁ᵀ | V₂ᵀ Q₂₂]  =: W,   and   Q[j:, j:] ← Q[j:, j:] − V (T W),
 *
 * where only V₂ᵀ Q₂₂ needs a product (the zero rows of Q above Q₂₂ are skipped).
 */
export function formQBlocked(f: HouseholderQR, cols: number): Float64Array {
  const { a, m, n, tau } = f;
  const k = tau.length;
  const q = new Float64Array(m * cols);
  for (let i = 0; i < Math.min(m, cols); i++) q[i * cols + i] = 1;
  for (let j = Math.floor((k - 1) / NB) * NB; j >= 0; j -= NB) {
    const { v, t, rows, b } = f.blocks?.[j / NB] ?? blockReflector(a, j * n + j, n + 1, n, m - j, tau, j, Math.min(NB, k - j));
    const width = cols - j; // columns j … cols−1
    // Big enough: one job on all threads, each taking columns of Q through the three products below (same numbers)
    if (reflectorOnThreads(rows, width, b, b) && blockReflectorThreaded(false, rows, width, b, b, v, t, { data: q, offset: j * cols + j, ld: cols })) continue;
    const w = new Float64Array(b * width);
    for (let l = 0; l < b; l++) for (let c = l; c < b; c++) w[l * width + c] = v[c * b + l]; // V₁ᵀ (upper triangular)
    const W = { data: w, offset: 0, ld: width };
    if (width > b) {
      const V2 = { data: v, offset: b * b, ld: b };
      const Q22 = { data: q, offset: (j + b) * cols + j + b, ld: cols };
      gemmStrided(true, false, b, width - b, rows - b, 1, V2, Q22, 0, { data: w, offset: b, ld: width }); // V₂ᵀ Q₂₂
    }
    const tw = new Float64Array(b * width);
    const TW = { data: tw, offset: 0, ld: width };
    gemmStrided(false, false, b, width, b, 1, { data: t, offset: 0, ld: b }, W, 0, TW); // T W
    gemmStrided(false, false, rows, width, b, -1, { data: v, offset: 0, ld: b }, TW, 1, { data: q, offset: j * cols + j, ld: cols }); // Q − V T W
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
  for (let i = 0; i < k; i++) r.set(f.a.subarray(i * n + i, i * n + n), i * n + i);
  const q = (blocked ? formQBlocked : formQ)(f, rows);
  return { Q: fromFloat64(q, m, rows), R: fromFloat64(r, rows, n) };
}
