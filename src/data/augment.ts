/**
 * Data augmentation on batches (lecture §3: data に依存して増やす, how to augment depends on the data).
 *
 * A batch holds N images of shape H × W × C as the rows of an N × (H·W·C) matrix (HWC order, as
 * `imageToVector`), optionally with one-hot labels (N × K). An augmentation is a function
 * `(batch, rng) => newBatch`: it never changes its input, and the same seed gives the same result. Combine
 * them with `compose(...)`:
 *
 * ```ts
 * const augment = compose(randomTranslation(2), randomErasing({ p: 0.5 }));
 * const batch = imageBatch(mnist.images.subarray(0, 128 * 784), [28, 28, 1]);
 * const augmented = augment(batch, rng);
 * ```
 *
 * Which ones are valid depends on the data: a horizontally flipped cat is still a cat, a flipped "2" is not a
 * 2 any more (use small translations for digits).
 */
import ndarray from "ndarray";
import { describe, formatShape, requireFinite, requireInteger, requireObject } from "../util/errors";
import { RandomGenerator, RandomSource, toGenerator } from "../random/index";
import { LabeledImages, oneHot } from "./mnist";

/** N images of shape H × W × C (rows of `images`), with optional one-hot labels (N × classes). */
export class ImageBatch {
  constructor(
    /** N × (H·W·C) row-major, HWC order within a row. */
    readonly images: Float64Array,
    readonly count: number,
    readonly height: number,
    readonly width: number,
    readonly channels: number,
    /** N × classes one-hot (or mixed) labels, or null. */
    readonly labels: Float64Array | null = null,
    readonly classes = 0,
  ) {}

  /** H·W·C, the length of one image vector. */
  get imageSize(): number {
    return this.height * this.width * this.channels;
  }

  /** Image i as an H × W × C ndarray view (no copy). */
  image(i: number): ndarray.NdArray<Float64Array> {
    if (!Number.isInteger(i) || i < 0 || i >= this.count) throw new RangeError(`image index must be in 0…${this.count - 1}, got ${describe(i)}`);
    const d = this.imageSize;
    return ndarray(this.images.subarray(i * d, (i + 1) * d), [this.height, this.width, this.channels]);
  }

  /** The same batch with other pixels (and optionally other labels). */
  withImages(images: Float64Array, labels: Float64Array | null = this.labels): ImageBatch {
    return new ImageBatch(images, this.count, this.height, this.width, this.channels, labels, this.classes);
  }

  /** What a notebook cell prints (Node's util.inspect). */
  [Symbol.for("nodejs.util.inspect.custom")](): string {
    return this.toString();
  }

  toString(): string {
    const labels = this.labels ? `, labels ${this.count}×${this.classes}` : "";
    return `ImageBatch(${this.count} images of ${this.height}×${this.width}×${this.channels}${labels})`;
  }
}

/**
 * Makes a batch. `images` is an N × (H·W·C) Float64Array with `imageShape` = [H, W, C] (e.g. [28, 28, 1]
 * for MNIST rows), an N × H × W × C ndarray, or a `LabeledImages` such as `loadMnist()` (labels included).
 * `labels` are class ids (converted to one-hot with `classes`, default max + 1) or an N × K one-hot matrix.
 */
