import { describe, expect, test } from "vitest";
import fc from "fast-check";
import { svd, svdvals, jacobiSvd, matrix, matmul, diag, frobeniusNorm, randomGenerator, zeros, eye, transpose, eigvalsh, matmulTN } from "../../src/index";
import { gaussian, graded, maxAbsDiff, orthogonalityError, withSingularValues } from "./helpers";

function reconstruct(r: ReturnType<typeof svd>) {
  return matmul(matmul(r.U, diag(r.S)), r.Vt);
}

describe("svd / svdvals", () => {
  test("exact small cases", () => {
    expect(Array.from(svdvals(matrix([[3, 0], [0, -4]])))).toEqual([4, 3]);
    // Rank one: u vᵀ has the single singular value ‖u‖‖v‖.
    const r1 = svdvals(matrix([[1, 2], [2, 4], [3, 6]]));
    expect(r1[0]).toBeCloseTo(Math.sqrt(14) * Math.sqrt(5), 13);
    expect(r1[1]).toBeLessThan(4 * 2 ** -52 * r1[0]); // zero up to ε‖A‖
    // [[1, 1], [0, 1]]: σ = φ and 1/φ.
    const g = svdvals(matrix([[1, 1], [0, 1]]));
    expect(g[0]).toBeCloseTo((1 + Math.sqrt(5)) / 2, 14);
    expect(g[1]).toBeCloseTo((Math.sqrt(5) - 1) / 2, 14);
    // A row vector.
    expect(svdvals(matrix([[3, 4]]))[0]).toBeCloseTo(5, 14);
  });

  test("shapes: thin factors for tall, wide, empty and 1×1 matrices", () => {
    const rng = randomGenerator(2);
    const tall = svd(gaussian(rng, 8, 3));
    expect([tall.U.shape, tall.S.length, tall.Vt.shape]).toEqual([[8, 3], 3, [3, 3]]);
    const wide = svd(gaussian(rng, 3, 8));
    expect([wide.U.shape, wide.S.length, wide.Vt.shape]).toEqual([[3, 3], 3, [3, 8]]);
    const empty = svd(zeros(0, 4));
    expect([empty.U.shape, empty.S.length, empty.Vt.shape]).toEqual([[0, 0], 0, [0, 4]]);
    expect(svdvals(zeros(5, 0)).length).toBe(0);
    const one = svd(matrix([[-2]]));
    expect(one.S[0]).toBe(2);
    expect(one.U.get(0, 0) * one.Vt.get(0, 0)).toBe(-1);
    // The zero matrix: all σ = 0 and still orthonormal factors.
    const z = svd(zeros(4, 3));
    expect(Array.from(z.S)).toEqual([0, 0, 0]);
    expect(orthogonalityError(z.U)).toBeLessThan(1e-15);
    expect(orthogonalityError(transpose(z.Vt))).toBeLessThan(1e-15);
  });

  test("non-finite input is rejected", () => {
    expect(() => svd(matrix([[1, 2], [Infinity, 0]]))).toThrow(/svd: A must contain only finite numbers.*entry 2/);
    expect(() => svdvals(matrix([[NaN]]))).toThrow(/finite/);
  });

  test("property: A = U Σ Vᵀ with orthonormal U, V and Σ descending, non-negative, equal to svdvals", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 35 }), fc.integer({ min: 1, max: 35 }), fc.nat(1e6), (m, n, seed) => {
        const A = gaussian(randomGenerator(seed), m, n);
        const r = svd(A);
        const norm = frobeniusNorm(A);
        const size = Math.max(m, n);
        expect(maxAbsDiff(reconstruct(r), A)).toBeLessThanOrEqual(1e-10 * size * norm);
        expect(orthogonalityError(r.U)).toBeLessThanOrEqual(1e-10 * size);
        expect(orthogonalityError(transpose(r.Vt))).toBeLessThanOrEqual(1e-10 * size);
        const s = svdvals(A);
        for (let i = 0; i < r.S.length; i++) {
          expect(r.S[i]).toBeGreaterThanOrEqual(0);
          if (i > 0) expect(r.S[i]).toBeLessThanOrEqual(r.S[i - 1]);
          expect(Math.abs(s[i] - r.S[i])).toBeLessThanOrEqual(1e-12 * size * norm);
        }
        // σ² are the eigenvalues of AᵀA (the smaller Gram matrix).
        const gramEigs = Array.from(eigvalsh(m >= n ? matmulTN(A, A) : matmulTN(transpose(A), transpose(A)))).reverse();
        gramEigs.forEach((l, i) => expect(Math.abs(s[i] * s[i] - l)).toBeLessThanOrEqual(1e-11 * size * norm * norm));
      }),
      { numRuns: 40 },
    );
  });

  test("agrees with one-sided Jacobi (an independent algorithm) on random matrices", () => {
    const rng = randomGenerator(7);
    for (const [m, n] of [[30, 20], [20, 30], [25, 25]]) {
      const A = gaussian(rng, m, n);
      const want = jacobiSvd(A).S;
      const got = svdvals(A);
      want.forEach((v, i) => expect(Math.abs(got[i] - v)).toBeLessThan(1e-13 * 30 * want[0]));
    }
  });

  test("ill-conditioned: σ from 1 down to 1e-12 are recovered to ~ε‖A‖ (the Gram-matrix route could not)", () => {
    for (const [m, n] of [[40, 30], [30, 40]]) {
      const k = Math.min(m, n);
      const want = graded(k, 1e-12);
      const A = withSingularValues(17, m, n, want);
      const r = svd(A);
      const norm = frobeniusNorm(A);
      expect(maxAbsDiff(reconstruct(r), A)).toBeLessThan(1e-10 * Math.max(m, n) * norm);
      expect(orthogonalityError(r.U)).toBeLessThan(1e-10 * Math.max(m, n));
      expect(orthogonalityError(transpose(r.Vt))).toBeLessThan(1e-10 * Math.max(m, n));
      const s = svdvals(A);
      // Absolute error of order ε‖A‖: the smallest values (1e-12) keep about 3 correct digits and more.
      want.forEach((v, i) => expect(Math.abs(s[i] - v)).toBeLessThan(1e-14 * Math.max(m, n)));
      expect(Math.abs(s[k - 1] - 1e-12) / 1e-12).toBeLessThan(0.05);
      // The same from the Gram matrix AᵀA: eigenvalues near ε‖A‖² swamp σ² = 1e-24.
      const viaGram = Math.sqrt(Math.abs(eigvalsh(m >= n ? matmulTN(A, A) : matmulTN(transpose(A), transpose(A)))[0]));
      expect(Math.abs(viaGram - 1e-12) / 1e-12).toBeGreaterThan(10);
    }
  });

  test("rank-deficient and repeated singular values", () => {
    const n = 20;
    const want = [...new Array(5).fill(2), ...new Array(10).fill(1), ...new Array(5).fill(0)];
    const A = withSingularValues(23, n + 5, n, want);
    const r = svd(A);
    expect(maxAbsDiff(reconstruct(r), A)).toBeLessThan(1e-10 * n * frobeniusNorm(A));
    expect(orthogonalityError(r.U)).toBeLessThan(1e-10 * n);
    expect(orthogonalityError(transpose(r.Vt))).toBeLessThan(1e-10 * n);
    want.forEach((v, i) => expect(Math.abs(r.S[i] - v)).toBeLessThan(1e-13 * n));
    expect(Array.from(svdvals(eye(6)))).toEqual([1, 1, 1, 1, 1, 1]);
  });
});
