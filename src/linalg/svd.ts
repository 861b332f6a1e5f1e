/**
 * The singular value decomposition A = U Σ Vᵀ, Σ = diag(σ₁ ≥ σ₂ ≥ … ≥ σ_k ≥ 0), k = min(m, n), with U (m×k)
 * and V (n×k) having orthonormal columns. The σ_i are the square roots of the eigenvalues of AᵀA.
 *
 * Two steps (Golub & Kahan 1965; the iteration follows LINPACK's dsvdc, as in JAMA):
 * 1. Householder bidiagonalisation A = Q B Pᵀ, B upper bidiagonal (diagonal s, super-diagonal e): reflections
 *    from the left zero column k below the diagonal, from the right zero row k right of the super-diagonal.
 * 2. Implicitly shifted QR on B: each step chases a bulge down the bidiagonal with plane rotations, and
 *    negligible entries split the problem, until B is diagonal. The singular values are computed from B
 *    directly, never from AᵀA, so small singular values keep their accuracy (forming AᵀA would square the
 *    condition number).
 */
import { applyHouseholderLeft, makeHouseholder } from "./householder";
import { hypot } from "./hypot";
import { copyEntries, fromFloat64, Matrix, MatrixInput, readableView } from "./matrix";
import { requireAllFinite } from "../util/errors";
import { Bidiagonal, bidiagonalizeBlocked, bidiagonalVectorsBlocked } from "./bidiagonalBlocked";

export interface SVD {
  /** m×k with orthonormal columns (the left singular vectors). */
  U: Matrix;
  /** The k singular values, descending. */
  S: Float64Array;
  /** k×n with orthonormal rows (the right singular vectors, transposed). */
  Vt: Matrix;
}

/** From this many columns on, the blocked bidiagonalisation (bidiagonalBlocked.ts) is faster. */
const BLOCKED_FROM = 300;

/**
 * Bidiagonalises the row-major m×n array `a` (m ≥ n) in place: A = Q B Pᵀ.
 * Step k: the left reflector H = I − τ_q u uᵀ (from column k) is applied as B ← B − u zᵀ with z = τ_q Bᵀu;
 * then the right reflector G = I − τ_p v vᵀ (from row k, once updated) as B ← B − (τ_p B v) vᵀ.
 *
 * One pass over the trailing block per step (rows two at a time): each row gets both updates while it is in cache, and the same
 * pass accumulates y = Bᵀx for the NEXT step's column x. Since the next u = (x − β e₁)/(x₀ − β), its
 * z = τ_q (y − β b₀)/(x₀ − β), with b₀ the block's first row, needs no second pass.
 */
