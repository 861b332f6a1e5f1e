/**
 * Signal propagation through depth, measured on sampled networks and compared with the mean-field map.
 *
 * For a network with widths n_0 = … = n_L = n, we record ‖h_l‖² for many inputs and many random
 * initialisations. Exploding (growing) or vanishing (shrinking) ‖h_l‖² with depth is what a bad initialisation
 * does; the mean-field prediction is E‖h_l‖² ≈ n·q_l with q_l = V(q_{l−1}).
 */
import { RandomSource, toGenerator } from "../random/index";
import { fromFloat64, asMatrix, MatrixInput } from "../linalg/matrix";
import { ActivationSpec, resolveActivation } from "../special/activations";
import { forwardPass } from "../nn/passes";
import { randomSquareNetwork, SquareNetworkOptions, squareNetworkSettings } from "../nn/random";
import { preactivationVariances } from "./meanField";
import { gaussianExpectation } from "../special/quadrature";
import { requireAllFinite, requireFinite, requireInteger, shapeMismatch, requireObject, requireNumberArray } from "../util/errors";

/** Options of `signalPropagation` (`initializations` default 10). */
export interface SignalPropagationOptions extends SquareNetworkOptions {
  /** Number of random inputs x ~ N(0, q_0 I_n) (default 20), or the inputs themselves (rows, N × n). */
  inputs?: number | MatrixInput;
}

/** Per-layer statistics of ‖h_l‖² (l = 1…L) over inputs × initialisations. */
export interface SignalPropagationResult {
  /** 1, …, L. */
  layers: number[];
  /** Mean of ‖h_l‖² over all samples. */
  meanSquaredNorm: number[];
  /** Standard deviation of ‖h_l‖² over all samples. */
  stdSquaredNorm: number[];
  /** Mean of ‖x_l‖² = ‖φ(h_l)‖². */
  meanSquaredActivation: number[];
  /** The mean-field prediction n·q_l, q_0 = mean ‖x‖²/n. */
  meanFieldPrediction: number[];
  /** samples[l − 1] holds every ‖h_l‖² (length inputs × initialisations). */
  samples: Float64Array[];
  toString(): string;
}

/** ‖h_l‖² through depth over many inputs and initialisations, with the mean-field prediction beside it. */
export function signalPropagation(opts: SignalPropagationOptions): SignalPropagationResult {
  const settings = squareNetworkSettings("signalPropagation", opts, 10);
  const { width, depth, activation, sigmaW, sigmaB, initializations: inits, inputVariance: q0, rng: g } = settings;
  const inp = opts.inputs ?? 20;
  let X;
  if (typeof inp === "number") {
    requireInteger("inputs", inp, 1);
    X = fromFloat64(g.normalArray(inp * width, 0, Math.sqrt(q0)), inp, width);
  } else {
    X = asMatrix(inp, "inputs");
    if (X.shape[1] !== width) shapeMismatch("signalPropagation", "inputs", X.shape, "[N, width]", [X.shape[0], width], "each input row must have width entries");
  }
  const N = X.shape[0];
  const samples = Array.from({ length: depth }, () => new Float64Array(N * inits));
  const act = new Float64Array(depth);
  for (let t = 0; t < inits; t++) {
    const pass = forwardPass(randomSquareNetwork(settings), X);
    for (let l = 0; l < depth; l++) {
      const h = pass.preactivations[l].data;
      for (let m = 0; m < N; m++) {
        let s = 0;
        let sx = 0;
        for (let i = 0; i < width; i++) {
          const v = h[m * width + i];
          s += v * v;
          sx += activation.f(v) ** 2;
        }
        samples[l][t * N + m] = s;
        act[l] += sx / (N * inits);
      }
    }
  }
  let x0 = 0;
  for (let i = 0; i < X.data.length; i++) x0 += X.data[i] ** 2;
  // h_1 = W x_0 + b uses x_0 directly (no φ): q_1 = σ_w² ‖x_0‖²/n + σ_b², then q_l = V(q_{l−1}).
  const qs = preactivationVariances(depth, x0 / N / width, { sigmaW, sigmaB, activation });
  const prediction = Array.from(qs, (q) => width * q);
  const mean = samples.map((s) => s.reduce((a, b) => a + b, 0) / s.length);
  const std = samples.map((s, l) => Math.sqrt(s.reduce((a, b) => a + (b - mean[l]) ** 2, 0) / Math.max(1, s.length - 1)));
  const layers = mean.map((_, l) => l + 1);
  return {
    layers,
    meanSquaredNorm: mean,
    stdSquaredNorm: std,
    meanSquaredActivation: Array.from(act),
    meanFieldPrediction: prediction,
    samples,
    toString() {
      const rows = layers.map(
        (l, i) => `  l=${String(l).padStart(3)}  E‖h_l‖² ≈ ${mean[i].toPrecision(5)} ± ${std[i].toPrecision(3)}   mean field ${prediction[i].toPrecision(5)}`,
      );
      return `SignalPropagation(width ${width}, depth ${depth}, ${activation.name}, σ_w=${sigmaW}, σ_b=${sigmaB}, ${N} inputs × ${inits} inits)\n${rows.join("\n")}`;
    },
  };
}

