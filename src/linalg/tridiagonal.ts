/**
 * The two steps of the symmetric eigenproblem A = Z Λ Zᵀ:
 *
 * 1. Householder tridiagonalisation: Qᵀ A Q = T, T tridiagonal (diagonal d, off-diagonal e), with
 *    Q = H₀ H₁ ⋯ H_{n−3}, each H_k = I − τ_k v_k v_kᵀ zeroing column k below the sub-diagonal. Cost ≈ (4/3)n³.
 * 2. The implicit QL algorithm with Wilkinson-style shifts on T (EISPACK's tql2, as in JAMA): plane
 *    rotations chase the off-diagonal to zero; O(n²) for the values, plus O(n³) to accumulate the vectors.
 */
import { applyHouseholderLeft, makeHouseholder } from "./householder";
import { hypot } from "./hypot";

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
 * triangle (j ≤ i). Step k takes the reflector H_k = I − τ v vᵀ that zeroes column k below the sub-diagonal,
 * forms p = τ A₂₂ v and w = p − (τ/2)(pᵀv) v, and applies H_k A₂₂ H_k = A₂₂ − v wᵀ − w vᵀ.
 *
 * For speed the trailing matrix is streamed through only once per step: the rank-2 update of step k is fused
 * with the matrix–vector product p′ = A₂₂′ v′ of step k + 1. This works because v′ only needs the first
 * column of the updated block, which is updated (cheaply) before the pass.
 */
export function tridiagonalize(a: Float64Array, n: number): Tridiagonal {
  const d = new Float64Array(n);
  const e = new Float64Array(n);
  const tau = new Float64Array(Math.max(0, n - 2));
  // Vectors indexed like the trailing block A₂₂ of the current step (index 0 = global row/column k + 1).
  let v = new Float64Array(n);
  let p = new Float64Array(n);
  // The next step's v′ and p′, shifted by one so that index j of A₂₂ matches: vNext[j] = v′_{j−1}.
  let vNext = new Float64Array(n);
  let pNext = new Float64Array(n);
  if (n >= 3) {
    // Step 0's reflector and p = A₂₂ v by a plain pass over the lower triangle.
    tau[0] = makeHouseholder(a, n, n, n - 1);
    d[0] = a[0];
    e[0] = a[n];
    const len = n - 1;
    v[0] = 1;
    for (let i = 1; i < len; i++) v[i] = a[(1 + i) * n];
    for (let i = 0; i < len; i++) {
      const row = (1 + i) * n + 1;
      const vi = v[i];
      let s = 0;
      for (let j = 0; j < i; j++) {
        const aij = a[row + j];
        s += aij * v[j];
        p[j] += aij * vi;
      }
      p[i] += s + a[row + i] * vi;
    }
  }
  for (let k = 0; k < n - 2; k++) {
    const len = n - k - 1; // size of A₂₂
    const c0 = k + 1; // its first global row/column
    const t = tau[k];
    // w = τp − (τ/2)(τpᵀv) v, stored in p.
    let pv = 0;
    for (let i = 0; i < len; i++) {
      p[i] *= t;
      pv += p[i] * v[i];
    }
    const K = 0.5 * t * pv;
    for (let i = 0; i < len; i++) p[i] -= K * v[i];
    const w = p;
    // Update the first column of A₂₂, then build the next reflector from it.
    for (let i = 0; i < len; i++) a[(c0 + i) * n + c0] -= v[i] * w[0] + w[i] * v[0];
    const hasNext = k + 1 < n - 2;
    if (hasNext) {
      const tn = makeHouseholder(a, (c0 + 1) * n + c0, n, len - 1);
      tau[k + 1] = tn;
      vNext[0] = 0;
      vNext[1] = 1;
      for (let i = 2; i < len; i++) vNext[i] = a[(c0 + i) * n + c0];
      pNext.fill(0, 0, len);
    }
    // One pass over rows 1 … len−1 of A₂₂ (columns 1 … i): the rank-2 update, and with the updated entries
    // the product p′ = A₃₃ v′ for the next step.
    if (hasNext) fusedUpdate(a, n, c0, len, v, w, vNext, pNext);
    else {
      for (let i = 1; i < len; i++) {
        const row = (c0 + i) * n + c0;
        const vi = v[i];
        const wi = w[i];
        for (let j = 1; j <= i; j++) a[row + j] -= vi * w[j] + wi * v[j];
      }
    }
    d[k + 1] = a[c0 * n + c0];
    e[k + 1] = a[(c0 + 1) * n + c0];
    if (hasNext) {
      // Shift the next step's vectors to its own indexing (drop index 0).
      const vOld = v;
      const pOld = p;
      v = vNext;
      p = pNext;
      v.copyWithin(0, 1, len);
      p.copyWithin(0, 1, len);
      vNext = vOld;
      pNext = pOld;
    }
  }
  if (n >= 2) {
    d[n - 2] = a[(n - 2) * n + n - 2];
    e[n - 2] = a[(n - 1) * n + n - 2];
  }
  if (n >= 1) d[n - 1] = a[(n - 1) * n + n - 1];
  return { d, e, a, tau, n };
}

