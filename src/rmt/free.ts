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
 *
 * The measures and their Cauchy transform are measures.ts, the result type and the shared options convolution.ts.
 */
import { freeAdditiveMoments, freeMultiplicativeMoments } from "./series";
import { binomial } from "../special/numbers";
import { cauchyInto, DiscreteMeasure, effectiveExtent, extent, massAtZero, MeasureInput, momentsOf, pointMassAt, toDiscreteMeasure } from "./measures";
import { checkOptions, ConvolutionOptions, ConvolutionResult, convolutionResult, momentFunction, pointMassResult, settings } from "./convolution";

/** The options checked, the two inputs as weighted atoms, and c if an input is the point mass δ_c (else null). */
function convolutionInputs(mu: MeasureInput, nu: MeasureInput, opts: ConvolutionOptions, defaultDiscretization: number) {
  checkOptions(opts);
  const disc = opts.discretization ?? defaultDiscretization;
  const a = toDiscreteMeasure(mu, disc, "mu");
  const b = toDiscreteMeasure(nu, disc, "nu");
  return { a, b, ca: pointMassAt(a), cb: pointMassAt(b) };
}

/**
 * μ ⊞ ν as a density on a grid, by the subordination fixed point (see the module comment). For matrices:
 * the limit spectrum of A + U B Uᵀ with U Haar orthogonal, μ = spectrum of A, ν = spectrum of B.
 */
export function freeAdditiveConvolution(mu: MeasureInput, nu: MeasureInput, opts: ConvolutionOptions = {}): ConvolutionResult {
  const { a, b, ca, cb } = convolutionInputs(mu, nu, opts, 1000);
  const what = "free additive convolution μ ⊞ ν";
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
  return convolutionResult(x, density, null, eta, worst, what, false, exact);
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
  const { a, b, ca, cb } = convolutionInputs(mu, nu, opts, 1000);
  const [a0, a1] = extent(a);
  const [b0, b1] = extent(b);
  if (a0 < 0 || b0 < 0) throw new RangeError(`freeMultiplicativeConvolution: both measures must live on [0, ∞), got smallest points ${a0} and ${b0}`);
  const what = "free multiplicative convolution μ ⊠ ν";
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
  const atomMass = Math.max(massAtZero(a), massAtZero(b));
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
  return convolutionResult(x, density, atomMass > 0 ? { at: 0, mass: atomMass } : null, eta, worst, what, !awayFromZero, exact);
}

/**
 * The classical convolution μ ∗ ν (the law of X + Y for independent X ~ μ, Y ~ ν), for contrast with ⊞:
 * every pair of atoms t_i + s_j with mass w_i v_j, smoothed with the same Cauchy kernel of width η on the grid.
 */
export function classicalConvolution(mu: MeasureInput, nu: MeasureInput, opts: ConvolutionOptions = {}): ConvolutionResult {
  const { a, b, ca, cb } = convolutionInputs(mu, nu, opts, 400);
  const what = "classical convolution μ ∗ ν";
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
  return convolutionResult(x, density, null, eta, 0, what, false, exact);
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
  const mass0 = massAtZero(m);
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
