/**
 * The forward pass and the backward δ recursion of a fully connected network, written out with matrices: the one
 * backward pass that backprop by hand (`backpropMlp`), the Day-2 Jacobians and the kernels (NTK, per-example
 * gradients) share, and that autograd's result is checked against.
 *
 *   x_0 = x,  h_l = a_l W_l x_{l−1} + β b_l,  x_l = φ(h_l)  (l = 1…L),  f = h_L,
 *   δ_l := ∂(·)/∂h_l:  δ_{l−1} = φ′(h_{l−1}) ⊙ a_l W_lᵀ δ_l,
 *   ∂(·)/∂W_l = a_l δ_l x_{l−1}ᵀ,  ∂(·)/∂b_l = β δ_l,
 *
 * with a_l = β = 1 in the standard parametrisation (lecture §4, §6) and a_l = σ_w/√n_{l−1}, β = σ_b in the ntk
 * one (§11). A batch stores its samples as ROWS (X is N × n_0), so the lines read H_l = a_l X_{l−1} W_lᵀ + β 1 b_lᵀ,
 * Δ_{l−1} = φ′(H_{l−1}) ⊙ (a_l Δ_l W_l), ∂/∂W_l = a_l Δ_lᵀ X_{l−1}, ∂/∂b_l = β Σ_rows Δ_l.
 */
import { gemm } from "../linalg/gemm";
import { asMatrix, fromFloat64, Matrix, MatrixInput } from "../linalg/matrix";
import type { Activation } from "../special/activations";
import { describe, formatShape, requireInteger, shapeMismatch } from "../util/errors";

/** What the passes read of a network (an `MLP` is one): its layers' W_l and b_l, φ and the multipliers. */
export interface LayeredNetwork {
  /** [n_0, n_1, …, n_L]. */
  readonly widths: readonly number[];
  /** layers[l − 1] holds W_l (n_l × n_{l−1}, row-major data) and b_l (or null without biases). */
  readonly layers: ReadonlyArray<{ weight: { data: Float64Array; shape: number[] }; bias: { data: Float64Array } | null }>;
  readonly activation: Activation;
  /** a_1 … a_L and β of the parametrisation. */
  multipliers(): { a: number[]; beta: number };
}

/** The values of one forward pass over a batch: rows are examples. */
export interface ForwardPass {
  /** x_0 … x_{L−1} (N × n_l): the inputs of each layer (x_0 = X). */
  inputs: Matrix[];
  /** h_1 … h_L (N × n_l): the pre-activations; h_L is the output f(X). */
  preactivations: Matrix[];
}

/** Throws unless `net` is a network the passes can read (an MLP, e.g. from `mlp` or `randomFeedForward`). */
export function checkNetwork(net: LayeredNetwork, name = "net"): void {
  if (net == null || !Array.isArray(net.layers) || !Array.isArray(net.widths) || !net.activation || typeof net.multipliers !== "function") {
    throw new TypeError(`${name} must be a network (from mlp or randomFeedForward), got ${describe(net)}`);
  }
  net.layers.forEach(({ weight }, l) => {
    if (weight.shape[0] !== net.widths[l + 1] || weight.shape[1] !== net.widths[l]) {
      throw new RangeError(`${name}.layers[${l}].weight has shape ${formatShape(weight.shape)} but widths say [${net.widths[l + 1]}, ${net.widths[l]}]`);
    }
  });
}

/** The forward pass on the rows of X (N × n_0), keeping every layer's input x_{l−1} and pre-activation h_l. */
export function forwardPass(net: LayeredNetwork, X: MatrixInput): ForwardPass {
  checkNetwork(net);
  let x = asMatrix(X, "X");
  if (x.shape[1] !== net.widths[0]) {
    shapeMismatch("forwardPass(net, X)", "X", x.shape, "the first weight matrix", net.layers[0].weight.shape, "X must have one row per input and n_0 columns");
  }
  const N = x.shape[0];
  const { a, beta } = net.multipliers();
  const L = net.layers.length;
  const inputs: Matrix[] = [];
  const preactivations: Matrix[] = [];
  const phi = net.activation.f;
  for (let l = 0; l < L; l++) {
    const { weight, bias } = net.layers[l];
    const [nOut, nIn] = weight.shape;
    const h = new Float64Array(N * nOut);
    gemm(false, true, N, nOut, nIn, a[l], x.data, weight.data, 0, h); // a_l X W_lᵀ
    if (bias !== null) {
      const b = bias.data;
      for (let m = 0; m < N; m++) for (let i = 0; i < nOut; i++) h[m * nOut + i] += beta * b[i];
    }
    inputs.push(x);
    preactivations.push(fromFloat64(h, N, nOut));
    if (l < L - 1) {
      const next = new Float64Array(h.length);
      for (let i = 0; i < h.length; i++) next[i] = phi(h[i]);
      x = fromFloat64(next, N, nOut);
    }
  }
  return { inputs, preactivations };
}

