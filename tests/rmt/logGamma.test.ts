import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { logGamma } from "../../src/index";

describe("logGamma", () => {
  it("matches log (n − 1)! and log Γ(½) = ½ log π", () => {
    let logFactorial = 0;
    for (let n = 1; n <= 30; n++) {
      expect(logGamma(n)).toBeCloseTo(logFactorial, 10);
      logFactorial += Math.log(n);
    }
    expect(logGamma(0.5)).toBeCloseTo(0.5 * Math.log(Math.PI), 12);
  });
  it("satisfies Γ(x + 1) = x Γ(x) on random x > 0", () => {
    fc.assert(fc.property(fc.double({ min: 0.01, max: 50, noNaN: true }), (x) => {
      expect(logGamma(x + 1) - logGamma(x)).toBeCloseTo(Math.log(x), 9);
    }));
  });
});
