/**
 * Class labels (lecture §2): the test "is this an array of labels?" and labels → one-hot rows, shared by the
 * losses, the training loop, backprop and the data sets, so that all of them accept and refuse the same inputs.
 */
import { describe, requireInteger } from "./errors";

/** True for a plain array of numbers or a typed array: what the library reads as N class labels (not a matrix or tensor). */
export function isLabelArray(value: unknown): value is ArrayLike<number> {
  return ArrayBuffer.isView(value) || (Array.isArray(value) && (value.length === 0 || typeof value[0] === "number"));
}

/**
 * One-hot encoding: label k ∈ {0, …, K − 1} ↦ e_{k+1} ∈ ℝᴷ (1 in entry k, 0 elsewhere), one row per label: an
 * N × K row-major matrix. `where` names the calling function in the error for a label outside 0…K − 1.
 */
export function oneHotRows(labels: ArrayLike<number>, classes: number, where = "oneHot"): Float64Array {
  requireInteger("classes", classes, 1);
  if (labels == null || typeof labels.length !== "number") {
    throw new TypeError(`${where}: labels must be an array of integers, got ${describe(labels)}`);
  }
  const out = new Float64Array(labels.length * classes);
  for (let i = 0; i < labels.length; i++) {
    const k = labels[i];
    if (!Number.isInteger(k) || k < 0 || k >= classes) {
      throw new RangeError(`${where}: labels must be integers in 0…${classes - 1}, but label ${i} is ${k}`);
    }
    out[i * classes + k] = 1;
  }
  return out;
}
