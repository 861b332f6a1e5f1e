/**
 * Householder bidiagonalisation in blocks (LAPACK's dgebrd + dlabrd), for big matrices: A = Q B Pᵀ.
 *
 * Step k applies a left reflector H_k = I − τ_q u uᵀ (zeroing column k below the diagonal) and a right one
 * G_k = I − τ_p v vᵀ (zeroing row k right of the super-diagonal). The unblocked version (svd.ts) updates
 * the whole trailing block at every step. Here NB steps are collected and applied at once,
 *
 *   A ← A − U Yᵀ − X Vᵀ,   U = [u_k …], V = [v_k …],   Y = [y_k …] with y = τ_q A′ᵀu,   X = [x_k …] with x = τ_p A″v,
 *
 * (A′, A″ = the block as updated by all earlier steps and, for A″, by H_k), a matrix product with inner
 * dimension 2·NB. Within the block, the updated row, column and products come from the not yet updated
 * matrix plus corrections through U, V, X, Y; the products Aᵀu and Av (one read of the block each) are the
 * remaining memory-bound part.
 */
import { makeHouseholder } from "./householder";
import { gemmStrided } from "./gemm";
import { applyBlockReflectorLeft, blockReflector } from "./blockReflector";
import { matvecWorkspace, MatvecWorkspace } from "./matvec";

/** Steps per block. */
const NB = 32;

/** The bidiagonal form and its reflectors (left ones below the diagonal of a, right ones right of the super-diagonal). */
export interface Bidiagonal {
  s: Float64Array;
  e: Float64Array;
  a: Float64Array;
  tauq: Float64Array;
  taup: Float64Array;
  m: number;
  n: number;
}

/**
 * Bidiagonalises the row-major m×n array `a` (m ≥ n) in place, finishing the last small block with
 * `unblocked` (the one-pass version of svd.ts). Same output as `unblocked` alone, up to rounding.
 */
export function bidiagonalizeBlocked(input: Float64Array, m: number, n: number, unblocked: (a: Float64Array, m: number, n: number) => Bidiagonal): Bidiagonal {
  // The matrix and the vectors u, v, A v / Aᵀu live in the WebAssembly kernel's memory when there is one (matvec.ts).
  const mn = m * n;
  const ws = matvecWorkspace(mn + m + n + Math.max(m, n) + 4);
  const a = ws ? ws.heap.subarray(0, mn) : input;
  if (ws) a.set(input);
  const prodAt = mn + m + n;
  const vectors: Vectors = ws
    ? {
        u: ws.heap.subarray(mn, mn + m),
        v: ws.heap.subarray(mn + m, mn + m + n),
        prod: ws.heap.subarray(prodAt, prodAt + Math.max(m, n)),
        ws,
        vAt: mn + m,
        prodAt,
        outAt: prodAt + Math.max(m, n),
      }
    : { u: new Float64Array(m), v: new Float64Array(n), prod: new Float64Array(Math.max(m, n)), ws: null, vAt: 0, prodAt: 0, outAt: 0 };
  const s = new Float64Array(n);
  const e = new Float64Array(n);
  const tauq = new Float64Array(n);
  const taup = new Float64Array(n);
  const x = new Float64Array(m * NB); // X, row r ↔ global row r
  const y = new Float64Array(n * NB); // Y, row c ↔ global column c
  let k0 = 0;
  for (; n - k0 > 2 * NB; k0 += NB) {
    reducePanel(a, m, n, k0, x, y, s, e, tauq, taup, vectors);
    updateTrailing(a, m, n, k0, x, y);
    for (let g = k0; g < k0 + NB; g++) {
      a[g * n + g] = s[g]; // the reflectors' 1s back to the diagonal and super-diagonal
      a[g * n + g + 1] = e[g];
    }
  }
  const M = m - k0;
  const N = n - k0;
  const tail = new Float64Array(M * N);
  for (let i = 0; i < M; i++) for (let j = 0; j < N; j++) tail[i * N + j] = a[(k0 + i) * n + k0 + j];
  const t = unblocked(tail, M, N);
  s.set(t.s, k0);
  e.set(t.e, k0);
  tauq.set(t.tauq, k0);
  taup.set(t.taup, k0);
  for (let i = 0; i < M; i++) for (let j = 0; j < N; j++) a[(k0 + i) * n + k0 + j] = tail[i * N + j];
  if (ws) input.set(a);
  return { s, e, a: input, tauq, taup, m, n };
}

/** The vectors u, v and the products of a step, and where v and the products are in the kernel's memory. */
interface Vectors {
  u: Float64Array;
  v: Float64Array;
  prod: Float64Array;
  ws: MatvecWorkspace | null;
  vAt: number;
  prodAt: number;
  /** room for four sums */
  outAt: number;
}

/**
 * Steps k0 … k0+NB−1 (LAPACK's dlabrd): makes the reflectors (with 1s written at their first entries, on the
 * diagonal and the super-diagonal) and the columns of X and Y; the trailing block is not changed.
 */
