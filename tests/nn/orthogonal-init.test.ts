import { describe, expect, it } from "vitest";
import { orthogonalInit } from "../../src/nn/index";
import { randomGenerator } from "../../src/random/index";

/** Max |(A Aᵀ)_ij − c δ_ij| for A given row-major r×c (rows) or its transpose (columns). */
function gramError(w: Float64Array, rows: number, cols: number, byRows: boolean, c: number): number {
  const [k, len] = byRows ? [rows, cols] : [cols, rows];
  const at = (a: number, t: number) => (byRows ? w[a * cols + t] : w[t * cols + a]);
  let worst = 0;
  for (let a = 0; a < k; a++) {
    for (let b = 0; b < k; b++) {
      let s = 0;
      for (let t = 0; t < len; t++) s += at(a, t) * at(b, t);
      worst = Math.max(worst, Math.abs(s - (a === b ? c : 0)));
    }
  }
  return worst;
}

describe("orthogonalInit: a Haar matrix cut to n_out × n_in, sampled from a reduced QR", () => {
  it("orthonormal rows (wide) and columns (tall and square), scaled by σ_w", () => {
    const rng = randomGenerator(3);
    expect(gramError(orthogonalInit(1.5).weight(5, 12, rng), 5, 12, true, 2.25)).toBeLessThan(1e-12);
    expect(gramError(orthogonalInit(0.7).weight(12, 5, rng), 12, 5, false, 0.49)).toBeLessThan(1e-12);
    expect(gramError(orthogonalInit(1).weight(9, 9, rng), 9, 9, false, 1)).toBeLessThan(1e-12);
    expect(gramError(orthogonalInit(1).weight(784, 24, rng), 784, 24, false, 1)).toBeLessThan(1e-11);
  });
  it("entries have the Haar law's first two moments: mean 0 (no QR sign bias), E W_ij² = 1/n, uncorrelated", () => {
    const rng = randomGenerator(4);
    const draws = 4000;
    for (const [nOut, nIn] of [[3, 6], [6, 3]]) {
      const n = Math.max(nOut, nIn);
      const sums = { w00: 0, w00sq: 0, w11: 0, w00w11: 0 };
      for (let d = 0; d < draws; d++) {
        const w = orthogonalInit(1).weight(nOut, nIn, rng);
        const [a, b] = [w[0], w[nIn + 1]];
        sums.w00 += a;
        sums.w00sq += a * a;
        sums.w11 += b;
        sums.w00w11 += a * b;
      }
      const se = Math.sqrt(1 / n / draws); // standard error of a mean of entries with variance 1/n
      expect(Math.abs(sums.w00 / draws)).toBeLessThan(4 * se); // a naive QR gives E W_00 < 0
      expect(Math.abs(sums.w11 / draws)).toBeLessThan(4 * se);
      expect(sums.w00sq / draws).toBeCloseTo(1 / n, 2);
      expect(Math.abs(sums.w00w11 / draws)).toBeLessThan(4 / n / Math.sqrt(draws));
    }
  });
});
