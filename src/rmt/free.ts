/**
 * Free probability, numerically (Day 2, §10).
 *
 * Measures are handled as weighted atoms μ ≈ Σ_i w_i δ_{t_i} (an empirical spectrum is exactly that; an analytic
 * law is discretised by its CDF on a grid clustered at the edges). Its Cauchy (Stieltjes) transform is
 *   G_μ(z) = ∫ dμ(t)/(z − t),  z ∈ ℂ⁺,   and the density is recovered as ρ(x) ≈ −Im G(x + iη)/π
 * (exact as η → 0; for finite η it is ρ smoothed by a Cauchy kernel of width η).
 *
 * Free additive convolution μ ⊞ ν by subordination (Belinschi–Bercovici 2007): with F = 1/G and h(w) = F(w) − w,
 * ω₁(z) is the attracting fixed point of w ↦ z + h_ν(z + h_μ(w)), and G_{μ⊞ν}(z) = G_μ(ω₁(z)).
 * Free multiplicative convolution μ ⊠ ν (μ, ν on [0, ∞)): with η_μ(w) = 1 − w/G_μ(1/w) and h_μ(w) = η_μ(w)/w,
 * ω₁(z) is the fixed point of w ↦ z·h_ν(z·h_μ(w)), η_{μ⊠ν}(z) = η_μ(ω₁(z)), and G_{μ⊠ν}(1/z) = z/(1 − η_{μ⊠ν}(z)).
 * The fixed points are iterated at each grid point, started from the previous point's solution.
 */
import { SpectralLaw, DensityGrid } from "./laws";
import { EmpiricalSpectrum } from "./spectrum";
import { describe, requireAllFinite, requireInteger, requirePositive } from "../util/errors";
import { freeAdditiveMoments, freeMultiplicativeMoments } from "./series";
import { binomial } from "../special/numbers";

/** μ = Σ_i w_i δ_{t_i}. */
export interface DiscreteMeasure {
  atoms: Float64Array;
  weights: Float64Array;
}

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

/** What the convolutions accept: an analytic law, an empirical spectrum, a list of values, a density grid or atoms. */
export type MeasureInput = SpectralLaw | EmpiricalSpectrum | ArrayLike<number> | DensityGrid | DiscreteMeasure;

function isLaw(m: unknown): m is SpectralLaw {
  return typeof (m as SpectralLaw).cdf === "function" && Array.isArray((m as SpectralLaw).support);
}

/**
 * μ as weighted atoms. A law is cut into `points` cells x_0 < … < x_points of its support, clustered at the edges,
 * each carrying its mass F(x_{i+1}) − F(x_i) at its midpoint, plus the law's atom.
 */
