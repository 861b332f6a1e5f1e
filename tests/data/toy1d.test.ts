import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { empiricalRisk, fitPolynomial, riskVersusDegree, riskVersusSampleSize, integrateUnitInterval, sampleToyData, toyProblem, trueRisk, TOY_TARGETS } from "../../src/data/index";

describe("toy problem X = Y = [0, 1]", () => {
  it("samples a seeded dataset with x in [0, 1] and y = g(x) + noise", () => {
    const mu = toyProblem("sine", 0.1);
    const a = sampleToyData(mu, 50, 7);
    const b = sampleToyData(mu, 50, 7);
    const c = sampleToyData(mu, 50, 8);
    expect(a.size).toBe(50);
    expect(Array.from(a.y)).toEqual(Array.from(b.y));
    expect(Array.from(a.x)).not.toEqual(Array.from(c.x));
    for (const x of a.x) expect(x >= 0 && x < 1).toBe(true);
    const noiseless = sampleToyData(toyProblem("sine", 0), 20, 1);
    noiseless.x.forEach((x, i) => expect(noiseless.y[i]).toBeCloseTo(TOY_TARGETS.sine(x), 14));
    expect(String(a)).toMatch(/ToyDataset\(N = 50/);
  });

  it("integrates exactly what we can integrate by hand", () => {
    expect(integrateUnitInterval((x) => x * x)).toBeCloseTo(1 / 3, 14);
    expect(integrateUnitInterval((x) => Math.exp(x))).toBeCloseTo(Math.E - 1, 13);
    expect(integrateUnitInterval((x) => Math.sin(Math.PI * x) ** 2)).toBeCloseTo(0.5, 14);
  });

  it("true risk = ∫(f − g)² dx + σ²: exact cases", () => {
    const mu = toyProblem("sine", 0.2);
    expect(trueRisk(TOY_TARGETS.sine, mu)).toBeCloseTo(0.04, 13);
    expect(trueRisk((x) => TOY_TARGETS.sine(x) + 0.3, mu)).toBeCloseTo(0.09 + 0.04, 13);
    // f(x) = x against g(x) = 0.5 + 0.4 sin 2πx: 1/12 + 0.08 + 0.4/π, worked out by hand.
    expect(trueRisk((x) => x, mu)).toBeCloseTo(1 / 12 + 0.08 + 0.4 / Math.PI + 0.04, 12);
    // The step target: f = 0.5 is 0.3 away everywhere.
    expect(trueRisk(() => 0.5, toyProblem("step", 0))).toBeCloseTo(0.09, 13);
  });

  it("true risk agrees with the empirical risk on a large fresh sample (law of large numbers)", () => {
    const mu = toyProblem("wiggle", 0.15);
    const f = (x: number) => 0.4 + 0.2 * x;
    const big = sampleToyData(mu, 200_000, 123);
    const losses = Array.from(big.x, (x, i) => (f(x) - big.y[i]) ** 2);
    const mean = losses.reduce((s, v) => s + v, 0) / losses.length;
    const sd = Math.sqrt(losses.reduce((s, v) => s + (v - mean) ** 2, 0) / losses.length);
    expect(empiricalRisk(f, big)).toBeCloseTo(mean, 12);
    expect(Math.abs(trueRisk(f, mu) - mean)).toBeLessThan((4 * sd) / Math.sqrt(losses.length));
  });

  it("a polynomial fit recovers a polynomial target exactly", () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: -3, max: 3, noNaN: true }), { minLength: 1, maxLength: 7 }), fc.integer({ min: 0, max: 1000 }), (coefs, seed) => {
        const g = (x: number) => coefs.reduce((s, c, k) => s + c * x ** k, 0);
        const data = sampleToyData(toyProblem(g, 0), 30, seed);
        const model = fitPolynomial(data.x, data.y, coefs.length - 1);
        for (const x of [0, 0.13, 0.5, 0.77, 1]) expect(model.predict(x)).toBeCloseTo(g(x), 8);
      }),
      { numRuns: 40 },
    );
    const cubic = toyProblem("cubic", 0);
    const cubicData = sampleToyData(cubic, 12, 3);
    const fit = fitPolynomial(cubicData.x, cubicData.y, 3);
    expect(trueRisk(fit, cubic)).toBeLessThan(1e-20);
  });

  it("the empirical risk never increases with the degree (nested models), and interpolates at degree N − 1", () => {
    const data = sampleToyData(toyProblem("sine", 0.2), 12, 5);
    let previous = Infinity;
    for (let d = 0; d <= 11; d++) {
      const r = empiricalRisk(fitPolynomial(data.x, data.y, d), data);
      expect(r).toBeLessThanOrEqual(previous + 1e-12);
      previous = r;
    }
    expect(previous).toBeLessThan(1e-12);
  });

  it("ridge makes under-determined fits possible; bad input gets clear errors", () => {
    const data = sampleToyData(toyProblem("sine", 0.1), 5, 1);
    expect(() => fitPolynomial(data.x, data.y, 8)).toThrow(/degree 8 has 9 parameters but only N = 5/);
    expect(fitPolynomial(data.x, data.y, 8, { ridge: 1e-6 }).degree).toBe(8);
    expect(() => fitPolynomial([0, 1], [1], 0)).toThrow(/x has length 2 but y has length 1/);
    expect(() => fitPolynomial([0, NaN], [1, 2], 0)).toThrow(/entry 1/);
    // three points at only two places cannot fix a parabola: a clear message, and ridge makes it solvable
    expect(() => fitPolynomial([0.2, 0.2, 0.7], [1, 2, 3], 2)).toThrow(/rank deficient \(repeated x values\?\)/);
    expect(fitPolynomial([0.2, 0.2, 0.7], [1, 2, 3], 2, { ridge: 1e-8 }).degree).toBe(2);
    expect(() => toyProblem("sinus" as never)).toThrow(/target must be one of "sine"/);
    expect(() => toyProblem("sine", -1)).toThrow(/noiseStd must be ≥ 0/);
    expect(() => sampleToyData(toyProblem(), 0, 1)).toThrow(/n must be an integer ≥ 1/);
    expect(() => trueRisk(42 as never, toyProblem())).toThrow(/f must be a function/);
  });
});

