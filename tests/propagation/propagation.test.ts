import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { meanFieldVarianceMap, meanFieldFixedPoint, meanFieldChi1, signalPropagation, hiddenNormIdentity, activationScale } from "../../src/propagation/index";
import { randomFeedForward, forwardPass } from "../../src/nn/index";
import { gaussHermite, gaussianExpectation, erf, resolveActivation } from "../../src/special/index";
import { randomGenerator } from "../../src/random/index";

/** (k−1)!! for even k: E z^k for z ~ N(0,1). */
function gaussMoment(k: number): number {
  if (k % 2) return 0;
  let r = 1;
  for (let j = k - 1; j > 0; j -= 2) r *= j;
  return r;
}

describe("Gauss–Hermite", () => {
  it("weights sum to √π and nodes are symmetric", () => {
    const { nodes, weights } = gaussHermite(10);
    expect(weights.reduce((a, b) => a + b, 0)).toBeCloseTo(Math.sqrt(Math.PI), 12);
    for (let i = 0; i < 10; i++) expect(nodes[i]).toBeCloseTo(-nodes[9 - i], 12);
  });
  it("n = 2 has nodes ±1/√2 and weights √π/2", () => {
    const { nodes, weights } = gaussHermite(2);
    expect(nodes[1]).toBeCloseTo(Math.SQRT1_2, 14);
    expect(weights[0]).toBeCloseTo(Math.sqrt(Math.PI) / 2, 14);
  });
  it("integrates polynomials of degree ≤ 2n−1 exactly (Gaussian moments)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 12 }), fc.double({ min: 0.1, max: 3, noNaN: true }), (n, q) => {
        for (let k = 0; k <= 2 * n - 1; k++) {
          const exact = gaussMoment(k) * q ** (k / 2);
          const approx = gaussianExpectation((h) => h ** k, q, n);
          expect(Math.abs(approx - exact)).toBeLessThanOrEqual(1e-10 * (1 + gaussMoment(2 * Math.ceil(k / 2)) * q ** (k / 2)));
        }
      }),
      { numRuns: 30 },
    );
  });
  it("is not exact beyond degree 2n−1 (the test above can fail)", () => {
    expect(Math.abs(gaussianExpectation((h) => h ** 4, 1, 2) - 3)).toBeGreaterThan(0.5);
  });
});

describe("activations", () => {
  it("erf matches known values", () => {
    expect(erf(0.5)).toBeCloseTo(0.5204998778130465, 14);
    expect(erf(-1)).toBeCloseTo(-0.8427007929497149, 14);
    expect(erf(3)).toBeCloseTo(0.9999779095030014, 14);
  });
  it("rejects unknown names with a clear message", () => {
    expect(() => resolveActivation("relux" as never)).toThrow(/relu/);
  });
});

describe("mean-field variance map", () => {
  it("ReLU: V(q) = σ_w² q/2 + σ_b² exactly, χ₁ = σ_w²/2", () => {
    const opts = { sigmaW: 1.3, sigmaB: 0.2, activation: "relu" as const };
    expect(meanFieldVarianceMap(0.7, opts)).toBeCloseTo(1.69 * 0.35 + 0.04, 12);
    expect(meanFieldChi1(0.7, opts)).toBeCloseTo(1.69 / 2, 12);
  });
  it("linear: fixed point σ_b²/(1 − σ_w²) for σ_w < 1", () => {
    const fp = meanFieldFixedPoint({ sigmaW: 0.8, sigmaB: 0.3, activation: "identity" });
    expect(fp.converged).toBe(true);
    expect(fp.qStar).toBeCloseTo(0.09 / (1 - 0.64), 9);
    expect(fp.chi1).toBeCloseTo(0.64, 12);
  });
  it("ReLU with σ_w² > 2 diverges", () => {
    expect(meanFieldFixedPoint({ sigmaW: 1.6, sigmaB: 0.1, activation: "relu" }).qStar).toBe(Infinity);
  });
  it("tanh: q* is a fixed point of V and χ₁ matches E[sech⁴]", () => {
    const opts = { sigmaW: 1.5, sigmaB: 0.05, activation: "tanh" as const };
    const fp = meanFieldFixedPoint(opts);
    expect(fp.converged).toBe(true);
    expect(meanFieldVarianceMap(fp.qStar, opts)).toBeCloseTo(fp.qStar, 9);
    // Monte Carlo check of the quadrature value of χ₁.
    const g = randomGenerator(3);
    const z = g.normalArray(200000, 0, Math.sqrt(fp.qStar));
    let s = 0;
    for (const h of z) s += (1 - Math.tanh(h) ** 2) ** 2;
    expect(fp.chi1).toBeCloseTo((2.25 * s) / z.length, 2);
  });
  it("tanh with σ_b = 0: edge of chaos at σ_w = 1 (χ₁ = 1 at q* = 0)", () => {
    expect(meanFieldChi1(0, { sigmaW: 1, sigmaB: 0, activation: "tanh" })).toBeCloseTo(1, 12);
  });
});

