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
import { panelTimesVector, panelTransposedTimesVector } from "./panel";

/** Steps per block, and the columns of the panels (two vectors per step). */
const NB = 32;
const P = 2 * NB;

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
  const left = new Float64Array(m * P); // the panels L and R of reducePanel
  const right = new Float64Array(n * P);
  let k0 = 0;
  for (; n - k0 > 2 * NB; k0 += NB) {
    reducePanel(a, m, n, k0, left, right, s, e, tauq, taup, vectors);
    updateTrailing(a, m, n, k0, left, right);
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
 * diagonal and the super-diagonal) and the update vectors, kept interleaved in two panels:
 * L (row r ↔ global row r): L[r, 2j] = u_j[r], L[r, 2j+1] = x_j[r];
 * R (row c ↔ global column c): R[c, 2j] = y_j[c], R[c, 2j+1] = v_j[c]   (j = step − k0),
 * so that the block's first i steps have changed A by −L Rᵀ over the first 2i columns: every correction is a
 * product with those columns only. The trailing block is not changed.
 */
function reducePanel(
  a: Float64Array,
  m: number,
  n: number,
  k0: number,
  L: Float64Array,
  R: Float64Array,
  s: Float64Array,
  e: Float64Array,
  tauq: Float64Array,
  taup: Float64Array,
  vectors: Vectors,
): void {
  L.fill(0);
  R.fill(0);
  const q = new Float64Array(P);
  const t = new Float64Array(P);
  const correction = new Float64Array(Math.max(m, n));
  const { u, v, prod } = vectors; // the left reflector by global row, the right one by global column
  for (let i = 0; i < NB; i++) {
    const g = k0 + i;
    const w = 2 * i; // the panels' columns filled by the earlier steps
    // Column g, rows g … (gathered into u: one pass down the column of a, one back up):
    // −= Σ_j u_j[r] y_j[g] + x_j[r] v_j[g] = (L Rᵀ)[r, g].
    for (let r = g; r < m; r++) u[r] = a[r * n + g];
    if (i > 0) {
      panelTimesVector(L, P, 0, g, m, R.subarray(g * P, g * P + w), w, correction);
      for (let r = g; r < m; r++) u[r] -= correction[r];
    }
    const tq = makeHouseholder(u, g, 1, m - g);
    tauq[g] = tq;
    s[g] = u[g];
    u[g] = 1;
    for (let r = g; r < m; r++) {
      a[r * n + g] = u[r];
      L[r * P + w] = u[r];
    }
    // y_i = τ_q (Aᵀu − Σ_j y_j (u_jᵀu) + v_j (x_jᵀu)) = τ_q (Aᵀu − R Lᵀu), columns g+1 … n−1.
    prod.fill(0, g + 1, n);
    productTransposed(a, n, g, m, g + 1, vectors);
    if (i > 0) {
      panelTransposedTimesVector(L, P, 0, g, m, u, w, t);
      panelTimesVector(R, P, 0, g + 1, n, t, w, correction);
      for (let c = g + 1; c < n; c++) prod[c] -= correction[c];
    }
    for (let c = g + 1; c < n; c++) R[c * P + w] = tq * prod[c];
    // Row g, columns g+1 …: −= (R Lᵀ)[c, g] over the columns filled now (u_i and y_i included).
    for (let j = 0; j <= w; j++) q[j] = L[g * P + j];
    panelTimesVector(R, P, 0, g + 1, n, q, w + 1, correction);
    for (let c = g + 1; c < n; c++) a[g * n + c] -= correction[c];
    const tp = makeHouseholder(a, g * n + g + 1, 1, n - g - 1);
    taup[g] = tp;
    e[g] = a[g * n + g + 1];
    a[g * n + g + 1] = 1;
    for (let c = g + 1; c < n; c++) {
      v[c] = a[g * n + c];
      R[c * P + w + 1] = v[c];
    }
    // x_i = τ_p (A v − Σ_j u_j (y_jᵀv) − x_j (v_jᵀv)) = τ_p (A v − L Rᵀv), rows g+1 … m−1 (y_i included).
    product(a, n, g + 1, m, g + 1, vectors);
    panelTransposedTimesVector(R, P, 0, g + 1, n, v, w + 1, t);
    panelTimesVector(L, P, 0, g + 1, m, t, w + 1, correction);
    for (let r = g + 1; r < m; r++) L[r * P + w + 1] = tp * (prod[r] - correction[r]);
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
 * The trailing block C = a[k0+NB…, k0+NB…] ← C − Σ_j (u_j y_jᵀ + x_j v_jᵀ) = C − L Rᵀ (rows and columns from
 * k0+NB on): one matrix product with inner dimension 2·NB, reading the panels in place.
 */
function updateTrailing(a: Float64Array, m: number, n: number, k0: number, L: Float64Array, R: Float64Array): void {
  const s = k0 + NB;
  gemmStrided(false, true, m - s, n - s, P, -1, { data: L, offset: s * P, ld: P }, { data: R, offset: s * P, ld: P }, 1, { data: a, offset: s * n + s, ld: n });
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
