import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { firstNonFinite, requireAllFinite } from "../../src/util/errors";

const naive = (v: ArrayLike<number>): number => {
  for (let i = 0; i < v.length; i++) if (!Number.isFinite(v[i])) return i;
  return -1;
};

describe("firstNonFinite", () => {
  it("exact small cases", () => {
    expect(firstNonFinite([])).toBe(-1);
    expect(firstNonFinite([0, -0, 1e308, -1e308, 5e-324])).toBe(-1);
    expect(firstNonFinite([1, 2, NaN])).toBe(2);
    expect(firstNonFinite(new Float64Array([1, Infinity, 3, 4, -Infinity]))).toBe(1);
    expect(firstNonFinite(new Float64Array([Infinity, -Infinity]))).toBe(0); // ∞·0 + (−∞)·0 is NaN, not 0
    expect(() => firstNonFinite(undefined as never)).toThrow("firstNonFinite: values must be an array of numbers, got undefined");
  });

  it("agrees with the entry-by-entry scan on random arrays with NaN and ±∞ put in at random places", () => {
    const entry = fc.oneof(
      { weight: 20, arbitrary: fc.double({ noNaN: true, noDefaultInfinity: true }) },
      { weight: 1, arbitrary: fc.constantFrom(NaN, Infinity, -Infinity) },
    );
    fc.assert(
      fc.property(fc.array(entry, { maxLength: 41 }), (values) => {
        expect(firstNonFinite(values)).toBe(naive(values));
        expect(firstNonFinite(Float64Array.from(values))).toBe(naive(values));
      }),
      { numRuns: 2000 },
    );
  });

  it("requireAllFinite names the first bad entry", () => {
    expect(() => requireAllFinite("x", [1, 2, 3])).not.toThrow();
    expect(() => requireAllFinite("x", [1, -Infinity, NaN])).toThrow("x must contain only finite numbers, but entry 1 is -Infinity");
  });
});
