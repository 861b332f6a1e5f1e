/**
 * The recursive panel factorisation of the blocked QR (qrPanel.ts) against the one-reflection-at-a-time QR,
 * and its T against the reflections applied one by one: H₀ ⋯ H_{w−1} = I − V T Vᵀ. Awkward sizes: 1×1, one
 * column, widths that split unevenly, square panels, rank-deficient panels.
 */
import { describe, expect, test } from "vitest";
import { randomGenerator } from "../../src/index";
import { factorPanel } from "../../src/linalg/qrPanel";
import { householderQR, householderQRBlocked, formQ, formQBlocked } from "../../src/linalg/qr";
import { applyHouseholderLeft } from "../../src/linalg/householder";
import { setMatvecWasm } from "../../src/linalg/matvec";

function maxAbs(a: Float64Array): number {
  let d = 0;
  for (const x of a) d = Math.max(d, Math.abs(x));
  return d;
}

function maxDiff(a: Float64Array, b: Float64Array): number {
  let d = 0;
  for (let i = 0; i < a.length; i++) d = Math.max(d, Math.abs(a[i] - b[i]));
  return d;
}

/** The entries on and above the diagonal of a row-major rows×w array (R), zeros elsewhere. */
function upper(a: Float64Array, rows: number, w: number): Float64Array {
  const r = new Float64Array(rows * w);
  for (let i = 0; i < Math.min(rows, w); i++) for (let j = i; j < w; j++) r[i * w + j] = a[i * w + j];
  return r;
}

/** A rows×w panel: Gaussian, or of rank `rank` (products of Gaussian rows×rank and rank×w factors). */
function panel(seed: number, rows: number, w: number, rank = Math.min(rows, w)): Float64Array {
  const rng = randomGenerator(seed);
  if (rank === Math.min(rows, w)) return rng.normalArray(rows * w);
  const x = rng.normalArray(rows * rank);
  const y = rng.normalArray(rank * w);
  const p = new Float64Array(rows * w);
  for (let i = 0; i < rows; i++) for (let l = 0; l < rank; l++) for (let j = 0; j < w; j++) p[i * w + j] += x[i * rank + l] * y[l * w + j];
  return p;
}

describe("recursive panel factorisation", () => {
  const cases: [number, number, number?][] = [[1, 1], [7, 1], [5, 5], [40, 3], [100, 9], [100, 33], [64, 64], [300, 64], [257, 50], [90, 40, 5], [80, 64, 0]];
  for (const [rows, w, rank] of cases) {
    test(`${rows}×${w}${rank !== undefined ? `, rank ${rank}` : ""}: the R, v_j and τ_j of the unblocked QR, and I − V T Vᵀ = H₀ ⋯ H_{w−1}`, () => {
      const p0 = panel(rows * 1000 + w, rows, w, rank);
      const scale = Math.max(1, maxAbs(p0));
      const ref = householderQR(p0.slice(), rows, w);
      const p = p0.slice();
      const tau = new Float64Array(w);
      const v = new Float64Array(rows * w);
      const t = new Float64Array(w * w);
      factorPanel(p, rows, w, tau, 0, v, t);
      // Past the rank the reflectors are made from rounding errors and differ; R (tiny there) still agrees.
      expect(maxDiff(upper(p, rows, w), upper(ref.a, rows, w))).toBeLessThan(1e-12 * scale * Math.sqrt(rows));
      if (rank === undefined) {
        expect(maxDiff(tau, ref.tau)).toBeLessThan(1e-13);
        expect(maxDiff(p, ref.a)).toBeLessThan(1e-12 * scale * Math.sqrt(rows));
      }
      // V: ones on the diagonal, zeros above, the stored v_j below
      let wrong = 0;
      for (let i = 0; i < rows; i++) {
        for (let j = 0; j < w; j++) {
          if (v[i * w + j] !== (i < j ? 0 : i === j ? 1 : p[i * w + j])) wrong++;
          if (i > j && i < w && t[i * w + j] !== 0) wrong++; // T upper triangular
        }
      }
      expect(wrong).toBe(0);
      // (I − V T Vᵀ) X against H₀(H₁(⋯ H_{w−1} X)) for a random X
      const cols = 3;
      const x = randomGenerator(1).normalArray(rows * cols);
      const byReflections = x.slice();
      const work = new Float64Array(cols);
      for (let j = w - 1; j >= 0; j--) applyHouseholderLeft(byReflections, cols, j, rows - j, 0, cols, v, j * w + j, w, tau[j], work);
      const vtx = new Float64Array(w * cols); // Vᵀ X
      for (let i = 0; i < rows; i++) for (let j = 0; j < w; j++) for (let c = 0; c < cols; c++) vtx[j * cols + c] += v[i * w + j] * x[i * cols + c];
      const tvtx = new Float64Array(w * cols); // T Vᵀ X
      for (let i = 0; i < w; i++) for (let j = 0; j < w; j++) for (let c = 0; c < cols; c++) tvtx[i * cols + c] += t[i * w + j] * vtx[j * cols + c];
      const byBlock = x.slice();
      for (let i = 0; i < rows; i++) for (let j = 0; j < w; j++) for (let c = 0; c < cols; c++) byBlock[i * cols + c] -= v[i * w + j] * tvtx[j * cols + c];
      expect(maxDiff(byBlock, byReflections)).toBeLessThan(1e-12 * Math.sqrt(rows));
    });
  }
});

