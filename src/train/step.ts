/**
 * One training step, written out (the loop body of lecture §6's pipeline):
 *   forward f = f_θ(X)  →  loss L(f, Y)  →  backprop ∇_θ L  →  optimizer θ ← θ − η ∇_θ L.
 */
import { Tensor } from "../autograd/tensor";
import { l1Loss, l2Loss, softmaxCrossEntropy } from "../autograd/losses";
import type { Model } from "../nn/layers";
import type { Optimizer } from "../nn/optim";
import { localized } from "../util/language";

/** A loss on a batch: (prediction f, target y) ↦ scalar tensor. */
export type LossFunction = (prediction: Tensor, target: Tensor) => Tensor;

/** A loss function or the name of a built-in one (batch means). */
export type LossLike = LossFunction | "l2" | "l1" | "crossEntropy" | "softmaxCrossEntropy";

/** Resolves a loss name to its function. */
export function getLoss(loss: LossLike): LossFunction {
  if (typeof loss === "function") return loss;
  switch (loss) {
    case "l2":
      return (f, y) => l2Loss(f, y);
    case "l1":
      return (f, y) => l1Loss(f, y);
    case "crossEntropy":
    case "softmaxCrossEntropy":
      return (f, y) => softmaxCrossEntropy(f, y);
    default:
      throw new RangeError(`loss must be a function (prediction, target) => Tensor or one of "l2", "l1", "crossEntropy", got ${String(loss)}`);
  }
}

/** Thrown when the loss becomes NaN or ±Infinity. */
export class DivergenceError extends Error {
  /**
   * What `fit` had recorded when it stopped (the loss of every step until the divergence, the finished
   * epochs); undefined when thrown by `trainStep` alone.
   */
  history?: { stepLosses: number[]; epochs: unknown[] };

  constructor(message: string, readonly loss: number) {
    super(message);
    this.name = "DivergenceError";
  }
}

/**
 * zero the gradients, forward, loss, backward, optimizer step; returns the loss of this batch (before the
 * step). A NaN/Inf loss throws a DivergenceError BEFORE the step, so the parameters stay as they were.
 */
export function trainStep(model: Model, loss: LossLike, optimizer: Optimizer, xBatch: Tensor, yBatch: Tensor): number {
  return takeStep(model, getLoss(loss), optimizer, xBatch, yBatch).loss;
}

/**
 * The step itself, for `trainStep` and `fit`: also returns the prediction f (for metrics), and runs `beforeUpdate`
 * after the backward pass, just before the optimizer changes θ (fit keeps a backup of θ there).
 */
export function takeStep(model: Model, lossFn: LossFunction, optimizer: Optimizer, xBatch: Tensor, yBatch: Tensor, beforeUpdate?: () => void): { loss: number; prediction: Tensor } {
  optimizer.zeroGrad();
  const prediction = model.forward(xBatch);
  const L = lossFn(prediction, yBatch);
  const value = L.item();
  if (!Number.isFinite(value)) {
    throw new DivergenceError(
      localized({
        en: `the loss is ${value} at optimizer step ${optimizer.stepCount + 1} (η = ${optimizer.learningRate()}); training diverged — try a smaller learning rate`,
        ja: `最適化のステップ ${optimizer.stepCount + 1}（η = ${optimizer.learningRate()}）で損失が ${value} になり、訓練が発散しました。学習率を小さくしてみてください`,
      }),
      value,
    );
  }
  L.backward();
  beforeUpdate?.();
  optimizer.step();
  return { loss: value, prediction };
}
