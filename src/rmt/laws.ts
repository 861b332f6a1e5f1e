/**
 * The spectral laws of Day 2 (§8, §10), each as a density on the line, its CDF and its moments:
 * - semicircle (Wigner): eigenvalues of a symmetric matrix with off-diagonal variance σ²/n;
 * - quarter circle: singular values of an n×n Ginibre matrix with entry variance σ²/n;
 * - Marčenko–Pastur: eigenvalues of (1/n)XXᵀ, X p×n with entry variance σ², ratio λ = p/n (atom 1 − 1/λ at 0 if λ > 1);
 * - Fuss–Catalan of order L: eigenvalues of (G_L⋯G_1)(G_L⋯G_1)ᵀ, G_l n×n Ginibre with entry variance 1/n;
 * - circular law: eigenvalues (complex) of an n×n Ginibre matrix with entry variance r²/n, uniform on the disc.
 */
import { binomial, catalanNumber, fussCatalanNumber, logGamma } from "../special/numbers";
import { describe, requireFinite, requireInteger, requirePositive } from "../util/errors";

/** A probability law on ℝ: a continuous part with a density on [a, b] and possibly one atom. */
export interface SpectralLaw {
  name: string;
  /** `[a, b]`: the support of the continuous part. */
  support: [number, number];
  /** An atom {at, mass} (Marčenko–Pastur with λ > 1 has one at 0), or null. */
  atom: { at: number; mass: number } | null;
  /** Density of the continuous part (its integral is 1 − atom mass). */
  density(x: number): number;
  /** F(x) = μ((−∞, x]). */
  cdf(x: number): number;
  /** ∫ x^k dμ(x). */
  moment(k: number): number;
  toString(): string;
}

/** A density sampled on a grid. */
export interface DensityGrid {
  x: Float64Array;
  density: Float64Array;
}

/** The density of `law` on n equally spaced points of [lo, hi] (default: its support). */
export function lawDensityOnGrid(law: SpectralLaw, n = 400, loIn?: number, hiIn?: number): DensityGrid {
  if (law == null || typeof law.density !== "function" || !Array.isArray(law.support)) {
    throw new TypeError(`lawDensityOnGrid: law must be a spectral law (e.g. semicircleLaw(1)), got ${describe(law)}`);
  }
  const lo = loIn ?? law.support[0];
  const hi = hiIn ?? law.support[1];
  requireFinite("lo", lo);
  requireFinite("hi", hi);
  requireInteger("n", n, 2);
  const x = new Float64Array(n);
  const density = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    x[i] = lo + ((hi - lo) * i) / (n - 1);
    density[i] = law.density(x[i]);
  }
  return { x, density };
}

/**
 * The piecewise-linear interpolant through the points (xs[i], ys[i]) at x, for increasing xs and
 * xs[0] ≤ x < xs[last]: the cell xs[i] ≤ x < xs[i+1] is found by bisection.
 */
export function interpolateSorted(xs: ArrayLike<number>, ys: ArrayLike<number>, x: number): number {
  let lo = 0;
  let hi = xs.length - 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (xs[mid] <= x) lo = mid;
    else hi = mid;
  }
  const t = (x - xs[lo]) / (xs[hi] - xs[lo]);
  return ys[lo] + t * (ys[hi] - ys[lo]);
}

/**
 * A CDF by integrating the density on [a, b] with the substitution x = a + (b − a)(1 − cos πu)/2, which clusters
 * points at both edges (where the laws have square-root or power singularities). Returns F(x).
 */
function tabulatedCdf(density: (x: number) => number, a: number, b: number, atom: { at: number; mass: number } | null, n = 4000) {
  const xs = new Float64Array(n + 1);
  const F = new Float64Array(n + 1);
  const f = (u: number) => {
    const x = a + ((b - a) * (1 - Math.cos(Math.PI * u))) / 2;
    return density(x) * ((b - a) * Math.PI * Math.sin(Math.PI * u)) / 2;
  };
  xs[0] = a;
  for (let i = 1; i <= n; i++) {
    const u0 = (i - 1) / n;
    const u1 = i / n;
    // Gauss–Legendre 2-point on each cell (avoids evaluating at the singular end points).
    const m = (u0 + u1) / 2;
    const h = (u1 - u0) / 2;
    const d = h / Math.sqrt(3);
    F[i] = F[i - 1] + h * (f(m - d) + f(m + d));
    xs[i] = a + ((b - a) * (1 - Math.cos((Math.PI * i) / n))) / 2;
  }
  const total = F[n];
  const cont = 1 - (atom ? atom.mass : 0);
  for (let i = 0; i <= n; i++) F[i] = (F[i] / total) * cont;
  return (x: number) => {
    let c: number;
    if (x <= a) c = 0;
    else if (x >= b) c = cont;
    else c = interpolateSorted(xs, F, x);
    if (atom && x >= atom.at) c += atom.mass;
    return c;
  };
}

