import { describe, expect, it } from "vitest";
import { criticalPoint, fixedPointInputVariance, meanFieldChi1, meanFieldFixedPoint, meanFieldVarianceMap, preactivationVariances, signalPropagation } from "../../src/propagation/index";
import { customActivation, gaussianExpectation } from "../../src/special/index";
import { jacobianMomentPrediction, jacobianSingularValues } from "../../src/rmt/index";

/** (σ_w, σ_b) on the tanh critical line through the fixed point q*: χ₁ = 1 and V(q*) = q*. */
const criticalTanh = (qStar: number) => criticalPoint("tanh", qStar);

describe("the input variance and the fixed point (erratum 2)", () => {
  const crit = criticalTanh(1);
  const opts = { ...crit, activation: "tanh" as const };

  it("the critical line is critical: q* = 1 is a fixed point with χ₁ = 1", () => {
    expect(meanFieldVarianceMap(1, opts)).toBeCloseTo(1, 10);
    expect(meanFieldChi1(1, opts)).toBeCloseTo(1, 10);
  });
  it("preactivationVariances: q_1 = σ_w² q_0 + σ_b² (x_0 skips φ), then q_l = V(q_{l−1})", () => {
    const qs = preactivationVariances(4, 0.7, opts);
    expect(qs[0]).toBeCloseTo(crit.sigmaW ** 2 * 0.7 + crit.sigmaB ** 2, 12);
    for (let l = 1; l < 4; l++) expect(qs[l]).toBeCloseTo(meanFieldVarianceMap(qs[l - 1], opts), 12);
  });
  it("an input of variance q* does NOT start at the fixed point: q_1 = σ_w² q* + σ_b² > q*", () => {
    const qs = preactivationVariances(3, 1, opts);
    expect(qs[0]).toBeCloseTo(crit.sigmaW ** 2 + crit.sigmaB ** 2, 12);
    expect(qs[0]).toBeGreaterThan(2);
    expect(qs[1]).toBeGreaterThan(1.2);
  });
  it("fixedPointInputVariance: q_0 = (q* − σ_b²)/σ_w² = E tanh(h)², and then q_l = q* at every layer", () => {
    const q0 = fixedPointInputVariance(1, crit);
    expect(q0).toBeCloseTo((1 - crit.sigmaB ** 2) / crit.sigmaW ** 2, 14);
    expect(q0).toBeCloseTo(gaussianExpectation((h) => Math.tanh(h) ** 2, 1), 10);
    for (const q of preactivationVariances(10, q0, opts)) expect(q).toBeCloseTo(1, 9);
    // Also away from criticality: any fixed point q* of V.
    const chaotic = { sigmaW: 2, sigmaB: 0.3, activation: "tanh" as const };
    const fp = meanFieldFixedPoint(chaotic);
    const q0c = fixedPointInputVariance(fp.qStar, chaotic);
    for (const q of preactivationVariances(6, q0c, chaotic)) expect(q).toBeCloseTo(fp.qStar, 8);
  });
  it("sampled networks started at the fixed point measure ‖h_l‖²/n ≈ q* at the first and the last layer", () => {
    const width = 200;
    const r = signalPropagation({ width, depth: 6, ...opts, inputVariance: fixedPointInputVariance(1, crit), inputs: 10, initializations: 4, rng: 9 });
    for (const l of [0, 5]) {
      // The prediction starts from the sampled inputs' mean ‖x_0‖²/n, itself within a few % of q_0.
      expect(Math.abs(r.meanFieldPrediction[l] / width - 1)).toBeLessThan(0.05);
      expect(Math.abs(r.meanSquaredNorm[l] / width - 1)).toBeLessThan(0.08);
    }
  });
  it("rejects a fixed point below σ_b² and σ_w = 0, naming the argument", () => {
    expect(() => fixedPointInputVariance(0.01, { sigmaW: 1, sigmaB: 0.5 })).toThrow(/qStar must be ≥ σ_b² = 0.25.*got 0.01/);
    expect(() => fixedPointInputVariance(1, { sigmaW: 0, sigmaB: 0 })).toThrow(/sigmaW/);
    expect(() => fixedPointInputVariance(-1, crit)).toThrow(/qStar/);
  });
});