/** Both sides of E‖h‖² = n_out·(s_w E‖x‖² + s_b), by Monte Carlo and exactly. */
export interface NormIdentityCheck {
  /** Monte Carlo mean of ‖Wx + b‖² over the samples (fresh W, b and x each time). */
  lhs: number;
  /** Its standard error. */
  standardError: number;
  /** Monte Carlo right side n_out·(s_w·mean ‖x‖² + s_b) (= mean ‖x‖² + 1 with s_w = s_b = 1/n_out). */
  rhs: number;
  /** mean ‖x‖² over the inputs used. */
  inputSquaredNorm: number;
  samples: number;
  toString(): string;
}

/**
 * The exact statement behind the notes' E‖h_l‖² = E‖x_{l−1}‖² + 1: for h = Wx + b with W ∈ ℝ^{n_out×n_in},
 * W_ij ~ N(0, s_w), b_i ~ N(0, s_b) independent of each other and of x,
 *   E‖h‖² = Σ_i E(Σ_j W_ij x_j)² + Σ_i E b_i² = n_out·s_w·E‖x‖² + n_out·s_b
 * (the cross terms vanish because E W_ij = E b_i = 0 and E W_ij W_ik = 0 for j ≠ k). So E‖h_l‖² = E‖x_{l−1}‖² + 1
 * holds exactly, for any law of x_{l−1} (e.g. x_{l−1} = φ(h_{l−1}) from the previous layers), when
 * s_w = s_b = 1/n_out (= 1/n for square layers: the notes' W_ij, b_i ~ N(0, 1/n)); with the fan-in convention
 * s_w = 1/n_in it becomes (n_out/n_in)E‖x‖² + n_out s_b.
 * `x` is one input vector, or a matrix whose rows are samples of x (cycled through); both sides are estimated by
 * Monte Carlo over `samples` draws.
 */