export function bidiagonalize(a: Float64Array, m: number, n: number): Bidiagonal {
  const s = new Float64Array(n);
  const e = new Float64Array(n);
  const tauq = new Float64Array(n);
  const taup = new Float64Array(n);
  const z = new Float64Array(n);
  const v = new Float64Array(n);
  let y = new Float64Array(n); // y = Bᵀx for the current step, indexed by column − (k + 1)
  let yNext = new Float64Array(n);
  if (n > 1) {
    // Step 0's y by a plain pass.
    for (let i = 0; i < m; i++) {
      const xi = a[i * n];
      if (xi === 0) continue;
      const row = i * n + 1;
      for (let j = 0; j < n - 1; j++) y[j] += xi * a[row + j];
    }
  }
  for (let k = 0; k < n; k++) {
    const c0 = k + 1;
    const w = n - c0; // columns right of the diagonal
    const x0 = a[k * n + k];
    const tq = makeHouseholder(a, k * n + k, n, m - k);
    tauq[k] = tq;
    const beta = a[k * n + k];
    s[k] = beta;
    if (w === 0) break;
    // z = τ_q Bᵀu = τ_q (y − β b₀)/(x₀ − β).
    if (tq === 0) z.fill(0, 0, w);
    else {
      const f = tq / (x0 - beta);
      for (let j = 0; j < w; j++) z[j] = f * (y[j] - beta * a[k * n + c0 + j]);
    }
    // Row k: apply the left reflector, then make the right reflector from it.
    for (let j = 0; j < w; j++) a[k * n + c0 + j] -= z[j];
    const tp = w > 1 ? makeHouseholder(a, k * n + c0, 1, w) : 0;
    taup[k] = tp;
    e[k] = a[k * n + c0];
    v[0] = 1;
    for (let j = 1; j < w; j++) v[j] = a[k * n + c0 + j];
    // Rows k+1 … m−1: left update, right update, and y′ += x′_i · (row i right of column k + 1).
    yNext.fill(0, 0, w);
    // Two rows at a time, so that each load of z_j, v_j and yNext_j serves both.
    let i = k + 1;
    for (; i + 1 < m; i += 2) {
      const ua = a[i * n + k];
      const ub = a[(i + 1) * n + k];
      const rowA = i * n + c0;
      const rowB = rowA + n;
      let da = 0;
      let db = 0;
      for (let j = 0; j < w; j++) {
        const zj = z[j];
        const vj = v[j];
        const ta = a[rowA + j] - ua * zj;
        const tb = a[rowB + j] - ub * zj;
        a[rowA + j] = ta;
        a[rowB + j] = tb;
        da += ta * vj;
        db += tb * vj;
      }
      const sa = tp * da;
      const sb = tp * db;
      const xa = a[rowA] - sa; // the next column's entries (v₀ = 1), final
      const xb = a[rowB] - sb;
      a[rowA] = xa;
      a[rowB] = xb;
      for (let j = 1; j < w; j++) {
        const vj = v[j];
        const ta = a[rowA + j] - sa * vj;
        const tb = a[rowB + j] - sb * vj;
        a[rowA + j] = ta;
        a[rowB + j] = tb;
        yNext[j - 1] += xa * ta + xb * tb;
      }
    }
    for (; i < m; i++) {
      const ui = a[i * n + k];
      const row = i * n + c0;
      let dot = 0;
      for (let j = 0; j < w; j++) {
        const t = a[row + j] - ui * z[j];
        a[row + j] = t;
        dot += t * v[j];
      }
      const sc = tp * dot;
      const xi = a[row] - sc;
      a[row] = xi;
      for (let j = 1; j < w; j++) {
        const t = a[row + j] - sc * v[j];
        a[row + j] = t;
        yNext[j - 1] += xi * t;
      }
    }
    const tmp = y;
    y = yNext;
    yNext = tmp;
  }
  return { s, e, a, tauq, taup, m, n };
}

/** Uᵀ (n×m, row j = column j of Q) and Vᵀ (n×n, row j = column j of P) from the stored reflectors. */
function bidiagonalVectors(b: Bidiagonal): { ut: Float64Array; vt: Float64Array } {
  const { m, n } = b;
  const { q, p } = n >= BLOCKED_FROM ? bidiagonalVectorsBlocked(b) : bidiagonalVectorsUnblocked(b);
  const ut = new Float64Array(n * m);
  for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) ut[j * m + i] = q[i * n + j];
  const vt = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) vt[j * n + i] = p[i * n + j];
  return { ut, vt };
}

/** Q (m×n) and P (n×n) from the stored reflectors, one reflector at a time. */
export function bidiagonalVectorsUnblocked(b: Bidiagonal): { q: Float64Array; p: Float64Array } {
  const { a, m, n, tauq, taup } = b;
  const q = new Float64Array(m * n);
  for (let i = 0; i < n; i++) q[i * n + i] = 1;
  const work = new Float64Array(Math.max(m, n));
  for (let k = n - 1; k >= 0; k--) applyHouseholderLeft(q, n, k, m - k, k, n, a, k * n + k, n, tauq[k], work);
  const p = new Float64Array(n * n);
  for (let i = 0; i < n; i++) p[i * n + i] = 1;
  for (let k = n - 2; k >= 0; k--) {
    applyHouseholderLeft(p, n, k + 1, n - k - 1, k + 1, n, a, k * n + k + 1, 1, taup[k], work);
  }
  return { q, p };
}

