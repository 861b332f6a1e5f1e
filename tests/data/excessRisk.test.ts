import { describe, expect, it } from "vitest";
import fc from "fast-check";
import {
  toyProblem,
  sampleToyData,
  trueRisk,
  empiricalRisk,
  fitPolynomial,
  bestPolynomial,
  polynomialGradientDescent,
  excessRiskTerms,
  excessRiskDecomposition,
  empiricalOptimisationGap,
} from "../../src/data/index";

const sine = toyProblem("sine", 0.15);

describe("bestPolynomial: the L² projection f_d of g", () => {
  it("reproduces a polynomial target exactly (the cubic is in the degree-3 class)", () => {
    const cubic = toyProblem("cubic", 0.1);
    expect(trueRisk(bestPolynomial(cubic, 3), cubic) - cubic.bayesRisk).toBeLessThan(1e-14);
    expect(trueRisk(bestPolynomial(cubic, 2), cubic) - cubic.bayesRisk).toBeGreaterThan(1e-3);
  });

  it("has a smaller true risk than any other polynomial of the same degree (random perturbations)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 8 }), fc.integer({ min: 0, max: 1e6 }), (degree, seed) => {
        const best = bestPolynomial(sine, degree);
        const other = fitPolynomial(sampleToyData(sine, 3 * degree + 5, seed).x, sampleToyData(sine, 3 * degree + 5, seed).y, degree);
        expect(trueRisk(best, sine)).toBeLessThanOrEqual(trueRisk(other, sine) + 1e-14);
      }),
      { numRuns: 30 },
    );
  });

  it("approximation term → 0 as the degree grows for a smooth target, and not for the step", () => {
    const approx = (p: ReturnType<typeof toyProblem>, d: number) => trueRisk(bestPolynomial(p, d), p) - p.bayesRisk;
    const sineTerms = [1, 3, 5, 9].map((d) => approx(sine, d));
    for (let i = 1; i < sineTerms.length; i++) expect(sineTerms[i]).toBeLessThan(sineTerms[i - 1]);
    expect(sineTerms[3]).toBeLessThan(1e-10);
    const step = toyProblem("step", 0.1);
    expect(approx(step, 15)).toBeGreaterThan(1e-3); // a jump: polynomials converge in L² but slowly
    expect(approx(step, 15)).toBeLessThan(approx(step, 3));
  });
});

describe("polynomialGradientDescent", () => {
  const data = sampleToyData(sine, 40, 5);

  it("one step from θ = 0 equals θ₁ = η (2/N) Φᵀy, computed from the definition", () => {
    const { model } = polynomialGradientDescent(data, 0, 1, { learningRate: 0.25 });
    const meanY = data.y.reduce((s, v) => s + v, 0) / data.size;
    expect(model.coefficients[0]).toBeCloseTo(0.25 * 2 * meanY, 14);
  });

  it("converges to the least-squares fit, and its empirical risk never falls below the fit's", () => {
    const exact = fitPolynomial(data.x, data.y, 3);
    const { model, recorded } = polynomialGradientDescent(data, 3, 20000, { learningRate: 0.4, record: [10, 100, 1000] });
    model.coefficients.forEach((c, k) => expect(c).toBeCloseTo(exact.coefficients[k], 8));
    const gaps = recorded.map((r) => empiricalRisk(r.model, data) - empiricalRisk(exact, data));
    gaps.forEach((g) => expect(g).toBeGreaterThanOrEqual(-1e-15));
    expect(gaps[2]).toBeLessThan(gaps[0]);
    expect(empiricalOptimisationGap(data, 3, 10, 0.4)).toBeCloseTo(gaps[0], 14);
  });

  it("stops with a hint when the learning rate diverges, and rejects bad arguments", () => {
    expect(() => polynomialGradientDescent(data, 5, 5000, { learningRate: 3 })).toThrow(/diverged at step \d+ with η = 3; lower the learning rate/);
    expect(() => polynomialGradientDescent(data, 2, 10, { learningRate: -1 })).toThrow(/learningRate must be > 0, got -1/);
    expect(() => polynomialGradientDescent(data, 2, 10, { record: [5, 3] })).toThrow(/record must be increasing/);
    expect(() => polynomialGradientDescent(data, 2, 1.5)).toThrow(/steps must be an integer ≥ 0, got 1.5/);
  });
});

describe("excess-risk decomposition", () => {
  it("the three terms add up to the total R(f_t) − σ², approximation and estimation ≥ 0 (random settings)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 7 }), fc.integer({ min: 0, max: 60 }), fc.integer({ min: 0, max: 500 }),
        fc.integer({ min: 0, max: 1e6 }), (degree, extra, steps, seed) => {
          const data = sampleToyData(sine, degree + 2 + extra, seed);
          const t = excessRiskTerms(sine, data, { degree, steps });
          expect(t.approximation + t.estimation + t.optimisation).toBeCloseTo(t.total, 12);
          expect(t.approximation).toBeGreaterThanOrEqual(-1e-14);
          expect(t.estimation).toBeGreaterThanOrEqual(-1e-14);
          const model = polynomialGradientDescent(data, degree, steps).model;
          expect(t.total).toBeCloseTo(trueRisk(model, sine) - sine.bayesRisk, 12);
        }),
      { numRuns: 25 },
    );
  });

  it("estimation → 0 as N grows (mean over datasets), optimisation → 0 as the steps grow", () => {
    const est = [20, 80, 320, 1280].map((n) => excessRiskDecomposition(sine, { degree: 3, n, steps: Infinity }, 1, { trials: 30 }).estimation);
    for (let i = 1; i < est.length; i++) expect(est[i]).toBeLessThan(est[i - 1]);
    expect(est[3]).toBeLessThan(0.002);
    const opt = [1, 100, 100000].map((steps) => excessRiskDecomposition(sine, { degree: 3, n: 40, steps }, 2, { trials: 5 }).optimisation);
    expect(opt[0]).toBeGreaterThan(0.05);
    expect(Math.abs(opt[2])).toBeLessThan(1e-8);
    const exact = excessRiskDecomposition(sine, { degree: 3, n: 40, steps: Infinity }, 2, { trials: 5 });
    expect(exact.optimisation).toBe(0);
  });

  it("rejects a degree the exact fit cannot have", () => {
    expect(() => excessRiskDecomposition(sine, { degree: 9, n: 5, steps: 10 }, 1)).toThrow(/degree 9 needs N ≥ 10 samples/);
  });
});
