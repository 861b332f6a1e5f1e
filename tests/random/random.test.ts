import { describe, expect, test } from "vitest";
import fc from "fast-check";
import mt19937 from "@stdlib/random-base-mt19937";
import { randomGenerator, toGenerator, RandomGenerator } from "../../src/index";

function meanAndError(xs: ArrayLike<number>): [number, number, number] {
  const n = xs.length;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += xs[i];
  mean /= n;
  let v = 0;
  for (let i = 0; i < n; i++) v += (xs[i] - mean) ** 2;
  v /= n - 1;
  return [mean, Math.sqrt(v / n), v];
}

describe("reproducibility", () => {
  test("the bit source is the reference MT19937 (same numbers on every machine)", () => {
    // First outputs of Matsumoto & Nishimura's mt19937ar.c with init_by_array({0x123, 0x234, 0x345, 0x456}).
    const prng = mt19937.factory({ seed: new Uint32Array([0x123, 0x234, 0x345, 0x456]) });
    expect([prng(), prng(), prng(), prng(), prng()]).toEqual([1067595299, 955945823, 477289528, 4107218783, 4228976476]);
  });

  test("same seed → same numbers, for every distribution; different seeds → different numbers", () => {
    const draw = (g: RandomGenerator) => [
      ...g.normalArray(5), ...g.uniformArray(3, -1, 1), g.beta(0.5, 0.5), g.bernoulli(0.3), g.integer(0, 100),
      ...g.permutation(6), ...(g.choice(10, 4, false) as number[]), g.spawn().normal(),
    ];
    fc.assert(
      fc.property(fc.nat(2 ** 40), (seed) => {
        expect(draw(randomGenerator(seed))).toEqual(draw(randomGenerator(seed)));
        expect(randomGenerator(seed).normalArray(4)).not.toEqual(randomGenerator(seed + 1).normalArray(4));
      }),
      { numRuns: 30 },
    );
    // Seeds above 2³² are distinct from their low word.
    expect(randomGenerator(2 ** 32 + 1).uniform()).not.toBe(randomGenerator(1).uniform());
  });

  test("toGenerator passes generators through and makes one from a seed", () => {
    const g = randomGenerator(3);
    expect(toGenerator(g)).toBe(g);
    expect(toGenerator(3).normal()).toBe(randomGenerator(3).normal());
    expect(() => toGenerator("3" as never)).toThrow(/rng must be a RandomGenerator or a seed/);
    expect(String(g)).toBe("RandomGenerator(seed = 3)");
  });
});

