import { describe, expect, test } from "vitest";
import { inspect } from "node:util";
import ndarray from "ndarray";
import fc from "fast-check";
import {
  matrix, zeros, eye, toNested, fromFloat64, cloneMatrix, formatMatrix, transpose, matmul, matmulTN, matmulNT,
  gemm, gemmKernel, setGemmKernel,
  matvec, matvecT, add, sub, scale, frobeniusNorm, spectralNorm, trace, diag, asMatrix, isContiguous,
  randomGenerator,
} from "../../src/index";
import { gaussian, maxAbsDiff, naiveMatmul } from "./helpers";

describe("creation", () => {
  test("zeros, eye, matrix, toNested round trip", () => {
    expect(toNested(zeros(2, 3))).toEqual([[0, 0, 0], [0, 0, 0]]);
    expect(toNested(eye(3))).toEqual([[1, 0, 0], [0, 1, 0], [0, 0, 1]]);
    expect(toNested(eye(2, 3))).toEqual([[1, 0, 0], [0, 1, 0]]);
    const rows = [[1, 2, 3], [4, 5, 6]];
    const A = matrix(rows);
    expect(A.shape).toEqual([2, 3]);
    expect(A.get(1, 0)).toBe(4);
    expect(toNested(A)).toEqual(rows);
    expect(zeros(0, 3).shape).toEqual([0, 3]);
    expect(toNested(matrix([]))).toEqual([]);
  });

  test("fromFloat64 shares the data; cloneMatrix copies", () => {
    const data = new Float64Array([1, 2, 3, 4, 5, 6]);
    const A = fromFloat64(data, 3, 2);
    expect(A.get(2, 1)).toBe(6);
    data[0] = 10;
    expect(A.get(0, 0)).toBe(10);
    const B = cloneMatrix(A);
    data[0] = 0;
    expect(B.get(0, 0)).toBe(10);
  });

  test("bad input gets clear errors", () => {
    expect(() => matrix([[1, 2], [3]])).toThrow(/row 1/);
    expect(() => matrix([[1, "x" as unknown as number]])).toThrow(/entry \(0, 1\)/);
    expect(() => fromFloat64(new Float64Array(5), 2, 3)).toThrow(/length 5.*2×3.*6/);
    expect(() => zeros(-1, 2)).toThrow(/rows/);
    expect(() => zeros(1.5, 2)).toThrow(/rows/);
    expect(() => asMatrix(42 as never)).toThrow(/must be a matrix/);
    expect(() => asMatrix(ndarray(new Float64Array(8), [2, 2, 2]) as never)).toThrow(/2-D.*\[2, 2, 2\]/);
  });

  test("non-contiguous views are copied to contiguous matrices", () => {
    const A = matrix([[1, 2, 3], [4, 5, 6], [7, 8, 9]]);
    const At = A.transpose(1, 0);
    expect(isContiguous(At)).toBe(false);
    expect(toNested(At)).toEqual([[1, 4, 7], [2, 5, 8], [3, 6, 9]]);
    const corner = A.hi(2, 3).lo(0, 1); // rows 0–1, columns 1–2
    expect(toNested(corner)).toEqual([[2, 3], [5, 6]]);
    expect(toNested(matmul(corner, At.hi(2, 2)))).toEqual(toNested(matmul([[2, 3], [5, 6]], [[1, 4], [2, 5]])));
    const strided = A.step(2, 2); // rows 0, 2 and columns 0, 2
    expect(toNested(add(strided, strided))).toEqual([[2, 6], [14, 18]]);
    // Other dtypes too.
    expect(toNested(asMatrix(ndarray(new Int32Array([1, 2, 3, 4]), [2, 2])))).toEqual([[1, 2], [3, 4]]);
  });

  test("formatMatrix and the printout in a cell show the shape and a trimmed view", () => {
    const s = formatMatrix(matrix([[1, 0.5], [-2, 1e-7]]));
    expect(s.split("\n")[0]).toBe("Matrix 2×2");
    expect(s).toContain("0.5");
    expect(s).toContain("1.000e-7");
    const big = formatMatrix(zeros(100, 50));
    const lines = big.split("\n");
    expect(lines[0]).toBe("Matrix 100×50");
    expect(lines.length).toBe(1 + 9); // 4 + ⋮ + 4 rows
    expect(big).toContain("…");
    expect(big).toContain("⋮");
    expect(inspect(eye(2))).toBe(formatMatrix(eye(2)));
    expect(String(eye(2))).toBe(formatMatrix(eye(2)));
    expect(inspect(eye(3).transpose(1, 0))).toContain("Matrix 3×3");
    expect(formatMatrix(zeros(0, 4))).toContain("empty");
  });
});

