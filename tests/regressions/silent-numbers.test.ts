/**
 * Issue 14, "wrong numbers without a word": each case gave a wrong or silently swallowed number before the fix.
 */
import { describe, expect, it } from "vitest";
import { gemm } from "../../src/linalg/gemm";
import { matmul } from "../../src/linalg/index";
import { tensor } from "../../src/autograd/index";
import { MLP, sgd, silentMonitor, backpropMlp, type TrainingMonitor } from "../../src/nn/index";
import { activations } from "../../src/special/index";
import { fit, DivergenceError } from "../../src/train/index";
import { randomGenerator } from "../../src/random/index";

describe("matrix product: 0·NaN stays NaN at every size", () => {
  it("matmul([[0, 1]], [[NaN], [1]]) is NaN (the small path used to skip the zero)", () => {
    expect(matmul([[0, 1]], [[NaN], [1]]).get(0, 0)).toBeNaN();
    expect(matmul([[0, 1]], [[Infinity], [1]]).get(0, 0)).toBeNaN();
  });

  it("a zero row times a NaN column gives NaN in the small and in the packed path alike", () => {
    for (const n of [2, 8, 64]) {
      for (const [transA, transB] of [[false, false], [true, false], [false, true], [true, true]] as const) {
        const a = new Float64Array(n * n); // A = 0 except a[0,1] = 1
        a[1] = 1;
        const b = new Float64Array(n * n).fill(1);
        b[0] = NaN; // B[0,0] = NaN (the same entry in Bᵀ)
        const c = new Float64Array(n * n);
        gemm(transA, transB, n, n, n, 1, a, b, 0, c);
        // C[0,0] = Σ_p op(A)[0,p] op(B)[p,0] includes op(A)[0,0]·B[0,0] = 0·NaN, and so does every other entry of
        // row 0 (transA) or column 0 (not transA) of the product that meets the NaN.
        expect(c[0], `n = ${n}, transA = ${transA}, transB = ${transB}`).toBeNaN();
      }
    }
  });
});

describe("relu propagates NaN", () => {
  it("activations.relu: f(NaN) and f'(NaN) are NaN; 0 and negatives as before", () => {
    expect(activations.relu.f(NaN)).toBeNaN();
    expect(activations.relu.df(NaN)).toBeNaN();
    expect(activations.relu.f(-2)).toBe(0);
    expect(activations.relu.f(3)).toBe(3);
    expect(activations.relu.df(0)).toBe(0);
    expect(activations.hardTanh.df(NaN)).toBeNaN();
  });

  it("autograd relu: value and gradient NaN on a NaN entry", () => {
    const x = tensor([NaN, -1, 2], { requiresGrad: true });
    const y = x.relu();
    expect(Array.from(y.data)).toEqual([NaN, 0, 2]);
    y.sum().backward();
    expect(Array.from(x.grad!)).toEqual([NaN, 0, 1]);
  });

  it("a ReLU network's output on a NaN input row is NaN", () => {
    const model = new MLP([2, 4, 1], { activation: "relu", rng: 0 });
    const out = model.forward(tensor([[NaN, 1], [1, 1]]));
    expect(out.data[0]).toBeNaN();
    expect(Number.isFinite(out.data[1])).toBe(true);
  });
});

function recordingMonitor(): { monitor: TrainingMonitor; ends: { reason: string; message?: string }[] } {
  const ends: { reason: string; message?: string }[] = [];
  return { ends, monitor: { start() {}, step() {}, epoch() {}, end: (info) => ends.push(info) } };
}