describe("signal propagation", () => {
  it("measured E‖h_l‖² follows the mean-field prediction (ReLU, He init)", () => {
    const r = signalPropagation({ width: 200, depth: 6, activation: "relu", sigmaW: Math.SQRT2, sigmaB: 0, inputs: 10, initializations: 6, rng: 1 });
    for (let l = 0; l < 6; l++) {
      expect(Math.abs(r.meanSquaredNorm[l] / r.meanFieldPrediction[l] - 1)).toBeLessThan(0.15);
    }
    expect(r.toString()).toContain("depth 6");
  });
  it("σ_w = 1 ReLU halves the signal layer after layer", () => {
    const r = signalPropagation({ width: 200, depth: 5, activation: "relu", sigmaW: 1, inputs: 10, initializations: 5, rng: 2 });
    const ratio = r.meanSquaredNorm[4] / r.meanSquaredNorm[0];
    expect(ratio).toBeGreaterThan(0.0625 * 0.7);
    expect(ratio).toBeLessThan(0.0625 * 1.3);
  });
  it("E‖h‖² = ‖x‖² + 1 with W_ij, b_i ~ N(0, 1/n)", () => {
    const x = randomGenerator(5).normalArray(30, 0, 1);
    const c = hiddenNormIdentity({ x, samples: 4000, rng: 6 });
    expect(c.rhs).toBeCloseTo(c.inputSquaredNorm + 1, 12);
    expect(Math.abs(c.lhs - c.rhs)).toBeLessThan(4 * c.standardError);
    // Fan-in variance 1/n_in with n_out ≠ n_in: (n_out/n_in)‖x‖² + n_out s_b.
    const d = hiddenNormIdentity({ x, outputWidth: 60, weightVariance: 1 / 30, biasVariance: 0, samples: 2000, rng: 7 });
    expect(d.rhs).toBeCloseTo(2 * d.inputSquaredNorm, 10);
    expect(Math.abs(d.lhs - d.rhs)).toBeLessThan(4 * d.standardError);
  });
  it("ReLU halves E h²: factor 2", () => {
    const c = activationScale({ activation: "relu", variance: 2.5, samples: 50000, rng: 8 });
    expect(c.factor).toBeCloseTo(2, 12);
    expect(c.monteCarlo / c.quadrature).toBeCloseTo(1, 1);
  });
  it("orthogonal weights keep the norm of a linear network exactly", () => {
    const net = randomFeedForward({ widths: [16, 16, 16, 16], activation: "identity", weights: "orthogonal", rng: 9 });
    const x = randomGenerator(10).normalArray(16, 0, 1);
    const p = forwardPass(net, [Array.from(x)]);
    const n2 = (a: ArrayLike<number>) => Array.from(a).reduce((s, v) => s + v * v, 0);
    expect(n2(p.preactivations[2].data)).toBeCloseTo(n2(x), 9);
  });
  it("rejects bad input before doing anything", () => {
    expect(() => signalPropagation({ width: 0, depth: 3, activation: "relu", rng: 1 })).toThrow(/width/);
    expect(() => meanFieldVarianceMap(-1, { sigmaW: 1, sigmaB: 0, activation: "relu" })).toThrow(/q/);
  });
});

describe("E‖h_l‖² = E‖x_{l−1}‖² + 1 with random x_{l−1} = φ(h_{l−1})", () => {
  it("holds when x is itself random (ReLU features of a previous layer)", () => {
    const g = randomGenerator(21);
    const n = 20;
    const rows = Array.from({ length: 50 }, () => Array.from(g.normalArray(n, 0, 1.5), (v) => Math.max(0, v)));
    const c = hiddenNormIdentity({ x: rows, samples: 3000, rng: 22 });
    expect(Math.abs(c.lhs - c.rhs)).toBeLessThan(4 * c.standardError);
    expect(c.rhs).toBeCloseTo(c.inputSquaredNorm + 1, 12);
    expect(c.toString()).toContain("E‖x‖²");
  });
});