export function imageBatch(
  images: Float64Array | LabeledImages | ndarray.NdArray,
  imageShape?: readonly number[],
  labels?: ArrayLike<number> | null,
  classes?: number,
): ImageBatch {
  let data: Float64Array;
  let shape: number[];
  if (images instanceof Float64Array) {
    if (!Array.isArray(imageShape) || imageShape.length !== 3 || !imageShape.every((s) => Number.isInteger(s) && s > 0)) {
      throw new RangeError(`imageBatch: imageShape must be [H, W, C] (e.g. [28, 28, 1]) for a flat array, got ${describe(imageShape)}`);
    }
    data = images;
    shape = [...imageShape];
  } else if (images != null && (images as LabeledImages).images instanceof Float64Array && (images as LabeledImages).labels) {
    const set = images as LabeledImages;
    data = set.images;
    shape = [...set.imageShape];
    if (labels == null) {
      labels = set.labels;
      classes = classes ?? 10;
    }
  } else if (images != null && Array.isArray((images as ndarray.NdArray).shape)) {
    const nd = images as ndarray.NdArray;
    if (nd.shape.length !== 4) throw new RangeError(`imageBatch: an ndarray batch must have shape [N, H, W, C], got ${formatShape(nd.shape)}`);
    const [n, h, w, c] = nd.shape;
    data = new Float64Array(n * h * w * c);
    let k = 0;
    for (let i = 0; i < n; i++) for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) for (let ch = 0; ch < c; ch++) data[k++] = nd.get(i, y, x, ch);
    shape = [h, w, c];
  } else {
    throw new TypeError(`imageBatch: images must be a Float64Array, an [N, H, W, C] ndarray or a LabeledImages, got ${describe(images)}`);
  }
  const [h, w, c] = shape;
  const d = h * w * c;
  if (data.length % d !== 0) {
    throw new RangeError(
      `imageBatch: ${data.length} numbers are not a whole number of images of shape ${formatShape(shape)} (${d} numbers each)`,
    );
  }
  const n = data.length / d;
  let oneHotLabels: Float64Array | null = null;
  let k = 0;
  if (labels != null) {
    if (labels.length === n) {
      let max = 0;
      for (let i = 0; i < n; i++) max = Math.max(max, labels[i]);
      k = classes ?? max + 1;
      oneHotLabels = oneHot(labels, k);
    } else if (labels instanceof Float64Array && labels.length % n === 0 && n > 0) {
      oneHotLabels = labels;
      k = labels.length / n;
    } else {
      throw new RangeError(`imageBatch: ${n} images need ${n} class labels or an ${n} × K one-hot matrix, got ${describe(labels)}`);
    }
  }
  return new ImageBatch(data, n, h, w, c, oneHotLabels, k);
}

/** An augmentation: a batch and a generator (or seed) in, a new batch out. */
export type Augmentation = (batch: ImageBatch, rng: RandomSource) => ImageBatch;

function requireBatch(where: string, batch: unknown): asserts batch is ImageBatch {
  if (!(batch instanceof ImageBatch)) {
    throw new TypeError(`${where}: batch must be an ImageBatch (make one with imageBatch(images, [H, W, C])), got ${describe(batch)}`);
  }
}

function requireProbability(name: string, p: unknown): asserts p is number {
  requireFinite(name, p);
  if (p < 0 || p > 1) throw new RangeError(`${name} must be a probability in [0, 1], got ${p}`);
}

/** Copies `length` numbers from src[from …] to dst[to …] (a plain loop: faster than subarray + set for short rows). */
function copyRange(src: Float64Array, from: number, dst: Float64Array, to: number, length: number): void {
  for (let k = 0; k < length; k++) dst[to + k] = src[from + k];
}

/** Mirrors the image at `offset` of `src` left ↔ right into `dst`. */
function mirrorColumns(src: Float64Array, dst: Float64Array, offset: number, h: number, w: number, c: number): void {
  for (let y = 0; y < h; y++) {
    const row = offset + y * w * c;
    if (c === 1) {
      for (let x = 0; x < w; x++) dst[row + w - 1 - x] = src[row + x];
      continue;
    }
    for (let x = 0; x < w; x++) copyRange(src, row + x * c, dst, row + (w - 1 - x) * c, c);
  }
}

/** Mirrors the image at `offset` of `src` top ↔ bottom into `dst` (whole rows are copied). */
function mirrorRows(src: Float64Array, dst: Float64Array, offset: number, h: number, w: number, c: number): void {
  const rowLength = w * c;
  for (let y = 0; y < h; y++) copyRange(src, offset + y * rowLength, dst, offset + (h - 1 - y) * rowLength, rowLength);
}