describe("fit: what is really wrong, before any state changes", () => {
  const x = [[0, 1], [1, 0], [1, 1], [0, 0]];
  const y = [[1], [1], [0], [0]];

  it("refuses an optimizer built for another model's parameters, saying so", async () => {
    const old = new MLP([2, 3, 1], { rng: 0 });
    const optimizer = sgd(old.parameters(), { learningRate: 0.1 });
    const model = new MLP([2, 3, 1], { rng: 0 }); // the model cell re-run, the optimizer cell not
    const before = model.parameters().map((p) => Array.from(p.data));
    await expect(fit(model, { x, y, loss: "l2", optimizer, epochs: 1, batchSize: 2, monitor: silentMonitor })).rejects.toThrow(
      /optimizer.*none of which is a parameter of this model.*built for another model/,
    );
    expect(model.parameters().map((p) => Array.from(p.data))).toEqual(before);
  });

  it("refuses NaN/Infinity in x, y and validation data, naming the argument and the row", async () => {
    const model = new MLP([2, 3, 1], { rng: 0 });
    const optimizer = sgd(model.parameters(), { learningRate: 0.1 });
    const run = (o: object) => fit(model, { x, y, loss: "l2", optimizer, epochs: 1, batchSize: 2, monitor: silentMonitor, ...o });
    await expect(run({ y: [[1], [NaN], [0], [0]] })).rejects.toThrow(/fit: y must contain only finite numbers, but row 1, column 0 is NaN/);
    await expect(run({ x: [[0, 1], [1, 0], [1, Infinity], [0, 0]] })).rejects.toThrow(/fit: x .*row 2, column 1 is Infinity/);
    await expect(run({ validation: { x: [[0, 1]], y: [[NaN]] } })).rejects.toThrow(/fit: validation\.y .*NaN/);
    const err = await run({ y: [[1], [NaN], [0], [0]] }).catch((e) => e);
    expect(err).not.toBeInstanceOf(DivergenceError);
    expect(String(err.message)).not.toMatch(/learning rate/);
  });

  it("refuses a model whose parameters are already NaN instead of calling it divergence", async () => {
    const model = new MLP([2, 3, 1], { rng: 0 });
    model.parameters()[0].data[0] = NaN;
    const optimizer = sgd(model.parameters(), { learningRate: 0.1 });
    await expect(fit(model, { x, y, loss: "l2", optimizer, epochs: 1, batchSize: 2, monitor: silentMonitor })).rejects.toThrow(
      /parameter 0 of the model .*already contains NaN/,
    );
  });

  it("an exception from a custom loss is reported as a failure, not as divergence", async () => {
    const model = new MLP([2, 3, 1], { rng: 0 });
    const { monitor, ends } = recordingMonitor();
    const loss = () => {
      throw new Error("my loss has a bug");
    };
    const err = await fit(model, { x, y, loss, optimizer: sgd(model.parameters(), { learningRate: 0.1 }), epochs: 1, batchSize: 2, monitor }).catch((e) => e);
    expect(err.message).toBe("my loss has a bug");
    expect(ends).toEqual([{ reason: "failed", message: "my loss has a bug" }]);
  });
});

describe("backpropMlp refuses labels outside 0…C−1", () => {
  const model = new MLP([2, 3, 2], { rng: 0 });
  const x = [[0, 1], [1, 0]];
  it.each([
    [[0, 2], /label 1 is 2/],
    [[1.5, 0], /label 0 is 1.5/],
    [[-1, 0], /label 0 is -1/],
    [[0, NaN], /label 1 is NaN/],
  ])("labels %j", (labels, message) => {
    expect(() => backpropMlp(model, x, labels as number[], "softmaxCrossEntropy")).toThrow(message);
    expect(() => backpropMlp(model, x, labels as number[], "softmaxCrossEntropy")).toThrow(/the model has 2 outputs\): labels must be integers in 0…1/);
  });
  it("valid labels still work", () => {
    expect(Number.isFinite(backpropMlp(model, x, [0, 1], "softmaxCrossEntropy").loss)).toBe(true);
  });
});

describe("rng.integers with large bounds", () => {
  it("never returns negative numbers: bounds beyond the Int32Array's range are refused", () => {
    const rng = randomGenerator(0);
    expect(() => rng.integers(5, 0, 2 ** 40)).toThrow(/Int32Array.*\[−2³¹, 2³¹\].*high = 1099511627776/);
    expect(() => rng.integers(5, -(2 ** 31) - 1, 0)).toThrow(/low = -2147483649/);
    const big = rng.integers(1000, 0, 2 ** 31);
    expect(big.every((v) => v >= 0)).toBe(true);
    const neg = rng.integers(1000, -(2 ** 31), -(2 ** 31) + 3);
    expect(neg.every((v) => v >= -(2 ** 31) && v < -(2 ** 31) + 3)).toBe(true);
    expect(rng.integer(0, 2 ** 40)).toBeGreaterThanOrEqual(0);
  });
});