export function toDiscreteMeasure(m: MeasureInput, points = 1000, name = "measure"): DiscreteMeasure {
  if (m instanceof EmpiricalSpectrum) {
    return { atoms: m.values.slice(), weights: new Float64Array(m.size).fill(1 / m.size) };
  }
  if (m == null || typeof m !== "object") throw new TypeError(`${name} must be a measure (law, spectrum, values, grid or atoms), got ${describe(m)}`);
  if ((m as DiscreteMeasure).atoms && (m as DiscreteMeasure).weights) return checkedAtoms(m as DiscreteMeasure);
  if (isLaw(m)) {
    requireInteger("points", points, 2);
    const [a, b] = m.support;
    const atoms: number[] = [];
    const weights: number[] = [];
    if (m.atom) {
      atoms.push(m.atom.at);
      weights.push(m.atom.mass);
    }
    const atomMass = m.atom ? m.atom.mass : 0;
    const F = (x: number) => m.cdf(x) - (m.atom && x >= m.atom.at ? atomMass : 0);
    let prevX = a;
    let prevF = F(a);
    for (let i = 1; i <= points; i++) {
      const x = a + ((b - a) * (1 - Math.cos((Math.PI * i) / points))) / 2;
      const Fx = i === points ? 1 - atomMass : F(x);
      atoms.push(0.5 * (prevX + x));
      weights.push(Math.max(0, Fx - prevF));
      prevX = x;
      prevF = Fx;
    }
    return normalise(Float64Array.from(atoms), Float64Array.from(weights));
  }
  if ((m as DensityGrid).x && (m as DensityGrid).density) {
    const g = m as DensityGrid;
    checkGrid(g);
    const n = g.x.length;
    const w = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const left = i > 0 ? g.x[i] - g.x[i - 1] : 0;
      const right = i < n - 1 ? g.x[i + 1] - g.x[i] : 0;
      w[i] = Math.max(0, g.density[i]) * 0.5 * (left + right);
    }
    const conv = m as Partial<ConvolutionResult>;
    if (typeof conv.cdf === "function") {
      // A convolution result: the continuous mass its grid does not hold (1 − atom − ∫ grid, spilled left of the
      // grid by the smoothing of a density that blows up at 0) goes to the grid's first point, as in its cdf and
      // moments. Rescaling the grid weights instead would move that mass to the bulk and bias every moment upward.
      const atomMass = conv.atom ? conv.atom.mass : 0;
      let total = 0;
      for (const v of w) total += v;
      const scale = total > 1 - atomMass ? (1 - atomMass) / total : 1;
      for (let i = 0; i < n; i++) w[i] *= scale;
      w[0] += Math.max(0, 1 - atomMass - total * scale);
      if (!conv.atom) return normalise(Float64Array.from(g.x), w);
      return { atoms: Float64Array.from([conv.atom.at, ...g.x]), weights: Float64Array.from([atomMass, ...w]) };
    }
    return normalise(Float64Array.from(g.x), w);
  }
  if (typeof (m as ArrayLike<number>).length !== "number") {
    throw new TypeError(`${name} must be a measure (law, spectrum, values, grid {x, density} or atoms {atoms, weights}), got ${describe(m)}`);
  }
  const values = Float64Array.from(m as ArrayLike<number>);
  if (values.length === 0) throw new RangeError("values: a measure needs at least one value, got an empty array");
  requireAllFinite("values", values);
  return { atoms: values, weights: new Float64Array(values.length).fill(1 / values.length) };
}

/** Weighted atoms as given, after checking them: same lengths, finite atoms, finite weights ≥ 0 of positive total. */
function checkedAtoms(m: DiscreteMeasure): DiscreteMeasure {
  const { atoms, weights } = m;
  if (typeof atoms.length !== "number" || typeof weights.length !== "number") {
    throw new TypeError(`atoms and weights must be arrays of numbers, got atoms = ${describe(atoms)}, weights = ${describe(weights)}`);
  }
  if (atoms.length !== weights.length) {
    throw new RangeError(`atoms and weights must have the same length, got ${atoms.length} atoms and ${weights.length} weights`);
  }
  requireAllFinite("atoms", atoms);
  requireAllFinite("weights", weights);
  let total = 0;
  for (let i = 0; i < weights.length; i++) {
    if (weights[i] < 0) throw new RangeError(`weights must be ≥ 0 (a probability measure), but weight ${i} is ${weights[i]}`);
    total += weights[i];
  }
  if (!(total > 0)) throw new RangeError(`weights must have a positive total (a probability measure), got total ${total}`);
  return { atoms: Float64Array.from(atoms), weights: Float64Array.from(weights) };
}

/** A density grid: x and density of the same length ≥ 2, finite, x increasing, density ≥ 0. */
function checkGrid(g: DensityGrid): void {
  if (g.x.length !== g.density.length) {
    throw new RangeError(`a density grid needs x and density of the same length, got ${g.x.length} and ${g.density.length}`);
  }
  if (g.x.length < 2) throw new RangeError(`a density grid needs at least 2 points, got ${g.x.length}`);
  requireAllFinite("x (of the density grid)", g.x);
  requireAllFinite("density (of the density grid)", g.density);
  for (let i = 1; i < g.x.length; i++) {
    if (!(g.x[i] > g.x[i - 1])) throw new RangeError(`x (of the density grid) must be increasing, but x[${i}] = ${g.x[i]} ≤ x[${i - 1}] = ${g.x[i - 1]}`);
  }
  for (let i = 0; i < g.density.length; i++) {
    if (g.density[i] < 0) throw new RangeError(`density (of the density grid) must be ≥ 0, but density[${i}] is ${g.density[i]}`);
  }
}

/**
 * The moments [1, m_1, …, m_K] of a measure input: a law's, a spectrum's or a convolution result's own moments
 * (exact), else those of its weighted atoms.
 */
