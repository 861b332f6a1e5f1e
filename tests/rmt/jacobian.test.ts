import { describe, expect, it } from "vitest";
import {
  networkJacobian,
  jacobianSingularValues,
  jacobianSpectrumPrediction,
  jacobianMomentPrediction,
  derivativeSquaredLaw,
  empiricalSpectrum,
} from "../../src/rmt/index";
import { randomFeedForward } from "../../src/nn/index";
import { randomGenerator } from "../../src/random/index";

describe("network Jacobian", () => {
  for (const param of ["standard", "ntk"] as const) {
    it(`matches central finite differences (tanh, ${param}, non-square layers)`, () => {
      const net = randomFeedForward({ widths: [5, 7, 6, 3], activation: "tanh", sigmaW: 1.4, sigmaB: 0.3, parametrization: param, rng: 1 });
      const x = Array.from(randomGenerator(2).normalArray(5, 0, 1));
      const J = networkJacobian(net, x);
      expect(J.shape).toEqual([3, 5]);
      const h = 1e-6;
      for (let j = 0; j < 5; j++) {
        const xp = x.slice();
        const xm = x.slice();
        xp[j] += h;
        xm[j] -= h;
        const fp = net.predict([xp]).data;
        const fm = net.predict([xm]).data;
        for (let i = 0; i < 3; i++) expect(J.get(i, j)).toBeCloseTo((fp[i] - fm[i]) / (2 * h), 7);
      }
    });
  }
  it("linear orthogonal network: every singular value is σ_w^L", () => {
    const s = jacobianSingularValues({ width: 40, depth: 5, activation: "identity", weights: "orthogonal", sigmaW: 1.1, rng: 3 });
    for (const v of s.values) expect(v).toBeCloseTo(1.1 ** 5, 9);
  });
  it("rejects an input of the wrong length", () => {
    const net = randomFeedForward({ widths: [3, 4, 2], activation: "relu", rng: 1 });
    expect(() => networkJacobian(net, [1, 2])).toThrow(/\[2\]/);
  });
});

describe("free-probability prediction of the Jacobian spectrum", () => {
  it("ReLU D² law is ½δ_0 + ½δ_1", () => {
    const m = derivativeSquaredLaw("relu", 1.7);
    let mass1 = 0;
    m.atoms.forEach((t, i) => (mass1 += t * m.weights[i]));
    expect(mass1).toBeCloseTo(0.5, 12);
  });
  it("Gaussian ReLU network (He init): sampled JJᵀ spectrum ≈ iterated ⊠ and its moments", () => {
    const opts = { depth: 3, activation: "relu" as const, sigmaW: Math.SQRT2, weights: "gaussian" as const };
    const sv = jacobianSingularValues({ ...opts, width: 250, initializations: 2, rng: 4 });
    // ReLU zeroes half the units: JJᵀ has rank ≈ n/2 and its other eigenvalues are zero up to rounding.
    const sq = empiricalSpectrum(sv.values.map((s) => (s * s < 1e-10 ? 0 : s * s)));
    const moments = jacobianMomentPrediction({ ...opts, K: 3 });
    expect(moments[1]).toBeCloseTo(2, 9); // σ_w² χ₁^{L−1} = 2 · 1² (the last layer has no D)
    expect(Math.abs(sq.moment(1) / moments[1] - 1)).toBeLessThan(0.08);
    expect(Math.abs(sq.moment(2) / moments[2] - 1)).toBeLessThan(0.2);
    const pred = jacobianSpectrumPrediction({ ...opts, points: 300 });
    expect(Math.abs(pred.densityMoment(1) / moments[1] - 1)).toBeLessThan(1e-4);
    expect(Math.abs(pred.densityMoment(2) / moments[2] - 1)).toBeLessThan(0.05);
    // The rounding-level eigenvalues (~1e-37) count as the law's atom at 0.
    const raw = empiricalSpectrum(sv.values.map((s) => s * s));
    expect(raw.ksDistance(pred)).toBeLessThan(0.04);
    expect(sq.ksDistance(pred)).toBeLessThan(0.04);
  });
  it("iterated ⊠ keeps its moments through depth (no drift): first moment exact, second within 12 %", () => {
    for (const [activation, sigmaW] of [["identity", 1], ["tanh", 1], ["relu", Math.SQRT2]] as const) {
      for (const depth of [4, 8]) {
        const pred = jacobianSpectrumPrediction({ depth, activation, sigmaW });
        const exact = jacobianMomentPrediction({ depth, activation, sigmaW, K: 2 });
        expect(pred.cdf(Infinity)).toBeCloseTo(1, 12);
        // moment(k) is the free product's own (exact); the smoothed density's are densityMoment(k).
        expect(pred.moment(2)).toBeCloseTo(exact[2], 12);
        expect(Math.abs(pred.densityMoment(1) / exact[1] - 1)).toBeLessThan(1e-4);
        expect(Math.abs(pred.densityMoment(2) / exact[2] - 1)).toBeLessThan(0.12);
      }
    }
  });
  it("depth 4 Gaussian tanh: sampled JJᵀ spectrum is close to the prediction", () => {
    const opts = { depth: 4, activation: "tanh" as const, sigmaW: 1.2, weights: "gaussian" as const };
    const sv = jacobianSingularValues({ ...opts, width: 200, initializations: 2, rng: 8 });
    const sq = empiricalSpectrum(sv.values.map((s) => s * s));
    const pred = jacobianSpectrumPrediction(opts);
    // The prediction is the law smoothed by a Cauchy kernel of width η: it resolves the spectrum down to a few η.
    // Deep products put much of their mass below that (here ≈ 55 % below 10η), so the CDFs are compared above 10η,
    // where the first comparison point also checks the mass below.
    const lo = 10 * pred.eta;
    const v = sq.values;
    let sup = 0;
    v.forEach((t, i) => {
      if (t >= lo) sup = Math.max(sup, Math.abs((i + 1) / v.length - pred.cdf(t)), Math.abs(i / v.length - pred.cdf(t)));
    });
    expect(v.filter((t) => t < lo).length / v.length).toBeGreaterThan(0.3);
    expect(sup).toBeLessThan(0.05);
  });
  it("orthogonal tanh network is closer to isometry than Gaussian at the same χ₁", () => {
    const base = { width: 120, depth: 8, activation: "tanh" as const, sigmaW: 1.05, sigmaB: 0, inputVariance: 0.01, rng: 5 };
    const o = jacobianSingularValues({ ...base, weights: "orthogonal" });
    const g = jacobianSingularValues({ ...base, weights: "gaussian" });
    const spread = (s: typeof o) => s.values[s.size - 1] / Math.max(1e-12, s.values[Math.floor(s.size / 2)]);
    expect(spread(o)).toBeLessThan(spread(g));
    const pred = jacobianMomentPrediction({ depth: 8, activation: "tanh", sigmaW: 1.05, inputVariance: 0.01, weights: "orthogonal", K: 2 });
    const var_o = o.moment(4) - o.moment(2) ** 2;
    expect(Math.abs(var_o - (pred[2] - pred[1] ** 2))).toBeLessThan(0.1 * Math.max(0.01, pred[2] - pred[1] ** 2) + 0.01);
  });
});