/** The bidiagonalisation, in blocks for big matrices. */
function bidiagonalizeAuto(a: Float64Array, m: number, n: number): Bidiagonal {
  return n >= BLOCKED_FROM ? bidiagonalizeBlocked(a, m, n, bidiagonalize) : bidiagonalize(a, m, n);
}

/** Rotates rows i and j of the row-major array z (row length len): (z_i, z_j) ← (c z_i + s z_j, −s z_i + c z_j). */
function rotateRows(z: Float64Array, len: number, i: number, j: number, c: number, s: number): void {
  const ri = i * len;
  const rj = j * len;
  for (let k = 0; k < len; k++) {
    const x = z[ri + k];
    const y = z[rj + k];
    z[ri + k] = c * x + s * y;
    z[rj + k] = -s * x + c * y;
  }
}

/**
 * Diagonalises the upper bidiagonal (s, e) of order n in place by implicitly shifted QR (dsvdc). Rotations
 * are applied to the rows of ut (n×m) and vt (n×n) when given. On return s is non-negative and descending.
 */
function bidiagonalQR(s: Float64Array, e: Float64Array, m: number, ut?: Float64Array, vt?: Float64Array): void {
  const n = s.length;
  let p = n;
  const pp = p - 1;
  let iter = 0;
  const eps = 2 ** -52;
  const tiny = 2 ** -966;
  if (n > 0) e[n - 1] = 0;
  while (p > 0) {
    if (iter > 75 * n) throw new Error("svd: the bidiagonal QR iteration did not converge");
    let k: number;
    let kase: number;
    for (k = p - 2; k >= 0; k--) {
      if (Math.abs(e[k]) <= tiny + eps * (Math.abs(s[k]) + Math.abs(s[k + 1]))) {
        e[k] = 0;
        break;
      }
    }
    if (k === p - 2) {
      kase = 4;
    } else {
      let ks: number;
      for (ks = p - 1; ks > k; ks--) {
        const t = (ks !== p ? Math.abs(e[ks]) : 0) + (ks !== k + 1 ? Math.abs(e[ks - 1]) : 0);
        if (Math.abs(s[ks]) <= tiny + eps * t) {
          s[ks] = 0;
          break;
        }
      }
      if (ks === k) kase = 3;
      else if (ks === p - 1) kase = 1;
      else {
        kase = 2;
        k = ks;
      }
    }
    k++;
    if (kase === 1) {
      // Deflate a negligible s[p−1].
      let f = e[p - 2];
      e[p - 2] = 0;
      for (let j = p - 2; j >= k; j--) {
        const t = hypot(s[j], f);
        const cs = s[j] / t;
        const sn = f / t;
        s[j] = t;
        if (j !== k) {
          f = -sn * e[j - 1];
          e[j - 1] = cs * e[j - 1];
        }
        if (vt) rotateRows(vt, n, j, p - 1, cs, sn);
      }
    } else if (kase === 2) {
      // Split at a negligible s[k−1].
      let f = e[k - 1];
      e[k - 1] = 0;
      for (let j = k; j < p; j++) {
        const t = hypot(s[j], f);
        const cs = s[j] / t;
        const sn = f / t;
        s[j] = t;
        f = -sn * e[j];
        e[j] = cs * e[j];
        if (ut) rotateRows(ut, m, j, k - 1, cs, sn);
      }
    } else if (kase === 3) {
      // One QR step with the shift from the trailing 2×2 block of BᵀB.
      const scale = Math.max(Math.abs(s[p - 1]), Math.abs(s[p - 2]), Math.abs(e[p - 2]), Math.abs(s[k]), Math.abs(e[k]));
      const sp = s[p - 1] / scale;
      const spm1 = s[p - 2] / scale;
      const epm1 = e[p - 2] / scale;
      const sk = s[k] / scale;
      const ek = e[k] / scale;
      const b = ((spm1 + sp) * (spm1 - sp) + epm1 * epm1) / 2;
      const c = sp * epm1 * (sp * epm1);
      let shift = 0;
      if (b !== 0 || c !== 0) {
        shift = Math.sqrt(b * b + c);
        if (b < 0) shift = -shift;
        shift = c / (b + shift);
      }
      let f = (sk + sp) * (sk - sp) + shift;
      let g = sk * ek;
      for (let j = k; j < p - 1; j++) {
        let t = hypot(f, g);
        let cs = f / t;
        let sn = g / t;
        if (j !== k) e[j - 1] = t;
        f = cs * s[j] + sn * e[j];
        e[j] = cs * e[j] - sn * s[j];
        g = sn * s[j + 1];
        s[j + 1] = cs * s[j + 1];
        if (vt) rotateRows(vt, n, j, j + 1, cs, sn);
        t = hypot(f, g);
        cs = f / t;
        sn = g / t;
        s[j] = t;
        f = cs * e[j] + sn * s[j + 1];
        s[j + 1] = -sn * e[j] + cs * s[j + 1];
        g = sn * e[j + 1];
        e[j + 1] = cs * e[j + 1];
        if (ut && j < m - 1) rotateRows(ut, m, j, j + 1, cs, sn);
      }
      e[p - 2] = f;
      iter++;
    } else {
      // Convergence of s[k]: make it non-negative, then move it into descending order.
      if (s[k] <= 0) {
        s[k] = s[k] < 0 ? -s[k] : 0;
        if (vt) for (let i = 0; i < n; i++) vt[k * n + i] = -vt[k * n + i];
      }
      while (k < pp && s[k] < s[k + 1]) {
        const t = s[k];
        s[k] = s[k + 1];
        s[k + 1] = t;
        if (vt) rotateRows(vt, n, k, k + 1, 0, 1); // swap (up to sign: (x, y) ← (y, −x))
        if (ut) rotateRows(ut, m, k, k + 1, 0, 1);
        k++;
      }
      iter = 0;
      p--;
    }
  }
}

