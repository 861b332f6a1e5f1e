import { describe, expect, it } from "vitest";
import fc from "fast-check";
import {
  compose,
  flipHorizontal,
  flipVertical,
  imageBatch,
  ImageBatch,
  loadMnist,
  mixup,
  mixupWithDetails,
  randomErasing,
  randomFlip,
  randomTranslation,
} from "../../src/data/index";
import { randomGenerator } from "../../src/random/index";

function randomBatch(n: number, h: number, w: number, c: number, seed: number, labels = false): ImageBatch {
  const rng = randomGenerator(seed);
  return imageBatch(rng.uniformArray(n * h * w * c), [h, w, c], labels ? rng.integers(n, 0, 10) : null, 10);
}

/** Beta(1/2, 1/2) CDF: (2/π) arcsin √x. */
const arcsineCdf = (x: number) => (2 / Math.PI) * Math.asin(Math.sqrt(x));

describe("batches", () => {
  it("wrap N × 784 rows or a LabeledImages, with clear shape errors", () => {
    const mnist = loadMnist();
    const b = imageBatch(mnist.images.subarray(0, 128 * 784), [28, 28, 1]);
    expect(b.count).toBe(128);
    expect(b.image(3).shape).toEqual([28, 28, 1]);
    const withLabels = imageBatch(mnist);
    expect(withLabels.classes).toBe(10);
    expect(withLabels.labels!.length).toBe(100000);
    expect(() => imageBatch(new Float64Array(100), [28, 28, 1])).toThrow(/100 numbers are not a whole number of images of shape \[28, 28, 1\] \(784 numbers each\)/);
    expect(() => imageBatch(new Float64Array(784), [784] as never)).toThrow(/imageShape must be \[H, W, C\]/);
    expect(() => imageBatch(new Float64Array(784 * 2), [28, 28, 1], [1, 2, 3])).toThrow(/2 images need 2 class labels/);
    expect(() => flipHorizontal(new Float64Array(4) as never)).toThrow(/batch must be an ImageBatch/);
  });
});

describe("flips", () => {
  it("exact small cases", () => {
    const b = imageBatch(Float64Array.from([1, 2, 3, 4, 5, 6]), [2, 3, 1]);
    expect(Array.from(flipHorizontal(b).images)).toEqual([3, 2, 1, 6, 5, 4]);
    expect(Array.from(flipVertical(b).images)).toEqual([4, 5, 6, 1, 2, 3]);
    const rgb = imageBatch(Float64Array.from([1, 2, 3, 4, 5, 6]), [1, 2, 3]);
    expect(Array.from(flipHorizontal(rgb).images)).toEqual([4, 5, 6, 1, 2, 3]); // pixels move, channels stay
    expect(Array.from(b.images)).toEqual([1, 2, 3, 4, 5, 6]); // input untouched
  });

  it("flipping twice is the identity", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 7 }), fc.integer({ min: 1, max: 3 }), fc.nat(1000), (h, w, c, seed) => {
        const b = randomBatch(3, h, w, c, seed);
        expect(Array.from(flipHorizontal(flipHorizontal(b)).images)).toEqual(Array.from(b.images));
        expect(Array.from(flipVertical(flipVertical(b)).images)).toEqual(Array.from(b.images));
      }),
      { numRuns: 30 },
    );
  });

  it("random flip: p = 0 keeps, p = 1 flips, p = 0.5 flips about half, seeded", () => {
    const b = randomBatch(400, 4, 5, 1, 1);
    expect(Array.from(randomFlip({ p: 0 })(b, 1).images)).toEqual(Array.from(b.images));
    expect(Array.from(randomFlip({ p: 1 })(b, 1).images)).toEqual(Array.from(flipHorizontal(b).images));
    expect(Array.from(randomFlip({ p: 1, direction: "vertical" })(b, 1).images)).toEqual(Array.from(flipVertical(b).images));
    const half = randomFlip({ p: 0.5 })(b, 9);
    expect(Array.from(randomFlip({ p: 0.5 })(b, 9).images)).toEqual(Array.from(half.images));
    let flipped = 0;
    for (let i = 0; i < b.count; i++) if (half.images[i * 20] !== b.images[i * 20]) flipped++;
    expect(flipped).toBeGreaterThan(160);
    expect(flipped).toBeLessThan(240);
    expect(() => randomFlip({ p: 1.5 })).toThrow(/p must be a probability in \[0, 1\], got 1.5/);
  });
});

