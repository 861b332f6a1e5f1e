/** Shared helpers for the linear-algebra tests: reference products, error measures, test matrices. */
import { fromFloat64, Matrix, qr, matmul, diag, randomGenerator, RandomGenerator } from "../../src/index";

/** The plain triple-loop product, the reference the fast kernels are checked against. */
export function naiveMatmul(A: Matrix, B: Matrix): Matrix {
  const [m, k] = A.shape;
  const n = B.shape[1];
  const c = new Float64Array(m * n);
  for (let i = 0; i < m; i++)
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let p = 0; p < k; p++) s += A.get(i, p) * B.get(p, j);
      c[i * n + j] = s;
    }
  return fromFloat64(c, m, n);
}

/** max_ij |A_ij − B_ij| (shapes must agree). */
export function maxAbsDiff(A: Matrix, B: Matrix): number {
  if (A.shape[0] !== B.shape[0] || A.shape[1] !== B.shape[1]) throw new Error(`shapes ${A.shape} vs ${B.shape}`);
  let d = 0;
  for (let i = 0; i < A.shape[0]; i++) for (let j = 0; j < A.shape[1]; j++) d = Math.max(d, Math.abs(A.get(i, j) - B.get(i, j)));
  return d;
}

/** ‖QᵀQ − I‖_max for a matrix with (supposedly) orthonormal columns. */
export function orthogonalityError(Q: Matrix): number {
  const [m, k] = Q.shape;
  let d = 0;
  for (let i = 0; i < k; i++)
    for (let j = 0; j < k; j++) {
      let s = 0;
      for (let r = 0; r < m; r++) s += Q.get(r, i) * Q.get(r, j);
      d = Math.max(d, Math.abs(s - (i === j ? 1 : 0)));
    }
  return d;
}

export function gaussian(rng: RandomGenerator, m: number, n: number): Matrix {
  return fromFloat64(rng.normalArray(m * n), m, n);
}

/** A random m×n matrix with prescribed singular values s (length min(m, n)): U diag(s) Vᵀ with random orthogonal U, V. */
export function withSingularValues(seed: number, m: number, n: number, s: number[]): Matrix {
  const rng = randomGenerator(seed);
  const k = Math.min(m, n);
  const U = qr(gaussian(rng, m, k)).Q; // m×k
  const V = qr(gaussian(rng, n, k)).Q; // n×k
  const US = matmul(U, diag(Float64Array.from(s)));
  const c = new Float64Array(m * n);
  for (let i = 0; i < m; i++)
    for (let j = 0; j < n; j++) {
      let t = 0;
      for (let p = 0; p < k; p++) t += US.get(i, p) * V.get(j, p);
      c[i * n + j] = t;
    }
  return fromFloat64(c, m, n);
}

/** Geometrically graded values from 1 down to `smallest` (condition number 1/smallest). */
export function graded(k: number, smallest: number): number[] {
  return Array.from({ length: k }, (_, i) => (k === 1 ? 1 : Math.pow(smallest, i / (k - 1))));
}