describe("the mean of s² at criticality is σ_w², not 1 (erratum 1)", () => {
  it("prediction: m₁ = σ_w² Π_{l<L} χ₁(q_l), = σ_w² at every depth when started at a critical fixed point", () => {
    const crit = criticalTanh(1);
    const q0 = fixedPointInputVariance(1, crit);
    for (const depth of [1, 2, 8, 32]) {
      const m = jacobianMomentPrediction({ depth, activation: "tanh", ...crit, inputVariance: q0, K: 1 });
      expect(m[1]).toBeCloseTo(crit.sigmaW ** 2, 5); // quadratures of 100 vs 80 points
    }
    // Started at q_0 = q* instead, the hidden layers are off the fixed point and m₁ differs.
    const qs = preactivationVariances(8, 1, { ...crit, activation: "tanh" });
    const product = Array.from(qs.slice(0, 7)).reduce((p, q) => p * meanFieldChi1(q, { ...crit, activation: "tanh", quadraturePoints: 100 }), crit.sigmaW ** 2);
    const off = jacobianMomentPrediction({ depth: 8, activation: "tanh", ...crit, inputVariance: 1, K: 1 });
    expect(off[1]).toBeCloseTo(product, 8);
    expect(Math.abs(off[1] - crit.sigmaW ** 2)).toBeGreaterThan(0.5);
    // ReLU with He's σ_w = √2: χ₁ = 1 at every q, so m₁ = 2 at every depth.
    for (const depth of [1, 5, 20]) {
      expect(jacobianMomentPrediction({ depth, activation: "relu", sigmaW: Math.SQRT2, K: 1 })[1]).toBeCloseTo(2, 10);
    }
  });
  it("samples: mean s² of J at depth 8 is σ_w² within 4 standard errors (ReLU σ_w = √2; critical tanh from q*)", () => {
    const crit = criticalTanh(1);
    const cases = [
      { activation: "relu" as const, sigmaW: Math.SQRT2, sigmaB: 0, inputVariance: 1 },
      { activation: "tanh" as const, ...crit, inputVariance: fixedPointInputVariance(1, crit) },
    ];
    for (const c of cases) {
      // One mean s² = (1/n) tr JJᵀ per network (and input); their mean and standard error over 24 networks.
      const perNet = Array.from({ length: 24 }, (_, t) => jacobianSingularValues({ width: 100, depth: 8, ...c, rng: 100 + t }).moment(2));
      const mean = perNet.reduce((a, b) => a + b, 0) / perNet.length;
      const se = Math.sqrt(perNet.reduce((a, b) => a + (b - mean) ** 2, 0) / (perNet.length - 1) / perNet.length);
      expect(4 * se).toBeLessThan(0.25 * c.sigmaW ** 2); // the test can tell σ_w² from 1 (and from the q_0 = q* start)
      expect(Math.abs(mean - c.sigmaW ** 2)).toBeLessThan(4 * se);
    }
  });
});

describe("criticalPoint: the critical line through a fixed point", () => {
  it("makes q* a fixed point with χ₁ = 1 (tanh, erf), and is σ_w² = 2, σ_b = 0 for ReLU", () => {
    for (const [activation, q] of [["tanh", 1], ["tanh", 0.25], ["erf", 0.5]] as const) {
      const c = criticalPoint(activation, q);
      const opts = { sigmaW: c.sigmaW, sigmaB: c.sigmaB, activation: activation };
      expect(meanFieldVarianceMap(q, opts)).toBeCloseTo(q, 12);
      expect(meanFieldChi1(q, opts)).toBeCloseTo(1, 12);
      expect(preactivationVariances(3, c.inputVariance, opts)[0]).toBeCloseTo(q, 12);
    }
    const relu = criticalPoint("relu", 2);
    expect(relu.sigmaW).toBeCloseTo(Math.SQRT2, 12);
    expect(relu.sigmaB).toBeCloseTo(0, 6);
  });
  it("clips σ_b at 0 where no bias reaches q* (φ(h) = h + 1: σ_b² = q* − (q* + 1) < 0), and refuses q* ≤ 0", () => {
    const shifted = customActivation("shift", (h) => h + 1, () => 1);
    expect(criticalPoint(shifted, 0.5)).toEqual({ sigmaW: 1, sigmaB: 0, inputVariance: 0.5 });
    expect(() => criticalPoint("tanh", 0)).toThrow(/qStar must be > 0/);
  });
});
