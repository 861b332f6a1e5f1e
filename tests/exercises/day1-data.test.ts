import { describe, expect, it, beforeAll, afterEach } from "vitest";
import { setLanguage } from "../../src/util/language";
import { check, setCheckPrinter } from "../../src/exercises/index";

const printed: string[] = [];
beforeAll(() => setCheckPrinter((line) => printed.push(line)));

/** No hint may contain the reference formula written out. */
function expectNoSolution(message: string): void {
  expect(message).not.toMatch(/\(i\s*[·*]\s*W\s*\+\s*j\)\s*[·*]\s*C\s*\+\s*c/);
  expect(message).not.toMatch(/λ\s*[·*]?\s*yᵢ\s*\+\s*\(1\s*[−-]\s*λ\)/);
}

describe("check.empiricalRisk", () => {
  const reference = (f: (x: number) => number, xs: number[], ys: number[]) =>
    xs.reduce((s, x, m) => s + (f(x) - ys[m]) ** 2, 0) / xs.length;
  it("passes the reference solution", () => {
    expect(check.empiricalRisk(reference).passed).toBe(true);
  });
  it("fails the sum (not the mean) with a hint to divide by N", () => {
    const outcome = check.empiricalRisk((f, xs, ys) => xs.reduce((s, x, m) => s + (f(x) - ys[m]) ** 2, 0));
    expect(outcome.passed).toBe(false);
    expect(outcome.message).toMatch(/sum of the squared errors.*divide by N/);
  });
  it("fails the mean absolute error and the unsquared mean with specific hints", () => {
    const mae = check.empiricalRisk((f, xs, ys) => xs.reduce((s, x, m) => s + Math.abs(f(x) - ys[m]), 0) / xs.length);
    expect(mae.passed).toBe(false);
    expect(mae.message).toMatch(/square loss squares the error/);
    const signed = check.empiricalRisk((f, xs, ys) => xs.reduce((s, x, m) => s + (f(x) - ys[m]), 0) / xs.length);
    expect(signed.passed).toBe(false);
    expect(signed.message).toMatch(/square each error/);
  });
  it("the notebook's stub (returns 0) fails, and a non-number is reported", () => {
    expect(check.empiricalRisk(() => 0).message).toMatch(/returned 0, but f misses some of the points/);
    expect(check.empiricalRisk((() => "0.1") as unknown as () => number).message).toMatch(/return one number/);
  });
});

describe("check.oneHot", () => {
  const reference = (label: number, classes: number) => Array.from({ length: classes }, (_, k) => (k === label ? 1 : 0));
  it("passes the reference solution (plain array or Float64Array)", () => {
    expect(check.oneHot(reference).passed).toBe(true);
    expect(check.oneHot((l, k) => Float64Array.from(reference(l, k))).passed).toBe(true);
  });
  it("fails the off-by-one e_{k+1} read as index k + 1", () => {
    const outcome = check.oneHot((label, classes) => reference(label + 1, classes + 1).slice(0, classes));
    expect(outcome.passed).toBe(false);
    expect(outcome.message).toMatch(/off by one/);
  });
  it("fails a wrong length, several ones and the stub", () => {
    expect(check.oneHot((label) => reference(label, 11)).message).toMatch(/one entry per class/);
    expect(check.oneHot((_l, classes) => new Array(classes).fill(1)).message).toMatch(/entries equal to 1; there must be exactly one/);
    expect(check.oneHot((_l, classes) => new Array(classes).fill(0)).passed).toBe(false);
  });
});

describe("check.hwcIndex", () => {
  it("passes the reference solution", () => {
    expect(check.hwcIndex((i, j, c, [, w, ch]) => (i * w + j) * ch + c).passed).toBe(true);
  });
  it("recognises the CHW order, swapped rows/columns, H for W, and a forgotten C", () => {
    const chw = check.hwcIndex((i, j, c, [h, w]) => (c * h + i) * w + j);
    expect(chw.passed).toBe(false);
    expect(chw.message).toMatch(/CHW order/);
    const swapped = check.hwcIndex((i, j, c, [h, , ch]) => (j * h + i) * ch + c);
    expect(swapped.message).toMatch(/rows and columns are swapped/);
    const height = check.hwcIndex((i, j, c, [h, , ch]) => (i * h + j) * ch + c);
    expect(height.message).toMatch(/a row has W pixels/);
    const noC = check.hwcIndex((i, j, c, [, w]) => i * w + j + c);
    expect(noC.message).toMatch(/C consecutive entries/);
    for (const o of [chw, swapped, height, noC]) expectNoSolution(o.message);
  });
  it("the stub (returns 0) fails without crashing", () => {
    expect(check.hwcIndex(() => 0).passed).toBe(false);
  });
});

describe("check.mixLabels", () => {
  const reference = (yi: number[], yj: number[], lambda: number) => yi.map((a, k) => lambda * a + (1 - lambda) * yj[k]);
  it("passes the reference solution", () => {
    expect(check.mixLabels(reference).passed).toBe(true);
  });
  it("fails swapped weights with a hint about which label λ goes with", () => {
    const outcome = check.mixLabels((yi, yj, lambda) => reference(yj, yi, lambda));
    expect(outcome.passed).toBe(false);
    expect(outcome.message).toMatch(/weights are swapped/);
    expectNoSolution(outcome.message);
  });
  it("fails a mixture that does not sum to 1, and the stub that returns yi", () => {
    const outcome = check.mixLabels((yi, yj, lambda) => yi.map((a, k) => lambda * a + yj[k]));
    expect(outcome.message).toMatch(/must still sum to 1/);
    expect(check.mixLabels((yi) => yi).passed).toBe(false);
  });
  it("prints one line per check, ✓ or ✗", () => {
    expect(printed.length).toBeGreaterThan(0);
    for (const line of printed) expect(line).toMatch(/^[✓✗] /);
  });
});

describe("the hints and confirmations of day1-data in Japanese", () => {
  const japanese = /[\u3040-\u30ff\u4e00-\u9fff]/;
  afterEach(() => {
    setLanguage("en");
  });
  it("prints the hint of a wrong answer and the confirmation of a right one in the selected language", () => {
    const stub = () => 0;
    expect(check.empiricalRisk(stub).message).toMatch(/add up the losses of all N points/);
    setLanguage("ja");
    expect(check.empiricalRisk(stub).message).toMatch(/N 点すべての損失を足し合わせてください/);
    const chw = check.hwcIndex((i, j, c, [h, w]) => (c * h + i) * w + j);
    expect(chw.message).toMatch(/を返しました: それは CHW の順です/);
    const offByOne = check.oneHot((label, classes) => Array.from({ length: classes }, (_, k) => (k === label + 1 ? 1 : 0)));
    expect(offByOne.message).toMatch(/1 ずれています/);
    const right = check.mixLabels((yi, yj, l) => yi.map((a, k) => l * a + (1 - l) * yj[k]));
    expect(right.passed).toBe(true);
    expect(right.message).toMatch(japanese);
  });
});
