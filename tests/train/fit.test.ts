import { describe, expect, it } from "vitest";
import { fit, trainStep, accuracy, confusionMatrix, DivergenceError, setDefaultTrainingMonitor, History } from "../../src/train/index";
import { MLP, Linear, sgd, adam, silentMonitor, type TrainingMonitor } from "../../src/nn/index";
import { Tensor, tensor, l2Loss, softmaxCrossEntropy } from "../../src/autograd/index";
import { randomGenerator } from "../../src/random/index";

function recordingMonitor() {
  const calls: string[] = [];
  const ends: { reason: string; message?: string }[] = [];
  const monitor: TrainingMonitor = {
    start: () => calls.push("start"),
    step: () => calls.push("step"),
    epoch: () => calls.push("epoch"),
    end: (info) => {
      calls.push("end");
      ends.push(info);
    },
  };
  return { monitor, calls, ends };
}

describe("learning", () => {
  it("a small MLP learns XOR", async () => {
    const X = tensor([[0, 0], [0, 1], [1, 0], [1, 1]]);
    const labels = [0, 1, 1, 0];
    const model = new MLP([2, 8, 2], { activation: "tanh", rng: 1 });
    const history = await fit(model, {
      x: X, y: labels, loss: "crossEntropy", optimizer: adam(model.parameters(), { learningRate: 0.05 }),
      epochs: 300, batchSize: 4, seed: 0, monitor: silentMonitor,
    });
    expect(accuracy(model.predict(X), labels)).toBe(1);
    expect(history.last!.trainLoss).toBeLessThan(0.05);
    expect(history.epochs.length).toBe(300);
  });

  it("a linear model recovers known weights from noisy data (minibatch SGD)", async () => {
    const rng = randomGenerator(7);
    const N = 500;
    const trueW = [[2, -1, 0.5], [0, 1, -3]];
    const trueB = [0.3, -0.7];
    const X = Tensor.randn([N, 3], rng);
    const Y = X.matmul(tensor(trueW).T).add(trueB).add(Tensor.randn([N, 2], rng, 0.05));
    const model = new Linear(3, 2, { rng: 3 });
    await fit(model, { x: X, y: Y, loss: "l2", optimizer: sgd(model.parameters(), { learningRate: 0.05 }), epochs: 30, batchSize: 25, seed: 1, monitor: silentMonitor });
    for (let i = 0; i < 2; i++) {
      for (let j = 0; j < 3; j++) expect(model.weight.get(i, j)).toBeCloseTo(trueW[i][j], 1.5);
      expect(model.bias!.get(i)).toBeCloseTo(trueB[i], 1.5);
    }
  });

  it("trainStep is forward + loss + backward + step and decreases the loss", () => {
    const model = new MLP([3, 4, 1], { rng: 2 });
    const X = Tensor.randn([16, 3], 5);
    const Y = Tensor.randn([16, 1], 6);
    const opt = sgd(model.parameters(), { learningRate: 0.05 });
    const first = trainStep(model, "l2", opt, X, Y);
    let last = first;
    for (let i = 0; i < 20; i++) last = trainStep(model, (f, y) => l2Loss(f, y), opt, X, Y);
    expect(last).toBeLessThan(first);
    expect(opt.stepCount).toBe(21);
  });

  it("integer labels with a custom loss function and several outputs are treated as classes", async () => {
    const model = new MLP([2, 6, 3], { rng: 2 });
    const X = Tensor.randn([30, 2], 4);
    const labels = Array.from({ length: 30 }, (_, i) => i % 3);
    const h = await fit(model, { x: X, y: labels, loss: (f, y) => softmaxCrossEntropy(f, y), optimizer: sgd(model.parameters(), { learningRate: 0.1 }), epochs: 2, batchSize: 10, monitor: silentMonitor });
    expect(h.last!.trainAccuracy).toBeGreaterThanOrEqual(0);
    await expect(fit(model, { x: X, y: labels.map((v) => v + 0.5), loss: "crossEntropy", optimizer: sgd(model.parameters(), { learningRate: 0.1 }), epochs: 1, batchSize: 10 })).rejects.toThrow(/integer class labels/);
  });

  it("same seed, same training", async () => {
    const run = async () => {
      const model = new MLP([4, 6, 3], { rng: 4 });
      const X = Tensor.randn([40, 4], 9);
      const labels = Array.from({ length: 40 }, (_, i) => i % 3);
      const h = await fit(model, { x: X, y: labels, loss: "crossEntropy", optimizer: sgd(model.parameters(), { learningRate: 0.1 }), epochs: 3, batchSize: 7, seed: 12, monitor: silentMonitor });
      return h.stepLosses;
    };
    expect(await run()).toEqual(await run());
  });
});

