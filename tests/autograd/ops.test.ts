import { describe, expect, it } from "vitest";
import fc from "fast-check";
import ndarray from "ndarray";
import { Tensor, tensor, noGrad, linear, l1Loss, l2Loss, softmaxCrossEntropy, weightDecayPenalty } from "../../src/autograd/index";
import { activations } from "../../src/special/activations";
import { gradCheck, randomTensor } from "./gradcheck";

const TOL = 1e-6;
const dim = fc.integer({ min: 1, max: 4 });

describe("autograd: exact small cases", () => {
  it("computes values and gradients of a tiny expression by hand", () => {
    // L = Σ (x·w)², x = [1, 2], w = [[1, 2], [3, 4]]: x·w = [7, 10], L = 149, ∂L/∂w = xᵀ (2·[7, 10])
    const x = tensor([[1, 2]]);
    const w = tensor([[1, 2], [3, 4]], { requiresGrad: true });
    const loss = x.matmul(w).square().sum();
    expect(loss.item()).toBe(149);
    loss.backward();
    expect(Array.from(w.grad!)).toEqual([14, 20, 28, 40]);
    expect(x.grad).toBeNull();
  });

  it("accumulates gradients over backward calls and zeroGrad resets them", () => {
    const w = tensor([1, 2, 3], { requiresGrad: true });
    const loss = w.mul(w).sum();
    loss.backward();
    loss.backward();
    expect(Array.from(w.grad!)).toEqual([4, 8, 12]);
    w.zeroGrad();
    expect(Array.from(w.grad!)).toEqual([0, 0, 0]);
  });

  it("a tensor used twice gets both contributions (topological order)", () => {
    const a = tensor([3], { requiresGrad: true });
    const b = a.mul(2);
    const c = b.mul(b).add(b); // c = 4a² + 2a, dc/da = 8a + 2 = 26
    c.sum().backward();
    expect(a.grad![0]).toBe(26);
  });

  it("noGrad records no graph", () => {
    const w = tensor([1, 2], { requiresGrad: true });
    const y = noGrad(() => w.mul(3).sum());
    expect(y.requiresGrad).toBe(false);
    expect(y.parents.length).toBe(0);
    expect(() => y.backward()).toThrow(/noGrad/);
  });

  it("broadcasts like numpy and names both shapes when it cannot", () => {
    const a = tensor([[1, 2, 3], [4, 5, 6]]);
    expect(Array.from(a.add([10, 20, 30]).data)).toEqual([11, 22, 33, 14, 25, 36]);
    expect(Array.from(a.add(tensor([[1], [2]])).data)).toEqual([2, 3, 4, 6, 7, 8]);
    expect(Array.from(a.mul(2).data)).toEqual([2, 4, 6, 8, 10, 12]);
    expect(() => a.add([1, 2])).toThrow(/\[2, 3\].*\[2\]/);
    expect(() => a.matmul(a)).toThrow(/matmul: A has shape \[2, 3\] but B has shape \[2, 3\]/);
  });

  it("sum/mean/transpose/reshape/gatherRows/oneHot give the right values", () => {
    const a = tensor([[1, 2, 3], [4, 5, 6]]);
    expect(Array.from(a.sum(0).data)).toEqual([5, 7, 9]);
    expect(Array.from(a.sum(1).data)).toEqual([6, 15]);
    expect(a.sum(1, true).shape).toEqual([2, 1]);
    expect(a.mean().item()).toBe(3.5);
    expect(Array.from(a.T.data)).toEqual([1, 4, 2, 5, 3, 6]);
    expect(a.reshape(3, -1).shape).toEqual([3, 2]);
    expect(Array.from(a.gatherRows([1, 1, 0]).data)).toEqual([4, 5, 6, 4, 5, 6, 1, 2, 3]);
    expect(Array.from(Tensor.oneHot([2, 0], 3).data)).toEqual([0, 0, 1, 1, 0, 0]);
    expect(Array.from(a.argmax())).toEqual([2, 2]);
    expect(() => a.reshape(4, -1)).toThrow(/cannot reshape \[2, 3\]/);
    expect(() => a.gatherRows([2])).toThrow(/indices\[0\] = 2/);
  });

  it("relu gives exactly max(0, x) and 1[x > 0]·g, also at −0, ±∞ and NaN (its fast loop and its literal one)", () => {
    const literal = (v: number) => (v > 0 ? v : v <= 0 ? 0 : NaN);
    const slope = (v: number) => (v > 0 ? 1 : v <= 0 ? 0 : NaN);
    const finite = [-2.5, -0, 0, 1e-300, -1e-300, 3, -7, 0.25];
    for (const values of [finite, [...finite, Infinity, -Infinity], [...finite, NaN]]) {
      const x = tensor(values, { requiresGrad: true });
      const g = values.map((_, i) => (i % 2 === 0 ? -1.5 : 2));
      const y = x.relu();
      y.backward(g);
      values.forEach((v, i) => {
        expect(Object.is(y.data[i], literal(v))).toBe(true);
        expect(Object.is(x.grad![i], 0 + g[i] * slope(v))).toBe(true);
      });
    }
  });

  it("softmax cross entropy is stable for huge logits and equals −log p", () => {
    const z = tensor([[1000, 0, -1000]]);
    expect(softmaxCrossEntropy(z, [0]).item()).toBeCloseTo(0, 12);
    expect(softmaxCrossEntropy(z, [1]).item()).toBeCloseTo(1000, 9);
    const p = tensor([[1, 2, 3]]);
    const expected = -Math.log(Math.exp(2) / (Math.exp(1) + Math.exp(2) + Math.exp(3)));
    expect(softmaxCrossEntropy(p, [1]).item()).toBeCloseTo(expected, 12);
    // soft label = the same as a mixture of hard labels
    const soft = softmaxCrossEntropy(p, tensor([[0.3, 0.7, 0]])).item();
    expect(soft).toBeCloseTo(0.3 * softmaxCrossEntropy(p, [0]).item() + 0.7 * softmaxCrossEntropy(p, [1]).item(), 12);
  });

  it("L2 and L1 losses: per-sample sums, mean or sum over the batch", () => {
    const f = tensor([[1, 2], [3, 4]]);
    const y = tensor([[0, 0], [3, 6]]);
    expect(l2Loss(f, y, { reduction: "sum" }).item()).toBe(1 + 4 + 4);
    expect(l2Loss(f, y).item()).toBe(9 / 2);
    expect(l1Loss(f, y, { reduction: "sum" }).item()).toBe(1 + 2 + 2);
    expect(() => l2Loss(f, tensor([1, 2]))).toThrow(/prediction has shape \[2, 2\] but target has shape \[2\]/);
    expect(() => softmaxCrossEntropy(f, [0, 5])).toThrow(/label 1 is 5/);
  });

  it("accepts ndarray matrices (with strides), flat arrays with a shape, and rejects ragged arrays", () => {
    const m = ndarray(new Float64Array([1, 2, 3, 4, 5, 6]), [2, 3]);
    expect(Array.from(tensor(m).data)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(Array.from(tensor(m.transpose(1, 0)).data)).toEqual([1, 4, 2, 5, 3, 6]);
    expect(tensor(new Float64Array(6), [3, 2]).shape).toEqual([3, 2]);
    expect(() => tensor([[1, 2], [3]])).toThrow(/ragged/);
    expect(() => tensor([1, 2, 3], [2, 2])).toThrow(/needs 4 entries but the input has 3/);
  });

  it("prints shape and a trimmed view", () => {
    const s = String(tensor([[1, 2], [3, 4]], { requiresGrad: true }));
    expect(s).toContain("Tensor [2, 2] (requires grad)");
    expect(s).toContain("[1, 2]");
    const big = String(Tensor.zeros([100, 100]));
    expect(big.split("\n").length).toBeLessThan(12);
    expect(big).toContain("…");
  });
});

describe("autograd: gradients vs central differences on random shapes", () => {
  it("broadcasting add/sub/mul/div", () => {
    fc.assert(
      fc.property(dim, dim, fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 1e6 }), (m, n, pattern, seed) => {
        const a = randomTensor([m, n], seed);
        const bShape = [[m, n], [n], [m, 1], [1, n]][pattern];
        const b = randomTensor(bShape, seed + 1, 0.5, 2); // away from 0 for div
        expect(gradCheck((x, y) => x.add(y), [a, b])).toBeLessThan(TOL);
        expect(gradCheck((x, y) => x.sub(y), [a, b])).toBeLessThan(TOL);
        expect(gradCheck((x, y) => x.mul(y), [a, b])).toBeLessThan(TOL);
        expect(gradCheck((x, y) => x.div(y), [a, b])).toBeLessThan(TOL);
        expect(gradCheck((x, y) => y.div(x.square().add(1)), [a, b])).toBeLessThan(TOL);
      }),
      { numRuns: 15 },
    );
  });

  it("elementwise functions and activations", () => {
    fc.assert(
      fc.property(dim, dim, fc.integer({ min: 0, max: 1e6 }), (m, n, seed) => {
        const a = randomTensor([m, n], seed);
        const pos = randomTensor([m, n], seed, 0.3, 3);
        expect(gradCheck((x) => x.exp(), [a])).toBeLessThan(TOL);
        expect(gradCheck((x) => x.log(), [pos])).toBeLessThan(TOL);
        expect(gradCheck((x) => x.sqrt(), [pos])).toBeLessThan(TOL);
        expect(gradCheck((x) => x.pow(3), [a])).toBeLessThan(TOL);
        expect(gradCheck((x) => x.neg().square(), [a])).toBeLessThan(TOL);
        expect(gradCheck((x) => x.tanh(), [a])).toBeLessThan(TOL);
        expect(gradCheck((x) => x.sigmoid(), [a])).toBeLessThan(TOL);
        // kinks: relu/abs/hardTanh are differentiable away from 0 (and ±1); shift inputs away from them
        const u = randomTensor([m, n], seed, 0.1, 0.9);
        const safe = tensor(u.data.map((v, i) => (i % 2 === 0 ? v : -v)), [m, n]);
        expect(gradCheck((x) => x.relu(), [safe])).toBeLessThan(TOL);
        expect(gradCheck((x) => x.abs(), [safe])).toBeLessThan(TOL);
        for (const act of [activations.gelu, activations.softplus, activations.erf, activations.hardTanh, activations.identity]) {
          expect(gradCheck((x) => x.activate(act), [safe])).toBeLessThan(TOL);
        }
      }),
      { numRuns: 10 },
    );
  });

  it("sum and mean over axes, softmax, logSoftmax", () => {
    fc.assert(
      fc.property(dim, dim, dim, fc.integer({ min: 0, max: 1e6 }), (p, q, r, seed) => {
        const a = randomTensor([p, q, r], seed);
        expect(gradCheck((x) => x.sum(), [a])).toBeLessThan(TOL);
        expect(gradCheck((x) => x.sum(1), [a])).toBeLessThan(TOL);
        expect(gradCheck((x) => x.sum([0, 2], true), [a])).toBeLessThan(TOL);
        expect(gradCheck((x) => x.mean(-1), [a])).toBeLessThan(TOL);
        expect(gradCheck((x) => x.mean(), [a])).toBeLessThan(TOL);
        expect(gradCheck((x) => x.softmax(), [a])).toBeLessThan(TOL);
        expect(gradCheck((x) => x.logSoftmax(), [a])).toBeLessThan(TOL);
      }),
      { numRuns: 15 },
    );
  });

  it("matmul, linear (with and without bias), reshape, transpose, gatherRows", () => {
    fc.assert(
      fc.property(dim, dim, dim, fc.integer({ min: 0, max: 1e6 }), (m, k, n, seed) => {
        const a = randomTensor([m, k], seed);
        const b = randomTensor([k, n], seed + 1);
        const w = randomTensor([n, k], seed + 2);
        const bias = randomTensor([n], seed + 3);
        expect(gradCheck((x, y) => x.matmul(y), [a, b])).toBeLessThan(TOL);
        expect(gradCheck((x, y, z) => linear(x, y, z), [a, w, bias])).toBeLessThan(TOL);
        expect(gradCheck((x, y) => linear(x, y), [a, w])).toBeLessThan(TOL);
        expect(gradCheck((x) => x.transpose().reshape(-1), [a])).toBeLessThan(TOL);
        expect(gradCheck((x) => x.reshape(m, k, 1).transpose([2, 1, 0]), [a])).toBeLessThan(TOL);
        expect(gradCheck((x) => x.gatherRows([m - 1, 0, m - 1]), [a])).toBeLessThan(TOL);
      }),
      { numRuns: 15 },
    );
  });

  it("losses: L2, L1, softmax cross entropy (hard and soft labels), weight decay", () => {
    fc.assert(
      fc.property(dim, fc.integer({ min: 2, max: 5 }), fc.integer({ min: 0, max: 1e6 }), (N, C, seed) => {
        const f = randomTensor([N, C], seed);
        const y = randomTensor([N, C], seed + 1);
        // keep |f − y| away from 0 for L1's kink
        const yFar = tensor(f.data.map((v, i) => v + (i % 2 === 0 ? 0.5 : -0.5)), [N, C]);
        const labels = Array.from({ length: N }, (_, i) => (i * 7 + seed) % C);
        const soft = randomTensor([N, C], seed + 2).softmax();
        expect(gradCheck((p, t) => l2Loss(p, t), [f, y])).toBeLessThan(TOL);
        expect(gradCheck((p) => l2Loss(p, y, { reduction: "sum" }), [f])).toBeLessThan(TOL);
        expect(gradCheck((p) => l1Loss(p, yFar), [f])).toBeLessThan(TOL);
        expect(gradCheck((p) => softmaxCrossEntropy(p, labels), [f])).toBeLessThan(TOL);
        expect(gradCheck((p) => softmaxCrossEntropy(p, soft, { reduction: "sum" }), [f])).toBeLessThan(TOL);
        expect(gradCheck((p, q) => weightDecayPenalty([p, q], 0.3), [f, y])).toBeLessThan(TOL);
      }),
      { numRuns: 15 },
    );
  });
});

describe("interop", () => {
  it("toMatrix shares data with linalg (singular values of an orthogonal weight are σ_w)", async () => {
    const { svdvals } = await import("../../src/linalg/index");
    const { orthogonalInit } = await import("../../src/nn/init");
    const { randomGenerator } = await import("../../src/random/index");
    const W = new Tensor(orthogonalInit(2).weight(6, 6, randomGenerator(3)), [6, 6]);
    const m = W.toMatrix();
    expect(m.get(1, 2)).toBe(W.get(1, 2));
    for (const s of svdvals(m)) expect(s).toBeCloseTo(2, 10);
    expect(() => tensor([1, 2]).toMatrix()).toThrow(/2-D/);
  });
});