describe("blocked QR with recursive panels", () => {
  // n not a multiple of the block size, tall, wide, one block and a bit, rank-deficient
  const cases: [number, number, number?][] = [[300, 130], [130, 300], [97, 97], [200, 199], [180, 150, 20]];
  for (const [m, n, rank] of cases) {
    test(`${m}×${n}${rank !== undefined ? `, rank ${rank}` : ""}: R, τ and Q (reduced and complete) of the unblocked QR`, () => {
      const a0 = panel(m + 7 * n, m, n, rank);
      const scale = Math.max(1, maxAbs(a0));
      const k = Math.min(m, n);
      const fu = householderQR(a0.slice(), m, n);
      const fb = householderQRBlocked(a0.slice(), m, n);
      const r = upper(fb.a, m, n);
      expect(maxDiff(r, upper(fu.a, m, n))).toBeLessThan(1e-11 * scale);
      for (const cols of [k, m]) {
        // Q (reduced: m×k, complete: m×m) has orthonormal columns and Q R = A
        const q = formQBlocked(fb, cols);
        let orthogonality = 0;
        for (let i = 0; i < cols; i++) {
          for (let j = 0; j < cols; j++) {
            let s = 0;
            for (let l = 0; l < m; l++) s += q[l * cols + i] * q[l * cols + j];
            orthogonality = Math.max(orthogonality, Math.abs(s - (i === j ? 1 : 0)));
          }
        }
        expect(orthogonality).toBeLessThan(1e-13);
        const qr = new Float64Array(m * n);
        for (let i = 0; i < m; i++) for (let l = 0; l < k; l++) for (let j = 0; j < n; j++) qr[i * n + j] += q[i * cols + l] * r[l * n + j];
        expect(maxDiff(qr, a0)).toBeLessThan(1e-13 * scale * Math.sqrt(m));
        if (rank === undefined) expect(maxDiff(q, formQ(fu, cols))).toBeLessThan(1e-12);
      }
      if (rank === undefined) expect(maxDiff(fb.tau, fu.tau)).toBeLessThan(1e-12);
    });
  }
});

describe("the panel's row updates in WebAssembly (matvec-kernel.wat)", () => {
  // odd and even row counts (the kernel does two rows at a time) and widths (two columns at a time)
  for (const [m, n] of [[201, 131], [250, 250], [131, 97], [100, 300]]) {
    test(`${m}×${n}: the R, τ and Q of the TypeScript row updates, to rounding`, () => {
      const a0 = panel(m * 3 + n, m, n);
      const k = Math.min(m, n);
      setMatvecWasm(false);
      const fs = householderQRBlocked(a0.slice(), m, n);
      const qs = formQBlocked(fs, k);
      setMatvecWasm(true);
      const fw = householderQRBlocked(a0.slice(), m, n);
      const qw = formQBlocked(fw, k);
      expect(maxDiff(fw.tau, fs.tau)).toBeLessThan(1e-13);
      expect(maxDiff(fw.a, fs.a)).toBeLessThan(1e-12 * Math.sqrt(m));
      expect(maxDiff(qw, qs)).toBeLessThan(1e-13);
    });
  }
});

describe("reflections of very large and very small columns", () => {
  // Squares beyond 1e±280 send makeHouseholder to its scaled path. (Much further, 1e±200, the one-pass
  // update's products x_i·a_ic themselves would over- or underflow.)
  for (const scale of [1e150, 1e-150, 1e-143]) {
    for (const [m, n] of [[40, 30], [150, 120]]) {
      test(`${m}×${n} scaled by ${scale}: the R of the unscaled matrix, scaled, and the same Q`, () => {
        const a0 = panel(m + n, m, n);
        const f1 = householderQR(a0.slice(), m, n);
        const scaled = a0.map((x) => x * scale);
        const f2 = (n >= 96 ? householderQRBlocked : householderQR)(scaled, m, n);
        const r1 = upper(f1.a, m, n);
        const r2 = upper(f2.a, m, n).map((x) => x / scale);
        expect(r2.every(Number.isFinite)).toBe(true);
        expect(maxDiff(r2, r1)).toBeLessThan(1e-12);
        const k = Math.min(m, n);
        const q2 = n >= 96 ? formQBlocked(f2, k) : formQ(f2, k);
        expect(maxDiff(q2, formQ(f1, k))).toBeLessThan(1e-12);
      });
    }
  }
});
