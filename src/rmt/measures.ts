/**
 * Measures for free probability (Day 2, §10), handled as weighted atoms μ ≈ Σ_i w_i δ_{t_i} (an empirical spectrum
 * is exactly that; an analytic law is discretised by its CDF on a grid clustered at the edges), and their Cauchy
 * (Stieltjes) transform G_μ(z) = ∫ dμ(t)/(z − t), z ∈ ℂ⁺; the density is recovered as ρ(x) ≈ −Im G(x + iη)/π.
 */
import { SpectralLaw, DensityGrid } from "./laws";
import { EmpiricalSpectrum } from "./spectrum";
import { describe, requireAllFinite, requireInteger } from "../util/errors";

/** μ = Σ_i w_i δ_{t_i}. */
export interface DiscreteMeasure {
  atoms: Float64Array;
  weights: Float64Array;
}

/** What the convolutions accept: an analytic law, an empirical spectrum, a list of values, a density grid or atoms. */
export type MeasureInput = SpectralLaw | EmpiricalSpectrum | ArrayLike<number> | DensityGrid | DiscreteMeasure;


export function isLaw(m: unknown): m is SpectralLaw {
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
    const conv = m as { cdf?: unknown; atom?: { at: number; mass: number } | null }; // a ConvolutionResult?
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
export function checkedAtoms(m: DiscreteMeasure): DiscreteMeasure {
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
export function checkGrid(g: DensityGrid): void {
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
export function momentsOf(input: MeasureInput, atoms: DiscreteMeasure, K: number): number[] {
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

export function normalise(atoms: Float64Array, weights: Float64Array): DiscreteMeasure {
  let t = 0;
  for (const w of weights) t += w;
  if (!(t > 0)) throw new RangeError("the measure has zero total mass");
  return { atoms, weights: weights.map((w) => w / t) };
}

/** μ({0}): the total weight of the atoms at 0. */
export function massAtZero(m: DiscreteMeasure): number {
  let mass = 0;
  for (let i = 0; i < m.atoms.length; i++) if (m.atoms[i] === 0) mass += m.weights[i];
  return mass;
}

/** G_μ(z) = Σ_i w_i/(z − t_i) at z = re + i·im; writes [Re G, Im G] into out. */
export function cauchyInto(m: DiscreteMeasure, re: number, im: number, out: Float64Array): void {
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

export function extent(m: DiscreteMeasure): [number, number] {
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
export function effectiveExtent(m: DiscreteMeasure, tail = 1e-9): [number, number] {
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
