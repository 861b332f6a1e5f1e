/**
 * The result of a numerical convolution (⊞, ⊠, ∗): a smoothed density on a grid, an optional atom, its CDF and its
 * exact moments; and the options the convolutions share.
 */
import { DensityGrid, interpolateSorted } from "./laws";
import { describe, requireInteger, requirePositive } from "../util/errors";

/** A density on a grid plus an optional atom: the result of a numerical convolution. */
export interface ConvolutionResult extends DensityGrid {
  /** An atom (for ⊠ at 0: mass max(μ({0}), ν({0}))), or null. */
  atom: { at: number; mass: number } | null;
  /** The smoothing width η used. */
  eta: number;
  /** Largest number of fixed-point iterations at a grid point. */
  maxIterations: number;
  /** F(x) by the trapezoid rule on the grid (plus the atom), normalised to total mass 1. */
  cdf(x: number): number;
  /**
   * ∫ x^k dμ of the convolution itself, unsmoothed: computed exactly from the inputs' moments (free cumulants add
   * under ⊞, S-transforms multiply under ⊠, binomial sums for ∗), not from the grid. The smoothed density's moments
   * are larger (its Cauchy tails); they are `densityMoment(k)`.
   */
  moment(k: number): number;
  /** ∫ x^k of what the grid shows: the smoothed density by the trapezoid rule, plus the atom (and any mass kept left of the grid). */
  densityMoment(k: number): number;
  toString(): string;
}

/** Options of the numerical convolutions. */
export interface ConvolutionOptions {
  /** Number of grid points of the output density (default 400). */
  points?: number;
  /** Output grid [lo, hi] (default: a bound on the support). */
  range?: [number, number];
  /**
   * Smoothing width η > 0 (default: 0.004 × the grid's range for ⊞ and ∗, 0.0002 × the range for ⊠, whose
   * densities blow up at 0: the smoothing spills mass below 0 and into a heavy tail, and iterated products compound it;
   * a ⊠ product away from 0 gets an even grid over m₁ ± 6σ and η = 0.0002 × its width).
   * The smoothing shows in the density and its `densityMoment(k)`, not in `moment(k)` (exact).
   */
  eta?: number;
  /** Atoms used to discretise analytic laws (default 1000). */
  discretization?: number;
  /** Fixed-point tolerance (default 1e-10) and iteration cap (default 2000). */
  tol?: number;
  maxIterations?: number;
}

/** Memoises k ↦ (moments [1, m_1, …, m_k] of a convolution)[k], recomputed when a higher k is asked. */
export function momentFunction(compute: (K: number) => number[]): (k: number) => number {
  let cache: number[] = [1];
  return (k: number) => {
    requireInteger("k", k, 0);
    if (k >= cache.length) cache = compute(Math.max(k, 4));
    return cache[k];
  };
}

/**
 * The point mass δ_c as a convolution result: all its mass in the atom at c, a zero density on a grid around c
 * (so that figures have an axis). Exact: cdf is the step at c, moment(k) = c^k. A ⊠ or ⊞ of point masses is one
 * (δ_a ⊠ δ_b = δ_{ab}, δ_a ⊞ δ_b = δ_{a+b}); no smoothing can resolve it on a grid.
 */
export function pointMassResult(c: number, what = "point mass", points = 400): ConvolutionResult {
  if (typeof c !== "number" || !Number.isFinite(c)) throw new TypeError(`pointMassResult: c must be a finite number, got ${describe(c)}`);
  requireInteger("points", points, 2);
  const half = Math.max(0.05 * Math.abs(c), 1e-3);
  const x = new Float64Array(points).map((_, i) => c - half + (2 * half * i) / (points - 1));
  return convolutionResult(x, new Float64Array(points), { at: c, mass: 1 }, 0, 0, what, false, (k) => c ** k);
}

/**
 * Wraps a computed density. `missingMassAtLeft`: the continuous mass not seen on the grid (1 − atom − ∫ grid) is
 * put just left of the grid (for ⊠, whose densities can blow up at 0); otherwise the grid density is normalised.
 */
export function convolutionResult(
  x: Float64Array,
  density: Float64Array,
  atom: ConvolutionResult["atom"],
  eta: number,
  maxIt: number,
  what: string,
  missingMassAtLeft = false,
  exactMoment: ((k: number) => number) | null = null,
): ConvolutionResult {
  const n = x.length;
  const cum = new Float64Array(n);
  const cont = 1 - (atom ? atom.mass : 0);
  for (let i = 1; i < n; i++) cum[i] = cum[i - 1] + 0.5 * (density[i] + density[i - 1]) * (x[i] - x[i - 1]);
  let total = cum[n - 1] > 0 ? cum[n - 1] : 1;
  if (missingMassAtLeft && cum[n - 1] < cont) {
    const left = cont - cum[n - 1];
    for (let i = 0; i < n; i++) cum[i] += left;
    total = cont;
  }
  const densityMoment = (k: number): number => {
    let s = 0;
    for (let i = 1; i < n; i++) s += 0.5 * (density[i] * x[i] ** k + density[i - 1] * x[i - 1] ** k) * (x[i] - x[i - 1]);
    const left = (cum[0] / total) * cont * x[0] ** k;
    return (s / total) * cont + left + (atom ? atom.mass * atom.at ** k : 0);
  };
  return {
    x,
    density,
    atom,
    eta,
    maxIterations: maxIt,
    cdf(v: number) {
      let c: number;
      if (v < x[0]) c = 0;
      else if (v >= x[n - 1]) c = cont;
      else c = (interpolateSorted(x, cum, v) / total) * cont;
      return c + (atom && v >= atom.at ? atom.mass : 0);
    },
    moment: (k: number) => (exactMoment ? exactMoment(k) : densityMoment(k)),
    densityMoment,
    toString: () =>
      `${what}: density on ${n} points of [${x[0].toPrecision(4)}, ${x[n - 1].toPrecision(4)}] (η = ${eta.toPrecision(3)})${atom ? `, atom ${atom.mass.toPrecision(4)} at ${atom.at}` : ""}`,
  };
}

