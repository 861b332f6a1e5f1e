/**
 * Classification metrics: accuracy and the confusion matrix.
 * Predictions may be class labels or score rows (logits/probabilities: the argmax of each row is the
 * predicted class); targets likewise (labels, one-hot or soft-label rows).
 */
import { Tensor, TensorInput, toTensor } from "../autograd/tensor";
import { isLabelArray } from "../util/labels";

/** Class labels from labels or from rows of scores (argmax per row). */
export function toLabels(values: TensorInput, name = "values"): Int32Array {
  if (isLabelArray(values)) return checkedLabels(values, name);
  const t = toTensor(values, name);
  if (t.ndim === 0) throw new RangeError(`${name} must be class labels (one per sample) or rows of scores, got a single number`);
  if (t.ndim === 1) return checkedLabels(t.data, name);
  return t.argmax();
}

/** Labels as integers ≥ 0; a fractional, negative or NaN label is refused (it would be truncated silently). */
function checkedLabels(values: ArrayLike<number>, name: string): Int32Array {
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (!Number.isInteger(v) || v < 0 || v > 2 ** 31 - 1) throw new RangeError(`${name} must be class labels (integers ≥ 0), but entry ${i} is ${v}`);
  }
  return Int32Array.from(values);
}

/** Fraction of samples whose predicted class equals the target class. */
export function accuracy(predictions: TensorInput, targets: TensorInput): number {
  const p = toLabels(predictions, "accuracy: predictions");
  const y = toLabels(targets, "accuracy: targets");
  if (p.length !== y.length) throw new RangeError(`accuracy: ${p.length} predictions but ${y.length} targets`);
  // One rule for empty input (as mean and the mean losses): an average over no samples is an error, not NaN.
  if (p.length === 0) throw new RangeError("accuracy: no samples (predictions and targets are empty)");
  let correct = 0;
  for (let i = 0; i < p.length; i++) if (p[i] === y[i]) correct++;
  return correct / p.length;
}

/** counts[i][j] = number of samples of true class i predicted as class j. */
export class ConfusionMatrix {
  [Symbol.for("nodejs.util.inspect.custom")](): string {
    return this.toString();
  }

  constructor(readonly counts: number[][]) {}

  get classes(): number {
    return this.counts.length;
  }

  /** Σ_i counts[i][i] / Σ counts. */
  accuracy(): number {
    let diag = 0;
    let total = 0;
    this.counts.forEach((row, i) => row.forEach((c, j) => {
      total += c;
      if (i === j) diag += c;
    }));
    return total === 0 ? NaN : diag / total;
  }

  toString(): string {
    const width = Math.max(4, ...this.counts.flat().map((c) => String(c).length + 1));
    const pad = (s: string) => s.padStart(width);
    const header = "true\\pred" + this.counts.map((_, j) => pad(String(j))).join("");
    const rows = this.counts.map((row, i) => String(i).padStart(9) + row.map((c) => pad(String(c))).join(""));
    return [`ConfusionMatrix (${this.classes} classes, accuracy ${(100 * this.accuracy()).toFixed(2)}%)`, header, ...rows].join("\n");
  }
}

/** The confusion matrix of predictions against targets (classes: default 1 + the largest label seen). */
export function confusionMatrix(predictions: TensorInput, targets: TensorInput, classes?: number): ConfusionMatrix {
  const p = toLabels(predictions, "confusionMatrix: predictions");
  const y = toLabels(targets, "confusionMatrix: targets");
  if (p.length !== y.length) throw new RangeError(`confusionMatrix: ${p.length} predictions but ${y.length} targets`);
  let C = classes ?? 0;
  if (classes === undefined) for (let i = 0; i < p.length; i++) C = Math.max(C, p[i] + 1, y[i] + 1);
  if (!Number.isInteger(C) || C < 1) throw new RangeError(`confusionMatrix: classes must be an integer ≥ 1, got ${C}`);
  const counts = Array.from({ length: C }, () => new Array<number>(C).fill(0));
  for (let i = 0; i < p.length; i++) {
    if (y[i] < 0 || y[i] >= C || p[i] < 0 || p[i] >= C) throw new RangeError(`confusionMatrix: sample ${i} has class ${y[i]} → ${p[i]}, outside 0…${C - 1}`);
    counts[y[i]][p[i]]++;
  }
  return new ConfusionMatrix(counts);
}
