import { describe, expect, it } from "vitest";
import ndarray from "ndarray";
import { concatImageBatches, imageBatch, downsampleImage, imageToVector } from "../../src/data/index";

describe("concatImageBatches", () => {
  it("puts the images and the one-hot labels one after the other", () => {
    const a = imageBatch(Float64Array.from([1, 2, 3, 4]), [1, 2, 1], [0, 1], 3);
    const b = imageBatch(Float64Array.from([5, 6]), [1, 2, 1], [2], 3);
    const c = concatImageBatches([a, b]);
    expect(c.count).toBe(3);
    expect(Array.from(c.images)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(Array.from(c.labels!)).toEqual([1, 0, 0, 0, 1, 0, 0, 0, 1]);
  });
  it("refuses different shapes or label classes, naming the batch", () => {
    const a = imageBatch(Float64Array.from([1, 2]), [1, 2, 1]);
    expect(() => concatImageBatches([a, imageBatch(Float64Array.from([1, 2]), [2, 1, 1])])).toThrow(/batch 1 has images of shape \[2, 1, 1\], batch 0 \[1, 2, 1\]/);
    expect(() => concatImageBatches([a, imageBatch(Float64Array.from([1, 2]), [1, 2, 1], [0], 2)])).toThrow(/batch 1 has 2 label classes, batch 0 no/);
    expect(() => concatImageBatches([])).toThrow(/non-empty array/);
  });
});

describe("downsampleImage", () => {
  it("averages factor × factor blocks per channel and drops an incomplete edge", () => {
    // 3 × 4 × 2: channel 0 = 10·row + column, channel 1 = 1
    const data = new Float64Array(3 * 4 * 2);
    for (let i = 0; i < 3; i++) for (let j = 0; j < 4; j++) {
      data[(i * 4 + j) * 2] = 10 * i + j;
      data[(i * 4 + j) * 2 + 1] = 1;
    }
    const small = downsampleImage(ndarray(data, [3, 4, 2]), 2);
    expect(small.shape).toEqual([1, 2, 2]);
    expect(Array.from(imageToVector(small))).toEqual([5.5, 1, 7.5, 1]);
    expect(Array.from(imageToVector(downsampleImage(ndarray(data, [3, 4, 2]), 1)))).toEqual(Array.from(data));
  });
  it("rejects a factor that is not a positive integer or larger than the image", () => {
    const img = ndarray(new Float64Array(12), [2, 2, 3]);
    expect(() => downsampleImage(img, 0)).toThrow(/factor must be an integer ≥ 1, got 0/);
    expect(() => downsampleImage(img, 3)).toThrow(/larger than the image \[2, 2, 3\]/);
  });
});
