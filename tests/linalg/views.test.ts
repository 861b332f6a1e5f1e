/**
 * Strided ndarray views (transposes, blocks, ranges of rows or columns) and 2-D tensors as arguments of the
 * products and the decompositions: read in place (stridedView shares the data), with results bit for bit equal
 * to those for contiguous copies of the same entries; other layouts (steps, other dtypes) are copied and agree too.
 */
import { describe, expect, test } from "vitest";
import fc from "fast-check";
import ndarray from "ndarray";
import {
  eigvalsh,
  fromFloat64,
  lstsq,
  matmul,
  matmulNT,
  matmulTN,
  matvec,
  matvecT,
  Matrix,
  qr,
  randomGenerator,
  solve,
  solveTriangular,
  stridedView,
  svdvals,
  tensor,
  transpose,
} from "../../src/index";

type View = ndarray.NdArray<ndarray.Data<number>>;

/** A contiguous copy made entry by entry with get(): the reference, independent of the code under test. */
function copyOf(V: View): Matrix {
  const [r, c] = V.shape;
  const out = new Float64Array(r * c);
  for (let i = 0; i < r; i++) for (let j = 0; j < c; j++) out[i * c + j] = V.get(i, j) as number;
  return fromFloat64(out, r, c);
}

/** A random big array and a view of a rows × cols matrix inside it, of the given kind. */
function makeView(kind: string, rows: number, cols: number, seed: number): View {
  const rng = randomGenerator(seed);
  const R = rows + 5;
  const C = cols + 7;
  const big = fromFloat64(rng.normalArray(R * C), R, C);
  const bigT = fromFloat64(rng.normalArray(R * C), C, R);
  switch (kind) {
    case "contiguous":
      return fromFloat64(rng.normalArray(rows * cols), rows, cols);
    case "block": // rows 2 … and columns 3 … of a bigger matrix: leading dimension C
      return big.lo(2, 3).hi(rows, cols);
    case "row range":
      return fromFloat64(big.data.slice(0, R * cols), R, cols).lo(3, 0).hi(rows, cols);
    case "column range":
      return fromFloat64(big.data.slice(0, rows * C), rows, C).lo(0, 4).hi(rows, cols);
    case "transpose": // the transpose of a cols × rows matrix
      return fromFloat64(rng.normalArray(rows * cols), cols, rows).transpose(1, 0);
    case "transposed block":
      return bigT.lo(1, 2).hi(cols, rows).transpose(1, 0);
    case "every second row": // still a row-major block, leading dimension 2·cols: read in place
      return fromFloat64(rng.normalArray(2 * rows * cols), 2 * rows, cols).step(2, 1);
    case "steps": // every second row and column: neither rows nor columns contiguous, copied
      return fromFloat64(rng.normalArray(4 * rows * cols), 2 * rows, 2 * cols).step(2, 2);
    case "reversed rows": // a negative stride: copied (along the strides)
      return fromFloat64(rng.normalArray(rows * cols), rows, cols).step(-1, 1);
    case "plain array": // an ndarray over a plain Array: copied
      return ndarray(Array.from(rng.normalArray(rows * cols)), [rows, cols]).transpose(1, 0).transpose(1, 0);
    case "float32": // another dtype: copied
      return ndarray(Float32Array.from(rng.normalArray(rows * cols)), [rows, cols]);
    default:
      throw new Error(kind);
  }
}

const inPlace = ["contiguous", "block", "row range", "column range", "every second row", "transpose", "transposed block"];
const kinds = [...inPlace, "steps", "reversed rows", "plain array", "float32"];
const kind = fc.constantFrom(...kinds);

function bits(M: Matrix | Float64Array): number[] {
  return Array.from("data" in M ? M.data : M);
}