describe("random translation", () => {
  it("shifts each image by at most k pixels, filling with 0", () => {
    const k = 2;
    const b = randomBatch(50, 6, 7, 2, 3);
    const out = randomTranslation(k)(b, 5);
    const { height: h, width: w, channels: c } = b;
    for (let i = 0; i < b.count; i++) {
      // Find the shift that explains the output image.
      let found = false;
      for (let dy = -k; dy <= k && !found; dy++) {
        for (let dx = -k; dx <= k && !found; dx++) {
          let ok = true;
          for (let y = 0; y < h && ok; y++) {
            for (let x = 0; x < w && ok; x++) {
              for (let ch = 0; ch < c; ch++) {
                const sy = y - dy;
                const sx = x - dx;
                const expected = sy >= 0 && sy < h && sx >= 0 && sx < w ? b.images[i * h * w * c + (sy * w + sx) * c + ch] : 0;
                if (out.images[i * h * w * c + (y * w + x) * c + ch] !== expected) ok = false;
              }
            }
          }
          found = ok;
        }
      }
      expect(found).toBe(true);
    }
    expect(Array.from(randomTranslation(0)(b, 5).images)).toEqual(Array.from(b.images));
    expect(Array.from(randomTranslation(k)(b, 5).images)).toEqual(Array.from(out.images));
    expect(() => randomTranslation(-1)).toThrow(/maxShift must be an integer ≥ 0/);
  });
});

describe("random erasing", () => {
  it("erases a rectangle covering the requested area fraction on average", () => {
    const n = 2000;
    const b = imageBatch(new Float64Array(n * 64 * 64).fill(1), [64, 64, 1]);
    const out = randomErasing({ p: 1, area: [0.1, 0.3], aspect: [0.5, 2] })(b, 11);
    let total = 0;
    for (let i = 0; i < n; i++) {
      const img = out.images.subarray(i * 4096, (i + 1) * 4096);
      let erased = 0;
      let top = 64;
      let bottom = -1;
      let left = 64;
      let right = -1;
      for (let y = 0; y < 64; y++) {
        for (let x = 0; x < 64; x++) {
          if (img[y * 64 + x] === 0) {
            erased++;
            top = Math.min(top, y);
            bottom = Math.max(bottom, y);
            left = Math.min(left, x);
            right = Math.max(right, x);
          }
        }
      }
      expect(erased).toBe((bottom - top + 1) * (right - left + 1)); // a filled rectangle
      total += erased / 4096;
    }
    expect(total / n).toBeGreaterThan(0.19);
    expect(total / n).toBeLessThan(0.21);
  });

  it("with probability p, fill by value, per channel or random; seeded", () => {
    const b = imageBatch(new Float64Array(1000 * 100 * 3).fill(0.5), [10, 10, 3]);
    const out = randomErasing({ p: 0.3, fill: [0.1, 0.2, 0.3] })(b, 2);
    let touched = 0;
    for (let i = 0; i < 1000; i++) {
      const img = out.images.subarray(i * 300, (i + 1) * 300);
      if (img.some((v) => v !== 0.5)) {
        touched++;
        let wrong = 0;
        for (let k = 0; k < 300; k++) if (img[k] !== 0.5 && img[k] !== [0.1, 0.2, 0.3][k % 3]) wrong++;
        expect(wrong).toBe(0);
      }
    }
    expect(touched).toBeGreaterThan(250);
    expect(touched).toBeLessThan(350);
    const random = randomErasing({ p: 1, fill: "random" })(b, 4);
    expect(random.images.reduce((m, v) => Math.min(m, v), 1)).toBeGreaterThanOrEqual(0);
    expect(random.images.reduce((m, v) => Math.max(m, v), 0)).toBeLessThan(1);
    expect(random.images.filter((v) => v !== 0.5).length).toBeGreaterThan(1000 * 300 * 0.02);
    expect(Array.from(randomErasing({ p: 1, fill: "random" })(b, 4).images)).toEqual(Array.from(random.images));
    expect(Array.from(randomErasing({ p: 0 })(b, 4).images)).toEqual(Array.from(b.images));
    expect(() => randomErasing({ area: [0.5, 0.1] })).toThrow(/area must be \[s_l, s_h\]/);
    expect(() => randomErasing({ fill: [0, 0] })(b, 1)).toThrow(/fill has 2 values but the images have 3 channels/);
  });
});

