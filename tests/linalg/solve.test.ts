/**
 * solve, lstsq and solveTriangular: exact small systems, random well-conditioned systems checked by
 * reconstruction, the normal equations of least squares (the residual is orthogonal to A's columns), the
 * least-norm solution of an underdetermined system, and clear errors for bad shapes and singular matrices.
 */
import { describe, expect, test } from "vitest";
import fc from "fast-check";
import { lstsq, solve, solveTriangular, matrix, matmul, matmulTN, matvec, matvecT, randomGenerator, fromFloat64, transpose, toNested } from "../../src/index";
import { gaussian, graded, withSingularValues } from "./helpers";

function maxAbs(x: ArrayLike<number>): number {
  let d = 0;
  for (let i = 0; i < x.length; i++) d = Math.max(d, Math.abs(x[i]));
  return d;
}

function minus(a: ArrayLike<number>, b: ArrayLike<number>): Float64Array {
  return Float64Array.from(a, (x, i) => x - b[i]);
}

describe("solveTriangular", () => {
  test("exact small cases, upper and lower, vector and matrix right-hand sides", () => {
    expect(Array.from(solveTriangular([[2, 1], [0, 4]], [5, 8]))).toEqual([1.5, 2]);
    expect(Array.from(solveTriangular([[2, 0], [1, 4]], [4, 10], { lower: true }))).toEqual([2, 2]);
    // only the named triangle is read: the other one may hold anything
    expect(Array.from(solveTriangular([[2, 99], [1, 4]], [4, 10], { lower: true }))).toEqual([2, 2]);
    const X = solveTriangular([[1, 2], [0, 2]], [[5, 1], [4, 2]]);
    expect(toNested(X)).toEqual([[1, -1], [2, 1]]);
  });

  test("random triangular systems: T x reproduces b", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 30 }), fc.nat(1e6), fc.boolean(), (n, seed, lower) => {
        const G = gaussian(randomGenerator(seed), n, n);
        const t = G.data.slice();
        for (let i = 0; i < n; i++) {
          for (let j = 0; j < n; j++) if (lower ? j > i : j < i) t[i * n + j] = 0;
          t[i * n + i] = 2 + Math.abs(t[i * n + i]); // well away from singular
        }
        const T = fromFloat64(t, n, n);
        const b = randomGenerator(seed + 1).normalArray(n);
        const x = solveTriangular(T, b, { lower });
        expect(maxAbs(minus(matvec(T, x), b))).toBeLessThan(1e-12 * (1 + maxAbs(b)));
      }),
      { seed: 17, numRuns: 60 },
    );
  });

  test("errors name the argument and the shapes", () => {
    expect(() => solveTriangular([[1, 2, 3], [0, 1, 2]], [1, 2])).toThrow(/T must be square, got shape \[2, 3\]/);
    expect(() => solveTriangular([[1, 0], [0, 1]], [1, 2, 3])).toThrow(/b has 3 entries but T has 2 rows/);
    expect(() => solveTriangular([[1, 1], [0, 0]], [1, 2])).toThrow(/T is singular: its diagonal entry T\[1, 1\] is 0/);
    expect(() => solveTriangular([[1, 0], [0, 1]], [1, NaN])).toThrow(/b/);
  });
});

describe("solve", () => {
  test("exact small case: [[2, 1], [1, 3]] x = [3, 5] has x = [0.8, 1.4]", () => {
    const x = solve([[2, 1], [1, 3]], [3, 5]);
    expect(x[0]).toBeCloseTo(0.8, 14);
    expect(x[1]).toBeCloseTo(1.4, 14);
    // a permutation matrix (zero on the diagonal: needs the reflections, not plain elimination)
    expect(Array.from(solve([[0, 1], [1, 0]], [7, 9])).map((v) => Math.round(v * 1e12) / 1e12)).toEqual([9, 7]);
  });

  test("random well-conditioned systems (condition number ≤ 100, n up to 130 to cross the blocked QR): A x reproduces b", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 130 }), fc.nat(1e6), fc.integer({ min: 1, max: 3 }), (n, seed, k) => {
        const A = withSingularValues(seed, n, n, graded(n, 0.01));
        const B = gaussian(randomGenerator(seed + 1), n, k);
        const X = solve(A, B);
        expect(X.shape).toEqual([n, k]);
        const residual = minus(matmul(A, X).data, B.data);
        expect(maxAbs(residual)).toBeLessThan(1e-11 * (1 + maxAbs(B.data)));
        // one column as a vector gives the same answer
        const b0 = Float64Array.from({ length: n }, (_, i) => B.get(i, 0));
        const x0 = solve(A, b0);
        for (let i = 0; i < n; i++) expect(x0[i]).toBeCloseTo(X.get(i, 0), 10);
      }),
      { seed: 15, numRuns: 25 },
    );
  });

  test("errors: not square, wrong right-hand side, singular", () => {
    expect(() => solve([[1, 2, 3], [4, 5, 6]], [1, 2])).toThrow(/solve: A must be square, got shape \[2, 3\]; for a least-squares solution use lstsq/);
    expect(() => solve([[1, 0], [0, 1]], [[1], [2], [3]])).toThrow(/b has 3 rows \(shape \[3, 1\]\) but A has 2 rows/);
    expect(() => solve([[1, 2], [2, 4]], [1, 2])).toThrow(/A is singular/);
    expect(() => solve([[1, 0], [0, 1]], "12" as never)).toThrow(/b must be a vector/);
  });
});

