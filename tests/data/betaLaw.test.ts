import { describe, expect, it } from "vitest";
import { betaDensity, integrateUnitInterval } from "../../src/data/index";

describe("betaDensity", () => {
  it("is the arcsine law for a = b = ½ and uniform for a = b = 1", () => {
    const arcsine = betaDensity(0.5, 0.5);
    for (const l of [0.01, 0.2, 0.5, 0.9]) expect(arcsine(l)).toBeCloseTo(1 / (Math.PI * Math.sqrt(l * (1 - l))), 12);
    expect(betaDensity(1, 1)(0.3)).toBeCloseTo(1, 12);
    expect(betaDensity(2, 3)(0.4)).toBeCloseTo(12 * 0.4 * 0.6 ** 2, 12); // 1/B(2, 3) = 12
  });
  it("integrates to 1 and is 0 outside (0, 1)", () => {
    for (const [a, b] of [[2, 2], [4, 4], [3, 2], [20, 20]]) expect(integrateUnitInterval(betaDensity(a, b))).toBeCloseTo(1, 9);
    expect(betaDensity(2, 2)(-0.1)).toBe(0);
    expect(betaDensity(2, 2)(1)).toBe(0);
  });
  it("rejects parameters that are not positive", () => {
    expect(() => betaDensity(0, 1)).toThrow(/a must be > 0, got 0/);
  });
});
