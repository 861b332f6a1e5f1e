import { describe, expect, it } from "vitest";
import {
  empiricalNtk,
  conjugateKernel,
  perExampleGradients,
  infiniteWidthKernels,
  linearizedPrediction,
  trainFeedForward,
} from "../../src/kernels/index";
import { randomFeedForward, FeedForwardNet, forwardPass } from "../../src/nn/index";
import { randomGenerator } from "../../src/random/index";
import { fromFloat64, Matrix, eigvalsh } from "../../src/linalg/index";

function randomInputs(N: number, n: number, seed: number): Matrix {
  return fromFloat64(randomGenerator(seed).normalArray(N * n, 0, 1), N, n);
}

/** ∂f(x_m)/∂θ for every raw parameter, by central differences. */
function gradientsByDifferences(net: FeedForwardNet, X: Matrix): number[][] {
  const params: Float64Array[] = net.parameters().map((p) => p.data);
  const N = X.shape[0];
  const grads: number[][] = Array.from({ length: N }, () => []);
  const h = 1e-6;
  for (const p of params)
    for (let i = 0; i < p.length; i++) {
      const keep = p[i];
      p[i] = keep + h;
      const fp = net.predict(X).data.slice();
      p[i] = keep - h;
      const fm = net.predict(X).data.slice();
      p[i] = keep;
      for (let m = 0; m < N; m++) grads[m].push((fp[m] - fm[m]) / (2 * h));
    }
  return grads;
}

function relError(A: Matrix, B: Matrix): number {
  let num = 0;
  let den = 0;
  for (let i = 0; i < A.data.length; i++) {
    num += (A.data[i] - B.data[i]) ** 2;
    den += B.data[i] ** 2;
  }
  return Math.sqrt(num / den);
}

describe("empirical NTK", () => {
  for (const param of ["standard", "ntk"] as const) {
    it(`equals Σ_p ∂f/∂θ_p ∂f/∂θ_p (finite differences, tanh, ${param})`, () => {
      const net = randomFeedForward({ widths: [3, 5, 4, 1], activation: "tanh", sigmaW: 1.2, sigmaB: 0.4, parametrization: param, rng: 1 });
      const X = randomInputs(4, 3, 2);
      const T = empiricalNtk(net, X);
      const g = gradientsByDifferences(net, X);
      for (let i = 0; i < 4; i++)
        for (let j = 0; j < 4; j++) {
          const dot = g[i].reduce((s, v, k) => s + v * g[j][k], 0);
          expect(T.get(i, j)).toBeCloseTo(dot, 6);
        }
    });
  }
  it("approaches the analytic ReLU NTK as the width grows (NTK parametrisation)", () => {
    const X = randomInputs(6, 4, 3);
    const opts = { depth: 3, activation: "relu" as const, sigmaW: Math.SQRT2, sigmaB: 0.1 };
    const { ntk, nngp } = infiniteWidthKernels(X, opts);
    const err = (width: number, seed: number) => {
      const net = randomFeedForward({ widths: [4, width, width, 1], activation: "relu", sigmaW: opts.sigmaW, sigmaB: opts.sigmaB, parametrization: "ntk", rng: seed });
      return relError(empiricalNtk(net, X), ntk);
    };
    const small = (err(32, 4) + err(32, 5)) / 2;
    const large = (err(2048, 6) + err(2048, 7)) / 2;
    expect(large).toBeLessThan(small);
    expect(large).toBeLessThan(0.08);
    // Conjugate kernel → E[φ(u)φ(v)] = (Σᴸ − σ_b²)/σ_w².
    const net = randomFeedForward({ widths: [4, 2048, 2048, 1], activation: "relu", sigmaW: opts.sigmaW, sigmaB: opts.sigmaB, parametrization: "ntk", rng: 8 });
    const ck = conjugateKernel(net, X);
    const target = fromFloat64(nngp.data.map((v) => (v - 0.01) / 2), 6, 6);
    expect(relError(ck, target)).toBeLessThan(0.08);
  });
  it("erratum 3: the CK of one hidden layer tends to (K∞ − σ_b²)/σ_w², not to K∞ (day2/05's setting)", () => {
    const X = randomInputs(8, 10, 12);
    const sigmaW = Math.SQRT2;
    const sigmaB = 0.1;
    const { nngp } = infiniteWidthKernels(X, { depth: 2, activation: "relu", sigmaW: sigmaW, sigmaB: sigmaB });
    const limit = fromFloat64(nngp.data.map((v) => (v - sigmaB ** 2) / sigmaW ** 2), 8, 8);
    const ckErr = (width: number, seed: number) => {
      const net = randomFeedForward({ widths: [10, width, 1], activation: "relu", sigmaW: sigmaW, sigmaB: sigmaB, parametrization: "ntk", rng: seed });
      return relError(conjugateKernel(net, X), limit);
    };
    const wide = randomFeedForward({ widths: [10, 20000, 1], activation: "relu", sigmaW: sigmaW, sigmaB: sigmaB, parametrization: "ntk", rng: 13 });
    expect(relError(conjugateKernel(wide, X), limit)).toBeLessThan(0.04);
    // K∞ itself is a factor σ_w² ≈ 2 away: the wide CK is far from it.
    expect(relError(conjugateKernel(wide, X), nngp)).toBeGreaterThan(0.4);
    // and the error falls with the width (≈ 1/√n).
    expect(ckErr(20000, 13)).toBeLessThan(ckErr(200, 14));
  });
  it("erf NTK approaches the analytic one too", () => {
    const X = randomInputs(5, 3, 9);
    const { ntk } = infiniteWidthKernels(X, { depth: 2, activation: "erf", sigmaW: 1.5, sigmaB: 0.2 });
    const net = randomFeedForward({ widths: [3, 3000, 1], activation: "erf", sigmaW: 1.5, sigmaB: 0.2, parametrization: "ntk", rng: 10 });
    expect(relError(empiricalNtk(net, X), ntk)).toBeLessThan(0.06);
  });
  it("analytic kernels: depth 1 is the linear kernel; ReLU diagonal follows the variance map", () => {
    const X = [[1, 0], [0.6, 0.8]];
    const k1 = infiniteWidthKernels(X, { depth: 1, activation: "relu", sigmaW: 1, sigmaB: 0 });
    expect(k1.ntk.get(0, 1)).toBeCloseTo(0.3, 14);
    const k2 = infiniteWidthKernels(X, { depth: 2, activation: "relu", sigmaW: Math.SQRT2, sigmaB: 0 });
    // Σ²(x,x) = 2·(Σ¹(x,x)/2) = Σ¹(x,x) = 2·1/2 = 1; Θ² = Σ¹·Σ̇² + Σ² = 1·(2·½) + 1 = 2.
    expect(k2.nngp.get(0, 0)).toBeCloseTo(1, 12);
    expect(k2.ntk.get(0, 0)).toBeCloseTo(2, 12);
  });
});

