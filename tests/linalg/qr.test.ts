import { describe, expect, test } from "vitest";
import fc from "fast-check";
import { qr, matrix, matmul, toNested, zeros, eye, frobeniusNorm, randomGenerator, fromFloat64 } from "../../src/index";
import { gaussian, graded, maxAbsDiff, orthogonalityError, withSingularValues } from "./helpers";

function upperTriangularError(R: ReturnType<typeof zeros>): number {
  let d = 0;
  for (let i = 0; i < R.shape[0]; i++) for (let j = 0; j < Math.min(i, R.shape[1]); j++) d = Math.max(d, Math.abs(R.get(i, j)));
  return d;
}

describe("qr", () => {
  test("exact small case: [[3, 1], [4, 2]] has |R₁₁| = 5 and |det R| = |det A| = 2", () => {
    const A = matrix([[3, 1], [4, 2]]);
    const { Q, R } = qr(A);
    expect(Math.abs(R.get(0, 0))).toBeCloseTo(5, 14);
    expect(R.get(1, 0)).toBe(0);
    expect(Math.abs(R.get(0, 0) * R.get(1, 1))).toBeCloseTo(2, 14);
    // Q's first column is ±A's first column / 5.
    expect(Math.abs(Q.get(0, 0))).toBeCloseTo(0.6, 14);
    expect(Math.abs(Q.get(1, 0))).toBeCloseTo(0.8, 14);
    expect(maxAbsDiff(matmul(Q, R), A)).toBeLessThan(1e-14);
  });

  test("an upper triangular A needs no rotation beyond signs; the identity gives ±I", () => {
    const { Q, R } = qr(eye(3));
    for (let i = 0; i < 3; i++) expect(Math.abs(Q.get(i, i))).toBe(1);
    expect(maxAbsDiff(matmul(Q, R), eye(3))).toBe(0);
  });

  test("shapes: reduced and complete, tall and wide, empty and 1×1", () => {
    const rng = randomGenerator(3);
    const tall = gaussian(rng, 7, 3);
    expect(qr(tall).Q.shape).toEqual([7, 3]);
    expect(qr(tall).R.shape).toEqual([3, 3]);
    const c = qr(tall, { mode: "complete" });
    expect(c.Q.shape).toEqual([7, 7]);
    expect(c.R.shape).toEqual([7, 3]);
    expect(orthogonalityError(c.Q)).toBeLessThan(1e-14);
    expect(maxAbsDiff(matmul(c.Q, c.R), tall)).toBeLessThan(1e-14);
    const wide = gaussian(rng, 3, 7);
    expect(qr(wide).Q.shape).toEqual([3, 3]);
    expect(qr(wide).R.shape).toEqual([3, 7]);
    expect(qr(zeros(0, 3)).Q.shape).toEqual([0, 0]);
    expect(qr(zeros(0, 3)).R.shape).toEqual([0, 3]);
    expect(qr(zeros(3, 0), { mode: "complete" }).Q.shape).toEqual([3, 3]);
    const one = qr(matrix([[-2]]));
    expect(Math.abs(one.Q.get(0, 0))).toBe(1);
    expect(one.Q.get(0, 0) * one.R.get(0, 0)).toBe(-2);
    // A zero column is fine.
    const z = qr(matrix([[0, 1], [0, 2]]));
    expect(maxAbsDiff(matmul(z.Q, z.R), matrix([[0, 1], [0, 2]]))).toBeLessThan(1e-15);
  });

  test("non-finite input and bad options are rejected", () => {
    expect(() => qr(matrix([[1, NaN]]))).toThrow(/qr: A must contain only finite numbers.*entry 1/);
    expect(() => qr(matrix([[Infinity]]))).toThrow(/finite/);
    expect(() => qr(eye(2), { mode: "full" as never })).toThrow(/mode/);
  });

  test("property: A = QR, Q has orthonormal columns, R is upper triangular", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 40 }), fc.integer({ min: 1, max: 40 }), fc.nat(1e6), fc.boolean(), (m, n, seed, complete) => {
        const A = gaussian(randomGenerator(seed), m, n);
        const { Q, R } = qr(A, { mode: complete ? "complete" : "reduced" });
        const tol = 1e-10 * Math.max(m, n) * frobeniusNorm(A);
        expect(maxAbsDiff(matmul(Q, R), A)).toBeLessThanOrEqual(tol);
        expect(orthogonalityError(Q)).toBeLessThanOrEqual(1e-10 * Math.max(m, n));
        expect(upperTriangularError(R)).toBe(0);
      }),
      { numRuns: 40 },
    );
  });

  test("ill-conditioned (κ = 1e14) and rank-deficient matrices", () => {
    const n = 30;
    for (const A of [
      withSingularValues(1, n, n, graded(n, 1e-14)),
      withSingularValues(2, n + 10, n, [...graded(10, 1e-3), ...new Array(n - 10).fill(0)]),
    ]) {
      const { Q, R } = qr(A);
      expect(maxAbsDiff(matmul(Q, R), A)).toBeLessThan(1e-10 * n * frobeniusNorm(A));
      expect(orthogonalityError(Q)).toBeLessThan(1e-10 * n);
    }
  });

  test("does not modify its argument", () => {
    const A = fromFloat64(new Float64Array([1, 2, 3, 4]), 2, 2);
    qr(A);
    expect(toNested(A)).toEqual([[1, 2], [3, 4]]);
  });
});