export function hiddenNormIdentity(opts: {
  x: ArrayLike<number> | MatrixInput;
  outputWidth?: number;
  weightVariance?: number;
  biasVariance?: number;
  samples?: number;
  rng: RandomSource;
}): NormIdentityCheck {
  requireObject("hiddenNormIdentity", "options", opts, "an object { x, outputWidth, weightVariance, biasVariance, samples, rng }");
  const xs = opts.x as unknown;
  const rows: Float64Array[] = [];
  if (Array.isArray(xs) && Array.isArray(xs[0])) (xs as number[][]).forEach((r) => rows.push(Float64Array.from(r)));
  else if (xs != null && typeof xs === "object" && Array.isArray((xs as { shape?: unknown }).shape) && (xs as { shape: number[] }).shape.length === 2) {
    const M = asMatrix(xs as MatrixInput, "x");
    for (let i = 0; i < M.shape[0]; i++) rows.push(M.data.slice(i * M.shape[1], (i + 1) * M.shape[1]));
  } else {
    requireNumberArray("hiddenNormIdentity: x", xs);
    rows.push(Float64Array.from(xs as ArrayLike<number>));
  }
  const nIn = rows[0].length;
  requireInteger("x.length", nIn, 1);
  rows.forEach((r) => requireAllFinite("x", r));
  const nOut = opts.outputWidth ?? nIn;
  requireInteger("outputWidth", nOut, 1);
  const sw = opts.weightVariance ?? 1 / nOut;
  const sb = opts.biasVariance ?? 1 / nOut;
  requireFinite("weightVariance", sw);
  requireFinite("biasVariance", sb);
  const S = opts.samples ?? 1000;
  requireInteger("samples", S, 2);
  const g = toGenerator(opts.rng);
  let x2 = 0;
  const vals = new Float64Array(S);
  for (let s = 0; s < S; s++) {
    const x = rows[s % rows.length];
    for (const v of x) x2 += v * v;
    let tot = 0;
    for (let i = 0; i < nOut; i++) {
      let h = g.normal(0, Math.sqrt(sb));
      for (let j = 0; j < nIn; j++) h += g.normal(0, Math.sqrt(sw)) * x[j];
      tot += h * h;
    }
    vals[s] = tot;
  }
  x2 /= S;
  const lhs = vals.reduce((a, b) => a + b, 0) / S;
  const variance = vals.reduce((a, b) => a + (b - lhs) ** 2, 0) / (S - 1);
  const rhs = nOut * (sw * x2 + sb);
  const standardError = Math.sqrt(variance / S);
  return {
    lhs,
    standardError,
    rhs,
    inputSquaredNorm: x2,
    samples: S,
    toString: () =>
      `E‖Wx+b‖² ≈ ${lhs.toPrecision(5)} ± ${standardError.toPrecision(2)}  vs  n_out(s_w E‖x‖² + s_b) ≈ ${rhs.toPrecision(5)}  (E‖x‖² ≈ ${x2.toPrecision(5)}; Monte Carlo, ${S} draws)`,
  };
}

/** E φ(h)² against E h² for h ~ N(0, q): Monte Carlo and quadrature. */
export interface ActivationScaleCheck {
  /** E h² = q. */
  preactivationMoment: number;
  /** E φ(h)² by Monte Carlo. */
  monteCarlo: number;
  /** E φ(h)² by Gauss–Hermite quadrature. */
  quadrature: number;
  /** E h² / E φ(h)² by quadrature (= 2 for ReLU: the notes' 「2倍ぐらい」). */
  factor: number;
  toString(): string;
}

/**
 * How much x = φ(h) shrinks the signal: for h ~ N(0, q), E φ(h)² / E h². For ReLU, by symmetry of h,
 * E[max(h,0)²] = E[h² 1{h>0}] = q/2 exactly, hence the factor 2 the weights must make up (He init σ_w² = 2).
 */
export function activationScale(opts: { activation?: ActivationSpec; variance?: number; samples?: number; rng: RandomSource }): ActivationScaleCheck {
  requireObject("activationScale", "options", opts, "an object { activation, variance, samples, rng }");
  const phi = resolveActivation(opts.activation ?? "relu");
  const q = opts.variance ?? 1;
  requireFinite("variance", q);
  const S = opts.samples ?? 100000;
  requireInteger("samples", S, 1);
  const h = toGenerator(opts.rng).normalArray(S, 0, Math.sqrt(q));
  let mc = 0;
  for (let i = 0; i < S; i++) mc += phi.f(h[i]) ** 2;
  mc /= S;
  const quad = gaussianExpectation((v) => phi.f(v) ** 2, q);
  return {
    preactivationMoment: q,
    monteCarlo: mc,
    quadrature: quad,
    factor: q / quad,
    toString: () =>
      `${phi.name}: E h² = ${q}, E φ(h)² = ${quad.toPrecision(6)} (quadrature), ${mc.toPrecision(6)} (Monte Carlo, ${S}); factor E h²/E φ(h)² = ${(q / quad).toPrecision(5)}`,
  };
}
