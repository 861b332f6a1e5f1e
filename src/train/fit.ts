/**
 * The training loop (lecture §6: dataset → augmentation → network → forward → loss → backprop → optimizer).
 *
 *   const history = await fit(model, {
 *     x: trainX, y: trainLabels, loss: "crossEntropy",
 *     optimizer: sgd(model.parameters(), { learningRate: 0.1, momentum: 0.9 }),
 *     epochs: 5, batchSize: 128, validation: { x: testX, y: testLabels }, seed: 0,
 *   });
 *
 * Each epoch visits the training rows in a fresh seeded random order, in minibatches. `fit` is async: it
 * yields to the event loop every ~50 ms so the live display redraws and the kernel's interrupt (■) is seen;
 * on interrupt it stops after the current step and returns the history with `stoppedEarly: "interrupted"`.
 * A NaN/Inf loss stops training with a DivergenceError naming the epoch and step; the parameters are
 * restored to their values before the step that produced them (the last ones with a finite loss).
 */
import { Tensor, TensorInput, noGrad, toTensor } from "../autograd/tensor";
import { isLabelArray } from "../util/labels";
import { RandomGenerator, RandomSource, toGenerator } from "../random/index";
import { InterruptToken, interruptToken, yieldToEventLoop } from "../util/interrupt";
import { firstNonFinite, formatShape } from "../util/errors";
import type { EpochSummary, TrainingMonitor } from "../nn/monitor";
import { silentMonitor } from "../nn/monitor";
import type { Model } from "../nn/layers";
import type { Optimizer } from "../nn/optim";
import { DivergenceError, LossLike, getLoss, takeStep } from "./step";
import { accuracy } from "./metrics";
import { localized } from "../util/language";

/** A batch of rows: inputs x (B × n₀) and targets y (B × n_L, or length B). */
export interface TrainingBatch {
  x: Tensor;
  y: Tensor;
}

/** BatchAugmentation hook: a new batch from a batch, using only the given generator for randomness. */
export type BatchAugmentation = (batch: TrainingBatch, rng: RandomGenerator) => TrainingBatch;

export interface FitOptions {
  /** Training inputs, one sample per row (N × n). */
  x: TensorInput;
  /** Targets: an N × n_L matrix, a length-N vector (scalar regression), or N integer labels for cross entropy. */
  y: TensorInput;
  loss: LossLike;
  optimizer: Optimizer;
  epochs: number;
  batchSize: number;
  /** Applied to every training batch (e.g. flips, random erasing, mixup). */
  augment?: BatchAugmentation;
  /** Evaluated after every epoch (loss, and accuracy for classification). */
  validation?: { x: TensorInput; y: TensorInput };
  /** Seed or generator for the shuffling and the augmentation (default 0). */
  seed?: RandomSource;
  /** Where progress goes; default: the notebook display registered with setDefaultTrainingMonitor, else nothing. */
  monitor?: TrainingMonitor;
  /** Stop flag (default: a fresh interruptToken(), flipped by the kernel's interrupt). */
  interrupt?: InterruptToken;
  /** Report accuracy (default: true for the cross-entropy losses given by name or for integer-label targets). */
  classification?: boolean;
  /** Title for the display. */
  title?: string;
}

/** What fit returns. */
export class History {
  [Symbol.for("nodejs.util.inspect.custom")](): string {
    return this.toString();
  }

  /** One summary per completed epoch. */
  readonly epochs: EpochSummary[] = [];
  /** The loss of every optimizer step. */
  readonly stepLosses: number[] = [];
  /** Set when training stopped before the last epoch. */
  stoppedEarly: "interrupted" | undefined = undefined;
  seconds = 0;

  get last(): EpochSummary | undefined {
    return this.epochs[this.epochs.length - 1];
  }

