import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { MLP, Linear, backpropMlp, gaussianInit, orthogonalInit, heInit, xavierInit, sgd, adam, stepSchedule, cosineSchedule } from "../../src/nn/index";
import { activations, customActivation } from "../../src/special/index";
import { Tensor, tensor, l2Loss, l1Loss, softmaxCrossEntropy, noGrad } from "../../src/autograd/index";
import { randomGenerator } from "../../src/random/index";

function randomMatrix(rows: number, cols: number, seed: number): Tensor {
  return Tensor.randn([rows, cols], randomGenerator(seed));
}

/** Central-difference gradient of loss(θ) w.r.t. every entry of `p`. */
function numericGrad(p: Tensor, loss: () => number, h = 1e-5): Float64Array {
  const out = new Float64Array(p.size);
  for (let k = 0; k < p.size; k++) {
    const s = p.data[k];
    p.data[k] = s + h;
    const up = loss();
    p.data[k] = s - h;
    const down = loss();
    p.data[k] = s;
    out[k] = (up - down) / (2 * h);
  }
  return out;
}

function relErr(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let d = 0, na = 0, nb = 0;
  for (let k = 0; k < a.length; k++) {
    d += (a[k] - b[k]) ** 2;
    na += a[k] ** 2;
    nb += b[k] ** 2;
  }
  // Relative error, measured against at least 1e-3 (these gradients are of order 1): a gradient that is exactly 0
  // (L1's signs cancelling over the batch) has a central difference of rounding size (~1e-10), not a relative 1.
  return Math.sqrt(d) / Math.max(Math.sqrt(na), Math.sqrt(nb), 1e-3);
}

describe("MLP: explicit backprop (δ recursion) vs autograd vs finite differences", () => {
  const cube = customActivation("cube", (x) => x * x * x / 3 + x, (x) => x * x + 1);
  it("agree to 1e-6 relative error for every loss and several activations", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 2, maxLength: 4 }),
        fc.integer({ min: 1, max: 4 }),
        fc.constantFrom(activations.tanh, activations.sigmoid, activations.gelu, cube, activations.identity),
        fc.constantFrom("l2", "l1", "softmaxCrossEntropy") as fc.Arbitrary<"l2" | "l1" | "softmaxCrossEntropy">,
        fc.boolean(),
        fc.integer({ min: 0, max: 1e6 }),
        (widths, N, act, lossName, bias, seed) => {
          if (lossName === "softmaxCrossEntropy" && widths[widths.length - 1] < 2) widths[widths.length - 1] = 2;
          const model = new MLP(widths, { activation: act, bias, rng: seed, init: gaussianInit(1.2, 0.3) });
          const X = randomMatrix(N, widths[0], seed + 1);
          const C = widths[widths.length - 1];
          const Y = lossName === "softmaxCrossEntropy" ? randomMatrix(N, C, seed + 2).softmax() : randomMatrix(N, C, seed + 2);
          const lossFn = (f: Tensor) => (lossName === "l2" ? l2Loss(f, Y) : lossName === "l1" ? l1Loss(f, Y) : softmaxCrossEntropy(f, Y));
          // autograd
          for (const p of model.parameters()) p.grad = null;
          const L = lossFn(model.forward(X));
          L.backward();
          // by hand
          const byHand = backpropMlp(model, X, Y, lossName);
          expect(byHand.loss).toBeCloseTo(L.item(), 12);
          const value = () => noGrad(() => lossFn(model.forward(X)).item());
          model.layers.forEach((layer, i) => {
            const numW = numericGrad(layer.weight, value);
            expect(relErr(byHand.weightGrads[i], numW)).toBeLessThan(1e-6);
            expect(relErr(layer.weight.grad!, numW)).toBeLessThan(1e-6);
            if (layer.bias) {
              const numB = numericGrad(layer.bias, value);
              expect(relErr(byHand.biasGrads[i], numB)).toBeLessThan(1e-6);
              expect(relErr(layer.bias.grad!, numB)).toBeLessThan(1e-6);
            }
          });
        },
      ),
      { numRuns: 25 },
    );
  });

  it("backpropMlp with ReLU and integer labels matches autograd exactly", () => {
    const model = new MLP([6, 8, 8, 3], { activation: "relu", rng: 3 });
    const X = randomMatrix(5, 6, 4);
    const labels = [0, 2, 1, 1, 0];
    softmaxCrossEntropy(model.forward(X), labels, { reduction: "sum" }).backward();
    const byHand = backpropMlp(model, X, labels, "softmaxCrossEntropy", { reduction: "sum" });
    model.layers.forEach((layer, i) => expect(relErr(byHand.weightGrads[i], layer.weight.grad!)).toBeLessThan(1e-12));
  });

  it("softmax cross entropy stays finite for logits far apart (p underflows to 0), like autograd's", () => {
    const model = new MLP([2, 3], { activation: "identity", rng: 1 });
    model.layers[0].weight.data.set([800, 0, 0, 800, -800, -800]); // logits (800x₁, 800x₂, −800(x₁ + x₂))
    const X = tensor([[1, 0], [0, 1]]);
    const labels = [2, 0]; // the class with the smallest logit: log p = −1600 and −800
    const byHand = backpropMlp(model, X, labels, "softmaxCrossEntropy", { reduction: "sum" });
    const auto = softmaxCrossEntropy(model.forward(X), labels, { reduction: "sum" }).item();
    expect(byHand.loss).toBeCloseTo(1600 + 800, 9);
    expect(auto).toBeCloseTo(1600 + 800, 9);
  });
});

