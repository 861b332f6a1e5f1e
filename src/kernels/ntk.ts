/**
 * Neural tangent kernel and conjugate kernel of a finite network (Day 2, §11).
 *
 * Empirical NTK for a scalar output f = f_θ: Θ(x, x′) = Σ_p ∂f(x)/∂θ_p ∂f(x′)/∂θ_p, on 𝒟 = {x_1…x_N} an N×N
 * matrix. Per layer, with δ_l(x) = ∂f(x)/∂h_l and h_l = a_l W_l x_{l−1} + β b_l,
 *   ∂f/∂W_l = a_l δ_l x_{l−1}ᵀ,  ∂f/∂b_l = β δ_l,   so
 *   Θ(x, x′) = Σ_l ⟨δ_l(x), δ_l(x′)⟩ (a_l² ⟨x_{l−1}(x), x_{l−1}(x′)⟩ + β²),
 * computed for all pairs at once with matrix products (never forming the N×p matrix of gradients).
 * Conjugate kernel (CK): K(x, x′) = ⟨x_{L−1}(x), x_{L−1}(x′)⟩ / n_{L−1}, the Gram matrix of the last hidden features.
 */
import { gemm } from "../linalg/gemm";
import { fromFloat64, Matrix, MatrixInput } from "../linalg/matrix";
import { backwardDeltas, checkNetwork, forwardPass } from "../nn/passes";
import type { FeedForwardNet } from "../nn/random";

/**
 * The N×N empirical NTK Θ_mn = Σ_p ∂f(x_m)/∂θ_p · ∂f(x_n)/∂θ_p of output coordinate f = h_L[`output`] (default 0)
 * on the rows x_1…x_N of X: Θ = GGᵀ with G the N×p matrix of per-example gradients (computed per layer as above).
 */
export function empiricalNtk(net: FeedForwardNet, X: MatrixInput, output = 0): Matrix {
  checkNetwork(net);
  const pass = forwardPass(net, X);
  const deltas = backwardDeltas(net, pass, output);
  const { a, beta } = net.multipliers();
  const N = pass.inputs[0].shape[0];
  const theta = new Float64Array(N * N);
  const dd = new Float64Array(N * N);
  const xx = new Float64Array(N * N);
  for (let l = 0; l < net.layers.length; l++) {
    const [nOut, nIn] = net.layers[l].weight.shape;
    gemm(false, true, N, N, nOut, 1, deltas[l].data, deltas[l].data, 0, dd);
    gemm(false, true, N, N, nIn, a[l] * a[l], pass.inputs[l].data, pass.inputs[l].data, 0, xx);
    const b2 = net.layers[l].bias === null ? 0 : beta * beta;
    for (let i = 0; i < N * N; i++) theta[i] += dd[i] * (xx[i] + b2);
  }
  // Exact symmetry (the products above are symmetric up to rounding).
  for (let i = 0; i < N; i++) for (let j = 0; j < i; j++) theta[i * N + j] = theta[j * N + i] = 0.5 * (theta[i * N + j] + theta[j * N + i]);
  return fromFloat64(theta, N, N);
}

/** K = X_{L−1} X_{L−1}ᵀ / n_{L−1}: the Gram matrix of the last hidden layer's features x_{L−1} = φ(h_{L−1}). */
export function conjugateKernel(net: FeedForwardNet, X: MatrixInput): Matrix {
  checkNetwork(net);
  const pass = forwardPass(net, X);
  const feats = pass.inputs[pass.inputs.length - 1];
  const [N, n] = feats.shape;
  const K = new Float64Array(N * N);
  gemm(false, true, N, N, n, 1 / n, feats.data, feats.data, 0, K);
  return fromFloat64(K, N, N);
}

/**
 * G: the N×p matrix of per-example gradients, G[m][p] = ∂f(x_m)/∂θ_p for output coordinate `output`, with the
 * parameters ordered as `net.parameters()`: W_1 (row-major), b_1, W_2, b_2, …: ∂f/∂W_l = a_l δ_l x_{l−1}ᵀ, ∂f/∂b_l = β δ_l.
 * Θ = GGᵀ (N×N, `empiricalNtk`), and the notes' p×p matrix Σ_m ∇f(x_m)∇f(x_m)ᵀ is GᵀG: the two share their nonzero
 * eigenvalues. Memory N·p: use it on small networks.
 */
export function perExampleGradients(net: FeedForwardNet, X: MatrixInput, output = 0): Matrix {
  checkNetwork(net);
  const pass = forwardPass(net, X);
  const deltas = backwardDeltas(net, pass, output);
  const { a, beta } = net.multipliers();
  const N = pass.inputs[0].shape[0];
  const p = net.parameterCount();
  const G = new Float64Array(N * p);
  for (let m = 0; m < N; m++) {
    let col = 0;
    for (let l = 0; l < net.layers.length; l++) {
      const [nOut, nIn] = net.layers[l].weight.shape;
      const d = deltas[l].data;
      const x = pass.inputs[l].data;
      for (let i = 0; i < nOut; i++) {
        for (let j = 0; j < nIn; j++) G[m * p + col + i * nIn + j] = a[l] * d[m * nOut + i] * x[m * nIn + j];
      }
      col += nOut * nIn;
      if (net.layers[l].bias === null) continue;
      for (let i = 0; i < nOut; i++) G[m * p + col + i] = beta * d[m * nOut + i];
      col += nOut;
    }
  }
  return fromFloat64(G, N, p);
}
