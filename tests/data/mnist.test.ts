import { describe, expect, it } from "vitest";
import { inspect } from "node:util";
import { loadMnist, loadMnistFromPackage, oneHot, selectImages, trainTestSplit } from "../../src/data/index";

describe("MNIST", () => {
  it("loads 10 000 digits of 28×28 in [0, 1] with labels 0…9, cached", () => {
    const data = loadMnist();
    expect(data.count).toBe(10000);
    expect(data.images.length).toBe(10000 * 784);
    expect(data.labels.length).toBe(10000);
    expect(data.imageShape).toEqual([28, 28, 1]);
    let min = Infinity;
    let max = -Infinity;
    for (const v of data.images) {
      min = Math.min(min, v);
      max = Math.max(max, v);
    }
    expect(min).toBe(0);
    expect(max).toBe(1);
    const counts = new Array(10).fill(0);
    for (const l of data.labels) counts[l]++;
    for (const c of counts) expect(c).toBeGreaterThan(800);
    expect(loadMnist()).toBe(data);
    expect(String(data)).toMatch(/10000 images of 28×28×1/);
    expect(inspect(data)).toBe(String(data)); // what a notebook cell prints
    // A digit has ink: between 5 % and 50 % of its pixels are bright.
    for (const m of [0, 1234, 9999]) {
      const bright = data.images.subarray(m * 784, (m + 1) * 784).filter((v) => v > 0.5).length;
      expect(bright).toBeGreaterThan(0.05 * 784);
      expect(bright).toBeLessThan(0.5 * 784);
    }
  });

  it("the compact asset holds the same digits as the mnist package's JSON files", () => {
    const fast = loadMnist();
    const reference = loadMnistFromPackage();
    expect(Array.from(fast.labels)).toEqual(Array.from(reference.labels));
    let worst = 0;
    for (let i = 0; i < fast.images.length; i++) worst = Math.max(worst, Math.abs(fast.images[i] - reference.images[i]));
    expect(worst).toBeLessThanOrEqual(0.0005 + 1e-12); // the package rounds k/255 to 3 decimals
  });

  it("one-hot: k ↦ e_{k+1}", () => {
    expect(Array.from(oneHot([2, 0], 3))).toEqual([0, 0, 1, 1, 0, 0]);
    const y = oneHot(loadMnist().labels.subarray(0, 100));
    expect(y.length).toBe(1000);
    for (let i = 0; i < 100; i++) expect(y.subarray(i * 10, i * 10 + 10).reduce((s, v) => s + v, 0)).toBe(1);
    expect(() => oneHot([0, 10])).toThrow(/label 1 is 10/);
    expect(() => oneHot([1.5], 3)).toThrow(/integers in 0…2/);
  });

  it("a seeded train/test split: disjoint, complete, reproducible", () => {
    const a = trainTestSplit(100, 0.25, 42);
    const b = trainTestSplit(100, 0.25, 42);
    const c = trainTestSplit(100, 0.25, 43);
    expect(a.test.length).toBe(25);
    expect(a.train.length).toBe(75);
    expect(Array.from(a.test)).toEqual(Array.from(b.test));
    expect(Array.from(a.test)).not.toEqual(Array.from(c.test));
    expect([...a.train, ...a.test].sort((x, y) => x - y)).toEqual(Array.from({ length: 100 }, (_, i) => i));
    expect(trainTestSplit(10, 3, 1).test.length).toBe(3);
    expect(() => trainTestSplit(10, 0, 1)).toThrow(/testSize/);
    expect(() => trainTestSplit(10, 10, 1)).toThrow(/at least one item on each side/);
    expect(() => trainTestSplit(10, 0.2, -1)).toThrow(/seed/);
  });

  it("splitting the data set copies the chosen rows with their labels", () => {
    const data = loadMnist();
    const { train, test } = trainTestSplit(data, 0.1, 7);
    expect(test.count).toBe(1000);
    expect(train.count).toBe(9000);
    const idx = trainTestSplit(data.count, 0.1, 7).test;
    for (const i of [0, 500, 999]) {
      expect(test.labels[i]).toBe(data.labels[idx[i]]);
      expect(Array.from(test.images.subarray(i * 784, (i + 1) * 784))).toEqual(Array.from(data.images.subarray(idx[i] * 784, (idx[i] + 1) * 784)));
    }
    // Shuffled, not sorted by class: the first 100 test digits contain several classes.
    expect(new Set(test.labels.subarray(0, 100)).size).toBeGreaterThan(5);
    expect(() => selectImages(data, [10000])).toThrow(/outside 0…9999/);
  });
});