function momentsOf(input: MeasureInput, atoms: DiscreteMeasure, K: number): number[] {
  const own = (input as { moment?: unknown }).moment;
  if (typeof own === "function") return Array.from({ length: K + 1 }, (_, k) => (k === 0 ? 1 : (own as (k: number) => number).call(input, k)));
  const out = new Array(K + 1).fill(0);
  for (let i = 0; i < atoms.atoms.length; i++) {
    let p = atoms.weights[i];
    for (let k = 0; k <= K; k++) {
      out[k] += p;
      p *= atoms.atoms[i];
    }
  }
  return out.map((v) => v / out[0]);
}

/** Memoises k ↦ (moments [1, m_1, …, m_k] of a convolution)[k], recomputed when a higher k is asked. */
function momentFunction(compute: (K: number) => number[]): (k: number) => number {
  let cache: number[] = [1];
  return (k: number) => {
    requireInteger("k", k, 0);
    if (k >= cache.length) cache = compute(Math.max(k, 4));
    return cache[k];
  };
}

function normalise(atoms: Float64Array, weights: Float64Array): DiscreteMeasure {
  let t = 0;
  for (const w of weights) t += w;
  if (!(t > 0)) throw new RangeError("the measure has zero total mass");
  return { atoms, weights: weights.map((w) => w / t) };
}

/** G_μ(z) = Σ_i w_i/(z − t_i) at z = re + i·im; writes [Re G, Im G] into out. */
function cauchyInto(m: DiscreteMeasure, re: number, im: number, out: Float64Array): void {
  const t = m.atoms;
  const w = m.weights;
  let gr = 0;
  let gi = 0;
  const im2 = im * im;
  for (let i = 0; i < t.length; i++) {
    const a = re - t[i];
    const d = w[i] / (a * a + im2);
    gr += a * d;
    gi -= im * d;
  }
  out[0] = gr;
  out[1] = gi;
}

/** The Cauchy (Stieltjes) transform G_μ(z) = ∫ dμ(t)/(z − t) at z = re + i·im, as [Re G, Im G]. */
export function cauchyTransform(measure: MeasureInput, re: number, im: number): [number, number] {
  const m = toDiscreteMeasure(measure);
  const out = new Float64Array(2);
  cauchyInto(m, re, im, out);
  return [out[0], out[1]];
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

function extent(m: DiscreteMeasure): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < m.atoms.length; i++) {
    if (m.weights[i] <= 0) continue;
    lo = Math.min(lo, m.atoms[i]);
    hi = Math.max(hi, m.atoms[i]);
  }
  return [lo, hi];
}

/**
 * [lo, hi] holding all but `tail` of the mass on each side: where a measure really lives. Gauss–Hermite-like
 * discretisations carry atoms of weight 1e-30 far out, which must not decide a grid.
 */
function effectiveExtent(m: DiscreteMeasure, tail = 1e-9): [number, number] {
  const order = Array.from(m.atoms.keys()).sort((i, j) => m.atoms[i] - m.atoms[j]);
  let total = 0;
  for (const w of m.weights) total += w;
  let lo = NaN;
  let hi = NaN;
  let cum = 0;
  for (const i of order) {
    cum += m.weights[i];
    if (cum > tail * total) {
      lo = m.atoms[i];
      break;
    }
  }
  cum = 0;
  for (let r = order.length - 1; r >= 0; r--) {
    cum += m.weights[order[r]];
    if (cum > tail * total) {
      hi = m.atoms[order[r]];
      break;
    }
  }
  return [lo, hi];
}

/** c if the measure is the point mass δ_c (every atom of positive weight equal to c, to 1e-12), else null. */
export function pointMassAt(m: DiscreteMeasure): number | null {
  let c: number | null = null;
  for (let i = 0; i < m.atoms.length; i++) {
    if (m.weights[i] <= 0) continue;
    if (c === null) c = m.atoms[i];
    else if (Math.abs(m.atoms[i] - c) > 1e-12 * Math.max(1, Math.abs(c))) return null;
  }
  return c;
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
  return makeResult(x, new Float64Array(points), { at: c, mass: 1 }, 0, 0, what, false, (k) => c ** k);
}

/**
 * Wraps a computed density. `missingMassAtLeft`: the continuous mass not seen on the grid (1 − atom − ∫ grid) is
 * put just left of the grid (for ⊠, whose densities can blow up at 0); otherwise the grid density is normalised.
 */
