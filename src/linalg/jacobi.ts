/**
 * One-sided Jacobi SVD (Hestenes 1958): a slow (O(n³) per sweep) but very simple and very accurate
 * reference. It rotates pairs of columns of A until they are mutually orthogonal: then A V = U Σ, with the
 * column norms as the singular values. The library's fast `svd` is checked against it in the tests.
 */
import { asMatrix, fromFloat64, Matrix, MatrixInput } from "./matrix";
import { requireAllFinite } from "../util/errors";

export interface JacobiSVD {
  U: Matrix;
  S: Float64Array;
  Vt: Matrix;
}

/** SVD of A (m×n) by one-sided Jacobi on the taller orientation; S descending; U m×k, Vt k×n, k = min(m, n). */
export function jacobiSvd(A: MatrixInput, maxSweeps = 60): JacobiSVD {
  const M = asMatrix(A, "A");
  requireAllFinite("jacobiSvd: A", M.data);
  const [m0, n0] = M.shape;
  const wide = n0 > m0;
  // Work on B = A (m ≥ n) or Aᵀ; keep columns of B as rows of bt (contiguous), and V's columns as rows of vt.
  const m = wide ? n0 : m0;
  const n = wide ? m0 : n0;
  const bt = new Float64Array(n * m); // bt[j*m + i] = B_ij
  for (let i = 0; i < m0; i++)
    for (let j = 0; j < n0; j++) {
      if (wide) bt[i * n0 + j] = M.data[i * n0 + j];
      else bt[j * m0 + i] = M.data[i * n0 + j];
    }
  const vt = new Float64Array(n * n);
  for (let i = 0; i < n; i++) vt[i * n + i] = 1;
  for (let sweep = 0; sweep < maxSweeps; sweep++) {
    let rotated = false;
    for (let p = 0; p < n - 1; p++) {
      for (let q = p + 1; q < n; q++) {
        let alpha = 0;
        let beta = 0;
        let gamma = 0;
        const op = p * m;
        const oq = q * m;
        for (let i = 0; i < m; i++) {
          const x = bt[op + i];
          const y = bt[oq + i];
          alpha += x * x;
          beta += y * y;
          gamma += x * y;
        }
        if (gamma === 0 || Math.abs(gamma) <= 1e-15 * Math.sqrt(alpha * beta)) continue;
        rotated = true;
        const zeta = (beta - alpha) / (2 * gamma);
        const t = Math.sign(zeta || 1) / (Math.abs(zeta) + Math.sqrt(1 + zeta * zeta));
        const c = 1 / Math.sqrt(1 + t * t);
        const s = c * t;
        for (let i = 0; i < m; i++) {
          const x = bt[op + i];
          const y = bt[oq + i];
          bt[op + i] = c * x - s * y;
          bt[oq + i] = s * x + c * y;
        }
        for (let i = 0; i < n; i++) {
          const x = vt[p * n + i];
          const y = vt[q * n + i];
          vt[p * n + i] = c * x - s * y;
          vt[q * n + i] = s * x + c * y;
        }
      }
    }
    if (!rotated) break;
  }
  const norms = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    let s = 0;
    for (let i = 0; i < m; i++) s += bt[j * m + i] * bt[j * m + i];
    norms[j] = Math.sqrt(s);
  }
  const order = Array.from({ length: n }, (_, j) => j).sort((a, b) => norms[b] - norms[a]);
  const S = new Float64Array(n);
  const Ub = new Float64Array(m * n); // B's left vectors, m×n
  const Vb = new Float64Array(n * n); // B's right vectors as rows (Vbᵀ), n×n
  order.forEach((j, k) => {
    S[k] = norms[j];
    for (let i = 0; i < m; i++) Ub[i * n + k] = norms[j] > 0 ? bt[j * m + i] / norms[j] : 0;
    for (let i = 0; i < n; i++) Vb[k * n + i] = vt[j * n + i];
  });
  if (!wide) return { U: fromFloat64(Ub, m, n), S, Vt: fromFloat64(Vb, n, n) };
  // A = Bᵀ = V Σ Uᵀ: U_A = V_B (n×n) and Vt_A = U_Bᵀ (n×m).
  const UA = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let k = 0; k < n; k++) UA[i * n + k] = Vb[k * n + i];
  const VtA = new Float64Array(n * m);
  for (let k = 0; k < n; k++) for (let i = 0; i < m; i++) VtA[k * m + i] = Ub[i * n + k];
  return { U: fromFloat64(UA, n, n), S, Vt: fromFloat64(VtA, n, m) };
}