/**
 * The δ recursion: Δ_l (N × n_l), l = 1…L, from Δ_L down by Δ_{l−1} = φ′(H_{l−1}) ⊙ (a_l Δ_l W_l).
 * `top` is Δ_L: an output coordinate k (Δ_L = e_k in every row, so Δ_l(m) = ∂f_k(x_m)/∂h_l; default 0), or the
 * N × n_L matrix ∂L/∂f of a loss (row-major).
 */
export function backwardDeltas(net: LayeredNetwork, pass: ForwardPass, top: number | ArrayLike<number> = 0): Matrix[] {
  checkNetwork(net);
  if (pass == null || !Array.isArray((pass as ForwardPass).preactivations)) throw new TypeError(`backwardDeltas: pass must be the result of forwardPass(net, X), got ${describe(pass)}`);
  const L = net.layers.length;
  const nL = net.widths[L];
  const N = pass.inputs[0].shape[0];
  let deltaL: Float64Array;
  if (typeof top === "number") {
    requireInteger("output", top);
    if (top >= nL) throw new RangeError(`output must be < n_L = ${nL}, got ${top}`);
    deltaL = new Float64Array(N * nL);
    for (let m = 0; m < N; m++) deltaL[m * nL + top] = 1;
  } else {
    if (top == null || top.length !== N * nL) throw new RangeError(`backwardDeltas: Δ_L must have N × n_L = ${N} × ${nL} entries, got ${describe(top)}`);
    deltaL = Float64Array.from(top);
  }
  const { a } = net.multipliers();
  const deltas: Matrix[] = new Array(L);
  deltas[L - 1] = fromFloat64(deltaL, N, nL);
  const dphi = net.activation.df;
  for (let l = L - 1; l >= 1; l--) {
    const W = net.layers[l].weight;
    const [nOut, nIn] = W.shape;
    const d = new Float64Array(N * nIn);
    gemm(false, false, N, nIn, nOut, a[l], deltas[l].data, W.data, 0, d); // a_l Δ_l W_l
    const h = pass.preactivations[l - 1].data;
    for (let i = 0; i < d.length; i++) d[i] *= dphi(h[i]);
    deltas[l - 1] = fromFloat64(d, N, nIn);
  }
  return deltas;
}

/** ∂/∂W_l = a_l Δ_lᵀ X_{l−1} (n_l × n_{l−1}) and ∂/∂b_l = β Σ_rows Δ_l, from the deltas of `backwardDeltas`. */
export function parameterGradients(net: LayeredNetwork, pass: ForwardPass, deltas: Matrix[]): { weightGrads: Float64Array[]; biasGrads: Float64Array[] } {
  checkNetwork(net);
  if (pass == null || !Array.isArray((pass as ForwardPass).inputs)) throw new TypeError(`parameterGradients: pass must be the result of forwardPass(net, X), got ${describe(pass)}`);
  if (!Array.isArray(deltas) || deltas.length !== net.layers.length) {
    throw new TypeError(`parameterGradients: deltas must be the ${net.layers.length} matrices of backwardDeltas(net, pass, …), got ${describe(deltas)}`);
  }
  const { a, beta } = net.multipliers();
  const N = pass.inputs[0].shape[0];
  const weightGrads: Float64Array[] = [];
  const biasGrads: Float64Array[] = [];
  net.layers.forEach(({ weight, bias }, l) => {
    const [nOut, nIn] = weight.shape;
    const delta = deltas[l].data;
    const gW = new Float64Array(nOut * nIn);
    gemm(true, false, nOut, nIn, N, a[l], delta, pass.inputs[l].data, 0, gW);
    weightGrads.push(gW);
    if (bias !== null) {
      const gb = new Float64Array(nOut);
      for (let i = 0; i < N; i++) for (let j = 0; j < nOut; j++) gb[j] += delta[i * nOut + j];
      if (beta !== 1) for (let j = 0; j < nOut; j++) gb[j] *= beta;
      biasGrads.push(gb);
    }
  });
  return { weightGrads, biasGrads };
}
