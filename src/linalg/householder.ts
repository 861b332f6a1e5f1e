/**
 * Householder reflections, the building block of QR, tridiagonalisation and bidiagonalisation.
 *
 * A reflection H = I − τ v vᵀ (with v₀ = 1) maps a vector x to (β, 0, …, 0)ᵀ, β = −sign(x₀)·‖x‖, choosing the
 * sign that avoids cancellation. H is symmetric and orthogonal (HᵀH = I) when τ = 2 / vᵀv.
 * These helpers work in place on raw row-major Float64Arrays.
 */

/**
 * Computes the reflection that zeroes x[1..] where x = (data[off + i·step], i = 0 … len−1).
 * On return x holds (β, v₁, …, v_{len−1}) (v₀ = 1 implicit) and the function returns τ (0 when x is already
 * of the form (β, 0, …, 0), in which case H = I).
 */
export function makeHouseholder(data: Float64Array, off: number, step: number, len: number): number {
  if (len <= 1) return 0;
  const x0 = data[off];
  let tail = 0; // Σ_{i≥1} x_i²
  for (let i = 1; i < len; i++) tail += data[off + i * step] * data[off + i * step];
  let norm: number;
  if (tail > 1e-280 && tail < 1e280 && Math.abs(x0) < 1e140) norm = Math.sqrt(x0 * x0 + tail);
  else {
    // Squares that may under- or overflow: the norm of x / big, times big (one more pass).
    let big = 0;
    for (let i = 1; i < len; i++) big = Math.max(big, Math.abs(data[off + i * step]));
    if (big === 0) return 0;
    big = Math.max(big, Math.abs(x0));
    let s = 0;
    for (let i = 0; i < len; i++) {
      const t = data[off + i * step] / big;
      s += t * t;
    }
    norm = big * Math.sqrt(s);
  }
  const beta = x0 >= 0 ? -norm : norm;
  const v0 = x0 - beta;
  const inv = 1 / v0;
  for (let i = 1; i < len; i++) data[off + i * step] *= inv;
  data[off] = beta;
  return (beta - x0) / beta; // τ = 2 / vᵀv with v = (1, x₁/v₀, …)
}

/**
 * Applies H = I − τ v vᵀ from the left to the block of rows r0 … r0+len−1, columns c0 … c1−1 of the
 * row-major matrix `a` (row length `ld`): B ← B − τ v (vᵀ B). `v` is read from `vData[vOff + i·vStep]`
 * for i ≥ 1 (v₀ = 1). `work` must hold at least c1 − c0 numbers.
 */
export function applyHouseholderLeft(
  a: Float64Array,
  ld: number,
  r0: number,
  len: number,
  c0: number,
  c1: number,
  vData: Float64Array,
  vOff: number,
  vStep: number,
  tau: number,
  work: Float64Array,
): void {
  if (tau === 0 || c1 <= c0) return;
  const w = c1 - c0;
  // work = vᵀ B, accumulated row by row (contiguous reads).
  let base = r0 * ld + c0;
  for (let j = 0; j < w; j++) work[j] = a[base + j];
  for (let i = 1; i < len; i++) {
    const vi = vData[vOff + i * vStep];
    if (vi === 0) continue;
    base = (r0 + i) * ld + c0;
    for (let j = 0; j < w; j++) work[j] += vi * a[base + j];
  }
  for (let j = 0; j < w; j++) work[j] *= tau;
  base = r0 * ld + c0;
  for (let j = 0; j < w; j++) a[base + j] -= work[j];
  for (let i = 1; i < len; i++) {
    const vi = vData[vOff + i * vStep];
    if (vi === 0) continue;
    base = (r0 + i) * ld + c0;
    for (let j = 0; j < w; j++) a[base + j] -= vi * work[j];
  }
}
