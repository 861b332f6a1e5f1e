import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { activations, customActivation, resolveActivation, erf, erfc, normalCdf } from "../../src/special/index";

describe("activations", () => {
  it("take their textbook values", () => {
    expect(activations.relu.f(-2)).toBe(0);
    expect(activations.relu.f(3)).toBe(3);
    expect(activations.relu.df(-1)).toBe(0);
    expect(activations.relu.df(2)).toBe(1);
    expect(activations.identity.f(1.5)).toBe(1.5);
    expect(activations.hardTanh.f(5)).toBe(1);
    expect(activations.hardTanh.f(-5)).toBe(-1);
    expect(activations.hardTanh.df(0.3)).toBe(1);
    expect(activations.hardTanh.df(2)).toBe(0);
    expect(activations.sigmoid.f(0)).toBe(0.5);
    expect(activations.sigmoid.f(-1000)).toBe(0);
    expect(activations.sigmoid.f(1000)).toBe(1);
    expect(activations.tanh.df(0)).toBe(1);
    expect(activations.gelu.f(0)).toBe(0);
    expect(activations.softplus.f(0)).toBeCloseTo(Math.LN2, 15);
  });

  it("erf matches reference values (Abramowitz–Stegun table) and erfc is accurate in the tail", () => {
    expect(erf(0.5)).toBeCloseTo(0.5204998778130465, 14);
    expect(erf(1)).toBeCloseTo(0.8427007929497149, 14);
    expect(erf(2)).toBeCloseTo(0.9953222650189527, 14);
    expect(erf(-1)).toBeCloseTo(-0.8427007929497149, 14);
    expect(erfc(3) / 2.209049699858544e-5).toBeCloseTo(1, 12);
    expect(erfc(5) / 1.5374597944280349e-12).toBeCloseTo(1, 12);
    expect(normalCdf(-10) / 7.619853024160527e-24).toBeCloseTo(1, 10);
    // erf is continuous where the method switches (x = 3).
    expect(Math.abs(erf(3 - 1e-12) - erf(3 + 1e-12))).toBeLessThan(1e-13);
  });

  it("df is the derivative of f (central differences) for every built-in activation", () => {
    for (const act of Object.values(activations)) {
      fc.assert(
        fc.property(fc.double({ min: -6, max: 6, noNaN: true }), (x) => {
          // stay away from kinks
          if (["relu", "hardTanh"].includes(act.name) && (Math.abs(x) < 1e-3 || Math.abs(Math.abs(x) - 1) < 1e-3)) return;
          const h = 1e-5;
          const numeric = (act.f(x + h) - act.f(x - h)) / (2 * h);
          expect(Math.abs(numeric - act.df(x))).toBeLessThan(1e-7 * (1 + Math.abs(numeric)));
        }),
        { numRuns: 200 },
      );
    }
  });

  it("customActivation and resolveActivation validate their input", () => {
    const cube = customActivation("cube", (x) => x ** 3, (x) => 3 * x * x);
    expect(cube.f(2)).toBe(8);
    expect(cube.df(2)).toBe(12);
    expect(String(cube)).toBe("Activation(cube)");
    expect(resolveActivation("tanh")).toBe(activations.tanh);
    expect(resolveActivation(cube)).toBe(cube);
    expect(() => resolveActivation("relux" as never)).toThrow(/"relu"/);
    expect(() => customActivation("bad", 3 as never, (x) => x)).toThrow(/function/);
  });
});
