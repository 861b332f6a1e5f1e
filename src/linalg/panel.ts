/**
 * Matrix–vector products with the thin panels of the blocked reductions (tridiagonalBlocked.ts,
 * bidiagonalBlocked.ts): a row-major array P whose row r holds the block's reflectors and update vectors at
 * global row r (entry (r, j) at p[(r − first)·ld + j]), of which only the first `width` columns are filled yet.
 * Four rows at a time: four independent sums keep the processor busy and share the loads of the vector.
 */

/** out[r] = Σ_{j<width} P[r, j] q_j for rows r0 … r1−1. */
export function panelTimesVector(p: Float64Array, ld: number, first: number, r0: number, r1: number, q: Float64Array, width: number, out: Float64Array): void {
  let r = r0;
  for (; r + 3 < r1; r += 4) {
    const o = (r - first) * ld;
    let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
    for (let j = 0; j < width; j++) {
      const qj = q[j];
      s0 += p[o + j] * qj;
      s1 += p[o + ld + j] * qj;
      s2 += p[o + 2 * ld + j] * qj;
      s3 += p[o + 3 * ld + j] * qj;
    }
    out[r] = s0;
    out[r + 1] = s1;
    out[r + 2] = s2;
    out[r + 3] = s3;
  }
  for (; r < r1; r++) {
    const o = (r - first) * ld;
    let s = 0;
    for (let j = 0; j < width; j++) s += p[o + j] * q[j];
    out[r] = s;
  }
}

/** t_j = Σ_r P[r, j] x_r for j < width, over rows r0 … r1−1 (x indexed by global row). */
export function panelTransposedTimesVector(p: Float64Array, ld: number, first: number, r0: number, r1: number, x: Float64Array, width: number, t: Float64Array): void {
  t.fill(0, 0, width);
  let r = r0;
  for (; r + 3 < r1; r += 4) {
    const o = (r - first) * ld;
    const x0 = x[r], x1 = x[r + 1], x2 = x[r + 2], x3 = x[r + 3];
    for (let j = 0; j < width; j++) t[j] += p[o + j] * x0 + p[o + ld + j] * x1 + p[o + 2 * ld + j] * x2 + p[o + 3 * ld + j] * x3;
  }
  for (; r < r1; r++) {
    const o = (r - first) * ld;
    const xr = x[r];
    for (let j = 0; j < width; j++) t[j] += p[o + j] * xr;
  }
}
