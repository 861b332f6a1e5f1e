/**
 * Householder tridiagonalisation in blocks (LAPACK's dsytrd + dlatrd), for big symmetric matrices.
 *
 * The one-reflection-at-a-time version (tridiagonal.ts) applies H_k A H_k = A − v wᵀ − w vᵀ to the whole
 * trailing block at every step k: the matrix is read and written n times. Here the rank-2 updates of NB
 * steps are collected and applied at once,
 *
 *   A ← A − V Wᵀ − W Vᵀ,   V = [v_k … v_{k+NB−1}],   W = [w_k … w_{k+NB−1}],
 *
 * which is a matrix product with inner dimension 2·NB. Within the block, step i needs the matrix as updated
 * by the block's earlier steps only in two places, and gets them without updating it:
 * - column i itself (to make reflector i): A[:, i] − V W[i, :]ᵀ − W V[i, :]ᵀ, updated alone;
 * - the product A′v of the updated matrix A′ with the new reflector: A′v = A v − V (Wᵀv) − W (Vᵀv).
 * Then w = τ A′v − (τ/2)(τ (A′v)ᵀv) v as in the unblocked version. A v reads the lower triangle once
 * (symmetric product), the only remaining memory-bound part.
 */
import { makeHouseholder } from "./householder";
import { gemmStrided } from "./gemm";
import { applyBlockReflectorLeft, blockReflector } from "./blockReflector";
import { matvecWorkspace, MatvecWorkspace } from "./matvec";
import { panelTimesVector, panelTransposedTimesVector } from "./panel";
import { Tridiagonal, tridiagonalize, transposeSquareInPlace } from "./tridiagonal";

/** Reflectors per block, and the columns of the panel (v and w of each step, interleaved). */
const NB = 32;
const P = 2 * NB;
/** Rows of the trailing block per matrix product of the update (only the lower triangle is needed). */
const ROWS_PER_PRODUCT = 128;

/**
 * Tridiagonalises the symmetric row-major n×n array `a` in place, reading and updating its lower triangle
 * (the upper one is overwritten in places). Same output as `tridiagonalize`, up to rounding; with
 * `keepReflectors` false the reflectors may be left out of `input` (for the eigenvalues alone).
 */
export function tridiagonalizeBlocked(input: Float64Array, n: number, keepReflectors = true): Tridiagonal {
  // The matrix and the vectors v, A v live in the WebAssembly kernel's memory when there is one (matvec.ts).
  const ws = matvecWorkspace(n * n + 2 * n + 4);
  const a = ws ? ws.heap.subarray(0, n * n) : input;
  if (ws) a.set(input);
  const vectors: Vectors = ws
    ? { v: ws.heap.subarray(n * n, n * n + n), av: ws.heap.subarray(n * n + n, n * n + 2 * n), ws, vAt: n * n, avAt: n * n + n, outAt: n * n + 2 * n }
    : { v: new Float64Array(n), av: new Float64Array(n), ws: null, vAt: 0, avAt: 0, outAt: 0 };
  const d = new Float64Array(n);
  const e = new Float64Array(n);
  const tau = new Float64Array(Math.max(0, n - 2));
  const panel = new Float64Array(n * P); // v₀ w₀ v₁ w₁ …, row r ↔ global row k0 + r
  const swapped = new Float64Array(n * P); // the panel with each pair (v, w) swapped, for updateTrailing
  let k0 = 0;
  for (; n - k0 > 2 * NB; k0 += NB) {
    reducePanel(a, n, k0, panel, d, e, tau, vectors);
    updateTrailing(a, n, k0, panel, swapped);
    for (let g = k0; g < k0 + NB; g++) a[(g + 1) * n + g] = e[g]; // the reflectors' 1s back to the sub-diagonal
  }
  // The last (small) block by the unblocked version, on a copy.
  const m = n - k0;
  const tail = new Float64Array(m * m);
  for (let i = 0; i < m; i++) for (let j = 0; j <= i; j++) tail[i * m + j] = a[(k0 + i) * n + k0 + j];
  const t = tridiagonalize(tail, m);
  d.set(t.d, k0);
  e.set(t.e, k0);
  tau.set(t.tau, k0);
  for (let i = 0; i < m; i++) for (let j = 0; j <= i; j++) a[(k0 + i) * n + k0 + j] = tail[i * m + j];
  if (ws && keepReflectors) input.set(a); // (the eigenvalues alone do not need the reflectors back in `input`)
  return { d, e, a: input, tau, n };
}

