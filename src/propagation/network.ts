/**
 * A plain fully connected network as arrays of weight matrices, for the Day-2 computations (signal propagation,
 * Jacobians, kernels), independent of the autograd library:
 *   x_0 = x;  h_l = a_l W_l x_{l−1} + β b_l;  x_l = φ(h_l), l = 1…L;  f(x) = h_L,
 * W_l ∈ ℝ^{n_l×n_{l−1}} ("raw" weights, as stored), b_l ∈ ℝ^{n_l}.
 *
 * Two parametrisations of the same random network:
 * - "standard": W_ij ~ N(0, σ_w²/n_{l−1}), b_i ~ N(0, σ_b²), a_l = β = 1 (the notes' choice with σ_w = 1,
 *   σ_b² = 1/n).
 * - "ntk" (Jacot et al. 2018): W_ij ~ N(0, 1), b_i ~ N(0, 1), a_l = σ_w/√n_{l−1}, β = σ_b. Same forward law;
 *   the gradients are scaled so that the NTK has a finite limit as the width grows.
 * Orthogonal weights: W_l ∝ a block of a Haar orthogonal matrix, scaled so that E[h_{l,i}²] is the same as for
 * Gaussian weights (for square layers: σ_w·O in the standard parametrisation).
 */
import { gemm } from "../linalg/gemm";
import { fromFloat64, Matrix, asMatrix, MatrixInput } from "../linalg/matrix";
import { haarOrthogonal, RandomSource, toGenerator } from "../random/index";
import { Activation, ActivationSpec, resolveActivation } from "../special/activations";
import { describe, formatShape, requireFinite, requireInteger, shapeMismatch, requireObject } from "../util/errors";

export type Parametrization = "standard" | "ntk";
export type WeightDistribution = "gaussian" | "orthogonal";

/** A fully connected network f(x) = h_L (see the module comment for the equations). */
export interface FeedForwardNet {
  /** [n_0, n_1, …, n_L]. */
  widths: number[];
  /** W_l (raw), n_l × n_{l−1}, l = 1…L (index l − 1). */
  weights: Matrix[];
  /** b_l (raw), length n_l. */
  biases: Float64Array[];
  activation: Activation;
  parametrization: Parametrization;
  sigmaW: number;
  sigmaB: number;
}

/** Options of `randomFeedForward`. */
export interface FeedForwardOptions {
  /** [n_0, n_1, …, n_L]: input size, hidden widths, output size. */
  widths: number[];
  activation: ActivationSpec;
  /** σ_w (default 1). */
  sigmaW?: number;
  /** σ_b (default 0). */
  sigmaB?: number;
  /** "gaussian" (default) or "orthogonal". */
  weights?: WeightDistribution;
  /** "standard" (default) or "ntk". */
  parametrization?: Parametrization;
  rng: RandomSource;
}

/** The multipliers a_l = (weight multiplier of layer l) and β of the parametrisation. */
export function layerMultipliers(net: FeedForwardNet): { a: number[]; beta: number } {
  checkNet(net);
  if (net.parametrization === "ntk") {
    return { a: net.widths.slice(0, -1).map((n) => net.sigmaW / Math.sqrt(n)), beta: net.sigmaB };
  }
  return { a: net.widths.slice(1).map(() => 1), beta: 1 };
}