describe("stridedView", () => {
  test("transposes, blocks and row/column ranges of float64 matrices are read in place (same data, no copy)", () => {
    for (const k of inPlace) {
      const V = makeView(k, 6, 4, 1);
      const s = stridedView(V);
      expect(s, k).not.toBeNull();
      expect(s!.data).toBe(V.data);
      expect([s!.rows, s!.cols]).toEqual([6, 4]);
      expect(s!.transposed).toBe(k.startsWith("transpose"));
      for (let i = 0; i < 6; i++)
        for (let j = 0; j < 4; j++) {
          const at = s!.transposed ? s!.offset + j * s!.ld + i : s!.offset + i * s!.ld + j;
          expect(s!.data[at]).toBe(V.get(i, j));
        }
    }
    expect(stridedView(makeView("steps", 6, 4, 1))).toBeNull();
    expect(stridedView(makeView("float32", 6, 4, 1))).toBeNull();
    expect(stridedView(makeView("reversed rows", 6, 4, 1))).toBeNull();
    const t = tensor([[1, 2], [3, 4]]);
    expect(stridedView(t)!.data).toBe(t.data);
  });
});

describe("products of views equal products of copies, bit for bit", () => {
  test("matmul, matmulTN, matmulNT, transpose, matvec, matvecT (small and packed-kernel sizes)", () => {
    fc.assert(
      fc.property(kind, kind, fc.integer({ min: 1, max: 70 }), fc.integer({ min: 1, max: 70 }), fc.integer({ min: 1, max: 70 }), fc.nat(1e6), (ka, kb, m, k, n, seed) => {
        const A = makeView(ka, m, k, seed);
        const B = makeView(kb, k, n, seed + 1);
        expect(bits(matmul(A, B))).toEqual(bits(matmul(copyOf(A), copyOf(B))));
        const At = makeView(ka, k, m, seed + 2); // AᵀB: A is k×m
        expect(bits(matmulTN(At, B))).toEqual(bits(matmulTN(copyOf(At), copyOf(B))));
        const Bt = makeView(kb, n, k, seed + 3); // ABᵀ: B is n×k
        expect(bits(matmulNT(A, Bt))).toEqual(bits(matmulNT(copyOf(A), copyOf(Bt))));
        expect(bits(transpose(A))).toEqual(bits(transpose(copyOf(A))));
        const x = randomGenerator(seed + 4).normalArray(k);
        const y = randomGenerator(seed + 5).normalArray(m);
        expect(bits(matvec(A, x))).toEqual(bits(matvec(copyOf(A), x)));
        expect(bits(matvecT(A, y))).toEqual(bits(matvecT(copyOf(A), y)));
      }),
      { seed: 4, numRuns: 80 },
    );
  });

  test("a 2-D tensor is a matrix argument (its data used in place)", () => {
    const W = tensor([[1, 2], [3, 4], [5, 6]]);
    expect(bits(matmulTN(W, W))).toEqual([35, 44, 44, 56]);
    expect(Array.from(svdvals(W))).toEqual(Array.from(svdvals([[1, 2], [3, 4], [5, 6]])));
  });
});

describe("decompositions and solvers of views equal those of copies, bit for bit", () => {
  test("qr, svdvals, lstsq (tall and wide), solve, solveTriangular, eigvalsh", () => {
    fc.assert(
      fc.property(kind, fc.integer({ min: 1, max: 40 }), fc.integer({ min: 1, max: 40 }), fc.nat(1e6), (k, m, n, seed) => {
        const A = makeView(k, m, n, seed);
        const C = copyOf(A);
        const f = qr(A);
        const g = qr(C);
        expect(bits(f.R)).toEqual(bits(g.R));
        expect(bits(f.Q)).toEqual(bits(g.Q));
        expect(bits(svdvals(A))).toEqual(bits(svdvals(C)));
        const b = randomGenerator(seed + 5).normalArray(m);
        expect(bits(lstsq(A, b))).toEqual(bits(lstsq(C, b)));
        const S = makeView(k, n, n, seed + 6);
        const x = randomGenerator(seed + 7).normalArray(n);
        expect(bits(solve(S, x))).toEqual(bits(solve(copyOf(S), x)));
        expect(bits(solveTriangular(S, x))).toEqual(bits(solveTriangular(copyOf(S), x)));
        expect(bits(solveTriangular(S, x, { lower: true }))).toEqual(bits(solveTriangular(copyOf(S), x, { lower: true })));
        const Sym = matmulTN(C, C); // symmetric; as a transpose view of itself too
        expect(bits(eigvalsh(Sym.transpose(1, 0)))).toEqual(bits(eigvalsh(Sym)));
      }),
      { seed: 9, numRuns: 60 },
    );
  });
});