function reducePanel(
  a: Float64Array,
  m: number,
  n: number,
  k0: number,
  x: Float64Array,
  y: Float64Array,
  s: Float64Array,
  e: Float64Array,
  tauq: Float64Array,
  taup: Float64Array,
  vectors: Vectors,
): void {
  x.fill(0);
  y.fill(0);
  const t1 = new Float64Array(NB);
  const t2 = new Float64Array(NB);
  const { u, v, prod } = vectors; // the left reflector by global row, the right one by global column
  for (let i = 0; i < NB; i++) {
    const g = k0 + i;
    // Column g, rows g …: −= U[r, 0:i] · Y[g, 0:i] + X[r, 0:i] · V[0:i, g] (V[j, g] = a[(k0+j)·n + g]).
    if (i > 0) {
      for (let j = 0; j < i; j++) t1[j] = a[(k0 + j) * n + g];
      for (let r = g; r < m; r++) {
        let sum = 0;
        for (let j = 0; j < i; j++) sum += a[r * n + k0 + j] * y[g * NB + j] + x[r * NB + j] * t1[j];
        a[r * n + g] -= sum;
      }
    }
    const tq = makeHouseholder(a, g * n + g, n, m - g);
    tauq[g] = tq;
    s[g] = a[g * n + g];
    a[g * n + g] = 1;
    for (let r = g; r < m; r++) u[r] = a[r * n + g];
    // Y[g+1:, i] = τ_q (Aᵀu − Y (Uᵀu) − Vᵀ (Xᵀu)), columns g+1 … n−1.
    prod.fill(0, g + 1, n);
    productTransposed(a, n, g, m, g + 1, vectors);
    // (Every loop below runs along rows of a, X and Y: contiguous reads.)
    t1.fill(0);
    t2.fill(0);
    for (let r = g; r < m; r++) {
      const ur = u[r];
      for (let j = 0; j < i; j++) {
        t1[j] += a[r * n + k0 + j] * ur;
        t2[j] += x[r * NB + j] * ur;
      }
    }
    for (let c = g + 1; c < n; c++) for (let j = 0; j < i; j++) prod[c] -= y[c * NB + j] * t1[j];
    for (let j = 0; j < i; j++) for (let c = g + 1; c < n; c++) prod[c] -= a[(k0 + j) * n + c] * t2[j];
    for (let c = g + 1; c < n; c++) y[c * NB + i] = tq * prod[c];
    // Row g, columns g+1 …: −= Y[c, 0:i+1] · U[g, 0:i+1] + V[0:i, c] · X[g, 0:i].
    for (let c = g + 1; c < n; c++) {
      let sum = 0;
      for (let j = 0; j <= i; j++) sum += y[c * NB + j] * a[g * n + k0 + j];
      a[g * n + c] -= sum;
    }
    for (let j = 0; j < i; j++) {
      const xgj = x[g * NB + j];
      for (let c = g + 1; c < n; c++) a[g * n + c] -= a[(k0 + j) * n + c] * xgj;
    }
    const tp = makeHouseholder(a, g * n + g + 1, 1, n - g - 1);
    taup[g] = tp;
    e[g] = a[g * n + g + 1];
    a[g * n + g + 1] = 1;
    for (let c = g + 1; c < n; c++) v[c] = a[g * n + c];
    // X[g+1:, i] = τ_p (A v − U (Yᵀv) − X (V v)), rows g+1 … m−1 (U's columns 0 … i, V's rows 0 … i−1).
    t1.fill(0);
    t2.fill(0);
    for (let c = g + 1; c < n; c++) for (let j = 0; j <= i; j++) t1[j] += y[c * NB + j] * v[c];
    for (let j = 0; j < i; j++) {
      let sv = 0;
      for (let c = g + 1; c < n; c++) sv += a[(k0 + j) * n + c] * v[c];
      t2[j] = sv;
    }
    product(a, n, g + 1, m, g + 1, vectors);
    for (let r = g + 1; r < m; r++) {
      const row = r * n;
      let sum = prod[r];
      for (let j = 0; j <= i; j++) sum -= a[row + k0 + j] * t1[j];
      for (let j = 0; j < i; j++) sum -= x[r * NB + j] * t2[j];
      x[r * NB + i] = tp * sum;
    }
  }
}

/**
 * out[r] = Σ_c a[r, c] v_c for rows r0 … r1−1 and columns c0 … n−1. Four rows at a time: four independent
 * sums keep the processor busy (one sum waits for its previous addition at every step) and share the loads of v.
 */
