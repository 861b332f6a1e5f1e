/**
 * Using the image augmentations of src/data (flips, random erasing, mixup, …) inside `fit`:
 *
 *   fit(model, { …, augment: imageAugmentation(compose(randomErasing(), mixup({ alpha: 0.5 })), [28, 28, 1]) })
 *
 * The training batch (rows x ∈ ℝ^{H·W·C}, targets y as one-hot or soft-label rows) becomes an ImageBatch,
 * the augmentation runs with fit's seeded generator, and the result goes back to tensors. Mixup's soft
 * labels λ y_i + (1 − λ) y_j then reach the softmax cross entropy unchanged.
 */
import { Tensor } from "../autograd/tensor";
import { formatShape } from "../util/errors";
import { imageBatch } from "../data/augment";
import type { Augmentation } from "../data/augment";
import type { BatchAugmentation, TrainingBatch } from "./fit";

export function imageAugmentation(augmentation: Augmentation, imageShape: readonly [number, number, number] | number[]): BatchAugmentation {
  if (typeof augmentation !== "function") throw new TypeError("imageAugmentation: augmentation must be a function (batch, rng) => batch, e.g. mixup({ alpha: 0.5 })");
  if (!Array.isArray(imageShape) || imageShape.length !== 3 || !imageShape.every((d) => Number.isSafeInteger(d) && d >= 1)) {
    throw new RangeError(
      `imageAugmentation: imageShape must be [height, width, channels] with integers ≥ 1 (e.g. [28, 28, 1] for MNIST), got ${Array.isArray(imageShape) ? formatShape(imageShape) : String(imageShape)}`,
    );
  }
  const [h, w, c] = imageShape;
  const size = h * w * c;
  return (batch: TrainingBatch, rng): TrainingBatch => {
    const { x, y } = batch;
    if (x.ndim !== 2 || x.shape[1] !== size) {
      throw new RangeError(`imageAugmentation: the batch x has shape ${formatShape(x.shape)} but images of ${h}×${w}×${c} need rows of length ${size}`);
    }
    const n = x.shape[0];
    const labels = y.ndim === 2 && y.shape[1] > 1 ? y.data : null; // regression targets pass through unchanged
    const out = augmentation(imageBatch(x.data, [h, w, c], labels), rng);
    const newX = new Tensor(out.images, [out.count, size]);
    const newY = out.labels !== null && labels !== null ? new Tensor(out.labels, [out.count, out.labels.length / Math.max(out.count, 1)]) : y;
    if (out.count !== n && newY === y) throw new RangeError("imageAugmentation: the augmentation changed the number of images but the targets could not follow");
    return { x: newX, y: newY };
  };
}
