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
import { Tridiagonal, tridiagonalize } from "./tridiagonal";

/** Reflectors per block. */
const NB = 32;
/** Rows of the trailing block per matrix product of the update (only the lower triangle is needed). */
const ROWS_PER_PRODUCT = 128;

/**
 * Tridiagonalises the symmetric row-major n×n array `a` in place, reading and updating its lower triangle
 * (the upper one is overwritten in places). Same output as `tridiagonalize`, up to rounding.
 */
export function tridiagonalizeBlocked(a: Float64Array, n: number): Tridiagonal {
  const d = new Float64Array(n);
  const e = new Float64Array(n);
  const tau = new Float64Array(Math.max(0, n - 2));
  const w = new Float64Array(n * NB); // W, row r ↔ global row k0 + r
  let k0 = 0;
  for (; n - k0 > 2 * NB; k0 += NB) {
    reducePanel(a, n, k0, w, d, e, tau);
    updateTrailing(a, n, k0, w);
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
  return { d, e, a, tau, n };
}

/**
 * Steps k0 … k0+NB−1: makes each reflector (stored below the sub-diagonal, with a 1 written on the
 * sub-diagonal for the trailing update) and its w (row r of `w` ↔ global row k0 + r, column i ↔ step k0 + i).
 * The trailing block itself is not changed.
 */
function reducePanel(
  a: Float64Array,
  n: number,
  k0: number,
  w: Float64Array,
  d: Float64Array,
  e: Float64Array,
  tau: Float64Array,
): void {
  w.fill(0);
  const v = new Float64Array(n);
  const av = new Float64Array(n);
  const vtv = new Float64Array(NB); // Vᵀv
  const wtv = new Float64Array(NB); // Wᵀv
  for (let i = 0; i < NB; i++) {
    const g = k0 + i;
    // Column g, rows g … n−1, updated by the block's earlier steps: −= V W[g, :]ᵀ + W V[g, :]ᵀ.
    for (let r = g; r < n && i > 0; r++) {
      const vr = r * n + k0;
      const wr = (r - k0) * NB;
      const vg = g * n + k0;
      const wg = (g - k0) * NB;
      let s = 0;
      for (let j = 0; j < i; j++) s += a[vr + j] * w[wg + j] + w[wr + j] * a[vg + j];
      a[r * n + g] -= s;
    }
    d[g] = a[g * n + g];
    const t = makeHouseholder(a, (g + 1) * n + g, n, n - g - 1);
    tau[g] = t;
    e[g] = a[(g + 1) * n + g];
    a[(g + 1) * n + g] = 1;
    // v, indexed by global row (v_r = 0 for r ≤ g), and A v over the trailing lower triangle (rows g+1 …).
    v.fill(0, 0, g + 1);
    for (let r = g + 1; r < n; r++) v[r] = a[r * n + g];
    symmetricProduct(a, n, g + 1, v, av);
    // A′v = A v − V (Wᵀv) − W (Vᵀv), over the block's earlier steps j < i.
    for (let j = 0; j < i; j++) {
      vtv[j] = 0;
      wtv[j] = 0;
    }
    for (let r = g + 1; r < n; r++) {
      const vr = r * n + k0;
      const wr = (r - k0) * NB;
      const x = v[r];
      for (let j = 0; j < i; j++) {
        vtv[j] += a[vr + j] * x;
        wtv[j] += w[wr + j] * x;
      }
    }
    let pv = 0;
    for (let r = g + 1; r < n; r++) {
      const vr = r * n + k0;
      const wr = (r - k0) * NB;
      let s = av[r];
      for (let j = 0; j < i; j++) s -= a[vr + j] * wtv[j] + w[wr + j] * vtv[j];
      s *= t;
      av[r] = s;
      pv += s * v[r];
    }
    // w = τA′v − (τ/2)(τ(A′v)ᵀv) v, into column i of W.
    const K = 0.5 * t * pv;
    for (let r = g + 1; r < n; r++) w[(r - k0) * NB + i] = av[r] - K * v[r];
  }
}

/**
 * y ← A v for the symmetric trailing block A = a[r0…, r0…] (only its lower triangle is read), with v and y
 * indexed by global row. Row r contributes Σ_{c<r} a_rc v_c to y_r and a_rc v_r to y_c (c < r), plus its
 * diagonal. Four rows at a time: four independent sums, and one load and store of y_c for four rows.
 */
function symmetricProduct(a: Float64Array, n: number, r0: number, v: Float64Array, y: Float64Array): void {
  y.fill(0, r0, n);
  let r = r0;
  for (; r + 3 < n; r += 4) {
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
    // The 4×4 diagonal block (rows r … r+3, columns r … r+3), lower triangle mirrored.
    for (let i = 0; i < 4; i++) {
      let s = i === 0 ? s0 : i === 1 ? s1 : i === 2 ? s2 : s3;
      for (let j = 0; j < 4; j++) {
        const aij = j <= i ? a[(r + i) * n + r + j] : a[(r + j) * n + r + i];
        s += aij * v[r + j];
      }
      y[r + i] += s;
    }
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

/**
 * The trailing block B = a[k0+NB…, k0+NB…] ← B − V Wᵀ − W Vᵀ = B − [V W] [W V]ᵀ on its lower triangle, by
 * block rows of ROWS_PER_PRODUCT: each is one matrix product with inner dimension 2·NB.
 */
function updateTrailing(a: Float64Array, n: number, k0: number, w: Float64Array): void {
  const s = k0 + NB; // first row/column of B
  const m = n - s;
  const vw = new Float64Array(m * 2 * NB);
  const wv = new Float64Array(m * 2 * NB);
  for (let r = 0; r < m; r++) {
    for (let j = 0; j < NB; j++) {
      const vrj = a[(s + r) * n + k0 + j];
      const wrj = w[(s + r - k0) * NB + j];
      vw[r * 2 * NB + j] = vrj;
      vw[r * 2 * NB + NB + j] = wrj;
      wv[r * 2 * NB + j] = wrj;
      wv[r * 2 * NB + NB + j] = vrj;
    }
  }
  for (let r0 = 0; r0 < m; r0 += ROWS_PER_PRODUCT) {
    const rows = Math.min(ROWS_PER_PRODUCT, m - r0);
    gemmStrided(
      false,
      true,
      rows,
      r0 + rows,
      2 * NB,
      -1,
      { data: vw, offset: r0 * 2 * NB, ld: 2 * NB },
      { data: wv, offset: 0, ld: 2 * NB },
      1,
      { data: a, offset: (s + r0) * n + s, ld: n },
    );
  }
}

/**
 * Qᵀ (row-major n×n) for the Q = H₀ H₁ ⋯ H_{n−3} of a tridiagonalisation, in blocks: Q ← (I − V T Vᵀ) Q for
 * the blocks of NB reflectors, last block first (blockReflector.ts), then transposed.
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
  for (let i = 0; i < n; i++)
    for (let j = i + 1; j < n; j++) {
      const x = q[i * n + j];
      q[i * n + j] = q[j * n + i];
      q[j * n + i] = x;
    }
  return q;
}
