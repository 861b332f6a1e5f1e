/**
 * The mean-field variance map of a deep random network (Poole et al. 2016; Schoenholz et al. 2017).
 *
 * With W_{l,ij} ~ N(0, σ_w²/n_{l−1}) and b_{l,i} ~ N(0, σ_b²), at large width every pre-activation h_{l,i} is
 * Gaussian with variance q_l, and
 *   q_l = V(q_{l−1}) = σ_w² E_{h~N(0, q_{l−1})}[φ(h)²] + σ_b².
 * Its fixed point q* = V(q*) is the depth-asymptotic signal size; the slope of the map of correlations at q*,
 *   χ₁ = σ_w² E_{h~N(0, q*)}[φ′(h)²],
 * decides order (χ₁ < 1: gradients vanish) versus chaos (χ₁ > 1: gradients explode); χ₁ = 1 is the edge of
 * chaos. χ₁ is also the mean squared singular value of one layer's Jacobian D_l W_l. Expectations are computed
 * by Gauss–Hermite quadrature, so any activation works.
 */
import { ActivationSpec, resolveActivation } from "../special/activations";
import { gaussianExpectation } from "../special/quadrature";
import { describe, requireFinite, requireInteger } from "../util/errors";

/** The parameters of the mean-field map: σ_w, σ_b and φ. */
export interface MeanFieldOptions {
  sigmaW: number;
  sigmaB: number;
  activation: ActivationSpec;
  /** Gauss–Hermite points (default 80). */
  quadraturePoints?: number;
}

function check(opts: MeanFieldOptions) {
  if (opts == null || typeof opts !== "object") throw new TypeError(`opts must be the options { sigmaW, sigmaB, activation }, got ${describe(opts)}`);
  requireFinite("sigmaW", opts.sigmaW);
  requireFinite("sigmaB", opts.sigmaB);
  const phi = resolveActivation(opts.activation);
  const n = opts.quadraturePoints ?? 80;
  requireInteger("quadraturePoints", n, 1);
  return { phi, n, sw2: opts.sigmaW ** 2, sb2: opts.sigmaB ** 2 };
}

/** One step of the variance map: V(q) = σ_w² E_{h~N(0,q)}[φ(h)²] + σ_b². */
export function meanFieldVarianceMap(q: number, opts: MeanFieldOptions): number {
  requireFinite("q", q);
  if (q < 0) throw new RangeError(`q must be ≥ 0 (a variance), got ${q}`);
  const { phi, n, sw2, sb2 } = check(opts);
  return sw2 * gaussianExpectation((h) => phi.f(h) ** 2, q, n) + sb2;
}

/**
 * q_0, q_1 = V(q_0), …, q_depth: iterates of the variance map from a PRE-ACTIVATION variance q_0 (each step passes
 * through φ). For a network's input x_0, which does not pass through φ, use `preactivationVariances`.
 */
export function meanFieldTrajectory(q0: number, depth: number, opts: MeanFieldOptions): Float64Array {
  requireInteger("depth", depth);
  const out = new Float64Array(depth + 1);
  out[0] = q0;
  for (let l = 1; l <= depth; l++) out[l] = meanFieldVarianceMap(out[l - 1], opts);
  return out;
}

/** The fixed point q* of the variance map, found by iterating q ← V(q). */
export interface MeanFieldFixedPoint {
  /** q* (Infinity when the iteration diverges). */
  qStar: number;
  /** χ₁ = σ_w² E_{h~N(0,q*)}[φ′(h)²] (NaN when q* is infinite). */
  chi1: number;
  iterations: number;
  converged: boolean;
}

/**
 * Iterates q ← V(q) from q0 (default 1) until |Δq| ≤ tol·max(1, q). Diverging iterations (q > 1e12) stop with
 * qStar = Infinity, converged = false. Note: for ReLU with σ_b = 0, σ_w² = 2 every q is fixed (V(q) = q).
 */
export function meanFieldFixedPoint(
  opts: MeanFieldOptions,
  settings: { q0?: number; tol?: number; maxIterations?: number } = {},
): MeanFieldFixedPoint {
  const q0 = settings.q0 ?? 1;
  const tol = settings.tol ?? 1e-12;
  const maxIterations = settings.maxIterations ?? 10000;
  requirePositiveOrZero("q0", q0);
  check(opts);
  let q = q0;
  for (let it = 1; it <= maxIterations; it++) {
    const next = meanFieldVarianceMap(q, opts);
    if (!(next < 1e12)) return { qStar: Infinity, chi1: NaN, iterations: it, converged: false };
    if (Math.abs(next - q) <= tol * Math.max(1, q)) {
      return { qStar: next, chi1: meanFieldChi1(next, opts), iterations: it, converged: true };
    }
    q = next;
  }
  return { qStar: q, chi1: meanFieldChi1(q, opts), iterations: maxIterations, converged: false };
}

function requirePositiveOrZero(name: string, v: number) {
  requireFinite(name, v);
  if (v < 0) throw new RangeError(`${name} must be ≥ 0, got ${v}`);
}