/** The vectors v and A v of a step, and where they are in the kernel's memory (with room for 4 sums at outAt). */
interface Vectors {
  v: Float64Array;
  av: Float64Array;
  ws: MatvecWorkspace | null;
  vAt: number;
  avAt: number;
  outAt: number;
}

/**
 * Steps k0 … k0+NB−1: makes each reflector (stored below the sub-diagonal, with a 1 written on the
 * sub-diagonal for the trailing update) and its w. They are kept interleaved in the panel P
 * (row R ↔ global row k0 + R; column 2i ↔ v of step k0 + i, column 2i + 1 ↔ its w), so that at step i the
 * columns filled so far are the first 2i: every correction is a product with those columns only.
 * The trailing block is not changed.
 */
function reducePanel(
  a: Float64Array,
  n: number,
  k0: number,
  p: Float64Array,
  d: Float64Array,
  e: Float64Array,
  tau: Float64Array,
  vectors: Vectors,
): void {
  p.fill(0);
  const { v, av } = vectors;
  const q = new Float64Array(P);
  const t = new Float64Array(P);
  const correction = new Float64Array(n);
  const column = new Float64Array(n);
  for (let i = 0; i < NB; i++) {
    const g = k0 + i;
    const G = i * P; // row g of the panel
    const width = 2 * i; // the panel's columns filled by the earlier steps of the block
    // Column g, rows g … n−1 (gathered into `column`: one pass down the column of a, one back up), updated by
    // the block's earlier steps: −= Σ_j v_j W[g, j] + w_j V[g, j] = P q.
    for (let r = g; r < n; r++) column[r] = a[r * n + g];
    if (i > 0) {
      for (let j = 0; j < width; j += 2) {
        q[j] = p[G + j + 1];
        q[j + 1] = p[G + j];
      }
      panelTimesVector(p, P, k0, g, n, q, width, correction);
      for (let r = g; r < n; r++) column[r] -= correction[r];
    }
    d[g] = column[g];
    const tg = makeHouseholder(column, g + 1, 1, n - g - 1);
    tau[g] = tg;
    e[g] = column[g + 1];
    column[g + 1] = 1;
    for (let r = g; r < n; r++) a[r * n + g] = column[r];
    // v, indexed by global row (v_r = 0 for r ≤ g), into column 2i of P; A v over the trailing lower triangle.
    v.fill(0, 0, g + 1);
    for (let r = g + 1; r < n; r++) {
      v[r] = column[r];
      p[(r - k0) * P + width] = column[r];
    }
    symmetricProduct(a, n, g + 1, vectors);
    // A′v = A v − V (Wᵀv) − W (Vᵀv) = A v − P q, with t = Pᵀv (t_2j = v_jᵀv, t_2j+1 = w_jᵀv) and q its pairs swapped.
    let pv = 0;
    if (i > 0) {
      panelTransposedTimesVector(p, P, k0, g + 1, n, v, width, t);
      for (let j = 0; j < width; j += 2) {
        q[j] = t[j + 1];
        q[j + 1] = t[j];
      }
      panelTimesVector(p, P, k0, g + 1, n, q, width, correction);
      for (let r = g + 1; r < n; r++) {
        const x = tg * (av[r] - correction[r]);
        av[r] = x;
        pv += x * v[r];
      }
    } else {
      for (let r = g + 1; r < n; r++) {
        const x = tg * av[r];
        av[r] = x;
        pv += x * v[r];
      }
    }
    // w = τA′v − (τ/2)(τ(A′v)ᵀv) v, into column 2i + 1 of P.
    const K = 0.5 * tg * pv;
    for (let r = g + 1; r < n; r++) p[(r - k0) * P + width + 1] = av[r] - K * v[r];
  }
}

/**
 * y ← A v for the symmetric trailing block A = a[r0…, r0…] (only its lower triangle is read), with v and y
 * indexed by global row. Row r contributes Σ_{c<r} a_rc v_c to y_r and a_rc v_r to y_c (c < r), plus its
 * diagonal. Four rows at a time: four independent sums, and one load and store of y_c for four rows.
 */