function makeResult(
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
      else {
        let lo = 0;
        let hi = n - 1;
        while (hi - lo > 1) {
          const mid = (lo + hi) >> 1;
          if (x[mid] <= v) lo = mid;
          else hi = mid;
        }
        const t = (v - x[lo]) / (x[hi] - x[lo]);
        c = ((cum[lo] + t * (cum[hi] - cum[lo])) / total) * cont;
      }
      return c + (atom && v >= atom.at ? atom.mass : 0);
    },
    moment: (k: number) => (exactMoment ? exactMoment(k) : densityMoment(k)),
    densityMoment,
    toString: () =>
      `${what}: density on ${n} points of [${x[0].toPrecision(4)}, ${x[n - 1].toPrecision(4)}] (η = ${eta.toPrecision(3)})${atom ? `, atom ${atom.mass.toPrecision(4)} at ${atom.at}` : ""}`,
  };
}

/** Checks the options shared by the convolutions before any work (names the option, the expected and the received value). */
function checkOptions(opts: ConvolutionOptions): void {
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

function settings(opts: ConvolutionOptions, lo: number, hi: number, quadratic = false) {
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
  return makeResult(x, density, atom, result.eta * c, result.maxIterations, what, massLeftOfGrid > 0, (k) => result.moment(k) * c ** k);
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
  return makeResult(x, density, atom, result.eta * s, result.maxIterations, what, false, (k) => result.moment(k));
}

/**
 * μ ⊞ ν as a density on a grid, by the subordination fixed point (see the module comment). For matrices:
 * the limit spectrum of A + U B Uᵀ with U Haar orthogonal, μ = spectrum of A, ν = spectrum of B.
 */
export function freeAdditiveConvolution(mu: MeasureInput, nu: MeasureInput, opts: ConvolutionOptions = {}): ConvolutionResult {
  checkOptions(opts);
  const disc = opts.discretization ?? 1000;
  const a = toDiscreteMeasure(mu, disc, "mu");
  const b = toDiscreteMeasure(nu, disc, "nu");
  const what = "free additive convolution μ ⊞ ν";
  const ca = pointMassAt(a);
  const cb = pointMassAt(b);
  if (ca !== null && cb !== null) return pointMassResult(ca + cb, what, opts.points ?? 400);
  const exact = momentFunction((K) => freeAdditiveMoments(momentsOf(mu, a, K), momentsOf(nu, b, K)));
  const [a0, a1] = extent(a);
  const [b0, b1] = extent(b);
  const pad = 0.05 * (a1 - a0 + b1 - b0) + 1e-9;
  const { eta, tol, maxIterations, x } = settings(opts, a0 + b0 - pad, a1 + b1 + pad);
  const density = new Float64Array(x.length);
  const g = new Float64Array(2);
  let wr = x[0];
  let wi = eta + 1;
  let worst = 0;
  for (let p = 0; p < x.length; p++) {
    const zr = x[p];
    const zi = eta;
    let it = 0;
    for (; it < maxIterations; it++) {
      // h_μ(w) = 1/G_μ(w) − w
      cauchyInto(a, wr, wi, g);
      let d = g[0] * g[0] + g[1] * g[1];
      const ur = zr + g[0] / d - wr;
      const ui = zi - g[1] / d - wi;
      // ω₂ = z + h_μ(ω₁); ω₁ ← z + h_ν(ω₂)
      cauchyInto(b, ur, ui, g);
      d = g[0] * g[0] + g[1] * g[1];
      const nr = zr + g[0] / d - ur;
      const ni = Math.max(zi - g[1] / d - ui, zi);
      const change = Math.abs(nr - wr) + Math.abs(ni - wi);
      wr = nr;
      wi = ni;
      if (change < tol * (1 + Math.abs(wr) + Math.abs(wi))) break;
    }
    worst = Math.max(worst, it);
    cauchyInto(a, wr, wi, g);
    density[p] = Math.max(0, -g[1] / Math.PI);
  }
  return makeResult(x, density, null, eta, worst, what, false, exact);
}

/** η_μ(w) = 1 − w/G_μ(1/w), written into out as [Re, Im]. */
function etaInto(m: DiscreteMeasure, wr: number, wi: number, out: Float64Array, g: Float64Array): void {
  const d = wr * wr + wi * wi;
  cauchyInto(m, wr / d, -wi / d, g); // G(1/w)
  const gd = g[0] * g[0] + g[1] * g[1];
  // w/G = w·conj(G)/|G|²
  const qr = (wr * g[0] + wi * g[1]) / gd;
  const qi = (wi * g[0] - wr * g[1]) / gd;
  out[0] = 1 - qr;
  out[1] = -qi;
}

/**
 * μ ⊠ ν (both on [0, ∞)) as a density on a grid of (0, hi] (points ∝ t², dense near 0), plus the atom at 0 of mass max(μ({0}), ν({0})).
 * For matrices: the limit spectrum of A^{1/2} U B Uᵀ A^{1/2} (the eigenvalues of AUBUᵀ), U Haar orthogonal.
 */
export function freeMultiplicativeConvolution(mu: MeasureInput, nu: MeasureInput, opts: ConvolutionOptions = {}): ConvolutionResult {
  checkOptions(opts);
  const disc = opts.discretization ?? 1000;
  const a = toDiscreteMeasure(mu, disc, "mu");
  const b = toDiscreteMeasure(nu, disc, "nu");
  const [a0, a1] = extent(a);
  const [b0, b1] = extent(b);
  if (a0 < 0 || b0 < 0) throw new RangeError(`freeMultiplicativeConvolution: both measures must live on [0, ∞), got smallest points ${a0} and ${b0}`);
  const what = "free multiplicative convolution μ ⊠ ν";
  const ca = pointMassAt(a);
  const cb = pointMassAt(b);
  if (ca !== null && cb !== null) return pointMassResult(ca * cb, what, opts.points ?? 400);
  const exact = momentFunction((K) => {
    const ma = momentsOf(mu, a, K);
    const mb = momentsOf(nu, b, K);
    // A factor of mean 0 is δ_0 (it lives on [0, ∞)), and so is the product.
    if (ma[1] === 0 || mb[1] === 0) return ma.map((_, k) => (k === 0 ? 1 : 0));
    return freeMultiplicativeMoments(ma, mb);
  });
  // A product bounded away from 0 (narrow laws, e.g. φ′² of tanh at a small input variance): its support lies in
  // [a₀b₀, a₁b₁], and an even grid over it with η = 0.0002 × its width resolves it. The t² grid on (0, hi] below is for
  // laws that reach 0, whose density can blow up there; on a narrow law far from 0 its spacing exceeds η and the
  // density falls between grid points.
  // The grid then spans m₁ ± 6σ of the product (exact moments), cut to [a₀b₀, a₁b₁]: the φ′² laws have thin tails
  // far out (1 − φ′(h)² ∝ h² for small h) that would otherwise stretch the grid over nothing.
  const [qa0, qa1] = effectiveExtent(a);
  const [qb0, qb1] = effectiveExtent(b);
  const m1 = exact(1);
  const sd = Math.sqrt(Math.max(exact(2) - m1 * m1, 0));
  const mass0 = (m: DiscreteMeasure) => {
    let s = 0;
    for (let i = 0; i < m.atoms.length; i++) if (m.atoms[i] === 0) s += m.weights[i];
    return s;
  };
  const atomMass = Math.max(mass0(a), mass0(b));
  const lo = Math.max(qa0 * qb0, m1 - 6 * sd);
  const hi = Math.min(qa1 * qb1, m1 + 6 * sd);
  const awayFromZero = atomMass === 0 && hi > lo && lo > 0.002 * hi;
  let hiDefault = a1 * b1 * 1.05 + 1e-9;
  if (!opts.range && !awayFromZero) {
    // a₁b₁ bounds the support but can be loose (MP(1) ⊠ MP(1): 16 against 6.75), and iterated products would
    // compound it: a coarse first pass finds where the density really ends.
    const coarse = freeMultiplicativeConvolution(a, b, { ...opts, points: 120, eta: 0.002 * hiDefault, range: [hiDefault * 1e-6, hiDefault] });
    const xs = coarse.x;
    const ds = coarse.density;
    let tail = 0;
    let last = xs.length - 1;
    while (last > 1) {
      tail += 0.5 * (ds[last] + ds[last - 1]) * (xs[last] - xs[last - 1]);
      if (tail > 2e-3) break;
      last--;
    }
    hiDefault = Math.min(hiDefault, xs[last] * 1.3);
  }
  const pad = 0.05 * (hi - lo) + 1e-12 * hi;
  const { eta, tol, maxIterations, x } = awayFromZero
    ? settings({ ...opts, eta: opts.eta ?? 0.0002 * (hi - lo + 2 * pad) }, Math.max(0.5 * lo, lo - pad), hi + pad, false)
    : settings(opts, hiDefault * 1e-6, hiDefault, true);
  const density = new Float64Array(x.length);
  const e = new Float64Array(2);
  const g = new Float64Array(2);
  let worst = 0;
  let wr = NaN;
  let wi = NaN;
  for (let p = 0; p < x.length; p++) {
    // z = 1/(x + iη), in the lower half-plane.
    const dd = x[p] * x[p] + eta * eta;
    const zr = x[p] / dd;
    const zi = -eta / dd;
    if (!Number.isFinite(wr)) {
      wr = zr;
      wi = zi;
    }
    let it = 0;
    for (; it < maxIterations; it++) {
      // v = z·h_μ(w) = z·η_μ(w)/w
      etaInto(a, wr, wi, e, g);
      let d = wr * wr + wi * wi;
      let hr = (e[0] * wr + e[1] * wi) / d;
      let hi = (e[1] * wr - e[0] * wi) / d;
      const vr = zr * hr - zi * hi;
      const vi = zr * hi + zi * hr;
      // w ← z·h_ν(v)
      etaInto(b, vr, vi, e, g);
      d = vr * vr + vi * vi;
      hr = (e[0] * vr + e[1] * vi) / d;
      hi = (e[1] * vr - e[0] * vi) / d;
      const nr = zr * hr - zi * hi;
      const ni = zr * hi + zi * hr;
      const change = Math.abs(nr - wr) + Math.abs(ni - wi);
      wr = nr;
      wi = Math.min(ni, -1e-300); // stay in the lower half-plane
      if (change < tol * (Math.abs(wr) + Math.abs(wi))) break;
    }
    worst = Math.max(worst, it);
    // G_{μ⊠ν}(x + iη) = z/(1 − η_μ(ω₁))
    etaInto(a, wr, wi, e, g);
    const or = 1 - e[0];
    const oi = -e[1];
    const od = or * or + oi * oi;
    const Gi = (zi * or - zr * oi) / od;
    // Remove the Cauchy-smoothed atom at 0 (its contribution to −Im G/π is mass·η/(π(x² + η²))).
    const rho = -Gi / Math.PI - (atomMass * eta) / (Math.PI * dd);
    density[p] = Math.max(0, rho);
  }
  return makeResult(x, density, atomMass > 0 ? { at: 0, mass: atomMass } : null, eta, worst, what, !awayFromZero, exact);
}

/**
 * The classical convolution μ ∗ ν (the law of X + Y for independent X ~ μ, Y ~ ν), for contrast with ⊞:
 * every pair of atoms t_i + s_j with mass w_i v_j, smoothed with the same Cauchy kernel of width η on the grid.
 */
export function classicalConvolution(mu: MeasureInput, nu: MeasureInput, opts: ConvolutionOptions = {}): ConvolutionResult {
  checkOptions(opts);
  const disc = opts.discretization ?? 400;
  const a = toDiscreteMeasure(mu, disc, "mu");
  const b = toDiscreteMeasure(nu, disc, "nu");
  const what = "classical convolution μ ∗ ν";
  const ca = pointMassAt(a);
  const cb = pointMassAt(b);
  if (ca !== null && cb !== null) return pointMassResult(ca + cb, what, opts.points ?? 400);
  // E(X + Y)^k = Σ_j C(k, j) E X^j E Y^{k−j} for independent X, Y.
  const exact = momentFunction((K) => {
    const ma = momentsOf(mu, a, K);
    const mb = momentsOf(nu, b, K);
    return ma.map((_, k) => {
      let s = 0;
      for (let j = 0; j <= k; j++) s += binomial(k, j) * ma[j] * mb[k - j];
      return s;
    });
  });
  const [a0, a1] = extent(a);
  const [b0, b1] = extent(b);
  const pad = 0.05 * (a1 - a0 + b1 - b0) + 1e-9;
  const { eta, x } = settings(opts, a0 + b0 - pad, a1 + b1 + pad);
  const n = x.length;
  const h = (x[n - 1] - x[0]) / (n - 1);
  // Bin the pair sums on the grid, then smooth with the Cauchy kernel.
  const bins = new Float64Array(n);
  for (let i = 0; i < a.atoms.length; i++)
    for (let j = 0; j < b.atoms.length; j++) {
      const k = Math.round((a.atoms[i] + b.atoms[j] - x[0]) / h);
      if (k >= 0 && k < n) bins[k] += a.weights[i] * b.weights[j];
    }
  const density = new Float64Array(n);
  for (let p = 0; p < n; p++) {
    let s = 0;
    for (let k = 0; k < n; k++) {
      if (bins[k] === 0) continue;
      const d = x[p] - x[k];
      s += (bins[k] * eta) / (Math.PI * (d * d + eta * eta));
    }
    density[p] = s;
  }
  return makeResult(x, density, null, eta, 0, what, false, exact);
}

/**
 * The R-transform R(w) = G^{⟨−1⟩}(w) − 1/w of a measure at a real w ≠ 0 small enough: G is decreasing from
 * G(b⁺) to 0 on (b, ∞) right of the support (and from 0 to G(a⁻) on (−∞, a)), so G(x) = w is solved there by
 * bisection. Semicircle: R(w) = σ²w; Marčenko–Pastur: R(w) = σ²/(1 − σ²λw). R_{μ⊞ν} = R_μ + R_ν.
 */
export function rTransform(measure: MeasureInput, w: number, discretization = 1000): number {
  const m = toDiscreteMeasure(measure, discretization);
  if (!Number.isFinite(w) || w === 0) throw new RangeError(`rTransform: w must be a finite non-zero number, got ${w}`);
  const [lo, hi] = extent(m);
  const g = new Float64Array(2);
  const G = (x: number) => {
    cauchyInto(m, x, 0, g);
    return g[0];
  };
  const width = Math.max(hi - lo, 1e-12);
  // Bracket: the solution lies between the support edge and the edge + 1/|w| + width.
  let a = w > 0 ? hi + 1e-12 * width : lo - 1 / Math.abs(w) - 2 * width;
  let b = w > 0 ? hi + 1 / w + 2 * width : lo - 1e-12 * width;
  if ((w > 0 && G(a) < w) || (w < 0 && G(b) > w)) {
    throw new RangeError(`rTransform: w = ${w} is outside the range of G off the support (|w| must be smaller); try a smaller |w|`);
  }
  for (let it = 0; it < 200; it++) {
    const mid = 0.5 * (a + b);
    if (G(mid) > w) a = mid;
    else b = mid;
  }
  return 0.5 * (a + b) - 1 / w;
}

/**
 * The S-transform S(y) = χ(y)(1 + y)/y of a measure on [0, ∞) at a real y ∈ (μ({0}) − 1, 0), where χ is the
 * inverse of ψ(x) = ∫ xt/(1 − xt) dμ(t), increasing on (−∞, 0) from μ({0}) − 1 to 0 (solved by bisection).
 * Marčenko–Pastur: S(y) = 1/(σ²(1 + λy)). S_{μ⊠ν} = S_μ S_ν.
 */
export function sTransform(measure: MeasureInput, y: number, discretization = 1000): number {
  const m = toDiscreteMeasure(measure, discretization);
  const [lo, hi] = extent(m);
  if (lo < 0) throw new RangeError(`sTransform: the measure must live on [0, ∞), its smallest point is ${lo}`);
  let mass0 = 0;
  for (let i = 0; i < m.atoms.length; i++) if (m.atoms[i] === 0) mass0 += m.weights[i];
  if (!(y < 0 && y > mass0 - 1)) throw new RangeError(`sTransform: y must lie in (μ({0}) − 1, 0) = (${mass0 - 1}, 0), got ${y}`);
  const psi = (x: number) => {
    let s = 0;
    for (let i = 0; i < m.atoms.length; i++) s += (m.weights[i] * x * m.atoms[i]) / (1 - x * m.atoms[i]);
    return s;
  };
  let a = -1 / Math.max(hi, 1e-300);
  while (psi(a) > y) a *= 2;
  let b = 0;
  for (let it = 0; it < 200; it++) {
    const mid = 0.5 * (a + b);
    if (psi(mid) > y) b = mid;
    else a = mid;
  }
  const chi = 0.5 * (a + b);
  return (chi * (1 + y)) / y;
}
