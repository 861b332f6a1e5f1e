import { describe, expect, it } from "vitest";
import fc from "fast-check";
import ndarray from "ndarray";
import { PNG } from "pngjs";
import { decodeImage, imageToVector, loadImage, SAMPLE_IMAGES, toGrayscale, vectorToImage } from "../../src/data/index";

describe("colour images", () => {
  it("loads the sample photos as H×W×3 float64 in [0, 1], really coloured", () => {
    for (const name of SAMPLE_IMAGES) {
      const img = loadImage(name);
      expect(img.shape[2]).toBe(3);
      expect(img.shape[1]).toBe(256);
      expect(img.shape[0]).toBeGreaterThan(100);
      expect(img.data).toBeInstanceOf(Float64Array);
      let min = Infinity;
      let max = -Infinity;
      let colourDifference = 0;
      for (let i = 0; i < img.data.length; i += 3) {
        for (let c = 0; c < 3; c++) {
          min = Math.min(min, img.data[i + c]);
          max = Math.max(max, img.data[i + c]);
        }
        colourDifference += Math.abs(img.data[i] - img.data[i + 2]);
      }
      expect(min).toBeGreaterThanOrEqual(0);
      expect(max).toBeLessThanOrEqual(1);
      expect(max - min).toBeGreaterThan(0.5);
      expect(colourDifference / (img.data.length / 3)).toBeGreaterThan(0.02); // not a grey image
    }
  });

  it("decodes a PNG it was given exactly", () => {
    const png = new PNG({ width: 2, height: 1 });
    png.data.set([255, 0, 51, 255, 0, 102, 255, 255]);
    const img = decodeImage(PNG.sync.write(png));
    expect(img.shape).toEqual([1, 2, 3]);
    expect(Array.from(img.data)).toEqual([1, 0, 0.2, 0, 0.4, 1]);
    expect(() => decodeImage(new Uint8Array([1, 2, 3, 4, 5]))).toThrow(/could not decode the image/);
    expect(() => loadImage("nonexistent-cat")).toThrow(/no file "nonexistent-cat"/);
  });

  it("vector ↔ image round trip in HWC order", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 6 }), fc.integer({ min: 1, max: 6 }), fc.integer({ min: 1, max: 4 }), (h, w, c) => {
        const v = Float64Array.from({ length: h * w * c }, (_, i) => Math.sin(i));
        const img = vectorToImage(v, [h, w, c]);
        for (let i = 0; i < h; i++) for (let j = 0; j < w; j++) for (let k = 0; k < c; k++) expect(img.get(i, j, k)).toBe(v[(i * w + j) * c + k]);
        expect(Array.from(imageToVector(img))).toEqual(Array.from(v));
      }),
    );
    const photo = loadImage("coffee");
    expect(Array.from(imageToVector(vectorToImage(imageToVector(photo), photo.shape)))).toEqual(Array.from(photo.data));
  });

  it("imageToVector reads views in logical order", () => {
    // A transposed view: (h, w) swapped; the vector follows the view, not the memory.
    const base = ndarray(Float64Array.from([1, 2, 3, 4, 5, 6]), [2, 3, 1]);
    expect(Array.from(imageToVector(base.transpose(1, 0, 2)))).toEqual([1, 4, 2, 5, 3, 6]);
  });

  it("a wrong image shape gives a clear error", () => {
    expect(() => vectorToImage(new Float64Array(10), [2, 2, 3])).toThrow(/length 10 cannot be an image of shape \[2, 2, 3\] \(needs H·W·C = 12/);
    expect(() => vectorToImage(new Float64Array(12), [2, 6] as never)).toThrow(/shape must be \[H, W, C\]/);
    expect(() => imageToVector(ndarray(new Float64Array(4), [2, 2]))).toThrow(/must have shape \[H, W, C\].*got shape \[2, 2\]/);
    expect(() => imageToVector([1, 2, 3] as never)).toThrow(/ndarray of shape \[H, W, C\]/);
  });

  it("grayscale uses the luma weights", () => {
    const img = vectorToImage([1, 0, 0, 0, 1, 0, 0, 0, 1], [1, 3, 3]);
    const g = toGrayscale(img);
    expect(g.shape).toEqual([1, 3, 1]);
    expect(Array.from(g.data)).toEqual([0.299, 0.587, 0.114]);
  });
});
