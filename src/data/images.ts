/**
 * Colour images (lecture §2): a pixel has three values (R, G, B); an image is an H × W × C array (C = 3),
 * and the network sees it as one vector in ℝ^{H·W·C}, read in HWC order: entry (h·W + w)·C + c is channel c
 * of the pixel in row h, column w.
 *
 * Photos ship in assets/images (see assets/README.md for their source and licence): `loadImage("chelsea")`.
 */
import fs from "node:fs";
import ndarray from "ndarray";
import { PNG } from "pngjs";
import * as jpeg from "jpeg-js";
import { describe, formatShape } from "../util/errors";
import { assetPath } from "./assets";

/** The photos in assets/images: Chelsea the cat and a coffee cup (both CC0). */
export const SAMPLE_IMAGES = ["chelsea", "coffee"] as const;

/** The name of a photo in assets/images. */
export type SampleImageName = (typeof SAMPLE_IMAGES)[number];

/** An H × W × C image: a float64 ndarray with values in [0, 1]. */
export type HwcImage = ndarray.NdArray<Float64Array>;

type NdArray = ndarray.NdArray;

/**
 * Decodes PNG or JPEG bytes (the format is read from the file's signature) to an H × W × 3 float64 ndarray
 * in [0, 1] (alpha is dropped).
 */