/** Every image mirrored left ↔ right: x̃(h, w, c) = x(h, W − 1 − w, c). */
export function flipHorizontal(batch: ImageBatch, _rng?: RandomSource): ImageBatch {
  requireBatch("flipHorizontal", batch);
  const out = new Float64Array(batch.images.length);
  for (let i = 0; i < batch.count; i++) mirrorColumns(batch.images, out, i * batch.imageSize, batch.height, batch.width, batch.channels);
  return batch.withImages(out);
}

/** Every image mirrored top ↔ bottom: x̃(h, w, c) = x(H − 1 − h, w, c). */
export function flipVertical(batch: ImageBatch, _rng?: RandomSource): ImageBatch {
  requireBatch("flipVertical", batch);
  const out = new Float64Array(batch.images.length);
  for (let i = 0; i < batch.count; i++) mirrorRows(batch.images, out, i * batch.imageSize, batch.height, batch.width, batch.channels);
  return batch.withImages(out);
}

/** Random flip: each image independently is mirrored with probability p (default 0.5, horizontal). */
export function randomFlip(options: { p?: number; direction?: "horizontal" | "vertical" } = {}): Augmentation {
  requireObject("randomFlip", "options", options);
  const p = options.p ?? 0.5;
  requireProbability("p", p);
  const direction = options.direction ?? "horizontal";
  if (direction !== "horizontal" && direction !== "vertical") {
    throw new RangeError(`direction must be "horizontal" or "vertical", got ${describe(direction)}`);
  }
  const mirror = direction === "horizontal" ? mirrorColumns : mirrorRows;
  return (batch, rng) => {
    requireBatch("randomFlip", batch);
    const gen = toGenerator(rng);
    const out = Float64Array.from(batch.images);
    for (let i = 0; i < batch.count; i++) {
      if (gen.uniform() < p) mirror(batch.images, out, i * batch.imageSize, batch.height, batch.width, batch.channels);
    }
    return batch.withImages(out);
  };
}

/**
 * Random translation: each image is shifted by (dx, dy), both uniform integers in −maxShift…maxShift;
 * pixels shifted in from outside get `fill` (default 0, the MNIST background). The augmentation that helps
 * digits (a shifted 3 is still a 3).
 */
export function randomTranslation(maxShift = 2, options: { fill?: number } = {}): Augmentation {
  requireInteger("maxShift", maxShift, 0);
  const fill = options.fill ?? 0;
  requireFinite("fill", fill);
  return (batch, rng) => {
    requireBatch("randomTranslation", batch);
    const gen = toGenerator(rng);
    const { height: h, width: w, channels: c, imageSize: d } = batch;
    const out = new Float64Array(batch.images.length);
    if (fill !== 0) out.fill(fill);
    for (let i = 0; i < batch.count; i++) {
      const dx = gen.integer(-maxShift, maxShift + 1);
      const dy = gen.integer(-maxShift, maxShift + 1);
      const x0 = Math.max(0, dx); // first destination column
      const x1 = Math.min(w, w + dx); // end of destination columns
      if (x1 <= x0) continue;
      for (let y = Math.max(0, dy); y < Math.min(h, h + dy); y++) {
        copyRange(batch.images, i * d + ((y - dy) * w + (x0 - dx)) * c, out, i * d + (y * w + x0) * c, (x1 - x0) * c);
      }
    }
    return batch.withImages(out);
  };
}

/** Options of random erasing (Zhong et al. 2017). */
export interface RandomErasingOptions {
  /** Probability that an image gets a rectangle erased (default 0.5). */
  p?: number;
  /** `[s_l, s_h]`: the erased area as a fraction of the image, drawn uniformly in this range (default [0.02, 0.4]). */
  area?: [number, number];
  /** `[r_1, r_2]`: the rectangle's aspect ratio H_e / W_e, log-uniform in this range (default [0.3, 1/0.3]). */
  aspect?: [number, number];
  /** The erased pixels' value: a number, one number per channel, or "random" (uniform in [0, 1)). Default 0. */
  fill?: number | number[] | "random";
}

