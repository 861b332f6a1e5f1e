/**
 * Repeated measurements, e.g. one training run per seed: a comparison between two methods means something
 * only next to the spread of each method over seeds. `spread` summarises one list of measurements; a
 * difference between two methods is believable when it is large against both standard deviations.
 */
import { describe } from "../util/errors";

/** The summary of repeated measurements x₁…x_k. */
export interface Spread {
  /** The measurements themselves, in order. */
  values: number[];
  /** x̄ = (1/k) Σ x_i. */
  mean: number;
  /** The sample standard deviation √(Σ (x_i − x̄)² / (k − 1)); 0 for a single measurement. */
  std: number;
  min: number;
  max: number;
}

/** Mean, sample standard deviation, min and max of repeated measurements (at least one, all finite). */
export function spread(values: ArrayLike<number>): Spread {
  if (values == null || typeof values.length !== "number" || values.length === 0) {
    throw new RangeError(`spread: values must be a non-empty array of numbers, got ${describe(values)}`);
  }
  const xs = Array.from(values);
  const bad = xs.findIndex((v) => typeof v !== "number" || !Number.isFinite(v));
  if (bad >= 0) throw new RangeError(`spread: values must be finite numbers, but values[${bad}] is ${describe(xs[bad])}`);
  const k = xs.length;
  const mean = xs.reduce((s, v) => s + v, 0) / k;
  const std = k > 1 ? Math.sqrt(xs.reduce((s, v) => s + (v - mean) ** 2, 0) / (k - 1)) : 0;
  return { values: xs, mean, std, min: Math.min(...xs), max: Math.max(...xs) };
}

/** "mean ± std" with `digits` decimals after multiplying by `scale` (100 for percentages). */
export function formatSpread(s: Spread, digits = 2, scale = 1): string {
  if (s == null || typeof s.mean !== "number" || typeof s.std !== "number") throw new TypeError(`formatSpread: s must be a spread { mean, std } (from spread(values)), got ${describe(s)}`);
  return `${(s.mean * scale).toFixed(digits)} ± ${(s.std * scale).toFixed(digits)}`;
}