export function decodeImage(bytes: Uint8Array): HwcImage {
  if (!(bytes instanceof Uint8Array)) throw new TypeError(`bytes must be a Uint8Array (or Buffer), got ${describe(bytes)}`);
  const isPng = bytes.length > 8 && bytes[0] === 0x89 && bytes[1] === 0x50 && bytes[2] === 0x4e && bytes[3] === 0x47;
  const isJpeg = bytes.length > 3 && bytes[0] === 0xff && bytes[1] === 0xd8;
  let rgba: Uint8Array;
  let width: number;
  let height: number;
  try {
    if (isPng) {
      const png = PNG.sync.read(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
      ({ width, height } = png);
      rgba = png.data;
    } else if (isJpeg) {
      const img = jpeg.decode(bytes, { useTArray: true, formatAsRGBA: true });
      ({ width, height } = img);
      rgba = img.data;
    } else {
      throw new Error("the bytes start neither with the PNG nor with the JPEG signature");
    }
  } catch (error) {
    throw new Error(`decodeImage: could not decode the image (${(error as Error).message})`);
  }
  const out = new Float64Array(height * width * 3);
  for (let p = 0, q = 0; p < height * width; p++, q += 4) {
    out[3 * p] = rgba[q] / 255;
    out[3 * p + 1] = rgba[q + 1] / 255;
    out[3 * p + 2] = rgba[q + 2] / 255;
  }
  return ndarray(out, [height, width, 3]);
}

/**
 * Loads a photo as an H × W × 3 float64 ndarray in [0, 1]: a name from `SAMPLE_IMAGES` ("chelsea", "coffee")
 * or a path to a PNG/JPEG file.
 */
export function loadImage(nameOrPath: SampleImageName | string = "chelsea"): HwcImage {
  if (typeof nameOrPath !== "string") {
    throw new TypeError(`loadImage needs a name (${SAMPLE_IMAGES.join(", ")}) or a file path, got ${describe(nameOrPath)}`);
  }
  const file = (SAMPLE_IMAGES as readonly string[]).includes(nameOrPath)
    ? assetPath(`images/${nameOrPath}.png`)
    : nameOrPath;
  if (!fs.existsSync(file)) {
    throw new Error(`loadImage: no file "${file}"; use one of ${SAMPLE_IMAGES.map((s) => `"${s}"`).join(", ")} or a PNG/JPEG path`);
  }
  return decodeImage(fs.readFileSync(file));
}

function requireImage(name: string, image: unknown): asserts image is NdArray {
  const shape = (image as { shape?: unknown })?.shape;
  if (!Array.isArray(shape) || typeof (image as { get?: unknown }).get !== "function") {
    throw new TypeError(`${name} must be an ndarray of shape [H, W, C], got ${describe(image)}`);
  }
  if (shape.length !== 3) {
    throw new RangeError(`${name} must have shape [H, W, C] (3 dimensions), got shape ${formatShape(shape)}`);
  }
}

/**
 * The image as one vector x ∈ ℝ^{H·W·C} in HWC order: x[(h·W + w)·C + c] = image(h, w, c). Works for any
 * stride layout (views, slices); the result is a new array.
 */
export function imageToVector(image: NdArray): Float64Array {
  requireImage("image", image);
  const [h, w, c] = image.shape;
  const out = new Float64Array(h * w * c);
  let k = 0;
  for (let i = 0; i < h; i++) for (let j = 0; j < w; j++) for (let ch = 0; ch < c; ch++) out[k++] = image.get(i, j, ch);
  return out;
}

/** The inverse of `imageToVector`: a vector of length H·W·C back to an H × W × C ndarray (the data is copied). */
export function vectorToImage(vector: ArrayLike<number>, shape: readonly [number, number, number] | readonly number[]): HwcImage {
  if (!Array.isArray(shape) || shape.length !== 3 || !shape.every((s) => Number.isInteger(s) && s > 0)) {
    throw new RangeError(`vectorToImage: shape must be [H, W, C] with positive integers, got ${describe(shape)}`);
  }
  if (vector == null || typeof vector.length !== "number") {
    throw new TypeError(`vectorToImage: vector must be an array of numbers, got ${describe(vector)}`);
  }
  const [h, w, c] = shape;
  if (vector.length !== h * w * c) {
    throw new RangeError(
      `vectorToImage: a vector of length ${vector.length} cannot be an image of shape ${formatShape(shape)} ` +
        `(needs H·W·C = ${h * w * c} entries)`,
    );
  }
  return ndarray(Float64Array.from(vector), [h, w, c]);
}

/** The image converted to grey, H × W × 1, with the luma weights 0.299 R + 0.587 G + 0.114 B. */
export function toGrayscale(image: NdArray): HwcImage {
  requireImage("image", image);
  const [h, w, c] = image.shape;
  if (c !== 3 && c !== 1) throw new RangeError(`toGrayscale: image must have 1 or 3 channels, got shape ${formatShape(image.shape)}`);
  const out = new Float64Array(h * w);
  for (let i = 0; i < h; i++) {
    for (let j = 0; j < w; j++) {
      out[i * w + j] = c === 1 ? image.get(i, j, 0) : 0.299 * image.get(i, j, 0) + 0.587 * image.get(i, j, 1) + 0.114 * image.get(i, j, 2);
    }
  }
  return ndarray(out, [h, w, 1]);
}

/**
 * The image shrunk by an integer `factor`: each output pixel is the mean of a factor × factor block,
 * out(i, j, c) = mean over 0 ≤ a, b < factor of image(factor·i + a, factor·j + b, c). Rows and columns that do
 * not fill a whole block at the bottom and right edges are dropped.
 */
export function downsampleImage(image: NdArray, factor: number): HwcImage {
  requireImage("image", image);
  if (!Number.isInteger(factor) || factor < 1) throw new RangeError(`downsampleImage: factor must be an integer ≥ 1, got ${describe(factor)}`);
  const [h, w, c] = image.shape;
  const oh = Math.floor(h / factor);
  const ow = Math.floor(w / factor);
  if (oh === 0 || ow === 0) throw new RangeError(`downsampleImage: factor ${factor} is larger than the image ${formatShape(image.shape)}`);
  const out = new Float64Array(oh * ow * c);
  for (let i = 0; i < oh; i++) for (let j = 0; j < ow; j++) for (let ch = 0; ch < c; ch++) {
    let s = 0;
    for (let a = 0; a < factor; a++) for (let b = 0; b < factor; b++) s += image.get(factor * i + a, factor * j + b, ch);
    out[(i * ow + j) * c + ch] = s / (factor * factor);
  }
  return ndarray(out, [oh, ow, c]);
}
