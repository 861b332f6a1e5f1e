/**
 * Random networks of Day 2 (signal propagation, Jacobians, kernels): an `MLP` with i.i.d. layers, Gaussian or
 * Haar-orthogonal weights, in the standard or the ntk parametrisation (see `randomNetworkInit` and `MlpOptions`).
 *   standard: W_ij ~ N(0, σ_w²/n_{l−1}), b_i ~ N(0, σ_b²), h_l = W_l x_{l−1} + b_l (the notes: σ_w = 1, σ_b² = 1/n);
 *   ntk:      W_ij ~ N(0, 1), b_i ~ N(0, 1), h_l = (σ_w/√n_{l−1}) W_l x_{l−1} + σ_b b_l.
 * Orthogonal weights: W_l ∝ a block of a Haar orthogonal matrix, scaled so that E[h_{l,i}²] is the same as for
 * Gaussian weights (for square layers: σ_w·O in the standard parametrisation).
 */
import { RandomGenerator, RandomSource, toGenerator } from "../random/index";
import { Activation, ActivationSpec, resolveActivation } from "../special/activations";
import { describe, requireFinite, requireInteger, requireObject } from "../util/errors";
import { randomNetworkInit, Parametrization, WeightDistribution } from "./init";
import { MLP } from "./layers";

/** The law of a random network: what every Day-2 function that samples networks takes (with its sizes). */
export interface RandomNetworkOptions {
  activation: ActivationSpec;
  /** σ_w (default 1). */
  sigmaW?: number;
  /** σ_b (default 0). */
  sigmaB?: number;
  /** "gaussian" (default) or "orthogonal". */
  weights?: WeightDistribution;
  rng: RandomSource;
}

/** Options of `randomFeedForward`. */
export interface FeedForwardOptions extends RandomNetworkOptions {
  /** `[n_0, n_1, …, n_L]`: input size, hidden widths, output size. */
  widths: number[];
  /** "standard" (default) or "ntk". */
  parametrization?: Parametrization;
}

/** A random network is an MLP (the name the Day-2 notebooks use). */
export type FeedForwardNet = MLP;

/** Checks σ_w, σ_b and the weight law of random-network options; returns them with their defaults. */
export function randomNetworkLaw(opts: RandomNetworkOptions): { sigmaW: number; sigmaB: number; weights: WeightDistribution } {
  const sigmaW = opts.sigmaW ?? 1;
  const sigmaB = opts.sigmaB ?? 0;
  requireFinite("sigmaW", sigmaW);
  requireFinite("sigmaB", sigmaB);
  const weights = opts.weights ?? "gaussian";
  if (weights !== "gaussian" && weights !== "orthogonal") throw new RangeError(`weights must be "gaussian" or "orthogonal", got ${describe(weights)}`);
  return { sigmaW, sigmaB, weights };
}

/** A random network with i.i.d. layers (Gaussian or Haar-orthogonal weights), see the module comment. */
export function randomFeedForward(opts: FeedForwardOptions): FeedForwardNet {
  requireObject("randomFeedForward", "options", opts, "an object { widths, activation, sigmaW, sigmaB, weights, rng }");
  const widths = opts.widths;
  if (!Array.isArray(widths) || widths.length < 2) {
    throw new RangeError(`widths must be an array [n_0, …, n_L] of at least 2 layer sizes, got ${describe(widths)}`);
  }
  widths.forEach((w, i) => requireInteger(`widths[${i}]`, w, 1));
  const { sigmaW, sigmaB, weights } = randomNetworkLaw(opts);
  const parametrization = opts.parametrization ?? "standard";
  if (parametrization !== "standard" && parametrization !== "ntk") {
    throw new RangeError(`parametrization must be "standard" or "ntk", got ${describe(parametrization)}`);
  }
  if (opts.activation === undefined) throw new TypeError(`randomFeedForward: activation must be a name such as "relu" or an object {name, f, df}, got undefined`);
  return new MLP(widths, {
    activation: opts.activation,
    init: randomNetworkInit(sigmaW, sigmaB, weights, parametrization),
    rng: toGenerator(opts.rng),
    parametrization,
    sigmaW,
    sigmaB,
  });
}

/** Many square random networks (n_l = n for every layer) with random inputs: the Day-2 experiments' options. */
export interface SquareNetworkOptions extends RandomNetworkOptions {
  /** n, the width of every layer. */
  width: number;
  /** L, the number of layers. */
  depth: number;
  /**
   * Per-coordinate variance q_0 of the random inputs x_0 ~ N(0, q_0 I) (default 1). x_0 does not pass through φ: the
   * first pre-activation has q_1 = σ_w² q_0 + σ_b², so q_0 = q* does NOT start at the fixed point q*; pass
   * `fixedPointInputVariance(q*, { sigmaW, sigmaB })` = (q* − σ_b²)/σ_w² for that.
   */
  inputVariance?: number;
  /** Number of independent networks (initialisations). */
  initializations?: number;
}

/** Square-network options checked, with their defaults, φ resolved and the generator made. */
export interface SquareNetworkSettings {
  width: number;
  depth: number;
  inputVariance: number;
  initializations: number;
  activation: Activation;
  sigmaW: number;
  sigmaB: number;
  weights: WeightDistribution;
  rng: RandomGenerator;
}

/** Checks the options of a square-network experiment (`where` names it in errors). */
export function squareNetworkSettings(where: string, opts: SquareNetworkOptions, defaultInitializations: number): SquareNetworkSettings {
  requireObject(where, "options", opts, "an object { width, depth, activation, sigmaW, sigmaB, … }");
  requireInteger("width", opts.width, 1);
  requireInteger("depth", opts.depth, 1);
  const initializations = opts.initializations ?? defaultInitializations;
  requireInteger("initializations", initializations, 1);
  const inputVariance = opts.inputVariance ?? 1;
  requireFinite("inputVariance", inputVariance);
  const law = randomNetworkLaw(opts);
  const activation = resolveActivation(opts.activation);
  return { width: opts.width, depth: opts.depth, inputVariance, initializations, activation, ...law, rng: toGenerator(opts.rng) };
}

/** One random network of the settings, drawn from their generator. */
export function randomSquareNetwork(s: SquareNetworkSettings): FeedForwardNet {
  return randomFeedForward({
    widths: new Array(s.depth + 1).fill(s.width),
    activation: s.activation,
    sigmaW: s.sigmaW,
    sigmaB: s.sigmaB,
    weights: s.weights,
    rng: s.rng,
  });
}