function describeLaw(name: string, support: [number, number], atom: { at: number; mass: number } | null) {
  return `${name} on [${support[0].toPrecision(4)}, ${support[1].toPrecision(4)}]${atom ? ` + atom ${atom.mass.toPrecision(4)} at ${atom.at}` : ""}`;
}

/** Semicircle law of variance σ²: ρ(x) = √(4σ² − x²)/(2πσ²) on [−2σ, 2σ]; m_{2k} = C_k σ^{2k}, odd moments 0. */
export function semicircleDensity(x: number, variance = 1): number {
  const r2 = 4 * variance;
  return x * x >= r2 ? 0 : Math.sqrt(r2 - x * x) / (2 * Math.PI * variance);
}

/** The semicircle law of variance σ² (default 1). */
export function semicircleLaw(variance = 1): SpectralLaw {
  requirePositive("variance", variance);
  const r = 2 * Math.sqrt(variance);
  const support: [number, number] = [-r, r];
  return {
    name: `semicircle(σ²=${variance})`,
    support,
    atom: null,
    density: (x) => semicircleDensity(x, variance),
    cdf: (x) => {
      if (x <= -r) return 0;
      if (x >= r) return 1;
      const t = x / r;
      return 0.5 + (t * Math.sqrt(1 - t * t) + Math.asin(t)) / Math.PI;
    },
    moment: (k) => {
      requireInteger("k", k);
      return k % 2 ? 0 : catalanNumber(k / 2) * variance ** (k / 2);
    },
    toString: () => describeLaw(`semicircle(σ²=${variance})`, support, null),
  };
}

/** Quarter-circle density of scale σ: ρ(x) = √(4σ² − x²)/(πσ²) on [0, 2σ]. */
export function quarterCircleDensity(x: number, sigma = 1): number {
  return x < 0 || x > 2 * sigma ? 0 : Math.sqrt(4 * sigma * sigma - x * x) / (Math.PI * sigma * sigma);
}

/**
 * The quarter-circle law: singular values of an n×n Ginibre matrix with entry variance σ²/n.
 * Moments m_k = σ^k 2^{k+1} B((k+1)/2, 3/2)/π (m_{2j} = C_j σ^{2j}, the Catalan numbers again).
 */
export function quarterCircleLaw(sigma = 1): SpectralLaw {
  requirePositive("sigma", sigma);
  const support: [number, number] = [0, 2 * sigma];
  return {
    name: `quarterCircle(σ=${sigma})`,
    support,
    atom: null,
    density: (x) => quarterCircleDensity(x, sigma),
    cdf: (x) => {
      if (x <= 0) return 0;
      if (x >= 2 * sigma) return 1;
      const t = x / (2 * sigma);
      return (2 / Math.PI) * (t * Math.sqrt(1 - t * t) + Math.asin(t));
    },
    moment: (k) => {
      requireInteger("k", k);
      const logB = logGamma((k + 1) / 2) + logGamma(1.5) - logGamma(k / 2 + 2);
      return (sigma ** k * 2 ** (k + 1) * Math.exp(logB)) / Math.PI;
    },
    toString: () => describeLaw(`quarterCircle(σ=${sigma})`, support, null),
  };
}

/**
 * Marčenko–Pastur density (continuous part) of ratio λ and variance σ²:
 * ρ(x) = √((b − x)(x − a)) / (2πσ²λx) on [a, b] = [σ²(1 − √λ)², σ²(1 + √λ)²].
 */
export function marchenkoPasturDensity(x: number, ratio = 1, variance = 1): number {
  const a = variance * (1 - Math.sqrt(ratio)) ** 2;
  const b = variance * (1 + Math.sqrt(ratio)) ** 2;
  if (x <= a || x >= b || x <= 0) return 0;
  return Math.sqrt((b - x) * (x - a)) / (2 * Math.PI * variance * ratio * x);
}

/**
 * The Marčenko–Pastur law: eigenvalues of (1/n)XXᵀ for X ∈ ℝ^{p×n} with entries of variance σ², p/n → λ.
 * For λ > 1 it has an atom of mass 1 − 1/λ at 0. Moments m_k = σ^{2k} Σ_{r=1}^{k} N(k, r) λ^{r−1} (Narayana);
 * free cumulants κ_k = σ^{2k} λ^{k−1} (the free Poisson law).
 */