describe("models", () => {
  it("Linear and MLP expose shapes, parameter counts and a readable summary", () => {
    const m = new MLP([784, 256, 10], { activation: "relu", rng: 1 });
    expect(m.layers[0].weight.shape).toEqual([256, 784]);
    expect(m.layers[1].bias!.shape).toEqual([10]);
    expect(m.parameterCount()).toBe(784 * 256 + 256 + 256 * 10 + 10);
    expect(String(m)).toContain("MLP 784 → 256 → 10");
    expect(String(m)).toContain("203,530 parameters");
    const noBias = new MLP([3, 4, 2], { bias: false });
    expect(noBias.parameterCount()).toBe(12 + 8);
    expect(noBias.biases()).toEqual([]);
    expect(String(new Linear(3, 2))).toBe("Linear(3 → 2), 8 parameters");
  });

  it("forwardRecord keeps h_l and x_l = φ(h_l) and its output equals forward", () => {
    const m = new MLP([3, 5, 4, 2], { activation: "tanh", rng: 2 });
    const X = randomMatrix(7, 3, 9);
    const r = m.forwardRecord(X);
    expect(r.x.length).toBe(3);
    expect(r.h.length).toBe(3);
    expect(r.x[0].data).toEqual(X.data);
    for (let k = 0; k < r.h[0].size; k++) expect(r.x[1].data[k]).toBe(Math.tanh(r.h[0].data[k]));
    expect(Array.from(r.output.data)).toEqual(Array.from(m.predict(X).data));
  });

  it("same seed, same weights; bad widths and wrong input shapes give clear errors", () => {
    expect(new MLP([4, 3], { rng: 5 }).layers[0].weight.data).toEqual(new MLP([4, 3], { rng: 5 }).layers[0].weight.data);
    expect(() => new MLP([4])).toThrow(/at least two integers/);
    expect(() => new MLP([4, 0])).toThrow(/widths/);
    expect(() => new MLP([4, 3], { activation: "rleu" as never })).toThrow(/"relu"/);
    expect(() => new MLP([4, 3]).forward(randomMatrix(2, 5, 1))).toThrow(/x must be N × 4.*\[2, 5\]/);
  });

  it("initialisations have the variances of the notes; orthogonal has all singular values σ_w", () => {
    const rng = randomGenerator(11);
    const n = 400;
    const variance = (w: Float64Array) => w.reduce((s, v) => s + v * v, 0) / w.length;
    expect(variance(gaussianInit(2, 0).weight(n, n, rng)) * n).toBeCloseTo(4, 0);
    expect(variance(gaussianInit(1, 0.5).bias(20000, rng))).toBeCloseTo(0.25, 1);
    expect(variance(heInit().weight(n, n, rng)) * n).toBeCloseTo(2, 0);
    expect(variance(xavierInit().weight(100, 300, rng))).toBeCloseTo(2 / 400, 3);
    // W Wᵀ = σ_w² I for a wide orthogonal W (orthonormal rows)
    const W = new Tensor(orthogonalInit(1.5).weight(5, 8, rng), [5, 8]);
    const G = W.matmul(W.T);
    for (let i = 0; i < 5; i++) for (let j = 0; j < 5; j++) expect(G.get(i, j)).toBeCloseTo(i === j ? 2.25 : 0, 12);
    expect(() => gaussianInit(-1)).toThrow(/σ_w/);
  });
});