/** Checks the options shared by the convolutions before any work (names the option, the expected and the received value). */
export function checkOptions(opts: ConvolutionOptions): void {
  if (opts == null || typeof opts !== "object") throw new TypeError(`options must be an object { points, range, eta, … }, got ${describe(opts)}`);
  if (opts.points !== undefined) requireInteger("points", opts.points, 2);
  if (opts.discretization !== undefined) requireInteger("discretization", opts.discretization, 2);
  if (opts.maxIterations !== undefined) requireInteger("maxIterations", opts.maxIterations, 1);
  if (opts.tol !== undefined) requirePositive("tol", opts.tol);
  if (opts.eta !== undefined) requirePositive("eta", opts.eta);
  if (opts.range !== undefined) {
    const r = opts.range;
    if (!Array.isArray(r) || r.length !== 2 || !Number.isFinite(r[0]) || !Number.isFinite(r[1]) || !(r[1] > r[0])) {
      throw new RangeError(`range must be [lo, hi] with finite lo < hi, got ${Array.isArray(r) ? `[${r.join(", ")}]` : describe(r)}`);
    }
  }
}

export function settings(opts: ConvolutionOptions, lo: number, hi: number, quadratic = false) {
  const points = opts.points ?? 400;
  requireInteger("points", points, 2);
  const range = opts.range ?? [lo, hi];
  if (!(range[1] > range[0])) throw new RangeError(`range must be [lo, hi] with lo < hi, got [${range}]`);
  const eta = opts.eta ?? (quadratic ? 0.0002 : 0.004) * (range[1] - range[0]);
  requirePositive("eta", eta);
  const tol = opts.tol ?? 1e-10;
  const maxIterations = opts.maxIterations ?? 2000;
  // ⊠ uses a grid t² (t equally spaced) that resolves the singular behaviour near 0.
  const x = new Float64Array(points).map((_, i) => {
    const t = i / (points - 1);
    return range[0] + (range[1] - range[0]) * (quadratic ? t * t : t);
  });
  return { points, eta, tol, maxIterations, x };
}

/**
 * The law of c·X for X ~ μ (c > 0), for a computed density: x ↦ c·x, ρ ↦ ρ/c, the atom moves to c·(its position).
 * Mass that the input keeps left of its grid (a ⊠ result) stays there; a normalised grid (⊞, ∗) stays normalised.
 */
export function rescaleConvolution(result: ConvolutionResult, c: number): ConvolutionResult {
  requirePositive("c", c);
  const x = result.x.map((v) => v * c);
  const density = result.density.map((v) => v / c);
  const atom = result.atom ? { at: result.atom.at * c, mass: result.atom.mass } : null;
  const x0 = result.x[0];
  const massLeftOfGrid = result.cdf(x0) - (result.atom && result.atom.at <= x0 ? result.atom.mass : 0);
  const what = result.toString().split(":")[0];
  return convolutionResult(x, density, atom, result.eta * c, result.maxIterations, what, massLeftOfGrid > 0, (k) => result.moment(k) * c ** k);
}

/** The same result with `moment(k)` given by `exactMoment` (for a caller that knows the law's moments exactly). */
export function withMoments(result: ConvolutionResult, exactMoment: (k: number) => number): ConvolutionResult {
  const memo = new Map<number, number>();
  return {
    ...result,
    moment(k: number) {
      requireInteger("k", k, 0);
      if (!memo.has(k)) memo.set(k, exactMoment(k));
      return memo.get(k)!;
    },
  };
}

/**
 * The law of m + s·(X − x̄) for X ~ `result` (s > 0, x̄ its density's mean): x ↦ m + s(x − x̄), ρ ↦ ρ/s. For a
 * result on an even grid away from 0 whose density's mean and spread should be corrected to known values; the
 * exact moments (`moment`) are not touched.
 */
export function shiftScaleConvolution(result: ConvolutionResult, m: number, s: number): ConvolutionResult {
  requirePositive("s", s);
  const mean = result.densityMoment(1);
  const x = result.x.map((v) => m + s * (v - mean));
  const density = result.density.map((v) => v / s);
  const atom = result.atom ? { at: m + s * (result.atom.at - mean), mass: result.atom.mass } : null;
  const what = result.toString().split(":")[0];
  return convolutionResult(x, density, atom, result.eta * s, result.maxIterations, what, false, (k) => result.moment(k));
}