  toString(): string {
    const fmt = (v: number | undefined, pct = false) => (v === undefined ? "—" : pct ? `${(100 * v).toFixed(2)}%` : v.toPrecision(4));
    const lines = [
      `History: ${this.epochs.length} epochs, ${this.stepLosses.length} steps, ${this.seconds.toFixed(2)} s${this.stoppedEarly ? ` (stopped early: ${this.stoppedEarly})` : ""}`,
      "epoch  train loss  train acc  val loss  val acc  seconds",
    ];
    const shown = this.epochs.length <= 12 ? this.epochs : [...this.epochs.slice(0, 5), undefined, ...this.epochs.slice(-5)];
    for (const e of shown) {
      if (e === undefined) lines.push("  …");
      else lines.push(`${String(e.epoch).padStart(5)}  ${fmt(e.trainLoss).padStart(10)}  ${fmt(e.trainAccuracy, true).padStart(9)}  ${fmt(e.valLoss).padStart(8)}  ${fmt(e.valAccuracy, true).padStart(7)}  ${e.seconds.toFixed(2).padStart(7)}`);
    }
    return lines.join("\n");
  }
}

let defaultMonitorFactory: (() => TrainingMonitor) | null = null;

/** Registers the display fit uses when no monitor is given (the plot module registers its live display). */
export function setDefaultTrainingMonitor(factory: (() => TrainingMonitor) | null): void {
  defaultMonitorFactory = factory;
}

/** Targets as a tensor with one row per sample: labels become one-hot rows when the task is classification. */
function prepareTargets(y: TensorInput, n: number, classes: () => number, labels: boolean, name: string): Tensor {
  const t = labels && isLabelArray(y) ? Tensor.oneHot(y, classes()) : toTensor(y, name);
  if (t.ndim === 0 || t.shape[0] !== n) {
    throw new RangeError(`fit: ${name} has shape ${formatShape(t.shape)} but the inputs have ${n} rows; give one target per sample`);
  }
  return t;
}

function asRows(x: TensorInput, name: string): Tensor {
  const t = toTensor(x, name);
  if (t.ndim !== 2) throw new RangeError(
      `fit: ${name} must be N × n (one sample per row), got shape ${formatShape(t.shape)}` +
        (t.ndim === 1 ? `; for a flat array of N samples use tensor(data, [N, n])` : ""),
    );
  requireFiniteData(t, name);
  return t;
}

/** A NaN or ±Infinity in the data would be reported as divergence at the first step: name it here instead. */
function requireFiniteData(t: Tensor, name: string): void {
  const data = t.data;
  const i = firstNonFinite(data);
  if (i >= 0) {
    const cols = t.ndim >= 2 ? t.size / t.shape[0] : 1;
    const where = t.ndim >= 2 ? `row ${Math.floor(i / cols)}, column ${i % cols}` : `entry ${i}`;
    throw new RangeError(`fit: ${name} must contain only finite numbers, but ${where} is ${data[i]} (clean or drop that sample before training)`);
  }
}

/**
 * Refuses an optimizer that updates none of the model's parameters: typically the model cell was re-run
 * (new parameter tensors) but not the optimizer cell, so the optimizer still holds the old model's tensors.
 */
function requireOptimizerOfModel(optimizer: Optimizer, parameters: readonly Tensor[]): void {
  const own = optimizer.parameters;
  if (!Array.isArray(own) || parameters.length === 0) return; // a custom optimizer without a parameter list
  const mine = new Set<Tensor>(own);
  if (!parameters.some((p) => mine.has(p))) {
    throw new RangeError(
      `fit: the optimizer updates ${own.length} tensors, none of which is a parameter of this model, so nothing would train. ` +
        `It was built for another model, most likely before the model was created again (re-running the model's cell makes new parameters): ` +
        `create the optimizer again from this model, e.g. sgd(model.parameters(), { learningRate: 0.1 }).`,
    );
  }
}

/**
 * Rows `idx` of x as a batch (a leaf tensor, no graph) whose entries are copied into `buffer`, which fit reuses
 * from step to step: for MNIST-sized batches a fresh array per step costs as much time as the copy itself.
 */
function gatherBatch(x: Tensor, idx: ArrayLike<number>, buffer: Float64Array): Tensor {
  const width = x.shape[1];
  const rows = buffer.subarray(0, idx.length * width);
  for (let i = 0; i < idx.length; i++) rows.set(x.data.subarray(idx[i] * width, (idx[i] + 1) * width), i * width);
  return new Tensor(rows, [idx.length, width]);
}

