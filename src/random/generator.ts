/**
 * Seeded randomness. Every random function of the library takes a `RandomGenerator` (or a seed), never
 * `Math.random`, so the same seed gives the same numbers, the same figures, on every machine.
 *
 * The bits come from a 32-bit Mersenne Twister (MT19937) and the distributions from the @stdlib packages:
 * well-tested code we do not write again. A generator owns one MT19937 stream and every distribution draws
 * from that stream, so the order of calls decides the numbers, as in numpy's `default_rng`.
 *
 * ```ts
 * const rng = randomGenerator(42);
 * rng.normal();                 // one N(0, 1) sample
 * rng.normalArray(5, 0, 0.1);   // five N(0, 0.1²) samples in a Float64Array
 * rng.beta(0.5, 0.5);           // λ for mixup
 * ```
 */
import { describe, requireFinite } from "../util/errors";
import mt19937 from "@stdlib/random-base-mt19937";
import normalFactory from "@stdlib/random-base-normal";
import betaFactory from "@stdlib/random-base-beta";

function requireCount(name: string, value: unknown): asserts value is number {
  if (typeof value !== "number" || !Number.isInteger(value) || value < 0) {
    throw new RangeError(`${name} must be a non-negative integer, got ${describe(value)}`);
  }
}

/** A seed: a non-negative safe integer. */
export type Seed = number;

/** A generator or a seed: random functions accept either. */
export type RandomSource = RandomGenerator | Seed;

/** A seeded stream of random numbers with the distributions the lectures use. */
export class RandomGenerator {
  /** The seed this generator was created from. */
  readonly seed: Seed;
  /** A uniform number on [0, 1) from the MT19937 stream. */
  private readonly unit: () => number;
  private readonly gaussian: (mu: number, sigma: number) => number;
  private readonly betaSample: (a: number, b: number) => number;

  constructor(seed: Seed) {
    if (typeof seed !== "number" || !Number.isSafeInteger(seed) || seed < 0) {
      throw new TypeError(`seed must be a non-negative integer (for example 42), got ${describe(seed)}`);
    }
    this.seed = seed;
    // MT19937 takes an array of 32-bit words as its seed; split the seed into its low and high words so that
    // every safe integer, 0 included, is a distinct valid seed.
    const words = new Uint32Array([seed % 2 ** 32, Math.floor(seed / 2 ** 32)]);
    // `normalized` is MT19937's [0, 1) output (present at run time, missing from the package's typings).
    const bits = mt19937.factory({ seed: words }) as unknown as { normalized: () => number };
    const prng = bits.normalized;
    this.unit = prng;
    this.gaussian = normalFactory.factory({ prng });
    this.betaSample = betaFactory.factory({ prng });
  }

  /** A uniform sample on [low, high). */
  uniform(low = 0, high = 1): number {
    requireFinite("low", low);
    requireFinite("high", high);
    return low + (high - low) * this.unit();
  }

  /** A normal sample N(mean, std²). */
  normal(mean = 0, std = 1): number {
    requireFinite("mean", mean);
    requireFinite("std", std);
    if (std < 0) throw new RangeError(`std must be ≥ 0, got ${std}`);
    return std === 0 ? mean : this.gaussian(mean, std);
  }

  /** A Beta(a, b) sample on [0, 1]; mixup draws λ ~ Beta(α, α). */
  beta(a: number, b: number): number {
    requireFinite("a", a);
    requireFinite("b", b);
    if (a <= 0 || b <= 0) throw new RangeError(`beta parameters must be > 0, got a = ${a}, b = ${b}`);
    return this.betaSample(a, b);
  }

  /** A Bernoulli(p) sample: 1 with probability p, else 0. */
  bernoulli(p = 0.5): 0 | 1 {
    requireFinite("p", p);
    if (p < 0 || p > 1) throw new RangeError(`p must be a probability in [0, 1], got ${p}`);
    return this.unit() < p ? 1 : 0;
  }

  /** A uniform integer in [low, high) (high excluded, as in numpy's `integers`). */
  integer(low: number, high: number): number {
    if (!Number.isSafeInteger(low) || !Number.isSafeInteger(high)) {
      throw new TypeError(`integer(low, high) needs integers, got low = ${describe(low)}, high = ${describe(high)}`);
    }
    if (high <= low) throw new RangeError(`integer(low, high) needs low < high, got low = ${low}, high = ${high}`);
    return low + Math.floor(this.unit() * (high - low));
  }