describe("risk curves", () => {
  it("training risk falls with the degree; true risk stays above σ² and above the training risk on average", () => {
    const mu = toyProblem("sine", 0.2);
    const curve = riskVersusDegree(mu, 15, [1, 3, 5, 9, 13], 4, { trials: 30 });
    expect(curve.x).toEqual([1, 3, 5, 9, 13]);
    for (let i = 1; i < curve.x.length; i++) expect(curve.empirical[i]).toBeLessThan(curve.empirical[i - 1]);
    for (let i = 0; i < curve.x.length; i++) {
      expect(curve.true[i]).toBeGreaterThan(curve.bayes);
      expect(curve.true[i]).toBeGreaterThan(curve.empirical[i]);
    }
    // Overfitting: degree 13 with N = 15 is far worse than degree 5.
    expect(curve.true[4]).toBeGreaterThan(2 * curve.true[2]);
  });

  it("the generalization gap closes as N grows, like p σ² / N for least squares", () => {
    const mu = toyProblem("cubic", 0.1);
    const curve = riskVersusSampleSize(mu, 3, [20, 80, 160], 9, { trials: 200 });
    const gaps = curve.true.map((t, i) => t - curve.empirical[i]);
    expect(gaps[0]).toBeGreaterThan(gaps[1]);
    expect(gaps[1]).toBeGreaterThan(gaps[2]);
    // Well-specified least squares with p = 4 parameters: E[train] = σ²(N − p)/N and, for a Gaussian design,
    // E[true] = σ²(1 + p/(N − p − 1)), so the gap is about σ²(p/N + p/(N − p − 1)) ≈ 2pσ²/N.
    gaps.forEach((g, i) => {
      const n = curve.x[i];
      const ratio = g / (0.01 * (4 / n + 4 / (n - 5)));
      expect(ratio).toBeGreaterThan(0.6);
      expect(ratio).toBeLessThan(1.4);
    });
    expect(() => riskVersusDegree(mu, 10, [], 1)).toThrow(/degrees must be a non-empty array/);
  });
});

describe("riskVersusDegree fits every degree to the same datasets", () => {
  it("so the mean empirical risk never rises with the degree", () => {
    const curve = riskVersusDegree(toyProblem("sine", 0.15), 40, [0, 1, 2, 3, 5, 8, 11, 12], 7, { trials: 10 });
    for (let i = 1; i < curve.x.length; i++) expect(curve.empirical[i]).toBeLessThanOrEqual(curve.empirical[i - 1] + 1e-12);
  });
});