/** `χ₁(q) = σ_w² E_{h~N(0,q)}[φ′(h)²]`: the mean squared singular value of a layer Jacobian at variance q. */
export function meanFieldChi1(q: number, opts: MeanFieldOptions): number {
  requirePositiveOrZero("q", q);
  const { phi, n, sw2 } = check(opts);
  return sw2 * gaussianExpectation((h) => phi.df(h) ** 2, q, n);
}

/**
 * The per-unit variances q_1, …, q_depth of the pre-activations h_1, …, h_depth of a network whose input x_0 has
 * per-coordinate variance q_0 (`inputVariance`). The input does NOT pass through φ, so the first step is affine:
 *   q_1 = σ_w² q_0 + σ_b²,   q_l = V(q_{l−1}) = σ_w² E_{h~N(0,q_{l−1})}[φ(h)²] + σ_b²  (l ≥ 2).
 * Hence an input with q_0 = q* does not start at the fixed point (tanh on the critical line through q* = 1,
 * σ_w ≈ 1.467, σ_b ≈ 0.389: q_0 = 1 gives q_1 ≈ 2.30, q_2 ≈ 1.32, q_3 ≈ 1.11); `fixedPointInputVariance` gives the q_0
 * that does.
 */
export function preactivationVariances(depth: number, inputVariance: number, opts: MeanFieldOptions): Float64Array {
  requireInteger("depth", depth, 1);
  requirePositiveOrZero("inputVariance", inputVariance);
  const { sw2, sb2 } = check(opts);
  const out = new Float64Array(depth);
  out[0] = sw2 * inputVariance + sb2;
  for (let l = 1; l < depth; l++) out[l] = meanFieldVarianceMap(out[l - 1], opts);
  return out;
}

/**
 * The input variance that starts a network AT a fixed point q* of its variance map:
 *   q_0 = (q* − σ_b²)/σ_w²,  so that q_1 = σ_w² q_0 + σ_b² = q*, and then q_l = q* for every l.
 * When q* = V(q*) this is q_0 = E_{h~N(0,q*)}[φ(h)²], the second moment of a unit of x_l = φ(h_l) at the fixed
 * point: the input then looks, to W_1, like the output of a previous layer. Pass it as `inputVariance` to
 * `signalPropagation`, `jacobianSingularValues`, `jacobianSpectrumPrediction` or `jacobianMomentPrediction`.
 * Throws when q* < σ_b² (no input variance reaches it) or σ_w = 0.
 */
export function fixedPointInputVariance(qStar: number, opts: { sigmaW: number; sigmaB: number }): number {
  requirePositiveOrZero("qStar", qStar);
  if (opts == null || typeof opts !== "object") throw new TypeError("fixedPointInputVariance: expected options {sigmaW, sigmaB}");
  requireFinite("sigmaW", opts.sigmaW);
  requireFinite("sigmaB", opts.sigmaB);
  const sw2 = opts.sigmaW ** 2;
  const sb2 = opts.sigmaB ** 2;
  if (sw2 === 0) throw new RangeError("fixedPointInputVariance: sigmaW must be ≠ 0 (with σ_w = 0 the input is ignored), got 0");
  if (qStar < sb2) {
    throw new RangeError(`fixedPointInputVariance: qStar must be ≥ σ_b² = ${sb2} (q_1 = σ_w² q_0 + σ_b² ≥ σ_b²), got ${qStar}`);
  }
  return (qStar - sb2) / sw2;
}

/**
 * The point (σ_w, σ_b) of φ's critical line through the fixed point q*: with h ~ N(0, q*),
 *   σ_w² = 1 / E[φ′(h)²]  (so χ₁ = 1),   σ_b² = q* − σ_w² E[φ(h)²]  (so V(q*) = q*),
 * and `inputVariance` = (q* − σ_b²)/σ_w², the q_0 that starts the network at q* (`fixedPointInputVariance`).
 * Where q* − σ_w² E[φ(h)²] < 0 (tanh at small q*: no bias variance reaches that fixed point) σ_b is 0, the closest
 * point of the line.
 */
export function criticalPoint(activation: ActivationSpec, qStar: number): { sigmaW: number; sigmaB: number; inputVariance: number } {
  const phi = resolveActivation(activation);
  requireFinite("qStar", qStar);
  if (!(qStar > 0)) throw new RangeError(`criticalPoint: qStar must be > 0 (the variance of the fixed point), got ${describe(qStar)}`);
  const sw2 = 1 / gaussianExpectation((h) => phi.df(h) ** 2, qStar);
  if (!Number.isFinite(sw2)) throw new RangeError(`criticalPoint: E[φ′(h)²] = 0 at q* = ${qStar}, so no σ_w makes χ₁ = 1 for ${phi.name}`);
  const point = { sigmaW: Math.sqrt(sw2), sigmaB: Math.sqrt(Math.max(0, qStar - sw2 * gaussianExpectation((h) => phi.f(h) ** 2, qStar))) };
  return { ...point, inputVariance: fixedPointInputVariance(qStar, point) };
}