describe("linearised dynamics", () => {
  it("f_t = Y + e^{−ηΘt}(f₀ − Y) predicts gradient descent on a wide network", () => {
    const X = randomInputs(6, 3, 11);
    const Y = Array.from(randomGenerator(12).normalArray(6, 0, 1));
    const net = randomFeedForward({ widths: [3, 1024, 1024, 1], activation: "relu", sigmaW: Math.SQRT2, sigmaB: 0.1, parametrization: "ntk", rng: 13 });
    const theta = empiricalNtk(net, X);
    const f0 = net.predict(X).data;
    const eta = 0.05;
    const steps = [0, 10, 40];
    const run = trainFeedForward(net, X, Y, { learningRate: eta, steps: 40, record: steps });
    const pred = linearizedPrediction(theta, f0, Y, eta, steps);
    const r0 = Math.sqrt(Y.reduce((s, y, m) => s + (y - f0[m]) ** 2, 0));
    for (let s = 0; s < steps.length; s++)
      for (let m = 0; m < 6; m++) expect(Math.abs(run.outputs.get(s, m) - pred.get(s, m))).toBeLessThan(0.05 * r0);
    expect(run.losses[2]).toBeLessThan(run.losses[0]);
    // The original network is untouched.
    expect(net.predict(X).data).toEqual(f0);
  });
  it("training rejects a non-scalar network and bad learning rates", () => {
    const net = randomFeedForward({ widths: [2, 3, 2], activation: "relu", rng: 1 });
    expect(() => trainFeedForward(net, [[1, 2]], [1], { learningRate: 0.1, steps: 1 })).toThrow(/scalar/);
    const net1 = randomFeedForward({ widths: [2, 3, 1], activation: "relu", rng: 1 });
    expect(() => trainFeedForward(net1, [[1, 2]], [1], { learningRate: -1, steps: 1 })).toThrow(/learningRate/);
  });
});

import { mlp } from "../../src/nn/index";
import { networkJacobian } from "../../src/rmt/index";

