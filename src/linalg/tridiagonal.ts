/**
 * The two steps of the symmetric eigenproblem A = Z Λ Zᵀ:
 *
 * 1. Householder tridiagonalisation: Qᵀ A Q = T, T tridiagonal (diagonal d, off-diagonal e), with
 *    Q = H₀ H₁ ⋯ H_{n−3}, each H_k = I − τ_k v_k v_kᵀ zeroing column k below the sub-diagonal. Cost ≈ (4/3)n³.
 * 2. The implicit QL algorithm with Wilkinson-style shifts on T (EISPACK's tql2, as in JAMA): plane
 *    rotations chase the off-diagonal to zero; O(n²) for the values, plus O(n³) to accumulate the vectors.
 */
import { applyHouseholderLeft, makeHouseholder } from "./householder";

/** The tridiagonal form: d (n diagonal entries) and e (e_i = T_{i+1,i}, i < n − 1; e_{n−1} = 0). */
export interface Tridiagonal {
  d: Float64Array;
  e: Float64Array;
  /** The reflectors, stored below the sub-diagonal of `a` (row-major n×n), and their τ. */
  a: Float64Array;
  tau: Float64Array;
  n: number;
}

/**
 * Tridiagonalises the symmetric row-major n×n array `a` in place, reading and updating only its lower
 * triangle (j ≤ i). Each step does a symmetric matrix–vector product p = τ A₂₂ v and the rank-2 update
 * A₂₂ ← A₂₂ − v wᵀ − w vᵀ with w = p − (τ/2)(pᵀv) v, both row by row over the lower triangle.
 */
export function tridiagonalize(a: Float64Array, n: number): Tridiagonal {
  const d = new Float64Array(n);
  const e = new Float64Array(n);
  const tau = new Float64Array(Math.max(0, n - 2));
  const v = new Float64Array(n);
  const p = new Float64Array(n);
  for (let k = 0; k < n - 2; k++) {
    const len = n - k - 1;
    const t = makeHouseholder(a, (k + 1) * n + k, n, len);
    tau[k] = t;
    d[k] = a[k * n + k];
    e[k] = a[(k + 1) * n + k];
    if (t === 0) continue;
    v[0] = 1;
    for (let i = 1; i < len; i++) v[i] = a[(k + 1 + i) * n + k];
    p.fill(0, 0, len);
    const c0 = k + 1;
    // p = A₂₂ v using the lower triangle only: row i contributes A_ij v_j to p_i and A_ij v_i to p_j (j < i).
    for (let i = 0; i < len; i++) {
      const row = (c0 + i) * n + c0;
      const vi = v[i];
      let s = 0;
      for (let j = 0; j < i; j++) {
        const aij = a[row + j];
        s += aij * v[j];
        p[j] += aij * vi;
      }
      p[i] += s + a[row + i] * vi;
    }
    let pv = 0;
    for (let i = 0; i < len; i++) {
      p[i] *= t;
      pv += p[i] * v[i];
    }
    const K = 0.5 * t * pv;
    for (let i = 0; i < len; i++) p[i] -= K * v[i]; // p is now w
    for (let i = 0; i < len; i++) {
      const row = (c0 + i) * n + c0;
      const vi = v[i];
      const wi = p[i];
      for (let j = 0; j <= i; j++) a[row + j] -= vi * p[j] + wi * v[j];
    }
  }
  if (n >= 2) {
    d[n - 2] = a[(n - 2) * n + n - 2];
    e[n - 2] = a[(n - 1) * n + n - 2];
  }
  if (n >= 1) d[n - 1] = a[(n - 1) * n + n - 1];
  return { d, e, a, tau, n };
}

/** Qᵀ (row-major n×n) for the Q of `tridiagonalize`: Qᵀ = H_{n−3} ⋯ H₀, built as (H₀ ⋯ H_{n−3})ᵀ. */
export function tridiagonalQTransposed(t: Tridiagonal): Float64Array {
  const { a, tau, n } = t;
  const q = new Float64Array(n * n);
  for (let i = 0; i < n; i++) q[i * n + i] = 1;
  const work = new Float64Array(n);
  for (let k = tau.length - 1; k >= 0; k--) {
    applyHouseholderLeft(q, n, k + 1, n - k - 1, k + 1, n, a, (k + 1) * n + k, n, tau[k], work);
  }
  // q = Q; transpose in place.
  for (let i = 0; i < n; i++)
    for (let j = i + 1; j < n; j++) {
      const x = q[i * n + j];
      q[i * n + j] = q[j * n + i];
      q[j * n + i] = x;
    }
  return q;
}

/**
 * Implicit QL on the symmetric tridiagonal (d, e), in place: on return d holds the eigenvalues (unsorted).
 * When `zt` (row-major n×n) is given, the rotations are applied to its rows, so if zt = Qᵀ on entry then
 * row i of zt is the eigenvector of d_i on return.
 */
export function tridiagonalQL(d: Float64Array, e: Float64Array, zt?: Float64Array): void {
  const n = d.length;
  if (n <= 1) return;
  e[n - 1] = 0;
  const eps = 2 ** -52;
  let f = 0;
  let tst1 = 0;
  for (let l = 0; l < n; l++) {
    tst1 = Math.max(tst1, Math.abs(d[l]) + Math.abs(e[l]));
    let m = l;
    while (m < n - 1 && Math.abs(e[m]) > eps * tst1) m++;
    if (m > l) {
      let iter = 0;
      do {
        if (++iter > 100) throw new Error(`eigenvalue iteration did not converge (index ${l} after 100 QL steps)`);
        let g = d[l];
        let p = (d[l + 1] - g) / (2 * e[l]);
        let r = Math.hypot(p, 1);
        if (p < 0) r = -r;
        d[l] = e[l] / (p + r);
        d[l + 1] = e[l] * (p + r);
        const dl1 = d[l + 1];
        let h = g - d[l];
        for (let i = l + 2; i < n; i++) d[i] -= h;
        f += h;
        p = d[m];
        let c = 1;
        let c2 = c;
        let c3 = c;
        const el1 = e[l + 1];
        let s = 0;
        let s2 = 0;
        for (let i = m - 1; i >= l; i--) {
          c3 = c2;
          c2 = c;
          s2 = s;
          g = c * e[i];
          h = c * p;
          r = Math.hypot(p, e[i]);
          e[i + 1] = s * r;
          s = e[i] / r;
          c = p / r;
          p = c * d[i] - s * g;
          d[i + 1] = h + s * (c * g + s * d[i]);
          if (zt) {
            const ri = i * n;
            const rj = (i + 1) * n;
            for (let k = 0; k < n; k++) {
              const zj = zt[rj + k];
              const zi = zt[ri + k];
              zt[rj + k] = s * zi + c * zj;
              zt[ri + k] = c * zi - s * zj;
            }
          }
        }
        p = (-s * s2 * c3 * el1 * e[l]) / dl1;
        e[l] = s * p;
        d[l] = c * p;
      } while (Math.abs(e[l]) > eps * tst1);
    }
    d[l] = d[l] + f;
    e[l] = 0;
  }
}
