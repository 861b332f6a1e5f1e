/**
 * What a training loop reports while it runs. `fit` calls these hooks; the notebook display
 * (`trainingMonitor()` in plot/) draws a progress bar and loss/accuracy curves from them, and a test can
 * pass a monitor that records the calls.
 */
export interface EpochSummary {
  epoch: number; // 1-based
  trainLoss: number;
  trainAccuracy?: number;
  valLoss?: number;
  valAccuracy?: number;
  seconds: number; // wall time of this epoch
}

export interface TrainingMonitor {
  /** Before the first step. */
  start(info: { epochs: number; stepsPerEpoch: number; title?: string }): void;
  /** After every optimizer step; `step` counts from 1 across all epochs. */
  step(info: { epoch: number; step: number; loss: number }): void;
  /** After every epoch, with the metrics measured on the train (and validation) data. */
  epoch(summary: EpochSummary): void;
  /** Once at the end, whatever the reason ("failed": an exception other than divergence, e.g. a shape error in a custom loss). */
  end(info: { reason: "done" | "interrupted" | "diverged" | "failed"; message?: string }): void;
}

/** A monitor that shows nothing (for tests and scripts). */
export const silentMonitor: TrainingMonitor = {
  start() {},
  step() {},
  epoch() {},
  end() {},
};