export function marchenkoPasturLaw(ratio = 1, variance = 1): SpectralLaw {
  requirePositive("ratio", ratio);
  requirePositive("variance", variance);
  const a = variance * (1 - Math.sqrt(ratio)) ** 2;
  const b = variance * (1 + Math.sqrt(ratio)) ** 2;
  const atom = ratio > 1 ? { at: 0, mass: 1 - 1 / ratio } : null;
  const support: [number, number] = [a, b];
  const density = (x: number) => marchenkoPasturDensity(x, ratio, variance);
  const name = `marchenkoPastur(λ=${ratio}, σ²=${variance})`;
  return {
    name,
    support,
    atom,
    density,
    cdf: tabulatedCdf(density, a, b, atom),
    moment: (k) => {
      requireInteger("k", k);
      if (k === 0) return 1;
      let s = 0;
      for (let r = 1; r <= k; r++) s += ((binomial(k, r) * binomial(k, r - 1)) / k) * ratio ** (r - 1);
      return variance ** k * s;
    },
    toString: () => describeLaw(name, support, atom),
  };
}

/**
 * The Fuss–Catalan law of order L: the limit eigenvalue law of P Pᵀ, P = G_L ⋯ G_1, G_l independent n×n
 * Ginibre with entry variance 1/n (L = 1: Marčenko–Pastur with λ = 1). Moments FC_L(k) = ((L+1)k choose k)/(Lk+1);
 * support [0, (L+1)^{L+1}/L^L]. Its density is computed from the parametrisation (Haagerup–Möller 2012;
 * Neuschel 2014), for φ ∈ (0, π/(L+1)):
 *   x(φ) = sin^{L+1}((L+1)φ) / (sin φ · sin^L(Lφ)),   ρ(x(φ)) = sin²φ · sin^{L−1}(Lφ) / (π sin^L((L+1)φ)),
 * inverting x(φ) (decreasing) by bisection.
 */
export function fussCatalanLaw(L: number): SpectralLaw {
  requireInteger("L", L, 1);
  const s = L;
  const xOf = (phi: number) => Math.sin((s + 1) * phi) ** (s + 1) / (Math.sin(phi) * Math.sin(s * phi) ** s);
  const rhoOf = (phi: number) => (Math.sin(phi) ** 2 * Math.sin(s * phi) ** (s - 1)) / (Math.PI * Math.sin((s + 1) * phi) ** s);
  const top = (s + 1) ** (s + 1) / s ** s;
  const phiMax = Math.PI / (s + 1);
  const density = (x: number) => {
    if (x <= 0 || x >= top) return 0;
    let lo = 0;
    let hi = phiMax;
    for (let it = 0; it < 60; it++) {
      const mid = 0.5 * (lo + hi);
      if (xOf(mid) > x) lo = mid;
      else hi = mid;
    }
    return rhoOf(0.5 * (lo + hi));
  };
  const support: [number, number] = [0, top];
  const name = `fussCatalan(L=${L})`;
  return {
    name,
    support,
    atom: null,
    density,
    cdf: tabulatedCdf(density, 0, top, null, 3000),
    moment: (k) => fussCatalanNumber(L, k),
    toString: () => describeLaw(name, support, null),
  };
}

/**
 * The circular law of radius r: uniform on the disc |z| ≤ r in ℂ (eigenvalues of an n×n Ginibre matrix with entry
 * variance r²/n). Density 1/(πr²) inside; the modulus |z| has CDF ρ²/r²; E|z|^{2k} = r^{2k}/(k + 1); E z^k = 0, k ≥ 1.
 */
export function circularLaw(radius = 1) {
  requirePositive("radius", radius);
  return {
    name: `circular(r=${radius})`,
    radius,
    /** Density at z = re + i·im. */
    density: (re: number, im: number) => (re * re + im * im <= radius * radius ? 1 / (Math.PI * radius * radius) : 0),
    /** P(|z| ≤ ρ). */
    modulusCdf: (rho: number) => (rho <= 0 ? 0 : rho >= radius ? 1 : (rho * rho) / (radius * radius)),
    /** E|z|^{2k}. */
    absoluteMoment: (k: number) => radius ** (2 * k) / (k + 1),
    toString: () => `circular law, uniform on |z| ≤ ${radius}`,
  };
}