describe("mixup", () => {
  it("λ follows Beta(α, α) (Kolmogorov–Smirnov) and mixes inputs and labels with the same λ", () => {
    const b = randomBatch(2000, 2, 2, 1, 8, true);
    const { batch, lambdas, partners } = mixupWithDetails(b, 21, 0.5);
    const sorted = Array.from(lambdas).sort((x, y) => x - y);
    let ks = 0;
    sorted.forEach((x, i) => {
      const F = arcsineCdf(x);
      ks = Math.max(ks, Math.abs(F - i / sorted.length), Math.abs(F - (i + 1) / sorted.length));
    });
    expect(ks).toBeLessThan(1.63 / Math.sqrt(sorted.length)); // 1 % level
    for (let i = 0; i < b.count; i++) {
      const l = lambdas[i];
      const j = partners[i];
      let sum = 0;
      for (let k = 0; k < 10; k++) {
        sum += batch.labels![i * 10 + k];
        expect(batch.labels![i * 10 + k]).toBeCloseTo(l * b.labels![i * 10 + k] + (1 - l) * b.labels![j * 10 + k], 14);
      }
      expect(sum).toBeCloseTo(1, 14);
      for (let k = 0; k < 4; k++) expect(batch.images[i * 4 + k]).toBeCloseTo(l * b.images[i * 4 + k] + (1 - l) * b.images[j * 4 + k], 14);
    }
    expect(Array.from(new Set(partners)).length).toBe(b.count); // a permutation
  });

  it("is seeded and needs labels", () => {
    const b = randomBatch(10, 3, 3, 1, 2, true);
    expect(Array.from(mixup()(b, 5).images)).toEqual(Array.from(mixup()(b, 5).images));
    expect(() => mixup()(randomBatch(4, 2, 2, 1, 1), 1)).toThrow(/mixup mixes labels too: the batch has none/);
    expect(() => mixup({ alpha: 0 })).toThrow(/alpha must be > 0/);
  });
});

describe("compose", () => {
  it("applies augmentations in order from one generator; same seed, same batch", () => {
    const b = randomBatch(16, 8, 8, 1, 1, true);
    const augment = compose(randomTranslation(1), randomErasing({ p: 0.5 }), mixup());
    const a1 = augment(b, 77);
    const a2 = augment(b, 77);
    expect(Array.from(a1.images)).toEqual(Array.from(a2.images));
    expect(Array.from(a1.labels!)).toEqual(Array.from(a2.labels!));
    const rng = randomGenerator(77);
    const manual = mixup()(randomErasing({ p: 0.5 })(randomTranslation(1)(b, rng), rng), rng);
    expect(Array.from(manual.images)).toEqual(Array.from(a1.images));
    expect(Array.from(augment(b, 78).images)).not.toEqual(Array.from(a1.images));
    expect(() => compose(randomTranslation(1), 3 as never)).toThrow(/argument 1 must be an augmentation/);
  });
});