/**
 * Random erasing (Zhong, Zheng, Kang, Li, Yang 2017): with probability p, an image gets a rectangle of area
 * s·H·W (s ~ U[s_l, s_h]) and aspect ratio r (log r ~ U[log r_1, log r_2]) overwritten, H_e = round(√(s·H·W·r)),
 * W_e = round(√(s·H·W / r)), placed uniformly where it fits (up to 10 tries, else the image stays as it is).
 */
export function randomErasing(options: RandomErasingOptions = {}): Augmentation {
  requireObject("randomErasing", "options", options);
  const p = options.p ?? 0.5;
  requireProbability("p", p);
  const [sl, sh] = options.area ?? [0.02, 0.4];
  if (!(sl > 0 && sl <= sh && sh <= 1)) throw new RangeError(`area must be [s_l, s_h] with 0 < s_l ≤ s_h ≤ 1, got ${describe(options.area)} = [${sl}, ${sh}]`);
  const [r1, r2] = options.aspect ?? [0.3, 1 / 0.3];
  if (!(r1 > 0 && r1 <= r2 && Number.isFinite(r2))) throw new RangeError(`aspect must be [r_1, r_2] with 0 < r_1 ≤ r_2, got [${r1}, ${r2}]`);
  const fill = options.fill ?? 0;
  if (!(fill === "random" || (typeof fill === "number" && Number.isFinite(fill)) || (Array.isArray(fill) && fill.every(Number.isFinite)))) {
    throw new TypeError(`fill must be a number, an array of numbers (one per channel) or "random", got ${describe(fill)}`);
  }
  return (batch, rng) => {
    requireBatch("randomErasing", batch);
    if (Array.isArray(fill) && fill.length !== batch.channels) {
      throw new RangeError(`randomErasing: fill has ${fill.length} values but the images have ${batch.channels} channels`);
    }
    const gen = toGenerator(rng);
    const { height: h, width: w, channels: c, imageSize: d } = batch;
    const out = Float64Array.from(batch.images);
    for (let i = 0; i < batch.count; i++) {
      if (gen.uniform() >= p) continue;
      for (let attempt = 0; attempt < 10; attempt++) {
        const area = gen.uniform(sl, sh) * h * w;
        const ratio = Math.exp(gen.uniform(Math.log(r1), Math.log(r2)));
        const he = Math.round(Math.sqrt(area * ratio));
        const we = Math.round(Math.sqrt(area / ratio));
        if (he < 1 || we < 1 || he > h || we > w) continue;
        const top = gen.integer(0, h - he + 1);
        const left = gen.integer(0, w - we + 1);
        eraseRectangle(out, i * d, w, c, top, left, he, we, fill, gen);
        break;
      }
    }
    return batch.withImages(out);
  };
}

function eraseRectangle(
  out: Float64Array,
  offset: number,
  w: number,
  c: number,
  top: number,
  left: number,
  he: number,
  we: number,
  fill: number | number[] | "random",
  gen: RandomGenerator,
): void {
  for (let y = top; y < top + he; y++) {
    const start = offset + (y * w + left) * c;
    const end = start + we * c;
    if (typeof fill === "number") out.fill(fill, start, end);
    else if (fill === "random") for (let k = start; k < end; k++) out[k] = gen.uniform();
    else for (let k = start; k < end; k++) out[k] = fill[(k - start) % c];
  }
}

/** The result of mixup with its random choices, for inspection and tests. */
export interface MixupResult {
  batch: ImageBatch;
  /** λ_i ~ Beta(α, α) of each example. */
  lambdas: Float64Array;
  /** j(i): the partner each example was mixed with (a random permutation of the batch). */
  partners: Int32Array;
}

/**
 * Mixup (Zhang, Cissé, Dauphin, Lopez-Paz 2018) with its random choices: the batch is paired with a random
 * permutation j of itself and every example gets its own λ_i ~ Beta(α, α):
 * x̃_i = λ_i x_i + (1 − λ_i) x_{j(i)},  ỹ_i = λ_i y_i + (1 − λ_i) y_{j(i)}. Needs one-hot labels.
 */