function symmetricProduct(a: Float64Array, n: number, r0: number, vectors: Vectors): void {
  const { v, av: y, ws } = vectors;
  y.fill(0, r0, n);
  let r = r0;
  for (; r + 3 < n; r += 4) {
    if (ws) {
      // the same four rows in WebAssembly SIMD, then their diagonal block below
      ws.dotAxpy4(r * n + r0, n, r - r0, vectors.vAt + r0, vectors.avAt + r0, v[r], v[r + 1], v[r + 2], v[r + 3], vectors.outAt);
      diagonalBlock(a, n, r, v, y, ws.heap[vectors.outAt], ws.heap[vectors.outAt + 1], ws.heap[vectors.outAt + 2], ws.heap[vectors.outAt + 3]);
      continue;
    }
    const w0 = r * n;
    const w1 = w0 + n;
    const w2 = w1 + n;
    const w3 = w2 + n;
    const v0 = v[r], v1 = v[r + 1], v2 = v[r + 2], v3 = v[r + 3];
    let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
    for (let c = r0; c < r; c++) {
      const x0 = a[w0 + c], x1 = a[w1 + c], x2 = a[w2 + c], x3 = a[w3 + c];
      const vc = v[c];
      s0 += x0 * vc;
      s1 += x1 * vc;
      s2 += x2 * vc;
      s3 += x3 * vc;
      y[c] += x0 * v0 + x1 * v1 + x2 * v2 + x3 * v3;
    }
    diagonalBlock(a, n, r, v, y, s0, s1, s2, s3);
  }
  for (; r < n; r++) {
    const row = r * n;
    const vr = v[r];
    let s = 0;
    for (let c = r0; c < r; c++) {
      s += a[row + c] * v[c];
      y[c] += a[row + c] * vr;
    }
    y[r] += s + a[row + r] * vr;
  }
}

/** y[r+i] += s_i + Σ_j A[r+i, r+j] v[r+j] over the 4×4 diagonal block at r (its lower triangle, mirrored). */
function diagonalBlock(a: Float64Array, n: number, r: number, v: Float64Array, y: Float64Array, s0: number, s1: number, s2: number, s3: number): void {
  for (let i = 0; i < 4; i++) {
    let s = i === 0 ? s0 : i === 1 ? s1 : i === 2 ? s2 : s3;
    for (let j = 0; j < 4; j++) {
      const aij = j <= i ? a[(r + i) * n + r + j] : a[(r + j) * n + r + i];
      s += aij * v[r + j];
    }
    y[r + i] += s;
  }
}

/**
 * The trailing block B = a[k0+NB…, k0+NB…] ← B − Σ_i (v_i w_iᵀ + w_i v_iᵀ) = B − P Sᵀ on its lower triangle, by
 * block rows of ROWS_PER_PRODUCT: each is one matrix product with inner dimension 2·NB. P is the panel itself
 * (from its row NB on); S (in `swapped`) a copy with the columns of each pair (v_i, w_i) swapped.
 */
function updateTrailing(a: Float64Array, n: number, k0: number, p: Float64Array, swapped: Float64Array): void {
  const s = k0 + NB; // first row/column of B
  const m = n - s;
  for (let r = 0; r < m; r++) {
    const o = (NB + r) * P;
    for (let j = 0; j < P; j += 2) {
      swapped[r * P + j] = p[o + j + 1];
      swapped[r * P + j + 1] = p[o + j];
    }
  }
  for (let r0 = 0; r0 < m; r0 += ROWS_PER_PRODUCT) {
    const rows = Math.min(ROWS_PER_PRODUCT, m - r0);
    gemmStrided(
      false,
      true,
      rows,
      r0 + rows,
      P,
      -1,
      { data: p, offset: (NB + r0) * P, ld: P },
      { data: swapped, offset: 0, ld: P },
      1,
      { data: a, offset: (s + r0) * n + s, ld: n },
    );
  }
}

/**
 * Qᵀ (row-major n×n) for the Q = H₀ H₁ ⋯ H_{n−3} of a tridiagonalisation, in blocks: Q ← (I − V T Vᵀ) Q for
 * the blocks of NB reflectors, last block first (blockReflector.ts), then transposed in place.
 */
export function tridiagonalQTransposedBlocked(t: Tridiagonal): Float64Array {
  const { a, tau, n } = t;
  const q = new Float64Array(n * n);
  for (let i = 0; i < n; i++) q[i * n + i] = 1;
  const k = tau.length;
  for (let j = Math.floor((k - 1) / NB) * NB; j >= 0; j -= NB) {
    const block = blockReflector(a, (j + 1) * n + j, n + 1, n, n - j - 1, tau, j, Math.min(NB, k - j));
    applyBlockReflectorLeft(block, false, n - j - 1, { data: q, offset: (j + 1) * n + j + 1, ld: n });
  }
  transposeSquareInPlace(q, n); // q was Q
  return q;
}