  /** `n` uniform samples on [low, high). */
  uniformArray(n: number, low = 0, high = 1): Float64Array {
    requireCount("n", n);
    requireFinite("low", low);
    requireFinite("high", high);
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) out[i] = low + (high - low) * this.unit();
    return out;
  }

  /** `n` samples of N(mean, std²). */
  normalArray(n: number, mean = 0, std = 1): Float64Array {
    requireCount("n", n);
    requireFinite("mean", mean);
    requireFinite("std", std);
    if (std < 0) throw new RangeError(`std must be ≥ 0, got ${std}`);
    const out = new Float64Array(n);
    if (std === 0) return out.fill(mean);
    for (let i = 0; i < n; i++) out[i] = this.gaussian(mean, std);
    return out;
  }

  /** `n` samples of Beta(a, b). */
  betaArray(n: number, a: number, b: number): Float64Array {
    requireCount("n", n);
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) out[i] = this.beta(a, b);
    return out;
  }

  /** `n` samples of Bernoulli(p), as 0/1 bytes. */
  bernoulliArray(n: number, p = 0.5): Uint8Array {
    requireCount("n", n);
    const out = new Uint8Array(n);
    for (let i = 0; i < n; i++) out[i] = this.bernoulli(p);
    return out;
  }

  /**
   * `n` uniform integers in [low, high), in an Int32Array: low and high must lie in [−2³¹, 2³¹]
   * (larger bounds would wrap around to negative numbers; draw those one at a time with `integer`).
   */
  integers(n: number, low: number, high: number): Int32Array {
    requireCount("n", n);
    if (!Number.isSafeInteger(low) || !Number.isSafeInteger(high)) {
      throw new TypeError(`integers(n, low, high) needs integer bounds, got low = ${describe(low)}, high = ${describe(high)}`);
    }
    if (high <= low) throw new RangeError(`integers(n, low, high) needs low < high, got low = ${low}, high = ${high}`);
    if (low < -(2 ** 31) || high > 2 ** 31) {
      throw new RangeError(
        `integers(n, low, high) returns an Int32Array, so low and high must lie in [−2³¹, 2³¹]; got low = ${low}, high = ${high} (use integer(low, high) for larger numbers)`,
      );
    }
    const out = new Int32Array(n);
    for (let i = 0; i < n; i++) out[i] = this.integer(low, high);
    return out;
  }

  /** Shuffles `array` in place (Fisher–Yates) and returns it. */
  shuffle<T extends { length: number; [i: number]: any }>(array: T): T {
    if (!Array.isArray(array) && !ArrayBuffer.isView(array)) {
      throw new TypeError(`shuffle: array must be an array or a typed array, got ${describe(array)}`);
    }
    for (let i = array.length - 1; i > 0; i--) {
      const j = Math.floor(this.unit() * (i + 1));
      const tmp = array[i];
      array[i] = array[j];
      array[j] = tmp;
    }
    return array;
  }

  /** A uniformly random permutation of 0, 1, …, n − 1. */
  permutation(n: number): Int32Array {
    requireCount("n", n);
    const out = new Int32Array(n);
    for (let i = 0; i < n; i++) out[i] = i;
    return this.shuffle(out);
  }

  /**
   * `size` elements drawn from `items` (or from 0 … items − 1 when `items` is a number), uniformly,
   * with replacement unless `replace` is false.
   */
  choice<T>(items: readonly T[] | number, size: number, replace = true): T[] | number[] {
    requireCount("size", size);
    if (typeof items !== "number" && !Array.isArray(items) && !ArrayBuffer.isView(items)) {
      throw new TypeError(`choice: items must be an array or a count, got ${describe(items)}`);
    }
    const n = typeof items === "number" ? items : items.length;
    requireCount("the number of items", n);
    if (n === 0 && size > 0) throw new RangeError("choice: cannot draw from an empty set");
    if (!replace && size > n) {
      throw new RangeError(`choice without replacement: size must be ≤ ${n} (the number of items), got ${size}`);
    }
    const indices = replace
      ? Array.from({ length: size }, () => Math.floor(this.unit() * n))
      : Array.from(this.permutation(n).subarray(0, size));
    return typeof items === "number" ? indices : indices.map((i) => items[i]);
  }

  /** One element of `items`, uniformly. */
  pick<T>(items: readonly T[]): T {
    if (!Array.isArray(items) && !ArrayBuffer.isView(items)) {
      throw new TypeError(`pick: items must be an array, got ${describe(items)}`);
    }
    if (items.length === 0) throw new RangeError("pick: cannot draw from an empty array");
    return items[Math.floor(this.unit() * items.length)];
  }

  /**
   * A new generator whose seed is drawn from this one: independent streams for independent parts of an
   * experiment (data order, initialization, augmentation) that stay reproducible from one seed.
   */
  spawn(): RandomGenerator {
    return new RandomGenerator(Math.floor(this.unit() * 2 ** 32) + 2 ** 32 * this.integer(0, 2 ** 20));
  }

  toString(): string {
    return `RandomGenerator(seed = ${this.seed})`;
  }
}

/** A seeded generator: `randomGenerator(42)`. */
export function randomGenerator(seed: Seed): RandomGenerator {
  return new RandomGenerator(seed);
}

/** The generator for a `RandomSource`: the generator itself, or a new one from a seed. */
export function toGenerator(source: RandomSource, name = "rng"): RandomGenerator {
  if (source instanceof RandomGenerator) return source;
  if (typeof source === "number") return new RandomGenerator(source);
  throw new TypeError(`${name} must be a RandomGenerator or a seed (a non-negative integer), got ${describe(source)}`);
}