describe("lstsq", () => {
  test("exact small case: the line through (0, 1), (1, 2), (2, 4) is y = 5/6 + 1.5 t", () => {
    const x = lstsq([[1, 0], [1, 1], [1, 2]], [1, 2, 4]);
    expect(x[0]).toBeCloseTo(5 / 6, 14);
    expect(x[1]).toBeCloseTo(1.5, 14);
  });

  test("a consistent square system gives the exact solution; an underdetermined one the least-norm solution", () => {
    const x = lstsq([[2, 1], [1, 3]], [3, 5]);
    expect(x[0]).toBeCloseTo(0.8, 14);
    expect(x[1]).toBeCloseTo(1.4, 14);
    // x + y = 2: every (t, 2 − t) solves it; the shortest is (1, 1)
    const y = lstsq([[1, 1]], [2]);
    expect(y[0]).toBeCloseTo(1, 14);
    expect(y[1]).toBeCloseTo(1, 14);
  });

  test("random tall systems: the residual is orthogonal to the columns of A (normal equations Aᵀ(Ax̂ − b) = 0)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 40 }), fc.integer({ min: 0, max: 120 }), fc.nat(1e6), (n, extra, seed) => {
        const m = n + extra;
        const A = withSingularValues(seed, m, n, graded(n, 0.01));
        const b = randomGenerator(seed + 1).normalArray(m);
        const x = lstsq(A, b);
        expect(x.length).toBe(n);
        const r = minus(matvec(A, x), b);
        expect(maxAbs(matvecT(A, r))).toBeLessThan(1e-12 * (1 + maxAbs(b)) * Math.sqrt(m));
        // and it is no worse than a nearby point (the minimum of a convex function)
        const nudged = Float64Array.from(x, (v, i) => v + (i === 0 ? 1e-3 : 0));
        const rn = minus(matvec(A, nudged), b);
        expect(rn.reduce((s, v) => s + v * v, 0)).toBeGreaterThan(r.reduce((s, v) => s + v * v, 0));
      }),
      { seed: 5, numRuns: 40 },
    );
  });

  test("random wide systems: A x̂ = b exactly, and x̂ lies in the row space of A (least norm)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 30 }), fc.integer({ min: 1, max: 40 }), fc.nat(1e6), (m, extra, seed) => {
        const n = m + extra;
        const A = withSingularValues(seed, m, n, graded(m, 0.01));
        const b = randomGenerator(seed + 1).normalArray(m);
        const x = lstsq(A, b);
        expect(x.length).toBe(n);
        expect(maxAbs(minus(matvec(A, x), b))).toBeLessThan(1e-11 * (1 + maxAbs(b)));
        // x̂ = Aᵀ y for the y solving (A Aᵀ) y = b: the least-norm solution is in the row space
        const y = solve(matmul(A, transpose(A)), b);
        expect(maxAbs(minus(matvecT(A, y), x))).toBeLessThan(1e-9 * (1 + maxAbs(x)));
      }),
      { seed: 6, numRuns: 30 },
    );
  });

  test("a matrix of right-hand sides: one least-squares solution per column, as AᵀA X = Aᵀ B", () => {
    const A = gaussian(randomGenerator(3), 50, 4);
    const B = gaussian(randomGenerator(4), 50, 3);
    const X = lstsq(A, B);
    expect(X.shape).toEqual([4, 3]);
    const lhs = matmul(matmulTN(A, A), X);
    const rhs = matmulTN(A, B);
    expect(maxAbs(minus(lhs.data, rhs.data))).toBeLessThan(1e-11);
  });

  test("errors: wrong right-hand side, rank deficient, bad rcond", () => {
    expect(() => lstsq(matrix([[1, 2], [3, 4], [5, 6]]), [1, 2])).toThrow(/lstsq: b has 2 entries but A has 3 rows/);
    expect(() => lstsq([[1, 2], [2, 4], [3, 6]], [1, 2, 3])).toThrow(/lstsq: A is rank deficient/);
    expect(() => lstsq([[1, 2], [3, 4]], [1, 2], { rcond: -1 })).toThrow(/rcond must be a number ≥ 0, got -1/);
    expect(() => lstsq([[1, 2], [3, 4]], [1, Infinity])).toThrow(/lstsq: b/);
  });
});
