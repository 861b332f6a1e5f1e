import { describe, expect, it } from "vitest";
import { decoupledJacobianSingularValues, jacobianMomentPrediction } from "../../src/rmt/index";

describe("decoupledJacobianSingularValues", () => {
  it("linear network with orthogonal weights, σ_w = 1: J is orthogonal, every singular value is 1", () => {
    const s = decoupledJacobianSingularValues({ width: 30, depth: 4, activation: "identity", weights: "orthogonal", rng: 1 });
    expect(s.size).toBe(30);
    for (const v of s.values) expect(v).toBeCloseTo(1, 10);
  });
  it("pools `initializations` networks and scales with σ_w^L for a linear Gaussian network (mean s² = σ_w^{2L})", () => {
    const s = decoupledJacobianSingularValues({ width: 100, depth: 3, activation: "identity", sigmaW: 1.2, initializations: 4, rng: 2 });
    expect(s.size).toBe(400);
    const m1 = s.values.reduce((a, v) => a + v * v, 0) / s.size;
    expect(Math.abs(m1 / 1.2 ** 6 - 1)).toBeLessThan(0.05);
  });
  it("tanh, orthogonal weights: moments of s² agree with the iterated ⊠ (independent D is free from W)", () => {
    const opts = { depth: 4, activation: "tanh" as const, sigmaW: 1.3, weights: "orthogonal" as const, inputVariance: 0.5 };
    const exact = jacobianMomentPrediction({ ...opts, K: 2 });
    const s = decoupledJacobianSingularValues({ ...opts, width: 200, initializations: 3, rng: 3 });
    const m = [1, 2].map((k) => s.values.reduce((a, v) => a + v ** (2 * k), 0) / s.size);
    expect(Math.abs(m[0] / exact[1] - 1)).toBeLessThan(0.05);
    expect(Math.abs(m[1] / exact[2] - 1)).toBeLessThan(0.1);
  });
  it("rejects a bad width with the argument's name", () => {
    expect(() => decoupledJacobianSingularValues({ width: 0, depth: 2, activation: "tanh", rng: 1 })).toThrow(/width/);
  });
});