describe("one network type: an MLP of Day 1 is the network of Day 2", () => {
  it("its explicit forward pass is its autograd forward, and it has a Jacobian, an NTK and a summary", () => {
    const model = mlp([3, 8, 2], { activation: "tanh", rng: 4 });
    const x = [0.3, -1, 0.5];
    const pass = forwardPass(model, [x]);
    expect(Array.from(pass.preactivations[1].data)).toEqual(Array.from(model.predict([x]).data));
    // Compare with an explicit evaluation from the MLP's weights.
    const W1 = model.layers[0].weight.data, b1 = model.layers[0].bias!.data;
    const W2 = model.layers[1].weight.data, b2 = model.layers[1].bias!.data;
    const h1 = Array.from({ length: 8 }, (_, i) => Math.tanh(b1[i] + x.reduce((s, v, j) => s + W1[i * 3 + j] * v, 0)));
    const f = model.predict([x]).data;
    for (let k = 0; k < 2; k++) expect(f[k]).toBeCloseTo(b2[k] + h1.reduce((s, v, i) => s + W2[k * 8 + i] * v, 0), 12);
    expect(networkJacobian(model, x).shape).toEqual([2, 3]);
    expect(empiricalNtk(model, [x, [1, 0, 0]]).shape).toEqual([2, 2]);
    expect(model.toString()).toContain("3 → 8 → 2");
  });
  it("in the ntk parametrisation the autograd forward and the explicit pass agree too", () => {
    const net = randomFeedForward({ widths: [3, 5, 2], activation: "tanh", sigmaW: 1.3, sigmaB: 0.4, parametrization: "ntk", rng: 5 });
    const X = randomInputs(4, 3, 6);
    const explicit = forwardPass(net, X).preactivations[1].data;
    const autograd = net.predict(X).data;
    for (let i = 0; i < explicit.length; i++) expect(autograd[i]).toBeCloseTo(explicit[i], 13);
    expect(net.toString()).toContain("ntk parametrisation");
  });
});

describe("perExampleGradients", () => {
  it("GGᵀ is the empirical NTK, and the p×p GᵀG has the same nonzero eigenvalues", () => {
    const X = randomInputs(5, 3, 21);
    const net = randomFeedForward({ widths: [3, 4, 1], activation: "tanh", sigmaW: 1.2, sigmaB: 0.3, parametrization: "ntk", rng: 22 });
    const G = perExampleGradients(net, X);
    const p = 3 * 4 + 4 + 4 + 1;
    expect(G.shape).toEqual([5, p]);
    const T = empiricalNtk(net, X);
    for (let i = 0; i < 5; i++)
      for (let j = 0; j < 5; j++) {
        let dot = 0;
        for (let k = 0; k < p; k++) dot += G.get(i, k) * G.get(j, k);
        expect(dot).toBeCloseTo(T.get(i, j), 10);
      }
    const GtG = new Float64Array(p * p);
    for (let a = 0; a < p; a++) for (let b = 0; b < p; b++) for (let m = 0; m < 5; m++) GtG[a * p + b] += G.get(m, a) * G.get(m, b);
    const big = Array.from(eigvalsh(fromFloat64(GtG, p, p))).sort((u, v) => v - u);
    const small = Array.from(eigvalsh(T)).sort((u, v) => v - u);
    small.forEach((v, i) => expect(big[i]).toBeCloseTo(v, 8));
    big.slice(5).forEach((v) => expect(Math.abs(v)).toBeLessThan(1e-9));
  });
  it("one column is a finite difference of f in that parameter (W_1[0][1])", () => {
    const X = randomInputs(3, 2, 23);
    const net = randomFeedForward({ widths: [2, 3, 1], activation: "tanh", sigmaW: 1, sigmaB: 0.2, parametrization: "ntk", rng: 24 });
    const G = perExampleGradients(net, X);
    const eps = 1e-6;
    const shifted = (d: number) => {
      const copy = net.clone();
      copy.layers[0].weight.data[1] += d;
      return copy.predict(X);
    };
    const up = shifted(eps);
    const down = shifted(-eps);
    for (let m = 0; m < 3; m++) expect(G.get(m, 1)).toBeCloseTo((up.get(m, 0) - down.get(m, 0)) / (2 * eps), 6);
  });
});

describe("linearizedPrediction, mode \"steps\"", () => {
  it("equals t explicit steps f ← f − ηΘ(f − Y), and differs from the flow when ηλ is not small", () => {
    const T = fromFloat64(Float64Array.from([2, 0.5, 0.5, 1]), 2, 2);
    const f0 = [0.3, -1];
    const Y = [1, 0.5];
    const eta = 0.4;
    let f = f0.slice();
    for (let t = 0; t < 6; t++) {
      const r = [f[0] - Y[0], f[1] - Y[1]];
      f = [f[0] - eta * (2 * r[0] + 0.5 * r[1]), f[1] - eta * (0.5 * r[0] + 1 * r[1])];
    }
    const steps = linearizedPrediction(T, f0, Y, eta, [0, 6], "steps");
    expect(steps.get(1, 0)).toBeCloseTo(f[0], 12);
    expect(steps.get(1, 1)).toBeCloseTo(f[1], 12);
    expect(steps.get(0, 0)).toBeCloseTo(f0[0], 12);
    const flow = linearizedPrediction(T, f0, Y, eta, [6]);
    expect(Math.abs(flow.get(0, 0) - f[0])).toBeGreaterThan(1e-3);
  });
  it("rejects a fractional step count and an unknown mode", () => {
    const T = [[1, 0], [0, 1]];
    expect(() => linearizedPrediction(T, [0, 0], [1, 1], 0.1, [1.5], "steps")).toThrow(/times \(steps\)/);
    expect(() => linearizedPrediction(T, [0, 0], [1, 1], 0.1, [1], "euler" as any)).toThrow(/mode/);
  });
});