function product(a: Float64Array, n: number, r0: number, r1: number, c0: number, vectors: Vectors): void {
  const { v, prod: out, ws } = vectors;
  let r = r0;
  for (; r + 3 < r1; r += 4) {
    if (ws) {
      ws.dot4(r * n + c0, n, n - c0, vectors.vAt + c0, vectors.outAt);
      out.set(ws.heap.subarray(vectors.outAt, vectors.outAt + 4), r);
      continue;
    }
    const r0w = r * n;
    const r1w = r0w + n;
    const r2w = r1w + n;
    const r3w = r2w + n;
    let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
    for (let c = c0; c < n; c++) {
      const vc = v[c];
      s0 += a[r0w + c] * vc;
      s1 += a[r1w + c] * vc;
      s2 += a[r2w + c] * vc;
      s3 += a[r3w + c] * vc;
    }
    out[r] = s0;
    out[r + 1] = s1;
    out[r + 2] = s2;
    out[r + 3] = s3;
  }
  for (; r < r1; r++) {
    let sum = 0;
    for (let c = c0; c < n; c++) sum += a[r * n + c] * v[c];
    out[r] = sum;
  }
}

/** out[c] += Σ_r u_r a[r, c] for rows r0 … r1−1 and columns c0 … n−1 (four rows at a time: one load and store of out[c] for four). */
function productTransposed(a: Float64Array, n: number, r0: number, r1: number, c0: number, vectors: Vectors): void {
  const { u, prod: out, ws } = vectors;
  let r = r0;
  for (; r + 3 < r1; r += 4) {
    if (ws) {
      ws.axpy4(r * n + c0, n, n - c0, vectors.prodAt + c0, u[r], u[r + 1], u[r + 2], u[r + 3]);
      continue;
    }
    const u0 = u[r], u1 = u[r + 1], u2 = u[r + 2], u3 = u[r + 3];
    const r0w = r * n;
    const r1w = r0w + n;
    const r2w = r1w + n;
    const r3w = r2w + n;
    for (let c = c0; c < n; c++) out[c] += u0 * a[r0w + c] + u1 * a[r1w + c] + u2 * a[r2w + c] + u3 * a[r3w + c];
  }
  for (; r + 1 < r1; r += 2) {
    const ua = u[r];
    const ub = u[r + 1];
    const rowA = r * n;
    const rowB = rowA + n;
    for (let c = c0; c < n; c++) out[c] += ua * a[rowA + c] + ub * a[rowB + c];
  }
  if (r < r1) {
    const ur = u[r];
    for (let c = c0; c < n; c++) out[c] += ur * a[r * n + c];
  }
}

/**
 * The trailing block C = a[k0+NB…, k0+NB…] ← C − U Yᵀ − X Vᵀ = C − [U X] [Y Vᵀ]ᵀ: one matrix product with
 * inner dimension 2·NB (U, X by rows of C; Y by its columns; V = the block's rows of right reflectors).
 */
function updateTrailing(a: Float64Array, m: number, n: number, k0: number, x: Float64Array, y: Float64Array): void {
  const s = k0 + NB;
  const rows = m - s;
  const cols = n - s;
  const left = new Float64Array(rows * 2 * NB);
  for (let r = 0; r < rows; r++) {
    for (let j = 0; j < NB; j++) {
      left[r * 2 * NB + j] = a[(s + r) * n + k0 + j];
      left[r * 2 * NB + NB + j] = x[(s + r) * NB + j];
    }
  }
  const right = new Float64Array(2 * NB * cols); // rows: Yᵀ, then V
  for (let c = 0; c < cols; c++) for (let j = 0; j < NB; j++) right[j * cols + c] = y[(s + c) * NB + j];
  for (let j = 0; j < NB; j++) right.set(a.subarray((k0 + j) * n + s, (k0 + j) * n + n), (NB + j) * cols);
  gemmStrided(
    false,
    false,
    rows,
    cols,
    2 * NB,
    -1,
    { data: left, offset: 0, ld: 2 * NB },
    { data: right, offset: 0, ld: cols },
    1,
    { data: a, offset: s * n + s, ld: n },
  );
}

/**
 * Q (m×n, the first n columns of H₀ ⋯ H_{n−1}) and P (n×n, G₀ ⋯ G_{n−2}) of a bidiagonalisation, row-major, by
 * block reflectors (blockReflector.ts), last block first.
 */
export function bidiagonalVectorsBlocked(b: Bidiagonal): { q: Float64Array; p: Float64Array } {
  const { a, m, n, tauq, taup } = b;
  const q = new Float64Array(m * n);
  for (let i = 0; i < n; i++) q[i * n + i] = 1;
  for (let j = Math.floor((n - 1) / NB) * NB; j >= 0; j -= NB) {
    const block = blockReflector(a, j * n + j, n + 1, n, m - j, tauq, j, Math.min(NB, n - j));
    applyBlockReflectorLeft(block, false, n - j, { data: q, offset: j * n + j, ld: n });
  }
  const p = new Float64Array(n * n);
  for (let i = 0; i < n; i++) p[i * n + i] = 1;
  const k = n - 1; // right reflectors
  for (let j = Math.floor((k - 1) / NB) * NB; j >= 0; j -= NB) {
    const block = blockReflector(a, j * n + j + 1, n + 1, 1, n - j - 1, taup, j, Math.min(NB, k - j));
    applyBlockReflectorLeft(block, false, n - j - 1, { data: p, offset: (j + 1) * n + j + 1, ld: n });
  }
  return { q, p };
}
