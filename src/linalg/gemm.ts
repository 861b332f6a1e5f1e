/**
 * The general matrix product on raw row-major Float64Arrays, the kernel under every `matmul`:
 *
 *   C ← α · op(A) · op(B) + β · C,   op(A) is m×k, op(B) is k×n, C is m×n,
 *
 * where op(A) = A (stored m×k) or Aᵀ (A stored k×m) when `transA`, and likewise for B.
 * Backprop needs AᵀB and ABᵀ as often as AB, so the transposes are read in place, never materialized.
 *
 * (First version: plain loops. To be replaced by the packed, blocked kernel; the signature stays.)
 */
export function gemm(
  transA: boolean,
  transB: boolean,
  m: number,
  n: number,
  k: number,
  alpha: number,
  a: Float64Array,
  b: Float64Array,
  beta: number,
  c: Float64Array,
): void {
  if (beta !== 1) for (let i = 0; i < m * n; i++) c[i] = beta === 0 ? 0 : beta * c[i];
  for (let i = 0; i < m; i++) {
    for (let p = 0; p < k; p++) {
      const aip = alpha * (transA ? a[p * m + i] : a[i * k + p]);
      if (aip === 0) continue;
      const ci = i * n;
      if (transB) for (let j = 0; j < n; j++) c[ci + j] += aip * b[j * k + p];
      else {
        const bp = p * n;
        for (let j = 0; j < n; j++) c[ci + j] += aip * b[bp + j];
      }
    }
  }
}
