import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { formatSpread, spread } from "../../src/train/index";

describe("spread of repeated measurements", () => {
  it("exact small case: 1, 2, 3 has mean 2 and sample standard deviation 1", () => {
    const s = spread([1, 2, 3]);
    expect(s).toEqual({ values: [1, 2, 3], mean: 2, std: 1, min: 1, max: 3 });
    expect(formatSpread(s, 1)).toBe("2.0 ± 1.0");
    expect(formatSpread(spread([0.912, 0.914]), 2, 100)).toBe("91.30 ± 0.14");
  });

  it("one measurement has no spread", () => {
    expect(spread([5]).std).toBe(0);
  });

  it("shifting every value shifts the mean and keeps the standard deviation", () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: -1e3, max: 1e3, noNaN: true }), { minLength: 2, maxLength: 20 }), fc.double({ min: -1e3, max: 1e3, noNaN: true }), (xs, c) => {
        const a = spread(xs);
        const b = spread(xs.map((v) => v + c));
        expect(b.mean).toBeCloseTo(a.mean + c, 6);
        expect(b.std).toBeCloseTo(a.std, 6);
        expect(a.min).toBeLessThanOrEqual(a.mean + 1e-9);
        expect(a.max).toBeGreaterThanOrEqual(a.mean - 1e-9);
      }),
    );
  });

  it("refuses empty input and non-finite values, naming them", () => {
    expect(() => spread([])).toThrow(/spread: values must be a non-empty array/);
    expect(() => spread([1, NaN])).toThrow(/values\[1\] is NaN/);
    expect(() => spread(null as any)).toThrow(/spread: values/);
  });
});