export function mixupWithDetails(batch: ImageBatch, rng: RandomSource, alpha = 0.5): MixupResult {
  requireBatch("mixup", batch);
  requireFinite("alpha", alpha);
  if (alpha <= 0) throw new RangeError(`alpha must be > 0 (λ ~ Beta(α, α)), got ${alpha}`);
  if (!batch.labels) throw new RangeError("mixup mixes labels too: the batch has none (pass labels to imageBatch)");
  const gen = toGenerator(rng);
  const partners = gen.permutation(batch.count);
  const lambdas = gen.betaArray(batch.count, alpha, alpha);
  const images = new Float64Array(batch.images.length);
  const labels = new Float64Array(batch.labels.length);
  const mix = (src: Float64Array, dst: Float64Array, size: number) => {
    for (let i = 0; i < batch.count; i++) {
      const lambda = lambdas[i];
      const a = i * size;
      const b = partners[i] * size;
      for (let k = 0; k < size; k++) dst[a + k] = lambda * src[a + k] + (1 - lambda) * src[b + k];
    }
  };
  mix(batch.images, images, batch.imageSize);
  mix(batch.labels, labels, batch.classes);
  return { batch: batch.withImages(images, labels), lambdas, partners };
}

/** Mixup as an augmentation (α = 0.5 by default, as in the lecture): see `mixupWithDetails`. */
export function mixup(options: { alpha?: number } = {}): Augmentation {
  requireObject("mixup", "options", options);
  const alpha = options.alpha ?? 0.5;
  requireFinite("alpha", alpha);
  if (alpha <= 0) throw new RangeError(`alpha must be > 0 (λ ~ Beta(α, α)), got ${alpha}`);
  return (batch, rng) => mixupWithDetails(batch, rng, alpha).batch;
}

/** Applies augmentations one after the other, all drawing from the same generator. */
export function compose(...augmentations: Augmentation[]): Augmentation {
  augmentations.forEach((a, i) => {
    if (typeof a !== "function") throw new TypeError(`compose: argument ${i} must be an augmentation (a function), got ${describe(a)}`);
  });
  return (batch, rng) => {
    const gen = toGenerator(rng);
    return augmentations.reduce((b, augment) => augment(b, gen), batch);
  };
}

/**
 * The batches one after the other as one batch (e.g. a training set and its augmented copies). All must
 * have the same image shape, and either all carry labels with the same number of classes or none does.
 */
export function concatImageBatches(batches: readonly ImageBatch[]): ImageBatch {
  if (!Array.isArray(batches) || batches.length === 0 || batches.some((b) => !(b instanceof ImageBatch))) {
    throw new TypeError(`concatImageBatches: batches must be a non-empty array of ImageBatch, got ${describe(batches)}`);
  }
  const first = batches[0];
  const shape = [first.height, first.width, first.channels];
  batches.forEach((b, i) => {
    const s = [b.height, b.width, b.channels];
    if (s.some((v, k) => v !== shape[k])) {
      throw new RangeError(`concatImageBatches: batch ${i} has images of shape ${formatShape(s)}, batch 0 ${formatShape(shape)}`);
    }
    if ((b.labels === null) !== (first.labels === null) || b.classes !== first.classes) {
      throw new RangeError(`concatImageBatches: batch ${i} has ${b.labels ? b.classes : "no"} label classes, batch 0 ${first.labels ? first.classes : "no"}`);
    }
  });
  const count = batches.reduce((s, b) => s + b.count, 0);
  const images = new Float64Array(count * first.imageSize);
  const labels = first.labels ? new Float64Array(count * first.classes) : null;
  let row = 0;
  for (const b of batches) {
    images.set(b.images.subarray(0, b.count * b.imageSize), row * first.imageSize);
    if (labels && b.labels) labels.set(b.labels.subarray(0, b.count * b.classes), row * first.classes);
    row += b.count;
  }
  return new ImageBatch(images, count, first.height, first.width, first.channels, labels, first.classes);
}