/** A (m×n) as a row-major array with at least as many rows as columns, and whether it was transposed. */
function tallData(A: MatrixInput, where: string): { a: Float64Array; m: number; n: number; transposed: boolean } {
  const view = readableView(A, "A"); // read in place (one copy) when A is a strided view
  const [r, c] = [view.rows, view.cols];
  const a = copyEntries(view, r < c);
  requireAllFinite(`${where}: A`, a);
  return r >= c ? { a, m: r, n: c, transposed: false } : { a, m: c, n: r, transposed: true };
}

/** The singular values of A, descending (no vectors: faster than `svd`). */
export function svdvals(A: MatrixInput): Float64Array {
  const { a, m, n } = tallData(A, "svdvals");
  const b = bidiagonalizeAuto(a, m, n);
  bidiagonalQR(b.s, b.e, m);
  return b.s;
}

/**
 * The thin SVD A = U · diag(S) · Vt (numpy's `svd(A, full_matrices=False)`), for any shape.
 *
 * ```ts
 * const { U, S, Vt } = svd(A);   // matmul(matmul(U, diag(S)), Vt) ≈ A
 * ```
 */
export function svd(A: MatrixInput): SVD {
  const { a, m, n, transposed } = tallData(A, "svd");
  const b = bidiagonalizeAuto(a, m, n);
  const { ut, vt } = bidiagonalVectors(b);
  bidiagonalQR(b.s, b.e, m, ut, vt);
  // Now Aₜ = utᵀ · diag(s) · vt where Aₜ is A or Aᵀ (m×n, m ≥ n).
  const u = new Float64Array(m * n);
  for (let j = 0; j < n; j++) for (let i = 0; i < m; i++) u[i * n + j] = ut[j * m + i];
  if (!transposed) return { U: fromFloat64(u, m, n), S: b.s, Vt: fromFloat64(vt, n, n) };
  // A = (Aᵀ)ᵀ = vtᵀ · diag(s) · utᵀᵀ: U = vtᵀ (n×n) and Vt = ut (n×m).
  const U = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) U[i * n + j] = vt[j * n + i];
  return { U: fromFloat64(U, n, n), S: b.s, Vt: fromFloat64(ut, n, m) };
}