/**
 * The fused pass of `tridiagonalize` over rows 1 … len−1 of the trailing block (global offset c0), lower
 * triangle, columns 1 … i: A ← A − v wᵀ − w vᵀ, and with the updated entries pNext ← pNext + A₃₃ vNext
 * (A₃₃ = the block without its first row and column; vNext, pNext indexed like the block).
 * Rows are taken two at a time, so that each load of w_j, v_j, vNext_j and pNext_j serves two rows.
 */
function fusedUpdate(
  a: Float64Array,
  n: number,
  c0: number,
  len: number,
  v: Float64Array,
  w: Float64Array,
  vNext: Float64Array,
  pNext: Float64Array,
): void {
  let i = 1;
  for (; i + 1 < len; i += 2) {
    const rowA = (c0 + i) * n + c0;
    const rowB = rowA + n;
    const va = v[i], wa = w[i], vna = vNext[i];
    const vb = v[i + 1], wb = w[i + 1], vnb = vNext[i + 1];
    let sa = 0;
    let sb = 0;
    for (let j = 1; j < i; j++) {
      const wj = w[j];
      const vj = v[j];
      const vnj = vNext[j];
      const xa = a[rowA + j] - va * wj - wa * vj;
      const xb = a[rowB + j] - vb * wj - wb * vj;
      a[rowA + j] = xa;
      a[rowB + j] = xb;
      sa += xa * vnj;
      sb += xb * vnj;
      pNext[j] += xa * vna + xb * vnb;
    }
    // Row i's diagonal, row i+1's entry in column i, and row i+1's diagonal.
    const da = a[rowA + i] - 2 * va * wa;
    a[rowA + i] = da;
    const xb = a[rowB + i] - vb * wa - wb * va;
    a[rowB + i] = xb;
    sb += xb * vna;
    pNext[i] += sa + da * vna + xb * vnb;
    const db = a[rowB + i + 1] - 2 * vb * wb;
    a[rowB + i + 1] = db;
    pNext[i + 1] += sb + db * vnb;
  }
  for (; i < len; i++) {
    const row = (c0 + i) * n + c0;
    const vi = v[i];
    const wi = w[i];
    const vni = vNext[i];
    let s0 = 0;
    for (let j = 1; j < i; j++) {
      const x = a[row + j] - vi * w[j] - wi * v[j];
      a[row + j] = x;
      s0 += x * vNext[j];
      pNext[j] += x * vni;
    }
    const x = a[row + i] - 2 * vi * wi;
    a[row + i] = x;
    pNext[i] += s0 + x * vni;
  }
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
  transposeSquareInPlace(q, n); // q was Q
  return q;
}

/** Transposes the row-major n×n array `q` in place (q_ij ↔ q_ji), in tiles of 32×32 so both sides stay in cache. */
export function transposeSquareInPlace(q: Float64Array, n: number): void {
  const T = 32;
  for (let i0 = 0; i0 < n; i0 += T)
    for (let j0 = i0; j0 < n; j0 += T)
      for (let i = i0; i < Math.min(i0 + T, n); i++)
        for (let j = Math.max(j0, i + 1); j < Math.min(j0 + T, n); j++) {
          const x = q[i * n + j];
          q[i * n + j] = q[j * n + i];
          q[j * n + i] = x;
        }
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
        let r = hypot(p, 1);
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
          r = hypot(p, e[i]);
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