describe("distributions", () => {
  const N = 20000;
  test("normal(mean, std): mean, variance and a 3σ tail within Monte-Carlo error", () => {
    const x = randomGenerator(1).normalArray(N, 2, 3);
    const [mean, se, variance] = meanAndError(x);
    expect(Math.abs(mean - 2)).toBeLessThan(4 * se);
    // Var of the sample variance of a normal: 2σ⁴/(N − 1).
    expect(Math.abs(variance - 9)).toBeLessThan(4 * Math.sqrt((2 * 81) / (N - 1)));
    const tail = Array.from(x).filter((v) => Math.abs(v - 2) > 9).length / N; // P(|Z| > 3) = 0.0027
    expect(Math.abs(tail - 0.0027)).toBeLessThan(4 * Math.sqrt(0.0027 / N));
    expect(randomGenerator(1).normal(5, 0)).toBe(5);
  });

  test("uniform(low, high): range and moments", () => {
    const x = randomGenerator(2).uniformArray(N, -1, 3);
    expect(Math.min(...x)).toBeGreaterThanOrEqual(-1);
    expect(Math.max(...x)).toBeLessThan(3);
    const [mean, se, variance] = meanAndError(x);
    expect(Math.abs(mean - 1)).toBeLessThan(4 * se);
    expect(Math.abs(variance - 16 / 12)).toBeLessThan(0.05);
  });

  test("beta(a, b): mean a/(a+b) and variance ab/((a+b)²(a+b+1)) (mixup uses a = b = α)", () => {
    for (const [a, b] of [[0.5, 0.5], [2, 5]]) {
      const x = randomGenerator(3).betaArray(N, a, b);
      expect(Math.min(...x)).toBeGreaterThanOrEqual(0);
      expect(Math.max(...x)).toBeLessThanOrEqual(1);
      const [mean, se, variance] = meanAndError(x);
      expect(Math.abs(mean - a / (a + b))).toBeLessThan(4 * se);
      const want = (a * b) / ((a + b) ** 2 * (a + b + 1));
      expect(Math.abs(variance - want) / want).toBeLessThan(0.05);
    }
  });

  test("bernoulli(p) frequency, integers in [low, high) with uniform frequencies", () => {
    const x = randomGenerator(4).bernoulliArray(N, 0.3);
    const freq = x.reduce((s, v) => s + v, 0) / N;
    expect(Math.abs(freq - 0.3)).toBeLessThan(4 * Math.sqrt((0.3 * 0.7) / N));
    const ints = randomGenerator(5).integers(N, -2, 3);
    const counts = new Map<number, number>();
    for (const v of ints) counts.set(v, (counts.get(v) ?? 0) + 1);
    expect([...counts.keys()].sort()).toEqual([-1, -2, 0, 1, 2].sort());
    // χ² with 4 degrees of freedom: 99.9% quantile 18.47.
    const chi2 = [...counts.values()].reduce((s, c) => s + (c - N / 5) ** 2 / (N / 5), 0);
    expect(chi2).toBeLessThan(18.47);
  });

  test("permutation is a permutation; shuffle keeps the elements; every position is uniform", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 50 }), fc.nat(1e6), (n, seed) => {
        const p = Array.from(randomGenerator(seed).permutation(n));
        expect([...p].sort((a, b) => a - b)).toEqual(Array.from({ length: n }, (_, i) => i));
        const items = Array.from({ length: n }, (_, i) => `x${i}`);
        expect([...randomGenerator(seed).shuffle([...items])].sort()).toEqual([...items].sort());
      }),
      { numRuns: 50 },
    );
    const g = randomGenerator(6);
    const firstCounts = new Array(4).fill(0);
    for (let i = 0; i < 4000; i++) firstCounts[g.permutation(4)[0]]++;
    firstCounts.forEach((c) => expect(Math.abs(c - 1000)).toBeLessThan(4 * Math.sqrt(4000 * 0.25 * 0.75)));
  });

  test("choice with and without replacement, pick", () => {
    const g = randomGenerator(7);
    const without = g.choice(["a", "b", "c", "d", "e"], 5, false) as string[];
    expect([...without].sort()).toEqual(["a", "b", "c", "d", "e"]);
    const withR = g.choice(3, 1000) as number[];
    expect(new Set(withR)).toEqual(new Set([0, 1, 2]));
    expect(["x", "y"]).toContain(g.pick(["x", "y"]));
    expect(g.choice(4, 0)).toEqual([]);
  });
});

describe("bad input", () => {
  test("seeds", () => {
    for (const bad of [-1, 1.5, NaN, "42", 2 ** 60]) {
      expect(() => randomGenerator(bad as number)).toThrow(/seed must be a non-negative integer/);
    }
  });
  test("distribution parameters", () => {
    const g = randomGenerator(1);
    expect(() => g.normal(0, -1)).toThrow(/std must be ≥ 0, got -1/);
    expect(() => g.normalArray(3, NaN)).toThrow(/mean must be a finite number/);
    expect(() => g.beta(0, 1)).toThrow(/beta parameters must be > 0/);
    expect(() => g.bernoulli(1.5)).toThrow(/probability in \[0, 1\], got 1.5/);
    expect(() => g.integer(3, 3)).toThrow(/low < high/);
    expect(() => g.uniformArray(-2)).toThrow(/n must be a non-negative integer, got -2/);
    expect(() => g.choice(3, 4, false)).toThrow(/size must be ≤ 3/);
    expect(() => g.choice([], 1)).toThrow(/empty/);
    expect(() => g.pick([])).toThrow(/empty/);
  });
  test("a bad call leaves the stream untouched", () => {
    const a = randomGenerator(9);
    const b = randomGenerator(9);
    expect(() => a.normal(0, -1)).toThrow();
    expect(() => a.beta(-1, 1)).toThrow();
    expect(a.normal()).toBe(b.normal());
  });
});
