import { describe, expect, it } from "vitest";
import { acrossSeeds, bandTraces } from "../../src/plot/index";

describe("acrossSeeds", () => {
  it("pointwise mean, sample std, min and max of a small exact case", () => {
    const s = acrossSeeds([[1, 10], [3, 10], [5, 40]]);
    expect(s.runs).toBe(3);
    expect(s.mean).toEqual([3, 20]);
    expect(s.std[0]).toBeCloseTo(2, 14); // ((−2)² + 0 + 2²)/2 = 4
    expect(s.std[1]).toBeCloseTo(Math.sqrt((100 + 100 + 400) / 2), 12);
    expect(s.min).toEqual([1, 10]);
    expect(s.max).toEqual([5, 40]);
    expect(acrossSeeds([[2, 3]]).std).toEqual([0, 0]);
  });
  it("rejects runs of different lengths and an empty list, naming them", () => {
    expect(() => acrossSeeds([[1, 2], [1]])).toThrow(/runs\[1\] has 1 points but runs\[0\] has 2/);
    expect(() => acrossSeeds([])).toThrow(/non-empty/);
  });
});

describe("bandTraces", () => {
  it("draws mean ± std as a filled band under the mean line", () => {
    const t = bandTraces([[0, 2], [2, 4]], { x: [10, 20], name: "G", color: "#ff7f0e" });
    expect(t).toHaveLength(3);
    expect(t[0].y).toEqual([1 + Math.SQRT2, 3 + Math.SQRT2]);
    expect(t[1].y[0]).toBeCloseTo(1 - Math.SQRT2, 14);
    expect(t[1].fill).toBe("tonexty");
    expect(t[1].fillcolor).toBe("rgba(255,127,14,0.25)");
    expect(t[2].y).toEqual([1, 3]);
    expect(t[2].x).toEqual([10, 20]);
    expect(t[2].name).toMatch(/mean of 2 runs/);
  });
  it("rejects an x of the wrong length", () => {
    expect(() => bandTraces([[1, 2, 3]], { x: [1, 2] })).toThrow(/x has 2 values but each run has 3/);
  });
});