describe("optimizers", () => {
  it("one SGD step is θ − η∇L₀ including weight decay 2λθ; momentum and Adam match hand computations", () => {
    const w = tensor([1, -2], { requiresGrad: true });
    const opt = sgd([w], { learningRate: 0.1, weightDecay: 0.5 });
    w.grad = new Float64Array([3, 4]);
    opt.step();
    expect(Array.from(w.data)).toEqual([1 - 0.1 * (3 + 1), -2 - 0.1 * (4 - 2)]);

    const u = tensor([1], { requiresGrad: true });
    const mom = sgd([u], { learningRate: 0.1, momentum: 0.9 });
    u.grad = new Float64Array([1]);
    mom.step(); // v = 1, u = 0.9
    mom.step(); // v = 1.9, u = 0.71
    expect(u.data[0]).toBeCloseTo(0.71, 14);

    const a = tensor([1], { requiresGrad: true });
    const ad = adam([a], { learningRate: 0.01 });
    a.grad = new Float64Array([5]);
    ad.step(); // first Adam step moves by η·sign(g) (up to ε)
    expect(a.data[0]).toBeCloseTo(0.99, 8);
  });

  it("schedules: step and cosine", () => {
    const s = stepSchedule(1, 10, 0.5);
    expect([s(0), s(9), s(10), s(25)]).toEqual([1, 1, 0.5, 0.25]);
    const c = cosineSchedule(1, 100, 0.1);
    expect(c(0)).toBe(1);
    expect(c(50)).toBeCloseTo(0.55, 12);
    expect(c(100)).toBeCloseTo(0.1, 12);
    expect(c(500)).toBeCloseTo(0.1, 12);
  });

  it("bad hyper-parameters throw at construction and leave parameters untouched", () => {
    const model = new MLP([2, 3, 1], { rng: 1 });
    const before = model.parameters().map((p) => p.data.slice());
    expect(() => sgd(model.parameters(), { learningRate: NaN })).toThrow(/learning rate η must be a finite number > 0, got NaN/);
    expect(() => sgd(model.parameters(), { learningRate: -0.1 })).toThrow(/got -0.1/);
    expect(() => sgd(model.parameters(), { learningRate: 0.1, weightDecay: -1 })).toThrow(/weightDecay λ must be a finite number ≥ 0, got -1/);
    expect(() => adam(model.parameters(), { learningRate: 0.1, beta1: 1 })).toThrow(/beta1/);
    expect(() => sgd(model.parameters(), { learningRate: 0.1, momentum: 1.5 })).toThrow(/momentum/);
    // a NaN gradient: step refuses and changes nothing
    const opt = sgd(model.parameters(), { learningRate: 0.1 });
    for (const p of model.parameters()) p.grad = new Float64Array(p.size).fill(1);
    model.parameters()[1].grad![0] = NaN;
    expect(() => opt.step()).toThrow(/non-finite.*no parameter was changed/);
    model.parameters().forEach((p, i) => expect(p.data).toEqual(before[i]));
    expect(opt.stepCount).toBe(0);
  });
});