describe("products", () => {
  test("exact small cases", () => {
    const A = matrix([[1, 2], [3, 4], [5, 6]]);
    const B = matrix([[1, 0, -1], [2, 1, 0]]);
    expect(toNested(matmul(A, B))).toEqual([[5, 2, -1], [11, 4, -3], [17, 6, -5]]);
    expect(toNested(matmulTN(A, A))).toEqual([[35, 44], [44, 56]]);
    expect(toNested(matmulNT(A, A))).toEqual([[5, 11, 17], [11, 25, 39], [17, 39, 61]]);
    expect(Array.from(matvec(A, [1, -1]))).toEqual([-1, -1, -1]);
    expect(Array.from(matvecT(A, [1, 0, 1]))).toEqual([6, 8]);
    expect(toNested(transpose(A))).toEqual([[1, 3, 5], [2, 4, 6]]);
    expect(toNested(matmul(zeros(2, 0), zeros(0, 3)))).toEqual([[0, 0, 0], [0, 0, 0]]);
    expect(matmul(zeros(0, 4), zeros(4, 2)).shape).toEqual([0, 2]);
  });

  test("shape mismatches name both shapes", () => {
    expect(() => matmul(zeros(2, 3), zeros(2, 3))).toThrow(/\[2, 3\].*\[2, 3\]/);
    expect(() => matmulTN(zeros(2, 3), zeros(3, 3))).toThrow(/A has shape \[2, 3\] but B has shape \[3, 3\]/);
    expect(() => matmulNT(zeros(2, 3), zeros(2, 4))).toThrow(/\[2, 3\].*\[2, 4\]/);
    expect(() => matvec(zeros(2, 3), [1, 2])).toThrow(/\[2, 3\].*\[2\]/);
    expect(() => add(zeros(2, 3), zeros(3, 2))).toThrow(/\[2, 3\].*\[3, 2\]/);
    expect(() => scale(eye(2), NaN)).toThrow(/s must be a finite number/);
  });

  test("the WebAssembly SIMD micro-kernel is the default in Node, and the TypeScript one can be chosen", () => {
    expect(gemmKernel()).toBe("wasm");
    expect(setGemmKernel("typescript")).toBe("typescript");
    expect(gemmKernel()).toBe("typescript");
    expect(setGemmKernel("wasm")).toBe("wasm");
    expect(() => setGemmKernel("fortran" as "wasm")).toThrow(/kernel must be "wasm" or "typescript", got fortran/);
  });

  test("gemm: C ← α op(A) op(B) + β C, same numbers from both kernels (packed sizes, edges, α, β)", () => {
    const rng = randomGenerator(21);
    for (const [m, n, k] of [[64, 64, 64], [67, 13, 301], [130, 258, 257], [5, 2051, 9]]) {
      const a = Float64Array.from(rng.normalArray(m * k));
      const b = Float64Array.from(rng.normalArray(k * n));
      const c0 = Float64Array.from(rng.normalArray(m * n));
      const ref = new Float64Array(m * n);
      for (let i = 0; i < m; i++)
        for (let p = 0; p < k; p++) for (let j = 0; j < n; j++) ref[i * n + j] += a[i * k + p] * b[p * n + j];
      const results = (["wasm", "typescript"] as const).map((kernel) => {
        setGemmKernel(kernel);
        const c = c0.slice();
        gemm(false, false, m, n, k, -1.5, a, b, 0.25, c);
        return c;
      });
      setGemmKernel("wasm");
      for (const c of results) {
        let err = 0;
        for (let i = 0; i < m * n; i++) err = Math.max(err, Math.abs(c[i] - (-1.5 * ref[i] + 0.25 * c0[i])));
        expect(err).toBeLessThan(1e-12 * k);
      }
      // The two kernels add the same products in the same order: bit-for-bit equal.
      expect(Array.from(results[0])).toEqual(Array.from(results[1]));
    }
  });

  for (const kernel of ["wasm", "typescript"] as const) {
    // Sizes straddle the small-product path and the packed kernel's edges (multiples of 4 ± 1, > KC = 256).
    const dims = fc.oneof(fc.integer({ min: 0, max: 12 }), fc.integer({ min: 30, max: 80 }), fc.constantFrom(257, 300));
    test(`${kernel} kernel: matmul, matmulTN, matmulNT agree with the triple loop and with transpose-then-multiply`, () => {
      setGemmKernel(kernel);
      fc.assert(
        fc.property(dims, dims, fc.integer({ min: 0, max: 70 }), fc.nat(1e6), (m, n, k, seed) => {
          if (m * n * k > 3e5) return;
          const rng = randomGenerator(seed);
          const A = gaussian(rng, m, k);
          const B = gaussian(rng, k, n);
          const ref = naiveMatmul(A, B);
          const tol = 1e-12 * Math.max(1, k);
          expect(maxAbsDiff(matmul(A, B), ref)).toBeLessThanOrEqual(tol);
          expect(maxAbsDiff(matmulTN(transpose(A), B), ref)).toBeLessThanOrEqual(tol);
          expect(maxAbsDiff(matmulNT(A, transpose(B)), ref)).toBeLessThanOrEqual(tol);
          expect(maxAbsDiff(matmulTN(A.transpose(1, 0), B), matmul(A, B))).toBeLessThanOrEqual(tol);
        }),
        { numRuns: 40 },
      );
      setGemmKernel("wasm");
    });

    test(`${kernel} kernel: very wide and very tall products (n > 2048: B is packed in column blocks)`, () => {
      setGemmKernel(kernel);
      const rng = randomGenerator(12);
      const A = gaussian(rng, 6, 5);
      const B = gaussian(rng, 5, 2100);
      expect(maxAbsDiff(matmul(A, B), naiveMatmul(A, B))).toBeLessThan(1e-12);
      expect(maxAbsDiff(matmulNT(A, transpose(B)), naiveMatmul(A, B))).toBeLessThan(1e-12);
      expect(maxAbsDiff(matmulTN(B, B.hi(5, 7)), naiveMatmul(transpose(B), B.hi(5, 7)))).toBeLessThan(1e-12);
      setGemmKernel("wasm");
    });
  }

  test("matvec and matvecT agree with matmul by a column", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 40 }), fc.integer({ min: 0, max: 40 }), fc.nat(1e6), (m, n, seed) => {
        const rng = randomGenerator(seed);
        const A = gaussian(rng, m, n);
        const x = rng.normalArray(n);
        const y = rng.normalArray(m);
        const Ax = matmul(A, fromFloat64(x, n, 1));
        const Aty = matmulTN(A, fromFloat64(y, m, 1));
        expect(maxAbsDiff(fromFloat64(matvec(A, x), m, 1), Ax)).toBeLessThan(1e-12);
        expect(maxAbsDiff(fromFloat64(matvecT(A, y), n, 1), Aty)).toBeLessThan(1e-12);
      }),
      { numRuns: 30 },
    );
  });
});

