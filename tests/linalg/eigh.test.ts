import { describe, expect, test } from "vitest";
import fc from "fast-check";
import {
  eigh, eigvalsh, matrix, matmul, diag, frobeniusNorm, randomGenerator, zeros, eye, jacobiSvd, matmulTN, fromFloat64,
  transpose, add,
} from "../../src/index";
import { gaussian, graded, maxAbsDiff, orthogonalityError, withSingularValues } from "./helpers";

function symmetricGaussian(seed: number, n: number) {
  const G = gaussian(randomGenerator(seed), n, n);
  return add(G, transpose(G));
}

describe("eigh / eigvalsh", () => {
  test("exact small cases", () => {
    const { values, vectors } = eigh(matrix([[2, 1], [1, 2]]));
    expect(values[0]).toBeCloseTo(1, 14);
    expect(values[1]).toBeCloseTo(3, 14);
    expect(Math.abs(vectors.get(0, 1))).toBeCloseTo(Math.SQRT1_2, 14);
    expect(vectors.get(0, 1) * vectors.get(1, 1)).toBeGreaterThan(0); // (1, 1)/√2 up to sign
    expect(Array.from(eigvalsh(diag([3, -1, 2])))).toEqual([-1, 2, 3]);
    // The path graph's Laplacian tridiag(−1, 2, −1), n = 6: λ_k = 2 − 2 cos(kπ/7).
    const n = 6;
    const L = zeros(n, n);
    for (let i = 0; i < n; i++) {
      L.set(i, i, 2);
      if (i > 0) L.set(i, i - 1, -1);
      if (i > 0) L.set(i - 1, i, -1);
    }
    const want = Array.from({ length: n }, (_, k) => 2 - 2 * Math.cos(((k + 1) * Math.PI) / (n + 1)));
    eigvalsh(L).forEach((v, i) => expect(v).toBeCloseTo(want[i], 13));
  });

  test("empty, 1×1, identity (fully degenerate)", () => {
    expect(eigvalsh(zeros(0, 0)).length).toBe(0);
    expect(eigh(zeros(0, 0)).vectors.shape).toEqual([0, 0]);
    expect(Array.from(eigh(matrix([[-4]])).values)).toEqual([-4]);
    expect(Math.abs(eigh(matrix([[-4]])).vectors.get(0, 0))).toBe(1);
    const { values, vectors } = eigh(eye(5));
    expect(Array.from(values)).toEqual([1, 1, 1, 1, 1]);
    expect(orthogonalityError(vectors)).toBeLessThan(1e-15);
  });

  test("bad input: not square, not symmetric, not finite", () => {
    expect(() => eigh(zeros(2, 3))).toThrow(/square.*\[2, 3\]/);
    expect(() => eigvalsh(matrix([[1, 2], [0, 1]]))).toThrow(/symmetric.*A\[1, 0\] = 0.*A\[0, 1\] = 2/);
    expect(() => eigh(matrix([[1, NaN], [NaN, 1]]))).toThrow(/finite/);
  });

  test("property: A v = λ v, orthonormal vectors, ascending values equal to eigvalsh", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 40 }), fc.nat(1e6), (n, seed) => {
        const A = symmetricGaussian(seed, n);
        const { values, vectors } = eigh(A);
        const norm = frobeniusNorm(A);
        const tol = 1e-10 * n * norm;
        expect(maxAbsDiff(matmul(A, vectors), matmul(vectors, diag(values)))).toBeLessThanOrEqual(tol);
        expect(orthogonalityError(vectors)).toBeLessThanOrEqual(1e-10 * n);
        for (let i = 1; i < n; i++) expect(values[i]).toBeGreaterThanOrEqual(values[i - 1]);
        const only = eigvalsh(A);
        for (let i = 0; i < n; i++) expect(Math.abs(only[i] - values[i])).toBeLessThanOrEqual(tol);
        // Σλ = tr A and Σλ² = ‖A‖_F².
        let tr = 0;
        for (let i = 0; i < n; i++) tr += A.get(i, i);
        expect(values.reduce((s, v) => s + v, 0)).toBeCloseTo(tr, 9);
        expect(values.reduce((s, v) => s + v * v, 0)).toBeCloseTo(norm * norm, 8);
      }),
      { numRuns: 40 },
    );
  });

  test("agrees with an independent algorithm (one-sided Jacobi) on positive definite matrices", () => {
    const rng = randomGenerator(11);
    const W = gaussian(rng, 40, 25);
    const G = matmulTN(W, W); // 25×25, eigenvalues = σ_i(W)²
    const want = Array.from(jacobiSvd(W).S).map((s) => s * s).reverse();
    const got = eigvalsh(G);
    want.forEach((v, i) => expect(Math.abs(got[i] - v)).toBeLessThan(1e-12 * want[want.length - 1] * 25));
  });

  test("ill-conditioned (κ = 1e13) and clustered spectra", () => {
    const n = 40;
    // Q diag(λ) Qᵀ with graded λ, and with λ in two tight clusters.
    for (const lambdas of [graded(n, 1e-13), Array.from({ length: n }, (_, i) => (i < n / 2 ? 1 : 1 + 1e-12 * i))]) {
      const Q = withSingularValues(5, n, n, new Array(n).fill(1)); // a random orthogonal matrix
      const A0 = matmul(matmul(Q, diag(lambdas)), transpose(Q));
      const A = add(A0, transpose(A0)); // exactly symmetric, eigenvalues 2λ
      const { values, vectors } = eigh(A);
      const norm = frobeniusNorm(A);
      expect(maxAbsDiff(matmul(A, vectors), matmul(vectors, diag(values)))).toBeLessThan(1e-10 * n * norm);
      expect(orthogonalityError(vectors)).toBeLessThan(1e-10 * n);
      const want = lambdas.map((l) => 2 * l).sort((a, b) => a - b);
      want.forEach((v, i) => expect(Math.abs(values[i] - v)).toBeLessThan(1e-12 * n * norm));
    }
  });

  test("accepts matrices symmetric up to rounding, and uses the lower triangle", () => {
    const A = fromFloat64(new Float64Array([2, 1 + 1e-15, 1, 2]), 2, 2);
    expect(eigvalsh(A)[1]).toBeCloseTo(3, 12);
  });
});