describe("fit: interrupt, divergence, monitor, bad input", () => {
  it("stops cleanly after the current step when the interrupt token flips", async () => {
    const model = new MLP([2, 4, 2], { rng: 1 });
    const X = Tensor.randn([64, 2], 1);
    const labels = Array.from({ length: 64 }, (_, i) => i % 2);
    let steps = 0;
    const token = { get interrupted() { return steps >= 5; } };
    const { monitor, ends } = recordingMonitor();
    const counting: TrainingMonitor = { ...monitor, step: (info) => { steps++; monitor.step(info); } };
    const history = await fit(model, { x: X, y: labels, loss: "crossEntropy", optimizer: sgd(model.parameters(), { learningRate: 0.1 }), epochs: 10, batchSize: 4, monitor: counting, interrupt: token });
    expect(history.stoppedEarly).toBe("interrupted");
    expect(history.stepLosses.length).toBe(5);
    expect(history.epochs.length).toBe(0);
    expect(ends).toEqual([{ reason: "interrupted", message: expect.stringContaining("step 5") }]);
    expect(String(history)).toContain("stopped early: interrupted");
  });

  it("with the default token, a SIGINT (the notebook's ■) during training stops it cleanly", async () => {
    const model = new MLP([2, 4, 2], { rng: 1 });
    const X = Tensor.randn([64, 2], 1);
    const labels = Array.from({ length: 64 }, (_, i) => i % 2);
    let steps = 0;
    const monitor: TrainingMonitor = { ...silentMonitor, step: () => { if (++steps === 3) process.emit("SIGINT"); } };
    const history = await fit(model, { x: X, y: labels, loss: "crossEntropy", optimizer: sgd(model.parameters(), { learningRate: 0.1 }), epochs: 10, batchSize: 4, monitor });
    expect(history.stoppedEarly).toBe("interrupted");
    expect(history.stepLosses.length).toBe(3);
  });

  it("a diverging run throws a message naming epoch and step, suggests a smaller learning rate, keeps finite parameters", async () => {
    const model = new MLP([2, 16, 1], { rng: 1 });
    const X = Tensor.randn([32, 2], 2).mul(10);
    const Y = Tensor.randn([32, 1], 3).mul(100);
    const { monitor, ends } = recordingMonitor();
    const err = await fit(model, { x: X, y: Y, loss: "l2", optimizer: sgd(model.parameters(), { learningRate: 10 }), epochs: 50, batchSize: 8, monitor }).catch((e) => e);
    expect(err).toBeInstanceOf(DivergenceError);
    expect(err.message).toMatch(/epoch \d+, step \d+ of 4/);
    expect(err.message).toMatch(/smaller learning rate/);
    expect(ends[0].reason).toBe("diverged");
    expect(err.history).toBeInstanceOf(History);
    for (const p of model.parameters()) for (const v of p.data) expect(Number.isFinite(v)).toBe(true);
  });

  it("uses the registered default monitor when none is given", async () => {
    const { monitor, calls } = recordingMonitor();
    setDefaultTrainingMonitor(() => monitor);
    try {
      const model = new Linear(2, 1);
      await fit(model, { x: Tensor.randn([8, 2], 1), y: Tensor.randn([8, 1], 2), loss: "l2", optimizer: sgd(model.parameters(), { learningRate: 0.1 }), epochs: 2, batchSize: 4 });
    } finally {
      setDefaultTrainingMonitor(null);
    }
    expect(calls).toEqual(["start", "step", "step", "epoch", "step", "step", "epoch", "end"]);
  });

  it("reports validation metrics and applies the augmentation hook to every batch", async () => {
    const model = new MLP([2, 4, 2], { rng: 1 });
    const X = Tensor.randn([20, 2], 1);
    const labels = Array.from({ length: 20 }, (_, i) => i % 2);
    let augmented = 0;
    const history = await fit(model, {
      x: X, y: labels, loss: "crossEntropy", optimizer: sgd(model.parameters(), { learningRate: 0.1 }), epochs: 2, batchSize: 8,
      validation: { x: X, y: labels }, monitor: silentMonitor,
      augment: (batch, rng) => { augmented++; return { x: batch.x.add(Tensor.randn(batch.x.shape, rng, 0.01)), y: batch.y }; },
    });
    expect(augmented).toBe(6);
    expect(history.last!.valAccuracy).toBeGreaterThanOrEqual(0);
    expect(history.last!.valLoss).toBeGreaterThan(0);
  });

  it("an augmentation hook may keep the batches it is given: each holds its own rows of x after fit", async () => {
    const model = new MLP([2, 3, 2], { rng: 1 });
    const X = Tensor.randn([12, 2], 3);
    const labels = Array.from({ length: 12 }, (_, i) => i % 2);
    const kept: { x: Tensor; rows: number[][] }[] = [];
    await fit(model, {
      x: X, y: labels, loss: "crossEntropy", optimizer: sgd(model.parameters(), { learningRate: 0.1 }), epochs: 2, batchSize: 4, monitor: silentMonitor,
      augment: (batch) => { kept.push({ x: batch.x, rows: batch.x.toArray() as number[][] }); return batch; },
    });
    expect(kept.length).toBe(6);
    // every kept batch still holds the rows it had when the hook saw it, and they are rows of X
    const rowsOfX = (X.toArray() as number[][]).map((r) => r.join(","));
    for (const k of kept) {
      expect(k.x.toArray()).toEqual(k.rows);
      for (const r of k.rows) expect(rowsOfX).toContain(r.join(","));
    }
  });

  it("bad input gives clear errors and leaves the parameters untouched", async () => {
    const model = new MLP([3, 4, 2], { rng: 1 });
    const before = model.parameters().map((p) => p.data.slice());
    const opt = sgd(model.parameters(), { learningRate: 0.1 });
    const X = Tensor.randn([10, 3], 1);
    const labels = Array.from({ length: 10 }, (_, i) => i % 2);
    await expect(fit(model, { x: X, y: labels.slice(0, 9), loss: "crossEntropy", optimizer: opt, epochs: 1, batchSize: 4, monitor: silentMonitor })).rejects.toThrow(/y has shape \[9, 2\] but the inputs have 10 rows/);
    await expect(fit(model, { x: Tensor.randn([10, 5], 1), y: labels, loss: "crossEntropy", optimizer: opt, epochs: 1, batchSize: 4, monitor: silentMonitor })).rejects.toThrow(/x must be N × 3/);
    await expect(fit(model, { x: X, y: labels, loss: "crossEntropy", optimizer: opt, epochs: 0, batchSize: 4 })).rejects.toThrow(/epochs must be an integer ≥ 1, got 0/);
    await expect(fit(model, { x: X, y: labels, loss: "hinge" as never, optimizer: opt, epochs: 1, batchSize: 4 })).rejects.toThrow(/"l2", "l1", "crossEntropy"/);
    model.parameters().forEach((p, i) => expect(p.data).toEqual(before[i]));
  });
});

describe("metrics", () => {
  it("accuracy and confusion matrix on an exact small case", () => {
    const scores = tensor([[0.9, 0.1], [0.2, 0.8], [0.6, 0.4], [0.3, 0.7]]);
    const truth = [0, 1, 1, 1];
    expect(accuracy(scores, truth)).toBe(0.75);
    const cm = confusionMatrix(scores, truth);
    expect(cm.counts).toEqual([[1, 0], [1, 2]]);
    expect(cm.accuracy()).toBe(0.75);
    expect(String(cm)).toContain("accuracy 75.00%");
    expect(() => accuracy([0, 1], [0])).toThrow(/2 predictions but 1 targets/);
  });
});
