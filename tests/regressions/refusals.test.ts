/**
 * Issue 14, "refused with a clear message instead of accepted or cryptic": each input here was accepted (or
 * answered with a TypeError from deep inside) before the fix; now the error names the argument.
 */
import { describe, expect, it } from "vitest";
import { readFileSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import ndarray from "ndarray";
import { freeAdditiveConvolution, freeMultiplicativeConvolution, classicalConvolution, semicircleLaw } from "../../src/rmt/index";
import { gemm } from "../../src/linalg/gemm";
import { validateFigure, histogramFigure, lineFigure, scatterFigure, setDisplaySink, show } from "../../src/plot/index";
import { imageAugmentation } from "../../src/train/index";
import { tensor, l2Loss, l1Loss } from "../../src/autograd/index";
import { accuracy } from "../../src/train/index";
import { randomGenerator } from "../../src/random/index";
import { repoRoot } from "../helpers/tools";

const atoms = (a: number[], w: number[]) => ({ atoms: Float64Array.from(a), weights: Float64Array.from(w) });

describe("free convolution inputs", () => {
  const sc = semicircleLaw(1);
  it.each([
    ["negative weights", () => freeAdditiveConvolution(atoms([0, 1], [1.5, -0.5]), sc), /weights must be ≥ 0.*weight 1 is -0.5/],
    ["atoms and weights of different lengths", () => freeMultiplicativeConvolution(atoms([1, 2, 3], [0.5, 0.5]), atoms([1], [1])), /same length.*3 atoms and 2 weights/],
    ["NaN atoms", () => freeAdditiveConvolution(atoms([NaN, 1], [0.5, 0.5]), sc), /atoms must contain only finite numbers, but entry 0 is NaN/],
    ["zero total weight", () => classicalConvolution(atoms([1, 2], [0, 0]), sc), /positive total/],
    ["a NaN density grid", () => freeAdditiveConvolution({ x: Float64Array.of(0, 1, 2), density: Float64Array.of(0.5, NaN, 0.5) }, sc), /density \(of the density grid\) must contain only finite numbers, but entry 1 is NaN/],
    ["a grid with x not increasing", () => freeAdditiveConvolution({ x: Float64Array.of(0, 2, 1), density: Float64Array.of(1, 1, 1) }, sc), /x \(of the density grid\) must be increasing/],
    ["negative iteration counts", () => freeAdditiveConvolution(sc, sc, { maxIterations: -5 }), /maxIterations must be an integer ≥ 1, got -5/],
    ["fractional points", () => freeMultiplicativeConvolution(atoms([1, 2], [0.5, 0.5]), atoms([1, 2], [0.5, 0.5]), { points: 10.5 }), /points must be an integer ≥ 2, got 10.5/],
    ["a NaN tolerance", () => freeAdditiveConvolution(sc, sc, { tol: NaN }), /tol must be a finite number, got NaN/],
    ["a bad range", () => freeAdditiveConvolution(sc, sc, { range: [1, NaN] as [number, number] }), /range must be \[lo, hi\] with finite lo < hi/],
    ["a string", () => freeAdditiveConvolution("abc" as never, sc), /mu must be a measure/],
    ["empty values", () => freeAdditiveConvolution([], sc), /at least one value/],
  ])("%s", (_what, run, message) => {
    expect(run).toThrow(message);
  });
});

describe("the exported gemm checks its arguments", () => {
  const a = new Float64Array(6);
  const b = new Float64Array(6);
  const c = new Float64Array(4);
  it.each([
    ["a short A", () => gemm(false, false, 2, 2, 3, 1, new Float64Array(5), b, 0, c), /gemm: a must hold m×k = 2×3 = 6 numbers, got a Float64Array of length 5/],
    ["a short B (transposed)", () => gemm(false, true, 2, 2, 3, 1, a, new Float64Array(2), 0, c), /gemm: b must hold n×k = 2×3 = 6 numbers/],
    ["a too-short C", () => gemm(false, false, 2, 2, 3, 1, a, b, 0, new Float64Array(3)), /gemm: c must hold m×n = 2×2 = 4 numbers, got a Float64Array of length 3/],
    ["strings", () => gemm(false, false, "2" as never, 2, 3, 1, a, b, 0, c), /gemm: m must be an integer ≥ 0, got "2"/],
    ["a negative size", () => gemm(false, false, 2, -2, 3, 1, a, b, 0, c), /gemm: n must be an integer ≥ 0, got -2/],
    ["a plain array", () => gemm(false, false, 2, 2, 3, 1, [1, 2, 3, 4, 5, 6] as never, b, 0, c), /gemm: a must be a Float64Array, got an array of length 6/],
    ["a non-boolean transpose flag", () => gemm(0 as never, false, 2, 2, 3, 1, a, b, 0, c), /gemm: transA must be a boolean/],
  ])("%s", (_what, run, message) => {
    expect(run).toThrow(message);
  });
});

describe("show() and the plot builders: one rule", () => {
  it("show refuses a cyclic figure, a BigInt, frames that are not frames", () => {
    const cyclic: Record<string, unknown> = { data: [{ type: "scatter", x: [1], y: [1] }], layout: {} };
    (cyclic.layout as Record<string, unknown>).self = cyclic;
    expect(() => validateFigure(cyclic)).toThrow(/show: fig\.layout\.self refers back to an object that contains it \(a cycle\)/);
    expect(() => validateFigure({ data: [{ type: "scatter", x: [1], y: [1] }], layout: { width: 10n } })).toThrow(/show: fig\.layout\.width is a BigInt/);
    expect(() => validateFigure({ data: [], layout: {}, frames: 5 })).toThrow(/show: fig\.frames must be an array of frames.*got 5/);
    expect(() => validateFigure({ data: [], layout: {}, frames: [null] })).toThrow(/show: fig\.frames\[0\] must be a frame object.*got null/);
    expect(() => validateFigure({ data: [], layout: {}, frames: [{ data: 3 }] })).toThrow(/fig\.frames\[0\]\.data must be an array of traces/);
    // Nothing was displayed for a refused figure.
    const shown: unknown[] = [];
    const previous = setDisplaySink({ display: (b: unknown) => shown.push(b) } as never);
    try {
      expect(() => show({ data: [], layout: {}, frames: 5 } as never)).toThrow(/frames/);
    } finally {
      setDisplaySink(previous);
    }
    expect(shown).toEqual([]);
  });

  it("builders refuse strings and NaN as show does (histogramFigure no longer drops NaN silently)", () => {
    expect(() => lineFigure({ y: "123" as never })).toThrow(/series\[0\]\.y must be an array of numbers, got "123"/);
    expect(() => lineFigure({ y: ["1", "2"] as never })).toThrow(/series\[0\]\.y must hold numbers, but entry 0 is "1"/);
    expect(() => scatterFigure({ x: [1, 2], y: [1, NaN] })).toThrow(/series\[0\]\.y has 1 non-finite value \(first at index 1: NaN\)/);
    expect(() => histogramFigure([1, 2, NaN, 3])).toThrow(/histogramFigure: samples has 1 non-finite value \(first at index 2: NaN\)/);
    expect(() => histogramFigure("abc" as never)).toThrow(/samples must be an array of numbers, got "abc"/);
    expect(() => validateFigure({ data: [{ type: "scatter", x: [1, 2], y: [1, NaN] }], layout: {} })).toThrow(/non-finite value/);
    // null stays a deliberate gap in a curve, in the builders as in show.
    expect(() => validateFigure(lineFigure({ y: [1, null, 3] as never }))).not.toThrow();
  });
});

describe("shapes and sizes checked where they are given", () => {
  it("imageAugmentation checks imageShape at construction", () => {
    const id = <T>(batch: T): T => batch;
    expect(() => imageAugmentation(id, [28, 28] as never)).toThrow(/imageShape must be \[height, width, channels\].*got \[28, 28\]/);
    expect(() => imageAugmentation(id, [28, 28, 0])).toThrow(/integers ≥ 1/);
    expect(() => imageAugmentation(id, [28, 28.5, 1])).toThrow(/got \[28, 28.5, 1\]/);
    expect(typeof imageAugmentation(id, [28, 28, 1])).toBe("function");
  });

  it("tensor() from an ndarray with too little data is refused (it filled NaN)", () => {
    expect(() => tensor(ndarray(new Float64Array(3), [2, 2]))).toThrow(/ndarray of shape \[2, 2\] reads entries 0…3 of its data, but the data has only 3 entries/);
    expect(() => tensor(ndarray(new Float64Array(4), [2, 2], [1, 3]))).toThrow(/reads entries 0…4/);
    expect(Array.from(tensor(ndarray(Float64Array.of(1, 2, 3, 4), [2, 2], [1, 2])).data)).toEqual([1, 3, 2, 4]);
  });

  it("pick(null), shuffle(5), choice('ab') are refused", () => {
    const rng = randomGenerator(0);
    expect(() => rng.pick(null as never)).toThrow(/pick: items must be an array, got null/);
    expect(() => rng.shuffle(5 as never)).toThrow(/shuffle: array must be an array or a typed array, got 5/);
    expect(() => rng.choice("ab" as never, 1)).toThrow(/choice: items must be an array or a count/);
  });

  it("one rule for empty input: an average over no samples is an error (accuracy, l2Loss, l1Loss, mean); a sum over none is 0", () => {
    expect(() => accuracy([], [])).toThrow(/accuracy: no samples/);
    expect(() => l2Loss(tensor(new Float64Array(0), [0, 3]), tensor(new Float64Array(0), [0, 3]))).toThrow(/l2Loss: no samples to average/);
    expect(() => l1Loss(tensor(new Float64Array(0), [0, 3]), tensor(new Float64Array(0), [0, 3]))).toThrow(/l1Loss: no samples to average/);
    expect(() => tensor(new Float64Array(0), [0, 3]).mean()).toThrow(/mean: no entries to average/);
    expect(l2Loss(tensor(new Float64Array(0), [0, 3]), tensor(new Float64Array(0), [0, 3]), { reduction: "sum" }).item()).toBe(0);
  });
});

describe("no dead interrupt checks", () => {
  /** Every src file; the interrupt token is only read in async functions, where its SIGINT handler can run. */
  function sources(dir: string): string[] {
    return readdirSync(dir).flatMap((f) => {
      const p = join(dir, f);
      return statSync(p).isDirectory() ? sources(p) : p.endsWith(".ts") ? [p] : [];
    });
  }
  it("a file that reads token.interrupted awaits (a synchronous loop never sees the token flip)", () => {
    const offenders = sources(join(repoRoot, "src")).filter((file) => {
      const text = readFileSync(file, "utf8");
      return /\.interrupted\b/.test(text.replace(/\/\/.*|\/\*[\s\S]*?\*\//g, "")) && !file.endsWith("interrupt.ts") && !/\bawait\b/.test(text);
    });
    expect(offenders).toEqual([]);
  });
});