/** A random network with i.i.d. layers (Gaussian or Haar-orthogonal weights), see the module comment. */
export function randomFeedForward(opts: FeedForwardOptions): FeedForwardNet {
  requireObject("randomFeedForward", "options", opts, "an object { widths, activation, sigmaW, sigmaB, weights, rng }");
  const widths = opts.widths;
  if (!Array.isArray(widths) || widths.length < 2) {
    throw new RangeError(`widths must be an array [n_0, …, n_L] of at least 2 layer sizes, got ${describe(widths)}`);
  }
  widths.forEach((w, i) => requireInteger(`widths[${i}]`, w, 1));
  const activation = resolveActivation(opts.activation);
  const sigmaW = opts.sigmaW ?? 1;
  const sigmaB = opts.sigmaB ?? 0;
  requireFinite("sigmaW", sigmaW);
  requireFinite("sigmaB", sigmaB);
  const dist = opts.weights ?? "gaussian";
  if (dist !== "gaussian" && dist !== "orthogonal") throw new RangeError(`weights must be "gaussian" or "orthogonal", got ${describe(dist)}`);
  const parametrization = opts.parametrization ?? "standard";
  if (parametrization !== "standard" && parametrization !== "ntk") {
    throw new RangeError(`parametrization must be "standard" or "ntk", got ${describe(parametrization)}`);
  }
  const g = toGenerator(opts.rng);
  const weights: Matrix[] = [];
  const biases: Float64Array[] = [];
  for (let l = 1; l < widths.length; l++) {
    const nIn = widths[l - 1];
    const nOut = widths[l];
    // Raw weights in the ntk parametrisation: unit per-entry variance (or its orthogonal analogue).
    let raw: Float64Array;
    if (dist === "gaussian") raw = g.normalArray(nOut * nIn, 0, 1);
    else {
      const big = Math.max(nIn, nOut);
      const Q = haarOrthogonal(big, g).data;
      raw = new Float64Array(nOut * nIn);
      const s = Math.sqrt(big);
      for (let i = 0; i < nOut; i++) for (let j = 0; j < nIn; j++) raw[i * nIn + j] = s * Q[i * big + j];
    }
    let b = g.normalArray(nOut, 0, 1);
    if (parametrization === "standard") {
      const a = sigmaW / Math.sqrt(nIn);
      for (let i = 0; i < raw.length; i++) raw[i] *= a;
      b = b.map((v) => v * sigmaB);
    }
    weights.push(fromFloat64(raw, nOut, nIn));
    biases.push(b);
  }
  const net: FeedForwardNet = { widths: widths.slice(), weights, biases, activation, parametrization, sigmaW, sigmaB };
  // Printed in a notebook cell, the net shows as a summary line instead of its arrays.
  Object.defineProperty(net, "toString", { value: () => describeFeedForward(net), enumerable: false });
  Object.defineProperty(net, Symbol.for("nodejs.util.inspect.custom"), { value: () => describeFeedForward(net), enumerable: false });
  return net;
}

/** The values of one forward pass over a batch: rows are examples. */
export interface ForwardPass {
  /** x_0 … x_{L−1} (N × n_l): the inputs of each layer (x_0 = X). */
  inputs: Matrix[];
  /** h_1 … h_L (N × n_l): the pre-activations; h_L is the output f(X). */
  preactivations: Matrix[];
}

/** Checks X (N × n_0, rows are inputs) against the net. */
function batch(net: FeedForwardNet, X: MatrixInput, where: string): Matrix {
  const M = asMatrix(X, "X");
  if (M.shape[1] !== net.widths[0]) {
    shapeMismatch(where, "X", M.shape, "the first weight matrix", net.weights[0].shape, "X must have one row per input and n_0 columns");
  }
  return M;
}

/** The forward pass on the rows of X (N × n_0), keeping every layer. */
export function forwardPass(net: FeedForwardNet, X: MatrixInput): ForwardPass {
  let x = batch(net, X, "forwardPass(net, X)");
  const N = x.shape[0];
  const { a, beta } = layerMultipliers(net);
  const L = net.weights.length;
  const inputs: Matrix[] = [];
  const preactivations: Matrix[] = [];
  const phi = net.activation.f;
  for (let l = 0; l < L; l++) {
    const W = net.weights[l];
    const [nOut, nIn] = W.shape;
    const h = new Float64Array(N * nOut);
    const b = net.biases[l];
    for (let m = 0; m < N; m++) for (let i = 0; i < nOut; i++) h[m * nOut + i] = beta * b[i];
    gemm(false, true, N, nOut, nIn, a[l], x.data, W.data, 1, h);
    inputs.push(x);
    const H = fromFloat64(h, N, nOut);
    preactivations.push(H);
    if (l < L - 1) {
      const next = new Float64Array(h.length);
      for (let i = 0; i < h.length; i++) next[i] = phi(h[i]);
      x = fromFloat64(next, N, nOut);
    }
  }
  return { inputs, preactivations };
}

/** f(X): the outputs h_L (N × n_L) of the network on the rows of X. */
export function feedForwardOutput(net: FeedForwardNet, X: MatrixInput): Matrix {
  const p = forwardPass(net, X);
  return p.preactivations[p.preactivations.length - 1];
}

/**
 * Backward pass for one output coordinate k: δ_l(m) = ∂f_k(x_m)/∂h_l for every example m (N × n_l), l = 1…L,
 * by δ_L = e_k, δ_{l−1} = (a_l W_lᵀ δ_l) ∘ φ′(h_{l−1}).
 */
