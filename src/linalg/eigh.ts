/**
 * The symmetric eigenproblem: A = Z Λ Zᵀ with Λ = diag(λ₁ ≤ … ≤ λ_n) real and Z orthogonal, so A z_i = λ_i z_i.
 * Householder tridiagonalisation (in blocks for big matrices, tridiagonalBlocked.ts) followed by implicit QL
 * (see tridiagonal.ts). Only the lower triangle of A is
 * used, after checking that A is symmetric up to rounding.
 */
import { fromFloat64, matrixCopy, Matrix, MatrixInput } from "./matrix";
import { tridiagonalize, tridiagonalQL, tridiagonalQTransposed } from "./tridiagonal";
import { tridiagonalizeBlocked, tridiagonalQTransposedBlocked } from "./tridiagonalBlocked";
import { requireAllFinite, formatShape } from "../util/errors";

/** From this order on, the blocked tridiagonalisation (tridiagonalBlocked.ts) is faster. */
const BLOCKED_FROM = 400;

export interface Eigh {
  /** The eigenvalues λ₁ ≤ λ₂ ≤ … ≤ λ_n, ascending. */
  values: Float64Array;
  /** n×n, orthonormal columns: column i is the eigenvector of values[i]. */
  vectors: Matrix;
}

/** Checks that A is square, finite and symmetric up to rounding; returns a copy of its data. */
function symmetricData(A: MatrixInput, where: string): { data: Float64Array; n: number } {
  const M = matrixCopy(A, "A"); // one copy, read from A in place even when A is a strided view
  const [n, c] = M.shape;
  if (n !== c) throw new RangeError(`${where}: A must be square, got shape ${formatShape(M.shape)}`);
  requireAllFinite(`${where}: A`, M.data);
  const data = M.data;
  let big = 0;
  for (let i = 0; i < data.length; i++) big = Math.max(big, Math.abs(data[i]));
  // A_ij against A_ji in 32×32 tiles (both stay in cache), every pair i > j once
  const T = 32;
  for (let i0 = 0; i0 < n; i0 += T)
    for (let j0 = 0; j0 <= i0; j0 += T)
      for (let i = i0; i < Math.min(n, i0 + T); i++)
        for (let j = j0; j < Math.min(i, j0 + T); j++) {
          const diff = Math.abs(data[i * n + j] - data[j * n + i]);
          if (diff > 1e-8 * big) {
            throw new RangeError(
              `${where}: A must be symmetric, but A[${i}, ${j}] = ${data[i * n + j]} and A[${j}, ${i}] = ${data[j * n + i]}`,
            );
          }
        }
  return { data, n };
}

/** The eigenvalues of the symmetric matrix A, ascending (no eigenvectors: faster than `eigh`). */
export function eigvalsh(A: MatrixInput): Float64Array {
  const { data, n } = symmetricData(A, "eigvalsh");
  const t = n >= BLOCKED_FROM ? tridiagonalizeBlocked(data, n, false) : tridiagonalize(data, n);
  tridiagonalQL(t.d, t.e);
  return t.d.sort();
}

/**
 * The eigen-decomposition of the symmetric matrix A: `values` ascending and `vectors` with orthonormal columns,
 * A · vectors[:, i] = values[i] · vectors[:, i].
 *
 * ```ts
 * const { values, vectors } = eigh(matrix([[2, 1], [1, 2]]));   // values = [1, 3]
 * ```
 */
export function eigh(A: MatrixInput): Eigh {
  const { data, n } = symmetricData(A, "eigh");
  const blocked = n >= BLOCKED_FROM;
  const t = blocked ? tridiagonalizeBlocked(data, n) : tridiagonalize(data, n);
  const zt = blocked ? tridiagonalQTransposedBlocked(t) : tridiagonalQTransposed(t);
  tridiagonalQL(t.d, t.e, zt);
  const order = Array.from({ length: n }, (_, i) => i).sort((i, j) => t.d[i] - t.d[j]);
  const values = new Float64Array(n);
  const vectors = new Float64Array(n * n);
  order.forEach((src, col) => {
    values[col] = t.d[src];
    for (let r = 0; r < n; r++) vectors[r * n + col] = zt[src * n + r];
  });
  return { values, vectors: fromFloat64(vectors, n, n) };
}