/** Mean loss and accuracy over a dataset, in chunks, without a graph. */
function evaluate(model: Model, lossFn: (f: Tensor, y: Tensor) => Tensor, x: Tensor, y: Tensor, withAccuracy: boolean): { loss: number; accuracy?: number } {
  return noGrad(() => {
    const n = x.shape[0];
    const chunk = 1024;
    let total = 0;
    let correct = 0;
    for (let start = 0; start < n; start += chunk) {
      const idx = Array.from({ length: Math.min(chunk, n - start) }, (_, i) => start + i);
      const f = model.forward(x.gatherRows(idx));
      const yb = y.gatherRows(idx);
      total += lossFn(f, yb).item() * idx.length; // batch-mean losses → sum
      if (withAccuracy) correct += accuracy(f, yb) * idx.length;
    }
    return { loss: total / n, accuracy: withAccuracy ? correct / n : undefined };
  });
}

/** Trains `model` in place and returns the history (see the module comment). */
export async function fit(model: Model, options: FitOptions): Promise<History> {
  // ---- check everything before any state changes
  if (model == null || typeof model.forward !== "function" || typeof model.parameters !== "function") {
    throw new TypeError("fit: model must have forward(x) and parameters() (e.g. an MLP or Linear)");
  }
  if (options == null) throw new TypeError("fit: options { x, y, loss, optimizer, epochs, batchSize } are required");
  const { optimizer, epochs, batchSize } = options;
  if (!Number.isSafeInteger(epochs) || epochs < 1) throw new RangeError(`fit: epochs must be an integer ≥ 1, got ${String(epochs)}`);
  if (!Number.isSafeInteger(batchSize) || batchSize < 1) throw new RangeError(`fit: batchSize must be an integer ≥ 1, got ${String(batchSize)}`);
  if (optimizer == null || typeof optimizer.step !== "function") throw new TypeError("fit: optimizer must be an optimizer (e.g. sgd(model.parameters(), { learningRate: 0.1 }))");
  if (options.augment !== undefined && typeof options.augment !== "function") throw new TypeError("fit: augment must be a function (batch, rng) => batch");
  const lossFn = getLoss(options.loss);
  const namedCE = options.loss === "crossEntropy" || options.loss === "softmaxCrossEntropy";
  const x = asRows(options.x, "x");
  const N = x.shape[0];
  if (N === 0) throw new RangeError("fit: no training samples (x has 0 rows)");
  let outputSize = -1;
  const classes = () => {
    if (outputSize < 0) outputSize = noGrad(() => model.forward(x.gatherRows([0]))).size;
    return outputSize;
  };
  // Integer labels (one per sample) are class labels when the loss is a cross entropy, when asked, or when the
  // model has several outputs (a length-N vector cannot be a regression target for an N × n_L output with n_L > 1).
  const yLabels = isLabelArray(options.y) && Array.prototype.every.call(options.y, (v: number) => Number.isInteger(v) && v >= 0);
  if (namedCE && isLabelArray(options.y) && !yLabels) {
    throw new RangeError("fit: with a cross-entropy loss, y must be integer class labels 0…C−1 (one per sample) or an N × C matrix of (soft) labels");
  }
  const labelTargets = yLabels && (namedCE || options.classification === true || (options.classification === undefined && classes() > 1));
  const classification = options.classification ?? (namedCE || labelTargets);
  const y = prepareTargets(options.y, N, classes, labelTargets, "y");
  requireFiniteData(y, "y");
  let validation: { x: Tensor; y: Tensor } | undefined;
  if (options.validation !== undefined) {
    const vx = asRows(options.validation.x, "validation.x");
    if (vx.shape[1] !== x.shape[1]) throw new RangeError(`fit: validation.x has ${vx.shape[1]} columns but x has ${x.shape[1]}`);
    validation = { x: vx, y: prepareTargets(options.validation.y, vx.shape[0], classes, isLabelArray(options.validation.y) && classification, "validation.y") };
    requireFiniteData(validation.y, "validation.y");
  }
  const rng = toGenerator(options.seed ?? 0, "seed");
  const token = options.interrupt ?? interruptToken();
  const monitor = options.monitor ?? (defaultMonitorFactory ? defaultMonitorFactory() : silentMonitor);
  const parameters = model.parameters();
  requireOptimizerOfModel(optimizer, parameters);
  for (const [i, p] of parameters.entries()) {
    if (p.data.some((v) => !Number.isFinite(v))) {
      throw new RangeError(`fit: parameter ${i} of the model (shape ${formatShape(p.shape)}) already contains NaN or ±Infinity (did an earlier training diverge?); create the model again`);
    }
  }
  const stepsPerEpoch = Math.ceil(N / batchSize);

  // ---- train
  const history = new History();
  const started = performance.now();
  let lastYield = started;
  const backup = parameters.map((p) => new Float64Array(p.size));
  // x's rows go into one reused buffer, unless x itself takes part in the graph (requiresGrad) or an augment
  // hook gets the batch (it may keep it beyond its step)
  const reuse = !x.requiresGrad && !options.augment;
  const batchBuffer = new Float64Array(reuse ? Math.min(batchSize, N) * x.shape[1] : 0);
  monitor.start({ epochs, stepsPerEpoch, title: options.title });
  let step = 0;
  try {
    for (let epoch = 1; epoch <= epochs; epoch++) {
      const epochStart = performance.now();
      const order = rng.permutation(N);
      let lossSum = 0;
      let correct = 0;
      let seen = 0;
      for (let b = 0; b < stepsPerEpoch; b++) {
        const idx = order.subarray(b * batchSize, Math.min(N, (b + 1) * batchSize));
        let batch: TrainingBatch = { x: reuse ? gatherBatch(x, idx, batchBuffer) : x.gatherRows(idx), y: y.gatherRows(idx) };
        if (options.augment) batch = options.augment(batch, rng);
        // forward, loss, backward, step: trainStep's step, with a backup of θ for divergence
        step++;
        let taken: { loss: number; prediction: Tensor };
        try {
          taken = takeStep(model, lossFn, optimizer, batch.x, batch.y, () => parameters.forEach((p, i) => backup[i].set(p.data)));
        } catch (e) {
          if (!(e instanceof DivergenceError)) throw e;
          if (step > 1) parameters.forEach((p, i) => p.data.set(backup[i]));
          const eta = optimizer.learningRate();
          const message = localized({
            en:
              `training diverged: the loss is ${e.loss} at epoch ${epoch}, step ${b + 1} of ${stepsPerEpoch} (optimizer step ${step}, η = ${eta}). ` +
              `Try a smaller learning rate. The parameters were restored to their values before the previous step (the last with a finite loss).`,
            ja:
              `訓練が発散しました: エポック ${epoch} のステップ ${b + 1}/${stepsPerEpoch}（最適化のステップ ${step}、η = ${eta}）で損失が ${e.loss} になりました。` +
              `学習率を小さくしてみてください。パラメータは直前のステップの前の値（損失が有限だった最後の値）に戻してあります。`,
          });
          monitor.end({ reason: "diverged", message });
          const err = new DivergenceError(message, e.loss);
          err.history = history;
          throw err;
        }
        const { loss: value, prediction: f } = taken;
        history.stepLosses.push(value);
        lossSum += value * idx.length;
        seen += idx.length;
        if (classification) correct += noGrad(() => accuracy(f, batch.y)) * idx.length;
        monitor.step({ epoch, step, loss: value });
        const now = performance.now();
        if (now - lastYield > 50) {
          await yieldToEventLoop();
          lastYield = performance.now();
        }
        if (token.interrupted) {
          history.stoppedEarly = "interrupted";
          break;
        }
      }
      if (history.stoppedEarly) break;
      const summary: EpochSummary = { epoch, trainLoss: lossSum / seen, seconds: 0 };
      if (classification) summary.trainAccuracy = correct / seen;
      if (validation) {
        const v = evaluate(model, lossFn, validation.x, validation.y, classification);
        summary.valLoss = v.loss;
        if (classification) summary.valAccuracy = v.accuracy;
      }
      summary.seconds = (performance.now() - epochStart) / 1000;
      history.epochs.push(summary);
      monitor.epoch(summary);
    }
  } catch (e) {
    history.seconds = (performance.now() - started) / 1000;
    // Only a non-finite loss is divergence; any other exception (a shape error in a custom loss or augmentation, …)
    // is reported as what it is.
    if (!(e instanceof DivergenceError)) monitor.end({ reason: "failed", message: e instanceof Error ? e.message : String(e) });
    throw e;
  }
  history.seconds = (performance.now() - started) / 1000;
  monitor.end(history.stoppedEarly ? { reason: "interrupted", message: `stopped after step ${step} (interrupt)` } : { reason: "done" });
  return history;
}
