/**
 * The empirical spectral distribution (ESD) μ_n = (1/n) Σ_i δ_{λ_i} of a matrix: its eigenvalues (symmetric
 * matrices) or singular values, as a normalised histogram, moments (1/n) Σ λ_i^k, the Cauchy transform
 * G(z) = (1/n) Σ 1/(z − λ_i), and the Kolmogorov–Smirnov distance sup_x |F_n(x) − F(x)| to a law.
 */
import { eigvalsh } from "../linalg/eigh";
import { svdvals } from "../linalg/svd";
import { MatrixInput } from "../linalg/matrix";
import { SpectralLaw } from "./laws";
import { describe, requireAllFinite, requireFinite, requireInteger } from "../util/errors";

/** A normalised histogram: density[i] = (count in bin i)/(n · width), so Σ density·width = 1. */
export interface SpectrumHistogram {
  edges: Float64Array;
  centers: Float64Array;
  density: Float64Array;
}

/** The empirical spectral distribution of a list of real values. */
export class EmpiricalSpectrum {
  /** The values, ascending. */
  readonly values: Float64Array;
  /** "eigenvalues", "singular values" or "values". */
  readonly kind: string;

  constructor(values: ArrayLike<number>, kind = "values") {
    if (values == null || typeof (values as ArrayLike<number>).length !== "number") {
      throw new TypeError(`EmpiricalSpectrum: values must be an array of numbers, got ${describe(values)}`);
    }
    if (values.length === 0) throw new RangeError("EmpiricalSpectrum: values must not be empty");
    requireAllFinite("values", values);
    this.values = Float64Array.from(values).sort();
    this.kind = kind;
  }

  get size(): number {
    return this.values.length;
  }

  /** (1/n) Σ λ_i^k. */
  moment(k: number): number {
    requireInteger("k", k);
    let s = 0;
    for (const v of this.values) s += v ** k;
    return s / this.values.length;
  }

  /** F_n(x) = #{λ_i ≤ x}/n. */
  cdf(x: number): number {
    const v = this.values;
    let lo = 0;
    let hi = v.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (v[mid] <= x) lo = mid + 1;
      else hi = mid;
    }
    return lo / v.length;
  }

  /** Histogram with `bins` equal bins on [lo, hi] (default: the range of the values), normalised to a density. */
  histogram(bins = 50, lo?: number, hi?: number): SpectrumHistogram {
    requireInteger("bins", bins, 1);
    const v = this.values;
    let a = lo ?? v[0];
    let b = hi ?? v[v.length - 1];
    if (!(b > a)) {
      a -= 0.5;
      b += 0.5;
    }
    const w = (b - a) / bins;
    const counts = new Float64Array(bins);
    for (const x of v) {
      if (x < a || x > b) continue;
      counts[Math.min(bins - 1, Math.floor((x - a) / w))]++;
    }
    const edges = new Float64Array(bins + 1).map((_, i) => a + i * w);
    const centers = new Float64Array(bins).map((_, i) => a + (i + 0.5) * w);
    const density = counts.map((c) => c / (v.length * w));
    return { edges, centers, density };
  }

  /**
   * Kolmogorov–Smirnov distance sup_x |F_n(x) − F(x)| to a law's CDF (checked on both sides of every jump).
   *
   * A law with an atom (Marčenko–Pastur with ratio > 1, the ReLU Jacobian's δ_0) is matched by sampled values that
   * are zero only up to rounding (1e-17, −3e-18 …): values within `atomTolerance` × max|λ| of the atom are counted
   * as at the atom, so F_n and F jump there together.
   */
  ksDistance(law: SpectralLaw | { cdf(x: number): number; atom?: { at: number; mass: number } | null }, atomTolerance = 1e-9): number {
    requireFinite("atomTolerance", atomTolerance);
    let v = this.values;
    const atom = (law as SpectralLaw).atom;
    if (atom && atom.mass > 0 && v.length > 0) {
      const tol = atomTolerance * Math.max(Math.abs(v[0]), Math.abs(v[v.length - 1]));
      v = v.map((x) => (Math.abs(x - atom.at) <= tol ? atom.at : x));
    }
    const n = v.length;
    let d = 0;
    for (let i = 0; i < n; ) {
      // A run of equal values v[i] = … = v[j − 1]: F_n jumps from i/n to j/n there.
      let j = i + 1;
      while (j < n && v[j] === v[i]) j++;
      const F = law.cdf(v[i]);
      const Fbelow = law.cdf(v[i] - Math.max(1e-12 * Math.abs(v[i]), 1e-300));
      d = Math.max(d, Math.abs(j / n - F), Math.abs(i / n - Fbelow));
      i = j;
    }
    return d;
  }

  /** The Cauchy transform G(z) = (1/n) Σ 1/(z − λ_i) at z = re + i·im, as [Re G, Im G]. */
  cauchyTransform(re: number, im: number): [number, number] {
    let gr = 0;
    let gi = 0;
    for (const l of this.values) {
      const a = re - l;
      const d = a * a + im * im;
      gr += a / d;
      gi -= im / d;
    }
    return [gr / this.values.length, gi / this.values.length];
  }

  toString(): string {
    const v = this.values;
    const m1 = this.moment(1);
    const m2 = this.moment(2);
    return `EmpiricalSpectrum(${v.length} ${this.kind} in [${v[0].toPrecision(4)}, ${v[v.length - 1].toPrecision(4)}], mean ${m1.toPrecision(4)}, second moment ${m2.toPrecision(4)})`;
  }
}

/** The ESD of any list of values. */
export function empiricalSpectrum(values: ArrayLike<number>, kind = "values"): EmpiricalSpectrum {
  return new EmpiricalSpectrum(values, kind);
}

/** The ESD of the eigenvalues of a symmetric matrix. */
export function eigenvalueSpectrum(A: MatrixInput): EmpiricalSpectrum {
  return new EmpiricalSpectrum(eigvalsh(A), "eigenvalues");
}

/** The ESD of the singular values of a matrix (squared: `singularValueSpectrum(W, true)` gives the eigenvalues of WᵀW or WWᵀ, the smaller). */
export function singularValueSpectrum(A: MatrixInput, squared = false): EmpiricalSpectrum {
  const s = svdvals(A);
  return new EmpiricalSpectrum(squared ? s.map((x) => x * x) : s, squared ? "squared singular values" : "singular values");
}