describe("sums, norms, trace, diag", () => {
  test("exact small cases", () => {
    const A = matrix([[1, 2], [3, 4]]);
    expect(toNested(add(A, eye(2)))).toEqual([[2, 2], [3, 5]]);
    expect(toNested(sub(A, A))).toEqual([[0, 0], [0, 0]]);
    expect(toNested(scale(A, -2))).toEqual([[-2, -4], [-6, -8]]);
    expect(frobeniusNorm(matrix([[3, 0], [0, 4]]))).toBe(5);
    expect(trace(A)).toBe(5);
    expect(trace(matrix([[1, 2, 3], [4, 5, 6]]))).toBe(6);
    expect(Array.from(diag(A))).toEqual([1, 4]);
    expect(toNested(diag([1, 2]))).toEqual([[1, 0], [0, 2]]);
    expect(toNested(diag(new Float64Array([3])))).toEqual([[3]]);
    expect(spectralNorm(matrix([[3, 0], [0, -4]]))).toBeCloseTo(4, 14);
    // [[1, 1], [0, 1]]: σ₁ = the golden ratio.
    expect(spectralNorm(matrix([[1, 1], [0, 1]]))).toBeCloseTo((1 + Math.sqrt(5)) / 2, 14);
    expect(spectralNorm(zeros(0, 0))).toBe(0);
  });

  test("norms do not overflow or underflow", () => {
    expect(frobeniusNorm(matrix([[3e200, 4e200]]))).toBeCloseTo(5e200, -190);
    expect(frobeniusNorm(matrix([[3e-200, 4e-200]])) / 5e-200).toBeCloseTo(1, 14);
  });

  test("properties: ‖A‖₂ ≤ ‖A‖_F ≤ √rank ‖A‖₂, tr(AB) = tr(BA), ‖A‖_F² = tr(AᵀA)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 20 }), fc.integer({ min: 1, max: 20 }), fc.nat(1e6), (m, n, seed) => {
        const rng = randomGenerator(seed);
        const A = gaussian(rng, m, n);
        const B = gaussian(rng, n, m);
        const s = spectralNorm(A);
        const f = frobeniusNorm(A);
        expect(s).toBeLessThanOrEqual(f * (1 + 1e-14));
        expect(f).toBeLessThanOrEqual(Math.sqrt(Math.min(m, n)) * s * (1 + 1e-14));
        expect(trace(matmul(A, B))).toBeCloseTo(trace(matmul(B, A)), 10);
        expect(trace(matmulTN(A, A))).toBeCloseTo(f * f, 10);
        expect(Array.from(diag(diag(rng.normalArray(m))))).toHaveLength(m);
      }),
      { numRuns: 40 },
    );
  });
});