export function backwardDeltas(net: FeedForwardNet, pass: ForwardPass, output = 0): Matrix[] {
  checkNet(net);
  if (pass == null || !Array.isArray((pass as ForwardPass).preactivations)) throw new TypeError(`backwardDeltas: pass must be the result of forwardPass(net, X), got ${describe(pass)}`);
  const L = net.weights.length;
  const nL = net.widths[L];
  requireInteger("output", output);
  if (output >= nL) throw new RangeError(`output must be < n_L = ${nL}, got ${output}`);
  const N = pass.inputs[0].shape[0];
  const { a } = layerMultipliers(net);
  const deltas: Matrix[] = new Array(L);
  const dL = new Float64Array(N * nL);
  for (let m = 0; m < N; m++) dL[m * nL + output] = 1;
  deltas[L - 1] = fromFloat64(dL, N, nL);
  const dphi = net.activation.df;
  for (let l = L - 1; l >= 1; l--) {
    const W = net.weights[l];
    const [nOut, nIn] = W.shape;
    const d = new Float64Array(N * nIn);
    gemm(false, false, N, nIn, nOut, a[l], deltas[l].data, W.data, 0, d);
    const h = pass.preactivations[l - 1].data;
    for (let i = 0; i < d.length; i++) d[i] *= dphi(h[i]);
    deltas[l - 1] = fromFloat64(d, N, nIn);
  }
  return deltas;
}

/** Throws unless `net` looks like a FeedForwardNet. */
export function checkNet(net: FeedForwardNet, name = "net"): void {
  if (net == null || !Array.isArray(net.weights) || !Array.isArray(net.widths) || !net.activation) {
    throw new TypeError(`${name} must be a FeedForwardNet (from randomFeedForward), got ${describe(net)}`);
  }
  net.weights.forEach((W, l) => {
    if (W.shape[0] !== net.widths[l + 1] || W.shape[1] !== net.widths[l]) {
      throw new RangeError(`${name}.weights[${l}] has shape ${formatShape(W.shape)} but widths say [${net.widths[l + 1]}, ${net.widths[l]}]`);
    }
  });
}

/** The shape of the learning library's MLP that `feedForwardFromMlp` reads (layers[l − 1].weight is W_l). */
export interface MlpLike {
  layers: ReadonlyArray<{ weight: { data: Float64Array; shape: number[] }; bias: { data: Float64Array } | null }>;
  activation: Activation;
}

/**
 * A FeedForwardNet with a COPY of the weights of an `MLP` from the learning library (standard parametrisation:
 * h_l = W_l x_{l−1} + b_l), so Jacobians and kernels can be computed for a model built or trained with `mlp(…)`.
 */
export function feedForwardFromMlp(model: MlpLike): FeedForwardNet {
  if (model == null || !Array.isArray(model.layers) || model.layers.length === 0 || !model.activation) {
    throw new TypeError(`feedForwardFromMlp: expected an MLP (with layers and activation), got ${describe(model)}`);
  }
  const weights: Matrix[] = [];
  const biases: Float64Array[] = [];
  const widths: number[] = [model.layers[0].weight.shape[1]];
  model.layers.forEach((layer, l) => {
    const [nOut, nIn] = layer.weight.shape;
    if (nIn !== widths[l]) throw new RangeError(`feedForwardFromMlp: layer ${l + 1} expects ${nIn} inputs but layer ${l} gives ${widths[l]}`);
    weights.push(fromFloat64(Float64Array.from(layer.weight.data), nOut, nIn));
    biases.push(layer.bias ? Float64Array.from(layer.bias.data) : new Float64Array(nOut));
    widths.push(nOut);
  });
  return { widths, weights, biases, activation: model.activation, parametrization: "standard", sigmaW: 1, sigmaB: 1 };
}

/** A one-line summary of a FeedForwardNet, for printing in a notebook. */
export function describeFeedForward(net: FeedForwardNet): string {
  checkNet(net);
  const p = net.weights.reduce((s, W) => s + W.data.length, 0) + net.biases.reduce((s, b) => s + b.length, 0);
  return `FeedForwardNet(${net.widths.join(" → ")}, ${net.activation.name}, ${net.parametrization} parametrisation, σ_w=${net.sigmaW}, σ_b=${net.sigmaB}, ${p} parameters)`;
}
